/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test"

#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>
#include <string.h>
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
#include <libebook/libebook.h>
G_GNUC_END_IGNORE_DEPRECATIONS

#include "pursuit-contacts-dialog.h"
#include "pursuit-undo-stack.h"
#include "pursuit-window.h"
#include "test-util.h"

/* Import from Contacts…, against evolution-data-server's own services:
 * the test starts a D-Bus session of its own whose only services are
 * the source registry and the address-book factory, with configuration
 * and data in a temporary folder, and an address book made for the test.
 * What was imported is read from the database reopened from disk. */

#define BOOK_UID "pursuit-test-book"
#define BOOK_NAME "Pursuit Test Book"
/* A book whose backend does not exist: opening it fails. */
#define BROKEN_UID "pursuit-broken-book"
#define BROKEN_NAME "Unreachable Book"

/* Every wait is bounded: the services start within seconds. */
#define WAIT_MS 60000

static const char *const services[] = {
  "org.gnome.evolution.dataserver.Sources5.service",
  "org.gnome.evolution.dataserver.AddressBook10.service",
};

static const char *const cards[] = {
  "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Chris Ortiz\r\nN:Ortiz;Chris;;;\r\nORG:Acme GmbH;Sales\r\n"
  "EMAIL;TYPE=WORK:chris@acme.example\r\nEMAIL;TYPE=HOME:chris@home.example\r\n"
  "TEL;TYPE=CELL:+49 30 1234567\r\nNOTE:Met at the fair\r\nCATEGORIES:Clients,Trade Fair\r\nEND:VCARD",
  /* Not markup, and not a format. */
  "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana <b>Bold</b> %s\r\nEMAIL:dana@example.org\r\nEND:VCARD",
  /* Already in Pursuit, by email: skipped and reported. */
  "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Erin Again\r\nEMAIL:erin@dup.example\r\nEND:VCARD",
  /* Left unchecked. */
  "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Frank Left\r\nEMAIL:frank@example.net\r\nEND:VCARD",
  /* Without a name, organisation or email: left out. */
  "BEGIN:VCARD\r\nVERSION:3.0\r\nTEL:+1 555 0100\r\nEND:VCARD",
};

static char *root;
static GTestDBus *bus;
static const char *skip_reason;

typedef struct
{
  char          *dir;
  char          *path;
  PursuitStore  *store;
  PursuitWindow *window;
  guint          n_imported;
  guint          imported;
  guint          skipped;
  guint          duplicates;
  char          *skip_message;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = pursuit_test_make_dir ("test-contacts");
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
  g_free (f->skip_message);
  g_free (f->path);
  g_free (f->dir);
}

static gboolean
need_services (void)
{
  if (skip_reason == NULL)
    return TRUE;
  g_test_skip (skip_reason);
  return FALSE;
}

/* Copies the service file @name into @dir, if it and the program it
 * starts are installed. */
static gboolean
copy_service (const char *name,
              const char *dir)
{
  for (const char *const *data = g_get_system_data_dirs (); *data != NULL; data++)
    {
      g_autofree char *path = g_build_filename (*data, "dbus-1", "services", name, NULL);
      g_autofree char *text = NULL;
      g_autofree char *copy = g_build_filename (dir, name, NULL);
      g_autoptr(GKeyFile) keys = g_key_file_new ();
      g_autofree char *exec = NULL;

      if (!g_file_get_contents (path, &text, NULL, NULL)
          || !g_key_file_load_from_data (keys, text, -1, G_KEY_FILE_NONE, NULL))
        continue;
      exec = g_key_file_get_string (keys, "D-BUS Service", "Exec", NULL);
      if (exec == NULL || !g_file_test (exec, G_FILE_TEST_IS_EXECUTABLE))
        return FALSE;
      return g_file_set_contents (copy, text, -1, NULL);
    }
  return FALSE;
}

