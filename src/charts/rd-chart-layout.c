/* rd-chart-layout.c — the display list: paint, hit-test, describe
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Painting replays primitives whose text was shaped at layout time, so its
 * cost depends on the number of marks, never on the data behind them.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rd-chart-private.h"

double
rd_chart_layout_get_width (const RdChartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);
  return layout->width;
}

double
rd_chart_layout_get_height (const RdChartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);
  return layout->height;
}

guint
rd_chart_layout_get_n_prims (const RdChartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);
  return layout->prims->len;
}

const RdChartPrim *
rd_chart_layout_get_prim (const RdChartLayout *layout,
                          guint                index)
{
  g_return_val_if_fail (layout != NULL && index < layout->prims->len, NULL);
  return &g_array_index (layout->prims, RdChartPrim, index);
}

guint
rd_chart_layout_get_n_hits (const RdChartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);
  return layout->hits->len;
}

const RdChartHit *
rd_chart_layout_get_hit (const RdChartLayout *layout,
                         guint                index)
{
  g_return_val_if_fail (layout != NULL && index < layout->hits->len, NULL);
  return &g_array_index (layout->hits, RdChartHit, index);
}

const char *
rd_chart_layout_get_empty_reason (const RdChartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);
  return layout->empty_reason;
}

int
rd_chart_layout_hit_test (const RdChartLayout *layout,
                          double               x,
                          double               y)
{
  g_return_val_if_fail (layout != NULL, -1);

  /* Later regions are drawn on top (dots over their row), so search backwards. */
  for (guint i = layout->hits->len; i > 0; i--)
    {
      const RdChartHit *hit = &g_array_index (layout->hits, RdChartHit, i - 1);

      if (x >= hit->x && x < hit->x + hit->w && y >= hit->y && y < hit->y + hit->h)
        return (int) i - 1;
    }
  return -1;
}

char *
rd_chart_layout_describe (const RdChartLayout *layout)
{
  GString *out;

  g_return_val_if_fail (layout != NULL, NULL);

  out = g_string_new (layout->title);
  if (layout->empty_reason)
    {
      if (out->len)
        g_string_append (out, ". ");
      g_string_append (out, layout->empty_reason);
    }
  for (guint i = 0; i < layout->hits->len; i++)
    {
      const RdChartHit *hit = &g_array_index (layout->hits, RdChartHit, i);

      if (out->len)
        g_string_append (out, out->str[out->len - 1] == '.' ? " " : ". ");
      g_string_append (out, hit->label);
    }
  if (out->len && out->str[out->len - 1] != '.')
    g_string_append_c (out, '.');
  return g_string_free (out, FALSE);
}

static void
set_source (cairo_t            *cr,
            const RdChartTheme *theme,
            const RdChartPrim  *prim)
{
  RdChartColor c;

  rd_chart_theme_resolve (theme, prim->ink, prim->heat, prim->over, &c);
  cairo_set_source_rgba (cr, c.red, c.green, c.blue, c.alpha);
}

/* Whether @b can join @a's path: same shape kind (not text or polylines,
 * whose overlaps would change), same colour, same stroke. Overlapping
 * translucent marks would darken differently in one fill, but every ink
 * but the gridlines is opaque and gridlines do not overlap. */
static gboolean
same_style (const RdChartPrim *a,
            const RdChartPrim *b)
{
  return a->kind == b->kind && a->kind != RD_PRIM_TEXT && a->kind != RD_PRIM_POLYLINE
         && a->ink == b->ink && a->ink != RD_INK_CONTRAST
         && (a->ink != RD_INK_HEAT || a->heat == b->heat)
         && a->line_width == b->line_width && a->dashed == b->dashed;
}

/* Dots are drawn by the hundred (aging rows, line points). On an image
 * target each distinct dot is rasterised once into a small sprite at the
 * target's pixel scale and stamped at whole device pixels, which costs a
 * fraction of filling hundreds of arcs. Vector targets (SVG, PDF) keep real
 * circles. */
typedef struct
{
  RdPrimKind       kind;
  RdChartInk       ink;
  double           radius;
  double           line_width;
  cairo_surface_t *surface;
  double           size;      /* logical */
} Sprite;

#define MAX_SPRITES 8

typedef struct
{
  double ctm_scale;           /* user → device */
  double device_scale;        /* device → pixels */
  Sprite sprites[MAX_SPRITES];
  guint  n_sprites;
} SpriteCache;

