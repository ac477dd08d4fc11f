/* rd-metrics-aging.c — opportunity stage aging: open deals, days in stage, stalled, slipped, stale
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * metrics.md, "Opportunity stages and stage aging". Deal stages are the rows
 * of stages with kind = 'deal'; the open ones are neither won nor lost. The
 * open-deal numbers are a snapshot at the end of the as-of day (deal_at):
 * the period filter does not apply to them. Historical time in stage uses
 * the stage visits that ended in the period.
 *
 * Choices where metrics.md is silent (each also said in the formula text):
 * - Days are whole days, rounded down, counted to the end of the as-of day
 *   (23:59:59): a deal that entered its stage at 10:00 the day before
 *   as-of has been there 1 day. They are computed from whole seconds
 *   (unixepoch), which is julianday arithmetic without its rounding noise.
 * - The cumulative clock adds up every visit to the current stage, each
 *   visit ending at its exit or at as-of, and rounds the sum down.
 * - Idle counts from the deal's last change of any kind (stage, amount,
 *   close date, or creation).
 * - Medians and percentiles are by nearest rank (the ⌈p/100 × n⌉-th
 *   smallest value), so every figure is a real deal's or visit's number.
 * - A stage without a maximum days (threshold) has no stalled deals.
 * - A deal counts as slipped when a close-date change by as-of moved the
 *   date later; its number of such moves is listed with it.
 * - Filters (segment, region, owner, source) are the deal's own.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "rd-agg-aging.h"
#include "rd-metrics-private.h"
#include "rd-workspace-private.h"

typedef struct
{
  gint64   id;
  char    *name;
  gint64   max_days;    /* 0: none */
} Stage;

#define STAGE(a, i) (&g_array_index ((a), Stage, (i)))

static void
stage_clear (gpointer data)
{
  g_free (((Stage *) data)->name);
}

/* The open deal stages, in order. */
static GArray *
load_stages (RdMetricsCtx *ctx,
             GError      **error)
{
  g_autoptr(GArray) stages = g_array_new (FALSE, TRUE, sizeof (Stage));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_array_set_clear_func (stages, stage_clear);
  stmt = rd_db_prepare (ctx->db,
                        "SELECT id, name, ifnull (max_days, 0) FROM stages"
                        " WHERE kind = 'deal' AND NOT is_won AND NOT is_lost ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Stage s = { sqlite3_column_int64 (stmt, 0),
                  g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
                  sqlite3_column_int64 (stmt, 2) };
      g_array_append_val (stages, s);
    }
  if (rc != SQLITE_DONE)
    {
      rd_db_set_error (ctx->db, error, NULL);
      return NULL;
    }
  return g_steal_pointer (&stages);
}

static int
find_stage (GArray     *stages,
            const char *name)
{
  if (name == NULL)
    return -1;
  for (guint i = 0; i < stages->len; i++)
    if (g_ascii_strcasecmp (STAGE (stages, i)->name, name) == 0)
      return (int) i;
  return -1;
}

static const char *
clock_name (RdAgingClock clock)
{
  switch (clock)
    {
    case RD_CLOCK_CUMULATIVE:
      return "cumulative";
    case RD_CLOCK_IDLE:
      return "idle";
    case RD_CLOCK_DEAL_AGE:
      return "deal-age";
    case RD_CLOCK_SINCE_ENTRY:
    default:
      return "since-entry";
    }
}

static const char *
clock_text (RdAgingClock clock)
{
  switch (clock)
    {
    case RD_CLOCK_CUMULATIVE:
      return _("the cumulative clock: all its visits to the stage added up, re-entries included");
    case RD_CLOCK_IDLE:
      return _("the idle clock: as-of − the deal's last change of any kind");
    case RD_CLOCK_DEAL_AGE:
      return _("the deal-age clock: as-of − the deal's creation");
    case RD_CLOCK_SINCE_ENTRY:
    default:
      return _("the since-entry clock: as-of − the deal's last entry into the stage");
    }
}

/* ------------------------------------------------------------------ queries */

/* Appends the days-in-stage expression of the filter's clock for deal_at
 * row "d", in whole days rounded down to the end of the as-of day. */
