/* rd-test-util.h — small helpers shared by the tests
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "rd-metrics.h"
#include "rd-workspace.h"

G_BEGIN_DECLS

char        *rd_test_tmpdir          (void);
void         rd_test_rmdir           (const char *dir);
RdWorkspace *rd_test_create          (const char *path);
char        *rd_test_file_checksum   (const char *path);
/* The metric with @id and @bucket; the test stops when the pack has none. */
const RdMetric *rd_test_metric       (const RdMetricPack *pack,
                                      const char *id,
                                      const char *bucket);
/* Its value; the test stops when it is undefined. */
double       rd_test_value           (const RdMetricPack *pack,
                                      const char *id,
                                      const char *bucket);
/* The metric is undefined with a non-empty reason that contains
 * @reason_part (when not NULL). */
void         rd_test_assert_undefined (const RdMetricPack *pack,
                                       const char *id,
                                       const char *bucket,
                                       const char *reason_part);
void         rd_test_exec            (sqlite3    *db,
                                      const char *sql);
/* Both packs have the same metrics in the same order, each equally defined,
 * with the same value (within 1e-9) and reason; @what names them on failure. */
void         rd_test_assert_same_packs (const RdMetricPack *a,
                                        const RdMetricPack *b,
                                        const char         *what);
void         rd_test_set_header_u32  (const char *path,
                                      goffset     offset,
                                      guint32     value);

G_END_DECLS
