/* rd-quality-page.c — records that need fixing
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-figure-tile.h"
#include "rd-format.h"
#include "rd-quality-page.h"
#include "rd-summary-view.h"

struct _RdQualityPage
{
  GtkWidget     parent_instance;

  GtkLabel     *context_label;
  RdFigureTile *missing_tile;
  RdFigureTile *duplicates_tile;
  RdFigureTile *sla_tile;
};

static void summary_view_iface_init (RdSummaryViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdQualityPage, rd_quality_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (RD_TYPE_SUMMARY_VIEW, summary_view_iface_init))

/* The count, a word for it, and what it is out of. */
static void
show_check (RdFigureTile *tile,
            gint64        count,
            gint64        out_of,
            const char   *what)
{
  g_autofree char *detail = NULL;

  rd_figure_tile_set_count (tile, count);
  if (count > 0)
    rd_figure_tile_set_status (tile, RD_FIGURE_STATUS_WATCH, _("Needs fixing"));
  else
    rd_figure_tile_set_status (tile, RD_FIGURE_STATUS_GOOD, _("All clear"));

  if (out_of > 0)
    {
      g_autofree char *share = rd_format_percent ((RdRatio) { (double) count / out_of, TRUE });
      g_autofree char *total = rd_format_count (out_of);

      /* Translators: e.g. "Email or segment empty · 3.2% of 12,000" */
      detail = g_strdup_printf (_("%s · %s of %s"), what, share, total);
    }
  else
    detail = g_strdup (what);
  rd_figure_tile_set_detail (tile, detail);
}

static void
rd_quality_page_set_summary (RdSummaryView   *view,
                             const RdSummary *summary)
{
  RdQualityPage *self = RD_QUALITY_PAGE (view);
  const RdSummaryQuality *q;
  g_autofree char *as_of = NULL;
  g_autofree char *context = NULL;
  g_autofree char *sla = NULL;

  if (summary == NULL)
    return;

  q = &summary->quality;
  as_of = rd_format_date (&summary->overview.as_of);
  context = g_strdup_printf (_("Records to fix so the figures can be trusted, as of %s."), as_of);
  gtk_label_set_text (self->context_label, context);

  show_check (self->missing_tile, q->leads_missing_field, q->leads, _("Email or segment empty"));
  show_check (self->duplicates_tile, q->duplicate_accounts, q->accounts,
              _("Same name, ignoring case and punctuation, or same web domain"));
  sla = g_strdup_printf (_("Handed over, not accepted, and past the handoff’s time limit on %s"), as_of);
  show_check (self->sla_tile, q->open_sla_misses, 0, sla);
}

static void
summary_view_iface_init (RdSummaryViewInterface *iface)
{
  iface->set_summary = rd_quality_page_set_summary;
}

static void
rd_quality_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_QUALITY_PAGE);
  /* The template's top widget has no id, so it is not disposed with it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (rd_quality_page_parent_class)->dispose (object);
}

static void
rd_quality_page_class_init (RdQualityPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rd_quality_page_dispose;

  g_type_ensure (RD_TYPE_FIGURE_TILE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/revdeck/Revdeck/ui/rd-quality-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdQualityPage, context_label);
  gtk_widget_class_bind_template_child (widget_class, RdQualityPage, missing_tile);
  gtk_widget_class_bind_template_child (widget_class, RdQualityPage, duplicates_tile);
  gtk_widget_class_bind_template_child (widget_class, RdQualityPage, sla_tile);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rd_quality_page_init (RdQualityPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
