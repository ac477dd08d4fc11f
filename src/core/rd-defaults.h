/* rd-defaults.h — the definitions a new workspace starts with
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rd-workspace.h"

G_BEGIN_DECLS

/* Inserts the default segments, regions, channels, teams, forecast categories,
 * lifecycle and deal stages, handoffs and glossary (version 1 of each term).
 * Call inside a write transaction on a workspace that has its settings row. */
gboolean rd_defaults_install (RdWorkspace  *self,
                              GError      **error);

G_END_DECLS
