/* rd-metrics-handoff.c — handoffs and SLAs
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * metrics.md, "Handoffs and SLAs". Ids:
 *   handoff.crossed        [handoff name] and overall   events crossed in the period
 *   handoff.sla_adherence  [handoff name] and overall   accepted within SLA / crossed
 *   handoff.open_misses    [handoff name] and overall   not accepted, past due, any period
 *   handoff.completeness   [handoff name] and overall   crossed with every required field / crossed
 *
 * Where metrics.md is silent (each choice is repeated in the metric's formula):
 * - "Within the SLA" is inclusive: accepted_at <= crossed_at + sla_hours, to
 *   the second. An acceptance after the as-of date is not yet an acceptance.
 *   A record crossed in the period and not (yet) accepted is in the
 *   denominator and not in the numerator, as the glossary's "records that
 *   crossed the handoff in the period" says.
 * - Open misses are not limited to the period: they are what someone must
 *   act on now (HubSpot and Salesforce SLA views list every overdue record).
 * - Field values have no history except a deal's amount and close date, so
 *   a required field is checked on the record as it is stored, with the
 *   deal's amount and close date as of the as-of date. A field a record of
 *   that kind does not have (an amount on a lead) is not checked.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rd-metrics-quality-private.h"
#include "rd-workspace-private.h"

static char *
period_text (RdMetricsCtx *ctx)
{
  if (ctx->filter->period_kind == RD_PERIOD_ALL)
    return g_strdup_printf (_("any period up to %s"), ctx->filter->as_of);
  return g_strdup (ctx->filter->period_key);
}

/* The last moment counted in the period: its end, or the as-of end if earlier. */
static const char *
period_last_moment (RdMetricsCtx *ctx)
{
  return strcmp (ctx->period_end_time, ctx->as_of_end) < 0 ? ctx->period_end_time : ctx->as_of_end;
}


/* ------------------------------------------------------------- handoffs */

typedef enum
{
  EVENTS_CROSSED,        /* crossed in the period (up to as-of) */
  EVENTS_OPEN_MISSES,    /* not accepted by as-of, past due at as-of, any period */
} EventsMode;

static void
append_due_at (RdQuery *q)
{
  /* Whole seconds, so "within the SLA" compares exact timestamps. */
  rd_query_append (q, "datetime (e.crossed_at, '+' || CAST (round (hf.sla_hours * 3600) AS INTEGER) || ' seconds')");
}

/* One branch of the events: the events whose record is of @kind. */
static void
append_events_branch (RdMetricsCtx *ctx,
                      RdQuery      *q,
                      EventsMode    mode,
                      RecordKind    kind,
                      const char   *handoff)
{
  static const char *const joins[N_KINDS] = {
    " JOIN leads r ON r.id = e.lead_id",
    " JOIN deal_rec r ON r.id = e.opportunity_id",
    " JOIN accounts r ON r.id = e.account_id",
  };
  static const char *const kinds[N_KINDS] = { "'lead'", "'deal'", "'account'" };

  rd_query_append (q, "SELECT e.id AS event_id, hf.id AS handoff_id, hf.name AS handoff, ");
  rd_query_append (q, kinds[kind]);
  rd_query_append (q, " AS record_kind, r.id AS record_id, r.name AS record, ");
  rd_query_append (q, kind == KIND_ACCOUNT ? "r.id" : "r.account_id");
  rd_query_append (q, " AS account_id, r.owner_id AS owner_id, e.crossed_at, ");
  append_due_at (q);
  rd_query_appendv (q, " AS due_at, CASE WHEN e.accepted_at <= ? THEN e.accepted_at END AS accepted_at, ",
                    G_TYPE_STRING, ctx->as_of_end, G_TYPE_INVALID);
  rd_quality_append_missing_list (q, kind, "hf");
  rd_query_append (q, " AS missing_fields FROM ");

  if (mode == EVENTS_CROSSED)
    {
      rd_query_append (q, "handoff_events e JOIN hflags hf ON hf.id = e.handoff_id");
      rd_query_append (q, joins[kind]);
      rd_query_appendv (q, " WHERE e.crossed_at >= ? AND e.crossed_at <= ?",
                        G_TYPE_STRING, ctx->period_start_time,
                        G_TYPE_STRING, period_last_moment (ctx), G_TYPE_INVALID);
    }
  else
    {
      rd_query_append (q, "open_ids oi JOIN handoff_events e ON e.id = oi.id JOIN hflags hf ON hf.id = e.handoff_id");
      rd_query_append (q, joins[kind]);
      rd_query_append (q, " WHERE ");
      append_due_at (q);
      rd_query_appendv (q, " < ?", G_TYPE_STRING, ctx->as_of_end, G_TYPE_INVALID);
    }
  if (handoff)
    rd_query_appendv (q, " AND hf.name = ?", G_TYPE_STRING, handoff, G_TYPE_INVALID);
  rd_metrics_filter_sql (ctx, q, "r", TRUE, TRUE);
}

