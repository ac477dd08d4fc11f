/* rd-metrics-page.c — one view of the window: tiles and tables over a metric pack
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page is described by an RdPageSpec (rd-metrics-page-specs.c): its tiles
 * and its tables name metrics of the pack by id, so every figure on screen
 * is the engine's own (the same as `revdeck-cli metrics`). Clicking a tile
 * or a row opens the records behind it (rd_metrics_view_drill). The charts
 * of the view (rd_view_get_charts) sit in the chart area, each in an
 * RdChartView: the wide ones across the page, the others in a grid that
 * wraps with the width. Tile charts are left out: the tiles show them.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-chart-view.h"
#include "rd-figure-row.h"
#include "rd-figure-tile.h"
#include "rd-format.h"
#include "rd-metrics-page.h"
#include "rd-view.h"

struct _RdMetricsPage
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkLabel          *heading_label;
  GtkLabel          *context_label;
  GtkBox            *chart_area;
  GtkFlowBox        *tiles;
  GtkBox            *tables_box;

  /* Owned */
  char              *view_name;
  GPtrArray         *lists;          /* GtkListBox*, one per table (borrowed from tables_box) */
  GPtrArray         *row_targets;    /* char* "id|bucket" per list row, per list: GPtrArray* */

  GPtrArray         *charts;         /* RdChartView*, borrowed from chart_area */
  char              *table_rows;     /* the rows the tables were built with (table_signature) */
  gboolean           stale;          /* a pack arrived while the page was hidden */

  /* Borrowed: the window keeps it until it hands over the next one */
  const RdMetricPack *pack;

  /* Borrowed */
  const RdPageSpec  *spec;
};

static void metrics_view_iface_init (RdMetricsViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdMetricsPage, rd_metrics_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (RD_TYPE_METRICS_VIEW, metrics_view_iface_init))

enum { PROP_0, PROP_VIEW_NAME, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* "id|bucket" → id and bucket (NULL when there is none). */
static void
split_target (const char  *target,
              char       **id,
              char       **bucket)
{
  const char *bar = strchr (target, '|');

  *id = bar ? g_strndup (target, bar - target) : g_strdup (target);
  *bucket = bar ? g_strdup (bar + 1) : NULL;
}

static void
drill_target (RdMetricsPage *self,
              const char    *target)
{
  g_autofree char *id = NULL;
  g_autofree char *bucket = NULL;

  split_target (target, &id, &bucket);
  rd_metrics_view_drill (GTK_WIDGET (self), id, bucket);
}

static void
tile_activated_cb (RdMetricsPage   *self,
                   GtkFlowBoxChild *child)
{
  int index = gtk_flow_box_child_get_index (child);

  if (self->spec && index >= 0 && self->spec->tiles[index])
    drill_target (self, self->spec->tiles[index]);
}

static void
row_activated_cb (GtkListBox    *list,
                  GtkListBoxRow *row,
                  RdMetricsPage *self)
{
  guint n;
  GPtrArray *targets;
  int index = gtk_list_box_row_get_index (row);

  if (!g_ptr_array_find (self->lists, list, &n))
    return;
  targets = g_ptr_array_index (self->row_targets, n);
  if (index >= 0 && (guint) index < targets->len && g_ptr_array_index (targets, index))
    drill_target (self, g_ptr_array_index (targets, index));
}

static const char *
status_word (RdStatus status, RdFigureStatus *style)
{
  switch (status)
    {
    case RD_STATUS_ON_TRACK:
      *style = RD_FIGURE_STATUS_GOOD;
      return _("On track");
    case RD_STATUS_WATCH:
      *style = RD_FIGURE_STATUS_WATCH;
      return _("Watch");
    case RD_STATUS_OFF_TRACK:
      *style = RD_FIGURE_STATUS_BAD;
      return _("Off track");
    case RD_STATUS_NONE:
    default:
      *style = RD_FIGURE_STATUS_NONE;
      return NULL;
    }
}

static const RdMetric *
find_target (const RdMetricPack *pack,
             const char         *target)
{
  g_autofree char *id = NULL;
  g_autofree char *bucket = NULL;

  split_target (target, &id, &bucket);
  return rd_metric_pack_find (pack, id, bucket);
}

static void
show_tile (RdFigureTile       *tile,
           const RdMetric     *metric,
           const RdMetricPack *pack)
{
  g_autofree char *value = rd_format_metric (metric, pack->currency);
  g_autofree char *exact = rd_format_metric_exact (metric, pack->currency);
  g_autofree char *detail = NULL;
  RdFigureStatus style = RD_FIGURE_STATUS_NONE;
  const char *word = NULL;

  if (metric == NULL)
    {
      rd_figure_tile_set_value (tile, "—", NULL);
      rd_figure_tile_set_detail (tile, _("Not computed for this workspace"));
      rd_figure_tile_set_status (tile, RD_FIGURE_STATUS_NONE, NULL);
      return;
    }

  rd_figure_tile_set_title (tile, metric->label);
  rd_figure_tile_set_value (tile, value, exact);
  word = status_word (metric->status, &style);
  rd_figure_tile_set_status (tile, style, word);

  if (!metric->defined)
    detail = g_strdup (metric->reason);
  else if (metric->has_target)
    {
      RdMetric target = *metric;
      g_autofree char *text = NULL;

      target.value = metric->target;
      text = rd_format_metric (&target, pack->currency);
      /* Translators: under a figure, its target, e.g. "Target 3.0×" */
      detail = g_strdup_printf (_("Target %s"), text);
    }
  else
    detail = g_strdup (metric->formula);

  /* The overview's headlines also say why, as its chart tiles do. */
  if (metric->defined)
    {
      g_autofree char *why = rd_view_tile_why (pack, metric);

      if (why != NULL)
        {
          char *both = g_strconcat (detail, "\n", why, NULL);

          g_free (detail);
          detail = both;
        }
    }
  rd_figure_tile_set_detail (tile, detail);
  gtk_widget_set_tooltip_text (GTK_WIDGET (tile), metric->formula);
}

static GtkListBox *
add_list (RdMetricsPage *self,
          const char    *title)
{
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *list = gtk_list_box_new ();

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "rd-section-heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_signal_connect_object (list, "row-activated", G_CALLBACK (row_activated_cb), self, 0);
  gtk_box_append (self->tables_box, heading);
  gtk_box_append (self->tables_box, list);
  g_ptr_array_add (self->lists, list);
  g_ptr_array_add (self->row_targets, g_ptr_array_new_with_free_func (g_free));
  return GTK_LIST_BOX (list);
}

/* A row that opens @target's records when activated; the caller adds the
 * values, then finish_row() the arrow that says it opens. */
static RdFigureRow *
add_metric_row (GtkListBox         *list,
                GPtrArray          *targets,
                const char         *title,
                const char         *subtitle,
                const RdMetric     *first,
                char               *target)
{
  RdFigureRow *row = RD_FIGURE_ROW (rd_figure_row_new (title, subtitle));
  gboolean drillable = first && first->drillable;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), drillable);
  gtk_list_box_append (list, GTK_WIDGET (row));
  if (!drillable)
    g_clear_pointer (&target, g_free);
  g_ptr_array_add (targets, target);
  return row;
}

