/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-io"

#include "config.h"

#include <glib/gi18n-lib.h>

/* Their headers use GTimeVal, which GLib deprecates. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
#include <libebook/libebook.h>
G_GNUC_END_IGNORE_DEPRECATIONS
#include <string.h>

#include "pursuit-contacts.h"
#include "pursuit-csv-private.h"
#include "pursuit-vcard.h"

/* The desktop's address books, through evolution-data-server: the source
 * registry lists them, an EBookClient reads one. Both answer over D-Bus,
 * asynchronously; each request is bounded by PURSUIT_CONTACTS_TIMEOUT so
 * that a service that hangs makes a message, not a dialog that waits. */

struct _PursuitContacts
{
  GListStore *prospects;
  GArray     *present;   /* guint, the COLUMN_BIT()s of each prospect */
  guint       left_out;
};

G_DEFINE_QUARK (pursuit-contacts-error-quark, pursuit_contacts_error)

/* What each request keeps while it runs: its own cancellable, which the
 * caller's and the timeout both cancel. */
typedef struct
{
  GCancellable *cancellable;
  GCancellable *caller;
  gulong        caller_handler;
  guint         timeout_id;
  gboolean      timed_out;
  EClient      *client;
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  if (request->caller_handler != 0)
    g_cancellable_disconnect (request->caller, request->caller_handler);
  g_clear_handle_id (&request->timeout_id, g_source_remove);
  g_clear_object (&request->caller);
  g_clear_object (&request->cancellable);
  g_clear_object (&request->client);
  g_free (request);
}

static gboolean
request_timeout_cb (gpointer data)
{
  Request *request = data;

  request->timeout_id = 0;
  request->timed_out = TRUE;
  g_cancellable_cancel (request->cancellable);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *caller,
                     GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static GTask *
request_new (gpointer             source_tag,
             GCancellable        *caller,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  Request *request = g_new0 (Request, 1);
  GTask *task;

  request->cancellable = g_cancellable_new ();
  if (caller != NULL)
    {
      request->caller = g_object_ref (caller);
      request->caller_handler = g_cancellable_connect (caller, G_CALLBACK (caller_cancelled_cb),
                                                       request->cancellable, NULL);
    }
  request->timeout_id = g_timeout_add_seconds (PURSUIT_CONTACTS_TIMEOUT, request_timeout_cb, request);
  task = g_task_new (NULL, caller, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, request_free);
  return task;
}

/* Fails @task with @error (taken) as a message the user can act on:
 * @code and @what say what failed, the services' own message why. */
static void
request_fail (GTask      *task,
              GError     *error,
              int         code,
              const char *what)
{
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) cause = error;

  if (request->caller != NULL && g_cancellable_is_cancelled (request->caller))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", cause->message);
  else if (request->timed_out)
    /* Translators: the first %s is what failed ("The address books could not be listed"). */
    g_task_return_new_error (task, PURSUIT_CONTACTS_ERROR, code,
                             _("%s: evolution-data-server did not answer within %u seconds. "
                               "Try again, or restart the session if it keeps failing."),
                             what, PURSUIT_CONTACTS_TIMEOUT);
  else
    {
      /* "… (Backend factory … cannot be found)." */
      g_autofree char *why = g_strstrip (g_strdup (cause->message));
      gsize length = strlen (why);

      if (length > 0 && why[length - 1] == '.')
        why[length - 1] = '\0';
      g_task_return_new_error (task, PURSUIT_CONTACTS_ERROR, code, "%s (%s).", what, why);
    }
}

static int
compare_books (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  return g_utf8_collate (e_source_get_display_name ((ESource *) a), e_source_get_display_name ((ESource *) b));
}

