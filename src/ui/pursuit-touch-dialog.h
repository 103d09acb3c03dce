/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pursuit-store-touches.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_TOUCH_DIALOG (pursuit_touch_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PursuitTouchDialog, pursuit_touch_dialog, PURSUIT, TOUCH_DIALOG, AdwWindow)

/* Logs a touch with @prospect (when @touch is NULL) or edits the saved
 * @touch. The channel starts as the prospect's planned one, the time as
 * now. "touch.save" writes through the store's engine and closes;
 * "touch.no-answer" logs an unanswered outbound attempt on the chosen
 * channel at once. Both emit ::saved after the write; an edit keeps what
 * pursuit_touch_dialog_take_undo() returns. */
PursuitTouchDialog *pursuit_touch_dialog_new          (GtkWindow          *parent,
                                                       PursuitStore       *store,
                                                       PursuitProspect    *prospect,
                                                       PursuitTouch       *touch);

void                pursuit_touch_dialog_set_channel  (PursuitTouchDialog *self,
                                                       PursuitChannel      channel);
PursuitChannel      pursuit_touch_dialog_get_channel  (PursuitTouchDialog *self);
void                pursuit_touch_dialog_set_direction (PursuitTouchDialog *self,
                                                        PursuitDirection    direction);
void                pursuit_touch_dialog_set_outcome  (PursuitTouchDialog *self,
                                                       PursuitOutcome      outcome);
/* The moment the touch happened; seconds are dropped. */
void                pursuit_touch_dialog_set_happened_at (PursuitTouchDialog *self,
                                                          GDateTime          *when);
/* (transfer full) */
GDateTime          *pursuit_touch_dialog_dup_happened_at (PursuitTouchDialog *self);
/* The date asked for when the outcome is "callback requested". */
void                pursuit_touch_dialog_set_callback_at (PursuitTouchDialog *self,
                                                          GDateTime          *when);
gboolean            pursuit_touch_dialog_get_callback_visible (PursuitTouchDialog *self);
void                pursuit_touch_dialog_set_note     (PursuitTouchDialog *self,
                                                       const char         *note);
/* The inline error shown, or NULL. */
const char         *pursuit_touch_dialog_get_error    (PursuitTouchDialog *self);
/* (transfer full) (nullable): the undo of the edit just saved */
PursuitTouchUndo   *pursuit_touch_dialog_take_undo    (PursuitTouchDialog *self);

/* Labels and icons shared with the prospect page. */
const char         *pursuit_channel_label             (PursuitChannel      channel);
const char         *pursuit_channel_icon_name         (PursuitChannel      channel);
const char         *pursuit_outcome_label             (PursuitOutcome      outcome);
const char         *pursuit_direction_label           (PursuitDirection    direction);

G_END_DECLS