static void
finish_row (RdFigureRow *row)
{
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  /* Rows that open nothing keep the same room, so the columns line up. */
  gtk_widget_set_opacity (arrow, gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)) ? 1.0 : 0.0);
  gtk_accessible_update_state (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
}

static void
fill_bucket_table (RdMetricsPage      *self,
                   const RdTableSpec  *table,
                   const RdMetricPack *pack)
{
  GtkListBox *list = NULL;
  GPtrArray *targets = NULL;
  guint n_cols = g_strv_length ((char **) table->ids);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_object_unref);
  RdFigureRow *header;

  for (guint i = 0; i < pack->metrics->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (pack->metrics, i);
      RdFigureRow *row;

      if (m->bucket == NULL || g_strcmp0 (m->id, table->ids[0]) != 0)
        continue;
      if (list == NULL)
        {
          list = add_list (self, _(table->title));
          targets = g_ptr_array_index (self->row_targets, self->row_targets->len - 1);
          header = RD_FIGURE_ROW (rd_figure_row_new_header (_(table->row_heading)));
          for (guint c = 0; c < n_cols; c++)
            {
              g_ptr_array_add (groups, gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL));
              rd_figure_row_add_value (header, _(table->columns[c]), NULL, NULL, g_ptr_array_index (groups, c), 0);
            }
          finish_row (header);
          gtk_list_box_append (list, GTK_WIDGET (header));
          g_ptr_array_add (targets, NULL);
        }

      row = add_metric_row (list, targets, m->bucket, NULL, m, g_strdup_printf ("%s|%s", m->id, m->bucket));
      for (guint c = 0; c < n_cols; c++)
        {
          const RdMetric *cell = rd_metric_pack_find (pack, table->ids[c], m->bucket);
          g_autofree char *text = rd_format_metric (cell, pack->currency);
          g_autofree char *exact = rd_format_metric_exact (cell, pack->currency);

          rd_figure_row_add_value (row, _(table->columns[c]), text, exact, g_ptr_array_index (groups, c),
                                   c == 0 ? RD_FIGURE_ROW_STRONG : RD_FIGURE_ROW_PLAIN);
        }
      finish_row (row);
    }
}

