/* rd-demo.c — the built-in demo company
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Northwind Analytics sells a B2B analytics product to SMB, mid-market and
 * enterprise buyers in three regions, at about 15 million dollars of ARR on the
 * pinned as-of date. Its fiscal year starts in February and is named by the
 * calendar year in which it starts: FY2026 runs from February 2026 to January
 * 2027, so period "2026-Q3" is August to October 2026, the quarter that holds
 * the as-of date. The generated period covers the eight fiscal quarters that
 * end with that one (2024-Q4 to 2026-Q3), after a five-month run-in so the
 * first quarter already has a pipeline, and revenue history reaches back to
 * 2023-08 so two years of retention can be measured.
 *
 * Everything follows from the seed (xoshiro256**, one stream per purpose);
 * nothing reads the clock, so one seed always gives the same file contents.
 * The records are built in memory, then written in one transaction with
 * auditing off. The data holds the flaws a RevOps owner looks for: stalled,
 * slipped and stale deals, missed and open handoff SLAs, missing required
 * fields, duplicate accounts and renewals without an owner.
 *
 * The derived columns (current stage, status, exit times, last change) are
 * written with the records, exactly as rd_workspace_refresh_derived() would
 * compute them; the test checks that running it afterwards changes nothing.
 * Running it here would double the time of a million-deal workspace.
 *
 * Writing is a bulk load: prepared multi-row INSERTs (rd-demo-util.c), the
 * audit triggers and the indexes that rows do not arrive in order of dropped
 * and rebuilt at the end, and per-row CHECK and foreign key evaluation off
 * (the test runs PRAGMA integrity_check and foreign_key_check instead).
 *
 * See rd-demo-private.h for the other files of the generator.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rd-aggregates.h"
#include "rd-defaults.h"
#include "rd-demo-private.h"
#include "rd-workspace-private.h"

#define COMPANY_NAME   "Northwind Analytics"
#define COMPANY_DOMAIN "northwind-analytics.com"

/* ========================================================= writing records */

/* People, accounts and leads are written in index order; -1 is NULL. */
static inline gint64
row_id (int index)
{
  return index >= 0 ? (gint64) index + 1 : 0;
}

#define DIM_ID(ids, v) ((v) != RD_DEMO_NONE ? (ids)[(v)] : 0)

static gboolean
write_people (RdDemo *d, GError **error)
{
  RdDemoBatch b;

  if (!rd_demo_batch_init (&b, d->db, "people", "id, name, email, team_id, active", error))
    return FALSE;
  for (guint i = 0; i < d->people->len; i++)
    {
      RdDemoPerson *p = RD_DEMO_PERSON (d, i);
      char name[64], email[96];

      rd_demo_person_name (name, sizeof name, p->first, p->last);
      rd_demo_person_email (email, sizeof email, p->first, p->last, COMPANY_DOMAIN);
      rd_demo_batch_int (&b, 1, row_id (i));
      rd_demo_batch_text (&b, 2, name);
      rd_demo_batch_text (&b, 3, email);
      rd_demo_batch_int (&b, 4, d->team_id[p->team]);
      rd_demo_batch_int (&b, 5, p->end_day > rd_demo_as_of_day ());
      if (!rd_demo_batch_row (&b, error))
        return FALSE;
    }
  return rd_demo_batch_finish (&b, error);
}

