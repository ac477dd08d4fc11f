/* test-metrics-efficiency.c — CAC and CAC payback
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worked check of metrics.md (12,000 / (1,500 x 0.8) = 10 months), the
 * undefined cases (no spend, no new customers, a filter spend cannot
 * follow), which accounts are new customers, and the demo company.
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
  g_assert_true (rd_db_exec (fx->db, "UPDATE settings SET as_of_date = '2026-09-30'", NULL));
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
             const char *channel)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (fx->db,
    "INSERT INTO accounts (name, created_at, segment_id, channel_id) VALUES (?1, '2024-01-01',"
    " (SELECT id FROM segments WHERE name = ?2), (SELECT id FROM channels WHERE name = ?3))", NULL);

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, segment, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, channel, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  return sqlite3_last_insert_rowid (fx->db);
}

static void
add_mrr (Fixture    *fx,
         gint64      account,
         const char *month,
         double      amount)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (fx->db,
    "INSERT INTO mrr (account_id, month, mrr_cents) VALUES (?1, ?2, ?3)", NULL);

  sqlite3_bind_int64 (stmt, 1, account);
  sqlite3_bind_text (stmt, 2, month, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, llround (amount * 100));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

static void
add_spend (Fixture    *fx,
           const char *month,
           const char *channel,
           double      amount)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (fx->db,
    "INSERT INTO spend (month, channel_id, amount_cents) VALUES (?1, (SELECT id FROM channels WHERE name = ?2), ?3)",
    NULL);

  sqlite3_bind_text (stmt, 1, month, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, channel, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, llround (amount * 100));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

static RdMetricPack *
compute_full (RdWorkspace *ws,
              const char  *as_of,
              const char  *period,
              const char  *segment,
              const char  *source)
{
  g_autoptr(RdFilter) filter = rd_filter_new ();
  g_autoptr(GError) error = NULL;
  RdMetricPack *pack;

  g_assert_true (rd_filter_resolve (filter, ws, as_of, period, segment, NULL, NULL, source, &error));
  g_assert_no_error (error);
  pack = rd_metrics_compute (ws, filter, "efficiency", &error);
  g_assert_no_error (error);
  g_assert_nonnull (pack);
  return pack;
}


static void
assert_undefined (const RdMetricPack *pack,
                  const char         *id,
                  const char         *bucket,
                  const char         *reason_part)
{
  const RdMetric *m = rd_test_metric (pack, id, bucket);

  rd_test_assert_undefined (pack, id, bucket, reason_part);
  /* Undefined for another reason than a zero denominator: no parts shown. */
  if (m->is_ratio)
    g_assert_cmpfloat (m->denominator, ==, 0);
}

static void
drill (RdWorkspace        *ws,
       const RdMetricPack *pack,
       const char         *id,
       const char         *bucket,
       gint64             *count,
       double             *sum)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdQuery) q = rd_metrics_drill_query (ws, pack->filter, id, bucket, &error);

  g_assert_no_error (error);
  g_assert_nonnull (q);
  g_assert_true (rd_query_aggregate (ws, q, count, sum, &error));
  g_assert_no_error (error);
}

/* ---------------------------------------------------------- worked check */

