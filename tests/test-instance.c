/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

/* Two launches of the executable: the second hands its command line to
 * the running one, which works on the store its window shows. */

static gboolean
name_has_owner (GDBusConnection *bus,
                const char      *name)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                           "org.freedesktop.DBus", "NameHasOwner",
                                                           g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                                           G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  gboolean owned = FALSE;

  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

static char *
run (const char *db,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  const char *arg;
  va_list args;
  int status;

  g_ptr_array_add (argv, (char *) PURSUIT_EXECUTABLE);
  g_ptr_array_add (argv, (char *) "--database");
  g_ptr_array_add (argv, (char *) db);
  va_start (args, db);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
test_second_launch_hands_over (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autofree char *dir = g_dir_make_tmp ("pursuit-instance-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "pursuit.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "in.csv", NULL);
  g_autofree char *log = g_build_filename (dir, "primary.log", NULL);
  g_autofree char *imported = NULL;
  g_autofree char *due = NULL;
  g_autofree char *primary_log = NULL;
  const char *argv[] = { PURSUIT_EXECUTABLE, "--database", db, NULL };
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  GPid primary;
  int log_fd;

  g_assert_nonnull (bus);
  g_assert_true (g_file_set_contents (csv, "name,stage,tier,next_touch\nJane Doe,active,hot,2020-01-06T09:00:00\n", -1,
                                      NULL));

  /* The first launch opens the window and owns the application's name. */
  env = g_environ_setenv (env, "G_MESSAGES_DEBUG", "pursuit-application", TRUE);
  log_fd = g_open (log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_spawn_async_with_fds (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &primary, -1, log_fd, log_fd,
                          &error);
  g_assert_no_error (error);
  for (int i = 0; i < 200 && !name_has_owner (bus, APPLICATION_ID); i++)
    g_usleep (50 * 1000);
  g_assert_true (name_has_owner (bus, APPLICATION_ID));

  /* The second hands over its import, and the first's store has it. */
  imported = run (db, "--import-csv", csv, NULL);
  g_assert_nonnull (strstr (imported, "Imported 1 prospect"));
  due = run (db, "--due", NULL);
  g_assert_nonnull (strstr (due, "Jane Doe"));

  kill (primary, SIGTERM);
  g_spawn_close_pid (primary);
  close (log_fd);
  g_assert_true (g_file_get_contents (log, &primary_log, NULL, NULL));
  g_assert_nonnull (strstr (primary_log, "Handling a command line on the open database"));
}

/* Runs the executable with @env (NULL: this process's) and returns its
 * standard output; the exit status goes to @status. */
static char *
run_env (char      **env,
         int        *status,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *) PURSUIT_EXECUTABLE);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, status, &error);
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", out, err);
  return out;
}

static GPid
start_primary_full (GDBusConnection      *bus,
                    const char           *db,
                    const char           *log,
                    GSpawnChildSetupFunc  child_setup)
{
  const char *argv[] = { PURSUIT_EXECUTABLE, "--database", db, NULL };
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "G_MESSAGES_DEBUG", "pursuit-application", TRUE);
  g_autoptr(GError) error = NULL;
  GPid primary;
  int log_fd;

  /* An instance of an earlier test may still be on its way out (slowly
   * under AddressSanitizer, which looks for leaks at exit). */
  for (int i = 0; i < 1200 && name_has_owner (bus, APPLICATION_ID); i++)
    g_usleep (50 * 1000);
  g_assert_false (name_has_owner (bus, APPLICATION_ID));
  log_fd = g_open (log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_spawn_async_with_fds (NULL, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD, child_setup, NULL, &primary, -1,
                          log_fd, log_fd, &error);
  g_assert_no_error (error);
  close (log_fd);
  for (int i = 0; i < 200 && !name_has_owner (bus, APPLICATION_ID); i++)
    g_usleep (50 * 1000);
  g_assert_true (name_has_owner (bus, APPLICATION_ID));
  return primary;
}

static GPid
start_primary (GDBusConnection *bus,
               const char      *db,
               const char      *log)
{
  return start_primary_full (bus, db, log, NULL);
}

