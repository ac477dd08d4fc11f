/* rd-metrics-change.c — pipeline change between two dates (a bridge)
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * metrics.md, "Pipeline change between two dates". For deals whose close
 * date, as it stood at A or at B, lies in the filter's period:
 *
 *   start + new + pulled in + increased − won − lost − pushed out − decreased = end
 *
 * A = filter->change_from, else the period start; B = filter->change_to,
 * else the period end, and never after the as-of date (nothing recorded
 * later may count). The pipeline "at A" is the state at the start of day A
 * (the end of the day before), the pipeline "at B" the state at the end of
 * day B, so the default window covers every change made in the period up to
 * as-of.
 *
 * A deal's state at a time T is rebuilt from the histories: its stage is
 * the stage-history entry entered last at or before T (an entry is left when
 * the next one is entered); its close date and amount are the new value of
 * the last change at or before T, else the old value of its first change,
 * else the stored value (as the deal_at state of rd-metrics.c). A deal not
 * yet created at T, or without a stage entry by T, is not in the pipeline.
 * A deal with no change of any kind after T (last_change_at ≤ T) is in its
 * stored state, and one whose stored stage was entered by T was in that
 * stage at T, so the histories are replayed only for deals changed after A;
 * with RD_METRICS_REPLAY set the derived columns are not trusted and every
 * deal is replayed (the tests compare both).
 *
 * in A = open at A with its close date at A in the period (counts in start);
 * in B = open at B with its close date at B in the period (counts in end).
 * Each deal's whole change, amount at B × in B − amount at A × in A, goes to
 * ONE cause, tried in the order of metrics.md — new, pulled in, increased,
 * won, lost, pushed out, decreased — so the bridge adds up exactly:
 *   - not in A, in B, and not open at A (created after A, or — rare —
 *     closed at A and reopened by B)                     → new, amount at B;
 *   - not in A, in B, open at A with its close date then outside the period
 *     (moved into the period)                              → pulled in, amount at B;
 *   - in A and in B, amount at B above amount at A         → increased, by the difference;
 *   - in A, not in B, won at B                             → won, amount at A;
 *   - in A, not in B, lost at B                            → lost, amount at A;
 *   - in A, not in B, still open (close date moved out of the period,
 *     later or earlier)                                    → pushed out, amount at A;
 *   - in A and in B, amount at B below amount at A         → decreased, by the difference.
 * One cause per deal means a deal won between A and B counts in "won" at
 * the amount it had in the pipeline at A (an amount change before the win
 * is part of the same single change); its booked amount is in the drill's
 * amount_b column and in coverage.closed_won. A deal neither in A nor in B
 * (created and closed between them, or never closing in the period)
 * changes nothing and is not listed. Sums are integer cents; change.check
 * is the bridge's remainder and is 0 by construction.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "rd-metrics-private.h"
#include "rd-workspace-private.h"

typedef struct
{
  char      a[11];          /* dates, as given */
  char      b[11];
  char      ta[20];         /* the last moment before day A */
  char      tb[20];         /* the end of day B */
  gboolean  valid;
  char     *reason;
} Window;

static void
window_clear (Window *w)
{
  g_free (w->reason);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Window, window_clear)

static void
window_resolve (RdMetricsCtx *ctx,
                Window       *w)
{
  const RdFilter *f = ctx->filter;
  GDate day;
  int y, m, d;

  memset (w, 0, sizeof *w);
  g_strlcpy (w->a, f->change_from[0] ? f->change_from : f->period_start, sizeof w->a);
  if (f->change_to[0])
    g_strlcpy (w->b, f->change_to, sizeof w->b);
  else
    g_strlcpy (w->b, strcmp (f->period_end, f->as_of) < 0 ? f->period_end : f->as_of, sizeof w->b);
  if (strcmp (w->b, f->as_of) > 0)
    g_strlcpy (w->b, f->as_of, sizeof w->b);

  if (strcmp (w->a, w->b) > 0)
    {
      w->reason = g_strdup_printf (_("the change window runs from %s to %s: its start is after its end "
                                     "(the end is never after the as-of date %s)"), w->a, w->b, f->as_of);
      return;
    }

  sscanf (w->a, "%d-%d-%d", &y, &m, &d);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, d, m, y);
  g_date_subtract_days (&day, 1);
  g_snprintf (w->ta, sizeof w->ta, "%04d-%02d-%02d 23:59:59",
              g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day));
  g_snprintf (w->tb, sizeof w->tb, "%s 23:59:59", w->b);
  w->valid = TRUE;
}

/* --------------------------------------------------------------- the query */

