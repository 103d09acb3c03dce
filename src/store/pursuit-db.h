/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "pursuit-prospect.h"
#include "pursuit-store.h"
#include "pursuit-touch.h"

G_BEGIN_DECLS

/* The SQLite connection under a PursuitStore, and what only store/ may
 * call. Nothing outside src/store/ (tests aside) includes this header. */

typedef struct _PursuitDb PursuitDb;

/* Opens @path as pursuit_store_open() documents: creates a missing file
 * (0600, folder 0700), refuses a file that is not a Pursuit database, is
 * corrupt or is newer than PURSUIT_STORE_SCHEMA_VERSION without writing to
 * it, then turns on WAL and foreign keys and migrates the schema forward. */
PursuitDb    *pursuit_db_open         (const char  *path,
                                       GError     **error);
/* The same, but leaves PRAGMA quick_check for pursuit_db_check_async()
 * or pursuit_db_check() when the file is up to date and in WAL mode (see
 * pursuit_store_open_quick()). pursuit_db_begin() waits for the check. */
PursuitDb    *pursuit_db_open_quick   (const char  *path,
                                       GError     **error);
void          pursuit_db_free         (PursuitDb   *db);

/* The deferred check, in a thread on a read-only connection of its own. */
void          pursuit_db_check_async  (PursuitDb           *db,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean      pursuit_db_check_finish (GAsyncResult  *result,
                                       GError       **error);
/* Waits for the check, or runs it on the store's connection if it has not
 * started; TRUE at once when it passed or was not deferred. */
gboolean      pursuit_db_check        (PursuitDb   *db,
                                       GError     **error);

const char   *pursuit_db_get_path     (PursuitDb   *db);

/* Defensive mode and an untrusted schema, for every connection. */
void          pursuit_db_harden       (sqlite3     *handle);

/* A cached prepared statement for the constant @sql (the pointer is the
 * cache key's storage, so pass a string literal). Hold it in a
 * g_autoptr(PursuitDbStmt): leaving the scope resets it and clears its
 * bindings, which also ends the read it may hold open. */
typedef sqlite3_stmt PursuitDbStmt;

PursuitDbStmt *pursuit_db_prepare     (PursuitDb   *db,
                                       const char  *sql,
                                       GError     **error);
void           pursuit_db_stmt_release (PursuitDbStmt *stmt);

/* Steps @stmt, which must finish without a row (INSERT, UPDATE, DELETE). */
gboolean      pursuit_db_step_done    (PursuitDb     *db,
                                       PursuitDbStmt *stmt,
                                       GError       **error);
/* Steps @stmt: TRUE with *@has_row for a row or the end, FALSE on error. */
gboolean      pursuit_db_step_row     (PursuitDb     *db,
                                       PursuitDbStmt *stmt,
                                       gboolean      *has_row,
                                       GError       **error);

/* BEGIN IMMEDIATE / COMMIT; rollback() is harmless outside a transaction
 * and after a failed COMMIT. */
gboolean      pursuit_db_begin        (PursuitDb   *db,
                                       GError     **error);
gboolean      pursuit_db_commit       (PursuitDb   *db,
                                       GError     **error);
void          pursuit_db_rollback     (PursuitDb   *db);

gint64        pursuit_db_last_insert_rowid (PursuitDb *db);
int           pursuit_db_changes      (PursuitDb   *db);

/* The PursuitStoreError for the SQLite result @rc; @system_errno (from
 * sqlite3_system_errno(), or 0) tells a full disk or a missing permission
 * from another failure to open, read or write. */
PursuitStoreError pursuit_db_error_code (int rc,
                                         int system_errno);

/* Sets @error from the SQLite result @rc, with a message that names the
 * file and says what to do. Returns FALSE for convenience. */
gboolean      pursuit_db_set_error    (PursuitDb   *db,
                                       int          rc,
                                       GError     **error);

/* Times as Unix seconds, NULL as SQL NULL. Reading takes the zone to
 * read into: g_date_time_new_from_unix_local() looks the local zone up
 * again on every call, which costs system calls per row. */
void          pursuit_db_bind_time    (PursuitDbStmt *stmt,
                                       int            index,
                                       GDateTime     *when);
GDateTime    *pursuit_db_column_time  (PursuitDbStmt *stmt,
                                       int            column,
                                       GTimeZone     *zone);
void          pursuit_db_bind_string  (PursuitDbStmt *stmt,
                                       int            index,
                                       const char    *str);
/* Clamped to 0..G_MAXUINT. */
guint         pursuit_db_column_uint  (PursuitDbStmt *stmt,
                                       int            column);
/* Never NULL: "" for SQL NULL. */
const char   *pursuit_db_column_string (PursuitDbStmt *stmt,
                                        int            column);

/* Store-only setters: the id is the row's, so only the store assigns it
 * (to the new row id on insert, back to 0 when the row is deleted). */
void          pursuit_prospect_set_id (PursuitProspect *self,
                                       gint64           id);
void          pursuit_touch_set_id    (PursuitTouch    *self,
                                       gint64           id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PursuitDb, pursuit_db_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PursuitDbStmt, pursuit_db_stmt_release)

G_END_DECLS
