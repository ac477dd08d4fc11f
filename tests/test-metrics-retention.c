/* test-metrics-retention.c — recurring revenue, retention and renewals
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hand-built workspaces for the worked check of metrics.md (NRR 102 %),
 * the movements, the ARR bridge, the three start-and-churn policies,
 * reactivation, cohorts, renewals and the edge cases; then the demo company:
 * every number against its records, the bridges, the ratios, and replay.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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
add_account (Fixture    *fx,
             const char *name,
             const char *segment,
             const char *channel,
             const char *owner)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (fx->db,
    "INSERT INTO accounts (name, created_at, segment_id, channel_id, owner_id) VALUES (?1, '2024-01-01',"
    " (SELECT id FROM segments WHERE name = ?2), (SELECT id FROM channels WHERE name = ?3),"
    " (SELECT id FROM people WHERE name = ?4))", NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, segment, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, channel, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, owner, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  return sqlite3_last_insert_rowid (fx->db);
}

/* MRR in currency units for each month from @first: "2026-06", 10.0, 20.0, -1 (end). */
static void
set_mrr (Fixture    *fx,
         gint64      account,
         const char *first,
         ...)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (fx->db,
    "INSERT INTO mrr (account_id, month, mrr_cents) VALUES (?1, ?2, ?3)", NULL);
  int year = atoi (first), month = atoi (first + 5);
  va_list args;
  double value;

  va_start (args, first);
  while ((value = va_arg (args, double)) >= 0)
    {
      char m[8];

      g_snprintf (m, sizeof m, "%04d-%02d", year, month);
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, account);
      sqlite3_bind_text (stmt, 2, m, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, (gint64) llround (value * 100));
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      if (++month > 12)
        {
          month = 1;
          year++;
        }
    }
  va_end (args);
}

#define END -1.0   /* ends the list of set_mrr (); a gap is two calls */

static RdMetricPack *
compute_full (RdWorkspace *ws,
              const char  *as_of,
              const char  *period,
              const char  *segment,
              const char  *owner,
              const char  *source)
{
  g_autoptr(RdFilter) filter = rd_filter_new ();
  g_autoptr(GError) error = NULL;
  RdMetricPack *pack;

  g_assert_true (rd_filter_resolve (filter, ws, as_of, period, segment, NULL, owner, source, &error));
  g_assert_no_error (error);
  pack = rd_metrics_compute (ws, filter, "retention", &error);
  g_assert_no_error (error);
  g_assert_nonnull (pack);
  return pack;
}

static RdMetricPack *
compute (Fixture    *fx,
         const char *as_of,
         const char *period)
{
  return compute_full (fx->ws, as_of, period, NULL, NULL, NULL);
}


/* The drill list of a metric: row count and the sum of @column (or the
 * query's own sum column when NULL). */
static void
drill (RdWorkspace        *ws,
       const RdMetricPack *pack,
       const char         *id,
       const char         *bucket,
       const char         *column,
       double              scale,
       gint64             *count,
       double             *sum)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdQuery) q = rd_metrics_drill_query (ws, pack->filter, id, bucket, &error);

  g_assert_no_error (error);
  g_assert_nonnull (q);
  if (column)
    {
      g_free (q->sum_column);
      q->sum_column = g_strdup (column);
      q->sum_scale = scale;
    }
  g_assert_true (rd_query_aggregate (ws, q, count, sum, &error));
  g_assert_no_error (error);
}

/* The metric's list counts or sums to its value, or for a ratio when
 * @numerator is TRUE, to its numerator. */
static void
assert_drill_gives (RdWorkspace        *ws,
                    const RdMetricPack *pack,
                    const char         *id,
                    const char         *bucket,
                    gboolean            numerator)
{
  const RdMetric *m = rd_test_metric (pack, id, bucket);
  double expected = numerator ? m->numerator : m->value;
  gint64 count = 0;
  double sum = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdQuery) q = rd_metrics_drill_query (ws, pack->filter, id, bucket, &error);

  g_assert_no_error (error);
  g_assert_true (m->drillable);
  g_assert_true (rd_query_aggregate (ws, q, &count, &sum, &error));
  g_assert_no_error (error);
  if (fabs ((q->sum_column ? sum : (double) count) - expected) > 1e-6 * MAX (1.0, fabs (expected)))
    g_error ("%s / %s = %.6f but its %" G_GINT64_FORMAT " records give %.6f", id, bucket ? bucket : "",
             expected, count, q->sum_column ? sum : (double) count);
}

static void
assert_drill_matches (RdWorkspace        *ws,
                      const RdMetricPack *pack,
                      const char         *id,
                      const char         *bucket)
{
  assert_drill_gives (ws, pack, id, bucket, FALSE);
}

/* ------------------------------------------------------ the worked check */

/* metrics.md: 5,000,000 + 600,000 − 200,000 − 300,000 over 5,000,000 = 102 %.
 * Four accounts hold 5,000,000 of MRR in June 2026; over 2026-Q3 one expands
 * by 600,000 in two steps, one contracts by 200,000 in two steps, one
 * churns its 300,000, one stays. A new account and a reactivation do not
 * count. */
static void
build_worked_check (Fixture *fx)
{
  gint64 a = add_account (fx, "Expands", "SMB", "Inbound", NULL);
  gint64 b = add_account (fx, "Contracts", "SMB", "Outbound", NULL);
  gint64 c = add_account (fx, "Churns", "Enterprise", "Inbound", NULL);
  gint64 d = add_account (fx, "Stays", "Enterprise", "Partner", NULL);
  gint64 e = add_account (fx, "New in August", "SMB", "Inbound", NULL);
  gint64 f = add_account (fx, "Comes back", "SMB", "Events", NULL);

  rd_test_exec (fx->db, "UPDATE settings SET as_of_date = '2026-09-30'");
  set_mrr (fx, a, "2026-06", 2000000.0, 2300000.0, 2600000.0, 2600000.0, END);
  set_mrr (fx, b, "2026-06", 1000000.0, 1000000.0, 900000.0, 800000.0, END);
  set_mrr (fx, c, "2026-06", 300000.0, 300000.0, END);
  set_mrr (fx, d, "2026-06", 1700000.0, 1700000.0, 1700000.0, 1700000.0, END);
  set_mrr (fx, e, "2026-08", 400000.0, 400000.0, END);
  set_mrr (fx, f, "2026-03", 100000.0, END);
  set_mrr (fx, f, "2026-08", 50000.0, 50000.0, END);
}

