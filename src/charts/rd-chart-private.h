/* rd-chart-private.h — what the renderers share: the layout builder
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rd-chart.h"

G_BEGIN_DECLS

/* Spacing in logical px. Generous margins are part of the look. */
#define RD_CHART_MARGIN   16.0
#define RD_CHART_GAP       8.0
#define RD_CHART_MINUS    "\342\210\222"   /* U+2212 */
#define RD_CHART_DASH     "\342\200\224"   /* U+2014, undefined values */

struct _RdChartLayout
{
  double  width;
  double  height;
  GArray *prims;          /* RdChartPrim */
  GArray *hits;           /* RdChartHit, reading order */
  char   *title;
  char   *empty_reason;
};

typedef struct
{
  double x, y, w, h;
} RdRect;

/* Used while a renderer builds its layout. */
typedef struct
{
  RdChartLayout      *layout;
  const RdChartTheme *theme;
  PangoContext       *pango;
  PangoContext       *owned_pango;
  double              scale;   /* text scale (shrinks on crowded small charts) */
} RdChartBuilder;

RdChartLayout *_rd_chart_layout_new      (double              width,
                                          double              height);

void          rd_chart_builder_init      (RdChartBuilder     *b,
                                          double              width,
                                          double              height,
                                          const RdChartTheme *theme,
                                          PangoContext       *pango);
/* Returns the finished layout and clears the builder. */
RdChartLayout *rd_chart_builder_finish   (RdChartBuilder     *b);

RdChartPrim  *rd_chart_add_rect          (RdChartBuilder     *b,
                                          RdChartInk          ink,
                                          double              x,
                                          double              y,
                                          double              w,
                                          double              h);
RdChartPrim  *rd_chart_add_frame         (RdChartBuilder     *b,
                                          RdChartInk          ink,
                                          double              x,
                                          double              y,
                                          double              w,
                                          double              h);
RdChartPrim  *rd_chart_add_line          (RdChartBuilder     *b,
                                          RdChartInk          ink,
                                          double              x1,
                                          double              y1,
                                          double              x2,
                                          double              y2,
                                          double              line_width,
                                          gboolean            dashed);
RdChartPrim  *rd_chart_add_dot           (RdChartBuilder     *b,
                                          RdChartInk          ink,
                                          double              x,
                                          double              y,
                                          double              radius,
                                          gboolean            ring);
/* Takes ownership of @points (2 × n doubles). */
RdChartPrim  *rd_chart_add_polyline      (RdChartBuilder     *b,
                                          RdChartInk          ink,
                                          double             *points,
                                          guint               n_points,
                                          double              line_width);

/* A horizontal line from @x1 to @x2 at @y, broken where it would cross a
 * text already in the layout (a gap of a few px each side), so that
 * target lines never run through labels. */
void          rd_chart_add_hline_around_text (RdChartBuilder *b,
                                          RdChartInk          ink,
                                          double              x1,
                                          double              x2,
                                          double              y,
                                          double              line_width,
                                          gboolean            dashed);

/* Measures @text without adding it. */
void          rd_chart_measure_text      (RdChartBuilder     *b,
                                          const char         *text,
                                          RdTextRole          role,
                                          double             *w,
                                          double             *h);
/* Adds a text ellipsised to @max_w (0: no limit) with its logical box
 * top-left at (x, y). @align: 0 left, 0.5 centre, 1 right of x. */
RdChartPrim  *rd_chart_add_text          (RdChartBuilder     *b,
                                          RdChartInk          ink,
                                          RdTextRole          role,
                                          const char         *text,
                                          double              x,
                                          double              y,
                                          double              max_w,
                                          double              align);
/* Like rd_chart_add_text, wrapping onto at most @max_lines lines of @max_w. */
RdChartPrim  *rd_chart_add_paragraph     (RdChartBuilder     *b,
                                          RdChartInk          ink,
                                          RdTextRole          role,
                                          const char         *text,
                                          double              x,
                                          double              y,
                                          double              max_w,
                                          int                 max_lines,
                                          double              align);
/* Text height of a role, in px. */
double        rd_chart_line_height       (RdChartBuilder     *b,
                                          RdTextRole          role);

RdChartHit   *rd_chart_add_hit           (RdChartBuilder     *b,
                                          double              x,
                                          double              y,
                                          double              w,
                                          double              h,
                                          const char         *metric_id,
                                          const char         *bucket,
                                          const char         *label);

/* Draws the title and footer of @frame, and returns the area left for the
 * chart. */
RdRect        rd_chart_add_frame_text    (RdChartBuilder     *b,
                                          const RdChartFrame *frame);
/* Draws the empty/undefined state: the reason, centred in @area. */
void          rd_chart_add_empty         (RdChartBuilder     *b,
                                          RdRect              area,
                                          const char         *reason);

/* A value axis along one side of @plot: gridlines across the plot and short
 * tick labels. Returns the value→px mapping via @v0/@v1 (the ends of the
 * axis). @vertical: values go up the y axis; else along x. The caller must
 * have reserved room for the labels (rd_chart_axis_label_width). */
typedef struct
{
  double   lo, hi;         /* value range */
  double   p_lo, p_hi;     /* px positions of lo and hi */
  double   ticks[16];
  guint    n_ticks;
} RdAxis;

