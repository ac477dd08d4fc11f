/* rd-cli-bench.c — how fast the metrics are, printed as figures
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For each metric group: the best of N runs of rd_metrics_compute, then the
 * whole pack, peak memory, and — when the sqlite3 shell is installed — the
 * time the shell takes for naive queries that answer the same questions
 * (funnel, aging, coverage, NRR) on the same file, as a ratio. Then, for
 * each view of the window at 1280x800: the time to lay its page out from
 * the pack, to paint it, and the slowest single chart's paint, so "a filter
 * change to a redrawn view" is the pack plus those.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "rd-cli.h"
#include "rd-metrics.h"
#include "rd-view.h"

static const char *groups[] = {
  "funnel", "aging", "coverage", "change", "quality", "retention", "efficiency", "overview",
};

/* Straightforward SQL a person would write in the shell, with the indexes
 * the file has. :p0 / :p1 are the period, :asof the as-of day. */
static const char naive_sql[] =
  /* funnel: distinct leads entering each lifecycle stage in the period */
  "SELECT s.name, count(DISTINCT e.lead_id) FROM lead_stage_events e JOIN stages s ON s.id = e.stage_id"
  " WHERE e.entered_at BETWEEN :p0 AND :p1 GROUP BY s.id;\n"
  /* aging: open deals per stage with median-ish and max days since entry */
  "SELECT s.name, count(*), avg(julianday(:asof) - julianday(h.entered_at)), max(julianday(:asof) - julianday(h.entered_at))"
  " FROM opportunity_stage_history h JOIN stages s ON s.id = h.stage_id"
  " WHERE h.exited_at IS NULL AND s.is_won = 0 AND s.is_lost = 0 GROUP BY s.id;\n"
  /* coverage: open pipeline by forecast category for deals closing in the period */
  "SELECT c.name, sum(o.amount_cents) FROM opportunities o JOIN stages s ON s.id = o.stage_id"
  " JOIN forecast_categories c ON c.id = coalesce(o.category_override_id, s.forecast_category_id)"
  " WHERE o.status = 'open' AND o.close_date BETWEEN :d0 AND :d1 GROUP BY c.id;\n"
  "SELECT sum(amount_cents) FROM opportunities WHERE status = 'won' AND close_date BETWEEN :d0 AND :d1;\n"
  /* NRR: accounts active at the start month, their MRR at start and at end */
  "SELECT sum(a.mrr_cents), sum(ifnull(b.mrr_cents, 0)) FROM mrr a"
  " LEFT JOIN mrr b ON b.account_id = a.account_id AND b.month = :m1"
  " WHERE a.month = :m0 AND a.mrr_cents > 0;\n";

typedef double (*Timed) (gpointer data, GError **error);

static long
peak_rss_kib (void)
{
  struct rusage usage;
  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static double
time_group (RdWorkspace     *ws,
            const RdFilter  *filter,
            const char      *group,
            int              repeat,
            guint           *n_metrics,
            GError         **error)
{
  double best = G_MAXDOUBLE;

  for (int i = 0; i < repeat; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(RdMetricPack) pack = rd_metrics_compute (ws, filter, group, error);
      double ms = (g_get_monotonic_time () - start) / 1000.0;

      if (pack == NULL)
        return -1;
      *n_metrics = pack->metrics->len;
      best = MIN (best, ms);
    }
  return best;
}

/* Lays out and paints every view's page at 1280x800, best of @repeat;
 * prints one row per view. */
static gboolean
time_views (RdWorkspace     *ws,
            const RdFilter  *filter,
            int              repeat,
            double           pack_ms,
            GError         **error)
{
  g_autoptr(RdMetricPack) pack = rd_metrics_compute (ws, filter, NULL, error);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 800);
  cairo_t *cr = cairo_create (surface);
  PangoContext *pango = pango_cairo_create_context (cr);
  RdChartTheme theme;

  if (pack == NULL)
    goto out;
  rd_chart_theme_init (&theme, RD_CHART_STYLE_LIGHT);
  g_print ("%-12s %10s %10s %12s %12s %14s\n", _("view"), _("detail ms"), _("layout ms"),
           _("paint ms"), _("chart paint"), _("pack + all ms"));

  for (int v = 0; v < RD_N_VIEWS; v++)
    {
      double detail_best = G_MAXDOUBLE, layout_best = G_MAXDOUBLE, paint_best = G_MAXDOUBLE, chart_best = G_MAXDOUBLE;

      for (int i = 0; i < repeat; i++)
        {
          g_autoptr(RdViewDetail) detail = rd_view_detail_new ();
          g_autoptr(RdViewPage) page = NULL;
          gint64 t0 = g_get_monotonic_time (), t1, t2, t3;
          double chart_max = 0;

          /* Only the aging view draws records one by one. */
          if (v == RD_VIEW_AGING && !rd_view_detail_fetch (detail, ws, filter, pack, error))
            goto out;
          t1 = g_get_monotonic_time ();
          page = rd_view_page_layout (v, pack, detail, 1280, 800, &theme, pango);
          t2 = g_get_monotonic_time ();
          rd_view_page_paint (page, cr, &theme);
          cairo_surface_flush (surface);
          t3 = g_get_monotonic_time ();

          for (guint c = 0; c < rd_view_page_get_n_charts (page); c++)
            {
              const RdChartLayout *layout;
              double x, y;
              gint64 c0;

              rd_view_page_get_chart (page, c, &layout, &x, &y);
              c0 = g_get_monotonic_time ();
              rd_chart_layout_paint (layout, cr, &theme);
              cairo_surface_flush (surface);
              chart_max = MAX (chart_max, (g_get_monotonic_time () - c0) / 1000.0);
            }

          detail_best = MIN (detail_best, (t1 - t0) / 1000.0);
          layout_best = MIN (layout_best, (t2 - t1) / 1000.0);
          paint_best = MIN (paint_best, (t3 - t2) / 1000.0);
          chart_best = MIN (chart_best, chart_max);
        }
      g_print ("%-12s %10.1f %10.1f %12.1f %12.2f %14.1f\n", rd_view_get_id (v), detail_best, layout_best,
               paint_best, chart_best, pack_ms + detail_best + layout_best + paint_best);
    }

out:
  g_object_unref (pango);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return pack != NULL && (error == NULL || *error == NULL);
}

