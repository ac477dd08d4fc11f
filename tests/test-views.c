/* test-views.c — the six views on the demo company: every chart present and
 * inside its page, nothing overlapping, every mark drilling into a metric
 * the pack has, the words of the coverage math and next actions matching
 * the numbers, and an empty slice drawn with its reasons.
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rd-demo.h"
#include "rd-test-util.h"
#include "rd-view.h"
#include "test-charts-util.h"

static RdWorkspace  *demo;
static char         *demo_dir;
static RdMetricPack *full;      /* the demo as of its pinned date */
static RdMetricPack *empty;     /* as of a date before the company existed */
static RdMetricPack *segment;   /* one segment */
static RdChartTheme  theme;
static PangoContext *pango;
static gboolean      presentation; /* twice the type size */

static const struct
{
  double width, height;
} page_sizes[] = { { 800, 600 }, { 2560, 1440 }, { 1280, 800 } };

static RdMetricPack *
compute (const char *as_of,
         const char *segment_name)
{
  g_autoptr(RdFilter) filter = rd_filter_new ();
  g_autoptr(GError) error = NULL;
  RdMetricPack *pack;

  g_assert_true (rd_filter_resolve (filter, demo, as_of, NULL, segment_name, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  pack = rd_metrics_compute (demo, filter, NULL, &error);
  g_assert_no_error (error);
  return pack;
}

static gboolean
boxes_overlap (double ax, double ay, double aw, double ah,
               double bx, double by, double bw, double bh)
{
  /* Touching edges are fine; a pixel of slack for rounding. */
  return ax + aw > bx + 0.5 && bx + bw > ax + 0.5 && ay + ah > by + 0.5 && by + bh > ay + 0.5;
}

/* Does any text prim of @layout contain @needle? */
static gboolean
has_text (const RdChartLayout *layout,
          const char          *needle)
{
  for (guint i = 0; i < rd_chart_layout_get_n_prims (layout); i++)
    {
      const RdChartPrim *p = rd_chart_layout_get_prim (layout, i);

      if (p->kind == RD_PRIM_TEXT && p->text && strstr (p->text, needle))
        return TRUE;
    }
  return FALSE;
}

static const RdChartLayout *
page_chart (const RdViewPage *page,
            const char       *id)
{
  for (guint i = 0; i < rd_view_page_get_n_charts (page); i++)
    {
      const RdChartLayout *layout;
      const RdViewChart *chart = rd_view_page_get_chart (page, i, &layout, NULL, NULL);

      if (g_str_equal (chart->id, id))
        return layout;
    }
  g_error ("no chart “%s” on the page", id);
  return NULL;
}

/* The checks every page passes, whatever the data. */
static void
check_page (RdView              view,
            const RdMetricPack *pack,
            const RdViewPage   *page,
            double              width,
            double              height)
{
  const RdChartLayout *frame = rd_view_page_get_frame (page);
  guint n_charts;
  const RdViewChart *charts = rd_view_get_charts (view, &n_charts);

  g_assert_cmpuint (rd_view_page_get_n_charts (page), ==, n_charts);
  g_assert_cmpuint (n_charts, >=, 3);
  rd_test_chart_check_layout (frame);

  for (guint i = 0; i < n_charts; i++)
    {
      const RdChartLayout *layout;
      double x, y, w, h;
      const RdViewChart *chart = rd_view_page_get_chart (page, i, &layout, &x, &y);

      /* Every chart of the view, in its order, with a size it can use. */
      g_assert_true (chart == &charts[i]);
      g_assert_nonnull (layout);
      w = rd_chart_layout_get_width (layout);
      h = rd_chart_layout_get_height (layout);
      g_assert_cmpfloat (w, >=, MIN (width / 6, 150));
      g_assert_cmpfloat (h, >=, 80);
      g_assert_cmpfloat (x, >=, 0);
      g_assert_cmpfloat (y, >=, 0);
      g_assert_cmpfloat (x + w, <=, width);
      g_assert_cmpfloat (y + h, <=, height);

      /* Inside its own box, no two of its texts overlapping, and no
       * target line running through a label. */
      rd_test_chart_check_layout (layout);
      rd_test_chart_assert_lines_clear (layout, RD_INK_TARGET);

      /* Charts do not overlap each other, nor the title or footer. */
      for (guint j = 0; j < i; j++)
        {
          const RdChartLayout *other;
          double ox, oy;

          rd_view_page_get_chart (page, j, &other, &ox, &oy);
          g_assert_false (boxes_overlap (x, y, w, h, ox, oy, rd_chart_layout_get_width (other),
                                         rd_chart_layout_get_height (other)));
        }
      for (guint k = 0; k < rd_chart_layout_get_n_prims (frame); k++)
        {
          const RdChartPrim *p = rd_chart_layout_get_prim (frame, k);

          if (p->kind == RD_PRIM_TEXT)
            g_assert_false (boxes_overlap (x, y, w, h, p->x, p->y, p->w, p->h));
        }

      /* Something to read: marks that drill, or the reason there are none. */
      if (rd_chart_layout_get_n_hits (layout) == 0 && rd_chart_layout_get_empty_reason (layout) == NULL)
        g_error ("%s/%s at %.0fx%.0f (%.0fx%.0f): no mark to open and no reason given", rd_view_get_id (view),
                 chart->id, width, height, w, h);
      for (guint k = 0; k < rd_chart_layout_get_n_hits (layout); k++)
        {
          const RdChartHit *hit = rd_chart_layout_get_hit (layout, k);

          g_assert_nonnull (hit->metric_id);
          if (rd_view_hit_metric (pack, hit) == NULL)
            g_error ("%s/%s: hit “%s” drills into %s [%s], which the pack does not have",
                     rd_view_get_id (view), chart->id, hit->label, hit->metric_id,
                     hit->bucket ? hit->bucket : "");
        }
    }
}

static void
test_pages (gconstpointer data)
{
  RdView view = GPOINTER_TO_INT (data);

  for (guint s = 0; s < G_N_ELEMENTS (page_sizes); s++)
    {
      g_autoptr(RdViewPage) page = rd_view_page_layout (view, full, NULL, page_sizes[s].width, page_sizes[s].height,
                                                        &theme, pango);

      check_page (view, full, page, page_sizes[s].width, page_sizes[s].height);
      /* On the demo, every chart has data: none falls back to a reason
       * (but presentation type, twice the size, may leave a card too small
       * on all but the biggest page, which it must then say). */
      for (guint i = 0; i < rd_view_page_get_n_charts (page); i++)
        {
          const RdChartLayout *layout;
          const RdViewChart *chart = rd_view_page_get_chart (page, i, &layout, NULL, NULL);

          if (presentation && page_sizes[s].width < 2560
              && g_strcmp0 (rd_chart_layout_get_empty_reason (layout), "Not enough room to draw this chart") == 0)
            {
              g_assert_true (has_text (layout, "Not enough room"));
              g_test_message ("%s/%s: not enough room at %.0fx%.0f with presentation type", rd_view_get_id (view),
                              chart->id, page_sizes[s].width, page_sizes[s].height);
              continue;
            }
          if (rd_chart_layout_get_empty_reason (layout) != NULL)
            g_error ("%s/%s at %.0fx%.0f is empty: %s", rd_view_get_id (view), chart->id,
                     page_sizes[s].width, page_sizes[s].height, rd_chart_layout_get_empty_reason (layout));
          g_assert_cmpuint (rd_chart_layout_get_n_hits (layout), >, 0);
        }
      /* The page says what it shows and as of when. */
      g_assert_true (has_text (rd_view_page_get_frame (page), rd_view_get_title (view)));
      g_assert_true (has_text (rd_view_page_get_frame (page), "as of 30 Sep 2026"));
    }
}

static void
test_empty_slice (gconstpointer data)
{
  RdView view = GPOINTER_TO_INT (data);
  guint n_reasons = 0;

  for (guint s = 0; s < G_N_ELEMENTS (page_sizes); s++)
    {
      g_autoptr(RdViewPage) page = rd_view_page_layout (view, empty, NULL, page_sizes[s].width, page_sizes[s].height,
                                                        &theme, pango);

      check_page (view, empty, page, page_sizes[s].width, page_sizes[s].height);
      for (guint i = 0; i < rd_view_page_get_n_charts (page); i++)
        {
          const RdChartLayout *layout;
          const char *reason;

          const RdViewChart *chart = rd_view_page_get_chart (page, i, &layout, NULL, NULL);

          reason = rd_chart_layout_get_empty_reason (layout);
          if (reason == NULL)
            continue;
          /* The reason is drawn (perhaps wrapped), not a blank box. */
          {
            g_autofree char *head = g_utf8_substring (reason, 0, MIN (g_utf8_strlen (reason, -1), 12));

            if (!has_text (layout, head))
              g_error ("%s/%s at %.0fx%.0f (%.0fx%.0f): the reason “%s” is not drawn", rd_view_get_id (view),
                       chart->id, page_sizes[s].width, page_sizes[s].height, rd_chart_layout_get_width (layout),
                       rd_chart_layout_get_height (layout), reason);
          }
          n_reasons++;
        }
    }
  /* Before the company existed, each view has at least one chart that can
   * only say why it is empty. */
  g_assert_cmpuint (n_reasons, >=, G_N_ELEMENTS (page_sizes));
}

/* Every step of both bridges is named under its bar at 800x600 and
 * 1280x800: none skipped, and none cut short unless the type is large. */
static void
test_bridge_labels (void)
{
  static const struct
  {
    RdView      view;
    const char *chart;
  } bridges[] = { { RD_VIEW_COVERAGE, "pipeline-change" }, { RD_VIEW_RETENTION, "arr-bridge" } };
  static const double sizes[][2] = { { 800, 600 }, { 1280, 800 } };

  for (guint k = 0; k < G_N_ELEMENTS (bridges); k++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        g_autoptr(RdViewPage) page = rd_view_page_layout (bridges[k].view, full, NULL, sizes[s][0], sizes[s][1],
                                                          &theme, pango);
        const RdChartLayout *layout = page_chart (page, bridges[k].chart);
        guint n = rd_chart_layout_get_n_hits (layout);

        if (presentation && rd_chart_layout_get_empty_reason (layout))
          continue;
        g_assert_cmpuint (n, >=, 4);
        for (guint i = 0; i < n; i++)
          {
            const RdChartHit *hit = rd_chart_layout_get_hit (layout, i);
            const char *colon = g_strrstr (hit->label, ": ");
            g_autofree char *step = g_strndup (hit->label, colon ? (gsize) (colon - hit->label) : strlen (hit->label));

            if (theme.style == RD_CHART_STYLE_LIGHT && !presentation)
              rd_test_chart_assert_whole (layout, step);
            else
              rd_test_chart_assert_shown (layout, step);
          }
      }
}

/* The one-figure cards of the coverage and funnel pages show the two
 * figures behind the ratio, with the pack's numbers, when they are big
 * enough to have room to spare (from 1280x800 up). */
static void
test_parts_cards (void)
{
  static const struct
  {
    RdView      view;
    const char *chart, *metric, *part, *whole;
  } cards[] = {
    { RD_VIEW_COVERAGE, "coverage-math", "coverage.ratio", "Qualified pipeline", "Quota left" },
    { RD_VIEW_FUNNEL, "overall-conversion", "funnel.overall", "Reached the last stage", "Entered the funnel" },
  };

  if (presentation)
    return;
  for (guint k = 0; k < G_N_ELEMENTS (cards); k++)
    for (guint s = 0; s < G_N_ELEMENTS (page_sizes); s++)
      {
        g_autoptr(RdViewPage) page = NULL;
        const RdChartLayout *layout;
        const RdMetric *m = rd_test_metric (full, cards[k].metric, NULL);
        g_autofree char *num = rd_chart_format_value (m->numerator, m->numerator_unit, full->currency, TRUE);
        g_autofree char *den = rd_chart_format_value (m->denominator, m->numerator_unit, full->currency, TRUE);

        if (page_sizes[s].width < 1280)
          continue;
        page = rd_view_page_layout (cards[k].view, full, NULL, page_sizes[s].width, page_sizes[s].height, &theme,
                                    pango);
        layout = page_chart (page, cards[k].chart);
        g_assert_true (m->defined && m->is_ratio);
        rd_test_chart_assert_whole (layout, cards[k].part);
        rd_test_chart_assert_whole (layout, cards[k].whole);
        g_assert_true (has_text (layout, num));
        g_assert_true (has_text (layout, den));
      }
}

/* "3.5× of a 3.0× target — $279K above it", from the pack's own numbers. */
static void
test_coverage_words (void)
{
  g_autoptr(RdViewPage) page = rd_view_page_layout (RD_VIEW_COVERAGE, full, NULL, 1280, 800, &theme, pango);
  const RdMetric *ratio = rd_test_metric (full, "coverage.ratio", NULL);
  const RdMetric *target = rd_test_metric (full, "coverage.target", NULL);
  const RdMetric *gap = rd_test_metric (full, "coverage.gap", NULL);
  g_autofree char *r = rd_chart_format_value (ratio->value, RD_UNIT_RATIO, full->currency, TRUE);
  g_autofree char *t = rd_chart_format_value (target->value, RD_UNIT_RATIO, full->currency, TRUE);
  g_autofree char *g = rd_chart_format_value (fabs (gap->value), RD_UNIT_MONEY, full->currency, TRUE);
  g_autofree char *sentence = g_strdup_printf ("%s of a %s target — %s %s", r, t, g,
                                               gap->value > 0 ? "short" : "above it");
  g_autofree char *num = rd_chart_format_value (ratio->numerator, RD_UNIT_MONEY, full->currency, TRUE);
  g_autofree char *den = rd_chart_format_value (ratio->denominator, RD_UNIT_MONEY, full->currency, TRUE);
  g_autofree char *math = g_strdup_printf ("%s qualified ÷ %s quota left", num, den);
  const RdChartLayout *tile = page_chart (page, "coverage-math");
  const RdChartLayout *stack = page_chart (page, "coverage");

  g_assert_true (ratio->defined && target->defined && gap->defined);
  /* The tile may wrap the sentence: look for its two halves. */
  {
    g_auto(GStrv) halves = g_strsplit (sentence, " — ", 2);
    if (!has_text (tile, halves[0]) || !has_text (tile, halves[1]))
      g_error ("the coverage tile does not say “%s”", sentence);
  }
  /* The numerator and denominator under the bars, with the definition
   * version in force. */
  if (!has_text (stack, math))
    g_error ("the coverage chart does not say “%s”", math);
  g_assert_true (has_text (stack, "Coverage v1"));
}

/* Without a segment in the filter the coverage chart has a column per
 * segment, each piece opening that segment's pipeline in its category; with
 * one, a single column of the filter's pipeline. */
static void
test_coverage_segments (void)
{
  g_autoptr(RdViewPage) page = rd_view_page_layout (RD_VIEW_COVERAGE, full, NULL, 1280, 800, &theme, pango);
  g_autoptr(RdViewPage) one = rd_view_page_layout (RD_VIEW_COVERAGE, segment, NULL, 1280, 800, &theme, pango);
  const RdChartLayout *stack = page_chart (page, "coverage");
  const RdChartLayout *single = page_chart (one, "coverage");
  g_autoptr(GHashTable) columns = g_hash_table_new (g_direct_hash, g_direct_equal);
  double total = 0, pipeline = 0;

  g_assert_cmpuint (rd_chart_layout_get_n_hits (stack), >, 0);
  for (guint i = 0; i < rd_chart_layout_get_n_hits (stack); i++)
    {
      const RdChartHit *hit = rd_chart_layout_get_hit (stack, i);
      const RdMetric *m = rd_view_hit_metric (full, hit);
      g_autofree char *bucket = g_strdup_printf ("%s / %s", hit->bucket, hit->series);

      g_assert_nonnull (m);
      g_assert_cmpstr (m->id, ==, "coverage.segment_pipeline");
      g_assert_cmpstr (m->bucket, ==, bucket);
      g_assert_true (m->value > 0);
      g_assert_true (rd_metric_pack_find (full, "coverage.segment_remaining_quota", hit->bucket) != NULL);
      g_hash_table_add (columns, GINT_TO_POINTER (hit->item + 1));
      total += m->value;
    }
  /* Every segment of the demo has pipeline this quarter; together they are the company's. */
  g_assert_cmpuint (g_hash_table_size (columns), ==, 3);
  for (guint i = 0; i < full->metrics->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (full->metrics, i);
      if (g_str_equal (m->id, "coverage.pipeline") && m->defined)
        pipeline += m->value;
    }
  g_assert_cmpfloat_with_epsilon (total, pipeline, 1e-6);

  for (guint i = 0; i < rd_chart_layout_get_n_hits (single); i++)
    {
      const RdChartHit *hit = rd_chart_layout_get_hit (single, i);
      const RdMetric *m = rd_view_hit_metric (segment, hit);

      g_assert_nonnull (m);
      g_assert_cmpstr (m->id, ==, "coverage.pipeline");
      g_assert_cmpint (hit->item, ==, 0);
    }
}

/* Each next action's sentence starts with the count of the metric it opens. */
static void
test_next_actions (void)
{
  g_autoptr(RdViewPage) page = rd_view_page_layout (RD_VIEW_OVERVIEW, full, NULL, 2560, 1440, &theme, pango);
  const RdChartLayout *actions = page_chart (page, "next-actions");
  guint n = rd_chart_layout_get_n_hits (actions);
  gboolean seen_stalled = FALSE, seen_unowned = FALSE;

  g_assert_cmpuint (n, >=, 4);
  for (guint i = 0; i < n; i++)
    {
      const RdChartHit *hit = rd_chart_layout_get_hit (actions, i);
      const RdMetric *m = rd_view_hit_metric (full, hit);
      g_autofree char *count = NULL;

      g_assert_nonnull (m);
      g_assert_true (m->defined);
      if (g_str_equal (m->id, "coverage.ratio"))
        {
          g_assert_true (g_str_has_prefix (hit->label, "Coverage"));
          g_assert_cmpfloat (m->value, <, m->target);
          continue;
        }
      g_assert_cmpfloat (m->value, >=, 1);
      count = rd_chart_format_count (m->value);
      if (!g_str_has_prefix (hit->label, count))
        g_error ("“%s” opens %s [%s] = %g", hit->label, m->id, m->bucket ? m->bucket : "", m->value);
      seen_stalled = seen_stalled || g_str_equal (m->id, "aging.stalled");
      seen_unowned = seen_unowned || g_str_equal (m->id, "renewals.unowned");
    }
  /* The demo has stalled deals and renewals without an owner. */
  g_assert_true (seen_stalled);
  g_assert_true (seen_unowned);

  /* In a short box the first ones are listed and the last line says how
   * many more there are, in one column or two. */
  for (guint w = 0; w < 2; w++)
    {
      guint n_charts;
      const RdViewChart *charts = rd_view_get_charts (RD_VIEW_OVERVIEW, &n_charts);
      g_autoptr(RdChartLayout) small = rd_view_chart_layout (&charts[n_charts - 1], full, w ? 1100 : 600, 170,
                                                             &theme, pango);
      guint shown = rd_chart_layout_get_n_hits (small);
      g_autofree char *more = g_strdup_printf ("and %u more action", n - shown);

      g_assert_cmpstr (charts[n_charts - 1].id, ==, "next-actions");
      rd_test_chart_check_layout (small);
      g_assert_cmpuint (shown, >=, 1);
      g_assert_cmpuint (shown, <, n);
      if (!has_text (small, more))
        g_error ("a %s action list does not say “%s”", w ? "wide" : "narrow", more);
    }
}

/* With the records of the aging.open drill-down, the aging strip draws a
 * dot per open deal, and the dots past their stage's limit are exactly the
 * stalled deals the metric counts. */
static void
test_aging_dots (void)
{
  g_autoptr(RdViewDetail) detail = rd_view_detail_new ();
  g_autoptr(RdFilter) filter = rd_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RdViewPage) page = NULL;
  const RdChartLayout *strip;
  double open = 0;
  guint rings = 0, dots = 0, hits = 0;

  g_assert_true (rd_filter_resolve (filter, demo, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_true (rd_view_detail_fetch (detail, demo, filter, full, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < full->metrics->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (full->metrics, i);

      if (m->bucket && g_str_equal (m->id, "aging.open"))
        open += m->value;
    }
  g_assert_cmpfloat (open, >, 0);
  g_assert_cmpuint (rd_view_detail_get_n_deals (detail), ==, (guint) open);

  page = rd_view_page_layout (RD_VIEW_AGING, full, detail, 1280, 800, &theme, pango);
  check_page (RD_VIEW_AGING, full, page, 1280, 800);
  strip = page_chart (page, "days-in-stage");
  for (guint i = 0; i < rd_chart_layout_get_n_prims (strip); i++)
    {
      const RdChartPrim *p = rd_chart_layout_get_prim (strip, i);

      if (p->kind == RD_PRIM_DOT || p->kind == RD_PRIM_RING)
        {
          dots++;
          rings += p->kind == RD_PRIM_RING && p->ink == RD_INK_WARNING;
        }
    }
  for (guint i = 0; i < rd_chart_layout_get_n_hits (strip); i++)
    hits += rd_chart_layout_get_hit (strip, i)->series != NULL;
  g_assert_cmpuint (dots, ==, (guint) open);
  g_assert_cmpuint (hits, ==, (guint) open);
  g_assert_cmpfloat (rings, ==, rd_test_metric (full, "aging.stalled", NULL)->value);
}

/* A bar drawn as "—" has its meaning written under the chart. */
static void
test_undefined_bars (void)
{
  g_autoptr(RdViewPage) page = rd_view_page_layout (RD_VIEW_QUALITY, full, NULL, 1280, 800, &theme, pango);
  const RdMetric *amount = rd_test_metric (full, "quality.required_fields", "amount");

  /* The demo requires “amount” only on stages no open record is in. */
  g_assert_false (amount->defined);
  g_assert_true (has_text (page_chart (page, "field-completeness"), "— no open record"));
  g_assert_false (has_text (page_chart (page, "open-misses"), "—"));
}

/* Tiles: the ten overview metrics, each drilling into itself. */
static void
test_tiles (void)
{
  guint n_charts, n_tiles = 0;
  const RdViewChart *charts = rd_view_get_charts (RD_VIEW_OVERVIEW, &n_charts);

  for (guint i = 0; i < n_charts; i++)
    {
      g_autoptr(RdChartLayout) layout = NULL;
      const RdChartHit *hit;

      if (charts[i].metric_id == NULL)
        continue;
      n_tiles++;
      layout = rd_view_chart_layout (&charts[i], full, 240, 180, &theme, pango);
      g_assert_cmpuint (rd_chart_layout_get_n_hits (layout), ==, 1);
      hit = rd_chart_layout_get_hit (layout, 0);
      g_assert_cmpstr (hit->metric_id, ==, charts[i].metric_id);
      rd_test_metric (full, charts[i].metric_id, NULL);
    }
  g_assert_cmpuint (n_tiles, ==, 10);
}

/* The funnel's bars are the lifecycle stages in order, with their counts. */
static void
test_funnel_drill (void)
{
  guint n_charts, k = 0;
  const RdViewChart *charts = rd_view_get_charts (RD_VIEW_FUNNEL, &n_charts);
  g_autoptr(RdChartLayout) layout = rd_view_chart_layout (&charts[0], full, 1000, 500, &theme, pango);

  g_assert_cmpstr (charts[0].id, ==, "funnel");
  for (guint i = 0; i < full->metrics->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (full->metrics, i);
      const RdChartHit *hit;

      if (!g_str_equal (m->id, "funnel.reached") || m->bucket == NULL)
        continue;
      g_assert_cmpuint (k, <, rd_chart_layout_get_n_hits (layout));
      hit = rd_chart_layout_get_hit (layout, k++);
      g_assert_cmpstr (hit->metric_id, ==, "funnel.reached");
      g_assert_cmpstr (hit->bucket, ==, m->bucket);
    }
  g_assert_cmpuint (k, ==, 5);
}

/* Filters are repeated in every chart's footer. */
static void
test_filter_footer (void)
{
  for (guint v = 0; v < RD_N_VIEWS; v++)
    {
      g_autoptr(RdViewPage) page = rd_view_page_layout (v, segment, NULL, 1280, 800, &theme, pango);
      guint with_filter = 0;

      g_assert_true (has_text (rd_view_page_get_frame (page), "Segment: Enterprise"));
      for (guint i = 0; i < rd_view_page_get_n_charts (page); i++)
        {
          const RdChartLayout *layout;
          const RdViewChart *chart = rd_view_page_get_chart (page, i, &layout, NULL, NULL);

          if (chart->metric_id == NULL)  /* tiles have no footer */
            with_filter += has_text (layout, "Segment: Enterprise") || has_text (layout, "Segment: Ent");
        }
      g_assert_cmpuint (with_filter, >, 0);
    }
}

/* Painting a page into a recording surface touches every chart. */
static void
test_paint (void)
{
  for (guint v = 0; v < RD_N_VIEWS; v++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 400);
      cairo_t *cr = cairo_create (surface);
      guint32 *pixels;
      guint differing = 0;

      rd_view_render (v, full, NULL, cr, 640, 400, &theme);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_flush (surface);
      pixels = (guint32 *) cairo_image_surface_get_data (surface);
      for (guint i = 0; i < 640 * 400; i++)
        differing += pixels[i] != pixels[0];
      /* Ink on at least 3 % of the page. */
      g_assert_cmpuint (differing, >, 640 * 400 / 33);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Not a pass/fail check (the machine is shared): the median time to lay
 * out and paint each page at 1280x800, for the log. */
static void
test_timing (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 800);

  for (guint v = 0; v < RD_N_VIEWS; v++)
    {
      double layout_ms[7], paint_ms[7];

      for (guint r = 0; r < G_N_ELEMENTS (layout_ms); r++)
        {
          cairo_t *cr = cairo_create (surface);
          gint64 t0 = g_get_monotonic_time (), t1;
          g_autoptr(RdViewPage) page = rd_view_page_layout (v, full, NULL, 1280, 800, &theme, pango);

          t1 = g_get_monotonic_time ();
          rd_view_page_paint (page, cr, &theme);
          cairo_surface_flush (surface);
          layout_ms[r] = (t1 - t0) / 1000.0;
          paint_ms[r] = (g_get_monotonic_time () - t1) / 1000.0;
          cairo_destroy (cr);
        }
      qsort (layout_ms, G_N_ELEMENTS (layout_ms), sizeof (double), cmp_double);
      qsort (paint_ms, G_N_ELEMENTS (paint_ms), sizeof (double), cmp_double);
      g_test_message ("%s at 1280x800: layout %.2f ms, paint %.2f ms (median of %u)", rd_view_get_id (v),
                      layout_ms[3], paint_ms[3], (guint) G_N_ELEMENTS (layout_ms));
    }
  cairo_surface_destroy (surface);
}

static void
test_ids (void)
{
  for (guint v = 0; v < RD_N_VIEWS; v++)
    {
      RdView back;
      guint n;
      const RdViewChart *charts = rd_view_get_charts (v, &n);

      g_assert_true (rd_view_from_id (rd_view_get_id (v), &back));
      g_assert_cmpint (back, ==, v);
      for (guint i = 0; i < n; i++)
        for (guint j = 0; j < i; j++)
          g_assert_cmpstr (charts[i].id, !=, charts[j].id);
    }
  {
    RdView back = RD_VIEW_AGING;
    g_assert_false (rd_view_from_id ("forecast", &back));
    g_assert_cmpint (back, ==, RD_VIEW_AGING);
  }
}

int
main (int    argc,
      char **argv)
{
  RdDemoOptions options = { RD_DEMO_DEFAULT_SEED, 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int rc;

  rd_test_chart_init (&argc, &argv, &theme, &pango);
  presentation = g_strcmp0 (g_getenv ("RD_TEST_CHART_STYLE"), "presentation") == 0;

  demo_dir = rd_test_tmpdir ();
  path = g_build_filename (demo_dir, "demo.revdeck", NULL);
  demo = rd_demo_create (path, &options, &error);
  g_assert_no_error (error);
  full = compute (NULL, NULL);
  empty = compute ("2020-03-31", NULL);
  segment = compute (NULL, "Enterprise");

  g_test_add_func ("/views/ids", test_ids);
  for (guint v = 0; v < RD_N_VIEWS; v++)
    {
      g_autofree char *p1 = g_strdup_printf ("/views/%s/pages", rd_view_get_id (v));
      g_autofree char *p2 = g_strdup_printf ("/views/%s/empty-slice", rd_view_get_id (v));

      g_test_add_data_func (p1, GINT_TO_POINTER (v), test_pages);
      g_test_add_data_func (p2, GINT_TO_POINTER (v), test_empty_slice);
    }
  g_test_add_func ("/views/coverage/words", test_coverage_words);
  g_test_add_func ("/views/bridge-labels", test_bridge_labels);
  g_test_add_func ("/views/parts-cards", test_parts_cards);
  g_test_add_func ("/views/overview/next-actions", test_next_actions);
  g_test_add_func ("/views/overview/tiles", test_tiles);
  g_test_add_func ("/views/funnel/drill", test_funnel_drill);
  g_test_add_func ("/views/quality/undefined-bars", test_undefined_bars);
  g_test_add_func ("/views/aging/dots", test_aging_dots);
  g_test_add_func ("/views/filter-footer", test_filter_footer);
  g_test_add_func ("/views/coverage/segments", test_coverage_segments);
  g_test_add_func ("/views/paint", test_paint);
  g_test_add_func ("/views/timing", test_timing);

  rc = g_test_run ();
  rd_metric_pack_free (full);
  rd_metric_pack_free (empty);
  rd_metric_pack_free (segment);
  g_clear_object (&pango);
  g_clear_object (&demo);
  rd_test_rmdir (demo_dir);
  g_free (demo_dir);
  return rc;
}
