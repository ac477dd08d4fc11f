/* test-metrics-quality.c — handoffs, SLAs and data quality
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hand-built workspaces with the default handoffs (Lead to MQL 24 h,
 * MQL to SQL 24 h, SQL to Opportunity 48 h, Closed Won to Customer 72 h):
 * SLA adherence on and around the SLA, open misses whatever the period,
 * acceptance after the as-of date, handoff completeness per record kind,
 * required-field completeness over open records, duplicate accounts, stale
 * records, an as-of date before any data and a filter that matches nothing;
 * then the demo company: every number against its records, and replay.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "rd-aggregates.h"
#include "rd-demo.h"
#include "rd-metrics.h"
#include "rd-test-util.h"
#include "rd-workspace-private.h"

#define EPS 1e-9

typedef struct
{
  char        *dir;
  RdWorkspace *ws;
  sqlite3     *db;
} Fixture;

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autofree char *path = NULL;

  fx->dir = rd_test_tmpdir ();
  path = g_build_filename (fx->dir, "test.revdeck", NULL);
  fx->ws = rd_test_create (path);
  fx->db = _rd_workspace_get_db (fx->ws);
  rd_db_exec (fx->db,
              "UPDATE settings SET as_of_date = '2026-09-30', fiscal_year_start_month = 1;"
              "INSERT INTO people (name) VALUES ('Ann Owner'), ('Bo Owner');", NULL);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_clear_object (&fx->ws);
  rd_test_rmdir (fx->dir);
  g_free (fx->dir);
}


static gint64
query_id (Fixture    *fx,
          const char *sql,
          const char *name)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (fx->db, sql, NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

#define LIFECYCLE(fx, n) query_id (fx, "SELECT id FROM stages WHERE kind = 'lifecycle' AND name = ?1", n)
#define DEAL_STAGE(fx, n) query_id (fx, "SELECT id FROM stages WHERE kind = 'deal' AND name = ?1", n)
#define HANDOFF(fx, n) query_id (fx, "SELECT id FROM handoffs WHERE name = ?1", n)
#define PERSON(fx, n) query_id (fx, "SELECT id FROM people WHERE name = ?1", n)

/* A lead entering @stage at @entered (also its creation time). Text fields
 * may be NULL; @with_ids sets segment, region, channel and owner. */
static gint64
add_lead (Fixture    *fx,
          const char *stage,
          const char *entered,
          const char *email,
          const char *company,
          gboolean    with_ids,
          gint64      account)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (fx->db,
    "INSERT INTO leads (name, email, company, account_id, segment_id, region_id, channel_id, owner_id, created_at)"
    " VALUES ('Lead ' || (SELECT count(*) + 1 FROM leads), ?1, ?2, nullif (?3, 0),"
    " CASE WHEN ?4 THEN (SELECT min (id) FROM segments) END, CASE WHEN ?4 THEN (SELECT min (id) FROM regions) END,"
    " CASE WHEN ?4 THEN (SELECT min (id) FROM channels) END, CASE WHEN ?4 THEN (SELECT min (id) FROM people) END,"
    " ?5)", NULL);
  gint64 id;

  g_assert_nonnull (stmt);
  if (email)
    sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  if (company)
    sqlite3_bind_text (stmt, 2, company, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, account);
  sqlite3_bind_int (stmt, 4, with_ids);
  sqlite3_bind_text (stmt, 5, entered, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  id = sqlite3_last_insert_rowid (fx->db);

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = rd_db_prepare (fx->db, "INSERT INTO lead_stage_events (lead_id, stage_id, entered_at) VALUES (?1, ?2, ?3)", NULL);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, LIFECYCLE (fx, stage));
  sqlite3_bind_text (stmt, 3, entered, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  return id;
}

/* A deal created at @created in @stage, with one history row. */
static gint64
add_deal (Fixture    *fx,
          const char *stage,
          const char *created,
          const char *close_date,
          gint64      amount_cents,
          const char *next_step,
          gint64      account)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (fx->db,
    "INSERT INTO opportunities (name, account_id, owner_id, segment_id, region_id, channel_id, amount_cents,"
    " created_at, close_date, next_step) VALUES ('Deal ' || (SELECT count(*) + 1 FROM opportunities),"
    " nullif (?1, 0), (SELECT min (id) FROM people), (SELECT min (id) FROM segments), (SELECT min (id) FROM regions),"
    " (SELECT min (id) FROM channels), ?2, ?3, ?4, ?5)", NULL);
  gint64 id;

  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, account);
  sqlite3_bind_int64 (stmt, 2, amount_cents);
  sqlite3_bind_text (stmt, 3, created, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, close_date, -1, SQLITE_TRANSIENT);
  if (next_step)
    sqlite3_bind_text (stmt, 5, next_step, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  id = sqlite3_last_insert_rowid (fx->db);

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = rd_db_prepare (fx->db,
                        "INSERT INTO opportunity_stage_history (opportunity_id, stage_id, entered_at) VALUES (?1, ?2, ?3)",
                        NULL);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, DEAL_STAGE (fx, stage));
  sqlite3_bind_text (stmt, 3, created, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  return id;
}

static gint64
add_account (Fixture    *fx,
             const char *name,
             const char *domain,
             const char *created,
             gboolean    with_owner)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (fx->db,
    "INSERT INTO accounts (name, domain, created_at, segment_id, region_id, channel_id, owner_id)"
    " VALUES (?1, ?2, ?3, (SELECT min (id) FROM segments), (SELECT min (id) FROM regions),"
    " (SELECT min (id) FROM channels), CASE WHEN ?4 THEN (SELECT min (id) FROM people) END)", NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (domain)
    sqlite3_bind_text (stmt, 2, domain, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, created, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, with_owner);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  return sqlite3_last_insert_rowid (fx->db);
}

/* An event of @handoff for a record (exactly one of the three ids). */
static void
add_event (Fixture    *fx,
           const char *handoff,
           gint64      lead,
           gint64      deal,
           gint64      account,
           const char *crossed,
           const char *accepted)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (fx->db,
    "INSERT INTO handoff_events (handoff_id, lead_id, opportunity_id, account_id, crossed_at, accepted_at)"
    " VALUES (?1, nullif (?2, 0), nullif (?3, 0), nullif (?4, 0), ?5, ?6)", NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, HANDOFF (fx, handoff));
  sqlite3_bind_int64 (stmt, 2, lead);
  sqlite3_bind_int64 (stmt, 3, deal);
  sqlite3_bind_int64 (stmt, 4, account);
  sqlite3_bind_text (stmt, 5, crossed, -1, SQLITE_TRANSIENT);
  if (accepted)
    sqlite3_bind_text (stmt, 6, accepted, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

static void
refresh (Fixture *fx)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_workspace_refresh_derived (fx->ws, &error));
  g_assert_no_error (error);
}

