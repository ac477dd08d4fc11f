/* rd-metrics.c — the metric pack, record queries, and the group dispatcher
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "rd-metrics-private.h"
#include "rd-workspace-private.h"

/* In the order they run: the overview reads what the others computed. */
static const RdMetricGroup *groups[] = {
  &rd_metrics_funnel_group,
  &rd_metrics_aging_group,
  &rd_metrics_coverage_group,
  &rd_metrics_change_group,
  &rd_metrics_quality_group,
  &rd_metrics_retention_group,
  &rd_metrics_efficiency_group,
  &rd_metrics_overview_group,
};

const RdMetricGroup *const *
rd_metrics_groups (guint *n_groups)
{
  *n_groups = G_N_ELEMENTS (groups);
  return groups;
}

/* Ids a group owns besides its own name. */
static const struct { const char *prefix; const RdMetricGroup *group; } aliases[] = {
  { "forecast", &rd_metrics_coverage_group },
  { "sales", &rd_metrics_coverage_group },
  { "handoff", &rd_metrics_quality_group },
  { "renewals", &rd_metrics_retention_group },
};

/* ----------------------------------------------------------------- queries */

RdQuery *
rd_query_new (const char *sql)
{
  RdQuery *query = g_new0 (RdQuery, 1);

  query->sql = g_string_new (sql);
  query->params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  query->sum_scale = 1.0;
  return query;
}

void
rd_query_free (RdQuery *query)
{
  if (query == NULL)
    return;
  g_string_free (query->sql, TRUE);
  g_ptr_array_unref (query->params);
  g_free (query->sum_column);
  g_free (query);
}

void
rd_query_append (RdQuery    *query,
                 const char *sql)
{
  g_string_append (query->sql, sql);
}

static void
add_param (RdQuery  *query,
           GVariant *value)
{
  g_ptr_array_add (query->params, g_variant_ref_sink (value));
  g_string_append_printf (query->sql, "?%u", query->params->len);
}

void
rd_query_add_int (RdQuery *query,
                  gint64   value)
{
  add_param (query, g_variant_new_int64 (value));
}

void
rd_query_add_double (RdQuery *query,
                     double   value)
{
  add_param (query, g_variant_new_double (value));
}

void
rd_query_add_text (RdQuery    *query,
                   const char *value)
{
  add_param (query, g_variant_new_string (value ? value : ""));
}

void
rd_query_appendv (RdQuery    *query,
                  const char *fragment,
                  ...)
{
  va_list args;

  va_start (args, fragment);
  for (const char *p = fragment; *p; p++)
    {
      GType type;

      if (*p != '?')
        {
          g_string_append_c (query->sql, *p);
          continue;
        }
      type = va_arg (args, GType);
      if (type == G_TYPE_INT64)
        rd_query_add_int (query, va_arg (args, gint64));
      else if (type == G_TYPE_DOUBLE)
        rd_query_add_double (query, va_arg (args, double));
      else if (type == G_TYPE_STRING)
        rd_query_add_text (query, va_arg (args, const char *));
      else
        g_return_if_reached ();
    }
  va_end (args);
}

/* Appends @fragment, binding @value at every "?" in it. */
static void
append_with_text (RdQuery    *query,
                  const char *fragment,
                  const char *value)
{
  for (const char *p = fragment; *p; p++)
    if (*p == '?')
      rd_query_add_text (query, value);
    else
      g_string_append_c (query->sql, *p);
}

static gboolean
bind_params (sqlite3_stmt   *stmt,
             const RdQuery  *query)
{
  for (guint i = 0; i < query->params->len; i++)
    {
      GVariant *v = g_ptr_array_index (query->params, i);
      int rc;

      if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT64))
        rc = sqlite3_bind_int64 (stmt, i + 1, g_variant_get_int64 (v));
      else if (g_variant_is_of_type (v, G_VARIANT_TYPE_DOUBLE))
        rc = sqlite3_bind_double (stmt, i + 1, g_variant_get_double (v));
      else
        rc = sqlite3_bind_text (stmt, i + 1, g_variant_get_string (v, NULL), -1, SQLITE_TRANSIENT);
      if (rc != SQLITE_OK)
        return FALSE;
    }
  return TRUE;
}

