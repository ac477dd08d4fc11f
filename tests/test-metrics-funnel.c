/* test-metrics-funnel.c — the lifecycle funnel: worked check, skipped stages, modes
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * metrics.md's worked check on hand-built workspaces, the edge cases of the
 * funnel (skipped, re-entered and out-of-order stages, a lead that moves
 * back, events after as-of, filters that match nothing, an as-of date before
 * any data), period / cohort / strict modes, the previous period, the drill
 * lists, and consistency on the demo company.
 */
#include "config.h"

#include <string.h>

#include "rd-demo.h"
#include "rd-metrics-private.h"
#include "rd-test-util.h"
#include "rd-workspace-private.h"

#define EPS 1e-9

/* A test's directory, removed with its files when the test ends (after
 * the workspace in it, declared later, is closed). */
typedef char TestDir;

static void
test_dir_free (TestDir *dir)
{
  rd_test_rmdir (dir);
  g_free (dir);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestDir, test_dir_free)

static const char *const stage_names[] = { "Lead", "MQL", "SQL", "Opportunity", "Customer" };

/* ---------------------------------------------------------------- helpers */

static RdMetricPack *
funnel_as_of (RdWorkspace  *ws,
              const char   *as_of,
              const char   *period,
              RdFunnelMode  mode,
              gboolean      strict,
              const char   *segment,
              const char   *region)
{
  g_autoptr(RdFilter) filter = rd_filter_new ();
  g_autoptr(GError) error = NULL;
  RdMetricPack *pack;

  filter->funnel_mode = mode;
  filter->funnel_strict = strict;
  g_assert_true (rd_filter_resolve (filter, ws, as_of, period, segment, region, NULL, NULL, &error));
  g_assert_no_error (error);
  pack = rd_metrics_compute (ws, filter, "funnel", &error);
  g_assert_no_error (error);
  g_assert_nonnull (pack);
  return pack;
}

static RdMetricPack *
funnel (RdWorkspace  *ws,
        const char   *period,
        RdFunnelMode  mode,
        gboolean      strict)
{
  return funnel_as_of (ws, NULL, period, mode, strict, NULL, NULL);
}

static void
assert_value (const RdMetricPack *pack,
              const char         *id,
              const char         *bucket,
              double              value)
{
  const RdMetric *m = rd_test_metric (pack, id, bucket);

  if (!m->defined || ABS (m->value - value) > EPS)
    g_error ("%s / %s: expected %g, got %s%g", id, bucket ? bucket : "", value,
             m->defined ? "" : "undefined ", m->value);
}

/* The five reached counts, in stage order. */
static void
assert_reached (const RdMetricPack *pack,
                const char         *id,
                const double        expect[5])
{
  for (guint i = 0; i < G_N_ELEMENTS (stage_names); i++)
    assert_value (pack, id, stage_names[i], expect[i]);
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

/* The rows of a drill query: a header and then one GStrv per row. */
typedef struct
{
  GStrv      header;
  GPtrArray *rows;   /* GStrv */
} Rows;

static void
rows_free (Rows *rows)
{
  g_strfreev (rows->header);
  g_ptr_array_unref (rows->rows);
  g_free (rows);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Rows, rows_free)

static Rows *
run_query (RdWorkspace   *ws,
           const RdQuery *q)
{
  g_autoptr(sqlite3_stmt) stmt = rd_query_prepare (ws, q, NULL);
  Rows *rows = g_new0 (Rows, 1);
  int n, rc;

  g_assert_nonnull (stmt);
  n = sqlite3_column_count (stmt);
  rows->header = g_new0 (char *, n + 1);
  for (int c = 0; c < n; c++)
    rows->header[c] = g_strdup (sqlite3_column_name (stmt, c));
  rows->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GStrv row = g_new0 (char *, n + 1);
      for (int c = 0; c < n; c++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, c);
          row[c] = g_strdup (text ? text : "");   /* a NULL would end the GStrv */
        }
      g_ptr_array_add (rows->rows, row);
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  return rows;
}

static Rows *
drill (RdWorkspace        *ws,
       const RdMetricPack *pack,
       const char         *id,
       const char         *bucket)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdQuery) q = rd_metrics_drill_query (ws, pack->filter, id, bucket, &error);

  g_assert_no_error (error);
  g_assert_nonnull (q);
  return run_query (ws, q);
}

static int
column (const Rows *rows,
        const char *name)
{
  for (int c = 0; rows->header[c]; c++)
    if (g_str_equal (rows->header[c], name))
      return c;
  g_error ("no column %s", name);
  return -1;
}

/* The value in column @name of the row whose "id" is @id, or NULL when
 * the lead is not in the list. */
static const char *
cell (const Rows *rows,
      gint64      id,
      const char *name)
{
  int id_col = column (rows, "id"), c = column (rows, name);

  for (guint i = 0; i < rows->rows->len; i++)
    {
      GStrv row = g_ptr_array_index (rows->rows, i);
      if (g_ascii_strtoll (row[id_col], NULL, 10) == id)
        return row[c];
    }
  return NULL;
}

static double
column_sum (const Rows *rows,
            const char *name)
{
  int c = column (rows, name);
  double sum = 0;

  for (guint i = 0; i < rows->rows->len; i++)
    sum += g_ascii_strtod (((GStrv) g_ptr_array_index (rows->rows, i))[c], NULL);
  return sum;
}

/* What rd_workspace_write does before COMMIT: the fixtures write records
 * directly, so the aggregates' dirty keys are brought up to date here. */
