/* rd-metrics-quality-private.h — what the handoff and data-quality files share
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The quality group (rd_metrics_quality_group, also reached as "handoff")
 * lives in four files:
 *   rd-metrics-quality-fields.c  the required fields: which record kinds have
 *                                them, when each is filled, and the aggregate
 *                                of open records per stage, filter and fields
 *   rd-metrics-handoff.c         handoff.*: SLA adherence, open misses, completeness
 *   rd-metrics-quality-dup.c     quality.duplicate_accounts and its aggregate
 *   rd-metrics-quality.c         quality.required_fields, missing, stale records;
 *                                the group's compute and drill
 */
#pragma once

#include "rd-metrics-private.h"

G_BEGIN_DECLS

typedef enum { KIND_LEAD, KIND_DEAL, KIND_ACCOUNT, N_KINDS } RecordKind;

/* The bit of a field in an aggregate's "filled" mask is its number here. */
typedef enum
{
  F_EMAIL, F_COMPANY, F_SEGMENT, F_REGION, F_CHANNEL, F_OWNER,
  F_AMOUNT, F_CLOSE_DATE, F_ACCOUNT, F_NEXT_STEP, F_RENEWAL_DATE,
  N_FIELDS
} FieldId;

G_STATIC_ASSERT (F_EMAIL == 0 && F_COMPANY == 1 && F_SEGMENT == 2 && F_REGION == 3 && F_CHANNEL == 4);
G_STATIC_ASSERT (F_OWNER == 5 && F_AMOUNT == 6 && F_CLOSE_DATE == 7 && F_ACCOUNT == 8);
G_STATIC_ASSERT (F_NEXT_STEP == 9 && F_RENEWAL_DATE == 10);

/* When a field is filled, over a record aliased @r (a string literal). */
#define FILLED_TEXT(r, col)  "nullif (trim (" r "." col "), '') IS NOT NULL"
#define FILLED_ID(r, col)    r "." col " IS NOT NULL"
#define FILLED_AMOUNT(r)     r ".amount_cents > 0"
#define FILLED_CLOSE(r)      "nullif (" r ".close_date, '') IS NOT NULL"
/* "Renewal date": the account (a deal's account) has a renewal on record. */
#define FILLED_RENEWAL(id)   id " IN (SELECT account_id FROM renewals)"

/* The filled mask of a lead, a deal or an account, as the aggregates keep
 * it: bit f for field f, from the same expressions as the rules in
 * rd-metrics-quality-fields.c. A deal's renewal bit (10) is kept apart,
 * since renewals change it without touching the deal. */
#define BIT(expr, n) "(coalesce ((" expr "), 0) << " #n ")"
#define LEAD_MASK(r) \
  "(" BIT (FILLED_TEXT (r, "email"), 0) " | " BIT (FILLED_TEXT (r, "company"), 1) \
  " | " BIT (FILLED_ID (r, "segment_id"), 2) " | " BIT (FILLED_ID (r, "region_id"), 3) \
  " | " BIT (FILLED_ID (r, "channel_id"), 4) " | " BIT (FILLED_ID (r, "owner_id"), 5) \
  " | " BIT (FILLED_ID (r, "account_id"), 8) ")"
#define DEAL_MASK_BUT_RENEWAL(r) \
  "(" BIT (FILLED_ID (r, "segment_id"), 2) " | " BIT (FILLED_ID (r, "region_id"), 3) \
  " | " BIT (FILLED_ID (r, "channel_id"), 4) " | " BIT (FILLED_ID (r, "owner_id"), 5) \
  " | " BIT (FILLED_AMOUNT (r), 6) " | " BIT (FILLED_CLOSE (r), 7) \
  " | " BIT (FILLED_ID (r, "account_id"), 8) " | " BIT (FILLED_TEXT (r, "next_step"), 9) ")"
