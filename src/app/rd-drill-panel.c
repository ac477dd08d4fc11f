/* rd-drill-panel.c — the records behind one figure, with its formula
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The panel names the figure and its formula at once, from the pack on
 * screen, then asks the loader's worker for the metric's record query
 * (rd_metrics_drill_query, the very query the figure aggregates), its
 * columns and its row count. The rows themselves come a page at a time
 * through RdQueryModel, ordered by SQL when a column header is clicked.
 *
 * GTK 4.8 has no API to ask a column view which column it sorts by, so each
 * column gets a probe sorter that notes its own index: comparing two rows
 * with the view's sorter calls the primary column's probe first, and the
 * sign of the answer tells the direction.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-drill-panel.h"
#include "rd-format.h"
#include "rd-query-page.h"
#include "rd-query-row.h"

struct _RdDrillPanel
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkLabel        *title_label;
  GtkLabel        *formula_label;
  GtkLabel        *numbers_label;
  GtkStack        *stack;
  GtkSpinner      *spinner;
  GtkLabel        *message_label;
  GtkColumnView   *column_view;
  GtkLabel        *count_label;
  GtkButton       *export_button;

  /* Owned */
  RdMetricsLoader *loader;
  RdQueryModel    *model;
  GCancellable    *cancellable;
  char            *export_name;
  int              probed_column;
  int              select_row;     /* the row to select once loaded, or −1 */
};

G_DEFINE_FINAL_TYPE (RdDrillPanel, rd_drill_panel, GTK_TYPE_WIDGET)

enum { SIGNAL_LOADED, SIGNAL_MESSAGE, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef struct
{
  RdFilter *filter;
  char     *metric_id;
  char     *bucket;
  RdQuery  *query;
  GStrv     columns;
  gint64    n_rows;
} DrillJob;

static void
drill_job_free (DrillJob *job)
{
  rd_filter_free (job->filter);
  g_free (job->metric_id);
  g_free (job->bucket);
  g_clear_pointer (&job->query, rd_query_free);
  g_strfreev (job->columns);
  g_free (job);
}

typedef struct
{
  RdDrillPanel *self;
  int           column;
} Probe;

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  Probe *probe = user_data;

  probe->self->probed_column = probe->column;
  return GTK_ORDERING_SMALLER;
}

static void
sorter_changed_cb (RdDrillPanel *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  g_autoptr(RdQueryRow) a = rd_query_row_new (NULL);
  g_autoptr(RdQueryRow) b = rd_query_row_new (NULL);
  GtkOrdering order;

  if (self->model == NULL)
    return;
  self->probed_column = -1;
  order = gtk_sorter_compare (sorter, a, b);
  rd_query_model_set_sort (self->model, self->probed_column, order == GTK_ORDERING_LARGER);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 10);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  column)
{
  RdQueryRow *row = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  const char *text = rd_query_row_get_cell (row, GPOINTER_TO_UINT (column));

  gtk_label_set_text (label, rd_query_row_is_loaded (row) ? text : "…");
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), *text ? text : NULL);
}

static void
remove_columns (RdDrillPanel *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->column_view, column);
    }
}

static void
add_columns (RdDrillPanel       *self,
             const char *const  *names)
{
  for (guint i = 0; names[i]; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GtkSorter) sorter = NULL;
      Probe *probe = g_new0 (Probe, 1);

      probe->self = self;
      probe->column = (int) i;
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (names[i], factory);
      sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, probe, g_free));
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
    }
}

static gpointer
load_with_reader (RdWorkspace  *reader,
                  gpointer      user_data,
                  GError      **error)
{
  DrillJob *job = user_data;

  job->query = rd_metrics_drill_query (reader, job->filter, job->metric_id, job->bucket, error);
  if (job->query == NULL)
    return NULL;
  job->columns = rd_query_column_names (reader, job->query, error);
  if (job->columns == NULL || !rd_query_aggregate (reader, job->query, &job->n_rows, NULL, error))
    return NULL;
  return job;
}

