/* test-window.c — the dashboard window on the demo company, seen as a user sees it
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens a fresh demo workspace in an RdWindow and waits for its figures,
 * computed off the main thread. Visits every view, checks that each tile
 * shows the metric engine's own figure (rd_metrics_compute on a connection
 * of the test's own, formatted the same way), and saves a screenshot of each
 * view, light and dark, at 1280×800 and 800×600, into
 * $G_TEST_BUILDDIR/screenshots/. Changes filters in the filter bar and sees
 * the figures follow; clicks figures and checks the drill-down list has as
 * many rows as the figure counts, pages, sorts, and exports them as CSV.
 * Then checks that a file that is not a workspace is refused with a dialog
 * naming it, and that the window keeps the workspace it had; and that an
 * empty workspace shows dashes.
 *
 * Needs a display: run under xvfb-run with GSK_RENDERER=cairo,
 * GSETTINGS_BACKEND=memory and GSETTINGS_SCHEMA_DIR=<build>/data.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rd-application.h"
#include "rd-chart-view.h"
#include "rd-demo.h"
#include "rd-drill-panel.h"
#include "rd-figure-row.h"
#include "rd-figure-tile.h"
#include "rd-filter-bar.h"
#include "rd-format.h"
#include "rd-metrics-page.h"
#include "rd-query-row.h"
#include "rd-view.h"
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

/* Spins the main loop until the window's newest load has arrived. */
static void
wait_for_pack (RdWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (rd_window_is_loading (window) || rd_window_get_pack (window) == NULL)
    {
      /* A load that ended without figures has failed (and shown a dialog). */
      g_assert_true (rd_window_is_loading (window));
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static RdWindow *
open_window (int width,
             int height)
{
  RdWindow *window = rd_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  g_assert_true (rd_window_open_path (window, demo_path));
  gtk_window_present (GTK_WINDOW (window));
  wait_for_pack (window);
  wait_for_draw (GTK_WIDGET (window));
  return window;
}

/* The pack the engine computes for @filter on a connection of the test's own. */
static RdMetricPack *
expected_pack (const RdFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdWorkspace) ws = rd_workspace_open (demo_path, &error);
  RdMetricPack *pack;

  g_assert_no_error (error);
  pack = rd_metrics_compute (ws, filter, NULL, &error);
  g_assert_no_error (error);
  return pack;
}

/* Every tile of @page shows its metric of @expected, as the engine computed it. */
static guint
check_tiles (GtkWidget          *page,
             const RdMetricPack *expected)
{
  const RdPageSpec *spec = rd_page_spec_lookup (rd_metrics_page_get_view_name (RD_METRICS_PAGE (page)));
  g_autoptr(GPtrArray) tiles = find_all (page, RD_TYPE_FIGURE_TILE);
  guint i;

  g_assert_nonnull (spec);
  for (i = 0; spec->tiles[i]; i++)
    {
      g_auto(GStrv) parts = g_strsplit (spec->tiles[i], "|", 2);
      const RdMetric *metric = rd_metric_pack_find (expected, parts[0], parts[1]);
      g_autofree char *value = rd_format_metric (metric, expected->currency);

      g_assert_nonnull (metric);
      g_assert_cmpuint (i, <, tiles->len);
      g_assert_cmpstr (rd_figure_tile_get_title (tiles->pdata[i]), ==, metric->label);
      g_assert_cmpstr (rd_figure_tile_get_value (tiles->pdata[i]), ==, value);

      /* An overview headline also says why, as the rendered tiles do. */
      if (metric->defined)
        {
          g_autofree char *why = rd_view_tile_why (expected, metric);
          g_autofree char *detail = NULL;

          g_object_get (tiles->pdata[i], "detail", &detail, NULL);
          if (why != NULL)
            g_assert_nonnull (strstr (detail, why));
        }
    }
  g_assert_cmpuint (i, ==, tiles->len);
  return i;
}

/* Shows @view first: a hidden page is filled when it is shown. */
static const char *
tile_value (RdWindow   *window,
            const char *view,
            const char *title)
{
  rd_window_set_visible_view (window, view);
  return rd_figure_tile_get_value (find_tile (rd_window_get_view (window, view), title));
}

static void
visit_views (RdWindow   *window,
             const char *suffix)
{
  const RdMetricPack *pack = rd_window_get_pack (window);
  g_autoptr(RdMetricPack) expected = NULL;

  g_assert_nonnull (pack);
  expected = expected_pack (pack->filter);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkWidget *page = rd_window_get_view (window, views[i]);
      AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (page, ADW_TYPE_VIEW_STACK));
      g_autofree char *name = g_strdup_printf ("%s-%s", views[i], suffix);
      g_autoptr(GPtrArray) rows = NULL;

      rd_window_set_visible_view (window, views[i]);
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, views[i]);
      wait_for_draw (GTK_WIDGET (window));
      g_assert_true (gtk_widget_get_mapped (page));

      g_assert_cmpuint (check_tiles (page, expected), >, 0);
      rows = find_figure_rows (page);
      g_assert_cmpuint (rows->len, >, 0);
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
      const char *company = rd_window_get_pack (window)->company;
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

  wait_for_pack (window);
  g_assert_true (rd_workspace_write (workspace, "settings", rename_company, NULL, &error));
  g_assert_no_error (error);
  /* The old figures stay while the new ones are computed. */
  g_assert_true (rd_window_is_loading (window));
  g_assert_nonnull (rd_window_get_pack (window));
  wait_for_pack (window);
  g_assert_cmpstr (rd_window_get_pack (window)->company, ==, "Renamed Company");
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
  g_assert_nonnull (rd_window_get_pack (window));
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
  const RdMetricPack *pack;

  g_assert_no_error (error);
  g_assert_true (rd_window_set_workspace (window, workspace, &error));
  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  rd_window_set_visible_view (window, "overview");
  wait_for_pack (window);
  wait_for_draw (GTK_WIDGET (window));

  pack = rd_window_get_pack (window);
  g_assert_false (rd_metric_pack_find (pack, "overview.win_rate", NULL)->defined);
  g_assert_false (rd_metric_pack_find (pack, "overview.pipeline_coverage", NULL)->defined);
  g_assert_cmpstr (tile_value (window, "overview", "Win rate"), ==, "—");
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

  /* Every shortcut the app has is listed: each accelerator of an action,
   * and Escape, which closes the records panel. */
  {
    g_autoptr(GPtrArray) shortcuts = g_ptr_array_new_with_free_func (g_free);
    g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
    GtkWidget *widget = GTK_WIDGET (help);

    /* The sections hide all but the first page; walk the whole tree. */
    for (GtkWidget *w = widget; w != NULL; )
      {
        if (GTK_IS_SHORTCUTS_SHORTCUT (w))
          {
            g_autofree char *accel = NULL;
            g_autofree char *action = NULL;

            g_object_get (w, "accelerator", &accel, "action-name", &action, NULL);
            if (accel)
              g_ptr_array_add (shortcuts, g_steal_pointer (&accel));
            if (action)
              {
                g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);

                for (guint i = 0; accels[i]; i++)
                  g_ptr_array_add (shortcuts, g_strdup (accels[i]));
              }
          }
        if (gtk_widget_get_first_child (w))
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w != widget && gtk_widget_get_next_sibling (w) == NULL)
              w = gtk_widget_get_parent (w);
            w = w == widget ? NULL : gtk_widget_get_next_sibling (w);
          }
      }
    g_assert_true (g_ptr_array_find_with_equal_func (shortcuts, "Escape", g_str_equal, NULL));
    for (guint a = 0; actions[a]; a++)
      {
        g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[a]);

        for (guint i = 0; accels[i]; i++)
          {
            if (!g_ptr_array_find_with_equal_func (shortcuts, accels[i], g_str_equal, NULL))
              g_error ("The shortcuts window does not list %s (%s)", accels[i], actions[a]);
          }
      }
  }
  gtk_window_close (help);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* ------------------------------------------------------- filters and drill */

