/* rd-chart-builder.c — measuring text, frames, empty states and value axes
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every text is shaped once here, with tabular figures so that numbers in a
 * column line up, and kept in the layout for painting.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rd-chart-private.h"

void
rd_chart_builder_init (RdChartBuilder     *b,
                       double              width,
                       double              height,
                       const RdChartTheme *theme,
                       PangoContext       *pango)
{
  b->layout = _rd_chart_layout_new (MAX (width, 0), MAX (height, 0));
  b->theme = theme;
  b->owned_pango = NULL;
  if (pango == NULL)
    {
      /* The thread's default font map; a widget passes its own context. */
      b->owned_pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      pango = b->owned_pango;
    }
  b->pango = pango;
  b->scale = 1;
}

RdChartLayout *
rd_chart_builder_finish (RdChartBuilder *b)
{
  g_clear_object (&b->owned_pango);
  b->pango = NULL;
  return g_steal_pointer (&b->layout);
}

static RdChartPrim *
add_prim (RdChartBuilder *b,
          RdPrimKind      kind,
          RdChartInk      ink)
{
  RdChartPrim prim = { 0 };

  prim.kind = kind;
  prim.ink = ink;
  prim.over = RD_INK_BACKGROUND;
  g_array_append_val (b->layout->prims, prim);
  return &g_array_index (b->layout->prims, RdChartPrim, b->layout->prims->len - 1);
}

RdChartPrim *
rd_chart_add_rect (RdChartBuilder *b,
                   RdChartInk      ink,
                   double          x,
                   double          y,
                   double          w,
                   double          h)
{
  RdChartPrim *prim = add_prim (b, RD_PRIM_RECT, ink);

  /* Negative sizes are normalised so tests and hit regions see real boxes. */
  prim->x = w < 0 ? x + w : x;
  prim->y = h < 0 ? y + h : y;
  prim->w = fabs (w);
  prim->h = fabs (h);
  return prim;
}

RdChartPrim *
rd_chart_add_frame (RdChartBuilder *b,
                    RdChartInk      ink,
                    double          x,
                    double          y,
                    double          w,
                    double          h)
{
  RdChartPrim *prim = rd_chart_add_rect (b, ink, x, y, w, h);

  prim->kind = RD_PRIM_FRAME;
  return prim;
}

RdChartPrim *
rd_chart_add_line (RdChartBuilder *b,
                   RdChartInk      ink,
                   double          x1,
                   double          y1,
                   double          x2,
                   double          y2,
                   double          line_width,
                   gboolean        dashed)
{
  RdChartPrim *prim = add_prim (b, RD_PRIM_LINE, ink);

  prim->x = x1;
  prim->y = y1;
  prim->x2 = x2;
  prim->y2 = y2;
  prim->line_width = line_width;
  prim->dashed = dashed;
  return prim;
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

void
rd_chart_add_hline_around_text (RdChartBuilder *b,
                                RdChartInk      ink,
                                double          x1,
                                double          x2,
                                double          y,
                                double          line_width,
                                gboolean        dashed)
{
  const double pad = 3;
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (double) * 2);
  double x = x1;

  for (guint i = 0; i < b->layout->prims->len; i++)
    {
      const RdChartPrim *p = &g_array_index (b->layout->prims, RdChartPrim, i);
      double gap[2] = { p->x - pad, p->x + p->w + pad };

      if (p->kind == RD_PRIM_TEXT && y >= p->y - pad && y <= p->y + p->h + pad && gap[1] > x1 && gap[0] < x2)
        g_array_append_val (gaps, gap);
    }
  g_array_sort (gaps, cmp_double);
  for (guint i = 0; i < gaps->len; i++)
    {
      const double *gap = &g_array_index (gaps, double, 2 * i);

      if (gap[0] > x)
        rd_chart_add_line (b, ink, x, y, MIN (gap[0], x2), y, line_width, dashed);
      x = MAX (x, gap[1]);
    }
  if (x < x2)
    rd_chart_add_line (b, ink, x, y, x2, y, line_width, dashed);
}

RdChartPrim *
rd_chart_add_dot (RdChartBuilder *b,
                  RdChartInk      ink,
                  double          x,
                  double          y,
                  double          radius,
                  gboolean        ring)
{
  RdChartPrim *prim = add_prim (b, ring ? RD_PRIM_RING : RD_PRIM_DOT, ink);

  prim->x = x;
  prim->y = y;
  prim->w = radius;
  prim->h = radius;
  return prim;
}

