/* rd-application.h — the Revdeck application
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RD_TYPE_APPLICATION (rd_application_get_type ())
G_DECLARE_FINAL_TYPE (RdApplication, rd_application, RD, APPLICATION, AdwApplication)

RdApplication *rd_application_new            (void);
void           rd_application_set_start_time (RdApplication  *self,
                                              gint64          monotonic_us);
char          *rd_application_dup_demo_path  (void);
char          *rd_application_ensure_demo    (GError        **error);

G_END_DECLS
