/* rd-aggregates.h — summary tables the metric views read, kept up to date
 * inside every write transaction
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An aggregate is a cache of the records: one or more tables (per stage, per
 * month, per account …) that a metric group reads instead of scanning the
 * histories on every filter change. It is never exported and never edited;
 * it can always be rebuilt from the records, so it is not part of the schema
 * version. Each aggregate carries its own version instead: when this build's
 * definition differs from the one a file was built with, opening the file
 * drops the old aggregate and rebuilds it, in one transaction.
 *
 * Every object an aggregate creates (tables, indexes, triggers) is named
 * "agg_<name>" or "agg_<name>_…", so any older definition can be dropped
 * without knowing it.
 *
 * Keeping it up to date: triggers on the record tables either maintain the
 * aggregate themselves, or record the keys they touch in a dirty table that
 * @refresh_sql (which may use WITH, unlike a trigger) brings up to date and
 * empties; rd_workspace_write() runs every @refresh_sql just before COMMIT.
 * Bulk loads (the demo, a JSON import) write with the triggers off or before
 * they exist, then call rd_aggregates_rebuild_all().
 *
 * Writers must not use REPLACE conflict resolution on record tables: SQLite
 * deletes the old row without running its delete triggers (recursive
 * triggers are off, since aggregate triggers rely on that). Use
 * INSERT … ON CONFLICT … DO UPDATE, which runs the update triggers.
 */
#pragma once

#include <sqlite3.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *name;         /* "mrr_movements": objects are named agg_mrr_movements… */
  int         version;      /* bump whenever any of the SQL below changes */
  const char *create_sql;   /* CREATE TABLE / INDEX / TRIGGER statements */
  const char *rebuild_sql;  /* fills the freshly created, empty tables from the records */
  const char *refresh_sql;  /* NULL, or run before every commit: update dirty keys, empty the dirty table */
} RdAggregate;

/* Every aggregate this build knows, from the metric groups that read them. */
const RdAggregate *const *rd_aggregates_all          (guint     *n_aggregates);

/* At open: drops and rebuilds each aggregate whose version differs from the
 * file's (or that the file lacks). Runs its own transaction when needed. */
gboolean                  rd_aggregates_ensure       (sqlite3   *db,
                                                      GError   **error);
/* Inside the caller's transaction: drops, creates and rebuilds them all. */
gboolean                  rd_aggregates_rebuild_all  (sqlite3   *db,
                                                      GError   **error);
/* Inside the caller's transaction, before COMMIT. */
gboolean                  rd_aggregates_refresh      (sqlite3   *db,
                                                      GError   **error);

G_END_DECLS
