/* rd-metrics-funnel.c — the lifecycle funnel: leads reaching each stage, and conversion
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * metrics.md, "Lifecycle funnel". Lifecycle stages are the rows of stages
 * with kind = 'lifecycle', in position order; a lead enters a stage with a
 * row in lead_stage_events. Every number here counts the rows of one record
 * query (one row per lead), and the drill-down lists those very rows.
 *
 * Definitions (where metrics.md is silent, the choice is named here and in
 * the metric's formula text):
 *
 * - Period mode: a lead reaches stage S in the period when it has an event
 *   for S in the period, or when it skipped S and passed it in the period.
 *   A skipped stage is passed at the moment the lead first entered any
 *   later stage, provided it had no event for S at or before that moment
 *   (as HubSpot back-fills "became a … date" of skipped stages with the
 *   time of the later stage). So a lead whose first later-stage entry lies
 *   in an earlier period was counted there, not again now. With events in
 *   time order this is: an event for S in the window, or an event for a
 *   later stage in the window and no event for S or a later stage before
 *   the window starts.
 * - Cohort mode: the cohort is the leads whose first lifecycle event (their
 *   entry into the first stage, or into the earliest stage they reached when
 *   they skipped the first) falls in the period; a cohort lead reaches S when
 *   it has an event for S or a later stage by the as-of date.
 * - Strict mode: a lead reaches S only with an event for S that follows
 *   events for every earlier stage in time order (ties allowed); skipped
 *   stages are not passed. The in-order chain is found greedily: the first
 *   entry into stage 1, then the first entry into stage 2 at or after it, …
 * - The period window ends at the as-of date when the period runs past it;
 *   nothing recorded after the end of the as-of day counts.
 * - A lead is counted once per stage however often it re-entered it; the
 *   drill shows its first entry in the window (or "passed (skipped)").
 * - Filters (segment, region, owner, source) are the lead's own.
 * - The previous period is the period before of the same kind (2026-Q2
 *   for 2026-Q3), computed in the same mode and as of the same date.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rd-agg-funnel.h"
#include "rd-metrics-private.h"
#include "rd-workspace-private.h"

#define SKIPPED_TEXT "passed (skipped)"
#define MAX_STAGES 62     /* a lead's stages are a bit mask in one 64-bit integer */

typedef struct
{
  gint64  id;
  char   *name;
  char   *term_key;   /* glossary key named like the stage ("mql"), or NULL */
} Stage;

typedef struct
{
  char  key[16];          /* "2026-Q3", or "all" */
  char  start[11];        /* first day */
  char  end[11];          /* last day counted: min (period end, as-of) */
  char  start_time[20];
  char  end_time[20];     /* a period starting after as-of has start > end: nothing counts */
} Window;

static void
stage_clear (gpointer data)
{
  Stage *s = data;

  g_free (s->name);
  g_free (s->term_key);
}

static GArray *
load_stages (RdMetricsCtx *ctx,
             GError      **error)
{
  g_autoptr(GArray) stages = g_array_new (FALSE, TRUE, sizeof (Stage));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_array_set_clear_func (stages, stage_clear);
  stmt = rd_db_prepare (ctx->db,
                        "SELECT s.id, s.name, (SELECT t.key FROM terms t WHERE t.key = lower (s.name))"
                        " FROM stages s WHERE s.kind = 'lifecycle' ORDER BY s.position, s.id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Stage s = { sqlite3_column_int64 (stmt, 0),
                  g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
                  g_strdup ((const char *) sqlite3_column_text (stmt, 2)) };
      g_array_append_val (stages, s);
    }
  if (rc != SQLITE_DONE)
    {
      rd_db_set_error (ctx->db, error, NULL);
      return NULL;
    }
  return g_steal_pointer (&stages);
}

#define STAGE(a, i) (&g_array_index ((a), Stage, (i)))

static int
find_stage (GArray     *stages,
            const char *name)
{
  if (name == NULL)
    return -1;
  for (guint i = 0; i < stages->len; i++)
    if (g_ascii_strcasecmp (STAGE (stages, i)->name, name) == 0)
      return (int) i;
  return -1;
}

