/* test-aggregates.c — the summary tables always equal a fresh rebuild
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every aggregate is kept up to date by triggers and by its refresh step
 * before each commit. These tests edit the demo company the way people and
 * imports do (stage moves, moves back, amount and close date changes, new and
 * deleted records, MRR changes, accepted handoffs, renamed accounts …) over
 * several transactions, then check that each aggregate table holds exactly
 * what rebuilding it from the records gives, and that the metric pack computed
 * from them is unchanged by the rebuild.
 */
#include "config.h"

#include <string.h>

#include "rd-aggregates.h"
#include "rd-demo.h"
#include "rd-metrics.h"
#include "rd-test-util.h"
#include "rd-workspace-private.h"

typedef struct
{
  char        *dir;
  char        *path;
  RdWorkspace *ws;
  sqlite3     *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RdDemoOptions options = { .seed = 7, .n_opportunities = 600 };

  f->dir = rd_test_tmpdir ();
  f->path = g_build_filename (f->dir, "agg.revdeck", NULL);
  f->ws = rd_demo_create (f->path, &options, &error);
  g_assert_no_error (error);
  f->db = _rd_workspace_get_db (f->ws);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->ws);
  rd_test_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* The names of the aggregate tables, sorted. */
static GPtrArray *
aggregate_tables (sqlite3 *db)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (db,
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'agg\\_%' ESCAPE '\\'"
    " AND name <> 'agg_versions' ORDER BY name", NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  return names;
}

/* Every row of @table in a canonical order, as text. Table and column
 * names come from sqlite_schema (our own schema), never from input. */
static char *
table_contents (sqlite3    *db,
                const char *table)
{
  g_autoptr(GString) cols = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) info = rd_db_prepare (db, "SELECT name FROM pragma_table_info (?1) ORDER BY cid", NULL);
  g_autoptr(sqlite3_stmt) rows = NULL;
  g_autofree char *sql = NULL;

  sqlite3_bind_text (info, 1, table, -1, SQLITE_STATIC);
  while (sqlite3_step (info) == SQLITE_ROW)
    g_string_append_printf (cols, "%s\"%s\"", cols->len ? ", " : "", sqlite3_column_text (info, 0));
  g_assert_cmpuint (cols->len, >, 0);

  sql = g_strdup_printf ("SELECT %s FROM \"%s\" ORDER BY %s", cols->str, table, cols->str);
  rows = rd_db_prepare (db, sql, NULL);
  g_assert_nonnull (rows);
  while (sqlite3_step (rows) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (rows); c++)
        {
          /* Sums of REAL values may differ in their last bits with the
           * order they were added in: compare those to 1e-6. */
          if (sqlite3_column_type (rows, c) == SQLITE_FLOAT)
            g_string_append_printf (out, "%.6f|", sqlite3_column_double (rows, c));
          else
            g_string_append_printf (out, "%s|", sqlite3_column_type (rows, c) == SQLITE_NULL
                                                ? "∅" : (const char *) sqlite3_column_text (rows, c));
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GHashTable *
snapshot (sqlite3 *db)
{
  GHashTable *contents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) tables = aggregate_tables (db);

  for (guint i = 0; i < tables->len; i++)
    g_hash_table_insert (contents, g_strdup (tables->pdata[i]), table_contents (db, tables->pdata[i]));
  return contents;
}

/* Checks each aggregate table against a rebuild from the records. */
static void
assert_aggregates_match_rebuild (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) kept = snapshot (f->db);
  g_autoptr(GHashTable) rebuilt = NULL;
  GHashTableIter iter;
  gpointer name, contents;

  g_assert_true (rd_db_exec (f->db, "BEGIN IMMEDIATE", &error));
  g_assert_true (rd_aggregates_rebuild_all (f->db, &error));
  g_assert_no_error (error);
  rebuilt = snapshot (f->db);
  g_assert_true (rd_db_exec (f->db, "ROLLBACK", &error));

  g_assert_cmpuint (g_hash_table_size (kept), ==, g_hash_table_size (rebuilt));
  g_hash_table_iter_init (&iter, kept);
  while (g_hash_table_iter_next (&iter, &name, &contents))
    {
      const char *fresh = g_hash_table_lookup (rebuilt, name);

      g_assert_nonnull (fresh);
      if (g_str_has_suffix (name, "_dirty"))
        g_assert_cmpstr (contents, ==, "");    /* emptied by the refresh before commit */
      if (strcmp (contents, fresh) != 0)
        g_error ("aggregate table %s differs from its rebuild:\nkept:\n%.2000s\nrebuilt:\n%.2000s",
                 (const char *) name, (const char *) contents, fresh);
    }
}

