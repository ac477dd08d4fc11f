/* test-charts-util.c — checks every chart layout must pass
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <math.h>

#include "test-charts-util.h"

const RdTestSize rd_test_chart_sizes[5] = { { 800, 600 }, { 2560, 1440 }, { 360, 240 }, { 1280, 800 }, { 1024, 768 } };

PangoContext *
rd_test_chart_pango (void)
{
  return pango_font_map_create_context (pango_cairo_font_map_get_default ());
}

void
rd_test_chart_init (int            *argc,
                    char         ***argv,
                    RdChartTheme   *theme,
                    PangoContext  **pango)
{
  setlocale (LC_ALL, "");
  g_test_init (argc, argv, NULL);
  /* RD_TEST_CHART_STYLE=high-contrast runs the same checks with the larger
   * type and thicker strokes of that theme. */
  rd_chart_theme_init (theme, g_strcmp0 (g_getenv ("RD_TEST_CHART_STYLE"), "high-contrast") == 0
                              ? RD_CHART_STYLE_HIGH_CONTRAST : RD_CHART_STYLE_LIGHT);
  if (g_strcmp0 (g_getenv ("RD_TEST_CHART_STYLE"), "presentation") == 0)
    rd_chart_theme_set_font (theme, NULL, 2 * theme->font_size);
  *pango = rd_test_chart_pango ();
}

/* Half a pixel of slack for antialiasing and rounding. */
#define SLACK 0.5

static void
assert_inside (const RdChartLayout *layout,
               double               x,
               double               y,
               double               w,
               double               h,
               const char          *what)
{
  double lw = rd_chart_layout_get_width (layout);
  double lh = rd_chart_layout_get_height (layout);

  if (x < -SLACK || y < -SLACK || x + w > lw + SLACK || y + h > lh + SLACK)
    g_error ("%s at %.1f,%.1f %.1fx%.1f is outside the %.0fx%.0f chart", what, x, y, w, h, lw, lh);
}

void
rd_test_chart_check_layout (const RdChartLayout *layout)
{
  guint n = rd_chart_layout_get_n_prims (layout);

  for (guint i = 0; i < n; i++)
    {
      const RdChartPrim *p = rd_chart_layout_get_prim (layout, i);

      switch (p->kind)
        {
        case RD_PRIM_RECT:
        case RD_PRIM_FRAME:
        case RD_PRIM_TEXT:
          assert_inside (layout, p->x, p->y, p->w, p->h, p->kind == RD_PRIM_TEXT ? p->text : "a rectangle");
          break;
        case RD_PRIM_LINE:
          assert_inside (layout, MIN (p->x, p->x2), MIN (p->y, p->y2), fabs (p->x2 - p->x), fabs (p->y2 - p->y),
                         "a line");
          break;
        case RD_PRIM_DOT:
        case RD_PRIM_RING:
          assert_inside (layout, p->x - p->w, p->y - p->w, 2 * p->w, 2 * p->w, "a dot");
          break;
        case RD_PRIM_POLYLINE:
          for (guint k = 0; k < p->n_points; k++)
            assert_inside (layout, p->points[2 * k], p->points[2 * k + 1], 0, 0, "a polyline point");
          break;
        default:
          g_assert_not_reached ();
        }

      if (p->kind != RD_PRIM_TEXT)
        continue;
      g_assert_nonnull (p->pango);
      g_assert_cmpfloat (p->w, >, 0);
      for (guint j = i + 1; j < n; j++)
        {
          const RdChartPrim *q = rd_chart_layout_get_prim (layout, j);

          if (q->kind != RD_PRIM_TEXT)
            continue;
          if (p->x + p->w - SLACK > q->x && q->x + q->w - SLACK > p->x
              && p->y + p->h - SLACK > q->y && q->y + q->h - SLACK > p->y)
            g_error ("\"%s\" (%.1f,%.1f %.1fx%.1f) overlaps \"%s\" (%.1f,%.1f %.1fx%.1f) in a %.0fx%.0f chart",
                     p->text, p->x, p->y, p->w, p->h, q->text, q->x, q->y, q->w, q->h,
                     rd_chart_layout_get_width (layout), rd_chart_layout_get_height (layout));
        }
    }

  for (guint i = 0; i < rd_chart_layout_get_n_hits (layout); i++)
    {
      const RdChartHit *hit = rd_chart_layout_get_hit (layout, i);

      assert_inside (layout, hit->x, hit->y, hit->w, hit->h, hit->label);
      g_assert_nonnull (hit->label);
      g_assert_cmpstr (hit->label, !=, "");
    }
}

guint
rd_test_chart_count (const RdChartLayout *layout,
                     RdPrimKind           kind,
                     RdChartInk           ink)
{
  guint count = 0;

  for (guint i = 0; i < rd_chart_layout_get_n_prims (layout); i++)
    {
      const RdChartPrim *p = rd_chart_layout_get_prim (layout, i);

      count += p->kind == kind && p->ink == ink;
    }
  return count;
}

