/* test-metrics-coverage.c — coverage, forecast and sales metrics
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Worked checks of metrics.md on small hand-built workspaces, edge cases,
 * and consistency on the demo company (drill lists agree with the numbers,
 * ratios with their parts, the replay of histories with the fast path).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "rd-demo.h"
#include "rd-filter.h"
#include "rd-metrics.h"
#include "rd-test-deals.h"
#include "rd-test-util.h"
#include "rd-workspace-private.h"

#define EPS 1e-9

static void
sql_ints (RdTestDeals         *fx,
          const char *sql,
          gint64      a,
          gint64      b,
          gint64      c)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (fx->db, sql, NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  sqlite3_bind_int64 (stmt, 3, c);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

static void
quota (RdTestDeals         *fx,
       const char *period,
       const char *scope,
       gint64      id,
       gint64      cents)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (fx->db,
    "INSERT INTO quotas (period, scope, segment_id, owner_id, amount_cents) VALUES (?1, ?2, ?3, ?4, ?5)", NULL);

  sqlite3_bind_text (stmt, 1, period, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, scope, -1, SQLITE_TRANSIENT);
  if (g_str_equal (scope, "segment"))
    sqlite3_bind_int64 (stmt, 3, id);
  if (g_str_equal (scope, "owner"))
    sqlite3_bind_int64 (stmt, 4, id);
  sqlite3_bind_int64 (stmt, 5, cents);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

static void
submission (RdTestDeals         *fx,
            const char *period,
            const char *week,
            gint64      owner,
            const char *category,
            gint64      cents)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (fx->db,
    "INSERT INTO forecast_submissions (period, week_date, owner_id, category_id, amount_cents)"
    " VALUES (?1, ?2, ?3, ?4, ?5)", NULL);

  sqlite3_bind_text (stmt, 1, period, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, week, -1, SQLITE_TRANSIENT);
  if (owner)
    sqlite3_bind_int64 (stmt, 3, owner);
  sqlite3_bind_int64 (stmt, 4, RD_TEST_CATEGORY (fx, category));
  sqlite3_bind_int64 (stmt, 5, cents);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

typedef struct
{
  const char *as_of;
  const char *period;
  const char *segment;
  const char *region;
  const char *owner;
  const char *source;
  int         lead_weeks;   /* 0 in the struct means "default": use lead + 1 */
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
  filter->forecast_lead_weeks = s->lead_weeks - 1;
  return filter;
}

static RdMetricPack *
compute (RdWorkspace *ws,
         const Slice *s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdFilter) filter = make_filter (ws, s);
  RdMetricPack *pack = rd_metrics_compute (ws, filter, "coverage", &error);

  g_assert_no_error (error);
  g_assert_nonnull (pack);
  return pack;
}

static void
drill_aggregate (RdWorkspace *ws,
                 const Slice *s,
                 const char  *id,
                 const char  *bucket,
                 const char  *sum_column,   /* NULL: the query's own */
                 gint64      *count,
                 double      *sum)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdFilter) filter = make_filter (ws, s);
  g_autoptr(RdQuery) q = rd_metrics_drill_query (ws, filter, id, bucket, &error);

  g_assert_no_error (error);
  g_assert_nonnull (q);
  if (sum_column)
    {
      g_free (q->sum_column);
      q->sum_column = g_strdup (sum_column);
      q->sum_scale = 1.0;
    }
  g_assert_true (rd_query_aggregate (ws, q, count, sum, &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------ forecast accuracy */

static RdTestDeals *
forecast_fixture (void)
{
  RdTestDeals *fx = rd_test_deals_new ("2026-09-30");

  /* Q2 (Apr–Jun): won 1.6M (Ava) + 1.0M (Ben) = 2.6M; a lost and an open deal do not count. */
  rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-03-01 09:00:00", "2026-05-10", 160000000, fx->ent, fx->ava, 0 },
        RD_TEST_HIST ("Discovery", "2026-03-01 09:00:00", "Closed Won", "2026-05-10 12:00:00"));
  rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-03-02 09:00:00", "2026-06-20", 100000000, fx->smb, fx->ben, 0 },
        RD_TEST_HIST ("Proposal", "2026-03-02 09:00:00", "Closed Won", "2026-06-20 12:00:00"));
  rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-03-03 09:00:00", "2026-06-21", 90000000, fx->smb, fx->ben, 0 },
        RD_TEST_HIST ("Proposal", "2026-03-03 09:00:00", "Closed Lost", "2026-06-21 12:00:00"));
  rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-03-04 09:00:00", "2026-06-22", 70000000, fx->smb, fx->ben, 0 },
        RD_TEST_HIST ("Proposal", "2026-03-04 09:00:00"));
  /* Q1 (Jan–Mar): won 3.1M. */
  rd_test_deals_add (fx, &(RdTestDealArgs) { "2025-12-01 09:00:00", "2026-02-15", 310000000, fx->ent, fx->ava, 0 },
        RD_TEST_HIST ("Negotiation", "2025-12-01 09:00:00", "Closed Won", "2026-02-15 12:00:00"));

  /* Q2 submissions: the period ends 2026-06-30; 4 weeks before is 2026-06-02. */
  submission (fx, "2026-Q2", "2026-05-25", 0, "Closed", 100000000);
  submission (fx, "2026-Q2", "2026-05-25", 0, "Commit", 100000000);
  submission (fx, "2026-Q2", "2026-06-01", 0, "Closed", 200000000);
  submission (fx, "2026-Q2", "2026-06-01", 0, "Commit", 140000000);
  submission (fx, "2026-Q2", "2026-06-01", 0, "Best Case", 500000000);
  submission (fx, "2026-Q2", "2026-06-01", 0, "Pipeline", 900000000);
  submission (fx, "2026-Q2", "2026-06-08", 0, "Closed", 260000000);
  submission (fx, "2026-Q2", "2026-06-08", 0, "Commit", 20000000);
  submission (fx, "2026-Q2", "2026-06-01", fx->ava, "Closed", 100000000);
  submission (fx, "2026-Q2", "2026-06-01", fx->ava, "Commit", 30000000);
  /* Q1: ends 2026-03-31, 4 weeks before is 2026-03-03. */
  submission (fx, "2026-Q1", "2026-03-02", 0, "Closed", 100000000);
  submission (fx, "2026-Q1", "2026-03-02", 0, "Commit", 200000000);
  /* 2025-Q4: a forecast, but nothing won. */
  submission (fx, "2025-Q4", "2025-12-01", 0, "Commit", 50000000);
  rd_test_deals_refresh (fx);
  return fx;
}

