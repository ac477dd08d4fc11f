/* test-filter.c — periods, fiscal quarters and filter resolution
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rd-filter.h"
#include "rd-test-util.h"
#include "rd-workspace-private.h"

static char *
fmt (const GDate *d)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (d), g_date_get_month (d), g_date_get_day (d));
}

static void
test_fiscal_quarters (void)
{
  static const struct { int start_month; const char *date; int fy, q; const char *from, *to; } cases[] = {
    /* Calendar year. */
    { 1, "2026-09-30", 2026, 3, "2026-07-01", "2026-09-30" },
    { 1, "2026-01-01", 2026, 1, "2026-01-01", "2026-03-31" },
    { 1, "2026-12-31", 2026, 4, "2026-10-01", "2026-12-31" },
    /* February start: a fiscal year is named by the year it starts in. */
    { 2, "2026-09-30", 2026, 3, "2026-08-01", "2026-10-31" },
    { 2, "2026-01-15", 2025, 4, "2025-11-01", "2026-01-31" },
    { 2, "2026-02-01", 2026, 1, "2026-02-01", "2026-04-30" },
    /* July start: Q3 runs January to March of the next calendar year. */
    { 7, "2027-02-28", 2026, 3, "2027-01-01", "2027-03-31" },
    { 7, "2026-12-31", 2026, 2, "2026-10-01", "2026-12-31" },
    /* November start: Q1 crosses the year end and Q2 holds a leap day. */
    { 11, "2027-12-15", 2027, 1, "2027-11-01", "2028-01-31" },
    { 11, "2028-02-29", 2027, 2, "2028-02-01", "2028-04-30" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date, start, end;
      int fy, q;
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      g_date_clear (&date, 1);
      g_date_set_parse (&date, cases[i].date);
      g_assert_true (g_date_valid (&date));
      rd_fiscal_quarter_of (&date, cases[i].start_month, &fy, &q);
      g_assert_cmpint (fy, ==, cases[i].fy);
      g_assert_cmpint (q, ==, cases[i].q);
      rd_fiscal_quarter_bounds (fy, q, cases[i].start_month, &start, &end);
      from = fmt (&start);
      to = fmt (&end);
      g_assert_cmpstr (from, ==, cases[i].from);
      g_assert_cmpstr (to, ==, cases[i].to);
      /* The date lies inside its own quarter. */
      g_assert_cmpint (g_date_compare (&start, &date), <=, 0);
      g_assert_cmpint (g_date_compare (&date, &end), <=, 0);
    }
}

static void
test_period_parse_and_shift (void)
{
  RdPeriodKind kind;
  GDate start, end;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  static const char *bad[] = { "", "2026", "2026-Q5", "2026-Q0", "2026-13", "2026-00", "26-Q1", "2026/07", "abcd-Q1", "2026-Q1x" };
  static const struct { const char *key; int offset; const char *want; } shifts[] = {
    { "2026-Q1", -1, "2025-Q4" }, { "2026-Q4", 1, "2027-Q1" }, { "2026-Q3", -8, "2024-Q3" },
    { "2026-01", -1, "2025-12" }, { "2026-12", 1, "2027-01" }, { "2026-07", 0, "2026-07" },
  };

  g_assert_true (rd_period_parse ("2026-07", 2, &kind, &start, &end));
  g_assert_cmpint (kind, ==, RD_PERIOD_MONTH);
  from = fmt (&start);
  to = fmt (&end);
  g_assert_cmpstr (from, ==, "2026-07-01");
  g_assert_cmpstr (to, ==, "2026-07-31");

  g_assert_true (rd_period_parse ("2024-02", 1, &kind, &start, &end));
  g_free (to);
  to = fmt (&end);
  g_assert_cmpstr (to, ==, "2024-02-29");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (rd_period_parse (bad[i], 1, &kind, &start, &end));

  for (guint i = 0; i < G_N_ELEMENTS (shifts); i++)
    {
      g_autofree char *got = rd_period_shift (shifts[i].key, shifts[i].offset);
      g_assert_cmpstr (got, ==, shifts[i].want);
    }
}

static void
test_resolve (void)
{
  g_autofree char *dir = rd_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "f.revdeck", NULL);
  g_autoptr(RdWorkspace) ws = rd_test_create (path);
  sqlite3 *db = _rd_workspace_get_db (ws);

  g_assert_true (rd_db_exec (db, "UPDATE settings SET as_of_date = '2026-09-30', fiscal_year_start_month = 2", NULL));

  /* Defaults: the workspace's as-of and the fiscal quarter holding it. */
  {
    g_autoptr(RdFilter) f = rd_filter_new ();
    g_autoptr(GError) error = NULL;
    g_assert_true (rd_filter_resolve (f, ws, NULL, NULL, NULL, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (f->as_of, ==, "2026-09-30");
    g_assert_cmpstr (f->period_key, ==, "2026-Q3");
    g_assert_cmpstr (f->period_start, ==, "2026-08-01");
    g_assert_cmpstr (f->period_end, ==, "2026-10-31");
    g_assert_cmpint (f->segment_id, ==, 0);
  }

  /* Names match whatever their case and keep their own spelling. */
  {
    g_autoptr(RdFilter) f = rd_filter_new ();
    g_autoptr(GError) error = NULL;
    g_assert_true (rd_filter_resolve (f, ws, "2026-03-31", "all", "enterprise", NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (f->period_kind, ==, RD_PERIOD_ALL);
    g_assert_cmpstr (f->period_end, ==, "2026-03-31");
    g_assert_cmpstr (f->segment_name, ==, "Enterprise");
    g_assert_cmpint (f->segment_id, >, 0);
  }

  /* Refusals say what was wrong and what would do. */
  {
    static const struct { const char *as_of, *period, *segment, *region, *source, *words; } bad[] = {
      { "2026-02-30", NULL, NULL, NULL, NULL, "2026-02-30" },
      { "30/09/2026", NULL, NULL, NULL, NULL, "not a date" },
      { NULL, "Q3", NULL, NULL, NULL, "fiscal quarter" },
      { NULL, NULL, "Government", NULL, NULL, "Enterprise" },
      { NULL, NULL, NULL, "Mars", NULL, "no region named “Mars”" },
      { NULL, NULL, NULL, NULL, "Carrier pigeon", "source" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(RdFilter) f = rd_filter_new ();
        g_autoptr(GError) error = NULL;
        g_assert_false (rd_filter_resolve (f, ws, bad[i].as_of, bad[i].period, bad[i].segment, bad[i].region,
                                           NULL, bad[i].source, &error));
        g_assert_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID);
        if (strstr (error->message, bad[i].words) == NULL)
          g_error ("“%s” lacks “%s”", error->message, bad[i].words);
      }
  }
  rd_test_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/filter/fiscal-quarters", test_fiscal_quarters);
  g_test_add_func ("/filter/periods", test_period_parse_and_shift);
  g_test_add_func ("/filter/resolve", test_resolve);
  return g_test_run ();
}
