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
 * One record query serves every number and its list. The common table
 * expressions below (months → pairs → mv → acct → rate_rows) are built by one
 * function; compute aggregates them in one statement (grouped by month and
 * movement, and summed per account), drill selects the rows of one number.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "rd-metrics-private.h"
#include "rd-workspace-private.h"

#define RENEWAL_HORIZON_DAYS 90
#define COHORT_COUNT         12

/* ------------------------------------------------------------------ months */

static int
month_index (const char *month)   /* "2026-09" → months since year 0 */
{
  return (int) g_ascii_strtoll (month, NULL, 10) * 12 + (int) g_ascii_strtoll (month + 5, NULL, 10) - 1;
}

static void
month_format (int   index,
              char  out[8])
{
  g_snprintf (out, 8, "%04d-%02d", index / 12, index % 12 + 1);
}

static gboolean
month_parse (const char *text,
             int        *index)
{
  if (text == NULL || strlen (text) != 7 || text[4] != '-' ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) || !g_ascii_isdigit (text[2]) ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[6]))
    return FALSE;
  if (g_ascii_strtoll (text + 5, NULL, 10) < 1 || g_ascii_strtoll (text + 5, NULL, 10) > 12)
    return FALSE;
  *index = month_index (text);
  return TRUE;
}

/* The months of the filter's period that count: up to the as-of month. */
typedef struct
{
  gboolean valid;
  int      first, last;          /* month indexes; the start is first − 1 */
  char     first_s[8], last_s[8], start_s[8];
  char    *reason;               /* why there is no window */
  char    *name;                 /* "2026-Q3" or "2023-08 – 2026-09" for texts */
} Window;

static void
window_clear (Window *w)
{
  g_clear_pointer (&w->reason, g_free);
  g_clear_pointer (&w->name, g_free);
}