static void
test_forecast_accuracy (void)
{
  g_autoptr(RdTestDeals) fx = forecast_fixture ();
  g_autoptr(RdMetricPack) q2 = compute (fx->ws, &(Slice) { .period = "2026-Q2" });
  const RdMetric *m;
  double v;

  /* Worked check: forecast 3.4 vs actual 2.6 gives 69.23 %. */
  g_assert_cmpfloat_with_epsilon (rd_test_value (q2, "forecast.submitted", NULL), 3400000.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (q2, "forecast.actual", NULL), 2600000.0, EPS);
  v = rd_test_value (q2, "forecast.accuracy", NULL);
  g_assert_cmpfloat_with_epsilon (v, (1.0 - 0.8 / 2.6) * 100.0, EPS);
  g_assert_cmpfloat_with_epsilon (round (v * 100) / 100, 69.23, EPS);
  m = rd_test_metric (q2, "forecast.accuracy", NULL);
  g_assert_true (m->is_ratio);
  g_assert_cmpfloat_with_epsilon (m->numerator, 1800000.0, EPS);
  g_assert_cmpfloat_with_epsilon (m->denominator, 2600000.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (q2, "forecast.bias", NULL), 3.4 / 2.6 * 100.0, EPS);
  g_assert_cmpstr (m->definition_key, ==, "forecast-accuracy");
  g_assert_cmpint (m->definition_version, ==, 1);

  /* Worked check: forecast 3.0 vs actual 3.1 gives 96.77 % (the history bucket). */
  v = rd_test_value (q2, "forecast.accuracy", "2026-Q1");
  g_assert_cmpfloat_with_epsilon (v, (1.0 - 0.1 / 3.1) * 100.0, EPS);
  g_assert_cmpfloat_with_epsilon (round (v * 100) / 100, 96.77, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (q2, "forecast.bias", "2026-Q1"), 3.0 / 3.1 * 100.0, EPS);

  /* Seven periods of history, oldest first; no forecast → undefined; nothing won → undefined. */
  for (int k = 1; k <= 7; k++)
    {
      g_autofree char *key = rd_period_shift ("2026-Q2", -k);
      rd_test_metric (q2, "forecast.accuracy", key);
    }
  g_assert_null (rd_metric_pack_find (q2, "forecast.accuracy", "2026-Q2"));
  rd_test_assert_undefined (q2, "forecast.accuracy", "2025-Q4", "nothing was won");
  rd_test_assert_undefined (q2, "forecast.accuracy", "2025-Q3", "no forecast");

  /* The drill lists the submission rows behind the forecast. */
  {
    gint64 count;
    double sum;
    drill_aggregate (fx->ws, &(Slice) { .period = "2026-Q2" }, "forecast.submitted", NULL, NULL, &count, &sum);
    g_assert_cmpint (count, ==, 2);
    g_assert_cmpfloat_with_epsilon (sum, 3400000.0, EPS);
    drill_aggregate (fx->ws, &(Slice) { .period = "2026-Q2" }, "forecast.accuracy", NULL, NULL, &count, &sum);
    g_assert_cmpint (count, ==, 2);
    g_assert_cmpfloat_with_epsilon (sum, 2600000.0, EPS);
  }

  /* Lead time: 0 weeks takes the last submission (2.8M); 5 weeks the 25 May one (2.0M). */
  {
    g_autoptr(RdMetricPack) p0 = compute (fx->ws, &(Slice) { .period = "2026-Q2", .lead_weeks = 0 + 1 });
    g_autoptr(RdMetricPack) p5 = compute (fx->ws, &(Slice) { .period = "2026-Q2", .lead_weeks = 5 + 1 });
    g_autoptr(RdMetricPack) p8 = compute (fx->ws, &(Slice) { .period = "2026-Q2", .lead_weeks = 8 + 1 });

    g_assert_cmpfloat_with_epsilon (rd_test_value (p0, "forecast.accuracy", NULL), (1.0 - 0.2 / 2.6) * 100.0, EPS);
    g_assert_cmpfloat_with_epsilon (rd_test_value (p5, "forecast.submitted", NULL), 2000000.0, EPS);
    g_assert_cmpfloat_with_epsilon (rd_test_value (p5, "forecast.accuracy", NULL), (1.0 - 0.6 / 2.6) * 100.0, EPS);
    rd_test_assert_undefined (p8, "forecast.accuracy", NULL, "no forecast");
  }

  /* The workspace setting is the default lead time. */
  {
    g_autoptr(RdMetricPack) p = NULL;
    rd_test_exec (fx->db, "UPDATE settings SET forecast_lead_weeks = 0");
    p = compute (fx->ws, &(Slice) { .period = "2026-Q2" });
    g_assert_cmpfloat_with_epsilon (rd_test_value (p, "forecast.submitted", NULL), 2800000.0, EPS);
    rd_test_exec (fx->db, "UPDATE settings SET forecast_lead_weeks = 4");
  }

  /* An owner filter uses that owner's submission and deals: 1.3 vs 1.6. */
  {
    g_autoptr(RdMetricPack) p = compute (fx->ws, &(Slice) { .period = "2026-Q2", .owner = "Ava" });
    g_assert_cmpfloat_with_epsilon (rd_test_value (p, "forecast.accuracy", NULL), (1.0 - 0.3 / 1.6) * 100.0, EPS);
    g_assert_cmpfloat_with_epsilon (rd_test_value (p, "forecast.bias", NULL), 1.3 / 1.6 * 100.0, EPS);
  }

  /* Forecasts are not submitted per segment; a running period has no final actual. */
  {
    g_autoptr(RdMetricPack) seg = compute (fx->ws, &(Slice) { .period = "2026-Q2", .segment = "SMB" });
    g_autoptr(RdMetricPack) q4 = compute (fx->ws, &(Slice) { .period = "2026-Q4" });
    g_autoptr(RdMetricPack) q3 = compute (fx->ws, &(Slice) { .period = "2026-Q3" });
    g_autoptr(RdMetricPack) all = compute (fx->ws, &(Slice) { .period = "all" });

    rd_test_assert_undefined (seg, "forecast.accuracy", NULL, "segment");
    g_assert_cmpfloat_with_epsilon (rd_test_value (seg, "forecast.actual", NULL), 1000000.0, EPS);
    rd_test_assert_undefined (q4, "forecast.accuracy", NULL, "not final");
    g_assert_cmpfloat_with_epsilon (rd_test_value (q4, "forecast.accuracy", "2026-Q1"), (1.0 - 0.1 / 3.1) * 100.0, EPS);
    /* Q3 ends on the as-of date: final, but no forecast was submitted for it. */
    rd_test_assert_undefined (q3, "forecast.accuracy", NULL, "no forecast");
    rd_test_assert_undefined (all, "forecast.accuracy", NULL, "quarter or month");
  }
}

