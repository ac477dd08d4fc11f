/* test-charts-stacked.c — stacked bars against quota
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "test-charts-util.h"

static RdChartTheme theme;
static PangoContext *pango;

static const RdStackCategory categories[] = {
  { "Commit", RD_INK_GREEN, "forecast.commit" },
  { "Best case", RD_INK_BLUE, "forecast.best_case" },
  { "Pipeline", RD_INK_NEUTRAL, "forecast.pipeline" },
};
static const double q4[] = { 1200000, 800000, 1500000 };
static const double q1[] = { 600000, 900000, 2100000 };
static const double q2[] = { 200000, NAN, -50000 };
static const RdStackGroup groups[] = {
  { "Q4 2026", "2026-Q4", q4, TRUE, 3000000 },
  { "Q1 2027", "2027-Q1", q1, TRUE, 3200000 },
  { "Q2 2027 (a long period name)", "2027-Q2", q2, FALSE, 0 },
};

static void
test_layout (void)
{
  RdStackedBarData data = { { "Pipeline against quota", "as of 30 Sep 2026", NULL }, RD_UNIT_MONEY, "USD",
                            categories, G_N_ELEMENTS (categories), groups, G_N_ELEMENTS (groups), NULL };

  for (guint s = 0; s < G_N_ELEMENTS (rd_test_chart_sizes); s++)
    {
      g_autoptr(RdChartLayout) layout = rd_stacked_bar_chart_layout (&data, rd_test_chart_sizes[s].width,
                                                                     rd_test_chart_sizes[s].height, &theme, pango);
      const RdChartPrim *commit, *best, *pipeline, *commit2;
      const RdChartPrim *quota;
      double px;

      rd_test_chart_check_layout (layout);
      /* Key swatches come first, one per category. */
      g_assert_cmpuint (rd_test_chart_count (layout, RD_PRIM_RECT, RD_INK_GREEN), ==, 1 + 3);
      g_assert_cmpuint (rd_test_chart_count (layout, RD_PRIM_RECT, RD_INK_BLUE), ==, 1 + 2);
      /* NaN and negative amounts draw nothing. */
      g_assert_cmpuint (rd_test_chart_count (layout, RD_PRIM_RECT, RD_INK_NEUTRAL), ==, 1 + 2);
      commit = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_GREEN, 1);
      best = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_BLUE, 1);
      pipeline = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_NEUTRAL, 1);
      commit2 = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_GREEN, 2);
      px = commit->h / 1200000;
      g_assert_cmpfloat_with_epsilon (best->h / px, 800000, 1);
      g_assert_cmpfloat_with_epsilon (pipeline->h / px, 1500000, 1);
      g_assert_cmpfloat_with_epsilon (commit2->h / px, 600000, 1);
      /* Stacked: each segment sits on the one below it. */
      g_assert_cmpfloat_with_epsilon (best->y + best->h, commit->y, 1e-6);
      g_assert_cmpfloat_with_epsilon (pipeline->y + pipeline->h, best->y, 1e-6);
      /* The quota marker of the first column is at 3,000,000. */
      quota = rd_test_chart_nth (layout, RD_PRIM_LINE, RD_INK_TARGET, 1);
      g_assert_cmpfloat_with_epsilon ((commit->y + commit->h - quota->y) / px, 3000000, 3000000 * 1e-6);
      g_assert_nonnull (rd_test_chart_find_text (layout, "Commit"));
      g_assert_nonnull (rd_test_chart_find_text (layout, "Quota"));
    }
}

