/* rd-metrics-private.h — what the metric groups share
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each group of metrics lives in its own file (rd-metrics-funnel.c, …) and
 * exports one RdMetricGroup. compute() adds metrics to the pack; drill()
 * returns the record query behind one of them. A group whose metrics count
 * or sum records builds that query once and uses it for both:
 *
 *   query = my_record_query (ctx, bucket);
 *   rd_metrics_add_from_query (ctx, "funnel.reached", bucket, RD_UNIT_COUNT, query, …);
 *
 * and its drill() returns my_record_query (ctx, bucket) again.
 */
#pragma once

#include <sqlite3.h>

#include "rd-aggregates.h"
#include "rd-metrics.h"

G_BEGIN_DECLS

typedef struct
{
  RdWorkspace    *ws;
  sqlite3        *db;
  const RdFilter *filter;
  RdMetricPack   *pack;
  int             fiscal_start_month;
  char            as_of_end[20];   /* "YYYY-MM-DD 23:59:59": the last moment counted */
  char            period_end_time[20];
  char            period_start_time[20];
  gboolean        as_of_is_latest; /* no history after as-of: current columns are the as-of state */
  GHashTable     *definitions;     /* term key → version in force + 1 (rd_metric_set_definition's cache) */
} RdMetricsCtx;

typedef struct
{
  const char *name;        /* the id prefix: "funnel" */
  gboolean  (*compute) (RdMetricsCtx *ctx,
                        GError      **error);
  RdQuery  *(*drill)   (RdMetricsCtx *ctx,
                        const char   *metric_id,
                        const char   *bucket,
                        GError      **error);
  /* NULL-terminated: the summary tables the group reads (rd-aggregates.h). */
  const RdAggregate *const *aggregates;
} RdMetricGroup;

/* Every group, in the order they run. */
const RdMetricGroup *const *rd_metrics_groups (guint *n_groups);

extern const RdMetricGroup rd_metrics_funnel_group;
extern const RdMetricGroup rd_metrics_aging_group;
extern const RdMetricGroup rd_metrics_coverage_group;   /* coverage., forecast., sales. */
extern const RdMetricGroup rd_metrics_change_group;
extern const RdMetricGroup rd_metrics_quality_group;    /* handoff., quality. */
extern const RdMetricGroup rd_metrics_retention_group;  /* retention., renewals. */
extern const RdMetricGroup rd_metrics_efficiency_group;
extern const RdMetricGroup rd_metrics_overview_group;   /* runs last; reads the others */

/* Adds a metric and returns it for the caller to fill further. Strings are copied. */
RdMetric *rd_metrics_add                (RdMetricsCtx   *ctx,
                                         const char     *id,
                                         const char     *bucket,
                                         const char     *label,
                                         RdUnit          unit);
void      rd_metric_set_value           (RdMetric       *metric,
                                         double          value);
void      rd_metric_set_undefined       (RdMetric       *metric,
                                         const char     *reason);
/* value = numerator / denominator (× 100 when the unit is percent); a zero
 * denominator makes the metric undefined with @reason_if_zero. */
void      rd_metric_set_ratio           (RdMetric       *metric,
                                         double          numerator,
                                         double          denominator,
                                         RdUnit          parts_unit,
                                         const char     *reason_if_zero);
void      rd_metric_set_formula         (RdMetric       *metric,
                                         const char     *formula);
/* Looks up the version of @key in force on the as-of date. */
void      rd_metric_set_definition      (RdMetricsCtx   *ctx,
                                         RdMetric       *metric,
                                         const char     *key);

/* Counts (or sums, when the query has a sum_column) the query's rows and
 * adds the metric with that value; marks it drillable. */
RdMetric *rd_metrics_add_from_query     (RdMetricsCtx   *ctx,
                                         const char     *id,
                                         const char     *bucket,
                                         const char     *label,
                                         RdUnit          unit,
                                         const RdQuery  *query,
                                         GError        **error);

/* Appends " AND <alias>.segment_id = ?…" etc. for the filter's segment,
 * region, owner and source; @alias names a table with those columns
 * (opportunities, leads, accounts). Owner and source are skipped when
 * @with_owner / @with_channel are FALSE (tables without them). */
void      rd_metrics_filter_sql         (RdMetricsCtx   *ctx,
                                         RdQuery        *query,
                                         const char     *alias,
                                         gboolean        with_owner,
                                         gboolean        with_channel);

/* Appends the common table expressions "deal_at" and "lead_at": every
 * opportunity (lead) created by the as-of date, in the state it was in at
 * the end of that day. Use after rd_query_new ("WITH "), then continue with
 * ", my_cte AS (…)" or " SELECT … FROM deal_at d …".
 *   deal_at: id, name, account_id, owner_id, channel_id, segment_id, region_id,
 *            created_at, category_override_id, category_id (override, else the
 *            stage's), stage_id, stage_entered_at, close_date, amount_cents,
 *            status ('open' | 'won' | 'lost'), last_change_at
 *   lead_at: id, name, account_id, owner_id, channel_id, segment_id, region_id,
 *            created_at, stage_id, stage_entered_at (leads without an event by
 *            then have stage_id NULL)
 * When nothing in the histories is later than as-of, the stored current
 * columns are that state and no history is replayed. */
void      rd_metrics_append_deal_at     (RdMetricsCtx   *ctx,
                                         RdQuery        *query);
void      rd_metrics_append_lead_at     (RdMetricsCtx   *ctx,
                                         RdQuery        *query);

/* Runs a query and returns the first column of the first row (or @fallback). */
double    rd_metrics_query_double       (RdMetricsCtx   *ctx,
                                         const RdQuery  *query,
                                         double          fallback,
                                         GError        **error);
/* Prepares a record query on the workspace's connection with its values bound. */
sqlite3_stmt *rd_query_prepare          (RdWorkspace    *ws,
                                         const RdQuery  *query,
                                         GError        **error);
sqlite3_stmt *rd_metrics_prepare        (RdMetricsCtx   *ctx,
                                         const RdQuery  *query,
                                         GError        **error);

G_END_DECLS
