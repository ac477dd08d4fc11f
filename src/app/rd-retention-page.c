/* rd-retention-page.c — recurring revenue and renewals
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ARR bridge over the last twelve months: the start, each movement with
 * its sign written out, and the end. The rows add up exactly (rd-summary.c).
 * Bars share one scale, the larger of the start and the end.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-figure-row.h"
#include "rd-figure-tile.h"
#include "rd-format.h"
#include "rd-retention-page.h"
#include "rd-summary-view.h"

struct _RdRetentionPage
{
  GtkWidget     parent_instance;

  GtkLabel     *context_label;
  RdFigureTile *end_tile;
  RdFigureTile *start_tile;
  RdFigureTile *change_tile;
  GtkListBox   *bridge_list;
  RdFigureTile *renewals_tile;
  RdFigureTile *no_owner_tile;

  GtkSizeGroup *groups[2];   /* bar, ARR */
};

static void summary_view_iface_init (RdSummaryViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdRetentionPage, rd_retention_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (RD_TYPE_SUMMARY_VIEW, summary_view_iface_init))

#define COL_ARR N_("ARR")

/* @sign: 0 for a level (start, end), +1 or -1 for a movement. */
static void
add_step (RdRetentionPage *self,
          const char      *title,
          const char      *subtitle,
          gint64           cents,
          int              sign,
          gint64           scale,
          const char      *currency)
{
  RdFigureRow *row = RD_FIGURE_ROW (rd_figure_row_new (title, subtitle));
  g_autofree char *value = rd_format_money_short (cents, currency);
  g_autofree char *exact = rd_format_money_exact (cents, currency);
  g_autofree char *text = NULL;
  RdFigureRowStyle style = RD_FIGURE_ROW_STRONG;
  GtkWidget *bar;

  if (sign > 0)
    {
      text = g_strdup_printf ("+%s", value);
      style = cents > 0 ? RD_FIGURE_ROW_GOOD : RD_FIGURE_ROW_DIM;
    }
  else if (sign < 0)
    {
      text = g_strdup_printf ("−%s", value);
      style = cents > 0 ? RD_FIGURE_ROW_BAD : RD_FIGURE_ROW_DIM;
    }
  else
    text = g_strdup (value);

  bar = rd_figure_row_add_bar (row, scale > 0 ? (double) cents / scale : 0, self->groups[0]);
  gtk_widget_add_css_class (bar, sign > 0 ? "up" : sign < 0 ? "down" : "level");
  rd_figure_row_add_value (row, _(COL_ARR), text, exact, self->groups[1], style);
  gtk_list_box_append (self->bridge_list, GTK_WIDGET (row));
}

static void
show_bridge (RdRetentionPage          *self,
             const RdSummaryRetention *r,
             const char               *currency)
{
  gint64 scale = MAX (r->start_arr_cents, r->end_arr_cents);
  g_autofree char *start = rd_format_month (r->start_month);
  g_autofree char *end = rd_format_month (r->end_month);
  g_autofree char *start_title = g_strdup_printf (_("ARR in %s"), start);
  g_autofree char *end_title = g_strdup_printf (_("ARR in %s"), end);
  g_autofree char *new_accounts = rd_format_count (r->new_accounts);
  g_autofree char *churned = rd_format_count (r->churned_accounts);
  g_autofree char *new_subtitle = g_strdup_printf (ngettext ("%s account paid for the first time",
                                                             "%s accounts paid for the first time",
                                                             (gulong) r->new_accounts), new_accounts);
  g_autofree char *churn_subtitle = g_strdup_printf (ngettext ("Stopped paying: %s time",
                                                               "Stopped paying: %s times",
                                                               (gulong) r->churned_accounts), churned);

  add_step (self, start_title, _("Twelve months before the as-of month"), r->start_arr_cents, 0, scale, currency);
  add_step (self, _("New customers"), new_subtitle, r->new_cents, +1, scale, currency);
  add_step (self, _("Reactivations"), _("Paying again after having stopped"), r->reactivation_cents, +1, scale, currency);
  add_step (self, _("Expansion"), _("Customers paying more"), r->expansion_cents, +1, scale, currency);
  add_step (self, _("Contraction"), _("Customers paying less, but still paying"), r->contraction_cents, -1, scale, currency);
  add_step (self, _("Churn"), churn_subtitle, r->churn_cents, -1, scale, currency);
  add_step (self, end_title, _("The as-of month"), r->end_arr_cents, 0, scale, currency);
}

