/* rd-summary.c — the headline figures of a workspace
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain prepared statements over the record tables, read in the state the
 * derived columns give (current stage, status), with every date compared
 * against the as-of date. The metrics engine will replace this file; the
 * definitions follow docs metrics.md so the numbers will not move when it does.
 *
 * Timestamps are "YYYY-MM-DD HH:MM:SS" text and dates "YYYY-MM-DD", so
 * "before the end of the as-of day" is `at < '<as-of + 1 day>'`.
 */

#include "config.h"

#include <string.h>

#include "rd-summary.h"
#include "rd-workspace-private.h"

typedef struct
{
  sqlite3 *db;
  char     as_of[11];        /* "2026-09-30" */
  char     as_of_next[11];   /* the day after: timestamps before it are on or before the as-of */
} Ctx;

/* ------------------------------------------------------------------ dates */

static void
format_date (const GDate *date,
             char         buf[11])
{
  g_snprintf (buf, 11, "%04d-%02d-%02d",
              g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

static void
format_month (const GDate *date,
              char         buf[8])
{
  g_snprintf (buf, 8, "%04d-%02d", g_date_get_year (date), g_date_get_month (date));
}

void
rd_fiscal_quarter_for_date (RdFiscalQuarter *quarter,
                            const GDate     *date,
                            int              fiscal_year_start_month)
{
  int year = g_date_get_year (date);
  int month = g_date_get_month (date);
  int offset = (month - fiscal_year_start_month + 12) % 12;   /* months into the fiscal year */

  g_return_if_fail (fiscal_year_start_month >= 1 && fiscal_year_start_month <= 12);

  quarter->fiscal_year = month >= fiscal_year_start_month ? year : year - 1;
  quarter->quarter = offset / 3 + 1;

  g_date_clear (&quarter->start, 1);
  g_date_set_dmy (&quarter->start, 1, fiscal_year_start_month, quarter->fiscal_year);
  g_date_add_months (&quarter->start, (quarter->quarter - 1) * 3);

  quarter->end = quarter->start;
  g_date_add_months (&quarter->end, 3);
  g_date_subtract_days (&quarter->end, 1);

  g_snprintf (quarter->key, sizeof quarter->key, "%04d-Q%d", quarter->fiscal_year, quarter->quarter);
}

void
rd_fiscal_quarter_next (RdFiscalQuarter       *quarter,
                        const RdFiscalQuarter *previous,
                        int                    fiscal_year_start_month)
{
  GDate day = previous->end;

  g_date_add_days (&day, 1);
  rd_fiscal_quarter_for_date (quarter, &day, fiscal_year_start_month);
}

static RdRatio
ratio (gint64 numerator,
       gint64 denominator)
{
  if (denominator == 0)
    return (RdRatio) { 0.0, FALSE };
  return (RdRatio) { (double) numerator / (double) denominator, TRUE };
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* Runs a one-row query with up to three text parameters into @out (n columns). */
static gboolean
query_row (Ctx         *ctx,
           const char  *sql,
           const char  *p1,
           const char  *p2,
           const char  *p3,
           gint64      *out,
           int          n,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (ctx->db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (p1)
    bind_text (stmt, 1, p1);
  if (p2)
    bind_text (stmt, 2, p2);
  if (p3)
    bind_text (stmt, 3, p3);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      rd_db_set_error (ctx->db, error, NULL);
      return FALSE;
    }
  for (int i = 0; i < n; i++)
    out[i] = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, i) : 0;
  return TRUE;
}

/* ------------------------------------------------------- shared quantities */

/* The company quota of a fiscal quarter: its quarterly row, or else the sum
 * of its three monthly rows. */
static gboolean
query_company_quota (Ctx                   *ctx,
                     const RdFiscalQuarter *quarter,
                     gint64                *cents,
                     gboolean              *found,
                     GError               **error)
{
  gint64 row[2];
  char months[3][8];
  GDate month = quarter->start;

  if (!query_row (ctx,
                  "SELECT count(*), ifnull(sum(amount_cents), 0) FROM quotas"
                  " WHERE scope = 'company' AND period = ?1",
                  quarter->key, NULL, NULL, row, 2, error))
    return FALSE;

  if (row[0] == 0)
    {
      for (int i = 0; i < 3; i++)
        {
          format_month (&month, months[i]);
          g_date_add_months (&month, 1);
        }
      if (!query_row (ctx,
                      "SELECT count(*), ifnull(sum(amount_cents), 0) FROM quotas"
                      " WHERE scope = 'company' AND period IN (?1, ?2, ?3)",
                      months[0], months[1], months[2], row, 2, error))
        return FALSE;
    }

  *found = row[0] > 0;
  *cents = row[1];
  return TRUE;
}

static gboolean
query_won (Ctx                   *ctx,
           const RdFiscalQuarter *quarter,
           gint64                *deals,
           gint64                *cents,
           GError               **error)
{
  char from[11], to[11];
  gint64 row[2];

  format_date (&quarter->start, from);
  format_date (&quarter->end, to);
  if (!query_row (ctx,
                  "SELECT count(*), ifnull(sum(amount_cents), 0) FROM opportunities"
                  " WHERE status = 'won' AND close_date BETWEEN ?1 AND ?2",
                  from, to, NULL, row, 2, error))
    return FALSE;
  *deals = row[0];
  *cents = row[1];
  return TRUE;
}

/* ------------------------------------------------------------------ overview */

static gboolean
compute_overview (Ctx               *ctx,
                  RdSummaryOverview *o,
                  GError           **error)
{
  char quarter_start[11], from[11];
  gint64 row[2];

  if (!query_row (ctx,
                  "SELECT ifnull(sum(mrr_cents), 0), count(DISTINCT CASE WHEN mrr_cents > 0 THEN account_id END)"
                  " FROM mrr WHERE month = ?1",
                  o->month, NULL, NULL, row, 2, error))
    return FALSE;
  o->arr_cents = 12 * row[0];
  o->active_customers = row[1];

  if (!query_row (ctx,
                  "SELECT count(*), ifnull(sum(amount_cents), 0) FROM opportunities"
                  " WHERE status = 'open' AND created_at < ?1",
                  ctx->as_of_next, NULL, NULL, row, 2, error))
    return FALSE;
  o->open_deals = row[0];
  o->open_pipeline_cents = row[1];

  if (!query_won (ctx, &o->quarter, &o->won_quarter_deals, &o->won_quarter_cents, error) ||
      !query_company_quota (ctx, &o->quarter, &o->quota_quarter_cents, &o->has_quota, error))
    return FALSE;
  o->quota_attainment = ratio (o->won_quarter_cents, o->quota_quarter_cents);

  /* The current fiscal quarter and the three before it, up to the as-of date. */
  o->win_rate_from = o->quarter.start;
  g_date_subtract_months (&o->win_rate_from, 9);
  format_date (&o->win_rate_from, from);
  if (!query_row (ctx,
                  "SELECT ifnull(sum(status = 'won'), 0), ifnull(sum(status = 'lost'), 0) FROM opportunities"
                  " WHERE status IN ('won', 'lost') AND close_date BETWEEN ?1 AND ?2",
                  from, ctx->as_of, NULL, row, 2, error))
    return FALSE;
  o->won_4q = row[0];
  o->lost_4q = row[1];
  o->win_rate = ratio (o->won_4q, o->won_4q + o->lost_4q);

  format_date (&o->quarter.start, quarter_start);
  if (!query_row (ctx,
                  "SELECT count(*) FROM leads WHERE created_at >= ?1 AND created_at < ?2",
                  quarter_start, ctx->as_of_next, NULL, row, 1, error))
    return FALSE;
  o->leads_quarter = row[0];

  return TRUE;
}

/* -------------------------------------------------------------------- funnel */

static void
count_lead (RdSummaryFunnel  *f,
            char            **first_entry,   /* per stage index; NULL where no event */
            const char       *quarter_start,
            const char       *quarter_end_next)
{
  const char *earliest = NULL;

  /* Skipped stages count as passed: a lead reached stage i at the earliest
   * time it entered stage i or any later one. */
  for (guint i = f->n_stages; i-- > 0;)
    {
      if (first_entry[i] && (earliest == NULL || strcmp (first_entry[i], earliest) < 0))
        earliest = first_entry[i];
      if (earliest == NULL)
        continue;
      f->stages[i].entered_all_time++;
      if (strcmp (earliest, quarter_start) >= 0 && strcmp (earliest, quarter_end_next) < 0)
        f->stages[i].entered_quarter++;
    }
}

static gboolean
compute_funnel (Ctx                   *ctx,
                const RdFiscalQuarter *quarter,
                RdSummaryFunnel       *f,
                GError               **error)
{
  g_autoptr(sqlite3_stmt) stages = NULL;
  g_autoptr(sqlite3_stmt) events = NULL;
  g_autoptr(GArray) list = g_array_new (FALSE, TRUE, sizeof (RdFunnelStageFigures));
  g_autoptr(GHashTable) index_of = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char **first_entry = NULL;
  char quarter_start[11], quarter_end_next[11];
  GDate end_next = quarter->end;
  gint64 current_lead = -1;
  int rc;

  stages = rd_db_prepare (ctx->db,
                          "SELECT id, name FROM stages WHERE kind = 'lifecycle' ORDER BY position, id",
                          error);
  if (stages == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stages)) == SQLITE_ROW)
    {
      RdFunnelStageFigures s = { 0 };

      s.stage_id = sqlite3_column_int64 (stages, 0);
      s.name = g_strdup ((const char *) sqlite3_column_text (stages, 1));
      g_array_append_val (list, s);
    }
  f->n_stages = list->len;
  f->stages = (RdFunnelStageFigures *) (gpointer) g_array_free (g_steal_pointer (&list), FALSE);
  if (rc != SQLITE_DONE)
    {
      rd_db_set_error (ctx->db, error, NULL);
      return FALSE;
    }
  for (guint i = 0; i < f->n_stages; i++)
    g_hash_table_insert (index_of, &f->stages[i].stage_id, GUINT_TO_POINTER (i + 1));

  /* The end of the quarter, or the as-of date if that comes first. */
  g_date_add_days (&end_next, 1);
  format_date (&quarter->start, quarter_start);
  format_date (&end_next, quarter_end_next);
  if (strcmp (ctx->as_of_next, quarter_end_next) < 0)
    memcpy (quarter_end_next, ctx->as_of_next, sizeof quarter_end_next);

  /* In index order (lead, time): the first event of a stage is its earliest.
   * Events of other stage kinds are not in index_of and are skipped. */
  events = rd_db_prepare (ctx->db,
                          "SELECT lead_id, stage_id, entered_at FROM lead_stage_events"
                          " WHERE entered_at < ?1 ORDER BY lead_id, entered_at",
                          error);
  if (events == NULL)
    return FALSE;
  bind_text (events, 1, ctx->as_of_next);

  first_entry = g_new0 (char *, f->n_stages + 1);
  while ((rc = sqlite3_step (events)) == SQLITE_ROW)
    {
      gint64 lead = sqlite3_column_int64 (events, 0);
      gint64 stage = sqlite3_column_int64 (events, 1);
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (index_of, &stage));

      if (lead != current_lead)
        {
          if (current_lead >= 0)
            count_lead (f, first_entry, quarter_start, quarter_end_next);
          for (guint i = 0; i < f->n_stages; i++)
            g_clear_pointer (&first_entry[i], g_free);
          current_lead = lead;
        }
      if (index > 0 && first_entry[index - 1] == NULL)
        first_entry[index - 1] = g_strdup ((const char *) sqlite3_column_text (events, 2));
    }
  if (current_lead >= 0)
    count_lead (f, first_entry, quarter_start, quarter_end_next);
  for (guint i = 0; i < f->n_stages; i++)
    g_free (first_entry[i]);
  if (rc != SQLITE_DONE)
    {
      rd_db_set_error (ctx->db, error, NULL);
      return FALSE;
    }

  for (guint i = 0; i + 1 < f->n_stages; i++)
    {
      f->stages[i].conversion_quarter = ratio (f->stages[i + 1].entered_quarter, f->stages[i].entered_quarter);
      f->stages[i].conversion_all_time = ratio (f->stages[i + 1].entered_all_time, f->stages[i].entered_all_time);
    }
  if (f->n_stages > 0)
    {
      f->overall_quarter = ratio (f->stages[f->n_stages - 1].entered_quarter, f->stages[0].entered_quarter);
      f->overall_all_time = ratio (f->stages[f->n_stages - 1].entered_all_time, f->stages[0].entered_all_time);
    }
  return TRUE;
}

