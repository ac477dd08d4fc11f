/* test-metrics-overview.c — the ten headline metrics, their targets and status
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The status rule of each of the ten at, beyond and on the boundary of its
 * thresholds (the status function itself, then through hand-built
 * workspaces for SLA misses, handoff completeness and win rate); a missing
 * or undefined source; the sparklines' eight periods; and the demo company,
 * where every overview metric must agree with its source and its records.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "rd-demo.h"
#include "rd-metrics-private.h"
#include "rd-test-util.h"
#include "rd-workspace-private.h"

#define EPS 1e-9

/* rd-metrics-overview.c: the one status function. */
RdStatus rd_overview_status (double   value,
                             double   target,
                             double   watch,
                             gboolean higher_is_better);

/* The targets, written here independently of the group's table. */
typedef struct
{
  const char *name;
  const char *source;
  double      target;
  double      watch;       /* coverage: target × 2/3; stalled deals: 5 % of open deals */
  gboolean    higher;
  double      step;        /* a small move across a threshold */
} Rule;

static const Rule rules[] = {
  { "stage_conversion", "funnel.conversion", 30, 20, TRUE, 0.01 },
  { "sla_misses", "handoff.open_misses", 0, 5, FALSE, 1 },
  { "pipeline_coverage", "coverage.ratio", 3.0, 2.0, TRUE, 0.01 },
  { "forecast_accuracy", "forecast.accuracy", 90, 80, TRUE, 0.01 },
  { "handoff_completeness", "handoff.completeness", 95, 85, TRUE, 0.01 },
  { "required_fields", "quality.required_fields", 95, 85, TRUE, 0.01 },
  { "win_rate", "sales.win_rate", 25, 18, TRUE, 0.01 },
  { "sales_cycle", "sales.cycle_median", 60, 90, FALSE, 0.5 },
  { "nrr", "retention.nrr", 105, 98, TRUE, 0.01 },
  { "stalled_deals", "aging.stalled", 0, 5, FALSE, 1 },   /* 5 % of 100 open deals */
};

static RdStatus
expected_status (const Rule *r,
                 double      value,
                 double      target,
                 double      watch)
{
  if (r->higher)
    return value >= target ? RD_STATUS_ON_TRACK : value >= watch ? RD_STATUS_WATCH : RD_STATUS_OFF_TRACK;
  return value <= target ? RD_STATUS_ON_TRACK : value <= watch ? RD_STATUS_WATCH : RD_STATUS_OFF_TRACK;
}

/* ------------------------------------------------------ status function */

static void
test_status_rule (gconstpointer data)
{
  const Rule *r = data;
  double better = r->higher ? 1 : -1;
  struct { double value; RdStatus status; } cases[] = {
    { r->target, RD_STATUS_ON_TRACK },                                  /* on the target */
    { r->target + better * r->step, RD_STATUS_ON_TRACK },              /* better than it */
    { r->target - better * r->step, RD_STATUS_WATCH },                 /* just short of it */
    { r->watch, RD_STATUS_WATCH },                                      /* on the watch line */
    { r->watch + better * r->step, RD_STATUS_WATCH },                  /* inside watch */
    { r->watch - better * r->step, RD_STATUS_OFF_TRACK },              /* just beyond it */
    { r->watch - better * 100 * r->step, RD_STATUS_OFF_TRACK },        /* far beyond */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* A lower-is-better count never goes below 0. */
      if (!r->higher && cases[i].value < 0)
        continue;
      if (rd_overview_status (cases[i].value, r->target, r->watch, r->higher) != cases[i].status)
        g_error ("%s: %g gives %s, expected %s", r->name, cases[i].value,
                 rd_status_to_string (rd_overview_status (cases[i].value, r->target, r->watch, r->higher)),
                 rd_status_to_string (cases[i].status));
    }

  /* Binary noise on a boundary is not a miss: 3 / 10 × 100 is 30.000000000000004 or 29.999999999999996. */
  g_assert_cmpint (rd_overview_status (r->target - better * 4e-15 * MAX (1, fabs (r->target)), r->target, r->watch,
                                       r->higher), ==, RD_STATUS_ON_TRACK);
  g_assert_cmpint (rd_overview_status (r->watch - better * 4e-15 * MAX (1, fabs (r->watch)), r->target, r->watch,
                                       r->higher), ==, RD_STATUS_WATCH);
}

