/* rd-schema.c — the workspace schema (version 1) and its column catalog
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SQL below is the one definition of the file format. The catalog that
 * follows describes the same tables for the code that must walk every column
 * generically: JSON export and import, and the audit triggers. A test checks
 * that the catalog and the SQL agree column for column.
 *
 * Dates are ISO text ("2026-09-30"), timestamps are UTC text
 * ("2026-09-30 14:05:00"), months "2026-09", money integer cents.
 * Comparisons on these strings sort correctly and julianday() reads them.
 */


#include "rd-schema.h"

static const char create_sql[] =
  /* ---------------------------------------------------------------- settings */
  "CREATE TABLE settings ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  company_name TEXT NOT NULL CHECK (length(trim(company_name)) > 0),"
  "  currency TEXT NOT NULL DEFAULT 'USD' CHECK (length(currency) = 3 AND upper(currency) = currency),"
  "  fiscal_year_start_month INTEGER NOT NULL DEFAULT 1 CHECK (fiscal_year_start_month BETWEEN 1 AND 12),"
  "  as_of_date TEXT CHECK (as_of_date IS NULL OR date(as_of_date) IS as_of_date),"
  "  coverage_target REAL NOT NULL DEFAULT 3.0 CHECK (coverage_target > 0),"
  "  start_churn_policy TEXT NOT NULL DEFAULT 'exclude'"
  "    CHECK (start_churn_policy IN ('exclude', 'churn', 'ignore')),"
  "  gross_margin REAL NOT NULL DEFAULT 0.8 CHECK (gross_margin > 0 AND gross_margin <= 1),"
  "  forecast_lead_weeks INTEGER NOT NULL DEFAULT 4 CHECK (forecast_lead_weeks BETWEEN 0 AND 26)"
  ");"
  "CREATE TABLE segments ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),"
  "  position INTEGER NOT NULL,"
  "  coverage_target REAL CHECK (coverage_target IS NULL OR coverage_target > 0)"
  ");"
  "CREATE TABLE regions ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),"
  "  position INTEGER NOT NULL"
  ");"
  /* Channels are lead sources and marketing spend channels alike. */
  "CREATE TABLE channels ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),"
  "  position INTEGER NOT NULL"
  ");"
  /* ------------------------------------------------------- teams and people */
  "CREATE TABLE teams ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),"
  "  function TEXT NOT NULL"
  "    CHECK (function IN ('marketing', 'sales', 'customer_success', 'finance', 'revops'))"
  ");"
  "CREATE TABLE people ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  email TEXT,"
  "  team_id INTEGER REFERENCES teams (id),"
  "  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))"
  ");"
  /* ------------------------------------------------------------ definitions */
  /* rollup_level: 1 Closed, 2 Commit, 3 Best Case; the roll-ups add levels up to n. */
  "CREATE TABLE forecast_categories ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),"
  "  position INTEGER NOT NULL,"
  "  meaning TEXT NOT NULL DEFAULT '',"
  "  counts_toward_coverage INTEGER NOT NULL DEFAULT 0 CHECK (counts_toward_coverage IN (0, 1)),"
  "  rollup_level INTEGER CHECK (rollup_level IS NULL OR rollup_level BETWEEN 1 AND 3)"
  ");"
  "CREATE TABLE stages ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN ('lifecycle', 'deal')),"
  "  name TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),"
  "  position INTEGER NOT NULL,"
  "  definition TEXT NOT NULL DEFAULT '',"
  "  exit_criteria TEXT NOT NULL DEFAULT '',"
  "  owner_team_id INTEGER REFERENCES teams (id),"
  "  max_days INTEGER CHECK (max_days IS NULL OR max_days > 0),"
  "  probability REAL CHECK (probability IS NULL OR probability BETWEEN 0 AND 1),"
  "  forecast_category_id INTEGER REFERENCES forecast_categories (id),"
  "  is_won INTEGER NOT NULL DEFAULT 0 CHECK (is_won IN (0, 1)),"
  "  is_lost INTEGER NOT NULL DEFAULT 0 CHECK (is_lost IN (0, 1)),"
  "  CHECK (NOT (is_won AND is_lost)),"
  "  UNIQUE (kind, name)"
  ");"
  "CREATE INDEX stages_by_kind ON stages (kind, position);"
  /* A term's key is stable ("win-rate"); its text is versioned. Metrics name
   * the version in force on the as-of date. */
  "CREATE TABLE terms ("
  "  id INTEGER PRIMARY KEY,"
  "  key TEXT NOT NULL UNIQUE CHECK (length(key) > 0 AND key NOT GLOB '*[^a-z0-9-]*'),"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0)"
  ");"
  "CREATE TABLE term_versions ("
  "  id INTEGER PRIMARY KEY,"
  "  term_id INTEGER NOT NULL REFERENCES terms (id) ON DELETE CASCADE,"
  "  version INTEGER NOT NULL CHECK (version > 0),"
  "  text TEXT NOT NULL CHECK (length(trim(text)) > 0),"
  "  effective_date TEXT NOT NULL CHECK (date(effective_date) IS effective_date),"
  "  reason TEXT NOT NULL DEFAULT '',"
  "  author TEXT NOT NULL DEFAULT '',"
  "  recorded_at TEXT NOT NULL,"
  "  UNIQUE (term_id, version)"
  ");"
  "CREATE TABLE handoffs ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  from_stage_id INTEGER NOT NULL REFERENCES stages (id),"
  "  to_stage_id INTEGER NOT NULL REFERENCES stages (id),"
  "  owner_team_id INTEGER NOT NULL REFERENCES teams (id),"
  "  owner_person_id INTEGER REFERENCES people (id),"
  "  sla_hours REAL NOT NULL CHECK (sla_hours > 0),"
  "  required_fields TEXT NOT NULL DEFAULT '[]'"
  "    CHECK (json_valid(required_fields) AND json_type(required_fields) = 'array'),"
  "  exception_path TEXT NOT NULL DEFAULT '',"
  "  CHECK (from_stage_id <> to_stage_id),"
  "  UNIQUE (from_stage_id, to_stage_id)"
  ");"
  /* ---------------------------------------------------------------- records */
  "CREATE TABLE accounts ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  domain TEXT,"
  "  segment_id INTEGER REFERENCES segments (id),"
  "  region_id INTEGER REFERENCES regions (id),"
  "  industry TEXT,"
  "  channel_id INTEGER REFERENCES channels (id),"
  "  owner_id INTEGER REFERENCES people (id),"
  "  external_id TEXT UNIQUE,"
  "  created_at TEXT NOT NULL CHECK (date(created_at) IS created_at)"
  ");"
  "CREATE INDEX accounts_by_segment ON accounts (segment_id, region_id);"
  "CREATE INDEX accounts_by_domain ON accounts (lower(domain)) WHERE domain IS NOT NULL;"
  "CREATE TABLE leads ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  email TEXT,"
  "  company TEXT,"
  "  title TEXT,"
  "  account_id INTEGER REFERENCES accounts (id),"
  "  channel_id INTEGER REFERENCES channels (id),"
  "  segment_id INTEGER REFERENCES segments (id),"
  "  region_id INTEGER REFERENCES regions (id),"
  "  owner_id INTEGER REFERENCES people (id),"
  "  external_id TEXT UNIQUE,"
  "  created_at TEXT NOT NULL CHECK (datetime(created_at) IS created_at),"
  "  stage_id INTEGER REFERENCES stages (id),"          /* derived: latest event */
  "  stage_entered_at TEXT"                              /* derived */
  ");"
  "CREATE INDEX leads_by_created ON leads (created_at);"
  "CREATE INDEX leads_by_stage ON leads (stage_id, stage_entered_at);"
  "CREATE TABLE lead_stage_events ("
  "  id INTEGER PRIMARY KEY,"
  "  lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,"
  "  stage_id INTEGER NOT NULL REFERENCES stages (id),"
  "  entered_at TEXT NOT NULL CHECK (datetime(entered_at) IS entered_at)"
  ");"
  "CREATE INDEX lead_events_by_lead ON lead_stage_events (lead_id, entered_at);"
  "CREATE INDEX lead_events_by_stage ON lead_stage_events (stage_id, entered_at, lead_id);"
  "CREATE INDEX lead_events_by_time ON lead_stage_events (entered_at);"
  "CREATE TABLE opportunities ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  account_id INTEGER REFERENCES accounts (id),"
  "  owner_id INTEGER REFERENCES people (id),"
  "  channel_id INTEGER REFERENCES channels (id),"
  "  segment_id INTEGER REFERENCES segments (id),"
  "  region_id INTEGER REFERENCES regions (id),"
  "  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),"
  "  created_at TEXT NOT NULL CHECK (datetime(created_at) IS created_at),"
  "  close_date TEXT NOT NULL CHECK (date(close_date) IS close_date),"
  "  category_override_id INTEGER REFERENCES forecast_categories (id),"
  "  loss_reason TEXT,"
  "  next_step TEXT,"
  "  external_id TEXT UNIQUE,"
  "  stage_id INTEGER REFERENCES stages (id),"            /* derived: latest history entry */
  "  stage_entered_at TEXT,"                             /* derived */
  "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost')),"  /* derived */
  "  last_change_at TEXT"                                /* derived: last change of any kind */
  ");"
  /* Covering index for coverage, forecast and win-rate sums: every filter
   * column plus the amount, so those queries never touch the table. */
  "CREATE INDEX opps_by_close ON opportunities"
  "  (close_date, status, stage_id, category_override_id, segment_id, region_id, owner_id, channel_id, amount_cents);"
  "CREATE INDEX opps_open_by_stage ON opportunities (stage_id, stage_entered_at) WHERE status = 'open';"
  "CREATE INDEX opps_by_created ON opportunities (created_at);"
  "CREATE INDEX opps_by_account ON opportunities (account_id);"
  "CREATE INDEX opps_by_owner ON opportunities (owner_id, close_date);"
  "CREATE INDEX opps_by_last_change ON opportunities (last_change_at);"
  /* Closed-won sums and sales cycles read only this index. */
  "CREATE INDEX opps_won_by_close ON opportunities"
  "  (close_date, segment_id, region_id, owner_id, channel_id, amount_cents, created_at) WHERE status = 'won';"
  "CREATE TABLE opportunity_stage_history ("
  "  id INTEGER PRIMARY KEY,"
  "  opportunity_id INTEGER NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,"
  "  stage_id INTEGER NOT NULL REFERENCES stages (id),"
  "  entered_at TEXT NOT NULL CHECK (datetime(entered_at) IS entered_at),"
  "  exited_at TEXT"                                     /* derived: next entry's time */
  ");"
  "CREATE INDEX opp_history_by_opp ON opportunity_stage_history (opportunity_id, entered_at);"
  "CREATE INDEX opp_history_by_stage ON opportunity_stage_history (stage_id, entered_at, exited_at);"
  "CREATE TABLE close_date_changes ("
  "  id INTEGER PRIMARY KEY,"
  "  opportunity_id INTEGER NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,"
  "  changed_at TEXT NOT NULL CHECK (datetime(changed_at) IS changed_at),"
  "  old_date TEXT NOT NULL CHECK (date(old_date) IS old_date),"
  "  new_date TEXT NOT NULL CHECK (date(new_date) IS new_date)"
  ");"
  "CREATE INDEX close_changes_by_opp ON close_date_changes (opportunity_id, changed_at);"
  "CREATE TABLE amount_changes ("
  "  id INTEGER PRIMARY KEY,"
  "  opportunity_id INTEGER NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,"
  "  changed_at TEXT NOT NULL CHECK (datetime(changed_at) IS changed_at),"
  "  old_cents INTEGER NOT NULL CHECK (old_cents >= 0),"
  "  new_cents INTEGER NOT NULL CHECK (new_cents >= 0)"
  ");"
  "CREATE INDEX amount_changes_by_opp ON amount_changes (opportunity_id, changed_at);"
  /* A record crossing a handoff; accepted_at stays NULL until the receiving
   * owner accepts it. Exactly one of the record columns is set. */
  "CREATE TABLE handoff_events ("
  "  id INTEGER PRIMARY KEY,"
  "  handoff_id INTEGER NOT NULL REFERENCES handoffs (id) ON DELETE CASCADE,"
  "  lead_id INTEGER REFERENCES leads (id) ON DELETE CASCADE,"
  "  opportunity_id INTEGER REFERENCES opportunities (id) ON DELETE CASCADE,"
  "  account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE,"
  "  crossed_at TEXT NOT NULL CHECK (datetime(crossed_at) IS crossed_at),"
  "  accepted_at TEXT CHECK (accepted_at IS NULL OR accepted_at >= crossed_at),"
  "  accepted_by_id INTEGER REFERENCES people (id),"
  "  CHECK ((lead_id IS NOT NULL) + (opportunity_id IS NOT NULL) + (account_id IS NOT NULL) = 1)"
  ");"
  "CREATE INDEX handoff_events_by_handoff ON handoff_events (handoff_id, crossed_at);"
  "CREATE INDEX handoff_events_open ON handoff_events (crossed_at) WHERE accepted_at IS NULL;"
  /* ------------------------------------------------------ plans and revenue */
  "CREATE TABLE quotas ("
  "  id INTEGER PRIMARY KEY,"
  "  period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'"
  "                              OR (period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(period, 6) BETWEEN '01' AND '12')),"
  "  scope TEXT NOT NULL CHECK (scope IN ('company', 'segment', 'owner')),"
  "  segment_id INTEGER REFERENCES segments (id),"
  "  owner_id INTEGER REFERENCES people (id),"
  "  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),"
  "  CHECK ((scope = 'company' AND segment_id IS NULL AND owner_id IS NULL)"
  "      OR (scope = 'segment' AND segment_id IS NOT NULL AND owner_id IS NULL)"
  "      OR (scope = 'owner' AND owner_id IS NOT NULL AND segment_id IS NULL))"
  ");"
  "CREATE UNIQUE INDEX quotas_unique ON quotas (period, scope, ifnull(segment_id, 0), ifnull(owner_id, 0));"
  /* owner_id NULL is the company-level submission. */
  "CREATE TABLE forecast_submissions ("
  "  id INTEGER PRIMARY KEY,"
  "  period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'"
  "                              OR period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),"
  "  week_date TEXT NOT NULL CHECK (date(week_date) IS week_date),"
  "  owner_id INTEGER REFERENCES people (id),"
  "  category_id INTEGER NOT NULL REFERENCES forecast_categories (id),"
  "  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0)"
  ");"
  "CREATE UNIQUE INDEX forecast_unique ON forecast_submissions (period, week_date, ifnull(owner_id, 0), category_id);"
  /* A month without a row has an MRR of 0. */
  "CREATE TABLE mrr ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(month, 6) BETWEEN '01' AND '12'),"
  "  mrr_cents INTEGER NOT NULL CHECK (mrr_cents >= 0),"
  "  UNIQUE (account_id, month)"
  ");"
  "CREATE INDEX mrr_by_month ON mrr (month, account_id, mrr_cents);"
  "CREATE TABLE renewals ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  renewal_date TEXT NOT NULL CHECK (date(renewal_date) IS renewal_date),"
  "  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),"
  "  owner_id INTEGER REFERENCES people (id),"
  "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'renewed', 'churned'))"
  ");"
  "CREATE INDEX renewals_by_date ON renewals (renewal_date);"
  "CREATE TABLE spend ("
  "  id INTEGER PRIMARY KEY,"
  "  month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(month, 6) BETWEEN '01' AND '12'),"
  "  channel_id INTEGER NOT NULL REFERENCES channels (id),"
  "  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),"
  "  UNIQUE (month, channel_id)"
  ");"
  /* Weekly pipeline snapshots, aggregated per slice (taken each Monday). */
  "CREATE TABLE pipeline_snapshots ("
  "  id INTEGER PRIMARY KEY,"
  "  week_date TEXT NOT NULL CHECK (date(week_date) IS week_date),"
  "  stage_id INTEGER NOT NULL REFERENCES stages (id),"
  "  category_id INTEGER REFERENCES forecast_categories (id),"
  "  segment_id INTEGER REFERENCES segments (id),"
  "  region_id INTEGER REFERENCES regions (id),"
  "  owner_id INTEGER REFERENCES people (id),"
  "  deal_count INTEGER NOT NULL CHECK (deal_count >= 0),"
  "  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0)"
  ");"
  "CREATE INDEX snapshots_by_week ON pipeline_snapshots (week_date);"
  /* ------------------------------------------------------------------ audit */
  "CREATE TABLE audit_log ("
  "  id INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  table_name TEXT NOT NULL,"
  "  row_id INTEGER,"
  "  action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'note')),"
  "  before_json TEXT,"
  "  after_json TEXT"
  ");"
  "CREATE INDEX audit_by_row ON audit_log (table_name, row_id);"
  ;

