/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pursuit-csv.h"
#include "pursuit-store.h"

G_BEGIN_DECLS

/* What a vCard file may hold at most: this many contacts, each of at most
 * PURSUIT_VCARD_MAX_CARD bytes, nested (vCard 2.1's AGENT) no deeper than
 * PURSUIT_VCARD_MAX_DEPTH. Past the first two the import stops, changing
 * nothing; a card nested deeper is skipped and reported. */
#define PURSUIT_VCARD_MAX_CARDS PURSUIT_CSV_MAX_ROWS
#define PURSUIT_VCARD_MAX_CARD (1024 * 1024)
#define PURSUIT_VCARD_MAX_DEPTH 4

/* The contacts of the vCard text @text (UTF-8; versions 2.1, 3.0 and
 * 4.0) as detached inbox prospects: the formatted name (else the parts of
 * the name, else the organisation), ORG, the first EMAIL and TEL, and
 * NOTE, TITLE and the other emails and numbers in the notes. PHOTO and
 * the like are not read. Cards without a name, organisation or email are
 * described in the report by the line they start on. */
GPtrArray *pursuit_vcard_parse  (const char        *text,
                                 gsize              length,
                                 GArray           **out_rows,
                                 PursuitCsvReport **out_report,
                                 GError           **error);

/* One contact (an EContact, of a file or an address book) as a detached
 * inbox prospect, as pursuit_vcard_parse() makes it, with the
 * COLUMN_BIT()s of the fields it fills in @present; NULL with @reason
 * (for the report) when it has no name, organisation or email. */
struct _EContact;
PursuitProspect *pursuit_vcard_prospect_from_contact (struct _EContact  *contact,
                                                      guint             *present,
                                                      char             **reason);

/* Parses @text and adds the contacts to @store in one transaction, as
 * pursuit_csv_import_full() does with the records of a CSV file. */
gboolean   pursuit_vcard_import (PursuitStore          *store,
                                 const char            *text,
                                 gsize                  length,
                                 PursuitCsvOnDuplicate  on_duplicate,
                                 PursuitCsvReport     **out_report,
                                 GError               **error);

G_END_DECLS
