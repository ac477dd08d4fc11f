/* rd-cli-workspace.c — demo, export, import and info
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "rd-cli.h"
#include "rd-demo.h"
#include "rd-json.h"
#include "rd-schema.h"
#include "rd-workspace.h"

int
rd_cli_demo (int    argc,
             char **argv)
{
  g_autoptr(RdWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *scale = NULL;
  g_autofree char *seed = NULL;
  RdDemoOptions options = { RD_DEMO_DEFAULT_SEED, RD_DEMO_DEFAULT_OPPORTUNITIES };
  GOptionEntry entries[] = {
    { "scale", 0, 0, G_OPTION_ARG_STRING, &scale, N_("Number of opportunities (default 1500)"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, N_("Random seed (default 1)"), "S" },
    { NULL }
  };
  guint64 value;
  gint64 start;
  int rc;

  if ((rc = rd_cli_parse ("demo", "FILE", entries, &argc, &argv, 1)) >= 0)
    return rc;

  if (scale)
    {
      if (!g_ascii_string_to_unsigned (scale, 10, 1, 10000000, &value, NULL))
        return rd_cli_usage_error ("demo", _("--scale must be a whole number from 1 to 10000000"));
      options.n_opportunities = value;
    }
  if (seed)
    {
      if (!g_ascii_string_to_unsigned (seed, 10, 0, G_MAXUINT64, &value, NULL))
        return rd_cli_usage_error ("demo", _("--seed must be a whole number of 0 or more"));
      options.seed = value;
    }

  start = g_get_monotonic_time ();
  ws = rd_demo_create (argv[1], &options, &error);
  if (ws == NULL)
    return rd_cli_refused ("demo", error);

  g_print (_("Created %s: %" G_GINT64_FORMAT " opportunities, %" G_GINT64_FORMAT " leads, %"
             G_GINT64_FORMAT " accounts in %.2f s\n"),
           rd_workspace_get_path (ws),
           rd_workspace_count_rows (ws, "opportunities"),
           rd_workspace_count_rows (ws, "leads"),
           rd_workspace_count_rows (ws, "accounts"),
           (g_get_monotonic_time () - start) / 1e6);
  return 0;
}

/* Writes to a temporary file beside @path and renames it into place, so a
 * failed export never leaves half a file under the real name. */
static gboolean
export_to_file (RdWorkspace  *ws,
                const char   *path,
                GError      **error)
{
  g_autofree char *tmp = g_strdup_printf ("%s.XXXXXX", path);
  g_autoptr(GOutputStream) out = NULL;
  int fd;

  fd = g_mkstemp_full (tmp, O_WRONLY, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  out = g_unix_output_stream_new (fd, TRUE);
  if (!rd_json_export (ws, out, error) ||
      !g_output_stream_close (out, NULL, error) ||
      g_rename (tmp, path) != 0)
    {
      if (error && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"),
                     path, g_strerror (errno));
      g_unlink (tmp);
      return FALSE;
    }
  return TRUE;
}

int
rd_cli_export (int    argc,
               char **argv)
{
  g_autoptr(RdWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out_path = NULL;
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, N_("Write to this file instead of standard output"), "FILE" },
    { NULL }
  };
  int rc;

  if ((rc = rd_cli_parse ("export", "FILE", entries, &argc, &argv, 1)) >= 0)
    return rc;

  ws = rd_workspace_open (argv[1], &error);
  if (ws == NULL)
    return rd_cli_refused ("export", error);

  if (out_path)
    {
      if (!export_to_file (ws, out_path, &error))
        return rd_cli_refused ("export", error);
    }
  else
    {
      g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
      if (!rd_json_export (ws, out, &error))
        return rd_cli_refused ("export", error);
    }
  return 0;
}

int
rd_cli_import (int    argc,
               char **argv)
{
  g_autoptr(RdWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = { { NULL } };
  int rc;

  if ((rc = rd_cli_parse ("import", "ws.json FILE", entries, &argc, &argv, 2)) >= 0)
    return rc;

  ws = rd_json_import (argv[1], argv[2], &error);
  if (ws == NULL)
    return rd_cli_refused ("import", error);

  g_print (_("Created %s from %s: %" G_GINT64_FORMAT " opportunities, %" G_GINT64_FORMAT " accounts\n"),
           rd_workspace_get_path (ws), argv[1],
           rd_workspace_count_rows (ws, "opportunities"),
           rd_workspace_count_rows (ws, "accounts"));
  return 0;
}

int
rd_cli_info (int    argc,
             char **argv)
{
  g_autoptr(RdWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *company = NULL;
  g_autofree char *currency = NULL;
  g_autoptr(GDate) as_of = NULL;
  gboolean check = FALSE;
  GOptionEntry entries[] = {
    { "check", 0, 0, G_OPTION_ARG_NONE, &check, N_("Also read every page and check integrity"), NULL },
    { NULL }
  };
  char date[32];
  guint n_tables;
  const RdTable *tables = rd_schema_tables (&n_tables);
  GStatBuf st;
  int rc;

  if ((rc = rd_cli_parse ("info", "FILE", entries, &argc, &argv, 1)) >= 0)
    return rc;

  ws = rd_workspace_open (argv[1], &error);
  if (ws == NULL)
    return rd_cli_refused ("info", error);

  company = rd_workspace_dup_company_name (ws);
  currency = rd_workspace_dup_currency (ws);
  as_of = rd_workspace_dup_as_of (ws);
  g_date_strftime (date, sizeof date, "%Y-%m-%d", as_of);

  g_print ("%-22s %s\n", _("Workspace:"), rd_workspace_get_path (ws));
  g_print ("%-22s %s\n", _("Company:"), company);
  g_print ("%-22s %d\n", _("Schema version:"), rd_workspace_get_schema_version (ws));
  g_print ("%-22s %s%s\n", _("As of:"), date,
           rd_workspace_is_as_of_pinned (ws) ? _(" (pinned)") : _(" (today)"));
  g_print ("%-22s %s\n", _("Currency:"), currency);
  if (g_stat (rd_workspace_get_path (ws), &st) == 0)
    {
      g_autofree char *size = g_format_size (st.st_size);
      g_print ("%-22s %s\n", _("File size:"), size);
    }
  g_print ("%s\n", _("Rows per table:"));
  for (guint i = 0; i < n_tables; i++)
    g_print ("  %-26s %12" G_GINT64_FORMAT "\n", tables[i].name, rd_workspace_count_rows (ws, tables[i].name));

  if (check)
    {
      if (!rd_workspace_check_integrity (ws, &error))
        return rd_cli_refused ("info", error);
      g_print ("%-22s %s\n", _("Integrity:"), _("ok"));
    }
  return 0;
}