/* ------------------------------------------------------------------ edits */

typedef struct
{
  GRand *rand;
  int    round;
} Edits;

/* Random ids of @table's rows; SQL text is fixed, values are bound. */
static GArray *
pick_ids (sqlite3    *db,
          const char *sql,
          GRand      *rand,
          guint       n)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (db, sql, NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_int (stmt, 1, (int) n);
  sqlite3_bind_int64 (stmt, 2, g_rand_int (rand));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  return ids;
}

static void
run (sqlite3     *db,
     const char  *sql,
     gint64       a,
     gint64       b,
     const char  *text)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (db, sql, NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  if (text)
    sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_error ("edit failed: %s\n%s", sqlite3_errmsg (db), sql);
}

/* Random rows, reproducible: ordered by a hash of id and a seed. */
#define PICK(table, where) \
  "SELECT id FROM " table " WHERE " where " ORDER BY (id * 2654435761 + ?2) % 1000003 LIMIT ?1"

static gboolean
edit_round (RdWorkspace  *ws,
            gpointer      user_data,
            GError      **error)
{
  Edits *e = user_data;
  sqlite3 *db = _rd_workspace_get_db (ws);
  g_autoptr(GArray) opps = pick_ids (db, PICK ("opportunities", "status = 'open'"), e->rand, 25);
  g_autoptr(GArray) closed = pick_ids (db, PICK ("opportunities", "status <> 'open'"), e->rand, 4);
  g_autoptr(GArray) leads = pick_ids (db, PICK ("leads", "1"), e->rand, 25);
  g_autoptr(GArray) mrr = pick_ids (db, PICK ("mrr", "1"), e->rand, 30);
  g_autoptr(GArray) accounts = pick_ids (db, PICK ("accounts", "1"), e->rand, 12);
  g_autoptr(GArray) handoffs = pick_ids (db, PICK ("handoff_events", "1"), e->rand, 12);
  g_autoptr(GArray) renewals = pick_ids (db, PICK ("renewals", "1"), e->rand, 6);
  /* Each round happens a day later, all before the demo's as-of date. */
  g_autofree char *at = g_strdup_printf ("2026-09-%02d 1%d:00:00", 20 + e->round, e->round);

  for (guint i = 0; i < opps->len; i++)
    {
      gint64 id = g_array_index (opps, gint64, i);

      switch (i % 5)
        {
        case 0: /* a move to another deal stage (forward, back, won or lost) */
          run (db, "INSERT INTO opportunity_stage_history (opportunity_id, stage_id, entered_at)"
                   " SELECT ?1, (SELECT id FROM stages WHERE kind = 'deal' ORDER BY (id * 7 + ?2) % 13 LIMIT 1), ?3"
                   " WHERE ?3 > (SELECT max (entered_at) FROM opportunity_stage_history WHERE opportunity_id = ?1)",
               id, g_rand_int_range (e->rand, 0, 100), at);
          break;
        case 1: /* a bigger or smaller amount */
          {
            gint64 tenths = g_rand_int_range (e->rand, 3, 25);

            run (db, "INSERT INTO amount_changes (opportunity_id, changed_at, old_cents, new_cents)"
                     " SELECT id, ?3, amount_cents, amount_cents * ?2 / 10 FROM opportunities WHERE id = ?1",
                 id, tenths, at);
            run (db, "UPDATE opportunities SET amount_cents = amount_cents * ?2 / 10 WHERE id = ?1",
                 id, tenths, NULL);
          }
          break;
        case 2: /* pushed out or pulled in */
          run (db, "INSERT INTO close_date_changes (opportunity_id, changed_at, old_date, new_date)"
                   " SELECT id, ?3, close_date, date (close_date, ?2 || ' days') FROM opportunities WHERE id = ?1",
               id, g_rand_int_range (e->rand, -60, 120), at);
          run (db, "UPDATE opportunities SET close_date = (SELECT new_date FROM close_date_changes"
                   " WHERE opportunity_id = ?1 ORDER BY changed_at DESC, id DESC LIMIT 1) WHERE id = ?1",
               id, 0, NULL);
          break;
        case 3: /* reassigned to another owner, segment and source */
          run (db, "UPDATE opportunities SET owner_id = (SELECT id FROM people ORDER BY (id * 31 + ?2) % 17 LIMIT 1),"
                   " segment_id = (SELECT id FROM segments ORDER BY (id + ?2) % 3 LIMIT 1),"
                   " channel_id = (SELECT id FROM channels ORDER BY (id + ?2) % 5 LIMIT 1),"
                   " category_override_id = CASE WHEN ?2 % 2 THEN (SELECT min (id) FROM forecast_categories) END"
                   " WHERE id = ?1", id, g_rand_int_range (e->rand, 0, 100), NULL);
          break;
        default: /* deleted with its history */
          run (db, "DELETE FROM handoff_events WHERE opportunity_id = ?1", id, 0, NULL);
          run (db, "DELETE FROM opportunities WHERE id = ?1", id, 0, NULL);
          break;
        }
    }

  /* A won or lost deal reopened: its last history row removed. */
  for (guint i = 0; i < closed->len; i++)
    run (db, "DELETE FROM opportunity_stage_history WHERE id = (SELECT id FROM opportunity_stage_history"
             " WHERE opportunity_id = ?1 ORDER BY entered_at DESC, id DESC LIMIT 1)"
             " AND (SELECT count (*) FROM opportunity_stage_history WHERE opportunity_id = ?1) > 1",
         g_array_index (closed, gint64, i), 0, NULL);

  /* A new deal in the first stage. */
  run (db, "INSERT INTO opportunities (name, account_id, owner_id, channel_id, segment_id, region_id,"
           " amount_cents, created_at, close_date)"
           " SELECT 'New deal ' || ?1, min (id), NULL, NULL, NULL, NULL, ?2, ?3, date (?3, '+45 days') FROM accounts",
       e->round, 1000000 + e->round, at);
  run (db, "INSERT INTO opportunity_stage_history (opportunity_id, stage_id, entered_at)"
           " SELECT max (id), (SELECT id FROM stages WHERE kind = 'deal' ORDER BY position LIMIT 1), ?3"
           " FROM opportunities", 0, 0, at);

  for (guint i = 0; i < leads->len; i++)
    {
      gint64 id = g_array_index (leads, gint64, i);

      switch (i % 4)
        {
        case 0: /* moves on, skips a stage, or goes back (a re-entry) */
          run (db, "INSERT INTO lead_stage_events (lead_id, stage_id, entered_at)"
                   " SELECT ?1, (SELECT id FROM stages WHERE kind = 'lifecycle' ORDER BY (id * 7 + ?2) % 11 LIMIT 1), ?3"
                   " WHERE ?3 > ifnull ((SELECT max (entered_at) FROM lead_stage_events WHERE lead_id = ?1), '')"
                   "   AND ?3 > (SELECT created_at FROM leads WHERE id = ?1)",
               id, g_rand_int_range (e->rand, 0, 100), at);
          break;
        case 1:
          run (db, "UPDATE leads SET channel_id = (SELECT id FROM channels ORDER BY (id + ?2) % 5 LIMIT 1),"
                   " region_id = (SELECT id FROM regions ORDER BY (id + ?2) % 4 LIMIT 1),"
                   " email = CASE WHEN ?2 % 2 THEN NULL ELSE 'x' || ?1 || '@example.com' END WHERE id = ?1",
               id, g_rand_int_range (e->rand, 0, 100), NULL);
          break;
        case 2: /* an event taken back */
          run (db, "DELETE FROM lead_stage_events WHERE id = (SELECT id FROM lead_stage_events"
                   " WHERE lead_id = ?1 ORDER BY entered_at DESC, id DESC LIMIT 1)", id, 0, NULL);
          break;
        default:
          run (db, "DELETE FROM handoff_events WHERE lead_id = ?1", id, 0, NULL);
          run (db, "DELETE FROM leads WHERE id = ?1", id, 0, NULL);
          break;
        }
    }

  for (guint i = 0; i < mrr->len; i++)
    {
      gint64 id = g_array_index (mrr, gint64, i);

      switch (i % 3)
        {
        case 0: /* an expansion, a contraction, or a churn to zero */
          run (db, "UPDATE mrr SET mrr_cents = mrr_cents * ?2 / 4 WHERE id = ?1",
               id, g_rand_int_range (e->rand, 0, 8), NULL);
          break;
        case 1: /* a month taken out (a gap: churn, then reactivation), or
                 * written again as an import does (an upsert: REPLACE
                 * would delete without running the delete triggers) */
          if (i % 2)
            {
              run (db, "INSERT INTO mrr (account_id, month, mrr_cents)"
                       " SELECT account_id, month, mrr_cents + ?2 FROM mrr WHERE id = ?1 AND 1"
                       " ON CONFLICT (account_id, month) DO UPDATE SET mrr_cents = excluded.mrr_cents",
                   id, g_rand_int_range (e->rand, 1, 90000), NULL);
              break;
            }
          run (db, "DELETE FROM mrr WHERE id = ?1", id, 0, NULL);
          break;
        default: /* a month added after the last one */
          run (db, "INSERT OR IGNORE INTO mrr (account_id, month, mrr_cents)"
                   " SELECT account_id, strftime ('%Y-%m', max (month) || '-01', '+1 month'), ?2"
                   " FROM mrr WHERE account_id = (SELECT account_id FROM mrr WHERE id = ?1)",
               id, g_rand_int_range (e->rand, 0, 500000), NULL);
          break;
        }
    }

  for (guint i = 0; i < accounts->len; i++)
    run (db, "UPDATE accounts SET name = CASE WHEN ?2 % 2 THEN (SELECT name FROM accounts ORDER BY id LIMIT 1)"
             " ELSE name || ' Inc.' END, domain = CASE WHEN ?2 % 3 = 0 THEN NULL ELSE domain END,"
             " segment_id = (SELECT id FROM segments ORDER BY (id + ?2) % 3 LIMIT 1) WHERE id = ?1",
         g_array_index (accounts, gint64, i), g_rand_int_range (e->rand, 0, 100), NULL);

  for (guint i = 0; i < handoffs->len; i++)
    {
      gint64 id = g_array_index (handoffs, gint64, i);

      if (i % 3 == 2)
        run (db, "DELETE FROM handoff_events WHERE id = ?1", id, 0, NULL);
      else
        run (db, "UPDATE handoff_events SET accepted_at = CASE WHEN ?2 THEN max (crossed_at, ?3) END"
                 " WHERE id = ?1", id, i % 3, at);
    }

  for (guint i = 0; i < renewals->len; i++)
    run (db, "UPDATE renewals SET owner_id = CASE WHEN ?2 THEN (SELECT min (id) FROM people) END,"
             " status = CASE ?2 WHEN 2 THEN 'renewed' ELSE status END WHERE id = ?1",
         g_array_index (renewals, gint64, i), i % 3, NULL);

  run (db, "UPDATE spend SET amount_cents = amount_cents + ?2 WHERE id IN (SELECT id FROM spend ORDER BY id LIMIT 3)",
       0, 12345 * e->round, NULL);
  run (db, "UPDATE quotas SET amount_cents = amount_cents + ?2 WHERE id IN (SELECT id FROM quotas ORDER BY id LIMIT 2)",
       0, 100000 * e->round, NULL);

  /* What the editing dialogs will do for each record: keep the derived
   * columns (current stage, status, exit times) true. */
  return rd_workspace_refresh_derived (ws, error);
}

