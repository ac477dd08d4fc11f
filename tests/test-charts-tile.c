/* test-charts-tile.c — overview tiles
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

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

/* The largest empty band between two things drawn in @layout, top to
 * bottom (the margins above the first and below the last are not gaps). */
static double
largest_gap (const RdChartLayout *layout)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (double) * 2);
  double largest = 0, reach = -1;

  for (guint i = 0; i < rd_chart_layout_get_n_prims (layout); i++)
    {
      const RdChartPrim *p = rd_chart_layout_get_prim (layout, i);
      double span[2];

      if (p->kind == RD_PRIM_POLYLINE)
        {
          span[0] = G_MAXDOUBLE;
          span[1] = -G_MAXDOUBLE;
          for (guint k = 0; k < p->n_points; k++)
            {
              span[0] = MIN (span[0], p->points[2 * k + 1]);
              span[1] = MAX (span[1], p->points[2 * k + 1]);
            }
        }
      else if (p->kind == RD_PRIM_LINE)
        {
          span[0] = MIN (p->y, p->y2);
          span[1] = MAX (p->y, p->y2);
        }
      else if (p->kind == RD_PRIM_DOT || p->kind == RD_PRIM_RING)
        {
          span[0] = p->y - p->w;
          span[1] = p->y + p->w;
        }
      else
        {
          span[0] = p->y;
          span[1] = p->y + p->h;
        }
      g_array_append_val (spans, span);
    }
  /* Sorted by top, the gaps are where a top passes all bottoms so far. */
  for (guint i = 0; i < spans->len; i++)
    for (guint j = i + 1; j < spans->len; j++)
      {
        double *a = &g_array_index (spans, double, 2 * i), *b = &g_array_index (spans, double, 2 * j);

        if (b[0] < a[0])
          {
            double t0 = a[0], t1 = a[1];

            a[0] = b[0], a[1] = b[1], b[0] = t0, b[1] = t1;
          }
      }
  for (guint i = 0; i < spans->len; i++)
    {
      const double *span = &g_array_index (spans, double, 2 * i);

      if (reach >= 0)
        largest = MAX (largest, span[0] - reach);
      reach = MAX (reach, span[1]);
    }
  return largest;
}

/* Seven of the ten overview tiles have no history: they must not leave
 * the middle of the tile empty. A meter shows the value against its
 * target; a tile without a target to measure against moves its why up. */
static void
test_no_history (void)
{
  const RdTestSize sizes[] = { { 238, 193 }, { 186, 105 }, { 300, 240 } };
  RdTileData data = coverage_tile ();

  data.history = NULL;
  data.n_history = 0;
  data.value = 3.5;
  data.status = RD_STATUS_ON_TRACK;
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(RdChartLayout) with_target = rd_tile_chart_layout (&data, sizes[s].width, sizes[s].height, &theme,
                                                                   pango);
      g_autoptr(RdChartLayout) without = NULL;
      RdTileData stalled = data;
      const RdChartPrim *track, *fill;

      rd_test_chart_check_layout (with_target);
      g_assert_cmpfloat (largest_gap (with_target), <, 0.3 * sizes[s].height);
      rd_test_chart_assert_shown (with_target, data.why);
      if (sizes[s].height > 150)
        {
          /* The meter: a track, the value's share of it in the status
           * colour, a tick at the target. */
          track = rd_test_chart_nth (with_target, RD_PRIM_RECT, RD_INK_GHOST, 0);
          fill = rd_test_chart_nth (with_target, RD_PRIM_RECT, RD_INK_GOOD, 0);
          g_assert_cmpfloat_with_epsilon (fill->w / track->w, 3.5 / (3.5 * 1.2), 1e-6);
          g_assert_cmpuint (rd_test_chart_count (with_target, RD_PRIM_LINE, RD_INK_TEXT), ==, 1);
        }

      stalled.frame.title = "Stalled deals";
      stalled.unit = RD_UNIT_COUNT;
      stalled.value = 54;
      stalled.target = 0;
      stalled.status = RD_STATUS_OFF_TRACK;
      stalled.why = "Past their stage's day limit; 131 deals open";
      without = rd_tile_chart_layout (&stalled, sizes[s].width, sizes[s].height, &theme, pango);
      rd_test_chart_check_layout (without);
      g_assert_cmpfloat (largest_gap (without), <, 0.3 * sizes[s].height);
      rd_test_chart_assert_whole (without, stalled.why);
    }
}

/* A short tile (an overview tile of an 800x600 window) keeps its why, on
 * two lines, and its target, even when the figure is wide. */
static void
test_short_tile_keeps_why (void)
{
  RdTileData data = { { "NRR", NULL, NULL } };
  g_autoptr(RdChartLayout) layout = NULL;
  gboolean target_shown = FALSE;

  data.unit = RD_UNIT_PERCENT;
  data.defined = TRUE;
  data.value = 101;
  data.has_target = TRUE;
  data.target = 105;
  data.status = RD_STATUS_WATCH;
  data.why = "GRR 99% · logo retention 99%";
  data.metric_id = "overview.nrr";
  layout = rd_tile_chart_layout (&data, 186, 105, &theme, pango);
  rd_test_chart_check_layout (layout);
  for (guint i = 0; i < rd_chart_layout_get_n_prims (layout); i++)
    {
      const RdChartPrim *p = rd_chart_layout_get_prim (layout, i);

      if (p->kind == RD_PRIM_TEXT && strstr (p->text, "GRR 99% · logo retention 99%"))
        {
          g_assert_false (pango_layout_is_ellipsized (p->pango));
          target_shown |= strstr (p->text, "target 105%") != NULL;
        }
    }
  target_shown |= rd_test_chart_find_text (layout, "target 105%") != NULL;
  g_assert_true (target_shown);
}