static void
registry_ready_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ESourceRegistry) registry = e_source_registry_new_finish (result, &error);
  GListStore *books;
  GList *sources;

  if (registry == NULL)
    {
      request_fail (task, g_steal_pointer (&error), PURSUIT_CONTACTS_ERROR_UNAVAILABLE,
                    _("Pursuit reads the address books of GNOME Contacts and Evolution through "
                      "evolution-data-server, which does not run here"));
      return;
    }
  books = g_list_store_new (E_TYPE_SOURCE);
  sources = e_source_registry_list_enabled (registry, E_SOURCE_EXTENSION_ADDRESS_BOOK);
  for (GList *l = sources; l != NULL; l = l->next)
    g_list_store_insert_sorted (books, l->data, compare_books, NULL);
  g_list_free_full (sources, g_object_unref);
  /* The books need the registry no more, but keeping it spares the
   * services a second start-up while the dialog is open. */
  g_object_set_data_full (G_OBJECT (books), "pursuit-registry", g_steal_pointer (&registry), g_object_unref);
  g_task_return_pointer (task, books, g_object_unref);
}

/**
 * pursuit_contacts_list_books:
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: for @callback
 *
 * Asks evolution-data-server for the enabled address books.
 */
void
pursuit_contacts_list_books (GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = request_new (pursuit_contacts_list_books, cancellable, callback, user_data);
  Request *request = g_task_get_task_data (task);

  e_source_registry_new (request->cancellable, registry_ready_cb, task);
}

/**
 * pursuit_contacts_list_books_finish:
 * @result: the result given to the callback
 * @error: where to put an error
 *
 * Returns: (transfer full): the books, sorted by name, or %NULL
 */
GListModel *
pursuit_contacts_list_books_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pursuit_contacts_list_books, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
pursuit_contacts_book_get_name (GObject *book)
{
  g_return_val_if_fail (E_IS_SOURCE (book), NULL);

  return e_source_get_display_name (E_SOURCE (book));
}

static void
contacts_free (PursuitContacts *contacts)
{
  g_clear_object (&contacts->prospects);
  g_clear_pointer (&contacts->present, g_array_unref);
  g_free (contacts);
}

void
pursuit_contacts_free (PursuitContacts *contacts)
{
  if (contacts != NULL)
    contacts_free (contacts);
}

typedef struct
{
  PursuitProspect *prospect;
  guint            present;
} Entry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a, *y = b;

  return g_utf8_collate (pursuit_prospect_get_name (x->prospect), pursuit_prospect_get_name (y->prospect));
}

/* In a thread: the contacts (a GSList of EContact, task data) as
 * prospects, sorted by name. */
static void
make_prospects (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  PursuitContacts *contacts = g_new0 (PursuitContacts, 1);

  contacts->prospects = g_list_store_new (PURSUIT_TYPE_PROSPECT);
  contacts->present = g_array_new (FALSE, FALSE, sizeof (guint));
  for (GSList *l = data; l != NULL; l = l->next)
    {
      g_autofree char *reason = NULL;
      Entry entry = { NULL, 0 };

      entry.prospect = pursuit_vcard_prospect_from_contact (l->data, &entry.present, &reason);
      if (entry.prospect != NULL)
        g_array_append_val (entries, entry);
      else
        contacts->left_out++;
    }
  g_array_sort (entries, compare_entries);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);

      g_list_store_append (contacts->prospects, entry->prospect);
      g_object_unref (entry->prospect);
      g_array_append_val (contacts->present, entry->present);
    }
  g_task_return_pointer (task, contacts, (GDestroyNotify) contacts_free);
}

static void
free_contact_list (gpointer list)
{
  g_slist_free_full (list, g_object_unref);
}

static void
contacts_ready_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(GError) error = NULL;
  GSList *list = NULL;

  if (!e_book_client_get_contacts_finish (E_BOOK_CLIENT (object), result, &list, &error))
    {
      request_fail (task, g_steal_pointer (&error), PURSUIT_CONTACTS_ERROR_BOOK,
                    _("The contacts of the address book could not be read"));
      return;
    }
  if (g_slist_length (list) > PURSUIT_VCARD_MAX_CARDS)
    {
      g_slist_free_full (list, g_object_unref);
      g_task_return_new_error (task, PURSUIT_CONTACTS_ERROR, PURSUIT_CONTACTS_ERROR_TOO_BIG,
                               _("The address book has more than %u contacts, the most Pursuit imports "
                                 "at once. Export part of it as a vCard file and import that."),
                               PURSUIT_VCARD_MAX_CARDS);
      return;
    }
  /* The timeout bounds the services, not this thread's work. */
  g_clear_handle_id (&((Request *) g_task_get_task_data (task))->timeout_id, g_source_remove);
  g_task_set_task_data (task, list, free_contact_list);
  g_task_run_in_thread (task, make_prospects);
}