static void
refresh_aggregates (RdWorkspace *ws)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_aggregates_refresh (_rd_workspace_get_db (ws), &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------ the worked check */

/* metrics.md's worked check: 4,000 leads, 800 SQLs, 160 opportunities and
 * 24 won, all inside 2026-Q3 (a calendar-year company). The SQLs skip MQL,
 * so the default funnel (Lead, MQL, SQL, Opportunity, Customer) counts them
 * as having passed it. With @n_mql > 0 that many leads enter MQL first.
 * With @drop_mql the workspace's lifecycle is Lead, SQL, Opportunity,
 * Customer. */
static RdWorkspace *
worked_check_workspace (const char *dir,
                        int         n_mql,
                        gboolean    drop_mql)
{
  g_autofree char *path = g_build_filename (dir, "funnel.revdeck", NULL);
  g_autofree char *mql = NULL;
  RdWorkspace *ws = rd_test_create (path);
  sqlite3 *db = _rd_workspace_get_db (ws);
  g_autoptr(GError) error = NULL;

  if (drop_mql)
    rd_test_exec (db,
      "DELETE FROM handoffs WHERE from_stage_id IN (SELECT id FROM stages WHERE kind = 'lifecycle' AND name = 'MQL')"
      "  OR to_stage_id IN (SELECT id FROM stages WHERE kind = 'lifecycle' AND name = 'MQL');"
      "DELETE FROM stages WHERE kind = 'lifecycle' AND name = 'MQL';");

  rd_test_exec (db,
    "UPDATE settings SET as_of_date = '2026-09-30', fiscal_year_start_month = 1;"
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)"
    "  INSERT INTO leads (id, name, created_at) SELECT i, 'Lead ' || i, '2026-07-10 09:00:00' FROM n;"
    "INSERT INTO lead_stage_events (lead_id, stage_id, entered_at)"
    "  SELECT l.id, s.id, '2026-07-10 09:00:00' FROM leads l, stages s WHERE s.kind = 'lifecycle' AND s.name = 'Lead';"
    "INSERT INTO lead_stage_events (lead_id, stage_id, entered_at)"
    "  SELECT l.id, s.id, '2026-08-01 09:00:00' FROM leads l, stages s"
    "  WHERE s.kind = 'lifecycle' AND s.name = 'SQL' AND l.id <= 800;"
    "INSERT INTO lead_stage_events (lead_id, stage_id, entered_at)"
    "  SELECT l.id, s.id, '2026-08-15 09:00:00' FROM leads l, stages s"
    "  WHERE s.kind = 'lifecycle' AND s.name = 'Opportunity' AND l.id <= 160;"
    "INSERT INTO lead_stage_events (lead_id, stage_id, entered_at)"
    "  SELECT l.id, s.id, '2026-09-10 09:00:00' FROM leads l, stages s"
    "  WHERE s.kind = 'lifecycle' AND s.name = 'Customer' AND l.id <= 24;");

  if (n_mql > 0)
    {
      /* A count, not a value from outside: formatting it is safe here. */
      mql = g_strdup_printf ("INSERT INTO lead_stage_events (lead_id, stage_id, entered_at)"
                             "  SELECT l.id, s.id, '2026-07-20 09:00:00' FROM leads l, stages s"
                             "  WHERE s.kind = 'lifecycle' AND s.name = 'MQL' AND l.id <= %d;", n_mql);
      rd_test_exec (db, mql);
    }
  g_assert_true (rd_workspace_refresh_derived (ws, &error));
  g_assert_no_error (error);
  refresh_aggregates (ws);
  return ws;
}

static void
test_worked_check (void)
{
  g_autoptr(TestDir) dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = worked_check_workspace (dir, 0, FALSE);
  RdFunnelMode modes[] = { RD_FUNNEL_PERIOD, RD_FUNNEL_COHORT };

  /* Everything happened inside the quarter, so both modes agree. */
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(RdMetricPack) pack = funnel (ws, "2026-Q3", modes[i], FALSE);
      const double reached[5] = { 4000, 800, 800, 160, 24 };   /* MQL skipped, so passed */

      assert_reached (pack, "funnel.reached", reached);
      assert_ratio (pack, "funnel.conversion", "Lead", 800, 4000);       /* 20 % */
      assert_ratio (pack, "funnel.conversion", "MQL", 800, 800);
      assert_ratio (pack, "funnel.conversion", "SQL", 160, 800);         /* 20 % */
      assert_ratio (pack, "funnel.conversion", "Opportunity", 24, 160);  /* 15 % */
      assert_ratio (pack, "funnel.overall", NULL, 24, 4000);
      assert_value (pack, "funnel.conversion", "Lead", 20);
      assert_value (pack, "funnel.conversion", "SQL", 20);
      assert_value (pack, "funnel.conversion", "Opportunity", 15);
      assert_value (pack, "funnel.overall", NULL, 0.6);
      /* No conversion out of the last stage. */
      g_assert_null (rd_metric_pack_find (pack, "funnel.conversion", "Customer"));
    }
}

/* The worked check with the lifecycle adjusted to Lead, SQL, Opportunity,
 * Customer: exactly 20 %, 20 %, 15 %. */
static void
test_worked_check_four_stages (void)
{
  g_autoptr(TestDir) dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = worked_check_workspace (dir, 0, TRUE);
  g_autoptr(RdMetricPack) pack = funnel (ws, "2026-Q3", RD_FUNNEL_PERIOD, FALSE);
  g_autoptr(RdMetricPack) strict = funnel (ws, "2026-Q3", RD_FUNNEL_PERIOD, TRUE);
  g_autoptr(Rows) rows = NULL;

  assert_value (pack, "funnel.reached", "Lead", 4000);
  assert_value (pack, "funnel.reached", "SQL", 800);
  assert_value (pack, "funnel.reached", "Opportunity", 160);
  assert_value (pack, "funnel.reached", "Customer", 24);
  g_assert_null (rd_metric_pack_find (pack, "funnel.reached", "MQL"));
  assert_ratio (pack, "funnel.conversion", "Lead", 800, 4000);
  assert_ratio (pack, "funnel.conversion", "SQL", 160, 800);
  assert_ratio (pack, "funnel.conversion", "Opportunity", 24, 160);
  assert_value (pack, "funnel.conversion", "Lead", 20);
  assert_value (pack, "funnel.conversion", "SQL", 20);
  assert_value (pack, "funnel.conversion", "Opportunity", 15);
  assert_value (pack, "funnel.overall", NULL, 0.6);
  g_assert_cmpstr (rd_test_metric (pack, "funnel.conversion", "SQL")->definition_key, ==, "stage-conversion");

  /* Nothing is skipped here, so strict mode agrees. */
  assert_value (strict, "funnel.conversion", "Lead", 20);
  assert_value (strict, "funnel.conversion", "SQL", 20);
  assert_value (strict, "funnel.conversion", "Opportunity", 15);

  /* The conversion's list: the 800 SQLs, 160 of them marked as reaching
   * Opportunity. */
  rows = drill (ws, pack, "funnel.conversion", "SQL");
  g_assert_cmpuint (rows->rows->len, ==, 800);
  g_assert_cmpfloat_with_epsilon (column_sum (rows, "reached_next"), 160, EPS);
  g_assert_cmpstr (cell (rows, 1, "reached_next"), ==, "1");
  g_assert_cmpstr (cell (rows, 161, "reached_next"), ==, "0");
  g_assert_null (cell (rows, 801, "reached_next"));
}

/* The worked check with MQL counts too: 4,000 → 2,000 → 800 → 160 → 24. */
static void
test_worked_check_with_mql (void)
{
  g_autoptr(TestDir) dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = worked_check_workspace (dir, 2000, FALSE);
  g_autoptr(RdMetricPack) pack = funnel (ws, "2026-Q3", RD_FUNNEL_PERIOD, FALSE);
  g_autoptr(RdMetricPack) strict = funnel (ws, "2026-Q3", RD_FUNNEL_PERIOD, TRUE);
  const double reached[5] = { 4000, 2000, 800, 160, 24 };

  assert_reached (pack, "funnel.reached", reached);
  assert_reached (strict, "funnel.reached", reached);
  assert_ratio (pack, "funnel.conversion", "Lead", 2000, 4000);
  assert_ratio (pack, "funnel.conversion", "MQL", 800, 2000);
  assert_ratio (pack, "funnel.conversion", "SQL", 160, 800);         /* 20 % */
  assert_ratio (pack, "funnel.conversion", "Opportunity", 24, 160);  /* 15 % */
  assert_value (pack, "funnel.conversion", "SQL", 20);
  assert_value (pack, "funnel.conversion", "Opportunity", 15);
  /* Lead to SQL, the worked check's first 20 %, across MQL. */
  g_assert_cmpfloat_with_epsilon (rd_test_metric (pack, "funnel.reached", "SQL")->value /
                                  rd_test_metric (pack, "funnel.reached", "Lead")->value * 100, 20, EPS);
}

