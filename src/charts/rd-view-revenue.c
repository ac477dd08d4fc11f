/* rd-view-revenue.c — the retention view and the handoffs and data quality view
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rd-view-private.h"

/* The setting every retention number depends on ("start-and-churn: exclude"). */
static const char *
retention_note (RdViewCtx *ctx)
{
  const RdMetric *nrr = rd_view_metric (ctx, "retention.nrr", NULL);

  return nrr ? nrr->note : NULL;
}

static RdChartLayout *
arr_bridge_layout (const RdViewChart  *chart,
                   const RdMetricPack *pack,
                   double              width,
                   double              height,
                   const RdChartTheme *theme,
                   PangoContext       *pango)
{
  static const RdViewStepSpec steps[] = {
    { "retention.arr_start", N_("Start"), RD_STEP_TOTAL, 1 },
    { "retention.arr_new", N_("New"), RD_STEP_DELTA, 1 },
    { "retention.arr_reactivation", N_("Won back"), RD_STEP_DELTA, 1 },
    { "retention.arr_expansion", N_("Expansion"), RD_STEP_DELTA, 1 },
    { "retention.arr_contraction", N_("Contraction"), RD_STEP_DELTA, -1 },
    { "retention.arr_churn", N_("Churn"), RD_STEP_DELTA, -1 },
    { "retention.arr_end", N_("End"), RD_STEP_TOTAL, 1 },
  };
  static const char *ids[] = { "retention.arr_start", "retention.arr_end", NULL };
  g_auto(RdViewCtx) ctx;

  rd_view_ctx_init (&ctx, pack);
  return rd_view_bridge_layout (&ctx, steps, G_N_ELEMENTS (steps),
                                rd_view_printf (&ctx, _("ARR bridge, %s"), pack->filter->period_key),
                                ids, retention_note (&ctx), width, height, theme, pango);
}

static RdChartLayout *
rates_layout (const RdViewChart  *chart,
              const RdMetricPack *pack,
              double              width,
              double              height,
              const RdChartTheme *theme,
              PangoContext       *pango)
{
  static const char *ids[] = { "retention.nrr", "retention.grr", "retention.logo", NULL };
  static const RdViewBarSpec specs[] = {
    { "retention.nrr", NULL, N_("NRR"), NULL },
    { "retention.grr", NULL, N_("GRR"), NULL },
    { "retention.logo", NULL, N_("Logos"), NULL },
  };
  g_auto(RdViewCtx) ctx;
  RdBarItem *items;
  RdBarData data = { { NULL, }, };

  rd_view_ctx_init (&ctx, pack);
  items = rd_view_spec_bars (&ctx, specs, G_N_ELEMENTS (specs));
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      const RdMetric *m = rd_view_metric (&ctx, specs[i].id, NULL);

      if (m && m->defined && m->is_ratio)
        items[i].note = rd_view_printf (&ctx, _("%s of %s"),
                                        rd_view_format (&ctx, m->numerator, m->numerator_unit, TRUE),
                                        rd_view_format (&ctx, m->denominator, m->numerator_unit, TRUE));
    }
  data.frame.title = rd_view_chart_get_title (chart);
  data.frame.footer = rd_view_footer (&ctx, ids, retention_note (&ctx));
  data.unit = RD_UNIT_PERCENT;
  data.items = items;
  data.n_items = G_N_ELEMENTS (specs);
  data.has_target = TRUE;
  data.target = 100;
  data.target_label = _("Everything kept");
  return rd_bar_chart_layout (&data, width, height, theme, pango);
}

/* Cohort buckets are "2025-10/3": the cohort month and the month after it. */
static gboolean
split_cohort (const char *bucket,
              char       *month,
              gsize       month_size,
              guint      *k)
{
  const char *slash = bucket ? strchr (bucket, '/') : NULL;

  if (slash == NULL || (gsize) (slash - bucket) >= month_size)
    return FALSE;
  memcpy (month, bucket, slash - bucket);
  month[slash - bucket] = '\0';
  *k = (guint) strtoul (slash + 1, NULL, 10);
  return *k < 120;
}

