/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-store"
/* O_CLOEXEC, with -std=c17 */
#define _POSIX_C_SOURCE 200809L

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pursuit-db.h"
#include "pursuit-pg-setup.h"
#include "pursuit-store.h"

#define BUSY_TIMEOUT_MS 5000
#define SQLITE_MAGIC    "SQLite format 3"

/* The state of a deferred PRAGMA quick_check, shared by the store's
 * connection and the thread that runs it (which may outlive the store). */
typedef enum
{
  CHECK_PASSED,     /* or never deferred */
  CHECK_PENDING,
  CHECK_RUNNING,
  CHECK_FAILED,
} CheckState;

typedef struct
{
  GMutex      lock;
  GCond       done;
  CheckState  state;
  GError     *error;        /* when CHECK_FAILED */
  char       *path;
  char       *display_name;
} Check;

struct _PursuitDb
{
  sqlite3    *handle;
  char       *path;
  char       *display_name;
  GHashTable *stmts;        /* const char *sql → sqlite3_stmt */
  Check      *check;        /* an atomic rc box */
  gboolean    wal;          /* the header says the file is in WAL mode */
};

/* Each entry takes the schema from version N to N + 1, in one transaction
 * together with the new user_version. Never edit a released entry: add
 * one. */
static const char * const migrations[] = {
  /* 1: the prospects */
  "CREATE TABLE prospect ("
  "  id          INTEGER PRIMARY KEY,"
  "  name        TEXT NOT NULL,"
  "  company     TEXT NOT NULL DEFAULT '',"
  "  email       TEXT NOT NULL DEFAULT '',"
  "  phone       TEXT NOT NULL DEFAULT '',"
  "  stage       TEXT NOT NULL DEFAULT 'inbox',"
  "  tier        TEXT NOT NULL DEFAULT '',"
  "  value       REAL,"
  "  attempts    INTEGER NOT NULL DEFAULT 0,"
  "  next_touch  INTEGER,"
  "  notes       TEXT NOT NULL DEFAULT '',"
  "  created_at  INTEGER NOT NULL,"
  "  updated_at  INTEGER NOT NULL"
  ");",

  /* 2: touches, the follow-up plan and letting go */
  "ALTER TABLE prospect ADD COLUMN source TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE prospect ADD COLUMN attempt_limit INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE prospect ADD COLUMN next_touch_manual INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE prospect ADD COLUMN callback_at INTEGER;"
  "ALTER TABLE prospect ADD COLUMN next_channel TEXT NOT NULL DEFAULT 'call';"
  "ALTER TABLE prospect ADD COLUMN close_reason TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE prospect ADD COLUMN revisit_at INTEGER;"
  "CREATE INDEX prospect_next_touch ON prospect (next_touch);"
  "CREATE TABLE touch ("
  "  id          INTEGER PRIMARY KEY,"
  "  prospect_id INTEGER NOT NULL REFERENCES prospect (id) ON DELETE CASCADE,"
  "  happened_at INTEGER NOT NULL,"
  "  channel     TEXT NOT NULL,"
  "  direction   TEXT NOT NULL,"
  "  outcome     TEXT NOT NULL,"
  "  callback_at INTEGER,"
  "  note        TEXT NOT NULL DEFAULT ''"
  ");"
  /* Serves the cascade on delete and the newest-first touch list. */
  "CREATE INDEX touch_prospect ON touch (prospect_id, happened_at);",

  /* 3: attempts made before the first touch Pursuit knows of (imports
   * set attempts without touches; until now the next touch lost them),
   * and when a prospect was won or let go (until now its last change
   * stood in for that, as it does for the prospects closed before). */
  "ALTER TABLE prospect ADD COLUMN attempts_before INTEGER NOT NULL DEFAULT 0;"
  "UPDATE prospect SET attempts_before = attempts"
  "  WHERE NOT EXISTS (SELECT 1 FROM touch WHERE touch.prospect_id = prospect.id);"
  "ALTER TABLE prospect ADD COLUMN closed_at INTEGER;"
  "UPDATE prospect SET closed_at = updated_at WHERE stage IN ('closed', 'customer');",

  /* 4: the Trash (a deleted prospect keeps its row and touches, with the
   * time it was deleted, until the Trash is emptied), and an id of the
   * database's own that copies and backups keep (iCalendar UIDs, the
   * folder of its backups). */
  "ALTER TABLE prospect ADD COLUMN deleted_at INTEGER;"
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ");"
  "INSERT INTO meta (key, value) VALUES ('database-id', lower (hex (randomblob (16))));",

  /* 5: where a prospect was ("stage:tier") before a touch closed it, so
   * that deleting that touch reopens it there; it went with the prospect's
   * row nowhere while it was kept in meta. */
  "ALTER TABLE prospect ADD COLUMN reopen_to TEXT NOT NULL DEFAULT '';"
  "UPDATE prospect SET reopen_to = (SELECT value FROM meta WHERE key = 'reopen:' || prospect.id)"
  "  WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'reopen:' || prospect.id);"
  "DELETE FROM meta WHERE key LIKE 'reopen:%';",

  /* 6: a prospect's tags, normalised and separated by commas, as
   * pursuit_prospect_set_tags() keeps them ("vip,trade fair"). */
  "ALTER TABLE prospect ADD COLUMN tags TEXT NOT NULL DEFAULT '';",

  /* 7: the do-not-contact list (a prospect who asked not to be contacted,
   * or gave a firm no: never planned, never back from a revisit), which
   * the prospects let go as a firm no join at once; and informational
   * touches (a nurture email: not an attempt). */
  "ALTER TABLE prospect ADD COLUMN do_not_contact INTEGER NOT NULL DEFAULT 0;"
  "UPDATE prospect SET do_not_contact = 1, next_touch = NULL, next_touch_manual = 0,"
  "  callback_at = NULL, revisit_at = NULL"
  "  WHERE stage = 'closed' AND close_reason = 'firm-no';"
  "ALTER TABLE touch ADD COLUMN informational INTEGER NOT NULL DEFAULT 0;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PURSUIT_STORE_SCHEMA_VERSION);

/* The code for a failed system call, ours or SQLite's. */
static PursuitStoreError
code_for_errno (int saved_errno)
{
  switch (saved_errno)
    {
    case ENOSPC:
    case EDQUOT:
      return PURSUIT_STORE_ERROR_NO_SPACE;
    case EACCES:
    case EPERM:
    case EROFS:
      return PURSUIT_STORE_ERROR_READ_ONLY;
    default:
      return PURSUIT_STORE_ERROR_IO;
    }
}

PursuitStoreError
pursuit_db_error_code (int rc,
                       int system_errno)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return PURSUIT_STORE_ERROR_LOCKED;
    case SQLITE_FULL:
      return PURSUIT_STORE_ERROR_NO_SPACE;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return PURSUIT_STORE_ERROR_READ_ONLY;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
      /* SQLite says which call failed, the errno says why. */
      return code_for_errno (system_errno);
    case SQLITE_NOTADB:
      return PURSUIT_STORE_ERROR_NOT_DATABASE;
    case SQLITE_CORRUPT:
      return PURSUIT_STORE_ERROR_CORRUPT;
    case SQLITE_CONSTRAINT:
      return PURSUIT_STORE_ERROR_INVALID;
    default:
      return PURSUIT_STORE_ERROR_FAILED;
    }
}

