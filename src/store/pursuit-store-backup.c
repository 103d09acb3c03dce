/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

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

  backup = sqlite3_backup_init (copy, "main", source, "main");
  if (backup == NULL)
    rc = sqlite3_errcode (copy);
  else
    {
      rc = sqlite3_backup_step (backup, -1);
      sqlite3_backup_finish (backup);
    }
  if (rc != SQLITE_DONE)
    set_sqlite_error (copy, rc, dest, error);
  sqlite3_close (copy);
  return rc == SQLITE_DONE;
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
  sqlite3 *source = NULL;
  gboolean ok;
  int rc, fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  rc = sqlite3_open_v2 (path, &source, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      ok = set_sqlite_error (source, rc, path, error);
      sqlite3_close (source);
      return ok;
    }

  /* Written beside @dest, then renamed over it: never half a backup. */
  part = g_strconcat (dest, ".part", NULL);
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
  if (ok && g_rename (part, dest) != 0)
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