static void
fill_metric_table (RdMetricsPage      *self,
                   const RdTableSpec  *table,
                   const RdMetricPack *pack)
{
  GtkListBox *list = add_list (self, _(table->title));
  GPtrArray *targets = g_ptr_array_index (self->row_targets, self->row_targets->len - 1);
  g_autoptr(GtkSizeGroup) group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  for (guint i = 0; table->ids[i]; i++)
    {
      const RdMetric *m = find_target (pack, table->ids[i]);
      g_autofree char *text = rd_format_metric (m, pack->currency);
      g_autofree char *exact = rd_format_metric_exact (m, pack->currency);
      RdFigureRow *row;

      if (m == NULL)
        continue;
      row = add_metric_row (list, targets, m->label, m->defined ? NULL : m->reason, m, g_strdup (table->ids[i]));
      rd_figure_row_add_value (row, _("Value"), text, exact, group, RD_FIGURE_ROW_STRONG);
      finish_row (row);
    }
}

/* The rows @pack gives the tables, in the order they are built: when a new
 * pack has the same rows (a filter change usually does), the rows are
 * updated in place instead of built again. */
static char *
table_signature (RdMetricsPage      *self,
                 const RdMetricPack *pack)
{
  GString *keys = g_string_new (NULL);

  for (const RdTableSpec *table = self->spec->tables; table && table->title; table++)
    {
      if (table->kind == RD_TABLE_BUCKETS)
        {
          for (guint i = 0; i < pack->metrics->len; i++)
            {
              const RdMetric *m = g_ptr_array_index (pack->metrics, i);

              if (m->bucket != NULL && g_strcmp0 (m->id, table->ids[0]) == 0)
                g_string_append_printf (keys, "%s%c\x1f", m->bucket, m->drillable ? '+' : '-');
            }
        }
      else
        {
          for (guint i = 0; table->ids[i]; i++)
            {
              const RdMetric *m = find_target (pack, table->ids[i]);

              if (m != NULL)
                g_string_append_printf (keys, "%s%c\x1f", table->ids[i], m->drillable ? '+' : '-');
            }
        }
      g_string_append_c (keys, '\x1e');
    }
  return g_string_free (keys, FALSE);
}

static RdFigureRow *
table_row (GtkListBox *list,
           int         index)
{
  return RD_FIGURE_ROW (gtk_list_box_get_row_at_index (list, index));
}

/* New figures into the rows built for an earlier pack with the same rows. */
static void
update_tables (RdMetricsPage      *self,
               const RdMetricPack *pack)
{
  guint l = 0;

  for (const RdTableSpec *table = self->spec->tables; table && table->title; table++)
    {
      int r = 0;

      if (table->kind == RD_TABLE_BUCKETS)
        {
          for (guint i = 0; i < pack->metrics->len; i++)
            {
              const RdMetric *m = g_ptr_array_index (pack->metrics, i);

              if (m->bucket == NULL || g_strcmp0 (m->id, table->ids[0]) != 0)
                continue;
              r++;  /* after the header row */
              for (guint c = 0; table->ids[c]; c++)
                {
                  const RdMetric *cell = rd_metric_pack_find (pack, table->ids[c], m->bucket);
                  g_autofree char *text = rd_format_metric (cell, pack->currency);
                  g_autofree char *exact = rd_format_metric_exact (cell, pack->currency);

                  rd_figure_row_set_value (table_row (g_ptr_array_index (self->lists, l), r), _(table->columns[c]),
                                           text, exact, c == 0 ? RD_FIGURE_ROW_STRONG : RD_FIGURE_ROW_PLAIN);
                }
            }
          if (r > 0)
            l++;
          continue;
        }
      for (guint i = 0; table->ids[i]; i++)
        {
          const RdMetric *m = find_target (pack, table->ids[i]);
          g_autofree char *text = NULL;
          g_autofree char *exact = NULL;
          RdFigureRow *row;

          if (m == NULL)
            continue;
          text = rd_format_metric (m, pack->currency);
          exact = rd_format_metric_exact (m, pack->currency);
          row = table_row (g_ptr_array_index (self->lists, l), r++);
          rd_figure_row_set_subtitle (row, m->defined ? NULL : m->reason);
          rd_figure_row_set_value (row, _("Value"), text, exact, RD_FIGURE_ROW_STRONG);
        }
      l++;
    }
}

