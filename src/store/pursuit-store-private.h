/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pursuit-db.h"
#include "pursuit-engine.h"
#include "pursuit-store.h"
#include "pursuit-store-history.h"

G_BEGIN_DECLS

/* What the files of PursuitStore share (pursuit-store.c owns the object;
 * pursuit-store-touches.c and the others add to its API). Nothing outside
 * src/store/ includes this header. */

PursuitDb *pursuit_store_get_db            (PursuitStore     *self);

/* Checks, each setting a PURSUIT_STORE_ERROR_INVALID. */
gboolean   pursuit_store_check_owned       (PursuitStore     *self,
                                            PursuitProspect  *prospect,
                                            GError          **error);
gboolean   pursuit_store_validate_prospect (PursuitProspect  *prospect,
                                            GError          **error);
gboolean   pursuit_store_validate_touch    (PursuitStore     *self,
                                            PursuitTouch     *touch,
                                            GError          **error);
gboolean   pursuit_store_enum_is_valid     (GType             type,
                                            int               value);

/* Inside a transaction the caller opened: writes @draft to the row of
 * @prospect. */
gboolean   pursuit_store_write_prospect    (PursuitStore     *self,
                                            PursuitProspect  *prospect,
                                            PursuitProspect  *draft,
                                            GError          **error);
/* Commits the open transaction, or rolls it back when @ok is FALSE or the
 * commit fails. */
gboolean   pursuit_store_finish            (PursuitStore     *self,
                                            gboolean          ok,
                                            GError          **error);

/* Adding: pursuit_store_add_many() in three steps, for writes that add
 * prospects along with other changes in one transaction. Checks the
 * detached @prospects; inserts them inside a transaction the caller
 * opened, their row ids into @ids; after the commit, gives them their ids,
 * adds them to the models and emits ::prospect-added. */
gboolean   pursuit_store_validate_new      (PursuitStore     *self,
                                            GPtrArray        *prospects,
                                            GError          **error);
gboolean   pursuit_store_insert_new        (PursuitStore     *self,
                                            GPtrArray        *prospects,
                                            gint64           *ids,
                                            GError          **error);
void       pursuit_store_track_new         (PursuitStore     *self,
                                            GPtrArray        *prospects,
                                            const gint64     *ids);

/* The writes of pursuit_store_insert_new() and
 * pursuit_store_write_prospect() on @db, another connection to the
 * store's file, by @policy: they touch nothing of a store, so that an
 * import runs them in a thread (pursuit-store-import.c). */
gboolean   pursuit_store_insert_rows       (PursuitDb            *db,
                                            const PursuitPolicy  *policy,
                                            GPtrArray            *prospects,
                                            gint64               *ids,
                                            GCancellable         *cancellable,
                                            gint                 *done,
                                            GError              **error);
gboolean   pursuit_store_write_row         (PursuitDb            *db,
                                            const PursuitPolicy  *policy,
                                            PursuitProspect      *prospect,
                                            PursuitProspect      *draft,
                                            GError              **error);

/* After the commit: sets @draft's values on @prospect, moves it between
 * the models and emits ::prospect-changed. */
void       pursuit_store_apply_update      (PursuitStore     *self,
                                            PursuitProspect  *prospect,
                                            PursuitProspect  *draft);
void       pursuit_store_emit_touch_added  (PursuitStore     *self,
                                            PursuitTouch     *touch);
void       pursuit_store_set_recording_many (PursuitStore    *self,
                                             gboolean         recording_many);

/* Inside a transaction the caller opened: inserts the detached, valid
 * @touch as it is (no engine), its row id into @id. */
gboolean   pursuit_store_insert_touch      (PursuitStore     *self,
                                            PursuitTouch     *touch,
                                            gint64           *id,
                                            GError          **error);

/* The team database (pursuit-pg-backend.c): NULL for the SQLite file. */
typedef struct _PursuitBackend PursuitBackend;
PursuitBackend *pursuit_store_get_backend   (PursuitStore     *self);
/* Takes @backend. */
void       pursuit_store_set_backend       (PursuitStore     *self,
                                            PursuitBackend   *backend);
/* Adds the attached @rows, in the order of their ids, to the models. */
void       pursuit_store_track_rows        (PursuitStore     *self,
                                            GPtrArray        *rows);
/* What the server committed, as the store's reader may see it: @row (a
 * detached prospect with the id of the row) is added to the models, or
 * its values set on the prospect of that id; a row gone (deleted, given
 * to someone else) leaves the models. */
