/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pursuit-csv-private.h"
#include "pursuit-vcard.h"

G_BEGIN_DECLS

/* pursuit_vcard_parse() in an import's thread: @progress (may be NULL)
 * counts the contacts and may stop the reading (G_IO_ERROR_CANCELLED). */
GPtrArray *pursuit_vcard_parse_with_progress (const char          *text,
                                              gsize                length,
                                              PursuitCsvProgress  *progress,
                                              GArray             **out_rows,
                                              PursuitCsvReport   **out_report,
                                              GError             **error);

G_END_DECLS