static sqlite3_stmt *
prepare_query (sqlite3        *db,
               const char     *sql,
               const RdQuery  *query,
               GError        **error)
{
  sqlite3_stmt *stmt = rd_db_prepare (db, sql, error);

  if (stmt && !bind_params (stmt, query))
    {
      rd_db_set_error (db, error, NULL);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

gboolean
rd_query_aggregate (RdWorkspace    *ws,
                    const RdQuery  *query,
                    gint64         *count,
                    double         *sum,
                    GError        **error)
{
  sqlite3 *db = _rd_workspace_get_db (ws);
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* The column name comes from the group's fixed code, never from input. */
  if (query->sum_column)
    sql = g_strdup_printf ("SELECT count(*), total(\"%s\") FROM (%s)", query->sum_column, query->sql->str);
  else
    sql = g_strdup_printf ("SELECT count(*), 0 FROM (%s)", query->sql->str);

  stmt = prepare_query (db, sql, query, error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      rd_db_set_error (db, error, NULL);
      return FALSE;
    }
  if (count)
    *count = sqlite3_column_int64 (stmt, 0);
  if (sum)
    *sum = sqlite3_column_double (stmt, 1) * query->sum_scale;
  return TRUE;
}

static void
append_csv_cell (GString    *out,
                 const char *text)
{
  gboolean quote = strpbrk (text, ",\"\r\n") != NULL;
  /* A cell starting with one of these runs as a formula in a spreadsheet. */
  gboolean formula = text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                     text[0] == '\t' || text[0] == '\r';

  /* Plain negative numbers stay numbers. */
  if (text[0] == '-' && text[1] != '\0' && strspn (text + 1, "0123456789.") == strlen (text + 1))
    formula = FALSE;

  if (quote || formula)
    g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote || formula)
    g_string_append_c (out, '"');
}

gboolean
rd_query_write_csv (RdWorkspace    *ws,
                    const RdQuery  *query,
                    GOutputStream  *out,
                    gint64         *n_rows,
                    GError        **error)
{
  sqlite3 *db = _rd_workspace_get_db (ws);
  g_autoptr(sqlite3_stmt) stmt = prepare_query (db, query->sql->str, query, error);
  g_autoptr(GString) buf = g_string_new (NULL);
  int n_cols, rc;
  gint64 rows = 0;

  if (stmt == NULL)
    return FALSE;

  n_cols = sqlite3_column_count (stmt);
  for (int c = 0; c < n_cols; c++)
    {
      if (c)
        g_string_append_c (buf, ',');
      append_csv_cell (buf, sqlite3_column_name (stmt, c));
    }
  g_string_append (buf, "\r\n");

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int c = 0; c < n_cols; c++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, c);
          if (c)
            g_string_append_c (buf, ',');
          append_csv_cell (buf, text ? text : "");
        }
      g_string_append (buf, "\r\n");
      rows++;
      if (buf->len > 65536)
        {
          if (!g_output_stream_write_all (out, buf->str, buf->len, NULL, NULL, error))
            return FALSE;
          g_string_truncate (buf, 0);
        }
    }
  if (rc != SQLITE_DONE)
    {
      rd_db_set_error (db, error, NULL);
      return FALSE;
    }
  if (n_rows)
    *n_rows = rows;
  return g_output_stream_write_all (out, buf->str, buf->len, NULL, NULL, error);
}

/* ------------------------------------------------------------------ metrics */

