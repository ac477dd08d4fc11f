/* test-metrics-coverage-edits.c — the coverage aggregate under edits
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The coverage, forecast and sales numbers are read from per-close-month
 * tables kept by triggers on opportunities (rd-metrics-coverage-sums.c).
 * Whatever is edited, through the write path, those tables must hold what a
 * rebuild from the records gives, and the numbers must not change with it.
 */
#include <string.h>

#include "rd-aggregates.h"
#include "rd-demo.h"
#include "rd-metrics.h"
#include "rd-test-util.h"
#include "rd-workspace-private.h"

typedef struct
{
  const char *period;
  const char *segment;
  const char *owner;
} Slice;

static RdMetricPack *
compute (RdWorkspace *ws,
         const Slice *s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdFilter) filter = rd_filter_new ();
  RdMetricPack *pack;

  g_assert_true (rd_filter_resolve (filter, ws, NULL, s->period, s->segment, NULL, s->owner, NULL, &error));
  g_assert_no_error (error);
  pack = rd_metrics_compute (ws, filter, "coverage", &error);
  g_assert_no_error (error);
  g_assert_nonnull (pack);
  return pack;
}

/* Edits of every column the coverage aggregate keeps, through the write
 * path: its tables then equal a fresh rebuild, and so do the numbers. */
static const char *const deal_edits[] = {
  "UPDATE opportunities SET owner_id = (SELECT max (id) FROM people) WHERE id % 7 = 1",
  "UPDATE opportunities SET segment_id = NULL WHERE id % 11 = 2",
  "UPDATE opportunities SET region_id = (SELECT min (id) FROM regions) WHERE id % 13 = 3",
  "UPDATE opportunities SET channel_id = NULL WHERE id % 17 = 4",
  "UPDATE opportunities SET category_override_id = (SELECT min (id) FROM forecast_categories) WHERE id % 19 = 5",
  "UPDATE opportunities SET created_at = datetime (created_at, '-7 days') WHERE id % 23 = 6",
  "UPDATE opportunities SET close_date = date (close_date, '+40 days') WHERE id % 29 = 7",
  "UPDATE opportunities SET amount_cents = amount_cents * 2 + 1 WHERE id % 31 = 8",
  "UPDATE opportunities SET status = 'won', stage_id = (SELECT min (id) FROM stages WHERE is_won)"
  " WHERE status = 'open' AND id % 5 = 4",
  "UPDATE opportunities SET status = 'open', stage_id = NULL WHERE status = 'won' AND id % 37 = 9",
  "DELETE FROM opportunities WHERE id % 41 = 10",
  "INSERT INTO opportunities (name, account_id, owner_id, channel_id, segment_id, region_id, amount_cents,"
  " created_at, close_date, stage_id, status) SELECT name || ' (copy)', account_id, owner_id, channel_id,"
  " segment_id, region_id, amount_cents + 7, created_at, close_date, stage_id, status FROM opportunities"
  " WHERE id % 43 = 11",
};

static gboolean
run_edit (RdWorkspace  *ws,
          gpointer      sql,
          GError      **error)
{
  return rd_db_exec (_rd_workspace_get_db (ws), sql, error);
}

static gint64
table_difference (sqlite3    *db,
                  const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM (SELECT * FROM saved_%s EXCEPT SELECT * FROM %s"
                                          " UNION ALL SELECT * FROM (SELECT * FROM %s EXCEPT SELECT * FROM saved_%s))",
                                          table, table, table, table);
  return rd_db_query_int (db, sql, -1);
}

static void
test_edits (void)
{
  g_autofree char *dir = rd_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "edits.revdeck", NULL);
  g_autoptr(GError) error = NULL;
  RdDemoOptions options = { .seed = 3, .n_opportunities = 400 };
  g_autoptr(RdWorkspace) ws = rd_demo_create (path, &options, &error);
  const char *tables[] = { "agg_cov_months", "agg_cov_months_owner", "agg_cov_months_cycles" };
  g_autofree char *owner = NULL;
  Slice slices[] = {
    { NULL, NULL, NULL },
    { "all", NULL, NULL },
    { "2026-08", "SMB", NULL },
    { NULL, NULL, NULL },   /* the owner who was given deals */
  };
  RdMetricPack *before[G_N_ELEMENTS (slices)];
  sqlite3 *db;

  g_assert_no_error (error);
  db = _rd_workspace_get_db (ws);
  for (guint i = 0; i < G_N_ELEMENTS (deal_edits); i++)
    {
      g_assert_true (rd_workspace_write (ws, "edit", run_edit, (gpointer) deal_edits[i], &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (rd_db_query_int (db, "SELECT count (*) FROM agg_cov_months_cycles", 0), >, 0);
  {
    g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (db, "SELECT name FROM people ORDER BY id DESC LIMIT 1", NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    owner = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  }
  slices[3].owner = owner;

  for (guint i = 0; i < G_N_ELEMENTS (slices); i++)
    before[i] = compute (ws, &slices[i]);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("CREATE TEMP TABLE saved_%s AS SELECT * FROM %s", tables[i], tables[i]);
      rd_test_exec (db, sql);
    }
  rd_test_exec (db, "BEGIN");
  g_assert_true (rd_aggregates_rebuild_all (db, &error));
  g_assert_no_error (error);
  rd_test_exec (db, "COMMIT");

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_cmpint (table_difference (db, tables[i]), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (slices); i++)
    {
      g_autoptr(RdMetricPack) after = compute (ws, &slices[i]);
      rd_test_assert_same_packs (before[i], after, "trigger-kept, then rebuilt");
      rd_metric_pack_free (before[i]);
    }

  g_clear_object (&ws);
  rd_test_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("RD_METRICS_REPLAY");

  g_test_add_func ("/metrics/coverage/edits", test_edits);
  return g_test_run ();
}
