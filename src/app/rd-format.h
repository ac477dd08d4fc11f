/* rd-format.h — how figures are written for people
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rd-summary.h"

G_BEGIN_DECLS

char *rd_format_count         (gint64                 n);
char *rd_format_money_short   (gint64                 cents,
                               const char            *currency);
char *rd_format_money_exact   (gint64                 cents,
                               const char            *currency);
char *rd_format_percent       (RdRatio                ratio);
char *rd_format_multiple      (RdRatio                ratio);
char *rd_format_days          (double                 days);
char *rd_format_date          (const GDate           *date);
char *rd_format_month         (const char            *month);
char *rd_format_date_range    (const GDate           *first,
                               const GDate           *last);
char *rd_format_quarter       (const RdFiscalQuarter *quarter);

G_END_DECLS
