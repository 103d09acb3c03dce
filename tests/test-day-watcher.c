/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test-day-watcher"

#include "config.h"

#include "pursuit-scheduler.h"
#include "test-clock.h"
#include "test-util.h"

/* The application's one clock for new days and resumes, with time driven
 * by the test: midnight once, a sleep over midnight found by the clocks
 * alone or said by logind (a logind of the test's own, on the test's bus
 * standing in for the system bus), a change of time zone; and the
 * scheduler that follows it, on a real store. */

#define LOGIND_NAME "org.freedesktop.login1"

typedef struct
{
  char              *dir;
  PursuitStore      *store;
  TestClock          clock;
  PursuitDayWatcher *watcher;
  guint              n_day_changed;
  guint              n_resumed;
  GDate              day_seen;     /* the watcher's today at ::day-changed */
  gboolean           timer_seen;   /* the timer was armed at ::day-changed */
  GPtrArray         *due;
} Fixture;

static void
day_changed_cb (PursuitDayWatcher *watcher,
                Fixture           *f)
{
  f->n_day_changed++;
  pursuit_day_watcher_get_today (watcher, &f->day_seen);
  f->timer_seen = pursuit_day_watcher_get_timer (watcher, NULL);
}

static void
resumed_cb (PursuitDayWatcher *watcher,
            Fixture           *f)
{
  /* ::day-changed first, when both apply. */
  g_assert_cmpuint (f->n_resumed, <, f->n_day_changed + 1);
  f->n_resumed++;
}

static void
due_cb (PursuitScheduler *scheduler,
        GPtrArray        *prospects,
        Fixture          *f)
{
  for (guint i = 0; i < prospects->len; i++)
    g_ptr_array_add (f->due, g_object_ref (g_ptr_array_index (prospects, i)));
}

/* Today at @hour:00 local time (Europe/Berlin in the test environment). */
static void
set_time_today (Fixture *f,
                int      hour)
{
  g_autoptr(GDateTime) now = pursuit_clock_now_local (&f->clock.clock);
  g_autoptr(GDateTime) then = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                     g_date_time_get_day_of_month (now), hour, 0, 0);

  f->clock.real = g_date_time_to_unix (then) * G_USEC_PER_SEC;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = pursuit_test_make_dir ("pursuit-day-watcher");
  path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->store = pursuit_store_open (path, &error);
  g_assert_no_error (error);
  test_clock_init (&f->clock);
  set_time_today (f, 23);
  f->watcher = pursuit_day_watcher_new (&f->clock.clock);
  g_signal_connect (f->watcher, "day-changed", G_CALLBACK (day_changed_cb), f);
  g_signal_connect (f->watcher, "resumed", G_CALLBACK (resumed_cb), f);
  f->due = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->due, g_ptr_array_unref);
  g_clear_object (&f->watcher);
  g_clear_object (&f->store);
  g_assert_cmpuint (f->clock.timers->len, ==, 0);
  test_clock_clear (&f->clock);
  pursuit_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* Today by the fake clock, @days on. */
static GDate
day_in (Fixture *f,
        int      days)
{
  g_autoptr(GDateTime) now = pursuit_clock_now_local (&f->clock.clock);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  if (days > 0)
    g_date_add_days (&date, days);
  return date;
}

static PursuitProspect *
add_due (Fixture *f,
         gint64   seconds)
{
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new ("Due");
  g_autoptr(GDateTime) when = test_clock_in (&f->clock, seconds);
  g_autoptr(GError) error = NULL;

  pursuit_prospect_set_stage (prospect, PURSUIT_STAGE_ACTIVE);
  pursuit_prospect_set_tier (prospect, PURSUIT_TIER_GOOD);
  pursuit_prospect_set_next_touch (prospect, when);
  g_assert_true (pursuit_store_add (f->store, prospect, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&prospect);
}

/* From 23:00 through midnight and the next day, by every timer the
 * watcher arms: ::day-changed once, at midnight, with the timer armed for
 * the next look already. */
static void
test_midnight_once (Fixture       *f,
                    gconstpointer  data)
{
  GDate tomorrow = day_in (f, 1);
  guint seconds = 0;

  g_assert_true (pursuit_day_watcher_get_timer (f->watcher, &seconds));
  g_assert_cmpuint (seconds, <=, 3600);

  test_clock_advance (&f->clock, 3599, 3599);
  g_assert_cmpuint (f->n_day_changed, ==, 0);
  test_clock_advance (&f->clock, 1, 1);
  g_assert_cmpuint (f->n_day_changed, ==, 1);
  g_assert_cmpint (g_date_compare (&f->day_seen, &tomorrow), ==, 0);
  g_assert_true (f->timer_seen);

  /* The rest of the day, minute by minute: no other. */
  for (int i = 0; i < 23 * 60 + 59; i++)
    test_clock_advance (&f->clock, 60, 60);
  g_assert_cmpuint (f->n_day_changed, ==, 1);
  test_clock_advance (&f->clock, 60, 60);
  g_assert_cmpuint (f->n_day_changed, ==, 2);
  g_assert_cmpuint (f->n_resumed, ==, 0);
}

/* Asleep from 23:00 to 08:00: the monotonic clock stands still, so no
 * timer fires; at the watcher's next look (within minutes of waking)
 * the wall clock has jumped: ::day-changed and ::resumed, once each, and
 * the scheduler sends what came due in the night and arms its timer for
 * the next follow-up, 10:00. */
static void
test_slept_over_midnight (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PursuitProspect) night = add_due (f, 3 * 3600);
  g_autoptr(PursuitProspect) morning = add_due (f, 11 * 3600);
  g_autoptr(PursuitScheduler) scheduler = pursuit_scheduler_new_full (f->store, f->watcher, NULL);
  guint seconds = 0;

  g_signal_connect (scheduler, "due", G_CALLBACK (due_cb), f);
  g_assert_true (pursuit_scheduler_get_timer (scheduler, &seconds));
  g_assert_cmpuint (seconds, ==, 3 * 3600);

  test_clock_advance (&f->clock, 9 * 3600, 0);
  g_assert_cmpuint (f->due->len, ==, 0);
  g_assert_cmpuint (f->n_day_changed, ==, 0);

  g_assert_true (pursuit_day_watcher_get_timer (f->watcher, &seconds));
  g_assert_cmpuint (seconds, <=, 300);
  test_clock_advance (&f->clock, seconds, seconds);
  g_assert_cmpuint (f->n_day_changed, ==, 1);
  g_assert_cmpuint (f->n_resumed, ==, 1);
  g_assert_cmpuint (f->due->len, ==, 1);
  g_assert_true (g_ptr_array_index (f->due, 0) == night);
  g_assert_true (pursuit_scheduler_get_timer (scheduler, &seconds));
  g_assert_cmpuint (seconds, ==, 2 * 3600 - 300);
  g_assert_cmpuint (f->clock.timers->len, ==, 2);

  g_clear_object (&scheduler);
}