/* The window of the filter's period (@offset 0) or the one before (-1). */
static gboolean
window_init (RdMetricsCtx *ctx,
             int           offset,
             Window       *w)
{
  const RdFilter *f = ctx->filter;

  memset (w, 0, sizeof *w);
  if (offset == 0)
    {
      g_strlcpy (w->key, f->period_key, sizeof w->key);
      g_strlcpy (w->start, f->period_start, sizeof w->start);
      g_strlcpy (w->end, f->period_end, sizeof w->end);
    }
  else
    {
      g_autofree char *key = NULL;
      RdPeriodKind kind;
      GDate start, end;

      if (f->period_kind == RD_PERIOD_ALL)
        return FALSE;
      key = rd_period_shift (f->period_key, offset);
      if (key == NULL || !rd_period_parse (key, ctx->fiscal_start_month, &kind, &start, &end))
        return FALSE;
      g_strlcpy (w->key, key, sizeof w->key);
      g_snprintf (w->start, sizeof w->start, "%04d-%02d-%02d",
                  g_date_get_year (&start), g_date_get_month (&start), g_date_get_day (&start));
      g_snprintf (w->end, sizeof w->end, "%04d-%02d-%02d",
                  g_date_get_year (&end), g_date_get_month (&end), g_date_get_day (&end));
    }
  if (strcmp (w->end, f->as_of) > 0)
    g_strlcpy (w->end, f->as_of, sizeof w->end);
  g_snprintf (w->start_time, sizeof w->start_time, "%s 00:00:00", w->start);
  g_snprintf (w->end_time, sizeof w->end_time, "%s 23:59:59", w->end);
  return TRUE;
}

/* ------------------------------------------------------------------ queries */

/* Binds the ids of all stages as a list: "?1, ?2, ?3". */
static void
append_ids (RdQuery *q,
            GArray  *stages)
{
  for (guint i = 0; i < stages->len; i++)
    {
      if (i > 0)
        rd_query_append (q, ", ");
      rd_query_add_int (q, STAGE (stages, i)->id);
    }
}

/* "CASE e.stage_id WHEN ?1 THEN 0 WHEN ?2 THEN 1 … END": a stage's rank. */
static void
append_rank (RdQuery    *q,
             GArray     *stages,
             const char *alias)
{
  g_string_append_printf (q->sql, "CASE %s.stage_id", alias);
  for (guint i = 0; i < stages->len; i++)
    {
      rd_query_append (q, " WHEN ");
      rd_query_add_int (q, STAGE (stages, i)->id);
      rd_query_append (q, " THEN ");
      rd_query_add_int (q, i);
    }
  rd_query_append (q, " END");
}

/* "m": the set of stages the rows of @alias (one lead) have events for, as
 * a bit mask (bit k: stage k); DISTINCT makes a re-entered stage count once. */
static void
append_mask (RdQuery    *q,
             GArray     *stages,
             const char *alias)
{
  rd_query_append (q, "sum (DISTINCT 1 << ");
  append_rank (q, stages, alias);
  rd_query_append (q, ") AS m");
}

/* "CASE WHEN p.m >= 16 THEN 4 … WHEN p.m >= 2 THEN 1 ELSE 0 END": the
 * furthest stage in the mask. */
static void
append_top (RdQuery *q,
            GArray  *stages)
{
  /* With a single stage every record is at stage 0. */
  if (stages->len < 2)
    {
      rd_query_append (q, "0");
      return;
    }
  rd_query_append (q, "CASE");
  for (guint i = stages->len - 1; i > 0; i--)
    g_string_append_printf (q->sql, " WHEN p.m >= %" G_GUINT64_FORMAT " THEN %u", (guint64) 1 << i, i);
  rd_query_append (q, " ELSE 0 END");
}

/* "CASE st.k WHEN 0 THEN z.d0 WHEN 1 THEN z.d1 … END" for column prefix @col. */
static void
append_pick (RdQuery    *q,
             GArray     *stages,
             const char *col)
{
  rd_query_append (q, "CASE st.k");
  for (guint i = 0; i < stages->len; i++)
    g_string_append_printf (q->sql, " WHEN %u THEN z.%s%u", i, col, i);
  rd_query_append (q, " END");
}

/* The first entry of the lead in row "p" into stage @j, at or after
 * @after (an SQL expression over p, or NULL) and at or before @until. With
 * @from, also at or after that time: max (from, after). */
