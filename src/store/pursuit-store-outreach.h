/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pursuit-store.h"

G_BEGIN_DECLS

/* Outreach on the store: snoozing, the do-not-contact list and the nurture
 * list. Each function is one transaction, committed before the objects
 * change and notify as pursuit_store_update() does. */

/* Moves the next touch of @prospect (active or a customer) to the next
 * working day after @now's day (the policy's working week), at the time of
 * day of its planned touch (or the start of the working day), marked as set
 * by hand. */
gboolean   pursuit_store_snooze             (PursuitStore    *self,
                                             PursuitProspect *prospect,
                                             GDateTime       *now,
                                             GError         **error);

/* TRUE marks @prospect as not to be contacted and closes it (reason
 * PURSUIT_CLOSE_REASON_DO_NOT_CONTACT unless it is already closed as a
 * firm no), with no next touch and no revisit date. FALSE lifts the mark;
 * the prospect stays where it is. */
gboolean   pursuit_store_set_do_not_contact (PursuitStore    *self,
                                             PursuitProspect *prospect,
                                             gboolean         do_not_contact,
                                             GError         **error);

/* The nurture list at @now (element type PursuitProspect, new
 * references): active Cold prospects and prospects let go with a revisit
 * date still to come, that have an email address and are neither marked
 * do-not-contact nor in the Trash; ordered by name. */
GPtrArray *pursuit_store_list_nurture       (PursuitStore    *self,
                                             GDateTime       *now);

/* Logs one informational outbound email touch (outcome no answer, note
 * @note) at @when for each of @prospects, in one transaction. ::touch-added
 * is emitted for each while pursuit_store_is_recording_many() is TRUE.
 * @touches (optional) receives the saved touches (element type
 * PursuitTouch). */
gboolean   pursuit_store_log_nurture        (PursuitStore    *self,
                                             GPtrArray       *prospects,
                                             GDateTime       *when,
                                             const char      *note,
                                             GPtrArray      **touches,
                                             GError         **error);

/* Deletes the saved @touches (element type PursuitTouch) in one
 * transaction, each prospect recomputed from the touches it keeps (one
 * that lost only informational touches keeps its plan): the undo of
 * pursuit_store_log_nurture(). */
gboolean   pursuit_store_delete_touches     (PursuitStore    *self,
                                             GPtrArray       *touches,
                                             GError         **error);

G_END_DECLS