static void
test_worked_check (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(RdMetricPack) pack = NULL;
  const RdMetric *nrr, *grr, *logo;

  build_worked_check (fx);
  pack = compute (fx, NULL, "2026-Q3");

  nrr = rd_test_metric (pack, "retention.nrr", NULL);
  g_assert_true (nrr->defined);
  g_assert_true (nrr->is_ratio);
  g_assert_cmpfloat_with_epsilon (nrr->numerator, 5000000.0 + 600000.0 - 200000.0 - 300000.0, EPS);
  g_assert_cmpfloat_with_epsilon (nrr->denominator, 5000000.0, EPS);
  g_assert_cmpfloat_with_epsilon (nrr->value, 102.0, EPS);
  g_assert_cmpstr (nrr->note, ==, "start-and-churn: exclude");
  g_assert_cmpstr (nrr->definition_key, ==, "nrr");
  g_assert_cmpint (nrr->definition_version, >, 0);

  grr = rd_test_metric (pack, "retention.grr", NULL);
  g_assert_cmpfloat_with_epsilon (grr->numerator, 4500000.0, EPS);
  g_assert_cmpfloat_with_epsilon (grr->denominator, 5000000.0, EPS);
  g_assert_cmpfloat_with_epsilon (grr->value, 90.0, EPS);

  logo = rd_test_metric (pack, "retention.logo", NULL);
  g_assert_cmpfloat_with_epsilon (logo->numerator, 3, EPS);
  g_assert_cmpfloat_with_epsilon (logo->denominator, 4, EPS);
  g_assert_cmpfloat_with_epsilon (logo->value, 75.0, EPS);

  /* Month by month. */
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.mrr", "2026-07"), 5300000.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.mrr", "2026-08"), 5650000.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.mrr", "2026-09"), 5550000.0, EPS);
  g_assert_null (rd_metric_pack_find (pack, "retention.mrr", "2026-06"));
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.expansion", "2026-07"), 300000.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.expansion", "2026-08"), 300000.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.expansion", "2026-09"), 0.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.contraction", "2026-08"), 100000.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.contraction", "2026-09"), 100000.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.churn", "2026-08"), 300000.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.churn", "2026-07"), 0.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.new", "2026-08"), 400000.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.reactivation", "2026-08"), 50000.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.new", "2026-07"), 0.0, EPS);

  /* The ARR bridge adds up exactly. */
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.arr_start", NULL), 12 * 5000000.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.arr_new", NULL), 12 * 400000.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.arr_reactivation", NULL), 12 * 50000.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.arr_expansion", NULL), 12 * 600000.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.arr_contraction", NULL), 12 * 200000.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.arr_churn", NULL), 12 * 300000.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.arr_end", NULL), 12 * 5550000.0, EPS);
  g_assert_cmpfloat (rd_test_value (pack, "retention.arr_check", NULL), ==, 0.0);

  /* Every number has its records. */
  {
    const char *ids[] = { "retention.mrr", "retention.new", "retention.reactivation", "retention.expansion",
                          "retention.contraction", "retention.churn" };
    const char *months[] = { "2026-07", "2026-08", "2026-09" };
    const char *bridge[] = { "retention.arr_start", "retention.arr_new", "retention.arr_reactivation",
                             "retention.arr_expansion", "retention.arr_contraction", "retention.arr_churn",
                             "retention.arr_end", "retention.arr_check" };
    gint64 count;
    double sum;

    for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
      for (guint j = 0; j < G_N_ELEMENTS (months); j++)
        assert_drill_matches (fx->ws, pack, ids[i], months[j]);
    for (guint i = 0; i < G_N_ELEMENTS (bridge); i++)
      assert_drill_matches (fx->ws, pack, bridge[i], NULL);

    drill (fx->ws, pack, "retention.churn", "2026-08", NULL, 0, &count, &sum);
    g_assert_cmpint (count, ==, 1);
    drill (fx->ws, pack, "retention.arr_expansion", NULL, NULL, 0, &count, &sum);
    g_assert_cmpint (count, ==, 1);

    /* The NRR list: the four start accounts, numerator and base as columns. */
    drill (fx->ws, pack, "retention.nrr", NULL, NULL, 0, &count, &sum);
    g_assert_cmpint (count, ==, 4);
    g_assert_cmpfloat_with_epsilon (sum, nrr->numerator, 1e-6);
    drill (fx->ws, pack, "retention.nrr", NULL, "base_cents", 0.01, &count, &sum);
    g_assert_cmpfloat_with_epsilon (sum, nrr->denominator, 1e-6);
    drill (fx->ws, pack, "retention.grr", NULL, NULL, 0, &count, &sum);
    g_assert_cmpfloat_with_epsilon (sum, grr->numerator, 1e-6);
    drill (fx->ws, pack, "retention.logo", NULL, NULL, 0, &count, &sum);
    g_assert_cmpfloat_with_epsilon (sum, 3, EPS);
    drill (fx->ws, pack, "retention.logo", NULL, "counts", 1, &count, &sum);
    g_assert_cmpfloat_with_epsilon (sum, 4, EPS);
  }
}

/* A single month: the window is that month against the one before. */
static void
test_single_month (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(RdMetricPack) pack = NULL;

  build_worked_check (fx);
  pack = compute (fx, NULL, "2026-08");
  /* July → August: A +300,000, B −100,000, C churns 300,000 of 5,300,000. */
  g_assert_cmpfloat_with_epsilon (rd_test_metric (pack, "retention.nrr", NULL)->denominator, 5300000.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.nrr", NULL), 5200000.0 / 5300000.0 * 100, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.arr_start", NULL), 12 * 5300000.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.arr_end", NULL), 12 * 5650000.0, EPS);
  g_assert_null (rd_metric_pack_find (pack, "retention.mrr", "2026-07"));
  g_assert_cmpfloat (rd_test_value (pack, "retention.arr_check", NULL), ==, 0.0);
}

/* ------------------------------------------------------ start-and-churn */

/* Two accounts active at the start (June): A stays at 1,000, B churns its
 * 1,000 in August. C starts in July at 500, grows to 600 in August and is
 * gone in September: it starts and churns inside the window. D starts in
 * August and stays (new, never in the rates). */
static void
build_start_and_churn (Fixture *fx)
{
  gint64 a = add_account (fx, "A stays", NULL, NULL, NULL);
  gint64 b = add_account (fx, "B churns", NULL, NULL, NULL);
  gint64 c = add_account (fx, "C starts and churns", NULL, NULL, NULL);
  gint64 d = add_account (fx, "D new", NULL, NULL, NULL);

  rd_test_exec (fx->db, "UPDATE settings SET as_of_date = '2026-09-30'");
  set_mrr (fx, a, "2026-06", 1000.0, 1000.0, 1000.0, 1000.0, END);
  set_mrr (fx, b, "2026-06", 1000.0, 1000.0, END);
  set_mrr (fx, c, "2026-07", 500.0, 600.0, END);
  set_mrr (fx, d, "2026-08", 700.0, 700.0, END);
}

