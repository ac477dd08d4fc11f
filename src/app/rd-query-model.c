/* rd-query-model.c — the rows of a record query as a paged GListModel
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model knows how many rows the query has, and holds only the pages
 * that the list has asked for, RD_QUERY_MODEL_PAGE_SIZE rows each, read on
 * the loader's worker connection. A row whose page is not there yet comes
 * back empty (rd_query_row_is_loaded() is FALSE) and the page is fetched;
 * once it arrives the model says its rows changed and the list asks again.
 * A million-row drill-down therefore keeps a few hundred rows in memory.
 */

#include "config.h"

#include "rd-query-model.h"
#include "rd-query-page.h"
#include "rd-query-row.h"

/* Pages kept before the cache starts over; a screenful needs one or two. */
#define MAX_PAGES 16

struct _RdQueryModel
{
  GObject          parent_instance;

  RdMetricsLoader *loader;
  RdQuery         *query;
  GStrv            columns;
  guint            n_rows;
  int              sort_column;
  gboolean         descending;
  guint            generation;   /* bumped by a new order: older fetches are dropped */
  GHashTable      *pages;        /* page number → GPtrArray of RdQueryRow */
  GHashTable      *pending;      /* page numbers being fetched */
  GCancellable    *cancellable;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdQueryModel, rd_query_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

typedef struct
{
  const RdQuery *query;   /* the model's, kept alive by the task's reference */
  int            sort_column;
  gboolean       descending;
  guint          page;
  guint          generation;
} Fetch;

static gpointer
fetch_with_reader (RdWorkspace  *reader,
                   gpointer      user_data,
                   GError      **error)
{
  Fetch *fetch = user_data;

  return rd_query_fetch_page (reader, fetch->query, fetch->sort_column, fetch->descending,
                              (gint64) fetch->page * RD_QUERY_MODEL_PAGE_SIZE,
                              RD_QUERY_MODEL_PAGE_SIZE, error);
}

static void
fetch_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  RdQueryModel *self = RD_QUERY_MODEL (object);
  Fetch *fetch = rd_metrics_loader_read_get_data (result);
  g_autoptr(GPtrArray) cells = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  cells = rd_metrics_loader_read_finish (result, &error);
  if (fetch->generation != self->generation)
    return;
  g_hash_table_remove (self->pending, GUINT_TO_POINTER (fetch->page));
  if (cells == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read rows of the drill-down list: %s", error->message);
      return;
    }

  if (g_hash_table_size (self->pages) >= MAX_PAGES)
    g_hash_table_remove_all (self->pages);
  rows = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < cells->len; i++)
    g_ptr_array_add (rows, rd_query_row_new (g_steal_pointer (&cells->pdata[i])));
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (fetch->page), rows);

  if (rows->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), fetch->page * RD_QUERY_MODEL_PAGE_SIZE,
                                rows->len, rows->len);
}

static void
start_fetch (RdQueryModel *self,
             guint         page)
{
  Fetch *fetch;

  if (g_hash_table_contains (self->pending, GUINT_TO_POINTER (page)))
    return;
  g_hash_table_add (self->pending, GUINT_TO_POINTER (page));

  fetch = g_new0 (Fetch, 1);
  fetch->query = self->query;
  fetch->sort_column = self->sort_column;
  fetch->descending = self->descending;
  fetch->page = page;
  fetch->generation = self->generation;

  rd_metrics_loader_read_async (self->loader, self, fetch_with_reader, fetch, g_free,
                                (GDestroyNotify) g_ptr_array_unref, self->cancellable, fetch_done_cb, NULL);
}

static GType
rd_query_model_get_item_type (GListModel *model)
{
  return RD_TYPE_QUERY_ROW;
}

static guint
rd_query_model_get_n_items (GListModel *model)
{
  return RD_QUERY_MODEL (model)->n_rows;
}

static gpointer
rd_query_model_get_item (GListModel *model,
                         guint       position)
{
  RdQueryModel *self = RD_QUERY_MODEL (model);
  guint page = position / RD_QUERY_MODEL_PAGE_SIZE;
  GPtrArray *rows;

  if (position >= self->n_rows)
    return NULL;

  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows && position % RD_QUERY_MODEL_PAGE_SIZE < rows->len)
    return g_object_ref (g_ptr_array_index (rows, position % RD_QUERY_MODEL_PAGE_SIZE));

  start_fetch (self, page);
  return rd_query_row_new (NULL);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rd_query_model_get_item_type;
  iface->get_n_items = rd_query_model_get_n_items;
  iface->get_item = rd_query_model_get_item;
}

void
rd_query_model_set_sort (RdQueryModel *self,
                         int           column,
                         gboolean      descending)
{
  g_return_if_fail (RD_IS_QUERY_MODEL (self));

  if (column == self->sort_column && (column < 0 || descending == self->descending))
    return;

  self->sort_column = column;
  self->descending = descending;
  self->generation++;
  g_hash_table_remove_all (self->pages);
  g_hash_table_remove_all (self->pending);
  if (self->n_rows > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, self->n_rows, self->n_rows);
}

guint
rd_query_model_get_n_cached (RdQueryModel *self)
{
  GHashTableIter iter;
  gpointer rows;
  guint n = 0;

  g_return_val_if_fail (RD_IS_QUERY_MODEL (self), 0);

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &rows))
    n += ((GPtrArray *) rows)->len;
  return n;
}

const RdQuery *
rd_query_model_get_query (RdQueryModel *self)
{
  g_return_val_if_fail (RD_IS_QUERY_MODEL (self), NULL);
  return self->query;
}

const char *const *
rd_query_model_get_columns (RdQueryModel *self)
{
  g_return_val_if_fail (RD_IS_QUERY_MODEL (self), NULL);
  return (const char *const *) self->columns;
}

static void
rd_query_model_dispose (GObject *object)
{
  RdQueryModel *self = RD_QUERY_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->loader);
  G_OBJECT_CLASS (rd_query_model_parent_class)->dispose (object);
}

static void
rd_query_model_finalize (GObject *object)
{
  RdQueryModel *self = RD_QUERY_MODEL (object);

  g_clear_object (&self->cancellable);
  g_hash_table_unref (self->pages);
  g_hash_table_unref (self->pending);
  g_strfreev (self->columns);
  rd_query_free (self->query);
  G_OBJECT_CLASS (rd_query_model_parent_class)->finalize (object);
}

static void
rd_query_model_class_init (RdQueryModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_query_model_dispose;
  object_class->finalize = rd_query_model_finalize;
}

static void
rd_query_model_init (RdQueryModel *self)
{
  self->sort_column = -1;
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->pending = g_hash_table_new (NULL, NULL);
  self->cancellable = g_cancellable_new ();
}

RdQueryModel *
rd_query_model_new (RdMetricsLoader    *loader,
                    RdQuery            *query,
                    const char *const  *columns,
                    guint               n_rows)
{
  RdQueryModel *self;

  g_return_val_if_fail (RD_IS_METRICS_LOADER (loader), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  self = g_object_new (RD_TYPE_QUERY_MODEL, NULL);
  self->loader = g_object_ref (loader);
  self->query = query;
  self->columns = g_strdupv ((char **) columns);
  self->n_rows = n_rows;
  return self;
}
