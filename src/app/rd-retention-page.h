/* rd-retention-page.h — recurring revenue and renewals
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RD_TYPE_RETENTION_PAGE (rd_retention_page_get_type ())
G_DECLARE_FINAL_TYPE (RdRetentionPage, rd_retention_page, RD, RETENTION_PAGE, GtkWidget)

G_END_DECLS
