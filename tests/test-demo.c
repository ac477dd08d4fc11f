/* test-demo.c — the demo company: what a user relies on
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same seed gives the same contents; the numbers land where the demo
 * promises (1,500 deals, about 6,000 leads, about 400 customers and 15
 * million of ARR on 2026-09-30); every history is in order and consistent
 * with its record; the file passes SQLite's own checks; and the flaws a
 * RevOps owner is meant to find are there to find.
 */

#include <glib/gstdio.h>
#include <string.h>

#include "rd-demo.h"
#include "rd-schema.h"
#include "rd-test-util.h"
#include "rd-workspace-private.h"

#define AS_OF_END "2026-09-30 23:59:59"

static char *test_dir;
static RdWorkspace *shared_demo;

static RdWorkspace *
create_demo (const char *name, guint64 seed, guint n)
{
  g_autofree char *path = g_build_filename (test_dir, name, NULL);
  RdDemoOptions options = { seed, n };
  g_autoptr(GError) error = NULL;
  g_autoptr(RdWorkspace) created = rd_demo_create (path, &options, &error);
  RdWorkspace *ws;

  g_assert_no_error (error);
  g_assert_nonnull (created);
  g_clear_object (&created);

  /* Every check reads the file as a user would open it. */
  ws = rd_workspace_open (path, &error);
  g_assert_no_error (error);
  return ws;
}

/* The default demo, made once and shared by the tests that only read it. */
static RdWorkspace *
default_demo (void)
{
  if (shared_demo == NULL)
    shared_demo = create_demo ("default.revdeck", RD_DEMO_DEFAULT_SEED, 0);
  return shared_demo;
}

static gint64
count (RdWorkspace *ws, const char *sql)
{
  gint64 n = rd_db_query_int (_rd_workspace_get_db (ws), sql, G_MININT64);

  g_assert_cmpint (n, !=, G_MININT64);
  return n;
}

static double
query_double (RdWorkspace *ws, const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (_rd_workspace_get_db (ws), sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_double (stmt, 0);
}

/* A digest of every row of every table (or of @only), values with types. */
static char *
contents_digest (RdWorkspace *ws, const char *only, const char *except)
{
  GChecksum *sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint n_tables;
  const RdTable *tables = rd_schema_tables (&n_tables);
  char *digest;

  for (guint t = 0; t < n_tables; t++)
    {
      g_autofree char *sql = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if ((only && strcmp (only, tables[t].name) != 0) || g_strcmp0 (except, tables[t].name) == 0)
        continue;
      sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY id", tables[t].name);
      stmt = rd_db_prepare (_rd_workspace_get_db (ws), sql, NULL);
      g_assert_nonnull (stmt);
      g_checksum_update (sum, (const guchar *) tables[t].name, -1);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            int type = sqlite3_column_type (stmt, c);
            guchar tag = '0' + type;

            g_checksum_update (sum, &tag, 1);
            if (type != SQLITE_NULL)
              g_checksum_update (sum, sqlite3_column_blob (stmt, c), sqlite3_column_bytes (stmt, c));
            g_checksum_update (sum, (const guchar *) "|", 1);
          }
    }
  digest = g_strdup (g_checksum_get_string (sum));
  g_checksum_free (sum);
  return digest;
}

/* ---------------------------------------------------------- determinism */

static void
test_same_seed_same_contents (void)
{
  g_autoptr(RdWorkspace) again = create_demo ("again.revdeck", RD_DEMO_DEFAULT_SEED, 0);
  g_autofree char *a = contents_digest (default_demo (), NULL, NULL);
  g_autofree char *b = contents_digest (again, NULL, NULL);

  g_assert_cmpstr (a, ==, b);
}

static void
test_other_seed_other_data (void)
{
  g_autoptr(RdWorkspace) other = create_demo ("seed2.revdeck", 2, 0);
  const char *tables[] = { "accounts", "leads", "opportunities", "opportunity_stage_history", "mrr" };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *a = contents_digest (default_demo (), tables[i], NULL);
      g_autofree char *b = contents_digest (other, tables[i], NULL);
      g_assert_cmpstr (a, !=, b);
    }
  /* Different data, same promises. */
  g_assert_cmpint (count (other, "SELECT count(*) FROM opportunities"), ==, 1500);
  g_assert_cmpint (count (other, "SELECT count(*) FROM mrr WHERE month = '2026-09'"), >=, 350);
  g_assert_cmpint (count (other, "SELECT count(*) FROM mrr WHERE month = '2026-09'"), <=, 450);
}