/* The handoff events behind handoff.* (one row per event), unordered.
 * Columns: event_id, handoff, record_kind, record_id, record, account, owner,
 * crossed_at, due_at, accepted_at, hours_to_accept, within_sla (1/0),
 * complete (1/0), missing_fields; open misses add hours_overdue,
 * handoff_owner and exception_path. */
static RdQuery *
events_query (RdMetricsCtx *ctx,
              EventsMode    mode,
              const char   *handoff)
{
  RdQuery *q = rd_query_new ("WITH ");

  rd_quality_append_deal_rec (ctx, q);
  rd_query_append (q, ", hflags AS (SELECT h.id, h.name, h.sla_hours, h.owner_team_id, h.owner_person_id, h.exception_path");
  rd_quality_append_need_columns (q, "json_each (h.required_fields) jf WHERE 1");
  rd_query_append (q, " FROM handoffs h)");
  if (mode == EVENTS_OPEN_MISSES)
    /* Not accepted by as-of: never accepted (a partial index holds those),
     * or accepted after as-of (rare: an as-of date in the past). */
    rd_query_appendv (q,
      ", open_ids AS (SELECT id FROM handoff_events WHERE accepted_at IS NULL AND crossed_at <= ?"
      " UNION ALL SELECT id FROM handoff_events WHERE accepted_at > ? AND crossed_at <= ?)",
      G_TYPE_STRING, ctx->as_of_end, G_TYPE_STRING, ctx->as_of_end, G_TYPE_STRING, ctx->as_of_end,
      G_TYPE_INVALID);
  rd_query_append (q, ", ev AS MATERIALIZED (");
  for (int kind = 0; kind < N_KINDS; kind++)
    {
      if (kind)
        rd_query_append (q, " UNION ALL ");
      append_events_branch (ctx, q, mode, kind, handoff);
    }
  rd_query_append (q,
    ") SELECT x.event_id, x.handoff, x.record_kind, x.record_id, x.record, acc.name AS account, p.name AS owner,"
    " x.crossed_at, x.due_at, x.accepted_at,"
    " round ((julianday (x.accepted_at) - julianday (x.crossed_at)) * 24, 2) AS hours_to_accept,"
    " (x.accepted_at IS NOT NULL AND x.accepted_at <= x.due_at) AS within_sla,"
    " (x.missing_fields = '') AS complete, nullif (x.missing_fields, '') AS missing_fields");
  if (mode == EVENTS_OPEN_MISSES)
    rd_query_appendv (q,
      ", round ((julianday (?) - julianday (x.due_at)) * 24, 1) AS hours_overdue,"
      " coalesce (hp.name || ' (' || ht.name || ')', ht.name) AS handoff_owner, hf.exception_path",
      G_TYPE_STRING, ctx->as_of_end, G_TYPE_INVALID);
  rd_query_append (q,
    " FROM ev x LEFT JOIN accounts acc ON acc.id = x.account_id LEFT JOIN people p ON p.id = x.owner_id");
  if (mode == EVENTS_OPEN_MISSES)
    rd_query_append (q,
      " JOIN hflags hf ON hf.id = x.handoff_id LEFT JOIN teams ht ON ht.id = hf.owner_team_id"
      " LEFT JOIN people hp ON hp.id = hf.owner_person_id");
  return q;
}