static gboolean
write_accounts (RdDemo *d, GError **error)
{
  RdDemoBatch b;

  if (!rd_demo_batch_init (&b, d->db, "accounts",
                        "id, name, domain, segment_id, region_id, industry, channel_id, owner_id, external_id, created_at",
                        error))
    return FALSE;
  for (guint i = 0; i < d->accounts->len; i++)
    {
      RdDemoAccount *a = RD_DEMO_ACCOUNT (d, i);
      char name[128], domain[96], ext[24];

      rd_demo_company_name (name, sizeof name, a->name, a->region, a->variant);
      rd_demo_company_domain (domain, sizeof domain, a->name, a->region);
      g_snprintf (ext, sizeof ext, "ACC-%06u", i + 1);
      rd_demo_batch_int (&b, 1, row_id (i));
      rd_demo_batch_text (&b, 2, name);
      rd_demo_batch_text (&b, 3, a->variant == 1 ? NULL : domain);   /* typed in again, without a domain */
      rd_demo_batch_int (&b, 4, d->seg_id[a->segment]);
      rd_demo_batch_int (&b, 5, d->reg_id[a->region]);
      rd_demo_batch_text (&b, 6, rd_demo_industry (a->industry));
      rd_demo_batch_int (&b, 7, d->ch_id[a->channel]);
      rd_demo_batch_id (&b, 8, row_id (rd_demo_final_owner (d, a->owner, rd_demo_as_of_end ())));
      rd_demo_batch_text (&b, 9, ext);
      rd_demo_batch_date (&b, 10, a->created_day);
      if (!rd_demo_batch_row (&b, error))
        return FALSE;
    }
  return rd_demo_batch_finish (&b, error);
}

static gboolean
write_lead_events (RdDemo *d, GError **error)
{
  RdDemoBatch b;

  if (!rd_demo_batch_init (&b, d->db, "lead_stage_events", "lead_id, stage_id, entered_at", error))
    return FALSE;
  for (guint i = 0; i < d->leads->len; i++)
    {
      RdDemoLead *l = RD_DEMO_LEAD (d, i);

      for (int k = 0; k < l->n_events; k++)
        {
          rd_demo_batch_int (&b, 1, i + 1);
          rd_demo_batch_int (&b, 2, d->ls_id[l->ev_stage[k]]);
          rd_demo_batch_time (&b, 3, l->ev_at[k]);
          if (!rd_demo_batch_row (&b, error))
            return FALSE;
        }
    }
  return rd_demo_batch_finish (&b, error);
}

static gboolean
write_leads (RdDemo *d, GError **error)
{
  RdDemoBatch b;

  if (!rd_demo_batch_init (&b, d->db, "leads",
                        "id, name, email, company, title, account_id, channel_id, segment_id, region_id, "
                        "owner_id, external_id, created_at, stage_id, stage_entered_at", error))
    return FALSE;
  for (guint i = 0; i < d->leads->len; i++)
    {
      RdDemoLead *l = RD_DEMO_LEAD (d, i);
      char name[64], company[128], domain[96], email[160], ext[24];
      int region = l->region != RD_DEMO_NONE ? l->region : REG_NA;

      if (l->company == -2)
        {
          RdDemoAccount *a = RD_DEMO_ACCOUNT (d, l->account);
          rd_demo_company_name (company, sizeof company, a->name, a->region, 0);
          rd_demo_company_domain (domain, sizeof domain, a->name, a->region);
        }
      else if (l->company >= 0)
        {
          rd_demo_company_name (company, sizeof company, l->company, region, 0);
          rd_demo_company_domain (domain, sizeof domain, l->company, region);
        }
      else
        strcpy (domain, "gmail.com");
      rd_demo_person_name (name, sizeof name, l->first, l->last);
      rd_demo_person_email (email, sizeof email, l->first, l->last, domain);
      g_snprintf (ext, sizeof ext, "LEAD-%07u", i + 1);

      rd_demo_batch_int (&b, 1, i + 1);
      rd_demo_batch_text (&b, 2, name);
      rd_demo_batch_text (&b, 3, l->no_email ? NULL : email);
      rd_demo_batch_text (&b, 4, l->company != -1 ? company : NULL);
      rd_demo_batch_text (&b, 5, rd_demo_title (l->title));
      rd_demo_batch_id (&b, 6, row_id (l->account));
      rd_demo_batch_id (&b, 7, DIM_ID (d->ch_id, l->channel));
      rd_demo_batch_id (&b, 8, DIM_ID (d->seg_id, l->segment));
      rd_demo_batch_id (&b, 9, DIM_ID (d->reg_id, l->region));
      rd_demo_batch_id (&b, 10, row_id (l->owner));
      rd_demo_batch_text (&b, 11, ext);
      rd_demo_batch_time (&b, 12, l->created);
      rd_demo_batch_int (&b, 13, d->ls_id[l->ev_stage[l->n_events - 1]]);
      rd_demo_batch_time (&b, 14, l->ev_at[l->n_events - 1]);
      if (!rd_demo_batch_row (&b, error))
        return FALSE;
    }
  if (!rd_demo_batch_finish (&b, error))
    return FALSE;
  return write_lead_events (d, error);
}

