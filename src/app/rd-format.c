/* rd-format.c — how figures are written for people
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Money is short in tiles and tables ("$14.9M", "$15.0M", "$412k") and
 * exact in tooltips; counts are grouped; a ratio with no denominator is "—".
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "rd-format.h"

#define MINUS "\342\210\222"   /* U+2212, the minus sign */
#define UNDEFINED "\342\200\224" /* U+2014, an em dash */

static const char *
thousands_separator (void)
{
  const struct lconv *lc = localeconv ();

  return lc && lc->thousands_sep && *lc->thousands_sep ? lc->thousands_sep : ",";
}

static void
append_grouped (GString *out,
                guint64  n)
{
  char digits[32];
  int len = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, n);
  const char *sep = thousands_separator ();

  for (int i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, sep);
      g_string_append_c (out, digits[i]);
    }
}

char *
rd_format_count (gint64 n)
{
  GString *out = g_string_new (n < 0 ? MINUS : "");

  append_grouped (out, n < 0 ? (guint64) -(n + 1) + 1 : (guint64) n);
  return g_string_free (out, FALSE);
}

/* The symbol goes before the number; unknown codes are written out ("CHF 12k"). */
static const char *
currency_prefix (const char *code)
{
  static const struct { const char *code, *prefix; } symbols[] = {
    { "USD", "$" }, { "EUR", "€" }, { "GBP", "£" }, { "JPY", "¥" }, { "INR", "₹" },
    { "AUD", "A$" }, { "CAD", "CA$" }, { "NZD", "NZ$" }, { "BRL", "R$" }, { "KRW", "₩" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (g_strcmp0 (code, symbols[i].code) == 0)
      return symbols[i].prefix;
  return NULL;
}

static void
append_currency (GString    *out,
                 const char *currency)
{
  const char *prefix = currency_prefix (currency);

  if (prefix)
    g_string_append (out, prefix);
  else
    g_string_append_printf (out, "%s ", currency ? currency : "");
}

char *
rd_format_money_short (gint64      cents,
                       const char *currency)
{
  /* Translators: suffixes of short money amounts: thousands, millions, billions, trillions. */
  const struct { double div; const char *suffix; } units[] = {
    { 1, "" }, { 1e3, C_("money", "k") }, { 1e6, C_("money", "M") },
    { 1e9, C_("money", "B") }, { 1e12, C_("money", "T") },
  };
  double value = fabs ((double) cents) / 100.0;
  GString *out = g_string_new (cents < 0 ? MINUS : "");

  append_currency (out, currency);
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      double scaled = value / units[i].div;
      int decimals = i == 0 ? 0 : scaled < 10 ? 1 : scaled < 100 && i >= 2 ? 1 : 0;
      double rounded = round (scaled * pow (10, decimals)) / pow (10, decimals);
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      if (rounded >= 1000 && i + 1 < G_N_ELEMENTS (units))
        continue;

      g_snprintf (number, sizeof number, "%.*f", decimals, rounded);
      g_string_append (out, number);
      g_string_append (out, units[i].suffix);
      break;
    }
  return g_string_free (out, FALSE);
}

char *
rd_format_money_exact (gint64      cents,
                       const char *currency)
{
  guint64 magnitude = cents < 0 ? (guint64) -(cents + 1) + 1 : (guint64) cents;
  const struct lconv *lc = localeconv ();
  GString *out = g_string_new (cents < 0 ? MINUS : "");

  append_currency (out, currency);
  append_grouped (out, magnitude / 100);
  if (magnitude % 100 != 0)
    g_string_append_printf (out, "%s%02u",
                            lc && lc->decimal_point && *lc->decimal_point ? lc->decimal_point : ".",
                            (guint) (magnitude % 100));
  return g_string_free (out, FALSE);
}

char *
rd_format_percent (double percent)
{
  /* Translators: a percentage with one decimal, e.g. "23.5%" */
  return g_strdup_printf (_("%.1f%%"), percent);
}

char *
rd_format_days (double days)
{
  long whole = lround (days);

  if (fabs (days - (double) whole) > 0.01)
    return g_strdup_printf (_("%.1f days"), days);
  return g_strdup_printf (ngettext ("%ld day", "%ld days", (unsigned long) labs (whole)), whole);
}

static char *
strftime_date (const GDate *date,
               const char  *format)
{
  char buf[128];

  if (date == NULL || !g_date_valid (date) || g_date_strftime (buf, sizeof buf, format, date) == 0)
    return g_strdup (UNDEFINED);
  return g_strdup (buf);
}

char *
rd_format_date (const GDate *date)
{
  /* Translators: a date in strftime format, e.g. "30 Sep 2026" */
  return strftime_date (date, _("%-d %b %Y"));
}

char *
rd_format_month (const char *month)
{
  GDate date;

  g_date_clear (&date, 1);
  if (month && strlen (month) == 7)
    {
      int y = (int) g_ascii_strtoll (month, NULL, 10);
      int m = (int) g_ascii_strtoll (month + 5, NULL, 10);

      if (g_date_valid_dmy (1, m, y))
        g_date_set_dmy (&date, 1, m, y);
    }
  /* Translators: a month in strftime format, e.g. "Sep 2026" */
  return strftime_date (&date, _("%b %Y"));
}

char *
rd_format_date_range (const GDate *first,
                      const GDate *last)
{
  g_autofree char *from = NULL;
  g_autofree char *to = rd_format_date (last);

  if (g_date_valid (first) && g_date_valid (last) && g_date_get_year (first) == g_date_get_year (last))
    /* Translators: a date without its year, at the start of a range, e.g. "1 Aug" */
    from = strftime_date (first, _("%-d %b"));
  else
    from = rd_format_date (first);
  /* Translators: a range of dates, e.g. "1 Aug – 31 Oct 2026" */
  return g_strdup_printf (_("%s – %s"), from, to);
}

char *
rd_format_iso_date (const char *iso)
{
  GDate date;

  g_date_clear (&date, 1);
  if (iso && strlen (iso) >= 10)
    {
      int y = (int) g_ascii_strtoll (iso, NULL, 10);
      int m = (int) g_ascii_strtoll (iso + 5, NULL, 10);
      int d = (int) g_ascii_strtoll (iso + 8, NULL, 10);

      if (g_date_valid_dmy (d, m, y))
        g_date_set_dmy (&date, d, m, y);
    }
  return rd_format_date (&date);
}

/* "FY2026 Q3", "Sep 2026" or "All time". */
char *
rd_format_period (const RdFilter *filter)
{
  switch (filter->period_kind)
    {
    case RD_PERIOD_QUARTER:
      /* Translators: a fiscal quarter, named by the year its fiscal year starts in, e.g. "FY2026 Q3" */
      return g_strdup_printf (_("FY%.4s Q%c"), filter->period_key, filter->period_key[6]);
    case RD_PERIOD_MONTH:
      return rd_format_month (filter->period_key);
    case RD_PERIOD_ALL:
    default:
      return g_strdup (_("All time"));
    }
}

/* One line saying what the figures cover: period, its dates, the filters, as-of. */
char *
rd_format_filter (const RdFilter *filter)
{
  g_autofree char *period = rd_format_period (filter);
  g_autofree char *as_of = rd_format_iso_date (filter->as_of);
  GString *out = g_string_new (period);
  const struct { const char *name; const char *label; } parts[] = {
    { filter->segment_name, N_("segment") }, { filter->region_name, N_("region") },
    { filter->owner_name, N_("owner") }, { filter->channel_name, N_("source") },
  };

  if (filter->period_kind != RD_PERIOD_ALL)
    {
      g_autofree char *from = rd_format_iso_date (filter->period_start);
      g_autofree char *to = rd_format_iso_date (filter->period_end);

      g_string_append_printf (out, " (%s – %s)", from, to);
    }
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i].name)
      /* Translators: a filter in the line under a page title, e.g. " · region EMEA" */
      g_string_append_printf (out, _(" · %s %s"), _(parts[i].label), parts[i].name);
  /* Translators: the end of the line under a page title, e.g. " · as of 30 Sep 2026" */
  g_string_append_printf (out, _(" · as of %s"), as_of);
  return g_string_free (out, FALSE);
}

