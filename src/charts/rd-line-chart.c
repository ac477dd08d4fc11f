/* rd-line-chart.c — series over periods, and sparklines
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Several series share one value axis; each is named by a direct label at
 * its last point (no legend to look up), labels pushed apart when their
 * lines end close together. A missing value breaks the line rather than
 * being drawn as zero. The value axis starts at zero only when the data
 * sits near it: retention rates around 100% keep their detail.
 * The sparkline variant has no axes or text at all; it is scaled to its
 * own range, with the latest point marked.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "rd-chart-private.h"

static RdChartInk
series_ink (const RdLineSeries *series,
            guint               index)
{
  return series->ink != RD_INK_BACKGROUND ? series->ink : rd_chart_series_ink (index);
}

/* Adds the runs of defined points as polylines; @px maps a point index to
 * its position. */
static void
add_runs (RdChartBuilder *b,
          const double   *values,
          guint           n,
          RdChartInk      ink,
          double          line_width,
          double          x0,
          double          dx,
          const RdAxis   *axis)
{
  guint start = 0;

  while (start < n)
    {
      guint end = start;
      double *points;

      while (start < n && !rd_chart_value_defined (values[start]))
        start++;
      end = start;
      while (end < n && rd_chart_value_defined (values[end]))
        end++;
      if (end - start >= 2)
        {
          points = g_new (double, 2 * (end - start));
          for (guint i = start; i < end; i++)
            {
              points[2 * (i - start)] = x0 + i * dx;
              points[2 * (i - start) + 1] = rd_chart_axis_px (axis, values[i]);
            }
          rd_chart_add_polyline (b, ink, points, end - start, line_width);
        }
      else if (end - start == 1)
        rd_chart_add_dot (b, ink, x0 + start * dx, rd_chart_axis_px (axis, values[start]), line_width + 1, FALSE);
      start = end;
    }
}

void
rd_chart_add_sparkline (RdChartBuilder *b,
                        RdRect          box,
                        const double   *values,
                        guint           n,
                        RdChartInk      ink)
{
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, r = 2.5;
  int last = -1;
  RdAxis axis;

  for (guint i = 0; i < n; i++)
    if (rd_chart_value_defined (values[i]))
      {
        lo = MIN (lo, values[i]);
        hi = MAX (hi, values[i]);
        last = (int) i;
      }
  if (last < 0 || n < 1 || box.w <= 2 * r || box.h <= 2 * r)
    return;
  if (hi - lo < 1e-12)
    {
      /* A flat line sits in the middle. */
      lo -= 1;
      hi += 1;
    }
  axis.lo = lo;
  axis.hi = hi;
  axis.n_ticks = 0;
  axis.p_lo = box.y + box.h - r;
  axis.p_hi = box.y + r;

  add_runs (b, values, n, ink, 1.5, box.x + r, n > 1 ? (box.w - 2 * r) / (n - 1) : 0, &axis);
  rd_chart_add_dot (b, ink, box.x + r + (n > 1 ? (box.w - 2 * r) / (n - 1) * last : 0),
                    rd_chart_axis_px (&axis, values[last]), r, FALSE);
}

typedef struct
{
  guint  series;
  double y;         /* wanted top of the label */
} EndLabel;

static int
compare_end_labels (const void *a,
                    const void *b)
{
  const EndLabel *la = a, *lb = b;

  return la->y < lb->y ? -1 : la->y > lb->y;
}

static char *
point_sentence (const RdLineData *data,
                guint             s,
                guint             i)
{
  g_autofree char *value = rd_chart_format_value (data->series[s].values[i], data->unit, data->currency, FALSE);

  /* Translators: one point of a line chart, e.g. "NRR, Q3 2026: 104.0%". */
  return g_strdup_printf (_("%s, %s: %s"), data->series[s].label, data->periods[i], value);
}

static RdChartLayout *
layout_sparkline (RdChartBuilder   *b,
                  const RdLineData *data)
{
  RdRect box = { 2, 2, MAX (b->layout->width - 4, 0), MAX (b->layout->height - 4, 0) };

  b->layout->title = g_strdup (data->frame.title);
  for (guint s = 0; s < data->n_series; s++)
    rd_chart_add_sparkline (b, box, data->series[s].values, data->n_periods, series_ink (&data->series[s], s));
  for (guint i = 0; i < data->n_periods; i++)
    for (guint s = 0; s < data->n_series; s++)
      {
        double dx = box.w / MAX (data->n_periods, 1);
        g_autofree char *sentence = point_sentence (data, s, i);
        RdChartHit *hit = rd_chart_add_hit (b, box.x + i * dx, box.y, dx, box.h, data->series[s].metric_id,
                                            data->periods[i], sentence);

        hit->item = i;
        hit->series = g_strdup (data->series[s].label);
        hit->series_index = (int) s;
      }
  return rd_chart_builder_finish (b);
}

