/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test-notifications"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>

#include "notification-daemon.h"
#include "pursuit-notifier.h"
#include "pursuit-store-touches.h"
#include "test-clock.h"
#include "test-util.h"

/* Reminders end to end over a real session bus: the scheduler and the
 * notifier on a GApplication send through GLib's freedesktop backend to a
 * notification server written for the test, which also clicks the
 * buttons. */

static NotificationDaemon *daemon_;
static GApplication *app;
static GArray *opened;  /* gint64: what app.open-prospect was given */
static guint todays;    /* activations of app.show-today */

typedef struct
{
  char             *dir;
  char             *path;
  char             *state;
  PursuitStore     *store;
  TestClock         clock;
  PursuitScheduler *scheduler;
  PursuitNotifier  *notifier;
} Fixture;

static void
start (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  f->scheduler = pursuit_scheduler_new (f->store, &f->clock.clock, f->state);
  f->notifier = pursuit_notifier_new (app, f->scheduler);
}

static void
stop (Fixture *f)
{
  g_clear_object (&f->notifier);
  g_clear_object (&f->scheduler);
  g_clear_object (&f->store);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-notifications-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->state = g_build_filename (f->dir, "reminders.ini", NULL);
  test_clock_init (&f->clock);
  notification_daemon_reset (daemon_);
  g_array_set_size (opened, 0);
  todays = 0;
  start (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  stop (f);
  test_clock_clear (&f->clock);
  g_unlink (f->state);
  pursuit_test_remove_tree (f->dir);
  g_free (f->state);
  g_free (f->path);
  g_free (f->dir);
}

/* Lets the bus traffic of the next @ms milliseconds through. */
static void
pump (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static PursuitProspect *
add_prospect (Fixture    *f,
              const char *name,
              const char *company,
              const char *phone,
              gint64      due_in)
{
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new (name);
  g_autoptr(GDateTime) when = test_clock_in (&f->clock, due_in);
  g_autoptr(GError) error = NULL;

  pursuit_prospect_set_company (prospect, company);
  pursuit_prospect_set_phone (prospect, phone);
  pursuit_prospect_set_stage (prospect, PURSUIT_STAGE_ACTIVE);
  pursuit_prospect_set_tier (prospect, PURSUIT_TIER_HOT);
  pursuit_prospect_set_attempts (prospect, 2);
  pursuit_prospect_set_next_channel (prospect, PURSUIT_CHANNEL_CALL);
  pursuit_prospect_set_next_touch (prospect, when);
  pursuit_prospect_set_callback_at (prospect, when);
  pursuit_store_add (f->store, prospect, &error);
  g_assert_no_error (error);
  return prospect;
}

/* Sends what is due and waits for the server to have @n in all. */
static TestNotification *
expect_notified (Fixture *f,
                 guint    n)
{
  g_autoptr(GPtrArray) notified = NULL;

  test_clock_advance (&f->clock, 0, 0);
  g_assert_true (notification_daemon_wait_notified (daemon_, n, 5000));
  /* And no more than that. */
  pump (100);
  notified = notification_daemon_get_notified (daemon_);
  g_assert_cmpuint (notified->len, ==, n);
  return g_ptr_array_steal_index (notified, n - 1);
}

static char *
action_key (gint64      id,
            const char *action)
{
  g_autoptr(GVariant) target = g_variant_ref_sink (g_variant_new_int64 (id));

  return g_action_print_detailed_name (action, target);
}

static void
test_single (Fixture       *f,
             gconstpointer  data)
{
  PursuitProspect *jane = add_prospect (f, "Jane Doe", "Acme", "+1 555 0100", 0);
  gint64 id = pursuit_prospect_get_id (jane);
  TestNotification *n = expect_notified (f, 1);
  g_autofree char *no_answer = action_key (id, "app.reminder-no-answer");
  g_autofree char *snooze = action_key (id, "app.reminder-snooze");
  g_autofree char *tomorrow = action_key (id, "app.reminder-tomorrow");

  g_assert_cmpstr (n->summary, ==, "Call Jane Doe — Acme");
  g_assert_cmpstr (n->body, ==, "Attempt 3 of 7 · asked to call back today\n+1 555 0100");
  g_assert_true (g_strv_contains ((const char * const *) n->actions, "default"));
  g_assert_true (g_strv_contains ((const char * const *) n->actions, no_answer));
  g_assert_true (g_strv_contains ((const char * const *) n->actions, "No answer"));
  g_assert_true (g_strv_contains ((const char * const *) n->actions, snooze));
  g_assert_true (g_strv_contains ((const char * const *) n->actions, "Snooze"));
  g_assert_true (g_strv_contains ((const char * const *) n->actions, tomorrow));
  g_assert_true (g_strv_contains ((const char * const *) n->actions, "Tomorrow"));

  /* The default action opens the Today page, where the follow-up is
   * worked with the others. */
  notification_daemon_invoke (daemon_, n->id, "default");
  pump (200);
  g_assert_cmpuint (todays, ==, 1);
  g_assert_cmpuint (opened->len, ==, 0);
  test_notification_free (n);
}

static void
test_markup (Fixture       *f,
             gconstpointer  data)
{
  TestNotification *n;

  add_prospect (f, "<b>Ann</b> & Co", "", "<i>555</i>", 0);
  n = expect_notified (f, 1);
  /* The summary is plain text in the protocol; the body may be markup. */
  g_assert_cmpstr (n->summary, ==, "Call <b>Ann</b> & Co");
  g_assert_true (g_str_has_suffix (n->body, "\n&lt;i&gt;555&lt;/i&gt;"));
  test_notification_free (n);
}

static gboolean
wait_until_attempts (PursuitProspect *prospect,
                     guint            attempts)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (pursuit_prospect_get_attempts (prospect) != attempts && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  return pursuit_prospect_get_attempts (prospect) == attempts;
}

static void
test_no_answer (Fixture       *f,
                gconstpointer  data)
{
  PursuitProspect *jane = add_prospect (f, "Jane Doe", "Acme", "+1 555 0100", 0);
  gint64 id = pursuit_prospect_get_id (jane);
  TestNotification *n = expect_notified (f, 1);
  g_autofree char *no_answer = action_key (id, "app.reminder-no-answer");
  g_autoptr(GListModel) touches = NULL;
  g_autoptr(PursuitTouch) touch = NULL;
  g_autoptr(PursuitStore) other = NULL;
  g_autoptr(GArray) closed = NULL;
  g_autoptr(GError) error = NULL;

  notification_daemon_invoke (daemon_, n->id, no_answer);
  /* The streak is counted again from the touches on file: this one. */
  g_assert_true (wait_until_attempts (jane, 1));

  /* On disk, as another process would read it. */
  other = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  touches = pursuit_store_list_touches (other, pursuit_store_find (other, id), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (touches), ==, 1);
  touch = g_list_model_get_item (touches, 0);
  g_assert_cmpint (pursuit_touch_get_outcome (touch), ==, PURSUIT_OUTCOME_NO_ANSWER);
  g_assert_cmpint (pursuit_touch_get_channel (touch), ==, PURSUIT_CHANNEL_CALL);
  g_assert_cmpint (pursuit_touch_get_direction (touch), ==, PURSUIT_DIRECTION_OUT);
  g_assert_cmpuint (pursuit_prospect_get_attempts (pursuit_store_find (other, id)), ==, 1);

  /* Dealt with: the notification goes. */
  g_assert_true (notification_daemon_wait_closed (daemon_, 1, 5000));
  closed = notification_daemon_get_closed (daemon_);
  g_assert_cmpuint (g_array_index (closed, guint32, 0), ==, n->id);
  test_notification_free (n);
}

static void
test_snooze (Fixture       *f,
             gconstpointer  data)
{
  PursuitProspect *jane = add_prospect (f, "Jane Doe", "Acme", "+1 555 0100", 0);
  gint64 id = pursuit_prospect_get_id (jane);
  TestNotification *n = expect_notified (f, 1);
  g_autofree char *snooze = action_key (id, "app.reminder-snooze");
  g_autoptr(GDateTime) in_an_hour = test_clock_in (&f->clock, 3600);
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  guint seconds = 0;

  notification_daemon_invoke (daemon_, n->id, snooze);
  while (!g_date_time_equal (pursuit_prospect_get_next_touch (jane), in_an_hour)
         && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (jane), in_an_hour));
  g_assert_true (notification_daemon_wait_closed (daemon_, 1, 5000));

  /* Armed for the hour; an hour later it comes again. */
  pump (50);
  g_assert_true (pursuit_scheduler_get_timer (f->scheduler, &seconds));
  g_assert_cmpuint (seconds, ==, 3600);
  test_clock_advance (&f->clock, 3600, 3600);
  g_assert_true (notification_daemon_wait_notified (daemon_, 2, 5000));
  test_notification_free (n);
}

static void
test_tomorrow (Fixture       *f,
               gconstpointer  data)
{
  PursuitProspect *jane = add_prospect (f, "Jane Doe", "Acme", "+1 555 0100", 0);
  gint64 id = pursuit_prospect_get_id (jane);
  TestNotification *n = expect_notified (f, 1);
  g_autofree char *tomorrow = action_key (id, "app.reminder-tomorrow");
  g_autoptr(GDateTime) now = test_clock_in (&f->clock, 0);
  g_autoptr(GDateTime) next = NULL;

  notification_daemon_invoke (daemon_, n->id, tomorrow);
  g_assert_true (notification_daemon_wait_closed (daemon_, 1, 5000));
  next = g_date_time_to_local (pursuit_prospect_get_next_touch (jane));
  g_assert_cmpint (g_date_time_get_hour (next), ==, 9);
  g_assert_cmpint (g_date_time_difference (next, now), >, 0);
  g_assert_cmpint (g_date_time_difference (next, now), <=, 33 * G_TIME_SPAN_HOUR);
  test_notification_free (n);
}

static void
test_logged_elsewhere (Fixture       *f,
                       gconstpointer  data)
{
  PursuitProspect *jane = add_prospect (f, "Jane Doe", "Acme", "+1 555 0100", 0);
  TestNotification *n = expect_notified (f, 1);
  g_autoptr(GDateTime) now = test_clock_in (&f->clock, 0);
  g_autoptr(PursuitTouch) touch = pursuit_touch_new (pursuit_prospect_get_id (jane), now, PURSUIT_CHANNEL_CALL,
                                                     PURSUIT_DIRECTION_OUT, PURSUIT_OUTCOME_REPLIED);
  g_autoptr(GArray) closed = NULL;
  g_autoptr(GError) error = NULL;

  /* As the touch dialog of the window logs it. */
  pursuit_store_record_touch (f->store, touch, &error);
  g_assert_no_error (error);
  g_assert_true (notification_daemon_wait_closed (daemon_, 1, 5000));
  closed = notification_daemon_get_closed (daemon_);
  g_assert_cmpuint (closed->len, ==, 1);
  g_assert_cmpuint (g_array_index (closed, guint32, 0), ==, n->id);
  test_notification_free (n);
}

static void
test_restart (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) notified = NULL;

  add_prospect (f, "Jane Doe", "Acme", "+1 555 0100", 0);
  test_notification_free (expect_notified (f, 1));

  stop (f);
  start (f);
  test_clock_advance (&f->clock, 0, 0);
  pump (300);
  notified = notification_daemon_get_notified (daemon_);
  g_assert_cmpuint (notified->len, ==, 1);
}

