/* rd-metrics-retention-agg.c — the MRR movements and their monthly sums,
 * kept up to date by triggers
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three tables, all derived from mrr (and the accounts' segment, region,
 * owner and source):
 *
 *   agg_mrr_movements          one row per account and month whose MRR differs
 *                              from the month before: kind, prev_cents,
 *                              cur_cents, and cohort (the account's first
 *                              month with MRR > 0). A month after the last row
 *                              of an account with MRR is its churn.
 *   agg_mrr_movements_months   per month and filter dimensions (segment,
 *                              region, owner, source; 0 for none): accounts
 *                              with MRR > 0, their MRR, and the sum of each
 *                              movement (new also as a count of accounts).
 *   agg_mrr_movements_cohorts  per cohort, month and filter dimensions: the
 *                              change of the cohort's active accounts (+1 for
 *                              an entry, −1 for a churn) and of its MRR, so a
 *                              cohort's cell k is the running sum to month k.
 *   …_months_rollup,           the same sums without the owner, for the views
 *   …_cohorts_rollup           that do not filter by owner.
 *
 * Rows whose sums are all 0 are deleted, so the tables always equal a
 * rebuild. Triggers on mrr keep the movements (the two months a row
 * touches, then the new / reactivation kind of the later entries and the
 * cohort of every row of the account); triggers on agg_mrr_movements and
 * mrr keep the sums. Sums find the dimensions through the account: an
 * account's row being deleted takes its sums away first (before delete),
 * so the cascade of its mrr rows finds no account and leaves them alone; a
 * change of dimensions moves its sums.
 */
#include "config.h"

#include "rd-metrics-retention-private.h"

/* Each sum is kept twice: by segment, region, owner and source (the
 * tables named …_months and …_cohorts) and by segment, region and source
 * only (…_rollup, some 25 times smaller, read by every view without an
 * owner filter). D: the dimension columns; AD: their values for account a;
 * RD: for a row R of accounts. */
#define D4 "segment_id, region_id, owner_id, channel_id"
#define D3 "segment_id, region_id, channel_id"
#define AD4 "ifnull (a.segment_id, 0), ifnull (a.region_id, 0), ifnull (a.owner_id, 0), ifnull (a.channel_id, 0)"
#define AD3 "ifnull (a.segment_id, 0), ifnull (a.region_id, 0), ifnull (a.channel_id, 0)"
#define RD4(R) "ifnull (" R ".segment_id, 0), ifnull (" R ".region_id, 0), ifnull (" R ".owner_id, 0)," \
               " ifnull (" R ".channel_id, 0)"
#define RD3(R) "ifnull (" R ".segment_id, 0), ifnull (" R ".region_id, 0), ifnull (" R ".channel_id, 0)"
#define MONTHS4 "agg_mrr_movements_months"
#define MONTHS3 "agg_mrr_movements_months_rollup"
#define COHORTS4 "agg_mrr_movements_cohorts"
#define COHORTS3 "agg_mrr_movements_cohorts_rollup"

#define MONTHS_SUMS \
  "accounts, mrr_cents, new_accounts, new_cents, reactivation_cents, expansion_cents, contraction_cents, churn_cents"
#define MONTHS_UPSERT(D) \
  " ON CONFLICT (month, " D ") DO UPDATE SET" \
  " accounts = accounts + excluded.accounts, mrr_cents = mrr_cents + excluded.mrr_cents," \
  " new_accounts = new_accounts + excluded.new_accounts, new_cents = new_cents + excluded.new_cents," \
  " reactivation_cents = reactivation_cents + excluded.reactivation_cents," \
  " expansion_cents = expansion_cents + excluded.expansion_cents," \
  " contraction_cents = contraction_cents + excluded.contraction_cents," \
  " churn_cents = churn_cents + excluded.churn_cents;"
#define MONTHS_ZERO \
  " accounts = 0 AND mrr_cents = 0 AND new_accounts = 0 AND new_cents = 0 AND reactivation_cents = 0" \
  " AND expansion_cents = 0 AND contraction_cents = 0 AND churn_cents = 0"
