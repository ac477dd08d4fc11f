/* rd-query-page.h — a record query read a page at a time, and the filter's choices
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drill-down list never holds every row of a query: it asks for the
 * rows it shows, @limit at a time, ordered by one of the query's columns.
 * The filter bar lists the names a filter accepts from here too, so that
 * every line of SQL stays in core.
 */
#pragma once

#include "rd-metrics.h"

G_BEGIN_DECLS

typedef enum
{
  RD_DIMENSION_SEGMENT,
  RD_DIMENSION_REGION,
  RD_DIMENSION_OWNER,
  RD_DIMENSION_SOURCE,
} RdDimension;

/* The names of the query's columns, in order. */
GStrv        rd_query_column_names        (RdWorkspace    *ws,
                                           const RdQuery  *query,
                                           GError        **error);
/* Rows @offset .. @offset + @limit − 1 of @query ordered by column
 * @sort_column (0-based; −1 keeps the query's own order). Each row is a
 * GStrv of the cells as text ("" for NULL). */
GPtrArray   *rd_query_fetch_page          (RdWorkspace    *ws,
                                           const RdQuery  *query,
                                           int             sort_column,
                                           gboolean        descending,
                                           gint64          offset,
                                           guint           limit,
                                           GError        **error);

/* The names rd_filter_resolve() accepts for @dimension, in display order. */
GStrv        rd_filter_list_names         (RdWorkspace    *ws,
                                           RdDimension     dimension,
                                           GError        **error);
/* Writes the write-ahead log back into the file, so that a second
 * connection opened with rd_workspace_open() (which first checks the file's
 * own header) sees a workspace created or migrated by this one. */
gboolean     rd_workspace_checkpoint      (RdWorkspace    *ws,
                                           GError        **error);
/* The first month (1–12) of the workspace's fiscal year. */
int          rd_workspace_fiscal_start_month (RdWorkspace *ws);

G_END_DECLS