static void
append_probe (RdQuery    *q,
              GArray     *stages,
              guint       j,
              const char *from,
              const char *after,
              const char *until)
{
  rd_query_append (q, "(SELECT min (x.entered_at) FROM lead_stage_events x WHERE x.lead_id = p.lead_id"
                      " AND +x.stage_id = ");
  rd_query_add_int (q, STAGE (stages, j)->id);
  if (from && after)
    {
      rd_query_append (q, " AND x.entered_at >= max (");
      rd_query_add_text (q, from);
      g_string_append_printf (q->sql, ", %s)", after);
    }
  else if (from)
    {
      rd_query_append (q, " AND x.entered_at >= ");
      rd_query_add_text (q, from);
    }
  else if (after)
    g_string_append_printf (q->sql, " AND x.entered_at >= %s", after);
  rd_query_append (q, " AND x.entered_at <= ");
  rd_query_add_text (q, until);
  rd_query_append (q, ")");
}

/* Strict mode: layers ch0 … ch(n-1) over the per-lead table @base (which
 * has lead_id, top and, in period mode, the stage mask m), each adding c<j>:
 * the time the lead first passed stages 0 … j in time order by as-of
 * (greedy: its first entry into 0, then its first entry into 1 at or after
 * that, …), computed only as far as the lead got (top). In period mode
 * each layer also adds t<j>: the lead's first entry into j inside the
 * window at or after c<j-1>, the entry that counts for j (stage 0 needs no
 * earlier stage, so bit 0 of m decides it and its time is looked up lazily). */
static void
append_strict_layers (RdMetricsCtx *ctx,
                      RdQuery      *q,
                      GArray       *stages,
                      const Window *w,
                      const char   *base,
                      gboolean      cohort)
{
  for (guint j = 0; j < stages->len; j++)
    {
      g_autofree char *prev_c = j > 0 ? g_strdup_printf ("p.c%u", j - 1) : NULL;

      g_string_append_printf (q->sql, ", ch%u AS MATERIALIZED (SELECT p.*, ", j);

      /* c<j>: in period mode only needed to qualify a later stage. */
      g_string_append_printf (q->sql, cohort ? "CASE WHEN p.top < %u" : "CASE WHEN p.top <= %u", j);
      if (prev_c)
        g_string_append_printf (q->sql, " OR %s IS NULL", prev_c);
      rd_query_append (q, " THEN NULL ELSE ");
      append_probe (q, stages, j, NULL, prev_c, ctx->as_of_end);
      g_string_append_printf (q->sql, " END AS c%u", j);

      if (!cohort && j > 0)
        {
          g_string_append_printf (q->sql, ", CASE WHEN (p.m >> %u) & 1 AND %s IS NOT NULL THEN ", j, prev_c);
          append_probe (q, stages, j, w->start_time, prev_c, w->end_time);
          g_string_append_printf (q->sql, " END AS t%u", j);
        }

      if (j == 0)
        g_string_append_printf (q->sql, " FROM %s p)", base);
      else
        g_string_append_printf (q->sql, " FROM ch%u p)", j - 1);
    }
}

/* Appends the common table expressions that end in
 *   reach (lead_id, stage_id, at, look)
 * one row per lead and stage it reached in window @w, for every lifecycle
 * stage at once. "at" is the entry that counts when the chain of strict
 * mode found it; with "look" set, the drill looks up the lead's first
 * entry into the stage (in the window; by as-of in cohort mode), which
 * counting never does. A row with neither is a skipped stage. */