static void
assert_bridge_adds_up (const RdMetricPack *pack)
{
  double parts = rd_test_value (pack, "retention.arr_start", NULL) + rd_test_value (pack, "retention.arr_new", NULL) +
                 rd_test_value (pack, "retention.arr_reactivation", NULL) + rd_test_value (pack, "retention.arr_expansion", NULL) -
                 rd_test_value (pack, "retention.arr_contraction", NULL) - rd_test_value (pack, "retention.arr_churn", NULL);

  g_assert_cmpfloat_with_epsilon (parts, rd_test_value (pack, "retention.arr_end", NULL), 1e-6);
  g_assert_cmpfloat (rd_test_value (pack, "retention.arr_check", NULL), ==, 0.0);
}

static void
test_start_and_churn (Fixture       *fx,
                      gconstpointer  data)
{
  static const struct
  {
    const char *policy;
    double nrr_num, base, logo_num, logo_den;
    gint64 rows;
  } cases[] = {
    /* exclude: C is listed, counts 0; the base is A and B. */
    { "exclude", 1000.0, 2000.0, 1, 2, 3 },
    /* churn: C joins the base at its peak (600) and churns all of it. */
    { "churn", 1000.0, 2600.0, 1, 3, 3 },
    /* ignore: C is not there at all. */
    { "ignore", 1000.0, 2000.0, 1, 2, 2 },
  };

  build_start_and_churn (fx);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE settings SET start_churn_policy = '%s'", cases[i].policy);
      g_autofree char *note = g_strdup_printf ("start-and-churn: %s", cases[i].policy);
      g_autoptr(RdMetricPack) pack = NULL;
      const RdMetric *nrr, *grr, *logo;
      gint64 count;
      double sum;

      rd_test_exec (fx->db, sql);
      pack = compute (fx, NULL, "2026-Q3");

      nrr = rd_test_metric (pack, "retention.nrr", NULL);
      grr = rd_test_metric (pack, "retention.grr", NULL);
      logo = rd_test_metric (pack, "retention.logo", NULL);
      g_assert_cmpstr (nrr->note, ==, note);
      g_assert_cmpstr (grr->note, ==, note);
      g_assert_cmpstr (logo->note, ==, note);

      g_assert_cmpfloat_with_epsilon (nrr->numerator, cases[i].nrr_num, EPS);
      g_assert_cmpfloat_with_epsilon (nrr->denominator, cases[i].base, EPS);
      g_assert_cmpfloat_with_epsilon (nrr->value, cases[i].nrr_num / cases[i].base * 100, EPS);
      /* No expansion among the counted accounts: GRR = NRR here. */
      g_assert_cmpfloat_with_epsilon (grr->value, cases[i].nrr_num / cases[i].base * 100, EPS);
      g_assert_cmpfloat_with_epsilon (logo->numerator, cases[i].logo_num, EPS);
      g_assert_cmpfloat_with_epsilon (logo->denominator, cases[i].logo_den, EPS);
      g_assert_cmpfloat_with_epsilon (logo->value, cases[i].logo_num / cases[i].logo_den * 100, EPS);

      /* The list shows the base with what each counts for. */
      drill (fx->ws, pack, "retention.nrr", NULL, NULL, 0, &count, &sum);
      g_assert_cmpint (count, ==, cases[i].rows);
      g_assert_cmpfloat_with_epsilon (sum, cases[i].nrr_num, 1e-6);
      drill (fx->ws, pack, "retention.nrr", NULL, "base_cents", 0.01, &count, &sum);
      g_assert_cmpfloat_with_epsilon (sum, cases[i].base, 1e-6);
      drill (fx->ws, pack, "retention.logo", NULL, "counts", 1, &count, &sum);
      g_assert_cmpfloat_with_epsilon (sum, cases[i].logo_den, EPS);

      /* The policy never touches the bridge: C's new and churn are in it. */
      g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.arr_start", NULL), 12 * 2000.0, EPS);
      g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.arr_new", NULL), 12 * (500.0 + 700.0), EPS);
      g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.arr_expansion", NULL), 12 * 100.0, EPS);
      g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.arr_churn", NULL), 12 * (1000.0 + 600.0), EPS);
      g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.arr_end", NULL), 12 * 1700.0, EPS);
      g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.churn", "2026-09"), 600.0, EPS);
      assert_bridge_adds_up (pack);
    }
}

/* ------------------------------------------------------- reactivation */

static void
test_reactivation (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(RdMetricPack) pack = NULL;
  gint64 back = add_account (fx, "Back after a gap", NULL, NULL, NULL);
  gint64 zero = add_account (fx, "Zero row", NULL, NULL, NULL);
  gint64 loop = add_account (fx, "Churns and returns inside", NULL, NULL, NULL);
  gint64 count;
  double sum;

  rd_test_exec (fx->db, "UPDATE settings SET as_of_date = '2026-09-30'");
  /* Active Jan–Mar, nothing Apr–Jun, back in July: a reactivation. */
  set_mrr (fx, back, "2026-01", 100.0, 100.0, 100.0, END);
  set_mrr (fx, back, "2026-07", 150.0, 150.0, 150.0, END);
  /* A row of 0 is no revenue: churn in August, reactivation in September. */
  set_mrr (fx, zero, "2026-06", 200.0, 200.0, 0.0, 250.0, END);
  /* Active at start, gone in July, back at 800 in August, up to 900 in September. */
  set_mrr (fx, loop, "2026-06", 1000.0, END);
  set_mrr (fx, loop, "2026-08", 800.0, 900.0, END);

  pack = compute (fx, NULL, "2026-Q3");
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.reactivation", "2026-07"), 150.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.new", "2026-07"), 0.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.churn", "2026-07"), 1000.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.churn", "2026-08"), 200.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.reactivation", "2026-08"), 800.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.reactivation", "2026-09"), 250.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.expansion", "2026-09"), 100.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.mrr", "2026-08"), 150.0 + 800.0, EPS);
  drill (fx->ws, pack, "retention.mrr", "2026-08", NULL, 0, &count, &sum);
  g_assert_cmpint (count, ==, 2);   /* the 0 row is not revenue */
  assert_bridge_adds_up (pack);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.arr_reactivation", NULL), 12 * (150.0 + 800.0 + 250.0), EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.arr_new", NULL), 0.0, EPS);

  /* Start accounts: "zero" (200) and "loop" (1,000). As metrics.md's
   * formula reads: loop keeps its churn of 1,000, its reactivation of 800
   * is left out and its later expansion of 100 counts; zero churns 200 and
   * its return of 250 is left out. NRR = (1,200 + 100 − 1,200) / 1,200. */
  {
    const RdMetric *nrr = rd_test_metric (pack, "retention.nrr", NULL);
    const RdMetric *grr = rd_test_metric (pack, "retention.grr", NULL);
    const RdMetric *logo = rd_test_metric (pack, "retention.logo", NULL);

    g_assert_cmpfloat_with_epsilon (nrr->denominator, 1200.0, EPS);
    g_assert_cmpfloat_with_epsilon (nrr->numerator, 100.0, EPS);
    g_assert_cmpfloat_with_epsilon (grr->numerator, 0.0, EPS);
    g_assert_cmpfloat_with_epsilon (grr->value, 0.0, EPS);
    /* Both are active again at the end: logos retained. */
    g_assert_cmpfloat_with_epsilon (logo->value, 100.0, EPS);
  }

  /* The cohort of "back" is January, not July. */
  g_assert_cmpfloat_with_epsilon (rd_test_metric (pack, "retention.cohort_logo", "2026-01/0")->denominator, 1, EPS);
  g_assert_false (rd_test_metric (pack, "retention.cohort_logo", "2026-07/0")->defined);
}