/* metrics.md: 12,000 / (1,500 x 0.8) = 10 months. */
static void
test_worked_check (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(RdMetricPack) pack = NULL;
  gint64 a = add_account (fx, "Won in July", "SMB", "Inbound");
  const RdMetric *cac, *payback;
  gint64 count;
  double sum;

  add_mrr (fx, a, "2026-07", 1500.0);
  add_mrr (fx, a, "2026-08", 1700.0);     /* later expansion is not new MRR */
  add_spend (fx, "2026-07", "Inbound", 5000.0);
  add_spend (fx, "2026-08", "Inbound", 4000.0);
  add_spend (fx, "2026-09", "Inbound", 3000.0);
  add_spend (fx, "2026-06", "Inbound", 99999.0);   /* before the period */

  pack = compute_full (fx->ws, NULL, "2026-Q3", NULL, NULL);

  cac = rd_test_metric (pack, "efficiency.cac", "Inbound");
  g_assert_true (cac->defined);
  g_assert_true (cac->is_ratio);
  g_assert_cmpfloat_with_epsilon (cac->numerator, 12000.0, EPS);
  g_assert_cmpfloat_with_epsilon (cac->denominator, 1, EPS);
  g_assert_cmpfloat_with_epsilon (cac->value, 12000.0, EPS);
  g_assert_cmpint (cac->unit, ==, RD_UNIT_MONEY);
  g_assert_cmpstr (cac->definition_key, ==, "cac");

  payback = rd_test_metric (pack, "efficiency.cac_payback", "Inbound");
  g_assert_true (payback->defined);
  g_assert_cmpint (payback->unit, ==, RD_UNIT_MONTHS);
  g_assert_cmpfloat_with_epsilon (payback->numerator, 12000.0, EPS);
  g_assert_cmpfloat_with_epsilon (payback->denominator, 1500.0 * 0.8, EPS);
  g_assert_cmpfloat_with_epsilon (payback->value, 10.0, EPS);
  g_assert_cmpstr (payback->definition_key, ==, "cac-payback");

  /* All channels: the same here. */
  g_assert_cmpfloat_with_epsilon (rd_test_metric (pack, "efficiency.cac", NULL)->value, 12000.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_metric (pack, "efficiency.cac_payback", NULL)->value, 10.0, EPS);

  /* The list: one new customer carrying all the spend. */
  drill (fx->ws, pack, "efficiency.cac", "Inbound", &count, &sum);
  g_assert_cmpint (count, ==, 1);
  g_assert_cmpfloat_with_epsilon (sum, 12000.0, EPS);
  drill (fx->ws, pack, "efficiency.cac_payback", "Inbound", &count, &sum);
  g_assert_cmpint (count, ==, 1);
  g_assert_cmpfloat_with_epsilon (sum, 1500.0, EPS);
  g_clear_pointer (&pack, rd_metric_pack_free);

  /* Gross margin is a setting: at 0.5 the payback is 16 months. */
  rd_test_exec (fx->db, "UPDATE settings SET gross_margin = 0.5");
  pack = compute_full (fx->ws, NULL, "2026-Q3", NULL, NULL);
  g_assert_cmpfloat_with_epsilon (rd_test_metric (pack, "efficiency.cac_payback", "Inbound")->value, 16.0, EPS);
}

/* ---------------------------------------------------------- the cases */

