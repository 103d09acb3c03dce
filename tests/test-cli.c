/* SPDX-License-Identifier: GPL-3.0-or-later */
/* symlink(), chown() with -std=c17 */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pursuit-cli.h"
#include "pursuit-store.h"
#include "test-util.h"

/* The command line, run as a user would: the built executable in a child
 * process, with no display needed. */

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pursuit-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "pursuit.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pursuit_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static char *
read_file (const char *path)
{
  char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_version (void)
{
  g_auto(PursuitTestRun) run = { 0 };

  pursuit_test_run_pursuit (&run, "--version", NULL);
  g_assert_true (g_spawn_check_wait_status (run.status, NULL));
  g_assert_cmpstr (run.out, ==, "pursuit " PACKAGE_VERSION "\n");
}

static const char sample_csv[] =
  "name,company,email,phone,stage,tier,value,attempts,next_touch,notes\r\n"
  "Jane Doe,\"Acme, Inc.\",jane@acme.test,,active,hot,1000,2,2020-01-06T09:00:00,\"said \"\"call me\"\"\"\r\n"
  "Bad Email,Foo,not-an-email,,inbox,,,,,\r\n"
  "Ola Nordmann,Fjord AS,,,inbox,,250,0,,\"two\nlines\"\r\n"
  "Zoe Future,Later Ltd,,,active,cold,,0,2999-01-01T09:00:00,\r\n";

static void
test_import_then_export (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *csv = write_file (f, "in.csv", sample_csv);
  g_auto(PursuitTestRun) import = { 0 };
  g_auto(PursuitTestRun) export = { 0 };
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GError) error = NULL;

  pursuit_test_run_pursuit (&import, "--database", f->db, "--import-csv", csv, NULL);
  /* Skipped rows: a status of their own, so that scripts notice. */
  g_assert_true (WIFEXITED (import.status));
  g_assert_cmpint (WEXITSTATUS (import.status), ==, PURSUIT_CLI_EXIT_SKIPPED);
  g_assert_nonnull (strstr (import.out, "Imported 3 prospects, skipped 1 row."));
  g_assert_nonnull (strstr (import.err, "in.csv:3: skipped"));

  store = pursuit_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (store)), ==, 3);
  g_clear_object (&store);

  pursuit_test_run_pursuit (&export, "--database", f->db, "--export-csv", "-", NULL);
  g_assert_true (g_spawn_check_wait_status (export.status, NULL));
  /* The documented columns first; new ones only ever come after them. */
  g_assert_true (g_str_has_prefix (export.out, "name,company,email,phone,stage,tier,value,attempts,next_touch,notes"));
  g_assert_nonnull (strstr (export.out, "Jane Doe,\"Acme, Inc.\",jane@acme.test"));
  g_assert_nonnull (strstr (export.out, "\"two\nlines\""));
  g_assert_null (strstr (export.out, "Bad Email"));
}

/* An import from the command line plans by the user's own cadence, as
 * the window does: Good set to 2 days is not planned a week out. */
static void
test_import_follows_settings (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *csv = write_file (f, "good.csv", "name,stage,tier\nGina Good,active,good\n");
  g_autofree char *config = g_build_filename (f->dir, "config", NULL);
  g_autofree char *settings_dir = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  g_autofree char *old_backend = g_strdup (g_getenv ("GSETTINGS_BACKEND"));
  g_autofree char *old_config = g_strdup (g_getenv ("XDG_CONFIG_HOME"));
  g_auto(PursuitTestRun) import = { 0 };
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) week = g_date_time_add_days (now, 6);
  g_autoptr(GError) error = NULL;
  PursuitProspect *gina;

  g_assert_cmpint (g_mkdir_with_parents (settings_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyfile, "[io/github/pursuit/Pursuit]\ncadence-good=uint32 2\n", -1, NULL));
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  pursuit_test_run_pursuit (&import, "--database", f->db, "--import-csv", csv, NULL);
  if (old_backend != NULL)
    g_setenv ("GSETTINGS_BACKEND", old_backend, TRUE);
  else
    g_unsetenv ("GSETTINGS_BACKEND");
  if (old_config != NULL)
    g_setenv ("XDG_CONFIG_HOME", old_config, TRUE);
  else
    g_unsetenv ("XDG_CONFIG_HOME");
  g_assert_true (g_spawn_check_wait_status (import.status, NULL));

  store = pursuit_store_open (f->db, &error);
  g_assert_no_error (error);
  gina = g_list_model_get_item (pursuit_store_get_prospects (store), 0);
  g_assert_nonnull (pursuit_prospect_get_next_touch (gina));
  /* Two days, moved at most over a weekend: never the default week. */
  g_assert_cmpint (g_date_time_compare (pursuit_prospect_get_next_touch (gina), week), <, 0);
  g_object_unref (gina);
}