/* -------------------------------------------------------------- cohorts */

static void
test_cohorts (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(RdMetricPack) pack = NULL;
  gint64 x = add_account (fx, "X", NULL, NULL, NULL);
  gint64 y = add_account (fx, "Y", NULL, NULL, NULL);
  gint64 old = add_account (fx, "Old", NULL, NULL, NULL);
  const RdMetric *m;
  gint64 count;
  double sum;
  guint n_cells = 0;

  rd_test_exec (fx->db, "UPDATE settings SET as_of_date = '2026-09-30'");
  set_mrr (fx, x, "2026-07", 100.0, 100.0, END);              /* churns in September */
  set_mrr (fx, y, "2026-07", 300.0, 400.0, 400.0, END);       /* expands in August */
  set_mrr (fx, old, "2025-09", 50.0, 50.0, END);              /* a cohort 12 months back */

  pack = compute (fx, NULL, NULL);

  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.cohort_logo", "2026-07/0"), 100.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.cohort_revenue", "2026-07/0"), 100.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.cohort_logo", "2026-07/1"), 100.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.cohort_revenue", "2026-07/1"), 125.0, EPS);
  m = rd_test_metric (pack, "retention.cohort_logo", "2026-07/2");
  g_assert_cmpfloat_with_epsilon (m->numerator, 1, EPS);
  g_assert_cmpfloat_with_epsilon (m->denominator, 2, EPS);
  g_assert_cmpfloat_with_epsilon (m->value, 50.0, EPS);
  m = rd_test_metric (pack, "retention.cohort_revenue", "2026-07/2");
  g_assert_cmpfloat_with_epsilon (m->numerator, 400.0, EPS);
  g_assert_cmpfloat_with_epsilon (m->denominator, 400.0, EPS);
  g_assert_null (rd_metric_pack_find (pack, "retention.cohort_logo", "2026-07/3"));

  /* The twelve cohorts end at the as-of month: 2025-10 … 2026-09. */
  g_assert_null (rd_metric_pack_find (pack, "retention.cohort_logo", "2025-09/0"));
  rd_test_assert_undefined (pack, "retention.cohort_logo", "2025-10/0", "2025-10");
  rd_test_assert_undefined (pack, "retention.cohort_revenue", "2026-08/1", "2026-08");
  for (guint i = 0; i < pack->metrics->len; i++)
    if (g_str_equal (((RdMetric *) g_ptr_array_index (pack->metrics, i))->id, "retention.cohort_logo"))
      n_cells++;
  g_assert_cmpuint (n_cells, ==, 12 * 13 / 2);

  /* The lists: the cohort's accounts with their MRR k months later. */
  drill (fx->ws, pack, "retention.cohort_revenue", "2026-07/1", NULL, 0, &count, &sum);
  g_assert_cmpint (count, ==, 2);
  g_assert_cmpfloat_with_epsilon (sum, 500.0, 1e-9);
  drill (fx->ws, pack, "retention.cohort_revenue", "2026-07/1", "start_cents", 0.01, &count, &sum);
  g_assert_cmpfloat_with_epsilon (sum, 400.0, 1e-9);
  drill (fx->ws, pack, "retention.cohort_logo", "2026-07/2", NULL, 0, &count, &sum);
  g_assert_cmpint (count, ==, 2);
  g_assert_cmpfloat_with_epsilon (sum, 1, EPS);

  /* Bad buckets are refused. */
  {
    const char *bad[] = { "2026-07", "2026-07/3", "2026-13/0", "2024-01/0", "x/1", "2026-07/-1", NULL };
    for (guint i = 0; bad[i]; i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(RdQuery) q = rd_metrics_drill_query (fx->ws, pack->filter, "retention.cohort_logo", bad[i], &error);
        g_assert_null (q);
        g_assert_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID);
      }
  }
}

/* A cohort does not follow the period: its cells run from its first month
 * to the as-of month across quarter and month boundaries, the same in every
 * period, while the period's window only counts its own months. Edits made
 * after the numbers were first read (an account deleted, another moved to a
 * segment, a month taken out) show in the next computation. */