/* --------------------------------------------------------------------- aging */

static double
median_of_sorted (const GArray *days)
{
  guint n = days->len;

  if (n % 2 == 1)
    return g_array_index (days, double, n / 2);
  return (g_array_index (days, double, n / 2 - 1) + g_array_index (days, double, n / 2)) / 2.0;
}

static gboolean
compute_aging (Ctx             *ctx,
               RdSummaryAging  *a,
               GError         **error)
{
  g_autoptr(sqlite3_stmt) stages = NULL;
  g_autoptr(sqlite3_stmt) deals = NULL;
  g_autoptr(GArray) list = g_array_new (FALSE, TRUE, sizeof (RdAgingStageFigures));
  int rc;

  stages = rd_db_prepare (ctx->db,
                          "SELECT id, name, ifnull(max_days, 0) FROM stages"
                          " WHERE kind = 'deal' AND NOT is_won AND NOT is_lost ORDER BY position, id",
                          error);
  if (stages == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stages)) == SQLITE_ROW)
    {
      RdAgingStageFigures s = { 0 };

      s.stage_id = sqlite3_column_int64 (stages, 0);
      s.name = g_strdup ((const char *) sqlite3_column_text (stages, 1));
      s.max_days = sqlite3_column_int (stages, 2);
      g_array_append_val (list, s);
    }
  a->n_stages = list->len;
  a->stages = (RdAgingStageFigures *) (gpointer) g_array_free (g_steal_pointer (&list), FALSE);
  if (rc != SQLITE_DONE)
    {
      rd_db_set_error (ctx->db, error, NULL);
      return FALSE;
    }

  /* Days since entry, sorted within each stage so the median is a lookup. */
  deals = rd_db_prepare (ctx->db,
                         "SELECT stage_id, amount_cents,"
                         "       CAST (julianday (?1) - julianday (date (stage_entered_at)) AS INTEGER) AS days"
                         " FROM opportunities WHERE status = 'open' AND created_at < ?2 AND stage_id IS NOT NULL"
                         " ORDER BY stage_id, days",
                         error);
  if (deals == NULL)
    return FALSE;
  bind_text (deals, 1, ctx->as_of);
  bind_text (deals, 2, ctx->as_of_next);

  for (guint i = 0; i < a->n_stages; i++)
    {
      RdAgingStageFigures *s = &a->stages[i];
      g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (double));

      sqlite3_reset (deals);
      /* One pass per stage keeps this simple; open deals are few. */
      while ((rc = sqlite3_step (deals)) == SQLITE_ROW)
        {
          double d;

          if (sqlite3_column_int64 (deals, 0) != s->stage_id)
            continue;
          s->open_deals++;
          s->amount_cents += sqlite3_column_int64 (deals, 1);
          if (sqlite3_column_type (deals, 2) == SQLITE_NULL)
            continue;
          d = sqlite3_column_double (deals, 2);
          g_array_append_val (days, d);
          if (s->max_days > 0 && d > s->max_days)
            {
              s->stalled++;
              s->stalled_cents += sqlite3_column_int64 (deals, 1);
            }
        }
      if (rc != SQLITE_DONE)
        {
          rd_db_set_error (ctx->db, error, NULL);
          return FALSE;
        }
      s->has_median = days->len > 0;
      if (s->has_median)
        s->median_days = median_of_sorted (days);
      a->open_deals += s->open_deals;
      a->stalled += s->stalled;
      a->stalled_cents += s->stalled_cents;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ coverage */

