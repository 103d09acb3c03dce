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
  PURSUIT_CSV_ERROR_TOO_BIG,  /* a line or the file is over the limits below */
} PursuitCsvError;

GQuark pursuit_csv_error_quark (void);

/* The header row of DESIGN.md, without line break: new columns only ever
 * come at the end. close_reason and revisit_date are filled for prospects
 * let go only; do_not_contact is "yes" for a prospect who asked not to be
 * contacted (it reads yes, true, 1 or x as such, and empty, no, false or 0
 * as not). */
#define PURSUIT_CSV_HEADER \
  "name,company,email,phone,stage,tier,value,attempts,next_touch,notes,close_reason,revisit_date,tags," \
  "do_not_contact"

/* Cells a spreadsheet would run as a formula (starting with "=", "+", "-",
 * "@", a tab or a carriage return) are written quoted with a "'" in front,
 * as OWASP's CSV-injection guidance says; the import takes one "'" off a
 * cell that starts with quotes and then such a character, so that a value
 * that really starts with "'=" survives too, and export then import
 * changes nothing. Phone numbers are treated alike on purpose:
 * "+44 20 7946 0958" is written "'+44 20 7946 0958", which spreadsheets
 * show as text (Excel hides the quote), where unguarded "+1-555-0100"
 * would be computed and shown as -654. */

/* The touches, one a row, oldest first for each prospect: whose they are
 * (email and name), when (ISO 8601 local time), how, and what came of it
 * (callback: the date asked for, with callback-requested); informational
 * is "yes" for an update sent to the nurture list (not an attempt). */
#define PURSUIT_CSV_TOUCHES_HEADER "email,name,time,channel,direction,outcome,callback,note,informational"

/* What an import reads at most: a line of PURSUIT_CSV_MAX_LINE bytes (a
 * field may span many lines), a file of PURSUIT_CSV_MAX_SIZE bytes, and
 * PURSUIT_CSV_MAX_ROWS records. Past any of them the import stops with
 * PURSUIT_CSV_ERROR_TOO_BIG, having changed nothing, and having held no
 * more than that in memory. */
#define PURSUIT_CSV_MAX_LINE (16 * 1024 * 1024)
#define PURSUIT_CSV_MAX_SIZE (512 * 1024 * 1024)
#define PURSUIT_CSV_MAX_ROWS 2000000

/**
 * PursuitCsvRowError:
 * @line: the line (1-based) where the record starts
 * @message: why it was skipped, for the user ("“Chris Ortiz” is already in
 *   Pursuit (same email)")
 * @duplicate_of: for a row skipped as a duplicate, the id of the prospect
 *   it repeats (0 when it repeats a row above it that is new); 0 for a bad
 *   row
 * @duplicate: whether the record was skipped as a duplicate
 */
typedef struct
{
  guint    line;
  char    *message;
  gint64   duplicate_of;
  gboolean duplicate;
} PursuitCsvRowError;

/**
 * PursuitCsvReport:
 * @imported: new prospects written to the store
 * @skipped: records left out, bad ones and skipped duplicates alike
 * @errors: (element-type PursuitCsvRowError): one per skipped record, in
 *   the order of the file
 * @invalid: of @skipped, the bad records (the others are duplicates)
 * @duplicates: records that repeat a prospect of the store or a row above
 *   them, skipped or used to update it
 * @updated: of @duplicates, those that updated the prospect they repeat
 *   (with %PURSUIT_CSV_ON_DUPLICATE_UPDATE)
 * @added: (element-type PursuitProspect): after an import, the prospects
 *   it added (now the store's), to undo it
 * @changed: (element-type PursuitProspect): the prospects it updated
 *   (several rows may update one), and @before for each of them a
 *   detached copy of its values before the import
 * @before: (element-type PursuitProspect): see @changed
 * @touches: of a history import, the touches logged (each of its
 *   records is counted here or in @skipped)
 * @logged: (element-type PursuitTouch) (nullable): of a history import,
 *   the touches it logged (now the store's), to undo it with the
 *   prospects in @changed
 *
 * Every record of the file is counted once in @imported, @skipped or
 * @updated.
 */
