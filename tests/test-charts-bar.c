/* test-charts-bar.c — bar chart layouts
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "test-charts-util.h"

static RdChartTheme theme;
static PangoContext *pango;

static const RdBarItem stages[] = {
  { "Lead", 1200000, "pipeline.by_stage", "Lead", FALSE, "120 deals" },
  { "Qualified", 900000, "pipeline.by_stage", "Qualified", FALSE, NULL },
  { "Proposal", 600000, "pipeline.by_stage", "Proposal", FALSE, "42 deals" },
  { "Negotiation with a very long stage name that cannot fit anywhere", 300000, "pipeline.by_stage",
    "Negotiation", FALSE, NULL },
  { "Closed", 150000, "pipeline.by_stage", "Closed", FALSE, NULL },
};

static RdBarData
stage_data (gboolean vertical)
{
  RdBarData data = { { "Pipeline by stage", "Definition v2 · as of 30 Sep 2026", NULL } };

  data.unit = RD_UNIT_MONEY;
  data.currency = "USD";
  data.vertical = vertical;
  data.items = stages;
  data.n_items = G_N_ELEMENTS (stages);
  return data;
}

static void
test_proportional (gconstpointer user_data)
{
  gboolean vertical = GPOINTER_TO_INT (user_data);
  RdBarData data = stage_data (vertical);

  for (guint s = 0; s < G_N_ELEMENTS (rd_test_chart_sizes); s++)
    {
      g_autoptr(RdChartLayout) layout = rd_bar_chart_layout (&data, rd_test_chart_sizes[s].width,
                                                             rd_test_chart_sizes[s].height, &theme, pango);
      const RdChartPrim *first;

      rd_test_chart_check_layout (layout);
      g_assert_null (rd_chart_layout_get_empty_reason (layout));
      g_assert_cmpuint (rd_test_chart_count (layout, RD_PRIM_RECT, RD_INK_BLUE), ==, data.n_items);
      first = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_BLUE, 0);
      for (guint i = 1; i < data.n_items; i++)
        {
          const RdChartPrim *bar = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_BLUE, i);
          double ratio = vertical ? bar->h / first->h : bar->w / first->w;

          g_assert_cmpfloat_with_epsilon (ratio, stages[i].value / stages[0].value, 1e-6);
        }
      /* Every bar can be hovered and named; the long label is kept whole there. */
      g_assert_cmpuint (rd_chart_layout_get_n_hits (layout), ==, data.n_items);
      g_assert_cmpstr (rd_chart_layout_get_hit (layout, 2)->label, ==, "Proposal: $600,000, 42 deals");
      g_assert_true (g_str_has_prefix (rd_chart_layout_get_hit (layout, 3)->label,
                                       "Negotiation with a very long stage name that cannot fit anywhere"));
    }
}

static void
test_hit (gconstpointer user_data)
{
  gboolean vertical = GPOINTER_TO_INT (user_data);
  RdBarData data = stage_data (vertical);
  g_autoptr(RdChartLayout) layout = rd_bar_chart_layout (&data, 800, 600, &theme, pango);
  const RdChartPrim *bar = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_BLUE, 2);
  const RdChartHit *hit = rd_test_chart_hit_at (layout, bar->x + bar->w / 2, bar->y + bar->h / 2);

  g_assert_cmpstr (hit->bucket, ==, "Proposal");
  g_assert_cmpstr (hit->metric_id, ==, "pipeline.by_stage");
  g_assert_cmpuint (hit->item, ==, 2);
  g_assert_cmpint (rd_chart_layout_hit_test (layout, 1, 1), ==, -1);
}