/* Adds a parameter without using it yet; returns its number. */
static guint
declare_text (RdQuery    *q,
              const char *value)
{
  g_ptr_array_add (q->params, g_variant_ref_sink (g_variant_new_string (value)));
  return q->params->len;
}

/* Appends a reference to parameter @n (a number, never a value). */
static void
ref (RdQuery *q,
     guint    n)
{
  g_string_append_printf (q->sql, "?%u", n);
}

/* Appends the stage, close date and amount of deal "o" at time ?@t as
 * stage_@x, close_@x and cents_@x. */
static void
append_state (RdQuery    *q,
              guint       t,
              const char *x,
              gboolean    fast)
{
  /* stage */
  rd_query_append (q, " CASE WHEN o.created_at > ");
  ref (q, t);
  rd_query_append (q, " THEN NULL");
  if (fast)
    {
      /* The stored stage was entered by T: no later entry exists. */
      rd_query_append (q, " WHEN o.stage_entered_at <= ");
      ref (q, t);
      rd_query_append (q, " THEN o.stage_id");
    }
  rd_query_append (q, " ELSE (SELECT h.stage_id FROM opportunity_stage_history h WHERE h.opportunity_id = o.id"
                      " AND h.entered_at <= ");
  ref (q, t);
  g_string_append_printf (q->sql, " ORDER BY h.entered_at DESC, h.id DESC LIMIT 1) END AS stage_%s,", x);

  /* close date (not needed before the deal exists) */
  rd_query_append (q, " CASE WHEN o.created_at > ");
  ref (q, t);
  rd_query_append (q, " THEN o.close_date");
  if (fast)
    {
      rd_query_append (q, " WHEN o.last_change_at <= ");
      ref (q, t);
      rd_query_append (q, " THEN o.close_date");
    }
  rd_query_append (q, " WHEN NOT EXISTS (SELECT 1 FROM close_date_changes c WHERE c.opportunity_id = o.id)"
                      " THEN o.close_date ELSE coalesce ((SELECT c.new_date FROM close_date_changes c"
                      " WHERE c.opportunity_id = o.id AND c.changed_at <= ");
  ref (q, t);
  rd_query_append (q, " ORDER BY c.changed_at DESC, c.id DESC LIMIT 1),"
                      " (SELECT c.old_date FROM close_date_changes c WHERE c.opportunity_id = o.id"
                      " ORDER BY c.changed_at, c.id LIMIT 1), o.close_date)");
  g_string_append_printf (q->sql, " END AS close_%s,", x);

  /* amount */
  rd_query_append (q, " CASE WHEN o.created_at > ");
  ref (q, t);
  rd_query_append (q, " THEN o.amount_cents");
  if (fast)
    {
      rd_query_append (q, " WHEN o.last_change_at <= ");
      ref (q, t);
      rd_query_append (q, " THEN o.amount_cents");
    }
  rd_query_append (q, " WHEN NOT EXISTS (SELECT 1 FROM amount_changes a WHERE a.opportunity_id = o.id)"
                      " THEN o.amount_cents ELSE coalesce ((SELECT a.new_cents FROM amount_changes a"
                      " WHERE a.opportunity_id = o.id AND a.changed_at <= ");
  ref (q, t);
  rd_query_append (q, " ORDER BY a.changed_at DESC, a.id DESC LIMIT 1),"
                      " (SELECT a.old_cents FROM amount_changes a WHERE a.opportunity_id = o.id"
                      " ORDER BY a.changed_at, a.id LIMIT 1), o.amount_cents)");
  g_string_append_printf (q->sql, " END AS cents_%s", x);
}

/* Every deal in the pipeline at A or at B, one row each, with its state at
 * both times and its cause ("br"); then " SELECT " @select " FROM br WHERE
 * (in_a OR in_b)" @where, and @tail. The drill-down and the numbers use
 * this one query. */
