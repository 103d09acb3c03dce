/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pursuit-backup.h"
#include "pursuit-csv.h"
#include "pursuit-store-merge.h"
#include "pursuit-store-trash.h"
#include "pursuit-store.h"
#include "test-util.h"

/* SIGKILL in the middle of a merge, an emptying of the Trash, a restore
 * and an import that updates duplicates: a child process does the work,
 * the parent kills it at a random moment, then opens the database, which
 * must pass integrity_check and hold the state from before or after,
 * never one in between. */

#define ROUNDS 12

static gint64
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
assert_intact (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
add_with_touches (PursuitStore *store,
                  const char   *name,
                  guint         n_touches,
                  GPtrArray    *into)
{
  g_autoptr(PursuitProspect) p = pursuit_prospect_new (name);

  g_assert_true (pursuit_store_add (store, p, NULL));
  for (guint i = 0; i < n_touches; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_new_local (2026, 10, 1 + i, 10, 0, 0);
      g_autoptr(PursuitTouch) t = pursuit_touch_new (pursuit_prospect_get_id (p), when, PURSUIT_CHANNEL_CALL,
                                                     PURSUIT_DIRECTION_OUT, PURSUIT_OUTCOME_NO_ANSWER);
      g_assert_true (pursuit_store_add_touch (store, t, NULL));
    }
  if (into != NULL)
    g_ptr_array_add (into, g_object_ref (p));
}

/* Runs @work in a child process and kills it after @delay_us, or lets it
 * finish when it is quicker. */
static void
kill_during (void (*work) (gpointer data),
             gpointer data,
             gint64   delay_us)
{
  pid_t pid = fork ();
  int status;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      work (data);
      _exit (0);
    }
  g_usleep (delay_us);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
}

/* Merging: every pair is merged or not, and no touch is ever lost. */

#define PAIRS 40

static void
merge_all (gpointer data)
{
  const char *path = data;
  g_autoptr(PursuitStore) store = pursuit_store_open (path, NULL);

  for (guint i = 0; i < PAIRS; i++)
    {
      PursuitProspect *keep = pursuit_store_find (store, 2 * i + 1);
      PursuitProspect *other = pursuit_store_find (store, 2 * i + 2);

      if (keep != NULL && other != NULL && !pursuit_store_merge (store, keep, other, NULL, NULL))
        _exit (2);
    }
}

static void
test_kill_during_merge (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autofree char *dir = pursuit_test_make_dir ("pursuit-crash-merge");
      g_autofree char *path = g_build_filename (dir, "pursuit.db", NULL);

      {
        g_autoptr(PursuitStore) store = pursuit_store_open (path, NULL);

        for (guint i = 0; i < PAIRS; i++)
          {
            g_autofree char *name = g_strdup_printf ("Pair %u", i);
            add_with_touches (store, name, 2, NULL);
            add_with_touches (store, name, 1, NULL);
          }
      }
      kill_during (merge_all, path, g_rand_int_range (rand, 0, 20000));

      assert_intact (path);
      g_test_message ("round %u: %" G_GINT64_FORMAT " of %u pairs merged", round,
                      raw_int (path, "SELECT count(*) FROM prospect WHERE deleted_at IS NOT NULL"), PAIRS);
      g_assert_cmpint (raw_int (path, "SELECT count(*) FROM touch"), ==, 3 * PAIRS);
      for (guint i = 0; i < PAIRS; i++)
        {
          g_autofree char *keep_sql = g_strdup_printf ("SELECT count(*) FROM touch WHERE prospect_id = %u", 2 * i + 1);
          g_autofree char *other_sql = g_strdup_printf ("SELECT deleted_at IS NOT NULL FROM prospect WHERE id = %u",
                                                        2 * i + 2);
          gint64 kept = raw_int (path, keep_sql);
          gint64 trashed = raw_int (path, other_sql);

          /* Before: 2 touches and the other live; after: 3 and in the
           * Trash. */
          g_assert_true ((kept == 2 && trashed == 0) || (kept == 3 && trashed == 1));
        }
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(PursuitStore) store = pursuit_store_open (path, &error);
        g_assert_no_error (error);
      }
      pursuit_test_remove_tree (dir);
    }
}

/* Emptying the Trash: all of it goes, or none of it. */

#define TRASHED 1500

static void
empty_trash (gpointer data)
{
  g_autoptr(PursuitStore) store = pursuit_store_open (data, NULL);

  if (!pursuit_store_empty_trash (store, NULL))
    _exit (2);
}

static void
test_kill_during_empty_trash (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autofree char *dir = pursuit_test_make_dir ("pursuit-crash-empty");
      g_autofree char *path = g_build_filename (dir, "pursuit.db", NULL);
      gint64 left;

      {
        g_autoptr(PursuitStore) store = pursuit_store_open (path, NULL);
        g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
        g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_object_unref);

        for (guint i = 0; i < TRASHED; i++)
          g_ptr_array_add (many, pursuit_prospect_new ("Trashed"));
        g_assert_true (pursuit_store_add_many (store, many, NULL));
        add_with_touches (store, "Kept", 2, NULL);
        for (guint i = 0; i < 20; i++)
          add_with_touches (store, "Trashed with touches", 3, added);
        for (guint i = 0; i < many->len; i++)
          g_ptr_array_add (added, g_object_ref (g_ptr_array_index (many, i)));
        g_assert_true (pursuit_store_trash_many (store, added, NULL));
      }
      kill_during (empty_trash, path, g_rand_int_range (rand, 0, 40000));

      assert_intact (path);
      left = raw_int (path, "SELECT count(*) FROM prospect WHERE deleted_at IS NOT NULL");
      g_test_message ("round %u: the Trash %s", round, left == 0 ? "emptied" : "kept");
      g_assert_true (left == 0 || left == TRASHED + 20);
      g_assert_cmpint (raw_int (path, "SELECT count(*) FROM touch"), ==, left == 0 ? 2 : 2 + 60);
      g_assert_cmpint (raw_int (path, "SELECT count(*) FROM prospect WHERE deleted_at IS NULL"), ==, 1);
      pursuit_test_remove_tree (dir);
    }
}