typedef struct
{
  guint      imported;
  guint      skipped;
  GPtrArray *errors;
  guint      invalid;
  guint      duplicates;
  guint      updated;
  GPtrArray *added;
  GPtrArray *changed;
  GPtrArray *before;
  guint      touches;
  GPtrArray *logged;
} PursuitCsvReport;

/**
 * PursuitCsvOnDuplicate:
 * @PURSUIT_CSV_ON_DUPLICATE_SKIP: a record that repeats a prospect is left
 *   out and reported
 * @PURSUIT_CSV_ON_DUPLICATE_UPDATE: it updates that prospect: the cells
 *   it fills replace the prospect's values, empty cells keep them
 *
 * What an import does with a record that repeats a prospect (see
 * pursuit_store_find_match()) or a record above it.
 */
typedef enum
{
  PURSUIT_CSV_ON_DUPLICATE_SKIP,
  PURSUIT_CSV_ON_DUPLICATE_UPDATE,
} PursuitCsvOnDuplicate;

/* "skip" or "update" (for --on-duplicate); FALSE for anything else. */
gboolean  pursuit_csv_on_duplicate_from_string (const char            *text,
                                                PursuitCsvOnDuplicate *out);

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

/* Parses @file and adds its valid records to @store in one transaction,
 * skipping duplicates. An unreadable or unusable file changes nothing and
 * returns FALSE. */
gboolean  pursuit_csv_import      (PursuitStore      *store,
                                   GFile             *file,
                                   PursuitCsvReport **out_report,
                                   GError           **error);

/* The same, with a choice for duplicates, reading at most the limits
 * above, and stopping (changing nothing, G_IO_ERROR_CANCELLED) when
 * @cancellable is cancelled, also while waiting on a FIFO. */
gboolean  pursuit_csv_import_full (PursuitStore          *store,
                                   GFile                 *file,
                                   PursuitCsvOnDuplicate  on_duplicate,
                                   GCancellable          *cancellable,
                                   PursuitCsvReport     **out_report,
                                   GError               **error);

/* For the command line: pursuit_csv_import_full() with the reading in a
 * thread while the default main context runs, so that SIGINT and SIGTERM
 * stop it (G_IO_ERROR_CANCELLED, nothing changed) where a FIFO or a
 * terminal would keep it waiting. */
gboolean  pursuit_csv_import_interruptible (PursuitStore          *store,
                                            GFile                 *file,
                                            PursuitCsvOnDuplicate  on_duplicate,
                                            PursuitCsvReport     **out_report,
                                            GError               **error);

/* Writes every prospect of @prospects (a GListModel of PursuitProspect),
 * header first, CRLF line ends, quoting where needed. */
gboolean  pursuit_csv_write       (GListModel        *prospects,
                                   GOutputStream     *out,
                                   GCancellable      *cancellable,
                                   GError           **error);

/* The same as text (NUL-terminated; @length, may be NULL, gets its length
 * without the NUL): for small models only. */
char     *pursuit_csv_build       (GListModel        *prospects,
                                   gsize             *length);
/* pursuit_csv_write() into @file, row by row (see pursuit-file.h: a
 * regular file is replaced whole, a device or FIFO written in place). */
gboolean  pursuit_csv_export      (GListModel        *prospects,
                                   GFile             *file,
                                   GError           **error);

/* Every touch of every prospect of @store, as PURSUIT_CSV_TOUCHES_HEADER
 * says, to @out (not closed) or into @file. */
gboolean  pursuit_csv_write_touches  (PursuitStore   *store,
                                      GOutputStream  *out,
                                      GCancellable   *cancellable,
                                      GError        **error);
gboolean  pursuit_csv_export_touches (PursuitStore   *store,
                                      GFile          *file,
                                      GError        **error);

G_END_DECLS
