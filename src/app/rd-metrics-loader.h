/* rd-metrics-loader.h — metric packs computed on a worker thread
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rd-metrics.h"

G_BEGIN_DECLS

#define RD_TYPE_METRICS_LOADER (rd_metrics_loader_get_type ())
G_DECLARE_FINAL_TYPE (RdMetricsLoader, rd_metrics_loader, RD, METRICS_LOADER, GObject)

RdMetricsLoader *rd_metrics_loader_new          (const char          *path);
const char      *rd_metrics_loader_get_path     (RdMetricsLoader     *self);
void             rd_metrics_loader_load_async   (RdMetricsLoader     *self,
                                                 const RdFilter      *filter,
                                                 const char          *group,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
RdMetricPack    *rd_metrics_loader_load_finish  (RdMetricsLoader     *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
/* Runs @func (reader, user_data) on the loader's own connection, on the
 * calling thread; for short reads such as one page of a drill-down list. */
typedef gpointer (*RdReaderFunc) (RdWorkspace *reader,
                                  gpointer     user_data,
                                  GError     **error);
gpointer         rd_metrics_loader_with_reader  (RdMetricsLoader     *self,
                                                 RdReaderFunc         func,
                                                 gpointer             user_data,
                                                 GError             **error);
/* Runs @func on a worker thread with the loader's connection. @data is
 * freed with @data_free when the task is done; what @func returns is freed
 * with @result_free unless rd_metrics_loader_read_finish() takes it. The
 * task's source object is @source_object. */
void             rd_metrics_loader_read_async   (RdMetricsLoader     *self,
                                                 gpointer             source_object,
                                                 RdReaderFunc         func,
                                                 gpointer             data,
                                                 GDestroyNotify       data_free,
                                                 GDestroyNotify       result_free,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gpointer         rd_metrics_loader_read_finish  (GAsyncResult        *result,
                                                 GError             **error);
/* The @data given to rd_metrics_loader_read_async(). */
gpointer         rd_metrics_loader_read_get_data (GAsyncResult       *result);

G_END_DECLS