RdChartPrim *
rd_chart_add_polyline (RdChartBuilder *b,
                       RdChartInk      ink,
                       double         *points,
                       guint           n_points,
                       double          line_width)
{
  RdChartPrim *prim = add_prim (b, RD_PRIM_POLYLINE, ink);

  prim->points = points;
  prim->n_points = n_points;
  prim->line_width = line_width;
  return prim;
}

static PangoLayout *
make_pango (RdChartBuilder *b,
            const char     *text,
            RdTextRole      role)
{
  static const double sizes[] = { [RD_TEXT_BODY] = 1.0, [RD_TEXT_SMALL] = 0.85,
                                  [RD_TEXT_TITLE] = 1.2, [RD_TEXT_BIG] = 2.2 };
  PangoLayout *pl = pango_layout_new (b->pango);
  PangoFontDescription *desc = pango_font_description_from_string (b->theme->font_family);
  PangoAttrList *attrs = pango_attr_list_new ();
  double size = b->theme->font_size * sizes[role] * (role == RD_TEXT_BIG ? 1 : b->scale);

  pango_font_description_set_absolute_size (desc, MAX (size, 6) * PANGO_SCALE);
  if (role == RD_TEXT_TITLE || role == RD_TEXT_BIG)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (pl, desc);
  /* Tabular figures: columns of numbers align and do not jitter. */
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (pl, attrs);
  pango_layout_set_single_paragraph_mode (pl, TRUE);
  pango_layout_set_text (pl, text ? text : "", -1);

  pango_attr_list_unref (attrs);
  pango_font_description_free (desc);
  return pl;
}

void
rd_chart_measure_text (RdChartBuilder *b,
                       const char     *text,
                       RdTextRole      role,
                       double         *w,
                       double         *h)
{
  g_autoptr(PangoLayout) pl = make_pango (b, text, role);
  PangoRectangle logical;

  pango_layout_get_pixel_extents (pl, NULL, &logical);
  if (w)
    *w = logical.width;
  if (h)
    *h = logical.height;
}

double
rd_chart_line_height (RdChartBuilder *b,
                      RdTextRole      role)
{
  double h;

  rd_chart_measure_text (b, "Ag", role, NULL, &h);
  return h;
}

