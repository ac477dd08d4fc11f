/* test-metrics-aging.c — days in stage by the four clocks, stalled, slipped, stale
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hand-built workspaces for each definition and edge case (a deal that
 * moves back, a re-entered stage, a stage without a threshold, close-date
 * moves before and after as-of, an as-of date before any data, filters that
 * match nothing), historical time in stage by nearest rank, the drill
 * lists, and consistency on the demo company for every clock.
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

/* As of 30 Sep 2026. Times at 23:59:59 make every span a whole number of
 * days, counted to the end of the as-of day.
 * - "Back and forth": created 31 Aug, Discovery 1 Sep, Qualification 5 Sep,
 *   back to Discovery 20 Sep: 10 days since entry, 4 + 10 = 14 cumulative,
 *   30 days old; its close date moved later twice and then back once.
 * - "Stuck": Discovery since 1 Aug (60 days, over the 14-day threshold),
 *   close date 15 Sep, before as-of (stale).
 * - "Won": went through Discovery (2 → 12 Aug, 10 days) and was won. */
/* What rd_workspace_write does before COMMIT: the fixtures write records
 * directly, so the aggregates' dirty keys are brought up to date here. */
static void
refresh_aggregates (RdWorkspace *ws)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_aggregates_refresh (_rd_workspace_get_db (ws), &error));
  g_assert_no_error (error);
}

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
  refresh_aggregates (ws);
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
  g_autoptr(TestDir) dir = rd_test_tmpdir ();
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
  g_autoptr(TestDir) dir = rd_test_tmpdir ();
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
  g_autoptr(TestDir) dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = aging_workspace (dir);
  g_autoptr(RdMetricPack) pack = aging (ws, RD_CLOCK_SINCE_ENTRY, "2026-06-30");

  assert_value (pack, "aging.open", "Discovery", 0);
  assert_value (pack, "aging.stalled", NULL, 0);
  assert_value (pack, "aging.slipped", NULL, 0);
  assert_value (pack, "aging.stale", NULL, 0);
  g_assert_false (rd_test_metric (pack, "aging.days.max", "Discovery")->defined);
}


/* ---------------------------------------------------------------- helpers */

static RdMetricPack *
aging_full (RdWorkspace  *ws,
            RdAgingClock  clock,
            const char   *as_of,
            const char   *period,
            const char   *segment)
{
  g_autoptr(RdFilter) filter = rd_filter_new ();
  g_autoptr(GError) error = NULL;
  RdMetricPack *pack;

  filter->aging_clock = clock;
  g_assert_true (rd_filter_resolve (filter, ws, as_of, period, segment, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  pack = rd_metrics_compute (ws, filter, "aging", &error);
  g_assert_no_error (error);
  g_assert_nonnull (pack);
  return pack;
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
drill (RdWorkspace        *ws,
       const RdMetricPack *pack,
       const char         *id,
       const char         *bucket)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdQuery) q = rd_metrics_drill_query (ws, pack->filter, id, bucket, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  Rows *rows = g_new0 (Rows, 1);
  int n, rc;

  g_assert_no_error (error);
  g_assert_nonnull (q);
  stmt = rd_query_prepare (ws, q, NULL);
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

/* Column @name of the row whose "id" is @id ("" for NULL), or NULL when
 * the deal is not listed. */
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
        return row[c] ? row[c] : "";
    }
  return NULL;
}

/* Column @name of every row, as integers, sorted. */
static GArray *
int_column (const Rows *rows,
            const char *name)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (gint64));
  int c = column (rows, name);

  for (guint i = 0; i < rows->rows->len; i++)
    {
      gint64 v = g_ascii_strtoll (((GStrv) g_ptr_array_index (rows->rows, i))[c], NULL, 10);
      g_array_append_val (values, v);
    }
  for (guint i = 1; i < values->len; i++)       /* insertion sort: small lists */
    for (guint j = i; j > 0 && g_array_index (values, gint64, j - 1) > g_array_index (values, gint64, j); j--)
      {
        gint64 t = g_array_index (values, gint64, j);
        g_array_index (values, gint64, j) = g_array_index (values, gint64, j - 1);
        g_array_index (values, gint64, j - 1) = t;
      }
  return values;
}

/* -------------------------------------------------------- a richer workspace */

