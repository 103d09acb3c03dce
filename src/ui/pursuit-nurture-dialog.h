/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PURSUIT_TYPE_NURTURE_DIALOG (pursuit_nurture_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PursuitNurtureDialog, pursuit_nurture_dialog, PURSUIT, NURTURE_DIALOG, AdwWindow)

/* Says how many prospects are on the nurture list and offers an email to
 * all of them ("nurture.email" emits ::open-email; the caller opens
 * several for a long list) or an export
 * ("nurture.export" with "csv" or "vcard" asks for a file, then emits
 * ::export with the format and the GFile). Each closes the dialog after
 * the signal; the dialog itself writes nothing. */
PursuitNurtureDialog *pursuit_nurture_dialog_new    (GtkWindow            *parent,
                                                     guint                 n_prospects);
/* What choosing @file in the file chooser of "nurture.export" does. */
void                  pursuit_nurture_dialog_export (PursuitNurtureDialog *self,
                                                     const char           *format,
                                                     GFile                *file);

G_END_DECLS