static void
test_export_to_relative_file (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *csv = write_file (f, "in.csv", sample_csv);
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *out_path = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto(PursuitTestRun) import = { 0 };
  g_auto(PursuitTestRun) export = { 0 };

  pursuit_test_run_pursuit (&import, "--database", f->db, "--import-csv", csv, NULL);
  g_assert_cmpint (WEXITSTATUS (import.status), ==, PURSUIT_CLI_EXIT_SKIPPED);

  g_assert_no_errno (g_chdir (f->dir));
  pursuit_test_run_pursuit (&export, "--database", "pursuit.db", "--export-csv", "out.csv", NULL);
  g_assert_no_errno (g_chdir (cwd));
  g_assert_true (g_spawn_check_wait_status (export.status, NULL));

  contents = read_file (out_path);
  g_assert_nonnull (strstr (contents, "Ola Nordmann"));
  g_assert_nonnull (strstr (contents, "Zoe Future"));
}

static void
test_due_lists_due_and_overdue (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *csv = write_file (f, "in.csv", sample_csv);
  g_auto(PursuitTestRun) import = { 0 };
  g_auto(PursuitTestRun) due = { 0 };
  g_auto(GStrv) lines = NULL;

  pursuit_test_run_pursuit (&import, "--database", f->db, "--import-csv", csv, NULL);
  g_assert_cmpint (WEXITSTATUS (import.status), ==, PURSUIT_CLI_EXIT_SKIPPED);

  pursuit_test_run_pursuit (&due, "--database", f->db, "--due", NULL);
  g_assert_true (g_spawn_check_wait_status (due.status, NULL));
  lines = g_strsplit (due.out, "\n", -1);
  /* Jane is overdue since 2020; Zoe is due in 2999; Ola has no date. */
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_true (g_str_has_prefix (lines[0], "2020-01-06 09:00\t"));
  g_assert_nonnull (strstr (lines[0], "\tJane Doe\tAcme, Inc.\toverdue "));
  /* How to reach her comes last: no phone, so her email. */
  g_assert_true (g_str_has_suffix (lines[0], "\tjane@acme.test"));
  g_assert_cmpstr (lines[1], ==, "");
}

/* Adds an active prospect due now to the database @path. */
static void
add_due (const char *path,
         const char *name,
         const char *company,
         const char *phone)
{
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new (name);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;

  store = pursuit_store_open (path, &error);
  g_assert_no_error (error);
  pursuit_prospect_set_company (prospect, company);
  pursuit_prospect_set_phone (prospect, phone);
  pursuit_store_add (store, prospect, &error);
  g_assert_no_error (error);
  pursuit_store_move (store, prospect, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT, now, &error);
  g_assert_no_error (error);
}

/* A name can hold anything, but --due never hands the terminal an
 * escape sequence, nor lets a newline or tab forge a line or column. */
static void
test_due_escapes (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(PursuitTestRun) due = { 0 };
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) columns = NULL;

  add_due (f->db, "Eve\x1b[2J\x1b]0;pwned\x07\nFake\tline\b\x7f\u202e", "C:\\dir \xc2\x9b" "1m",
           "+1 555\r0100");
  pursuit_test_run_pursuit (&due, "--database", f->db, "--due", NULL);
  g_assert_true (g_spawn_check_wait_status (due.status, NULL));

  for (const char *c = due.out; *c != '\0'; c++)
    if (*c != '\n' && *c != '\t')
      g_assert_false (g_ascii_iscntrl (*c));
  g_assert_null (strstr (due.out, "\xc2\x9b"));
  g_assert_null (strstr (due.out, "\xe2\x80\xae"));
  lines = g_strsplit (due.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  columns = g_strsplit (lines[0], "\t", -1);
  g_assert_cmpuint (g_strv_length (columns), ==, 6);
  g_assert_cmpstr (columns[2], ==, "Eve\\x1b[2J\\x1b]0;pwned\\x07\\nFake\\tline\\x08\\x7f\\u202e");
  g_assert_cmpstr (columns[3], ==, "C:\\\\dir \\u009b1m");
  g_assert_cmpstr (columns[5], ==, "+1 555\\r0100");
}

