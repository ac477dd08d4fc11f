/* rd-filter-bar.h — period, segment, region, owner, source and as-of, shared by every view
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rd-filter.h"

G_BEGIN_DECLS

#define RD_TYPE_FILTER_BAR (rd_filter_bar_get_type ())
G_DECLARE_FINAL_TYPE (RdFilterBar, rd_filter_bar, RD, FILTER_BAR, GtkWidget)

/* Fills the choices from @workspace and selects "everything" for the
 * current period of @period_kind ("quarter", "month" or "all"). Emits no
 * "changed". */
void        rd_filter_bar_set_workspace  (RdFilterBar  *self,
                                          RdWorkspace  *workspace,
                                          const char   *period_kind);
/* Builds the filter the bar shows. */
RdFilter   *rd_filter_bar_resolve        (RdFilterBar  *self,
                                          RdWorkspace  *workspace,
                                          GError      **error);
/* "period" (a key: "2026-Q3", "2026-07", "all"), "segment", "region",
 * "owner" or "source" (a name; NULL for everything). Emits "changed" when
 * the selection moves. Returns FALSE for a value not on offer. */
gboolean    rd_filter_bar_select         (RdFilterBar  *self,
                                          const char   *what,
                                          const char   *value);
/* "YYYY-MM-DD", or NULL for the workspace's own date. */
void        rd_filter_bar_set_as_of      (RdFilterBar  *self,
                                          const char   *as_of);
const char *rd_filter_bar_get_period_kind (RdFilterBar *self);
/* The removable chips, one per filter away from its default. */
guint       rd_filter_bar_get_n_chips    (RdFilterBar  *self);
GtkWidget  *rd_filter_bar_get_chip       (RdFilterBar  *self,
                                          guint         index);

G_END_DECLS
