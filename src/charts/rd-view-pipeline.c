/* rd-view-pipeline.c — the funnel, aging and coverage views
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rd-view-private.h"

/* ------------------------------------------------------------------------ */
/* Funnel                                                                    */

static const char *
funnel_mode_note (RdViewCtx *ctx)
{
  const RdFilter *f = ctx->pack->filter;
  const char *mode = f->funnel_mode == RD_FUNNEL_COHORT ? _("cohort mode") : _("period mode");

  return f->funnel_strict ? rd_view_printf (ctx, _("%s, strict"), mode) : mode;
}

static const char *
previous_period (RdViewCtx *ctx)
{
  return rd_view_keep (ctx, rd_period_shift (ctx->pack->filter->period_key, -1));
}

static RdChartLayout *
funnel_layout (const RdViewChart  *chart,
               const RdMetricPack *pack,
               double              width,
               double              height,
               const RdChartTheme *theme,
               PangoContext       *pango)
{
  static const char *ids[] = { "funnel.reached", "funnel.conversion", NULL };
  g_auto(RdViewCtx) ctx;
  g_autoptr(GPtrArray) reached = NULL;
  RdFunnelStage *stages;
  RdFunnelData data = { { NULL, }, };
  double total = 0;

  rd_view_ctx_init (&ctx, pack);
  reached = rd_view_buckets (&ctx, "funnel.reached");
  stages = rd_view_keep (&ctx, g_new0 (RdFunnelStage, MAX (reached->len, 1)));
  for (guint i = 0; i < reached->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (reached, i);
      double previous = rd_view_value (&ctx, "funnel.reached.previous", m->bucket);

      stages[i].label = m->bucket;
      stages[i].count = m->defined ? m->value : NAN;
      stages[i].metric_id = m->id;
      stages[i].bucket = m->bucket;
      if (i > 0)
        {
          const RdMetric *prev = g_ptr_array_index (reached, i - 1);
          stages[i].has_conversion = TRUE;
          stages[i].conversion = rd_view_value (&ctx, "funnel.conversion", prev->bucket);
        }
      stages[i].has_previous = !isnan (previous);
      stages[i].previous = previous;
      if (m->defined)
        total += m->value;
    }
  data.frame.title = rd_view_printf (&ctx, _("Lifecycle funnel, %s against %s"),
                                     pack->filter->period_key, previous_period (&ctx));
  data.frame.footer = rd_view_footer (&ctx, ids, funnel_mode_note (&ctx));
  data.frame.empty_reason = reached->len == 0 ? _("This workspace has no lifecycle stages")
                          : total <= 0 ? rd_view_printf (&ctx, _("No lead entered any stage in %s"), pack->filter->period_key)
                          : NULL;
  data.stages = stages;
  data.n_stages = data.frame.empty_reason ? 0 : reached->len;
  data.previous_label = previous_period (&ctx);
  return rd_funnel_chart_layout (&data, width, height, theme, pango);
}

static RdChartLayout *
conversion_layout (const RdViewChart  *chart,
                   const RdMetricPack *pack,
                   double              width,
                   double              height,
                   const RdChartTheme *theme,
                   PangoContext       *pango)
{
  static const char *ids[] = { "funnel.conversion", NULL };
  g_auto(RdViewCtx) ctx;
  g_autoptr(GPtrArray) reached = NULL;
  RdBarItem *items;
  RdBarData data = { { NULL, }, };
  guint n = 0;

  rd_view_ctx_init (&ctx, pack);
  reached = rd_view_buckets (&ctx, "funnel.reached");
  items = rd_view_keep (&ctx, g_new0 (RdBarItem, MAX (reached->len, 1)));
  for (guint i = 0; i + 1 < reached->len; i++)
    {
      const RdMetric *from = g_ptr_array_index (reached, i);
      const RdMetric *to = g_ptr_array_index (reached, i + 1);
      const RdMetric *c = rd_view_metric (&ctx, "funnel.conversion", from->bucket);
      double previous = rd_view_value (&ctx, "funnel.conversion.previous", from->bucket);

      if (c == NULL)
        continue;
      items[n].label = rd_view_printf (&ctx, "%s → %s", from->bucket, to->bucket);
      items[n].value = c->defined ? c->value : NAN;
      items[n].metric_id = c->id;
      items[n].bucket = c->bucket;
      items[n].note = !c->defined ? c->reason
                    : isnan (previous) ? NULL
                    : rd_view_printf (&ctx, _("previous period %s"), rd_view_format (&ctx, previous, RD_UNIT_PERCENT, TRUE));
      n++;
    }
  data.frame.title = rd_view_chart_get_title (chart);
  data.frame.footer = rd_view_footer (&ctx, ids, NULL);
  data.frame.empty_reason = reached->len < 2 ? _("The funnel needs two stages or more")
                          : rd_view_bars_reason (items, n);
  data.unit = RD_UNIT_PERCENT;
  data.items = items;
  data.n_items = n;
  return rd_bar_chart_layout (&data, width, height, theme, pango);
}

