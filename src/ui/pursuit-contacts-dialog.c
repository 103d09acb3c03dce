/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-contacts-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pursuit-contacts-dialog.h"
#include "pursuit-number.h"
#include "pursuit-widget.h"

/* Import from Contacts…: the address books of the desktop, the contacts
 * of the one chosen, each with a check box, and Import. The check boxes
 * are the selection of a GtkMultiSelection; rows are not selectable by a
 * click, so that a click never unchecks the others. */

struct _PursuitContactsDialog
{
  AdwWindow          parent_instance;

  PursuitStore      *store;
  GCancellable      *cancellable;   /* of the request running */
  GCancellable      *importing;     /* of the import in its thread, while it runs */
  GListModel        *books;
  PursuitContacts   *contacts;
  GtkMultiSelection *selection;
  char              *book_name;

  GtkStack          *stack;
  AdwStatusPage     *no_books_page;
  AdwComboRow       *book_row;
  GtkLabel          *error_label;
  GtkLabel          *count_label;
  GtkStack          *list_stack;
  GtkListView       *list_view;
};

G_DEFINE_FINAL_TYPE (PursuitContactsDialog, pursuit_contacts_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A request of the dialog: its result is dropped when the request was
 * cancelled, also when it came back just before (another book was
 * chosen, or the dialog closed). */
typedef struct
{
  PursuitContactsDialog *self;
  GCancellable          *cancellable;
} Request;

static Request *
request_new (PursuitContactsDialog *self)
{
  Request *request = g_new0 (Request, 1);

  request->self = g_object_ref (self);
  request->cancellable = g_object_ref (self->cancellable);
  return request;
}

static void
request_free (Request *request)
{
  g_object_unref (request->self);
  g_object_unref (request->cancellable);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static void
show_error (PursuitContactsDialog *self,
            const char            *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static guint
n_checked (PursuitContactsDialog *self)
{
  g_autoptr(GtkBitset) checked = NULL;

  if (self->selection == NULL)
    return 0;
  checked = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  return (guint) gtk_bitset_get_size (checked);
}

/* "3 of 40 contacts chosen; 2 without a name, organisation or email
 * left out", and which actions make sense. */
static void
update_count (PursuitContactsDialog *self)
{
  guint n = self->selection != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->selection)) : 0;
  guint chosen = n_checked (self);
  guint left_out = self->contacts != NULL ? pursuit_contacts_get_n_left_out (self->contacts) : 0;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *chosen_text = pursuit_number_format (chosen);
  g_autofree char *n_text = pursuit_number_format (n);
  g_autofree char *left_out_text = pursuit_number_format (left_out);

  g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s of %s contact chosen", "%s of %s contacts chosen", n),
                   chosen_text, n_text);
  if (left_out > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               "; %s without a name, organisation or email left out",
                                               "; %s without a name, organisation or email left out",
                                               left_out),
                            left_out_text);
  gtk_label_set_text (self->count_label, self->contacts != NULL ? text->str : "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.import", chosen > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.select-all", chosen < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.select-none", chosen > 0);
}

/* "Acme · chris@acme.example" */
static char *
describe (PursuitProspect *prospect)
{
  const char *company = pursuit_prospect_get_company (prospect);
  const char *email = pursuit_prospect_get_email (prospect);
  const char *phone = pursuit_prospect_get_phone (prospect);
  g_autoptr(GString) text = g_string_new (company);

  if (email != NULL && *email != '\0')
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", email);
  else if (phone != NULL && *phone != '\0')
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", phone);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
check_toggled_cb (GtkCheckButton *check,
                  GtkListItem    *item)
{
  PursuitContactsDialog *self = g_object_get_data (G_OBJECT (check), "dialog");
  guint position = gtk_list_item_get_position (item);
  gboolean active = gtk_check_button_get_active (check);

  if (self == NULL || position == GTK_INVALID_LIST_POSITION || active == gtk_list_item_get_selected (item))
    return;
  if (active)
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, FALSE);
  else
    gtk_selection_model_unselect_item (GTK_SELECTION_MODEL (self->selection), position);
}