static gboolean
compute_coverage_quarter (Ctx                      *ctx,
                          RdCoverageQuarterFigures *c,
                          GError                  **error)
{
  g_autoptr(sqlite3_stmt) cats = NULL;
  g_autoptr(sqlite3_stmt) open = NULL;
  g_autoptr(GArray) list = g_array_new (FALSE, TRUE, sizeof (RdCoverageCategoryFigures));
  char from[11], to[11];
  gint64 won_deals;
  int rc;

  if (!query_company_quota (ctx, &c->quarter, &c->quota_cents, &c->has_quota, error) ||
      !query_won (ctx, &c->quarter, &won_deals, &c->won_cents, error))
    return FALSE;

  cats = rd_db_prepare (ctx->db,
                        "SELECT id, name, counts_toward_coverage FROM forecast_categories ORDER BY position, id",
                        error);
  if (cats == NULL)
    return FALSE;
  while ((rc = sqlite3_step (cats)) == SQLITE_ROW)
    {
      RdCoverageCategoryFigures cat = { 0 };

      cat.category_id = sqlite3_column_int64 (cats, 0);
      cat.name = g_strdup ((const char *) sqlite3_column_text (cats, 1));
      cat.counts_toward_coverage = sqlite3_column_int (cats, 2) != 0;
      g_array_append_val (list, cat);
    }
  if (rc != SQLITE_DONE)
    {
      rd_db_set_error (ctx->db, error, NULL);
      return FALSE;
    }

  /* A deal's category is its override, else its stage's default. */
  open = rd_db_prepare (ctx->db,
                        "SELECT ifnull (o.category_override_id, s.forecast_category_id) AS cat,"
                        "       count(*), sum(o.amount_cents)"
                        " FROM opportunities o LEFT JOIN stages s ON s.id = o.stage_id"
                        " WHERE o.status = 'open' AND o.created_at < ?3 AND o.close_date BETWEEN ?1 AND ?2"
                        " GROUP BY cat",
                        error);
  if (open == NULL)
    return FALSE;
  format_date (&c->quarter.start, from);
  format_date (&c->quarter.end, to);
  bind_text (open, 1, from);
  bind_text (open, 2, to);
  bind_text (open, 3, ctx->as_of_next);
  while ((rc = sqlite3_step (open)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_type (open, 0) == SQLITE_NULL ? 0 : sqlite3_column_int64 (open, 0);
      RdCoverageCategoryFigures *cat = NULL;

      for (guint i = 0; i < list->len && cat == NULL; i++)
        if (g_array_index (list, RdCoverageCategoryFigures, i).category_id == id)
          cat = &g_array_index (list, RdCoverageCategoryFigures, i);
      if (cat == NULL)
        {
          RdCoverageCategoryFigures none = { 0 };

          /* Translated by the view; core keeps no UI strings. */
          none.name = g_strdup ("");
          g_array_append_val (list, none);
          cat = &g_array_index (list, RdCoverageCategoryFigures, list->len - 1);
        }
      cat->open_deals += sqlite3_column_int64 (open, 1);
      cat->amount_cents += sqlite3_column_int64 (open, 2);
      c->open_deals += sqlite3_column_int64 (open, 1);
      c->open_cents += sqlite3_column_int64 (open, 2);
      if (cat->counts_toward_coverage)
        c->qualified_cents += sqlite3_column_int64 (open, 2);
    }
  c->n_categories = list->len;
  c->categories = (RdCoverageCategoryFigures *) (gpointer) g_array_free (g_steal_pointer (&list), FALSE);
  if (rc != SQLITE_DONE)
    {
      rd_db_set_error (ctx->db, error, NULL);
      return FALSE;
    }

  c->remaining_cents = MAX (c->quota_cents - c->won_cents, 0);
  c->quota_met = c->has_quota && c->quota_cents > 0 && c->won_cents >= c->quota_cents;
  if (c->quota_met)
    c->coverage = (RdRatio) { 0.0, FALSE };
  else
    c->coverage = ratio (c->qualified_cents, c->remaining_cents);
  c->gap_cents = c->quota_met ? 0 : (gint64) (c->target * (double) c->remaining_cents + 0.5) - c->qualified_cents;
  return TRUE;
}

/* ----------------------------------------------------------------- retention */

static int
month_index (const char *month)   /* "2026-09" -> months since year 0 */
{
  return (int) g_ascii_strtoll (month, NULL, 10) * 12 + (int) g_ascii_strtoll (month + 5, NULL, 10) - 1;
}

typedef struct
{
  gint64   values[13];      /* MRR in the month before the window, then its twelve months */
  gboolean active_before;   /* MRR > 0 in some month before the window */
} AccountMonths;

static void
add_movements (RdSummaryRetention  *r,
               const AccountMonths *acc)
{
  gboolean ever = acc->active_before || acc->values[0] > 0;

  r->start_arr_cents += 12 * acc->values[0];
  r->end_arr_cents += 12 * acc->values[12];
  for (int t = 1; t <= 12; t++)
    {
      gint64 before = acc->values[t - 1], now = acc->values[t];

      if (before == 0 && now > 0)
        {
          if (ever)
            r->reactivation_cents += 12 * now;
          else
            {
              r->new_cents += 12 * now;
              r->new_accounts++;
            }
        }
      else if (before > 0 && now == 0)
        {
          r->churn_cents += 12 * before;
          r->churned_accounts++;
        }
      else if (now > before)
        r->expansion_cents += 12 * (now - before);
      else if (now < before)
        r->contraction_cents += 12 * (before - now);
      ever = ever || now > 0;
    }
}

static gboolean
compute_retention (Ctx                *ctx,
                   const GDate        *as_of,
                   RdSummaryRetention *r,
                   GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GDate start = *as_of, horizon = *as_of;
  char horizon_text[11];
  AccountMonths acc = { { 0 }, FALSE };
  gint64 current = -1;
  gint64 row[3];
  int first, rc;

  g_date_set_day (&start, 1);
  g_date_subtract_months (&start, 12);
  format_month (&start, r->start_month);
  format_month (as_of, r->end_month);
  first = month_index (r->start_month);

  /* Every MRR row up to the as-of month, account by account. Months without
   * a row are 0, so a gap inside the window is a churn and a return. */
  stmt = rd_db_prepare (ctx->db,
                        "SELECT account_id, month, mrr_cents FROM mrr WHERE month <= ?1 ORDER BY account_id, month",
                        error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, r->end_month);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 account = sqlite3_column_int64 (stmt, 0);
      int m = month_index ((const char *) sqlite3_column_text (stmt, 1)) - first;
      gint64 cents = sqlite3_column_int64 (stmt, 2);

      if (account != current)
        {
          if (current >= 0)
            add_movements (r, &acc);
          memset (&acc, 0, sizeof acc);
          current = account;
        }
      if (m < 0)
        acc.active_before = acc.active_before || cents > 0;
      else if (m <= 12)
        acc.values[m] = cents;
    }
  if (current >= 0)
    add_movements (r, &acc);
  if (rc != SQLITE_DONE)
    {
      rd_db_set_error (ctx->db, error, NULL);
      return FALSE;
    }

  g_date_add_days (&horizon, 90);
  format_date (&horizon, horizon_text);
  if (!query_row (ctx,
                  "SELECT count(*), ifnull(sum(amount_cents), 0), ifnull(sum(owner_id IS NULL), 0)"
                  " FROM renewals WHERE status = 'open' AND renewal_date >= ?1 AND renewal_date < ?2",
                  ctx->as_of, horizon_text, NULL, row, 3, error))
    return FALSE;
  r->renewals_90d = row[0];
  r->renewals_90d_cents = row[1];
  r->renewals_90d_no_owner = row[2];
  return TRUE;
}

