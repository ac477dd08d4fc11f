/* rd-metrics-coverage-sums.c — the deals behind coverage, forecast and sales
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every figure of the group that sums or counts deals is defined by one
 * record query, rd_cov_deal_query (): the drill-down lists its rows. Deals
 * are taken in their state at the end of the as-of day (the deal_at common
 * table expression): status, stage, close date and amount as they stood
 * then. A deal's forecast category is its own override if set, else the one
 * its stage maps to.
 *
 * Periods, the win-rate window and the forecast history are whole months of
 * close dates, so when nothing is recorded after as-of the sums are read
 * from the aggregate "cov_months", kept by triggers on opportunities:
 * - agg_cov_months: per close month, status, stage, category override,
 *   segment, region and channel: deals, cents and cycle days (a few
 *   thousand rows whatever the number of deals);
 * - agg_cov_months_owner: the same per owner, read when the filter names one;
 * - agg_cov_months_cycles: won deals per close month and cycle days, for the
 *   median without a filter;
 * - agg_cov_months_won: an index of the won deals with every column the
 *   median under a filter reads from the records.
 * Missing ids are stored as 0 (ids start at 1, so "= id" means the same).
 * A stage of 0 or one that no longer exists joins no stage, as in deal_at.
 * The parts of a range that are not whole months (the "all" period ends on
 * the as-of day), a median under a filter, and any as-of date with later
 * history are read from the record queries instead; the consistency tests
 * check that both give the same numbers.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "rd-metrics-coverage-private.h"
#include "rd-workspace-private.h"

/* ---------------------------------------------------------------- aggregate */

#define COV_CYCLE(R) \
  "max (0, CAST (julianday (" R ".close_date) - julianday (substr (" R ".created_at, 1, 10)) AS INTEGER))"
#define COV_DIMS "month, status, stage_id, category_override_id, segment_id, region_id, channel_id"
#define COV_KEY(R) \
  "substr (" R ".close_date, 1, 7), " R ".status, ifnull (" R ".stage_id, 0), ifnull (" R ".category_override_id, 0)," \
  " ifnull (" R ".segment_id, 0), ifnull (" R ".region_id, 0), ifnull (" R ".channel_id, 0)"
#define COV_OWNER(R) "ifnull (" R ".owner_id, 0)"
#define COV_WON(R) R ".status = 'won' AND " R ".stage_id IS NOT NULL"

#define COV_ADD_SET \
  " ON CONFLICT DO UPDATE SET n = n + 1, cents = cents + excluded.cents, cycle_days = cycle_days + excluded.cycle_days;"

#define COV_ADD(R) \
  "INSERT INTO agg_cov_months (" COV_DIMS ", n, cents, cycle_days) VALUES (" COV_KEY (R) ", 1, " \
  R ".amount_cents, " COV_CYCLE (R) ")" COV_ADD_SET \
  "INSERT INTO agg_cov_months_owner (owner_id, " COV_DIMS ", n, cents, cycle_days) VALUES (" COV_OWNER (R) ", " \
  COV_KEY (R) ", 1, " R ".amount_cents, " COV_CYCLE (R) ")" COV_ADD_SET \
  "INSERT INTO agg_cov_months_cycles (month, days, n) SELECT substr (" R ".close_date, 1, 7), " COV_CYCLE (R) ", 1" \
  " WHERE " COV_WON (R) " ON CONFLICT DO UPDATE SET n = n + 1;"

#define COV_SUB_SET(R) \
  " SET n = n - 1, cents = cents - " R ".amount_cents, cycle_days = cycle_days - " COV_CYCLE (R)