static void
append_days (RdMetricsCtx *ctx,
             RdQuery      *q)
{
  const char *t = ctx->as_of_end;

  switch (ctx->filter->aging_clock)
    {
    case RD_CLOCK_CUMULATIVE:
      /* Every visit to the current stage up to as-of; the open one ends at as-of. */
      rd_query_appendv (q, "(coalesce ((SELECT sum (unixepoch (min (coalesce (h.exited_at, ?), ?))"
                        " - unixepoch (h.entered_at)) FROM opportunity_stage_history h"
                        " WHERE h.opportunity_id = d.id AND +h.stage_id = d.stage_id AND h.entered_at <= ?),"
                        " unixepoch (?) - unixepoch (d.stage_entered_at)) / 86400)",
                        G_TYPE_STRING, t, G_TYPE_STRING, t, G_TYPE_STRING, t, G_TYPE_STRING, t,
                        G_TYPE_INVALID);
      break;
    case RD_CLOCK_IDLE:
      rd_query_appendv (q, "((unixepoch (?) - unixepoch (coalesce (d.last_change_at, d.stage_entered_at,"
                        " d.created_at))) / 86400)", G_TYPE_STRING, t, G_TYPE_INVALID);
      break;
    case RD_CLOCK_DEAL_AGE:
      rd_query_appendv (q, "((unixepoch (?) - unixepoch (d.created_at)) / 86400)", G_TYPE_STRING, t, G_TYPE_INVALID);
      break;
    case RD_CLOCK_SINCE_ENTRY:
    default:
      rd_query_appendv (q, "((unixepoch (?) - unixepoch (d.stage_entered_at)) / 86400)", G_TYPE_STRING, t,
                        G_TYPE_INVALID);
      break;
    }
}

/* The columns a leader recognises for deal_at row "d"; names by scalar
 * subqueries, which counting the rows never evaluates. */
static void
append_deal_columns (RdQuery *q)
{
  rd_query_append (q, "d.id, d.name,"
                      " (SELECT a.name FROM accounts a WHERE a.id = d.account_id) AS account,"
                      " (SELECT pp.name FROM people pp WHERE pp.id = d.owner_id) AS owner,"
                      " (SELECT ss.name FROM stages ss WHERE ss.id = d.stage_id) AS stage,"
                      " d.amount_cents / 100.0 AS amount");
}

/* The open deals at as-of in open stage @k (all open stages when @k < 0),
 * each with its days in stage by the filter's clock and whether that
 * exceeds the stage's maximum; with @stalled_only, only the stalled ones.
 * With @counting, the same rows with only the columns compute needs:
 * stage_id, days_in_stage, threshold (the days are computed once per row;
 * compute applies the same "days_in_stage > threshold" test). */
static RdQuery *
open_query (RdMetricsCtx *ctx,
            GArray       *stages,
            int           k,
            gboolean      stalled_only,
            gboolean      counting)
{
  RdQuery *q = rd_query_new ("WITH ");

  rd_metrics_append_deal_at (ctx, q);
  if (counting)
    rd_query_append (q, " SELECT v.stage_id, v.days_in_stage, v.threshold FROM (SELECT d.stage_id AS stage_id, ");
  else
    {
      rd_query_append (q, " SELECT v.id, v.name, v.account, v.owner, v.stage, v.amount, v.days_in_stage,"
                          " v.threshold, (v.threshold IS NOT NULL AND v.days_in_stage > v.threshold) AS stalled,"
                          " v.close_date FROM (SELECT ");
      append_deal_columns (q);
      rd_query_append (q, ", d.close_date AS close_date, ");
    }
  append_days (ctx, q);
  rd_query_append (q, " AS days_in_stage, s.max_days AS threshold"
                      " FROM deal_at d JOIN stages s ON s.id = d.stage_id"
                      " WHERE d.status = 'open' AND s.kind = 'deal' AND NOT s.is_won AND NOT s.is_lost");
  if (k >= 0)
    {
      rd_query_append (q, " AND d.stage_id = ");
      rd_query_add_int (q, STAGE (stages, k)->id);
    }
  rd_metrics_filter_sql (ctx, q, "d", TRUE, TRUE);
  rd_query_append (q, ") v");
  if (stalled_only)
    rd_query_append (q, " WHERE v.days_in_stage > v.threshold");
  if (!counting)
    rd_query_append (q, " ORDER BY v.days_in_stage DESC, v.id");
  return q;
}

/* Open deals at as-of whose close date was moved later, by as-of, with the
 * number of such moves. Sorted (@ordered) only for the drill: counting
 * the rows of a sorted query would compute every column. */
