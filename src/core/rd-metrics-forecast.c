/* rd-metrics-forecast.c — roll-ups and forecast accuracy
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * metrics.md, "Pipeline coverage and forecast": the ids that start with
 * "forecast." (part of the coverage group; rd-metrics-coverage.c explains
 * the choices made where metrics.md is silent). In short:
 * - Roll-ups use the categories' rollup level: n = 1 Closed, 2 Commit,
 *   3 Best Case; roll-up n = closed-won in the period + open deals closing in
 *   the period whose category has a rollup level ≤ n.
 * - Forecast accuracy uses the submission made lead-weeks before the period
 *   end (the latest week on or before period end − 7 × lead weeks), of the
 *   company (owner NULL) or of the filter's owner; forecast = Closed +
 *   Commit; actual = closed-won in the period. It needs the period to have
 *   ended by the as-of date, and is not computed for segment, region or
 *   source filters.
 * - History: forecast.submitted / .actual / .accuracy / .bias with the
 *   period key as bucket, for the seven periods before the filter's.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rd-metrics-coverage-private.h"
#include "rd-workspace-private.h"

static const char *const rollup_buckets[] = { "Closed", "Closed + Commit", "Closed + Commit + Best Case" };

typedef struct
{
  char      key[16];
  char      start[11];
  char      end[11];
  char      cutoff[11];     /* period end − 7 × lead weeks */
  char      week[11];       /* the submission's week, "" if none */
  int       lead_weeks;
  gboolean  ended;          /* the period ended by the as-of date */
  gboolean  filter_ok;      /* forecasts exist for the filter's scope */
} ForecastPeriod;

static int
lead_weeks (RdMetricsCtx *ctx)
{
  if (ctx->filter->forecast_lead_weeks >= 0)
    return ctx->filter->forecast_lead_weeks;
  return (int) rd_db_query_int (ctx->db, "SELECT forecast_lead_weeks FROM settings WHERE id = 1", 4);
}

/* The company's submission (owner NULL) or the filter owner's, written as
 * the expression of the forecast_unique index so that it is a seek. */
static void
append_owner_condition (RdMetricsCtx *ctx,
                        RdQuery      *q,
                        const char   *column)
{
  g_string_append_printf (q->sql, " AND ifnull (%s, 0) = ", column);   /* a fixed column name */
  rd_query_add_int (q, ctx->filter->owner_id);
}

static gboolean
forecast_period (RdMetricsCtx    *ctx,
                 const char      *key,
                 ForecastPeriod  *fp,
                 GError         **error)
{
  const RdFilter *f = ctx->filter;
  RdPeriodKind kind;
  GDate start, end, cutoff;

  memset (fp, 0, sizeof *fp);
  g_strlcpy (fp->key, key, sizeof fp->key);
  if (!rd_period_parse (key, ctx->fiscal_start_month, &kind, &start, &end))
    {
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                   _("“%s” is not a period like 2026-Q3 or 2026-07."), key);
      return FALSE;
    }
  g_snprintf (fp->start, sizeof fp->start, "%04d-%02d-%02d",
              g_date_get_year (&start), g_date_get_month (&start), g_date_get_day (&start));
  g_snprintf (fp->end, sizeof fp->end, "%04d-%02d-%02d",
              g_date_get_year (&end), g_date_get_month (&end), g_date_get_day (&end));
  fp->lead_weeks = lead_weeks (ctx);
  cutoff = end;
  g_date_subtract_days (&cutoff, 7 * fp->lead_weeks);
  g_snprintf (fp->cutoff, sizeof fp->cutoff, "%04d-%02d-%02d",
              g_date_get_year (&cutoff), g_date_get_month (&cutoff), g_date_get_day (&cutoff));
  fp->ended = strcmp (fp->end, f->as_of) <= 0;
  fp->filter_ok = f->segment_id == 0 && f->region_id == 0 && f->channel_id == 0;

  if (fp->ended && fp->filter_ok)
    {
      g_autoptr(RdQuery) q = rd_query_new ("SELECT week_date FROM forecast_submissions WHERE period = ");
      g_autoptr(sqlite3_stmt) stmt = NULL;

      rd_query_add_text (q, fp->key);
      rd_query_appendv (q, " AND week_date <= ?", G_TYPE_STRING, fp->cutoff, G_TYPE_INVALID);
      append_owner_condition (ctx, q, "owner_id");
      rd_query_append (q, " ORDER BY week_date DESC LIMIT 1");
      stmt = rd_metrics_prepare (ctx, q, error);
      if (stmt == NULL)
        return FALSE;
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        g_strlcpy (fp->week, (const char *) sqlite3_column_text (stmt, 0), sizeof fp->week);
    }
  return TRUE;
}

