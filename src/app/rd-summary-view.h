/* rd-summary-view.h — a view that shows part of an RdSummary
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rd-summary.h"

G_BEGIN_DECLS

#define RD_TYPE_SUMMARY_VIEW (rd_summary_view_get_type ())
G_DECLARE_INTERFACE (RdSummaryView, rd_summary_view, RD, SUMMARY_VIEW, GtkWidget)

struct _RdSummaryViewInterface
{
  GTypeInterface parent_iface;

  /* The view copies what it shows: it keeps no pointer into @summary.
   * NULL clears the view. */
  void (*set_summary) (RdSummaryView   *self,
                       const RdSummary *summary);
};

void rd_summary_view_set_summary (RdSummaryView   *self,
                                  const RdSummary *summary);

G_END_DECLS