static RdQuery *
slipped_query (RdMetricsCtx *ctx,
               gboolean      ordered)
{
  RdQuery *q = rd_query_new ("WITH ");
  const char *t = ctx->as_of_end;

  rd_metrics_append_deal_at (ctx, q);
  rd_query_append (q, " SELECT ");
  append_deal_columns (q);
  rd_query_appendv (q, ", d.close_date,"
                    " (SELECT count(*) FROM close_date_changes c WHERE c.opportunity_id = d.id"
                    "  AND c.changed_at <= ? AND c.new_date > c.old_date) AS moves,"
                    " (SELECT c.old_date FROM close_date_changes c WHERE c.opportunity_id = d.id"
                    "  AND c.changed_at <= ? ORDER BY c.changed_at, c.id LIMIT 1) AS original_close_date"
                    " FROM deal_at d WHERE d.status = 'open'"
                    " AND EXISTS (SELECT 1 FROM close_date_changes c WHERE c.opportunity_id = d.id"
                    "  AND c.changed_at <= ? AND c.new_date > c.old_date)",
                    G_TYPE_STRING, t, G_TYPE_STRING, t, G_TYPE_STRING, t, G_TYPE_INVALID);
  rd_metrics_filter_sql (ctx, q, "d", TRUE, TRUE);
  if (ordered)
    rd_query_append (q, " ORDER BY moves DESC, d.id");
  return q;
}

/* Open deals at as-of whose close date (as it stood then) is before as-of. */
static RdQuery *
stale_query (RdMetricsCtx *ctx,
             gboolean      ordered)
{
  RdQuery *q = rd_query_new ("WITH ");

  rd_metrics_append_deal_at (ctx, q);
  rd_query_append (q, " SELECT ");
  append_deal_columns (q);
  rd_query_appendv (q, ", d.close_date, (unixepoch (?) - unixepoch (d.close_date)) / 86400 AS days_overdue"
                    " FROM deal_at d WHERE d.status = 'open' AND d.close_date < ?",
                    G_TYPE_STRING, ctx->filter->as_of, G_TYPE_STRING, ctx->filter->as_of, G_TYPE_INVALID);
  rd_metrics_filter_sql (ctx, q, "d", TRUE, TRUE);
  if (ordered)
    rd_query_append (q, " ORDER BY d.close_date, d.id");
  return q;
}

/* The window of historical time in stage: visits that ended from the
 * period start to the end of the period or of the as-of day, if earlier. */
static const char *
history_end (RdMetricsCtx *ctx)
{
  return strcmp (ctx->period_end_time, ctx->as_of_end) < 0 ? ctx->period_end_time : ctx->as_of_end;
}

/* The visits to open stage @k (all open stages when @k < 0) that ended in
 * the window, with their whole days. With @counting, the same rows with
 * only stage_id and days (from the covering index alone when no filter
 * needs the deal: every visit's deal exists, a foreign key). */
static RdQuery *
history_query (RdMetricsCtx *ctx,
               GArray       *stages,
               int           k,
               gboolean      counting)
{
  RdQuery *q = rd_query_new ("SELECT ");
  const RdFilter *f = ctx->filter;
  const char *end = history_end (ctx);
  gboolean join = !counting || f->segment_id || f->region_id || f->owner_id || f->channel_id;

  if (counting)
    rd_query_append (q, "h.stage_id, ");
  else
    rd_query_append (q, "o.id, o.name,"
                        " (SELECT a.name FROM accounts a WHERE a.id = o.account_id) AS account,"
                        " (SELECT pp.name FROM people pp WHERE pp.id = o.owner_id) AS owner,"
                        " (SELECT s.name FROM stages s WHERE s.id = h.stage_id) AS stage,"
                        " h.entered_at, h.exited_at, ");
  rd_query_append (q, "(unixepoch (h.exited_at) - unixepoch (h.entered_at)) / 86400 AS days"
                      " FROM opportunity_stage_history h");
  if (join)
    rd_query_append (q, " JOIN opportunities o ON o.id = h.opportunity_id");
  rd_query_append (q, " WHERE h.stage_id ");
  if (k >= 0)
    {
      rd_query_append (q, "= ");
      rd_query_add_int (q, STAGE (stages, k)->id);
    }
  else
    {
      rd_query_append (q, "IN (");
      for (guint i = 0; i < stages->len; i++)
        {
          if (i)
            rd_query_append (q, ", ");
          rd_query_add_int (q, STAGE (stages, i)->id);
        }
      rd_query_append (q, ")");
    }
  /* entered_at <= exited_at bounds the index range on entered_at. */
  rd_query_appendv (q, " AND h.entered_at <= ? AND h.exited_at >= ? AND h.exited_at <= ?",
                    G_TYPE_STRING, end, G_TYPE_STRING, ctx->period_start_time, G_TYPE_STRING, end,
                    G_TYPE_INVALID);
  if (join)
    rd_metrics_filter_sql (ctx, q, "o", TRUE, TRUE);
  if (!counting)
    rd_query_append (q, " ORDER BY days, h.id");
  return q;
}