/* Runs the naive queries in the sqlite3 shell; returns ms or < 0. */
static double
time_sqlite_shell (const char     *path,
                   const RdFilter *filter)
{
  g_autofree char *shell = g_find_program_in_path ("sqlite3");
  g_autofree char *script = NULL;
  g_autofree char *m0 = NULL;
  g_autofree char *m1 = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { shell, "-readonly", path, NULL };
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GBytes) input = NULL;
  int y, m;
  gint64 start;

  if (shell == NULL)
    return -1;

  /* The start month of NRR is the month before the period. */
  sscanf (filter->period_start, "%d-%d", &y, &m);
  m -= 1;
  if (m == 0)
    m = 12, y -= 1;
  m0 = g_strdup_printf ("%04d-%02d", y, m);
  m1 = g_strndup (MIN (strcmp (filter->period_end, filter->as_of) < 0 ? filter->period_end : filter->as_of,
                       filter->as_of), 7);
  script = g_strdup_printf (".parameter set :p0 '%s 00:00:00'\n.parameter set :p1 '%s 23:59:59'\n"
                            ".parameter set :d0 '%s'\n.parameter set :d1 '%s'\n"
                            ".parameter set :asof '%s 23:59:59'\n.parameter set :m0 '%s'\n.parameter set :m1 '%s'\n%s",
                            filter->period_start, filter->period_end, filter->period_start, filter->period_end,
                            filter->as_of, m0, m1, naive_sql);
  input = g_bytes_new (script, strlen (script));

  start = g_get_monotonic_time ();
  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                  G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  if (proc == NULL || !g_subprocess_communicate (proc, input, NULL, NULL, NULL, &error) ||
      !g_subprocess_get_successful (proc))
    return -1;
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
rd_cli_bench (int    argc,
              char **argv)
{
  g_autoptr(RdWorkspace) ws = NULL;
  g_autoptr(RdFilter) filter = rd_filter_new ();
  g_autoptr(GError) error = NULL;
  int repeat = 3;
  GOptionEntry entries[] = {
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, N_("Runs per figure; the best is printed (default 3)"), "N" },
    { NULL }
  };
  double group_total = 0, pack_ms, shell_ms, view_ms = 0;
  guint n_metrics = 0;
  gint64 start;
  int rc;

  if ((rc = rd_cli_parse ("bench", "FILE", entries, &argc, &argv, 1)) >= 0)
    return rc;
  if (repeat < 1 || repeat > 100)
    return rd_cli_usage_error ("bench", _("--repeat must be from 1 to 100"));

  start = g_get_monotonic_time ();
  ws = rd_workspace_open (argv[1], &error);
  if (ws == NULL)
    return rd_cli_refused ("bench", error);
  if (!rd_filter_resolve (filter, ws, NULL, NULL, NULL, NULL, NULL, NULL, &error))
    return rd_cli_refused ("bench", error);

  g_print ("%s %s (%" G_GINT64_FORMAT " opportunities, %" G_GINT64_FORMAT " leads), period %s, as of %s\n",
           _("Workspace"), argv[1], rd_workspace_count_rows (ws, "opportunities"),
           rd_workspace_count_rows (ws, "leads"), filter->period_key, filter->as_of);
  g_print ("%-12s %10s %9s\n", _("group"), _("ms (best)"), _("metrics"));

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      guint n = 0;
      double ms = time_group (ws, filter, groups[i], repeat, &n, &error);

      if (ms < 0)
        return rd_cli_refused ("bench", error);
      g_print ("%-12s %10.1f %9u\n", groups[i], ms, n);
      group_total += ms;
      view_ms = MAX (view_ms, ms);
    }

  pack_ms = time_group (ws, filter, NULL, repeat, &n_metrics, &error);
  if (pack_ms < 0)
    return rd_cli_refused ("bench", error);
  g_print ("%-12s %10.1f %9u\n", _("whole pack"), pack_ms, n_metrics);
  g_print ("%-28s %10.1f ms\n", _("slowest group:"), view_ms);
  if (!time_views (ws, filter, repeat, pack_ms, &error))
    return rd_cli_refused ("bench", error);
  g_print ("%-28s %10.1f ms\n", _("open + everything once:"), (g_get_monotonic_time () - start) / 1000.0);
  g_print ("%-28s %10.1f MiB\n", _("peak resident memory:"), peak_rss_kib () / 1024.0);

  shell_ms = time_sqlite_shell (argv[1], filter);
  if (shell_ms >= 0)
    g_print ("%-28s %10.1f ms (funnel, aging, coverage, NRR; naive SQL)\n"
             "%-28s %10.2fx\n",
             _("sqlite3 shell:"), shell_ms, _("shell ÷ Revdeck pack:"), shell_ms / pack_ms);
  else
    g_print ("%s\n", _("sqlite3 shell: not installed, no comparison"));
  return 0;
}