static void
test_channels (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(RdMetricPack) pack = NULL;
  gint64 i1 = add_account (fx, "Inbound one", "SMB", "Inbound");
  gint64 i2 = add_account (fx, "Inbound two", "Enterprise", "Inbound");
  gint64 i3 = add_account (fx, "Inbound three", "SMB", "Inbound");
  gint64 old = add_account (fx, "Inbound old", "SMB", "Inbound");
  gint64 back = add_account (fx, "Inbound back", "SMB", "Inbound");
  gint64 p1 = add_account (fx, "Partner one", "SMB", "Partner");
  gint64 none = add_account (fx, "No channel", "SMB", NULL);
  gint64 late = add_account (fx, "Inbound in October", "SMB", "Inbound");
  gint64 count;
  double sum;

  add_mrr (fx, i1, "2026-07", 100.0);
  add_mrr (fx, i2, "2026-08", 200.0);
  add_mrr (fx, i3, "2026-09", 300.0);
  add_mrr (fx, old, "2026-06", 50.0);        /* first month before the period */
  add_mrr (fx, old, "2026-07", 60.0);
  add_mrr (fx, back, "2025-01", 70.0);       /* a reactivation is not a new customer */
  add_mrr (fx, back, "2026-08", 70.0);
  add_mrr (fx, p1, "2026-08", 400.0);
  add_mrr (fx, none, "2026-07", 500.0);
  add_mrr (fx, late, "2026-10", 900.0);      /* after the as-of month */

  add_spend (fx, "2026-07", "Inbound", 1000.00);
  add_spend (fx, "2026-09", "Inbound", 0.01);    /* 100,001 cents over 3 customers */
  add_spend (fx, "2026-08", "Outbound", 2500.0); /* spend, no new customer */
  add_spend (fx, "2026-10", "Outbound", 7777.0); /* after the as-of month */

  pack = compute_full (fx->ws, NULL, "2026-Q3", NULL, NULL);

  /* Inbound: 1,000.01 over three new customers; new MRR 600 → 200 each. */
  {
    const RdMetric *m = rd_test_metric (pack, "efficiency.cac", "Inbound");
    g_assert_cmpfloat_with_epsilon (m->numerator, 1000.01, EPS);
    g_assert_cmpfloat_with_epsilon (m->denominator, 3, EPS);
    g_assert_cmpfloat_with_epsilon (m->value, 1000.01 / 3, EPS);
    m = rd_test_metric (pack, "efficiency.cac_payback", "Inbound");
    g_assert_cmpfloat_with_epsilon (m->value, (1000.01 / 3) / (200.0 * 0.8), EPS);
  }
  drill (fx->ws, pack, "efficiency.cac", "Inbound", &count, &sum);
  g_assert_cmpint (count, ==, 3);
  g_assert_cmpfloat_with_epsilon (sum, 1000.01, EPS);    /* the remainder cent is not lost */
  drill (fx->ws, pack, "efficiency.cac_payback", "Inbound", &count, &sum);
  g_assert_cmpfloat_with_epsilon (sum, 600.0, EPS);

  /* Outbound: spend but nobody won. Partner: won, but no spend. */
  assert_undefined (pack, "efficiency.cac", "Outbound", "no new customers");
  assert_undefined (pack, "efficiency.cac_payback", "Outbound", "no new customers");
  assert_undefined (pack, "efficiency.cac", "Partner", "no spend");
  assert_undefined (pack, "efficiency.cac_payback", "Partner", "no spend");
  assert_undefined (pack, "efficiency.cac", "Events", "no spend entered and no new customers");
  drill (fx->ws, pack, "efficiency.cac", "Partner", &count, &sum);
  g_assert_cmpint (count, ==, 1);
  g_assert_cmpfloat_with_epsilon (sum, 0, EPS);

  /* All channels: 3,500.01 over five new customers (the one without a
   * channel included); new MRR 1,500 → 300 each. */
  {
    const RdMetric *m = rd_test_metric (pack, "efficiency.cac", NULL);
    g_assert_cmpfloat_with_epsilon (m->numerator, 3500.01, EPS);
    g_assert_cmpfloat_with_epsilon (m->denominator, 5, EPS);
    g_assert_cmpfloat_with_epsilon (rd_test_metric (pack, "efficiency.cac_payback", NULL)->value,
                                    (3500.01 / 5) / (300.0 * 0.8), EPS);
  }
  drill (fx->ws, pack, "efficiency.cac", NULL, &count, &sum);
  g_assert_cmpint (count, ==, 5);
  g_assert_cmpfloat_with_epsilon (sum, 3500.01, EPS);
  g_clear_pointer (&pack, rd_metric_pack_free);

  /* A source filter keeps that channel. */
  pack = compute_full (fx->ws, NULL, "2026-Q3", NULL, "Inbound");
  g_assert_cmpfloat_with_epsilon (rd_test_metric (pack, "efficiency.cac", NULL)->value, 1000.01 / 3, EPS);
  g_assert_nonnull (rd_metric_pack_find (pack, "efficiency.cac", "Inbound"));
  g_assert_null (rd_metric_pack_find (pack, "efficiency.cac", "Outbound"));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RdQuery) q = rd_metrics_drill_query (fx->ws, pack->filter, "efficiency.cac", "Outbound", &error);
    g_assert_null (q);
    g_assert_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID);
  }
  g_clear_pointer (&pack, rd_metric_pack_free);

  /* Spend has no segment: under a segment filter CAC is undefined, says why. */
  pack = compute_full (fx->ws, NULL, "2026-Q3", "SMB", NULL);
  assert_undefined (pack, "efficiency.cac", NULL, "per channel and month");
  assert_undefined (pack, "efficiency.cac", "Inbound", "per channel and month");
  assert_undefined (pack, "efficiency.cac_payback", "Inbound", "per channel and month");
  g_clear_pointer (&pack, rd_metric_pack_free);

  /* A month of the period: August. */
  pack = compute_full (fx->ws, NULL, "2026-08", NULL, NULL);
  assert_undefined (pack, "efficiency.cac", "Inbound", "no spend");   /* i2 won, no spend in August */
  g_assert_cmpfloat_with_epsilon (rd_test_metric (pack, "efficiency.cac", NULL)->value, 2500.0 / 2, EPS);
  g_clear_pointer (&pack, rd_metric_pack_free);

  /* A quarter still running counts its months up to the as-of month only. */
  pack = compute_full (fx->ws, "2026-08-31", "2026-Q3", NULL, NULL);
  g_assert_cmpfloat_with_epsilon (rd_test_metric (pack, "efficiency.cac", "Inbound")->numerator, 1000.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_metric (pack, "efficiency.cac", "Inbound")->denominator, 2, EPS);
}