/* ------------------------------------------------------- summary tables */

static gboolean
has_owner_or_source (const RdFilter *f)
{
  return f->owner_id != 0 || f->channel_id != 0;
}

/* Whether a summary table is up to date: writes outside
 * rd_workspace_write (the tests' fixtures) leave dirty keys behind. */
static gboolean
is_clean (RdMetricsCtx *ctx,
          const char   *exists_sql)
{
  return rd_db_query_int (ctx->db, exists_sql, 1) == 0;
}

/* ------------------------------------------------------------------ compute */

typedef struct
{
  GArray *days;        /* gint64, one per row; or each value once, ascending, with counts */
  GArray *counts;      /* NULL, or gint64: how many rows have days[i] */
  gint64  stalled;
} Bucket;

/* Runs a counting query (stage_id first) and puts the days (column
 * @days_col) of each row in the bucket of its stage, counting the rows
 * whose days exceed their threshold (column @threshold_col) as stalled. */
static gboolean
collect (RdMetricsCtx *ctx,
         GArray       *stages,
         const RdQuery *q,
         int           days_col,
         int           threshold_col,
         Bucket       *buckets,
         GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = rd_metrics_prepare (ctx, q, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      for (guint i = 0; i < stages->len; i++)
        if (STAGE (stages, i)->id == id)
          {
            gint64 days = sqlite3_column_int64 (stmt, days_col);
            g_array_append_val (buckets[i].days, days);
            /* days_in_stage > threshold, as the stalled drill has it. */
            if (threshold_col >= 0 && sqlite3_column_type (stmt, threshold_col) != SQLITE_NULL &&
                days > sqlite3_column_int64 (stmt, threshold_col))
              buckets[i].stalled++;
            break;
          }
    }
  if (rc != SQLITE_DONE)
    {
      rd_db_set_error (ctx->db, error, NULL);
      return FALSE;
    }
  return TRUE;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

/* Nearest rank: the ⌈p/100 × n⌉-th smallest of the bucket's sorted days
 * (n > 0), walking the counts when it has them. */
static gint64
nearest_rank (const Bucket *b,
              gint64        n,
              int           p)
{
  gint64 rank = MAX (((gint64) p * n + 99) / 100, 1);

  if (b->counts == NULL)
    return g_array_index (b->days, gint64, rank - 1);
  for (guint i = 0; i < b->days->len; i++)
    {
      rank -= g_array_index (b->counts, gint64, i);
      if (rank <= 0)
        return g_array_index (b->days, gint64, i);
    }
  g_return_val_if_reached (0);
}

/* How many rows the bucket has. */
static gint64
bucket_rows (const Bucket *b)
{
  gint64 n = 0;

  if (b->counts == NULL)
    return b->days->len;
  for (guint i = 0; i < b->counts->len; i++)
    n += g_array_index (b->counts, gint64, i);
  return n;
}

static void
set_percentile (RdMetric     *m,
                const Bucket *b,
                int           p,
                const char   *reason)
{
  gint64 n = bucket_rows (b);

  if (n == 0)
    rd_metric_set_undefined (m, reason);
  else
    rd_metric_set_value (m, (double) nearest_rank (b, n, p));
}

static gboolean
compute_open (RdMetricsCtx *ctx,
              GArray       *stages,
              GError      **error)
{
  const RdFilter *f = ctx->filter;
  g_autoptr(RdQuery) q = open_query (ctx, stages, -1, FALSE, TRUE);
  g_autofree Bucket *buckets = g_new0 (Bucket, stages->len);
  g_autofree char *note = g_strdup_printf (_("aging clock: %s"), clock_name (f->aging_clock));
  const char *clock = clock_text (f->aging_clock);
  gint64 total_stalled = 0;
  gboolean ok;

  for (guint i = 0; i < stages->len; i++)
    buckets[i].days = g_array_new (FALSE, FALSE, sizeof (gint64));

  ok = collect (ctx, stages, q, 1, 2, buckets, error);

  for (guint i = 0; ok && i < stages->len; i++)
    {
      const Stage *stage = STAGE (stages, i);
      Bucket *b = &buckets[i];
      g_autofree char *formula = NULL;
      g_autofree char *reason = g_strdup_printf (_("no open deals in %s at %s"), stage->name, f->as_of);
      RdMetric *m;

      g_array_sort (b->days, compare_int64);
      total_stalled += b->stalled;

      m = rd_metrics_add (ctx, "aging.open", stage->name, _("Open deals in stage"), RD_UNIT_COUNT);
      rd_metric_set_value (m, b->days->len);
      formula = g_strdup_printf (_("open deals in %s at the end of %s (a snapshot at the as-of date:"
                                   " the period filter does not apply)"), stage->name, f->as_of);
      rd_metric_set_formula (m, formula);
      m->drillable = TRUE;

      m = rd_metrics_add (ctx, "aging.days.median", stage->name, _("Median days in stage"), RD_UNIT_DAYS);
      set_percentile (m, b, 50, reason);
      g_free (formula);
      formula = g_strdup_printf (_("median days in %s of the deals open there at %s, by %s; whole days"
                                   " rounded down; median by nearest rank (the ⌈n/2⌉-th smallest)"),
                                 stage->name, f->as_of, clock);
      rd_metric_set_formula (m, formula);
      m->note = g_strdup (note);

      m = rd_metrics_add (ctx, "aging.days.max", stage->name, _("Longest days in stage"), RD_UNIT_DAYS);
      if (b->days->len)
        rd_metric_set_value (m, (double) g_array_index (b->days, gint64, b->days->len - 1));
      else
        rd_metric_set_undefined (m, reason);
      g_free (formula);
      formula = g_strdup_printf (_("most days in %s of the deals open there at %s, by %s; whole days rounded down"),
                                 stage->name, f->as_of, clock);
      rd_metric_set_formula (m, formula);
      m->note = g_strdup (note);

      m = rd_metrics_add (ctx, "aging.threshold", stage->name, _("Maximum days in stage"), RD_UNIT_DAYS);
      if (stage->max_days > 0)
        rd_metric_set_value (m, (double) stage->max_days);
      else
        {
          g_autofree char *why = g_strdup_printf (_("%s has no maximum days in stage"), stage->name);
          rd_metric_set_undefined (m, why);
        }
      g_free (formula);
      formula = g_strdup_printf (_("the maximum days in stage set for %s: open deals there longer than"
                                   " this are stalled"), stage->name);
      rd_metric_set_formula (m, formula);

      m = rd_metrics_add (ctx, "aging.stalled", stage->name, _("Stalled deals in stage"), RD_UNIT_COUNT);
      rd_metric_set_value (m, (double) b->stalled);
      g_free (formula);
      if (stage->max_days > 0)
        formula = g_strdup_printf (_("open deals in %s at %s whose days in stage, by %s, exceed its maximum of"
                                     " %" G_GINT64_FORMAT " days (a snapshot: the period filter does not apply)"),
                                   stage->name, f->as_of, clock, stage->max_days);
      else
        formula = g_strdup_printf (_("open deals in %s at %s whose days in stage exceed its maximum: %s has"
                                     " no maximum, so none is stalled"), stage->name, f->as_of, stage->name);
      rd_metric_set_formula (m, formula);
      rd_metric_set_definition (ctx, m, "stalled-deal");
      m->note = g_strdup (note);
      m->drillable = TRUE;
    }

  if (ok)
    {
      RdMetric *m = rd_metrics_add (ctx, "aging.stalled", NULL, _("Stalled deals"), RD_UNIT_COUNT);
      g_autofree char *formula =
        g_strdup_printf (_("open deals at %s whose days in their stage, by %s, exceed that stage's maximum"
                           " days (a snapshot: the period filter does not apply)"), f->as_of, clock);

      rd_metric_set_value (m, (double) total_stalled);
      rd_metric_set_formula (m, formula);
      rd_metric_set_definition (ctx, m, "stalled-deal");
      m->note = g_strdup (note);
      m->drillable = TRUE;
    }

  for (guint i = 0; i < stages->len; i++)
    g_array_unref (buckets[i].days);
  return ok;
}

/* The visits of history_query (k < 0) from agg_aging_days: per stage each
 * number of days once, ascending, with its count. */
static gboolean
collect_summed (RdMetricsCtx *ctx,
                GArray       *stages,
                Bucket       *buckets,
                GError      **error)
{
  g_autoptr(RdQuery) q = rd_query_new ("SELECT a.stage_id, a.days, sum (a.n) FROM agg_aging_days a"
                                       " WHERE a.exit_day >= ");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *end = g_strndup (history_end (ctx), 10);
  int rc;

  rd_query_add_text (q, ctx->filter->period_start);
  rd_query_append (q, " AND a.exit_day <= ");
  rd_query_add_text (q, end);
  rd_metrics_filter_sql (ctx, q, "a", FALSE, FALSE);
  rd_query_append (q, " GROUP BY a.stage_id, a.days ORDER BY a.stage_id, a.days");

  stmt = rd_metrics_prepare (ctx, q, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < stages->len; i++)
    buckets[i].counts = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      for (guint i = 0; i < stages->len; i++)
        if (STAGE (stages, i)->id == id)
          {
            gint64 days = sqlite3_column_int64 (stmt, 1);
            gint64 n = sqlite3_column_int64 (stmt, 2);

            g_array_append_val (buckets[i].days, days);
            g_array_append_val (buckets[i].counts, n);
            break;
          }
    }
  if (rc != SQLITE_DONE)
    {
      rd_db_set_error (ctx->db, error, NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
compute_history (RdMetricsCtx *ctx,
                 GArray       *stages,
                 GError      **error)
{
  const RdFilter *f = ctx->filter;
  g_autoptr(RdQuery) q = history_query (ctx, stages, -1, TRUE);
  g_autofree Bucket *buckets = g_new0 (Bucket, stages->len);
  g_autofree char *end = g_strndup (history_end (ctx), 10);
  static const struct { const char *id; int p; } pcts[] = {
    { "aging.history.median", 50 }, { "aging.history.p75", 75 }, { "aging.history.p90", 90 },
  };
  gboolean ok;

  for (guint i = 0; i < stages->len; i++)
    buckets[i].days = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!has_owner_or_source (f) && is_clean (ctx, "SELECT EXISTS (SELECT 1 FROM agg_aging_days_dirty)"))
    ok = collect_summed (ctx, stages, buckets, error);
  else
    {
      ok = collect (ctx, stages, q, 1, -1, buckets, error);
      for (guint i = 0; i < stages->len; i++)
        g_array_sort (buckets[i].days, compare_int64);
    }

  for (guint p = 0; ok && p < G_N_ELEMENTS (pcts); p++)
    for (guint i = 0; i < stages->len; i++)
      {
        const Stage *stage = STAGE (stages, i);
        g_autofree char *reason = g_strdup_printf (_("no deal left %s between %s and %s"),
                                                   stage->name, f->period_start, end);
        g_autofree char *formula = NULL;
        RdMetric *m;
        const char *label = pcts[p].p == 50 ? _("Median days in stage, deals that left it")
                          : pcts[p].p == 75 ? _("75th percentile days in stage, deals that left it")
                                            : _("90th percentile days in stage, deals that left it");

        m = rd_metrics_add (ctx, pcts[p].id, stage->name, label, RD_UNIT_DAYS);
        set_percentile (m, &buckets[i], pcts[p].p, reason);
        formula = g_strdup_printf (_("days between entering and leaving %s (whole days, rounded down) for"
                                     " visits that ended between %s and %s (%s); %dth percentile by nearest"
                                     " rank (the ⌈%d/100 × n⌉-th smallest)"),
                                   stage->name, f->period_start, end, f->period_key, pcts[p].p, pcts[p].p);
        rd_metric_set_formula (m, formula);
      }

  for (guint i = 0; i < stages->len; i++)
    {
      g_array_unref (buckets[i].days);
      g_clear_pointer (&buckets[i].counts, g_array_unref);
    }
  return ok;
}

static gboolean
compute (RdMetricsCtx *ctx,
         GError      **error)
{
  const RdFilter *f = ctx->filter;
  g_autoptr(GArray) stages = load_stages (ctx, error);

  if (stages == NULL || !compute_open (ctx, stages, error))
    return FALSE;

  {
    g_autoptr(RdQuery) q = slipped_query (ctx, FALSE);
    g_autofree char *formula =
      g_strdup_printf (_("open deals at %s whose close date was moved later at least once by then (a snapshot:"
                         " the period filter does not apply); the list gives each deal's number of moves"),
                       f->as_of);
    RdMetric *m;

    if (ctx->as_of_is_latest)
      {
        /* The same deals from agg_aging_slips: their status is the as-of one. */
        g_autoptr(RdQuery) count = rd_query_new ("SELECT count(*) FROM agg_aging_slips s"
                                                 " WHERE s.status = 'open' AND s.first_slip_at <= ");
        double n;

        rd_query_add_text (count, ctx->as_of_end);
        rd_metrics_filter_sql (ctx, count, "s", TRUE, TRUE);
        n = rd_metrics_query_double (ctx, count, -1, error);
        if (n < 0)
          return FALSE;
        m = rd_metrics_add (ctx, "aging.slipped", NULL, _("Slipped deals"), RD_UNIT_COUNT);
        rd_metric_set_value (m, n);
        m->drillable = TRUE;
      }
    else
      m = rd_metrics_add_from_query (ctx, "aging.slipped", NULL, _("Slipped deals"), RD_UNIT_COUNT, q, error);
    if (m == NULL)
      return FALSE;
    rd_metric_set_formula (m, formula);
    rd_metric_set_definition (ctx, m, "slipped-deal");
  }

  {
    g_autoptr(RdQuery) q = stale_query (ctx, FALSE);
    g_autofree char *formula =
      g_strdup_printf (_("open deals at %s whose close date, as it stood then, is before %s (a snapshot:"
                         " the period filter does not apply)"), f->as_of, f->as_of);
    RdMetric *m = rd_metrics_add_from_query (ctx, "aging.stale", NULL, _("Stale deals"), RD_UNIT_COUNT,
                                             q, error);
    if (m == NULL)
      return FALSE;
    rd_metric_set_formula (m, formula);
    rd_metric_set_definition (ctx, m, "stale-deal");
  }

  return compute_history (ctx, stages, error);
}

/* -------------------------------------------------------------------- drill */

static RdQuery *
drill (RdMetricsCtx *ctx,
       const char   *metric_id,
       const char   *bucket,
       GError      **error)
{
  g_autoptr(GArray) stages = load_stages (ctx, error);
  gboolean per_stage;
  int k;

  if (stages == NULL)
    return NULL;

  if (g_str_equal (metric_id, "aging.slipped") || g_str_equal (metric_id, "aging.stale") ||
      (g_str_equal (metric_id, "aging.stalled") && bucket == NULL))
    {
      if (bucket != NULL)
        {
          g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                       _("“%s” has no buckets."), metric_id);
          return NULL;
        }
      if (g_str_equal (metric_id, "aging.slipped"))
        return slipped_query (ctx, TRUE);
      if (g_str_equal (metric_id, "aging.stale"))
        return stale_query (ctx, TRUE);
      return open_query (ctx, stages, -1, TRUE, FALSE);
    }

  per_stage = g_str_equal (metric_id, "aging.open") || g_str_equal (metric_id, "aging.stalled") ||
              g_str_equal (metric_id, "aging.days.median") || g_str_equal (metric_id, "aging.days.max") ||
              g_str_has_prefix (metric_id, "aging.history.");
  if (!per_stage || (g_str_has_prefix (metric_id, "aging.history.") &&
                     !g_str_equal (metric_id, "aging.history.median") &&
                     !g_str_equal (metric_id, "aging.history.p75") &&
                     !g_str_equal (metric_id, "aging.history.p90")))
    {
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                   _("There is no metric “%s”, or it has no list of records."), metric_id);
      return NULL;
    }

  k = find_stage (stages, bucket);
  if (k < 0)
    {
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                   _("“%s” needs an open deal stage as its bucket, not “%s”."), metric_id, bucket ? bucket : "");
      return NULL;
    }

  if (g_str_has_prefix (metric_id, "aging.history."))
    return history_query (ctx, stages, k, FALSE);
  return open_query (ctx, stages, k, g_str_equal (metric_id, "aging.stalled"), FALSE);
}

static const RdAggregate *const aggregates[] = {
  &rd_agg_aging_days, &rd_agg_aging_slips, &rd_agg_aging_stale, &rd_agg_aging_open, NULL
};

const RdMetricGroup rd_metrics_aging_group = { "aging", compute, drill, aggregates };
