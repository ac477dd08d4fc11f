/* rd-metrics-page.h — one view of the window: tiles and tables over a metric pack
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-metrics-view.h"
#include "rd-view.h"

G_BEGIN_DECLS

typedef enum
{
  RD_TABLE_BUCKETS,   /* a row per bucket of the first id, a column per id */
  RD_TABLE_METRICS,   /* a row per listed metric ("id" or "id|bucket") */
} RdTableKind;

typedef struct
{
  RdTableKind        kind;
  const char        *title;        /* N_() */
  const char        *row_heading;  /* N_(): the first column's name (buckets) */
  const char *const *ids;
  const char *const *columns;      /* N_(): one per id (buckets) */
} RdTableSpec;

typedef struct
{
  const char        *name;         /* "overview", as in the view switcher */
  const char        *title;        /* N_() */
  const char *const *tiles;        /* "id" or "id|bucket" */
  const RdTableSpec *tables;       /* ended by one whose title is NULL */
  const char *const *tile_views;   /* per tile, the view it opens, or NULL for none */
} RdPageSpec;

const RdPageSpec *rd_page_spec_lookup (const char *name);

#define RD_TYPE_METRICS_PAGE (rd_metrics_page_get_type ())
G_DECLARE_FINAL_TYPE (RdMetricsPage, rd_metrics_page, RD, METRICS_PAGE, GtkWidget)

GtkWidget  *rd_metrics_page_new            (const char    *view_name);
const char *rd_metrics_page_get_view_name  (RdMetricsPage *self);
/* The RdChartView of each chart of the view, in reading order. */
GPtrArray  *rd_metrics_page_get_charts     (RdMetricsPage *self);
void        rd_metrics_page_set_detail     (RdMetricsPage      *self,
                                            const RdViewDetail *detail);

G_END_DECLS
