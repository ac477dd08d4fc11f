/* rd-metrics-retention-rows.c — the records behind every retention number
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The numbers come from the summary tables (rd-metrics-retention-agg.c);
 * the lists come from the mrr records themselves, through the common table
 * expressions below (months → pairs → mv → acct → rate_rows), so the
 * consistency tests compare two independent derivations.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rd-metrics-retention-private.h"

static gboolean
has_account_filter (RdMetricsCtx *ctx)
{
  const RdFilter *f = ctx->filter;
  return f->segment_id || f->region_id || f->owner_id || f->channel_id;
}

/* " JOIN accounts fa ON fa.id = <column> AND <filters>", only when filtering. */
static void
append_account_filter (RdMetricsCtx *ctx,
                       RdQuery      *q,
                       const char   *column_sql)
{
  if (!has_account_filter (ctx))
    return;
  rd_query_append (q, " JOIN accounts fa ON fa.id = ");
  rd_query_append (q, column_sql);
  rd_metrics_filter_sql (ctx, q, "fa", TRUE, TRUE);
}

/* ------------------------------------------------------- the record query */

/* "WITH RECURSIVE months, pairs, mv, acct, rate_rows" for the months
 * first..last (indexes), as a prefix for one final SELECT:
 *
 *   pairs     (account_id, month, prev_cents, cur_cents): every account with
 *             MRR in the month or the one before, for each month;
 *   mv        pairs + kind (NULL when unchanged) + amount_cents (positive);
 *   acct      per account over the months: start_cents (the month before
 *             first), end_cents (last), the sum of each movement, peak_cents;
 *   rate_rows the accounts of NRR, GRR and logo retention under the
 *             start-and-churn policy, with what each counts for.
 *
 * When an account churns and comes back inside the window it is one account
 * with both movements; it stays in the NRR base if it was active at start. */
