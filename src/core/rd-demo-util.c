/* rd-demo-util.c — the demo generator's tools
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A seeded random generator, the calendar (dates as day numbers, working
 * hours, fiscal quarters) and a batched INSERT that writes many rows per
 * statement execution. Nothing here reads the clock.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "rd-demo-private.h"
#include "rd-workspace-private.h"

/* =========================================================== random numbers */

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += 0x9E3779B97F4A7C15ull);

  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

void
rd_demo_rng_init (RdDemoRng *r,
               guint64  seed,
               guint64  stream)
{
  guint64 x = seed ^ (stream * 0xD1B54A32D192ED03ull);

  for (int i = 0; i < 4; i++)
    r->s[i] = splitmix64 (&x);
}

static inline guint64
rotl (guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

guint64
rd_demo_rng_next (RdDemoRng *r)
{
  guint64 *s = r->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

double
rd_demo_rng_double (RdDemoRng *r)
{
  return (rd_demo_rng_next (r) >> 11) * 0x1.0p-53;
}

double
rd_demo_rng_range (RdDemoRng *r, double lo, double hi)
{
  return lo + (hi - lo) * rd_demo_rng_double (r);
}

int
rd_demo_rng_int (RdDemoRng *r, int lo, int hi)
{
  return lo + (int) (rd_demo_rng_double (r) * (hi - lo + 1));
}

gboolean
rd_demo_rng_chance (RdDemoRng *r, double p)
{
  return rd_demo_rng_double (r) < p;
}

double
rd_demo_rng_normal (RdDemoRng *r)
{
  double u1 = 1.0 - rd_demo_rng_double (r);
  double u2 = rd_demo_rng_double (r);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

int
rd_demo_rng_pick (RdDemoRng *r, const double *weights, int n)
{
  double total = 0, x;

  for (int i = 0; i < n; i++)
    total += weights[i];
  x = rd_demo_rng_double (r) * total;
  for (int i = 0; i < n; i++)
    {
      if (x < weights[i])
        return i;
      x -= weights[i];
    }
  return n - 1;
}

double
rd_demo_rng_exponential (RdDemoRng *r, double mean)
{
  return -mean * log (1.0 - rd_demo_rng_double (r));
}

/* ===================================================================== time */

gint32
rd_demo_days_from_civil (int y, int m, int d)
{
  int era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void
rd_demo_civil_from_days (gint32 z, int *y, int *m, int *d)
{
  int era, doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = yoe + era * 400 + (*m <= 2);
}

int
rd_demo_month_of_day (gint32 day)
{
  int y, m, d;

  rd_demo_civil_from_days (day, &y, &m, &d);
  return y * 12 + m - 1;
}

gint32
rd_demo_day_of_month (int month, int mday)
{
  return rd_demo_days_from_civil (month / 12, month % 12 + 1, mday);
}

static inline void
put2 (char *p, int v)
{
  p[0] = '0' + v / 10;
  p[1] = '0' + v % 10;
}

void
rd_demo_format_date (gint32 day, char buf[11])
{
  int y, m, d;

  rd_demo_civil_from_days (day, &y, &m, &d);
  put2 (buf, y / 100);
  put2 (buf + 2, y % 100);
  buf[4] = '-';
  put2 (buf + 5, m);
  buf[7] = '-';
  put2 (buf + 8, d);
  buf[10] = '\0';
}

void
rd_demo_format_time (gint64 t, char buf[20])
{
  int s = (int) (t % RD_DEMO_DAY);

  rd_demo_format_date ((gint32) (t / RD_DEMO_DAY), buf);
  buf[10] = ' ';
  put2 (buf + 11, s / 3600);
  buf[13] = ':';
  put2 (buf + 14, s / 60 % 60);
  buf[16] = ':';
  put2 (buf + 17, s % 60);
  buf[19] = '\0';
}

void
rd_demo_format_month (int month, char buf[8])
{
  put2 (buf, month / 12 / 100);
  put2 (buf + 2, month / 12 % 100);
  buf[4] = '-';
  put2 (buf + 5, month % 12 + 1);
  buf[7] = '\0';
}

/* Fiscal years start in February and are named by the year they start in. */
int
rd_demo_fiscal_quarter (gint32 day)
{
  int y, m, d;

  rd_demo_civil_from_days (day, &y, &m, &d);
  return (m >= 2 ? y : y - 1) * 4 + (m + 10) % 12 / 3;
}

void
rd_demo_format_quarter (int quarter, char buf[8])
{
  g_snprintf (buf, 8, "%04d-Q%d", quarter / 4, quarter % 4 + 1);
}

gint32
rd_demo_quarter_first_day (int quarter)
{
  int month = (quarter / 4) * 12 + 1 + (quarter % 4) * 3;   /* February is month index 1 */

  return rd_demo_day_of_month (month, 1);
}

gint32
rd_demo_as_of_day (void)
{
  return rd_demo_days_from_civil (2026, 9, 30);
}

gint64
rd_demo_as_of_end (void)
{
  return (gint64) rd_demo_as_of_day () * RD_DEMO_DAY + RD_DEMO_DAY - 1;
}

gint32
rd_demo_window_first_day (void)
{
  return rd_demo_days_from_civil (2024, 11, 1);   /* 2024-Q4 */
}

/* Records start five months before the window, so its first weeks already
 * have open deals and leads in flight. */
gint32
rd_demo_run_in_first_day (void)
{
  return rd_demo_days_from_civil (2024, 6, 1);
}

/* Work happens on weekdays between 08:00 and 18:00 UTC. A "work clock" counts
 * only those seconds; mapping it back to real time is strictly increasing,
 * so creation times drawn in order stay in order. Day 4 was a Monday. */
#define WORK_DAY  (10 * 3600)
#define WORK_WEEK (5 * WORK_DAY)

static gint64
work_to_time (gint64 w)
{
  gint64 week = w / WORK_WEEK, rem = w % WORK_WEEK;

  return (4 + week * 7 + rem / WORK_DAY) * RD_DEMO_DAY + 8 * 3600 + rem % WORK_DAY;
}

static gint64
day_to_work (gint32 day)
{
  gint64 dd = day - 4, week = dd / 7, dow = dd % 7;

  return dow >= 5 ? (week + 1) * WORK_WEEK : week * WORK_WEEK + dow * WORK_DAY;
}

/* A random working moment on @day, or on the Monday after a weekend. */
gint64
rd_demo_at_work (RdDemoRng *r, gint32 day)
{
  return work_to_time (day_to_work (day) + rd_demo_rng_int (r, 0, WORK_DAY - 1));
}

/* A working moment @days after @t, always later than @t. */
gint64
rd_demo_later_by (RdDemoRng *r, gint64 t, double days)
{
  gint64 next = rd_demo_at_work (r, (gint32) (t / RD_DEMO_DAY + (gint64) days));

  return next > t ? next : t + rd_demo_rng_int (r, 600, 7200);
}

/* @n creation times in order between @first_day and the as-of date, with the
 * volume growing by @growth over the span. Sorted uniforms come from the
 * normalised partial sums of exponential spacings. */
gint64 *
rd_demo_sorted_times (RdDemoRng *r, guint n, gint32 first_day, double growth)
{
  gint64 w0 = day_to_work (first_day), w1 = day_to_work (rd_demo_as_of_day () + 1) - 1;
  double *sums = g_new (double, n + 1);
  gint64 *times = g_new (gint64, MAX (n, 1));
  double total = 0, g = log (growth);

  for (guint i = 0; i <= n; i++)
    sums[i] = (total += rd_demo_rng_exponential (r, 1.0));
  for (guint i = 0; i < n; i++)
    {
      double u = sums[i] / total;
      double x = log (1.0 + u * (growth - 1.0)) / g;
      times[i] = work_to_time (w0 + (gint64) (x * (w1 - w0)));
    }
  g_free (sums);
  return times;
}

/* ============================================================ batched inserts */

/* One prepared "INSERT ... VALUES (...), (...), ..." of RD_DEMO_BATCH_ROWS rows
 * costs far less per row than one execution per row: the cursors, the
 * statement journal and the VDBE set-up are paid once per batch. A row's
 * values are kept (text in the batch's arena) and bound when the batch is
 * full; the last, shorter batch gets a statement of its own. */
#define RD_DEMO_BATCH_ARENA (RD_DEMO_BATCH_ROWS * 1024)

enum { VALUE_NULL, VALUE_INT, VALUE_TEXT };

struct _RdDemoValue
{
  guint8  type;
  int     len;
  gint64  i;
  gsize   offset;   /* of the text in the arena */
};

static char *
batch_sql (const char *table, const char *columns, int n_cols, int n_rows)
{
  GString *sql = g_string_new (NULL);

  /* Table and column names are the generator's constants, never input. */
  g_string_append_printf (sql, "INSERT INTO %s (%s) VALUES ", table, columns);
  for (int r = 0; r < n_rows; r++)
    {
      g_string_append (sql, r ? ", (" : "(");
      for (int c = 0; c < n_cols; c++)
        g_string_append (sql, c ? ", ?" : "?");
      g_string_append_c (sql, ')');
    }
  return g_string_free (sql, FALSE);
}

gboolean
rd_demo_batch_init (RdDemoBatch   *b,
                 sqlite3     *db,
                 const char  *table,
                 const char  *columns,
                 GError     **error)
{
  g_autofree char *sql = NULL;

  memset (b, 0, sizeof *b);
  b->db = db;
  b->table = table;
  b->columns = columns;
  b->n_cols = 1;
  for (const char *c = columns; *c; c++)
    b->n_cols += *c == ',';
  sql = batch_sql (table, columns, b->n_cols, RD_DEMO_BATCH_ROWS);
  b->stmt = rd_db_prepare (db, sql, error);
  if (b->stmt == NULL)
    return FALSE;
  b->values = g_new0 (RdDemoValue, RD_DEMO_BATCH_ROWS * b->n_cols);
  b->arena = g_malloc (RD_DEMO_BATCH_ARENA);
  return TRUE;
}

void
rd_demo_batch_clear (RdDemoBatch *b)
{
  g_clear_pointer (&b->stmt, sqlite3_finalize);
  g_clear_pointer (&b->values, g_free);
  g_clear_pointer (&b->arena, g_free);
}

static inline RdDemoValue *
batch_value (RdDemoBatch *b, int col)
{
  return &b->values[b->used * b->n_cols + col - 1];
}

void
rd_demo_batch_int (RdDemoBatch *b, int col, gint64 value)
{
  RdDemoValue *v = batch_value (b, col);

  v->type = VALUE_INT;
  v->i = value;
}

void
rd_demo_batch_id (RdDemoBatch *b, int col, gint64 id)
{
  RdDemoValue *v = batch_value (b, col);

  v->type = id > 0 ? VALUE_INT : VALUE_NULL;
  v->i = id;
}

void
rd_demo_batch_text (RdDemoBatch *b, int col, const char *text)
{
  RdDemoValue *v = batch_value (b, col);
  gsize len;

  if (text == NULL)
    {
      v->type = VALUE_NULL;
      return;
    }
  len = strlen (text);
  g_assert (b->arena_used + len + 1 <= RD_DEMO_BATCH_ARENA);
  memcpy (b->arena + b->arena_used, text, len + 1);
  v->type = VALUE_TEXT;
  v->offset = b->arena_used;
  v->len = (int) len;
  b->arena_used += len + 1;
}

void
rd_demo_batch_time (RdDemoBatch *b, int col, gint64 t)
{
  char buf[20];

  if (t <= 0)
    batch_value (b, col)->type = VALUE_NULL;
  else
    {
      rd_demo_format_time (t, buf);
      rd_demo_batch_text (b, col, buf);
    }
}

void
rd_demo_batch_date (RdDemoBatch *b, int col, gint32 day)
{
  char buf[11];

  rd_demo_format_date (day, buf);
  rd_demo_batch_text (b, col, buf);
}

static gboolean
batch_flush (RdDemoBatch *b, GError **error)
{
  sqlite3_stmt *stmt = b->stmt;
  int n = b->used * b->n_cols;
  gboolean ok;

  if (b->used == 0)
    return TRUE;
  if (b->used < RD_DEMO_BATCH_ROWS)
    {
      g_autofree char *sql = batch_sql (b->table, b->columns, b->n_cols, b->used);

      stmt = rd_db_prepare (b->db, sql, error);
      if (stmt == NULL)
        return FALSE;
    }
  for (int i = 0; i < n; i++)
    {
      const RdDemoValue *v = &b->values[i];

      if (v->type == VALUE_INT)
        sqlite3_bind_int64 (stmt, i + 1, v->i);
      else if (v->type == VALUE_TEXT)
        sqlite3_bind_text (stmt, i + 1, b->arena + v->offset, v->len, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, i + 1);
    }
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    rd_db_set_error (b->db, error, b->table);
  if (stmt != b->stmt)
    sqlite3_finalize (stmt);
  else
    sqlite3_reset (stmt);
  b->used = 0;
  b->arena_used = 0;
  return ok;
}

/* Ends the row; writes the batch when it is full. On failure the batch is
 * cleared, so the caller only returns. */
gboolean
rd_demo_batch_row (RdDemoBatch *b, GError **error)
{
  b->used++;
  if (b->used < RD_DEMO_BATCH_ROWS || batch_flush (b, error))
    return TRUE;
  rd_demo_batch_clear (b);
  return FALSE;
}

/* Writes what is left and frees the batch. */
gboolean
rd_demo_batch_finish (RdDemoBatch *b, GError **error)
{
  gboolean ok = batch_flush (b, error);

  rd_demo_batch_clear (b);
  return ok;
}

/* =============================================================== single rows */

/* Notes when a phase ended, for one debug line at the end (G_MESSAGES_DEBUG=
 * revdeck-core shows it): where the time goes at a million deals. */
gboolean
rd_demo_phase (RdDemo *d, const char *what)
{
  if (d->timings == NULL)
    d->timings = g_string_new (NULL);
  g_string_append_printf (d->timings, "%s%s %.2f s", d->timings->len ? ", " : "", what,
                          (g_get_monotonic_time () - d->started) / 1e6);
  return TRUE;
}

gboolean
rd_demo_step (sqlite3_stmt *stmt, const char *table, GError **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      rd_db_set_error (sqlite3_db_handle (stmt), error, table);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}
