/* rd-query-page.c — a record query read a page at a time, and the filter's choices
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-metrics-private.h"
#include "rd-query-page.h"
#include "rd-workspace-private.h"

GStrv
rd_query_column_names (RdWorkspace    *ws,
                       const RdQuery  *query,
                       GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  int n_cols;

  g_return_val_if_fail (RD_IS_WORKSPACE (ws), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  stmt = rd_query_prepare (ws, query, error);
  if (stmt == NULL)
    return NULL;
  n_cols = sqlite3_column_count (stmt);
  for (int c = 0; c < n_cols; c++)
    g_strv_builder_add (names, sqlite3_column_name (stmt, c));
  return g_strv_builder_end (names);
}

GPtrArray *
rd_query_fetch_page (RdWorkspace    *ws,
                     const RdQuery  *query,
                     int             sort_column,
                     gboolean        descending,
                     gint64          offset,
                     guint           limit,
                     GError        **error)
{
  g_autoptr(RdQuery) page = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  int n_cols, rc;

  g_return_val_if_fail (RD_IS_WORKSPACE (ws), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (offset >= 0, NULL);

  /* The record query keeps its parameters ?1 … ?N; the page adds its own
   * after them, so the same values are bound in the same places. */
  page = rd_query_new ("SELECT * FROM (");
  rd_query_append (page, query->sql->str);
  rd_query_append (page, ")");
  for (guint i = 0; i < query->params->len; i++)
    g_ptr_array_add (page->params, g_variant_ref (g_ptr_array_index (query->params, i)));

  if (sort_column >= 0)
    {
      g_auto(GStrv) names = rd_query_column_names (ws, query, error);

      if (names == NULL)
        return NULL;
      if ((guint) sort_column >= g_strv_length (names))
        {
          g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                       _("The list has no column %d."), sort_column + 1);
          return NULL;
        }
      /* A column position cannot be a bound parameter (a bound value would
       * sort by a constant), so the checked position is written into the
       * text. Ties keep the first column's order, so pages never overlap. */
      g_string_append_printf (page->sql, " ORDER BY %d %s, 1", sort_column + 1,
                              descending ? "DESC" : "ASC");
    }
  rd_query_appendv (page, " LIMIT ? OFFSET ?", G_TYPE_INT64, (gint64) limit, G_TYPE_INT64, offset, G_TYPE_INVALID);

  stmt = rd_query_prepare (ws, page, error);
  if (stmt == NULL)
    return NULL;
  n_cols = sqlite3_column_count (stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GStrv row = g_new0 (char *, n_cols + 1);

      for (int c = 0; c < n_cols; c++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, c);
          row[c] = g_strdup (text ? text : "");
        }
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      rd_db_set_error (_rd_workspace_get_db (ws), error, NULL);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GStrv
rd_filter_list_names (RdWorkspace  *ws,
                      RdDimension   dimension,
                      GError      **error)
{
  /* The same lists rd_filter_resolve() names when it refuses a name. */
  static const char *queries[] = {
    [RD_DIMENSION_SEGMENT] = "SELECT name FROM segments ORDER BY position",
    [RD_DIMENSION_REGION] = "SELECT name FROM regions ORDER BY position",
    [RD_DIMENSION_OWNER] = "SELECT name FROM people WHERE id IN (SELECT owner_id FROM opportunities) ORDER BY name",
    [RD_DIMENSION_SOURCE] = "SELECT name FROM channels ORDER BY position",
  };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (RD_IS_WORKSPACE (ws), NULL);
  g_return_val_if_fail (dimension <= RD_DIMENSION_SOURCE, NULL);

  db = _rd_workspace_get_db (ws);
  stmt = rd_db_prepare (db, queries[dimension], error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (names, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      rd_db_set_error (db, error, NULL);
      return NULL;
    }
  return g_strv_builder_end (names);
}

gboolean
rd_workspace_checkpoint (RdWorkspace  *ws,
                         GError      **error)
{
  g_return_val_if_fail (RD_IS_WORKSPACE (ws), FALSE);

  return rd_db_exec (_rd_workspace_get_db (ws), "PRAGMA wal_checkpoint(FULL)", error);
}

int
rd_workspace_fiscal_start_month (RdWorkspace *ws)
{
  int month;

  g_return_val_if_fail (RD_IS_WORKSPACE (ws), 1);

  month = (int) rd_db_query_int (_rd_workspace_get_db (ws),
                                 "SELECT fiscal_year_start_month FROM settings WHERE id = 1", 1);
  return month >= 1 && month <= 12 ? month : 1;
}
