/* rd-metrics-coverage.c — pipeline coverage, and the coverage group
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * metrics.md, "Pipeline coverage and forecast". The group owns the ids that
 * start with "coverage.", "forecast." (rd-metrics-forecast.c) and "sales."
 * (rd-metrics-sales.c); this file computes them all in one pass over the
 * sums of rd-metrics-coverage-sums.c and answers the drill-downs.
 *
 * Every figure that sums or counts deals is defined by one record query
 * (rd_cov_deal_query): the drill-down lists its rows. The numbers are read
 * from the per-close-month aggregate when nothing is recorded after as-of,
 * else from the same record queries; the consistency tests check that the
 * two agree.
 *
 * Choices made where metrics.md is silent (also written in each metric's
 * formula or note):
 * - Quota scope: the owner when the filter names one, else the segment, else
 *   the whole company. A filter by region or source alone has no quota scope,
 *   so the quota (and everything measured against it) is undefined. A
 *   quarter's quota is its quarterly row, else the sum of its three monthly
 *   rows when all three exist; a month's quota is its monthly row only.
 * - Remaining quota is quota − closed-won, never below 0. When closed-won
 *   reaches the quota, coverage is not a number but "met" (coverage.met = 1)
 *   and the gap is −qualified pipeline (everything open is ahead).
 * - Coverage needed = 1 / win rate, the win rate by value of deals closed
 *   (won or lost) in the twelve months before the period starts (for a
 *   quarter: the four fiscal quarters before it), with the same filter.
 * - Roll-ups, forecast accuracy and its history: rd-metrics-forecast.c.
 * - Sales cycle and velocity: rd-metrics-sales.c.
 *
 * Ratios (coverage.ratio, coverage.needed, roll-up attainment, forecast
 * accuracy and bias, win rates, mean cycle, average won, velocity) carry
 * numerator and denominator; their drill lists the deals named in the brief
 * (the denominator's deals for win rates, accuracy and cycle; the qualified
 * deals for coverage). The median cycle is not a count or a sum, so it is
 * not marked drillable, though drill () lists its won deals.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "rd-metrics-coverage-private.h"
#include "rd-workspace-private.h"

#define HISTORY_PERIODS 7

/* ------------------------------------------------------------------ quotas */

typedef struct
{
  const char *scope;        /* "company", "segment", "owner", or NULL: none */
  char       *scope_text;   /* "the company", "segment Enterprise", … */
  char       *periods[3];   /* the quota rows' periods */
  gboolean    defined;
  gint64      cents;
  char       *reason;       /* when undefined */
} Quota;

static void
quota_clear (Quota *quota)
{
  g_free (quota->scope_text);
  for (int i = 0; i < 3; i++)
    g_free (quota->periods[i]);
  g_free (quota->reason);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Quota, quota_clear)

static RdQuery *
quota_query (RdMetricsCtx *ctx,
             const Quota  *quota,
             const char   *select)
{
  const RdFilter *f = ctx->filter;
  RdQuery *q = rd_query_new ("SELECT ");

  rd_query_append (q, select ? select
                             : "q.id, q.period, q.scope, seg.name AS segment, own.name AS owner,"
                               " q.amount_cents / 100.0 AS amount");
  rd_query_append (q, " FROM quotas q LEFT JOIN segments seg ON seg.id = q.segment_id"
                      " LEFT JOIN people own ON own.id = q.owner_id WHERE ");
  if (quota->scope == NULL || quota->periods[0] == NULL)
    {
      rd_query_append (q, "0");
      return q;
    }
  rd_query_appendv (q, "q.scope = ? AND q.period IN (?, ?, ?)",
                    G_TYPE_STRING, quota->scope,
                    G_TYPE_STRING, quota->periods[0],
                    G_TYPE_STRING, quota->periods[1] ? quota->periods[1] : quota->periods[0],
                    G_TYPE_STRING, quota->periods[2] ? quota->periods[2] : quota->periods[0],
                    G_TYPE_INVALID);
  if (g_str_equal (quota->scope, "owner"))
    rd_query_appendv (q, " AND q.owner_id = ?", G_TYPE_INT64, f->owner_id, G_TYPE_INVALID);
  else if (g_str_equal (quota->scope, "segment"))
    rd_query_appendv (q, " AND q.segment_id = ?", G_TYPE_INT64, f->segment_id, G_TYPE_INVALID);
  if (!select)
    rd_query_append (q, " ORDER BY q.period, q.id");
  return q;
}

