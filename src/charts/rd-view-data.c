/* rd-view-data.c — building chart data from a metric pack: lookups, footers, shared shapes
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>

#include "rd-view-private.h"

void
rd_view_ctx_init (RdViewCtx          *ctx,
                  const RdMetricPack *pack)
{
  ctx->pack = pack;
  ctx->owned = g_ptr_array_new_with_free_func (g_free);
}

void
rd_view_ctx_clear (RdViewCtx *ctx)
{
  g_clear_pointer (&ctx->owned, g_ptr_array_unref);
}

gpointer
rd_view_keep (RdViewCtx *ctx,
              gpointer   p)
{
  g_ptr_array_add (ctx->owned, p);
  return p;
}

const char *
rd_view_printf (RdViewCtx  *ctx,
                const char *format,
                ...)
{
  va_list args;
  char *s;

  va_start (args, format);
  s = g_strdup_vprintf (format, args);
  va_end (args);
  return rd_view_keep (ctx, s);
}

const RdMetric *
rd_view_metric (RdViewCtx  *ctx,
                const char *id,
                const char *bucket)
{
  return rd_metric_pack_find (ctx->pack, id, bucket);
}

double
rd_view_value (RdViewCtx  *ctx,
               const char *id,
               const char *bucket)
{
  const RdMetric *m = rd_view_metric (ctx, id, bucket);

  return m != NULL && m->defined ? m->value : NAN;
}

GPtrArray *
rd_view_buckets (RdViewCtx  *ctx,
                 const char *id)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < ctx->pack->metrics->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (ctx->pack->metrics, i);

      if (m->bucket != NULL && g_str_equal (m->id, id))
        g_ptr_array_add (out, (gpointer) m);
    }
  return out;
}

const char *
rd_view_reason (RdViewCtx          *ctx,
                const char * const *ids)
{
  for (guint i = 0; ids[i] != NULL; i++)
    {
      const RdMetric *m = rd_view_metric (ctx, ids[i], NULL);

      if (m == NULL)
        return rd_view_printf (ctx, _("This workspace has no figures for “%s”"), ids[i]);
      if (!m->defined)
        return m->reason ? m->reason : _("Not defined for this slice");
    }
  return NULL;
}

const char *
rd_view_format (RdViewCtx *ctx,
                double     value,
                RdUnit     unit,
                gboolean   short_form)
{
  return rd_view_keep (ctx, rd_chart_format_value (value, unit, ctx->pack->currency, short_form));
}

char *
rd_view_format_date (const char *iso_date)
{
  int y, m, d;
  GDate date;
  char month[32];

  if (iso_date == NULL || sscanf (iso_date, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return g_strdup (iso_date ? iso_date : "");
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  if (g_date_strftime (month, sizeof month, "%b", &date) == 0)
    g_snprintf (month, sizeof month, "%02d", m);
  /* TRANSLATORS: a date: day, abbreviated month, year ("30 Sep 2026") */
  return g_strdup_printf (C_("date", "%d %s %d"), d, month, y);
}

/* The names of the glossary terms, for footers ("Win rate v2"). */
static const struct
{
  const char *key;
  const char *name;
} definition_names[] = {
  { "win-rate", N_("Win rate") },
  { "pipeline-coverage", N_("Coverage") },
  { "forecast-accuracy", N_("Forecast accuracy") },
  { "stage-conversion", N_("Conversion") },
  { "stalled-deal", N_("Stalled") },
  { "slipped-deal", N_("Slipped") },
  { "stale-deal", N_("Stale") },
  { "sales-cycle", N_("Sales cycle") },
  { "sla-adherence", N_("SLA adherence") },
  { "handoff-completeness", N_("Handoff completeness") },
  { "required-field-completeness", N_("Field completeness") },
  { "nrr", N_("NRR") },
  { "grr", N_("GRR") },
  { "arr", N_("ARR") },
  { "logo-retention", N_("Logo retention") },
  { "revenue-velocity", N_("Velocity") },
  { "mrr", N_("MRR") },
  { "commit", N_("Commit") },
  { "best-case", N_("Best case") },
  { "cac", N_("CAC") },
  { "cac-payback", N_("CAC payback") },
};

static const char *
definition_name (const RdMetric *m)
{
  for (guint i = 0; i < G_N_ELEMENTS (definition_names); i++)
    if (g_str_equal (definition_names[i].key, m->definition_key))
      return _(definition_names[i].name);
  /* Per-bucket terms (a lifecycle stage's definition) are named by it. */
  return m->bucket ? m->bucket : m->label;
}

static void
append_part (GString    *s,
             const char *part)
{
  if (s->len > 0)
    g_string_append (s, " · ");
  g_string_append (s, part);
}