#define RENEWAL_BIT "1024"
#define DEAL_MASK(r) "(" DEAL_MASK_BUT_RENEWAL (r) " | " BIT (FILLED_RENEWAL (r ".account_id"), 10) ")"
#define ACCOUNT_MASK(r) \
  "(" BIT (FILLED_ID (r, "segment_id"), 2) " | " BIT (FILLED_ID (r, "region_id"), 3) \
  " | " BIT (FILLED_ID (r, "channel_id"), 4) " | " BIT (FILLED_ID (r, "owner_id"), 5) \
  " | " BIT (FILLED_RENEWAL (r ".id"), 10) ")"
/* The filter columns, 0 where none. */
#define FILTER_DIMS(r) \
  "coalesce (" r ".segment_id, 0), coalesce (" r ".region_id, 0)," \
  " coalesce (" r ".owner_id, 0), coalesce (" r ".channel_id, 0)"

/* The names handoffs.required_fields uses; also column-name fragments. */
extern const char *const rd_quality_field_names[N_FIELDS];

/* Whether a record of @kind has the field at all. */
gboolean  rd_quality_kind_has_field     (RecordKind     kind,
                                         FieldId        field);
int       rd_quality_field_from_name    (const char    *name);
/* "coalesce ((<filled>), 0)" over the record aliased "r", or "0". */
void      rd_quality_append_filled      (RdQuery       *q,
                                         FieldId        field,
                                         RecordKind     kind);
/* ", EXISTS (SELECT 1 FROM <exists_from> AND jf.value = '<field>') AS need_<f>"
 * for every field. */
void      rd_quality_append_need_columns (RdQuery      *q,
                                         const char    *exists_from);
/* The record's missing required fields as "email, owner" ('' when none). */
void      rd_quality_append_missing_list (RdQuery      *q,
                                         RecordKind     kind,
                                         const char    *flags);
/* The CTEs "lead_rec" and "deal_rec": the records at the as-of date with
 * the fields the rules read. */
void      rd_quality_append_lead_rec    (RdMetricsCtx  *ctx,
                                         RdQuery       *q);
void      rd_quality_append_deal_rec    (RdMetricsCtx  *ctx,
                                         RdQuery       *q);

/* A new query: @prefix, the text of @inner, @suffix, with @inner's values. */
RdQuery  *rd_quality_wrap_query         (const RdQuery *inner,
                                         const char    *prefix,
                                         const char    *suffix);
/* rd_metrics_add with a formula, marked drillable. */
RdMetric *rd_quality_add_counted        (RdMetricsCtx  *ctx,
                                         const char    *id,
                                         const char    *bucket,
                                         const char    *label,
                                         RdUnit         unit,
                                         const char    *formula);
/* TRUE when the rows of the aggregate's dirty table @table are all
 * refreshed (a write outside rd_workspace_write leaves some behind). */
gboolean  rd_quality_aggregate_clean    (RdMetricsCtx  *ctx,
                                         const char    *dirty_table);

extern const RdAggregate rd_quality_fields_agg;    /* open records per stage, filter and filled fields */
extern const RdAggregate rd_quality_accounts_agg;  /* accounts' normalised names, duplicates since */
extern const RdAggregate rd_quality_stale_agg;     /* an index of open deals by close date */
extern const RdAggregate rd_handoff_facts_agg;     /* one row per handoff event, with its record's facts */

gboolean  rd_metrics_handoff_compute    (RdMetricsCtx  *ctx,
                                         GError       **error);
/* NULL with @error set when @metric_id / @bucket name nothing. */
RdQuery  *rd_metrics_handoff_drill      (RdMetricsCtx  *ctx,
                                         const char    *metric_id,
                                         const char    *bucket,
                                         GError       **error);
gboolean  rd_metrics_duplicates_compute (RdMetricsCtx  *ctx,
                                         GError       **error);
RdQuery  *rd_metrics_duplicates_query   (RdMetricsCtx  *ctx);

G_END_DECLS
