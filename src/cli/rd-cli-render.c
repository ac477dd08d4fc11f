/* rd-cli-render.c — render: a view drawn to PNG, SVG or PDF without a display
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <string.h>

#include "rd-cli.h"
#include "rd-metrics.h"
#include "rd-view.h"

typedef enum
{
  FORMAT_PNG,
  FORMAT_SVG,
  FORMAT_PDF,
} OutFormat;

static gboolean
format_of (const char *path,
           OutFormat  *format)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".png"))
    *format = FORMAT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = FORMAT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = FORMAT_PDF;
  else
    return FALSE;
  return TRUE;
}

/* Draws the pages of views @first to @last (one page each; several only
 * into a PDF) into a surface of @format and writes it to @out. */
static gboolean
render_to (RdView              first,
           RdView              last,
           const RdMetricPack *pack,
           const RdViewDetail *detail,
           const RdChartTheme *theme,
           OutFormat           format,
           const char         *out,
           int                 width,
           int                 height,
           int                 scale,
           GError            **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  switch (format)
    {
    case FORMAT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
      cairo_surface_set_device_scale (surface, scale, scale);
      break;
    case FORMAT_SVG:
      surface = cairo_svg_surface_create (out, width, height);
      break;
    case FORMAT_PDF:
    default:
      /* Logical px map to PDF points one to one: 1280x800 is a 16:10 page. */
      surface = cairo_pdf_surface_create (out, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                      first == last ? rd_view_get_title (first) : pack->company);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Revdeck");
      break;
    }

  cr = cairo_create (surface);
  for (RdView view = first; view <= last; view++)
    {
      rd_view_render (view, pack, detail, cr, width, height, theme);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == FORMAT_PNG)
    status = cairo_surface_write_to_png (surface, out);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), out,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

int
rd_cli_render (int    argc,
               char **argv)
{
  g_auto(FilterArgs) args = { .lead_weeks = -1 };
  g_autofree char *view_id = NULL;
  g_autofree char *out = NULL;
  g_autofree char *theme_name = NULL;
  int width = 1280, height = 800, scale = 1;
  GOptionEntry entries[] = {
    { "view", 0, 0, G_OPTION_ARG_STRING, &view_id,
      N_("The view: overview, funnel, aging, coverage, retention, quality, or all (a PDF deck, one page each)"), "VIEW" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Write to this file; .png, .svg or .pdf"), "FILE" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Page width in logical pixels (default 1280)"), "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_("Page height in logical pixels (default 800)"), "H" },
    { "scale", 0, 0, G_OPTION_ARG_INT, &scale, N_("PNG pixels per logical pixel, 1 to 4 (default 1)"), "N" },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &theme_name, N_("light (default), dark or high-contrast"), "THEME" },
    FILTER_ENTRIES (args),
    { NULL }
  };
  g_autoptr(RdWorkspace) ws = NULL;
  g_autoptr(RdFilter) filter = rd_filter_new ();
  g_autoptr(RdMetricPack) pack = NULL;
  g_autoptr(RdViewDetail) detail = rd_view_detail_new ();
  g_autoptr(GError) error = NULL;
  RdChartTheme theme;
  RdChartStyle style = RD_CHART_STYLE_LIGHT;
  OutFormat format;
  RdView first, last;
  int rc;

  if ((rc = rd_cli_parse ("render", "FILE --view VIEW --out OUT", entries, &argc, &argv, 1)) >= 0)
    return rc;
  if (out == NULL || !format_of (out, &format))
    return rd_cli_usage_error ("render", _("--out must name a .png, .svg or .pdf file"));
  if (g_strcmp0 (view_id, "all") == 0)
    {
      if (format != FORMAT_PDF)
        return rd_cli_usage_error ("render", _("--view all needs a .pdf output: one page per view"));
      first = 0;
      last = RD_N_VIEWS - 1;
    }
  else if (view_id == NULL || !rd_view_from_id (view_id, &first))
    return rd_cli_usage_error ("render", _("--view must be overview, funnel, aging, coverage, retention, quality or all"));
  else
    last = first;
  if (width < 320 || width > 8192 || height < 240 || height > 8192)
    return rd_cli_usage_error ("render", _("--width and --height must be from 320x240 to 8192x8192"));
  if (scale < 1 || scale > 4)
    return rd_cli_usage_error ("render", _("--scale must be from 1 to 4"));
  if (theme_name == NULL || g_str_equal (theme_name, "light"))
    style = RD_CHART_STYLE_LIGHT;
  else if (g_str_equal (theme_name, "dark"))
    style = RD_CHART_STYLE_DARK;
  else if (g_str_equal (theme_name, "high-contrast"))
    style = RD_CHART_STYLE_HIGH_CONTRAST;
  else
    return rd_cli_usage_error ("render", _("--theme must be light, dark or high-contrast"));

  ws = rd_workspace_open (argv[1], &error);
  if (ws == NULL)
    return rd_cli_refused ("render", error);
  if ((rc = rd_cli_build_filter ("render", &args, ws, filter)) >= 0)
    return rc;
  pack = rd_metrics_compute (ws, filter, NULL, &error);
  if (pack == NULL)
    return rd_cli_refused ("render", error);

  /* The aging page draws a dot per open deal: read them (a page at a time). */
  if (first <= RD_VIEW_AGING && RD_VIEW_AGING <= last
      && !rd_view_detail_fetch (detail, ws, filter, pack, &error))
    return rd_cli_refused ("render", error);

  rd_chart_theme_init (&theme, style);
  if (!render_to (first, last, pack, detail, &theme, format, out, width, height, scale, &error))
    return rd_cli_refused ("render", error);
  return 0;
}
