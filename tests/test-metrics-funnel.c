/* test-metrics-funnel.c — the lifecycle funnel: worked check, skipped stages, modes
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rd-metrics.h"
#include "rd-test-util.h"
#include "rd-workspace-private.h"

#define EPS 1e-9

/* metrics.md's worked check: 4,000 leads, 800 SQLs, 160 opportunities and
 * 24 won, all inside 2026-Q3 (a calendar-year company). The SQLs skip MQL,
 * so the default funnel (Lead, MQL, SQL, Opportunity, Customer) counts them
 * as having passed it. */
static RdWorkspace *
worked_check_workspace (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "funnel.revdeck", NULL);
  RdWorkspace *ws = rd_test_create (path);
  sqlite3 *db = _rd_workspace_get_db (ws);
  g_autoptr(GError) error = NULL;

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
  g_assert_true (rd_workspace_refresh_derived (ws, &error));
  g_assert_no_error (error);
  return ws;
}

static RdMetricPack *
funnel (RdWorkspace  *ws,
        const char   *period,
        RdFunnelMode  mode,
        gboolean      strict)
{
  g_autoptr(RdFilter) filter = rd_filter_new ();
  g_autoptr(GError) error = NULL;
  RdMetricPack *pack;

  filter->funnel_mode = mode;
  filter->funnel_strict = strict;
  g_assert_true (rd_filter_resolve (filter, ws, NULL, period, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  pack = rd_metrics_compute (ws, filter, "funnel", &error);
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

  if (!m->defined || ABS (m->value - value) > EPS)
    g_error ("%s / %s: expected %g, got %s%g", id, bucket ? bucket : "", value,
             m->defined ? "" : "undefined ", m->value);
}

static void
test_worked_check (void)
{
  g_autofree char *dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = worked_check_workspace (dir);
  RdFunnelMode modes[] = { RD_FUNNEL_PERIOD, RD_FUNNEL_COHORT };

  /* Everything happened inside the quarter, so both modes agree. */
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(RdMetricPack) pack = funnel (ws, "2026-Q3", modes[i], FALSE);
      const RdMetric *sql_conversion;

      assert_value (pack, "funnel.reached", "Lead", 4000);
      assert_value (pack, "funnel.reached", "MQL", 800);          /* skipped, so passed */
      assert_value (pack, "funnel.reached", "SQL", 800);
      assert_value (pack, "funnel.reached", "Opportunity", 160);
      assert_value (pack, "funnel.reached", "Customer", 24);

      assert_value (pack, "funnel.conversion", "Lead", 20);       /* 800 / 4,000 */
      assert_value (pack, "funnel.conversion", "MQL", 100);
      assert_value (pack, "funnel.conversion", "SQL", 20);        /* 160 / 800 */
      assert_value (pack, "funnel.conversion", "Opportunity", 15); /* 24 / 160 */
      assert_value (pack, "funnel.overall", NULL, 0.6);           /* 24 / 4,000 */

      sql_conversion = rd_test_metric (pack, "funnel.conversion", "SQL");
      g_assert_true (sql_conversion->is_ratio);
      g_assert_cmpfloat (sql_conversion->numerator, ==, 160);
      g_assert_cmpfloat (sql_conversion->denominator, ==, 800);
    }
}

/* Strict mode: a lead counts for a stage only after every earlier stage, in
 * order, so leads that skipped MQL count for nothing beyond Lead. */
static void
test_strict (void)
{
  g_autofree char *dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = worked_check_workspace (dir);
  g_autoptr(RdMetricPack) pack = funnel (ws, "2026-Q3", RD_FUNNEL_PERIOD, TRUE);
  const RdMetric *after_mql;

  assert_value (pack, "funnel.reached", "Lead", 4000);
  assert_value (pack, "funnel.reached", "MQL", 0);
  assert_value (pack, "funnel.reached", "SQL", 0);
  assert_value (pack, "funnel.reached", "Customer", 0);
  assert_value (pack, "funnel.conversion", "Lead", 0);

  /* Nobody reached MQL: its conversion is undefined, not 0. */
  after_mql = rd_test_metric (pack, "funnel.conversion", "MQL");
  g_assert_false (after_mql->defined);
  g_assert_nonnull (after_mql->reason);
}

/* The quarter before saw nothing: counts are 0 and ratios undefined. */
static void
test_empty_period (void)
{
  g_autofree char *dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = worked_check_workspace (dir);
  g_autoptr(RdMetricPack) pack = funnel (ws, "2026-Q2", RD_FUNNEL_PERIOD, FALSE);
  g_autoptr(RdMetricPack) current = funnel (ws, "2026-Q3", RD_FUNNEL_PERIOD, FALSE);
  const RdMetric *overall = rd_test_metric (pack, "funnel.overall", NULL);

  assert_value (pack, "funnel.reached", "Lead", 0);
  g_assert_false (overall->defined);
  g_assert_nonnull (overall->reason);

  /* The current quarter's pack carries the previous quarter beside it. */
  assert_value (current, "funnel.reached.previous", "Lead", 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/funnel/worked-check", test_worked_check);
  g_test_add_func ("/funnel/strict", test_strict);
  g_test_add_func ("/funnel/empty-period", test_empty_period);
  return g_test_run ();
}