static void
test_edits_keep_aggregates (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n;

  rd_aggregates_all (&n);
  if (n == 0)
    {
      g_test_skip ("no aggregates are defined");
      return;
    }

  assert_aggregates_match_rebuild (f);
  for (int round = 1; round <= 4; round++)
    {
      Edits e = { g_rand_new_with_seed (round), round };

      rd_workspace_write (f->ws, "records", edit_round, &e, &error);
      g_assert_no_error (error);
      g_rand_free (e.rand);
      assert_aggregates_match_rebuild (f);
    }
}

/* The figures computed from kept aggregates equal those from rebuilt ones. */
static void
test_edits_keep_metrics (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdFilter) filter = rd_filter_new ();
  g_autoptr(RdMetricPack) before = NULL;
  g_autoptr(RdMetricPack) after = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  Edits e = { g_rand_new_with_seed (99), 5 };

  rd_workspace_write (f->ws, "records", edit_round, &e, &error);
  g_assert_no_error (error);
  g_rand_free (e.rand);
  g_assert_true (rd_filter_resolve (filter, f->ws, NULL, NULL, NULL, NULL, NULL, NULL, &error));

  before = rd_metrics_compute (f->ws, filter, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rd_db_exec (f->db, "BEGIN IMMEDIATE", &error));
  g_assert_true (rd_aggregates_rebuild_all (f->db, &error));
  g_assert_true (rd_db_exec (f->db, "COMMIT", &error));
  g_assert_no_error (error);
  after = rd_metrics_compute (f->ws, filter, NULL, &error);
  g_assert_no_error (error);

  before_json = json_to_string (rd_metric_pack_to_json (before), TRUE);
  after_json = json_to_string (rd_metric_pack_to_json (after), TRUE);
  g_assert_cmpstr (before_json, ==, after_json);
}

