/* rd-metrics-quality-fields.c — the required fields handoffs name, and the
 * aggregate of open records by stage, filter and filled fields
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When is a field filled: one rule per field and record kind, an SQL
 * expression over the record — a lead (leads), a deal (the deal as of the
 * as-of date, with its next step) or an account (accounts). A kind without a
 * rule does not have the field and is not checked for it. The exact record
 * queries (rd-metrics-quality.c, rd-metrics-handoff.c) and the aggregate
 * below are built from the same FILLED_… expressions.
 *
 * The aggregate agg_quality_fields counts the records by everything the
 * required-field metrics filter or group on: kind (0 lead, 1 open deal),
 * current stage, segment, region, owner, channel (0 where none) and the mask
 * of filled fields (bit f = field f filled). Leads are counted in every stage
 * (also won and lost ones, and none) so that the stale-lead count can read
 * the totals per stage too. Triggers on leads, opportunities and renewals
 * keep it exact for any insert, update or delete; a count that drops to zero
 * is removed before the commit.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-metrics-quality-private.h"
#include "rd-workspace-private.h"

const char *const rd_quality_field_names[N_FIELDS] = {
  "email", "company", "segment", "region", "channel", "owner",
  "amount", "close_date", "account", "next_step", "renewal_date",
};

typedef struct
{
  FieldId     field;
  RecordKind  kind;
  const char *filled_sql;
} FieldRule;

static const FieldRule field_rules[] = {
  { F_EMAIL,        KIND_LEAD,    FILLED_TEXT ("r", "email") },
  { F_COMPANY,      KIND_LEAD,    FILLED_TEXT ("r", "company") },
  { F_SEGMENT,      KIND_LEAD,    FILLED_ID ("r", "segment_id") },
  { F_SEGMENT,      KIND_DEAL,    FILLED_ID ("r", "segment_id") },
  { F_SEGMENT,      KIND_ACCOUNT, FILLED_ID ("r", "segment_id") },
  { F_REGION,       KIND_LEAD,    FILLED_ID ("r", "region_id") },
  { F_REGION,       KIND_DEAL,    FILLED_ID ("r", "region_id") },
  { F_REGION,       KIND_ACCOUNT, FILLED_ID ("r", "region_id") },
  { F_CHANNEL,      KIND_LEAD,    FILLED_ID ("r", "channel_id") },
  { F_CHANNEL,      KIND_DEAL,    FILLED_ID ("r", "channel_id") },
  { F_CHANNEL,      KIND_ACCOUNT, FILLED_ID ("r", "channel_id") },
  { F_OWNER,        KIND_LEAD,    FILLED_ID ("r", "owner_id") },
  { F_OWNER,        KIND_DEAL,    FILLED_ID ("r", "owner_id") },
  { F_OWNER,        KIND_ACCOUNT, FILLED_ID ("r", "owner_id") },
  { F_AMOUNT,       KIND_DEAL,    FILLED_AMOUNT ("r") },
  { F_CLOSE_DATE,   KIND_DEAL,    FILLED_CLOSE ("r") },
  { F_ACCOUNT,      KIND_LEAD,    FILLED_ID ("r", "account_id") },
  { F_ACCOUNT,      KIND_DEAL,    FILLED_ID ("r", "account_id") },
  { F_NEXT_STEP,    KIND_DEAL,    FILLED_TEXT ("r", "next_step") },
  { F_RENEWAL_DATE, KIND_DEAL,    FILLED_RENEWAL ("r.account_id") },
  { F_RENEWAL_DATE, KIND_ACCOUNT, FILLED_RENEWAL ("r.id") },
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

gboolean
rd_quality_kind_has_field (RecordKind kind,
                           FieldId    field)
{
  return find_rule (field, kind) != NULL;
}

int
rd_quality_field_from_name (const char *name)
{
  for (int f = 0; f < N_FIELDS; f++)
    if (g_strcmp0 (rd_quality_field_names[f], name) == 0)
      return f;
  return -1;
}

/* coalesce: a NULL account id is "not filled", not unknown. */
void
rd_quality_append_filled (RdQuery    *q,
                          FieldId     field,
                          RecordKind  kind)
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

/* @exists_from is fixed text naming the json_each rows "jf" of the handoffs
 * that apply, ending in a WHERE clause. */
