/* rd-chart-view.c — one chart of a view, drawn by the charts library
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The widget lays its chart out (rd_view_chart_layout) when the pack, its
 * size or the style changes, paints the layout once into a cached render
 * node through cairo, and draws only the hover and focus rings on top of it
 * afterwards, so a hover costs no layout and no repaint of the chart.
 *
 * Hit regions answer the pointer (tooltip with the exact figure, click to
 * drill) and the keyboard: arrow keys walk the hits in reading order, Enter
 * or Space opens the one under focus. Assistive technologies get the chart's
 * title as its label and rd_chart_layout_describe() as its description; the
 * label names the hit under keyboard focus as it moves.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "rd-chart-view.h"
#include "rd-metrics-view.h"

struct _RdChartView
{
  GtkWidget           parent_instance;

  /* Borrowed */
  const RdViewChart  *chart;
  const RdMetricPack *pack;
  const RdViewDetail *detail;     /* records some charts draw one by one, or NULL */

  /* Owned */
  RdChartLayout      *layout;
  char               *description; /* of the layout, for assistive technologies */
  GskRenderNode      *cached;     /* the chart painted, without hover or focus */
  RdChartTheme        theme;
  int                 hover;
  int                 focused;
};

G_DEFINE_FINAL_TYPE (RdChartView, rd_chart_view, GTK_TYPE_WIDGET)

static void
invalidate_paint (RdChartView *self)
{
  g_clear_pointer (&self->cached, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
invalidate_layout (RdChartView *self)
{
  g_clear_pointer (&self->layout, rd_chart_layout_free);
  g_clear_pointer (&self->description, g_free);
  self->hover = -1;
  invalidate_paint (self);
}

static void
update_theme (RdChartView *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));
  g_autofree char *font_name = NULL;
  PangoFontDescription *font = NULL;

  rd_chart_theme_init (&self->theme, adw_style_manager_get_high_contrast (style) ? RD_CHART_STYLE_HIGH_CONTRAST :
                                     adw_style_manager_get_dark (style) ? RD_CHART_STYLE_DARK : RD_CHART_STYLE_LIGHT);
  g_object_get (settings, "gtk-font-name", &font_name, NULL);
  if (font_name)
    font = pango_font_description_from_string (font_name);
  if (font && pango_font_description_get_family (font))
    {
      double size = pango_font_description_get_size (font) / (double) PANGO_SCALE;

      if (!pango_font_description_get_size_is_absolute (font))
        size = size * 96.0 / 72.0;
      rd_chart_theme_set_font (&self->theme, pango_font_description_get_family (font), size > 0 ? size : 0);
    }
  g_clear_pointer (&font, pango_font_description_free);
  invalidate_layout (self);
}

/* A strip of every open deal describes each one: assistive technologies
 * get the summary that leads the description, and the deals one key press
 * at a time. Described once per layout, not at every key press. */
#define MAX_DESCRIPTION 2000

static char *
describe (const RdChartLayout *layout)
{
  g_autofree char *whole = rd_chart_layout_describe (layout);
  char *end, *stop;

  if (whole == NULL || strlen (whole) <= MAX_DESCRIPTION)
    return g_steal_pointer (&whole);
  end = g_utf8_find_prev_char (whole, whole + MAX_DESCRIPTION);
  stop = g_strrstr_len (whole, end - whole, ". ");
  *(stop ? stop + 1 : end) = '\0';
  return g_strconcat (whole, " …", NULL);
}

static void
update_accessible (RdChartView *self)
{
  const char *title = self->chart ? rd_view_chart_get_title (self->chart) : "";
  g_autofree char *label = NULL;

  if (self->layout && self->focused >= 0 && (guint) self->focused < rd_chart_layout_get_n_hits (self->layout))
    /* Translators: a chart's accessible name with the part under keyboard focus, e.g. "Funnel: MQL, 183 leads" */
    label = g_strdup_printf (_("%s: %s"), title, rd_chart_layout_get_hit (self->layout, self->focused)->label);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label ? label : title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description ? self->description : "",
                                  -1);
}