/* ---------------------------------------------------------------- numbers */

static void
test_default_numbers (void)
{
  RdWorkspace *ws = default_demo ();
  g_autofree char *company = rd_workspace_dup_company_name (ws);
  g_autoptr(GDate) as_of = rd_workspace_dup_as_of (ws);
  gint64 leads = count (ws, "SELECT count(*) FROM leads");
  gint64 mrr = count (ws, "SELECT sum(mrr_cents) FROM mrr WHERE month = '2026-09'");
  double win_rate = query_double (ws,
    "SELECT 1.0 * sum(status = 'won') / sum(status <> 'open') FROM opportunities");

  g_assert_cmpstr (company, ==, "Northwind Analytics");
  g_assert_true (rd_workspace_is_as_of_pinned (ws));
  g_assert_cmpint (g_date_get_year (as_of), ==, 2026);
  g_assert_cmpint (g_date_get_month (as_of), ==, 9);
  g_assert_cmpint (g_date_get_day (as_of), ==, 30);
  g_assert_cmpint (count (ws, "SELECT fiscal_year_start_month FROM settings"), ==, 2);

  g_assert_cmpint (count (ws, "SELECT count(*) FROM opportunities"), ==, 1500);
  g_assert_cmpint (leads, >=, 5400);
  g_assert_cmpint (leads, <=, 6600);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM mrr WHERE month = '2026-09' AND mrr_cents > 0"), >=, 350);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM mrr WHERE month = '2026-09' AND mrr_cents > 0"), <=, 450);
  g_assert_cmpint (mrr, >=, 110000000);   /* $1.1M MRR */
  g_assert_cmpint (mrr, <=, 140000000);   /* $1.4M MRR */
  g_assert_cmpfloat (win_rate, >=, 0.20);
  g_assert_cmpfloat (win_rate, <=, 0.30);

  /* The funnel has the worked example's shape: about a fifth of leads reach
   * SQL, about a fifth of those become opportunities. */
  g_assert_cmpfloat (query_double (ws,
    "SELECT 1.0 * count(DISTINCT lead_id) / (SELECT count(*) FROM leads) FROM lead_stage_events e "
    "JOIN stages s ON s.id = e.stage_id WHERE s.name = 'SQL'"), >=, 0.15);
  g_assert_cmpfloat (query_double (ws,
    "SELECT 1.0 * count(DISTINCT lead_id) / (SELECT count(*) FROM leads) FROM lead_stage_events e "
    "JOIN stages s ON s.id = e.stage_id WHERE s.name = 'SQL'"), <=, 0.25);

  /* Eight quarters of quotas and two ahead, the parts adding up. */
  g_assert_cmpint (count (ws, "SELECT count(DISTINCT period) FROM quotas"), ==, 10);
  g_assert_cmpint (count (ws, "SELECT min(period) = '2024-Q4' AND max(period) = '2027-Q1' FROM quotas"), ==, 1);
  g_assert_cmpint (count (ws,
    "SELECT count(*) FROM quotas c WHERE scope = 'company' AND amount_cents <> "
    "(SELECT sum(amount_cents) FROM quotas s WHERE s.scope = 'segment' AND s.period = c.period)"), ==, 0);

  /* Coverage of the current and the next quarter is meaningful. */
  for (guint q = 0; q < 2; q++)
    {
      static const char *const quarters[][3] = {
        { "2026-Q3", "2026-08-01", "2026-10-31" }, { "2026-Q4", "2026-11-01", "2027-01-31" },
      };
      g_autofree char *sql = g_strdup_printf (
        "SELECT 1.0 * (SELECT sum(o.amount_cents) FROM opportunities o JOIN stages s ON s.id = o.stage_id "
        "              JOIN forecast_categories f ON f.id = ifnull(o.category_override_id, s.forecast_category_id)"
        "              WHERE o.status = 'open' AND f.counts_toward_coverage AND o.close_date BETWEEN '%s' AND '%s')"
        " / ((SELECT amount_cents FROM quotas WHERE scope = 'company' AND period = '%s')"
        "    - ifnull((SELECT sum(amount_cents) FROM opportunities WHERE status = 'won'"
        "              AND close_date BETWEEN '%s' AND '%s'), 0))",
        quarters[q][1], quarters[q][2], quarters[q][0], quarters[q][1], quarters[q][2]);
      double coverage = query_double (ws, sql);

      g_test_message ("coverage %s: %.2f", quarters[q][0], coverage);
      g_assert_cmpfloat (coverage, >=, 1.5);
      g_assert_cmpfloat (coverage, <=, 4.5);
    }

  g_assert_cmpint (count (ws,
    "SELECT count(*) FROM audit_log WHERE action = 'note' AND at = '2026-09-30 18:00:00' "
    "AND json_extract(after_json, '$.note') = 'Demo company generated (seed 1, 1500 opportunities)'"), ==, 1);
}

