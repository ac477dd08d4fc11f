/* rd-stacked-bar-chart.c — categories stacked against a quota marker
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One column per period or segment, its forecast categories stacked from
 * the baseline in the order given (commit first: the surest money sits on
 * the ground). Each column's quota is a short thick dashed marker across
 * it, so "how far from quota" reads at a glance. Segments carry their
 * amount inside when it fits; the column total sits on top. A stack needs
 * a key, so the categories are named once in a row above the plot, in the
 * same order as they stack. Negative and undefined amounts count as zero.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rd-chart-private.h"

static double
segment_value (const RdStackGroup *group,
               guint               category)
{
  double v = group->values ? group->values[category] : 0;

  return rd_chart_value_defined (v) && v > 0 ? v : 0;
}

static RdChartInk
category_ink (const RdStackedBarData *data,
              guint                   category)
{
  RdChartInk ink = data->categories[category].ink;

  return ink != RD_INK_BACKGROUND ? ink : rd_chart_series_ink (category);
}

/* The key: a swatch and a name per category, flowing onto more lines when
 * needed, then the quota marker. Returns the height used; with @draw
 * FALSE, only measures it. */
static double
add_key (RdChartBuilder         *b,
         const RdStackedBarData *data,
         RdRect                  area,
         gboolean                has_target,
         gboolean                draw)
{
  double lhs = rd_chart_line_height (b, RD_TEXT_SMALL);
  double x = area.x, y = area.y;
  const char *target_name = data->target_label ? data->target_label : _("Quota");

  for (guint c = 0; c <= data->n_categories; c++)
    {
      gboolean is_target = c == data->n_categories;
      const char *name = is_target ? target_name : data->categories[c].label;
      double w, item_w;

      if (is_target && !has_target)
        break;
      rd_chart_measure_text (b, name, RD_TEXT_SMALL, &w, NULL);
      item_w = MIN (16 + 6 + w, area.w);
      if (x > area.x && x + item_w > area.x + area.w)
        {
          x = area.x;
          y += lhs + 4;
        }
      if (draw && is_target)
        rd_chart_add_line (b, RD_INK_TARGET, x, y + lhs / 2, x + 16, y + lhs / 2, 2, TRUE);
      else if (draw)
        rd_chart_add_rect (b, category_ink (data, c), x, y + lhs / 2 - 5, 16, 10);
      if (draw)
        rd_chart_add_text (b, RD_INK_TEXT_SECONDARY, RD_TEXT_SMALL, name, x + 22, y, item_w - 22, 0);
      x += item_w + 16;
    }
  return y - area.y + lhs + RD_CHART_GAP;
}

static char *
segment_sentence (const RdStackedBarData *data,
                  const RdStackGroup     *group,
                  guint                   category)
{
  g_autofree char *value = rd_chart_format_value (segment_value (group, category), data->unit, data->currency,
                                                  FALSE);

  if (group->has_target && rd_chart_value_defined (group->target))
    {
      g_autofree char *target = rd_chart_format_value (group->target, data->unit, data->currency, FALSE);

      /* Translators: a stacked segment, e.g. "Q4 2026, Commit: $1,200,000 (Quota: $3,000,000)". */
      return g_strdup_printf (_("%s, %s: %s (%s: %s)"), group->label, data->categories[category].label, value,
                              data->target_label ? data->target_label : _("Quota"), target);
    }
  /* Translators: a stacked segment, e.g. "Enterprise, Commit: $1,200,000". */
  return g_strdup_printf (_("%s, %s: %s"), group->label, data->categories[category].label, value);
}

static double
group_total (const RdStackedBarData *data,
             const RdStackGroup     *group)
{
  double sum = 0;

  for (guint c = 0; c < data->n_categories; c++)
    sum += segment_value (group, c);
  return sum;
}

static double
widest_total (RdChartBuilder         *b,
              const RdStackedBarData *data)
{
  g_autofree double *totals = g_new0 (double, MAX (data->n_groups, 1));

  for (guint g = 0; g < data->n_groups; g++)
    totals[g] = group_total (data, &data->groups[g]);
  return rd_chart_widest_value (b, totals, data->n_groups, sizeof (double), data->unit, data->currency);
}

/* One stack along @axis (vertical: up the y axis; else along x), centred
 * on @centre across it, @thickness thick: segments, amounts inside when
 * they fit, one hit per segment. */