static RdFilter *
filter_for (RdWorkspace *ws,
            const char  *as_of,
            const char  *period,
            const char  *segment)
{
  RdFilter *filter = rd_filter_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_filter_resolve (filter, ws, as_of, period, segment, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return filter;
}

static RdMetricPack *
compute_with (RdWorkspace    *ws,
              const RdFilter *filter)
{
  g_autoptr(GError) error = NULL;
  RdMetricPack *pack = rd_metrics_compute (ws, filter, "quality", &error);

  g_assert_no_error (error);
  g_assert_nonnull (pack);
  return pack;
}


static void
assert_value (const RdMetricPack *pack,
              const char         *id,
              const char         *bucket,
              double              value)
{
  const RdMetric *m = rd_test_metric (pack, id, bucket);

  if (!m->defined)
    g_error ("%s / %s is undefined: %s", id, bucket ? bucket : "", m->reason);
  g_assert_cmpfloat_with_epsilon (m->value, value, EPS);
}

static void
assert_ratio (const RdMetricPack *pack,
              const char         *id,
              const char         *bucket,
              double              numerator,
              double              denominator)
{
  const RdMetric *m = rd_test_metric (pack, id, bucket);

  g_assert_true (m->is_ratio);
  g_assert_cmpfloat_with_epsilon (m->numerator, numerator, EPS);
  g_assert_cmpfloat_with_epsilon (m->denominator, denominator, EPS);
  g_assert_true (m->defined);
  g_assert_cmpfloat_with_epsilon (m->value, numerator / denominator * 100.0, EPS);
}

/* The drill-down of a metric: its row count and summed column. */
static void
drill_totals (RdWorkspace    *ws,
              const RdFilter *filter,
              const char     *id,
              const char     *bucket,
              gint64         *count,
              double         *sum)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdQuery) q = rd_metrics_drill_query (ws, filter, id, bucket, &error);

  g_assert_no_error (error);
  g_assert_nonnull (q);
  g_assert_true (rd_query_aggregate (ws, q, count, sum, &error));
  g_assert_no_error (error);
}

/* @column of the first drill row of @kind ("lead", "deal", "account") with
 * @key_column = @key, as text (NULL for NULL or no row). */
static char *
drill_cell_of (RdWorkspace    *ws,
               const RdFilter *filter,
               const char     *id,
               const char     *bucket,
               const char     *kind,
               const char     *key_column,
               gint64          key,
               const char     *column)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdQuery) q = rd_metrics_drill_query (ws, filter, id, bucket, &error);
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = _rd_workspace_get_db (ws);
  char *result = NULL;

  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT \"%s\" FROM (%s) WHERE \"%s\" = %" G_GINT64_FORMAT "%s%s%s", column, q->sql->str,
                         key_column, key, kind ? " AND record_kind = '" : "", kind ? kind : "", kind ? "'" : "");
  stmt = rd_db_prepare (db, sql, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < q->params->len; i++)
    {
      GVariant *v = g_ptr_array_index (q->params, i);
      if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT64))
        sqlite3_bind_int64 (stmt, i + 1, g_variant_get_int64 (v));
      else if (g_variant_is_of_type (v, G_VARIANT_TYPE_DOUBLE))
        sqlite3_bind_double (stmt, i + 1, g_variant_get_double (v));
      else
        sqlite3_bind_text (stmt, i + 1, g_variant_get_string (v, NULL), -1, SQLITE_TRANSIENT);
    }
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return result;
}

#define drill_cell(ws, f, id, b, key_column, key, column) drill_cell_of (ws, f, id, b, NULL, key_column, key, column)

/* --------------------------------------------------------------- SLA */

/* Lead to MQL has a 24-hour SLA; the period is 2026-Q3, as-of 2026-09-30. */
static void
test_sla_adherence (Fixture       *fx,
                    gconstpointer  data)
{
  gint64 a = add_lead (fx, "MQL", "2026-07-01 10:00:00", "a@x.com", "X", TRUE, 0);
  gint64 b = add_lead (fx, "MQL", "2026-07-01 10:00:00", "b@x.com", "X", TRUE, 0);
  gint64 c = add_lead (fx, "MQL", "2026-07-10 09:00:00", "c@x.com", "X", TRUE, 0);
  gint64 d = add_lead (fx, "MQL", "2026-09-30 20:00:00", "d@x.com", "X", TRUE, 0);
  gint64 e = add_lead (fx, "MQL", "2026-05-01 09:00:00", "e@x.com", "X", TRUE, 0);
  gint64 f = add_lead (fx, "MQL", "2026-08-01 09:00:00", "f@x.com", "X", TRUE, 0);
  gint64 g = add_lead (fx, "MQL", "2026-08-02 09:00:00", "g@x.com", "X", TRUE, 0);
  g_autoptr(RdMetricPack) pack = NULL;
  g_autoptr(RdFilter) filter = filter_for (fx->ws, NULL, NULL, NULL);
  gint64 count;
  double sum;

  add_event (fx, "Lead to MQL", a, 0, 0, "2026-07-01 10:00:00", "2026-07-02 10:00:00");  /* exactly 24 h: within */
  add_event (fx, "Lead to MQL", b, 0, 0, "2026-07-01 10:00:00", "2026-07-02 10:00:01");  /* one second late */
  add_event (fx, "Lead to MQL", c, 0, 0, "2026-07-10 09:00:00", NULL);                   /* open miss */
  add_event (fx, "Lead to MQL", d, 0, 0, "2026-09-30 20:00:00", NULL);                   /* not yet due */
  add_event (fx, "Lead to MQL", e, 0, 0, "2026-05-01 09:00:00", NULL);                   /* open miss, Q2 */
  add_event (fx, "Lead to MQL", f, 0, 0, "2026-08-01 09:00:00", "2026-10-05 09:00:00");  /* accepted after as-of */
  add_event (fx, "Lead to MQL", g, 0, 0, "2026-08-02 09:00:00", "2026-08-02 12:00:00");  /* within */
  add_event (fx, "Lead to MQL", g, 0, 0, "2026-10-02 09:00:00", NULL);                   /* after as-of: nothing */
  refresh (fx);
  pack = compute_with (fx->ws, filter);

  /* Crossed in Q3 up to as-of: a, b, c, d, f, g; within the SLA: a, g. */
  assert_value (pack, "handoff.crossed", "Lead to MQL", 6);
  assert_ratio (pack, "handoff.sla_adherence", "Lead to MQL", 2, 6);
  assert_ratio (pack, "handoff.sla_adherence", NULL, 2, 6);
  /* Open misses, whatever the period: c, e (crossed in Q2), f (accepted only after as-of). */
  assert_value (pack, "handoff.open_misses", "Lead to MQL", 3);
  assert_value (pack, "handoff.open_misses", NULL, 3);
  assert_value (pack, "handoff.open_misses", "MQL to SQL", 0);
  assert_value (pack, "handoff.crossed", "MQL to SQL", 0);
  rd_test_assert_undefined (pack, "handoff.sla_adherence", "MQL to SQL", "no records crossed “MQL to SQL” in 2026-Q3");
  g_assert_nonnull (rd_test_metric (pack, "handoff.sla_adherence", NULL)->formula);
  g_assert_cmpstr (rd_test_metric (pack, "handoff.sla_adherence", NULL)->definition_key, ==, "sla-adherence");

  /* The lists: the denominator's records with a within_sla column summing to the numerator. */
  drill_totals (fx->ws, filter, "handoff.sla_adherence", "Lead to MQL", &count, &sum);
  g_assert_cmpint (count, ==, 6);
  g_assert_cmpfloat_with_epsilon (sum, 2, EPS);
  drill_totals (fx->ws, filter, "handoff.open_misses", NULL, &count, &sum);
  g_assert_cmpint (count, ==, 3);
  {
    g_autofree char *overdue = drill_cell (fx->ws, filter, "handoff.open_misses", NULL, "record_id", c, "hours_overdue");
    g_autofree char *accepted = drill_cell (fx->ws, filter, "handoff.sla_adherence", NULL, "record_id", f, "accepted_at");
    /* due 2026-07-11 09:00:00, as-of end 2026-09-30 23:59:59 */
    g_assert_cmpfloat_with_epsilon (g_ascii_strtod (overdue, NULL), round ((81 * 24 + 14 + 59.0 / 60 + 59.0 / 3600) * 10) / 10, 1e-9);
    g_assert_null (accepted);
  }

  /* An earlier as-of: f not crossed yet in… 2026-07-31 — a, b, c crossed; c open since 07-11. */
  {
    g_autoptr(RdFilter) early = filter_for (fx->ws, "2026-07-31", NULL, NULL);
    g_autoptr(RdMetricPack) p2 = compute_with (fx->ws, early);

    assert_value (p2, "handoff.crossed", "Lead to MQL", 3);
    assert_ratio (p2, "handoff.sla_adherence", "Lead to MQL", 1, 3);
    assert_value (p2, "handoff.open_misses", "Lead to MQL", 2);   /* c and e */
  }
}