RdChartLayout *
rd_line_chart_layout (const RdLineData   *data,
                      double              width,
                      double              height,
                      const RdChartTheme *theme,
                      PangoContext       *pango)
{
  RdChartBuilder b;
  RdRect area, plot;
  RdAxis axis;
  RdBandMode mode;
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, band, label_w = 0, period_w, lhs;
  g_autofree EndLabel *ends = NULL;
  guint n_ends = 0;

  g_return_val_if_fail (data != NULL && theme != NULL, NULL);

  rd_chart_builder_init (&b, width, height, theme, pango);
  for (guint s = 0; s < data->n_series; s++)
    for (guint i = 0; i < data->n_periods; i++)
      if (rd_chart_value_defined (data->series[s].values[i]))
        {
          lo = MIN (lo, data->series[s].values[i]);
          hi = MAX (hi, data->series[s].values[i]);
        }

  if (data->sparkline)
    return layout_sparkline (&b, data);

  area = rd_chart_add_frame_text (&b, &data->frame);
  if (lo > hi)
    {
      rd_chart_add_empty (&b, area, data->frame.empty_reason);
      return rd_chart_builder_finish (&b);
    }
  if (data->has_target && rd_chart_value_defined (data->target))
    {
      double used = rd_chart_add_target_key (&b, area, data->target_label ? data->target_label : _("Target"),
                                             data->target, data->unit, data->currency);

      lo = MIN (lo, data->target);
      hi = MAX (hi, data->target);
      area.y += used;
      area.h -= used;
    }
  /* Anchor at zero when the data sits near it anyway. */
  if (lo > 0 && lo < (hi - lo) * 0.5)
    lo = 0;

  lhs = rd_chart_line_height (&b, RD_TEXT_SMALL);
  if (data->n_series > 1)
    label_w = rd_chart_widest_label (&b, &data->series[0].label, data->n_series, sizeof (RdLineSeries), RD_TEXT_SMALL);
  label_w = MIN (label_w, area.w * 0.25);
  if (label_w > 0)
    area.w -= label_w + RD_CHART_GAP;

  if (!rd_chart_vertical_fits (&b, area))
    return rd_chart_builder_finish (&b);
  /* Periods are all named when they fit some way; a long time axis
   * names every k-th. */
  plot = rd_chart_vertical_plot_for (&b, area, lo, hi, data->unit, data->currency,
                                     (const char * const *) data->periods, data->n_periods, sizeof (char *), TRUE,
                                     &mode, &axis);
  band = plot.w / MAX (data->n_periods, 1);

  if (data->has_target && rd_chart_value_defined (data->target))
    {
      double ty = rd_chart_axis_px (&axis, data->target);

      rd_chart_add_line (&b, RD_INK_TARGET, plot.x, ty, plot.x + plot.w, ty, 1.5, TRUE);
    }

  ends = g_new0 (EndLabel, MAX (data->n_series, 1));
  for (guint s = 0; s < data->n_series; s++)
    {
      const RdLineSeries *series = &data->series[s];
      RdChartInk ink = series_ink (series, s);

      add_runs (&b, series->values, data->n_periods, ink, 2, plot.x + band / 2, band, &axis);
      /* Point markers only while points are far apart; dense lines read
       * better bare. */
      if (band >= 24)
        for (guint i = 0; i < data->n_periods; i++)
          if (rd_chart_value_defined (series->values[i]))
            rd_chart_add_dot (&b, ink, plot.x + (i + 0.5) * band, rd_chart_axis_px (&axis, series->values[i]), 3,
                              FALSE);
      for (guint i = data->n_periods; i > 0; i--)
        if (rd_chart_value_defined (series->values[i - 1]) && label_w > 0)
          {
            ends[n_ends].series = s;
            ends[n_ends].y = rd_chart_axis_px (&axis, series->values[i - 1]) - lhs / 2;
            n_ends++;
            break;
          }
    }

  /* Direct labels at the right, pushed apart downwards then back up so
   * none leaves the plot. */
  qsort (ends, n_ends, sizeof (EndLabel), compare_end_labels);
  /* No more labels than lines of text fit beside the plot. */
  n_ends = MIN (n_ends, (guint) ((plot.h + lhs) / lhs));
  for (guint k = 0; k < n_ends; k++)
    {
      ends[k].y = MAX (ends[k].y, plot.y - lhs / 2);
      if (k > 0)
        ends[k].y = MAX (ends[k].y, ends[k - 1].y + lhs);
    }
  for (guint k = n_ends; k > 0; k--)
    {
      double limit = k == n_ends ? plot.y + plot.h - lhs / 2 : ends[k].y - lhs;

      ends[k - 1].y = MIN (ends[k - 1].y, limit);
    }
  for (guint k = 0; k < n_ends; k++)
    rd_chart_add_text (&b, series_ink (&data->series[ends[k].series], ends[k].series), RD_TEXT_SMALL,
                       data->series[ends[k].series].label, plot.x + plot.w + RD_CHART_GAP, ends[k].y, label_w, 0);

  period_w = rd_chart_widest_label (&b, (const char * const *) data->periods, data->n_periods, sizeof (char *),
                                    RD_TEXT_BODY);
  for (guint i = 0; i < data->n_periods; i++)
    {
      if (mode == RD_BAND_SKIP)
        rd_chart_add_band_label (&b, plot, data->n_periods, i, data->periods[i], period_w);
      else
        rd_chart_add_band_label_mode (&b, plot, data->n_periods, i, data->periods[i], mode);
      for (guint s = 0; s < data->n_series; s++)
        {
          double v = data->series[s].values[i];
          double y = rd_chart_value_defined (v) ? rd_chart_axis_px (&axis, v) : plot.y + plot.h / 2;
          g_autofree char *sentence = point_sentence (data, s, i);
          RdChartHit *hit;

          /* The column of the period, a band around the point. */
          hit = rd_chart_add_hit (&b, plot.x + i * band, CLAMP (y - 10, plot.y, plot.y + plot.h - 20), band, 20,
                                  data->series[s].metric_id, data->periods[i], sentence);
          hit->item = i;
          hit->series = g_strdup (data->series[s].label);
          hit->series_index = (int) s;
        }
    }

  return rd_chart_builder_finish (&b);
}