/* Strict mode: a lead counts for a stage only after every earlier stage, in
 * order, so leads that skipped MQL count for nothing beyond Lead. */
static void
test_worked_check_strict (void)
{
  g_autoptr(TestDir) dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = worked_check_workspace (dir, 0, FALSE);
  g_autoptr(RdMetricPack) pack = funnel (ws, "2026-Q3", RD_FUNNEL_PERIOD, TRUE);
  g_autoptr(RdMetricPack) cohort = funnel (ws, "2026-Q3", RD_FUNNEL_COHORT, TRUE);
  const double reached[5] = { 4000, 0, 0, 0, 0 };

  assert_reached (pack, "funnel.reached", reached);
  assert_reached (cohort, "funnel.reached", reached);
  assert_value (pack, "funnel.conversion", "Lead", 0);

  /* Nobody reached MQL: its conversion is undefined, not 0. */
  rd_test_assert_undefined (pack, "funnel.conversion", "MQL", NULL);
  g_assert_true (rd_test_metric (pack, "funnel.conversion", "MQL")->is_ratio);
  g_assert_cmpfloat (rd_test_metric (pack, "funnel.conversion", "MQL")->denominator, ==, 0);
}

/* The quarter before saw nothing: counts are 0 and ratios undefined. */
static void
test_empty_period (void)
{
  g_autoptr(TestDir) dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = worked_check_workspace (dir, 0, FALSE);
  g_autoptr(RdMetricPack) pack = funnel (ws, "2026-Q2", RD_FUNNEL_PERIOD, FALSE);
  g_autoptr(RdMetricPack) current = funnel (ws, "2026-Q3", RD_FUNNEL_PERIOD, FALSE);
  g_autoptr(RdMetricPack) all = funnel (ws, "all", RD_FUNNEL_PERIOD, FALSE);
  const double zero[5] = { 0, 0, 0, 0, 0 };

  assert_reached (pack, "funnel.reached", zero);
  rd_test_assert_undefined (pack, "funnel.overall", NULL, NULL);
  for (guint i = 0; i + 1 < G_N_ELEMENTS (stage_names); i++)
    rd_test_assert_undefined (pack, "funnel.conversion", stage_names[i], NULL);

  /* The current quarter's pack carries the previous quarter beside it. */
  assert_reached (current, "funnel.reached.previous", zero);
  rd_test_assert_undefined (current, "funnel.conversion.previous", "Lead", NULL);

  /* "All" has no previous period. */
  assert_value (all, "funnel.reached", "Lead", 4000);
  g_assert_null (rd_metric_pack_find (all, "funnel.reached.previous", "Lead"));
  g_assert_null (rd_metric_pack_find (all, "funnel.conversion.previous", "Lead"));
}

/* ------------------------------------------------- skips, re-entries, modes */

