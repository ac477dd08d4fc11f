/* rd-bar-chart.c — horizontal and vertical bars
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Horizontal bars carry their value as a direct label at the end of the
 * bar, so they need no value axis (less ink, nothing to read across).
 * Vertical bars have a value axis with nice ticks and light gridlines; their
 * direct labels are dropped when the bars get narrower than the numbers.
 * A target is a dashed line, named once in a key above the plot.
 * When there are more bars than rows of text fit, the first ones are drawn
 * and a last line says how many were left out (never squashed text).
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rd-chart-private.h"

static char *
item_sentence (const RdBarData *data,
               const RdBarItem *item)
{
  g_autofree char *value = rd_chart_format_value (item->value, data->unit, data->currency, FALSE);

  if (!rd_chart_value_defined (item->value))
    /* Translators: a chart item whose value is undefined, e.g. "Proposal: not defined". */
    return item->note ? g_strdup_printf (_("%s: not defined (%s)"), item->label, item->note)
                      : g_strdup_printf (_("%s: not defined"), item->label);
  if (item->note)
    /* Translators: a chart item with its value and a note, e.g. "Proposal: $1,200,000, 42 deals". */
    return g_strdup_printf (_("%s: %s, %s"), item->label, value, item->note);
  /* Translators: a chart item with its value, e.g. "Proposal: $1,200,000". */
  return g_strdup_printf (_("%s: %s"), item->label, value);
}

static RdChartInk
item_ink (const RdBarData *data,
          const RdBarItem *item)
{
  gboolean any_highlight = FALSE;

  for (guint i = 0; i < data->n_items; i++)
    any_highlight |= data->items[i].highlight;
  return !any_highlight || item->highlight ? RD_INK_BLUE : RD_INK_NEUTRAL;
}

static void
value_range (const RdBarData *data,
             double          *lo,
             double          *hi)
{
  *lo = 0;
  *hi = 0;
  for (guint i = 0; i < data->n_items; i++)
    if (rd_chart_value_defined (data->items[i].value))
      {
        *lo = MIN (*lo, data->items[i].value);
        *hi = MAX (*hi, data->items[i].value);
      }
  if (data->has_target && rd_chart_value_defined (data->target))
    {
      *lo = MIN (*lo, data->target);
      *hi = MAX (*hi, data->target);
    }
}

/* A row's label, centred on @cy: on one line when it fits @max_w, else on
 * two when the row is tall enough for them, and only then ellipsised. */
static void
add_row_label (RdChartBuilder *b,
               const char     *label,
               double          x,
               double          cy,
               double          max_w,
               double          row_h)
{
  double lh = rd_chart_line_height (b, RD_TEXT_BODY);
  double w;
  RdChartPrim *prim;

  rd_chart_measure_text (b, label, RD_TEXT_BODY, &w, NULL);
  if (w <= max_w || row_h < 2 * lh + 2)
    {
      rd_chart_add_text (b, RD_INK_TEXT, RD_TEXT_BODY, label, x, cy - lh / 2, max_w, 0);
      return;
    }

  prim = rd_chart_add_paragraph (b, RD_INK_TEXT, RD_TEXT_BODY, label, x, cy - lh, max_w, 2, 0);
  if (prim != NULL)
    {
      double shift = (cy - prim->h / 2) - prim->y;

      prim->y += shift;
      prim->y2 += shift;
    }
}

