/* rd-window.c — the dashboard window: one workspace, six views
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window owns the open workspace, the filter of the filter bar and the
 * metric pack on screen. Packs are computed by an RdMetricsLoader on a
 * worker thread with its own connection to the file, so the window shows at
 * once and fills when the pack arrives; a new filter or a write to the
 * workspace starts a new load that cancels the one before, and the previous
 * figures stay until the new ones replace them. The views hold no rows:
 * they are handed the pack and copy what they show. Any figure opens its
 * records in the drill-down panel through rd_window_show_drill().
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-format.h"
#include "rd-metrics-page.h"
#include "rd-metrics-view.h"
#include "rd-query-page.h"
#include "rd-window-private.h"

G_DEFINE_FINAL_TYPE (RdWindow, rd_window, ADW_TYPE_APPLICATION_WINDOW)

static void start_load (RdWindow *self);

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
show_pack (RdWindow *self)
{
  GtkWidget *pages[] = { self->overview_page, self->funnel_page, self->aging_page,
                         self->coverage_page, self->retention_page, self->quality_page };
  g_autofree char *as_of = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;
  g_autofree char *owned_company = NULL;
  const char *company;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    rd_metrics_view_set_pack (RD_METRICS_VIEW (pages[i]), self->pack);

  if (self->workspace == NULL)
    {
      adw_view_switcher_title_set_title (self->switcher_title, _("Revdeck"));
      adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, FALSE);
      gtk_window_set_title (GTK_WINDOW (self), _("Revdeck"));
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      update_header (self);
      return;
    }
  /* The header is complete before the figures arrive, so the view switcher
   * is laid out with the window's first frame. */
  company = self->pack ? self->pack->company : NULL;
  if (company == NULL)
    company = owned_company = rd_workspace_dup_company_name (self->workspace);
  as_of = rd_format_iso_date (self->pack ? self->pack->filter->as_of : self->filter ? self->filter->as_of : NULL);
  /* Translators: the window subtitle, e.g. "as of 30 Sep 2026" */
  subtitle = g_strdup_printf (_("as of %s"), as_of);
  /* Translators: the window title in the window list: company, then the app */
  title = g_strdup_printf (_("%s – Revdeck"), company);

  adw_window_title_set_title (self->window_title, company);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  adw_view_switcher_title_set_title (self->switcher_title, "");
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, TRUE);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_stack_set_visible_child_name (self->main_stack, self->pack ? "workspace" : "loading");
  update_header (self);
  keep_title_readable (self);
}

/* The views borrow the pack (charts keep a pointer to it): they are handed
 * the new one before the old one is freed. */
static void
replace_pack (RdWindow     *self,
              RdMetricPack *pack)
{
  RdMetricPack *old = g_steal_pointer (&self->pack);
  gboolean free_old = _rd_window_drop_detail (self, old);

  self->pack = pack;
  show_pack (self);
  if (free_old)
    g_clear_pointer (&old, rd_metric_pack_free);
  _rd_window_update_detail (self);
}

