/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pursuit-store.h"

G_BEGIN_DECLS

#define PURSUIT_CSV_ERROR (pursuit_csv_error_quark ())

typedef enum
{
  PURSUIT_CSV_ERROR_HEADER,   /* the first row is not the expected header */
  PURSUIT_CSV_ERROR_ENCODING, /* the file is not UTF-8 */
} PursuitCsvError;

GQuark pursuit_csv_error_quark (void);

/* The header row of DESIGN.md, without line break. */
#define PURSUIT_CSV_HEADER "name,company,email,phone,stage,tier,value,attempts,next_touch,notes"

/**
 * PursuitCsvRowError:
 * @line: the line (1-based) where the bad record starts
 * @message: why it was skipped, for the user
 */
typedef struct
{
  guint  line;
  char  *message;
} PursuitCsvRowError;

/**
 * PursuitCsvReport:
 * @imported: records written to the store
 * @skipped: records left out
 * @errors: (element-type PursuitCsvRowError): one per skipped record
 */
typedef struct
{
  guint      imported;
  guint      skipped;
  GPtrArray *errors;
} PursuitCsvReport;

void      pursuit_csv_report_free (PursuitCsvReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PursuitCsvReport, pursuit_csv_report_free)

/* Reads CSV text (RFC 4180, UTF-8 with or without BOM) into detached
 * prospects, one per valid record; invalid records are described in the
 * report. Fails only when the whole input is unusable (bad header, not
 * UTF-8). */
GPtrArray *pursuit_csv_parse      (const char        *data,
                                   gsize              length,
                                   PursuitCsvReport **out_report,
                                   GError           **error);

/* Parses @file and adds its valid records to @store in one transaction.
 * An unreadable or unusable file changes nothing and returns FALSE. */
gboolean  pursuit_csv_import      (PursuitStore      *store,
                                   GFile             *file,
                                   PursuitCsvReport **out_report,
                                   GError           **error);

/* Writes every prospect of @prospects (a GListModel of PursuitProspect),
 * header first, CRLF line ends, quoting where needed. */
gboolean  pursuit_csv_write       (GListModel        *prospects,
                                   GOutputStream     *out,
                                   GCancellable      *cancellable,
                                   GError           **error);

/* The same as text (NUL-terminated; @length, may be NULL, gets its length
 * without the NUL), and that text in place of @file whole (see
 * pursuit_file_replace()). */
char     *pursuit_csv_build       (GListModel        *prospects,
                                   gsize             *length);
gboolean  pursuit_csv_export      (GListModel        *prospects,
                                   GFile             *file,
                                   GError           **error);

G_END_DECLS
