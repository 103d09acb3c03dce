/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pursuit-engine.h"
#include "pursuit-store.h"

G_BEGIN_DECLS

/* The follow-up engine at work on the store: every function writes the
 * touch change and the prospect that the engine recomputes from all its
 * touches in one transaction, then updates the objects and emits
 * ::prospect-changed (and ::touch-added for a new touch). */

/* Logs the detached @touch: its prospect's streak, next touch, planned
 * channel and stage follow (see pursuit_engine_log_touch()). */
gboolean  pursuit_store_record_touch      (PursuitStore     *self,
                                           PursuitTouch     *touch,
                                           GError          **error);

/* Logs each of the detached @touches as pursuit_store_record_touch()
 * does, in their order, in one transaction (an imported history).
 * Attempts on a prospect let go by then are left out: their indexes go
 * to @refused (optional). */
gboolean  pursuit_store_record_touches    (PursuitStore     *self,
                                           GPtrArray        *touches,
                                           GArray          **refused,
                                           GError          **error);
/* TRUE while pursuit_store_record_touches() emits ::touch-added: that
 * touch is one of a history, not one the user logged, and is not undone
 * alone (the prospect's values before it are those before the whole
 * history). */
gboolean  pursuit_store_is_recording_many (PursuitStore     *self);

/* An edit or a deletion that can be undone. */
typedef struct _PursuitTouchUndo PursuitTouchUndo;

void      pursuit_touch_undo_free         (PursuitTouchUndo *undo);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PursuitTouchUndo, pursuit_touch_undo_free)

/* Gives the saved @touch the date, channel, direction, outcome, callback
 * date and note of @values (a detached touch). Changing the outcome to a
 * firm no or a win acts as logging it would. An informational touch stays
 * one while it is an outbound touch without an answer. @undo (optional) receives
 * what pursuit_store_undo_touch() needs. */
gboolean  pursuit_store_edit_touch        (PursuitStore     *self,
                                           PursuitTouch     *touch,
                                           PursuitTouch     *values,
                                           PursuitTouchUndo **undo,
                                           GError          **error);

/* Deletes the saved @touch; the prospect's stage stays. */
gboolean  pursuit_store_delete_touch      (PursuitStore     *self,
                                           PursuitTouch     *touch,
                                           PursuitTouchUndo **undo,
                                           GError          **error);

/* The undo of @touch, just logged: on ::touch-added, while its prospect
 * still holds @before (the plan from before the touch). Undoing it
 * deletes the touch and gives the prospect back @before, in one
 * transaction. Every place that logs a touch undoes it this way. */
PursuitTouchUndo *pursuit_touch_undo_new_logged (PursuitTouch    *touch,
                                                 PursuitProspect *before);

/* Pushes @undo (taken) on the store's undo stack as @title, to run
 * pursuit_store_undo_touch(); returns its id there. */
guint     pursuit_store_push_touch_undo   (PursuitStore     *self,
                                           const char       *title,
                                           PursuitTouchUndo *undo);

/* Restores the touch as it was before the edit or deletion (or, for a
 * logged touch, deletes it). The prospect
 * gets back the plan it had when nothing else changed it since;
 * otherwise the engine recomputes it. */
gboolean  pursuit_store_undo_touch        (PursuitStore     *self,
                                           PursuitTouchUndo *undo,
                                           GError          **error);

/* Sets the attempt streak of @draft, the values that @prospect is about
 * to take, from @prospect's touches as the engine counts them with
 * @draft's stage and revisit date at @now (a move out of the closed stage
 * after the revisit date starts the streak afresh there). Reads inside
 * the caller's transaction, if any. */
gboolean  pursuit_store_recount_streak    (PursuitStore     *self,
                                           PursuitProspect  *prospect,
                                           PursuitProspect  *draft,
                                           GDateTime        *now,
                                           GError          **error);

/* The policy of @self changed from @old: every follow-up that a cadence
 * planned (not a callback, not a date set by hand, not a Hot prospect due
 * at once) is planned again by the new cadence of its tier, or for
 * customers by the new keep-in-touch cadence, in one transaction. Going
 * back to @old plans them back. Sets @n_planned (optional) to how many
 * moved. */
gboolean  pursuit_store_replan_cadences   (PursuitStore        *self,
                                           const PursuitPolicy *old,
                                           guint               *n_planned,
                                           GError             **error);

/* Returns every closed prospect whose revisit date is at or before @now
 * to the inbox (pursuit_engine_revisit()), in one transaction. Sets
 * @n_returned (optional) to how many. */
gboolean  pursuit_store_return_revisits   (PursuitStore     *self,
                                           GDateTime        *now,
                                           guint            *n_returned,
                                           GError          **error);

/* "Keep going": raises @prospect's own attempt limit a few tries beyond
 * its current limit and streak. */
gboolean  pursuit_store_keep_going        (PursuitStore     *self,
                                           PursuitProspect  *prospect,
                                           GError          **error);

/* The limit of @prospect under the store's policy, and whether to
 * propose letting it go. */
void      pursuit_store_check_limit       (PursuitStore     *self,
                                           PursuitProspect  *prospect,
                                           PursuitLimitCheck *out);

/* Why @prospect's next touch is when it is. */
PursuitNextReason pursuit_store_next_reason (PursuitStore    *self,
                                             PursuitProspect *prospect);

G_END_DECLS