static RdChartLayout *
overall_layout (const RdViewChart  *chart,
                const RdMetricPack *pack,
                double              width,
                double              height,
                const RdChartTheme *theme,
                PangoContext       *pango)
{
  g_auto(RdViewCtx) ctx;
  g_autoptr(GPtrArray) previous = NULL;
  const RdMetric *m;
  const char *why = NULL;
  RdViewParts parts = { NULL, NULL, TRUE, 0, 0, RD_UNIT_COUNT };

  rd_view_ctx_init (&ctx, pack);
  m = rd_view_metric (&ctx, "funnel.overall", NULL);
  previous = rd_view_buckets (&ctx, "funnel.reached.previous");
  if (m && m->defined && m->is_ratio)
    {
      const RdMetric *first = previous->len ? g_ptr_array_index (previous, 0) : NULL;
      const RdMetric *last = previous->len ? g_ptr_array_index (previous, previous->len - 1) : NULL;

      why = rd_view_printf (&ctx, _("%s of %s reached the last stage"),
                            rd_view_format (&ctx, m->numerator, RD_UNIT_COUNT, TRUE),
                            rd_view_format (&ctx, m->denominator, RD_UNIT_COUNT, TRUE));
      if (first && last && first->defined && last->defined && first->value > 0)
        why = rd_view_printf (&ctx, _("%s; %s in %s"), why,
                              rd_view_format (&ctx, 100 * last->value / first->value, RD_UNIT_PERCENT, TRUE),
                              previous_period (&ctx));
    }
  parts.part_label = _("Reached the last stage");
  parts.whole_label = _("Entered the funnel");
  return rd_view_tile_layout (&ctx, rd_view_chart_get_title (chart), "funnel.overall", NULL, why, &parts,
                              width, height, theme, pango);
}

/* ------------------------------------------------------------------------ */
/* Aging                                                                     */

static const char *
clock_note (RdViewCtx *ctx)
{
  static const char *clocks[] = { N_("clock: since entry"), N_("clock: cumulative"),
                                  N_("clock: idle"), N_("clock: deal age") };

  return _(clocks[MIN ((guint) ctx->pack->filter->aging_clock, G_N_ELEMENTS (clocks) - 1)]);
}

