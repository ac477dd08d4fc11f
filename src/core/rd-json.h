/* rd-json.h — the workspace as one JSON document
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rd-workspace.h"

G_BEGIN_DECLS

#define RD_JSON_FORMAT "revdeck-workspace"

/* Writes every table, rows in id order, one row per line. The output is
 * deterministic: export → import → export gives identical bytes. */
gboolean     rd_json_export (RdWorkspace    *workspace,
                             GOutputStream  *out,
                             GError        **error);

/* Creates @dest_path (which must not exist) from @json_path. Any problem
 * (syntax, type, missing reference, duplicate id, broken rule) is reported
 * with its line and JSON path, and then no file is left behind. */
RdWorkspace *rd_json_import (const char     *json_path,
                             const char     *dest_path,
                             GError        **error);

G_END_DECLS
