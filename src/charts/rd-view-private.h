/* rd-view-private.h — what the view compositions share
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rd-view.h"
#include "rd-chart-private.h"

G_BEGIN_DECLS

/* The deals of one stage in an RdViewDetail. */
typedef struct
{
  GArray    *days;    /* double */
  GPtrArray *ids;     /* char* */
  GPtrArray *names;   /* char* */
} RdViewStageDeals;

const RdViewStageDeals *rd_view_detail_get_stage (const RdViewDetail *detail,
                                                  const char         *stage);
/* The aging strip: a dot per open deal when @detail has them, else each
 * stage's median (rd-view-pipeline.c). */
RdChartLayout  *rd_view_aging_strip_layout (const RdViewChart  *chart,
                                            const RdMetricPack *pack,
                                            const RdViewDetail *detail,
                                            double              width,
                                            double              height,
                                            const RdChartTheme *theme,
                                            PangoContext       *pango);

/* The chart lists of each view (rd-view-overview.c, rd-view-pipeline.c,
 * rd-view-revenue.c). */
extern const RdViewChart rd_view_overview_charts[];
extern const guint       rd_view_overview_n_charts;
extern const RdViewChart rd_view_funnel_charts[];
extern const guint       rd_view_funnel_n_charts;
extern const RdViewChart rd_view_aging_charts[];
extern const guint       rd_view_aging_n_charts;
extern const RdViewChart rd_view_coverage_charts[];
extern const guint       rd_view_coverage_n_charts;
extern const RdViewChart rd_view_retention_charts[];
extern const guint       rd_view_retention_n_charts;
extern const RdViewChart rd_view_quality_charts[];
extern const guint       rd_view_quality_n_charts;

/* While one chart's data is built: the pack, and the strings and arrays the
 * data structs borrow until the renderer has copied them. */
typedef struct
{
  const RdMetricPack *pack;
  GPtrArray          *owned;
} RdViewCtx;

void            rd_view_ctx_init        (RdViewCtx          *ctx,
                                         const RdMetricPack *pack);
void            rd_view_ctx_clear       (RdViewCtx          *ctx);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RdViewCtx, rd_view_ctx_clear)

/* Keeps @p (g_free'd with the context) and returns it. */
gpointer        rd_view_keep            (RdViewCtx          *ctx,
                                         gpointer            p);
const char     *rd_view_printf          (RdViewCtx          *ctx,
                                         const char         *format,
                                         ...) G_GNUC_PRINTF (2, 3);

const RdMetric *rd_view_metric          (RdViewCtx          *ctx,
                                         const char         *id,
                                         const char         *bucket);
/* The value, or NaN when the metric is missing or undefined. */
double          rd_view_value           (RdViewCtx          *ctx,
                                         const char         *id,
                                         const char         *bucket);
/* The metrics of @id that have a bucket, in pack order. */
GPtrArray      *rd_view_buckets         (RdViewCtx          *ctx,
                                         const char         *id);
/* The reason the first undefined or missing metric of @ids gives; NULL when
 * all are defined. */
const char     *rd_view_reason          (RdViewCtx          *ctx,
                                         const char * const *ids);
/* The footer of a chart over @ids (NULL-terminated): "Win rate v1 · as of
 * 30 Sep 2026 · 2026-Q3 · Segment: Enterprise", after @extra (a setting the
 * numbers depend on, or what a "—" means) when not NULL. */
const char     *rd_view_footer          (RdViewCtx          *ctx,
                                         const char * const *ids,
                                         const char         *extra);
const char     *rd_view_format          (RdViewCtx          *ctx,
                                         double              value,
                                         RdUnit              unit,
                                         gboolean            short_form);
/* "30 Sep 2026" for "2026-09-30". */
char           *rd_view_format_date     (const char         *iso_date);

/* The empty state of a chart that cannot be drawn at all. */
RdChartLayout  *rd_view_empty_layout    (const char         *title,
                                         const char         *footer,
                                         const char         *reason,
                                         double              width,
                                         double              height,
                                         const RdChartTheme *theme,
                                         PangoContext       *pango);

/* The two figures behind a tile's value, drawn as a pair of bars. */
typedef struct
{
  const char *part_label;     /* "Qualified pipeline" */
  const char *whole_label;    /* "Quota left" */
  gboolean    from_ratio;     /* the metric's numerator and denominator … */
  double      part, whole;    /* … else these */
  RdUnit      unit;
} RdViewParts;

/* A tile for one metric: value, target, status, history from
 * "<id>.history", @why, and optionally @parts. */
RdChartLayout  *rd_view_tile_layout     (RdViewCtx          *ctx,
                                         const char         *title,
                                         const char         *metric_id,
                                         const char         *bucket,
                                         const char         *why,
                                         const RdViewParts  *parts,
                                         double              width,
                                         double              height,
                                         const RdChartTheme *theme,
                                         PangoContext       *pango);

/* One bar per bucket of @id: the bucket as label, the reason as note when
 * the value is undefined. Returns an array kept by @ctx. */
RdBarItem      *rd_view_bucket_bars     (RdViewCtx          *ctx,
                                         const char         *id,
                                         guint              *n_items);

/* When no bar has a value: the first bar's note (its reason); else NULL. */
const char     *rd_view_bars_reason     (const RdBarItem    *items,
                                         guint               n_items);

/* A bar for a named metric; label and note are untranslated (N_). */
typedef struct
{
  const char *id;
  const char *bucket;
  const char *label;
  const char *note;
} RdViewBarSpec;

RdBarItem      *rd_view_spec_bars       (RdViewCtx           *ctx,
                                         const RdViewBarSpec *specs,
                                         guint                n_specs);
/* A bar chart of counts, one bar per spec, titled as @chart, with the
 * footer of @ids (NULL-terminated). */
RdChartLayout  *rd_view_spec_count_layout (const RdViewChart   *chart,
                                           const RdMetricPack  *pack,
                                           const RdViewBarSpec *specs,
                                           guint                n_specs,
                                           const char * const  *ids,
                                           double               width,
                                           double               height,
                                           const RdChartTheme  *theme,
                                           PangoContext        *pango);

/* A step of a bridge: a total, or a change whose value is @sign × the metric. */
typedef struct
{
  const char *id;
  const char *label;          /* untranslated (N_) */
  RdStepKind  kind;
  double      sign;
} RdViewStepSpec;

RdChartLayout  *rd_view_bridge_layout   (RdViewCtx            *ctx,
                                         const RdViewStepSpec *specs,
                                         guint                 n_specs,
                                         const char           *title,
                                         const char * const   *ids,
                                         const char           *extra,
                                         double                width,
                                         double                height,
                                         const RdChartTheme   *theme,
                                         PangoContext         *pango);

/* "2.1× of a 3.0× target — $1.4M short", or why coverage has no value. */
const char     *rd_view_coverage_sentence (RdViewCtx        *ctx);
/* "$1.8M qualified ÷ $511K quota left", or NULL without a coverage. */
const char     *rd_view_coverage_math     (RdViewCtx        *ctx);

G_END_DECLS
