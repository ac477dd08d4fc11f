/* rd-window-settings.c — what the window remembers between runs
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Size and maximized state (saved on close), the visible view (saved on
 * every change), the last workspace and the recent list with the submenu
 * built from it.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-window-private.h"

#define MAX_RECENT 10

/* Records a successful open: first in the recent list, and the one to reopen. */
void
_rd_window_note_opened (RdWindow   *self,
                        const char *path)
{
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "recent-workspaces");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  guint n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] && n < MAX_RECENT; i++)
    if (g_strcmp0 (old[i], path) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  recent = g_strv_builder_end (builder);

  g_settings_set_strv (self->settings, "recent-workspaces", (const char * const *) recent);
  g_settings_set_string (self->settings, "last-workspace", path);
}

static void
visible_view_changed_cb (RdWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  if (name)
    g_settings_set_string (self->settings, "visible-view", name);
}

/* The Recent Workspaces submenu, rebuilt whenever the list changes. */
static void
rebuild_recent_menu (RdWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-workspaces");

  g_menu_remove_all (self->recent_section);
  for (guint i = 0; recent[i]; i++)
    {
      g_autofree char *base = g_filename_display_basename (recent[i]);
      g_autoptr(GMenuItem) item = NULL;

      if (g_str_has_suffix (base, ".revdeck"))
        base[strlen (base) - strlen (".revdeck")] = '\0';
      item = g_menu_item_new (base, NULL);
      g_menu_item_set_action_and_target_value (item, "app.open-recent", g_variant_new_string (recent[i]));
      g_menu_append_item (self->recent_section, item);
    }
  if (recent[0] == NULL)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Workspaces"), "app.no-recent");
      g_menu_append_item (self->recent_section, item);
    }
}

/* Saves the size, or that the window is maximized, for the next start. */
void
_rd_window_save_size (RdWindow *self)
{
  GtkWindow *window = GTK_WINDOW (self);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);
}

/* Restores the size and the view, and keeps the recent list in the menu. */
void
_rd_window_settings_init (RdWindow *self)
{
  g_autofree char *view = NULL;

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  view = g_settings_get_string (self->settings, "visible-view");
  rd_window_set_visible_view (self, view);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (visible_view_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->settings, "changed::recent-workspaces",
                           G_CALLBACK (rebuild_recent_menu), self, G_CONNECT_SWAPPED);
  rebuild_recent_menu (self);
}