/* Quits the instance as its Quit menu item does and waits for it. */
static void
quit_primary (GDBusConnection *bus,
              GPid             primary)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  reply = g_dbus_connection_call_sync (bus, APPLICATION_ID, "/io/github/pursuit/Pursuit", "org.gtk.Actions",
                                       "Activate", g_variant_new ("(sava{sv})", "quit", NULL, NULL), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 1200 && waitpid (primary, &status, WNOHANG) == 0; i++)
    g_usleep (50 * 1000);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_spawn_close_pid (primary);
}

/* The window's process keeps the database's locks whatever spelling of
 * its path a forwarded command uses: otherwise the next program to close
 * the file (a cron job with no session bus) takes the WAL away from under
 * the window, and what the window saves afterwards is lost. */
static void
test_other_spelling_keeps_locks (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autofree char *dir = g_dir_make_tmp ("pursuit-instance-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "pursuit.db", NULL);
  g_autofree char *doubled = g_strconcat (dir, "//pursuit.db", NULL);
  g_autofree char *link = g_build_filename (dir, "link", NULL);
  g_autofree char *linked = g_build_filename (link, "pursuit.db", NULL);
  g_autofree char *log = g_build_filename (dir, "primary.log", NULL);
  g_autofree char *primary_log = NULL;
  g_auto(GStrv) busless = g_get_environ ();
  GPid primary;
  int status;

  g_assert_nonnull (bus);
  g_assert_cmpint (symlink (dir, link), ==, 0);
  busless = g_environ_unsetenv (busless, "DBUS_SESSION_BUS_ADDRESS");
  busless = g_environ_unsetenv (busless, "DISPLAY");
  busless = g_environ_setenv (busless, "XDG_RUNTIME_DIR", dir, TRUE);

  primary = start_primary (bus, db, log);
  for (int round = 0; round < 3; round++)
    {
      g_autofree char *csv = g_strdup_printf ("%s/in%d.csv", dir, round);
      g_autofree char *rows = g_strdup_printf ("name,stage,tier,next_touch\nRound %d,active,hot,2020-01-06T09:00:00\n",
                                               round);
      g_autofree char *forwarded = NULL;
      g_autofree char *imported = NULL;
      g_autofree char *cron = NULL;

      g_assert_true (g_file_set_contents (csv, rows, -1, NULL));
      forwarded = run_env (NULL, &status, "--database", round % 2 ? linked : doubled, "--due", NULL);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_clear_pointer (&forwarded, g_free);
      cron = run_env (busless, &status, "--database", db, "--due", NULL);
      g_assert_true (g_spawn_check_wait_status (status, NULL));

      imported = run_env (NULL, &status, "--database", db, "--import-csv", csv, NULL);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_nonnull (strstr (imported, "Imported 1 prospect"));

      /* What the window saved is there for every other program. */
      g_clear_pointer (&cron, g_free);
      cron = run_env (busless, &status, "--database", db, "--due", NULL);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      for (int i = 0; i <= round; i++)
        {
          g_autofree char *name = g_strdup_printf ("Round %d", i);
          g_assert_nonnull (strstr (cron, name));
        }
    }
  quit_primary (bus, primary);

  g_assert_true (g_file_get_contents (log, &primary_log, NULL, NULL));
  g_assert_null (strstr (primary_log, "on another database"));
  {
    g_autofree char *after = run_env (busless, &status, "--database", db, "--due", NULL);

    g_assert_nonnull (strstr (after, "Round 0"));
    g_assert_nonnull (strstr (after, "Round 1"));
    g_assert_nonnull (strstr (after, "Round 2"));
  }
  g_unlink (link);
  for (int round = 0; round < 3; round++)
    {
      g_autofree char *csv = g_strdup_printf ("%s/in%d.csv", dir, round);
      g_unlink (csv);
    }
  {
    const char *names[] = { "pursuit.db", "pursuit.db-wal", "pursuit.db-shm", "primary.log" };
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = g_build_filename (dir, names[i], NULL);
        g_unlink (path);
      }
  }
  g_rmdir (dir);
}

/* What a command line's output costs on the bus, seen by a monitor. */
typedef struct
{
  GMutex lock;
  gsize  total;    /* bytes of text in Print and PrintError messages */
  gsize  largest;  /* in one message */
  guint  markers;  /* marker signals seen, see print_stats_get() */
} PrintStats;

#define MARKER_INTERFACE "io.github.pursuit.Test.Marker"