static void
append_reach (RdMetricsCtx *ctx,
              RdQuery      *q,
              GArray       *stages,
              const Window *w)
{
  const RdFilter *f = ctx->filter;
  guint n = stages->len;

  rd_query_append (q, "st (id, k) AS (VALUES ");
  for (guint i = 0; i < n; i++)
    {
      rd_query_append (q, i ? ", (" : "(");
      rd_query_add_int (q, STAGE (stages, i)->id);
      g_string_append_printf (q->sql, ", %u)", i);
    }
  rd_query_append (q, ")");

  if (f->funnel_mode == RD_FUNNEL_PERIOD)
    {
      /* Per lead with an event in the window: which stages it entered there. */
      rd_query_append (q, ", lw AS MATERIALIZED (SELECT e.lead_id AS lead_id, ");
      append_mask (q, stages, "e");
      rd_query_append (q, " FROM lead_stage_events e WHERE e.stage_id IN (");
      append_ids (q, stages);
      rd_query_appendv (q, ") AND e.entered_at >= ? AND e.entered_at <= ? GROUP BY e.lead_id)",
                        G_TYPE_STRING, w->start_time, G_TYPE_STRING, w->end_time, G_TYPE_INVALID);

      /* top: the furthest stage entered in the window. A stage below it
       * without an entry of its own there was passed in the window when
       * the lead had no event for it or a later stage before the window:
       * "before" is the rank of the furthest stage entered before the
       * window (-1: none), looked up only for leads with such a gap. Not
       * materialized: "before" is then only looked up for the rows (lead,
       * stage) that need it. */
      rd_query_append (q, ", lv AS (SELECT p.*, ");
      append_top (q, stages);
      rd_query_append (q, " AS top");
      if (!f->funnel_strict)
        {
          /* A gap: the mask is not 0 … top without holes. */
          rd_query_append (q, ", CASE WHEN p.m & (p.m + 1) <> 0");
          rd_query_append (q, " THEN ifnull ((SELECT max (");
          append_rank (q, stages, "x");
          rd_query_appendv (q, ") FROM lead_stage_events x WHERE x.lead_id = p.lead_id AND x.entered_at < ?",
                            G_TYPE_STRING, w->start_time, G_TYPE_INVALID);
          rd_query_append (q, " AND x.stage_id IN (");
          append_ids (q, stages);
          rd_query_append (q, ")), -1) ELSE -1 END AS before");
        }
      rd_query_append (q, " FROM lw p)");

      if (f->funnel_strict)
        {
          /* Leads that entered only the first stage in the window count
           * for it alone; the chain is worked out for the others. */
          rd_query_append (q, ", lx AS MATERIALIZED (SELECT * FROM lv WHERE m > 1)");
          append_strict_layers (ctx, q, stages, w, "lx", FALSE);
          rd_query_append (q, ", reach AS (SELECT z.lead_id AS lead_id, st.id AS stage_id, NULL AS at, 1 AS look"
                              " FROM lw z JOIN st ON st.k = 0 WHERE z.m = 1"
                              " UNION ALL SELECT z.lead_id, st.id, CASE st.k WHEN 0 THEN NULL");
          for (guint i = 1; i < n; i++)
            g_string_append_printf (q->sql, " WHEN %u THEN z.t%u", i, i);
          g_string_append_printf (q->sql, " END, st.k = 0 FROM ch%u z JOIN st ON st.k <= z.top"
                                  " WHERE CASE st.k WHEN 0 THEN z.m & 1", n - 1);
          for (guint i = 1; i < n; i++)
            g_string_append_printf (q->sql, " WHEN %u THEN z.t%u IS NOT NULL", i, i);
          rd_query_append (q, " END)");
          return;
        }

      rd_query_append (q, ", reach AS (SELECT z.lead_id AS lead_id, st.id AS stage_id, NULL AS at,"
                          " (z.m >> st.k) & 1 AS look FROM lv z JOIN st ON st.k <= z.top"
                          " WHERE (z.m >> st.k) & 1 OR z.before < st.k)");
      return;
    }

  /* Cohort: leads whose first lifecycle event lies in the window … */
  rd_query_append (q, ", cw AS MATERIALIZED (SELECT e.lead_id AS lead_id FROM lead_stage_events e WHERE e.stage_id IN (");
  append_ids (q, stages);
  rd_query_appendv (q, ") AND e.entered_at >= ? AND e.entered_at <= ? GROUP BY e.lead_id",
                    G_TYPE_STRING, w->start_time, G_TYPE_STRING, w->end_time, G_TYPE_INVALID);
  rd_query_appendv (q, " HAVING NOT EXISTS (SELECT 1 FROM lead_stage_events x WHERE x.lead_id = e.lead_id"
                    " AND x.entered_at < ?", G_TYPE_STRING, w->start_time, G_TYPE_INVALID);
  rd_query_append (q, " AND x.stage_id IN (");
  append_ids (q, stages);
  rd_query_append (q, ")))");

  /* … and the furthest stage each has reached by as-of. */
  rd_query_append (q, ", lw AS MATERIALIZED (SELECT e.lead_id AS lead_id, max (");
  append_rank (q, stages, "e");
  rd_query_append (q, ") AS top FROM cw JOIN lead_stage_events e ON e.lead_id = cw.lead_id AND e.entered_at <= ");
  rd_query_add_text (q, ctx->as_of_end);
  rd_query_append (q, " AND e.stage_id IN (");
  append_ids (q, stages);
  rd_query_append (q, ") GROUP BY e.lead_id)");

  if (f->funnel_strict)
    {
      /* Leads that reached only the first stage passed it; the chain is
       * worked out for the others. */
      rd_query_append (q, ", lx AS MATERIALIZED (SELECT * FROM lw WHERE top > 0)");
      append_strict_layers (ctx, q, stages, w, "lx", TRUE);
      rd_query_append (q, ", reach AS (SELECT z.lead_id AS lead_id, st.id AS stage_id, NULL AS at, 1 AS look"
                          " FROM lw z JOIN st ON st.k = 0 WHERE z.top = 0"
                          " UNION ALL SELECT z.lead_id, st.id, ");
      append_pick (q, stages, "c");
      g_string_append_printf (q->sql, ", 0 FROM ch%u z JOIN st ON st.k <= z.top WHERE ", n - 1);
      append_pick (q, stages, "c");
      rd_query_append (q, " IS NOT NULL)");
      return;
    }

  /* Every stage up to the furthest one reached counts, skipped ones included. */
  rd_query_append (q, ", reach AS (SELECT z.lead_id AS lead_id, st.id AS stage_id, NULL AS at, 1 AS look"
                      " FROM lw z JOIN st ON st.k <= z.top)");
}

