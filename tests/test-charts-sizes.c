/* test-charts-sizes.c — every renderer, swept over window sizes
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From 800x600 to 2560x1440 (and down to tile sizes for the tile), nothing
 * may overlap or clip: every layout goes through rd_test_chart_check_layout.
 * With RD_TEST_CHART_STYLE=presentation the type is twice as large.
 */

#include <math.h>

#include "test-charts-util.h"

static RdChartTheme theme;
static PangoContext *pango;

static const char *stages[] = { "Lead", "Marketing qualified lead", "Sales qualified lead", "Opportunity",
                                "Negotiation and legal review", "Customer" };
static const char *periods[] = { "Q1 2025", "Q2 2025", "Q3 2025", "Q4 2025", "Q1 2026", "Q2 2026", "Q3 2026",
                                 "Q4 2026", "Q1 2027", "Q2 2027", "Q3 2027", "Q4 2027" };

static RdChartLayout *
bars (gconstpointer vertical,
      double        w,
      double        h)
{
  RdBarItem items[G_N_ELEMENTS (stages)];
  RdBarData data = { { "Pipeline by stage", "Definition v2 · as of 30 Sep 2026 · Enterprise · EMEA", NULL } };

  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    items[i] = (RdBarItem) { stages[i], 1412300.0 / (i + 1) - (i == 4 ? 900000 : 0), "p", stages[i], i == 2, NULL };
  data.unit = RD_UNIT_MONEY;
  data.currency = "EUR";
  data.vertical = GPOINTER_TO_INT (vertical);
  data.items = items;
  data.n_items = G_N_ELEMENTS (items);
  data.has_target = TRUE;
  data.target = 1000000;
  return rd_bar_chart_layout (&data, w, h, &theme, pango);
}

static RdChartLayout *
funnel (gconstpointer unused,
        double        w,
        double        h)
{
  RdFunnelStage s[G_N_ELEMENTS (stages)];
  RdFunnelData data = { { "Lifecycle funnel, 2026-Q3 against 2026-Q2", "MQL v1 · SQL v1 · as of 30 Sep 2026", NULL },
                        s, G_N_ELEMENTS (stages), "2026-Q2" };

  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    s[i] = (RdFunnelStage) { stages[i], 123456.0 / pow (3, i), "f", stages[i], i > 0, 100.0 / 3, TRUE,
                             110000.0 / pow (3, i) };
  return rd_funnel_chart_layout (&data, w, h, &theme, pango);
}

static RdChartLayout *
waterfall (gconstpointer unused,
           double        w,
           double        h)
{
  const RdWaterfallStep steps[] = {
    { "Start", RD_STEP_TOTAL, 14100000, "c", "start" }, { "New", RD_STEP_DELTA, 717000, "c", "new" },
    { "Won back", RD_STEP_DELTA, 86800, "c", "back" }, { "Expansion", RD_STEP_DELTA, 275000, "c", "exp" },
    { "Contraction", RD_STEP_DELTA, -44100, "c", "con" }, { "Churn", RD_STEP_DELTA, -121000, "c", "churn" },
    { "Pushed out of the quarter", RD_STEP_DELTA, -602000, "c", "pushed" },
    { "End", RD_STEP_TOTAL, 14411700, "c", "end" },
  };
  RdWaterfallData data = { { "ARR bridge, 2026-Q3", "ARR v1 · as of 30 Sep 2026", NULL }, RD_UNIT_MONEY, "USD", steps,
                           G_N_ELEMENTS (steps) };

  return rd_waterfall_chart_layout (&data, w, h, &theme, pango);
}

static RdChartLayout *
stacked (gconstpointer unused,
         double        w,
         double        h)
{
  const RdStackCategory cats[] = { { "Commit", RD_INK_GREEN, "c" }, { "Best case", 0, "b" }, { "Pipeline", 0, "p" } };
  double values[4][3];
  RdStackGroup groups[4];
  RdStackedBarData data = { { "Pipeline against quota by quarter", "Coverage v1 · as of 30 Sep 2026", NULL },
                            RD_UNIT_MONEY, "USD", cats, 3, groups, 4, "Remaining quota" };

  for (guint g = 0; g < 4; g++)
    {
      for (guint c = 0; c < 3; c++)
        values[g][c] = 400000.0 * (c + 1) / (g + 1);
      groups[g] = (RdStackGroup) { periods[g + 6], periods[g + 6], values[g], TRUE, 2500000 - 300000.0 * g };
    }
  return rd_stacked_bar_chart_layout (&data, w, h, &theme, pango);
}

