/* test-charts-line.c — series over periods
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "test-charts-util.h"

static RdChartTheme theme;
static PangoContext *pango;

static const char *periods[] = { "Q1 2025", "Q2 2025", "Q3 2025", "Q4 2025", "Q1 2026", "Q2 2026", "Q3 2026",
                                 "Q4 2026" };
static const double nrr[] = { 104, 106, 103, 108, 110, NAN, 107, 109 };
static const double grr[] = { 91, 92, 90, 93, 92, 94, 93, 92 };
static const double logo[] = { 88, 89, 90, 91, 90, 91, 92, 92.5 };
static const RdLineSeries series[] = {
  { "NRR", nrr, 0, "retention.nrr" },
  { "GRR", grr, 0, "retention.grr" },
  { "Logo retention", logo, 0, "retention.logo" },
};

static void
test_layout (void)
{
  RdLineData data = { { "Retention over time", "as of 30 Sep 2026", NULL }, RD_UNIT_PERCENT, NULL, periods,
                      G_N_ELEMENTS (periods), series, G_N_ELEMENTS (series), TRUE, 100, "Target NRR", FALSE };

  for (guint s = 0; s < G_N_ELEMENTS (rd_test_chart_sizes); s++)
    {
      g_autoptr(RdChartLayout) layout = rd_line_chart_layout (&data, rd_test_chart_sizes[s].width,
                                                              rd_test_chart_sizes[s].height, &theme, pango);
      const RdChartPrim *grr_line, *target;
      double px;

      rd_test_chart_check_layout (layout);
      /* NRR has a gap: two runs. GRR is one run of eight points. */
      g_assert_cmpuint (rd_test_chart_count (layout, RD_PRIM_POLYLINE, RD_INK_BLUE), ==, 2);
      grr_line = rd_test_chart_nth (layout, RD_PRIM_POLYLINE, RD_INK_ORANGE, 0);
      g_assert_cmpuint (grr_line->n_points, ==, 8);
      /* y is linear in the value: compare against the target line at 100%. */
      target = rd_test_chart_nth (layout, RD_PRIM_LINE, RD_INK_TARGET, 1);
      px = (grr_line->points[1] - grr_line->points[7]) / (grr[3] - grr[0]);
      g_assert_cmpfloat_with_epsilon ((grr_line->points[1] - target->y) / px, 100 - 91, 1e-6);
      /* Direct labels name the series; they never overlap (checked above). */
      g_assert_nonnull (rd_test_chart_find_text (layout, "NRR"));
      g_assert_nonnull (rd_test_chart_find_text (layout, "GRR"));
      g_assert_nonnull (rd_test_chart_find_text (layout, "Logo retention"));
      g_assert_nonnull (rd_test_chart_find_text (layout, "Target NRR: 100%"));
    }
}

static RdChartLayout *
render (gconstpointer data,
        double        width,
        double        height)
{
  return rd_line_chart_layout (data, width, height, &theme, pango);
}

static void
test_hit_and_empty (void)
{
  RdLineData data = { { "Retention", NULL, "No renewals due before 30 Sep 2026" }, RD_UNIT_PERCENT, NULL, periods,
                      G_N_ELEMENTS (periods), series, G_N_ELEMENTS (series), FALSE, 0, NULL, FALSE };
  g_autoptr(RdChartLayout) layout = rd_line_chart_layout (&data, 800, 600, &theme, pango);
  const RdChartPrim *grr_line = rd_test_chart_nth (layout, RD_PRIM_POLYLINE, RD_INK_ORANGE, 0);
  const RdChartHit *hit = rd_test_chart_hit_at (layout, grr_line->points[6], grr_line->points[7]);
  const double nothing[] = { NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN };
  const RdLineSeries empty_series[] = { { "NRR", nothing, 0, "retention.nrr" } };

  g_assert_cmpstr (hit->bucket, ==, "Q4 2025");
  g_assert_cmpstr (hit->series, ==, "GRR");
  g_assert_cmpstr (hit->label, ==, "GRR, Q4 2025: 93.0%");

  data.series = empty_series;
  data.n_series = 1;
  rd_test_chart_check_sizes (render, &data, "No renewals due before 30 Sep 2026");
}

static void
test_crowded_labels (void)
{
  /* Eight series ending on the same value: labels are pushed apart. */
  RdLineSeries many[8];
  const char *names[] = { "A", "B", "C", "D", "E", "F", "G", "H" };
  RdLineData data = { { NULL, NULL, NULL }, RD_UNIT_COUNT, NULL, periods, G_N_ELEMENTS (periods), many, 8,
                      FALSE, 0, NULL, FALSE };

  for (guint i = 0; i < 8; i++)
    many[i] = (RdLineSeries) { names[i], grr, 0, "x" };
  rd_test_chart_check_sizes (render, &data, NULL);
}

/* Stages along the x axis (historical time in stage) are all named when
 * they fit on two staggered rows; a long run of months names every k-th
 * and never overprints. */
static void
test_period_labels (void)
{
  static const char *stages[] = { "Discovery", "Qualification", "Solution", "Proposal", "Negotiation" };
  static const double median[] = { 7, 12, 12, 9, 8 };
  static const double p90[] = { 24, 48, 49, 38, 25 };
  const RdLineSeries two[] = { { "Median", median, 0, "aging.history" }, { "p90", p90, 0, "aging.history" } };
  RdLineData data = { { "Historical time in stage", "deals that left each stage", NULL }, RD_UNIT_DAYS, NULL,
                      stages, G_N_ELEMENTS (stages), two, G_N_ELEMENTS (two), FALSE, 0, NULL, FALSE };
  const RdTestSize cards[] = { { 404, 262 }, { 614, 370 }, { 800, 600 } };
  g_autofree char **months = g_new0 (char *, 37);
  g_autofree double *values = g_new0 (double, 36);
  RdLineSeries one = { "ARR", values, 0, "retention.arr" };

  for (guint s = 0; s < G_N_ELEMENTS (cards); s++)
    {
      g_autoptr(RdChartLayout) layout = rd_line_chart_layout (&data, cards[s].width, cards[s].height, &theme, pango);

      rd_test_chart_check_layout (layout);
      for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
        rd_test_chart_assert_shown (layout, stages[i]);
    }

  for (guint i = 0; i < 36; i++)
    {
      months[i] = g_strdup_printf ("2024-%02u", i + 1);
      values[i] = 1000 + 10 * i;
    }
  data.periods = (const char * const *) months;
  data.n_periods = 36;
  data.series = &one;
  data.n_series = 1;
  data.unit = RD_UNIT_MONEY;
  data.currency = "USD";
  for (guint s = 0; s < G_N_ELEMENTS (cards); s++)
    {
      g_autoptr(RdChartLayout) layout = rd_line_chart_layout (&data, cards[s].width, cards[s].height, &theme, pango);

      rd_test_chart_check_layout (layout);
      g_assert_nonnull (rd_test_chart_find_text (layout, "2024-01"));
    }
  for (guint i = 0; i < 36; i++)
    g_free (months[i]);
}

int
main (int   argc,
      char *argv[])
{
  rd_test_chart_init (&argc, &argv, &theme, &pango);

  g_test_add_func ("/charts/line/period-labels", test_period_labels);
  g_test_add_func ("/charts/line/layout", test_layout);
  g_test_add_func ("/charts/line/hit-and-empty", test_hit_and_empty);
  g_test_add_func ("/charts/line/crowded-labels", test_crowded_labels);

  return g_test_run ();
}
