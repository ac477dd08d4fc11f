/* revdeck-cli.c — Revdeck without a display
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exit status: 0 success, 1 refused input (bad file, bad data), 2 usage.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>

#include "rd-cli.h"

typedef struct
{
  const char *name;
  const char *args;
  const char *summary;
  int (*run) (int argc, char **argv);
} Command;

static const Command commands[] = {
  { "demo",   N_("FILE [--scale N] [--seed S]"), N_("Create the demo company workspace"), rd_cli_demo },
  { "export", N_("FILE [--out ws.json]"),        N_("Write the whole workspace as JSON"), rd_cli_export },
  { "import", N_("ws.json FILE"),                N_("Create a workspace from a JSON export"), rd_cli_import },
  { "info",   N_("FILE [--check]"),              N_("Show version, counts per table and as-of date"), rd_cli_info },
  { "metrics", N_("FILE [filters]"),             N_("Print the metric pack as JSON"), rd_cli_metrics },
  { "drill",  N_("FILE METRIC-ID [--bucket K]"), N_("Print the records behind a metric as CSV"), rd_cli_drill },
  { "bench",  N_("FILE [--repeat N]"),           N_("Time every metric group and compare with naive SQL"), rd_cli_bench },
  { "render", N_("FILE --view V --out X.png"),   N_("Draw a view to PNG, SVG or PDF (--view all: a PDF deck)"), rd_cli_render },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: revdeck-cli COMMAND [ARGUMENTS…]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-7s %-28s %s\n", commands[i].name, _(commands[i].args), _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “revdeck-cli COMMAND --help” for a command’s options."));
}

int
rd_cli_usage_error (const char *command,
                    const char *message)
{
  g_printerr ("revdeck-cli %s: %s\n", command, message);
  g_printerr (_("Run “revdeck-cli %s --help” for usage.\n"), command);
  return RD_CLI_EXIT_USAGE;
}

int
rd_cli_refused (const char *command,
                GError     *error)
{
  g_printerr ("revdeck-cli %s: %s\n", command, error->message);
  return RD_CLI_EXIT_REFUSED;
}

/* Parses options for one command; returns -1 to go on or an exit status. */
int
rd_cli_parse (const char    *command,
              const char    *args,
              GOptionEntry  *entries,
              int           *argc,
              char        ***argv,
              int            n_positional)
{
  g_autoptr(GOptionContext) context = g_option_context_new (args);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    return rd_cli_usage_error (command, error->message);
  /* (*argv)[0] is the command itself. */
  if (*argc - 1 != n_positional)
    {
      g_autofree char *msg = g_strdup_printf (ngettext ("expected %d argument (%s), got %d",
                                                        "expected %d arguments (%s), got %d",
                                                        n_positional),
                                              n_positional, args, *argc - 1);
      return rd_cli_usage_error (command, msg);
    }
  return -1;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return RD_CLI_EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return 0;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("revdeck-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  g_printerr (_("revdeck-cli: unknown command “%s”\n\n"), argv[1]);
  print_usage (stderr);
  return RD_CLI_EXIT_USAGE;
}
