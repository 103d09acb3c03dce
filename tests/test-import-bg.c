/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test"

#include "config.h"

#include <adwaita.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "pursuit-import-dialog.h"
#include "pursuit-import.h"
#include "pursuit-undo-stack.h"
#include "pursuit-window.h"
#include "test-util.h"

/* A large import through the dialog runs in a thread: the main loop
 * keeps turning and the progress bar moves; Cancel writes nothing; a
 * whole import writes every row once, and its Undo takes all of it back.
 * Checked on the database reopened from disk. */

/* Rows of the file: enough for the thread to take a while, also under
 * the sanitizers. */
#define N_ROWS 10000
#define N_VCARDS 3000

typedef struct
{
  char         *dir;
  char         *path;
  char         *csv;
  guint         n_rows;
  PursuitStore *store;
  guint         n_imported;
  guint         imported;      /* of the last report */
  guint         skipped;
  guint         first_error_line;
  gboolean      first_error_duplicate;
  guint         ticks;         /* of the main loop, while importing */
  double        progress_min;  /* above 0: the bar moved */
  double        progress_max;
  guint         n_progress;    /* distinct values the bar showed */
  sqlite3      *lock;          /* holds the file's write lock, see hold_lock() */
} Fixture;

/* Holds the database's write lock from another connection, so that the
 * import's thread waits to write (SQLite's busy timeout) until the main
 * loop has turned ten times: release_lock_after_ticks() lets it go. On a
 * busy machine an import may otherwise end before the main loop turns. */
