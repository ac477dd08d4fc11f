/* rd-metrics-retention-rates.c — MRR movements, the ARR bridge, and NRR,
 * GRR and logo retention over a window
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything is read from the monthly sums (per month and filter
 * dimensions, rd_retention_months_table ()) except the accounts that came in during the window: NRR's
 * base is every account active at the start, so its expansion, contraction,
 * churn and end are the window's sums less those of the newcomers, which
 * are few (the entries of the window) and read from agg_mrr_movements.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rd-metrics-retention-private.h"
#include "rd-workspace-private.h"

const RdMovement rd_retention_movements[RD_N_MOVEMENTS] = {
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
/* ------------------------------------------------------------- reading */

/* The months of the window and the one before, from the monthly sums:
 * @mrr and @moves per month, and the bridge (start, the five movements,
 * end); the accounts active at start and at the end. */
static gboolean
read_months (RdMetricsCtx            *ctx,
             const RdRetentionWindow *w,
             gint64                  *mrr,
             gint64                  *moves,
             gint64                   bridge[8],
             gint64                  *start_accounts,
             gint64                  *end_accounts,
             GError                 **error)
{
  g_autoptr(RdQuery) q = rd_query_new (
    "SELECT x.month, sum (x.accounts), sum (x.mrr_cents), sum (x.new_cents), sum (x.reactivation_cents),"
    " sum (x.expansion_cents), sum (x.contraction_cents), sum (x.churn_cents) FROM ");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rd_query_append (q, rd_retention_months_table (ctx));
  rd_query_append (q, " x WHERE ");

  rd_query_appendv (q, "x.month BETWEEN ? AND ?", G_TYPE_STRING, w->start_s, G_TYPE_STRING, w->last_s,
                    G_TYPE_INVALID);
  rd_metrics_filter_sql (ctx, q, "x", TRUE, TRUE);
  rd_query_append (q, " GROUP BY x.month");
  stmt = rd_metrics_prepare (ctx, q, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int i = rd_month_index ((const char *) sqlite3_column_text (stmt, 0)) - w->first;

      if (i == -1)
        {
          *start_accounts = sqlite3_column_int64 (stmt, 1);
          bridge[0] = sqlite3_column_int64 (stmt, 2);
          continue;
        }
      if (i < 0 || i > w->last - w->first)
        continue;
      mrr[i] = sqlite3_column_int64 (stmt, 2);
      for (int k = 0; k < RD_N_MOVEMENTS; k++)
        {
          moves[i * RD_N_MOVEMENTS + k] = sqlite3_column_int64 (stmt, 3 + k);
          bridge[1 + k] += moves[i * RD_N_MOVEMENTS + k];
        }
      if (i == w->last - w->first)
        {
          *end_accounts = sqlite3_column_int64 (stmt, 1);
          bridge[6] = mrr[i];
        }
    }
  if (rc != SQLITE_DONE)
    {
      rd_db_set_error (ctx->db, error, NULL);
      return FALSE;
    }
  return TRUE;
}

/* The accounts of the view inactive at the start (MRR 0 in the month before
 * the window) that came in during it: their movements are in the window's
 * sums but not in NRR's base, which is what is left when they are taken
 * away. @nb: their MRR at the end, how many are active at the end, their
 * reactivation, expansion, contraction and churn, and how many started and
 * churned inside the window (0 at both ends) with the sum of their peaks.
 * An account's level only changes by its movements, so from 0 at the start
 * its movements give its end (their sum) and its peak (their largest). */
