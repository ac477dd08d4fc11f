/* rd-metrics-quality.c — handoffs, SLAs and data quality
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * metrics.md, "Handoffs and SLAs". Ids:
 *   handoff.crossed        [handoff name] and overall   events crossed in the period
 *   handoff.sla_adherence  [handoff name] and overall   accepted within SLA / crossed
 *   handoff.open_misses    [handoff name] and overall   not accepted, past due, any period
 *   handoff.completeness   [handoff name] and overall   crossed with every required field / crossed
 *   quality.required_fields [field] and overall         filled / required, open records
 *   quality.missing        [field]                      open records missing the field
 *   quality.duplicate_accounts                          accounts matching another by name or domain
 *   quality.stale_records  ["deals", "leads"] and overall
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
 *   that kind does not have (an amount on a lead) is not checked; a field
 *   name Revdeck does not know is reported, not guessed.
 * - Required-field completeness counts each (open record, field) pair once,
 *   for every field required by a handoff whose from- or to-stage is the
 *   record's stage at the as-of date.
 * - Duplicate accounts: the counted account lies in the filter, the account it
 *   matches may lie anywhere; accounts created after the as-of date are left out.
 * - Stale records: open deals whose close date is before the as-of date (the
 *   glossary's stale deal) plus leads whose calendar days in their current
 *   lifecycle stage exceed the stage's maximum days.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rd-metrics-private.h"
#include "rd-workspace-private.h"

/* ------------------------------------------------------- required fields */

typedef enum { KIND_LEAD, KIND_DEAL, KIND_ACCOUNT, N_KINDS } RecordKind;

typedef enum
{
  F_EMAIL, F_COMPANY, F_SEGMENT, F_REGION, F_CHANNEL, F_OWNER,
  F_AMOUNT, F_CLOSE_DATE, F_ACCOUNT, F_NEXT_STEP, F_RENEWAL_DATE,
  N_FIELDS
} FieldId;

/* The names handoffs.required_fields uses. They are also column-name
 * fragments (req_email, filled_email), so they stay [a-z_]. */
static const char *const field_names[N_FIELDS] = {
  "email", "company", "segment", "region", "channel", "owner",
  "amount", "close_date", "account", "next_step", "renewal_date",
};

/* When is a required field filled: one row per field and record kind, an
 * SQL expression over the record aliased "r" — a lead (leads), a deal
 * (deal_rec: the deal as of the as-of date, with its next step) or an
 * account (accounts). A kind without a row does not have the field and is
 * not checked for it. Every query below is built from this table. */
typedef struct
{
  FieldId     field;
  RecordKind  kind;
  const char *filled_sql;
} FieldRule;

static const FieldRule field_rules[] = {
  { F_EMAIL,        KIND_LEAD,    "nullif (trim (r.email), '') IS NOT NULL" },
  { F_COMPANY,      KIND_LEAD,    "nullif (trim (r.company), '') IS NOT NULL" },
  { F_SEGMENT,      KIND_LEAD,    "r.segment_id IS NOT NULL" },
  { F_SEGMENT,      KIND_DEAL,    "r.segment_id IS NOT NULL" },
  { F_SEGMENT,      KIND_ACCOUNT, "r.segment_id IS NOT NULL" },
  { F_REGION,       KIND_LEAD,    "r.region_id IS NOT NULL" },
  { F_REGION,       KIND_DEAL,    "r.region_id IS NOT NULL" },
  { F_REGION,       KIND_ACCOUNT, "r.region_id IS NOT NULL" },
  { F_CHANNEL,      KIND_LEAD,    "r.channel_id IS NOT NULL" },
  { F_CHANNEL,      KIND_DEAL,    "r.channel_id IS NOT NULL" },
  { F_CHANNEL,      KIND_ACCOUNT, "r.channel_id IS NOT NULL" },
  { F_OWNER,        KIND_LEAD,    "r.owner_id IS NOT NULL" },
  { F_OWNER,        KIND_DEAL,    "r.owner_id IS NOT NULL" },
  { F_OWNER,        KIND_ACCOUNT, "r.owner_id IS NOT NULL" },
  { F_AMOUNT,       KIND_DEAL,    "r.amount_cents > 0" },
  { F_CLOSE_DATE,   KIND_DEAL,    "nullif (r.close_date, '') IS NOT NULL" },
  { F_ACCOUNT,      KIND_LEAD,    "r.account_id IS NOT NULL" },
  { F_ACCOUNT,      KIND_DEAL,    "r.account_id IS NOT NULL" },
  { F_NEXT_STEP,    KIND_DEAL,    "nullif (trim (r.next_step), '') IS NOT NULL" },
  /* "Renewal date": the account (a deal's account) has a renewal on record. */
  { F_RENEWAL_DATE, KIND_DEAL,    "r.account_id IN (SELECT account_id FROM renewals)" },
  { F_RENEWAL_DATE, KIND_ACCOUNT, "r.id IN (SELECT account_id FROM renewals)" },
};

static const FieldRule *
find_rule (FieldId    field,
           RecordKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_rules); i++)
    if (field_rules[i].field == field && field_rules[i].kind == kind)
      return &field_rules[i];
  return NULL;
}

