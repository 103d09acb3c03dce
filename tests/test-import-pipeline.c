/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "pursuit-import.h"
#include "pursuit-store.h"
#include "test-util.h"

/* An import in a thread reads the file in one thread and matches and
 * writes in another, the rows going between them in batches: a file of
 * many batches gives the same rows in the order of the file, with its
 * bad rows and duplicates reported by the right line across the batches'
 * boundaries; a Cancel while the reader is ahead, or a failure of the
 * writing in the middle, writes nothing and ends both threads. Checked
 * on the database read from disk. */

/* Several times what the threads hold between them (batches of 512
 * records, eight ahead). */
#define N_ROWS 20000

typedef struct
{
  char         *dir;
  char         *path;
  char         *csv;
  PursuitStore *store;
  GCancellable *cancellable;
  gboolean      cancel_on_progress;
  gboolean      done;
  PursuitCsvReport *report;
  GError       *error;
  /* What the file holds, as it was written. */
  GPtrArray    *names;          /* of the rows to import, in file order */
  GArray       *error_lines;    /* guint: bad rows and duplicates */
  GArray       *repeats_lines;  /* guint: for each of error_lines, the line it repeats, or 0 */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = pursuit_test_make_dir ("test-import-pipeline-XXXXXX");
  f->path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->csv = g_build_filename (f->dir, "export.csv", NULL);
  f->names = g_ptr_array_new_with_free_func (g_free);
  f->error_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  f->repeats_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  f->cancellable = g_cancellable_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->cancellable);
  g_clear_pointer (&f->report, pursuit_csv_report_free);
  g_clear_error (&f->error);
  g_ptr_array_unref (f->names);
  g_array_unref (f->error_lines);
  g_array_unref (f->repeats_lines);
  pursuit_test_remove_tree (f->dir);
  g_free (f->csv);
  g_free (f->path);
  g_free (f->dir);
}

static void
add_error (Fixture *f,
           guint    line,
           guint    repeats)
{
  g_array_append_val (f->error_lines, line);
  g_array_append_val (f->repeats_lines, repeats);
}

/* A CRM export of @n rows. Every 1,000th row has a note of two lines, so
 * that the lines of the file drift from its records; every 3,001st row
 * has a bad amount; every 4,099th repeats the email of a row 2,500 rows
 * above it, in an earlier batch. With @repeat_from and @repeat_to, row
 * @repeat_to repeats row @repeat_from with another company and amount. */
static void
write_csv (Fixture *f,
           guint    n,
           guint    repeat_from,
           guint    repeat_to)
{
  g_autoptr(GString) text = g_string_new ("First Name,Last Name,Email,Company Name,Amount,Notes\r\n");
  g_autoptr(GArray) line_of = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  g_autoptr(GError) error = NULL;
  guint line = 2;

  for (guint i = 0; i < n; i++)
    {
      guint email = i;
      const char *amount = "12.50";
      const char *company = "Company";
      gboolean bad = i % 3001 == 3000;
      gboolean repeat = i % 4099 == 4098;

      g_array_append_val (line_of, line);
      if (repeat)
        email = i - 2500;
      if (repeat_to > 0 && i == repeat_to)
        {
          email = repeat_from;
          company = "Moved On Inc";
          amount = "999";
        }
      if (bad)
        amount = "lots";
      g_string_append_printf (text, "First%u,Last%u,p%u@example.com,%s %u,%s,", i, i, email, company, i % 97,
                              amount);
      if (i % 1000 == 500)
        {
          g_string_append (text, "\"met at the fair\nwants a call\"");
          line++;
        }
      g_string_append (text, "\r\n");

      if (bad)
        add_error (f, line, 0);
      else if (repeat)
        add_error (f, line, g_array_index (line_of, guint, i - 2500));
      else if (repeat_to == 0 || i != repeat_to)
        g_ptr_array_add (f->names, g_strdup_printf ("First%u Last%u", i, i));
      line++;
    }
  g_assert_true (g_file_set_contents (f->csv, text->str, text->len, &error));
  g_assert_no_error (error);
}

static void
progress_cb (guint    rows_read,
             guint    n_rows,
             double   fraction,
             gpointer data)
{
  Fixture *f = data;

  /* The reader is ahead of the writer: it has read rows that the writer
   * may not have written yet. */
  if (f->cancel_on_progress && rows_read > 0 && rows_read < n_rows)
    g_cancellable_cancel (f->cancellable);
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Fixture *f = data;

  pursuit_import_file_finish (PURSUIT_STORE (source), result, &f->report, &f->error);
  f->done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return ((Fixture *) data)->done;
}