/* ------------------------------------------------------------------- quality */

/* Lower case, letters and digits only, single spaces: "ACME, Inc." -> "acme inc". */
static char *
normalise_name (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append_unichar (out, c);
          space = FALSE;
        }
      else if (g_unichar_isspace (c))
        space = TRUE;
    }
  return g_string_free (out, FALSE);
}

static void
count_key (GHashTable *counts,
           char       *key)   /* taken */
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

  g_hash_table_replace (counts, key, GUINT_TO_POINTER (n + 1));
}

static gboolean
compute_quality (Ctx              *ctx,
                 RdSummaryQuality *q,
                 GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) domains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);   /* name, domain per account */
  gint64 row[2];
  int rc;

  if (!query_row (ctx,
                  "SELECT count(*), ifnull(sum(email IS NULL OR trim(email) = '' OR segment_id IS NULL), 0)"
                  " FROM leads WHERE +created_at < ?1",   /* a plain scan beats the date index here */
                  ctx->as_of_next, NULL, NULL, row, 2, error))
    return FALSE;
  q->leads = row[0];
  q->leads_missing_field = row[1];

  stmt = rd_db_prepare (ctx->db,
                        "SELECT name, lower (trim (domain)) FROM accounts WHERE created_at < ?1",
                        error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, ctx->as_of_next);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *domain = (const char *) sqlite3_column_text (stmt, 1);
      char *name = normalise_name ((const char *) sqlite3_column_text (stmt, 0));

      g_ptr_array_add (keys, name);
      g_ptr_array_add (keys, domain && *domain ? g_strdup (domain) : NULL);
      if (*name)
        count_key (names, g_strdup (name));
      if (domain && *domain)
        count_key (domains, g_strdup (domain));
    }
  if (rc != SQLITE_DONE)
    {
      rd_db_set_error (ctx->db, error, NULL);
      return FALSE;
    }
  q->accounts = keys->len / 2;
  for (guint i = 0; i < keys->len; i += 2)
    {
      const char *name = keys->pdata[i], *domain = keys->pdata[i + 1];

      if ((*name && GPOINTER_TO_UINT (g_hash_table_lookup (names, name)) > 1) ||
          (domain && GPOINTER_TO_UINT (g_hash_table_lookup (domains, domain)) > 1))
        q->duplicate_accounts++;
    }

  /* Crossed by the as-of, not accepted by then, and past the handoff's SLA. */
  if (!query_row (ctx,
                  "SELECT count(*) FROM handoff_events e JOIN handoffs h ON h.id = e.handoff_id"
                  " WHERE e.crossed_at < ?1 AND (e.accepted_at IS NULL OR e.accepted_at >= ?1)"
                  "   AND julianday (e.crossed_at) + h.sla_hours / 24.0 < julianday (?1)",
                  ctx->as_of_next, NULL, NULL, row, 1, error))
    return FALSE;
  q->open_sla_misses = row[0];
  return TRUE;
}

