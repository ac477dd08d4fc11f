/* rd-view.c — the view registry and what every composition shares
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "rd-view-private.h"

static const struct
{
  const char         *id;
  const char         *title;
  const RdViewChart  *charts;
  const guint        *n_charts;
} views[RD_N_VIEWS] = {
  [RD_VIEW_OVERVIEW]  = { "overview", N_("Overview"), rd_view_overview_charts, &rd_view_overview_n_charts },
  [RD_VIEW_FUNNEL]    = { "funnel", N_("Funnel"), rd_view_funnel_charts, &rd_view_funnel_n_charts },
  [RD_VIEW_AGING]     = { "aging", N_("Deal aging"), rd_view_aging_charts, &rd_view_aging_n_charts },
  [RD_VIEW_COVERAGE]  = { "coverage", N_("Coverage and forecast"), rd_view_coverage_charts, &rd_view_coverage_n_charts },
  [RD_VIEW_RETENTION] = { "retention", N_("Retention"), rd_view_retention_charts, &rd_view_retention_n_charts },
  [RD_VIEW_QUALITY]   = { "quality", N_("Handoffs and data quality"), rd_view_quality_charts, &rd_view_quality_n_charts },
};

const char *
rd_view_get_id (RdView view)
{
  g_return_val_if_fail (view < RD_N_VIEWS, NULL);
  return views[view].id;
}

const char *
rd_view_get_title (RdView view)
{
  g_return_val_if_fail (view < RD_N_VIEWS, NULL);
  return _(views[view].title);
}

gboolean
rd_view_from_id (const char *id,
                 RdView     *view)
{
  for (guint i = 0; i < RD_N_VIEWS; i++)
    if (g_strcmp0 (id, views[i].id) == 0)
      {
        *view = (RdView) i;
        return TRUE;
      }
  return FALSE;
}

const RdViewChart *
rd_view_get_charts (RdView  view,
                    guint  *n_charts)
{
  g_return_val_if_fail (view < RD_N_VIEWS, NULL);
  *n_charts = *views[view].n_charts;
  return views[view].charts;
}

const char *
rd_view_chart_get_title (const RdViewChart *chart)
{
  return _(chart->title);
}

RdChartLayout *
rd_view_chart_layout (const RdViewChart  *chart,
                      const RdMetricPack *pack,
                      double              width,
                      double              height,
                      const RdChartTheme *theme,
                      PangoContext       *pango)
{
  g_return_val_if_fail (chart != NULL && pack != NULL && theme != NULL, NULL);
  return chart->layout (chart, pack, MAX (width, 0), MAX (height, 0), theme, pango);
}

const RdMetric *
rd_view_hit_metric (const RdMetricPack *pack,
                    const RdChartHit   *hit)
{
  const RdMetric *m;

  if (hit->metric_id == NULL)
    return NULL;
  if ((m = rd_metric_pack_find (pack, hit->metric_id, hit->bucket)) != NULL)
    return m;
  if (hit->series == NULL)
    return NULL;
  /* Stacked bars: the group is the period, the category is the bucket. */
  if ((m = rd_metric_pack_find (pack, hit->metric_id, hit->series)) != NULL)
    return m;
  /* Stacked bars per segment: "Enterprise / Commit". */
  if (hit->bucket != NULL)
    {
      g_autofree char *pair = g_strdup_printf ("%s / %s", hit->bucket, hit->series);

      if ((m = rd_metric_pack_find (pack, hit->metric_id, pair)) != NULL)
        return m;
    }
  /* Cohort cells: "2025-10/3". */
  if (hit->bucket != NULL && hit->series_index >= 0)
    {
      g_autofree char *cell = g_strdup_printf ("%s/%d", hit->bucket, hit->series_index);
      return rd_metric_pack_find (pack, hit->metric_id, cell);
    }
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* The page                                                                  */

typedef struct
{
  const RdViewChart *chart;
  RdChartLayout     *layout;
  double             x, y;
} PageSlot;

struct _RdViewPage
{
  RdChartLayout *frame;
  GArray        *slots;   /* PageSlot */
};

static void
page_slot_clear (gpointer p)
{
  PageSlot *slot = p;

  g_clear_pointer (&slot->layout, rd_chart_layout_free);
}

/* Below this (logical px), a row of charts is too flat to read. */
#define RD_VIEW_MIN_ROW_HEIGHT 170.0