void
rd_metric_free (RdMetric *metric)
{
  g_free (metric->id);
  g_free (metric->bucket);
  g_free (metric->label);
  g_free (metric->reason);
  g_free (metric->formula);
  g_free (metric->definition_key);
  g_free (metric->status_rule);
  g_free (metric->note);
  g_free (metric);
}

RdMetric *
rd_metrics_add (RdMetricsCtx *ctx,
                const char   *id,
                const char   *bucket,
                const char   *label,
                RdUnit        unit)
{
  RdMetric *metric = g_new0 (RdMetric, 1);

  metric->id = g_strdup (id);
  metric->bucket = g_strdup (bucket);
  metric->label = g_strdup (label);
  metric->unit = unit;
  metric->numerator_unit = RD_UNIT_COUNT;
  g_ptr_array_add (ctx->pack->metrics, metric);
  return metric;
}

void
rd_metric_set_value (RdMetric *metric,
                     double    value)
{
  metric->defined = TRUE;
  metric->value = value;
  g_clear_pointer (&metric->reason, g_free);
}

void
rd_metric_set_undefined (RdMetric   *metric,
                         const char *reason)
{
  metric->defined = FALSE;
  metric->value = 0;
  g_free (metric->reason);
  metric->reason = g_strdup (reason);
}

void
rd_metric_set_ratio (RdMetric   *metric,
                     double      numerator,
                     double      denominator,
                     RdUnit      parts_unit,
                     const char *reason_if_zero)
{
  metric->is_ratio = TRUE;
  metric->numerator = numerator;
  metric->denominator = denominator;
  metric->numerator_unit = parts_unit;
  if (denominator == 0)
    rd_metric_set_undefined (metric, reason_if_zero);
  else
    rd_metric_set_value (metric, numerator / denominator * (metric->unit == RD_UNIT_PERCENT ? 100.0 : 1.0));
}

void
rd_metric_set_formula (RdMetric   *metric,
                       const char *formula)
{
  g_free (metric->formula);
  metric->formula = g_strdup (formula);
}

void
rd_metric_set_definition (RdMetricsCtx *ctx,
                          RdMetric     *metric,
                          const char   *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gpointer cached;

  g_free (metric->definition_key);
  metric->definition_key = g_strdup (key);
  metric->definition_version = 0;

  /* Hundreds of metrics name a few terms: look each up once per pack
   * (a context made outside rd_metrics_compute has no cache). */
  if (ctx->definitions && g_hash_table_lookup_extended (ctx->definitions, key, NULL, &cached))
    {
      metric->definition_version = GPOINTER_TO_INT (cached) - 1;
      return;
    }

  stmt = rd_db_prepare (ctx->db,
                        "SELECT v.version FROM term_versions v JOIN terms t ON t.id = v.term_id "
                        "WHERE t.key = ?1 AND v.effective_date <= ?2 "
                        "ORDER BY v.effective_date DESC, v.version DESC LIMIT 1", NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, ctx->filter->as_of, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    metric->definition_version = sqlite3_column_int (stmt, 0);
  if (ctx->definitions)
    g_hash_table_insert (ctx->definitions, g_strdup (key), GINT_TO_POINTER (metric->definition_version + 1));
}

RdMetric *
rd_metrics_add_from_query (RdMetricsCtx   *ctx,
                           const char     *id,
                           const char     *bucket,
                           const char     *label,
                           RdUnit          unit,
                           const RdQuery  *query,
                           GError        **error)
{
  gint64 count = 0;
  double sum = 0;
  RdMetric *metric;

  if (!rd_query_aggregate (ctx->ws, query, &count, &sum, error))
    return NULL;
  metric = rd_metrics_add (ctx, id, bucket, label, unit);
  rd_metric_set_value (metric, query->sum_column ? sum : (double) count);
  metric->drillable = TRUE;
  return metric;
}

void
rd_metrics_filter_sql (RdMetricsCtx *ctx,
                       RdQuery      *query,
                       const char   *alias,
                       gboolean      with_owner,
                       gboolean      with_channel)
{
  const RdFilter *f = ctx->filter;
  struct { gint64 id; const char *column; gboolean use; } parts[] = {
    { f->segment_id, "segment_id", TRUE },
    { f->region_id, "region_id", TRUE },
    { f->owner_id, "owner_id", with_owner },
    { f->channel_id, "channel_id", with_channel },
  };

  /* @alias and the column names are fixed words from the groups' code. */
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i].use && parts[i].id != 0)
      {
        g_string_append_printf (query->sql, " AND %s.%s = ", alias, parts[i].column);
        rd_query_add_int (query, parts[i].id);
      }
}

