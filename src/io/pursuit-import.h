/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pursuit-csv.h"
#include "pursuit-store.h"

G_BEGIN_DECLS

/* Importing files of other tools: CSV exports of CRMs, address books and
 * spreadsheets in any common layout, separator and encoding, and vCard
 * files; the kind is told from the content, not from the file's name. */

/**
 * PursuitImportField:
 * @PURSUIT_IMPORT_FIELD_SKIP: the column is left out
 * @PURSUIT_IMPORT_FIELD_EXTRA: the column goes into the notes as a line
 *   "Header: value" (what a column nothing else fits becomes by default)
 * @PURSUIT_IMPORT_FIELD_NAME: the whole name
 * @PURSUIT_IMPORT_FIELD_FIRST_NAME: first (given) name, joined with the
 *   middle and last names when no column holds the whole name
 * @PURSUIT_IMPORT_FIELD_MIDDLE_NAME: middle (additional) name
 * @PURSUIT_IMPORT_FIELD_LAST_NAME: last (family) name
 *
 * The others are Pursuit's own columns (see PURSUIT_CSV_HEADER). Where
 * several columns go to one field that holds one value (two emails), the
 * first that is filled wins and the others go into the notes; the tags
 * of several columns are all kept.
 */
typedef enum
{
  PURSUIT_IMPORT_FIELD_SKIP,
  PURSUIT_IMPORT_FIELD_EXTRA,
  PURSUIT_IMPORT_FIELD_NAME,
  PURSUIT_IMPORT_FIELD_FIRST_NAME,
  PURSUIT_IMPORT_FIELD_MIDDLE_NAME,
  PURSUIT_IMPORT_FIELD_LAST_NAME,
  PURSUIT_IMPORT_FIELD_COMPANY,
  PURSUIT_IMPORT_FIELD_EMAIL,
  PURSUIT_IMPORT_FIELD_PHONE,
  PURSUIT_IMPORT_FIELD_STAGE,
  PURSUIT_IMPORT_FIELD_TIER,
  PURSUIT_IMPORT_FIELD_VALUE,
  PURSUIT_IMPORT_FIELD_ATTEMPTS,
  PURSUIT_IMPORT_FIELD_NEXT_TOUCH,
  PURSUIT_IMPORT_FIELD_NOTES,
  PURSUIT_IMPORT_FIELD_CLOSE_REASON,
  PURSUIT_IMPORT_FIELD_REVISIT_DATE,
  PURSUIT_IMPORT_FIELD_TAGS,
  PURSUIT_IMPORT_N_FIELDS
} PursuitImportField;

/* "name", "first_name", "notes", "skip"…: the words of --map. */
const char *pursuit_import_field_to_string   (PursuitImportField  field);
gboolean    pursuit_import_field_from_string (const char         *text,
                                              PursuitImportField *out);
/* The field's name for people ("First name", "Left out"). */
const char *pursuit_import_field_get_label   (PursuitImportField  field);

/* The field a column named @header goes to without help: the names of
 * Pursuit's own export, and of HubSpot, Pipedrive, Salesforce, Zoho,
 * Google Contacts, Outlook and LinkedIn exports; EXTRA for any other. */
PursuitImportField pursuit_import_field_for_header (const char *header);

typedef enum
{
  PURSUIT_IMPORT_KIND_CSV,
  PURSUIT_IMPORT_KIND_VCARD,
  PURSUIT_IMPORT_KIND_HISTORY,  /* a CSV file of activities: see pursuit-history.h */
} PursuitImportKind;

/**
 * PursuitImportLayout:
 * @kind: what the file holds
 * @encoding: the encoding the file was read in ("UTF-8", "UTF-16LE",
 *   "UTF-16BE", "WINDOWS-1252")
 * @separator: of a CSV file: ',', ';' or '\t'
 * @decimal_comma: the values write "1.500,50"
 * @header_line: the line of the header row (rows above it, such as
 *   LinkedIn's notes, are not read)
 * @header_pos: its byte offset in the decoded text
 * @headers: (element-type utf8): the column names
 * @fields: (element-type PursuitImportField): where each column goes
 *
 * How a file is read: found by pursuit_import_layout_detect(), changed by
 * the user (pursuit_import_layout_apply_map(), or the import dialog).
 */
typedef struct
{
  PursuitImportKind  kind;
  const char        *encoding;
  char               separator;
  gboolean           decimal_comma;
  guint              header_line;
  gsize              header_pos;
  GPtrArray         *headers;
  GArray            *fields;
} PursuitImportLayout;

void pursuit_import_layout_free (PursuitImportLayout *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PursuitImportLayout, pursuit_import_layout_free)

/* The bytes of a file as UTF-8 without a byte order mark: UTF-8 as it is,
 * UTF-16 with a byte order mark (Excel's "Unicode text") converted, and
 * anything else read as Windows-1252. Sets @encoding (static) to what it
 * was read as. */
GBytes *pursuit_import_decode (GBytes      *raw,
                               const char **encoding,
                               GError     **error);

/* Finds the kind of @text (decoded), and for CSV its separator, header
 * row, number format and the field of each column. */
PursuitImportLayout *pursuit_import_layout_detect (const char  *text,
                                                   gsize        length,
                                                   GError     **error);