/* One row of the page: a wide chart, or up to n cells of a grid. */
typedef struct
{
  guint  first;
  guint  n;
  double weight;
  guint  columns;   /* cells the width is divided into (>= n) */
} PageRow;

static guint
grid_columns (const RdViewChart *charts,
              guint              first,
              guint              n,
              double             width,
              double             gap,
              double             squeeze)
{
  double min_w = 0;
  guint max_cols = n, cols, rows;

  for (guint i = first; i < first + n; i++)
    {
      min_w = MAX (min_w, charts[i].min_width);
      if (charts[i].max_columns > 0)
        max_cols = MIN (max_cols, charts[i].max_columns);
    }
  /* Tiles need their width for a title beside its status word. */
  if (charts[first].metric_id == NULL)
    min_w *= squeeze;
  cols = min_w > 0 ? (guint) floor ((width + gap) / (min_w + gap)) : n;
  cols = CLAMP (cols, 1, max_cols);
  /* Balance the rows: 10 cells in 4 columns become 4 + 3 + 3, not 4 + 4 + 2. */
  rows = (n + cols - 1) / cols;
  return (n + rows - 1) / rows;
}

static GArray *
page_rows (const RdViewChart *charts,
           guint              n_charts,
           double             width,
           double             gap,
           double             squeeze)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (PageRow));
  guint i = 0;

  while (i < n_charts)
    {
      guint run = 0, cols, row_start = i;

      if (charts[i].wide)
        {
          PageRow row = { i, 1, charts[i].weight, 1 };
          g_array_append_val (rows, row);
          i++;
          continue;
        }
      while (i + run < n_charts && !charts[i + run].wide)
        run++;
      cols = grid_columns (charts, i, run, width, gap, squeeze);
      {
        /* Spread the cells evenly over the rows (10 in 4 columns: 4 + 3 + 3). */
        guint n_rows = (run + cols - 1) / cols, start = row_start;

        for (guint r = 0; r < n_rows; r++)
          {
            PageRow row = { start, run / n_rows + (r < run % n_rows ? 1 : 0), 0, 0 };

            /* Tiles keep one size in every row; charts share the row's width. */
            row.columns = charts[start].metric_id != NULL ? cols : row.n;

            for (guint k = row.first; k < row.first + row.n; k++)
              row.weight = MAX (row.weight, charts[k].weight);
            g_array_append_val (rows, row);
            start += row.n;
          }
      }
      i += run;
    }
  return rows;
}

