/* rd-defaults.c — the definitions a new workspace starts with
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here is data: one static table per workspace table, inserted by
 * one loop each with a prepared statement and bound values. The wording is
 * what a leader reads in the glossary and the definitions dialogs, so it
 * follows the design's metric definitions (metrics.md) term for term.
 * Rows refer to each other by name; ids are looked up by name when needed.
 */

#include "config.h"

#include "rd-defaults.h"
#include "rd-workspace-private.h"

/* ---------------------------------------------------------------- the rows */

typedef struct { const char *name; double coverage_target; /* 0 = workspace target */ } SegmentRow;

static const SegmentRow segments[] = {
  { "SMB", 0 },
  { "Mid-market", 3.0 },
  { "Enterprise", 4.0 },
};

static const char *const regions[] = { "North America", "EMEA", "APAC" };

static const char *const channels[] = {
  "Inbound", "Outbound", "Partner", "Events", "Paid search", "Referral",
};

typedef struct { const char *name; const char *function; } TeamRow;

static const TeamRow teams[] = {
  { "Marketing", "marketing" },
  { "Sales development", "sales" },
  { "Account executives", "sales" },
  { "Customer success", "customer_success" },
  { "Finance", "finance" },
  { "Revenue operations", "revops" },
};

typedef struct { const char *name; gboolean counts; int rollup_level; /* 0 = none */ const char *meaning; } CategoryRow;

static const CategoryRow categories[] = {
  { "Pipeline", TRUE, 0,
    "A qualified open deal that is not yet expected to close in the period: the owner cannot yet "
    "describe the buyer's path to a signature." },
  { "Best Case", TRUE, 3,
    "An open deal that can close in the period if the remaining steps go well. It is the upside "
    "above the commit, and the owner says what must happen for it to land." },
  { "Commit", TRUE, 2,
    "An open deal the owner expects to close in the period and answers for: the buyer has agreed "
    "the steps and dates that lead to a signature." },
  { "Closed", FALSE, 1,
    "A deal already won. It counts toward quota attainment and is no longer pipeline." },
  { "Omitted", FALSE, 0,
    "A deal left out of the forecast: lost, or parked by its owner. It never counts toward coverage." },
};

typedef struct
{
  const char *name;
  const char *definition;
  const char *exit_criteria;
  const char *owner_team;
  int         max_days;      /* 0 = no aging threshold */
  double      probability;   /* < 0 = none */
  const char *category;      /* NULL = none */
  gboolean    is_won;
  gboolean    is_lost;
} StageRow;

static const StageRow lifecycle_stages[] = {
  { "Lead",
    "A person we can contact who has reached us through a form, an event, a list, a partner or a reply "
    "to outreach.",
    "Marketing scores the lead at or above the MQL threshold, or sales development qualifies it in a "
    "conversation.",
    "Marketing", 30, -1, NULL, FALSE, FALSE },
  { "MQL",
    "A lead that marketing judges ready for sales follow-up, by company fit and by engagement.",
    "Sales development accepts the lead and confirms need, budget holder and timing in a first call.",
    "Sales development", 14, -1, NULL, FALSE, FALSE },
  { "SQL",
    "A lead that sales development has qualified in conversation and passed to an account executive.",
    "An account executive holds a discovery meeting and opens an opportunity with an amount, a close "
    "date and an account.",
    "Account executives", 21, -1, NULL, FALSE, FALSE },
  { "Opportunity",
    "A lead whose buying interest is now worked as an open deal.",
    "The deal is won, and the account becomes a customer, or it is lost.",
    "Account executives", 120, -1, NULL, FALSE, FALSE },
  { "Customer",
    "An account with a signed contract and recurring revenue.",
    "None: a customer leaves this stage only by churning.",
    "Customer success", 0, -1, NULL, TRUE, FALSE },
};