/* ---------------------------------------------------- hand-built workspaces */

typedef struct
{
  char        *dir;
  RdWorkspace *ws;
  sqlite3     *db;
} Fixture;


static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autofree char *path = NULL;

  fx->dir = rd_test_tmpdir ();
  path = g_build_filename (fx->dir, "test.revdeck", NULL);
  fx->ws = rd_test_create (path);
  fx->db = _rd_workspace_get_db (fx->ws);
  rd_test_exec (fx->db, "UPDATE settings SET as_of_date = '2026-09-30', fiscal_year_start_month = 1;"
            "INSERT INTO people (name) VALUES ('Ann Owner');");
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_clear_object (&fx->ws);
  rd_test_rmdir (fx->dir);
  g_free (fx->dir);
}

static RdFilter *
filter_for (RdWorkspace *ws,
            const char  *as_of,
            const char  *period)
{
  RdFilter *filter = rd_filter_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_filter_resolve (filter, ws, as_of, period, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return filter;
}

static RdMetricPack *
compute_group (RdWorkspace    *ws,
               const RdFilter *filter,
               const char     *group)
{
  g_autoptr(GError) error = NULL;
  RdMetricPack *pack = rd_metrics_compute (ws, filter, group, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pack);
  return pack;
}


/* @n leads crossing Lead to MQL on @day; the first @complete have every
 * required field (email, company, channel), the rest no email; @accepted:
 * accepted an hour after crossing, else never (an open miss by as-of). */
static void
add_crossings (Fixture    *fx,
               int         n,
               int         complete,
               const char *day,
               gboolean    accepted)
{
  for (int i = 0; i < n; i++)
    {
      g_autofree char *accepted_at = accepted ? g_strdup_printf ("'%s 10:00:00'", day) : g_strdup ("NULL");
      g_autofree char *sql = g_strdup_printf (
        "INSERT INTO leads (name, email, company, channel_id, created_at)"
        " VALUES ('L%d', %s, 'Co', (SELECT min (id) FROM channels), '%s 09:00:00');"
        "INSERT INTO lead_stage_events (lead_id, stage_id, entered_at)"
        " VALUES (last_insert_rowid (), (SELECT id FROM stages WHERE kind = 'lifecycle' AND position = 2), '%s 09:00:00');"
        "INSERT INTO handoff_events (handoff_id, lead_id, crossed_at, accepted_at)"
        " VALUES ((SELECT id FROM handoffs WHERE name = 'Lead to MQL'), (SELECT max (id) FROM leads),"
        " '%s 09:00:00', %s);",
        i, i < complete ? "'x@y.com'" : "NULL", day, day, day, accepted_at);
      rd_test_exec (fx->db, sql);
    }
  g_assert_true (rd_workspace_refresh_derived (fx->ws, NULL));
}

static void
assert_overview (const RdMetricPack *pack,
                 const char         *name,
                 double              value,
                 RdStatus            status)
{
  g_autofree char *id = g_strconcat ("overview.", name, NULL);
  const RdMetric *m = rd_test_metric (pack, id, NULL);

  if (!m->defined)
    g_error ("%s is undefined: %s", id, m->reason);
  g_assert_cmpfloat_with_epsilon (m->value, value, EPS);
  g_assert_true (m->has_target);
  if (m->status != status)
    g_error ("%s = %g is %s, expected %s (%s)", id, m->value, rd_status_to_string (m->status),
             rd_status_to_string (status), m->status_rule);
}

/* SLA misses: 0 on track, 1–5 watch, more off track. */
static void
test_sla_misses_workspace (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(RdFilter) filter = filter_for (fx->ws, NULL, NULL);
  const struct { int add; double total; RdStatus status; } steps[] = {
    { 0, 0, RD_STATUS_ON_TRACK },
    { 1, 1, RD_STATUS_WATCH },
    { 4, 5, RD_STATUS_WATCH },
    { 1, 6, RD_STATUS_OFF_TRACK },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(RdMetricPack) pack = NULL;
      const RdMetric *m;

      add_crossings (fx, steps[i].add, steps[i].add, "2026-07-01", FALSE);
      pack = compute_group (fx->ws, filter, "overview");
      assert_overview (pack, "sla_misses", steps[i].total, steps[i].status);
      m = rd_test_metric (pack, "overview.sla_misses", NULL);
      g_assert_cmpstr (m->status_rule, ==, "On track at 0, watch up to 5, off track above 5.");
      g_assert_cmpfloat (m->target, ==, 0);
      g_assert_true (m->drillable);
      /* Only overview metrics when the overview alone is asked for. */
      g_assert_true (g_str_has_prefix (((RdMetric *) g_ptr_array_index (pack->metrics, 0))->id, "overview."));
    }
}

/* Handoff completeness: 95 % on track, from 85 % watch, below off track. */
static void
test_completeness_workspace (Fixture       *fx,
                             gconstpointer  data)
{
  g_autoptr(RdFilter) filter = filter_for (fx->ws, NULL, NULL);
  const struct { int complete; RdStatus status; } cases[] = {
    { 20, RD_STATUS_ON_TRACK },
    { 19, RD_STATUS_ON_TRACK },    /* 95 %: on the target */
    { 18, RD_STATUS_WATCH },       /* 90 % */
    { 17, RD_STATUS_WATCH },       /* 85 %: on the watch line */
    { 16, RD_STATUS_OFF_TRACK },   /* 80 % */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RdMetricPack) pack = NULL;
      const RdMetric *m;

      rd_test_exec (fx->db, "DELETE FROM handoff_events; DELETE FROM lead_stage_events; DELETE FROM leads;");
      add_crossings (fx, 20, cases[i].complete, "2026-08-03", TRUE);
      pack = compute_group (fx->ws, filter, "overview");
      assert_overview (pack, "handoff_completeness", cases[i].complete * 5.0, cases[i].status);
      m = rd_test_metric (pack, "overview.handoff_completeness", NULL);
      g_assert_true (m->is_ratio);
      g_assert_cmpfloat_with_epsilon (m->numerator, cases[i].complete, EPS);
      g_assert_cmpfloat_with_epsilon (m->denominator, 20, EPS);
      g_assert_cmpstr (m->status_rule, ==, "On track at 95 % or more, watch from 85 %, off track below 85 %.");
      g_assert_cmpstr (m->definition_key, ==, "handoff-completeness");
    }
}