static void
show_message (RdDrillPanel *self,
              const char   *message)
{
  gtk_label_set_text (self->message_label, message);
  gtk_stack_set_visible_child_name (self->stack, "message");
  gtk_spinner_stop (self->spinner);
}

/* GTK 4.8 has no gtk_column_view_scroll_to(): the list inside the column
 * view answers "list.scroll-to-item". */
static void
scroll_to_row (RdDrillPanel *self,
               guint         position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  RdDrillPanel *self = RD_DRILL_PANEL (object);
  DrillJob *job = rd_metrics_loader_read_get_data (result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkSingleSelection) selection = NULL;
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;

  /* The reader returns the job itself, which the task frees. */
  if (rd_metrics_loader_read_finish (result, &error) == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      show_message (self, error->message);
      g_signal_emit (self, signals[SIGNAL_LOADED], 0);
      return;
    }

  remove_columns (self);
  g_clear_object (&self->model);
  self->model = rd_query_model_new (self->loader, g_steal_pointer (&job->query),
                                    (const char *const *) job->columns, (guint) MIN (job->n_rows, G_MAXUINT));
  add_columns (self, (const char *const *) job->columns);
  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->model)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  if (self->select_row >= 0 && (gint64) self->select_row < job->n_rows)
    {
      gtk_single_selection_set_selected (selection, (guint) self->select_row);
      scroll_to_row (self, (guint) self->select_row);
    }

  count = rd_format_count (job->n_rows);
  text = g_strdup_printf (ngettext ("%s record", "%s records", (gulong) job->n_rows), count);
  gtk_label_set_text (self->count_label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);
  gtk_spinner_stop (self->spinner);
  if (job->n_rows > 0)
    gtk_stack_set_visible_child_name (self->stack, "records");
  else
    show_message (self, _("No records are behind this figure."));
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

static char *
describe_numbers (const RdMetric     *metric,
                  const RdMetricPack *pack)
{
  GString *out = g_string_new (NULL);

  if (metric->is_ratio)
    {
      RdMetric part = *metric;
      g_autofree char *num = NULL;
      g_autofree char *den = NULL;

      part.unit = metric->numerator_unit;
      part.defined = TRUE;
      part.value = metric->numerator;
      num = rd_format_metric_exact (&part, pack->currency);
      part.value = metric->denominator;
      den = rd_format_metric_exact (&part, pack->currency);
      /* Translators: the two parts of a ratio in the drill-down panel */
      g_string_append_printf (out, _("Numerator %s · denominator %s"), num, den);
    }
  if (metric->definition_key && metric->definition_version > 0)
    {
      if (out->len)
        g_string_append (out, " · ");
      /* Translators: e.g. "definition “win_rate”, version 2" */
      g_string_append_printf (out, _("definition “%s”, version %d"), metric->definition_key,
                              metric->definition_version);
    }
  if (metric->note)
    {
      if (out->len)
        g_string_append (out, " · ");
      g_string_append (out, metric->note);
    }
  return g_string_free (out, FALSE);
}

/**
 * rd_drill_panel_show:
 *
 * Names @metric and starts loading its records; a metric that cannot be
 * drilled says so instead.
 */
