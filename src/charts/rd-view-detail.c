/* rd-view-detail.c — the records some charts draw one by one
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A metric pack holds figures, not rows. The aging strip wants a dot per
 * open deal, so its caller may hand it the rows of the aging.open
 * drill-down. rd_view_detail_fetch() reads them through core's record
 * queries (the same query as the number, no SQL here), a page at a time;
 * call it where the pack is computed (a worker thread in the application).
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rd-query-page.h"
#include "rd-view-private.h"

struct _RdViewDetail
{
  GHashTable *stages;   /* stage name → RdViewStageDeals */
  guint       n_deals;
};

static void
stage_deals_free (gpointer p)
{
  RdViewStageDeals *deals = p;

  g_array_unref (deals->days);
  g_ptr_array_unref (deals->ids);
  g_ptr_array_unref (deals->names);
  g_free (deals);
}

RdViewDetail *
rd_view_detail_new (void)
{
  RdViewDetail *detail = g_new0 (RdViewDetail, 1);

  detail->stages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stage_deals_free);
  return detail;
}

void
rd_view_detail_free (RdViewDetail *detail)
{
  if (detail == NULL)
    return;
  g_hash_table_unref (detail->stages);
  g_free (detail);
}

void
rd_view_detail_add_deal (RdViewDetail *detail,
                         const char   *stage,
                         const char   *id,
                         const char   *name,
                         double        days)
{
  RdViewStageDeals *deals = g_hash_table_lookup (detail->stages, stage);

  if (deals == NULL)
    {
      deals = g_new0 (RdViewStageDeals, 1);
      deals->days = g_array_new (FALSE, FALSE, sizeof (double));
      deals->ids = g_ptr_array_new_with_free_func (g_free);
      deals->names = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (detail->stages, g_strdup (stage), deals);
    }
  g_array_append_val (deals->days, days);
  g_ptr_array_add (deals->ids, g_strdup (id ? id : ""));
  g_ptr_array_add (deals->names, g_strdup (name ? name : ""));
  detail->n_deals++;
}

guint
rd_view_detail_get_n_deals (const RdViewDetail *detail)
{
  return detail ? detail->n_deals : 0;
}

const RdViewStageDeals *
rd_view_detail_get_stage (const RdViewDetail *detail,
                          const char         *stage)
{
  return detail && stage ? g_hash_table_lookup (detail->stages, stage) : NULL;
}

RdChartLayout *
rd_view_chart_layout_detailed (const RdViewChart  *chart,
                               const RdMetricPack *pack,
                               const RdViewDetail *detail,
                               double              width,
                               double              height,
                               const RdChartTheme *theme,
                               PangoContext       *pango)
{
  g_return_val_if_fail (chart != NULL && pack != NULL && theme != NULL, NULL);
  if (detail != NULL && detail->n_deals > 0 && g_str_equal (chart->id, "days-in-stage"))
    return rd_view_aging_strip_layout (chart, pack, detail, MAX (width, 0), MAX (height, 0), theme, pango);
  return rd_view_chart_layout (chart, pack, width, height, theme, pango);
}


/* Rows read per page: enough to make a million deals few round trips. */
#define FETCH_PAGE 5000

static int
column_index (GStrv        names,
              const char  *name)
{
  for (int i = 0; names && names[i]; i++)
    if (g_str_equal (names[i], name))
      return i;
  return -1;
}

gboolean
rd_view_detail_fetch (RdViewDetail       *detail,
                      RdWorkspace        *ws,
                      const RdFilter     *filter,
                      const RdMetricPack *pack,
                      GError            **error)
{
  for (guint i = 0; i < pack->metrics->len; i++)
    {
      const RdMetric *m = g_ptr_array_index (pack->metrics, i);
      g_autoptr(RdQuery) query = NULL;
      g_auto(GStrv) names = NULL;
      int c_id, c_name, c_days;

      if (m->bucket == NULL || !g_str_equal (m->id, "aging.open") || !m->defined || m->value < 1)
        continue;
      query = rd_metrics_drill_query (ws, filter, m->id, m->bucket, error);
      if (query == NULL)
        return FALSE;
      names = rd_query_column_names (ws, query, error);
      if (names == NULL)
        return FALSE;
      c_id = column_index (names, "id");
      c_name = column_index (names, "name");
      c_days = column_index (names, "days_in_stage");
      if (c_days < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("The open deals of “%s” have no days in stage"), m->bucket);
          return FALSE;
        }
      for (gint64 offset = 0;; offset += FETCH_PAGE)
        {
          g_autoptr(GPtrArray) rows = rd_query_fetch_page (ws, query, -1, FALSE, offset, FETCH_PAGE, error);

          if (rows == NULL)
            return FALSE;
          for (guint r = 0; r < rows->len; r++)
            {
              char **row = g_ptr_array_index (rows, r);

              rd_view_detail_add_deal (detail, m->bucket, c_id >= 0 ? row[c_id] : NULL,
                                       c_name >= 0 ? row[c_name] : NULL, g_ascii_strtod (row[c_days], NULL));
            }
          if (rows->len < FETCH_PAGE)
            break;
        }
    }
  return TRUE;
}
