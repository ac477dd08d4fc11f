/* test-window.c — the dashboard window on the demo company, seen as a user sees it
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens a fresh demo workspace in an RdWindow, visits every view, checks that
 * each shows the real figures of rd_summary_compute(), and saves a screenshot
 * of each view, light and dark, at 1280×800 and 800×600, into
 * $G_TEST_BUILDDIR/screenshots/. Then checks that a file that is not a
 * workspace is refused with a dialog naming it, and that the window keeps
 * the workspace it had; and that an empty workspace shows zeros and dashes.
 *
 * Needs a display: run under xvfb-run with GSK_RENDERER=cairo,
 * GSETTINGS_BACKEND=memory and GSETTINGS_SCHEMA_DIR=<build>/data.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rd-application.h"
#include "rd-coverage-quarter.h"
#include "rd-demo.h"
#include "rd-figure-row.h"
#include "rd-figure-tile.h"
#include "rd-format.h"
#include "rd-window.h"
#include "rd-workspace-private.h"

static const char *views[] = { "overview", "funnel", "aging", "coverage", "retention", "quality" };

static RdApplication *app;
static char *tmp_dir;
static char *demo_path;

/* ----------------------------------------------------------------- helpers */

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static GPtrArray *
find_all (GtkWidget *root,
          GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (root, type, found);
  return found;
}

static RdFigureTile *
find_tile (GtkWidget  *root,
           const char *title)
{
  g_autoptr(GPtrArray) tiles = find_all (root, RD_TYPE_FIGURE_TILE);

  for (guint i = 0; i < tiles->len; i++)
    if (g_strcmp0 (rd_figure_tile_get_title (tiles->pdata[i]), title) == 0)
      return tiles->pdata[i];
  g_error ("no tile “%s”", title);
  return NULL;
}

/* Figure rows, without the column headers. */
static GPtrArray *
find_figure_rows (GtkWidget *root)
{
  GPtrArray *rows = find_all (root, RD_TYPE_FIGURE_ROW);

  for (guint i = rows->len; i-- > 0;)
    if (gtk_widget_has_css_class (rows->pdata[i], "figure-header"))
      g_ptr_array_remove_index (rows, i);
  return rows;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static gboolean
settled_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_for_draw (GtkWidget *widget)
{
  gboolean settled = FALSE;

  /* Let CSS transitions (the view switcher's buttons) finish, then wait for
   * a frame drawn after them. */
  g_timeout_add (400, settled_cb, &settled);
  while (!settled)
    g_main_context_iteration (NULL, TRUE);
  gtk_test_widget_wait_for_draw (widget);
}

static RdWindow *
open_window (int width,
             int height)
{
  RdWindow *window = rd_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  g_assert_true (rd_window_open_path (window, demo_path));
  gtk_window_present (GTK_WINDOW (window));
  wait_for_draw (GTK_WIDGET (window));
  return window;
}

/* ------------------------------------------------------ what each view shows */

static void
check_overview (GtkWidget       *page,
                const RdSummary *summary)
{
  g_autofree char *arr = rd_format_money_short (summary->overview.arr_cents, summary->overview.currency);
  g_autofree char *zero = rd_format_money_short (0, summary->overview.currency);
  g_autofree char *win_rate = rd_format_percent (summary->overview.win_rate);
  g_autofree char *customers = rd_format_count (summary->overview.active_customers);

  g_assert_cmpstr (rd_figure_tile_get_value (find_tile (page, "ARR")), ==, arr);
  g_assert_cmpstr (arr, !=, zero);
  g_assert_cmpstr (rd_figure_tile_get_value (find_tile (page, "Win rate")), ==, win_rate);
  g_assert_true (summary->overview.win_rate.defined);
  g_assert_cmpstr (rd_figure_tile_get_value (find_tile (page, "Active customers")), ==, customers);
  g_assert_cmpint (summary->overview.active_customers, >, 0);
}

static void
check_funnel (GtkWidget       *page,
              const RdSummary *summary)
{
  g_autoptr(GPtrArray) rows = find_figure_rows (page);

  g_assert_cmpuint (summary->funnel.n_stages, >, 0);
  g_assert_cmpuint (rows->len, ==, summary->funnel.n_stages);
  for (guint i = 0; i < rows->len; i++)
    {
      const RdFunnelStageFigures *stage = &summary->funnel.stages[i];
      g_autofree char *quarter = rd_format_count (stage->entered_quarter);

      g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[i]), ==, stage->name);
      g_assert_cmpstr (rd_figure_row_get_value (rows->pdata[i], "This quarter"), ==, quarter);
      /* Skipped stages count as passed, so the funnel never widens. */
      if (i > 0)
        g_assert_cmpint (stage->entered_all_time, <=, summary->funnel.stages[i - 1].entered_all_time);
    }
  g_assert_cmpint (summary->funnel.stages[0].entered_all_time, >, 0);
}

