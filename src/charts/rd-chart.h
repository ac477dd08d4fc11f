/* rd-chart.h — the charts library: themes, formatting, layout, paint, hit-testing
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every chart is drawn in two steps:
 *
 *  1. layout: rd_<type>_chart_layout (data, width, height, theme, pango)
 *     turns a plain data struct into an RdChartLayout, a display list of
 *     primitives (rects, lines, dots, polylines, measured texts) plus hit
 *     regions. All the measuring, ticking, ellipsising and collision
 *     avoidance happens here, once per data/size/theme change.
 *  2. paint: rd_chart_layout_paint (layout, cr, theme) replays the list into
 *     any cairo_t (widget, PNG, SVG, PDF). It does no measuring, so it costs
 *     the same whatever the size of the data behind the chart.
 *
 * Units are logical pixels; HiDPI is the caller's cairo device scale.
 *
 * Data structs borrow everything they point to (strings, arrays) and are
 * only read during the layout call; the layout keeps its own copies.
 * A layout is immutable once built. Its texts keep their PangoLayouts, so
 * painting uses the font map of the PangoContext it was built with: a
 * layout built on a worker thread may be painted on another thread only
 * while no other layout is being built or painted with that same font map
 * (Pango font maps are not thread-safe). With @pango NULL a layout uses its
 * thread's default font map.
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "rd-metrics.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------------ */
/* Theme                                                                     */

typedef enum
{
  RD_CHART_STYLE_LIGHT,
  RD_CHART_STYLE_DARK,
  RD_CHART_STYLE_HIGH_CONTRAST,
} RdChartStyle;

/* Named colours. Primitives carry an ink, not a colour, so one layout can be
 * painted in whichever theme is current. */
typedef enum
{
  RD_INK_BACKGROUND,
  RD_INK_TEXT,
  RD_INK_TEXT_SECONDARY,
  RD_INK_GRID,            /* light gridlines */
  RD_INK_AXIS,            /* baselines, connectors */
  RD_INK_NEUTRAL,         /* neutral bars: waterfall start/end, "other" */
  RD_INK_GHOST,           /* previous-period bars, box fills */
  RD_INK_TARGET,          /* target and threshold lines */
  RD_INK_BLUE,            /* the accent: the default bar colour */
  RD_INK_GREEN,
  RD_INK_YELLOW,
  RD_INK_ORANGE,
  RD_INK_RED,
  RD_INK_PURPLE,
  RD_INK_GOOD,            /* status: on track / increase */
  RD_INK_WARNING,         /* status: watch / over threshold */
  RD_INK_BAD,             /* status: off track / decrease */
  RD_INK_FOCUS,           /* keyboard focus ring */
  RD_INK_HEAT,            /* sequential ramp, position in RdChartPrim.heat */
  RD_INK_CONTRAST,        /* text: black or white, whichever reads best over
                           * RdChartPrim.over (or over the heat colour when
                           * over is RD_INK_HEAT) */
  RD_N_INKS
} RdChartInk;

typedef struct
{
  double red, green, blue, alpha;
} RdChartColor;

typedef struct
{
  RdChartStyle style;
  RdChartColor inks[RD_N_INKS];
  RdChartColor heat_low;      /* ramp ends (RD_INK_HEAT at 0 and 1) */
  RdChartColor heat_high;
  char         font_family[64]; /* Pango family list, e.g. "Cantarell, Sans" */
  double       font_size;     /* base text size in logical px */
  double       line_width;    /* base stroke width in logical px */
} RdChartTheme;

void          rd_chart_theme_init        (RdChartTheme       *theme,
                                          RdChartStyle        style);
/* Overrides the family (e.g. from gtk-font-name); NULL keeps the default. */
void          rd_chart_theme_set_font    (RdChartTheme       *theme,
                                          const char         *family,
                                          double              size_px);
/* Resolves an ink; @heat is used for RD_INK_HEAT, @over for RD_INK_CONTRAST. */
void          rd_chart_theme_resolve     (const RdChartTheme *theme,
                                          RdChartInk          ink,
                                          double              heat,
                                          RdChartInk          over,
                                          RdChartColor       *out);
/* The i-th categorical colour (stacked categories, line series). */
RdChartInk    rd_chart_series_ink        (guint               index);
/* The status colour; always drawn with its word (rd_chart_status_word) or a shape. */
RdChartInk    rd_chart_status_ink        (RdStatus            status);
const char   *rd_chart_status_word       (RdStatus            status);

