/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pursuit-import.h"
#include "pursuit-store.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_IMPORT_DIALOG (pursuit_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PursuitImportDialog, pursuit_import_dialog, PURSUIT, IMPORT_DIALOG, AdwWindow)

/* Reads the first part of @file, finds its layout and shows the columns
 * with the first values of each and where each goes, which the user may
 * change; nothing is written before "dialog.import". That imports the
 * whole file in a thread, in one transaction, with a progress bar, and
 * "dialog.cancel" (Cancel, Escape) stops it writing nothing; once
 * written, it emits ::imported with the PursuitCsvReport (transfer
 * none: the window shows it, and its "added" and "changed" undo the
 * import) and closes. NULL with @error when the file cannot be read. */
PursuitImportDialog       *pursuit_import_dialog_new        (GtkWindow            *parent,
                                                             PursuitStore         *store,
                                                             GFile                *file,
                                                             GError              **error);
/* The layout the import will use, as the user left it. */
const PursuitImportLayout *pursuit_import_dialog_get_layout (PursuitImportDialog  *self);
/* How far the running import is (0 to 1), or -1 when none runs. */
double                     pursuit_import_dialog_get_progress (PursuitImportDialog *self);
/* Sends column @column to @field, as choosing it in the list does. */
void                       pursuit_import_dialog_set_field  (PursuitImportDialog  *self,
                                                             guint                 column,
                                                             PursuitImportField    field);

G_END_DECLS
