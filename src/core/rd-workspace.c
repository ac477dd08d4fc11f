/* rd-workspace.c — opening, creating, migrating and writing a workspace file
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A workspace is one SQLite file. Before SQLite ever opens a file we read its
 * 100-byte header ourselves, so a file that is not ours, is truncated, or was
 * written by a newer build is refused without a single byte being written
 * (opening with SQLite could otherwise roll back a journal or change modes).
 */


#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "rd-aggregates.h"
#include "rd-defaults.h"
#include "rd-schema.h"
#include "rd-workspace-private.h"

struct _RdWorkspace
{
  GObject   parent_instance;

  sqlite3  *db;
  char     *path;
  char     *actor;
  int       schema_version;
  gboolean  audit_enabled;
};

G_DEFINE_FINAL_TYPE (RdWorkspace, rd_workspace, G_TYPE_OBJECT)
G_DEFINE_QUARK (rd-workspace-error-quark, rd_workspace_error)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static gboolean migrate_to_1 (sqlite3 *db, GError **error);

/* migrations[n] takes a file from version n to n + 1. */
static const RdMigrationFunc default_migrations[] = { migrate_to_1 };

/* ------------------------------------------------------------ SQL helpers */

void
rd_db_set_error (sqlite3     *db,
                 GError     **error,
                 const char  *context)
{
  int code = sqlite3_errcode (db);
  int domain_code = RD_WORKSPACE_ERROR_INVALID;

  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
    domain_code = RD_WORKSPACE_ERROR_DAMAGED;
  else if (code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_CANTOPEN ||
           code == SQLITE_READONLY || code == SQLITE_BUSY || code == SQLITE_PERM)
    domain_code = RD_WORKSPACE_ERROR_IO;

  g_set_error (error, RD_WORKSPACE_ERROR, domain_code, "%s%s%s",
               context ? context : "", context ? ": " : "", sqlite3_errmsg (db));
}

sqlite3_stmt *
rd_db_prepare (sqlite3     *db,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      rd_db_set_error (db, error, NULL);
      return NULL;
    }
  return stmt;
}

gboolean
rd_db_exec (sqlite3     *db,
            const char  *sql,
            GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      rd_db_set_error (db, error, NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
rd_db_step_done (sqlite3_stmt  *stmt,
                 GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      rd_db_set_error (sqlite3_db_handle (stmt), error, NULL);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gint64
rd_db_query_int (sqlite3    *db,
                 const char *sql,
                 gint64      fallback)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (db, sql, NULL);

  if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  return fallback;
}

/* ---------------------------------------------------- connection functions */

static void
sql_audit_enabled (sqlite3_context *ctx,
                   int              argc,
                   sqlite3_value  **argv)
{
  RdWorkspace *self = sqlite3_user_data (ctx);
  sqlite3_result_int (ctx, self->audit_enabled);
}

static void
sql_actor (sqlite3_context *ctx,
           int              argc,
           sqlite3_value  **argv)
{
  RdWorkspace *self = sqlite3_user_data (ctx);
  sqlite3_result_text (ctx, self->actor, -1, SQLITE_TRANSIENT);
}

/* ------------------------------------------------------------ the header */

typedef struct
{
  guint32 page_size;
  guint32 page_count;
  guint32 user_version;
  guint32 application_id;
  gboolean page_count_valid;
} Header;

static guint32
be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static gboolean
has_write_ahead_log (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > 0;
}

/* Reads and checks the SQLite header without SQLite. */
static gboolean
read_header (const char  *path,
             Header      *header,
             GError     **error)
{
  g_autofree char *name = g_filename_display_basename (path);
  guchar buf[100];
  GStatBuf st;
  FILE *fp;
  size_t n;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, RD_WORKSPACE_ERROR,
                   saved == ENOENT ? RD_WORKSPACE_ERROR_NOT_FOUND : RD_WORKSPACE_ERROR_IO,
                   _("Cannot open “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_NOT_WORKSPACE,
                   _("“%s” is not a Revdeck workspace: it is not a regular file."), name);
      return FALSE;
    }

  fp = g_fopen (path, "rb");
  if (fp == NULL)
    {
      int saved = errno;
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_IO,
                   _("Cannot read “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }
  n = fread (buf, 1, sizeof buf, fp);
  fclose (fp);

  if (n < sizeof buf || memcmp (buf, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_NOT_WORKSPACE,
                   _("“%s” is not a Revdeck workspace: it is not a database file."), name);
      return FALSE;
    }

  header->page_size = (buf[16] << 8) | buf[17];
  if (header->page_size == 1)
    header->page_size = 65536;
  header->page_count = be32 (buf + 28);
  header->page_count_valid = be32 (buf + 24) == be32 (buf + 92) && header->page_count > 0;
  header->user_version = be32 (buf + 60);
  header->application_id = be32 (buf + 68);

  if (header->application_id != RD_APPLICATION_ID)
    {
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_NOT_WORKSPACE,
                   _("“%s” is a database but not a Revdeck workspace."), name);
      return FALSE;
    }
  if (header->page_size < 512 || (header->page_size & (header->page_size - 1)) != 0)
    {
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_DAMAGED,
                   _("“%s” is damaged: its header is not valid."), name);
      return FALSE;
    }
  if (header->page_count_valid &&
      (guint64) st.st_size < (guint64) header->page_count * header->page_size)
    {
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_DAMAGED,
                   _("“%s” is damaged: the file is shorter than its header says (%" G_GUINT64_FORMAT
                     " of %" G_GUINT64_FORMAT " bytes). It may have been cut off while copying."),
                   name, (guint64) st.st_size, (guint64) header->page_count * header->page_size);
      return FALSE;
    }
  if (header->user_version > RD_SCHEMA_VERSION)
    {
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer Revdeck (workspace version %u; this Revdeck reads "
                     "up to version %d). Update Revdeck to open it."),
                   name, header->user_version, RD_SCHEMA_VERSION);
      return FALSE;
    }
  /* A workspace another connection has just created may still have its
   * first pages in the write-ahead log: then SQLite, which reads the log,
   * decides (see _rd_workspace_open_with_migrations). */
  if (header->user_version == 0 && !has_write_ahead_log (path))
    {
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_DAMAGED,
                   _("“%s” is damaged: it was never fully created."), name);
      return FALSE;
    }
  return TRUE;
}