/* ------------------------------------------------------- completeness */

static void
test_handoff_completeness (Fixture       *fx,
                           gconstpointer  data)
{
  gint64 full = add_lead (fx, "SQL", "2026-07-02 09:00:00", "a@x.com", "X", TRUE, 0);
  gint64 blank = add_lead (fx, "SQL", "2026-07-02 09:00:00", "   ", "X", TRUE, 0);
  gint64 no_ids = add_lead (fx, "SQL", "2026-07-02 09:00:00", "c@x.com", "X", FALSE, 0);
  gint64 acc_full = add_account (fx, "Renewing Ltd", "renewing.com", "2024-01-01", TRUE);
  gint64 acc_none = add_account (fx, "Lonely Ltd", "lonely.com", "2024-01-01", FALSE);
  gint64 deal_ok = add_deal (fx, "Discovery", "2026-07-03 09:00:00", "2026-12-01", 500000, NULL, acc_full);
  gint64 deal_zero = add_deal (fx, "Discovery", "2026-07-03 09:00:00", "2026-12-01", 0, NULL, acc_full);
  g_autoptr(RdMetricPack) pack = NULL;
  g_autoptr(RdFilter) filter = filter_for (fx->ws, NULL, NULL, NULL);
  g_autofree char *missing = NULL;
  gint64 count;
  double sum;

  rd_test_exec (fx->db, "INSERT INTO renewals (account_id, renewal_date, amount_cents) "
            "SELECT id, '2027-01-01', 100 FROM accounts WHERE name = 'Renewing Ltd'");
  /* MQL to SQL requires email, company, segment, channel. */
  add_event (fx, "MQL to SQL", full, 0, 0, "2026-07-02 09:00:00", "2026-07-02 10:00:00");
  add_event (fx, "MQL to SQL", blank, 0, 0, "2026-07-02 09:00:00", "2026-07-02 10:00:00");
  add_event (fx, "MQL to SQL", no_ids, 0, 0, "2026-07-02 09:00:00", "2026-07-02 10:00:00");
  /* SQL to Opportunity requires amount, close_date, account, owner (on the deal). */
  add_event (fx, "SQL to Opportunity", 0, deal_ok, 0, "2026-07-03 09:00:00", "2026-07-03 10:00:00");
  add_event (fx, "SQL to Opportunity", 0, deal_zero, 0, "2026-07-03 09:00:00", "2026-07-03 10:00:00");
  /* Closed Won to Customer requires owner and renewal_date (on the account). */
  add_event (fx, "Closed Won to Customer", 0, 0, acc_full, "2026-07-04 09:00:00", NULL);
  add_event (fx, "Closed Won to Customer", 0, 0, acc_none, "2026-07-04 09:00:00", NULL);
  refresh (fx);
  pack = compute_with (fx->ws, filter);

  assert_ratio (pack, "handoff.completeness", "MQL to SQL", 1, 3);
  assert_ratio (pack, "handoff.completeness", "SQL to Opportunity", 1, 2);
  assert_ratio (pack, "handoff.completeness", "Closed Won to Customer", 1, 2);
  assert_ratio (pack, "handoff.completeness", NULL, 3, 7);
  rd_test_assert_undefined (pack, "handoff.completeness", "Lead to MQL", "no records crossed");
  g_assert_cmpstr (rd_test_metric (pack, "handoff.completeness", NULL)->definition_key, ==, "handoff-completeness");

  drill_totals (fx->ws, filter, "handoff.completeness", NULL, &count, &sum);
  g_assert_cmpint (count, ==, 7);
  g_assert_cmpfloat_with_epsilon (sum, 3, EPS);

  missing = drill_cell (fx->ws, filter, "handoff.completeness", "MQL to SQL", "record_id", blank, "missing_fields");
  g_assert_cmpstr (missing, ==, "email");
  g_free (missing);
  missing = drill_cell (fx->ws, filter, "handoff.completeness", "MQL to SQL", "record_id", no_ids, "missing_fields");
  g_assert_cmpstr (missing, ==, "segment, channel");
  g_free (missing);
  missing = drill_cell_of (fx->ws, filter, "handoff.completeness", NULL, "deal", "record_id", deal_zero, "missing_fields");
  g_assert_cmpstr (missing, ==, "amount");
  g_free (missing);
  missing = drill_cell_of (fx->ws, filter, "handoff.completeness", NULL, "account", "record_id", acc_none, "missing_fields");
  g_assert_cmpstr (missing, ==, "owner, renewal_date");
  g_free (missing);
  missing = drill_cell_of (fx->ws, filter, "handoff.completeness", NULL, "account", "record_id", acc_full, "missing_fields");
  g_assert_null (missing);
}

