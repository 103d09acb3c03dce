/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test-model"

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include <glib/gstdio.h>

#include "pursuit-cli.h"
#include "pursuit-csv.h"
#include "pursuit-ics.h"
#include "pursuit-insights-data.h"
#include "pursuit-schedule.h"
#include "pursuit-scheduler.h"
#include "pursuit-store-outreach.h"
#include "pursuit-store-touches.h"
#include "pursuit-store.h"
#include "test-util.h"

/* A model-based test: random sequences of what a user does (add and
 * import prospects with and without a next touch, move them, log touches
 * of every outcome now, at the same second and backdated, edit, delete
 * and undo them, let go, revisit, win, change the cadences and limits,
 * snooze, put on the do-not-contact list and lift it, send updates to the
 * nurture list and delete them again) on
 * a real store, checking after every step what must always hold. The
 * expected values are recomputed from the rows of the database file, read
 * with SQLite itself on a connection of the test's own, never from what
 * the store computed:
 *
 * - the objects say what the file says;
 * - the attempt streak is that of the touch rows in their order (time,
 *   then the order logged);
 * - every active prospect and customer has a next touch, inbox and
 *   closed prospects none;
 * - the channel planned is one the prospect can be reached on;
 * - a prospect on the do-not-contact list is let go, with no next touch
 *   and no revisit date;
 * - informational touches (updates to the nurture list) never count in
 *   the streak, and logging or deleting them changes no prospect;
 * - the schedule (the Calendar's day counts and agenda), the due list of
 *   `--due`, the iCalendar export and the reminders' list hold the same
 *   follow-ups, each once;
 * - the insights' pipeline counts are a direct recount.
 *
 * The seed is printed; PURSUIT_MODEL_SEED replays a run and
 * PURSUIT_MODEL_SEQUENCES and PURSUIT_MODEL_STEPS (the typical length of
 * a sequence) set its size. */

/* A thousand sequences, most of about a dozen steps (1 to 24), every
 * tenth of five times as many, so that long histories are tried too. */
#if defined(__SANITIZE_ADDRESS__)
/* AddressSanitizer with full stack traces on every allocation (as CI runs
 * it) is some ten times slower: a tenth as many keep it under a minute. */
#define DEFAULT_SEQUENCES 100
#else
#define DEFAULT_SEQUENCES 1000
#endif
#define DEFAULT_STEPS     12
#define INSIGHTS_EVERY    4

typedef struct
{
  GRand            *rand;
  guint32           seed;
  guint             sequence;
  guint             step;
  char             *dir;
  char             *path;
  PursuitStore     *store;
  PursuitScheduler *scheduler;
  sqlite3          *raw;
  GPtrArray        *undos;      /* PursuitTouchUndo */
  GString          *log;        /* what this sequence did */
} Model;

/* One prospect row, as the file has it. */
typedef struct
{
  gint64   id;
  char    *stage;
  char    *tier;
  guint    attempts;
  guint    attempts_before;
  gboolean has_next;
  gint64   next;
  gboolean has_revisit;
  gint64   revisit;
  gboolean has_phone;
  gboolean has_email;
  char    *channel;
  gboolean do_not_contact;
} Row;

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_free (row->stage);
  g_free (row->tier);
  g_free (row->channel);
}

G_GNUC_PRINTF (3, 4)
static void
check (Model      *m,
       gboolean    ok,
       const char *format,
       ...)
{
  g_autofree char *what = NULL;
  va_list args;

  if (ok)
    return;
  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("%s", m->log->str);
  g_error ("Invariant broken after step %u of sequence %u: %s\n"
           "Replay with PURSUIT_MODEL_SEED=%" G_GUINT32_FORMAT, m->step, m->sequence, what, m->seed);
}

G_GNUC_PRINTF (2, 3)
static void
say (Model      *m,
     const char *format,
     ...)
{
  va_list args;

  g_string_append_printf (m->log, "  %u.%u ", m->sequence, m->step);
  va_start (args, format);
  g_string_append_vprintf (m->log, format, args);
  va_end (args);
  g_string_append_c (m->log, '\n');
}

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *value = g_getenv (name);

  return value != NULL && *value != '\0' ? (guint) g_ascii_strtoull (value, NULL, 10) : fallback;
}

/* ---- raw reads --------------------------------------------------------- */

static GArray *
read_rows (Model *m)
{
  sqlite3_stmt *stmt = NULL;
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (Row));
  int rc;

  g_array_set_clear_func (rows, row_clear);
  rc = sqlite3_prepare_v2 (m->raw,
                           "SELECT id, stage, tier, attempts, attempts_before, next_touch, revisit_at, "
                           "trim (phone) != '', trim (email) != '', next_channel, do_not_contact "
                           "FROM prospect WHERE deleted_at IS NULL ORDER BY id",
                           -1, &stmt, NULL);
  check (m, rc == SQLITE_OK, "raw read: %s", sqlite3_errmsg (m->raw));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row row = {
        .id = sqlite3_column_int64 (stmt, 0),
        .stage = g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        .tier = g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
        .attempts = (guint) sqlite3_column_int64 (stmt, 3),
        .attempts_before = (guint) sqlite3_column_int64 (stmt, 4),
        .has_next = sqlite3_column_type (stmt, 5) != SQLITE_NULL,
        .next = sqlite3_column_int64 (stmt, 5),
        .has_revisit = sqlite3_column_type (stmt, 6) != SQLITE_NULL,
        .revisit = sqlite3_column_int64 (stmt, 6),
        .has_phone = sqlite3_column_int (stmt, 7) != 0,
        .has_email = sqlite3_column_int (stmt, 8) != 0,
        .channel = g_strdup ((const char *) sqlite3_column_text (stmt, 9)),
        .do_not_contact = sqlite3_column_int (stmt, 10) != 0,
      };
      g_array_append_val (rows, row);
    }
  check (m, rc == SQLITE_DONE, "raw read: %s", sqlite3_errmsg (m->raw));
  sqlite3_finalize (stmt);
  return rows;
}