/* --------------------------------------------------------------- lifecycle */

static void
rd_workspace_finalize (GObject *object)
{
  RdWorkspace *self = (RdWorkspace *) object;

  if (self->db)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self->actor);

  G_OBJECT_CLASS (rd_workspace_parent_class)->finalize (object);
}

static void
rd_workspace_class_init (RdWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_workspace_finalize;

  /**
   * RdWorkspace::changed:
   * @what: a short word for what changed ("settings", "records", "definitions", ...)
   *
   * Emitted after every committed write.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
rd_workspace_init (RdWorkspace *self)
{
  const char *user = g_get_real_name ();

  if (user == NULL || g_strcmp0 (user, "Unknown") == 0)
    user = g_get_user_name ();
  self->actor = g_strdup (user);
  self->audit_enabled = TRUE;
}

/* Opens the SQLite connection with the pragmas every workspace uses. */
static gboolean
connect_db (RdWorkspace  *self,
            GError      **error)
{
  int rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL);

  if (rc != SQLITE_OK)
    {
      rd_db_set_error (self->db, error, NULL);
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, 0);
  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_create_function (self->db, "rd_audit_enabled", 0, SQLITE_UTF8, self, sql_audit_enabled, NULL, NULL);
  sqlite3_create_function (self->db, "rd_actor", 0, SQLITE_UTF8, self, sql_actor, NULL, NULL);

  /* A 32 MiB page cache keeps the metric queries' indexes in memory
   * without letting a large workspace grow the process much further. */
  return rd_db_exec (self->db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;"
                               "PRAGMA cache_size = -32768;", error);
}

static char *
backup_path_for (const char *path,
                 int         version)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *base = g_str_has_suffix (path, ".revdeck")
                          ? g_strndup (path, strlen (path) - strlen (".revdeck"))
                          : g_strdup (path);

  return g_strdup_printf ("%s.v%d-backup-%s.revdeck", base, version, stamp);
}