/* -------------------------------------------------------------- histories */

static void
test_histories (void)
{
  RdWorkspace *ws = default_demo ();

  /* Every deal has a history, in time order, that ends where the deal is. */
  g_assert_cmpint (count (ws,
    "SELECT count(*) FROM opportunities o WHERE NOT EXISTS "
    "(SELECT 1 FROM opportunity_stage_history h WHERE h.opportunity_id = o.id)"), ==, 0);
  g_assert_cmpint (count (ws,
    "SELECT count(*) FROM (SELECT entered_at, lag (entered_at) OVER (PARTITION BY opportunity_id ORDER BY id) AS prev"
    "                      FROM opportunity_stage_history) WHERE prev >= entered_at"), ==, 0);
  g_assert_cmpint (count (ws,
    "SELECT count(*) FROM opportunities o"
    "  JOIN opportunity_stage_history h ON h.id = (SELECT max(id) FROM opportunity_stage_history"
    "                                            WHERE opportunity_id = o.id)"
    "  JOIN stages s ON s.id = h.stage_id "
    "WHERE o.stage_id <> h.stage_id OR o.stage_entered_at <> h.entered_at"
    "   OR (o.status = 'won') <> s.is_won OR (o.status = 'lost') <> s.is_lost OR s.kind <> 'deal'"), ==, 0);
  g_assert_cmpint (count (ws,
    "SELECT count(*) FROM opportunities o WHERE created_at > "
    "(SELECT min(entered_at) FROM opportunity_stage_history WHERE opportunity_id = o.id)"), ==, 0);
  g_assert_cmpint (count (ws,
    "SELECT count(*) FROM opportunities WHERE status <> 'open' AND close_date <> "
    "(SELECT date(max(entered_at)) FROM opportunity_stage_history WHERE opportunity_id = opportunities.id)"), ==, 0);

  /* The change logs end at the values the deals hold. */
  g_assert_cmpint (count (ws,
    "SELECT count(*) FROM opportunities o JOIN close_date_changes c ON c.id = "
    "(SELECT max(id) FROM close_date_changes WHERE opportunity_id = o.id) WHERE c.new_date <> o.close_date"), ==, 0);
  g_assert_cmpint (count (ws,
    "SELECT count(*) FROM opportunities o JOIN amount_changes a ON a.id = "
    "(SELECT max(id) FROM amount_changes WHERE opportunity_id = o.id) WHERE a.new_cents <> o.amount_cents"), ==, 0);

  /* Leads too: events in order, the current stage the latest one. */
  g_assert_cmpint (count (ws,
    "SELECT count(*) FROM (SELECT entered_at, lag (entered_at) OVER (PARTITION BY lead_id ORDER BY id) AS prev"
    "                      FROM lead_stage_events) WHERE prev >= entered_at"), ==, 0);
  g_assert_cmpint (count (ws,
    "SELECT count(*) FROM leads l WHERE created_at <> (SELECT min(entered_at) FROM lead_stage_events WHERE lead_id = l.id)"
    "   OR stage_id <> (SELECT stage_id FROM lead_stage_events WHERE lead_id = l.id ORDER BY entered_at DESC LIMIT 1)"),
    ==, 0);

  /* Nothing happens after the as-of date. */
  g_assert_cmpint (count (ws,
    "SELECT (SELECT count(*) FROM leads WHERE created_at > '" AS_OF_END "')"
    "     + (SELECT count(*) FROM lead_stage_events WHERE entered_at > '" AS_OF_END "')"
    "     + (SELECT count(*) FROM accounts WHERE created_at > '2026-09-30')"
    "     + (SELECT count(*) FROM opportunities WHERE created_at > '" AS_OF_END "' OR last_change_at > '" AS_OF_END "')"
    "     + (SELECT count(*) FROM opportunity_stage_history WHERE entered_at > '" AS_OF_END "'"
    "                                                        OR exited_at > '" AS_OF_END "')"
    "     + (SELECT count(*) FROM close_date_changes WHERE changed_at > '" AS_OF_END "')"
    "     + (SELECT count(*) FROM amount_changes WHERE changed_at > '" AS_OF_END "')"
    "     + (SELECT count(*) FROM handoff_events WHERE crossed_at > '" AS_OF_END "' OR accepted_at > '" AS_OF_END "')"
    "     + (SELECT count(*) FROM mrr WHERE month > '2026-09')"
    "     + (SELECT count(*) FROM spend WHERE month > '2026-09')"
    "     + (SELECT count(*) FROM forecast_submissions WHERE week_date > '2026-09-30')"
    "     + (SELECT count(*) FROM pipeline_snapshots WHERE week_date > '2026-09-30')"), ==, 0);
}