/* Adds lead @id in @segment with events: stage name, entered_at, …, NULL. */
static void
add_lead (sqlite3    *db,
          gint64      id,
          const char *segment,
          ...)
{
  g_autoptr(sqlite3_stmt) lead = rd_db_prepare (db,
    "INSERT INTO leads (id, name, company, segment_id, created_at)"
    " VALUES (?1, 'Lead ' || ?1, 'Company ' || ?1, (SELECT id FROM segments WHERE name = ?2), ?3)", NULL);
  g_autoptr(sqlite3_stmt) event = rd_db_prepare (db,
    "INSERT INTO lead_stage_events (lead_id, stage_id, entered_at)"
    " VALUES (?1, (SELECT id FROM stages WHERE kind = 'lifecycle' AND name = ?2), ?3)", NULL);
  g_autoptr(GPtrArray) events = g_ptr_array_new ();
  va_list args;

  va_start (args, segment);
  for (const char *stage = va_arg (args, const char *); stage; stage = va_arg (args, const char *))
    {
      g_ptr_array_add (events, (gpointer) stage);
      g_ptr_array_add (events, va_arg (args, char *));
    }
  va_end (args);
  g_assert_cmpuint (events->len, >=, 2);

  /* The lead first (created when it first entered a stage), then its events. */
  sqlite3_bind_int64 (lead, 1, id);
  sqlite3_bind_text (lead, 2, segment, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (lead, 3, g_ptr_array_index (events, 1), -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (lead), ==, SQLITE_DONE);

  for (guint i = 0; i < events->len; i += 2)
    {
      sqlite3_bind_int64 (event, 1, id);
      sqlite3_bind_text (event, 2, g_ptr_array_index (events, i), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (event, 3, g_ptr_array_index (events, i + 1), -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (event), ==, SQLITE_DONE);
      sqlite3_reset (event);
    }
}

enum { A = 1, B, C, D, E, F, G, H };

/* Calendar quarters, as of 30 Sep 2026; Q2 = Apr–Jun, Q3 = Jul–Sep.
 * A: Lead in Q2, MQL in Q3.
 * B: only SQL, at the first second of Q3 (skipped Lead and MQL).
 * C: SQL in Q2 (skipping Lead and MQL there), Opportunity in Q3.
 * D: Lead, MQL, back to Lead, MQL again, all in Q3 (re-entries).
 * E: Lead, MQL, SQL in Q2, back to MQL in Q3 (moves back).
 * F: Lead in Q3, MQL after as-of.
 * G: Lead, SQL, then MQL in Q3 (out of order).
 * H: Lead at the first second of Q3, Customer at the last second of as-of.
 * A, B, C, H are SMB; D, E Mid-market; F, G Enterprise. */
static RdWorkspace *
journeys_workspace (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "journeys.revdeck", NULL);
  RdWorkspace *ws = rd_test_create (path);
  sqlite3 *db = _rd_workspace_get_db (ws);
  g_autoptr(GError) error = NULL;

  rd_test_exec (db, "UPDATE settings SET as_of_date = '2026-09-30', fiscal_year_start_month = 1;");
  add_lead (db, A, "SMB", "Lead", "2026-05-10 10:00:00", "MQL", "2026-07-05 10:00:00", NULL);
  add_lead (db, B, "SMB", "SQL", "2026-07-01 00:00:00", NULL);
  add_lead (db, C, "SMB", "SQL", "2026-06-01 10:00:00", "Opportunity", "2026-07-15 10:00:00", NULL);
  add_lead (db, D, "Mid-market", "Lead", "2026-07-01 09:00:00", "MQL", "2026-07-02 09:00:00",
            "Lead", "2026-07-03 09:00:00", "MQL", "2026-07-04 09:00:00", NULL);
  add_lead (db, E, "Mid-market", "Lead", "2026-04-02 10:00:00", "MQL", "2026-04-03 10:00:00",
            "SQL", "2026-04-04 10:00:00", "MQL", "2026-08-01 10:00:00", NULL);
  add_lead (db, F, "Enterprise", "Lead", "2026-09-15 10:00:00", "MQL", "2026-10-05 10:00:00", NULL);
  add_lead (db, G, "Enterprise", "Lead", "2026-07-10 10:00:00", "SQL", "2026-07-20 10:00:00",
            "MQL", "2026-07-25 10:00:00", NULL);
  add_lead (db, H, "SMB", "Lead", "2026-07-01 00:00:00", "Customer", "2026-09-30 23:59:59", NULL);
  g_assert_true (rd_workspace_refresh_derived (ws, &error));
  g_assert_no_error (error);
  refresh_aggregates (ws);
  return ws;
}

static void
test_period_mode (void)
{
  g_autoptr(TestDir) dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = journeys_workspace (dir);
  g_autoptr(RdMetricPack) pack = funnel (ws, "2026-Q3", RD_FUNNEL_PERIOD, FALSE);
  g_autoptr(RdMetricPack) q2 = funnel (ws, "2026-Q2", RD_FUNNEL_PERIOD, FALSE);
  /* Lead: B (skipped), D (once, though entered twice), F, G, H; not A or E
   * (their Lead entry was in Q2), not C (passed Lead when it skipped to SQL
   * in Q2). MQL: A, D, E (moved back), G, and B, H (skipped). SQL: B, G,
   * H (skipped). Opportunity: C, H (skipped). Customer: H. */
  const double q3[5] = { 5, 6, 3, 2, 1 };
  /* Q2: A, C (skipped), E reached Lead; C (skipped), E MQL; C, E SQL. */
  const double before[5] = { 3, 2, 2, 0, 0 };
  g_autoptr(Rows) lead = drill (ws, pack, "funnel.reached", "Lead");
  g_autoptr(Rows) mql = drill (ws, pack, "funnel.reached", "MQL");
  g_autoptr(Rows) conversion = drill (ws, pack, "funnel.conversion", "MQL");

  assert_reached (pack, "funnel.reached", q3);
  assert_reached (q2, "funnel.reached", before);
  assert_reached (pack, "funnel.reached.previous", before);

  /* Period mode can pass 100 %: A and E reached MQL now but Lead before. */
  assert_ratio (pack, "funnel.conversion", "Lead", 6, 5);
  assert_ratio (pack, "funnel.conversion", "MQL", 3, 6);
  assert_ratio (pack, "funnel.conversion", "SQL", 2, 3);
  assert_ratio (pack, "funnel.conversion", "Opportunity", 1, 2);
  assert_ratio (pack, "funnel.overall", NULL, 1, 5);
  assert_ratio (pack, "funnel.conversion.previous", "Lead", 2, 3);
  assert_ratio (pack, "funnel.conversion.previous", "MQL", 2, 2);
  assert_value (pack, "funnel.conversion.previous", "SQL", 0);
  rd_test_assert_undefined (pack, "funnel.conversion.previous", "Opportunity", NULL);

  /* The list behind Lead: the skipped stage is marked, the entry time is
   * the first one in the period, the current stage is the one at as-of. */
  g_assert_cmpuint (lead->rows->len, ==, 5);
  g_assert_cmpstr (cell (lead, B, "entered_at"), ==, "passed (skipped)");
  g_assert_cmpstr (cell (lead, D, "entered_at"), ==, "2026-07-01 09:00:00");
  g_assert_cmpstr (cell (lead, H, "entered_at"), ==, "2026-07-01 00:00:00");
  g_assert_null (cell (lead, A, "entered_at"));
  g_assert_null (cell (lead, C, "entered_at"));
  g_assert_cmpstr (cell (lead, F, "current_stage"), ==, "Lead");   /* MQL only after as-of */
  g_assert_cmpstr (cell (lead, G, "current_stage"), ==, "MQL");
  g_assert_cmpstr (cell (lead, H, "current_stage"), ==, "Customer");
  g_assert_cmpstr (cell (lead, B, "segment"), ==, "SMB");
  g_assert_cmpstr (cell (lead, B, "company"), ==, "Company 2");

  g_assert_cmpuint (mql->rows->len, ==, 6);
  g_assert_cmpstr (cell (mql, E, "entered_at"), ==, "2026-08-01 10:00:00");
  g_assert_cmpstr (cell (mql, G, "entered_at"), ==, "2026-07-25 10:00:00");
  g_assert_cmpstr (cell (mql, H, "entered_at"), ==, "passed (skipped)");
  g_assert_null (cell (mql, F, "entered_at"));

  /* The conversion's list is the MQLs, marked when they also reached SQL. */
  g_assert_cmpuint (conversion->rows->len, ==, 6);
  g_assert_cmpstr (cell (conversion, B, "reached_next"), ==, "1");
  g_assert_cmpstr (cell (conversion, G, "reached_next"), ==, "1");
  g_assert_cmpstr (cell (conversion, H, "reached_next"), ==, "1");
  g_assert_cmpstr (cell (conversion, A, "reached_next"), ==, "0");
  g_assert_cmpstr (cell (conversion, E, "reached_next"), ==, "0");
}

static void
test_strict_mode (void)
{
  g_autoptr(TestDir) dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = journeys_workspace (dir);
  g_autoptr(RdMetricPack) pack = funnel (ws, "2026-Q3", RD_FUNNEL_PERIOD, TRUE);
  /* Lead: D, F, G, H (B has no Lead event). MQL: A, D, E, G, each after a
   * Lead entry. SQL: G entered SQL before MQL, so not in order; nobody.
   * H skipped to Customer: nothing beyond Lead. */
  const double q3[5] = { 4, 4, 0, 0, 0 };
  /* Q2: A, E reached Lead; E MQL and SQL in order; C skipped, so nothing. */
  const double before[5] = { 2, 1, 1, 0, 0 };
  g_autoptr(Rows) mql = drill (ws, pack, "funnel.reached", "MQL");

  assert_reached (pack, "funnel.reached", q3);
  assert_reached (pack, "funnel.reached.previous", before);
  rd_test_assert_undefined (pack, "funnel.conversion", "SQL", NULL);
  g_assert_nonnull (strstr (rd_test_metric (pack, "funnel.reached", "SQL")->formula, "strict"));

  /* D entered MQL twice in the quarter; the first in-order entry counts. */
  g_assert_cmpstr (cell (mql, D, "entered_at"), ==, "2026-07-02 09:00:00");
  g_assert_cmpstr (cell (mql, E, "entered_at"), ==, "2026-08-01 10:00:00");
  g_assert_null (cell (mql, B, "entered_at"));
}

static void
test_cohort_mode (void)
{
  g_autoptr(TestDir) dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = journeys_workspace (dir);
  g_autoptr(RdMetricPack) pack = funnel (ws, "2026-Q3", RD_FUNNEL_COHORT, FALSE);
  g_autoptr(RdMetricPack) later = funnel_as_of (ws, "2026-10-31", "2026-Q3", RD_FUNNEL_COHORT, FALSE, NULL, NULL);
  g_autoptr(RdMetricPack) period_later = funnel_as_of (ws, "2026-10-31", "2026-Q3", RD_FUNNEL_PERIOD, FALSE,
                                                       NULL, NULL);
  g_autoptr(RdMetricPack) strict = funnel (ws, "2026-Q3", RD_FUNNEL_COHORT, TRUE);
  /* The cohort: leads whose first event is in Q3: B, D, F, G, H. By as-of
   * B (via SQL), D, G, H reached MQL; F only after as-of. */
  const double q3[5] = { 5, 4, 3, 1, 1 };
  const double q3_later[5] = { 5, 5, 3, 1, 1 };
  const double q3_period[5] = { 5, 6, 3, 2, 1 };
  /* The Q2 cohort (A, C, E) followed to as-of. */
  const double before[5] = { 3, 3, 2, 1, 0 };
  /* Strict: B has no Lead event; D and G entered MQL after Lead; G's SQL came first. */
  const double q3_strict[5] = { 4, 2, 0, 0, 0 };
  g_autoptr(Rows) conversion = drill (ws, pack, "funnel.conversion", "MQL");
  g_autoptr(Rows) sql = drill (ws, pack, "funnel.reached", "SQL");

  assert_reached (pack, "funnel.reached", q3);
  assert_reached (pack, "funnel.reached.previous", before);
  assert_reached (later, "funnel.reached", q3_later);
  /* Period mode does not follow leads past the period. */
  assert_reached (period_later, "funnel.reached", q3_period);
  assert_reached (strict, "funnel.reached", q3_strict);
  assert_ratio (pack, "funnel.conversion", "Lead", 4, 5);
  assert_ratio (pack, "funnel.overall", NULL, 1, 5);

  /* In cohort mode every lead of the numerator is in the denominator's list. */
  g_assert_cmpuint (conversion->rows->len, ==, 4);
  g_assert_cmpfloat_with_epsilon (column_sum (conversion, "reached_next"), 3, EPS);
  g_assert_cmpstr (cell (sql, B, "entered_at"), ==, "2026-07-01 00:00:00");
  g_assert_cmpstr (cell (sql, H, "entered_at"), ==, "passed (skipped)");
}

/* Segment filters apply to the leads; a filter that matches nothing gives
 * zeros and undefined conversions with a reason. */
static void
test_filters (void)
{
  g_autoptr(TestDir) dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = journeys_workspace (dir);
  g_autoptr(RdMetricPack) smb = funnel_as_of (ws, NULL, "2026-Q3", RD_FUNNEL_PERIOD, FALSE, "SMB", NULL);
  g_autoptr(RdMetricPack) nobody = funnel_as_of (ws, NULL, "2026-Q3", RD_FUNNEL_PERIOD, FALSE, NULL, "EMEA");
  g_autoptr(RdMetricPack) nobody_cohort = funnel_as_of (ws, NULL, "2026-Q3", RD_FUNNEL_COHORT, TRUE, NULL, "EMEA");
  /* SMB: A, B, C, H. */
  const double q3[5] = { 2, 3, 2, 2, 1 };
  const double zero[5] = { 0, 0, 0, 0, 0 };
  g_autoptr(Rows) rows = drill (ws, smb, "funnel.reached", "MQL");

  assert_reached (smb, "funnel.reached", q3);
  g_assert_cmpuint (rows->rows->len, ==, 3);
  g_assert_null (cell (rows, D, "entered_at"));

  assert_reached (nobody, "funnel.reached", zero);
  assert_reached (nobody, "funnel.reached.previous", zero);
  assert_reached (nobody_cohort, "funnel.reached", zero);
  for (guint i = 0; i + 1 < G_N_ELEMENTS (stage_names); i++)
    {
      rd_test_assert_undefined (nobody, "funnel.conversion", stage_names[i], NULL);
      rd_test_assert_undefined (nobody, "funnel.conversion.previous", stage_names[i], NULL);
    }
  rd_test_assert_undefined (nobody, "funnel.overall", NULL, NULL);
}

/* An as-of date before any lead: nothing reached, nothing defined. */
static void
test_as_of_before_data (void)
{
  g_autoptr(TestDir) dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = journeys_workspace (dir);
  RdFunnelMode modes[] = { RD_FUNNEL_PERIOD, RD_FUNNEL_COHORT };
  const double zero[5] = { 0, 0, 0, 0, 0 };

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    for (int strict = 0; strict < 2; strict++)
      {
        g_autoptr(RdMetricPack) pack = funnel_as_of (ws, "2025-12-31", NULL, modes[m], strict, NULL, NULL);

        assert_reached (pack, "funnel.reached", zero);
        assert_reached (pack, "funnel.reached.previous", zero);
        rd_test_assert_undefined (pack, "funnel.overall", NULL, NULL);
        rd_test_assert_undefined (pack, "funnel.conversion", "Lead", NULL);
      }
}

/* Replaying the histories (as for a past as-of) gives the numbers of the
 * stored current state. */
static void
test_replay_agrees (void)
{
  g_autoptr(TestDir) dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = journeys_workspace (dir);
  RdFunnelMode modes[] = { RD_FUNNEL_PERIOD, RD_FUNNEL_COHORT };

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    for (int strict = 0; strict < 2; strict++)
      {
        /* As of the end of October nothing is later: the fast path applies. */
        g_autoptr(RdMetricPack) fast = funnel_as_of (ws, "2026-10-31", "2026-Q3", modes[m], strict, NULL, NULL);
        g_autoptr(RdMetricPack) replayed = NULL;
        g_autoptr(Rows) fast_rows = drill (ws, fast, "funnel.reached", "MQL");
        g_autoptr(Rows) replayed_rows = NULL;

        g_setenv ("RD_METRICS_REPLAY", "1", TRUE);
        replayed = funnel_as_of (ws, "2026-10-31", "2026-Q3", modes[m], strict, NULL, NULL);
        replayed_rows = drill (ws, replayed, "funnel.reached", "MQL");
        g_unsetenv ("RD_METRICS_REPLAY");

        rd_test_assert_same_packs (fast, replayed, "replayed");
        g_assert_cmpuint (fast_rows->rows->len, ==, replayed_rows->rows->len);
        for (guint i = 0; i < fast_rows->rows->len; i++)
          g_assert_cmpstrv (g_ptr_array_index (fast_rows->rows, i), g_ptr_array_index (replayed_rows->rows, i));
      }
}

/* Crossings of the period boundaries, calendar quarters, as of 31 Dec 2026
 * (Q2 = Apr–Jun, Q3 = Jul–Sep, Q4 = Oct–Dec):
 * P: Lead in Q2, MQL in Q3, back to Lead in Q3, MQL again in Q4.
 * Q: MQL at the last second of Q3 (skipping Lead), SQL at the first of Q4.
 * R: Lead at the last second of Q2, MQL at the first of Q3, Customer in Q4.
 * S: Lead in Q3, SQL in Q3 (skipping MQL), then MQL itself in Q4. */
enum { P = 11, Q, R, S };

static RdWorkspace *
crossings_workspace (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "crossings.revdeck", NULL);
  RdWorkspace *ws = rd_test_create (path);
  sqlite3 *db = _rd_workspace_get_db (ws);
  g_autoptr(GError) error = NULL;

  rd_test_exec (db, "UPDATE settings SET as_of_date = '2026-12-31', fiscal_year_start_month = 1;");
  add_lead (db, P, "SMB", "Lead", "2026-06-20 10:00:00", "MQL", "2026-07-10 10:00:00",
            "Lead", "2026-07-20 10:00:00", "MQL", "2026-10-05 10:00:00", NULL);
  add_lead (db, Q, "SMB", "MQL", "2026-09-30 23:59:59", "SQL", "2026-10-01 00:00:00", NULL);
  add_lead (db, R, "Mid-market", "Lead", "2026-06-30 23:59:59", "MQL", "2026-07-01 00:00:00",
            "Customer", "2026-11-15 10:00:00", NULL);
  add_lead (db, S, "Mid-market", "Lead", "2026-07-15 10:00:00", "SQL", "2026-08-01 10:00:00",
            "MQL", "2026-10-10 10:00:00", NULL);
  g_assert_true (rd_workspace_refresh_derived (ws, &error));
  g_assert_no_error (error);
  return ws;
}