/* One literal format per code, so that translators see whole sentences
 * and -Wformat-nonliteral stays quiet. */
static void
set_error_named (const char         *name,
                 PursuitStoreError   code,
                 const char         *detail,
                 GError            **error)
{
  switch (code)
    {
    case PURSUIT_STORE_ERROR_NOT_DATABASE:
      g_set_error (error, PURSUIT_STORE_ERROR, code,
                   _("%s is not a Pursuit database. Choose another file with --database."),
                   name);
      break;
    case PURSUIT_STORE_ERROR_CORRUPT:
      g_set_error (error, PURSUIT_STORE_ERROR, code,
                   _("%s is damaged. Restore it from a backup, or choose another file "
                     "with --database."),
                   name);
      break;
    case PURSUIT_STORE_ERROR_NEWER_VERSION:
      g_set_error (error, PURSUIT_STORE_ERROR, code,
                   _("%s was saved by a newer version of Pursuit. Update Pursuit to open it, "
                     "or choose another file with --database."),
                   name);
      break;
    case PURSUIT_STORE_ERROR_IO:
      g_set_error (error, PURSUIT_STORE_ERROR, code,
                   _("Cannot read or write %s (%s). Check that the file and its folder are "
                     "there and that the disk works."),
                   name, detail);
      break;
    case PURSUIT_STORE_ERROR_NO_SPACE:
      g_set_error (error, PURSUIT_STORE_ERROR, code,
                   _("The disk that holds %s is full. Free some space and try again."),
                   name);
      break;
    case PURSUIT_STORE_ERROR_READ_ONLY:
      g_set_error (error, PURSUIT_STORE_ERROR, code,
                   _("Pursuit may not change %s (%s). Check the permissions of the file and "
                     "its folder, or choose another file with --database."),
                   name, detail);
      break;
    case PURSUIT_STORE_ERROR_LOCKED:
      g_set_error (error, PURSUIT_STORE_ERROR, code,
                   _("%s is in use by another program. Close that program and try again."),
                   name);
      break;
    case PURSUIT_STORE_ERROR_INVALID:
      g_set_error (error, PURSUIT_STORE_ERROR, code,
                   _("%s refused the change (%s). Check the values and try again."),
                   name, detail);
      break;
    case PURSUIT_STORE_ERROR_FAILED:
    default:
      g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_FAILED,
                   _("Could not use %s (%s). Try again, or choose another file with "
                     "--database."),
                   name, detail);
      break;
    }
}

