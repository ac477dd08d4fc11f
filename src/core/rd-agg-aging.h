/* rd-agg-aging.h — the summary tables the aging metrics read
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rd-aggregates.h"

G_BEGIN_DECLS

/* agg_aging_days: ended visits per stage, exit day, segment, region and days. */
extern const RdAggregate rd_agg_aging_days;
/* agg_aging_slips: deals whose close date was moved later, with their status. */
extern const RdAggregate rd_agg_aging_slips;
/* The open deals by close date (an index only). */
extern const RdAggregate rd_agg_aging_stale;
/* The open deals by stage with their filter columns (an index only). */
extern const RdAggregate rd_agg_aging_open;

G_END_DECLS