static gboolean
outcome_is_response (const char *direction,
                     const char *outcome)
{
  return g_strcmp0 (direction, "in") == 0
         || (g_strcmp0 (outcome, "no-answer") != 0 && g_strcmp0 (outcome, "left-message") != 0);
}

/* The streak of DESIGN.md from the touch rows: outbound touches without
 * a response since the last response, in the order of time and then of
 * logging (the row id); touches before a revisit that has come do not
 * count, and attempts made before the first touch count while no touch
 * answered. Informational touches are no attempts. */
static guint
raw_streak (Model     *m,
            const Row *row,
            gint64     now)
{
  sqlite3_stmt *stmt = NULL;
  gboolean epoch = row->has_revisit && row->revisit <= now;
  gboolean answered = FALSE;
  guint streak = 0;
  int rc;

  rc = sqlite3_prepare_v2 (m->raw,
                           "SELECT happened_at, direction, outcome FROM touch "
                           "WHERE prospect_id = ?1 AND informational = 0 ORDER BY happened_at, id",
                           -1, &stmt, NULL);
  check (m, rc == SQLITE_OK, "raw read: %s", sqlite3_errmsg (m->raw));
  sqlite3_bind_int64 (stmt, 1, row->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (epoch && sqlite3_column_int64 (stmt, 0) < row->revisit)
        continue;
      if (outcome_is_response ((const char *) sqlite3_column_text (stmt, 1),
                               (const char *) sqlite3_column_text (stmt, 2)))
        {
          streak = 0;
          answered = TRUE;
        }
      else
        streak++;
    }
  check (m, rc == SQLITE_DONE, "raw read: %s", sqlite3_errmsg (m->raw));
  sqlite3_finalize (stmt);
  if (!epoch && !answered)
    streak += row->attempts_before;
  return streak;
}

static guint
raw_count (Model      *m,
           const char *sql,
           gint64      id)
{
  sqlite3_stmt *stmt = NULL;
  guint n;

  check (m, sqlite3_prepare_v2 (m->raw, sql, -1, &stmt, NULL) == SQLITE_OK, "raw read: %s",
         sqlite3_errmsg (m->raw));
  sqlite3_bind_int64 (stmt, 1, id);
  check (m, sqlite3_step (stmt) == SQLITE_ROW, "raw count: %s", sqlite3_errmsg (m->raw));
  n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* ---- the invariants ---------------------------------------------------- */

static gboolean
is_scheduled_stage (const char *stage)
{
  return g_str_equal (stage, "active") || g_str_equal (stage, "customer");
}

static void
check_objects (Model     *m,
               GArray    *rows,
               gint64     now)
{
  check (m, g_list_model_get_n_items (pursuit_store_get_prospects (m->store)) == rows->len,
         "%u prospects in the store, %u in the file",
         g_list_model_get_n_items (pursuit_store_get_prospects (m->store)), rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      PursuitProspect *p = pursuit_store_find (m->store, row->id);
      GDateTime *next;
      guint streak;

      check (m, p != NULL, "prospect %" G_GINT64_FORMAT " is in the file only", row->id);
      next = pursuit_prospect_get_next_touch (p);
      check (m, g_str_equal (row->stage, pursuit_stage_to_string (pursuit_prospect_get_stage (p)))
                && g_str_equal (row->tier, pursuit_tier_to_string (pursuit_prospect_get_tier (p)))
                && row->attempts == pursuit_prospect_get_attempts (p)
                && row->has_next == (next != NULL)
                && (!row->has_next || row->next == g_date_time_to_unix (next)),
             "prospect %" G_GINT64_FORMAT ": the object differs from the file", row->id);

      /* One schedule: active prospects and customers, and only they. */
      check (m, row->has_next == is_scheduled_stage (row->stage),
             "prospect %" G_GINT64_FORMAT " (%s) %s a next touch", row->id, row->stage,
             row->has_next ? "has" : "lacks");

      /* Asked not to be contacted: let go, never planned, never back. */
      check (m, !row->do_not_contact || (g_str_equal (row->stage, "closed") && !row->has_next && !row->has_revisit),
             "prospect %" G_GINT64_FORMAT " (%s) is not to be contacted but %s", row->id, row->stage,
             row->has_next ? "has a next touch" : row->has_revisit ? "has a revisit date" : "is not let go");
      check (m, row->do_not_contact == pursuit_prospect_get_do_not_contact (p),
             "prospect %" G_GINT64_FORMAT ": the do-not-contact mark differs from the file", row->id);

      /* Only channels the prospect can be reached on are suggested. */
      check (m, row->has_phone || !row->has_email
                || (!g_str_equal (row->channel, "call") && !g_str_equal (row->channel, "voicemail")),
             "prospect %" G_GINT64_FORMAT " has no phone and is to be called", row->id);
      check (m, row->has_email || !row->has_phone || !g_str_equal (row->channel, "email"),
             "prospect %" G_GINT64_FORMAT " has no email address and is to be emailed", row->id);

      /* The streak of a prospect let go with a revisit date that passed
       * is recomputed when it returns. */
      if (g_str_equal (row->stage, "closed") && row->has_revisit && row->revisit <= now)
        continue;
      streak = raw_streak (m, row, now);
      check (m, streak == row->attempts, "prospect %" G_GINT64_FORMAT " (%s): streak %u, the touches say %u",
             row->id, row->stage, row->attempts, streak);
    }
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
check_same_ids (Model      *m,
                const char *what,
                GArray     *expected,
                GArray     *got)
{
  g_array_sort (got, compare_ids);
  check (m, expected->len == got->len, "%s holds %u follow-ups, the file %u", what, got->len, expected->len);
  for (guint i = 0; i < got->len; i++)
    check (m, g_array_index (expected, gint64, i) == g_array_index (got, gint64, i),
           "%s holds prospect %" G_GINT64_FORMAT " where the file has %" G_GINT64_FORMAT, what,
           g_array_index (got, gint64, i), g_array_index (expected, gint64, i));
}

static void
local_date (gint64  when,
            GDate  *date)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (when);

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
}

/* The Calendar's counts of each day equal the follow-ups of that day. */
static void
check_day_counts (Model  *m,
                  GArray *rows,
                  GDate  *today)
{
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint *expected = NULL;
  GDate first, last, date;
  guint n_days, total = 0, n_scheduled = 0;
  gboolean any = FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);

      if (!row->has_next || !is_scheduled_stage (row->stage))
        continue;
      local_date (row->next, &date);
      if (!any || g_date_compare (&date, &first) < 0)
        first = date;
      if (!any || g_date_compare (&date, &last) > 0)
        last = date;
      any = TRUE;
      n_scheduled++;
    }
  if (!any)
    return;
  n_days = (guint) g_date_days_between (&first, &last) + 1;
  expected = g_new0 (guint, n_days);
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);

      if (!row->has_next || !is_scheduled_stage (row->stage))
        continue;
      local_date (row->next, &date);
      expected[g_date_days_between (&first, &date)]++;
    }
  counts = pursuit_store_count_by_day (m->store, &first, n_days, today, &error);
  check (m, counts != NULL, "count_by_day: %s", error != NULL ? error->message : "");
  for (guint d = 0; d < n_days; d++)
    {
      const PursuitDayCount *count = &g_array_index (counts, PursuitDayCount, d);
      GDate day = first;

      g_date_add_days (&day, d);
      check (m, count->total == expected[d], "the Calendar counts %u on day %u, the file %u", count->total, d,
             expected[d]);
      check (m, count->overdue == (g_date_compare (&day, today) < 0 ? expected[d] : 0),
             "the Calendar counts %u overdue on day %u", count->overdue, d);
      total += count->total;
    }
  check (m, total == n_scheduled, "the Calendar counts %u follow-ups, the file %u", total, n_scheduled);
}