static void
set_error_code (PursuitDb          *db,
                PursuitStoreError   code,
                const char         *detail,
                GError            **error)
{
  set_error_named (db->display_name, code, detail, error);
}

static gboolean
set_errno_error (PursuitDb  *db,
                 int         saved_errno,
                 GError    **error)
{
  set_error_code (db, code_for_errno (saved_errno), g_strerror (saved_errno), error);
  return FALSE;
}

/* The errno of the first thing Pursuit may not do to the file or its
 * folder (EACCES, EROFS), or 0. */
static int
access_errno (PursuitDb *db)
{
  g_autofree char *folder = g_path_get_dirname (db->path);

  if (g_access (db->path, R_OK | W_OK) != 0 || g_access (folder, W_OK | X_OK) != 0)
    return errno;
  return 0;
}

gboolean
pursuit_db_set_error (PursuitDb  *db,
                      int         rc,
                      GError    **error)
{
  const char *detail;
  int system_errno;

  g_return_val_if_fail (db != NULL, FALSE);

  /* "Unable to open database file" says little: say what the user may
   * not do there instead. */
  if ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY)
    {
      system_errno = access_errno (db);
      if (system_errno != 0)
        return set_errno_error (db, system_errno, error);
    }

  detail = db->handle != NULL ? sqlite3_errmsg (db->handle) : sqlite3_errstr (rc);
  system_errno = db->handle != NULL ? sqlite3_system_errno (db->handle) : 0;
  set_error_code (db, pursuit_db_error_code (rc, system_errno), detail, error);
  return FALSE;
}

static void
finalize_stmt (gpointer data)
{
  sqlite3_finalize (data);
}

static Check *
check_new (PursuitDb *db)
{
  Check *check = g_atomic_rc_box_new0 (Check);

  g_mutex_init (&check->lock);
  g_cond_init (&check->done);
  check->state = CHECK_PASSED;
  check->path = g_strdup (db->path);
  check->display_name = g_strdup (db->display_name);
  return check;
}

static void
check_clear (gpointer data)
{
  Check *check = data;

  g_mutex_clear (&check->lock);
  g_cond_clear (&check->done);
  g_clear_error (&check->error);
  g_free (check->path);
  g_free (check->display_name);
}

static void
check_unref (Check *check)
{
  g_atomic_rc_box_release_full (check, check_clear);
}

static CheckState
check_get_state (Check *check)
{
  CheckState state;

  g_mutex_lock (&check->lock);
  state = check->state;
  g_mutex_unlock (&check->lock);
  return state;
}

