/* rd-tile-chart.c — an overview tile: title, big value, target, status, trend, why
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read top to bottom in one glance: what (title) and how it is doing
 * (status dot and word — never the colour alone), the number, the target
 * it is held to, then a picture of it and one or two lines of why at the
 * foot (aligned across a row of tiles). The picture is the last periods
 * as a sparkline; without history, the two figures behind the value as a
 * pair of bars when given and there is room, else a meter of the value
 * against its target. With no picture at all, the why moves up under the
 * value. Everything gives way gracefully in a small tile or with large
 * type: the big figure steps down to title size before the why is cut,
 * and an undefined tile gives its dash's room to the reason.
 * The whole tile is one hit region.
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
  if (data->defined && data->part_label && data->whole_label)
    {
      g_autofree char *part = rd_chart_format_value (data->part, data->parts_unit, data->currency, FALSE);
      g_autofree char *whole = rd_chart_format_value (data->whole, data->parts_unit, data->currency, FALSE);

      /* Translators: the figures behind a tile, e.g. ". Qualified pipeline:
       * $1,800,000; Quota left: $511,000". */
      g_string_append_printf (out, _(". %s: %s; %s: %s"), data->part_label, part, data->whole_label, whole);
    }
  return g_string_free (out, FALSE);
}

/* Lines @text takes at @w in small type (at most @max). */
static int
why_lines (RdChartBuilder *b,
           const char     *text,
           double          w,
           int             max)
{
  double tw;

  if (text == NULL || *text == '\0' || w < 12)
    return 0;
  rd_chart_measure_text (b, text, RD_TEXT_SMALL, &tw, NULL);
  /* Word wrapping wastes some of each line: allow for it. */
  return CLAMP ((int) ceil (tw / (w * 0.9)), 1, max);
}

/* The scale end of a meter: past both the value and the target, and a
 * whole 100% for shares. */
static double
meter_max (const RdTileData *data)
{
  double top = MAX (data->value, data->target);

  if (data->unit == RD_UNIT_PERCENT && top <= 100)
    return 100;
  return top * 1.2;
}

static gboolean
has_meter (const RdTileData *data)
{
  return data->defined && data->has_target && rd_chart_value_defined (data->target) && data->target > 0
         && rd_chart_value_defined (data->value) && data->value >= 0;
}

/* A track with a share of it filled in the status colour, and a tick at
 * @tick (a share too; NaN: none): the value against its target, or the
 * part of its whole. */
static void
add_meter (RdChartBuilder   *b,
           const RdTileData *data,
           RdRect            box,
           double            fill,
           double            tick)
{
  double h = 6, y = box.y + (box.h - h) / 2;
  RdChartInk ink = data->status != RD_STATUS_NONE ? rd_chart_status_ink (data->status) : RD_INK_BLUE;

  rd_chart_add_rect (b, RD_INK_GHOST, box.x, y, box.w, h);
  rd_chart_add_rect (b, ink, box.x, y, MAX (box.w * CLAMP (fill, 0, 1), 1), h);
  if (isfinite (tick))
    {
      double tx = CLAMP (box.x + box.w * MIN (tick, 1), box.x + 1, box.x + box.w - 1);

      rd_chart_add_line (b, RD_INK_TEXT, tx, y - 4, tx, y + h + 4, 2, FALSE);
    }
}

/* Height of the pair of bars of the two figures behind the value. */
static double
parts_height (RdChartBuilder *b)
{
  return 2 * (rd_chart_line_height (b, RD_TEXT_SMALL) + 2 + 8) + RD_CHART_GAP;
}

static void
add_parts (RdChartBuilder   *b,
           const RdTileData *data,
           RdRect            box)
{
  const char *labels[] = { data->part_label, data->whole_label };
  double values[] = { data->part, data->whole };
  double top = MAX (MAX (data->part, data->whole), 1e-9);
  double lhs = rd_chart_line_height (b, RD_TEXT_SMALL);
  double y = box.y + (box.h - parts_height (b)) / 2;
  /* The part in the status colour, like a meter's fill. */
  RdChartInk part_ink = data->status != RD_STATUS_NONE ? rd_chart_status_ink (data->status) : RD_INK_BLUE;

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *v = rd_chart_format_value (values[i], data->parts_unit, data->currency, TRUE);
      double vw;

      rd_chart_measure_text (b, v, RD_TEXT_SMALL, &vw, NULL);
      rd_chart_add_text (b, RD_INK_TEXT_SECONDARY, RD_TEXT_SMALL, labels[i], box.x, y, box.w - vw - RD_CHART_GAP, 0);
      rd_chart_add_text (b, RD_INK_TEXT, RD_TEXT_SMALL, v, box.x + box.w, y, 0, 1);
      y += lhs + 2;
      rd_chart_add_rect (b, i == 0 ? part_ink : RD_INK_NEUTRAL, box.x, y,
                         MAX (box.w * MAX (values[i], 0) / top, 1), 8);
      y += 8 + RD_CHART_GAP / 2 + RD_CHART_GAP / 2;
    }
}

typedef enum
{
  PICTURE_NONE,
  PICTURE_SPARKLINE,
  PICTURE_PARTS,     /* the two figures as a pair of bars */
  PICTURE_SHARE,     /* the part as a share of its whole, one bar */
  PICTURE_METER,     /* the value against its target */
} Picture;

