/* rd-metrics-view.c — a page of the window that shows part of a metric pack
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-metrics-view.h"

G_DEFINE_INTERFACE (RdMetricsView, rd_metrics_view, GTK_TYPE_WIDGET)

static void
rd_metrics_view_default_init (RdMetricsViewInterface *iface)
{
}

/**
 * rd_metrics_view_set_pack:
 * @pack: (nullable): the figures to show; the view keeps no pointer into it
 */
void
rd_metrics_view_set_pack (RdMetricsView      *self,
                          const RdMetricPack *pack)
{
  g_return_if_fail (RD_IS_METRICS_VIEW (self));

  RD_METRICS_VIEW_GET_IFACE (self)->set_pack (self, pack);
}

/**
 * rd_metrics_view_drill:
 * @widget: any widget inside the window
 *
 * Activates "win.drill" from @widget, which the window answers by opening
 * the drill-down panel on the metric's records.
 */
void
rd_metrics_view_drill (GtkWidget  *widget,
                       const char *metric_id,
                       const char *bucket)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (metric_id != NULL);

  gtk_widget_activate_action (widget, "win.drill", "(ss)", metric_id, bucket ? bucket : "");
}
