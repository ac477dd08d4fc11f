/* rd-demo-records.c — the demo company's people, accounts, leads and deals
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything is built in memory first, in the order it happened, so each
 * record can depend on earlier ones (a deal on its account, an expansion on
 * a customer won before it, a customer event on the deal's outcome). Deals
 * are walked through their stages; whatever would happen after the as-of
 * date is not recorded, which leaves those deals open where they stand.
 *
 * The funnel follows the shape of the worked example in metrics.md (about
 * 4,000 leads to 800 SQLs to 200 opportunities): lead-sourced deals are
 * about a fifth of all deals; the rest are expansions of customers and
 * new business that account executives, partners and events bring in.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "rd-demo-private.h"

/* Streams of the random generator, one per purpose. */
enum { RNG_ACCOUNTS = 1, RNG_LEADS, RNG_LEAD_TIMES, RNG_OPPS, RNG_OPP_TIMES, RNG_DUPLICATES };

/* ==================================================================== names */

static const char *const first_names[] = {
  "Olivia", "Liam", "Emma", "Noah", "Ava", "Mateo", "Sofia", "Lucas", "Mia", "Ethan", "Amara", "Kenji",
  "Priya", "Arjun", "Chloe", "Jonas", "Lena", "Felix", "Hannah", "Omar", "Layla", "Diego", "Elena",
  "Marcus", "Nadia", "Samuel", "Grace", "Tomas", "Yuki", "Hiro", "Mei", "Wei", "Aisha", "Daniel",
  "Freya", "Oscar", "Isla", "Leo", "Zara", "Ravi", "Clara", "Hugo", "Ingrid", "Pablo", "Rosa", "Theo",
  "Vera", "Anders", "Beatriz", "Chidi", "Dana", "Emil", "Fatima", "Gabriel", "Hana", "Ivan", "Julia",
  "Kofi", "Lucia", "Malik", "Nina", "Owen", "Paula", "Quentin",
};
static const char *const last_names[] = {
  "Anderson", "Bauer", "Chen", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jensen",
  "Kowalski", "Larsen", "Martin", "Nakamura", "Okafor", "Patel", "Quinn", "Rossi", "Schmidt", "Tanaka",
  "Usman", "Varga", "Walsh", "Xu", "Yilmaz", "Zimmermann", "Alvarez", "Brennan", "Costa", "Dalton",
  "Evans", "Ferreira", "Gupta", "Hughes", "Iyer", "Johansson", "Kim", "Lopez", "Moreau", "Novak",
  "O'Brien", "Park", "Reyes", "Silva", "Thompson", "Ueda", "Vogel", "Wong", "Young", "Zhang", "Ahmed",
  "Becker", "Clarke", "Diaz", "Engel", "Fontaine", "Gallagher", "Hoffmann", "Ivanova", "Jovanovic",
  "Keller", "Lindqvist", "Mendes", "Nguyen",
};
static const char *const titles[] = {
  "Chief Financial Officer", "VP Finance", "Head of Data", "Analytics Manager", "Director of Operations",
  "Data Engineer", "Chief Operating Officer", "Revenue Analyst", "Head of Sales Operations",
  "BI Developer", "Controller", "VP Operations", "IT Director", "Product Manager", "Founder",
  "Operations Analyst",
};
static const char *const name_prefixes[] = {
  "Blue", "Cedar", "Granite", "Harbor", "Iron", "Juniper", "Kestrel", "Lumen", "Maple", "North", "Oak",
  "Pine", "Quartz", "Red", "Silver", "Summit", "Tidal", "Vantage", "Willow", "Apex", "Beacon", "Cobalt",
  "Delta", "Ember", "Falcon", "Golden", "Horizon", "Indigo", "Lark", "Meridian", "Nimbus", "Orbit",
  "Prairie", "Raven", "Sable", "Terra", "Union", "Vertex", "West", "Zephyr", "Alder", "Birch", "Copper",
  "Dune", "Elm", "Fern", "Glen", "Hazel", "Ivory", "Jade", "Kite", "Lake", "Moss", "Nova", "Onyx",
  "Pearl", "River", "Stone", "Thistle", "Vale",
};
static const char *const name_roots[] = {
  "field", "stone", "line", "bridge", "point", "works", "gate", "wave", "crest", "ridge", "path", "light",
  "fin", "peak", "view", "port", "wood", "leaf", "mark", "spring", "brook", "haven", "shore", "star",
  "wind", "hill", "side", "ford", "dale", "crown", "forge", "well", "stream", "top", "way", "land",
  "bay", "rock", "mere", "moor",
};
static const struct { const char *word, *industry; } name_kinds[] = {
  { "Logistics", "Logistics" }, { "Freight", "Logistics" }, { "Shipping", "Logistics" },
  { "Health", "Healthcare" }, { "Clinics", "Healthcare" }, { "Medical", "Healthcare" },
  { "Labs", "Life sciences" }, { "Biotech", "Life sciences" }, { "Pharma", "Life sciences" },
  { "Capital", "Financial services" }, { "Bank", "Financial services" }, { "Payments", "Financial services" },
  { "Insurance", "Insurance" }, { "Assurance", "Insurance" }, { "Retail", "Retail" },
  { "Outfitters", "Retail" }, { "Foods", "Consumer goods" }, { "Brands", "Consumer goods" },
  { "Beverages", "Consumer goods" }, { "Energy", "Energy" }, { "Solar", "Energy" }, { "Power", "Energy" },
  { "Systems", "Software" }, { "Software", "Software" }, { "Cloud", "Software" },
  { "Networks", "Telecommunications" }, { "Telecom", "Telecommunications" }, { "Media", "Media" },
  { "Studios", "Media" }, { "Publishing", "Media" }, { "Manufacturing", "Manufacturing" },
  { "Robotics", "Manufacturing" }, { "Industries", "Manufacturing" }, { "Motors", "Automotive" },
  { "Mobility", "Automotive" }, { "Hotels", "Hospitality" }, { "Travel", "Hospitality" },
  { "Learning", "Education" }, { "Academy", "Education" }, { "Realty", "Real estate" },
  { "Properties", "Real estate" }, { "Construction", "Construction" }, { "Engineering", "Construction" },
  { "Agritech", "Agriculture" }, { "Farms", "Agriculture" }, { "Consulting", "Professional services" },
  { "Advisors", "Professional services" }, { "Legal", "Professional services" },
};
static const char *const name_qualifiers[] = {
  "", "West", "East", "North", "South", "Group", "Holdings", "International", "Partners", "Digital",
  "Global", "Europe",
};
static const char *const legal_suffixes[N_REG][5] = {
  { "", "", "Inc", "LLC", "Corp" },
  { "", "Ltd", "GmbH", "SA", "BV" },
  { "", "Pty Ltd", "Pte Ltd", "KK", "Ltd" },
};
static const char *const domain_tlds[N_REG][4] = {
  { ".com", ".com", ".io", ".us" },
  { ".co.uk", ".de", ".fr", ".eu" },
  { ".com.au", ".sg", ".jp", ".co.nz" },
};
static const char *const products[N_SEG] = { "Team plan", "Business plan", "Enterprise platform" };
static const char *const expansion_products[] = {
  "Seat expansion", "Forecasting add-on", "Data connectors add-on", "Upgrade to Enterprise",
};
static const char *const loss_reasons[] = {
  "Chose a competitor", "No decision", "Price", "No budget", "Timing", "Missing feature", "Went silent",
};
static const double loss_reason_weights[] = { 28, 24, 14, 10, 10, 8, 6 };
static const char *const next_steps[] = {
  "Discovery call with the finance lead", "Send mutual action plan", "Technical deep dive",
  "Security review", "Pricing review with sponsor", "Legal redlines", "Procurement sign-off",
  "Executive sponsor meeting", "Trial kickoff", "Reference call",
};