/* Restoring: the database is the old one or the backup, never missing
 * and never a new empty one. */

static void
restore (gpointer data)
{
  char **paths = data;

  if (!pursuit_backup_restore (paths[0], paths[1], NULL, NULL))
    _exit (2);
}

static void
test_kill_during_restore (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autofree char *dir = pursuit_test_make_dir ("pursuit-crash-restore");
      g_autofree char *path = g_build_filename (dir, "pursuit.db", NULL);
      g_autofree char *backup = g_build_filename (dir, "backup.db", NULL);
      char *paths[] = { backup, path };
      gint64 n;

      {
        g_autoptr(PursuitStore) store = pursuit_store_open (path, NULL);
        g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_object_unref);

        for (guint i = 0; i < 300; i++)
          g_ptr_array_add (many, pursuit_prospect_new ("In the backup"));
        g_assert_true (pursuit_store_add_many (store, many, NULL));
        g_assert_true (pursuit_store_backup_file (path, backup, NULL));
        g_ptr_array_set_size (many, 0);
        for (guint i = 0; i < 500; i++)
          g_ptr_array_add (many, pursuit_prospect_new ("Added since"));
        g_assert_true (pursuit_store_add_many (store, many, NULL));
      }
      kill_during (restore, paths, g_rand_int_range (rand, 0, 50000));

      assert_intact (path);
      n = raw_int (path, "SELECT count(*) FROM prospect");
      g_test_message ("round %u: %s", round, n == 300 ? "restored" : "not restored");
      g_assert_true (n == 800 || n == 300);
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(PursuitStore) store = pursuit_store_open (path, &error);
        g_assert_no_error (error);
        g_assert_cmpint (g_list_model_get_n_items (pursuit_store_get_prospects (store)), ==, n);
      }
      pursuit_test_remove_tree (dir);
    }
}

/* Importing a file that repeats every prospect (updating them) and adds
 * new ones: all of it or none, never some updated and others not. */

#define KNOWN 200
#define FRESH 300

static void
import_file (gpointer data)
{
  char **paths = data;
  g_autoptr(PursuitStore) store = pursuit_store_open (paths[0], NULL);
  g_autoptr(GFile) file = g_file_new_for_path (paths[1]);
  g_autoptr(PursuitCsvReport) report = NULL;

  if (!pursuit_csv_import_full (store, file, PURSUIT_CSV_ON_DUPLICATE_UPDATE, NULL, &report, NULL))
    _exit (2);
}

static void
test_kill_during_duplicate_import (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autofree char *dir = pursuit_test_make_dir ("pursuit-crash-import");
      g_autofree char *path = g_build_filename (dir, "pursuit.db", NULL);
      g_autofree char *csv = g_build_filename (dir, "again.csv", NULL);
      g_autoptr(GString) rows = g_string_new ("name,company,email\n");
      char *paths[] = { path, csv };
      gint64 n, updated;

      {
        g_autoptr(PursuitStore) store = pursuit_store_open (path, NULL);
        g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_object_unref);

        for (guint i = 0; i < KNOWN; i++)
          {
            g_autofree char *email = g_strdup_printf ("known%u@example.com", i);
            PursuitProspect *p = pursuit_prospect_new ("Known");

            pursuit_prospect_set_email (p, email);
            g_ptr_array_add (many, p);
          }
        g_assert_true (pursuit_store_add_many (store, many, NULL));
      }
      /* The same addresses in other case, with a company the file adds. */
      for (guint i = 0; i < KNOWN; i++)
        g_string_append_printf (rows, "Known,Updated Ltd,KNOWN%u@Example.com\n", i);
      for (guint i = 0; i < FRESH; i++)
        g_string_append_printf (rows, "Fresh %u,New Ltd,fresh%u@example.com\n", i, i);
      g_assert_true (g_file_set_contents (csv, rows->str, rows->len, NULL));

      kill_during (import_file, paths, g_rand_int_range (rand, 0, 60000));

      assert_intact (path);
      n = raw_int (path, "SELECT count(*) FROM prospect");
      updated = raw_int (path, "SELECT count(*) FROM prospect WHERE company = 'Updated Ltd'");
      g_test_message ("round %u: %s", round, n == KNOWN ? "not imported" : "imported");
      g_assert_true ((n == KNOWN && updated == 0) || (n == KNOWN + FRESH && updated == KNOWN));
      /* Never a second prospect for an address already there. */
      g_assert_cmpint (raw_int (path, "SELECT count(DISTINCT lower (email)) FROM prospect"), ==, n);
      pursuit_test_remove_tree (dir);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/crash/trash/kill-during-merge", test_kill_during_merge);
  g_test_add_func ("/crash/trash/kill-during-empty", test_kill_during_empty_trash);
  g_test_add_func ("/crash/trash/kill-during-restore", test_kill_during_restore);
  g_test_add_func ("/crash/import/kill-during-duplicate-import", test_kill_during_duplicate_import);

  return g_test_run ();
}