#define COHORTS_UPSERT(D) \
  " ON CONFLICT (cohort, month, " D ") DO UPDATE SET" \
  " active_delta = active_delta + excluded.active_delta, cents_delta = cents_delta + excluded.cents_delta;"

/* What a movement row M adds to the sums, each column as "S × value". */
#define MOVE_SUMS(S, M) \
  S " (" M ".kind = 'new'), " S " (CASE WHEN " M ".kind = 'new' THEN " M ".cur_cents ELSE 0 END)," \
  S " (CASE WHEN " M ".kind = 'reactivation' THEN " M ".cur_cents ELSE 0 END)," \
  S " (CASE WHEN " M ".kind = 'expansion' THEN " M ".cur_cents - " M ".prev_cents ELSE 0 END)," \
  S " (CASE WHEN " M ".kind = 'contraction' THEN " M ".prev_cents - " M ".cur_cents ELSE 0 END)," \
  S " (CASE WHEN " M ".kind = 'churn' THEN " M ".prev_cents ELSE 0 END)"
#define COHORT_SUMS(S, M) \
  S " (CASE WHEN " M ".prev_cents = 0 THEN 1 WHEN " M ".cur_cents = 0 THEN -1 ELSE 0 END)," \
  S " (" M ".cur_cents - " M ".prev_cents)"

/* A movement row M (NEW or OLD of agg_mrr_movements) added (S "+") or taken
 * away (S "-") from the sums of its account's dimensions. */
#define MOVE_APPLY_TO(S, M, MT, CT, D, AD) \
  "INSERT INTO " MT " (month, " D ", " MONTHS_SUMS ")" \
  " SELECT " M ".month, " AD ", 0, 0, " MOVE_SUMS (S, M) \
  " FROM accounts a WHERE a.id = " M ".account_id" MONTHS_UPSERT (D) \
  "DELETE FROM " MT " WHERE month = " M ".month" \
  " AND (" D ") = (SELECT " AD " FROM accounts a WHERE a.id = " M ".account_id) AND " MONTHS_ZERO ";" \
  "INSERT INTO " CT " (cohort, month, " D ", active_delta, cents_delta)" \
  " SELECT " M ".cohort, " M ".month, " AD ", " COHORT_SUMS (S, M) \
  " FROM accounts a WHERE a.id = " M ".account_id" COHORTS_UPSERT (D) \
  "DELETE FROM " CT " WHERE cohort = " M ".cohort AND month = " M ".month" \
  " AND (" D ") = (SELECT " AD " FROM accounts a WHERE a.id = " M ".account_id)" \
  " AND active_delta = 0 AND cents_delta = 0;"
#define MOVE_APPLY(S, M) \
  MOVE_APPLY_TO (S, M, MONTHS4, COHORTS4, D4, AD4) MOVE_APPLY_TO (S, M, MONTHS3, COHORTS3, D3, AD3)

/* An mrr row R added (S "+") or taken away (S "-") from the month's accounts and MRR. */
#define LEVEL_APPLY_TO(S, R, MT, D, AD) \
  "INSERT INTO " MT " (month, " D ", " MONTHS_SUMS ")" \
  " SELECT " R ".month, " AD ", " S " (" R ".mrr_cents > 0), " S " " R ".mrr_cents, 0, 0, 0, 0, 0, 0" \
  " FROM accounts a WHERE a.id = " R ".account_id" MONTHS_UPSERT (D) \
  "DELETE FROM " MT " WHERE month = " R ".month" \
  " AND (" D ") = (SELECT " AD " FROM accounts a WHERE a.id = " R ".account_id) AND " MONTHS_ZERO ";"
#define LEVEL_APPLY(S, R) \
  LEVEL_APPLY_TO (S, R, MONTHS4, D4, AD4) LEVEL_APPLY_TO (S, R, MONTHS3, D3, AD3)

