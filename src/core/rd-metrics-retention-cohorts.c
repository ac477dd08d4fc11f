/* rd-metrics-retention-cohorts.c — cohort tables, logo and revenue
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * metrics.md "Cohort retention": accounts grouped by their first month with
 * MRR (the month of their "new" movement); for month k after it, the share
 * of the cohort's accounts still active (logo) and of its first month's MRR
 * (revenue, expansion included). The twelve cohorts up to the as-of month,
 * each with its months up to the as-of month. Read from
 * agg_mrr_movements_cohorts (or its rollup), which holds per cohort and month the change of
 * its active accounts and MRR; the lists are record queries over mrr.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-metrics-retention-private.h"
#include "rd-workspace-private.h"

gboolean
rd_retention_compute_cohorts (RdMetricsCtx *ctx,
                              GError      **error)
{
  int as_of = rd_month_index (ctx->filter->as_of);
  int first_mrr = rd_retention_first_mrr_month (ctx);
  int first = MAX (as_of - (RD_COHORT_COUNT - 1), first_mrr);
  int n = as_of - first + 1;
  g_autoptr(RdQuery) q = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree gint64 *cells = NULL;   /* per (cohort, k): accounts, active, start cents, mrr cents */
  char first_s[8], as_of_s[8];
  int rc;

  if (first_mrr < 0 || n <= 0)
    return TRUE;   /* no cohort has started by the as-of month */

  /* The changes of each cohort's active accounts and MRR, month by month;
   * cell k is their running sum to month cohort + k. */
  cells = g_new0 (gint64, n * n * 4);
  rd_month_format (first, first_s);
  rd_month_format (as_of, as_of_s);
  q = rd_query_new ("SELECT x.cohort, x.month, sum (x.active_delta), sum (x.cents_delta) FROM ");
  rd_query_append (q, rd_retention_cohorts_table (ctx));
  rd_query_append (q, " x WHERE ");
  rd_query_appendv (q, "x.cohort BETWEEN ? AND ? AND x.month <= ?",
                    G_TYPE_STRING, first_s, G_TYPE_STRING, as_of_s, G_TYPE_STRING, as_of_s, G_TYPE_INVALID);
  rd_metrics_filter_sql (ctx, q, "x", TRUE, TRUE);
  rd_query_append (q, " GROUP BY x.cohort, x.month");
  stmt = rd_metrics_prepare (ctx, q, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int ci = rd_month_index ((const char *) sqlite3_column_text (stmt, 0)) - first;
      int k = rd_month_index ((const char *) sqlite3_column_text (stmt, 1)) - first - ci;

      if (ci < 0 || k < 0 || ci + k >= n)
        continue;
      cells[(ci * n + k) * 4 + 1] = sqlite3_column_int64 (stmt, 2);
      cells[(ci * n + k) * 4 + 3] = sqlite3_column_int64 (stmt, 3);
    }
  if (rc != SQLITE_DONE)
    {
      rd_db_set_error (ctx->db, error, NULL);
      return FALSE;
    }
  /* Accounts and start MRR are the cohort month's (its accounts' first
   * movement, "new", is there); active and MRR run on from it. */
  for (int ci = 0; ci < n; ci++)
    for (int k = 0; ci + k < n; k++)
      {
        gint64 *c = &cells[(ci * n + k) * 4];

        c[0] = cells[ci * n * 4 + 1];
        c[2] = cells[ci * n * 4 + 3];
        if (k > 0)
          {
            c[1] += c[1 - 4];
            c[3] += c[3 - 4];
          }
      }

  for (int ci = 0; ci < n; ci++)
    {
      char cohort[8];
      g_autofree char *reason = NULL;
      RdMetric *first_logo = NULL, *first_revenue = NULL;   /* the definitions are looked up once */

      rd_month_format (first + ci, cohort);
      reason = g_strdup_printf (_("no account had its first MRR in %s"), cohort);
      for (int k = 0; first + ci + k <= as_of; k++)
        {
          const gint64 *c = &cells[(ci * n + k) * 4];
          g_autofree char *bucket = g_strdup_printf ("%s/%d", cohort, k);
          g_autofree char *f_logo = g_strdup_printf (
            _("accounts of the %s cohort (first MRR that month) with MRR > 0 %d months later ÷ the cohort's accounts"),
            cohort, k);
          g_autofree char *f_rev = g_strdup_printf (
            _("the %s cohort's MRR %d months later ÷ its MRR in %s (expansion included, so it can exceed 100 %%)"),
            cohort, k, cohort);
          RdMetric *m;

          m = rd_metrics_add (ctx, "retention.cohort_logo", bucket, _("Cohort logo retention"), RD_UNIT_PERCENT);
          rd_metric_set_formula (m, f_logo);
          first_logo = rd_retention_set_definition (ctx, m, "logo-retention", first_logo);
          rd_metric_set_ratio (m, (double) c[1], (double) c[0], RD_UNIT_COUNT, reason);
          m->drillable = m->defined;

          m = rd_metrics_add (ctx, "retention.cohort_revenue", bucket, _("Cohort revenue retention"), RD_UNIT_PERCENT);
          rd_metric_set_formula (m, f_rev);
          first_revenue = rd_retention_set_definition (ctx, m, "nrr", first_revenue);
          rd_metric_set_ratio (m, (double) c[3] * 0.01, (double) c[2] * 0.01, RD_UNIT_MONEY, reason);
          m->drillable = m->defined;
        }
    }
  return TRUE;
}