/* An option given an empty value is a mistake, not a request to do
 * nothing: said, with a failing status, and nothing is created. */
static void
test_empty_arguments (Fixture       *f,
                      gconstpointer  data)
{
  const char *options[] = { "--export-csv", "--export-ics", "--import-csv", "--backup" };

  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      g_auto(PursuitTestRun) run = { 0 };

      pursuit_test_run_pursuit (&run, "--database", f->db, options[i], "", NULL);
      g_assert_false (g_spawn_check_wait_status (run.status, NULL));
      g_assert_nonnull (strstr (run.err, options[i]));
      g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
    }

  {
    g_auto(PursuitTestRun) run = { 0 };

    pursuit_test_run_pursuit (&run, "--database", "", "--due", NULL);
    g_assert_false (g_spawn_check_wait_status (run.status, NULL));
    g_assert_nonnull (strstr (run.err, "--database"));
    g_assert_cmpstr (run.out, ==, "");
  }
}

/* Only an import (or the window) creates a database: --due, the exports
 * and --backup on a missing file say so and create neither it nor its
 * folder. */
static void
test_missing_database (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "typo", NULL);
  g_autofree char *db = g_build_filename (folder, "pursuit.db", NULL);
  g_autofree char *out = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *csv = write_file (f, "in.csv", sample_csv);
  const char *work[][2] = {
    { "--due", NULL }, { "--export-csv", "-" }, { "--export-csv", out }, { "--export-ics", "-" },
    { "--backup", out },
  };

  for (guint i = 0; i < G_N_ELEMENTS (work); i++)
    {
      g_auto(PursuitTestRun) run = { 0 };

      pursuit_test_run_pursuit (&run, "--database", db, work[i][0], work[i][1], NULL);
      g_assert_true (WIFEXITED (run.status));
      g_assert_cmpint (WEXITSTATUS (run.status), ==, 1);
      g_assert_nonnull (strstr (run.err, db));
      g_assert_cmpstr (run.out, ==, "");
      g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }

  {
    g_auto(PursuitTestRun) run = { 0 };

    pursuit_test_run_pursuit (&run, "--database", db, "--import-csv", csv, NULL);
    g_assert_cmpint (WEXITSTATUS (run.status), ==, PURSUIT_CLI_EXIT_SKIPPED);
    g_assert_true (g_file_test (db, G_FILE_TEST_IS_REGULAR));
  }
}

/* Runs in the child before it runs pursuit: even as root, it may not
 * change the mode of a file that is not its own. */
static void
drop_fowner (gpointer data)
{
  prctl (PR_CAPBSET_DROP, CAP_FOWNER, 0, 0, 0);
}

/* A database that others may read, and that Pursuit cannot make private
 * (it belongs to someone else): the user is told, not only a log. */