/* ---------------------------------------------------------------- the whole */

static gboolean
read_settings (Ctx        *ctx,
               RdSummary  *summary,
               double     *coverage_target,
               GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = rd_db_prepare (ctx->db,
                        "SELECT fiscal_year_start_month, coverage_target FROM settings WHERE id = 1",
                        error);
  if (stmt == NULL)
    return FALSE;
  summary->overview.fiscal_year_start_month = 1;
  *coverage_target = 3.0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      summary->overview.fiscal_year_start_month = CLAMP (sqlite3_column_int (stmt, 0), 1, 12);
      *coverage_target = sqlite3_column_double (stmt, 1);
    }
  return TRUE;
}

/**
 * rd_summary_compute:
 * @ws: an open workspace
 *
 * Computes the headline figures of every view for the workspace's as-of date.
 * An empty workspace gives zero counts and undefined ratios.
 *
 * Returns: (transfer full) (nullable): the figures, or %NULL with @error set
 */
RdSummary *
rd_summary_compute (RdWorkspace  *ws,
                    GError      **error)
{
  g_autoptr(RdSummary) summary = g_new0 (RdSummary, 1);
  g_autoptr(GDate) as_of = NULL;
  RdSummaryOverview *o = &summary->overview;
  GDate next_day;
  double target;
  Ctx ctx;

  g_return_val_if_fail (RD_IS_WORKSPACE (ws), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ctx.db = _rd_workspace_get_db (ws);
  as_of = rd_workspace_dup_as_of (ws);
  next_day = *as_of;
  g_date_add_days (&next_day, 1);
  format_date (as_of, ctx.as_of);
  format_date (&next_day, ctx.as_of_next);

  o->company_name = rd_workspace_dup_company_name (ws);
  if (o->company_name == NULL)
    o->company_name = g_strdup ("");
  o->currency = rd_workspace_dup_currency (ws);
  o->as_of = *as_of;
  o->as_of_pinned = rd_workspace_is_as_of_pinned (ws);
  format_month (as_of, o->month);

  if (!read_settings (&ctx, summary, &target, error))
    return NULL;
  rd_fiscal_quarter_for_date (&o->quarter, as_of, o->fiscal_year_start_month);

  summary->coverage.current.quarter = o->quarter;
  summary->coverage.current.target = target;
  rd_fiscal_quarter_next (&summary->coverage.next.quarter, &o->quarter, o->fiscal_year_start_month);
  summary->coverage.next.target = target;

  /* One read transaction, so every figure sees the same state of the file. */
  if (!rd_db_exec (ctx.db, "SAVEPOINT rd_summary", error))
    return NULL;
  if (!compute_overview (&ctx, o, error) ||
      !compute_funnel (&ctx, &o->quarter, &summary->funnel, error) ||
      !compute_aging (&ctx, &summary->aging, error) ||
      !compute_coverage_quarter (&ctx, &summary->coverage.current, error) ||
      !compute_coverage_quarter (&ctx, &summary->coverage.next, error) ||
      !compute_retention (&ctx, as_of, &summary->retention, error) ||
      !compute_quality (&ctx, &summary->quality, error))
    {
      rd_db_exec (ctx.db, "ROLLBACK TO rd_summary; RELEASE rd_summary", NULL);
      return NULL;
    }
  rd_db_exec (ctx.db, "RELEASE rd_summary", NULL);

  return g_steal_pointer (&summary);
}

static void
clear_coverage_quarter (RdCoverageQuarterFigures *c)
{
  for (guint i = 0; i < c->n_categories; i++)
    g_free (c->categories[i].name);
  g_free (c->categories);
}

void
rd_summary_free (RdSummary *summary)
{
  if (summary == NULL)
    return;

  g_free (summary->overview.company_name);
  g_free (summary->overview.currency);
  for (guint i = 0; i < summary->funnel.n_stages; i++)
    g_free (summary->funnel.stages[i].name);
  g_free (summary->funnel.stages);
  for (guint i = 0; i < summary->aging.n_stages; i++)
    g_free (summary->aging.stages[i].name);
  g_free (summary->aging.stages);
  clear_coverage_quarter (&summary->coverage.current);
  clear_coverage_quarter (&summary->coverage.next);
  g_free (summary);
}
