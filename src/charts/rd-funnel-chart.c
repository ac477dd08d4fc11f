/* rd-funnel-chart.c — lifecycle funnel: bars narrowing by stage
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bars start at a common left edge (lengths compare honestly, unlike a
 * centred funnel shape), the count sits inside the bar when it fits and
 * just after it otherwise, and the step conversion is written in the gap
 * between two bars, where the eye goes from one stage to the next. The
 * previous period is a thin grey bar under each stage, named in a key.
 * When the chart is too short for gaps, conversions move to a right-hand
 * column instead.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rd-chart-private.h"

static char *
stage_sentence (const RdFunnelData  *data,
                guint                index)
{
  const RdFunnelStage *stage = &data->stages[index];
  g_autofree char *count = rd_chart_format_count (stage->count);
  GString *out = g_string_new (NULL);

  /* Translators: a funnel stage and its count, e.g. "MQL: 1,200". */
  g_string_append_printf (out, _("%s: %s"), stage->label, count);
  if (index > 0 && stage->has_conversion)
    {
      g_autofree char *conversion = rd_chart_format_percent (stage->conversion, FALSE);

      /* Translators: the step conversion from the previous stage, e.g. ", 35.0% from Lead". */
      g_string_append_printf (out, _(", %s from %s"), conversion, data->stages[index - 1].label);
    }
  if (stage->has_previous)
    {
      g_autofree char *previous = rd_chart_format_count (stage->previous);

      /* Translators: the previous period's count, e.g. ", Q2 2026: 1,100". */
      g_string_append_printf (out, _(", %s: %s"),
                              data->previous_label ? data->previous_label : _("Previous period"), previous);
    }
  return g_string_free (out, FALSE);
}

