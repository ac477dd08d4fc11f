/* rd-overview-page.h — the headline figures
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RD_TYPE_OVERVIEW_PAGE (rd_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (RdOverviewPage, rd_overview_page, RD, OVERVIEW_PAGE, GtkWidget)

G_END_DECLS
