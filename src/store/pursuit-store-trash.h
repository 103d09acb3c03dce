/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pursuit-store.h"

G_BEGIN_DECLS

/* The Trash: a deleted prospect keeps its row and its touches, marked with
 * the time it was deleted, for PURSUIT_TRASH_DAYS. While there, it is in
 * none of the store's models and in no schedule, export or insight; it
 * comes back with its id and touches. */

#define PURSUIT_TRASH_DAYS 30

/* Moves @prospect to the Trash: it leaves the models (::prospect-removed;
 * it keeps its id) and joins pursuit_store_get_trash(). */
gboolean    pursuit_store_trash          (PursuitStore     *self,
                                          PursuitProspect  *prospect,
                                          GError          **error);

/* Moves all of @prospects (element-type PursuitProspect) to the Trash in
 * one transaction. */
gboolean    pursuit_store_trash_many     (PursuitStore     *self,
                                          GPtrArray        *prospects,
                                          GError          **error);

/* The prospects in the Trash, the most recently deleted first (item type
 * PursuitProspect). The same model on every call. */
GListModel *pursuit_store_get_trash      (PursuitStore     *self);

/* The prospect with @id in the Trash, or NULL. */
PursuitProspect *pursuit_store_find_trashed (PursuitStore  *self,
                                             gint64         id);

/* When @prospect (in the Trash) was deleted, or NULL. */
GDateTime  *pursuit_store_get_deleted_at (PursuitStore     *self,
                                          PursuitProspect  *prospect);

/* Brings @prospect back from the Trash, with its id and touches
 * (::prospect-added). */
gboolean    pursuit_store_untrash        (PursuitStore     *self,
                                          PursuitProspect  *prospect,
                                          GError          **error);

/* Deletes every prospect in the Trash for good, touches and all, in one
 * transaction. */
gboolean    pursuit_store_empty_trash    (PursuitStore     *self,
                                          GError          **error);

/* Deletes for good what went to the Trash more than PURSUIT_TRASH_DAYS
 * before @now; *@n_purged (optional) gets how many. */
gboolean    pursuit_store_purge_trash    (PursuitStore     *self,
                                          GDateTime        *now,
                                          guint            *n_purged,
                                          GError          **error);

G_END_DECLS