static void
collect_print (gpointer    data,
               const char *text)
{
  g_string_append (data, text);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* The UIDs of the export's to-dos: "prospect-42@…". */
static GArray *
ics_ids (const char *ics)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *p = ics;

  while ((p = strstr (p, "\nUID:prospect-")) != NULL)
    {
      gint64 id;

      p += strlen ("\nUID:prospect-");
      id = g_ascii_strtoll (p, NULL, 10);
      g_array_append_val (ids, id);
    }
  return ids;
}

static void
check_schedule (Model  *m,
                GArray *rows,
                gint64  now_s)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (now_s);
  g_autoptr(GDateTime) far = g_date_time_new_local (9000, 1, 1, 0, 0, 0);
  g_autoptr(GArray) scheduled = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) due_now = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) listed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) reminded = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) exported = NULL;
  g_autoptr(GListModel) agenda = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GString) printed = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *ics = NULL;
  PursuitCliOutput out = { collect_print, collect_print, printed };
  guint n_due_today = 0;
  GDate today;

  local_date (now_s, &today);
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      GDate date;

      if (!row->has_next || !is_scheduled_stage (row->stage))
        continue;
      g_array_append_val (scheduled, row->id);
      if (row->next <= now_s)
        g_array_append_val (due_now, row->id);
      local_date (row->next, &date);
      n_due_today += g_date_compare (&date, &today) <= 0;
    }

  /* The agenda of the Calendar. */
  agenda = pursuit_store_list_scheduled (m->store, NULL, far, &error);
  check (m, agenda != NULL, "list_scheduled: %s", error != NULL ? error->message : "");
  for (guint i = 0; i < g_list_model_get_n_items (agenda); i++)
    {
      g_autoptr(PursuitProspect) p = g_list_model_get_item (agenda, i);
      gint64 id = pursuit_prospect_get_id (p);

      g_array_append_val (listed, id);
    }
  check_same_ids (m, "the agenda", scheduled, listed);
  check_day_counts (m, rows, &today);

  /* The iCalendar export. */
  ics = pursuit_ics_build (pursuit_store_get_prospects (m->store), pursuit_store_get_policy (m->store),
                           pursuit_store_get_database_id (m->store), now);
  exported = ics_ids (ics);
  check_same_ids (m, "the iCalendar export", scheduled, exported);

  /* `--due`: what is due today or overdue, one a line. */
  pursuit_cli_print_due (pursuit_store_get_prospects (m->store), now, &out);
  check (m, count_lines (printed->str) == n_due_today, "--due prints %u follow-ups, the file has %u due",
         count_lines (printed->str), n_due_today);

  /* The reminders: what is due at this moment (unless the clock ticked
   * over a second while they were read). */
  due = pursuit_scheduler_list_due (m->scheduler, NULL);
  if (g_get_real_time () / G_USEC_PER_SEC != now_s)
    return;
  for (guint i = 0; i < due->len; i++)
    {
      gint64 id = pursuit_prospect_get_id (g_ptr_array_index (due, i));

      g_array_append_val (reminded, id);
    }
  check_same_ids (m, "the reminders", due_now, reminded);
}

static void
check_insights (Model  *m,
                GArray *rows,
                gint64  now)
{
  g_autoptr(PursuitInsightsData) data = NULL;
  g_autoptr(GError) error = NULL;
  PursuitInsightsParams params;
  PursuitInsights *insights;
  guint per_tier[PURSUIT_N_TIERS] = { 0 };
  guint n_active = 0, n_inbox = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      PursuitTier tier = PURSUIT_TIER_NONE;

      if (g_str_equal (row->stage, "inbox"))
        n_inbox++;
      if (!g_str_equal (row->stage, "active"))
        continue;
      n_active++;
      g_assert_true (pursuit_tier_from_string (row->tier, &tier));
      per_tier[tier]++;
    }

  data = pursuit_insights_data_load (m->path, &error);
  check (m, data != NULL, "insights: %s", error != NULL ? error->message : "");
  /* Updates to the nurture list are no attempts: Insights leave them out. */
  check (m, data->touches->len == raw_count (m, "SELECT COUNT (*) FROM touch WHERE informational = 0 AND ?1 = ?1", 0),
         "Insights read %u touches, the file has %u attempts and answers", data->touches->len,
         raw_count (m, "SELECT COUNT (*) FROM touch WHERE informational = 0 AND ?1 = ?1", 0));
  pursuit_insights_params_init_default (&params, now);
  insights = pursuit_insights_compute (data, &params);
  check (m, insights->n_active_now == n_active, "Insights count %u active prospects, the file %u",
         insights->n_active_now, n_active);
  check (m, insights->n_inbox_now == n_inbox, "Insights count %u in the inbox, the file %u", insights->n_inbox_now,
         n_inbox);
  for (guint t = PURSUIT_TIER_HOT; t < PURSUIT_N_TIERS; t++)
    check (m, insights->per_tier[t] == per_tier[t], "Insights count %u in tier %u, the file %u",
           insights->per_tier[t], t, per_tier[t]);
  pursuit_insights_free (insights);
}