static RdQuery *
change_query (RdMetricsCtx *ctx,
              const Window *w,
              const char   *select,
              const char   *where,
              const char   *tail)
{
  RdQuery *q = rd_query_new ("WITH cand (id) AS (SELECT o.id FROM opportunities o WHERE o.close_date BETWEEN ");
  gboolean fast = g_getenv ("RD_METRICS_REPLAY") == NULL;
  guint ps = declare_text (q, ctx->filter->period_start);
  guint pe = declare_text (q, ctx->filter->period_end);
  guint ta = declare_text (q, w->ta);
  guint tb = declare_text (q, w->tb);

  /* Candidates: deals whose stored close date is in the period, or that
   * had it in the period before a change (index-only reads). */
  ref (q, ps);
  rd_query_append (q, " AND ");
  ref (q, pe);
  rd_metrics_filter_sql (ctx, q, "o", TRUE, TRUE);
  rd_query_append (q, " UNION SELECT c.opportunity_id FROM close_date_changes c WHERE c.old_date BETWEEN ");
  ref (q, ps);
  rd_query_append (q, " AND ");
  ref (q, pe);
  rd_query_append (q, " OR c.new_date BETWEEN ");
  ref (q, ps);
  rd_query_append (q, " AND ");
  ref (q, pe);
  /* Each state is computed once per deal (not once per use below). */
  rd_query_append (q, "),"
                      " st AS MATERIALIZED (SELECT o.id,");
  append_state (q, ta, "a", fast);
  rd_query_append (q, ",");
  append_state (q, tb, "b", fast);
  rd_query_append (q, " FROM cand JOIN opportunities o ON o.id = cand.id WHERE o.created_at <= ");
  ref (q, tb);
  rd_metrics_filter_sql (ctx, q, "o", TRUE, TRUE);
  rd_query_append (q, "),"
    " fl AS (SELECT st.*, sa.name AS stage_a_name, sb.name AS stage_b_name,"
    "  CASE WHEN sa.id IS NOT NULL AND NOT sa.is_won AND NOT sa.is_lost THEN 1 ELSE 0 END AS open_a,"
    "  CASE WHEN sb.id IS NOT NULL AND NOT sb.is_won AND NOT sb.is_lost THEN 1 ELSE 0 END AS open_b,"
    "  ifnull (sb.is_won, 0) AS won_b, ifnull (sb.is_lost, 0) AS lost_b"
    "  FROM st LEFT JOIN stages sa ON sa.id = st.stage_a LEFT JOIN stages sb ON sb.id = st.stage_b),"
    " io AS (SELECT fl.*, CASE WHEN open_a AND close_a BETWEEN ");
  ref (q, ps);
  rd_query_append (q, " AND ");
  ref (q, pe);
  rd_query_append (q, " THEN 1 ELSE 0 END AS in_a, CASE WHEN open_b AND close_b BETWEEN ");
  ref (q, ps);
  rd_query_append (q, " AND ");
  ref (q, pe);
  rd_query_append (q, " THEN 1 ELSE 0 END AS in_b FROM fl),"
    " ca AS (SELECT io.*, CASE"
    "  WHEN in_b AND NOT in_a THEN CASE WHEN open_a THEN 'pulled_in' ELSE 'new' END"
    "  WHEN in_a AND in_b THEN CASE WHEN cents_b > cents_a THEN 'increased'"
    "                               WHEN cents_b < cents_a THEN 'decreased' END"
    "  WHEN in_a THEN CASE WHEN won_b THEN 'won' WHEN lost_b THEN 'lost' ELSE 'pushed_out' END"
    "  END AS cause FROM io),"
    " br AS (SELECT ca.*, CASE cause"
    "  WHEN 'new' THEN cents_b WHEN 'pulled_in' THEN cents_b"
    "  WHEN 'increased' THEN cents_b - cents_a WHEN 'decreased' THEN cents_a - cents_b"
    "  WHEN 'won' THEN cents_a WHEN 'lost' THEN cents_a WHEN 'pushed_out' THEN cents_a"
    "  ELSE 0 END AS change_cents FROM ca)"
    " SELECT ");
  rd_query_append (q, select);
  rd_query_append (q, " FROM br WHERE (in_a OR in_b)");
  if (where)
    rd_query_append (q, where);
  if (tail)
    rd_query_append (q, tail);
  return q;
}

/* --------------------------------------------------------------- aggregate */

/* agg_deal_states: each deal's states as intervals [valid_from, valid_to)
 * (valid_to NULL: still in force): status (open, won, lost), close date,
 * amount and filter columns, so that the state at a time is a range lookup.
 * Close date and amount follow the rule of append_state: the last change
 * at or before the interval's start, else the first change's old value,
 * else the stored value; an open interval is cut at every change inside it.
 *
 * Most deals are "simple": open from their creation or first entry until
 * a single closing entry (or still open), never reopened. Such a deal has
 * only its open span (one interval, or one per close-date or amount change
 * in it), each row carrying the span (span_from, span_to) and the status it
 * closed with, so the bridge reads their state at any time from the rows it
 * scans. Every other deal gets an interval per stage-history entry (from
 * the deal's creation if it was entered earlier, to its exit), open or not,
 * and the bridge looks its state up. Triggers mark the deals a write
 * touches; refresh recomputes them. */
