/* rd-metrics-sales.c — win rate, sales cycle and revenue velocity
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * metrics.md, "Pipeline coverage and forecast": the ids that start with
 * "sales." (part of the coverage group). Choices where metrics.md is silent:
 * - Sales cycle: whole days from the creation date to the close date (the
 *   close date rather than the time of entering the won stage, because the
 *   close date is what places the deal in the period), never below 0.
 * - Revenue velocity: open deals at as-of in the filter, whatever their close
 *   date, × average won amount × win rate by count / mean sales cycle, the
 *   last three over deals closed in the period (numerator: the first three
 *   multiplied, in money; denominator: the mean cycle in days).
 *
 * The median needs the values, not a sum: the sums carry the won deals'
 * cycles as (days, deals) runs in order of days, read from the aggregate's
 * per-month table or from the records (rd-metrics-coverage-sums.c).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-metrics-coverage-private.h"

/* The cycle of the @index-th won deal (from 0) in order of days. */
static gint64
cycle_at (GArray *cycles,
          gint64  index)
{
  for (guint i = 0; i < cycles->len; i++)
    {
      const RdCovCycle *c = &g_array_index (cycles, RdCovCycle, i);
      if (index < c->n)
        return c->days;
      index -= c->n;
    }
  g_return_val_if_reached (0);
}

void
rd_cov_add_sales (RdMetricsCtx    *ctx,
                  const RdCovSums *sums,
                  gint64           open_all)
{
  const char *pk = ctx->filter->period_key;
  gint64 won_count = sums->won_count, lost_count = sums->lost_count;
  gint64 won_cents = sums->won_cents, lost_cents = sums->lost_cents, cycle_sum = sums->cycle_sum;
  g_autofree char *no_closed = g_strdup_printf (_("no deals were won or lost with a close date in %s"), pk);
  g_autofree char *no_won = g_strdup_printf (_("no deals were won with a close date in %s"), pk);
  RdMetric *m;

  m = rd_metrics_add (ctx, "sales.win_rate", NULL, _("Win rate"), RD_UNIT_PERCENT);
  rd_metric_set_formula (m, _("won ÷ (won + lost), by count, deals with a close date in the period; "
                              "open deals are not counted"));
  rd_metric_set_definition (ctx, m, "win-rate");
  rd_metric_set_ratio (m, won_count, won_count + lost_count, RD_UNIT_COUNT, no_closed);
  m->drillable = TRUE;

  m = rd_metrics_add (ctx, "sales.win_rate_value", NULL, _("Win rate by value"), RD_UNIT_PERCENT);
  rd_metric_set_formula (m, _("won amount ÷ (won + lost amount), deals with a close date in the period; "
                              "open deals are not counted"));
  rd_metric_set_definition (ctx, m, "win-rate");
  {
    g_autofree char *reason = g_strdup_printf (_("no value was won or lost with a close date in %s"), pk);
    rd_metric_set_ratio (m, won_cents / 100.0, (won_cents + lost_cents) / 100.0, RD_UNIT_MONEY,
                         won_count + lost_count > 0 ? reason : no_closed);
  }
  m->drillable = TRUE;

  m = rd_metrics_add (ctx, "sales.cycle_median", NULL, _("Sales cycle (median)"), RD_UNIT_DAYS);
  rd_metric_set_formula (m, _("median of days from a deal's creation date to its close date, deals won with "
                              "a close date in the period"));
  rd_metric_set_definition (ctx, m, "sales-cycle");
  /* A median is neither a count nor a sum of its records, so it is not
   * marked drillable; its records (the won deals with cycle_days) are
   * listed for sales.cycle_mean, and drill () answers for both ids. */
  m->drillable = FALSE;
  if (won_count == 0)
    rd_metric_set_undefined (m, no_won);
  else if (won_count % 2)
    rd_metric_set_value (m, cycle_at (sums->cycles, won_count / 2));
  else
    rd_metric_set_value (m, (cycle_at (sums->cycles, won_count / 2 - 1) +
                             cycle_at (sums->cycles, won_count / 2)) / 2.0);

  m = rd_metrics_add (ctx, "sales.cycle_mean", NULL, _("Sales cycle (mean)"), RD_UNIT_DAYS);
  rd_metric_set_formula (m, _("total days from creation date to close date ÷ number of deals, deals won with "
                              "a close date in the period"));
  rd_metric_set_definition (ctx, m, "sales-cycle");
  rd_metric_set_ratio (m, cycle_sum, won_count, RD_UNIT_DAYS, no_won);
  m->drillable = TRUE;

  if (open_all >= 0)
    {
      m = rd_metrics_add (ctx, "sales.open_deals", NULL, _("Open deals"), RD_UNIT_COUNT);
      rd_metric_set_formula (m, _("deals open at the as-of date, whatever their close date"));
      rd_metric_set_value (m, open_all);
      m->drillable = TRUE;
    }

  m = rd_metrics_add (ctx, "sales.average_won", NULL, _("Average won amount"), RD_UNIT_MONEY);
  rd_metric_set_formula (m, _("won amount ÷ number of deals won, deals with a close date in the period"));
  rd_metric_set_ratio (m, won_cents / 100.0, won_count, RD_UNIT_MONEY, no_won);
  m->drillable = TRUE;

  if (open_all < 0)
    return;

  /* numerator: open deals × average won amount × win rate (money);
   * denominator: the mean sales cycle (days); the drill lists the open deals. */
  m = rd_metrics_add (ctx, "sales.velocity", NULL, _("Revenue velocity"), RD_UNIT_MONEY_PER_DAY);
  rd_metric_set_formula (m, _("(open deals at as-of, any close date × average won amount × win rate by count) "
                              "÷ mean sales cycle in days; the last three over deals closed in the period"));
  rd_metric_set_definition (ctx, m, "revenue-velocity");
  m->drillable = TRUE;
  if (won_count == 0)
    rd_metric_set_undefined (m, won_count + lost_count == 0 ? no_closed : no_won);
  else
    {
      double average = won_cents / 100.0 / won_count;
      double rate = (double) won_count / (double) (won_count + lost_count);
      double cycle = (double) cycle_sum / (double) won_count;
      rd_metric_set_ratio (m, open_all * average * rate, cycle, RD_UNIT_MONEY,
                           _("the mean sales cycle is 0 days"));
    }
}

gboolean
rd_metrics_sales_compute (RdMetricsCtx  *ctx,
                          GError       **error)
{
  g_autoptr(GArray) cycles = g_array_new (FALSE, FALSE, sizeof (RdCovCycle));
  RdCovSums sums = { 0 };

  sums.cycles = cycles;
  sums.need = RD_COV_NEED_WON | RD_COV_NEED_LOST;
  if (!rd_cov_sums (ctx, ctx->filter->period_start, ctx->filter->period_end, &sums, error))
    return FALSE;
  rd_cov_add_sales (ctx, &sums, -1);
  return TRUE;
}
