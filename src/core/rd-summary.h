/* rd-summary.h — the headline figures of a workspace, one struct per view
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A first, deliberately simple set of figures for the application shell.
 * Every figure is computed for the workspace's as-of date, with no filter.
 * The full metrics engine (filters, drill-down, definition versions) will
 * replace rd_summary_compute(); the structs are plain data so the views keep
 * working while the engine underneath changes.
 *
 * Money is in integer minor units (cents) of the workspace currency. A ratio
 * whose denominator is zero is undefined, never 0: see RdRatio.
 */
#pragma once

#include "rd-workspace.h"

G_BEGIN_DECLS

typedef struct
{
  double   value;     /* 0.25 means 25 %; meaningless when !defined */
  gboolean defined;   /* FALSE when the denominator is zero */
} RdRatio;

/* A fiscal quarter. The fiscal year is named by the calendar year it starts
 * in: with a February start, FY2026 Q3 runs from August to October 2026. */
typedef struct
{
  int   fiscal_year;
  int   quarter;        /* 1..4 */
  GDate start;          /* first day */
  GDate end;            /* last day */
  char  key[8];         /* "2026-Q3", as stored in quotas.period */
} RdFiscalQuarter;

typedef struct
{
  char           *company_name;
  char           *currency;          /* ISO 4217 code, e.g. "USD" */
  GDate           as_of;
  gboolean        as_of_pinned;
  int             fiscal_year_start_month;
  RdFiscalQuarter quarter;           /* the fiscal quarter holding the as-of date */
  char            month[8];          /* the as-of month, "2026-09" */

  gint64          arr_cents;         /* 12 x MRR in the as-of month */
  gint64          active_customers;  /* accounts with MRR > 0 in the as-of month */
  gint64          open_pipeline_cents;
  gint64          open_deals;
  gint64          won_quarter_cents; /* won deals with a close date in the quarter */
  gint64          won_quarter_deals;
  gint64          quota_quarter_cents;
  gboolean        has_quota;         /* a company quota exists for the quarter */
  RdRatio         quota_attainment;  /* won / quota */

  /* Deals won or lost with a close date from the start of the fiscal quarter
   * three before the current one up to the as-of date. */
  GDate           win_rate_from;
  gint64          won_4q;
  gint64          lost_4q;
  RdRatio         win_rate;          /* won / (won + lost), by count */

  gint64          leads_quarter;     /* leads created in the quarter up to the as-of date */
} RdSummaryOverview;

typedef struct
{
  gint64   stage_id;
  char    *name;
  gint64   entered_quarter;       /* distinct leads that entered it in the quarter */
  gint64   entered_all_time;      /* distinct leads that ever reached it */
  RdRatio  conversion_quarter;    /* next stage / this stage, quarter; undefined on the last */
  RdRatio  conversion_all_time;
} RdFunnelStageFigures;

typedef struct
{
  RdFunnelStageFigures *stages;   /* lifecycle stages in position order */
  guint                 n_stages;
  RdRatio               overall_quarter;    /* last / first */
  RdRatio               overall_all_time;
} RdSummaryFunnel;

typedef struct
{
  gint64   stage_id;
  char    *name;
  gint64   open_deals;
  gint64   amount_cents;
  double   median_days;           /* days since entry, as-of minus entry date */
  gboolean has_median;            /* FALSE when the stage holds no deal */
  int      max_days;              /* the aging threshold; 0 when the stage has none */
  gint64   stalled;               /* open deals over the threshold */
  gint64   stalled_cents;
} RdAgingStageFigures;

typedef struct
{
  RdAgingStageFigures *stages;    /* open deal stages in position order */
  guint                n_stages;
  gint64               open_deals;
  gint64               stalled;
  gint64               stalled_cents;
} RdSummaryAging;

typedef struct
{
  gint64   category_id;           /* 0: deals with no category */
  char    *name;
  gboolean counts_toward_coverage;
  gint64   open_deals;
  gint64   amount_cents;
} RdCoverageCategoryFigures;

typedef struct
{
  RdFiscalQuarter            quarter;
  gint64                     quota_cents;
  gboolean                   has_quota;
  gint64                     won_cents;
  gint64                     remaining_cents;   /* max (quota - won, 0) */
  gint64                     open_cents;        /* open deals closing in the quarter */
  gint64                     open_deals;
  RdCoverageCategoryFigures *categories;        /* in position order, then "no category" */
  guint                      n_categories;
  gint64                     qualified_cents;   /* categories that count toward coverage */
  gboolean                   quota_met;         /* won >= quota > 0: coverage is "met" */
  RdRatio                    coverage;          /* qualified / remaining; undefined without quota or when met */
  double                     target;            /* settings.coverage_target */
  gint64                     gap_cents;         /* target x remaining - qualified; <= 0 means none */
} RdCoverageQuarterFigures;

typedef struct
{
  RdCoverageQuarterFigures current;
  RdCoverageQuarterFigures next;
} RdSummaryCoverage;

typedef struct
{
  char    start_month[8];         /* the month before the window, "2025-09" */
  char    end_month[8];           /* the as-of month, "2026-09" */

  /* ARR (12 x MRR). start + new + reactivation + expansion
   * - contraction - churn = end, exactly. */
  gint64  start_arr_cents;
  gint64  new_cents;
  gint64  reactivation_cents;
  gint64  expansion_cents;
  gint64  contraction_cents;      /* positive amounts */
  gint64  churn_cents;
  gint64  end_arr_cents;
  gint64  new_accounts;           /* movements counted by account-month */
  gint64  churned_accounts;

  /* Open renewals dated from the as-of date to 90 days after it. */
  gint64  renewals_90d;
  gint64  renewals_90d_cents;
  gint64  renewals_90d_no_owner;
} RdSummaryRetention;

typedef struct
{
  gint64 leads;
  gint64 leads_missing_field;     /* email or segment empty */
  gint64 accounts;
  gint64 duplicate_accounts;      /* accounts sharing a normalised name or a domain */
  gint64 open_sla_misses;         /* handoffs not accepted and past their SLA at the as-of */
} RdSummaryQuality;

typedef struct
{
  RdSummaryOverview  overview;
  RdSummaryFunnel    funnel;
  RdSummaryAging     aging;
  RdSummaryCoverage  coverage;
  RdSummaryRetention retention;
  RdSummaryQuality   quality;
} RdSummary;

RdSummary *rd_summary_compute             (RdWorkspace      *ws,
                                           GError          **error);
void       rd_summary_free                (RdSummary        *summary);

void       rd_fiscal_quarter_for_date     (RdFiscalQuarter  *quarter,
                                           const GDate      *date,
                                           int               fiscal_year_start_month);
void       rd_fiscal_quarter_next         (RdFiscalQuarter  *quarter,
                                           const RdFiscalQuarter *previous,
                                           int               fiscal_year_start_month);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdSummary, rd_summary_free)

G_END_DECLS
