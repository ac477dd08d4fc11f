/* rd-json.c — JSON export and import of a whole workspace
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document is {"format", "schema_version", "tables": {name: [rows]}} with
 * the tables in dependency order and one row object per line. Both directions
 * walk the column catalog of rd-schema.c, so a new column needs no code here.
 * Derived columns (current stage and the like) are left out and recomputed.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "rd-aggregates.h"
#include "rd-json.h"
#include "rd-schema.h"
#include "rd-workspace-private.h"

/* ------------------------------------------------------------------ export */

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) valid; *p; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20 || *p == 0x7f)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

/* The shortest decimal that reads back as the same double. */
static void
append_json_double (GString *out,
                    double   value)
{
  char buf[64];

  /* g_ascii_formatd always writes a dot, whatever the locale. */
  for (int precision = 1; precision <= 17; precision++)
    {
      char fmt[8];
      g_snprintf (fmt, sizeof fmt, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, fmt, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (out, buf);
  if (strpbrk (buf, ".eEn") == NULL)
    g_string_append (out, ".0");
}

/* Normalises a stored JSON array to the compact form import writes back. */
static gboolean
append_json_array_text (GString     *out,
                        const char  *text,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *compact = NULL;

  if (!json_parser_load_from_data (parser, text, -1, error))
    return FALSE;
  generator = json_generator_new ();
  json_generator_set_root (generator, json_parser_get_root (parser));
  compact = json_generator_to_data (generator, NULL);
  g_string_append (out, compact);
  return TRUE;
}

static char *
select_sql_for (const RdTable *table)
{
  GString *sql = g_string_new ("SELECT ");
  gboolean first = TRUE;

  for (guint c = 0; c < table->n_columns; c++)
    {
      if (table->columns[c].flags & RD_COL_DERIVED)
        continue;
      g_string_append_printf (sql, "%s\"%s\"", first ? "" : ", ", table->columns[c].name);
      first = FALSE;
    }
  g_string_append_printf (sql, " FROM \"%s\" ORDER BY id", table->name);
  return g_string_free (sql, FALSE);
}

static gboolean
append_row (GString        *out,
            const RdTable  *table,
            sqlite3_stmt   *stmt,
            GError        **error)
{
  int i = 0;

  g_string_append_c (out, '{');
  for (guint c = 0; c < table->n_columns; c++)
    {
      const RdColumn *col = &table->columns[c];

      if (col->flags & RD_COL_DERIVED)
        continue;
      if (i > 0)
        g_string_append_c (out, ',');
      append_json_string (out, col->name);
      g_string_append_c (out, ':');

      if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
        g_string_append (out, "null");
      else
        switch (col->type)
          {
          case RD_COL_INT:
          case RD_COL_MONEY:
            g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, i));
            break;
          case RD_COL_REAL:
            append_json_double (out, sqlite3_column_double (stmt, i));
            break;
          case RD_COL_BOOL:
            g_string_append (out, sqlite3_column_int (stmt, i) ? "true" : "false");
            break;
          case RD_COL_JSON:
            if (!append_json_array_text (out, (const char *) sqlite3_column_text (stmt, i), error))
              return FALSE;
            break;
          case RD_COL_TEXT:
          case RD_COL_DATE:
          case RD_COL_TIME:
          case RD_COL_MONTH:
          case RD_COL_PERIOD:
          default:
            append_json_string (out, (const char *) sqlite3_column_text (stmt, i));
            break;
          }
      i++;
    }
  g_string_append_c (out, '}');
  return TRUE;
}

static gboolean
flush (GOutputStream  *out,
       GString        *buf,
       GError        **error)
{
  gboolean ok = g_output_stream_write_all (out, buf->str, buf->len, NULL, NULL, error);
  g_string_truncate (buf, 0);
  return ok;
}

