/* rd-view-overview.c — the ten headline tiles and the next actions
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each tile shows an overview.* metric with its target, status and history,
 * and one line of why built from the figures behind it. The next actions
 * are transparent rules over the pack; each is one sentence that names a
 * count and drills into exactly the records it counts.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "rd-view-private.h"

/* ------------------------------------------------------------------------ */
/* Why lines                                                                 */

/* The numerator and denominator of a ratio, short. */
static gboolean
parts_of (RdViewCtx       *ctx,
          const RdMetric  *m,
          const char     **num,
          const char     **den)
{
  if (!m->is_ratio)
    return FALSE;
  *num = rd_view_format (ctx, m->numerator, m->numerator_unit, TRUE);
  *den = rd_view_format (ctx, m->denominator, m->numerator_unit, TRUE);
  return TRUE;
}

/* The period whose accuracy the overview shows: the forecast.accuracy
 * bucket with the same value. */
static const char *
forecast_why (RdViewCtx      *ctx,
              const RdMetric *m)
{
  g_autoptr(GPtrArray) periods = rd_view_buckets (ctx, "forecast.accuracy");

  for (guint i = periods->len; i > 0; i--)
    {
      const RdMetric *a = g_ptr_array_index (periods, i - 1);
      double forecast = rd_view_value (ctx, "forecast.submitted", a->bucket);
      double actual = rd_view_value (ctx, "forecast.actual", a->bucket);

      if (a->defined && fabs (a->value - m->value) < 1e-6 && !isnan (forecast) && !isnan (actual))
        /* TRANSLATORS: "2026-Q2: forecast $1.1M, actual $881K" */
        return rd_view_printf (ctx, _("%s: forecast %s, actual %s"), a->bucket,
                               rd_view_format (ctx, forecast, RD_UNIT_MONEY, TRUE),
                               rd_view_format (ctx, actual, RD_UNIT_MONEY, TRUE));
    }
  return NULL;
}

static const char *
tile_why (RdViewCtx      *ctx,
          const RdMetric *m)
{
  const char *id = m->id + strlen ("overview.");
  const char *num = NULL, *den = NULL;

  if (!m->defined)
    return m->reason;
  if (g_str_equal (id, "pipeline_coverage"))
    return rd_view_coverage_sentence (ctx);
  if (g_str_equal (id, "win_rate"))
    return parts_of (ctx, m, &num, &den) ? rd_view_printf (ctx, _("%s won of %s closed"), num, den) : NULL;
  if (g_str_equal (id, "stage_conversion"))
    return parts_of (ctx, m, &num, &den) ? rd_view_printf (ctx, _("%s of %s moved to the next stage"), num, den) : NULL;
  if (g_str_equal (id, "handoff_completeness"))
    return parts_of (ctx, m, &num, &den) ? rd_view_printf (ctx, _("%s of %s handoffs had every field"), num, den) : NULL;
  if (g_str_equal (id, "required_fields"))
    return m->is_ratio ? rd_view_printf (ctx, _("%s required fields are empty"),
                                         rd_view_format (ctx, m->denominator - m->numerator, RD_UNIT_COUNT, TRUE))
                       : NULL;
  if (g_str_equal (id, "forecast_accuracy"))
    return forecast_why (ctx, m);
  if (g_str_equal (id, "sales_cycle"))
    {
      const RdMetric *mean = rd_view_metric (ctx, "sales.cycle_mean", NULL);

      if (mean && mean->defined && mean->is_ratio)
        return rd_view_printf (ctx, _("Median of %s deals won; mean %s"),
                               rd_view_format (ctx, mean->denominator, RD_UNIT_COUNT, TRUE),
                               rd_view_format (ctx, mean->value, RD_UNIT_DAYS, TRUE));
      return NULL;
    }
  if (g_str_equal (id, "nrr"))
    {
      double grr = rd_view_value (ctx, "retention.grr", NULL);
      double logo = rd_view_value (ctx, "retention.logo", NULL);

      if (isnan (grr) || isnan (logo))
        return NULL;
      return rd_view_printf (ctx, _("GRR %s · logo retention %s"),
                             rd_view_format (ctx, grr, RD_UNIT_PERCENT, TRUE),
                             rd_view_format (ctx, logo, RD_UNIT_PERCENT, TRUE));
    }
  if (g_str_equal (id, "stalled_deals"))
    {
      double open = rd_view_value (ctx, "sales.open_deals", NULL);

      if (isnan (open))
        return NULL;
      return rd_view_printf (ctx, _("Past their stage's day limit; %s deals open"),
                             rd_view_format (ctx, open, RD_UNIT_COUNT, TRUE));
    }
  if (g_str_equal (id, "sla_misses"))
    {
      double adherence = rd_view_value (ctx, "handoff.sla_adherence", NULL);

      if (isnan (adherence))
        return _("Past the SLA and not yet accepted");
      return rd_view_printf (ctx, _("Not yet accepted; SLA met %s of the time"),
                             rd_view_format (ctx, adherence, RD_UNIT_PERCENT, TRUE));
    }
  return NULL;
}