static RdChartLayout *
cohort_layout (const RdViewChart  *chart,
               const RdMetricPack *pack,
               double              width,
               double              height,
               const RdChartTheme *theme,
               PangoContext       *pango)
{
  static const char *ids[] = { "retention.cohort_revenue", NULL };
  g_auto(RdViewCtx) ctx;
  g_autoptr(GPtrArray) cells = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  const char **col_labels;
  double *values;
  guint n_cols = 0;
  RdHeatmapData data = { { NULL, }, };

  rd_view_ctx_init (&ctx, pack);
  cells = rd_view_buckets (&ctx, ids[0]);
  for (guint i = 0; i < cells->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (cells, i);
      char month[16];
      guint k;

      if (!split_cohort (m->bucket, month, sizeof month, &k))
        continue;
      if (rows->len == 0 || !g_str_equal (g_ptr_array_index (rows, rows->len - 1), month))
        g_ptr_array_add (rows, g_strdup (month));
      n_cols = MAX (n_cols, k + 1);
    }
  col_labels = rd_view_keep (&ctx, g_new0 (const char *, MAX (n_cols, 1)));
  for (guint k = 0; k < n_cols; k++)
    col_labels[k] = rd_view_printf (&ctx, "M%u", k);
  values = rd_view_keep (&ctx, g_new0 (double, MAX (rows->len * n_cols, 1)));
  for (guint i = 0; i < rows->len * n_cols; i++)
    values[i] = NAN;
  for (guint i = 0, r = 0; i < cells->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (cells, i);
      char month[16];
      guint k;

      if (!split_cohort (m->bucket, month, sizeof month, &k))
        continue;
      while (r < rows->len && !g_str_equal (g_ptr_array_index (rows, r), month))
        r++;
      if (r < rows->len && m->defined)
        values[r * n_cols + k] = m->value;
    }
  data.frame.title = rd_view_chart_get_title (chart);
  data.frame.footer = rd_view_footer (&ctx, ids, retention_note (&ctx));
  data.frame.empty_reason = _("No account started paying in the last twelve months");
  data.unit = RD_UNIT_PERCENT;
  data.currency = pack->currency;
  data.row_labels = (const char * const *) rows->pdata;
  data.row_buckets = (const char * const *) rows->pdata;
  data.n_rows = rows->len;
  data.col_labels = col_labels;
  data.n_cols = n_cols;
  data.values = values;
  data.ramp_max = 0;
  data.metric_id = ids[0];
  return rd_heatmap_chart_layout (&data, width, height, theme, pango);
}

static RdChartLayout *
renewals_layout (const RdViewChart  *chart,
                 const RdMetricPack *pack,
                 double              width,
                 double              height,
                 const RdChartTheme *theme,
                 PangoContext       *pango)
{
  static const char *ids[] = { "renewals.due", "renewals.unowned", NULL };
  g_auto(RdViewCtx) ctx;
  RdBarItem items[2] = { { NULL, }, };
  RdBarData data = { { NULL, }, };
  const RdMetric *coverage;
  double amount;

  rd_view_ctx_init (&ctx, pack);
  amount = rd_view_value (&ctx, "renewals.due_amount", NULL);
  items[0].label = _("Due in 90 days");
  items[0].value = rd_view_value (&ctx, ids[0], NULL);
  items[0].metric_id = ids[0];
  items[0].note = isnan (amount) ? NULL
                : rd_view_printf (&ctx, _("%s up for renewal"), rd_view_format (&ctx, amount, RD_UNIT_MONEY, TRUE));
  items[1].label = _("No owner");
  items[1].value = rd_view_value (&ctx, ids[1], NULL);
  items[1].metric_id = ids[1];
  items[1].highlight = TRUE;

  coverage = rd_view_metric (&ctx, "renewals.owner_coverage", NULL);
  data.frame.title = coverage && coverage->defined
                   ? rd_view_printf (&ctx, _("Renewals due: %s have an owner"),
                                     rd_view_format (&ctx, coverage->value, RD_UNIT_PERCENT, TRUE))
                   : rd_view_chart_get_title (chart);
  data.frame.footer = rd_view_footer (&ctx, ids, NULL);
  data.frame.empty_reason = coverage && !coverage->defined ? coverage->reason : NULL;
  data.unit = RD_UNIT_COUNT;
  data.items = items;
  data.n_items = G_N_ELEMENTS (items);
  return rd_bar_chart_layout (&data, width, height, theme, pango);
}