static void
import (Fixture               *f,
        PursuitCsvOnDuplicate  on_duplicate)
{
  g_autoptr(GFile) file = g_file_new_for_path (f->csv);
  g_autoptr(PursuitImportLayout) layout = NULL;
  g_autoptr(GBytes) head = NULL;
  g_autoptr(GError) error = NULL;

  layout = pursuit_import_load (file, &head, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (layout->kind, ==, PURSUIT_IMPORT_KIND_CSV);
  pursuit_import_file_async (f->store, file, layout, on_duplicate, f->cancellable, progress_cb, f, imported_cb, f);
  pursuit_test_wait_until (is_done, f, 120000);
}

static void
open_store (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
}

/* The names of the prospects on disk, in the order they were written. */
static GPtrArray *
names_on_disk (Fixture *f)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM prospect ORDER BY id", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return names;
}

static void
assert_names_on_disk (Fixture   *f,
                      GPtrArray *expected)
{
  g_autoptr(GPtrArray) names = NULL;

  /* Read again from disk, by a store of its own too. */
  g_clear_object (&f->store);
  open_store (f);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (f->store)), ==, expected->len);
  names = names_on_disk (f);
  g_assert_cmpuint (names->len, ==, expected->len);
  for (guint i = 0; i < names->len; i++)
    g_assert_cmpstr (g_ptr_array_index (names, i), ==, g_ptr_array_index (expected, i));
}

static void
test_many_batches (Fixture       *f,
                   gconstpointer  data)
{
  open_store (f);
  write_csv (f, N_ROWS, 0, 0);
  import (f, PURSUIT_CSV_ON_DUPLICATE_SKIP);
  g_assert_no_error (f->error);

  g_assert_cmpuint (f->report->imported, ==, f->names->len);
  g_assert_cmpuint (f->report->errors->len, ==, f->error_lines->len);
  g_assert_cmpuint (f->report->skipped, ==, f->error_lines->len);
  for (guint i = 0; i < f->report->errors->len; i++)
    {
      PursuitCsvRowError *row = g_ptr_array_index (f->report->errors, i);
      guint repeats = g_array_index (f->repeats_lines, guint, i);

      g_assert_cmpuint (row->line, ==, g_array_index (f->error_lines, guint, i));
      g_assert_cmpint (row->duplicate, ==, repeats > 0);
      if (repeats > 0)
        {
          g_autofree char *says = g_strdup_printf ("repeats line %u", repeats);

          g_assert_nonnull (strstr (row->message, says));
        }
      else
        g_assert_nonnull (strstr (row->message, "“lots”"));
    }
  g_assert_cmpuint (f->report->invalid, ==, N_ROWS / 3001);
  g_assert_cmpuint (f->report->duplicates, ==, N_ROWS / 4099);
  assert_names_on_disk (f, f->names);
}

/* In the names expected, row @from's name becomes row @to's. */
static void
rename_expected (Fixture *f,
                 guint    from,
                 guint    to)
{
  g_autofree char *old_name = g_strdup_printf ("First%u Last%u", from, from);

  for (guint i = 0; i < f->names->len; i++)
    if (g_str_equal (g_ptr_array_index (f->names, i), old_name))
      {
        g_free (f->names->pdata[i]);
        f->names->pdata[i] = g_strdup_printf ("First%u Last%u", to, to);
        return;
      }
  g_assert_not_reached ();
}

/* With updates, a later batch may change a prospect that an earlier one
 * added. */
static void
test_update_across_batches (Fixture       *f,
                            gconstpointer  data)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  open_store (f);
  write_csv (f, 12000, 10, 11000);
  import (f, PURSUIT_CSV_ON_DUPLICATE_UPDATE);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->report->updated, ==, 1 + 12000 / 4099);

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT company, value FROM prospect WHERE email = 'p10@example.com'",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "Moved On Inc 39");
  g_assert_cmpfloat (sqlite3_column_double (stmt, 1), ==, 999);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  /* The rows repeated hold the names of the rows that repeat them; these
   * are not added. */
  rename_expected (f, 10, 11000);
  for (guint i = 4098; i < 12000; i += 4099)
    rename_expected (f, i - 2500, i);
  assert_names_on_disk (f, f->names);
}