#define COL(n, t)        { n, RD_COL_##t, 0, NULL }
#define COLN(n, t)       { n, RD_COL_##t, RD_COL_NULLABLE, NULL }
#define REF(n, tbl)      { n, RD_COL_INT, 0, tbl }
#define REFN(n, tbl)     { n, RD_COL_INT, RD_COL_NULLABLE, tbl }
#define DERIVED(n, t)    { n, RD_COL_##t, RD_COL_NULLABLE | RD_COL_DERIVED, NULL }
#define ID               COL ("id", INT)

static const RdColumn settings_cols[] = {
  ID, COL ("company_name", TEXT), COL ("currency", TEXT), COL ("fiscal_year_start_month", INT),
  COLN ("as_of_date", DATE), COL ("coverage_target", REAL), COL ("start_churn_policy", TEXT),
  COL ("gross_margin", REAL), COL ("forecast_lead_weeks", INT),
};
static const RdColumn segments_cols[] = {
  ID, COL ("name", TEXT), COL ("position", INT), COLN ("coverage_target", REAL),
};
static const RdColumn named_cols[] = {   /* regions and channels */
  ID, COL ("name", TEXT), COL ("position", INT),
};
static const RdColumn teams_cols[] = {
  ID, COL ("name", TEXT), COL ("function", TEXT),
};
static const RdColumn people_cols[] = {
  ID, COL ("name", TEXT), COLN ("email", TEXT), REFN ("team_id", "teams"), COL ("active", BOOL),
};
static const RdColumn categories_cols[] = {
  ID, COL ("name", TEXT), COL ("position", INT), COL ("meaning", TEXT),
  COL ("counts_toward_coverage", BOOL), COLN ("rollup_level", INT),
};
static const RdColumn stages_cols[] = {
  ID, COL ("kind", TEXT), COL ("name", TEXT), COL ("position", INT), COL ("definition", TEXT),
  COL ("exit_criteria", TEXT), REFN ("owner_team_id", "teams"), COLN ("max_days", INT),
  COLN ("probability", REAL), REFN ("forecast_category_id", "forecast_categories"),
  COL ("is_won", BOOL), COL ("is_lost", BOOL),
};
static const RdColumn terms_cols[] = {
  ID, COL ("key", TEXT), COL ("name", TEXT),
};
static const RdColumn term_versions_cols[] = {
  ID, REF ("term_id", "terms"), COL ("version", INT), COL ("text", TEXT),
  COL ("effective_date", DATE), COL ("reason", TEXT), COL ("author", TEXT), COL ("recorded_at", TIME),
};
static const RdColumn handoffs_cols[] = {
  ID, COL ("name", TEXT), REF ("from_stage_id", "stages"), REF ("to_stage_id", "stages"),
  REF ("owner_team_id", "teams"), REFN ("owner_person_id", "people"), COL ("sla_hours", REAL),
  COL ("required_fields", JSON), COL ("exception_path", TEXT),
};
static const RdColumn accounts_cols[] = {
  ID, COL ("name", TEXT), COLN ("domain", TEXT), REFN ("segment_id", "segments"),
  REFN ("region_id", "regions"), COLN ("industry", TEXT), REFN ("channel_id", "channels"),
  REFN ("owner_id", "people"), COLN ("external_id", TEXT), COL ("created_at", DATE),
};
static const RdColumn leads_cols[] = {
  ID, COL ("name", TEXT), COLN ("email", TEXT), COLN ("company", TEXT), COLN ("title", TEXT),
  REFN ("account_id", "accounts"), REFN ("channel_id", "channels"), REFN ("segment_id", "segments"),
  REFN ("region_id", "regions"), REFN ("owner_id", "people"), COLN ("external_id", TEXT),
  COL ("created_at", TIME), DERIVED ("stage_id", INT), DERIVED ("stage_entered_at", TIME),
};
static const RdColumn lead_events_cols[] = {
  ID, REF ("lead_id", "leads"), REF ("stage_id", "stages"), COL ("entered_at", TIME),
};
static const RdColumn opportunities_cols[] = {
  ID, COL ("name", TEXT), REFN ("account_id", "accounts"), REFN ("owner_id", "people"),
  REFN ("channel_id", "channels"), REFN ("segment_id", "segments"), REFN ("region_id", "regions"),
  COL ("amount_cents", MONEY), COL ("created_at", TIME), COL ("close_date", DATE),
  REFN ("category_override_id", "forecast_categories"), COLN ("loss_reason", TEXT),
  COLN ("next_step", TEXT), COLN ("external_id", TEXT),
  DERIVED ("stage_id", INT), DERIVED ("stage_entered_at", TIME), DERIVED ("status", TEXT),
  DERIVED ("last_change_at", TIME),
};
static const RdColumn stage_history_cols[] = {
  ID, REF ("opportunity_id", "opportunities"), REF ("stage_id", "stages"),
  COL ("entered_at", TIME), DERIVED ("exited_at", TIME),
};
static const RdColumn close_changes_cols[] = {
  ID, REF ("opportunity_id", "opportunities"), COL ("changed_at", TIME),
  COL ("old_date", DATE), COL ("new_date", DATE),
};
static const RdColumn amount_changes_cols[] = {
  ID, REF ("opportunity_id", "opportunities"), COL ("changed_at", TIME),
  COL ("old_cents", MONEY), COL ("new_cents", MONEY),
};
static const RdColumn handoff_events_cols[] = {
  ID, REF ("handoff_id", "handoffs"), REFN ("lead_id", "leads"),
  REFN ("opportunity_id", "opportunities"), REFN ("account_id", "accounts"),
  COL ("crossed_at", TIME), COLN ("accepted_at", TIME), REFN ("accepted_by_id", "people"),
};
static const RdColumn quotas_cols[] = {
  ID, COL ("period", PERIOD), COL ("scope", TEXT), REFN ("segment_id", "segments"),
  REFN ("owner_id", "people"), COL ("amount_cents", MONEY),
};
static const RdColumn forecast_cols[] = {
  ID, COL ("period", PERIOD), COL ("week_date", DATE), REFN ("owner_id", "people"),
  REF ("category_id", "forecast_categories"), COL ("amount_cents", MONEY),
};
static const RdColumn mrr_cols[] = {
  ID, REF ("account_id", "accounts"), COL ("month", MONTH), COL ("mrr_cents", MONEY),
};
static const RdColumn renewals_cols[] = {
  ID, REF ("account_id", "accounts"), COL ("renewal_date", DATE), COL ("amount_cents", MONEY),
  REFN ("owner_id", "people"), COL ("status", TEXT),
};
static const RdColumn spend_cols[] = {
  ID, COL ("month", MONTH), REF ("channel_id", "channels"), COL ("amount_cents", MONEY),
};
static const RdColumn snapshots_cols[] = {
  ID, COL ("week_date", DATE), REF ("stage_id", "stages"), REFN ("category_id", "forecast_categories"),
  REFN ("segment_id", "segments"), REFN ("region_id", "regions"), REFN ("owner_id", "people"),
  COL ("deal_count", INT), COL ("amount_cents", MONEY),
};
static const RdColumn audit_cols[] = {
  ID, COL ("at", TIME), COL ("actor", TEXT), COL ("table_name", TEXT), COLN ("row_id", INT),
  COL ("action", TEXT), COLN ("before_json", TEXT), COLN ("after_json", TEXT),
};

