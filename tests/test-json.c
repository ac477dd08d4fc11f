/* test-json.c — JSON export and import of a whole workspace
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "rd-demo.h"
#include "rd-json.h"
#include "rd-test-util.h"
#include "rd-workspace-private.h"

static char *
export_to_string (RdWorkspace *ws)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_json_export (ws, out, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static void
round_trip (RdWorkspace *ws,
            const char  *dir)
{
  g_autofree char *first = export_to_string (ws);
  g_autofree char *json = g_build_filename (dir, "ws.json", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.revdeck", NULL);
  g_autofree char *second = NULL;
  g_autoptr(RdWorkspace) imported = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (json, first, -1, NULL));
  imported = rd_json_import (json, copy, &error);
  g_assert_no_error (error);
  g_assert_nonnull (imported);

  second = export_to_string (imported);
  g_assert_cmpuint (strlen (first), ==, strlen (second));
  g_assert_cmpstr (first, ==, second);

  /* Derived columns come back too, though they are not in the file. */
  g_assert_cmpint (rd_db_query_int (_rd_workspace_get_db (ws),
                                    "SELECT total(stage_id * 3 + (status = 'won')) FROM opportunities", -1),
                   ==,
                   rd_db_query_int (_rd_workspace_get_db (imported),
                                    "SELECT total(stage_id * 3 + (status = 'won')) FROM opportunities", -2));
}

static void
test_round_trip_demo (void)
{
  g_autofree char *dir = rd_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "demo.revdeck", NULL);
  RdDemoOptions options = { 7, 300 };
  g_autoptr(GError) error = NULL;
  g_autoptr(RdWorkspace) ws = rd_demo_create (path, &options, &error);

  g_assert_no_error (error);
  g_assert_cmpint (rd_workspace_count_rows (ws, "opportunities"), ==, 300);
  round_trip (ws, dir);
  rd_test_rmdir (dir);
}

/* Hostile text survives: quotes, backslashes, control characters, emoji,
 * right-to-left text, and a double that is not short in binary. */
static void
test_round_trip_odd_values (void)
{
  g_autofree char *dir = rd_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "odd.revdeck", NULL);
  g_autoptr(RdWorkspace) ws = rd_test_create (path);
  sqlite3 *db = _rd_workspace_get_db (ws);

  g_assert_true (rd_db_exec (db,
    "UPDATE settings SET company_name = 'Quote \" back\\slash tab\t nl\n bell' || char(7) || ' 📈 شركة',"
    "  coverage_target = 0.1 + 0.2, as_of_date = '2026-09-30';"
    "INSERT INTO accounts (name, domain, created_at) VALUES ('עסק ✓', NULL, '2026-01-02');"
    "UPDATE handoffs SET required_fields = '[ \"email\" ,  \"segment\" ]' WHERE id = (SELECT min(id) FROM handoffs);",
    NULL));
  round_trip (ws, dir);
  rd_test_rmdir (dir);
}

/* ------------------------------------------------------------- refusals */

#define SETTINGS_ROW \
  "{\"id\":1,\"company_name\":\"T\",\"currency\":\"USD\",\"fiscal_year_start_month\":1," \
  "\"as_of_date\":null,\"coverage_target\":3.0,\"start_churn_policy\":\"exclude\"," \
  "\"gross_margin\":0.8,\"forecast_lead_weeks\":4}"

#define ACCOUNT_ROW \
  "{\"id\":1,\"name\":\"Acme\",\"domain\":null,\"segment_id\":null,\"region_id\":null," \
  "\"industry\":null,\"channel_id\":null,\"owner_id\":null,\"external_id\":null,\"created_at\":\"2026-01-05\"}"

#define OPP(fields) \
  "{\"id\":1,\"name\":\"Deal\",\"account_id\":1,\"owner_id\":null,\"channel_id\":null,\"segment_id\":null," \
  "\"region_id\":null,\"category_override_id\":null,\"loss_reason\":null,\"next_step\":null," \
  "\"external_id\":null" fields "}"

#define DOC(opps) \
  "{\n\"format\":\"revdeck-workspace\",\n\"schema_version\":1,\n\"tables\":{\n" \
  "\"settings\":[\n" SETTINGS_ROW "\n],\n" \
  "\"accounts\":[\n" ACCOUNT_ROW "\n],\n" \
  "\"opportunities\":[\n" opps "\n]\n}\n}\n"

#define GOOD_OPP OPP (",\"amount_cents\":500000,\"created_at\":\"2026-01-05 10:00:00\",\"close_date\":\"2026-03-31\"")

typedef struct
{
  const char *name;
  const char *json;
  const char *expect[3];   /* words the message must hold */
} BadDoc;