static void
client_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(GError) error = NULL;
  Request *request = g_task_get_task_data (task);
  EBookQuery *query;
  g_autofree char *sexp = NULL;

  request->client = e_book_client_connect_finish (result, &error);
  if (request->client == NULL)
    {
      request_fail (task, g_steal_pointer (&error), PURSUIT_CONTACTS_ERROR_BOOK,
                    _("The address book could not be opened"));
      return;
    }
  query = e_book_query_any_field_contains ("");
  sexp = e_book_query_to_string (query);
  e_book_query_unref (query);
  e_book_client_get_contacts (E_BOOK_CLIENT (request->client), sexp, request->cancellable, contacts_ready_cb,
                              g_steal_pointer (&task));
}

/**
 * pursuit_contacts_read:
 * @book: a book of pursuit_contacts_list_books_finish()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: for @callback
 *
 * Reads the contacts of @book and makes them prospects, in a thread.
 */
void
pursuit_contacts_read (GObject             *book,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task;
  Request *request;

  g_return_if_fail (E_IS_SOURCE (book));

  task = request_new (pursuit_contacts_read, cancellable, callback, user_data);
  request = g_task_get_task_data (task);
  /* Without waiting for a book on a server to be online: offline, or
   * before it connects, it answers from the copy it keeps, as GNOME
   * Contacts shows it; waiting would hold every read on a machine
   * without network for the whole wait. ((guint32) -1 does not wait;
   * 0 would wait for ever.) */
  e_book_client_connect (E_SOURCE (book), (guint32) -1, request->cancellable, client_ready_cb, task);
}

/**
 * pursuit_contacts_read_finish:
 * @result: the result given to the callback
 * @error: where to put an error
 *
 * Returns: (transfer full): the contacts, or %NULL
 */
PursuitContacts *
pursuit_contacts_read_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pursuit_contacts_read, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GListModel *
pursuit_contacts_get_prospects (PursuitContacts *contacts)
{
  g_return_val_if_fail (contacts != NULL, NULL);

  return G_LIST_MODEL (contacts->prospects);
}

guint
pursuit_contacts_get_n_left_out (PursuitContacts *contacts)
{
  g_return_val_if_fail (contacts != NULL, 0);

  return contacts->left_out;
}

/* Importing in a thread */

typedef struct
{
  PursuitStoreImport          *writer;
  GPtrArray                   *prospects;
  GArray                      *rows;
  PursuitCsvOnDuplicate        on_duplicate;
  PursuitCsvReport            *report;
  GPtrArray                   *added;
  GPtrArray                   *targets;
  gint                         n_to_write;
  gint                         written;
  PursuitContactsProgressFunc  progress;
  gpointer                     progress_data;
  GSource                     *tick;
} ImportJob;

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  if (job->tick != NULL)
    g_source_destroy (job->tick);
  g_clear_pointer (&job->tick, g_source_unref);
  g_clear_pointer (&job->writer, pursuit_store_import_free);
  g_clear_pointer (&job->prospects, g_ptr_array_unref);
  g_clear_pointer (&job->rows, g_array_unref);
  g_clear_pointer (&job->report, pursuit_csv_report_free);
  g_clear_pointer (&job->added, g_ptr_array_unref);
  g_clear_pointer (&job->targets, g_ptr_array_unref);
  g_free (job);
}

static gboolean
import_tick_cb (gpointer data)
{
  ImportJob *job = data;

  job->progress (g_atomic_int_get (&job->written), g_atomic_int_get (&job->n_to_write), job->progress_data);
  return G_SOURCE_CONTINUE;
}