RdChartLayout *
rd_view_aging_strip_layout (const RdViewChart  *chart,
                            const RdMetricPack *pack,
                            const RdViewDetail *detail,
                            double              width,
                            double              height,
                            const RdChartTheme *theme,
                            PangoContext       *pango)
{
  static const char *ids[] = { "aging.stalled", NULL };
  static const char *median_ids[] = { "median" };
  g_auto(RdViewCtx) ctx;
  g_autoptr(GPtrArray) open = NULL;
  RdStripRow *rows;
  RdStripData data = { { NULL, }, };
  guint n = 0;
  double total = 0;

  rd_view_ctx_init (&ctx, pack);
  open = rd_view_buckets (&ctx, "aging.open");
  rows = rd_view_keep (&ctx, g_new0 (RdStripRow, MAX (open->len, 1)));
  for (guint i = 0; i < open->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (open, i);
      const RdViewStageDeals *deals = rd_view_detail_get_stage (detail, m->bucket);
      double median = rd_view_value (&ctx, "aging.days.median", m->bucket);
      double longest = rd_view_value (&ctx, "aging.days.max", m->bucket);

      rows[n].label = rd_view_printf (&ctx, _("%s (%s open)"), m->bucket,
                                      rd_view_format (&ctx, m->defined ? m->value : 0, RD_UNIT_COUNT, TRUE));
      rows[n].metric_id = m->id;
      rows[n].bucket = m->bucket;
      rows[n].threshold = rd_view_value (&ctx, "aging.threshold", m->bucket);
      if (detail != NULL && deals != NULL)
        {
          /* A dot per open deal; its hit names the deal (series = its id). */
          rows[n].values = (const double *) deals->days->data;
          rows[n].n_values = deals->days->len;
          rows[n].item_ids = (const char * const *) deals->ids->pdata;
          rows[n].item_labels = (const char * const *) deals->names->pdata;
        }
      else if (detail == NULL && !isnan (median))
        {
          double *values = rd_view_keep (&ctx, g_new0 (double, 1));
          const char **labels = rd_view_keep (&ctx, g_new0 (const char *, 1));

          values[0] = median;
          labels[0] = isnan (longest)
                      ? rd_view_printf (&ctx, _("%s: median open deal"), m->bucket)
                      : rd_view_printf (&ctx, _("%s: median open deal; the longest has been there %s"), m->bucket,
                                        rd_view_format (&ctx, longest, RD_UNIT_DAYS, FALSE));
          rows[n].values = values;
          rows[n].n_values = 1;
          rows[n].item_ids = median_ids;
          rows[n].item_labels = labels;
        }
      total += m->defined ? m->value : 0;
      n++;
    }
  data.frame.title = detail ? _("Days in stage of each open deal, against each stage's limit")
                            : rd_view_chart_get_title (chart);
  data.frame.footer = rd_view_footer (&ctx, ids, clock_note (&ctx));
  data.frame.empty_reason = open->len == 0 ? _("This workspace has no deal stages")
                          : total <= 0 ? _("No open deal in this slice") : NULL;
  data.unit = RD_UNIT_DAYS;
  data.rows = rows;
  data.n_rows = n;
  return rd_strip_chart_layout (&data, width, height, theme, pango);
}

static RdChartLayout *
strip_layout (const RdViewChart  *chart,
              const RdMetricPack *pack,
              double              width,
              double              height,
              const RdChartTheme *theme,
              PangoContext       *pango)
{
  return rd_view_aging_strip_layout (chart, pack, NULL, width, height, theme, pango);
}

static RdChartLayout *
stalled_layout (const RdViewChart  *chart,
                const RdMetricPack *pack,
                double              width,
                double              height,
                const RdChartTheme *theme,
                PangoContext       *pango)
{
  static const char *ids[] = { "aging.stalled", NULL };
  g_auto(RdViewCtx) ctx;
  RdBarItem *items;
  RdBarData data = { { NULL, }, };
  guint n;

  rd_view_ctx_init (&ctx, pack);
  items = rd_view_bucket_bars (&ctx, "aging.stalled", &n);
  for (guint i = 0; i < n; i++)
    {
      double limit = rd_view_value (&ctx, "aging.threshold", items[i].bucket);

      if (items[i].note == NULL)
        items[i].note = isnan (limit) ? _("no limit set")
                      : rd_view_printf (&ctx, _("limit %s"), rd_view_format (&ctx, limit, RD_UNIT_DAYS, TRUE));
    }
  data.frame.title = rd_view_chart_get_title (chart);
  data.frame.footer = rd_view_footer (&ctx, ids, clock_note (&ctx));
  data.frame.empty_reason = _("This workspace has no deal stages");
  data.unit = RD_UNIT_COUNT;
  data.items = items;
  data.n_items = n;
  return rd_bar_chart_layout (&data, width, height, theme, pango);
}

