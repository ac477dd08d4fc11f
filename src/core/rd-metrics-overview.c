/* rd-metrics-overview.c — the ten headline metrics, each with a target and a status
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The overview runs after every other group and computes nothing of its
 * own: each overview.<name> copies one metric of another group from the
 * pack (value, numerator, denominator, formula, definition) and adds a
 * target, a status (on track / watch / off track) and the rule that gave the
 * status, written out in words from the same numbers. Its records are the
 * source metric's: drill delegates to the source group.
 *
 * overview.<name>.history (bucket = period key) holds the headline for the
 * eight periods ending with the filter's period, for the sparklines. The
 * earlier periods are computed here, inside the pack's read transaction, on a
 * copy of the context whose filter has the shifted period (never the
 * overview itself, so there is no recursion; rd_metrics_compute cannot be
 * called from here because it opens a transaction of its own). A headline
 * has a history only where that is cheap and the definition allows it:
 * - win rate and sales cycle: only the sales metrics, seven more times
 *   (rd_metrics_sales_compute), read from the coverage group's per-close-month
 *   aggregate: the overview's own work is about 6 ms of processor time at
 *   100,000 opportunities and 9 ms at 1,000,000 (it was 0.16 s and 1.4 s
 *   when the whole coverage group ran for each period);
 * - forecast accuracy: nothing, the coverage group already reports the
 *   seven periods before the filter's as buckets of forecast.accuracy;
 * - no history for SLA misses, required-field completeness, pipeline
 *   coverage and stalled deals: they are states at the as-of date, whose
 *   past values need the whole state replayed at each period's end;
 * - nor, for now, for stage conversion, handoff completeness and NRR: each
 *   would need its whole group (funnel, quality, retention) run seven more
 *   times, seven times that group's cost, when the overview view as a whole
 *   has 20 ms at 100,000 opportunities. They can have one as soon as their
 *   group reports the earlier periods as buckets of the source metric
 *   (HISTORY_BUCKETS, as forecast.accuracy does); HISTORY_GROUP in their
 *   rows turns the per-period run on.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rd-metrics-coverage-private.h"
#include "rd-workspace-private.h"

#define HISTORY_POINTS 8

typedef enum
{
  BUCKET_NONE,               /* the source metric without a bucket */
  BUCKET_SECOND_LIFECYCLE,   /* the name of the second lifecycle stage (MQL: MQL → SQL) */
  BUCKET_LAST_ENDED_PERIOD,  /* the filter's period once it has ended, else the one before */
} BucketRule;

typedef enum
{
  TARGET_FIXED,
  TARGET_COVERAGE,           /* coverage.target; met quota is on track */
} TargetRule;

typedef enum
{
  WATCH_FIXED,               /* watch is the number in the table */
  WATCH_SHARE_OF_TARGET,     /* watch = target × the number */
  WATCH_SHARE_OF_OPEN_DEALS, /* watch = open deals (sum of aging.open buckets) × the number */
} WatchRule;

typedef enum
{
  HISTORY_NONE,              /* a state at the as-of date: no history */
  HISTORY_GROUP,             /* compute the source group for each period */
  HISTORY_BUCKETS,           /* the source reports earlier periods as buckets */
} HistoryRule;

typedef struct
{
  const char          *name;          /* overview.<name> */
  const char          *label;         /* N_() */
  const char          *source_id;
  RdUnit               unit;          /* the source's unit, for a missing source's rule */
  const RdMetricGroup *group;         /* computes the source */
  BucketRule           bucket_rule;
  TargetRule           target_rule;
  double               target;
  WatchRule            watch_rule;
  double               watch;
  gboolean             higher_is_better;
  HistoryRule          history;
  const char          *no_history;    /* N_(): why there is none */
  /* HISTORY_GROUP: computes the source for another period; NULL: the
   * group's own compute. */
  gboolean           (*history_compute) (RdMetricsCtx *ctx,
                                         GError      **error);
} Headline;

