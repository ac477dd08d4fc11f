/* rd-view.h — the six pages of Revdeck as compositions of charts
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A view turns one RdMetricPack into the charts of a page: which charts,
 * their titles, their data (every item carries the metric id and bucket it
 * shows, so a click drills into exactly that number) and their footers
 * (definition versions in force, as-of date, filters).
 *
 * The application hosts each chart on its own: rd_view_get_charts() lists
 * them and rd_view_chart_layout() lays one out at the size it was given.
 * Headless output (revdeck-cli render) draws the whole page with
 * rd_view_page_layout() / rd_view_page_paint(), or rd_view_render().
 */
#pragma once

#include "rd-chart.h"

G_BEGIN_DECLS

typedef enum
{
  RD_VIEW_OVERVIEW,
  RD_VIEW_FUNNEL,
  RD_VIEW_AGING,
  RD_VIEW_COVERAGE,
  RD_VIEW_RETENTION,
  RD_VIEW_QUALITY,
  RD_N_VIEWS
} RdView;

typedef struct _RdViewChart RdViewChart;

typedef RdChartLayout *(*RdViewLayoutFunc) (const RdViewChart  *chart,
                                            const RdMetricPack *pack,
                                            double              width,
                                            double              height,
                                            const RdChartTheme *theme,
                                            PangoContext       *pango);

struct _RdViewChart
{
  const char       *id;          /* stable: "funnel", "tile-win-rate" */
  const char       *title;       /* untranslated (N_); see rd_view_chart_get_title */
  gboolean          wide;        /* takes a row of its own, the page's full width */
  double            weight;      /* height of its row relative to the others */
  double            min_width;   /* narrowest grid cell before the grid wraps */
  guint             max_columns; /* most cells of its kind in one grid row; 0: any */
  const char       *metric_id;   /* the metric a tile shows, or NULL */
  RdViewLayoutFunc  layout;
};

/* "overview", "funnel", … and back; the title is translated. */
const char         *rd_view_get_id          (RdView              view);
const char         *rd_view_get_title       (RdView              view);
gboolean            rd_view_from_id         (const char         *id,
                                             RdView             *view);

/* The charts of a view in reading order (the first is the main chart). */
const RdViewChart  *rd_view_get_charts      (RdView              view,
                                             guint              *n_charts);
const char         *rd_view_chart_get_title (const RdViewChart  *chart);
/* Lays out one chart of a view for @pack at the given size. */
RdChartLayout      *rd_view_chart_layout    (const RdViewChart  *chart,
                                             const RdMetricPack *pack,
                                             double              width,
                                             double              height,
                                             const RdChartTheme *theme,
                                             PangoContext       *pango);

/* The metric a hit of a view's chart drills into: the hit's metric id with
 * its bucket; for stacked bars the category (hit series), for the cohort
 * heatmap "<row>/<column index>". NULL when the pack has no such metric. */
const RdMetric     *rd_view_hit_metric      (const RdMetricPack *pack,
                                             const RdChartHit   *hit);

/* ------------------------------------------------------------------------ */
/* Records a metric pack does not hold, which some charts draw one by one:  */
/* the days in stage of each open deal (the rows of the aging.open          */
/* drill-down, fetched by the caller through core's record queries).       */
/* Without them, the aging strip draws each stage's median instead.        */

typedef struct _RdViewDetail RdViewDetail;

RdViewDetail       *rd_view_detail_new       (void);
void                rd_view_detail_free      (RdViewDetail       *detail);
/* One open deal in @stage, @days in it by the filter's aging clock. */
void                rd_view_detail_add_deal  (RdViewDetail       *detail,
                                              const char         *stage,
                                              const char         *id,
                                              const char         *name,
                                              double              days);
guint               rd_view_detail_get_n_deals (const RdViewDetail *detail);
/* Adds the open deals of every stage of @pack, read through the aging.open
 * drill-down queries of @filter (the filter @pack was computed with). */
gboolean            rd_view_detail_fetch     (RdViewDetail       *detail,
                                              RdWorkspace        *ws,
                                              const RdFilter     *filter,
                                              const RdMetricPack *pack,
                                              GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdViewDetail, rd_view_detail_free)

/* rd_view_chart_layout, drawing the records of @detail (nullable) where
 * the chart can. */
RdChartLayout      *rd_view_chart_layout_detailed (const RdViewChart  *chart,
                                                   const RdMetricPack *pack,
                                                   const RdViewDetail *detail,
                                                   double              width,
                                                   double              height,
                                                   const RdChartTheme *theme,
                                                   PangoContext       *pango);

/* Returns: (transfer full): "as of 30 Sep 2026 · 2026-Q3 · Segment: Enterprise". */
char               *rd_view_subtitle        (const RdMetricPack *pack);
/* Returns: (transfer full) (nullable): the one line under an overview
 * headline saying why ("34 won of 124 closed"), as the overview's tiles
 * draw it; @metric is an overview.* metric of @pack. */
char               *rd_view_tile_why        (const RdMetricPack *pack,
                                             const RdMetric     *metric);

/* ------------------------------------------------------------------------ */
/* A whole page: title, subtitle, the main chart across the width, the      */
/* others in a grid that wraps with the width, and a footer.                */

typedef struct _RdViewPage RdViewPage;

RdViewPage          *rd_view_page_layout         (RdView              view,
                                                  const RdMetricPack *pack,
                                                  const RdViewDetail *detail,
                                                  double              width,
                                                  double              height,
                                                  const RdChartTheme *theme,
                                                  PangoContext       *pango);
/* Title, subtitle and footer, in page coordinates. */
const RdChartLayout *rd_view_page_get_frame      (const RdViewPage   *page);
guint                rd_view_page_get_n_charts   (const RdViewPage   *page);
/* The i-th chart, its layout (in its own coordinates) and its place on the
 * page. */
const RdViewChart   *rd_view_page_get_chart      (const RdViewPage   *page,
                                                  guint               index,
                                                  const RdChartLayout **layout,
                                                  double             *x,
                                                  double             *y);
void                 rd_view_page_paint          (const RdViewPage   *page,
                                                  cairo_t            *cr,
                                                  const RdChartTheme *theme);
void                 rd_view_page_free           (RdViewPage         *page);

/* Lays out and paints a page, background included, into @cr; @detail is
 * nullable. */
void                 rd_view_render              (RdView              view,
                                                  const RdMetricPack *pack,
                                                  const RdViewDetail *detail,
                                                  cairo_t            *cr,
                                                  double              width,
                                                  double              height,
                                                  const RdChartTheme *theme);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdViewPage, rd_view_page_free)

G_END_DECLS
