/* test-metrics-change.c — pipeline change between two dates
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each cause of the bridge on a hand-built workspace, several windows, and
 * on the demo company: the bridge adds up to the cent for many (A, B)
 * pairs, drill lists agree with the numbers, the start and end agree with
 * the open pipeline that coverage computes as of those dates, and the
 * replay of every history gives the same numbers as the fast path.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "rd-aggregates.h"
#include "rd-demo.h"
#include "rd-filter.h"
#include "rd-metrics.h"
#include "rd-test-deals.h"
#include "rd-test-util.h"
#include "rd-workspace-private.h"

#define EPS 1e-9

typedef struct
{
  const char *as_of;
  const char *period;
  const char *segment;
  const char *region;
  const char *owner;
  const char *source;
  const char *from;         /* change_from, or NULL */
  const char *to;           /* change_to, or NULL */
} Slice;

static RdFilter *
make_filter (RdWorkspace *ws,
             const Slice *s)
{
  g_autoptr(GError) error = NULL;
  RdFilter *filter = rd_filter_new ();

  g_assert_true (rd_filter_resolve (filter, ws, s->as_of, s->period, s->segment, s->region,
                                    s->owner, s->source, &error));
  g_assert_no_error (error);
  if (s->from)
    g_strlcpy (filter->change_from, s->from, sizeof filter->change_from);
  if (s->to)
    g_strlcpy (filter->change_to, s->to, sizeof filter->change_to);
  return filter;
}

static RdMetricPack *
compute_group (RdWorkspace *ws,
               const Slice *s,
               const char  *group)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdFilter) filter = make_filter (ws, s);
  RdMetricPack *pack = rd_metrics_compute (ws, filter, group, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pack);
  return pack;
}

static const char *const bridge_ids[] = {
  "change.start", "change.new", "change.pulled_in", "change.increased", "change.won",
  "change.lost", "change.pushed_out", "change.decreased", "change.end",
};
static const int bridge_signs[] = { 1, 1, 1, 1, -1, -1, -1, -1, -1 };

static RdMetricPack *
compute (RdWorkspace *ws,
         const Slice *s)
{
  return compute_group (ws, s, "change");
}

static gint64
cents (const RdMetricPack *p,
       const char         *id)
{
  return llround (rd_test_value (p, id, NULL) * 100);
}

/* The bridge adds up in whole cents, and change.check says so. */
static void
assert_bridge (const RdMetricPack *p)
{
  gint64 total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (bridge_ids); i++)
    total += bridge_signs[i] * cents (p, bridge_ids[i]);
  g_assert_cmpint (total, ==, 0);
  g_assert_cmpfloat (rd_test_value (p, "change.check", NULL), ==, 0);
  g_assert_false (rd_test_metric (p, "change.check", NULL)->drillable);
}

/* Every drill list sums to its number; returns the ids listed, in order. */
static GArray *
drill_ids (RdWorkspace *ws,
           const Slice *s,
           const char  *id,
           double      *sum,
           GPtrArray   *causes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdFilter) filter = make_filter (ws, s);
  g_autoptr(RdQuery) q = rd_metrics_drill_query (ws, filter, id, NULL, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int id_col = -1, cause_col = -1, amount_col = -1;

  g_assert_no_error (error);
  g_assert_nonnull (q);
  stmt = rd_db_prepare (_rd_workspace_get_db (ws), q->sql->str, NULL);
  g_assert_nonnull (stmt);
  for (guint k = 0; k < q->params->len; k++)
    {
      GVariant *v = g_ptr_array_index (q->params, k);
      if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT64))
        sqlite3_bind_int64 (stmt, k + 1, g_variant_get_int64 (v));
      else
        sqlite3_bind_text (stmt, k + 1, g_variant_get_string (v, NULL), -1, SQLITE_TRANSIENT);
    }
  for (int c = 0; c < sqlite3_column_count (stmt); c++)
    {
      const char *name = sqlite3_column_name (stmt, c);
      if (g_str_equal (name, "id"))
        id_col = c;
      else if (g_str_equal (name, "cause"))
        cause_col = c;
      else if (g_str_equal (name, "amount"))
        amount_col = c;
    }
  g_assert_cmpint (id_col, >=, 0);
  g_assert_cmpint (cause_col, >=, 0);
  g_assert_cmpint (amount_col, >=, 0);
  *sum = 0;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 deal_id = sqlite3_column_int64 (stmt, id_col);
      g_array_append_val (ids, deal_id);
      *sum += sqlite3_column_double (stmt, amount_col);
      if (causes)
        g_ptr_array_add (causes, g_strdup ((const char *) sqlite3_column_text (stmt, cause_col)));
    }
  return ids;
}

