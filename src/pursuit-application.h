/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pursuit-store.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_APPLICATION (pursuit_application_get_type ())

G_DECLARE_FINAL_TYPE (PursuitApplication, pursuit_application, PURSUIT, APPLICATION, AdwApplication)

PursuitApplication *pursuit_application_new       (void);
/* The store of the open database, or NULL when it could not be opened. */
PursuitStore       *pursuit_application_get_store (PursuitApplication *self);
/* Opens the database at @path unless one is open already. */
gboolean            pursuit_application_open_database  (PursuitApplication  *self,
                                                        const char          *path);
/* Closes every window and the database, puts @backup in its place (see
 * pursuit_backup_restore()), opens it again and shows a new window. */
gboolean            pursuit_application_restore_backup (PursuitApplication  *self,
                                                        const char          *backup,
                                                        GError             **error);

G_END_DECLS