/* ------------------------------------------------------------- compute */
typedef struct
{
  char   *key;
  gint64  count;
  double  sums[2];
} GroupRow;

static void
group_row_clear (gpointer data)
{
  g_free (((GroupRow *) data)->key);
}

static GArray *run_rows (RdMetricsCtx  *ctx,
                         const RdQuery *q,
                         GError       **error);

/* "SELECT <key>, count(*), total(<sum0>), total(<sum1>) FROM (<query>) GROUP BY 1":
 * the query's own rows, counted per key in one pass. Column names are fixed
 * words from this file. */
static GArray *
run_grouped (RdMetricsCtx  *ctx,
             const RdQuery *query,
             const char    *key,
             const char    *sum0,
             const char    *sum1,
             GError       **error)
{
  g_autofree char *prefix = g_strdup_printf ("SELECT %s, count(*), total(%s), total(%s) FROM (",
                                             key, sum0 ? sum0 : "0", sum1 ? sum1 : "0");
  g_autoptr(RdQuery) q = rd_quality_wrap_query (query, prefix, ") GROUP BY 1");

  return run_rows (ctx, q, error);
}

/* The rows (key, count, sum, sum) of a query. */
static GArray *
run_rows (RdMetricsCtx  *ctx,
          const RdQuery *q,
          GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = rd_metrics_prepare (ctx, q, error);
  GArray *rows;
  int rc;

  if (stmt == NULL)
    return NULL;
  rows = g_array_new (FALSE, TRUE, sizeof (GroupRow));
  g_array_set_clear_func (rows, group_row_clear);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GroupRow row = { 0 };
      row.key = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row.count = sqlite3_column_int64 (stmt, 1);
      row.sums[0] = sqlite3_column_double (stmt, 2);
      row.sums[1] = sqlite3_column_double (stmt, 3);
      g_array_append_val (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      rd_db_set_error (ctx->db, error, NULL);
      g_array_unref (rows);
      return NULL;
    }
  return rows;
}

static const GroupRow *
find_group (GArray     *rows,
            const char *key)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const GroupRow *row = &g_array_index (rows, GroupRow, i);
      if (g_strcmp0 (row->key, key) == 0)
        return row;
    }
  return NULL;
}

/* ---------------------------------------------------------------- facts */

/* agg_handoff_facts: one row per handoff event whose record exists, with
 * what the numbers read — the handoff, the record's kind (0 lead, 1 deal,
 * 2 account) and filter columns (0 where none), the crossing, due and
 * acceptance times, and the mask of the record's filled fields (bit f =
 * field f, rd-metrics-quality-private.h). Whether the event is complete
 * depends on the handoff's required fields and is decided when reading, so
 * editing a handoff's fields changes no row. Triggers note the events whose
 * event, handoff SLA, record or renewals change; before the commit those
 * rows are computed again. These are the current records: the numbers read
 * them only at the default as-of. */
#define FACTS_DIRTY "agg_handoff_facts_dirty"
#define DUE_AT "datetime (e.crossed_at, '+' || CAST (round (h.sla_hours * 3600) AS INTEGER) || ' seconds')"
#define INSERT_FACTS(kind, mask, join, where) \
  "INSERT INTO agg_handoff_facts (event_id, handoff_id, kind, crossed_at, due_at, accepted_at, mask," \
  "  segment_id, region_id, owner_id, channel_id)" \
  " SELECT e.id, e.handoff_id, " kind ", e.crossed_at, " DUE_AT ", e.accepted_at, " mask ", " FILTER_DIMS ("r") \
  " FROM handoff_events e JOIN handoffs h ON h.id = e.handoff_id " join " " where ";"
