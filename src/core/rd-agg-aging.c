/* rd-agg-aging.c — the summary tables the aging metrics read (rd-aggregates.h)
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rd-agg-aging.h"

/* agg_aging_days: the visits that ended, counted per stage, day of exit,
 * segment, region and whole days in the stage: historical time in stage
 * without an owner or source filter. A visit's days and its exit depend
 * only on entries up to its exit, so the table answers for any as-of date.
 * Triggers mark the (stage, exit day) keys a change touches; refresh
 * recounts those days through the index on exits, which the record query
 * of the visits also uses. */
#define DAYS_INSERT(FROM, WHERE) \
  "INSERT INTO agg_aging_days (stage_id, exit_day, segment_id, region_id, days, n)" \
  " SELECT h.stage_id, substr (h.exited_at, 1, 10), o.segment_id, o.region_id," \
  "  (unixepoch (h.exited_at) - unixepoch (h.entered_at)) / 86400, count(*)" \
  " FROM " FROM " JOIN opportunities o ON o.id = h.opportunity_id WHERE " WHERE \
  " GROUP BY 1, 2, 3, 4, 5;"

#define DAYS_MARK(ROW) \
  "INSERT OR IGNORE INTO agg_aging_days_dirty SELECT " ROW ".stage_id, substr (" ROW ".exited_at, 1, 10)" \
  " WHERE " ROW ".exited_at IS NOT NULL;"

#define DAYS_MARK_DEAL(ROW) \
  "INSERT OR IGNORE INTO agg_aging_days_dirty SELECT h.stage_id, substr (h.exited_at, 1, 10)" \
  " FROM opportunity_stage_history h WHERE h.opportunity_id = " ROW ".id AND h.exited_at IS NOT NULL;"

const RdAggregate rd_agg_aging_days = {
  "aging_days", 5,
  "CREATE INDEX agg_aging_days_exit ON opportunity_stage_history (stage_id, exited_at, entered_at)"
  "  WHERE exited_at IS NOT NULL;"
  "CREATE TABLE agg_aging_days (stage_id INTEGER NOT NULL, exit_day TEXT NOT NULL, segment_id INTEGER,"
  "  region_id INTEGER, days INTEGER NOT NULL, n INTEGER NOT NULL);"
  "CREATE TABLE agg_aging_days_dirty (stage_id INTEGER NOT NULL, exit_day TEXT NOT NULL,"
  "  PRIMARY KEY (stage_id, exit_day)) WITHOUT ROWID;"
  "CREATE TRIGGER agg_aging_days_h_ins AFTER INSERT ON opportunity_stage_history BEGIN "
  DAYS_MARK ("NEW") " END;"
  "CREATE TRIGGER agg_aging_days_h_del AFTER DELETE ON opportunity_stage_history BEGIN "
  DAYS_MARK ("OLD") " END;"
  "CREATE TRIGGER agg_aging_days_h_upd AFTER UPDATE OF opportunity_id, stage_id, entered_at, exited_at"
  "  ON opportunity_stage_history BEGIN " DAYS_MARK ("OLD") DAYS_MARK ("NEW") " END;"
  "CREATE TRIGGER agg_aging_days_o_upd AFTER UPDATE OF id, segment_id, region_id ON opportunities BEGIN "
  DAYS_MARK_DEAL ("OLD") DAYS_MARK_DEAL ("NEW") " END;",
  /* The history is read in table order (the partial index on exits would
   * fetch each row at random), and the indexes are made once it is full. */
  DAYS_INSERT ("opportunity_stage_history h NOT INDEXED", "h.exited_at IS NOT NULL")
  "CREATE INDEX agg_aging_days_by_day ON agg_aging_days (exit_day, stage_id, days, segment_id, region_id, n);"
  "CREATE INDEX agg_aging_days_by_key ON agg_aging_days (stage_id, exit_day);",
  /* Joins start from the dirty keys (CROSS JOIN keeps that order). */
  "DELETE FROM agg_aging_days WHERE rowid IN (SELECT a.rowid FROM agg_aging_days_dirty d"
  "  CROSS JOIN agg_aging_days a ON a.stage_id = d.stage_id AND a.exit_day = d.exit_day);"
  DAYS_INSERT ("agg_aging_days_dirty d CROSS JOIN opportunity_stage_history h ON h.stage_id = d.stage_id"
               " AND h.exited_at >= d.exit_day || ' 00:00:00' AND h.exited_at <= d.exit_day || ' 23:59:59'", "1")
  "DELETE FROM agg_aging_days_dirty;",
};

