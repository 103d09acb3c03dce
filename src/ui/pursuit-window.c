/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pursuit-board.h"
#include "pursuit-calendar-view.h"
#include "pursuit-contacts-dialog.h"
#include "pursuit-csv.h"
#include "pursuit-import-dialog.h"
#include "pursuit-import.h"
#include "pursuit-number.h"
#include "pursuit-insights-view.h"
#include "pursuit-prospect-dialog.h"
#include "pursuit-prospect-page.h"
#include "pursuit-store-history.h"
#include "pursuit-store-touches.h"
#include "pursuit-store-trash.h"
#include "pursuit-today-page.h"
#include "pursuit-undo-stack.h"
#include "pursuit-undo-toast.h"
#include "pursuit-widget.h"
#include "pursuit-window.h"
#include "pursuit-outreach-actions.h"
#include "pursuit-password-dialog.h"

struct _PursuitWindow
{
  AdwApplicationWindow  parent_instance;

  PursuitStore         *store;
  GSettings            *settings;

  AdwToastOverlay      *toast_overlay;
  PursuitUndoToast      undo_toast;  /* the newest Undo, while it shows */
  GtkStack             *main_stack;
  AdwStatusPage        *error_page;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  PursuitTodayPage     *today_page;
  PursuitBoard         *board;
  PursuitCalendarView  *calendar_view;
  PursuitInsightsView  *insights_view;
  GtkFileChooserNative *chooser;
  gboolean              pages_shown;  /* the other pages have the store */
  guint                 pages_id;
};

G_DEFINE_FINAL_TYPE (PursuitWindow, pursuit_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PAGES_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
pursuit_window_add_toast (PursuitWindow *self,
                          const char    *title)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (PURSUIT_IS_WINDOW (self));

  /* Toast titles are markup in libadwaita 1.2, and what they say may hold
   * text that the user typed. */
  escaped = g_markup_escape_text (title, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

/**
 * pursuit_window_offer_undo_restore:
 * @self: the window on the restored database
 * @kept: the database as it was before the restore
 *
 * Says the backup is restored, with Undo Restore: restoring @kept
 * ("app.restore-file") puts back what was there before.
 */
void
pursuit_window_offer_undo_restore (PursuitWindow *self,
                                   const char    *kept)
{
  AdwToast *toast;

  g_return_if_fail (PURSUIT_IS_WINDOW (self));
  g_return_if_fail (kept != NULL);

  toast = adw_toast_new (_("Backup restored"));
  adw_toast_set_button_label (toast, _("_Undo Restore"));
  adw_toast_set_action_name (toast, "app.restore-file");
  adw_toast_set_action_target_value (toast, g_variant_new_string (kept));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* Long enough to be found: it is the way back from a wrong day. */
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_import_errors (PursuitWindow    *self,
                    GFile            *file,
                    PursuitCsvReport *report)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *name = g_file_get_basename (file);
  AdwMessageDialog *dialog;
  guint shown = MIN (report->errors->len, 20);

  for (guint i = 0; i < shown; i++)
    {
      const PursuitCsvRowError *row = g_ptr_array_index (report->errors, i);
      g_string_append_printf (body, _("Line %u: %s\n"), row->line, row->message);
    }
  if (report->errors->len > shown)
    g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "…and %u more row.", "…and %u more rows.",
                                               report->errors->len - shown),
                            report->errors->len - shown);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL));
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog),
                                     g_dngettext (GETTEXT_PACKAGE, "%u Row of %s Was Skipped",
                                                  "%u Rows of %s Were Skipped", report->skipped),
                                     report->skipped, name);
  adw_message_dialog_set_body (dialog, body->str);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The undo of an import: what it added goes to the Trash, all at once,
 * and what it updated gets its values back. @store is not a reference
 * (the store owns the undo stack). */
typedef struct
{
  PursuitStore *store;
  GPtrArray    *added;
  GPtrArray    *changed;
  GPtrArray    *before;
  GPtrArray    *logged;  /* the touches of a history */
} ImportUndo;

static void
import_undo_free (gpointer data)
{
  ImportUndo *undo = data;

  g_clear_pointer (&undo->added, g_ptr_array_unref);
  g_clear_pointer (&undo->changed, g_ptr_array_unref);
  g_clear_pointer (&undo->before, g_ptr_array_unref);
  g_clear_pointer (&undo->logged, g_ptr_array_unref);
  g_free (undo);
}