/* An aggregate built by another definition, or missing, is rebuilt on
 * open; one this build no longer knows is dropped. */
static void
test_stale_rebuilt_on_open (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) fresh = NULL;
  g_autoptr(GHashTable) reopened = NULL;
  const RdAggregate *const *all;
  guint n;

  all = rd_aggregates_all (&n);
  fresh = snapshot (f->db);
  rd_test_exec (f->db, "CREATE TABLE agg_gone (x INTEGER);"
                       "CREATE INDEX agg_gone_by_x ON agg_gone (x);"
                       "INSERT INTO agg_versions (name, version) VALUES ('gone', 3);");
  if (n > 0)
    {
      /* The first aggregate marked as built by another definition, and its
       * main table (if it has one) emptied: only a rebuild fills it again. */
      g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (f->db, "UPDATE agg_versions SET version = -1 WHERE name = ?1", NULL);
      g_autoptr(GPtrArray) tables = aggregate_tables (f->db);
      g_autofree char *main_table = g_strconcat ("agg_", all[0]->name, NULL);

      sqlite3_bind_text (stmt, 1, all[0]->name, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      for (guint i = 0; i < tables->len; i++)
        if (strcmp (tables->pdata[i], main_table) == 0)
          {
            g_autofree char *sql = g_strdup_printf ("DELETE FROM \"%s\"", main_table);
            rd_test_exec (f->db, sql);
          }
    }
  g_clear_object (&f->ws);

  f->ws = rd_workspace_open (f->path, &error);
  g_assert_no_error (error);
  f->db = _rd_workspace_get_db (f->ws);
  g_assert_cmpint (rd_db_query_int (f->db, "SELECT count (*) FROM sqlite_schema WHERE name LIKE 'agg_gone%'", -1), ==, 0);
  g_assert_cmpint (rd_db_query_int (f->db, "SELECT count (*) FROM agg_versions WHERE name = 'gone'", -1), ==, 0);
  g_assert_cmpint (rd_db_query_int (f->db, "SELECT count (*) FROM agg_versions WHERE version = -1", -1), ==, 0);
  reopened = snapshot (f->db);

  /* The same tables with the same rows as before. */
  {
    GHashTableIter iter;
    gpointer name, contents;

    g_assert_cmpuint (g_hash_table_size (fresh), ==, g_hash_table_size (reopened));
    g_hash_table_iter_init (&iter, fresh);
    while (g_hash_table_iter_next (&iter, &name, &contents))
      g_assert_cmpstr (contents, ==, g_hash_table_lookup (reopened, name));
  }
}

