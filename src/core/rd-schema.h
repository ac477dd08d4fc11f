/* rd-schema.h — the workspace schema and its column catalog
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "RDCK" in the SQLite header's application_id field marks a Revdeck workspace. */
#define RD_APPLICATION_ID 0x5244434B

typedef enum
{
  RD_COL_INT,      /* integer */
  RD_COL_REAL,     /* double */
  RD_COL_BOOL,     /* 0 or 1, true/false in JSON */
  RD_COL_TEXT,     /* free text */
  RD_COL_MONEY,    /* integer minor units (cents) */
  RD_COL_DATE,     /* YYYY-MM-DD */
  RD_COL_TIME,     /* YYYY-MM-DD HH:MM:SS, UTC */
  RD_COL_MONTH,    /* YYYY-MM */
  RD_COL_PERIOD,   /* YYYY-Qn (fiscal quarter) or YYYY-MM (month) */
  RD_COL_JSON,     /* a JSON array of strings, stored as text */
} RdColType;

typedef enum
{
  RD_COL_NULLABLE = 1 << 0,
  /* Derived columns are recomputed from history by rd_workspace_refresh_derived();
   * they are not part of the JSON interchange format. */
  RD_COL_DERIVED  = 1 << 1,
} RdColFlags;

typedef struct
{
  const char *name;
  RdColType   type;
  RdColFlags  flags;
  const char *ref_table;   /* foreign key target, or NULL */
} RdColumn;

typedef struct
{
  const char     *name;
  const RdColumn *columns;  /* columns[0] is always "id" */
  guint           n_columns;
  gboolean        audited;
} RdTable;

/* Tables in dependency order: a table only refers to tables before it. */
const RdTable *rd_schema_tables          (guint       *n_tables);
const RdTable *rd_schema_find_table      (const char  *name);
const char    *rd_schema_create_sql      (void);
char          *rd_schema_audit_triggers_sql (void);

G_END_DECLS
