/* rd-chart-format.c — numbers on charts: money, counts, percentages, days
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Digits are grouped as the locale says (localeconv: separator and group
 * sizes, so "12,34,567" works for Indian locales); a locale without a
 * separator (C, POSIX) gets "," every three digits, as a spreadsheet would.
 * The choices about signs and symbols are described in rd-chart.h.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <limits.h>
#include <locale.h>
#include <math.h>

#include "rd-chart-private.h"

gboolean
rd_chart_value_defined (double value)
{
  return isfinite (value);
}

static void
append_grouped (GString *out,
                double   magnitude)
{
  const struct lconv *lc = localeconv ();
  const char *sep = lc && lc->thousands_sep && *lc->thousands_sep ? lc->thousands_sep : ",";
  const char *grouping = lc && lc->grouping && *lc->grouping ? lc->grouping : "\003";
  char digits[64];
  int len = g_snprintf (digits, sizeof digits, "%.0f", floor (magnitude));
  gboolean mark[64] = { FALSE };
  int group = grouping[0] > 0 && grouping[0] != CHAR_MAX ? grouping[0] : 3;
  int pos = len;

  /* Walk from the right; each grouping entry is a group size, the last one
   * repeats, CHAR_MAX stops grouping. */
  for (const char *g = grouping; pos - group > 0; )
    {
      pos -= group;
      mark[pos] = TRUE;
      if (g[1] != '\0')
        {
          g++;
          if (*g == CHAR_MAX || *g <= 0)
            break;
          group = *g;
        }
    }

  for (int i = 0; i < len; i++)
    {
      if (mark[i])
        g_string_append (out, sep);
      g_string_append_c (out, digits[i]);
    }
}

const char *
rd_chart_currency_symbol (const char *iso_code)
{
  static const struct { const char code[4]; const char *symbol; } known[] = {
    { "USD", "$" }, { "EUR", "€" }, { "GBP", "£" }, { "JPY", "¥" }, { "CNY", "¥" },
    { "INR", "₹" }, { "KRW", "₩" }, { "BRL", "R$" }, { "AUD", "A$" }, { "CAD", "CA$" },
    { "NZD", "NZ$" }, { "MXN", "MX$" }, { "ILS", "₪" }, { "NGN", "₦" }, { "PLN", "zł" },
  };

  if (iso_code == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_ascii_strcasecmp (iso_code, known[i].code) == 0)
      return known[i].symbol;
  return NULL;
}

static void
append_currency (GString    *out,
                 const char *currency)
{
  const char *symbol = rd_chart_currency_symbol (currency);

  if (symbol)
    g_string_append (out, symbol);
  else if (currency && *currency)
    g_string_append_printf (out, "%s\302\240", currency); /* no-break space */
}

/* "1.4M", "12.5M", "980K", "12": one decimal below a hundred of a unit,
 * none above, and a trailing ".0" dropped. */
static void
append_compact (GString *out,
                double   magnitude)
{
  /* Translators: suffixes of short amounts on charts: thousand, million, billion, trillion. */
  const char *suffixes[] = { "", C_("short number", "K"), C_("short number", "M"),
                             C_("short number", "B"), C_("short number", "T") };
  guint unit = 0;
  double scaled = magnitude;
  double rounded;
  int decimals;

  if (magnitude < 1000)
    {
      append_grouped (out, round (magnitude));
      return;
    }

  while (scaled >= 1000 && unit + 1 < G_N_ELEMENTS (suffixes))
    {
      scaled /= 1000;
      unit++;
    }
  decimals = scaled < 100 ? 1 : 0;
  rounded = round (scaled * (decimals ? 10 : 1)) / (decimals ? 10 : 1);
  if (rounded >= 1000 && unit + 1 < G_N_ELEMENTS (suffixes))
    {
      rounded = round (rounded / 100) / 10;
      unit++;
      decimals = 1;
    }
  if (decimals && fabs (rounded - round (rounded)) < 1e-9)
    decimals = 0;
  if (decimals)
    g_string_append_printf (out, "%.1f", rounded);
  else
    append_grouped (out, rounded);
  g_string_append (out, suffixes[unit]);
}

char *
rd_chart_format_money (double      value,
                       const char *currency,
                       gboolean    short_form)
{
  GString *out;
  double magnitude;

  if (!isfinite (value))
    return g_strdup (RD_CHART_DASH);

  magnitude = fabs (value);
  out = g_string_new (NULL);
  /* No minus in front of an amount that rounds to zero. */
  if (value < 0 && round (short_form ? magnitude : magnitude * 100) >= 1)
    g_string_append (out, RD_CHART_MINUS);
  append_currency (out, currency);

  if (short_form)
    append_compact (out, magnitude);
  else
    {
      double cents = round (magnitude * 100);
      double whole = floor (cents / 100);
      int rest = (int) (cents - whole * 100);
      const struct lconv *lc = localeconv ();

      append_grouped (out, whole);
      if (rest != 0)
        g_string_append_printf (out, "%s%02d",
                                lc && lc->decimal_point && *lc->decimal_point ? lc->decimal_point : ".",
                                rest);
    }
  return g_string_free (out, FALSE);
}

char *
rd_chart_format_count (double value)
{
  GString *out;
  double magnitude;

  if (!isfinite (value))
    return g_strdup (RD_CHART_DASH);

  magnitude = fabs (value);
  out = g_string_new (NULL);
  /* Counts are whole; averages of counts keep one decimal. */
  if (fabs (magnitude - round (magnitude)) >= 0.05)
    {
      g_autofree char *fraction = g_strdup_printf ("%.1f", magnitude - floor (magnitude));

      if (value < 0)
        g_string_append (out, RD_CHART_MINUS);
      append_grouped (out, floor (magnitude));
      g_string_append (out, fraction + 1);  /* ".5", with the locale's point */
    }
  else
    {
      if (value < 0 && round (magnitude) >= 1)
        g_string_append (out, RD_CHART_MINUS);
      append_grouped (out, round (magnitude));
    }
  return g_string_free (out, FALSE);
}