sqlite3_stmt *
rd_query_prepare (RdWorkspace    *ws,
                  const RdQuery  *query,
                  GError        **error)
{
  return prepare_query (_rd_workspace_get_db (ws), query->sql->str, query, error);
}

sqlite3_stmt *
rd_metrics_prepare (RdMetricsCtx   *ctx,
                    const RdQuery  *query,
                    GError        **error)
{
  return prepare_query (ctx->db, query->sql->str, query, error);
}

double
rd_metrics_query_double (RdMetricsCtx   *ctx,
                         const RdQuery  *query,
                         double          fallback,
                         GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = rd_metrics_prepare (ctx, query, error);
  int rc;

  if (stmt == NULL)
    return fallback;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    return sqlite3_column_double (stmt, 0);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    rd_db_set_error (ctx->db, error, NULL);
  return fallback;
}

/* ------------------------------------------------------------ as-of state */

void
rd_metrics_append_deal_at (RdMetricsCtx *ctx,
                           RdQuery      *query)
{
  if (ctx->as_of_is_latest)
    {
      rd_query_append (query,
        "deal_at AS (SELECT o.id, o.name, o.account_id, o.owner_id, o.channel_id, o.segment_id, o.region_id,"
        " o.created_at, o.category_override_id, coalesce (o.category_override_id, s.forecast_category_id) AS category_id,"
        " o.stage_id, o.stage_entered_at, o.close_date, o.amount_cents, o.status, o.last_change_at"
        " FROM opportunities o JOIN stages s ON s.id = o.stage_id)");
      return;
    }

  append_with_text (query,
    "deal_at AS (SELECT o.id, o.name, o.account_id, o.owner_id, o.channel_id, o.segment_id, o.region_id,"
    " o.created_at, o.category_override_id, coalesce (o.category_override_id, s.forecast_category_id) AS category_id,"
    " h.stage_id, h.entered_at AS stage_entered_at,"
    " coalesce ((SELECT c.new_date FROM close_date_changes c WHERE c.opportunity_id = o.id AND c.changed_at <= ?"
    "            ORDER BY c.changed_at DESC, c.id DESC LIMIT 1),"
    "           (SELECT c.old_date FROM close_date_changes c WHERE c.opportunity_id = o.id"
    "            ORDER BY c.changed_at, c.id LIMIT 1), o.close_date) AS close_date,"
    " coalesce ((SELECT a.new_cents FROM amount_changes a WHERE a.opportunity_id = o.id AND a.changed_at <= ?"
    "            ORDER BY a.changed_at DESC, a.id DESC LIMIT 1),"
    "           (SELECT a.old_cents FROM amount_changes a WHERE a.opportunity_id = o.id"
    "            ORDER BY a.changed_at, a.id LIMIT 1), o.amount_cents) AS amount_cents,"
    " CASE WHEN s.is_won THEN 'won' WHEN s.is_lost THEN 'lost' ELSE 'open' END AS status,"
    " max (o.created_at, h.entered_at,"
    "      ifnull ((SELECT max (c.changed_at) FROM close_date_changes c WHERE c.opportunity_id = o.id AND c.changed_at <= ?), ''),"
    "      ifnull ((SELECT max (a.changed_at) FROM amount_changes a WHERE a.opportunity_id = o.id AND a.changed_at <= ?), ''))"
    "   AS last_change_at"
    " FROM opportunities o"
    " JOIN opportunity_stage_history h ON h.opportunity_id = o.id AND h.entered_at <= ?"
    "   AND (h.exited_at IS NULL OR h.exited_at > ?)"
    " JOIN stages s ON s.id = h.stage_id"
    " WHERE o.created_at <= ?)",
    ctx->as_of_end);
}