RdChartPrim *
rd_chart_add_paragraph (RdChartBuilder *b,
                        RdChartInk      ink,
                        RdTextRole      role,
                        const char     *text,
                        double          x,
                        double          y,
                        double          max_w,
                        int             max_lines,
                        double          align)
{
  PangoLayout *pl;
  PangoRectangle logical;
  RdChartPrim *prim;

  if (text == NULL || *text == '\0')
    return NULL;
  /* Too narrow for even an ellipsis: leave the text to the hit label. */
  if (max_w > 0 && max_w < 12)
    return NULL;

  pl = make_pango (b, text, role);
  if (max_w > 0)
    {
      pango_layout_set_width (pl, (int) floor (max_w * PANGO_SCALE));
      pango_layout_set_ellipsize (pl, PANGO_ELLIPSIZE_END);
      if (max_lines > 1)
        {
          pango_layout_set_single_paragraph_mode (pl, FALSE);
          pango_layout_set_wrap (pl, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_height (pl, -max_lines);
          pango_layout_set_alignment (pl, align >= 0.5 ? (align > 0.5 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_CENTER)
                                                       : PANGO_ALIGN_LEFT);
        }
    }
  pango_layout_get_pixel_extents (pl, NULL, &logical);

  prim = add_prim (b, RD_PRIM_TEXT, ink);
  prim->role = role;
  prim->text = g_strdup (text);
  prim->pango = pl;
  prim->w = logical.width;
  prim->h = logical.height;
  prim->x = x - align * prim->w;
  prim->y = y;
  /* The painted box starts at logical.x inside the layout (non-zero when a
   * wrapped paragraph is centred in its width), so paint from further left. */
  prim->x2 = prim->x - logical.x;
  prim->y2 = prim->y - logical.y;
  return prim;
}

RdChartPrim *
rd_chart_add_text (RdChartBuilder *b,
                   RdChartInk      ink,
                   RdTextRole      role,
                   const char     *text,
                   double          x,
                   double          y,
                   double          max_w,
                   double          align)
{
  return rd_chart_add_paragraph (b, ink, role, text, x, y, max_w, 1, align);
}

RdChartHit *
rd_chart_add_hit (RdChartBuilder *b,
                  double          x,
                  double          y,
                  double          w,
                  double          h,
                  const char     *metric_id,
                  const char     *bucket,
                  const char     *label)
{
  RdChartHit hit = { 0 };

  hit.x = w < 0 ? x + w : x;
  hit.y = h < 0 ? y + h : y;
  hit.w = fabs (w);
  hit.h = fabs (h);
  hit.metric_id = g_strdup (metric_id);
  hit.bucket = g_strdup (bucket);
  hit.label = g_strdup (label ? label : "");
  hit.series_index = -1;
  g_array_append_val (b->layout->hits, hit);
  return &g_array_index (b->layout->hits, RdChartHit, b->layout->hits->len - 1);
}

RdRect
rd_chart_add_frame_text (RdChartBuilder     *b,
                         const RdChartFrame *frame)
{
  RdChartLayout *layout = b->layout;
  /* Small charts (tiles, thumbnails) get smaller margins. */
  double m = MIN (RD_CHART_MARGIN, MIN (layout->width, layout->height) / 16);
  RdRect area = { m, m, MAX (layout->width - 2 * m, 0), MAX (layout->height - 2 * m, 0) };

  g_free (layout->title);
  layout->title = g_strdup (frame->title);

  if (frame->title && *frame->title)
    {
      double h = rd_chart_line_height (b, RD_TEXT_TITLE);

      rd_chart_add_text (b, RD_INK_TEXT, RD_TEXT_TITLE, frame->title, area.x, area.y, area.w, 0);
      area.y += h + RD_CHART_GAP;
      area.h -= h + RD_CHART_GAP;
    }
  if (frame->footer && *frame->footer)
    {
      double h = rd_chart_line_height (b, RD_TEXT_SMALL);

      rd_chart_add_text (b, RD_INK_TEXT_SECONDARY, RD_TEXT_SMALL, frame->footer,
                         area.x, area.y + area.h - h, area.w, 0);
      area.h -= h + RD_CHART_GAP;
    }
  area.h = MAX (area.h, 0);
  return area;
}

void
rd_chart_add_empty (RdChartBuilder *b,
                    RdRect          area,
                    const char     *reason)
{
  const char *text = reason && *reason ? reason : _("No data to show");
  double lh = rd_chart_line_height (b, RD_TEXT_BODY);
  int lines = CLAMP ((int) (area.h / lh), 1, 3);

  g_free (b->layout->empty_reason);
  b->layout->empty_reason = g_strdup (text);
  /* A dashed baseline says "the chart is here, with nothing on it". */
  if (area.h > 2 * lh + RD_CHART_GAP)
    rd_chart_add_line (b, RD_INK_GRID, area.x, area.y + area.h - 0.5, area.x + area.w,
                       area.y + area.h - 0.5, 1, TRUE);
  rd_chart_add_paragraph (b, RD_INK_TEXT_SECONDARY, RD_TEXT_BODY, text, area.x + area.w / 2,
                          area.y + MAX ((area.h - lines * lh) / 2, 0), area.w, lines, 0.5);
}

void
rd_chart_axis_init (RdAxis *axis,
                    double  lo,
                    double  hi,
                    guint   max_ticks,
                    double  p_lo,
                    double  p_hi)
{
  axis->n_ticks = rd_chart_nice_ticks (lo, hi, MAX (max_ticks, 1), axis->ticks);
  axis->lo = axis->ticks[0];
  axis->hi = axis->ticks[axis->n_ticks - 1];
  axis->p_lo = p_lo;
  axis->p_hi = p_hi;
}

double
rd_chart_axis_px (const RdAxis *axis,
                  double        value)
{
  if (axis->hi == axis->lo || !isfinite (value))
    return axis->p_lo;
  return axis->p_lo + (value - axis->lo) / (axis->hi - axis->lo) * (axis->p_hi - axis->p_lo);
}

/* The widest short label of @n values found @stride bytes apart, in @role. */
static double
widest_value_in (RdChartBuilder *b,
                 const double   *values,
                 guint           n,
                 gsize           stride,
                 RdUnit          unit,
                 const char     *currency,
                 RdTextRole      role)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_full (n, g_free);

  for (guint i = 0; i < n; i++)
    {
      double v = *(const double *) ((const char *) values + i * stride);

      g_ptr_array_add (texts, rd_chart_format_value (v, unit, currency, TRUE));
    }
  return rd_chart_widest_label (b, (const char * const *) texts->pdata, n, sizeof (char *), role);
}