static void
item_selected_cb (GtkListItem    *item,
                  GParamSpec     *pspec,
                  GtkCheckButton *check)
{
  gtk_check_button_set_active (check, gtk_list_item_get_selected (item));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              PursuitContactsDialog    *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_widget_set_hexpand (texts, TRUE);
  for (GtkWidget *label = name; label != NULL; label = label == name ? detail : NULL)
    {
      /* An address book's text is never markup. */
      gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), detail);
  gtk_box_append (GTK_BOX (row), check);
  gtk_box_append (GTK_BOX (row), texts);
  g_object_set_data (G_OBJECT (check), "dialog", self);
  g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), item);
  g_signal_connect_object (item, "notify::selected", G_CALLBACK (item_selected_cb), check, 0);
  /* A click on the row goes to its check box, not to the selection. */
  gtk_list_item_set_selectable (item, FALSE);
  gtk_list_item_set_child (item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             PursuitContactsDialog    *self)
{
  PursuitProspect *prospect = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *check = gtk_widget_get_first_child (row);
  GtkWidget *texts = gtk_widget_get_next_sibling (check);
  GtkWidget *name = gtk_widget_get_first_child (texts);
  GtkWidget *detail = gtk_widget_get_next_sibling (name);
  g_autofree char *text = describe (prospect);

  /* A contact's name may be of any length: cut to what a label lays out. */
  pursuit_widget_set_user_text (GTK_LABEL (name), pursuit_prospect_get_name (prospect));
  pursuit_widget_set_user_text (GTK_LABEL (detail), text);
  gtk_widget_set_visible (detail, *text != '\0');
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), gtk_list_item_get_selected (item));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  pursuit_prospect_get_name (prospect), -1);
}

static void
row_activated_cb (PursuitContactsDialog *self,
                  guint                  position)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (self->selection);

  if (gtk_selection_model_is_selected (model, position))
    gtk_selection_model_unselect_item (model, position);
  else
    gtk_selection_model_select_item (model, position, FALSE);
}

static void
selection_changed_cb (PursuitContactsDialog *self)
{
  update_count (self);
}

static void
show_contacts (PursuitContactsDialog *self,
               PursuitContacts       *contacts)
{
  GListModel *prospects = pursuit_contacts_get_prospects (contacts);

  g_clear_pointer (&self->contacts, pursuit_contacts_free);
  self->contacts = contacts;
  g_clear_object (&self->selection);
  self->selection = gtk_multi_selection_new (g_object_ref (prospects));
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_stack_set_visible_child_name (self->list_stack,
                                    g_list_model_get_n_items (prospects) > 0 ? "list" : "empty");
  update_count (self);
}

static void
contacts_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(Request) request = data;
  PursuitContactsDialog *self = request->self;
  g_autoptr(GError) error = NULL;
  PursuitContacts *contacts = pursuit_contacts_read_finish (result, &error);

  if (g_cancellable_is_cancelled (request->cancellable))
    {
      pursuit_contacts_free (contacts);
      return;
    }
  if (contacts == NULL)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
      show_error (self, error->message);
      return;
    }
  show_contacts (self, contacts);
}

static void
forget_contacts (PursuitContactsDialog *self)
{
  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->contacts, pursuit_contacts_free);
  update_count (self);
}

static void
book_selected_cb (PursuitContactsDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->book_row);
  g_autoptr(GObject) book = NULL;

  if (self->books == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  book = g_list_model_get_item (self->books, selected);
  if (book == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_free (self->book_name);
  /* It names the import as a file's name would, where "/" has a meaning. */
  self->book_name = g_strdelimit (g_strdup (pursuit_contacts_book_get_name (book)), "/", '-');
  forget_contacts (self);
  show_error (self, NULL);
  gtk_stack_set_visible_child_name (self->list_stack, "reading");
  pursuit_contacts_read (book, self->cancellable, contacts_read_cb, request_new (self));
}

static void
show_books (PursuitContactsDialog *self,
            GListModel            *books)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  self->books = books;
  for (guint i = 0; i < g_list_model_get_n_items (books); i++)
    {
      g_autoptr(GObject) book = g_list_model_get_item (books, i);

      gtk_string_list_append (names, pursuit_contacts_book_get_name (book));
    }
  gtk_stack_set_visible_child_name (self->stack, "contacts");
  /* Setting the model selects the first book, which reads it. */
  adw_combo_row_set_model (self->book_row, G_LIST_MODEL (names));
}

