/* rd-metrics-efficiency.c — CAC and CAC payback (when spend is entered)
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * metrics.md "Efficiency":
 *   CAC          = sales and marketing spend / new customers won
 *   CAC payback  = CAC / (new MRR per new customer × gross margin), in months
 *
 * The months are the period's months up to the as-of month (the same window
 * as the retention group; "all" runs from the first MRR month). Spend is the
 * spend table's rows for those months. A new customer is an account whose
 * first month with MRR > 0 is one of those months — exactly the accounts of
 * the retention group's "new" movement — attributed to accounts.channel_id;
 * its new MRR is its MRR in that first month.
 *
 * Per channel (bucket = channel name) and for all channels (no bucket). The
 * all-channel number divides all spend by all new customers, including those
 * whose account has no channel. Spend is recorded per channel and month
 * only, so under a segment, region or owner filter CAC cannot be computed
 * and is undefined with that reason; a source filter keeps that channel.
 *
 * The drill lists the new customers with their new MRR and a share of the
 * spend (the spend split evenly over them, the remainder cent by cent), so
 * the list's allocated spend sums to the numerator and its rows count the
 * denominator. The numbers read the retention group's monthly sums
 * (agg_mrr_movements_months: new accounts and their MRR per month, source
 * and the other filter dimensions); the list is a record query over mrr.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rd-metrics-retention-private.h"
#include "rd-workspace-private.h"

static gboolean
spend_splits (RdMetricsCtx *ctx)
{
  /* Spend carries no segment, region or owner. */
  return ctx->filter->segment_id == 0 && ctx->filter->region_id == 0 && ctx->filter->owner_id == 0;
}

/* The new customers of the window (all channels when @channel_id is 0, or
 * those of one channel), each with its share of that scope's spend:
 *   account_id, account, channel_id, channel, first_month, new_mrr,
 *   new_mrr_cents, allocated_spend, allocated_spend_cents, spend_total
 * (spend_total, the scope's whole spend, is the same on every row). */
static RdQuery *
customer_rows (RdMetricsCtx            *ctx,
               const RdRetentionWindow *w,
               gint64                   channel_id,
               gboolean                 ordered)
{
  RdQuery *q = rd_query_new ("WITH RECURSIVE");

  rd_query_appendv (q,
    " months (month) AS (SELECT ? UNION ALL"
    "  SELECT strftime ('%Y-%m', month || '-01', '+1 month') FROM months WHERE month < ?),"
    " firsts AS (SELECT r.account_id, r.month AS first_month, r.mrr_cents AS new_cents, a.channel_id"
    "  FROM months m JOIN mrr r ON r.month = m.month JOIN accounts a ON a.id = r.account_id",
    G_TYPE_STRING, w->first_s, G_TYPE_STRING, w->last_s, G_TYPE_INVALID);
  rd_metrics_filter_sql (ctx, q, "a", TRUE, TRUE);
  if (channel_id)
    rd_query_appendv (q, " AND a.channel_id = ?", G_TYPE_INT64, channel_id, G_TYPE_INVALID);
  rd_query_append (q,
    "  WHERE r.mrr_cents > 0"
    "  AND NOT EXISTS (SELECT 1 FROM mrr h WHERE h.account_id = r.account_id AND h.month < r.month"
    "   AND h.mrr_cents > 0)),");

  /* The spend of the same scope; 0 when it cannot be split by the filter. */
  rd_query_appendv (q,
    " spent (cents) AS (SELECT CASE WHEN ? THEN ifnull (sum (s.amount_cents), 0) ELSE 0 END"
    "  FROM spend s WHERE s.month BETWEEN ? AND ?",
    G_TYPE_INT64, (gint64) spend_splits (ctx), G_TYPE_STRING, w->first_s, G_TYPE_STRING, w->last_s,
    G_TYPE_INVALID);
  if (channel_id)
    rd_query_appendv (q, " AND s.channel_id = ?", G_TYPE_INT64, channel_id, G_TYPE_INVALID);
  else if (ctx->filter->channel_id)
    rd_query_appendv (q, " AND s.channel_id = ?", G_TYPE_INT64, ctx->filter->channel_id, G_TYPE_INVALID);
  rd_query_append (q,
    "),"
    " numbered AS (SELECT f.*, row_number () OVER (ORDER BY f.account_id) AS rn, count (*) OVER () AS n"
    "  FROM firsts f)"
    " SELECT x.account_id, a.name AS account, x.channel_id, c.name AS channel, x.first_month,"
    "  x.new_cents / 100.0 AS new_mrr, x.new_cents AS new_mrr_cents,"
    "  (sp.cents / x.n + CASE WHEN x.rn <= sp.cents % x.n THEN 1 ELSE 0 END) / 100.0 AS allocated_spend,"
    "  sp.cents / x.n + CASE WHEN x.rn <= sp.cents % x.n THEN 1 ELSE 0 END AS allocated_spend_cents,"
    "  sp.cents / 100.0 AS spend_total"
    " FROM numbered x JOIN accounts a ON a.id = x.account_id LEFT JOIN channels c ON c.id = x.channel_id"
    " CROSS JOIN spent sp");
  if (ordered)
    rd_query_append (q, " ORDER BY x.first_month, a.name, x.account_id");
  return q;
}

