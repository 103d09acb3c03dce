/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pursuit-csv.h"

G_BEGIN_DECLS

/* What the files of the CSV reader and writers share
 * (pursuit-csv.c, pursuit-csv-import.c, pursuit-csv-touches.c). */

/* In the order of PURSUIT_CSV_HEADER, which the writer follows. */
typedef enum
{
  COLUMN_NAME,
  COLUMN_COMPANY,
  COLUMN_EMAIL,
  COLUMN_PHONE,
  COLUMN_STAGE,
  COLUMN_TIER,
  COLUMN_VALUE,
  COLUMN_ATTEMPTS,
  COLUMN_NEXT_TOUCH,
  COLUMN_NOTES,
  COLUMN_CLOSE_REASON,
  COLUMN_REVISIT_DATE,
  COLUMN_TAGS,
  COLUMN_DO_NOT_CONTACT,
  N_COLUMNS
} Column;

#define COLUMN_BIT(c) (1u << (c))

/* The writers hand the stream this much at a time. */
#define PURSUIT_CSV_WRITE_CHUNK (64 * 1024)

/* A parsed record: the line it starts on and the columns it fills
 * (COLUMN_BIT()s of the cells that are not blank). */
typedef struct
{
  guint line;
  guint present;
} PursuitCsvRow;

GPtrArray        *pursuit_csv_parse_rows       (const char        *data,
                                                gsize              length,
                                                GArray           **out_rows,
                                                PursuitCsvReport **out_report,
                                                GError           **error);

/* A record read for a look at a file: where it starts (line and byte
 * offset) and its fields, made valid UTF-8. */
typedef struct
{
  guint  line;
  gsize  pos;
  GStrv  fields;
} PursuitCsvHeadRow;

/* The first @max_rows records that are not blank, from byte @pos on line
 * @line, fields split at @separator. (element-type PursuitCsvHeadRow) */
GPtrArray        *pursuit_csv_read_head        (const char        *data,
                                                gsize              length,
                                                gsize              pos,
                                                guint              line,
                                                char               separator,
                                                guint              max_rows);

/* Fills the N_COLUMNS @cells of Pursuit's own columns (all NULL before;
 * newly allocated, NULL for none: the caller frees them) from the
 * @n_fields fields of a record of another layout. */
typedef void (*PursuitCsvMapFunc) (gpointer            data,
                                   const char *const  *fields,
                                   guint               n_fields,
                                   char              **cells);

/**
 * PursuitCsvProgress:
 * @cancellable: (nullable): stops the import (G_IO_ERROR_CANCELLED)
 * @n_rows: the records of the file, once counted
 * @rows_read: those read so far
 * @n_to_write: the records the writer has to go through (the new
 *   prospects to write, once matched; in an import of two threads,
 *   every record read)
 * @rows_written: those it went through so far
 *
 * How far an import in a thread is: the thread sets the numbers with
 * g_atomic_int_set(), the main thread reads them with g_atomic_int_get().
 */
typedef struct
{
  GCancellable *cancellable;
  gint          n_rows;
  gint          rows_read;
  gint          n_to_write;
  gint          rows_written;
} PursuitCsvProgress;

/* pursuit_csv_parse_rows() for a file of another layout: the header is
 * the record at @pos (line @line) with @n_columns fields, the fields are
 * split at @separator, and each record becomes a prospect through @map.
 * @progress (may be NULL) counts the records and may stop the reading. */
GPtrArray        *pursuit_csv_parse_mapped     (const char         *data,
                                                gsize               length,
                                                gsize               pos,
                                                guint               line,
                                                char                separator,
                                                guint               n_columns,
                                                PursuitCsvMapFunc   map,
                                                gpointer            map_data,
                                                PursuitCsvProgress *progress,
                                                GArray            **out_rows,
                                                PursuitCsvReport  **out_report,
                                                GError            **error);

/* pursuit_csv_parse_mapped() a batch at a time, for a reader thread
 * that hands the prospects on while it reads the rest. */
typedef struct _PursuitCsvMappedReader PursuitCsvMappedReader;

/* Reads the header at @pos and counts the records (failing past
 * PURSUIT_CSV_MAX_ROWS), as pursuit_csv_parse_mapped() does. */
PursuitCsvMappedReader *pursuit_csv_mapped_reader_new  (const char              *data,
                                                        gsize                    length,
                                                        gsize                    pos,
                                                        guint                    line,
                                                        char                     separator,
                                                        guint                    n_columns,
                                                        PursuitCsvMapFunc        map,
                                                        gpointer                 map_data,
                                                        PursuitCsvProgress      *progress,
                                                        GError                 **error);
/* The next @max_records records that are not blank: their prospects
 * appended to @prospects (with @rows), the bad ones reported in @report.
 * Sets @at_end once the text is read through. Fails only when the
 * progress's cancellable is cancelled. */
gboolean                pursuit_csv_mapped_reader_next (PursuitCsvMappedReader  *self,
                                                        guint                    max_records,
                                                        GPtrArray               *prospects,
                                                        GArray                  *rows,
                                                        PursuitCsvReport        *report,
                                                        gboolean                *at_end,
                                                        GError                 **error);
void                    pursuit_csv_mapped_reader_free (PursuitCsvMappedReader  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PursuitCsvMappedReader, pursuit_csv_mapped_reader_free)

/* Called by pursuit_csv_foreach_record() for each record that is not
 * blank: its first line, and its fields (unguarded) or, for a bad
 * record, NULL and why it is bad. */
