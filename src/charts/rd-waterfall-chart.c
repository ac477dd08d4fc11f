/* rd-waterfall-chart.c — bridges: start, changes, end
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Totals (start, subtotals, end) stand on zero in the neutral colour;
 * changes float from the running level, ups green and downs red, each with
 * its signed amount above it so colour is never the only cue. Thin
 * connectors carry the level from one bar to the next. The value axis
 * includes zero, so totals keep honest lengths — except when the totals
 * dwarf the changes (an ARR bridge: $14M start, +$700K new), where a zero
 * axis would flatten every change into a hairline: the axis then starts at
 * a round value below the lowest level and the totals are drawn broken
 * (a gap with slanted strokes near their foot), as finance decks do.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rd-chart-private.h"

/* The running levels span less than this share of the highest one. */
#define BREAK_SHARE 0.15

/* The foot of a total drawn from a broken axis: a short stub, a gap and
 * the rest of the bar, with a slanted stroke at each edge of the gap. */
static void
add_broken_total (RdChartBuilder *b,
                  double          x,
                  double          w,
                  double          top,
                  double          bottom)
{
  double gap_lo = bottom - 6, gap_hi = bottom - 12;

  rd_chart_add_rect (b, RD_INK_NEUTRAL, x, gap_lo, w, bottom - gap_lo);
  rd_chart_add_rect (b, RD_INK_NEUTRAL, x, top, w, gap_hi - top);
  rd_chart_add_line (b, RD_INK_AXIS, x - 3, gap_lo + 1.5, x + w + 3, gap_lo - 1.5, 1, FALSE);
  rd_chart_add_line (b, RD_INK_AXIS, x - 3, gap_hi + 1.5, x + w + 3, gap_hi - 1.5, 1, FALSE);
}

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
  double lo = 0, hi = 0, low = G_MAXDOUBLE, level = 0, band, bar_w, lh, value_w = 0, prev_level = NAN, prev_right = 0;
  g_autofree double *starts = NULL;
  g_autofree double *ends = NULL;
  gboolean any = FALSE, value_labels, broken;
  RdBandMode mode;
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

  /* The lowest level any bar reaches above its foot. */
  for (guint i = 0; i < n; i++)
    low = MIN (low, data->steps[i].kind == RD_STEP_TOTAL ? ends[i] : MIN (starts[i], ends[i]));
  broken = lo >= 0 && low > 0 && hi - low < BREAK_SHARE * hi;
  if (broken)
    {
      double ticks[16];

      /* Only when the round value below is above zero (else zero it is). */
      broken = rd_chart_nice_ticks (low - 0.6 * (hi - low), hi, 5, ticks) > 0 && ticks[0] > 0;
    }

  lh = rd_chart_line_height (&b, RD_TEXT_BODY);
  if (!rd_chart_vertical_fits (&b, area))
    return rd_chart_builder_finish (&b);
  /* Broken: the changes take the top of the plot, the totals' stubs the
   * rest, from a round value below the lowest level. */
  plot = rd_chart_vertical_plot_for (&b, area, broken ? low - 0.6 * (hi - low) : lo, hi, data->unit,
                                     data->currency, &data->steps[0].label, n, sizeof (RdWaterfallStep), FALSE, &mode,
                                     &axis);

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

      if (broken && s->kind == RD_STEP_TOTAL && y1 < axis.p_lo - 16)
        add_broken_total (&b, cx - bar_w / 2, bar_w, y1, axis.p_lo);
      else
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
      rd_chart_add_band_label_mode (&b, plot, n, i, s->label, mode);

      hit = rd_chart_add_hit (&b, plot.x + i * band, plot.y, band, plot.h, s->metric_id, s->bucket, sentence);
      hit->item = i;
    }

  return rd_chart_builder_finish (&b);
}
