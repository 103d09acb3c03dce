/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-io"

/* O_CLOEXEC and O_NONBLOCK with -std=c17 */
#define _DEFAULT_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>

#include "pursuit-csv-private.h"

/* Importing a file: read it within bounds, parse it, match each record
 * against the store and the records above it, then write what is new and
 * what is updated in one transaction. */

#define READ_CHUNK (64 * 1024)

gboolean
pursuit_csv_on_duplicate_from_string (const char            *text,
                                      PursuitCsvOnDuplicate *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (g_strcmp0 (text, "skip") == 0)
    *out = PURSUIT_CSV_ON_DUPLICATE_SKIP;
  else if (g_strcmp0 (text, "update") == 0)
    *out = PURSUIT_CSV_ON_DUPLICATE_UPDATE;
  else
    return FALSE;
  return TRUE;
}

/* Reading */

static gboolean
set_read_error (GFile   *file,
                int      saved_errno,
                GError **error)
{
  g_autofree char *name = g_file_get_parse_name (file);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("Could not read %s: %s"), name,
               g_strerror (saved_errno));
  return FALSE;
}

/* A local file as a stream that polls where the file can keep a reader
 * waiting (a FIFO, a terminal), so that @cancellable stops the wait; a
 * FIFO is opened without waiting for a writer. */
static GInputStream *
open_input (GFile         *file,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *path = g_file_get_path (file);
  struct stat st;
  int fd;

  if (path == NULL)
    return G_INPUT_STREAM (g_file_read (file, cancellable, error));

  fd = open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    {
      set_read_error (file, errno, error);
      return NULL;
    }
  if (fstat (fd, &st) != 0 || S_ISDIR (st.st_mode))
    {
      int saved_errno = S_ISDIR (st.st_mode) ? EISDIR : errno;

      close (fd);
      set_read_error (file, saved_errno, error);
      return NULL;
    }
  /* Blocking again: GUnixInputStream polls before it reads. */
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);
  return g_unix_input_stream_new (fd, TRUE);
}

static gboolean
set_too_big (GFile   *file,
             guint    line,
             GError **error)
{
  g_autofree char *name = g_file_get_parse_name (file);

  if (line > 0)
    g_set_error (error, PURSUIT_CSV_ERROR, PURSUIT_CSV_ERROR_TOO_BIG,
                 _("Line %u of %s is longer than %u MB, which is more than a CSV file of prospects "
                   "holds. Check that this is the file you meant."),
                 line, name, PURSUIT_CSV_MAX_LINE / (1024 * 1024));
  else
    g_set_error (error, PURSUIT_CSV_ERROR, PURSUIT_CSV_ERROR_TOO_BIG,
                 _("%s is larger than %u MB, the most Pursuit imports at once. "
                   "Split it into smaller files."),
                 name, PURSUIT_CSV_MAX_SIZE / (1024 * 1024));
  return FALSE;
}

/* A cancelled read says what it means for the user. */
static void
set_interrupted (GFile   *file,
                 GError **error)
{
  g_autofree char *name = NULL;

  if (error == NULL || !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  name = g_file_get_parse_name (file);
  g_clear_error (error);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The import of %s was interrupted; nothing was imported."),
               name);
}

/* Where the lines end in what was read, to bound each line. */
typedef struct
{
  guint line;      /* 1-based */
  gsize line_len;  /* bytes of it so far */
} LineCount;

static gboolean
count_lines (LineCount  *count,
             const char *data,
             gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      if (data[i] == '\n' || data[i] == '\r')
        {
          /* CRLF counts once, as the reader counts it. */
          if (!(data[i] == '\n' && i > 0 && data[i - 1] == '\r'))
            count->line++;
          count->line_len = 0;
        }
      else if (++count->line_len > PURSUIT_CSV_MAX_LINE)
        return FALSE;
    }
  return TRUE;
}

/* The bytes of @file, at most PURSUIT_CSV_MAX_SIZE, with no line longer
 * than PURSUIT_CSV_MAX_LINE. */
