/* rd-chart-theme.c — the GNOME palette for light, dark and high contrast
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Light uses the palette's third shades on white (blue 3, green 4 …), dark
 * the lighter second shades on libadwaita's dark view colour, so marks keep
 * their contrast against the background. High contrast uses black on white,
 * saturated fourth/fifth shades and thicker strokes; gridlines are solid.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rd-chart.h"

static void
set_hex (RdChartColor *c,
         guint32       rgb,
         double        alpha)
{
  c->red = ((rgb >> 16) & 0xff) / 255.0;
  c->green = ((rgb >> 8) & 0xff) / 255.0;
  c->blue = (rgb & 0xff) / 255.0;
  c->alpha = alpha;
}

typedef struct
{
  guint32 background, text, text2, grid, axis, neutral, ghost, target;
  guint32 blue, green, yellow, orange, red, purple;
  guint32 heat_low, heat_high;
  double  grid_alpha;
} Palette;

static const Palette light = {
  0xffffff, 0x241f31, 0x5e5c64, 0x000000, 0x77767b, 0x9a9996, 0xdeddda, 0x3d3846,
  0x3584e4, 0x2ec27e, 0xf5c211, 0xe66100, 0xc01c28, 0x813d9c,
  0xe8f1fc, 0x1a5fb4, 0.10,
};

static const Palette dark = {
  0x1e1e1e, 0xffffff, 0xc0bfbc, 0xffffff, 0x9a9996, 0x77767b, 0x3d3846, 0xdeddda,
  0x62a0ea, 0x57e389, 0xf8e45c, 0xffa348, 0xf66151, 0xc061cb,
  0x24324a, 0x99c1f1, 0.12,
};

static const Palette high_contrast = {
  0xffffff, 0x000000, 0x000000, 0x000000, 0x000000, 0x5e5c64, 0xc0bfbc, 0x000000,
  0x1a5fb4, 0x26a269, 0xc88800, 0xc64600, 0xa51d2d, 0x613583,
  0xffffff, 0x0b3b7a, 0.35,
};

void
rd_chart_theme_init (RdChartTheme *theme,
                     RdChartStyle  style)
{
  const Palette *p = style == RD_CHART_STYLE_DARK ? &dark
                   : style == RD_CHART_STYLE_HIGH_CONTRAST ? &high_contrast : &light;

  g_return_if_fail (theme != NULL);

  memset (theme, 0, sizeof *theme);
  theme->style = style;
  set_hex (&theme->inks[RD_INK_BACKGROUND], p->background, 1);
  set_hex (&theme->inks[RD_INK_TEXT], p->text, 1);
  set_hex (&theme->inks[RD_INK_TEXT_SECONDARY], p->text2, 1);
  set_hex (&theme->inks[RD_INK_GRID], p->grid, p->grid_alpha);
  set_hex (&theme->inks[RD_INK_AXIS], p->axis, 1);
  set_hex (&theme->inks[RD_INK_NEUTRAL], p->neutral, 1);
  set_hex (&theme->inks[RD_INK_GHOST], p->ghost, 1);
  set_hex (&theme->inks[RD_INK_TARGET], p->target, 1);
  set_hex (&theme->inks[RD_INK_BLUE], p->blue, 1);
  set_hex (&theme->inks[RD_INK_GREEN], p->green, 1);
  set_hex (&theme->inks[RD_INK_YELLOW], p->yellow, 1);
  set_hex (&theme->inks[RD_INK_ORANGE], p->orange, 1);
  set_hex (&theme->inks[RD_INK_RED], p->red, 1);
  set_hex (&theme->inks[RD_INK_PURPLE], p->purple, 1);
  theme->inks[RD_INK_GOOD] = theme->inks[RD_INK_GREEN];
  /* Yellow is unreadable as a mark on white; the warning colour is orange. */
  theme->inks[RD_INK_WARNING] = theme->inks[RD_INK_ORANGE];
  theme->inks[RD_INK_BAD] = theme->inks[RD_INK_RED];
  theme->inks[RD_INK_FOCUS] = theme->inks[RD_INK_BLUE];
  set_hex (&theme->heat_low, p->heat_low, 1);
  set_hex (&theme->heat_high, p->heat_high, 1);
  theme->inks[RD_INK_HEAT] = theme->heat_high;
  theme->inks[RD_INK_CONTRAST] = theme->inks[RD_INK_TEXT];

  /* Cantarell is GNOME's interface face; Pango falls back to the system sans. */
  g_strlcpy (theme->font_family, "Cantarell, Sans", sizeof theme->font_family);
  theme->font_size = style == RD_CHART_STYLE_HIGH_CONTRAST ? 14 : 13;
  theme->line_width = style == RD_CHART_STYLE_HIGH_CONTRAST ? 2 : 1;
}