#define COV_SUB(R) \
  "UPDATE agg_cov_months" COV_SUB_SET (R) " WHERE (" COV_DIMS ") = (" COV_KEY (R) ");" \
  "DELETE FROM agg_cov_months WHERE (" COV_DIMS ") = (" COV_KEY (R) ") AND n = 0;" \
  "UPDATE agg_cov_months_owner" COV_SUB_SET (R) " WHERE (owner_id, " COV_DIMS ") = (" COV_OWNER (R) ", " COV_KEY (R) ");" \
  "DELETE FROM agg_cov_months_owner WHERE (owner_id, " COV_DIMS ") = (" COV_OWNER (R) ", " COV_KEY (R) ") AND n = 0;" \
  "UPDATE agg_cov_months_cycles SET n = n - 1 WHERE " COV_WON (R) \
  "   AND (month, days) = (substr (" R ".close_date, 1, 7), " COV_CYCLE (R) ");" \
  "DELETE FROM agg_cov_months_cycles WHERE " COV_WON (R) \
  "   AND (month, days) = (substr (" R ".close_date, 1, 7), " COV_CYCLE (R) ") AND n = 0;"

#define COV_TABLE(NAME, OWNER) \
  "CREATE TABLE " NAME " (" OWNER \
  " month TEXT NOT NULL, status TEXT NOT NULL, stage_id INTEGER NOT NULL, category_override_id INTEGER NOT NULL," \
  " segment_id INTEGER NOT NULL, region_id INTEGER NOT NULL, channel_id INTEGER NOT NULL," \
  " n INTEGER NOT NULL, cents INTEGER NOT NULL, cycle_days INTEGER NOT NULL,"

static const char cov_create_sql[] =
  COV_TABLE ("agg_cov_months", "") " PRIMARY KEY (" COV_DIMS ")) WITHOUT ROWID;"
  COV_TABLE ("agg_cov_months_owner", "owner_id INTEGER NOT NULL,")
  " PRIMARY KEY (owner_id, " COV_DIMS ")) WITHOUT ROWID;"
  "CREATE TABLE agg_cov_months_cycles (month TEXT NOT NULL, days INTEGER NOT NULL, n INTEGER NOT NULL,"
  " PRIMARY KEY (month, days)) WITHOUT ROWID;"
  /* The won deals' cycles under a filter are read from the records: this
   * index holds every column that query needs (the stage for deal_at's join). */
  "CREATE INDEX agg_cov_months_won ON opportunities"
  " (close_date, stage_id, segment_id, region_id, owner_id, channel_id, created_at) WHERE status = 'won';"
  "CREATE TRIGGER agg_cov_months_insert AFTER INSERT ON opportunities BEGIN " COV_ADD ("NEW") " END;"
  "CREATE TRIGGER agg_cov_months_delete AFTER DELETE ON opportunities BEGIN " COV_SUB ("OLD") " END;"
  "CREATE TRIGGER agg_cov_months_update AFTER UPDATE OF close_date, status, stage_id, category_override_id,"
  " segment_id, region_id, owner_id, channel_id, amount_cents, created_at ON opportunities"
  " WHEN OLD.close_date IS NOT NEW.close_date OR OLD.status IS NOT NEW.status OR OLD.stage_id IS NOT NEW.stage_id"
  "   OR OLD.category_override_id IS NOT NEW.category_override_id OR OLD.segment_id IS NOT NEW.segment_id"
  "   OR OLD.region_id IS NOT NEW.region_id OR OLD.owner_id IS NOT NEW.owner_id"
  "   OR OLD.channel_id IS NOT NEW.channel_id OR OLD.amount_cents IS NOT NEW.amount_cents"
  "   OR OLD.created_at IS NOT NEW.created_at"
  " BEGIN " COV_SUB ("OLD") COV_ADD ("NEW") " END;";

/* One pass over the deals for the per-owner table (the only full scan);
 * the table without owners is summed from it, the cycles from the won deals. */
