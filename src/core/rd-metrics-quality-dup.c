/* rd-metrics-quality-dup.c — duplicate accounts, and the aggregate of
 * normalised account names they are read from
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * quality.duplicate_accounts: accounts created by the as-of date whose
 * normalised name or lower-case domain equals another's (metrics.md,
 * "Handoffs and SLAs"). The counted account lies in the filter, the account
 * it matches may lie anywhere; accounts created after the as-of date are left
 * out.
 *
 * The normalised name: lower (name), punctuation turned to spaces, trimmed,
 * up to two legal suffixes removed from the end ("Pty Ltd" is two), spaces
 * removed: "GOLDENWAVE Mobility North, Inc." and "Goldenwave Mobility North
 * Inc" both give "goldenwavemobilitynorth".
 *
 * agg_quality_accounts keeps, per account, its creation date, name key,
 * domain key and "dup_since": the first day on which it is a duplicate (its
 * own creation or the creation of the first other account with its key,
 * whichever is later), so the accounts that are duplicates at any as-of date
 * are those with dup_since on or before it. Triggers note the accounts that
 * change; before the commit, their keys are recomputed and so is dup_since
 * for every account sharing an old or a new key.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-metrics-quality-private.h"
#include "rd-workspace-private.h"

/* Punctuation that becomes spaces, and the legal suffixes removed. */
#define PUNCTUATION_TO_SPACES(x) \
  "replace (replace (replace (replace (replace (replace (replace (" x \
  ", '.', ' '), ',', ' '), '-', ' '), '&', ' '), '''', ' '), '(', ' '), ')', ' ')"
#define LEGAL_SUFFIXES \
  "'inc', 'incorporated', 'llc', 'ltd', 'limited', 'corp', 'corporation', 'co', 'company'," \
  " 'gmbh', 'ag', 'sa', 'sas', 'bv', 'nv', 'plc', 'pty', 'pte', 'kk', 'srl', 'spa', 'ab', 'oy'"
/* Over a row with t (the name so far) and w (t without its last word). */
#define STRIP_SUFFIX \
  "CASE WHEN w <> '' AND substr (t, length (w) + 1) IN (" LEGAL_SUFFIXES ") THEN rtrim (w) ELSE t END"
#define LAST_WORD_CUT "(SELECT *, rtrim (t, 'abcdefghijklmnopqrstuvwxyz') AS w FROM "

/* The CTEs acc0, acc1 and acc (id, created_at, name_key, domain_key): the
 * keys of the accounts @where selects. The steps are materialised so that
 * no step is computed twice. */
#define KEYS_CTE(where) \
  "acc0 AS MATERIALIZED (SELECT id, created_at, domain, trim (" PUNCTUATION_TO_SPACES ("lower (name)") ") AS t" \
  "   FROM accounts " where ")," \
  " acc1 AS MATERIALIZED (SELECT id, created_at, domain, " STRIP_SUFFIX " AS t FROM " LAST_WORD_CUT "acc0))," \
  " acc AS (SELECT id, created_at, replace (" STRIP_SUFFIX ", ' ', '') AS name_key," \
  "   CASE WHEN domain <> '' THEN lower (domain) END AS domain_key FROM " LAST_WORD_CUT "acc1))"
#define INSERT_KEYS(where) \
  "WITH " KEYS_CTE (where) " INSERT INTO agg_quality_accounts (id, created_at, name_key, domain_key)" \
  " SELECT id, created_at, name_key, domain_key FROM acc;"

/* The day account a becomes a duplicate by name (by domain): NULL when no
 * other account has its key. */
#define SINCE(key) \
  "max (a.created_at, (SELECT min (b.created_at) FROM agg_quality_accounts b" \
  " WHERE b." key " = a." key " AND b.id <> a.id))"
#define NAME_SINCE "CASE WHEN a.name_key <> '' THEN " SINCE ("name_key") " END"
#define DOMAIN_SINCE "CASE WHEN a.domain_key IS NOT NULL THEN " SINCE ("domain_key") " END"
#define SET_DUP_SINCE(where) \
  "UPDATE agg_quality_accounts AS a SET dup_since =" \
  " coalesce (min (" NAME_SINCE ", " DOMAIN_SINCE "), " NAME_SINCE ", " DOMAIN_SINCE ") " where ";"

/* Built once the rows are in: faster than growing with them. */
#define INDEXES \
  "CREATE INDEX agg_quality_accounts_name ON agg_quality_accounts (name_key, created_at);" \
  "CREATE INDEX agg_quality_accounts_domain ON agg_quality_accounts (domain_key, created_at)" \
  "  WHERE domain_key IS NOT NULL;" \
  "CREATE INDEX agg_quality_accounts_dup ON agg_quality_accounts (dup_since) WHERE dup_since IS NOT NULL;"