char *
rd_view_tile_why (const RdMetricPack *pack,
                  const RdMetric     *metric)
{
  RdViewCtx ctx;
  char *why;

  g_return_val_if_fail (pack != NULL && metric != NULL, NULL);
  if (!g_str_has_prefix (metric->id, "overview."))
    return NULL;
  rd_view_ctx_init (&ctx, pack);
  why = g_strdup (tile_why (&ctx, metric));
  rd_view_ctx_clear (&ctx);
  return why;
}

static RdChartLayout *
tile_layout (const RdViewChart  *chart,
             const RdMetricPack *pack,
             double              width,
             double              height,
             const RdChartTheme *theme,
             PangoContext       *pango)
{
  g_auto(RdViewCtx) ctx;
  const RdMetric *m;
  RdViewParts parts = { NULL, NULL, FALSE, NAN, NAN, RD_UNIT_COUNT };

  rd_view_ctx_init (&ctx, pack);
  m = rd_view_metric (&ctx, chart->metric_id, NULL);
  /* A count held to zero has no meter to fill: it shows its share of the
   * whole it comes from instead. */
  if (g_str_equal (chart->metric_id, "overview.stalled_deals") && m)
    {
      parts.part_label = _("Stalled");
      parts.part = m->value;
      parts.whole_label = _("Open deals");
      parts.whole = rd_view_value (&ctx, "sales.open_deals", NULL);
    }
  return rd_view_tile_layout (&ctx, rd_view_chart_get_title (chart), chart->metric_id, NULL,
                              m ? tile_why (&ctx, m) : NULL, parts.part_label ? &parts : NULL, width, height, theme,
                              pango);
}

/* ------------------------------------------------------------------------ */
/* Next actions                                                              */

typedef struct
{
  RdStatus    status;
  const char *text;
  const char *metric_id;
  const char *bucket;
} Action;

static void
add_action (GArray     *actions,
            RdStatus    status,
            const char *text,
            const char *metric_id,
            const char *bucket)
{
  Action a = { status, text, metric_id, bucket };

  g_array_append_val (actions, a);
}

static const char *
count_text (RdViewCtx *ctx,
            double     n)
{
  return rd_view_format (ctx, n, RD_UNIT_COUNT, FALSE);
}

/* Stable: equal counts keep the stage order. */
static int
by_value_desc (gconstpointer a,
               gconstpointer b)
{
  const RdMetric *ma = *(const RdMetric * const *) a;
  const RdMetric *mb = *(const RdMetric * const *) b;
  double va = ma->defined ? ma->value : -1, vb = mb->defined ? mb->value : -1;

  return (va < vb) - (va > vb);
}