static void
test_cohort_across_periods (Fixture       *fx,
                            gconstpointer  data)
{
  g_autoptr(RdMetricPack) q2 = NULL;
  g_autoptr(RdMetricPack) q3 = NULL;
  g_autoptr(RdMetricPack) july = NULL;
  g_autoptr(RdMetricPack) after = NULL;
  g_autoptr(RdMetricPack) smb = NULL;
  gint64 a = add_account (fx, "April", NULL, NULL, NULL);
  gint64 b = add_account (fx, "July", NULL, NULL, NULL);
  gint64 c = add_account (fx, "July too", NULL, NULL, NULL);
  gint64 z = add_account (fx, "Zero first", NULL, NULL, NULL);
  const char *cells[] = { "2026-04/0", "2026-04/3", "2026-04/5", "2026-07/0", "2026-07/1", "2026-07/2" };

  rd_test_exec (fx->db, "UPDATE settings SET as_of_date = '2026-09-30', fiscal_year_start_month = 2");
  set_mrr (fx, a, "2026-04", 100.0, 100.0, 150.0, 150.0, 150.0, 150.0, END);   /* expands in June */
  set_mrr (fx, b, "2026-07", 200.0, END);                                       /* churns in August */
  set_mrr (fx, c, "2026-07", 300.0, 300.0, 360.0, END);                         /* expands in September */
  set_mrr (fx, z, "2026-06", 0.0, 80.0, 80.0, 80.0, END);                       /* a 0 row, then first MRR in July */

  /* Fiscal 2026-Q2 is May–July: the July cohort's later months (August and
   * September, in Q3) are still its cells. */
  q2 = compute (fx, NULL, "2026-Q2");
  q3 = compute (fx, NULL, "2026-Q3");
  july = compute (fx, NULL, "2026-07");
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      const RdMetric *m2 = rd_test_metric (q2, "retention.cohort_revenue", cells[i]);
      const RdMetric *m3 = rd_test_metric (q3, "retention.cohort_revenue", cells[i]);
      const RdMetric *mj = rd_test_metric (july, "retention.cohort_logo", cells[i]);

      g_assert_cmpfloat_with_epsilon (m2->value, m3->value, EPS);
      g_assert_cmpfloat_with_epsilon (m2->numerator, m3->numerator, EPS);
      g_assert_cmpfloat_with_epsilon (mj->value, rd_test_metric (q3, "retention.cohort_logo", cells[i])->value, EPS);
      assert_drill_gives (fx->ws, q2, "retention.cohort_revenue", cells[i], TRUE);
      assert_drill_gives (fx->ws, july, "retention.cohort_logo", cells[i], TRUE);
    }
  g_assert_cmpfloat_with_epsilon (rd_test_value (q2, "retention.cohort_revenue", "2026-04/5"), 150.0, EPS);
  /* July: three accounts (the zero row in June does not make June a cohort). */
  g_assert_cmpfloat_with_epsilon (rd_test_metric (q2, "retention.cohort_logo", "2026-07/0")->denominator, 3, EPS);
  rd_test_assert_undefined (q2, "retention.cohort_logo", "2026-06/0", "2026-06");
  g_assert_cmpfloat_with_epsilon (rd_test_value (q2, "retention.cohort_logo", "2026-07/1"), 200.0 / 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (rd_test_value (q2, "retention.cohort_revenue", "2026-07/2"), 100.0 * 440.0 / 580.0, 1e-9);

  /* The window is the period's: Q2 ends in July (MRR 730, B still active);
   * Q3 sees B's churn and C's expansion. */
  g_assert_cmpfloat_with_epsilon (rd_test_value (q2, "retention.mrr", "2026-07"), 730.0, EPS);
  g_assert_null (rd_metric_pack_find (q2, "retention.mrr", "2026-08"));
  g_assert_cmpfloat_with_epsilon (rd_test_value (q2, "retention.new", "2026-07"), 580.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (q2, "retention.arr_start", NULL), 12 * 100.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (q2, "retention.arr_end", NULL), 12 * 730.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (q3, "retention.churn", "2026-08"), 200.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (q3, "retention.expansion", "2026-09"), 60.0, EPS);
  /* Q3's base is everyone active in July: NRR (730 + 60 − 200) ÷ 730. */
  g_assert_cmpfloat_with_epsilon (rd_test_value (q3, "retention.nrr", NULL), 100.0 * 590.0 / 730.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (rd_test_value (q3, "retention.logo", NULL), 75.0, EPS);
  assert_drill_gives (fx->ws, q3, "retention.nrr", NULL, TRUE);
  assert_drill_gives (fx->ws, q3, "retention.grr", NULL, TRUE);

  /* Edits: B deleted, C moved to SMB, A's June taken out (a churn in June
   * and a reactivation in July). */
  rd_test_exec (fx->db, "DELETE FROM renewals WHERE account_id IN (SELECT id FROM accounts WHERE name = 'July')");
  rd_test_exec (fx->db, "DELETE FROM accounts WHERE name = 'July'");
  rd_test_exec (fx->db, "UPDATE accounts SET segment_id = (SELECT id FROM segments WHERE name = 'SMB')"
                        " WHERE name = 'July too'");
  rd_test_exec (fx->db, "DELETE FROM mrr WHERE month = '2026-06' AND account_id ="
                        " (SELECT id FROM accounts WHERE name = 'April')");
  after = compute (fx, NULL, "2026-Q2");
  g_assert_cmpfloat_with_epsilon (rd_test_metric (after, "retention.cohort_logo", "2026-07/0")->denominator, 2, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (after, "retention.cohort_logo", "2026-04/2"), 0.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (after, "retention.cohort_logo", "2026-04/3"), 100.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (after, "retention.churn", "2026-06"), 100.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (after, "retention.reactivation", "2026-07"), 150.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (after, "retention.mrr", "2026-07"), 530.0, EPS);
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    assert_drill_gives (fx->ws, after, "retention.cohort_revenue", cells[i], TRUE);
  assert_drill_matches (fx->ws, after, "retention.reactivation", "2026-07");
  assert_drill_matches (fx->ws, after, "retention.arr_end", NULL);

  smb = compute_full (fx->ws, NULL, "2026-Q3", "SMB", NULL, NULL);
  g_assert_cmpfloat_with_epsilon (rd_test_metric (smb, "retention.cohort_logo", "2026-07/0")->denominator, 1, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (smb, "retention.cohort_revenue", "2026-07/2"), 120.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (smb, "retention.mrr", "2026-09"), 360.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (smb, "retention.nrr", NULL), 120.0, EPS);
  assert_drill_gives (fx->ws, smb, "retention.cohort_revenue", "2026-07/2", TRUE);
  assert_drill_gives (fx->ws, smb, "retention.nrr", NULL, TRUE);
}

/* ------------------------------------------------------------- renewals */

static void
add_renewal (Fixture    *fx,
             gint64      account,
             const char *date,
             double      amount,
             const char *owner,
             const char *status)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (fx->db,
    "INSERT INTO renewals (account_id, renewal_date, amount_cents, owner_id, status)"
    " VALUES (?1, ?2, ?3, (SELECT id FROM people WHERE name = ?4), ?5)", NULL);

  sqlite3_bind_int64 (stmt, 1, account);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, (gint64) llround (amount * 100));
  sqlite3_bind_text (stmt, 4, owner, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, status, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

static void
test_renewals (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(RdMetricPack) pack = NULL;
  gint64 a, b;
  const RdMetric *m;
  gint64 count;
  double sum;

  rd_test_exec (fx->db, "INSERT INTO people (name) VALUES ('Rita'), ('Sam')");
  rd_test_exec (fx->db, "UPDATE settings SET as_of_date = '2026-09-30'");
  a = add_account (fx, "Alpha", "SMB", NULL, "Rita");
  b = add_account (fx, "Beta", "Enterprise", NULL, "Sam");

  add_renewal (fx, a, "2026-09-30", 1.0, "Rita", "open");       /* on the as-of date: not after it */
  add_renewal (fx, a, "2026-10-01", 1000.0, "Rita", "open");    /* in */
  add_renewal (fx, b, "2026-10-15", 2000.0, NULL, "open");      /* in, no owner */
  add_renewal (fx, b, "2026-12-29", 4000.0, "Sam", "open");     /* as-of + 90 days: in */
  add_renewal (fx, b, "2026-12-30", 8000.0, "Sam", "open");     /* as-of + 91 days: out */
  add_renewal (fx, a, "2026-11-01", 16000.0, "Rita", "renewed"); /* renewed early: settled */
  add_renewal (fx, a, "2026-09-01", 32000.0, NULL, "renewed");  /* settled on its date, before as-of */

  pack = compute (fx, NULL, NULL);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "renewals.due", NULL), 3, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "renewals.due_amount", NULL), 7000.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "renewals.unowned", NULL), 1, EPS);
  m = rd_test_metric (pack, "renewals.owner_coverage", NULL);
  g_assert_true (m->is_ratio);
  g_assert_cmpfloat_with_epsilon (m->numerator, 2, EPS);
  g_assert_cmpfloat_with_epsilon (m->denominator, 3, EPS);
  g_assert_cmpfloat_with_epsilon (m->value, 200.0 / 3.0, EPS);
  assert_drill_matches (fx->ws, pack, "renewals.due", NULL);
  assert_drill_matches (fx->ws, pack, "renewals.due_amount", NULL);
  assert_drill_matches (fx->ws, pack, "renewals.unowned", NULL);
  drill (fx->ws, pack, "renewals.owner_coverage", NULL, NULL, 0, &count, &sum);
  g_assert_cmpint (count, ==, 3);
  g_assert_cmpfloat_with_epsilon (sum, 2, EPS);
  g_clear_pointer (&pack, rd_metric_pack_free);

  /* Seen from August: the renewal of 1 September was still open then. */
  pack = compute (fx, "2026-08-15", NULL);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "renewals.due", NULL), 4, EPS);   /* 09-01, 09-30, 10-01, 10-15 */
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "renewals.due_amount", NULL), 32000.0 + 1.0 + 1000.0 + 2000.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "renewals.unowned", NULL), 2, EPS);
  g_clear_pointer (&pack, rd_metric_pack_free);

  /* Filters apply to the renewal's account. */
  pack = compute_full (fx->ws, NULL, NULL, "Enterprise", NULL, NULL);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "renewals.due", NULL), 2, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "renewals.owner_coverage", NULL), 50.0, EPS);
  g_clear_pointer (&pack, rd_metric_pack_free);
  pack = compute_full (fx->ws, NULL, NULL, NULL, "Rita", NULL);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "renewals.due", NULL), 1, EPS);
  g_clear_pointer (&pack, rd_metric_pack_free);

  /* Nothing due: coverage is undefined, not 0. */
  pack = compute (fx, "2027-06-30", "2027-Q2");
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "renewals.due", NULL), 0, EPS);
  rd_test_assert_undefined (pack, "renewals.owner_coverage", NULL, "2027-06-30");
  g_assert_false (rd_test_metric (pack, "renewals.owner_coverage", NULL)->drillable);
}

