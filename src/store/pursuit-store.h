/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pursuit-match.h"
#include "pursuit-policy.h"
#include "pursuit-prospect.h"
#include "pursuit-touch.h"

G_BEGIN_DECLS

#define PURSUIT_STORE_ERROR (pursuit_store_error_quark ())

/**
 * PursuitStoreError:
 * @PURSUIT_STORE_ERROR_NOT_DATABASE: the file is not an SQLite database, or
 *   not one of Pursuit's
 * @PURSUIT_STORE_ERROR_CORRUPT: the database is damaged
 * @PURSUIT_STORE_ERROR_NEWER_VERSION: written by a newer Pursuit
 * @PURSUIT_STORE_ERROR_IO: the file or its folder cannot be created, read or
 *   written for another reason (a path through a file, an I/O error)
 * @PURSUIT_STORE_ERROR_LOCKED: another program holds the database locked
 * @PURSUIT_STORE_ERROR_INVALID: the data to write breaks a rule (empty name,
 *   negative value, unknown prospect)
 * @PURSUIT_STORE_ERROR_FAILED: anything else SQLite reported
 * @PURSUIT_STORE_ERROR_NO_SPACE: the disk (or the user's quota) is full
 * @PURSUIT_STORE_ERROR_READ_ONLY: the file or its folder may not be read or
 *   written (permissions, a read-only file system)
 * @PURSUIT_STORE_ERROR_CONFLICT: on a team database, someone else changed
 *   the prospect since it was read; nothing was overwritten
 * @PURSUIT_STORE_ERROR_OFFLINE: the team database cannot be reached;
 *   nothing was sent
 * @PURSUIT_STORE_ERROR_UNSUPPORTED: what was asked is not available on a
 *   team database yet
 *
 * Every message names the database file and says what the user can do.
 */
typedef enum
{
  PURSUIT_STORE_ERROR_NOT_DATABASE,
  PURSUIT_STORE_ERROR_CORRUPT,
  PURSUIT_STORE_ERROR_NEWER_VERSION,
  PURSUIT_STORE_ERROR_IO,
  PURSUIT_STORE_ERROR_LOCKED,
  PURSUIT_STORE_ERROR_INVALID,
  PURSUIT_STORE_ERROR_FAILED,
  PURSUIT_STORE_ERROR_NO_SPACE,
  PURSUIT_STORE_ERROR_READ_ONLY,
  PURSUIT_STORE_ERROR_CONFLICT,
  PURSUIT_STORE_ERROR_OFFLINE,
  PURSUIT_STORE_ERROR_UNSUPPORTED,
} PursuitStoreError;

GQuark pursuit_store_error_quark (void);

#define PURSUIT_TYPE_STORE (pursuit_store_get_type ())

G_DECLARE_FINAL_TYPE (PursuitStore, pursuit_store, PURSUIT, STORE, GObject)

/* The schema version this build writes (PRAGMA user_version). */
#define PURSUIT_STORE_SCHEMA_VERSION 7

/* $XDG_DATA_HOME/pursuit/pursuit.db */
char            *pursuit_store_default_path  (void);

/* Team databases: when @path of pursuit_store_open() or
 * pursuit_store_open_quick() is a PostgreSQL connection string
 * (pursuit_pg_is_conninfo()), the store keeps the team's rows on that
 * server, those that the role may see. pursuit_store_open() connects and
 * loads before it returns (the command line); pursuit_store_open_quick()
 * returns an empty store at once and fills its models when the server has
 * answered (the window), never blocking the main loop. There, writes are
 * sent to the server: the functions below return TRUE once a change is
 * sent, and change the models only when the server has committed it; a
 * refusal (someone else changed the prospect meanwhile, the server went
 * away) is emitted as ::write-failed (a GError of PURSUIT_STORE_ERROR)
 * and the models keep, or come back to, the server's rows. Changes made
 * by others arrive in the models as they are committed. While the server
 * cannot be reached, writes fail at once with PURSUIT_STORE_ERROR_OFFLINE.
 * What a team database does not offer yet fails with
 * PURSUIT_STORE_ERROR_UNSUPPORTED. */

/* Opens @path, creating it (mode 0600, folder 0700) when missing, migrates
 * an older schema forward and loads every prospect. A file that is not a
 * Pursuit database, is corrupt or has a newer schema is refused with a
 * PURSUIT_STORE_ERROR and is not written to. */
PursuitStore    *pursuit_store_open          (const char      *path,
                                              GError         **error);

/* Like pursuit_store_open(), but checks only the header and the schema
 * before it returns, and leaves the full integrity check (PRAGMA
 * quick_check, half the time of opening a large file) for later: to
 * pursuit_store_check_async(), which runs it in a thread on a read-only
 * connection of its own, after the window's first frame. Until the check
 * has passed nothing is written: the first write waits for it (and runs
 * it on the spot if it was not started), and fails with the same
 * PURSUIT_STORE_ERROR_CORRUPT as pursuit_store_open() if it fails. What
 * opening writes by itself (the old part of the Trash, next touches
 * missing since an import) waits for the check to pass. A file that must
 * be migrated, or is not yet in WAL mode, is checked at once. */
