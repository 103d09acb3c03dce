/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test"

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include <glib/gstdio.h>

#include "pursuit-csv.h"
#include "pursuit-schedule.h"
#include "pursuit-store.h"
#include "test-util.h"

/* The schedule queries and writes of the store: per-day counts, the
 * prospects of a range of days, writing several prospects at once and
 * planning a spread. Dates are relative to today, since overdue is. */

typedef struct
{
  char         *dir;
  char         *path;
  PursuitStore *store;
  GDate         today;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  f->dir = g_dir_make_tmp ("test-schedule-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  g_date_clear (&f->today, 1);
  g_date_set_dmy (&f->today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  pursuit_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Local time @days after today, at @hour:@minute. */
static GDateTime *
at (Fixture *f,
    int      days,
    int      hour,
    int      minute)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  GDate date = f->today;

  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  return g_date_time_new (zone, g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date),
                          hour, minute, 0);
}

static GDate
day (Fixture *f,
     int      days)
{
  GDate date = f->today;

  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  return date;
}

static PursuitProspect *
add (Fixture     *f,
     const char  *name,
     PursuitTier  tier,
     GDateTime   *next_touch)
{
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new (name);
  g_autoptr(GError) error = NULL;

  pursuit_prospect_set_stage (prospect, tier == PURSUIT_TIER_NONE ? PURSUIT_STAGE_CUSTOMER
                                                                  : PURSUIT_STAGE_ACTIVE);
  pursuit_prospect_set_tier (prospect, tier);
  pursuit_prospect_set_next_touch (prospect, next_touch);
  pursuit_store_add (f->store, prospect, &error);
  g_assert_no_error (error);
  return prospect; /* the store holds it */
}

static void
add_at (Fixture     *f,
        const char  *name,
        PursuitTier  tier,
        int          days,
        int          hour)
{
  g_autoptr(GDateTime) when = at (f, days, hour, 0);

  add (f, name, tier, when);
}

static void
test_count_by_day (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PursuitProspect) inbox = pursuit_prospect_new ("In Box");
  g_autoptr(PursuitProspect) closed = pursuit_prospect_new ("Clo Sed");
  g_autoptr(GDateTime) today_noon = at (f, 0, 12, 0);
  GDate first = day (f, -10);
  guint expected_total[30] = { 0 };
  guint expected_overdue[30] = { 0 };

  add_at (f, "Past One", PURSUIT_TIER_HOT, -3, 0);
  add_at (f, "Past Two", PURSUIT_TIER_GOOD, -3, 23);
  add_at (f, "Today A", PURSUIT_TIER_HOT, 0, 0);
  add_at (f, "Today B", PURSUIT_TIER_COOL, 0, 9);
  add_at (f, "Today C", PURSUIT_TIER_NONE, 0, 23);
  add_at (f, "Later", PURSUIT_TIER_COLD, 5, 10);
  add_at (f, "Before Range", PURSUIT_TIER_COLD, -11, 23);
  add_at (f, "After Range", PURSUIT_TIER_COLD, 20, 0);
  /* Not on the schedule: neither active nor customers. */
  pursuit_prospect_set_next_touch (inbox, today_noon);
  pursuit_store_add (f->store, inbox, &error);
  g_assert_no_error (error);
  pursuit_prospect_set_next_touch (closed, today_noon);
  pursuit_prospect_set_stage (closed, PURSUIT_STAGE_CLOSED);
  pursuit_store_add (f->store, closed, &error);
  g_assert_no_error (error);
  add (f, "No Date", PURSUIT_TIER_HOT, NULL);

  counts = pursuit_store_count_by_day (f->store, &first, 30, &f->today, &error);
  g_assert_no_error (error);
  g_assert_nonnull (counts);
  g_assert_cmpuint (counts->len, ==, 30);

  expected_total[7] = 2;
  expected_overdue[7] = 2;
  /* "No Date" too: a Hot prospect added without one is due at once. */
  expected_total[10] = 4;
  expected_total[15] = 1;
  for (guint i = 0; i < 30; i++)
    {
      PursuitDayCount *count = &g_array_index (counts, PursuitDayCount, i);

      g_test_message ("day %u: %u (%u overdue)", i, count->total, count->overdue);
      g_assert_cmpuint (count->total, ==, expected_total[i]);
      g_assert_cmpuint (count->overdue, ==, expected_overdue[i]);
    }
}

