/* rd-figure-tile.c — one headline figure: title, big value, detail
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Its accessible label carries the whole sentence ("ARR: $14.9M. 12 × MRR
 * in Sep 2026"), and so does the flow box child around it, which is what
 * keyboard focus lands on; activating that child opens the figure's
 * records (the page does it). An overview tile also has a link under the
 * figure to the view that shows it in full (rd_figure_tile_set_view),
 * reached with Tab from the tile.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-figure-tile.h"
#include "rd-format.h"

struct _RdFigureTile
{
  GtkWidget    parent_instance;

  GtkLabel    *title_label;
  GtkLabel    *status_label;
  GtkLabel    *value_label;
  GtkLevelBar *level_bar;
  GtkLabel    *detail_label;
  GtkButton   *view_button;
};

G_DEFINE_FINAL_TYPE (RdFigureTile, rd_figure_tile, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_TITLE, PROP_DETAIL, N_PROPS };
static GParamSpec *properties[N_PROPS];

static const char *status_classes[] = { NULL, "success", "warning", "error" };

static void
update_accessible (RdFigureTile *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));
  GString *text = g_string_new (NULL);
  const char *detail = gtk_label_get_text (self->detail_label);
  const char *status = gtk_label_get_text (self->status_label);

  /* Translators: the spoken form of a figure, e.g. "ARR: $14.9M" */
  g_string_printf (text, _("%s: %s"), gtk_label_get_text (self->title_label),
                   gtk_label_get_text (self->value_label));
  if (gtk_widget_get_visible (GTK_WIDGET (self->status_label)) && *status)
    g_string_append_printf (text, ". %s", status);
  if (*detail)
    g_string_append_printf (text, ". %s", detail);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text->str, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->level_bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (self->title_label), -1);
  if (GTK_IS_FLOW_BOX_CHILD (parent) || GTK_IS_LIST_BOX_ROW (parent))
    gtk_accessible_update_property (GTK_ACCESSIBLE (parent), GTK_ACCESSIBLE_PROPERTY_LABEL, text->str, -1);
  g_string_free (text, TRUE);
}

static void
rd_figure_tile_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (rd_figure_tile_parent_class)->root (widget);
  update_accessible (RD_FIGURE_TILE (widget));
}

static void
rd_figure_tile_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_FIGURE_TILE);
  /* The template's top widget has no id, so it is not disposed with it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (rd_figure_tile_parent_class)->dispose (object);
}

static void
rd_figure_tile_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RdFigureTile *self = RD_FIGURE_TILE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, gtk_label_get_text (self->title_label));
      break;
    case PROP_DETAIL:
      g_value_set_string (value, gtk_label_get_text (self->detail_label));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_figure_tile_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RdFigureTile *self = RD_FIGURE_TILE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      rd_figure_tile_set_title (self, g_value_get_string (value));
      break;
    case PROP_DETAIL:
      rd_figure_tile_set_detail (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_figure_tile_class_init (RdFigureTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_figure_tile_dispose;
  object_class->get_property = rd_figure_tile_get_property;
  object_class->set_property = rd_figure_tile_set_property;
  widget_class->root = rd_figure_tile_root;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/revdeck/Revdeck/ui/rd-figure-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, RdFigureTile, title_label);
  gtk_widget_class_bind_template_child (widget_class, RdFigureTile, status_label);
  gtk_widget_class_bind_template_child (widget_class, RdFigureTile, value_label);
  gtk_widget_class_bind_template_child (widget_class, RdFigureTile, level_bar);
  gtk_widget_class_bind_template_child (widget_class, RdFigureTile, view_button);
  gtk_widget_class_bind_template_child (widget_class, RdFigureTile, detail_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "figuretile");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rd_figure_tile_init (RdFigureTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* A plain bar in the accent colour: the tile's status word says good or bad. */
  gtk_level_bar_remove_offset_value (self->level_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->level_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->level_bar, GTK_LEVEL_BAR_OFFSET_FULL);
}

const char *
rd_figure_tile_get_title (RdFigureTile *self)
{
  g_return_val_if_fail (RD_IS_FIGURE_TILE (self), NULL);
  return gtk_label_get_text (self->title_label);
}