#define N_PREFIX  G_N_ELEMENTS (name_prefixes)
#define N_ROOT    G_N_ELEMENTS (name_roots)
#define N_KIND    G_N_ELEMENTS (name_kinds)
#define N_COMBOS  (N_PREFIX * N_ROOT * N_KIND)

typedef struct { int prefix, root, kind, qualifier, suffix, tld; } NameParts;

/* Company name number @name, unique for the first N_COMBOS * 12 numbers. */
static NameParts
name_parts (int name)
{
  guint32 base = (guint32) (((guint64) (name % N_COMBOS) * 7919u + 104729u) % N_COMBOS);
  NameParts p;

  p.prefix = base % N_PREFIX;
  p.root = base / N_PREFIX % N_ROOT;
  p.kind = base / (N_PREFIX * N_ROOT);
  p.qualifier = name / N_COMBOS % G_N_ELEMENTS (name_qualifiers);
  p.suffix = (int) ((guint32) name * 2654435761u >> 16) % 5;
  p.tld = (int) ((guint32) name * 40503u >> 8) % 4;
  return p;
}

void
rd_demo_company_name (char *buf, gsize size, int name, int region, int variant)
{
  NameParts p = name_parts (name);
  const char *qual = name_qualifiers[p.qualifier];
  const char *suffix = legal_suffixes[region][p.suffix];
  char stem[64];

  g_snprintf (stem, sizeof stem, "%s%s %s%s%s", name_prefixes[p.prefix], name_roots[p.root],
              name_kinds[p.kind].word, *qual ? " " : "", qual);
  if (variant == 1)
    {
      /* The same company typed again: other case, other punctuation. */
      for (char *c = stem; *c && *c != ' '; c++)
        *c = g_ascii_toupper (*c);
      g_snprintf (buf, size, "%s%s%s.", stem, *suffix ? ", " : "", suffix);
    }
  else if (variant == 2)
    g_snprintf (buf, size, "%s%s", name_prefixes[p.prefix], name_roots[p.root]);
  else
    g_snprintf (buf, size, "%s%s%s", stem, *suffix ? " " : "", suffix);
}

void
rd_demo_company_domain (char *buf, gsize size, int name, int region)
{
  NameParts p = name_parts (name);
  const char *qual = name_qualifiers[p.qualifier];
  char *c;

  g_snprintf (buf, size, "%s%s-%s%s%s%s", name_prefixes[p.prefix], name_roots[p.root],
              name_kinds[p.kind].word, *qual ? "-" : "", qual, domain_tlds[region][p.tld]);
  for (c = buf; *c; c++)
    *c = g_ascii_tolower (*c);
}

/* first.last, letters only, lower case */
void
rd_demo_person_email (char *buf, gsize size, int first, int last, const char *domain)
{
  gsize n = 0;

  for (const char *s = first_names[first]; *s && n + 2 < size; s++)
    if (g_ascii_isalpha (*s))
      buf[n++] = g_ascii_tolower (*s);
  buf[n++] = '.';
  for (const char *s = last_names[last]; *s && n + 1 < size; s++)
    if (g_ascii_isalpha (*s))
      buf[n++] = g_ascii_tolower (*s);
  g_snprintf (buf + n, size - n, "@%s", domain);
}

/* ==================================================================== people */