static void
check_all (Model *m)
{
  g_autoptr(GArray) rows = read_rows (m);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  check_objects (m, rows, now);
  check_schedule (m, rows, now);
  if (m->step % INSIGHTS_EVERY == 0)
    check_insights (m, rows, now);
}

/* ---- the actions ------------------------------------------------------- */

static gboolean
chance (Model *m,
        double p)
{
  return g_rand_double (m->rand) < p;
}

static int
pick (Model *m,
      int    n)
{
  return g_rand_int_range (m->rand, 0, n);
}

static PursuitProspect *
random_prospect (Model *m)
{
  GListModel *all = pursuit_store_get_prospects (m->store);
  guint n = g_list_model_get_n_items (all);
  g_autoptr(PursuitProspect) p = NULL;

  if (n == 0)
    return NULL;
  p = g_list_model_get_item (all, pick (m, n));
  return p;  /* the store keeps a reference */
}

static GDateTime *
now_local (void)
{
  /* Whole seconds, as the file keeps them: touches logged in one step
   * often fall on the same second. */
  return g_date_time_new_from_unix_local (g_get_real_time () / G_USEC_PER_SEC);
}

/* Some time in the last @days days, at a random time of day. */
static GDateTime *
past (Model *m,
      int    days)
{
  g_autoptr(GDateTime) now = now_local ();

  return g_date_time_add_seconds (now, -(double) pick (m, days * 86400 + 1));
}

static GDateTime *
future (Model *m,
        int    days)
{
  g_autoptr(GDateTime) now = now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 1 + pick (m, days));

  /* An appointment is at a time of day, to the minute. */
  return g_date_time_new_local (g_date_time_get_year (later), g_date_time_get_month (later),
                                g_date_time_get_day_of_month (later), 8 + pick (m, 10), pick (m, 4) * 15, 0);
}

static void
random_stage (Model        *m,
              PursuitStage *stage,
              PursuitTier  *tier,
              gboolean      closed)
{
  int r = pick (m, closed ? 8 : 7);

  *tier = PURSUIT_TIER_NONE;
  if (r < 4)
    {
      *stage = PURSUIT_STAGE_ACTIVE;
      *tier = PURSUIT_TIER_HOT + r;
    }
  else if (r < 6)
    *stage = PURSUIT_STAGE_INBOX;
  else if (r < 7)
    *stage = PURSUIT_STAGE_CUSTOMER;
  else
    *stage = PURSUIT_STAGE_CLOSED;
}

static PursuitProspect *
new_prospect (Model *m)
{
  g_autofree char *name = g_strdup_printf ("Prospect %u", m->step);
  PursuitProspect *p = pursuit_prospect_new (name);
  PursuitStage stage;
  PursuitTier tier;

  random_stage (m, &stage, &tier, TRUE);
  pursuit_prospect_set_stage (p, stage);
  pursuit_prospect_set_tier (p, tier);
  if (chance (m, 0.7))
    pursuit_prospect_set_phone (p, "+49 30 555 0100");
  if (chance (m, 0.7))
    pursuit_prospect_set_email (p, "someone@example.com");
  if (chance (m, 0.6))
    pursuit_prospect_set_value (p, 500 * (1 + pick (m, 40)));
  if (stage == PURSUIT_STAGE_CLOSED)
    pursuit_prospect_set_close_reason (p, PURSUIT_CLOSE_REASON_NO_RESPONSE);
  if (chance (m, 0.3))
    {
      guint before = pick (m, 5);

      pursuit_prospect_set_attempts (p, before);
      pursuit_prospect_set_attempts_before (p, before);
    }
  if (chance (m, 0.5))
    {
      g_autoptr(GDateTime) next = chance (m, 0.5) ? past (m, 20) : future (m, 60);

      pursuit_prospect_set_next_touch (p, next);
    }
  return p;
}

static void
act_add (Model *m)
{
  g_autoptr(PursuitProspect) p = new_prospect (m);
  g_autoptr(GError) error = NULL;

  say (m, "add %s %s", pursuit_stage_to_string (pursuit_prospect_get_stage (p)),
       pursuit_tier_to_string (pursuit_prospect_get_tier (p)));
  check (m, pursuit_store_add (m->store, p, &error), "add: %s", error != NULL ? error->message : "");
}

static const char *stage_names[] = { "inbox", "active", "customer", "closed" };
static const char *tier_names[] = { "", "hot", "good", "cool", "cold" };