static void
add_stack (RdChartBuilder         *b,
           const RdStackedBarData *data,
           guint                   g,
           const RdAxis           *axis,
           gboolean                vertical,
           double                  centre,
           double                  thickness)
{
  const RdStackGroup *group = &data->groups[g];
  double lhs = rd_chart_line_height (b, RD_TEXT_SMALL);
  double level = 0;

  for (guint c = 0; c < data->n_categories; c++)
    {
      double v = segment_value (group, c);
      double p0 = rd_chart_axis_px (axis, level);
      double p1 = rd_chart_axis_px (axis, level + v);
      double length = fabs (p1 - p0);
      RdChartInk ink = category_ink (data, c);
      g_autofree char *text = rd_chart_format_value (v, data->unit, data->currency, TRUE);
      g_autofree char *sentence = NULL;
      RdRect seg;
      RdChartHit *hit;
      double tw;

      level += v;
      if (v <= 0)
        continue;
      seg = vertical ? (RdRect) { centre - thickness / 2, MIN (p0, p1), thickness, length }
                     : (RdRect) { MIN (p0, p1), centre - thickness / 2, length, thickness };
      rd_chart_add_rect (b, ink, seg.x, seg.y, seg.w, seg.h);
      rd_chart_measure_text (b, text, RD_TEXT_SMALL, &tw, NULL);
      if (seg.h >= lhs + 2 && tw + 6 <= seg.w)
        {
          RdChartPrim *label = rd_chart_add_text (b, RD_INK_CONTRAST, RD_TEXT_SMALL, text, seg.x + seg.w / 2,
                                                  seg.y + (seg.h - lhs) / 2, 0, 0.5);
          label->over = ink;
        }

      sentence = segment_sentence (data, group, c);
      hit = rd_chart_add_hit (b, seg.x, seg.y, seg.w, seg.h, data->categories[c].metric_id, group->bucket,
                              sentence);
      hit->item = g;
      hit->series = g_strdup (data->categories[c].label);
      hit->series_index = (int) c;
    }
}

/* Columns, one per group, on a value axis. */
static void
layout_columns (RdChartBuilder         *b,
                const RdStackedBarData *data,
                RdRect                  area,
                double                  hi)
{
  double lh = rd_chart_line_height (b, RD_TEXT_BODY);
  double band, bar_w, total_w;
  gboolean totals;
  RdBandMode mode;
  RdAxis axis;
  RdRect plot;

  plot = rd_chart_vertical_plot_for (b, area, 0, hi, data->unit, data->currency, &data->groups[0].label,
                                     data->n_groups, sizeof (RdStackGroup), FALSE, &mode, &axis);
  band = plot.w / data->n_groups;
  bar_w = MIN (band * 0.6, 72);

  total_w = widest_total (b, data);
  totals = total_w <= band - 4;

  for (guint g = 0; g < data->n_groups; g++)
    {
      const RdStackGroup *group = &data->groups[g];
      double cx = plot.x + (g + 0.5) * band;
      double level = group_total (data, group);

      add_stack (b, data, g, &axis, TRUE, cx, bar_w);
      if (totals)
        {
          g_autofree char *total = rd_chart_format_value (level, data->unit, data->currency, TRUE);

          rd_chart_add_text (b, RD_INK_TEXT, RD_TEXT_BODY, total, cx, rd_chart_axis_px (&axis, level) - lh - 2,
                             0, 0.5);
        }
      if (group->has_target && rd_chart_value_defined (group->target))
        {
          double ty = rd_chart_axis_px (&axis, group->target);
          double half = MIN (band * 0.45, bar_w / 2 + 8);

          rd_chart_add_hline_around_text (b, RD_INK_TARGET, cx - half, cx + half, ty, 2, TRUE);
        }
      rd_chart_add_band_label_mode (b, plot, data->n_groups, g, group->label, mode);
    }
}

/* Rows, one per group: used when the chart is too short for columns (a
 * single period in a small card), since rows need only a bar's height. */
