/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pursuit-store.h"

G_BEGIN_DECLS

/**
 * PursuitStoreHistory:
 *
 * The touches of an imported history, logged by an import in a thread
 * (see pursuit_store_import_new()) in its one transaction, on its own
 * connection, each as pursuit_store_record_touches() logs it: the
 * prospect's streak, next touch, planned channel and stage follow from
 * the engine, touch after touch. After pursuit_store_import_apply() the
 * store emits ::touch-added for each (while
 * pursuit_store_is_recording_many() is TRUE) and ::prospect-changed for
 * each prospect.
 */
typedef struct _PursuitStoreHistory PursuitStoreHistory;

/* On the main thread: a detached copy of @prospect, with its id, as the
 * history is logged over (pursuit_store_history_add()). */
PursuitProspect     *pursuit_store_history_snapshot    (PursuitProspect      *prospect);

PursuitStoreHistory *pursuit_store_history_new         (void);
void                 pursuit_store_history_free        (PursuitStoreHistory  *history);

/* In any thread, before pursuit_store_import_write(): @touch (detached)
 * is logged after those added before it, on @prospect, a snapshot of a
 * prospect of the store (pursuit_store_history_snapshot()). */
void                 pursuit_store_history_add         (PursuitStoreHistory  *history,
                                                        PursuitTouch         *touch,
                                                        PursuitProspect      *prospect);
guint                pursuit_store_history_get_n_touches (PursuitStoreHistory *history);
/* @done (atomic, may be NULL) counts the touches written. */
void                 pursuit_store_history_count_into  (PursuitStoreHistory  *history,
                                                        gint                 *done);

/* Hands @history (transfer full) to @import, to be written in its
 * transaction; @history stays valid as long as @import. */
void                 pursuit_store_import_set_history  (PursuitStoreImport   *import,
                                                        PursuitStoreHistory  *history);

/* After pursuit_store_import_write(): the indexes (in the order added)
 * of the attempts on prospects let go by then, which were not logged. */
GArray              *pursuit_store_history_get_refused (PursuitStoreHistory  *history);

/* After pursuit_store_import_apply(), on the main thread: what undoing
 * the history needs: the touches logged (now saved), the prospects of
 * the store they changed and, for each of those, its values before. */
void                 pursuit_store_history_take_undo   (PursuitStoreHistory  *history,
                                                        GPtrArray           **touches,
                                                        GPtrArray           **changed,
                                                        GPtrArray           **before);

/* Undoes a history: deletes @touches (those of
 * pursuit_store_history_take_undo(); one deleted since is no reason to
 * fail) and gives each of @changed its values in @before, in one
 * transaction, without planning anything anew in between: each prospect
 * is as it was before the history. A prospect deleted since is left
 * out. */
gboolean             pursuit_store_undo_history        (PursuitStore         *self,
                                                        GPtrArray            *touches,
                                                        GPtrArray            *changed,
                                                        GPtrArray            *before,
                                                        GError              **error);

G_END_DECLS