/* A deal whose amount was 0 at the as-of date and was raised afterwards
 * crossed with the amount missing. */
static void
test_completeness_as_of_amount (Fixture       *fx,
                                gconstpointer  data)
{
  gint64 acc = add_account (fx, "Acme", NULL, "2024-01-01", TRUE);
  gint64 deal = add_deal (fx, "Discovery", "2026-07-03 09:00:00", "2026-12-01", 500000, NULL, acc);
  g_autoptr(RdFilter) filter = NULL;
  g_autoptr(RdMetricPack) pack = NULL;
  g_autoptr(RdMetricPack) replayed = NULL;
  g_autofree char *sql = g_strdup_printf ("INSERT INTO amount_changes (opportunity_id, changed_at, old_cents, new_cents)"
                                          " VALUES (%" G_GINT64_FORMAT ", '2026-10-10 09:00:00', 0, 500000)", deal);

  rd_test_exec (fx->db, sql);
  add_event (fx, "SQL to Opportunity", 0, deal, 0, "2026-07-03 09:00:00", "2026-07-03 10:00:00");
  refresh (fx);
  filter = filter_for (fx->ws, NULL, NULL, NULL);
  pack = compute_with (fx->ws, filter);
  assert_ratio (pack, "handoff.completeness", "SQL to Opportunity", 0, 1);

  filter = (rd_filter_free (filter), filter_for (fx->ws, "2026-10-31", "2026-Q3", NULL));
  replayed = compute_with (fx->ws, filter);
  assert_ratio (replayed, "handoff.completeness", "SQL to Opportunity", 1, 1);
}

/* --------------------------------------------------- required fields */

static void
test_required_fields (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(RdMetricPack) pack = NULL;
  g_autoptr(RdFilter) filter = NULL;
  gint64 acc = add_account (fx, "Acme", NULL, "2024-01-01", TRUE);
  gint64 count;
  double sum;

  /* Lead (Lead to MQL's from-stage): email, company, channel. */
  add_lead (fx, "Lead", "2026-09-01 09:00:00", "a@x.com", NULL, TRUE, 0);             /* 2 of 3 */
  /* MQL (to-stage of Lead to MQL, from-stage of MQL to SQL): + segment. */
  add_lead (fx, "MQL", "2026-09-01 09:00:00", "b@x.com", "B", TRUE, 0);               /* 4 of 4 */
  /* SQL: + account and owner (amount and close date are not a lead's). */
  add_lead (fx, "SQL", "2026-09-01 09:00:00", "c@x.com", "C", TRUE, 0);               /* 5 of 6 */
  /* Customer is won: not an open record. */
  add_lead (fx, "Customer", "2026-09-01 09:00:00", NULL, NULL, FALSE, 0);
  /* A lead created after as-of does not count. */
  add_lead (fx, "Lead", "2026-10-01 09:00:00", NULL, NULL, FALSE, 0);

  /* A handoff between deal stages, with a field Revdeck does not know. */
  rd_test_exec (fx->db, "INSERT INTO handoffs (name, from_stage_id, to_stage_id, owner_team_id, sla_hours, required_fields)"
            " SELECT 'Discovery to Qualification', f.id, t.id, (SELECT min (id) FROM teams), 24,"
            " '[\"amount\",\"next_step\",\"bogus\"]' FROM stages f, stages t"
            " WHERE f.kind = 'deal' AND f.name = 'Discovery' AND t.kind = 'deal' AND t.name = 'Qualification'");
  add_deal (fx, "Discovery", "2026-08-01 09:00:00", "2026-12-01", 0, "Call", acc);        /* amount missing */
  add_deal (fx, "Qualification", "2026-08-01 09:00:00", "2026-12-01", 1000, NULL, acc);   /* next step missing */
  add_deal (fx, "Closed Lost", "2026-08-01 09:00:00", "2026-09-01", 0, NULL, acc);        /* not open */
  refresh (fx);

  filter = filter_for (fx->ws, NULL, NULL, NULL);
  pack = compute_with (fx->ws, filter);

  /* Leads 2 + 4 + 5 of 3 + 4 + 6, deals 1 + 1 of 2 + 2. */
  assert_ratio (pack, "quality.required_fields", NULL, 13, 17);
  g_assert_cmpstr (rd_test_metric (pack, "quality.required_fields", NULL)->definition_key, ==, "required-field-completeness");
  g_assert_nonnull (strstr (rd_test_metric (pack, "quality.required_fields", NULL)->note, "“bogus”"));
  assert_ratio (pack, "quality.required_fields", "email", 3, 3);
  assert_ratio (pack, "quality.required_fields", "company", 2, 3);
  assert_ratio (pack, "quality.required_fields", "channel", 3, 3);
  assert_ratio (pack, "quality.required_fields", "segment", 2, 2);
  assert_ratio (pack, "quality.required_fields", "account", 0, 1);
  assert_ratio (pack, "quality.required_fields", "owner", 1, 1);
  assert_ratio (pack, "quality.required_fields", "amount", 1, 2);
  assert_ratio (pack, "quality.required_fields", "next_step", 1, 2);
  rd_test_assert_undefined (pack, "quality.required_fields", "close_date", "“close_date”");
  rd_test_assert_undefined (pack, "quality.required_fields", "renewal_date", "“renewal_date”");
  rd_test_assert_undefined (pack, "quality.required_fields", "bogus", "not a field Revdeck knows");
  assert_value (pack, "quality.missing", "company", 1);
  assert_value (pack, "quality.missing", "account", 1);
  assert_value (pack, "quality.missing", "amount", 1);
  assert_value (pack, "quality.missing", "email", 0);
  g_assert_null (rd_metric_pack_find (pack, "quality.missing", "bogus"));

  /* One drill row per (record, required field), "filled" summing to the numerator. */
  drill_totals (fx->ws, filter, "quality.required_fields", NULL, &count, &sum);
  g_assert_cmpint (count, ==, 17);
  g_assert_cmpfloat_with_epsilon (sum, 13, EPS);
  drill_totals (fx->ws, filter, "quality.required_fields", "company", &count, &sum);
  g_assert_cmpint (count, ==, 3);
  g_assert_cmpfloat_with_epsilon (sum, 2, EPS);
  drill_totals (fx->ws, filter, "quality.missing", "next_step", &count, &sum);
  g_assert_cmpint (count, ==, 1);

  /* The same with history replayed. */
  {
    g_autoptr(RdMetricPack) replayed = NULL;

    g_setenv ("RD_METRICS_REPLAY", "1", TRUE);
    replayed = compute_with (fx->ws, filter);
    g_unsetenv ("RD_METRICS_REPLAY");
    assert_ratio (replayed, "quality.required_fields", NULL, 13, 17);
    assert_ratio (replayed, "quality.required_fields", "amount", 1, 2);
  }
}

