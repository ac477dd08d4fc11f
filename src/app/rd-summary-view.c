/* rd-summary-view.c — a view that shows part of an RdSummary
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-summary-view.h"

G_DEFINE_INTERFACE (RdSummaryView, rd_summary_view, GTK_TYPE_WIDGET)

static void
rd_summary_view_default_init (RdSummaryViewInterface *iface)
{
}

/**
 * rd_summary_view_set_summary:
 * @summary: (nullable): the figures to show; the view keeps no pointer into it
 *
 * Shows @summary. Views copy what they display into their widgets.
 */
void
rd_summary_view_set_summary (RdSummaryView   *self,
                             const RdSummary *summary)
{
  g_return_if_fail (RD_IS_SUMMARY_VIEW (self));

  RD_SUMMARY_VIEW_GET_IFACE (self)->set_summary (self, summary);
}