static void
close_handle (PursuitDb *db)
{
  /* Closing checkpoints the WAL into the file: not before the file is
   * known to be intact (the check may still be running, or have failed). */
  if (db->handle != NULL && db->check != NULL && check_get_state (db->check) != CHECK_PASSED)
    sqlite3_db_config (db->handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  /* Statements first: sqlite3_close() refuses while any is alive. */
  g_clear_pointer (&db->stmts, g_hash_table_unref);
  if (db->handle != NULL && sqlite3_close (db->handle) != SQLITE_OK)
    g_warning ("Closing %s: %s", db->display_name, sqlite3_errmsg (db->handle));
  db->handle = NULL;
}

void
pursuit_db_free (PursuitDb *db)
{
  if (db == NULL)
    return;

  close_handle (db);
  g_clear_pointer (&db->check, check_unref);
  g_free (db->path);
  g_free (db->display_name);
  g_free (db);
}

const char *
pursuit_db_get_path (PursuitDb *db)
{
  g_return_val_if_fail (db != NULL, NULL);

  return db->path;
}

PursuitDbStmt *
pursuit_db_prepare (PursuitDb   *db,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (sql != NULL, NULL);

  /* A store on a team database has no file: what is not done there yet
   * fails here (see pursuit_store_remote_unsupported()). */
  if (db == NULL)
    {
      g_set_error_literal (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_UNSUPPORTED,
                           _("This is not available on a team database yet. Nothing was changed."));
      return NULL;
    }
  stmt = g_hash_table_lookup (db->stmts, sql);
  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      pursuit_db_set_error (db, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }

  g_hash_table_insert (db->stmts, (gpointer) sql, stmt);
  return stmt;
}

void
pursuit_db_stmt_release (PursuitDbStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

gboolean
pursuit_db_step_done (PursuitDb      *db,
                      PursuitDbStmt  *stmt,
                      GError        **error)
{
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (stmt != NULL, FALSE);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc == SQLITE_ROW)
    rc = SQLITE_MISUSE;
  return pursuit_db_set_error (db, rc, error);
}

gboolean
pursuit_db_step_row (PursuitDb      *db,
                     PursuitDbStmt  *stmt,
                     gboolean       *has_row,
                     GError        **error)
{
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (stmt != NULL, FALSE);
  g_return_val_if_fail (has_row != NULL, FALSE);

  rc = sqlite3_step (stmt);
  *has_row = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  return pursuit_db_set_error (db, rc, error);
}

static gboolean
run (PursuitDb   *db,
     const char  *sql,
     GError     **error)
{
  g_autoptr(PursuitDbStmt) stmt = pursuit_db_prepare (db, sql, error);

  return stmt != NULL && pursuit_db_step_done (db, stmt, error);
}

gboolean
pursuit_db_begin (PursuitDb  *db,
                  GError    **error)
{
  if (db == NULL)
    return pursuit_db_prepare (db, "BEGIN", error) != NULL;

  /* Nothing is written before the deferred integrity check has passed:
   * a write waits for it (see pursuit_store_open_quick()). */
  if (!pursuit_db_check (db, error))
    return FALSE;

  /* IMMEDIATE takes the write lock now, so a busy database fails here
   * (after the busy timeout) rather than halfway through the change. */
  return run (db, "BEGIN IMMEDIATE", error);
}

gboolean
pursuit_db_commit (PursuitDb  *db,
                   GError    **error)
{
  g_return_val_if_fail (db != NULL, FALSE);

  return run (db, "COMMIT", error);
}

void
pursuit_db_rollback (PursuitDb *db)
{
  g_return_if_fail (db != NULL);

  /* SQLite may already have rolled back on its own (after SQLITE_FULL,
   * for instance); then there is nothing left to undo. */
  if (sqlite3_get_autocommit (db->handle))
    return;
  if (sqlite3_exec (db->handle, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK)
    g_warning ("Rolling back %s: %s", db->display_name, sqlite3_errmsg (db->handle));
}

gint64
pursuit_db_last_insert_rowid (PursuitDb *db)
{
  g_return_val_if_fail (db != NULL, 0);

  return sqlite3_last_insert_rowid (db->handle);
}

int
pursuit_db_changes (PursuitDb *db)
{
  g_return_val_if_fail (db != NULL, 0);

  return sqlite3_changes (db->handle);
}

void
pursuit_db_bind_time (PursuitDbStmt *stmt,
                      int            index,
                      GDateTime     *when)
{
  if (when == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, g_date_time_to_unix (when));
}

GDateTime *
pursuit_db_column_time (PursuitDbStmt *stmt,
                        int            column,
                        GTimeZone     *zone)
{
  g_autoptr(GDateTime) utc = NULL;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  utc = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, column));
  return utc != NULL ? g_date_time_to_timezone (utc, zone) : NULL;
}

guint
pursuit_db_column_uint (PursuitDbStmt *stmt,
                        int            column)
{
  return CLAMP (sqlite3_column_int64 (stmt, column), 0, G_MAXUINT);
}

void
pursuit_db_bind_string (PursuitDbStmt *stmt,
                        int            index,
                        const char    *str)
{
  sqlite3_bind_text (stmt, index, str != NULL ? str : "", -1, SQLITE_TRANSIENT);
}

const char *
pursuit_db_column_string (PursuitDbStmt *stmt,
                          int            column)
{
  const char *str = (const char *) sqlite3_column_text (stmt, column);

  return str != NULL ? str : "";
}

/* Opening, step by step. Everything up to check_contents() only reads. */

