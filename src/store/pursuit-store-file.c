/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "pursuit-db.h"
#include "pursuit-store.h"

/* Database files that no store has open (backups, and the database under
 * a restore), read or written at the SQLite level here, so that no layer
 * above store/ runs SQL. */

/* Opens @path to read it without writing anything beside it: a backup
 * is never changed, so SQLite may take it as immutable (no -wal or -shm
 * files, no locks). */
static sqlite3 *
open_immutable (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *with = NULL;
  sqlite3 *db = NULL;

  if (uri == NULL)
    return NULL;
  with = g_strconcat (uri, "?immutable=1", NULL);
  if (sqlite3_open_v2 (with, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      return NULL;
    }
  pursuit_db_harden (db);
  return db;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  if (db != NULL && sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

#define SQL_DATABASE_ID "SELECT value FROM meta WHERE key = 'database-id'"

/**
 * pursuit_store_file_database_id:
 * @path: a database file
 * @live: whether it may be open and written elsewhere (it is then read as
 *   a reader among others; otherwise as an immutable file, a backup)
 *
 * Returns: (transfer full) (nullable): its database id
 */
char *
pursuit_store_file_database_id (const char *path,
                                gboolean    live)
{
  sqlite3 *db = NULL;
  char *id = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!live)
    db = open_immutable (path);
  else if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
    {
      pursuit_db_harden (db);
      sqlite3_busy_timeout (db, 5000);
    }
  id = query_text (db, SQL_DATABASE_ID);
  sqlite3_close (db);
  return id;
}

/**
 * pursuit_store_file_count_prospects:
 * @path: a backup file
 * @n_prospects: (out): how many prospects it holds, the Trash aside
 * @error: return location for a #PursuitStoreError
 *
 * Returns: whether it could be read
 */
gboolean
pursuit_store_file_count_prospects (const char  *path,
                                    guint       *n_prospects,
                                    GError     **error)
{
  sqlite3 *db;
  g_autofree char *count = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (n_prospects != NULL, FALSE);

  db = open_immutable (path);
  /* The Trash does not count; a backup older than the Trash has none. */
  count = query_text (db, "SELECT count(*) FROM prospect WHERE deleted_at IS NULL");
  if (count == NULL)
    count = query_text (db, "SELECT count(*) FROM prospect");
  sqlite3_close (db);
  if (count == NULL)
    {
      g_autofree char *name = g_filename_display_name (path);
      g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_NOT_DATABASE,
                   _("%s is not a Pursuit backup that can be read."), name);
      return FALSE;
    }
  *n_prospects = (guint) g_ascii_strtoull (count, NULL, 10);
  return TRUE;
}

/* Moves everything in the WAL of @path into the file and empties the WAL
 * (no one else may have @path open). */
gboolean
pursuit_store_file_checkpoint (const char  *path,
                               GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      pursuit_db_harden (db);
      rc = sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      g_autofree char *name = g_filename_display_name (path);
      g_set_error (error, PURSUIT_STORE_ERROR, rc == SQLITE_FULL ? PURSUIT_STORE_ERROR_NO_SPACE : PURSUIT_STORE_ERROR_IO,
                   _("Could not restore the backup: %s cannot be written (%s). The current database is unchanged."),
                   name, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return FALSE;
    }
  sqlite3_close (db);
  return TRUE;
}