/* -------------------------------------------------------- duplicates */

static gboolean
write_nothing (RdWorkspace  *ws,
               gpointer      user_data,
               GError      **error)
{
  return TRUE;
}

/* An empty write: its commit refreshes the aggregates. */
static void
commit_aggregates (RdWorkspace *ws)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_workspace_write (ws, "records", write_nothing, NULL, &error));
  g_assert_no_error (error);
}

static void
test_duplicate_accounts (Fixture       *fx,
                         gconstpointer  data)
{
  gint64 acme = add_account (fx, "Acme, Inc.", "acme.com", "2024-01-01", TRUE);
  gint64 acme2 = add_account (fx, "ACME Inc", NULL, "2024-02-01", TRUE);
  gint64 acme3 = add_account (fx, "Acme Holdings", "ACME.com", "2024-03-01", TRUE);
  gint64 gamma = add_account (fx, "Gamma Pty Ltd", "gamma.com.au", "2024-01-01", TRUE);
  gint64 gamma2 = add_account (fx, "gamma", NULL, "2024-01-01", TRUE);
  gint64 delta = add_account (fx, "Delta Co", NULL, "2024-01-01", TRUE);
  gint64 delta2 = add_account (fx, "Delta Corp.", NULL, "2024-01-01", TRUE);
  g_autoptr(RdMetricPack) pack = NULL;
  g_autoptr(RdFilter) filter = filter_for (fx->ws, NULL, NULL, NULL);
  g_autofree char *others = NULL;
  g_autofree char *matched = NULL;
  g_autofree char *key = NULL;
  gint64 count;
  double sum;

  add_account (fx, "Beta GmbH", "beta.de", "2024-01-01", TRUE);          /* alone */
  add_account (fx, "Coop Bank", NULL, "2024-01-01", TRUE);               /* "co" only as a whole last word */
  add_account (fx, "Coop", NULL, "2024-01-01", TRUE);                    /* … so "coopbank" ≠ "coop" */
  add_account (fx, "Beta Gmbh", "beta.de", "2026-10-05", TRUE);          /* created after as-of */
  pack = compute_with (fx->ws, filter);

  assert_value (pack, "quality.duplicate_accounts", NULL, 7);
  drill_totals (fx->ws, filter, "quality.duplicate_accounts", NULL, &count, &sum);
  g_assert_cmpint (count, ==, 7);

  others = drill_cell (fx->ws, filter, "quality.duplicate_accounts", NULL, "account_id", acme, "other_account_ids");
  matched = drill_cell (fx->ws, filter, "quality.duplicate_accounts", NULL, "account_id", acme, "matched_on");
  key = drill_cell (fx->ws, filter, "quality.duplicate_accounts", NULL, "account_id", acme, "group_key");
  {
    g_autofree char *expect = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, acme2, acme3);
    g_autofree char *expect_rev = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, acme3, acme2);
    g_assert_true (g_str_equal (others, expect) || g_str_equal (others, expect_rev));
  }
  g_assert_cmpstr (matched, ==, "name and domain");
  g_assert_cmpstr (key, ==, "acme");
  g_free (matched);
  matched = drill_cell (fx->ws, filter, "quality.duplicate_accounts", NULL, "account_id", acme3, "matched_on");
  g_assert_cmpstr (matched, ==, "domain");
  g_free (key);
  key = drill_cell (fx->ws, filter, "quality.duplicate_accounts", NULL, "account_id", gamma2, "group_key");
  g_assert_cmpstr (key, ==, "gamma");
  g_free (key);
  key = drill_cell (fx->ws, filter, "quality.duplicate_accounts", NULL, "account_id", delta2, "group_key");
  g_assert_cmpstr (key, ==, "delta");
  g_free (others);
  others = drill_cell (fx->ws, filter, "quality.duplicate_accounts", NULL, "account_id", gamma, "other_account_ids");
  {
    g_autofree char *expect = g_strdup_printf ("%" G_GINT64_FORMAT, gamma2);
    g_assert_cmpstr (others, ==, expect);
  }
  (void) delta;

  /* A later as-of sees the second Beta GmbH. */
  {
    g_autoptr(RdFilter) later = filter_for (fx->ws, "2026-10-31", NULL, NULL);
    g_autoptr(RdMetricPack) p2 = compute_with (fx->ws, later);
    assert_value (p2, "quality.duplicate_accounts", NULL, 9);
  }

  /* The rows above were written outside rd_workspace_write (), so the
   * numbers came from the accounts themselves; once a write has brought
   * the aggregate up to date they come from it, and must not change. */
  commit_aggregates (fx->ws);
  {
    g_autoptr(RdFilter) later = filter_for (fx->ws, "2026-10-31", NULL, NULL);
    g_autoptr(RdMetricPack) p1 = compute_with (fx->ws, filter);
    g_autoptr(RdMetricPack) p2 = compute_with (fx->ws, later);

    assert_value (p1, "quality.duplicate_accounts", NULL, 7);
    assert_value (p2, "quality.duplicate_accounts", NULL, 9);
    drill_totals (fx->ws, filter, "quality.duplicate_accounts", NULL, &count, &sum);
    g_assert_cmpint (count, ==, 7);
    g_free (matched);
    matched = drill_cell (fx->ws, filter, "quality.duplicate_accounts", NULL, "account_id", acme, "matched_on");
    g_assert_cmpstr (matched, ==, "name and domain");
  }
}

/* ----------------------------------------------------- stale records */

static void
test_stale_records (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(RdMetricPack) pack = NULL;
  g_autoptr(RdFilter) filter = NULL;
  gint64 stale_deal, stale_lead;
  gint64 count;
  double sum;
  g_autofree char *days = NULL;

  stale_deal = add_deal (fx, "Proposal", "2026-06-01 09:00:00", "2026-09-29", 1000, NULL, 0);
  add_deal (fx, "Proposal", "2026-06-01 09:00:00", "2026-09-30", 1000, NULL, 0);      /* due today: not stale */
  add_deal (fx, "Closed Lost", "2026-06-01 09:00:00", "2026-08-01", 1000, NULL, 0);   /* closed */
  add_lead (fx, "Lead", "2026-08-31 23:00:00", NULL, NULL, TRUE, 0);                  /* 30 days: not beyond 30 */
  stale_lead = add_lead (fx, "Lead", "2026-08-30 08:00:00", NULL, NULL, TRUE, 0);     /* 31 days */
  add_lead (fx, "Customer", "2020-01-01 08:00:00", NULL, NULL, TRUE, 0);              /* won, no maximum */
  refresh (fx);
  filter = filter_for (fx->ws, NULL, NULL, NULL);
  pack = compute_with (fx->ws, filter);

  assert_value (pack, "quality.stale_records", NULL, 2);
  assert_value (pack, "quality.stale_records", "deals", 1);
  assert_value (pack, "quality.stale_records", "leads", 1);
  g_assert_cmpstr (rd_test_metric (pack, "quality.stale_records", "deals")->definition_key, ==, "stale-deal");
  drill_totals (fx->ws, filter, "quality.stale_records", NULL, &count, &sum);
  g_assert_cmpint (count, ==, 2);
  drill_totals (fx->ws, filter, "quality.stale_records", "leads", &count, &sum);
  g_assert_cmpint (count, ==, 1);
  days = drill_cell_of (fx->ws, filter, "quality.stale_records", "deals", "deal", "record_id", stale_deal, "days_overdue");
  g_assert_cmpstr (days, ==, "1");
  g_free (days);
  days = drill_cell_of (fx->ws, filter, "quality.stale_records", "leads", "lead", "record_id", stale_lead, "days_overdue");
  g_assert_cmpstr (days, ==, "1");
}

