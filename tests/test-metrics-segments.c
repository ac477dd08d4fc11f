/* test-metrics-segments.c — the coverage group's figures per segment
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On the demo company: coverage.segment_pipeline [“segment / category”] and
 * coverage.segment_remaining_quota [segment] equal coverage.pipeline and
 * coverage.remaining_quota computed with the filter narrowed to that
 * segment; the segments' pipelines add up to the company's per category; a
 * segment's list of records sums to its figure; a filter by segment or owner
 * has no per-segment figures.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "rd-demo.h"
#include "rd-metrics-private.h"
#include "rd-test-util.h"
#include "rd-workspace-private.h"

#define EPS 1e-6

static RdWorkspace *demo;

static RdFilter *
filter_for (const char *period,
            const char *segment,
            const char *owner)
{
  RdFilter *filter = rd_filter_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_filter_resolve (filter, demo, NULL, period, segment, NULL, owner, NULL, &error));
  g_assert_no_error (error);
  return filter;
}

static RdMetricPack *
coverage (const RdFilter *filter)
{
  g_autoptr(GError) error = NULL;
  RdMetricPack *pack = rd_metrics_compute (demo, filter, "coverage", &error);

  g_assert_no_error (error);
  g_assert_nonnull (pack);
  return pack;
}

static void
test_per_segment (gconstpointer data)
{
  g_autoptr(RdFilter) filter = filter_for (data, NULL, NULL);
  g_autoptr(RdMetricPack) pack = coverage (filter);
  g_autoptr(GHashTable) sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint n_segments = 0, n_pipelines = 0;

  for (guint i = 0; i < pack->metrics->len; i++)
    {
      const RdMetric *q = g_ptr_array_index (pack->metrics, i);
      g_autoptr(RdFilter) narrow = NULL;
      g_autoptr(RdMetricPack) alone = NULL;
      const RdMetric *remaining;

      if (!g_str_equal (q->id, "coverage.segment_remaining_quota"))
        continue;
      n_segments++;
      narrow = filter_for (data, q->bucket, NULL);
      alone = coverage (narrow);

      /* The remaining quota, as the segment's own view has it. */
      remaining = rd_test_metric (alone, "coverage.remaining_quota", NULL);
      g_assert_cmpint (q->defined, ==, remaining->defined);
      if (q->defined)
        g_assert_cmpfloat_with_epsilon (q->value, remaining->value, EPS);

      /* Each category's pipeline, and its records. */
      for (guint j = 0; j < alone->metrics->len; j++)
        {
          const RdMetric *p = g_ptr_array_index (alone->metrics, j);
          g_autofree char *bucket = NULL;
          const RdMetric *s;
          double *sum;

          if (!g_str_equal (p->id, "coverage.pipeline"))
            continue;
          bucket = g_strdup_printf ("%s / %s", q->bucket, p->bucket);
          s = rd_test_metric (pack, "coverage.segment_pipeline", bucket);
          g_assert_cmpfloat_with_epsilon (s->value, p->value, EPS);
          g_assert_true (s->drillable);
          n_pipelines++;

          sum = g_hash_table_lookup (sums, p->bucket);
          if (sum == NULL)
            {
              sum = g_new0 (double, 1);
              g_hash_table_insert (sums, g_strdup (p->bucket), sum);
            }
          *sum += s->value;

          if (s->value > 0)
            {
              g_autoptr(GError) error = NULL;
              g_autoptr(RdQuery) rows = rd_metrics_drill_query (demo, filter, s->id, s->bucket, &error);
              gint64 count = 0;
              double total = 0;

              g_assert_no_error (error);
              g_assert_true (rd_query_aggregate (demo, rows, &count, &total, &error));
              g_assert_no_error (error);
              g_assert_cmpint (count, >, 0);
              g_assert_cmpfloat_with_epsilon (total, s->value, EPS);
            }
        }
    }
  g_assert_cmpuint (n_segments, ==, (guint) rd_db_query_int (_rd_workspace_get_db (demo),
                                                              "SELECT count (*) FROM segments", -1));
  g_assert_cmpuint (n_pipelines, >, 0);

  /* Every open deal of the demo has a segment: the segments add up to the company. */
  g_assert_cmpint (rd_db_query_int (_rd_workspace_get_db (demo),
                                    "SELECT count (*) FROM opportunities WHERE segment_id IS NULL", -1), ==, 0);
  for (guint i = 0; i < pack->metrics->len; i++)
    {
      const RdMetric *p = g_ptr_array_index (pack->metrics, i);
      double *sum;

      if (!g_str_equal (p->id, "coverage.pipeline"))
        continue;
      sum = g_hash_table_lookup (sums, p->bucket);
      g_assert_nonnull (sum);
      g_assert_cmpfloat_with_epsilon (*sum, p->value, EPS);
    }
}

static void
test_narrowed (void)
{
  const char *filters[][2] = { { "Enterprise", NULL }, { NULL, "first" } };

  for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
    {
      g_autoptr(RdFilter) filter = NULL;
      g_autoptr(RdMetricPack) pack = NULL;
      g_autofree char *owner = NULL;

      if (filters[f][1])
        {
          sqlite3_stmt *stmt = NULL;

          g_assert_cmpint (sqlite3_prepare_v2 (_rd_workspace_get_db (demo),
                                               "SELECT name FROM people ORDER BY id LIMIT 1", -1, &stmt, NULL),
                           ==, SQLITE_OK);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          owner = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          sqlite3_finalize (stmt);
        }
      filter = filter_for (NULL, filters[f][0], owner);
      pack = coverage (filter);
      for (guint i = 0; i < pack->metrics->len; i++)
        g_assert_false (g_str_has_prefix (((RdMetric *) g_ptr_array_index (pack->metrics, i))->id,
                                          "coverage.segment_"));
      g_assert_nonnull (rd_metric_pack_find (pack, "coverage.pipeline", "Commit"));
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  RdDemoOptions options = { RD_DEMO_DEFAULT_SEED, 0 };
  int rc;

  g_test_init (&argc, &argv, NULL);
  dir = rd_test_tmpdir ();
  path = g_build_filename (dir, "demo.revdeck", NULL);
  demo = rd_demo_create (path, &options, &error);
  g_assert_no_error (error);
  g_test_add_data_func ("/segments/quarter", NULL, test_per_segment);
  g_test_add_data_func ("/segments/month", "2026-08", test_per_segment);
  g_test_add_func ("/segments/narrowed", test_narrowed);
  rc = g_test_run ();
  g_clear_object (&demo);
  rd_test_rmdir (dir);
  return rc;
}
