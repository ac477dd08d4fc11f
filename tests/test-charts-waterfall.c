/* test-charts-waterfall.c — bridge layouts
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

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

/* The sizes the bridges are seen at: the whole window, and the card each
 * takes on the coverage and retention pages, at 800x600 and 1280x800. */
static const RdTestSize label_sizes[] = { { 800, 600 }, { 1280, 800 }, { 372, 237 }, { 614, 370 },
                                          { 380, 270 } };

static void
check_every_label (const RdWaterfallData *data)
{
  for (guint s = 0; s < G_N_ELEMENTS (label_sizes); s++)
    {
      g_autoptr(RdChartLayout) layout = rd_waterfall_chart_layout (data, label_sizes[s].width,
                                                                   label_sizes[s].height, &theme, pango);

      rd_test_chart_check_layout (layout);
      /* Every step named under its bar: none skipped; in full in the
       * window-sized charts, and in the cards unless the type is large. */
      for (guint i = 0; i < data->n_steps; i++)
        {
          const RdChartPrim *label;
          double band_x, band_w;
          const RdChartHit *hit = rd_chart_layout_get_hit (layout, i);

          if (s < 2 || theme.style != RD_CHART_STYLE_HIGH_CONTRAST)
            rd_test_chart_assert_whole (layout, data->steps[i].label);
          else
            rd_test_chart_assert_shown (layout, data->steps[i].label);
          label = rd_test_chart_find_text (layout, data->steps[i].label);
          /* … and under (or reaching under) its own bar. */
          band_x = hit->x;
          band_w = hit->w;
          g_assert_cmpfloat (label->x, <, band_x + band_w);
          g_assert_cmpfloat (label->x + label->w, >, band_x);
          g_assert_cmpfloat (label->y, >=, hit->y + hit->h);
        }
    }
}

/* Long and many step names: the pipeline-change bridge and the ARR bridge. */
static void
test_every_label (void)
{
  static const RdWaterfallStep change[] = {
    { "Start", RD_STEP_TOTAL, 5000000, "change.pipeline", "start" },
    { "New", RD_STEP_DELTA, 820000, "change.pipeline", "new" },
    { "Pulled in", RD_STEP_DELTA, 0, "change.pipeline", "pulled_in" },
    { "Increased", RD_STEP_DELTA, 0, "change.pipeline", "increased" },
    { "Won", RD_STEP_DELTA, -812000, "change.pipeline", "won" },
    { "Lost", RD_STEP_DELTA, -2600000, "change.pipeline", "lost" },
    { "Pushed out", RD_STEP_DELTA, -602000, "change.pipeline", "pushed_out" },
    { "Decreased", RD_STEP_DELTA, -16400, "change.pipeline", "decreased" },
    { "End", RD_STEP_TOTAL, 1789600, "change.pipeline", "end" },
  };
  static const RdWaterfallStep arr[] = {
    { "Start", RD_STEP_TOTAL, 14100000, "retention.arr", "start" },
    { "New", RD_STEP_DELTA, 717000, "retention.arr", "new" },
    { "Won back", RD_STEP_DELTA, 86800, "retention.arr", "won_back" },
    { "Expansion", RD_STEP_DELTA, 275000, "retention.arr", "expansion" },
    { "Contraction", RD_STEP_DELTA, -44100, "retention.arr", "contraction" },
    { "Churn", RD_STEP_DELTA, -121000, "retention.arr", "churn" },
    { "End", RD_STEP_TOTAL, 15013700, "retention.arr", "end" },
  };
  RdWaterfallData data = { { "Pipeline change, 1 Aug 2026 – 30 Sep 2026", "deals closing in 2026-Q3", NULL },
                           RD_UNIT_MONEY, "USD", change, G_N_ELEMENTS (change) };

  check_every_label (&data);
  data.frame.title = "ARR bridge, 2026-Q3";
  data.steps = arr;
  data.n_steps = G_N_ELEMENTS (arr);
  check_every_label (&data);
}

/* An ARR bridge: $14.1M start, changes of $44K to $717K. On a zero axis
 * the changes would be hairlines; the axis starts higher and the totals
 * are drawn broken. A bridge whose changes are a fair share of its totals
 * keeps its zero baseline. */
static void
test_broken_axis (void)
{
  static const RdWaterfallStep arr[] = {
    { "Start", RD_STEP_TOTAL, 14100000, "retention.arr", "start" },
    { "New", RD_STEP_DELTA, 717000, "retention.arr", "new" },
    { "Churn", RD_STEP_DELTA, -121000, "retention.arr", "churn" },
    { "End", RD_STEP_TOTAL, 14696000, "retention.arr", "end" },
  };
  RdWaterfallData data = { { "ARR bridge", NULL, NULL }, RD_UNIT_MONEY, "USD", arr, G_N_ELEMENTS (arr) };

  for (guint s = 0; s < G_N_ELEMENTS (label_sizes); s++)
    {
      g_autoptr(RdChartLayout) layout = rd_waterfall_chart_layout (&data, label_sizes[s].width,
                                                                   label_sizes[s].height, &theme, pango);
      g_autoptr(RdChartLayout) zero = NULL;
      const RdChartPrim *up = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_GOOD, 0);
      const RdChartPrim *down = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_BAD, 0);
      const RdChartHit *plot = rd_chart_layout_get_hit (layout, 0);
      guint slants = 0;

      rd_test_chart_check_layout (layout);
      /* No "$0" on the axis: it starts at a round value above zero. */
      g_assert_null (rd_test_chart_find_text (layout, "$0"));
      /* The changes are plain to see, in proportion to each other. */
      g_assert_cmpfloat (up->h, >, plot->h * 0.15);
      g_assert_cmpfloat_with_epsilon (down->h / up->h, 121000.0 / 717000, 1e-6);
      /* Each total is drawn in two pieces with a slanted stroke at each
       * edge of the gap between them. */
      g_assert_cmpuint (rd_test_chart_count (layout, RD_PRIM_RECT, RD_INK_NEUTRAL), ==, 4);
      for (guint i = 0; i < rd_chart_layout_get_n_prims (layout); i++)
        {
          const RdChartPrim *p = rd_chart_layout_get_prim (layout, i);

          slants += p->kind == RD_PRIM_LINE && p->y != p->y2 && p->x != p->x2;
        }
      g_assert_cmpuint (slants, ==, 4);

      /* The same bridge with changes the size of its totals stands on zero. */
      {
        RdWaterfallStep big[G_N_ELEMENTS (arr)];

        memcpy (big, arr, sizeof arr);
        big[1].value = 7000000;
        big[3].value = 14100000 + 7000000 - 121000;
        data.steps = big;
        zero = rd_waterfall_chart_layout (&data, label_sizes[s].width, label_sizes[s].height, &theme, pango);
        data.steps = arr;
        g_assert_nonnull (rd_test_chart_find_text (zero, "$0"));
        g_assert_cmpuint (rd_test_chart_count (zero, RD_PRIM_RECT, RD_INK_NEUTRAL), ==, 2);
      }
    }
}

int
main (int   argc,
      char *argv[])
{
  rd_test_chart_init (&argc, &argv, &theme, &pango);

  g_test_add_func ("/charts/waterfall/layout", test_layout);
  g_test_add_func ("/charts/waterfall/hit-and-empty", test_hit_and_empty);
  g_test_add_func ("/charts/waterfall/every-label", test_every_label);
  g_test_add_func ("/charts/waterfall/broken-axis", test_broken_axis);

  return g_test_run ();
}