double
rd_chart_axis_label_width (RdChartBuilder *b,
                           const RdAxis   *axis,
                           RdUnit          unit,
                           const char     *currency)
{
  return widest_value_in (b, axis->ticks, axis->n_ticks, sizeof (double), unit, currency, RD_TEXT_SMALL);
}

void
rd_chart_axis_draw (RdChartBuilder *b,
                    const RdAxis   *axis,
                    RdRect          plot,
                    gboolean        vertical,
                    RdUnit          unit,
                    const char     *currency)
{
  double lh = rd_chart_line_height (b, RD_TEXT_SMALL);
  double last_edge = -G_MAXDOUBLE;

  for (guint i = 0; i < axis->n_ticks; i++)
    {
      double t = axis->ticks[i];
      double p = rd_chart_axis_px (axis, t);
      g_autofree char *text = rd_chart_format_value (t, unit, currency, TRUE);
      RdChartInk ink = t == 0 ? RD_INK_AXIS : RD_INK_GRID;
      double w;

      rd_chart_measure_text (b, text, RD_TEXT_SMALL, &w, NULL);
      if (vertical)
        {
          double top = p - lh / 2;

          rd_chart_add_line (b, ink, plot.x, p, plot.x + plot.w, p, 1, FALSE);
          /* Ticks go up: skip a label that would touch the one below it. */
          if (i > 0 && top + lh > last_edge - 2)
            continue;
          rd_chart_add_text (b, RD_INK_TEXT_SECONDARY, RD_TEXT_SMALL, text, plot.x - RD_CHART_GAP, top, 0, 1);
          last_edge = top;
        }
      else
        {
          double left = CLAMP (p - w / 2, 0, b->layout->width - w);

          rd_chart_add_line (b, ink, p, plot.y, p, plot.y + plot.h, 1, FALSE);
          if (left < last_edge + RD_CHART_GAP)
            continue;
          rd_chart_add_text (b, RD_INK_TEXT_SECONDARY, RD_TEXT_SMALL, text, left, plot.y + plot.h + RD_CHART_GAP / 2,
                             0, 0);
          last_edge = left + w;
        }
    }
}

/* The plot rect and axis of a vertical plot with @extra px more below for
 * its band labels; draws the axis when @draw. */
static RdRect
vertical_plot (RdChartBuilder *b,
               RdRect          area,
               double          lo,
               double          hi,
               RdUnit          unit,
               const char     *currency,
               double          extra,
               gboolean        draw,
               RdAxis         *axis)
{
  double lh = rd_chart_line_height (b, RD_TEXT_BODY);
  double lhs = rd_chart_line_height (b, RD_TEXT_SMALL);
  double axis_w;
  RdRect plot;

  plot.y = area.y + lh + 2;
  /* Below: the band labels, clear of the lowest tick label. */
  plot.h = MAX (area.h - (lh + 2) - (lh + lhs / 2 + 2) - extra, 1);
  rd_chart_axis_init (axis, lo, hi, MAX ((guint) (plot.h / (lhs * 4)), 1), plot.y + plot.h, plot.y);
  axis_w = rd_chart_axis_label_width (b, axis, unit, currency);
  plot.x = area.x + axis_w + RD_CHART_GAP;
  plot.w = MAX (area.w - axis_w - RD_CHART_GAP, 1);
  if (draw)
    rd_chart_axis_draw (b, axis, plot, TRUE, unit, currency);
  return plot;
}

RdRect
rd_chart_vertical_plot (RdChartBuilder *b,
                        RdRect          area,
                        double          lo,
                        double          hi,
                        RdUnit          unit,
                        const char     *currency,
                        RdAxis         *axis)
{
  return vertical_plot (b, area, lo, hi, unit, currency, 0, TRUE, axis);
}

