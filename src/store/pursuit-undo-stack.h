/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pursuit-store.h"

G_BEGIN_DECLS

/* The session's history of changes that can be undone, newest on top:
 * every Undo toast pushes onto it, so that a toast that gives way to the
 * next one loses nothing, and Ctrl+Z undoes the changes one by one in
 * the reverse order they were made. */

#define PURSUIT_TYPE_UNDO_STACK (pursuit_undo_stack_get_type ())

G_DECLARE_FINAL_TYPE (PursuitUndoStack, pursuit_undo_stack, PURSUIT, UNDO_STACK, GObject)

/* Puts back what a change replaced; @error says why it could not. */
typedef gboolean (*PursuitUndoFunc) (gpointer   data,
                                     GError   **error);

/* How many changes are kept: the oldest go beyond that. */
#define PURSUIT_UNDO_STACK_DEPTH 200

PursuitUndoStack *pursuit_undo_stack_new       (void);

/* Pushes a change that @func (called with @data) undoes; @title says what
 * the change was ("Moved Jane Doe to Hot"). Returns its id (never 0). */
guint             pursuit_undo_stack_push      (PursuitUndoStack  *self,
                                                const char        *title,
                                                PursuitUndoFunc    func,
                                                gpointer           data,
                                                GDestroyNotify     destroy);

/* Undoes the change @id, or with 0 the newest, and takes it off the
 * stack whether or not that worked. *@title (optional) gets what was
 * undone. FALSE without @error set when there was nothing to undo. */
gboolean          pursuit_undo_stack_undo      (PursuitUndoStack  *self,
                                                guint              id,
                                                char             **title,
                                                GError           **error);

/* Whether the change @id is still on the stack. */
gboolean          pursuit_undo_stack_contains  (PursuitUndoStack  *self,
                                                guint              id);
guint             pursuit_undo_stack_get_depth (PursuitUndoStack  *self);
/* While an undo runs, the changes it makes are not new ones. */
gboolean          pursuit_undo_stack_is_undoing (PursuitUndoStack *self);
/* The id of the newest change on the stack, or 0 when it is empty: what
 * an action made of several changes remembers before it starts. */
guint             pursuit_undo_stack_get_newest_id (PursuitUndoStack *self);
/* Combines every change pushed after @since_id (0: all of them) into one
 * entry titled @title, whose undo undoes them newest first; returns its
 * id, the id of the only one (renamed) when there was one, or 0 when
 * none was pushed since. */
guint             pursuit_undo_stack_combine   (PursuitUndoStack  *self,
                                                guint              since_id,
                                                const char        *title);
/* What the newest change was, or NULL. */
const char       *pursuit_undo_stack_peek      (PursuitUndoStack  *self);
void              pursuit_undo_stack_clear     (PursuitUndoStack  *self);

/* The history of the session on @store (one per store). */
PursuitUndoStack *pursuit_store_get_undo_stack (PursuitStore      *store);

G_END_DECLS