/* Win rate: 25 % on track, from 18 % watch. @won and @lost deals closed in
 * 2026-Q3 (the coverage group's sales.win_rate). */
static void
set_closed_deals (Fixture *fx,
                  int      won,
                  int      lost)
{
  rd_test_exec (fx->db, "DELETE FROM opportunity_stage_history; DELETE FROM opportunities;");
  for (int i = 0; i < won + lost; i++)
    {
      g_autofree char *sql = g_strdup_printf (
        "INSERT INTO opportunities (name, owner_id, amount_cents, created_at, close_date)"
        " VALUES ('D%d', (SELECT min (id) FROM people), 100000, '2026-06-01 09:00:00', '2026-08-15');"
        "INSERT INTO opportunity_stage_history (opportunity_id, stage_id, entered_at)"
        " VALUES (last_insert_rowid (), (SELECT id FROM stages WHERE kind = 'deal' AND position = 1), '2026-06-01 09:00:00');"
        "INSERT INTO opportunity_stage_history (opportunity_id, stage_id, entered_at)"
        " VALUES ((SELECT max (id) FROM opportunities), (SELECT id FROM stages WHERE kind = 'deal' AND %s),"
        " '2026-08-15 12:00:00');",
        i, i < won ? "is_won" : "is_lost");
      rd_test_exec (fx->db, sql);
    }
  g_assert_true (rd_workspace_refresh_derived (fx->ws, NULL));
}

static void
test_win_rate_workspace (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(RdFilter) filter = filter_for (fx->ws, NULL, NULL);
  const struct { int won, lost; RdStatus status; } cases[] = {
    { 1, 3, RD_STATUS_ON_TRACK },    /* 25 %: on the target */
    { 1, 4, RD_STATUS_WATCH },       /* 20 % */
    { 9, 41, RD_STATUS_WATCH },      /* 18 %: on the watch line */
    { 1, 5, RD_STATUS_OFF_TRACK },   /* 16.7 % */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RdMetricPack) pack = NULL;
      const RdMetric *m;
      double rate = cases[i].won * 100.0 / (cases[i].won + cases[i].lost);

      set_closed_deals (fx, cases[i].won, cases[i].lost);
      pack = compute_group (fx->ws, filter, "overview");
      m = rd_test_metric (pack, "overview.win_rate", NULL);
      if (!m->defined && g_strcmp0 (m->reason, "not computed") == 0)
        {
          g_test_skip ("sales.win_rate is not computed yet");
          return;
        }
      assert_overview (pack, "win_rate", rate, cases[i].status);
      g_assert_cmpfloat_with_epsilon (m->numerator, cases[i].won, EPS);
      g_assert_cmpfloat_with_epsilon (m->denominator, cases[i].won + cases[i].lost, EPS);
      g_assert_cmpstr (m->status_rule, ==, "On track at 25 % or more, watch from 18 %, off track below 18 %.");
    }
}

