/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Prospects as vCard 3.0 contacts (RFC 2426) for an address book or a
 * mailing tool: FN, N, ORG, EMAIL, TEL and CATEGORIES (the tags), text
 * escaped and lines folded at 75 octets, CRLF line ends. @prospects has
 * element type PursuitProspect. */
char     *pursuit_vcard_build  (GPtrArray   *prospects,
                                gsize       *length);

/* pursuit_vcard_build() into @file, replaced whole (see pursuit-file.h). */
gboolean  pursuit_vcard_export (GPtrArray   *prospects,
                                GFile       *file,
                                GError     **error);

G_END_DECLS