void
rd_metrics_append_lead_at (RdMetricsCtx *ctx,
                           RdQuery      *query)
{
  if (ctx->as_of_is_latest)
    {
      rd_query_append (query,
        "lead_at AS (SELECT l.id, l.name, l.account_id, l.owner_id, l.channel_id, l.segment_id, l.region_id,"
        " l.created_at, l.stage_id, l.stage_entered_at FROM leads l)");
      return;
    }

  append_with_text (query,
    "lead_at AS (SELECT l.id, l.name, l.account_id, l.owner_id, l.channel_id, l.segment_id, l.region_id,"
    " l.created_at, e.stage_id, e.entered_at AS stage_entered_at"
    " FROM leads l LEFT JOIN lead_stage_events e ON e.id ="
    "  (SELECT e2.id FROM lead_stage_events e2 WHERE e2.lead_id = l.id AND e2.entered_at <= ?"
    "   ORDER BY e2.entered_at DESC, e2.id DESC LIMIT 1)"
    " WHERE l.created_at <= ?)",
    ctx->as_of_end);
}

/* -------------------------------------------------------------------- packs */

static void
init_ctx (RdMetricsCtx   *ctx,
          RdWorkspace    *ws,
          const RdFilter *filter,
          RdMetricPack   *pack)
{
  memset (ctx, 0, sizeof *ctx);
  ctx->ws = ws;
  ctx->db = _rd_workspace_get_db (ws);
  ctx->filter = filter;
  ctx->pack = pack;
  ctx->definitions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx->fiscal_start_month = (int) rd_db_query_int (ctx->db, "SELECT fiscal_year_start_month FROM settings", 1);
  g_snprintf (ctx->as_of_end, sizeof ctx->as_of_end, "%s 23:59:59", filter->as_of);
  g_snprintf (ctx->period_start_time, sizeof ctx->period_start_time, "%s 00:00:00", filter->period_start);
  g_snprintf (ctx->period_end_time, sizeof ctx->period_end_time, "%s 23:59:59", filter->period_end);

  /* Is anything recorded after as-of? Each max () is one index probe. */
  {
    g_autoptr(RdQuery) q = rd_query_new (
      "SELECT max (ifnull ((SELECT max (last_change_at) FROM opportunities), ''),"
      " ifnull ((SELECT max (entered_at) FROM lead_stage_events), ''),"
      " ifnull ((SELECT max (created_at) FROM leads), '')) <= ");
    rd_query_add_text (q, ctx->as_of_end);
    ctx->as_of_is_latest = rd_metrics_query_double (ctx, q, 0, NULL) != 0;
    /* Tests set this to check that replaying history gives the same numbers. */
    if (g_getenv ("RD_METRICS_REPLAY"))
      ctx->as_of_is_latest = FALSE;
  }
}

static RdMetricPack *
pack_new (RdWorkspace    *ws,
          const RdFilter *filter)
{
  RdMetricPack *pack = g_new0 (RdMetricPack, 1);

  pack->filter = rd_filter_copy (filter);
  pack->company = rd_workspace_dup_company_name (ws);
  pack->currency = rd_workspace_dup_currency (ws);
  pack->metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_metric_free);
  return pack;
}

void
rd_metric_pack_free (RdMetricPack *pack)
{
  if (pack == NULL)
    return;
  rd_filter_free (pack->filter);
  g_free (pack->company);
  g_free (pack->currency);
  g_ptr_array_unref (pack->metrics);
  g_free (pack);
}