/* ------------------------------------------------------------------------ */
/* Formatting (locale grouping, workspace currency)                          */
/*
 * Choices: percentages without a space ("26%" short, "26.4%" exact), ratios
 * with one decimal and a multiplication sign ("2.1×"), money short with one
 * decimal below a hundred of a unit ("$1.4M", "$12.5M", "$980K", "$12"),
 * negatives with a true minus sign ("−$1.4M"), undefined values (NaN, ±inf) as an em dash.
 * The currency symbol always precedes the amount; an unknown ISO code is
 * written out ("CHF 12K").
 */

/* Returns: (transfer full): the value written for people. */
char         *rd_chart_format_value      (double              value,
                                          RdUnit              unit,
                                          const char         *currency,
                                          gboolean            short_form);
char         *rd_chart_format_money      (double              value,
                                          const char         *currency,
                                          gboolean            short_form);
char         *rd_chart_format_count      (double              value);
char         *rd_chart_format_percent    (double              percent,
                                          gboolean            short_form);
char         *rd_chart_format_ratio      (double              ratio);
char         *rd_chart_format_days       (double              days,
                                          gboolean            short_form);
/* "$" for "USD"; NULL when the code has no symbol we know. */
const char   *rd_chart_currency_symbol   (const char         *iso_code);

/* Nice axis ticks (steps of 1, 2 or 5 × 10^n) covering [min, max] with at
 * most @max_ticks intervals. Returns the number of ticks written to @ticks
 * (at most 16). */
guint         rd_chart_nice_ticks        (double              min,
                                          double              max,
                                          guint               max_ticks,
                                          double             *ticks);

/* ------------------------------------------------------------------------ */
/* Layout: display list and hit regions                                      */

typedef enum
{
  RD_PRIM_RECT,           /* x, y, w, h; filled */
  RD_PRIM_FRAME,          /* x, y, w, h; stroked outline */
  RD_PRIM_LINE,           /* x, y → x2, y2 */
  RD_PRIM_DOT,            /* centre x, y; radius w */
  RD_PRIM_RING,           /* centre x, y; radius w; stroked (a shape, not only a colour) */
  RD_PRIM_POLYLINE,       /* points (x0, y0, x1, y1 …) */
  RD_PRIM_TEXT,           /* logical box x, y, w, h; pango painted from x2, y2 */
} RdPrimKind;

typedef enum
{
  RD_TEXT_BODY,
  RD_TEXT_SMALL,          /* ticks, footers, conversions */
  RD_TEXT_TITLE,
  RD_TEXT_BIG,            /* tile values */
} RdTextRole;

typedef struct
{
  RdPrimKind   kind;
  RdChartInk   ink;
  RdChartInk   over;        /* RD_INK_CONTRAST: the fill behind the text */
  double       heat;        /* 0..1 for RD_INK_HEAT */
  double       x, y, w, h;
  double       x2, y2;
  double       line_width;  /* 0: the theme's */
  gboolean     dashed;
  double      *points;      /* polyline, 2 × n_points doubles */
  guint        n_points;
  char        *text;        /* as drawn (maybe ellipsised) */
  RdTextRole   role;
  PangoLayout *pango;       /* measured text, painted as is */
} RdChartPrim;

typedef struct
{
  double  x, y, w, h;       /* logical px */
  char   *metric_id;        /* what a click drills into … */
  char   *bucket;           /* … and which part of it (stage, period, …) */
  char   *series;           /* second key, or NULL: category, column, item id */
  char   *label;            /* full sentence for tooltip and AT: "Proposal: 42 deals, $1.2M" */
  guint   item;             /* index of the data item */
  int     series_index;     /* index of the category/series/column, or -1 */
} RdChartHit;

typedef struct _RdChartLayout RdChartLayout;

/* Read-only accessors. Hits are in reading order (top to bottom, left to
 * right; for stacked bars group by group), so arrow keys walk them. */
double             rd_chart_layout_get_width     (const RdChartLayout *layout);
double             rd_chart_layout_get_height    (const RdChartLayout *layout);
guint              rd_chart_layout_get_n_prims   (const RdChartLayout *layout);
const RdChartPrim *rd_chart_layout_get_prim      (const RdChartLayout *layout,
                                                  guint                index);
guint              rd_chart_layout_get_n_hits    (const RdChartLayout *layout);
const RdChartHit  *rd_chart_layout_get_hit       (const RdChartLayout *layout,
                                                  guint                index);
/* The reason drawn instead of a chart, or NULL when the chart has data. */
const char        *rd_chart_layout_get_empty_reason (const RdChartLayout *layout);

/* Returns the index of the hit region under (x, y), or -1. */
int                rd_chart_layout_hit_test      (const RdChartLayout *layout,
                                                  double               x,
                                                  double               y);
/* Returns: (transfer full): plain text describing the data, for assistive
 * technologies ("Pipeline by stage. Lead: 120 deals, $1.2M. …"). */
char              *rd_chart_layout_describe      (const RdChartLayout *layout);