static gboolean
run_import_undo (gpointer   data,
                 GError   **error)
{
  ImportUndo *undo = data;

  if (undo->added != NULL && !pursuit_store_trash_many (undo->store, undo->added, error))
    return FALSE;
  /* A history's touches go and its prospects get their values back, at once. */
  if (undo->logged != NULL && undo->logged->len > 0)
    return pursuit_store_undo_history (undo->store, undo->logged, undo->changed, undo->before, error);
  /* Several rows may have updated one prospect: the oldest values last. */
  for (guint i = undo->changed != NULL ? undo->changed->len : 0; i > 0; i--)
    if (!pursuit_store_update (undo->store, g_ptr_array_index (undo->changed, i - 1),
                               g_ptr_array_index (undo->before, i - 1), error))
      return FALSE;
  return TRUE;
}

static GPtrArray *
ref_all (GPtrArray *objects)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; objects != NULL && i < objects->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (objects, i)));
  return copy;
}

/**
 * pursuit_window_add_undo_toast:
 * @self: a window
 * @title: what was done, as plain text
 * @undo_id: the change on the store's undo stack, or 0
 *
 * A toast whose Undo undoes the change @undo_id of the undo stack, also
 * after newer ones; a plain toast when @undo_id is 0.
 */
void
pursuit_window_add_undo_toast (PursuitWindow *self,
                               const char    *title,
                               guint          undo_id)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (PURSUIT_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  if (undo_id == 0)
    {
      pursuit_window_add_toast (self, title);
      return;
    }
  escaped = g_markup_escape_text (title, -1);
  pursuit_undo_toast_show (&self->undo_toast, self->toast_overlay, escaped, "win.undo-change",
                           g_variant_new_uint32 (undo_id));
}

static void
undo_change_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  PursuitWindow *self = PURSUIT_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->store != NULL
      && !pursuit_undo_stack_undo (pursuit_store_get_undo_stack (self->store), g_variant_get_uint32 (param), NULL,
                                   &error)
      && error != NULL)
    pursuit_widget_show_error (widget, _("Could Not Undo"), error->message);
}

/* Says what an import of @file did, with an Undo that takes all of it
 * back (also with Ctrl+Z), and lists the rows it skipped. */
static void
report_import (PursuitWindow    *self,
               GFile            *file,
               PursuitCsvReport *report)
{
  g_autofree char *title = NULL;
  gboolean changed = (report->added != NULL && report->added->len > 0)
                     || (report->changed != NULL && report->changed->len > 0);
  ImportUndo *undo;

  /* "Imported 182 prospects and 1,240 touches; …": the Undo of a history
   * deletes its touches and gives the prospects their values back. */
  title = pursuit_import_describe_report (report, 3);
  if (changed && self->store != NULL)
    {
      /* The stack names the change shortly: "Undone: Imported 3 prospects". */
      g_autofree char *touches = pursuit_number_format (report->touches);
      g_autofree char *prospects = pursuit_number_format (report->imported);
      g_autofree char *change = report->imported == 0 && report->touches > 0
                                  ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %s touch",
                                                                  "Imported %s touches", report->touches),
                                                     touches)
                                  : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %s prospect",
                                                                  "Imported %s prospects", report->imported),
                                                     prospects);

      undo = g_new0 (ImportUndo, 1);
      undo->store = self->store;
      undo->added = ref_all (report->added);
      undo->changed = ref_all (report->changed);
      undo->before = ref_all (report->before);
      undo->logged = ref_all (report->logged);
      pursuit_window_add_undo_toast (self, title,
                                     pursuit_undo_stack_push (pursuit_store_get_undo_stack (self->store), change,
                                                              run_import_undo, undo, import_undo_free));
    }
  else
    pursuit_window_add_toast (self, title);
  if (report->skipped > 0)
    show_import_errors (self, file, report);
}

static void
file_imported_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(GPtrArray) held = data;  /* the window, the file */
  PursuitWindow *self = g_ptr_array_index (held, 0);
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (!pursuit_import_file_finish (PURSUIT_STORE (source), result, &report, &error))
    pursuit_widget_show_error (GTK_WIDGET (self), _("Could Not Import"), error->message);
  else
    report_import (self, g_ptr_array_index (held, 1), report);
}

