/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pursuit-application.h"

G_BEGIN_DECLS

/* "Restore from Backup…": lists the backups of the open database (each
 * with its date and how many prospects it holds; another file can be
 * chosen too), asks to confirm with what is replaced, then restores. */
void              pursuit_restore_dialog_run  (PursuitApplication *app);
AdwMessageDialog *pursuit_restore_dialog_new  (PursuitApplication *app);

/* What the dialogs say: the date of the backup @path ("Friday 20 November
 * 2026"), and what restoring it replaces in @store. */
char *pursuit_restore_dialog_describe_date   (const char   *path);
char *pursuit_restore_dialog_describe_change (PursuitStore *store,
                                              const char   *backup);

G_END_DECLS
