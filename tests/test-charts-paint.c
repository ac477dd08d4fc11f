/* test-charts-paint.c — painting layouts into images, SVG and PDF
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <time.h>

#include "rd-chart-private.h"
#include "test-charts-util.h"

static RdChartTheme theme;
static PangoContext *pango;

static const RdBarItem items[] = {
  { "Lead", 1200000, "pipeline", "Lead", FALSE, NULL },
  { "Qualified", 900000, "pipeline", "Qualified", FALSE, NULL },
  { "Proposal", 600000, "pipeline", "Proposal", FALSE, NULL },
};

static RdChartLayout *
bar_layout (double width,
            double height)
{
  RdBarData data = { { "Pipeline by stage", NULL, NULL } };

  data.unit = RD_UNIT_MONEY;
  data.currency = "USD";
  data.items = items;
  data.n_items = G_N_ELEMENTS (items);
  return rd_bar_chart_layout (&data, width, height, &theme, pango);
}

/* The pixel at logical (x, y) as 0xRRGGBB. */
static guint32
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  double sx, sy;
  unsigned char *row;
  guint32 argb;

  cairo_surface_flush (surface);
  cairo_surface_get_device_scale (surface, &sx, &sy);
  row = cairo_image_surface_get_data (surface) + (int) (y * sy) * cairo_image_surface_get_stride (surface);
  argb = ((guint32 *) row)[(int) (x * sx)];
  return argb & 0xffffff;
}

static guint32
rgb (const RdChartColor *c)
{
  return ((guint32) lround (c->red * 255) << 16) | ((guint32) lround (c->green * 255) << 8)
         | (guint32) lround (c->blue * 255);
}

static void
paint_and_check (const RdChartTheme *paint_theme,
                 double              scale)
{
  g_autoptr(RdChartLayout) layout = bar_layout (800, 600);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800 * scale, 600 * scale);
  cairo_t *cr;
  const RdChartPrim *bar = rd_test_chart_nth (layout, RD_PRIM_RECT, RD_INK_BLUE, 1);
  guint changed = 0;

  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  rd_chart_paint_background (cr, paint_theme, 800, 600);
  g_assert_cmphex (pixel_at (surface, bar->x + bar->w / 2, bar->y + bar->h / 2), ==,
                   rgb (&paint_theme->inks[RD_INK_BACKGROUND]));
  rd_chart_layout_paint (layout, cr, paint_theme);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  /* The bar is there, in the theme's accent, edge to edge. */
  g_assert_cmphex (pixel_at (surface, bar->x + bar->w / 2, bar->y + bar->h / 2), ==,
                   rgb (&paint_theme->inks[RD_INK_BLUE]));
  g_assert_cmphex (pixel_at (surface, bar->x + 1, bar->y + 1), ==, rgb (&paint_theme->inks[RD_INK_BLUE]));
  g_assert_cmphex (pixel_at (surface, bar->x + bar->w - 1, bar->y + bar->h - 1), ==,
                   rgb (&paint_theme->inks[RD_INK_BLUE]));
  /* Beyond the bar's end, before its value label, the background. */
  g_assert_cmphex (pixel_at (surface, bar->x + bar->w + 2, bar->y - 3), ==,
                   rgb (&paint_theme->inks[RD_INK_BACKGROUND]));

  /* Text was drawn: the title's box holds pixels of another colour. */
  {
    const RdChartPrim *title = rd_test_chart_find_text (layout, "Pipeline by stage");

    for (double y = title->y; y < title->y + title->h; y += 1)
      for (double x = title->x; x < title->x + title->w; x += 1)
        changed += pixel_at (surface, x, y) != rgb (&paint_theme->inks[RD_INK_BACKGROUND]);
    g_assert_cmpuint (changed, >, 20);
  }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_image (void)
{
  RdChartTheme dark, contrast;

  rd_chart_theme_init (&dark, RD_CHART_STYLE_DARK);
  rd_chart_theme_init (&contrast, RD_CHART_STYLE_HIGH_CONTRAST);
  paint_and_check (&theme, 1);
  /* HiDPI is the caller's device scale: logical coordinates still hold. */
  paint_and_check (&theme, 2);
  /* One layout, painted in whichever theme is current. */
  paint_and_check (&dark, 1);
  paint_and_check (&contrast, 2);
}

/* Dots (drawn from sprites on images) land where the layout put them, at
 * any scale; rings are hollow. */