/* The submission rows that make the forecast: Closed + Commit (rollup level ≤ 2). */
static RdQuery *
submission_query (RdMetricsCtx         *ctx,
                  const ForecastPeriod *fp,
                  const char           *select)
{
  RdQuery *q = rd_query_new ("SELECT ");

  rd_query_append (q, select ? select
                             : "f.id, f.period, f.week_date, own.name AS owner, c.name AS category,"
                               " c.rollup_level, f.amount_cents / 100.0 AS amount");
  rd_query_append (q, " FROM forecast_submissions f JOIN forecast_categories c ON c.id = f.category_id"
                      " LEFT JOIN people own ON own.id = f.owner_id WHERE ");
  if (fp->week[0] == '\0')
    {
      rd_query_append (q, "0");
      return q;
    }
  rd_query_appendv (q, "f.period = ? AND f.week_date = ? AND c.rollup_level <= 2",
                    G_TYPE_STRING, fp->key, G_TYPE_STRING, fp->week, G_TYPE_INVALID);
  append_owner_condition (ctx, q, "f.owner_id");
  if (!select)
    rd_query_append (q, " ORDER BY c.position, c.id");
  return q;
}

static void
set_forecast_undefined (RdMetricsCtx         *ctx,
                        const ForecastPeriod *fp,
                        RdMetric             *m)
{
  g_autofree char *reason = NULL;

  if (!fp->filter_ok)
    reason = g_strdup (_("forecasts are submitted for the company and per owner, not per segment, region or source"));
  else if (!fp->ended)
    reason = g_strdup_printf (_("%s ends on %s, after the as-of date %s: its actual is not final yet"),
                              fp->key, fp->end, ctx->filter->as_of);
  else
    reason = g_strdup_printf (_("no forecast was submitted for %s by %s (%d weeks before its end)"),
                              fp->key, fp->cutoff, fp->lead_weeks);
  rd_metric_set_undefined (m, reason);
}

/* forecast.submitted, forecast.actual, forecast.accuracy and forecast.bias
 * for one period (@bucket NULL: the filter's period), @actual its closed-won. */