#define DIRTY "agg_quality_accounts_dirty"
#define DIRTY_IDS "(SELECT id FROM " DIRTY ")"

const RdAggregate rd_quality_accounts_agg = {
  "quality_accounts", 3,
  /* The indexes come with the rows (rebuild_sql). */
  "CREATE TABLE agg_quality_accounts ("
  "  id INTEGER PRIMARY KEY, created_at TEXT NOT NULL, name_key TEXT NOT NULL, domain_key TEXT, dup_since TEXT);"
  "CREATE TABLE " DIRTY " (id INTEGER PRIMARY KEY);"
  /* The keys touched by a refresh: its accounts' old and new ones. */
  "CREATE TABLE agg_quality_accounts_keys (name_key TEXT, domain_key TEXT);"
  "CREATE TRIGGER agg_quality_accounts_ins AFTER INSERT ON accounts BEGIN"
  "  INSERT OR IGNORE INTO " DIRTY " VALUES (NEW.id); END;"
  "CREATE TRIGGER agg_quality_accounts_del AFTER DELETE ON accounts BEGIN"
  "  INSERT OR IGNORE INTO " DIRTY " VALUES (OLD.id); END;"
  "CREATE TRIGGER agg_quality_accounts_upd AFTER UPDATE OF id, name, domain, created_at ON accounts BEGIN"
  "  INSERT OR IGNORE INTO " DIRTY " VALUES (OLD.id), (NEW.id); END;",

  INSERT_KEYS ("")
  INDEXES
  /* Only accounts whose key another shares have a dup_since. */
  SET_DUP_SINCE ("WHERE a.name_key IN (SELECT name_key FROM agg_quality_accounts WHERE name_key <> ''"
                 "  GROUP BY name_key HAVING count(*) > 1)"
                 " OR a.domain_key IN (SELECT domain_key FROM agg_quality_accounts WHERE domain_key IS NOT NULL"
                 "  GROUP BY domain_key HAVING count(*) > 1)"),

  "INSERT INTO agg_quality_accounts_keys SELECT name_key, domain_key FROM agg_quality_accounts"
  "  WHERE id IN " DIRTY_IDS ";"
  "DELETE FROM agg_quality_accounts WHERE id IN " DIRTY_IDS ";"
  INSERT_KEYS ("WHERE id IN " DIRTY_IDS)
  "INSERT INTO agg_quality_accounts_keys SELECT name_key, domain_key FROM agg_quality_accounts"
  "  WHERE id IN " DIRTY_IDS ";"
  SET_DUP_SINCE ("WHERE a.name_key IN (SELECT name_key FROM agg_quality_accounts_keys)"
                 " OR a.domain_key IN (SELECT domain_key FROM agg_quality_accounts_keys)")
  "DELETE FROM agg_quality_accounts_keys;"
  "DELETE FROM " DIRTY ";",
};

/* Appends the list from the CTEs dup (id, name_key, domain_key: the
 * duplicates at as-of) and pairs (id, other_id, by_name, by_domain: the
 * accounts each matches). Columns: account_id, account, domain, owner,
 * group_key, matched_on, other_account_ids. */
static void
append_duplicates_select (RdMetricsCtx *ctx,
                          RdQuery      *q)
{
  rd_query_append (q,
    " SELECT a.id AS account_id, a.name AS account, a.domain, p.name AS owner,"
    " CASE WHEN max (pr.by_name) THEN d.name_key ELSE d.domain_key END AS group_key,"
    " CASE WHEN max (pr.by_name) AND max (pr.by_domain) THEN 'name and domain'"
    "      WHEN max (pr.by_name) THEN 'name' ELSE 'domain' END AS matched_on,"
    " group_concat (DISTINCT pr.other_id) AS other_account_ids"
    " FROM dup d JOIN accounts a ON a.id = d.id JOIN pairs pr ON pr.id = d.id"
    " LEFT JOIN people p ON p.id = a.owner_id WHERE 1");
  rd_metrics_filter_sql (ctx, q, "a", TRUE, TRUE);
  rd_query_append (q, " GROUP BY a.id");
}

/* The duplicates computed from the accounts themselves: for an aggregate
 * that a write outside rd_workspace_write () has left behind. */
