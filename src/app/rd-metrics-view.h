/* rd-metrics-view.h — a page of the window that shows part of a metric pack
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A view copies what it shows from the pack and keeps no pointer into it.
 * A figure that a person clicks opens its records through the window action
 * "win.drill" with the parameter (metric id, bucket or ""), the single entry
 * point that tiles, rows and charts share.
 */
#pragma once

#include <gtk/gtk.h>

#include "rd-metrics.h"

G_BEGIN_DECLS

#define RD_TYPE_METRICS_VIEW (rd_metrics_view_get_type ())
G_DECLARE_INTERFACE (RdMetricsView, rd_metrics_view, RD, METRICS_VIEW, GtkWidget)

struct _RdMetricsViewInterface
{
  GTypeInterface parent_iface;

  /* NULL clears the view. */
  void (*set_pack) (RdMetricsView      *self,
                    const RdMetricPack *pack);
};

void rd_metrics_view_set_pack (RdMetricsView      *self,
                               const RdMetricPack *pack);
/* Asks the window to open the drill-down of a metric; @bucket may be NULL. */
void rd_metrics_view_drill    (GtkWidget          *widget,
                               const char         *metric_id,
                               const char         *bucket);

G_END_DECLS
