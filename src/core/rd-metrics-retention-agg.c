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

/* Dimension values of account a, and of a row R of accounts. */
#define A_DIMS "ifnull (a.segment_id, 0), ifnull (a.region_id, 0), ifnull (a.owner_id, 0), ifnull (a.channel_id, 0)"
#define R_DIMS(R) "ifnull (" R ".segment_id, 0), ifnull (" R ".region_id, 0), ifnull (" R ".owner_id, 0)," \
                  " ifnull (" R ".channel_id, 0)"

#define MONTHS_COLS \
  "month, segment_id, region_id, owner_id, channel_id, accounts, mrr_cents, new_accounts, new_cents," \
  " reactivation_cents, expansion_cents, contraction_cents, churn_cents"
#define MONTHS_UPSERT \
  " ON CONFLICT (month, segment_id, region_id, owner_id, channel_id) DO UPDATE SET" \
  " accounts = accounts + excluded.accounts, mrr_cents = mrr_cents + excluded.mrr_cents," \
  " new_accounts = new_accounts + excluded.new_accounts, new_cents = new_cents + excluded.new_cents," \
  " reactivation_cents = reactivation_cents + excluded.reactivation_cents," \
  " expansion_cents = expansion_cents + excluded.expansion_cents," \
  " contraction_cents = contraction_cents + excluded.contraction_cents," \
  " churn_cents = churn_cents + excluded.churn_cents;"
#define MONTHS_ZERO \
  " accounts = 0 AND mrr_cents = 0 AND new_accounts = 0 AND new_cents = 0 AND reactivation_cents = 0" \
  " AND expansion_cents = 0 AND contraction_cents = 0 AND churn_cents = 0"
#define COHORTS_UPSERT \
  " ON CONFLICT (cohort, month, segment_id, region_id, owner_id, channel_id) DO UPDATE SET" \
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
#define MOVE_APPLY(S, M) \
  "INSERT INTO agg_mrr_movements_months (" MONTHS_COLS ")" \
  " SELECT " M ".month, " A_DIMS ", 0, 0, " MOVE_SUMS (S, M) \
  " FROM accounts a WHERE a.id = " M ".account_id" MONTHS_UPSERT \
  "DELETE FROM agg_mrr_movements_months WHERE month = " M ".month" \
  " AND (segment_id, region_id, owner_id, channel_id) = (SELECT " A_DIMS " FROM accounts a WHERE a.id = " M ".account_id)" \
  " AND " MONTHS_ZERO ";" \
  "INSERT INTO agg_mrr_movements_cohorts (cohort, month, segment_id, region_id, owner_id, channel_id," \
  " active_delta, cents_delta)" \
  " SELECT " M ".cohort, " M ".month, " A_DIMS ", " COHORT_SUMS (S, M) \
  " FROM accounts a WHERE a.id = " M ".account_id" COHORTS_UPSERT \
  "DELETE FROM agg_mrr_movements_cohorts WHERE cohort = " M ".cohort AND month = " M ".month" \
  " AND (segment_id, region_id, owner_id, channel_id) = (SELECT " A_DIMS " FROM accounts a WHERE a.id = " M ".account_id)" \
  " AND active_delta = 0 AND cents_delta = 0;"

/* An mrr row R added (S "+") or taken away (S "-") from the month's accounts and MRR. */
#define LEVEL_APPLY(S, R) \
  "INSERT INTO agg_mrr_movements_months (" MONTHS_COLS ")" \
  " SELECT " R ".month, " A_DIMS ", " S " (" R ".mrr_cents > 0), " S " " R ".mrr_cents, 0, 0, 0, 0, 0, 0" \
  " FROM accounts a WHERE a.id = " R ".account_id" MONTHS_UPSERT \
  "DELETE FROM agg_mrr_movements_months WHERE month = " R ".month" \
  " AND (segment_id, region_id, owner_id, channel_id) = (SELECT " A_DIMS " FROM accounts a WHERE a.id = " R ".account_id)" \
  " AND " MONTHS_ZERO ";"

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

/* All the sums of account row R (of accounts) with its dimensions D taken
 * away (S "-") or added (S "+"): its mrr rows and its movements. */