static GArray *
collect_actions (RdViewCtx *ctx)
{
  GArray *actions = g_array_new (FALSE, FALSE, sizeof (Action));
  const RdMetric *cov = rd_view_metric (ctx, "coverage.ratio", NULL);
  g_autoptr(GPtrArray) stalled = rd_view_buckets (ctx, "aging.stalled");
  g_autoptr(GPtrArray) misses = rd_view_buckets (ctx, "handoff.open_misses");
  g_autoptr(GPtrArray) missing = rd_view_buckets (ctx, "quality.missing");
  double unowned = rd_view_value (ctx, "renewals.unowned", NULL);
  double stale = rd_view_value (ctx, "aging.stale", NULL);

  /* Rule 1: coverage below its target. */
  if (cov && cov->defined && cov->has_target && cov->value < cov->target
      && rd_view_value (ctx, "coverage.met", NULL) <= 0)
    add_action (actions, cov->status,
                rd_view_printf (ctx, _("Coverage %s for %s"), rd_view_coverage_sentence (ctx),
                                ctx->pack->filter->period_key),
                cov->id, NULL);

  /* Rule 2: stalled deals, the stage with the most first. */
  g_ptr_array_sort (stalled, by_value_desc);
  for (guint i = 0; i < MIN (stalled->len, 3); i++)
    {
      const RdMetric *s = g_ptr_array_index (stalled, i);
      double limit = rd_view_value (ctx, "aging.threshold", s->bucket);

      if (!s->defined || s->value < 1)
        continue;
      add_action (actions, RD_STATUS_WATCH,
                  isnan (limit)
                  ? rd_view_printf (ctx, ngettext ("%s deal in %s is stalled", "%s deals in %s are stalled", (gulong) s->value),
                                    count_text (ctx, s->value), s->bucket)
                  : rd_view_printf (ctx, ngettext ("%s deal in %s past %s days", "%s deals in %s past %s days", (gulong) s->value),
                                    count_text (ctx, s->value), s->bucket, count_text (ctx, limit)),
                  s->id, s->bucket);
    }

  /* Rule 3: renewals without an owner. */
  if (!isnan (unowned) && unowned >= 1)
    add_action (actions, RD_STATUS_OFF_TRACK,
                rd_view_printf (ctx, ngettext ("%s renewal in the next 90 days has no owner",
                                               "%s renewals in the next 90 days have no owner", (gulong) unowned),
                                count_text (ctx, unowned)),
                "renewals.unowned", NULL);

  /* Rule 4: open SLA misses, per handoff. */
  for (guint i = 0; i < misses->len; i++)
    {
      const RdMetric *s = g_ptr_array_index (misses, i);

      if (s->defined && s->value >= 1)
        add_action (actions, RD_STATUS_OFF_TRACK,
                    rd_view_printf (ctx, ngettext ("%s record past the %s SLA, not yet accepted",
                                                   "%s records past the %s SLA, not yet accepted", (gulong) s->value),
                                    count_text (ctx, s->value), s->bucket),
                    s->id, s->bucket);
    }

  /* Rule 5: stale deals (close date already past). */
  if (!isnan (stale) && stale >= 1)
    add_action (actions, RD_STATUS_WATCH,
                rd_view_printf (ctx, ngettext ("%s open deal has a close date in the past",
                                               "%s open deals have a close date in the past", (gulong) stale),
                                count_text (ctx, stale)),
                "aging.stale", NULL);

  /* Rule 6: missing required fields, the three emptiest fields. */
  g_ptr_array_sort (missing, by_value_desc);
  for (guint i = 0; i < MIN (missing->len, 3); i++)
    {
      const RdMetric *s = g_ptr_array_index (missing, i);

      if (s->defined && s->value >= 1)
        add_action (actions, RD_STATUS_WATCH,
                    rd_view_printf (ctx, ngettext ("%s record is missing “%s”", "%s records are missing “%s”", (gulong) s->value),
                                    count_text (ctx, s->value), s->bucket),
                    s->id, s->bucket);
    }
  return actions;
}