/* Matching and writing, in the thread: nothing of the store is read but
 * what pursuit_store_import_new() copied. */
static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(PursuitMatchIndex) index = pursuit_store_import_index (job->writer);
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func (g_object_unref);
  GError *error = NULL;

  job->added = g_ptr_array_new_with_free_func (g_object_unref);
  job->targets = g_ptr_array_new_with_free_func (g_object_unref);
  pursuit_csv_match_parsed (index, job->prospects, job->rows, job->on_duplicate, job->report, job->added,
                            job->targets, drafts);
  g_atomic_int_set (&job->n_to_write, job->added->len);
  if (!pursuit_store_import_write (job->writer, job->added, job->targets, drafts, cancellable, &job->written,
                                   &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Back on the main thread: the store learns of what was committed. */
static void
import_thread_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  g_autoptr(GTask) task = data;
  ImportJob *job = g_task_get_task_data (task);
  PursuitCsvReport *report;
  GError *error = NULL;

  /* The thread is done: nothing moves any more. */
  if (job->tick != NULL)
    g_source_destroy (job->tick);
  g_clear_pointer (&job->tick, g_source_unref);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  pursuit_store_import_apply (job->writer);
  report = g_steal_pointer (&job->report);
  pursuit_csv_report_take_written (report, g_steal_pointer (&job->added), g_steal_pointer (&job->targets));
  g_task_return_pointer (task, report, (GDestroyNotify) pursuit_csv_report_free);
}

/* Copies of the prospects chosen, so that @contacts stays as it was read
 * whatever comes of the import. */
static void
copy_chosen (PursuitContacts *contacts,
             const guint     *positions,
             guint            n_positions,
             GPtrArray       *prospects,
             GArray          *rows)
{
  GListModel *model = G_LIST_MODEL (contacts->prospects);

  for (guint i = 0; i < n_positions; i++)
    {
      g_autoptr(PursuitProspect) prospect = g_list_model_get_item (model, positions[i]);
      PursuitCsvRow row = { positions[i] + 1, 0 };

      if (prospect == NULL)
        continue;
      row.present = g_array_index (contacts->present, guint, positions[i]);
      g_ptr_array_add (prospects, pursuit_prospect_dup (prospect));
      g_array_append_val (rows, row);
    }
}

void
pursuit_contacts_import_async (PursuitStore                 *store,
                               PursuitContacts              *contacts,
                               const guint                  *positions,
                               guint                         n_positions,
                               PursuitCsvOnDuplicate         on_duplicate,
                               GCancellable                 *cancellable,
                               PursuitContactsProgressFunc   progress,
                               gpointer                      progress_data,
                               GAsyncReadyCallback           callback,
                               gpointer                      user_data)
{
  ImportJob *job;

  g_return_if_fail (PURSUIT_IS_STORE (store));
  g_return_if_fail (contacts != NULL);
  g_return_if_fail (positions != NULL || n_positions == 0);

  job = g_new0 (ImportJob, 1);
  job->writer = pursuit_store_import_new (store);
  job->prospects = g_ptr_array_new_with_free_func (g_object_unref);
  job->rows = g_array_new (FALSE, FALSE, sizeof (PursuitCsvRow));
  job->on_duplicate = on_duplicate;
  job->report = pursuit_csv_report_new ();
  copy_chosen (contacts, positions, n_positions, job->prospects, job->rows);
  if (progress != NULL)
    {
      job->progress = progress;
      job->progress_data = progress_data;
      job->tick = g_timeout_source_new (50);
      g_source_set_callback (job->tick, import_tick_cb, job, NULL);
      g_source_attach (job->tick, g_main_context_get_thread_default ());
    }

  pursuit_csv_run_import (store, cancellable, callback, user_data, pursuit_contacts_import_async, job,
                          import_job_free, import_thread, import_thread_done);
}

/**
 * pursuit_contacts_import_finish:
 *
 * Returns: (transfer full) (nullable): what was imported, or %NULL with
 *   @error set (nothing was written)
 */
PursuitCsvReport *
pursuit_contacts_import_finish (PursuitStore  *store,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