static const StageRow deal_stages[] = {
  { "Discovery",
    "First meeting held. The account executive is learning the buyer's problem, process and people.",
    "A business problem the buyer confirms, a named sponsor, and the next meeting in the calendar.",
    "Account executives", 14, 0.1, "Pipeline", FALSE, FALSE },
  { "Qualification",
    "The buyer's need, budget, authority and timeline are tested against what we do well.",
    "Budget range and decision process known; the buyer agrees to evaluate a solution.",
    "Account executives", 21, 0.2, "Pipeline", FALSE, FALSE },
  { "Solution",
    "We demonstrate or trial the product against success criteria the buyer has written down.",
    "The evaluation is passed and the buyer asks for commercial terms.",
    "Account executives", 30, 0.4, "Best Case", FALSE, FALSE },
  { "Proposal",
    "A priced proposal is with the buyer.",
    "The buyer accepts the proposal in principle and legal or procurement review starts.",
    "Account executives", 21, 0.6, "Best Case", FALSE, FALSE },
  { "Negotiation",
    "The buyer has chosen us; contract terms and procurement are being settled.",
    "The order form is signed (won) or the buyer withdraws (lost).",
    "Account executives", 21, 0.8, "Commit", FALSE, FALSE },
  { "Closed Won",
    "The contract is signed and the amount counts as bookings for the close date's period.",
    "None: a terminal stage. Further business is a new opportunity.",
    "Account executives", 0, 1.0, "Closed", TRUE, FALSE },
  { "Closed Lost",
    "The buyer chose another vendor or no decision, or we disqualified the deal. The loss reason is "
    "recorded.",
    "None: a terminal stage. A revived deal is a new opportunity.",
    "Account executives", 0, 0.0, "Omitted", FALSE, TRUE },
};

typedef struct
{
  const char *name;
  const char *from_kind, *from_stage;
  const char *to_kind, *to_stage;
  const char *owner_team;
  double      sla_hours;
  const char *required_fields;   /* a JSON array */
  const char *exception_path;
} HandoffRow;

static const HandoffRow handoffs[] = {
  { "Lead to MQL", "lifecycle", "Lead", "lifecycle", "MQL", "Marketing", 24,
    "[\"email\",\"company\",\"channel\"]",
    "If a scored lead is not routed within a day, the marketing operations lead routes it by hand and "
    "reviews the routing rule in the weekly funnel meeting." },
  { "MQL to SQL", "lifecycle", "MQL", "lifecycle", "SQL", "Sales development", 24,
    "[\"email\",\"company\",\"segment\",\"channel\"]",
    "If no SDR accepts an MQL within a day, the sales development manager reassigns it the same day; "
    "repeated misses go to the revenue operations review." },
  { "SQL to Opportunity", "lifecycle", "SQL", "lifecycle", "Opportunity", "Account executives", 48,
    "[\"amount\",\"close_date\",\"account\",\"owner\"]",
    "If the account executive has not opened the opportunity within two days, the sales manager takes "
    "the meeting or reassigns the lead, and the SDR is told the outcome." },
  { "Closed Won to Customer", "deal", "Closed Won", "lifecycle", "Customer", "Customer success", 72,
    "[\"owner\",\"renewal_date\"]",
    "If no customer success manager accepts a new customer within three days, the head of customer "
    "success assigns one and schedules the kickoff; the account executive stays on until then." },
};

typedef struct { const char *key; const char *name; const char *text; } TermRow;