/* Account executives cover a segment in a region; the pattern repeats. */
static const guint8 ae_territories[][2] = {
  { SEG_SMB, REG_NA }, { SEG_MID, REG_NA }, { SEG_ENT, REG_NA }, { SEG_SMB, REG_EMEA },
  { SEG_MID, REG_EMEA }, { SEG_SMB, REG_NA }, { SEG_MID, REG_NA }, { SEG_SMB, REG_APAC },
  { SEG_MID, REG_APAC }, { SEG_ENT, REG_EMEA },
};
static const guint8 region_pattern[] = { REG_NA, REG_EMEA, REG_NA, REG_APAC, REG_NA, REG_EMEA };

typedef struct
{
  GArray *ae[N_SEG][N_REG];   /* person indices */
  GArray *sdr[N_REG], *csm[N_REG], *marketing;
} Staff;

static int
add_person (RdDemo *d, int team, int segment, int region, gint32 start_day)
{
  guint i = d->people->len;
  guint pair = (i * 37u + 11u) % (G_N_ELEMENTS (first_names) * G_N_ELEMENTS (last_names));
  RdDemoPerson p = {
    .first = pair % G_N_ELEMENTS (first_names), .last = pair / G_N_ELEMENTS (first_names),
    .team = team, .segment = segment, .region = region,
    .start_day = start_day, .end_day = G_MAXINT32, .successor = -1,
  };

  g_array_append_val (d->people, p);
  return i;
}

static guint
scaled (RdDemo *d, double per_1500, guint lo, guint hi)
{
  return CLAMP ((guint) lround (per_1500 * d->scale), lo, hi);
}

static void
make_people (RdDemo *d, Staff *staff)
{
  gint32 long_ago = rd_demo_days_from_civil (2020, 1, 6);
  guint n_ae = scaled (d, 10, 3, 200);
  int i;

  add_person (d, TEAM_REVOPS, RD_DEMO_NONE, RD_DEMO_NONE, long_ago);
  add_person (d, TEAM_FINANCE, RD_DEMO_NONE, RD_DEMO_NONE, long_ago);
  for (guint k = scaled (d, 2, 1, 20); k > 0; k--)
    {
      i = add_person (d, TEAM_MARKETING, RD_DEMO_NONE, RD_DEMO_NONE, long_ago);
      g_array_append_val (staff->marketing, i);
    }
  for (guint k = 0; k < scaled (d, 6, 2, 120); k++)
    {
      int reg = region_pattern[k % G_N_ELEMENTS (region_pattern)];
      i = add_person (d, TEAM_SDR, RD_DEMO_NONE, reg, long_ago);
      g_array_append_val (staff->sdr[reg], i);
    }
  for (guint k = 0; k < n_ae; k++)
    {
      const guint8 *t = ae_territories[k % G_N_ELEMENTS (ae_territories)];
      i = add_person (d, TEAM_AE, t[0], t[1], long_ago);
      g_array_append_val (staff->ae[t[0]][t[1]], i);
    }
  /* One account executive left in October 2025; the one hired in September
   * took over the territory and the deals still open. */
  if (staff->ae[SEG_SMB][REG_NA]->len >= 2)
    {
      int leaver = g_array_index (staff->ae[SEG_SMB][REG_NA], int, 1);
      int hire = add_person (d, TEAM_AE, SEG_SMB, REG_NA, rd_demo_days_from_civil (2025, 9, 15));

      RD_DEMO_PERSON (d, leaver)->end_day = rd_demo_days_from_civil (2025, 10, 17);
      RD_DEMO_PERSON (d, leaver)->successor = hire;
      g_array_append_val (staff->ae[SEG_SMB][REG_NA], hire);
    }
  for (guint k = 0; k < scaled (d, 6, 2, 120); k++)
    {
      int reg = region_pattern[k % G_N_ELEMENTS (region_pattern)];
      i = add_person (d, TEAM_CS, RD_DEMO_NONE, reg, long_ago);
      g_array_append_val (staff->csm[reg], i);
    }
}

static gboolean
person_active (RdDemo *d, int i, gint32 day)
{
  RdDemoPerson *p = RD_DEMO_PERSON (d, i);

  return p->start_day <= day && day < p->end_day;
}

/* An account executive for the territory who works here on @day; another of
 * the segment when the region has none. */
static int
choose_ae (RdDemo *d, Staff *staff, RdDemoRng *r, int segment, int region, gint32 day)
{
  for (int pass = 0; pass < N_REG + 1; pass++)
    {
      GArray *list = staff->ae[segment][pass == 0 ? region : (pass - 1)];
      int n = 0, pick;

      for (guint k = 0; k < list->len; k++)
        n += person_active (d, g_array_index (list, int, k), day);
      if (n == 0)
        continue;
      pick = rd_demo_rng_int (r, 0, n - 1);
      for (guint k = 0; k < list->len; k++)
        if (person_active (d, g_array_index (list, int, k), day) && pick-- == 0)
          return g_array_index (list, int, k);
    }
  return g_array_index (staff->ae[SEG_SMB][REG_NA], int, 0);
}

/* The people of a region; North America's (there are always some) when a
 * small company has nobody there or the region is unknown. */
static GArray *
in_region (GArray **lists, int region)
{
  return region != RD_DEMO_NONE && lists[region]->len > 0 ? lists[region] : lists[REG_NA];
}

static int
choose_from (RdDemoRng *r, GArray *list)
{
  return list->len ? g_array_index (list, int, rd_demo_rng_int (r, 0, list->len - 1)) : -1;
}

int
rd_demo_final_owner (RdDemo *d, int owner, gint64 until)
{
  while (owner >= 0 && (gint64) RD_DEMO_PERSON (d, owner)->end_day * RD_DEMO_DAY < until &&
         RD_DEMO_PERSON (d, owner)->successor >= 0)
    owner = RD_DEMO_PERSON (d, owner)->successor;
  return owner;
}