#define STATE_ONLY N_("no history: a state at the as-of date, whose past values need the whole state replayed")
#define TOO_COSTLY N_("no history: recomputing its whole group for seven more periods costs more than "\
                           "the overview's time budget")

/* The ten headline metrics of the issue, with their targets. */
static const Headline headlines[] = {
  { "stage_conversion", N_("Stage conversion"), "funnel.conversion", RD_UNIT_PERCENT, &rd_metrics_funnel_group,
    BUCKET_SECOND_LIFECYCLE, TARGET_FIXED, 30, WATCH_FIXED, 20, TRUE, HISTORY_NONE, TOO_COSTLY },
  { "sla_misses", N_("Open SLA misses"), "handoff.open_misses", RD_UNIT_COUNT, &rd_metrics_quality_group,
    BUCKET_NONE, TARGET_FIXED, 0, WATCH_FIXED, 5, FALSE, HISTORY_NONE, STATE_ONLY },
  { "pipeline_coverage", N_("Pipeline coverage"), "coverage.ratio", RD_UNIT_RATIO, &rd_metrics_coverage_group,
    BUCKET_NONE, TARGET_COVERAGE, 0, WATCH_SHARE_OF_TARGET, 2.0 / 3.0, TRUE, HISTORY_NONE, STATE_ONLY },
  { "forecast_accuracy", N_("Forecast accuracy"), "forecast.accuracy", RD_UNIT_PERCENT, &rd_metrics_coverage_group,
    BUCKET_LAST_ENDED_PERIOD, TARGET_FIXED, 90, WATCH_FIXED, 80, TRUE, HISTORY_BUCKETS, NULL },
  { "handoff_completeness", N_("Handoff completeness"), "handoff.completeness", RD_UNIT_PERCENT, &rd_metrics_quality_group,
    BUCKET_NONE, TARGET_FIXED, 95, WATCH_FIXED, 85, TRUE, HISTORY_NONE, TOO_COSTLY },
  { "required_fields", N_("Required-field completeness"), "quality.required_fields", RD_UNIT_PERCENT, &rd_metrics_quality_group,
    BUCKET_NONE, TARGET_FIXED, 95, WATCH_FIXED, 85, TRUE, HISTORY_NONE, STATE_ONLY },
  { "win_rate", N_("Win rate"), "sales.win_rate", RD_UNIT_PERCENT, &rd_metrics_coverage_group,
    BUCKET_NONE, TARGET_FIXED, 25, WATCH_FIXED, 18, TRUE, HISTORY_GROUP, NULL, rd_metrics_sales_compute },
  { "sales_cycle", N_("Sales cycle (median)"), "sales.cycle_median", RD_UNIT_DAYS, &rd_metrics_coverage_group,
    BUCKET_NONE, TARGET_FIXED, 60, WATCH_FIXED, 90, FALSE, HISTORY_GROUP, NULL, rd_metrics_sales_compute },
  { "nrr", N_("Net revenue retention"), "retention.nrr", RD_UNIT_PERCENT, &rd_metrics_retention_group,
    BUCKET_NONE, TARGET_FIXED, 105, WATCH_FIXED, 98, TRUE, HISTORY_NONE, TOO_COSTLY },
  { "stalled_deals", N_("Stalled deals"), "aging.stalled", RD_UNIT_COUNT, &rd_metrics_aging_group,
    BUCKET_NONE, TARGET_FIXED, 0, WATCH_SHARE_OF_OPEN_DEALS, 0.05, FALSE, HISTORY_NONE, STATE_ONLY },
};

/* ------------------------------------------------------------- the status */

RdStatus rd_overview_status (double   value,
                             double   target,
                             double   watch,
                             gboolean higher_is_better);

/* On track at the target or better, watch up to the watch threshold, off
 * track beyond it. A value on a threshold belongs to the better side; a
 * difference below 1e-9 (relative) is binary noise, not a miss. */
