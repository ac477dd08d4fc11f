/* rd-test-deals.h — small hand-built workspaces of deals for the metric tests
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "rd-workspace.h"

G_BEGIN_DECLS

typedef struct
{
  char        *dir;
  RdWorkspace *ws;
  sqlite3     *db;
  gint64       account;
  gint64       ava, ben, cy;
  gint64       smb, mid, ent;
  gint64       emea, apac;
} RdTestDeals;

typedef struct
{
  const char *created;
  const char *close;
  gint64      cents;
  gint64      segment;
  gint64      owner;
  gint64      region;
} RdTestDealArgs;

/* Looks up the id a name has; the test stops when there is none. */
gint64       rd_test_deals_lookup  (RdTestDeals          *fx,
                                    const char           *sql,
                                    const char           *name);
gint64       rd_test_deals_person  (RdTestDeals          *fx,
                                    const char           *name);
/* A fresh workspace with the default definitions, as-of pinned, three
 * people (Ava, Ben, Cy) and one account. */
RdTestDeals *rd_test_deals_new     (const char           *as_of);
void         rd_test_deals_free    (RdTestDeals          *fx);
/* Adds a deal with its stage history: @hist is stage name, entered_at, …, NULL. */
gint64       rd_test_deals_add     (RdTestDeals          *fx,
                                    const RdTestDealArgs *a,
                                    const char          **hist);
void         rd_test_deals_refresh (RdTestDeals          *fx);

#define RD_TEST_STAGE(fx, n)    rd_test_deals_lookup (fx, "SELECT id FROM stages WHERE kind = 'deal' AND name = ?1", n)
#define RD_TEST_CATEGORY(fx, n) rd_test_deals_lookup (fx, "SELECT id FROM forecast_categories WHERE name = ?1", n)
#define RD_TEST_HIST(...) ((const char *[]) { __VA_ARGS__, NULL })

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdTestDeals, rd_test_deals_free)

G_END_DECLS