gboolean
rd_json_export (RdWorkspace    *workspace,
                GOutputStream  *out,
                GError        **error)
{
  sqlite3 *db = _rd_workspace_get_db (workspace);
  g_autoptr(GString) buf = g_string_sized_new (1 << 16);
  guint n_tables;
  const RdTable *tables = rd_schema_tables (&n_tables);
  gboolean ok = TRUE;

  /* One read transaction gives a consistent picture of every table. */
  if (!rd_db_exec (db, "BEGIN", error))
    return FALSE;

  g_string_append_printf (buf, "{\n\"format\":\"%s\",\n\"schema_version\":%d,\n\"tables\":{\n",
                          RD_JSON_FORMAT, rd_workspace_get_schema_version (workspace));

  for (guint t = 0; ok && t < n_tables; t++)
    {
      g_autofree char *sql = select_sql_for (&tables[t]);
      g_autoptr(sqlite3_stmt) stmt = rd_db_prepare (db, sql, error);
      gboolean first = TRUE;
      int rc;

      if (stmt == NULL)
        {
          ok = FALSE;
          break;
        }

      g_string_append_printf (buf, "%s\"%s\":[", t ? ",\n" : "", tables[t].name);
      while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_string_append (buf, first ? "\n" : ",\n");
          first = FALSE;
          ok = append_row (buf, &tables[t], stmt, error);
          if (ok && buf->len > (1 << 16))
            ok = flush (out, buf, error);
        }
      if (ok && rc != SQLITE_DONE)
        {
          rd_db_set_error (db, error, NULL);
          ok = FALSE;
        }
      g_string_append (buf, first ? "]" : "\n]");
    }

  g_string_append (buf, "\n}\n}\n");
  if (ok)
    ok = flush (out, buf, error);

  rd_db_exec (db, "COMMIT", NULL);
  return ok;
}

/* ------------------------------------------------------------------ import */

typedef struct
{
  GHashTable *lines;     /* JsonArray* -> GArray of guint line numbers */
  JsonParser *parser;
} LineMap;

static void
array_element_cb (JsonParser *parser,
                  JsonArray  *array,
                  int         index,
                  LineMap    *map)
{
  GArray *lines = g_hash_table_lookup (map->lines, array);
  guint line = json_parser_get_current_line (parser);

  if (lines == NULL)
    {
      lines = g_array_new (FALSE, TRUE, sizeof (guint));
      g_hash_table_insert (map->lines, array, lines);
    }
  if ((guint) index >= lines->len)
    g_array_set_size (lines, index + 1);
  g_array_index (lines, guint, index) = line;
}

typedef struct
{
  RdWorkspace *ws;
  JsonObject  *tables;
  LineMap     *map;
  GHashTable  *ids;      /* table name -> GHashTable of ids (as pointers) */
} ImportCtx;

G_GNUC_PRINTF (4, 5)
static void
set_row_error (GError     **error,
               guint        line,
               const char  *path,
               const char  *format,
               ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);

  if (line > 0)
    g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                 _("Line %u, %s: %s"), line, path, msg);
  else
    g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID, "%s: %s", path, msg);
}

static gboolean
matches_pattern (const char *s,
                 const char *pattern)   /* '9' any digit, other chars literal */
{
  if (strlen (s) != strlen (pattern))
    return FALSE;
  for (; *pattern; s++, pattern++)
    if (*pattern == '9' ? !g_ascii_isdigit (*s) : *s != *pattern)
      return FALSE;
  return TRUE;
}

static gboolean
valid_date (const char *s)
{
  int y, m, d;

  if (!matches_pattern (s, "9999-99-99") || sscanf (s, "%d-%d-%d", &y, &m, &d) != 3)
    return FALSE;
  return g_date_valid_dmy (d, m, y);
}

static gboolean
valid_time (const char *s)
{
  g_autofree char *date = NULL;
  int h, mi, sec;

  if (!matches_pattern (s, "9999-99-99 99:99:99"))
    return FALSE;
  date = g_strndup (s, 10);
  return valid_date (date) && sscanf (s + 11, "%d:%d:%d", &h, &mi, &sec) == 3 &&
         h < 24 && mi < 60 && sec < 60;
}

static gboolean
valid_month (const char *s)
{
  return matches_pattern (s, "9999-99") && strcmp (s + 5, "01") >= 0 && strcmp (s + 5, "12") <= 0;
}

static gboolean
valid_period (const char *s)
{
  return valid_month (s) ||
         (matches_pattern (s, "9999-Q9") && s[6] >= '1' && s[6] <= '4');
}

static const char *
type_word (RdColType type)
{
  switch (type)
    {
    case RD_COL_INT:    return _("a whole number");
    case RD_COL_REAL:   return _("a number");
    case RD_COL_BOOL:   return _("true or false");
    case RD_COL_TEXT:   return _("text");
    case RD_COL_MONEY:  return _("a whole number of cents");
    case RD_COL_DATE:   return _("a date like \"2026-09-30\"");
    case RD_COL_TIME:   return _("a time like \"2026-09-30 14:05:00\"");
    case RD_COL_MONTH:  return _("a month like \"2026-09\"");
    case RD_COL_PERIOD: return _("a period like \"2026-Q3\" or \"2026-09\"");
    case RD_COL_JSON:   return _("a list of field names");
    default:            return "?";
    }
}

