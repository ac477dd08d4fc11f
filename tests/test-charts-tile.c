/* test-charts-tile.c — overview tiles
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "test-charts-util.h"

static RdChartTheme theme;
static PangoContext *pango;

static const double history[] = { 1.8, 2.0, 2.3, 2.1, NAN, 2.4, 2.2, 2.1 };

static RdTileData
coverage_tile (void)
{
  RdTileData data = { { "Pipeline coverage", NULL, NULL } };

  data.unit = RD_UNIT_RATIO;
  data.defined = TRUE;
  data.value = 2.1;
  data.has_target = TRUE;
  data.target = 3.0;
  data.status = RD_STATUS_OFF_TRACK;
  data.history = history;
  data.n_history = G_N_ELEMENTS (history);
  data.why = "2.1× of a 3.0× target — $1.4M short for Q4 2026";
  data.metric_id = "coverage.pipeline";
  return data;
}

static void
test_layout (void)
{
  const RdTestSize sizes[] = { { 240, 160 }, { 360, 240 }, { 200, 110 }, { 800, 600 } };
  RdTileData data = coverage_tile ();

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(RdChartLayout) layout = rd_tile_chart_layout (&data, sizes[s].width, sizes[s].height, &theme,
                                                              pango);
      const RdChartPrim *value, *word, *status;

      rd_test_chart_check_layout (layout);
      value = rd_test_chart_find_text (layout, "2.1×");
      g_assert_nonnull (value);
      g_assert_cmpint (value->role, ==, RD_TEXT_BIG);
      g_assert_nonnull (rd_test_chart_find_text (layout, "target 3.0×"));
      /* The status colour comes with its word. */
      word = rd_test_chart_find_text (layout, "Off track");
      g_assert_nonnull (word);
      status = rd_test_chart_nth (layout, RD_PRIM_DOT, RD_INK_BAD, 0);
      g_assert_cmpfloat (status->x, <, word->x);
      /* The why line is there whenever the tile has room for it. */
      g_assert_nonnull (rd_test_chart_find_text (layout, data.why));
      /* The sparkline has its gap: two runs and the last point marked. */
      if (sizes[s].height >= 160)
        g_assert_cmpuint (rd_test_chart_count (layout, RD_PRIM_POLYLINE, RD_INK_BLUE), ==, 2);
      g_assert_cmpuint (rd_chart_layout_get_n_hits (layout), ==, 1);
      g_assert_cmpstr (rd_chart_layout_get_hit (layout, 0)->label, ==,
                       "Pipeline coverage: 2.1×, target 3.0×, Off track. "
                       "2.1× of a 3.0× target — $1.4M short for Q4 2026");
      g_assert_cmpstr (rd_test_chart_hit_at (layout, 5, 5)->metric_id, ==, "coverage.pipeline");
    }
}

static void
test_undefined (void)
{
  RdTileData data = coverage_tile ();

  data.defined = FALSE;
  data.reason = "No quota set for Q4 2026";
  data.status = RD_STATUS_NONE;
  for (guint s = 0; s < G_N_ELEMENTS (rd_test_chart_sizes); s++)
    {
      g_autoptr(RdChartLayout) layout = rd_tile_chart_layout (&data, rd_test_chart_sizes[s].width,
                                                              rd_test_chart_sizes[s].height, &theme, pango);

      rd_test_chart_check_layout (layout);
      g_assert_nonnull (rd_test_chart_find_text (layout, "\342\200\224"));
      g_assert_nonnull (rd_test_chart_find_text (layout, "No quota set for Q4 2026"));
      g_assert_cmpstr (rd_chart_layout_get_empty_reason (layout), ==, "No quota set for Q4 2026");
      g_assert_null (rd_test_chart_find_text (layout, "Off track"));
    }
}

static void
test_sparkline_scale (void)
{
  const double values[] = { 10, 20, 30 };
  const char *periods[] = { "Jul", "Aug", "Sep" };
  const RdLineSeries series[] = { { "ARR", values, 0, "retention.arr" } };
  RdLineData data = { { NULL, NULL, NULL }, RD_UNIT_MONEY, "USD", periods, 3, series, 1, FALSE, 0, NULL, TRUE };
  g_autoptr(RdChartLayout) layout = rd_line_chart_layout (&data, 120, 30, &theme, pango);
  const RdChartPrim *line;

  rd_test_chart_check_layout (layout);
  line = rd_test_chart_nth (layout, RD_PRIM_POLYLINE, RD_INK_BLUE, 0);
  g_assert_cmpuint (line->n_points, ==, 3);
  /* Evenly spaced, linear data on a straight line going up. */
  g_assert_cmpfloat_with_epsilon (line->points[2] - line->points[0], line->points[4] - line->points[2], 1e-9);
  g_assert_cmpfloat_with_epsilon (line->points[1] - line->points[3], line->points[3] - line->points[5], 1e-9);
  g_assert_cmpfloat (line->points[5], <, line->points[1]);
  /* No axis, no text. */
  g_assert_cmpuint (rd_test_chart_count (layout, RD_PRIM_TEXT, RD_INK_TEXT_SECONDARY), ==, 0);
  g_assert_cmpstr (rd_test_chart_hit_at (layout, 110, 15)->bucket, ==, "Sep");
}

int
main (int   argc,
      char *argv[])
{
  rd_test_chart_init (&argc, &argv, &theme, &pango);

  g_test_add_func ("/charts/tile/layout", test_layout);
  g_test_add_func ("/charts/tile/undefined", test_undefined);
  g_test_add_func ("/charts/tile/sparkline", test_sparkline_scale);

  return g_test_run ();
}
