/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/second-launch-hands-over", test_second_launch_hands_over);
  return g_test_run ();
}