/* --------------------------------------------------------- sales velocity */

static void
test_velocity (void)
{
  g_autoptr(RdTestDeals) fx = rd_test_deals_new ("2026-09-30");
  static const struct { gint64 cents; int cycle; const char *close; } won[] = {
    { 2000000, 50, "2026-07-20" }, { 4000000, 70, "2026-08-10" },
    { 2500000, 55, "2026-08-30" }, { 3500000, 65, "2026-09-15" },
  };
  g_autoptr(RdMetricPack) p = NULL;
  const RdMetric *m;
  gint64 count;
  double sum;

  for (guint i = 0; i < G_N_ELEMENTS (won); i++)
    {
      GDate d;
      char created[20], won_at[20];
      int y, mo, dd;

      sscanf (won[i].close, "%d-%d-%d", &y, &mo, &dd);
      g_date_clear (&d, 1);
      g_date_set_dmy (&d, dd, mo, y);
      g_date_subtract_days (&d, won[i].cycle);
      g_snprintf (created, sizeof created, "%04d-%02d-%02d 16:30:00",
                  g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
      g_snprintf (won_at, sizeof won_at, "%s 10:00:00", won[i].close);
      rd_test_deals_add (fx, &(RdTestDealArgs) { created, won[i].close, won[i].cents, fx->smb, fx->ava, 0 },
            RD_TEST_HIST ("Discovery", created, "Closed Won", won_at));
    }
  for (int i = 0; i < 12; i++)
    rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-06-01 09:00:00", "2026-08-01", 1000000, fx->smb, fx->ava, 0 },
          RD_TEST_HIST ("Discovery", "2026-06-01 09:00:00", "Closed Lost", "2026-08-01 09:00:00"));
  /* 80 open deals, half closing in the period, half after it. */
  for (int i = 0; i < 80; i++)
    rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-06-01 09:00:00", i % 2 ? "2026-09-20" : "2026-12-20", 500000, fx->smb, fx->ben, 0 },
          RD_TEST_HIST ("Discovery", "2026-06-01 09:00:00"));
  /* Won before the period: not in the rates. */
  rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-01-01 09:00:00", "2026-06-30", 99900000, fx->smb, fx->ava, 0 },
        RD_TEST_HIST ("Discovery", "2026-01-01 09:00:00", "Closed Won", "2026-06-30 09:00:00"));
  rd_test_deals_refresh (fx);

  p = compute (fx->ws, &(Slice) { .period = "2026-Q3" });
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "sales.open_deals", NULL), 80, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "sales.average_won", NULL), 30000, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "sales.win_rate", NULL), 25, EPS);
  m = rd_test_metric (p, "sales.win_rate", NULL);
  g_assert_cmpfloat_with_epsilon (m->numerator, 4, EPS);
  g_assert_cmpfloat_with_epsilon (m->denominator, 16, EPS);
  g_assert_cmpstr (m->definition_key, ==, "win-rate");
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "sales.win_rate_value", NULL), 120000.0 / 240000.0 * 100, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "sales.cycle_mean", NULL), 60, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "sales.cycle_median", NULL), 60, EPS);
  /* Worked check: 80 × 30,000 × 0.25 / 60 = 10,000 per day. */
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "sales.velocity", NULL), 10000, EPS);
  m = rd_test_metric (p, "sales.velocity", NULL);
  g_assert_cmpint (m->unit, ==, RD_UNIT_MONEY_PER_DAY);
  g_assert_cmpfloat_with_epsilon (m->numerator, 80 * 30000 * 0.25, EPS);
  g_assert_cmpfloat_with_epsilon (m->denominator, 60, EPS);

  /* Win-rate drill: the deals closed in the period, won 1/0. */
  drill_aggregate (fx->ws, &(Slice) { .period = "2026-Q3" }, "sales.win_rate", NULL, NULL, &count, &sum);
  g_assert_cmpint (count, ==, 16);
  drill_aggregate (fx->ws, &(Slice) { .period = "2026-Q3" }, "sales.win_rate", NULL, "won", &count, &sum);
  g_assert_cmpfloat_with_epsilon (sum, 4, EPS);
  drill_aggregate (fx->ws, &(Slice) { .period = "2026-Q3" }, "sales.cycle_mean", NULL, NULL, &count, &sum);
  g_assert_cmpint (count, ==, 4);
  g_assert_cmpfloat_with_epsilon (sum, 240, EPS);

  /* An owner with nothing closed: rates and velocity undefined, not 0. */
  {
    g_autoptr(RdMetricPack) ben = compute (fx->ws, &(Slice) { .period = "2026-Q3", .owner = "Ben" });
    rd_test_assert_undefined (ben, "sales.win_rate", NULL, "no deals");
    rd_test_assert_undefined (ben, "sales.win_rate_value", NULL, "no deals");
    rd_test_assert_undefined (ben, "sales.cycle_median", NULL, "no deals");
    rd_test_assert_undefined (ben, "sales.velocity", NULL, "no deals");
    g_assert_cmpfloat_with_epsilon (rd_test_value (ben, "sales.open_deals", NULL), 80, EPS);
  }

  /* Median of an even count is the mean of the middle two; odd, the middle one. */
  {
    g_autoptr(RdMetricPack) q = NULL;
    rd_test_exec (fx->db, "UPDATE opportunities SET created_at = '2026-05-01 09:00:00' WHERE amount_cents = 4000000");
    q = compute (fx->ws, &(Slice) { .period = "2026-Q3" });
    /* cycles 50, 55, 65, 101 */
    g_assert_cmpfloat_with_epsilon (rd_test_value (q, "sales.cycle_median", NULL), 60, EPS);
    g_assert_cmpfloat_with_epsilon (rd_test_value (q, "sales.cycle_mean", NULL), (50 + 55 + 65 + 101) / 4.0, EPS);
  }
}

