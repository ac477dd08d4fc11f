/* rd-strip-chart.c — one row per stage, a dot per item (or a box)
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each row shows the days in stage of its open deals on a shared axis,
 * with the stage's threshold as a vertical line. Dots past the threshold
 * are drawn in the warning colour and as rings, so they differ in shape as
 * well as colour. Dots are jittered vertically by a fixed, deterministic
 * pattern (the same data always looks the same). A row with more items
 * than box_above becomes a box plot: quartiles, median, whiskers at 1.5
 * IQR, and outliers as dots (at most one per pixel column), so a row of a
 * million deals paints as fast as a row of a few.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rd-chart-private.h"

#define DEFAULT_BOX_ABOVE 400

/* The k-th smallest of @values (reordered in place): Hoare's selection,
 * linear on average, so a million items need no sort. */
static double
select_kth (double *values,
            guint   n,
            guint   k)
{
  guint lo = 0, hi = n - 1;

  while (lo < hi)
    {
      double pivot = values[lo + (hi - lo) / 2];
      guint i = lo, j = hi;

      while (i <= j)
        {
          while (values[i] < pivot)
            i++;
          while (values[j] > pivot)
            j--;
          if (i <= j)
            {
              double t = values[i];

              values[i] = values[j];
              values[j] = t;
              i++;
              if (j == 0)
                break;
              j--;
            }
        }
      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        break;
    }
  return values[k];
}

/* Linear interpolation between closest ranks. */
static double
quantile (double *values,
          guint   n,
          double  q)
{
  double pos = q * (n - 1);
  guint k = (guint) floor (pos);
  double lower = select_kth (values, n, k);
  double upper = lower;

  /* After selection, everything past k is at least values[k]. */
  if (k + 1 < n && pos > k)
    {
      upper = values[k + 1];
      for (guint i = k + 2; i < n; i++)
        upper = MIN (upper, values[i]);
    }
  return lower + (upper - lower) * (pos - k);
}

static guint
count_over (const RdStripRow *row)
{
  guint over = 0;

  if (!rd_chart_value_defined (row->threshold))
    return 0;
  for (guint i = 0; i < row->n_values; i++)
    over += rd_chart_value_defined (row->values[i]) && row->values[i] > row->threshold;
  return over;
}

static char *
row_sentence (const RdStripData *data,
              const RdStripRow  *row,
              double            *values,
              guint              n)
{
  GString *out = g_string_new (NULL);
  g_autofree char *count = rd_chart_format_count (n);

  /* Translators: a stage row of the aging chart, e.g. "Proposal: 42 items". */
  g_string_append_printf (out, ngettext ("%s: %s item", "%s: %s items", n), row->label, count);
  if (n > 0)
    {
      g_autofree char *median = rd_chart_format_value (quantile (values, n, 0.5), data->unit, NULL, FALSE);

      /* Translators: appended to a row's sentence, e.g. ", median 12 days". */
      g_string_append_printf (out, _(", median %s"), median);
    }
  if (rd_chart_value_defined (row->threshold))
    {
      g_autofree char *threshold = rd_chart_format_value (row->threshold, data->unit, NULL, FALSE);
      g_autofree char *over = rd_chart_format_count (count_over (row));

      /* Translators: appended to a row's sentence, e.g. ", 5 over 21 days". */
      g_string_append_printf (out, _(", %s over %s"), over, threshold);
    }
  return g_string_free (out, FALSE);
}

static void
add_item_hit (RdChartBuilder    *b,
              const RdStripData *data,
              const RdStripRow  *row,
              guint              r,
              guint              i,
              double             x,
              double             y)
{
  g_autofree char *value = rd_chart_format_value (row->values[i], data->unit, NULL, FALSE);
  const char *name = row->item_labels && row->item_labels[i] ? row->item_labels[i] : row->item_ids[i];
  /* Translators: one deal of the aging chart, e.g. "Acme renewal, Proposal: 34 days". */
  g_autofree char *sentence = g_strdup_printf (_("%s, %s: %s"), name, row->label, value);
  RdChartHit *hit = rd_chart_add_hit (b, x - 5, y - 5, 10, 10, row->metric_id, row->bucket, sentence);

  hit->item = r;
  hit->series = g_strdup (row->item_ids[i]);
  hit->series_index = (int) i;
}

