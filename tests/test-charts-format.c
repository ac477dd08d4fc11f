/* test-charts-format.c — how numbers are written on charts
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <math.h>

#include "rd-chart.h"

#define MINUS "\342\210\222"
#define DASH "\342\200\224"

static void
check (char       *got,
       const char *expected)
{
  g_assert_cmpstr (got, ==, expected);
  g_free (got);
}

static void
test_money_short (void)
{
  check (rd_chart_format_money (1412300, "USD", TRUE), "$1.4M");
  check (rd_chart_format_money (980000, "USD", TRUE), "$980K");
  check (rd_chart_format_money (12, "USD", TRUE), "$12");
  check (rd_chart_format_money (0, "USD", TRUE), "$0");
  check (rd_chart_format_money (1000000, "USD", TRUE), "$1M");
  check (rd_chart_format_money (999600, "USD", TRUE), "$1M");
  check (rd_chart_format_money (12500000, "USD", TRUE), "$12.5M");
  check (rd_chart_format_money (10000000, "USD", TRUE), "$10M");
  check (rd_chart_format_money (125000000, "USD", TRUE), "$125M");
  check (rd_chart_format_money (2.5e9, "EUR", TRUE), "€2.5B");
  check (rd_chart_format_money (-1412300, "USD", TRUE), MINUS "$1.4M");
  check (rd_chart_format_money (-0.2, "USD", TRUE), "$0");
  check (rd_chart_format_money (45600, "CHF", TRUE), "CHF\302\24045.6K");
  check (rd_chart_format_money (NAN, "USD", TRUE), DASH);
  check (rd_chart_format_money (INFINITY, "USD", TRUE), DASH);
}

static void
test_money_exact (void)
{
  check (rd_chart_format_money (1412300, "USD", FALSE), "$1,412,300");
  check (rd_chart_format_money (1234567.5, "EUR", FALSE), "€1,234,567.50");
  check (rd_chart_format_money (-980, "GBP", FALSE), MINUS "£980");
  check (rd_chart_format_money (0, "USD", FALSE), "$0");
  check (rd_chart_format_money (999, NULL, FALSE), "999");
}

static void
test_count (void)
{
  check (rd_chart_format_count (0), "0");
  check (rd_chart_format_count (999), "999");
  check (rd_chart_format_count (1000), "1,000");
  check (rd_chart_format_count (1234567), "1,234,567");
  check (rd_chart_format_count (-42000), MINUS "42,000");
  check (rd_chart_format_count (2.5), "2.5");
  check (rd_chart_format_count (NAN), DASH);
  /* Short counts stay exact below ten thousand, compact above. */
  check (rd_chart_format_value (9500, RD_UNIT_COUNT, NULL, TRUE), "9,500");
  check (rd_chart_format_value (120000, RD_UNIT_COUNT, NULL, TRUE), "120K");
}

static void
test_percent_ratio_days (void)
{
  check (rd_chart_format_percent (26.44, FALSE), "26.4%");
  check (rd_chart_format_percent (26.44, TRUE), "26%");
  check (rd_chart_format_percent (0, TRUE), "0%");
  check (rd_chart_format_percent (-3.2, FALSE), MINUS "3.2%");
  check (rd_chart_format_percent (-0.01, FALSE), "0.0%");
  check (rd_chart_format_percent (NAN, FALSE), DASH);
  check (rd_chart_format_ratio (2.14), "2.1×");
  check (rd_chart_format_ratio (NAN), DASH);
  check (rd_chart_format_days (1, FALSE), "1 day");
  check (rd_chart_format_days (12, FALSE), "12 days");
  check (rd_chart_format_days (12.5, FALSE), "12.5 days");
  check (rd_chart_format_days (30, TRUE), "30d");
  check (rd_chart_format_value (14, RD_UNIT_MONTHS, NULL, FALSE), "14 months");
  check (rd_chart_format_value (1200, RD_UNIT_MONEY_PER_DAY, "USD", TRUE), "$1.2K/day");
  check (rd_chart_format_value (2.0, RD_UNIT_RATIO, NULL, TRUE), "2.0×");
}