static void
test_exposed_database (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *csv = write_file (f, "in.csv", sample_csv);
  g_auto(PursuitTestRun) import = { 0 };
  const char *argv[] = { PURSUIT_EXECUTABLE, "--database", f->db, "--due", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (geteuid () != 0)
    {
      g_test_skip ("Needs root, to give the database to another user");
      return;
    }
  pursuit_test_run_pursuit (&import, "--database", f->db, "--import-csv", csv, NULL);
  g_assert_cmpint (chown (f->db, 65534, 65534), ==, 0);
  g_assert_cmpint (g_chmod (f->db, 0666), ==, 0);

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, drop_fowner, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", out, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "Jane Doe"));
  g_assert_nonnull (strstr (err, "Other users of this computer may read or change"));
  g_assert_nonnull (strstr (err, f->db));
}

/* No export or backup writes over the database it comes from, however
 * the path is spelled. */
static void
test_output_onto_database (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *csv = write_file (f, "in.csv", sample_csv);
  g_autofree char *link = g_build_filename (f->dir, "link.db", NULL);
  g_autofree char *doubled = g_strconcat (f->dir, "//pursuit.db", NULL);
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_auto(PursuitTestRun) import = { 0 };
  g_autoptr(GBytes) before = NULL;
  const char *options[] = { "--export-csv", "--export-ics", "--backup" };

  pursuit_test_run_pursuit (&import, "--database", f->db, "--import-csv", csv, NULL);
  g_assert_cmpint (symlink (f->db, link), ==, 0);
  before = pursuit_test_read_bytes (f->db);
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      const char *targets[] = { f->db, link, doubled };

      for (guint j = 0; j < G_N_ELEMENTS (targets); j++)
        {
          g_auto(PursuitTestRun) run = { 0 };
          g_autoptr(GBytes) after = NULL;

          pursuit_test_run_pursuit (&run, "--database", f->db, options[i], targets[j], NULL);
          g_assert_true (WIFEXITED (run.status));
          g_assert_cmpint (WEXITSTATUS (run.status), ==, 1);
          g_assert_nonnull (strstr (run.err, "is the database itself"));
          after = pursuit_test_read_bytes (f->db);
          g_assert_true (g_bytes_equal (before, after));
          g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
        }
    }
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* The exit statuses are documented where users look. */
static void
test_help_exit_status (void)
{
  g_auto(PursuitTestRun) run = { 0 };
  g_autofree char *skipped = g_strdup_printf ("%d when an import skipped rows", PURSUIT_CLI_EXIT_SKIPPED);

  pursuit_test_run_pursuit (&run, "--help", NULL);
  g_assert_true (g_spawn_check_wait_status (run.status, NULL));
  g_assert_nonnull (strstr (run.out, skipped));
}

static void
test_unreadable_csv_changes_nothing (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *csv = write_file (f, "in.csv", sample_csv);
  g_autofree char *missing = g_build_filename (f->dir, "missing.csv", NULL);
  g_auto(PursuitTestRun) import = { 0 };
  g_auto(PursuitTestRun) bad = { 0 };
  g_auto(PursuitTestRun) export = { 0 };
  g_auto(PursuitTestRun) export_again = { 0 };

  pursuit_test_run_pursuit (&import, "--database", f->db, "--import-csv", csv, NULL);
  pursuit_test_run_pursuit (&export, "--database", f->db, "--export-csv", "-", NULL);

  pursuit_test_run_pursuit (&bad, "--database", f->db, "--import-csv", missing, NULL);
  g_assert_false (g_spawn_check_wait_status (bad.status, NULL));
  g_assert_nonnull (strstr (bad.err, "missing.csv"));

  pursuit_test_run_pursuit (&export_again, "--database", f->db, "--export-csv", "-", NULL);
  g_assert_cmpstr (export.out, ==, export_again.out);
}

static void
assert_refused_unchanged (Fixture    *f,
                          const char *path)
{
  g_autoptr(GBytes) before = pursuit_test_read_bytes (path);
  g_autoptr(GBytes) after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_auto(PursuitTestRun) run = { 0 };

  pursuit_test_run_pursuit (&run, "--database", path, "--due", NULL);
  g_assert_false (g_spawn_check_wait_status (run.status, NULL));
  g_assert_nonnull (strstr (run.err, path));
  g_assert_cmpstr (run.out, ==, "");
  after = pursuit_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_refuses_text_file (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = write_file (f, "notes.txt", "These are my notes, not a database.\n");

  assert_refused_unchanged (f, path);
}

static void
test_refuses_newer_database (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "newer.db", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE prospect (id INTEGER PRIMARY KEY, name TEXT);"
                                     "PRAGMA user_version = 99;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_refused_unchanged (f, path);
}

static guint
count_occurrences (const char *text,
                   const char *needle)
{
  guint n = 0;

  for (const char *at = strstr (text, needle); at != NULL; at = strstr (at + 1, needle))
    n++;
  return n;
}

static void
test_export_ics (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *csv = write_file (f, "in.csv", sample_csv);
  g_autofree char *ics = g_build_filename (f->dir, "out.ics", NULL);
  g_autofree char *contents = NULL;
  g_auto(PursuitTestRun) import = { 0 };
  g_auto(PursuitTestRun) export = { 0 };
  g_auto(PursuitTestRun) to_stdout = { 0 };

  pursuit_test_run_pursuit (&import, "--database", f->db, "--import-csv", csv, NULL);
  g_assert_cmpint (WEXITSTATUS (import.status), ==, PURSUIT_CLI_EXIT_SKIPPED);

  pursuit_test_run_pursuit (&export, "--database", f->db, "--export-ics", ics, NULL);
  g_assert_true (g_spawn_check_wait_status (export.status, NULL));
  contents = read_file (ics);
  g_assert_true (g_str_has_prefix (contents, "BEGIN:VCALENDAR\r\n"));
  /* The two active prospects with a next touch; the inbox one has none. */
  g_assert_cmpuint (count_occurrences (contents, "BEGIN:VTODO"), ==, 2);
  g_assert_nonnull (strstr (contents, "UID:prospect-1"));
  /* Jane has an email address and no phone: she is emailed, not called. */
  g_assert_nonnull (strstr (contents, "SUMMARY:Email Jane Doe — Acme\\, Inc."));
  g_assert_null (strstr (contents, "Ola Nordmann"));

  pursuit_test_run_pursuit (&to_stdout, "--database", f->db, "--export-ics", "-", NULL);
  g_assert_true (g_spawn_check_wait_status (to_stdout.status, NULL));
  g_assert_cmpuint (count_occurrences (to_stdout.out, "BEGIN:VTODO"), ==, 2);
}

static void
test_backup (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *csv = write_file (f, "in.csv", sample_csv);
  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
  g_auto(PursuitTestRun) import = { 0 };
  g_auto(PursuitTestRun) backup = { 0 };
  g_auto(PursuitTestRun) export = { 0 };

  pursuit_test_run_pursuit (&import, "--database", f->db, "--import-csv", csv, NULL);
  pursuit_test_run_pursuit (&backup, "--database", f->db, "--backup", copy, NULL);
  g_assert_true (g_spawn_check_wait_status (backup.status, NULL));
  g_assert_nonnull (strstr (backup.out, "copy.db"));

  pursuit_test_run_pursuit (&export, "--database", copy, "--export-csv", "-", NULL);
  g_assert_nonnull (strstr (export.out, "Ola Nordmann"));
  g_assert_nonnull (strstr (export.out, "Zoe Future"));
}

/* A backup to standard output ("-" or /dev/stdout) is the database alone:
 * what the command says goes to standard error. */
static void
test_backup_to_stdout (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *csv = write_file (f, "in.csv", sample_csv);
  const char *names[] = { "-", "/dev/stdout" };
  g_auto(PursuitTestRun) import = { 0 };

  pursuit_test_run_pursuit (&import, "--database", f->db, "--import-csv", csv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *copy = g_build_filename (f->dir, "piped.db", NULL);
      g_autofree char *script = g_strdup_printf ("exec \"$0\" --database \"$1\" --backup \"$2\" > \"$3\"");
      const char *argv[] = { "sh", "-c", script, PURSUIT_EXECUTABLE, f->db, names[i], copy, NULL };
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(PursuitStore) store = NULL;
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, &err,
                                   &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_nonnull (strstr (err, "Backed up"));
      store = pursuit_store_open (copy, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (store)), ==, 3);
      g_clear_object (&store);
      g_assert_cmpint (g_unlink (copy), ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/version", test_version);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/import-then-export", test_import_then_export);
  ADD ("/cli/export-to-relative-file", test_export_to_relative_file);
  ADD ("/cli/export-ics", test_export_ics);
  ADD ("/cli/due", test_due_lists_due_and_overdue);
  ADD ("/cli/due-escapes", test_due_escapes);
  ADD ("/cli/empty-arguments", test_empty_arguments);
  ADD ("/cli/missing-database", test_missing_database);
  ADD ("/cli/exposed-database", test_exposed_database);
  ADD ("/cli/output-onto-database", test_output_onto_database);
  g_test_add_func ("/cli/help-exit-status", test_help_exit_status);
  ADD ("/cli/unreadable-csv-changes-nothing", test_unreadable_csv_changes_nothing);
  ADD ("/cli/refuses-text-file", test_refuses_text_file);
  ADD ("/cli/backup", test_backup);
  ADD ("/cli/backup-to-stdout", test_backup_to_stdout);
  ADD ("/cli/import-follows-settings", test_import_follows_settings);
  ADD ("/cli/refuses-newer-database", test_refuses_newer_database);
#undef ADD

  return g_test_run ();
}
