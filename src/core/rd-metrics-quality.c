/* rd-metrics-quality.c — data quality: required fields, stale records; the
 * quality group (handoff.* lives in rd-metrics-handoff.c, duplicate accounts
 * in rd-metrics-quality-dup.c)
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * metrics.md, "Handoffs and SLAs". Ids:
 *   quality.required_fields [field] and overall         filled / required, open records
 *   quality.missing        [field]                      open records missing the field
 *   quality.duplicate_accounts                          accounts matching another by name or domain
 *   quality.stale_records  ["deals", "leads"] and overall
 *
 * Where metrics.md is silent (each choice is repeated in the metric's formula):
 * - Field values have no history except a deal's amount and close date, so
 *   a required field is checked on the record as it is stored, with the
 *   deal's amount and close date as of the as-of date. A field a record of
 *   that kind does not have (an amount on a lead) is not checked; a field
 *   name Revdeck does not know is reported, not guessed.
 * - Required-field completeness counts each (open record, field) pair once,
 *   for every field required by a handoff whose from- or to-stage is the
 *   record's stage at the as-of date.
 * - Stale records: open deals whose close date is before the as-of date (the
 *   glossary's stale deal) plus leads whose calendar days in their current
 *   lifecycle stage exceed the stage's maximum days.
 *
 * At the default as-of (nothing recorded later) the numbers are read from
 * the aggregate agg_quality_fields (rd-metrics-quality-fields.c) and an index
 * of open deals by close date; the drill lists always read the records, and
 * the consistency tests check that both agree. For an earlier as-of date the
 * numbers come from the records, replayed to that date.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rd-metrics-quality-private.h"
#include "rd-workspace-private.h"

/* -------------------------------------------------------- open records */

/* The open records at the as-of date that must hold some required field.
 * Both the list (open_records_query) and the totals compute () reads
 * (open_records_totals_query) are built here from the same parts: the
 * records (lead_rec: leads not in a won lifecycle stage; deal_rec: open
 * deals), the stages' required fields (sflags), the filter, and for each
 * field the expressions of field_rules. */

/* "sflags AS (…)": per stage that is not won or lost, need_<f> = some
 * handoff from or to it requires field f. */
static void
append_sflags (RdQuery *q)
{
  rd_query_append (q, "sflags AS MATERIALIZED (SELECT st.id AS stage_id, st.name AS stage");
  rd_quality_append_need_columns (q, "handoffs h, json_each (h.required_fields) jf"
                                     " WHERE st.id IN (h.from_stage_id, h.to_stage_id)");
  rd_query_append (q, " FROM stages st WHERE NOT st.is_won AND NOT st.is_lost)");
}

/* "WITH lead_rec …, deal_rec …, sflags …" */
static RdQuery *
open_records_ctes (RdMetricsCtx *ctx)
{
  RdQuery *q = rd_query_new ("WITH ");

  rd_quality_append_lead_rec (ctx, q);
  rd_query_append (q, ", ");
  rd_quality_append_deal_rec (ctx, q);
  rd_query_append (q, ", ");
  append_sflags (q);
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

  rd_query_append (q, rd_quality_kind_has_field (kind, f) ? need : "0");
}