static void
check_aging (GtkWidget       *page,
             const RdSummary *summary)
{
  g_autoptr(GPtrArray) rows = find_figure_rows (page);
  g_autofree char *open = rd_format_count (summary->aging.open_deals);

  g_assert_cmpuint (summary->aging.n_stages, >, 0);
  g_assert_cmpuint (rows->len, ==, summary->aging.n_stages);
  g_assert_cmpint (summary->aging.open_deals, >, 0);
  g_assert_cmpstr (rd_figure_tile_get_value (find_tile (page, "Open deals")), ==, open);
}

static void
check_coverage (GtkWidget       *page,
                const RdSummary *summary)
{
  g_autoptr(GPtrArray) quarters = find_all (page, RD_TYPE_COVERAGE_QUARTER);
  g_autoptr(GPtrArray) tiles = find_all (page, RD_TYPE_FIGURE_TILE);
  g_autofree char *quota = rd_format_money_short (summary->coverage.current.quota_cents,
                                                  summary->overview.currency);

  g_assert_cmpuint (quarters->len, ==, 2);
  g_assert_true (summary->coverage.current.has_quota);
  g_assert_cmpstr (rd_figure_tile_get_value (find_tile (quarters->pdata[0], "Quota")), ==, quota);
  g_assert_cmpuint (tiles->len, ==, 8);
}

static void
check_retention (GtkWidget       *page,
                 const RdSummary *summary)
{
  const RdSummaryRetention *r = &summary->retention;
  g_autoptr(GPtrArray) rows = find_figure_rows (page);
  g_autofree char *end = rd_format_money_short (r->end_arr_cents, summary->overview.currency);

  /* The bridge adds up exactly, and ends at the Overview's ARR. */
  g_assert_cmpint (r->start_arr_cents + r->new_cents + r->reactivation_cents + r->expansion_cents
                   - r->contraction_cents - r->churn_cents, ==, r->end_arr_cents);
  g_assert_cmpint (r->end_arr_cents, ==, summary->overview.arr_cents);
  g_assert_cmpuint (rows->len, ==, 7);
  g_assert_cmpstr (rd_figure_tile_get_value (find_tile (page, "ARR now")), ==, end);
}

static void
check_quality (GtkWidget       *page,
               const RdSummary *summary)
{
  g_autofree char *missing = rd_format_count (summary->quality.leads_missing_field);

  g_assert_cmpint (summary->quality.leads, >, 0);
  g_assert_cmpstr (rd_figure_tile_get_value (find_tile (page, "Leads missing required fields")), ==, missing);
}

typedef void (*CheckFunc) (GtkWidget *page, const RdSummary *summary);

static const CheckFunc checks[] = {
  check_overview, check_funnel, check_aging, check_coverage, check_retention, check_quality,
};

static void
visit_views (RdWindow   *window,
             const char *suffix)
{
  const RdSummary *summary = rd_window_get_summary (window);

  g_assert_nonnull (summary);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkWidget *page = rd_window_get_view (window, views[i]);
      AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (page, ADW_TYPE_VIEW_STACK));
      g_autofree char *name = g_strdup_printf ("%s-%s", views[i], suffix);

      rd_window_set_visible_view (window, views[i]);
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, views[i]);
      wait_for_draw (GTK_WIDGET (window));
      g_assert_true (gtk_widget_get_mapped (page));

      checks[i] (page, summary);
      save_screenshot (GTK_WIDGET (window), name);
    }
}