static gboolean
has_id (GArray *ids,
        gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
assert_drills (RdWorkspace        *ws,
               const Slice        *s,
               const RdMetricPack *p)
{
  for (guint i = 0; i < G_N_ELEMENTS (bridge_ids); i++)
    {
      double sum;
      g_autoptr(GPtrArray) causes = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GArray) ids = drill_ids (ws, s, bridge_ids[i], &sum, causes);
      const RdMetric *m = rd_test_metric (p, bridge_ids[i], NULL);

      g_assert_true (m->drillable);
      g_assert_cmpfloat_with_epsilon (sum, m->value, 1e-6 * MAX (1, fabs (m->value)));
      /* A cause's list holds that cause only; every listed change is positive. */
      if (i > 0 && i + 1 < G_N_ELEMENTS (bridge_ids))
        for (guint k = 0; k < causes->len; k++)
          g_assert_cmpstr (g_ptr_array_index (causes, k), ==, bridge_ids[i] + 7);
    }
}

/* --------------------------------------------------------- hand-built causes */

typedef struct
{
  gint64 steady, fresh, pulled, up, won, lost, pushed, down, in_and_out, stale_pulled, reopened,
         moved_back, pushed_early, other_segment, closed_before;
} Deals;

static void
close_change (RdTestDeals         *fx,
              gint64      id,
              const char *at,
              const char *old_date,
              const char *new_date)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (fx->db,
    "INSERT INTO close_date_changes (opportunity_id, changed_at, old_date, new_date) VALUES (?1, ?2, ?3, ?4)", NULL);

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, old_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, new_date, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

static void
amount_change (RdTestDeals         *fx,
               gint64      id,
               const char *at,
               gint64      old_cents,
               gint64      new_cents)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (fx->db,
    "INSERT INTO amount_changes (opportunity_id, changed_at, old_cents, new_cents) VALUES (?1, ?2, ?3, ?4)", NULL);

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, old_cents);
  sqlite3_bind_int64 (stmt, 4, new_cents);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

/* Period 2026-Q3 (Jul–Sep, fiscal year from January), as-of 30 Sep. Amounts
 * in units of 10,000 (×1,000,000 cents). */
