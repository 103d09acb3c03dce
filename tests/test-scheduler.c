/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test-scheduler"

#include "config.h"

#include <glib/gstdio.h>

#include "pursuit-scheduler.h"
#include "pursuit-store-touches.h"
#include "test-clock.h"
#include "test-util.h"

/* The scheduler on a real store, with time driven by the test. */

typedef struct
{
  char             *dir;
  char             *path;
  char             *state;
  PursuitStore     *store;
  TestClock         clock;
  PursuitScheduler *scheduler;
  GPtrArray        *due;        /* every prospect ::due gave, in order */
  GArray           *withdrawn;  /* gint64 */
} Fixture;

static void
due_cb (PursuitScheduler *scheduler,
        GPtrArray        *prospects,
        Fixture          *f)
{
  for (guint i = 0; i < prospects->len; i++)
    g_ptr_array_add (f->due, g_object_ref (g_ptr_array_index (prospects, i)));
}

static void
withdraw_cb (PursuitScheduler *scheduler,
             gint64            id,
             Fixture          *f)
{
  g_array_append_val (f->withdrawn, id);
}

static void
start_scheduler (Fixture *f)
{
  f->scheduler = pursuit_scheduler_new (f->store, &f->clock.clock, f->state);
  g_signal_connect (f->scheduler, "due", G_CALLBACK (due_cb), f);
  g_signal_connect (f->scheduler, "withdraw", G_CALLBACK (withdraw_cb), f);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-scheduler-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->state = g_build_filename (f->dir, "state", "reminders.ini", NULL);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  test_clock_init (&f->clock);
  f->due = g_ptr_array_new_with_free_func (g_object_unref);
  f->withdrawn = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *state_dir = g_path_get_dirname (f->state);

  g_clear_object (&f->scheduler);
  g_clear_object (&f->store);
  test_clock_clear (&f->clock);
  g_unlink (f->state);
  g_rmdir (state_dir);
  pursuit_test_remove_tree (f->dir);
  g_ptr_array_unref (f->due);
  g_array_unref (f->withdrawn);
  g_free (f->state);
  g_free (f->path);
  g_free (f->dir);
}

/* Runs what the scheduler queued (it arms again when idle). */
static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* An active prospect in Good, next due @seconds from the test's now. */
static PursuitProspect *
add_due_in (Fixture    *f,
            const char *name,
            gint64      seconds)
{
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new (name);
  g_autoptr(GDateTime) when = test_clock_in (&f->clock, seconds);
  g_autoptr(GError) error = NULL;

  pursuit_prospect_set_stage (prospect, PURSUIT_STAGE_ACTIVE);
  pursuit_prospect_set_tier (prospect, PURSUIT_TIER_GOOD);
  pursuit_prospect_set_next_touch (prospect, when);
  pursuit_store_add (f->store, prospect, &error);
  g_assert_no_error (error);
  return prospect;
}

static void
reschedule (Fixture         *f,
            PursuitProspect *prospect,
            gint64           seconds)
{
  g_autoptr(PursuitProspect) draft = pursuit_prospect_dup (prospect);
  g_autoptr(GDateTime) when = test_clock_in (&f->clock, seconds);
  g_autoptr(GError) error = NULL;

  pursuit_prospect_set_next_touch (draft, when);
  pursuit_prospect_set_next_touch_manual (draft, TRUE);
  pursuit_store_update (f->store, prospect, draft, &error);
  g_assert_no_error (error);
}

static void
assert_one_timer (Fixture *f,
                  guint    seconds)
{
  guint armed = 0;

  g_assert_cmpuint (f->clock.timers->len, ==, 1);
  g_assert_cmpuint (g_array_index (f->clock.timers, TestTimer, 0).seconds, ==, seconds);
  g_assert_true (pursuit_scheduler_get_timer (f->scheduler, &armed));
  g_assert_cmpuint (armed, ==, seconds);
}

static void
test_one_timer (Fixture       *f,
                gconstpointer  data)
{
  add_due_in (f, "Later", 3 * 3600);
  add_due_in (f, "Soon", 3600);
  add_due_in (f, "Meanwhile", 2 * 3600);
  start_scheduler (f);

  /* One timer, for the earliest; nothing sent yet. */
  assert_one_timer (f, 3600);
  g_assert_cmpuint (f->due->len, ==, 0);
}