static int
compare_opps (gconstpointer a, gconstpointer b, gpointer user_data)
{
  RdDemo *d = user_data;
  const RdDemoOpp *x = RD_DEMO_OPP (d, *(const int *) a), *y = RD_DEMO_OPP (d, *(const int *) b);

  if (x->created != y->created)
    return x->created < y->created ? -1 : 1;
  return *(const int *) a - *(const int *) b;
}

/* Deals are written in order of creation; d->opp_id maps them to row ids. */
static int *
order_opps (RdDemo *d)
{
  int *order = g_new (int, MAX (d->opps->len, 1));

  for (guint i = 0; i < d->opps->len; i++)
    order[i] = i;
  g_qsort_with_data (order, d->opps->len, sizeof (int), compare_opps, d);
  d->opp_id = g_new (gint64, MAX (d->opps->len, 1));
  for (guint k = 0; k < d->opps->len; k++)
    d->opp_id[order[k]] = k + 1;
  return order;
}

static gboolean
write_opps (RdDemo *d, const int *order, GError **error)
{
  static const char *const status_names[] = { "open", "won", "lost" };
  RdDemoBatch b;

  if (!rd_demo_batch_init (&b, d->db, "opportunities",
                        "id, name, account_id, owner_id, channel_id, segment_id, region_id, amount_cents, "
                        "created_at, close_date, category_override_id, loss_reason, next_step, external_id, "
                        "stage_id, stage_entered_at, status, last_change_at", error))
    return FALSE;
  for (guint k = 0; k < d->opps->len; k++)
    {
      RdDemoOpp *o = RD_DEMO_OPP (d, order[k]);
      RdDemoAccount *a = RD_DEMO_ACCOUNT (d, o->account);
      char name[192], company[128], ext[24];
      gint64 last_change = o->hist_at[o->n_hist - 1];
      gint64 until = o->status ? o->close_time : rd_demo_as_of_end ();

      for (int j = 0; j < o->n_close; j++)
        last_change = MAX (last_change, o->close_at[j]);
      for (int j = 0; j < o->n_amount; j++)
        last_change = MAX (last_change, o->amount_at[j]);
      rd_demo_company_name (company, sizeof company, a->name, a->region, 0);
      g_snprintf (name, sizeof name, "%s - %s", company, rd_demo_product (o, k));
      g_snprintf (ext, sizeof ext, "OPP-%06u", k + 1);

      rd_demo_batch_int (&b, 1, k + 1);
      rd_demo_batch_text (&b, 2, name);
      rd_demo_batch_int (&b, 3, row_id (o->account));
      rd_demo_batch_id (&b, 4, row_id (rd_demo_final_owner (d, o->owner, until)));
      rd_demo_batch_int (&b, 5, d->ch_id[o->channel]);
      rd_demo_batch_int (&b, 6, d->seg_id[o->segment]);
      rd_demo_batch_int (&b, 7, d->reg_id[o->region]);
      rd_demo_batch_int (&b, 8, o->amount);
      rd_demo_batch_time (&b, 9, o->created);
      rd_demo_batch_date (&b, 10, o->close_day);
      rd_demo_batch_id (&b, 11, DIM_ID (d->fc_id, o->override));
      rd_demo_batch_text (&b, 12, rd_demo_loss_reason (o->loss_reason));
      rd_demo_batch_text (&b, 13, rd_demo_next_step (o->next_step));
      rd_demo_batch_text (&b, 14, ext);
      rd_demo_batch_int (&b, 15, d->ds_id[o->hist_stage[o->n_hist - 1]]);
      rd_demo_batch_time (&b, 16, o->hist_at[o->n_hist - 1]);
      rd_demo_batch_text (&b, 17, status_names[o->status]);
      rd_demo_batch_time (&b, 18, last_change);
      if (!rd_demo_batch_row (&b, error))
        return FALSE;
    }
  return rd_demo_batch_finish (&b, error);
}

