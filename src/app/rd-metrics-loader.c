/* rd-metrics-loader.c — metric packs computed on a worker thread
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loader opens the workspace file a second time for itself: WAL lets
 * that connection read beside the window's writer, and the main thread never
 * waits on a metric query. One request runs at a time on the connection; a
 * newer request cancels the one before it, whose caller is told at once
 * (G_IO_ERROR_CANCELLED) while the worker finishes and drops its pack.
 * Packs are handed over whole and never changed afterwards. Other short
 * reads (a page of drill-down rows, a CSV export) take their turn on the
 * same connection through rd_metrics_loader_read_async().
 */

#include "config.h"

#include "rd-metrics-loader.h"

struct _RdMetricsLoader
{
  GObject       parent_instance;

  char         *path;
  GMutex        lock;          /* guards reader */
  RdWorkspace  *reader;        /* opened lazily, used only with lock held */
  GCancellable *current;       /* the newest request's, main thread only */
};

G_DEFINE_FINAL_TYPE (RdMetricsLoader, rd_metrics_loader, G_TYPE_OBJECT)

typedef struct
{
  RdFilter *filter;
  char     *group;
} Request;

static void
request_free (Request *request)
{
  rd_filter_free (request->filter);
  g_free (request->group);
  g_free (request);
}

/* Called with the lock held. */
static RdWorkspace *
ensure_reader (RdMetricsLoader  *self,
               GError          **error)
{
  if (self->reader == NULL)
    self->reader = rd_workspace_open (self->path, error);
  return self->reader;
}

gpointer
rd_metrics_loader_with_reader (RdMetricsLoader  *self,
                               RdReaderFunc      func,
                               gpointer          user_data,
                               GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  RdWorkspace *reader;

  g_return_val_if_fail (RD_IS_METRICS_LOADER (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  reader = ensure_reader (self, error);
  if (reader == NULL)
    return NULL;
  return func (reader, user_data, error);
}

typedef struct
{
  RdMetricsLoader *loader;
  RdReaderFunc     func;
  gpointer         data;
  GDestroyNotify   data_free;
  GDestroyNotify   result_free;
} Read;

static void
read_free (Read *read)
{
  if (read->data_free)
    read->data_free (read->data);
  g_object_unref (read->loader);
  g_free (read);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Read *read = task_data;
  g_autoptr(GError) error = NULL;
  gpointer result;

  /* A request overtaken while it waited for the connection is not started. */
  if (g_task_return_error_if_cancelled (task))
    return;

  result = rd_metrics_loader_with_reader (read->loader, read->func, read->data, &error);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, read->result_free);
}

void
rd_metrics_loader_read_async (RdMetricsLoader     *self,
                              gpointer             source_object,
                              RdReaderFunc         func,
                              gpointer             data,
                              GDestroyNotify       data_free,
                              GDestroyNotify       result_free,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Read *read;

  g_return_if_fail (RD_IS_METRICS_LOADER (self));
  g_return_if_fail (func != NULL);

  read = g_new0 (Read, 1);
  read->loader = g_object_ref (self);
  read->func = func;
  read->data = data;
  read->data_free = data_free;
  read->result_free = result_free;

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_metrics_loader_read_async);
  g_task_set_task_data (task, read, (GDestroyNotify) read_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, read_thread);
}

/**
 * rd_metrics_loader_read_finish:
 *
 * Returns: (transfer full): what the reader function returned, or %NULL with
 * @error set (G_IO_ERROR_CANCELLED for a cancelled read)
 */
gpointer
rd_metrics_loader_read_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gpointer
rd_metrics_loader_read_get_data (GAsyncResult *result)
{
  Read *read;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  read = g_task_get_task_data (G_TASK (result));
  return read->data;
}

static gpointer
compute_with_reader (RdWorkspace  *reader,
                     gpointer      user_data,
                     GError      **error)
{
  Request *request = user_data;

  return rd_metrics_compute (reader, request->filter, request->group, error);
}

/**
 * rd_metrics_loader_load_async:
 * @filter: copied
 * @group: (nullable): a metric group, or %NULL for every metric
 *
 * Computes the pack on a worker thread. Any earlier request still running
 * is cancelled.
 */
void
rd_metrics_loader_load_async (RdMetricsLoader     *self,
                              const RdFilter      *filter,
                              const char          *group,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Request *request;

  g_return_if_fail (RD_IS_METRICS_LOADER (self));
  g_return_if_fail (filter != NULL);

  if (self->current)
    g_cancellable_cancel (self->current);
  g_clear_object (&self->current);
  self->current = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();

  request = g_new0 (Request, 1);
  request->filter = rd_filter_copy (filter);
  request->group = g_strdup (group);
  rd_metrics_loader_read_async (self, self, compute_with_reader, request, (GDestroyNotify) request_free,
                                (GDestroyNotify) rd_metric_pack_free, self->current, callback, user_data);
}

/**
 * rd_metrics_loader_load_finish:
 *
 * Returns: (transfer full): the pack, or %NULL with @error set
 * (G_IO_ERROR_CANCELLED when a newer request took its place)
 */
RdMetricPack *
rd_metrics_loader_load_finish (RdMetricsLoader  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (RD_IS_METRICS_LOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return rd_metrics_loader_read_finish (result, error);
}

const char *
rd_metrics_loader_get_path (RdMetricsLoader *self)
{
  g_return_val_if_fail (RD_IS_METRICS_LOADER (self), NULL);
  return self->path;
}

static void
rd_metrics_loader_dispose (GObject *object)
{
  RdMetricsLoader *self = RD_METRICS_LOADER (object);

  if (self->current)
    g_cancellable_cancel (self->current);
  g_clear_object (&self->current);
  G_OBJECT_CLASS (rd_metrics_loader_parent_class)->dispose (object);
}

static void
rd_metrics_loader_finalize (GObject *object)
{
  RdMetricsLoader *self = RD_METRICS_LOADER (object);

  /* Every task holds a reference to the loader, so no worker is left here. */
  g_clear_object (&self->reader);
  g_mutex_clear (&self->lock);
  g_free (self->path);
  G_OBJECT_CLASS (rd_metrics_loader_parent_class)->finalize (object);
}

static void
rd_metrics_loader_class_init (RdMetricsLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_metrics_loader_dispose;
  object_class->finalize = rd_metrics_loader_finalize;
}

static void
rd_metrics_loader_init (RdMetricsLoader *self)
{
  g_mutex_init (&self->lock);
}

/**
 * rd_metrics_loader_new:
 * @path: the workspace file; the loader opens it again on first use
 */
RdMetricsLoader *
rd_metrics_loader_new (const char *path)
{
  RdMetricsLoader *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (RD_TYPE_METRICS_LOADER, NULL);
  self->path = g_strdup (path);
  return self;
}
