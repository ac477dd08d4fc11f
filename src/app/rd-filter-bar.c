/* rd-filter-bar.c — period, segment, region, owner, source and as-of, shared by every view
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bar only holds choices: which names and periods are on offer comes
 * from the workspace (rd_filter_list_names, the fiscal calendar), and the
 * filter itself is built by rd_filter_resolve, so the bar, the CLI and the
 * metrics agree on what a name means. Every filter away from its default
 * shows as a chip that removes it.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-filter-bar.h"
#include "rd-format.h"
#include "rd-query-page.h"

enum { DROP_PERIOD, DROP_SEGMENT, DROP_REGION, DROP_OWNER, DROP_SOURCE, N_DROPS };

static const char *drop_names[N_DROPS] = { "period", "segment", "region", "owner", "source" };
/* What the first entry of each name list says. */
static const char *everything[N_DROPS] = {
  NULL, N_("All segments"), N_("All regions"), N_("All owners"), N_("All sources"),
};
static const char *drop_titles[N_DROPS] = {
  N_("Period"), N_("Segment"), N_("Region"), N_("Owner"), N_("Source"),
};

struct _RdFilterBar
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkDropDown    *period_dropdown;
  GtkDropDown    *segment_dropdown;
  GtkDropDown    *region_dropdown;
  GtkDropDown    *owner_dropdown;
  GtkDropDown    *source_dropdown;
  GtkMenuButton  *as_of_button;
  GtkPopover     *as_of_popover;
  GtkCalendar    *calendar;
  GtkBox         *chips;

  /* Owned */
  GPtrArray      *keys[N_DROPS];     /* char*: what each entry means; NULL = everything */
  guint           default_period;
  char            period_kind[8];
  char            as_of[11];         /* "" = the workspace's date */
  char            workspace_as_of[11];
  gboolean        updating;
};

G_DEFINE_FINAL_TYPE (RdFilterBar, rd_filter_bar, GTK_TYPE_WIDGET)

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static GtkDropDown *
dropdown (RdFilterBar *self,
          guint        which)
{
  GtkDropDown *drops[N_DROPS] = { self->period_dropdown, self->segment_dropdown, self->region_dropdown,
                                  self->owner_dropdown, self->source_dropdown };
  return drops[which];
}

static const char *
selected_key (RdFilterBar *self,
              guint        which)
{
  guint selected = gtk_drop_down_get_selected (dropdown (self, which));

  if (self->keys[which] == NULL || selected >= self->keys[which]->len)
    return NULL;
  return g_ptr_array_index (self->keys[which], selected);
}

static const char *
selected_label (RdFilterBar *self,
                guint        which)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown (self, which));

  return item ? gtk_string_object_get_string (item) : "";
}

static void
remove_chip_cb (GtkButton   *button,
                RdFilterBar *self)
{
  int which = GPOINTER_TO_INT (g_object_get_qdata (G_OBJECT (button), g_quark_from_static_string ("rd-chip")));

  if (which < N_DROPS)
    gtk_drop_down_set_selected (dropdown (self, which), which == DROP_PERIOD ? self->default_period : 0);
  else
    rd_filter_bar_set_as_of (self, NULL);
}

static void
add_chip (RdFilterBar *self,
          int          which,
          const char  *text)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  g_autofree char *name = NULL;

  gtk_box_append (GTK_BOX (box), gtk_label_new (text));
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("window-close-symbolic"));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "rd-chip");
  /* Translators: the accessible name of a filter chip, e.g. "Remove filter Segment: Enterprise" */
  name = g_strdup_printf (_("Remove filter %s"), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_tooltip_text (button, name);
  g_object_set_qdata (G_OBJECT (button), g_quark_from_static_string ("rd-chip"), GINT_TO_POINTER (which));
  g_signal_connect_object (button, "clicked", G_CALLBACK (remove_chip_cb), self, 0);
  gtk_box_append (self->chips, button);
}