/* A source that is computed but undefined passes its reason on; the status
 * is none (an empty workspace: as-of 2026-09-30 ends 2026-Q3). */
static void
test_undefined_source (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(RdFilter) filter = filter_for (fx->ws, NULL, NULL);
  g_autoptr(RdMetricPack) all = compute_group (fx->ws, filter, NULL);
  guint undefined = 0;

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autofree char *id = g_strconcat ("overview.", rules[i].name, NULL);
      const RdMetric *m = rd_test_metric (all, id, NULL);
      const RdMetric *src = rd_metric_pack_find (all, rules[i].source,
                                                 g_str_equal (rules[i].name, "stage_conversion") ? "MQL" : NULL);

      g_assert_true (m->has_target);
      g_assert_nonnull (m->status_rule);
      if (src == NULL)
        {
          g_assert_false (m->defined);
          g_assert_cmpstr (m->reason, ==, "not computed");
        }
      else if (!src->defined)
        {
          g_assert_false (m->defined);
          g_assert_cmpstr (m->reason, ==, src->reason);
          undefined++;
        }
      else
        g_assert_cmpfloat_with_epsilon (m->value, src->value, EPS);
      if (!m->defined && !g_str_equal (rules[i].name, "pipeline_coverage"))
        g_assert_cmpint (m->status, ==, RD_STATUS_NONE);
    }
  /* Nothing crossed, nothing closed: at least these have no number. */
  g_assert_cmpuint (undefined, >=, 2);
  g_assert_false (rd_test_metric (all, "overview.handoff_completeness", NULL)->defined);
  g_assert_nonnull (strstr (rd_test_metric (all, "overview.handoff_completeness", NULL)->reason, "no records crossed"));

  /* A count of zero is a number: no open misses is on track. */
  {
    const RdMetric *m = rd_test_metric (all, "overview.sla_misses", NULL);
    g_assert_true (m->defined);
    g_assert_cmpfloat (m->value, ==, 0);
    g_assert_cmpint (m->status, ==, RD_STATUS_ON_TRACK);
  }
}

/* Nothing in the pack: every headline is "not computed" (the overview run alone). */
static void
test_sources_missing (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(RdFilter) filter = filter_for (fx->ws, NULL, NULL);
  g_autoptr(GError) error = NULL;
  RdMetricPack pack = { 0 };
  RdMetricsCtx ctx = { 0 };

  pack.filter = filter;
  pack.metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_metric_free);
  ctx.ws = fx->ws;
  ctx.db = fx->db;
  ctx.filter = filter;
  ctx.pack = &pack;
  ctx.fiscal_start_month = 1;
  g_snprintf (ctx.as_of_end, sizeof ctx.as_of_end, "%s 23:59:59", filter->as_of);
  g_snprintf (ctx.period_start_time, sizeof ctx.period_start_time, "%s 00:00:00", filter->period_start);
  g_snprintf (ctx.period_end_time, sizeof ctx.period_end_time, "%s 23:59:59", filter->period_end);
  ctx.as_of_is_latest = TRUE;

  g_assert_true (rd_metrics_overview_group.compute (&ctx, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autofree char *id = g_strconcat ("overview.", rules[i].name, NULL);
      const RdMetric *m = rd_metric_pack_find (&pack, id, NULL);

      g_assert_nonnull (m);
      g_assert_false (m->defined);
      g_assert_cmpstr (m->reason, ==, "not computed");
      g_assert_cmpint (m->status, ==, RD_STATUS_NONE);
      g_assert_true (m->has_target);
    }
  /* Only overview metrics are left: the history's sources were removed again. */
  for (guint i = 0; i < pack.metrics->len; i++)
    g_assert_true (g_str_has_prefix (((RdMetric *) g_ptr_array_index (pack.metrics, i))->id, "overview."));
  g_ptr_array_unref (pack.metrics);
}