static gboolean
add_period (RdMetricsCtx  *ctx,
            const char    *key,
            const char    *bucket,
            gint64         actual,
            GError       **error)
{
  ForecastPeriod fp;
  gint64 forecast = 0, row[1];
  g_autofree char *note = NULL;
  g_autofree char *zero = NULL;
  RdMetric *m;

  if (!forecast_period (ctx, key, &fp, error))
    return FALSE;
  if (fp.week[0])
    {
      g_autoptr(RdQuery) q = submission_query (ctx, &fp, "ifnull (sum (f.amount_cents), 0)");
      if (!rd_cov_query_ints (ctx, q, row, 1, error))
        return FALSE;
      forecast = row[0];
      note = g_strdup_printf (_("forecast of %s submitted in the week of %s, the latest on or before %s "
                                "(%d weeks before the period ends); forecast = Closed + Commit"),
                              ctx->filter->owner_id ? ctx->filter->owner_name : _("the company"),
                              fp.week, fp.cutoff, fp.lead_weeks);
    }
  zero = g_strdup_printf (_("nothing was won in %s, so there is no actual to compare with"), fp.key);

  m = rd_metrics_add (ctx, "forecast.submitted", bucket, _("Forecast submitted"), RD_UNIT_MONEY);
  rd_metric_set_formula (m, _("sum of the submitted forecast's Closed and Commit categories (rollup level 1–2), "
                              "from the submission a set number of weeks before the period ends"));
  if (fp.week[0])
    rd_metric_set_value (m, forecast / 100.0);
  else
    set_forecast_undefined (ctx, &fp, m);
  m->note = g_strdup (note);
  m->drillable = TRUE;

  m = rd_metrics_add (ctx, "forecast.actual", bucket, _("Actual closed-won"), RD_UNIT_MONEY);
  rd_metric_set_formula (m, _("sum of amounts of deals won with a close date in the period"));
  rd_metric_set_value (m, actual / 100.0);
  m->drillable = TRUE;

  m = rd_metrics_add (ctx, "forecast.accuracy", bucket, _("Forecast accuracy"), RD_UNIT_PERCENT);
  rd_metric_set_formula (m, _("(1 − |actual − forecast| ÷ actual) × 100: numerator actual − |actual − forecast|, "
                              "denominator actual closed-won in the period; forecast = Closed + Commit submitted "
                              "lead-weeks before the period ends"));
  rd_metric_set_definition (ctx, m, "forecast-accuracy");
  if (fp.week[0])
    rd_metric_set_ratio (m, (actual - ABS (actual - forecast)) / 100.0, actual / 100.0, RD_UNIT_MONEY, zero);
  else
    set_forecast_undefined (ctx, &fp, m);
  m->note = g_strdup (note);
  m->drillable = TRUE;

  m = rd_metrics_add (ctx, "forecast.bias", bucket, _("Forecast ÷ actual"), RD_UNIT_PERCENT);
  rd_metric_set_formula (m, _("forecast ÷ actual × 100, forecast = Closed + Commit submitted lead-weeks before "
                              "the period ends, actual = closed-won in the period; over 100 % means over-forecast, "
                              "85–115 % is the usual green band"));
  rd_metric_set_definition (ctx, m, "forecast-accuracy");
  if (fp.week[0])
    rd_metric_set_ratio (m, forecast / 100.0, actual / 100.0, RD_UNIT_MONEY, zero);
  else
    set_forecast_undefined (ctx, &fp, m);
  m->note = g_strdup (note);
  m->drillable = TRUE;
  return TRUE;
}