/* Whether @text wraps at word ends into two lines of at most @max_w. */
static gboolean
wraps_in_two (RdChartBuilder *b,
              const char     *text,
              double          max_w)
{
  g_autoptr(PangoLayout) pl = make_pango (b, text, RD_TEXT_BODY);
  PangoRectangle logical;

  pango_layout_set_single_paragraph_mode (pl, FALSE);
  pango_layout_set_width (pl, (int) floor (max_w * PANGO_SCALE));
  pango_layout_set_wrap (pl, PANGO_WRAP_WORD);
  pango_layout_get_pixel_extents (pl, NULL, &logical);
  return pango_layout_get_line_count (pl) <= 2 && logical.width <= max_w;
}

RdBandMode
rd_chart_band_mode (RdChartBuilder     *b,
                    const char * const *first,
                    guint               n,
                    gsize               stride,
                    double              band)
{
  double max_w = band - RD_CHART_GAP;

  if (rd_chart_widest_label (b, first, n, stride, RD_TEXT_BODY) <= max_w)
    return RD_BAND_ONE_LINE;
  for (guint i = 0; i < n; i++)
    {
      const char *text = *(const char * const *) ((const char *) first + i * stride);

      if (n < 2)
        return RD_BAND_ONE_LINE;
      if (!wraps_in_two (b, text, max_w))
        {
          if (rd_chart_widest_label (b, first, n, stride, RD_TEXT_BODY) <= 2 * band - 4)
            return RD_BAND_STAGGER;
          if (rd_chart_widest_label (b, first, n, stride, RD_TEXT_SMALL) <= 2 * band - 4)
            return RD_BAND_STAGGER_SMALL;
          return RD_BAND_SKIP;
        }
    }
  return RD_BAND_WRAP;
}

RdRect
rd_chart_vertical_plot_for (RdChartBuilder     *b,
                            RdRect              area,
                            double              lo,
                            double              hi,
                            RdUnit              unit,
                            const char         *currency,
                            const char * const *labels,
                            guint               n,
                            gsize               stride,
                            gboolean            may_skip,
                            RdBandMode         *mode,
                            RdAxis             *axis)
{
  double lh = rd_chart_line_height (b, RD_TEXT_BODY);
  RdRect plot;

  /* The bands of the plot that leaves room for two lines are at most as
   * wide as those of the final plot: decide on those, to be safe. */
  plot = vertical_plot (b, area, lo, hi, unit, currency, lh, FALSE, axis);
  *mode = rd_chart_band_mode (b, labels, n, stride, plot.w / MAX (n, 1));
  if (*mode == RD_BAND_SKIP && !may_skip)
    *mode = RD_BAND_STAGGER_SMALL;
  return vertical_plot (b, area, lo, hi, unit, currency,
                        *mode == RD_BAND_ONE_LINE || *mode == RD_BAND_SKIP ? 0 : lh, TRUE, axis);
}

void
rd_chart_add_band_label_mode (RdChartBuilder *b,
                              RdRect          plot,
                              guint           n,
                              guint           i,
                              const char     *text,
                              RdBandMode      mode)
{
  double lh = rd_chart_line_height (b, RD_TEXT_BODY);
  double lhs = rd_chart_line_height (b, RD_TEXT_SMALL);
  double band = plot.w / MAX (n, 1);
  double cx = plot.x + (i + 0.5) * band;
  double edge = MIN (RD_CHART_MARGIN, b->layout->width / 16) / 2;
  double room = 2 * MIN (cx - edge, b->layout->width - edge - cx);
  double y = plot.y + plot.h + lhs / 2 + 2;

  switch (mode)
    {
    case RD_BAND_WRAP:
      rd_chart_add_paragraph (b, RD_INK_TEXT, RD_TEXT_BODY, text, cx, y, MIN (band - RD_CHART_GAP, room), 2, 0.5);
      break;
    case RD_BAND_STAGGER:
    case RD_BAND_STAGGER_SMALL:
      {
        RdTextRole role = mode == RD_BAND_STAGGER ? RD_TEXT_BODY : RD_TEXT_SMALL;
        /* Each label keeps clear of the next one on its row, two bands
         * away; the first and last may lean inwards rather than past the
         * chart's edge. */
        double left = i >= 2 ? cx - band + 2 : edge;
        double right = i + 2 < n ? cx + band - 2 : b->layout->width - edge;
        double w;

        /* Odd bands one row down, so each label has two bands of width; a
         * tick from the band to the lower row ties it to its bar. */
        if (i % 2 == 1)
          {
            rd_chart_add_line (b, RD_INK_GRID, cx, y, cx, y + lh, 1, FALSE);
            y += lh;
          }
        rd_chart_measure_text (b, text, role, &w, NULL);
        w = MIN (w, right - left);
        rd_chart_add_text (b, RD_INK_TEXT, role, text, CLAMP (cx - w / 2, left, right - w),
                           y + (role == RD_TEXT_BODY ? 0 : (lh - lhs) / 2), right - left, 0);
      }
      break;
    case RD_BAND_ONE_LINE:
    case RD_BAND_SKIP:
    default:
      rd_chart_add_text (b, RD_INK_TEXT, RD_TEXT_BODY, text, cx, y, MIN (band - RD_CHART_GAP, room), 0.5);
      break;
    }
}

