/* rd-metrics-renewals.c — renewals due in the next 90 days and their owners
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * metrics.md "Renewals": contracts with a renewal date in the next 90 days;
 * renewal owner coverage = those with a named owner / all of them. The
 * numbers are one pass over the very list the drill shows (renewals_by_date
 * keeps it a range of 90 days).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-metrics-retention-private.h"
#include "rd-workspace-private.h"

/* Renewals dated in (as-of, as-of + 90 days], still open at the as-of date.
 * The file records no date for a renewal's outcome: one marked renewed or
 * churned is taken as settled on its renewal date when that date has come
 * (on or before the workspace's own date, the pinned as-of or today), so in
 * a view of an earlier as-of it was still open; one settled ahead of its
 * date (renewed early) is settled. Owner is the renewal's owner; the
 * filters apply to its account. */
RdQuery *
rd_renewal_rows (RdMetricsCtx *ctx,
                 gboolean      unowned_only,
                 gboolean      listing)
{
  const RdFilter *f = ctx->filter;
  /* The list names the account and owner; the numbers need only the
   * index of the dates (and the account when the view is filtered). */
  RdQuery *q = rd_query_new (listing
    ? "SELECT n.id AS renewal_id, a.name AS account, n.renewal_date, n.amount_cents / 100.0 AS amount,"
      " p.name AS owner, CASE WHEN n.owner_id IS NULL THEN 0 ELSE 1 END AS owned, n.status AS status_now,"
      " n.amount_cents"
      " FROM renewals n JOIN accounts a ON a.id = n.account_id LEFT JOIN people p ON p.id = n.owner_id"
      " WHERE "
    : f->segment_id || f->region_id || f->owner_id || f->channel_id
    ? "SELECT CASE WHEN n.owner_id IS NULL THEN 0 ELSE 1 END AS owned, n.amount_cents"
      " FROM renewals n INDEXED BY agg_renewals_due"
      " JOIN accounts a INDEXED BY agg_mrr_movements_account_dims ON a.id = n.account_id WHERE "
    : "SELECT CASE WHEN n.owner_id IS NULL THEN 0 ELSE 1 END AS owned, n.amount_cents"
      " FROM renewals n INDEXED BY agg_renewals_due WHERE ");
  g_autoptr(GDate) today = rd_workspace_dup_as_of (ctx->ws);
  GDate horizon;
  char today_s[11], horizon_s[11];

  g_date_clear (&horizon, 1);
  g_date_set_dmy (&horizon, (GDateDay) g_ascii_strtoll (ctx->filter->as_of + 8, NULL, 10),
                  (GDateMonth) g_ascii_strtoll (ctx->filter->as_of + 5, NULL, 10),
                  (GDateYear) g_ascii_strtoll (ctx->filter->as_of, NULL, 10));
  g_date_add_days (&horizon, RD_RENEWAL_HORIZON_DAYS);
  g_snprintf (horizon_s, sizeof horizon_s, "%04d-%02d-%02d",
              g_date_get_year (&horizon), g_date_get_month (&horizon), g_date_get_day (&horizon));
  g_snprintf (today_s, sizeof today_s, "%04d-%02d-%02d",
              g_date_get_year (today), g_date_get_month (today), g_date_get_day (today));
  rd_query_appendv (q,
    "n.renewal_date > ? AND n.renewal_date <= ? AND (n.status = 'open' OR n.renewal_date <= ?)",
    G_TYPE_STRING, ctx->filter->as_of, G_TYPE_STRING, horizon_s, G_TYPE_STRING, today_s,
    G_TYPE_INVALID);
  rd_metrics_filter_sql (ctx, q, "a", TRUE, TRUE);
  if (unowned_only)
    rd_query_append (q, " AND n.owner_id IS NULL");
  if (listing)
    rd_query_append (q, " ORDER BY n.renewal_date, a.name, n.id");
  return q;
}

/* The dates, outcomes, owners and amounts of the renewals in one index:
 * the 90 days ahead are one range of it. */
const RdAggregate rd_renewals_due_agg = {
  "renewals", 1,
  "CREATE INDEX agg_renewals_due ON renewals (renewal_date, status, owner_id, amount_cents, account_id);",
  NULL, NULL,
};

gboolean
rd_renewals_compute (RdMetricsCtx *ctx,
                     GError      **error)
{
  g_autoptr(RdQuery) q = rd_renewal_rows (ctx, FALSE, FALSE);
  g_autoptr(RdQuery) agg = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *reason = g_strdup_printf (_("no open renewal is dated in the %d days after %s"),
                                             RD_RENEWAL_HORIZON_DAYS, ctx->filter->as_of);
  const char *window = _("renewals dated after the as-of date and at most 90 days after it, open then "
                         "(a renewal marked renewed or churned counts as settled on its renewal date)");
  gint64 due = 0, owned = 0, cents = 0;
  RdMetric *m;
  char *f;

  /* One pass over the rows the drill lists: count, owned, amount. */
  agg = rd_query_new ("SELECT count (*), total (owned), total (amount_cents) FROM (");
  rd_query_append (agg, q->sql->str);
  rd_query_append (agg, ")");
  for (guint i = 0; i < q->params->len; i++)
    g_ptr_array_add (agg->params, g_variant_ref (g_ptr_array_index (q->params, i)));
  stmt = rd_metrics_prepare (ctx, agg, error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      rd_db_set_error (ctx->db, error, NULL);
      return FALSE;
    }
  due = sqlite3_column_int64 (stmt, 0);
  owned = sqlite3_column_int64 (stmt, 1);
  cents = sqlite3_column_int64 (stmt, 2);

  m = rd_metrics_add (ctx, "renewals.due", NULL, _("Renewals due in 90 days"), RD_UNIT_COUNT);
  rd_metric_set_value (m, (double) due);
  f = g_strdup_printf (_("count of %s"), window);
  rd_metric_set_formula (m, f);
  g_free (f);
  m->drillable = TRUE;

  m = rd_metrics_add (ctx, "renewals.due_amount", NULL, _("Renewal amount due in 90 days"), RD_UNIT_MONEY);
  rd_metric_set_money_cents (m, cents);
  f = g_strdup_printf (_("sum of the amounts of %s"), window);
  rd_metric_set_formula (m, f);
  g_free (f);
  m->drillable = TRUE;

  m = rd_metrics_add (ctx, "renewals.unowned", NULL, _("Renewals without an owner"), RD_UNIT_COUNT);
  rd_metric_set_value (m, (double) (due - owned));
  f = g_strdup_printf (_("count of %s that have no owner"), window);
  rd_metric_set_formula (m, f);
  g_free (f);
  m->drillable = TRUE;

  m = rd_metrics_add (ctx, "renewals.owner_coverage", NULL, _("Renewal owner coverage"), RD_UNIT_PERCENT);
  f = g_strdup_printf (_("renewals with a named owner ÷ all %s"), window);
  rd_metric_set_formula (m, f);
  g_free (f);
  rd_metric_set_ratio (m, (double) owned, (double) due, RD_UNIT_COUNT, reason);
  m->drillable = m->defined;
  return TRUE;
}