/* A lead counts in every period in which it entered (or passed) a stage,
 * re-entries included, and once per period however often it re-entered. */
static void
test_reentries_across_periods (void)
{
  g_autoptr(TestDir) dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = crossings_workspace (dir);
  g_autoptr(RdMetricPack) q3 = NULL;
  g_autoptr(RdMetricPack) q4 = NULL;
  g_autoptr(Rows) lead = NULL;
  g_autoptr(Rows) mql = NULL;
  g_autoptr(Rows) sql = NULL;
  /* Q3: Lead: P (its re-entry), Q (passed at the last second), S; not R
   * (Lead in Q2). MQL: P, Q, R, S (passed when it entered SQL). SQL: S. */
  const double expect_q3[5] = { 3, 4, 1, 0, 0 };
  /* Q4: MQL: P (re-entered), S (entered after passing it in Q3). SQL: Q,
   * and R, which passed it on its way to Customer; Opportunity: R. */
  const double expect_q4[5] = { 0, 2, 2, 1, 1 };

  refresh_aggregates (ws);
  q3 = funnel (ws, "2026-Q3", RD_FUNNEL_PERIOD, FALSE);
  q4 = funnel (ws, "2026-Q4", RD_FUNNEL_PERIOD, FALSE);
  assert_reached (q3, "funnel.reached", expect_q3);
  assert_reached (q4, "funnel.reached", expect_q4);
  assert_reached (q4, "funnel.reached.previous", expect_q3);
  rd_test_assert_undefined (q4, "funnel.conversion", "Lead", NULL);
  assert_ratio (q4, "funnel.conversion", "MQL", 2, 2);

  /* The lists give the first entry in the period, or the pass. */
  lead = drill (ws, q3, "funnel.reached", "Lead");
  g_assert_cmpuint (lead->rows->len, ==, 3);
  g_assert_cmpstr (cell (lead, P, "entered_at"), ==, "2026-07-20 10:00:00");
  g_assert_cmpstr (cell (lead, Q, "entered_at"), ==, "passed (skipped)");
  g_assert_null (cell (lead, R, "entered_at"));
  mql = drill (ws, q4, "funnel.reached", "MQL");
  g_assert_cmpuint (mql->rows->len, ==, 2);
  g_assert_cmpstr (cell (mql, P, "entered_at"), ==, "2026-10-05 10:00:00");
  g_assert_cmpstr (cell (mql, S, "entered_at"), ==, "2026-10-10 10:00:00");
  g_assert_null (cell (mql, Q, "entered_at"));
  sql = drill (ws, q4, "funnel.reached", "SQL");
  g_assert_cmpstr (cell (sql, Q, "entered_at"), ==, "2026-10-01 00:00:00");
  g_assert_cmpstr (cell (sql, R, "entered_at"), ==, "passed (skipped)");
  g_assert_cmpstr (cell (sql, R, "current_stage"), ==, "Customer");
}