static GBytes *
read_bounded (GFile         *file,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GInputStream) in = open_input (file, cancellable, error);
  g_autoptr(GByteArray) data = NULL;
  LineCount count = { 1, 0 };

  if (in == NULL)
    return NULL;

  data = g_byte_array_new ();
  for (;;)
    {
      /* Up to the limit, then one byte more tells a file that is larger. */
      gsize chunk = MIN (READ_CHUNK, PURSUIT_CSV_MAX_SIZE - data->len);
      char probe;
      gssize n;

      if (chunk == 0)
        {
          n = g_input_stream_read (in, &probe, 1, cancellable, error);
          if (n > 0)
            set_too_big (file, 0, error);
          if (n != 0)
            {
              set_interrupted (file, error);
              return NULL;
            }
          break;
        }
      g_byte_array_set_size (data, data->len + chunk);
      n = g_input_stream_read (in, data->data + data->len - chunk, chunk, cancellable, error);
      if (n < 0)
        {
          set_interrupted (file, error);
          return NULL;
        }
      g_byte_array_set_size (data, data->len - chunk + n);
      if (n == 0)
        break;
      if (!count_lines (&count, (const char *) data->data + data->len - n, n))
        {
          set_too_big (file, count.line, error);
          return NULL;
        }
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* Duplicates */

typedef struct
{
  PursuitCsvOnDuplicate  on_duplicate;
  PursuitCsvReport      *report;
  PursuitMatchIndex     *index;
  GPtrArray             *added;
  GPtrArray             *targets;
  GPtrArray             *drafts;
  GHashTable            *draft_of;  /* prospect of the store → its draft */
  GHashTable            *line_of;   /* new prospect → its line */
} Import;

/* Copies the cells @row fills from @from to @to: an update keeps what the
 * file leaves empty. */
static void
merge (PursuitProspect     *to,
       PursuitProspect     *from,
       const PursuitCsvRow *row)
{
  guint has = row->present;

  pursuit_prospect_set_name (to, pursuit_prospect_get_name (from));
  if (has & COLUMN_BIT (COLUMN_COMPANY))
    pursuit_prospect_set_company (to, pursuit_prospect_get_company (from));
  if (has & COLUMN_BIT (COLUMN_EMAIL))
    pursuit_prospect_set_email (to, pursuit_prospect_get_email (from));
  if (has & COLUMN_BIT (COLUMN_PHONE))
    pursuit_prospect_set_phone (to, pursuit_prospect_get_phone (from));
  if (has & COLUMN_BIT (COLUMN_NOTES))
    pursuit_prospect_set_notes (to, pursuit_prospect_get_notes (from));
  if (has & COLUMN_BIT (COLUMN_TAGS))
    pursuit_prospect_set_tags (to, pursuit_prospect_get_tags (from));
  if (has & COLUMN_BIT (COLUMN_VALUE))
    pursuit_prospect_set_value (to, pursuit_prospect_get_value (from));
  if (has & COLUMN_BIT (COLUMN_ATTEMPTS))
    {
      /* The streak counts the touches Pursuit knows on top of the attempts
       * before them: move those by what the file adds or takes away. */
      gint64 before = (gint64) pursuit_prospect_get_attempts_before (to) + pursuit_prospect_get_attempts (from)
                      - pursuit_prospect_get_attempts (to);

      pursuit_prospect_set_attempts_before (to, (guint) CLAMP (before, 0, G_MAXUINT));
      pursuit_prospect_set_attempts (to, pursuit_prospect_get_attempts (from));
    }
  if (has & (COLUMN_BIT (COLUMN_STAGE) | COLUMN_BIT (COLUMN_TIER)))
    {
      pursuit_prospect_set_stage (to, pursuit_prospect_get_stage (from));
      pursuit_prospect_set_tier (to, pursuit_prospect_get_tier (from));
      pursuit_prospect_set_close_reason (to, pursuit_prospect_get_close_reason (from));
      pursuit_prospect_set_revisit_at (to, pursuit_prospect_get_revisit_at (from));
      if (pursuit_prospect_get_stage (from) != PURSUIT_STAGE_ACTIVE
          && pursuit_prospect_get_stage (from) != PURSUIT_STAGE_CUSTOMER)
        pursuit_prospect_set_next_touch (to, NULL);
    }
  if (has & COLUMN_BIT (COLUMN_NEXT_TOUCH))
    {
      pursuit_prospect_set_next_touch (to, pursuit_prospect_get_next_touch (from));
      pursuit_prospect_set_next_touch_manual (to, FALSE);
    }
  /* The file says the prospect asked not to be contacted: let go so. */
  if (pursuit_prospect_get_do_not_contact (from))
    {
      pursuit_prospect_set_do_not_contact (to, TRUE);
      pursuit_prospect_set_stage (to, PURSUIT_STAGE_CLOSED);
      pursuit_prospect_set_tier (to, PURSUIT_TIER_NONE);
      pursuit_prospect_set_close_reason (to, pursuit_prospect_get_close_reason (from));
      pursuit_prospect_set_revisit_at (to, NULL);
      pursuit_prospect_set_next_touch (to, NULL);
      pursuit_prospect_set_next_touch_manual (to, FALSE);
    }
}

static char *
duplicate_message (Import             *import,
                   PursuitProspect    *candidate,
                   PursuitProspect    *match,
                   PursuitMatchReason  reason)
{
  const char *why = pursuit_match_reason_to_string (reason);
  g_autofree char *name = pursuit_csv_excerpt (pursuit_prospect_get_name (candidate));

  if (pursuit_prospect_get_id (match) != 0)
    /* Translators: "“Chris Ortiz” is already in Pursuit (same email)" */
    return g_strdup_printf (_("“%s” is already in Pursuit (%s)"), name, why);
  /* Translators: "“Chris Ortiz” repeats line 3 (same email)" */
  return g_strdup_printf (_("“%s” repeats line %u (%s)"), name,
                          GPOINTER_TO_UINT (g_hash_table_lookup (import->line_of, match)), why);
}

/* The draft that collects the updates of @match, a prospect of the store
 * or a new one (then the new one itself). */
static PursuitProspect *
draft_for (Import          *import,
           PursuitProspect *match)
{
  PursuitProspect *draft;

  if (pursuit_prospect_get_id (match) == 0)
    return match;
  draft = g_hash_table_lookup (import->draft_of, match);
  if (draft == NULL)
    {
      draft = pursuit_prospect_dup (match);
      g_ptr_array_add (import->targets, g_object_ref (match));
      g_ptr_array_add (import->drafts, draft);
      g_hash_table_insert (import->draft_of, match, draft);
    }
  return draft;
}

/* @keys (may be NULL) are @candidate's, folded ahead; emptied. */
static void
import_row (Import              *import,
            PursuitProspect     *candidate,
            const PursuitCsvRow *row,
            PursuitMatchKeys    *keys)
{
  PursuitMatchReason reason;
  PursuitMatchKeys own;
  PursuitProspect *match;

  if (keys == NULL)
    {
      pursuit_match_keys_init (&own, pursuit_prospect_get_name (candidate), pursuit_prospect_get_company (candidate),
                               pursuit_prospect_get_email (candidate), pursuit_prospect_get_phone (candidate));
      keys = &own;
    }
  /* A new prospect is in the index from here on (its keys folded once). */
  match = pursuit_match_index_lookup_or_add_keys (import->index, keys, candidate, &reason);
  pursuit_match_keys_clear (keys);

  /* Someone who asked not to be contacted does not come back, nor is
   * changed, by an import. */
  if (match != NULL && pursuit_prospect_get_id (match) != 0 && pursuit_prospect_get_do_not_contact (match))
    {
      g_autofree char *name = pursuit_csv_excerpt (pursuit_prospect_get_name (candidate));

      import->report->duplicates++;
      /* Translators: "“Jane Doe” asked not to be contacted" */
      pursuit_csv_report_skip (import->report, row->line, g_strdup_printf (_("“%s” asked not to be contacted"), name),
                               TRUE, pursuit_prospect_get_id (match));
      return;
    }
  if (match == NULL)
    {
      g_ptr_array_add (import->added, g_object_ref (candidate));
      g_hash_table_insert (import->line_of, candidate, GUINT_TO_POINTER (row->line));
      return;
    }

  import->report->duplicates++;
  if (import->on_duplicate == PURSUIT_CSV_ON_DUPLICATE_SKIP)
    {
      pursuit_csv_report_skip (import->report, row->line, duplicate_message (import, candidate, match, reason),
                               TRUE, pursuit_prospect_get_id (match));
      return;
    }

  merge (draft_for (import, match), candidate, row);
  /* A later row may know the prospect by its new email or phone. */
  pursuit_match_index_add (import->index, pursuit_prospect_get_name (candidate),
                           pursuit_prospect_get_company (candidate), pursuit_prospect_get_email (candidate),
                           pursuit_prospect_get_phone (candidate), match);
  import->report->updated++;
}

static int
compare_errors (gconstpointer a,
                gconstpointer b)
{
  const PursuitCsvRowError *ea = *(PursuitCsvRowError **) a;
  const PursuitCsvRowError *eb = *(PursuitCsvRowError **) b;

  return (ea->line > eb->line) - (ea->line < eb->line);
}

struct _PursuitCsvMatcher
{
  Import import;
};

PursuitCsvMatcher *
pursuit_csv_matcher_new (PursuitMatchIndex     *index,
                         PursuitCsvOnDuplicate  on_duplicate,
                         PursuitCsvReport      *report,
                         GPtrArray             *added,
                         GPtrArray             *targets,
                         GPtrArray             *drafts)
{
  PursuitCsvMatcher *self = g_new0 (PursuitCsvMatcher, 1);
  Import import = { on_duplicate, report, index, added, targets, drafts, g_hash_table_new (NULL, NULL),
                    g_hash_table_new (NULL, NULL) };

  self->import = import;
  return self;
}

void
pursuit_csv_matcher_add (PursuitCsvMatcher *self,
                         GPtrArray         *prospects,
                         GArray            *rows,
                         GArray            *keys)
{
  g_return_if_fail (self != NULL && prospects->len == rows->len);
  g_return_if_fail (keys == NULL || keys->len == prospects->len);

  for (guint i = 0; i < prospects->len; i++)
    import_row (&self->import, g_ptr_array_index (prospects, i), &g_array_index (rows, PursuitCsvRow, i),
                keys != NULL ? &g_array_index (keys, PursuitMatchKeys, i) : NULL);
}

void
pursuit_csv_matcher_finish (PursuitCsvMatcher *self)
{
  Import *import = &self->import;

  /* Bad rows and duplicates, in the order of the file. */
  g_ptr_array_sort (import->report->errors, compare_errors);
  for (guint i = 0; i < import->targets->len; i++)
    g_ptr_array_add (import->report->before, pursuit_prospect_dup (g_ptr_array_index (import->targets, i)));
}

void
pursuit_csv_matcher_free (PursuitCsvMatcher *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->import.draft_of);
  g_hash_table_unref (self->import.line_of);
  g_free (self);
}