/* ----------------------------------------------------------- edges */

static void
test_as_of_before_data (Fixture       *fx,
                        gconstpointer  data)
{
  gint64 lead = add_lead (fx, "MQL", "2026-07-01 10:00:00", NULL, NULL, FALSE, 0);
  g_autoptr(RdFilter) filter = NULL;
  g_autoptr(RdMetricPack) pack = NULL;

  add_account (fx, "Acme", NULL, "2024-01-01", TRUE);
  add_account (fx, "ACME", NULL, "2024-01-01", TRUE);
  add_event (fx, "Lead to MQL", lead, 0, 0, "2026-07-01 10:00:00", NULL);
  refresh (fx);
  filter = filter_for (fx->ws, "2020-01-15", NULL, NULL);
  pack = compute_with (fx->ws, filter);

  assert_value (pack, "handoff.crossed", NULL, 0);
  rd_test_assert_undefined (pack, "handoff.sla_adherence", NULL, "no records crossed a handoff in 2020-Q1");
  rd_test_assert_undefined (pack, "handoff.completeness", NULL, "no records crossed a handoff in 2020-Q1");
  assert_value (pack, "handoff.open_misses", NULL, 0);
  rd_test_assert_undefined (pack, "quality.required_fields", NULL, "no open record");
  assert_value (pack, "quality.duplicate_accounts", NULL, 0);
  assert_value (pack, "quality.stale_records", NULL, 0);
}

static void
test_filter_matches_nothing (Fixture       *fx,
                             gconstpointer  data)
{
  gint64 lead = add_lead (fx, "MQL", "2026-07-01 10:00:00", "a@x.com", NULL, TRUE, 0);
  g_autoptr(RdFilter) filter = NULL;
  g_autoptr(RdMetricPack) pack = NULL;
  gint64 count;
  double sum;

  add_event (fx, "Lead to MQL", lead, 0, 0, "2026-07-01 10:00:00", NULL);
  refresh (fx);
  /* Every record is in the first segment; Enterprise is the last. */
  filter = filter_for (fx->ws, NULL, NULL, "Enterprise");
  pack = compute_with (fx->ws, filter);
  assert_value (pack, "handoff.crossed", "Lead to MQL", 0);
  assert_value (pack, "handoff.open_misses", NULL, 0);
  rd_test_assert_undefined (pack, "handoff.sla_adherence", NULL, "no records crossed");
  rd_test_assert_undefined (pack, "quality.required_fields", NULL, "no open record");
  drill_totals (fx->ws, filter, "handoff.open_misses", NULL, &count, &sum);
  g_assert_cmpint (count, ==, 0);

  rd_filter_free (g_steal_pointer (&filter));
  filter = filter_for (fx->ws, NULL, NULL, "SMB");
  g_clear_pointer (&pack, rd_metric_pack_free);
  pack = compute_with (fx->ws, filter);
  assert_value (pack, "handoff.crossed", "Lead to MQL", 1);
  assert_value (pack, "handoff.open_misses", NULL, 1);
}

static void
test_drill_errors (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(RdFilter) filter = filter_for (fx->ws, NULL, NULL, NULL);
  const char *bad[][2] = {
    { "handoff.crossed", "No such handoff" },
    { "quality.required_fields", "bogus" },
    { "quality.missing", NULL },
    { "quality.stale_records", "accounts" },
    { "quality.duplicate_accounts", "x" },
    { "quality.nothing", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RdQuery) q = rd_metrics_drill_query (fx->ws, filter, bad[i][0], bad[i][1], &error);

      g_assert_null (q);
      g_assert_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID);
    }
}

/* ------------------------------------------------------------- demo */

static RdWorkspace *demo;
static char *demo_dir;

static gboolean
close_enough (double a,
              double b)
{
  return fabs (a - b) <= 1e-9 * MAX (1.0, MAX (fabs (a), fabs (b)));
}

static void
check_pack_against_drills (RdWorkspace        *ws,
                           const RdMetricPack *pack)
{
  guint checked = 0;

  for (guint i = 0; i < pack->metrics->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (pack->metrics, i);
      g_autofree char *name = g_strdup_printf ("%s / %s", m->id, m->bucket ? m->bucket : "");
      gint64 count;
      double sum;

      g_assert_true (g_str_has_prefix (m->id, "handoff.") || g_str_has_prefix (m->id, "quality."));
      g_assert_nonnull (m->label);
      g_assert_nonnull (m->formula);
      if (!m->defined)
        g_assert_nonnull (m->reason);
      if (!m->drillable)
        continue;

      drill_totals (ws, pack->filter, m->id, m->bucket, &count, &sum);
      if (m->is_ratio)
        {
          /* The list is the denominator; the summed column the numerator. */
          if (!close_enough (count, m->denominator) || !close_enough (sum, m->numerator))
            g_error ("%s: %g / %g but the list gives %g / %" G_GINT64_FORMAT, name, m->numerator,
                     m->denominator, sum, count);
          if (m->defined && !close_enough (m->value, m->numerator / m->denominator * 100.0))
            g_error ("%s: %g is not %g / %g", name, m->value, m->numerator, m->denominator);
        }
      else if (!close_enough (count, m->value))
        g_error ("%s = %g but its list has %" G_GINT64_FORMAT " rows", name, m->value, count);
      checked++;
    }
  g_assert_cmpuint (checked, >, 20);
}