gint64
rd_demo_opp_amount_at (const RdDemoOpp *o, gint64 t)
{
  gint64 amount = o->first_amount;

  for (int k = 0; k < o->n_amount && o->amount_at[k] <= t; k++)
    amount = o->amount_new[k];
  return amount;
}

/* ================================================================== accounts */

static const double segment_mix_new[N_SEG] = { 55, 35, 10 };
static const double segment_mix_old[N_SEG] = { 55, 35, 10 };
static const double region_mix[N_REG] = { 55, 30, 15 };

typedef struct
{
  RdDemo    *d;
  Staff    staff;
  RdDemoRng  acct_rng;
  int      next_name;
  GArray  *customers;       /* Pool: accounts that are customers from a time */
  GArray  *lost_prospects;  /* Pool: accounts whose deal was lost at a time */
} Gen;

typedef struct { int account; gint64 since; } Pool;

static int
add_account (Gen *g, int segment, int region, int channel, int owner, gint32 created_day)
{
  RdDemo *d = g->d;
  guint i = d->accounts->len;
  RdDemoAccount a = {
    .name = g->next_name++, .segment = segment, .region = region, .channel = channel,
    .owner = owner, .created_day = created_day, .last_deal_day = G_MININT32,
  };
  GArray *csms = in_region (g->staff.csm, region);

  a.industry = name_parts (a.name).kind;
  a.csm = g_array_index (csms, int, i % csms->len);
  g_array_append_val (d->accounts, a);
  return i;
}

static gint64
draw_amount (RdDemoRng *r, int segment)
{
  static const double lo[N_SEG] = { 8000, 30000, 120000 }, hi[N_SEG] = { 25000, 90000, 400000 };
  static const double step[N_SEG] = { 500, 1000, 5000 };
  double x = lo[segment] * pow (hi[segment] / lo[segment], pow (rd_demo_rng_double (r), 2.2));

  return (gint64) (round (x / step[segment]) * step[segment]) * 100;
}

/* Customers from before the generated period, with contracts that started
 * between 2021 and the run-in. Their revenue is calibrated later. */
static void
make_preexisting_customers (Gen *g)
{
  RdDemo *d = g->d;
  gint32 first = rd_demo_days_from_civil (2021, 2, 1), last = rd_demo_run_in_first_day () - 10;
  guint n = (guint) lround (215 * d->entity_scale);

  for (guint k = 0; k < n; k++)
    {
      RdDemoRng *r = &g->acct_rng;
      int seg = rd_demo_rng_pick (r, segment_mix_old, N_SEG);
      int reg = rd_demo_rng_pick (r, region_mix, N_REG);
      gint32 start = first + (gint32) (pow (rd_demo_rng_double (r), 0.7) * (last - first));
      int owner = choose_ae (d, &g->staff, r, seg, reg, start);
      int i = add_account (g, seg, reg, rd_demo_rng_int (r, 0, N_CH - 1), owner,
                           start - rd_demo_rng_int (r, 20, 200));
      RdDemoAccount *a = RD_DEMO_ACCOUNT (d, i);
      Pool entry = { i, 0 };

      a->preexisting = TRUE;
      a->start_day = start;
      a->base_mrr = draw_amount (r, seg) * rd_demo_rng_range (r, 0.9, 1.5) / 12.0;
      g_array_append_val (g->customers, entry);
    }
}

/* A few accounts entered twice: same name in another spelling, or the same
 * domain under a short name. They have no deals of their own. */
static void
make_duplicates (Gen *g)
{
  RdDemo *d = g->d;
  RdDemoRng r;
  guint n_orig = d->accounts->len;
  guint n = n_orig < 20 ? 0 : MAX (3, (guint) lround (n_orig * 0.012));

  rd_demo_rng_init (&r, d->seed, RNG_DUPLICATES);
  for (guint k = 0; k < n; k++)
    {
      RdDemoAccount orig = *RD_DEMO_ACCOUNT (d, rd_demo_rng_int (&r, 0, n_orig - 1));
      RdDemoAccount dup = orig;
      gint32 later;

      dup.variant = 1 + k % 2;
      dup.preexisting = FALSE;
      dup.channel = rd_demo_rng_int (&r, 0, N_CH - 1);
      later = orig.created_day + rd_demo_rng_int (&r, 20, 400);
      dup.created_day = MIN (rd_demo_as_of_day () - 1, later);
      dup.owner = choose_ae (d, &g->staff, &r, orig.segment, orig.region, dup.created_day);
      dup.last_deal_day = G_MININT32;
      dup.won_at = 0;
      g_array_append_val (d->accounts, dup);
    }
}

static int
pool_pick (RdDemoRng *r, GArray *pool, gint64 before, int tries)
{
  for (int k = 0; k < tries && pool->len > 0; k++)
    {
      Pool *p = &g_array_index (pool, Pool, rd_demo_rng_int (r, 0, pool->len - 1));
      if (p->since <= before)
        return p->account;
    }
  return -1;
}

/* ============================================================ opportunities */

/* Mean days in each open stage, per segment. */
static const double stage_days[N_SEG][5] = {
  { 6, 9, 10, 8, 7 },
  { 14, 20, 26, 20, 18 },
  { 24, 34, 48, 38, 36 },
};