static void
set_busy (RdWindow *self,
          gboolean  busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), busy && self->pack != NULL);
  gtk_spinner_set_spinning (self->busy_spinner, busy && self->pack != NULL);
  gtk_spinner_set_spinning (self->loading_spinner, busy && self->pack == NULL);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  RdMetricPack *pack;

  pack = rd_metrics_loader_load_finish (RD_METRICS_LOADER (object), result, &error);
  /* A newer load took this one's place, or the workspace changed. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || RD_METRICS_LOADER (object) != self->loader)
    {
      g_clear_pointer (&pack, rd_metric_pack_free);
      return;
    }

  self->last_load_ms = (g_get_monotonic_time () - self->load_started) / 1000.0;
  g_debug ("Metric pack of %s computed in %.1f ms", rd_metrics_loader_get_path (self->loader), self->last_load_ms);
  self->load_started = 0;
  set_busy (self, FALSE);

  if (pack == NULL)
    {
      g_autofree char *heading = NULL;

      if (self->pack)
        {
          /* Keep the last good figures on screen and say why they did not move. */
          rd_window_add_toast (self, error->message);
          return;
        }
      heading = g_strdup (_("Could Not Compute the Figures"));
      rd_window_show_error (self, heading, error->message);
      return;
    }

  {
    gint64 start = g_get_monotonic_time ();

    replace_pack (self, pack);
    g_debug ("Figures handed to the views in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  }
}

static void
start_load (RdWindow *self)
{
  if (self->loader == NULL || self->filter == NULL)
    return;
  self->load_started = g_get_monotonic_time ();
  set_busy (self, TRUE);
  rd_metrics_loader_load_async (self->loader, self->filter, NULL, NULL, load_done_cb, g_object_ref (self));
}

/* Builds the filter from the bar; a name the workspace no longer has (a
 * segment renamed meanwhile) puts the bar back to its defaults. */
static gboolean
resolve_filter (RdWindow *self)
{
  g_autoptr(GError) error = NULL;
  RdFilter *filter = rd_filter_bar_resolve (self->filter_bar, self->workspace, &error);

  if (filter == NULL)
    {
      rd_window_add_toast (self, error->message);
      rd_filter_bar_set_workspace (self->filter_bar, self->workspace,
                                   rd_filter_bar_get_period_kind (self->filter_bar));
      filter = rd_filter_bar_resolve (self->filter_bar, self->workspace, NULL);
      if (filter == NULL)
        return FALSE;
    }
  g_clear_pointer (&self->filter, rd_filter_free);
  self->filter = filter;
  return TRUE;
}

static void
filter_changed_cb (RdWindow *self)
{
  gint64 start = g_get_monotonic_time ();

  if (self->workspace == NULL)
    return;

  g_settings_set_string (self->settings, "period-kind", rd_filter_bar_get_period_kind (self->filter_bar));
  if (resolve_filter (self))
    start_load (self);
  g_debug ("Filter resolved and load started in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
}

static void
workspace_changed_cb (RdWindow    *self,
                      const char  *what,
                      RdWorkspace *workspace)
{
  rd_window_reload (self);
}

/**
 * rd_window_reload:
 *
 * Recomputes the figures for the bar's filter, off the main thread.
 */
void
rd_window_reload (RdWindow *self)
{
  g_return_if_fail (RD_IS_WINDOW (self));

  if (self->workspace && resolve_filter (self))
    start_load (self);
}

static void
drill_message_cb (RdWindow   *self,
                  const char *message)
{
  rd_window_add_toast (self, message);
}

/**
 * rd_window_set_workspace:
 * @workspace: (nullable): the workspace to show, or %NULL for none
 *
 * Shows @workspace: the window changes at once and its figures follow when
 * they are computed. A workspace whose settings cannot be read is refused,
 * and the window keeps what it showed before.
 */
gboolean
rd_window_set_workspace (RdWindow     *self,
                         RdWorkspace  *workspace,
                         GError      **error)
{
  g_autofree char *kind = NULL;
  g_autoptr(RdFilter) probe = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (RD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (workspace == NULL || RD_IS_WORKSPACE (workspace), FALSE);

  /* The default filter must resolve before anything is replaced. */
  if (workspace)
    {
      probe = rd_filter_new ();
      if (!rd_filter_resolve (probe, workspace, NULL, NULL, NULL, NULL, NULL, NULL, error))
        return FALSE;
    }

  rd_window_close_drill (self);
  if (self->workspace)
    g_signal_handlers_disconnect_by_func (self->workspace, workspace_changed_cb, self);
  g_set_object (&self->workspace, workspace);
  g_clear_object (&self->loader);
  replace_pack (self, NULL);
  g_clear_pointer (&self->filter, rd_filter_free);

  if (workspace)
    {
      g_signal_connect_object (workspace, "changed", G_CALLBACK (workspace_changed_cb), self, G_CONNECT_SWAPPED);
      /* A workspace just created lives partly in its write-ahead log, which
       * the loader's own rd_workspace_open() would not see. */
      if (!rd_workspace_checkpoint (workspace, &local_error))
        g_warning ("Could not checkpoint %s: %s", rd_workspace_get_path (workspace), local_error->message);
      kind = g_settings_get_string (self->settings, "period-kind");
      rd_filter_bar_set_workspace (self->filter_bar, workspace, kind);
      self->loader = rd_metrics_loader_new (rd_workspace_get_path (workspace));
      if (resolve_filter (self))
        start_load (self);
    }
  else
    set_busy (self, FALSE);

  show_pack (self);
  return TRUE;
}

RdWorkspace *
rd_window_get_workspace (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);
  return self->workspace;
}

/**
 * rd_window_get_pack:
 *
 * Returns: (transfer none) (nullable): the figures on screen
 */
const RdMetricPack *
rd_window_get_pack (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);
  return self->pack;
}

/**
 * rd_window_get_filter:
 *
 * Returns: (transfer none) (nullable): the filter of the newest load
 */
const RdFilter *
rd_window_get_filter (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);
  return self->filter;
}

