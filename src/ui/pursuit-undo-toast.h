/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The one toast with an Undo that a toast overlay shows at a time. Each
 * new change takes its place: added with a high priority each, they
 * would push the older ones back into the overlay's queue, to come back
 * one by one long after their changes (their undos stay on the store's
 * stack, for Ctrl+Z). The toast on screen is dismissed for the new one,
 * or changed to say it while it still slides in: dismissing it then
 * frees it under its own animation, a crash in libadwaita 1.2. */
typedef struct
{
  AdwToast *toast;       /* on screen, or NULL */
  gint64    since;       /* when it was added */
  gulong    dismissed_id;
} PursuitUndoToast;

/* Shows @escaped (markup) in @overlay in place of @self's toast, with an
 * "_Undo" button that activates @action_name with @target (floating,
 * taken) unless @action_name is NULL. */
void pursuit_undo_toast_show  (PursuitUndoToast *self,
                               AdwToastOverlay  *overlay,
                               const char       *escaped,
                               const char       *action_name,
                               GVariant         *target);
/* Forgets the toast (the overlay keeps it); in dispose. */
void pursuit_undo_toast_clear (PursuitUndoToast *self);

G_END_DECLS