/* append_part of a formatted part. */
static void G_GNUC_PRINTF (2, 3)
append_part_printf (GString    *s,
                    const char *format,
                    ...)
{
  g_autofree char *part = NULL;
  va_list args;

  va_start (args, format);
  part = g_strdup_vprintf (format, args);
  va_end (args);
  append_part (s, part);
}

static void
append_filters (GString        *s,
                const RdFilter *f)
{
  g_autofree char *as_of = rd_view_format_date (f->as_of);

  append_part_printf (s, _("as of %s"), as_of);
  append_part (s, f->period_key);
  if (f->segment_name)
    append_part_printf (s, _("Segment: %s"), f->segment_name);
  if (f->region_name)
    append_part_printf (s, _("Region: %s"), f->region_name);
  if (f->owner_name)
    append_part_printf (s, _("Owner: %s"), f->owner_name);
  if (f->channel_name)
    append_part_printf (s, _("Source: %s"), f->channel_name);
}

const char *
rd_view_footer (RdViewCtx          *ctx,
                const char * const *ids,
                const char         *extra)
{
  /* The setting the numbers depend on first: it is what a reader needs
   * when the line is cut short. */
  GString *s = g_string_new (extra);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    for (guint j = 0; j < ctx->pack->metrics->len; j++)
      {
        const RdMetric *m = g_ptr_array_index (ctx->pack->metrics, j);
        gboolean seen = FALSE;

        if (m->definition_key == NULL || m->definition_version <= 0 || !g_str_equal (m->id, ids[i]))
          continue;
        for (guint k = 0; k < keys->len && !seen; k++)
          seen = g_str_equal (g_ptr_array_index (keys, k), m->definition_key);
        if (seen)
          continue;
        g_ptr_array_add (keys, m->definition_key);
        {
          /* TRANSLATORS: a definition and its version, "Win rate v2" */
          char *t = g_strdup_printf (_("%s v%d"), definition_name (m), m->definition_version);

          if (g_ptr_array_find_with_equal_func (names, t, g_str_equal, NULL))
            {
              g_free (t);
              continue;
            }
          g_ptr_array_add (names, t);
          append_part (s, t);
        }
      }
  append_filters (s, ctx->pack->filter);
  return rd_view_keep (ctx, g_string_free (s, FALSE));
}

char *
rd_view_subtitle (const RdMetricPack *pack)
{
  GString *s = g_string_new (pack->company);

  append_filters (s, pack->filter);
  return g_string_free (s, FALSE);
}

RdChartLayout *
rd_view_empty_layout (const char         *title,
                      const char         *footer,
                      const char         *reason,
                      double              width,
                      double              height,
                      const RdChartTheme *theme,
                      PangoContext       *pango)
{
  RdChartBuilder b;
  RdChartFrame frame = { title, footer, reason };
  RdRect area;

  rd_chart_builder_init (&b, width, height, theme, pango);
  area = rd_chart_add_frame_text (&b, &frame);
  rd_chart_add_empty (&b, area, reason);
  return rd_chart_builder_finish (&b);
}

RdChartLayout *
rd_view_tile_layout (RdViewCtx          *ctx,
                     const char         *title,
                     const char         *metric_id,
                     const char         *bucket,
                     const char         *why,
                     const RdViewParts  *parts,
                     double              width,
                     double              height,
                     const RdChartTheme *theme,
                     PangoContext       *pango)
{
  const RdMetric *m = rd_view_metric (ctx, metric_id, bucket);
  g_autofree char *history_id = g_strconcat (metric_id, ".history", NULL);
  g_autoptr(GPtrArray) history = rd_view_buckets (ctx, history_id);
  double *values = rd_view_keep (ctx, g_new0 (double, MAX (history->len, 1)));
  RdTileData data = { { title, NULL, NULL }, };

  if (m == NULL)
    return rd_view_empty_layout (title, NULL, rd_view_printf (ctx, _("This workspace has no figures for “%s”"), metric_id),
                                 width, height, theme, pango);
  for (guint i = 0; i < history->len; i++)
    {
      const RdMetric *h = g_ptr_array_index (history, i);
      values[i] = h->defined ? h->value : NAN;
    }
  data.frame.title = title ? title : m->label;
  data.unit = m->unit;
  data.currency = ctx->pack->currency;
  data.defined = m->defined;
  data.value = m->value;
  data.reason = m->reason;
  data.has_target = m->has_target;
  data.target = m->target;
  data.status = m->status;
  data.history = values;
  data.n_history = history->len;
  data.why = m->defined ? why : m->reason;
  data.metric_id = m->id;
  data.bucket = m->bucket;
  if (parts && m->defined && (!parts->from_ratio || m->is_ratio)
      && (parts->from_ratio || (!isnan (parts->part) && !isnan (parts->whole))))
    {
      data.part_label = parts->part_label;
      data.part = parts->from_ratio ? m->numerator : parts->part;
      data.whole_label = parts->whole_label;
      data.whole = parts->from_ratio ? m->denominator : parts->whole;
      data.parts_unit = parts->from_ratio ? m->numerator_unit : parts->unit;
    }
  return rd_tile_chart_layout (&data, width, height, theme, pango);
}