#define STATES_INSERT(HIST, CHANGED) \
  "INSERT INTO agg_deal_states (opportunity_id, valid_from, valid_to, status, close_date, amount_cents," \
  "  simple, span_from, span_to, span_status, segment_id, region_id, owner_id, channel_id)" \
  " WITH dl AS MATERIALIZED (SELECT did, sf, fc, cst," \
  "   lo IS NOT NULL AND (fc IS NULL OR (lo < fc AND nc = 1 AND fc > sf)) AS simple FROM" \
  "   (SELECT h.opportunity_id AS did, max (min (CASE WHEN s.is_won OR s.is_lost THEN NULL ELSE h.entered_at END)," \
  "      (SELECT o.created_at FROM opportunities o WHERE o.id = h.opportunity_id)) AS sf," \
  "    min (CASE WHEN s.is_won OR s.is_lost THEN h.entered_at END) AS fc," \
  "    max (CASE WHEN s.is_won OR s.is_lost THEN NULL ELSE h.entered_at END) AS lo," \
  "    sum (s.is_won OR s.is_lost) AS nc, max (CASE WHEN s.is_won THEN 'won' WHEN s.is_lost THEN 'lost' END) AS cst" \
  "    FROM " HIST " JOIN stages s ON s.id = h.stage_id GROUP BY h.opportunity_id))," \
  " bnd AS (SELECT did, sf AS vf, fc AS vt, 'open' AS st, " CHANGED " AS cut, 1 AS simple, sf, fc AS sto, cst" \
  "   FROM dl WHERE simple" \
  "   UNION ALL SELECT did, max (h.entered_at, o.created_at), h.exited_at," \
  "   CASE WHEN s.is_won THEN 'won' WHEN s.is_lost THEN 'lost' ELSE 'open' END," \
  "   CASE WHEN s.is_won OR s.is_lost THEN 0 ELSE " CHANGED " END, 0, NULL, NULL, NULL" \
  "   FROM dl CROSS JOIN opportunity_stage_history h ON h.opportunity_id = dl.did JOIN stages s ON s.id = h.stage_id" \
  "   JOIN opportunities o ON o.id = dl.did" \
  "   WHERE NOT dl.simple AND (h.exited_at IS NULL OR h.exited_at > max (h.entered_at, o.created_at)))," \
  " cuts AS (SELECT did, vf AS t, vt, st, simple, sf, sto, cst FROM bnd WHERE cut" \
  "   UNION SELECT b.did, c.changed_at, b.vt, b.st, b.simple, b.sf, b.sto, b.cst FROM bnd b" \
  "     JOIN close_date_changes c ON c.opportunity_id = b.did" \
  "     AND c.changed_at > b.vf AND (b.vt IS NULL OR c.changed_at < b.vt) WHERE b.cut" \
  "   UNION SELECT b.did, a.changed_at, b.vt, b.st, b.simple, b.sf, b.sto, b.cst FROM bnd b" \
  "     JOIN amount_changes a ON a.opportunity_id = b.did" \
  "     AND a.changed_at > b.vf AND (b.vt IS NULL OR a.changed_at < b.vt) WHERE b.cut)," \
  " iv AS (SELECT did, vf, vt, st, NULL AS cd, NULL AS am, simple, sf, sto, cst FROM bnd WHERE NOT cut" \
  "   UNION ALL SELECT k.did, k.t," \
  "     coalesce ((SELECT min (x.at) FROM (SELECT c.changed_at AS at FROM close_date_changes c" \
  "                 WHERE c.opportunity_id = k.did AND c.changed_at > k.t UNION ALL SELECT a.changed_at" \
  "                 FROM amount_changes a WHERE a.opportunity_id = k.did AND a.changed_at > k.t) x" \
  "               WHERE k.vt IS NULL OR x.at < k.vt), k.vt), k.st," \
  "     coalesce ((SELECT c.new_date FROM close_date_changes c WHERE c.opportunity_id = k.did AND c.changed_at <= k.t" \
  "                ORDER BY c.changed_at DESC, c.id DESC LIMIT 1)," \
  "               (SELECT c.old_date FROM close_date_changes c WHERE c.opportunity_id = k.did" \
  "                ORDER BY c.changed_at, c.id LIMIT 1))," \
  "     coalesce ((SELECT a.new_cents FROM amount_changes a WHERE a.opportunity_id = k.did AND a.changed_at <= k.t" \
  "                ORDER BY a.changed_at DESC, a.id DESC LIMIT 1)," \
  "               (SELECT a.old_cents FROM amount_changes a WHERE a.opportunity_id = k.did" \
  "                ORDER BY a.changed_at, a.id LIMIT 1))," \
  "     k.simple, k.sf, k.sto, k.cst FROM cuts k)" \
  " SELECT iv.did, iv.vf, iv.vt, iv.st, coalesce (iv.cd, o.close_date), coalesce (iv.am, o.amount_cents)," \
  "  iv.simple, iv.sf, iv.sto, iv.cst, o.segment_id, o.region_id, o.owner_id, o.channel_id" \
  " FROM iv JOIN opportunities o ON o.id = iv.did;"