static RdChartLayout *
flags_layout (const RdViewChart  *chart,
              const RdMetricPack *pack,
              double              width,
              double              height,
              const RdChartTheme *theme,
              PangoContext       *pango)
{
  static const char *ids[] = { "aging.stalled", "aging.slipped", "aging.stale", NULL };
  static const RdViewBarSpec specs[] = {
    { "aging.stalled", NULL, N_("Stalled"), N_("past the stage limit") },
    { "aging.slipped", NULL, N_("Slipped"), N_("close date moved later") },
    { "aging.stale", NULL, N_("Stale"), N_("close date already past") },
  };

  return rd_view_spec_count_layout (chart, pack, specs, G_N_ELEMENTS (specs), ids, width, height, theme, pango);
}

static RdChartLayout *
history_layout (const RdViewChart  *chart,
                const RdMetricPack *pack,
                double              width,
                double              height,
                const RdChartTheme *theme,
                PangoContext       *pango)
{
  static const char *ids[] = { "aging.history.median", "aging.history.p75", "aging.history.p90" };
  /* TRANSLATORS: short names of the median and the 75th and 90th percentiles */
  static const char *labels[] = { N_("Median"), N_("p75"), N_("p90") };
  g_auto(RdViewCtx) ctx;
  g_autoptr(GPtrArray) stages = NULL;
  const char **periods;
  RdLineSeries series[3] = { { NULL, }, };
  RdLineData data = { { NULL, }, };
  gboolean any = FALSE;

  rd_view_ctx_init (&ctx, pack);
  stages = rd_view_buckets (&ctx, ids[0]);
  periods = rd_view_keep (&ctx, g_new0 (const char *, MAX (stages->len, 1)));
  for (guint i = 0; i < stages->len; i++)
    periods[i] = ((const RdMetric *) g_ptr_array_index (stages, i))->bucket;
  for (guint s = 0; s < G_N_ELEMENTS (series); s++)
    {
      double *values = rd_view_keep (&ctx, g_new0 (double, MAX (stages->len, 1)));

      for (guint i = 0; i < stages->len; i++)
        {
          values[i] = rd_view_value (&ctx, ids[s], periods[i]);
          any = any || !isnan (values[i]);
        }
      series[s].label = _(labels[s]);
      series[s].values = values;
      series[s].metric_id = ids[s];
    }
  data.frame.title = rd_view_chart_get_title (chart);
  data.frame.footer = rd_view_footer (&ctx, NULL, _("deals that left each stage"));
  data.frame.empty_reason = any ? NULL : _("No deal has left a stage yet");
  data.unit = RD_UNIT_DAYS;
  data.periods = periods;
  data.n_periods = stages->len;
  data.series = series;
  data.n_series = any ? G_N_ELEMENTS (series) : 0;
  return rd_line_chart_layout (&data, width, height, theme, pango);
}

/* ------------------------------------------------------------------------ */
/* Coverage and forecast                                                     */

const char *
rd_view_coverage_math (RdViewCtx *ctx)
{
  const RdMetric *m = rd_view_metric (ctx, "coverage.ratio", NULL);

  if (m == NULL || !m->defined || !m->is_ratio)
    return NULL;
  /* TRANSLATORS: "$1.8M qualified ÷ $511K quota left" */
  return rd_view_printf (ctx, _("%s qualified ÷ %s quota left"),
                         rd_view_format (ctx, m->numerator, RD_UNIT_MONEY, TRUE),
                         rd_view_format (ctx, m->denominator, RD_UNIT_MONEY, TRUE));
}