const RdMetric *
rd_metric_pack_find (const RdMetricPack *pack,
                     const char         *id,
                     const char         *bucket)
{
  for (guint i = 0; i < pack->metrics->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (pack->metrics, i);
      if (g_str_equal (m->id, id) && g_strcmp0 (m->bucket, bucket) == 0)
        return m;
    }
  return NULL;
}

static gboolean
group_matches (const RdMetricGroup *group,
               const char          *prefix)
{
  if (prefix == NULL || g_str_equal (group->name, prefix))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (aliases[i].group == group && g_str_equal (aliases[i].prefix, prefix))
      return TRUE;
  return FALSE;
}

RdMetricPack *
rd_metrics_compute (RdWorkspace    *ws,
                    const RdFilter *filter,
                    const char     *group,
                    GError        **error)
{
  g_autoptr(RdMetricPack) pack = NULL;
  RdMetricsCtx ctx;
  gboolean known = FALSE;
  gboolean ok = TRUE;

  g_return_val_if_fail (RD_IS_WORKSPACE (ws), NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  /* rd_filter_resolve() fills the as-of date and the period. */
  g_return_val_if_fail (filter->as_of[0] != '\0' && filter->period_start[0] != '\0', NULL);

  pack = pack_new (ws, filter);
  init_ctx (&ctx, ws, pack->filter, pack);

  /* One read transaction: every number sees the same state of the file. */
  if (!rd_db_exec (ctx.db, "BEGIN", error))
    {
      g_clear_pointer (&ctx.definitions, g_hash_table_unref);
      return NULL;
    }

  for (guint i = 0; ok && i < G_N_ELEMENTS (groups); i++)
    {
      /* The overview needs the others; computing it alone computes them. */
      gboolean wanted = group_matches (groups[i], group) ||
                        (group && g_str_equal (group, "overview"));
      if (!wanted)
        continue;
      known = TRUE;
      ok = groups[i]->compute (&ctx, error);
    }
  rd_db_exec (ctx.db, "COMMIT", NULL);
  g_clear_pointer (&ctx.definitions, g_hash_table_unref);

  if (!ok)
    return NULL;
  if (!known)
    {
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                   _("There is no metric group “%s”."), group);
      return NULL;
    }

  /* Asked for the overview alone: keep only its metrics. */
  if (group && g_str_equal (group, "overview"))
    for (guint i = pack->metrics->len; i > 0; i--)
      {
        RdMetric *m = g_ptr_array_index (pack->metrics, i - 1);
        if (!g_str_has_prefix (m->id, "overview."))
          g_ptr_array_remove_index (pack->metrics, i - 1);
      }

  return g_steal_pointer (&pack);
}

RdQuery *
rd_metrics_drill_query (RdWorkspace    *ws,
                        const RdFilter *filter,
                        const char     *metric_id,
                        const char     *bucket,
                        GError        **error)
{
  g_autofree char *prefix = NULL;
  const char *dot = strchr (metric_id, '.');
  g_autoptr(RdMetricPack) pack = pack_new (ws, filter);
  RdMetricsCtx ctx;

  init_ctx (&ctx, ws, pack->filter, pack);
  prefix = dot ? g_strndup (metric_id, dot - metric_id) : g_strdup (metric_id);

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (group_matches (groups[i], prefix) && groups[i]->drill)
      {
        RdQuery *query = groups[i]->drill (&ctx, metric_id, bucket, error);

        g_clear_pointer (&ctx.definitions, g_hash_table_unref);
        return query;
      }

  g_clear_pointer (&ctx.definitions, g_hash_table_unref);
  g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
               _("There is no metric “%s”, or it has no list of records."), metric_id);
  return NULL;
}

/* --------------------------------------------------------------------- JSON */

