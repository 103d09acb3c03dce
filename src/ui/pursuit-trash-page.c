/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-trash-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pursuit-format.h"
#include "pursuit-store-trash.h"
#include "pursuit-trash-page.h"
#include "pursuit-widget.h"

struct _PursuitTrashPage
{
  GtkWidget     parent_instance;

  PursuitStore *store;

  GtkStack     *stack;
  GtkListView  *list_view;
  GtkWidget    *empty_button;
  GtkNoSelection *selection;
};

G_DEFINE_FINAL_TYPE (PursuitTrashPage, pursuit_trash_page, GTK_TYPE_WIDGET)

static void
update_state (PursuitTrashPage *self)
{
  guint n = self->store != NULL ? g_list_model_get_n_items (pursuit_store_get_trash (self->store)) : 0;

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  gtk_widget_set_sensitive (self->empty_button, n > 0);
}

/* "Acme · deleted 1 December 2026 · 29 days left" */
static char *
describe (PursuitTrashPage *self,
          PursuitProspect  *prospect)
{
  GDateTime *deleted = pursuit_store_get_deleted_at (self->store, prospect);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GString) text = g_string_new (pursuit_prospect_get_company (prospect));
  g_autofree char *date = NULL;
  int left;

  if (deleted == NULL)
    return g_string_free (g_steal_pointer (&text), FALSE);
  date = pursuit_format_date (deleted);
  left = MAX (0, PURSUIT_TRASH_DAYS - (int) ((g_date_time_difference (now, deleted)) / G_TIME_SPAN_DAY));
  if (text->len > 0)
    g_string_append (text, " · ");
  /* Translators: %s is a date. */
  g_string_append_printf (text, _("deleted %s"), date);
  g_string_append (text, " · ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%d day left", "%d days left", left), left);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              PursuitTrashPage         *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *restore = gtk_button_new_with_mnemonic (_("_Restore"));

  gtk_widget_add_css_class (row, "trash-row");
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_set_valign (restore, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), detail);
  gtk_box_append (GTK_BOX (row), texts);
  gtk_box_append (GTK_BOX (row), restore);
  gtk_list_item_set_child (item, row);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             PursuitTrashPage         *self)
{
  PursuitProspect *prospect = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *texts = gtk_widget_get_first_child (row);
  GtkWidget *restore = gtk_widget_get_last_child (row);
  g_autofree char *detail = describe (self, prospect);
  /* Translators: the accessible name of a button; %s is a name. */
  g_autofree char *label = g_strdup_printf (_("Restore %s"), pursuit_prospect_get_name (prospect));

  /* Plain text: a name is what the user typed, never markup. */
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (texts)), pursuit_prospect_get_name (prospect));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (texts)), detail);
  /* The target first: the name without it would not match the action. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (restore), "x", pursuit_prospect_get_id (prospect));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (restore), "trash.restore");
  gtk_accessible_update_property (GTK_ACCESSIBLE (restore), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  PursuitTrashPage *self = PURSUIT_TRASH_PAGE (widget);
  PursuitProspect *prospect;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  prospect = pursuit_store_find_trashed (self->store, g_variant_get_int64 (param));
  if (prospect != NULL && !pursuit_store_untrash (self->store, prospect, &error))
    pursuit_widget_show_error (widget, _("Could Not Restore"), error->message);
}

static void
empty_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   PursuitTrashPage *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "empty") != 0 || self->store == NULL)
    return;
  if (!pursuit_store_empty_trash (self->store, &error))
    pursuit_widget_show_error (GTK_WIDGET (self), _("Could Not Empty the Trash"), error->message);
}

AdwMessageDialog *
pursuit_trash_page_ask_empty (PursuitTrashPage *self)
{
  GtkRoot *root;
  AdwMessageDialog *dialog;
  guint n;

  g_return_val_if_fail (PURSUIT_IS_TRASH_PAGE (self), NULL);

  n = self->store != NULL ? g_list_model_get_n_items (pursuit_store_get_trash (self->store)) : 0;
  if (n == 0)
    return NULL;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Empty the Trash?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%u prospect and its touches will be deleted for good. "
                                               "This cannot be undone.",
                                               "%u prospects and their touches will be deleted for good. "
                                               "This cannot be undone.",
                                               n),
                                  n);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "empty", _("_Empty Trash"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "empty", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (empty_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
empty_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  pursuit_trash_page_ask_empty (PURSUIT_TRASH_PAGE (widget));
}

void
pursuit_trash_page_set_store (PursuitTrashPage *self,
                              PursuitStore     *store)
{
  GListModel *trash;

  g_return_if_fail (PURSUIT_IS_TRASH_PAGE (self));
  g_return_if_fail (store == NULL || PURSUIT_IS_STORE (store));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (pursuit_store_get_trash (self->store), update_state, self);
  g_set_object (&self->store, store);
  trash = store != NULL ? pursuit_store_get_trash (store) : NULL;
  gtk_no_selection_set_model (self->selection, trash);
  if (trash != NULL)
    g_signal_connect_object (trash, "items-changed", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  update_state (self);
}

GListModel *
pursuit_trash_page_get_model (PursuitTrashPage *self)
{
  g_return_val_if_fail (PURSUIT_IS_TRASH_PAGE (self), NULL);

  return G_LIST_MODEL (self->selection);
}

static void
pursuit_trash_page_dispose (GObject *object)
{
  PursuitTrashPage *self = PURSUIT_TRASH_PAGE (object);
  GtkWidget *child;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (pursuit_store_get_trash (self->store), update_state, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PURSUIT_TYPE_TRASH_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pursuit_trash_page_parent_class)->dispose (object);
}

static void
pursuit_trash_page_class_init (PursuitTrashPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pursuit_trash_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pursuit/Pursuit/ui/pursuit-trash-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PursuitTrashPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PursuitTrashPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, PursuitTrashPage, empty_button);

  gtk_widget_class_install_action (widget_class, "trash.restore", "x", restore_action);
  gtk_widget_class_install_action (widget_class, "trash.empty", NULL, empty_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pursuit_trash_page_init (PursuitTrashPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  self->selection = gtk_no_selection_new (NULL);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (g_object_ref (self->selection)));
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Trash"), -1);
  update_state (self);
}
