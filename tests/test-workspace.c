/* test-workspace.c — the workspace file: create, open, refuse, migrate, write
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "rd-schema.h"
#include "rd-test-util.h"
#include "rd-workspace-private.h"

static void
test_create_mode_and_pragmas (void)
{
  g_autofree char *dir = rd_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "acme.revdeck", NULL);
  g_autoptr(RdWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *company = NULL;
  sqlite3 *db;
  GStatBuf st;

  ws = rd_workspace_create (path, "Acme Analytics", &error);
  g_assert_no_error (error);
  g_assert_nonnull (ws);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  db = _rd_workspace_get_db (ws);
  g_assert_cmpint (rd_workspace_get_schema_version (ws), ==, 1);
  g_assert_cmpint (rd_db_query_int (db, "PRAGMA user_version", -1), ==, 1);
  g_assert_cmpint (rd_db_query_int (db, "PRAGMA application_id", -1), ==, RD_APPLICATION_ID);
  g_assert_cmpint (rd_db_query_int (db, "PRAGMA foreign_keys", -1), ==, 1);
  g_assert_cmpint (rd_db_query_int (db, "SELECT journal_mode = 'wal' FROM pragma_journal_mode", 0), ==, 1);

  company = rd_workspace_dup_company_name (ws);
  g_assert_cmpstr (company, ==, "Acme Analytics");

  /* The defaults a new company starts with. */
  g_assert_cmpint (rd_db_query_int (db, "SELECT count(*) FROM stages WHERE kind = 'deal'", 0), >=, 5);
  g_assert_cmpint (rd_db_query_int (db, "SELECT count(*) FROM stages WHERE kind = 'lifecycle'", 0), >=, 4);
  g_assert_cmpint (rd_db_query_int (db, "SELECT count(*) FROM forecast_categories", 0), ==, 5);
  g_assert_cmpint (rd_db_query_int (db, "SELECT count(*) FROM handoffs", 0), >=, 3);
  g_assert_cmpint (rd_db_query_int (db, "SELECT count(*) FROM terms", 0), >=, 10);
  g_assert_cmpint (rd_db_query_int (db, "SELECT count(*) FROM terms t WHERE NOT EXISTS "
                                        "(SELECT 1 FROM term_versions v WHERE v.term_id = t.id)", -1), ==, 0);

  /* Creating over an existing file is refused and leaves it alone. */
  {
    g_autoptr(RdWorkspace) again = rd_workspace_create (path, "Other", &error);
    g_assert_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_EXISTS);
    g_assert_null (again);
    g_clear_error (&error);
    g_free (company);
    company = rd_workspace_dup_company_name (ws);
    g_assert_cmpstr (company, ==, "Acme Analytics");
  }

  g_clear_object (&ws);
  ws = rd_workspace_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ws);
  rd_test_rmdir (dir);
}

/* The catalog that drives JSON and audit must match the SQL exactly. */
static void
test_catalog_matches_sql (void)
{
  g_autofree char *dir = rd_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "c.revdeck", NULL);
  g_autoptr(RdWorkspace) ws = rd_test_create (path);
  sqlite3 *db = _rd_workspace_get_db (ws);
  guint n_tables;
  const RdTable *tables = rd_schema_tables (&n_tables);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* Aggregates (agg_…) are caches of the records, outside the catalog. */
  g_assert_cmpint (rd_db_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                                        " AND name NOT LIKE 'agg\\_%' ESCAPE '\\'", 0), ==, n_tables);

  stmt = rd_db_prepare (db, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", NULL);
  for (guint t = 0; t < n_tables; t++)
    {
      guint c = 0;

      sqlite3_bind_text (stmt, 1, tables[t].name, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_assert_cmpuint (c, <, tables[t].n_columns);
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, tables[t].columns[c].name);
          c++;
        }
      g_assert_cmpuint (c, ==, tables[t].n_columns);
      sqlite3_reset (stmt);

      /* Every reference in the catalog names an earlier table. */
      for (guint k = 0; k < tables[t].n_columns; k++)
        if (tables[t].columns[k].ref_table)
          {
            const RdTable *target = rd_schema_find_table (tables[t].columns[k].ref_table);
            g_assert_nonnull (target);
            g_assert_true (target < &tables[t]);
          }
    }
  rd_test_rmdir (dir);
}

typedef struct
{
  const char *name;
  void      (*damage) (const char *path);
  int         code;
  const char *words;
} Refusal;

static void
damage_text (const char *path)
{
  g_file_set_contents (path, "company,arr\nAcme,100\n", -1, NULL);
}

static void
damage_empty (const char *path)
{
  g_file_set_contents (path, "", 0, NULL);
}