RdBarItem *
rd_view_bucket_bars (RdViewCtx  *ctx,
                     const char *id,
                     guint      *n_items)
{
  g_autoptr(GPtrArray) buckets = rd_view_buckets (ctx, id);
  RdBarItem *items = rd_view_keep (ctx, g_new0 (RdBarItem, MAX (buckets->len, 1)));

  for (guint i = 0; i < buckets->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (buckets, i);

      items[i].label = m->bucket;
      items[i].value = m->defined ? m->value : NAN;
      items[i].metric_id = m->id;
      items[i].bucket = m->bucket;
      items[i].note = m->defined ? NULL : m->reason;
    }
  *n_items = buckets->len;
  return items;
}

const char *
rd_view_bars_reason (const RdBarItem *items,
                     guint            n_items)
{
  for (guint i = 0; i < n_items; i++)
    if (!isnan (items[i].value))
      return NULL;
  return n_items > 0 ? items[0].note : NULL;
}

RdBarItem *
rd_view_spec_bars (RdViewCtx           *ctx,
                   const RdViewBarSpec *specs,
                   guint                n_specs)
{
  RdBarItem *items = rd_view_keep (ctx, g_new0 (RdBarItem, MAX (n_specs, 1)));

  for (guint i = 0; i < n_specs; i++)
    {
      const RdMetric *m = rd_view_metric (ctx, specs[i].id, specs[i].bucket);

      items[i].label = _(specs[i].label);
      items[i].value = m && m->defined ? m->value : NAN;
      items[i].metric_id = specs[i].id;
      items[i].bucket = specs[i].bucket;
      items[i].note = m && !m->defined ? m->reason : specs[i].note ? _(specs[i].note) : NULL;
    }
  return items;
}

RdChartLayout *
rd_view_spec_count_layout (const RdViewChart   *chart,
                           const RdMetricPack  *pack,
                           const RdViewBarSpec *specs,
                           guint                n_specs,
                           const char * const  *ids,
                           double               width,
                           double               height,
                           const RdChartTheme  *theme,
                           PangoContext        *pango)
{
  g_auto(RdViewCtx) ctx;
  RdBarData data = { { NULL, }, };

  rd_view_ctx_init (&ctx, pack);
  data.items = rd_view_spec_bars (&ctx, specs, n_specs);
  data.n_items = n_specs;
  data.frame.title = rd_view_chart_get_title (chart);
  data.frame.footer = rd_view_footer (&ctx, ids, NULL);
  data.unit = RD_UNIT_COUNT;
  return rd_bar_chart_layout (&data, width, height, theme, pango);
}

RdChartLayout *
rd_view_bridge_layout (RdViewCtx            *ctx,
                       const RdViewStepSpec *specs,
                       guint                 n_specs,
                       const char           *title,
                       const char * const   *ids,
                       const char           *extra,
                       double                width,
                       double                height,
                       const RdChartTheme   *theme,
                       PangoContext         *pango)
{
  RdWaterfallStep *steps = rd_view_keep (ctx, g_new0 (RdWaterfallStep, MAX (n_specs, 1)));
  RdWaterfallData data = { { NULL, }, };
  gboolean any = FALSE;

  for (guint i = 0; i < n_specs; i++)
    {
      steps[i].label = _(specs[i].label);
      steps[i].kind = specs[i].kind;
      steps[i].value = specs[i].sign * rd_view_value (ctx, specs[i].id, NULL);
      steps[i].metric_id = specs[i].id;
    }
  data.frame.title = title;
  data.frame.footer = rd_view_footer (ctx, ids, extra);
  data.frame.empty_reason = rd_view_reason (ctx, ids);
  for (guint i = 0; i < n_specs; i++)
    any = any || (steps[i].value != 0 && !isnan (steps[i].value));
  if (data.frame.empty_reason == NULL && !any)
    data.frame.empty_reason = _("Nothing to bridge: every step is zero for this slice");
  data.unit = RD_UNIT_MONEY;
  data.currency = ctx->pack->currency;
  data.steps = steps;
  data.n_steps = data.frame.empty_reason ? 0 : n_specs;
  return rd_waterfall_chart_layout (&data, width, height, theme, pango);
}