void          rd_chart_axis_init         (RdAxis             *axis,
                                          double              lo,
                                          double              hi,
                                          guint               max_ticks,
                                          double              p_lo,
                                          double              p_hi);
double        rd_chart_axis_px           (const RdAxis       *axis,
                                          double              value);
double        rd_chart_axis_label_width  (RdChartBuilder     *b,
                                          const RdAxis       *axis,
                                          RdUnit              unit,
                                          const char         *currency);
/* Gridlines + labels. Vertical axis: labels right-aligned left of @plot.x;
 * horizontal: labels centred under @plot. */
void          rd_chart_axis_draw         (RdChartBuilder     *b,
                                          const RdAxis       *axis,
                                          RdRect              plot,
                                          gboolean            vertical,
                                          RdUnit              unit,
                                          const char         *currency);

/* The plot of a chart with a vertical value axis over [lo, hi] (nice
 * ticks), room above for direct value labels and below for one line of
 * category labels; draws the axis. */
RdRect        rd_chart_vertical_plot     (RdChartBuilder     *b,
                                          RdRect              area,
                                          double              lo,
                                          double              hi,
                                          RdUnit              unit,
                                          const char         *currency,
                                          RdAxis             *axis);
/* Whether @area holds a vertical plot of two lines between its value and
 * band labels; if not, draws a message saying so and returns FALSE. */
gboolean      rd_chart_vertical_fits     (RdChartBuilder     *b,
                                          RdRect              area);
/* Category labels under a plot of bands are never dropped: they sit on one
 * line when they all fit their band, else wrap onto two lines when every
 * one fits that way, else alternate between two rows (each then has two
 * bands of width, in the small type when the body type does not fit
 * that, and is ellipsised only if still too wide; the full name stays in
 * the hit label). */
typedef enum
{
  RD_BAND_ONE_LINE,
  RD_BAND_WRAP,
  RD_BAND_STAGGER,
  RD_BAND_STAGGER_SMALL,
  RD_BAND_SKIP,           /* even that does not fit: a time axis labels every k-th
                           * band (rd_chart_add_band_label); others ellipsise */
} RdBandMode;

/* How @n labels found @stride bytes apart fit bands @band px wide. */
RdBandMode    rd_chart_band_mode         (RdChartBuilder     *b,
                                          const char * const *first,
                                          guint               n,
                                          gsize               stride,
                                          double              band);
/* Like rd_chart_vertical_plot, keeping the room below for two lines of
 * band labels when @mode needs them. Only with @may_skip is @mode ever
 * RD_BAND_SKIP (else RD_BAND_STAGGER_SMALL, ellipsised). */
RdRect        rd_chart_vertical_plot_for (RdChartBuilder     *b,
                                          RdRect              area,
                                          double              lo,
                                          double              hi,
                                          RdUnit              unit,
                                          const char         *currency,
                                          const char * const *labels,
                                          guint               n,
                                          gsize               stride,
                                          gboolean            may_skip,
                                          RdBandMode         *mode,
                                          RdAxis             *axis);
/* The label of band @i of @n under @plot, placed as @mode says. */
void          rd_chart_add_band_label_mode (RdChartBuilder   *b,
                                          RdRect              plot,
                                          guint               n,
                                          guint               i,
                                          const char         *text,
                                          RdBandMode          mode);
/* The label of band @i of @n under @plot. @widest is the widest of all
 * the band labels (rd_chart_widest_label): when they do not fit side by
 * side only every k-th band is labelled, so that the labels drawn are
 * whole; one that is still too wide is ellipsised. */
void          rd_chart_add_band_label    (RdChartBuilder     *b,
                                          RdRect              plot,
                                          guint               n,
                                          guint               i,
                                          const char         *text,
                                          double              widest);
/* The widest of @n labels found @stride bytes apart, starting at @first. */
double        rd_chart_widest_label      (RdChartBuilder     *b,
                                          const char * const *first,
                                          guint               n,
                                          gsize               stride,
                                          RdTextRole          role);

/* The key of a target line above a plot ("- - Target: $1.2M"); returns the
 * height it used. */
double        rd_chart_add_target_key    (RdChartBuilder     *b,
                                          RdRect              area,
                                          const char         *name,
                                          double              target,
                                          RdUnit              unit,
                                          const char         *currency);
/* The key of dashed reference lines ("- - Stage limit"); returns the
 * height it used. */
double        rd_chart_add_line_key      (RdChartBuilder     *b,
                                          RdRect              area,
                                          const char         *text);
/* The widest short label of @n values found @stride bytes apart. */
double        rd_chart_widest_value      (RdChartBuilder     *b,
                                          const double       *values,
                                          guint               n,
                                          gsize               stride,
                                          RdUnit              unit,
                                          const char         *currency);

/* A compact trend line in @box: scaled to its own range, gaps at NaN, the
 * last point marked. */
void          rd_chart_add_sparkline     (RdChartBuilder     *b,
                                          RdRect              box,
                                          const double       *values,
                                          guint               n,
                                          RdChartInk          ink);

gboolean      rd_chart_value_defined     (double              value);

G_END_DECLS