#define TABLE(n, c, a) { n, c, G_N_ELEMENTS (c), a }

static const RdTable tables[] = {
  TABLE ("settings", settings_cols, TRUE),
  TABLE ("segments", segments_cols, TRUE),
  TABLE ("regions", named_cols, TRUE),
  TABLE ("channels", named_cols, TRUE),
  TABLE ("teams", teams_cols, TRUE),
  TABLE ("people", people_cols, TRUE),
  TABLE ("forecast_categories", categories_cols, TRUE),
  TABLE ("stages", stages_cols, TRUE),
  TABLE ("terms", terms_cols, TRUE),
  TABLE ("term_versions", term_versions_cols, TRUE),
  TABLE ("handoffs", handoffs_cols, TRUE),
  TABLE ("accounts", accounts_cols, TRUE),
  TABLE ("leads", leads_cols, TRUE),
  TABLE ("lead_stage_events", lead_events_cols, TRUE),
  TABLE ("opportunities", opportunities_cols, TRUE),
  TABLE ("opportunity_stage_history", stage_history_cols, TRUE),
  TABLE ("close_date_changes", close_changes_cols, TRUE),
  TABLE ("amount_changes", amount_changes_cols, TRUE),
  TABLE ("handoff_events", handoff_events_cols, TRUE),
  TABLE ("quotas", quotas_cols, TRUE),
  TABLE ("forecast_submissions", forecast_cols, TRUE),
  TABLE ("mrr", mrr_cols, TRUE),
  TABLE ("renewals", renewals_cols, TRUE),
  TABLE ("spend", spend_cols, TRUE),
  TABLE ("pipeline_snapshots", snapshots_cols, TRUE),
  TABLE ("audit_log", audit_cols, FALSE),
};