static void
books_listed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(Request) request = data;
  PursuitContactsDialog *self = request->self;
  g_autoptr(GError) error = NULL;
  GListModel *books = pursuit_contacts_list_books_finish (result, &error);

  if (g_cancellable_is_cancelled (request->cancellable))
    {
      g_clear_object (&books);
      return;
    }
  if (books != NULL && g_list_model_get_n_items (books) > 0)
    {
      show_books (self, books);
      return;
    }
  g_clear_object (&books);
  if (error != NULL && !g_error_matches (error, PURSUIT_CONTACTS_ERROR, PURSUIT_CONTACTS_ERROR_UNAVAILABLE))
    {
      /* The description is markup; the message may quote a book's name. */
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_title (self->no_books_page, _("Could Not Read Address Books"));
      adw_status_page_set_description (self->no_books_page, escaped);
    }
  else if (error != NULL)
    g_debug ("No address books: %s", error->message);
  gtk_stack_set_visible_child_name (self->stack, "no-books");
}

/* While the contacts are written in a thread, nothing else can be
 * chosen, and closing the dialog cancels the import: the dialog closes
 * once the thread is done, so that an import committed meanwhile is
 * still reported, with its Undo. */
static void
set_importing (PursuitContactsDialog *self,
               gboolean               importing)
{
  if (importing)
    self->importing = g_cancellable_new ();
  else
    g_clear_object (&self->importing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.import", !importing && n_checked (self) > 0);
}

static void
import_progress_cb (guint    written,
                    guint    n_to_write,
                    gpointer data)
{
  PursuitContactsDialog *self = data;
  g_autofree char *text = NULL;

  if (n_to_write == 0 || self->count_label == NULL)
    return;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Writing %u of %u contact…", "Writing %u of %u contacts…",
                                       n_to_write),
                          written, n_to_write);
  gtk_label_set_text (self->count_label, text);
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(PursuitContactsDialog) self = data;
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean closing = self->importing != NULL && g_cancellable_is_cancelled (self->importing);

  report = pursuit_contacts_import_finish (PURSUIT_STORE (source), result, &error);
  /* Destroyed meanwhile (the application quit): nothing left to say it. */
  if (self->store == NULL)
    return;
  set_importing (self, FALSE);
  if (report != NULL)
    g_signal_emit (self, signals[IMPORTED], 0, report);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      update_count (self);
      show_error (self, error->message);
      if (!closing)
        return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PursuitContactsDialog *self = PURSUIT_CONTACTS_DIALOG (widget);
  g_autoptr(GtkBitset) checked = NULL;
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  GtkBitsetIter iter;
  guint position;

  if (self->contacts == NULL || self->importing != NULL)
    return;
  checked = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, checked, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    g_array_append_val (positions, position);
  if (positions->len == 0)
    return;
  show_error (self, NULL);
  set_importing (self, TRUE);
  pursuit_contacts_import_async (self->store, self->contacts, (const guint *) positions->data, positions->len,
                                 PURSUIT_CSV_ON_DUPLICATE_SKIP, self->importing, import_progress_cb, self,
                                 imported_cb, g_object_ref (self));
}

static gboolean
pursuit_contacts_dialog_close_request (GtkWindow *window)
{
  PursuitContactsDialog *self = PURSUIT_CONTACTS_DIALOG (window);

  if (self->importing == NULL)
    return GTK_WINDOW_CLASS (pursuit_contacts_dialog_parent_class)->close_request (window);
  g_cancellable_cancel (self->importing);
  return TRUE;
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PursuitContactsDialog *self = PURSUIT_CONTACTS_DIALOG (widget);

  if (self->selection != NULL)
    gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
}