static int
field_from_name (const char *name)
{
  for (int f = 0; f < N_FIELDS; f++)
    if (g_strcmp0 (field_names[f], name) == 0)
      return f;
  return -1;
}

/* "coalesce ((<filled>), 0)" for a field of a kind, or "0" when the kind
 * does not have it. coalesce: a NULL account id is "not filled", not unknown. */
static void
append_filled (RdQuery   *q,
               FieldId    field,
               RecordKind kind)
{
  const FieldRule *rule = find_rule (field, kind);

  if (rule == NULL)
    {
      rd_query_append (q, "0");
      return;
    }
  rd_query_append (q, "coalesce ((");
  rd_query_append (q, rule->filled_sql);
  rd_query_append (q, "), 0)");
}

/* Appends ", EXISTS (SELECT 1 FROM <exists_from> AND jf.value = '<field>')
 * AS need_<f>" for every field: @exists_from is fixed text naming the
 * json_each rows "jf" of the handoffs that apply, ending in a WHERE clause. */
static void
append_need_columns (RdQuery    *q,
                     const char *exists_from)
{
  for (int f = 0; f < N_FIELDS; f++)
    {
      g_autofree char *column = g_strdup_printf (", EXISTS (SELECT 1 FROM %s AND jf.value = ", exists_from);
      rd_query_append (q, column);
      rd_query_add_text (q, field_names[f]);
      g_free (column);
      column = g_strdup_printf (") AS need_%d", f);
      rd_query_append (q, column);
    }
}

/* The missing required fields of one record, as "email, owner" ('' when none):
 * @flags is the alias whose need_<f> columns say what is required. */
static void
append_missing_list (RdQuery    *q,
                     RecordKind  kind,
                     const char *flags)
{
  rd_query_append (q, "rtrim (''");
  for (int f = 0; f < N_FIELDS; f++)
    {
      g_autofree char *cond = NULL;

      if (find_rule (f, kind) == NULL)
        continue;
      cond = g_strdup_printf (" || CASE WHEN %s.need_%d AND NOT ", flags, f);
      rd_query_append (q, cond);
      append_filled (q, f, kind);
      rd_query_append (q, " THEN ");
      rd_query_add_text (q, field_names[f]);
      rd_query_append (q, " || ', ' ELSE '' END");
    }
  rd_query_append (q, ", ', ')");
}

/* ------------------------------------------------------------ helpers */

/* A new query: @prefix, the text of @inner, @suffix, with @inner's values. */
static RdQuery *
wrap_query (const RdQuery *inner,
            const char    *prefix,
            const char    *suffix)
{
  RdQuery *q = rd_query_new (prefix);

  g_string_append (q->sql, inner->sql->str);
  g_string_append (q->sql, suffix);
  for (guint i = 0; i < inner->params->len; i++)
    g_ptr_array_add (q->params, g_variant_ref (g_ptr_array_index (inner->params, i)));
  return q;
}

/* What the period is called in reasons. */
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

static void
append_lead_rec (RdMetricsCtx *ctx,
                 RdQuery      *q)
{
  /* The lead at the as-of date with the fields lead_at does not carry. When
   * nothing is recorded after as-of, lead_at is the leads table itself (the
   * framework's own fast path), and reading it once saves a lookup per lead. */
  if (ctx->as_of_is_latest)
    {
      rd_query_append (q,
        "lead_rec AS (SELECT l.id, l.name, l.email, l.company, l.account_id, l.owner_id, l.channel_id,"
        " l.segment_id, l.region_id, l.stage_id, l.stage_entered_at FROM leads l)");
      return;
    }
  rd_metrics_append_lead_at (ctx, q);
  rd_query_append (q,
    ", lead_rec AS (SELECT la.id, la.name, l.email, l.company, la.account_id, la.owner_id, la.channel_id,"
    " la.segment_id, la.region_id, la.stage_id, la.stage_entered_at"
    " FROM lead_at la JOIN leads l ON l.id = la.id)");
}