/* agg_aging_slips: one row per deal whose close date was ever moved later,
 * with the first such move and the deal's status and filter columns: the
 * slipped count at the latest as-of date. Triggers recompute a deal's row
 * whenever its close-date changes or the deal itself change. */
#define SLIP_ROW(ID) \
  "DELETE FROM agg_aging_slips WHERE opportunity_id = " ID ";" \
  "INSERT INTO agg_aging_slips SELECT o.id, (SELECT min (c.changed_at) FROM close_date_changes c" \
  "  WHERE c.opportunity_id = o.id AND c.new_date > c.old_date), o.status, o.segment_id, o.region_id," \
  "  o.owner_id, o.channel_id FROM opportunities o WHERE o.id = " ID " AND o.stage_id IS NOT NULL" \
  "  AND EXISTS (SELECT 1 FROM close_date_changes c WHERE c.opportunity_id = o.id AND c.new_date > c.old_date);"

const RdAggregate rd_agg_aging_slips = {
  "aging_slips", 1,
  "CREATE TABLE agg_aging_slips (opportunity_id INTEGER PRIMARY KEY, first_slip_at TEXT NOT NULL,"
  "  status TEXT NOT NULL, segment_id INTEGER, region_id INTEGER, owner_id INTEGER, channel_id INTEGER);"
  "CREATE INDEX agg_aging_slips_by_status ON agg_aging_slips"
  "  (status, first_slip_at, segment_id, region_id, owner_id, channel_id);"
  "CREATE TRIGGER agg_aging_slips_c_ins AFTER INSERT ON close_date_changes BEGIN "
  SLIP_ROW ("NEW.opportunity_id") " END;"
  "CREATE TRIGGER agg_aging_slips_c_del AFTER DELETE ON close_date_changes BEGIN "
  SLIP_ROW ("OLD.opportunity_id") " END;"
  "CREATE TRIGGER agg_aging_slips_c_upd AFTER UPDATE ON close_date_changes BEGIN "
  SLIP_ROW ("OLD.opportunity_id") SLIP_ROW ("NEW.opportunity_id") " END;"
  "CREATE TRIGGER agg_aging_slips_o_ins AFTER INSERT ON opportunities BEGIN " SLIP_ROW ("NEW.id") " END;"
  "CREATE TRIGGER agg_aging_slips_o_del AFTER DELETE ON opportunities BEGIN " SLIP_ROW ("OLD.id") " END;"
  "CREATE TRIGGER agg_aging_slips_o_upd AFTER UPDATE OF id, stage_id, status, segment_id, region_id, owner_id,"
  "  channel_id ON opportunities BEGIN " SLIP_ROW ("OLD.id") SLIP_ROW ("NEW.id") " END;",
  "INSERT INTO agg_aging_slips SELECT c.opportunity_id, min (c.changed_at), o.status, o.segment_id, o.region_id,"
  "  o.owner_id, o.channel_id FROM close_date_changes c JOIN opportunities o ON o.id = c.opportunity_id"
  "  WHERE c.new_date > c.old_date AND o.stage_id IS NOT NULL GROUP BY c.opportunity_id;",
  NULL,
};

/* The open deals by close date, for stale deals. */
const RdAggregate rd_agg_aging_stale = {
  "aging_stale", 1,
  "CREATE INDEX agg_aging_stale ON opportunities (close_date) WHERE status = 'open';",
  NULL,
  NULL,
};

/* The open deals by stage with the columns the open-deal counts filter
 * on, so a filtered count reads only this index. */
const RdAggregate rd_agg_aging_open = {
  "aging_open", 1,
  "CREATE INDEX agg_aging_open ON opportunities (stage_id, stage_entered_at, segment_id, region_id,"
  "  owner_id, channel_id) WHERE status = 'open';",
  NULL,
  NULL,
};