static GDBusMessage *
monitor_filter (GDBusConnection *connection,
                GDBusMessage    *message,
                gboolean         incoming,
                gpointer         data)
{
  PrintStats *stats = data;
  const char *member = g_dbus_message_get_member (message);
  GVariant *body = g_dbus_message_get_body (message);

  if (incoming && g_strcmp0 (g_dbus_message_get_interface (message), "org.gtk.private.CommandLine") == 0
      && (g_strcmp0 (member, "Print") == 0 || g_strcmp0 (member, "PrintError") == 0) && body != NULL
      && g_variant_is_of_type (body, G_VARIANT_TYPE ("(s)")))
    {
      const char *text;
      gsize length;

      g_variant_get (body, "(&s)", &text);
      length = strlen (text);
      g_mutex_lock (&stats->lock);
      stats->total += length;
      stats->largest = MAX (stats->largest, length);
      g_mutex_unlock (&stats->lock);
    }
  else if (incoming && g_strcmp0 (g_dbus_message_get_interface (message), MARKER_INTERFACE) == 0)
    {
      g_mutex_lock (&stats->lock);
      stats->markers++;
      g_mutex_unlock (&stats->lock);
    }
  /* A monitor only listens: nothing it sees is handled (or answered). */
  g_object_unref (message);
  return NULL;
}

static GDBusConnection *
start_monitor (PrintStats *stats)
{
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  const char *rules[] = { "interface='org.gtk.private.CommandLine'", "interface='" MARKER_INTERFACE "'", NULL };
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  GDBusConnection *monitor;

  monitor = g_dbus_connection_new_for_address_sync (address,
                                                    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                    | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                    NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (monitor, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus.Monitoring", "BecomeMonitor",
                                       g_variant_new ("(^asu)", rules, 0), NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       &error);
  g_assert_no_error (error);
  g_dbus_connection_add_filter (monitor, monitor_filter, stats, NULL);
  return monitor;
}

static void
print_stats_get (PrintStats *stats,
                 gsize      *total,
                 gsize      *largest)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  guint markers;
  gboolean seen = FALSE;

  /* Messages sent before the command line ended were routed before a
   * signal sent now: once the monitor has seen it, it has seen them. */
  g_mutex_lock (&stats->lock);
  markers = stats->markers;
  g_mutex_unlock (&stats->lock);
  g_assert_true (g_dbus_connection_emit_signal (bus, NULL, "/io/github/pursuit/Test", MARKER_INTERFACE, "Marker",
                                                NULL, NULL));
  g_assert_true (g_dbus_connection_flush_sync (bus, NULL, NULL));
  while (!seen && g_get_monotonic_time () < deadline)
    {
      g_mutex_lock (&stats->lock);
      seen = stats->markers > markers;
      g_mutex_unlock (&stats->lock);
      if (!seen)
        g_usleep (10 * 1000);
    }
  g_assert_true (seen);
  g_mutex_lock (&stats->lock);
  *total = stats->total;
  *largest = stats->largest;
  stats->total = stats->largest = 0;
  g_mutex_unlock (&stats->lock);
}

static void
write_pipeline (const char *csv,
                guint       n)
{
  g_autoptr(GString) rows = g_string_new ("name,stage,tier,next_touch,notes\n");
  g_autofree char *filler = g_strnfill (400, 'x');

  for (guint i = 0; i < n; i++)
    g_string_append_printf (rows, "Prospect %u %s,active,hot,2020-01-06T09:00:00,%s\n", i, filler, filler);
  g_assert_true (g_file_set_contents (csv, rows->str, rows->len, NULL));
}

/* An export to standard output never travels over the bus: the launch
 * reads the database itself, also after handing an import to the
 * instance; what a remote command line prints goes in small messages. */