gboolean
rd_window_is_loading (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), FALSE);
  return self->load_started != 0;
}

/**
 * rd_window_show_drill:
 * @bucket: (nullable): the bucket, or %NULL
 *
 * Opens the drill-down panel on the records behind a figure of the pack on
 * screen.
 *
 * Returns: whether the pack has that figure
 */
gboolean
rd_window_show_drill (RdWindow   *self,
                      const char *metric_id,
                      const char *bucket)
{
  const RdMetric *metric;

  g_return_val_if_fail (RD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (metric_id != NULL, FALSE);

  if (self->pack == NULL || self->loader == NULL)
    return FALSE;
  metric = rd_metric_pack_find (self->pack, metric_id, bucket && *bucket ? bucket : NULL);
  if (metric == NULL)
    return FALSE;

  rd_drill_panel_show (self->drill_panel, self->loader, self->pack, metric);
  adw_flap_set_reveal_flap (self->flap, TRUE);
  return TRUE;
}

void
rd_window_close_drill (RdWindow *self)
{
  g_return_if_fail (RD_IS_WINDOW (self));

  adw_flap_set_reveal_flap (self->flap, FALSE);
  rd_drill_panel_clear (self->drill_panel);
}

GtkWidget *
rd_window_get_drill_panel (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->drill_panel);
}

GtkWidget *
rd_window_get_filter_bar (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->filter_bar);
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

static void
drill_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  const char *metric_id = NULL;
  const char *bucket = NULL;

  g_variant_get (parameter, "(&s&s)", &metric_id, &bucket);
  rd_window_show_drill (RD_WINDOW (widget), metric_id, bucket);
}

static void
drill_record_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  const char *metric_id = NULL;
  const char *bucket = NULL;
  guint32 position = 0;

  g_variant_get (parameter, "(&s&su)", &metric_id, &bucket, &position);
  if (rd_window_show_drill (self, metric_id, bucket))
    rd_drill_panel_select_row (self->drill_panel, position);
}

static void
close_drill_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  rd_window_close_drill (RD_WINDOW (widget));
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
  g_clear_object (&self->loader);
  g_clear_pointer (&self->filter, rd_filter_free);
  /* A job still reading the pack takes it over. */
  if (self->aging_page && !_rd_window_drop_detail (self, self->pack))
    self->pack = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_WINDOW);
  /* After the views that borrow it. */
  g_clear_pointer (&self->pack, rd_metric_pack_free);
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

  g_type_ensure (RD_TYPE_METRICS_PAGE);
  g_type_ensure (RD_TYPE_FILTER_BAR);
  g_type_ensure (RD_TYPE_DRILL_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/revdeck/Revdeck/ui/rd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, drill_panel);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, funnel_page);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, aging_page);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, coverage_page);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, retention_page);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, quality_page);
  gtk_widget_class_bind_template_callback (widget_class, update_header);
  gtk_widget_class_bind_template_callback (widget_class, _rd_window_update_detail);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, drill_message_cb);

  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.drill", "(ss)", drill_action);
  gtk_widget_class_install_action (widget_class, "win.drill-record", "(ssu)", drill_record_action);
  gtk_widget_class_install_action (widget_class, "win.close-drill", NULL, close_drill_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.close-drill", NULL);
}

static void
rd_window_init (RdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  _rd_window_settings_init (self);

  show_pack (self);
}

RdWindow *
rd_window_new (GtkApplication *application)
{
  return g_object_new (RD_TYPE_WINDOW, "application", application, NULL);
}