/* Whether agg_lead_reach can answer: not strict mode (an in-order chain is
 * not a property of single rows), and no write left it unrefreshed (records
 * written outside rd_workspace_write, as the tests' fixtures do). */
static gboolean
use_reach_agg (RdMetricsCtx *ctx)
{
  return !ctx->filter->funnel_strict &&
         rd_db_query_int (ctx->db, "SELECT EXISTS (SELECT 1 FROM agg_lead_reach_dirty)", 1) == 0;
}

/* The reach CTE from agg_lead_reach (see append_reach), filtered. */
static void
append_reach_agg (RdMetricsCtx *ctx,
                  RdQuery      *q,
                  GArray       *stages,
                  const Window *w)
{
  rd_query_append (q, "reach AS (SELECT r.lead_id AS lead_id, r.stage_id AS stage_id, NULL AS at, 1 AS look"
                      " FROM agg_lead_reach r WHERE r.stage_id IN (");
  append_ids (q, stages);
  if (ctx->filter->funnel_mode == RD_FUNNEL_COHORT)
    rd_query_appendv (q, ") AND r.prev_reached_at IS NULL AND r.first_at >= ? AND r.first_at <= ?"
                      " AND r.reached_at <= ?",
                      G_TYPE_STRING, w->start_time, G_TYPE_STRING, w->end_time, G_TYPE_STRING, ctx->as_of_end,
                      G_TYPE_INVALID);
  else
    rd_query_appendv (q, ") AND r.reached_at >= ? AND r.reached_at <= ? AND (r.prev_reached_at IS NULL"
                      " OR r.prev_reached_at < ?)",
                      G_TYPE_STRING, w->start_time, G_TYPE_STRING, w->end_time, G_TYPE_STRING, w->start_time,
                      G_TYPE_INVALID);
  rd_metrics_filter_sql (ctx, q, "r", TRUE, TRUE);
  rd_query_append (q, ")");
}

typedef enum
{
  FLAG_NONE,
  FLAG_NEXT,      /* reached_next: the lead also reached stage k + 1 */
  FLAG_LAST,      /* reached_last: the lead also reached the last stage */
} Flag;

static gboolean
has_filter (const RdFilter *f)
{
  return f->segment_id || f->region_id || f->owner_id || f->channel_id;
}

/* The record query of funnel.reached in window @w: one row per lead that
 * reached stage @k (or, with @k < 0, per lead and stage, with a first
 * column stage_id: what compute counts). With @flag, a column says whether
 * the lead also counts for a later stage (a conversion's numerator). */