#define STATES_MARK(ID) "INSERT OR IGNORE INTO agg_deal_states_dirty VALUES (" ID ");"

static const RdAggregate deal_states_agg = {
  "deal_states", 4,
  "CREATE TABLE agg_deal_states (opportunity_id INTEGER NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT,"
  "  status TEXT NOT NULL, close_date TEXT NOT NULL, amount_cents INTEGER NOT NULL, simple INTEGER NOT NULL,"
  "  span_from TEXT, span_to TEXT, span_status TEXT,"
  "  segment_id INTEGER, region_id INTEGER, owner_id INTEGER, channel_id INTEGER);"
  "CREATE TABLE agg_deal_states_dirty (opportunity_id INTEGER PRIMARY KEY);"
  "CREATE TRIGGER agg_deal_states_h_ins AFTER INSERT ON opportunity_stage_history BEGIN "
  STATES_MARK ("NEW.opportunity_id") " END;"
  "CREATE TRIGGER agg_deal_states_h_del AFTER DELETE ON opportunity_stage_history BEGIN "
  STATES_MARK ("OLD.opportunity_id") " END;"
  "CREATE TRIGGER agg_deal_states_h_upd AFTER UPDATE ON opportunity_stage_history BEGIN "
  STATES_MARK ("OLD.opportunity_id") STATES_MARK ("NEW.opportunity_id") " END;"
  "CREATE TRIGGER agg_deal_states_c_ins AFTER INSERT ON close_date_changes BEGIN "
  STATES_MARK ("NEW.opportunity_id") " END;"
  "CREATE TRIGGER agg_deal_states_c_del AFTER DELETE ON close_date_changes BEGIN "
  STATES_MARK ("OLD.opportunity_id") " END;"
  "CREATE TRIGGER agg_deal_states_c_upd AFTER UPDATE ON close_date_changes BEGIN "
  STATES_MARK ("OLD.opportunity_id") STATES_MARK ("NEW.opportunity_id") " END;"
  "CREATE TRIGGER agg_deal_states_a_ins AFTER INSERT ON amount_changes BEGIN "
  STATES_MARK ("NEW.opportunity_id") " END;"
  "CREATE TRIGGER agg_deal_states_a_del AFTER DELETE ON amount_changes BEGIN "
  STATES_MARK ("OLD.opportunity_id") " END;"
  "CREATE TRIGGER agg_deal_states_a_upd AFTER UPDATE ON amount_changes BEGIN "
  STATES_MARK ("OLD.opportunity_id") STATES_MARK ("NEW.opportunity_id") " END;"
  "CREATE TRIGGER agg_deal_states_o_del AFTER DELETE ON opportunities BEGIN " STATES_MARK ("OLD.id") " END;"
  "CREATE TRIGGER agg_deal_states_o_upd AFTER UPDATE OF id, created_at, close_date, amount_cents, segment_id,"
  "  region_id, owner_id, channel_id ON opportunities BEGIN " STATES_MARK ("OLD.id") STATES_MARK ("NEW.id") " END;"
  "CREATE TRIGGER agg_deal_states_s_upd AFTER UPDATE OF id, is_won, is_lost ON stages BEGIN "
  STATES_MARK ("-1") " END;",
  STATES_INSERT ("opportunity_stage_history h",
                 "did IN (SELECT opportunity_id FROM close_date_changes UNION ALL SELECT opportunity_id FROM amount_changes)")
  /* The indexes are made once the table is full (rebuild always follows
   * create). */
  "CREATE INDEX agg_deal_states_by_close ON agg_deal_states (status, close_date, valid_from, valid_to, amount_cents,"
  "  segment_id, region_id, owner_id, channel_id, opportunity_id, simple, span_from, span_to, span_status);"
  "CREATE INDEX agg_deal_states_by_deal ON agg_deal_states (opportunity_id, valid_from, valid_to, status);",
  /* Joins start from the dirty keys (CROSS JOIN keeps that order), so a
   * write costs what it touched; the mark -1 brings in every deal. */
  "INSERT OR IGNORE INTO agg_deal_states_dirty SELECT o.id FROM agg_deal_states_dirty m"
  "  CROSS JOIN opportunities o WHERE m.opportunity_id = -1;"
  "DELETE FROM agg_deal_states WHERE opportunity_id IN (SELECT opportunity_id FROM agg_deal_states_dirty);"
  STATES_INSERT ("agg_deal_states_dirty d CROSS JOIN opportunity_stage_history h ON h.opportunity_id = d.opportunity_id",
                 "(EXISTS (SELECT 1 FROM close_date_changes c WHERE c.opportunity_id = did)"
                 " OR EXISTS (SELECT 1 FROM amount_changes a WHERE a.opportunity_id = did))")
  "DELETE FROM agg_deal_states_dirty;",
};