static void
test_large_output_off_the_bus (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autofree char *dir = g_dir_make_tmp ("pursuit-instance-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "pursuit.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "big.csv", NULL);
  g_autofree char *log = g_build_filename (dir, "primary.log", NULL);
  g_autofree char *primary_log = NULL;
  g_autoptr(GDBusConnection) monitor = NULL;
  PrintStats stats = { 0 };
  gsize total, largest;
  GPid primary;
  int status;

  write_pipeline (csv, 600);
  primary = start_primary (bus, db, log);
  monitor = start_monitor (&stats);

  /* The import goes to the instance, the export stays here. */
  {
    g_autofree char *out = run_env (NULL, &status, "--database", db, "--import-csv", csv, "--export-csv", "-",
                                    NULL);

    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "Imported 600 prospects"));
    g_assert_nonnull (strstr (out, "Prospect 599 xxx"));
    g_assert_cmpuint (strlen (out), >, 500000);
    print_stats_get (&stats, &total, &largest);
    g_assert_cmpuint (total, <, 1000);
  }
  {
    g_autofree char *out = run_env (NULL, &status, "--database", db, "--export-ics", "-", NULL);

    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "SUMMARY:Call Prospect 599 "));
    print_stats_get (&stats, &total, &largest);
    g_assert_cmpuint (total, ==, 0);
  }
  /* /dev/stdout names the launch's own output too, not the instance's. */
  {
    g_autofree char *out = run_env (NULL, &status, "--database", db, "--export-csv", "/dev/stdout", NULL);

    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "Prospect 599 xxx"));
    print_stats_get (&stats, &total, &largest);
    g_assert_cmpuint (total, ==, 0);
  }

  /* --due is answered by the instance, in pieces. */
  {
    g_autofree char *out = run_env (NULL, &status, "--database", db, "--due", NULL);

    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "Prospect 599 xxx"));
    print_stats_get (&stats, &total, &largest);
    g_assert_cmpuint (strlen (out), >, 4 * 65536);
    g_assert_cmpuint (total, >=, strlen (out));
    g_assert_cmpuint (largest, <=, 65536);
  }

  quit_primary (bus, primary);
  g_assert_true (g_file_get_contents (log, &primary_log, NULL, NULL));
  g_assert_nonnull (strstr (primary_log, "Handling a command line on the open database"));
  g_assert_null (strstr (primary_log, "exporting to its standard output"));
  g_dbus_connection_close_sync (monitor, NULL, NULL);

  {
    const char *names[] = { "pursuit.db", "pursuit.db-wal", "pursuit.db-shm", "primary.log", "big.csv" };
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = g_build_filename (dir, names[i], NULL);
        g_unlink (path);
      }
  }
  g_rmdir (dir);
}

/* Even as root, the child may not change the mode of another's file. */
static void
drop_fowner (gpointer data)
{
  prctl (PR_CAPBSET_DROP, CAP_FOWNER, 0, 0, 0);
}

/* A database that others may read and that cannot be made private: the
 * window's process says so (in a toast, and in its log, checked here). */
static void
test_window_warns_exposed (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autofree char *dir = g_dir_make_tmp ("pursuit-instance-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "pursuit.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "in.csv", NULL);
  g_autofree char *log = g_build_filename (dir, "primary.log", NULL);
  g_autofree char *primary_log = NULL;
  g_autofree char *imported = NULL;
  GPid primary;
  int status;

  if (geteuid () != 0)
    {
      g_test_skip ("Needs root, to give the database to another user");
      return;
    }
  g_assert_true (g_file_set_contents (csv, "name\nJane Doe\n", -1, NULL));
  imported = run_env (NULL, &status, "--database", db, "--import-csv", csv, NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpint (chown (db, 65534, 65534), ==, 0);
  g_assert_cmpint (g_chmod (db, 0666), ==, 0);

  primary = start_primary_full (bus, db, log, drop_fowner);
  quit_primary (bus, primary);
  g_assert_true (g_file_get_contents (log, &primary_log, NULL, NULL));
  g_assert_nonnull (strstr (primary_log, "Other users of this computer may read or change"));

  {
    const char *names[] = { "pursuit.db", "pursuit.db-wal", "pursuit.db-shm", "primary.log", "in.csv" };
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = g_build_filename (dir, names[i], NULL);
        g_unlink (path);
      }
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/cli/second-launch-hands-over", test_second_launch_hands_over);
  g_test_add_func ("/cli/other-spelling-keeps-locks", test_other_spelling_keeps_locks);
  g_test_add_func ("/cli/large-output-off-the-bus", test_large_output_off_the_bus);
  g_test_add_func ("/cli/window-warns-exposed", test_window_warns_exposed);
  return g_test_run ();
}
