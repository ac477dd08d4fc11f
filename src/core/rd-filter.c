/* rd-filter.c — periods, fiscal quarters and filter resolution
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "rd-filter.h"
#include "rd-workspace-private.h"

RdFilter *
rd_filter_new (void)
{
  RdFilter *filter = g_new0 (RdFilter, 1);

  filter->period_kind = RD_PERIOD_QUARTER;
  filter->funnel_mode = RD_FUNNEL_PERIOD;
  filter->aging_clock = RD_CLOCK_SINCE_ENTRY;
  filter->forecast_lead_weeks = -1;
  return filter;
}

void
rd_filter_free (RdFilter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->segment_name);
  g_free (filter->region_name);
  g_free (filter->owner_name);
  g_free (filter->channel_name);
  g_free (filter);
}

RdFilter *
rd_filter_copy (const RdFilter *filter)
{
  RdFilter *copy = g_memdup2 (filter, sizeof *filter);

  copy->segment_name = g_strdup (filter->segment_name);
  copy->region_name = g_strdup (filter->region_name);
  copy->owner_name = g_strdup (filter->owner_name);
  copy->channel_name = g_strdup (filter->channel_name);
  return copy;
}

/* ---------------------------------------------------------------- periods */

void
rd_fiscal_quarter_of (const GDate *date,
                      int          fiscal_start_month,
                      int         *fiscal_year,
                      int         *quarter)
{
  int month = g_date_get_month (date);
  int year = g_date_get_year (date);
  int offset = (month - fiscal_start_month + 12) % 12;   /* months since the fiscal year began */

  *fiscal_year = month >= fiscal_start_month ? year : year - 1;
  *quarter = offset / 3 + 1;
}

void
rd_fiscal_quarter_bounds (int    fiscal_year,
                          int    quarter,
                          int    fiscal_start_month,
                          GDate *start,
                          GDate *end)
{
  int first = fiscal_start_month - 1 + (quarter - 1) * 3;   /* 0-based month count from January */

  g_date_clear (start, 1);
  g_date_set_dmy (start, 1, first % 12 + 1, fiscal_year + first / 12);
  *end = *start;
  g_date_add_months (end, 3);
  g_date_subtract_days (end, 1);
}

static gboolean
parse_int (const char *s,
           gsize       len,
           int        *out)
{
  int v = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      v = v * 10 + (s[i] - '0');
    }
  *out = v;
  return TRUE;
}

gboolean
rd_period_parse (const char   *key,
                 int           fiscal_start_month,
                 RdPeriodKind *kind,
                 GDate        *start,
                 GDate        *end)
{
  int year, n;

  if (key == NULL || strlen (key) != 7 || key[4] != '-' || !parse_int (key, 4, &year) || year < 1900)
    return FALSE;

  if (key[5] == 'Q' && key[6] >= '1' && key[6] <= '4')
    {
      *kind = RD_PERIOD_QUARTER;
      rd_fiscal_quarter_bounds (year, key[6] - '0', fiscal_start_month, start, end);
      return TRUE;
    }
  if (parse_int (key + 5, 2, &n) && n >= 1 && n <= 12)
    {
      *kind = RD_PERIOD_MONTH;
      g_date_clear (start, 1);
      g_date_set_dmy (start, 1, n, year);
      *end = *start;
      g_date_add_months (end, 1);
      g_date_subtract_days (end, 1);
      return TRUE;
    }
  return FALSE;
}

char *
rd_period_shift (const char *key,
                 int         offset)
{
  int year, n;

  if (key == NULL || strlen (key) != 7 || !parse_int (key, 4, &year))
    return NULL;
  if (key[5] == 'Q')
    {
      int q = (year * 4 + (key[6] - '1')) + offset;
      return g_strdup_printf ("%04d-Q%d", q / 4, q % 4 + 1);
    }
  if (parse_int (key + 5, 2, &n))
    {
      int m = year * 12 + (n - 1) + offset;
      return g_strdup_printf ("%04d-%02d", m / 12, m % 12 + 1);
    }
  return NULL;
}

