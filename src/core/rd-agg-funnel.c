/* rd-agg-funnel.c — the summary tables the funnel metrics read (rd-aggregates.h)
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rd-agg-funnel.h"

/* agg_lead_reach: one row per time a lead reached a lifecycle stage — each
 * entry (skipped = 0), and the moment it passed a stage it skipped
 * (skipped = 1: its first entry into any later stage, when it had no entry
 * for the stage at or before then) — with the lead's previous reach of the
 * same stage (prev_reached_at), its first lifecycle event (first_at) and
 * its filter columns. A row depends only on events at or before its own
 * time, so the table answers for any as-of date:
 *   period mode: the leads reaching S in [a, b] are the rows of S in
 *     [a, b] whose previous reach lies before a (one row per lead);
 *   cohort mode: the rows of S without a previous reach (the first), with
 *     first_at in the window and reached by as-of.
 * Events' leads are kept in agg_lead_reach_dirty by triggers; refresh
 * recomputes those leads (a change of the lifecycle stages, marked -1,
 * recomputes every lead). */
#define REACH_INSERT(EVENTS) \
  "INSERT INTO agg_lead_reach (lead_id, stage_id, reached_at, prev_reached_at, first_at, skipped," \
  "  segment_id, region_id, owner_id, channel_id)" \
  " WITH st (id, k) AS (SELECT id, row_number () OVER (ORDER BY position, id) - 1 FROM stages" \
  "   WHERE kind = 'lifecycle')," \
  " ev AS (SELECT e.lead_id, st.id AS stage_id, st.k, e.entered_at FROM " EVENTS " CROSS JOIN st ON st.id = e.stage_id)," \
  " lf AS (SELECT lead_id, k, stage_id, min (entered_at) AS first_t, count(*) AS n FROM ev GROUP BY lead_id, k)," \
  /* Per stage the lead entered: nsfx, its first entry into any later \
   * stage (when that comes before first_t, the stage was passed then); \
   * pk, the previous stage it entered; first_at, its first event. */ \
  " sx AS (SELECT lead_id, k, stage_id, first_t, n," \
  "   min (first_t) OVER (w ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS nsfx," \
  "   ifnull (lag (k) OVER w, -1) AS pk," \
  "   min (first_t) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS first_at" \
  "   FROM lf WINDOW w AS (PARTITION BY lead_id ORDER BY k))," \
  " rr AS (SELECT lead_id, stage_id, first_t AS reached_at, CASE WHEN nsfx < first_t THEN nsfx END AS prev," \
  "     first_at, 0 AS skipped FROM sx WHERE n = 1" \
  /* Re-entries: the previous entry (or the pass) comes before. */ \
  "   UNION ALL SELECT ev.lead_id, ev.stage_id, ev.entered_at," \
  "     coalesce (lag (ev.entered_at) OVER (PARTITION BY ev.lead_id, ev.k ORDER BY ev.entered_at)," \
  "               CASE WHEN sx.nsfx < sx.first_t THEN sx.nsfx END), sx.first_at, 0" \
  "     FROM sx JOIN ev ON ev.lead_id = sx.lead_id AND ev.k = sx.k WHERE sx.n > 1" \
  /* Passed before its own first entry … */ \
  "   UNION ALL SELECT lead_id, stage_id, nsfx, NULL, first_at, 1 FROM sx WHERE nsfx < first_t" \
  /* … or never entered: the stages between pk and k, passed at the \
   * first entry into k or a later stage. */ \
  "   UNION ALL SELECT sx.lead_id, st.id, min (sx.first_t, ifnull (sx.nsfx, sx.first_t)), NULL, sx.first_at, 1" \
  "     FROM sx JOIN st ON st.k > sx.pk AND st.k < sx.k)" \
  " SELECT rr.lead_id, rr.stage_id, rr.reached_at, rr.prev, rr.first_at, rr.skipped," \
  "  l.segment_id, l.region_id, l.owner_id, l.channel_id" \
  " FROM rr JOIN leads l ON l.id = rr.lead_id;"