/* Presentation type (twice the size) in a small tile: an undefined tile
 * still says why. */
static void
test_undefined_big_type (void)
{
  RdChartTheme big = theme;
  RdTileData data = coverage_tile ();
  const RdTestSize sizes[] = { { 185, 90 }, { 200, 100 }, { 240, 120 } };

  rd_chart_theme_set_font (&big, NULL, 2 * theme.font_size);
  data.defined = FALSE;
  data.reason = "no quota for 2020-Q1 (the company)";
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(RdChartLayout) layout = rd_tile_chart_layout (&data, sizes[s].width, sizes[s].height, &big, pango);

      rd_test_chart_check_layout (layout);
      if (rd_test_chart_find_text (layout, data.reason) == NULL)
        g_error ("the reason is not drawn in a %.0fx%.0f tile", sizes[s].width, sizes[s].height);
    }
}

/* A big card with one figure shows the two figures behind it as bars. */
static void
test_parts (void)
{
  RdTileData data = coverage_tile ();
  g_autoptr(RdChartLayout) layout = NULL;
  const RdChartPrim *part, *whole;

  data.history = NULL;
  data.n_history = 0;
  data.value = 3.5;
  data.part_label = "Qualified pipeline";
  data.part = 1800000;
  data.whole_label = "Quota left";
  data.whole = 511000;
  data.parts_unit = RD_UNIT_MONEY;
  data.currency = "USD";
  layout = rd_tile_chart_layout (&data, 400, 280, &theme, pango);
  rd_test_chart_check_layout (layout);
  rd_test_chart_assert_whole (layout, "Qualified pipeline");
  rd_test_chart_assert_whole (layout, "Quota left");
  g_assert_nonnull (rd_test_chart_find_text (layout, "$1.8M"));
  g_assert_nonnull (rd_test_chart_find_text (layout, "$511K"));
  part = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_BAD, 0);
  whole = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_NEUTRAL, 0);
  g_assert_cmpfloat_with_epsilon (whole->w / part->w, 511000.0 / 1800000, 1e-6);
  g_assert_cmpfloat (largest_gap (layout), <, 0.3 * 280);
  g_assert_nonnull (strstr (rd_chart_layout_get_hit (layout, 0)->label, "Quota left: $511,000"));
}

/* A card too short for the pair of bars shows the part's share of its
 * whole as one bar; a tile with no room for any picture keeps its why
 * right under the value. */
static void
test_share_and_no_room (void)
{
  RdTileData data = { { "Overall conversion", NULL, NULL } };
  g_autoptr(RdChartLayout) card = NULL;
  g_autoptr(RdChartLayout) tiny = NULL;
  const RdChartPrim *track, *fill, *value, *why;

  data.unit = RD_UNIT_PERCENT;
  data.defined = TRUE;
  data.value = 20;
  data.why = "105 of 526 reached the last stage";
  data.metric_id = "funnel.overall";
  data.part_label = "Reached the last stage";
  data.part = 105;
  data.whole_label = "Entered the funnel";
  data.whole = 526;
  data.parts_unit = RD_UNIT_COUNT;
  card = rd_tile_chart_layout (&data, 380, 157, &theme, pango);
  rd_test_chart_check_layout (card);
  track = rd_test_chart_nth (card, RD_PRIM_RECT, RD_INK_GHOST, 0);
  fill = rd_test_chart_nth (card, RD_PRIM_RECT, RD_INK_BLUE, 0);
  g_assert_cmpfloat_with_epsilon (fill->w / track->w, 105.0 / 526, 1e-6);
  g_assert_cmpfloat (largest_gap (card), <, 0.3 * 157);

  data.n_history = 0;
  data.part_label = NULL;
  tiny = rd_tile_chart_layout (&data, 186, 105, &theme, pango);
  rd_test_chart_check_layout (tiny);
  value = rd_test_chart_find_text (tiny, "20%");
  why = rd_test_chart_find_text (tiny, data.why);
  g_assert_nonnull (value);
  g_assert_nonnull (why);
  g_assert_cmpfloat (why->y - (value->y + value->h), <, 8);
}

int
main (int   argc,
      char *argv[])
{
  rd_test_chart_init (&argc, &argv, &theme, &pango);

  g_test_add_func ("/charts/tile/layout", test_layout);
  g_test_add_func ("/charts/tile/undefined", test_undefined);
  g_test_add_func ("/charts/tile/sparkline", test_sparkline_scale);
  g_test_add_func ("/charts/tile/no-history", test_no_history);
  g_test_add_func ("/charts/tile/short-keeps-why", test_short_tile_keeps_why);
  g_test_add_func ("/charts/tile/undefined-big-type", test_undefined_big_type);
  g_test_add_func ("/charts/tile/parts", test_parts);
  g_test_add_func ("/charts/tile/share-and-no-room", test_share_and_no_room);

  return g_test_run ();
}