static void
walk_stages (RdDemoRng *r, RdDemoOpp *o, gboolean won, guint8 *path, int *n_path)
{
  static const double lost_at[5] = { 30, 27, 21, 14, 8 };
  int last = won ? DS_NEGOTIATION : rd_demo_rng_pick (r, lost_at, 5);
  int first = (o->expansion && last > DS_DISCOVERY && rd_demo_rng_chance (r, 0.5)) ? DS_QUALIFICATION : DS_DISCOVERY;
  int n = 0, backs = 0;

  for (int s = first; s <= last; s++)
    {
      /* Skips: small deals often go straight from qualification to proposal. */
      if (s > first && s < last &&
          ((s == DS_SOLUTION && o->segment == SEG_SMB && rd_demo_rng_chance (r, 0.25)) || rd_demo_rng_chance (r, 0.04)))
        continue;
      path[n++] = s;
      /* Moving back a stage, e.g. a proposal that sends the buyer back to the trial. */
      if (s >= DS_SOLUTION && s < last && backs < 2 && rd_demo_rng_chance (r, 0.07))
        {
          path[n++] = s - 1;
          path[n++] = s;
          backs++;
        }
    }
  path[n++] = won ? DS_WON : DS_LOST;
  *n_path = n;
}

static void
plan_close_dates (RdDemoRng *r, RdDemoOpp *o, gint64 end)
{
  static const double slip_p[N_SEG] = { 0.30, 0.40, 0.50 };
  static const int slip_lo[N_SEG] = { 7, 14, 21 }, slip_hi[N_SEG] = { 30, 45, 75 };
  gint32 created_day = (gint32) (o->created / RD_DEMO_DAY);
  gint32 dates[4];
  int k = 0, first = 0;
  gint64 prev = o->created;

  while (k < 3 && rd_demo_rng_chance (r, k == 0 ? slip_p[o->segment] : 0.45))
    k++;
  dates[k] = o->close_day;
  for (int j = k - 1; j >= 0; j--)
    dates[j] = dates[j + 1] - rd_demo_rng_int (r, slip_lo[o->segment], slip_hi[o->segment]);
  while (first < k && dates[first] < created_day + 7)
    first++;

  o->n_close = 0;
  if (first == k && o->status != 2 && rd_demo_rng_chance (r, 0.06))
    {
      /* Pulled in: the buyer signed earlier than the first estimate. */
      gint64 before = end - rd_demo_rng_int (r, 0, 5) * RD_DEMO_DAY;
      gint64 at = CLAMP (before, o->created + 60, end);
      o->close_old[0] = o->close_day + rd_demo_rng_int (r, 7, 30);
      o->close_new[0] = o->close_day;
      o->close_at[0] = at;
      o->n_close = 1;
      return;
    }
  for (int j = first + 1; j <= k; j++)
    {
      /* The owner moves the date when the old one comes close. */
      gint64 target = rd_demo_at_work (r, dates[j - 1] - rd_demo_rng_int (r, 0, 10));
      gint64 at = MIN (MAX (target, prev + 60), end);

      o->close_old[o->n_close] = dates[j - 1];
      o->close_new[o->n_close] = dates[j];
      o->close_at[o->n_close++] = at;
      prev = at;
    }
}

static void
plan_amounts (RdDemoRng *r, RdDemoOpp *o, gint64 end)
{
  gint64 amount = draw_amount (r, o->segment);

  if (o->expansion)
    amount = (gint64) (round (amount * rd_demo_rng_range (r, 0.25, 0.6) / 50000.0) * 50000.0);
  o->first_amount = amount;
  o->n_amount = 0;
  if (rd_demo_rng_chance (r, 0.18))
    {
      int n = rd_demo_rng_chance (r, 0.3) ? 2 : 1;
      double f1 = rd_demo_rng_range (r, 0.15, 0.55), f2 = rd_demo_rng_range (r, 0.6, 0.95);

      for (int k = 0; k < n; k++)
        {
          double factor = rd_demo_rng_chance (r, 0.55) ? rd_demo_rng_range (r, 1.1, 1.5) : rd_demo_rng_range (r, 0.6, 0.9);
          gint64 next = (gint64) (round (amount * factor / 10000.0) * 10000.0);

          o->amount_at[k] = o->created + (gint64) ((end - o->created) * (k == 0 ? f1 : f2)) + 1;
          o->amount_old[k] = amount;
          o->amount_new[k] = amount = next;
          o->n_amount++;
        }
    }
  o->amount = amount;
}

/* Walks one deal through its stages from its creation. Entries after the
 * as-of date are not written: such a deal is open in its last stage so far,
 * and the planned close is its expected close date. */