static gboolean
read_newcomers (RdMetricsCtx            *ctx,
                const RdRetentionWindow *w,
                gint64                   nb[8],
                GError                 **error)
{
  g_autoptr(RdQuery) q = rd_query_new (
    "WITH nb AS (SELECT DISTINCT e.account_id FROM agg_mrr_movements e INDEXED BY agg_mrr_movements_entries");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const RdFilter *f = ctx->filter;

  if (f->segment_id || f->region_id || f->owner_id || f->channel_id)
    {
      rd_query_append (q, " JOIN accounts fa INDEXED BY agg_mrr_movements_account_dims ON fa.id = e.account_id");
      rd_metrics_filter_sql (ctx, q, "fa", TRUE, TRUE);
    }
  rd_query_appendv (q,
    " WHERE e.prev_cents = 0 AND e.month > ? AND e.month <= ?"
    "  AND NOT EXISTS (SELECT 1 FROM mrr p INDEXED BY mrr_by_month"
    "   WHERE p.month = ? AND p.account_id = e.account_id AND p.mrr_cents > 0)),"
    " per AS (SELECT m.account_id, sum (m.cur_cents - m.prev_cents) AS end_cents, max (m.cur_cents) AS peak_cents,"
    "  sum (CASE m.kind WHEN 'reactivation' THEN m.cur_cents ELSE 0 END) AS reactivation_cents,"
    "  sum (CASE m.kind WHEN 'expansion' THEN m.cur_cents - m.prev_cents ELSE 0 END) AS expansion_cents,"
    "  sum (CASE m.kind WHEN 'contraction' THEN m.prev_cents - m.cur_cents ELSE 0 END) AS contraction_cents,"
    "  sum (CASE m.kind WHEN 'churn' THEN m.prev_cents ELSE 0 END) AS churn_cents"
    "  FROM nb JOIN agg_mrr_movements m ON m.account_id = nb.account_id AND m.month > ? AND m.month <= ?"
    "  GROUP BY m.account_id)"
    " SELECT sum (end_cents), sum (end_cents > 0), sum (reactivation_cents), sum (expansion_cents),"
    "  sum (contraction_cents), sum (churn_cents), sum (end_cents = 0 AND peak_cents > 0),"
    "  sum (CASE WHEN end_cents = 0 THEN peak_cents ELSE 0 END)"
    " FROM per",
    G_TYPE_STRING, w->start_s, G_TYPE_STRING, w->last_s, G_TYPE_STRING, w->start_s,
    G_TYPE_STRING, w->start_s, G_TYPE_STRING, w->last_s, G_TYPE_INVALID);
  stmt = rd_metrics_prepare (ctx, q, error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      rd_db_set_error (ctx->db, error, NULL);
      return FALSE;
    }
  for (int i = 0; i < 8; i++)
    nb[i] = sqlite3_column_int64 (stmt, i);
  return TRUE;
}

/* ---------------------------------------------------------------- compute */

/* Sets @m's definition: looked up when @same is NULL, else copied from it
 * (the same key). Returns the metric to copy from next time. */
RdMetric *
rd_retention_set_definition (RdMetricsCtx *ctx,
                             RdMetric     *m,
                             const char   *key,
                             RdMetric     *same)
{
  if (same == NULL)
    {
      rd_metric_set_definition (ctx, m, key);
      return m;
    }
  g_free (m->definition_key);
  m->definition_key = g_strdup (same->definition_key);
  m->definition_version = same->definition_version;
  return same;
}

void
rd_metric_set_money_cents (RdMetric *m,
                           gint64    cents)
{
  rd_metric_set_value (m, (double) cents * 0.01);
}

