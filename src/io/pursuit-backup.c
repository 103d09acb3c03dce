/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-io"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <string.h>
#include <unistd.h>

#include "pursuit-backup.h"
#include "pursuit-store.h"

#define PREFIX "pursuit-"
#define SUFFIX ".db"

char *
pursuit_backup_default_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "pursuit", "backups", NULL);
}

/* A daily backup's name: pursuit-YYYY-MM-DD.db, so names sort by date. */
static gboolean
is_backup_name (const char *name)
{
  return g_str_has_prefix (name, PREFIX) && g_str_has_suffix (name, SUFFIX)
         && strlen (name) == strlen (PREFIX "YYYY-MM-DD" SUFFIX);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  return -g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* By the date in the file name, whatever the folder. */
static int
compare_newest_name_first (gconstpointer a,
                           gconstpointer b)
{
  g_autofree char *name_a = g_path_get_basename (*(const char **) a);
  g_autofree char *name_b = g_path_get_basename (*(const char **) b);

  return -g_strcmp0 (name_a, name_b);
}

GStrv
pursuit_backup_list (const char *dir)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GDir) folder = NULL;
  const char *name;

  g_return_val_if_fail (dir != NULL, NULL);

  folder = g_dir_open (dir, 0, NULL);
  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    if (is_backup_name (name))
      g_ptr_array_add (names, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (names, compare_newest_first);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

char *
pursuit_backup_read_database_id (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return pursuit_store_file_database_id (path, FALSE);
}

gboolean
pursuit_backup_count_prospects (const char  *path,
                                guint       *n_prospects,
                                GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (n_prospects != NULL, FALSE);

  return pursuit_store_file_count_prospects (path, n_prospects, error);
}

char *
pursuit_backup_dir_for (const char *dir,
                        const char *database_id)
{
  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (database_id != NULL, NULL);

  return g_build_filename (dir, database_id, NULL);
}

GStrv
pursuit_backup_list_for (const char *dir,
                         const char *database_id)
{
  g_autofree char *own = NULL;
  g_auto(GStrv) mine = NULL;
  g_auto(GStrv) shared = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (database_id != NULL, NULL);

  own = pursuit_backup_dir_for (dir, database_id);
  mine = pursuit_backup_list (own);
  /* Backups of older versions share @dir: only this database's count. */
  shared = pursuit_backup_list (dir);
  for (guint i = 0; mine[i] != NULL; i++)
    g_ptr_array_add (paths, g_strdup (mine[i]));
  for (guint i = 0; shared[i] != NULL; i++)
    {
      g_autofree char *id = pursuit_backup_read_database_id (shared[i]);

      if (g_strcmp0 (id, database_id) == 0)
        g_ptr_array_add (paths, g_strdup (shared[i]));
    }
  g_ptr_array_sort (paths, compare_newest_name_first);
  g_ptr_array_add (paths, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&paths), FALSE);
}

static void
prune (const char *dir,
       guint       keep)
{
  g_auto(GStrv) backups = pursuit_backup_list (dir);
  guint n = g_strv_length (backups);

  for (guint i = keep; i < n; i++)
    if (g_unlink (backups[i]) != 0)
      g_warning ("Could not delete the old backup %s: %s", backups[i], g_strerror (errno));
}