/* As of 30 Sep 2026, calendar quarters (Q3 = Jul–Sep).
 * 10 "Re-entered" (SMB): created 31 Jul; Qualification 1 Aug, Discovery 21 Aug,
 *    Qualification again 20 Sep: 10 days since entry, 20 + 10 = 30 cumulative
 *    (over Qualification's 21), 61 days old.
 * 20–29: Proposal on 1 Jul for 1 … 10 days, then won: ten visits that ended in Q3.
 * 30: Proposal 1 Mar – 9 Jun (100 days, ended in Q2), lost.
 * 31: Proposal since 1 Sep (29 days at as-of, stalled), won on 5 Oct: after as-of.
 * 32: Proposal since 25 Sep (5 days), closing on the as-of date: not stale yet.
 * 40: Negotiation since 22 Jun (100 days); Negotiation has no maximum here.
 * 41: Discovery since 1 Sep 00:00 (29 days): close date 1 Sep moved to
 *     15 Oct, to 30 Nov, then back to 25 Sep: slipped (2 moves) and stale.
 * 42: Discovery since 20 Sep noon (10 days); close date moved earlier only.
 * 43: Discovery since 28 Sep noon (2 days); close date 29 Sep (stale at
 *     as-of), moved to 31 Dec on 2 Oct, after as-of.
 * 44: Discovery 1 Jul – 1 Sep (62 days), won; its close date was moved later. */
static RdWorkspace *
more_workspace (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "more.revdeck", NULL);
  RdWorkspace *ws = rd_test_create (path);
  sqlite3 *db = _rd_workspace_get_db (ws);
  g_autoptr(GError) error = NULL;

  rd_test_exec (db,
    "UPDATE settings SET as_of_date = '2026-09-30', fiscal_year_start_month = 1;"
    "UPDATE stages SET max_days = NULL WHERE kind = 'deal' AND name = 'Negotiation';"
    "CREATE TEMP TABLE h (opp INTEGER, stage TEXT, at TEXT);"
    "INSERT INTO opportunities (id, name, segment_id, amount_cents, created_at, close_date) VALUES"
    "  (10, 'Re-entered', (SELECT id FROM segments WHERE name = 'SMB'), 1000000, '2026-07-31 23:59:59', '2026-12-15'),"
    "  (30, 'Lost proposal', NULL, 100000, '2026-03-01 23:59:59', '2026-06-09'),"
    "  (31, 'Won after as-of', NULL, 100000, '2026-09-01 23:59:59', '2026-10-20'),"
    "  (32, 'Fresh proposal', NULL, 100000, '2026-09-25 23:59:59', '2026-09-30'),"
    "  (40, 'Long negotiation', NULL, 100000, '2026-06-01 00:00:00', '2026-11-30'),"
    "  (41, 'Slipped', NULL, 250000, '2026-09-01 00:00:00', '2026-09-25'),"
    "  (42, 'Pulled in', NULL, 100000, '2026-09-20 12:00:00', '2026-11-01'),"
    "  (43, 'Moved after as-of', NULL, 100000, '2026-09-28 12:00:00', '2026-12-31'),"
    "  (44, 'Won slipped', NULL, 100000, '2026-07-01 00:00:00', '2026-09-01');"
    "WITH RECURSIVE n (d) AS (SELECT 1 UNION ALL SELECT d + 1 FROM n WHERE d < 10)"
    "  INSERT INTO opportunities (id, name, amount_cents, created_at, close_date)"
    "  SELECT 19 + d, 'Quick ' || d, 100000, '2026-07-01 23:59:59', date ('2026-07-01', '+' || d || ' days') FROM n;"
    "WITH RECURSIVE n (d) AS (SELECT 1 UNION ALL SELECT d + 1 FROM n WHERE d < 10)"
    "  INSERT INTO h SELECT 19 + d, 'Proposal', '2026-07-01 23:59:59' FROM n"
    "  UNION ALL SELECT 19 + d, 'Closed Won', datetime ('2026-07-01 23:59:59', '+' || d || ' days') FROM n;"
    "INSERT INTO h VALUES"
    "  (10, 'Qualification', '2026-08-01 23:59:59'), (10, 'Discovery', '2026-08-21 23:59:59'),"
    "  (10, 'Qualification', '2026-09-20 23:59:59'),"
    "  (30, 'Proposal', '2026-03-01 23:59:59'), (30, 'Closed Lost', '2026-06-09 23:59:59'),"
    "  (31, 'Proposal', '2026-09-01 23:59:59'), (31, 'Closed Won', '2026-10-05 10:00:00'),"
    "  (32, 'Proposal', '2026-09-25 23:59:59'),"
    "  (40, 'Negotiation', '2026-06-22 23:59:59'),"
    "  (41, 'Discovery', '2026-09-01 00:00:00'),"
    "  (42, 'Discovery', '2026-09-20 12:00:00'),"
    "  (43, 'Discovery', '2026-09-28 12:00:00'),"
    "  (44, 'Discovery', '2026-07-01 00:00:00'), (44, 'Closed Won', '2026-09-01 00:00:00');"
    "INSERT INTO opportunity_stage_history (opportunity_id, stage_id, entered_at)"
    "  SELECT h.opp, s.id, h.at FROM h JOIN stages s ON s.kind = 'deal' AND s.name = h.stage;"
    "INSERT INTO close_date_changes (opportunity_id, changed_at, old_date, new_date) VALUES"
    "  (41, '2026-09-02 10:00:00', '2026-09-01', '2026-10-15'),"
    "  (41, '2026-09-10 10:00:00', '2026-10-15', '2026-11-30'),"
    "  (41, '2026-09-20 10:00:00', '2026-11-30', '2026-09-25'),"
    "  (42, '2026-09-21 10:00:00', '2026-12-01', '2026-11-01'),"
    "  (43, '2026-10-02 10:00:00', '2026-09-29', '2026-12-31'),"
    "  (44, '2026-08-01 10:00:00', '2026-08-15', '2026-09-01');"
    "DROP TABLE h;");
  g_assert_true (rd_workspace_refresh_derived (ws, &error));
  g_assert_no_error (error);
  refresh_aggregates (ws);
  return ws;
}

