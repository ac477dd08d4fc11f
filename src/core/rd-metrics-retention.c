/* rd-metrics-retention.c — recurring revenue, retention and renewals
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Truth is the mrr table: one row per account and month, a month without a
 * row (or with 0) meaning no recurring revenue. Every movement is derived
 * from two consecutive months of one account (metrics.md "Recurring revenue
 * and retention"):
 *
 *   previous month   this month     movement      amount
 *   0                > 0            new           this month   (never active before)
 *   0                > 0            reactivation  this month   (active in some earlier month)
 *   > 0              > previous     expansion     increase
 *   > 0              0 < x < prev   contraction   decrease     (a positive amount)
 *   > 0              0              churn         previous month
 *
 * The window of a period is its months up to the as-of month (a quarter is
 * three months, "all" runs from the first MRR month); its start is the month
 * before the first one. Since every change between the start and the last
 * month is exactly one movement, start + new + reactivation + expansion −
 * contraction − churn = end holds account by account, in integer cents.
 *
 * Filters apply to the account: segment, region, owner (accounts.owner_id)
 * and source (accounts.channel_id).
 *
 * The numbers are read from summary tables kept up to date inside every
 * write (rd-metrics-retention-agg.c): per month and filter dimensions, the
 * accounts' MRR and each movement; per cohort, the changes of its accounts
 * and MRR. The drill lists are record queries over mrr itself
 * (rd-metrics-retention-rows.c); the consistency tests check that both agree.
 * Each window, month, movement and cohort is a fixed set of accounts, so a
 * number never depends on the as-of date beyond its last month.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "rd-metrics-retention-private.h"
#include "rd-workspace-private.h"

/* ------------------------------------------------------------------ months */

int
rd_month_index (const char *month)
{
  return (int) g_ascii_strtoll (month, NULL, 10) * 12 + (int) g_ascii_strtoll (month + 5, NULL, 10) - 1;
}

void
rd_month_format (int   index,
                 char  out[8])
{
  g_snprintf (out, 8, "%04d-%02d", index / 12, index % 12 + 1);
}

gboolean
rd_month_parse (const char *text,
                int        *index)
{
  if (text == NULL || strlen (text) != 7 || text[4] != '-' ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) || !g_ascii_isdigit (text[2]) ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[6]))
    return FALSE;
  if (g_ascii_strtoll (text + 5, NULL, 10) < 1 || g_ascii_strtoll (text + 5, NULL, 10) > 12)
    return FALSE;
  *index = rd_month_index (text);
  return TRUE;
}

void
rd_retention_window_clear (RdRetentionWindow *w)
{
  g_clear_pointer (&w->reason, g_free);
  g_clear_pointer (&w->name, g_free);
}

int
rd_retention_first_mrr_month (RdMetricsCtx *ctx)
{
  g_autoptr(RdQuery) q = rd_query_new ("SELECT min (month) FROM mrr WHERE mrr_cents > 0");
  g_autoptr(sqlite3_stmt) stmt = rd_metrics_prepare (ctx, q, NULL);
  int index = -1;

  if (stmt && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    index = rd_month_index ((const char *) sqlite3_column_text (stmt, 0));
  return index;
}

void
rd_retention_window_init (RdMetricsCtx      *ctx,
                          RdRetentionWindow *w)
{
  const RdFilter *f = ctx->filter;
  int as_of = rd_month_index (f->as_of);

  memset (w, 0, sizeof *w);
  w->last = MIN (rd_month_index (f->period_end), as_of);
  if (f->period_kind == RD_PERIOD_ALL)
    {
      w->first = rd_retention_first_mrr_month (ctx);
      if (w->first < 0 || w->first > as_of)
        {
          w->reason = g_strdup_printf (_("no MRR is recorded up to the as-of date %s"), f->as_of);
          return;
        }
    }
  else
    w->first = rd_month_index (f->period_start);

  if (w->first > w->last)
    {
      w->reason = g_strdup_printf (_("%s starts after the as-of date %s"), f->period_key, f->as_of);
      return;
    }
  w->valid = TRUE;
  rd_month_format (w->first, w->first_s);
  rd_month_format (w->last, w->last_s);
  rd_month_format (w->first - 1, w->start_s);
  /* Named for people: "2026-Q3", "2026-Q3 to 2026-09" while it runs, or the months of "all". */
  if (f->period_kind == RD_PERIOD_ALL)
    w->name = g_strdup_printf ("%s – %s", w->first_s, w->last_s);
  else if (w->last != rd_month_index (f->period_end))
    w->name = g_strdup_printf (_("%s to %s"), f->period_key, w->last_s);
  else
    w->name = g_strdup (f->period_key);
}

/* ------------------------------------------------------ start-and-churn */

static RdRetentionPolicy
read_policy (RdMetricsCtx *ctx,
             const char  **name)
{
  g_autoptr(RdQuery) q = rd_query_new ("SELECT start_churn_policy FROM settings");
  g_autoptr(sqlite3_stmt) stmt = rd_metrics_prepare (ctx, q, NULL);
  const char *text = NULL;

  if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    text = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (text, "churn") == 0)
    {
      *name = "churn";
      return RD_POLICY_CHURN;
    }
  if (g_strcmp0 (text, "ignore") == 0)
    {
      *name = "ignore";
      return RD_POLICY_IGNORE;
    }
  *name = "exclude";
  return RD_POLICY_EXCLUDE;
}