/* An import of CSV text: rows with and without a next touch. */
static void
act_import (Model *m)
{
  g_autoptr(GString) csv = g_string_new ("name,company,email,phone,stage,tier,value,attempts,next_touch,notes\n");
  g_autoptr(GPtrArray) prospects = NULL;
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 1 + pick (m, 4);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) next = chance (m, 0.5) ? NULL : chance (m, 0.5) ? past (m, 10) : future (m, 30);
      g_autofree char *next_text = next != NULL ? g_date_time_format (next, "%Y-%m-%dT%H:%M") : g_strdup ("");
      PursuitStage stage;
      PursuitTier tier;

      random_stage (m, &stage, &tier, FALSE);
      g_string_append_printf (csv, "Imported %u.%u,Acme,%s,%s,%s,%s,%u,%u,%s,\n", m->step, i,
                              chance (m, 0.7) ? "i@example.com" : "", chance (m, 0.7) ? "555 0199" : "",
                              stage_names[stage], tier_names[tier], 100 * pick (m, 100), (guint) pick (m, 4),
                              next_text);
    }
  say (m, "import %u rows", n);
  prospects = pursuit_csv_parse (csv->str, csv->len, &report, &error);
  check (m, prospects != NULL && prospects->len == n, "import parse: %s", error != NULL ? error->message : "");
  check (m, pursuit_store_add_many (m->store, prospects, &error), "import: %s",
         error != NULL ? error->message : "");
}

static void
act_move (Model *m)
{
  PursuitProspect *p = random_prospect (m);
  g_autoptr(GDateTime) now = now_local ();
  g_autoptr(GError) error = NULL;
  PursuitStage stage;
  PursuitTier tier;

  if (p == NULL)
    return;
  random_stage (m, &stage, &tier, FALSE);
  say (m, "move %" G_GINT64_FORMAT " to %s %s", pursuit_prospect_get_id (p), stage_names[stage], tier_names[tier]);
  /* Someone who asked not to be contacted stays let go. */
  if (pursuit_prospect_get_do_not_contact (p))
    {
      gint64 id = pursuit_prospect_get_id (p);
      guint closed = raw_count (m, "SELECT COUNT (*) FROM prospect WHERE id = ?1 AND stage = 'closed'", id);

      check (m, !pursuit_store_move (m->store, p, stage, tier, now, &error)
                && g_error_matches (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID),
             "a prospect not to be contacted was moved out of closed");
      check (m, closed == 1 && raw_count (m, "SELECT COUNT (*) FROM prospect WHERE id = ?1 AND stage = 'closed'", id)
                                 == 1,
             "a refused move reached the file");
      return;
    }
  check (m, pursuit_store_move (m->store, p, stage, tier, now, &error), "move: %s",
         error != NULL ? error->message : "");
}

static PursuitTouch *
random_touch_values (Model  *m,
                     gint64  prospect_id,
                     int     outcome)
{
  g_autoptr(GDateTime) when = chance (m, 0.6) ? now_local () : past (m, 30);
  PursuitDirection direction = chance (m, 0.8) ? PURSUIT_DIRECTION_OUT : PURSUIT_DIRECTION_IN;
  PursuitTouch *touch;

  if (outcome < 0)
    outcome = pick (m, PURSUIT_N_OUTCOMES);
  touch = pursuit_touch_new (prospect_id, when, pick (m, PURSUIT_N_CHANNELS), direction, outcome);
  if (pursuit_engine_outcome_has_date (outcome) && chance (m, 0.8))
    {
      g_autoptr(GDateTime) at = future (m, 20);

      pursuit_touch_set_callback_at (touch, at);
    }
  return touch;
}

static gboolean
is_attempt (PursuitTouch *touch)
{
  return pursuit_touch_get_direction (touch) == PURSUIT_DIRECTION_OUT
         && !pursuit_outcome_is_response (pursuit_touch_get_outcome (touch));
}

static void
log_touch (Model *m,
           int    outcome)
{
  PursuitProspect *p = random_prospect (m);
  g_autoptr(PursuitTouch) touch = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  gboolean closed, ok;
  guint before;

  if (p == NULL)
    return;
  id = pursuit_prospect_get_id (p);
  touch = random_touch_values (m, id, outcome);
  closed = pursuit_prospect_get_stage (p) == PURSUIT_STAGE_CLOSED;
  before = raw_count (m, "SELECT COUNT (*) FROM touch WHERE prospect_id = ?1", id);
  say (m, "log %s %s %s on %" G_GINT64_FORMAT " (%s)", pursuit_outcome_to_string (pursuit_touch_get_outcome (touch)),
       pursuit_direction_to_string (pursuit_touch_get_direction (touch)),
       pursuit_channel_to_string (pursuit_touch_get_channel (touch)), id,
       pursuit_stage_to_string (pursuit_prospect_get_stage (p)));
  ok = pursuit_store_record_touch (m->store, touch, &error);
  /* A prospect let go is not chased. */
  if (closed && is_attempt (touch))
    {
      check (m, !ok && g_error_matches (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID),
             "an attempt on a closed prospect was logged");
      check (m, raw_count (m, "SELECT COUNT (*) FROM touch WHERE prospect_id = ?1", id) == before,
             "a refused attempt reached the file");
      return;
    }
  check (m, ok, "log: %s", error != NULL ? error->message : "");
}

static void
act_log (Model *m)
{
  log_touch (m, -1);
}

static void
act_win (Model *m)
{
  log_touch (m, PURSUIT_OUTCOME_WON);
}

static PursuitTouch *
random_saved_touch (Model *m)
{
  PursuitProspect *p = random_prospect (m);
  g_autoptr(GListModel) touches = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  if (p == NULL)
    return NULL;
  touches = pursuit_store_list_touches (m->store, p, &error);
  check (m, touches != NULL, "list touches: %s", error != NULL ? error->message : "");
  n = g_list_model_get_n_items (touches);
  return n > 0 ? g_list_model_get_item (touches, pick (m, n)) : NULL;
}

static void
act_edit (Model *m)
{
  g_autoptr(PursuitTouch) touch = random_saved_touch (m);
  g_autoptr(PursuitTouch) values = NULL;
  g_autoptr(GError) error = NULL;
  PursuitTouchUndo *undo = NULL;

  if (touch == NULL)
    return;
  values = random_touch_values (m, pursuit_touch_get_prospect_id (touch), -1);
  if (chance (m, 0.5))
    /* Only the outcome changes: the time keeps its seconds. */
    pursuit_touch_set_happened_at (values, pursuit_touch_get_happened_at (touch));
  say (m, "edit touch %" G_GINT64_FORMAT " into %s", pursuit_touch_get_id (touch),
       pursuit_outcome_to_string (pursuit_touch_get_outcome (values)));
  check (m, pursuit_store_edit_touch (m->store, touch, values, &undo, &error), "edit: %s",
         error != NULL ? error->message : "");
  g_ptr_array_add (m->undos, undo);
}