static const char cov_rebuild_sql[] =
  "INSERT INTO agg_cov_months_owner (owner_id, " COV_DIMS ", n, cents, cycle_days)"
  " SELECT " COV_OWNER ("o") ", " COV_KEY ("o") ", count (*), sum (o.amount_cents), sum (" COV_CYCLE ("o") ")"
  " FROM opportunities o GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;"
  "INSERT INTO agg_cov_months (" COV_DIMS ", n, cents, cycle_days)"
  " SELECT " COV_DIMS ", sum (n), sum (cents), sum (cycle_days)"
  " FROM agg_cov_months_owner GROUP BY 1, 2, 3, 4, 5, 6, 7;"
  "INSERT INTO agg_cov_months_cycles (month, days, n)"
  " SELECT substr (o.close_date, 1, 7), " COV_CYCLE ("o") ", count (*)"
  " FROM opportunities o WHERE " COV_WON ("o") " GROUP BY 1, 2;";

const RdAggregate rd_cov_months_aggregate = {
  "cov_months", 3, cov_create_sql, cov_rebuild_sql, NULL,
};

/* ------------------------------------------------------------ record queries */

/* When the stored columns are the as-of state, a set of one status over a
 * bounded range of close dates is read day by day: one index seek on
 * (close_date, status) per day, so the other statuses' entries are never
 * scanned. The rows are the same as with a range scan. */
static gboolean
use_days (RdMetricsCtx    *ctx,
          const RdCovSpec *spec)
{
  GDate a, b;
  int y, m, d;

  if (!ctx->as_of_is_latest || spec->set == RD_COV_ROLLUP || spec->set == RD_COV_OPEN_ALL)
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

RdQuery *
rd_cov_deal_query (RdMetricsCtx    *ctx,
                   const RdCovSpec *spec,
                   guint            extra,
                   const char      *select,
                   const char      *group_by)
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
      if (extra & RD_COV_COL_WON)
        rd_query_append (q, ", (d.status = 'won') AS won");
      if (extra & RD_COV_COL_CYCLE)
        rd_query_append (q, ", " RD_COV_CYCLE_DAYS_SQL " AS cycle_days");
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
    case RD_COV_WON:
      rd_query_append (q, " AND d.status = 'won'");
      break;
    case RD_COV_LOST:
      rd_query_append (q, " AND d.status = 'lost'");
      break;
    case RD_COV_CLOSED:
      rd_query_append (q, " AND d.status IN ('won', 'lost')");
      break;
    case RD_COV_OPEN:
      rd_query_append (q, " AND d.status = 'open'");
      if (spec->category_id == 0)
        rd_query_append (q, " AND d.category_id IS NULL");
      else if (spec->category_id > 0)
        rd_query_appendv (q, " AND d.category_id = ?", G_TYPE_INT64, spec->category_id, G_TYPE_INVALID);
      break;
    case RD_COV_QUALIFIED:
      rd_query_append (q, " AND d.status = 'open'"
                          " AND d.category_id IN (SELECT id FROM forecast_categories WHERE counts_toward_coverage)");
      break;
    case RD_COV_ROLLUP:
      rd_query_appendv (q, " AND (d.status = 'won' OR (d.status = 'open' AND d.category_id IN"
                           " (SELECT id FROM forecast_categories WHERE rollup_level <= ?)))",
                        G_TYPE_INT64, (gint64) spec->level, G_TYPE_INVALID);
      break;
    case RD_COV_OPEN_ALL:
      rd_query_append (q, " AND d.status = 'open'");
      break;
    default:
      g_assert_not_reached ();
    }
  if (spec->set != RD_COV_OPEN_ALL)
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

gboolean
rd_cov_query_ints (RdMetricsCtx   *ctx,
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

static void
category_clear (RdCovCategory *c)
{
  g_free (c->name);
}

GArray *
rd_cov_load_categories (RdMetricsCtx  *ctx,
                        GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (ctx->db,
    "SELECT id, name, counts_toward_coverage, ifnull (rollup_level, 0) FROM forecast_categories"
    " ORDER BY position, id", error);
  GArray *cats;

  if (stmt == NULL)
    return NULL;
  cats = g_array_new (FALSE, TRUE, sizeof (RdCovCategory));
  g_array_set_clear_func (cats, (GDestroyNotify) category_clear);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      RdCovCategory c = { 0 };
      c.id = sqlite3_column_int64 (stmt, 0);
      c.name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      c.counts = sqlite3_column_int (stmt, 2) != 0;
      c.level = sqlite3_column_int (stmt, 3);
      g_array_append_val (cats, c);
    }
  return cats;
}

