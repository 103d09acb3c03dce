/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pursuit-db.h"
#include "pursuit-store.h"
#include "pursuit-store-private.h"

/* A child process writes changes in a loop and reports each one once the
 * store has committed it; the parent kills it with SIGKILL at a random
 * moment, 50 times. After every kill the database must open, pass
 * PRAGMA integrity_check and hold every change the child reported. */

#define ROUNDS 50

static int
run_child (const char *path,
           const char *round)
{
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = pursuit_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (guint n = 0;; n++)
    {
      g_autofree char *name = g_strdup_printf ("R%s-%u", round, n);
      g_autoptr(PursuitProspect) p = pursuit_prospect_new (name);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(PursuitTouch) touch = NULL;
      PursuitTier tier = PURSUIT_TIER_HOT + n % 4;

      if (!pursuit_store_add (store, p, &error))
        break;
      printf ("added %" G_GINT64_FORMAT " %s\n", pursuit_prospect_get_id (p), name);
      fflush (stdout);

      if (!pursuit_store_move (store, p, PURSUIT_STAGE_ACTIVE, tier, now, &error))
        break;
      printf ("moved %" G_GINT64_FORMAT " %d\n", pursuit_prospect_get_id (p), tier);
      fflush (stdout);

      touch = pursuit_touch_new (pursuit_prospect_get_id (p), now, PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT,
                                 PURSUIT_OUTCOME_NO_ANSWER);
      if (!pursuit_store_add_touch (store, touch, &error))
        break;
      printf ("touch %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", pursuit_prospect_get_id (p),
              pursuit_touch_get_id (touch));
      fflush (stdout);
    }
  g_printerr ("%s\n", error->message);
  return 1;
}

/* Reads the child's reports for @ms milliseconds, appending whole lines
 * to @reports. */
static void
read_for (int      fd,
          int      ms,
          GString *reports)
{
  gint64 deadline = g_get_monotonic_time () + ms * 1000;
  char buffer[4096];

  for (;;)
    {
      int left = (int) ((deadline - g_get_monotonic_time ()) / 1000);
      struct pollfd pfd = { fd, POLLIN, 0 };
      ssize_t n;

      if (left <= 0 || poll (&pfd, 1, left) <= 0)
        return;
      n = read (fd, buffer, sizeof buffer);
      if (n <= 0)
        return;
      g_string_append_len (reports, buffer, n);
    }
}

static void
check_database (const char *path,
                const char *reports)
{
  g_auto(GStrv) lines = g_strsplit (reports, "\n", -1);
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n_lines = g_strv_length (lines);

  /* Killed before it even created the file (a busy machine): then it
   * cannot have reported anything. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_assert_cmpstr (reports, ==, "");
      return;
    }

  /* Read-write, as any program that opens it next: the first connection
   * after the kill recovers the WAL. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  store = pursuit_store_open (path, &error);
  g_assert_no_error (error);

  /* The last line may be cut off by the kill: only whole lines count. */
  for (guint i = 0; i + 1 < n_lines; i++)
    {
      g_auto(GStrv) words = g_strsplit (lines[i], " ", 3);
      gint64 id = g_ascii_strtoll (words[1], NULL, 10);
      PursuitProspect *p = pursuit_store_find (store, id);

      g_assert_nonnull (p);
      if (g_str_equal (words[0], "added"))
        g_assert_cmpstr (pursuit_prospect_get_name (p), ==, words[2]);
      else if (g_str_equal (words[0], "moved"))
        g_assert_cmpint (pursuit_prospect_get_tier (p), ==, (int) g_ascii_strtoll (words[2], NULL, 10));
      else if (g_str_equal (words[0], "touch"))
        {
          g_autoptr(GListModel) touches = pursuit_store_list_touches (store, p, NULL);
          g_autoptr(PursuitTouch) touch = g_list_model_get_item (touches, 0);

          g_assert_nonnull (touch);
          g_assert_cmpint (pursuit_touch_get_id (touch), ==, g_ascii_strtoll (words[2], NULL, 10));
        }
      else
        g_assert_not_reached ();
    }
}

static void
test_kill_nine (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pursuit-crash-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pursuit.db", NULL);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  guint total_reports = 0;

  g_assert_nonnull (self);
  for (int round = 0; round < ROUNDS; round++)
    {
      g_autofree char *round_text = g_strdup_printf ("%d", round);
      const char *argv[] = { self, "--child", path, round_text, NULL };
      g_autoptr(GString) reports = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      GPid pid;
      int out_fd, status;

      g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, NULL,
                                &out_fd, NULL, &error);
      g_assert_no_error (error);

      read_for (out_fd, g_test_rand_int_range (20, 250), reports);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      /* What was written before the kill may still be in the pipe. */
      read_for (out_fd, 50, reports);
      close (out_fd);
      g_spawn_close_pid (pid);

      check_database (path, reports->str);
      for (const char *c = reports->str; *c != '\0'; c++)
        total_reports += *c == '\n';
    }
  g_test_message ("%u rounds, %u reported changes", ROUNDS, total_reports);
  g_assert_cmpuint (total_reports, >, ROUNDS);
}

/* A power cut must not roll back what the window showed as saved: every
 * commit is synced to the disk (synchronous = FULL, 2), which kill -9
 * alone cannot show. */
static void
test_synchronous_full (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pursuit-crash-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pursuit.db", NULL);
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(PursuitDbStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  PursuitDb *db;
  gboolean has_row = FALSE;

  store = pursuit_store_open (path, &error);
  g_assert_no_error (error);
  db = pursuit_store_get_db (store);
  stmt = pursuit_db_prepare (db, "PRAGMA synchronous", &error);
  g_assert_no_error (error);
  g_assert_true (pursuit_db_step_row (db, stmt, &has_row, &error));
  g_assert_no_error (error);
  g_assert_true (has_row);
  g_assert_cmpint (pursuit_db_column_uint (stmt, 0), ==, 2);

  g_clear_pointer (&stmt, pursuit_db_stmt_release);
  g_clear_object (&store);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (path, (const char *[]) { "", "-wal", "-shm" }[i], NULL);

      g_remove (file);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], argv[3]);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/store/crash/kill-nine", test_kill_nine);
  g_test_add_func ("/store/crash/synchronous-full", test_synchronous_full);
  return g_test_run ();
}
