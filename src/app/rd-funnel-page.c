/* rd-funnel-page.c — the lifecycle funnel
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per lifecycle stage: how many leads entered it this quarter and
 * ever, and how many of those went on to the next stage. Skipped stages
 * count as passed (see rd-summary.c).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-figure-row.h"
#include "rd-figure-tile.h"
#include "rd-format.h"
#include "rd-funnel-page.h"
#include "rd-summary-view.h"

struct _RdFunnelPage
{
  GtkWidget     parent_instance;

  GtkLabel     *context_label;
  RdFigureTile *entered_tile;
  RdFigureTile *quarter_tile;
  RdFigureTile *all_time_tile;
  GtkListBox   *stage_list;

  GtkSizeGroup *groups[5];   /* bar, this quarter, converted, all time, converted */
};

static void summary_view_iface_init (RdSummaryViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdFunnelPage, rd_funnel_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (RD_TYPE_SUMMARY_VIEW, summary_view_iface_init))

static void
add_header (RdFunnelPage *self)
{
  RdFigureRow *header = RD_FIGURE_ROW (rd_figure_row_new_header (_("Stage")));

  rd_figure_row_add_bar (header, -1, self->groups[0]);
  rd_figure_row_add_value (header, _("This quarter"), NULL, NULL, self->groups[1], 0);
  rd_figure_row_add_value (header, _("Went on"), NULL, NULL, self->groups[2], 0);
  rd_figure_row_add_value (header, _("All time"), NULL, NULL, self->groups[3], 0);
  rd_figure_row_add_value (header, _("Went on"), NULL, NULL, self->groups[4], 0);
  gtk_list_box_append (self->stage_list, GTK_WIDGET (header));
}

static void
add_stage (RdFunnelPage               *self,
           const RdFunnelStageFigures *stage,
           const RdFunnelStageFigures *next,
           gint64                      widest)
{
  RdFigureRow *row;
  g_autofree char *quarter = rd_format_count (stage->entered_quarter);
  g_autofree char *quarter_conv = rd_format_percent (stage->conversion_quarter);
  g_autofree char *all = rd_format_count (stage->entered_all_time);
  g_autofree char *all_conv = rd_format_percent (stage->conversion_all_time);
  g_autofree char *subtitle = NULL;

  if (next)
    /* Translators: under a funnel stage, e.g. "Went on to SQL" */
    subtitle = g_strdup_printf (_("Went on to %s"), next->name);
  row = RD_FIGURE_ROW (rd_figure_row_new (stage->name, subtitle));
  rd_figure_row_add_bar (row, widest > 0 ? (double) stage->entered_quarter / widest : 0, self->groups[0]);
  rd_figure_row_add_value (row, _("This quarter"), quarter, NULL, self->groups[1], RD_FIGURE_ROW_STRONG);
  rd_figure_row_add_value (row, _("Went on this quarter"), quarter_conv, NULL, self->groups[2], 0);
  rd_figure_row_add_value (row, _("All time"), all, NULL, self->groups[3], RD_FIGURE_ROW_DIM);
  rd_figure_row_add_value (row, _("Went on, all time"), all_conv, NULL, self->groups[4], RD_FIGURE_ROW_DIM);
  gtk_list_box_append (self->stage_list, GTK_WIDGET (row));
}

