/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pursuit-prospect.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_CALL_DIALOG (pursuit_call_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PursuitCallDialog, pursuit_call_dialog, PURSUIT, CALL_DIALOG, AdwWindow)

/* Asks how the call with @prospect went, one click or one key each: N no
 * answer, M left a message, T talked, B call back at a date and time, F
 * firm no, W won; Escape cancels. @status (plain text) says how the call
 * was placed. "call.outcome" (a PursuitOutcome nick) emits ::chosen with
 * the PursuitOutcome, then closes; the dialog itself writes nothing. */
PursuitCallDialog *pursuit_call_dialog_new          (GtkWindow         *parent,
                                                     PursuitProspect   *prospect,
                                                     const char        *status);
PursuitProspect   *pursuit_call_dialog_get_prospect (PursuitCallDialog *self);

G_END_DECLS