typedef struct
{
  gint64 id;
  char  *name;
  gint64 spend_cents;
  gint64 customers;
  gint64 new_cents;
} Channel;

static void
channel_clear (gpointer data)
{
  Channel *c = data;
  g_free (c->name);
}

static void
add_pair (RdMetricsCtx            *ctx,
          const RdRetentionWindow *w,
          const char              *bucket,      /* channel name or NULL */
          gint64                   spend_cents,
          gint64                   customers,
          gint64                   new_cents,
          double                   margin)
{
  const char *scope = bucket ? bucket : _("all channels");
  g_autofree char *reason = NULL;
  g_autofree char *formula = NULL;
  RdMetric *cac, *payback;
  double cac_value = customers ? (double) spend_cents * 0.01 / (double) customers : 0;
  double per_customer = customers ? (double) new_cents * 0.01 / (double) customers : 0;

  if (!w->valid)
    reason = g_strdup (w->reason);
  else if (!spend_splits (ctx))
    reason = g_strdup (_("spend is recorded per channel and month, not per segment, region or owner"));
  else if (spend_cents == 0 && customers == 0)
    reason = g_strdup_printf (_("no spend entered and no new customers for %s in %s"), scope, w->name);
  else if (spend_cents == 0)
    reason = g_strdup_printf (_("no spend entered for %s in %s"), scope, w->name);
  else if (customers == 0)
    reason = g_strdup_printf (_("no new customers from %s in %s"), scope, w->name);

  cac = rd_metrics_add (ctx, "efficiency.cac", bucket, _("CAC"), RD_UNIT_MONEY);
  if (bucket)
    formula = g_strdup_printf (_("spend of the %s channel in the months of %s ÷ new customers (accounts whose first "
                                 "MRR month is one of them) with that channel"),
                               bucket, w->valid ? w->name : ctx->filter->period_key);
  else
    formula = g_strdup_printf (_("spend of all channels in the months of %s ÷ all new customers (accounts whose "
                                 "first MRR month is one of them, with or without a channel)"),
                               w->valid ? w->name : ctx->filter->period_key);
  rd_metric_set_formula (cac, formula);
  rd_metric_set_definition (ctx, cac, "cac");
  /* A ratio only with its parts; undefined for another reason than a zero
   * denominator (no spend, a filter spend cannot follow) it has none. */
  if (reason && customers != 0)
    rd_metric_set_undefined (cac, reason);
  else
    rd_metric_set_ratio (cac, (double) spend_cents * 0.01, (double) customers, RD_UNIT_MONEY, reason);
  cac->drillable = w->valid;

  payback = rd_metrics_add (ctx, "efficiency.cac_payback", bucket, _("CAC payback"), RD_UNIT_MONTHS);
  g_free (formula);
  formula = g_strdup_printf (_("CAC ÷ (new MRR per new customer × gross margin %g), %s, months of %s"),
                             margin, scope, w->valid ? w->name : ctx->filter->period_key);
  rd_metric_set_formula (payback, formula);
  rd_metric_set_definition (ctx, payback, "cac-payback");
  if (reason && customers != 0)
    rd_metric_set_undefined (payback, reason);
  else
    rd_metric_set_ratio (payback, cac_value, per_customer * margin, RD_UNIT_MONEY, reason);
  payback->drillable = w->valid;
}