static void
write_source (const char *uid,
              const char *name,
              const char *backend)
{
  g_autofree char *dir = g_build_filename (root, "config", "evolution", "sources", NULL);
  g_autofree char *file = g_strconcat (uid, ".source", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autofree char *text = g_strdup_printf ("[Data Source]\n"
                                           "DisplayName=%s\n"
                                           "Enabled=true\n"
                                           "Parent=local-stub\n"
                                           "\n"
                                           "[Address Book]\n"
                                           "BackendName=%s\n",
                                           name, backend);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

/* The contacts of the test's book, added through the factory itself. */
static void
fill_book (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ESourceRegistry) registry = e_source_registry_new_sync (NULL, &error);
  g_autoptr(ESource) source = NULL;
  g_autoptr(EClient) client = NULL;
  GSList *contacts = NULL;

  g_assert_no_error (error);
  source = e_source_registry_ref_source (registry, BOOK_UID);
  g_assert_nonnull (source);
  client = e_book_client_connect_sync (source, (guint32) -1, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    contacts = g_slist_append (contacts, e_contact_new_from_vcard (cards[i]));
  g_assert_true (e_book_client_add_contacts_sync (E_BOOK_CLIENT (client), contacts, E_BOOK_OPERATION_FLAG_NONE,
                                                  NULL, NULL, &error));
  g_assert_no_error (error);
  g_slist_free_full (contacts, g_object_unref);
}

/* A session bus with evolution-data-server on it, its configuration and
 * data under @root. */
static void
start_services (void)
{
  g_autofree char *service_dir = g_build_filename (root, "services", NULL);
  g_autofree char *display = NULL;

  g_assert_cmpint (g_mkdir_with_parents (service_dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    if (!copy_service (services[i], service_dir))
      {
        skip_reason = "evolution-data-server is not installed (its source registry and address-book factory "
                      "are needed: apt-get install evolution-data-server)";
        return;
      }
  /* The services inherit the bus's environment, which is this one. */
  for (guint i = 0; i < 3; i++)
    {
      const char *var[] = { "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME" };
      const char *sub[] = { "config", "data", "cache" };
      g_autofree char *dir = g_build_filename (root, sub[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_setenv (var[i], dir, TRUE);
    }
  write_source (BOOK_UID, BOOK_NAME, "local");
  write_source (BROKEN_UID, BROKEN_NAME, "no-such-backend");
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_add_service_dir (bus, service_dir);
  /* It unsets DISPLAY, which the window needs. */
  display = g_strdup (g_getenv ("DISPLAY"));
  g_test_dbus_up (bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  fill_book ();
}

static gboolean
page_is (PursuitContactsDialog *dialog,
         const char            *page)
{
  return g_strcmp0 (pursuit_contacts_dialog_get_page (dialog), page) == 0;
}

/* Runs the main context until the dialog shows @page, at most WAIT_MS. */
static void
wait_for_page (PursuitContactsDialog *dialog,
               const char            *page)
{
  gint64 end = g_get_monotonic_time () + WAIT_MS * G_TIME_SPAN_MILLISECOND;

  while (!page_is (dialog, page) && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_cmpstr (pursuit_contacts_dialog_get_page (dialog), ==, page);
}

/* Until the books are listed and the first one is read. */
static void
wait_for_books (PursuitContactsDialog *dialog)
{
  gint64 end = g_get_monotonic_time () + WAIT_MS * G_TIME_SPAN_MILLISECOND;

  while ((page_is (dialog, "loading") || page_is (dialog, "reading")) && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_true (page_is (dialog, "list") || page_is (dialog, "empty"));
}

static PursuitContactsDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (PURSUIT_IS_CONTACTS_DIALOG (window))
        return PURSUIT_CONTACTS_DIALOG (window);
    }
  return NULL;
}

static void
imported_cb (PursuitContactsDialog *dialog,
             PursuitCsvReport      *report,
             Fixture               *f)
{
  f->n_imported++;
  f->imported = report->imported;
  f->skipped = report->skipped;
  f->duplicates = report->duplicates;
  if (report->errors->len > 0)
    {
      const PursuitCsvRowError *row = g_ptr_array_index (report->errors, 0);

      g_free (f->skip_message);
      f->skip_message = g_strdup (row->message);
    }
}

/* Closed: destroyed, or hidden and no longer listed. */
static gboolean
dialog_gone (gpointer data)
{
  PursuitContactsDialog **dialog = data;

  return *dialog == NULL || !gtk_widget_get_visible (GTK_WIDGET (*dialog));
}

static PursuitContactsDialog *
open_dialog (Fixture *f)
{
  PursuitContactsDialog *dialog;

  f->window = pursuit_window_new (NULL, f->store, NULL);
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-contacts", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), f);
  return dialog;
}

/* The dialog alone, without the window's board, which takes long to
 * build under the sanitizers. */
static PursuitContactsDialog *
open_dialog_alone (Fixture *f)
{
  PursuitContactsDialog *dialog = pursuit_contacts_dialog_new (NULL, f->store);

  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), f);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static guint
position_of (GListModel *model,
             const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PursuitProspect) prospect = g_list_model_get_item (model, i);

      if (g_strcmp0 (pursuit_prospect_get_name (prospect), name) == 0)
        return i;
    }
  g_assert_not_reached ();
}

static PursuitProspect *
find_by_name (GListModel *model,
              const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      PursuitProspect *prospect = g_list_model_get_item (model, i);

      if (g_strcmp0 (pursuit_prospect_get_name (prospect), name) == 0)
        return prospect;
      g_object_unref (prospect);
    }
  return NULL;
}

static PursuitStore *
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  PursuitStore *store = pursuit_store_open (f->path, &error);

  g_assert_no_error (error);
  return store;
}

/* The check box of the row that shows @name. */
static GtkCheckButton *
find_check (GtkWidget  *widget,
            const char *name)
{
  GtkWidget *next;

  if (GTK_IS_CHECK_BUTTON (widget) && (next = gtk_widget_get_next_sibling (widget)) != NULL
      && GTK_IS_LABEL (gtk_widget_get_first_child (next))
      && g_strcmp0 (gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (next))), name) == 0)
    return GTK_CHECK_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkCheckButton *found = find_check (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The book made for the test is listed with the built-in ones; the
 * contacts checked become inbox prospects, in one import with its report
 * and Undo; a contact already in Pursuit is skipped. */
static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PursuitProspect) erin = pursuit_prospect_new ("Erin Early");
  g_autoptr(GError) error = NULL;
  g_autoptr(PursuitStore) reopened = NULL;
  g_autoptr(PursuitProspect) chris = NULL;
  g_autoptr(PursuitProspect) dana = NULL;
  PursuitUndoStack *stack;
  PursuitContactsDialog *dialog;
  GtkSelectionModel *contacts;
  guint depth;

  if (!need_services ())
    return;
  pursuit_prospect_set_email (erin, "erin@dup.example");
  g_assert_true (pursuit_store_add (f->store, erin, &error));
  g_assert_no_error (error);
  stack = pursuit_store_get_undo_stack (f->store);
  depth = pursuit_undo_stack_get_depth (stack);

  dialog = open_dialog (f);
  wait_for_books (dialog);
  g_assert_null (pursuit_contacts_dialog_get_message (dialog));
  g_assert_true (pursuit_contacts_dialog_select_book (dialog, BOOK_NAME));
  g_assert_false (pursuit_contacts_dialog_select_book (dialog, "No Such Book"));
  wait_for_page (dialog, "list");
  g_assert_cmpstr (pursuit_contacts_dialog_get_book_name (dialog), ==, BOOK_NAME);
  contacts = pursuit_contacts_dialog_get_contacts (dialog);
  /* Sorted by name; the contact with a number only is left out. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (contacts)), ==, G_N_ELEMENTS (cards) - 1);
  g_assert_cmpuint (position_of (G_LIST_MODEL (contacts), "Chris Ortiz"), ==, 0);
  g_assert_cmpuint (position_of (G_LIST_MODEL (contacts), "Frank Left"), ==, 3);
  /* Nothing is checked at first, and Import writes nothing. */
  g_assert_true (gtk_bitset_is_empty (gtk_selection_model_get_selection (contacts)));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.import", NULL);
  g_assert_cmpuint (f->n_imported, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (f->store)), ==, 1);

  /* Select All, then Frank's check box unchecked. */
  pursuit_test_wait (50);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.select-all", NULL));
  g_assert_cmpuint (gtk_bitset_get_size (gtk_selection_model_get_selection (contacts)), ==, 4);
  pursuit_test_wait (50);
  {
    GtkCheckButton *frank = find_check (GTK_WIDGET (dialog), "Frank Left");

    g_assert_nonnull (frank);
    g_assert_true (gtk_check_button_get_active (frank));
    gtk_check_button_set_active (frank, FALSE);
  }
  g_assert_false (gtk_selection_model_is_selected (contacts, position_of (G_LIST_MODEL (contacts), "Frank Left")));
  g_assert_cmpuint (gtk_bitset_get_size (gtk_selection_model_get_selection (contacts)), ==, 3);
  pursuit_test_wait (50);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.import", NULL));
  /* Written in a thread: nothing yet, and nothing else to choose meanwhile. */
  g_assert_cmpuint (f->n_imported, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (f->store)), ==, 1);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (find_check (GTK_WIDGET (dialog), "Chris Ortiz"))));
  pursuit_test_wait_until (dialog_gone, &dialog, WAIT_MS);
  g_assert_cmpuint (f->n_imported, ==, 1);
  g_assert_cmpuint (f->imported, ==, 2);
  g_assert_cmpuint (f->skipped, ==, 1);
  g_assert_cmpuint (f->duplicates, ==, 1);
  g_assert_nonnull (strstr (f->skip_message, "“Erin Again” is already in Pursuit"));
  g_assert_cmpuint (pursuit_undo_stack_get_depth (stack), ==, depth + 1);

  reopened = reopen (f);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (reopened)), ==, 3);
  chris = find_by_name (pursuit_store_get_prospects (reopened), "Chris Ortiz");
  g_assert_nonnull (chris);
  g_assert_cmpint (pursuit_prospect_get_stage (chris), ==, PURSUIT_STAGE_INBOX);
  g_assert_cmpstr (pursuit_prospect_get_company (chris), ==, "Acme GmbH");
  g_assert_cmpstr (pursuit_prospect_get_email (chris), ==, "chris@acme.example");
  g_assert_cmpstr (pursuit_prospect_get_phone (chris), ==, "+49 30 1234567");
  g_assert_nonnull (strstr (pursuit_prospect_get_notes (chris), "Met at the fair"));
  /* The other email is kept in the notes. */
  g_assert_nonnull (strstr (pursuit_prospect_get_notes (chris), "chris@home.example"));
  g_assert_cmpstr (pursuit_prospect_get_tags (chris), ==, "clients,trade fair");
  dana = find_by_name (pursuit_store_get_prospects (reopened), "Dana <b>Bold</b> %s");
  g_assert_nonnull (dana);
  g_assert_cmpstr (pursuit_prospect_get_email (dana), ==, "dana@example.org");
  g_assert_null (find_by_name (pursuit_store_get_prospects (reopened), "Frank Left"));
  g_assert_null (find_by_name (pursuit_store_get_prospects (reopened), "Erin Again"));
  g_clear_object (&reopened);

  /* The toast's Undo takes all of it back; Erin stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  pursuit_test_wait (50);
  reopened = reopen (f);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (reopened)), ==, 1);
  g_clear_object (&erin);
  erin = g_list_model_get_item (pursuit_store_get_prospects (reopened), 0);
  g_assert_cmpstr (pursuit_prospect_get_name (erin), ==, "Erin Early");
}

/* Cancel writes nothing, also while the contacts are still being read,
 * and while they are written: the dialog then closes once the thread is
 * done. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *other = NULL;

  PursuitContactsDialog *dialog;
  g_autoptr(PursuitStore) reopened = NULL;

  if (!need_services ())
    return;
  dialog = open_dialog_alone (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  pursuit_test_wait (200);
  g_assert_null (find_dialog ());

  dialog = open_dialog_alone (f);
  wait_for_books (dialog);
  g_assert_true (pursuit_contacts_dialog_select_book (dialog, BOOK_NAME));
  wait_for_page (dialog, "list");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.select-all", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  pursuit_test_wait (100);
  reopened = reopen (f);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (reopened)), ==, 0);
  g_clear_object (&reopened);

  /* Closed while the thread writes: another program holds the write
   * lock, so that the thread waits to write until the import is
   * cancelled. */
  before = pursuit_test_dump_database (f->path);
  dialog = open_dialog_alone (f);
  wait_for_books (dialog);
  g_assert_true (pursuit_contacts_dialog_select_book (dialog, BOOK_NAME));
  wait_for_page (dialog, "list");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.select-all", NULL));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.import", NULL));
  pursuit_test_wait (50);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  /* Still there, until the thread is done. */
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  pursuit_test_wait_until (dialog_gone, &dialog, WAIT_MS);
  g_assert_cmpuint (f->n_imported, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (f->store)), ==, 0);
  after = pursuit_test_dump_database (f->path);
  g_assert_cmpstr (after, ==, before);
}