static gboolean
compute (RdMetricsCtx *ctx,
         GError      **error)
{
  RdRetentionWindow w;
  const char *policy_name;
  RdRetentionPolicy policy = read_policy (ctx, &policy_name);
  gboolean ok;

  rd_retention_window_init (ctx, &w);
  ok = rd_retention_compute_window (ctx, &w, policy, policy_name, error) &&
       rd_retention_compute_cohorts (ctx, error) &&
       rd_renewals_compute (ctx, error);
  rd_retention_window_clear (&w);
  return ok;
}

/* ------------------------------------------------------------------ drill */

static RdQuery *
drill (RdMetricsCtx *ctx,
       const char   *metric_id,
       const char   *bucket,
       GError      **error)
{
  const char *policy_name;
  RdRetentionPolicy policy = read_policy (ctx, &policy_name);
  RdRetentionWindow w;
  RdQuery *q = NULL;
  int month;

  rd_retention_window_init (ctx, &w);

  if (g_str_has_prefix (metric_id, "renewals."))
    {
      if (bucket != NULL)
        goto bad_bucket;
      if (g_str_equal (metric_id, "renewals.due") || g_str_equal (metric_id, "renewals.owner_coverage"))
        {
          q = rd_renewal_rows (ctx, FALSE, TRUE);
          if (g_str_equal (metric_id, "renewals.owner_coverage"))
            q->sum_column = g_strdup ("owned");
        }
      else if (g_str_equal (metric_id, "renewals.due_amount"))
        {
          q = rd_renewal_rows (ctx, FALSE, TRUE);
          q->sum_column = g_strdup ("amount_cents");
          q->sum_scale = 0.01;
        }
      else if (g_str_equal (metric_id, "renewals.unowned"))
        q = rd_renewal_rows (ctx, TRUE, TRUE);
      else
        goto unknown;
      goto out;
    }

  if (g_str_equal (metric_id, "retention.mrr"))
    {
      if (!w.valid || !rd_month_parse (bucket, &month) || month < w.first || month > w.last)
        goto bad_bucket;
      q = rd_retention_movement_rows (ctx, month, NULL, policy);
      goto out;
    }
  for (guint i = 0; i < RD_N_MOVEMENTS; i++)
    if (g_str_equal (metric_id, rd_retention_movements[i].id))
      {
        if (!w.valid || !rd_month_parse (bucket, &month) || month < w.first || month > w.last)
          goto bad_bucket;
        q = rd_retention_movement_rows (ctx, month, rd_retention_movements[i].kind, policy);
        goto out;
      }

  if (g_str_equal (metric_id, "retention.cohort_logo") || g_str_equal (metric_id, "retention.cohort_revenue"))
    {
      int as_of = rd_month_index (ctx->filter->as_of), cohort, k;

      if (!rd_retention_parse_cohort_bucket (bucket, &cohort, &k) || cohort < as_of - (RD_COHORT_COUNT - 1) ||
          cohort + k > as_of)
        goto bad_bucket;
      q = rd_retention_cohort_rows (ctx, cohort, k, as_of, g_str_equal (metric_id, "retention.cohort_revenue"));
      goto out;
    }

  for (guint i = 0; i < G_N_ELEMENTS (rd_retention_bridge_parts); i++)
    if (g_str_equal (metric_id, rd_retention_bridge_parts[i].id))
      {
        if (bucket != NULL)
          goto bad_bucket;
        if (!w.valid)
          goto no_window;
        q = rd_retention_bridge_rows (ctx, &w, &rd_retention_bridge_parts[i], policy);
        goto out;
      }

  if (g_str_equal (metric_id, "retention.nrr") || g_str_equal (metric_id, "retention.grr") ||
      g_str_equal (metric_id, "retention.logo"))
    {
      if (bucket != NULL)
        goto bad_bucket;
      if (!w.valid)
        goto no_window;
      q = rd_retention_rate_rows (ctx, &w, metric_id, policy);
      goto out;
    }

unknown:
  g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
               _("There is no metric “%s”, or it has no list of records."), metric_id);
  goto out;

bad_bucket:
  g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
               _("“%s” is not a bucket of %s in this view."), bucket ? bucket : "", metric_id);
  goto out;

no_window:
  g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
               _("%s has no records: %s."), metric_id, w.reason);

out:
  rd_retention_window_clear (&w);
  return q;
}

static const RdAggregate *const aggregates[] = { &rd_mrr_movements_agg, &rd_renewals_due_agg, NULL };

const RdMetricGroup rd_metrics_retention_group = { "retention", compute, drill, aggregates };