gboolean
rd_retention_compute_window (RdMetricsCtx            *ctx,
                             const RdRetentionWindow *w,
                             RdRetentionPolicy        policy,
                             const char              *policy_name,
                             GError                 **error)
{
  int n = w->valid ? w->last - w->first + 1 : 0;
  g_autofree gint64 *mrr = g_new0 (gint64, MAX (n, 1));
  g_autofree gint64 *moves = g_new0 (gint64, MAX (n, 1) * RD_N_MOVEMENTS);
  gint64 bridge[8] = { 0 };      /* start, new, reactivation, expansion, contraction, churn, end */
  gint64 rates[6] = { 0 };       /* counts, retained, base, nrr, grr, start accounts */
  g_autofree char *note = g_strdup_printf (_("start-and-churn: %s"), policy_name);
  gint64 start_accounts = 0, end_accounts = 0;
  RdMetric *first[1 + RD_N_MOVEMENTS] = { NULL };   /* the first month's: definitions are looked up once */

  if (w->valid)
    {
      if (!read_months (ctx, w, mrr, moves, bridge, &start_accounts, &end_accounts, error))
        return FALSE;
      rates[5] = start_accounts;
      if (start_accounts > 0)
        {
          gint64 nb[8];   /* accounts inactive at start: see read_newcomers () */

          if (!read_newcomers (ctx, w, nb, error))
            return FALSE;
          rates[0] = start_accounts + (policy == RD_POLICY_CHURN ? nb[6] : 0);
          rates[1] = end_accounts - nb[1];
          rates[2] = bridge[0] + (policy == RD_POLICY_CHURN ? nb[7] : 0);
          rates[3] = bridge[0] + (bridge[3] - nb[3]) - (bridge[4] - nb[4]) - (bridge[5] - nb[5]);
          rates[4] = bridge[0] - (bridge[4] - nb[4]) - (bridge[5] - nb[5]);
        }
    }

  /* Month by month: MRR and its movements. */
  for (int i = 0; i < n; i++)
    {
      char month[8];
      RdMetric *m;

      rd_month_format (w->first + i, month);
      m = rd_metrics_add (ctx, "retention.mrr", month, _("MRR"), RD_UNIT_MONEY);
      rd_metric_set_money_cents (m, mrr[i]);
      rd_metric_set_formula (m, _("sum of the accounts' MRR in the month (a month without a row is 0)"));
      first[0] = rd_retention_set_definition (ctx, m, "mrr", first[0]);
      m->drillable = TRUE;
      for (guint k = 0; k < RD_N_MOVEMENTS; k++)
        {
          const RdMovement *mv = &rd_retention_movements[k];

          m = rd_metrics_add (ctx, mv->id, month, movement_label (mv->kind), RD_UNIT_MONEY);
          rd_metric_set_money_cents (m, moves[i * RD_N_MOVEMENTS + k]);
          rd_metric_set_formula (m, movement_formula (mv->kind));
          first[1 + k] = rd_retention_set_definition (ctx, m, mv->term, first[1 + k]);
          m->drillable = TRUE;
        }
    }

  /* The ARR bridge. */
  {
    static const char *labels[] = {
      N_("ARR at start"), N_("New ARR"), N_("Reactivation ARR"), N_("Expansion ARR"),
      N_("Contraction ARR"), N_("Churned ARR"), N_("ARR at end"), N_("ARR bridge check"),
    };
    RdMetric *arr = NULL;
    gint64 check = bridge[0] + bridge[1] + bridge[2] + bridge[3] - bridge[4] - bridge[5] - bridge[6];

    bridge[7] = check;
    for (guint i = 0; i < RD_N_BRIDGE_PARTS; i++)
      {
        RdMetric *m = rd_metrics_add (ctx, rd_retention_bridge_parts[i].id, NULL, _(labels[i]), RD_UNIT_MONEY);
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
        arr = rd_retention_set_definition (ctx, m, "arr", arr);
        if (!w->valid)
          {
            rd_metric_set_undefined (m, w->reason);
            continue;
          }
        rd_metric_set_money_cents (m, 12 * bridge[i]);
        m->drillable = TRUE;
      }
  }

  /* NRR, GRR, logo retention over the window. */
  {
    g_autofree char *window = w->valid ? g_strdup_printf (_("accounts with MRR in %s, movements %s – %s"),
                                                          w->start_s, w->first_s, w->last_s)
                                       : g_strdup ("");
    const char *policy_text =
      policy == RD_POLICY_CHURN ? _("accounts that started after the start and churned by the end are added to the base "
                                 "at their peak MRR and counted as churned (a lost logo)")
      : policy == RD_POLICY_IGNORE ? _("accounts that started after the start and churned by the end are ignored")
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