/* Makes a consistent copy of the open database at @dest with mode 0600. */
static gboolean
copy_database (sqlite3     *db,
               const char  *dest,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int fd;

  /* VACUUM INTO writes into an empty file; creating it first fixes its mode. */
  fd = g_open (dest, O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (dest);
      g_set_error (error, RD_WORKSPACE_ERROR,
                   saved == EEXIST ? RD_WORKSPACE_ERROR_EXISTS : RD_WORKSPACE_ERROR_IO,
                   _("Cannot write “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  stmt = rd_db_prepare (db, "VACUUM INTO ?1", error);
  if (stmt == NULL)
    {
      g_unlink (dest);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, dest, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      rd_db_set_error (db, error, _("Cannot copy the workspace"));
      g_unlink (dest);
      return FALSE;
    }
  return TRUE;
}

static gboolean
run_migrations (RdWorkspace            *self,
                int                     from,
                const RdMigrationFunc  *migrations,
                guint                   n_migrations,
                GError                **error)
{
  g_autofree char *backup = backup_path_for (self->path, from);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *pragma = NULL;

  if (!copy_database (self->db, backup, &local_error))
    {
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_MIGRATION,
                   _("The workspace needs an update, but no backup copy could be made, so it was "
                     "left as it is. %s"), local_error->message);
      return FALSE;
    }

  if (!rd_db_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (guint v = from; v < n_migrations; v++)
    {
      if (!migrations[v] (self->db, &local_error))
        {
          g_autofree char *name = g_filename_display_name (backup);
          rd_db_exec (self->db, "ROLLBACK", NULL);
          g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_MIGRATION,
                       _("Updating the workspace from version %u to %u failed and was undone; "
                         "the file is unchanged and a backup is at “%s”. %s"),
                       v, v + 1, name, local_error->message);
          return FALSE;
        }
    }

  pragma = g_strdup_printf ("PRAGMA user_version = %u", n_migrations);
  if (!rd_db_exec (self->db, pragma, error) || !rd_db_exec (self->db, "COMMIT", error))
    {
      rd_db_exec (self->db, "ROLLBACK", NULL);
      return FALSE;
    }
  g_debug ("Updated workspace %s from version %d to %u (backup: %s)", self->path, from, n_migrations, backup);
  return TRUE;
}

static gboolean
check_tables (RdWorkspace  *self,
              GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n_tables;
  const RdTable *tables = rd_schema_tables (&n_tables);
  g_autofree char *name = g_filename_display_basename (self->path);

  stmt = rd_db_prepare (self->db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1", error);
  if (stmt == NULL)
    {
      g_prefix_error (error, _("“%s” is damaged: "), name);
      return FALSE;
    }
  for (guint i = 0; i < n_tables; i++)
    {
      sqlite3_bind_text (stmt, 1, tables[i].name, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_DAMAGED,
                       _("“%s” is damaged: the table “%s” is missing."), name, tables[i].name);
          return FALSE;
        }
      sqlite3_reset (stmt);
    }
  if (rd_db_query_int (self->db, "SELECT count(*) FROM settings", 0) != 1)
    {
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_DAMAGED,
                   _("“%s” is damaged: its settings are missing."), name);
      return FALSE;
    }
  return TRUE;
}

const RdMigrationFunc *
_rd_workspace_default_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (default_migrations);
  return default_migrations;
}

RdWorkspace *
_rd_workspace_open_with_migrations (const char             *path,
                                    const RdMigrationFunc  *migrations,
                                    guint                   n_migrations,
                                    GError                **error)
{
  g_autoptr(RdWorkspace) self = NULL;
  Header header;
  int version;

  g_return_val_if_fail (path != NULL, NULL);

  if (!read_header (path, &header, error))
    return NULL;
  if (header.user_version > n_migrations)
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer Revdeck (workspace version %u; this Revdeck reads "
                     "up to version %u). Update Revdeck to open it."),
                   name, header.user_version, n_migrations);
      return NULL;
    }

  self = g_object_new (RD_TYPE_WORKSPACE, NULL);
  self->path = g_canonicalize_filename (path, NULL);
  if (!connect_db (self, error))
    return NULL;

  /* The header may be stale while a write-ahead log holds newer pages. */
  version = (int) rd_db_query_int (self->db, "PRAGMA user_version", -1);
  if (version < 0)
    {
      rd_db_set_error (self->db, error, NULL);
      return NULL;
    }
  if ((guint) version > n_migrations)
    {
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_TOO_NEW,
                   _("This workspace was written by a newer Revdeck (version %d)."), version);
      return NULL;
    }
  if (version == 0)
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_DAMAGED,
                   _("“%s” is damaged: it was never fully created."), name);
      return NULL;
    }
  if ((guint) version < n_migrations &&
      !run_migrations (self, version, migrations, n_migrations, error))
    return NULL;

  self->schema_version = n_migrations;
  if (n_migrations == RD_SCHEMA_VERSION &&
      (!check_tables (self, error) || !rd_aggregates_ensure (self->db, error)))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * rd_workspace_open:
 *
 * Opens an existing workspace. A file that is not a workspace, is damaged, or
 * is newer than this build is refused and left untouched; an older one is
 * updated in one transaction after a backup copy is written beside it.
 */