static void
test_file_checks (void)
{
  RdWorkspace *ws = default_demo ();
  g_autofree char *fresh_path = g_build_filename (test_dir, "fresh.revdeck", NULL);
  g_autoptr(RdWorkspace) fresh = rd_test_create (fresh_path);
  const char *schema_sql = "SELECT group_concat(type || name || ifnull(sql, ''), ';') FROM "
                           "(SELECT * FROM sqlite_schema ORDER BY type, name)";
  g_autoptr(sqlite3_stmt) a = rd_db_prepare (_rd_workspace_get_db (ws), schema_sql, NULL);
  g_autoptr(sqlite3_stmt) b = rd_db_prepare (_rd_workspace_get_db (fresh), schema_sql, NULL);
  g_autofree char *copy_path = g_build_filename (test_dir, "copy.revdeck", NULL);
  g_autoptr(RdWorkspace) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;

  g_assert_true (rd_workspace_check_integrity (ws, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), ==, 0);

  /* The same schema (tables, indexes, audit triggers) as any new workspace. */
  g_assert_cmpint (sqlite3_step (a), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_step (b), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (a, 0), ==, (const char *) sqlite3_column_text (b, 0));
  sqlite3_reset (a);
  g_assert_cmpint (count (ws, "PRAGMA foreign_keys"), ==, 1);

  /* The derived columns are already what a refresh computes (checked on a
   * copy: a refresh rewrites rows, and the audit log records that). */
  g_assert_true (rd_workspace_save_copy (ws, copy_path, &error));
  g_assert_no_error (error);
  copy = rd_workspace_open (copy_path, &error);
  g_assert_no_error (error);
  before = contents_digest (copy, NULL, "audit_log");
  g_assert_true (rd_workspace_refresh_derived (copy, &error));
  g_assert_no_error (error);
  after = contents_digest (copy, NULL, "audit_log");
  g_assert_cmpstr (before, ==, after);
}

/* ------------------------------------------------------------------ flaws */