RdChartLayout *
rd_funnel_chart_layout (const RdFunnelData *data,
                        double              width,
                        double              height,
                        const RdChartTheme *theme,
                        PangoContext       *pango)
{
  RdChartBuilder b;
  RdRect area;
  double lh, lhs, label_w = 0, count_w = 0, conv_w = 0, max_count = 0;
  double gap_h, block_h, bar_h, ghost_h, bar_x, bar_w;
  gboolean any = FALSE, ghosts = FALSE, compact;
  guint n, n_shown;

  g_return_val_if_fail (data != NULL && theme != NULL, NULL);

  rd_chart_builder_init (&b, width, height, theme, pango);
  area = rd_chart_add_frame_text (&b, &data->frame);
  n = data->n_stages;
  n_shown = n;

  for (guint i = 0; i < n; i++)
    {
      const RdFunnelStage *s = &data->stages[i];

      if (rd_chart_value_defined (s->count))
        {
          any = TRUE;
          max_count = MAX (max_count, s->count);
        }
      if (s->has_previous && rd_chart_value_defined (s->previous))
        {
          ghosts = TRUE;
          max_count = MAX (max_count, s->previous);
        }
    }
  if (!any || n == 0)
    {
      rd_chart_add_empty (&b, area, data->frame.empty_reason);
      return rd_chart_builder_finish (&b);
    }
  if (max_count <= 0)
    max_count = 1;

  lh = rd_chart_line_height (&b, RD_TEXT_BODY);
  lhs = rd_chart_line_height (&b, RD_TEXT_SMALL);

  if (ghosts)
    {
      const char *name = data->previous_label ? data->previous_label : _("Previous period");

      rd_chart_add_rect (&b, RD_INK_GHOST, area.x, area.y + lhs / 2 - 3, 16, 6);
      rd_chart_add_text (&b, RD_INK_TEXT_SECONDARY, RD_TEXT_SMALL, name, area.x + 22, area.y, area.w - 22, 0);
      area.y += lhs + RD_CHART_GAP;
      area.h -= lhs + RD_CHART_GAP;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *count = rd_chart_format_count (data->stages[i].count);
      g_autofree char *conv = rd_chart_format_percent (data->stages[i].conversion, FALSE);
      double w;

      rd_chart_measure_text (&b, data->stages[i].label, RD_TEXT_BODY, &w, NULL);
      label_w = MAX (label_w, w);
      rd_chart_measure_text (&b, count, RD_TEXT_BODY, &w, NULL);
      count_w = MAX (count_w, w);
      rd_chart_measure_text (&b, conv, RD_TEXT_SMALL, &w, NULL);
      conv_w = MAX (conv_w, w);
    }
  label_w = MIN (label_w, area.w * 0.25);

  /* Roomy: a gap row holding the conversion between bars. */
  gap_h = lhs + 6;
  block_h = (area.h - gap_h * (n - 1)) / n;
  compact = block_h < lh + 6;
  if (compact)
    {
      double needed = lh;

      gap_h = 2;
      block_h = (area.h - gap_h * (n - 1)) / n;
      /* Still too short for a line of text per stage: the first stages
       * are drawn and a last line says how many were left out. */
      if (block_h < needed)
        {
          guint fit = (guint) floor ((area.h + gap_h) / (needed + gap_h));

          n_shown = fit > 1 ? fit - 1 : 0;
          block_h = needed;
        }
    }
  ghost_h = ghosts ? (compact ? MIN (block_h - lh - 2, 4) : MIN (block_h * 0.22, 10)) : 0;
  ghost_h = MAX (ghost_h, 0);
  bar_h = MIN (block_h - ghost_h - (ghosts ? 2 : 0), 40);

  bar_x = area.x + label_w + RD_CHART_GAP * 1.5;
  bar_w = area.x + area.w - bar_x - count_w - RD_CHART_GAP - (compact ? conv_w + RD_CHART_GAP * 2 : 0);
  bar_w = MAX (bar_w, 1);

  for (guint i = 0; i < n_shown; i++)
    {
      const RdFunnelStage *s = &data->stages[i];
      double y = area.y + i * (block_h + gap_h);
      double top = y + (block_h - bar_h - ghost_h - (ghosts ? 2 : 0)) / 2;
      /* Texts centre on the bar, or on the whole block when it is barely a
       * line high (the ghost bar then runs under the text's baseline). */
      double cy = compact ? y + block_h / 2 : top + bar_h / 2;
      double len = rd_chart_value_defined (s->count) ? MAX (s->count, 0) / max_count * bar_w : 0;
      g_autofree char *count = rd_chart_format_count (s->count);
      g_autofree char *sentence = stage_sentence (data, i);
      double count_text_w;
      RdChartHit *hit;

      rd_chart_add_text (&b, RD_INK_TEXT, RD_TEXT_BODY, s->label, area.x, cy - lh / 2, label_w, 0);
      rd_chart_add_rect (&b, RD_INK_BLUE, bar_x, top, len, bar_h);
      rd_chart_measure_text (&b, count, RD_TEXT_BODY, &count_text_w, NULL);
      if (count_text_w + 12 <= len && bar_h >= lh)
        {
          RdChartPrim *text = rd_chart_add_text (&b, RD_INK_CONTRAST, RD_TEXT_BODY, count, bar_x + 6,
                                                 cy - lh / 2, 0, 0);
          text->over = RD_INK_BLUE;
        }
      else
        rd_chart_add_text (&b, RD_INK_TEXT, RD_TEXT_BODY, count, bar_x + len + RD_CHART_GAP / 2, cy - lh / 2, 0, 0);

      if (s->has_previous && rd_chart_value_defined (s->previous))
        rd_chart_add_rect (&b, RD_INK_GHOST, bar_x, top + bar_h + 2, MAX (s->previous, 0) / max_count * bar_w,
                           ghost_h);

      if (i > 0 && s->has_conversion)
        {
          g_autofree char *conv = rd_chart_format_percent (s->conversion, FALSE);

          if (compact)
            rd_chart_add_text (&b, RD_INK_TEXT_SECONDARY, RD_TEXT_SMALL, conv, area.x + area.w, cy - lhs / 2, 0, 1);
          else
            {
              /* Translators: the step conversion written between two funnel bars, e.g. "↓ 35.0%". */
              g_autofree char *arrow = g_strdup_printf (_("↓ %s"), conv);

              rd_chart_add_text (&b, RD_INK_TEXT_SECONDARY, RD_TEXT_SMALL, arrow, bar_x + 6, y - gap_h + 3,
                                 bar_w, 0);
            }
        }

      hit = rd_chart_add_hit (&b, area.x, y, area.w, block_h, s->metric_id, s->bucket, sentence);
      hit->item = i;
    }

  if (n_shown < n)
    {
      guint rest = n - n_shown;
      g_autofree char *more = g_strdup_printf (ngettext ("%u more stage not shown", "%u more stages not shown", rest),
                                               rest);

      rd_chart_add_text (&b, RD_INK_TEXT_SECONDARY, RD_TEXT_BODY, more, area.x,
                         area.y + n_shown * (block_h + gap_h), area.w, 0);
    }

  return rd_chart_builder_finish (&b);
}