RdWorkspace *
rd_workspace_open (const char  *path,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  RdWorkspace *self;

  self = _rd_workspace_open_with_migrations (path, default_migrations,
                                             G_N_ELEMENTS (default_migrations), &local_error);
  if (self == NULL)
    {
      /* Errors found by SQLite itself do not name the file; say which. */
      g_autofree char *name = g_filename_display_basename (path);
      if (strstr (local_error->message, name) == NULL)
        g_prefix_error (&local_error, local_error->code == RD_WORKSPACE_ERROR_DAMAGED
                                      ? _("“%s” is damaged: ") : _("Cannot open “%s”: "), name);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return self;
}

static gboolean
migrate_to_1 (sqlite3  *db,
              GError  **error)
{
  g_autofree char *triggers = rd_schema_audit_triggers_sql ();

  return rd_db_exec (db, rd_schema_create_sql (), error) && rd_db_exec (db, triggers, error);
}

/* Creates the file with its schema but no rows; the caller fills it. */
RdWorkspace *
_rd_workspace_create_empty (const char  *path,
                            GError     **error)
{
  g_autoptr(RdWorkspace) self = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *pragma = NULL;
  int fd;

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    {
      int saved = errno;
      if (saved == EEXIST)
        g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_EXISTS,
                     _("“%s” already exists; Revdeck does not overwrite a file."), name);
      else
        g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_IO,
                     _("Cannot create “%s”: %s"), name, g_strerror (saved));
      return NULL;
    }
  close (fd);

  self = g_object_new (RD_TYPE_WORKSPACE, NULL);
  self->path = g_canonicalize_filename (path, NULL);
  self->schema_version = RD_SCHEMA_VERSION;
  pragma = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA journal_mode = WAL;", RD_APPLICATION_ID);

  if (!connect_db (self, error) ||
      !rd_db_exec (self->db, pragma, error) ||
      !rd_db_exec (self->db, "BEGIN IMMEDIATE", error) ||
      !migrate_to_1 (self->db, error) ||
      !rd_aggregates_rebuild_all (self->db, error) ||
      !rd_db_exec (self->db, "PRAGMA user_version = 1", error) ||
      !rd_db_exec (self->db, "COMMIT", error))
    {
      g_clear_pointer (&self->db, sqlite3_close_v2);
      g_unlink (path);
      return NULL;
    }

  return g_steal_pointer (&self);
}

typedef struct
{
  const char *company_name;
} CreateData;

