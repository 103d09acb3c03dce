/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "test-util.h"

/* The executable of the build tree speaks the user's language: it finds
 * the translations the build compiled, as a user who follows the README
 * (build-aux/run) runs it, not only once installed. */

static void
run_in_german (PursuitTestRun *run,
               const char     *option,
               const char     *value)
{
  /* LANGUAGE picks the translation; LC_ALL stays the test's C.UTF-8, so
   * no German locale needs to be installed. */
  g_setenv ("LANGUAGE", "de", TRUE);
  pursuit_test_run_pursuit (run, option, value, NULL);
  g_unsetenv ("LANGUAGE");
}

static void
test_help_in_german (void)
{
  g_auto(PursuitTestRun) run = { 0 };

  run_in_german (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Interessenten aus einer CSV-Datei importieren"));
  g_assert_null (strstr (run.out, "Import prospects from a CSV file\n"));
}

static void
test_missing_database_in_german (void)
{
  g_autofree char *dir = pursuit_test_make_dir ("pursuit-translations");
  g_autofree char *db = g_build_filename (dir, "missing.db", NULL);
  g_autofree char *option = g_strconcat ("--database=", db, NULL);
  g_auto(PursuitTestRun) run = { 0 };

  run_in_german (&run, option, "--due");
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "Es gibt keine Datenbank unter"));
  g_assert_null (strstr (run.err, "There is no database"));
  /* Nothing was made where the database was not. */
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  pursuit_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/translations/help", test_help_in_german);
  g_test_add_func ("/translations/missing-database", test_missing_database_in_german);
  return g_test_run ();
}