PursuitStore    *pursuit_store_open_quick    (const char      *path,
                                              GError         **error);
/* Runs the deferred check in a thread (at once when it is done already).
 * FALSE from finish() with the error that pursuit_store_open() would have
 * given: the store must then be dropped. */
void             pursuit_store_check_async   (PursuitStore    *self,
                                              GCancellable    *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer         user_data);
gboolean         pursuit_store_check_finish  (PursuitStore    *self,
                                              GAsyncResult    *result,
                                              GError         **error);
/* Waits for the deferred check (running it here if it has not started):
 * for the command line, which checks before it reads or writes. */
gboolean         pursuit_store_check         (PursuitStore    *self,
                                              GError         **error);

const char      *pursuit_store_get_path      (PursuitStore    *self);

/* Whether changes can be saved now: FALSE while a team database's server
 * cannot be reached (writes then fail with PURSUIT_STORE_ERROR_OFFLINE);
 * always TRUE for a file. */
gboolean         pursuit_store_get_online    (PursuitStore    *self);

/* A team database's connection, or NULL for a file: when ::write-failed
 * says the server wants a password (PURSUIT_PG_ERROR_PASSWORD), the
 * window asks for it on this connection
 * (pursuit_password_dialog_connect_async()); the store reads the rows
 * once it is connected. */
typedef struct _PursuitPgConnection PursuitPgConnection;
PursuitPgConnection *pursuit_store_get_pg_connection (PursuitStore *self);

/* The database's own id, 32 hex digits, kept by copies and backups. */
const char      *pursuit_store_get_database_id (PursuitStore  *self);

/* All prospects, in every stage (item type PursuitProspect). This model
 * and those of pursuit_store_get_model() are kept in the order of the
 * prospects' ids. */
GListModel      *pursuit_store_get_prospects (PursuitStore    *self);

/* The prospects of one stage; for PURSUIT_STAGE_ACTIVE, of one tier
 * (@tier is ignored for the other stages). The same model is returned on
 * every call and is kept up to date as prospects change. */
GListModel      *pursuit_store_get_model     (PursuitStore    *self,
                                              PursuitStage     stage,
                                              PursuitTier      tier);

/* The follow-up preferences that moves and logged touches follow
 * (defaults until set). Setting a different policy emits
 * ::policy-changed. */
const PursuitPolicy *pursuit_store_get_policy (PursuitStore        *self);
void             pursuit_store_set_policy    (PursuitStore        *self,
                                              const PursuitPolicy *policy);

PursuitProspect *pursuit_store_find          (PursuitStore    *self,
                                              gint64           id);

/* Inserts the detached @prospect (id 0). On success the store keeps a
 * reference, sets its id and adds it to the models. */
gboolean         pursuit_store_add           (PursuitStore    *self,
                                              PursuitProspect *prospect,
                                              GError         **error);

/* Inserts every detached prospect of @prospects in one transaction: all or
 * none. */
gboolean         pursuit_store_add_many      (PursuitStore    *self,
                                              GPtrArray       *prospects,
                                              GError         **error);

/* Writes the values of @draft (a detached copy, see pursuit_prospect_dup())
 * to @prospect: commits them, then sets the properties (notifying what
 * changed), moves @prospect between models when its stage or tier changed,
 * and emits ::prospect-changed. */
gboolean         pursuit_store_update        (PursuitStore    *self,
                                              PursuitProspect *prospect,
                                              PursuitProspect *draft,
                                              GError         **error);

/* Deletes @prospect and its touches. */
gboolean         pursuit_store_remove        (PursuitStore    *self,
                                              PursuitProspect *prospect,
                                              GError         **error);

/* Inserts the detached @touch for the prospect of its "prospect-id". */
gboolean         pursuit_store_add_touch     (PursuitStore    *self,
                                              PursuitTouch    *touch,
                                              GError         **error);

/* Inserts the detached @touch and writes @draft to the touch's prospect in
 * one transaction (a touch moves the attempt streak and the next touch);
 * then emits ::touch-added and updates the prospect as
 * pursuit_store_update() does. */
gboolean         pursuit_store_log_touch     (PursuitStore    *self,
                                              PursuitTouch    *touch,
                                              PursuitProspect *draft,
                                              GError         **error);

/* The touches of @prospect, newest first (a new model; item type
 * PursuitTouch). */
GListModel      *pursuit_store_list_touches  (PursuitStore    *self,
                                              PursuitProspect *prospect,
                                              GError         **error);

/* Moving through the pipeline. Each is one transaction, committed before
 * the prospect notifies. */

/* Moves @prospect to @stage and, for the active stage, @tier, scheduling
 * its next touch by the policy at @now: a requested callback date always
 * wins; otherwise entering a tier follows its cadence (Hot is due at
 * @now), a customer gets the keep-in-touch cadence, and the inbox has no
 * next touch. A hand-set date is dropped, a close reason cleared. Moving
 * to where the prospect already is changes nothing. Use
 * pursuit_store_let_go() for PURSUIT_STAGE_CLOSED. */