static void
format_date (char        *out,
             const GDate *date)
{
  g_snprintf (out, 11, "%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

static gboolean
parse_date (const char *s,
            GDate      *date)
{
  int y, m, d;

  if (strlen (s) != 10 || s[4] != '-' || s[7] != '-' ||
      !parse_int (s, 4, &y) || !parse_int (s + 5, 2, &m) || !parse_int (s + 8, 2, &d) ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/* ------------------------------------------------------------- resolution */

/* Looks a name up case-insensitively in a fixed table; lists the choices
 * when it is unknown. @sql names only catalog tables; the name is bound. */
static gboolean
resolve_name (sqlite3     *db,
              const char  *sql,
              const char  *list_sql,
              const char  *what,
              const char  *name,
              gint64      *id,
              char       **display,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) known = NULL;

  if (name == NULL || *name == '\0')
    return TRUE;

  stmt = rd_db_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (stmt, 0);
      *display = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      return TRUE;
    }

  known = g_string_new (NULL);
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = rd_db_prepare (db, list_sql, NULL);
  while (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (known, "%s“%s”", known->len ? ", " : "", sqlite3_column_text (stmt, 0));

  g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
               _("There is no %s named “%s”. Known: %s."), what, name,
               known->len ? known->str : _("none"));
  return FALSE;
}

gboolean
rd_filter_resolve (RdFilter     *filter,
                   RdWorkspace  *ws,
                   const char   *as_of,
                   const char   *period,
                   const char   *segment,
                   const char   *region,
                   const char   *owner,
                   const char   *source,
                   GError      **error)
{
  sqlite3 *db = _rd_workspace_get_db (ws);
  int fiscal_start = (int) rd_db_query_int (db, "SELECT fiscal_year_start_month FROM settings WHERE id = 1", 1);
  GDate date, start, end;

  if (as_of)
    {
      if (!parse_date (as_of, &date))
        {
          g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                       _("The as-of date “%s” is not a date like 2026-09-30."), as_of);
          return FALSE;
        }
    }
  else
    {
      g_autoptr(GDate) ws_date = rd_workspace_dup_as_of (ws);
      date = *ws_date;
    }
  format_date (filter->as_of, &date);

  if (period == NULL || *period == '\0')
    {
      int fy, q;
      rd_fiscal_quarter_of (&date, fiscal_start, &fy, &q);
      g_snprintf (filter->period_key, sizeof filter->period_key, "%04d-Q%d", fy, q);
      rd_fiscal_quarter_bounds (fy, q, fiscal_start, &start, &end);
      filter->period_kind = RD_PERIOD_QUARTER;
    }
  else if (g_ascii_strcasecmp (period, "all") == 0)
    {
      filter->period_kind = RD_PERIOD_ALL;
      g_strlcpy (filter->period_key, "all", sizeof filter->period_key);
      g_date_clear (&start, 1);
      g_date_set_dmy (&start, 1, 1, 1900);
      end = date;
    }
  else if (rd_period_parse (period, fiscal_start, &filter->period_kind, &start, &end))
    {
      g_strlcpy (filter->period_key, period, sizeof filter->period_key);
    }
  else
    {
      g_set_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID,
                   _("The period “%s” is not a fiscal quarter like 2026-Q3, a month like 2026-07, or “all”."),
                   period);
      return FALSE;
    }
  format_date (filter->period_start, &start);
  format_date (filter->period_end, &end);

  return resolve_name (db, "SELECT id, name FROM segments WHERE name = ?1 COLLATE NOCASE",
                       "SELECT name FROM segments ORDER BY position", _("segment"),
                       segment, &filter->segment_id, &filter->segment_name, error) &&
         resolve_name (db, "SELECT id, name FROM regions WHERE name = ?1 COLLATE NOCASE",
                       "SELECT name FROM regions ORDER BY position", _("region"),
                       region, &filter->region_id, &filter->region_name, error) &&
         resolve_name (db, "SELECT id, name FROM people WHERE name = ?1 COLLATE NOCASE",
                       "SELECT name FROM people WHERE id IN (SELECT owner_id FROM opportunities) ORDER BY name",
                       _("owner"), owner, &filter->owner_id, &filter->owner_name, error) &&
         resolve_name (db, "SELECT id, name FROM channels WHERE name = ?1 COLLATE NOCASE",
                       "SELECT name FROM channels ORDER BY position", _("source"),
                       source, &filter->channel_id, &filter->channel_name, error);
}