const char *
rd_view_coverage_sentence (RdViewCtx *ctx)
{
  const RdMetric *ratio = rd_view_metric (ctx, "coverage.ratio", NULL);
  double target = rd_view_value (ctx, "coverage.target", NULL);
  double gap = rd_view_value (ctx, "coverage.gap", NULL);

  if (rd_view_value (ctx, "coverage.met", NULL) > 0)
    return _("Quota already met for the period");
  if (ratio == NULL || !ratio->defined)
    return ratio && ratio->reason ? ratio->reason : _("Coverage is not defined for this slice");
  if (isnan (target) || isnan (gap))
    return rd_view_printf (ctx, _("%s of the remaining quota"), rd_view_format (ctx, ratio->value, RD_UNIT_RATIO, TRUE));
  if (gap > 0)
    /* TRANSLATORS: coverage, target and gap: "2.1× of a 3.0× target — $1.4M short" */
    return rd_view_printf (ctx, _("%s of a %s target — %s short"),
                           rd_view_format (ctx, ratio->value, RD_UNIT_RATIO, TRUE),
                           rd_view_format (ctx, target, RD_UNIT_RATIO, TRUE),
                           rd_view_format (ctx, gap, RD_UNIT_MONEY, TRUE));
  return rd_view_printf (ctx, _("%s of a %s target — %s above it"),
                         rd_view_format (ctx, ratio->value, RD_UNIT_RATIO, TRUE),
                         rd_view_format (ctx, target, RD_UNIT_RATIO, TRUE),
                         rd_view_format (ctx, -gap, RD_UNIT_MONEY, TRUE));
}

/* When the filter names no segment: one column per segment, its pipeline
 * by forecast category (coverage.segment_pipeline [“segment / category”])
 * against its remaining quota. Categories empty in every segment are left
 * out of the key. */
static RdChartLayout *
segment_stack_layout (const RdViewChart  *chart,
                      RdViewCtx          *ctx,
                      GPtrArray          *segments,
                      double              width,
                      double              height,
                      const RdChartTheme *theme,
                      PangoContext       *pango)
{
  static const char *ids[] = { "coverage.ratio", NULL };
  g_autoptr(GPtrArray) cats = rd_view_buckets (ctx, "coverage.pipeline");
  RdStackCategory *categories = rd_view_keep (ctx, g_new0 (RdStackCategory, MAX (cats->len, 1)));
  RdStackGroup *groups = rd_view_keep (ctx, g_new0 (RdStackGroup, segments->len));
  RdStackedBarData data = { { NULL, }, };
  const RdMetricPack *pack = ctx->pack;
  double total = 0;
  guint n = 0;

  for (guint c = 0; c < cats->len; c++)
    {
      const char *cat = ((const RdMetric *) g_ptr_array_index (cats, c))->bucket;
      gboolean any = FALSE;

      for (guint g = 0; g < segments->len && !any; g++)
        {
          const char *seg = ((const RdMetric *) g_ptr_array_index (segments, g))->bucket;
          double v = rd_view_value (ctx, "coverage.segment_pipeline", rd_view_printf (ctx, "%s / %s", seg, cat));
          any = !isnan (v) && v > 0;
        }
      if (!any)
        continue;
      categories[n].label = cat;
      categories[n].metric_id = "coverage.segment_pipeline";
      n++;
    }
  for (guint g = 0; g < segments->len; g++)
    {
      const RdMetric *quota = g_ptr_array_index (segments, g);
      double *values = rd_view_keep (ctx, g_new0 (double, MAX (n, 1)));

      for (guint c = 0; c < n; c++)
        {
          values[c] = rd_view_value (ctx, "coverage.segment_pipeline",
                                     rd_view_printf (ctx, "%s / %s", quota->bucket, categories[c].label));
          total += isnan (values[c]) ? 0 : values[c];
        }
      groups[g].label = quota->bucket;
      groups[g].bucket = quota->bucket;
      groups[g].values = values;
      groups[g].has_target = quota->defined;
      groups[g].target = quota->defined ? quota->value : 0;
    }

  data.frame.title = _("Pipeline by segment");
  data.frame.footer = rd_view_footer (ctx, ids, rd_view_coverage_math (ctx));
  data.frame.empty_reason = total > 0 ? NULL
                          : rd_view_printf (ctx, _("No open deal closes in %s"), pack->filter->period_key);
  data.unit = RD_UNIT_MONEY;
  data.currency = pack->currency;
  data.categories = categories;
  data.n_categories = n;
  data.groups = groups;
  data.n_groups = total > 0 ? segments->len : 0;
  data.target_label = _("Remaining quota");
  return rd_stacked_bar_chart_layout (&data, width, height, theme, pango);
}

