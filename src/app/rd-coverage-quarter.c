/* rd-coverage-quarter.c — coverage of one fiscal quarter
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Coverage is qualified pipeline over the quota still open. The tiles show
 * the numerator, the denominator and the period, since tools disagree on all
 * three; the list shows the open pipeline by forecast category.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-coverage-quarter.h"
#include "rd-coverage-status.h"
#include "rd-figure-row.h"
#include "rd-figure-tile.h"
#include "rd-format.h"

struct _RdCoverageQuarter
{
  GtkWidget     parent_instance;

  GtkLabel     *heading_label;
  GtkLabel     *range_label;
  RdFigureTile *coverage_tile;
  RdFigureTile *quota_tile;
  RdFigureTile *won_tile;
  RdFigureTile *gap_tile;
  GtkListBox   *category_list;

  GtkSizeGroup *groups[2];   /* deals, value */
};

G_DEFINE_FINAL_TYPE (RdCoverageQuarter, rd_coverage_quarter, GTK_TYPE_WIDGET)

#define COL_DEALS N_("Deals")
#define COL_VALUE N_("Value")

static void
add_row (RdCoverageQuarter *self,
         const char        *title,
         const char        *subtitle,
         gint64             deals,
         gint64             cents,
         const char        *currency,
         RdFigureRowStyle   style)
{
  RdFigureRow *row = RD_FIGURE_ROW (rd_figure_row_new (title, subtitle));
  g_autofree char *count = rd_format_count (deals);
  g_autofree char *value = rd_format_money_short (cents, currency);
  g_autofree char *exact = rd_format_money_exact (cents, currency);

  rd_figure_row_add_value (row, _(COL_DEALS), count, NULL, self->groups[0], RD_FIGURE_ROW_DIM);
  rd_figure_row_add_value (row, _(COL_VALUE), value, exact, self->groups[1], style);
  gtk_list_box_append (self->category_list, GTK_WIDGET (row));
}

static void
show_tiles (RdCoverageQuarter              *self,
            const RdCoverageQuarterFigures *c,
            const char                     *currency)
{
  g_autofree char *target = rd_format_multiple ((RdRatio) { c->target, TRUE });
  g_autofree char *qualified = rd_format_money_short (c->qualified_cents, currency);
  g_autofree char *remaining = rd_format_money_short (c->remaining_cents, currency);
  g_autofree char *detail = NULL;
  const char *word = NULL;
  RdFigureStatus status = rd_coverage_status (c, &word);

  if (c->quota_met)
    {
      rd_figure_tile_set_value (self->coverage_tile, _("Met"), NULL);
      detail = g_strdup (_("Closed-won has reached the quota"));
    }
  else if (c->coverage.defined)
    {
      g_autofree char *value = rd_format_multiple (c->coverage);

      rd_figure_tile_set_value (self->coverage_tile, value, NULL);
      detail = g_strdup_printf (_("%s qualified pipeline ÷ %s of quota still open · target %s"),
                                qualified, remaining, target);
    }
  else
    {
      rd_figure_tile_set_value (self->coverage_tile, "—", NULL);
      detail = g_strdup (_("Undefined: no quota is entered for this quarter"));
    }
  rd_figure_tile_set_status (self->coverage_tile, status, word);
  rd_figure_tile_set_detail (self->coverage_tile, detail);
  g_clear_pointer (&detail, g_free);

  if (c->has_quota)
    rd_figure_tile_set_money (self->quota_tile, c->quota_cents, currency);
  else
    rd_figure_tile_set_value (self->quota_tile, "—", NULL);
  rd_figure_tile_set_detail (self->quota_tile, c->has_quota ? _("Whole company") : _("No quota entered"));

  rd_figure_tile_set_money (self->won_tile, c->won_cents, currency);
  if (c->has_quota && c->quota_cents > 0)
    {
      g_autofree char *pct = rd_format_percent ((RdRatio) { (double) c->won_cents / c->quota_cents, TRUE });
      detail = g_strdup_printf (_("%s of quota · %s still open"), pct, remaining);
      rd_figure_tile_set_level (self->won_tile, (double) c->won_cents / c->quota_cents);
    }
  else
    {
      detail = g_strdup (_("Deals won with a close date in the quarter"));
      rd_figure_tile_set_level (self->won_tile, -1);
    }
  rd_figure_tile_set_detail (self->won_tile, detail);
  g_clear_pointer (&detail, g_free);

  if (c->quota_met || !c->coverage.defined || c->gap_cents <= 0)
    {
      rd_figure_tile_set_value (self->gap_tile, c->coverage.defined || c->quota_met ? _("None") : "—", NULL);
      if (c->quota_met)
        detail = g_strdup (_("The quota is met"));
      else if (c->coverage.defined)
        detail = g_strdup_printf (_("Qualified pipeline covers %s of the quota still open"), target);
      else
        detail = g_strdup (_("Needs a quota"));
    }
  else
    {
      rd_figure_tile_set_money (self->gap_tile, c->gap_cents, currency);
      detail = g_strdup_printf (_("More qualified pipeline needed to reach %s"), target);
    }
  rd_figure_tile_set_detail (self->gap_tile, detail);
}

