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
 * needed, then the quota marker. Returns the height used. */
static double
add_key (RdChartBuilder         *b,
         const RdStackedBarData *data,
         RdRect                  area,
         gboolean                has_target)
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
      if (is_target)
        rd_chart_add_line (b, RD_INK_TARGET, x, y + lhs / 2, x + 16, y + lhs / 2, 2, TRUE);
      else
        rd_chart_add_rect (b, category_ink (data, c), x, y + lhs / 2 - 5, 16, 10);
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

RdChartLayout *
rd_stacked_bar_chart_layout (const RdStackedBarData *data,
                             double                  width,
                             double                  height,
                             const RdChartTheme     *theme,
                             PangoContext           *pango)
{
  RdChartBuilder b;
  RdRect area, plot;
  RdAxis axis;
  double hi = 0, band, bar_w, lh, total_w = 0, label_w;
  gboolean any = FALSE, has_target = FALSE, totals;

  g_return_val_if_fail (data != NULL && theme != NULL, NULL);

  rd_chart_builder_init (&b, width, height, theme, pango);
  area = rd_chart_add_frame_text (&b, &data->frame);

  for (guint g = 0; g < data->n_groups; g++)
    {
      const RdStackGroup *group = &data->groups[g];
      double sum = 0;

      for (guint c = 0; c < data->n_categories; c++)
        {
          sum += segment_value (group, c);
          any |= group->values && rd_chart_value_defined (group->values[c]);
        }
      hi = MAX (hi, sum);
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
  {
    double used = add_key (&b, data, area, has_target);

    area.y += used;
    area.h -= used;
  }
  plot = rd_chart_vertical_plot (&b, area, 0, hi, data->unit, data->currency, &axis);
  band = plot.w / data->n_groups;
  bar_w = MIN (band * 0.6, 72);

  for (guint g = 0; g < data->n_groups; g++)
    {
      const RdStackGroup *group = &data->groups[g];
      g_autofree char *total = NULL;
      double sum = 0, w;

      for (guint c = 0; c < data->n_categories; c++)
        sum += segment_value (group, c);
      total = rd_chart_format_value (sum, data->unit, data->currency, TRUE);
      rd_chart_measure_text (&b, total, RD_TEXT_BODY, &w, NULL);
      total_w = MAX (total_w, w);
    }
  totals = total_w <= band - 4;
  label_w = rd_chart_widest_label (&b, &data->groups[0].label, data->n_groups, sizeof (RdStackGroup), RD_TEXT_BODY);

  for (guint g = 0; g < data->n_groups; g++)
    {
      const RdStackGroup *group = &data->groups[g];
      double cx = plot.x + (g + 0.5) * band;
      double level = 0;

      for (guint c = 0; c < data->n_categories; c++)
        {
          double v = segment_value (group, c);
          double y0 = rd_chart_axis_px (&axis, level);
          double y1 = rd_chart_axis_px (&axis, level + v);
          RdChartInk ink = category_ink (data, c);
          g_autofree char *text = rd_chart_format_value (v, data->unit, data->currency, TRUE);
          g_autofree char *sentence = NULL;
          RdChartHit *hit;
          double tw;

          level += v;
          if (v <= 0)
            continue;
          rd_chart_add_rect (&b, ink, cx - bar_w / 2, y1, bar_w, y0 - y1);
          rd_chart_measure_text (&b, text, RD_TEXT_SMALL, &tw, NULL);
          if (y0 - y1 >= rd_chart_line_height (&b, RD_TEXT_SMALL) + 2 && tw + 6 <= bar_w)
            {
              RdChartPrim *label = rd_chart_add_text (&b, RD_INK_CONTRAST, RD_TEXT_SMALL, text, cx,
                                                      (y0 + y1) / 2 - rd_chart_line_height (&b, RD_TEXT_SMALL) / 2,
                                                      0, 0.5);
              label->over = ink;
            }

          sentence = segment_sentence (data, group, c);
          hit = rd_chart_add_hit (&b, cx - bar_w / 2, y1, bar_w, y0 - y1, data->categories[c].metric_id,
                                  group->bucket, sentence);
          hit->item = g;
          hit->series = g_strdup (data->categories[c].label);
          hit->series_index = (int) c;
        }

      if (totals)
        {
          g_autofree char *total = rd_chart_format_value (level, data->unit, data->currency, TRUE);

          rd_chart_add_text (&b, RD_INK_TEXT, RD_TEXT_BODY, total, cx, rd_chart_axis_px (&axis, level) - lh - 2,
                             0, 0.5);
        }
      if (group->has_target && rd_chart_value_defined (group->target))
        {
          double ty = rd_chart_axis_px (&axis, group->target);
          double half = MIN (band * 0.45, bar_w / 2 + 8);

          rd_chart_add_line (&b, RD_INK_TARGET, cx - half, ty, cx + half, ty, 2, TRUE);
        }
      rd_chart_add_band_label (&b, plot, data->n_groups, g, group->label, label_w);
    }

  return rd_chart_builder_finish (&b);
}