void
rd_figure_tile_set_title (RdFigureTile *self,
                          const char   *title)
{
  g_return_if_fail (RD_IS_FIGURE_TILE (self));

  if (g_strcmp0 (title, gtk_label_get_text (self->title_label)) == 0)
    return;
  gtk_label_set_text (self->title_label, title ? title : "");
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
rd_figure_tile_get_value (RdFigureTile *self)
{
  g_return_val_if_fail (RD_IS_FIGURE_TILE (self), NULL);
  return gtk_label_get_text (self->value_label);
}

/**
 * rd_figure_tile_set_value:
 * @value: the short form shown large
 * @exact: (nullable): the exact form, shown as a tooltip
 */
void
rd_figure_tile_set_value (RdFigureTile *self,
                          const char   *value,
                          const char   *exact)
{
  g_return_if_fail (RD_IS_FIGURE_TILE (self));

  gtk_label_set_text (self->value_label, value ? value : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->value_label),
                               exact && g_strcmp0 (exact, value) != 0 ? exact : NULL);
  update_accessible (self);
}

void
rd_figure_tile_set_detail (RdFigureTile *self,
                           const char   *detail)
{
  g_return_if_fail (RD_IS_FIGURE_TILE (self));

  if (g_strcmp0 (detail, gtk_label_get_text (self->detail_label)) == 0)
    return;
  gtk_label_set_text (self->detail_label, detail ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail && *detail);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAIL]);
}

/**
 * rd_figure_tile_set_status:
 * @word: (nullable): the status in words ("On track"); colour is never alone
 */
void
rd_figure_tile_set_status (RdFigureTile   *self,
                           RdFigureStatus  status,
                           const char     *word)
{
  GtkWidget *label;

  g_return_if_fail (RD_IS_FIGURE_TILE (self));

  label = GTK_WIDGET (self->status_label);
  for (guint i = 1; i < G_N_ELEMENTS (status_classes); i++)
    gtk_widget_remove_css_class (label, status_classes[i]);
  if (status != RD_FIGURE_STATUS_NONE && status < G_N_ELEMENTS (status_classes))
    gtk_widget_add_css_class (label, status_classes[status]);
  gtk_label_set_text (self->status_label, word ? word : "");
  gtk_widget_set_visible (label, status != RD_FIGURE_STATUS_NONE && word && *word);
  update_accessible (self);
}

/**
 * rd_figure_tile_set_level:
 * @fraction: 0 to 1 fills the bar under the value; below 0 hides it
 */
void
rd_figure_tile_set_level (RdFigureTile *self,
                          double        fraction)
{
  g_return_if_fail (RD_IS_FIGURE_TILE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->level_bar), fraction >= 0);
  if (fraction >= 0)
    gtk_level_bar_set_value (self->level_bar, CLAMP (fraction, 0.0, 1.0));
}

/* Short money in the tile, exact money in its tooltip. */
void
rd_figure_tile_set_money (RdFigureTile *self,
                          gint64        cents,
                          const char   *currency)
{
  g_autofree char *text = rd_format_money_short (cents, currency);
  g_autofree char *exact = rd_format_money_exact (cents, currency);

  rd_figure_tile_set_value (self, text, exact);
}

void
rd_figure_tile_set_count (RdFigureTile *self,
                          gint64        n)
{
  g_autofree char *text = rd_format_count (n);

  rd_figure_tile_set_value (self, text, NULL);
}

/**
 * rd_figure_tile_set_view:
 * @view_id: (nullable): the view the link opens, or %NULL for no link
 * @view_title: (nullable): its title, as in the view switcher
 *
 * The figure itself opens its records; the link under it opens the view
 * that shows the figure in full.
 */
void
rd_figure_tile_set_view (RdFigureTile *self,
                         const char   *view_id,
                         const char   *view_title)
{
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (RD_IS_FIGURE_TILE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->view_button), view_id != NULL);
  if (view_id == NULL)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->view_button), NULL);
      return;
    }
  /* Translators: a link under a headline figure, e.g. "Funnel view" */
  label = g_strdup_printf (_("%s view"), view_title);
  /* Translators: the spoken name of that link, e.g. "Open the Funnel view" */
  name = g_strdup_printf (_("Open the %s view"), view_title);
  gtk_button_set_label (self->view_button, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->view_button), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view_button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->view_button), "s", view_id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->view_button), "win.show-view");
}
