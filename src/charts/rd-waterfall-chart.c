/* rd-waterfall-chart.c — bridges: start, changes, end
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Totals (start, subtotals, end) stand on zero in the neutral colour;
 * changes float from the running level, ups green and downs red, each with
 * its signed amount above it so colour is never the only cue. Thin
 * connectors carry the level from one bar to the next. The value axis
 * always includes zero, so totals keep honest lengths.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rd-chart-private.h"

static char *
step_value (const RdWaterfallData *data,
            const RdWaterfallStep *step,
            gboolean               short_form)
{
  g_autofree char *value = rd_chart_format_value (step->value, data->unit, data->currency, short_form);

  if (step->kind == RD_STEP_DELTA && step->value > 0 && rd_chart_value_defined (step->value))
    /* Translators: an increase in a bridge chart, e.g. "+$120K". */
    return g_strdup_printf (_("+%s"), value);
  return g_steal_pointer (&value);
}

RdChartLayout *
rd_waterfall_chart_layout (const RdWaterfallData *data,
                           double                 width,
                           double                 height,
                           const RdChartTheme    *theme,
                           PangoContext          *pango)
{
  RdChartBuilder b;
  RdRect area, plot;
  RdAxis axis;
  double lo = 0, hi = 0, level = 0, band, bar_w, lh, value_w = 0, label_w, prev_level = NAN, prev_right = 0;
  g_autofree double *starts = NULL;
  g_autofree double *ends = NULL;
  gboolean any = FALSE, value_labels;
  guint n;

  g_return_val_if_fail (data != NULL && theme != NULL, NULL);

  rd_chart_builder_init (&b, width, height, theme, pango);
  area = rd_chart_add_frame_text (&b, &data->frame);
  n = data->n_steps;

  starts = g_new0 (double, MAX (n, 1));
  ends = g_new0 (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const RdWaterfallStep *s = &data->steps[i];
      double v = rd_chart_value_defined (s->value) ? s->value : 0;

      any |= rd_chart_value_defined (s->value);
      starts[i] = s->kind == RD_STEP_TOTAL ? 0 : level;
      level = s->kind == RD_STEP_TOTAL ? v : level + v;
      ends[i] = level;
      lo = MIN (lo, MIN (starts[i], ends[i]));
      hi = MAX (hi, MAX (starts[i], ends[i]));
    }
  if (!any)
    {
      rd_chart_add_empty (&b, area, data->frame.empty_reason);
      return rd_chart_builder_finish (&b);
    }

  lh = rd_chart_line_height (&b, RD_TEXT_BODY);
  if (!rd_chart_vertical_fits (&b, area))
    return rd_chart_builder_finish (&b);
  plot = rd_chart_vertical_plot (&b, area, lo, hi, data->unit, data->currency, &axis);
  band = plot.w / n;
  bar_w = MIN (band * 0.7, 64);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *v = step_value (data, &data->steps[i], TRUE);
      double w;

      rd_chart_measure_text (&b, v, RD_TEXT_BODY, &w, NULL);
      value_w = MAX (value_w, w);
    }
  value_labels = value_w <= band - 4;
  label_w = rd_chart_widest_label (&b, &data->steps[0].label, n, sizeof (RdWaterfallStep), RD_TEXT_BODY);

  for (guint i = 0; i < n; i++)
    {
      const RdWaterfallStep *s = &data->steps[i];
      double cx = plot.x + (i + 0.5) * band;
      double y0 = rd_chart_axis_px (&axis, starts[i]);
      double y1 = rd_chart_axis_px (&axis, ends[i]);
      RdChartInk ink = s->kind == RD_STEP_TOTAL ? RD_INK_NEUTRAL : s->value >= 0 ? RD_INK_GOOD : RD_INK_BAD;
      g_autofree char *exact = step_value (data, s, FALSE);
      /* Translators: a bridge step and its amount, e.g. "Expansion: +$120,000". */
      g_autofree char *sentence = g_strdup_printf (_("%s: %s"), s->label, exact);
      RdChartHit *hit;

      /* A zero change still shows as a hairline at its level. */
      rd_chart_add_rect (&b, ink, cx - bar_w / 2, MIN (y0, y1), bar_w, MAX (fabs (y1 - y0), 1));

      /* Connector from the previous bar's level, when this bar starts there
       * (every change does; a total does when it equals the running level). */
      if (i > 0 && isfinite (prev_level)
          && (s->kind == RD_STEP_DELTA || fabs (prev_level - ends[i]) < 1e-9 * MAX (1, fabs (ends[i]))))
        {
          double y = rd_chart_axis_px (&axis, prev_level);

          rd_chart_add_line (&b, RD_INK_AXIS, prev_right, y, cx - bar_w / 2, y, 1, FALSE);
        }
      prev_level = ends[i];
      prev_right = cx + bar_w / 2;

      if (value_labels)
        {
          g_autofree char *v = step_value (data, s, TRUE);

          rd_chart_add_text (&b, RD_INK_TEXT, RD_TEXT_BODY, v, cx, MIN (y0, y1) - lh - 2, 0, 0.5);
        }
      rd_chart_add_band_label (&b, plot, n, i, s->label, label_w);

      hit = rd_chart_add_hit (&b, plot.x + i * band, plot.y, band, plot.h, s->metric_id, s->bucket, sentence);
      hit->item = i;
    }

  return rd_chart_builder_finish (&b);
}