static gboolean
ensure_layout (RdChartView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  gint64 start;

  if (self->layout)
    return TRUE;
  if (self->chart == NULL || self->pack == NULL || width <= 0 || height <= 0)
    return FALSE;

  start = g_get_monotonic_time ();
  self->layout = rd_view_chart_layout_detailed (self->chart, self->pack, self->detail, width, height, &self->theme,
                                                gtk_widget_get_pango_context (GTK_WIDGET (self)));
  g_debug ("Chart %s laid out in %.1f ms", self->chart->id, (g_get_monotonic_time () - start) / 1000.0);
  self->description = self->layout ? describe (self->layout) : NULL;
  if (self->layout && self->focused >= (int) rd_chart_layout_get_n_hits (self->layout))
    self->focused = (int) rd_chart_layout_get_n_hits (self->layout) - 1;
  update_accessible (self);
  return self->layout != NULL;
}

static void
rd_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  RdChartView *self = RD_CHART_VIEW (widget);
  graphene_rect_t bounds;
  gboolean focus_ring;
  cairo_t *cr;

  if (!ensure_layout (self))
    return;

  graphene_rect_init (&bounds, 0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  if (self->cached == NULL)
    {
      GtkSnapshot *sub = gtk_snapshot_new ();

      gint64 start = g_get_monotonic_time ();

      cr = gtk_snapshot_append_cairo (sub, &bounds);
      rd_chart_layout_paint (self->layout, cr, &self->theme);
      cairo_destroy (cr);
      self->cached = gtk_snapshot_free_to_node (sub);
      g_debug ("Chart %s painted in %.1f ms", self->chart->id, (g_get_monotonic_time () - start) / 1000.0);
    }
  if (self->cached)
    gtk_snapshot_append_node (snapshot, self->cached);

  focus_ring = gtk_widget_has_visible_focus (widget) && self->focused >= 0;
  if (self->hover < 0 && !focus_ring)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  if (self->hover >= 0)
    rd_chart_layout_paint_focus (self->layout, cr, &self->theme, self->hover);
  if (focus_ring && self->focused != self->hover)
    rd_chart_layout_paint_focus (self->layout, cr, &self->theme, self->focused);
  cairo_destroy (cr);
}

static void
rd_chart_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  RdChartView *self = RD_CHART_VIEW (widget);
  double weight = self->chart && self->chart->weight > 0 ? self->chart->weight : 1.0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = self->chart && self->chart->min_width > 0 ? (int) self->chart->min_width : 240;
      *natural = *minimum;
    }
  else
    {
      *minimum = (int) (180 * weight);
      *natural = (int) (260 * weight);
    }
}

static void
rd_chart_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  RdChartView *self = RD_CHART_VIEW (widget);

  if (self->layout && (rd_chart_layout_get_width (self->layout) != width ||
                       rd_chart_layout_get_height (self->layout) != height))
    invalidate_layout (self);
}

static gboolean
rd_chart_view_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard_mode,
                             GtkTooltip *tooltip)
{
  RdChartView *self = RD_CHART_VIEW (widget);
  const RdChartHit *hit;
  int index;

  if (!ensure_layout (self))
    return FALSE;
  index = keyboard_mode ? self->focused : rd_chart_layout_hit_test (self->layout, x, y);
  if (index < 0)
    return FALSE;
  hit = rd_chart_layout_get_hit (self->layout, index);
  gtk_tooltip_set_text (tooltip, hit->label);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) hit->x, (int) hit->y,
                                                        MAX (1, (int) hit->w), MAX (1, (int) hit->h) });
  return TRUE;
}

static void
set_hover (RdChartView *self,
           int          index)
{
  if (self->hover == index)
    return;
  self->hover = index;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), index >= 0 ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_focused (RdChartView *self,
             int          index)
{
  if (self->focused == index)
    return;
  self->focused = index;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           RdChartView              *self)
{
  set_hover (self, ensure_layout (self) ? rd_chart_layout_hit_test (self->layout, x, y) : -1);
}

static void
leave_cb (GtkEventControllerMotion *motion,
          RdChartView              *self)
{
  set_hover (self, -1);
}

