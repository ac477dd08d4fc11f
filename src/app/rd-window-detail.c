/* rd-window-detail.c — the open deals the aging view draws one by one
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A metric pack holds figures; the aging strip draws a dot per open deal,
 * which the pack does not hold. When the aging view is on screen, the
 * window reads those deals (rd_view_detail_fetch) on the loader's worker
 * thread, with the filter the pack was computed for, and hands them to the
 * view. A new pack drops them; they are read again only if the aging view
 * is shown. The worker reads the pack it was started for: if the window
 * replaces that pack meanwhile, the job keeps it alive until it is done.
 */

#include "config.h"

#include "rd-metrics-page.h"
#include "rd-window-private.h"

struct _RdDetailJob
{
  const RdMetricPack *pack;    /* borrowed from the window … */
  RdMetricPack       *orphan;  /* … or owned, once the window let go of it */
  RdFilter           *filter;
};

static void
detail_job_free (RdDetailJob *job)
{
  g_clear_pointer (&job->orphan, rd_metric_pack_free);
  g_clear_pointer (&job->filter, rd_filter_free);
  g_free (job);
}

static gpointer
fetch_with_reader (RdWorkspace *reader,
                   gpointer     user_data,
                   GError     **error)
{
  RdDetailJob *job = user_data;
  g_autoptr(RdViewDetail) detail = rd_view_detail_new ();
  gint64 start = g_get_monotonic_time ();

  if (!rd_view_detail_fetch (detail, reader, job->filter, job->pack, error))
    return NULL;
  g_debug ("Read %u open deals for the aging view in %.1f ms", rd_view_detail_get_n_deals (detail),
           (g_get_monotonic_time () - start) / 1000.0);
  return g_steal_pointer (&detail);
}

static void
fetch_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  RdDetailJob *job = rd_metrics_loader_read_get_data (result);
  RdViewDetail *detail = rd_metrics_loader_read_finish (result, &error);

  if (self->detail_job == job)
    self->detail_job = NULL;
  if (detail == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the open deals of the aging view: %s", error->message);
      return;
    }
  if (job->orphan != NULL || job->pack != self->pack)
    {
      rd_view_detail_free (detail);
      return;
    }
  g_clear_pointer (&self->detail, rd_view_detail_free);
  self->detail = detail;
  rd_metrics_page_set_detail (RD_METRICS_PAGE (self->aging_page), self->detail);
}

/* Reads the open deals if the aging view is on screen and lacks them. */
void
_rd_window_update_detail (RdWindow *self)
{
  RdDetailJob *job;

  if (self->pack == NULL || self->loader == NULL || self->detail != NULL || self->detail_job != NULL)
    return;
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "aging") != 0)
    return;

  job = g_new0 (RdDetailJob, 1);
  job->pack = self->pack;
  job->filter = rd_filter_copy (self->pack->filter);
  self->detail_job = job;
  rd_metrics_loader_read_async (self->loader, self, fetch_with_reader, job, (GDestroyNotify) detail_job_free,
                                (GDestroyNotify) rd_view_detail_free, NULL, fetch_done_cb, g_object_ref (self));
}

/* Called before @old, the pack on screen, is freed: the view lets go of
 * the deals read for it, and a job still reading it takes it over.
 * Returns whether the caller may free @old. */
gboolean
_rd_window_drop_detail (RdWindow     *self,
                        RdMetricPack *old)
{
  rd_metrics_page_set_detail (RD_METRICS_PAGE (self->aging_page), NULL);
  g_clear_pointer (&self->detail, rd_view_detail_free);
  if (self->detail_job != NULL && old != NULL && self->detail_job->pack == old)
    {
      self->detail_job->orphan = old;
      self->detail_job = NULL;
      return FALSE;
    }
  self->detail_job = NULL;
  return TRUE;
}