gboolean         pursuit_store_move          (PursuitStore    *self,
                                              PursuitProspect *prospect,
                                              PursuitStage     stage,
                                              PursuitTier      tier,
                                              GDateTime       *now,
                                              GError         **error);

/* Closes @prospect with @reason (a PURSUIT_CLOSE_REASON_* name) and an
 * optional @revisit_at, when it returns to the inbox. A firm no or
 * PURSUIT_CLOSE_REASON_DO_NOT_CONTACT puts it on the do-not-contact list
 * (see pursuit-store-outreach.h), without a revisit date. */
gboolean         pursuit_store_let_go        (PursuitStore    *self,
                                              PursuitProspect *prospect,
                                              const char      *reason,
                                              GDateTime       *revisit_at,
                                              GError         **error);

/* Saves the detached @prospect again under @id with @touches (item type
 * PursuitTouch, may be NULL): the undo of pursuit_store_remove(). */
gboolean         pursuit_store_restore       (PursuitStore    *self,
                                              PursuitProspect *prospect,
                                              gint64           id,
                                              GListModel      *touches,
                                              GError         **error);

/* Duplicates (pursuit-store-match.c). */

/* The prospect of the store (not in the Trash) that @candidate repeats:
 * the same email, else phone digits, else name and company; @candidate
 * itself never matches. */
PursuitProspect *pursuit_store_find_match    (PursuitStore       *self,
                                              PursuitProspect    *candidate,
                                              PursuitMatchReason *reason);

/* An index of the store's prospects for matching many candidates (an
 * import); its items are the prospects (transfer none). */
PursuitMatchIndex *pursuit_store_new_match_index (PursuitStore   *self);
void             pursuit_match_index_add_prospect (PursuitMatchIndex *index,
                                                   PursuitProspect   *prospect);
gpointer         pursuit_match_index_lookup_prospect (PursuitMatchIndex  *index,
                                                      PursuitProspect    *candidate,
                                                      PursuitMatchReason *reason);

/* Adds the detached @added and writes each of @drafts to the prospect of
 * @targets at the same index, in one transaction: all or nothing. */
gboolean         pursuit_store_import        (PursuitStore    *self,
                                              GPtrArray       *added,
                                              GPtrArray       *targets,
                                              GPtrArray       *drafts,
                                              GError         **error);

/* The same in a thread (pursuit-store-import.c): made on the main
 * thread, which it copies what it needs from; its index built and its
 * rows written in a thread, on a connection of its own, in one
 * transaction (cancelled before the commit, nothing is written); then
 * applied to the store on the main thread. */
typedef struct _PursuitStoreImport PursuitStoreImport;

PursuitStoreImport *pursuit_store_import_new   (PursuitStore        *self);
void                pursuit_store_import_snapshot (PursuitStoreImport *import);
PursuitMatchIndex  *pursuit_store_import_index (PursuitStoreImport  *import);
gboolean            pursuit_store_import_write (PursuitStoreImport  *import,
                                                GPtrArray           *added,
                                                GPtrArray           *targets,
                                                GPtrArray           *drafts,
                                                GCancellable        *cancellable,
                                                gint                *done,
                                                GError             **error);
/* pursuit_store_import_write() in steps, for rows that arrive in
 * batches: begin the transaction, insert each batch of new prospects as
 * it comes, then write the updates and commit. On any failure the
 * transaction is rolled back and nothing is written. */
gboolean            pursuit_store_import_begin  (PursuitStoreImport  *import,
                                                 GError             **error);
gboolean            pursuit_store_import_insert (PursuitStoreImport  *import,
                                                 GPtrArray           *added,
                                                 GCancellable        *cancellable,
                                                 GError             **error);
gboolean            pursuit_store_import_commit (PursuitStoreImport  *import,
                                                 GPtrArray           *targets,
                                                 GPtrArray           *drafts,
                                                 GCancellable        *cancellable,
                                                 GError             **error);
/* Rolls back what pursuit_store_import_begin() began (after a failure
 * outside the store: the file's reading, a cancel). */
void                pursuit_store_import_abort  (PursuitStoreImport  *import);
void                pursuit_store_import_apply (PursuitStoreImport  *import);
void                pursuit_store_import_free  (PursuitStoreImport  *import);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PursuitStoreImport, pursuit_store_import_free)

/* Backups. */

/* Copies the database file @path to @dest with SQLite's online backup API,
 * on a connection of its own (so it may run in a thread while the file is
 * open elsewhere); @dest (mode 0600) appears whole or not at all. */
gboolean         pursuit_store_backup_file   (const char      *path,
                                              const char      *dest,
                                              GError         **error);

/* Database files no store has open: backups, and a database under a
 * restore (no one else may have it open for the checkpoint). */
char            *pursuit_store_file_database_id     (const char  *path,
                                                     gboolean     live);
gboolean         pursuit_store_file_count_prospects (const char  *path,
                                                     guint       *n_prospects,
                                                     GError     **error);
/* Moves everything in the WAL of @path into the file and empties it. */
gboolean         pursuit_store_file_checkpoint      (const char  *path,
                                                     GError     **error);

G_END_DECLS