static gboolean
write_opp_histories (RdDemo *d, const int *order, GError **error)
{
  RdDemoBatch hist = { 0 }, close = { 0 }, amount = { 0 };
  gboolean ok;

  ok = rd_demo_batch_init (&hist, d->db, "opportunity_stage_history",
                           "opportunity_id, stage_id, entered_at, exited_at", error);
  for (guint k = 0; ok && k < d->opps->len; k++)
    {
      RdDemoOpp *o = RD_DEMO_OPP (d, order[k]);

      for (int j = 0; ok && j < o->n_hist; j++)
        {
          rd_demo_batch_int (&hist, 1, k + 1);
          rd_demo_batch_int (&hist, 2, d->ds_id[o->hist_stage[j]]);
          rd_demo_batch_time (&hist, 3, o->hist_at[j]);
          rd_demo_batch_time (&hist, 4, j + 1 < o->n_hist ? o->hist_at[j + 1] : 0);
          ok = rd_demo_batch_row (&hist, error);
        }
    }
  ok = ok && rd_demo_batch_finish (&hist, error);

  ok = ok && rd_demo_batch_init (&close, d->db, "close_date_changes",
                                 "opportunity_id, changed_at, old_date, new_date", error);
  ok = ok && rd_demo_batch_init (&amount, d->db, "amount_changes",
                                 "opportunity_id, changed_at, old_cents, new_cents", error);
  for (guint k = 0; ok && k < d->opps->len; k++)
    {
      RdDemoOpp *o = RD_DEMO_OPP (d, order[k]);

      for (int j = 0; ok && j < o->n_close; j++)
        {
          rd_demo_batch_int (&close, 1, k + 1);
          rd_demo_batch_time (&close, 2, o->close_at[j]);
          rd_demo_batch_date (&close, 3, o->close_old[j]);
          rd_demo_batch_date (&close, 4, o->close_new[j]);
          ok = rd_demo_batch_row (&close, error);
        }
      for (int j = 0; ok && j < o->n_amount; j++)
        {
          rd_demo_batch_int (&amount, 1, k + 1);
          rd_demo_batch_time (&amount, 2, o->amount_at[j]);
          rd_demo_batch_int (&amount, 3, o->amount_old[j]);
          rd_demo_batch_int (&amount, 4, o->amount_new[j]);
          ok = rd_demo_batch_row (&amount, error);
        }
    }
  ok = ok && rd_demo_batch_finish (&close, error) && rd_demo_batch_finish (&amount, error);
  rd_demo_batch_clear (&hist);
  rd_demo_batch_clear (&close);
  rd_demo_batch_clear (&amount);
  return ok;
}

static int
compare_handoffs (gconstpointer a, gconstpointer b)
{
  const RdDemoHandoff *x = a, *y = b;

  if (x->crossed != y->crossed)
    return x->crossed < y->crossed ? -1 : 1;
  if (x->handoff != y->handoff)
    return x->handoff - y->handoff;
  return x->record - y->record;
}

static gboolean
write_handoffs (RdDemo *d, GError **error)
{
  RdDemoBatch b;

  if (!rd_demo_batch_init (&b, d->db, "handoff_events",
                        "handoff_id, lead_id, opportunity_id, account_id, crossed_at, accepted_at, accepted_by_id",
                        error))
    return FALSE;
  g_array_sort (d->handoffs, compare_handoffs);
  for (guint i = 0; i < d->handoffs->len; i++)
    {
      RdDemoHandoff *h = &g_array_index (d->handoffs, RdDemoHandoff, i);
      gboolean lead = h->handoff == HO_LEAD_MQL || h->handoff == HO_MQL_SQL;

      rd_demo_batch_int (&b, 1, d->ho_id[h->handoff]);
      rd_demo_batch_id (&b, 2, lead ? row_id (h->record) : 0);
      rd_demo_batch_id (&b, 3, h->handoff == HO_SQL_OPP ? d->opp_id[h->record] : 0);
      rd_demo_batch_id (&b, 4, h->handoff == HO_WON_CUSTOMER ? row_id (h->record) : 0);
      rd_demo_batch_time (&b, 5, h->crossed);
      rd_demo_batch_time (&b, 6, h->accepted);
      rd_demo_batch_id (&b, 7, h->accepted ? row_id (h->accepted_by) : 0);
      if (!rd_demo_batch_row (&b, error))
        return FALSE;
    }
  return rd_demo_batch_finish (&b, error);
}

