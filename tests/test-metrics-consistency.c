/* test-metrics-consistency.c — every metric agrees with its records and its parts
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On the demo company, for several slices: each drillable metric equals the
 * count (or sum) of its own drill-down list; each ratio equals numerator ÷
 * denominator; every undefined metric says why; and replaying history gives
 * the same pack as reading the current state.
 */
#include "config.h"

#include <math.h>

#include "rd-demo.h"
#include "rd-metrics.h"
#include "rd-test-util.h"
#include "rd-workspace-private.h"

static RdWorkspace *demo;
static char *demo_dir;

typedef struct
{
  const char *name;
  const char *as_of;
  const char *period;
  const char *segment;
  const char *region;
} Slice;

static const Slice slices[] = {
  { "current-quarter", NULL, NULL, NULL, NULL },
  { "previous-quarter", NULL, "2026-Q2", NULL, NULL },
  { "enterprise", NULL, NULL, "Enterprise", NULL },
  { "month-emea", NULL, "2026-07", NULL, "EMEA" },
  { "all-time", NULL, "all", NULL, NULL },
  { "past-as-of", "2025-12-31", "2025-Q4", NULL, NULL },
};

static RdMetricPack *
compute (const Slice *slice)
{
  g_autoptr(RdFilter) filter = rd_filter_new ();
  g_autoptr(GError) error = NULL;
  RdMetricPack *pack;

  g_assert_true (rd_filter_resolve (filter, demo, slice->as_of, slice->period, slice->segment, slice->region,
                                    NULL, NULL, &error));
  g_assert_no_error (error);
  pack = rd_metrics_compute (demo, filter, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pack);
  return pack;
}

static gboolean
close_enough (double a,
              double b)
{
  return fabs (a - b) <= 1e-6 * MAX (1.0, MAX (fabs (a), fabs (b)));
}

static void
test_slice (gconstpointer data)
{
  const Slice *slice = data;
  g_autoptr(RdMetricPack) pack = compute (slice);
  guint drilled = 0;

  g_assert_cmpuint (pack->metrics->len, >, 0);

  for (guint i = 0; i < pack->metrics->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (pack->metrics, i);
      g_autofree char *name = g_strdup_printf ("%s%s%s", m->id, m->bucket ? " / " : "", m->bucket ? m->bucket : "");

      /* Every metric is described for people. */
      if (m->label == NULL || *m->label == '\0' || m->formula == NULL || *m->formula == '\0')
        g_error ("%s: %s has no label or formula", slice->name, name);
      if (!m->defined && (m->reason == NULL || *m->reason == '\0'))
        g_error ("%s: %s is undefined without a reason", slice->name, name);
      if (m->defined && !isfinite (m->value))
        g_error ("%s: %s is not a finite number", slice->name, name);

      if (m->is_ratio && m->defined)
        {
          double expect = m->numerator / m->denominator * (m->unit == RD_UNIT_PERCENT ? 100.0 : 1.0);
          if (!close_enough (m->value, expect))
            g_error ("%s: %s = %g but %g / %g gives %g", slice->name, name, m->value,
                     m->numerator, m->denominator, expect);
        }
      if (m->is_ratio && !m->defined && m->denominator != 0)
        g_error ("%s: %s is undefined with a denominator of %g", slice->name, name, m->denominator);

      if (m->drillable && m->defined && !m->is_ratio)
        {
          g_autoptr(RdFilter) filter = rd_filter_copy (pack->filter);
          g_autoptr(GError) error = NULL;
          g_autoptr(RdQuery) query = rd_metrics_drill_query (demo, filter, m->id, m->bucket, &error);
          gint64 count = 0;
          double sum = 0;

          if (query == NULL)
            g_error ("%s: %s is drillable but: %s", slice->name, name, error->message);
          g_assert_true (rd_query_aggregate (demo, query, &count, &sum, &error));
          g_assert_no_error (error);
          if (!close_enough (query->sum_column ? sum : (double) count, m->value))
            g_error ("%s: %s = %g but its %" G_GINT64_FORMAT " records give %g", slice->name, name,
                     m->value, count, query->sum_column ? sum : (double) count);
          drilled++;
        }
    }
  g_test_message ("%s: %u metrics, %u checked against their records", slice->name, pack->metrics->len, drilled);
  g_assert_cmpuint (drilled, >, 0);
}

