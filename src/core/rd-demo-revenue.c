/* rd-demo-revenue.c — the demo company's revenue, plans and snapshots
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Derived from the records rd-demo-records.c built:
 * - MRR per customer and month, from 2023-08 to the as-of month: a won deal
 *   starts (or expands) a customer, and month to month revenue expands,
 *   contracts, churns at a contract anniversary and now and then comes back.
 *   Customers from before the generated period are scaled so the company
 *   lands near 1.25 million dollars of MRR (15 million ARR) at the default
 *   scale, in proportion at others.
 * - renewals: every anniversary (renewed or churned) and the next open one;
 * - quotas for the eight quarters and the two after, by company, segment and
 *   account executive, the parts adding up to the whole;
 * - weekly forecast submissions converging on the quarter's result;
 * - marketing and sales spend by month and channel;
 * - weekly pipeline snapshots, aggregated in memory while walking each
 *   deal's history once.
 */

#include "config.h"

#include <math.h>

#include "rd-demo-private.h"
#include "rd-workspace-private.h"

enum { RNG_QUOTAS = 100, RNG_FORECASTS, RNG_SPEND, RNG_RENEWAL_OWNERS, RNG_ACCOUNT_BASE = 1000 };

#define MRR_FIRST_MONTH (2023 * 12 + 7)      /* 2023-08 */
#define N_QUARTERS      10                   /* eight in the window, two ahead */
#define N_PAST_QUARTERS 8
#define MAX_WEEKS       15

static int
as_of_month (void)
{
  return rd_demo_month_of_day (rd_demo_as_of_day ());
}

static int
first_quarter (void)
{
  return rd_demo_fiscal_quarter (rd_demo_window_first_day ());
}

static gint64
round_to (double cents, double step)
{
  return (gint64) (round (cents / step) * step);
}

/* ====================================================================== MRR */

typedef struct
{
  int *start;     /* per account: first index into list */
  int *list;      /* won deals, by account, in order of closing */
} WonIndex;

static void
index_won_deals (RdDemo *d, WonIndex *w)
{
  guint n_acc = d->accounts->len;
  int *fill = g_new0 (int, n_acc + 1);

  w->start = g_new0 (int, n_acc + 1);
  for (guint i = 0; i < d->opps->len; i++)
    if (RD_DEMO_OPP (d, i)->status == 1)
      w->start[RD_DEMO_OPP (d, i)->account + 1]++;
  for (guint a = 0; a < n_acc; a++)
    w->start[a + 1] += w->start[a];
  w->list = g_new (int, MAX (w->start[n_acc], 1));
  for (guint i = 0; i < d->opps->len; i++)
    {
      const RdDemoOpp *o = RD_DEMO_OPP (d, i);
      if (o->status == 1)
        w->list[w->start[o->account] + fill[o->account]++] = i;
    }
  /* A customer has a handful of deals: insertion sort by close time. */
  for (guint a = 0; a < n_acc; a++)
    for (int k = w->start[a] + 1; k < w->start[a + 1]; k++)
      for (int j = k; j > w->start[a] &&
           RD_DEMO_OPP (d, w->list[j])->close_time < RD_DEMO_OPP (d, w->list[j - 1])->close_time; j--)
        {
          int t = w->list[j];
          w->list[j] = w->list[j - 1];
          w->list[j - 1] = t;
        }
  g_free (fill);
}

/* One run over an account's months. MRR is f * p + q: p is the calibrated
 * part (customers from before the period), q the part that comes from deals,
 * and every movement scales both, so the path is linear in f and a first
 * run can choose f. With statements set, the second run writes rows. */
typedef struct
{
  double        f;
  RdDemoBatch    *mrr, *renewal;     /* NULL while measuring */
  RdDemoRng       owner_rng;
  double        end_p, end_q;     /* at the as-of month, if active */
  gboolean      active;
  gint64        mrr_total;
  guint         customers;
} PathRun;

static gint64
mrr_cents (PathRun *run, double p, double q)
{
  return MAX (100, round_to (run->f * p + q, 100));
}