static RdQuery *
reached_query (RdMetricsCtx *ctx,
               GArray       *stages,
               int           k,
               const Window *w,
               Flag          flag)
{
  RdQuery *q = rd_query_new ("WITH ");
  gboolean agg = use_reach_agg (ctx);

  if (agg)
    append_reach_agg (ctx, q, stages, w);
  else
    append_reach (ctx, q, stages, w);

  if (k < 0)
    {
      /* What compute counts: the same rows, per stage. The lead is joined
       * only to filter (every event's lead exists: a foreign key); the
       * aggregate's rows carry the lead's filter columns. */
      rd_query_append (q, " SELECT r.stage_id AS stage_id, r.lead_id AS id FROM reach r");
      if (!agg && has_filter (ctx->filter))
        {
          rd_query_append (q, " JOIN leads l ON l.id = r.lead_id WHERE 1");
          rd_metrics_filter_sql (ctx, q, "l", TRUE, TRUE);
        }
      return q;
    }

  /* Names by scalar subqueries: counting the rows never evaluates them. */
  rd_query_append (q, " SELECT l.id, l.name, l.company,"
                      " (SELECT p.name FROM people p WHERE p.id = l.owner_id) AS owner,"
                      " (SELECT ch.name FROM channels ch WHERE ch.id = l.channel_id) AS source,"
                      " (SELECT sg.name FROM segments sg WHERE sg.id = l.segment_id) AS segment,"
                      " coalesce (r.at, CASE WHEN r.look THEN (SELECT min (x.entered_at) FROM lead_stage_events x"
                      " WHERE x.lead_id = r.lead_id AND +x.stage_id = r.stage_id AND x.entered_at >= ");
  rd_query_add_text (q, ctx->filter->funnel_mode == RD_FUNNEL_COHORT ? "" : w->start_time);
  rd_query_append (q, " AND x.entered_at <= ");
  rd_query_add_text (q, ctx->filter->funnel_mode == RD_FUNNEL_COHORT ? ctx->as_of_end : w->end_time);
  rd_query_append (q, ") END, '" SKIPPED_TEXT "') AS entered_at, ");

  /* The lead's stage at the end of the as-of day, as lead_at has it: the
   * latest event by then (the stored current stage when nothing is later). */
  if (ctx->as_of_is_latest)
    rd_query_append (q, "(SELECT cs.name FROM stages cs WHERE cs.id = l.stage_id)");
  else
    rd_query_appendv (q, "(SELECT cs.name FROM lead_stage_events ce JOIN stages cs ON cs.id = ce.stage_id"
                      " WHERE ce.lead_id = r.lead_id AND ce.entered_at <= ?"
                      " ORDER BY ce.entered_at DESC, ce.id DESC LIMIT 1)",
                      G_TYPE_STRING, ctx->as_of_end, G_TYPE_INVALID);
  rd_query_append (q, " AS current_stage");

  if (flag != FLAG_NONE)
    {
      rd_query_append (q, ", r.lead_id IN (SELECT f.lead_id FROM reach f WHERE f.stage_id = ");
      rd_query_add_int (q, STAGE (stages, flag == FLAG_NEXT ? (guint) k + 1 : stages->len - 1)->id);
      rd_query_append (q, flag == FLAG_NEXT ? ") AS reached_next" : ") AS reached_last");
    }

  rd_query_append (q, " FROM reach r JOIN leads l ON l.id = r.lead_id WHERE r.stage_id = ");
  rd_query_add_int (q, STAGE (stages, k)->id);
  rd_metrics_filter_sql (ctx, q, "l", TRUE, TRUE);
  rd_query_append (q, " ORDER BY l.id");
  return q;
}

