/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "pursuit-backup.h"
#include "pursuit-restore-dialog.h"
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

  backups = pursuit_backup_list_for (f->backups, pursuit_store_get_database_id (f->store));
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
  backups = pursuit_backup_list_for (f->backups, pursuit_store_get_database_id (f->store));
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

/* Two databases backed up the same day into the same folder: each gets
 * its own backup, and each lists only its own, with how many prospects
 * it holds. */
static void
test_backups_belong_to_their_database (Fixture       *f,
                                       gconstpointer  data)
{
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(PursuitStore) other = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 20, 9, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *theirs = NULL;
  g_auto(GStrv) my_list = NULL;
  g_auto(GStrv) their_list = NULL;
  g_autofree char *id = NULL;
  guint n = 0;

  other = pursuit_store_open (other_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pursuit_store_get_database_id (other), !=, pursuit_store_get_database_id (f->store));

  g_assert_true (pursuit_backup_daily (f->path, f->backups, now, PURSUIT_BACKUP_KEEP, &mine, &error));
  g_assert_no_error (error);
  g_assert_true (pursuit_backup_daily (other_path, f->backups, now, PURSUIT_BACKUP_KEEP, &theirs, &error));
  g_assert_no_error (error);
  g_assert_nonnull (mine);
  g_assert_nonnull (theirs);
  g_assert_cmpstr (mine, !=, theirs);

  my_list = pursuit_backup_list_for (f->backups, pursuit_store_get_database_id (f->store));
  their_list = pursuit_backup_list_for (f->backups, pursuit_store_get_database_id (other));
  g_assert_cmpuint (g_strv_length (my_list), ==, 1);
  g_assert_cmpuint (g_strv_length (their_list), ==, 1);
  g_assert_true (pursuit_backup_count_prospects (my_list[0], &n, &error));
  g_assert_cmpuint (n, ==, 3);
  g_assert_true (pursuit_backup_count_prospects (their_list[0], &n, &error));
  g_assert_cmpuint (n, ==, 0);
  id = pursuit_backup_read_database_id (my_list[0]);
  g_assert_cmpstr (id, ==, pursuit_store_get_database_id (f->store));
}

static guint
count_side_files (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (g_str_has_suffix (name, "-wal") || g_str_has_suffix (name, "-shm"))
        n++;
      else if (g_file_test (child, G_FILE_TEST_IS_DIR))
        n += count_side_files (child);
    }
  return n;
}

/* Restoring, counting and listing leave no -wal or -shm file in the
 * backups folder, for a daily backup and for one in WAL mode (as older
 * versions wrote them); the restore is undone by restoring the file kept
 * from before it. */
