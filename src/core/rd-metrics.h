/* rd-metrics.h — every number of metrics.md, with its formula and its records
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A metric pack is a flat list of metrics, each named by a stable id and an
 * optional bucket ("funnel.reached" / "MQL"). Every metric that counts or
 * sums records is computed by aggregating one record query (RdQuery), and the
 * drill-down of that metric lists the rows of the very same query, so the
 * number and its list cannot disagree.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "rd-filter.h"
#include "rd-workspace.h"

G_BEGIN_DECLS

typedef enum
{
  RD_UNIT_COUNT,
  RD_UNIT_MONEY,          /* value in major units of the workspace currency */
  RD_UNIT_PERCENT,        /* 0–100 (and above, for NRR or forecast / actual) */
  RD_UNIT_RATIO,          /* "2.1x" */
  RD_UNIT_DAYS,
  RD_UNIT_MONTHS,
  RD_UNIT_MONEY_PER_DAY,
} RdUnit;

typedef enum
{
  RD_STATUS_NONE,
  RD_STATUS_ON_TRACK,
  RD_STATUS_WATCH,
  RD_STATUS_OFF_TRACK,
} RdStatus;

typedef struct
{
  char     *id;                /* stable: "coverage.pipeline" */
  char     *bucket;            /* NULL, or a stage name, a month, a category … */
  char     *label;             /* translated, for people */
  RdUnit    unit;
  gboolean  defined;           /* FALSE: value is meaningless, see reason */
  double    value;
  char     *reason;            /* why undefined ("no deals closed in 2026-Q3") */
  gboolean  is_ratio;          /* value = numerator / denominator (× 100 for percent) */
  double    numerator;
  double    denominator;
  RdUnit    numerator_unit;    /* units of numerator and denominator (money or count) */
  char     *formula;           /* "won / (won + lost), deals closed in the period" */
  char     *definition_key;    /* glossary term key, or NULL */
  int       definition_version;/* version in force on the as-of date, 0 if none */
  gboolean  has_target;
  double    target;
  RdStatus  status;
  char     *status_rule;       /* "on track at 3.0x or more; watch from 2.0x; off track below" */
  char     *note;              /* a setting the number depends on ("start-and-churn: exclude") */
  gboolean  drillable;         /* rd_metrics_drill_query works for it */
} RdMetric;

typedef struct
{
  RdFilter  *filter;
  char      *company;
  char      *currency;
  GPtrArray *metrics;          /* RdMetric*, in a stable order */
} RdMetricPack;

/* A record query: SQL text with ?NNN parameters and their values. The text
 * holds only fixed fragments; every value is bound, never formatted in. */
typedef struct
{
  GString   *sql;
  GPtrArray *params;           /* GVariant*: int64, double or string */
  char      *sum_column;       /* the column the metric sums, or NULL for a count */
  double     sum_scale;        /* sum_column × sum_scale = metric units (0.01 for cents) */
} RdQuery;

RdQuery      *rd_query_new              (const char     *sql);
void          rd_query_free             (RdQuery        *query);
void          rd_query_append           (RdQuery        *query,
                                         const char     *sql);
/* Appends "?N" for a new parameter (to be used inside rd_query_append text). */
void          rd_query_add_int          (RdQuery        *query,
                                         gint64          value);
void          rd_query_add_double       (RdQuery        *query,
                                         double          value);
void          rd_query_add_text         (RdQuery        *query,
                                         const char     *value);
/* Convenience: appends @fragment where each "?" is replaced by the next
 * parameter number, then adds the values (G_TYPE_INT64 / DOUBLE / STRING
 * pairs, ended by G_TYPE_INVALID). */
void          rd_query_appendv          (RdQuery        *query,
                                         const char     *fragment,
                                         ...);

/* Counts the query's rows and sums its sum_column. */
gboolean      rd_query_aggregate        (RdWorkspace    *ws,
                                         const RdQuery  *query,
                                         gint64         *count,
                                         double         *sum,
                                         GError        **error);
/* Writes the query's rows as CSV (header first); cells a spreadsheet would
 * run as formulas are prefixed with an apostrophe. */
gboolean      rd_query_write_csv        (RdWorkspace    *ws,
                                         const RdQuery  *query,
                                         GOutputStream  *out,
                                         gint64         *n_rows,
                                         GError        **error);

/* Computes every metric, or only those whose id starts with @group + "."
 * ("funnel", "aging", "coverage", "forecast", "change", "handoff", "quality",
 * "retention", "renewals", "efficiency", "overview"). */
RdMetricPack *rd_metrics_compute        (RdWorkspace    *ws,
                                         const RdFilter *filter,
                                         const char     *group,
                                         GError        **error);
void          rd_metric_pack_free       (RdMetricPack   *pack);
void          rd_metric_free            (RdMetric       *metric);
const RdMetric *rd_metric_pack_find     (const RdMetricPack *pack,
                                         const char     *id,
                                         const char     *bucket);
JsonNode     *rd_metric_pack_to_json    (const RdMetricPack *pack);

/* The records behind one metric (and bucket). */
RdQuery      *rd_metrics_drill_query    (RdWorkspace    *ws,
                                         const RdFilter *filter,
                                         const char     *metric_id,
                                         const char     *bucket,
                                         GError        **error);

const char   *rd_unit_to_string         (RdUnit          unit);
const char   *rd_status_to_string       (RdStatus        status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdQuery, rd_query_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdMetricPack, rd_metric_pack_free)

G_END_DECLS