static void
test_burst (Fixture       *f,
            gconstpointer  data)
{
  TestNotification *n;

  /* The earliest three are from yesterday. */
  add_prospect (f, "A & B <c>", "", "", -26 * 3600);
  add_prospect (f, "Bob", "", "", -25 * 3600);
  add_prospect (f, "Cleo", "", "", -24 * 3600 - 60);
  for (guint i = 0; i < 9; i++)
    {
      g_autofree char *name = g_strdup_printf ("Today %u", i);
      add_prospect (f, name, "", "", -(gint64) i);
    }

  n = expect_notified (f, 1);
  g_assert_cmpstr (n->summary, ==, "12 follow-ups due — 3 overdue");
  g_assert_cmpstr (n->body, ==, "A &amp; B &lt;c&gt;, Bob, Cleo and 9 more");
  /* A click opens today's follow-ups: the Today page. */
  g_assert_true (g_strv_contains ((const char * const *) n->actions, "default"));
  notification_daemon_invoke (daemon_, n->id, "default");
  pump (200);
  g_assert_cmpuint (todays, ==, 1);
  test_notification_free (n);
}

static gboolean
touch_on_file (const char *path,
               gint64      id)
{
  g_autoptr(PursuitStore) store = pursuit_store_open (path, NULL);
  g_autoptr(GListModel) touches = NULL;
  PursuitProspect *prospect;

  if (store == NULL || (prospect = pursuit_store_find (store, id)) == NULL)
    return FALSE;
  touches = pursuit_store_list_touches (store, prospect, NULL);
  return touches != NULL && g_list_model_get_n_items (touches) == 1;
}

