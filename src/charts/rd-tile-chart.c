/* rd-tile-chart.c — an overview tile: title, big value, target, status, trend, why
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read top to bottom in one glance: what (title) and how it is doing
 * (status dot and word — never the colour alone), the number, the target
 * it is held to, the last periods as a sparkline, and one line of why.
 * Everything drops gracefully in a small tile: the sparkline goes first,
 * then the second line of why. The whole tile is one hit region.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rd-chart-private.h"

static char *
tile_sentence (const RdTileData *data,
               const char       *value)
{
  GString *out = g_string_new (NULL);

  /* Translators: a tile read aloud, e.g. "Win rate: 26.4%". */
  g_string_append_printf (out, _("%s: %s"), data->frame.title ? data->frame.title : "", value);
  if (!data->defined && data->reason)
    g_string_append_printf (out, " (%s)", data->reason);
  if (data->has_target && rd_chart_value_defined (data->target))
    {
      g_autofree char *target = rd_chart_format_value (data->target, data->unit, data->currency, FALSE);

      /* Translators: appended to a tile's sentence, e.g. ", target 30.0%". */
      g_string_append_printf (out, _(", target %s"), target);
    }
  if (data->status != RD_STATUS_NONE)
    g_string_append_printf (out, ", %s", rd_chart_status_word (data->status));
  if (data->why && *data->why)
    g_string_append_printf (out, ". %s", data->why);
  return g_string_free (out, FALSE);
}

RdChartLayout *
rd_tile_chart_layout (const RdTileData   *data,
                      double              width,
                      double              height,
                      const RdChartTheme *theme,
                      PangoContext       *pango)
{
  RdChartBuilder b;
  RdChartHit *hit;
  g_autofree char *value = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *exact = NULL;
  double m, x, y, w, bottom, lh, lhs, lhb, status_w = 0, value_w, why_lines_h;
  const char *why;
  RdTextRole value_role = RD_TEXT_BIG;

  g_return_val_if_fail (data != NULL && theme != NULL, NULL);

  rd_chart_builder_init (&b, width, height, theme, pango);
  b.layout->title = g_strdup (data->frame.title);
  m = MIN (RD_CHART_MARGIN, MIN (width, height) / 10);
  x = m;
  y = m;
  w = MAX (width - 2 * m, 0);
  bottom = height - m;
  lh = rd_chart_line_height (&b, RD_TEXT_BODY);
  lhs = rd_chart_line_height (&b, RD_TEXT_SMALL);
  lhb = rd_chart_line_height (&b, RD_TEXT_BIG);

  value = data->defined ? rd_chart_format_value (data->value, data->unit, data->currency, TRUE)
                        : g_strdup (RD_CHART_DASH);
  why = data->defined ? data->why : data->reason;
  if (!data->defined)
    b.layout->empty_reason = g_strdup (data->reason ? data->reason : _("Not defined"));

  /* Title line: title on the left, status on the right. */
  if (data->status != RD_STATUS_NONE)
    {
      const char *word = rd_chart_status_word (data->status);
      double word_w;

      rd_chart_measure_text (&b, word, RD_TEXT_SMALL, &word_w, NULL);
      status_w = MIN (word_w + 14, w / 2);
      rd_chart_add_dot (&b, rd_chart_status_ink (data->status), x + w - status_w + 4, y + lh / 2, 4,
                        data->status == RD_STATUS_WATCH);
      rd_chart_add_text (&b, RD_INK_TEXT_SECONDARY, RD_TEXT_SMALL, word, x + w - status_w + 12,
                         y + (lh - lhs) / 2, status_w - 12, 0);
    }
  rd_chart_add_text (&b, RD_INK_TEXT, RD_TEXT_BODY, data->frame.title, x, y, w - status_w - (status_w > 0 ? 8 : 0),
                     0);
  y += lh + 4;

  /* The value, and its target beside it when there is room, else below. */
  /* A tile too short for the big figure (large type in a small grid)
   * gets it at title size instead. */
  if (y + lhb > bottom)
    {
      value_role = RD_TEXT_TITLE;
      lhb = rd_chart_line_height (&b, RD_TEXT_TITLE);
    }
  rd_chart_measure_text (&b, value, value_role, &value_w, NULL);
  rd_chart_add_text (&b, data->defined ? RD_INK_TEXT : RD_INK_TEXT_SECONDARY, value_role, value, x, y, w, 0);
  if (data->has_target && rd_chart_value_defined (data->target))
    {
      g_autofree char *target = rd_chart_format_value (data->target, data->unit, data->currency, TRUE);
      /* Translators: a tile's target, e.g. "target 3.0×". */
      g_autofree char *text = g_strdup_printf (_("target %s"), target);
      double tw;

      rd_chart_measure_text (&b, text, RD_TEXT_SMALL, &tw, NULL);
      if (value_w + 10 + tw <= w)
        rd_chart_add_text (&b, RD_INK_TEXT_SECONDARY, RD_TEXT_SMALL, text, x + value_w + 10, y + lhb - lhs - 4,
                           0, 0);
      else if (y + lhb + lhs <= bottom)
        {
          y += lhb;
          rd_chart_add_text (&b, RD_INK_TEXT_SECONDARY, RD_TEXT_SMALL, text, x, y, w, 0);
          lhb = lhs + 2;
        }
      /* else the target is left to the tile's tooltip sentence. */
    }
  y += lhb + 4;

  /* Why: two lines when the tile is tall enough, else one. */
  why_lines_h = 0;
  if (why && *why)
    {
      int lines = bottom - y >= 2 * lhs + 24 + 2 * 4 ? 2 : 1;

      if (bottom - y >= lhs)
        {
          RdChartPrim *p = rd_chart_add_paragraph (&b, RD_INK_TEXT_SECONDARY, RD_TEXT_SMALL, why, x, 0, w, lines, 0);

          if (p)
            {
              /* Placed against the bottom edge once its height is known. */
              double shift = bottom - p->h;

              p->y += shift;
              p->y2 += shift;
              why_lines_h = p->h + 4;
            }
        }
    }

  /* The sparkline takes what is left, if that is worth drawing. */
  if (data->n_history >= 2 && bottom - why_lines_h - y >= 16)
    {
      RdRect spark = { x, y + 2, w, bottom - why_lines_h - y - 4 };

      rd_chart_add_sparkline (&b, spark, data->history, data->n_history, RD_INK_BLUE);
    }

  exact = data->defined ? rd_chart_format_value (data->value, data->unit, data->currency, FALSE)
                        : g_strdup (_("not defined"));
  sentence = tile_sentence (data, exact);
  hit = rd_chart_add_hit (&b, 0, 0, width, height, data->metric_id, data->bucket, sentence);
  hit->item = 0;
  return rd_chart_builder_finish (&b);
}