void
rd_quality_append_need_columns (RdQuery    *q,
                                const char *exists_from)
{
  for (int f = 0; f < N_FIELDS; f++)
    {
      g_autofree char *column = g_strdup_printf (", EXISTS (SELECT 1 FROM %s AND jf.value = ", exists_from);
      rd_query_append (q, column);
      rd_query_add_text (q, rd_quality_field_names[f]);
      g_free (column);
      column = g_strdup_printf (") AS need_%d", f);
      rd_query_append (q, column);
    }
}

/* @flags is the alias whose need_<f> columns say what is required. */
void
rd_quality_append_missing_list (RdQuery    *q,
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
      rd_quality_append_filled (q, f, kind);
      rd_query_append (q, " THEN ");
      rd_query_add_text (q, rd_quality_field_names[f]);
      rd_query_append (q, " || ', ' ELSE '' END");
    }
  rd_query_append (q, ", ', ')");
}

void
rd_quality_append_lead_rec (RdMetricsCtx *ctx,
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

void
rd_quality_append_deal_rec (RdMetricsCtx *ctx,
                            RdQuery      *q)
{
  rd_metrics_append_deal_at (ctx, q);
  rd_query_append (q,
    ", deal_rec AS (SELECT d.id, d.name, d.account_id, d.owner_id, d.channel_id, d.segment_id, d.region_id,"
    " d.stage_id, d.stage_entered_at, d.close_date, d.amount_cents, d.status, o.next_step"
    " FROM deal_at d JOIN opportunities o ON o.id = d.id)");
}

RdQuery *
rd_quality_wrap_query (const RdQuery *inner,
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

RdMetric *
rd_quality_add_counted (RdMetricsCtx *ctx,
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

gboolean
rd_quality_aggregate_clean (RdMetricsCtx *ctx,
                            const char   *dirty_table)
{
  /* @dirty_table is a fixed name from this group's code. */
  g_autofree char *sql = g_strdup_printf ("SELECT NOT EXISTS (SELECT 1 FROM %s)", dirty_table);

  return rd_db_query_int (ctx->db, sql, 0) != 0;
}

/* ------------------------------------------------------------ aggregate */

/* LEAD_MASK, DEAL_MASK …: rd-metrics-quality-private.h. */

#define DIMS(r) "coalesce (" r ".stage_id, 0), " FILTER_DIMS (r)
#define ADD_ROW(kind, r, mask, n) \
  " INSERT INTO agg_quality_fields VALUES (" kind ", " DIMS (r) ", " mask ", " n ")" \
  " ON CONFLICT DO UPDATE SET n = n + excluded.n;"
#define ADD_DEAL(r, n) \
  " INSERT INTO agg_quality_fields SELECT 1, " DIMS (r) ", " DEAL_MASK (r) ", " n \
  " WHERE " r ".status = 'open' ON CONFLICT DO UPDATE SET n = n + excluded.n;"
/* The open deals of account @acc, counted again with the renewal bit @from
 * taken away and @to added, when @cond (no other renewal) holds. */
#define FLIP_RENEWAL(acc, cond, from, to) \
  " INSERT INTO agg_quality_fields SELECT 1, " DIMS ("o") ", " DEAL_MASK_BUT_RENEWAL ("o") " | " from ", -count(*)" \
  " FROM opportunities o WHERE o.account_id = " acc " AND o.status = 'open' AND " cond \
  " GROUP BY 2, 3, 4, 5, 6, 7 ON CONFLICT DO UPDATE SET n = n + excluded.n;" \
  " INSERT INTO agg_quality_fields SELECT 1, " DIMS ("o") ", " DEAL_MASK_BUT_RENEWAL ("o") " | " to ", count(*)" \
  " FROM opportunities o WHERE o.account_id = " acc " AND o.status = 'open' AND " cond \
  " GROUP BY 2, 3, 4, 5, 6, 7 ON CONFLICT DO UPDATE SET n = n + excluded.n;"
#define NO_RENEWAL_BUT(acc, id) \
  "NOT EXISTS (SELECT 1 FROM renewals r WHERE r.account_id = " acc " AND r.id <> " id ")"

const RdAggregate rd_quality_fields_agg = {
  "quality_fields", 2,
  /* In key order (kind, stage, mask, …) the totals per stage and mask are
   * read without sorting. */
  "CREATE TABLE agg_quality_fields ("
  "  kind INTEGER NOT NULL, stage_id INTEGER NOT NULL, segment_id INTEGER NOT NULL,"
  "  region_id INTEGER NOT NULL, owner_id INTEGER NOT NULL, channel_id INTEGER NOT NULL,"
  "  mask INTEGER NOT NULL, n INTEGER NOT NULL,"
  "  PRIMARY KEY (kind, stage_id, mask, segment_id, region_id, owner_id, channel_id)) WITHOUT ROWID;"
  "CREATE INDEX agg_quality_fields_zero ON agg_quality_fields (kind) WHERE n = 0;"
  /* Which deals an account's renewals touch: by account. */
  "CREATE INDEX agg_quality_fields_renewals ON renewals (account_id);"
  "CREATE TRIGGER agg_quality_fields_lead_ins AFTER INSERT ON leads BEGIN"
  ADD_ROW ("0", "NEW", LEAD_MASK ("NEW"), "1") " END;"
  "CREATE TRIGGER agg_quality_fields_lead_del AFTER DELETE ON leads BEGIN"
  ADD_ROW ("0", "OLD", LEAD_MASK ("OLD"), "-1") " END;"
  "CREATE TRIGGER agg_quality_fields_lead_upd AFTER UPDATE OF"
  "  stage_id, segment_id, region_id, owner_id, channel_id, email, company, account_id ON leads BEGIN"
  ADD_ROW ("0", "OLD", LEAD_MASK ("OLD"), "-1")
  ADD_ROW ("0", "NEW", LEAD_MASK ("NEW"), "1") " END;"
  "CREATE TRIGGER agg_quality_fields_deal_ins AFTER INSERT ON opportunities BEGIN"
  ADD_DEAL ("NEW", "1") " END;"
  "CREATE TRIGGER agg_quality_fields_deal_del AFTER DELETE ON opportunities BEGIN"
  ADD_DEAL ("OLD", "-1") " END;"
  "CREATE TRIGGER agg_quality_fields_deal_upd AFTER UPDATE OF stage_id, status, segment_id, region_id,"
  "  owner_id, channel_id, amount_cents, close_date, account_id, next_step ON opportunities BEGIN"
  ADD_DEAL ("OLD", "-1") ADD_DEAL ("NEW", "1") " END;"
  /* A renewal changes its account's deals only when it is the account's first or last. */
  "CREATE TRIGGER agg_quality_fields_renewal_ins AFTER INSERT ON renewals BEGIN"
  FLIP_RENEWAL ("NEW.account_id", NO_RENEWAL_BUT ("NEW.account_id", "NEW.id"), "0", RENEWAL_BIT) " END;"
  "CREATE TRIGGER agg_quality_fields_renewal_del AFTER DELETE ON renewals BEGIN"
  FLIP_RENEWAL ("OLD.account_id", NO_RENEWAL_BUT ("OLD.account_id", "OLD.id"), RENEWAL_BIT, "0") " END;"
  "CREATE TRIGGER agg_quality_fields_renewal_upd AFTER UPDATE OF account_id ON renewals"
  "  WHEN OLD.account_id IS NOT NEW.account_id BEGIN"
  FLIP_RENEWAL ("OLD.account_id", NO_RENEWAL_BUT ("OLD.account_id", "OLD.id"), RENEWAL_BIT, "0")
  FLIP_RENEWAL ("NEW.account_id", NO_RENEWAL_BUT ("NEW.account_id", "NEW.id"), "0", RENEWAL_BIT) " END;",

  "INSERT INTO agg_quality_fields SELECT 0, " DIMS ("l") ", " LEAD_MASK ("l") ", count(*)"
  "  FROM leads l GROUP BY 2, 3, 4, 5, 6, 7;"
  "INSERT INTO agg_quality_fields SELECT 1, " DIMS ("o") ", " DEAL_MASK ("o") ", count(*)"
  "  FROM opportunities o WHERE o.status = 'open' GROUP BY 2, 3, 4, 5, 6, 7;",

  /* kind IN (…) lets the partial index find the emptied rows. */
  "DELETE FROM agg_quality_fields WHERE n = 0 AND kind IN (0, 1);",
};
