/* rd-overview-page.c — the headline figures
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Eight tiles answer "are we on track?"; the list under them answers "where
 * is it leaking?" with the counts the other views explain.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-coverage-status.h"
#include "rd-figure-row.h"
#include "rd-figure-tile.h"
#include "rd-format.h"
#include "rd-overview-page.h"
#include "rd-summary-view.h"

struct _RdOverviewPage
{
  GtkWidget     parent_instance;

  GtkLabel     *context_label;
  RdFigureTile *arr_tile;
  RdFigureTile *customers_tile;
  RdFigureTile *won_tile;
  RdFigureTile *quota_tile;
  RdFigureTile *pipeline_tile;
  RdFigureTile *coverage_tile;
  RdFigureTile *win_rate_tile;
  RdFigureTile *leads_tile;
  GtkListBox   *attention_list;

  RdFigureRow  *stalled_row;
  RdFigureRow  *renewals_row;
  RdFigureRow  *sla_row;
  RdFigureRow  *missing_row;
  RdFigureRow  *duplicates_row;
};

static void summary_view_iface_init (RdSummaryViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdOverviewPage, rd_overview_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (RD_TYPE_SUMMARY_VIEW, summary_view_iface_init))

#define COUNT_COLUMN N_("Count")

/* A count of things to fix: red or amber when there are some, "None" when not. */
static void
set_attention (RdFigureRow      *row,
               gint64            n,
               RdFigureRowStyle  style_when_some,
               const char       *subtitle)
{
  g_autofree char *text = n > 0 ? rd_format_count (n) : g_strdup (_("None"));

  rd_figure_row_set_value (row, _(COUNT_COLUMN), text, NULL, n > 0 ? style_when_some : RD_FIGURE_ROW_GOOD);
  rd_figure_row_set_subtitle (row, subtitle);
}