void
rd_chart_add_band_label (RdChartBuilder *b,
                         RdRect          plot,
                         guint           n,
                         guint           i,
                         const char     *text,
                         double          widest)
{
  double lhs = rd_chart_line_height (b, RD_TEXT_SMALL);
  double band = plot.w / MAX (n, 1);
  guint every = (guint) MAX (ceil ((widest + RD_CHART_GAP) / MAX (band, 1)), 1);
  double cx = plot.x + (i + 0.5) * band;
  /* Centred under the band; it may reach under the axis labels on the left
   * (it sits below the lowest one) but not past the chart's margins. */
  double edge = MIN (RD_CHART_MARGIN, b->layout->width / 16) / 2;
  double max_w = MIN (band * every - RD_CHART_GAP, 2 * MIN (cx - edge, b->layout->width - edge - cx));

  if (i % every != 0)
    return;
  rd_chart_add_text (b, RD_INK_TEXT, RD_TEXT_BODY, text, cx, plot.y + plot.h + lhs / 2 + 2, max_w, 0.5);
}

double
rd_chart_widest_label (RdChartBuilder     *b,
                       const char * const *first,
                       guint               n,
                       gsize               stride,
                       RdTextRole          role)
{
  double widest = 0;

  for (guint i = 0; i < n; i++)
    {
      const char *text = *(const char * const *) ((const char *) first + i * stride);
      double w;

      rd_chart_measure_text (b, text, role, &w, NULL);
      widest = MAX (widest, w);
    }
  return widest;
}

/* The key line for a target: a dashed sample and "Target: $1.2M". Returns
 * the height used. */
double
rd_chart_add_target_key (RdChartBuilder *b,
                         RdRect          area,
                         const char     *name,
                         double          target,
                         RdUnit          unit,
                         const char     *currency)
{
  g_autofree char *value = rd_chart_format_value (target, unit, currency, TRUE);
  /* Translators: the key of a target line, e.g. "Target: $1.2M". */
  g_autofree char *text = g_strdup_printf (_("%s: %s"), name, value);

  return rd_chart_add_line_key (b, area, text);
}

double
rd_chart_add_line_key (RdChartBuilder *b,
                       RdRect          area,
                       const char     *text)
{
  double lh = rd_chart_line_height (b, RD_TEXT_SMALL);

  rd_chart_add_line (b, RD_INK_TARGET, area.x, area.y + lh / 2, area.x + 16, area.y + lh / 2, 1.5, TRUE);
  rd_chart_add_text (b, RD_INK_TEXT_SECONDARY, RD_TEXT_SMALL, text, area.x + 22, area.y, area.w - 22, 0);
  return lh + RD_CHART_GAP;
}

double
rd_chart_widest_value (RdChartBuilder *b,
                       const double   *values,
                       guint           n,
                       gsize           stride,
                       RdUnit          unit,
                       const char     *currency)
{
  return widest_value_in (b, values, n, stride, unit, currency, RD_TEXT_BODY);
}

gboolean
rd_chart_vertical_fits (RdChartBuilder *b,
                        RdRect          area)
{
  double lh = rd_chart_line_height (b, RD_TEXT_BODY);
  double lhs = rd_chart_line_height (b, RD_TEXT_SMALL);

  if (area.h - (lh + 2) - (lh + lhs / 2 + 2) >= 2 * lhs)
    return TRUE;
  /* Saying so beats drawing labels over each other. */
  rd_chart_add_empty (b, area, _("Not enough room to draw this chart"));
  return FALSE;
}