/* As the import dialog imports a file, without asking: by the layout it
 * finds, in a thread, reported when done. */
void
pursuit_window_import_file (PursuitWindow *self,
                            GFile         *file)
{
  g_autoptr(PursuitImportLayout) layout = NULL;
  g_autoptr(GBytes) head = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *held;

  g_return_if_fail (PURSUIT_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  layout = pursuit_import_load (file, &head, NULL, &error);
  if (layout == NULL)
    {
      pursuit_widget_show_error (GTK_WIDGET (self), _("Could Not Import"), error->message);
      return;
    }
  held = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (held, g_object_ref (self));
  g_ptr_array_add (held, g_object_ref (file));
  pursuit_import_file_async (self->store, file, layout, PURSUIT_CSV_ON_DUPLICATE_SKIP, NULL, NULL, NULL,
                             file_imported_cb, held);
}

/* A file dropped on the window: the import dialog for it, as Import
 * CSV… opens one; of several files, the first. */
static gboolean
file_dropped_cb (PursuitWindow *self,
                 const GValue  *value,
                 double         x,
                 double         y,
                 GtkDropTarget *target)
{
  GFile *file = NULL;

  if (self->store == NULL)
    return FALSE;
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);

      file = files != NULL ? files->data : NULL;
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    file = g_value_get_object (value);
  if (file == NULL)
    return FALSE;
  pursuit_window_open_import_dialog (self, file);
  return TRUE;
}

static void
imported_cb (PursuitWindow       *self,
             PursuitCsvReport    *report,
             PursuitImportDialog *dialog)
{
  report_import (self, g_object_get_data (G_OBJECT (dialog), "file"), report);
}

/**
 * pursuit_window_open_import_dialog:
 * @self: a window
 * @file: the file to import
 *
 * Shows @file's columns and where each goes before anything is written
 * (see #PursuitImportDialog); its import is reported as
 * pursuit_window_import_file() reports one, with Undo.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL when the file
 *   cannot be read (the window said why)
 */
PursuitImportDialog *
pursuit_window_open_import_dialog (PursuitWindow *self,
                                   GFile         *file)
{
  g_autoptr(GError) error = NULL;
  PursuitImportDialog *dialog;

  g_return_val_if_fail (PURSUIT_IS_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  dialog = pursuit_import_dialog_new (GTK_WINDOW (self), self->store, file, &error);
  if (dialog == NULL)
    {
      pursuit_widget_show_error (GTK_WIDGET (self), _("Could Not Import"), error->message);
      return NULL;
    }
  g_object_set_data_full (G_OBJECT (dialog), "file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (imported_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

gboolean
pursuit_window_export_file (PursuitWindow *self,
                            GFile         *file)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PURSUIT_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!pursuit_csv_export (pursuit_store_get_prospects (self->store), file, &error))
    {
      pursuit_widget_show_error (GTK_WIDGET (self), _("Could Not Export"), error->message);
      return FALSE;
    }

  pursuit_window_add_toast (self, _("Prospects exported"));
  return TRUE;
}

static void
chooser_response_cb (PursuitWindow        *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  gboolean saving = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file != NULL && saving)
    pursuit_window_export_file (self, file);
  else if (file != NULL)
    pursuit_window_open_import_dialog (self, file);

  g_clear_object (&self->chooser);
}

static void
run_chooser (PursuitWindow        *self,
             GtkFileChooserAction  action,
             const char           *title,
             const char           *accept)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  gtk_file_filter_set_name (filter, _("CSV Files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");

  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("prospects.csv"));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  run_chooser (PURSUIT_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN, _("Import Prospects"), _("_Import"));
}

/* An import from an address book is reported as a file's, named after
 * the book, with the same Undo. */
static void
contacts_imported_cb (PursuitWindow         *self,
                      PursuitCsvReport      *report,
                      PursuitContactsDialog *dialog)
{
  g_autoptr(GFile) book = g_file_new_for_path (pursuit_contacts_dialog_get_book_name (dialog));

  report_import (self, book, report);
}

static void
import_contacts_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  PursuitWindow *self = PURSUIT_WINDOW (widget);
  PursuitContactsDialog *dialog = pursuit_contacts_dialog_new (GTK_WINDOW (self), self->store);

  g_signal_connect_object (dialog, "imported", G_CALLBACK (contacts_imported_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  run_chooser (PURSUIT_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE, _("Export Prospects"), _("_Export"));
}

static void
export_ics_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  pursuit_calendar_view_export_ics (PURSUIT_WINDOW (widget)->calendar_view);
}