static void
rd_funnel_page_set_summary (RdSummaryView   *view,
                            const RdSummary *summary)
{
  RdFunnelPage *self = RD_FUNNEL_PAGE (view);
  const RdSummaryFunnel *f;
  const RdFunnelStageFigures *first, *last;
  g_autofree char *quarter = NULL;
  g_autofree char *as_of = NULL;
  g_autofree char *context = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *value = NULL;
  gint64 widest = 0;

  rd_list_box_remove_all (self->stage_list);
  if (summary == NULL)
    return;

  f = &summary->funnel;
  quarter = rd_format_quarter (&summary->overview.quarter);
  as_of = rd_format_date (&summary->overview.as_of);
  context = g_strdup_printf (_("Leads that reached each lifecycle stage in %s up to %s, and in all time. "
                               "A lead that skipped a stage counts as having passed it."), quarter, as_of);
  gtk_label_set_text (self->context_label, context);

  if (f->n_stages > 0)
    add_header (self);
  for (guint i = 0; i < f->n_stages; i++)
    widest = MAX (widest, f->stages[i].entered_quarter);
  for (guint i = 0; i < f->n_stages; i++)
    add_stage (self, &f->stages[i], i + 1 < f->n_stages ? &f->stages[i + 1] : NULL, widest);

  if (f->n_stages == 0)
    {
      rd_figure_tile_set_value (self->entered_tile, "—", NULL);
      rd_figure_tile_set_detail (self->entered_tile, _("No lifecycle stages are defined"));
      rd_figure_tile_set_value (self->quarter_tile, "—", NULL);
      rd_figure_tile_set_value (self->all_time_tile, "—", NULL);
      return;
    }

  first = &f->stages[0];
  last = &f->stages[f->n_stages - 1];
  rd_figure_tile_set_count (self->entered_tile, first->entered_quarter);
  detail = g_strdup_printf (_("Reached “%s” in %s"), first->name, quarter);
  rd_figure_tile_set_detail (self->entered_tile, detail);
  g_clear_pointer (&detail, g_free);

  value = rd_format_percent (f->overall_quarter);
  rd_figure_tile_set_value (self->quarter_tile, value, NULL);
  {
    g_autofree char *n_last = rd_format_count (last->entered_quarter);
    detail = g_strdup_printf (_("%s reached “%s” against %s entering “%s”"),
                              n_last, last->name, rd_figure_tile_get_value (self->entered_tile), first->name);
  }
  rd_figure_tile_set_detail (self->quarter_tile, detail);
  g_clear_pointer (&detail, g_free);
  g_clear_pointer (&value, g_free);

  value = rd_format_percent (f->overall_all_time);
  rd_figure_tile_set_value (self->all_time_tile, value, NULL);
  {
    g_autofree char *n_first = rd_format_count (first->entered_all_time);
    g_autofree char *n_last = rd_format_count (last->entered_all_time);
    detail = g_strdup_printf (_("%s of %s leads reached “%s”"), n_last, n_first, last->name);
  }
  rd_figure_tile_set_detail (self->all_time_tile, detail);
}

static void
summary_view_iface_init (RdSummaryViewInterface *iface)
{
  iface->set_summary = rd_funnel_page_set_summary;
}

static void
rd_funnel_page_dispose (GObject *object)
{
  RdFunnelPage *self = RD_FUNNEL_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_FUNNEL_PAGE);
  /* The template's top widget has no id, so it is not disposed with it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  for (guint i = 0; i < G_N_ELEMENTS (self->groups); i++)
    g_clear_object (&self->groups[i]);
  G_OBJECT_CLASS (rd_funnel_page_parent_class)->dispose (object);
}

static void
rd_funnel_page_class_init (RdFunnelPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rd_funnel_page_dispose;

  g_type_ensure (RD_TYPE_FIGURE_TILE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/revdeck/Revdeck/ui/rd-funnel-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdFunnelPage, context_label);
  gtk_widget_class_bind_template_child (widget_class, RdFunnelPage, entered_tile);
  gtk_widget_class_bind_template_child (widget_class, RdFunnelPage, quarter_tile);
  gtk_widget_class_bind_template_child (widget_class, RdFunnelPage, all_time_tile);
  gtk_widget_class_bind_template_child (widget_class, RdFunnelPage, stage_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rd_funnel_page_init (RdFunnelPage *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (self->groups); i++)
    self->groups[i] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  placeholder = gtk_label_new (_("This workspace has no lifecycle stages."));
  gtk_widget_add_css_class (placeholder, "rd-placeholder");
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->stage_list, placeholder);
}