/* A store with one prospect, and what is on disk of it. */
static void
set_up_one (Fixture  *f,
            char    **dump,
            GBytes  **bytes)
{
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new ("Kept Before");
  g_autoptr(GError) error = NULL;

  open_store (f);
  pursuit_store_add (f->store, prospect, &error);
  g_assert_no_error (error);
  *dump = pursuit_test_dump_database (f->path);
  *bytes = pursuit_test_read_bytes (f->path);
}

static void
assert_unchanged (Fixture    *f,
                  const char *dump,
                  GBytes     *bytes)
{
  g_autofree char *dump_after = pursuit_test_dump_database (f->path);
  g_autoptr(GBytes) bytes_after = pursuit_test_read_bytes (f->path);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  g_assert_cmpstr (dump_after, ==, dump);
  g_assert_true (g_bytes_equal (bytes_after, bytes));
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (f->store)), ==, 1);
  g_ptr_array_add (kept, "Kept Before");
  assert_names_on_disk (f, kept);
}

static void
test_cancel_ahead (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *dump = NULL;
  g_autoptr(GBytes) bytes = NULL;

  set_up_one (f, &dump, &bytes);
  write_csv (f, N_ROWS, 0, 0);
  f->cancel_on_progress = TRUE;
  import (f, PURSUIT_CSV_ON_DUPLICATE_SKIP);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (f->report);
  assert_unchanged (f, dump, bytes);
}

/* The disk fills up in the middle of the file, once the transaction
 * has more pages than SQLite keeps in memory: nothing of the batches
 * written before is kept. */
static void
test_disk_full_in_the_middle (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *dump = NULL;
  g_autoptr(GBytes) bytes = NULL;
  PursuitTestDisk disk;

  if (!pursuit_test_need_mounts ())
    return;
  /* Room for the database, not for the rows of the file. */
  pursuit_test_disk_init (&disk, "test-import-pipeline-disk-XXXXXX", 1024 * 1024);
  g_free (f->path);
  f->path = g_strdup (disk.path);
  set_up_one (f, &dump, &bytes);

  write_csv (f, N_ROWS, 0, 0);
  import (f, PURSUIT_CSV_ON_DUPLICATE_SKIP);
  g_assert_nonnull (f->error);
  g_test_message ("%s", f->error->message);
  g_assert_false (g_error_matches (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_assert_null (f->report);
  assert_unchanged (f, dump, bytes);
  g_clear_object (&f->store);
  pursuit_test_disk_clear (&disk);
}

/* A file that only repeats what the store holds writes nothing. */
static void
test_only_duplicates (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *dump = NULL;
  g_autofree char *dump_after = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) bytes_after = NULL;

  open_store (f);
  write_csv (f, 1000, 0, 0);
  import (f, PURSUIT_CSV_ON_DUPLICATE_SKIP);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->report->imported, ==, 1000);
  g_clear_pointer (&f->report, pursuit_csv_report_free);
  dump = pursuit_test_dump_database (f->path);
  bytes = pursuit_test_read_bytes (f->path);

  f->done = FALSE;
  import (f, PURSUIT_CSV_ON_DUPLICATE_SKIP);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->report->imported, ==, 0);
  g_assert_cmpuint (f->report->duplicates, ==, 1000);
  g_assert_cmpuint (f->report->errors->len, ==, 1000);
  dump_after = pursuit_test_dump_database (f->path);
  bytes_after = pursuit_test_read_bytes (f->path);
  g_assert_cmpstr (dump_after, ==, dump);
  g_assert_true (g_bytes_equal (bytes_after, bytes));
  assert_names_on_disk (f, f->names);
}

int
main (int   argc,
      char *argv[])
{
  /* Before any thread starts: a disk of its own to fill. */
  pursuit_test_isolate ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/import/pipeline/many-batches", Fixture, NULL, fixture_set_up, test_many_batches,
              fixture_tear_down);
  g_test_add ("/import/pipeline/update-across-batches", Fixture, NULL, fixture_set_up, test_update_across_batches,
              fixture_tear_down);
  g_test_add ("/import/pipeline/only-duplicates", Fixture, NULL, fixture_set_up, test_only_duplicates,
              fixture_tear_down);
  g_test_add ("/import/pipeline/cancel-ahead", Fixture, NULL, fixture_set_up, test_cancel_ahead,
              fixture_tear_down);
  g_test_add ("/import/pipeline/disk-full-in-the-middle", Fixture, NULL, fixture_set_up,
              test_disk_full_in_the_middle, fixture_tear_down);
  return g_test_run ();
}
