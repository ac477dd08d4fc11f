/* rd-window.h — the dashboard window: one workspace, six views
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-metrics.h"
#include "rd-workspace.h"

G_BEGIN_DECLS

#define RD_TYPE_WINDOW (rd_window_get_type ())
G_DECLARE_FINAL_TYPE (RdWindow, rd_window, RD, WINDOW, AdwApplicationWindow)

RdWindow        *rd_window_new               (GtkApplication *application);

gboolean         rd_window_open_path         (RdWindow       *self,
                                              const char     *path);
gboolean         rd_window_set_workspace     (RdWindow       *self,
                                              RdWorkspace    *workspace,
                                              GError        **error);
RdWorkspace     *rd_window_get_workspace     (RdWindow       *self);
/* The figures on screen (nullable), and the filter they are computed for. */
const RdMetricPack *rd_window_get_pack       (RdWindow       *self);
const RdFilter  *rd_window_get_filter        (RdWindow       *self);
/* Whether a pack is being computed; the previous figures stay meanwhile. */
gboolean         rd_window_is_loading        (RdWindow       *self);
/* Recomputes the figures for the filter bar's choices. */
void             rd_window_reload            (RdWindow       *self);

/* Opens the drill-down panel on the records behind one figure of the pack;
 * the single entry point of tiles, rows and charts ("win.drill" calls it). */
gboolean         rd_window_show_drill        (RdWindow       *self,
                                              const char     *metric_id,
                                              const char     *bucket);
void             rd_window_close_drill       (RdWindow       *self);
GtkWidget       *rd_window_get_drill_panel   (RdWindow       *self);
GtkWidget       *rd_window_get_filter_bar    (RdWindow       *self);

GtkWidget       *rd_window_get_view          (RdWindow       *self,
                                              const char     *name);
void             rd_window_set_visible_view  (RdWindow       *self,
                                              const char     *name);
void             rd_window_show_error        (RdWindow       *self,
                                              const char     *heading,
                                              const char     *body);
void             rd_window_add_toast         (RdWindow       *self,
                                              const char     *title);

/* File dialogs (rd-window-files.c). */
void             rd_window_choose_open       (RdWindow       *self);
void             rd_window_choose_new        (RdWindow       *self);
void             rd_window_choose_save_copy  (RdWindow       *self);

G_END_DECLS
