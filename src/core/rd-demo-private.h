/* rd-demo-private.h — what the parts of the demo generator share
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rd-demo.c         the entry point: one transaction, definitions, writing
 *                   the records
 * rd-demo-records.c people, accounts, leads and opportunities, built in
 *                   memory, and the names they carry
 * rd-demo-revenue.c recurring revenue, renewals, quotas, forecasts, spend
 *                   and pipeline snapshots, derived from those records
 * rd-demo-util.c    random numbers, the calendar, batched inserts
 *
 * Times are seconds since 1970-01-01 UTC, dates are days since then, months
 * are year * 12 + (month - 1). Nothing here reads the clock: every number
 * comes from the seed, so one seed always gives the same file contents.
 */
#pragma once

#include <sqlite3.h>

#include "rd-demo.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------ random numbers */

/* xoshiro256** seeded through splitmix64; one independent stream per purpose,
 * so a change in one table does not reshuffle the others. */
typedef struct { guint64 s[4]; } RdDemoRng;

void        rd_demo_rng_init             (RdDemoRng *r, guint64 seed, guint64 stream);
guint64     rd_demo_rng_next             (RdDemoRng *r);
double      rd_demo_rng_double           (RdDemoRng *r);                 /* [0, 1) */
double      rd_demo_rng_range            (RdDemoRng *r, double lo, double hi);
int         rd_demo_rng_int              (RdDemoRng *r, int lo, int hi);  /* [lo, hi] */
gboolean    rd_demo_rng_chance           (RdDemoRng *r, double p);
double      rd_demo_rng_normal           (RdDemoRng *r);
int         rd_demo_rng_pick             (RdDemoRng *r, const double *weights, int n);
double      rd_demo_rng_exponential      (RdDemoRng *r, double mean);

/* ------------------------------------------------------------------- time */

#define RD_DEMO_DAY 86400

gint32      rd_demo_days_from_civil      (int y, int m, int d);
void        rd_demo_civil_from_days      (gint32 days, int *y, int *m, int *d);
int         rd_demo_month_of_day         (gint32 day);          /* y * 12 + m - 1 */
gint32      rd_demo_day_of_month         (int month, int mday); /* first day if mday == 1 */
void        rd_demo_format_time          (gint64 t, char buf[20]);
void        rd_demo_format_date          (gint32 day, char buf[11]);
void        rd_demo_format_month         (int month, char buf[8]);
int         rd_demo_fiscal_quarter       (gint32 day);          /* fy * 4 + (q - 1) */
void        rd_demo_format_quarter       (int quarter, char buf[8]);
gint32      rd_demo_quarter_first_day    (int quarter);

/* ------------------------------------------------------------- dimensions */

enum { SEG_SMB, SEG_MID, SEG_ENT, N_SEG };
enum { REG_NA, REG_EMEA, REG_APAC, N_REG };
enum { CH_INBOUND, CH_OUTBOUND, CH_PARTNER, CH_EVENTS, CH_PAID, CH_REFERRAL, N_CH };
enum { LS_LEAD, LS_MQL, LS_SQL, LS_OPPORTUNITY, LS_CUSTOMER, N_LS };
enum { DS_DISCOVERY, DS_QUALIFICATION, DS_SOLUTION, DS_PROPOSAL, DS_NEGOTIATION, DS_WON, DS_LOST, N_DS };
enum { FC_PIPELINE, FC_BEST_CASE, FC_COMMIT, FC_CLOSED, FC_OMITTED, N_FC };
enum { TEAM_MARKETING, TEAM_SDR, TEAM_AE, TEAM_CS, TEAM_FINANCE, TEAM_REVOPS, N_TEAM };
enum { HO_LEAD_MQL, HO_MQL_SQL, HO_SQL_OPP, HO_WON_CUSTOMER, N_HO };

#define RD_DEMO_NONE 255   /* a missing dimension in a guint8 field */

/* ---------------------------------------------------------------- records */

typedef struct
{
  int    first, last;     /* indices into the name lists */
  guint8 team, segment, region;
  gint32 start_day, end_day;
  int    successor;       /* who takes over the deals of someone who left, or -1 */
} RdDemoPerson;