static char *
format_value (RdUnit      unit,
              double      value,
              const char *currency,
              gboolean    exact)
{
  switch (unit)
    {
    case RD_UNIT_MONEY:
      return exact ? rd_format_money_exact (llround (value * 100.0), currency)
                   : rd_format_money_short (llround (value * 100.0), currency);
    case RD_UNIT_PERCENT:
      return rd_format_percent (value);
    case RD_UNIT_RATIO:
      /* Translators: a multiple such as pipeline coverage, e.g. "2.4×" */
      return g_strdup_printf (_("%.1f×"), value);
    case RD_UNIT_DAYS:
      return rd_format_days (value);
    case RD_UNIT_MONTHS:
      /* Translators: a number of months, e.g. "14.2 months" */
      return g_strdup_printf (_("%.1f months"), value);
    case RD_UNIT_MONEY_PER_DAY:
      {
        g_autofree char *money = format_value (RD_UNIT_MONEY, value, currency, exact);
        /* Translators: money per day, e.g. "$17.1k/day" */
        return g_strdup_printf (_("%s/day"), money);
      }
    case RD_UNIT_COUNT:
    default:
      if (fabs (value - round (value)) > 0.005)
        return g_strdup_printf ("%.1f", value);
      return rd_format_count (llround (value));
    }
}

char *
rd_format_metric (const RdMetric *metric,
                  const char     *currency)
{
  if (metric == NULL || !metric->defined)
    return g_strdup (UNDEFINED);
  return format_value (metric->unit, metric->value, currency, FALSE);
}

char *
rd_format_metric_exact (const RdMetric *metric,
                        const char     *currency)
{
  if (metric == NULL || !metric->defined)
    return g_strdup (metric && metric->reason ? metric->reason : UNDEFINED);
  return format_value (metric->unit, metric->value, currency, TRUE);
}