/* ------------------------------------------------------------------ demo */

static RdWorkspace *demo;
static char *demo_dir;

static double
open_deals (const RdMetricPack *pack)
{
  double open = 0;

  for (guint i = 0; i < pack->metrics->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (pack->metrics, i);
      if (m->bucket && m->defined && g_str_equal (m->id, "aging.open"))
        open += m->value;
    }
  return open;
}

static void
test_demo_ten (void)
{
  g_autoptr(RdFilter) filter = filter_for (demo, NULL, NULL);
  g_autoptr(RdMetricPack) pack = compute_group (demo, filter, NULL);
  guint defined = 0;

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      const Rule *r = &rules[i];
      g_autofree char *id = g_strconcat ("overview.", r->name, NULL);
      const RdMetric *m = rd_test_metric (pack, id, NULL);
      const char *bucket = g_str_equal (r->name, "stage_conversion") ? "MQL"
                           : g_str_equal (r->name, "forecast_accuracy") ? "2026-Q2" : NULL;
      const RdMetric *src = rd_metric_pack_find (pack, r->source, bucket);
      double target = r->target, watch = r->watch;

      g_assert_null (m->bucket);
      g_assert_true (m->has_target);
      g_assert_nonnull (m->label);
      g_assert_nonnull (m->status_rule);
      if (src == NULL)
        {
          g_test_message ("%s: source %s not computed yet", id, r->source);
          g_assert_false (m->defined);
          g_assert_cmpstr (m->reason, ==, "not computed");
          continue;
        }

      /* A copy of the source… */
      g_assert_cmpint (m->defined, ==, src->defined);
      g_assert_cmpint (m->unit, ==, src->unit);
      g_assert_cmpint (m->drillable, ==, src->drillable);
      g_assert_cmpint (m->is_ratio, ==, src->is_ratio);
      g_assert_cmpstr (m->formula, ==, src->formula);
      g_assert_cmpstr (m->definition_key, ==, src->definition_key);
      if (src->defined)
        g_assert_cmpfloat_with_epsilon (m->value, src->value, EPS);
      else
        g_assert_cmpstr (m->reason, ==, src->reason);
      if (src->is_ratio)
        {
          g_assert_cmpfloat_with_epsilon (m->numerator, src->numerator, EPS);
          g_assert_cmpfloat_with_epsilon (m->denominator, src->denominator, EPS);
        }

      /* … with the target and status. */
      if (g_str_equal (r->name, "pipeline_coverage"))
        {
          target = rd_test_metric (pack, "coverage.target", NULL)->value;
          watch = target * 2 / 3;
        }
      if (g_str_equal (r->name, "stalled_deals"))
        watch = open_deals (pack) * 0.05;
      g_assert_cmpfloat_with_epsilon (m->target, target, EPS);
      if (m->defined)
        {
          RdStatus expect = expected_status (r, m->value, target, watch);
          const RdMetric *met = rd_metric_pack_find (pack, "coverage.met", NULL);

          if (g_str_equal (r->name, "pipeline_coverage") && met && met->defined && met->value > 0)
            expect = RD_STATUS_ON_TRACK;
          if (m->status != expect)
            g_error ("%s = %g is %s, expected %s", id, m->value, rd_status_to_string (m->status),
                     rd_status_to_string (expect));
          defined++;
        }

      /* Its records are the source's. */
      if (m->drillable)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(RdQuery) a = rd_metrics_drill_query (demo, filter, id, NULL, &error);
          g_autoptr(RdQuery) b = NULL;
          gint64 na = -1, nb = -2;
          double sa = 0, sb = 0;

          g_assert_no_error (error);
          b = rd_metrics_drill_query (demo, filter, r->source, bucket, &error);
          g_assert_no_error (error);
          g_assert_cmpstr (a->sql->str, ==, b->sql->str);
          g_assert_true (rd_query_aggregate (demo, a, &na, &sa, &error));
          g_assert_true (rd_query_aggregate (demo, b, &nb, &sb, &error));
          g_assert_cmpint (na, ==, nb);
          g_assert_cmpfloat_with_epsilon (sa, sb, EPS);
          /* For these ratios the list is the denominator's records. */
          if (g_str_equal (r->name, "handoff_completeness") || g_str_equal (r->name, "required_fields") ||
              g_str_equal (r->name, "win_rate"))
            g_assert_cmpfloat_with_epsilon (na, m->denominator, EPS);
        }
    }
  g_test_message ("%u of the ten defined on the demo", defined);

  g_assert_cmpstr (rd_test_metric (pack, "overview.pipeline_coverage", NULL)->status_rule, ==,
                   "On track at 3.0x or more, watch from 2.0x, off track below 2.0x. "
                   "When the quota is already met, coverage is on track.");
  g_assert_cmpstr (rd_test_metric (pack, "overview.sales_cycle", NULL)->status_rule, ==,
                   "On track at 60 days or less, watch up to 90 days, off track above 90 days.");
  g_assert_cmpstr (rd_test_metric (pack, "overview.nrr", NULL)->status_rule, ==,
                   "On track at 105 % or more, watch from 98 %, off track below 98 %.");
}