static RdTestDeals *
causes_fixture (Deals *d)
{
  RdTestDeals *fx = rd_test_deals_new ("2026-09-30");
  const gint64 U = 1000000;

  d->steady = rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-05-01 09:00:00", "2026-08-15", 10 * U / 10, fx->smb, fx->ava, 0 },
                    RD_TEST_HIST ("Discovery", "2026-05-01 09:00:00"));
  d->fresh = rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-07-10 09:00:00", "2026-09-01", 20 * U / 10, fx->smb, fx->ava, 0 },
                   RD_TEST_HIST ("Discovery", "2026-07-10 09:00:00"));
  d->pulled = rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-05-01 09:00:00", "2026-09-10", 30 * U / 10, fx->smb, fx->ava, 0 },
                    RD_TEST_HIST ("Discovery", "2026-05-01 09:00:00"));
  close_change (fx, d->pulled, "2026-07-20 10:00:00", "2026-10-15", "2026-09-10");
  d->up = rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-05-01 09:00:00", "2026-08-20", 45 * U / 10, fx->smb, fx->ava, 0 },
                RD_TEST_HIST ("Proposal", "2026-05-01 09:00:00"));
  amount_change (fx, d->up, "2026-08-01 10:00:00", 40 * U / 10, 45 * U / 10);
  d->won = rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-05-01 09:00:00", "2026-09-05", 55 * U / 10, fx->smb, fx->ava, 0 },
                 RD_TEST_HIST ("Negotiation", "2026-05-01 09:00:00", "Closed Won", "2026-09-05 15:00:00"));
  amount_change (fx, d->won, "2026-08-10 10:00:00", 50 * U / 10, 55 * U / 10);
  d->lost = rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-05-01 09:00:00", "2026-08-25", 60 * U / 10, fx->smb, fx->ava, 0 },
                  RD_TEST_HIST ("Discovery", "2026-05-01 09:00:00", "Closed Lost", "2026-08-03 15:00:00"));
  d->pushed = rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-05-01 09:00:00", "2026-10-20", 70 * U / 10, fx->smb, fx->ava, 0 },
                    RD_TEST_HIST ("Solution", "2026-05-01 09:00:00"));
  close_change (fx, d->pushed, "2026-09-01 10:00:00", "2026-09-20", "2026-10-20");
  d->down = rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-05-01 09:00:00", "2026-09-12", 75 * U / 10, fx->smb, fx->ava, 0 },
                  RD_TEST_HIST ("Solution", "2026-05-01 09:00:00"));
  amount_change (fx, d->down, "2026-07-15 10:00:00", 80 * U / 10, 75 * U / 10);
  /* Created and won inside the window: in neither pipeline. */
  d->in_and_out = rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-07-05 09:00:00", "2026-08-05", 90 * U / 10, fx->smb, fx->ava, 0 },
                        RD_TEST_HIST ("Discovery", "2026-07-05 09:00:00", "Closed Won", "2026-08-05 15:00:00"));
  /* Stale at A (close date 25 Jun), moved into the period. */
  d->stale_pulled = rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-04-01 09:00:00", "2026-08-30", 11 * U / 10, fx->smb, fx->ava, 0 },
                          RD_TEST_HIST ("Discovery", "2026-04-01 09:00:00"));
  close_change (fx, d->stale_pulled, "2026-07-02 10:00:00", "2026-06-25", "2026-08-30");
  /* Lost before A, reopened after it. */
  d->reopened = rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-04-01 09:00:00", "2026-08-10", 12 * U / 10, fx->smb, fx->ava, 0 },
                      RD_TEST_HIST ("Discovery", "2026-04-01 09:00:00", "Closed Lost", "2026-06-20 09:00:00",
                            "Discovery", "2026-07-15 09:00:00"));
  /* Moves back a stage: still the same open deal. */
  d->moved_back = rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-05-01 09:00:00", "2026-09-02", 13 * U / 10, fx->smb, fx->ava, 0 },
                        RD_TEST_HIST ("Solution", "2026-05-01 09:00:00", "Discovery", "2026-08-01 09:00:00"));
  /* Close date moved earlier, out of the period. */
  d->pushed_early = rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-05-01 09:00:00", "2026-06-28", 14 * U / 10, fx->smb, fx->ava, 0 },
                          RD_TEST_HIST ("Discovery", "2026-05-01 09:00:00"));
  close_change (fx, d->pushed_early, "2026-07-05 10:00:00", "2026-08-01", "2026-06-28");
  d->other_segment = rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-05-01 09:00:00", "2026-08-15", 15 * U / 10, fx->ent, fx->ben, 0 },
                           RD_TEST_HIST ("Discovery", "2026-05-01 09:00:00"));
  /* Won before A although its close date lies in the period. */
  d->closed_before = rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-04-01 09:00:00", "2026-07-05", 16 * U / 10, fx->smb, fx->ava, 0 },
                           RD_TEST_HIST ("Discovery", "2026-04-01 09:00:00", "Closed Won", "2026-06-20 09:00:00"));
  rd_test_deals_refresh (fx);
  return fx;
}

static void
assert_cents (const RdMetricPack *p,
              const char         *id,
              gint64              expected)
{
  g_assert_cmpint (cents (p, id), ==, expected);
}