static void
test_flaws_to_find (void)
{
  RdWorkspace *ws = default_demo ();

  /* Duplicate accounts, by normalised name and by domain. */
  g_assert_cmpint (count (ws,
    "SELECT count(*) FROM accounts a JOIN accounts b ON a.id < b.id"
    " AND replace(replace(replace(lower(a.name), '.', ''), ',', ''), ' ', '')"
    "   = replace(replace(replace(lower(b.name), '.', ''), ',', ''), ' ', '')"), >, 0);
  g_assert_cmpint (count (ws,
    "SELECT count(*) FROM accounts a JOIN accounts b ON a.id < b.id AND lower(a.domain) = lower(b.domain)"), >, 0);

  /* Leads with a required field missing. */
  g_assert_cmpint (count (ws, "SELECT count(*) FROM leads WHERE email IS NULL"), >, 0);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM leads WHERE segment_id IS NULL"), >, 0);

  /* Stale, slipped and stalled deals; forecast category overrides. */
  g_assert_cmpint (count (ws,
    "SELECT count(*) FROM opportunities WHERE status = 'open' AND close_date < '2026-09-30'"), >, 0);
  g_assert_cmpint (count (ws,
    "SELECT count(DISTINCT o.id) FROM opportunities o JOIN close_date_changes c ON c.opportunity_id = o.id "
    "WHERE o.status = 'open' AND c.new_date > c.old_date"), >, 0);
  g_assert_cmpint (count (ws,
    "SELECT count(*) FROM opportunities o JOIN stages s ON s.id = o.stage_id WHERE o.status = 'open'"
    " AND julianday('" AS_OF_END "') - julianday(o.stage_entered_at) > s.max_days"), >, 0);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM opportunities WHERE category_override_id IS NOT NULL"), >, 0);

  /* Handoffs missed and still open past their SLA, and missed but done late. */
  g_assert_cmpint (count (ws,
    "SELECT count(*) FROM handoff_events e JOIN handoffs h ON h.id = e.handoff_id WHERE e.accepted_at IS NULL"
    " AND (julianday('" AS_OF_END "') - julianday(e.crossed_at)) * 24 > h.sla_hours"), >, 0);
  g_assert_cmpint (count (ws,
    "SELECT count(*) FROM handoff_events e JOIN handoffs h ON h.id = e.handoff_id"
    " WHERE (julianday(e.accepted_at) - julianday(e.crossed_at)) * 24 > h.sla_hours"), >, 0);

  /* Revenue moves every way: churn, reactivation; renewals lacking an owner. */
  g_assert_cmpint (count (ws,
    "SELECT count(*) FROM (SELECT month, lag (month) OVER (PARTITION BY account_id ORDER BY month) AS prev FROM mrr)"
    " WHERE prev IS NOT NULL AND date(prev || '-01', '+1 month') <> month || '-01'"), >, 0);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM renewals WHERE status = 'churned'"), >, 0);
  g_assert_cmpint (count (ws,
    "SELECT count(*) FROM renewals WHERE status = 'open' AND owner_id IS NULL"
    " AND renewal_date BETWEEN '2026-09-30' AND date('2026-09-30', '+90 days')"), >, 0);
  g_assert_cmpint (count (ws,
    "SELECT count(*) FROM renewals WHERE status = 'open'"
    " AND renewal_date BETWEEN '2026-09-30' AND date('2026-09-30', '+90 days')"), >, 30);
}

/* ------------------------------------------------------------------ scale */

static void
test_small_scale (void)
{
  g_autoptr(RdWorkspace) ws = create_demo ("small.revdeck", 3, 200);
  g_autoptr(RdWorkspace) tiny = create_demo ("tiny.revdeck", 4, 1);
  g_autoptr(GError) error = NULL;
  gint64 customers = count (ws, "SELECT count(*) FROM mrr WHERE month = '2026-09'");
  gint64 mrr = count (ws, "SELECT sum(mrr_cents) FROM mrr WHERE month = '2026-09'");

  g_assert_cmpint (count (ws, "SELECT count(*) FROM opportunities"), ==, 200);
  g_assert_cmpint (count (ws, "SELECT count(*) FROM leads"), ==, 800);
  g_assert_cmpint (customers, >=, 30);
  g_assert_cmpint (customers, <=, 80);
  g_assert_cmpint (mrr, >=, G_GINT64_CONSTANT (110000000) * 200 / 1500);
  g_assert_cmpint (mrr, <=, G_GINT64_CONSTANT (140000000) * 200 / 1500);
  g_assert_true (rd_workspace_check_integrity (ws, &error));
  g_assert_no_error (error);

  g_assert_cmpint (count (tiny, "SELECT count(*) FROM opportunities"), ==, 1);
  g_assert_true (rd_workspace_check_integrity (tiny, &error));
  g_assert_no_error (error);
}

static void
test_refuses_existing_file (void)
{
  g_autofree char *path = g_build_filename (test_dir, "taken.revdeck", NULL);
  RdDemoOptions options = { 1, 10 };
  g_autoptr(GError) error = NULL;
  g_autoptr(RdWorkspace) ws = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path, "mine", -1, NULL));
  ws = rd_demo_create (path, &options, &error);
  g_assert_null (ws);
  g_assert_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_EXISTS);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "mine");
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  test_dir = rd_test_tmpdir ();

  g_test_add_func ("/demo/same-seed-same-contents", test_same_seed_same_contents);
  g_test_add_func ("/demo/other-seed-other-data", test_other_seed_other_data);
  g_test_add_func ("/demo/default-numbers", test_default_numbers);
  g_test_add_func ("/demo/histories", test_histories);
  g_test_add_func ("/demo/file-checks", test_file_checks);
  g_test_add_func ("/demo/flaws-to-find", test_flaws_to_find);
  g_test_add_func ("/demo/small-scale", test_small_scale);
  g_test_add_func ("/demo/refuses-existing-file", test_refuses_existing_file);

  rc = g_test_run ();
  g_clear_object (&shared_demo);
  rd_test_rmdir (test_dir);
  g_free (test_dir);
  return rc;
}