/* The movement kind of an account X's 0 → above 0 in month k.month. */
#define ENTRY_KIND(X, MONTH) \
  "CASE WHEN EXISTS (SELECT 1 FROM mrr e WHERE e.account_id = " X " AND e.month < " MONTH \
  " AND e.mrr_cents > 0) THEN 'reactivation' ELSE 'new' END"
#define FIRST_MONTH(X) \
  "(SELECT min (f.month) FROM mrr f WHERE f.account_id = " X " AND f.mrr_cents > 0)"
#define NEXT_MONTH(M) "strftime ('%Y-%m', " M " || '-01', '+1 month')"

/* After a change of row R (NEW or OLD of mrr): the movements of its account
 * at R.month and the month after, the kind of the account's later entries,
 * and the cohort of all its rows. */
#define RECOMPUTE(R) \
  "DELETE FROM agg_mrr_movements WHERE account_id = " R ".account_id" \
  " AND month IN (" R ".month, " NEXT_MONTH (R ".month") ");" \
  "INSERT INTO agg_mrr_movements (account_id, month, kind, prev_cents, cur_cents, cohort)" \
  " SELECT k.account_id, k.month," \
  "  CASE WHEN k.prev_cents = 0 THEN " ENTRY_KIND ("k.account_id", "k.month") \
  "   WHEN k.cur_cents = 0 THEN 'churn'" \
  "   WHEN k.cur_cents > k.prev_cents THEN 'expansion' ELSE 'contraction' END," \
  "  k.prev_cents, k.cur_cents, " FIRST_MONTH ("k.account_id") \
  " FROM (SELECT m.account_id, m.month," \
  "   ifnull ((SELECT p.mrr_cents FROM mrr p WHERE p.account_id = m.account_id" \
  "            AND p.month = strftime ('%Y-%m', m.month || '-01', '-1 month')), 0) AS prev_cents," \
  "   ifnull ((SELECT c.mrr_cents FROM mrr c WHERE c.account_id = m.account_id AND c.month = m.month), 0) AS cur_cents" \
  "  FROM (SELECT " R ".account_id AS account_id, " R ".month AS month" \
  "        UNION ALL SELECT " R ".account_id, " NEXT_MONTH (R ".month") ") m) k" \
  " WHERE k.prev_cents <> k.cur_cents;" \
  "UPDATE agg_mrr_movements SET kind = " ENTRY_KIND ("agg_mrr_movements.account_id", "agg_mrr_movements.month") \
  " WHERE account_id = " R ".account_id AND prev_cents = 0 AND month > " NEXT_MONTH (R ".month") \
  " AND kind IS NOT " ENTRY_KIND ("agg_mrr_movements.account_id", "agg_mrr_movements.month") ";" \
  "UPDATE agg_mrr_movements SET cohort = " FIRST_MONTH ("agg_mrr_movements.account_id") \
  " WHERE account_id = " R ".account_id AND cohort IS NOT " FIRST_MONTH ("agg_mrr_movements.account_id") ";"

/* All the sums of account row R (of accounts) taken away (S "-") or added
 * (S "+") with its dimensions: its mrr rows and its movements. */
