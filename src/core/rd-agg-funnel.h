/* rd-agg-funnel.h — the summary tables the funnel metrics read
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rd-aggregates.h"

G_BEGIN_DECLS

/* agg_lead_reach: one row per time a lead reached a lifecycle stage. */
extern const RdAggregate rd_agg_lead_reach;

G_END_DECLS