/* Fills the whole layout area with the theme background (the widget usually
 * lets its own background show instead). */
void               rd_chart_paint_background     (cairo_t             *cr,
                                                  const RdChartTheme  *theme,
                                                  double               width,
                                                  double               height);
void               rd_chart_layout_paint         (const RdChartLayout *layout,
                                                  cairo_t             *cr,
                                                  const RdChartTheme  *theme);
/* Draws hover/focus feedback for hit @index (a ring around its region). */
void               rd_chart_layout_paint_focus   (const RdChartLayout *layout,
                                                  cairo_t             *cr,
                                                  const RdChartTheme  *theme,
                                                  guint                index);
void               rd_chart_layout_free          (RdChartLayout       *layout);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdChartLayout, rd_chart_layout_free)

/* ------------------------------------------------------------------------ */
/* Data shared by every chart                                                */

/* Every data struct starts with these: an optional title drawn at the top
 * (NULL when the view shows its own heading), an optional footer in small
 * type (definition version, as-of date, filters), and the reason to show
 * when there is nothing to draw ("No deals closed in 2026-Q3"). */
typedef struct
{
  const char *title;
  const char *footer;
  const char *empty_reason;
} RdChartFrame;

/* ------------------------------------------------------------------------ */
/* Bar chart                                                                 */

typedef struct
{
  const char *label;
  double      value;        /* NaN: undefined (drawn as "—", with @note as reason) */
  const char *metric_id;
  const char *bucket;
  gboolean    highlight;    /* drawn in the accent; others too when none is highlighted */
  const char *note;         /* optional, appended to the hit label */
} RdBarItem;

typedef struct
{
  RdChartFrame     frame;
  RdUnit           unit;      /* one unit per chart: it has one value axis */
  const char      *currency;  /* ISO code for RD_UNIT_MONEY */
  gboolean         vertical;  /* FALSE: horizontal bars, labels on the left */
  const RdBarItem *items;
  guint            n_items;
  gboolean         has_target;
  double           target;
  const char      *target_label; /* "Target" when NULL */
} RdBarData;

RdChartLayout *rd_bar_chart_layout         (const RdBarData      *data,
                                            double                width,
                                            double                height,
                                            const RdChartTheme   *theme,
                                            PangoContext         *pango);

/* ------------------------------------------------------------------------ */
/* Stacked bar chart: categories stacked against a quota/target marker       */

typedef struct
{
  const char *label;        /* "Commit", "Best case", "Pipeline" */
  RdChartInk  ink;          /* 0 (RD_INK_BACKGROUND) picks rd_chart_series_ink */
  const char *metric_id;
} RdStackCategory;

typedef struct
{
  const char   *label;      /* period or segment: "Q4 2026", "Enterprise" */
  const char   *bucket;
  const double *values;     /* n_categories values; NaN counts as 0 */
  gboolean      has_target;
  double        target;     /* the quota / remaining quota marker */
} RdStackGroup;

typedef struct
{
  RdChartFrame           frame;
  RdUnit                 unit;
  const char            *currency;
  const RdStackCategory *categories;
  guint                  n_categories;
  const RdStackGroup    *groups;
  guint                  n_groups;
  const char            *target_label; /* "Quota" when NULL */
} RdStackedBarData;

RdChartLayout *rd_stacked_bar_chart_layout (const RdStackedBarData *data,
                                            double                  width,
                                            double                  height,
                                            const RdChartTheme     *theme,
                                            PangoContext           *pango);

/* ------------------------------------------------------------------------ */
/* Funnel: horizontal bars narrowing by stage, step conversion between       */

typedef struct
{
  const char *label;
  double      count;
  const char *metric_id;
  const char *bucket;
  gboolean    has_conversion; /* step conversion from the previous stage */
  double      conversion;     /* percent, NaN: undefined */
  gboolean    has_previous;   /* previous period's count, drawn as a ghost bar */
  double      previous;
} RdFunnelStage;

typedef struct
{
  RdChartFrame         frame;
  const RdFunnelStage *stages;
  guint                n_stages;
  const char          *previous_label; /* "Q2 2026"; "Previous period" when NULL */
} RdFunnelData;

RdChartLayout *rd_funnel_chart_layout      (const RdFunnelData   *data,
                                            double                width,
                                            double                height,
                                            const RdChartTheme   *theme,
                                            PangoContext         *pango);

/* ------------------------------------------------------------------------ */
/* Waterfall (bridge)                                                        */

typedef enum
{
  RD_STEP_DELTA,            /* a change: up green, down red */
  RD_STEP_TOTAL,            /* an absolute level: start, subtotal, end (neutral) */
} RdStepKind;