/* ------------------------------------------------------------------- tests */

static void
test_views (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const struct { int width, height; } sizes[] = { { 1280, 800 }, { 800, 600 } };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      RdWindow *window = open_window (sizes[s].width, sizes[s].height);
      const char *company = rd_window_get_summary (window)->overview.company_name;
      g_autofree char *size = g_strdup_printf ("%dx%d", sizes[s].width, sizes[s].height);
      g_autofree char *light = g_strdup_printf ("light-%s", size);
      g_autofree char *dark = g_strdup_printf ("dark-%s", size);

      /* Client-side decorations may take a few pixels of the default size. */
      g_assert_cmpint (ABS (gtk_widget_get_width (GTK_WIDGET (window)) - sizes[s].width), <=, 16);
      g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), company));
      if (s > 0)
        {
          /* The view last visited is the one a new window starts on. */
          GtkWidget *page = rd_window_get_view (window, "quality");
          AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (page, ADW_TYPE_VIEW_STACK));

          g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "quality");
        }

      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
      visit_views (window, light);
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
      visit_views (window, dark);
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);

      /* Closing saves the size for the next start. */
      gtk_window_close (GTK_WINDOW (window));
      g_assert_cmpint (ABS (g_settings_get_int (settings, "window-width") - sizes[s].width), <=, 16);
      g_assert_cmpint (ABS (g_settings_get_int (settings, "window-height") - sizes[s].height), <=, 16);
      g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
    }
}

static gboolean
rename_company (RdWorkspace  *workspace,
                gpointer      user_data,
                GError      **error)
{
  return rd_db_exec (_rd_workspace_get_db (workspace),
                     "UPDATE settings SET company_name = 'Renamed Company' WHERE id = 1", error);
}