const RdChartPrim *
rd_test_chart_nth (const RdChartLayout *layout,
                   RdPrimKind           kind,
                   RdChartInk           ink,
                   guint                n)
{
  for (guint i = 0; i < rd_chart_layout_get_n_prims (layout); i++)
    {
      const RdChartPrim *p = rd_chart_layout_get_prim (layout, i);

      if (p->kind == kind && p->ink == ink && n-- == 0)
        return p;
    }
  g_error ("no prim %u of kind %d in ink %d", n, kind, ink);
  return NULL;
}

const RdChartPrim *
rd_test_chart_find_text (const RdChartLayout *layout,
                         const char          *text)
{
  for (guint i = 0; i < rd_chart_layout_get_n_prims (layout); i++)
    {
      const RdChartPrim *p = rd_chart_layout_get_prim (layout, i);

      if (p->kind == RD_PRIM_TEXT && g_strcmp0 (p->text, text) == 0)
        return p;
    }
  return NULL;
}

void
rd_test_chart_assert_whole (const RdChartLayout *layout,
                            const char          *text)
{
  const RdChartPrim *p = rd_test_chart_find_text (layout, text);

  if (p == NULL)
    g_error ("“%s” is not drawn in a %.0fx%.0f chart", text, rd_chart_layout_get_width (layout),
             rd_chart_layout_get_height (layout));
  if (pango_layout_is_ellipsized (p->pango))
    g_error ("“%s” is cut short in a %.0fx%.0f chart", text, rd_chart_layout_get_width (layout),
             rd_chart_layout_get_height (layout));
}

void
rd_test_chart_assert_shown (const RdChartLayout *layout,
                            const char          *text)
{
  const RdChartPrim *p = rd_test_chart_find_text (layout, text);
  g_autoptr(PangoLayout) whole = NULL;
  PangoRectangle logical;

  if (p == NULL)
    g_error ("“%s” is not drawn in a %.0fx%.0f chart", text, rd_chart_layout_get_width (layout),
             rd_chart_layout_get_height (layout));
  if (!pango_layout_is_ellipsized (p->pango))
    return;
  whole = pango_layout_copy (p->pango);
  pango_layout_set_width (whole, -1);
  pango_layout_set_height (whole, -1);
  pango_layout_get_pixel_extents (whole, NULL, &logical);
  /* A wrapped paragraph shows up to its width on each of its lines. */
  if (p->w * pango_layout_get_line_count (p->pango) < logical.width / 2.0)
    g_error ("“%s” is cut to %.0f of its %d px in a %.0fx%.0f chart", text,
             p->w * pango_layout_get_line_count (p->pango), logical.width,
             rd_chart_layout_get_width (layout), rd_chart_layout_get_height (layout));
}

void
rd_test_chart_assert_lines_clear (const RdChartLayout *layout,
                                  RdChartInk           ink)
{
  for (guint i = 0; i < rd_chart_layout_get_n_prims (layout); i++)
    {
      const RdChartPrim *l = rd_chart_layout_get_prim (layout, i);

      if (l->kind != RD_PRIM_LINE || l->ink != ink)
        continue;
      for (guint j = 0; j < rd_chart_layout_get_n_prims (layout); j++)
        {
          const RdChartPrim *t = rd_chart_layout_get_prim (layout, j);

          /* Horizontal and vertical lines: their box against the text's. */
          if (t->kind == RD_PRIM_TEXT
              && MAX (l->x, l->x2) > t->x && MIN (l->x, l->x2) < t->x + t->w
              && MAX (l->y, l->y2) > t->y && MIN (l->y, l->y2) < t->y + t->h)
            g_error ("a line (%.1f,%.1f → %.1f,%.1f) runs through “%s” (%.1f,%.1f %.1fx%.1f) in a %.0fx%.0f chart",
                     l->x, l->y, l->x2, l->y2, t->text, t->x, t->y, t->w, t->h,
                     rd_chart_layout_get_width (layout), rd_chart_layout_get_height (layout));
        }
    }
}

const RdChartHit *
rd_test_chart_hit_at (const RdChartLayout *layout,
                      double               x,
                      double               y)
{
  int index = rd_chart_layout_hit_test (layout, x, y);

  g_assert_cmpint (index, >=, 0);
  return rd_chart_layout_get_hit (layout, (guint) index);
}

void
rd_test_chart_check_sizes (RdTestRender  render,
                           gconstpointer data,
                           const char   *text)
{
  for (guint s = 0; s < G_N_ELEMENTS (rd_test_chart_sizes); s++)
    {
      g_autoptr(RdChartLayout) layout = render (data, rd_test_chart_sizes[s].width, rd_test_chart_sizes[s].height);

      rd_test_chart_check_layout (layout);
      if (text)
        g_assert_nonnull (rd_test_chart_find_text (layout, text));
    }
}