static void
show_tiles (RdOverviewPage  *self,
            const RdSummary *summary)
{
  const RdSummaryOverview *o = &summary->overview;
  const RdCoverageQuarterFigures *cov = &summary->coverage.current;
  g_autofree char *quarter = rd_format_quarter (&o->quarter);
  g_autofree char *month = rd_format_month (o->month);
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;
  const char *word = NULL;
  RdFigureStatus status;

  rd_figure_tile_set_money (self->arr_tile, o->arr_cents, o->currency);
  detail = g_strdup_printf (_("12 × monthly recurring revenue in %s"), month);
  rd_figure_tile_set_detail (self->arr_tile, detail);
  g_clear_pointer (&detail, g_free);

  rd_figure_tile_set_count (self->customers_tile, o->active_customers);
  detail = g_strdup_printf (_("Accounts paying in %s"), month);
  rd_figure_tile_set_detail (self->customers_tile, detail);
  g_clear_pointer (&detail, g_free);

  rd_figure_tile_set_money (self->won_tile, o->won_quarter_cents, o->currency);
  text = rd_format_count (o->won_quarter_deals);
  if (o->has_quota && o->quota_attainment.defined)
    {
      g_autofree char *pct = rd_format_percent (o->quota_attainment);
      detail = g_strdup_printf (ngettext ("%s deal · %s of quota", "%s deals · %s of quota",
                                          (gulong) o->won_quarter_deals), text, pct);
      rd_figure_tile_set_level (self->won_tile, o->quota_attainment.value);
    }
  else
    {
      detail = g_strdup_printf (ngettext ("%s deal won in %s", "%s deals won in %s",
                                          (gulong) o->won_quarter_deals), text, quarter);
      rd_figure_tile_set_level (self->won_tile, -1);
    }
  rd_figure_tile_set_detail (self->won_tile, detail);
  g_clear_pointer (&detail, g_free);
  g_clear_pointer (&text, g_free);

  if (o->has_quota)
    {
      rd_figure_tile_set_money (self->quota_tile, o->quota_quarter_cents, o->currency);
      detail = g_strdup_printf (_("Whole company, %s"), quarter);
    }
  else
    {
      rd_figure_tile_set_value (self->quota_tile, "—", NULL);
      detail = g_strdup_printf (_("No quota entered for %s"), quarter);
    }
  rd_figure_tile_set_detail (self->quota_tile, detail);
  g_clear_pointer (&detail, g_free);

  rd_figure_tile_set_money (self->pipeline_tile, o->open_pipeline_cents, o->currency);
  text = rd_format_count (o->open_deals);
  detail = g_strdup_printf (ngettext ("%s open deal, any close date", "%s open deals, any close date",
                                      (gulong) o->open_deals), text);
  rd_figure_tile_set_detail (self->pipeline_tile, detail);
  g_clear_pointer (&detail, g_free);
  g_clear_pointer (&text, g_free);

  status = rd_coverage_status (cov, &word);
  if (cov->quota_met)
    {
      rd_figure_tile_set_value (self->coverage_tile, _("Met"), NULL);
      detail = g_strdup_printf (_("Closed-won has reached the %s quota"), quarter);
    }
  else if (cov->coverage.defined)
    {
      g_autofree char *value = rd_format_multiple (cov->coverage);
      g_autofree char *target = rd_format_multiple ((RdRatio) { cov->target, TRUE });
      g_autofree char *remaining = rd_format_money_short (cov->remaining_cents, o->currency);

      rd_figure_tile_set_value (self->coverage_tile, value, NULL);
      detail = g_strdup_printf (_("Qualified pipeline for the %s of quota still open · target %s"),
                                remaining, target);
    }
  else
    {
      rd_figure_tile_set_value (self->coverage_tile, "—", NULL);
      detail = g_strdup_printf (_("Needs a quota for %s"), quarter);
    }
  rd_figure_tile_set_status (self->coverage_tile, status, word);
  rd_figure_tile_set_detail (self->coverage_tile, detail);
  g_clear_pointer (&detail, g_free);

  text = rd_format_percent (o->win_rate);
  rd_figure_tile_set_value (self->win_rate_tile, text, NULL);
  {
    g_autofree char *won = rd_format_count (o->won_4q);
    g_autofree char *lost = rd_format_count (o->lost_4q);
    g_autofree char *since = rd_format_date (&o->win_rate_from);

    if (o->win_rate.defined)
      detail = g_strdup_printf (_("%s won, %s lost since %s"), won, lost, since);
    else
      detail = g_strdup_printf (_("No deal closed since %s"), since);
  }
  rd_figure_tile_set_detail (self->win_rate_tile, detail);
  g_clear_pointer (&detail, g_free);
  g_clear_pointer (&text, g_free);

  rd_figure_tile_set_count (self->leads_tile, o->leads_quarter);
  {
    g_autofree char *since = rd_format_date (&o->quarter.start);
    detail = g_strdup_printf (_("Created since %s"), since);
  }
  rd_figure_tile_set_detail (self->leads_tile, detail);
}