gboolean
rd_cov_add_forecast (RdMetricsCtx     *ctx,
                     const RdCovSums  *sums,
                     gboolean          quota_defined,
                     gint64            quota_cents,
                     const char       *quota_reason,
                     const gint64     *history_actual,
                     char            (*history_key)[16],
                     int               n_history,
                     GError          **error)
{
  const RdFilter *f = ctx->filter;
  gint64 rollup[3] = { 0, 0, 0 };
  RdMetric *m;

  for (guint i = 0; i < sums->cats->len; i++)
    {
      const RdCovCategory *c = &g_array_index (sums->cats, RdCovCategory, i);
      for (int n = 1; n <= 3; n++)
        if (c->level >= 1 && c->level <= n)
          rollup[n - 1] += c->open_cents;
    }
  for (int n = 0; n < 3; n++)
    rollup[n] += sums->won_cents;

  for (int n = 0; n < 3; n++)
    {
      g_autofree char *label = g_strdup_printf (_("Roll-up: %s"), rollup_buckets[n]);

      m = rd_metrics_add (ctx, "forecast.rollup", rollup_buckets[n], label, RD_UNIT_MONEY);
      rd_metric_set_value (m, rollup[n] / 100.0);
      rd_metric_set_formula (m,
                     n == 0 ? _("closed-won in the period + open deals closing in the period in categories of "
                                "rollup level 1 (Closed)")
                     : n == 1 ? _("closed-won in the period + open deals closing in the period in categories of "
                                  "rollup level 1–2 (Closed, Commit)")
                     : _("closed-won in the period + open deals closing in the period in categories of "
                         "rollup level 1–3 (Closed, Commit, Best Case)"));
      m->drillable = TRUE;
      if (n > 0)
        rd_metric_set_definition (ctx, m, n == 1 ? "commit" : "best-case");
    }
  for (int n = 0; n < 3; n++)
    {
      g_autofree char *label = g_strdup_printf (_("Roll-up attainment: %s"), rollup_buckets[n]);
      m = rd_metrics_add (ctx, "forecast.rollup_attainment", rollup_buckets[n], label, RD_UNIT_PERCENT);
      rd_metric_set_formula (m, _("roll-up ÷ quota × 100, for the period and the quota's scope"));
      m->drillable = TRUE;
      if (quota_defined)
        {
          g_autofree char *reason = g_strdup_printf (_("the quota for %s is 0"), f->period_key);
          rd_metric_set_ratio (m, rollup[n] / 100.0, quota_cents / 100.0, RD_UNIT_MONEY, reason);
        }
      else
        rd_metric_set_undefined (m, quota_reason);
    }

  if (f->period_kind == RD_PERIOD_ALL)
    {
      const char *ids[] = { "forecast.submitted", "forecast.actual", "forecast.accuracy", "forecast.bias" };
      for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
        {
          m = rd_metrics_add (ctx, ids[i], NULL,
                              i == 0 ? _("Forecast submitted") : i == 1 ? _("Actual closed-won")
                              : i == 2 ? _("Forecast accuracy") : _("Forecast ÷ actual"),
                              i < 2 ? RD_UNIT_MONEY : RD_UNIT_PERCENT);
          rd_metric_set_formula (m, _("forecasts are submitted per quarter or month"));
          rd_metric_set_undefined (m, _("forecasts are submitted per quarter or month, not for all time"));
        }
      return TRUE;
    }

  if (!add_period (ctx, f->period_key, NULL, sums->won_cents, error))
    return FALSE;
  for (int k = n_history; k >= 1; k--)
    if (history_key[k][0] && !add_period (ctx, history_key[k], history_key[k], history_actual[k], error))
      return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------- drill */

static int
rollup_level_of (const char *bucket)
{
  for (guint i = 0; bucket && i < G_N_ELEMENTS (rollup_buckets); i++)
    if (g_str_equal (bucket, rollup_buckets[i]))
      return i + 1;
  return 0;
}

static RdQuery *
with_amount (RdQuery *q)
{
  g_free (q->sum_column);
  q->sum_column = g_strdup ("amount");
  q->sum_scale = 1.0;
  return q;
}

RdQuery *
rd_cov_forecast_drill (RdMetricsCtx  *ctx,
                       const char    *id,
                       const char    *bucket,
                       gboolean      *handled,
                       GError       **error)
{
  const RdFilter *f = ctx->filter;
  RdCovSpec spec = { RD_COV_WON, f->period_start, f->period_end, -1, 0 };
  ForecastPeriod fp;

  *handled = TRUE;
  if ((g_str_equal (id, "forecast.rollup") || g_str_equal (id, "forecast.rollup_attainment")) &&
      rollup_level_of (bucket) > 0)
    {
      spec.set = RD_COV_ROLLUP;
      spec.level = rollup_level_of (bucket);
      return with_amount (rd_cov_deal_query (ctx, &spec, 0, NULL, NULL));
    }
  if ((g_str_equal (id, "forecast.submitted") || g_str_equal (id, "forecast.actual") ||
       g_str_equal (id, "forecast.accuracy") || g_str_equal (id, "forecast.bias")) &&
      (bucket != NULL || f->period_kind != RD_PERIOD_ALL))
    {
      if (!forecast_period (ctx, bucket ? bucket : f->period_key, &fp, error))
        return NULL;
      if (g_str_equal (id, "forecast.submitted"))
        return with_amount (submission_query (ctx, &fp, NULL));
      /* Actual; for the ratios, the records of the denominator. */
      spec.from = fp.start;
      spec.to = fp.end;
      return with_amount (rd_cov_deal_query (ctx, &spec, 0, NULL, NULL));
    }
  *handled = FALSE;
  return NULL;
}