/* ------------------------------------------------------------------------ */
/* Handoffs and data quality                                                 */

/* "close_date" → "Close date"; handoff names pass through unchanged. */
static const char *
pretty_key (RdViewCtx  *ctx,
            const char *key)
{
  char *s;

  if (key == NULL || (strchr (key, '_') == NULL && !g_ascii_islower (key[0])))
    return key;
  s = rd_view_keep (ctx, g_strdup (key));
  g_strdelimit (s, "_", ' ');
  s[0] = g_ascii_toupper (s[0]);
  return s;
}

typedef const char *(*NoteFunc) (RdViewCtx *ctx, double n);

static const char *
misses_note (RdViewCtx *ctx,
             double     n)
{
  /* TRANSLATORS: appended to a handoff's SLA adherence: "8 open misses" */
  return rd_view_printf (ctx, ngettext ("%s open miss", "%s open misses", (gulong) n),
                         rd_view_format (ctx, n, RD_UNIT_COUNT, TRUE));
}

static const char *
crossed_note (RdViewCtx *ctx,
              double     n)
{
  return rd_view_printf (ctx, ngettext ("%s crossed in the period", "%s crossed in the period", (gulong) n),
                         rd_view_format (ctx, n, RD_UNIT_COUNT, TRUE));
}

static const char *
missing_note (RdViewCtx *ctx,
              double     n)
{
  return rd_view_printf (ctx, ngettext ("%s record missing it", "%s records missing it", (gulong) n),
                         rd_view_format (ctx, n, RD_UNIT_COUNT, TRUE));
}

/* The per-handoff and per-field charts: which metric, which figure goes
 * into each bar's note, and what to say when there are no buckets. */
typedef struct
{
  const char *chart_id;
  const char *id;
  const char *note_id;
  NoteFunc    note;
  const char *empty_reason;
  const char *undefined;     /* what "—" means on this chart */
} BucketChart;

static const BucketChart bucket_charts[] = {
  { "sla-adherence", "handoff.sla_adherence", "handoff.open_misses", misses_note, N_("No handoff is defined"),
    N_("nothing crossed the handoff in the period") },
  { "open-misses", "handoff.open_misses", "handoff.crossed", crossed_note, N_("No handoff is defined"), NULL },
  { "field-completeness", "quality.required_fields", "quality.missing", missing_note, N_("No handoff requires a field"),
    N_("no open record is in a stage that requires the field") },
};

/* One bar per bucket of @id; @note_id's value in the same bucket goes into
 * each bar's note. */