static void
damage_other_sqlite (const char *path)
{
  sqlite3 *db;
  g_unlink (path);
  sqlite3_open (path, &db);
  sqlite3_exec (db, "CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('hello');", NULL, NULL, NULL);
  sqlite3_close (db);
}

static void
damage_newer (const char *path)
{
  rd_test_set_header_u32 (path, 60, 99);   /* user_version */
}

static void
damage_truncate (const char *path)
{
  g_autofree char *data = NULL;
  gsize len;
  g_file_get_contents (path, &data, &len, NULL);
  g_file_set_contents (path, data, len / 2, NULL);
}

static void
damage_missing_table (const char *path)
{
  sqlite3 *db;
  sqlite3_open (path, &db);
  sqlite3_exec (db, "DROP TABLE spend;", NULL, NULL, NULL);
  sqlite3_close (db);
}

static void
damage_garbage_pages (const char *path)
{
  g_autofree char *data = NULL;
  gsize len;
  g_file_get_contents (path, &data, &len, NULL);
  /* Overwrite the schema's page area after the header with noise. */
  for (gsize i = 100; i < MIN (len, 8192); i++)
    data[i] = (char) (i * 7919);
  g_file_set_contents (path, data, len, NULL);
}

static const Refusal refusals[] = {
  { "text-file",     damage_text,          RD_WORKSPACE_ERROR_NOT_WORKSPACE, "not a Revdeck workspace" },
  { "empty-file",    damage_empty,         RD_WORKSPACE_ERROR_NOT_WORKSPACE, "not a Revdeck workspace" },
  { "other-sqlite",  damage_other_sqlite,  RD_WORKSPACE_ERROR_NOT_WORKSPACE, "not a Revdeck workspace" },
  { "newer",         damage_newer,         RD_WORKSPACE_ERROR_TOO_NEW,       "newer Revdeck" },
  { "truncated",     damage_truncate,      RD_WORKSPACE_ERROR_DAMAGED,       "damaged" },
  { "missing-table", damage_missing_table, RD_WORKSPACE_ERROR_DAMAGED,       "spend" },
  { "garbage",       damage_garbage_pages, RD_WORKSPACE_ERROR_DAMAGED,       "damaged" },
};

static void
test_refusal (gconstpointer data)
{
  const Refusal *r = data;
  g_autofree char *dir = rd_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "bad.revdeck", NULL);
  g_autoptr(RdWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strdup_printf ("%s-wal", path);
  GStatBuf st1, st2;

  g_clear_object (&ws);
  ws = rd_test_create (path);
  g_clear_object (&ws);
  r->damage (path);

  before = rd_test_file_checksum (path);
  g_assert_cmpint (g_stat (path, &st1), ==, 0);

  ws = rd_workspace_open (path, &error);
  g_assert_null (ws);
  g_assert_error (error, RD_WORKSPACE_ERROR, r->code);
  g_test_message ("%s: %s", r->name, error->message);
  g_assert_nonnull (strstr (error->message, r->words));
  g_assert_nonnull (strstr (error->message, "bad.revdeck"));

  /* Never modified: same bytes, same modification time, no leftovers. */
  after = rd_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (g_stat (path, &st2), ==, 0);
  g_assert_cmpint (st1.st_mtime, ==, st2.st_mtime);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS) && st2.st_size == 0);
  rd_test_rmdir (dir);
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdWorkspace) ws = rd_workspace_open ("/nonexistent/nowhere.revdeck", &error);

  g_assert_null (ws);
  g_assert_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_NOT_FOUND);
}

/* ---------------------------------------------------------------- migrations */

static gboolean
migrate_add_website (sqlite3  *db,
                     GError  **error)
{
  return rd_db_exec (db, "ALTER TABLE accounts ADD COLUMN website TEXT", error);
}

static gboolean
migrate_fails_halfway (sqlite3  *db,
                       GError  **error)
{
  /* The first statement succeeds, the second fails: all must be undone. */
  return rd_db_exec (db, "ALTER TABLE accounts ADD COLUMN website TEXT", error) &&
         rd_db_exec (db, "ALTER TABLE no_such_table ADD COLUMN x TEXT", error);
}

static char *
find_backup (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)))
    if (strstr (name, ".v1-backup-") && g_str_has_suffix (name, ".revdeck"))
      return g_build_filename (dir, name, NULL);
  return NULL;
}