/* Counts the rows of reached_query (k < 0) per stage. */
static gboolean
count_reached (RdMetricsCtx *ctx,
               GArray       *stages,
               const Window *w,
               double       *reached,
               GError      **error)
{
  g_autoptr(RdQuery) rows = reached_query (ctx, stages, -1, w, FLAG_NONE);
  g_autoptr(RdQuery) q = rd_query_new ("SELECT stage_id, count(*) FROM (");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_string_append (q->sql, rows->sql->str);
  g_string_append (q->sql, ") GROUP BY stage_id");
  for (guint i = 0; i < rows->params->len; i++)
    g_ptr_array_add (q->params, g_variant_ref (g_ptr_array_index (rows->params, i)));

  stmt = rd_metrics_prepare (ctx, q, error);
  if (stmt == NULL)
    return FALSE;
  memset (reached, 0, sizeof (double) * stages->len);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      for (guint i = 0; i < stages->len; i++)
        if (STAGE (stages, i)->id == id)
          reached[i] = (double) sqlite3_column_int64 (stmt, 1);
    }
  if (rc != SQLITE_DONE)
    {
      rd_db_set_error (ctx->db, error, NULL);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ compute */

static const char *
mode_note (const RdFilter *f)
{
  if (f->funnel_mode == RD_FUNNEL_COHORT)
    return f->funnel_strict ? _("funnel: cohort mode, strict (stages passed in order)")
                            : _("funnel: cohort mode, skipped stages count as passed");
  return f->funnel_strict ? _("funnel: period mode, strict (stages passed in order)")
                          : _("funnel: period mode, skipped stages count as passed");
}

static char *
window_text (const Window *w)
{
  if (g_str_equal (w->key, "all"))
    return g_strdup_printf (_("at any time up to %s"), w->end);
  if (strcmp (w->start, w->end) > 0)
    return g_strdup_printf (_("in %s, which starts after the as-of date %s"), w->key, w->end);
  return g_strdup_printf (_("from %s to %s (%s)"), w->start, w->end, w->key);
}

static char *
reached_formula (RdMetricsCtx *ctx,
                 const Stage  *stage,
                 const Window *w)
{
  const RdFilter *f = ctx->filter;
  g_autofree char *when = window_text (w);

  if (f->funnel_mode == RD_FUNNEL_COHORT)
    return f->funnel_strict
      ? g_strdup_printf (_("leads whose first lifecycle event falls %s (the cohort) that entered %s by %s"
                           " after entering every earlier stage in order (strict: skipped stages do not count)"),
                         when, stage->name, f->as_of)
      : g_strdup_printf (_("leads whose first lifecycle event falls %s (the cohort) that reached %s or a"
                           " later stage by %s (skipped stages count as passed)"),
                         when, stage->name, f->as_of);
  return f->funnel_strict
    ? g_strdup_printf (_("distinct leads that entered %s %s after entering every earlier stage in order"
                         " (strict: skipped stages do not count)"), stage->name, when)
    : g_strdup_printf (_("distinct leads that entered %s %s; a lead that skipped it counts as having"
                         " passed it when it first entered a later stage"), stage->name, when);
}

static void
describe_reached (RdMetricsCtx *ctx,
                  RdMetric     *m,
                  const Stage  *stage,
                  const Window *w)
{
  g_autofree char *formula = reached_formula (ctx, stage, w);

  rd_metric_set_formula (m, formula);
  if (stage->term_key)
    rd_metric_set_definition (ctx, m, stage->term_key);
  m->note = g_strdup (mode_note (ctx->filter));
}

static void
describe_conversion (RdMetricsCtx *ctx,
                     RdMetric     *m,
                     const Stage  *from,
                     const Stage  *to,
                     const Window *w,
                     double        reached_from,
                     double        reached_to)
{
  g_autofree char *when = window_text (w);
  g_autofree char *formula = g_strdup_printf (_("leads that reached %s ÷ leads that reached %s, × 100, %s;"
                                                " both counted as in funnel.reached"), to->name, from->name, when);
  g_autofree char *reason = g_strdup_printf (_("no leads reached %s %s"), from->name, when);

  rd_metric_set_ratio (m, reached_to, reached_from, RD_UNIT_COUNT, reason);
  rd_metric_set_formula (m, formula);
  rd_metric_set_definition (ctx, m, "stage-conversion");
  m->note = g_strdup (mode_note (ctx->filter));
  m->drillable = TRUE;
}

/* Adds funnel.reached[.previous] for every stage and the step conversions. */
static gboolean
compute_window (RdMetricsCtx *ctx,
                GArray       *stages,
                const Window *w,
                gboolean      previous,
                double       *reached,
                GError      **error)
{
  const char *reached_id = previous ? "funnel.reached.previous" : "funnel.reached";
  const char *conversion_id = previous ? "funnel.conversion.previous" : "funnel.conversion";

  if (!count_reached (ctx, stages, w, reached, error))
    return FALSE;

  for (guint k = 0; k < stages->len; k++)
    {
      const Stage *stage = STAGE (stages, k);
      RdMetric *m = rd_metrics_add (ctx, reached_id, stage->name,
                                    previous ? _("Reached stage, previous period") : _("Reached stage"),
                                    RD_UNIT_COUNT);
      rd_metric_set_value (m, reached[k]);
      m->drillable = TRUE;
      describe_reached (ctx, m, stage, w);
    }

  for (guint k = 0; k + 1 < stages->len; k++)
    {
      RdMetric *m = rd_metrics_add (ctx, conversion_id, STAGE (stages, k)->name,
                                    previous ? _("Stage conversion, previous period") : _("Stage conversion"),
                                    RD_UNIT_PERCENT);
      describe_conversion (ctx, m, STAGE (stages, k), STAGE (stages, k + 1), w, reached[k], reached[k + 1]);
    }
  return TRUE;
}

static gboolean
compute (RdMetricsCtx *ctx,
         GError      **error)
{
  g_autoptr(GArray) stages = load_stages (ctx, error);
  g_autofree double *reached = NULL;
  Window w, prev;

  if (stages == NULL)
    return FALSE;
  if (stages->len == 0)
    return TRUE;
  if (stages->len > MAX_STAGES)
    {
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                   _("The funnel handles at most %d lifecycle stages."), MAX_STAGES);
      return FALSE;
    }
  reached = g_new0 (double, stages->len);

  window_init (ctx, 0, &w);
  if (!compute_window (ctx, stages, &w, FALSE, reached, error))
    return FALSE;

  {
    const Stage *first = STAGE (stages, 0);
    const Stage *last = STAGE (stages, stages->len - 1);
    RdMetric *m = rd_metrics_add (ctx, "funnel.overall", NULL, _("Overall conversion"), RD_UNIT_PERCENT);
    g_autofree char *when = window_text (&w);
    g_autofree char *formula = g_strdup_printf (_("leads that reached %s ÷ leads that reached %s, × 100, %s;"
                                                  " both counted as in funnel.reached"),
                                                last->name, first->name, when);
    g_autofree char *reason = g_strdup_printf (_("no leads reached %s %s"), first->name, when);

    rd_metric_set_ratio (m, reached[stages->len - 1], reached[0], RD_UNIT_COUNT, reason);
    rd_metric_set_formula (m, formula);
    rd_metric_set_definition (ctx, m, "stage-conversion");
    m->note = g_strdup (mode_note (ctx->filter));
    m->drillable = TRUE;
  }

  if (window_init (ctx, -1, &prev))
    if (!compute_window (ctx, stages, &prev, TRUE, reached, error))
      return FALSE;

  return TRUE;
}