RdStatus
rd_overview_status (double   value,
                    double   target,
                    double   watch,
                    gboolean higher_is_better)
{
  double slack_t = 1e-9 * MAX (1.0, fabs (target));
  double slack_w = 1e-9 * MAX (1.0, fabs (watch));

  if (higher_is_better)
    {
      if (value >= target - slack_t)
        return RD_STATUS_ON_TRACK;
      if (value >= watch - slack_w)
        return RD_STATUS_WATCH;
      return RD_STATUS_OFF_TRACK;
    }
  if (value <= target + slack_t)
    return RD_STATUS_ON_TRACK;
  if (value <= watch + slack_w)
    return RD_STATUS_WATCH;
  return RD_STATUS_OFF_TRACK;
}

/* A threshold as the metric shows it: "30 %", "3.0x", "60 days", "5". */
static char *
format_threshold (double value,
                  RdUnit unit)
{
  g_autofree char *number = fabs (value - round (value)) < 1e-9
                            ? g_strdup_printf ("%.0f", value)
                            : g_strdup_printf ("%.1f", value);

  switch (unit)
    {
    case RD_UNIT_PERCENT:
      /* TRANSLATORS: a percentage threshold, "30 %" */
      return g_strdup_printf (_("%s %%"), number);
    case RD_UNIT_RATIO:
      /* TRANSLATORS: a coverage ratio threshold, "3.0x" */
      return g_strdup_printf (_("%.1fx"), value);
    case RD_UNIT_DAYS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s day", "%s days", (gulong) fabs (value)), number);
    case RD_UNIT_COUNT:
    case RD_UNIT_MONEY:
    case RD_UNIT_MONTHS:
    case RD_UNIT_MONEY_PER_DAY:
    default:
      return g_steal_pointer (&number);
    }
}

static char *
status_rule_text (double   target,
                  double   watch,
                  gboolean higher_is_better,
                  RdUnit   unit)
{
  g_autofree char *t = format_threshold (target, unit);
  g_autofree char *w = format_threshold (watch, unit);

  if (higher_is_better)
    return g_strdup_printf (_("On track at %s or more, watch from %s, off track below %s."), t, w, w);
  if (target == 0)
    return g_strdup_printf (_("On track at %s, watch up to %s, off track above %s."), t, w, w);
  return g_strdup_printf (_("On track at %s or less, watch up to %s, off track above %s."), t, w, w);
}

/* ---------------------------------------------------------------- sources */

/* What the overview keeps of a source metric (the metric itself may be
 * freed: the history's sources are removed from the pack). */
typedef struct
{
  gboolean  found;
  gboolean  defined;
  double    value;
  char     *reason;
  gboolean  is_ratio;
  double    numerator;
  double    denominator;
  RdUnit    parts_unit;
  RdUnit    unit;
  char     *formula;
  char     *definition_key;
  int       definition_version;
  char     *note;
  gboolean  drillable;
} Snapshot;

static void
snapshot_clear (Snapshot *s)
{
  g_free (s->reason);
  g_free (s->formula);
  g_free (s->definition_key);
  g_free (s->note);
  memset (s, 0, sizeof *s);
}

static void
snapshot_take (Snapshot       *s,
               const RdMetric *m)
{
  snapshot_clear (s);
  if (m == NULL)
    return;
  s->found = TRUE;
  s->defined = m->defined;
  s->value = m->value;
  s->reason = g_strdup (m->reason);
  s->is_ratio = m->is_ratio;
  s->numerator = m->numerator;
  s->denominator = m->denominator;
  s->parts_unit = m->numerator_unit;
  s->unit = m->unit;
  s->formula = g_strdup (m->formula);
  s->definition_key = g_strdup (m->definition_key);
  s->definition_version = m->definition_version;
  s->note = g_strdup (m->note);
  s->drillable = m->drillable;
}

static char *
second_lifecycle_stage (RdMetricsCtx *ctx)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (ctx->db,
    "SELECT name FROM stages WHERE kind = 'lifecycle' ORDER BY position, id LIMIT 1 OFFSET 1", NULL);

  if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return NULL;
}

/* The period after @filter's has not begun to be counted until @filter's
 * period has ended: has it, by the as-of date? */