static void
click_chip (RdFilterBar *bar,
            guint        index)
{
  GtkWidget *chip = rd_filter_bar_get_chip (bar, index);

  g_assert_nonnull (chip);
  g_signal_emit_by_name (chip, "clicked");
}

/* A filter chosen in the bar changes the figures to the engine's figures
 * for that filter; its chip removes it again. */
static void
test_filter_changes_figures (void)
{
  RdWindow *window = open_window (1280, 800);
  RdFilterBar *bar = RD_FILTER_BAR (rd_window_get_filter_bar (window));
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(RdMetricPack) expected = NULL;
  g_autoptr(RdFilter) filter = rd_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RdWorkspace) ws = rd_workspace_open (demo_path, &error);
  g_autofree char *before = NULL;
  g_autofree char *before_open = NULL;
  const RdMetricPack *pack;

  g_assert_no_error (error);
  rd_window_set_visible_view (window, "overview");
  g_assert_cmpuint (rd_filter_bar_get_n_chips (bar), ==, 0);
  before = g_strdup (tile_value (window, "overview", "Win rate"));
  before_open = g_strdup (tile_value (window, "retention", "Renewals due in 90 days"));

  /* Segment: the figures are those of the engine for the same filter. */
  g_assert_true (rd_filter_bar_select (bar, "segment", "Enterprise"));
  g_assert_true (rd_window_is_loading (window));
  wait_for_pack (window);
  pack = rd_window_get_pack (window);
  g_assert_cmpstr (pack->filter->segment_name, ==, "Enterprise");
  g_assert_cmpuint (rd_filter_bar_get_n_chips (bar), ==, 1);
  g_assert_true (rd_filter_resolve (filter, ws, NULL, NULL, "Enterprise", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  expected = expected_pack (filter);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      /* Hidden pages catch up when they are shown. */
      rd_window_set_visible_view (window, views[i]);
      check_tiles (rd_window_get_view (window, views[i]), expected);
    }
  rd_window_set_visible_view (window, "overview");
  g_assert_cmpstr (tile_value (window, "overview", "Win rate"), !=, before);
  wait_for_draw (GTK_WIDGET (window));
  save_screenshot (GTK_WIDGET (window), "overview-segment-filter");

  /* Region too: two chips; removing the segment's leaves the region. */
  g_assert_true (rd_filter_bar_select (bar, "region", "EMEA"));
  wait_for_pack (window);
  g_assert_cmpuint (rd_filter_bar_get_n_chips (bar), ==, 2);
  g_assert_cmpstr (rd_window_get_pack (window)->filter->region_name, ==, "EMEA");
  click_chip (bar, 0);
  wait_for_pack (window);
  g_assert_null (rd_window_get_pack (window)->filter->segment_name);
  g_assert_cmpstr (rd_window_get_pack (window)->filter->region_name, ==, "EMEA");
  click_chip (bar, 0);
  wait_for_pack (window);
  g_assert_cmpuint (rd_filter_bar_get_n_chips (bar), ==, 0);
  g_assert_cmpstr (tile_value (window, "overview", "Win rate"), ==, before);

  /* Period: all time is remembered for the next window. */
  g_assert_true (rd_filter_bar_select (bar, "period", "all"));
  wait_for_pack (window);
  g_assert_cmpint (rd_window_get_pack (window)->filter->period_kind, ==, RD_PERIOD_ALL);
  g_assert_cmpuint (rd_filter_bar_get_n_chips (bar), ==, 1);
  {
    g_autofree char *kind = g_settings_get_string (settings, "period-kind");
    g_assert_cmpstr (kind, ==, "all");
  }
  g_clear_pointer (&expected, rd_metric_pack_free);
  g_clear_pointer (&filter, rd_filter_free);
  filter = rd_filter_new ();
  g_assert_true (rd_filter_resolve (filter, ws, NULL, "all", NULL, NULL, NULL, NULL, &error));
  expected = expected_pack (filter);
  rd_window_set_visible_view (window, "funnel");
  check_tiles (rd_window_get_view (window, "funnel"), expected);

  /* As-of: an earlier day moves every figure to that day. */
  rd_filter_bar_set_as_of (bar, "2026-06-30");
  wait_for_pack (window);
  g_assert_cmpstr (rd_window_get_pack (window)->filter->as_of, ==, "2026-06-30");
  g_assert_cmpuint (rd_filter_bar_get_n_chips (bar), ==, 2);
  {
    g_autoptr(GPtrArray) titles = find_all (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE);
    gboolean found = FALSE;

    for (guint i = 0; i < titles->len; i++)
      found |= g_strcmp0 (adw_window_title_get_subtitle (titles->pdata[i]), "as of 30 Jun 2026") == 0;
    g_assert_true (found);
  }
  g_assert_cmpstr (tile_value (window, "retention", "Renewals due in 90 days"), !=, before_open);

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "period-kind");

  /* A new window opens on the period kind saved last. */
  g_settings_set_string (settings, "period-kind", "month");
  window = open_window (1280, 800);
  g_assert_cmpint (rd_window_get_pack (window)->filter->period_kind, ==, RD_PERIOD_MONTH);
  g_assert_cmpuint (rd_filter_bar_get_n_chips (RD_FILTER_BAR (rd_window_get_filter_bar (window))), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "period-kind");
}