#define ACCOUNT_APPLY_TO(S, R, MT, CT, D, RD) \
  "INSERT INTO " MT " (month, " D ", " MONTHS_SUMS ")" \
  " SELECT x.month, " RD ", sum (x.accounts), sum (x.mrr_cents), sum (x.new_accounts), sum (x.new_cents)," \
  "  sum (x.reactivation_cents), sum (x.expansion_cents), sum (x.contraction_cents), sum (x.churn_cents)" \
  " FROM (SELECT l.month, " S " (l.mrr_cents > 0) AS accounts, " S " l.mrr_cents AS mrr_cents, 0 AS new_accounts," \
  "        0 AS new_cents, 0 AS reactivation_cents, 0 AS expansion_cents, 0 AS contraction_cents, 0 AS churn_cents" \
  "       FROM mrr l WHERE l.account_id = " R ".id" \
  "       UNION ALL SELECT v.month, 0, 0, " MOVE_SUMS (S, "v") \
  "       FROM agg_mrr_movements v WHERE v.account_id = " R ".id) x" \
  " WHERE true GROUP BY x.month" MONTHS_UPSERT (D) \
  "DELETE FROM " MT " WHERE (" D ") = (SELECT " RD ")" \
  " AND month IN (SELECT l.month FROM mrr l WHERE l.account_id = " R ".id" \
  "               UNION SELECT v.month FROM agg_mrr_movements v WHERE v.account_id = " R ".id)" \
  " AND " MONTHS_ZERO ";" \
  "INSERT INTO " CT " (cohort, month, " D ", active_delta, cents_delta)" \
  " SELECT v.cohort, v.month, " RD ", sum (" S " (CASE WHEN v.prev_cents = 0 THEN 1 WHEN v.cur_cents = 0" \
  "  THEN -1 ELSE 0 END)), sum (" S " (v.cur_cents - v.prev_cents))" \
  " FROM agg_mrr_movements v WHERE v.account_id = " R ".id GROUP BY v.cohort, v.month" COHORTS_UPSERT (D) \
  "DELETE FROM " CT " WHERE (" D ") = (SELECT " RD ")" \
  " AND (cohort, month) IN (SELECT v.cohort, v.month FROM agg_mrr_movements v WHERE v.account_id = " R ".id)" \
  " AND active_delta = 0 AND cents_delta = 0;"
#define ACCOUNT_APPLY(S, R) \
  ACCOUNT_APPLY_TO (S, R, MONTHS4, COHORTS4, D4, RD4 (R)) ACCOUNT_APPLY_TO (S, R, MONTHS3, COHORTS3, D3, RD3 (R))

/* The two summary tables of one set of dimensions. */
#define SUM_TABLES(MT, CT, D, DDL) \
  "CREATE TABLE " MT " (" \
  "  month TEXT NOT NULL, " DDL "," \
  "  accounts INTEGER NOT NULL, mrr_cents INTEGER NOT NULL," \
  "  new_accounts INTEGER NOT NULL, new_cents INTEGER NOT NULL, reactivation_cents INTEGER NOT NULL," \
  "  expansion_cents INTEGER NOT NULL, contraction_cents INTEGER NOT NULL, churn_cents INTEGER NOT NULL," \
  "  PRIMARY KEY (month, " D ")" \
  ") WITHOUT ROWID;" \
  "CREATE TABLE " CT " (" \
  "  cohort TEXT NOT NULL, month TEXT NOT NULL, " DDL "," \
  "  active_delta INTEGER NOT NULL, cents_delta INTEGER NOT NULL," \
  "  PRIMARY KEY (cohort, month, " D ")" \
  ") WITHOUT ROWID;"