/* ===================================================================== setup */

static gboolean
lookup_ids (RdDemo *d, const char *sql, const char *kind, const char *const *names, int n, gint64 *ids, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (d->db, sql, error);

  if (stmt == NULL)
    return FALSE;
  for (int i = 0; i < n; i++)
    {
      int col = 1;

      if (kind)
        sqlite3_bind_text (stmt, col++, kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, col, names[i], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                       "The demo needs the default definition “%s”, which is missing.", names[i]);
          return FALSE;
        }
      ids[i] = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  return TRUE;
}

static gboolean
lookup_definitions (RdDemo *d, GError **error)
{
  static const char *const segs[] = { "SMB", "Mid-market", "Enterprise" };
  static const char *const regs[] = { "North America", "EMEA", "APAC" };
  static const char *const chs[] = { "Inbound", "Outbound", "Partner", "Events", "Paid search", "Referral" };
  static const char *const teams[] = { "Marketing", "Sales development", "Account executives",
                                       "Customer success", "Finance", "Revenue operations" };
  static const char *const ls[] = { "Lead", "MQL", "SQL", "Opportunity", "Customer" };
  static const char *const ds[] = { "Discovery", "Qualification", "Solution", "Proposal", "Negotiation",
                                    "Closed Won", "Closed Lost" };
  static const char *const fc[] = { "Pipeline", "Best Case", "Commit", "Closed", "Omitted" };
  static const char *const ho[] = { "Lead to MQL", "MQL to SQL", "SQL to Opportunity", "Closed Won to Customer" };
  g_autoptr(sqlite3_stmt) stage = NULL, handoff = NULL;

  if (!lookup_ids (d, "SELECT id FROM segments WHERE name = ?1", NULL, segs, N_SEG, d->seg_id, error) ||
      !lookup_ids (d, "SELECT id FROM regions WHERE name = ?1", NULL, regs, N_REG, d->reg_id, error) ||
      !lookup_ids (d, "SELECT id FROM channels WHERE name = ?1", NULL, chs, N_CH, d->ch_id, error) ||
      !lookup_ids (d, "SELECT id FROM teams WHERE name = ?1", NULL, teams, N_TEAM, d->team_id, error) ||
      !lookup_ids (d, "SELECT id FROM stages WHERE kind = ?1 AND name = ?2", "lifecycle", ls, N_LS, d->ls_id, error) ||
      !lookup_ids (d, "SELECT id FROM stages WHERE kind = ?1 AND name = ?2", "deal", ds, N_DS, d->ds_id, error) ||
      !lookup_ids (d, "SELECT id FROM forecast_categories WHERE name = ?1", NULL, fc, N_FC, d->fc_id, error) ||
      !lookup_ids (d, "SELECT id FROM handoffs WHERE name = ?1", NULL, ho, N_HO, d->ho_id, error))
    return FALSE;

  stage = rd_db_prepare (d->db,
                         "SELECT ifnull(forecast_category_id, 0), ifnull(probability, 0) FROM stages WHERE id = ?1",
                         error);
  handoff = rd_db_prepare (d->db, "SELECT sla_hours FROM handoffs WHERE id = ?1", error);
  if (stage == NULL || handoff == NULL)
    return FALSE;
  for (int s = 0; s < N_DS; s++)
    {
      sqlite3_bind_int64 (stage, 1, d->ds_id[s]);
      d->ds_category[s] = FC_PIPELINE;
      if (sqlite3_step (stage) == SQLITE_ROW)
        {
          for (int c = 0; c < N_FC; c++)
            if (d->fc_id[c] == sqlite3_column_int64 (stage, 0))
              d->ds_category[s] = c;
          d->ds_probability[s] = sqlite3_column_double (stage, 1);
        }
      sqlite3_reset (stage);
    }
  for (int h = 0; h < N_HO; h++)
    {
      sqlite3_bind_int64 (handoff, 1, d->ho_id[h]);
      d->ho_sla_hours[h] = sqlite3_step (handoff) == SQLITE_ROW ? sqlite3_column_double (handoff, 0) : 24;
      sqlite3_reset (handoff);
    }
  return TRUE;
}