/* --------------------------------------------------------------- coverage */

typedef struct
{
  gint64 w1, w2, o1, o2, o3, o4, o5;
} CovDeals;

static RdTestDeals *
coverage_fixture (CovDeals *d)
{
  RdTestDeals *fx = rd_test_deals_new ("2026-09-30");

  quota (fx, "2026-Q3", "company", 0, 100000000);
  quota (fx, "2026-Q3", "segment", fx->ent, 60000000);
  quota (fx, "2026-Q3", "owner", fx->ava, 30000000);
  quota (fx, "2026-Q3", "owner", fx->ben, 20000000);

  /* Won in Q3 (Jul–Sep): 150k + 250k. */
  d->w1 = rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-05-01 09:00:00", "2026-08-20", 15000000, fx->ent, fx->ava, fx->emea },
                RD_TEST_HIST ("Discovery", "2026-05-01 09:00:00", "Negotiation", "2026-07-01 09:00:00",
                      "Closed Won", "2026-08-20 11:00:00"));
  d->w2 = rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-05-02 09:00:00", "2026-09-01", 25000000, fx->smb, fx->ben, 0 },
                RD_TEST_HIST ("Proposal", "2026-05-02 09:00:00", "Closed Won", "2026-09-01 11:00:00"));
  /* Open in Q3: a deal that moved back (Solution → Discovery) is Pipeline again. */
  d->o1 = rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-06-01 09:00:00", "2026-09-15", 10000000, fx->ent, fx->ava, fx->emea },
                RD_TEST_HIST ("Discovery", "2026-06-01 09:00:00", "Solution", "2026-06-10 09:00:00",
                      "Discovery", "2026-07-05 09:00:00"));
  /* Skipped stages: straight into Solution (Best Case). */
  d->o2 = rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-06-02 09:00:00", "2026-09-20", 20000000, fx->ent, fx->ben, 0 },
                RD_TEST_HIST ("Solution", "2026-06-02 09:00:00"));
  d->o3 = rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-06-03 09:00:00", "2026-09-25", 30000000, fx->smb, fx->ben, 0 },
                RD_TEST_HIST ("Discovery", "2026-06-03 09:00:00", "Negotiation", "2026-07-10 09:00:00"));
  /* Negotiation, but its owner put it in Omitted. */
  d->o4 = rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-06-04 09:00:00", "2026-09-26", 5000000, fx->smb, fx->ben, 0 },
                RD_TEST_HIST ("Negotiation", "2026-06-04 09:00:00"));
  sql_ints (fx, "UPDATE opportunities SET category_override_id = ?1 WHERE id = ?2",
            RD_TEST_CATEGORY (fx, "Omitted"), d->o4, 0);
  /* Closing after the period. */
  d->o5 = rd_test_deals_add (fx, &(RdTestDealArgs) { "2026-06-05 09:00:00", "2026-10-20", 99900000, fx->smb, fx->ben, 0 },
                RD_TEST_HIST ("Negotiation", "2026-06-05 09:00:00"));

  /* The four quarters before: won 100k (Ent), lost 300k (Ent) and 100k (SMB). */
  rd_test_deals_add (fx, &(RdTestDealArgs) { "2025-06-01 09:00:00", "2025-07-01", 10000000, fx->ent, fx->ava, 0 },
        RD_TEST_HIST ("Discovery", "2025-06-01 09:00:00", "Closed Won", "2025-07-01 09:00:00"));
  rd_test_deals_add (fx, &(RdTestDealArgs) { "2025-06-01 09:00:00", "2026-06-30", 30000000, fx->ent, fx->ava, 0 },
        RD_TEST_HIST ("Discovery", "2025-06-01 09:00:00", "Closed Lost", "2026-06-30 09:00:00"));
  rd_test_deals_add (fx, &(RdTestDealArgs) { "2025-06-01 09:00:00", "2026-01-15", 10000000, fx->smb, fx->ben, 0 },
        RD_TEST_HIST ("Discovery", "2025-06-01 09:00:00", "Closed Lost", "2026-01-15 09:00:00"));
  /* Just outside that window. */
  rd_test_deals_add (fx, &(RdTestDealArgs) { "2025-06-01 09:00:00", "2025-06-30", 77700000, fx->ent, fx->ava, 0 },
        RD_TEST_HIST ("Discovery", "2025-06-01 09:00:00", "Closed Won", "2025-06-30 09:00:00"));
  rd_test_deals_refresh (fx);
  return fx;
}