static gint64
add_in_stage (Fixture      *f,
              const char   *name,
              PursuitStage  stage,
              gint64        due_in)
{
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new (name);
  g_autoptr(GDateTime) when = test_clock_in (&f->clock, due_in);
  g_autoptr(GError) error = NULL;

  pursuit_prospect_set_stage (prospect, stage);
  if (stage == PURSUIT_STAGE_ACTIVE)
    pursuit_prospect_set_tier (prospect, PURSUIT_TIER_GOOD);
  if (stage == PURSUIT_STAGE_ACTIVE || stage == PURSUIT_STAGE_CUSTOMER)
    pursuit_prospect_set_next_touch (prospect, when);
  pursuit_store_add (f->store, prospect, &error);
  g_assert_no_error (error);
  return pursuit_prospect_get_id (prospect);
}

/* Activates the application's @action for prospect @id over the bus, as
 * a notification server (or anything else on the bus) may, and waits
 * for it to be handled. */
static void
activate_over_bus (const char *action,
                   gint64      id)
{
  GDBusConnection *bus = g_application_get_dbus_connection (app);
  g_autoptr(GDBusActionGroup) group = g_dbus_action_group_get (bus, g_application_get_application_id (app),
                                                               g_application_get_dbus_object_path (app));

  g_action_group_activate_action (G_ACTION_GROUP (group), action, g_variant_new_int64 (id));
  pump (300);
}

