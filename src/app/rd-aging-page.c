/* rd-aging-page.c — how long open deals sit in each stage
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Days are counted since the deal last entered its stage. A deal is stalled
 * when that exceeds its stage's limit; the count is coloured and its column
 * is named "Stalled", so the colour is never the only sign.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-aging-page.h"
#include "rd-figure-row.h"
#include "rd-figure-tile.h"
#include "rd-format.h"
#include "rd-summary-view.h"

struct _RdAgingPage
{
  GtkWidget     parent_instance;

  GtkLabel     *context_label;
  RdFigureTile *open_tile;
  RdFigureTile *value_tile;
  RdFigureTile *stalled_tile;
  GtkListBox   *stage_list;

  GtkSizeGroup *groups[5];   /* deals, value, median, limit, stalled */
};

static void summary_view_iface_init (RdSummaryViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdAgingPage, rd_aging_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (RD_TYPE_SUMMARY_VIEW, summary_view_iface_init))

#define COL_DEALS   N_("Deals")
#define COL_VALUE   N_("Value")
#define COL_MEDIAN  N_("Median age")
#define COL_LIMIT   N_("Limit")
#define COL_STALLED N_("Stalled")

static void
add_header (RdAgingPage *self)
{
  const char *columns[] = { COL_DEALS, COL_VALUE, COL_MEDIAN, COL_LIMIT, COL_STALLED };
  RdFigureRow *header = RD_FIGURE_ROW (rd_figure_row_new_header (_("Stage")));

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    rd_figure_row_add_value (header, _(columns[i]), NULL, NULL, self->groups[i], 0);
  gtk_list_box_append (self->stage_list, GTK_WIDGET (header));
}

static void
add_stage (RdAgingPage               *self,
           const RdAgingStageFigures *stage,
           const char                *currency)
{
  RdFigureRow *row = RD_FIGURE_ROW (rd_figure_row_new (stage->name, NULL));
  g_autofree char *deals = rd_format_count (stage->open_deals);
  g_autofree char *value = rd_format_money_short (stage->amount_cents, currency);
  g_autofree char *exact = rd_format_money_exact (stage->amount_cents, currency);
  g_autofree char *median = stage->has_median ? rd_format_days (stage->median_days) : g_strdup ("—");
  g_autofree char *limit = stage->max_days > 0 ? rd_format_days (stage->max_days) : g_strdup (_("None"));
  g_autofree char *stalled = rd_format_count (stage->stalled);
  g_autofree char *stalled_exact = NULL;

  if (stage->stalled > 0)
    {
      g_autofree char *money = rd_format_money_exact (stage->stalled_cents, currency);
      stalled_exact = g_strdup_printf (_("%s in stalled deals"), money);
    }

  rd_figure_row_add_value (row, _(COL_DEALS), deals, NULL, self->groups[0], RD_FIGURE_ROW_STRONG);
  rd_figure_row_add_value (row, _(COL_VALUE), value, exact, self->groups[1], 0);
  rd_figure_row_add_value (row, _(COL_MEDIAN), median, NULL, self->groups[2], 0);
  rd_figure_row_add_value (row, _(COL_LIMIT), limit, NULL, self->groups[3], RD_FIGURE_ROW_DIM);
  rd_figure_row_add_value (row, _(COL_STALLED), stalled, stalled_exact, self->groups[4],
                           stage->stalled > 0 ? RD_FIGURE_ROW_BAD : RD_FIGURE_ROW_DIM);
  gtk_list_box_append (self->stage_list, GTK_WIDGET (row));
}

static void
rd_aging_page_set_summary (RdSummaryView   *view,
                           const RdSummary *summary)
{
  RdAgingPage *self = RD_AGING_PAGE (view);
  const RdSummaryAging *a;
  const char *currency;
  g_autofree char *as_of = NULL;
  g_autofree char *context = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *money = NULL;
  gint64 open_cents = 0;

  rd_list_box_remove_all (self->stage_list);
  if (summary == NULL)
    return;

  a = &summary->aging;
  currency = summary->overview.currency;
  as_of = rd_format_date (&summary->overview.as_of);
  context = g_strdup_printf (_("Open deals in each stage and the days since they entered it, as of %s. "
                               "A deal is stalled once it has been in its stage longer than the stage’s limit."),
                             as_of);
  gtk_label_set_text (self->context_label, context);

  if (a->n_stages > 0)
    add_header (self);
  for (guint i = 0; i < a->n_stages; i++)
    {
      add_stage (self, &a->stages[i], currency);
      open_cents += a->stages[i].amount_cents;
    }

  rd_figure_tile_set_count (self->open_tile, a->open_deals);
  detail = g_strdup_printf (ngettext ("Across %u open stage", "Across %u open stages", a->n_stages), a->n_stages);
  rd_figure_tile_set_detail (self->open_tile, detail);
  g_clear_pointer (&detail, g_free);

  rd_figure_tile_set_money (self->value_tile, open_cents, currency);
  rd_figure_tile_set_detail (self->value_tile, _("The amounts of all open deals"));

  rd_figure_tile_set_count (self->stalled_tile, a->stalled);
  money = rd_format_money_short (a->stalled_cents, currency);
  if (a->stalled > 0)
    {
      g_autofree char *share = rd_format_percent ((RdRatio) { (double) a->stalled / a->open_deals, TRUE });
      detail = g_strdup_printf (_("%s of open deals, worth %s"), share, money);
      rd_figure_tile_set_status (self->stalled_tile, RD_FIGURE_STATUS_BAD, _("Needs attention"));
    }
  else
    {
      detail = g_strdup (_("No deal is past its stage’s limit"));
      rd_figure_tile_set_status (self->stalled_tile, RD_FIGURE_STATUS_GOOD, _("All moving"));
    }
  rd_figure_tile_set_detail (self->stalled_tile, detail);
}

static void
summary_view_iface_init (RdSummaryViewInterface *iface)
{
  iface->set_summary = rd_aging_page_set_summary;
}

static void
rd_aging_page_dispose (GObject *object)
{
  RdAgingPage *self = RD_AGING_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_AGING_PAGE);
  /* The template's top widget has no id, so it is not disposed with it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  for (guint i = 0; i < G_N_ELEMENTS (self->groups); i++)
    g_clear_object (&self->groups[i]);
  G_OBJECT_CLASS (rd_aging_page_parent_class)->dispose (object);
}

static void
rd_aging_page_class_init (RdAgingPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rd_aging_page_dispose;

  g_type_ensure (RD_TYPE_FIGURE_TILE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/revdeck/Revdeck/ui/rd-aging-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdAgingPage, context_label);
  gtk_widget_class_bind_template_child (widget_class, RdAgingPage, open_tile);
  gtk_widget_class_bind_template_child (widget_class, RdAgingPage, value_tile);
  gtk_widget_class_bind_template_child (widget_class, RdAgingPage, stalled_tile);
  gtk_widget_class_bind_template_child (widget_class, RdAgingPage, stage_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rd_aging_page_init (RdAgingPage *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (self->groups); i++)
    self->groups[i] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  placeholder = gtk_label_new (_("This workspace has no open deal stages."));
  gtk_widget_add_css_class (placeholder, "rd-placeholder");
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->stage_list, placeholder);
}
