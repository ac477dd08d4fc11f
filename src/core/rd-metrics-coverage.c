/* rd-metrics-coverage.c — pipeline coverage, forecast and sales metrics
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * metrics.md, "Pipeline coverage and forecast". The group owns the ids that
 * start with "coverage.", "forecast." and "sales.".
 *
 * Every figure that sums or counts deals comes from one record query built
 * by deal_query (): the drill-down lists its rows, and compute () runs the
 * same FROM and WHERE with an aggregate select list instead of the row
 * columns (one pass per status rather than one per metric, so the coverage
 * page stays fast on large files). Deals are taken in their state at the end
 * of the as-of day (the deal_at common table expression): status, stage,
 * close date and amount as they stood then. A deal's forecast category is
 * its own override if set, else the one its stage maps to.
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
 * - Roll-ups use the categories' rollup level: n = 1 Closed, 2 Commit,
 *   3 Best Case; roll-up n = closed-won in the period + open deals closing in
 *   the period whose category has a rollup level ≤ n (an open deal put in
 *   the Closed category by its owner counts from level 1, as in Salesforce).
 * - Forecast accuracy uses the submission made lead-weeks before the period
 *   end (the latest week on or before period end − 7 × lead weeks), of the
 *   company (owner NULL) or of the filter's owner; forecast = its categories
 *   with rollup level ≤ 2 (Closed + Commit); actual = closed-won in the
 *   period. It needs the period to have ended by the as-of date, and is not
 *   computed for segment, region or source filters (forecasts are submitted
 *   for the company and per owner only).
 * - Sales cycle: whole days from the creation date to the close date (the
 *   close date rather than the time of entering the won stage, because the
 *   close date is what places the deal in the period), never below 0.
 * - Revenue velocity: open deals at as-of in the filter, whatever their close
 *   date, × average won amount × win rate by count / mean sales cycle, the
 *   last three over deals closed in the period (numerator: the first three
 *   multiplied, in money; denominator: the mean cycle in days).
 * - Forecast history: forecast.submitted / .actual / .accuracy / .bias with
 *   the period key as bucket, for the seven periods before the filter's.
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

#include "rd-metrics-private.h"
#include "rd-workspace-private.h"

#define HISTORY_PERIODS 7
#define NO_CATEGORY_BUCKET "(none)"

/* Whole days from the creation date to the close date, never below 0. */
#define CYCLE_DAYS_SQL \
  "max (0, CAST (julianday (d.close_date) - julianday (substr (d.created_at, 1, 10)) AS INTEGER))"

static const char *const rollup_buckets[] = { "Closed", "Closed + Commit", "Closed + Commit + Best Case" };

/* ------------------------------------------------------------ record queries */

typedef enum
{
  SET_WON,        /* won, close date in [from, to] */
  SET_LOST,       /* lost, close date in [from, to] */
  SET_CLOSED,     /* won or lost, close date in [from, to] */
  SET_OPEN,       /* open, close date in [from, to]; one category unless category_id < 0 */
  SET_QUALIFIED,  /* open, close date in [from, to], category counts toward coverage */
  SET_ROLLUP,     /* won, or open in a category of rollup level <= level; close date in [from, to] */
  SET_OPEN_ALL,   /* open at as-of, any close date */
} DealSet;

typedef struct
{
  DealSet     set;
  const char *from;
  const char *to;
  gint64      category_id;   /* SET_OPEN: < 0 every category, 0 none, else this one */
  int         level;         /* SET_ROLLUP */
} DealSpec;

enum
{
  COL_WON = 1 << 0,     /* won 1/0: for ratios whose drill lists the denominator */
  COL_CYCLE = 1 << 1,   /* cycle_days */
};

/* When the stored columns are the as-of state, a set of one status over a
 * bounded range of close dates is read day by day: one index seek on
 * (close_date, status) per day, so the other statuses' entries are never
 * scanned. The rows are the same as with a range scan. */