/* The four clocks on a deal that left its stage and came back. */
static void
test_reentered_stage (void)
{
  g_autoptr(TestDir) dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = more_workspace (dir);
  static const struct { RdAgingClock clock; double days; double stalled; } clocks[] = {
    { RD_CLOCK_SINCE_ENTRY, 10, 0 },   /* since the last entry, 20 Sep */
    { RD_CLOCK_CUMULATIVE, 30, 1 },    /* 20 days in August + 10 now: over 21 */
    { RD_CLOCK_IDLE, 10, 0 },          /* the last change was the re-entry */
    { RD_CLOCK_DEAL_AGE, 61, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (clocks); i++)
    {
      g_autoptr(RdMetricPack) pack = aging_full (ws, clocks[i].clock, NULL, NULL, NULL);
      g_autoptr(Rows) rows = drill (ws, pack, "aging.open", "Qualification");
      g_autofree char *days = g_strdup_printf ("%g", clocks[i].days);
      const char *name = i == 0 ? "since-entry" : i == 1 ? "cumulative" : i == 2 ? "idle" : "deal-age";

      assert_value (pack, "aging.open", "Qualification", 1);
      assert_value (pack, "aging.days.median", "Qualification", clocks[i].days);
      assert_value (pack, "aging.days.max", "Qualification", clocks[i].days);
      assert_value (pack, "aging.stalled", "Qualification", clocks[i].stalled);
      g_assert_cmpuint (rows->rows->len, ==, 1);
      g_assert_cmpstr (cell (rows, 10, "days_in_stage"), ==, days);
      g_assert_cmpstr (cell (rows, 10, "threshold"), ==, "21");
      g_assert_cmpstr (cell (rows, 10, "stalled"), ==, clocks[i].stalled ? "1" : "0");
      g_assert_cmpstr (cell (rows, 10, "stage"), ==, "Qualification");
      g_assert_cmpstr (cell (rows, 10, "amount"), ==, "10000.0");
      /* The clock is named wherever the number is shown. */
      g_assert_nonnull (strstr (rd_test_metric (pack, "aging.days.median", "Qualification")->formula, name));
      g_assert_nonnull (strstr (rd_test_metric (pack, "aging.stalled", NULL)->formula, name));
      g_assert_nonnull (strstr (rd_test_metric (pack, "aging.stalled", NULL)->note, name));
    }
}

static void
test_open_and_stalled (void)
{
  g_autoptr(TestDir) dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = more_workspace (dir);
  g_autoptr(RdMetricPack) pack = aging_full (ws, RD_CLOCK_SINCE_ENTRY, NULL, NULL, NULL);
  g_autoptr(Rows) discovery = drill (ws, pack, "aging.open", "Discovery");
  g_autoptr(Rows) stalled = drill (ws, pack, "aging.stalled", NULL);
  g_autoptr(Rows) negotiation = drill (ws, pack, "aging.open", "Negotiation");

  /* Discovery: 29, 10 and 2 days; the nearest-rank median is the second. */
  assert_value (pack, "aging.open", "Discovery", 3);
  assert_value (pack, "aging.days.median", "Discovery", 10);
  assert_value (pack, "aging.days.max", "Discovery", 29);
  assert_value (pack, "aging.stalled", "Discovery", 1);
  g_assert_cmpuint (discovery->rows->len, ==, 3);
  g_assert_cmpstr (cell (discovery, 41, "days_in_stage"), ==, "29");
  g_assert_cmpstr (cell (discovery, 42, "days_in_stage"), ==, "10");
  g_assert_cmpstr (cell (discovery, 43, "days_in_stage"), ==, "2");
  g_assert_null (cell (discovery, 44, "days_in_stage"));          /* won */

  /* Proposal: 31 (29 days, still open at as-of) and 32 (5 days). */
  assert_value (pack, "aging.open", "Proposal", 2);
  assert_value (pack, "aging.days.median", "Proposal", 5);
  assert_value (pack, "aging.days.max", "Proposal", 29);
  assert_value (pack, "aging.stalled", "Proposal", 1);

  /* Nobody in Solution. */
  assert_value (pack, "aging.open", "Solution", 0);
  assert_value (pack, "aging.stalled", "Solution", 0);
  rd_test_assert_undefined (pack, "aging.days.median", "Solution", NULL);
  rd_test_assert_undefined (pack, "aging.days.max", "Solution", NULL);
  assert_value (pack, "aging.threshold", "Solution", 30);

  /* Negotiation has no maximum: no threshold, nothing stalled, however long. */
  assert_value (pack, "aging.open", "Negotiation", 1);
  assert_value (pack, "aging.days.max", "Negotiation", 100);
  rd_test_assert_undefined (pack, "aging.threshold", "Negotiation", NULL);
  assert_value (pack, "aging.stalled", "Negotiation", 0);
  g_assert_cmpstr (cell (negotiation, 40, "threshold"), ==, "");
  g_assert_cmpstr (cell (negotiation, 40, "stalled"), ==, "0");

  /* In total: 41 and 31. */
  assert_value (pack, "aging.stalled", NULL, 2);
  g_assert_cmpuint (stalled->rows->len, ==, 2);
  g_assert_cmpstr (cell (stalled, 41, "stage"), ==, "Discovery");
  g_assert_cmpstr (cell (stalled, 31, "stage"), ==, "Proposal");
  g_assert_cmpstr (rd_test_metric (pack, "aging.stalled", NULL)->definition_key, ==, "stalled-deal");

  /* The open-deal numbers are a snapshot: the period does not change them. */
  {
    g_autoptr(RdMetricPack) q1 = aging_full (ws, RD_CLOCK_SINCE_ENTRY, NULL, "2026-Q1", NULL);
    assert_value (q1, "aging.open", "Discovery", 3);
    assert_value (q1, "aging.stalled", NULL, 2);
    assert_value (q1, "aging.stale", NULL, 2);
    g_assert_nonnull (strstr (rd_test_metric (q1, "aging.open", "Discovery")->formula, "period filter does not apply"));
  }
}

static void
test_slipped_and_stale (void)
{
  g_autoptr(TestDir) dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = more_workspace (dir);
  g_autoptr(RdMetricPack) pack = aging_full (ws, RD_CLOCK_SINCE_ENTRY, NULL, NULL, NULL);
  g_autoptr(RdMetricPack) later = aging_full (ws, RD_CLOCK_SINCE_ENTRY, "2026-10-31", NULL, NULL);
  g_autoptr(Rows) slipped = drill (ws, pack, "aging.slipped", NULL);
  g_autoptr(Rows) stale = drill (ws, pack, "aging.stale", NULL);
  g_autoptr(Rows) slipped_later = drill (ws, later, "aging.slipped", NULL);
  g_autoptr(Rows) stale_later = drill (ws, later, "aging.stale", NULL);

  /* 41 moved later twice (and back once); 42 only earlier; 43's move came
   * after as-of; 44 is won. */
  assert_value (pack, "aging.slipped", NULL, 1);
  g_assert_cmpuint (slipped->rows->len, ==, 1);
  g_assert_cmpstr (cell (slipped, 41, "moves"), ==, "2");
  g_assert_cmpstr (cell (slipped, 41, "original_close_date"), ==, "2026-09-01");
  g_assert_cmpstr (cell (slipped, 41, "close_date"), ==, "2026-09-25");
  g_assert_cmpstr (rd_test_metric (pack, "aging.slipped", NULL)->definition_key, ==, "slipped-deal");

  /* Stale at as-of: 41 (25 Sep) and 43 (29 Sep, as its date stood then). */
  assert_value (pack, "aging.stale", NULL, 2);
  g_assert_cmpuint (stale->rows->len, ==, 2);
  g_assert_cmpstr (cell (stale, 41, "days_overdue"), ==, "5");
  g_assert_cmpstr (cell (stale, 43, "close_date"), ==, "2026-09-29");
  g_assert_cmpstr (cell (stale, 43, "days_overdue"), ==, "1");
  g_assert_cmpstr (rd_test_metric (pack, "aging.stale", NULL)->definition_key, ==, "stale-deal");

  g_assert_null (cell (stale, 32, "close_date"));                  /* closes on the as-of date */

  /* A month later 43 has slipped too, and its new date is not past; 32's is. */
  assert_value (later, "aging.slipped", NULL, 2);
  g_assert_cmpstr (cell (slipped_later, 43, "moves"), ==, "1");
  g_assert_cmpstr (cell (slipped_later, 41, "moves"), ==, "2");
  assert_value (later, "aging.stale", NULL, 2);
  g_assert_nonnull (cell (stale_later, 41, "close_date"));
  g_assert_cmpstr (cell (stale_later, 32, "days_overdue"), ==, "31");
  g_assert_null (cell (stale_later, 43, "close_date"));
}

static void
test_history (void)
{
  g_autoptr(TestDir) dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = more_workspace (dir);
  g_autoptr(RdMetricPack) pack = aging_full (ws, RD_CLOCK_SINCE_ENTRY, NULL, NULL, NULL);
  g_autoptr(RdMetricPack) q2 = aging_full (ws, RD_CLOCK_SINCE_ENTRY, NULL, "2026-Q2", NULL);
  g_autoptr(RdMetricPack) september = aging_full (ws, RD_CLOCK_SINCE_ENTRY, NULL, "2026-09", NULL);
  g_autoptr(Rows) proposal = drill (ws, pack, "aging.history.p75", "Proposal");
  g_autoptr(GArray) days = int_column (proposal, "days");

  /* Proposal visits that ended in Q3 lasted 1 … 10 days (31's ended after
   * as-of, 30's in Q2): nearest rank gives the 5th, 8th and 9th. */
  assert_value (pack, "aging.history.median", "Proposal", 5);
  assert_value (pack, "aging.history.p75", "Proposal", 8);
  assert_value (pack, "aging.history.p90", "Proposal", 9);
  g_assert_cmpuint (proposal->rows->len, ==, 10);
  for (guint i = 0; i < days->len; i++)
    g_assert_cmpint (g_array_index (days, gint64, i), ==, i + 1);
  g_assert_cmpstr (cell (proposal, 20, "entered_at"), ==, "2026-07-01 23:59:59");
  g_assert_cmpstr (cell (proposal, 20, "exited_at"), ==, "2026-07-02 23:59:59");
  g_assert_null (cell (proposal, 31, "days"));
  g_assert_nonnull (strstr (rd_test_metric (pack, "aging.history.p90", "Proposal")->formula, "nearest rank"));

  /* Discovery: 10's visit in between (30 days) and 44's (62 days). */
  assert_value (pack, "aging.history.median", "Discovery", 30);
  assert_value (pack, "aging.history.p75", "Discovery", 62);
  assert_value (pack, "aging.history.p90", "Discovery", 62);
  /* Qualification: the 20 days in August; the current visit has not ended. */
  assert_value (pack, "aging.history.median", "Qualification", 20);
  assert_value (pack, "aging.history.p90", "Qualification", 20);
  /* Nobody left Negotiation: undefined, with a reason. */
  rd_test_assert_undefined (pack, "aging.history.median", "Negotiation", NULL);
  rd_test_assert_undefined (pack, "aging.history.p75", "Negotiation", NULL);
  rd_test_assert_undefined (pack, "aging.history.p90", "Negotiation", NULL);

  /* The period decides which visits count. */
  assert_value (q2, "aging.history.median", "Proposal", 100);
  rd_test_assert_undefined (q2, "aging.history.median", "Discovery", NULL);
  assert_value (september, "aging.history.median", "Discovery", 30);   /* 44 left on 1 Sep 00:00 */
  assert_value (september, "aging.history.p90", "Discovery", 62);
  rd_test_assert_undefined (september, "aging.history.median", "Proposal", NULL);
}

/* A filter that matches no deal: zeros, and nothing defined that needs a deal. */
static void
test_filters (void)
{
  g_autoptr(TestDir) dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = more_workspace (dir);
  g_autoptr(RdMetricPack) nobody = aging_full (ws, RD_CLOCK_CUMULATIVE, NULL, NULL, "Enterprise");
  g_autoptr(RdMetricPack) smb = aging_full (ws, RD_CLOCK_CUMULATIVE, NULL, NULL, "SMB");
  static const char *const open_stages[] = { "Discovery", "Qualification", "Solution", "Proposal", "Negotiation" };

  for (guint i = 0; i < G_N_ELEMENTS (open_stages); i++)
    {
      assert_value (nobody, "aging.open", open_stages[i], 0);
      assert_value (nobody, "aging.stalled", open_stages[i], 0);
      rd_test_assert_undefined (nobody, "aging.days.median", open_stages[i], NULL);
      rd_test_assert_undefined (nobody, "aging.days.max", open_stages[i], NULL);
      rd_test_assert_undefined (nobody, "aging.history.median", open_stages[i], NULL);
    }
  assert_value (nobody, "aging.stalled", NULL, 0);
  assert_value (nobody, "aging.slipped", NULL, 0);
  assert_value (nobody, "aging.stale", NULL, 0);
  /* Thresholds are definitions, not records: the filter leaves them. */
  assert_value (nobody, "aging.threshold", "Discovery", 14);

  /* SMB: only "Re-entered". */
  assert_value (smb, "aging.open", "Qualification", 1);
  assert_value (smb, "aging.open", "Discovery", 0);
  assert_value (smb, "aging.stalled", NULL, 1);
  assert_value (smb, "aging.history.median", "Discovery", 30);
  rd_test_assert_undefined (smb, "aging.history.median", "Proposal", NULL);
}

/* Replaying the histories gives the numbers of the stored current state,
 * for every clock. */
static void
test_replay_agrees (void)
{
  g_autoptr(TestDir) dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = more_workspace (dir);

  for (int clock = RD_CLOCK_SINCE_ENTRY; clock <= RD_CLOCK_DEAL_AGE; clock++)
    {
      /* As of the end of October nothing is later: the fast path applies. */
      g_autoptr(RdMetricPack) fast = aging_full (ws, clock, "2026-10-31", "2026-Q3", NULL);
      g_autoptr(RdMetricPack) replayed = NULL;

      g_setenv ("RD_METRICS_REPLAY", "1", TRUE);
      replayed = aging_full (ws, clock, "2026-10-31", "2026-Q3", NULL);
      g_unsetenv ("RD_METRICS_REPLAY");

      g_assert_cmpuint (fast->metrics->len, ==, replayed->metrics->len);
      for (guint i = 0; i < fast->metrics->len; i++)
        {
          const RdMetric *a = g_ptr_array_index (fast->metrics, i);
          const RdMetric *b = g_ptr_array_index (replayed->metrics, i);

          g_assert_cmpstr (a->id, ==, b->id);
          g_assert_cmpstr (a->bucket, ==, b->bucket);
          g_assert_cmpint (a->defined, ==, b->defined);
          g_assert_cmpfloat_with_epsilon (a->value, b->value, EPS);
        }
    }
}

/* The state at a past as-of, not today's: on 10 Sep "Re-entered" was in
 * Discovery, where it had been since 21 Aug. */
static void
test_past_as_of (void)
{
  g_autoptr(TestDir) dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = more_workspace (dir);
  g_autoptr(RdMetricPack) pack = aging_full (ws, RD_CLOCK_SINCE_ENTRY, "2026-09-10", NULL, NULL);
  g_autoptr(RdMetricPack) cumulative = aging_full (ws, RD_CLOCK_CUMULATIVE, "2026-09-10", NULL, NULL);
  g_autoptr(Rows) discovery = drill (ws, pack, "aging.open", "Discovery");
  g_autoptr(Rows) slipped = drill (ws, pack, "aging.slipped", NULL);

  /* Discovery on 10 Sep: "Re-entered" (since 21 Aug: 20 days, stalled)
   * and 41 (since 1 Sep: 9 days). 42 and 43 did not exist yet. */
  assert_value (pack, "aging.open", "Discovery", 2);
  assert_value (pack, "aging.open", "Qualification", 0);
  g_assert_cmpstr (cell (discovery, 10, "days_in_stage"), ==, "20");
  g_assert_cmpstr (cell (discovery, 41, "days_in_stage"), ==, "9");
  assert_value (pack, "aging.stalled", "Discovery", 1);
  assert_value (cumulative, "aging.days.max", "Discovery", 20);
  /* 31 has been in Proposal since 1 Sep; 32 did not exist yet. */
  assert_value (pack, "aging.open", "Proposal", 1);
  /* 41's close date on 10 Sep was 30 Nov after two moves later. */
  assert_value (pack, "aging.slipped", NULL, 1);
  g_assert_cmpstr (cell (slipped, 41, "moves"), ==, "2");
  g_assert_cmpstr (cell (slipped, 41, "close_date"), ==, "2026-11-30");
  assert_value (pack, "aging.stale", NULL, 0);
  /* History stops at as-of: 44 left Discovery on 1 Sep, 20–29 left Proposal in July. */
  assert_value (pack, "aging.history.median", "Proposal", 5);
  assert_value (pack, "aging.history.median", "Discovery", 62);
  assert_value (pack, "aging.history.median", "Qualification", 20);
}

/* The summary tables (visits per stage, exit day and days; slipped deals)
 * give the numbers the records give, before and after edits made the way
 * the editing dialogs make them, for every period and segment. */
static void
test_aggregates_agree (void)
{
  g_autoptr(TestDir) dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = more_workspace (dir);
  sqlite3 *db = _rd_workspace_get_db (ws);
  const char *periods[] = { "2026-Q2", "2026-Q3", "2026-09", "all" };
  const char *segments[] = { NULL, "SMB", "Mid-market" };
  g_autoptr(GError) error = NULL;

  for (int round = 0; round < 2; round++)
    {
      /* Marking every key dirty sends the history to the records. */
      g_autoptr(GPtrArray) from_records = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_metric_pack_free);
      guint n = 0;

      rd_test_exec (db, "INSERT OR IGNORE INTO agg_aging_days_dirty SELECT stage_id, substr (exited_at, 1, 10)"
                        "  FROM opportunity_stage_history WHERE exited_at IS NOT NULL;");
      g_setenv ("RD_METRICS_REPLAY", "1", TRUE);
      for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
        for (guint g = 0; g < G_N_ELEMENTS (segments); g++)
          g_ptr_array_add (from_records, aging_full (ws, RD_CLOCK_SINCE_ENTRY, NULL, periods[p], segments[g]));
      g_unsetenv ("RD_METRICS_REPLAY");

      refresh_aggregates (ws);
      g_assert_cmpint (rd_db_query_int (db, "SELECT count(*) FROM agg_aging_days_dirty", 1), ==, 0);
      for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
        for (guint g = 0; g < G_N_ELEMENTS (segments); g++)
          {
            g_autoptr(RdMetricPack) summed = aging_full (ws, RD_CLOCK_SINCE_ENTRY, NULL, periods[p], segments[g]);
            g_autofree char *what = g_strdup_printf ("%s %s, records then summed", periods[p],
                                                     segments[g] ? segments[g] : "all");

            rd_test_assert_same_packs (g_ptr_array_index (from_records, n++), summed, what);
          }

      /* Edits: a visit starts three days earlier, a deal moves
       * to SMB, a close-date move is undone, a deal is deleted. */
      if (round == 0)
        {
          rd_test_exec (db,
            "UPDATE opportunity_stage_history SET entered_at = datetime (entered_at, '-3 days')"
            "  WHERE id = (SELECT min (id) FROM opportunity_stage_history WHERE exited_at IS NOT NULL);"
            "UPDATE opportunities SET segment_id = (SELECT id FROM segments WHERE name = 'SMB')"
            "  WHERE id = (SELECT max (opportunity_id) FROM opportunity_stage_history WHERE exited_at IS NOT NULL);"
            "DELETE FROM close_date_changes WHERE opportunity_id = 42;"
            "DELETE FROM opportunities WHERE id = 44;");
          g_assert_true (rd_workspace_refresh_derived (ws, &error));
          g_assert_no_error (error);
        }
    }
}