static void
test_coverage (void)
{
  CovDeals d;
  g_autoptr(RdTestDeals) fx = coverage_fixture (&d);
  g_autoptr(RdMetricPack) p = compute (fx->ws, &(Slice) { .period = "2026-Q3" });
  const RdMetric *m;

  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "coverage.quota", NULL), 1000000, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "coverage.closed_won", NULL), 400000, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "coverage.open_pipeline", NULL), 650000, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "coverage.pipeline", "Pipeline"), 100000, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "coverage.pipeline", "Best Case"), 200000, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "coverage.pipeline", "Commit"), 300000, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "coverage.pipeline", "Closed"), 0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "coverage.pipeline", "Omitted"), 50000, EPS);
  g_assert_null (rd_metric_pack_find (p, "coverage.pipeline", "(none)"));
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "coverage.qualified_pipeline", NULL), 600000, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "coverage.remaining_quota", NULL), 600000, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "coverage.ratio", NULL), 1.0, EPS);
  m = rd_test_metric (p, "coverage.ratio", NULL);
  g_assert_true (m->is_ratio);
  g_assert_cmpfloat_with_epsilon (m->numerator, 600000, EPS);
  g_assert_cmpfloat_with_epsilon (m->denominator, 600000, EPS);
  g_assert_cmpstr (m->definition_key, ==, "pipeline-coverage");
  g_assert_true (m->has_target);
  g_assert_cmpfloat_with_epsilon (m->target, 3.0, EPS);
  g_assert_cmpint (m->status, ==, RD_STATUS_OFF_TRACK);
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "coverage.met", NULL), 0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "coverage.target", NULL), 3.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "coverage.needed", NULL), 5.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "coverage.gap", NULL), 3.0 * 600000 - 600000, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "forecast.rollup", "Closed"), 400000, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "forecast.rollup", "Closed + Commit"), 700000, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "forecast.rollup", "Closed + Commit + Best Case"), 900000, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "forecast.rollup_attainment", "Closed"), 40, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "forecast.rollup_attainment", "Closed + Commit"), 70, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "forecast.rollup_attainment", "Closed + Commit + Best Case"), 90, EPS);

  /* Drills: the exact deals. */
  {
    gint64 count;
    double sum;
    g_autoptr(GError) error = NULL;
    g_autoptr(RdFilter) f = make_filter (fx->ws, &(Slice) { .period = "2026-Q3" });
    g_autoptr(RdQuery) bad = NULL;

    drill_aggregate (fx->ws, &(Slice) { .period = "2026-Q3" }, "coverage.pipeline", "Pipeline", NULL, &count, &sum);
    g_assert_cmpint (count, ==, 1);
    g_assert_cmpfloat_with_epsilon (sum, 100000, EPS);
    drill_aggregate (fx->ws, &(Slice) { .period = "2026-Q3" }, "coverage.ratio", NULL, NULL, &count, &sum);
    g_assert_cmpint (count, ==, 3);
    g_assert_cmpfloat_with_epsilon (sum, 600000, EPS);
    drill_aggregate (fx->ws, &(Slice) { .period = "2026-Q3" }, "coverage.quota", NULL, NULL, &count, &sum);
    g_assert_cmpint (count, ==, 1);
    g_assert_cmpfloat_with_epsilon (sum, 1000000, EPS);
    drill_aggregate (fx->ws, &(Slice) { .period = "2026-Q3" }, "coverage.needed", NULL, "won", &count, &sum);
    g_assert_cmpint (count, ==, 3);
    g_assert_cmpfloat_with_epsilon (sum, 1, EPS);
    drill_aggregate (fx->ws, &(Slice) { .period = "2026-Q3" }, "forecast.rollup", "Closed + Commit", NULL, &count, &sum);
    g_assert_cmpint (count, ==, 3);

    bad = rd_metrics_drill_query (fx->ws, f, "coverage.pipeline", "No such category", &error);
    g_assert_null (bad);
    g_assert_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID);
    g_clear_error (&error);
    bad = rd_metrics_drill_query (fx->ws, f, "coverage.nonsense", NULL, &error);
    g_assert_null (bad);
    g_assert_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID);
  }

  /* A segment: its quota, its target (Enterprise: 4.0), its win rate window. */
  {
    g_autoptr(RdMetricPack) s = compute (fx->ws, &(Slice) { .period = "2026-Q3", .segment = "Enterprise" });
    g_assert_cmpfloat_with_epsilon (rd_test_value (s, "coverage.quota", NULL), 600000, EPS);
    g_assert_cmpfloat_with_epsilon (rd_test_value (s, "coverage.closed_won", NULL), 150000, EPS);
    g_assert_cmpfloat_with_epsilon (rd_test_value (s, "coverage.qualified_pipeline", NULL), 300000, EPS);
    g_assert_cmpfloat_with_epsilon (rd_test_value (s, "coverage.ratio", NULL), 300000.0 / 450000.0, EPS);
    g_assert_cmpfloat_with_epsilon (rd_test_value (s, "coverage.target", NULL), 4.0, EPS);
    g_assert_cmpfloat_with_epsilon (rd_test_value (s, "coverage.gap", NULL), 4.0 * 450000 - 300000, EPS);
    g_assert_cmpfloat_with_epsilon (rd_test_value (s, "coverage.needed", NULL), 4.0, EPS);
    g_assert_cmpint (rd_test_metric (s, "coverage.ratio", NULL)->status, ==, RD_STATUS_OFF_TRACK);
  }
  /* SMB has no target of its own: the workspace's. */
  {
    g_autoptr(RdMetricPack) s = compute (fx->ws, &(Slice) { .period = "2026-Q3", .segment = "SMB" });
    g_assert_cmpfloat_with_epsilon (rd_test_value (s, "coverage.target", NULL), 3.0, EPS);
    rd_test_assert_undefined (s, "coverage.quota", NULL, "no quota");
    rd_test_assert_undefined (s, "coverage.ratio", NULL, "no quota");
    rd_test_assert_undefined (s, "coverage.gap", NULL, "no quota");
  }
  /* An owner: Ava 150k won of 300k; 100k qualified → 0.667x. */
  {
    g_autoptr(RdMetricPack) s = compute (fx->ws, &(Slice) { .period = "2026-Q3", .owner = "Ava" });
    g_assert_cmpfloat_with_epsilon (rd_test_value (s, "coverage.quota", NULL), 300000, EPS);
    g_assert_cmpfloat_with_epsilon (rd_test_value (s, "coverage.ratio", NULL), 100000.0 / 150000.0, EPS);
  }
  /* Quota met: Ben won 250k of 200k. */
  {
    g_autoptr(RdMetricPack) s = compute (fx->ws, &(Slice) { .period = "2026-Q3", .owner = "Ben" });
    rd_test_assert_undefined (s, "coverage.ratio", NULL, "quota met");
    g_assert_cmpint (rd_test_metric (s, "coverage.ratio", NULL)->status, ==, RD_STATUS_ON_TRACK);
    g_assert_cmpfloat_with_epsilon (rd_test_value (s, "coverage.met", NULL), 1, EPS);
    g_assert_cmpfloat_with_epsilon (rd_test_value (s, "coverage.remaining_quota", NULL), 0, EPS);
    g_assert_cmpfloat_with_epsilon (rd_test_value (s, "coverage.gap", NULL), -500000, EPS);
    g_assert_cmpfloat_with_epsilon (rd_test_value (s, "forecast.rollup_attainment", "Closed"), 125, EPS);
  }
  /* A region or a source alone has no quota scope. */
  {
    g_autoptr(RdMetricPack) r = compute (fx->ws, &(Slice) { .period = "2026-Q3", .region = "EMEA" });
    g_autoptr(RdMetricPack) src = compute (fx->ws, &(Slice) { .period = "2026-Q3", .source = "Inbound" });
    rd_test_assert_undefined (r, "coverage.quota", NULL, "region");
    rd_test_assert_undefined (r, "coverage.ratio", NULL, "region");
    rd_test_assert_undefined (r, "forecast.rollup_attainment", "Closed", "region");
    g_assert_cmpfloat_with_epsilon (rd_test_value (r, "coverage.closed_won", NULL), 150000, EPS);
    g_assert_cmpfloat_with_epsilon (rd_test_value (r, "coverage.qualified_pipeline", NULL), 100000, EPS);
    rd_test_assert_undefined (src, "coverage.quota", NULL, "source");
    /* A filter that matches nothing: sums are 0, rates undefined. */
    g_assert_cmpfloat_with_epsilon (rd_test_value (src, "coverage.closed_won", NULL), 0, EPS);
    g_assert_cmpfloat_with_epsilon (rd_test_value (src, "sales.open_deals", NULL), 0, EPS);
    rd_test_assert_undefined (src, "sales.win_rate", NULL, "no deals");
    rd_test_assert_undefined (src, "coverage.needed", NULL, "nothing was won");
  }
  /* Cy: no quota, no deals. */
  {
    g_autoptr(RdMetricPack) s = compute (fx->ws, &(Slice) { .period = "2026-Q3", .owner = "Cy" });
    rd_test_assert_undefined (s, "coverage.quota", NULL, "no quota");
    g_assert_cmpfloat_with_epsilon (rd_test_value (s, "coverage.open_pipeline", NULL), 0, EPS);
    rd_test_assert_undefined (s, "sales.cycle_mean", NULL, "no deals");
  }

  /* Months: a monthly row, else undefined (quarterly quotas are not split). */
  quota (fx, "2026-09", "company", 0, 30000000);
  {
    g_autoptr(RdMetricPack) aug = compute (fx->ws, &(Slice) { .period = "2026-08" });
    g_autoptr(RdMetricPack) sep = compute (fx->ws, &(Slice) { .period = "2026-09" });
    rd_test_assert_undefined (aug, "coverage.quota", NULL, "monthly");
    g_assert_cmpfloat_with_epsilon (rd_test_value (aug, "coverage.closed_won", NULL), 150000, EPS);
    g_assert_cmpfloat_with_epsilon (rd_test_value (sep, "coverage.quota", NULL), 300000, EPS);
    g_assert_cmpfloat_with_epsilon (rd_test_value (sep, "coverage.closed_won", NULL), 250000, EPS);
  }
  /* A quarter without its row: the sum of its three months; two of three is not enough. */
  quota (fx, "2026-10", "company", 0, 10000000);
  quota (fx, "2026-11", "company", 0, 20000000);
  {
    g_autoptr(RdMetricPack) q4 = compute (fx->ws, &(Slice) { .period = "2026-Q4" });
    rd_test_assert_undefined (q4, "coverage.quota", NULL, "only 2");
  }
  quota (fx, "2026-12", "company", 0, 30000000);
  {
    g_autoptr(RdMetricPack) q4 = compute (fx->ws, &(Slice) { .period = "2026-Q4" });
    gint64 count;
    double sum;
    g_assert_cmpfloat_with_epsilon (rd_test_value (q4, "coverage.quota", NULL), 600000, EPS);
    g_assert_cmpfloat_with_epsilon (rd_test_value (q4, "coverage.open_pipeline", NULL), 999000, EPS);
    drill_aggregate (fx->ws, &(Slice) { .period = "2026-Q4" }, "coverage.quota", NULL, NULL, &count, &sum);
    g_assert_cmpint (count, ==, 3);
    g_assert_cmpfloat_with_epsilon (sum, 600000, EPS);
  }
}