/* One side of the bridge from agg_deal_states: the deals open at time ?@t
 * with their close date then in the period, and their amount then. */
static void
append_side (RdMetricsCtx *ctx,
             RdQuery      *q,
             const char   *name,
             guint         ps,
             guint         pe,
             guint         t)
{
  g_string_append_printf (q->sql, "%s (id, cents, simple, sf, sto, cst, vf, vt) AS MATERIALIZED (SELECT x.opportunity_id,"
                                  " x.amount_cents, x.simple, x.span_from, x.span_to, x.span_status, x.valid_from,"
                                  " x.valid_to FROM agg_deal_states x"
                                  " WHERE x.status = 'open' AND x.close_date BETWEEN ", name);
  ref (q, ps);
  rd_query_append (q, " AND ");
  ref (q, pe);
  rd_query_append (q, " AND x.valid_from <= ");
  ref (q, t);
  rd_query_append (q, " AND (x.valid_to IS NULL OR x.valid_to > ");
  ref (q, t);
  rd_query_append (q, ")");
  rd_metrics_filter_sql (ctx, q, "x", TRUE, TRUE);
  rd_query_append (q, ")");
}

/* The sums per cause of compute's change_query, from agg_deal_states.
 * Most deals need only their row on one side:
 *   - a row of A still in force at B: in both, unchanged (no cause);
 *   - a simple deal of A whose span ended by B: closed, as its span says;
 *   - a simple deal of B whose span began after A: new.
 * The others (changed while open, or not simple) are grouped by deal: one
 * only in B was pulled in when it was open at A, else it is new; one only
 * in A went to the status it had at B (looked up when not simple). */
static RdQuery *
states_query (RdMetricsCtx *ctx,
              const Window *w)
{
  RdQuery *q = rd_query_new ("WITH ");
  guint ps = declare_text (q, ctx->filter->period_start);
  guint pe = declare_text (q, ctx->filter->period_end);
  guint ta = declare_text (q, w->ta);
  guint tb = declare_text (q, w->tb);

  append_side (ctx, q, "a", ps, pe, ta);
  rd_query_append (q, ", ");
  append_side (ctx, q, "b", ps, pe, tb);
  rd_query_append (q, ", ab AS (SELECT id, max (ca) AS cents_a, max (cb) AS cents_b, max (simple) AS simple,"
                      " max (sf) AS sf, max (sto) AS sto, max (cst) AS cst FROM"
                      " (SELECT id, cents AS ca, NULL AS cb, simple, sf, sto, cst FROM a WHERE vt <= ");
  ref (q, tb);
  rd_query_append (q, " AND NOT (simple AND ifnull (sto <= ");
  ref (q, tb);
  rd_query_append (q, ", 0)) UNION ALL SELECT id, NULL, cents, simple, sf, sto, cst FROM b WHERE vf > ");
  ref (q, ta);
  rd_query_append (q, " AND NOT (simple AND sf > ");
  ref (q, ta);
  rd_query_append (q, ")) GROUP BY id),"
                      " ca AS MATERIALIZED (SELECT ab.*, CASE WHEN cents_a IS NULL THEN CASE WHEN CASE WHEN simple"
                      "  THEN sf <= ");
  ref (q, ta);
  rd_query_append (q, " ELSE EXISTS (SELECT 1 FROM agg_deal_states y WHERE y.opportunity_id = ab.id AND y.valid_from <= ");
  ref (q, ta);
  rd_query_append (q, " AND (y.valid_to IS NULL OR y.valid_to > ");
  ref (q, ta);
  rd_query_append (q, ") AND y.status = 'open') END THEN 'pulled_in' ELSE 'new' END"
                      " WHEN cents_b IS NOT NULL THEN CASE WHEN cents_b > cents_a THEN 'increased'"
                      "  WHEN cents_b < cents_a THEN 'decreased' END"
                      " WHEN simple THEN CASE WHEN sto <= ");
  ref (q, tb);
  rd_query_append (q, " THEN cst ELSE 'pushed_out' END"
                      " ELSE coalesce ((SELECT CASE y.status WHEN 'open' THEN 'pushed_out' ELSE y.status END"
                      "  FROM agg_deal_states y WHERE y.opportunity_id = ab.id AND y.valid_from <= ");
  ref (q, tb);
  rd_query_append (q, " AND (y.valid_to IS NULL OR y.valid_to > ");
  ref (q, tb);
  rd_query_append (q, ")), 'pushed_out') END AS cause FROM ab),"
                      " rows (cause, cents_a, cents_b, change) AS ("
                      "  SELECT cause, ifnull (cents_a, 0), ifnull (cents_b, 0), CASE cause"
                      "   WHEN 'new' THEN cents_b WHEN 'pulled_in' THEN cents_b"
                      "   WHEN 'increased' THEN cents_b - cents_a WHEN 'decreased' THEN cents_a - cents_b"
                      "   WHEN 'won' THEN cents_a WHEN 'lost' THEN cents_a WHEN 'pushed_out' THEN cents_a"
                      "   ELSE 0 END FROM ca"
                      "  UNION ALL SELECT NULL, cents, cents, 0 FROM a WHERE vt IS NULL OR vt > ");
  ref (q, tb);
  rd_query_append (q, "  UNION ALL SELECT cst, cents, 0, cents FROM a WHERE vt <= ");
  ref (q, tb);
  rd_query_append (q, " AND simple AND sto <= ");   /* NULL: still open, not taken */
  ref (q, tb);
  rd_query_append (q, "  UNION ALL SELECT 'new', 0, cents, cents FROM b WHERE vf > ");
  ref (q, ta);
  rd_query_append (q, " AND simple AND sf > ");
  ref (q, ta);
  rd_query_append (q, ") SELECT cause, sum (cents_a), sum (cents_b), sum (change) FROM rows GROUP BY cause");
  return q;
}