static void
append_filled_required (RdQuery    *q,
                        RecordKind  kind,
                        FieldId     f)
{
  g_autofree char *need = g_strdup_printf ("(sf.need_%d AND ", f);

  if (!rd_quality_kind_has_field (kind, f))
    {
      rd_query_append (q, "0");
      return;
    }
  rd_query_append (q, need);
  rd_quality_append_filled (q, f, kind);
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
          g_autofree char *req = g_strdup_printf (" AS req_%s, ", rd_quality_field_names[f]);
          g_autofree char *filled = g_strdup_printf (" AS filled_%s", rd_quality_field_names[f]);

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
      g_autofree char *part = g_strdup_printf (" + req_%s", rd_quality_field_names[f]);
      rd_query_append (q, part);
    }
  rd_query_append (q, " AS n_required, 0");
  for (int f = 0; f < N_FIELDS; f++)
    {
      g_autofree char *part = g_strdup_printf (" + filled_%s", rd_quality_field_names[f]);
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

/* The same totals from agg_quality_fields (the current records, so only at
 * the default as-of): per kind, the records' counts times whether their
 * stage needs the field, and times whether its bit is set in their mask. */
static RdQuery *
open_records_totals_from_aggregate (RdMetricsCtx *ctx)
{
  RdQuery *q = rd_query_new ("WITH ");

  append_sflags (q);
  for (RecordKind kind = KIND_LEAD; kind <= KIND_DEAL; kind++)
    {
      rd_query_append (q, kind == KIND_LEAD ? " SELECT " : " UNION ALL SELECT ");
      for (int f = 0; f < N_FIELDS; f++)
        {
          g_autofree char *sums = rd_quality_kind_has_field (kind, f)
            ? g_strdup_printf ("total (c.n * sf.need_%d), total (c.n * (sf.need_%d AND c.mask & %d))", f, f, 1 << f)
            : g_strdup ("0, 0");

          if (f)
            rd_query_append (q, ", ");
          rd_query_append (q, sums);
        }
      /* Summed over the filter columns first: few rows are left to weigh. */
      rd_query_append (q, kind == KIND_LEAD
                          ? " FROM (SELECT c0.stage_id, c0.mask, sum (c0.n) AS n FROM agg_quality_fields c0 WHERE c0.kind = 0"
                          : " FROM (SELECT c0.stage_id, c0.mask, sum (c0.n) AS n FROM agg_quality_fields c0 WHERE c0.kind = 1");
      rd_metrics_filter_sql (ctx, q, "c0", TRUE, TRUE);
      rd_query_append (q, " GROUP BY c0.stage_id, c0.mask) c JOIN sflags sf ON sf.stage_id = c.stage_id");
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
          rd_query_add_text (q, rd_quality_field_names[f]);
          rd_query_append (q, ")");
        }
      rd_query_append (q, ") ");
      rd_query_append (q, open_record_columns);
      rd_query_append (q, ", fl.field, CASE fl.i");
      for (int f = 0; f < N_FIELDS; f++)
        {
          g_autofree char *arm = g_strdup_printf (" WHEN %d THEN x.filled_%s", f, rd_quality_field_names[f]);
          rd_query_append (q, arm);
        }
      rd_query_append (q, " END AS filled");
      rd_query_append (q, open_record_joins);
      rd_query_append (q, " JOIN fl ON CASE fl.i");
      for (int f = 0; f < N_FIELDS; f++)
        {
          g_autofree char *arm = g_strdup_printf (" WHEN %d THEN x.req_%s", f, rd_quality_field_names[f]);
          rd_query_append (q, arm);
        }
      rd_query_append (q, " END ORDER BY x.record_kind, x.record_id, fl.i");
      q->sum_column = g_strdup ("filled");
      return q;
    }

  {
    g_autofree char *cols = g_strdup_printf (", x.filled_%s AS filled", rd_quality_field_names[field]);
    g_autofree char *where = missing
      ? g_strdup_printf (" WHERE x.req_%s AND NOT x.filled_%s", rd_quality_field_names[field], rd_quality_field_names[field])
      : g_strdup_printf (" WHERE x.req_%s", rd_quality_field_names[field]);

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
      if (g_str_equal (g_ptr_array_index (named, i), rd_quality_field_names[f]))
        g_ptr_array_add (ordered, g_strdup (rd_quality_field_names[f]));
  for (guint i = 0; i < named->len; i++)
    if (rd_quality_field_from_name (g_ptr_array_index (named, i)) < 0)
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
  q = ctx->as_of_is_latest ? open_records_totals_from_aggregate (ctx) : open_records_totals_query (ctx);
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
    if (rd_quality_field_from_name (g_ptr_array_index (names, i)) < 0)
      g_string_append_printf (unknown, "%s“%s”", unknown->len ? ", " : "", (char *) g_ptr_array_index (names, i));

  m = rd_quality_add_counted (ctx, "quality.required_fields", NULL, _("Required-field completeness"), RD_UNIT_PERCENT,
                   ratio_formula);
  rd_metric_set_ratio (m, tot_filled, tot_required, RD_UNIT_COUNT,
                       _("no open record is in a stage whose handoffs require a field it has"));
  rd_metric_set_definition (ctx, m, "required-field-completeness");
  if (unknown->len)
    m->note = g_strdup_printf (_("Not checked, not a field Revdeck knows: %s"), unknown->str);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      int f = rd_quality_field_from_name (name);
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
      m = rd_quality_add_counted (ctx, "quality.required_fields", name, _("Required-field completeness"), RD_UNIT_PERCENT,
                       ratio_formula);
      rd_metric_set_ratio (m, filled[f], required[f], RD_UNIT_COUNT, reason);
      rd_metric_set_definition (ctx, m, "required-field-completeness");

      missing_formula = g_strdup_printf (_("open records at the as-of date that need “%s” (their current stage is "
                                           "the from- or to-stage of a handoff requiring it) and do not have it "
                                           "filled; not limited to the period"), name);
      m = rd_quality_add_counted (ctx, "quality.missing", name, _("Records missing a required field"), RD_UNIT_COUNT,
                       missing_formula);
      rd_metric_set_value (m, required[f] - filled[f]);
      rd_metric_set_definition (ctx, m, "required-field-completeness");
    }
  return TRUE;
}

/* Stale deals and leads counted without listing them: deals from the
 * index agg_quality_stale_open (open deals by close date and filter); leads
 * as every lead in a stage with a maximum (agg_quality_fields) less those
 * not past it, which lie at the recent end of leads_by_stage. */