static gboolean
sprite_cache_init (SpriteCache *cache,
                   cairo_t     *cr)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_matrix_t m;
  double sy;

  cache->n_sprites = 0;
  cairo_get_matrix (cr, &m);
  cairo_surface_get_device_scale (target, &cache->device_scale, &sy);
  cache->ctm_scale = m.xx;
  return cairo_surface_get_type (target) == CAIRO_SURFACE_TYPE_IMAGE
         && m.xy == 0 && m.yx == 0 && m.xx == m.yy && m.xx > 0 && cache->device_scale == sy;
}

static void
sprite_cache_clear (SpriteCache *cache)
{
  for (guint i = 0; i < cache->n_sprites; i++)
    cairo_surface_destroy (cache->sprites[i].surface);
  cache->n_sprites = 0;
}

static const Sprite *
sprite_for (SpriteCache        *cache,
            const RdChartTheme *theme,
            const RdChartPrim  *prim,
            double              lw)
{
  double scale = cache->ctm_scale * cache->device_scale;
  RdChartColor c;
  Sprite *sprite;
  cairo_t *cr;
  int pixels;

  for (guint i = 0; i < cache->n_sprites; i++)
    {
      sprite = &cache->sprites[i];
      if (sprite->kind == prim->kind && sprite->ink == prim->ink && sprite->radius == prim->w
          && sprite->line_width == lw)
        return sprite;
    }
  if (cache->n_sprites == MAX_SPRITES)
    return NULL;

  sprite = &cache->sprites[cache->n_sprites++];
  sprite->kind = prim->kind;
  sprite->ink = prim->ink;
  sprite->radius = prim->w;
  sprite->line_width = lw;
  pixels = (int) ceil ((2 * prim->w + 2) * scale);
  sprite->size = pixels / scale;
  sprite->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixels, pixels);
  cairo_surface_set_device_scale (sprite->surface, scale, scale);

  cr = cairo_create (sprite->surface);
  rd_chart_theme_resolve (theme, prim->ink, prim->heat, prim->over, &c);
  cairo_set_source_rgba (cr, c.red, c.green, c.blue, c.alpha);
  cairo_arc (cr, sprite->size / 2, sprite->size / 2, prim->kind == RD_PRIM_RING ? MAX (prim->w - lw / 2, 0.5) : prim->w,
             0, 2 * G_PI);
  if (prim->kind == RD_PRIM_RING)
    {
      cairo_set_line_width (cr, lw);
      cairo_stroke (cr);
    }
  else
    cairo_fill (cr);
  cairo_destroy (cr);
  return sprite;
}

/* Stamps @sprite centred on (x, y), snapped to whole device pixels. */
static void
stamp (cairo_t           *cr,
       const SpriteCache *cache,
       const Sprite      *sprite,
       double             x,
       double             y)
{
  double ux = x - sprite->size / 2, uy = y - sprite->size / 2;

  cairo_user_to_device (cr, &ux, &uy);
  ux = round (ux * cache->device_scale) / cache->device_scale;
  uy = round (uy * cache->device_scale) / cache->device_scale;
  cairo_device_to_user (cr, &ux, &uy);
  cairo_set_source_surface (cr, sprite->surface, ux, uy);
  cairo_rectangle (cr, ux, uy, sprite->size, sprite->size);
  cairo_fill (cr);
}

void
rd_chart_paint_background (cairo_t            *cr,
                           const RdChartTheme *theme,
                           double              width,
                           double              height)
{
  const RdChartColor *c;

  g_return_if_fail (cr != NULL && theme != NULL);

  c = &theme->inks[RD_INK_BACKGROUND];
  cairo_save (cr);
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_restore (cr);
}