#define ROW_COLUMNS \
  "br.id, o.name, acc.name AS account, own.name AS owner, o.created_at," \
  " br.stage_a_name AS stage_a, br.stage_b_name AS stage_b, br.close_a AS close_date_a, br.close_b AS close_date_b," \
  " br.cents_a / 100.0 AS amount_a, br.cents_b / 100.0 AS amount_b, br.in_a, br.in_b," \
  " ifnull (br.cause, 'unchanged') AS cause, "

/* The rows of one id: the deals with their state at A and B and their
 * cause, "amount" being what the deal adds to that number. */
static RdQuery *
row_query (RdMetricsCtx *ctx,
           const Window *w,
           const char   *id)
{
  static const char *causes[] = { "new", "pulled_in", "increased", "won", "lost", "pushed_out", "decreased" };
  RdQuery *q = NULL;

  /* Joins for names sit inside the select list's FROM: build as a wrapper. */
  if (g_str_equal (id, "change.start"))
    q = change_query (ctx, w, "br.*, br.cents_a AS metric_cents", " AND in_a", NULL);
  else if (g_str_equal (id, "change.end"))
    q = change_query (ctx, w, "br.*, br.cents_b AS metric_cents", " AND in_b", NULL);
  else
    for (guint i = 0; i < G_N_ELEMENTS (causes); i++)
      if (g_str_has_prefix (id, "change.") && g_str_equal (id + 7, causes[i]))
        {
          q = change_query (ctx, w, "br.*, br.change_cents AS metric_cents", " AND cause = ", NULL);
          rd_query_add_text (q, causes[i]);
          break;
        }
  if (q == NULL)
    return NULL;

  g_string_prepend (q->sql, "SELECT " ROW_COLUMNS "br.metric_cents / 100.0 AS amount FROM (");
  rd_query_append (q, ") br JOIN opportunities o ON o.id = br.id LEFT JOIN accounts acc ON acc.id = o.account_id"
                      " LEFT JOIN people own ON own.id = o.owner_id ORDER BY br.close_b, br.id");
  q->sum_column = g_strdup ("amount");
  q->sum_scale = 1.0;
  return q;
}

/* ------------------------------------------------------------------ compute */

typedef struct
{
  const char *id;
  const char *label;
  const char *formula;
  int         sign;     /* how it enters the bridge */
} Part;