/* A bulk load writes faster without the audit triggers (auditing is off
 * anyway), and with most indexes built once at the end from sorted data.
 * Only the indexes whose keys arrive in order (or nearly: at a few places
 * near their ends) are kept while the rows go in; a new index elsewhere in
 * the schema is rebuilt by default, which is always correct. Triggers and
 * indexes are put back exactly as they were, in the same transaction. */
static gboolean
drop_triggers_and_indexes (RdDemo *d, GPtrArray *saved, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (d->db,
    "SELECT name, type, sql FROM sqlite_schema WHERE sql IS NOT NULL AND (type = 'trigger' OR (type = 'index' "
    "AND name NOT IN ('leads_by_created', 'leads_by_stage', 'lead_events_by_lead', 'opps_by_created', "
    "'opp_history_by_opp', 'close_changes_by_opp', 'amount_changes_by_opp', "
    "'handoff_events_by_handoff', 'handoff_events_open', 'mrr_by_month', 'snapshots_by_week', "
    "'quotas_unique', 'forecast_unique'))) ORDER BY type DESC, rowid", error);
  g_autoptr(GString) drop = g_string_new (NULL);

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      /* Names come from our own schema, never from input. */
      g_string_append_printf (drop, "DROP %s \"%s\";", sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 0));
      g_ptr_array_add (saved, g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
    }
  return rd_db_exec (d->db, drop->str, error);
}

static gboolean
restore_triggers_and_indexes (RdDemo *d, GPtrArray *saved, GError **error)
{
  for (guint i = 0; i < saved->len; i++)
    if (!rd_db_exec (d->db, g_ptr_array_index (saved, i), error))
      return FALSE;
  return TRUE;
}

