/* test-charts-waterfall.c — bridge layouts
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "test-charts-util.h"

static RdChartTheme theme;
static PangoContext *pango;

static const RdWaterfallStep steps[] = {
  { "Start ARR", RD_STEP_TOTAL, 10200000, "retention.arr", "start" },
  { "New", RD_STEP_DELTA, 1400000, "retention.arr", "new" },
  { "Expansion", RD_STEP_DELTA, 650000, "retention.arr", "expansion" },
  { "Contraction", RD_STEP_DELTA, -320000, "retention.arr", "contraction" },
  { "Churn", RD_STEP_DELTA, -900000, "retention.arr", "churn" },
  { "End ARR", RD_STEP_TOTAL, 11030000, "retention.arr", "end" },
};

static void
test_layout (void)
{
  RdWaterfallData data = { { "ARR bridge", "as of 30 Sep 2026", NULL }, RD_UNIT_MONEY, "USD", steps,
                           G_N_ELEMENTS (steps) };

  for (guint s = 0; s < G_N_ELEMENTS (rd_test_chart_sizes); s++)
    {
      g_autoptr(RdChartLayout) layout = rd_waterfall_chart_layout (&data, rd_test_chart_sizes[s].width,
                                                                   rd_test_chart_sizes[s].height, &theme, pango);
      const RdChartPrim *start, *end, *up, *up2, *down, *down2;
      double px_per_unit;

      rd_test_chart_check_layout (layout);
      g_assert_cmpuint (rd_test_chart_count (layout, RD_PRIM_RECT, RD_INK_NEUTRAL), ==, 2);
      g_assert_cmpuint (rd_test_chart_count (layout, RD_PRIM_RECT, RD_INK_GOOD), ==, 2);
      g_assert_cmpuint (rd_test_chart_count (layout, RD_PRIM_RECT, RD_INK_BAD), ==, 2);
      start = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_NEUTRAL, 0);
      end = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_NEUTRAL, 1);
      up = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_GOOD, 0);
      up2 = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_GOOD, 1);
      down = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_BAD, 0);
      down2 = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_BAD, 1);

      /* Heights proportional to amounts, totals standing on the same baseline. */
      px_per_unit = start->h / 10200000.0;
      g_assert_cmpfloat_with_epsilon (end->h / px_per_unit, 11030000, 11030000 * 1e-6);
      g_assert_cmpfloat_with_epsilon (up->h / px_per_unit, 1400000, 1400000 * 1e-6);
      g_assert_cmpfloat_with_epsilon (down2->h / px_per_unit, 900000, 900000 * 1e-6);
      g_assert_cmpfloat_with_epsilon (start->y + start->h, end->y + end->h, 1e-6);
      /* Each change floats from where the previous one ended. */
      g_assert_cmpfloat_with_epsilon (up->y + up->h, start->y, 1e-6);
      g_assert_cmpfloat_with_epsilon (up2->y + up2->h, up->y, 1e-6);
      g_assert_cmpfloat_with_epsilon (down->y, up2->y, 1e-6);
      g_assert_cmpfloat_with_epsilon (down2->y, down->y + down->h, 1e-6);
      g_assert_cmpfloat_with_epsilon (end->y, down2->y + down2->h, 1e-6);
      /* Connectors between every pair of neighbours. */
      g_assert_cmpuint (rd_test_chart_count (layout, RD_PRIM_LINE, RD_INK_AXIS), >=, 5);
      if (s == 0)
        {
          g_assert_nonnull (rd_test_chart_find_text (layout, "+$1.4M"));
          g_assert_nonnull (rd_test_chart_find_text (layout, "\342\210\222$900K"));
          g_assert_nonnull (rd_test_chart_find_text (layout, "$10.2M"));
        }
      g_assert_cmpstr (rd_chart_layout_get_hit (layout, 1)->label, ==, "New: +$1,400,000");
    }
}

static RdChartLayout *
render (gconstpointer data,
        double        width,
        double        height)
{
  return rd_waterfall_chart_layout (data, width, height, &theme, pango);
}

static void
test_hit_and_empty (void)
{
  RdWaterfallData data = { { NULL, NULL, "No changes between 1 Jul and 30 Sep 2026" }, RD_UNIT_MONEY, "USD",
                           steps, G_N_ELEMENTS (steps) };
  g_autoptr(RdChartLayout) layout = rd_waterfall_chart_layout (&data, 800, 600, &theme, pango);
  const RdChartPrim *churn = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_BAD, 1);
  const RdChartHit *hit = rd_test_chart_hit_at (layout, churn->x + churn->w / 2, churn->y + churn->h / 2);

  g_assert_cmpstr (hit->bucket, ==, "churn");
  g_assert_null (rd_chart_layout_get_empty_reason (layout));

  data.n_steps = 0;
  rd_test_chart_check_sizes (render, &data, "No changes between 1 Jul and 30 Sep 2026");
}

int
main (int   argc,
      char *argv[])
{
  rd_test_chart_init (&argc, &argv, &theme, &pango);

  g_test_add_func ("/charts/waterfall/layout", test_layout);
  g_test_add_func ("/charts/waterfall/hit-and-empty", test_hit_and_empty);

  return g_test_run ();
}