static char *
names_of (GListModel *model)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PursuitProspect) prospect = g_list_model_get_item (model, i);

      g_string_append_printf (names, "%s%s", i > 0 ? "," : "", pursuit_prospect_get_name (prospect));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
test_list_scheduled (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GDateTime) start = at (f, 0, 0, 0);
  g_autoptr(GDateTime) end = at (f, 1, 0, 0);
  g_autoptr(GListModel) today = NULL;
  g_autoptr(GListModel) overdue = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today_names = NULL;
  g_autofree char *overdue_names = NULL;

  add_at (f, "Late", PURSUIT_TIER_HOT, 0, 17);
  add_at (f, "Early", PURSUIT_TIER_GOOD, 0, 8);
  add_at (f, "Tomorrow", PURSUIT_TIER_GOOD, 1, 0);
  add_at (f, "Long Ago", PURSUIT_TIER_GOOD, -400, 9);
  add_at (f, "Yesterday", PURSUIT_TIER_GOOD, -1, 9);

  today = pursuit_store_list_scheduled (f->store, start, end, &error);
  g_assert_no_error (error);
  today_names = names_of (today);
  g_assert_cmpstr (today_names, ==, "Early,Late");

  overdue = pursuit_store_list_scheduled (f->store, NULL, start, &error);
  g_assert_no_error (error);
  overdue_names = names_of (overdue);
  g_assert_cmpstr (overdue_names, ==, "Long Ago,Yesterday");
}

static GDateTime *
read_next_touch (const char *path,
                 const char *name,
                 gboolean   *manual)
{
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *all;

  store = pursuit_store_open (path, &error);
  g_assert_no_error (error);
  all = pursuit_store_get_prospects (store);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(PursuitProspect) prospect = g_list_model_get_item (all, i);
      GDateTime *next = pursuit_prospect_get_next_touch (prospect);

      if (g_strcmp0 (pursuit_prospect_get_name (prospect), name) != 0)
        continue;
      if (manual != NULL)
        *manual = pursuit_prospect_get_next_touch_manual (prospect);
      return next != NULL ? g_date_time_ref (next) : NULL;
    }
  g_assert_not_reached ();
  return NULL;
}

static PursuitProspect *
moved_draft (PursuitProspect *prospect,
             GDateTime       *when)
{
  PursuitProspect *draft = pursuit_prospect_dup (prospect);

  pursuit_prospect_set_next_touch (draft, when);
  pursuit_prospect_set_next_touch_manual (draft, TRUE);
  return draft;
}

static void
count_changes (gpointer store,
               gpointer prospect,
               gpointer data)
{
  (*(guint *) data)++;
}

static void
test_update_many (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) monday = at (f, 3, 9, 0);
  g_autoptr(GDateTime) later = at (f, 4, 10, 30);
  PursuitProspect *ann = add (f, "Ann", PURSUIT_TIER_GOOD, monday);
  PursuitProspect *bob = add (f, "Bob", PURSUIT_TIER_COOL, monday);
  g_autoptr(GPtrArray) prospects = g_ptr_array_new ();
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) ann_saved = NULL;
  g_autoptr(GDateTime) bob_saved = NULL;
  gboolean manual = FALSE;
  guint changes = 0;

  g_signal_connect (f->store, "prospect-changed", G_CALLBACK (count_changes), &changes);
  g_ptr_array_add (prospects, ann);
  g_ptr_array_add (prospects, bob);
  g_ptr_array_add (drafts, moved_draft (ann, later));
  g_ptr_array_add (drafts, moved_draft (bob, later));
  g_assert_true (pursuit_store_update_many (f->store, prospects, drafts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 2);
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (ann), later));
  g_assert_true (pursuit_prospect_get_next_touch_manual (bob));

  ann_saved = read_next_touch (f->path, "Ann", &manual);
  g_assert_true (g_date_time_equal (ann_saved, later));
  g_assert_true (manual);
  bob_saved = read_next_touch (f->path, "Bob", NULL);
  g_assert_true (g_date_time_equal (bob_saved, later));
}