/* The fast path (current columns) and the replay of histories agree. */
static void
test_replay_agrees (gconstpointer data)
{
  const Slice *slice = data;
  g_autoptr(RdMetricPack) fast = compute (slice);
  g_autoptr(RdMetricPack) replayed = NULL;

  g_setenv ("RD_METRICS_REPLAY", "1", TRUE);
  replayed = compute (slice);
  g_unsetenv ("RD_METRICS_REPLAY");

  g_assert_cmpuint (fast->metrics->len, ==, replayed->metrics->len);
  for (guint i = 0; i < fast->metrics->len; i++)
    {
      const RdMetric *a = g_ptr_array_index (fast->metrics, i);
      const RdMetric *b = g_ptr_array_index (replayed->metrics, i);

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpstr (a->bucket, ==, b->bucket);
      g_assert_cmpint (a->defined, ==, b->defined);
      if (a->defined && !close_enough (a->value, b->value))
        g_error ("%s: %s/%s is %g, replayed %g", slice->name, a->id, a->bucket ? a->bucket : "", a->value, b->value);
    }
}

/* A slice that matches no record gives zeros and undefined ratios, never a crash. */
static void
test_empty_slice (void)
{
  g_autoptr(RdFilter) filter = rd_filter_new ();
  g_autoptr(RdMetricPack) pack = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_filter_resolve (filter, demo, "2019-01-31", "2019-Q1", NULL, NULL, NULL, NULL, &error));
  pack = rd_metrics_compute (demo, filter, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < pack->metrics->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (pack->metrics, i);
      if (m->is_ratio)
        g_assert_false (m->defined && m->denominator == 0);
    }
}

/* A company that tracks a single lifecycle stage still gets every number. */
static void
test_single_lifecycle_stage (void)
{
  g_autofree char *dir = rd_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "one.revdeck", NULL);
  g_autoptr(RdWorkspace) ws = rd_test_create (path);
  g_autoptr(RdFilter) filter = rd_filter_new ();
  g_autoptr(RdMetricPack) pack = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = _rd_workspace_get_db (ws);
  const RdMetric *reached;

  g_assert_true (rd_db_exec (db,
    "UPDATE settings SET as_of_date = '2026-09-30';"
    "DELETE FROM handoffs;"
    "DELETE FROM stages WHERE kind = 'lifecycle' AND position > (SELECT min (position) FROM stages WHERE kind = 'lifecycle');"
    "INSERT INTO leads (name, created_at) VALUES ('Solo lead', '2026-09-01 09:00:00');"
    "INSERT INTO lead_stage_events (lead_id, stage_id, entered_at)"
    "  SELECT max (id), (SELECT id FROM stages WHERE kind = 'lifecycle'), '2026-09-01 09:00:00' FROM leads;", &error));
  g_assert_no_error (error);
  g_assert_true (rd_workspace_refresh_derived (ws, &error));

  g_assert_true (rd_filter_resolve (filter, ws, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  pack = rd_metrics_compute (ws, filter, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pack);

  reached = rd_metric_pack_find (pack, "funnel.reached", "Lead");
  g_assert_nonnull (reached);
  g_assert_true (reached->defined);
  g_assert_cmpfloat (reached->value, ==, 1);
  rd_test_rmdir (dir);
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

  for (guint i = 0; i < G_N_ELEMENTS (slices); i++)
    {
      g_autofree char *a = g_strdup_printf ("/metrics/consistency/%s", slices[i].name);
      g_autofree char *b = g_strdup_printf ("/metrics/replay/%s", slices[i].name);
      g_test_add_data_func (a, &slices[i], test_slice);
      g_test_add_data_func (b, &slices[i], test_replay_agrees);
    }
  g_test_add_func ("/metrics/empty-slice", test_empty_slice);
  g_test_add_func ("/metrics/single-lifecycle-stage", test_single_lifecycle_stage);

  rc = g_test_run ();
  g_clear_object (&demo);
  rd_test_rmdir (demo_dir);
  g_free (demo_dir);
  return rc;
}
