/* rd-coverage-page.h — pipeline coverage, this quarter and next
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RD_TYPE_COVERAGE_PAGE (rd_coverage_page_get_type ())
G_DECLARE_FINAL_TYPE (RdCoveragePage, rd_coverage_page, RD, COVERAGE_PAGE, GtkWidget)

G_END_DECLS