static RdQuery *
movement_query_new (RdMetricsCtx      *ctx,
                    int                first,
                    int                last,
                    RdRetentionPolicy  policy)
{
  RdQuery *q = rd_query_new ("WITH RECURSIVE");
  char first_s[8], last_s[8], start_s[8];
  const char *policy_word = policy == RD_POLICY_CHURN ? "churn" : policy == RD_POLICY_IGNORE ? "ignore" : "exclude";

  rd_month_format (first, first_s);
  rd_month_format (last, last_s);
  rd_month_format (first - 1, start_s);

  rd_query_appendv (q,
    " months (month, prev) AS (SELECT ?, ?"
    "  UNION ALL SELECT strftime ('%Y-%m', month || '-01', '+1 month'), month FROM months WHERE month < ?),",
    G_TYPE_STRING, first_s, G_TYPE_STRING, start_s, G_TYPE_STRING, last_s, G_TYPE_INVALID);

  /* Accounts with a row this month (and whatever they had the month before),
   * then accounts with a row only the month before. Both probes are index seeks. */
  rd_query_append (q,
    " pairs AS (SELECT c.account_id, m.month, ifnull (p.mrr_cents, 0) AS prev_cents, c.mrr_cents AS cur_cents"
    "  FROM months m JOIN mrr c ON c.month = m.month");
  append_account_filter (ctx, q, "c.account_id");
  rd_query_append (q,
    "  LEFT JOIN mrr p INDEXED BY mrr_by_month ON p.month = m.prev AND p.account_id = c.account_id"
    "  UNION ALL"
    "  SELECT p.account_id, m.month, p.mrr_cents, 0"
    "  FROM months m JOIN mrr p ON p.month = m.prev");
  append_account_filter (ctx, q, "p.account_id");
  rd_query_append (q,
    "  WHERE NOT EXISTS (SELECT 1 FROM mrr c INDEXED BY mrr_by_month WHERE c.month = m.month AND c.account_id = p.account_id)),");

  rd_query_append (q,
    " mv AS (SELECT x.account_id, x.month, x.prev_cents, x.cur_cents,"
    "  CASE WHEN x.prev_cents = x.cur_cents THEN NULL"
    "   WHEN x.prev_cents = 0 THEN CASE WHEN EXISTS (SELECT 1 FROM mrr h WHERE h.account_id = x.account_id"
    "      AND h.month < x.month AND h.mrr_cents > 0) THEN 'reactivation' ELSE 'new' END"
    "   WHEN x.cur_cents = 0 THEN 'churn'"
    "   WHEN x.cur_cents > x.prev_cents THEN 'expansion'"
    "   ELSE 'contraction' END AS kind,"
    "  abs (x.cur_cents - x.prev_cents) AS amount_cents"
    "  FROM pairs x),");

  rd_query_appendv (q,
    " acct AS (SELECT account_id,"
    "  sum (CASE WHEN month = ? THEN prev_cents ELSE 0 END) AS start_cents,"
    "  sum (CASE WHEN month = ? THEN cur_cents ELSE 0 END) AS end_cents,"
    "  sum (CASE WHEN kind = 'new' THEN amount_cents ELSE 0 END) AS new_cents,"
    "  sum (CASE WHEN kind = 'reactivation' THEN amount_cents ELSE 0 END) AS reactivation_cents,"
    "  sum (CASE WHEN kind = 'expansion' THEN amount_cents ELSE 0 END) AS expansion_cents,"
    "  sum (CASE WHEN kind = 'contraction' THEN amount_cents ELSE 0 END) AS contraction_cents,"
    "  sum (CASE WHEN kind = 'churn' THEN amount_cents ELSE 0 END) AS churn_cents,"
    "  max (cur_cents) AS peak_cents"
    "  FROM mv GROUP BY account_id),",
    G_TYPE_STRING, first_s, G_TYPE_STRING, last_s, G_TYPE_INVALID);

  /* The NRR / GRR / logo base: accounts active at start; and, unless the
   * policy is "ignore", accounts that started after the start and had churned
   * by the end (peak > 0 inside, 0 at both ends). "exclude" lists them with
   * counts = 0; "churn" puts their peak MRR in the base and counts all of it
   * as churned (their movements in between are replaced by that one churn)
   * and counts them as a lost logo. */
  rd_query_appendv (q,
    " rate_rows AS (SELECT x.account_id, x.start_cents, x.end_cents, x.peak_cents,"
    "  x.reactivation_cents,"
    "  CASE WHEN x.start_cents > 0 THEN ? WHEN ? = 'churn' THEN ? ELSE ? END AS treatment,"
    "  CASE WHEN x.start_cents > 0 OR ? = 'churn' THEN 1 ELSE 0 END AS counts,"
    "  CASE WHEN x.start_cents > 0 THEN x.start_cents WHEN ? = 'churn' THEN x.peak_cents ELSE 0 END AS base_cents,"
    "  CASE WHEN x.start_cents > 0 THEN x.expansion_cents ELSE 0 END AS expansion_cents,"
    "  CASE WHEN x.start_cents > 0 THEN x.contraction_cents ELSE 0 END AS contraction_cents,"
    "  CASE WHEN x.start_cents > 0 THEN x.churn_cents WHEN ? = 'churn' THEN x.peak_cents ELSE 0 END AS churn_cents,"
    "  CASE WHEN x.start_cents > 0 THEN x.start_cents + x.expansion_cents - x.contraction_cents - x.churn_cents"
    "   ELSE 0 END AS nrr_cents,"
    "  CASE WHEN x.start_cents > 0 THEN x.start_cents - x.contraction_cents - x.churn_cents ELSE 0 END AS grr_cents,"
    "  CASE WHEN x.start_cents > 0 AND x.end_cents > 0 THEN 1 ELSE 0 END AS retained"
    "  FROM acct x"
    "  WHERE x.start_cents > 0 OR (x.end_cents = 0 AND x.peak_cents > 0 AND ? <> 'ignore'))",
    G_TYPE_STRING, _("active at start"),
    G_TYPE_STRING, policy_word,
    G_TYPE_STRING, _("started and churned inside the window: churn of its peak MRR"),
    G_TYPE_STRING, _("started and churned inside the window: excluded"),
    G_TYPE_STRING, policy_word,
    G_TYPE_STRING, policy_word,
    G_TYPE_STRING, policy_word,
    G_TYPE_STRING, policy_word,
    G_TYPE_INVALID);

  return q;
}


const RdBridgePart rd_retention_bridge_parts[RD_N_BRIDGE_PARTS] = {
  { "retention.arr_start", "x.start_cents", "x.start_cents <> 0" },
  { "retention.arr_new", "x.new_cents", "x.new_cents <> 0" },
  { "retention.arr_reactivation", "x.reactivation_cents", "x.reactivation_cents <> 0" },
  { "retention.arr_expansion", "x.expansion_cents", "x.expansion_cents <> 0" },
  { "retention.arr_contraction", "x.contraction_cents", "x.contraction_cents <> 0" },
  { "retention.arr_churn", "x.churn_cents", "x.churn_cents <> 0" },
  { "retention.arr_end", "x.end_cents", "x.end_cents <> 0" },
  { "retention.arr_check",
    "(x.start_cents + x.new_cents + x.reactivation_cents + x.expansion_cents - x.contraction_cents"
    " - x.churn_cents - x.end_cents)",
    "(x.start_cents + x.end_cents + x.new_cents + x.reactivation_cents + x.expansion_cents"
    " + x.contraction_cents + x.churn_cents) > 0" },
};
/* ------------------------------------------------------------ drill queries */