/* A deal counts as it does in deal_at: with a stage. */
#define INSERT_ALL_FACTS(where) \
  INSERT_FACTS ("0", LEAD_MASK ("r"), "JOIN leads r ON r.id = e.lead_id", where) \
  INSERT_FACTS ("1", DEAL_MASK ("r"), "JOIN opportunities r ON r.id = e.opportunity_id" \
                " JOIN stages s ON s.id = r.stage_id", where) \
  INSERT_FACTS ("2", ACCOUNT_MASK ("r"), "JOIN accounts r ON r.id = e.account_id", where)
#define NOTE_EVENTS(column, id) \
  " INSERT OR IGNORE INTO " FACTS_DIRTY " SELECT id FROM handoff_events WHERE " column " = " id ";"
/* The events of an account and of its deals, whose renewal bit it sets. */
#define NOTE_ACCOUNT(acc) \
  NOTE_EVENTS ("account_id", acc) \
  " INSERT OR IGNORE INTO " FACTS_DIRTY " SELECT e.id FROM opportunities o" \
  "   JOIN handoff_events e ON e.opportunity_id = o.id WHERE o.account_id = " acc ";"

const RdAggregate rd_handoff_facts_agg = {
  "handoff_facts", 2,
  /* The table's indexes come with the rows (rebuild_sql). */
  "CREATE TABLE agg_handoff_facts ("
  "  event_id INTEGER PRIMARY KEY, handoff_id INTEGER NOT NULL, kind INTEGER NOT NULL,"
  "  crossed_at TEXT NOT NULL, due_at TEXT, accepted_at TEXT, mask INTEGER NOT NULL,"
  "  segment_id INTEGER NOT NULL, region_id INTEGER NOT NULL, owner_id INTEGER NOT NULL, channel_id INTEGER NOT NULL);"
  "CREATE TABLE " FACTS_DIRTY " (id INTEGER PRIMARY KEY);"
  /* The events of a record. */
  "CREATE INDEX agg_handoff_facts_lead ON handoff_events (lead_id) WHERE lead_id IS NOT NULL;"
  "CREATE INDEX agg_handoff_facts_deal ON handoff_events (opportunity_id) WHERE opportunity_id IS NOT NULL;"
  "CREATE INDEX agg_handoff_facts_account ON handoff_events (account_id) WHERE account_id IS NOT NULL;"
  "CREATE TRIGGER agg_handoff_facts_ev_ins AFTER INSERT ON handoff_events BEGIN"
  "  INSERT OR IGNORE INTO " FACTS_DIRTY " VALUES (NEW.id); END;"
  "CREATE TRIGGER agg_handoff_facts_ev_del AFTER DELETE ON handoff_events BEGIN"
  "  INSERT OR IGNORE INTO " FACTS_DIRTY " VALUES (OLD.id); END;"
  "CREATE TRIGGER agg_handoff_facts_ev_upd AFTER UPDATE ON handoff_events BEGIN"
  "  INSERT OR IGNORE INTO " FACTS_DIRTY " VALUES (OLD.id), (NEW.id); END;"
  "CREATE TRIGGER agg_handoff_facts_handoff AFTER UPDATE OF id, sla_hours ON handoffs BEGIN"
  NOTE_EVENTS ("handoff_id", "OLD.id") NOTE_EVENTS ("handoff_id", "NEW.id") " END;"
  "CREATE TRIGGER agg_handoff_facts_lead_upd AFTER UPDATE OF"
  "  id, segment_id, region_id, owner_id, channel_id, email, company, account_id ON leads BEGIN"
  NOTE_EVENTS ("lead_id", "OLD.id") NOTE_EVENTS ("lead_id", "NEW.id") " END;"
  "CREATE TRIGGER agg_handoff_facts_deal_upd AFTER UPDATE OF id, stage_id, segment_id, region_id,"
  "  owner_id, channel_id, amount_cents, close_date, account_id, next_step ON opportunities BEGIN"
  NOTE_EVENTS ("opportunity_id", "OLD.id") NOTE_EVENTS ("opportunity_id", "NEW.id") " END;"
  "CREATE TRIGGER agg_handoff_facts_account_upd AFTER UPDATE OF"
  "  id, segment_id, region_id, owner_id, channel_id ON accounts BEGIN"
  NOTE_EVENTS ("account_id", "OLD.id") NOTE_EVENTS ("account_id", "NEW.id") " END;"
  "CREATE TRIGGER agg_handoff_facts_renewal_ins AFTER INSERT ON renewals BEGIN"
  NOTE_ACCOUNT ("NEW.account_id") " END;"
  "CREATE TRIGGER agg_handoff_facts_renewal_del AFTER DELETE ON renewals BEGIN"
  NOTE_ACCOUNT ("OLD.account_id") " END;"
  "CREATE TRIGGER agg_handoff_facts_renewal_upd AFTER UPDATE OF account_id ON renewals BEGIN"
  NOTE_ACCOUNT ("OLD.account_id") NOTE_ACCOUNT ("NEW.account_id") " END;",

  INSERT_ALL_FACTS ("")
  /* Crossed in a period: read from this index alone. */
  "CREATE INDEX agg_handoff_facts_crossed ON agg_handoff_facts (handoff_id, crossed_at, accepted_at, due_at,"
  "  kind, mask, segment_id, region_id, owner_id, channel_id);"
  /* Open misses: never accepted, or accepted after an as-of date. */
  "CREATE INDEX agg_handoff_facts_open ON agg_handoff_facts (due_at, crossed_at, handoff_id,"
  "  segment_id, region_id, owner_id, channel_id) WHERE accepted_at IS NULL;"
  "CREATE INDEX agg_handoff_facts_accepted ON agg_handoff_facts (accepted_at);",

  "DELETE FROM agg_handoff_facts WHERE event_id IN (SELECT id FROM " FACTS_DIRTY ");"
  INSERT_ALL_FACTS ("WHERE e.id IN (SELECT id FROM " FACTS_DIRTY ")")
  "DELETE FROM " FACTS_DIRTY ";",
};