static RdQuery *
stale_counts_from_aggregate (RdMetricsCtx *ctx)
{
  static const char stages[] =
    " st.kind = 'lifecycle' AND NOT st.is_won AND st.max_days IS NOT NULL";
  const char *as_of = ctx->filter->as_of;
  RdQuery *q = rd_query_new ("SELECT (SELECT count(*) FROM opportunities d INDEXED BY agg_quality_stale_open"
                             " WHERE d.status = 'open' AND d.stage_id IS NOT NULL AND d.close_date < ");

  rd_query_add_text (q, as_of);
  rd_metrics_filter_sql (ctx, q, "d", TRUE, TRUE);
  rd_query_append (q, "), (SELECT total (c.n) FROM agg_quality_fields c JOIN stages st ON st.id = c.stage_id"
                      " WHERE c.kind = 0 AND");
  rd_query_append (q, stages);
  rd_metrics_filter_sql (ctx, q, "c", TRUE, TRUE);
  /* Not past the line: entered on or after the day (as-of − max days), or
   * no entry time; the exact negation of stale_query's condition. */
  rd_query_append (q, ") - (SELECT count(*) FROM stages st JOIN leads l ON l.stage_id = st.id"
                      " AND l.stage_entered_at >= date (");
  rd_query_add_text (q, as_of);
  rd_query_append (q, ", '-' || st.max_days || ' days') WHERE");
  rd_query_append (q, stages);
  rd_metrics_filter_sql (ctx, q, "l", TRUE, TRUE);
  rd_query_append (q, ") - (SELECT count(*) FROM stages st JOIN leads l ON l.stage_id = st.id"
                      " AND l.stage_entered_at IS NULL WHERE");
  rd_query_append (q, stages);
  rd_metrics_filter_sql (ctx, q, "l", TRUE, TRUE);
  rd_query_append (q, ")");
  return q;
}

static gboolean
compute_stale (RdMetricsCtx  *ctx,
               GError       **error)
{
  g_autoptr(RdQuery) q = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  double n_deals, n_leads;
  RdMetric *m;

  if (ctx->as_of_is_latest)
    q = stale_counts_from_aggregate (ctx);
  else
    {
      /* Counted in one pass, without sorting the rows by kind. */
      g_autoptr(RdQuery) stale_q = stale_query (ctx, NULL, FALSE);

      q = rd_quality_wrap_query (stale_q, "SELECT total (record_kind = 'deal'), total (record_kind = 'lead') FROM (",
                                 ")");
    }
  stmt = rd_metrics_prepare (ctx, q, error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      rd_db_set_error (ctx->db, error, NULL);
      return FALSE;
    }
  n_deals = sqlite3_column_double (stmt, 0);
  n_leads = sqlite3_column_double (stmt, 1);

  m = rd_quality_add_counted (ctx, "quality.stale_records", NULL, _("Stale records"), RD_UNIT_COUNT,
                   _("open deals whose close date (as of the as-of date) is before the as-of date + leads whose "
                     "calendar days in their current lifecycle stage exceed the stage's maximum days; at the "
                     "as-of date, not limited to the period"));
  rd_metric_set_value (m, n_deals + n_leads);

  m = rd_quality_add_counted (ctx, "quality.stale_records", "deals", _("Stale deals"), RD_UNIT_COUNT,
                   _("open deals at the as-of date whose close date is before the as-of date; not limited to "
                     "the period"));
  rd_metric_set_value (m, n_deals);
  rd_metric_set_definition (ctx, m, "stale-deal");

  m = rd_quality_add_counted (ctx, "quality.stale_records", "leads", _("Stale leads"), RD_UNIT_COUNT,
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
  return rd_metrics_handoff_compute (ctx, error) &&
         compute_required_fields (ctx, error) &&
         rd_metrics_duplicates_compute (ctx, error) &&
         compute_stale (ctx, error);
}

/* ---------------------------------------------------------------- drill */

static RdQuery *
drill (RdMetricsCtx  *ctx,
       const char    *metric_id,
       const char    *bucket,
       GError       **error)
{
  if (g_str_has_prefix (metric_id, "handoff."))
    return rd_metrics_handoff_drill (ctx, metric_id, bucket, error);

  if (g_str_equal (metric_id, "quality.required_fields") || g_str_equal (metric_id, "quality.missing"))
    {
      gboolean missing = g_str_equal (metric_id, "quality.missing");
      int f = bucket ? rd_quality_field_from_name (bucket) : -1;

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
      RdQuery *q = rd_metrics_duplicates_query (ctx);
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

/* An index of open deals by close date and filter: stale deals are read
 * from it alone. */
const RdAggregate rd_quality_stale_agg = {
  "quality_stale", 1,
  "CREATE INDEX agg_quality_stale_open ON opportunities"
  "  (close_date, stage_id, segment_id, region_id, owner_id, channel_id) WHERE status = 'open';",
  NULL, NULL,
};

static const RdAggregate *const aggregates[] = {
  &rd_quality_fields_agg, &rd_quality_accounts_agg, &rd_quality_stale_agg, &rd_handoff_facts_agg, NULL
};

const RdMetricGroup rd_metrics_quality_group = { "quality", compute, drill, aggregates };