RdChartLayout *
rd_strip_chart_layout (const RdStripData  *data,
                       double              width,
                       double              height,
                       const RdChartTheme *theme,
                       PangoContext       *pango)
{
  RdChartBuilder b;
  RdRect area, plot;
  RdAxis axis;
  double hi = 0, label_w = 0, row_h, lh, lhs, r = 3.5;
  guint box_above = data->box_above ? data->box_above : DEFAULT_BOX_ABOVE;
  gboolean any = FALSE;

  g_return_val_if_fail (data != NULL && theme != NULL, NULL);

  rd_chart_builder_init (&b, width, height, theme, pango);
  area = rd_chart_add_frame_text (&b, &data->frame);

  for (guint k = 0; k < data->n_rows; k++)
    {
      const RdStripRow *row = &data->rows[k];
      double w;

      for (guint i = 0; i < row->n_values; i++)
        if (rd_chart_value_defined (row->values[i]))
          {
            any = TRUE;
            hi = MAX (hi, row->values[i]);
          }
      if (rd_chart_value_defined (row->threshold))
        hi = MAX (hi, row->threshold);
      rd_chart_measure_text (&b, row->label, RD_TEXT_BODY, &w, NULL);
      label_w = MAX (label_w, w);
    }
  if (!any)
    {
      rd_chart_add_empty (&b, area, data->frame.empty_reason);
      return rd_chart_builder_finish (&b);
    }

  lh = rd_chart_line_height (&b, RD_TEXT_BODY);
  lhs = rd_chart_line_height (&b, RD_TEXT_SMALL);
  label_w = MIN (label_w, area.w * 0.25);
  for (guint k = 0; k < data->n_rows; k++)
    if (rd_chart_value_defined (data->rows[k].threshold))
      {
        /* The dashed lines are named once, above the rows. */
        double used = rd_chart_add_line_key (&b, area, data->threshold_label ? data->threshold_label
                                                                             : _("Stage limit"));

        area.y += used;
        area.h -= used;
        break;
      }
  plot.x = area.x + label_w + RD_CHART_GAP * 1.5;
  plot.w = MAX (area.x + area.w - plot.x - RD_CHART_GAP, 1);
  plot.y = area.y;
  plot.h = MAX (area.h - lhs - RD_CHART_GAP, 1);
  row_h = plot.h / MAX (data->n_rows, 1);
  r = CLAMP (row_h / 8, 1.5, 3.5);

  {
    /* Tick labels are about 4 characters: leave room for twice that. */
    double tick_w;

    rd_chart_measure_text (&b, "0000d", RD_TEXT_SMALL, &tick_w, NULL);
    rd_chart_axis_init (&axis, 0, hi, MAX ((guint) (plot.w / (tick_w * 2)), 1), plot.x, plot.x + plot.w);
  }
  rd_chart_axis_draw (&b, &axis, plot, FALSE, data->unit, NULL);

  for (guint k = 0; k < data->n_rows; k++)
    {
      const RdStripRow *row = &data->rows[k];
      double y = plot.y + k * row_h, cy = y + row_h / 2, band = MIN (row_h * 0.6, 28);
      g_autofree double *values_copy = g_new (double, MAX (row->n_values, 1));
      g_autofree char *sentence = NULL;
      guint n = 0;
      RdChartHit *hit;

      for (guint i = 0; i < row->n_values; i++)
        if (rd_chart_value_defined (row->values[i]))
          values_copy[n++] = row->values[i];

      if (row_h >= lh)
        rd_chart_add_text (&b, RD_INK_TEXT, RD_TEXT_BODY, row->label, area.x, cy - lh / 2, label_w, 0);
      if (k > 0)
        rd_chart_add_line (&b, RD_INK_GRID, plot.x, y, plot.x + plot.w, y, 1, FALSE);

      sentence = row_sentence (data, row, values_copy, n);
      hit = rd_chart_add_hit (&b, area.x, y, area.w, row_h, row->metric_id, row->bucket, sentence);
      hit->item = k;

      if (n > box_above)
        {
          double q1 = quantile (values_copy, n, 0.25);
          double q2 = quantile (values_copy, n, 0.5);
          double q3 = quantile (values_copy, n, 0.75);
          double lo_fence = q1 - 1.5 * (q3 - q1), hi_fence = q3 + 1.5 * (q3 - q1);
          double w_lo = q1, w_hi = q3;

          /* Whiskers reach the furthest items inside the fences. */
          for (guint i = 0; i < n; i++)
            {
              if (values_copy[i] >= lo_fence)
                w_lo = MIN (w_lo, values_copy[i]);
              if (values_copy[i] <= hi_fence)
                w_hi = MAX (w_hi, values_copy[i]);
            }
          rd_chart_add_line (&b, RD_INK_AXIS, rd_chart_axis_px (&axis, w_lo), cy, rd_chart_axis_px (&axis, q1), cy,
                             1, FALSE);
          rd_chart_add_line (&b, RD_INK_AXIS, rd_chart_axis_px (&axis, q3), cy, rd_chart_axis_px (&axis, w_hi), cy,
                             1, FALSE);
          rd_chart_add_rect (&b, RD_INK_GHOST, rd_chart_axis_px (&axis, q1), cy - band / 2,
                             rd_chart_axis_px (&axis, q3) - rd_chart_axis_px (&axis, q1), band);
          rd_chart_add_frame (&b, RD_INK_AXIS, rd_chart_axis_px (&axis, q1), cy - band / 2,
                              rd_chart_axis_px (&axis, q3) - rd_chart_axis_px (&axis, q1), band);
          rd_chart_add_line (&b, RD_INK_TEXT, rd_chart_axis_px (&axis, q2), cy - band / 2,
                             rd_chart_axis_px (&axis, q2), cy + band / 2, 2, FALSE);
          /* Outliers as dots; past a few hundred they would be a smear, so
           * at most one per pixel column (and colour) is drawn. */
          {
            g_autofree guint8 *taken = g_new0 (guint8, (gsize) plot.w + 2);

            for (guint i = 0; i < n; i++)
              {
                double x = rd_chart_axis_px (&axis, values_copy[i]);
                gboolean over = rd_chart_value_defined (row->threshold) && values_copy[i] > row->threshold;
                gsize column = (gsize) CLAMP (x - plot.x, 0, plot.w + 1);
                guint8 bit = over ? 2 : 1;

                if ((values_copy[i] >= lo_fence && values_copy[i] <= hi_fence) || (taken[column] & bit))
                  continue;
                taken[column] |= bit;
                rd_chart_add_dot (&b, over ? RD_INK_WARNING : RD_INK_BLUE, x, cy, r, over);
              }
          }
        }
      else
        {
          for (guint i = 0; i < row->n_values; i++)
            {
              double v = row->values[i];
              gboolean over;
              double x, jy;

              if (!rd_chart_value_defined (v))
                continue;
              over = rd_chart_value_defined (row->threshold) && v > row->threshold;
              x = rd_chart_axis_px (&axis, v);
              /* Deterministic jitter within the middle of the row. */
              jy = cy + (((i * 7919) % 11) / 10.0 - 0.5) * MAX (band - 2 * r, 0);
              rd_chart_add_dot (&b, over ? RD_INK_WARNING : RD_INK_BLUE, x, jy, r, over);
              if (row->item_ids && row->item_ids[i])
                add_item_hit (&b, data, row, k, i, x, jy);
            }
        }

      if (rd_chart_value_defined (row->threshold))
        {
          double tx = rd_chart_axis_px (&axis, row->threshold);

          rd_chart_add_line (&b, RD_INK_TARGET, tx, y + 2, tx, y + row_h - 2, 1.5, TRUE);
        }
    }

  return rd_chart_builder_finish (&b);
}
