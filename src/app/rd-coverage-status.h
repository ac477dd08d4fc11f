/* rd-coverage-status.h — on track, watch or off track, for coverage
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rd-figure-tile.h"
#include "rd-summary.h"

G_BEGIN_DECLS

RdFigureStatus rd_coverage_status (const RdCoverageQuarterFigures  *quarter,
                                   const char                     **word);

G_END_DECLS
