/* rd-application.c — the Revdeck application
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One instance per session. `revdeck FILE` opens FILE; `revdeck --demo` opens
 * the user's own copy of the Demo Company, created on first use. Starting with
 * nothing reopens the last workspace, or the demo when there is none.
 *
 * --benchmark-startup (or REVDECK_BENCHMARK_STARTUP=1) prints the time from
 * main() to the end of the window’s first painted frame and to the first
 * frame that shows the figures, then quits.
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rd-application.h"
#include "rd-demo.h"
#include "rd-window.h"

struct _RdApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  gint64          start_time;   /* g_get_monotonic_time() at main() */
  gboolean        open_demo;    /* --demo */
  gboolean        benchmark;    /* --benchmark-startup */
  gboolean        first_frame_printed;
};

G_DEFINE_FINAL_TYPE (RdApplication, rd_application, ADW_TYPE_APPLICATION)

#define DEMO_FILE_NAME "Demo Company.revdeck"

char *
rd_application_dup_demo_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "revdeck", DEMO_FILE_NAME, NULL);
}

/**
 * rd_application_ensure_demo:
 *
 * Creates the user's copy of the Demo Company unless it exists already.
 *
 * Returns: (transfer full) (nullable): its path, or %NULL with @error set
 */
char *
rd_application_ensure_demo (GError **error)
{
  g_autofree char *path = rd_application_dup_demo_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(RdWorkspace) demo = NULL;
  RdDemoOptions options = { RD_DEMO_DEFAULT_SEED, 0 };

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved));
      return NULL;
    }
  demo = rd_demo_create (path, &options, error);
  if (demo == NULL)
    return NULL;
  return g_steal_pointer (&path);
}

static void
trace (RdApplication *self,
       const char    *what)
{
  g_debug ("%s at %.1f ms", what, (g_get_monotonic_time () - self->start_time) / 1000.0);
}

static RdWindow *
get_window (RdApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (RD_IS_WINDOW (window))
    return RD_WINDOW (window);
  return rd_window_new (GTK_APPLICATION (self));
}

static void
open_demo (RdWindow *window)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = rd_application_ensure_demo (&error);

  if (path == NULL)
    rd_window_show_error (window, _("Could Not Create the Demo Company"), error->message);
  else
    rd_window_open_path (window, path);
}

/* Prints the time to the first frame once the window has painted it, and
 * to the first frame with figures (the pack arrives from a worker thread),
 * then quits. */
static void
after_paint_cb (GdkFrameClock *clock,
                RdApplication *self)
{
  double ms = (g_get_monotonic_time () - self->start_time) / 1000.0;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  gboolean figures = RD_IS_WINDOW (window) && rd_window_get_pack (RD_WINDOW (window)) != NULL;
  gboolean waiting = RD_IS_WINDOW (window) && rd_window_get_workspace (RD_WINDOW (window)) != NULL && !figures;

  if (!self->first_frame_printed)
    {
      g_print ("revdeck: first frame painted %.1f ms after main()\n", ms);
      self->first_frame_printed = TRUE;
    }
  if (waiting)
    return;
  if (figures)
    g_print ("revdeck: figures painted %.1f ms after main()\n", ms);
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, self);
  g_application_quit (G_APPLICATION (self));
}

static void
present (RdApplication *self,
         RdWindow      *window)
{
  gtk_window_present (GTK_WINDOW (window));
  trace (self, "Presented");

  if (self->benchmark)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

      self->benchmark = FALSE;
      if (clock)
        g_signal_connect_object (clock, "after-paint", G_CALLBACK (after_paint_cb), self, 0);
    }
}

static void
rd_application_activate (GApplication *application)
{
  RdApplication *self = RD_APPLICATION (application);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  RdWindow *window;
  g_autofree char *last = NULL;

  if (active && !self->open_demo)
    {
      gtk_window_present (active);
      return;
    }

  trace (self, "Activated");
  window = get_window (self);
  trace (self, "Window built");
  last = g_settings_get_string (self->settings, "last-workspace");
  if (self->open_demo || *last == '\0' || !g_file_test (last, G_FILE_TEST_EXISTS))
    open_demo (window);
  else
    rd_window_open_path (window, last);
  self->open_demo = FALSE;
  trace (self, "Workspace shown");

  present (self, window);
}