static void
test_negative_and_target (gconstpointer user_data)
{
  const RdBarItem items[] = {
    { "New", 420000, "change", "new", TRUE, NULL },
    { "Lost", -310000, "change", "lost", FALSE, NULL },
    { "Slipped", -95000, "change", "slipped", FALSE, NULL },
    { "Undefined", NAN, "change", "x", FALSE, "no deals closed in 2026-Q3" },
  };
  RdBarData data = { { "Change", NULL, NULL } };

  data.unit = RD_UNIT_MONEY;
  data.currency = "EUR";
  data.vertical = GPOINTER_TO_INT (user_data);
  data.items = items;
  data.n_items = G_N_ELEMENTS (items);
  data.has_target = TRUE;
  data.target = 500000;

  for (guint s = 0; s < G_N_ELEMENTS (rd_test_chart_sizes); s++)
    {
      g_autoptr(RdChartLayout) layout = rd_bar_chart_layout (&data, rd_test_chart_sizes[s].width,
                                                             rd_test_chart_sizes[s].height, &theme, pango);
      const RdChartPrim *up, *down;
      double up_len, down_len;

      rd_test_chart_check_layout (layout);
      /* Only the highlighted bar is in the accent. */
      g_assert_cmpuint (rd_test_chart_count (layout, RD_PRIM_RECT, RD_INK_BLUE), ==, 1);
      g_assert_cmpuint (rd_test_chart_count (layout, RD_PRIM_RECT, RD_INK_NEUTRAL), ==, 2);
      up = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_BLUE, 0);
      down = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_NEUTRAL, 0);
      up_len = data.vertical ? up->h : up->w;
      down_len = data.vertical ? down->h : down->w;
      g_assert_cmpfloat_with_epsilon (down_len / up_len, 310000.0 / 420000.0, 1e-6);
      /* The negative bar lies on the other side of zero. */
      if (data.vertical)
        g_assert_cmpfloat (down->y, >=, up->y + up->h - 0.01);
      else
        g_assert_cmpfloat (down->x + down->w, <=, up->x + 0.01);
      g_assert_nonnull (rd_test_chart_find_text (layout, "Target: €500K"));
      g_assert_cmpstr (rd_chart_layout_get_hit (layout, 3)->label, ==,
                       "Undefined: not defined (no deals closed in 2026-Q3)");
    }
}

static void
test_empty (void)
{
  const RdBarItem undefined[] = { { "Won", NAN, "win_rate", NULL, FALSE, NULL } };
  RdBarData data = { { "Win rate", NULL, "No deals closed in 2026-Q3" } };

  data.unit = RD_UNIT_PERCENT;
  for (guint pass = 0; pass < 2; pass++)
    for (guint s = 0; s < G_N_ELEMENTS (rd_test_chart_sizes); s++)
      {
        g_autoptr(RdChartLayout) layout = NULL;
        g_autofree char *description = NULL;

        data.items = pass ? undefined : NULL;
        data.n_items = pass ? 1 : 0;
        layout = rd_bar_chart_layout (&data, rd_test_chart_sizes[s].width, rd_test_chart_sizes[s].height,
                                      &theme, pango);
        rd_test_chart_check_layout (layout);
        g_assert_cmpstr (rd_chart_layout_get_empty_reason (layout), ==, "No deals closed in 2026-Q3");
        g_assert_nonnull (rd_test_chart_find_text (layout, "No deals closed in 2026-Q3"));
        description = rd_chart_layout_describe (layout);
        g_assert_cmpstr (description, ==, "Win rate. No deals closed in 2026-Q3.");
      }
}

static void
test_crowded (gconstpointer user_data)
{
  RdBarItem items[60];
  g_autofree char *labels = g_malloc0 (60 * 16);
  RdBarData data = { { NULL, NULL, NULL } };

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      char *label = labels + i * 16;

      g_snprintf (label, 16, "Owner %u", i + 1);
      items[i] = (RdBarItem) { label, 1000.0 * (i + 1), "sales.by_owner", label, FALSE, NULL };
    }
  data.unit = RD_UNIT_COUNT;
  data.vertical = GPOINTER_TO_INT (user_data);
  data.items = items;
  data.n_items = G_N_ELEMENTS (items);

  for (guint s = 0; s < G_N_ELEMENTS (rd_test_chart_sizes); s++)
    {
      g_autoptr(RdChartLayout) layout = rd_bar_chart_layout (&data, rd_test_chart_sizes[s].width,
                                                             rd_test_chart_sizes[s].height, &theme, pango);
      g_autofree char *description = rd_chart_layout_describe (layout);

      rd_test_chart_check_layout (layout);
      /* Sixty bars never fit as rows in 240 px: the rest is counted, not squashed. */
      if (!data.vertical && s == 2)
        {
          guint shown = rd_chart_layout_get_n_hits (layout);
          g_autofree char *more = g_strdup_printf ("%u more not shown", 60 - shown);

          g_assert_cmpuint (shown, <, 60);
          g_assert_nonnull (rd_test_chart_find_text (layout, more));
        }
      g_assert_true (strstr (description, "Owner 1: 1,000") != NULL);
    }
}

/* The roll-up against quota: the dashed quota line passes where the
 * first column's value label sits; it must leave a gap there. */
