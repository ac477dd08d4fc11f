/* rd-workspace.h — one company's workspace file
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RD_WORKSPACE_ERROR (rd_workspace_error_quark ())

typedef enum
{
  RD_WORKSPACE_ERROR_NOT_FOUND,      /* no such file */
  RD_WORKSPACE_ERROR_NOT_WORKSPACE,  /* not a Revdeck workspace */
  RD_WORKSPACE_ERROR_DAMAGED,        /* a workspace, but damaged */
  RD_WORKSPACE_ERROR_TOO_NEW,        /* written by a newer Revdeck */
  RD_WORKSPACE_ERROR_EXISTS,         /* refusing to overwrite */
  RD_WORKSPACE_ERROR_IO,
  RD_WORKSPACE_ERROR_INVALID,        /* a write that breaks a rule */
  RD_WORKSPACE_ERROR_MIGRATION,
} RdWorkspaceError;

#define RD_TYPE_WORKSPACE (rd_workspace_get_type ())
G_DECLARE_FINAL_TYPE (RdWorkspace, rd_workspace, RD, WORKSPACE, GObject)

/* Called inside a write transaction. Return FALSE with @error set to roll back. */
typedef gboolean (*RdWriteFunc) (RdWorkspace *self,
                                 gpointer     user_data,
                                 GError     **error);

GQuark       rd_workspace_error_quark        (void);

RdWorkspace *rd_workspace_open               (const char   *path,
                                              GError      **error);
RdWorkspace *rd_workspace_create             (const char   *path,
                                              const char   *company_name,
                                              GError      **error);

const char  *rd_workspace_get_path           (RdWorkspace  *self);
int          rd_workspace_get_schema_version (RdWorkspace  *self);
char        *rd_workspace_dup_company_name   (RdWorkspace  *self);
char        *rd_workspace_dup_currency       (RdWorkspace  *self);
GDate       *rd_workspace_dup_as_of          (RdWorkspace  *self);
gboolean     rd_workspace_is_as_of_pinned    (RdWorkspace  *self);
gint64       rd_workspace_count_rows         (RdWorkspace  *self,
                                              const char   *table);
const char  *rd_workspace_get_actor          (RdWorkspace  *self);
void         rd_workspace_set_actor          (RdWorkspace  *self,
                                              const char   *actor);

gboolean     rd_workspace_write              (RdWorkspace  *self,
                                              const char   *what,
                                              RdWriteFunc   func,
                                              gpointer      user_data,
                                              GError      **error);
gboolean     rd_workspace_check_integrity    (RdWorkspace  *self,
                                              GError      **error);
gboolean     rd_workspace_save_copy          (RdWorkspace  *self,
                                              const char   *dest_path,
                                              GError      **error);

G_END_DECLS