#define ACCOUNT_APPLY(S, R) \
  "INSERT INTO agg_mrr_movements_months (" MONTHS_COLS ")" \
  " SELECT x.month, " R_DIMS (R) ", sum (x.accounts), sum (x.mrr_cents), sum (x.new_accounts), sum (x.new_cents)," \
  "  sum (x.reactivation_cents), sum (x.expansion_cents), sum (x.contraction_cents), sum (x.churn_cents)" \
  " FROM (SELECT l.month, " S " (l.mrr_cents > 0) AS accounts, " S " l.mrr_cents AS mrr_cents, 0 AS new_accounts," \
  "        0 AS new_cents, 0 AS reactivation_cents, 0 AS expansion_cents, 0 AS contraction_cents, 0 AS churn_cents" \
  "       FROM mrr l WHERE l.account_id = " R ".id" \
  "       UNION ALL SELECT v.month, 0, 0, " MOVE_SUMS (S, "v") \
  "       FROM agg_mrr_movements v WHERE v.account_id = " R ".id) x" \
  " WHERE true GROUP BY x.month" MONTHS_UPSERT \
  "DELETE FROM agg_mrr_movements_months WHERE (segment_id, region_id, owner_id, channel_id) = (SELECT " R_DIMS (R) ")" \
  " AND month IN (SELECT l.month FROM mrr l WHERE l.account_id = " R ".id" \
  "               UNION SELECT v.month FROM agg_mrr_movements v WHERE v.account_id = " R ".id)" \
  " AND " MONTHS_ZERO ";" \
  "INSERT INTO agg_mrr_movements_cohorts (cohort, month, segment_id, region_id, owner_id, channel_id," \
  " active_delta, cents_delta)" \
  " SELECT v.cohort, v.month, " R_DIMS (R) ", sum (" S " (CASE WHEN v.prev_cents = 0 THEN 1 WHEN v.cur_cents = 0" \
  "  THEN -1 ELSE 0 END)), sum (" S " (v.cur_cents - v.prev_cents))" \
  " FROM agg_mrr_movements v WHERE v.account_id = " R ".id GROUP BY v.cohort, v.month" COHORTS_UPSERT \
  "DELETE FROM agg_mrr_movements_cohorts WHERE (segment_id, region_id, owner_id, channel_id) = (SELECT " R_DIMS (R) ")" \
  " AND (cohort, month) IN (SELECT v.cohort, v.month FROM agg_mrr_movements v WHERE v.account_id = " R ".id)" \
  " AND active_delta = 0 AND cents_delta = 0;"

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
  "CREATE TABLE agg_mrr_movements_months ("
  "  month TEXT NOT NULL,"
  "  segment_id INTEGER NOT NULL, region_id INTEGER NOT NULL, owner_id INTEGER NOT NULL, channel_id INTEGER NOT NULL,"
  "  accounts INTEGER NOT NULL, mrr_cents INTEGER NOT NULL,"
  "  new_accounts INTEGER NOT NULL, new_cents INTEGER NOT NULL, reactivation_cents INTEGER NOT NULL,"
  "  expansion_cents INTEGER NOT NULL, contraction_cents INTEGER NOT NULL, churn_cents INTEGER NOT NULL,"
  "  PRIMARY KEY (month, segment_id, region_id, owner_id, channel_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE agg_mrr_movements_cohorts ("
  "  cohort TEXT NOT NULL, month TEXT NOT NULL,"
  "  segment_id INTEGER NOT NULL, region_id INTEGER NOT NULL, owner_id INTEGER NOT NULL, channel_id INTEGER NOT NULL,"
  "  active_delta INTEGER NOT NULL, cents_delta INTEGER NOT NULL,"
  "  PRIMARY KEY (cohort, month, segment_id, region_id, owner_id, channel_id)"
  ") WITHOUT ROWID;"

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
  " ON accounts WHEN (" R_DIMS ("OLD") ") IS NOT (" R_DIMS ("NEW") ") BEGIN "
  ACCOUNT_APPLY ("-", "OLD") ACCOUNT_APPLY ("+", "NEW")
  "END;";

/* Fills the tables, then adds the triggers that keep the sums from the
 * movement rows: from here on every change of a movement moves its sums. */