const RdAggregate rd_agg_lead_reach = {
  "lead_reach", 5,
  "CREATE TABLE agg_lead_reach (lead_id INTEGER NOT NULL, stage_id INTEGER NOT NULL, reached_at TEXT NOT NULL,"
  "  prev_reached_at TEXT, first_at TEXT NOT NULL, skipped INTEGER NOT NULL,"
  "  segment_id INTEGER, region_id INTEGER, owner_id INTEGER, channel_id INTEGER);"
  "CREATE TABLE agg_lead_reach_dirty (lead_id INTEGER PRIMARY KEY);"
  "CREATE TRIGGER agg_lead_reach_ev_ins AFTER INSERT ON lead_stage_events BEGIN"
  "  INSERT OR IGNORE INTO agg_lead_reach_dirty VALUES (NEW.lead_id); END;"
  "CREATE TRIGGER agg_lead_reach_ev_del AFTER DELETE ON lead_stage_events BEGIN"
  "  INSERT OR IGNORE INTO agg_lead_reach_dirty VALUES (OLD.lead_id); END;"
  "CREATE TRIGGER agg_lead_reach_ev_upd AFTER UPDATE OF lead_id, stage_id, entered_at ON lead_stage_events BEGIN"
  "  INSERT OR IGNORE INTO agg_lead_reach_dirty VALUES (OLD.lead_id), (NEW.lead_id); END;"
  "CREATE TRIGGER agg_lead_reach_lead_upd AFTER UPDATE OF id, segment_id, region_id, owner_id, channel_id ON leads"
  "  BEGIN INSERT OR IGNORE INTO agg_lead_reach_dirty VALUES (OLD.id), (NEW.id); END;"
  "CREATE TRIGGER agg_lead_reach_lead_del AFTER DELETE ON leads BEGIN"
  "  INSERT OR IGNORE INTO agg_lead_reach_dirty VALUES (OLD.id); END;"
  "CREATE TRIGGER agg_lead_reach_stage_ins AFTER INSERT ON stages BEGIN"
  "  INSERT OR IGNORE INTO agg_lead_reach_dirty VALUES (-1); END;"
  "CREATE TRIGGER agg_lead_reach_stage_del AFTER DELETE ON stages BEGIN"
  "  INSERT OR IGNORE INTO agg_lead_reach_dirty VALUES (-1); END;"
  "CREATE TRIGGER agg_lead_reach_stage_upd AFTER UPDATE OF id, kind, position ON stages BEGIN"
  "  INSERT OR IGNORE INTO agg_lead_reach_dirty VALUES (-1); END;",
  /* The indexes are made once the table is full (rebuild always follows
   * create). */
  REACH_INSERT ("lead_stage_events e")
  "CREATE INDEX agg_lead_reach_by_lead ON agg_lead_reach (lead_id);"
  "CREATE INDEX agg_lead_reach_period ON agg_lead_reach"
  "  (stage_id, reached_at, prev_reached_at, segment_id, region_id, owner_id, channel_id, lead_id);"
  /* prev_reached_at is listed so that the cohort count reads only the index. */
  "CREATE INDEX agg_lead_reach_cohort ON agg_lead_reach"
  "  (stage_id, first_at, reached_at, prev_reached_at, segment_id, region_id, owner_id, channel_id, lead_id)"
  "  WHERE prev_reached_at IS NULL;",
  /* Joins start from the dirty keys (CROSS JOIN keeps that order), so a
   * write costs what it touched; the mark -1 brings in every lead. */
  "INSERT OR IGNORE INTO agg_lead_reach_dirty (lead_id) SELECT l.id FROM agg_lead_reach_dirty m"
  "  CROSS JOIN leads l WHERE m.lead_id = -1;"
  "DELETE FROM agg_lead_reach WHERE lead_id IN (SELECT lead_id FROM agg_lead_reach_dirty);"
  REACH_INSERT ("agg_lead_reach_dirty d CROSS JOIN lead_stage_events e ON e.lead_id = d.lead_id")
  "DELETE FROM agg_lead_reach_dirty;",
};
