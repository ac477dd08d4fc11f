/* rd-query-row.c — one record of a drill-down list
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-query-row.h"

struct _RdQueryRow
{
  GObject  parent_instance;

  GStrv    cells;
  guint    n_cells;
};

G_DEFINE_FINAL_TYPE (RdQueryRow, rd_query_row, G_TYPE_OBJECT)

static void
rd_query_row_finalize (GObject *object)
{
  g_strfreev (RD_QUERY_ROW (object)->cells);
  G_OBJECT_CLASS (rd_query_row_parent_class)->finalize (object);
}

static void
rd_query_row_class_init (RdQueryRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_query_row_finalize;
}

static void
rd_query_row_init (RdQueryRow *self)
{
}

RdQueryRow *
rd_query_row_new (GStrv cells)
{
  RdQueryRow *self = g_object_new (RD_TYPE_QUERY_ROW, NULL);

  self->cells = cells;
  self->n_cells = cells ? g_strv_length (cells) : 0;
  return self;
}

gboolean
rd_query_row_is_loaded (RdQueryRow *self)
{
  g_return_val_if_fail (RD_IS_QUERY_ROW (self), FALSE);
  return self->cells != NULL;
}

const char *
rd_query_row_get_cell (RdQueryRow *self,
                       guint       column)
{
  g_return_val_if_fail (RD_IS_QUERY_ROW (self), "");
  return column < self->n_cells ? self->cells[column] : "";
}