static void
check_causes (gboolean replay)
{
  Deals d;
  g_autoptr(RdTestDeals) fx = NULL;
  const Slice all = { .period = "2026-Q3" };
  const gint64 K = 100000;   /* 1,000 in cents */
  g_autoptr(RdMetricPack) p = NULL;

  if (replay)
    g_setenv ("RD_METRICS_REPLAY", "1", TRUE);
  fx = causes_fixture (&d);
  if (!replay)
    {
      /* What rd_workspace_write does before COMMIT (the fixture writes
       * directly): the numbers then come from agg_deal_states, and must
       * be the ones the records give with RD_METRICS_REPLAY. */
      g_autoptr(GError) error = NULL;

      g_assert_true (rd_aggregates_refresh (_rd_workspace_get_db (fx->ws), &error));
      g_assert_no_error (error);
      g_assert_cmpint (rd_db_query_int (_rd_workspace_get_db (fx->ws),
                                        "SELECT count(*) FROM agg_deal_states_dirty", 1), ==, 0);
    }

  /* A = 1 Jul (start of day), B = 30 Sep. */
  p = compute (fx->ws, &all);
  assert_cents (p, "change.start", 352 * K);
  assert_cents (p, "change.new", 32 * K);
  assert_cents (p, "change.pulled_in", 41 * K);
  assert_cents (p, "change.increased", 5 * K);
  assert_cents (p, "change.won", 50 * K);
  assert_cents (p, "change.lost", 60 * K);
  assert_cents (p, "change.pushed_out", 84 * K);
  assert_cents (p, "change.decreased", 5 * K);
  assert_cents (p, "change.end", 231 * K);
  assert_bridge (p);
  assert_drills (fx->ws, &all, p);
  g_assert_nonnull (strstr (rd_test_metric (p, "change.start", NULL)->note, "2026-07-01"));

  /* Which deal went where. */
  {
    double sum;
    g_autoptr(GArray) fresh = drill_ids (fx->ws, &all, "change.new", &sum, NULL);
    g_autoptr(GArray) pulled = drill_ids (fx->ws, &all, "change.pulled_in", &sum, NULL);
    g_autoptr(GArray) won = drill_ids (fx->ws, &all, "change.won", &sum, NULL);
    g_autoptr(GArray) pushed = drill_ids (fx->ws, &all, "change.pushed_out", &sum, NULL);
    g_autoptr(GArray) start = drill_ids (fx->ws, &all, "change.start", &sum, NULL);
    g_autoptr(GArray) end = drill_ids (fx->ws, &all, "change.end", &sum, NULL);

    g_assert_cmpuint (fresh->len, ==, 2);
    g_assert_true (has_id (fresh, d.fresh) && has_id (fresh, d.reopened));
    g_assert_cmpuint (pulled->len, ==, 2);
    g_assert_true (has_id (pulled, d.pulled) && has_id (pulled, d.stale_pulled));
    g_assert_cmpuint (won->len, ==, 1);
    g_assert_true (has_id (won, d.won));
    g_assert_true (has_id (pushed, d.pushed) && has_id (pushed, d.pushed_early));
    g_assert_cmpuint (start->len, ==, 9);
    g_assert_true (has_id (start, d.steady) && has_id (start, d.moved_back) && !has_id (start, d.closed_before));
    g_assert_false (has_id (start, d.in_and_out) || has_id (end, d.in_and_out));
    g_assert_cmpuint (end->len, ==, 9);
  }

  /* A filter: the other segment's steady deal leaves start and end alike. */
  {
    g_autoptr(RdMetricPack) s = compute (fx->ws, &(Slice) { .period = "2026-Q3", .segment = "SMB" });
    assert_cents (s, "change.start", 337 * K);
    assert_cents (s, "change.end", 216 * K);
    assert_cents (s, "change.pushed_out", 84 * K);
    assert_bridge (s);
  }

  /* B = 31 Aug: the won deal is still open (and grew), the pushed one not yet moved. */
  {
    const Slice aug = { .period = "2026-Q3", .to = "2026-08-31" };
    g_autoptr(RdMetricPack) s = compute (fx->ws, &aug);
    assert_cents (s, "change.start", 352 * K);
    assert_cents (s, "change.new", 32 * K);
    assert_cents (s, "change.pulled_in", 41 * K);
    assert_cents (s, "change.increased", 10 * K);
    assert_cents (s, "change.won", 0);
    assert_cents (s, "change.lost", 60 * K);
    assert_cents (s, "change.pushed_out", 14 * K);
    assert_cents (s, "change.decreased", 5 * K);
    assert_cents (s, "change.end", 356 * K);
    assert_bridge (s);
    assert_drills (fx->ws, &aug, s);
  }

  /* A = 1 Aug: the deal created and won inside July/August now starts in the pipeline. */
  {
    const Slice from_aug = { .period = "2026-Q3", .from = "2026-08-01" };
    g_autoptr(RdMetricPack) s = compute (fx->ws, &from_aug);
    assert_cents (s, "change.start", 496 * K);
    assert_cents (s, "change.new", 0);
    assert_cents (s, "change.pulled_in", 0);
    assert_cents (s, "change.increased", 5 * K);
    assert_cents (s, "change.won", 140 * K);
    assert_cents (s, "change.lost", 60 * K);
    assert_cents (s, "change.pushed_out", 70 * K);
    assert_cents (s, "change.decreased", 0);
    assert_cents (s, "change.end", 231 * K);
    assert_bridge (s);
    assert_drills (fx->ws, &from_aug, s);
  }

  /* A window whose start is after its end, or after as-of: undefined, with the reason. */
  {
    g_autoptr(RdMetricPack) s = compute (fx->ws, &(Slice) { .period = "2026-Q3", .from = "2026-09-15", .to = "2026-09-01" });
    g_autoptr(RdMetricPack) t = compute (fx->ws, &(Slice) { .period = "2026-Q3", .from = "2026-10-05" });
    g_autoptr(GError) error = NULL;
    g_autoptr(RdFilter) f = make_filter (fx->ws, &(Slice) { .period = "2026-Q3", .from = "2026-10-05" });
    g_autoptr(RdQuery) q = NULL;

    rd_test_assert_undefined (s, "change.start", NULL, "after its end");
    rd_test_assert_undefined (s, "change.check", NULL, "after its end");
    rd_test_assert_undefined (t, "change.end", NULL, "as-of");
    q = rd_metrics_drill_query (fx->ws, f, "change.new", NULL, &error);
    g_assert_null (q);
    g_assert_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID);
  }

  /* A filter that matches nothing, and an as-of before any data: all 0, still a bridge. */
  {
    g_autoptr(RdMetricPack) s = compute (fx->ws, &(Slice) { .period = "2026-Q3", .source = "Inbound" });
    g_autoptr(RdMetricPack) t = compute (fx->ws, &(Slice) { .as_of = "2026-03-01", .period = "2026-Q3" });
    for (guint i = 0; i < G_N_ELEMENTS (bridge_ids); i++)
      {
        assert_cents (s, bridge_ids[i], 0);
        /* as-of 1 Mar, period Q3: A = 1 Jul is after B = as-of. */
        g_assert_false (rd_test_metric (t, bridge_ids[i], NULL)->defined);
      }
    assert_bridge (s);
  }
  {
    g_autoptr(RdMetricPack) s = compute (fx->ws, &(Slice) { .as_of = "2020-01-01", .period = "2019-Q4",
                                                            .from = "2019-12-01" });
    for (guint i = 0; i < G_N_ELEMENTS (bridge_ids); i++)
      assert_cents (s, bridge_ids[i], 0);
    assert_bridge (s);
  }

  /* Unknown ids and buckets are refused. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RdFilter) f = make_filter (fx->ws, &all);
    g_autoptr(RdQuery) q = rd_metrics_drill_query (fx->ws, f, "change.nonsense", NULL, &error);
    g_assert_null (q);
    g_assert_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID);
    g_clear_error (&error);
    q = rd_metrics_drill_query (fx->ws, f, "change.start", "2026-07", &error);
    g_assert_null (q);
    g_assert_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID);
  }

  g_unsetenv ("RD_METRICS_REPLAY");
}

static void
test_causes (void)
{
  check_causes (FALSE);
}

static void
test_causes_replay (void)
{
  check_causes (TRUE);
}

/* ------------------------------------------------------------------- demo */