const char *
rd_unit_to_string (RdUnit unit)
{
  static const char *names[] = { "count", "money", "percent", "ratio", "days", "months", "money-per-day" };
  return unit < G_N_ELEMENTS (names) ? names[unit] : "count";
}

const char *
rd_status_to_string (RdStatus status)
{
  static const char *names[] = { "none", "on-track", "watch", "off-track" };
  return status < G_N_ELEMENTS (names) ? names[status] : "none";
}

static void
add_string_or_null (JsonBuilder *b,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* Rounds away binary noise so the document reads as people expect. */
static double
tidy (double value)
{
  return fabs (value) < 1e15 ? round (value * 1e6) / 1e6 : value;
}

static const char *
clock_name (RdAgingClock clock)
{
  static const char *names[] = { "since-entry", "cumulative", "idle", "deal-age" };
  return names[clock];
}

JsonNode *
rd_metric_pack_to_json (const RdMetricPack *pack)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const RdFilter *f = pack->filter;

  json_builder_begin_object (b);
  add_string_or_null (b, "company", pack->company);
  add_string_or_null (b, "currency", pack->currency);
  add_string_or_null (b, "as_of", f->as_of);

  json_builder_set_member_name (b, "filter");
  json_builder_begin_object (b);
  add_string_or_null (b, "period", f->period_key);
  add_string_or_null (b, "period_start", f->period_start);
  add_string_or_null (b, "period_end", f->period_end);
  add_string_or_null (b, "segment", f->segment_name);
  add_string_or_null (b, "region", f->region_name);
  add_string_or_null (b, "owner", f->owner_name);
  add_string_or_null (b, "source", f->channel_name);
  add_string_or_null (b, "funnel_mode", f->funnel_mode == RD_FUNNEL_COHORT ? "cohort" : "period");
  json_builder_set_member_name (b, "funnel_strict");
  json_builder_add_boolean_value (b, f->funnel_strict);
  add_string_or_null (b, "aging_clock", clock_name (f->aging_clock));
  json_builder_end_object (b);

  json_builder_set_member_name (b, "metrics");
  json_builder_begin_array (b);
  for (guint i = 0; i < pack->metrics->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (pack->metrics, i);

      json_builder_begin_object (b);
      add_string_or_null (b, "id", m->id);
      add_string_or_null (b, "bucket", m->bucket);
      add_string_or_null (b, "label", m->label);
      json_builder_set_member_name (b, "value");
      if (m->defined)
        json_builder_add_double_value (b, tidy (m->value));
      else
        json_builder_add_null_value (b);
      add_string_or_null (b, "unit", rd_unit_to_string (m->unit));
      add_string_or_null (b, "reason", m->defined ? NULL : m->reason);
      if (m->is_ratio)
        {
          json_builder_set_member_name (b, "numerator");
          json_builder_add_double_value (b, tidy (m->numerator));
          json_builder_set_member_name (b, "denominator");
          json_builder_add_double_value (b, tidy (m->denominator));
          add_string_or_null (b, "parts_unit", rd_unit_to_string (m->numerator_unit));
        }
      add_string_or_null (b, "formula", m->formula);
      json_builder_set_member_name (b, "definition");
      if (m->definition_key)
        {
          json_builder_begin_object (b);
          add_string_or_null (b, "key", m->definition_key);
          json_builder_set_member_name (b, "version");
          json_builder_add_int_value (b, m->definition_version);
          json_builder_end_object (b);
        }
      else
        json_builder_add_null_value (b);
      if (m->has_target)
        {
          json_builder_set_member_name (b, "target");
          json_builder_add_double_value (b, tidy (m->target));
          add_string_or_null (b, "status", rd_status_to_string (m->status));
          add_string_or_null (b, "status_rule", m->status_rule);
        }
      if (m->note)
        add_string_or_null (b, "note", m->note);
      json_builder_set_member_name (b, "drillable");
      json_builder_add_boolean_value (b, m->drillable);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}