static void
clear_tables (RdMetricsPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tables_box))) != NULL)
    gtk_box_remove (self->tables_box, child);
  g_ptr_array_set_size (self->lists, 0);
  g_ptr_array_set_size (self->row_targets, 0);
}

static void
show_pack (RdMetricsPage      *self,
           const RdMetricPack *pack)
{
  g_autofree char *context = NULL;
  g_autofree char *rows = NULL;
  guint i = 0;

  for (guint c = 0; c < self->charts->len; c++)
    rd_chart_view_set_pack (g_ptr_array_index (self->charts, c), pack);
  if (pack == NULL || self->spec == NULL)
    {
      clear_tables (self);
      g_clear_pointer (&self->table_rows, g_free);
      return;
    }
  rows = table_signature (self, pack);

  context = rd_format_filter (pack->filter);
  gtk_label_set_text (self->context_label, context);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->tiles));
       child != NULL && self->spec->tiles[i];
       child = gtk_widget_get_next_sibling (child), i++)
    {
      GtkWidget *tile = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      const RdMetric *metric = find_target (pack, self->spec->tiles[i]);

      show_tile (RD_FIGURE_TILE (tile), metric, pack);
      gtk_widget_set_sensitive (child, metric != NULL);
    }

  if (g_strcmp0 (rows, self->table_rows) == 0)
    {
      update_tables (self, pack);
      return;
    }
  clear_tables (self);
  g_free (self->table_rows);
  self->table_rows = g_steal_pointer (&rows);
  for (const RdTableSpec *table = self->spec->tables; table && table->title; table++)
    {
      if (table->kind == RD_TABLE_BUCKETS)
        fill_bucket_table (self, table, pack);
      else
        fill_metric_table (self, table, pack);
    }
}

/* Only the page on screen is filled at once; a hidden page catches up when
 * it is shown, so a filter change rebuilds one page, not six. */
static void
rd_metrics_page_set_pack (RdMetricsView      *view,
                          const RdMetricPack *pack)
{
  RdMetricsPage *self = RD_METRICS_PAGE (view);

  self->pack = pack;
  self->stale = !gtk_widget_get_mapped (GTK_WIDGET (self)) && pack != NULL;
  if (!self->stale)
    show_pack (self, pack);
}

static void
rd_metrics_page_map (GtkWidget *widget)
{
  RdMetricsPage *self = RD_METRICS_PAGE (widget);

  if (self->stale)
    {
      self->stale = FALSE;
      show_pack (self, self->pack);
    }
  GTK_WIDGET_CLASS (rd_metrics_page_parent_class)->map (widget);
}

static void
metrics_view_iface_init (RdMetricsViewInterface *iface)
{
  iface->set_pack = rd_metrics_page_set_pack;
}

static void
add_charts (RdMetricsPage *self,
            RdView         view)
{
  GtkWidget *grid = NULL;
  const RdViewChart *charts;
  guint n_charts, columns = 0;

  charts = rd_view_get_charts (view, &n_charts);
  for (guint i = 0; i < n_charts; i++)
    if (!charts[i].wide && charts[i].metric_id == NULL)
      columns = MAX (columns, charts[i].max_columns ? charts[i].max_columns : 3);

  for (guint i = 0; i < n_charts; i++)
    {
      GtkWidget *chart;

      if (charts[i].metric_id != NULL)
        continue;
      chart = rd_chart_view_new (&charts[i]);
      gtk_widget_add_css_class (chart, "card");
      g_ptr_array_add (self->charts, chart);
      if (charts[i].wide)
        {
          gtk_box_append (self->chart_area, chart);
          continue;
        }
      if (grid == NULL)
        {
          grid = gtk_flow_box_new ();
          gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (grid), GTK_SELECTION_NONE);
          gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (grid), TRUE);
          gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (grid), columns);
          gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (grid), 12);
          gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (grid), 12);
          gtk_widget_add_css_class (grid, "rd-chart-grid");
          gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Charts"), -1);
          gtk_box_append (self->chart_area, grid);
        }
      gtk_flow_box_append (GTK_FLOW_BOX (grid), chart);
      /* The chart takes the focus itself; its grid cell need not. */
      gtk_widget_set_focusable (gtk_widget_get_parent (chart), FALSE);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->chart_area), self->charts->len > 0);
}