static gboolean
emit_renewal (RdDemo *d, PathRun *run, int account, gint32 day, gint64 amount, const char *status,
              gboolean may_lack_owner, GError **error)
{
  int owner = RD_DEMO_ACCOUNT (d, account)->csm;

  if (run->renewal == NULL)
    return TRUE;
  if (may_lack_owner && rd_demo_rng_chance (&run->owner_rng, 0.1))
    owner = -1;
  rd_demo_batch_int (run->renewal, 1, account + 1);
  rd_demo_batch_date (run->renewal, 2, day);
  rd_demo_batch_int (run->renewal, 3, amount);
  rd_demo_batch_id (run->renewal, 4, owner + 1);
  rd_demo_batch_text (run->renewal, 5, status);
  return rd_demo_batch_row (run->renewal, error);
}

static gboolean
emit_mrr (PathRun *run, int account, int month, gint64 cents, GError **error)
{
  char buf[8];

  if (run->mrr == NULL)
    return TRUE;
  rd_demo_format_month (month, buf);
  rd_demo_batch_int (run->mrr, 1, account + 1);
  rd_demo_batch_text (run->mrr, 2, buf);
  rd_demo_batch_int (run->mrr, 3, cents);
  return rd_demo_batch_row (run->mrr, error);
}

static gint32
anniversary (gint32 contract_day, int month)
{
  int y, m, dd;

  rd_demo_civil_from_days (contract_day, &y, &m, &dd);
  return rd_demo_day_of_month (month, MIN (dd, 28));
}