static void
test_demo (gconstpointer data)
{
  const char *const *slice = data;
  g_autoptr(RdFilter) filter = filter_for (demo, slice[0], slice[1], slice[2]);
  g_autoptr(RdMetricPack) pack = compute_with (demo, filter);
  g_autoptr(RdMetricPack) replayed = NULL;
  const RdMetric *total;
  double sum = 0;

  check_pack_against_drills (demo, pack);

  /* The overall numbers are the handoffs' added up. */
  total = rd_test_metric (pack, "handoff.crossed", NULL);
  for (guint i = 0; i < pack->metrics->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (pack->metrics, i);
      if (g_str_equal (m->id, "handoff.crossed") && m->bucket)
        sum += m->value;
    }
  g_assert_cmpfloat_with_epsilon (total->value, sum, EPS);
  assert_value (pack, "quality.stale_records", NULL,
                rd_test_metric (pack, "quality.stale_records", "deals")->value + rd_test_metric (pack, "quality.stale_records", "leads")->value);

  /* The four default handoffs and the demo's known duplicates are there. */
  g_assert_nonnull (rd_metric_pack_find (pack, "handoff.sla_adherence", "Lead to MQL"));
  g_assert_nonnull (rd_metric_pack_find (pack, "handoff.sla_adherence", "Closed Won to Customer"));

  g_setenv ("RD_METRICS_REPLAY", "1", TRUE);
  replayed = compute_with (demo, filter);
  g_unsetenv ("RD_METRICS_REPLAY");
  g_assert_cmpuint (replayed->metrics->len, ==, pack->metrics->len);
  for (guint i = 0; i < pack->metrics->len; i++)
    {
      const RdMetric *a = g_ptr_array_index (pack->metrics, i);
      const RdMetric *b = g_ptr_array_index (replayed->metrics, i);

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpstr (a->bucket, ==, b->bucket);
      g_assert_cmpint (a->defined, ==, b->defined);
      if (a->defined && !close_enough (a->value, b->value))
        g_error ("%s / %s: %g, replayed %g", a->id, a->bucket ? a->bucket : "", a->value, b->value);
    }
}

static void
test_demo_values (void)
{
  g_autoptr(RdFilter) filter = filter_for (demo, NULL, NULL, NULL);
  g_autoptr(RdMetricPack) pack = compute_with (demo, filter);
  sqlite3 *db = _rd_workspace_get_db (demo);

  /* Cross-checks with plain SQL written independently of the group. */
  g_assert_cmpfloat_with_epsilon (rd_test_metric (pack, "handoff.crossed", NULL)->value,
    rd_db_query_int (db, "SELECT count(*) FROM handoff_events WHERE crossed_at BETWEEN '2026-08-01 00:00:00'"
                         " AND '2026-09-30 23:59:59'", -1), EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_metric (pack, "handoff.open_misses", NULL)->value,
    rd_db_query_int (db, "SELECT count(*) FROM handoff_events e JOIN handoffs h ON h.id = e.handoff_id"
                         " WHERE (e.accepted_at IS NULL OR e.accepted_at > '2026-09-30 23:59:59')"
                         " AND julianday (e.crossed_at) + h.sla_hours / 24.0 < julianday ('2026-09-30 23:59:59')", -1),
    EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_metric (pack, "handoff.sla_adherence", NULL)->numerator,
    rd_db_query_int (db, "SELECT count(*) FROM handoff_events e JOIN handoffs h ON h.id = e.handoff_id"
                         " WHERE e.crossed_at BETWEEN '2026-08-01 00:00:00' AND '2026-09-30 23:59:59'"
                         " AND e.accepted_at <= '2026-09-30 23:59:59'"
                         " AND strftime ('%s', e.accepted_at) - strftime ('%s', e.crossed_at) <= h.sla_hours * 3600", -1),
    EPS);
  /* The demo enters accounts twice on purpose (a spelling or a short name). */
  g_assert_cmpfloat (rd_test_metric (pack, "quality.duplicate_accounts", NULL)->value, >=, 6);
  g_assert_cmpfloat_with_epsilon (rd_test_metric (pack, "quality.stale_records", "deals")->value,
    rd_db_query_int (db, "SELECT count(*) FROM opportunities WHERE status = 'open' AND close_date < '2026-09-30'", -1),
    EPS);
}

/* --------------------------------------------- aggregates follow edits */

/* Edits the data-quality aggregates depend on: renewals that appear, go and
 * move, emptied lead and deal fields, renamed and re-dated accounts, a
 * changed SLA, new, accepted and deleted handoff events. */
static gboolean
edit_quality_facts (RdWorkspace  *ws,
                    gpointer      user_data,
                    GError      **error)
{
  static const char sql[] =
    "INSERT INTO renewals (account_id, renewal_date, amount_cents)"
    "  SELECT o.account_id, '2026-12-01', 100 FROM opportunities o WHERE o.status = 'open'"
    "  AND o.account_id NOT IN (SELECT account_id FROM renewals) ORDER BY o.id LIMIT 1;"
    "DELETE FROM renewals WHERE account_id = (SELECT r.account_id FROM renewals r JOIN opportunities o"
    "  ON o.account_id = r.account_id AND o.status = 'open' ORDER BY r.id LIMIT 1);"
    "UPDATE renewals SET account_id = (SELECT o.account_id FROM opportunities o WHERE o.status = 'open'"
    "  AND o.account_id NOT IN (SELECT account_id FROM renewals) ORDER BY o.id DESC LIMIT 1)"
    "  WHERE id = (SELECT max (id) FROM renewals);"
    "INSERT INTO renewals (account_id, renewal_date, amount_cents)"
    "  SELECT o.account_id, '2026-12-01', 100 FROM handoff_events e JOIN opportunities o ON o.id = e.opportunity_id"
    "  WHERE o.account_id NOT IN (SELECT account_id FROM renewals) ORDER BY e.id LIMIT 1;"
    "DELETE FROM renewals WHERE account_id = (SELECT coalesce (e.account_id, o.account_id) FROM handoff_events e"
    "  LEFT JOIN opportunities o ON o.id = e.opportunity_id"
    "  WHERE coalesce (e.account_id, o.account_id) IN (SELECT account_id FROM renewals) ORDER BY e.id LIMIT 1);"
    "UPDATE leads SET email = ' ' WHERE id IN (SELECT lead_id FROM handoff_events ORDER BY id LIMIT 6);"
    "UPDATE leads SET company = NULL, account_id = NULL, segment_id = NULL"
    "  WHERE id IN (SELECT id FROM leads WHERE stage_id IS NOT NULL ORDER BY id DESC LIMIT 6);"
    "UPDATE opportunities SET next_step = NULL, owner_id = NULL"
    "  WHERE id IN (SELECT id FROM opportunities WHERE status = 'open' ORDER BY id LIMIT 6);"
    "UPDATE accounts SET domain = (SELECT domain FROM accounts WHERE domain <> '' ORDER BY id LIMIT 1)"
    "  WHERE id = (SELECT max (id) FROM accounts);"
    "UPDATE accounts SET name = (SELECT name || ' Ltd' FROM accounts ORDER BY id LIMIT 1 OFFSET 1),"
    "  created_at = '2026-09-15' WHERE id = (SELECT id FROM accounts ORDER BY id LIMIT 1 OFFSET 2);"
    "UPDATE accounts SET owner_id = NULL WHERE id IN (SELECT account_id FROM handoff_events"
    "  WHERE account_id IS NOT NULL ORDER BY id LIMIT 3);"
    "INSERT INTO accounts (name, created_at) SELECT upper (name), '2026-09-29' FROM accounts ORDER BY id LIMIT 1 OFFSET 5;"
    "UPDATE handoffs SET sla_hours = 12 WHERE id = (SELECT min (id) FROM handoffs);"
    "INSERT INTO handoff_events (handoff_id, account_id, crossed_at)"
    "  SELECT (SELECT max (id) FROM handoffs), min (id), '2026-09-20 10:00:00' FROM accounts;"
    "UPDATE handoff_events SET accepted_at = NULL WHERE id IN (SELECT id FROM handoff_events"
    "  WHERE crossed_at >= '2026-08-01' ORDER BY id LIMIT 4);"
    "DELETE FROM leads WHERE id = (SELECT lead_id FROM handoff_events WHERE lead_id IS NOT NULL"
    "  ORDER BY id DESC LIMIT 1);";

  rd_test_exec (_rd_workspace_get_db (ws), sql);
  return TRUE;
}