/* A book that cannot be opened says why, and the others still can be
 * read. */
static void
test_book_error (Fixture       *f,
                 gconstpointer  data)
{
  PursuitContactsDialog *dialog;

  if (!need_services ())
    return;
  dialog = open_dialog_alone (f);
  wait_for_books (dialog);
  g_assert_true (pursuit_contacts_dialog_select_book (dialog, BROKEN_NAME));
  wait_for_page (dialog, "empty");
  g_assert_nonnull (pursuit_contacts_dialog_get_message (dialog));
  g_assert_true (g_str_has_prefix (pursuit_contacts_dialog_get_message (dialog),
                                   "The address book could not be opened ("));
  g_assert_true (g_str_has_suffix (pursuit_contacts_dialog_get_message (dialog), ")."));
  g_assert_false (g_str_has_suffix (pursuit_contacts_dialog_get_message (dialog), ".)."));
  g_test_message ("%s", pursuit_contacts_dialog_get_message (dialog));
  g_assert_null (pursuit_contacts_dialog_get_contacts (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.import", NULL);
  g_assert_cmpuint (f->n_imported, ==, 0);

  g_assert_true (pursuit_contacts_dialog_select_book (dialog, BOOK_NAME));
  wait_for_page (dialog, "list");
  g_assert_null (pursuit_contacts_dialog_get_message (dialog));
}

/* Where evolution-data-server does not run, the dialog says so and
 * what it would read; nothing waits. */
static void
test_no_service (Fixture       *f,
                 gconstpointer  data)
{
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }
  {
    PursuitContactsDialog *dialog = open_dialog_alone (f);

    wait_for_page (dialog, "no-books");
    g_assert_cmpstr (pursuit_contacts_dialog_get_message (dialog), ==,
                     "Pursuit reads the address books of GNOME Contacts and Evolution.");
    gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.import", NULL);
    g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (f->store)), ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* Before GTK connects to the session bus: the test's bus is the one
   * the process keeps. */
  root = pursuit_test_make_dir ("test-contacts-eds");
  if (g_test_subprocess ())
    {
      /* A session bus that is not there. */
      g_autofree char *address = g_strdup_printf ("unix:path=%s/no-bus", root);

      g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
    }
  else
    start_services ();
  adw_init ();

  g_test_add ("/contacts/import", Fixture, NULL, fixture_set_up, test_import, fixture_tear_down);
  g_test_add ("/contacts/book-error", Fixture, NULL, fixture_set_up, test_book_error, fixture_tear_down);
  g_test_add ("/contacts/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/contacts/no-service", Fixture, NULL, fixture_set_up, test_no_service, fixture_tear_down);
  status = g_test_run ();

  if (bus != NULL)
    {
      /* Not g_test_dbus_down(), nor the last unref that calls it: it
       * waits for the connection to be finalised, which GTK and the
       * libraries keep for the life of the process. The services leave
       * with the bus. */
      g_test_dbus_stop (bus);
    }
  pursuit_test_remove_tree (root);
  g_free (root);
  return status;
}