static void
layout_rows (RdChartBuilder         *b,
             const RdStackedBarData *data,
             RdRect                  area,
             double                  hi)
{
  double lh = rd_chart_line_height (b, RD_TEXT_BODY);
  double label_w, total_w, row_h, bar_h;
  RdAxis axis;
  RdRect plot;

  label_w = MIN (rd_chart_widest_label (b, &data->groups[0].label, data->n_groups, sizeof (RdStackGroup),
                                        RD_TEXT_BODY), area.w * 0.3);
  total_w = widest_total (b, data);
  plot.x = area.x + label_w + RD_CHART_GAP * 1.5;
  plot.w = MAX (area.x + area.w - plot.x - total_w - RD_CHART_GAP, 1);
  plot.y = area.y;
  plot.h = area.h;
  row_h = plot.h / data->n_groups;
  bar_h = MIN (MAX (row_h - 8, 1), 32);
  rd_chart_axis_init (&axis, 0, hi, 1, plot.x, plot.x + plot.w);
  axis.lo = 0;
  axis.hi = hi > 0 ? hi : 1;

  for (guint g = 0; g < data->n_groups; g++)
    {
      const RdStackGroup *group = &data->groups[g];
      double cy = plot.y + (g + 0.5) * row_h;
      double level = group_total (data, group);
      g_autofree char *total = rd_chart_format_value (level, data->unit, data->currency, TRUE);

      if (row_h >= lh)
        {
          rd_chart_add_text (b, RD_INK_TEXT, RD_TEXT_BODY, group->label, area.x, cy - lh / 2, label_w, 0);
          rd_chart_add_text (b, RD_INK_TEXT, RD_TEXT_BODY, total, rd_chart_axis_px (&axis, level) + RD_CHART_GAP / 2,
                             cy - lh / 2, 0, 0);
        }
      add_stack (b, data, g, &axis, FALSE, cy, bar_h);
      if (group->has_target && rd_chart_value_defined (group->target))
        {
          double tx = rd_chart_axis_px (&axis, group->target);
          double half = MIN (row_h / 2, bar_h / 2 + 4);

          rd_chart_add_line (b, RD_INK_TARGET, tx, cy - half, tx, cy + half, 2, TRUE);
        }
    }
  rd_chart_add_line (b, RD_INK_AXIS, plot.x, plot.y, plot.x, plot.y + plot.h, 1, FALSE);
}

RdChartLayout *
rd_stacked_bar_chart_layout (const RdStackedBarData *data,
                             double                  width,
                             double                  height,
                             const RdChartTheme     *theme,
                             PangoContext           *pango)
{
  RdChartBuilder b;
  RdRect area;
  double hi = 0, lh, lhs, used;
  gboolean any = FALSE, has_target = FALSE;

  g_return_val_if_fail (data != NULL && theme != NULL, NULL);

  rd_chart_builder_init (&b, width, height, theme, pango);
  area = rd_chart_add_frame_text (&b, &data->frame);

  for (guint g = 0; g < data->n_groups; g++)
    {
      const RdStackGroup *group = &data->groups[g];

      for (guint c = 0; c < data->n_categories; c++)
        any |= group->values && rd_chart_value_defined (group->values[c]);
      hi = MAX (hi, group_total (data, group));
      if (group->has_target && rd_chart_value_defined (group->target))
        {
          has_target = TRUE;
          hi = MAX (hi, group->target);
        }
    }
  if (!any || data->n_categories == 0)
    {
      rd_chart_add_empty (&b, area, data->frame.empty_reason);
      return rd_chart_builder_finish (&b);
    }

  lh = rd_chart_line_height (&b, RD_TEXT_BODY);
  lhs = rd_chart_line_height (&b, RD_TEXT_SMALL);
  /* A key taller than the card leaves for a row of bars: say so (large
   * type in a small card) rather than overprint. */
  if (area.h - add_key (&b, data, area, has_target, FALSE) < lh + 4)
    {
      rd_chart_add_empty (&b, area, _("Not enough room to draw this chart"));
      return rd_chart_builder_finish (&b);
    }
  used = add_key (&b, data, area, has_target, TRUE);
  area.y += used;
  area.h -= used;

  /* Columns need room for totals above and labels below a plot of at
   * least three lines; otherwise rows. */
  if (area.h - (lh + 2) - (lh + lhs / 2 + 2) >= 3 * lh)
    layout_columns (&b, data, area, hi);
  else
    layout_rows (&b, data, area, hi);

  return rd_chart_builder_finish (&b);
}