/* An as-of date in the past sees the deals as they stood then. */
static void
test_coverage_as_of (void)
{
  CovDeals d;
  g_autoptr(RdTestDeals) fx = coverage_fixture (&d);
  g_autoptr(RdMetricPack) p = NULL;
  g_autoptr(RdMetricPack) none = NULL;

  /* o3 was 280k until 1 Sep; o5 closed in Q3 until 10 Sep. */
  sql_ints (fx, "INSERT INTO amount_changes (opportunity_id, changed_at, old_cents, new_cents)"
                " VALUES (?1, '2026-09-01 10:00:00', ?2, ?3)", d.o3, 28000000, 30000000);
  sql_ints (fx, "INSERT INTO close_date_changes (opportunity_id, changed_at, old_date, new_date)"
                " VALUES (?1, '2026-09-10 10:00:00', '2026-09-25', '2026-10-20')", d.o5, 0, 0);
  rd_test_deals_refresh (fx);

  /* On 15 Aug: w1 (won 20 Aug) is open in Negotiation (Commit), w2 open in Proposal (Best Case). */
  p = compute (fx->ws, &(Slice) { .as_of = "2026-08-15", .period = "2026-Q3" });
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "coverage.closed_won", NULL), 0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "coverage.pipeline", "Commit"), 150000 + 280000 + 999000, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "coverage.pipeline", "Best Case"), 200000 + 250000, EPS);
  /* o1 was in Solution (Best Case) until 5 Jul, Discovery since. */
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "coverage.pipeline", "Pipeline"), 100000, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (p, "coverage.remaining_quota", NULL), 1000000, EPS);
  rd_test_assert_undefined (p, "sales.win_rate", NULL, "no deals");

  /* Before any data: nothing open, nothing closed. */
  none = compute (fx->ws, &(Slice) { .as_of = "2020-01-01", .period = "2026-Q3" });
  g_assert_cmpfloat_with_epsilon (rd_test_value (none, "coverage.closed_won", NULL), 0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (none, "coverage.open_pipeline", NULL), 0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (none, "sales.open_deals", NULL), 0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_value (none, "coverage.ratio", NULL), 0, EPS);
  rd_test_assert_undefined (none, "sales.velocity", NULL, "no deals");
  rd_test_assert_undefined (none, "forecast.accuracy", NULL, "not final");
}

