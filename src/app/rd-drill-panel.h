/* rd-drill-panel.h — the records behind one figure, with its formula
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rd-metrics-loader.h"
#include "rd-query-model.h"

G_BEGIN_DECLS

#define RD_TYPE_DRILL_PANEL (rd_drill_panel_get_type ())
G_DECLARE_FINAL_TYPE (RdDrillPanel, rd_drill_panel, RD, DRILL_PANEL, GtkWidget)

/* Shows @metric (from @pack) at once and loads its records on @loader's
 * worker; "loaded" is emitted when the list is there (or failed). */
void          rd_drill_panel_show          (RdDrillPanel       *self,
                                            RdMetricsLoader    *loader,
                                            const RdMetricPack *pack,
                                            const RdMetric     *metric);
void          rd_drill_panel_clear         (RdDrillPanel       *self);
const char   *rd_drill_panel_get_title     (RdDrillPanel       *self);
const char   *rd_drill_panel_get_formula   (RdDrillPanel       *self);
/* (nullable): the list while records are shown */
RdQueryModel *rd_drill_panel_get_model     (RdDrillPanel       *self);
GtkColumnView *rd_drill_panel_get_column_view (RdDrillPanel    *self);
gboolean      rd_drill_panel_is_loading    (RdDrillPanel       *self);
void          rd_drill_panel_select_row    (RdDrillPanel       *self,
                                            guint               position);
guint         rd_drill_panel_get_selected_row (RdDrillPanel    *self);

void          rd_drill_panel_export_async  (RdDrillPanel       *self,
                                            GFile              *file,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
/* Returns the number of rows written, or −1 with @error set. */
gint64        rd_drill_panel_export_finish (RdDrillPanel       *self,
                                            GAsyncResult       *result,
                                            GError            **error);

G_END_DECLS