/* ---------------------------------------------------------------- the sums */

/* Adds one (status, category) row of sums. */
static void
sums_add (RdCovSums  *sums,
          const char *status,
          gboolean    has_category,
          gint64      category_id,
          gint64      n,
          gint64      cents,
          gint64      cycle_days)
{
  if (g_strcmp0 (status, "won") == 0)
    {
      sums->won_count += n;
      sums->won_cents += cents;
      sums->cycle_sum += cycle_days;
    }
  else if (g_strcmp0 (status, "lost") == 0)
    {
      sums->lost_count += n;
      sums->lost_cents += cents;
    }
  else if (g_strcmp0 (status, "open") == 0)
    {
      gboolean found = FALSE;

      sums->open_count += n;
      sums->open_cents += cents;
      for (guint i = 0; has_category && sums->cats && i < sums->cats->len; i++)
        {
          RdCovCategory *c = &g_array_index (sums->cats, RdCovCategory, i);
          if (c->id == category_id)
            {
              c->open_count += n;
              c->open_cents += cents;
              found = TRUE;
            }
        }
      /* A category id that no longer exists has no bucket, as before. */
      if (!found)
        {
          sums->none_count += n;
          sums->none_cents += cents;
        }
    }
}

/* Runs @q and hands each row to @row. */
static gboolean
each_row (RdMetricsCtx  *ctx,
          const RdQuery *q,
          void         (*row) (sqlite3_stmt *stmt,
                               gpointer      data),
          gpointer       data,
          GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = rd_metrics_prepare (ctx, q, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    row (stmt, data);
  if (rc != SQLITE_DONE)
    {
      rd_db_set_error (ctx->db, error, NULL);
      return FALSE;
    }
  return TRUE;
}

/* A "status, category_id, n, cents, cycle_days" row. */
static void
sums_row (sqlite3_stmt *stmt,
          gpointer      sums)
{
  sums_add (sums, (const char *) sqlite3_column_text (stmt, 0), sqlite3_column_type (stmt, 1) != SQLITE_NULL,
            sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2),
            sqlite3_column_int64 (stmt, 3), sqlite3_column_int64 (stmt, 4));
}

static gboolean
read_sums (RdMetricsCtx  *ctx,
           const RdQuery *q,
           RdCovSums     *sums,
           GError       **error)
{
  return each_row (ctx, q, sums_row, sums, error);
}

static void
cycles_add (GArray *cycles,
            gint64  days,
            gint64  n)
{
  guint lo = 0, hi = cycles->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (cycles, RdCovCycle, mid).days < days)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < cycles->len && g_array_index (cycles, RdCovCycle, lo).days == days)
    g_array_index (cycles, RdCovCycle, lo).n += n;
  else
    {
      RdCovCycle c = { days, n };
      g_array_insert_val (cycles, lo, c);
    }
}

/* A "days, n" row. */
static void
cycles_row (sqlite3_stmt *stmt,
            gpointer      cycles)
{
  cycles_add (cycles, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1));
}

static gboolean
read_cycles (RdMetricsCtx  *ctx,
             const RdQuery *q,
             GArray        *cycles,
             GError       **error)
{
  return each_row (ctx, q, cycles_row, cycles, error);
}

static gboolean
has_dimension_filter (RdMetricsCtx *ctx)
{
  const RdFilter *f = ctx->filter;
  return f->segment_id != 0 || f->region_id != 0 || f->owner_id != 0 || f->channel_id != 0;
}

/* A "days, n, cents" row of won deals. */
static void
won_row (sqlite3_stmt *stmt,
         gpointer      data)
{
  RdCovSums *sums = data;
  gint64 days = sqlite3_column_int64 (stmt, 0), n = sqlite3_column_int64 (stmt, 1);

  sums->won_count += n;
  sums->won_cents += sqlite3_column_int64 (stmt, 2);
  sums->cycle_sum += days * n;
  if (sums->cycles)
    cycles_add (sums->cycles, days, n);
}