/* The reminder actions act only on a prospect in the state they are for:
 * not on a closed one, a customer (no attempts to log), a prospect in the
 * inbox, or a follow-up not yet due. */
static void
test_actions_check_state (Fixture       *f,
                          gconstpointer  data)
{
  const char *actions[] = { "reminder-no-answer", "reminder-snooze", "reminder-tomorrow" };
  gint64 closed = add_in_stage (f, "Closed Carl", PURSUIT_STAGE_CLOSED, 0);
  gint64 inbox = add_in_stage (f, "Inbox Ida", PURSUIT_STAGE_INBOX, 0);
  gint64 customer = add_in_stage (f, "Customer Cora", PURSUIT_STAGE_CUSTOMER, -60);
  gint64 later = add_in_stage (f, "Later Lea", PURSUIT_STAGE_ACTIVE, 3 * 24 * 3600);
  gint64 due = add_in_stage (f, "Due Dan", PURSUIT_STAGE_ACTIVE, -60);
  g_autofree char *before = pursuit_test_dump_database (f->path);
  g_autofree char *after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      activate_over_bus (actions[i], closed);
      activate_over_bus (actions[i], inbox);
    }
  activate_over_bus ("reminder-no-answer", customer);
  activate_over_bus ("reminder-no-answer", later);
  after = pursuit_test_dump_database (f->path);
  g_assert_cmpstr (after, ==, before);

  /* The same way, the actions do act where they should. */
  activate_over_bus ("reminder-no-answer", due);
  g_assert_true (touch_on_file (f->path, due));
  g_clear_pointer (&before, g_free);
  before = pursuit_test_dump_database (f->path);
  activate_over_bus ("reminder-tomorrow", customer);
  g_clear_pointer (&after, g_free);
  after = pursuit_test_dump_database (f->path);
  g_assert_cmpstr (after, !=, before);
}