/* ------------------------------------------------------------- demo checks */

static void
check_pack (RdWorkspace        *ws,
            const Slice        *s,
            const RdMetricPack *p)
{
  double pipeline_sum = 0;

  for (guint i = 0; i < p->metrics->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (p->metrics, i);
      gint64 count;
      double sum, tol;

      g_assert_true (g_str_has_prefix (m->id, "coverage.") || g_str_has_prefix (m->id, "forecast.") ||
                     g_str_has_prefix (m->id, "sales."));
      g_assert_nonnull (m->formula);
      if (!m->defined)
        g_assert_nonnull (m->reason);
      if (m->is_ratio && m->defined)
        g_assert_cmpfloat_with_epsilon (m->value, m->numerator / m->denominator *
                                        (m->unit == RD_UNIT_PERCENT ? 100 : 1), 1e-9 * MAX (1, fabs (m->value)));
      if (!m->drillable || !m->defined)
        continue;

      drill_aggregate (ws, s, m->id, m->bucket, NULL, &count, &sum);
      tol = 1e-6 * MAX (1.0, fabs (sum));
      if (g_str_equal (m->id, "sales.win_rate"))
        {
          g_assert_cmpfloat (count, ==, m->denominator);
          drill_aggregate (ws, s, m->id, NULL, "won", &count, &sum);
          g_assert_cmpfloat (sum, ==, m->numerator);
        }
      else if (g_str_equal (m->id, "sales.win_rate_value") || g_str_equal (m->id, "forecast.accuracy") ||
               g_str_equal (m->id, "forecast.bias"))
        g_assert_cmpfloat_with_epsilon (sum, m->denominator, tol);
      else if (g_str_equal (m->id, "sales.cycle_mean") || g_str_equal (m->id, "sales.average_won"))
        {
          g_assert_cmpfloat_with_epsilon (sum, m->numerator, tol);
          g_assert_cmpfloat (count, ==, m->denominator);
        }
      else if (g_str_equal (m->id, "coverage.ratio") || g_str_equal (m->id, "coverage.needed") ||
               g_str_equal (m->id, "forecast.rollup_attainment"))
        g_assert_cmpfloat_with_epsilon (sum, m->numerator, tol);
      else if (g_str_equal (m->id, "sales.open_deals") || g_str_equal (m->id, "sales.velocity"))
        {
          g_assert_cmpfloat (count, ==, rd_test_value (p, "sales.open_deals", NULL));
        }
      else
        g_assert_cmpfloat_with_epsilon (sum, m->value, tol);
    }

  /* The median of the listed cycle_days (the median itself is not a sum). */
  if (rd_test_metric (p, "sales.cycle_median", NULL)->defined)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RdFilter) filter = make_filter (ws, s);
      g_autoptr(RdQuery) q = rd_metrics_drill_query (ws, filter, "sales.cycle_median", NULL, &error);
      g_autofree char *sql = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;

      g_assert_no_error (error);
      g_assert_false (rd_test_metric (p, "sales.cycle_median", NULL)->drillable);
      sql = g_strdup_printf ("SELECT avg (cycle_days) FROM (SELECT cycle_days FROM (%s) ORDER BY cycle_days"
                             " LIMIT 2 - (SELECT count (*) FROM (%s)) %% 2 OFFSET ((SELECT count (*) FROM (%s)) - 1) / 2)",
                             q->sql->str, q->sql->str, q->sql->str);
      stmt = rd_db_prepare (_rd_workspace_get_db (ws), sql, NULL);
      g_assert_nonnull (stmt);
      for (guint k = 0; k < q->params->len; k++)
        {
          GVariant *v = g_ptr_array_index (q->params, k);
          if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT64))
            sqlite3_bind_int64 (stmt, k + 1, g_variant_get_int64 (v));
          else
            sqlite3_bind_text (stmt, k + 1, g_variant_get_string (v, NULL), -1, SQLITE_TRANSIENT);
        }
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpfloat_with_epsilon (sqlite3_column_double (stmt, 0), rd_test_value (p, "sales.cycle_median", NULL), EPS);
    }

  /* The per-category pipeline adds up to the open pipeline. */
  for (guint i = 0; i < p->metrics->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (p->metrics, i);
      if (g_str_equal (m->id, "coverage.pipeline"))
        pipeline_sum += m->value;
    }
  g_assert_cmpfloat_with_epsilon (pipeline_sum, rd_test_value (p, "coverage.open_pipeline", NULL), 1e-6);
  g_assert_cmpfloat (rd_test_value (p, "forecast.rollup", "Closed"), <=, rd_test_value (p, "forecast.rollup", "Closed + Commit"));
  g_assert_cmpfloat (rd_test_value (p, "forecast.rollup", "Closed + Commit"), <=,
                     rd_test_value (p, "forecast.rollup", "Closed + Commit + Best Case"));
  if (rd_test_metric (p, "forecast.actual", NULL)->defined)
    g_assert_cmpfloat_with_epsilon (rd_test_value (p, "forecast.actual", NULL), rd_test_value (p, "coverage.closed_won", NULL), 1e-6);
}