static gboolean
quota_rows (RdMetricsCtx  *ctx,
            const Quota   *quota,
            gint64        *count,
            gint64        *cents,
            GError       **error)
{
  g_autoptr(RdQuery) q = quota_query (ctx, quota, "count (*), ifnull (sum (q.amount_cents), 0)");
  gint64 row[2];

  if (!rd_cov_query_ints (ctx, q, row, 2, error))
    return FALSE;
  *count = row[0];
  *cents = row[1];
  return TRUE;
}

/* Finds the scope and the quota rows of the filter's period. */
static gboolean
quota_resolve (RdMetricsCtx  *ctx,
               Quota         *quota,
               GError       **error)
{
  const RdFilter *f = ctx->filter;
  gint64 count = 0;

  memset (quota, 0, sizeof *quota);
  if (f->owner_id != 0)
    {
      quota->scope = "owner";
      quota->scope_text = g_strdup_printf (_("owner %s"), f->owner_name ? f->owner_name : "");
    }
  else if (f->segment_id != 0)
    {
      quota->scope = "segment";
      quota->scope_text = g_strdup_printf (_("segment %s"), f->segment_name ? f->segment_name : "");
    }
  else if (f->region_id != 0 || f->channel_id != 0)
    {
      quota->reason = g_strdup (f->region_id != 0
                                ? _("quotas are set for the company, a segment or an owner, not for a region")
                                : _("quotas are set for the company, a segment or an owner, not for a source"));
      return TRUE;
    }
  else
    {
      quota->scope = "company";
      quota->scope_text = g_strdup (_("the company"));
    }

  if (f->period_kind == RD_PERIOD_ALL)
    {
      quota->reason = g_strdup (_("quotas are set per quarter or month, not for all time"));
      return TRUE;
    }

  quota->periods[0] = g_strdup (f->period_key);
  if (!quota_rows (ctx, quota, &count, &quota->cents, error))
    return FALSE;

  if (count == 0 && f->period_kind == RD_PERIOD_QUARTER)
    {
      /* No quarterly row: the sum of the three monthly rows, when all exist. */
      GDate month;
      int y, m, d;

      sscanf (f->period_start, "%d-%d-%d", &y, &m, &d);
      g_date_clear (&month, 1);
      g_date_set_dmy (&month, 1, m, y);
      for (int i = 0; i < 3; i++)
        {
          g_free (quota->periods[i]);
          quota->periods[i] = g_strdup_printf ("%04d-%02d", g_date_get_year (&month), g_date_get_month (&month));
          g_date_add_months (&month, 1);
        }
      if (!quota_rows (ctx, quota, &count, &quota->cents, error))
        return FALSE;
      if (count != 3)
        {
          quota->reason = count == 0
            ? g_strdup_printf (_("no quota for %s (%s)"), f->period_key, quota->scope_text)
            : g_strdup_printf (_("only %d of the three monthly quotas of %s are set (%s)"),
                               (int) count, f->period_key, quota->scope_text);
          return TRUE;
        }
    }
  else if (count == 0)
    {
      quota->reason = f->period_kind == RD_PERIOD_MONTH
        ? g_strdup_printf (_("no monthly quota for %s (%s); quotas set per quarter are not split into months"),
                           f->period_key, quota->scope_text)
        : g_strdup_printf (_("no quota for %s (%s)"), f->period_key, quota->scope_text);
      return TRUE;
    }

  quota->defined = TRUE;
  return TRUE;
}

static gint64
category_by_name (RdMetricsCtx *ctx,
                  const char   *name)
{
  g_autoptr(RdQuery) q = NULL;
  double id;

  if (name == NULL)
    return -1;
  q = rd_query_new ("SELECT id FROM forecast_categories WHERE name = ");
  rd_query_add_text (q, name);
  rd_query_append (q, " COLLATE NOCASE");
  id = rd_metrics_query_double (ctx, q, -1, NULL);
  if (id < 0 && g_str_equal (name, RD_COV_NO_CATEGORY_BUCKET))
    return 0;
  return (gint64) id;
}

/* ------------------------------------------------------------------ compute */