static void
test_target_clear_of_labels (void)
{
  static const RdBarItem rollup[] = {
    { "Closed", 889000, "forecast.rollup", "Closed", FALSE, NULL },
    { "+\302\240Commit", 1500000, "forecast.rollup", "Closed + Commit", FALSE, NULL },
    { "+\302\240Best Case", 2300000, "forecast.rollup", "Closed + Commit + Best Case", FALSE, NULL },
  };
  static const RdTestSize sizes[] = { { 260, 240 }, { 400, 330 }, { 800, 600 }, { 1280, 800 } };
  RdBarData data = { { "Roll-up against quota", "Commit v1", NULL }, RD_UNIT_MONEY, "USD", TRUE, rollup,
                     G_N_ELEMENTS (rollup), TRUE, 1000000, "Quota" };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint t = 0; t < 3; t++)
      {
        g_autoptr(RdChartLayout) layout = NULL;

        /* The target at the first label's height, and through the bars. */
        data.target = (double[]) { 1000000, 950000, 1400000 }[t];
        layout = rd_bar_chart_layout (&data, sizes[s].width, sizes[s].height, &theme, pango);
        rd_test_chart_check_layout (layout);
        rd_test_chart_assert_lines_clear (layout, RD_INK_TARGET);
        g_assert_cmpuint (rd_test_chart_count (layout, RD_PRIM_LINE, RD_INK_TARGET), >=, 2);
        for (guint i = 0; i < G_N_ELEMENTS (rollup); i++)
          rd_test_chart_assert_whole (layout, rollup[i].label);

        /* As rows, the value label just short of the target goes past it. */
        data.vertical = FALSE;
        g_clear_pointer (&layout, rd_chart_layout_free);
        layout = rd_bar_chart_layout (&data, sizes[s].width, sizes[s].height, &theme, pango);
        data.vertical = TRUE;
        rd_test_chart_check_layout (layout);
        rd_test_chart_assert_lines_clear (layout, RD_INK_TARGET);
      }
}

/* Handoff names in a narrow card (the quality view at 800x600): a label
 * too long for its column wraps onto two lines when its row has room,
 * rather than being cut short; each stays inside its own row. */
static void
test_long_labels_wrap (void)
{
  static const RdBarItem handoffs[] = {
    { "Lead to MQL", 87, "handoff.sla_adherence", "Lead to MQL", FALSE, NULL },
    { "SQL to Opportunity", 93, "handoff.sla_adherence", "SQL to Opportunity", FALSE, NULL },
    { "Closed Won to Customer", 86, "handoff.sla_adherence", "Closed Won to Customer", FALSE, NULL },
  };
  RdBarData data = { { "SLA adherence by handoff", NULL, NULL }, RD_UNIT_PERCENT, NULL, FALSE, handoffs,
                     G_N_ELEMENTS (handoffs), FALSE, 0, NULL };
  g_autoptr(RdChartLayout) layout = rd_bar_chart_layout (&data, 380, 240, &theme, pango);

  rd_test_chart_check_layout (layout);
  for (guint i = 0; i < G_N_ELEMENTS (handoffs); i++)
    {
      const RdChartPrim *label = rd_test_chart_find_text (layout, handoffs[i].label);
      const RdChartPrim *bar = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_BLUE, i);

      rd_test_chart_assert_whole (layout, handoffs[i].label);
      /* Centred on its bar. */
      g_assert_cmpfloat (fabs ((label->y + label->h / 2) - (bar->y + bar->h / 2)), <, 1.5);
    }
  /* The longest did need two lines. */
  g_assert_cmpint (pango_layout_get_line_count (rd_test_chart_find_text (layout, "Closed Won to Customer")->pango), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  rd_test_chart_init (&argc, &argv, &theme, &pango);

  g_test_add_data_func ("/charts/bar/horizontal/proportional", GINT_TO_POINTER (FALSE), test_proportional);
  g_test_add_data_func ("/charts/bar/vertical/proportional", GINT_TO_POINTER (TRUE), test_proportional);
  g_test_add_data_func ("/charts/bar/horizontal/hit", GINT_TO_POINTER (FALSE), test_hit);
  g_test_add_data_func ("/charts/bar/vertical/hit", GINT_TO_POINTER (TRUE), test_hit);
  g_test_add_data_func ("/charts/bar/horizontal/negative-target", GINT_TO_POINTER (FALSE),
                        test_negative_and_target);
  g_test_add_data_func ("/charts/bar/vertical/negative-target", GINT_TO_POINTER (TRUE), test_negative_and_target);
  g_test_add_func ("/charts/bar/empty", test_empty);
  g_test_add_func ("/charts/bar/vertical/target-clear-of-labels", test_target_clear_of_labels);
  g_test_add_func ("/charts/bar/horizontal/long-labels-wrap", test_long_labels_wrap);
  g_test_add_data_func ("/charts/bar/horizontal/crowded", GINT_TO_POINTER (FALSE), test_crowded);
  g_test_add_data_func ("/charts/bar/vertical/crowded", GINT_TO_POINTER (TRUE), test_crowded);

  return g_test_run ();
}