static gboolean
create_fill (RdWorkspace  *self,
             gpointer      user_data,
             GError      **error)
{
  CreateData *data = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = rd_db_prepare (self->db, "INSERT INTO settings (id, company_name) VALUES (1, ?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, data->company_name, -1, SQLITE_TRANSIENT);
  if (!rd_db_step_done (stmt, error))
    return FALSE;

  return rd_defaults_install (self, error);
}

/**
 * rd_workspace_create:
 *
 * Creates a new workspace at @path (which must not exist) with mode 0600 and
 * the default definitions: stages, forecast categories, handoffs, glossary.
 */
RdWorkspace *
rd_workspace_create (const char  *path,
                     const char  *company_name,
                     GError     **error)
{
  g_autoptr(RdWorkspace) self = NULL;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (company_name != NULL, NULL);

  trimmed = g_strstrip (g_strdup (company_name));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                           _("The company name is empty."));
      return NULL;
    }

  self = _rd_workspace_create_empty (path, error);
  if (self == NULL)
    return NULL;

  if (!rd_workspace_write (self, "created", create_fill, &(CreateData) { company_name }, error))
    {
      g_clear_pointer (&self->db, sqlite3_close_v2);
      g_unlink (path);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/* ---------------------------------------------------------------- accessors */

sqlite3 *
_rd_workspace_get_db (RdWorkspace *self)
{
  g_return_val_if_fail (RD_IS_WORKSPACE (self), NULL);
  return self->db;
}

const char *
rd_workspace_get_path (RdWorkspace *self)
{
  g_return_val_if_fail (RD_IS_WORKSPACE (self), NULL);
  return self->path;
}

int
rd_workspace_get_schema_version (RdWorkspace *self)
{
  g_return_val_if_fail (RD_IS_WORKSPACE (self), 0);
  return self->schema_version;
}

static char *
query_setting_text (RdWorkspace *self,
                    const char  *sql)
{
  g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (self->db, sql, NULL);

  if (stmt && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return NULL;
}

char *
rd_workspace_dup_company_name (RdWorkspace *self)
{
  g_return_val_if_fail (RD_IS_WORKSPACE (self), NULL);
  return query_setting_text (self, "SELECT company_name FROM settings WHERE id = 1");
}

char *
rd_workspace_dup_currency (RdWorkspace *self)
{
  char *currency;

  g_return_val_if_fail (RD_IS_WORKSPACE (self), NULL);
  currency = query_setting_text (self, "SELECT currency FROM settings WHERE id = 1");
  return currency ? currency : g_strdup ("USD");
}

gboolean
rd_workspace_is_as_of_pinned (RdWorkspace *self)
{
  g_autofree char *pinned = NULL;

  g_return_val_if_fail (RD_IS_WORKSPACE (self), FALSE);
  pinned = query_setting_text (self, "SELECT as_of_date FROM settings WHERE id = 1");
  return pinned != NULL;
}

/**
 * rd_workspace_dup_as_of:
 *
 * Returns: (transfer full): the pinned as-of date, or today's local date.
 */
GDate *
rd_workspace_dup_as_of (RdWorkspace *self)
{
  g_autofree char *pinned = NULL;
  GDate *date = g_date_new ();

  g_return_val_if_fail (RD_IS_WORKSPACE (self), NULL);

  pinned = query_setting_text (self, "SELECT as_of_date FROM settings WHERE id = 1");
  if (pinned)
    g_date_set_parse (date, pinned);
  if (!g_date_valid (date))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_date_set_dmy (date, g_date_time_get_day_of_month (now),
                      g_date_time_get_month (now), g_date_time_get_year (now));
    }
  return date;
}

gint64
rd_workspace_count_rows (RdWorkspace *self,
                         const char  *table)
{
  const RdTable *t;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (RD_IS_WORKSPACE (self), -1);

  /* Only names from the fixed catalog ever reach the SQL text. */
  t = rd_schema_find_table (table);
  if (t == NULL)
    return -1;
  sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", t->name);
  return rd_db_query_int (self->db, sql, -1);
}

const char *
rd_workspace_get_actor (RdWorkspace *self)
{
  g_return_val_if_fail (RD_IS_WORKSPACE (self), NULL);
  return self->actor;
}

void
rd_workspace_set_actor (RdWorkspace *self,
                        const char  *actor)
{
  g_return_if_fail (RD_IS_WORKSPACE (self));
  g_free (self->actor);
  self->actor = g_strdup (actor);
}

void
_rd_workspace_set_audit (RdWorkspace *self,
                         gboolean     enabled)
{
  self->audit_enabled = !!enabled;
}

gboolean
_rd_workspace_exec (RdWorkspace  *self,
                    const char   *sql,
                    GError      **error)
{
  return rd_db_exec (self->db, sql, error);
}

gboolean
_rd_workspace_add_note (RdWorkspace  *self,
                        const char   *at,
                        const char   *note,
                        GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = rd_db_prepare (self->db,
                        "INSERT INTO audit_log (at, actor, table_name, action, after_json) "
                        "VALUES (ifnull(?3, strftime('%Y-%m-%d %H:%M:%S', 'now')), ?1, 'workspace', 'note', json_object('note', ?2))",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->actor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, note, -1, SQLITE_TRANSIENT);
  if (at)
    sqlite3_bind_text (stmt, 3, at, -1, SQLITE_TRANSIENT);
  return rd_db_step_done (stmt, error);
}

void
_rd_workspace_emit_changed (RdWorkspace *self,
                            const char  *what)
{
  g_signal_emit (self, signals[CHANGED], g_quark_from_string (what), what);
}

/* ------------------------------------------------------------------ writes */

/**
 * rd_workspace_write:
 * @what: what the write changes, passed on in #RdWorkspace::changed
 *
 * Runs @func inside one immediate transaction: either all of its changes are
 * committed, or none. Every row it touches is written to the audit log.
 */
gboolean
rd_workspace_write (RdWorkspace  *self,
                    const char   *what,
                    RdWriteFunc   func,
                    gpointer      user_data,
                    GError      **error)
{
  g_return_val_if_fail (RD_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!rd_db_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!func (self, user_data, error))
    {
      rd_db_exec (self->db, "ROLLBACK", NULL);
      return FALSE;
    }

  if (!rd_aggregates_refresh (self->db, error) ||
      !rd_db_exec (self->db, "COMMIT", error))
    {
      rd_db_exec (self->db, "ROLLBACK", NULL);
      return FALSE;
    }

  _rd_workspace_emit_changed (self, what ? what : "records");
  return TRUE;
}

/* The full check, for `revdeck-cli info --check`: reads every page. */
gboolean
rd_workspace_check_integrity (RdWorkspace  *self,
                              GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *result;

  g_return_val_if_fail (RD_IS_WORKSPACE (self), FALSE);

  stmt = rd_db_prepare (self->db, "PRAGMA integrity_check(1)", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      rd_db_set_error (self->db, error, _("The integrity check failed"));
      return FALSE;
    }
  result = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (result, "ok") != 0)
    {
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_DAMAGED,
                   _("The workspace is damaged: %s"), result);
      return FALSE;
    }
  if (rd_db_query_int (self->db, "SELECT count(*) FROM pragma_foreign_key_check", 1) != 0)
    {
      g_set_error_literal (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_DAMAGED,
                           _("The workspace is damaged: some records refer to records that do not exist."));
      return FALSE;
    }
  return TRUE;
}

