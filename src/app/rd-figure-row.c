/* rd-figure-row.c — a list row with a name and aligned figure columns
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows of one list share a GtkSizeGroup per column, so the figures line up
 * like a table while each row stays a focusable list row whose accessible
 * label reads the whole line ("MQL. This quarter: 1,204. All time: 9,876").
 * A header row carries the column names; it is hidden from assistive
 * technologies because every row already names its columns.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-figure-row.h"

struct _RdFigureRow
{
  AdwActionRow  parent_instance;

  gboolean      header;
  GPtrArray    *columns;   /* column names, parallel to values */
  GPtrArray    *values;    /* GtkLabel */
};

G_DEFINE_FINAL_TYPE (RdFigureRow, rd_figure_row, ADW_TYPE_ACTION_ROW)

static const char *style_classes[] = { NULL, "figure-strong", "dim-label", "success", "warning", "error" };

static void
apply_style (GtkWidget        *label,
             RdFigureRowStyle  style)
{
  for (guint i = 1; i < G_N_ELEMENTS (style_classes); i++)
    gtk_widget_remove_css_class (label, style_classes[i]);
  if (style != RD_FIGURE_ROW_PLAIN && style < G_N_ELEMENTS (style_classes))
    gtk_widget_add_css_class (label, style_classes[style]);
}

static void
update_accessible (RdFigureRow *self)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (self));
  GString *text;

  if (self->header)
    return;
  text = g_string_new (title);
  for (guint i = 0; i < self->values->len; i++)
    {
      const char *column = g_ptr_array_index (self->columns, i);
      const char *value = gtk_label_get_text (g_ptr_array_index (self->values, i));

      /* Translators: one cell of a row as read aloud, e.g. ". This quarter: 1,204" */
      g_string_append_printf (text, _(". %s: %s"), column, value);
    }
  if (subtitle && *subtitle)
    g_string_append_printf (text, ". %s", subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text->str, -1);
  g_string_free (text, TRUE);
}

static void
rd_figure_row_finalize (GObject *object)
{
  RdFigureRow *self = RD_FIGURE_ROW (object);

  g_ptr_array_unref (self->columns);
  g_ptr_array_unref (self->values);
  G_OBJECT_CLASS (rd_figure_row_parent_class)->finalize (object);
}

static void
rd_figure_row_class_init (RdFigureRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_figure_row_finalize;
}

static void
rd_figure_row_init (RdFigureRow *self)
{
  self->columns = g_ptr_array_new_with_free_func (g_free);
  self->values = g_ptr_array_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "figure-row");
}

GtkWidget *
rd_figure_row_new (const char *title,
                   const char *subtitle)
{
  RdFigureRow *self = g_object_new (RD_TYPE_FIGURE_ROW, NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title ? title : "");
  if (subtitle && *subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  update_accessible (self);
  return GTK_WIDGET (self);
}

/* A row of column names, shown above the figures it names. */
GtkWidget *
rd_figure_row_new_header (const char *title)
{
  RdFigureRow *self = g_object_new (RD_TYPE_FIGURE_ROW, NULL);

  self->header = TRUE;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title ? title : "");
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "figure-header");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  return GTK_WIDGET (self);
}

/**
 * rd_figure_row_add_value:
 * @column: the column's name, read aloud with the value
 * @exact: (nullable): the exact value, shown as a tooltip
 * @group: (nullable): the size group of the column
 *
 * Returns: (transfer none): the new label
 */
GtkLabel *
rd_figure_row_add_value (RdFigureRow      *self,
                         const char       *column,
                         const char       *text,
                         const char       *exact,
                         GtkSizeGroup     *group,
                         RdFigureRowStyle  style)
{
  GtkWidget *label;

  g_return_val_if_fail (RD_IS_FIGURE_ROW (self), NULL);

  label = gtk_label_new (self->header ? column : text);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, self->header ? "figure-column" : "numeric");
  if (!self->header)
    apply_style (label, style);
  if (!self->header && exact && g_strcmp0 (exact, text) != 0)
    gtk_widget_set_tooltip_text (label, exact);
  if (group)
    gtk_size_group_add_widget (group, label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), label);

  g_ptr_array_add (self->columns, g_strdup (column));
  g_ptr_array_add (self->values, label);
  update_accessible (self);
  return GTK_LABEL (label);
}

/**
 * rd_figure_row_add_bar:
 * @fraction: 0 to 1; below 0 leaves the space empty (header rows, no data)
 *
 * Adds a horizontal bar, a quick picture of the row's size against the others.
 *
 * Returns: (transfer none): the bar, for style classes ("up", "down", "level")
 */
GtkWidget *
rd_figure_row_add_bar (RdFigureRow  *self,
                       double        fraction,
                       GtkSizeGroup *group)
{
  GtkWidget *bar;

  g_return_val_if_fail (RD_IS_FIGURE_ROW (self), NULL);

  bar = gtk_level_bar_new_for_interval (0.0, 1.0);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (fraction, 0.0, 1.0));
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (bar, "figure-bar");
  gtk_widget_set_opacity (bar, fraction < 0 || self->header ? 0.0 : 1.0);
  /* The bar repeats a figure the row reads out already. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  if (group)
    gtk_size_group_add_widget (group, bar);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), bar);
  return bar;
}

/**
 * rd_figure_row_get_value:
 *
 * Returns: (nullable): the text shown in @column
 */
const char *
rd_figure_row_get_value (RdFigureRow *self,
                         const char  *column)
{
  g_return_val_if_fail (RD_IS_FIGURE_ROW (self), NULL);

  for (guint i = 0; i < self->columns->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->columns, i), column) == 0)
      return gtk_label_get_text (g_ptr_array_index (self->values, i));
  return NULL;
}

/**
 * rd_figure_row_set_value:
 *
 * Changes the text, tooltip and style of an existing column.
 */
void
rd_figure_row_set_value (RdFigureRow      *self,
                         const char       *column,
                         const char       *text,
                         const char       *exact,
                         RdFigureRowStyle  style)
{
  g_return_if_fail (RD_IS_FIGURE_ROW (self));

  for (guint i = 0; i < self->columns->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (self->values, i);

      if (g_strcmp0 (g_ptr_array_index (self->columns, i), column) != 0)
        continue;
      gtk_label_set_text (GTK_LABEL (label), text ? text : "");
      gtk_widget_set_tooltip_text (label, exact && g_strcmp0 (exact, text) != 0 ? exact : NULL);
      apply_style (label, style);
      update_accessible (self);
      return;
    }
  g_critical ("%s: no column “%s”", G_STRFUNC, column);
}

/**
 * rd_figure_row_set_subtitle:
 *
 * Changes the line under the title, keeping the accessible label in step.
 */
void
rd_figure_row_set_subtitle (RdFigureRow *self,
                            const char  *subtitle)
{
  g_return_if_fail (RD_IS_FIGURE_ROW (self));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle ? subtitle : "");
  update_accessible (self);
}

/* GTK 4.8 has no gtk_list_box_remove_all(). */
void
rd_list_box_remove_all (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}