static RdChartLayout *
stack_layout (const RdViewChart  *chart,
              const RdMetricPack *pack,
              double              width,
              double              height,
              const RdChartTheme *theme,
              PangoContext       *pango)
{
  static const char *ids[] = { "coverage.ratio", NULL };
  g_auto(RdViewCtx) ctx;
  g_autoptr(GPtrArray) cats = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  RdStackCategory *categories;
  double *values;
  RdStackGroup group = { NULL, };
  RdStackedBarData data = { { NULL, }, };
  double remaining, total = 0;
  guint n = 0;

  rd_view_ctx_init (&ctx, pack);
  segments = rd_view_buckets (&ctx, "coverage.segment_remaining_quota");
  if (segments->len > 0)
    return segment_stack_layout (chart, &ctx, segments, width, height, theme, pango);
  cats = rd_view_buckets (&ctx, "coverage.pipeline");
  categories = rd_view_keep (&ctx, g_new0 (RdStackCategory, MAX (cats->len, 1)));
  values = rd_view_keep (&ctx, g_new0 (double, MAX (cats->len, 1)));
  for (guint i = 0; i < cats->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (cats, i);

      /* Empty categories would only add names to the key. */
      if (!m->defined || m->value <= 0)
        continue;
      categories[n].label = m->bucket;
      categories[n].metric_id = m->id;
      values[n] = m->value;
      total += m->value;
      n++;
    }
  remaining = rd_view_value (&ctx, "coverage.remaining_quota", NULL);
  group.label = pack->filter->period_key;
  group.bucket = pack->filter->period_key;
  group.values = values;
  group.has_target = !isnan (remaining);
  group.target = remaining;

  data.frame.title = rd_view_chart_get_title (chart);
  /* The math of the ratio, under the bars it is made of. */
  data.frame.footer = rd_view_footer (&ctx, ids, rd_view_coverage_math (&ctx));
  data.frame.empty_reason = total > 0 ? NULL
                          : rd_view_printf (&ctx, _("No open deal closes in %s"), pack->filter->period_key);
  data.unit = RD_UNIT_MONEY;
  data.currency = pack->currency;
  data.categories = categories;
  data.n_categories = n;
  data.groups = &group;
  data.n_groups = total > 0 ? 1 : 0;
  data.target_label = isnan (remaining) ? NULL
                    : rd_view_printf (&ctx, _("Remaining quota %s"), rd_view_format (&ctx, remaining, RD_UNIT_MONEY, TRUE));
  return rd_stacked_bar_chart_layout (&data, width, height, theme, pango);
}

static RdChartLayout *
coverage_tile_layout (const RdViewChart  *chart,
                      const RdMetricPack *pack,
                      double              width,
                      double              height,
                      const RdChartTheme *theme,
                      PangoContext       *pango)
{
  g_auto(RdViewCtx) ctx;
  const RdMetric *m;
  const char *why = NULL;
  RdViewParts parts = { NULL, NULL, TRUE, 0, 0, RD_UNIT_MONEY };

  rd_view_ctx_init (&ctx, pack);
  m = rd_view_metric (&ctx, "coverage.ratio", NULL);
  if (m && m->defined)
    why = rd_view_coverage_sentence (&ctx);
  parts.part_label = _("Qualified pipeline");
  parts.whole_label = _("Quota left");
  return rd_view_tile_layout (&ctx, rd_view_chart_get_title (chart), "coverage.ratio", NULL, why, &parts,
                              width, height, theme, pango);
}

