/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-restore"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "pursuit-backup.h"
#include "pursuit-number.h"
#include "pursuit-restore-dialog.h"
#include "pursuit-widget.h"

/* Restore from Backup: the backups of the open database only, each with
 * its date and how many prospects it holds; a confirmation that says what
 * is replaced; and, once done, Undo Restore in the window. */

static GtkWindow *
active_window (PursuitApplication *app)
{
  return gtk_application_get_active_window (GTK_APPLICATION (app));
}

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
    pursuit_widget_show_error (GTK_WIDGET (active_window (app)), _("Could Not Restore the Backup"), error->message);
}

/* "20 November 2026", from the date in a daily backup's name; the file
 * name for another file. */
char *
pursuit_restore_dialog_describe_date (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  int year, month, day;

  if (sscanf (name, "pursuit-%4d-%2d-%2d.db", &year, &month, &day) == 3)
    {
      g_autoptr(GDateTime) date = g_date_time_new_local (year, month, day, 12, 0, 0);

      if (date != NULL)
        /* Translators: the date of a backup, see strftime(3). */
        return g_date_time_format (date, _("%A %-d %B %Y"));
    }
  return g_filename_display_name (name);
}

/* What the confirmation says is replaced: the prospects now against the
 * backup's, and whose backup it is when not this database's. */
char *
pursuit_restore_dialog_describe_change (PursuitStore *store,
                                        const char   *backup)
{
  guint now = store != NULL ? g_list_model_get_n_items (pursuit_store_get_prospects (store)) : 0;
  g_autofree char *id = pursuit_backup_read_database_id (backup);
  g_autofree char *now_number = NULL;
  g_autofree char *then_number = NULL;
  g_autofree char *now_text = NULL;
  g_autofree char *then_text = NULL;
  g_autoptr(GError) error = NULL;
  guint then = 0;

  if (!pursuit_backup_count_prospects (backup, &then, &error))
    return g_strdup (error->message);
  now_number = pursuit_number_format (now);
  then_number = pursuit_number_format (then);
  now_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s prospect", "%s prospects", now), now_number);
  then_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s prospect", "%s prospects", then), then_number);
  if (store != NULL && g_strcmp0 (id, pursuit_store_get_database_id (store)) != 0)
    /* Translators: "Restoring replaces what you have now (200 prospects) with this file (0 prospects)…" */
    return g_strdup_printf (_("Restoring replaces what you have now (%s) with this file (%s), which is a backup "
                              "of another database. You can undo the restore from the window afterwards."),
                            now_text, then_text);
  /* Translators: "Restoring replaces what you have now (212 prospects) with this backup (200 prospects)." */
  return g_strdup_printf (_("Restoring replaces what you have now (%s) with this backup (%s). You can undo the "
                            "restore from the window afterwards."),
                          now_text, then_text);
}

static void
confirm (PursuitApplication *app,
         const char         *backup)
{
  g_autofree char *date = pursuit_restore_dialog_describe_date (backup);
  g_autofree char *body = pursuit_restore_dialog_describe_change (pursuit_application_get_store (app), backup);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (active_window (app), NULL, body));
  /* Translators: %s is a date, or a file name. */
  adw_message_dialog_format_heading (dialog, _("Restore the Backup of %s?"), date);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "backup", g_strdup (backup), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), app, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
chooser_response_cb (GtkNativeDialog    *chooser,
                     int                 response,
                     PursuitApplication *app)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    confirm (app, path);
}

static void
choose_file (PursuitApplication *app)
{
  g_autofree char *dir = pursuit_backup_default_dir ();
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Restore from Backup"), active_window (app),
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

/* A row for the backup @path with a check button in the group of the
 * first row's (*@group, set by the first row). */
static GtkWidget *
backup_row (const char  *path,
            GtkWidget  **group)
{
  g_autofree char *date = pursuit_restore_dialog_describe_date (path);
  g_autofree char *count = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  guint n = 0;

  if (pursuit_backup_count_prospects (path, &n, NULL))
    {
      g_autofree char *number = pursuit_number_format (n);

      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s prospect", "%s prospects", n), number);
    }
  else
    count = g_strdup (_("Cannot be read"));
  /* Titles are markup in libadwaita 1.2; neither holds what a user typed,
   * but a file name might. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), count);
  if (*group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (*group));
  else
    *group = check;
  /* The newest, first, is chosen until another is. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), *group == check);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, date, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_set_data_full (G_OBJECT (check), "backup", g_strdup (path), g_free);
  g_object_set_data (G_OBJECT (row), "check", check);
  return row;
}

static const char *
chosen_backup (GtkWidget *list)
{
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = g_object_get_data (G_OBJECT (row), "check");

      if (check != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        return g_object_get_data (G_OBJECT (check), "backup");
    }
  return NULL;
}

static void
list_response_cb (AdwMessageDialog   *dialog,
                  const char         *response,
                  PursuitApplication *app)
{
  GtkWidget *list = adw_message_dialog_get_extra_child (dialog);
  const char *backup = list != NULL ? chosen_backup (list) : NULL;

  if (g_strcmp0 (response, "other") == 0)
    choose_file (app);
  else if (g_strcmp0 (response, "choose") == 0 && backup != NULL)
    confirm (app, backup);
}

/**
 * pursuit_restore_dialog_new:
 * @app: the application, with its database open
 *
 * Returns: (transfer none): the dialog that lists the open database's
 *   backups, presented
 */
AdwMessageDialog *
pursuit_restore_dialog_new (PursuitApplication *app)
{
  PursuitStore *store = pursuit_application_get_store (app);
  g_autofree char *dir = pursuit_backup_default_dir ();
  g_auto(GStrv) backups = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *list;
  GtkWidget *group = NULL;

  backups = store != NULL && pursuit_store_get_database_id (store) != NULL
              ? pursuit_backup_list_for (dir, pursuit_store_get_database_id (store))
              : g_new0 (char *, 1);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (active_window (app), _("Restore from Backup"), NULL));
  adw_message_dialog_set_body (dialog, backups[0] != NULL
                                         ? _("Pursuit backs this database up each day it opens. Choose the day to go back to.")
                                         : _("This database has no backup yet: Pursuit makes one each day it opens."));
  if (backups[0] != NULL)
    {
      list = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Backups"), -1);
      for (guint i = 0; backups[i] != NULL; i++)
        {
          GtkWidget *row = backup_row (backups[i], &group);

          gtk_list_box_append (GTK_LIST_BOX (list), row);
        }
      adw_message_dialog_set_extra_child (dialog, list);
    }
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "other", _("Other _File…"), NULL);
  if (backups[0] != NULL)
    {
      adw_message_dialog_add_response (dialog, "choose", _("_Restore…"));
      adw_message_dialog_set_response_appearance (dialog, "choose", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "choose");
    }
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (list_response_cb), app, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

void
pursuit_restore_dialog_run (PursuitApplication *app)
{
  g_return_if_fail (PURSUIT_IS_APPLICATION (app));

  pursuit_restore_dialog_new (app);
}