/* "CASE f.kind WHEN 0 THEN hn.need0 …": the mask of the fields the event's
 * handoff requires that its record's kind has. */
static const char need_for_kind[] =
  "CASE f.kind WHEN 0 THEN hn.need0 WHEN 1 THEN hn.need1 ELSE hn.need2 END";

/* As run_grouped over events_query (EVENTS_CROSSED): per handoff name, the
 * events crossed in the period, those within the SLA, those complete. */
static RdQuery *
crossed_from_facts (RdMetricsCtx *ctx)
{
  RdQuery *q = rd_query_new ("WITH hflags AS (SELECT h.id, h.name");

  rd_quality_append_need_columns (q, "json_each (h.required_fields) jf WHERE 1");
  rd_query_append (q, " FROM handoffs h), hn AS MATERIALIZED (SELECT id, name");
  for (RecordKind kind = KIND_LEAD; kind < N_KINDS; kind++)
    {
      g_autofree char *column = g_strdup_printf (" AS need%d", kind);

      rd_query_append (q, ", 0");
      for (int f = 0; f < N_FIELDS; f++)
        if (rd_quality_kind_has_field (kind, f))
          {
            g_autofree char *part = g_strdup_printf (" + need_%d * %d", f, 1 << f);
            rd_query_append (q, part);
          }
      rd_query_append (q, column);
    }
  rd_query_appendv (q, " FROM hflags)"
                    " SELECT hn.name, count(*), total (f.accepted_at <= ? AND f.accepted_at <= f.due_at),",
                    G_TYPE_STRING, ctx->as_of_end, G_TYPE_INVALID);
  rd_query_append (q, " total ((f.mask & ");
  rd_query_append (q, need_for_kind);
  rd_query_append (q, ") = ");
  rd_query_append (q, need_for_kind);
  rd_query_appendv (q, ") FROM hn JOIN agg_handoff_facts f ON f.handoff_id = hn.id"
                    " WHERE f.crossed_at >= ? AND f.crossed_at <= ?",
                    G_TYPE_STRING, ctx->period_start_time, G_TYPE_STRING, period_last_moment (ctx), G_TYPE_INVALID);
  rd_metrics_filter_sql (ctx, q, "f", TRUE, TRUE);
  rd_query_append (q, " GROUP BY hn.name");
  return q;
}