void
rd_coverage_quarter_set_figures (RdCoverageQuarter              *self,
                                 const char                     *heading,
                                 const RdCoverageQuarterFigures *c,
                                 const char                     *currency)
{
  g_autofree char *quarter = NULL;
  g_autofree char *range = NULL;
  g_autofree char *title = NULL;
  RdFigureRow *header;
  gint64 qualified_deals = 0;

  g_return_if_fail (RD_IS_COVERAGE_QUARTER (self));

  rd_list_box_remove_all (self->category_list);
  if (c == NULL)
    return;

  quarter = rd_format_quarter (&c->quarter);
  range = rd_format_date_range (&c->quarter.start, &c->quarter.end);
  /* Translators: e.g. "This Quarter · FY2026 Q3" */
  title = g_strdup_printf (_("%s · %s"), heading, quarter);
  gtk_label_set_text (self->heading_label, title);
  gtk_label_set_text (self->range_label, range);

  show_tiles (self, c, currency);

  header = RD_FIGURE_ROW (rd_figure_row_new_header (_("Open pipeline by forecast category")));
  rd_figure_row_add_value (header, _(COL_DEALS), NULL, NULL, self->groups[0], 0);
  rd_figure_row_add_value (header, _(COL_VALUE), NULL, NULL, self->groups[1], 0);
  gtk_list_box_append (self->category_list, GTK_WIDGET (header));

  for (guint i = 0; i < c->n_categories; i++)
    {
      const RdCoverageCategoryFigures *cat = &c->categories[i];

      add_row (self, cat->category_id ? cat->name : _("No category"),
               cat->counts_toward_coverage ? _("Counts toward coverage") : _("Not counted toward coverage"),
               cat->open_deals, cat->amount_cents, currency,
               cat->counts_toward_coverage ? RD_FIGURE_ROW_PLAIN : RD_FIGURE_ROW_DIM);
      if (cat->counts_toward_coverage)
        qualified_deals += cat->open_deals;
    }
  add_row (self, _("Qualified pipeline"), _("The categories that count toward coverage"),
           qualified_deals, c->qualified_cents, currency, RD_FIGURE_ROW_STRONG);
  add_row (self, _("All open pipeline"), _("Open deals with a close date in the quarter"),
           c->open_deals, c->open_cents, currency, RD_FIGURE_ROW_STRONG);
}

static void
rd_coverage_quarter_dispose (GObject *object)
{
  RdCoverageQuarter *self = RD_COVERAGE_QUARTER (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_COVERAGE_QUARTER);
  /* The template's top widget has no id, so it is not disposed with it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  for (guint i = 0; i < G_N_ELEMENTS (self->groups); i++)
    g_clear_object (&self->groups[i]);
  G_OBJECT_CLASS (rd_coverage_quarter_parent_class)->dispose (object);
}

static void
rd_coverage_quarter_class_init (RdCoverageQuarterClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rd_coverage_quarter_dispose;

  g_type_ensure (RD_TYPE_FIGURE_TILE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/revdeck/Revdeck/ui/rd-coverage-quarter.ui");
  gtk_widget_class_bind_template_child (widget_class, RdCoverageQuarter, heading_label);
  gtk_widget_class_bind_template_child (widget_class, RdCoverageQuarter, range_label);
  gtk_widget_class_bind_template_child (widget_class, RdCoverageQuarter, coverage_tile);
  gtk_widget_class_bind_template_child (widget_class, RdCoverageQuarter, quota_tile);
  gtk_widget_class_bind_template_child (widget_class, RdCoverageQuarter, won_tile);
  gtk_widget_class_bind_template_child (widget_class, RdCoverageQuarter, gap_tile);
  gtk_widget_class_bind_template_child (widget_class, RdCoverageQuarter, category_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rd_coverage_quarter_init (RdCoverageQuarter *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (self->groups); i++)
    self->groups[i] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
}