/* The button inside a GTK 4.8 drop-down or menu button takes the focus but
 * has no name of its own: it gets the control's name and value. */
static void
name_focus_button (GtkWidget  *control,
                   const char *title,
                   const char *value)
{
  GtkWidget *button = gtk_widget_get_first_child (control);
  g_autofree char *name = NULL;

  if (!GTK_IS_BUTTON (button))
    return;
  /* Translators: the spoken name of a filter with its value, e.g. "Segment: All segments" */
  name = *value ? g_strdup_printf (_("%s: %s"), title, value) : g_strdup (title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
update_chips (RdFilterBar *self)
{
  GtkWidget *child;
  g_autofree char *as_of_text = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips))) != NULL)
    gtk_box_remove (self->chips, child);

  for (guint i = 0; i < N_DROPS; i++)
    {
      guint selected = gtk_drop_down_get_selected (dropdown (self, i));
      g_autofree char *text = NULL;

      name_focus_button (GTK_WIDGET (dropdown (self, i)), _(drop_titles[i]),
                         selected == GTK_INVALID_LIST_POSITION ? "" : selected_label (self, i));
      if (selected == GTK_INVALID_LIST_POSITION || selected == (i == DROP_PERIOD ? self->default_period : 0))
        continue;
      /* Translators: a filter chip, e.g. "Segment: Enterprise" */
      text = g_strdup_printf (_("%s: %s"), _(drop_titles[i]), selected_label (self, i));
      add_chip (self, i, text);
    }

  as_of_text = rd_format_iso_date (*self->as_of ? self->as_of : self->workspace_as_of);
  if (*self->as_of)
    {
      g_autofree char *text = g_strdup_printf (_("As of %s"), as_of_text);
      add_chip (self, N_DROPS, text);
    }
  /* Like the drop-downs beside it, the button shows its value (the date);
   * its accessible name and tooltip say what the value is. Six controls
   * then fit on one line from 800 px wide. */
  gtk_menu_button_set_label (self->as_of_button, as_of_text);
  /* GTK 4.8 reads a labelled button's name before its text: "As of 30 Sep 2026". */
  name_focus_button (GTK_WIDGET (self->as_of_button), _("As of"), "");

  gtk_widget_set_visible (GTK_WIDGET (self->chips), gtk_widget_get_first_child (GTK_WIDGET (self->chips)) != NULL);
}