static RdChartLayout *
rollup_layout (const RdViewChart  *chart,
               const RdMetricPack *pack,
               double              width,
               double              height,
               const RdChartTheme *theme,
               PangoContext       *pango)
{
  static const char *ids[] = { "forecast.rollup", NULL };
  g_auto(RdViewCtx) ctx;
  RdBarItem *items;
  RdBarData data = { { NULL, }, };
  double quota;
  guint n;

  rd_view_ctx_init (&ctx, pack);
  items = rd_view_bucket_bars (&ctx, "forecast.rollup", &n);
  for (guint i = 0; i < n; i++)
    {
      /* The roll-up is cumulative: "Closed", "+ Commit", "+ Best Case". */
      const char *last = g_strrstr (items[i].bucket, " + ");
      double attainment = rd_view_value (&ctx, "forecast.rollup_attainment", items[i].bucket);

      /* A no-break space keeps the "+" with its category when the label
       * wraps. */
      if (last)
        items[i].label = rd_view_printf (&ctx, "+\302\240%s", last + 3);
      if (items[i].note == NULL && !isnan (attainment))
        items[i].note = rd_view_printf (&ctx, _("%s of quota"), rd_view_format (&ctx, attainment, RD_UNIT_PERCENT, TRUE));
    }
  quota = rd_view_value (&ctx, "coverage.quota", NULL);
  data.frame.title = rd_view_chart_get_title (chart);
  data.frame.footer = rd_view_footer (&ctx, ids, NULL);
  data.frame.empty_reason = n == 0 ? _("No forecast categories") : rd_view_bars_reason (items, n);
  data.unit = RD_UNIT_MONEY;
  data.currency = pack->currency;
  data.items = items;
  data.n_items = n;
  data.has_target = !isnan (quota) && quota > 0;
  data.target = quota;
  data.target_label = _("Quota");
  /* Three columns climbing to the quota line read as a roll-up, and fit
   * a short cell. */
  data.vertical = TRUE;
  return rd_bar_chart_layout (&data, width, height, theme, pango);
}

static RdChartLayout *
accuracy_layout (const RdViewChart  *chart,
                 const RdMetricPack *pack,
                 double              width,
                 double              height,
                 const RdChartTheme *theme,
                 PangoContext       *pango)
{
  static const char *ids[] = { "forecast.accuracy", NULL };
  g_auto(RdViewCtx) ctx;
  g_autoptr(GPtrArray) periods = NULL;
  const char **labels;
  double *accuracy, *bias;
  RdLineSeries series[2] = { { NULL, }, };
  RdLineData data = { { NULL, }, };
  const RdMetric *head;
  gboolean any = FALSE;

  rd_view_ctx_init (&ctx, pack);
  periods = rd_view_buckets (&ctx, "forecast.accuracy");
  labels = rd_view_keep (&ctx, g_new0 (const char *, MAX (periods->len, 1)));
  accuracy = rd_view_keep (&ctx, g_new0 (double, MAX (periods->len, 1)));
  bias = rd_view_keep (&ctx, g_new0 (double, MAX (periods->len, 1)));
  for (guint i = 0; i < periods->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (periods, i);

      labels[i] = m->bucket;
      accuracy[i] = m->defined ? m->value : NAN;
      bias[i] = rd_view_value (&ctx, "forecast.bias", m->bucket);
      any = any || m->defined;
    }
  series[0].label = _("Accuracy");
  series[0].values = accuracy;
  series[0].metric_id = "forecast.accuracy";
  series[1].label = _("Forecast ÷ actual");
  series[1].values = bias;
  series[1].metric_id = "forecast.bias";
  head = rd_view_metric (&ctx, "overview.forecast_accuracy", NULL);

  data.frame.title = rd_view_chart_get_title (chart);
  data.frame.footer = rd_view_footer (&ctx, ids, NULL);
  data.frame.empty_reason = any ? NULL : _("No forecast was submitted for a period that has ended");
  data.unit = RD_UNIT_PERCENT;
  data.periods = labels;
  data.n_periods = periods->len;
  data.series = series;
  data.n_series = any ? G_N_ELEMENTS (series) : 0;
  data.has_target = head && head->has_target;
  data.target = head ? head->target : 0;
  data.target_label = _("Target accuracy");
  return rd_line_chart_layout (&data, width, height, theme, pango);
}

