/* rd-demo.h — the built-in demo company
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rd-workspace.h"

G_BEGIN_DECLS

#define RD_DEMO_DEFAULT_SEED          1
#define RD_DEMO_DEFAULT_OPPORTUNITIES 1500
#define RD_DEMO_AS_OF                 "2026-09-30"

typedef struct
{
  guint64 seed;             /* the same seed always gives the same file contents */
  guint   n_opportunities;  /* 0 means RD_DEMO_DEFAULT_OPPORTUNITIES */
} RdDemoOptions;

/* Creates @path (which must not exist) holding the demo company. */
RdWorkspace *rd_demo_create (const char           *path,
                             const RdDemoOptions  *options,
                             GError              **error);

G_END_DECLS