/* Overrides columns by a map like "Deal Size=value,Owner=notes": each
 * header named (case does not matter) goes to the field named (see
 * pursuit_import_field_from_string(); "notes" puts it into the notes
 * with its header, "skip" leaves it out). "*=skip" leaves out every
 * column nothing recognised. Fails, changing nothing, on a header the
 * file lacks or a field that does not exist. */
gboolean pursuit_import_layout_apply_map (PursuitImportLayout *layout,
                                          const char          *map,
                                          GError             **error);

/* The first @max_rows records after the header (each a GStrv of its
 * fields, as the file has them), for a preview. */
GPtrArray *pursuit_import_layout_preview (const PursuitImportLayout *layout,
                                          const char                *text,
                                          gsize                      length,
                                          guint                      max_rows);

/**
 * PursuitImportOptions:
 * @on_duplicate: what to do with a prospect already in the store
 * @map: (nullable): a map for pursuit_import_layout_apply_map()
 * @layout: (nullable): the layout to use, as the import dialog set it,
 *   instead of the one detected
 */
typedef struct
{
  PursuitCsvOnDuplicate      on_duplicate;
  const char                *map;
  const PursuitImportLayout *layout;
} PursuitImportOptions;

/* The prospects a CSV or vCard @text of @layout makes, detached, without
 * a store (for a preview and the fuzzer); bad records are in the report. */
GPtrArray *pursuit_import_parse (const char                 *text,
                                 gsize                       length,
                                 const PursuitImportLayout  *layout,
                                 PursuitCsvReport          **out_report,
                                 GError                    **error);

/* Imports the decoded @text of the layout's kind, in one transaction:
 * prospects from a CSV file by @layout, contacts of a vCard file into
 * the inbox, or touches from a history. Duplicates are handled as by pursuit_csv_import_full(). */
gboolean pursuit_import_text (PursuitStore               *store,
                              const char                 *text,
                              gsize                       length,
                              const PursuitImportLayout  *layout,
                              PursuitCsvOnDuplicate       on_duplicate,
                              PursuitCsvReport          **out_report,
                              GError                    **error);

/* Called on the main context while pursuit_import_file_async() runs:
 * @rows_read of the file's @n_rows records are read, and @fraction
 * (0 to 1) of the whole work, writing included, is done. */
typedef void (*PursuitImportProgressFunc) (guint    rows_read,
                                           guint    n_rows,
                                           double   fraction,
                                           gpointer user_data);

/* Reads @file whole (within the bounds of pursuit-csv.h) and imports it
 * by @layout (as pursuit_import_load() found it and the user changed
 * it; copied), off the main thread: one thread reads, decodes and maps
 * the file while another matches duplicates and writes, on a database
 * connection of its own, in one transaction. The store and its models change on the main context
 * after the commit, all at once. Cancelling @cancellable before the
 * commit writes nothing (G_IO_ERROR_CANCELLED). @progress (may be NULL)
 * is called now and then on the caller's thread-default main context,
 * which must run. A vCard file goes the same way; a history is read and
 * matched in the thread, and its touches are logged on that context,
 * through the engine, unless cancelled first. */
void     pursuit_import_file_async  (PursuitStore               *store,
                                     GFile                      *file,
                                     const PursuitImportLayout  *layout,
                                     PursuitCsvOnDuplicate       on_duplicate,
                                     GCancellable               *cancellable,
                                     PursuitImportProgressFunc   progress,
                                     gpointer                    progress_data,
                                     GAsyncReadyCallback         callback,
                                     gpointer                    user_data);
gboolean pursuit_import_file_finish (PursuitStore               *store,
                                     GAsyncResult               *result,
                                     PursuitCsvReport          **out_report,
                                     GError                    **error);

/* Reads the first part of @file (PURSUIT_IMPORT_HEAD_SIZE bytes, whole
 * lines), decodes it and detects its layout, for a preview: sets @text
 * to that part, decoded. The rest of the file is read by the import. */
#define PURSUIT_IMPORT_HEAD_SIZE (256 * 1024)
PursuitImportLayout *pursuit_import_load (GFile         *file,
                                          GBytes       **text,
                                          GCancellable  *cancellable,
                                          GError       **error);

/* Reads @file within the bounds of pursuit-csv.h, decodes it, detects its
 * layout (then applies @options), and imports it. */
gboolean pursuit_import_file (PursuitStore                *store,
                              GFile                       *file,
                              const PursuitImportOptions  *options,
                              GCancellable                *cancellable,
                              PursuitCsvReport           **out_report,
                              GError                     **error);

/* The same through pursuit_import_file_async() (the layout found on the
 * file's head), while the thread-default main context runs, so that a
 * window keeps drawing and SIGINT and SIGTERM stop it before the commit
 * (for the command line); an update too, on copies of the prospects it
 * changes (see pursuit_store_import_snapshot()). */
gboolean pursuit_import_file_interruptible (PursuitStore                *store,
                                            GFile                       *file,
                                            const PursuitImportOptions  *options,
                                            PursuitCsvReport           **out_report,
                                            GError                     **error);

/* What an import did, in a sentence for people: "Imported 182 prospects
 * and 1,240 touches; 6 duplicates skipped; 2 rows with errors: line 17:
 * …; line 40: …". At most @max_lines errors are quoted. */
char *pursuit_import_describe_report (const PursuitCsvReport *report,
                                      guint                   max_lines);

G_END_DECLS