/* ---------------------------------------------------------- edge cases */

static void
test_edges (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(RdMetricPack) pack = NULL;

  build_worked_check (fx);

  /* An as-of date before any data: zeros, undefined rates, no cohorts. */
  pack = compute (fx, "2020-02-15", NULL);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.arr_start", NULL), 0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.arr_end", NULL), 0, EPS);
  g_assert_cmpfloat (rd_test_value (pack, "retention.arr_check", NULL), ==, 0.0);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.mrr", "2020-02"), 0, EPS);
  g_assert_null (rd_metric_pack_find (pack, "retention.mrr", "2020-03"));   /* after as-of */
  rd_test_assert_undefined (pack, "retention.nrr", NULL, "2019-12");
  rd_test_assert_undefined (pack, "retention.grr", NULL, "no account had MRR");
  rd_test_assert_undefined (pack, "retention.logo", NULL, "no account had MRR");
  g_assert_false (rd_test_metric (pack, "retention.nrr", NULL)->is_ratio);
  g_assert_cmpstr (rd_test_metric (pack, "retention.nrr", NULL)->note, ==, "start-and-churn: exclude");
  g_assert_null (rd_metric_pack_find (pack, "retention.cohort_logo", "2020-02/0"));
  g_clear_pointer (&pack, rd_metric_pack_free);

  /* "all" before any data. */
  pack = compute (fx, "2020-02-15", "all");
  rd_test_assert_undefined (pack, "retention.arr_start", NULL, "no MRR");
  rd_test_assert_undefined (pack, "retention.arr_check", NULL, "no MRR");
  rd_test_assert_undefined (pack, "retention.nrr", NULL, "no MRR");
  g_clear_pointer (&pack, rd_metric_pack_free);

  /* A period that starts after the as-of date. */
  pack = compute (fx, "2026-09-30", "2026-Q4");
  rd_test_assert_undefined (pack, "retention.arr_new", NULL, "2026-Q4 starts after");
  rd_test_assert_undefined (pack, "retention.nrr", NULL, "2026-Q4 starts after");
  g_assert_null (rd_metric_pack_find (pack, "retention.mrr", "2026-10"));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RdQuery) q = rd_metrics_drill_query (fx->ws, pack->filter, "retention.arr_new", NULL, &error);
    g_assert_null (q);
    g_assert_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID);
  }
  g_clear_pointer (&pack, rd_metric_pack_free);

  /* A quarter still running counts its months up to the as-of month only. */
  pack = compute (fx, "2026-08-20", "2026-Q3");
  g_assert_null (rd_metric_pack_find (pack, "retention.mrr", "2026-09"));
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.arr_end", NULL), 12 * 5650000.0, EPS);
  g_assert_nonnull (strstr (rd_test_metric (pack, "retention.arr_end", NULL)->formula, "2026-08"));
  g_clear_pointer (&pack, rd_metric_pack_free);

  /* "all": from the first MRR month (2026-03), start = nothing. */
  pack = compute (fx, NULL, "all");
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.arr_start", NULL), 0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.mrr", "2026-03"), 100000.0, EPS);
  g_assert_null (rd_metric_pack_find (pack, "retention.mrr", "2026-02"));
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.arr_new", NULL), 12 * (5000000.0 + 100000.0 + 400000.0), EPS);
  rd_test_assert_undefined (pack, "retention.nrr", NULL, "2026-02");
  assert_bridge_adds_up (pack);
  g_clear_pointer (&pack, rd_metric_pack_free);

  /* Filters that match nothing: zeros and undefined rates. */
  pack = compute_full (fx->ws, NULL, "2026-Q3", "Mid-market", NULL, NULL);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.mrr", "2026-08"), 0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.arr_end", NULL), 0, EPS);
  rd_test_assert_undefined (pack, "retention.nrr", NULL, "no account had MRR");
  g_clear_pointer (&pack, rd_metric_pack_free);

  /* Filters on the account: segment and source. */
  pack = compute_full (fx->ws, NULL, "2026-Q3", "Enterprise", NULL, NULL);
  /* Churns (300,000, gone in August) and Stays (1,700,000). */
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.nrr", NULL), 1700000.0 / 2000000.0 * 100, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.churn", "2026-08"), 300000.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.new", "2026-08"), 0.0, EPS);
  assert_drill_matches (fx->ws, pack, "retention.arr_start", NULL);
  assert_drill_matches (fx->ws, pack, "retention.churn", "2026-08");
  g_clear_pointer (&pack, rd_metric_pack_free);
  pack = compute_full (fx->ws, NULL, "2026-Q3", NULL, NULL, "Inbound");
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.arr_start", NULL), 12 * 2300000.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.new", "2026-08"), 400000.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (pack, "retention.nrr", NULL), 2600000.0 / 2300000.0 * 100, EPS);
  assert_drill_matches (fx->ws, pack, "retention.mrr", "2026-09");
  assert_bridge_adds_up (pack);
  g_clear_pointer (&pack, rd_metric_pack_free);

  /* Unknown ids and buckets are refused. */
  pack = compute (fx, NULL, "2026-Q3");
  {
    struct { const char *id, *bucket; } bad[] = {
      { "retention.nope", NULL }, { "retention.mrr", NULL }, { "retention.mrr", "2026-06" },
      { "retention.new", "2026-10" }, { "retention.churn", "July" }, { "retention.nrr", "2026-07" },
      { "renewals.nope", NULL }, { "renewals.due", "x" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(RdQuery) q = rd_metrics_drill_query (fx->ws, pack->filter, bad[i].id, bad[i].bucket, &error);
        if (q != NULL)
          g_error ("%s / %s should be refused", bad[i].id, bad[i].bucket ? bad[i].bucket : "");
        g_assert_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID);
      }
  }

  /* Every metric is described. */
  for (guint i = 0; i < pack->metrics->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (pack->metrics, i);
      g_assert_true (g_str_has_prefix (m->id, "retention.") || g_str_has_prefix (m->id, "renewals."));
      g_assert_nonnull (m->label);
      g_assert_nonnull (m->formula);
      g_assert_cmpstr (m->formula, !=, "");
    }
}

