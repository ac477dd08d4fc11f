/* rd-window.h — the dashboard window: one workspace, six views
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-summary.h"
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
const RdSummary *rd_window_get_summary       (RdWindow       *self);

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