/* The sparklines: eight periods ending with the filter's, each equal to the
 * source computed for that period on its own. */
static void
test_demo_sparkline (void)
{
  g_autoptr(RdFilter) filter = filter_for (demo, NULL, NULL);
  g_autoptr(RdMetricPack) pack = compute_group (demo, filter, "overview");
  const char *keys[] = { "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3" };
  const char *with_history[] = { "forecast_accuracy", "win_rate", "sales_cycle" };
  guint n_history = 0;

  g_assert_cmpstr (filter->period_key, ==, "2026-Q3");
  for (guint i = 0; i < pack->metrics->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (pack->metrics, i);
      if (g_str_has_suffix (m->id, ".history"))
        n_history++;
    }
  g_assert_cmpuint (n_history, ==, 8 * G_N_ELEMENTS (with_history));

  for (guint h = 0; h < G_N_ELEMENTS (with_history); h++)
    {
      g_autofree char *id = g_strconcat ("overview.", with_history[h], ".history", NULL);
      g_autofree char *main_id = g_strconcat ("overview.", with_history[h], NULL);
      const RdMetric *now = rd_test_metric (pack, main_id, NULL);
      guint points = 0;

      for (guint i = 0; i < pack->metrics->len; i++)
        {
          const RdMetric *m = g_ptr_array_index (pack->metrics, i);
          if (g_str_equal (m->id, id))
            {
              g_assert_cmpstr (m->bucket, ==, keys[points]);
              g_assert_true (m->has_target);
              points++;
            }
        }
      g_assert_cmpuint (points, ==, 8);
      if (!g_str_equal (with_history[h], "forecast_accuracy"))
        {
          const RdMetric *last = rd_test_metric (pack, id, "2026-Q3");
          g_assert_cmpint (last->defined, ==, now->defined);
          if (now->defined)
            g_assert_cmpfloat_with_epsilon (last->value, now->value, EPS);
        }
    }
  /* The states at as-of and the costly ones have no history, and say so. */
  g_assert_null (rd_metric_pack_find (pack, "overview.sla_misses.history", "2026-Q3"));
  g_assert_nonnull (strstr (rd_test_metric (pack, "overview.sla_misses", NULL)->note, "no history"));
  g_assert_null (rd_metric_pack_find (pack, "overview.handoff_completeness.history", "2026-Q3"));
  g_assert_nonnull (strstr (rd_test_metric (pack, "overview.handoff_completeness", NULL)->note, "no history"));

  /* Each earlier point is its source computed for that period alone. */
  for (guint k = 0; k < 7; k += 3)
    {
      g_autoptr(RdFilter) past = filter_for (demo, NULL, keys[k]);
      g_autoptr(RdMetricPack) coverage = compute_group (demo, past, "coverage");
      const struct { const char *name; const RdMetricPack *pack; const char *source; } pairs[] = {
        { "win_rate", coverage, "sales.win_rate" },
        { "sales_cycle", coverage, "sales.cycle_median" },
      };

      for (guint j = 0; j < G_N_ELEMENTS (pairs); j++)
        {
          g_autofree char *id = g_strconcat ("overview.", pairs[j].name, ".history", NULL);
          const RdMetric *point = rd_test_metric (pack, id, keys[k]);
          const RdMetric *src = rd_metric_pack_find (pairs[j].pack, pairs[j].source, NULL);

          if (src == NULL)
            continue;
          g_assert_cmpint (point->defined, ==, src->defined);
          if (src->defined)
            g_assert_cmpfloat_with_epsilon (point->value, src->value, EPS);
          if (src->is_ratio)
            {
              g_assert_cmpfloat_with_epsilon (point->numerator, src->numerator, EPS);
              g_assert_cmpfloat_with_epsilon (point->denominator, src->denominator, EPS);
            }
          if (point->defined)
            g_assert_cmpint (point->status, ==,
                             rd_overview_status (point->value, point->target,
                                                 g_str_equal (pairs[j].name, "win_rate") ? 18 : 90,
                                                 !g_str_equal (pairs[j].name, "sales_cycle")));

          /* A point's records are its period's. */
          if (point->drillable && point->is_ratio)
            {
              g_autoptr(GError) error = NULL;
              g_autoptr(RdQuery) q = rd_metrics_drill_query (demo, filter, id, keys[k], &error);
              gint64 count = 0;

              g_assert_no_error (error);
              g_assert_true (rd_query_aggregate (demo, q, &count, NULL, &error));
              g_assert_cmpfloat_with_epsilon (count, point->denominator, EPS);
            }
        }
    }

  /* Forecast accuracy: the coverage group's own periods. */
  {
    const RdMetric *point = rd_test_metric (pack, "overview.forecast_accuracy.history", "2025-Q4");
    g_autoptr(RdMetricPack) coverage = compute_group (demo, filter, "coverage");
    const RdMetric *src = rd_metric_pack_find (coverage, "forecast.accuracy", "2025-Q4");

    if (src)
      {
        g_assert_cmpint (point->defined, ==, src->defined);
        if (src->defined)
          g_assert_cmpfloat_with_epsilon (point->value, src->value, EPS);
      }
  }
}

