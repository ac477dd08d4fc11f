/* test-charts-funnel.c — funnel layouts
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "test-charts-util.h"

static RdChartTheme theme;
static PangoContext *pango;

static const RdFunnelStage stages[] = {
  { "Lead", 12000, "funnel.reached", "Lead", FALSE, 0, TRUE, 11000 },
  { "MQL", 4200, "funnel.reached", "MQL", TRUE, 35.0, TRUE, 4000 },
  { "SQL", 1300, "funnel.reached", "SQL", TRUE, 30.95, TRUE, 1500 },
  { "Opportunity (qualified by sales development)", 600, "funnel.reached", "Opportunity", TRUE, 46.15, TRUE, 580 },
  { "Customer", 120, "funnel.reached", "Customer", TRUE, 20.0, FALSE, 0 },
  { "Expansion", 0, "funnel.reached", "Expansion", TRUE, 0.0, FALSE, 0 },
};

static void
test_layout (void)
{
  RdFunnelData data = { { "Lifecycle funnel", "as of 30 Sep 2026", NULL }, stages, G_N_ELEMENTS (stages),
                        "Q2 2026" };

  for (guint s = 0; s < G_N_ELEMENTS (rd_test_chart_sizes); s++)
    {
      g_autoptr(RdChartLayout) layout = rd_funnel_chart_layout (&data, rd_test_chart_sizes[s].width,
                                                                rd_test_chart_sizes[s].height, &theme, pango);
      const RdChartPrim *first, *ghost;

      rd_test_chart_check_layout (layout);
      g_assert_cmpuint (rd_test_chart_count (layout, RD_PRIM_RECT, RD_INK_BLUE), ==, G_N_ELEMENTS (stages));
      first = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_BLUE, 0);
      for (guint i = 1; i < G_N_ELEMENTS (stages); i++)
        {
          const RdChartPrim *bar = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_BLUE, i);

          /* Bars share their left edge and narrow with the counts. */
          g_assert_cmpfloat_with_epsilon (bar->x, first->x, 1e-9);
          g_assert_cmpfloat_with_epsilon (bar->w / first->w, stages[i].count / stages[0].count, 1e-6);
          g_assert_cmpfloat (bar->y, >, first->y);
        }
      /* Four ghost bars for the previous period, plus the key's swatch. */
      g_assert_cmpuint (rd_test_chart_count (layout, RD_PRIM_RECT, RD_INK_GHOST), ==, 5);
      ghost = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_GHOST, 1);
      g_assert_cmpfloat_with_epsilon (ghost->w / first->w, 11000.0 / 12000.0, 1e-6);
      g_assert_nonnull (rd_test_chart_find_text (layout, "Q2 2026"));
      /* Counts and step conversions are written, whichever the size. */
      g_assert_nonnull (rd_test_chart_find_text (layout, "12,000"));
      g_assert_nonnull (rd_test_chart_find_text (layout, "4,200"));
      g_assert_true (rd_test_chart_find_text (layout, "↓ 31.0%") || rd_test_chart_find_text (layout, "31.0%"));
      g_assert_cmpstr (rd_chart_layout_get_hit (layout, 2)->label, ==,
                       "SQL: 1,300, 31.0% from MQL, Q2 2026: 1,500");
    }
}

static void
test_hit (void)
{
  RdFunnelData data = { { NULL, NULL, NULL }, stages, G_N_ELEMENTS (stages), NULL };
  g_autoptr(RdChartLayout) layout = rd_funnel_chart_layout (&data, 800, 600, &theme, pango);
  const RdChartPrim *bar = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_BLUE, 3);
  const RdChartHit *hit = rd_test_chart_hit_at (layout, bar->x + 1, bar->y + bar->h / 2);
  g_autofree char *description = rd_chart_layout_describe (layout);

  g_assert_cmpstr (hit->bucket, ==, "Opportunity");
  g_assert_cmpstr (hit->metric_id, ==, "funnel.reached");
  g_assert_true (strstr (description, "Lead: 12,000") != NULL);
  g_assert_true (strstr (description, "Previous period: 11,000") != NULL);
}

static RdChartLayout *
render (gconstpointer data,
        double        width,
        double        height)
{
  return rd_funnel_chart_layout (data, width, height, &theme, pango);
}

static void
test_empty (void)
{
  RdFunnelData data = { { "Lifecycle funnel", NULL, "No leads created in 2026-Q3" }, NULL, 0, NULL };

  g_autoptr(RdChartLayout) layout = rd_funnel_chart_layout (&data, 800, 600, &theme, pango);

  g_assert_cmpuint (rd_chart_layout_get_n_hits (layout), ==, 0);
  rd_test_chart_check_sizes (render, &data, "No leads created in 2026-Q3");
}

int
main (int   argc,
      char *argv[])
{
  rd_test_chart_init (&argc, &argv, &theme, &pango);

  g_test_add_func ("/charts/funnel/layout", test_layout);
  g_test_add_func ("/charts/funnel/hit", test_hit);
  g_test_add_func ("/charts/funnel/empty", test_empty);

  return g_test_run ();
}