static void
test_migration_with_backup (void)
{
  g_autofree char *dir = rd_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "m.revdeck", NULL);
  g_autoptr(RdWorkspace) ws = rd_test_create (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  guint n;
  const RdMigrationFunc *defaults = _rd_workspace_default_migrations (&n);
  RdMigrationFunc migrations[8];
  gint64 segments = rd_workspace_count_rows (ws, "segments");
  GStatBuf st;
  sqlite3 *db;

  g_assert_cmpuint (n, ==, RD_SCHEMA_VERSION);
  memcpy (migrations, defaults, n * sizeof *defaults);
  migrations[n] = migrate_add_website;
  g_clear_object (&ws);

  ws = _rd_workspace_open_with_migrations (path, migrations, n + 1, &error);
  g_assert_no_error (error);
  db = _rd_workspace_get_db (ws);
  g_assert_cmpint (rd_db_query_int (db, "PRAGMA user_version", -1), ==, 2);
  g_assert_cmpint (rd_db_query_int (db, "SELECT count(*) FROM pragma_table_info('accounts') WHERE name = 'website'", 0), ==, 1);
  g_clear_object (&ws);

  /* The backup holds the file as it was before, with mode 0600. */
  backup = find_backup (dir);
  g_assert_nonnull (backup);
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  ws = rd_workspace_open (backup, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_workspace_get_schema_version (ws), ==, 1);
  g_assert_cmpint (rd_workspace_count_rows (ws, "segments"), ==, segments);
  g_clear_object (&ws);

  /* A build that reads only version 1 now refuses the migrated file. */
  ws = rd_workspace_open (path, &error);
  g_assert_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_TOO_NEW);
  g_assert_null (ws);
  rd_test_rmdir (dir);
}

static void
test_migration_failure_rolls_back (void)
{
  g_autofree char *dir = rd_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "f.revdeck", NULL);
  g_autoptr(RdWorkspace) ws = rd_test_create (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  guint n;
  const RdMigrationFunc *defaults = _rd_workspace_default_migrations (&n);
  RdMigrationFunc migrations[8];

  memcpy (migrations, defaults, n * sizeof *defaults);
  migrations[n] = migrate_fails_halfway;
  g_clear_object (&ws);

  ws = _rd_workspace_open_with_migrations (path, migrations, n + 1, &error);
  g_assert_null (ws);
  g_assert_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_MIGRATION);
  g_assert_nonnull (strstr (error->message, "unchanged"));
  g_clear_error (&error);

  backup = find_backup (dir);
  g_assert_nonnull (backup);

  /* Still version 1, without the half-added column. */
  ws = rd_workspace_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_db_query_int (_rd_workspace_get_db (ws),
                                    "SELECT count(*) FROM pragma_table_info('accounts') WHERE name = 'website'", -1), ==, 0);
  rd_test_rmdir (dir);
}

/* ------------------------------------------------------------------ writes */

static gboolean
insert_segment_then_fail (RdWorkspace  *ws,
                          gpointer      user_data,
                          GError      **error)
{
  if (!rd_db_exec (_rd_workspace_get_db (ws), "INSERT INTO segments (name, position) VALUES ('Public sector', 9)", error))
    return FALSE;
  if (GPOINTER_TO_INT (user_data))
    return TRUE;
  g_set_error_literal (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID, "refused on purpose");
  return FALSE;
}

static void
changed_cb (RdWorkspace *ws,
            const char  *what,
            GString     *log)
{
  g_string_append_printf (log, "[%s]", what);
}

static void
test_write_is_all_or_nothing (void)
{
  g_autofree char *dir = rd_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "w.revdeck", NULL);
  g_autoptr(RdWorkspace) ws = rd_test_create (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  gint64 segments = rd_workspace_count_rows (ws, "segments");
  gint64 audit = rd_workspace_count_rows (ws, "audit_log");
  sqlite3 *db = _rd_workspace_get_db (ws);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_signal_connect (ws, "changed", G_CALLBACK (changed_cb), log);

  g_assert_false (rd_workspace_write (ws, "definitions", insert_segment_then_fail, GINT_TO_POINTER (FALSE), &error));
  g_assert_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (rd_workspace_count_rows (ws, "segments"), ==, segments);
  g_assert_cmpint (rd_workspace_count_rows (ws, "audit_log"), ==, audit);
  g_assert_cmpstr (log->str, ==, "");

  rd_workspace_set_actor (ws, "Dana Ops");
  g_assert_true (rd_workspace_write (ws, "definitions", insert_segment_then_fail, GINT_TO_POINTER (TRUE), &error));
  g_assert_no_error (error);
  g_assert_cmpint (rd_workspace_count_rows (ws, "segments"), ==, segments + 1);
  g_assert_cmpstr (log->str, ==, "[definitions]");

  /* The audit entry says who, what table, which row, before and after. */
  stmt = rd_db_prepare (db, "SELECT actor, table_name, action, before_json, json_extract(after_json, '$.name') "
                            "FROM audit_log ORDER BY id DESC LIMIT 1", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "Dana Ops");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "segments");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "insert");
  g_assert_cmpint (sqlite3_column_type (stmt, 3), ==, SQLITE_NULL);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, "Public sector");
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* An update keeps the old value too. */
  g_assert_true (rd_db_exec (db, "UPDATE segments SET coverage_target = 2.5 WHERE name = 'Public sector'", NULL));
  g_assert_cmpint (rd_db_query_int (db, "SELECT json_extract(before_json, '$.coverage_target') IS NULL "
                                        "AND json_extract(after_json, '$.coverage_target') = 2.5 "
                                        "FROM audit_log ORDER BY id DESC LIMIT 1", 0), ==, 1);
  rd_test_rmdir (dir);
}

