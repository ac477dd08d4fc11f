/* rd-window.c — the dashboard window: one workspace, six views
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window owns the open workspace and the summary computed from it. A
 * workspace replaces the previous one only once it has opened and its figures
 * computed, so a bad file never leaves the window empty. The views hold no
 * rows: they are handed the summary and copy what they show.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-aging-page.h"
#include "rd-coverage-page.h"
#include "rd-format.h"
#include "rd-funnel-page.h"
#include "rd-overview-page.h"
#include "rd-quality-page.h"
#include "rd-retention-page.h"
#include "rd-summary-view.h"
#include "rd-window-private.h"

G_DEFINE_FINAL_TYPE (RdWindow, rd_window, ADW_TYPE_APPLICATION_WINDOW)

static void
update_header (RdWindow *self)
{
  gboolean open = self->workspace != NULL;
  gboolean narrow = adw_view_switcher_title_get_title_visible (self->switcher_title);

  /* The company and date stay on the left whatever the width, so the room
   * left for the switcher never depends on whether the switcher fits (that
   * would flip back and forth). When it does not fit, it moves to the bottom. */
  gtk_widget_set_visible (GTK_WIDGET (self->window_title), open);
  adw_view_switcher_bar_set_reveal (self->switcher_bar, open && narrow);
}

/* The view switcher asks for all the width it can get, so the company name
 * at the start of the header bar gets a floor: its full width, up to a limit
 * past which it is shortened. */
static void
keep_title_readable (RdWindow *self)
{
  int natural = 0;

  gtk_widget_set_size_request (GTK_WIDGET (self->window_title), -1, -1);
  gtk_widget_measure (GTK_WIDGET (self->window_title), GTK_ORIENTATION_HORIZONTAL, -1,
                      NULL, &natural, NULL, NULL);
  gtk_widget_set_size_request (GTK_WIDGET (self->window_title), MIN (natural, 260), -1);
}

static void
show_summary (RdWindow *self)
{
  GtkWidget *pages[] = { self->overview_page, self->funnel_page, self->aging_page,
                         self->coverage_page, self->retention_page, self->quality_page };
  g_autofree char *as_of = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;
  const char *company;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    rd_summary_view_set_summary (RD_SUMMARY_VIEW (pages[i]), self->summary);

  if (self->summary == NULL)
    {
      adw_view_switcher_title_set_title (self->switcher_title, _("Revdeck"));
      adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, FALSE);
      gtk_window_set_title (GTK_WINDOW (self), _("Revdeck"));
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      update_header (self);
      return;
    }

  company = self->summary->overview.company_name;
  as_of = rd_format_date (&self->summary->overview.as_of);
  /* Translators: the window subtitle, e.g. "as of 30 Sep 2026" */
  subtitle = g_strdup_printf (_("as of %s"), as_of);
  /* Translators: the window title in the window list: company, then the app */
  title = g_strdup_printf (_("%s – Revdeck"), company);

  adw_window_title_set_title (self->window_title, company);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  adw_view_switcher_title_set_title (self->switcher_title, "");
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, TRUE);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_stack_set_visible_child_name (self->main_stack, "workspace");
  update_header (self);
  keep_title_readable (self);
}

static void
workspace_changed_cb (RdWindow    *self,
                      const char  *what,
                      RdWorkspace *workspace)
{
  g_autoptr(GError) error = NULL;
  RdSummary *summary;

  summary = rd_summary_compute (workspace, &error);
  if (summary == NULL)
    {
      /* Keep the last good figures on screen and say why they did not move. */
      rd_window_add_toast (self, error->message);
      return;
    }
  g_clear_pointer (&self->summary, rd_summary_free);
  self->summary = summary;
  show_summary (self);
}

/**
 * rd_window_set_workspace:
 * @workspace: (nullable): the workspace to show, or %NULL for none
 *
 * Computes @workspace's figures and shows them. On failure the window keeps
 * what it showed before.
 */
gboolean
rd_window_set_workspace (RdWindow     *self,
                         RdWorkspace  *workspace,
                         GError      **error)
{
  RdSummary *summary = NULL;
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (RD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (workspace == NULL || RD_IS_WORKSPACE (workspace), FALSE);

  if (workspace && (summary = rd_summary_compute (workspace, error)) == NULL)
    return FALSE;
  if (workspace)
    g_debug ("Summary of %s computed in %.1f ms", rd_workspace_get_path (workspace),
             (g_get_monotonic_time () - start) / 1000.0);

  if (self->workspace)
    g_signal_handlers_disconnect_by_func (self->workspace, workspace_changed_cb, self);
  g_set_object (&self->workspace, workspace);
  g_clear_pointer (&self->summary, rd_summary_free);
  self->summary = summary;
  if (workspace)
    g_signal_connect_object (workspace, "changed", G_CALLBACK (workspace_changed_cb), self, G_CONNECT_SWAPPED);

  show_summary (self);
  return TRUE;
}

RdWorkspace *
rd_window_get_workspace (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);
  return self->workspace;
}