static void
test_restore_leaves_no_side_files_and_undoes (Fixture       *f,
                                              gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 20, 9, 0, 0);
  g_autofree char *daily = NULL;
  g_autofree char *legacy = g_build_filename (f->backups, "pursuit-2026-11-01.db", NULL);
  g_autofree char *kept = NULL;
  g_autofree char *kept_again = NULL;
  g_autoptr(PursuitProspect) extra = pursuit_prospect_new ("After the backup");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) list = NULL;
  g_autofree char *database_id = g_strdup (pursuit_store_get_database_id (f->store));
  guint n = 0;

  g_assert_true (pursuit_backup_daily (f->path, f->backups, now, PURSUIT_BACKUP_KEEP, &daily, &error));
  g_assert_no_error (error);
  {
    /* An old-style backup: a database in WAL mode, in the shared folder. */
    g_autoptr(PursuitStore) old = NULL;

    g_assert_true (pursuit_store_backup_file (f->path, legacy, &error));
    old = pursuit_store_open (legacy, &error);
    g_assert_no_error (error);
  }
  g_assert_true (pursuit_store_add (f->store, extra, NULL));
  g_clear_object (&f->store);
  g_assert_cmpuint (count_side_files (f->backups), ==, 0);

  list = pursuit_backup_list_for (f->backups, database_id);
  g_assert_cmpuint (g_strv_length (list), ==, 2);
  for (guint i = 0; list[i] != NULL; i++)
    {
      g_assert_true (pursuit_backup_count_prospects (list[i], &n, &error));
      g_assert_cmpuint (n, ==, 3);
    }
  g_assert_cmpuint (count_side_files (f->backups), ==, 0);

  g_assert_true (pursuit_backup_restore (legacy, f->path, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_side_files (f->backups), ==, 0);
  g_clear_pointer (&kept, g_free);
  g_assert_true (pursuit_backup_restore (daily, f->path, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_side_files (f->backups), ==, 0);
  g_assert_cmpuint (count_prospects (f->path), ==, 3);

  /* Undo Restore: the file kept from before goes back in place. */
  g_clear_pointer (&kept, g_free);
  g_assert_true (pursuit_backup_restore (daily, f->path, &kept, &error));
  g_assert_true (pursuit_backup_restore (kept, f->path, &kept_again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_prospects (f->path), ==, 3);
}

/* A backup to a device or a FIFO is written in place, and one that
 * cannot be written fails clearly: the device is never replaced. */
static gpointer
drain (gpointer data)
{
  int fd = g_open (data, O_RDONLY, 0);
  GByteArray *bytes = g_byte_array_new ();
  guint8 buffer[4096];
  gssize n;

  while (fd >= 0 && (n = read (fd, buffer, sizeof buffer)) > 0)
    g_byte_array_append (bytes, buffer, n);
  if (fd >= 0)
    close (fd);
  return bytes;
}

static void
test_backup_to_special_files (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "pipe", NULL);
  g_autofree char *full = g_build_filename (f->dir, "full", NULL);
  g_autoptr(GError) error = NULL;
  GByteArray *got;
  GThread *reader;
  struct stat st;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  reader = g_thread_new ("drain", drain, fifo);
  g_assert_true (pursuit_store_backup_file (f->path, fifo, &error));
  g_assert_no_error (error);
  got = g_thread_join (reader);
  g_assert_cmpuint (got->len, >, 100);
  g_assert_cmpmem (got->data, 16, "SQLite format 3\0", 16);
  g_byte_array_unref (got);
  g_assert_cmpint (g_stat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));

  /* /dev/stdout as a pipe: a link to /proc/self/fd/N, whose link text
   * ("pipe:[…]") names no file. */
  {
    g_autofree char *link = g_build_filename (f->dir, "stdout", NULL);
    g_autofree char *target = NULL;
    g_autofree char *read_end = NULL;
    int fds[2];

    g_assert_cmpint (pipe (fds), ==, 0);
    target = g_strdup_printf ("/proc/self/fd/%d", fds[1]);
    read_end = g_strdup_printf ("/proc/self/fd/%d", fds[0]);
    g_assert_cmpint (symlink (target, link), ==, 0);
    reader = g_thread_new ("drain", drain, read_end);
    g_assert_true (pursuit_store_backup_file (f->path, link, &error));
    g_assert_no_error (error);
    close (fds[1]);
    got = g_thread_join (reader);
    close (fds[0]);
    g_assert_cmpuint (got->len, >, 100);
    g_assert_cmpmem (got->data, 16, "SQLite format 3\0", 16);
    g_byte_array_unref (got);
    g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  }

  /* A full device: a node of /dev/full of the test's own, where one can be
   * made (root), so that nothing of the machine's is at risk. */
  if (mknod (full, S_IFCHR | 0600, makedev (1, 7)) != 0)
    {
      g_test_message ("Cannot make a device node (%s); /dev/full not tried", g_strerror (errno));
      return;
    }
  g_assert_false (pursuit_store_backup_file (f->path, full, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, full));
  g_assert_cmpint (g_stat (full, &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
}

/* The confirmation says what is replaced: the prospects now against the
 * backup's, and when the file is another database's backup. */
static void
test_restore_confirmation_says_what_is_replaced (Fixture       *f,
                                                 gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 20, 9, 0, 0);
  g_autofree char *daily = NULL;
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *text = NULL;
  g_autofree char *date = NULL;
  g_autoptr(PursuitProspect) extra = pursuit_prospect_new ("After the backup");
  g_autoptr(PursuitStore) other = NULL;

  g_assert_true (pursuit_backup_daily (f->path, f->backups, now, PURSUIT_BACKUP_KEEP, &daily, NULL));
  g_assert_true (pursuit_store_add (f->store, extra, NULL));
  text = pursuit_restore_dialog_describe_change (f->store, daily);
  g_assert_nonnull (strstr (text, "Restoring replaces what you have now (4 prospects) with this backup (3 prospects)"));
  date = pursuit_restore_dialog_describe_date (daily);
  g_assert_cmpstr (date, ==, "Friday 20 November 2026");

  other = pursuit_store_open (other_path, NULL);
  g_clear_pointer (&text, g_free);
  text = pursuit_restore_dialog_describe_change (other, daily);
  g_assert_nonnull (strstr (text, "another database"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/io/backup/copy-while-open", test_copy_while_open);
  ADD ("/io/backup/copy-of-missing-file", test_copy_of_missing_file_fails);
  ADD ("/io/backup/daily", test_daily_once_a_day_and_keeps_seven);
  ADD ("/io/backup/daily-in-a-thread", test_daily_in_a_thread);
  ADD ("/io/backup/restore", test_restore);
  ADD ("/io/backup/belong-to-their-database", test_backups_belong_to_their_database);
  ADD ("/io/backup/restore-no-side-files-and-undo", test_restore_leaves_no_side_files_and_undoes);
  ADD ("/io/backup/special-files", test_backup_to_special_files);
  ADD ("/io/backup/restore-confirmation", test_restore_confirmation_says_what_is_replaced);
#undef ADD

  return g_test_run ();
}