void
rd_drill_panel_show (RdDrillPanel       *self,
                     RdMetricsLoader    *loader,
                     const RdMetricPack *pack,
                     const RdMetric     *metric)
{
  g_autofree char *value = NULL;
  g_autofree char *title = NULL;
  g_autofree char *numbers = NULL;
  DrillJob *job;

  g_return_if_fail (RD_IS_DRILL_PANEL (self));
  g_return_if_fail (RD_IS_METRICS_LOADER (loader));
  g_return_if_fail (pack != NULL && metric != NULL);

  rd_drill_panel_clear (self);
  g_set_object (&self->loader, loader);

  value = rd_format_metric (metric, pack->currency);
  if (metric->bucket)
    /* Translators: the drill-down title: figure, metric, bucket, e.g. "13 · Stalled deals in Proposal" */
    title = g_strdup_printf (_("%s · %s in %s"), value, metric->label, metric->bucket);
  else
    /* Translators: the drill-down title: figure and metric, e.g. "54 · Stalled deals" */
    title = g_strdup_printf (_("%s · %s"), value, metric->label);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->formula_label, metric->formula ? metric->formula : "");
  numbers = describe_numbers (metric, pack);
  gtk_label_set_text (self->numbers_label, numbers);
  gtk_widget_set_visible (GTK_WIDGET (self->numbers_label), *numbers != '\0');
  self->export_name = g_strdup_printf ("%s%s%s.csv", metric->id, metric->bucket ? "-" : "",
                                       metric->bucket ? metric->bucket : "");
  g_strdelimit (self->export_name, "/\\:", '-');

  if (!metric->drillable)
    {
      show_message (self, _("This figure is computed from other figures, not counted from records."));
      g_signal_emit (self, signals[SIGNAL_LOADED], 0);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_spinner_start (self->spinner);

  job = g_new0 (DrillJob, 1);
  job->filter = rd_filter_copy (pack->filter);
  job->metric_id = g_strdup (metric->id);
  job->bucket = g_strdup (metric->bucket);
  self->cancellable = g_cancellable_new ();
  rd_metrics_loader_read_async (loader, self, load_with_reader, job, (GDestroyNotify) drill_job_free,
                                NULL, self->cancellable, load_done_cb, NULL);
}

