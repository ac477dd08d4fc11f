/* rd-format.h — how figures are written for people
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rd-metrics.h"

G_BEGIN_DECLS

char *rd_format_count         (gint64                 n);
char *rd_format_money_short   (gint64                 cents,
                               const char            *currency);
char *rd_format_money_exact   (gint64                 cents,
                               const char            *currency);
char *rd_format_percent       (double                 percent);
char *rd_format_days          (double                 days);
char *rd_format_date          (const GDate           *date);
char *rd_format_month         (const char            *month);
char *rd_format_date_range    (const GDate           *first,
                               const GDate           *last);
char *rd_format_iso_date      (const char            *iso);
char *rd_format_period        (const RdFilter        *filter);
char *rd_format_filter        (const RdFilter        *filter);

/* A metric's value for a tile or a cell ("$1.4M", "27.4%", "—") and exact,
 * for a tooltip ("$1,400,000"). */
char *rd_format_metric        (const RdMetric        *metric,
                               const char            *currency);
char *rd_format_metric_exact  (const RdMetric        *metric,
                               const char            *currency);

G_END_DECLS