static char *
day_before (const char *date)
{
  GDate d;
  int y, m, dd;

  sscanf (date, "%d-%d-%d", &y, &m, &dd);
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, dd, m, y);
  g_date_subtract_days (&d, 1);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
}

static void
test_demo (void)
{
  g_autofree char *dir = rd_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "demo.revdeck", NULL);
  g_autoptr(GError) error = NULL;
  RdDemoOptions options = { 1, 0 };
  g_autoptr(RdWorkspace) ws = rd_demo_create (path, &options, &error);
  const Slice slices[] = {
    { 0 },
    { .from = "2026-09-01" },
    { .from = "2026-08-15", .to = "2026-09-10" },
    { .from = "2026-05-01" },
    { .period = "2026-Q2" },
    { .period = "2026-Q2", .from = "2026-06-01", .to = "2026-06-30" },
    { .period = "2026-07" },
    { .period = "2026-Q1", .from = "2025-12-01", .to = "2026-02-15" },
    { .period = "2025-Q4" },
    { .segment = "Enterprise" },
    { .region = "EMEA", .from = "2026-08-10" },
    { .source = "Inbound" },
    { .as_of = "2026-08-20" },
    { .as_of = "2026-06-30", .period = "2026-Q2", .from = "2026-05-15" },
  };
  gboolean some_pulled = FALSE, some_increased = FALSE, some_new = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (slices); i++)
    {
      g_autoptr(RdMetricPack) fast = NULL;
      g_autoptr(RdMetricPack) replay = NULL;
      g_autoptr(RdMetricPack) cov_end = NULL;
      g_autoptr(RdMetricPack) cov_start = NULL;
      g_autoptr(RdFilter) filter = make_filter (ws, &slices[i]);
      const char *a = slices[i].from ? slices[i].from : filter->period_start;
      const char *b = slices[i].to ? slices[i].to
                      : strcmp (filter->period_end, filter->as_of) < 0 ? filter->period_end : filter->as_of;
      g_autofree char *before_a = day_before (a);
      Slice at_b = slices[i], at_a = slices[i];

      g_test_message ("slice %u: %s to %s in %s", i, a, b, filter->period_key);
      fast = compute (ws, &slices[i]);
      assert_bridge (fast);
      assert_drills (ws, &slices[i], fast);

      g_setenv ("RD_METRICS_REPLAY", "1", TRUE);
      replay = compute (ws, &slices[i]);
      g_unsetenv ("RD_METRICS_REPLAY");
      for (guint k = 0; k < G_N_ELEMENTS (bridge_ids); k++)
        g_assert_cmpint (cents (fast, bridge_ids[k]), ==, cents (replay, bridge_ids[k]));

      /* Start and end are the open pipeline closing in the period, as
       * coverage sees it as of the day before A and as of B. */
      at_b.as_of = b;
      at_b.period = filter->period_key;
      at_a.as_of = before_a;
      at_a.period = filter->period_key;
      cov_end = compute_group (ws, &at_b, "coverage");
      cov_start = compute_group (ws, &at_a, "coverage");
      g_assert_cmpint (cents (fast, "change.end"), ==, llround (rd_test_value (cov_end, "coverage.open_pipeline", NULL) * 100));
      g_assert_cmpint (cents (fast, "change.start"), ==, llround (rd_test_value (cov_start, "coverage.open_pipeline", NULL) * 100));

      some_pulled |= cents (fast, "change.pulled_in") > 0;
      some_increased |= cents (fast, "change.increased") > 0;
      some_new |= cents (fast, "change.new") > 0;
      if (i == 0)
        {
          g_assert_cmpint (cents (fast, "change.start"), >, 0);
          g_assert_cmpint (cents (fast, "change.won"), >, 0);
          g_assert_cmpint (cents (fast, "change.lost"), >, 0);
          g_assert_cmpint (cents (fast, "change.pushed_out"), >, 0);
        }
    }
  g_assert_true (some_new && some_increased);
  (void) some_pulled;

  g_clear_object (&ws);
  rd_test_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("RD_METRICS_REPLAY");

  g_test_add_func ("/metrics/change/causes", test_causes);
  g_test_add_func ("/metrics/change/causes-replay", test_causes_replay);
  g_test_add_func ("/metrics/change/demo", test_demo);
  return g_test_run ();
}