static RdChartLayout *
buckets_bar (const RdViewChart  *chart,
             const RdMetricPack *pack,
             const BucketChart  *spec,
             double              width,
             double              height,
             const RdChartTheme *theme,
             PangoContext       *pango)
{
  const char *ids[] = { spec->id, NULL };
  g_auto(RdViewCtx) ctx;
  RdBarItem *items;
  RdBarData data = { { NULL, }, };
  RdUnit unit = RD_UNIT_COUNT;
  const char *undefined = NULL;
  guint n;

  rd_view_ctx_init (&ctx, pack);
  items = rd_view_bucket_bars (&ctx, spec->id, &n);
  if (n > 0)
    unit = rd_view_metric (&ctx, spec->id, items[0].bucket)->unit;
  for (guint i = 0; i < n; i++)
    {
      double extra = rd_view_value (&ctx, spec->note_id, items[i].bucket);

      items[i].label = pretty_key (&ctx, items[i].bucket);
      if (isnan (items[i].value) && spec->undefined)
        /* The bar shows "—": say why under the chart, not only on hover. */
        undefined = rd_view_printf (&ctx, "— %s", _(spec->undefined));
      if (items[i].note == NULL && !isnan (extra))
        items[i].note = spec->note (&ctx, extra);
    }
  data.frame.title = rd_view_chart_get_title (chart);
  data.frame.footer = rd_view_footer (&ctx, ids, undefined);
  data.frame.empty_reason = n == 0 ? _(spec->empty_reason) : rd_view_bars_reason (items, n);
  data.unit = unit;
  data.currency = pack->currency;
  data.items = items;
  data.n_items = n;
  return rd_bar_chart_layout (&data, width, height, theme, pango);
}

static RdChartLayout *
bucket_chart_layout (const RdViewChart  *chart,
                     const RdMetricPack *pack,
                     double              width,
                     double              height,
                     const RdChartTheme *theme,
                     PangoContext       *pango)
{
  for (guint i = 0; i < G_N_ELEMENTS (bucket_charts); i++)
    if (g_str_equal (chart->id, bucket_charts[i].chart_id))
      return buckets_bar (chart, pack, &bucket_charts[i], width, height, theme, pango);
  g_return_val_if_reached (NULL);
}

static RdChartLayout *
fix_layout (const RdViewChart  *chart,
            const RdMetricPack *pack,
            double              width,
            double              height,
            const RdChartTheme *theme,
            PangoContext       *pango)
{
  static const RdViewBarSpec specs[] = {
    { "quality.duplicate_accounts", NULL, N_("Duplicate accounts"), N_("same normalised name or domain") },
    { "quality.stale_records", "deals", N_("Stale deals"), N_("close date already past") },
    { "quality.stale_records", "leads", N_("Stale leads"), N_("longer in their stage than its limit") },
  };
  static const char *ids[] = { "quality.duplicate_accounts", "quality.stale_records", NULL };

  return rd_view_spec_count_layout (chart, pack, specs, G_N_ELEMENTS (specs), ids, width, height, theme, pango);
}

/* ------------------------------------------------------------------------ */

const RdViewChart rd_view_retention_charts[] = {
  { "arr-bridge", N_("ARR bridge"), FALSE, 1.3, 360, 2, NULL, arr_bridge_layout },
  { "cohorts", N_("Revenue retained by monthly cohort"), FALSE, 1.3, 360, 2, NULL, cohort_layout },
  { "retention-rates", N_("Retention in the period"), FALSE, 1.0, 360, 2, NULL, rates_layout },
  { "renewals", N_("Renewals due in 90 days"), FALSE, 1.0, 360, 2, NULL, renewals_layout },
};
const guint rd_view_retention_n_charts = G_N_ELEMENTS (rd_view_retention_charts);

const RdViewChart rd_view_quality_charts[] = {
  { "sla-adherence", N_("SLA adherence by handoff"), FALSE, 1.0, 360, 2, NULL, bucket_chart_layout },
  { "open-misses", N_("Open SLA misses by handoff"), FALSE, 1.0, 360, 2, NULL, bucket_chart_layout },
  { "field-completeness", N_("Completeness by required field"), FALSE, 1.0, 360, 2, NULL, bucket_chart_layout },
  { "records-to-fix", N_("Records to fix"), FALSE, 1.0, 360, 2, NULL, fix_layout },
};
const guint rd_view_quality_n_charts = G_N_ELEMENTS (rd_view_quality_charts);
