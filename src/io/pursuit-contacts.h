/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pursuit-csv.h"
#include "pursuit-store.h"

G_BEGIN_DECLS

/* The address books of the desktop (GNOME Contacts, Evolution), read
 * through evolution-data-server's services on the session bus, and their
 * contacts imported as inbox prospects. Nothing here blocks the main
 * loop: the services are asked asynchronously, and the contacts are made
 * into prospects in a thread. */

#define PURSUIT_CONTACTS_ERROR (pursuit_contacts_error_quark ())

typedef enum
{
  PURSUIT_CONTACTS_ERROR_UNAVAILABLE, /* evolution-data-server does not answer here */
  PURSUIT_CONTACTS_ERROR_BOOK,        /* an address book could not be opened or read */
  PURSUIT_CONTACTS_ERROR_TOO_BIG,     /* more contacts than an import takes */
} PursuitContactsError;

GQuark pursuit_contacts_error_quark (void);

/* How long the services may take to answer a request, in seconds, before
 * the dialog says they do not (an address book on a server may be slow). */
#define PURSUIT_CONTACTS_TIMEOUT 30

/* Lists the enabled address books, sorted by their names. The result is
 * a GListModel of the books (opaque GObjects: pass them to the functions
 * below), empty when there are none, or %NULL with
 * PURSUIT_CONTACTS_ERROR_UNAVAILABLE when evolution-data-server does not
 * run on this desktop. */
void        pursuit_contacts_list_books        (GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GListModel *pursuit_contacts_list_books_finish (GAsyncResult         *result,
                                                GError              **error);

/* The name of a book of that list, as the user gave it ("Personal"). */
const char *pursuit_contacts_book_get_name     (GObject              *book);

/* The contacts of an address book, each made a detached inbox prospect
 * as the contacts of a vCard file are (see pursuit-vcard.h): the name,
 * the organisation, the first email and phone, the note, and the
 * categories as tags. */
typedef struct _PursuitContacts PursuitContacts;

void             pursuit_contacts_read           (GObject              *book,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
PursuitContacts *pursuit_contacts_read_finish    (GAsyncResult         *result,
                                                  GError              **error);

/* (element-type PursuitProspect): the contacts that make a prospect, in
 * the order of their names. */
GListModel      *pursuit_contacts_get_prospects  (PursuitContacts      *contacts);
/* Contacts left out: those without a name, organisation or email. */
guint            pursuit_contacts_get_n_left_out (PursuitContacts      *contacts);

/* How far pursuit_contacts_import_async() is: @written of the
 * @n_to_write new prospects are written (both 0 while it matches). */
typedef void (*PursuitContactsProgressFunc) (guint    written,
                                             guint    n_to_write,
                                             gpointer user_data);

/* Imports the prospects at @positions (of pursuit_contacts_get_prospects(),
 * ascending) into @store, duplicates handled as a file's are (see
 * pursuit_csv_import_full()); the report's "line" of a contact is its
 * position in that list, from 1. It runs as a file's import does: the
 * chosen contacts are copied here, matched and written in a thread in
 * one transaction on a connection of its own, and the store learns of
 * them on this thread after the commit. @progress (may be NULL) is
 * called from the main context while it runs. Cancelled before the
 * commit, nothing is written (%G_IO_ERROR_CANCELLED); once committed it
 * is reported, cancelled or not. The report has what undoing it needs. */
void             pursuit_contacts_import_async   (PursuitStore                 *store,
                                                  PursuitContacts              *contacts,
                                                  const guint                  *positions,
                                                  guint                         n_positions,
                                                  PursuitCsvOnDuplicate         on_duplicate,
                                                  GCancellable                 *cancellable,
                                                  PursuitContactsProgressFunc   progress,
                                                  gpointer                      progress_data,
                                                  GAsyncReadyCallback           callback,
                                                  gpointer                      user_data);
PursuitCsvReport *pursuit_contacts_import_finish (PursuitStore                 *store,
                                                  GAsyncResult                 *result,
                                                  GError                      **error);

void             pursuit_contacts_free           (PursuitContacts      *contacts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PursuitContacts, pursuit_contacts_free)

G_END_DECLS