static void
select_none_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PursuitContactsDialog *self = PURSUIT_CONTACTS_DIALOG (widget);

  if (self->selection != NULL)
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
}

static void
pursuit_contacts_dialog_dispose (GObject *object)
{
  PursuitContactsDialog *self = PURSUIT_CONTACTS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->importing != NULL)
    g_cancellable_cancel (self->importing);
  g_clear_object (&self->importing);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PURSUIT_TYPE_CONTACTS_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->selection);
  g_clear_object (&self->books);
  g_clear_pointer (&self->contacts, pursuit_contacts_free);
  g_clear_pointer (&self->book_name, g_free);

  G_OBJECT_CLASS (pursuit_contacts_dialog_parent_class)->dispose (object);
}

static void
pursuit_contacts_dialog_class_init (PursuitContactsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pursuit_contacts_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = pursuit_contacts_dialog_close_request;

  /**
   * PursuitContactsDialog::imported:
   * @report: (type gpointer): the PursuitCsvReport of the import
   *
   * The contacts chosen were written.
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                    NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pursuit/Pursuit/ui/pursuit-contacts-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PursuitContactsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PursuitContactsDialog, no_books_page);
  gtk_widget_class_bind_template_child (widget_class, PursuitContactsDialog, book_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitContactsDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitContactsDialog, count_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitContactsDialog, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PursuitContactsDialog, list_view);
  gtk_widget_class_bind_template_callback (widget_class, book_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_install_action (widget_class, "dialog.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "dialog.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "dialog.select-none", NULL, select_none_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pursuit_contacts_dialog_init (PursuitContactsDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  update_count (self);
}

PursuitContactsDialog *
pursuit_contacts_dialog_new (GtkWindow    *parent,
                             PursuitStore *store)
{
  PursuitContactsDialog *self;

  g_return_val_if_fail (PURSUIT_IS_STORE (store), NULL);

  self = g_object_new (PURSUIT_TYPE_CONTACTS_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->cancellable = g_cancellable_new ();
  pursuit_contacts_list_books (self->cancellable, books_listed_cb, request_new (self));
  return self;
}

const char *
pursuit_contacts_dialog_get_book_name (PursuitContactsDialog *self)
{
  g_return_val_if_fail (PURSUIT_IS_CONTACTS_DIALOG (self), NULL);

  return self->book_name;
}

const char *
pursuit_contacts_dialog_get_page (PursuitContactsDialog *self)
{
  const char *page;

  g_return_val_if_fail (PURSUIT_IS_CONTACTS_DIALOG (self), NULL);

  page = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (page, "contacts") == 0)
    return gtk_stack_get_visible_child_name (self->list_stack);
  return page;
}

gboolean
pursuit_contacts_dialog_select_book (PursuitContactsDialog *self,
                                     const char            *name)
{
  g_return_val_if_fail (PURSUIT_IS_CONTACTS_DIALOG (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; self->books != NULL && i < g_list_model_get_n_items (self->books); i++)
    {
      g_autoptr(GObject) book = g_list_model_get_item (self->books, i);

      if (g_strcmp0 (pursuit_contacts_book_get_name (book), name) == 0)
        {
          adw_combo_row_set_selected (self->book_row, i);
          return TRUE;
        }
    }
  return FALSE;
}

GtkSelectionModel *
pursuit_contacts_dialog_get_contacts (PursuitContactsDialog *self)
{
  g_return_val_if_fail (PURSUIT_IS_CONTACTS_DIALOG (self), NULL);

  return self->selection != NULL ? GTK_SELECTION_MODEL (self->selection) : NULL;
}

const char *
pursuit_contacts_dialog_get_message (PursuitContactsDialog *self)
{
  g_return_val_if_fail (PURSUIT_IS_CONTACTS_DIALOG (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "no-books") == 0)
    return adw_status_page_get_description (self->no_books_page);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}