static void
test_currency (void)
{
  g_assert_cmpstr (rd_chart_currency_symbol ("USD"), ==, "$");
  g_assert_cmpstr (rd_chart_currency_symbol ("EUR"), ==, "€");
  g_assert_cmpstr (rd_chart_currency_symbol ("eur"), ==, "€");
  g_assert_null (rd_chart_currency_symbol ("XYZ"));
  g_assert_null (rd_chart_currency_symbol (NULL));
}

static void
assert_ticks (double        min,
              double        max,
              guint         max_ticks,
              const double *expected,
              guint         n_expected)
{
  double ticks[16];
  guint n = rd_chart_nice_ticks (min, max, max_ticks, ticks);

  g_assert_cmpuint (n, ==, n_expected);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (ticks[i], expected[i], 1e-9);
}

static void
test_nice_ticks (void)
{
  const double a[] = { 0, 200000, 400000, 600000, 800000, 1000000, 1200000, 1400000, 1600000 };
  const double b[] = { -50, 0, 50, 100 };
  const double c[] = { 0, 1 };
  const double d[] = { 0, 5, 10, 15, 20, 25 };
  double ticks[16];
  guint n;

  assert_ticks (0, 1412300, 8, a, G_N_ELEMENTS (a));
  assert_ticks (-40, 95, 4, b, G_N_ELEMENTS (b));
  assert_ticks (0, 0, 1, c, G_N_ELEMENTS (c));
  assert_ticks (0, 21, 5, d, G_N_ELEMENTS (d));
  /* NaN input still gives a usable axis; huge ranges stay within 16 ticks. */
  n = rd_chart_nice_ticks (NAN, 3, 5, ticks);
  g_assert_cmpuint (n, >=, 2);
  n = rd_chart_nice_ticks (0, 1e12, 100, ticks);
  g_assert_cmpuint (n, <=, 16);
  g_assert_cmpfloat (ticks[n - 1], >=, 1e12);
}

static void
test_theme (void)
{
  RdChartTheme light, dark;
  RdChartColor c;

  rd_chart_theme_init (&light, RD_CHART_STYLE_LIGHT);
  rd_chart_theme_init (&dark, RD_CHART_STYLE_DARK);
  /* The GNOME palette: blue #3584e4 in light. */
  g_assert_cmpfloat_with_epsilon (light.inks[RD_INK_BLUE].red, 0x35 / 255.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (light.inks[RD_INK_BLUE].blue, 0xe4 / 255.0, 1e-9);
  /* Dark text is light and the background dark. */
  g_assert_cmpfloat (dark.inks[RD_INK_TEXT].green, >, 0.9);
  g_assert_cmpfloat (dark.inks[RD_INK_BACKGROUND].green, <, 0.2);
  /* Text on the darkest heat cell is white, on the lightest black. */
  rd_chart_theme_resolve (&light, RD_INK_CONTRAST, 1.0, RD_INK_HEAT, &c);
  g_assert_cmpfloat (c.red, ==, 1);
  rd_chart_theme_resolve (&light, RD_INK_CONTRAST, 0.0, RD_INK_HEAT, &c);
  g_assert_cmpfloat (c.red, ==, 0);
  /* Status colours always come with a word. */
  g_assert_cmpstr (rd_chart_status_word (RD_STATUS_OFF_TRACK), ==, "Off track");
  g_assert_cmpint (rd_chart_status_ink (RD_STATUS_OFF_TRACK), ==, RD_INK_BAD);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/charts/format/money-short", test_money_short);
  g_test_add_func ("/charts/format/money-exact", test_money_exact);
  g_test_add_func ("/charts/format/count", test_count);
  g_test_add_func ("/charts/format/percent-ratio-days", test_percent_ratio_days);
  g_test_add_func ("/charts/format/currency", test_currency);
  g_test_add_func ("/charts/format/nice-ticks", test_nice_ticks);
  g_test_add_func ("/charts/theme", test_theme);

  return g_test_run ();
}