static const char *
json_kind (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT: return "an object";
    case JSON_NODE_ARRAY:  return "a list";
    case JSON_NODE_NULL:   return "null";
    case JSON_NODE_VALUE:
    default:
      {
        GType t = json_node_get_value_type (node);
        if (t == G_TYPE_STRING) return "text";
        if (t == G_TYPE_BOOLEAN) return "true/false";
        if (t == G_TYPE_DOUBLE) return "a decimal number";
        return "a number";
      }
    }
}

/* Checks one value against its column and binds it to parameter @param. */
static gboolean
bind_value (sqlite3_stmt    *stmt,
            int              param,
            const RdColumn  *col,
            JsonNode        *node,
            ImportCtx       *ctx,
            guint            line,
            const char      *path,
            GError         **error)
{
  GType vt;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!(col->flags & RD_COL_NULLABLE))
        {
          set_row_error (error, line, path, node ? _("must not be null") : _("is missing"));
          return FALSE;
        }
      sqlite3_bind_null (stmt, param);
      return TRUE;
    }

  if (col->type == RD_COL_JSON)
    {
      g_autoptr(JsonGenerator) generator = NULL;
      g_autofree char *text = NULL;
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        goto wrong_type;
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
            goto wrong_type;
        }
      generator = json_generator_new ();
      json_generator_set_root (generator, node);
      text = json_generator_to_data (generator, NULL);
      sqlite3_bind_text (stmt, param, text, -1, SQLITE_TRANSIENT);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node))
    goto wrong_type;
  vt = json_node_get_value_type (node);

  switch (col->type)
    {
    case RD_COL_INT:
    case RD_COL_MONEY:
      if (vt != G_TYPE_INT64)
        goto wrong_type;
      if (col->ref_table)
        {
          GHashTable *ids = g_hash_table_lookup (ctx->ids, col->ref_table);
          gint64 ref = json_node_get_int (node);
          if (ids == NULL || !g_hash_table_contains (ids, GSIZE_TO_POINTER ((gsize) ref)))
            {
              set_row_error (error, line, path, _("refers to %s id %" G_GINT64_FORMAT ", which does not exist"),
                             col->ref_table, ref);
              return FALSE;
            }
        }
      sqlite3_bind_int64 (stmt, param, json_node_get_int (node));
      return TRUE;

    case RD_COL_REAL:
      if (vt != G_TYPE_INT64 && vt != G_TYPE_DOUBLE)
        goto wrong_type;
      sqlite3_bind_double (stmt, param, json_node_get_double (node));
      return TRUE;

    case RD_COL_BOOL:
      if (vt != G_TYPE_BOOLEAN)
        goto wrong_type;
      sqlite3_bind_int (stmt, param, json_node_get_boolean (node));
      return TRUE;

    case RD_COL_TEXT:
    case RD_COL_DATE:
    case RD_COL_TIME:
    case RD_COL_MONTH:
    case RD_COL_PERIOD:
      {
        const char *s;

        if (vt != G_TYPE_STRING)
          goto wrong_type;
        s = json_node_get_string (node);
        if ((col->type == RD_COL_DATE && !valid_date (s)) ||
            (col->type == RD_COL_TIME && !valid_time (s)) ||
            (col->type == RD_COL_MONTH && !valid_month (s)) ||
            (col->type == RD_COL_PERIOD && !valid_period (s)))
          {
            set_row_error (error, line, path, _("“%s” is not %s"), s, type_word (col->type));
            return FALSE;
          }
        sqlite3_bind_text (stmt, param, s, -1, SQLITE_TRANSIENT);
        return TRUE;
      }

    case RD_COL_JSON:
    default:
      break;
    }

wrong_type:
  set_row_error (error, line, path, _("expected %s, found %s"), type_word (col->type), json_kind (node));
  return FALSE;
}

static char *
insert_sql_for (const RdTable *table)
{
  GString *sql = g_string_new (NULL);
  GString *params = g_string_new (NULL);
  int n = 0;

  g_string_append_printf (sql, "INSERT INTO \"%s\" (", table->name);
  for (guint c = 0; c < table->n_columns; c++)
    {
      if (table->columns[c].flags & RD_COL_DERIVED)
        continue;
      g_string_append_printf (sql, "%s\"%s\"", n ? ", " : "", table->columns[c].name);
      g_string_append_printf (params, "%s?%d", n ? ", " : "", n + 1);
      n++;
    }
  g_string_append_printf (sql, ") VALUES (%s)", params->str);
  g_string_free (params, TRUE);
  return g_string_free (sql, FALSE);
}