/* The record queries for close dates in [from, to], only for the statuses
 * @sums needs: one pass per status, so each can seek its (close_date,
 * status) entries, and the won deals once, by cycle. */
static gboolean
record_sums (RdMetricsCtx  *ctx,
             const char    *from,
             const char    *to,
             RdCovSums     *sums,
             GError       **error)
{
  guint need = sums->need ? sums->need : RD_COV_NEED_ALL;
  RdCovSpec spec = { RD_COV_WON, from, to, -1, 0 };

  if (need & RD_COV_NEED_WON)
    {
      g_autoptr(RdQuery) q = rd_cov_deal_query (ctx, &spec, 0,
        RD_COV_CYCLE_DAYS_SQL ", count (*), sum (d.amount_cents)", "1");
      if (!each_row (ctx, q, won_row, sums, error))
        return FALSE;
    }
  if (need & RD_COV_NEED_LOST)
    {
      g_autoptr(RdQuery) q = NULL;

      spec.set = RD_COV_LOST;
      q = rd_cov_deal_query (ctx, &spec, 0, "d.status, NULL, count (*), sum (d.amount_cents), 0", NULL);
      if (!read_sums (ctx, q, sums, error))
        return FALSE;
    }
  if (need & RD_COV_NEED_OPEN)
    {
      g_autoptr(RdQuery) q = NULL;

      spec.set = RD_COV_OPEN;
      q = rd_cov_deal_query (ctx, &spec, 0, "d.status, d.category_id, count (*), sum (d.amount_cents), 0",
                             "d.status, d.category_id");
      if (!read_sums (ctx, q, sums, error))
        return FALSE;
    }
  return TRUE;
}