static void
layout_horizontal (RdChartBuilder  *b,
                   const RdBarData *data,
                   RdRect           area)
{
  double lh = rd_chart_line_height (b, RD_TEXT_BODY);
  double label_w = 0, value_w = 0, lo, hi, row_h, bar_h, tx;
  guint n_shown = data->n_items, n_rows;
  gboolean negative;
  RdRect plot;
  RdAxis axis;

  value_range (data, &lo, &hi);
  negative = lo < 0;

  for (guint i = 0; i < data->n_items; i++)
    {
      g_autofree char *v = rd_chart_format_value (data->items[i].value, data->unit, data->currency, TRUE);
      double w;

      rd_chart_measure_text (b, data->items[i].label, RD_TEXT_BODY, &w, NULL);
      label_w = MAX (label_w, w);
      rd_chart_measure_text (b, v, RD_TEXT_BODY, &w, NULL);
      value_w = MAX (value_w, w);
    }
  label_w = MIN (label_w, area.w * 0.3);

  if (data->has_target && rd_chart_value_defined (data->target))
    {
      double used = rd_chart_add_target_key (b, area, data->target_label ? data->target_label : _("Target"),
                                    data->target, data->unit, data->currency);
      area.y += used;
      area.h -= used;
    }

  /* Rows of at least one line of text and a little air. */
  n_rows = MAX ((guint) floor (area.h / (lh + 4)), 1);
  if (n_rows < data->n_items)
    n_shown = n_rows > 1 ? n_rows - 1 : 0;
  if (n_shown == 0)
    {
      /* Not one bar beside the line counting the others: say so (large
       * type in a small card) rather than show a count of nothing. */
      rd_chart_add_empty (b, area, _("Not enough room to draw this chart"));
      return;
    }
  row_h = area.h / MAX (n_shown + (n_shown < data->n_items ? 1 : 0), 1);
  bar_h = MIN (MAX (row_h * 0.68, lh), 32);
  bar_h = MIN (bar_h, row_h);

  plot.x = area.x + label_w + RD_CHART_GAP * 1.5 + (negative ? value_w + RD_CHART_GAP : 0);
  plot.w = MAX (area.x + area.w - value_w - RD_CHART_GAP - plot.x, 1);
  plot.y = area.y;
  plot.h = row_h * n_shown;

  axis.n_ticks = 0;
  rd_chart_axis_init (&axis, lo, hi, 4, plot.x, plot.x + plot.w);
  /* Bars fill the plot: the axis ends at the data, not the next nice tick. */
  axis.lo = lo;
  axis.hi = hi > lo ? hi : lo + 1;
  tx = data->has_target ? rd_chart_axis_px (&axis, data->target) : 0;

  for (guint i = 0; i < n_shown; i++)
    {
      const RdBarItem *item = &data->items[i];
      double y = plot.y + i * row_h;
      double cy = y + row_h / 2;
      double x0 = rd_chart_axis_px (&axis, 0);
      g_autofree char *v = rd_chart_format_value (item->value, data->unit, data->currency, TRUE);
      g_autofree char *sentence = item_sentence (data, item);
      RdChartHit *hit;
      double x1 = x0;

      add_row_label (b, item->label, area.x, cy, label_w, row_h);
      if (rd_chart_value_defined (item->value))
        {
          x1 = rd_chart_axis_px (&axis, item->value);
          rd_chart_add_rect (b, item_ink (data, item), x0, cy - bar_h / 2, x1 - x0, bar_h);
        }
      if (x1 >= x0)
        {
          double vx = x1 + RD_CHART_GAP / 2, vw;

          /* A label that would sit across the target line goes past it. */
          rd_chart_measure_text (b, v, RD_TEXT_BODY, &vw, NULL);
          if (data->has_target && rd_chart_value_defined (data->target) && vx < tx + 3 && vx + vw > tx - 3)
            vx = tx + RD_CHART_GAP / 2;
          rd_chart_add_text (b, RD_INK_TEXT, RD_TEXT_BODY, v, vx, cy - lh / 2, 0, 0);
        }
      else
        rd_chart_add_text (b, RD_INK_TEXT, RD_TEXT_BODY, v, x1 - RD_CHART_GAP / 2, cy - lh / 2, 0, 1);

      hit = rd_chart_add_hit (b, area.x, y, area.w, row_h, item->metric_id, item->bucket, sentence);
      hit->item = i;
    }

  if (negative || lo == 0)
    rd_chart_add_line (b, RD_INK_AXIS, rd_chart_axis_px (&axis, 0), plot.y, rd_chart_axis_px (&axis, 0),
                       plot.y + plot.h, 1, FALSE);

  if (data->has_target && rd_chart_value_defined (data->target))
    rd_chart_add_line (b, RD_INK_TARGET, tx, plot.y, tx, plot.y + plot.h, 1.5, TRUE);

  if (n_shown < data->n_items)
    {
      guint rest = data->n_items - n_shown;
      g_autofree char *more = g_strdup_printf (ngettext ("%u more not shown", "%u more not shown", rest), rest);

      rd_chart_add_text (b, RD_INK_TEXT_SECONDARY, RD_TEXT_BODY, more, area.x,
                         plot.y + plot.h + (row_h - lh) / 2, area.w, 0);
    }
}