static RdMetric *
add_money (RdMetricsCtx *ctx,
           const char   *id,
           const char   *bucket,
           const char   *label,
           gint64        cents,
           const char   *formula,
           gboolean      drillable)
{
  RdMetric *m = rd_metrics_add (ctx, id, bucket, label, RD_UNIT_MONEY);

  rd_metric_set_value (m, cents / 100.0);
  rd_metric_set_formula (m, formula);
  m->drillable = drillable;
  return m;
}

static void
window_before_period (RdMetricsCtx *ctx,
                      char          from[11],
                      char          to[11])
{
  GDate start, d;
  int y, m, dd;

  sscanf (ctx->filter->period_start, "%d-%d-%d", &y, &m, &dd);
  g_date_clear (&start, 1);
  g_date_set_dmy (&start, dd, m, y);
  d = start;
  g_date_subtract_months (&d, 12);
  g_snprintf (from, 11, "%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
  d = start;
  g_date_subtract_days (&d, 1);
  g_snprintf (to, 11, "%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
}

static double
coverage_target (RdMetricsCtx *ctx)
{
  double target = 0;

  if (ctx->filter->segment_id != 0)
    {
      g_autoptr(RdQuery) q = rd_query_new ("SELECT coverage_target FROM segments WHERE id = ");
      rd_query_add_int (q, ctx->filter->segment_id);
      target = rd_metrics_query_double (ctx, q, 0, NULL);
    }
  if (target <= 0)
    {
      g_autoptr(RdQuery) q = rd_query_new ("SELECT coverage_target FROM settings WHERE id = 1");
      target = rd_metrics_query_double (ctx, q, 3.0, NULL);
    }
  return target;
}


/* The first and last day of the period @key. */
static gboolean
period_range (RdMetricsCtx  *ctx,
              const char    *key,
              char           from[11],
              char           to[11],
              GError       **error)
{
  RdPeriodKind kind;
  GDate start, end;

  if (!rd_period_parse (key, ctx->fiscal_start_month, &kind, &start, &end))
    {
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                   _("“%s” is not a period like 2026-Q3 or 2026-07."), key);
      return FALSE;
    }
  g_snprintf (from, 11, "%04d-%02d-%02d", g_date_get_year (&start), g_date_get_month (&start), g_date_get_day (&start));
  g_snprintf (to, 11, "%04d-%02d-%02d", g_date_get_year (&end), g_date_get_month (&end), g_date_get_day (&end));
  return TRUE;
}

static gboolean add_segments (RdMetricsCtx  *ctx,
                              GError       **error);

static gboolean
compute (RdMetricsCtx  *ctx,
         GError       **error)
{
  const RdFilter *f = ctx->filter;
  const char *pk = f->period_key;
  g_autoptr(GArray) cats = NULL;
  g_autoptr(GArray) cycles = g_array_new (FALSE, FALSE, sizeof (RdCovCycle));
  g_auto(Quota) quota = { 0 };
  RdCovSums sums = { 0 }, other = { 0 };
  gint64 qualified = 0, open_all = 0, w_won = 0, w_lost = 0, remaining = 0;
  gint64 history_actual[HISTORY_PERIODS + 1] = { 0 };
  char history_key[HISTORY_PERIODS + 1][16] = { "" };
  double target;
  char from[11], to[11];
  gboolean met = FALSE;
  RdMetric *m;

  cats = rd_cov_load_categories (ctx, error);
  if (cats == NULL || !quota_resolve (ctx, &quota, error))
    return FALSE;

  /* The period: won, lost and open per category, with the won deals' cycles. */
  sums.cats = cats;
  sums.cycles = cycles;
  if (!rd_cov_sums (ctx, f->period_start, f->period_end, &sums, error) ||
      !rd_cov_open_all (ctx, &open_all, error))
    return FALSE;
  for (guint i = 0; i < cats->len; i++)
    if (g_array_index (cats, RdCovCategory, i).counts)
      qualified += g_array_index (cats, RdCovCategory, i).open_cents;

  /* Closed-won of the previous periods (forecast accuracy history). */
  other.need = RD_COV_NEED_WON;
  if (f->period_kind != RD_PERIOD_ALL)
    for (int k = 1; k <= HISTORY_PERIODS; k++)
      {
        g_autofree char *key = rd_period_shift (pk, -k);

        g_strlcpy (history_key[k], key ? key : "", sizeof history_key[k]);
        if (key == NULL)
          continue;
        if (!period_range (ctx, key, from, to, error) || !rd_cov_sums (ctx, from, to, &other, error))
          return FALSE;
        history_actual[k] = other.won_cents;
      }

  /* Won and lost by value in the twelve months before the period (coverage
   * needed). For a quarter these are the four quarters before it, whose
   * closed-won is known already. */
  window_before_period (ctx, from, to);
  if (f->period_kind != RD_PERIOD_ALL)
    {
      gboolean quarter = f->period_kind == RD_PERIOD_QUARTER;

      other.need = quarter ? RD_COV_NEED_LOST : RD_COV_NEED_WON | RD_COV_NEED_LOST;
      if (!rd_cov_sums (ctx, from, to, &other, error))
        return FALSE;
      w_won = other.won_cents;
      w_lost = other.lost_cents;
      if (quarter)
        {
          w_won = 0;
          for (int k = 1; k <= 4; k++)
            w_won += history_actual[k];
        }
    }

  /* ----------------------------------------------------------- coverage */

  m = rd_metrics_add (ctx, "coverage.quota", NULL, _("Quota"), RD_UNIT_MONEY);
  rd_metric_set_formula (m, _("the quota entered for the period and scope (owner, else segment, else company); "
                              "a quarter without a quarterly row uses the sum of its three monthly rows"));
  if (quota.defined)
    {
      rd_metric_set_value (m, quota.cents / 100.0);
      m->note = g_strdup_printf (_("quota of %s for %s"), quota.scope_text, pk);
    }
  else
    rd_metric_set_undefined (m, quota.reason);
  m->drillable = TRUE;

  m = add_money (ctx, "coverage.closed_won", NULL, _("Closed-won"), sums.won_cents,
                 _("sum of amounts of deals won with a close date in the period"), TRUE);
  m = add_money (ctx, "coverage.open_pipeline", NULL, _("Open pipeline"), sums.open_cents,
                 _("sum of amounts of deals open at the as-of date with a close date in the period"), TRUE);

  for (guint i = 0; i < cats->len; i++)
    {
      RdCovCategory *c = &g_array_index (cats, RdCovCategory, i);
      g_autofree char *label = g_strdup_printf (_("Pipeline: %s"), c->name);
      add_money (ctx, "coverage.pipeline", c->name, label, c->open_cents,
                 _("sum of amounts of open deals in this forecast category (the deal's override, else its "
                   "stage's category) with a close date in the period"), TRUE);
    }
  if (sums.none_count > 0)
    add_money (ctx, "coverage.pipeline", RD_COV_NO_CATEGORY_BUCKET, _("Pipeline: no category"), sums.none_cents,
               _("sum of amounts of open deals without a forecast category with a close date in the period"), TRUE);

  m = add_money (ctx, "coverage.qualified_pipeline", NULL, _("Qualified pipeline"), qualified,
                 _("open pipeline closing in the period, in the forecast categories that count toward coverage"), TRUE);
  rd_metric_set_definition (ctx, m, "pipeline-coverage");

  remaining = quota.defined ? MAX (quota.cents - sums.won_cents, 0) : 0;
  met = quota.defined && quota.cents > 0 && sums.won_cents >= quota.cents;

  m = rd_metrics_add (ctx, "coverage.remaining_quota", NULL, _("Remaining quota"), RD_UNIT_MONEY);
  rd_metric_set_formula (m, _("quota − closed-won in the period, 0 once the quota is met"));
  if (quota.defined)
    rd_metric_set_value (m, remaining / 100.0);
  else
    rd_metric_set_undefined (m, quota.reason);

  target = coverage_target (ctx);

  m = rd_metrics_add (ctx, "coverage.ratio", NULL, _("Pipeline coverage"), RD_UNIT_RATIO);
  rd_metric_set_formula (m, _("qualified pipeline ÷ (quota − closed-won): open deals closing in the period in "
                              "categories that count toward coverage, over the quota still to close in the period"));
  rd_metric_set_definition (ctx, m, "pipeline-coverage");
  m->drillable = TRUE;
  m->has_target = TRUE;
  m->target = target;
  m->status_rule = g_strdup (_("on track at the target or more (or when quota is met); watch from two thirds "
                               "of the target; off track below"));
  if (!quota.defined)
    {
      rd_metric_set_undefined (m, quota.reason);
    }
  else if (met)
    {
      g_autofree char *reason = g_strdup_printf (_("quota met: closed-won %.2f has reached the quota %.2f"),
                                                 sums.won_cents / 100.0, quota.cents / 100.0);
      m->is_ratio = TRUE;
      m->numerator = qualified / 100.0;
      m->denominator = 0;
      m->numerator_unit = RD_UNIT_MONEY;
      rd_metric_set_undefined (m, reason);
      m->status = RD_STATUS_ON_TRACK;
    }
  else
    {
      g_autofree char *reason = g_strdup_printf (_("the quota for %s is 0"), pk);
      rd_metric_set_ratio (m, qualified / 100.0, remaining / 100.0, RD_UNIT_MONEY, reason);
      if (m->defined)
        m->status = m->value >= target ? RD_STATUS_ON_TRACK
                  : m->value >= target * 2.0 / 3.0 ? RD_STATUS_WATCH : RD_STATUS_OFF_TRACK;
    }
  if (quota.defined)
    m->note = g_strdup_printf (_("quota of %s for %s"), quota.scope_text, pk);

  m = rd_metrics_add (ctx, "coverage.met", NULL, _("Quota met"), RD_UNIT_COUNT);
  rd_metric_set_formula (m, _("1 when closed-won in the period has reached a quota above 0, else 0"));
  if (quota.defined)
    rd_metric_set_value (m, met ? 1 : 0);
  else
    rd_metric_set_undefined (m, quota.reason);

  m = rd_metrics_add (ctx, "coverage.target", NULL, _("Coverage target"), RD_UNIT_RATIO);
  rd_metric_set_formula (m, _("the segment's coverage target when the filter names a segment that has one, "
                              "else the workspace's"));
  rd_metric_set_value (m, target);

  m = rd_metrics_add (ctx, "coverage.needed", NULL, _("Coverage needed"), RD_UNIT_RATIO);
  rd_metric_set_formula (m, _("1 ÷ win rate by value = (won + lost) ÷ won, amounts of deals closed in the twelve "
                              "months before the period (a quarter: the four fiscal quarters before it)"));
  rd_metric_set_definition (ctx, m, "win-rate");
  m->drillable = TRUE;
  if (f->period_kind == RD_PERIOD_ALL)
    rd_metric_set_undefined (m, _("coverage needed is measured before a quarter or month, not for all time"));
  else
    {
      g_autofree char *reason = g_strdup_printf (_("nothing was won between %s and %s"), from, to);
      rd_metric_set_ratio (m, (w_won + w_lost) / 100.0, w_won / 100.0, RD_UNIT_MONEY, reason);
      m->note = g_strdup_printf (_("win rate window %s to %s"), from, to);
    }

  m = rd_metrics_add (ctx, "coverage.gap", NULL, _("Coverage gap"), RD_UNIT_MONEY);
  rd_metric_set_formula (m, _("coverage target × (quota − closed-won) − qualified pipeline, in money; "
                              "negative means ahead of the target"));
  if (quota.defined)
    rd_metric_set_value (m, ((gint64) llround (target * (double) remaining) - qualified) / 100.0);
  else
    rd_metric_set_undefined (m, quota.reason);

  if (!rd_cov_add_forecast (ctx, &sums, quota.defined, quota.cents, quota.reason,
                            history_actual, history_key, HISTORY_PERIODS, error))
    return FALSE;
  rd_cov_add_sales (ctx, &sums, open_all);
  return add_segments (ctx, error);
}

/* -------------------------------------------------------------------- drill */

static RdQuery *
with_sum (RdQuery    *q,
          const char *column)
{
  g_free (q->sum_column);
  q->sum_column = g_strdup (column);
  q->sum_scale = 1.0;
  return q;
}

/* ---------------------------------------------------------------- segments */

/* The filter as @ctx's, narrowed to the segment @id (@name). */
static RdFilter *
segment_filter (RdMetricsCtx *ctx,
                gint64        id,
                const char   *name)
{
  RdFilter *sub = rd_filter_copy (ctx->filter);

  sub->segment_id = id;
  g_free (sub->segment_name);
  sub->segment_name = g_strdup (name);
  return sub;
}

/* Per segment, when the filter names neither a segment nor an owner (an
 * owner's quota is not split by segment), in segment order:
 *   coverage.segment_pipeline [“segment / category”]  as coverage.pipeline,
 *     for the segment's deals (deals without a segment are in none);
 *   coverage.segment_remaining_quota [segment]  as coverage.remaining_quota,
 *     with the segment's quota and closed-won.
 * Each is the coverage group's own number computed with the filter narrowed
 * to the segment, from the same per-close-month sums. */
static gboolean
add_segments (RdMetricsCtx  *ctx,
              GError       **error)
{
  const RdFilter *f = ctx->filter;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (f->segment_id != 0 || f->owner_id != 0)
    return TRUE;
  stmt = rd_db_prepare (ctx->db, "SELECT id, name FROM segments ORDER BY position, id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      g_autoptr(RdFilter) sub = segment_filter (ctx, sqlite3_column_int64 (stmt, 0), name);
      g_autoptr(GArray) cats = NULL;
      g_auto(Quota) quota = { 0 };
      RdMetricsCtx sub_ctx = *ctx;
      RdCovSums sums = { 0 };
      RdMetric *m;

      sub_ctx.filter = sub;
      cats = rd_cov_load_categories (&sub_ctx, error);
      sums.cats = cats;
      if (cats == NULL || !rd_cov_sums (&sub_ctx, f->period_start, f->period_end, &sums, error) ||
          !quota_resolve (&sub_ctx, &quota, error))
        return FALSE;

      for (guint i = 0; i <= cats->len; i++)
        {
          const RdCovCategory *c = i < cats->len ? &g_array_index (cats, RdCovCategory, i) : NULL;
          g_autofree char *bucket = NULL;
          g_autofree char *label = NULL;

          if (c == NULL && sums.none_count == 0)
            break;
          bucket = g_strdup_printf ("%s / %s", name, c ? c->name : RD_COV_NO_CATEGORY_BUCKET);
          label = g_strdup_printf (_("Pipeline of %s: %s"), name, c ? c->name : _("no category"));
          add_money (ctx, "coverage.segment_pipeline", bucket, label, c ? c->open_cents : sums.none_cents,
                     _("sum of amounts of the segment's open deals in this forecast category (the deal's "
                       "override, else its stage's category) with a close date in the period; bucket "
                       "“segment / category”, one set per segment when the filter names no segment"), TRUE);
        }

      m = rd_metrics_add (ctx, "coverage.segment_remaining_quota", name, _("Remaining quota"), RD_UNIT_MONEY);
      rd_metric_set_formula (m, _("the segment's quota − its closed-won in the period, 0 once the quota is met; "
                                  "one per segment when the filter names no segment"));
      if (quota.defined)
        {
          rd_metric_set_value (m, MAX (quota.cents - sums.won_cents, 0) / 100.0);
          m->note = g_strdup_printf (_("quota of %s for %s"), quota.scope_text, f->period_key);
        }
      else
        rd_metric_set_undefined (m, quota.reason);
    }
  if (rc != SQLITE_DONE)
    {
      rd_db_set_error (ctx->db, error, NULL);
      return FALSE;
    }
  return TRUE;
}

/* The records of coverage.segment_pipeline [“segment / category”]. */
static RdQuery *
segment_pipeline_drill (RdMetricsCtx *ctx,
                        const char   *bucket)
{
  const RdFilter *f = ctx->filter;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (bucket == NULL || f->segment_id != 0 || f->owner_id != 0)
    return NULL;
  stmt = rd_db_prepare (ctx->db, "SELECT id, name FROM segments", NULL);
  while (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      gsize len = strlen (name);

      if (strncmp (bucket, name, len) == 0 && g_str_has_prefix (bucket + len, " / "))
        {
          g_autoptr(RdFilter) sub = segment_filter (ctx, sqlite3_column_int64 (stmt, 0), name);
          RdMetricsCtx sub_ctx = *ctx;
          RdCovSpec spec = { RD_COV_OPEN, f->period_start, f->period_end, -1, 0 };

          sub_ctx.filter = sub;
          spec.category_id = category_by_name (&sub_ctx, bucket + len + 3);
          if (spec.category_id >= 0)
            return with_sum (rd_cov_deal_query (&sub_ctx, &spec, 0, NULL, NULL), "amount");
        }
    }
  return NULL;
}

static RdQuery *
drill (RdMetricsCtx  *ctx,
       const char    *id,
       const char    *bucket,
       GError       **error)
{
  const RdFilter *f = ctx->filter;
  RdCovSpec spec = { RD_COV_WON, f->period_start, f->period_end, -1, 0 };
  char from[11], to[11];
  gboolean handled = FALSE;
  RdQuery *q;

  if (g_str_equal (id, "coverage.quota") && bucket == NULL)
    {
      g_auto(Quota) quota = { 0 };
      if (!quota_resolve (ctx, &quota, error))
        return NULL;
      return with_sum (quota_query (ctx, &quota, NULL), "amount");
    }
  if (g_str_equal (id, "coverage.closed_won") && bucket == NULL)
    return with_sum (rd_cov_deal_query (ctx, &spec, 0, NULL, NULL), "amount");
  if (g_str_equal (id, "coverage.open_pipeline") && bucket == NULL)
    {
      spec.set = RD_COV_OPEN;
      return with_sum (rd_cov_deal_query (ctx, &spec, 0, NULL, NULL), "amount");
    }
  if (g_str_equal (id, "coverage.pipeline") && bucket != NULL)
    {
      spec.set = RD_COV_OPEN;
      spec.category_id = category_by_name (ctx, bucket);
      if (spec.category_id >= 0)
        return with_sum (rd_cov_deal_query (ctx, &spec, 0, NULL, NULL), "amount");
    }
  if ((g_str_equal (id, "coverage.qualified_pipeline") || g_str_equal (id, "coverage.ratio")) && bucket == NULL)
    {
      spec.set = RD_COV_QUALIFIED;
      return with_sum (rd_cov_deal_query (ctx, &spec, 0, NULL, NULL), "amount");
    }
  if (g_str_equal (id, "coverage.needed") && bucket == NULL && f->period_kind != RD_PERIOD_ALL)
    {
      window_before_period (ctx, from, to);
      spec.set = RD_COV_CLOSED;
      spec.from = from;
      spec.to = to;
      return with_sum (rd_cov_deal_query (ctx, &spec, RD_COV_COL_WON, NULL, NULL), "amount");
    }
  if (g_str_equal (id, "coverage.segment_pipeline") && (q = segment_pipeline_drill (ctx, bucket)) != NULL)
    return q;
  q = rd_cov_forecast_drill (ctx, id, bucket, &handled, error);
  if (handled)
    return q;
  if (g_str_equal (id, "sales.win_rate") && bucket == NULL)
    {
      spec.set = RD_COV_CLOSED;
      return rd_cov_deal_query (ctx, &spec, RD_COV_COL_WON, NULL, NULL);
    }
  if (g_str_equal (id, "sales.win_rate_value") && bucket == NULL)
    {
      spec.set = RD_COV_CLOSED;
      return with_sum (rd_cov_deal_query (ctx, &spec, RD_COV_COL_WON, NULL, NULL), "amount");
    }
  if ((g_str_equal (id, "sales.cycle_median") || g_str_equal (id, "sales.cycle_mean")) && bucket == NULL)
    return with_sum (rd_cov_deal_query (ctx, &spec, RD_COV_COL_CYCLE, NULL, NULL), "cycle_days");
  if (g_str_equal (id, "sales.average_won") && bucket == NULL)
    return with_sum (rd_cov_deal_query (ctx, &spec, 0, NULL, NULL), "amount");
  if ((g_str_equal (id, "sales.open_deals") || g_str_equal (id, "sales.velocity")) && bucket == NULL)
    {
      spec.set = RD_COV_OPEN_ALL;
      return rd_cov_deal_query (ctx, &spec, 0, NULL, NULL);
    }

  if (bucket)
    g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                 _("The metric “%s” has no bucket “%s”, or no list of records for it."), id, bucket);
  else
    g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                 _("There is no metric “%s”, or it has no list of records."), id);
  return NULL;
}

static const RdAggregate *const aggregates[] = { &rd_cov_months_aggregate, NULL };

const RdMetricGroup rd_metrics_coverage_group = { "coverage", compute, drill, aggregates };
