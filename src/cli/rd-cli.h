/* rd-cli.h — the commands of revdeck-cli
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RD_CLI_EXIT_REFUSED 1
#define RD_CLI_EXIT_USAGE   2

int rd_cli_usage_error (const char    *command,
                        const char    *message);
int rd_cli_refused     (const char    *command,
                        GError        *error);
int rd_cli_parse       (const char    *command,
                        const char    *args,
                        GOptionEntry  *entries,
                        int           *argc,
                        char        ***argv,
                        int            n_positional);

int rd_cli_demo        (int argc, char **argv);
int rd_cli_export      (int argc, char **argv);
int rd_cli_import      (int argc, char **argv);
int rd_cli_info        (int argc, char **argv);
int rd_cli_metrics     (int argc, char **argv);
int rd_cli_drill       (int argc, char **argv);
int rd_cli_bench       (int argc, char **argv);

G_END_DECLS