void
pursuit_csv_match_parsed (PursuitMatchIndex     *index,
                          GPtrArray             *prospects,
                          GArray                *rows,
                          PursuitCsvOnDuplicate  on_duplicate,
                          PursuitCsvReport      *report,
                          GPtrArray             *added,
                          GPtrArray             *targets,
                          GPtrArray             *drafts)
{
  g_autoptr(PursuitCsvMatcher) matcher = pursuit_csv_matcher_new (index, on_duplicate, report, added, targets,
                                                                  drafts);

  pursuit_csv_matcher_add (matcher, prospects, rows, NULL);
  pursuit_csv_matcher_finish (matcher);
}

/* Matches @prospects (parsed, with their @rows) and writes them. */
gboolean
pursuit_csv_import_parsed (PursuitStore          *store,
                           GPtrArray             *prospects,
                           GArray                *rows,
                           PursuitCsvOnDuplicate  on_duplicate,
                           PursuitCsvReport      *report,
                           GError               **error)
{
  g_autoptr(PursuitMatchIndex) index = pursuit_store_new_match_index (store);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func (g_object_unref);

  pursuit_csv_match_parsed (index, prospects, rows, on_duplicate, report, added, targets, drafts);
  if (!pursuit_store_import (store, added, targets, drafts, error))
    return FALSE;
  pursuit_csv_report_take_written (report, g_steal_pointer (&added), g_steal_pointer (&targets));
  return TRUE;
}