static void
wait_for_drill (RdDrillPanel *panel)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (rd_drill_panel_is_loading (panel))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* The row at @position, once its page has been read. */
static RdQueryRow *
loaded_row (GListModel *model,
            guint       position)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  for (;;)
    {
      RdQueryRow *row = g_list_model_get_item (model, position);

      if (rd_query_row_is_loaded (row))
        return row;
      g_object_unref (row);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 *n_rows = user_data;

  *n_rows = rd_drill_panel_export_finish (RD_DRILL_PANEL (object), result, &error);
  g_assert_no_error (error);
}

/* Clicking a tile opens its records: as many rows as the tile counts, read
 * a page at a time, sortable, and exported whole as CSV. */
static void
test_drill_down (void)
{
  RdWindow *window = open_window (1280, 800);
  RdDrillPanel *panel = RD_DRILL_PANEL (rd_window_get_drill_panel (window));
  GtkWidget *overview = rd_window_get_view (window, "overview");
  const RdMetric *stalled = rd_metric_pack_find (rd_window_get_pack (window), "overview.stalled_deals", NULL);
  RdFigureTile *tile;
  GtkWidget *child;
  g_autofree char *csv_path = g_build_filename (tmp_dir, "stalled.csv", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(RdQueryRow) first = NULL;
  g_autoptr(RdQueryRow) last = NULL;
  GListModel *model;
  GtkColumnView *view;
  gint64 exported = -1;
  guint n;

  rd_window_set_visible_view (window, "overview");
  wait_for_draw (GTK_WIDGET (window));
  tile = find_tile (overview, stalled->label);
  child = gtk_widget_get_parent (GTK_WIDGET (tile));
  g_assert_true (stalled->defined && stalled->drillable);
  g_assert_cmpfloat (stalled->value, >, 0);

  /* A click on the tile, as the flow box reports it. */
  g_signal_emit_by_name (gtk_widget_get_parent (child), "child-activated", child);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));
  wait_for_drill (panel);
  model = G_LIST_MODEL (rd_drill_panel_get_model (panel));
  g_assert_nonnull (model);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, (guint) stalled->value);
  g_assert_nonnull (strstr (rd_drill_panel_get_title (panel), stalled->label));
  g_assert_cmpstr (rd_drill_panel_get_formula (panel), ==, stalled->formula);
  n = g_list_model_get_n_items (model);
  first = loaded_row (model, 0);
  g_assert_cmpstr (rd_query_row_get_cell (first, 0), !=, "");
  wait_for_draw (GTK_WIDGET (window));
  save_screenshot (GTK_WIDGET (window), "drill-stalled-deals");

  /* Sorting by a column header orders the rows in SQL, descending too. */
  view = rd_drill_panel_get_column_view (panel);
  {
    g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (gtk_column_view_get_columns (view), 0);
    g_autoptr(RdQueryRow) top = NULL;
    g_autoptr(RdQueryRow) bottom = NULL;

    gtk_column_view_sort_by_column (view, column, GTK_SORT_DESCENDING);
    top = loaded_row (model, 0);
    bottom = loaded_row (model, n - 1);
    g_assert_cmpint (g_ascii_strtoll (rd_query_row_get_cell (top, 0), NULL, 10), >,
                     g_ascii_strtoll (rd_query_row_get_cell (bottom, 0), NULL, 10));
  }
  last = loaded_row (model, n - 1);

  /* Export writes every record, with a header line. */
  rd_drill_panel_export_async (panel, csv, NULL, export_done_cb, &exported);
  while (exported < 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (exported, ==, n);
  g_assert_true (g_file_get_contents (csv_path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, n + 2);   /* header, rows, and "" after the last CRLF */

  /* The same entry point from a bucket: stalled deals in one stage. */
  {
    const RdMetric *proposal = rd_metric_pack_find (rd_window_get_pack (window), "aging.stalled", "Proposal");

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.drill", "(ss)", "aging.stalled", "Proposal"));
    wait_for_drill (panel);
    g_assert_nonnull (strstr (rd_drill_panel_get_title (panel), "Proposal"));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rd_drill_panel_get_model (panel))), ==,
                      (guint) proposal->value);
  }

  /* Escape closes the panel. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-drill", NULL));
  g_assert_null (rd_drill_panel_get_model (panel));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  return handled;
}

/* Every view's charts are laid out with hit regions; the arrow keys walk a
 * chart's hits and Enter opens the records of the one under focus. */