void       pursuit_store_remote_row        (PursuitStore     *self,
                                            PursuitProspect  *row);
void       pursuit_store_remote_gone       (PursuitStore     *self,
                                            gint64            id);
/* Every row read again (after a reconnection): the models become @rows. */
void       pursuit_store_remote_reload     (PursuitStore     *self,
                                            GPtrArray        *rows);
/* A write the server refused, or that never reached it. */
void       pursuit_store_emit_write_failed (PursuitStore     *self,
                                            const GError     *error);

/* The backend that writes: the team database's, or the file's. */
PursuitBackend *pursuit_store_get_writer   (PursuitStore     *self);

/* The store's public writes through its backend (pursuit-store-remote.c),
 * after the checks: on the file, committed or failed when they return; on
 * a team database, each sends the write and returns TRUE, or fails at
 * once (offline), and the models change when the server has committed
 * it. */
PursuitStore *pursuit_store_open_remote    (const char       *conninfo,
                                            gboolean          blocking,
                                            GError          **error);
gboolean   pursuit_store_send_add          (PursuitStore     *self,
                                            GPtrArray        *prospects,
                                            GError          **error);
gboolean   pursuit_store_send_update       (PursuitStore     *self,
                                            PursuitProspect  *prospect,
                                            PursuitProspect  *draft,
                                            GError          **error);
gboolean   pursuit_store_send_remove       (PursuitStore     *self,
                                            PursuitProspect  *prospect,
                                            GError          **error);
/* @draft (nullable) written to @prospect with the touch. */
gboolean   pursuit_store_send_log_touch    (PursuitStore     *self,
                                            PursuitTouch     *touch,
                                            PursuitProspect  *prospect,
                                            PursuitProspect  *draft,
                                            GError          **error);
GListModel *pursuit_store_remote_list_touches (PursuitStore  *self,
                                               PursuitProspect *prospect,
                                               GError       **error);
/* The touches of @prospect_id, oldest first (transfer none, may be NULL),
 * as loaded from the server: what the engine plans from. */
GPtrArray *pursuit_store_remote_engine_touches (PursuitStore *self,
                                                gint64        prospect_id);
/* Sets PURSUIT_STORE_ERROR_UNSUPPORTED naming @what. */
gboolean   pursuit_store_remote_unsupported (PursuitStore    *self,
                                             const char      *what,
                                             GError         **error);

/* A history logged in an import's thread (pursuit-store-history.c):
 * inside the transaction of pursuit_store_import_write() on @db, then
 * after the commit on the main thread. */
gboolean   pursuit_store_history_write     (PursuitStoreHistory  *history,
                                            PursuitDb            *db,
                                            const PursuitPolicy  *policy,
                                            GCancellable         *cancellable,
                                            GError              **error);
void       pursuit_store_history_apply     (PursuitStoreHistory  *history,
                                            PursuitStore         *self);

/* An array of PursuitEngineTouch that frees their dates, and one of
 * them made from @touch (its dates referenced). */
GArray            *pursuit_store_new_engine_touches (void);
PursuitEngineTouch pursuit_store_engine_touch       (PursuitTouch             *touch);

/* The steps of logging a touch (pursuit-store-touches.c), for a writer
 * on another connection @db to the store's file: the prospect as the
 * engine sees it and back, whether a touch may be logged on it, the
 * touches of a prospect as the engine reads them (oldest first, their
 * ids into @ids), inserting a touch, and remembering where a prospect
 * that @draft closes was. */
void       pursuit_store_engine_state_from (PursuitEngineState       *state,
                                            PursuitProspect          *prospect);
void       pursuit_store_engine_state_to   (const PursuitEngineState *state,
                                            PursuitProspect          *draft);
gboolean   pursuit_store_may_log           (PursuitProspect          *prospect,
                                            PursuitTouch             *touch,
                                            GError                  **error);
gboolean   pursuit_store_load_engine_touches (PursuitDb              *db,
                                              gint64                  prospect_id,
                                              GArray                 *touches,
                                              GArray                 *ids,
                                              GError                **error);
gboolean   pursuit_store_insert_touch_row  (PursuitDb                *db,
                                            PursuitTouch             *touch,
                                            gint64                   *id,
                                            GError                  **error);
gboolean   pursuit_store_remember_reopen_row (PursuitDb              *db,
                                              PursuitProspect        *prospect,
                                              PursuitProspect        *draft,
                                              GError                **error);

G_END_DECLS