/* As run_grouped over events_query (EVENTS_OPEN_MISSES): per handoff name,
 * the events not accepted by as-of and due before its end. */
static RdQuery *
open_misses_from_facts (RdMetricsCtx *ctx)
{
  const char *end = ctx->as_of_end;
  RdQuery *q = rd_query_new ("SELECT h.name, count(*), 0, 0 FROM handoffs h JOIN (");

  rd_query_appendv (q,
    "SELECT handoff_id, segment_id, region_id, owner_id, channel_id FROM agg_handoff_facts"
    " WHERE accepted_at IS NULL AND due_at < ? AND crossed_at <= ?"
    " UNION ALL SELECT handoff_id, segment_id, region_id, owner_id, channel_id FROM agg_handoff_facts"
    " WHERE accepted_at > ? AND due_at < ? AND crossed_at <= ?) f ON f.handoff_id = h.id WHERE 1",
    G_TYPE_STRING, end, G_TYPE_STRING, end, G_TYPE_STRING, end, G_TYPE_STRING, end, G_TYPE_STRING, end,
    G_TYPE_INVALID);
  rd_metrics_filter_sql (ctx, q, "f", TRUE, TRUE);
  rd_query_append (q, " GROUP BY h.name");
  return q;
}

/* The handoff names, in the order of their from-stage. */
static GPtrArray *
handoff_names (RdMetricsCtx  *ctx,
               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (ctx->db,
    "SELECT h.name FROM handoffs h JOIN stages s ON s.id = h.from_stage_id"
    " GROUP BY h.name ORDER BY min (s.kind = 'deal'), min (s.position), min (h.id)", error);
  GPtrArray *names;

  if (stmt == NULL)
    return NULL;
  names = g_ptr_array_new_with_free_func (g_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  return names;
}

/* The four numbers of one handoff (@name) or of all (@name NULL). */
static void
add_handoff_metrics (RdMetricsCtx *ctx,
                     const char   *name,
                     const char   *reason,
                     double        n,
                     double        within,
                     double        complete,
                     double        open)
{
  const char *crossed_formula = _("records that crossed the handoff from the start of the period to its end "
                                  "or the as-of date, whichever is earlier");
  const char *sla_formula = _("records accepted within the SLA hours of crossing (accepted by the as-of date, "
                              "at most SLA hours after crossing) ÷ records that crossed the handoff in the "
                              "period; a record not yet accepted counts as not within the SLA");
  const char *open_formula = _("records not accepted by the as-of date whose crossing time + SLA hours lies "
                               "before the end of the as-of date, whenever they crossed: not limited to the "
                               "period, these are the misses someone must act on now");
  const char *complete_formula = _("records that crossed the handoff in the period with every required field "
                                   "filled ÷ records that crossed it in the period; fields are checked on the "
                                   "record as stored (a deal's amount and close date as of the as-of date), and "
                                   "fields a record of that kind does not have are not checked");
  RdMetric *m;

  m = rd_quality_add_counted (ctx, "handoff.crossed", name,
                              name ? _("Records that crossed the handoff") : _("Records that crossed a handoff"),
                              RD_UNIT_COUNT, crossed_formula);
  rd_metric_set_value (m, n);

  m = rd_quality_add_counted (ctx, "handoff.sla_adherence", name, _("SLA adherence"), RD_UNIT_PERCENT, sla_formula);
  rd_metric_set_ratio (m, within, n, RD_UNIT_COUNT, reason);
  rd_metric_set_definition (ctx, m, "sla-adherence");

  m = rd_quality_add_counted (ctx, "handoff.open_misses", name, _("Open SLA misses"), RD_UNIT_COUNT, open_formula);
  rd_metric_set_value (m, open);
  rd_metric_set_definition (ctx, m, "sla-adherence");

  m = rd_quality_add_counted (ctx, "handoff.completeness", name, _("Handoff completeness"), RD_UNIT_PERCENT,
                              complete_formula);
  rd_metric_set_ratio (m, complete, n, RD_UNIT_COUNT, reason);
  rd_metric_set_definition (ctx, m, "handoff-completeness");
}

gboolean
rd_metrics_handoff_compute (RdMetricsCtx  *ctx,
                            GError       **error)
{
  g_autoptr(GPtrArray) names = handoff_names (ctx, error);
  g_autoptr(RdQuery) crossed_q = NULL;
  g_autoptr(RdQuery) open_q = NULL;
  g_autoptr(GArray) crossed = NULL;
  g_autoptr(GArray) open = NULL;
  g_autofree char *period = period_text (ctx);
  g_autofree char *reason = NULL;
  double tot_crossed = 0, tot_within = 0, tot_complete = 0, tot_open = 0;

  if (names == NULL)
    return FALSE;

  if (ctx->as_of_is_latest && rd_quality_aggregate_clean (ctx, FACTS_DIRTY))
    {
      crossed_q = crossed_from_facts (ctx);
      crossed = run_rows (ctx, crossed_q, error);
      if (crossed == NULL)
        return FALSE;
      open_q = open_misses_from_facts (ctx);
      open = run_rows (ctx, open_q, error);
    }
  else
    {
      crossed_q = events_query (ctx, EVENTS_CROSSED, NULL);
      crossed = run_grouped (ctx, crossed_q, "handoff", "within_sla", "complete", error);
      if (crossed == NULL)
        return FALSE;
      open_q = events_query (ctx, EVENTS_OPEN_MISSES, NULL);
      open = run_grouped (ctx, open_q, "handoff", NULL, NULL, error);
    }
  if (open == NULL)
    return FALSE;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      const GroupRow *c = find_group (crossed, name);
      const GroupRow *o = find_group (open, name);
      double n = c ? c->count : 0, within = c ? c->sums[0] : 0, complete = c ? c->sums[1] : 0;
      double n_open = o ? o->count : 0;
      g_autofree char *why = g_strdup_printf (_("no records crossed “%s” in %s"), name, period);

      tot_crossed += n;
      tot_within += within;
      tot_complete += complete;
      tot_open += n_open;
      add_handoff_metrics (ctx, name, why, n, within, complete, n_open);
    }

  /* Overall: every handoff's events together (an event belongs to one handoff). */
  reason = g_strdup_printf (_("no records crossed a handoff in %s"), period);
  add_handoff_metrics (ctx, NULL, reason, tot_crossed, tot_within, tot_complete, tot_open);
  return TRUE;
}