static void
append_deal_rec (RdMetricsCtx *ctx,
                 RdQuery      *q)
{
  rd_metrics_append_deal_at (ctx, q);
  rd_query_append (q,
    ", deal_rec AS (SELECT d.id, d.name, d.account_id, d.owner_id, d.channel_id, d.segment_id, d.region_id,"
    " d.stage_id, d.stage_entered_at, d.close_date, d.amount_cents, d.status, o.next_step"
    " FROM deal_at d JOIN opportunities o ON o.id = d.id)");
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
  append_missing_list (q, kind, "hf");
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

  append_deal_rec (ctx, q);
  rd_query_append (q, ", hflags AS (SELECT h.id, h.name, h.sla_hours, h.owner_team_id, h.owner_person_id, h.exception_path");
  append_need_columns (q, "json_each (h.required_fields) jf WHERE 1");
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

/* -------------------------------------------------------- open records */

/* The open records at the as-of date that must hold some required field.
 * Both the list (open_records_query) and the totals compute () reads
 * (open_records_totals_query) are built here from the same parts: the
 * records (lead_rec: leads not in a won lifecycle stage; deal_rec: open
 * deals), the stages' required fields (sflags), the filter, and for each
 * field the expressions of field_rules. */

/* "WITH lead_rec …, deal_rec …, sflags …": per stage that is not won or
 * lost, need_<f> = some handoff from or to it requires field f. */
static RdQuery *
open_records_ctes (RdMetricsCtx *ctx)
{
  RdQuery *q = rd_query_new ("WITH ");

  append_lead_rec (ctx, q);
  rd_query_append (q, ", ");
  append_deal_rec (ctx, q);
  rd_query_append (q, ", sflags AS (SELECT st.id AS stage_id, st.name AS stage");
  append_need_columns (q, "handoffs h, json_each (h.required_fields) jf WHERE st.id IN (h.from_stage_id, h.to_stage_id)");
  rd_query_append (q, " FROM stages st WHERE NOT st.is_won AND NOT st.is_lost)");
  return q;
}

/* Field f for a record of @kind: whether it is required (the stage needs
 * it and the kind has it) and whether it is filled, as two SQL values. */
static void
append_required (RdQuery    *q,
                 RecordKind  kind,
                 FieldId     f)
{
  g_autofree char *need = g_strdup_printf ("sf.need_%d", f);

  rd_query_append (q, find_rule (f, kind) ? need : "0");
}

static void
append_filled_required (RdQuery    *q,
                        RecordKind  kind,
                        FieldId     f)
{
  g_autofree char *need = g_strdup_printf ("(sf.need_%d AND ", f);

  if (find_rule (f, kind) == NULL)
    {
      rd_query_append (q, "0");
      return;
    }
  rd_query_append (q, need);
  append_filled (q, f, kind);
  rd_query_append (q, ")");
}

/* " FROM <records of kind> r JOIN sflags sf … WHERE … <filter>" */
static void
append_open_records_from (RdMetricsCtx *ctx,
                          RdQuery      *q,
                          RecordKind    kind)
{
  rd_query_append (q, kind == KIND_LEAD
                      ? " FROM lead_rec r JOIN sflags sf ON sf.stage_id = r.stage_id WHERE 1"
                      : " FROM deal_rec r JOIN sflags sf ON sf.stage_id = r.stage_id WHERE r.status = 'open'");
  rd_metrics_filter_sql (ctx, q, "r", TRUE, TRUE);
}

/* The list: one row per record (CTE "recsel"), with req_<field> and
 * filled_<field> (1/0), n_required and n_filled. Callers append the SELECT. */
static RdQuery *
open_records_query (RdMetricsCtx *ctx)
{
  RdQuery *q = open_records_ctes (ctx);

  rd_query_append (q, ", rec AS (");
  for (RecordKind kind = KIND_LEAD; kind <= KIND_DEAL; kind++)
    {
      if (kind != KIND_LEAD)
        rd_query_append (q, " UNION ALL ");
      rd_query_append (q, kind == KIND_LEAD ? "SELECT 'lead' AS record_kind" : "SELECT 'deal'");
      rd_query_append (q, ", r.id AS record_id, r.name AS record, r.account_id, r.owner_id, sf.stage,"
                          " r.stage_entered_at");
      for (int f = 0; f < N_FIELDS; f++)
        {
          g_autofree char *req = g_strdup_printf (" AS req_%s, ", field_names[f]);
          g_autofree char *filled = g_strdup_printf (" AS filled_%s", field_names[f]);

          rd_query_append (q, ", ");
          append_required (q, kind, f);
          rd_query_append (q, req);
          append_filled_required (q, kind, f);
          rd_query_append (q, filled);
        }
      append_open_records_from (ctx, q, kind);
    }

  rd_query_append (q, "), recsel AS (SELECT * FROM (SELECT rec.*, 0");
  for (int f = 0; f < N_FIELDS; f++)
    {
      g_autofree char *part = g_strdup_printf (" + req_%s", field_names[f]);
      rd_query_append (q, part);
    }
  rd_query_append (q, " AS n_required, 0");
  for (int f = 0; f < N_FIELDS; f++)
    {
      g_autofree char *part = g_strdup_printf (" + filled_%s", field_names[f]);
      rd_query_append (q, part);
    }
  rd_query_append (q, " AS n_filled FROM rec) WHERE n_required > 0) ");
  return q;
}

/* The totals of the list's req_<field> and filled_<field> columns, one row
 * per record kind (columns: required, filled, required, filled … in field
 * order), aggregated straight from the records: no row is built. */
static RdQuery *
open_records_totals_query (RdMetricsCtx *ctx)
{
  RdQuery *q = open_records_ctes (ctx);

  rd_query_append (q, " ");
  for (RecordKind kind = KIND_LEAD; kind <= KIND_DEAL; kind++)
    {
      rd_query_append (q, kind == KIND_LEAD ? "SELECT " : " UNION ALL SELECT ");
      for (int f = 0; f < N_FIELDS; f++)
        {
          rd_query_append (q, f ? ", total (" : "total (");
          append_required (q, kind, f);
          rd_query_append (q, "), total (");
          append_filled_required (q, kind, f);
          rd_query_append (q, ")");
        }
      append_open_records_from (ctx, q, kind);
    }
  return q;
}

static const char open_record_columns[] =
  "SELECT x.record_kind, x.record_id, x.record, acc.name AS account, p.name AS owner, x.stage,"
  " x.stage_entered_at AS in_stage_since";
static const char open_record_joins[] =
  " FROM recsel x LEFT JOIN accounts acc ON acc.id = x.account_id LEFT JOIN people p ON p.id = x.owner_id";

/* The records behind quality.required_fields (@field < 0: one row per record
 * and required field, "filled" 1/0) or quality.missing (@missing). */
static RdQuery *
required_fields_query (RdMetricsCtx *ctx,
                       int           field,
                       gboolean      missing)
{
  RdQuery *q = open_records_query (ctx);

  if (field < 0)
    {
      /* One row per (record, required field): the denominator's units. */
      rd_query_append (q, ", fl (i, field) AS (VALUES ");
      for (int f = 0; f < N_FIELDS; f++)
        {
          g_autofree char *row = g_strdup_printf ("%s(%d, ", f ? ", " : "", f);
          rd_query_append (q, row);
          rd_query_add_text (q, field_names[f]);
          rd_query_append (q, ")");
        }
      rd_query_append (q, ") ");
      rd_query_append (q, open_record_columns);
      rd_query_append (q, ", fl.field, CASE fl.i");
      for (int f = 0; f < N_FIELDS; f++)
        {
          g_autofree char *arm = g_strdup_printf (" WHEN %d THEN x.filled_%s", f, field_names[f]);
          rd_query_append (q, arm);
        }
      rd_query_append (q, " END AS filled");
      rd_query_append (q, open_record_joins);
      rd_query_append (q, " JOIN fl ON CASE fl.i");
      for (int f = 0; f < N_FIELDS; f++)
        {
          g_autofree char *arm = g_strdup_printf (" WHEN %d THEN x.req_%s", f, field_names[f]);
          rd_query_append (q, arm);
        }
      rd_query_append (q, " END ORDER BY x.record_kind, x.record_id, fl.i");
      q->sum_column = g_strdup ("filled");
      return q;
    }

  {
    g_autofree char *cols = g_strdup_printf (", x.filled_%s AS filled", field_names[field]);
    g_autofree char *where = missing
      ? g_strdup_printf (" WHERE x.req_%s AND NOT x.filled_%s", field_names[field], field_names[field])
      : g_strdup_printf (" WHERE x.req_%s", field_names[field]);

    rd_query_append (q, open_record_columns);
    rd_query_append (q, cols);
    rd_query_append (q, open_record_joins);
    rd_query_append (q, where);
    rd_query_append (q, " ORDER BY x.record_kind, x.record_id");
    if (!missing)
      q->sum_column = g_strdup ("filled");
  }
  return q;
}

/* --------------------------------------------------- duplicate accounts */

/* Normalising a name: these become spaces; then up to two of these words
 * are removed from the end (legal suffixes: "Pty Ltd" is two). */
static const char *const name_punctuation[] = { ".", ",", "-", "&", "'", "(", ")" };
static const char *const name_suffixes[] = {
  "inc", "incorporated", "llc", "ltd", "limited", "corp", "corporation", "co", "company",
  "gmbh", "ag", "sa", "sas", "bv", "nv", "plc", "pty", "pte", "kk", "srl", "spa", "ab", "oy",
};

/* "CASE WHEN <t> ends in a suffix word THEN <t> without it ELSE <t> END",
 * over a subquery row with columns t (the name so far) and w (t without its
 * last word: rtrim (t, 'a…z')). */
static void
append_strip_suffix (RdQuery *q)
{
  rd_query_append (q, "CASE WHEN w <> '' AND substr (t, length (w) + 1) IN (");
  for (guint i = 0; i < G_N_ELEMENTS (name_suffixes); i++)
    {
      if (i)
        rd_query_append (q, ", ");
      rd_query_add_text (q, name_suffixes[i]);
    }
  rd_query_append (q, ") THEN rtrim (w) ELSE t END");
}

#define ACC_COLUMNS "id, name, domain, owner_id, segment_id, region_id, channel_id"
#define LAST_WORD_CUT "(SELECT *, rtrim (t, 'abcdefghijklmnopqrstuvwxyz') AS w FROM "

/* Accounts whose normalised name or lower-case domain equals another's.
 * The normalised name: lower (name), punctuation turned to spaces, trimmed,
 * up to two legal suffixes removed from the end, spaces removed:
 * "GOLDENWAVE Mobility North, Inc." and "Goldenwave Mobility North Inc" both
 * give "goldenwavemobilitynorth". Plain SQL built from the two lists above;
 * the steps are materialised so that no step is computed twice.
 * Columns: account_id, account, domain, owner, group_key, matched_on,
 * other_account_ids. */
static RdQuery *
duplicates_query (RdMetricsCtx *ctx)
{
  RdQuery *q = rd_query_new ("WITH acc0 AS MATERIALIZED (SELECT " ACC_COLUMNS ", trim (");

  for (guint i = 0; i < G_N_ELEMENTS (name_punctuation); i++)
    rd_query_append (q, "replace (");
  rd_query_append (q, "lower (name)");
  for (guint i = 0; i < G_N_ELEMENTS (name_punctuation); i++)
    {
      rd_query_append (q, ", ");
      rd_query_add_text (q, name_punctuation[i]);
      rd_query_append (q, ", ' ')");
    }
  rd_query_appendv (q, ") AS t FROM accounts WHERE created_at <= ?),",
                    G_TYPE_STRING, ctx->filter->as_of, G_TYPE_INVALID);
  rd_query_append (q, " acc1 AS MATERIALIZED (SELECT " ACC_COLUMNS ", ");
  append_strip_suffix (q);
  rd_query_append (q, " AS t FROM " LAST_WORD_CUT "acc0)),"
                      " acc AS (SELECT " ACC_COLUMNS ", replace (");
  append_strip_suffix (q);
  /* lower (domain) is what the index accounts_by_domain holds. */
  rd_query_appendv (q,
    ", ' ', '') AS name_key, CASE WHEN domain <> '' THEN lower (domain) END AS domain_key"
    " FROM " LAST_WORD_CUT "acc1)),"
    " name_dup AS (SELECT name_key FROM acc WHERE name_key <> '' GROUP BY name_key HAVING count(*) > 1),"
    " domain_dup AS (SELECT lower (domain) AS domain_key FROM accounts WHERE domain IS NOT NULL AND domain <> ''"
    "   AND created_at <= ? GROUP BY lower (domain) HAVING count(*) > 1),"
    " dup AS (SELECT * FROM acc WHERE name_key IN name_dup OR domain_key IN domain_dup),"
    " pairs AS (SELECT a.id, b.id AS other_id, 1 AS by_name, 0 AS by_domain FROM dup a JOIN dup b"
    "             ON b.name_key = a.name_key AND b.id <> a.id"
    "           UNION ALL SELECT a.id, b.id, 0, 1 FROM dup a JOIN dup b"
    "             ON b.domain_key = a.domain_key AND b.id <> a.id)"
    " SELECT a.id AS account_id, a.name AS account, a.domain, p.name AS owner,"
    " CASE WHEN max (pr.by_name) THEN a.name_key ELSE a.domain_key END AS group_key,"
    " CASE WHEN max (pr.by_name) AND max (pr.by_domain) THEN 'name and domain'"
    "      WHEN max (pr.by_name) THEN 'name' ELSE 'domain' END AS matched_on,"
    " group_concat (DISTINCT pr.other_id) AS other_account_ids"
    " FROM dup a JOIN pairs pr ON pr.id = a.id LEFT JOIN people p ON p.id = a.owner_id WHERE 1",
    G_TYPE_STRING, ctx->filter->as_of, G_TYPE_INVALID);
  rd_metrics_filter_sql (ctx, q, "a", TRUE, TRUE);
  rd_query_append (q, " GROUP BY a.id");
  return q;
}

/* -------------------------------------------------------- stale records */

/* Open deals past their close date and leads past their stage's maximum
 * days, at the as-of date. @kind: NULL both, "deals" or "leads". The rows
 * come from the CTE "stale" (read from indexes alone when nothing is
 * filtered); @with_names joins the names a leader reads, one row each. */
static RdQuery *
stale_query (RdMetricsCtx *ctx,
             const char   *kind,
             gboolean      with_names)
{
  gboolean deals = kind == NULL || g_str_equal (kind, "deals");
  gboolean leads = kind == NULL || g_str_equal (kind, "leads");
  RdQuery *q = rd_query_new ("WITH ");

  if (deals)
    rd_metrics_append_deal_at (ctx, q);
  if (leads)
    {
      if (deals)
        rd_query_append (q, ", ");
      rd_metrics_append_lead_at (ctx, q);
    }
  rd_query_append (q, ", stale AS (");

  if (deals)
    {
      rd_query_appendv (q,
        "SELECT 'deal' AS record_kind, d.id AS record_id, d.stage_id, d.amount_cents, d.close_date,"
        " d.stage_entered_at AS in_stage_since"
        " FROM deal_at d WHERE d.status = 'open' AND d.close_date < ?",
        G_TYPE_STRING, ctx->filter->as_of, G_TYPE_INVALID);
      rd_metrics_filter_sql (ctx, q, "d", TRUE, TRUE);
    }
  if (leads)
    {
      if (deals)
        rd_query_append (q, " UNION ALL ");
      /* Calendar days: days in stage = as-of − the day it entered; stale when
       * above max_days, i.e. entered before the day (as-of − max_days). */
      /* Replaying, the stage comes from each lead's latest event: the "+"
       * keeps SQLite from driving the join from the events of a stage, which
       * would test every lead against every event. */
      rd_query_append (q,
        "SELECT 'lead' AS record_kind, l.id AS record_id, l.stage_id, NULL AS amount_cents, NULL AS close_date,"
        " l.stage_entered_at AS in_stage_since FROM stages st JOIN lead_at l");
      rd_query_append (q, ctx->as_of_is_latest ? " ON l.stage_id = st.id" : " ON +l.stage_id = st.id");
      rd_query_append (q, " WHERE st.kind = 'lifecycle' AND NOT st.is_won AND st.max_days IS NOT NULL AND ");
      rd_query_append (q, ctx->as_of_is_latest ? "l.stage_entered_at" : "+l.stage_entered_at");
      rd_query_appendv (q, " < date (?, '-' || st.max_days || ' days')",
                        G_TYPE_STRING, ctx->filter->as_of, G_TYPE_INVALID);
      rd_metrics_filter_sql (ctx, q, "l", TRUE, TRUE);
    }
  rd_query_append (q, ") ");

  if (!with_names)
    {
      rd_query_append (q, "SELECT * FROM stale");
      return q;
    }
  /* Days past the line: a deal's since its close date, a lead's beyond
   * its stage's maximum. */
  rd_query_appendv (q,
    "SELECT s.record_kind, s.record_id, coalesce (o.name, l.name) AS record, acc.name AS account,"
    " p.name AS owner, st.name AS stage, s.amount_cents / 100.0 AS amount, s.close_date, s.in_stage_since,"
    " st.max_days, CASE s.record_kind WHEN 'deal' THEN CAST (julianday (?) - julianday (s.close_date) AS INTEGER)"
    "   ELSE CAST (julianday (?) - julianday (date (s.in_stage_since)) AS INTEGER) - st.max_days END AS days_overdue"
    " FROM stale s JOIN stages st ON st.id = s.stage_id"
    " LEFT JOIN opportunities o ON s.record_kind = 'deal' AND o.id = s.record_id"
    " LEFT JOIN leads l ON s.record_kind = 'lead' AND l.id = s.record_id"
    " LEFT JOIN accounts acc ON acc.id = coalesce (o.account_id, l.account_id)"
    " LEFT JOIN people p ON p.id = coalesce (o.owner_id, l.owner_id)"
    " ORDER BY s.record_kind, s.record_id",
    G_TYPE_STRING, ctx->filter->as_of, G_TYPE_STRING, ctx->filter->as_of, G_TYPE_INVALID);
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
  g_autoptr(RdQuery) q = wrap_query (query, prefix, ") GROUP BY 1");
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

static RdMetric *
add_counted (RdMetricsCtx *ctx,
             const char   *id,
             const char   *bucket,
             const char   *label,
             RdUnit        unit,
             const char   *formula)
{
  RdMetric *m = rd_metrics_add (ctx, id, bucket, label, unit);

  rd_metric_set_formula (m, formula);
  m->drillable = TRUE;
  return m;
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

static gboolean
compute_handoffs (RdMetricsCtx  *ctx,
                  GError       **error)
{
  g_autoptr(GPtrArray) names = handoff_names (ctx, error);
  g_autoptr(RdQuery) crossed_q = NULL;
  g_autoptr(RdQuery) open_q = NULL;
  g_autoptr(GArray) crossed = NULL;
  g_autoptr(GArray) open = NULL;
  g_autofree char *period = period_text (ctx);
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
  double tot_crossed = 0, tot_within = 0, tot_complete = 0, tot_open = 0;
  RdMetric *m;

  if (names == NULL)
    return FALSE;

  crossed_q = events_query (ctx, EVENTS_CROSSED, NULL);
  crossed = run_grouped (ctx, crossed_q, "handoff", "within_sla", "complete", error);
  if (crossed == NULL)
    return FALSE;
  open_q = events_query (ctx, EVENTS_OPEN_MISSES, NULL);
  open = run_grouped (ctx, open_q, "handoff", NULL, NULL, error);
  if (open == NULL)
    return FALSE;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      const GroupRow *c = find_group (crossed, name);
      const GroupRow *o = find_group (open, name);
      double n = c ? c->count : 0, within = c ? c->sums[0] : 0, complete = c ? c->sums[1] : 0;
      g_autofree char *reason = g_strdup_printf (_("no records crossed “%s” in %s"), name, period);

      tot_crossed += n;
      tot_within += within;
      tot_complete += complete;
      tot_open += o ? o->count : 0;

      m = add_counted (ctx, "handoff.crossed", name, _("Records that crossed the handoff"), RD_UNIT_COUNT,
                       crossed_formula);
      rd_metric_set_value (m, n);

      m = add_counted (ctx, "handoff.sla_adherence", name, _("SLA adherence"), RD_UNIT_PERCENT, sla_formula);
      rd_metric_set_ratio (m, within, n, RD_UNIT_COUNT, reason);
      rd_metric_set_definition (ctx, m, "sla-adherence");

      m = add_counted (ctx, "handoff.open_misses", name, _("Open SLA misses"), RD_UNIT_COUNT, open_formula);
      rd_metric_set_value (m, o ? o->count : 0);
      rd_metric_set_definition (ctx, m, "sla-adherence");

      m = add_counted (ctx, "handoff.completeness", name, _("Handoff completeness"), RD_UNIT_PERCENT,
                       complete_formula);
      rd_metric_set_ratio (m, complete, n, RD_UNIT_COUNT, reason);
      rd_metric_set_definition (ctx, m, "handoff-completeness");
    }

  /* Overall: every handoff's events together (an event belongs to one handoff). */
  {
    g_autofree char *reason = g_strdup_printf (_("no records crossed a handoff in %s"), period);

    m = add_counted (ctx, "handoff.crossed", NULL, _("Records that crossed a handoff"), RD_UNIT_COUNT,
                     crossed_formula);
    rd_metric_set_value (m, tot_crossed);

    m = add_counted (ctx, "handoff.sla_adherence", NULL, _("SLA adherence"), RD_UNIT_PERCENT, sla_formula);
    rd_metric_set_ratio (m, tot_within, tot_crossed, RD_UNIT_COUNT, reason);
    rd_metric_set_definition (ctx, m, "sla-adherence");

    m = add_counted (ctx, "handoff.open_misses", NULL, _("Open SLA misses"), RD_UNIT_COUNT, open_formula);
    rd_metric_set_value (m, tot_open);
    rd_metric_set_definition (ctx, m, "sla-adherence");

    m = add_counted (ctx, "handoff.completeness", NULL, _("Handoff completeness"), RD_UNIT_PERCENT,
                     complete_formula);
    rd_metric_set_ratio (m, tot_complete, tot_crossed, RD_UNIT_COUNT, reason);
    rd_metric_set_definition (ctx, m, "handoff-completeness");
  }
  return TRUE;
}

/* Every field name some handoff requires, known ones first in table order. */
static GPtrArray *
required_field_names (RdMetricsCtx  *ctx,
                      GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (ctx->db,
    "SELECT DISTINCT CAST (jf.value AS TEXT) FROM handoffs h, json_each (h.required_fields) jf"
    " ORDER BY 1", error);
  GPtrArray *named, *ordered;

  if (stmt == NULL)
    return NULL;
  named = g_ptr_array_new_with_free_func (g_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (named, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));

  ordered = g_ptr_array_new_with_free_func (g_free);
  for (int f = 0; f < N_FIELDS; f++)
    for (guint i = 0; i < named->len; i++)
      if (g_str_equal (g_ptr_array_index (named, i), field_names[f]))
        g_ptr_array_add (ordered, g_strdup (field_names[f]));
  for (guint i = 0; i < named->len; i++)
    if (field_from_name (g_ptr_array_index (named, i)) < 0)
      g_ptr_array_add (ordered, g_strdup (g_ptr_array_index (named, i)));
  g_ptr_array_unref (named);
  return ordered;
}

static gboolean
compute_required_fields (RdMetricsCtx  *ctx,
                         GError       **error)
{
  g_autoptr(GPtrArray) names = required_field_names (ctx, error);
  g_autoptr(RdQuery) q = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) unknown = g_string_new (NULL);
  double required[N_FIELDS] = { 0 }, filled[N_FIELDS] = { 0 }, tot_required = 0, tot_filled = 0;
  int rc;
  const char *ratio_formula = _("filled required fields ÷ required fields, over open records at the as-of date "
                                "(leads not in a won lifecycle stage, open deals): a record needs each field "
                                "required by a handoff whose from- or to-stage is its current stage, counted "
                                "once; fields its kind does not have are not checked; not limited to the period");
  RdMetric *m;

  if (names == NULL)
    return FALSE;

  /* One pass over the open records of each kind gives every field's two sums. */
  q = open_records_totals_query (ctx);
  stmt = rd_metrics_prepare (ctx, q, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int f = 0; f < N_FIELDS; f++)
      {
        required[f] += sqlite3_column_double (stmt, 2 * f);
        filled[f] += sqlite3_column_double (stmt, 2 * f + 1);
      }
  if (rc != SQLITE_DONE)
    {
      rd_db_set_error (ctx->db, error, NULL);
      return FALSE;
    }
  for (int f = 0; f < N_FIELDS; f++)
    {
      tot_required += required[f];
      tot_filled += filled[f];
    }

  for (guint i = 0; i < names->len; i++)
    if (field_from_name (g_ptr_array_index (names, i)) < 0)
      g_string_append_printf (unknown, "%s“%s”", unknown->len ? ", " : "", (char *) g_ptr_array_index (names, i));

  m = add_counted (ctx, "quality.required_fields", NULL, _("Required-field completeness"), RD_UNIT_PERCENT,
                   ratio_formula);
  rd_metric_set_ratio (m, tot_filled, tot_required, RD_UNIT_COUNT,
                       _("no open record is in a stage whose handoffs require a field it has"));
  rd_metric_set_definition (ctx, m, "required-field-completeness");
  if (unknown->len)
    m->note = g_strdup_printf (_("Not checked, not a field Revdeck knows: %s"), unknown->str);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      int f = field_from_name (name);
      g_autofree char *reason = NULL;
      g_autofree char *missing_formula = NULL;

      if (f < 0)
        {
          /* A name the handoff definitions use but no record has: say so. */
          m = rd_metrics_add (ctx, "quality.required_fields", name, _("Required-field completeness"),
                              RD_UNIT_PERCENT);
          rd_metric_set_formula (m, ratio_formula);
          reason = g_strdup_printf (_("“%s” is not a field Revdeck knows, so it cannot be checked"), name);
          rd_metric_set_undefined (m, reason);
          rd_metric_set_definition (ctx, m, "required-field-completeness");
          continue;
        }

      reason = g_strdup_printf (_("no open record that can hold “%s” is in a stage whose handoffs require it"), name);
      m = add_counted (ctx, "quality.required_fields", name, _("Required-field completeness"), RD_UNIT_PERCENT,
                       ratio_formula);
      rd_metric_set_ratio (m, filled[f], required[f], RD_UNIT_COUNT, reason);
      rd_metric_set_definition (ctx, m, "required-field-completeness");

      missing_formula = g_strdup_printf (_("open records at the as-of date that need “%s” (their current stage is "
                                           "the from- or to-stage of a handoff requiring it) and do not have it "
                                           "filled; not limited to the period"), name);
      m = add_counted (ctx, "quality.missing", name, _("Records missing a required field"), RD_UNIT_COUNT,
                       missing_formula);
      rd_metric_set_value (m, required[f] - filled[f]);
      rd_metric_set_definition (ctx, m, "required-field-completeness");
    }
  return TRUE;
}