typedef struct
{
  int    name;            /* index for the name generator */
  guint8 segment, region, channel, industry;
  guint8 variant;         /* 0 normal, 1 duplicate by name, 2 duplicate by domain */
  guint8 preexisting;     /* a customer from before the generated period */
  int    owner;           /* AE, index into people */
  int    csm;             /* customer success manager, index into people */
  gint32 created_day;
  gint32 start_day;       /* pre-existing customers: contract start */
  double base_mrr;        /* pre-existing customers: MRR in cents before calibration */
  gint32 last_deal_day;   /* latest close of any deal, or after the as-of date if one is open */
  gint64 won_at;          /* when its first deal was won, 0 if none was */
} RdDemoAccount;

#define RD_DEMO_MAX_HIST 12

typedef struct
{
  gint64 created;
  gint64 close_time;          /* terminal entry, or the planned one if still open */
  gint64 amount, first_amount;
  int    account, owner, lead;
  gint32 close_day;
  guint8 segment, region, channel;
  guint8 expansion, status;   /* status: 0 open, 1 won, 2 lost */
  guint8 override;            /* forecast category or RD_DEMO_NONE */
  guint8 loss_reason, next_step;
  guint8 n_hist, n_close, n_amount;
  guint8 hist_stage[RD_DEMO_MAX_HIST];
  gint64 hist_at[RD_DEMO_MAX_HIST];
  gint64 close_at[3];
  gint32 close_old[3], close_new[3];
  gint64 amount_at[2], amount_old[2], amount_new[2];
} RdDemoOpp;

#define RD_DEMO_LEAD_MAX_EVENTS 8

typedef struct
{
  gint64 created;
  int    account;         /* -1 */
  int    company;         /* company name number, -1 none, -2 the account's */
  int    owner;           /* SDR or -1 */
  guint8 first, last, title;
  guint8 channel, segment, region;
  guint8 no_email;
  guint8 n_events;
  guint8 ev_stage[RD_DEMO_LEAD_MAX_EVENTS];
  gint64 ev_at[RD_DEMO_LEAD_MAX_EVENTS];
} RdDemoLead;

typedef struct
{
  guint8 handoff;
  int    record;              /* lead, opportunity or account index by handoff */
  gint64 crossed, accepted;   /* accepted 0: not accepted */
  int    accepted_by;
} RdDemoHandoff;

typedef struct
{
  guint64  seed;
  guint    n;                 /* opportunities */
  double   scale;             /* n / 1500 */
  double   entity_scale;      /* the same for accounts and customers, slower past 100,000 */
  sqlite3 *db;

  /* ids in the workspace, looked up once */
  gint64   seg_id[N_SEG], reg_id[N_REG], ch_id[N_CH], team_id[N_TEAM];
  gint64   ls_id[N_LS], ds_id[N_DS], fc_id[N_FC], ho_id[N_HO];
  guint8   ds_category[N_DS];
  double   ds_probability[N_DS];
  double   ho_sla_hours[N_HO];

  GArray  *people;            /* RdDemoPerson */
  GArray  *accounts;          /* RdDemoAccount */
  GArray  *leads;             /* RdDemoLead, in order of creation */
  GArray  *opps;              /* RdDemoOpp */
  GArray  *handoffs;          /* RdDemoHandoff */
  gint64  *opp_id;            /* index -> row id (opportunities are written by creation time) */

  gint64   started;           /* monotonic time, for the debug timings */
  GString *timings;
  char    *summary;           /* what was made, for the debug line */
} RdDemo;

#define RD_DEMO_PERSON(d, i)  (&g_array_index ((d)->people, RdDemoPerson, (i)))
#define RD_DEMO_ACCOUNT(d, i) (&g_array_index ((d)->accounts, RdDemoAccount, (i)))
#define RD_DEMO_LEAD(d, i)    (&g_array_index ((d)->leads, RdDemoLead, (i)))
#define RD_DEMO_OPP(d, i)     (&g_array_index ((d)->opps, RdDemoOpp, (i)))