static void
hold_lock (Fixture *f)
{
  g_assert_cmpint (sqlite3_open (f->path, &f->lock), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (f->lock, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
release_lock_after_ticks (Fixture *f)
{
  if (f->lock != NULL && f->ticks >= 10)
    {
      g_assert_cmpint (sqlite3_exec (f->lock, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (f->lock);
      f->lock = NULL;
    }
}

/* A HubSpot export of @n rows: the layout is found without help. */
static void
write_csv (const char *path,
           guint       n)
{
  g_autoptr(GString) text = g_string_new ("Record ID,First Name,Last Name,Email,Company Name,Amount\r\n");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%u,First%u,Last%u,p%u@example.com,Company %u,%u.50\r\n", i, i, i, i, i % 97,
                            i % 9000);
  g_assert_true (g_file_set_contents (path, text->str, text->len, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = pursuit_test_make_dir ("test-import-bg");
  f->path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->csv = g_build_filename (f->dir, "hubspot.csv", NULL);
  f->n_rows = GPOINTER_TO_UINT (data);
  write_csv (f->csv, f->n_rows);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  f->progress_min = 2;
  f->progress_max = -1;
}

/* A vCard file of @n contacts, as Thunderbird writes them. */
static void
write_vcard (const char *path,
             guint       n)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text,
                            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:First%u Last%u\r\nN:Last%u;First%u;;;\r\n"
                            "EMAIL;TYPE=work:p%u@example.com\r\nORG:Company %u\r\nEND:VCARD\r\n",
                            i, i, i, i, i, i % 97);
  g_assert_true (g_file_set_contents (path, text->str, text->len, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up_vcard (Fixture       *f,
                      gconstpointer  data)
{
  fixture_set_up (f, data);
  g_free (f->csv);
  f->csv = g_build_filename (f->dir, "contacts.vcf", NULL);
  write_vcard (f->csv, f->n_rows);
}

/* A Pipedrive activity export of @n touches of the prospects p0 to p99,
 * which the store holds. */
static void
fixture_set_up_history (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("Activity - Subject,Activity - Type,Activity - Due date,Activity - Due time,"
                                          "Activity - Done,Activity - Note,Person - Name,Person - Email\n");
  g_autoptr(GError) error = NULL;

  fixture_set_up (f, data);
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *name = g_strdup_printf ("First%u Last%u", i, i);
      g_autofree char *email = g_strdup_printf ("p%u@example.com", i);
      g_autoptr(PursuitProspect) prospect = pursuit_prospect_new (name);

      pursuit_prospect_set_email (prospect, email);
      g_assert_true (pursuit_store_add (f->store, prospect, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < f->n_rows; i++)
    g_string_append_printf (text, "Call %u,call,2024-%02u-%02u,09:30,Done,Note %u,First%u Last%u,p%u@example.com\n", i,
                            1 + i / 2800, 1 + i / 100 % 28, i, i % 100, i % 100, i % 100);
  g_free (f->csv);
  f->csv = g_build_filename (f->dir, "activities.csv", NULL);
  g_assert_true (g_file_set_contents (f->csv, text->str, text->len, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->lock, sqlite3_close);
  pursuit_test_destroy_windows ();
  g_clear_object (&f->store);
  pursuit_test_remove_tree (f->dir);
  g_free (f->csv);
  g_free (f->path);
  g_free (f->dir);
}

static void
imported_cb (PursuitImportDialog *dialog,
             PursuitCsvReport    *report,
             Fixture             *f)
{
  f->n_imported++;
  f->imported = report->imported;
  f->skipped = report->skipped;
  if (report->errors->len > 0)
    {
      const PursuitCsvRowError *row = g_ptr_array_index (report->errors, 0);

      f->first_error_line = row->line;
      f->first_error_duplicate = row->duplicate;
    }
}

/* Every 2 ms of the main loop: counts the turn and reads the bar. */
static gboolean
tick_cb (gpointer data)
{
  GObject *dialog = data;
  Fixture *f = g_object_get_data (dialog, "fixture");
  double progress = pursuit_import_dialog_get_progress (PURSUIT_IMPORT_DIALOG (dialog));

  f->ticks++;
  release_lock_after_ticks (f);
  if (progress > 0 && progress < 1 && progress != f->progress_max)
    f->n_progress++;
  if (progress > 0)
    {
      f->progress_min = MIN (f->progress_min, progress);
      f->progress_max = MAX (f->progress_max, progress);
    }
  return G_SOURCE_CONTINUE;
}

static guint
n_on_disk (Fixture *f)
{
  g_autoptr(PursuitStore) reopened = NULL;
  g_autoptr(GError) error = NULL;

  reopened = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  return g_list_model_get_n_items (pursuit_store_get_prospects (reopened));
}

/* Every row of the file, once, on disk. */
static void
assert_all_on_disk (Fixture *f)
{
  g_autoptr(PursuitStore) reopened = pursuit_store_open (f->path, NULL);
  GListModel *all = pursuit_store_get_prospects (reopened);
  g_autoptr(GHashTable) emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpuint (g_list_model_get_n_items (all), ==, f->n_rows);
  for (guint i = 0; i < f->n_rows; i++)
    {
      g_autoptr(PursuitProspect) p = g_list_model_get_item (all, i);

      g_assert_true (g_hash_table_add (emails, g_strdup (pursuit_prospect_get_email (p))));
    }
  for (guint i = 0; i < f->n_rows; i += 997)
    {
      g_autofree char *email = g_strdup_printf ("p%u@example.com", i);

      g_assert_true (g_hash_table_contains (emails, email));
    }
}

static PursuitImportDialog *
start_import (Fixture       *f,
              PursuitWindow *window,
              guint         *tick)
{
  g_autoptr(GFile) file = g_file_new_for_path (f->csv);
  g_autoptr(GError) error = NULL;
  PursuitImportDialog *dialog;
  guint n_before;

  if (window != NULL)
    dialog = pursuit_window_open_import_dialog (window, file);
  else
    dialog = pursuit_import_dialog_new (NULL, f->store, file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dialog);
  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), f);
  g_object_set_data (G_OBJECT (dialog), "fixture", f);
  pursuit_test_show_and_wait (GTK_WINDOW (dialog), 50);
  g_assert_cmpfloat (pursuit_import_dialog_get_progress (dialog), ==, -1);

  n_before = g_list_model_get_n_items (pursuit_store_get_prospects (f->store));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.import", NULL));
  /* Nothing is written, nor shown, until the thread has committed. */
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (f->store)), ==, n_before);
  g_assert_cmpfloat (pursuit_import_dialog_get_progress (dialog), >=, 0);
  *tick = g_timeout_add (2, tick_cb, dialog);
  return dialog;
}

/* The whole file: the main loop runs and the bar moves meanwhile; every
 * row is there once; the toast's Undo takes all of it back. */
static void
test_full_import (Fixture       *f,
                  gconstpointer  data)
{
  PursuitWindow *window = pursuit_window_new (NULL, f->store, NULL);
  PursuitUndoStack *stack = pursuit_store_get_undo_stack (f->store);
  PursuitImportDialog *dialog;
  guint tick;

  pursuit_test_show_and_wait (GTK_WINDOW (window), 50);
  hold_lock (f);
  dialog = start_import (f, window, &tick);
  pursuit_test_wait_closed (GTK_WINDOW (dialog), 120000);
  g_source_remove (tick);

  g_assert_cmpuint (f->n_imported, ==, 1);
  /* The main loop kept turning while the thread worked: the thread could
   * not write before it had turned ten times. */
  g_assert_null (f->lock);
  g_assert_cmpuint (f->ticks, >=, 10);
  g_assert_cmpuint (f->n_progress, >=, 1);
  g_assert_cmpfloat (f->progress_min, <, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (f->store)), ==, f->n_rows);
  assert_all_on_disk (f);

  /* The toast's Undo: the first change of this store's session. */
  g_assert_cmpuint (pursuit_undo_stack_get_depth (stack), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-change", "u", 1));
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (f->store)), ==, 0);
  g_assert_cmpuint (n_on_disk (f), ==, 0);
}

/* Cancel while the thread reads: nothing on disk, nothing in the store,
 * no ::imported; the dialog closes. */
static void
test_cancel_midway (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *before = pursuit_test_dump_database (f->path);
  g_autofree char *after = NULL;
  PursuitImportDialog *dialog;
  guint tick;

  dialog = start_import (f, NULL, &tick);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  /* Mid-way: once the bar has moved, before the end. */
  while (dialog != NULL && f->progress_max <= 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (dialog);
  g_assert_cmpfloat (f->progress_max, <, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.cancel", NULL));
  pursuit_test_wait_closed (GTK_WINDOW (dialog), 120000);
  if (dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_source_remove (tick);

  g_assert_cmpuint (f->n_imported, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (f->store)), ==, 0);
  g_clear_object (&f->store);
  after = pursuit_test_dump_database (f->path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (n_on_disk (f), ==, 0);
}

/* A row that repeats a prospect of the store is skipped and reported by
 * its line, as on the main thread. */
static void
test_duplicate_by_line (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PursuitProspect) existing = pursuit_prospect_new ("Already Here");
  g_autoptr(GError) error = NULL;
  PursuitImportDialog *dialog;
  guint tick;

  /* Row 5 of the file, on line 7 (the header is line 1). */
  pursuit_prospect_set_email (existing, "P5@example.com");
  g_assert_true (pursuit_store_add (f->store, existing, &error));
  g_assert_no_error (error);
  dialog = start_import (f, NULL, &tick);
  pursuit_test_wait_closed (GTK_WINDOW (dialog), 120000);
  g_source_remove (tick);

  g_assert_cmpuint (f->n_imported, ==, 1);
  g_assert_cmpuint (f->imported, ==, f->n_rows - 1);
  g_assert_cmpuint (f->skipped, ==, 1);
  /* Of a vCard file, the line of the contact's BEGIN:VCARD (seven lines
   * each). */
  g_assert_cmpuint (f->first_error_line, ==, g_str_has_suffix (f->csv, ".vcf") ? 5 * 7 + 1 : 7);
  g_assert_true (f->first_error_duplicate);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (f->store)), ==, f->n_rows);
  g_assert_cmpuint (n_on_disk (f), ==, f->n_rows);
}

/* Cancel at once, before the thread can have committed: a vCard file
 * too writes nothing (it used to be written on the main thread whatever
 * Cancel said). */
static void
test_cancel_at_once (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *before = pursuit_test_dump_database (f->path);
  g_autofree char *after = NULL;
  PursuitImportDialog *dialog;
  guint tick;

  dialog = start_import (f, NULL, &tick);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.cancel", NULL));
  pursuit_test_wait_closed (GTK_WINDOW (dialog), 120000);
  if (dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_source_remove (tick);

  g_assert_cmpuint (f->n_imported, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (f->store)), ==, 0);
  g_clear_object (&f->store);
  after = pursuit_test_dump_database (f->path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (n_on_disk (f), ==, 0);
}

/* A history cancelled at once: nothing logged, the file byte for byte
 * as it was (it used to be written on the main thread whatever Cancel
 * said). */
static void
test_history_cancel (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *db_before = NULL;
  g_autofree char *db_after = NULL;
  gsize before_len, after_len;
  PursuitImportDialog *dialog;
  guint tick;

  /* The file as the store leaves it when closed, and the store again. */
  g_clear_object (&f->store);
  before = pursuit_test_dump_database (f->path);
  g_assert_true (g_file_get_contents (f->path, &db_before, &before_len, NULL));
  f->store = pursuit_store_open (f->path, NULL);
  g_assert_nonnull (f->store);
  dialog = start_import (f, NULL, &tick);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.cancel", NULL));
  pursuit_test_wait_closed (GTK_WINDOW (dialog), 120000);
  if (dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_source_remove (tick);

  g_assert_cmpuint (f->n_imported, ==, 0);
  g_clear_object (&f->store);
  after = pursuit_test_dump_database (f->path);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (g_file_get_contents (f->path, &db_after, &after_len, NULL));
  g_assert_true (before_len == after_len && memcmp (db_before, db_after, before_len) == 0);
}

/* A whole history through the dialog: every touch logged, on disk. */
static void
test_history_full (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PursuitStore) reopened = NULL;
  PursuitImportDialog *dialog;
  guint tick;
  guint n_touches = 0;

  dialog = start_import (f, NULL, &tick);
  pursuit_test_wait_closed (GTK_WINDOW (dialog), 120000);
  g_source_remove (tick);

  g_assert_cmpuint (f->n_imported, ==, 1);
  g_assert_cmpuint (f->skipped, ==, 0);
  g_clear_object (&f->store);
  reopened = pursuit_store_open (f->path, NULL);
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(PursuitProspect) p = g_list_model_get_item (pursuit_store_get_prospects (reopened), i);
      g_autoptr(GListModel) touches = pursuit_store_list_touches (reopened, p, NULL);

      n_touches += g_list_model_get_n_items (touches);
    }
  g_assert_cmpuint (n_touches, ==, f->n_rows);
}

/* Every 2 ms: counts the turn; on the third, as Ctrl+C would, when asked. */
static gboolean
cli_tick_cb (gpointer data)
{
  Fixture *f = data;

  f->ticks++;
  release_lock_after_ticks (f);
  if (f->ticks == 3 && f->first_error_duplicate)
    kill (getpid (), SIGINT);
  return G_SOURCE_CONTINUE;
}

/* --import (in the running instance, whose window then keeps drawing):
 * the main loop turns while the thread reads and writes, and every row is
 * on disk once. */
static void
test_command_line (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (f->csv);
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint tick = g_timeout_add (2, cli_tick_cb, f);

  hold_lock (f);
  g_assert_true (pursuit_import_file_interruptible (f->store, file, NULL, &report, &error));
  g_source_remove (tick);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, f->n_rows);
  /* The thread could not write before the main loop had turned ten
   * times; on the main thread it would never have turned. */
  g_assert_null (f->lock);
  g_assert_cmpuint (f->ticks, >=, 10);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (f->store)), ==, f->n_rows);
  assert_all_on_disk (f);
}

