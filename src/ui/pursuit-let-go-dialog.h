/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pursuit-store.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_LET_GO_DIALOG (pursuit_let_go_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PursuitLetGoDialog, pursuit_let_go_dialog, PURSUIT, LET_GO_DIALOG, AdwWindow)

/* Asks why @prospect is let go and when to revisit it (by default
 * @default_revisit; never for a firm no). "dialog.confirm" emits
 * ::confirmed with the reason (a PURSUIT_CLOSE_REASON_* name) and the
 * revisit date (or NULL), then closes; the dialog itself writes nothing. */
PursuitLetGoDialog *pursuit_let_go_dialog_new         (GtkWindow          *parent,
                                                       PursuitProspect    *prospect,
                                                       GDateTime          *default_revisit);
PursuitProspect    *pursuit_let_go_dialog_get_prospect (PursuitLetGoDialog *self);
const char         *pursuit_let_go_dialog_get_reason  (PursuitLetGoDialog *self);
void                pursuit_let_go_dialog_set_reason  (PursuitLetGoDialog *self,
                                                       const char         *reason);
/* (transfer none) (nullable) */
GDateTime          *pursuit_let_go_dialog_get_revisit (PursuitLetGoDialog *self);
void                pursuit_let_go_dialog_set_revisit (PursuitLetGoDialog *self,
                                                       GDateTime          *revisit);

G_END_DECLS