void
pursuit_csv_run_import (gpointer             source_object,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data,
                        gpointer             source_tag,
                        gpointer             job,
                        GDestroyNotify       job_free,
                        GTaskThreadFunc      func,
                        GAsyncReadyCallback  done)
{
  g_autoptr(GTask) task = g_task_new (source_object, cancellable, callback, user_data);
  g_autoptr(GTask) thread = NULL;

  g_task_set_source_tag (task, source_tag);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, job_free);

  thread = g_task_new (source_object, cancellable, done, g_object_ref (task));
  g_task_set_check_cancellable (thread, FALSE);
  g_task_set_task_data (thread, job, NULL);
  g_task_run_in_thread (thread, func);
}

void
pursuit_csv_report_take_written (PursuitCsvReport *report,
                                 GPtrArray        *added,
                                 GPtrArray        *targets)
{
  report->imported = added->len;
  g_ptr_array_extend_and_steal (report->added, added);
  g_ptr_array_extend_and_steal (report->changed, targets);
}

static gboolean
import_bytes (PursuitStore           *store,
              GBytes                 *bytes,
              PursuitCsvOnDuplicate   on_duplicate,
              PursuitCsvReport      **out_report,
              GError                **error)
{
  g_autoptr(GPtrArray) prospects = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(PursuitCsvReport) report = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  prospects = pursuit_csv_parse_rows (data != NULL ? data : "", length, &rows, &report, error);
  if (prospects == NULL || !pursuit_csv_import_parsed (store, prospects, rows, on_duplicate, report, error))
    return FALSE;

  if (out_report != NULL)
    *out_report = g_steal_pointer (&report);
  return TRUE;
}