typedef struct
{
  const char *label;
  RdStepKind  kind;
  double      value;        /* signed change, or the level for a total */
  const char *metric_id;
  const char *bucket;
} RdWaterfallStep;

typedef struct
{
  RdChartFrame           frame;
  RdUnit                 unit;
  const char            *currency;
  const RdWaterfallStep *steps;
  guint                  n_steps;
} RdWaterfallData;

RdChartLayout *rd_waterfall_chart_layout   (const RdWaterfallData *data,
                                            double                 width,
                                            double                 height,
                                            const RdChartTheme    *theme,
                                            PangoContext          *pango);

/* ------------------------------------------------------------------------ */
/* Strip or box: one row per stage, a dot per item, threshold line           */

typedef struct
{
  const char         *label;
  const double       *values;      /* days of each item */
  guint               n_values;
  const char * const *item_ids;    /* optional: one hit per dot (series = id) */
  const char * const *item_labels; /* optional: names for the dot hit labels */
  double              threshold;   /* NaN: none; dots above use RD_INK_WARNING */
  const char         *metric_id;
  const char         *bucket;
} RdStripRow;

typedef struct
{
  RdChartFrame      frame;
  RdUnit            unit;          /* RD_UNIT_DAYS usually */
  const RdStripRow *rows;
  guint             n_rows;
  guint             box_above;     /* rows with more items become box plots; 0: 400 */
  const char       *threshold_label; /* key of the threshold lines; "Stage limit" when NULL */
} RdStripData;

RdChartLayout *rd_strip_chart_layout       (const RdStripData    *data,
                                            double                width,
                                            double                height,
                                            const RdChartTheme   *theme,
                                            PangoContext         *pango);

/* ------------------------------------------------------------------------ */
/* Line chart and sparkline                                                  */

typedef struct
{
  const char   *label;
  const double *values;     /* n_periods values, NaN = gap */
  RdChartInk    ink;        /* 0 picks rd_chart_series_ink */
  const char   *metric_id;
} RdLineSeries;

typedef struct
{
  RdChartFrame         frame;
  RdUnit               unit;
  const char          *currency;
  const char * const  *periods;   /* n_periods labels, also the hit buckets */
  guint                n_periods;
  const RdLineSeries  *series;
  guint                n_series;
  gboolean             has_target;
  double               target;
  const char          *target_label;
  gboolean             sparkline; /* compact: no axes, no labels, last point marked */
} RdLineData;

RdChartLayout *rd_line_chart_layout        (const RdLineData     *data,
                                            double                width,
                                            double                height,
                                            const RdChartTheme   *theme,
                                            PangoContext         *pango);

/* ------------------------------------------------------------------------ */
/* Heatmap: cohort triangle                                                  */

typedef struct
{
  RdChartFrame        frame;
  RdUnit              unit;          /* RD_UNIT_PERCENT usually */
  const char         *currency;
  const char * const *row_labels;    /* cohorts: "Jan 2026" */
  const char * const *row_buckets;   /* optional, defaults to the labels */
  guint               n_rows;
  const char * const *col_labels;    /* "M0", "M1" … (also hit series) */
  guint               n_cols;
  const double       *values;        /* n_rows × n_cols, row-major; NaN: no cell */
  double              ramp_max;      /* value at the top of the ramp; 0: the data max.
                                      * The ramp starts at the lowest cell. */
  const char         *metric_id;
} RdHeatmapData;

RdChartLayout *rd_heatmap_chart_layout     (const RdHeatmapData  *data,
                                            double                width,
                                            double                height,
                                            const RdChartTheme   *theme,
                                            PangoContext         *pango);

/* ------------------------------------------------------------------------ */
/* Overview tile                                                             */

typedef struct
{
  RdChartFrame   frame;       /* title: the metric's label; empty_reason unused */
  RdUnit         unit;
  const char    *currency;
  gboolean       defined;
  double         value;
  const char    *reason;      /* why undefined */
  gboolean       has_target;
  double         target;
  RdStatus       status;
  const double  *history;     /* sparkline, oldest first; NaN = gap */
  guint          n_history;
  const char    *why;         /* one line: "2.1× of a 3.0× target — $1.4M short" */
  const char    *metric_id;
  const char    *bucket;
  /* Optional: the two figures behind the value ("Qualified pipeline"
   * $1.8M, "Quota left" $511K), drawn as a pair of bars in a tile without
   * history that has room for them. NULL part_label: none. */
  const char    *part_label;
  double         part;
  const char    *whole_label;
  double         whole;
  RdUnit         parts_unit;
} RdTileData;

RdChartLayout *rd_tile_chart_layout        (const RdTileData     *data,
                                            double                width,
                                            double                height,
                                            const RdChartTheme   *theme,
                                            PangoContext         *pango);

G_END_DECLS