static void
test_demo (void)
{
  g_autofree char *dir = rd_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "demo.revdeck", NULL);
  g_autoptr(GError) error = NULL;
  RdDemoOptions options = { 1, 0 };
  g_autoptr(RdWorkspace) ws = rd_demo_create (path, &options, &error);
  g_autofree char *owner = NULL;
  sqlite3 *db;

  g_assert_no_error (error);
  db = _rd_workspace_get_db (ws);
  {
    g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (db,
      "SELECT p.name FROM opportunities o JOIN people p ON p.id = o.owner_id"
      " GROUP BY p.id ORDER BY count (*) DESC, p.id LIMIT 1", NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    owner = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  }

  {
    const Slice slices[] = {
      { 0 },
      { .period = "2026-Q2" },
      { .period = "2026-Q1" },
      { .period = "2026-07" },
      { .period = "all" },
      { .segment = "Enterprise" },
      { .segment = "SMB", .period = "2026-Q2" },
      { .region = "EMEA" },
      { .owner = owner, .period = "2026-Q2" },
      { .source = "Inbound" },
      { .as_of = "2026-06-30", .period = "2026-Q2" },
      { .as_of = "2026-08-20" },
      { .period = "2026-Q2", .lead_weeks = 2 + 1 },
      /* Nothing is recorded after 2026-10-15, so the fast path reads the
       * aggregate, and "all" ends mid-month: its last days come from the
       * records. */
      { .as_of = "2026-10-15", .period = "all" },
      { .as_of = "2026-10-15", .period = "all", .owner = owner },
      { .as_of = "2026-10-15", .period = "all", .segment = "SMB" },
      { .as_of = "2026-10-15", .period = "2026-10", .source = "Inbound" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (slices); i++)
      {
        g_autoptr(RdMetricPack) fast = NULL;
        g_autoptr(RdMetricPack) replay = NULL;

        g_test_message ("slice %u", i);
        fast = compute (ws, &slices[i]);
        check_pack (ws, &slices[i], fast);

        g_setenv ("RD_METRICS_REPLAY", "1", TRUE);
        replay = compute (ws, &slices[i]);
        check_pack (ws, &slices[i], replay);
        g_unsetenv ("RD_METRICS_REPLAY");
        rd_test_assert_same_packs (fast, replay, "fast path, then replayed");

        if (i == 0)
          {
            /* The demo's current quarter has quota, pipeline and history. */
            g_assert_true (rd_test_metric (fast, "coverage.ratio", NULL)->defined);
            g_assert_cmpfloat (rd_test_value (fast, "coverage.closed_won", NULL), >, 0);
            g_assert_cmpfloat (rd_test_value (fast, "coverage.qualified_pipeline", NULL), >, 0);
            g_assert_true (rd_test_metric (fast, "forecast.accuracy", "2026-Q2")->defined);
            g_assert_true (rd_test_metric (fast, "sales.velocity", NULL)->defined);
          }
      }
  }

  g_clear_object (&ws);
  rd_test_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("RD_METRICS_REPLAY");

  g_test_add_func ("/metrics/coverage/forecast-accuracy", test_forecast_accuracy);
  g_test_add_func ("/metrics/coverage/velocity", test_velocity);
  g_test_add_func ("/metrics/coverage/coverage", test_coverage);
  g_test_add_func ("/metrics/coverage/as-of", test_coverage_as_of);
  g_test_add_func ("/metrics/coverage/demo", test_demo);
  return g_test_run ();
}