static gboolean
compute_duplicates_and_stale (RdMetricsCtx  *ctx,
                              GError       **error)
{
  g_autoptr(RdQuery) dup_q = duplicates_query (ctx);
  g_autoptr(RdQuery) stale_q = stale_query (ctx, NULL, FALSE);
  double n_deals, n_leads;
  RdMetric *m;

  m = rd_metrics_add_from_query (ctx, "quality.duplicate_accounts", NULL, _("Duplicate accounts"), RD_UNIT_COUNT,
                                 dup_q, error);
  if (m == NULL)
    return FALSE;
  rd_metric_set_formula (m, _("accounts created by the as-of date whose normalised name (lower case, punctuation "
                              "and legal suffixes such as Inc, Ltd, LLC, Corp, GmbH removed) or lower-case domain "
                              "equals another account's; the other account may lie outside the filter; not "
                              "limited to the period"));

  /* Counted in one pass, without sorting the rows by kind. */
  {
    g_autoptr(RdQuery) q = wrap_query (stale_q, "SELECT count(*), total (record_kind = 'deal') FROM (", ")");
    g_autoptr(sqlite3_stmt) stmt = rd_metrics_prepare (ctx, q, error);

    if (stmt == NULL)
      return FALSE;
    if (sqlite3_step (stmt) != SQLITE_ROW)
      {
        rd_db_set_error (ctx->db, error, NULL);
        return FALSE;
      }
    n_deals = sqlite3_column_double (stmt, 1);
    n_leads = sqlite3_column_int64 (stmt, 0) - n_deals;
  }

  m = add_counted (ctx, "quality.stale_records", NULL, _("Stale records"), RD_UNIT_COUNT,
                   _("open deals whose close date (as of the as-of date) is before the as-of date + leads whose "
                     "calendar days in their current lifecycle stage exceed the stage's maximum days; at the "
                     "as-of date, not limited to the period"));
  rd_metric_set_value (m, n_deals + n_leads);

  m = add_counted (ctx, "quality.stale_records", "deals", _("Stale deals"), RD_UNIT_COUNT,
                   _("open deals at the as-of date whose close date is before the as-of date; not limited to "
                     "the period"));
  rd_metric_set_value (m, n_deals);
  rd_metric_set_definition (ctx, m, "stale-deal");

  m = add_counted (ctx, "quality.stale_records", "leads", _("Stale leads"), RD_UNIT_COUNT,
                   _("leads whose calendar days in their current lifecycle stage at the as-of date exceed the "
                     "stage's maximum days (won stages and stages without a maximum never count); not limited "
                     "to the period"));
  rd_metric_set_value (m, n_leads);
  return TRUE;
}