void
rd_chart_layout_paint (const RdChartLayout *layout,
                       cairo_t             *cr,
                       const RdChartTheme  *theme)
{
  static const double dash[] = { 4, 3 };
  gboolean batched = FALSE, use_sprites;
  SpriteCache sprites;

  g_return_if_fail (layout != NULL && cr != NULL && theme != NULL);

  cairo_save (cr);
  use_sprites = sprite_cache_init (&sprites, cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  for (guint i = 0; i < layout->prims->len; i++)
    {
      const RdChartPrim *prim = &g_array_index (layout->prims, RdChartPrim, i);
      const RdChartPrim *next = i + 1 < layout->prims->len
                                ? &g_array_index (layout->prims, RdChartPrim, i + 1) : NULL;
      double lw = prim->line_width > 0 ? prim->line_width : theme->line_width;
      /* Runs of like marks (dots of one series, gridlines, bars of one
       * colour) share one path and one fill or stroke: far fewer
       * rasterisations, identical pixels. */
      gboolean batch_next = next != NULL && same_style (prim, next);

      if (!batched)
        {
          set_source (cr, theme, prim);
          cairo_set_line_width (cr, lw);
          cairo_set_dash (cr, dash, prim->dashed ? G_N_ELEMENTS (dash) : 0, 0);
        }
      batched = batch_next;

      switch (prim->kind)
        {
        case RD_PRIM_RECT:
          cairo_rectangle (cr, prim->x, prim->y, prim->w, prim->h);
          if (!batch_next)
            cairo_fill (cr);
          break;

        case RD_PRIM_FRAME:
          cairo_rectangle (cr, prim->x + lw / 2, prim->y + lw / 2, prim->w - lw, prim->h - lw);
          if (!batch_next)
            cairo_stroke (cr);
          break;

        case RD_PRIM_LINE:
          cairo_move_to (cr, prim->x, prim->y);
          cairo_line_to (cr, prim->x2, prim->y2);
          if (!batch_next)
            cairo_stroke (cr);
          break;

        case RD_PRIM_DOT:
        case RD_PRIM_RING:
          if (use_sprites)
            {
              const Sprite *sprite = sprite_for (&sprites, theme, prim, lw);

              if (sprite)
                {
                  stamp (cr, &sprites, sprite, prim->x, prim->y);
                  /* The stamp replaced the source: the next mark sets its own. */
                  batched = FALSE;
                  break;
                }
            }
          if (prim->kind == RD_PRIM_RING)
            {
              cairo_new_sub_path (cr);
              cairo_arc (cr, prim->x, prim->y, MAX (prim->w - lw / 2, 0.5), 0, 2 * G_PI);
              if (!batch_next)
                cairo_stroke (cr);
              break;
            }
          cairo_new_sub_path (cr);
          cairo_arc (cr, prim->x, prim->y, prim->w, 0, 2 * G_PI);
          if (!batch_next)
            cairo_fill (cr);
          break;

        case RD_PRIM_POLYLINE:
          for (guint p = 0; p < prim->n_points; p++)
            {
              if (p == 0)
                cairo_move_to (cr, prim->points[0], prim->points[1]);
              else
                cairo_line_to (cr, prim->points[2 * p], prim->points[2 * p + 1]);
            }
          cairo_stroke (cr);
          break;

        case RD_PRIM_TEXT:
          if (prim->pango)
            {
              cairo_move_to (cr, prim->x2, prim->y2);
              pango_cairo_show_layout (cr, prim->pango);
              cairo_new_path (cr);
            }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  sprite_cache_clear (&sprites);
  cairo_restore (cr);
}

void
rd_chart_layout_paint_focus (const RdChartLayout *layout,
                             cairo_t             *cr,
                             const RdChartTheme  *theme,
                             guint                index)
{
  const RdChartHit *hit;
  const RdChartColor *c;
  double r = 4, x, y, w, h;

  g_return_if_fail (layout != NULL && cr != NULL && theme != NULL);
  g_return_if_fail (index < layout->hits->len);

  hit = &g_array_index (layout->hits, RdChartHit, index);
  c = &theme->inks[RD_INK_FOCUS];
  x = hit->x - 1;
  y = hit->y - 1;
  w = hit->w + 2;
  h = hit->h + 2;
  r = MIN (r, MIN (w, h) / 2);

  cairo_save (cr);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, 0.5 * c->alpha);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
clear_prim (gpointer data)
{
  RdChartPrim *prim = data;

  g_clear_pointer (&prim->points, g_free);
  g_clear_pointer (&prim->text, g_free);
  g_clear_object (&prim->pango);
}

static void
clear_hit (gpointer data)
{
  RdChartHit *hit = data;

  g_clear_pointer (&hit->metric_id, g_free);
  g_clear_pointer (&hit->bucket, g_free);
  g_clear_pointer (&hit->series, g_free);
  g_clear_pointer (&hit->label, g_free);
}

RdChartLayout *
_rd_chart_layout_new (double width,
                      double height)
{
  RdChartLayout *layout = g_new0 (RdChartLayout, 1);

  layout->width = width;
  layout->height = height;
  layout->prims = g_array_new (FALSE, TRUE, sizeof (RdChartPrim));
  g_array_set_clear_func (layout->prims, clear_prim);
  layout->hits = g_array_new (FALSE, TRUE, sizeof (RdChartHit));
  g_array_set_clear_func (layout->hits, clear_hit);
  return layout;
}

void
rd_chart_layout_free (RdChartLayout *layout)
{
  if (layout == NULL)
    return;
  g_array_unref (layout->prims);
  g_array_unref (layout->hits);
  g_free (layout->title);
  g_free (layout->empty_reason);
  g_free (layout);
}
