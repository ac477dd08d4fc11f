/* rd-aggregates.c — summary tables kept up to date inside the write transactions
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-aggregates.h"
#include "rd-metrics-private.h"
#include "rd-workspace-private.h"

static const RdAggregate *const *
collect (guint *n_out)
{
  static GPtrArray *all;

  if (g_once_init_enter (&all))
    {
      GPtrArray *list = g_ptr_array_new ();
      guint n_groups;
      const RdMetricGroup *const *groups = rd_metrics_groups (&n_groups);

      for (guint g = 0; g < n_groups; g++)
        for (const RdAggregate *const *a = groups[g]->aggregates; a && *a; a++)
          g_ptr_array_add (list, (gpointer) *a);

      /* Objects are found by name prefix, so no name may be another's
       * prefix followed by "_" ("deal" would own "agg_deal_states…"). */
      for (guint i = 0; i < list->len; i++)
        for (guint j = 0; j < list->len; j++)
          {
            const char *a = ((const RdAggregate *) list->pdata[i])->name;
            const char *b = ((const RdAggregate *) list->pdata[j])->name;
            gsize la = strlen (a);

            if (i != j && (strcmp (a, b) == 0 || (strncmp (a, b, la) == 0 && b[la] == '_')))
              g_error ("Aggregate names “%s” and “%s” overlap", a, b);
          }
      g_assert (list->len < G_MAXUINT);
      g_once_init_leave (&all, list);
    }
  *n_out = all->len;
  return (const RdAggregate *const *) all->pdata;
}

const RdAggregate *const *
rd_aggregates_all (guint *n_aggregates)
{
  return collect (n_aggregates);
}

static gboolean
create_versions_table (sqlite3  *db,
                       GError  **error)
{
  return rd_db_exec (db, "CREATE TABLE IF NOT EXISTS agg_versions ("
                         "  name TEXT PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID", error);
}

/* Drops every object named agg_@name or agg_@name_…: triggers and views
 * first, then indexes (some sit on record tables), then the tables. */
static gboolean
drop_objects (sqlite3     *db,
              const char  *name,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) drops = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *exact = g_strconcat ("agg_", name, NULL);
  g_autofree char *prefix = g_strconcat ("agg_", name, "_", NULL);

  stmt = rd_db_prepare (db,
                        "SELECT type, name FROM sqlite_schema"
                        " WHERE type IN ('trigger', 'view', 'index', 'table')"
                        "   AND (name = ?1 OR substr (name, 1, length (?2)) = ?2)"
                        " ORDER BY CASE type WHEN 'trigger' THEN 0 WHEN 'view' THEN 1"
                        "                    WHEN 'index' THEN 2 ELSE 3 END, name",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, exact, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, prefix, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      const char *object = (const char *) sqlite3_column_text (stmt, 1);

      /* Automatic indexes (sqlite_autoindex_…) never match the prefix. */
      if (strchr (object, '"') == NULL)
        g_ptr_array_add (drops, g_strdup_printf ("DROP %s IF EXISTS \"%s\"", type, object));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  for (guint i = 0; i < drops->len; i++)
    if (!rd_db_exec (db, drops->pdata[i], error))
      return FALSE;
  return TRUE;
}