/**
 * pursuit_csv_import_full:
 * @store: the store to add to
 * @file: a CSV file
 * @on_duplicate: what to do with a record that repeats a prospect of
 *   @store (see pursuit_store_find_match()) or a record above it
 * @cancellable: (nullable): a #GCancellable
 * @out_report: (out) (optional) (transfer full): what was imported,
 *   updated and skipped, set on success
 * @error: return location for a #GError
 *
 * Reads @file, at most %PURSUIT_CSV_MAX_SIZE bytes with lines of at most
 * %PURSUIT_CSV_MAX_LINE, parses it (see pursuit_csv_parse()), and adds
 * its valid records to @store in one transaction: new prospects are
 * added; a record that repeats a prospect is skipped and reported ("line
 * 7: “Chris Ortiz” is already in Pursuit (same email)"), or with
 * %PURSUIT_CSV_ON_DUPLICATE_UPDATE updates it in the same transaction.
 *
 * Returns: %TRUE on success. On failure (a #GIOError naming the file when
 *   it cannot be read, %G_IO_ERROR_CANCELLED, a #PURSUIT_CSV_ERROR, or the
 *   store's error) @store is unchanged.
 */
gboolean
pursuit_csv_import_full (PursuitStore           *store,
                         GFile                  *file,
                         PursuitCsvOnDuplicate   on_duplicate,
                         GCancellable           *cancellable,
                         PursuitCsvReport      **out_report,
                         GError                **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (PURSUIT_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_report != NULL)
    *out_report = NULL;

  bytes = read_bounded (file, cancellable, error);
  return bytes != NULL && import_bytes (store, bytes, on_duplicate, out_report, error);
}

/**
 * pursuit_csv_import:
 * @store: the store to add to
 * @file: a CSV file
 * @out_report: (out) (optional) (transfer full): what was imported and
 *   skipped, set on success
 * @error: return location for a #GError
 *
 * pursuit_csv_import_full() skipping duplicates, without a cancellable.
 *
 * Returns: %TRUE on success; on failure @store is unchanged
 */
gboolean
pursuit_csv_import (PursuitStore      *store,
                    GFile             *file,
                    PursuitCsvReport **out_report,
                    GError           **error)
{
  return pursuit_csv_import_full (store, file, PURSUIT_CSV_ON_DUPLICATE_SKIP, NULL, out_report, error);
}

/* Interruptible reading, for the command line */

static void
read_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *bytes = read_bounded (task_data, cancellable, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static gboolean
cancel_on_signal (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_CONTINUE;
}

static void
read_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  *(gboolean *) data = TRUE;
}

GBytes *
pursuit_csv_read_file (GFile         *file,
                       gboolean       interruptible,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GCancellable) own = NULL;
  g_autoptr(GTask) task = NULL;
  GMainContext *context;
  GBytes *bytes;
  gboolean done = FALSE;
  guint on_int, on_term;

  if (!interruptible)
    return read_bounded (file, cancellable, error);

  own = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  context = g_main_context_ref_thread_default ();
  on_int = g_unix_signal_add (SIGINT, cancel_on_signal, own);
  on_term = g_unix_signal_add (SIGTERM, cancel_on_signal, own);
  task = g_task_new (NULL, own, read_done, &done);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_in_thread);
  while (!done)
    g_main_context_iteration (context, TRUE);
  g_source_remove (on_int);
  g_source_remove (on_term);
  g_main_context_unref (context);

  bytes = g_task_propagate_pointer (task, error);
  if (bytes == NULL)
    set_interrupted (file, error);
  return bytes;
}

gboolean
pursuit_csv_import_interruptible (PursuitStore           *store,
                                  GFile                  *file,
                                  PursuitCsvOnDuplicate   on_duplicate,
                                  PursuitCsvReport      **out_report,
                                  GError                **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (PURSUIT_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_report != NULL)
    *out_report = NULL;

  bytes = pursuit_csv_read_file (file, TRUE, NULL, error);
  return bytes != NULL && import_bytes (store, bytes, on_duplicate, out_report, error);
}