/* A file written before aggregates existed gets them all on open. */
static void
test_missing_built_on_open (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) fresh = snapshot (f->db);
  g_autoptr(GHashTable) reopened = NULL;
  g_autoptr(GPtrArray) drops = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (f->db,
    "SELECT type, name FROM sqlite_schema WHERE name LIKE 'agg\\_%' ESCAPE '\\'"
    " AND type IN ('trigger', 'index', 'table') ORDER BY type = 'table', type", NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (drops, g_strdup_printf ("DROP %s IF EXISTS \"%s\"", sqlite3_column_text (stmt, 0),
                                             sqlite3_column_text (stmt, 1)));
  g_clear_pointer (&stmt, sqlite3_finalize);
  for (guint i = 0; i < drops->len; i++)
    rd_test_exec (f->db, drops->pdata[i]);
  g_assert_cmpint (rd_db_query_int (f->db, "SELECT count (*) FROM sqlite_schema WHERE name LIKE 'agg\\_%' ESCAPE '\\'", -1), ==, 0);
  g_clear_object (&f->ws);

  f->ws = rd_workspace_open (f->path, &error);
  g_assert_no_error (error);
  f->db = _rd_workspace_get_db (f->ws);
  reopened = snapshot (f->db);
  g_assert_cmpuint (g_hash_table_size (fresh), ==, g_hash_table_size (reopened));
  {
    GHashTableIter iter;
    gpointer name, contents;

    g_hash_table_iter_init (&iter, fresh);
    while (g_hash_table_iter_next (&iter, &name, &contents))
      g_assert_cmpstr (contents, ==, g_hash_table_lookup (reopened, name));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/aggregates/edits-keep-aggregates", Fixture, NULL, fixture_set_up, test_edits_keep_aggregates, fixture_tear_down);
  g_test_add ("/aggregates/edits-keep-metrics", Fixture, NULL, fixture_set_up, test_edits_keep_metrics, fixture_tear_down);
  g_test_add ("/aggregates/stale-rebuilt-on-open", Fixture, NULL, fixture_set_up, test_stale_rebuilt_on_open, fixture_tear_down);
  g_test_add ("/aggregates/missing-built-on-open", Fixture, NULL, fixture_set_up, test_missing_built_on_open, fixture_tear_down);

  return g_test_run ();
}