static void
simulate_opp (RdDemoRng *r, RdDemoOpp *o)
{
  static const double win_p[N_SEG] = { 0.24, 0.19, 0.15 };
  gint64 end = rd_demo_as_of_end ();
  double p = o->expansion ? 0.36 : win_p[o->segment];
  guint8 path[RD_DEMO_MAX_HIST];
  int n_path;
  gint64 t = o->created, stop;
  guint8 current;

  if (o->channel == CH_REFERRAL)
    p += 0.08;
  else if (o->channel == CH_PARTNER)
    p += 0.04;
  else if (o->channel == CH_OUTBOUND)
    p -= 0.04;
  walk_stages (r, o, rd_demo_rng_chance (r, p), path, &n_path);

  o->n_hist = 0;
  for (int k = 0; k < n_path; k++)
    {
      if (k > 0)
        {
          double mean = stage_days[o->segment][path[k - 1]] * (o->expansion ? 0.7 : 1.0);
          if (path[k] == DS_LOST)
            mean *= 3.0;   /* lost deals linger before someone closes them */
          t = rd_demo_later_by (r, t, mean * exp (0.7 * rd_demo_rng_normal (r) - 0.245));
        }
      if (t <= end)
        {
          o->hist_stage[o->n_hist] = path[k];
          o->hist_at[o->n_hist++] = t;
        }
    }
  o->close_time = t;
  current = o->hist_stage[o->n_hist - 1];
  o->status = current == DS_WON ? 1 : current == DS_LOST ? 2 : 0;
  stop = o->status ? o->close_time : end;

  if (o->status)
    o->close_day = (gint32) (o->close_time / RD_DEMO_DAY);
  else
    {
      /* The owner's estimate. A deal that will be won closes about when its
       * owner expects; one that will be lost still carries the date a win
       * would have had. Many owners pick the end of a month. */
      static const double cycle_days[N_SEG] = { 45, 110, 190 };
      gint32 as_of = rd_demo_as_of_day (), created_day = (gint32) (o->created / RD_DEMO_DAY);
      gint32 day = path[n_path - 1] == DS_WON
                   ? (gint32) (o->close_time / RD_DEMO_DAY) + (gint32) lround (rd_demo_rng_normal (r) * 8)
                   : created_day + (gint32) (cycle_days[o->segment] * rd_demo_rng_range (r, 0.7, 1.4));
      int y, m, dd;

      if (day <= as_of)
        day = as_of + rd_demo_rng_int (r, 3, 60);
      if (rd_demo_rng_chance (r, 0.35))
        {
          rd_demo_civil_from_days (day, &y, &m, &dd);
          day = rd_demo_day_of_month (y * 12 + m, 1) - 1;
        }
      o->close_day = day;
      /* Stale: the date passed and nobody moved it, some of them long ago. */
      if (rd_demo_rng_chance (r, 0.05))
        {
          gint32 passed = as_of - rd_demo_rng_int (r, 1, 120);
          o->close_day = MAX (passed, created_day + 1);
        }
    }
  plan_close_dates (r, o, stop);
  plan_amounts (r, o, stop);

  o->override = RD_DEMO_NONE;
  o->loss_reason = RD_DEMO_NONE;
  o->next_step = RD_DEMO_NONE;
  if (o->status == 0)
    {
      if (current == DS_DISCOVERY && rd_demo_rng_chance (r, 0.12))
        {
          /* No amount entered yet: a required field left empty. */
          o->amount = o->first_amount = 0;
          o->n_amount = 0;
        }
      if (current >= DS_SOLUTION && rd_demo_rng_chance (r, 0.15))
        o->override = current == DS_SOLUTION ? FC_OMITTED : current == DS_PROPOSAL ? FC_COMMIT : FC_BEST_CASE;
      if (!rd_demo_rng_chance (r, 0.12))
        o->next_step = rd_demo_rng_int (r, 0, G_N_ELEMENTS (next_steps) - 1);
    }
  else if (o->status == 2 && !rd_demo_rng_chance (r, 0.06))
    o->loss_reason = rd_demo_rng_pick (r, loss_reason_weights, G_N_ELEMENTS (loss_reasons));
}

/* When a handoff was accepted: mostly well inside the SLA, sometimes late,
 * now and then never; near the as-of date some are still waiting. */
static gint64
accept_time (RdDemoRng *r, gint64 crossed, double sla_hours)
{
  gint64 end = rd_demo_as_of_end (), at;
  double hours;

  if (rd_demo_rng_chance (r, 0.004) || (crossed > end - 5 * RD_DEMO_DAY && rd_demo_rng_chance (r, 0.3)))
    return 0;
  if (rd_demo_rng_chance (r, 0.09))
    hours = sla_hours * rd_demo_rng_range (r, 1.05, 4.0);
  else
    hours = sla_hours * rd_demo_rng_range (r, 0.02, 0.95);
  at = crossed + (gint64) (hours * 3600);
  return at <= end ? at : 0;
}

static void
add_handoff (RdDemo *d, RdDemoRng *r, int handoff, int record, gint64 crossed, int accepter)
{
  RdDemoHandoff h = { handoff, record, crossed, accept_time (r, crossed, d->ho_sla_hours[handoff]), -1 };

  if (h.accepted)
    h.accepted_by = accepter;
  g_array_append_val (d->handoffs, h);
}

/* Adds the deal, walks it and records what its outcome means for the pools. */
static RdDemoOpp *
add_opp (Gen *g, RdDemoRng *r, RdDemoOpp *o)
{
  RdDemo *d = g->d;
  RdDemoAccount *a = RD_DEMO_ACCOUNT (d, o->account);
  int index = d->opps->len;

  simulate_opp (r, o);
  a->last_deal_day = MAX (a->last_deal_day, o->status ? o->close_day : rd_demo_as_of_day () + 1);
  if (!o->expansion && o->status == 1 && a->won_at == 0)
    {
      /* A new customer: into the pool for expansions, over to customer success. */
      Pool entry = { o->account, o->close_time };

      a->won_at = o->close_time;
      g_array_append_val (g->customers, entry);
      add_handoff (d, r, HO_WON_CUSTOMER, o->account, o->close_time, a->csm);
    }
  else if (!o->expansion && o->status == 2)
    {
      Pool entry = { o->account, o->close_time };
      g_array_append_val (g->lost_prospects, entry);
    }
  g_array_append_val (d->opps, *o);
  return RD_DEMO_OPP (d, index);
}

/* ==================================================================== leads */

static gboolean
lead_event (RdDemoLead *l, int stage, gint64 at)
{
  if (at > rd_demo_as_of_end () || l->n_events >= RD_DEMO_LEAD_MAX_EVENTS)
    return FALSE;
  l->ev_stage[l->n_events] = stage;
  l->ev_at[l->n_events++] = at;
  return TRUE;
}