/* -------------------------------------------------------------------- drill */

static RdQuery *
drill (RdMetricsCtx *ctx,
       const char   *metric_id,
       const char   *bucket,
       GError      **error)
{
  g_autoptr(GArray) stages = load_stages (ctx, error);
  gboolean previous = g_str_has_suffix (metric_id, ".previous");
  g_autofree char *base = previous ? g_strndup (metric_id, strlen (metric_id) - strlen (".previous"))
                                   : g_strdup (metric_id);
  Window w;
  int k;

  if (stages == NULL)
    return NULL;
  if (stages->len > MAX_STAGES)
    {
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                   _("The funnel handles at most %d lifecycle stages."), MAX_STAGES);
      return NULL;
    }

  if (!window_init (ctx, previous ? -1 : 0, &w))
    {
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                   _("“%s” has no previous period to compare with."), ctx->filter->period_key);
      return NULL;
    }

  if (g_str_equal (metric_id, "funnel.overall"))
    {
      if (bucket != NULL || stages->len == 0)
        {
          g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                       _("“%s” has no buckets."), metric_id);
          return NULL;
        }
      return reached_query (ctx, stages, 0, &w, FLAG_LAST);
    }

  if (!g_str_equal (base, "funnel.reached") && !g_str_equal (base, "funnel.conversion"))
    {
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                   _("There is no metric “%s”, or it has no list of records."), metric_id);
      return NULL;
    }

  k = find_stage (stages, bucket);
  if (k < 0)
    {
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                   _("“%s” needs a lifecycle stage as its bucket, not “%s”."), metric_id, bucket ? bucket : "");
      return NULL;
    }

  if (g_str_equal (base, "funnel.reached"))
    return reached_query (ctx, stages, k, &w, FLAG_NONE);

  if ((guint) k + 1 >= stages->len)
    {
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                   _("“%s” is the last stage: there is no conversion from it."), bucket);
      return NULL;
    }
  return reached_query (ctx, stages, k, &w, FLAG_NEXT);
}

static const RdAggregate *const aggregates[] = { &rd_agg_lead_reach, NULL };

const RdMetricGroup rd_metrics_funnel_group = { "funnel", compute, drill, aggregates };
