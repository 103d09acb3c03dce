/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pursuit-contacts.h"
#include "pursuit-store.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_CONTACTS_DIALOG (pursuit_contacts_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PursuitContactsDialog, pursuit_contacts_dialog, PURSUIT, CONTACTS_DIALOG, AdwWindow)

/* Import from Contacts…: lists the desktop's address books, shows the
 * contacts of the one chosen with a check box each, and imports those
 * checked on "dialog.import" into @store in one transaction; then emits
 * ::imported with the PursuitCsvReport (transfer none: the window shows
 * it, and its "added" undo the import) and closes. Says so when there
 * is no address book, or evolution-data-server does not run. */
PursuitContactsDialog *pursuit_contacts_dialog_new           (GtkWindow             *parent,
                                                              PursuitStore          *store);
/* The name of the address book shown ("Personal"), with no "/" in it (it
 * names the import as a file's name would); NULL before one is. */
const char            *pursuit_contacts_dialog_get_book_name (PursuitContactsDialog *self);

/* What the dialog shows: "loading" (looking for address books),
 * "no-books" (none, or evolution-data-server does not run), "reading"
 * (the contacts of a book), "empty" (a book without contacts, or one that
 * could not be read) or "list". */
const char            *pursuit_contacts_dialog_get_page      (PursuitContactsDialog *self);
/* The message shown on "no-books", or the error shown above the list;
 * NULL when none. */
const char            *pursuit_contacts_dialog_get_message   (PursuitContactsDialog *self);
/* Shows the address book named @name, as choosing it does; FALSE when
 * there is none of that name. */
gboolean               pursuit_contacts_dialog_select_book   (PursuitContactsDialog *self,
                                                              const char            *name);
/* (nullable): the contacts shown (PursuitProspect); the selected ones are
 * those checked. */
GtkSelectionModel     *pursuit_contacts_dialog_get_contacts  (PursuitContactsDialog *self);

G_END_DECLS