static void
test_edges (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(RdMetricPack) pack = NULL;
  gint64 a = add_account (fx, "A", NULL, "Inbound");

  /* No spend at all and no MRR: undefined, with reasons. */
  pack = compute_full (fx->ws, NULL, NULL, NULL, NULL);
  assert_undefined (pack, "efficiency.cac", NULL, "no spend entered and no new customers");
  assert_undefined (pack, "efficiency.cac_payback", "Referral", "no spend entered and no new customers");
  g_clear_pointer (&pack, rd_metric_pack_free);

  add_mrr (fx, a, "2026-07", 100.0);
  add_spend (fx, "2026-07", "Inbound", 300.0);

  /* An as-of date before any data. */
  pack = compute_full (fx->ws, "2020-01-31", NULL, NULL, NULL);
  assert_undefined (pack, "efficiency.cac", "Inbound", "no spend entered and no new customers");
  g_clear_pointer (&pack, rd_metric_pack_free);
  pack = compute_full (fx->ws, "2020-01-31", "all", NULL, NULL);
  assert_undefined (pack, "efficiency.cac", "Inbound", "no MRR");
  g_clear_pointer (&pack, rd_metric_pack_free);

  /* A period after the as-of date. */
  pack = compute_full (fx->ws, NULL, "2026-Q4", NULL, NULL);
  assert_undefined (pack, "efficiency.cac", NULL, "starts after");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RdQuery) q = rd_metrics_drill_query (fx->ws, pack->filter, "efficiency.cac", NULL, &error);
    g_assert_null (q);
    g_assert_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID);
  }
  g_clear_pointer (&pack, rd_metric_pack_free);

  /* "all": every month with MRR up to as-of. */
  pack = compute_full (fx->ws, NULL, "all", NULL, NULL);
  g_assert_cmpfloat_with_epsilon (rd_test_metric (pack, "efficiency.cac", "Inbound")->value, 300.0, EPS);
  g_assert_cmpfloat_with_epsilon (rd_test_metric (pack, "efficiency.cac_payback", "Inbound")->value, 300.0 / 80.0, EPS);

  /* Unknown ids and channels are refused. */
  {
    struct { const char *id, *bucket; } bad[] = {
      { "efficiency.nope", NULL }, { "efficiency.cac", "Nowhere" }, { "efficiency.cac_payback", "" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(RdQuery) q = rd_metrics_drill_query (fx->ws, pack->filter, bad[i].id, bad[i].bucket, &error);
        g_assert_null (q);
        g_assert_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID);
      }
  }
  for (guint i = 0; i < pack->metrics->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (pack->metrics, i);
      g_assert_true (g_str_has_prefix (m->id, "efficiency."));
      g_assert_nonnull (m->label);
      g_assert_nonnull (m->formula);
    }
}

/* -------------------------------------------------------------- the demo */

static RdWorkspace *demo;
static char *demo_dir;

typedef struct { const char *name, *as_of, *period, *segment, *source; } Slice;

static const Slice slices[] = {
  { "current-quarter", NULL, NULL, NULL, NULL },
  { "previous-quarter", NULL, "2026-Q2", NULL, NULL },
  { "all-time", NULL, "all", NULL, NULL },
  { "partner", NULL, "2026-Q1", NULL, "Partner" },
  { "enterprise", NULL, NULL, "Enterprise", NULL },
  { "past-as-of", "2025-12-31", "2025-Q4", NULL, NULL },
};

