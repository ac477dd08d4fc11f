/* rd-metrics-coverage-private.h — what the coverage, forecast and sales files share
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One metric group (rd_metrics_coverage_group) in four files:
 * rd-metrics-coverage-sums.c  the per-close-month aggregate, the record
 *                             queries behind every number and the sums read
 *                             from either;
 * rd-metrics-coverage.c       quota, coverage, the group's compute and drill;
 * rd-metrics-forecast.c       roll-ups and forecast accuracy;
 * rd-metrics-sales.c          win rate, sales cycle and velocity (also run
 *                             alone for the overview's history).
 */
#pragma once

#include "rd-metrics-private.h"

G_BEGIN_DECLS

#define RD_COV_NO_CATEGORY_BUCKET "(none)"

/* Whole days from the creation date to the close date, never below 0. */
#define RD_COV_CYCLE_DAYS_SQL \
  "max (0, CAST (julianday (d.close_date) - julianday (substr (d.created_at, 1, 10)) AS INTEGER))"

typedef enum
{
  RD_COV_WON,        /* won, close date in [from, to] */
  RD_COV_LOST,       /* lost, close date in [from, to] */
  RD_COV_CLOSED,     /* won or lost, close date in [from, to] */
  RD_COV_OPEN,       /* open, close date in [from, to]; one category unless category_id < 0 */
  RD_COV_QUALIFIED,  /* open, close date in [from, to], category counts toward coverage */
  RD_COV_ROLLUP,     /* won, or open in a category of rollup level <= level; close date in [from, to] */
  RD_COV_OPEN_ALL,   /* open at as-of, any close date */
} RdCovSet;

typedef struct
{
  RdCovSet    set;
  const char *from;
  const char *to;
  gint64      category_id;   /* RD_COV_OPEN: < 0 every category, 0 none, else this one */
  int         level;         /* RD_COV_ROLLUP */
} RdCovSpec;

enum
{
  RD_COV_COL_WON = 1 << 0,     /* won 1/0: for ratios whose drill lists the denominator */
  RD_COV_COL_CYCLE = 1 << 1,   /* cycle_days */
};

typedef struct
{
  gint64    id;
  char     *name;
  gboolean  counts;       /* counts toward coverage */
  int       level;        /* rollup level, 0 = none */
  gint64    open_count;
  gint64    open_cents;
} RdCovCategory;

/* A run of won deals with the same sales cycle. */
typedef struct
{
  gint64 days;
  gint64 n;
} RdCovCycle;

/* The deals closing in [from, to] in their as-of state, with the filter. */
typedef struct
{
  gint64  won_count;
  gint64  won_cents;
  gint64  cycle_sum;       /* days, over the won deals */
  gint64  lost_count;
  gint64  lost_cents;
  gint64  open_count;
  gint64  open_cents;
  gint64  none_count;      /* open deals without a category */
  gint64  none_cents;
  GArray *cats;            /* RdCovCategory; when set, their open sums are filled */
  GArray *cycles;          /* RdCovCycle by days; when set, filled (for the median) */
  guint   need;            /* RD_COV_NEED_…, 0 for all: the records read only these
                            * (the aggregate answers them all at once) */
} RdCovSums;

enum
{
  RD_COV_NEED_WON = 1 << 0,
  RD_COV_NEED_LOST = 1 << 1,
  RD_COV_NEED_OPEN = 1 << 2,
  RD_COV_NEED_ALL = RD_COV_NEED_WON | RD_COV_NEED_LOST | RD_COV_NEED_OPEN,
};

extern const RdAggregate rd_cov_months_aggregate;

/* The deals of @spec: with @select NULL, the rows for people (the drill
 * list); otherwise @select over the same FROM and WHERE, and @group_by. */
RdQuery   *rd_cov_deal_query        (RdMetricsCtx     *ctx,
                                     const RdCovSpec  *spec,
                                     guint             extra,
                                     const char       *select,
                                     const char       *group_by);
/* Runs @query and reads the integers of its first row (0 when NULL or no row). */
gboolean   rd_cov_query_ints        (RdMetricsCtx     *ctx,
                                     const RdQuery    *query,
                                     gint64           *out,
                                     int               n,
                                     GError          **error);
/* Fills @sums (zeroing its numbers, keeping cats and cycles) from the
 * aggregate where it can answer, else from the record queries. */
gboolean   rd_cov_sums              (RdMetricsCtx     *ctx,
                                     const char       *from,
                                     const char       *to,
                                     RdCovSums        *sums,
                                     GError          **error);
/* Deals open at as-of, whatever their close date. */
gboolean   rd_cov_open_all          (RdMetricsCtx     *ctx,
                                     gint64           *count,
                                     GError          **error);
GArray    *rd_cov_load_categories   (RdMetricsCtx     *ctx,
                                     GError          **error);

/* rd-metrics-forecast.c */
gboolean   rd_cov_add_forecast      (RdMetricsCtx     *ctx,
                                     const RdCovSums  *sums,
                                     gboolean          quota_defined,
                                     gint64            quota_cents,
                                     const char       *quota_reason,
                                     const gint64     *history_actual,
                                     char            (*history_key)[16],
                                     int               n_history,
                                     GError          **error);
RdQuery   *rd_cov_forecast_drill    (RdMetricsCtx     *ctx,
                                     const char       *id,
                                     const char       *bucket,
                                     gboolean         *handled,
                                     GError          **error);

/* rd-metrics-sales.c; @open_all < 0: without the open deals and velocity */
void       rd_cov_add_sales         (RdMetricsCtx     *ctx,
                                     const RdCovSums  *sums,
                                     gint64            open_all);
/* The sales metrics of @ctx's period alone (the overview's history): win
 * rates, cycles and average won amount, not the open deals at as-of or the
 * velocity built on them, which are the same for every period. */
gboolean   rd_metrics_sales_compute (RdMetricsCtx     *ctx,
                                     GError          **error);

G_END_DECLS