/* A write to the workspace reaches the window through "changed". */
static void
test_workspace_changed (void)
{
  RdWindow *window = open_window (1280, 800);
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = g_build_filename (tmp_dir, "Copy.revdeck", NULL);
  g_autoptr(RdWorkspace) workspace = NULL;

  /* Work on a copy, so the other tests keep the demo as it was. */
  g_assert_true (rd_workspace_save_copy (rd_window_get_workspace (window), copy, &error));
  g_assert_no_error (error);
  g_assert_true (rd_window_open_path (window, copy));
  workspace = g_object_ref (rd_window_get_workspace (window));

  g_assert_true (rd_workspace_write (workspace, "settings", rename_company, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rd_window_get_summary (window)->overview.company_name, ==, "Renamed Company");
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Renamed Company"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static AdwMessageDialog *
find_error_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_window_get_transient_for (window) == parent)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
test_open_not_a_workspace (void)
{
  RdWindow *window = open_window (1280, 800);
  RdWorkspace *before = rd_window_get_workspace (window);
  g_autofree char *title = g_strdup (gtk_window_get_title (GTK_WINDOW (window)));
  g_autofree char *bad = g_build_filename (tmp_dir, "notes.revdeck", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *last = NULL;
  g_auto(GStrv) recent = NULL;
  AdwMessageDialog *dialog;

  g_assert_true (g_file_set_contents (bad, "Quarterly notes, not a workspace.\n", -1, NULL));

  g_assert_false (rd_window_open_path (window, bad));
  wait_for_draw (GTK_WIDGET (window));

  dialog = find_error_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "notes.revdeck"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "not a Revdeck workspace"));
  save_screenshot (GTK_WIDGET (dialog), "error-not-a-workspace");

  /* The window kept its workspace, its figures and its title. */
  g_assert_true (rd_window_get_workspace (window) == before);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, title);
  g_assert_nonnull (rd_window_get_summary (window));
  last = g_settings_get_string (settings, "last-workspace");
  g_assert_cmpstr (last, ==, rd_workspace_get_path (before));
  recent = g_settings_get_strv (settings, "recent-workspaces");
  g_assert_cmpstr (recent[0], ==, rd_workspace_get_path (before));
  g_assert_false (g_strv_contains ((const char * const *) recent, bad));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_empty_workspace (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "Empty Company.revdeck", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdWorkspace) workspace = rd_workspace_create (path, "Empty Company", &error);
  RdWindow *window = rd_window_new (GTK_APPLICATION (app));
  GtkWidget *overview;
  const RdSummary *summary;

  g_assert_no_error (error);
  g_assert_true (rd_window_set_workspace (window, workspace, &error));
  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  rd_window_set_visible_view (window, "overview");
  wait_for_draw (GTK_WIDGET (window));

  summary = rd_window_get_summary (window);
  g_assert_cmpint (summary->overview.arr_cents, ==, 0);
  g_assert_false (summary->overview.win_rate.defined);
  g_assert_false (summary->coverage.current.coverage.defined);

  overview = rd_window_get_view (window, "overview");
  g_assert_cmpstr (rd_figure_tile_get_value (find_tile (overview, "Win rate")), ==, "—");
  save_screenshot (GTK_WIDGET (window), "overview-empty-workspace");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_no_workspace (void)
{
  RdWindow *window = rd_window_new (GTK_APPLICATION (app));
  g_autoptr(GPtrArray) status = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_draw (GTK_WIDGET (window));

  g_assert_null (rd_window_get_workspace (window));
  status = find_all (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE);
  g_assert_cmpuint (status->len, ==, 1);
  g_assert_true (gtk_widget_get_mapped (status->pdata[0]));
  save_screenshot (GTK_WIDGET (window), "no-workspace");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The main menu lists the workspace just opened; Ctrl+? has its window. */
static void
test_menu_and_shortcuts (void)
{
  RdWindow *window = open_window (1280, 800);
  g_autoptr(GPtrArray) buttons = find_all (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);
  GtkMenuButton *menu_button = NULL;
  GtkPopover *popover;
  GtkWindow *help;

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_menu_button_get_icon_name (buttons->pdata[i]), "open-menu-symbolic") == 0)
      menu_button = buttons->pdata[i];
  g_assert_nonnull (menu_button);

  gtk_menu_button_popup (menu_button);
  popover = gtk_menu_button_get_popover (menu_button);
  wait_for_draw (GTK_WIDGET (popover));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  save_screenshot (GTK_WIDGET (popover), "main-menu");
  gtk_menu_button_popdown (menu_button);

  /* Alt+2 shows the funnel. */
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-view('funnel')");
    GtkWidget *funnel = rd_window_get_view (window, "funnel");

    g_assert_cmpstr (accels[0], ==, "<Alt>2");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "funnel"));
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (funnel, ADW_TYPE_VIEW_STACK))),
                     ==, "funnel");
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  help = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_nonnull (help);
  wait_for_draw (GTK_WIDGET (help));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (help)));
  save_screenshot (GTK_WIDGET (help), "shortcuts");
  gtk_window_close (help);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_remove (child);
    }
  g_clear_pointer (&dir, g_dir_close);
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdWorkspace) demo = NULL;
  RdDemoOptions options = { 1, 0 };
  int result;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* Resources and style come with the application, as in the real program. */
  app = rd_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  tmp_dir = g_dir_make_tmp ("test-window-XXXXXX", &error);
  g_assert_no_error (error);
  demo_path = g_build_filename (tmp_dir, "Demo Company.revdeck", NULL);
  demo = rd_demo_create (demo_path, &options, &error);
  g_assert_no_error (error);
  g_clear_object (&demo);

  g_test_add_func ("/window/views", test_views);
  g_test_add_func ("/window/workspace-changed", test_workspace_changed);
  g_test_add_func ("/window/open-not-a-workspace", test_open_not_a_workspace);
  g_test_add_func ("/window/empty-workspace", test_empty_workspace);
  g_test_add_func ("/window/no-workspace", test_no_workspace);
  g_test_add_func ("/window/menu-and-shortcuts", test_menu_and_shortcuts);
  result = g_test_run ();

  g_object_unref (app);
  remove_tree (tmp_dir);
  g_free (demo_path);
  g_free (tmp_dir);
  return result;
}