static void
nurture_done (gpointer    data,
              guint       undo_id,
              const char *title)
{
  PursuitWindow *self = data;

  if (title != NULL && title[0] != '\0')
    pursuit_window_add_undo_toast (self, title, undo_id);
  g_object_unref (self);
}

/* "Send an Update to the Nurture List…": one email to every nurture
 * address in Bcc, with one Undo for the touches it logs. */
static void
nurture_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  PursuitWindow *self = PURSUIT_WINDOW (widget);

  if (self->store == NULL)
    return;
  if (self->settings == NULL)
    {
      pursuit_widget_show_error (widget, _("Could Not Write the Email"),
                                 _("The email templates are not installed. Reinstall Pursuit."));
      return;
    }
  pursuit_outreach_nurture (widget, self->store, self->settings, nurture_done, g_object_ref (self));
}

static void
new_prospect_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  PursuitWindow *self = PURSUIT_WINDOW (widget);
  PursuitProspectDialog *dialog = pursuit_prospect_dialog_new (GTK_WINDOW (self), self->store, NULL);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* Ctrl+Z: the newest change of the session still on the undo stack,
 * whichever view made it and whether or not its toast still shows. A
 * text field with the focus takes Ctrl+Z first, for its own text. */
static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  PursuitWindow *self = PURSUIT_WINDOW (widget);
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (pursuit_undo_stack_undo (pursuit_store_get_undo_stack (self->store), 0, &title, &error))
    {
      /* Translators: a toast; %s says what was undone ("Moved Jane Doe to Hot"). */
      text = g_strdup_printf (_("Undone: %s"), title);
      escaped = g_markup_escape_text (text, -1);
      /* It takes the place of the Undo toast, which may name the change
       * just undone: Ctrl+Z pressed many times shows one toast. */
      pursuit_undo_toast_show (&self->undo_toast, self->toast_overlay, escaped, NULL, NULL);
    }
  else if (error != NULL)
    pursuit_widget_show_error (widget, _("Could Not Undo"), error->message);
  else
    pursuit_window_add_toast (self, _("Nothing to undo"));
}

static void
open_prospect_cb (PursuitWindow   *self,
                  PursuitProspect *prospect)
{
  /* Activating a card opens the prospect's page, where it is edited too. */
  pursuit_prospect_page_present (GTK_WINDOW (self), self->store, prospect);
}

/* "win.open-prospect" and "win.log-touch" take a prospect id, so that
 * menus and notifications can name the prospect. */
static void
prospect_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  PursuitWindow *self = PURSUIT_WINDOW (widget);
  PursuitProspect *prospect = NULL;
  PursuitProspectPage *page;

  if (self->store != NULL)
    prospect = pursuit_store_find (self->store, g_variant_get_int64 (param));
  if (prospect == NULL)
    return;
  page = pursuit_prospect_page_present (GTK_WINDOW (self), self->store, prospect);
  if (g_str_equal (action_name, "win.log-touch"))
    pursuit_prospect_page_open_touch_dialog (page, NULL);
}

/* A logged touch, wherever it was logged (the page, the Today list, a
 * reminder's button). ::touch-added comes before the prospect takes the
 * new plan: what it holds now is what the undo puts back. */
static void
touch_added_cb (PursuitWindow *self,
                PursuitTouch  *touch)
{
  PursuitUndoStack *stack = pursuit_store_get_undo_stack (self->store);
  PursuitProspect *prospect = pursuit_store_find (self->store, pursuit_touch_get_prospect_id (touch));
  g_autofree char *title = NULL;

  /* A touch of an imported history is not undone alone: undoing it would
   * put back the prospect as it was before the whole history. */
  if (prospect == NULL || pursuit_undo_stack_is_undoing (stack) || pursuit_store_is_recording_many (self->store))
    return;
  /* Translators: %s is a prospect's name. */
  title = g_strdup_printf (_("Logged a touch with %s"), pursuit_prospect_get_name (prospect));
  pursuit_store_push_touch_undo (self->store, title, pursuit_touch_undo_new_logged (touch, prospect));
}

