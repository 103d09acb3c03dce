/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pursuit-application.h"

G_BEGIN_DECLS

/* "Restore from Backup…": asks for a backup file (in the backups folder by
 * default), asks to confirm, then restores it. */
void pursuit_restore_dialog_run (PursuitApplication *app);

G_END_DECLS
