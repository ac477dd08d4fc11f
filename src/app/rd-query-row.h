/* rd-query-row.h — one record of a drill-down list
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RD_TYPE_QUERY_ROW (rd_query_row_get_type ())
G_DECLARE_FINAL_TYPE (RdQueryRow, rd_query_row, RD, QUERY_ROW, GObject)

/* @cells: (transfer full) (nullable): NULL while the row's page is loading */
RdQueryRow *rd_query_row_new      (GStrv       cells);
gboolean    rd_query_row_is_loaded (RdQueryRow *self);
/* "" for a cell past the end or while loading. */
const char *rd_query_row_get_cell (RdQueryRow *self,
                                   guint       column);

G_END_DECLS