static void
test_demo (gconstpointer data)
{
  const Slice *s = data;
  g_autoptr(RdMetricPack) pack = compute_full (demo, s->as_of, s->period, s->segment, s->source);
  g_autoptr(RdMetricPack) replayed = NULL;
  double margin = 0.8;
  guint defined = 0;

  for (guint i = 0; i < pack->metrics->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (pack->metrics, i);
      gint64 count;
      double sum;

      g_assert_true (g_str_has_prefix (m->id, "efficiency."));
      if (!m->defined)
        {
          g_assert_nonnull (m->reason);
          continue;
        }
      defined++;
      g_assert_true (m->is_ratio);
      g_assert_cmpfloat_with_epsilon (m->value, m->numerator / m->denominator, 1e-9 * MAX (1.0, m->value));

      /* CAC: the list counts the denominator and its spend sums to the numerator. */
      drill (demo, pack, m->id, m->bucket, &count, &sum);
      if (g_str_equal (m->id, "efficiency.cac"))
        {
          const RdMetric *p = rd_test_metric (pack, "efficiency.cac_payback", m->bucket);

          g_assert_cmpfloat_with_epsilon ((double) count, m->denominator, EPS);
          g_assert_cmpfloat_with_epsilon (sum, m->numerator, 1e-6);
          /* Payback from the same list: CAC / (new MRR / customers × margin). */
          drill (demo, pack, "efficiency.cac_payback", m->bucket, &count, &sum);
          g_assert_true (p->defined);
          g_assert_cmpfloat_with_epsilon (p->value, m->value / (sum / (double) count * margin),
                                          1e-9 * MAX (1.0, p->value));
        }
    }
  if (s->segment == NULL)
    g_assert_cmpuint (defined, >, 0);
  else
    g_assert_cmpuint (defined, ==, 0);

  g_setenv ("RD_METRICS_REPLAY", "1", TRUE);
  replayed = compute_full (demo, s->as_of, s->period, s->segment, s->source);
  g_unsetenv ("RD_METRICS_REPLAY");
  g_assert_cmpuint (replayed->metrics->len, ==, pack->metrics->len);
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

/* New customers here are the retention group's new movements. */
static void
test_demo_agrees_with_retention (void)
{
  g_autoptr(RdFilter) filter = rd_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RdMetricPack) eff = NULL;
  g_autoptr(RdMetricPack) ret = NULL;
  const RdMetric *cac, *payback;
  double new_mrr = 0;

  g_assert_true (rd_filter_resolve (filter, demo, NULL, "2026-Q2", NULL, NULL, NULL, NULL, &error));
  eff = rd_metrics_compute (demo, filter, "efficiency", &error);
  g_assert_no_error (error);
  ret = rd_metrics_compute (demo, filter, "retention", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < ret->metrics->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (ret->metrics, i);
      if (g_str_equal (m->id, "retention.new"))
        new_mrr += m->value;
    }
  cac = rd_test_metric (eff, "efficiency.cac", NULL);
  payback = rd_test_metric (eff, "efficiency.cac_payback", NULL);
  g_assert_true (payback->defined);
  /* payback = CAC / (new MRR / customers × margin) */
  g_assert_cmpfloat_with_epsilon (payback->denominator, new_mrr / cac->denominator * 0.8, 1e-6);
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

  g_test_add ("/efficiency/worked-check", Fixture, NULL, fixture_setup, test_worked_check, fixture_teardown);
  g_test_add ("/efficiency/channels", Fixture, NULL, fixture_setup, test_channels, fixture_teardown);
  g_test_add ("/efficiency/edges", Fixture, NULL, fixture_setup, test_edges, fixture_teardown);

  demo_dir = rd_test_tmpdir ();
  path = g_build_filename (demo_dir, "demo.revdeck", NULL);
  demo = rd_demo_create (path, &options, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (slices); i++)
    {
      g_autofree char *name = g_strdup_printf ("/efficiency/demo/%s", slices[i].name);
      g_test_add_data_func (name, &slices[i], test_demo);
    }
  g_test_add_func ("/efficiency/demo/agrees-with-retention", test_demo_agrees_with_retention);

  rc = g_test_run ();
  g_clear_object (&demo);
  rd_test_rmdir (demo_dir);
  g_free (demo_dir);
  return rc;
}
