/* rd-window-private.h — what the files of RdWindow share
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rd-window.h"

G_BEGIN_DECLS

struct _RdWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  RdWorkspace          *workspace;
  RdSummary            *summary;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkMenuButton        *menu_button;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  GMenu                *recent_section;
  GtkWidget            *overview_page;
  GtkWidget            *funnel_page;
  GtkWidget            *aging_page;
  GtkWidget            *coverage_page;
  GtkWidget            *retention_page;
  GtkWidget            *quality_page;
};

/* rd-window-settings.c */
void _rd_window_settings_init (RdWindow   *self);
void _rd_window_save_size     (RdWindow   *self);
void _rd_window_note_opened   (RdWindow   *self,
                               const char *path);

G_END_DECLS
