/* rd-filter.h — which slice of the workspace a metric is computed for
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rd-workspace.h"

G_BEGIN_DECLS

typedef enum
{
  RD_PERIOD_QUARTER,   /* a fiscal quarter, "2026-Q3" */
  RD_PERIOD_MONTH,     /* a calendar month, "2026-07" */
  RD_PERIOD_ALL,       /* from the first record to the as-of date */
} RdPeriodKind;

typedef enum
{
  RD_FUNNEL_PERIOD,    /* records that entered each stage during the period */
  RD_FUNNEL_COHORT,    /* records that entered the first stage in the period, followed to as-of */
} RdFunnelMode;

typedef enum
{
  RD_CLOCK_SINCE_ENTRY,  /* as-of − last entry into the current stage (default) */
  RD_CLOCK_CUMULATIVE,   /* all visits to the current stage, re-entries included */
  RD_CLOCK_IDLE,         /* as-of − last change of any kind */
  RD_CLOCK_DEAL_AGE,     /* as-of − creation */
} RdAgingClock;

typedef struct
{
  /* Dates are "YYYY-MM-DD". The period runs from start to end inclusive;
   * end never lies after the as-of date for "to date" figures, but the
   * period itself may (a quarter still running). */
  char         as_of[11];
  RdPeriodKind period_kind;
  char         period_key[16];     /* "2026-Q3", "2026-07" or "all" */
  char         period_start[11];
  char         period_end[11];

  /* 0 means "everything"; names are kept for display. */
  gint64       segment_id;
  gint64       region_id;
  gint64       owner_id;
  gint64       channel_id;
  char        *segment_name;
  char        *region_name;
  char        *owner_name;
  char        *channel_name;

  /* Options some metrics take. */
  RdFunnelMode funnel_mode;
  gboolean     funnel_strict;       /* count a stage only when every earlier one was passed in order */
  RdAgingClock aging_clock;
  int          forecast_lead_weeks; /* < 0: use the workspace setting */
  char         change_from[11];     /* pipeline change between two dates; empty: period start */
  char         change_to[11];       /* empty: min (period end, as-of) */
} RdFilter;

RdFilter   *rd_filter_new              (void);
void        rd_filter_free             (RdFilter     *filter);
RdFilter   *rd_filter_copy             (const RdFilter *filter);

/* Fills as-of (the workspace's when @as_of is NULL) and the period (the
 * fiscal quarter holding as-of when @period is NULL), and resolves the
 * names. Unknown names and malformed dates are refused with a message that
 * lists what would have been accepted. */
gboolean    rd_filter_resolve          (RdFilter     *filter,
                                        RdWorkspace  *ws,
                                        const char   *as_of,
                                        const char   *period,
                                        const char   *segment,
                                        const char   *region,
                                        const char   *owner,
                                        const char   *source,
                                        GError      **error);

/* Fiscal quarter arithmetic. A fiscal year is named by the calendar year in
 * which it starts: with a February start, 2026-Q3 runs 1 Aug – 31 Oct 2026. */
void        rd_fiscal_quarter_of       (const GDate  *date,
                                        int           fiscal_start_month,
                                        int          *fiscal_year,
                                        int          *quarter);
void        rd_fiscal_quarter_bounds   (int           fiscal_year,
                                        int           quarter,
                                        int           fiscal_start_month,
                                        GDate        *start,
                                        GDate        *end);
gboolean    rd_period_parse            (const char   *key,
                                        int           fiscal_start_month,
                                        RdPeriodKind *kind,
                                        GDate        *start,
                                        GDate        *end);
/* The period before (for comparisons) or @offset periods away. */
char       *rd_period_shift            (const char   *key,
                                        int           offset);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdFilter, rd_filter_free)

G_END_DECLS