static gboolean
use_days (RdMetricsCtx   *ctx,
          const DealSpec *spec)
{
  GDate a, b;
  int y, m, d;

  if (!ctx->as_of_is_latest || spec->set == SET_ROLLUP || spec->set == SET_OPEN_ALL)
    return FALSE;
  if (sscanf (spec->from, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (&a, 1);
  g_date_set_dmy (&a, d, m, y);
  if (sscanf (spec->to, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (&b, 1);
  g_date_set_dmy (&b, d, m, y);
  return g_date_days_between (&a, &b) >= 0 && g_date_days_between (&a, &b) <= 800;
}

/* The deals of @spec in their as-of state, with the filter. With @select
 * NULL the rows are records for people (the drill-down); otherwise @select
 * replaces the row columns (and @group_by is appended), over exactly the
 * same FROM and WHERE. */
static RdQuery *
deal_query (RdMetricsCtx   *ctx,
            const DealSpec *spec,
            guint           extra,
            const char     *select,
            const char     *group_by)
{
  RdQuery *q = rd_query_new ("WITH RECURSIVE ");
  gboolean by_day = use_days (ctx, spec);
  const char *from = by_day ? " FROM days JOIN deal_at d ON d.close_date = days.day" : " FROM deal_at d";

  if (by_day)
    rd_query_appendv (q, "days (day) AS (SELECT ? UNION ALL SELECT date (day, '+1 day') FROM days WHERE day < ?), ",
                      G_TYPE_STRING, spec->from, G_TYPE_STRING, spec->to, G_TYPE_INVALID);
  rd_metrics_append_deal_at (ctx, q);
  if (select)
    {
      rd_query_append (q, " SELECT ");
      rd_query_append (q, select);
      rd_query_append (q, from);
      rd_query_append (q, " WHERE 1");
    }
  else
    {
      rd_query_append (q,
        " SELECT d.id, d.name, acc.name AS account, own.name AS owner, st.name AS stage,"
        " cat.name AS category, d.status, d.created_at, d.close_date");
      if (extra & COL_WON)
        rd_query_append (q, ", (d.status = 'won') AS won");
      if (extra & COL_CYCLE)
        rd_query_append (q, ", " CYCLE_DAYS_SQL " AS cycle_days");
      rd_query_append (q, ", d.amount_cents / 100.0 AS amount");
      rd_query_append (q, from);
      rd_query_append (q,
        " LEFT JOIN accounts acc ON acc.id = d.account_id"
        " LEFT JOIN people own ON own.id = d.owner_id"
        " LEFT JOIN stages st ON st.id = d.stage_id"
        " LEFT JOIN forecast_categories cat ON cat.id = d.category_id"
        " WHERE 1");
    }

  switch (spec->set)
    {
    case SET_WON:
      rd_query_append (q, " AND d.status = 'won'");
      break;
    case SET_LOST:
      rd_query_append (q, " AND d.status = 'lost'");
      break;
    case SET_CLOSED:
      rd_query_append (q, " AND d.status IN ('won', 'lost')");
      break;
    case SET_OPEN:
      rd_query_append (q, " AND d.status = 'open'");
      if (spec->category_id == 0)
        rd_query_append (q, " AND d.category_id IS NULL");
      else if (spec->category_id > 0)
        rd_query_appendv (q, " AND d.category_id = ?", G_TYPE_INT64, spec->category_id, G_TYPE_INVALID);
      break;
    case SET_QUALIFIED:
      rd_query_append (q, " AND d.status = 'open'"
                          " AND d.category_id IN (SELECT id FROM forecast_categories WHERE counts_toward_coverage)");
      break;
    case SET_ROLLUP:
      rd_query_appendv (q, " AND (d.status = 'won' OR (d.status = 'open' AND d.category_id IN"
                           " (SELECT id FROM forecast_categories WHERE rollup_level <= ?)))",
                        G_TYPE_INT64, (gint64) spec->level, G_TYPE_INVALID);
      break;
    case SET_OPEN_ALL:
      rd_query_append (q, " AND d.status = 'open'");
      break;
    }
  if (spec->set != SET_OPEN_ALL)
    rd_query_appendv (q, " AND d.close_date BETWEEN ? AND ?",
                      G_TYPE_STRING, spec->from, G_TYPE_STRING, spec->to, G_TYPE_INVALID);
  rd_metrics_filter_sql (ctx, q, "d", TRUE, TRUE);

  if (select && group_by)
    {
      rd_query_append (q, " GROUP BY ");
      rd_query_append (q, group_by);
    }
  else if (!select)
    rd_query_append (q, " ORDER BY d.close_date, d.id");
  return q;
}

/* Runs @query and reads the integers of its first row (0 when NULL or no row). */
static gboolean
query_ints (RdMetricsCtx   *ctx,
            const RdQuery  *query,
            gint64         *out,
            int             n,
            GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = rd_metrics_prepare (ctx, query, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      rd_db_set_error (ctx->db, error, NULL);
      return FALSE;
    }
  for (int i = 0; i < n; i++)
    out[i] = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, i) : 0;
  return TRUE;
}

/* Count and sum of amounts (cents) of a deal set. */
static gboolean
deal_totals (RdMetricsCtx   *ctx,
             const DealSpec *spec,
             gint64         *count,
             gint64         *cents,
             GError        **error)
{
  g_autoptr(RdQuery) q = deal_query (ctx, spec, 0, "count (*), ifnull (sum (d.amount_cents), 0)", NULL);
  gint64 row[2];

  if (!query_ints (ctx, q, row, 2, error))
    return FALSE;
  *count = row[0];
  *cents = row[1];
  return TRUE;
}

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

  if (!query_ints (ctx, q, row, 2, error))
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

/* -------------------------------------------------------------- categories */

typedef struct
{
  gint64    id;
  char     *name;
  gboolean  counts;       /* counts toward coverage */
  int       level;        /* rollup level, 0 = none */
  gint64    open_count;
  gint64    open_cents;
} Category;

static void
category_clear (Category *c)
{
  g_free (c->name);
}

static GArray *
load_categories (RdMetricsCtx  *ctx,
                 GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (ctx->db,
    "SELECT id, name, counts_toward_coverage, ifnull (rollup_level, 0) FROM forecast_categories"
    " ORDER BY position, id", error);
  GArray *cats;

  if (stmt == NULL)
    return NULL;
  cats = g_array_new (FALSE, TRUE, sizeof (Category));
  g_array_set_clear_func (cats, (GDestroyNotify) category_clear);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Category c = { 0 };
      c.id = sqlite3_column_int64 (stmt, 0);
      c.name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      c.counts = sqlite3_column_int (stmt, 2) != 0;
      c.level = sqlite3_column_int (stmt, 3);
      g_array_append_val (cats, c);
    }
  return cats;
}

/* A category bucket: its id, 0 for "(none)", or -1 when unknown. */
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
  if (id < 0 && g_str_equal (name, NO_CATEGORY_BUCKET))
    return 0;
  return (gint64) id;
}

/* ---------------------------------------------------------------- forecast */

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

/* Closed-won (cents) in the period @key: the drill-down of forecast.actual. */
static gboolean
period_actual (RdMetricsCtx  *ctx,
               const char    *key,
               gint64        *cents,
               GError       **error)
{
  ForecastPeriod fp;
  DealSpec won = { SET_WON, NULL, NULL, -1, 0 };
  gint64 count;

  if (!forecast_period (ctx, key, &fp, error))
    return FALSE;
  won.from = fp.start;
  won.to = fp.end;
  return deal_totals (ctx, &won, &count, cents, error);
}

/* forecast.submitted, forecast.actual, forecast.accuracy and forecast.bias
 * for one period (@bucket NULL: the filter's period), @actual its closed-won. */
static gboolean
add_forecast (RdMetricsCtx  *ctx,
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
      if (!query_ints (ctx, q, row, 1, error))
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

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
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

static gboolean
compute (RdMetricsCtx  *ctx,
         GError       **error)
{
  const RdFilter *f = ctx->filter;
  const char *pk = f->period_key;
  g_autoptr(GArray) cats = NULL;
  g_autoptr(GArray) cycles = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(Quota) quota = { 0 };
  DealSpec spec = { SET_WON, f->period_start, f->period_end, -1, 0 };
  gint64 won_count = 0, won_cents = 0, lost_count = 0, lost_cents = 0, cycle_sum = 0;
  gint64 open_count = 0, open_cents = 0, none_count = 0, none_cents = 0, qualified = 0;
  gint64 open_all = 0, w_won = 0, w_lost = 0, remaining = 0, row[2];
  gint64 rollup[3] = { 0, 0, 0 };
  gint64 history_actual[HISTORY_PERIODS + 1] = { 0 };
  char history_key[HISTORY_PERIODS + 1][16] = { "" };
  double target;
  char from[11], to[11];
  gboolean met = FALSE;
  g_autofree char *no_closed = NULL;
  RdMetric *m;

  cats = load_categories (ctx, error);
  if (cats == NULL || !quota_resolve (ctx, &quota, error))
    return FALSE;

  /* Won in the period, with each deal's cycle (one pass). */
  {
    g_autoptr(RdQuery) q = deal_query (ctx, &spec, 0, CYCLE_DAYS_SQL ", d.amount_cents", NULL);
    g_autoptr(sqlite3_stmt) stmt = rd_metrics_prepare (ctx, q, error);
    int rc;

    if (stmt == NULL)
      return FALSE;
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 days = sqlite3_column_int64 (stmt, 0);
        g_array_append_val (cycles, days);
        cycle_sum += days;
        won_cents += sqlite3_column_int64 (stmt, 1);
      }
    if (rc != SQLITE_DONE)
      {
        rd_db_set_error (ctx->db, error, NULL);
        return FALSE;
      }
    won_count = cycles->len;
  }

  spec.set = SET_LOST;
  if (!deal_totals (ctx, &spec, &lost_count, &lost_cents, error))
    return FALSE;

  /* Open in the period, per category (one pass). */
  {
    g_autoptr(RdQuery) q = NULL;
    g_autoptr(sqlite3_stmt) stmt = NULL;
    int rc;

    spec.set = SET_OPEN;
    q = deal_query (ctx, &spec, 0, "d.category_id, count (*), sum (d.amount_cents)", "d.category_id");
    stmt = rd_metrics_prepare (ctx, q, error);
    if (stmt == NULL)
      return FALSE;
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        gint64 n = sqlite3_column_int64 (stmt, 1), cents = sqlite3_column_int64 (stmt, 2);
        gboolean found = FALSE;

        open_count += n;
        open_cents += cents;
        for (guint i = 0; i < cats->len; i++)
          {
            Category *c = &g_array_index (cats, Category, i);
            if (sqlite3_column_type (stmt, 0) != SQLITE_NULL && c->id == id)
              {
                c->open_count = n;
                c->open_cents = cents;
                found = TRUE;
              }
          }
        if (!found)
          {
            none_count += n;
            none_cents += cents;
          }
      }
    if (rc != SQLITE_DONE)
      {
        rd_db_set_error (ctx->db, error, NULL);
        return FALSE;
      }
  }

  for (guint i = 0; i < cats->len; i++)
    {
      Category *c = &g_array_index (cats, Category, i);
      if (c->counts)
        qualified += c->open_cents;
      for (int n = 1; n <= 3; n++)
        if (c->level >= 1 && c->level <= n)
          rollup[n - 1] += c->open_cents;
    }
  for (int n = 0; n < 3; n++)
    rollup[n] += won_cents;

  /* Open at as-of, whatever the close date (velocity). */
  {
    DealSpec all = { SET_OPEN_ALL, NULL, NULL, -1, 0 };
    g_autoptr(RdQuery) q = deal_query (ctx, &all, 0, "count (*)", NULL);
    if (!query_ints (ctx, q, row, 1, error))
      return FALSE;
    open_all = row[0];
  }

  /* Closed-won of the previous periods (forecast accuracy history). */
  if (f->period_kind != RD_PERIOD_ALL)
    for (int k = 1; k <= HISTORY_PERIODS; k++)
      {
        g_autofree char *key = rd_period_shift (pk, -k);
        g_strlcpy (history_key[k], key ? key : "", sizeof history_key[k]);
        if (history_key[k][0] && !period_actual (ctx, history_key[k], &history_actual[k], error))
          return FALSE;
      }

  /* Won and lost by value in the twelve months before the period (coverage
   * needed). For a quarter these are the four quarters before it, whose
   * closed-won is known already. */
  window_before_period (ctx, from, to);
  if (f->period_kind != RD_PERIOD_ALL)
    {
      DealSpec w = { SET_WON, from, to, -1, 0 };
      gint64 n;
      if (f->period_kind == RD_PERIOD_QUARTER)
        for (int k = 1; k <= 4; k++)
          w_won += history_actual[k];
      else if (!deal_totals (ctx, &w, &n, &w_won, error))
        return FALSE;
      w.set = SET_LOST;
      if (!deal_totals (ctx, &w, &n, &w_lost, error))
        return FALSE;
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

  m = add_money (ctx, "coverage.closed_won", NULL, _("Closed-won"), won_cents,
                 _("sum of amounts of deals won with a close date in the period"), TRUE);
  m = add_money (ctx, "coverage.open_pipeline", NULL, _("Open pipeline"), open_cents,
                 _("sum of amounts of deals open at the as-of date with a close date in the period"), TRUE);

  for (guint i = 0; i < cats->len; i++)
    {
      Category *c = &g_array_index (cats, Category, i);
      g_autofree char *label = g_strdup_printf (_("Pipeline: %s"), c->name);
      add_money (ctx, "coverage.pipeline", c->name, label, c->open_cents,
                 _("sum of amounts of open deals in this forecast category (the deal's override, else its "
                   "stage's category) with a close date in the period"), TRUE);
    }
  if (none_count > 0)
    add_money (ctx, "coverage.pipeline", NO_CATEGORY_BUCKET, _("Pipeline: no category"), none_cents,
               _("sum of amounts of open deals without a forecast category with a close date in the period"), TRUE);

  m = add_money (ctx, "coverage.qualified_pipeline", NULL, _("Qualified pipeline"), qualified,
                 _("open pipeline closing in the period, in the forecast categories that count toward coverage"), TRUE);
  rd_metric_set_definition (ctx, m, "pipeline-coverage");

  remaining = quota.defined ? MAX (quota.cents - won_cents, 0) : 0;
  met = quota.defined && quota.cents > 0 && won_cents >= quota.cents;

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
                                                 won_cents / 100.0, quota.cents / 100.0);
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

  /* ----------------------------------------------------------- forecast */

  for (int n = 0; n < 3; n++)
    {
      g_autofree char *label = g_strdup_printf (_("Roll-up: %s"), rollup_buckets[n]);
      m = add_money (ctx, "forecast.rollup", rollup_buckets[n], label, rollup[n],
                     n == 0 ? _("closed-won in the period + open deals closing in the period in categories of "
                                "rollup level 1 (Closed)")
                     : n == 1 ? _("closed-won in the period + open deals closing in the period in categories of "
                                  "rollup level 1–2 (Closed, Commit)")
                     : _("closed-won in the period + open deals closing in the period in categories of "
                         "rollup level 1–3 (Closed, Commit, Best Case)"),
                     TRUE);
      if (n > 0)
        rd_metric_set_definition (ctx, m, n == 1 ? "commit" : "best-case");
    }
  for (int n = 0; n < 3; n++)
    {
      g_autofree char *label = g_strdup_printf (_("Roll-up attainment: %s"), rollup_buckets[n]);
      m = rd_metrics_add (ctx, "forecast.rollup_attainment", rollup_buckets[n], label, RD_UNIT_PERCENT);
      rd_metric_set_formula (m, _("roll-up ÷ quota × 100, for the period and the quota's scope"));
      m->drillable = TRUE;
      if (quota.defined)
        {
          g_autofree char *reason = g_strdup_printf (_("the quota for %s is 0"), pk);
          rd_metric_set_ratio (m, rollup[n] / 100.0, quota.cents / 100.0, RD_UNIT_MONEY, reason);
        }
      else
        rd_metric_set_undefined (m, quota.reason);
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
    }
  else
    {
      if (!add_forecast (ctx, pk, NULL, won_cents, error))
        return FALSE;
      for (int k = HISTORY_PERIODS; k >= 1; k--)
        if (history_key[k][0] && !add_forecast (ctx, history_key[k], history_key[k], history_actual[k], error))
          return FALSE;
    }

  /* -------------------------------------------------------------- sales */

  no_closed = g_strdup_printf (_("no deals were won or lost with a close date in %s"), pk);

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

  {
    g_autofree char *no_won = g_strdup_printf (_("no deals were won with a close date in %s"), pk);

    m = rd_metrics_add (ctx, "sales.cycle_median", NULL, _("Sales cycle (median)"), RD_UNIT_DAYS);
    rd_metric_set_formula (m, _("median of days from a deal's creation date to its close date, deals won with "
                                "a close date in the period"));
    rd_metric_set_definition (ctx, m, "sales-cycle");
    /* A median is neither a count nor a sum of its records, so it is not
     * marked drillable; its records (the won deals with cycle_days) are
     * listed for sales.cycle_mean, and drill () answers for both ids. */
    m->drillable = FALSE;
    if (cycles->len == 0)
      rd_metric_set_undefined (m, no_won);
    else
      {
        guint n = cycles->len;
        g_array_sort (cycles, compare_int64);
        if (n % 2)
          rd_metric_set_value (m, g_array_index (cycles, gint64, n / 2));
        else
          rd_metric_set_value (m, (g_array_index (cycles, gint64, n / 2 - 1) +
                                   g_array_index (cycles, gint64, n / 2)) / 2.0);
      }

    m = rd_metrics_add (ctx, "sales.cycle_mean", NULL, _("Sales cycle (mean)"), RD_UNIT_DAYS);
    rd_metric_set_formula (m, _("total days from creation date to close date ÷ number of deals, deals won with "
                                "a close date in the period"));
    rd_metric_set_definition (ctx, m, "sales-cycle");
    rd_metric_set_ratio (m, cycle_sum, won_count, RD_UNIT_DAYS, no_won);
    m->drillable = TRUE;

    m = rd_metrics_add (ctx, "sales.open_deals", NULL, _("Open deals"), RD_UNIT_COUNT);
    rd_metric_set_formula (m, _("deals open at the as-of date, whatever their close date"));
    rd_metric_set_value (m, open_all);
    m->drillable = TRUE;

    m = rd_metrics_add (ctx, "sales.average_won", NULL, _("Average won amount"), RD_UNIT_MONEY);
    rd_metric_set_formula (m, _("won amount ÷ number of deals won, deals with a close date in the period"));
    rd_metric_set_ratio (m, won_cents / 100.0, won_count, RD_UNIT_MONEY, no_won);
    m->drillable = TRUE;

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

  return TRUE;
}

/* -------------------------------------------------------------------- drill */

static int
rollup_level_of (const char *bucket)
{
  for (guint i = 0; bucket && i < G_N_ELEMENTS (rollup_buckets); i++)
    if (g_str_equal (bucket, rollup_buckets[i]))
      return i + 1;
  return 0;
}

static RdQuery *
with_sum (RdQuery    *q,
          const char *column)
{
  g_free (q->sum_column);
  q->sum_column = g_strdup (column);
  q->sum_scale = 1.0;
  return q;
}

static RdQuery *
drill (RdMetricsCtx  *ctx,
       const char    *id,
       const char    *bucket,
       GError       **error)
{
  const RdFilter *f = ctx->filter;
  DealSpec spec = { SET_WON, f->period_start, f->period_end, -1, 0 };
  char from[11], to[11];
  ForecastPeriod fp;

  if (g_str_equal (id, "coverage.quota") && bucket == NULL)
    {
      g_auto(Quota) quota = { 0 };
      if (!quota_resolve (ctx, &quota, error))
        return NULL;
      return with_sum (quota_query (ctx, &quota, NULL), "amount");
    }
  if (g_str_equal (id, "coverage.closed_won") && bucket == NULL)
    return with_sum (deal_query (ctx, &spec, 0, NULL, NULL), "amount");
  if (g_str_equal (id, "coverage.open_pipeline") && bucket == NULL)
    {
      spec.set = SET_OPEN;
      return with_sum (deal_query (ctx, &spec, 0, NULL, NULL), "amount");
    }
  if (g_str_equal (id, "coverage.pipeline") && bucket != NULL)
    {
      spec.set = SET_OPEN;
      spec.category_id = category_by_name (ctx, bucket);
      if (spec.category_id >= 0)
        return with_sum (deal_query (ctx, &spec, 0, NULL, NULL), "amount");
    }
  if ((g_str_equal (id, "coverage.qualified_pipeline") || g_str_equal (id, "coverage.ratio")) && bucket == NULL)
    {
      spec.set = SET_QUALIFIED;
      return with_sum (deal_query (ctx, &spec, 0, NULL, NULL), "amount");
    }
  if (g_str_equal (id, "coverage.needed") && bucket == NULL && f->period_kind != RD_PERIOD_ALL)
    {
      window_before_period (ctx, from, to);
      spec.set = SET_CLOSED;
      spec.from = from;
      spec.to = to;
      return with_sum (deal_query (ctx, &spec, COL_WON, NULL, NULL), "amount");
    }
  if ((g_str_equal (id, "forecast.rollup") || g_str_equal (id, "forecast.rollup_attainment")) &&
      rollup_level_of (bucket) > 0)
    {
      spec.set = SET_ROLLUP;
      spec.level = rollup_level_of (bucket);
      return with_sum (deal_query (ctx, &spec, 0, NULL, NULL), "amount");
    }
  if ((g_str_equal (id, "forecast.submitted") || g_str_equal (id, "forecast.actual") ||
       g_str_equal (id, "forecast.accuracy") || g_str_equal (id, "forecast.bias")) &&
      (bucket != NULL || f->period_kind != RD_PERIOD_ALL))
    {
      if (!forecast_period (ctx, bucket ? bucket : f->period_key, &fp, error))
        return NULL;
      if (g_str_equal (id, "forecast.submitted"))
        return with_sum (submission_query (ctx, &fp, NULL), "amount");
      /* Actual; for the ratios, the records of the denominator. */
      spec.from = fp.start;
      spec.to = fp.end;
      return with_sum (deal_query (ctx, &spec, 0, NULL, NULL), "amount");
    }
  if (g_str_equal (id, "sales.win_rate") && bucket == NULL)
    {
      spec.set = SET_CLOSED;
      return deal_query (ctx, &spec, COL_WON, NULL, NULL);
    }
  if (g_str_equal (id, "sales.win_rate_value") && bucket == NULL)
    {
      spec.set = SET_CLOSED;
      return with_sum (deal_query (ctx, &spec, COL_WON, NULL, NULL), "amount");
    }
  if ((g_str_equal (id, "sales.cycle_median") || g_str_equal (id, "sales.cycle_mean")) && bucket == NULL)
    return with_sum (deal_query (ctx, &spec, COL_CYCLE, NULL, NULL), "cycle_days");
  if (g_str_equal (id, "sales.average_won") && bucket == NULL)
    return with_sum (deal_query (ctx, &spec, 0, NULL, NULL), "amount");
  if ((g_str_equal (id, "sales.open_deals") || g_str_equal (id, "sales.velocity")) && bucket == NULL)
    {
      spec.set = SET_OPEN_ALL;
      return deal_query (ctx, &spec, 0, NULL, NULL);
    }

  if (bucket)
    g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                 _("The metric “%s” has no bucket “%s”, or no list of records for it."), id, bucket);
  else
    g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                 _("There is no metric “%s”, or it has no list of records."), id);
  return NULL;
}

const RdMetricGroup rd_metrics_coverage_group = { "coverage", compute, drill };