/**
 * rd_window_get_summary:
 *
 * Returns: (transfer none) (nullable): the figures on screen
 */
const RdSummary *
rd_window_get_summary (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);
  return self->summary;
}

static gboolean
present_dialog_cb (gpointer data)
{
  gtk_window_present (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
present_when_mapped_cb (GtkWidget *window,
                        GtkWindow *dialog)
{
  g_signal_handlers_disconnect_by_func (window, present_when_mapped_cb, dialog);
  /* After the parent's own present() has finished raising it. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, present_dialog_cb, g_object_ref (dialog), g_object_unref);
}

void
rd_window_show_error (RdWindow   *self,
                      const char *heading,
                      const char *body)
{
  GtkWidget *dialog;

  g_return_if_fail (RD_IS_WINDOW (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);

  /* At start-up the window is not shown yet; a dialog shown before its
   * parent could end up beneath it. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_window_present (GTK_WINDOW (dialog));
  else
    g_signal_connect_object (self, "map", G_CALLBACK (present_when_mapped_cb), dialog, 0);
}

void
rd_window_add_toast (RdWindow   *self,
                     const char *title)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (RD_IS_WINDOW (self));

  /* Toast titles are markup in libadwaita 1.2. */
  escaped = g_markup_escape_text (title, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

/**
 * rd_window_open_path:
 *
 * Opens the workspace at @path. Errors are shown in a dialog naming the file,
 * and the window keeps the workspace it had.
 *
 * Returns: whether the workspace is now the one shown
 */
gboolean
rd_window_open_path (RdWindow   *self,
                     const char *path)
{
  g_autoptr(RdWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (RD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  workspace = rd_workspace_open (path, &error);
  if (workspace == NULL || !rd_window_set_workspace (self, workspace, &error))
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      rd_window_show_error (self, heading, error->message);
      return FALSE;
    }

  _rd_window_note_opened (self, rd_workspace_get_path (workspace));
  return TRUE;
}

GtkWidget *
rd_window_get_view (RdWindow   *self,
                    const char *name)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);
  return adw_view_stack_get_child_by_name (self->view_stack, name);
}

void
rd_window_set_visible_view (RdWindow   *self,
                            const char *name)
{
  g_return_if_fail (RD_IS_WINDOW (self));

  if (name && adw_view_stack_get_child_by_name (self->view_stack, name))
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  rd_window_set_visible_view (RD_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static gboolean
rd_window_close_request (GtkWindow *window)
{
  _rd_window_save_size (RD_WINDOW (window));
  return GTK_WINDOW_CLASS (rd_window_parent_class)->close_request (window);
}

static void
rd_window_dispose (GObject *object)
{
  RdWindow *self = RD_WINDOW (object);

  if (self->workspace)
    g_signal_handlers_disconnect_by_func (self->workspace, workspace_changed_cb, self);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->summary, rd_summary_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_WINDOW);
  G_OBJECT_CLASS (rd_window_parent_class)->dispose (object);
}

static void
rd_window_finalize (GObject *object)
{
  RdWindow *self = RD_WINDOW (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (rd_window_parent_class)->finalize (object);
}

static void
rd_window_class_init (RdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rd_window_dispose;
  object_class->finalize = rd_window_finalize;
  window_class->close_request = rd_window_close_request;

  g_type_ensure (RD_TYPE_OVERVIEW_PAGE);
  g_type_ensure (RD_TYPE_FUNNEL_PAGE);
  g_type_ensure (RD_TYPE_AGING_PAGE);
  g_type_ensure (RD_TYPE_COVERAGE_PAGE);
  g_type_ensure (RD_TYPE_RETENTION_PAGE);
  g_type_ensure (RD_TYPE_QUALITY_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/revdeck/Revdeck/ui/rd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, funnel_page);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, aging_page);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, coverage_page);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, retention_page);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, quality_page);
  gtk_widget_class_bind_template_callback (widget_class, update_header);

  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
}

static void
rd_window_init (RdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  _rd_window_settings_init (self);

  show_summary (self);
}

RdWindow *
rd_window_new (GtkApplication *application)
{
  return g_object_new (RD_TYPE_WINDOW, "application", application, NULL);
}
