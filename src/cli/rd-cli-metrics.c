/* rd-cli-metrics.c — metrics (JSON) and drill (CSV)
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gunixoutputstream.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <unistd.h>

#include "rd-cli.h"
#include "rd-metrics.h"

void
rd_cli_filter_args_clear (FilterArgs *args)
{
  g_free (args->as_of);
  g_free (args->period);
  g_free (args->segment);
  g_free (args->region);
  g_free (args->owner);
  g_free (args->source);
  g_free (args->funnel_mode);
  g_free (args->aging_clock);
  g_free (args->from);
  g_free (args->to);
}

static gboolean
valid_date (const char *s)
{
  int y, m, dd;

  if (s == NULL || strlen (s) != 10 || sscanf (s, "%4d-%2d-%2d", &y, &m, &dd) != 3)
    return FALSE;
  return s[4] == '-' && s[7] == '-' && g_date_valid_dmy (dd, m, y);
}

int
rd_cli_build_filter (const char   *command,
                     FilterArgs   *args,
                     RdWorkspace  *ws,
                     RdFilter     *filter)
{
  g_autoptr(GError) error = NULL;
  static const char *clocks[] = { "since-entry", "cumulative", "idle", "deal-age" };

  if (args->funnel_mode)
    {
      if (g_str_equal (args->funnel_mode, "period"))
        filter->funnel_mode = RD_FUNNEL_PERIOD;
      else if (g_str_equal (args->funnel_mode, "cohort"))
        filter->funnel_mode = RD_FUNNEL_COHORT;
      else
        return rd_cli_usage_error (command, _("--funnel-mode must be “period” or “cohort”"));
    }
  filter->funnel_strict = args->strict;
  if (args->aging_clock)
    {
      guint i;
      for (i = 0; i < G_N_ELEMENTS (clocks); i++)
        if (g_str_equal (args->aging_clock, clocks[i]))
          break;
      if (i == G_N_ELEMENTS (clocks))
        return rd_cli_usage_error (command, _("--aging-clock must be since-entry, cumulative, idle or deal-age"));
      filter->aging_clock = (RdAgingClock) i;
    }
  if (args->lead_weeks < -1 || args->lead_weeks > 26)
    return rd_cli_usage_error (command, _("--lead-weeks must be from 0 to 26"));
  filter->forecast_lead_weeks = args->lead_weeks;
  if ((args->from && !valid_date (args->from)) || (args->to && !valid_date (args->to)))
    return rd_cli_usage_error (command, _("--from and --to must be dates like 2026-07-01"));
  if (args->from)
    g_strlcpy (filter->change_from, args->from, sizeof filter->change_from);
  if (args->to)
    g_strlcpy (filter->change_to, args->to, sizeof filter->change_to);
  if (args->from && args->to && g_strcmp0 (args->from, args->to) > 0)
    return rd_cli_usage_error (command, _("--from must not be after --to"));

  if (!rd_filter_resolve (filter, ws, args->as_of, args->period, args->segment, args->region,
                          args->owner, args->source, &error))
    return rd_cli_refused (command, error);
  return -1;
}

int
rd_cli_metrics (int    argc,
                char **argv)
{
  g_auto(FilterArgs) args = { .lead_weeks = -1 };
  g_autofree char *group = NULL;
  GOptionEntry entries[] = {
    FILTER_ENTRIES (args),
    { "group", 0, 0, G_OPTION_ARG_STRING, &group, N_("Only this group (funnel, aging, coverage, …)"), "G" },
    { NULL }
  };
  g_autoptr(RdWorkspace) ws = NULL;
  g_autoptr(RdFilter) filter = rd_filter_new ();
  g_autoptr(RdMetricPack) pack = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  int rc;

  if ((rc = rd_cli_parse ("metrics", "FILE", entries, &argc, &argv, 1)) >= 0)
    return rc;

  ws = rd_workspace_open (argv[1], &error);
  if (ws == NULL)
    return rd_cli_refused ("metrics", error);
  if ((rc = rd_cli_build_filter ("metrics", &args, ws, filter)) >= 0)
    return rc;

  pack = rd_metrics_compute (ws, filter, group, &error);
  if (pack == NULL)
    return rd_cli_refused ("metrics", error);

  root = rd_metric_pack_to_json (pack);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
  return 0;
}

int
rd_cli_drill (int    argc,
              char **argv)
{
  g_auto(FilterArgs) args = { .lead_weeks = -1 };
  g_autofree char *bucket = NULL;
  GOptionEntry entries[] = {
    FILTER_ENTRIES (args),
    { "bucket", 0, 0, G_OPTION_ARG_STRING, &bucket, N_("The bucket of the metric (a stage, a month …)"), "KEY" },
    { NULL }
  };
  g_autoptr(RdWorkspace) ws = NULL;
  g_autoptr(RdFilter) filter = rd_filter_new ();
  g_autoptr(RdQuery) query = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = NULL;
  int rc;

  if ((rc = rd_cli_parse ("drill", "FILE METRIC-ID", entries, &argc, &argv, 2)) >= 0)
    return rc;

  ws = rd_workspace_open (argv[1], &error);
  if (ws == NULL)
    return rd_cli_refused ("drill", error);
  if ((rc = rd_cli_build_filter ("drill", &args, ws, filter)) >= 0)
    return rc;

  query = rd_metrics_drill_query (ws, filter, argv[2], bucket, &error);
  if (query == NULL)
    return rd_cli_refused ("drill", error);

  out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  if (!rd_query_write_csv (ws, query, out, NULL, &error))
    return rd_cli_refused ("drill", error);
  return 0;
}