static void
layout_vertical (RdChartBuilder  *b,
                 const RdBarData *data,
                 RdRect           area)
{
  double lh = rd_chart_line_height (b, RD_TEXT_BODY);
  double lo, hi, band, bar_w, value_w;
  gboolean value_labels;
  RdBandMode mode;
  RdRect plot;
  RdAxis axis;

  value_range (data, &lo, &hi);

  if (data->has_target && rd_chart_value_defined (data->target))
    {
      double used = rd_chart_add_target_key (b, area, data->target_label ? data->target_label : _("Target"),
                                    data->target, data->unit, data->currency);
      area.y += used;
      area.h -= used;
    }

  plot = rd_chart_vertical_plot_for (b, area, lo, hi, data->unit, data->currency, &data->items[0].label,
                                     data->n_items, sizeof (RdBarItem), FALSE, &mode, &axis);
  band = plot.w / data->n_items;
  bar_w = MIN (band * 0.7, 56);

  value_w = rd_chart_widest_value (b, &data->items[0].value, data->n_items, sizeof (RdBarItem), data->unit,
                                   data->currency);
  value_labels = value_w <= band - 4;

  for (guint i = 0; i < data->n_items; i++)
    {
      const RdBarItem *item = &data->items[i];
      double cx = plot.x + (i + 0.5) * band;
      double y0 = rd_chart_axis_px (&axis, 0);
      double y1 = y0;
      g_autofree char *sentence = item_sentence (data, item);
      RdChartHit *hit;

      if (rd_chart_value_defined (item->value))
        {
          y1 = rd_chart_axis_px (&axis, item->value);
          rd_chart_add_rect (b, item_ink (data, item), cx - bar_w / 2, y0, bar_w, y1 - y0);
        }
      if (value_labels)
        {
          g_autofree char *v = rd_chart_format_value (item->value, data->unit, data->currency, TRUE);

          rd_chart_add_text (b, RD_INK_TEXT, RD_TEXT_BODY, v, cx, MIN (y0, y1) - lh - 2, 0, 0.5);
        }
      rd_chart_add_band_label_mode (b, plot, data->n_items, i, item->label, mode);

      hit = rd_chart_add_hit (b, plot.x + i * band, plot.y, band, plot.h, item->metric_id, item->bucket,
                              sentence);
      hit->item = i;
    }

  if (data->has_target && rd_chart_value_defined (data->target))
    {
      double ty = rd_chart_axis_px (&axis, data->target);

      /* Drawn last, with gaps where a value label sits on it. */
      rd_chart_add_hline_around_text (b, RD_INK_TARGET, plot.x, plot.x + plot.w, ty, 1.5, TRUE);
    }
}

RdChartLayout *
rd_bar_chart_layout (const RdBarData    *data,
                     double              width,
                     double              height,
                     const RdChartTheme *theme,
                     PangoContext       *pango)
{
  RdChartBuilder b;
  RdRect area;
  gboolean any = FALSE;

  g_return_val_if_fail (data != NULL && theme != NULL, NULL);

  rd_chart_builder_init (&b, width, height, theme, pango);
  area = rd_chart_add_frame_text (&b, &data->frame);

  for (guint i = 0; i < data->n_items; i++)
    any |= rd_chart_value_defined (data->items[i].value);

  if (!any)
    rd_chart_add_empty (&b, area, data->frame.empty_reason);
  /* Columns need a plot of three lines between their value and category
   * labels; a shorter chart gets rows, which need only a line each. */
  else if (data->vertical
           && area.h - 2 * rd_chart_line_height (&b, RD_TEXT_BODY) - rd_chart_line_height (&b, RD_TEXT_SMALL)
              >= 4 * rd_chart_line_height (&b, RD_TEXT_BODY))
    layout_vertical (&b, data, area);
  else
    layout_horizontal (&b, data, area);

  return rd_chart_builder_finish (&b);
}