static void
test_no_timer (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PursuitProspect) inbox = pursuit_prospect_new ("Untriaged");
  g_autoptr(GError) error = NULL;

  pursuit_store_add (f->store, inbox, &error);
  g_assert_no_error (error);
  start_scheduler (f);
  g_assert_cmpuint (f->clock.timers->len, ==, 0);
  g_assert_false (pursuit_scheduler_get_timer (f->scheduler, NULL));
}

static void
test_rearm_on_change (Fixture       *f,
                      gconstpointer  data)
{
  PursuitProspect *first = add_due_in (f, "First", 3600);
  PursuitProspect *second = add_due_in (f, "Second", 2 * 3600);
  g_autoptr(GError) error = NULL;

  start_scheduler (f);
  assert_one_timer (f, 3600);

  /* Sooner: the timer moves, still alone. */
  reschedule (f, second, 600);
  settle ();
  assert_one_timer (f, 600);

  /* Removed: back to the other one. */
  pursuit_store_remove (f->store, second, &error);
  g_assert_no_error (error);
  settle ();
  assert_one_timer (f, 3600);

  /* Let go: nothing left to wait for. */
  pursuit_store_let_go (f->store, first, PURSUIT_CLOSE_REASON_FIRM_NO, NULL, &error);
  g_assert_no_error (error);
  settle ();
  g_assert_cmpuint (f->clock.timers->len, ==, 0);

  /* A new prospect arms it again. */
  add_due_in (f, "New", 900);
  settle ();
  assert_one_timer (f, 900);
}

static void
test_fires_once (Fixture       *f,
                 gconstpointer  data)
{
  PursuitProspect *soon = add_due_in (f, "Soon", 60);

  add_due_in (f, "Later", 3600);
  start_scheduler (f);
  assert_one_timer (f, 60);

  test_clock_advance (&f->clock, 60, 60);
  g_assert_cmpuint (f->due->len, ==, 1);
  g_assert_true (g_ptr_array_index (f->due, 0) == soon);
  g_assert_true (pursuit_scheduler_is_notified (f->scheduler, soon));
  /* The next one is armed; the notified one is not armed again. */
  assert_one_timer (f, 3600 - 60);

  pursuit_scheduler_catch_up (f->scheduler);
  g_assert_cmpuint (f->due->len, ==, 1);
}

static void
test_catch_up_after_suspend (Fixture       *f,
                             gconstpointer  data)
{
  add_due_in (f, "Two hours", 2 * 3600);
  start_scheduler (f);
  assert_one_timer (f, 2 * 3600);

  /* Five hours asleep: the wall clock moved, the monotonic clock did
   * not, so the timer has not fired. Resuming catches up. */
  test_clock_advance (&f->clock, 5 * 3600, 0);
  g_assert_cmpuint (f->due->len, ==, 0);
  pursuit_scheduler_catch_up (f->scheduler);
  g_assert_cmpuint (f->due->len, ==, 1);
  g_assert_cmpuint (f->clock.timers->len, ==, 0);
}

static void
test_catch_up_after_jump (Fixture       *f,
                          gconstpointer  data)
{
  add_due_in (f, "Two hours", 2 * 3600);
  add_due_in (f, "Six hours", 6 * 3600);
  start_scheduler (f);
  assert_one_timer (f, 2 * 3600);

  /* The clock was set back an hour: when the timer fires, the touch is
   * not due yet, and the timer is armed for what is left. */
  test_clock_advance (&f->clock, 3600 - 2 * 3600, 0);
  test_clock_advance (&f->clock, 2 * 3600, 2 * 3600);
  g_assert_cmpuint (f->due->len, ==, 0);
  assert_one_timer (f, 3600);

  /* The clock jumped ahead five hours: the next wake-up sends both. */
  test_clock_advance (&f->clock, 5 * 3600, 0);
  test_clock_advance (&f->clock, 3600, 3600);
  g_assert_cmpuint (f->due->len, ==, 2);
  g_assert_cmpuint (f->clock.timers->len, ==, 0);
}