/* ------------------------------------------------------------ the demo */

static RdWorkspace *demo;
static char *demo_dir;

/* by_owner: the view of the owner with the most MRR rows. */
typedef struct { const char *name, *as_of, *period, *segment; gboolean by_owner; } Slice;

static const Slice slices[] = {
  { "current-quarter", NULL, NULL, NULL, FALSE },
  { "previous-quarter", NULL, "2026-Q2", NULL, FALSE },
  { "month-smb", NULL, "2026-07", "SMB", FALSE },
  { "all-time", NULL, "all", NULL, FALSE },
  { "past-as-of", "2025-12-31", "2025-Q4", NULL, FALSE },
  { "owner-quarter", NULL, NULL, NULL, TRUE },
  { "owner-all-time", NULL, "all", NULL, TRUE },
};

static RdMetricPack *
demo_compute (const Slice *s)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *owner = NULL;

  if (s->by_owner)
    {
      stmt = rd_db_prepare (_rd_workspace_get_db (demo),
                            "SELECT p.name FROM mrr r JOIN accounts a ON a.id = r.account_id"
                            " JOIN people p ON p.id = a.owner_id GROUP BY p.id ORDER BY count (*) DESC, p.id LIMIT 1",
                            NULL);
      g_assert_nonnull (stmt);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      owner = (const char *) sqlite3_column_text (stmt, 0);
    }
  return compute_full (demo, s->as_of, s->period, s->segment, owner, NULL);
}

static gint64
cents (double money)
{
  return llround (money * 100);
}

static void
test_demo (gconstpointer data)
{
  const Slice *s = data;
  g_autoptr(RdMetricPack) pack = demo_compute (s);
  guint drilled = 0, months = 0;
  double prev_mrr;

  for (guint i = 0; i < pack->metrics->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (pack->metrics, i);

      g_assert_true (g_str_has_prefix (m->id, "retention.") || g_str_has_prefix (m->id, "renewals."));
      if (!m->defined)
        g_assert_nonnull (m->reason);
      if (m->is_ratio && m->defined)
        g_assert_cmpfloat_with_epsilon (m->value, m->numerator / m->denominator * 100,
                                        1e-9 * MAX (1.0, m->value));
      if (!m->drillable || !m->defined)
        continue;
      if (!m->is_ratio)
        assert_drill_matches (demo, pack, m->id, m->bucket);
      else
        {
          /* The list sums to the numerator (its sum column) … */
          gint64 count;
          double sum;
          const char *base = NULL;
          double scale = 1;

          drill (demo, pack, m->id, m->bucket, NULL, 0, &count, &sum);
          g_assert_cmpfloat_with_epsilon (sum, m->numerator, 1e-6 * MAX (1.0, m->numerator));
          /* … and to the denominator. */
          if (g_str_equal (m->id, "retention.nrr") || g_str_equal (m->id, "retention.grr"))
            base = "base_cents", scale = 0.01;
          else if (g_str_equal (m->id, "retention.logo"))
            base = "counts";
          else if (g_str_equal (m->id, "retention.cohort_revenue"))
            base = "start_cents", scale = 0.01;
          if (base)
            {
              drill (demo, pack, m->id, m->bucket, base, scale, &count, &sum);
              g_assert_cmpfloat_with_epsilon (sum, m->denominator, 1e-6 * MAX (1.0, m->denominator));
            }
          else
            g_assert_cmpfloat_with_epsilon ((double) count, m->denominator, EPS);
        }
      drilled++;
    }
  g_assert_cmpuint (drilled, >, 10);

  /* The bridge adds up in cents, and month by month. */
  if (rd_test_metric (pack, "retention.arr_start", NULL)->defined)
    {
      g_assert_cmpint (cents (rd_test_value (pack, "retention.arr_start", NULL)) +
                       cents (rd_test_value (pack, "retention.arr_new", NULL)) +
                       cents (rd_test_value (pack, "retention.arr_reactivation", NULL)) +
                       cents (rd_test_value (pack, "retention.arr_expansion", NULL)) -
                       cents (rd_test_value (pack, "retention.arr_contraction", NULL)) -
                       cents (rd_test_value (pack, "retention.arr_churn", NULL)), ==,
                       cents (rd_test_value (pack, "retention.arr_end", NULL)));
      g_assert_cmpfloat (rd_test_value (pack, "retention.arr_check", NULL), ==, 0.0);

      prev_mrr = rd_test_value (pack, "retention.arr_start", NULL) / 12;
      for (guint i = 0; i < pack->metrics->len; i++)
        {
          const RdMetric *m = g_ptr_array_index (pack->metrics, i);
          const char *b = m->bucket;

          if (!g_str_equal (m->id, "retention.mrr"))
            continue;
          g_assert_cmpint (cents (prev_mrr) + cents (rd_test_value (pack, "retention.new", b)) +
                           cents (rd_test_value (pack, "retention.reactivation", b)) +
                           cents (rd_test_value (pack, "retention.expansion", b)) -
                           cents (rd_test_value (pack, "retention.contraction", b)) -
                           cents (rd_test_value (pack, "retention.churn", b)), ==, cents (m->value));
          prev_mrr = m->value;
          months++;
        }
      g_assert_cmpuint (months, >, 0);
      g_assert_cmpint (cents (prev_mrr * 12), ==, cents (rd_test_value (pack, "retention.arr_end", NULL)));
    }
}

