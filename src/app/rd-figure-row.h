/* rd-figure-row.h — a list row with a name and aligned figure columns
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef enum
{
  RD_FIGURE_ROW_PLAIN,
  RD_FIGURE_ROW_STRONG,    /* the row's main figure, larger */
  RD_FIGURE_ROW_DIM,
  RD_FIGURE_ROW_GOOD,      /* coloured; the text itself must say it */
  RD_FIGURE_ROW_WATCH,
  RD_FIGURE_ROW_BAD,
} RdFigureRowStyle;

#define RD_TYPE_FIGURE_ROW (rd_figure_row_get_type ())
G_DECLARE_FINAL_TYPE (RdFigureRow, rd_figure_row, RD, FIGURE_ROW, AdwActionRow)

GtkWidget  *rd_figure_row_new        (const char       *title,
                                      const char       *subtitle);
GtkWidget  *rd_figure_row_new_header (const char       *title);
GtkLabel   *rd_figure_row_add_value  (RdFigureRow      *self,
                                      const char       *column,
                                      const char       *text,
                                      const char       *exact,
                                      GtkSizeGroup     *group,
                                      RdFigureRowStyle  style);
GtkWidget  *rd_figure_row_add_bar    (RdFigureRow      *self,
                                      double            fraction,
                                      GtkSizeGroup     *group);
void        rd_figure_row_set_value  (RdFigureRow      *self,
                                      const char       *column,
                                      const char       *text,
                                      const char       *exact,
                                      RdFigureRowStyle  style);
void        rd_figure_row_set_subtitle (RdFigureRow    *self,
                                      const char       *subtitle);
const char *rd_figure_row_get_value  (RdFigureRow      *self,
                                      const char       *column);

void        rd_list_box_remove_all   (GtkListBox       *list);

G_END_DECLS