static RdChartLayout *
actions_layout (const RdViewChart  *chart,
                const RdMetricPack *pack,
                double              width,
                double              height,
                const RdChartTheme *theme,
                PangoContext       *pango)
{
  static const char *ids[] = { "coverage.ratio", "aging.stalled", "renewals.unowned", "handoff.open_misses",
                               "aging.stale", "quality.missing", NULL };
  g_auto(RdViewCtx) ctx;
  g_autoptr(GArray) actions = NULL;
  RdChartFrame frame = { NULL, NULL, NULL };
  RdChartBuilder b;
  RdRect area;
  double lh, row_h, col_w, dot_r;
  guint cols, cap_rows, capacity, rows, shown;

  rd_view_ctx_init (&ctx, pack);
  actions = collect_actions (&ctx);
  frame.title = rd_view_chart_get_title (chart);
  frame.footer = rd_view_footer (&ctx, ids, NULL);

  rd_chart_builder_init (&b, width, height, theme, pango);
  {
    /* A box too short for one action under its title, or for one and the
     * line saying how many more there are, drops the footer (the page
     * repeats the as-of date and filters). */
    double m = MIN (RD_CHART_MARGIN, MIN (width, height) / 16);
    double room = height - 2 * m - rd_chart_line_height (&b, RD_TEXT_TITLE) - rd_chart_line_height (&b, RD_TEXT_SMALL)
                  - 2 * RD_CHART_GAP;
    double one = rd_chart_line_height (&b, RD_TEXT_BODY) + 6;

    if (room < one - 6 || (actions->len > 1 && room + 6 < 2 * one))
      frame.footer = NULL;
  }
  area = rd_chart_add_frame_text (&b, &frame);
  if (actions->len == 0)
    {
      rd_chart_add_empty (&b, area, _("Nothing to act on in this slice. The rules: coverage below its target, stalled deals, renewals without an owner, open SLA misses, close dates in the past, empty required fields."));
      return rd_chart_builder_finish (&b);
    }

  lh = rd_chart_line_height (&b, RD_TEXT_BODY);
  row_h = lh + 6;
  dot_r = MAX (3, lh / 4);
  cols = area.w >= 900 ? 2 : 1;
  cap_rows = MAX ((guint) floor ((area.h + 6) / row_h), 1);
  capacity = cap_rows * cols;
  /* When they do not all fit, the last slot says how many more there are;
   * with room for one line only, the first action matters more. */
  shown = actions->len <= capacity ? actions->len : MAX (capacity - 1, 1);
  rows = actions->len <= capacity ? (shown + cols - 1) / cols : cap_rows;
  col_w = (area.w - (cols - 1) * 2 * RD_CHART_MARGIN) / cols;

  for (guint i = 0; i < shown; i++)
    {
      const Action *a = &g_array_index (actions, Action, i);
      double x = area.x + (i / rows) * (col_w + 2 * RD_CHART_MARGIN);
      double y = area.y + (i % rows) * row_h;
      RdChartHit *hit;

      /* Status as a shape and a colour: a filled dot for off track, a ring
       * for watch. */
      rd_chart_add_dot (&b, rd_chart_status_ink (a->status), x + dot_r, y + lh / 2, dot_r,
                        a->status != RD_STATUS_OFF_TRACK);
      rd_chart_add_text (&b, RD_INK_TEXT, RD_TEXT_BODY, a->text, x + 2 * dot_r + RD_CHART_GAP, y,
                         col_w - 2 * dot_r - RD_CHART_GAP, 0);
      hit = rd_chart_add_hit (&b, x, y, col_w, lh, a->metric_id, a->bucket, a->text);
      hit->item = i;
    }
  if (shown < actions->len && shown < capacity)
    {
      guint more = actions->len - shown;
      g_autofree char *text = g_strdup_printf (ngettext ("and %u more action", "and %u more actions", more), more);

      rd_chart_add_text (&b, RD_INK_TEXT_SECONDARY, RD_TEXT_SMALL, text,
                         area.x + (cols - 1) * (col_w + 2 * RD_CHART_MARGIN), area.y + (cap_rows - 1) * row_h,
                         col_w, 0);
    }
  return rd_chart_builder_finish (&b);
}

/* Two rows of five: the money engine first, then its health. */
#define TILE(id, title) { "tile-" id, title, FALSE, 1.0, 175, 5, "overview." id, tile_layout }

const RdViewChart rd_view_overview_charts[] = {
  TILE ("pipeline_coverage", N_("Coverage")),
  TILE ("win_rate", N_("Win rate")),
  TILE ("sales_cycle", N_("Sales cycle")),
  TILE ("forecast_accuracy", N_("Forecast accuracy")),
  TILE ("nrr", N_("NRR")),
  TILE ("stage_conversion", N_("Conversion")),
  TILE ("stalled_deals", N_("Stalled deals")),
  TILE ("sla_misses", N_("SLA misses")),
  TILE ("handoff_completeness", N_("Handoffs")),
  TILE ("required_fields", N_("Required fields")),
  { "next-actions", N_("Next actions"), TRUE, 1.3, 0, 0, NULL, actions_layout },
};
const guint rd_view_overview_n_charts = G_N_ELEMENTS (rd_view_overview_charts);