static const char rebuild_sql[] =
  "WITH firsts AS (SELECT account_id, min (month) AS cohort FROM mrr WHERE mrr_cents > 0 GROUP BY account_id),"
  " moves AS ("
  "  SELECT account_id, month,"
  "   CASE WHEN prev_cents = 0 THEN CASE WHEN ever THEN 'reactivation' ELSE 'new' END"
  "    WHEN cur_cents = 0 THEN 'churn'"
  "    WHEN cur_cents > prev_cents THEN 'expansion' ELSE 'contraction' END AS kind,"
  "   prev_cents, cur_cents"
  "  FROM (SELECT account_id, month, mrr_cents AS cur_cents,"
  "         CASE WHEN lag (month) OVER w = strftime ('%Y-%m', month || '-01', '-1 month')"
  "              THEN lag (mrr_cents) OVER w ELSE 0 END AS prev_cents,"
  "         ifnull (max (mrr_cents > 0) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS ever"
  "        FROM mrr WINDOW w AS (PARTITION BY account_id ORDER BY month))"
  "  WHERE prev_cents <> cur_cents"
  "  UNION ALL"
  "  SELECT account_id, " NEXT_MONTH ("month") ", 'churn', mrr_cents, 0"
  "  FROM (SELECT account_id, month, mrr_cents, lead (month) OVER (PARTITION BY account_id ORDER BY month) AS next"
  "        FROM mrr)"
  "  WHERE mrr_cents > 0 AND (next IS NULL OR next <> " NEXT_MONTH ("month") "))"
  " INSERT INTO agg_mrr_movements (account_id, month, kind, prev_cents, cur_cents, cohort)"
  " SELECT m.account_id, m.month, m.kind, m.prev_cents, m.cur_cents, f.cohort"
  " FROM moves m JOIN firsts f ON f.account_id = m.account_id ORDER BY m.account_id, m.month;"

  "INSERT INTO agg_mrr_movements_months (" MONTHS_COLS ")"
  " SELECT x.month, " A_DIMS ", sum (x.accounts), sum (x.mrr_cents), sum (x.new_accounts), sum (x.new_cents),"
  "  sum (x.reactivation_cents), sum (x.expansion_cents), sum (x.contraction_cents), sum (x.churn_cents)"
  " FROM (SELECT l.account_id, l.month, (l.mrr_cents > 0) AS accounts, l.mrr_cents AS mrr_cents, 0 AS new_accounts,"
  "        0 AS new_cents, 0 AS reactivation_cents, 0 AS expansion_cents, 0 AS contraction_cents, 0 AS churn_cents"
  "       FROM mrr l"
  "       UNION ALL SELECT v.account_id, v.month, 0, 0, " MOVE_SUMS ("", "v") " FROM agg_mrr_movements v) x"
  " JOIN accounts a ON a.id = x.account_id"
  " GROUP BY 1, 2, 3, 4, 5"
  " HAVING NOT (sum (x.accounts) = 0 AND sum (x.mrr_cents) = 0 AND sum (x.new_accounts) = 0 AND sum (x.new_cents) = 0"
  "  AND sum (x.reactivation_cents) = 0 AND sum (x.expansion_cents) = 0 AND sum (x.contraction_cents) = 0"
  "  AND sum (x.churn_cents) = 0);"

  "INSERT INTO agg_mrr_movements_cohorts (cohort, month, segment_id, region_id, owner_id, channel_id,"
  " active_delta, cents_delta)"
  " SELECT v.cohort, v.month, " A_DIMS ","
  "  sum (CASE WHEN v.prev_cents = 0 THEN 1 WHEN v.cur_cents = 0 THEN -1 ELSE 0 END),"
  "  sum (v.cur_cents - v.prev_cents)"
  " FROM agg_mrr_movements v JOIN accounts a ON a.id = v.account_id"
  " GROUP BY 1, 2, 3, 4, 5, 6"
  " HAVING sum (CASE WHEN v.prev_cents = 0 THEN 1 WHEN v.cur_cents = 0 THEN -1 ELSE 0 END) <> 0"
  "  OR sum (v.cur_cents - v.prev_cents) <> 0;"

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

const RdAggregate rd_mrr_movements_agg = {
  "mrr_movements", 1, create_sql, rebuild_sql, NULL,
};