/* The quality and handoff aggregates hold what a rebuild gives after
 * edits, and the numbers read from them equal those from the records. */
static void
test_aggregates_follow_edits (void)
{
  static const char *const tables[] = {
    "agg_quality_fields", "agg_quality_accounts", "agg_handoff_facts",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = rd_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "edits.revdeck", NULL);
  RdDemoOptions options = { .seed = 11, .n_opportunities = 400 };
  g_autoptr(RdWorkspace) ws = rd_demo_create (path, &options, &error);
  sqlite3 *db;

  g_assert_no_error (error);
  db = _rd_workspace_get_db (ws);
  for (int round = 0; round < 2; round++)
    {
      g_autoptr(RdFilter) filter = filter_for (ws, NULL, NULL, NULL);
      g_autoptr(RdFilter) segment = filter_for (ws, NULL, "all", "Enterprise");
      g_autoptr(RdMetricPack) pack = NULL;
      g_autoptr(RdMetricPack) replayed = NULL;

      g_assert_true (rd_workspace_write (ws, "records", edit_quality_facts, NULL, &error));
      g_assert_no_error (error);

      for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
        {
          g_autofree char *keep = g_strdup_printf ("DROP TABLE IF EXISTS temp.kept;"
                                                   "CREATE TEMP TABLE kept AS SELECT * FROM %s", tables[i]);
          g_autofree char *differ = g_strdup_printf ("SELECT (SELECT count(*) FROM (SELECT * FROM temp.kept"
                                                     " EXCEPT SELECT * FROM %s)) + (SELECT count(*) FROM"
                                                     " (SELECT * FROM %s EXCEPT SELECT * FROM temp.kept))"
                                                     " + abs ((SELECT count(*) FROM temp.kept) -"
                                                     " (SELECT count(*) FROM %s))", tables[i], tables[i], tables[i]);

          rd_test_exec (db, keep);
          rd_test_exec (db, "BEGIN IMMEDIATE");
          g_assert_true (rd_aggregates_rebuild_all (db, &error));
          g_assert_no_error (error);
          if (rd_db_query_int (db, differ, -1) != 0)
            g_error ("%s differs from its rebuild after round %d", tables[i], round);
          rd_test_exec (db, "ROLLBACK");
        }

      /* Read from the aggregates, then from the records. */
      pack = compute_with (ws, filter);
      check_pack_against_drills (ws, pack);
      g_setenv ("RD_METRICS_REPLAY", "1", TRUE);
      replayed = compute_with (ws, filter);
      g_unsetenv ("RD_METRICS_REPLAY");
      rd_test_assert_same_packs (pack, replayed, "aggregates, then records");
      g_clear_pointer (&pack, rd_metric_pack_free);
      g_clear_pointer (&replayed, rd_metric_pack_free);

      pack = compute_with (ws, segment);
      g_setenv ("RD_METRICS_REPLAY", "1", TRUE);
      replayed = compute_with (ws, segment);
      g_unsetenv ("RD_METRICS_REPLAY");
      rd_test_assert_same_packs (pack, replayed, "Enterprise, aggregates, then records");
    }
  g_clear_object (&ws);
  rd_test_rmdir (dir);
}

static const char *const demo_slices[][3] = {
  { NULL, NULL, NULL },
  { NULL, "2026-07", "Enterprise" },
  { "2025-12-31", "2025-Q4", NULL },
  { NULL, "all", NULL },
};

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  RdDemoOptions options = { RD_DEMO_DEFAULT_SEED, 0 };
  int rc;

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/quality/sla-adherence", Fixture, NULL, fixture_setup, test_sla_adherence, fixture_teardown);
  g_test_add ("/quality/handoff-completeness", Fixture, NULL, fixture_setup, test_handoff_completeness,
              fixture_teardown);
  g_test_add ("/quality/completeness-as-of-amount", Fixture, NULL, fixture_setup, test_completeness_as_of_amount,
              fixture_teardown);
  g_test_add ("/quality/required-fields", Fixture, NULL, fixture_setup, test_required_fields, fixture_teardown);
  g_test_add ("/quality/duplicate-accounts", Fixture, NULL, fixture_setup, test_duplicate_accounts, fixture_teardown);
  g_test_add ("/quality/stale-records", Fixture, NULL, fixture_setup, test_stale_records, fixture_teardown);
  g_test_add ("/quality/as-of-before-data", Fixture, NULL, fixture_setup, test_as_of_before_data, fixture_teardown);
  g_test_add ("/quality/filter-matches-nothing", Fixture, NULL, fixture_setup, test_filter_matches_nothing,
              fixture_teardown);
  g_test_add ("/quality/drill-errors", Fixture, NULL, fixture_setup, test_drill_errors, fixture_teardown);

  demo_dir = rd_test_tmpdir ();
  path = g_build_filename (demo_dir, "demo.revdeck", NULL);
  demo = rd_demo_create (path, &options, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (demo_slices); i++)
    {
      g_autofree char *name = g_strdup_printf ("/quality/demo/%u", i);
      g_test_add_data_func (name, demo_slices[i], test_demo);
    }
  g_test_add_func ("/quality/demo/values", test_demo_values);
  g_test_add_func ("/quality/aggregates-follow-edits", test_aggregates_follow_edits);

  rc = g_test_run ();
  g_clear_object (&demo);
  rd_test_rmdir (demo_dir);
  g_free (demo_dir);
  return rc;
}