/* Cohort mode: a lead belongs to the quarter of its first event, even when
 * that is its last second, and is followed past the quarter to as-of. */
static void
test_cohort_across_periods (void)
{
  g_autoptr(TestDir) dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = crossings_workspace (dir);
  g_autoptr(RdMetricPack) q3 = NULL;
  g_autoptr(RdMetricPack) q3_at_end = NULL;
  g_autoptr(RdMetricPack) q2 = NULL;
  g_autoptr(RdMetricPack) q4 = NULL;
  g_autoptr(Rows) sql = NULL;
  /* The Q3 cohort is Q and S (P and R began in Q2); both reach SQL by 31 Dec. */
  const double expect_q3[5] = { 2, 2, 2, 0, 0 };
  /* As of 30 Sep, Q has not yet entered SQL. */
  const double expect_q3_at_end[5] = { 2, 2, 1, 0, 0 };
  /* The Q2 cohort, P and R, followed into Q4: R became a customer. */
  const double expect_q2[5] = { 2, 2, 1, 1, 1 };
  const double none[5] = { 0, 0, 0, 0, 0 };

  refresh_aggregates (ws);
  q3 = funnel (ws, "2026-Q3", RD_FUNNEL_COHORT, FALSE);
  q3_at_end = funnel_as_of (ws, "2026-09-30", "2026-Q3", RD_FUNNEL_COHORT, FALSE, NULL, NULL);
  q2 = funnel (ws, "2026-Q2", RD_FUNNEL_COHORT, FALSE);
  q4 = funnel (ws, "2026-Q4", RD_FUNNEL_COHORT, FALSE);
  assert_reached (q3, "funnel.reached", expect_q3);
  assert_reached (q3, "funnel.reached.previous", expect_q2);
  assert_reached (q3_at_end, "funnel.reached", expect_q3_at_end);
  assert_reached (q2, "funnel.reached", expect_q2);
  assert_reached (q4, "funnel.reached", none);
  rd_test_assert_undefined (q4, "funnel.overall", NULL, NULL);
  assert_ratio (q2, "funnel.overall", NULL, 1, 2);

  sql = drill (ws, q3, "funnel.reached", "SQL");
  g_assert_cmpuint (sql->rows->len, ==, 2);
  g_assert_cmpstr (cell (sql, Q, "entered_at"), ==, "2026-10-01 00:00:00");
  g_assert_cmpstr (cell (sql, S, "entered_at"), ==, "2026-08-01 10:00:00");
}