static void
test_update_many_all_or_none (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GDateTime) monday = at (f, 3, 9, 0);
  g_autoptr(GDateTime) later = at (f, 4, 10, 30);
  PursuitProspect *ann = add (f, "Ann", PURSUIT_TIER_GOOD, monday);
  PursuitProspect *bob = add (f, "Bob", PURSUIT_TIER_COOL, monday);
  g_autoptr(GPtrArray) prospects = g_ptr_array_new ();
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) ann_saved = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *raw = NULL;
  guint changes = 0;

  g_signal_connect (f->store, "prospect-changed", G_CALLBACK (count_changes), &changes);
  g_ptr_array_add (prospects, ann);
  g_ptr_array_add (prospects, bob);
  g_ptr_array_add (drafts, moved_draft (ann, later));
  g_ptr_array_add (drafts, moved_draft (bob, later));

  /* An invalid draft: refused before anything is written. */
  pursuit_prospect_set_name (g_ptr_array_index (drafts, 1), " ");
  g_assert_false (pursuit_store_update_many (f->store, prospects, drafts, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (ann), monday));

  /* The second row vanished behind the store's back: the first write
   * must be rolled back with it. */
  pursuit_prospect_set_name (g_ptr_array_index (drafts, 1), "Bob");
  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  sql = g_strdup_printf ("DELETE FROM prospect WHERE id = %" G_GINT64_FORMAT, pursuit_prospect_get_id (bob));
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  g_assert_false (pursuit_store_update_many (f->store, prospects, drafts, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (changes, ==, 0);
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (ann), monday));
  g_assert_false (pursuit_prospect_get_next_touch_manual (ann));
  ann_saved = read_next_touch (f->path, "Ann", NULL);
  g_assert_true (g_date_time_equal (ann_saved, monday));
}

static void
test_plan_spread (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) prospects = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  GDate busy = day (f, 2);
  g_autoptr(GDateTime) expected_first = at (f, 3, 15, 0);
  g_autoptr(GDateTime) expected_second = at (f, 4, 16, 30);

  /* Day +2 holds five, two more than the limit of three; day +3 has room
   * for one, day +4 for all. */
  add_at (f, "Eight", PURSUIT_TIER_GOOD, 2, 8);
  add_at (f, "Nine", PURSUIT_TIER_COOL, 2, 9);
  {
    g_autoptr(GDateTime) half_past_four = at (f, 2, 16, 30);
    add (f, "Half Past Four", PURSUIT_TIER_GOOD, half_past_four);
  }
  add_at (f, "Three", PURSUIT_TIER_GOOD, 2, 15);
  add_at (f, "Hot Late", PURSUIT_TIER_HOT, 2, 20);
  add_at (f, "Next Day A", PURSUIT_TIER_GOOD, 3, 9);
  add_at (f, "Next Day B", PURSUIT_TIER_GOOD, 3, 10);

  g_assert_true (pursuit_store_plan_spread (f->store, &busy, 3, &prospects, &drafts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (prospects->len, ==, 2);
  g_assert_cmpuint (drafts->len, ==, 2);
  g_assert_cmpstr (pursuit_prospect_get_name (g_ptr_array_index (prospects, 0)), ==, "Three");
  g_assert_cmpstr (pursuit_prospect_get_name (g_ptr_array_index (prospects, 1)), ==, "Half Past Four");
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (g_ptr_array_index (drafts, 0)),
                                    expected_first));
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (g_ptr_array_index (drafts, 1)),
                                    expected_second));
  g_assert_true (pursuit_prospect_get_next_touch_manual (g_ptr_array_index (drafts, 0)));
  g_clear_pointer (&prospects, g_ptr_array_unref);
  g_clear_pointer (&drafts, g_ptr_array_unref);

  /* At the limit: nothing to move. */
  g_assert_true (pursuit_store_plan_spread (f->store, &busy, 5, &prospects, &drafts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (prospects->len, ==, 0);
}

static void
test_move_to_date (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Berlin");
  /* Across the change from summer to winter time: 9:15 stays 9:15. */
  g_autoptr(GDateTime) when = g_date_time_new (zone, 2026, 10, 20, 9, 15, 30);
  g_autoptr(GDateTime) moved = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 2, 11, 2026);
  moved = pursuit_schedule_move_to_date (when, &date);
  g_assert_cmpint (g_date_time_get_day_of_month (moved), ==, 2);
  g_assert_cmpint (g_date_time_get_month (moved), ==, 11);
  g_assert_cmpint (g_date_time_get_hour (moved), ==, 9);
  g_assert_cmpint (g_date_time_get_minute (moved), ==, 15);
  g_assert_cmpint (g_date_time_get_second (moved), ==, 30);
}

