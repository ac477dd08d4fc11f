/* rd-metrics-page-specs.c — which metrics each view of the window shows
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ids are the metric engine's (see `revdeck-cli metrics`); a tile or row
 * whose metric is missing from the pack shows a dash and says so.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-metrics-page.h"

#define IDS(...) (const char *const[]) { __VA_ARGS__, NULL }

static const RdTableSpec overview_tables[] = {
  { RD_TABLE_METRICS, N_("Needs Attention"), NULL,
    IDS ("aging.stalled", "aging.slipped", "aging.stale", "renewals.unowned",
         "handoff.open_misses", "quality.duplicate_accounts"), NULL },
  { 0 }
};

static const RdTableSpec funnel_tables[] = {
  { RD_TABLE_BUCKETS, N_("Stages"), N_("Stage"),
    IDS ("funnel.reached", "funnel.conversion", "funnel.reached.previous", "funnel.conversion.previous"),
    IDS (N_("Reached"), N_("Went on"), N_("Previous"), N_("Went on before")) },
  { 0 }
};

static const RdTableSpec aging_tables[] = {
  { RD_TABLE_BUCKETS, N_("Open Deals by Stage"), N_("Stage"),
    IDS ("aging.open", "aging.days.median", "aging.days.max", "aging.threshold", "aging.stalled"),
    IDS (N_("Deals"), N_("Median age"), N_("Oldest"), N_("Limit"), N_("Stalled")) },
  { RD_TABLE_BUCKETS, N_("Time in Stage, Closed Deals"), N_("Stage"),
    IDS ("aging.history.median", "aging.history.p75", "aging.history.p90"),
    IDS (N_("Median"), N_("75th percentile"), N_("90th percentile")) },
  { 0 }
};

static const RdTableSpec coverage_tables[] = {
  { RD_TABLE_BUCKETS, N_("Pipeline by Forecast Category"), N_("Category"),
    IDS ("coverage.pipeline"), IDS (N_("Pipeline")) },
  { RD_TABLE_METRICS, N_("Pipeline Change"), NULL,
    IDS ("change.start", "change.new", "change.increased", "change.pulled_in", "change.decreased",
         "change.pushed_out", "change.won", "change.lost", "change.end"), NULL },
  { RD_TABLE_BUCKETS, N_("Forecast Accuracy"), N_("Period"),
    IDS ("forecast.submitted", "forecast.actual", "forecast.accuracy", "forecast.bias"),
    IDS (N_("Forecast"), N_("Actual"), N_("Accuracy"), N_("Bias")) },
  { 0 }
};

static const RdTableSpec retention_tables[] = {
  { RD_TABLE_METRICS, N_("ARR Bridge"), NULL,
    IDS ("retention.arr_start", "retention.arr_new", "retention.arr_reactivation", "retention.arr_expansion",
         "retention.arr_contraction", "retention.arr_churn", "retention.arr_end"), NULL },
  { RD_TABLE_BUCKETS, N_("Monthly Recurring Revenue"), N_("Month"),
    IDS ("retention.mrr", "retention.new", "retention.expansion", "retention.contraction", "retention.churn"),
    IDS (N_("MRR"), N_("New"), N_("Expansion"), N_("Contraction"), N_("Churn")) },
  { 0 }
};

static const RdTableSpec quality_tables[] = {
  { RD_TABLE_BUCKETS, N_("Handoffs"), N_("Handoff"),
    IDS ("handoff.crossed", "handoff.sla_adherence", "handoff.open_misses", "handoff.completeness"),
    IDS (N_("Crossed"), N_("Within SLA"), N_("Open misses"), N_("Complete")) },
  { RD_TABLE_BUCKETS, N_("Required Fields"), N_("Field"),
    IDS ("quality.missing", "quality.required_fields"), IDS (N_("Missing"), N_("Complete")) },
  { RD_TABLE_BUCKETS, N_("Stale Records"), N_("Records"),
    IDS ("quality.stale_records"), IDS (N_("Stale")) },
  { 0 }
};

static const RdPageSpec specs[] = {
  { "overview", N_("Overview"),
    IDS ("overview.pipeline_coverage", "overview.win_rate", "overview.sales_cycle", "overview.stage_conversion",
         "overview.forecast_accuracy", "overview.nrr", "overview.stalled_deals", "overview.sla_misses",
         "overview.handoff_completeness", "overview.required_fields"),
    overview_tables,
    /* The view that shows each headline figure in full. */
    IDS ("coverage", "coverage", "aging", "funnel", "coverage", "retention", "aging", "quality",
         "quality", "quality") },
  { "funnel", N_("Funnel"), IDS ("funnel.overall"), funnel_tables },
  { "aging", N_("Aging"), IDS ("aging.stalled", "aging.slipped", "aging.stale"), aging_tables },
  { "coverage", N_("Coverage"),
    IDS ("coverage.ratio", "coverage.quota", "coverage.closed_won", "coverage.remaining_quota",
         "coverage.qualified_pipeline", "coverage.gap", "sales.win_rate", "sales.velocity"),
    coverage_tables },
  { "retention", N_("Retention"),
    IDS ("retention.nrr", "retention.grr", "retention.logo", "retention.arr_end",
         "renewals.due", "renewals.due_amount", "renewals.unowned", "renewals.owner_coverage"),
    retention_tables },
  { "quality", N_("Quality"),
    IDS ("overview.required_fields", "overview.handoff_completeness", "overview.sla_misses",
         "quality.duplicate_accounts"),
    quality_tables },
};

const RdPageSpec *
rd_page_spec_lookup (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    if (g_strcmp0 (specs[i].name, name) == 0)
      return &specs[i];
  return NULL;
}