static void
rd_retention_page_set_summary (RdSummaryView   *view,
                               const RdSummary *summary)
{
  RdRetentionPage *self = RD_RETENTION_PAGE (view);
  const RdSummaryRetention *r;
  const char *currency;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *context = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *value = NULL;
  g_autofree char *exact = NULL;
  gint64 change;
  GDate horizon;

  rd_list_box_remove_all (self->bridge_list);
  if (summary == NULL)
    return;

  r = &summary->retention;
  currency = summary->overview.currency;
  start = rd_format_month (r->start_month);
  end = rd_format_month (r->end_month);
  context = g_strdup_printf (_("How annual recurring revenue moved from %s to %s, from each account’s "
                               "monthly recurring revenue. ARR is 12 × monthly recurring revenue."), start, end);
  gtk_label_set_text (self->context_label, context);

  rd_figure_tile_set_money (self->end_tile, r->end_arr_cents, currency);
  rd_figure_tile_set_detail (self->end_tile, end);
  rd_figure_tile_set_money (self->start_tile, r->start_arr_cents, currency);
  rd_figure_tile_set_detail (self->start_tile, start);

  change = r->end_arr_cents - r->start_arr_cents;
  {
    g_autofree char *magnitude = rd_format_money_short (change < 0 ? -change : change, currency);
    g_autofree char *growth = NULL;

    value = g_strdup_printf ("%s%s", change < 0 ? "−" : "+", magnitude);
    exact = rd_format_money_exact (change, currency);
    rd_figure_tile_set_value (self->change_tile, value, exact);
    if (r->start_arr_cents > 0)
      {
        growth = rd_format_percent ((RdRatio) { (double) change / r->start_arr_cents, TRUE });
        detail = g_strdup_printf (_("%s%s over twelve months"), change < 0 ? "" : "+", growth);
      }
    else
      detail = g_strdup (_("No recurring revenue twelve months ago"));
    rd_figure_tile_set_detail (self->change_tile, detail);
    g_clear_pointer (&detail, g_free);
    if (change > 0)
      rd_figure_tile_set_status (self->change_tile, RD_FIGURE_STATUS_GOOD, _("Growing"));
    else if (change < 0)
      rd_figure_tile_set_status (self->change_tile, RD_FIGURE_STATUS_BAD, _("Shrinking"));
    else
      rd_figure_tile_set_status (self->change_tile, RD_FIGURE_STATUS_NONE, NULL);
  }

  show_bridge (self, r, currency);

  horizon = summary->overview.as_of;
  g_date_add_days (&horizon, 89);
  rd_figure_tile_set_count (self->renewals_tile, r->renewals_90d);
  {
    g_autofree char *money = rd_format_money_short (r->renewals_90d_cents, currency);
    g_autofree char *range = rd_format_date_range (&summary->overview.as_of, &horizon);

    detail = g_strdup_printf (_("Worth %s, due %s"), money, range);
  }
  rd_figure_tile_set_detail (self->renewals_tile, detail);
  g_clear_pointer (&detail, g_free);

  rd_figure_tile_set_count (self->no_owner_tile, r->renewals_90d_no_owner);
  if (r->renewals_90d_no_owner > 0)
    {
      rd_figure_tile_set_status (self->no_owner_tile, RD_FIGURE_STATUS_BAD, _("Assign owners"));
      rd_figure_tile_set_detail (self->no_owner_tile, _("Due in the next 90 days with nobody named to renew them"));
    }
  else
    {
      rd_figure_tile_set_status (self->no_owner_tile, RD_FIGURE_STATUS_GOOD, _("All owned"));
      rd_figure_tile_set_detail (self->no_owner_tile, _("Every renewal in the next 90 days has an owner"));
    }
}

static void
summary_view_iface_init (RdSummaryViewInterface *iface)
{
  iface->set_summary = rd_retention_page_set_summary;
}

static void
rd_retention_page_dispose (GObject *object)
{
  RdRetentionPage *self = RD_RETENTION_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_RETENTION_PAGE);
  /* The template's top widget has no id, so it is not disposed with it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  for (guint i = 0; i < G_N_ELEMENTS (self->groups); i++)
    g_clear_object (&self->groups[i]);
  G_OBJECT_CLASS (rd_retention_page_parent_class)->dispose (object);
}

static void
rd_retention_page_class_init (RdRetentionPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rd_retention_page_dispose;

  g_type_ensure (RD_TYPE_FIGURE_TILE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/revdeck/Revdeck/ui/rd-retention-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdRetentionPage, context_label);
  gtk_widget_class_bind_template_child (widget_class, RdRetentionPage, end_tile);
  gtk_widget_class_bind_template_child (widget_class, RdRetentionPage, start_tile);
  gtk_widget_class_bind_template_child (widget_class, RdRetentionPage, change_tile);
  gtk_widget_class_bind_template_child (widget_class, RdRetentionPage, bridge_list);
  gtk_widget_class_bind_template_child (widget_class, RdRetentionPage, renewals_tile);
  gtk_widget_class_bind_template_child (widget_class, RdRetentionPage, no_owner_tile);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rd_retention_page_init (RdRetentionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (self->groups); i++)
    self->groups[i] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
}