/* Closes the store and opens the file again. */
static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->store);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
}

static int
days_from_today (Fixture   *f,
                 GDateTime *when)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  return g_date_days_between (&f->today, &date);
}

/* Every active prospect and customer has a next touch, inbox and closed
 * prospects none, however they arrive: an import without next touches
 * is planned by each tier's cadence from the moment of import (Hot at
 * once), customers by the keep-in-touch cadence, and the Calendar shows
 * the Hot ones today. */
static void
test_import_plans_every_prospect (Fixture       *f,
                                  gconstpointer  data)
{
  const char csv[] = "name,company,email,phone,stage,tier,value,attempts,next_touch,notes\n"
                     "Hot Hal,,,,active,hot,,,,\n"
                     "Good Gus,,,,active,good,,,,\n"
                     "Cold Cid,,,,active,cold,,,,\n"
                     "Cus Tomer,,,,customer,,,,,\n"
                     "In Box,,,,inbox,,,,2030-01-04T10:00,\n"
                     "Clo Sed,,,,closed,,,,2030-01-04T10:00,\n";
  const struct { const char *name; PursuitStage stage; int days; } expected[] = {
    { "Hot Hal", PURSUIT_STAGE_ACTIVE, 0 },
    { "Good Gus", PURSUIT_STAGE_ACTIVE, 7 },
    { "Cold Cid", PURSUIT_STAGE_ACTIVE, 365 },
    { "Cus Tomer", PURSUIT_STAGE_CUSTOMER, 90 },
    { "In Box", PURSUIT_STAGE_INBOX, G_MININT },
    { "Clo Sed", PURSUIT_STAGE_CLOSED, G_MININT },
  };
  g_autoptr(GDateTime) before = g_date_time_new_now_local ();
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GPtrArray) prospects = pursuit_csv_parse (csv, strlen (csv), NULL, NULL);
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *all;

  g_assert_nonnull (prospects);
  g_assert_true (pursuit_store_add_many (f->store, prospects, &error));
  g_assert_no_error (error);
  after = g_date_time_new_now_local ();

  reopen (f);
  all = pursuit_store_get_prospects (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(PursuitProspect) p = g_list_model_get_item (all, i);
      GDateTime *next = pursuit_prospect_get_next_touch (p);

      g_test_message ("%s", expected[i].name);
      g_assert_cmpstr (pursuit_prospect_get_name (p), ==, expected[i].name);
      g_assert_cmpint (pursuit_prospect_get_stage (p), ==, expected[i].stage);
      if (expected[i].days == G_MININT)
        {
          g_assert_null (next);
          continue;
        }
      g_assert_nonnull (next);
      g_assert_cmpint (days_from_today (f, next), ==, expected[i].days);
      g_assert_false (pursuit_prospect_get_next_touch_manual (p));
    }

  /* Hot is due at once: between the two readings of the clock. */
  {
    g_autoptr(PursuitProspect) hot = g_list_model_get_item (all, 0);

    g_assert_cmpint (g_date_time_to_unix (pursuit_prospect_get_next_touch (hot)), >=,
                     g_date_time_to_unix (before));
    g_assert_cmpint (g_date_time_to_unix (pursuit_prospect_get_next_touch (hot)), <=,
                     g_date_time_to_unix (after));
  }
  counts = pursuit_store_count_by_day (f->store, &f->today, 1, &f->today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_array_index (counts, PursuitDayCount, 0).total, ==, 1);
}

/* A prospect that asked for a callback and is then put back in the inbox
 * is not on the schedule, so its card does not promise a follow-up that
 * the Calendar and the export leave out. */
static void
test_inbox_has_no_next_touch (Fixture       *f,
                              gconstpointer  data)
{
  PursuitProspect *p = add (f, "Cal Back", PURSUIT_TIER_GOOD, NULL);
  g_autoptr(GDateTime) callback = at (f, 4, 10, 0);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(PursuitProspect) draft = pursuit_prospect_dup (p);
  g_autoptr(GError) error = NULL;
  gint64 id = pursuit_prospect_get_id (p);

  pursuit_prospect_set_callback_at (draft, callback);
  pursuit_prospect_set_next_touch (draft, callback);
  g_assert_true (pursuit_store_update (f->store, p, draft, &error));
  g_assert_true (pursuit_store_move (f->store, p, PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE, now, &error));
  g_assert_no_error (error);
  reopen (f);
  p = pursuit_store_find (f->store, id);
  g_assert_cmpint (pursuit_prospect_get_stage (p), ==, PURSUIT_STAGE_INBOX);
  g_assert_null (pursuit_prospect_get_next_touch (p));

  /* Triaged again, the callback it asked for is the next touch. */
  g_assert_true (pursuit_store_move (f->store, p, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COOL, now, &error));
  reopen (f);
  p = pursuit_store_find (f->store, id);
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (p), callback));
}