static gboolean
period_has_ended (const RdFilter *filter)
{
  return strcmp (filter->period_end, filter->as_of) <= 0;
}

/* The bucket of the source metric for @filter (which may be a history
 * period's), or NULL. @stage is the second lifecycle stage's name. Returns
 * FALSE when the rule cannot be applied (no second lifecycle stage). */
static gboolean
source_bucket (const Headline  *h,
               const RdFilter  *filter,
               const char      *stage,
               char           **bucket)
{
  *bucket = NULL;
  switch (h->bucket_rule)
    {
    case BUCKET_NONE:
      return TRUE;
    case BUCKET_SECOND_LIFECYCLE:
      *bucket = g_strdup (stage);
      return stage != NULL;
    case BUCKET_LAST_ENDED_PERIOD:
      /* A forecast is judged once its period is over (Clari, Salesforce
       * forecasting): while the filter's period runs, the one before it. */
      if (filter->period_kind != RD_PERIOD_ALL && !period_has_ended (filter))
        *bucket = rd_period_shift (filter->period_key, -1);
      return TRUE;
    default:
      return TRUE;
    }
}

/* Fills @sub as @filter with the period @key (of the same kind). */
static gboolean
filter_for_period (RdMetricsCtx   *ctx,
                   const RdFilter *filter,
                   const char     *key,
                   RdFilter      **sub)
{
  GDate start, end;
  RdPeriodKind kind;

  if (key == NULL || !rd_period_parse (key, ctx->fiscal_start_month, &kind, &start, &end))
    return FALSE;
  *sub = rd_filter_copy (filter);
  (*sub)->period_kind = kind;
  g_strlcpy ((*sub)->period_key, key, sizeof (*sub)->period_key);
  g_snprintf ((*sub)->period_start, sizeof (*sub)->period_start, "%04d-%02d-%02d",
              g_date_get_year (&start), g_date_get_month (&start), g_date_get_day (&start));
  g_snprintf ((*sub)->period_end, sizeof (*sub)->period_end, "%04d-%02d-%02d",
              g_date_get_year (&end), g_date_get_month (&end), g_date_get_day (&end));
  return TRUE;
}

/* The keys of the history, oldest first; the last is the filter's own.
 * NULL for "all", which has no earlier periods. */
static GStrv
history_keys (const RdFilter *filter)
{
  GStrv keys;

  if (filter->period_kind == RD_PERIOD_ALL)
    return NULL;
  keys = g_new0 (char *, HISTORY_POINTS + 1);
  for (int i = 0; i < HISTORY_POINTS; i++)
    keys[i] = rd_period_shift (filter->period_key, i - (HISTORY_POINTS - 1));
  return keys;
}

/* ----------------------------------------------------------------- compute */

typedef struct
{
  double   target;
  double   watch;
  gboolean met;               /* coverage: quota met, on track whatever the ratio */
  char    *extra_rule;        /* a sentence added to the rule */
} Thresholds;

