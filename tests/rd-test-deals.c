/* rd-test-deals.c — small hand-built workspaces of deals for the metric tests
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rd-test-deals.h"
#include "rd-test-util.h"
#include "rd-workspace-private.h"

gint64
rd_test_deals_lookup (RdTestDeals         *fx,
        const char *sql,
        const char *name)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (fx->db, sql, NULL);
  gint64 id = 0;

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  g_assert_cmpint (id, >, 0);
  return id;
}

gint64
rd_test_deals_person (RdTestDeals         *fx,
               const char *name)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (fx->db, "INSERT INTO people (name) VALUES (?1)", NULL);

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  return sqlite3_last_insert_rowid (fx->db);
}

RdTestDeals *
rd_test_deals_new (const char *as_of)
{
  RdTestDeals *fx = g_new0 (RdTestDeals, 1);
  g_autofree char *path = NULL;
  g_autofree char *sql = NULL;

  fx->dir = rd_test_tmpdir ();
  path = g_build_filename (fx->dir, "t.revdeck", NULL);
  fx->ws = rd_test_create (path);
  fx->db = _rd_workspace_get_db (fx->ws);
  sql = g_strdup_printf ("UPDATE settings SET as_of_date = '%s'", as_of);   /* a fixed test date */
  rd_test_exec (fx->db, sql);
  fx->ava = rd_test_deals_person (fx, "Ava");
  fx->ben = rd_test_deals_person (fx, "Ben");
  fx->cy = rd_test_deals_person (fx, "Cy");
  rd_test_exec (fx->db, "INSERT INTO accounts (name, created_at) VALUES ('Acme', '2025-01-01')");
  fx->account = sqlite3_last_insert_rowid (fx->db);
  fx->smb = rd_test_deals_lookup (fx, "SELECT id FROM segments WHERE name = ?1", "SMB");
  fx->mid = rd_test_deals_lookup (fx, "SELECT id FROM segments WHERE name = ?1", "Mid-market");
  fx->ent = rd_test_deals_lookup (fx, "SELECT id FROM segments WHERE name = ?1", "Enterprise");
  fx->emea = rd_test_deals_lookup (fx, "SELECT id FROM regions WHERE name = ?1", "EMEA");
  fx->apac = rd_test_deals_lookup (fx, "SELECT id FROM regions WHERE name = ?1", "APAC");
  return fx;
}

void
rd_test_deals_free (RdTestDeals *fx)
{
  g_object_unref (fx->ws);
  rd_test_rmdir (fx->dir);
  g_free (fx->dir);
  g_free (fx);
}

/* @hist: stage name, entered_at, … NULL. */
gint64
rd_test_deals_add (RdTestDeals              *fx,
      const RdTestDealArgs  *a,
      const char     **hist)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (fx->db,
    "INSERT INTO opportunities (name, account_id, owner_id, segment_id, region_id, amount_cents, created_at, close_date)"
    " VALUES ('Deal', ?1, ?2, ?3, ?4, ?5, ?6, ?7)", NULL);
  g_autoptr(sqlite3_stmt) h = rd_db_prepare (fx->db,
    "INSERT INTO opportunity_stage_history (opportunity_id, stage_id, entered_at) VALUES (?1, ?2, ?3)", NULL);
  gint64 id;

  sqlite3_bind_int64 (stmt, 1, fx->account);
  if (a->owner)
    sqlite3_bind_int64 (stmt, 2, a->owner);
  if (a->segment)
    sqlite3_bind_int64 (stmt, 3, a->segment);
  if (a->region)
    sqlite3_bind_int64 (stmt, 4, a->region);
  sqlite3_bind_int64 (stmt, 5, a->cents);
  sqlite3_bind_text (stmt, 6, a->created, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, a->close, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  id = sqlite3_last_insert_rowid (fx->db);
  for (int i = 0; hist[i]; i += 2)
    {
      sqlite3_reset (h);
      sqlite3_bind_int64 (h, 1, id);
      sqlite3_bind_int64 (h, 2, RD_TEST_STAGE (fx, hist[i]));
      sqlite3_bind_text (h, 3, hist[i + 1], -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (h), ==, SQLITE_DONE);
    }
  return id;
}

void
rd_test_deals_refresh (RdTestDeals *fx)
{
  g_autoptr(GError) error = NULL;

  rd_workspace_refresh_derived (fx->ws, &error);
  g_assert_no_error (error);
}