/* Months "YYYY-MM" from @m0 to @m1 of the aggregate. */
static gboolean
aggregate_sums (RdMetricsCtx  *ctx,
                const char    *m0,
                const char    *m1,
                RdCovSums     *sums,
                GError       **error)
{
  gboolean by_owner = ctx->filter->owner_id != 0;
  g_autoptr(RdQuery) q = rd_query_new (
    "SELECT a.status, coalesce (nullif (a.category_override_id, 0), s.forecast_category_id),"
    " sum (a.n), sum (a.cents), sum (a.cycle_days) FROM ");

  rd_query_append (q, by_owner ? "agg_cov_months_owner a" : "agg_cov_months a");
  rd_query_append (q, " JOIN stages s ON s.id = a.stage_id WHERE ");
  if (by_owner)
    rd_query_appendv (q, "a.owner_id = ? AND ", G_TYPE_INT64, ctx->filter->owner_id, G_TYPE_INVALID);
  rd_query_appendv (q, "a.month BETWEEN ? AND ?", G_TYPE_STRING, m0, G_TYPE_STRING, m1, G_TYPE_INVALID);
  /* The owner is in the seek above; the other dimensions are columns. */
  rd_metrics_filter_sql (ctx, q, "a", FALSE, TRUE);
  rd_query_append (q, " GROUP BY 1, 2");
  if (!read_sums (ctx, q, sums, error))
    return FALSE;

  if (sums->cycles && !has_dimension_filter (ctx))
    {
      g_autoptr(RdQuery) c = rd_query_new ("SELECT days, sum (n) FROM agg_cov_months_cycles WHERE month BETWEEN ");
      rd_query_appendv (c, "? AND ? GROUP BY days", G_TYPE_STRING, m0, G_TYPE_STRING, m1, G_TYPE_INVALID);
      if (!read_cycles (ctx, c, sums->cycles, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  int y, m, d;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static void
format_date (const GDate *date,
             char         out[11])
{
  g_snprintf (out, 11, "%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

gboolean
rd_cov_sums (RdMetricsCtx  *ctx,
             const char    *from,
             const char    *to,
             RdCovSums     *sums,
             GError       **error)
{
  GDate a, b, first, last;
  char m0[11], m1[11], edge[11];
  gboolean cycles_from_records;

  sums->won_count = sums->won_cents = sums->cycle_sum = 0;
  sums->lost_count = sums->lost_cents = 0;
  sums->open_count = sums->open_cents = sums->none_count = sums->none_cents = 0;
  for (guint i = 0; sums->cats && i < sums->cats->len; i++)
    {
      RdCovCategory *c = &g_array_index (sums->cats, RdCovCategory, i);
      c->open_count = c->open_cents = 0;
    }
  if (sums->cycles)
    g_array_set_size (sums->cycles, 0);

  if (!ctx->as_of_is_latest || !parse_date (from, &a) || !parse_date (to, &b) || g_date_compare (&a, &b) > 0)
    return record_sums (ctx, from, to, sums, error);

  /* The whole months inside [from, to]: first is the 1st of the first one,
   * last the last day of the last one. */
  first = a;
  if (g_date_get_day (&first) != 1)
    {
      g_date_set_day (&first, 1);
      g_date_add_months (&first, 1);
    }
  last = b;
  g_date_add_days (&last, 1);
  g_date_set_day (&last, 1);
  g_date_subtract_days (&last, 1);
  if (g_date_compare (&first, &last) > 0)
    return record_sums (ctx, from, to, sums, error);

  /* With a filter the median's values come from the records. */
  cycles_from_records = has_dimension_filter (ctx);
  format_date (&first, m0);
  format_date (&last, m1);
  m0[7] = m1[7] = '\0';
  if (!aggregate_sums (ctx, m0, m1, sums, error))
    return FALSE;
  if (cycles_from_records && sums->cycles)
    {
      char f[11], t[11];
      RdCovSpec spec = { RD_COV_WON, f, t, -1, 0 };
      g_autoptr(RdQuery) q = NULL;

      format_date (&first, f);
      format_date (&last, t);
      q = rd_cov_deal_query (ctx, &spec, 0, RD_COV_CYCLE_DAYS_SQL ", count (*)", RD_COV_CYCLE_DAYS_SQL);
      if (!read_cycles (ctx, q, sums->cycles, error))
        return FALSE;
    }

  /* The days before the first whole month and after the last. */
  if (g_date_compare (&a, &first) < 0)
    {
      GDate day = first;
      g_date_subtract_days (&day, 1);
      format_date (&day, edge);
      if (!record_sums (ctx, from, edge, sums, error))
        return FALSE;
    }
  if (g_date_compare (&last, &b) < 0)
    {
      GDate day = last;
      g_date_add_days (&day, 1);
      format_date (&day, edge);
      if (!record_sums (ctx, edge, to, sums, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
rd_cov_open_all (RdMetricsCtx  *ctx,
                 gint64        *count,
                 GError       **error)
{
  g_autoptr(RdQuery) q = NULL;

  if (!ctx->as_of_is_latest)
    {
      RdCovSpec all = { RD_COV_OPEN_ALL, NULL, NULL, -1, 0 };
      q = rd_cov_deal_query (ctx, &all, 0, "count (*)", NULL);
      return rd_cov_query_ints (ctx, q, count, 1, error);
    }

  if (ctx->filter->owner_id != 0)
    {
      q = rd_query_new ("SELECT ifnull (sum (a.n), 0) FROM agg_cov_months_owner a JOIN stages s ON s.id = a.stage_id"
                        " WHERE a.owner_id = ");
      rd_query_add_int (q, ctx->filter->owner_id);
      rd_query_append (q, " AND a.status = 'open'");
    }
  else
    q = rd_query_new ("SELECT ifnull (sum (a.n), 0) FROM agg_cov_months a JOIN stages s ON s.id = a.stage_id"
                      " WHERE a.status = 'open'");
  rd_metrics_filter_sql (ctx, q, "a", FALSE, TRUE);
  return rd_cov_query_ints (ctx, q, count, 1, error);
}