/* A failed test must not leave the program running. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* The real program in background mode: no window, the notification
 * arrives, and its button works. */
static void
test_background_process (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autofree char *config = g_build_filename (f->dir, "config", NULL);
  g_autofree char *no_answer = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  TestNotification *n;
  gint64 id;

  if (g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("No display for the program to start GTK on");
      return;
    }

  id = pursuit_prospect_get_id (add_prospect (f, "Jane Doe", "Acme", "+1 555 0100", -60));
  no_answer = action_key (id, "app.reminder-no-answer");
  stop (f);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "XDG_STATE_HOME", f->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, PURSUIT_EXECUTABLE, "--background", "--database",
                                       f->path, NULL);
  g_assert_no_error (error);

  g_assert_true (notification_daemon_wait_notified (daemon_, 1, 30000));
  n = g_ptr_array_steal_index (notification_daemon_get_notified (daemon_), 0);
  g_assert_cmpstr (n->summary, ==, "Call Jane Doe — Acme");

  /* The touch is committed before the notification is withdrawn. */
  pump (200);
  notification_daemon_invoke (daemon_, n->id, no_answer);
  g_assert_true (notification_daemon_wait_closed (daemon_, 1, 20000));
  g_assert_true (touch_on_file (f->path, id));

  /* Quit, as the tray menu does. */
  reply = g_dbus_connection_call_sync (g_application_get_dbus_connection (app), "io.github.pursuit.Pursuit",
                                       "/io/github/pursuit/Pursuit", "org.freedesktop.Application",
                                       "ActivateAction", g_variant_new ("(sava{sv})", "quit", NULL, NULL), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (child, NULL, &error);
  g_assert_no_error (error);
  test_notification_free (n);
}

static void
show_today_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       data)
{
  todays++;
}

static void
open_prospect_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       data)
{
  gint64 id = g_variant_get_int64 (param);

  g_array_append_val (opened, id);
}

int
main (int   argc,
      char *argv[])
{
  static const GActionEntry entries[] = {
    { "open-prospect", open_prospect_action, "x" },
    { "show-today", show_today_action },
  };
  g_autofree char *app_id = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("GNOTIFICATION_BACKEND", "freedesktop", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("No session bus: run under dbus-run-session");
      return g_test_run ();
    }

  daemon_ = notification_daemon_start ();
  opened = g_array_new (FALSE, FALSE, sizeof (gint64));
  app_id = g_strdup_printf ("io.github.pursuit.TestNotifications%d", (int) getpid ());
  app = g_application_new (app_id, G_APPLICATION_DEFAULT_FLAGS);
  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), NULL);
  g_application_register (app, NULL, &error);
  g_assert_no_error (error);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/reminders/notifications/single", test_single);
  ADD ("/reminders/notifications/markup", test_markup);
  ADD ("/reminders/notifications/no-answer", test_no_answer);
  ADD ("/reminders/notifications/snooze", test_snooze);
  ADD ("/reminders/notifications/tomorrow", test_tomorrow);
  ADD ("/reminders/notifications/logged-elsewhere", test_logged_elsewhere);
  ADD ("/reminders/notifications/restart", test_restart);
  ADD ("/reminders/notifications/burst", test_burst);
  ADD ("/reminders/notifications/actions-check-state", test_actions_check_state);
  ADD ("/reminders/notifications/background-process", test_background_process);
#undef ADD

  status = g_test_run ();
  g_clear_object (&app);
  notification_daemon_stop (daemon_);
  g_array_unref (opened);
  return status;
}