/* The summary table of lead stage reaches gives the numbers the records
 * give, in every mode, period, as-of date and filter; edits through
 * rd_workspace_write keep it so. */
static void
test_aggregate_agrees (void)
{
  g_autoptr(TestDir) dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = crossings_workspace (dir);
  const char *periods[] = { "2026-Q2", "2026-Q3", "2026-Q4", "2026-11", "all" };
  const char *as_ofs[] = { "2026-09-30", "2026-12-31" };
  const char *segments[] = { NULL, "Mid-market" };
  RdFunnelMode modes[] = { RD_FUNNEL_PERIOD, RD_FUNNEL_COHORT };
  sqlite3 *db = _rd_workspace_get_db (ws);

  /* Not refreshed yet: the records answer; then the aggregate. */
  for (int pass = 0; pass < 2; pass++)
    {
      g_autoptr(GPtrArray) from_records = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_metric_pack_free);
      guint n = 0;

      g_assert_cmpint (rd_db_query_int (db, "SELECT count(*) FROM agg_lead_reach_dirty", 0), >, 0);
      for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
        for (guint a = 0; a < G_N_ELEMENTS (as_ofs); a++)
          for (guint g = 0; g < G_N_ELEMENTS (segments); g++)
            for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
              g_ptr_array_add (from_records, funnel_as_of (ws, as_ofs[a], periods[p], modes[m], FALSE,
                                                           segments[g], NULL));
      refresh_aggregates (ws);
      g_assert_cmpint (rd_db_query_int (db, "SELECT count(*) FROM agg_lead_reach_dirty", 0), ==, 0);
      g_assert_cmpint (rd_db_query_int (db, "SELECT count(*) FROM agg_lead_reach", 0), >, 0);
      for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
        for (guint a = 0; a < G_N_ELEMENTS (as_ofs); a++)
          for (guint g = 0; g < G_N_ELEMENTS (segments); g++)
            for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
              {
                g_autoptr(RdMetricPack) from_agg = funnel_as_of (ws, as_ofs[a], periods[p], modes[m], FALSE,
                                                                 segments[g], NULL);
                rd_test_assert_same_packs (g_ptr_array_index (from_records, n++), from_agg, "records, then aggregate");
              }

      /* Edit: P's re-entry into MQL goes, R moves to SMB, S gets an
       * earlier SQL entry; the triggers mark the three leads. */
      if (pass == 0)
        rd_test_exec (db,
          "DELETE FROM lead_stage_events WHERE lead_id = 11 AND entered_at = '2026-10-05 10:00:00';"
          "UPDATE leads SET segment_id = (SELECT id FROM segments WHERE name = 'SMB') WHERE id = 13;"
          "UPDATE lead_stage_events SET entered_at = '2026-07-20 10:00:00' WHERE lead_id = 14"
          "  AND entered_at = '2026-08-01 10:00:00';");
    }
}

static void
test_drill_errors (void)
{
  g_autoptr(TestDir) dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = journeys_workspace (dir);
  g_autoptr(RdFilter) filter = rd_filter_new ();
  g_autoptr(RdFilter) all = rd_filter_new ();
  static const struct { const char *id, *bucket; } bad[] = {
    { "funnel.reached", NULL },
    { "funnel.reached", "Closed Won" },          /* a deal stage, not a lifecycle stage */
    { "funnel.conversion", "Customer" },         /* no stage after the last */
    { "funnel.overall", "Lead" },
    { "funnel.nothing", "Lead" },
  };

  g_assert_true (rd_filter_resolve (filter, ws, NULL, NULL, NULL, NULL, NULL, NULL, NULL));
  g_assert_true (rd_filter_resolve (all, ws, NULL, "all", NULL, NULL, NULL, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RdQuery) q = rd_metrics_drill_query (ws, filter, bad[i].id, bad[i].bucket, &error);

      g_assert_null (q);
      g_assert_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RdQuery) q = rd_metrics_drill_query (ws, all, "funnel.reached.previous", "Lead", &error);

    g_assert_null (q);
    g_assert_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID);
  }
}

/* --------------------------------------------------------- the demo company */

static RdWorkspace *demo;
static char *demo_dir;

typedef struct
{
  const char  *name;
  const char  *as_of;
  const char  *period;
  const char  *segment;
  RdFunnelMode mode;
  gboolean     strict;
} Slice;

static const Slice slices[] = {
  { "period", NULL, NULL, NULL, RD_FUNNEL_PERIOD, FALSE },
  { "period-strict", NULL, NULL, NULL, RD_FUNNEL_PERIOD, TRUE },
  { "cohort", NULL, NULL, NULL, RD_FUNNEL_COHORT, FALSE },
  { "cohort-strict", NULL, NULL, NULL, RD_FUNNEL_COHORT, TRUE },
  { "month-enterprise", NULL, "2026-07", "Enterprise", RD_FUNNEL_PERIOD, FALSE },
  { "all-time", NULL, "all", NULL, RD_FUNNEL_PERIOD, FALSE },
  { "past-as-of", "2025-12-31", "2025-Q4", NULL, RD_FUNNEL_PERIOD, FALSE },
  { "past-as-of-cohort-strict", "2025-12-31", "2025-Q4", NULL, RD_FUNNEL_COHORT, TRUE },
};

static RdMetricPack *
demo_pack (const Slice *s)
{
  return funnel_as_of (demo, s->as_of, s->period, s->mode, s->strict, s->segment, NULL);
}