/* The picture a tile has data and @h px of room for. */
static Picture
pick_picture (RdChartBuilder   *b,
              const RdTileData *data,
              double            h)
{
  gboolean parts = data->defined && data->part_label && data->whole_label;

  if (h < 16 || !data->defined)
    return PICTURE_NONE;
  if (data->n_history >= 2)
    return PICTURE_SPARKLINE;
  if (parts && h >= parts_height (b))
    return PICTURE_PARTS;
  if (parts && data->whole > 0 && data->part >= 0 && data->part <= data->whole)
    return PICTURE_SHARE;
  if (has_meter (data))
    return PICTURE_METER;
  return PICTURE_NONE;
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
  g_autofree char *target = NULL;
  g_autofree char *why_with_target = NULL;
  double m, x, y, w, bottom, lh, lhs, lhb = 0, status_w = 0, value_w = 0, target_w = 0, why_h = 0;
  const char *why;
  RdTextRole value_role = RD_TEXT_BIG;
  gboolean show_value = TRUE, target_beside = FALSE, target_below = FALSE;
  Picture picture;
  int lines;

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

  value = data->defined ? rd_chart_format_value (data->value, data->unit, data->currency, TRUE)
                        : g_strdup (RD_CHART_DASH);
  why = data->defined ? data->why : data->reason;
  if (!data->defined)
    b.layout->empty_reason = g_strdup (data->reason ? data->reason : _("Not defined"));
  if (data->has_target && rd_chart_value_defined (data->target))
    {
      g_autofree char *t = rd_chart_format_value (data->target, data->unit, data->currency, TRUE);

      /* Translators: a tile's target, e.g. "target 3.0×". */
      target = g_strdup_printf (_("target %s"), t);
      rd_chart_measure_text (&b, target, RD_TEXT_SMALL, &target_w, NULL);
    }

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

  /* The big figure when the tile has room for it and two lines of why
   * under it, else title size: decided by the tile's size alone, so that
   * tiles of one grid show their figures alike. The figure's line box has
   * room enough under it to need no further gap. */
  lines = why_lines (&b, why, w, 2);
  lhb = rd_chart_line_height (&b, RD_TEXT_BIG);
  if (y + lhb + 2 * lhs > bottom)
    {
      value_role = RD_TEXT_TITLE;
      lhb = rd_chart_line_height (&b, RD_TEXT_TITLE) + 4;
    }
  rd_chart_measure_text (&b, value, value_role, &value_w, NULL);
  target_beside = target && value_w + 10 + target_w <= w;
  /* Below the figure only if the why keeps a line; else it leads the why. */
  target_below = target && !target_beside && y + lhb + lhs + 2 + (lines > 0 ? lhs : 0) <= bottom;
  if (data->defined && target && !target_beside && !target_below && lines > 0)
    {
      /* Translators: a tile's target leading its why line, e.g.
       * "target 105% · GRR 99% · logo retention 99%". */
      why = why_with_target = g_strdup_printf (_("%s · %s"), target, why);
      lines = why_lines (&b, why, w, 2);
    }
  /* An undefined tile too short for its dash and its reason keeps the
   * reason. */
  if (!data->defined && lines > 0 && y + lhb + lhs > bottom)
    show_value = FALSE;
  lines = MIN (lines, (int) ((bottom - y - (show_value ? lhb : 0) - (target_below ? lhs + 2 : 0)) / lhs));

  if (show_value)
    {
      rd_chart_add_text (&b, data->defined ? RD_INK_TEXT : RD_INK_TEXT_SECONDARY, value_role, value, x, y, w, 0);
      if (target_beside)
        rd_chart_add_text (&b, RD_INK_TEXT_SECONDARY, RD_TEXT_SMALL, target, x + value_w + 10, y + lhb - lhs - 4,
                           0, 0);
      y += lhb;
      if (target_below && y + lhs <= bottom)
        {
          rd_chart_add_text (&b, RD_INK_TEXT_SECONDARY, RD_TEXT_SMALL, target, x, y, w, 0);
          y += lhs + 2;
        }
    }

  /* Why: against the foot under a picture (so a row of tiles lines up),
   * else right under the value, with a third line if it needs one. */
  picture = pick_picture (&b, data, bottom - y - 6 - (lines > 0 ? lines * lhs + 4 : 0));
  if (lines > 0)
    {
      RdChartPrim *p;

      if (picture == PICTURE_NONE)
        lines = MIN (why_lines (&b, why, w, 3), MAX ((int) ((bottom - y) / lhs), lines));
      p = rd_chart_add_paragraph (&b, RD_INK_TEXT_SECONDARY, RD_TEXT_SMALL, why, x, y, w, lines, 0);
      if (p && picture != PICTURE_NONE)
        {
          double shift = bottom - p->h - y;

          p->y += shift;
          p->y2 += shift;
        }
      why_h = p ? p->h + 4 : 0;
    }

  /* The picture takes what is left between (what fits of it, now that
   * the why's height is known). */
  if (picture != PICTURE_NONE)
    {
      RdRect box = { x, y + 2, w, bottom - why_h - y - 4 };

      switch (pick_picture (&b, data, box.h))
        {
        case PICTURE_SPARKLINE:
          rd_chart_add_sparkline (&b, box, data->history, data->n_history, RD_INK_BLUE);
          break;
        case PICTURE_PARTS:
          add_parts (&b, data, box);
          break;
        case PICTURE_SHARE:
          add_meter (&b, data, box, data->part / data->whole, NAN);
          break;
        case PICTURE_METER:
          add_meter (&b, data, box, data->value / meter_max (data), data->target / meter_max (data));
          break;
        case PICTURE_NONE:
        default:
          break;
        }
    }

  exact = data->defined ? rd_chart_format_value (data->value, data->unit, data->currency, FALSE)
                        : g_strdup (_("not defined"));
  sentence = tile_sentence (data, exact);
  hit = rd_chart_add_hit (&b, 0, 0, width, height, data->metric_id, data->bucket, sentence);
  hit->item = 0;
  return rd_chart_builder_finish (&b);
}
