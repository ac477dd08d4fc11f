/* rd-metrics-retention-private.h — what the retention, renewals and
 * efficiency files share
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   rd-metrics-retention.c          window, policy, compute and drill dispatch
 *   rd-metrics-retention-rows.c     the record queries (every drill list)
 *   rd-metrics-retention-rates.c    movements, ARR bridge, NRR / GRR / logo
 *   rd-metrics-retention-cohorts.c  cohort tables
 *   rd-metrics-renewals.c           renewals in the next 90 days
 *   rd-metrics-retention-agg.c      the summary tables the numbers read
 */
#pragma once

#include "rd-metrics-private.h"

G_BEGIN_DECLS

#define RD_RENEWAL_HORIZON_DAYS 90
#define RD_COHORT_COUNT         12

/* Months as indexes: "2026-09" → months since year 0. */
int       rd_month_index                (const char   *month);
void      rd_month_format               (int           index,
                                         char          out[8]);
/* A strict "YYYY-MM" (month 01–12). */
gboolean  rd_month_parse                (const char   *text,
                                         int          *index);
/* The first month with MRR > 0 in the workspace, or -1. */
int       rd_retention_first_mrr_month  (RdMetricsCtx *ctx);

/* The months of the filter's period that count: up to the as-of month. */
typedef struct
{
  gboolean valid;
  int      first, last;          /* month indexes; the start is first − 1 */
  char     first_s[8], last_s[8], start_s[8];
  char    *reason;               /* why there is no window */
  char    *name;                 /* "2026-Q3" or "2023-08 – 2026-09" for texts */
} RdRetentionWindow;

void      rd_retention_window_init      (RdMetricsCtx      *ctx,
                                         RdRetentionWindow *w);
void      rd_retention_window_clear     (RdRetentionWindow *w);

/* How an account that starts and churns inside one window counts. */
typedef enum { RD_POLICY_EXCLUDE, RD_POLICY_CHURN, RD_POLICY_IGNORE } RdRetentionPolicy;

/* The five movements: metric id, kind (as in agg_mrr_movements), glossary key. */
typedef struct
{
  const char *id;
  const char *kind;
  const char *term;
} RdMovement;

#define RD_N_MOVEMENTS 5
extern const RdMovement rd_retention_movements[RD_N_MOVEMENTS];

typedef struct
{
  const char *id;
  const char *column;      /* SQL over acct x, in cents (fixed text) */
  const char *where;       /* which accounts the list shows */
} RdBridgePart;

#define RD_N_BRIDGE_PARTS 8
extern const RdBridgePart rd_retention_bridge_parts[RD_N_BRIDGE_PARTS];

/* Record queries (rd-metrics-retention-rows.c). */
RdQuery  *rd_retention_movement_rows    (RdMetricsCtx      *ctx,
                                         int                month,
                                         const char        *kind,
                                         RdRetentionPolicy  policy);
RdQuery  *rd_retention_bridge_rows      (RdMetricsCtx            *ctx,
                                         const RdRetentionWindow *w,
                                         const RdBridgePart      *part,
                                         RdRetentionPolicy        policy);
RdQuery  *rd_retention_rate_rows        (RdMetricsCtx            *ctx,
                                         const RdRetentionWindow *w,
                                         const char              *metric_id,
                                         RdRetentionPolicy        policy);
RdQuery  *rd_retention_cohort_rows      (RdMetricsCtx      *ctx,
                                         int                cohort,
                                         int                k,
                                         int                as_of,
                                         gboolean           revenue);
gboolean  rd_retention_parse_cohort_bucket (const char *bucket,
                                            int        *cohort,
                                            int        *k);
RdQuery  *rd_renewal_rows               (RdMetricsCtx      *ctx,
                                         gboolean           unowned_only,
                                         gboolean           listing);

/* The numbers, from the summary tables. */
gboolean  rd_retention_compute_window   (RdMetricsCtx            *ctx,
                                         const RdRetentionWindow *w,
                                         RdRetentionPolicy        policy,
                                         const char              *policy_name,
                                         GError                 **error);
gboolean  rd_retention_compute_cohorts  (RdMetricsCtx      *ctx,
                                         GError           **error);
gboolean  rd_renewals_compute           (RdMetricsCtx      *ctx,
                                         GError           **error);

void      rd_metric_set_money_cents     (RdMetric          *metric,
                                         gint64             cents);
/* rd_metric_set_definition (), looked up once for a run of metrics with the
 * same key: pass NULL first, then what it returned. */
RdMetric *rd_retention_set_definition   (RdMetricsCtx      *ctx,
                                         RdMetric          *metric,
                                         const char        *key,
                                         RdMetric          *same);

/* The monthly sums and the cohorts' changes to read for the view:
 * "agg_mrr_movements_months" / "…_cohorts" (by segment, region, owner and
 * source) under an owner filter, else their "…_rollup" (without owner). */
const char *rd_retention_months_table   (RdMetricsCtx      *ctx);
const char *rd_retention_cohorts_table  (RdMetricsCtx      *ctx);

/* agg_mrr_movements, agg_mrr_movements_months, agg_mrr_movements_cohorts
 * (rd-metrics-retention-agg.c); registered by the retention group, read by
 * the efficiency group too. */
extern const RdAggregate rd_mrr_movements_agg;
/* agg_renewals_due, an index of renewals (rd-metrics-renewals.c). */
extern const RdAggregate rd_renewals_due_agg;

G_END_DECLS