static void
test_demo (gconstpointer data)
{
  const Slice *s = data;
  g_autoptr(RdMetricPack) pack = demo_pack (s);
  g_autoptr(RdMetricPack) replayed = NULL;
  guint n_reached = 0;

  for (guint i = 0; i < pack->metrics->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (pack->metrics, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(RdQuery) q = NULL;
      gint64 count = 0;

      g_assert_true (g_str_has_prefix (m->id, "funnel."));
      g_assert_nonnull (m->label);
      g_assert_nonnull (m->formula);
      g_assert_true (m->drillable);
      if (!m->defined)
        g_assert_nonnull (m->reason);

      q = rd_metrics_drill_query (demo, pack->filter, m->id, m->bucket, &error);
      g_assert_no_error (error);
      g_assert_true (rd_query_aggregate (demo, q, &count, NULL, &error));
      g_assert_no_error (error);

      if (g_str_has_prefix (m->id, "funnel.reached"))
        {
          /* The list behind a count has exactly that many leads. */
          g_assert_cmpfloat (m->value, ==, (double) count);
          n_reached++;
        }
      else
        {
          /* A conversion: from the reached counts, and its list is the denominator. */
          gboolean previous = g_str_has_suffix (m->id, ".previous");
          const char *reached_id = previous ? "funnel.reached.previous" : "funnel.reached";
          g_autoptr(Rows) rows = run_query (demo, q);
          guint k;

          g_assert_true (m->is_ratio);
          g_assert_cmpfloat (m->denominator, ==, (double) count);
          if (m->bucket)
            {
              for (k = 0; !g_str_equal (stage_names[k], m->bucket); k++)
                ;
              g_assert_cmpfloat (m->denominator, ==, rd_test_metric (pack, reached_id, stage_names[k])->value);
              g_assert_cmpfloat (m->numerator, ==, rd_test_metric (pack, reached_id, stage_names[k + 1])->value);
            }
          else
            {
              g_assert_cmpfloat (m->denominator, ==, rd_test_metric (pack, reached_id, "Lead")->value);
              g_assert_cmpfloat (m->numerator, ==, rd_test_metric (pack, reached_id, "Customer")->value);
            }
          if (m->defined)
            g_assert_cmpfloat_with_epsilon (m->value, m->numerator / m->denominator * 100, EPS);
          else
            g_assert_cmpfloat (m->denominator, ==, 0);

          /* The marked rows are leads of the numerator: all of them in
           * cohort mode, where the numerator is part of the denominator. */
          {
            double flagged = column_sum (rows, m->bucket ? "reached_next" : "reached_last");
            if (s->mode == RD_FUNNEL_COHORT)
              g_assert_cmpfloat (flagged, ==, m->numerator);
            else
              g_assert_cmpfloat (flagged, <=, m->numerator);
          }
        }
    }
  g_assert_cmpuint (n_reached, >=, G_N_ELEMENTS (stage_names));

  /* Reached counts never grow down the funnel in cohort or strict mode,
   * nor does the first stage in period mode; the demo has leads in every slice. */
  g_assert_cmpfloat (rd_test_metric (pack, "funnel.reached", "Lead")->value, >, 0);
  if (s->mode == RD_FUNNEL_COHORT)
    for (guint k = 0; k + 1 < G_N_ELEMENTS (stage_names); k++)
      g_assert_cmpfloat (rd_test_metric (pack, "funnel.reached", stage_names[k])->value, >=,
                         rd_test_metric (pack, "funnel.reached", stage_names[k + 1])->value);

  /* Replaying the histories gives the same numbers. */
  g_setenv ("RD_METRICS_REPLAY", "1", TRUE);
  replayed = demo_pack (s);
  g_unsetenv ("RD_METRICS_REPLAY");
  g_assert_cmpuint (pack->metrics->len, ==, replayed->metrics->len);
  for (guint i = 0; i < pack->metrics->len; i++)
    {
      const RdMetric *a = g_ptr_array_index (pack->metrics, i);
      const RdMetric *b = g_ptr_array_index (replayed->metrics, i);

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpstr (a->bucket, ==, b->bucket);
      g_assert_cmpint (a->defined, ==, b->defined);
      g_assert_cmpfloat (a->value, ==, b->value);
    }
}

/* Strict never counts more than the default, and cohort counts of the
 * first stage are the leads that entered the funnel in the period. */
static void
test_demo_modes_relate (void)
{
  g_autoptr(RdMetricPack) period = funnel (demo, NULL, RD_FUNNEL_PERIOD, FALSE);
  g_autoptr(RdMetricPack) strict = funnel (demo, NULL, RD_FUNNEL_PERIOD, TRUE);
  g_autoptr(RdMetricPack) cohort = funnel (demo, NULL, RD_FUNNEL_COHORT, FALSE);
  g_autoptr(RdMetricPack) cohort_strict = funnel (demo, NULL, RD_FUNNEL_COHORT, TRUE);
  sqlite3 *db = _rd_workspace_get_db (demo);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  for (guint k = 0; k < G_N_ELEMENTS (stage_names); k++)
    {
      g_assert_cmpfloat (rd_test_metric (strict, "funnel.reached", stage_names[k])->value, <=,
                         rd_test_metric (period, "funnel.reached", stage_names[k])->value);
      g_assert_cmpfloat (rd_test_metric (cohort_strict, "funnel.reached", stage_names[k])->value, <=,
                         rd_test_metric (cohort, "funnel.reached", stage_names[k])->value);
    }

  /* Independently: leads whose first event lies in the quarter. */
  stmt = rd_db_prepare (db, "SELECT count(*) FROM (SELECT lead_id FROM lead_stage_events GROUP BY lead_id"
                            " HAVING min (entered_at) BETWEEN ?1 AND ?2)", NULL);
  sqlite3_bind_text (stmt, 1, cohort->filter->period_start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, "2026-09-30 23:59:59", -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpfloat (rd_test_metric (cohort, "funnel.reached", "Lead")->value, ==,
                     (double) sqlite3_column_int64 (stmt, 0));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  RdDemoOptions options = { RD_DEMO_DEFAULT_SEED, 0 };
  int rc;

  g_test_init (&argc, &argv, NULL);

  demo_dir = rd_test_tmpdir ();
  path = g_build_filename (demo_dir, "demo.revdeck", NULL);
  demo = rd_demo_create (path, &options, &error);
  g_assert_no_error (error);

  g_test_add_func ("/funnel/worked-check", test_worked_check);
  g_test_add_func ("/funnel/worked-check-four-stages", test_worked_check_four_stages);
  g_test_add_func ("/funnel/worked-check-with-mql", test_worked_check_with_mql);
  g_test_add_func ("/funnel/strict", test_worked_check_strict);
  g_test_add_func ("/funnel/empty-period", test_empty_period);
  g_test_add_func ("/funnel/period-mode", test_period_mode);
  g_test_add_func ("/funnel/strict-mode", test_strict_mode);
  g_test_add_func ("/funnel/cohort-mode", test_cohort_mode);
  g_test_add_func ("/funnel/filters", test_filters);
  g_test_add_func ("/funnel/as-of-before-data", test_as_of_before_data);
  g_test_add_func ("/funnel/replay-agrees", test_replay_agrees);
  g_test_add_func ("/funnel/drill-errors", test_drill_errors);
  g_test_add_func ("/funnel/reentries-across-periods", test_reentries_across_periods);
  g_test_add_func ("/funnel/cohort-across-periods", test_cohort_across_periods);
  g_test_add_func ("/funnel/aggregate-agrees", test_aggregate_agrees);
  for (guint i = 0; i < G_N_ELEMENTS (slices); i++)
    {
      g_autofree char *name = g_strdup_printf ("/funnel/demo/%s", slices[i].name);
      g_test_add_data_func (name, &slices[i], test_demo);
    }
  g_test_add_func ("/funnel/demo/modes-relate", test_demo_modes_relate);

  rc = g_test_run ();
  g_clear_object (&demo);
  rd_test_rmdir (demo_dir);
  g_free (demo_dir);
  return rc;
}
