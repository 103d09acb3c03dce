/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test"

#include "config.h"

#include <adwaita.h>

#include "pursuit-import-dialog.h"
#include "test-util.h"

/* The import dialog: a preview of each column with where it goes, which
 * the user changes before anything is written; checked on the database
 * reopened from disk. */

typedef struct
{
  char         *dir;
  char         *path;
  PursuitStore *store;
  guint         n_imported;
  guint         last_imported;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = pursuit_test_make_dir ("test-import-dialog");
  f->path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pursuit_test_destroy_windows ();
  g_clear_object (&f->store);
  pursuit_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
imported_cb (PursuitImportDialog *dialog,
             PursuitCsvReport    *report,
             Fixture             *f)
{
  f->n_imported++;
  f->last_imported = report->imported;
}

static PursuitImportDialog *
open_dialog (Fixture    *f,
             const char *name)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  PursuitImportDialog *dialog = pursuit_import_dialog_new (NULL, f->store, file, &error);

  g_assert_no_error (error);
  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), f);
  pursuit_test_show_and_wait (GTK_WINDOW (dialog), 100);
  return dialog;
}

static guint
n_prospects (PursuitStore *store)
{
  return g_list_model_get_n_items (pursuit_store_get_prospects (store));
}

/* Nothing is written before Import; the user's choice of a column wins. */
static void
test_change_mapping (Fixture       *f,
                     gconstpointer  data)
{
  PursuitImportDialog *dialog = open_dialog (f, "import-pipedrive.csv");
  const PursuitImportLayout *layout = pursuit_import_dialog_get_layout (dialog);
  g_autoptr(PursuitStore) reopened = NULL;
  g_autoptr(GError) error = NULL;
  PursuitProspect *p;

  g_assert_cmpuint (layout->headers->len, ==, 8);
  g_assert_cmpint (g_array_index (layout->fields, PursuitImportField, 0), ==, PURSUIT_IMPORT_FIELD_EXTRA);
  g_assert_cmpint (g_array_index (layout->fields, PursuitImportField, 4), ==, PURSUIT_IMPORT_FIELD_NAME);
  g_assert_cmpuint (n_prospects (f->store), ==, 0);

  /* "Deal - Title" names the prospect; "Person - Name" and the stage are
   * left out. */
  pursuit_import_dialog_set_field (dialog, 0, PURSUIT_IMPORT_FIELD_NAME);
  pursuit_import_dialog_set_field (dialog, 4, PURSUIT_IMPORT_FIELD_SKIP);
  pursuit_import_dialog_set_field (dialog, 7, PURSUIT_IMPORT_FIELD_SKIP);
  pursuit_test_wait (50);
  g_assert_cmpuint (n_prospects (f->store), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.import", NULL));
  pursuit_test_wait_closed (GTK_WINDOW (dialog), 30000);
  g_assert_cmpuint (f->n_imported, ==, 1);
  g_assert_cmpuint (f->last_imported, ==, 3);

  g_clear_object (&f->store);
  reopened = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_prospects (reopened), ==, 3);
  p = g_list_model_get_item (pursuit_store_get_prospects (reopened), 0);
  g_assert_cmpstr (pursuit_prospect_get_name (p), ==, "Lizenzen 2025");
  g_assert_cmpstr (pursuit_prospect_get_notes (p), ==, "Deal - Currency: EUR");
  g_assert_cmpfloat (pursuit_prospect_get_value (p), ==, 1500.5);
  g_object_unref (p);
}

/* Cancel writes nothing. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  PursuitImportDialog *dialog = open_dialog (f, "import-google.csv");
  g_autoptr(PursuitStore) reopened = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.cancel", NULL));
  pursuit_test_wait (50);
  g_assert_cmpuint (f->n_imported, ==, 0);
  g_clear_object (&f->store);
  reopened = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_prospects (reopened), ==, 0);
}

/* A vCard file has no columns to choose: its contacts go to the Inbox. */
static void
test_vcard (Fixture       *f,
            gconstpointer  data)
{
  PursuitImportDialog *dialog = open_dialog (f, "contacts-v30.vcf");
  g_autoptr(PursuitStore) reopened = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (pursuit_import_dialog_get_layout (dialog)->kind, ==, PURSUIT_IMPORT_KIND_VCARD);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.import", NULL));
  pursuit_test_wait_closed (GTK_WINDOW (dialog), 30000);
  g_assert_cmpuint (f->last_imported, ==, 3);
  g_clear_object (&f->store);
  reopened = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_prospects (reopened), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/import-dialog/change-mapping", Fixture, NULL, fixture_set_up, test_change_mapping,
              fixture_tear_down);
  g_test_add ("/import-dialog/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/import-dialog/vcard", Fixture, NULL, fixture_set_up, test_vcard, fixture_tear_down);

  return g_test_run ();
}