static gboolean
set_version (sqlite3            *db,
             const RdAggregate  *agg,
             GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = rd_db_prepare (db, "INSERT OR REPLACE INTO agg_versions (name, version) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, agg->name, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, agg->version);
  return rd_db_step_done (stmt, error);
}

static gboolean
rebuild_one (sqlite3            *db,
             const RdAggregate  *agg,
             GError            **error)
{
  gint64 started = g_get_monotonic_time ();

  if (!drop_objects (db, agg->name, error) ||
      !rd_db_exec (db, agg->create_sql, error) ||
      (agg->rebuild_sql && !rd_db_exec (db, agg->rebuild_sql, error)) ||
      !set_version (db, agg, error))
    {
      g_prefix_error (error, "aggregate %s: ", agg->name);
      return FALSE;
    }
  g_debug ("Rebuilt aggregate %s (version %d) in %.1f ms", agg->name, agg->version,
           (g_get_monotonic_time () - started) / 1000.0);
  return TRUE;
}

/* Drops the aggregates a file has that this build no longer knows. */
static gboolean
drop_unknown (sqlite3  *db,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);
  guint n;
  const RdAggregate *const *all = collect (&n);

  stmt = rd_db_prepare (db, "SELECT name FROM agg_versions", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      gboolean known = FALSE;

      for (guint i = 0; i < n && !known; i++)
        known = strcmp (all[i]->name, name) == 0;
      if (!known)
        g_ptr_array_add (unknown, g_strdup (name));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  for (guint i = 0; i < unknown->len; i++)
    {
      g_autoptr(sqlite3_stmt) del = NULL;

      if (!drop_objects (db, unknown->pdata[i], error))
        return FALSE;
      del = rd_db_prepare (db, "DELETE FROM agg_versions WHERE name = ?1", error);
      if (del == NULL)
        return FALSE;
      sqlite3_bind_text (del, 1, unknown->pdata[i], -1, SQLITE_STATIC);
      if (!rd_db_step_done (del, error))
        return FALSE;
    }
  return TRUE;
}

/* Which aggregates are missing or built by another definition; NULL (and
 * @error unset) when the file has no aggregates table at all. */
static GPtrArray *
stale_aggregates (sqlite3   *db,
                  gboolean  *has_unknown,
                  GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) stale = g_ptr_array_new ();
  guint n;
  const RdAggregate *const *all = collect (&n);

  *has_unknown = FALSE;
  if (rd_db_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'agg_versions'", 0) == 0)
    {
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (stale, (gpointer) all[i]);
      return g_steal_pointer (&stale);
    }

  stmt = rd_db_prepare (db, "SELECT version FROM agg_versions WHERE name = ?1", error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      sqlite3_bind_text (stmt, 1, all[i]->name, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 0) != all[i]->version)
        g_ptr_array_add (stale, (gpointer) all[i]);
      sqlite3_reset (stmt);
    }
  *has_unknown = rd_db_query_int (db, "SELECT count(*) FROM agg_versions", 0) >
                 (gint64) (n - stale->len);
  return g_steal_pointer (&stale);
}

gboolean
rd_aggregates_ensure (sqlite3  *db,
                      GError  **error)
{
  g_autoptr(GPtrArray) stale = NULL;
  gboolean has_unknown;
  gboolean own;

  stale = stale_aggregates (db, &has_unknown, error);
  if (stale == NULL)
    return FALSE;
  if (stale->len == 0 && !has_unknown)
    return TRUE;

  own = sqlite3_get_autocommit (db);
  if (own && !rd_db_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!create_versions_table (db, error) || !drop_unknown (db, error))
    goto fail;
  for (guint i = 0; i < stale->len; i++)
    if (!rebuild_one (db, stale->pdata[i], error))
      goto fail;

  if (own && !rd_db_exec (db, "COMMIT", error))
    goto fail;
  return TRUE;

fail:
  if (own)
    rd_db_exec (db, "ROLLBACK", NULL);
  return FALSE;
}

gboolean
rd_aggregates_rebuild_all (sqlite3  *db,
                           GError  **error)
{
  guint n;
  const RdAggregate *const *all = collect (&n);

  if (!create_versions_table (db, error) || !drop_unknown (db, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!rebuild_one (db, all[i], error))
      return FALSE;
  return TRUE;
}

gboolean
rd_aggregates_refresh (sqlite3  *db,
                       GError  **error)
{
  guint n;
  const RdAggregate *const *all = collect (&n);

  for (guint i = 0; i < n; i++)
    if (all[i]->refresh_sql && !rd_db_exec (db, all[i]->refresh_sql, error))
      {
        g_prefix_error (error, "aggregate %s: ", all[i]->name);
        return FALSE;
      }
  return TRUE;
}
