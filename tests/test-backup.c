/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "pursuit-backup.h"
#include "pursuit-store.h"

typedef struct
{
  char         *dir;
  char         *path;
  char         *backups;
  PursuitStore *store;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pursuit-backup-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->backups = g_build_filename (f->dir, "backups", NULL);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);

  for (int i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Prospect %d", i);
      g_autoptr(PursuitProspect) p = pursuit_prospect_new (name);
      g_assert_true (pursuit_store_add (f->store, p, NULL));
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->backups);
}

static guint
count_prospects (const char *path)
{
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = pursuit_store_open (path, &error);
  g_assert_no_error (error);
  return g_list_model_get_n_items (pursuit_store_get_prospects (store));
}

static void
test_copy_while_open (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *part = g_strconcat (dest, ".part", NULL);
  g_autoptr(PursuitProspect) late = pursuit_prospect_new ("Committed just before");
  g_autoptr(GError) error = NULL;
  struct stat st;

  /* The store is open and has just written: the copy has it all. */
  g_assert_true (pursuit_store_add (f->store, late, NULL));
  g_assert_true (pursuit_store_backup_file (f->path, dest, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_prospects (dest), ==, 4);
  g_assert_cmpint (g_stat (dest, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
}

static void
test_copy_of_missing_file_fails (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing.db", NULL);
  g_autofree char *dest = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *part = g_strconcat (dest, ".part", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (pursuit_store_backup_file (missing, dest, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_IO);
  g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
}

static void
test_daily_once_a_day_and_keeps_seven (Fixture       *f,
                                       gconstpointer  data)
{
  g_auto(GStrv) backups = NULL;
  g_autofree char *created = NULL;
  g_autoptr(GError) error = NULL;

  for (int day = 1; day <= 10; day++)
    {
      g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, day, 9, 0, 0);
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;

      g_assert_true (pursuit_backup_daily (f->path, f->backups, now, PURSUIT_BACKUP_KEEP, &first, &error));
      g_assert_no_error (error);
      g_assert_nonnull (first);
      /* The same day again: nothing to do. */
      g_assert_true (pursuit_backup_daily (f->path, f->backups, now, PURSUIT_BACKUP_KEEP, &second, &error));
      g_assert_null (second);
    }

  backups = pursuit_backup_list (f->backups);
  g_assert_cmpuint (g_strv_length (backups), ==, 7);
  g_assert_true (g_str_has_suffix (backups[0], "pursuit-2026-11-10.db"));
  g_assert_true (g_str_has_suffix (backups[6], "pursuit-2026-11-04.db"));
  g_assert_cmpuint (count_prospects (backups[0]), ==, 3);
}

static void
daily_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_daily_in_a_thread (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) backups = NULL;

  pursuit_backup_daily_async (f->path, f->backups, NULL, daily_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (pursuit_backup_daily_finish (result, &error));
  g_assert_no_error (error);
  backups = pursuit_backup_list (f->backups);
  g_assert_cmpuint (g_strv_length (backups), ==, 1);
  g_assert_cmpuint (count_prospects (backups[0]), ==, 3);
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *kept = NULL;
  g_autoptr(PursuitProspect) extra = pursuit_prospect_new ("After the backup");
  g_autoptr(GError) error = NULL;

  g_assert_true (pursuit_store_backup_file (f->path, copy, NULL));
  g_assert_true (pursuit_store_add (f->store, extra, NULL));
  g_clear_object (&f->store);
  g_assert_cmpuint (count_prospects (f->path), ==, 4);

  /* Something that is not a database changes nothing. */
  g_assert_true (g_file_set_contents (text, "not a database", -1, NULL));
  g_assert_false (pursuit_backup_restore (text, f->path, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (count_prospects (f->path), ==, 4);

  g_assert_true (pursuit_backup_restore (copy, f->path, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_prospects (f->path), ==, 3);
  g_assert_true (g_str_has_suffix (kept, "pursuit.db.before-restore"));
  g_assert_cmpuint (count_prospects (kept), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/io/backup/copy-while-open", test_copy_while_open);
  ADD ("/io/backup/copy-of-missing-file", test_copy_of_missing_file_fails);
  ADD ("/io/backup/daily", test_daily_once_a_day_and_keeps_seven);
  ADD ("/io/backup/daily-in-a-thread", test_daily_in_a_thread);
  ADD ("/io/backup/restore", test_restore);
#undef ADD

  return g_test_run ();
}