static int
first_mrr_month (RdMetricsCtx *ctx)
{
  g_autoptr(RdQuery) q = rd_query_new ("SELECT min (month) FROM mrr WHERE mrr_cents > 0");
  g_autoptr(sqlite3_stmt) stmt = rd_metrics_prepare (ctx, q, NULL);
  int index = -1;

  if (stmt && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    index = month_index ((const char *) sqlite3_column_text (stmt, 0));
  return index;
}

static void
window_init (RdMetricsCtx *ctx,
             Window       *w)
{
  const RdFilter *f = ctx->filter;
  int as_of = month_index (f->as_of);

  memset (w, 0, sizeof *w);
  w->last = MIN (month_index (f->period_end), as_of);
  if (f->period_kind == RD_PERIOD_ALL)
    {
      w->first = first_mrr_month (ctx);
      if (w->first < 0 || w->first > as_of)
        {
          w->reason = g_strdup_printf (_("no MRR is recorded up to the as-of date %s"), f->as_of);
          return;
        }
    }
  else
    w->first = month_index (f->period_start);

  if (w->first > w->last)
    {
      w->reason = g_strdup_printf (_("%s starts after the as-of date %s"), f->period_key, f->as_of);
      return;
    }
  w->valid = TRUE;
  month_format (w->first, w->first_s);
  month_format (w->last, w->last_s);
  month_format (w->first - 1, w->start_s);
  /* Named for people: "2026-Q3", "2026-Q3 to 2026-09" while it runs, or the months of "all". */
  if (f->period_kind == RD_PERIOD_ALL)
    w->name = g_strdup_printf ("%s – %s", w->first_s, w->last_s);
  else if (w->last != month_index (f->period_end))
    w->name = g_strdup_printf (_("%s to %s"), f->period_key, w->last_s);
  else
    w->name = g_strdup (f->period_key);
}

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

/* ------------------------------------------------------ start-and-churn */

typedef enum { POLICY_EXCLUDE, POLICY_CHURN, POLICY_IGNORE } Policy;

static Policy
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
      return POLICY_CHURN;
    }
  if (g_strcmp0 (text, "ignore") == 0)
    {
      *name = "ignore";
      return POLICY_IGNORE;
    }
  *name = "exclude";
  return POLICY_EXCLUDE;
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
movement_query_new (RdMetricsCtx *ctx,
                    int           first,
                    int           last,
                    Policy        policy)
{
  RdQuery *q = rd_query_new ("WITH RECURSIVE");
  char first_s[8], last_s[8], start_s[8];
  const char *policy_word = policy == POLICY_CHURN ? "churn" : policy == POLICY_IGNORE ? "ignore" : "exclude";

  month_format (first, first_s);
  month_format (last, last_s);
  month_format (first - 1, start_s);

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

/* ------------------------------------------------------- metric catalogue */

typedef struct
{
  const char *id;
  const char *kind;        /* the movement's name in mv */
  const char *term;        /* glossary key */
} Movement;

static const Movement movements[] = {
  { "retention.new", "new", "mrr" },
  { "retention.reactivation", "reactivation", "reactivation" },
  { "retention.expansion", "expansion", "expansion" },
  { "retention.contraction", "contraction", "contraction" },
  { "retention.churn", "churn", "churn" },
};

static const char *
movement_label (const char *kind)
{
  if (g_str_equal (kind, "new"))
    return _("New MRR");
  if (g_str_equal (kind, "reactivation"))
    return _("Reactivation MRR");
  if (g_str_equal (kind, "expansion"))
    return _("Expansion MRR");
  if (g_str_equal (kind, "contraction"))
    return _("Contraction MRR");
  return _("Churned MRR");
}

static const char *
movement_formula (const char *kind)
{
  if (g_str_equal (kind, "new"))
    return _("sum of this month's MRR of accounts going from 0 last month to above 0 that never had MRR before");
  if (g_str_equal (kind, "reactivation"))
    return _("sum of this month's MRR of accounts going from 0 last month to above 0 that had MRR in some earlier month");
  if (g_str_equal (kind, "expansion"))
    return _("sum of MRR increases from last month to this month, both above 0");
  if (g_str_equal (kind, "contraction"))
    return _("sum of MRR decreases from last month to a value still above 0, as a positive amount subtracted in the bridge");
  return _("sum of last month's MRR of accounts at 0 this month, as a positive amount subtracted in the bridge");
}

typedef struct
{
  const char *id;
  const char *column;      /* SQL over acct x, in cents (fixed text) */
  const char *where;       /* which accounts the list shows */
} BridgePart;

static const BridgePart bridge_parts[] = {
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

static RdQuery *
movement_rows (RdMetricsCtx *ctx,
               int           month,
               const char   *kind,     /* NULL: the accounts with MRR in the month */
               Policy        policy)
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

static RdQuery *
bridge_rows (RdMetricsCtx     *ctx,
             const Window     *w,
             const BridgePart *part,
             Policy            policy)
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
static RdQuery *
rate_rows (RdMetricsCtx *ctx,
           const Window *w,
           const char   *metric_id,
           Policy        policy)
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

  month_format (cohort >= 0 ? cohort : first, first_s);
  month_format (as_of, as_of_s);
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

static RdQuery *
cohort_rows (RdMetricsCtx *ctx,
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

static gboolean
parse_cohort_bucket (const char *bucket,
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
  if (!month_parse (month, cohort) || slash[1] == '\0' || !g_ascii_isdigit (slash[1]))
    return FALSE;
  value = g_ascii_strtoll (slash + 1, &end, 10);
  if (*end != '\0' || value < 0 || value > 1200)
    return FALSE;
  *k = (int) value;
  return TRUE;
}

/* ------------------------------------------------------------- renewals */

/* Renewals dated in (as-of, as-of + 90 days], still open at the as-of date.
 * The file records no date for a renewal's outcome: one marked renewed or
 * churned is taken as settled on its renewal date when that date has come
 * (on or before the workspace's own date, the pinned as-of or today), so in
 * a view of an earlier as-of it was still open; one settled ahead of its
 * date (renewed early) is settled. Owner is the renewal's owner; the
 * filters apply to its account. */
static RdQuery *
renewal_rows (RdMetricsCtx *ctx,
              gboolean      unowned_only,
              gboolean      ordered)
{
  RdQuery *q = rd_query_new (
    "SELECT n.id AS renewal_id, a.name AS account, n.renewal_date, n.amount_cents / 100.0 AS amount,"
    " p.name AS owner, CASE WHEN n.owner_id IS NULL THEN 0 ELSE 1 END AS owned, n.status AS status_now,"
    " n.amount_cents"
    " FROM renewals n JOIN accounts a ON a.id = n.account_id LEFT JOIN people p ON p.id = n.owner_id"
    " WHERE ");
  g_autoptr(GDate) today = rd_workspace_dup_as_of (ctx->ws);
  GDate horizon;
  char today_s[11], horizon_s[11];

  g_date_clear (&horizon, 1);
  g_date_set_dmy (&horizon, (GDateDay) g_ascii_strtoll (ctx->filter->as_of + 8, NULL, 10),
                  (GDateMonth) g_ascii_strtoll (ctx->filter->as_of + 5, NULL, 10),
                  (GDateYear) g_ascii_strtoll (ctx->filter->as_of, NULL, 10));
  g_date_add_days (&horizon, RENEWAL_HORIZON_DAYS);
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
  if (ordered)
    rd_query_append (q, " ORDER BY n.renewal_date, a.name, n.id");
  return q;
}

/* ---------------------------------------------------------------- compute */

static void
set_money_cents (RdMetric *m,
                 gint64    cents)
{
  rd_metric_set_value (m, (double) cents * 0.01);
}

static gboolean
compute_window (RdMetricsCtx *ctx,
                const Window *w,
                Policy        policy,
                const char   *policy_name,
                GError      **error)
{
  g_autoptr(RdQuery) q = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int n = w->valid ? w->last - w->first + 1 : 0;
  g_autofree gint64 *mrr = g_new0 (gint64, MAX (n, 1));
  g_autofree gint64 *moves = g_new0 (gint64, MAX (n, 1) * G_N_ELEMENTS (movements));
  gint64 bridge[8] = { 0 };      /* start, new, reactivation, expansion, contraction, churn, end */
  gint64 rates[6] = { 0 };       /* counts, retained, base, nrr, grr, start accounts */
  g_autofree char *note = g_strdup_printf (_("start-and-churn: %s"), policy_name);
  int rc;

  if (w->valid)
    {
      q = movement_query_new (ctx, w->first, w->last, policy);
      /* One statement: mv is used twice, so SQLite evaluates it once. */
      rd_query_append (q,
        " SELECT 0, month, kind, sum (amount_cents), sum (cur_cents), 0, 0, 0 FROM mv GROUP BY month, kind"
        " UNION ALL SELECT 1, NULL, NULL, sum (start_cents), sum (new_cents), sum (reactivation_cents),"
        "  sum (expansion_cents), sum (contraction_cents) FROM acct"
        " UNION ALL SELECT 2, NULL, NULL, sum (churn_cents), sum (end_cents), 0, 0, 0 FROM acct"
        " UNION ALL SELECT 3, NULL, NULL, sum (counts), sum (retained), sum (base_cents), sum (nrr_cents),"
        "  sum (grr_cents) FROM rate_rows"
        " UNION ALL SELECT 4, NULL, NULL, count (*), 0, 0, 0, 0 FROM rate_rows WHERE start_cents > 0");
      stmt = rd_metrics_prepare (ctx, q, error);
      if (stmt == NULL)
        return FALSE;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          int part = sqlite3_column_int (stmt, 0);
          gint64 v[5];

          for (int i = 0; i < 5; i++)
            v[i] = sqlite3_column_int64 (stmt, 3 + i);
          if (part == 0)
            {
              int i = month_index ((const char *) sqlite3_column_text (stmt, 1)) - w->first;
              const char *kind = (const char *) sqlite3_column_text (stmt, 2);

              if (i < 0 || i >= n)
                continue;
              mrr[i] += v[1];
              for (guint k = 0; kind && k < G_N_ELEMENTS (movements); k++)
                if (g_str_equal (kind, movements[k].kind))
                  moves[i * G_N_ELEMENTS (movements) + k] += v[0];
            }
          else if (part == 1)
            memcpy (bridge, v, 5 * sizeof (gint64));
          else if (part == 2)
            {
              bridge[5] = v[0];
              bridge[6] = v[1];
            }
          else if (part == 3)
            memcpy (rates, v, 5 * sizeof (gint64));
          else
            rates[5] = v[0];
        }
      if (rc != SQLITE_DONE)
        {
          rd_db_set_error (ctx->db, error, NULL);
          return FALSE;
        }
    }

  /* Month by month: MRR and its movements. */
  for (int i = 0; i < n; i++)
    {
      char month[8];
      RdMetric *m;

      month_format (w->first + i, month);
      m = rd_metrics_add (ctx, "retention.mrr", month, _("MRR"), RD_UNIT_MONEY);
      set_money_cents (m, mrr[i]);
      rd_metric_set_formula (m, _("sum of the accounts' MRR in the month (a month without a row is 0)"));
      rd_metric_set_definition (ctx, m, "mrr");
      m->drillable = TRUE;
      for (guint k = 0; k < G_N_ELEMENTS (movements); k++)
        {
          m = rd_metrics_add (ctx, movements[k].id, month, movement_label (movements[k].kind), RD_UNIT_MONEY);
          set_money_cents (m, moves[i * G_N_ELEMENTS (movements) + k]);
          rd_metric_set_formula (m, movement_formula (movements[k].kind));
          rd_metric_set_definition (ctx, m, movements[k].term);
          m->drillable = TRUE;
        }
    }

  /* The ARR bridge. */
  {
    static const char *labels[] = {
      N_("ARR at start"), N_("New ARR"), N_("Reactivation ARR"), N_("Expansion ARR"),
      N_("Contraction ARR"), N_("Churned ARR"), N_("ARR at end"), N_("ARR bridge check"),
    };
    gint64 check = bridge[0] + bridge[1] + bridge[2] + bridge[3] - bridge[4] - bridge[5] - bridge[6];

    bridge[7] = check;
    for (guint i = 0; i < G_N_ELEMENTS (bridge_parts); i++)
      {
        RdMetric *m = rd_metrics_add (ctx, bridge_parts[i].id, NULL, _(labels[i]), RD_UNIT_MONEY);
        g_autofree char *formula = NULL;

        const char *window = w->valid ? w->name : ctx->filter->period_key;

        if (i == 0)
          formula = g_strdup_printf (_("12 × the accounts' MRR in %s, the month before the first month of %s"),
                                     w->valid ? w->start_s : "—", window);
        else if (i == 6)
          formula = g_strdup_printf (_("12 × the accounts' MRR in %s, the last month of %s up to the as-of date"),
                                     w->valid ? w->last_s : "—", window);
        else if (i == 1)
          formula = g_strdup_printf (_("12 × new MRR (accounts from 0 to above 0 that never had MRR before), "
                                       "summed over the months of %s"), window);
        else if (i == 2)
          formula = g_strdup_printf (_("12 × reactivation MRR (accounts from 0 back above 0), "
                                       "summed over the months of %s"), window);
        else if (i == 3)
          formula = g_strdup_printf (_("12 × MRR increases of active accounts, summed over the months of %s"),
                                     window);
        else if (i == 4)
          formula = g_strdup_printf (_("12 × MRR decreases to a value above 0, summed over the months of %s "
                                       "(a positive amount, subtracted)"), window);
        else if (i == 5)
          formula = g_strdup_printf (_("12 × MRR of accounts going to 0, summed over the months of %s "
                                       "(a positive amount, subtracted)"), window);
        else
          formula = g_strdup_printf (_("start + new + reactivation + expansion − contraction − churn − end "
                                       "over %s, in integer cents; always 0"), window);
        rd_metric_set_formula (m, formula);
        rd_metric_set_definition (ctx, m, "arr");
        if (!w->valid)
          {
            rd_metric_set_undefined (m, w->reason);
            continue;
          }
        set_money_cents (m, 12 * bridge[i]);
        m->drillable = TRUE;
      }
  }

  /* NRR, GRR, logo retention over the window. */
  {
    g_autofree char *window = w->valid ? g_strdup_printf (_("accounts with MRR in %s, movements %s – %s"),
                                                          w->start_s, w->first_s, w->last_s)
                                       : g_strdup ("");
    const char *policy_text =
      policy == POLICY_CHURN ? _("accounts that started after the start and churned by the end are added to the base "
                                 "at their peak MRR and counted as churned (a lost logo)")
      : policy == POLICY_IGNORE ? _("accounts that started after the start and churned by the end are ignored")
      : _("accounts that started after the start and churned by the end are excluded");
    g_autofree char *reason = w->valid ? g_strdup_printf (_("no account had MRR in %s, the month before %s"),
                                                          w->start_s, w->first_s)
                                       : g_strdup (w->reason);
    struct { const char *id, *label, *term; char *formula; gint64 num, den; RdUnit parts; } r[] = {
      { "retention.nrr", N_("Net revenue retention"), "nrr",
        g_strdup_printf (_("(start MRR + expansion − contraction − churn) ÷ start MRR, %s; new accounts and "
                           "reactivations are left out: an account that churns and comes back keeps its churn, "
                           "its reactivation is left out and its later expansion and contraction count; %s"),
                         window, policy_text),
        rates[3], rates[2], RD_UNIT_MONEY },
      { "retention.grr", N_("Gross revenue retention"), "grr",
        g_strdup_printf (_("(start MRR − contraction − churn) ÷ start MRR, never above 100 %%, %s; new accounts, "
                           "reactivations and expansion are left out; %s"), window, policy_text),
        rates[4], rates[2], RD_UNIT_MONEY },
      { "retention.logo", N_("Logo retention"), "logo-retention",
        g_strdup_printf (_("accounts active at the start still active (MRR > 0) at the end ÷ accounts active at "
                           "the start, %s; an account that churned and came back counts as retained; %s"),
                         window, policy_text),
        rates[1], rates[0], RD_UNIT_COUNT },
    };

    for (guint i = 0; i < G_N_ELEMENTS (r); i++)
      {
        RdMetric *m = rd_metrics_add (ctx, r[i].id, NULL, _(r[i].label), RD_UNIT_PERCENT);
        g_autofree char *formula = r[i].formula;

        rd_metric_set_formula (m, formula);
        rd_metric_set_definition (ctx, m, r[i].term);
        m->note = g_strdup (note);
        /* Undefined when no account was active at start, even when the
         * "churn" policy put started-and-churned accounts in the base. */
        if (!w->valid || rates[5] == 0)
          {
            rd_metric_set_undefined (m, reason);
            continue;
          }
        rd_metric_set_ratio (m, (double) r[i].num * (r[i].parts == RD_UNIT_MONEY ? 0.01 : 1.0),
                             (double) r[i].den * (r[i].parts == RD_UNIT_MONEY ? 0.01 : 1.0),
                             r[i].parts, reason);
        /* GRR is capped at 100 %; its numerator never exceeds the base anyway. */
        if (g_str_equal (r[i].id, "retention.grr") && m->value > 100.0)
          m->value = 100.0;
        m->drillable = TRUE;
      }
  }
  return TRUE;
}

static gboolean
compute_cohorts (RdMetricsCtx *ctx,
                 GError      **error)
{
  int as_of = month_index (ctx->filter->as_of);
  int first = MAX (as_of - (COHORT_COUNT - 1), first_mrr_month (ctx));
  int n = as_of - first + 1;
  g_autoptr(RdQuery) q = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree gint64 *cells = NULL;   /* per (cohort, k): accounts, active, start cents, mrr cents */
  int rc;

  if (first_mrr_month (ctx) < 0 || n <= 0)
    return TRUE;   /* no cohort has started by the as-of month */

  cells = g_new0 (gint64, n * n * 4);
  q = cohort_query_new (ctx, first, as_of, -1);
  rd_query_append (q,
    " SELECT ci, k, count (*), sum (mrr_cents > 0), sum (start_cents), sum (mrr_cents)"
    " FROM cells GROUP BY ci, k");
  stmt = rd_metrics_prepare (ctx, q, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int ci = sqlite3_column_int (stmt, 0), k = sqlite3_column_int (stmt, 1);

      if (ci < 0 || k < 0 || ci + k >= n)
        continue;
      for (int j = 0; j < 4; j++)
        cells[(ci * n + k) * 4 + j] = sqlite3_column_int64 (stmt, 2 + j);
    }
  if (rc != SQLITE_DONE)
    {
      rd_db_set_error (ctx->db, error, NULL);
      return FALSE;
    }

  for (int ci = 0; ci < n; ci++)
    {
      char cohort[8];
      g_autofree char *reason = NULL;

      month_format (first + ci, cohort);
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
          rd_metric_set_definition (ctx, m, "logo-retention");
          rd_metric_set_ratio (m, (double) c[1], (double) c[0], RD_UNIT_COUNT, reason);
          m->drillable = m->defined;

          m = rd_metrics_add (ctx, "retention.cohort_revenue", bucket, _("Cohort revenue retention"), RD_UNIT_PERCENT);
          rd_metric_set_formula (m, f_rev);
          rd_metric_set_definition (ctx, m, "nrr");
          rd_metric_set_ratio (m, (double) c[3] * 0.01, (double) c[2] * 0.01, RD_UNIT_MONEY, reason);
          m->drillable = m->defined;
        }
    }
  return TRUE;
}

static gboolean
compute_renewals (RdMetricsCtx *ctx,
                  GError      **error)
{
  g_autoptr(RdQuery) q = renewal_rows (ctx, FALSE, FALSE);
  g_autoptr(RdQuery) agg = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *reason = g_strdup_printf (_("no open renewal is dated in the %d days after %s"),
                                             RENEWAL_HORIZON_DAYS, ctx->filter->as_of);
  const char *window = _("renewals dated after the as-of date and at most 90 days after it, open then "
                         "(a renewal marked renewed or churned counts as settled on its renewal date)");
  gint64 due = 0, owned = 0, cents = 0;
  RdMetric *m;
  char *f;

  /* One pass over the list the drill shows: count, owned, amount. */
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
  set_money_cents (m, cents);
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

static gboolean
compute (RdMetricsCtx *ctx,
         GError      **error)
{
  Window w;
  const char *policy_name;
  Policy policy = read_policy (ctx, &policy_name);
  gboolean ok;

  window_init (ctx, &w);
  ok = compute_window (ctx, &w, policy, policy_name, error) &&
       compute_cohorts (ctx, error) &&
       compute_renewals (ctx, error);
  window_clear (&w);
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
  Policy policy = read_policy (ctx, &policy_name);
  Window w;
  RdQuery *q = NULL;
  int month;

  window_init (ctx, &w);

  if (g_str_has_prefix (metric_id, "renewals."))
    {
      if (bucket != NULL)
        goto bad_bucket;
      if (g_str_equal (metric_id, "renewals.due") || g_str_equal (metric_id, "renewals.owner_coverage"))
        {
          q = renewal_rows (ctx, FALSE, TRUE);
          if (g_str_equal (metric_id, "renewals.owner_coverage"))
            q->sum_column = g_strdup ("owned");
        }
      else if (g_str_equal (metric_id, "renewals.due_amount"))
        {
          q = renewal_rows (ctx, FALSE, TRUE);
          q->sum_column = g_strdup ("amount_cents");
          q->sum_scale = 0.01;
        }
      else if (g_str_equal (metric_id, "renewals.unowned"))
        q = renewal_rows (ctx, TRUE, TRUE);
      else
        goto unknown;
      goto out;
    }

  if (g_str_equal (metric_id, "retention.mrr"))
    {
      if (!w.valid || !month_parse (bucket, &month) || month < w.first || month > w.last)
        goto bad_bucket;
      q = movement_rows (ctx, month, NULL, policy);
      goto out;
    }
  for (guint i = 0; i < G_N_ELEMENTS (movements); i++)
    if (g_str_equal (metric_id, movements[i].id))
      {
        if (!w.valid || !month_parse (bucket, &month) || month < w.first || month > w.last)
          goto bad_bucket;
        q = movement_rows (ctx, month, movements[i].kind, policy);
        goto out;
      }

  if (g_str_equal (metric_id, "retention.cohort_logo") || g_str_equal (metric_id, "retention.cohort_revenue"))
    {
      int as_of = month_index (ctx->filter->as_of), cohort, k;

      if (!parse_cohort_bucket (bucket, &cohort, &k) || cohort < as_of - (COHORT_COUNT - 1) ||
          cohort + k > as_of)
        goto bad_bucket;
      q = cohort_rows (ctx, cohort, k, as_of, g_str_equal (metric_id, "retention.cohort_revenue"));
      goto out;
    }

  for (guint i = 0; i < G_N_ELEMENTS (bridge_parts); i++)
    if (g_str_equal (metric_id, bridge_parts[i].id))
      {
        if (bucket != NULL)
          goto bad_bucket;
        if (!w.valid)
          goto no_window;
        q = bridge_rows (ctx, &w, &bridge_parts[i], policy);
        goto out;
      }

  if (g_str_equal (metric_id, "retention.nrr") || g_str_equal (metric_id, "retention.grr") ||
      g_str_equal (metric_id, "retention.logo"))
    {
      if (bucket != NULL)
        goto bad_bucket;
      if (!w.valid)
        goto no_window;
      q = rate_rows (ctx, &w, metric_id, policy);
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
  window_clear (&w);
  return q;
}

const RdMetricGroup rd_metrics_retention_group = { "retention", compute, drill };