/* ---------------------------------------------------------------- drill */

static gboolean
handoff_exists (RdMetricsCtx *ctx,
                const char   *name)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (ctx->db, "SELECT 1 FROM handoffs WHERE name = ?1", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW;
}


RdQuery *
rd_metrics_handoff_drill (RdMetricsCtx  *ctx,
                          const char    *metric_id,
                          const char    *bucket,
                          GError       **error)
{
  gboolean open = g_str_equal (metric_id, "handoff.open_misses");
  RdQuery *q;

  if (!g_str_equal (metric_id, "handoff.crossed") && !g_str_equal (metric_id, "handoff.sla_adherence") &&
      !g_str_equal (metric_id, "handoff.completeness") && !open)
    {
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                   _("There is no metric “%s”%s%s, or it has no list of records."), metric_id,
                   bucket ? " / " : "", bucket ? bucket : "");
      return NULL;
    }
  if (bucket && !handoff_exists (ctx, bucket))
    {
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                   _("There is no handoff named “%s”."), bucket);
      return NULL;
    }
  q = events_query (ctx, open ? EVENTS_OPEN_MISSES : EVENTS_CROSSED, bucket);
  rd_query_append (q, open ? " ORDER BY x.due_at, x.event_id" : " ORDER BY x.crossed_at, x.event_id");
  /* A ratio's list is its denominator; the summed column is its numerator. */
  if (g_str_equal (metric_id, "handoff.sla_adherence"))
    q->sum_column = g_strdup ("within_sla");
  else if (g_str_equal (metric_id, "handoff.completeness"))
    q->sum_column = g_strdup ("complete");
  return q;
}