static void
test_drill_errors (void)
{
  g_autoptr(TestDir) dir = rd_test_tmpdir ();
  g_autoptr(RdWorkspace) ws = more_workspace (dir);
  g_autoptr(RdFilter) filter = rd_filter_new ();
  static const struct { const char *id, *bucket; } bad[] = {
    { "aging.open", NULL },
    { "aging.open", "Closed Won" },       /* not an open stage */
    { "aging.open", "MQL" },              /* a lifecycle stage */
    { "aging.stale", "Discovery" },
    { "aging.slipped", "Discovery" },
    { "aging.history.p99", "Discovery" },
    { "aging.threshold", "Discovery" },
    { "aging.nothing", NULL },
  };

  g_assert_true (rd_filter_resolve (filter, ws, NULL, NULL, NULL, NULL, NULL, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RdQuery) q = rd_metrics_drill_query (ws, filter, bad[i].id, bad[i].bucket, &error);

      if (q != NULL)
        g_error ("%s / %s: expected no list", bad[i].id, bad[i].bucket ? bad[i].bucket : "");
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
  RdAgingClock clock;
} Slice;

static const Slice slices[] = {
  { "since-entry", NULL, NULL, NULL, RD_CLOCK_SINCE_ENTRY },
  { "cumulative", NULL, NULL, NULL, RD_CLOCK_CUMULATIVE },
  { "idle", NULL, NULL, NULL, RD_CLOCK_IDLE },
  { "deal-age", NULL, NULL, NULL, RD_CLOCK_DEAL_AGE },
  { "enterprise-month", NULL, "2026-07", "Enterprise", RD_CLOCK_SINCE_ENTRY },
  { "all-time", NULL, "all", NULL, RD_CLOCK_CUMULATIVE },
  { "past-as-of", "2025-12-31", "2025-Q4", NULL, RD_CLOCK_SINCE_ENTRY },
  { "past-as-of-idle", "2025-12-31", "2025-Q4", NULL, RD_CLOCK_IDLE },
};

static gint64
nearest_rank (GArray *sorted,
              int     p)
{
  guint rank = (p * sorted->len + 99) / 100;
  return g_array_index (sorted, gint64, MAX (rank, 1) - 1);
}

static void
test_demo (gconstpointer data)
{
  const Slice *s = data;
  g_autoptr(RdMetricPack) pack = aging_full (demo, s->clock, s->as_of, s->period, s->segment);
  g_autoptr(RdMetricPack) replayed = NULL;
  double stalled = 0;
  guint n_open = 0;

  for (guint i = 0; i < pack->metrics->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (pack->metrics, i);

      g_assert_true (g_str_has_prefix (m->id, "aging."));
      g_assert_nonnull (m->label);
      g_assert_nonnull (m->formula);
      if (!m->defined)
        g_assert_nonnull (m->reason);

      if (m->drillable)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(RdQuery) q = rd_metrics_drill_query (demo, pack->filter, m->id, m->bucket, &error);
          gint64 count = 0;

          g_assert_no_error (error);
          g_assert_true (rd_query_aggregate (demo, q, &count, NULL, &error));
          g_assert_no_error (error);
          g_assert_cmpfloat (m->value, ==, (double) count);
        }

      if (g_str_equal (m->id, "aging.stalled") && m->bucket)
        stalled += m->value;

      /* Medians and percentiles are nearest ranks of the listed days. */
      if (g_str_equal (m->id, "aging.open"))
        {
          g_autoptr(Rows) rows = drill (demo, pack, "aging.open", m->bucket);
          g_autoptr(GArray) days = int_column (rows, "days_in_stage");
          const RdMetric *median = rd_test_metric (pack, "aging.days.median", m->bucket);
          const RdMetric *max = rd_test_metric (pack, "aging.days.max", m->bucket);
          int stalled_col = column (rows, "stalled");
          double n_stalled = 0;

          for (guint r = 0; r < rows->rows->len; r++)
            n_stalled += g_str_equal (((GStrv) g_ptr_array_index (rows->rows, r))[stalled_col], "1");
          g_assert_cmpfloat (n_stalled, ==, rd_test_metric (pack, "aging.stalled", m->bucket)->value);
          g_assert_cmpint (median->defined, ==, days->len > 0);
          if (days->len)
            {
              g_assert_cmpfloat (median->value, ==, (double) nearest_rank (days, 50));
              g_assert_cmpfloat (max->value, ==, (double) g_array_index (days, gint64, days->len - 1));
              g_assert_cmpint (g_array_index (days, gint64, 0), >=, 0);
            }
          n_open += rows->rows->len;
        }
      if (g_str_has_prefix (m->id, "aging.history."))
        {
          g_autoptr(Rows) rows = drill (demo, pack, m->id, m->bucket);
          g_autoptr(GArray) days = int_column (rows, "days");
          int p = g_str_has_suffix (m->id, "median") ? 50 : g_str_has_suffix (m->id, "p75") ? 75 : 90;

          g_assert_cmpint (m->defined, ==, days->len > 0);
          if (days->len)
            g_assert_cmpfloat (m->value, ==, (double) nearest_rank (days, p));
        }
    }
  g_assert_cmpfloat (stalled, ==, rd_test_metric (pack, "aging.stalled", NULL)->value);
  g_assert_cmpuint (n_open, >, 0);

  /* Replaying the histories gives the same numbers. */
  g_setenv ("RD_METRICS_REPLAY", "1", TRUE);
  replayed = aging_full (demo, s->clock, s->as_of, s->period, s->segment);
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

  g_test_add_func ("/aging/clocks", test_clocks);
  g_test_add_func ("/aging/stalled-slipped-stale", test_stalled_slipped_stale);
  g_test_add_func ("/aging/as-of-before-data", test_as_of_before_data);
  g_test_add_func ("/aging/reentered-stage", test_reentered_stage);
  g_test_add_func ("/aging/open-and-stalled", test_open_and_stalled);
  g_test_add_func ("/aging/slipped-and-stale", test_slipped_and_stale);
  g_test_add_func ("/aging/history", test_history);
  g_test_add_func ("/aging/filters", test_filters);
  g_test_add_func ("/aging/replay-agrees", test_replay_agrees);
  g_test_add_func ("/aging/past-as-of", test_past_as_of);
  g_test_add_func ("/aging/drill-errors", test_drill_errors);
  g_test_add_func ("/aging/aggregates-agree", test_aggregates_agree);
  for (guint i = 0; i < G_N_ELEMENTS (slices); i++)
    {
      g_autofree char *name = g_strdup_printf ("/aging/demo/%s", slices[i].name);
      g_test_add_data_func (name, &slices[i], test_demo);
    }

  rc = g_test_run ();
  g_clear_object (&demo);
  rd_test_rmdir (demo_dir);
  g_free (demo_dir);
  return rc;
}
