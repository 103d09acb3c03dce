/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-restore"

#include "config.h"

#include <glib/gi18n.h>

#include "pursuit-backup.h"
#include "pursuit-restore-dialog.h"
#include "pursuit-widget.h"

static void
confirm_response_cb (AdwMessageDialog   *dialog,
                     const char         *response,
                     PursuitApplication *app)
{
  const char *backup = g_object_get_data (G_OBJECT (dialog), "backup");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "restore") != 0)
    return;
  if (!pursuit_application_restore_backup (app, backup, &error))
    pursuit_widget_show_error (GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app))),
                               _("Could Not Restore the Backup"), error->message);
}

static void
chooser_response_cb (GtkNativeDialog    *chooser,
                     int                 response,
                     PursuitApplication *app)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  GtkWidget *dialog;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  name = g_file_get_basename (file);
  dialog = adw_message_dialog_new (gtk_application_get_active_window (GTK_APPLICATION (app)),
                                   _("Restore This Backup?"), NULL);
  /* Translators: %s is a file name such as pursuit-2026-11-20.db. */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The prospects and touches in %s replace the ones you have now. "
                                    "The current database is kept beside it, ending in .before-restore."),
                                  name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "restore",
                                    _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "backup", g_steal_pointer (&path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), app, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
pursuit_restore_dialog_run (PursuitApplication *app)
{
  g_autofree char *dir = pursuit_backup_default_dir ();
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  g_return_if_fail (PURSUIT_IS_APPLICATION (app));

  chooser = gtk_file_chooser_native_new (_("Restore from Backup"),
                                         gtk_application_get_active_window (GTK_APPLICATION (app)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Restore…"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Pursuit Databases"));
  gtk_file_filter_add_suffix (filter, "db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), app, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