static void
rd_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  RdApplication *self = RD_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      /* The first file goes to the window in front, any others to new ones. */
      RdWindow *window = i == 0 ? get_window (self) : rd_window_new (GTK_APPLICATION (self));
      g_autofree char *path = g_file_get_path (files[i]);

      if (path)
        rd_window_open_path (window, path);
      else
        rd_window_show_error (window, _("Could Not Open the Workspace"),
                              _("Workspaces can only be opened from a local folder."));
      present (self, window);
    }
}

static int
rd_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  RdApplication *self = RD_APPLICATION (application);
  g_autoptr(GError) error = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("revdeck %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_contains (options, "benchmark-startup"))
    self->benchmark = TRUE;

  if (g_variant_dict_contains (options, "demo"))
    {
      /* A running instance opens the demo itself; this one only asks it to. */
      if (!g_application_register (application, NULL, &error))
        {
          g_printerr ("revdeck: %s\n", error->message);
          return 1;
        }
      if (g_application_get_is_remote (application))
        {
          g_action_group_activate_action (G_ACTION_GROUP (application), "open-demo", NULL);
          return 0;
        }
      self->open_demo = TRUE;
    }
  return -1;
}

/* ----------------------------------------------------------------- actions */

static RdWindow *
active_rd_window (RdApplication *self)
{
  RdWindow *window = get_window (self);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  rd_window_choose_open (active_rd_window (user_data));
}

static void
new_action (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  rd_window_choose_new (active_rd_window (user_data));
}

static void
save_copy_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  rd_window_choose_save_copy (active_rd_window (user_data));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  rd_window_open_path (active_rd_window (user_data), g_variant_get_string (parameter, NULL));
}

static void
open_demo_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  open_demo (active_rd_window (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  const char *developers[] = { "The Revdeck developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  adw_show_about_window (parent,
                         "application-name", _("Revdeck"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", "The Revdeck developers",
                         "developers", developers,
                         "copyright", "© 2026 The Revdeck developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "website", "https://github.com/revdeck/revdeck",
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* Closing (not destroying) lets each window save its size first. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static const GActionEntry app_actions[] = {
  { "open", open_action },
  { "new", new_action },
  { "save-copy", save_copy_action },
  { "open-recent", open_recent_action, "s" },
  { "open-demo", open_demo_action },
  { "about", about_action },
  { "quit", quit_action },
};

static void
rd_application_startup (GApplication *application)
{
  static const struct { const char *action; const char *accels[2]; } accels[] = {
    { "app.open", { "<Control>o", NULL } },
    { "app.new", { "<Control>n", NULL } },
    { "app.save-copy", { "<Control><Shift>s", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.show-view('overview')", { "<Alt>1", NULL } },
    { "win.show-view('funnel')", { "<Alt>2", NULL } },
    { "win.show-view('aging')", { "<Alt>3", NULL } },
    { "win.show-view('coverage')", { "<Alt>4", NULL } },
    { "win.show-view('retention')", { "<Alt>5", NULL } },
    { "win.show-view('quality')", { "<Alt>6", NULL } },
  };
  RdApplication *self = RD_APPLICATION (application);

  G_APPLICATION_CLASS (rd_application_parent_class)->startup (application);
  trace (self, "Started up");

  self->settings = g_settings_new (APP_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);
}

static void
rd_application_finalize (GObject *object)
{
  RdApplication *self = RD_APPLICATION (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (rd_application_parent_class)->finalize (object);
}

static void
rd_application_class_init (RdApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = rd_application_finalize;
  app_class->startup = rd_application_startup;
  app_class->activate = rd_application_activate;
  app_class->open = rd_application_open;
  app_class->handle_local_options = rd_application_handle_local_options;
}

static void
rd_application_init (RdApplication *self)
{
  static const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Open the Demo Company"), NULL },
    { "benchmark-startup", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the time to the first painted frame, then quit"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and quit"), NULL },
    { NULL }
  };

  self->start_time = g_get_monotonic_time ();
  self->benchmark = g_strcmp0 (g_getenv ("REVDECK_BENCHMARK_STARTUP"), "1") == 0;
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
}

RdApplication *
rd_application_new (void)
{
  return g_object_new (RD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/revdeck/Revdeck",
                       NULL);
}

void
rd_application_set_start_time (RdApplication *self,
                               gint64         monotonic_us)
{
  g_return_if_fail (RD_IS_APPLICATION (self));
  self->start_time = monotonic_us;
}