static void
test_charts (void)
{
  RdWindow *window = open_window (1280, 800);
  RdDrillPanel *panel = RD_DRILL_PANEL (rd_window_get_drill_panel (window));
  const RdMetricPack *pack = rd_window_get_pack (window);
  GtkWidget *funnel_chart = NULL;
  const RdChartLayout *layout;
  const RdMetric *metric;

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkWidget *page = rd_window_get_view (window, views[i]);
      GPtrArray *charts = rd_metrics_page_get_charts (RD_METRICS_PAGE (page));

      rd_window_set_visible_view (window, views[i]);
      wait_for_draw (GTK_WIDGET (window));
      g_assert_cmpuint (charts->len, >, 0);
      for (guint c = 0; c < charts->len; c++)
        {
          RdChartView *chart = g_ptr_array_index (charts, c);

          g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (chart)));
          layout = rd_chart_view_get_layout (chart);
          g_assert_nonnull (layout);
          g_assert_cmpfloat (rd_chart_layout_get_width (layout), ==, gtk_widget_get_width (GTK_WIDGET (chart)));
          if (rd_chart_layout_get_empty_reason (layout) == NULL)
            g_assert_cmpuint (rd_chart_layout_get_n_hits (layout), >, 0);
        }
      if (i == 1)
        funnel_chart = g_ptr_array_index (charts, 0);
    }

  /* The funnel: Home, one step right, then Enter. */
  rd_window_set_visible_view (window, "funnel");
  wait_for_draw (GTK_WIDGET (window));
  layout = rd_chart_view_get_layout (RD_CHART_VIEW (funnel_chart));
  g_assert_cmpuint (rd_chart_layout_get_n_hits (layout), >=, 2);
  gtk_widget_grab_focus (funnel_chart);
  g_assert_true (press_key (funnel_chart, GDK_KEY_Home));
  g_assert_cmpint (rd_chart_view_get_focused_hit (RD_CHART_VIEW (funnel_chart)), ==, 0);
  g_assert_true (press_key (funnel_chart, GDK_KEY_Right));
  g_assert_cmpint (rd_chart_view_get_focused_hit (RD_CHART_VIEW (funnel_chart)), ==, 1);
  metric = rd_view_hit_metric (pack, rd_chart_layout_get_hit (layout, 1));
  g_assert_nonnull (metric);
  g_assert_true (metric->drillable);

  g_assert_true (press_key (funnel_chart, GDK_KEY_Return));
  wait_for_drill (panel);
  g_assert_nonnull (strstr (rd_drill_panel_get_title (panel), metric->label));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rd_drill_panel_get_model (panel))), ==,
                    (guint) metric->value);
  wait_for_draw (GTK_WIDGET (window));
  save_screenshot (GTK_WIDGET (window), "funnel-drill-from-chart");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The aging strip draws a dot per open deal, read off the main thread when
 * the aging view is shown; a dot opens its stage's records with the deal's
 * row selected. */