gboolean
pursuit_backup_daily (const char  *db_path,
                      const char  *dir,
                      GDateTime   *now,
                      guint        keep,
                      char       **created,
                      GError     **error)
{
  g_autofree char *day = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dest = NULL;
  g_autofree char *database_id = NULL;
  g_autofree char *own = NULL;
  gboolean made_folder;

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (keep > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (created != NULL)
    *created = NULL;

  /* Only an import or the window makes a database: one that is gone (a
   * folder removed while the backup waited) has nothing to back up. */
  if (!g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    return TRUE;

  /* Each database has a folder of its own, named by its id: the backup of
   * one is never taken for, nor overwrites, another's. */
  database_id = pursuit_store_file_database_id (db_path, TRUE);
  if (database_id == NULL || database_id[0] == '\0' || strchr (database_id, G_DIR_SEPARATOR) != NULL)
    {
      g_autofree char *display = g_filename_display_name (db_path);
      g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_NOT_DATABASE,
                   _("Could not back up %s: it has no database id. Open it with Pursuit once, then try again."),
                   display);
      return FALSE;
    }
  own = pursuit_backup_dir_for (dir, database_id);
  day = g_date_time_format (now, "%Y-%m-%d");
  name = g_strconcat (PREFIX, day, SUFFIX, NULL);
  dest = g_build_filename (own, name, NULL);
  if (g_file_test (dest, G_FILE_TEST_EXISTS))
    return TRUE;

  made_folder = !g_file_test (own, G_FILE_TEST_IS_DIR);
  if (g_mkdir_with_parents (own, 0700) != 0)
    {
      int saved = errno;
      /* As a failed write of the backup itself would say it. */
      int code = saved == EACCES || saved == EPERM || saved == EROFS ? PURSUIT_STORE_ERROR_READ_ONLY
                 : saved == ENOSPC || saved == EDQUOT           ? PURSUIT_STORE_ERROR_NO_SPACE
                                                                : PURSUIT_STORE_ERROR_IO;

      g_set_error (error, PURSUIT_STORE_ERROR, code, _("Could not create the backup folder %s: %s"), own,
                   g_strerror (saved));
      return FALSE;
    }
  if (!pursuit_store_backup_file (db_path, dest, error))
    {
      /* Nothing left over: a folder made for this backup goes with it. */
      if (made_folder)
        g_rmdir (own);
      return FALSE;
    }

  prune (own, keep);
  if (created != NULL)
    *created = g_steal_pointer (&dest);
  return TRUE;
}

static void
daily_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  char **paths = task_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;

  if (pursuit_backup_daily (paths[0], paths[1], now, PURSUIT_BACKUP_KEEP, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
pursuit_backup_daily_async (const char          *db_path,
                            const char          *dir,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  char **paths = g_new0 (char *, 3);

  paths[0] = g_strdup (db_path);
  paths[1] = g_strdup (dir);
  g_task_set_source_tag (task, pursuit_backup_daily_async);
  g_task_set_task_data (task, paths, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, daily_thread);
}

gboolean
pursuit_backup_daily_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
rename_if_exists (const char  *from,
                  const char  *to,
                  GError     **error)
{
  int saved;

  if (!g_file_test (from, G_FILE_TEST_EXISTS) || g_rename (from, to) == 0)
    return TRUE;
  saved = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not move %s to %s: %s"), from, to,
               g_strerror (saved));
  return FALSE;
}


/* Keeps the database @path as @before: a second name for the same file
 * (so that @path never goes missing), or a copy where the file system
 * has no hard links. */
static gboolean
keep_before (const char  *path,
             const char  *before,
             GError     **error)
{
  const char *sidecars[] = { "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
    {
      g_autofree char *side = g_strconcat (before, sidecars[i], NULL);
      g_unlink (side);
    }
  g_unlink (before);
  if (!g_file_test (path, G_FILE_TEST_EXISTS) || link (path, before) == 0)
    return TRUE;
  return pursuit_store_backup_file (path, before, error);
}

gboolean
pursuit_backup_restore (const char  *backup,
                        const char  *db_path,
                        char       **kept,
                        GError     **error)
{
  g_autofree char *checked = g_strconcat (db_path, ".restoring", NULL);
  g_autofree char *before = g_strconcat (db_path, ".before-restore", NULL);
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *sidecars[] = { "-wal", "-shm" };
  gboolean had_sidecar[G_N_ELEMENTS (sidecars)];
  gboolean copied;

  g_return_val_if_fail (backup != NULL, FALSE);
  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (kept != NULL)
    *kept = NULL;

  /* Check a copy, never the backup itself: opening migrates and writes.
   * Reading a backup in WAL mode (as older versions wrote them) leaves
   * -wal and -shm files beside it: those go again. */
  for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
    {
      g_autofree char *side = g_strconcat (backup, sidecars[i], NULL);
      had_sidecar[i] = g_file_test (side, G_FILE_TEST_EXISTS);
    }
  copied = pursuit_store_backup_file (backup, checked, &local_error);
  for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
    {
      g_autofree char *side = g_strconcat (backup, sidecars[i], NULL);
      if (!had_sidecar[i])
        g_unlink (side);
    }
  if (!copied)
    {
      g_autofree char *name = g_filename_display_name (db_path);

      if (g_error_matches (local_error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_NO_SPACE))
        g_set_error (error, PURSUIT_STORE_ERROR, local_error->code,
                     _("There is not enough space beside %s to restore the backup. Free some "
                       "space and try again; the current database is unchanged."),
                     name);
      else
        g_set_error (error, local_error->domain, local_error->code,
                     _("Could not restore the backup beside %s (%s). The current database is "
                       "unchanged."),
                     name, local_error->message);
      return FALSE;
    }
  store = pursuit_store_open (checked, &local_error);
  g_clear_object (&store);
  if (local_error != NULL)
    {
      g_unlink (checked);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* @db_path always names a whole database, the old one or the restored
   * one, whatever moment a crash or a kill comes at: the old one is
   * checkpointed (its WAL, which would be replayed onto the new file, is
   * emptied), kept under a second name, and the checked copy renamed over
   * it in one step. */
  if (!pursuit_store_file_checkpoint (db_path, error) || !keep_before (db_path, before, error))
    {
      g_unlink (checked);
      return FALSE;
    }
  if (!rename_if_exists (checked, db_path, error))
    {
      g_unlink (checked);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
    {
      g_autofree char *side = g_strconcat (db_path, sidecars[i], NULL);
      g_unlink (side);
    }

  if (kept != NULL)
    *kept = g_steal_pointer (&before);
  return TRUE;
}