static void
thresholds_for (RdMetricsCtx   *ctx,
                const Headline *h,
                Thresholds     *t)
{
  memset (t, 0, sizeof *t);
  t->target = h->target;

  if (h->target_rule == TARGET_COVERAGE)
    {
      const RdMetric *target = rd_metric_pack_find (ctx->pack, "coverage.target", NULL);
      const RdMetric *met = rd_metric_pack_find (ctx->pack, "coverage.met", NULL);
      const RdMetric *ratio = rd_metric_pack_find (ctx->pack, h->source_id, NULL);

      if (target && target->defined)
        t->target = target->value;
      else if (ratio && ratio->has_target)
        t->target = ratio->target;
      else
        {
          g_autoptr(RdQuery) q = rd_query_new ("SELECT coverage_target FROM settings WHERE id = 1");
          t->target = rd_metrics_query_double (ctx, q, 3.0, NULL);
        }
      t->met = met && met->defined && met->value > 0;
      t->extra_rule = g_strdup (_("When the quota is already met, coverage is on track."));
    }

  switch (h->watch_rule)
    {
    case WATCH_FIXED:
      t->watch = h->watch;
      break;
    case WATCH_SHARE_OF_TARGET:
      t->watch = t->target * h->watch;
      break;
    case WATCH_SHARE_OF_OPEN_DEALS:
      {
        double open = 0;
        gboolean any = FALSE;

        for (guint i = 0; i < ctx->pack->metrics->len; i++)
          {
            const RdMetric *m = g_ptr_array_index (ctx->pack->metrics, i);
            if (m->bucket && m->defined && g_str_equal (m->id, "aging.open"))
              {
                open += m->value;
                any = TRUE;
              }
          }
        if (!any)
          {
            const RdMetric *total = rd_metric_pack_find (ctx->pack, "aging.open", NULL);
            if (total && total->defined)
              {
                open = total->value;
                any = TRUE;
              }
          }
        t->watch = open * h->watch;
        if (any)
          t->extra_rule = g_strdup_printf (_("Watch allows up to %.0f %% of the %.0f open deals."),
                                           h->watch * 100, open);
        else
          t->extra_rule = g_strdup (_("The open deals (aging.open) were not computed, so any stalled deal "
                                      "is off track."));
      }
      break;
    default:
      t->watch = h->watch;
      break;
    }
}

/* Fills @m (an overview metric) from @s with the target and status. */
static void
apply (RdMetric         *m,
       const Headline   *h,
       const Snapshot   *s,
       const Thresholds *t,
       const char       *source_text)
{
  g_autofree char *rule = status_rule_text (t->target, t->watch, h->higher_is_better, h->unit);

  m->unit = h->unit;
  m->has_target = TRUE;
  m->target = t->target;
  m->status_rule = t->extra_rule ? g_strconcat (rule, " ", t->extra_rule, NULL) : g_steal_pointer (&rule);
  m->status = RD_STATUS_NONE;

  if (!s->found)
    {
      g_autofree char *formula = g_strdup_printf (_("the value of %s, which this pack does not hold"), source_text);

      rd_metric_set_formula (m, formula);
      rd_metric_set_undefined (m, _("not computed"));
      m->note = g_strdup_printf (_("source: %s, not in this pack"), source_text);
      return;
    }

  m->unit = s->unit;
  m->is_ratio = s->is_ratio;
  m->numerator = s->numerator;
  m->denominator = s->denominator;
  m->numerator_unit = s->parts_unit;
  rd_metric_set_formula (m, s->formula);
  g_free (m->definition_key);
  m->definition_key = g_strdup (s->definition_key);
  m->definition_version = s->definition_version;
  m->drillable = s->drillable;
  m->note = s->note ? g_strdup_printf (_("%s; source: %s"), s->note, source_text)
                    : g_strdup_printf (_("source: %s"), source_text);
  if (s->defined)
    {
      rd_metric_set_value (m, s->value);
      m->status = rd_overview_status (s->value, t->target, t->watch, h->higher_is_better);
    }
  else
    rd_metric_set_undefined (m, s->reason);
  if (t->met)
    m->status = RD_STATUS_ON_TRACK;
}

static char *
source_text (const Headline *h,
             const char     *bucket)
{
  return bucket ? g_strdup_printf ("%s [%s]", h->source_id, bucket) : g_strdup (h->source_id);
}