void
rd_chart_theme_set_font (RdChartTheme *theme,
                         const char   *family,
                         double        size_px)
{
  g_return_if_fail (theme != NULL);

  if (family && *family)
    g_strlcpy (theme->font_family, family, sizeof theme->font_family);
  if (size_px > 0)
    theme->font_size = size_px;
}

/* WCAG relative luminance. */
static double
luminance (const RdChartColor *c)
{
  double ch[3] = { c->red, c->green, c->blue };

  for (guint i = 0; i < 3; i++)
    ch[i] = ch[i] <= 0.03928 ? ch[i] / 12.92 : pow ((ch[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}

void
rd_chart_theme_resolve (const RdChartTheme *theme,
                        RdChartInk          ink,
                        double              heat,
                        RdChartInk          over,
                        RdChartColor       *out)
{
  g_return_if_fail (theme != NULL && out != NULL);

  if (ink == RD_INK_HEAT)
    {
      double t = isfinite (heat) ? CLAMP (heat, 0.0, 1.0) : 0.0;
      const RdChartColor *a = &theme->heat_low, *z = &theme->heat_high;

      out->red = a->red + (z->red - a->red) * t;
      out->green = a->green + (z->green - a->green) * t;
      out->blue = a->blue + (z->blue - a->blue) * t;
      out->alpha = 1;
    }
  else if (ink == RD_INK_CONTRAST)
    {
      RdChartColor behind;

      if (over == RD_INK_CONTRAST)
        over = RD_INK_BACKGROUND;
      rd_chart_theme_resolve (theme, over, heat, RD_INK_BACKGROUND, &behind);
      /* Pick whichever of black and white has the higher contrast ratio:
       * white wins when (1.05) / (L + 0.05) > (L + 0.05) / 0.05. */
      if (luminance (&behind) < 0.179)
        *out = (RdChartColor) { 1, 1, 1, 1 };
      else
        *out = (RdChartColor) { 0, 0, 0, theme->style == RD_CHART_STYLE_HIGH_CONTRAST ? 1 : 0.87 };
    }
  else if ((guint) ink < RD_N_INKS)
    *out = theme->inks[ink];
  else
    *out = theme->inks[RD_INK_TEXT];
}

RdChartInk
rd_chart_series_ink (guint index)
{
  /* Blue first (the accent), then hues far apart from each other; red is
   * left out because it reads as "bad". */
  static const RdChartInk order[] = {
    RD_INK_BLUE, RD_INK_ORANGE, RD_INK_GREEN, RD_INK_PURPLE, RD_INK_YELLOW, RD_INK_NEUTRAL,
  };

  return order[index % G_N_ELEMENTS (order)];
}

RdChartInk
rd_chart_status_ink (RdStatus status)
{
  switch (status)
    {
    case RD_STATUS_ON_TRACK:
      return RD_INK_GOOD;
    case RD_STATUS_WATCH:
      return RD_INK_WARNING;
    case RD_STATUS_OFF_TRACK:
      return RD_INK_BAD;
    case RD_STATUS_NONE:
    default:
      return RD_INK_NEUTRAL;
    }
}

const char *
rd_chart_status_word (RdStatus status)
{
  switch (status)
    {
    case RD_STATUS_ON_TRACK:
      return _("On track");
    case RD_STATUS_WATCH:
      return _("Watch");
    case RD_STATUS_OFF_TRACK:
      return _("Off track");
    case RD_STATUS_NONE:
    default:
      return _("No target");
    }
}