static const Part parts[] = {
  { "change.start", N_("Pipeline at start"),
    N_("sum of amounts of deals open at the start of day A with their close date then in the period"), 0 },
  { "change.new", N_("New"),
    N_("amount at B of deals in the pipeline at B that were not open at A (created after A, or reopened)"), 1 },
  { "change.pulled_in", N_("Pulled in"),
    N_("amount at B of deals open at A with a close date outside the period, moved into it by B"), 1 },
  { "change.increased", N_("Increased"),
    N_("amount at B − amount at A of deals in the pipeline at both dates whose amount went up"), 1 },
  { "change.won", N_("Won"),
    N_("amount at A of deals in the pipeline at A that were won by B"), -1 },
  { "change.lost", N_("Lost"),
    N_("amount at A of deals in the pipeline at A that were lost by B"), -1 },
  { "change.pushed_out", N_("Pushed out"),
    N_("amount at A of deals in the pipeline at A, still open at B with a close date moved out of the period"), -1 },
  { "change.decreased", N_("Decreased"),
    N_("amount at A − amount at B of deals in the pipeline at both dates whose amount went down"), -1 },
  { "change.end", N_("Pipeline at end"),
    N_("sum of amounts of deals open at the end of day B with their close date then in the period"), 0 },
};

static gboolean
compute (RdMetricsCtx  *ctx,
         GError       **error)
{
  g_auto(Window) w = { 0 };
  g_autoptr(RdQuery) q = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *note = NULL;
  gint64 start = 0, end = 0, by_cause[G_N_ELEMENTS (parts)] = { 0 }, check;
  RdMetric *m;
  int rc;

  window_resolve (ctx, &w);
  note = g_strdup_printf (_("from the start of %s (A) to the end of %s (B), deals closing in %s"),
                          w.a, w.b, ctx->filter->period_key);

  if (w.valid)
    {
      /* The summary table when it is up to date; the records when a
       * write left it unrefreshed, or to check it (RD_METRICS_REPLAY). */
      if (g_getenv ("RD_METRICS_REPLAY") == NULL &&
          rd_db_query_int (ctx->db, "SELECT EXISTS (SELECT 1 FROM agg_deal_states_dirty)", 1) == 0)
        q = states_query (ctx, &w);
      else
        q = change_query (ctx, &w, "cause, sum (in_a * cents_a), sum (in_b * cents_b), sum (change_cents)",
                          NULL, " GROUP BY cause");
      stmt = rd_metrics_prepare (ctx, q, error);
      if (stmt == NULL)
        return FALSE;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *cause = (const char *) sqlite3_column_text (stmt, 0);

          start += sqlite3_column_int64 (stmt, 1);
          end += sqlite3_column_int64 (stmt, 2);
          for (guint i = 1; cause && i + 1 < G_N_ELEMENTS (parts); i++)
            if (g_str_equal (parts[i].id + 7, cause))
              by_cause[i] += sqlite3_column_int64 (stmt, 3);
        }
      if (rc != SQLITE_DONE)
        {
          rd_db_set_error (ctx->db, error, NULL);
          return FALSE;
        }
    }
  by_cause[0] = start;
  by_cause[G_N_ELEMENTS (parts) - 1] = end;

  check = start - end;
  for (guint i = 1; i + 1 < G_N_ELEMENTS (parts); i++)
    check += parts[i].sign * by_cause[i];

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      m = rd_metrics_add (ctx, parts[i].id, NULL, _(parts[i].label), RD_UNIT_MONEY);
      rd_metric_set_formula (m, _(parts[i].formula));
      m->note = g_strdup (note);
      m->drillable = TRUE;
      if (w.valid)
        rd_metric_set_value (m, by_cause[i] / 100.0);
      else
        rd_metric_set_undefined (m, w.reason);
    }

  m = rd_metrics_add (ctx, "change.check", NULL, _("Bridge check"), RD_UNIT_MONEY);
  rd_metric_set_formula (m, _("start + new + pulled in + increased − won − lost − pushed out − decreased − end, "
                              "in whole cents: always 0, each deal's change having one cause"));
  m->note = g_strdup (note);
  if (w.valid)
    rd_metric_set_value (m, check / 100.0);
  else
    rd_metric_set_undefined (m, w.reason);
  return TRUE;
}

static RdQuery *
drill (RdMetricsCtx  *ctx,
       const char    *id,
       const char    *bucket,
       GError       **error)
{
  g_auto(Window) w = { 0 };
  RdQuery *q;

  window_resolve (ctx, &w);
  if (bucket == NULL && !g_str_equal (id, "change.check") && !w.valid)
    {
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID, "%s", w.reason);
      return NULL;
    }
  q = bucket == NULL ? row_query (ctx, &w, id) : NULL;
  if (q == NULL && bucket)
    g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                 _("The metric “%s” has no buckets."), id);
  else if (q == NULL)
    g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                 _("There is no metric “%s”, or it has no list of records."), id);
  return q;
}

static const RdAggregate *const aggregates[] = { &deal_states_agg, NULL };

const RdMetricGroup rd_metrics_change_group = { "change", compute, drill, aggregates };
