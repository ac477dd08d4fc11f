/* rd-workspace-private.h — what core code shares about a workspace
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "rd-workspace.h"

G_BEGIN_DECLS

/* A migration takes the file from version n to n + 1 inside one transaction. */
typedef gboolean (*RdMigrationFunc) (sqlite3  *db,
                                     GError  **error);

sqlite3     *_rd_workspace_get_db            (RdWorkspace           *self);
const RdMigrationFunc *_rd_workspace_default_migrations (guint         *n_migrations);
RdWorkspace *_rd_workspace_open_with_migrations (const char         *path,
                                              const RdMigrationFunc *migrations,
                                              guint                  n_migrations,
                                              GError               **error);
RdWorkspace *_rd_workspace_create_empty      (const char            *path,
                                              GError               **error);
void         _rd_workspace_set_audit         (RdWorkspace           *self,
                                              gboolean               enabled);
gboolean     _rd_workspace_exec              (RdWorkspace           *self,
                                              const char            *sql,
                                              GError               **error);
gboolean     _rd_workspace_add_note          (RdWorkspace           *self,
                                              const char            *at,
                                              const char            *note,
                                              GError               **error);
void         _rd_workspace_emit_changed      (RdWorkspace           *self,
                                              const char            *what);

/* Helpers for prepared statements; they set @error with the SQLite message. */
sqlite3_stmt *rd_db_prepare                  (sqlite3               *db,
                                              const char            *sql,
                                              GError               **error);
gboolean      rd_db_exec                     (sqlite3               *db,
                                              const char            *sql,
                                              GError               **error);
gboolean      rd_db_step_done                (sqlite3_stmt          *stmt,
                                              GError               **error);
void          rd_db_set_error                (sqlite3               *db,
                                              GError               **error,
                                              const char            *context);
gint64        rd_db_query_int                (sqlite3               *db,
                                              const char            *sql,
                                              gint64                 fallback);

/* Recomputes the derived columns (current stage, status, exit times) from history. */
gboolean      rd_workspace_refresh_derived   (RdWorkspace           *self,
                                              GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
