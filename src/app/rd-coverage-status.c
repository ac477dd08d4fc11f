/* rd-coverage-status.c — on track, watch or off track, for coverage
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same rule colours the Overview tile and the Coverage page, so they
 * never disagree. Watch starts at two thirds of the target.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-coverage-status.h"

RdFigureStatus
rd_coverage_status (const RdCoverageQuarterFigures  *quarter,
                    const char                     **word)
{
  if (quarter->quota_met)
    {
      *word = _("Quota met");
      return RD_FIGURE_STATUS_GOOD;
    }
  if (!quarter->coverage.defined)
    {
      *word = NULL;
      return RD_FIGURE_STATUS_NONE;
    }
  if (quarter->coverage.value >= quarter->target)
    {
      *word = _("On track");
      return RD_FIGURE_STATUS_GOOD;
    }
  if (quarter->coverage.value >= quarter->target * 2.0 / 3.0)
    {
      *word = _("Watch");
      return RD_FIGURE_STATUS_WATCH;
    }
  *word = _("Off track");
  return RD_FIGURE_STATUS_BAD;
}
