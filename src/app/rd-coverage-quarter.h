/* rd-coverage-quarter.h — coverage of one fiscal quarter
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rd-summary.h"

G_BEGIN_DECLS

#define RD_TYPE_COVERAGE_QUARTER (rd_coverage_quarter_get_type ())
G_DECLARE_FINAL_TYPE (RdCoverageQuarter, rd_coverage_quarter, RD, COVERAGE_QUARTER, GtkWidget)

void rd_coverage_quarter_set_figures (RdCoverageQuarter              *self,
                                      const char                     *heading,
                                      const RdCoverageQuarterFigures *figures,
                                      const char                     *currency);

G_END_DECLS