/* Opens the deal a lead turns into, on a new account named after its company. */
static void
convert_lead (Gen *g, RdDemoRng *r, RdDemoLead *l, int lead_index, gint64 at)
{
  RdDemo *d = g->d;
  RdDemoOpp o = { 0 };
  RdDemoOpp *op;
  gint32 day = (gint32) (at / RD_DEMO_DAY);

  o.created = at;
  o.segment = l->segment != RD_DEMO_NONE ? l->segment : rd_demo_rng_pick (r, segment_mix_new, N_SEG);
  o.region = l->region != RD_DEMO_NONE ? l->region : rd_demo_rng_pick (r, region_mix, N_REG);
  o.channel = l->channel != RD_DEMO_NONE ? l->channel : CH_INBOUND;
  o.owner = choose_ae (d, &g->staff, r, o.segment, o.region, day);
  o.account = add_account (g, o.segment, o.region, o.channel, o.owner, day);
  o.lead = lead_index;
  l->account = o.account;
  l->company = -2;

  op = add_opp (g, r, &o);
  add_handoff (d, r, HO_SQL_OPP, d->opps->len - 1, at, op->owner);
  if (op->status == 1)
    lead_event (l, LS_CUSTOMER, op->close_time);
}

/* The funnel: about a quarter of leads become MQLs, a fifth reach SQL (some
 * straight from a referral or partner), a quarter of SQLs become deals. A few
 * go back a stage. */
static GArray *
make_leads (Gen *g, guint n_leads, guint max_lead_opps)
{
  static const double channel_mix[N_CH] = { 30, 18, 8, 12, 24, 8 };
  static const double p_mql[N_CH] = { 0.38, 0.12, 0.34, 0.29, 0.27, 0.40 };
  static const double p_skip[N_CH] = { 0.02, 0.08, 0.25, 0.03, 0.01, 0.40 };
  RdDemo *d = g->d;
  GArray *leads = g_array_sized_new (FALSE, TRUE, sizeof (RdDemoLead), n_leads);
  RdDemoRng r, tr;
  gint64 *times;
  guint lead_opps = 0;

  rd_demo_rng_init (&r, d->seed, RNG_LEADS);
  rd_demo_rng_init (&tr, d->seed, RNG_LEAD_TIMES);
  times = rd_demo_sorted_times (&tr, n_leads, rd_demo_run_in_first_day (), 1.8);
  g_array_set_size (leads, n_leads);

  for (guint i = 0; i < n_leads; i++)
    {
      RdDemoLead *l = &g_array_index (leads, RdDemoLead, i);
      int ch, marketer = choose_from (&r, g->staff.marketing);
      gint64 t = times[i];
      gboolean sql = FALSE;

      l->created = t;
      l->account = -1;
      l->channel = ch = rd_demo_rng_pick (&r, channel_mix, N_CH);
      l->segment = rd_demo_rng_pick (&r, segment_mix_old, N_SEG);
      l->region = rd_demo_rng_pick (&r, region_mix, N_REG);
      l->company = rd_demo_rng_int (&r, 0, N_COMBOS * 4 - 1);
      l->first = rd_demo_rng_int (&r, 0, G_N_ELEMENTS (first_names) - 1);
      l->last = rd_demo_rng_int (&r, 0, G_N_ELEMENTS (last_names) - 1);
      l->title = rd_demo_rng_chance (&r, 0.03) ? RD_DEMO_NONE : rd_demo_rng_int (&r, 0, G_N_ELEMENTS (titles) - 1);
      l->owner = rd_demo_rng_chance (&r, 0.02) ? -1 : choose_from (&r, in_region (g->staff.sdr, l->region));
      /* Required fields left empty: worth finding. */
      l->no_email = rd_demo_rng_chance (&r, 0.04);
      if (rd_demo_rng_chance (&r, 0.05))
        l->segment = RD_DEMO_NONE;
      if (rd_demo_rng_chance (&r, 0.015))
        l->company = -1;
      if (rd_demo_rng_chance (&r, 0.01))
        l->channel = RD_DEMO_NONE;
      if (rd_demo_rng_chance (&r, 0.02))
        l->region = RD_DEMO_NONE;
      lead_event (l, LS_LEAD, t);

      if (rd_demo_rng_chance (&r, p_skip[ch]))
        sql = lead_event (l, LS_SQL, t = rd_demo_later_by (&r, t, rd_demo_rng_exponential (&r, 5)));
      else if (rd_demo_rng_chance (&r, p_mql[ch]) &&
               lead_event (l, LS_MQL, t = rd_demo_later_by (&r, t, rd_demo_rng_exponential (&r, 7))))
        {
          add_handoff (d, &r, HO_LEAD_MQL, i, t, marketer);
          /* Back to nurture; some come back later. */
          if (rd_demo_rng_chance (&r, 0.04))
            {
              if (!lead_event (l, LS_LEAD, t = rd_demo_later_by (&r, t, rd_demo_rng_range (&r, 10, 30))) ||
                  !rd_demo_rng_chance (&r, 0.35) ||
                  !lead_event (l, LS_MQL, t = rd_demo_later_by (&r, t, rd_demo_rng_exponential (&r, 20))))
                continue;
              add_handoff (d, &r, HO_LEAD_MQL, i, t, marketer);
            }
          if (rd_demo_rng_chance (&r, 0.45) &&
              (sql = lead_event (l, LS_SQL, t = rd_demo_later_by (&r, t, rd_demo_rng_exponential (&r, 4)))))
            add_handoff (d, &r, HO_MQL_SQL, i, t, l->owner >= 0 ? l->owner
                         : choose_from (&r, in_region (g->staff.sdr, l->region)));
        }
      if (!sql)
        continue;

      if (rd_demo_rng_chance (&r, 0.05))
        lead_event (l, LS_MQL, rd_demo_later_by (&r, t, rd_demo_rng_range (&r, 14, 35)));   /* recycled */
      else if (lead_opps < max_lead_opps && rd_demo_rng_chance (&r, 0.27) &&
               lead_event (l, LS_OPPORTUNITY, t = rd_demo_later_by (&r, t, rd_demo_rng_exponential (&r, 6))))
        {
          convert_lead (g, &r, l, i, t);
          lead_opps++;
        }
    }
  g_free (times);
  return leads;
}