static gboolean
compute (RdMetricsCtx *ctx,
         GError      **error)
{
  RdRetentionWindow w;
  g_autoptr(GArray) channels = g_array_new (FALSE, TRUE, sizeof (Channel));
  g_autoptr(RdQuery) q = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 all_spend = 0, all_customers = 0, all_new = 0;
  double margin;
  int rc;

  g_array_set_clear_func (channels, channel_clear);
  rd_retention_window_init (ctx, &w);

  {
    g_autoptr(RdQuery) mq = rd_query_new ("SELECT gross_margin FROM settings");
    margin = rd_metrics_query_double (ctx, mq, 0.8, NULL);
  }

  /* The channels of the view, in their order. */
  q = rd_query_new ("SELECT id, name FROM channels WHERE 1");
  if (ctx->filter->channel_id)
    rd_query_appendv (q, " AND id = ?", G_TYPE_INT64, ctx->filter->channel_id, G_TYPE_INVALID);
  rd_query_append (q, " ORDER BY position, id");
  stmt = rd_metrics_prepare (ctx, q, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Channel c = { sqlite3_column_int64 (stmt, 0), g_strdup ((const char *) sqlite3_column_text (stmt, 1)), 0, 0, 0 };
      g_array_append_val (channels, c);
    }
  if (rc != SQLITE_DONE)
    {
      rd_db_set_error (ctx->db, error, NULL);
      rd_retention_window_clear (&w);
      return FALSE;
    }

  if (w.valid)
    {
      g_autoptr(RdQuery) sq = NULL;

      /* New customers per channel: the "new" movements of the window, from
       * the monthly sums (channel 0: accounts without one). */
      g_clear_pointer (&stmt, sqlite3_finalize);
      g_clear_pointer (&q, rd_query_free);
      q = rd_query_new ("SELECT x.channel_id, sum (x.new_accounts), sum (x.new_cents) FROM ");
      rd_query_append (q, rd_retention_months_table (ctx));
      rd_query_append (q, " x WHERE ");
      rd_query_appendv (q, "x.month BETWEEN ? AND ?", G_TYPE_STRING, w.first_s, G_TYPE_STRING, w.last_s,
                        G_TYPE_INVALID);
      rd_metrics_filter_sql (ctx, q, "x", TRUE, TRUE);
      rd_query_append (q, " GROUP BY x.channel_id");
      stmt = rd_metrics_prepare (ctx, q, error);
      if (stmt == NULL)
        {
          rd_retention_window_clear (&w);
          return FALSE;
        }
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          gint64 n = sqlite3_column_int64 (stmt, 1);
          gint64 cents = sqlite3_column_int64 (stmt, 2);

          all_customers += n;
          all_new += cents;
          for (guint i = 0; id != 0 && i < channels->len; i++)
            {
              Channel *c = &g_array_index (channels, Channel, i);
              if (c->id == id)
                {
                  c->customers = n;
                  c->new_cents = cents;
                }
            }
        }
      if (rc != SQLITE_DONE)
        {
          rd_db_set_error (ctx->db, error, NULL);
          rd_retention_window_clear (&w);
          return FALSE;
        }

      /* Spend per channel. */
      g_clear_pointer (&stmt, sqlite3_finalize);
      sq = rd_query_new ("SELECT channel_id, sum (amount_cents) FROM spend WHERE month BETWEEN ");
      rd_query_appendv (sq, "? AND ? GROUP BY channel_id", G_TYPE_STRING, w.first_s, G_TYPE_STRING, w.last_s,
                        G_TYPE_INVALID);
      stmt = rd_metrics_prepare (ctx, sq, error);
      if (stmt == NULL)
        {
          rd_retention_window_clear (&w);
          return FALSE;
        }
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          gint64 cents = sqlite3_column_int64 (stmt, 1);

          if (!spend_splits (ctx))
            cents = 0;   /* undefined below, with the reason */
          if (ctx->filter->channel_id == 0 || ctx->filter->channel_id == id)
            all_spend += cents;
          for (guint i = 0; i < channels->len; i++)
            if (g_array_index (channels, Channel, i).id == id)
              g_array_index (channels, Channel, i).spend_cents = cents;
        }
      if (rc != SQLITE_DONE)
        {
          rd_db_set_error (ctx->db, error, NULL);
          rd_retention_window_clear (&w);
          return FALSE;
        }
    }

  add_pair (ctx, &w, NULL, all_spend, all_customers, all_new, margin);
  for (guint i = 0; i < channels->len; i++)
    {
      Channel *c = &g_array_index (channels, Channel, i);
      add_pair (ctx, &w, c->name, c->spend_cents, c->customers, c->new_cents, margin);
    }
  rd_retention_window_clear (&w);
  return TRUE;
}

static RdQuery *
drill (RdMetricsCtx *ctx,
       const char   *metric_id,
       const char   *bucket,
       GError      **error)
{
  RdRetentionWindow w;
  gint64 channel_id = 0;
  RdQuery *q = NULL;

  if (!g_str_equal (metric_id, "efficiency.cac") && !g_str_equal (metric_id, "efficiency.cac_payback"))
    {
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                   _("There is no metric “%s”, or it has no list of records."), metric_id);
      return NULL;
    }
  if (bucket)
    {
      g_autoptr(RdQuery) cq = rd_query_new ("SELECT id FROM channels WHERE name = ");
      rd_query_appendv (cq, "? COLLATE NOCASE", G_TYPE_STRING, bucket, G_TYPE_INVALID);
      if (ctx->filter->channel_id)
        rd_query_appendv (cq, " AND id = ?", G_TYPE_INT64, ctx->filter->channel_id, G_TYPE_INVALID);
      channel_id = (gint64) rd_metrics_query_double (ctx, cq, 0, NULL);
      if (channel_id == 0)
        {
          g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                       _("“%s” is not a bucket of %s in this view."), bucket, metric_id);
          return NULL;
        }
    }

  rd_retention_window_init (ctx, &w);
  if (!w.valid)
    g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                 _("%s has no records: %s."), metric_id, w.reason);
  else
    {
      q = customer_rows (ctx, &w, channel_id, TRUE);
      /* CAC: the allocated spend sums to its numerator, the rows count its
       * denominator. Payback: the new MRR sums to the MRR its denominator
       * divides by the same count. */
      if (g_str_equal (metric_id, "efficiency.cac"))
        q->sum_column = g_strdup ("allocated_spend_cents");
      else
        q->sum_column = g_strdup ("new_mrr_cents");
      q->sum_scale = 0.01;
    }
  rd_retention_window_clear (&w);
  return q;
}

const RdMetricGroup rd_metrics_efficiency_group = { "efficiency", compute, drill };