const RdTable *
rd_schema_tables (guint *n_tables)
{
  if (n_tables)
    *n_tables = G_N_ELEMENTS (tables);
  return tables;
}

const RdTable *
rd_schema_find_table (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_strcmp0 (tables[i].name, name) == 0)
      return &tables[i];
  return NULL;
}

const char *
rd_schema_create_sql (void)
{
  return create_sql;
}

static void
append_json_object (GString       *sql,
                    const RdTable *table,
                    const char    *prefix)
{
  g_string_append (sql, "json_object(");
  for (guint c = 0; c < table->n_columns; c++)
    g_string_append_printf (sql, "%s'%s', %s.%s",
                            c ? ", " : "", table->columns[c].name, prefix, table->columns[c].name);
  g_string_append (sql, ")");
}

/* One trigger per table and action writes the row before and after into
 * audit_log, so no write path can forget it. rd_audit_enabled() and
 * rd_actor() are functions the workspace registers on its connection; bulk
 * loads (demo, import) switch auditing off and log one note instead. The
 * SQL is built from the fixed catalog above, never from user input. */
char *
rd_schema_audit_triggers_sql (void)
{
  static const char *actions[] = { "insert", "update", "delete" };
  GString *sql = g_string_new (NULL);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      const RdTable *table = &tables[t];

      if (!table->audited)
        continue;

      for (guint a = 0; a < G_N_ELEMENTS (actions); a++)
        {
          const char *row = a == 2 ? "OLD" : "NEW";

          g_string_append_printf (sql,
                                  "CREATE TRIGGER audit_%s_%s AFTER %s ON %s WHEN rd_audit_enabled() BEGIN "
                                  "INSERT INTO audit_log (at, actor, table_name, row_id, action, before_json, after_json) "
                                  "VALUES (strftime('%%Y-%%m-%%d %%H:%%M:%%S', 'now'), rd_actor(), '%s', %s.id, '%s', ",
                                  table->name, actions[a], actions[a], table->name,
                                  table->name, row, actions[a]);
          if (a == 0)
            g_string_append (sql, "NULL");
          else
            append_json_object (sql, table, "OLD");
          g_string_append (sql, ", ");
          if (a == 2)
            g_string_append (sql, "NULL");
          else
            append_json_object (sql, table, "NEW");
          g_string_append (sql, "); END;\n");
        }
    }

  return g_string_free (sql, FALSE);
}