static void
test_dots (void)
{
  static const double days[] = { 3, 8, 12, 23, 31 };
  const RdStripRow rows[] = { { "Qualified", days, G_N_ELEMENTS (days), NULL, NULL, 14, "aging", "Q" } };
  RdStripData data = { { NULL, NULL, NULL }, RD_UNIT_DAYS, rows, 1, 0 };
  g_autoptr(RdChartLayout) layout = rd_strip_chart_layout (&data, 800, 600, &theme, pango);

  for (double scale = 1; scale <= 2; scale++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800 * scale, 600 * scale);
      cairo_t *cr;

      cairo_surface_set_device_scale (surface, scale, scale);
      cr = cairo_create (surface);
      rd_chart_paint_background (cr, &theme, 800, 600);
      rd_chart_layout_paint (layout, cr, &theme);
      for (guint i = 0; i < 3; i++)
        {
          const RdChartPrim *dot = rd_test_chart_nth (layout, RD_PRIM_DOT, RD_INK_BLUE, i);

          g_assert_cmphex (pixel_at (surface, dot->x, dot->y), ==, rgb (&theme.inks[RD_INK_BLUE]));
          g_assert_cmphex (pixel_at (surface, dot->x + dot->w + 2, dot->y), ==, rgb (&theme.inks[RD_INK_BACKGROUND]));
        }
      for (guint i = 0; i < 2; i++)
        {
          const RdChartPrim *ring = rd_test_chart_nth (layout, RD_PRIM_RING, RD_INK_WARNING, i);

          g_assert_cmphex (pixel_at (surface, ring->x, ring->y), !=, rgb (&theme.inks[RD_INK_WARNING]));
          g_assert_cmphex (pixel_at (surface, ring->x + ring->w - 0.5, ring->y), !=,
                           rgb (&theme.inks[RD_INK_BACKGROUND]));
        }
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
test_vector (void)
{
  g_autoptr(RdChartLayout) layout = bar_layout (800, 600);
  g_autoptr(GByteArray) svg = g_byte_array_new ();
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  g_autofree char *fill = NULL;
  cairo_surface_t *surfaces[2];

  surfaces[0] = cairo_svg_surface_create_for_stream (append_bytes, svg, 800, 600);
  surfaces[1] = cairo_pdf_surface_create_for_stream (append_bytes, pdf, 800, 600);
  for (guint i = 0; i < 2; i++)
    {
      cairo_t *cr = cairo_create (surfaces[i]);

      rd_chart_paint_background (cr, &theme, 800, 600);
      rd_chart_layout_paint (layout, cr, &theme);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_finish (surfaces[i]);
      g_assert_cmpint (cairo_surface_status (surfaces[i]), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (surfaces[i]);
    }
  g_assert_cmpuint (svg->len, >, 1000);
  g_assert_nonnull (g_strstr_len ((const char *) svg->data, svg->len, "<svg"));
  /* The bars' accent blue (#3584e4 in the light theme) as an SVG fill. */
  fill = g_strdup_printf ("rgb(%f%%,%f%%,%f%%)", theme.inks[RD_INK_BLUE].red * 100,
                          theme.inks[RD_INK_BLUE].green * 100, theme.inks[RD_INK_BLUE].blue * 100);
  g_assert_nonnull (g_strstr_len ((const char *) svg->data, svg->len, fill));
  g_assert_cmpuint (pdf->len, >, 1000);
  g_assert_true (memcmp (pdf->data, "%PDF", 4) == 0);
}

static void
test_focus (void)
{
  g_autoptr(RdChartLayout) layout = bar_layout (800, 600);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, 600);
  cairo_t *cr = cairo_create (surface);
  const RdChartHit *hit = rd_chart_layout_get_hit (layout, 1);
  guint32 before;

  rd_chart_paint_background (cr, &theme, 800, 600);
  rd_chart_layout_paint (layout, cr, &theme);
  before = pixel_at (surface, hit->x + hit->w / 2, hit->y - 1);
  rd_chart_layout_paint_focus (layout, cr, &theme, 1);
  /* The ring is drawn just outside the focused region. */
  g_assert_cmphex (pixel_at (surface, hit->x + hit->w / 2, hit->y - 1), !=, before);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Paints @layout at 1280x800 thirty times; prints the median wall and CPU
 * time and asserts a loose bound (the target is 2 ms; test machines are
 * shared and noisy). */
static void
measure_paint (const char          *what,
               const RdChartLayout *layout)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1280, 800);
  cairo_t *cr = cairo_create (surface);
  double wall[30], cpu[30];

  for (guint k = 0; k < G_N_ELEMENTS (wall); k++)
    {
      double t0 = g_get_monotonic_time () / 1e3;
      double c0 = cpu_ms ();

      rd_chart_paint_background (cr, &theme, 1280, 800);
      rd_chart_layout_paint (layout, cr, &theme);
      cairo_surface_flush (surface);
      wall[k] = g_get_monotonic_time () / 1e3 - t0;
      cpu[k] = cpu_ms () - c0;
    }
  qsort (wall, G_N_ELEMENTS (wall), sizeof (double), compare_doubles);
  qsort (cpu, G_N_ELEMENTS (cpu), sizeof (double), compare_doubles);
  g_test_message ("paint %s at 1280x800 (%u prims): median %.2f ms wall, %.2f ms CPU (min %.2f / %.2f)", what,
                  rd_chart_layout_get_n_prims (layout), wall[G_N_ELEMENTS (wall) / 2], cpu[G_N_ELEMENTS (cpu) / 2],
                  wall[0], cpu[0]);
  g_assert_cmpfloat (cpu[G_N_ELEMENTS (cpu) / 2], <, 10);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Painting costs the marks, not the data: a million-deal aging chart paints
 * like a small one. */
static void
test_paint_speed (void)
{
  const guint n = 1000000;
  g_autofree double *days = g_new (double, n);
  g_autofree double *cells = g_new (double, 24 * 24);
  g_autofree double *weekly = g_new (double, 4 * 52);
  const char *names[] = { "Qualified", "Proposal", "Negotiation", "Commit" };
  const char *labels[52];
  RdStripRow rows[4];
  RdLineSeries series[4];
  RdBarItem items_60[60];
  RdStripData strip = { { "Days in stage", "as of 30 Sep 2026", NULL }, RD_UNIT_DAYS, rows, 4, 0 };
  RdHeatmapData heatmap = { { "Cohorts", NULL, NULL }, RD_UNIT_PERCENT, NULL, labels, NULL, 24, labels, 24, cells,
                            0, "retention.cohort" };
  RdLineData line = { { "Weekly", NULL, NULL }, RD_UNIT_MONEY, "USD", labels, 52, series, 4, TRUE, 500000, NULL,
                      FALSE };
  RdBarData bars = { { "Owners", NULL, NULL }, RD_UNIT_MONEY, "USD", FALSE, items_60, 60, FALSE, 0, NULL };
  g_autoptr(RdChartLayout) layout = NULL;
  double t0;

  for (guint i = 0; i < n; i++)
    days[i] = (i * 7919u % 1000u) / 10.0 + (i % 5000 == 0 ? 400 : 0);
  for (guint r = 0; r < 4; r++)
    rows[r] = (RdStripRow) { names[r], days + r * (n / 4), n / 4, NULL, NULL, 30 + 10 * r, "aging.days", names[r] };
  for (guint i = 0; i < 52; i++)
    labels[i] = names[i % 4];
  for (guint i = 0; i < 24 * 24; i++)
    cells[i] = i % 24 < 24 - i / 24 ? 100.0 - i % 24 : NAN;
  for (guint i = 0; i < 4 * 52; i++)
    weekly[i] = 100000 * (1 + i % 52) + 50000 * (i / 52);
  for (guint i = 0; i < 4; i++)
    series[i] = (RdLineSeries) { names[i], weekly + i * 52, 0, "x" };
  for (guint i = 0; i < 60; i++)
    items_60[i] = (RdBarItem) { names[i % 4], 1000.0 * (i + 1), "x", names[i % 4], FALSE, NULL };

  t0 = g_get_monotonic_time () / 1e3;
  layout = rd_strip_chart_layout (&strip, 1280, 800, &theme, pango);
  g_test_message ("layout of 1,000,000 aging items: %.1f ms wall", g_get_monotonic_time () / 1e3 - t0);
  measure_paint ("aging, 1,000,000 items", layout);
  g_clear_pointer (&layout, rd_chart_layout_free);

  layout = rd_heatmap_chart_layout (&heatmap, 1280, 800, &theme, pango);
  measure_paint ("heatmap, 300 cells", layout);
  g_clear_pointer (&layout, rd_chart_layout_free);

  layout = rd_line_chart_layout (&line, 1280, 800, &theme, pango);
  measure_paint ("line, 4 × 52 points", layout);
  g_clear_pointer (&layout, rd_chart_layout_free);

  layout = rd_bar_chart_layout (&bars, 1280, 800, &theme, pango);
  measure_paint ("bars, 60 items", layout);
}

/* The overlap check itself must catch overlapping texts. */
static void
test_checker (void)
{
  if (g_test_subprocess ())
    {
      RdChartBuilder b;
      g_autoptr(RdChartLayout) layout = NULL;

      rd_chart_builder_init (&b, 200, 100, &theme, pango);
      rd_chart_add_text (&b, RD_INK_TEXT, RD_TEXT_BODY, "First label", 10, 10, 0, 0);
      rd_chart_add_text (&b, RD_INK_TEXT, RD_TEXT_BODY, "Second label", 20, 14, 0, 0);
      layout = rd_chart_builder_finish (&b);
      rd_test_chart_check_layout (layout);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*overlaps*");
}

static void
test_checker_bounds (void)
{
  if (g_test_subprocess ())
    {
      RdChartBuilder b;
      g_autoptr(RdChartLayout) layout = NULL;

      rd_chart_builder_init (&b, 100, 50, &theme, pango);
      rd_chart_add_text (&b, RD_INK_TEXT, RD_TEXT_BODY, "A label far too long for this box", 10, 10, 0, 0);
      layout = rd_chart_builder_finish (&b);
      rd_test_chart_check_layout (layout);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*outside*");
}

int
main (int   argc,
      char *argv[])
{
  rd_test_chart_init (&argc, &argv, &theme, &pango);

  g_test_add_func ("/charts/paint/image", test_image);
  g_test_add_func ("/charts/paint/dots", test_dots);
  g_test_add_func ("/charts/paint/vector", test_vector);
  g_test_add_func ("/charts/paint/focus", test_focus);
  g_test_add_func ("/charts/paint/speed", test_paint_speed);
  g_test_add_func ("/charts/check/overlap", test_checker);
  g_test_add_func ("/charts/check/bounds", test_checker_bounds);

  return g_test_run ();
}