static const TermRow terms[] = {
  { "mql", "MQL (marketing-qualified lead)",
    "A lead that marketing judges ready for sales follow-up, by company fit and engagement. The lead "
    "counts as an MQL from the moment it enters the MQL stage." },
  { "sql", "SQL (sales-qualified lead)",
    "A lead that sales development has qualified in a conversation and passed to an account "
    "executive. A lead that reaches SQL without an MQL event still counts as having passed MQL." },
  { "opportunity", "Opportunity",
    "A deal we are working: an account, an owner, an amount and an expected close date, moving "
    "through the deal stages until it is won or lost." },
  { "pipeline-coverage", "Pipeline coverage",
    "Qualified pipeline (open deals closing in the period, in categories that count toward coverage) "
    "divided by the quota still to close (quota minus closed-won). Shown against the coverage target; "
    "when quota is already met, coverage is \"met\"." },
  { "win-rate", "Win rate",
    "Deals won divided by deals won plus deals lost, for deals closed in the period, by count and by "
    "value. Open deals are not in the denominator." },
  { "sales-cycle", "Sales cycle",
    "Days from a deal's creation to its close, for deals won in the period; shown as median and mean." },
  { "forecast-accuracy", "Forecast accuracy",
    "For a period: 100 x (1 - |actual - forecast| / actual), using the forecast submitted a set number "
    "of weeks before the period ends. Forecast divided by actual is shown beside it: above 100 % means "
    "the team over-forecast." },
  { "commit", "Commit",
    "The forecast category for open deals the owner expects to close in the period and answers for." },
  { "best-case", "Best Case",
    "The forecast category for open deals that can close in the period if the remaining steps go well: "
    "the upside above the commit." },
  { "churn", "Churn",
    "An account's monthly recurring revenue going from above zero to zero. The churned amount is the "
    "MRR it had the month before." },
  { "expansion", "Expansion",
    "An increase in an active account's monthly recurring revenue from one month to the next." },
  { "contraction", "Contraction",
    "A decrease in an account's monthly recurring revenue to a value still above zero." },
  { "reactivation", "Reactivation",
    "An account's monthly recurring revenue going from zero back above zero after it had churned. "
    "Not counted as new business." },
  { "nrr", "Net revenue retention (NRR)",
    "For accounts active at the start of a window: their starting MRR plus expansion, minus "
    "contraction and churn, divided by their starting MRR, in percent. New accounts and reactivations "
    "are left out." },
  { "grr", "Gross revenue retention (GRR)",
    "For accounts active at the start of a window: starting MRR minus contraction and churn, divided "
    "by starting MRR, in percent. Expansion is left out, so GRR is never above 100 %." },
  { "logo-retention", "Logo retention",
    "Accounts active at the start of a window that are still active at its end, divided by the "
    "accounts active at the start." },
  { "arr", "ARR (annual recurring revenue)",
    "Twelve times monthly recurring revenue, for the same accounts and month." },
  { "mrr", "MRR (monthly recurring revenue)",
    "The recurring revenue an account is contracted to pay for a month. Every revenue movement "
    "(new, expansion, contraction, churn, reactivation) is derived from MRR month by month." },
  { "stalled-deal", "Stalled deal",
    "An open deal whose days in its current stage exceed that stage's maximum days. Days are counted "
    "since the deal last entered the stage, unless another clock is named." },
  { "slipped-deal", "Slipped deal",
    "An open deal whose close date has been moved later at least once; the number of moves is kept." },
  { "stale-deal", "Stale deal",
    "An open deal whose close date is already before the as-of date." },
  { "sla-adherence", "SLA adherence",
    "Records whose handoff was accepted within the SLA, divided by the records that crossed the handoff "
    "in the period. A record past its SLA and still not accepted is an open miss." },
  { "handoff-completeness", "Handoff completeness",
    "Records that crossed a handoff with every required field filled, divided by all records that "
    "crossed it." },
  { "required-field-completeness", "Required-field completeness",
    "Filled required fields divided by required fields, over open records: a data-quality measure." },
  { "revenue-velocity", "Revenue velocity",
    "Open deals x average won amount x win rate / average sales cycle in days: the revenue the "
    "pipeline produces per day at current rates." },
  { "cac", "CAC (customer acquisition cost)",
    "Sales and marketing spend in a period, divided by the new customers won in it; per channel when "
    "spend is recorded per channel." },
  { "cac-payback", "CAC payback",
    "Months of gross margin needed to earn back CAC: CAC / (new MRR per new customer x gross margin)." },
  { "stage-conversion", "Stage conversion",
    "Records that reached the next stage divided by records that reached this stage, in percent. "
    "Skipped stages count as passed. Overall conversion is the last stage over the first." },
};

/* ------------------------------------------------------------- the inserts */

static gboolean
step_insert (sqlite3_stmt  *stmt,
             GError       **error)
{
  gboolean ok = rd_db_step_done (stmt, error);

  sqlite3_clear_bindings (stmt);
  return ok;
}

static gint64
lookup_id (sqlite3    *db,
           const char *sql,
           const char *a,
           const char *b)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (db, sql, NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_STATIC);
  if (b)
    sqlite3_bind_text (stmt, 2, b, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  return id;
}

#define TEAM_ID(n)     lookup_id (db, "SELECT id FROM teams WHERE name = ?1", n, NULL)
#define CATEGORY_ID(n) lookup_id (db, "SELECT id FROM forecast_categories WHERE name = ?1", n, NULL)
#define STAGE_ID(k, n) lookup_id (db, "SELECT id FROM stages WHERE kind = ?1 AND name = ?2", k, n)