static gboolean
create_if_missing (PursuitDb  *db,
                   gboolean   *created,
                   GError    **error)
{
  g_autofree char *folder = NULL;
  int fd;

  *created = FALSE;
  if (g_file_test (db->path, G_FILE_TEST_EXISTS))
    return TRUE;

  folder = g_path_get_dirname (db->path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    return set_errno_error (db, errno, error);

  /* Created here rather than by SQLite so that the mode is 0600 whatever
   * the umask; SQLite gives its -wal and -shm files the same mode. */
  fd = g_open (db->path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    return errno == EEXIST ? TRUE : set_errno_error (db, errno, error);
  g_close (fd, NULL);
  *created = TRUE;
  return TRUE;
}

/* A new database that could not be set up (on a full disk, say) goes
 * again, unless another instance wrote to it meanwhile. */
static void
remove_if_empty (PursuitDb *db)
{
  const char *suffixes[] = { "-wal", "-shm", "" };
  struct stat st;

  if (g_stat (db->path, &st) != 0 || st.st_size != 0)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (db->path, suffixes[i], NULL);
      g_unlink (name);
    }
}

/* Refuses what cannot be a database file before SQLite opens it: stat()
 * only, as opening a FIFO would block. */
static gboolean
check_file_type (PursuitDb  *db,
                 GError    **error)
{
  struct stat st;

  if (g_stat (db->path, &st) != 0)
    return set_errno_error (db, errno, error);
  if (S_ISDIR (st.st_mode))
    return set_errno_error (db, EISDIR, error);
  if (S_ISREG (st.st_mode))
    return TRUE;

  set_error_code (db, PURSUIT_STORE_ERROR_NOT_DATABASE, NULL, error);
  return FALSE;
}

static gboolean
open_handle (PursuitDb  *db,
             GError    **error)
{
  int rc;

  /* No SQLITE_OPEN_CREATE: create_if_missing() made the file, and a file
   * that vanished since then is an error, not a new database. */
  rc = sqlite3_open_v2 (db->path, &db->handle, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    return pursuit_db_set_error (db, rc, error);

  pursuit_db_harden (db->handle);
  sqlite3_busy_timeout (db->handle, BUSY_TIMEOUT_MS);
  return TRUE;
}

/**
 * pursuit_db_harden:
 * @handle: an open SQLite connection to a Pursuit database
 *
 * What is in the file is data, not code: no SQL may corrupt it on
 * purpose, and functions with side effects never run from its schema
 * (PRAGMA trusted_schema = OFF). Every connection to a database, the
 * store's and those of threads and backups, is opened so.
 */
void
pursuit_db_harden (sqlite3 *handle)
{
  g_return_if_fail (handle != NULL);

  sqlite3_db_config (handle, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (handle, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
}

/* Refuses what is plainly not SQLite before SQLite reads it. An empty
 * file is an empty database to SQLite, and to us. The header is read
 * through SQLite's own descriptor: opening and closing another one would
 * drop the POSIX locks that this process holds on the file (through the
 * connection of an open window, say), and with them the WAL. */
static gboolean
check_header (PursuitDb  *db,
              GError    **error)
{
  /* The magic, then at 18 and 19 the read and write versions, 2 in WAL
   * mode. */
  char header[20] = { 0 };
  sqlite3_file *file = NULL;
  sqlite3_int64 size = 0;
  int rc;

  rc = sqlite3_file_control (db->handle, "main", SQLITE_FCNTL_FILE_POINTER, &file);
  if (rc != SQLITE_OK || file == NULL || file->pMethods == NULL)
    return pursuit_db_set_error (db, rc != SQLITE_OK ? rc : SQLITE_CANTOPEN, error);
  rc = file->pMethods->xFileSize (file, &size);
  if (rc == SQLITE_OK && size > 0)
    rc = file->pMethods->xRead (file, header, sizeof header, 0);
  if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ)
    return pursuit_db_set_error (db, rc, error);
  db->wal = header[18] == 2 && header[19] == 2;
  if (size == 0 || memcmp (header, SQLITE_MAGIC, sizeof SQLITE_MAGIC) == 0)
    return TRUE;

  set_error_code (db, PURSUIT_STORE_ERROR_NOT_DATABASE, NULL, error);
  return FALSE;
}

static gboolean
query_int (PursuitDb   *db,
           const char  *sql,
           int         *out,
           GError     **error)
{
  g_autoptr(PursuitDbStmt) stmt = pursuit_db_prepare (db, sql, error);
  gboolean has_row;

  if (stmt == NULL || !pursuit_db_step_row (db, stmt, &has_row, error))
    return FALSE;
  *out = has_row ? sqlite3_column_int (stmt, 0) : 0;
  return TRUE;
}

/* PRAGMA quick_check on @handle, any connection to the file @name. */
static gboolean
quick_check (sqlite3     *handle,
             const char  *name,
             GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_debug ("%s: quick_check started", name);
  rc = sqlite3_prepare_v2 (handle, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0)
    {
      sqlite3_finalize (stmt);
      g_debug ("%s: quick_check passed", name);
      return TRUE;
    }

  if (rc == SQLITE_ROW)
    {
      g_debug ("%s: quick_check: %s", name, sqlite3_column_text (stmt, 0));
      rc = SQLITE_CORRUPT;
    }
  set_error_named (name, pursuit_db_error_code (rc, sqlite3_system_errno (handle)),
                   sqlite3_errmsg (handle), error);
  sqlite3_finalize (stmt);
  return FALSE;
}

static gboolean
check_integrity (PursuitDb  *db,
                 GError    **error)
{
  return quick_check (db->handle, db->display_name, error);
}

/* Pursuit's own tables, indexes and triggers, as "type name on table"
 * lines; the sqlite_ tables and indexes that SQLite makes by itself aside,
 * but never a trigger or view, whatever its name. */
#define SQL_SCHEMA_OBJECTS                                                      \
  "SELECT type || ' ' || name || ' on ' || tbl_name FROM sqlite_schema"         \
  " WHERE NOT (type IN ('table', 'index') AND name LIKE 'sqlite\\_%' ESCAPE '\\')"

static GHashTable *
list_objects (sqlite3  *handle,
              int      *rc)
{
  GHashTable *objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;

  *rc = sqlite3_prepare_v2 (handle, SQL_SCHEMA_OBJECTS, -1, &stmt, NULL);
  while (*rc == SQLITE_OK && (*rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_hash_table_add (objects, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      *rc = SQLITE_OK;
    }
  if (*rc == SQLITE_DONE)
    *rc = SQLITE_OK;
  sqlite3_finalize (stmt);
  return objects;
}

/* The objects that the migrations up to @version make, found by running
 * them on an empty database in memory: so every later migration is known
 * without a list to keep in step. */
static GHashTable *
expected_objects (int version)
{
  sqlite3 *memory = NULL;
  GHashTable *objects;
  int rc = sqlite3_open_v2 (":memory:", &memory, SQLITE_OPEN_READWRITE, NULL);

  for (int i = 0; rc == SQLITE_OK && i < version; i++)
    rc = sqlite3_exec (memory, migrations[i], NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    g_error ("Migrating an empty database failed: %s", sqlite3_errmsg (memory));
  objects = list_objects (memory, &rc);
  sqlite3_close (memory);
  return objects;
}

/* Object names come from the file: shown with control characters and
 * invalid UTF-8 escaped. */
static char *
dup_printable (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  char high[129];

  for (int i = 0; i < 128; i++)
    high[i] = (char) (0x80 + i);
  high[128] = '\0';
  return g_strescape (valid, high);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Refuses a database that holds what Pursuit did not put there: a trigger
 * or view planted with sqlite3 would run, unseen, on Pursuit's own
 * changes. */
static gboolean
check_schema (PursuitDb  *db,
              int         version,
              GError    **error)
{
  g_autoptr(GHashTable) expected = expected_objects (version);
  g_autoptr(GHashTable) found = NULL;
  g_autoptr(GPtrArray) strangers = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;
  GHashTableIter iter;
  gpointer object;
  int rc;

  found = list_objects (db->handle, &rc);
  if (rc != SQLITE_OK)
    return pursuit_db_set_error (db, rc, error);

  g_hash_table_iter_init (&iter, found);
  while (g_hash_table_iter_next (&iter, &object, NULL))
    if (!g_hash_table_contains (expected, object))
      g_ptr_array_add (strangers, dup_printable (object));
  if (strangers->len == 0)
    return TRUE;

  g_ptr_array_sort (strangers, compare_strings);
  g_ptr_array_add (strangers, NULL);
  list = g_strjoinv (", ", (char **) strangers->pdata);
  g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_NOT_DATABASE,
               _("%s holds what Pursuit did not put there (%s), which could change your prospects "
                 "unseen. Remove it with sqlite3, restore a backup, or choose another file with "
                 "--database."),
               db->display_name, list);
  return FALSE;
}

/* Whether the file is ours, ours from a newer version, or someone else's;
 * then whether it is intact. Reads only. */
static gboolean
check_contents (PursuitDb  *db,
                gboolean    quick,
                int        *version_out,
                GError    **error)
{
  int version, n_objects, has_prospect, has_touch;

  if (!query_int (db, "PRAGMA user_version", &version, error) ||
      !query_int (db, "SELECT count(*) FROM sqlite_schema", &n_objects, error) ||
      !query_int (db,
                  "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'prospect'",
                  &has_prospect, error) ||
      !query_int (db,
                  "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'touch'",
                  &has_touch, error))
    return FALSE;

  if (version > PURSUIT_STORE_SCHEMA_VERSION)
    {
      set_error_code (db, PURSUIT_STORE_ERROR_NEWER_VERSION, NULL, error);
      return FALSE;
    }

  if (version < 0 || (version == 0 && n_objects > 0) || (version >= 1 && !has_prospect) ||
      (version >= 2 && !has_touch))
    {
      set_error_code (db, PURSUIT_STORE_ERROR_NOT_DATABASE, NULL, error);
      return FALSE;
    }

  *version_out = version;
  if (!check_schema (db, version, error))
    return FALSE;
  /* The full check may wait only when nothing before it writes: no
   * migration, and no switch to WAL (which rewrites the header). */
  if (quick && db->wal && version == PURSUIT_STORE_SCHEMA_VERSION)
    {
      db->check->state = CHECK_PENDING;
      g_debug ("%s: quick_check deferred", db->display_name);
      return TRUE;
    }
  return check_integrity (db, error);
}

/* Takes away what other users may do to the database and its -wal and
 * -shm files (the prospects are personal data): a file copied or made
 * with another umask may be 0644. SQLite gives new -wal and -shm files
 * the mode of the database. Only the mode changes, never the contents. */
static void
make_private (PursuitDb *db)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (db->path, suffixes[i], NULL);
      struct stat st;

      if (g_stat (name, &st) != 0 || !S_ISREG (st.st_mode) || (st.st_mode & 077) == 0)
        continue;
      /* When it cannot be done (the file is someone else's), the command
       * line and the window say so: see pursuit_cli_dup_exposed_warning(). */
      if (g_chmod (name, st.st_mode & 0700) != 0)
        {
          int saved_errno = errno;
          g_autofree char *display = g_filename_display_name (name);

          g_debug ("Other users may read %s, and Pursuit could not change that (%s)", display,
                     g_strerror (saved_errno));
        }
    }
}

static gboolean
configure (PursuitDb  *db,
           GError    **error)
{
  g_autoptr(PursuitDbStmt) stmt = NULL;
  gboolean has_row;
  int foreign_keys;

  /* SQLite quietly opens a write-protected file read-only. */
  if (sqlite3_db_readonly (db->handle, "main") == 1)
    return set_errno_error (db, EACCES, error);

  /* The first write. Some file systems cannot share memory for WAL; then
   * SQLite keeps its rollback journal, which is as safe, only slower. */
  stmt = pursuit_db_prepare (db, "PRAGMA journal_mode = WAL", error);
  if (stmt == NULL || !pursuit_db_step_row (db, stmt, &has_row, error))
    return FALSE;
  if (!has_row || g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") != 0)
    g_debug ("%s: WAL is not available, keeping the rollback journal", db->display_name);
  g_clear_pointer (&stmt, pursuit_db_stmt_release);

  /* FULL: every commit reaches the disk (an fsync of the WAL) before the
   * window says it is saved, so a power cut loses nothing the user saw.
   * NORMAL would spare that fsync but may roll back the last commits. */
  if (!run (db, "PRAGMA synchronous = FULL", error))
    return FALSE;

  if (!run (db, "PRAGMA foreign_keys = ON", error) ||
      !query_int (db, "PRAGMA foreign_keys", &foreign_keys, error))
    return FALSE;
  if (foreign_keys != 1)
    {
      set_error_code (db, PURSUIT_STORE_ERROR_FAILED, "foreign keys are not supported", error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_user_version (PursuitDb  *db,
                  int         version,
                  GError    **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", version);
  int rc;

  /* PRAGMA takes no parameters; @version is ours, not user text. */
  rc = sqlite3_exec (db->handle, sql, NULL, NULL, NULL);
  return rc == SQLITE_OK || pursuit_db_set_error (db, rc, error);
}

/* Migrates one version per transaction. The version is read again inside
 * the transaction, so two instances opening a new file at once do not both
 * migrate it. Returns the version reached through @version. */
static gboolean
migrate_step (PursuitDb  *db,
              int        *version,
              GError    **error)
{
  int rc;

  if (!pursuit_db_begin (db, error))
    return FALSE;

  if (!query_int (db, "PRAGMA user_version", version, error))
    goto failed;

  if (*version >= PURSUIT_STORE_SCHEMA_VERSION || *version < 0)
    {
      pursuit_db_rollback (db);
      return TRUE;
    }

  g_debug ("%s: migrating schema %d to %d", db->display_name, *version, *version + 1);
  rc = sqlite3_exec (db->handle, migrations[*version], NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      pursuit_db_set_error (db, rc, error);
      goto failed;
    }
  if (!set_user_version (db, *version + 1, error) || !pursuit_db_commit (db, error))
    goto failed;

  *version += 1;
  return TRUE;

failed:
  pursuit_db_rollback (db);
  return FALSE;
}

static gboolean
migrate (PursuitDb  *db,
         int         version,
         GError    **error)
{
  /* Up to date: no need for the write lock that a migration takes. */
  if (version == PURSUIT_STORE_SCHEMA_VERSION)
    return TRUE;

  do
    {
      if (!migrate_step (db, &version, error))
        return FALSE;
    }
  while (version >= 0 && version < PURSUIT_STORE_SCHEMA_VERSION);

  if (version != PURSUIT_STORE_SCHEMA_VERSION)
    {
      set_error_code (db, PURSUIT_STORE_ERROR_NEWER_VERSION, NULL, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
exists (const char *path,
        const char *suffix)
{
  g_autofree char *name = g_strconcat (path, suffix, NULL);

  return g_file_test (name, G_FILE_TEST_EXISTS);
}

static PursuitDb *
open_db (const char  *path,
         gboolean     quick,
         GError     **error)
{
  g_autoptr(PursuitDb) db = NULL;
  gboolean had_wal, created;
  int version = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A team database's name: never a file to create (a backup, the
   * statistics' own connection). */
  if (pursuit_pg_is_conninfo (path))
    {
      g_set_error_literal (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_UNSUPPORTED,
                           _("This is not available on a team database yet. Nothing was changed."));
      return NULL;
    }
  db = g_new0 (PursuitDb, 1);
  db->path = g_strdup (path);
  db->display_name = g_filename_display_name (path);
  db->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_stmt);
  db->check = check_new (db);

  if (!create_if_missing (db, &created, error))
    return NULL;
  if (!check_file_type (db, error))
    goto failed;

  had_wal = exists (path, "-wal");
  if (!open_handle (db, error))
    goto failed;

  if (!check_header (db, error) || !check_contents (db, quick, &version, error))
    {
      /* Closing checkpoints the WAL into the file. Leave a WAL that was
       * there before as it was; one that reading created is empty, and
       * SQLite removes it on close without writing to the file. */
      if (had_wal)
        sqlite3_db_config (db->handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
      goto failed;
    }

  make_private (db);
  if (!configure (db, error) || !migrate (db, version, error))
    goto failed;

  return g_steal_pointer (&db);

failed:
  if (created)
    {
      close_handle (db);
      remove_if_empty (db);
    }
  return NULL;
}

PursuitDb *
pursuit_db_open (const char  *path,
                 GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_db (path, FALSE, error);
}

PursuitDb *
pursuit_db_open_quick (const char  *path,
                       GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_db (path, TRUE, error);
}

/* Records the outcome and wakes whoever waits for it. */
static void
check_settle (Check   *check,
              GError  *error)
{
  g_mutex_lock (&check->lock);
  check->state = error == NULL ? CHECK_PASSED : CHECK_FAILED;
  check->error = error;
  g_cond_broadcast (&check->done);
  g_mutex_unlock (&check->lock);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Check *check = task_data;
  GError *error = NULL;
  sqlite3 *handle = NULL;
  int rc;

  /* Read-only: this connection never writes, nor checkpoints on close. */
  rc = sqlite3_open_v2 (check->path, &handle, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      pursuit_db_harden (handle);
      sqlite3_busy_timeout (handle, BUSY_TIMEOUT_MS);
      quick_check (handle, check->display_name, &error);
    }
  else
    set_error_named (check->display_name, pursuit_db_error_code (rc, sqlite3_system_errno (handle)),
                     sqlite3_errstr (rc), &error);
  sqlite3_close (handle);

  check_settle (check, error != NULL ? g_error_copy (error) : NULL);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Waits while the check runs; then whether it passed. */
static gboolean
check_wait (Check   *check,
            GError **error)
{
  gboolean passed;

  g_mutex_lock (&check->lock);
  while (check->state == CHECK_RUNNING)
    g_cond_wait (&check->done, &check->lock);
  passed = check->state == CHECK_PASSED;
  if (check->state == CHECK_FAILED)
    g_propagate_error (error, g_error_copy (check->error));
  g_mutex_unlock (&check->lock);
  return passed;
}

static void
check_wait_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;

  if (check_wait (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Whether the check was pending, and is now this caller's to run. */
static gboolean
check_take (Check *check)
{
  gboolean pending;

  g_mutex_lock (&check->lock);
  pending = check->state == CHECK_PENDING;
  if (pending)
    check->state = CHECK_RUNNING;
  g_mutex_unlock (&check->lock);
  return pending;
}

void
pursuit_db_check_async (PursuitDb           *db,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (db != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pursuit_db_check_async);
  g_task_set_task_data (task, g_atomic_rc_box_acquire (db->check), (GDestroyNotify) check_unref);
  /* Done or running already: the thread only waits for the outcome. */
  g_task_run_in_thread (task, check_take (db->check) ? check_thread : check_wait_thread);
}

gboolean
pursuit_db_check_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
pursuit_db_check (PursuitDb  *db,
                  GError    **error)
{
  GError *local = NULL;

  g_return_val_if_fail (db != NULL, FALSE);

  if (!check_take (db->check))
    return check_wait (db->check, error);

  check_integrity (db, &local);
  check_settle (db->check, local != NULL ? g_error_copy (local) : NULL);
  if (local != NULL)
    g_propagate_error (error, local);
  return local == NULL;
}
