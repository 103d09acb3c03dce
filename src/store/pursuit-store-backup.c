/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pursuit-db.h"
#include "pursuit-store.h"

/* Copies with SQLite's online backup API: a consistent snapshot, taken
 * while other connections (a window, the command line) keep writing. */

static gboolean
set_sqlite_error (sqlite3     *db,
                  int          rc,
                  const char  *path,
                  GError     **error)
{
  int code = pursuit_db_error_code (rc, db != NULL ? sqlite3_system_errno (db) : 0);

  g_set_error (error, PURSUIT_STORE_ERROR, code, _("Could not back up to %s: %s"), path,
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

/* Errors name @dest, where the copy was going, rather than @part. */
static gboolean
copy_into (sqlite3     *source,
           const char  *part,
           const char  *dest,
           GError     **error)
{
  sqlite3 *copy = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (part, &copy, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (copy, rc, dest, error);
      sqlite3_close (copy);
      return FALSE;
    }
  pursuit_db_harden (copy);

  backup = sqlite3_backup_init (copy, "main", source, "main");
  if (backup == NULL)
    rc = sqlite3_errcode (copy);
  else
    {
      rc = sqlite3_backup_step (backup, -1);
      sqlite3_backup_finish (backup);
    }
  /* A copy in WAL mode, opened to be read or restored, would leave -wal
   * and -shm files beside it (a reader cannot remove them): a backup is
   * one file, in rollback mode, and the store turns WAL on when it opens
   * it as its database. */
  if (rc == SQLITE_DONE)
    {
      int mode_rc = sqlite3_exec (copy, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);

      if (mode_rc != SQLITE_OK)
        rc = mode_rc;
    }
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    set_sqlite_error (copy, rc, dest, error);
  else
    rc = SQLITE_DONE;
  sqlite3_close (copy);
  return rc == SQLITE_DONE;
}

static gboolean
set_errno_error (int          saved,
                 const char  *dest,
                 GError     **error)
{
  g_set_error (error, PURSUIT_STORE_ERROR, pursuit_db_error_code (SQLITE_IOERR, saved),
               _("Could not back up to %s: %s"), dest, g_strerror (saved));
  return FALSE;
}

/* Copies the finished backup @part into @dest, a device or a FIFO that
 * must be written where it is (/dev/stdout, a pipe), never replaced. */
static gboolean
write_in_place (const char  *part,
                const char  *dest,
                GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) read_error = NULL;
  gsize length, done = 0;
  int fd;

  if (!g_file_get_contents (part, &contents, &length, &read_error))
    return set_errno_error (EIO, dest, error);
  fd = g_open (dest, O_WRONLY | O_NOCTTY, 0);
  if (fd < 0)
    return set_errno_error (errno, dest, error);
  while (done < length)
    {
      gssize n = write (fd, contents + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = n < 0 ? errno : ENOSPC;
          close (fd);
          return set_errno_error (saved, dest, error);
        }
      done += n;
    }
  if (close (fd) != 0 && errno != EINTR)
    return set_errno_error (errno, dest, error);
  return TRUE;
}

/* Where the copy goes: a regular file (or none yet) is replaced whole, the
 * file a symbolic link points to rather than the link; a character device
 * or a FIFO is written in place (*@in_place); anything else is refused. */
static char *
resolve_dest (const char  *dest,
              gboolean    *in_place,
              GError     **error)
{
  g_autofree char *resolved = g_strdup (dest);
  struct stat st;

  *in_place = FALSE;
  /* What @dest names in the end, links followed by the kernel: /dev/stdout
   * links to /proc/self/fd/1, whose link text ("pipe:[…]") is no path. */
  if (g_stat (dest, &st) == 0 && (S_ISCHR (st.st_mode) || S_ISFIFO (st.st_mode)))
    {
      *in_place = TRUE;
      return g_steal_pointer (&resolved);
    }
  for (guint i = 0; i < 40 && g_file_test (resolved, G_FILE_TEST_IS_SYMLINK); i++)
    {
      g_autofree char *target = g_file_read_link (resolved, NULL);
      g_autofree char *folder = g_path_get_dirname (resolved);

      if (target == NULL)
        break;
      g_free (resolved);
      resolved = g_path_is_absolute (target) ? g_strdup (target) : g_build_filename (folder, target, NULL);
    }
  if (g_stat (resolved, &st) != 0 || S_ISREG (st.st_mode))
    return g_steal_pointer (&resolved);
  if (S_ISCHR (st.st_mode) || S_ISFIFO (st.st_mode))
    {
      *in_place = TRUE;
      return g_steal_pointer (&resolved);
    }
  g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_IO,
               _("Could not back up to %s: it is not a file. Give the name of a file to write."), dest);
  return NULL;
}

/**
 * pursuit_store_backup_file:
 * @path: a Pursuit database
 * @dest: where the copy goes; replaced when it exists
 * @error: return location for a #PursuitStoreError
 *
 * Copies @path to @dest (mode 0600) on a connection of its own, so it may
 * run in a thread while @path is open elsewhere. @dest appears whole or
 * not at all.
 *
 * Returns: whether the copy was written
 */
gboolean
pursuit_store_backup_file (const char  *path,
                           const char  *dest,
                           GError     **error)
{
  g_autofree char *part = NULL;
  g_autofree char *target = NULL;
  sqlite3 *source = NULL;
  gboolean ok, in_place;
  int rc, fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  target = resolve_dest (dest, &in_place, error);
  if (target == NULL)
    return FALSE;
  rc = sqlite3_open_v2 (path, &source, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      ok = set_sqlite_error (source, rc, path, error);
      sqlite3_close (source);
      return ok;
    }
  pursuit_db_harden (source);

  /* Written beside @dest, then renamed over it: never half a backup. A
   * device or a FIFO gets it from a temporary file. */
  if (in_place)
    {
      g_autofree char *base = g_strdup_printf ("pursuit-backup-%d.db.part", (int) getpid ());
      part = g_build_filename (g_get_tmp_dir (), base, NULL);
    }
  else
    part = g_strconcat (target, ".part", NULL);
  g_unlink (part);
  fd = g_open (part, O_RDWR | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    {
      int saved = errno;
      sqlite3_close (source);
      g_set_error (error, PURSUIT_STORE_ERROR, pursuit_db_error_code (SQLITE_IOERR, saved),
                   _("Could not back up to %s: %s"), dest, g_strerror (saved));
      return FALSE;
    }
  g_close (fd, NULL);

  ok = copy_into (source, part, dest, error);
  sqlite3_close (source);
  if (ok && in_place)
    ok = write_in_place (part, dest, error);
  else if (ok && g_rename (part, target) != 0)
    {
      int saved = errno;
      g_set_error (error, PURSUIT_STORE_ERROR, pursuit_db_error_code (SQLITE_IOERR, saved),
                   _("Could not back up to %s: %s"), dest, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (part);
  return ok;
}
