/* rd-chart-view.h — one chart of a view, drawn by the charts library
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rd-view.h"

G_BEGIN_DECLS

#define RD_TYPE_CHART_VIEW (rd_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (RdChartView, rd_chart_view, RD, CHART_VIEW, GtkWidget)

GtkWidget           *rd_chart_view_new             (const RdViewChart  *chart);
const RdViewChart   *rd_chart_view_get_chart       (RdChartView        *self);
/* @pack is borrowed: it must stay alive until it is replaced (or NULL is set). */
void                 rd_chart_view_set_pack        (RdChartView        *self,
                                                    const RdMetricPack *pack);
/* @detail is borrowed like the pack; set_pack() drops it. */
void                 rd_chart_view_set_detail      (RdChartView        *self,
                                                    const RdViewDetail *detail);
/* (nullable): the layout drawn now, laid out at the widget's size */
const RdChartLayout *rd_chart_view_get_layout      (RdChartView        *self);
/* The hit the keyboard is on, or −1. */
int                  rd_chart_view_get_focused_hit (RdChartView        *self);
/* Opens the records behind hit @index (what a click or Enter does). */
gboolean             rd_chart_view_activate_hit    (RdChartView        *self,
                                                    guint               index);

G_END_DECLS
