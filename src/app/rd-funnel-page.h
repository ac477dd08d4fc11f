/* rd-funnel-page.h — the lifecycle funnel
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RD_TYPE_FUNNEL_PAGE (rd_funnel_page_get_type ())
G_DECLARE_FINAL_TYPE (RdFunnelPage, rd_funnel_page, RD, FUNNEL_PAGE, GtkWidget)

G_END_DECLS
