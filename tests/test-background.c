/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test-background"

#include "config.h"

#include <string.h>

#include "pursuit-background.h"

/* Starting at login outside a sandbox: the autostart desktop entry. The
 * test's XDG_CONFIG_HOME is a temporary folder (G_TEST_OPTION_ISOLATE_DIRS). */

static void
assert_exec (const char *path,
             const char *expected)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *exec = NULL;
  g_autofree char *start = NULL;
  g_autoptr(GError) error = NULL;

  g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  exec = g_key_file_get_string (file, "Desktop Entry", "Exec", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (exec, ==, expected);
  start = g_key_file_get_start_group (file);
  g_assert_cmpstr (start, ==, "Desktop Entry");
}

static void
test_write_remove (void)
{
  g_autofree char *path = pursuit_background_autostart_path ();
  g_autofree char *expected_path = g_build_filename (g_get_user_config_dir (), "autostart",
                                                     "io.github.pursuit.Pursuit.desktop", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (path, ==, expected_path);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  pursuit_background_write_autostart ("pursuit", NULL, &error);
  g_assert_no_error (error);
  assert_exec (path, "pursuit --background");

  /* A path with a space is quoted. */
  pursuit_background_write_autostart ("/opt/my apps/pursuit", NULL, &error);
  g_assert_no_error (error);
  assert_exec (path, "\"/opt/my apps/pursuit\" --background");

  pursuit_background_remove_autostart (&error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  /* Removing what is not there is fine. */
  pursuit_background_remove_autostart (&error);
  g_assert_no_error (error);
}

static void
test_preference (void)
{
  g_autofree char *path = pursuit_background_autostart_path ();

  /* Not in a sandbox here: the desktop entry, with this executable. */
  pursuit_background_set_autostart (TRUE, NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  pursuit_background_set_autostart (FALSE, NULL);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* The Exec line of the autostart entry, split as a desktop would. */
static GStrv
read_exec_argv (void)
{
  g_autofree char *path = pursuit_background_autostart_path ();
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *exec = NULL;
  g_autoptr(GError) error = NULL;
  char **argv = NULL;

  g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  exec = g_key_file_get_string (file, "Desktop Entry", "Exec", &error);
  g_assert_no_error (error);
  g_shell_parse_argv (exec, NULL, &argv, &error);
  g_assert_no_error (error);
  return argv;
}

/* Background mode at login opens the database the user runs Pursuit
 * with, whatever its name holds. */
static void
test_database (void)
{
  const char *databases[] = { "/home/me/work.db", "/home/me/My Pipeline/50% \"best\" $HOME `x`\\.db",
                              "/tmp/two\nlines\tand tab.db" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (databases); i++)
    {
      g_auto(GStrv) argv = NULL;

      pursuit_background_write_autostart ("pursuit", databases[i], &error);
      g_assert_no_error (error);
      argv = read_exec_argv ();
      g_assert_cmpuint (g_strv_length (argv), ==, 4);
      g_assert_cmpstr (argv[1], ==, "--background");
      g_assert_cmpstr (argv[2], ==, "--database");
      /* The desktop's field codes: "%%" is a "%". */
      if (strchr (databases[i], '%') != NULL)
        {
          g_autofree char *expected = g_strjoinv ("%%", (char *[]) { "/home/me/My Pipeline/50", " \"best\" $HOME `x`\\.db", NULL });
          g_assert_cmpstr (argv[3], ==, expected);
        }
      else
        g_assert_cmpstr (argv[3], ==, databases[i]);
    }

  /* Through the preference, as the application sets it. */
  pursuit_background_set_autostart (TRUE, "/srv/team.db");
  {
    g_auto(GStrv) argv = read_exec_argv ();

    g_assert_cmpstr (argv[3], ==, "/srv/team.db");
  }
  pursuit_background_set_autostart (FALSE, "/srv/team.db");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/reminders/background/write-remove", test_write_remove);
  g_test_add_func ("/reminders/background/preference", test_preference);
  g_test_add_func ("/reminders/background/database", test_database);

  return g_test_run ();
}