static gboolean
import_table (ImportCtx      *ctx,
              const RdTable  *table,
              GError        **error)
{
  sqlite3 *db = _rd_workspace_get_db (ctx->ws);
  g_autofree char *sql = insert_sql_for (table);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *table_path = g_strdup_printf ("$.tables.%s", table->name);
  GHashTable *ids;
  JsonNode *node;
  JsonArray *rows;
  GArray *lines;

  ids = g_hash_table_new (NULL, NULL);
  g_hash_table_insert (ctx->ids, (gpointer) table->name, ids);

  node = json_object_get_member (ctx->tables, table->name);
  if (node == NULL)
    {
      if (g_str_equal (table->name, "settings"))
        {
          set_row_error (error, 0, table_path, _("is missing; a workspace needs its settings"));
          return FALSE;
        }
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_row_error (error, 0, table_path, _("expected a list of rows, found %s"), json_kind (node));
      return FALSE;
    }

  rows = json_node_get_array (node);
  lines = g_hash_table_lookup (ctx->map->lines, rows);
  stmt = rd_db_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;

  for (guint r = 0; r < json_array_get_length (rows); r++)
    {
      JsonNode *row_node = json_array_get_element (rows, r);
      g_autofree char *row_path = g_strdup_printf ("%s[%u]", table_path, r);
      guint line = lines && r < lines->len ? g_array_index (lines, guint, r) : 0;
      JsonObject *row;
      JsonNode *id_node;
      gint64 id;
      int param = 0;

      if (!JSON_NODE_HOLDS_OBJECT (row_node))
        {
          set_row_error (error, line, row_path, _("expected a row object, found %s"), json_kind (row_node));
          return FALSE;
        }
      row = json_node_get_object (row_node);

      /* Unknown fields are refused rather than silently dropped. */
      {
        g_autoptr(GList) members = json_object_get_members (row);
        for (GList *l = members; l; l = l->next)
          {
            gboolean known = FALSE;
            for (guint c = 0; c < table->n_columns && !known; c++)
              known = !(table->columns[c].flags & RD_COL_DERIVED) &&
                      g_str_equal (table->columns[c].name, l->data);
            if (!known)
              {
                set_row_error (error, line, row_path, _("unknown field “%s”"), (const char *) l->data);
                return FALSE;
              }
          }
      }

      id_node = json_object_get_member (row, "id");
      if (id_node == NULL || !JSON_NODE_HOLDS_VALUE (id_node) ||
          json_node_get_value_type (id_node) != G_TYPE_INT64 || json_node_get_int (id_node) < 1)
        {
          g_autofree char *p = g_strdup_printf ("%s.id", row_path);
          set_row_error (error, line, p, _("every row needs a positive whole-number id"));
          return FALSE;
        }
      id = json_node_get_int (id_node);
      if (g_hash_table_contains (ids, GSIZE_TO_POINTER ((gsize) id)))
        {
          g_autofree char *p = g_strdup_printf ("%s.id", row_path);
          set_row_error (error, line, p, _("id %" G_GINT64_FORMAT " appears twice in %s"), id, table->name);
          return FALSE;
        }
      /* Rows may refer to earlier rows of their own table (none do today),
       * but never to later ones: ids are added once the row is in. */

      for (guint c = 0; c < table->n_columns; c++)
        {
          const RdColumn *col = &table->columns[c];
          g_autofree char *p = NULL;

          if (col->flags & RD_COL_DERIVED)
            continue;
          p = g_strdup_printf ("%s.%s", row_path, col->name);
          if (!bind_value (stmt, ++param, col, json_object_get_member (row, col->name), ctx, line, p, error))
            return FALSE;
        }

      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          set_row_error (error, line, row_path, _("breaks a rule of the workspace (%s)"), sqlite3_errmsg (db));
          sqlite3_reset (stmt);
          return FALSE;
        }
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      g_hash_table_add (ids, GSIZE_TO_POINTER ((gsize) id));
    }

  return TRUE;
}