static gboolean
compute (RdMetricsCtx  *ctx,
         GError       **error)
{
  return compute_handoffs (ctx, error) &&
         compute_required_fields (ctx, error) &&
         compute_duplicates_and_stale (ctx, error);
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

static RdQuery *
drill (RdMetricsCtx  *ctx,
       const char    *metric_id,
       const char    *bucket,
       GError       **error)
{
  if (g_str_equal (metric_id, "handoff.crossed") || g_str_equal (metric_id, "handoff.sla_adherence") ||
      g_str_equal (metric_id, "handoff.completeness") || g_str_equal (metric_id, "handoff.open_misses"))
    {
      gboolean open = g_str_equal (metric_id, "handoff.open_misses");
      RdQuery *q;

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

  if (g_str_equal (metric_id, "quality.required_fields") || g_str_equal (metric_id, "quality.missing"))
    {
      gboolean missing = g_str_equal (metric_id, "quality.missing");
      int f = bucket ? field_from_name (bucket) : -1;

      if ((bucket && f < 0) || (missing && bucket == NULL))
        {
          g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                       _("“%s” lists records per required field; “%s” is not one Revdeck knows."),
                       metric_id, bucket ? bucket : "");
          return NULL;
        }
      return required_fields_query (ctx, f, missing);
    }

  if (g_str_equal (metric_id, "quality.duplicate_accounts") && bucket == NULL)
    {
      RdQuery *q = duplicates_query (ctx);
      rd_query_append (q, " ORDER BY group_key, account_id");
      return q;
    }

  if (g_str_equal (metric_id, "quality.stale_records") &&
      (bucket == NULL || g_str_equal (bucket, "deals") || g_str_equal (bucket, "leads")))
    {
      return stale_query (ctx, bucket, TRUE);
    }

  g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
               _("There is no metric “%s”%s%s, or it has no list of records."), metric_id,
               bucket ? " / " : "", bucket ? bucket : "");
  return NULL;
}

const RdMetricGroup rd_metrics_quality_group = { "quality", compute, drill };
