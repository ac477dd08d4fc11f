/* rd-query-model.h — the rows of a record query as a paged GListModel
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rd-metrics-loader.h"

G_BEGIN_DECLS

#define RD_QUERY_MODEL_PAGE_SIZE 200

#define RD_TYPE_QUERY_MODEL (rd_query_model_get_type ())
G_DECLARE_FINAL_TYPE (RdQueryModel, rd_query_model, RD, QUERY_MODEL, GObject)

/* @query: (transfer full). @n_rows is the query's row count. */
RdQueryModel  *rd_query_model_new           (RdMetricsLoader *loader,
                                             RdQuery         *query,
                                             const char *const *columns,
                                             guint            n_rows);
const RdQuery *rd_query_model_get_query     (RdQueryModel    *self);
const char *const *rd_query_model_get_columns (RdQueryModel  *self);
/* Orders the rows by @column (−1: the query's own order) and reloads. */
void           rd_query_model_set_sort      (RdQueryModel    *self,
                                             int              column,
                                             gboolean         descending);
/* How many rows are held in memory now (loaded pages only). */
guint          rd_query_model_get_n_cached  (RdQueryModel    *self);

G_END_DECLS
