/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test-revisits"

#include "config.h"

#include "pursuit-revisits.h"
#include "test-clock.h"
#include "test-util.h"

/* Prospects let go come back to the inbox on their revisit day, also in a
 * Pursuit that keeps running across midnights: on a real store, with time
 * driven by the test. */

typedef struct
{
  char            *dir;
  char            *path;
  PursuitStore      *store;
  TestClock          clock;
  PursuitDayWatcher *watcher;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) evening = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = pursuit_test_make_dir ("pursuit-revisits");
  f->path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);

  /* Today at 23:00 local time. */
  test_clock_init (&f->clock);
  now = pursuit_clock_now_local (&f->clock.clock);
  evening = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                   g_date_time_get_day_of_month (now), 23, 0, 0);
  f->clock.real = g_date_time_to_unix (evening) * G_USEC_PER_SEC;
  f->watcher = pursuit_day_watcher_new (&f->clock.clock);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->watcher);
  test_clock_clear (&f->clock);
  pursuit_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Midnight at the start of the day @days after the clock's. */
static GDateTime *
midnight_in (Fixture *f,
             int      days)
{
  g_autoptr(GDateTime) now = pursuit_clock_now_local (&f->clock.clock);
  g_autoptr(GDateTime) day = g_date_time_add_days (now, days);

  return g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day), 0, 0, 0);
}

static PursuitProspect *
let_go_until (Fixture    *f,
              const char *name,
              GDateTime  *revisit)
{
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new (name);
  g_autoptr(GError) error = NULL;

  pursuit_prospect_set_stage (prospect, PURSUIT_STAGE_ACTIVE);
  pursuit_prospect_set_tier (prospect, PURSUIT_TIER_COLD);
  g_assert_true (pursuit_store_add (f->store, prospect, &error));
  g_assert_true (pursuit_store_let_go (f->store, prospect, PURSUIT_CLOSE_REASON_NO_RESPONSE, revisit, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&prospect);
}

static PursuitStage
stage_on_disk (Fixture         *f,
               PursuitProspect *prospect)
{
  g_autoptr(PursuitStore) other = NULL;
  g_autoptr(GError) error = NULL;

  other = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  return pursuit_prospect_get_stage (pursuit_store_find (other, pursuit_prospect_get_id (prospect)));
}

static void
test_at_start (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GDateTime) today = midnight_in (f, 0);
  g_autoptr(GDateTime) tomorrow = midnight_in (f, 1);
  g_autoptr(PursuitProspect) due = let_go_until (f, "Due Today", today);
  g_autoptr(PursuitProspect) later = let_go_until (f, "Due Tomorrow", tomorrow);
  g_autoptr(PursuitRevisits) revisits = pursuit_revisits_new (f->store, f->watcher);

  g_assert_cmpint (pursuit_prospect_get_stage (due), ==, PURSUIT_STAGE_INBOX);
  g_assert_cmpint (stage_on_disk (f, due), ==, PURSUIT_STAGE_INBOX);
  g_assert_cmpint (pursuit_prospect_get_stage (later), ==, PURSUIT_STAGE_CLOSED);
}

/* Running from 23:00 over two midnights: each prospect comes back at
 * the midnight that starts its day, not before. */
static void
test_after_each_midnight (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GDateTime) tomorrow = midnight_in (f, 1);
  g_autoptr(GDateTime) after = midnight_in (f, 2);
  g_autoptr(PursuitProspect) first = let_go_until (f, "Back Tomorrow", tomorrow);
  g_autoptr(PursuitProspect) second = let_go_until (f, "Back the Day After", after);
  g_autoptr(PursuitRevisits) revisits = pursuit_revisits_new (f->store, f->watcher);

  g_assert_cmpint (pursuit_prospect_get_stage (first), ==, PURSUIT_STAGE_CLOSED);
  /* The watcher's timer, none of the revisits' own. */
  g_assert_cmpuint (f->clock.timers->len, ==, 1);

  /* 23:59:59: nothing yet. */
  test_clock_advance (&f->clock, 3599, 3599);
  g_assert_cmpint (pursuit_prospect_get_stage (first), ==, PURSUIT_STAGE_CLOSED);

  /* 00:00:01 */
  test_clock_advance (&f->clock, 2, 2);
  g_assert_cmpint (pursuit_prospect_get_stage (first), ==, PURSUIT_STAGE_INBOX);
  g_assert_cmpint (stage_on_disk (f, first), ==, PURSUIT_STAGE_INBOX);
  g_assert_cmpint (pursuit_prospect_get_stage (second), ==, PURSUIT_STAGE_CLOSED);
  g_assert_cmpuint (f->clock.timers->len, ==, 1);

  /* A day later, 00:00:01 again. */
  test_clock_advance (&f->clock, 24 * 3600, 24 * 3600);
  g_assert_cmpint (pursuit_prospect_get_stage (second), ==, PURSUIT_STAGE_INBOX);
  g_assert_cmpint (stage_on_disk (f, second), ==, PURSUIT_STAGE_INBOX);

  /* Freed, the revisits no longer follow the days. */
  g_clear_pointer (&revisits, pursuit_revisits_free);
  g_clear_object (&f->watcher);
  g_assert_cmpuint (f->clock.timers->len, ==, 0);
}

/* The machine sleeps from 23:00 to 08:00 (the monotonic clock stands
 * still) and nobody says it woke: the watcher's next look at the clocks
 * finds the new day, and the prospect of that day is back then, not at
 * the next midnight. */
static void
test_slept_over_midnight (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GDateTime) tomorrow = midnight_in (f, 1);
  g_autoptr(PursuitProspect) first = let_go_until (f, "Back Tomorrow", tomorrow);
  g_autoptr(PursuitRevisits) revisits = pursuit_revisits_new (f->store, f->watcher);
  guint seconds = 0;

  test_clock_advance (&f->clock, 9 * 3600, 0);
  g_assert_cmpint (pursuit_prospect_get_stage (first), ==, PURSUIT_STAGE_CLOSED);
  g_assert_true (pursuit_day_watcher_get_timer (f->watcher, &seconds));
  test_clock_advance (&f->clock, seconds, seconds);
  g_assert_cmpint (pursuit_prospect_get_stage (first), ==, PURSUIT_STAGE_INBOX);
  g_assert_cmpint (stage_on_disk (f, first), ==, PURSUIT_STAGE_INBOX);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/reminders/revisits/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("at-start", test_at_start);
  ADD ("after-each-midnight", test_after_each_midnight);
  ADD ("slept-over-midnight", test_slept_over_midnight);

#undef ADD

  return g_test_run ();
}