static const char create_sql[] =
  "CREATE TABLE agg_mrr_movements ("
  "  account_id INTEGER NOT NULL,"
  "  month TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('new', 'reactivation', 'expansion', 'contraction', 'churn')),"
  "  prev_cents INTEGER NOT NULL CHECK (prev_cents >= 0),"
  "  cur_cents INTEGER NOT NULL CHECK (cur_cents >= 0),"
  "  cohort TEXT NOT NULL,"
  "  PRIMARY KEY (account_id, month)"
  ") WITHOUT ROWID;"
  /* The entries (new and reactivation) of a window, for NRR's base. */
  "CREATE INDEX agg_mrr_movements_entries ON agg_mrr_movements (month, account_id) WHERE prev_cents = 0;"
  /* The filter dimensions of an account by its id, without reading its row
   * (for lists of accounts filtered by the view: newcomers, renewals). */
  "CREATE INDEX agg_mrr_movements_account_dims ON accounts (id, segment_id, region_id, owner_id, channel_id);"
  SUM_TABLES (MONTHS4, COHORTS4, D4, "segment_id INTEGER NOT NULL, region_id INTEGER NOT NULL,"
              " owner_id INTEGER NOT NULL, channel_id INTEGER NOT NULL")
  SUM_TABLES (MONTHS3, COHORTS3, D3, "segment_id INTEGER NOT NULL, region_id INTEGER NOT NULL,"
              " channel_id INTEGER NOT NULL")

  "CREATE TRIGGER agg_mrr_movements_mrr_insert AFTER INSERT ON mrr BEGIN "
  LEVEL_APPLY ("+", "NEW") RECOMPUTE ("NEW")
  "END;"
  "CREATE TRIGGER agg_mrr_movements_mrr_delete AFTER DELETE ON mrr BEGIN "
  LEVEL_APPLY ("-", "OLD") RECOMPUTE ("OLD")
  "END;"
  "CREATE TRIGGER agg_mrr_movements_mrr_update AFTER UPDATE OF account_id, month, mrr_cents ON mrr BEGIN "
  LEVEL_APPLY ("-", "OLD") LEVEL_APPLY ("+", "NEW") RECOMPUTE ("OLD") RECOMPUTE ("NEW")
  "END;"


  "CREATE TRIGGER agg_mrr_movements_account_delete BEFORE DELETE ON accounts BEGIN "
  ACCOUNT_APPLY ("-", "OLD")
  "END;"
  "CREATE TRIGGER agg_mrr_movements_account_update AFTER UPDATE OF segment_id, region_id, owner_id, channel_id"
  " ON accounts WHEN (" RD4 ("OLD") ") <> (" RD4 ("NEW") ") BEGIN "
  ACCOUNT_APPLY ("-", "OLD") ACCOUNT_APPLY ("+", "NEW")
  "END;";

/* Fills the tables, then adds the triggers that keep the sums from the
 * movement rows: from here on every change of a movement moves its sums. */
