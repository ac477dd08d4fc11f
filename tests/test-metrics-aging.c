/* test-metrics-aging.c — days in stage by the four clocks, stalled, slipped, stale
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rd-metrics.h"
#include "rd-test-util.h"
#include "rd-workspace-private.h"

#define EPS 1e-9

/* As of 30 Sep 2026. Times at 23:59:59 make every span a whole number of
 * days, counted to the end of the as-of day.
 * - "Back and forth": created 31 Aug, Discovery 1 Sep, Qualification 5 Sep,
 *   back to Discovery 20 Sep: 10 days since entry, 4 + 10 = 14 cumulative,
 *   30 days old; its close date moved later twice and then back once.
 * - "Stuck": Discovery since 1 Aug (60 days, over the 14-day threshold),
 *   close date 15 Sep, before as-of (stale).
 * - "Won": went through Discovery (2 → 12 Aug, 10 days) and was won. */
static RdWorkspace *
aging_workspace (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "aging.revdeck", NULL);
  RdWorkspace *ws = rd_test_create (path);
  sqlite3 *db = _rd_workspace_get_db (ws);
  g_autoptr(GError) error = NULL;

  rd_test_exec (db,
    "UPDATE settings SET as_of_date = '2026-09-30', fiscal_year_start_month = 1;"
    "INSERT INTO opportunities (id, name, amount_cents, created_at, close_date) VALUES"
    "  (1, 'Back and forth', 1000000, '2026-08-31 23:59:59', '2026-12-15'),"
    "  (2, 'Stuck', 500000, '2026-07-31 23:59:59', '2026-09-15'),"
    "  (3, 'Won', 200000, '2026-08-01 23:59:59', '2026-08-20');"
    "INSERT INTO opportunity_stage_history (opportunity_id, stage_id, entered_at)"
    "  SELECT 1, id, '2026-09-01 23:59:59' FROM stages WHERE kind = 'deal' AND name = 'Discovery'"
    "  UNION ALL SELECT 1, id, '2026-09-05 23:59:59' FROM stages WHERE kind = 'deal' AND name = 'Qualification'"
    "  UNION ALL SELECT 1, id, '2026-09-20 23:59:59' FROM stages WHERE kind = 'deal' AND name = 'Discovery'"
    "  UNION ALL SELECT 2, id, '2026-08-01 23:59:59' FROM stages WHERE kind = 'deal' AND name = 'Discovery'"
    "  UNION ALL SELECT 3, id, '2026-08-02 23:59:59' FROM stages WHERE kind = 'deal' AND name = 'Discovery'"
    "  UNION ALL SELECT 3, id, '2026-08-12 23:59:59' FROM stages WHERE kind = 'deal' AND name = 'Closed Won';"
    "INSERT INTO close_date_changes (opportunity_id, changed_at, old_date, new_date) VALUES"
    "  (1, '2026-09-02 10:00:00', '2026-10-15', '2026-11-15'),"
    "  (1, '2026-09-10 10:00:00', '2026-11-15', '2026-12-31'),"
    "  (1, '2026-09-12 10:00:00', '2026-12-31', '2026-12-15');");
  g_assert_true (rd_workspace_refresh_derived (ws, &error));
  g_assert_no_error (error);
  return ws;
}

static RdMetricPack *
aging (RdWorkspace  *ws,
       RdAgingClock  clock,
       const char   *as_of)
{
  g_autoptr(RdFilter) filter = rd_filter_new ();
  g_autoptr(GError) error = NULL;
  RdMetricPack *pack;

  filter->aging_clock = clock;
  g_assert_true (rd_filter_resolve (filter, ws, as_of, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  pack = rd_metrics_compute (ws, filter, "aging", &error);
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
test_clocks (void)
{
  g_autofree char *dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = aging_workspace (dir);
  /* The deal that moved back is the shortest-waiting of the two in
   * Discovery; "Stuck" is always the longest. */
  static const struct { RdAgingClock clock; double back_and_forth, stuck; } clocks[] = {
    { RD_CLOCK_SINCE_ENTRY, 10, 60 },
    { RD_CLOCK_CUMULATIVE, 14, 60 },
    { RD_CLOCK_IDLE, 10, 60 },       /* last change: re-entering Discovery on 20 Sep */
    { RD_CLOCK_DEAL_AGE, 30, 61 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (clocks); i++)
    {
      g_autoptr(RdMetricPack) pack = aging (ws, clocks[i].clock, NULL);

      assert_value (pack, "aging.open", "Discovery", 2);
      assert_value (pack, "aging.open", "Qualification", 0);
      assert_value (pack, "aging.days.max", "Discovery", clocks[i].stuck);
      /* Nearest-rank median of two values is the smaller one. */
      assert_value (pack, "aging.days.median", "Discovery", clocks[i].back_and_forth);
      assert_value (pack, "aging.threshold", "Discovery", 14);
    }
}

static void
test_stalled_slipped_stale (void)
{
  g_autofree char *dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = aging_workspace (dir);
  g_autoptr(RdMetricPack) pack = aging (ws, RD_CLOCK_SINCE_ENTRY, NULL);
  const RdMetric *median_empty;

  assert_value (pack, "aging.stalled", "Discovery", 1);   /* Stuck: 60 > 14 */
  assert_value (pack, "aging.stalled", NULL, 1);
  assert_value (pack, "aging.slipped", NULL, 1);          /* moved later at least once */
  assert_value (pack, "aging.stale", NULL, 1);            /* Stuck closes 15 Sep */

  /* Historical time in Discovery: the visits that ended in the quarter,
   * 10 days (Won) and 4 days (Back and forth's first visit). */
  assert_value (pack, "aging.history.median", "Discovery", 4);
  assert_value (pack, "aging.history.p90", "Discovery", 10);

  /* A stage nobody is in has no median. */
  median_empty = rd_test_metric (pack, "aging.days.median", "Proposal");
  g_assert_false (median_empty->defined);
  g_assert_nonnull (median_empty->reason);
}

/* Before the deals existed nothing is open, and nothing is undefined
 * without a reason. */
static void
test_as_of_before_data (void)
{
  g_autofree char *dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = aging_workspace (dir);
  g_autoptr(RdMetricPack) pack = aging (ws, RD_CLOCK_SINCE_ENTRY, "2026-06-30");

  assert_value (pack, "aging.open", "Discovery", 0);
  assert_value (pack, "aging.stalled", NULL, 0);
  assert_value (pack, "aging.slipped", NULL, 0);
  assert_value (pack, "aging.stale", NULL, 0);
  g_assert_false (rd_test_metric (pack, "aging.days.max", "Discovery")->defined);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/aging/clocks", test_clocks);
  g_test_add_func ("/aging/stalled-slipped-stale", test_stalled_slipped_stale);
  g_test_add_func ("/aging/as-of-before-data", test_as_of_before_data);
  return g_test_run ();
}