/**
 * rd_workspace_save_copy:
 *
 * Writes a consistent copy of the workspace to @dest_path (which must not
 * exist) with mode 0600. The open workspace stays the one in use.
 */
gboolean
rd_workspace_save_copy (RdWorkspace  *self,
                        const char   *dest_path,
                        GError      **error)
{
  g_return_val_if_fail (RD_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  return copy_database (self->db, dest_path, error);
}

/* ------------------------------------------------------------ derived data */

/* Current stage, status and exit times follow from the histories. Bulk loads
 * call this once at the end, then rebuild the aggregates; a single edit
 * touches only its own record. Rows already right are left alone, so the
 * aggregates' triggers see only real changes. */
gboolean
rd_workspace_refresh_derived (RdWorkspace  *self,
                              GError      **error)
{
  static const char sql[] =
    "WITH nx AS (SELECT id, lead (entered_at) OVER (PARTITION BY opportunity_id ORDER BY entered_at, id) AS next_at"
    "            FROM opportunity_stage_history)"
    "UPDATE opportunity_stage_history SET exited_at = nx.next_at"
    "  FROM nx WHERE nx.id = opportunity_stage_history.id AND exited_at IS NOT nx.next_at;"
    "WITH cur AS (SELECT h.opportunity_id, h.stage_id, h.entered_at,"
    "                    CASE WHEN s.is_won THEN 'won' WHEN s.is_lost THEN 'lost' ELSE 'open' END AS st"
    "             FROM opportunity_stage_history h JOIN stages s ON s.id = h.stage_id"
    "             WHERE h.exited_at IS NULL)"
    "UPDATE opportunities SET stage_id = cur.stage_id, stage_entered_at = cur.entered_at, status = cur.st"
    "  FROM cur WHERE cur.opportunity_id = opportunities.id"
    "   AND (opportunities.stage_id IS NOT cur.stage_id OR opportunities.stage_entered_at IS NOT cur.entered_at"
    "        OR opportunities.status IS NOT cur.st);"
    "WITH lc AS (SELECT o.id, max(o.created_at, ifnull(o.stage_entered_at, ''),"
    "              ifnull((SELECT max(changed_at) FROM close_date_changes c WHERE c.opportunity_id = o.id), ''),"
    "              ifnull((SELECT max(changed_at) FROM amount_changes a WHERE a.opportunity_id = o.id), '')) AS at"
    "            FROM opportunities o)"
    "UPDATE opportunities SET last_change_at = lc.at"
    "  FROM lc WHERE lc.id = opportunities.id AND last_change_at IS NOT lc.at;"
    "WITH cur AS (SELECT lead_id, stage_id, entered_at,"
    "                    row_number () OVER (PARTITION BY lead_id ORDER BY entered_at DESC, id DESC) AS rn"
    "             FROM lead_stage_events)"
    "UPDATE leads SET stage_id = cur.stage_id, stage_entered_at = cur.entered_at"
    "  FROM cur WHERE cur.lead_id = leads.id AND cur.rn = 1"
    "   AND (leads.stage_id IS NOT cur.stage_id OR leads.stage_entered_at IS NOT cur.entered_at);"
    "UPDATE leads SET stage_id = NULL, stage_entered_at = NULL"
    "  WHERE stage_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM lead_stage_events e WHERE e.lead_id = leads.id);";

  g_return_val_if_fail (RD_IS_WORKSPACE (self), FALSE);
  return rd_db_exec (self->db, sql, error);
}