static const char rebuild_sql[] =
  /* Each row against the month before (a lookup in mrr_by_month), and each
   * row with MRR whose next month has none (its churn); whether an entry is
   * new or a reactivation is whether the account's first month with MRR
   * (its cohort) is earlier. */
  "WITH firsts AS (SELECT account_id, min (month) AS cohort FROM mrr WHERE mrr_cents > 0 GROUP BY account_id),"
  " moves AS ("
  "  SELECT c.account_id, c.month, ifnull (p.mrr_cents, 0) AS prev_cents, c.mrr_cents AS cur_cents"
  "  FROM mrr c LEFT JOIN mrr p INDEXED BY mrr_by_month"
  "   ON p.month = strftime ('%Y-%m', c.month || '-01', '-1 month') AND p.account_id = c.account_id"
  "  WHERE ifnull (p.mrr_cents, 0) <> c.mrr_cents"
  "  UNION ALL"
  "  SELECT c.account_id, " NEXT_MONTH ("c.month") ", c.mrr_cents, 0 FROM mrr c"
  "  WHERE c.mrr_cents > 0 AND NOT EXISTS (SELECT 1 FROM mrr n INDEXED BY mrr_by_month"
  "   WHERE n.month = " NEXT_MONTH ("c.month") " AND n.account_id = c.account_id))"
  " INSERT INTO agg_mrr_movements (account_id, month, kind, prev_cents, cur_cents, cohort)"
  " SELECT m.account_id, m.month,"
  "  CASE WHEN m.prev_cents = 0 THEN CASE WHEN f.cohort < m.month THEN 'reactivation' ELSE 'new' END"
  "   WHEN m.cur_cents = 0 THEN 'churn'"
  "   WHEN m.cur_cents > m.prev_cents THEN 'expansion' ELSE 'contraction' END,"
  "  m.prev_cents, m.cur_cents, f.cohort"
  " FROM moves m JOIN firsts f ON f.account_id = m.account_id ORDER BY m.account_id, m.month;"

  "INSERT INTO " MONTHS4 " (month, " D4 ", " MONTHS_SUMS ")"
  " SELECT x.month, " AD4 ", sum (x.accounts), sum (x.mrr_cents), sum (x.new_accounts), sum (x.new_cents),"
  "  sum (x.reactivation_cents), sum (x.expansion_cents), sum (x.contraction_cents), sum (x.churn_cents)"
  " FROM (SELECT l.account_id, l.month, (l.mrr_cents > 0) AS accounts, l.mrr_cents AS mrr_cents, 0 AS new_accounts,"
  "        0 AS new_cents, 0 AS reactivation_cents, 0 AS expansion_cents, 0 AS contraction_cents, 0 AS churn_cents"
  "       FROM mrr l"
  "       UNION ALL SELECT v.account_id, v.month, 0, 0, " MOVE_SUMS ("", "v") " FROM agg_mrr_movements v) x"
  " JOIN accounts a INDEXED BY agg_mrr_movements_account_dims ON a.id = x.account_id"
  " GROUP BY 1, 2, 3, 4, 5"
  " HAVING NOT (sum (x.accounts) = 0 AND sum (x.mrr_cents) = 0 AND sum (x.new_accounts) = 0 AND sum (x.new_cents) = 0"
  "  AND sum (x.reactivation_cents) = 0 AND sum (x.expansion_cents) = 0 AND sum (x.contraction_cents) = 0"
  "  AND sum (x.churn_cents) = 0);"

  "INSERT INTO " COHORTS4 " (cohort, month, " D4 ", active_delta, cents_delta)"
  " SELECT v.cohort, v.month, " AD4 ","
  "  sum (CASE WHEN v.prev_cents = 0 THEN 1 WHEN v.cur_cents = 0 THEN -1 ELSE 0 END),"
  "  sum (v.cur_cents - v.prev_cents)"
  " FROM agg_mrr_movements v JOIN accounts a INDEXED BY agg_mrr_movements_account_dims ON a.id = v.account_id"
  " GROUP BY 1, 2, 3, 4, 5, 6"
  " HAVING sum (CASE WHEN v.prev_cents = 0 THEN 1 WHEN v.cur_cents = 0 THEN -1 ELSE 0 END) <> 0"
  "  OR sum (v.cur_cents - v.prev_cents) <> 0;"

  /* The rollups, from the finer tables (no month's sums are all 0 there,
   * but a cohort's changes by different owners may cancel out). */
  "INSERT INTO " MONTHS3 " (month, " D3 ", " MONTHS_SUMS ")"
  " SELECT month, " D3 ", sum (accounts), sum (mrr_cents), sum (new_accounts), sum (new_cents),"
  "  sum (reactivation_cents), sum (expansion_cents), sum (contraction_cents), sum (churn_cents)"
  " FROM " MONTHS4 " GROUP BY month, " D3 ";"
  "INSERT INTO " COHORTS3 " (cohort, month, " D3 ", active_delta, cents_delta)"
  " SELECT cohort, month, " D3 ", sum (active_delta), sum (cents_delta)"
  " FROM " COHORTS4 " GROUP BY cohort, month, " D3
  " HAVING sum (active_delta) <> 0 OR sum (cents_delta) <> 0;"

  /* Created last, so the fill above does not run them row by row. */
  "CREATE TRIGGER agg_mrr_movements_row_insert AFTER INSERT ON agg_mrr_movements BEGIN "
  MOVE_APPLY ("+", "NEW")
  "END;"
  "CREATE TRIGGER agg_mrr_movements_row_delete AFTER DELETE ON agg_mrr_movements BEGIN "
  MOVE_APPLY ("-", "OLD")
  "END;"
  "CREATE TRIGGER agg_mrr_movements_row_update AFTER UPDATE ON agg_mrr_movements BEGIN "
  MOVE_APPLY ("-", "OLD") MOVE_APPLY ("+", "NEW")
  "END;";

const char *
rd_retention_months_table (RdMetricsCtx *ctx)
{
  return ctx->filter->owner_id ? MONTHS4 : MONTHS3;
}

const char *
rd_retention_cohorts_table (RdMetricsCtx *ctx)
{
  return ctx->filter->owner_id ? COHORTS4 : COHORTS3;
}

const RdAggregate rd_mrr_movements_agg = {
  "mrr_movements", 5, create_sql, rebuild_sql, NULL,
};