static void
password_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PursuitWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Connected: the store reads the rows by itself. */
  if (!pursuit_password_dialog_connect_finish (result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    pursuit_window_add_toast (self, error->message);
}

/* On a team database: a change the server refused, or that never reached
 * it, after its dialog had closed; or the server wants a password. */
static void
write_failed_cb (PursuitWindow *self,
                 const GError  *error)
{
  if (g_error_matches (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_PASSWORD) && self->store != NULL
      && pursuit_store_get_pg_connection (self->store) != NULL)
    {
      pursuit_password_dialog_connect_async (GTK_WINDOW (self), pursuit_store_get_pg_connection (self->store),
                                             error->message, NULL, password_done_cb, g_object_ref (self));
      return;
    }
  pursuit_window_add_toast (self, error->message);
}

static void
pursuit_window_set_store (PursuitWindow *self,
                          PursuitStore  *store)
{
  gboolean have_store = store != NULL;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, touch_added_cb, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, write_failed_cb, self);
  if (store != NULL)
    g_signal_connect_object (store, "touch-added", G_CALLBACK (touch_added_cb), self, G_CONNECT_SWAPPED);
  if (store != NULL)
    g_signal_connect_object (store, "write-failed", G_CALLBACK (write_failed_cb), self, G_CONNECT_SWAPPED);

  pursuit_today_page_set_store (self->today_page, store);
  /* The board, the calendar and Insights follow through their bindings
   * in the template. */
  if (g_set_object (&self->store, store))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
      if (self->pages_shown)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGES_STORE]);
    }
  gtk_stack_set_visible_child_name (self->main_stack, have_store ? "views" : "error");
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-prospect", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-csv", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-contacts", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-csv", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-ics", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.nurture", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", have_store);
}

static void
pursuit_window_dispose (GObject *object)
{
  PursuitWindow *self = PURSUIT_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_handle_id (&self->pages_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), PURSUIT_TYPE_WINDOW);
  pursuit_undo_toast_clear (&self->undo_toast);

  G_OBJECT_CLASS (pursuit_window_parent_class)->dispose (object);
}

static void
pursuit_window_finalize (GObject *object)
{
  PursuitWindow *self = PURSUIT_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pursuit_window_parent_class)->finalize (object);
}

static void
pursuit_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PursuitWindow *self = PURSUIT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PAGES_STORE:
      g_value_set_object (value, self->pages_shown ? self->store : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pursuit_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PursuitWindow *self = PURSUIT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pursuit_window_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pursuit_window_class_init (PursuitWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pursuit_window_dispose;
  object_class->finalize = pursuit_window_finalize;
  object_class->get_property = pursuit_window_get_property;
  object_class->set_property = pursuit_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PURSUIT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* What the pages other than Today show (see show_pages()). */
  properties[PROP_PAGES_STORE] =
    g_param_spec_object ("pages-store", NULL, NULL, PURSUIT_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PURSUIT_TYPE_TODAY_PAGE);
  g_type_ensure (PURSUIT_TYPE_BOARD);
  g_type_ensure (PURSUIT_TYPE_CALENDAR_VIEW);
  g_type_ensure (PURSUIT_TYPE_INSIGHTS_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pursuit/Pursuit/ui/pursuit-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PursuitWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PursuitWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PursuitWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, PursuitWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PursuitWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PursuitWindow, today_page);
  gtk_widget_class_bind_template_child (widget_class, PursuitWindow, board);
  gtk_widget_class_bind_template_child (widget_class, PursuitWindow, calendar_view);
  gtk_widget_class_bind_template_child (widget_class, PursuitWindow, insights_view);
  gtk_widget_class_bind_template_callback (widget_class, open_prospect_cb);

  gtk_widget_class_install_action (widget_class, "win.new-prospect", NULL, new_prospect_action);
  gtk_widget_class_install_action (widget_class, "win.open-prospect", "x", prospect_action);
  gtk_widget_class_install_action (widget_class, "win.log-touch", "x", prospect_action);
  gtk_widget_class_install_action (widget_class, "win.import-csv", NULL, import_csv_action);
  gtk_widget_class_install_action (widget_class, "win.import-contacts", NULL, import_contacts_action);
  gtk_widget_class_install_action (widget_class, "win.export-csv", NULL, export_csv_action);
  gtk_widget_class_install_action (widget_class, "win.export-ics", NULL, export_ics_action);
  gtk_widget_class_install_action (widget_class, "win.nurture", NULL, nurture_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.undo-change", "u", undo_change_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
}

/* The first frame shows the Today page: the Board, the Calendar and
 * Insights get the store once it is drawn, or as soon as one of them is
 * shown or asked for. Filled before, their columns, days and charts were
 * made, and measured with the window, before it could appear. */
static void
show_pages (PursuitWindow *self)
{
  g_clear_handle_id (&self->pages_id, g_source_remove);
  if (self->pages_shown)
    return;
  self->pages_shown = TRUE;
  if (self->store != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGES_STORE]);
}

static gboolean
show_pages_cb (gpointer data)
{
  PursuitWindow *self = data;

  self->pages_id = 0;
  show_pages (self);
  return G_SOURCE_REMOVE;
}

static void
first_frame_cb (PursuitWindow *self,
                GdkFrameClock *clock)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, self);
  if (!self->pages_shown && self->pages_id == 0)
    self->pages_id = g_idle_add (show_pages_cb, self);
}