static void
act_delete (Model *m)
{
  g_autoptr(PursuitTouch) touch = random_saved_touch (m);
  g_autoptr(GError) error = NULL;
  PursuitTouchUndo *undo = NULL;

  if (touch == NULL)
    return;
  say (m, "delete touch %" G_GINT64_FORMAT " (%s)", pursuit_touch_get_id (touch),
       pursuit_outcome_to_string (pursuit_touch_get_outcome (touch)));
  check (m, pursuit_store_delete_touch (m->store, touch, &undo, &error), "delete: %s",
         error != NULL ? error->message : "");
  g_ptr_array_add (m->undos, undo);
}

/* The latest change first, as the toasts offer them; an undo that no
 * longer applies (its touch was deleted since) may fail, but must leave
 * everything consistent. */
static void
act_undo (Model *m)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (m->undos->len == 0)
    return;
  say (m, "undo");
  ok = pursuit_store_undo_touch (m->store, g_ptr_array_index (m->undos, m->undos->len - 1), &error);
  if (!ok)
    say (m, "  undo refused: %s", error->message);
  g_ptr_array_remove_index (m->undos, m->undos->len - 1);
}

static void
act_let_go (Model *m)
{
  PursuitProspect *p = random_prospect (m);
  g_autoptr(GDateTime) now = now_local ();
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                         g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) later = g_date_time_add_months (now, 6);
  g_autoptr(GError) error = NULL;
  GDateTime *revisit;

  if (p == NULL || pursuit_prospect_get_stage (p) == PURSUIT_STAGE_CLOSED)
    return;
  /* Tonight's midnight has passed when the test runs: a revisit that
   * comes at once. */
  revisit = chance (m, 0.4) ? midnight : chance (m, 0.5) ? later : NULL;
  say (m, "let go %" G_GINT64_FORMAT " %s", pursuit_prospect_get_id (p),
       revisit == midnight ? "until midnight" : revisit != NULL ? "for six months" : "for good");
  check (m, pursuit_store_let_go (m->store, p, PURSUIT_CLOSE_REASON_NO_RESPONSE, revisit, &error), "let go: %s",
         error != NULL ? error->message : "");
}

static void
act_revisit (Model *m)
{
  g_autoptr(GDateTime) now = now_local ();
  g_autoptr(GError) error = NULL;
  guint n = 0;

  check (m, pursuit_store_return_revisits (m->store, now, &n, &error), "revisit: %s",
         error != NULL ? error->message : "");
  say (m, "midnight: %u back", n);
}

static void
act_policy (Model *m)
{
  PursuitPolicy policy = *pursuit_store_get_policy (m->store);
  PursuitPolicy old;
  g_autoptr(GError) error = NULL;

  policy.cadence.days[PURSUIT_TIER_HOT] = pick (m, 3);
  policy.cadence.days[PURSUIT_TIER_GOOD] = 1 + pick (m, 14);
  policy.cadence.days[PURSUIT_TIER_COOL] = 30 + pick (m, 90);
  policy.cadence.days[PURSUIT_TIER_COLD] = 180 + pick (m, 365);
  policy.customer_days = 30 + pick (m, 120);
  policy.limit_mode = pick (m, 3);
  policy.fixed_limit = 1 + pick (m, 10);
  /* The working week too: every day at any time, or some days from a
   * start. */
  policy.work_days = chance (m, 0.3) ? PURSUIT_WORK_DAYS_ALL : 1 + (guint) pick (m, PURSUIT_WORK_DAYS_ALL);
  policy.work_start = chance (m, 0.3) ? -1 : pick (m, 24 * 60);
  say (m, "policy: good every %u days, limit %u, days %#x from %d", policy.cadence.days[PURSUIT_TIER_GOOD],
       policy.fixed_limit, policy.work_days, policy.work_start);
  old = *pursuit_store_get_policy (m->store);
  pursuit_store_set_policy (m->store, &policy);
  /* As Preferences does when a cadence changes. */
  check (m, pursuit_store_replan_cadences (m->store, &old, NULL, &error), "re-plan: %s",
         error != NULL ? error->message : "");
}

static void
act_keep_going (Model *m)
{
  PursuitProspect *p = random_prospect (m);
  g_autoptr(GError) error = NULL;

  if (p == NULL)
    return;
  say (m, "keep going %" G_GINT64_FORMAT, pursuit_prospect_get_id (p));
  check (m, pursuit_store_keep_going (m->store, p, &error), "keep going: %s", error != NULL ? error->message : "");
}

/* What the file says of every prospect's plan, but when it was written:
 * "id:stage:tier:attempts:next:manual:channel:revisit:dnc;" for each. */
static char *
raw_plans (Model *m)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  check (m, sqlite3_prepare_v2 (m->raw,
                                "SELECT id || ':' || stage || ':' || tier || ':' || attempts || ':' || "
                                "ifnull (next_touch, '') || ':' || next_touch_manual || ':' || next_channel || ':' "
                                "|| ifnull (revisit_at, '') || ':' || do_not_contact || ':' || close_reason "
                                "FROM prospect ORDER BY id",
                                -1, &stmt, NULL) == SQLITE_OK,
         "raw read: %s", sqlite3_errmsg (m->raw));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s;", (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

/* "Not today": an active prospect or a customer gets its follow-up on a
 * later day, set by hand; others are refused. */
