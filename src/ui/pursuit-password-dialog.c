/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-password-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pursuit-password-dialog.h"

struct _PursuitPasswordDialog
{
  AdwMessageDialog parent_instance;

  GtkPasswordEntry *password_entry;
  GtkCheckButton *remember_check;

  /* The connection it asks for, and the caller's task. */
  PursuitPgConnection *connection;
  GTask *task;
};

G_DEFINE_FINAL_TYPE (PursuitPasswordDialog, pursuit_password_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void ask (GTask *task, const char *reason);

static void
connected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(GError) error = NULL;

  if (pursuit_pg_connection_connect_finish (PURSUIT_PG_CONNECTION (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else if (g_error_matches (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_PASSWORD)
           && !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    ask (task, error->message);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
response_cb (PursuitPasswordDialog *self,
             const char            *response)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  GCancellable *cancellable;

  if (task == NULL)
    return;
  if (g_strcmp0 (response, "connect") != 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("No password was given."));
      return;
    }
  /* Held in memory by the connection only; the keyring keeps it when
   * asked to, once the server accepted it. */
  pursuit_pg_connection_set_password (self->connection, gtk_editable_get_text (GTK_EDITABLE (self->password_entry)),
                                      gtk_check_button_get_active (self->remember_check));
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  cancellable = g_task_get_cancellable (task);
  pursuit_pg_connection_connect_async (self->connection, cancellable, connected_cb, g_steal_pointer (&task));
}

/* A dialog a round: AdwMessageDialog closes itself on every response. */
static void
ask (GTask      *task,
     const char *reason)
{
  GtkWindow *parent = g_task_get_task_data (task);
  PursuitPasswordDialog *self = g_object_new (PURSUIT_TYPE_PASSWORD_DIALOG, "transient-for", parent, NULL);

  self->connection = g_object_ref (g_task_get_source_object (task));
  self->task = g_object_ref (task);
  /* The body is plain text: the message may quote what the user typed. */
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), reason);
  g_signal_connect (self, "response", G_CALLBACK (response_cb), NULL);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
}

void
pursuit_password_dialog_connect_async (GtkWindow           *parent,
                                       PursuitPgConnection *connection,
                                       const char          *reason,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (PURSUIT_IS_PG_CONNECTION (connection));
  g_return_if_fail (reason != NULL);

  task = g_task_new (connection, cancellable, callback, user_data);
  g_task_set_source_tag (task, pursuit_password_dialog_connect_async);
  if (parent != NULL)
    g_task_set_task_data (task, g_object_ref (parent), g_object_unref);
  ask (task, reason);
}

gboolean
pursuit_password_dialog_connect_finish (GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

PursuitPasswordDialog *
pursuit_password_dialog_find (PursuitPgConnection *connection)
{
  GListModel *windows = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (windows, i);

      if (PURSUIT_IS_PASSWORD_DIALOG (window) && PURSUIT_PASSWORD_DIALOG (window)->connection == connection
          && PURSUIT_PASSWORD_DIALOG (window)->task != NULL)
        return PURSUIT_PASSWORD_DIALOG (window);
    }
  return NULL;
}

GtkEditable *
pursuit_password_dialog_get_entry (PursuitPasswordDialog *self)
{
  g_return_val_if_fail (PURSUIT_IS_PASSWORD_DIALOG (self), NULL);

  return GTK_EDITABLE (self->password_entry);
}

GtkCheckButton *
pursuit_password_dialog_get_remember (PursuitPasswordDialog *self)
{
  g_return_val_if_fail (PURSUIT_IS_PASSWORD_DIALOG (self), NULL);

  return self->remember_check;
}

static void
pursuit_password_dialog_dispose (GObject *object)
{
  PursuitPasswordDialog *self = PURSUIT_PASSWORD_DIALOG (object);

  /* Closed without a response (destroyed with its parent): given up. */
  if (self->task != NULL)
    response_cb (self, "cancel");
  gtk_widget_dispose_template (GTK_WIDGET (self), PURSUIT_TYPE_PASSWORD_DIALOG);
  g_clear_object (&self->connection);
  G_OBJECT_CLASS (pursuit_password_dialog_parent_class)->dispose (object);
}

static void
pursuit_password_dialog_class_init (PursuitPasswordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pursuit_password_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pursuit/Pursuit/ui/pursuit-password-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PursuitPasswordDialog, password_entry);
  gtk_widget_class_bind_template_child (widget_class, PursuitPasswordDialog, remember_check);
}

static void
pursuit_password_dialog_init (PursuitPasswordDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