static gboolean
account_path (RdDemo *d, PathRun *run, int account, const int *won, int n_won, GError **error)
{
  static const double churn_p[N_SEG] = { 0.18, 0.12, 0.07 };
  const RdDemoAccount *a = RD_DEMO_ACCOUNT (d, account);
  int end_m = as_of_month ();
  int last_deal_m = a->last_deal_day == G_MININT32 ? -1 : rd_demo_month_of_day (a->last_deal_day);
  int start_m, contract_m, back_m = -1, k = 0;
  gint32 contract_day;
  double p, q, back_ratio = 1, held_p = 0, held_q = 0;
  gboolean active = TRUE;
  RdDemoRng r;

  run->active = FALSE;
  if (a->preexisting)
    {
      contract_day = a->start_day;
      p = a->base_mrr;
      q = 0;
    }
  else if (n_won > 0)
    {
      contract_day = RD_DEMO_OPP (d, won[0])->close_day;
      p = 0;
      q = RD_DEMO_OPP (d, won[0])->amount / 12.0;
      k = 1;
    }
  else
    return TRUE;
  start_m = contract_m = rd_demo_month_of_day (contract_day);
  rd_demo_rng_init (&r, d->seed, RNG_ACCOUNT_BASE + (guint64) account);

  for (int m = start_m; m <= end_m; m++)
    {
      if (!active)
        {
          if (m != back_m)
            continue;
          /* Reactivation: back on a new contract, smaller than before. */
          active = TRUE;
          p = held_p * back_ratio;
          q = held_q * back_ratio;
          contract_m = m;
          contract_day = anniversary (contract_day, m);
        }
      else if (m > start_m)
        {
          double x = rd_demo_rng_double (&r), change = rd_demo_rng_range (&r, 0.05, 0.3);

          if (x < 0.036)
            {
              /* Seats added (2.2 % of months) or removed (1.4 %). */
              double factor = x < 0.022 ? 1 + change : 1 - change;
              p *= factor;
              q *= factor;
            }
          if ((m - contract_m) % 12 == 0)
            {
              gint32 day = anniversary (contract_day, m);
              gint64 amount = 12 * mrr_cents (run, p, q);
              gboolean churn = m >= MRR_FIRST_MONTH && m > last_deal_m && rd_demo_rng_chance (&r, churn_p[a->segment]);

              if (m >= MRR_FIRST_MONTH && day <= rd_demo_as_of_day () &&
                  !emit_renewal (d, run, account, day, amount, churn ? "churned" : "renewed", FALSE, error))
                return FALSE;
              if (churn)
                {
                  active = FALSE;
                  held_p = p;
                  held_q = q;
                  if (rd_demo_rng_chance (&r, 0.2))
                    {
                      back_m = m + rd_demo_rng_int (&r, 3, 9);
                      back_ratio = rd_demo_rng_range (&r, 0.5, 0.9);
                    }
                  continue;
                }
            }
        }
      /* Won expansion deals add their annual amount from the month they close. */
      while (k < n_won && rd_demo_month_of_day (RD_DEMO_OPP (d, won[k])->close_day) <= m)
        q += RD_DEMO_OPP (d, won[k++])->amount / 12.0;
      if (m >= MRR_FIRST_MONTH && !emit_mrr (run, account, m, mrr_cents (run, p, q), error))
        return FALSE;
    }

  if (active)
    {
      gint32 next = 0;

      run->active = TRUE;
      run->end_p = p;
      run->end_q = q;
      run->mrr_total += mrr_cents (run, p, q);
      run->customers++;
      for (int m = contract_m + 12; next <= rd_demo_as_of_day (); m += 12)
        next = anniversary (contract_day, m);
      if (!emit_renewal (d, run, account, next, 12 * mrr_cents (run, p, q), "open",
                         next <= rd_demo_as_of_day () + 90, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_mrr (RdDemo *d, GError **error)
{
  double target = 125000000.0 * d->scale, sum_p = 0, sum_q = 0;
  PathRun run = { .f = 1.0 };
  RdDemoBatch mrr = { 0 }, renewal = { 0 };
  WonIndex w;
  gboolean ok;

  index_won_deals (d, &w);

  /* First run: how much revenue the deals alone leave at the as-of month. */
  for (guint a = 0; a < d->accounts->len; a++)
    {
      account_path (d, &run, a, w.list + w.start[a], w.start[a + 1] - w.start[a], NULL);
      if (run.active)
        {
          sum_p += run.end_p;
          sum_q += run.end_q;
        }
    }
  run.f = sum_p > 0 ? CLAMP ((target - sum_q) / sum_p, 0.3, 3.0) : 1.0;
  run.mrr_total = 0;
  run.customers = 0;

  ok = rd_demo_batch_init (&mrr, d->db, "mrr", "account_id, month, mrr_cents", error) &&
       rd_demo_batch_init (&renewal, d->db, "renewals", "account_id, renewal_date, amount_cents, owner_id, status", error);
  run.mrr = &mrr;
  run.renewal = &renewal;
  rd_demo_rng_init (&run.owner_rng, d->seed, RNG_RENEWAL_OWNERS);
  for (guint a = 0; ok && a < d->accounts->len; a++)
    ok = account_path (d, &run, a, w.list + w.start[a], w.start[a + 1] - w.start[a], error);
  ok = ok && rd_demo_batch_finish (&mrr, error) && rd_demo_batch_finish (&renewal, error);
  rd_demo_batch_clear (&mrr);
  rd_demo_batch_clear (&renewal);
  d->summary = g_strdup_printf ("%u customers, MRR %.0f at the as-of date (base revenue scaled by %.2f)",
                                run.customers, run.mrr_total / 100.0, run.f);

  g_free (w.start);
  g_free (w.list);
  return ok;
}

/* =================================================================== quotas */

/* Bookings per quarter, segment and owner: closed-won, and for the current
 * quarter the won so far plus the open deals weighted by their stage. */
typedef struct
{
  double  seg[N_QUARTERS][N_SEG];
  double  won_so_far[N_SEG];     /* closed-won in the current quarter */
  double *owner;                 /* [person * N_QUARTERS + quarter] */
  double  quota_seg[N_QUARTERS][N_SEG];
} Bookings;

static void
count_bookings (RdDemo *d, Bookings *b)
{
  int q0 = first_quarter (), current = rd_demo_fiscal_quarter (rd_demo_as_of_day ()) - q0;

  b->owner = g_new0 (double, d->people->len * N_QUARTERS);
  for (guint i = 0; i < d->opps->len; i++)
    {
      const RdDemoOpp *o = RD_DEMO_OPP (d, i);
      int q = rd_demo_fiscal_quarter (o->close_day) - q0;
      double amount;
      int owner;

      if (q < 0 || q >= N_QUARTERS || o->status == 2)
        continue;
      if (o->status == 1)
        {
          amount = o->amount;
          if (q == current)
            b->won_so_far[o->segment] += amount;
        }
      else if (q == current)
        amount = o->amount * d->ds_probability[o->hist_stage[o->n_hist - 1]];
      else
        continue;
      owner = rd_demo_final_owner (d, o->owner, o->status ? o->close_time : rd_demo_as_of_end ());
      b->seg[q][o->segment] += amount;
      if (owner >= 0)
        b->owner[owner * N_QUARTERS + q] += amount;
    }
}

static gboolean
ae_active_in (RdDemo *d, int person, int quarter)
{
  const RdDemoPerson *p = RD_DEMO_PERSON (d, person);
  gint32 mid = rd_demo_quarter_first_day (quarter) + 45;

  return p->team == TEAM_AE && p->start_day <= mid && mid < p->end_day;
}

static gboolean
write_quota (RdDemoBatch *b, int quarter, const char *scope, gint64 segment, gint64 owner,
             gint64 amount, GError **error)
{
  char period[8];

  rd_demo_format_quarter (quarter, period);
  rd_demo_batch_text (b, 1, period);
  rd_demo_batch_text (b, 2, scope);
  rd_demo_batch_id (b, 3, segment);
  rd_demo_batch_id (b, 4, owner);
  rd_demo_batch_int (b, 5, amount);
  return rd_demo_batch_row (b, error);
}

/* Past quarters' plans follow the bookings trend (a three-quarter average
 * with some noise); plans from the current quarter on come from the four
 * quarters before it. Each segment's plan is split evenly among its account
 * executives. */
static gboolean
write_quotas (RdDemo *d, Bookings *b, GError **error)
{
  int q0 = first_quarter (), current = rd_demo_fiscal_quarter (rd_demo_as_of_day ()) - q0;
  RdDemoBatch batch;
  gboolean ok;
  RdDemoRng r;

  ok = rd_demo_batch_init (&batch, d->db, "quotas", "period, scope, segment_id, owner_id, amount_cents", error);
  rd_demo_rng_init (&r, d->seed, RNG_QUOTAS);
  for (int q = 0; ok && q < N_QUARTERS; q++)
    {
      gint64 company = 0;

      for (int s = 0; ok && s < N_SEG; s++)
        {
          double plan = 0;
          int n = 0, n_ae = 0;

          if (q < current)
            {
              for (int k = MAX (q - 1, 0); k <= MIN (q + 1, current - 1); k++, n++)
                plan += b->seg[k][s];
              plan = plan / n * rd_demo_rng_range (&r, 0.92, 1.08);
            }
          else
            {
              /* Set from the four quarters before this one, plus 10 %, and
               * 6 % more for each quarter ahead. Like most, the current
               * quarter is back-loaded: at most 65 % closed with a month to go. */
              for (int k = MAX (current - 4, 0); k < current; k++, n++)
                plan += b->seg[k][s];
              plan = plan / MAX (n, 1) * 1.1 * pow (1.06, q - current);
              if (q == current)
                plan = MAX (plan, b->won_so_far[s] / 0.65);
            }
          b->quota_seg[q][s] = round_to (plan, 500000);
          company += (gint64) b->quota_seg[q][s];
          ok = write_quota (&batch, q0 + q, "segment", d->seg_id[s], 0, (gint64) b->quota_seg[q][s], error);

          for (guint p = 0; p < d->people->len; p++)
            n_ae += ae_active_in (d, p, q0 + q) && RD_DEMO_PERSON (d, p)->segment == s;
          for (guint p = 0; ok && n_ae > 0 && p < d->people->len; p++)
            if (ae_active_in (d, p, q0 + q) && RD_DEMO_PERSON (d, p)->segment == s)
              ok = write_quota (&batch, q0 + q, "owner", 0, p + 1, round_to (b->quota_seg[q][s] / n_ae, 100000), error);
        }
      ok = ok && write_quota (&batch, q0 + q, "company", 0, 0, company, error);
    }
  ok = ok && rd_demo_batch_finish (&batch, error);
  rd_demo_batch_clear (&batch);
  return ok;
}

/* ================================================================ forecasts */

static int
mondays (int quarter, gint32 *days)
{
  gint32 first = rd_demo_quarter_first_day (quarter), next = rd_demo_quarter_first_day (quarter + 1);
  gint32 monday = first + (7 - (first - 4) % 7) % 7;
  int n = 0;

  for (; monday < next && n < MAX_WEEKS; monday += 7)
    days[n++] = monday;
  return n;
}

/* Closed-won so far at each Monday of each quarter: [scope][quarter][week],
 * where scope 0 is the company and 1 + person an owner. */
static double *
closed_by_week (RdDemo *d)
{
  int q0 = first_quarter ();
  guint n_scope = d->people->len + 1;
  double *closed = g_new0 (double, n_scope * N_PAST_QUARTERS * MAX_WEEKS);

  for (guint i = 0; i < d->opps->len; i++)
    {
      const RdDemoOpp *o = RD_DEMO_OPP (d, i);
      int q = rd_demo_fiscal_quarter (o->close_day) - q0, n, owner;
      gint32 days[MAX_WEEKS];

      if (o->status != 1 || q < 0 || q >= N_PAST_QUARTERS)
        continue;
      owner = rd_demo_final_owner (d, o->owner, o->close_time);
      n = mondays (q0 + q, days);
      for (int w = 0; w < n; w++)
        if ((gint64) days[w] * RD_DEMO_DAY > o->close_time)
          {
            closed[(0 * N_PAST_QUARTERS + q) * MAX_WEEKS + w] += o->amount;
            if (owner >= 0)
              closed[((owner + 1) * N_PAST_QUARTERS + q) * MAX_WEEKS + w] += o->amount;
          }
    }
  return closed;
}

static gboolean
write_forecast_rows (RdDemo *d, RdDemoBatch *batch, RdDemoRng *r, int quarter, int owner, double actual,
                     const double *closed, GError **error)
{
  gint32 days[MAX_WEEKS];
  int n = mondays (quarter, days);
  double bias = rd_demo_rng_range (r, -0.55, 0.2);   /* teams sandbag more often than they over-call */
  double upside = rd_demo_rng_range (r, 0.12, 0.3), pipe = rd_demo_rng_range (r, 0.9, 1.6);
  char period[8];

  rd_demo_format_quarter (quarter, period);
  for (int w = 0; w < n && days[w] <= rd_demo_as_of_day (); w++)
    {
      double left = 1.0 - (double) w / n;
      double call = actual * (1 + bias * pow (left, 0.8) + 0.02 * left * rd_demo_rng_normal (r));
      double amounts[N_FC] = { 0 };

      if (owner >= 0 && !(RD_DEMO_PERSON (d, owner)->start_day <= days[w] && days[w] < RD_DEMO_PERSON (d, owner)->end_day))
        continue;
      amounts[FC_CLOSED] = closed[w];
      amounts[FC_COMMIT] = round_to (MAX (0, call - closed[w]), 100000);
      amounts[FC_BEST_CASE] = round_to (actual * upside * pow (left, 0.6), 100000);
      amounts[FC_PIPELINE] = round_to (actual * pipe * left, 100000);
      for (int c = 0; c < N_FC; c++)
        {
          if (c == FC_OMITTED)
            continue;
          rd_demo_batch_text (batch, 1, period);
          rd_demo_batch_date (batch, 2, days[w]);
          rd_demo_batch_id (batch, 3, owner + 1);
          rd_demo_batch_int (batch, 4, d->fc_id[c]);
          rd_demo_batch_int (batch, 5, (gint64) amounts[c]);
          if (!rd_demo_batch_row (batch, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
write_forecasts (RdDemo *d, Bookings *b, GError **error)
{
  g_autofree double *closed = closed_by_week (d);
  int q0 = first_quarter ();
  RdDemoBatch batch;
  gboolean ok;
  RdDemoRng r;

  ok = rd_demo_batch_init (&batch, d->db, "forecast_submissions", "period, week_date, owner_id, category_id, amount_cents",
                        error);
  rd_demo_rng_init (&r, d->seed, RNG_FORECASTS);
  for (int q = 0; ok && q < N_PAST_QUARTERS; q++)
    {
      double actual = b->seg[q][SEG_SMB] + b->seg[q][SEG_MID] + b->seg[q][SEG_ENT];

      ok = write_forecast_rows (d, &batch, &r, q0 + q, -1, actual, closed + q * MAX_WEEKS, error);
      for (guint p = 0; ok && p < d->people->len; p++)
        if (RD_DEMO_PERSON (d, p)->team == TEAM_AE)
          ok = write_forecast_rows (d, &batch, &r, q0 + q, p, b->owner[p * N_QUARTERS + q],
                                    closed + ((p + 1) * N_PAST_QUARTERS + q) * MAX_WEEKS, error);
    }
  ok = ok && rd_demo_batch_finish (&batch, error);
  rd_demo_batch_clear (&batch);
  return ok;
}

/* ==================================================================== spend */

static gboolean
write_spend (RdDemo *d, GError **error)
{
  /* Dollars a month at the default scale, by channel: Inbound (content and
   * search optimisation), Outbound (SDR programmes), Partner, Events, Paid
   * search, Referral (the referral programme). */
  static const double base[N_CH] = { 30000, 70000, 25000, 35000, 60000, 8000 };
  int last = as_of_month ();
  RdDemoBatch batch;
  gboolean ok;
  RdDemoRng r;

  ok = rd_demo_batch_init (&batch, d->db, "spend", "month, channel_id, amount_cents", error);
  rd_demo_rng_init (&r, d->seed, RNG_SPEND);
  for (int m = last - 23; ok && m <= last; m++)
    for (int c = 0; ok && c < N_CH; c++)
      {
        double growth = 1 + 0.025 * (m - last + 23);
        double factor = c == CH_EVENTS ? (rd_demo_rng_chance (&r, 0.35) ? rd_demo_rng_range (&r, 2.0, 3.5)
                                                                     : rd_demo_rng_range (&r, 0.2, 0.6))
                                       : rd_demo_rng_range (&r, 0.85, 1.15);
        char month[8];

        rd_demo_format_month (m, month);
        rd_demo_batch_text (&batch, 1, month);
        rd_demo_batch_int (&batch, 2, d->ch_id[c]);
        rd_demo_batch_int (&batch, 3, round_to (base[c] * 100 * d->scale * growth * factor, 10000));
        ok = rd_demo_batch_row (&batch, error);
      }
  ok = ok && rd_demo_batch_finish (&batch, error);
  rd_demo_batch_clear (&batch);
  return ok;
}

/* ================================================================ snapshots */

typedef struct
{
  guint64 key;
  gint64  count, amount;
} Cell;

/* week (16 bits) | stage (4) | category (4) | segment (4) | region (4) | owner + 1 (32) */
#define CELL_KEY(w, s, c, g, r, o) \
  (((guint64) (w) << 48) | ((guint64) (s) << 44) | ((guint64) (c) << 40) | \
   ((guint64) (g) << 36) | ((guint64) (r) << 32) | (guint64) (guint32) ((o) + 1))

static guint
cell_hash (gconstpointer key)
{
  guint64 k = (guint64) GPOINTER_TO_SIZE (key);

  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdull;
  return (guint) (k ^ (k >> 29));
}

static int
compare_cells (gconstpointer a, gconstpointer b)
{
  guint64 x = ((const Cell *) a)->key, y = ((const Cell *) b)->key;

  return x < y ? -1 : x > y;
}

/* Each Monday of the window, the open deals by stage, category, segment,
 * region and owner, as they stood at 00:00 that day. One pass over every
 * deal's stage visits; a hash table keyed by the slice gathers the sums. */
static gboolean
write_snapshots (RdDemo *d, GError **error)
{
  gint32 first = rd_demo_window_first_day ();
  gint64 monday0 = (gint64) (first + (7 - (first - 4) % 7) % 7) * RD_DEMO_DAY;
  gint64 week = 7 * RD_DEMO_DAY;
  int n_weeks = (int) ((rd_demo_as_of_end () - monday0) / week) + 1;
  GHashTable *cells = g_hash_table_new (cell_hash, g_direct_equal);
  GArray *list = g_array_new (FALSE, FALSE, sizeof (Cell));
  RdDemoBatch batch;
  gboolean ok;

  G_STATIC_ASSERT (sizeof (gpointer) == 8);   /* the 64-bit key is the pointer */

  for (guint i = 0; i < d->opps->len; i++)
    {
      const RdDemoOpp *o = RD_DEMO_OPP (d, i);
      int owner = rd_demo_final_owner (d, o->owner, o->status ? o->close_time : rd_demo_as_of_end ());

      for (int j = 0; j < o->n_hist; j++)
        {
          int stage = o->hist_stage[j];
          gint64 from = o->hist_at[j], to = j + 1 < o->n_hist ? o->hist_at[j + 1] : G_MAXINT64;
          int cat = (j == o->n_hist - 1 && o->override != RD_DEMO_NONE) ? o->override : d->ds_category[stage];
          int w = from <= monday0 ? 0 : (int) ((from - monday0 + week - 1) / week);

          if (stage >= DS_WON)
            continue;
          for (; w < n_weeks && monday0 + w * week < to; w++)
            {
              guint64 key = CELL_KEY (w, stage, cat, o->segment, o->region, owner);
              guint index = GPOINTER_TO_UINT (g_hash_table_lookup (cells, GSIZE_TO_POINTER (key)));
              Cell *cell;

              if (index == 0)
                {
                  Cell fresh = { key, 0, 0 };
                  g_array_append_val (list, fresh);
                  index = list->len;
                  g_hash_table_insert (cells, GSIZE_TO_POINTER (key), GUINT_TO_POINTER (index));
                }
              cell = &g_array_index (list, Cell, index - 1);
              cell->count++;
              cell->amount += rd_demo_opp_amount_at (o, monday0 + w * week);
            }
        }
    }
  g_hash_table_unref (cells);

  g_array_sort (list, compare_cells);
  ok = rd_demo_batch_init (&batch, d->db, "pipeline_snapshots",
                        "week_date, stage_id, category_id, segment_id, region_id, owner_id, deal_count, amount_cents",
                        error);
  for (guint i = 0; ok && i < list->len; i++)
    {
      const Cell *c = &g_array_index (list, Cell, i);
      int owner = (int) (guint32) c->key - 1;

      rd_demo_batch_date (&batch, 1, (gint32) (monday0 / RD_DEMO_DAY) + 7 * (int) (c->key >> 48));
      rd_demo_batch_int (&batch, 2, d->ds_id[(c->key >> 44) & 0xf]);
      rd_demo_batch_int (&batch, 3, d->fc_id[(c->key >> 40) & 0xf]);
      rd_demo_batch_int (&batch, 4, d->seg_id[(c->key >> 36) & 0xf]);
      rd_demo_batch_int (&batch, 5, d->reg_id[(c->key >> 32) & 0xf]);
      rd_demo_batch_id (&batch, 6, owner + 1);
      rd_demo_batch_int (&batch, 7, c->count);
      rd_demo_batch_int (&batch, 8, c->amount);
      ok = rd_demo_batch_row (&batch, error);
    }
  ok = ok && rd_demo_batch_finish (&batch, error);
  rd_demo_batch_clear (&batch);
  g_array_unref (list);
  return ok;
}

/* ==================================================================== entry */

gboolean
rd_demo_write_revenue (RdDemo *d, GError **error)
{
  Bookings *b = g_new0 (Bookings, 1);
  gboolean ok;

  count_bookings (d, b);
  ok = write_mrr (d, error) && rd_demo_phase (d, "mrr and renewals") &&
       write_quotas (d, b, error) &&
       write_forecasts (d, b, error) &&
       write_spend (d, error) && rd_demo_phase (d, "quotas, forecasts, spend") &&
       write_snapshots (d, error) && rd_demo_phase (d, "snapshots");
  g_free (b->owner);
  g_free (b);
  return ok;
}