static void
test_hit (void)
{
  RdStackedBarData data = { { NULL, NULL, NULL }, RD_UNIT_MONEY, "USD", categories, G_N_ELEMENTS (categories),
                            groups, G_N_ELEMENTS (groups), "Remaining quota" };
  g_autoptr(RdChartLayout) layout = rd_stacked_bar_chart_layout (&data, 1280, 800, &theme, pango);
  const RdChartPrim *best = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_BLUE, 2);
  const RdChartHit *hit = rd_test_chart_hit_at (layout, best->x + best->w / 2, best->y + best->h / 2);

  g_assert_cmpstr (hit->bucket, ==, "2027-Q1");
  g_assert_cmpstr (hit->series, ==, "Best case");
  g_assert_cmpstr (hit->metric_id, ==, "forecast.best_case");
  g_assert_cmpint (hit->series_index, ==, 1);
  g_assert_cmpstr (hit->label, ==, "Q1 2027, Best case: $900,000 (Remaining quota: $3,200,000)");
  /* Reading order: column by column, bottom segment first. */
  g_assert_cmpstr (rd_chart_layout_get_hit (layout, 0)->bucket, ==, "2026-Q4");
  g_assert_cmpstr (rd_chart_layout_get_hit (layout, 0)->series, ==, "Commit");
  g_assert_cmpstr (rd_chart_layout_get_hit (layout, 3)->bucket, ==, "2027-Q1");
}

static void
test_rows_when_short (void)
{
  const RdStackGroup one[] = { { "2026-Q3", "2026-Q3", q4, TRUE, 3000000 } };
  RdStackedBarData data = { { "Coverage 3.5× of a 3.0× target", "Coverage v1 · as of 30 Sep 2026", NULL },
                            RD_UNIT_MONEY, "USD", categories, G_N_ELEMENTS (categories), one, 1,
                            "Remaining quota" };
  const RdTestSize sizes[] = { { 380, 150 }, { 320, 140 }, { 800, 140 } };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(RdChartLayout) layout = rd_stacked_bar_chart_layout (&data, sizes[s].width, sizes[s].height, &theme,
                                                                     pango);
      const RdChartPrim *commit, *best, *pipeline, *quota;
      double px;

      rd_test_chart_check_layout (layout);
      /* Too short for a column: the stack runs along x, still to scale. */
      commit = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_GREEN, 1);
      best = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_BLUE, 1);
      pipeline = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_NEUTRAL, 1);
      g_assert_cmpfloat (commit->w, >, commit->h);
      px = commit->w / 1200000;
      g_assert_cmpfloat_with_epsilon (best->w / px, 800000, 1);
      g_assert_cmpfloat_with_epsilon (pipeline->w / px, 1500000, 1);
      g_assert_cmpfloat_with_epsilon (best->x, commit->x + commit->w, 1e-6);
      quota = rd_test_chart_nth (layout, RD_PRIM_LINE, RD_INK_TARGET, 1);
      g_assert_cmpfloat_with_epsilon ((quota->x - commit->x) / px, 3000000, 1);
      g_assert_nonnull (rd_test_chart_find_text (layout, "$3.5M"));
      g_assert_cmpstr (rd_test_chart_hit_at (layout, best->x + 1, best->y + 1)->series, ==, "Best case");
    }
}

static RdChartLayout *
render (gconstpointer data,
        double        width,
        double        height)
{
  return rd_stacked_bar_chart_layout (data, width, height, &theme, pango);
}

static void
test_empty (void)
{
  static const double none[] = { NAN, NAN, NAN };
  const RdStackGroup empty_groups[] = { { "Q4 2026", "2026-Q4", none, TRUE, 3000000 } };
  RdStackedBarData data = { { "Pipeline against quota", NULL, "No open pipeline in Enterprise" }, RD_UNIT_MONEY,
                            "USD", categories, G_N_ELEMENTS (categories), empty_groups, 1, NULL };

  rd_test_chart_check_sizes (render, &data, "No open pipeline in Enterprise");
}

int
main (int   argc,
      char *argv[])
{
  rd_test_chart_init (&argc, &argv, &theme, &pango);

  g_test_add_func ("/charts/stacked/layout", test_layout);
  g_test_add_func ("/charts/stacked/hit", test_hit);
  g_test_add_func ("/charts/stacked/rows-when-short", test_rows_when_short);
  g_test_add_func ("/charts/stacked/empty", test_empty);

  return g_test_run ();
}
