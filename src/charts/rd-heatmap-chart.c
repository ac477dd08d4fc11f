/* rd-heatmap-chart.c — cohort triangle
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per cohort, one column per period since the cohort started;
 * cells that cannot exist yet (NaN) are left out, which gives the triangle.
 * Colour is a single-hue sequential ramp (light to dark blue) from the
 * lowest cell to ramp_max, so more retention reads as more ink; every cell also carries its number, in
 * black or white, whichever contrasts best with that cell. Cells keep a
 * readable size on big screens instead of stretching across them.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rd-chart-private.h"

RdChartLayout *
rd_heatmap_chart_layout (const RdHeatmapData *data,
                         double               width,
                         double               height,
                         const RdChartTheme  *theme,
                         PangoContext        *pango)
{
  RdChartBuilder b;
  RdRect area;
  double ramp_max = data->ramp_max, ramp_min = G_MAXDOUBLE, label_w, col_label_w, lhs, cell_w, cell_h, x0, y0;
  gboolean any = FALSE;
  guint col_every, row_every;

  g_return_val_if_fail (data != NULL && theme != NULL, NULL);

  rd_chart_builder_init (&b, width, height, theme, pango);
  area = rd_chart_add_frame_text (&b, &data->frame);

  for (guint r = 0; r < data->n_rows; r++)
    for (guint c = 0; c < data->n_cols; c++)
      {
        double v = data->values[r * data->n_cols + c];

        if (rd_chart_value_defined (v))
          {
            any = TRUE;
            ramp_min = MIN (ramp_min, v);
            if (data->ramp_max <= 0)
              ramp_max = MAX (ramp_max, v);
          }
      }
  if (!any || data->n_cols == 0)
    {
      rd_chart_add_empty (&b, area, data->frame.empty_reason);
      return rd_chart_builder_finish (&b);
    }
  /* The ramp starts at the lowest cell: retention rates that all sit near
   * 100% still differ visibly (each cell carries its number anyway). */
  if (ramp_min >= ramp_max)
    ramp_min = MIN (0, ramp_max - 1);

  lhs = rd_chart_line_height (&b, RD_TEXT_SMALL);
  label_w = rd_chart_widest_label (&b, data->row_labels, data->n_rows, sizeof (char *), RD_TEXT_SMALL);
  col_label_w = rd_chart_widest_label (&b, data->col_labels, data->n_cols, sizeof (char *), RD_TEXT_SMALL);
  label_w = MIN (label_w, area.w * 0.25);

  x0 = area.x + label_w + RD_CHART_GAP;
  y0 = area.y + lhs + 4;
  cell_w = MIN ((area.x + area.w - x0) / data->n_cols, 96);
  cell_h = MIN ((area.y + area.h - y0) / MAX (data->n_rows, 1), 40);
  col_every = (guint) MAX (ceil ((col_label_w + 6) / MAX (cell_w, 1)), 1);
  row_every = (guint) MAX (ceil (lhs / MAX (cell_h, 1)), 1);

  /* Column labels centred over their cells; when only every k-th fits,
   * each starts at its cell and may use the k cells' width. */
  for (guint c = 0; c < data->n_cols; c += col_every)
    {
      if (col_every == 1)
        rd_chart_add_text (&b, RD_INK_TEXT_SECONDARY, RD_TEXT_SMALL, data->col_labels[c],
                           x0 + (c + 0.5) * cell_w, area.y, cell_w - 4, 0.5);
      else
        rd_chart_add_text (&b, RD_INK_TEXT_SECONDARY, RD_TEXT_SMALL, data->col_labels[c], x0 + c * cell_w, area.y,
                           MIN (cell_w * col_every, area.x + area.w - x0 - c * cell_w) - 4, 0);
    }

  for (guint r = 0; r < data->n_rows; r++)
    {
      double y = y0 + r * cell_h;
      const char *bucket = data->row_buckets ? data->row_buckets[r] : data->row_labels[r];

      if (r % row_every == 0)
        rd_chart_add_text (&b, RD_INK_TEXT, RD_TEXT_SMALL, data->row_labels[r], area.x, y + (cell_h - lhs) / 2,
                           label_w, 0);

      for (guint c = 0; c < data->n_cols; c++)
        {
          double v = data->values[r * data->n_cols + c];
          double x = x0 + c * cell_w;
          double heat = CLAMP ((v - ramp_min) / (ramp_max - ramp_min), 0, 1);
          g_autofree char *text = NULL;
          g_autofree char *exact = NULL;
          g_autofree char *sentence = NULL;
          RdChartPrim *cell;
          RdChartHit *hit;
          double tw;

          if (!rd_chart_value_defined (v))
            continue;
          /* A one-pixel gutter keeps neighbouring cells apart; edges on
           * whole pixels keep them crisp (and cheap to fill). */
          cell = rd_chart_add_rect (&b, RD_INK_HEAT, round (x), round (y), round (x + cell_w) - round (x) - 1,
                                    round (y + cell_h) - round (y) - 1);
          cell->heat = heat;

          text = rd_chart_format_value (v, data->unit, data->currency, TRUE);
          rd_chart_measure_text (&b, text, RD_TEXT_SMALL, &tw, NULL);
          if (tw + 4 <= cell_w - 1 && lhs <= cell_h - 1)
            {
              RdChartPrim *label = rd_chart_add_text (&b, RD_INK_CONTRAST, RD_TEXT_SMALL, text, x + cell_w / 2,
                                                      y + (cell_h - lhs) / 2, 0, 0.5);
              label->over = RD_INK_HEAT;
              label->heat = heat;
            }

          exact = rd_chart_format_value (v, data->unit, data->currency, FALSE);
          /* Translators: a cohort cell, e.g. "Jan 2026, M3: 92.0%". */
          sentence = g_strdup_printf (_("%s, %s: %s"), data->row_labels[r], data->col_labels[c], exact);
          hit = rd_chart_add_hit (&b, x, y, cell_w, cell_h, data->metric_id, bucket, sentence);
          hit->item = r;
          hit->series = g_strdup (data->col_labels[c]);
          hit->series_index = (int) c;
        }
    }

  return rd_chart_builder_finish (&b);
}
