/* test-charts-strip.c — aging rows: dots, thresholds and box plots
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "test-charts-util.h"

static RdChartTheme theme;
static PangoContext *pango;

static const double qualified[] = { 3, 8, 12, 15, 22, 30 };
static const char *qualified_ids[] = { "d1", "d2", "d3", "d4", "d5", "d6" };
static const char *qualified_names[] = { "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay" };
static const double proposal[] = { 1, 5, NAN, 40 };

static void
test_dots (void)
{
  const RdStripRow rows[] = {
    { "Qualified", qualified, G_N_ELEMENTS (qualified), qualified_ids, qualified_names, 14, "aging.days", "Qualified" },
    { "Proposal and a very long stage name indeed", proposal, G_N_ELEMENTS (proposal), NULL, NULL, NAN,
      "aging.days", "Proposal" },
  };
  RdStripData data = { { "Days in stage", "as of 30 Sep 2026", NULL }, RD_UNIT_DAYS, rows, G_N_ELEMENTS (rows), 0 };

  for (guint s = 0; s < G_N_ELEMENTS (rd_test_chart_sizes); s++)
    {
      g_autoptr(RdChartLayout) layout = rd_strip_chart_layout (&data, rd_test_chart_sizes[s].width,
                                                               rd_test_chart_sizes[s].height, &theme, pango);
      const RdChartPrim *a, *b, *threshold, *over;
      double px;

      rd_test_chart_check_layout (layout);
      /* 3 over the 14-day threshold (rings in the warning colour), the rest dots. */
      g_assert_cmpuint (rd_test_chart_count (layout, RD_PRIM_RING, RD_INK_WARNING), ==, 3);
      g_assert_cmpuint (rd_test_chart_count (layout, RD_PRIM_DOT, RD_INK_BLUE), ==, 3 + 3);
      a = rd_test_chart_nth (layout, RD_PRIM_DOT, RD_INK_BLUE, 0);
      b = rd_test_chart_nth (layout, RD_PRIM_DOT, RD_INK_BLUE, 1);
      px = (b->x - a->x) / (8 - 3);
      threshold = rd_test_chart_nth (layout, RD_PRIM_LINE, RD_INK_TARGET, 1); /* 0: the key */
      g_assert_cmpfloat_with_epsilon ((threshold->x - a->x) / px, 14 - 3, 1e-6);
      over = rd_test_chart_nth (layout, RD_PRIM_RING, RD_INK_WARNING, 2);
      g_assert_cmpfloat_with_epsilon ((over->x - a->x) / px, 30 - 3, 1e-6);
      g_assert_cmpstr (rd_chart_layout_get_hit (layout, 0)->label, ==,
                       "Qualified: 6 items, median 13.5 days, 3 over 14 days");
      g_assert_nonnull (rd_test_chart_find_text (layout, "Stage limit"));
    }
}

static void
test_hits (void)
{
  const RdStripRow rows[] = {
    { "Qualified", qualified, G_N_ELEMENTS (qualified), qualified_ids, qualified_names, 14, "aging.days", "Qualified" },
  };
  RdStripData data = { { NULL, NULL, NULL }, RD_UNIT_DAYS, rows, 1, 0 };
  g_autoptr(RdChartLayout) layout = rd_strip_chart_layout (&data, 800, 600, &theme, pango);
  const RdChartPrim *hooli = rd_test_chart_nth (layout, RD_PRIM_RING, RD_INK_WARNING, 1);
  const RdChartHit *hit = rd_test_chart_hit_at (layout, hooli->x, hooli->y);

  /* The dot is on top of its row: a click opens the deal. */
  g_assert_cmpstr (hit->series, ==, "d5");
  g_assert_cmpstr (hit->label, ==, "Hooli, Qualified: 22 days");
  /* Elsewhere in the row, the row itself. */
  hit = rd_test_chart_hit_at (layout, 20, hooli->y);
  g_assert_null (hit->series);
  g_assert_cmpstr (hit->bucket, ==, "Qualified");
}

static void
test_box (void)
{
  g_autofree double *many = g_new (double, 100001);
  RdStripRow rows[1] = { { "Negotiation", many, 100001, NULL, NULL, 60, "aging.days", "Negotiation" } };
  RdStripData data = { { "Days in stage", NULL, NULL }, RD_UNIT_DAYS, rows, 1, 0 };

  /* 0..100 evenly, plus a long tail at 1000: quartiles 25/50/75. */
  for (guint i = 0; i < 100000; i++)
    many[i] = i / 1000.0;
  many[100000] = 1000;

  for (guint s = 0; s < G_N_ELEMENTS (rd_test_chart_sizes); s++)
    {
      g_autoptr(RdChartLayout) layout = rd_strip_chart_layout (&data, rd_test_chart_sizes[s].width,
                                                               rd_test_chart_sizes[s].height, &theme, pango);
      const RdChartPrim *box, *outlier;
      double px;

      rd_test_chart_check_layout (layout);
      /* A box instead of a hundred thousand dots: one outlier ring. */
      g_assert_cmpuint (rd_chart_layout_get_n_prims (layout), <, 100);
      box = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_GHOST, 0);
      outlier = rd_test_chart_nth (layout, RD_PRIM_RING, RD_INK_WARNING, 0);
      g_assert_cmpuint (rd_test_chart_count (layout, RD_PRIM_RING, RD_INK_WARNING), ==, 1);
      px = box->w / 50.0;
      g_assert_cmpfloat_with_epsilon ((outlier->x - box->x) / px, 1000 - 25, 0.01);
      g_assert_cmpstr (rd_chart_layout_get_hit (layout, 0)->label, ==,
                       "Negotiation: 100,001 items, median 50 days, 40,000 over 60 days");
    }
}

static RdChartLayout *
render (gconstpointer data,
        double        width,
        double        height)
{
  return rd_strip_chart_layout (data, width, height, &theme, pango);
}

static void
test_empty (void)
{
  RdStripData data = { { "Days in stage", NULL, "No open deals in Enterprise" }, RD_UNIT_DAYS, NULL, 0, 0 };

  rd_test_chart_check_sizes (render, &data, "No open deals in Enterprise");
}

int
main (int   argc,
      char *argv[])
{
  rd_test_chart_init (&argc, &argv, &theme, &pango);

  g_test_add_func ("/charts/strip/dots", test_dots);
  g_test_add_func ("/charts/strip/hits", test_hits);
  g_test_add_func ("/charts/strip/box", test_box);
  g_test_add_func ("/charts/strip/empty", test_empty);

  return g_test_run ();
}