/* The as-of date and the generated period. */
gint32      rd_demo_as_of_day            (void);
gint64      rd_demo_as_of_end            (void);  /* 23:59:59 on the as-of date */
gint32      rd_demo_window_first_day     (void);  /* first day of the eight fiscal quarters */
gint32      rd_demo_run_in_first_day     (void);  /* records start here, five months earlier */

/* Working hours are weekdays 08:00-18:00 UTC. rd_demo_at_work() gives a
 * moment on @day (the Monday after, for a weekend day); rd_demo_later_by()
 * one about @days after @t and always after it; rd_demo_sorted_times() @n
 * moments in order from @first_day to the as-of date, growing by @growth. */
gint64      rd_demo_at_work              (RdDemoRng *r, gint32 day);
gint64      rd_demo_later_by             (RdDemoRng *r, gint64 t, double days);
gint64     *rd_demo_sorted_times         (RdDemoRng *r, guint n, gint32 first_day, double growth);

/* Up to this many opportunities everything grows in proportion. Beyond it,
 * leads grow by a tenth of a lead per extra deal, and accounts and customers
 * at a twentieth of the rate: the extra deals go to existing accounts, as
 * expansions and second attempts. That keeps a million-deal workspace near
 * 1.3 GB and under a minute to write on a small laptop. */
#define RD_DEMO_SCALE_KNEE 100000

/* Who owns a deal at @until: the deals of someone who left move to the successor. */
int         rd_demo_final_owner          (RdDemo *d, int owner, gint64 until);
gint64      rd_demo_opp_amount_at        (const RdDemoOpp *o, gint64 t);

/* A step that sets @error with the table's name on failure; a debug timing. */
gboolean    rd_demo_step                 (sqlite3_stmt *stmt, const char *table, GError **error);
gboolean    rd_demo_phase                (RdDemo *d, const char *what);

/* Batched inserts: set every column of a row (columns count from 1), end
 * the row, and finish at the end. Values are copied. A failed init leaves
 * nothing to free; a failed row or finish frees the batch; clearing twice is
 * harmless. */
#define RD_DEMO_BATCH_ROWS 64

typedef struct _RdDemoValue RdDemoValue;

typedef struct
{
  sqlite3      *db;
  const char   *table, *columns;
  int           n_cols, used;
  sqlite3_stmt *stmt;
  RdDemoValue  *values;
  char         *arena;
  gsize         arena_used;
} RdDemoBatch;

gboolean    rd_demo_batch_init           (RdDemoBatch *b, sqlite3 *db, const char *table, const char *columns,
                                          GError **error);
void        rd_demo_batch_int            (RdDemoBatch *b, int col, gint64 value);
void        rd_demo_batch_id             (RdDemoBatch *b, int col, gint64 id);          /* 0 is NULL */
void        rd_demo_batch_text           (RdDemoBatch *b, int col, const char *text);   /* NULL is NULL */
void        rd_demo_batch_time           (RdDemoBatch *b, int col, gint64 t);           /* 0 is NULL */
void        rd_demo_batch_date           (RdDemoBatch *b, int col, gint32 day);
gboolean    rd_demo_batch_row            (RdDemoBatch *b, GError **error);
gboolean    rd_demo_batch_finish         (RdDemoBatch *b, GError **error);
void        rd_demo_batch_clear          (RdDemoBatch *b);

/* rd-demo-records.c: the records, and the words they are written with */
void        rd_demo_make_records         (RdDemo *d);
void        rd_demo_person_name          (char *buf, gsize size, int first, int last);
void        rd_demo_person_email         (char *buf, gsize size, int first, int last, const char *domain);
void        rd_demo_company_name         (char *buf, gsize size, int name, int region, int variant);
void        rd_demo_company_domain       (char *buf, gsize size, int name, int region);
const char *rd_demo_industry             (int kind);
const char *rd_demo_title                (int title);
const char *rd_demo_loss_reason          (int reason);
const char *rd_demo_next_step            (int step);
const char *rd_demo_product              (const RdDemoOpp *o, guint row);

/* rd-demo-revenue.c */
gboolean    rd_demo_write_revenue        (RdDemo *d, GError **error);

G_END_DECLS