static gboolean
insert_settings (RdDemo *d, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (d->db,
    "INSERT INTO settings (id, company_name, currency, fiscal_year_start_month, as_of_date, coverage_target) "
    "VALUES (1, ?1, 'USD', 2, ?2, 3.0)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, COMPANY_NAME, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, RD_DEMO_AS_OF, -1, SQLITE_STATIC);
  return rd_demo_step (stmt, "settings", error);
}

/* Builds the records in memory and writes them. */
static gboolean
generate (RdDemo *d, GError **error)
{
  g_autofree int *order = NULL;

  rd_demo_make_records (d);
  order = order_opps (d);
  rd_demo_phase (d, "records built");
  return write_people (d, error) &&
         write_accounts (d, error) && rd_demo_phase (d, "accounts") &&
         write_leads (d, error) && rd_demo_phase (d, "leads") &&
         write_opps (d, order, error) && rd_demo_phase (d, "opportunities") &&
         write_opp_histories (d, order, error) && rd_demo_phase (d, "histories") &&
         write_handoffs (d, error) && rd_demo_phase (d, "handoffs") &&
         rd_demo_write_revenue (d, error);
}

static gboolean
fill (RdWorkspace  *ws,
      gpointer      user_data,
      GError      **error)
{
  RdDemo *d = user_data;
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *note = NULL;
  g_autofree char *actor = g_strdup (rd_workspace_get_actor (ws));
  gboolean ok;

  d->db = _rd_workspace_get_db (ws);
  if (!insert_settings (d, error) ||
      !rd_defaults_install (ws, error) ||
      !lookup_definitions (d, error) ||
      !drop_triggers_and_indexes (d, saved, error) ||
      !generate (d, error) ||
      !restore_triggers_and_indexes (d, saved, error))
    return FALSE;
  rd_demo_phase (d, "indexes");
  if (!rd_aggregates_rebuild_all (d->db, error))
    return FALSE;
  rd_demo_phase (d, "aggregates");

  /* The note is part of the contents, so it names no user and no clock. */
  note = g_strdup_printf ("Demo company generated (seed %" G_GUINT64_FORMAT ", %u opportunities)", d->seed, d->n);
  rd_workspace_set_actor (ws, "Revdeck demo");
  ok = _rd_workspace_add_note (ws, "2026-09-30 18:00:00", note, error);
  rd_workspace_set_actor (ws, actor);
  return ok;
}

static void
clear_demo (RdDemo *d)
{
  if (d->timings)
    g_string_free (d->timings, TRUE);
  g_clear_pointer (&d->summary, g_free);
  g_clear_pointer (&d->people, g_array_unref);
  g_clear_pointer (&d->accounts, g_array_unref);
  g_clear_pointer (&d->leads, g_array_unref);
  g_clear_pointer (&d->opps, g_array_unref);
  g_clear_pointer (&d->handoffs, g_array_unref);
  g_clear_pointer (&d->opp_id, g_free);
}

/**
 * rd_demo_create:
 *
 * Creates @path (which must not exist) holding the demo company, in one
 * transaction. On failure nothing is left behind.
 */
RdWorkspace *
rd_demo_create (const char           *path,
                const RdDemoOptions  *options,
                GError              **error)
{
  g_autoptr(RdWorkspace) ws = NULL;
  g_autofree char *restore = NULL;
  RdDemo d = { 0 };
  gint64 cache_size;
  guint knee;
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);

  d.seed = options ? options->seed : RD_DEMO_DEFAULT_SEED;
  d.n = options && options->n_opportunities ? options->n_opportunities : RD_DEMO_DEFAULT_OPPORTUNITIES;
  knee = MIN (d.n, RD_DEMO_SCALE_KNEE);
  d.scale = d.n / (double) RD_DEMO_DEFAULT_OPPORTUNITIES;
  d.entity_scale = (knee + 0.05 * (d.n - knee)) / RD_DEMO_DEFAULT_OPPORTUNITIES;
  d.started = g_get_monotonic_time ();

  ws = _rd_workspace_create_empty (path, error);
  if (ws == NULL)
    return NULL;
  db = _rd_workspace_get_db (ws);

  d.people = g_array_new (FALSE, FALSE, sizeof (RdDemoPerson));
  d.accounts = g_array_new (FALSE, FALSE, sizeof (RdDemoAccount));
  d.opps = g_array_sized_new (FALSE, FALSE, sizeof (RdDemoOpp), d.n);
  d.handoffs = g_array_new (FALSE, FALSE, sizeof (RdDemoHandoff));

  /* One big transaction, set up for a bulk load of rows we make ourselves:
   * a large page cache; temporary data in memory; no foreign key or CHECK
   * evaluation per row (the test runs PRAGMA integrity_check, which checks
   * every CHECK constraint, and PRAGMA foreign_key_check); and a rollback
   * journal instead of the write-ahead log, so the new pages of an empty
   * file are written once instead of twice. All are put back after. */
  cache_size = rd_db_query_int (db, "PRAGMA cache_size", -2000);
  rd_db_exec (db,
              "PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = OFF;"
              "PRAGMA ignore_check_constraints = ON; PRAGMA journal_mode = DELETE", NULL);
  _rd_workspace_set_audit (ws, FALSE);
  ok = rd_workspace_write (ws, "demo", fill, &d, error);
  _rd_workspace_set_audit (ws, TRUE);
  rd_demo_phase (&d, "committed");
  g_debug ("demo: seed %" G_GUINT64_FORMAT ", %u opportunities: %s; %s", d.seed, d.n,
           d.summary ? d.summary : "not made", d.timings->str);
  restore = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT "; PRAGMA temp_store = DEFAULT;"
                             "PRAGMA foreign_keys = ON; PRAGMA ignore_check_constraints = OFF;"
                             "PRAGMA journal_mode = WAL", cache_size);
  rd_db_exec (db, restore, NULL);
  clear_demo (&d);

  if (!ok)
    {
      static const char *const suffixes[] = { "", "-journal", "-wal", "-shm" };

      g_clear_object (&ws);
      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
          g_unlink (file);
        }
      return NULL;
    }
  return g_steal_pointer (&ws);
}