/* logind on the (stand-in) system bus: the watcher no longer wakes every
 * few minutes, and PrepareForSleep (false), as logind sends it after a
 * resume, brings ::day-changed, ::resumed and a scheduler caught up. */

static gboolean
timer_is (gpointer data)
{
  Fixture *f = ((gpointer *) data)[0];
  guint want = GPOINTER_TO_UINT (((gpointer *) data)[1]);
  guint seconds = 0;

  return pursuit_day_watcher_get_timer (f->watcher, &seconds) && seconds == want;
}

static gboolean
resumed (gpointer data)
{
  return ((Fixture *) data)->n_resumed > 0;
}

static void
emit_prepare_for_sleep (GDBusConnection *logind,
                        gboolean         sleeping)
{
  g_autoptr(GError) error = NULL;

  g_dbus_connection_emit_signal (logind, NULL, "/org/freedesktop/login1", "org.freedesktop.login1.Manager",
                                 "PrepareForSleep", g_variant_new ("(b)", sleeping), &error);
  g_assert_no_error (error);
  g_dbus_connection_flush_sync (logind, NULL, &error);
  g_assert_no_error (error);
}

static void
test_logind_resume (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) logind = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(PursuitProspect) night = NULL;
  g_autoptr(PursuitScheduler) scheduler = NULL;
  gpointer want[2] = { f, GUINT_TO_POINTER (3600) };
  guint seconds = 0;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("No session bus to stand in for the system bus");
      return;
    }
  logind = g_dbus_connection_new_for_address_sync (g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
                                                   G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                   | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                   NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (logind, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", LOGIND_NAME, 4 /* DO_NOT_QUEUE */),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  /* Once the watcher sees logind, it waits for midnight alone. */
  pursuit_test_wait_until (timer_is, want, 20000);

  night = add_due (f, 3 * 3600);
  scheduler = pursuit_scheduler_new_full (f->store, f->watcher, NULL);
  g_signal_connect (scheduler, "due", G_CALLBACK (due_cb), f);

  emit_prepare_for_sleep (logind, TRUE);
  test_clock_advance (&f->clock, 9 * 3600, 0);
  emit_prepare_for_sleep (logind, FALSE);
  pursuit_test_wait_until (resumed, f, 20000);

  g_assert_cmpuint (f->n_resumed, ==, 1);
  g_assert_cmpuint (f->n_day_changed, ==, 1);
  g_assert_cmpuint (f->due->len, ==, 1);
  g_assert_true (g_ptr_array_index (f->due, 0) == night);
  g_assert_false (pursuit_scheduler_get_timer (scheduler, NULL));
  /* 08:00: the next midnight is 16 hours away. */
  g_assert_true (pursuit_day_watcher_get_timer (f->watcher, &seconds));
  g_assert_cmpuint (seconds, ==, 16 * 3600);

  g_clear_object (&scheduler);
  g_dbus_connection_close_sync (logind, NULL, NULL);
}

/* 23:00 in Berlin is 07:00 of the next day in Tokyo: a move there is a
 * new day at once. */
static void
test_time_zone (Fixture       *f,
                gconstpointer  data)
{
  GDate tomorrow = day_in (f, 1);
  g_autofree char *zone = g_strdup (g_getenv ("TZ"));

  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  pursuit_day_watcher_refresh (f->watcher);
  g_assert_cmpuint (f->n_day_changed, ==, 1);
  g_assert_cmpint (g_date_compare (&f->day_seen, &tomorrow), ==, 0);
  pursuit_day_watcher_refresh (f->watcher);
  g_assert_cmpuint (f->n_day_changed, ==, 1);
  g_assert_cmpuint (f->n_resumed, ==, 0);

  if (zone != NULL)
    g_setenv ("TZ", zone, TRUE);
  else
    g_unsetenv ("TZ");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* The test's bus stands in for the system bus, where logind is. */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL)
    g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", g_getenv ("DBUS_SESSION_BUS_ADDRESS"), TRUE);

#define ADD(name, func) \
  g_test_add ("/reminders/day-watcher/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("midnight-once", test_midnight_once);
  ADD ("slept-over-midnight", test_slept_over_midnight);
  ADD ("time-zone", test_time_zone);
  /* Last: from then on logind stays on the bus. */
  ADD ("logind-resume", test_logind_resume);

#undef ADD

  return g_test_run ();
}
