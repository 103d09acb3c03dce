/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pursuit-store.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_PROSPECT_DIALOG (pursuit_prospect_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PursuitProspectDialog, pursuit_prospect_dialog, PURSUIT, PROSPECT_DIALOG, AdwWindow)

/* Adds a prospect to @store (when @prospect is NULL) or edits @prospect.
 * The "dialog.save" action validates, writes through the store and
 * closes; problems show inline and nothing is written. */
PursuitProspectDialog *pursuit_prospect_dialog_new       (GtkWindow             *parent,
                                                          PursuitStore          *store,
                                                          PursuitProspect       *prospect);
/* The editable of a field: "name", "company", "email", "phone", "value",
 * "tags". */
GtkEditable           *pursuit_prospect_dialog_get_field (PursuitProspectDialog *self,
                                                          const char            *field);
/* The saved prospect that the new one repeats, while the dialog warns of
 * it ("dialog.open-existing" opens it), or NULL. */
PursuitProspect       *pursuit_prospect_dialog_get_existing (PursuitProspectDialog *self);
/* The inline error shown, or NULL when the input is valid. */
const char            *pursuit_prospect_dialog_get_error (PursuitProspectDialog *self);

G_END_DECLS