static void
act_snooze (Model *m)
{
  PursuitProspect *p = random_prospect (m);
  g_autoptr(GDateTime) now = now_local ();
  g_autoptr(GError) error = NULL;
  PursuitStage stage;
  gint64 id;
  gboolean ok;

  if (p == NULL)
    return;
  id = pursuit_prospect_get_id (p);
  stage = pursuit_prospect_get_stage (p);
  say (m, "snooze %" G_GINT64_FORMAT " (%s)", id, pursuit_stage_to_string (stage));
  ok = pursuit_store_snooze (m->store, p, now, &error);
  if (stage != PURSUIT_STAGE_ACTIVE && stage != PURSUIT_STAGE_CUSTOMER)
    {
      check (m, !ok && g_error_matches (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID),
             "a prospect that is not followed up was snoozed");
      return;
    }
  check (m, ok, "snooze: %s", error != NULL ? error->message : "");
  {
    GDate today, due;

    local_date (g_date_time_to_unix (now), &today);
    local_date ((gint64) raw_count (m, "SELECT next_touch FROM prospect WHERE id = ?1", id), &due);
    check (m, g_date_compare (&due, &today) > 0, "a snoozed follow-up is still due today");
    check (m, raw_count (m, "SELECT next_touch_manual FROM prospect WHERE id = ?1", id) == 1,
           "a snoozed follow-up is not set by hand");
  }
}

static void
act_do_not_contact (Model *m)
{
  PursuitProspect *p = random_prospect (m);
  g_autoptr(GError) error = NULL;

  if (p == NULL)
    return;
  say (m, "do not contact %" G_GINT64_FORMAT " (%s)", pursuit_prospect_get_id (p),
       pursuit_stage_to_string (pursuit_prospect_get_stage (p)));
  check (m, pursuit_store_set_do_not_contact (m->store, p, TRUE, &error), "do not contact: %s",
         error != NULL ? error->message : "");
  check (m, raw_count (m, "SELECT do_not_contact FROM prospect WHERE id = ?1", pursuit_prospect_get_id (p)) == 1,
         "the do-not-contact mark did not reach the file");
}

static void
act_allow_contact (Model *m)
{
  PursuitProspect *p = random_prospect (m);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (p == NULL)
    return;
  id = pursuit_prospect_get_id (p);
  say (m, "allow contact %" G_GINT64_FORMAT " (%s)", id, pursuit_stage_to_string (pursuit_prospect_get_stage (p)));
  before = g_strdup_printf ("%u", raw_count (m, "SELECT stage = 'closed' FROM prospect WHERE id = ?1", id));
  check (m, pursuit_store_set_do_not_contact (m->store, p, FALSE, &error), "allow contact: %s",
         error != NULL ? error->message : "");
  after = g_strdup_printf ("%u", raw_count (m, "SELECT stage = 'closed' FROM prospect WHERE id = ?1", id));
  check (m, raw_count (m, "SELECT do_not_contact FROM prospect WHERE id = ?1", id) == 0 && g_str_equal (before, after),
         "lifting the mark did not reach the file, or moved the prospect");
}

/* The last mailing to the nurture list, for its undo. */
static GPtrArray *last_mailing;

/* An update to (some of) the nurture list: an informational touch each,
 * and no prospect's plan moves. */
static void
act_nurture (Model *m)
{
  g_autoptr(GDateTime) now = now_local ();
  g_autoptr(GDateTime) when = chance (m, 0.7) ? g_date_time_ref (now) : past (m, 30);
  g_autoptr(GPtrArray) list = pursuit_store_list_nurture (m->store, now);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autoptr(GPtrArray) touches = NULL;
  g_autofree char *before = raw_plans (m);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  guint n_before = raw_count (m, "SELECT COUNT (*) FROM touch WHERE informational = 1 AND ?1 = ?1", 0);

  for (guint i = 0; i < list->len; i++)
    {
      PursuitProspect *p = g_ptr_array_index (list, i);

      check (m, !pursuit_prospect_get_do_not_contact (p) && pursuit_prospect_get_email (p)[0] != '\0',
             "prospect %" G_GINT64_FORMAT " is on the nurture list", pursuit_prospect_get_id (p));
      if (chance (m, 0.8))
        g_ptr_array_add (chosen, p);
    }
  say (m, "nurture %u of %u", chosen->len, list->len);
  check (m, pursuit_store_log_nurture (m->store, chosen, when, "An update", &touches, &error), "nurture: %s",
         error != NULL ? error->message : "");
  after = raw_plans (m);
  check (m, g_str_equal (before, after), "an update to the nurture list changed a plan:\n%s\n%s", before, after);
  check (m, raw_count (m, "SELECT COUNT (*) FROM touch WHERE informational = 1 AND ?1 = ?1", 0)
              == n_before + chosen->len,
         "the update's touches did not all reach the file");
  g_clear_pointer (&last_mailing, g_ptr_array_unref);
  last_mailing = g_steal_pointer (&touches);
}

/* Whether the row of the update @touch is still as the mailing wrote it:
 * one deleted, or edited since, is not the mailing's to take away (the
 * store deletes only the same touch, see SQL_DELETE_SAME_TOUCH). */