static RdQuery *
duplicates_exact (RdMetricsCtx *ctx)
{
  RdQuery *q = rd_query_new ("WITH ");

  rd_query_appendv (q, KEYS_CTE ("WHERE created_at <= ?"), G_TYPE_STRING, ctx->filter->as_of, G_TYPE_INVALID);
  rd_query_append (q,
    ", name_dup AS (SELECT name_key FROM acc WHERE name_key <> '' GROUP BY name_key HAVING count(*) > 1),"
    " domain_dup AS (SELECT domain_key FROM acc WHERE domain_key IS NOT NULL"
    "   GROUP BY domain_key HAVING count(*) > 1),"
    " dup AS MATERIALIZED (SELECT id, name_key, domain_key FROM acc"
    "   WHERE name_key IN name_dup OR domain_key IN domain_dup),"
    " pairs AS (SELECT a.id, b.id AS other_id, 1 AS by_name, 0 AS by_domain FROM dup a JOIN dup b"
    "             ON b.name_key = a.name_key AND a.name_key <> '' AND b.id <> a.id"
    "           UNION ALL SELECT a.id, b.id, 0, 1 FROM dup a JOIN dup b"
    "             ON b.domain_key = a.domain_key AND b.id <> a.id)");
  append_duplicates_select (ctx, q);
  return q;
}

/* The same list read from the aggregate: an account matches the others
 * with its key created by as-of. */
static RdQuery *
duplicates_from_aggregate (RdMetricsCtx *ctx)
{
  const char *as_of = ctx->filter->as_of;
  RdQuery *q = rd_query_new ("WITH ");

  rd_query_appendv (q,
    "dup AS MATERIALIZED (SELECT id, name_key, domain_key FROM agg_quality_accounts WHERE dup_since <= ?),"
    " pairs AS (SELECT d.id, b.id AS other_id, 1 AS by_name, 0 AS by_domain"
    "   FROM dup d JOIN agg_quality_accounts b ON b.name_key = d.name_key"
    "   AND d.name_key <> '' AND b.created_at <= ? AND b.id <> d.id"
    " UNION ALL SELECT d.id, b.id, 0, 1"
    "   FROM dup d JOIN agg_quality_accounts b ON b.domain_key = d.domain_key"
    "   AND b.created_at <= ? AND b.id <> d.id)",
    G_TYPE_STRING, as_of, G_TYPE_STRING, as_of, G_TYPE_STRING, as_of, G_TYPE_INVALID);
  append_duplicates_select (ctx, q);
  return q;
}

RdQuery *
rd_metrics_duplicates_query (RdMetricsCtx *ctx)
{
  return rd_quality_aggregate_clean (ctx, DIRTY) ? duplicates_from_aggregate (ctx) : duplicates_exact (ctx);
}

gboolean
rd_metrics_duplicates_compute (RdMetricsCtx  *ctx,
                               GError       **error)
{
  RdMetric *m;

  if (rd_quality_aggregate_clean (ctx, DIRTY))
    {
      /* Counted from the aggregate's index; the list (the same accounts
       * with what they match) is the drill query. */
      const RdFilter *f = ctx->filter;
      gboolean filtered = f->segment_id || f->region_id || f->owner_id || f->channel_id;
      g_autoptr(RdQuery) q = rd_query_new (filtered ? "SELECT count(*) FROM agg_quality_accounts g"
                                                      " JOIN accounts a ON a.id = g.id WHERE g.dup_since <= "
                                                    : "SELECT count(*) FROM agg_quality_accounts g"
                                                      " WHERE g.dup_since <= ");
      double n;

      rd_query_add_text (q, ctx->filter->as_of);
      rd_metrics_filter_sql (ctx, q, "a", TRUE, TRUE);
      n = rd_metrics_query_double (ctx, q, -1, error);
      if (n < 0)
        return FALSE;
      m = rd_quality_add_counted (ctx, "quality.duplicate_accounts", NULL, _("Duplicate accounts"), RD_UNIT_COUNT,
                                  NULL);
      rd_metric_set_value (m, n);
    }
  else
    {
      g_autoptr(RdQuery) q = duplicates_exact (ctx);

      m = rd_metrics_add_from_query (ctx, "quality.duplicate_accounts", NULL, _("Duplicate accounts"),
                                     RD_UNIT_COUNT, q, error);
      if (m == NULL)
        return FALSE;
    }
  rd_metric_set_formula (m, _("accounts created by the as-of date whose normalised name (lower case, punctuation "
                              "and legal suffixes such as Inc, Ltd, LLC, Corp, GmbH removed) or lower-case domain "
                              "equals another account's; the other account may lie outside the filter; not "
                              "limited to the period"));
  return TRUE;
}