/* Deals that did not come through a lead: expansions of customers, and new
 * business sourced by the account executives, partners and events. */
static void
make_other_opps (Gen *g, guint n)
{
  static const double channel_mix[N_CH] = { 5, 50, 20, 15, 0, 10 };
  RdDemo *d = g->d;
  double crowding = 1.0 - d->entity_scale / d->scale;   /* 0 up to the knee */
  RdDemoRng r, tr;
  gint64 *times;

  rd_demo_rng_init (&r, d->seed, RNG_OPPS);
  rd_demo_rng_init (&tr, d->seed, RNG_OPP_TIMES);
  times = rd_demo_sorted_times (&tr, n, rd_demo_run_in_first_day (), 1.8);

  for (guint i = 0; i < n; i++)
    {
      RdDemoOpp o = { 0 };
      gint32 day = (gint32) (times[i] / RD_DEMO_DAY);
      int account = -1;

      o.created = times[i];
      o.lead = -1;
      if (rd_demo_rng_chance (&r, 0.27 + 0.4 * crowding))
        {
          account = pool_pick (&r, g->customers, o.created, 8);
          o.expansion = account >= 0;
        }
      if (account < 0 && rd_demo_rng_chance (&r, 0.18 + 0.6 * crowding))
        {
          /* A second try at a prospect that said no, unless another deal won it since. */
          account = pool_pick (&r, g->lost_prospects, o.created, 4);
          if (account >= 0 && RD_DEMO_ACCOUNT (d, account)->won_at != 0)
            account = -1;
        }
      if (account < 0)
        {
          int seg = rd_demo_rng_pick (&r, segment_mix_new, N_SEG);
          int reg = rd_demo_rng_pick (&r, region_mix, N_REG);
          int owner = choose_ae (d, &g->staff, &r, seg, reg, day);
          int channel = rd_demo_rng_pick (&r, channel_mix, N_CH);
          gint32 known = day - rd_demo_rng_int (&r, 0, 90);   /* in the CRM before the deal */

          account = add_account (g, seg, reg, channel, owner, MAX (known, rd_demo_run_in_first_day () - 400));
        }
      o.account = account;
      o.segment = RD_DEMO_ACCOUNT (d, account)->segment;
      o.region = RD_DEMO_ACCOUNT (d, account)->region;
      o.channel = RD_DEMO_ACCOUNT (d, account)->channel;
      o.owner = choose_ae (d, &g->staff, &r, o.segment, o.region, day);
      add_opp (g, &r, &o);
    }
  g_free (times);
}


/* ================================================================ the words */

void
rd_demo_person_name (char *buf, gsize size, int first, int last)
{
  g_snprintf (buf, size, "%s %s", first_names[first], last_names[last]);
}

const char *
rd_demo_industry (int kind)
{
  return name_kinds[kind].industry;
}

const char *
rd_demo_title (int title)
{
  return title != RD_DEMO_NONE ? titles[title] : NULL;
}

const char *
rd_demo_loss_reason (int reason)
{
  return reason != RD_DEMO_NONE ? loss_reasons[reason] : NULL;
}

const char *
rd_demo_next_step (int step)
{
  return step != RD_DEMO_NONE ? next_steps[step] : NULL;
}

/* What the deal sells; @row varies the expansion products. */
const char *
rd_demo_product (const RdDemoOpp *o, guint row)
{
  return o->expansion ? expansion_products[row % G_N_ELEMENTS (expansion_products)] : products[o->segment];
}

/* ================================================================ all of it */

void
rd_demo_make_records (RdDemo *d)
{
  Gen g = { .d = d };
  guint knee = MIN (d->n, RD_DEMO_SCALE_KNEE);
  guint n_leads = (guint) (4.0 * knee + 0.1 * (d->n - knee));

  g.customers = g_array_new (FALSE, FALSE, sizeof (Pool));
  g.lost_prospects = g_array_new (FALSE, FALSE, sizeof (Pool));
  g.staff.marketing = g_array_new (FALSE, FALSE, sizeof (int));
  for (int r = 0; r < N_REG; r++)
    {
      g.staff.sdr[r] = g_array_new (FALSE, FALSE, sizeof (int));
      g.staff.csm[r] = g_array_new (FALSE, FALSE, sizeof (int));
      for (int s = 0; s < N_SEG; s++)
        g.staff.ae[s][r] = g_array_new (FALSE, FALSE, sizeof (int));
    }
  rd_demo_rng_init (&g.acct_rng, d->seed, RNG_ACCOUNTS);

  make_people (d, &g.staff);
  make_preexisting_customers (&g);
  d->leads = make_leads (&g, n_leads, d->n);
  make_other_opps (&g, d->n - d->opps->len);
  make_duplicates (&g);

  g_array_unref (g.customers);
  g_array_unref (g.lost_prospects);
  g_array_unref (g.staff.marketing);
  for (int r = 0; r < N_REG; r++)
    {
      g_array_unref (g.staff.sdr[r]);
      g_array_unref (g.staff.csm[r]);
      for (int s = 0; s < N_SEG; s++)
        g_array_unref (g.staff.ae[s][r]);
    }
}