RdQuery *
rd_retention_movement_rows (RdMetricsCtx      *ctx,
                            int                month,
                            const char        *kind,     /* NULL: the accounts with MRR in the month */
                            RdRetentionPolicy  policy)
{
  RdQuery *q = movement_query_new (ctx, month, month, policy);

  if (kind == NULL)
    {
      rd_query_append (q,
        " SELECT x.account_id, a.name AS account, x.month, x.prev_cents / 100.0 AS previous_mrr,"
        " x.cur_cents / 100.0 AS mrr, x.cur_cents AS mrr_cents"
        " FROM mv x JOIN accounts a ON a.id = x.account_id"
        " WHERE x.cur_cents > 0 ORDER BY x.cur_cents DESC, a.name, x.account_id");
      q->sum_column = g_strdup ("mrr_cents");
    }
  else
    {
      rd_query_appendv (q,
        " SELECT x.account_id, a.name AS account, x.month, x.kind AS movement,"
        " x.prev_cents / 100.0 AS start_mrr, x.cur_cents / 100.0 AS end_mrr,"
        " (x.cur_cents - x.prev_cents) / 100.0 AS delta, x.amount_cents / 100.0 AS amount, x.amount_cents"
        " FROM mv x JOIN accounts a ON a.id = x.account_id"
        " WHERE x.kind = ? ORDER BY x.amount_cents DESC, a.name, x.account_id",
        G_TYPE_STRING, kind, G_TYPE_INVALID);
      q->sum_column = g_strdup ("amount_cents");
    }
  q->sum_scale = 0.01;
  return q;
}

RdQuery *
rd_retention_bridge_rows (RdMetricsCtx            *ctx,
                          const RdRetentionWindow *w,
                          const RdBridgePart      *part,
                          RdRetentionPolicy        policy)
{
  RdQuery *q = movement_query_new (ctx, w->first, w->last, policy);

  /* Column and condition texts are fixed words of the table above. */
  rd_query_append (q,
    " SELECT x.account_id, a.name AS account,"
    " 12 * x.start_cents / 100.0 AS start_arr, 12 * x.new_cents / 100.0 AS new_arr,"
    " 12 * x.reactivation_cents / 100.0 AS reactivation_arr, 12 * x.expansion_cents / 100.0 AS expansion_arr,"
    " 12 * x.contraction_cents / 100.0 AS contraction_arr, 12 * x.churn_cents / 100.0 AS churn_arr,"
    " 12 * x.end_cents / 100.0 AS end_arr, 12 * ");
  rd_query_append (q, part->column);
  rd_query_append (q, " / 100.0 AS arr, 12 * ");
  rd_query_append (q, part->column);
  rd_query_append (q, " AS arr_cents FROM acct x JOIN accounts a ON a.id = x.account_id WHERE ");
  rd_query_append (q, part->where);
  rd_query_append (q, " ORDER BY abs (arr_cents) DESC, a.name, x.account_id");
  q->sum_column = g_strdup ("arr_cents");
  q->sum_scale = 0.01;
  return q;
}

/* The base of NRR, GRR and logo retention: one row per account with what
 * it adds to the denominator (base_mrr, counts) and to each numerator
 * (nrr_mrr, grr_mrr, retained). The sum column is the metric's numerator. */
RdQuery *
rd_retention_rate_rows (RdMetricsCtx            *ctx,
                        const RdRetentionWindow *w,
                        const char              *metric_id,
                        RdRetentionPolicy        policy)
{
  RdQuery *q = movement_query_new (ctx, w->first, w->last, policy);

  rd_query_append (q,
    " SELECT r.account_id, a.name AS account, r.treatment, r.counts,"
    " r.start_cents / 100.0 AS start_mrr, r.base_cents / 100.0 AS base_mrr,"
    " r.expansion_cents / 100.0 AS expansion, r.contraction_cents / 100.0 AS contraction,"
    " r.churn_cents / 100.0 AS churn, r.reactivation_cents / 100.0 AS reactivation_left_out,"
    " r.peak_cents / 100.0 AS peak_mrr, r.end_cents / 100.0 AS end_mrr,"
    " r.nrr_cents / 100.0 AS nrr_mrr, r.grr_cents / 100.0 AS grr_mrr, r.retained,"
    " r.base_cents, r.nrr_cents, r.grr_cents"
    " FROM rate_rows r JOIN accounts a ON a.id = r.account_id"
    " ORDER BY r.counts DESC, r.base_cents DESC, a.name, r.account_id");
  if (g_str_equal (metric_id, "retention.nrr"))
    {
      q->sum_column = g_strdup ("nrr_cents");
      q->sum_scale = 0.01;
    }
  else if (g_str_equal (metric_id, "retention.grr"))
    {
      q->sum_column = g_strdup ("grr_cents");
      q->sum_scale = 0.01;
    }
  else
    q->sum_column = g_strdup ("retained");
  return q;
}