static void
changed (RdFilterBar *self)
{
  if (self->updating)
    return;
  update_chips (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
selected_cb (RdFilterBar *self)
{
  changed (self);
}

static void
day_selected_cb (RdFilterBar *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *iso = g_date_time_format (date, "%Y-%m-%d");

  if (self->updating)
    return;
  gtk_popover_popdown (self->as_of_popover);
  rd_filter_bar_set_as_of (self, g_strcmp0 (iso, self->workspace_as_of) == 0 ? NULL : iso);
}

static void
as_of_reset_cb (RdFilterBar *self)
{
  gtk_popover_popdown (self->as_of_popover);
  rd_filter_bar_set_as_of (self, NULL);
}

static void
set_choices (RdFilterBar *self,
             guint        which,
             GPtrArray   *keys,
             GStrv        labels)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new ((const char *const *) labels);

  g_clear_pointer (&self->keys[which], g_ptr_array_unref);
  self->keys[which] = keys;
  gtk_drop_down_set_model (dropdown (self, which), G_LIST_MODEL (list));
}

static char *
quarter_label (int fiscal_year,
               int quarter)
{
  /* Translators: a fiscal quarter, named by the year its fiscal year starts in, e.g. "FY2026 Q3" */
  return g_strdup_printf (_("FY%d Q%d"), fiscal_year, quarter);
}

static void
fill_periods (RdFilterBar *self,
              RdWorkspace *workspace)
{
  g_autoptr(GDate) as_of = rd_workspace_dup_as_of (workspace);
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;
  int start_month = rd_workspace_fiscal_start_month (workspace);
  int fy, q;

  g_ptr_array_add (keys, g_strdup ("all"));
  g_strv_builder_add (labels, _("All time"));

  /* The next quarter, the current one and six before it. */
  rd_fiscal_quarter_of (as_of, start_month, &fy, &q);
  if (++q > 4)
    q = 1, fy++;
  for (int i = 0; i < 8; i++)
    {
      g_autofree char *label = quarter_label (fy, q);

      g_ptr_array_add (keys, g_strdup_printf ("%d-Q%d", fy, q));
      g_strv_builder_add (labels, label);
      if (i == 1)
        self->default_period = keys->len - 1;
      if (--q < 1)
        q = 4, fy--;
    }

  /* The current month and eleven before it. */
  for (int i = 0; i < 12; i++)
    {
      GDate month = *as_of;
      g_autofree char *key = NULL;
      g_autofree char *label = NULL;

      g_date_set_day (&month, 1);
      g_date_subtract_months (&month, i);
      key = g_strdup_printf ("%04d-%02d", g_date_get_year (&month), g_date_get_month (&month));
      label = rd_format_month (key);
      if (i == 0 && g_strcmp0 (self->period_kind, "month") == 0)
        self->default_period = keys->len;
      g_ptr_array_add (keys, g_steal_pointer (&key));
      g_strv_builder_add (labels, label);
    }
  if (g_strcmp0 (self->period_kind, "all") == 0)
    self->default_period = 0;

  strv = g_strv_builder_end (labels);
  set_choices (self, DROP_PERIOD, keys, strv);
  g_date_strftime (self->workspace_as_of, sizeof self->workspace_as_of, "%Y-%m-%d", as_of);
}

static void
fill_names (RdFilterBar *self,
            RdWorkspace *workspace,
            guint        which)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = rd_filter_list_names (workspace, which - DROP_SEGMENT, &error);
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  if (names == NULL)
    g_warning ("Could not list the %s filter’s names: %s", drop_names[which], error->message);

  g_ptr_array_add (keys, NULL);
  g_strv_builder_add (labels, _(everything[which]));
  for (guint i = 0; names && names[i]; i++)
    {
      g_ptr_array_add (keys, g_strdup (names[i]));
      g_strv_builder_add (labels, names[i]);
    }
  strv = g_strv_builder_end (labels);
  set_choices (self, which, keys, strv);
  gtk_widget_set_sensitive (GTK_WIDGET (dropdown (self, which)), names && names[0]);
}

void
rd_filter_bar_set_workspace (RdFilterBar *self,
                             RdWorkspace *workspace,
                             const char  *period_kind)
{
  g_return_if_fail (RD_IS_FILTER_BAR (self));
  g_return_if_fail (RD_IS_WORKSPACE (workspace));

  self->updating = TRUE;
  g_strlcpy (self->period_kind, period_kind ? period_kind : "quarter", sizeof self->period_kind);
  *self->as_of = '\0';
  fill_periods (self, workspace);
  for (guint i = DROP_SEGMENT; i < N_DROPS; i++)
    fill_names (self, workspace, i);
  gtk_drop_down_set_selected (self->period_dropdown, self->default_period);
  self->updating = FALSE;
  update_chips (self);
}

/**
 * rd_filter_bar_resolve:
 *
 * Returns: (transfer full): the filter for the bar's choices, or %NULL with
 * @error set (a name the workspace no longer has)
 */
RdFilter *
rd_filter_bar_resolve (RdFilterBar  *self,
                       RdWorkspace  *workspace,
                       GError      **error)
{
  g_autoptr(RdFilter) filter = rd_filter_new ();

  g_return_val_if_fail (RD_IS_FILTER_BAR (self), NULL);

  if (!rd_filter_resolve (filter, workspace, *self->as_of ? self->as_of : NULL,
                          selected_key (self, DROP_PERIOD), selected_key (self, DROP_SEGMENT),
                          selected_key (self, DROP_REGION), selected_key (self, DROP_OWNER),
                          selected_key (self, DROP_SOURCE), error))
    return NULL;
  return g_steal_pointer (&filter);
}