static void
released_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             RdChartView     *self)
{
  int index;

  if (!ensure_layout (self) || (index = rd_chart_layout_hit_test (self->layout, x, y)) < 0)
    return;
  set_focused (self, index);
  rd_chart_view_activate_hit (self, index);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                RdChartView           *self)
{
  int n;

  if (!ensure_layout (self) || (n = (int) rd_chart_layout_get_n_hits (self->layout)) == 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Right:
    case GDK_KEY_KP_Down:
      set_focused (self, MIN (self->focused + 1, n - 1));
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Left:
    case GDK_KEY_KP_Up:
      set_focused (self, MAX (self->focused - 1, 0));
      return TRUE;
    case GDK_KEY_Home:
      set_focused (self, 0);
      return TRUE;
    case GDK_KEY_End:
      set_focused (self, n - 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
      if (self->focused < 0)
        return FALSE;
      rd_chart_view_activate_hit (self, self->focused);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
focus_enter_cb (GtkEventControllerFocus *controller,
                RdChartView             *self)
{
  if (self->focused < 0 && ensure_layout (self) && rd_chart_layout_get_n_hits (self->layout) > 0)
    set_focused (self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                RdChartView             *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * rd_chart_view_activate_hit:
 *
 * Opens the drill-down of the metric behind hit @index.
 *
 * Returns: whether the hit names a metric of the pack
 */
gboolean
rd_chart_view_activate_hit (RdChartView *self,
                            guint        index)
{
  const RdMetric *metric;
  const RdChartHit *hit;

  g_return_val_if_fail (RD_IS_CHART_VIEW (self), FALSE);

  if (!ensure_layout (self) || index >= rd_chart_layout_get_n_hits (self->layout))
    return FALSE;
  hit = rd_chart_layout_get_hit (self->layout, index);
  metric = rd_view_hit_metric (self->pack, hit);
  if (metric == NULL)
    return FALSE;
  /* A dot of one record (an open deal of the aging strip): its row in the
   * records of its stage, which are listed in the order the dots were read. */
  if (self->detail != NULL && hit->series != NULL && hit->series_index >= 0 &&
      g_strcmp0 (metric->bucket, hit->bucket) == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.drill-record", "(ssu)", metric->id,
                                  metric->bucket ? metric->bucket : "", (guint32) hit->series_index);
      return TRUE;
    }
  rd_metrics_view_drill (GTK_WIDGET (self), metric->id, metric->bucket);
  return TRUE;
}

/**
 * rd_chart_view_set_detail:
 * @detail: (nullable): borrowed, like the pack; records drawn one by one
 */
void
rd_chart_view_set_detail (RdChartView        *self,
                          const RdViewDetail *detail)
{
  g_return_if_fail (RD_IS_CHART_VIEW (self));

  if (self->detail == detail)
    return;
  self->detail = detail;
  invalidate_layout (self);
}

void
rd_chart_view_set_pack (RdChartView        *self,
                        const RdMetricPack *pack)
{
  g_return_if_fail (RD_IS_CHART_VIEW (self));

  self->pack = pack;
  self->detail = NULL;
  invalidate_layout (self);
}

const RdViewChart *
rd_chart_view_get_chart (RdChartView *self)
{
  g_return_val_if_fail (RD_IS_CHART_VIEW (self), NULL);
  return self->chart;
}

const RdChartLayout *
rd_chart_view_get_layout (RdChartView *self)
{
  g_return_val_if_fail (RD_IS_CHART_VIEW (self), NULL);
  ensure_layout (self);
  return self->layout;
}

int
rd_chart_view_get_focused_hit (RdChartView *self)
{
  g_return_val_if_fail (RD_IS_CHART_VIEW (self), -1);
  return self->focused;
}

static void
rd_chart_view_dispose (GObject *object)
{
  RdChartView *self = RD_CHART_VIEW (object);

  g_clear_pointer (&self->layout, rd_chart_layout_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->cached, gsk_render_node_unref);
  self->pack = NULL;
  self->detail = NULL;
  G_OBJECT_CLASS (rd_chart_view_parent_class)->dispose (object);
}

static void
rd_chart_view_class_init (RdChartViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rd_chart_view_dispose;
  widget_class->snapshot = rd_chart_view_snapshot;
  widget_class->measure = rd_chart_view_measure;
  widget_class->size_allocate = rd_chart_view_size_allocate;
  widget_class->query_tooltip = rd_chart_view_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "rdchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rd_chart_view_init (RdChartView *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkEventController *controller;
  GtkGesture *click;

  self->hover = -1;
  self->focused = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (focus_enter_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect_object (style, "notify::dark", G_CALLBACK (update_theme), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (style, "notify::high-contrast", G_CALLBACK (update_theme), self, G_CONNECT_SWAPPED);
  update_theme (self);
}

GtkWidget *
rd_chart_view_new (const RdViewChart *chart)
{
  RdChartView *self;

  g_return_val_if_fail (chart != NULL, NULL);

  self = g_object_new (RD_TYPE_CHART_VIEW, NULL);
  self->chart = chart;
  update_accessible (self);
  return GTK_WIDGET (self);
}
