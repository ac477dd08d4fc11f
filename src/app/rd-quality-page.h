/* rd-quality-page.h — records that need fixing
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RD_TYPE_QUALITY_PAGE (rd_quality_page_get_type ())
G_DECLARE_FINAL_TYPE (RdQualityPage, rd_quality_page, RD, QUALITY_PAGE, GtkWidget)

G_END_DECLS
