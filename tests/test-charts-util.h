/* test-charts-util.h — checks every chart layout must pass
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rd-chart.h"

G_BEGIN_DECLS

/* The sizes every renderer is checked at: a window, a big screen, a tile,
 * then two common window sizes. */
typedef struct
{
  double width, height;
} RdTestSize;

extern const RdTestSize rd_test_chart_sizes[5];

PangoContext *rd_test_chart_pango        (void);
/* setlocale, g_test_init, a light theme and a Pango context. */
void          rd_test_chart_init         (int                 *argc,
                                          char              ***argv,
                                          RdChartTheme        *theme,
                                          PangoContext       **pango);

typedef RdChartLayout *(*RdTestRender) (gconstpointer data,
                                        double        width,
                                        double        height);
/* Lays @data out at each of rd_test_chart_sizes, checks every layout and,
 * when @text is not NULL, that it is drawn (an empty state's reason). */
void          rd_test_chart_check_sizes  (RdTestRender         render,
                                          gconstpointer        data,
                                          const char          *text);
/* Asserts that texts, marks and hit regions lie inside the layout and that
 * no two texts overlap. */
void          rd_test_chart_check_layout (const RdChartLayout *layout);
/* Number of prims of @kind drawn in @ink, and the n-th of them. */
guint         rd_test_chart_count        (const RdChartLayout *layout,
                                          RdPrimKind           kind,
                                          RdChartInk           ink);
const RdChartPrim *rd_test_chart_nth     (const RdChartLayout *layout,
                                          RdPrimKind           kind,
                                          RdChartInk           ink,
                                          guint                n);
/* The text prim whose text is @text, or NULL. */
const RdChartPrim *rd_test_chart_find_text (const RdChartLayout *layout,
                                            const char          *text);
/* Asserts that @text is drawn whole: a text prim of it, not ellipsised. */
void          rd_test_chart_assert_whole (const RdChartLayout *layout,
                                          const char          *text);
/* Asserts that @text is drawn, whole or abbreviated to no less than half
 * its width (in narrow charts with large type). */
void          rd_test_chart_assert_shown (const RdChartLayout *layout,
                                          const char          *text);
/* Asserts that no line drawn in @ink runs through a text. */
void          rd_test_chart_assert_lines_clear (const RdChartLayout *layout,
                                                RdChartInk           ink);
/* The hit under (x, y), asserting there is one. */
const RdChartHit *rd_test_chart_hit_at   (const RdChartLayout *layout,
                                          double               x,
                                          double               y);

G_END_DECLS