static void
test_demo_all_and_errors (void)
{
  g_autoptr(RdFilter) filter = filter_for (demo, NULL, "all");
  g_autoptr(RdMetricPack) pack = compute_group (demo, filter, "overview");
  g_autoptr(RdFilter) quarter = filter_for (demo, NULL, NULL);
  const char *bad[][2] = {
    { "overview.win_rate", "2026-Q3" },            /* the headline has no bucket */
    { "overview.win_rate.history", "2020-Q1" },    /* not one of the eight */
    { "overview.sla_misses.history", "2026-Q3" },  /* no history */
    { "overview.nothing", NULL },
  };

  /* "all" has no earlier periods: no history, the ten are there. */
  for (guint i = 0; i < pack->metrics->len; i++)
    g_assert_false (g_str_has_suffix (((RdMetric *) g_ptr_array_index (pack->metrics, i))->id, ".history"));
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autofree char *id = g_strconcat ("overview.", rules[i].name, NULL);
      g_assert_nonnull (rd_metric_pack_find (pack, id, NULL));
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RdQuery) q = rd_metrics_drill_query (demo, quarter, bad[i][0], bad[i][1], &error);

      g_assert_null (q);
      g_assert_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  RdDemoOptions options = { RD_DEMO_DEFAULT_SEED, 0 };
  int rc;

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autofree char *name = g_strdup_printf ("/overview/status/%s", rules[i].name);
      g_test_add_data_func (name, &rules[i], test_status_rule);
    }
  g_test_add ("/overview/workspace/sla-misses", Fixture, NULL, fixture_setup, test_sla_misses_workspace,
              fixture_teardown);
  g_test_add ("/overview/workspace/handoff-completeness", Fixture, NULL, fixture_setup,
              test_completeness_workspace, fixture_teardown);
  g_test_add ("/overview/workspace/win-rate", Fixture, NULL, fixture_setup, test_win_rate_workspace,
              fixture_teardown);
  g_test_add ("/overview/undefined-source", Fixture, NULL, fixture_setup, test_undefined_source, fixture_teardown);
  g_test_add ("/overview/sources-missing", Fixture, NULL, fixture_setup, test_sources_missing, fixture_teardown);

  demo_dir = rd_test_tmpdir ();
  path = g_build_filename (demo_dir, "demo.revdeck", NULL);
  demo = rd_demo_create (path, &options, &error);
  g_assert_no_error (error);
  g_test_add_func ("/overview/demo/ten", test_demo_ten);
  g_test_add_func ("/overview/demo/sparkline", test_demo_sparkline);
  g_test_add_func ("/overview/demo/all-and-errors", test_demo_all_and_errors);

  rc = g_test_run ();
  g_clear_object (&demo);
  rd_test_rmdir (demo_dir);
  g_free (demo_dir);
  return rc;
}
