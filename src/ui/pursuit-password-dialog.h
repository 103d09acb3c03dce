/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pursuit-pg-connection.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_PASSWORD_DIALOG (pursuit_password_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PursuitPasswordDialog, pursuit_password_dialog, PURSUIT, PASSWORD_DIALOG, AdwMessageDialog)

/* Asks for the password that the team server behind @connection wants
 * (after its connection failed with PURSUIT_PG_ERROR_PASSWORD, whose
 * message @reason is shown), connects with it, and asks again while the
 * server refuses it. "Remember in keyring" keeps it there once the server
 * accepted it. Done when connected, or with G_IO_ERROR_CANCELLED when the
 * user gave up, or with the connection's error otherwise. */
void                   pursuit_password_dialog_connect_async  (GtkWindow            *parent,
                                                               PursuitPgConnection  *connection,
                                                               const char           *reason,
                                                               GCancellable         *cancellable,
                                                               GAsyncReadyCallback   callback,
                                                               gpointer              user_data);
gboolean               pursuit_password_dialog_connect_finish (GAsyncResult         *result,
                                                               GError              **error);

/* The dialog showing now for @connection, or NULL (for tests). */
PursuitPasswordDialog *pursuit_password_dialog_find           (PursuitPgConnection  *connection);
GtkEditable           *pursuit_password_dialog_get_entry      (PursuitPasswordDialog *self);
GtkCheckButton        *pursuit_password_dialog_get_remember   (PursuitPasswordDialog *self);

G_END_DECLS