static RdChartLayout *
change_layout (const RdViewChart  *chart,
               const RdMetricPack *pack,
               double              width,
               double              height,
               const RdChartTheme *theme,
               PangoContext       *pango)
{
  static const RdViewStepSpec steps[] = {
    { "change.start", N_("Start"), RD_STEP_TOTAL, 1 },
    { "change.new", N_("New"), RD_STEP_DELTA, 1 },
    { "change.pulled_in", N_("Pulled in"), RD_STEP_DELTA, 1 },
    { "change.increased", N_("Increased"), RD_STEP_DELTA, 1 },
    { "change.won", N_("Won"), RD_STEP_DELTA, -1 },
    { "change.lost", N_("Lost"), RD_STEP_DELTA, -1 },
    { "change.pushed_out", N_("Pushed out"), RD_STEP_DELTA, -1 },
    { "change.decreased", N_("Decreased"), RD_STEP_DELTA, -1 },
    { "change.end", N_("End"), RD_STEP_TOTAL, 1 },
  };
  static const char *ids[] = { "change.start", "change.end", NULL };
  g_auto(RdViewCtx) ctx;
  const RdFilter *f = pack->filter;
  g_autofree char *from = rd_view_format_date (f->change_from[0] ? f->change_from : f->period_start);
  g_autofree char *to = rd_view_format_date (f->change_to[0] ? f->change_to
                                             : g_strcmp0 (f->period_end, f->as_of) < 0 ? f->period_end : f->as_of);
  const char *title;

  rd_view_ctx_init (&ctx, pack);
  /* TRANSLATORS: "Pipeline change, 1 Aug 2026 – 30 Sep 2026" */
  title = rd_view_printf (&ctx, _("Pipeline change, %s – %s"), from, to);
  return rd_view_bridge_layout (&ctx, steps, G_N_ELEMENTS (steps), title, ids,
                                rd_view_printf (&ctx, _("deals closing in %s"), f->period_key),
                                width, height, theme, pango);
}

/* ------------------------------------------------------------------------ */

const RdViewChart rd_view_funnel_charts[] = {
  { "funnel", N_("Lifecycle funnel"), TRUE, 2.0, 0, 0, NULL, funnel_layout },
  { "step-conversion", N_("Step conversion"), FALSE, 1.0, 320, 0, NULL, conversion_layout },
  { "overall-conversion", N_("Overall conversion"), FALSE, 1.0, 220, 0, NULL, overall_layout },
};
const guint rd_view_funnel_n_charts = G_N_ELEMENTS (rd_view_funnel_charts);

const RdViewChart rd_view_aging_charts[] = {
  { "days-in-stage", N_("Median days in stage of open deals, against each stage's limit"),
    TRUE, 1.5, 0, 0, NULL, strip_layout },
  { "stalled-by-stage", N_("Stalled deals by stage"), FALSE, 1.0, 240, 0, NULL, stalled_layout },
  { "deal-flags", N_("Deals to look at"), FALSE, 1.0, 240, 0, NULL, flags_layout },
  { "time-in-stage", N_("Historical time in stage"), FALSE, 1.0, 240, 0, NULL, history_layout },
};
const guint rd_view_aging_n_charts = G_N_ELEMENTS (rd_view_aging_charts);

const RdViewChart rd_view_coverage_charts[] = {
  { "coverage", N_("Pipeline by category"), FALSE, 1.0, 280, 3, NULL, stack_layout },
  { "coverage-math", N_("Pipeline coverage"), FALSE, 1.0, 280, 3, NULL, coverage_tile_layout },
  { "rollup", N_("Roll-up against quota"), FALSE, 1.0, 280, 3, NULL, rollup_layout },
  { "forecast-accuracy", N_("Forecast accuracy by quarter"), FALSE, 1.0, 280, 3, NULL, accuracy_layout },
  { "pipeline-change", N_("Pipeline change in the period"), FALSE, 1.0, 280, 3, NULL, change_layout },
};
const guint rd_view_coverage_n_charts = G_N_ELEMENTS (rd_view_coverage_charts);