gboolean
rd_filter_bar_select (RdFilterBar *self,
                      const char  *what,
                      const char  *value)
{
  g_return_val_if_fail (RD_IS_FILTER_BAR (self), FALSE);

  for (guint i = 0; i < N_DROPS; i++)
    {
      if (g_strcmp0 (what, drop_names[i]) != 0 || self->keys[i] == NULL)
        continue;
      for (guint k = 0; k < self->keys[i]->len; k++)
        if (g_strcmp0 (g_ptr_array_index (self->keys[i], k), value) == 0)
          {
            gtk_drop_down_set_selected (dropdown (self, i), k);
            return TRUE;
          }
    }
  return FALSE;
}

void
rd_filter_bar_set_as_of (RdFilterBar *self,
                         const char  *as_of)
{
  g_return_if_fail (RD_IS_FILTER_BAR (self));

  if (g_strcmp0 (self->as_of, as_of ? as_of : "") == 0)
    return;
  g_strlcpy (self->as_of, as_of ? as_of : "", sizeof self->as_of);
  changed (self);
}

/**
 * rd_filter_bar_get_period_kind:
 *
 * Returns: "quarter", "month" or "all", after the period selected now
 */
const char *
rd_filter_bar_get_period_kind (RdFilterBar *self)
{
  const char *key;

  g_return_val_if_fail (RD_IS_FILTER_BAR (self), "quarter");

  key = selected_key (self, DROP_PERIOD);
  if (key == NULL || g_strcmp0 (key, "all") == 0)
    return "all";
  return strchr (key, 'Q') ? "quarter" : "month";
}

guint
rd_filter_bar_get_n_chips (RdFilterBar *self)
{
  guint n = 0;

  g_return_val_if_fail (RD_IS_FILTER_BAR (self), 0);

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->chips)); c; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

GtkWidget *
rd_filter_bar_get_chip (RdFilterBar *self,
                        guint        index)
{
  GtkWidget *c;

  g_return_val_if_fail (RD_IS_FILTER_BAR (self), NULL);

  for (c = gtk_widget_get_first_child (GTK_WIDGET (self->chips)); c && index > 0; c = gtk_widget_get_next_sibling (c))
    index--;
  return c;
}

static void
rd_filter_bar_dispose (GObject *object)
{
  RdFilterBar *self = RD_FILTER_BAR (object);
  GtkWidget *child;

  for (guint i = 0; i < N_DROPS; i++)
    g_clear_pointer (&self->keys[i], g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_FILTER_BAR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (rd_filter_bar_parent_class)->dispose (object);
}

static void
rd_filter_bar_class_init (RdFilterBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rd_filter_bar_dispose;

  /**
   * RdFilterBar::changed:
   *
   * A choice changed; rd_filter_bar_resolve() gives the new filter.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/revdeck/Revdeck/ui/rd-filter-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, RdFilterBar, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdFilterBar, segment_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdFilterBar, region_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdFilterBar, owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdFilterBar, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdFilterBar, as_of_button);
  gtk_widget_class_bind_template_child (widget_class, RdFilterBar, as_of_popover);
  gtk_widget_class_bind_template_child (widget_class, RdFilterBar, calendar);
  gtk_widget_class_bind_template_child (widget_class, RdFilterBar, chips);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, as_of_reset_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rd_filter_bar_init (RdFilterBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_DROPS; i++)
    g_signal_connect_object (dropdown (self, i), "notify::selected", G_CALLBACK (selected_cb), self,
                             G_CONNECT_SWAPPED);
  /* Tab goes from control to control, not to the flow box cell around each. */
  for (guint i = 0; i < N_DROPS; i++)
    gtk_widget_set_focusable (gtk_widget_get_parent (GTK_WIDGET (dropdown (self, i))), FALSE);
  gtk_widget_set_focusable (gtk_widget_get_parent (GTK_WIDGET (self->as_of_button)), FALSE);
}