static gboolean
compute (RdMetricsCtx  *ctx,
         GError       **error)
{
  g_autofree char *stage = second_lifecycle_stage (ctx);
  g_auto(GStrv) keys = history_keys (ctx->filter);
  /* history[h][i]: headline h in the period keys[i]. */
  Snapshot history[G_N_ELEMENTS (headlines)][HISTORY_POINTS];

  /* Nothing here fails the pack: a history that cannot be computed leaves
   * its points "not computed". */
  (void) error;
  memset (history, 0, sizeof history);

  /* The ten, from the pack as it is. */
  for (guint i = 0; i < G_N_ELEMENTS (headlines); i++)
    {
      const Headline *h = &headlines[i];
      g_autofree char *id = g_strconcat ("overview.", h->name, NULL);
      g_autofree char *bucket = NULL;
      g_autofree char *src = NULL;
      Snapshot s = { 0 };
      Thresholds t;
      RdMetric *m = rd_metrics_add (ctx, id, NULL, _(h->label), RD_UNIT_COUNT);

      if (source_bucket (h, ctx->filter, stage, &bucket))
        snapshot_take (&s, rd_metric_pack_find (ctx->pack, h->source_id, bucket));
      src = source_text (h, bucket);
      thresholds_for (ctx, h, &t);
      apply (m, h, &s, &t, src);
      if (h->bucket_rule == BUCKET_LAST_ENDED_PERIOD && bucket && s.found)
        {
          g_autofree char *note = m->note;
          m->note = g_strdup_printf (_("%s; %s, the last period that has ended (%s is still running)"),
                                     note, bucket, ctx->filter->period_key);
        }
      if (h->history == HISTORY_NONE)
        {
          g_autofree char *note = m->note;
          m->note = g_strdup_printf (_("%s; %s"), note, _(h->no_history));
        }
      /* The sparkline's last point is the filter's own period (for a source
       * reporting periods as buckets: its value without a bucket). */
      if (keys)
        snapshot_take (&history[i][HISTORY_POINTS - 1],
                       rd_metric_pack_find (ctx->pack, h->source_id,
                                            h->history == HISTORY_BUCKETS ? NULL : bucket));
      g_free (t.extra_rule);
      snapshot_clear (&s);
    }

  /* The earlier periods. */
  for (int k = 0; keys && k < HISTORY_POINTS - 1; k++)
    {
      g_autoptr(RdFilter) sub = NULL;
      RdMetricsCtx sub_ctx;
      gpointer done[G_N_ELEMENTS (headlines)] = { NULL };
      guint n_done = 0;
      guint before = ctx->pack->metrics->len;

      if (!filter_for_period (ctx, ctx->filter, keys[k], &sub))
        continue;
      sub_ctx = *ctx;
      sub_ctx.filter = sub;
      g_snprintf (sub_ctx.period_start_time, sizeof sub_ctx.period_start_time, "%s 00:00:00", sub->period_start);
      g_snprintf (sub_ctx.period_end_time, sizeof sub_ctx.period_end_time, "%s 23:59:59", sub->period_end);

      for (guint i = 0; i < G_N_ELEMENTS (headlines); i++)
        {
          const Headline *h = &headlines[i];
          gboolean computed = FALSE;
          gboolean (*run) (RdMetricsCtx *, GError **) = h->history_compute ? h->history_compute
                                                                            : h->group->compute;

          if (h->history == HISTORY_BUCKETS)
            {
              /* The source reports the period as a bucket of the filter's pack. */
              snapshot_take (&history[i][k], rd_metric_pack_find (ctx->pack, h->source_id, keys[k]));
              continue;
            }
          if (h->history != HISTORY_GROUP)
            continue;

          for (guint j = 0; j < n_done; j++)
            computed = computed || done[j] == (gpointer) run;
          if (!computed)
            {
              g_autoptr(GError) local = NULL;

              /* Only the source group: never the overview. A failure
               * leaves this period's points "not computed". */
              g_assert (h->group != &rd_metrics_overview_group);
              if (!run (&sub_ctx, &local))
                g_debug ("overview history: %s for %s: %s", h->group->name, keys[k],
                         local ? local->message : "failed");
              done[n_done++] = (gpointer) run;
            }
        }

      /* Read what the groups added for this period, then drop it. */
      for (guint i = 0; i < G_N_ELEMENTS (headlines); i++)
        {
          const Headline *h = &headlines[i];
          g_autofree char *bucket = NULL;

          if (h->history != HISTORY_GROUP || !source_bucket (h, sub, stage, &bucket))
            continue;
          for (guint j = before; j < ctx->pack->metrics->len; j++)
            {
              const RdMetric *m = g_ptr_array_index (ctx->pack->metrics, j);
              if (g_str_equal (m->id, h->source_id) && g_strcmp0 (m->bucket, bucket) == 0)
                {
                  snapshot_take (&history[i][k], m);
                  break;
                }
            }
        }
      if (ctx->pack->metrics->len > before)
        g_ptr_array_remove_range (ctx->pack->metrics, before, ctx->pack->metrics->len - before);
    }

  /* The sparklines. */
  for (guint i = 0; keys && i < G_N_ELEMENTS (headlines); i++)
    {
      const Headline *h = &headlines[i];
      g_autofree char *id = g_strconcat ("overview.", h->name, ".history", NULL);
      g_autofree char *label = g_strdup_printf (_("%s, by period"), _(h->label));

      if (h->history == HISTORY_NONE)
        continue;
      for (int k = 0; k < HISTORY_POINTS; k++)
        {
          g_autoptr(RdFilter) sub = NULL;
          g_autofree char *bucket = NULL;
          g_autofree char *src = NULL;
          RdMetric *m = rd_metrics_add (ctx, id, keys[k], label, RD_UNIT_COUNT);
          Thresholds t;

          if (h->history == HISTORY_BUCKETS)
            bucket = k < HISTORY_POINTS - 1 ? g_strdup (keys[k]) : NULL;
          else if (filter_for_period (ctx, ctx->filter, keys[k], &sub))
            source_bucket (h, sub, stage, &bucket);
          src = source_text (h, bucket);
          thresholds_for (ctx, h, &t);
          apply (m, h, &history[i][k], &t, src);
          {
            g_autofree char *note = m->note;
            m->note = g_strdup_printf (_("%s; period %s"), note, keys[k]);
          }
          g_free (t.extra_rule);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (headlines); i++)
    for (int k = 0; k < HISTORY_POINTS; k++)
      snapshot_clear (&history[i][k]);
  return TRUE;
}

/* ------------------------------------------------------------------- drill */

static RdQuery *
drill (RdMetricsCtx  *ctx,
       const char    *metric_id,
       const char    *bucket,
       GError       **error)
{
  g_autofree char *stage = second_lifecycle_stage (ctx);

  for (guint i = 0; i < G_N_ELEMENTS (headlines); i++)
    {
      const Headline *h = &headlines[i];
      g_autofree char *id = g_strconcat ("overview.", h->name, NULL);
      g_autofree char *history_id = g_strconcat (id, ".history", NULL);
      g_autofree char *src_bucket = NULL;

      if (g_str_equal (metric_id, id) && bucket == NULL)
        {
          if (!source_bucket (h, ctx->filter, stage, &src_bucket))
            break;
          return rd_metrics_drill_query (ctx->ws, ctx->filter, h->source_id, src_bucket, error);
        }

      if (g_str_equal (metric_id, history_id) && bucket && h->history != HISTORY_NONE)
        {
          g_auto(GStrv) keys = history_keys (ctx->filter);
          g_autoptr(RdFilter) sub = NULL;

          if (keys == NULL || !g_strv_contains ((const char *const *) keys, bucket))
            {
              g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                           _("“%s” has no period “%s”: its periods are the eight ending with the filter's."),
                           metric_id, bucket);
              return NULL;
            }
          if (h->history == HISTORY_BUCKETS)
            {
              /* The filter's own period is the source without a bucket. */
              if (g_str_equal (bucket, ctx->filter->period_key))
                return rd_metrics_drill_query (ctx->ws, ctx->filter, h->source_id, NULL, error);
              return rd_metrics_drill_query (ctx->ws, ctx->filter, h->source_id, bucket, error);
            }
          if (!filter_for_period (ctx, ctx->filter, bucket, &sub) ||
              !source_bucket (h, sub, stage, &src_bucket))
            break;
          return rd_metrics_drill_query (ctx->ws, sub, h->source_id, src_bucket, error);
        }
    }

  g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
               _("There is no metric “%s”%s%s, or it has no list of records."), metric_id,
               bucket ? " / " : "", bucket ? bucket : "");
  return NULL;
}

const RdMetricGroup rd_metrics_overview_group = { "overview", compute, drill };