static const BadDoc bad_docs[] = {
  { "truncated", "{\n\"format\":\"revdeck-workspace\",\n\"schema_version\":1,\n\"tables\":{\n\"settings\":[\n" SETTINGS_ROW,
    { "not valid JSON", ":6:" } },
  { "syntax", "{\n\"format\": \"revdeck-workspace\",,\n}", { "not valid JSON", ":2:" } },
  { "not-ours", "{\"format\":\"spreadsheet\"}", { "$.format", "not a Revdeck" } },
  { "newer", "{\"format\":\"revdeck-workspace\",\"schema_version\":9,\"tables\":{}}", { "$.schema_version", "9" } },
  { "no-settings", "{\"format\":\"revdeck-workspace\",\"schema_version\":1,\"tables\":{}}", { "$.tables.settings" } },
  { "unknown-table", "{\"format\":\"revdeck-workspace\",\"schema_version\":1,\"tables\":{\"deals\":[]}}", { "deals" } },
  { "wrong-type",
    DOC (OPP (",\"amount_cents\":\"lots\",\"created_at\":\"2026-01-05 10:00:00\",\"close_date\":\"2026-03-31\"")),
    { "Line 12", "$.tables.opportunities[0].amount_cents", "cents" } },
  { "decimal-money",
    DOC (OPP (",\"amount_cents\":12.5,\"created_at\":\"2026-01-05 10:00:00\",\"close_date\":\"2026-03-31\"")),
    { "$.tables.opportunities[0].amount_cents", "decimal" } },
  { "missing-reference",
    DOC (OPP (",\"amount_cents\":5,\"created_at\":\"2026-01-05 10:00:00\",\"close_date\":\"2026-03-31\"") ",\n"
         "{\"id\":2,\"name\":\"Other\",\"account_id\":77,\"amount_cents\":5,\"created_at\":\"2026-01-05 10:00:00\","
         "\"close_date\":\"2026-03-31\"}"),
    { "Line 13", "$.tables.opportunities[1].account_id", "accounts id 77" } },
  { "duplicate-id", DOC (GOOD_OPP ",\n" GOOD_OPP), { "Line 13", "$.tables.opportunities[1].id", "twice" } },
  { "missing-field", DOC (OPP (",\"amount_cents\":5,\"created_at\":\"2026-01-05 10:00:00\"")),
    { "$.tables.opportunities[0].close_date", "missing" } },
  { "bad-date", DOC (OPP (",\"amount_cents\":5,\"created_at\":\"2026-01-05 10:00:00\",\"close_date\":\"31/03/2026\"")),
    { "$.tables.opportunities[0].close_date", "31/03/2026" } },
  { "impossible-date", DOC (OPP (",\"amount_cents\":5,\"created_at\":\"2026-01-05 10:00:00\",\"close_date\":\"2026-02-30\"")),
    { "close_date", "2026-02-30" } },
  { "negative-amount", DOC (OPP (",\"amount_cents\":-5,\"created_at\":\"2026-01-05 10:00:00\",\"close_date\":\"2026-03-31\"")),
    { "$.tables.opportunities[0]", "amount_cents >= 0" } },
  { "unknown-field", DOC (OPP (",\"amount_cents\":5,\"created_at\":\"2026-01-05 10:00:00\",\"close_date\":\"2026-03-31\",\"colour\":\"red\"")),
    { "$.tables.opportunities[0]", "colour" } },
  { "row-not-object", DOC ("[1,2,3]"), { "$.tables.opportunities[0]", "row object" } },
  { "no-id", DOC ("{\"name\":\"x\"}"), { "$.tables.opportunities[0].id", "id" } },
};

static void
test_refuses_bad_document (gconstpointer data)
{
  const BadDoc *bad = data;
  g_autofree char *dir = rd_test_tmpdir ();
  g_autofree char *json = g_build_filename (dir, "in.json", NULL);
  g_autofree char *dest = g_build_filename (dir, "out.revdeck", NULL);
  g_autofree char *part = g_strdup_printf ("%s.part", dest);
  g_autoptr(RdWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (json, bad->json, -1, NULL));
  ws = rd_json_import (json, dest, &error);
  g_assert_null (ws);
  g_assert_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_INVALID);
  g_test_message ("%s: %s", bad->name, error->message);
  for (guint i = 0; i < G_N_ELEMENTS (bad->expect) && bad->expect[i]; i++)
    if (strstr (error->message, bad->expect[i]) == NULL)
      g_error ("%s: message “%s” lacks “%s”", bad->name, error->message, bad->expect[i]);

  /* Nothing is written. */
  g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  rd_test_rmdir (dir);
}

static void
test_accepts_minimal_document (void)
{
  g_autofree char *dir = rd_test_tmpdir ();
  g_autofree char *json = g_build_filename (dir, "in.json", NULL);
  g_autofree char *dest = g_build_filename (dir, "out.revdeck", NULL);
  g_autoptr(RdWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (json, DOC (GOOD_OPP), -1, NULL));
  ws = rd_json_import (json, dest, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_workspace_count_rows (ws, "opportunities"), ==, 1);
  g_assert_cmpint (rd_db_query_int (_rd_workspace_get_db (ws), "SELECT amount_cents FROM opportunities", 0), ==, 500000);
  rd_test_rmdir (dir);
}

static void
test_refuses_existing_destination (void)
{
  g_autofree char *dir = rd_test_tmpdir ();
  g_autofree char *json = g_build_filename (dir, "in.json", NULL);
  g_autofree char *dest = g_build_filename (dir, "out.revdeck", NULL);
  g_autoptr(RdWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (json, DOC (GOOD_OPP), -1, NULL));
  g_assert_true (g_file_set_contents (dest, "precious", -1, NULL));
  ws = rd_json_import (json, dest, &error);
  g_assert_null (ws);
  g_assert_error (error, RD_WORKSPACE_ERROR, RD_WORKSPACE_ERROR_EXISTS);
  g_assert_true (g_file_get_contents (dest, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "precious");
  rd_test_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/round-trip/demo", test_round_trip_demo);
  g_test_add_func ("/json/round-trip/odd-values", test_round_trip_odd_values);
  g_test_add_func ("/json/import/minimal", test_accepts_minimal_document);
  g_test_add_func ("/json/import/existing-destination", test_refuses_existing_destination);
  for (guint i = 0; i < G_N_ELEMENTS (bad_docs); i++)
    {
      g_autofree char *name = g_strdup_printf ("/json/import/refuse/%s", bad_docs[i].name);
      g_test_add_data_func (name, &bad_docs[i], test_refuses_bad_document);
    }
  return g_test_run ();
}