static void
realize_cb (PursuitWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (!self->pages_shown && clock != NULL)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (first_frame_cb), self, G_CONNECT_SWAPPED);
}

static void
pursuit_window_init (PursuitWindow *self)
{
  GtkDropTarget *drop_target;
  GType drop_types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  gtk_widget_init_template (GTK_WIDGET (self));
  drop_target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop_target, drop_types, G_N_ELEMENTS (drop_types));
  g_signal_connect_object (drop_target, "drop", G_CALLBACK (file_dropped_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));
  g_signal_connect (self, "realize", G_CALLBACK (realize_cb), NULL);
  g_signal_connect_object (self->view_stack, "notify::visible-child", G_CALLBACK (show_pages), self,
                           G_CONNECT_SWAPPED);
}

/* The settings hold the email templates; a window of a tool run from
 * the build tree may have no schema installed. */
static gboolean
has_settings_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source != NULL ? g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE)
                                                     : NULL;

  return schema != NULL;
}

PursuitWindow *
pursuit_window_new (GtkApplication *application,
                    PursuitStore   *store,
                    const GError   *open_error)
{
  PursuitWindow *self;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (store == NULL || PURSUIT_IS_STORE (store), NULL);

  self = g_object_new (PURSUIT_TYPE_WINDOW, "application", application, "store", store, NULL);

  /* The email templates, and the user's name and signature. */
  if (has_settings_schema ())
    {
      self->settings = g_settings_new (APPLICATION_ID);
      pursuit_today_page_set_settings (self->today_page, self->settings);
    }
  /* The size is remembered for the application's windows; a window of a
   * test or a tool has no application and keeps its default size. */
  if (application != NULL && self->settings != NULL)
    {
      g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
    }
  if (store == NULL)
    {
      /* The description is markup; the message holds a file name. */
      g_autofree char *escaped =
        g_markup_escape_text (open_error != NULL ? open_error->message : _("No database was given."), -1);

      adw_status_page_set_description (self->error_page, escaped);
      pursuit_window_set_store (self, NULL);
    }
  return self;
}

PursuitStore *
pursuit_window_get_store (PursuitWindow *self)
{
  g_return_val_if_fail (PURSUIT_IS_WINDOW (self), NULL);

  return self->store;
}

GtkWidget *
pursuit_window_get_board (PursuitWindow *self)
{
  g_return_val_if_fail (PURSUIT_IS_WINDOW (self), NULL);

  show_pages (self);
  return GTK_WIDGET (self->board);
}

/**
 * pursuit_window_show_today:
 * @self: a window
 *
 * Shows the Today page: the follow-ups due today or overdue.
 */
void
pursuit_window_show_today (PursuitWindow *self)
{
  g_return_if_fail (PURSUIT_IS_WINDOW (self));

  if (self->store == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "today");
  if (pursuit_today_page_get_n_shown (self->today_page) > 0 && pursuit_today_page_get_focused (self->today_page) == NULL)
    pursuit_today_page_focus_row (self->today_page, 0);
}

void
pursuit_window_show_page (PursuitWindow *self,
                          const char    *name)
{
  g_return_if_fail (PURSUIT_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (g_str_equal (name, "today"))
    pursuit_window_show_today (self);
  else if (self->store != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}
