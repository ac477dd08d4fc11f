/* rd-aging-page.h — how long open deals sit in each stage
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RD_TYPE_AGING_PAGE (rd_aging_page_get_type ())
G_DECLARE_FINAL_TYPE (RdAgingPage, rd_aging_page, RD, AGING_PAGE, GtkWidget)

G_END_DECLS