static void
build_page (RdMetricsPage *self)
{
  RdView view = RD_N_VIEWS;

  self->spec = rd_page_spec_lookup (self->view_name);
  if (self->spec == NULL)
    return;

  gtk_label_set_text (self->heading_label, _(self->spec->title));
  for (guint i = 0; self->spec->tiles[i]; i++)
    {
      GtkWidget *tile = g_object_new (RD_TYPE_FIGURE_TILE, NULL);
      const char *opens = self->spec->tile_views ? self->spec->tile_views[i] : NULL;
      const RdPageSpec *opened = opens ? rd_page_spec_lookup (opens) : NULL;

      /* Named as in the view switcher. */
      if (opened)
        rd_figure_tile_set_view (RD_FIGURE_TILE (tile), opens, _(opened->title));
      gtk_flow_box_append (self->tiles, tile);
    }

  if (rd_view_from_id (self->view_name, &view))
    add_charts (self, view);
  /* The overview leads with its tiles; the other views with their main chart. */
  if (view == RD_VIEW_OVERVIEW)
    gtk_box_reorder_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->chart_area))),
                                 GTK_WIDGET (self->chart_area), GTK_WIDGET (self->tiles));
}

/**
 * rd_metrics_page_set_detail:
 * @detail: (nullable): borrowed until replaced; records some charts draw one
 *   by one (the aging strip's open deals), read for the pack on screen
 */
void
rd_metrics_page_set_detail (RdMetricsPage      *self,
                            const RdViewDetail *detail)
{
  g_return_if_fail (RD_IS_METRICS_PAGE (self));

  for (guint c = 0; c < self->charts->len; c++)
    rd_chart_view_set_detail (g_ptr_array_index (self->charts, c), detail);
}

/**
 * rd_metrics_page_get_charts:
 *
 * Returns: (transfer none) (element-type RdChartView): the page's charts
 */
GPtrArray *
rd_metrics_page_get_charts (RdMetricsPage *self)
{
  g_return_val_if_fail (RD_IS_METRICS_PAGE (self), NULL);
  return self->charts;
}

const char *
rd_metrics_page_get_view_name (RdMetricsPage *self)
{
  g_return_val_if_fail (RD_IS_METRICS_PAGE (self), NULL);
  return self->view_name;
}

static void
rd_metrics_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RdMetricsPage *self = RD_METRICS_PAGE (object);

  switch (prop_id)
    {
    case PROP_VIEW_NAME:
      g_value_set_string (value, self->view_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_metrics_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RdMetricsPage *self = RD_METRICS_PAGE (object);

  switch (prop_id)
    {
    case PROP_VIEW_NAME:
      g_free (self->view_name);
      self->view_name = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_metrics_page_constructed (GObject *object)
{
  G_OBJECT_CLASS (rd_metrics_page_parent_class)->constructed (object);
  build_page (RD_METRICS_PAGE (object));
}

static void
rd_metrics_page_dispose (GObject *object)
{
  RdMetricsPage *self = RD_METRICS_PAGE (object);
  GtkWidget *child;

  g_clear_pointer (&self->lists, g_ptr_array_unref);
  g_clear_pointer (&self->row_targets, g_ptr_array_unref);
  g_clear_pointer (&self->charts, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_METRICS_PAGE);
  /* The template's top widget has no id, so it is not disposed with it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (rd_metrics_page_parent_class)->dispose (object);
}

static void
rd_metrics_page_finalize (GObject *object)
{
  g_free (RD_METRICS_PAGE (object)->view_name);
  g_free (RD_METRICS_PAGE (object)->table_rows);
  G_OBJECT_CLASS (rd_metrics_page_parent_class)->finalize (object);
}

static void
rd_metrics_page_class_init (RdMetricsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rd_metrics_page_constructed;
  object_class->dispose = rd_metrics_page_dispose;
  object_class->finalize = rd_metrics_page_finalize;
  object_class->get_property = rd_metrics_page_get_property;
  object_class->set_property = rd_metrics_page_set_property;
  widget_class->map = rd_metrics_page_map;

  properties[PROP_VIEW_NAME] =
    g_param_spec_string ("view-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RD_TYPE_FIGURE_TILE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/revdeck/Revdeck/ui/rd-metrics-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdMetricsPage, heading_label);
  gtk_widget_class_bind_template_child (widget_class, RdMetricsPage, context_label);
  gtk_widget_class_bind_template_child (widget_class, RdMetricsPage, chart_area);
  gtk_widget_class_bind_template_child (widget_class, RdMetricsPage, tiles);
  gtk_widget_class_bind_template_child (widget_class, RdMetricsPage, tables_box);
  gtk_widget_class_bind_template_callback (widget_class, tile_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rd_metrics_page_init (RdMetricsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->lists = g_ptr_array_new ();
  self->row_targets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->charts = g_ptr_array_new ();
}

GtkWidget *
rd_metrics_page_new (const char *view_name)
{
  return g_object_new (RD_TYPE_METRICS_PAGE, "view-name", view_name, NULL);
}
