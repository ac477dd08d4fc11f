/* rd-window-files.c — Open, New and Save a Copy, through native file choosers
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chooser asks before overwriting, so an existing target is removed only
 * after the user confirmed it there, and never when it is the workspace in
 * use. A name typed without ".revdeck" gets it, and the chooser did not ask
 * about that name, so an existing file under it is refused instead.
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rd-window-private.h"

#define SUFFIX ".revdeck"

typedef void (*ChosenFunc) (RdWindow *self,
                            GFile    *file);

typedef struct
{
  RdWindow   *self;   /* owned until the chooser answers */
  ChosenFunc  func;
} ChooserData;

static GtkFileFilter *
workspace_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Revdeck Workspaces"));
  gtk_file_filter_add_pattern (filter, "*" SUFFIX);
  gtk_file_filter_add_mime_type (filter, "application/x-revdeck");
  return filter;
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     ChooserData     *data)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file)
        data->func (data->self, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (data->self);
  g_free (data);
}

static void
run_chooser (RdWindow             *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept_label,
             const char           *suggested_name,
             ChosenFunc            func)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = workspace_filter ();
  ChooserData *data = g_new0 (ChooserData, 1);

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (suggested_name)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  if (self->workspace)
    {
      g_autoptr(GFile) current = g_file_new_for_path (rd_workspace_get_path (self->workspace));
      g_autoptr(GFile) folder = g_file_get_parent (current);

      if (folder)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }

  data->self = g_object_ref (self);
  data->func = func;
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Returns the target path to write, or NULL with @error set. */
static char *
prepare_target (RdWindow  *self,
                GFile     *file,
                GError   **error)
{
  g_autofree char *chosen = g_file_get_path (file);
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;

  if (chosen == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Workspaces can only be saved to a local folder."));
      return NULL;
    }
  path = g_str_has_suffix (chosen, SUFFIX) ? g_strdup (chosen) : g_strconcat (chosen, SUFFIX, NULL);
  name = g_filename_display_basename (path);

  if (self->workspace && g_strcmp0 (path, rd_workspace_get_path (self->workspace)) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   _("“%s” is the workspace that is open. Choose another name."), name);
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      const char *sidecars[] = { "-wal", "-shm", "-journal" };

      if (g_strcmp0 (path, chosen) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("“%s” already exists."), name);
          return NULL;
        }
      /* Confirmed in the chooser. A stale write-ahead log beside a new file
       * would be replayed into it, so it goes too. */
      if (g_unlink (path) != 0)
        {
          int saved = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not replace “%s”: %s"), name, g_strerror (saved));
          return NULL;
        }
      for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
        {
          g_autofree char *sidecar = g_strconcat (path, sidecars[i], NULL);
          g_unlink (sidecar);
        }
    }
  return g_steal_pointer (&path);
}

static void
open_chosen (RdWindow *self,
             GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    {
      rd_window_show_error (self, _("Could Not Open the Workspace"),
                            _("Workspaces can only be opened from a local folder."));
      return;
    }
  rd_window_open_path (self, path);
}

static void
new_chosen (RdWindow *self,
            GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdWorkspace) workspace = NULL;
  g_autofree char *path = prepare_target (self, file, &error);
  g_autofree char *company = NULL;

  if (path != NULL)
    {
      company = g_path_get_basename (path);
      company[strlen (company) - strlen (SUFFIX)] = '\0';
      workspace = rd_workspace_create (path, company, &error);
    }
  if (workspace == NULL || !rd_window_set_workspace (self, workspace, &error))
    {
      rd_window_show_error (self, _("Could Not Create the Workspace"), error->message);
      return;
    }
  _rd_window_note_opened (self, rd_workspace_get_path (workspace));
}

static void
save_copy_chosen (RdWindow *self,
                  GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (self->workspace == NULL)
    return;

  path = prepare_target (self, file, &error);
  if (path == NULL || !rd_workspace_save_copy (self->workspace, path, &error))
    {
      rd_window_show_error (self, _("Could Not Save a Copy"), error->message);
      return;
    }
  name = g_filename_display_basename (path);
  message = g_strdup_printf (_("Saved a copy as “%s”"), name);
  rd_window_add_toast (self, message);
}

void
rd_window_choose_open (RdWindow *self)
{
  g_return_if_fail (RD_IS_WINDOW (self));
  run_chooser (self, _("Open Workspace"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL, open_chosen);
}

void
rd_window_choose_new (RdWindow *self)
{
  g_return_if_fail (RD_IS_WINDOW (self));
  /* Translators: the suggested file name of a new workspace; the name becomes the company's */
  run_chooser (self, _("New Workspace"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Create"),
               _("New Company.revdeck"), new_chosen);
}

void
rd_window_choose_save_copy (RdWindow *self)
{
  g_autofree char *suggested = NULL;

  g_return_if_fail (RD_IS_WINDOW (self));

  if (self->workspace == NULL)
    return;
  if (self->pack)
    /* Translators: the suggested name of a copy, e.g. "Acme copy.revdeck" */
    suggested = g_strdup_printf (_("%s copy.revdeck"), self->pack->company);
  run_chooser (self, _("Save a Copy"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), suggested, save_copy_chosen);
}