static RdChartLayout *
line (gconstpointer unused,
      double        w,
      double        h)
{
  double values[3][G_N_ELEMENTS (periods)];
  const char *names[] = { "Net revenue retention", "Gross revenue retention", "Logo retention" };
  RdLineSeries series[3];
  RdLineData data = { { "Retention over time", "NRR v1 · GRR v1 · as of 30 Sep 2026", NULL }, RD_UNIT_PERCENT, NULL,
                      periods, G_N_ELEMENTS (periods), series, 3, TRUE, 100, "Everything kept", FALSE };

  for (guint s = 0; s < 3; s++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
        values[s][i] = (s == 0 && i == 5) ? NAN : 100 - 4.0 * s + sin (i + s) * 3;
      series[s] = (RdLineSeries) { names[s], values[s], 0, "r" };
    }
  return rd_line_chart_layout (&data, w, h, &theme, pango);
}

static RdChartLayout *
strip (gconstpointer unused,
       double        w,
       double        h)
{
  static double days[5][500];
  RdStripRow rows[5];
  RdStripData data = { { "Days in stage of open deals", "Stalled v1 · as of 30 Sep 2026", NULL }, RD_UNIT_DAYS, rows,
                       5, 0, NULL };

  for (guint r = 0; r < 5; r++)
    {
      guint n = r == 4 ? 500 : 20 * (r + 1);

      for (guint i = 0; i < n; i++)
        days[r][i] = (i * 37 % 61) + (i % 50 == 0 ? 120 : 0);
      rows[r] = (RdStripRow) { stages[r], days[r], n, NULL, NULL, 14 + 7 * r, "a", stages[r] };
    }
  return rd_strip_chart_layout (&data, w, h, &theme, pango);
}

static RdChartLayout *
heatmap (gconstpointer unused,
         double        w,
         double        h)
{
  double values[12 * 12];
  const char *cols[12] = { "M0", "M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "M9", "M10", "M11" };
  RdHeatmapData data = { { "Revenue retained by monthly cohort", "NRR v1 · as of 30 Sep 2026", NULL },
                         RD_UNIT_PERCENT, NULL, periods, NULL, 12, cols, 12, values, 0, "r" };

  for (guint i = 0; i < 12 * 12; i++)
    values[i] = i % 12 < 12 - i / 12 ? 100.0 + (i % 12) * 1.5 - (i / 12) : NAN;
  return rd_heatmap_chart_layout (&data, w, h, &theme, pango);
}

static RdChartLayout *
tile (gconstpointer unused,
      double        w,
      double        h)
{
  const double history[] = { 1.8, 2.0, 2.3, 2.1, 2.5, 2.4, 2.2, 3.5 };
  RdTileData data = { { "Pipeline coverage for the quarter", NULL, NULL }, RD_UNIT_RATIO, NULL, TRUE, 3.5, NULL, TRUE,
                      3.0, RD_STATUS_WATCH, history, 8, "3.5× of a 3.0× target — $279K above it", "coverage", NULL };

  return rd_tile_chart_layout (&data, w, h, &theme, pango);
}

static void
sweep (RdTestRender  render,
       gconstpointer data,
       double        min_w,
       double        min_h)
{
  for (double w = min_w; w <= 2560; w += (2560 - min_w) / 11)
    for (double h = min_h; h <= 1440; h += (1440 - min_h) / 7)
      {
        g_autoptr(RdChartLayout) layout = render (data, floor (w), floor (h));

        rd_test_chart_check_layout (layout);
        /* A chart to point at, except with presentation type in a card,
         * where there may be room for no more than a message. */
        if (theme.font_size <= 16 || min_w >= 800)
          {
            g_assert_null (rd_chart_layout_get_empty_reason (layout));
            g_assert_cmpuint (rd_chart_layout_get_n_hits (layout), >, 0);
          }
      }
}

static const struct
{
  RdTestRender  render;
  gconstpointer data;
} charts[] = {
  { bars, GINT_TO_POINTER (FALSE) }, { bars, GINT_TO_POINTER (TRUE) }, { funnel, NULL }, { waterfall, NULL },
  { stacked, NULL }, { line, NULL }, { strip, NULL }, { heatmap, NULL },
};

static void
test_windows (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    sweep (charts[i].render, charts[i].data, 800, 600);
}

/* Charts in the cards of a view's grid are much smaller than the window. */
static void
test_cards (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    sweep (charts[i].render, charts[i].data, 320, 200);
  sweep (tile, NULL, 180, 110);
}

int
main (int   argc,
      char *argv[])
{
  rd_test_chart_init (&argc, &argv, &theme, &pango);

  g_test_add_func ("/charts/sizes/windows", test_windows);
  g_test_add_func ("/charts/sizes/cards", test_cards);

  return g_test_run ();
}