/* -------------------------------------------------------------- cohorts */

/* Cohort = an account's first month with MRR > 0, one of the months
 * first..as-of; a cell is (cohort, k) with k the months since it. @cohort
 * ≥ 0 keeps that cohort only. */
static RdQuery *
cohort_query_new (RdMetricsCtx *ctx,
                  int           first,
                  int           as_of,
                  int           cohort)
{
  RdQuery *q = rd_query_new ("WITH RECURSIVE");
  char first_s[8], as_of_s[8];

  rd_month_format (cohort >= 0 ? cohort : first, first_s);
  rd_month_format (as_of, as_of_s);
  rd_query_appendv (q,
    " cmonths (month, i) AS (SELECT ?, 0"
    "  UNION ALL SELECT strftime ('%Y-%m', month || '-01', '+1 month'), i + 1 FROM cmonths WHERE month < ?),"
    " firsts AS (SELECT r.account_id, m.month AS cohort, m.i AS ci, r.mrr_cents AS start_cents"
    "  FROM cmonths m JOIN mrr r ON r.month = m.month",
    G_TYPE_STRING, first_s, G_TYPE_STRING, as_of_s, G_TYPE_INVALID);
  append_account_filter (ctx, q, "r.account_id");
  rd_query_append (q,
    "  WHERE r.mrr_cents > 0"
    "  AND NOT EXISTS (SELECT 1 FROM mrr h WHERE h.account_id = r.account_id AND h.month < r.month AND h.mrr_cents > 0)");
  if (cohort >= 0)
    rd_query_append (q, " AND m.i = 0");
  rd_query_append (q,
    "),"
    " cells AS (SELECT f.account_id, f.cohort, f.ci, k.i - f.ci AS k, k.month, f.start_cents,"
    "  ifnull (r.mrr_cents, 0) AS mrr_cents"
    "  FROM firsts f JOIN cmonths k ON k.i >= f.ci"
    "  LEFT JOIN mrr r INDEXED BY mrr_by_month ON r.month = k.month AND r.account_id = f.account_id)");
  return q;
}

RdQuery *
rd_retention_cohort_rows (RdMetricsCtx *ctx,
                          int           cohort,
                          int           k,
                          int           as_of,
                          gboolean      revenue)
{
  RdQuery *q = cohort_query_new (ctx, cohort, as_of, cohort);

  rd_query_appendv (q,
    " SELECT c.account_id, a.name AS account, c.cohort, c.k, c.month,"
    " c.start_cents / 100.0 AS start_mrr, c.mrr_cents / 100.0 AS mrr,"
    " CASE WHEN c.mrr_cents > 0 THEN 1 ELSE 0 END AS active, c.start_cents, c.mrr_cents"
    " FROM cells c JOIN accounts a ON a.id = c.account_id"
    " WHERE c.k = ? ORDER BY c.start_cents DESC, a.name, c.account_id",
    G_TYPE_INT64, (gint64) k, G_TYPE_INVALID);
  if (revenue)
    {
      q->sum_column = g_strdup ("mrr_cents");
      q->sum_scale = 0.01;
    }
  else
    q->sum_column = g_strdup ("active");
  return q;
}

gboolean
rd_retention_parse_cohort_bucket (const char *bucket,
                                  int        *cohort,
                                  int        *k)
{
  g_autofree char *month = NULL;
  const char *slash;
  char *end = NULL;
  gint64 value;

  if (bucket == NULL || (slash = strchr (bucket, '/')) == NULL)
    return FALSE;
  month = g_strndup (bucket, slash - bucket);
  if (!rd_month_parse (month, cohort) || slash[1] == '\0' || !g_ascii_isdigit (slash[1]))
    return FALSE;
  value = g_ascii_strtoll (slash + 1, &end, 10);
  if (*end != '\0' || value < 0 || value > 1200)
    return FALSE;
  *k = (int) value;
  return TRUE;
}