static void
test_rules_enforced (void)
{
  g_autofree char *dir = rd_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "r.revdeck", NULL);
  g_autoptr(RdWorkspace) ws = rd_test_create (path);
  sqlite3 *db = _rd_workspace_get_db (ws);
  static const char *bad[] = {
    /* a reference to a record that does not exist */
    "INSERT INTO opportunities (name, account_id, amount_cents, created_at, close_date) "
    "VALUES ('x', 4242, 100, '2026-01-01 00:00:00', '2026-02-01')",
    /* a negative amount */
    "INSERT INTO opportunities (name, amount_cents, created_at, close_date) "
    "VALUES ('x', -5, '2026-01-01 00:00:00', '2026-02-01')",
    /* a close date that is not a date */
    "INSERT INTO opportunities (name, amount_cents, created_at, close_date) "
    "VALUES ('x', 5, '2026-01-01 00:00:00', '31/12/2026')",
    /* a second settings row */
    "INSERT INTO settings (id, company_name) VALUES (2, 'Twin')",
    /* an SLA that is not positive */
    "INSERT INTO handoffs (name, from_stage_id, to_stage_id, owner_team_id, sla_hours) "
    "SELECT 'h', (SELECT min(id) FROM stages), (SELECT max(id) FROM stages), (SELECT min(id) FROM teams), 0",
    /* a duplicate stage name within a kind, whatever its case */
    "INSERT INTO stages (kind, name, position) SELECT kind, upper(name), 99 FROM stages WHERE kind = 'deal' LIMIT 1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (rd_db_exec (db, bad[i], &error));
      g_assert_nonnull (error);
    }
  g_assert_cmpint (rd_workspace_count_rows (ws, "opportunities"), ==, 0);
  rd_test_rmdir (dir);
}

static void
test_save_copy (void)
{
  g_autofree char *dir = rd_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "a.revdeck", NULL);
  g_autofree char *copy = g_build_filename (dir, "b.revdeck", NULL);
  g_autoptr(RdWorkspace) ws = rd_test_create (path);
  g_autoptr(RdWorkspace) other = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (rd_workspace_save_copy (ws, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  other = rd_workspace_open (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_workspace_count_rows (other, "stages"), ==, rd_workspace_count_rows (ws, "stages"));

  g_assert_false (rd_workspace_save_copy (ws, copy, &error));
  g_assert_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_EXISTS);
  rd_test_rmdir (dir);
}

/* A second connection (another window, the CLI, the app's reader) opens a
 * workspace the first has just created, while its pages may still be in
 * the write-ahead log only. */
static void
test_open_while_creator_holds_it (void)
{
  g_autofree char *dir = rd_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shared.revdeck", NULL);
  g_autoptr(RdWorkspace) creator = rd_test_create (path);
  g_autoptr(RdWorkspace) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *company = NULL;

  second = rd_workspace_open (path, &error);
  g_assert_no_error (error);
  company = rd_workspace_dup_company_name (second);
  g_assert_cmpstr (company, ==, "Test Company");
  g_clear_object (&second);
  g_clear_object (&creator);
  rd_test_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/workspace/create", test_create_mode_and_pragmas);
  g_test_add_func ("/workspace/catalog", test_catalog_matches_sql);
  g_test_add_func ("/workspace/refuse/missing", test_missing_file);
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *name = g_strdup_printf ("/workspace/refuse/%s", refusals[i].name);
      g_test_add_data_func (name, &refusals[i], test_refusal);
    }
  g_test_add_func ("/workspace/migrate/backup", test_migration_with_backup);
  g_test_add_func ("/workspace/migrate/failure", test_migration_failure_rolls_back);
  g_test_add_func ("/workspace/write/all-or-nothing", test_write_is_all_or_nothing);
  g_test_add_func ("/workspace/write/rules", test_rules_enforced);
  g_test_add_func ("/workspace/save-copy", test_save_copy);
  g_test_add_func ("/workspace/open-while-created", test_open_while_creator_holds_it);

  return g_test_run ();
}
