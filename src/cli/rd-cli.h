/* rd-cli.h — the commands of revdeck-cli
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rd-filter.h"

G_BEGIN_DECLS

#define RD_CLI_EXIT_REFUSED 1
#define RD_CLI_EXIT_USAGE   2

int rd_cli_usage_error (const char    *command,
                        const char    *message);
int rd_cli_refused     (const char    *command,
                        GError        *error);
int rd_cli_parse       (const char    *command,
                        const char    *args,
                        GOptionEntry  *entries,
                        int           *argc,
                        char        ***argv,
                        int            n_positional);

/* The filter options of the commands that compute metrics (metrics, drill,
 * render): declare a FilterArgs, put FILTER_ENTRIES (args) in the option
 * entries, then call rd_cli_build_filter after opening the workspace. */
typedef struct
{
  char     *as_of;
  char     *period;
  char     *segment;
  char     *region;
  char     *owner;
  char     *source;
  char     *funnel_mode;
  char     *aging_clock;
  char     *from;
  char     *to;
  int       lead_weeks;
  gboolean  strict;
} FilterArgs;

void rd_cli_filter_args_clear (FilterArgs *args);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FilterArgs, rd_cli_filter_args_clear)

#define FILTER_ENTRIES(a) \
  { "as-of", 0, 0, G_OPTION_ARG_STRING, &(a).as_of, N_("Compute as of this date (default: the workspace's)"), "YYYY-MM-DD" }, \
  { "period", 0, 0, G_OPTION_ARG_STRING, &(a).period, N_("Fiscal quarter, month or “all” (default: the quarter of as-of)"), "2026-Q3|2026-07|all" }, \
  { "segment", 0, 0, G_OPTION_ARG_STRING, &(a).segment, N_("Only this segment"), "S" }, \
  { "region", 0, 0, G_OPTION_ARG_STRING, &(a).region, N_("Only this region"), "R" }, \
  { "owner", 0, 0, G_OPTION_ARG_STRING, &(a).owner, N_("Only this owner"), "NAME" }, \
  { "source", 0, 0, G_OPTION_ARG_STRING, &(a).source, N_("Only this lead source"), "S" }, \
  { "funnel-mode", 0, 0, G_OPTION_ARG_STRING, &(a).funnel_mode, N_("Funnel by period (default) or cohort"), "period|cohort" }, \
  { "strict", 0, 0, G_OPTION_ARG_NONE, &(a).strict, N_("Funnel: count a stage only when every earlier one was passed in order"), NULL }, \
  { "aging-clock", 0, 0, G_OPTION_ARG_STRING, &(a).aging_clock, N_("Days in stage by since-entry (default), cumulative, idle or deal-age"), "CLOCK" }, \
  { "from", 0, 0, G_OPTION_ARG_STRING, &(a).from, N_("Pipeline change: from this date (default: period start)"), "YYYY-MM-DD" }, \
  { "to", 0, 0, G_OPTION_ARG_STRING, &(a).to, N_("Pipeline change: to this date (default: period end or as-of)"), "YYYY-MM-DD" }, \
  { "lead-weeks", 0, 0, G_OPTION_ARG_INT, &(a).lead_weeks, N_("Forecast accuracy: weeks before period end (default: the workspace's)"), "N" }

/* Returns -1 when @filter is ready, or an exit status. */
int rd_cli_build_filter (const char  *command,
                         FilterArgs  *args,
                         RdWorkspace *ws,
                         RdFilter    *filter);

int rd_cli_demo        (int argc, char **argv);
int rd_cli_export      (int argc, char **argv);
int rd_cli_import      (int argc, char **argv);
int rd_cli_info        (int argc, char **argv);
int rd_cli_metrics     (int argc, char **argv);
int rd_cli_drill       (int argc, char **argv);
int rd_cli_bench       (int argc, char **argv);
int rd_cli_render      (int argc, char **argv);

G_END_DECLS
