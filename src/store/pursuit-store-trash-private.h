/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pursuit-store-private.h"
#include "pursuit-store-trash.h"

G_BEGIN_DECLS

/* What pursuit-store.c shares with pursuit-store-trash.c. */

typedef struct _PursuitTrash PursuitTrash;

PursuitTrash *pursuit_trash_new            (void);
void          pursuit_trash_free           (PursuitTrash    *trash);
/* Takes @prospect, loaded with its deletion time @deleted_at (Unix
 * seconds), into the Trash. Call pursuit_trash_loaded() after the last. */
void          pursuit_trash_load           (PursuitTrash    *trash,
                                            PursuitProspect *prospect,
                                            gint64           deleted_at);
void          pursuit_trash_loaded         (PursuitTrash    *trash);

PursuitTrash *pursuit_store_get_trash_data (PursuitStore    *self);

/* Into and out of the Trash in a transaction the caller opened, then,
 * after its commit, in the objects and models. */
gboolean      pursuit_trash_write          (PursuitStore     *self,
                                            PursuitProspect  *prospect,
                                            gint64            when,
                                            GError          **error);
gboolean      pursuit_trash_write_back     (PursuitStore     *self,
                                            PursuitProspect  *prospect,
                                            GError          **error);
void          pursuit_trash_take           (PursuitStore    *self,
                                            PursuitProspect *prospect,
                                            GDateTime       *when);
void          pursuit_trash_give_back      (PursuitStore    *self,
                                            PursuitProspect *prospect);

/* Membership of the live models, and the signals that tell about it. */
void          pursuit_store_track_one      (PursuitStore    *self,
                                            PursuitProspect *prospect);
void          pursuit_store_untrack_one    (PursuitStore    *self,
                                            PursuitProspect *prospect);
void          pursuit_store_untrack_many   (PursuitStore    *self,
                                            GPtrArray       *prospects);
void          pursuit_store_emit_added     (PursuitStore    *self,
                                            PursuitProspect *prospect);
void          pursuit_store_emit_removed   (PursuitStore    *self,
                                            PursuitProspect *prospect);

G_END_DECLS