static void
test_demo_replay (gconstpointer data)
{
  const Slice *s = data;
  g_autoptr(RdMetricPack) fast = demo_compute (s);
  g_autoptr(RdMetricPack) replayed = NULL;

  g_setenv ("RD_METRICS_REPLAY", "1", TRUE);
  replayed = demo_compute (s);
  g_unsetenv ("RD_METRICS_REPLAY");

  g_assert_cmpuint (fast->metrics->len, ==, replayed->metrics->len);
  for (guint i = 0; i < fast->metrics->len; i++)
    {
      const RdMetric *a = g_ptr_array_index (fast->metrics, i);
      const RdMetric *b = g_ptr_array_index (replayed->metrics, i);

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpstr (a->bucket, ==, b->bucket);
      g_assert_cmpint (a->defined, ==, b->defined);
      g_assert_cmpfloat (a->value, ==, b->value);
    }
}

static int
month_index (const char *month)
{
  return atoi (month) * 12 + atoi (month + 5) - 1;
}

typedef struct
{
  gint64   v[64];        /* MRR from the month before the window to its last month */
  gboolean ever;         /* MRR > 0 in some month before the window's start */
} Walk;

static void
walk_account (const Walk *w,
              int         n,
              gint64     *start,
              gint64     *nrr,
              gint64     *grr,
              gint64     *new_cents,
              gint64     *end)
{
  gint64 exp = 0, con = 0, churn = 0;
  gboolean ever = w->ever || w->v[0] > 0;

  for (int i = 1; i <= n; i++)
    {
      gint64 p = w->v[i - 1], c = w->v[i];

      if (p == 0 && c > 0 && !ever)
        *new_cents += c;
      else if (p > 0 && c == 0)
        churn += p;
      else if (p > 0 && c > p)
        exp += c - p;
      else if (p > 0 && c < p)
        con += p - c;
      ever = ever || c > 0;
    }
  *end += w->v[n];
  if (w->v[0] > 0)
    {
      *start += w->v[0];
      *nrr += w->v[0] + exp - con - churn;
      *grr += w->v[0] - con - churn;
    }
}

/* The current quarter's NRR, GRR, new ARR and end ARR from first
 * principles: a plain walk over the mrr table in C. */
static void
test_demo_independent (void)
{
  g_autoptr(RdMetricPack) pack = demo_compute (&slices[0]);
  sqlite3 *db = _rd_workspace_get_db (demo);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *first = NULL, *last = NULL;
  gint64 start = 0, nrr = 0, grr = 0, new_cents = 0, end = 0, current = -1;
  Walk w;
  int f, n, rc;

  for (guint i = 0; i < pack->metrics->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (pack->metrics, i);
      if (g_str_equal (m->id, "retention.mrr"))
        {
          first = first ? first : m->bucket;
          last = m->bucket;
        }
    }
  g_assert_nonnull (first);
  f = month_index (first) - 1;
  n = month_index (last) - f;
  g_assert_cmpint (n, <, 64);

  memset (&w, 0, sizeof w);
  stmt = rd_db_prepare (db, "SELECT account_id, month, mrr_cents FROM mrr WHERE month <= ?1"
                            " ORDER BY account_id, month", NULL);
  sqlite3_bind_text (stmt, 1, last, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 account = sqlite3_column_int64 (stmt, 0);
      int i = month_index ((const char *) sqlite3_column_text (stmt, 1)) - f;
      gint64 c = sqlite3_column_int64 (stmt, 2);

      if (account != current)
        {
          if (current >= 0)
            walk_account (&w, n, &start, &nrr, &grr, &new_cents, &end);
          memset (&w, 0, sizeof w);
          current = account;
        }
      if (i < 0)
        w.ever = w.ever || c > 0;
      else
        w.v[i] = c;
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  if (current >= 0)
    walk_account (&w, n, &start, &nrr, &grr, &new_cents, &end);

  g_assert_cmpint (start, >, 0);
  g_assert_cmpfloat_with_epsilon (rd_test_metric (pack, "retention.nrr", NULL)->denominator, start * 0.01, 1e-6);
  g_assert_cmpfloat_with_epsilon (rd_test_metric (pack, "retention.nrr", NULL)->numerator, nrr * 0.01, 1e-6);
  g_assert_cmpfloat_with_epsilon (rd_test_metric (pack, "retention.grr", NULL)->numerator, grr * 0.01, 1e-6);
  g_assert_cmpint (cents (rd_test_value (pack, "retention.arr_new", NULL)), ==, 12 * new_cents);
  g_assert_cmpint (cents (rd_test_value (pack, "retention.arr_end", NULL)), ==, 12 * end);
  g_assert_cmpint (cents (rd_test_value (pack, "retention.arr_start", NULL)), ==, 12 * start);
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

  g_test_add ("/retention/worked-check", Fixture, NULL, fixture_setup, test_worked_check, fixture_teardown);
  g_test_add ("/retention/single-month", Fixture, NULL, fixture_setup, test_single_month, fixture_teardown);
  g_test_add ("/retention/start-and-churn", Fixture, NULL, fixture_setup, test_start_and_churn, fixture_teardown);
  g_test_add ("/retention/reactivation", Fixture, NULL, fixture_setup, test_reactivation, fixture_teardown);
  g_test_add ("/retention/cohorts", Fixture, NULL, fixture_setup, test_cohorts, fixture_teardown);
  g_test_add ("/retention/cohort-across-periods", Fixture, NULL, fixture_setup, test_cohort_across_periods,
              fixture_teardown);
  g_test_add ("/retention/renewals", Fixture, NULL, fixture_setup, test_renewals, fixture_teardown);
  g_test_add ("/retention/edges", Fixture, NULL, fixture_setup, test_edges, fixture_teardown);

  demo_dir = rd_test_tmpdir ();
  path = g_build_filename (demo_dir, "demo.revdeck", NULL);
  demo = rd_demo_create (path, &options, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (slices); i++)
    {
      g_autofree char *a = g_strdup_printf ("/retention/demo/%s", slices[i].name);
      g_autofree char *b = g_strdup_printf ("/retention/demo-replay/%s", slices[i].name);
      g_test_add_data_func (a, &slices[i], test_demo);
      g_test_add_data_func (b, &slices[i], test_demo_replay);
    }
  g_test_add_func ("/retention/demo/independent-nrr", test_demo_independent);

  rc = g_test_run ();
  g_clear_object (&demo);
  rd_test_rmdir (demo_dir);
  g_free (demo_dir);
  return rc;
}
