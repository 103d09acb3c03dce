/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pursuit-import-dialog.h"
#include "pursuit-store.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_WINDOW (pursuit_window_get_type ())

G_DECLARE_FINAL_TYPE (PursuitWindow, pursuit_window, PURSUIT, WINDOW, AdwApplicationWindow)

/* A window on @store; when @store is NULL, a window that explains
 * @open_error (why the database could not be opened). */
PursuitWindow *pursuit_window_new          (GtkApplication *application,
                                            PursuitStore   *store,
                                            const GError   *open_error);
PursuitStore  *pursuit_window_get_store    (PursuitWindow  *self);
GtkWidget     *pursuit_window_get_board    (PursuitWindow  *self);
void           pursuit_window_add_toast    (PursuitWindow  *self,
                                            const char     *title);
/* Says a backup was restored, with Undo Restore ("app.restore-file" on
 * @kept, the database from before). */
void           pursuit_window_offer_undo_restore (PursuitWindow *self,
                                                  const char    *kept);
/* Imports @file into the store in a thread, by the layout the import
 * dialog would find, and reports the result to the user when done. */
void           pursuit_window_import_file  (PursuitWindow  *self,
                                            GFile          *file);
/* Shows the columns of @file and where each goes, then imports it as the
 * user confirms, reported with Undo. */
PursuitImportDialog *pursuit_window_open_import_dialog (PursuitWindow *self,
                                                       GFile         *file);
/* Exports every prospect to @file and reports the result to the user. */
gboolean       pursuit_window_export_file  (PursuitWindow  *self,
                                            GFile          *file);
/* Shows the Today page (the follow-ups due today or overdue). */
void           pursuit_window_show_today   (PursuitWindow  *self);
/* Shows the page @name: "today" (where the window opens), "board",
 * "calendar" or "insights". */
void           pursuit_window_show_page    (PursuitWindow  *self,
                                            const char     *name);
/* A toast titled @title (plain text) whose Undo undoes change @undo_id of
 * the store's undo stack; without Undo when @undo_id is 0. */
void           pursuit_window_add_undo_toast (PursuitWindow *self,
                                              const char    *title,
                                              guint          undo_id);

G_END_DECLS