static gboolean
insert_named (sqlite3            *db,
              const char         *sql,
              const char *const  *names,
              guint               n_names,
              GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n_names; i++)
    {
      sqlite3_bind_text (stmt, 1, names[i], -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, i + 1);
      if (!step_insert (stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_stages (sqlite3        *db,
               sqlite3_stmt   *stmt,
               const char     *kind,
               const StageRow *rows,
               guint           n_rows,
               GError        **error)
{
  for (guint i = 0; i < n_rows; i++)
    {
      const StageRow *r = &rows[i];

      sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, r->name, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, i + 1);
      sqlite3_bind_text (stmt, 4, r->definition, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, r->exit_criteria, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, TEAM_ID (r->owner_team));
      if (r->max_days > 0)
        sqlite3_bind_int (stmt, 7, r->max_days);
      if (r->probability >= 0)
        sqlite3_bind_double (stmt, 8, r->probability);
      if (r->category)
        sqlite3_bind_int64 (stmt, 9, CATEGORY_ID (r->category));
      sqlite3_bind_int (stmt, 10, r->is_won);
      sqlite3_bind_int (stmt, 11, r->is_lost);
      if (!step_insert (stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
rd_defaults_install (RdWorkspace  *self,
                     GError      **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (RD_IS_WORKSPACE (self), FALSE);
  db = _rd_workspace_get_db (self);

  /* Segments */
  stmt = rd_db_prepare (db, "INSERT INTO segments (name, position, coverage_target) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (segments); i++)
    {
      sqlite3_bind_text (stmt, 1, segments[i].name, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, i + 1);
      if (segments[i].coverage_target > 0)
        sqlite3_bind_double (stmt, 3, segments[i].coverage_target);
      if (!step_insert (stmt, error))
        return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Regions and channels */
  if (!insert_named (db, "INSERT INTO regions (name, position) VALUES (?1, ?2)",
                     regions, G_N_ELEMENTS (regions), error) ||
      !insert_named (db, "INSERT INTO channels (name, position) VALUES (?1, ?2)",
                     channels, G_N_ELEMENTS (channels), error))
    return FALSE;

  /* Teams */
  stmt = rd_db_prepare (db, "INSERT INTO teams (name, function) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (teams); i++)
    {
      sqlite3_bind_text (stmt, 1, teams[i].name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, teams[i].function, -1, SQLITE_STATIC);
      if (!step_insert (stmt, error))
        return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Forecast categories */
  stmt = rd_db_prepare (db,
                        "INSERT INTO forecast_categories (name, position, meaning, counts_toward_coverage, rollup_level) "
                        "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    {
      sqlite3_bind_text (stmt, 1, categories[i].name, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, i + 1);
      sqlite3_bind_text (stmt, 3, categories[i].meaning, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, categories[i].counts);
      if (categories[i].rollup_level > 0)
        sqlite3_bind_int (stmt, 5, categories[i].rollup_level);
      if (!step_insert (stmt, error))
        return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Lifecycle and deal stages */
  stmt = rd_db_prepare (db,
                        "INSERT INTO stages (kind, name, position, definition, exit_criteria, owner_team_id, "
                        "max_days, probability, forecast_category_id, is_won, is_lost) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", error);
  if (stmt == NULL ||
      !insert_stages (db, stmt, "lifecycle", lifecycle_stages, G_N_ELEMENTS (lifecycle_stages), error) ||
      !insert_stages (db, stmt, "deal", deal_stages, G_N_ELEMENTS (deal_stages), error))
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Handoffs */
  stmt = rd_db_prepare (db,
                        "INSERT INTO handoffs (name, from_stage_id, to_stage_id, owner_team_id, sla_hours, "
                        "required_fields, exception_path) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (handoffs); i++)
    {
      const HandoffRow *h = &handoffs[i];

      sqlite3_bind_text (stmt, 1, h->name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, STAGE_ID (h->from_kind, h->from_stage));
      sqlite3_bind_int64 (stmt, 3, STAGE_ID (h->to_kind, h->to_stage));
      sqlite3_bind_int64 (stmt, 4, TEAM_ID (h->owner_team));
      sqlite3_bind_double (stmt, 5, h->sla_hours);
      sqlite3_bind_text (stmt, 6, h->required_fields, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, h->exception_path, -1, SQLITE_STATIC);
      if (!step_insert (stmt, error))
        return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Glossary: each term with its first version */
  {
    g_autoptr(sqlite3_stmt) version = NULL;

    stmt = rd_db_prepare (db, "INSERT INTO terms (key, name) VALUES (?1, ?2)", error);
    version = rd_db_prepare (db,
                             "INSERT INTO term_versions (term_id, version, text, effective_date, reason, author, "
                             "recorded_at) "
                             "VALUES (?1, 1, ?2, '2024-01-01', 'Initial definition', 'Revenue operations', "
                             "'2024-01-01 09:00:00')", error);
    if (stmt == NULL || version == NULL)
      return FALSE;
    for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
      {
        sqlite3_bind_text (stmt, 1, terms[i].key, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 2, terms[i].name, -1, SQLITE_STATIC);
        if (!step_insert (stmt, error))
          return FALSE;
        sqlite3_bind_int64 (version, 1, sqlite3_last_insert_rowid (db));
        sqlite3_bind_text (version, 2, terms[i].text, -1, SQLITE_STATIC);
        if (!step_insert (version, error))
          return FALSE;
      }
  }

  return TRUE;
}