static char *
format_count_short (double value)
{
  GString *out;

  if (!isfinite (value))
    return g_strdup (RD_CHART_DASH);
  if (fabs (value) < 10000)
    return rd_chart_format_count (value);
  out = g_string_new (value < 0 ? RD_CHART_MINUS : "");
  append_compact (out, fabs (value));
  return g_string_free (out, FALSE);
}

/* printf's "%.*f" with a true minus sign, and no "-0". */
static char *
signed_fixed (double value,
              int    decimals)
{
  double scale = decimals ? 10.0 : 1.0;
  double rounded = round (fabs (value) * scale) / scale;

  return g_strdup_printf ("%s%.*f", value < 0 && rounded > 0 ? RD_CHART_MINUS : "", decimals, rounded);
}

char *
rd_chart_format_percent (double   percent,
                         gboolean short_form)
{
  g_autofree char *number = NULL;

  if (!isfinite (percent))
    return g_strdup (RD_CHART_DASH);
  number = signed_fixed (percent, short_form ? 0 : 1);
  /* Translators: a percentage, e.g. "26%" or "26.4%"; %s is the number. */
  return g_strdup_printf (_("%s%%"), number);
}

char *
rd_chart_format_ratio (double ratio)
{
  g_autofree char *number = NULL;

  if (!isfinite (ratio))
    return g_strdup (RD_CHART_DASH);
  number = signed_fixed (ratio, 1);
  /* Translators: a multiple such as pipeline coverage, e.g. "2.1×"; %s is the number. */
  return g_strdup_printf (_("%s×"), number);
}

char *
rd_chart_format_days (double   days,
                      gboolean short_form)
{
  g_autofree char *number = NULL;
  double whole = round (days);

  if (!isfinite (days))
    return g_strdup (RD_CHART_DASH);
  if (short_form || fabs (days - whole) < 0.05)
    {
      number = signed_fixed (days, 0);
      if (short_form)
        /* Translators: a short number of days on an axis, e.g. "30d". */
        return g_strdup_printf (C_("days short", "%sd"), number);
      return g_strdup_printf (ngettext ("%s day", "%s days", (gulong) MIN (fabs (whole), 1e6)), number);
    }
  number = signed_fixed (days, 1);
  /* Translators: a fractional number of days, e.g. "12.5 days". */
  return g_strdup_printf (_("%s days"), number);
}

static char *
format_months (double   months,
               gboolean short_form)
{
  g_autofree char *number = NULL;

  if (!isfinite (months))
    return g_strdup (RD_CHART_DASH);
  number = signed_fixed (months, fabs (months - round (months)) < 0.05 ? 0 : 1);
  if (short_form)
    /* Translators: a short number of months on an axis, e.g. "14mo". */
    return g_strdup_printf (C_("months short", "%smo"), number);
  /* Translators: a number of months, e.g. "14 months" or "14.5 months". */
  return g_strdup_printf (ngettext ("%s month", "%s months", (gulong) MIN (fabs (round (months)), 1e6)),
                          number);
}

char *
rd_chart_format_value (double      value,
                       RdUnit      unit,
                       const char *currency,
                       gboolean    short_form)
{
  switch (unit)
    {
    case RD_UNIT_MONEY:
      return rd_chart_format_money (value, currency, short_form);
    case RD_UNIT_PERCENT:
      return rd_chart_format_percent (value, short_form);
    case RD_UNIT_RATIO:
      return rd_chart_format_ratio (value);
    case RD_UNIT_DAYS:
      return rd_chart_format_days (value, short_form);
    case RD_UNIT_MONTHS:
      return format_months (value, short_form);
    case RD_UNIT_MONEY_PER_DAY:
      {
        g_autofree char *money = rd_chart_format_money (value, currency, short_form);

        if (!isfinite (value))
          return g_steal_pointer (&money);
        /* Translators: an amount of money per day, e.g. "$1.2K/day". */
        return g_strdup_printf (_("%s/day"), money);
      }
    case RD_UNIT_COUNT:
    default:
      return short_form ? format_count_short (value) : rd_chart_format_count (value);
    }
}

guint
rd_chart_nice_ticks (double  min,
                     double  max,
                     guint   max_ticks,
                     double *ticks)
{
  double raw, magnitude, fraction, step, lo, hi;
  guint n;

  g_return_val_if_fail (ticks != NULL, 0);

  if (!isfinite (min) || !isfinite (max))
    min = max = 0;
  if (max < min)
    {
      double t = min;
      min = max;
      max = t;
    }
  if (max - min < 1e-12 * MAX (fabs (min), fabs (max)) || max == min)
    {
      /* One value: start from zero so a bar still has a length. */
      if (min > 0)
        min = 0;
      else if (max < 0)
        max = 0;
      else
        max = 1;
    }
  max_ticks = CLAMP (max_ticks, 1, 15);

  raw = (max - min) / max_ticks;
  magnitude = pow (10, floor (log10 (raw)));
  fraction = raw / magnitude;
  step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;

  for (;;)
    {
      lo = floor (min / step + 1e-9) * step;
      hi = ceil (max / step - 1e-9) * step;
      n = (guint) llround ((hi - lo) / step) + 1;
      if (n <= 16)
        break;
      step *= 2;
    }

  for (guint i = 0; i < n; i++)
    {
      double t = lo + i * step;

      ticks[i] = fabs (t) < step * 1e-9 ? 0 : t;
    }
  return n;
}