static void
rd_overview_page_set_summary (RdSummaryView   *view,
                              const RdSummary *summary)
{
  RdOverviewPage *self = RD_OVERVIEW_PAGE (view);
  const char *currency;
  g_autofree char *quarter = NULL;
  g_autofree char *range = NULL;
  g_autofree char *as_of = NULL;
  g_autofree char *context = NULL;
  g_autofree char *stalled_value = NULL;
  g_autofree char *renewal_value = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *leads = NULL;
  g_autofree char *accounts = NULL;

  if (summary == NULL)
    return;

  currency = summary->overview.currency;
  quarter = rd_format_quarter (&summary->overview.quarter);
  range = rd_format_date_range (&summary->overview.quarter.start, &summary->overview.quarter.end);
  as_of = rd_format_date (&summary->overview.as_of);
  /* Translators: e.g. "FY2026 Q3 (1 Aug – 31 Oct 2026), figures as of 30 Sep 2026" */
  context = g_strdup_printf (_("%s (%s), figures as of %s"), quarter, range, as_of);
  gtk_label_set_text (self->context_label, context);

  show_tiles (self, summary);

  stalled_value = rd_format_money_short (summary->aging.stalled_cents, currency);
  if (summary->aging.stalled > 0)
    subtitle = g_strdup_printf (_("Open deals past their stage’s day limit, worth %s"), stalled_value);
  else
    subtitle = g_strdup (_("Open deals past their stage’s day limit"));
  set_attention (self->stalled_row, summary->aging.stalled, RD_FIGURE_ROW_BAD, subtitle);
  g_clear_pointer (&subtitle, g_free);

  renewal_value = rd_format_count (summary->retention.renewals_90d);
  subtitle = g_strdup_printf (ngettext ("Out of %s renewal due in the next 90 days",
                                        "Out of %s renewals due in the next 90 days",
                                        (gulong) summary->retention.renewals_90d), renewal_value);
  set_attention (self->renewals_row, summary->retention.renewals_90d_no_owner, RD_FIGURE_ROW_BAD, subtitle);
  g_clear_pointer (&subtitle, g_free);

  set_attention (self->sla_row, summary->quality.open_sla_misses, RD_FIGURE_ROW_WATCH,
                 _("Handed over but not accepted within the handoff’s time limit"));

  leads = rd_format_count (summary->quality.leads);
  subtitle = g_strdup_printf (_("Email or segment empty, out of %s leads"), leads);
  set_attention (self->missing_row, summary->quality.leads_missing_field, RD_FIGURE_ROW_WATCH, subtitle);
  g_clear_pointer (&subtitle, g_free);

  accounts = rd_format_count (summary->quality.accounts);
  subtitle = g_strdup_printf (_("Same name or web domain, out of %s accounts"), accounts);
  set_attention (self->duplicates_row, summary->quality.duplicate_accounts, RD_FIGURE_ROW_WATCH, subtitle);
}

static void
summary_view_iface_init (RdSummaryViewInterface *iface)
{
  iface->set_summary = rd_overview_page_set_summary;
}

static RdFigureRow *
add_attention_row (RdOverviewPage *self,
                   const char     *title,
                   GtkSizeGroup   *group)
{
  RdFigureRow *row = RD_FIGURE_ROW (rd_figure_row_new (title, NULL));

  rd_figure_row_add_value (row, _(COUNT_COLUMN), "—", NULL, group, RD_FIGURE_ROW_STRONG);
  gtk_list_box_append (self->attention_list, GTK_WIDGET (row));
  return row;
}

static void
rd_overview_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_OVERVIEW_PAGE);
  /* The template's top widget has no id, so it is not disposed with it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (rd_overview_page_parent_class)->dispose (object);
}

static void
rd_overview_page_class_init (RdOverviewPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rd_overview_page_dispose;

  g_type_ensure (RD_TYPE_FIGURE_TILE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/revdeck/Revdeck/ui/rd-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdOverviewPage, context_label);
  gtk_widget_class_bind_template_child (widget_class, RdOverviewPage, arr_tile);
  gtk_widget_class_bind_template_child (widget_class, RdOverviewPage, customers_tile);
  gtk_widget_class_bind_template_child (widget_class, RdOverviewPage, won_tile);
  gtk_widget_class_bind_template_child (widget_class, RdOverviewPage, quota_tile);
  gtk_widget_class_bind_template_child (widget_class, RdOverviewPage, pipeline_tile);
  gtk_widget_class_bind_template_child (widget_class, RdOverviewPage, coverage_tile);
  gtk_widget_class_bind_template_child (widget_class, RdOverviewPage, win_rate_tile);
  gtk_widget_class_bind_template_child (widget_class, RdOverviewPage, leads_tile);
  gtk_widget_class_bind_template_child (widget_class, RdOverviewPage, attention_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rd_overview_page_init (RdOverviewPage *self)
{
  g_autoptr(GtkSizeGroup) group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->stalled_row = add_attention_row (self, _("Stalled deals"), group);
  self->renewals_row = add_attention_row (self, _("Renewals without an owner"), group);
  self->sla_row = add_attention_row (self, _("Open handoff SLA misses"), group);
  self->missing_row = add_attention_row (self, _("Leads missing required fields"), group);
  self->duplicates_row = add_attention_row (self, _("Possible duplicate accounts"), group);
}