static void
test_withdraw (Fixture       *f,
               gconstpointer  data)
{
  PursuitProspect *logged = add_due_in (f, "Logged", 0);
  PursuitProspect *moved = add_due_in (f, "Moved", 0);
  PursuitProspect *closed = add_due_in (f, "Closed", 0);
  g_autoptr(PursuitTouch) touch = NULL;
  g_autoptr(GDateTime) now = test_clock_in (&f->clock, 0);
  g_autoptr(GError) error = NULL;

  start_scheduler (f);
  test_clock_advance (&f->clock, 0, 0);
  g_assert_cmpuint (f->due->len, ==, 3);

  touch = pursuit_touch_new (pursuit_prospect_get_id (logged), now, PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT,
                             PURSUIT_OUTCOME_NO_ANSWER);
  pursuit_store_record_touch (f->store, touch, &error);
  g_assert_no_error (error);
  reschedule (f, moved, 3600);
  pursuit_store_let_go (f->store, closed, PURSUIT_CLOSE_REASON_NOT_SERIOUS, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (f->withdrawn->len, ==, 3);
  g_assert_cmpint (g_array_index (f->withdrawn, gint64, 0), ==, pursuit_prospect_get_id (logged));
  g_assert_cmpint (g_array_index (f->withdrawn, gint64, 1), ==, pursuit_prospect_get_id (moved));
  g_assert_cmpint (g_array_index (f->withdrawn, gint64, 2), ==, pursuit_prospect_get_id (closed));
}

static void
test_restart (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  add_due_in (f, "Due", 0);
  add_due_in (f, "Later", 3600);
  start_scheduler (f);
  test_clock_advance (&f->clock, 0, 0);
  g_assert_cmpuint (f->due->len, ==, 1);

  /* A new process: the same database and state file. */
  g_clear_object (&f->scheduler);
  g_clear_object (&f->store);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  start_scheduler (f);
  assert_one_timer (f, 3600);
  test_clock_advance (&f->clock, 0, 0);
  settle ();
  g_assert_cmpuint (f->due->len, ==, 1);
}

/* What was notified is written whole and private: a new state file in
 * the state's folder, mode 0600, nothing else beside it, and another
 * database's group kept. */
static void
test_state_file (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *state_dir = g_path_get_dirname (f->state);
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  GStatBuf st;
  PursuitProspect *due;

  g_assert_cmpint (g_mkdir_with_parents (state_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (f->state, "[/elsewhere.db]\n7=1\n", -1, NULL));
  due = add_due_in (f, "Due", 0);
  start_scheduler (f);
  test_clock_advance (&f->clock, 0, 0);
  g_assert_cmpuint (f->due->len, ==, 1);

  g_assert_cmpint (g_stat (f->state, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  dir = g_dir_open (state_dir, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_dir_read_name (dir), ==, "reminders.ini");
  g_assert_null (g_dir_read_name (dir));
  g_assert_true (g_key_file_load_from_file (keys, f->state, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_key_file_get_int64 (keys, "/elsewhere.db", "7", NULL), ==, 1);
  g_assert_true (g_key_file_has_group (keys, pursuit_store_get_path (f->store)));
  g_assert_true (pursuit_scheduler_is_notified (f->scheduler, due));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/reminders/scheduler/one-timer", test_one_timer);
  ADD ("/reminders/scheduler/no-timer", test_no_timer);
  ADD ("/reminders/scheduler/rearm-on-change", test_rearm_on_change);
  ADD ("/reminders/scheduler/fires-once", test_fires_once);
  ADD ("/reminders/scheduler/catch-up-after-suspend", test_catch_up_after_suspend);
  ADD ("/reminders/scheduler/catch-up-after-jump", test_catch_up_after_jump);
  ADD ("/reminders/scheduler/withdraw", test_withdraw);
  ADD ("/reminders/scheduler/restart", test_restart);
  ADD ("/reminders/scheduler/state-file", test_state_file);
#undef ADD

  return g_test_run ();
}