static gboolean
import_all (RdWorkspace  *ws,
            gpointer      user_data,
            GError      **error)
{
  ImportCtx *ctx = user_data;
  guint n_tables;
  const RdTable *tables = rd_schema_tables (&n_tables);

  /* Tables are in dependency order, but checking foreign keys per statement
   * would also refuse legitimate self-consistent data in odd orders. */
  if (!_rd_workspace_exec (ws, "PRAGMA defer_foreign_keys = ON", error))
    return FALSE;

  for (guint t = 0; t < n_tables; t++)
    if (!import_table (ctx, &tables[t], error))
      return FALSE;

  return rd_workspace_refresh_derived (ws, error) &&
         rd_aggregates_rebuild_all (_rd_workspace_get_db (ws), error);
}

static gboolean
check_document (JsonNode     *root,
                JsonObject  **tables_out,
                GError      **error)
{
  JsonObject *obj;
  JsonNode *node;
  guint n_tables;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      set_row_error (error, 0, "$", _("expected an object, found %s"), json_kind (root));
      return FALSE;
    }
  obj = json_node_get_object (root);

  node = json_object_get_member (obj, "format");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      g_strcmp0 (json_node_get_string (node), RD_JSON_FORMAT) != 0)
    {
      set_row_error (error, 0, "$.format", _("must be \"%s\"; this is not a Revdeck workspace export"),
                     RD_JSON_FORMAT);
      return FALSE;
    }

  node = json_object_get_member (obj, "schema_version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      set_row_error (error, 0, "$.schema_version", _("expected a whole number"));
      return FALSE;
    }
  if (json_node_get_int (node) != RD_SCHEMA_VERSION)
    {
      set_row_error (error, 0, "$.schema_version",
                     _("version %" G_GINT64_FORMAT " is not one this Revdeck reads (it reads version %d)"),
                     json_node_get_int (node), RD_SCHEMA_VERSION);
      return FALSE;
    }

  node = json_object_get_member (obj, "tables");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      set_row_error (error, 0, "$.tables", _("expected an object holding the tables"));
      return FALSE;
    }
  *tables_out = json_node_get_object (node);

  {
    g_autoptr(GList) members = json_object_get_members (*tables_out);
    rd_schema_tables (&n_tables);
    for (GList *l = members; l; l = l->next)
      if (rd_schema_find_table (l->data) == NULL)
        {
          set_row_error (error, 0, "$.tables", _("unknown table “%s”"), (const char *) l->data);
          return FALSE;
        }
  }
  return TRUE;
}

RdWorkspace *
rd_json_import (const char  *json_path,
                const char  *dest_path,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GHashTable) lines = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                     (GDestroyNotify) g_hash_table_unref);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *part = NULL;
  g_autofree char *json_name = g_filename_display_basename (json_path);
  RdWorkspace *ws;
  LineMap map = { lines, parser };
  ImportCtx ctx = { NULL, NULL, &map, ids };
  gboolean ok;

  g_return_val_if_fail (json_path != NULL, NULL);
  g_return_val_if_fail (dest_path != NULL, NULL);

  if (g_file_test (dest_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *name = g_filename_display_basename (dest_path);
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_EXISTS,
                   _("“%s” already exists; Revdeck does not overwrite a file."), name);
      return NULL;
    }

  g_signal_connect (parser, "array-element", G_CALLBACK (array_element_cb), &map);
  if (!json_parser_load_from_mapped_file (parser, json_path, &local_error))
    {
      /* json-glib puts "line:column" of the problem in its message. */
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                   _("“%s” is not valid JSON: %s"), json_name, local_error->message);
      return NULL;
    }

  if (!check_document (json_parser_get_root (parser), &ctx.tables, error))
    {
      g_prefix_error (error, _("“%s”: "), json_name);
      return NULL;
    }

  /* Build under a temporary name, then move it into place: a refused
   * import leaves nothing behind. */
  part = g_strdup_printf ("%s.part", dest_path);
  g_unlink (part);
  ws = _rd_workspace_create_empty (part, error);
  if (ws == NULL)
    return NULL;

  ctx.ws = ws;
  _rd_workspace_set_audit (ws, FALSE);
  ok = rd_workspace_write (ws, "imported", import_all, &ctx, &local_error);
  g_object_unref (ws);

  if (!ok)
    {
      g_unlink (part);
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                   _("“%s” was not imported. %s"), json_name, local_error->message);
      return NULL;
    }

  if (g_rename (part, dest_path) != 0)
    {
      int saved = errno;
      g_unlink (part);
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_IO,
                   _("Cannot move the imported workspace into place: %s"), g_strerror (saved));
      return NULL;
    }

  return rd_workspace_open (dest_path, error);
}