static gboolean
mailing_touch_unchanged (Model        *m,
                         PursuitTouch *touch)
{
  sqlite3_stmt *stmt = NULL;
  gboolean same;

  if (pursuit_touch_get_id (touch) <= 0)
    return FALSE;
  check (m, sqlite3_prepare_v2 (m->raw,
                                "SELECT COUNT (*) FROM touch WHERE id = ?1 AND informational = 1 "
                                "AND happened_at = ?2 AND outcome = ?3 AND channel = ?4 AND direction = ?5",
                                -1, &stmt, NULL) == SQLITE_OK,
         "raw read: %s", sqlite3_errmsg (m->raw));
  sqlite3_bind_int64 (stmt, 1, pursuit_touch_get_id (touch));
  sqlite3_bind_int64 (stmt, 2, g_date_time_to_unix (pursuit_touch_get_happened_at (touch)));
  sqlite3_bind_text (stmt, 3, pursuit_outcome_to_string (pursuit_touch_get_outcome (touch)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, pursuit_channel_to_string (pursuit_touch_get_channel (touch)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, pursuit_direction_to_string (pursuit_touch_get_direction (touch)), -1, SQLITE_STATIC);
  check (m, sqlite3_step (stmt) == SQLITE_ROW, "raw count: %s", sqlite3_errmsg (m->raw));
  same = sqlite3_column_int64 (stmt, 0) == 1;
  sqlite3_finalize (stmt);
  return same;
}

/* Its undo: the touches go, and with them nothing else. */
static void
act_delete_mailing (Model *m)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  guint n_before, n_gone;
  gboolean ok;

  if (last_mailing == NULL)
    return;
  say (m, "delete the mailing of %u", last_mailing->len);
  before = raw_plans (m);
  /* Some may be gone already (deleted one by one), or edited since. */
  n_before = raw_count (m, "SELECT COUNT (*) FROM touch WHERE informational = 1 AND ?1 = ?1", 0);
  n_gone = 0;
  for (guint i = 0; i < last_mailing->len; i++)
    n_gone += mailing_touch_unchanged (m, g_ptr_array_index (last_mailing, i));
  ok = pursuit_store_delete_touches (m->store, last_mailing, &error);
  check (m, ok, "delete touches: %s", error != NULL ? error->message : "");
  after = raw_plans (m);
  check (m, g_str_equal (before, after), "deleting an update changed a plan:\n%s\n%s", before, after);
  check (m, raw_count (m, "SELECT COUNT (*) FROM touch WHERE informational = 1 AND ?1 = ?1", 0) + n_gone == n_before,
         "the update's touches are still in the file");
  g_clear_pointer (&last_mailing, g_ptr_array_unref);
}

typedef void (*Action) (Model *m);

static const struct
{
  Action action;
  guint  weight;
} actions[] = {
  { act_add, 12 },
  { act_import, 5 },
  { act_move, 12 },
  { act_log, 30 },
  { act_edit, 8 },
  { act_delete, 8 },
  { act_undo, 6 },
  { act_let_go, 5 },
  { act_revisit, 4 },
  { act_win, 4 },
  { act_policy, 4 },
  { act_keep_going, 2 },
  { act_snooze, 4 },
  { act_do_not_contact, 2 },
  { act_allow_contact, 2 },
  { act_nurture, 3 },
  { act_delete_mailing, 2 },
};

static void
act (Model *m)
{
  guint total = 0, r;

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    total += actions[i].weight;
  r = (guint) pick (m, (int) total);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      if (r < actions[i].weight)
        {
          actions[i].action (m);
          return;
        }
      r -= actions[i].weight;
    }
}

/* ---- the runs ---------------------------------------------------------- */

static void
undo_free (gpointer data)
{
  pursuit_touch_undo_free (data);
}

static void
run_sequence (Model *m,
              guint  n_steps)
{
  g_autoptr(GError) error = NULL;

  g_autofree char *folder = g_strdup_printf ("%s/%u", m->dir, m->sequence);

  g_string_truncate (m->log, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_free (m->path);
  m->path = g_build_filename (folder, "pursuit.db", NULL);
  m->store = pursuit_store_open (m->path, &error);
  g_assert_no_error (error);
  m->scheduler = pursuit_scheduler_new (m->store, pursuit_clock_get_system (), NULL);
  g_assert_cmpint (sqlite3_open_v2 (m->path, &m->raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  m->undos = g_ptr_array_new_with_free_func (undo_free);

  for (m->step = 1; m->step <= n_steps; m->step++)
    {
      act (m);
      check_all (m);
    }

  g_clear_pointer (&m->undos, g_ptr_array_unref);
  g_clear_pointer (&last_mailing, g_ptr_array_unref);
  sqlite3_close (m->raw);
  m->raw = NULL;
  g_clear_object (&m->scheduler);
  g_clear_object (&m->store);
  pursuit_test_remove_tree (folder);
}

/* The databases of the runs: in memory when the system has a place for
 * that (they are real files all the same), since thousands of commits
 * on a disk would take CI minutes. */
static char *
make_dir (GError **error)
{
  const char *places[] = { g_getenv ("XDG_RUNTIME_DIR"), "/dev/shm" };

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      g_autofree char *template = NULL;

      if (places[i] == NULL || g_access (places[i], W_OK) != 0)
        continue;
      template = g_build_filename (places[i], "test-model-XXXXXX", NULL);
      if (g_mkdtemp (template) != NULL)
        return g_steal_pointer (&template);
    }
  return g_dir_make_tmp ("test-model-XXXXXX", error);
}

static void
test_model (void)
{
  Model m = { 0 };
  const char *seed_text = g_getenv ("PURSUIT_MODEL_SEED");
  guint n_sequences = env_uint ("PURSUIT_MODEL_SEQUENCES", DEFAULT_SEQUENCES);
  guint n_steps = env_uint ("PURSUIT_MODEL_STEPS", DEFAULT_STEPS);
  g_autoptr(GError) error = NULL;

  m.seed = seed_text != NULL && *seed_text != '\0' ? (guint32) g_ascii_strtoull (seed_text, NULL, 10)
                                                   : g_random_int ();
  /* On standard error as well as in the TAP output, so that a failure in
   * CI can be replayed. */
  g_printerr ("# PURSUIT_MODEL_SEED=%" G_GUINT32_FORMAT " (%u sequences of about %u steps)\n", m.seed,
              n_sequences, n_steps);
  g_test_message ("PURSUIT_MODEL_SEED=%" G_GUINT32_FORMAT, m.seed);
  m.rand = g_rand_new_with_seed (m.seed);
  m.log = g_string_new (NULL);
  m.dir = make_dir (&error);
  g_assert_no_error (error);

  for (m.sequence = 1; m.sequence <= n_sequences; m.sequence++)
    run_sequence (&m, m.sequence % 10 == 0 ? 5 * n_steps : 1 + (guint) pick (&m, 2 * (int) n_steps));

  pursuit_test_remove_tree (m.dir);
  g_free (m.dir);
  g_free (m.path);
  g_string_free (m.log, TRUE);
  g_rand_free (m.rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/model/random-sequences", test_model);

  return g_test_run ();
}