/* Ctrl+C while the thread works: nothing on disk, and the message says
 * so. */
static void
test_command_line_interrupt (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (f->csv);
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint tick;

  g_clear_object (&f->store);
  before = pursuit_test_dump_database (f->path);
  f->store = pursuit_store_open (f->path, NULL);
  f->first_error_duplicate = TRUE; /* interrupt */
  tick = g_timeout_add (2, cli_tick_cb, f);
  g_assert_false (pursuit_import_file_interruptible (f->store, file, NULL, &report, &error));
  g_source_remove (tick);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_nonnull (strstr (error->message, "nothing was imported"));
  g_assert_null (report);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (f->store)), ==, 0);
  g_clear_object (&f->store);
  after = pursuit_test_dump_database (f->path);
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/import-bg/full", Fixture, GUINT_TO_POINTER (N_ROWS), fixture_set_up, test_full_import,
              fixture_tear_down);
  g_test_add ("/import-bg/cancel", Fixture, GUINT_TO_POINTER (N_ROWS), fixture_set_up, test_cancel_midway,
              fixture_tear_down);
  g_test_add ("/import-bg/duplicate-by-line", Fixture, GUINT_TO_POINTER (1000), fixture_set_up,
              test_duplicate_by_line, fixture_tear_down);

  /* A vCard file goes through the thread the same way. */
  g_test_add ("/import-bg/vcard/full", Fixture, GUINT_TO_POINTER (N_VCARDS), fixture_set_up_vcard,
              test_full_import, fixture_tear_down);
  g_test_add ("/import-bg/vcard/cancel", Fixture, GUINT_TO_POINTER (N_VCARDS), fixture_set_up_vcard,
              test_cancel_at_once, fixture_tear_down);
  g_test_add ("/import-bg/vcard/duplicate-by-line", Fixture, GUINT_TO_POINTER (500), fixture_set_up_vcard,
              test_duplicate_by_line, fixture_tear_down);

  g_test_add ("/import-bg/history/cancel", Fixture, GUINT_TO_POINTER (1000), fixture_set_up_history,
              test_history_cancel, fixture_tear_down);
  g_test_add ("/import-bg/history/full", Fixture, GUINT_TO_POINTER (500), fixture_set_up_history,
              test_history_full, fixture_tear_down);

  g_test_add ("/import-bg/command-line/main-loop", Fixture, GUINT_TO_POINTER (4000), fixture_set_up,
              test_command_line, fixture_tear_down);
  g_test_add ("/import-bg/command-line/interrupt", Fixture, GUINT_TO_POINTER (4000), fixture_set_up,
              test_command_line_interrupt, fixture_tear_down);

  return g_test_run ();
}
