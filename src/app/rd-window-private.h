/* rd-window-private.h — what the files of RdWindow share
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rd-drill-panel.h"
#include "rd-filter-bar.h"
#include "rd-metrics-loader.h"
#include "rd-view.h"
#include "rd-window.h"

G_BEGIN_DECLS

struct _RdWindow
{
  AdwApplicationWindow  parent_instance;

  /* Owned */
  GSettings            *settings;
  RdWorkspace          *workspace;
  RdMetricsLoader      *loader;
  RdFilter             *filter;        /* what the next or current load computes */
  RdMetricPack         *pack;          /* the figures on screen */
  gint64                load_started;  /* monotonic µs, 0 when idle */
  double                last_load_ms;
  RdViewDetail         *detail;        /* the aging view's open deals, for pack */
  struct _RdDetailJob  *detail_job;    /* reading them now, or NULL */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkMenuButton        *menu_button;
  GtkSpinner           *busy_spinner;
  GtkSpinner           *loading_spinner;
  GtkStack             *main_stack;
  RdFilterBar          *filter_bar;
  AdwFlap              *flap;
  RdDrillPanel         *drill_panel;
  AdwViewStack         *view_stack;
  GMenu                *recent_section;
  GtkWidget            *overview_page;
  GtkWidget            *funnel_page;
  GtkWidget            *aging_page;
  GtkWidget            *coverage_page;
  GtkWidget            *retention_page;
  GtkWidget            *quality_page;
};

/* rd-window-detail.c */
typedef struct _RdDetailJob RdDetailJob;
void     _rd_window_update_detail (RdWindow     *self);
gboolean _rd_window_drop_detail   (RdWindow     *self,
                                   RdMetricPack *old);

/* rd-window-settings.c */
void _rd_window_settings_init (RdWindow   *self);
void _rd_window_save_size     (RdWindow   *self);
void _rd_window_note_opened   (RdWindow   *self,
                               const char *path);

G_END_DECLS