/* On a working week of Monday to Friday from 9:00, a Good move on a
 * Saturday at 10:48 is planned for the Monday after next at 9:00, not for
 * a Saturday at 10:48; a Hot one for Monday at 9:00. */
static void
test_move_plans_working_day (Fixture       *f,
                             gconstpointer  data)
{
  PursuitProspect *good = add (f, "Gus Good", PURSUIT_TIER_NONE, NULL);
  PursuitProspect *hot = add (f, "Hal Hot", PURSUIT_TIER_NONE, NULL);
  g_autoptr(GDateTime) saturday = g_date_time_new_local (2026, 3, 7, 10, 48, 0);
  g_autoptr(GDateTime) monday_after_next = g_date_time_new_local (2026, 3, 16, 9, 0, 0);
  g_autoptr(GDateTime) monday = g_date_time_new_local (2026, 3, 9, 9, 0, 0);
  g_autoptr(GError) error = NULL;
  gint64 good_id = pursuit_prospect_get_id (good), hot_id = pursuit_prospect_get_id (hot);
  PursuitPolicy policy;

  pursuit_policy_init_default (&policy);
  policy.work_days = PURSUIT_WORK_DAYS_WEEKDAYS;
  policy.work_start = 9 * 60;
  pursuit_store_set_policy (f->store, &policy);
  g_assert_true (pursuit_store_move (f->store, good, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD, saturday, &error));
  g_assert_true (pursuit_store_move (f->store, hot, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT, saturday, &error));
  g_assert_no_error (error);

  reopen (f);
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (pursuit_store_find (f->store, good_id)),
                                    monday_after_next));
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (pursuit_store_find (f->store, hot_id)), monday));
}

/* A database where active prospects were imported without a next touch
 * (before the rule was kept) is put right when it opens, on disk, and an
 * inbox prospect there loses the follow-up its card promised. */
static void
test_open_settles_old_imports (Fixture       *f,
                               gconstpointer  data)
{
  sqlite3 *db = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO prospect (name, stage, tier, created_at, updated_at, next_touch) VALUES "
    "('Old Good', 'active', 'good', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", NULL), "
    "('Old Box', 'inbox', '', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
    now, now, now, now, now + 4 * 86400);
  GListModel *all;
  g_autoptr(PursuitProspect) good = NULL;
  g_autoptr(PursuitProspect) box = NULL;

  g_clear_object (&f->store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  reopen (f);
  g_clear_object (&f->store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name, next_touch FROM prospect ORDER BY id", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "Old Good");
    g_assert_cmpint (sqlite3_column_type (stmt, 1), !=, SQLITE_NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_type (stmt, 1), ==, SQLITE_NULL);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);

  reopen (f);
  all = pursuit_store_get_prospects (f->store);
  good = g_list_model_get_item (all, 0);
  box = g_list_model_get_item (all, 1);
  g_assert_cmpint (days_from_today (f, pursuit_prospect_get_next_touch (good)), ==, 7);
  g_assert_null (pursuit_prospect_get_next_touch (box));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  TEST ("/store/schedule/count-by-day", test_count_by_day);
  TEST ("/store/schedule/list-scheduled", test_list_scheduled);
  TEST ("/store/schedule/update-many", test_update_many);
  TEST ("/store/schedule/update-many-all-or-none", test_update_many_all_or_none);
  TEST ("/store/schedule/plan-spread", test_plan_spread);
  TEST ("/store/schedule/import-plans-every-prospect", test_import_plans_every_prospect);
  TEST ("/store/schedule/inbox-has-no-next-touch", test_inbox_has_no_next_touch);
  TEST ("/store/schedule/move-plans-working-day", test_move_plans_working_day);
  TEST ("/store/schedule/open-settles-old-imports", test_open_settles_old_imports);
#undef TEST
  g_test_add_func ("/store/schedule/move-to-date", test_move_to_date);

  return g_test_run ();
}