void
rd_drill_panel_clear (RdDrillPanel *self)
{
  g_return_if_fail (RD_IS_DRILL_PANEL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_column_view_set_model (self->column_view, NULL);
  remove_columns (self);
  g_clear_object (&self->model);
  g_clear_pointer (&self->export_name, g_free);
  self->select_row = -1;
  gtk_label_set_text (self->count_label, "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
}

typedef struct
{
  RdQueryModel *model;
  GFile        *file;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_object_unref (job->model);
  g_object_unref (job->file);
  g_free (job);
}

static gpointer
export_with_reader (RdWorkspace  *reader,
                    gpointer      user_data,
                    GError      **error)
{
  ExportJob *job = user_data;
  g_autoptr(GFileOutputStream) out = NULL;
  gint64 n_rows = 0;

  out = g_file_replace (job->file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (out == NULL ||
      !rd_query_write_csv (reader, rd_query_model_get_query (job->model), G_OUTPUT_STREAM (out), &n_rows, error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error))
    return NULL;
  return g_memdup2 (&n_rows, sizeof n_rows);
}

/**
 * rd_drill_panel_export_async:
 *
 * Writes every record of the list (not only the loaded pages) to @file as
 * CSV, on the loader's worker.
 */
void
rd_drill_panel_export_async (RdDrillPanel        *self,
                             GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  ExportJob *job;

  g_return_if_fail (RD_IS_DRILL_PANEL (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->model != NULL);

  job = g_new0 (ExportJob, 1);
  job->model = g_object_ref (self->model);
  job->file = g_object_ref (file);
  rd_metrics_loader_read_async (self->loader, self, export_with_reader, job, (GDestroyNotify) export_job_free,
                                g_free, cancellable, callback, user_data);
}

gint64
rd_drill_panel_export_finish (RdDrillPanel  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_autofree gint64 *n_rows = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  n_rows = rd_metrics_loader_read_finish (result, error);
  return n_rows ? *n_rows : -1;
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RdDrillPanel *self = RD_DRILL_PANEL (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 n_rows = rd_drill_panel_export_finish (self, result, &error);

  if (n_rows < 0)
    /* Translators: a toast after a failed export; the error follows */
    message = g_strdup_printf (_("Could not export the records: %s"), error->message);
  else
    {
      g_autofree char *count = rd_format_count (n_rows);
      message = g_strdup_printf (ngettext ("Exported %s record", "Exported %s records", (gulong) n_rows), count);
    }
  g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, message);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     RdDrillPanel    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      rd_drill_panel_export_async (self, file, NULL, export_done_cb, NULL);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_clicked_cb (RdDrillPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Records"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (self->export_name)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), self->export_name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

const char *
rd_drill_panel_get_title (RdDrillPanel *self)
{
  g_return_val_if_fail (RD_IS_DRILL_PANEL (self), NULL);
  return gtk_label_get_text (self->title_label);
}

const char *
rd_drill_panel_get_formula (RdDrillPanel *self)
{
  g_return_val_if_fail (RD_IS_DRILL_PANEL (self), NULL);
  return gtk_label_get_text (self->formula_label);
}

RdQueryModel *
rd_drill_panel_get_model (RdDrillPanel *self)
{
  g_return_val_if_fail (RD_IS_DRILL_PANEL (self), NULL);
  return self->model;
}

GtkColumnView *
rd_drill_panel_get_column_view (RdDrillPanel *self)
{
  g_return_val_if_fail (RD_IS_DRILL_PANEL (self), NULL);
  return self->column_view;
}

gboolean
rd_drill_panel_is_loading (RdDrillPanel *self)
{
  g_return_val_if_fail (RD_IS_DRILL_PANEL (self), FALSE);
  return self->cancellable != NULL && self->model == NULL &&
         g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0;
}

static void
rd_drill_panel_dispose (GObject *object)
{
  RdDrillPanel *self = RD_DRILL_PANEL (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->model);
  g_clear_object (&self->loader);
  g_clear_pointer (&self->export_name, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_DRILL_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (rd_drill_panel_parent_class)->dispose (object);
}

static void
rd_drill_panel_class_init (RdDrillPanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rd_drill_panel_dispose;

  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/revdeck/Revdeck/ui/rd-drill-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, RdDrillPanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, RdDrillPanel, formula_label);
  gtk_widget_class_bind_template_child (widget_class, RdDrillPanel, numbers_label);
  gtk_widget_class_bind_template_child (widget_class, RdDrillPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, RdDrillPanel, spinner);
  gtk_widget_class_bind_template_child (widget_class, RdDrillPanel, message_label);
  gtk_widget_class_bind_template_child (widget_class, RdDrillPanel, column_view);
  gtk_widget_class_bind_template_child (widget_class, RdDrillPanel, count_label);
  gtk_widget_class_bind_template_child (widget_class, RdDrillPanel, export_button);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rd_drill_panel_init (RdDrillPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->probed_column = -1;
  self->select_row = -1;
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * rd_drill_panel_select_row:
 *
 * Selects the record at @position (in the query's own order) and scrolls
 * to it, now or once the list is loaded.
 */
void
rd_drill_panel_select_row (RdDrillPanel *self,
                           guint         position)
{
  GtkSelectionModel *selection;

  g_return_if_fail (RD_IS_DRILL_PANEL (self));

  self->select_row = (int) MIN (position, G_MAXINT);
  selection = gtk_column_view_get_model (self->column_view);
  if (selection && position < g_list_model_get_n_items (G_LIST_MODEL (selection)))
    {
      gtk_selection_model_select_item (selection, position, TRUE);
      scroll_to_row (self, position);
    }
}

/* The selected record's position, or GTK_INVALID_LIST_POSITION. */
guint
rd_drill_panel_get_selected_row (RdDrillPanel *self)
{
  GtkSelectionModel *selection;

  g_return_val_if_fail (RD_IS_DRILL_PANEL (self), GTK_INVALID_LIST_POSITION);
  selection = gtk_column_view_get_model (self->column_view);
  return GTK_IS_SINGLE_SELECTION (selection) ? gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection))
                                             : GTK_INVALID_LIST_POSITION;
}