typedef void (*PursuitCsvRecordFunc) (gpointer            data,
                                      guint               line,
                                      const char *const  *fields,
                                      const char         *bad_reason);

/* Each record after the header at @pos (line @line) of a file of
 * @n_columns columns split at @separator, within PURSUIT_CSV_MAX_ROWS. */
gboolean          pursuit_csv_foreach_record   (const char            *data,
                                                gsize                  length,
                                                gsize                  pos,
                                                guint                  line,
                                                char                   separator,
                                                guint                  n_columns,
                                                PursuitCsvRecordFunc   func,
                                                gpointer               func_data,
                                                GError               **error);

/* ISO 8601 with or without seconds and zone, or a plain date (09:00):
 * local time, or NULL. */
GDateTime        *pursuit_csv_parse_date_time  (const char        *text);

/* Reads @file within the limits of pursuit-csv.h: in this thread, or in
 * another while the default main context runs, interrupted by SIGINT and
 * SIGTERM. */
GBytes           *pursuit_csv_read_file        (GFile             *file,
                                                gboolean           interruptible,
                                                GCancellable      *cancellable,
                                                GError           **error);

/* Matches @prospects (parsed, with their @rows) against @store and the
 * rows above them, and writes them in one transaction. */
gboolean          pursuit_csv_import_parsed    (PursuitStore          *store,
                                                GPtrArray             *prospects,
                                                GArray                *rows,
                                                PursuitCsvOnDuplicate  on_duplicate,
                                                PursuitCsvReport      *report,
                                                GError               **error);

/* The matching of pursuit_csv_match_parsed() a batch at a time: each
 * batch of parsed prospects (in the order of the file) is matched
 * against the store's index and every row before it; the new ones are
 * appended to @added, the updates gathered in @targets and @drafts.
 * pursuit_csv_matcher_finish() sorts the report's rows by line and
 * keeps the values of @targets before the import. */
typedef struct _PursuitCsvMatcher PursuitCsvMatcher;

PursuitCsvMatcher *pursuit_csv_matcher_new    (PursuitMatchIndex     *index,
                                               PursuitCsvOnDuplicate  on_duplicate,
                                               PursuitCsvReport      *report,
                                               GPtrArray             *added,
                                               GPtrArray             *targets,
                                               GPtrArray             *drafts);
/* @keys (element-type PursuitMatchKeys, may be NULL): the prospects'
 * keys folded ahead (see pursuit_match_keys_init()), emptied. */
void               pursuit_csv_matcher_add    (PursuitCsvMatcher     *self,
                                               GPtrArray             *prospects,
                                               GArray                *rows,
                                               GArray                *keys);
void               pursuit_csv_matcher_finish (PursuitCsvMatcher     *self);
void               pursuit_csv_matcher_free   (PursuitCsvMatcher     *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PursuitCsvMatcher, pursuit_csv_matcher_free)

/* The matching of pursuit_csv_import_parsed(), which touches no store
 * (an import in a thread): by @index of the store's prospects, sorts
 * @prospects into @added, and @targets with their @drafts to update
 * (their values before into the report's "before"); the duplicates
 * skipped go into @report. */
void              pursuit_csv_match_parsed     (PursuitMatchIndex     *index,
                                                GPtrArray             *prospects,
                                                GArray                *rows,
                                                PursuitCsvOnDuplicate  on_duplicate,
                                                PursuitCsvReport      *report,
                                                GPtrArray             *added,
                                                GPtrArray             *targets,
                                                GPtrArray             *drafts);

PursuitCsvReport *pursuit_csv_report_new       (void);
/* Takes @message; @duplicate_of is the id of the prospect a duplicate
 * repeats, 0 when it repeats a new row. */
void              pursuit_csv_report_skip      (PursuitCsvReport  *report,
                                                guint              line,
                                                char              *message,
                                                gboolean           duplicate,
                                                gint64             duplicate_of);
/* Runs @func on @job in a thread, then @done back on this thread with,
 * as its data, a reference to the task of @callback, which owns @job
 * (freed with @job_free). Once committed, an import is reported,
 * cancelled or not: neither task checks @cancellable. */
void              pursuit_csv_run_import       (gpointer               source_object,
                                                GCancellable          *cancellable,
                                                GAsyncReadyCallback    callback,
                                                gpointer               user_data,
                                                gpointer               source_tag,
                                                gpointer               job,
                                                GDestroyNotify         job_free,
                                                GTaskThreadFunc        func,
                                                GAsyncReadyCallback    done);
/* After the commit of an import: @report counts the @added prospects
 * and takes them, and the @targets changed (arrays: transfer full). */
void              pursuit_csv_report_take_written (PursuitCsvReport *report,
                                                   GPtrArray        *added,
                                                   GPtrArray        *targets);

/* @text (valid UTF-8) shortened, line breaks flattened, to quote in a
 * message. */
char             *pursuit_csv_excerpt          (const char        *text);

gboolean          pursuit_csv_needs_guard      (const char        *text);
/* @text with the quote the writer put before a formula taken off. */
const char       *pursuit_csv_unguard          (const char        *text);
void              pursuit_csv_append_field     (GString           *out,
                                                const char        *field);
void              pursuit_csv_append_date_time (GString           *out,
                                                GDateTime         *when);
gboolean          pursuit_csv_flush            (GString           *buffer,
                                                GOutputStream     *out,
                                                GCancellable      *cancellable,
                                                GError           **error);

G_END_DECLS
