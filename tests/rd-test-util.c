/* rd-test-util.c — small helpers shared by the tests
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gstdio.h>

#include <string.h>

#include "rd-test-util.h"
#include "rd-workspace-private.h"

char *
rd_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("revdeck-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes the files of a test directory (no subdirectories are made). */
void
rd_test_rmdir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

RdWorkspace *
rd_test_create (const char *path)
{
  g_autoptr(GError) error = NULL;
  RdWorkspace *ws = rd_workspace_create (path, "Test Company", &error);

  g_assert_no_error (error);
  g_assert_nonnull (ws);
  return ws;
}

char *
rd_test_file_checksum (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return g_strdup ("missing");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

void
rd_test_set_header_u32 (const char *path,
                        goffset     offset,
                        guint32     value)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (len, >, offset + 4);
  data[offset] = (value >> 24) & 0xff;
  data[offset + 1] = (value >> 16) & 0xff;
  data[offset + 2] = (value >> 8) & 0xff;
  data[offset + 3] = value & 0xff;
  g_assert_true (g_file_set_contents (path, data, len, NULL));
}

/* Runs SQL that the test needs to succeed; stops the test with the SQL and
 * SQLite's message otherwise. */
void
rd_test_exec (sqlite3    *db,
              const char *sql)
{
  g_autoptr(GError) error = NULL;

  if (!rd_db_exec (db, sql, &error))
    g_error ("%s: %s", sql, error->message);
}

void
rd_test_assert_same_packs (const RdMetricPack *a,
                           const RdMetricPack *b,
                           const char         *what)
{
  g_assert_cmpuint (a->metrics->len, ==, b->metrics->len);
  for (guint i = 0; i < a->metrics->len; i++)
    {
      const RdMetric *x = g_ptr_array_index (a->metrics, i);
      const RdMetric *y = g_ptr_array_index (b->metrics, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->bucket, ==, y->bucket);
      g_assert_cmpint (x->defined, ==, y->defined);
      g_assert_cmpstr (x->reason, ==, y->reason);
      if (x->defined && ABS (x->value - y->value) > 1e-9)
        g_error ("%s: %s / %s is %g, then %g", what, x->id, x->bucket ? x->bucket : "", x->value, y->value);
    }
}

const RdMetric *
rd_test_metric (const RdMetricPack *pack,
                const char         *id,
                const char         *bucket)
{
  const RdMetric *m = rd_metric_pack_find (pack, id, bucket);

  if (m == NULL)
    g_error ("no metric %s / %s", id, bucket ? bucket : "(none)");
  g_assert_nonnull (m->label);
  g_assert_nonnull (m->formula);
  return m;
}

double
rd_test_value (const RdMetricPack *pack,
               const char         *id,
               const char         *bucket)
{
  const RdMetric *m = rd_test_metric (pack, id, bucket);

  if (!m->defined)
    g_error ("%s / %s is undefined: %s", id, bucket ? bucket : "", m->reason);
  return m->value;
}

void
rd_test_assert_undefined (const RdMetricPack *pack,
                          const char         *id,
                          const char         *bucket,
                          const char         *reason_part)
{
  const RdMetric *m = rd_test_metric (pack, id, bucket);

  if (m->defined)
    g_error ("%s / %s: expected undefined, got %g", id, bucket ? bucket : "", m->value);
  g_assert_nonnull (m->reason);
  g_assert_cmpstr (m->reason, !=, "");
  if (reason_part && strstr (m->reason, reason_part) == NULL)
    g_error ("%s / %s: reason “%s” does not mention “%s”", id, bucket ? bucket : "", m->reason, reason_part);
}