RdViewPage *
rd_view_page_layout (RdView              view,
                     const RdMetricPack *pack,
                     const RdViewDetail *detail,
                     double              width,
                     double              height,
                     const RdChartTheme *theme,
                     PangoContext       *pango)
{
  RdViewPage *page = g_new0 (RdViewPage, 1);
  RdChartBuilder b;
  guint n_charts;
  const RdViewChart *charts = rd_view_get_charts (view, &n_charts);
  double m = CLAMP (MIN (width, height) / 40, 12, 32);
  double gap = CLAMP (MIN (width, height) / 60, 8, 24);
  double title_h, sub_h, foot_h, top, bottom, total_weight = 0, y;
  g_autofree char *subtitle = rd_view_subtitle (pack);
  g_autofree char *footer = NULL;
  g_autoptr(GArray) rows = NULL;

  page->slots = g_array_new (FALSE, TRUE, sizeof (PageSlot));
  g_array_set_clear_func (page->slots, page_slot_clear);

  rd_chart_builder_init (&b, width, height, theme, pango);
  title_h = rd_chart_line_height (&b, RD_TEXT_BIG);
  sub_h = rd_chart_line_height (&b, RD_TEXT_BODY);
  foot_h = rd_chart_line_height (&b, RD_TEXT_SMALL);
  rd_chart_add_text (&b, RD_INK_TEXT, RD_TEXT_BIG, rd_view_get_title (view), m, m, width - 2 * m, 0);
  rd_chart_add_text (&b, RD_INK_TEXT_SECONDARY, RD_TEXT_BODY, subtitle, m, m + title_h + 2, width - 2 * m, 0);
  top = m + title_h + 2 + sub_h + gap;
  /* TRANSLATORS: the footer of a page: company, period bounds, currency */
  {
    g_autofree char *start = rd_view_format_date (pack->filter->period_start);
    g_autofree char *end = rd_view_format_date (pack->filter->period_end);

    footer = g_strdup_printf (_("%s · period %s, %s to %s · amounts in %s · drawn by Revdeck"),
                              pack->company, pack->filter->period_key, start, end, pack->currency);
  }
  rd_chart_add_text (&b, RD_INK_TEXT_SECONDARY, RD_TEXT_SMALL, footer, m, height - m - foot_h, width - 2 * m, 0);
  bottom = height - m - foot_h - gap;

  /* On a short page, narrower cells beat charts too flat to read: let the
   * grid take more columns until a row is tall enough, or the cells reach
   * 70 % of the width they ask for. */
  for (double squeeze = 1.0; squeeze > 0.65; squeeze -= 0.15)
    {
      double avail;

      g_clear_pointer (&rows, g_array_unref);
      rows = page_rows (charts, n_charts, width - 2 * m, gap, squeeze);
      avail = bottom - top - gap * (rows->len - 1);
      if (avail / rows->len >= RD_VIEW_MIN_ROW_HEIGHT)
        break;
    }
  for (guint r = 0; r < rows->len; r++)
    total_weight += g_array_index (rows, PageRow, r).weight;

  y = top;
  for (guint r = 0; r < rows->len; r++)
    {
      const PageRow *row = &g_array_index (rows, PageRow, r);
      double avail = MAX (bottom - top - gap * (rows->len - 1), 0);
      double row_h = floor (avail * row->weight / MAX (total_weight, 1e-9));
      double cell_w = floor ((width - 2 * m - gap * (row->columns - 1)) / row->columns);

      for (guint k = 0; k < row->n; k++)
        {
          PageSlot slot = { &charts[row->first + k], NULL, m + k * (cell_w + gap), y };

          /* A light card behind each chart keeps the grid readable. */
          rd_chart_add_frame (&b, RD_INK_GRID, slot.x - 1, slot.y - 1, cell_w + 2, row_h + 2);
          slot.layout = rd_view_chart_layout_detailed (slot.chart, pack, detail, cell_w, row_h, theme, b.pango);
          g_array_append_val (page->slots, slot);
        }
      y += row_h + gap;
    }
  page->frame = rd_chart_builder_finish (&b);
  return page;
}

const RdChartLayout *
rd_view_page_get_frame (const RdViewPage *page)
{
  return page->frame;
}

guint
rd_view_page_get_n_charts (const RdViewPage *page)
{
  return page->slots->len;
}

const RdViewChart *
rd_view_page_get_chart (const RdViewPage     *page,
                        guint                 index,
                        const RdChartLayout **layout,
                        double               *x,
                        double               *y)
{
  const PageSlot *slot;

  g_return_val_if_fail (index < page->slots->len, NULL);
  slot = &g_array_index (page->slots, PageSlot, index);
  if (layout)
    *layout = slot->layout;
  if (x)
    *x = slot->x;
  if (y)
    *y = slot->y;
  return slot->chart;
}

void
rd_view_page_paint (const RdViewPage   *page,
                    cairo_t            *cr,
                    const RdChartTheme *theme)
{
  rd_chart_layout_paint (page->frame, cr, theme);
  for (guint i = 0; i < page->slots->len; i++)
    {
      const PageSlot *slot = &g_array_index (page->slots, PageSlot, i);

      cairo_save (cr);
      cairo_translate (cr, slot->x, slot->y);
      cairo_rectangle (cr, 0, 0, rd_chart_layout_get_width (slot->layout),
                       rd_chart_layout_get_height (slot->layout));
      cairo_clip (cr);
      rd_chart_layout_paint (slot->layout, cr, theme);
      cairo_restore (cr);
    }
}

void
rd_view_page_free (RdViewPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->frame, rd_chart_layout_free);
  g_clear_pointer (&page->slots, g_array_unref);
  g_free (page);
}

void
rd_view_render (RdView              view,
                const RdMetricPack *pack,
                const RdViewDetail *detail,
                cairo_t            *cr,
                double              width,
                double              height,
                const RdChartTheme *theme)
{
  g_autoptr(RdViewPage) page = rd_view_page_layout (view, pack, detail, width, height, theme, NULL);

  rd_chart_paint_background (cr, theme, width, height);
  rd_view_page_paint (page, cr, theme);
}
