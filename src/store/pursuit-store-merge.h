/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pursuit-store.h"

G_BEGIN_DECLS

/* Two records of one person become one. */

typedef struct _PursuitMergeUndo PursuitMergeUndo;

void      pursuit_merge_undo_free  (PursuitMergeUndo *undo);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PursuitMergeUndo, pursuit_merge_undo_free)

/* Merges @other into @keep, in one transaction: every touch of @other
 * becomes @keep's; for each detail the newer prospect's (the one changed
 * last) wins, the older's filling what it left empty, and both notes are
 * kept; @other goes to the Trash. Then @keep's plan is worked out again
 * from all the touches. @undo (optional) receives what
 * pursuit_store_undo_merge() needs. */
gboolean  pursuit_store_merge      (PursuitStore      *self,
                                    PursuitProspect   *keep,
                                    PursuitProspect   *other,
                                    PursuitMergeUndo **undo,
                                    GError           **error);

/* Puts both prospects back as they were, each with its own touches. */
gboolean  pursuit_store_undo_merge (PursuitStore      *self,
                                    PursuitMergeUndo  *undo,
                                    GError           **error);

G_END_DECLS
