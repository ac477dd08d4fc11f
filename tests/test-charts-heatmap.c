/* test-charts-heatmap.c — cohort triangles
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "test-charts-util.h"

static RdChartTheme theme;
static PangoContext *pango;

#define N 12

static void
fill_triangle (double *values)
{
  for (guint r = 0; r < N; r++)
    for (guint c = 0; c < N; c++)
      values[r * N + c] = c < N - r ? 100.0 - c * 4.0 - r : NAN;
}

static void
test_layout (void)
{
  double values[N * N];
  const char *rows[N] = { "Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026", "May 2026", "Jun 2026", "Jul 2026",
                          "Aug 2026", "Sep 2026", "Oct 2026", "Nov 2026", "Dec 2026" };
  const char *cols[N] = { "M0", "M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "M9", "M10", "M11" };
  RdHeatmapData data = { { "Logo retention by cohort", "as of 30 Sep 2026", NULL }, RD_UNIT_PERCENT, NULL, rows,
                         NULL, N, cols, N, values, 100, "retention.cohort" };

  fill_triangle (values);
  for (guint s = 0; s < G_N_ELEMENTS (rd_test_chart_sizes); s++)
    {
      g_autoptr(RdChartLayout) layout = rd_heatmap_chart_layout (&data, rd_test_chart_sizes[s].width,
                                                                 rd_test_chart_sizes[s].height, &theme, pango);
      const RdChartPrim *first, *last;

      rd_test_chart_check_layout (layout);
      /* A triangle: 12 + 11 + … + 1 cells, darker for more retention, the
       * ramp running from the lowest cell (56%) to 100%. */
      g_assert_cmpuint (rd_test_chart_count (layout, RD_PRIM_RECT, RD_INK_HEAT), ==, N * (N + 1) / 2);
      first = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_HEAT, 0);
      last = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_HEAT, N - 1);
      g_assert_cmpfloat_with_epsilon (first->heat, 1.0, 1e-9);
      g_assert_cmpfloat_with_epsilon (last->heat, 0.0, 1e-9);
      g_assert_cmpfloat_with_epsilon (rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_HEAT, 1)->heat,
                                      (96.0 - 56.0) / (100.0 - 56.0), 1e-9);
      g_assert_cmpfloat (last->x, >, first->x);
      /* At window sizes every cell carries its number, in the contrast ink. */
      if (s < 2)
        {
          const RdChartPrim *label = rd_test_chart_find_text (layout, "56%");

          g_assert_nonnull (label);
          g_assert_cmpint (label->ink, ==, RD_INK_CONTRAST);
          g_assert_cmpint (label->over, ==, RD_INK_HEAT);
          g_assert_cmpuint (rd_test_chart_count (layout, RD_PRIM_TEXT, RD_INK_CONTRAST), ==, N * (N + 1) / 2);
        }
      g_assert_cmpuint (rd_chart_layout_get_n_hits (layout), ==, N * (N + 1) / 2);
    }
}

static RdChartLayout *
render (gconstpointer data,
        double        width,
        double        height)
{
  return rd_heatmap_chart_layout (data, width, height, &theme, pango);
}

static void
test_hit_and_empty (void)
{
  double values[N * N];
  const char *rows[N] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  const char *buckets[N] = { "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07",
                             "2026-08", "2026-09", "2026-10", "2026-11", "2026-12" };
  const char *cols[N] = { "M0", "M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "M9", "M10", "M11" };
  RdHeatmapData data = { { NULL, NULL, "No customers started before 30 Sep 2026" }, RD_UNIT_PERCENT, NULL, rows,
                         buckets, N, cols, N, values, 0, "retention.cohort" };
  g_autoptr(RdChartLayout) layout = NULL;
  const RdChartPrim *cell;
  const RdChartHit *hit;

  fill_triangle (values);
  layout = rd_heatmap_chart_layout (&data, 800, 600, &theme, pango);
  cell = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_HEAT, N + 3); /* second row, M3 */
  hit = rd_test_chart_hit_at (layout, cell->x + cell->w / 2, cell->y + cell->h / 2);
  g_assert_cmpstr (hit->bucket, ==, "2026-02");
  g_assert_cmpstr (hit->series, ==, "M3");
  g_assert_cmpstr (hit->label, ==, "Feb, M3: 87.0%");

  for (guint i = 0; i < N * N; i++)
    values[i] = NAN;
  rd_test_chart_check_sizes (render, &data, "No customers started before 30 Sep 2026");
}

int
main (int   argc,
      char *argv[])
{
  rd_test_chart_init (&argc, &argv, &theme, &pango);

  g_test_add_func ("/charts/heatmap/layout", test_layout);
  g_test_add_func ("/charts/heatmap/hit-and-empty", test_hit_and_empty);

  return g_test_run ();
}