static void
test_aging_dots (void)
{
  RdWindow *window = open_window (1280, 800);
  RdDrillPanel *panel = RD_DRILL_PANEL (rd_window_get_drill_panel (window));
  const RdMetricPack *pack = rd_window_get_pack (window);
  GtkWidget *page = rd_window_get_view (window, "aging");
  RdChartView *strip = NULL;
  const RdChartLayout *layout = NULL;
  const RdChartHit *dot = NULL;
  guint n_dots = 0, n_open = 0;
  gint64 end;
  RdQueryRow *row;

  for (guint i = 0; i < pack->metrics->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (pack->metrics, i);

      if (m->bucket && g_str_equal (m->id, "aging.open") && m->defined)
        n_open += (guint) m->value;
    }
  g_assert_cmpuint (n_open, >, 0);

  rd_window_set_visible_view (window, "aging");
  for (guint c = 0; c < rd_metrics_page_get_charts (RD_METRICS_PAGE (page))->len; c++)
    if (g_str_equal (rd_chart_view_get_chart (g_ptr_array_index (rd_metrics_page_get_charts (RD_METRICS_PAGE (page)), c))->id,
                     "days-in-stage"))
      strip = g_ptr_array_index (rd_metrics_page_get_charts (RD_METRICS_PAGE (page)), c);
  g_assert_nonnull (strip);

  /* The deals arrive from the worker: a hit per deal, each naming it. */
  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (n_dots == 0 && g_get_monotonic_time () < end)
    {
      wait_for_draw (GTK_WIDGET (window));
      layout = rd_chart_view_get_layout (strip);
      for (guint h = 0; layout && h < rd_chart_layout_get_n_hits (layout); h++)
        if (rd_chart_layout_get_hit (layout, h)->series != NULL)
          {
            n_dots++;
            dot = rd_chart_layout_get_hit (layout, h);
          }
    }
  g_assert_cmpuint (n_dots, ==, n_open);
  save_screenshot (GTK_WIDGET (window), "aging-dots");

  /* The last dot of the last stage: its deal's row, selected. */
  for (guint h = 0; h < rd_chart_layout_get_n_hits (layout); h++)
    if (rd_chart_layout_get_hit (layout, h) == dot)
      g_assert_true (rd_chart_view_activate_hit (strip, h));
  wait_for_drill (panel);
  g_assert_cmpuint (rd_drill_panel_get_selected_row (panel), ==, (guint) dot->series_index);
  row = loaded_row (G_LIST_MODEL (rd_drill_panel_get_model (panel)), dot->series_index);
  g_assert_cmpstr (rd_query_row_get_cell (row, 0), ==, dot->series);
  g_object_unref (row);
  wait_for_draw (GTK_WIDGET (window));
  save_screenshot (GTK_WIDGET (window), "aging-dot-drill");

  /* A new pack drops the deals until they are read again for it. */
  rd_window_reload (window);
  wait_for_pack (window);
  g_assert_true (rd_window_get_pack (window) != pack);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A long list holds only the pages that were looked at. */
static void
test_drill_paging (void)
{
  RdWindow *window = open_window (1280, 800);
  RdDrillPanel *panel = RD_DRILL_PANEL (rd_window_get_drill_panel (window));
  const RdMetric *stale = rd_metric_pack_find (rd_window_get_pack (window), "quality.stale_records", "leads");
  g_autoptr(RdQueryRow) deep = NULL;
  RdQueryModel *model;
  guint n;

  g_assert_nonnull (stale);
  g_assert_cmpfloat (stale->value, >, 3 * RD_QUERY_MODEL_PAGE_SIZE);
  g_assert_true (rd_window_show_drill (window, "quality.stale_records", "leads"));
  wait_for_drill (panel);
  model = rd_drill_panel_get_model (panel);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, (guint) stale->value);

  deep = loaded_row (G_LIST_MODEL (model), n - 1);
  g_assert_cmpstr (rd_query_row_get_cell (deep, 0), !=, "");
  /* The visible first rows and the last page: never the whole list. */
  g_assert_cmpuint (rd_query_model_get_n_cached (model), <=, 4 * RD_QUERY_MODEL_PAGE_SIZE);
  g_assert_cmpuint (rd_query_model_get_n_cached (model), <, n);

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
  g_test_add_func ("/window/filter-changes-figures", test_filter_changes_figures);
  g_test_add_func ("/window/drill-down", test_drill_down);
  g_test_add_func ("/window/drill-paging", test_drill_paging);
  g_test_add_func ("/window/charts", test_charts);
  g_test_add_func ("/window/aging-dots", test_aging_dots);
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
