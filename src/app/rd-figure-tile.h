/* rd-figure-tile.h — one headline figure: title, big value, detail
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  RD_FIGURE_STATUS_NONE,
  RD_FIGURE_STATUS_GOOD,
  RD_FIGURE_STATUS_WATCH,
  RD_FIGURE_STATUS_BAD,
} RdFigureStatus;

#define RD_TYPE_FIGURE_TILE (rd_figure_tile_get_type ())
G_DECLARE_FINAL_TYPE (RdFigureTile, rd_figure_tile, RD, FIGURE_TILE, GtkWidget)

const char *rd_figure_tile_get_title  (RdFigureTile   *self);
void        rd_figure_tile_set_title  (RdFigureTile   *self,
                                       const char     *title);
const char *rd_figure_tile_get_value  (RdFigureTile   *self);
void        rd_figure_tile_set_value  (RdFigureTile   *self,
                                       const char     *value,
                                       const char     *exact);
void        rd_figure_tile_set_money  (RdFigureTile   *self,
                                       gint64          cents,
                                       const char     *currency);
void        rd_figure_tile_set_count  (RdFigureTile   *self,
                                       gint64          n);
void        rd_figure_tile_set_detail (RdFigureTile   *self,
                                       const char     *detail);
void        rd_figure_tile_set_status (RdFigureTile   *self,
                                       RdFigureStatus  status,
                                       const char     *word);
void        rd_figure_tile_set_level  (RdFigureTile   *self,
                                       double          fraction);
/* Shows a link under the figure that opens @view_id ("funnel") through the
 * window's win.show-view action; NULL hides it. */
void        rd_figure_tile_set_view   (RdFigureTile   *self,
                                       const char     *view_id,
                                       const char     *view_title);

G_END_DECLS
