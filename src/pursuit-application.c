/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pursuit-application.h"
#include "pursuit-background.h"
#include "pursuit-backup.h"
#include "pursuit-calendar-view.h"
#include "pursuit-cli.h"
#include "pursuit-learner.h"
#include "pursuit-notifier.h"
#include "pursuit-pg-setup.h"
#include "pursuit-tray.h"
#include "pursuit-restore-dialog.h"
#include "pursuit-revisits.h"
#include "pursuit-preferences-window.h"
#include "pursuit-search-provider.h"
#include "pursuit-settings.h"
#include "pursuit-window.h"

struct _PursuitApplication
{
  AdwApplication  parent_instance;

  PursuitStore   *store;
  GSettings      *settings;
  guint           backup_id;
  PursuitLearner *learner;
  char           *database_path;
  GError         *open_error;
  char           *exposed_warning;  /* shown by the next window */

  /* Reminders (src/reminders): while a database is open. */
  PursuitScheduler *scheduler;
  PursuitNotifier  *notifier;
  PursuitTray      *tray;        /* in background mode */
  PursuitRevisits  *revisits;
  GCancellable     *check_cancellable;  /* the deferred integrity check */
  PursuitSearchProvider *search_provider;  /* for GNOME Shell's overview */
  gboolean          background;  /* --background was given */
  gboolean          held;        /* held for background mode */

  /* Exports to this launch's standard output, kept from the command
   * line handed to a running instance (see handle_local_options()). */
  GVariantDict     *stdout_options;
};

G_DEFINE_FINAL_TYPE (PursuitApplication, pursuit_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the database FILE instead of the default one"), N_("FILE") },
  { "import-csv", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import prospects from a CSV file"), N_("FILE") },
  { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import prospects from a CSV file of any common layout (HubSpot, Pipedrive, Salesforce, Zoho, Google, "
       "Outlook, LinkedIn…) or a vCard file"), N_("FILE") },
  { "map", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --import: which column goes where, overriding the columns recognised, "
       "as in “Deal Size=value,Owner=notes”"), N_("COLUMN=FIELD,…") },
  { "export-csv", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Export all prospects as CSV (“-” for standard output)"), N_("FILE") },
  { "export-ics", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Export the scheduled follow-ups as iCalendar (“-” for standard output)"), N_("FILE") },
  { "export-touches", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Export every logged touch as CSV (“-” for standard output)"), N_("FILE") },
  { "on-duplicate", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("What an import does with a prospect already in Pursuit: “skip” it (the default) or “update” it"),
    N_("skip|update") },
  { "backup", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Copy the database to FILE (a consistent snapshot, also while Pursuit runs)"), N_("FILE") },
  { "setup-team", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --database postgresql://…: create or update the team database's tables, access rules "
       "and the roles pursuit_rep and pursuit_manager (run by the database's owner)"), NULL },
  { "due", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the due and overdue follow-ups, one a line: when, channel, name, company, how late, "
       "phone or email (separated by tabs)"), NULL },
  { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start without a window and keep running to send reminders"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

static void
print_stdout (gpointer    data,
              const char *text)
{
  fputs (text, stdout);
  fflush (stdout);
}

static void
print_stderr (gpointer    data,
              const char *text)
{
  fputs (text, stderr);
  fflush (stderr);
}

/* Bytes per D-Bus message to a remote command line: however much it asks
 * for, no message comes near the bus's limit, which would cost the
 * instance its connection. */
#define REMOTE_CHUNK 65536

static void
print_chunked (GApplicationCommandLine *command_line,
               const char              *text,
               gboolean                 error)
{
  gsize left = strlen (text);

  while (left > 0)
    {
      gsize n = MIN (left, REMOTE_CHUNK);
      g_autofree char *chunk = NULL;

      /* Whole characters: the message carries a D-Bus string. */
      while (n < left && n > 1 && (text[n] & 0xc0) == 0x80)
        n--;
      chunk = g_utf8_make_valid (text, n);
      if (error)
        g_application_command_line_printerr (command_line, "%s", chunk);
      else
        g_application_command_line_print (command_line, "%s", chunk);
      text += n;
      left -= n;
    }
}

static void
print_remote (gpointer    data,
              const char *text)
{
  print_chunked (data, text, FALSE);
}

static void
printerr_remote (gpointer    data,
                 const char *text)
{
  print_chunked (data, text, TRUE);
}

static gboolean
status_failed (int status)
{
  return status != 0 && status != PURSUIT_CLI_EXIT_SKIPPED;
}

/* Runs the exports to standard output that handle_local_options() kept
 * back, in this process. */
static int
run_stdout_exports (PursuitApplication *self,
                    int                 status)
{
  const PursuitCliOutput out = { print_stdout, print_stderr, NULL };
  g_autofree char *cwd = g_get_current_dir ();
  int export_status;

  if (self->stdout_options == NULL || status_failed (status))
    return status;
  export_status = pursuit_cli_run (NULL, self->stdout_options, cwd, &out);
  g_clear_pointer (&self->stdout_options, g_variant_dict_unref);
  return status_failed (export_status) ? 1 : MAX (status, export_status);
}

/* Whether an instance already runs on the session bus, asked without
 * registering this process: registering would make it the primary
 * instance and start GTK, which needs a display that batch work (cron,
 * SSH) does not have. */
static gboolean
primary_instance_exists (GApplication *app)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  if (bus == NULL)
    return FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", g_application_get_application_id (app)),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, 2000, NULL,
                                       NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

static int
pursuit_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  const PursuitCliOutput out = { print_stdout, print_stderr, NULL };
  PursuitApplication *self = PURSUIT_APPLICATION (app);
  g_autofree char *cwd = g_get_current_dir ();

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("pursuit %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (!pursuit_cli_check_options (options, &out))
    return 1;
  /* A team database on PostgreSQL: handled here, never by an instance. */
  if (pursuit_cli_wants_team (options))
    return pursuit_cli_run_team (options, &out);
  if (!pursuit_cli_wants_batch (options))
    return -1;

  /* Without a running instance, or when reading only for this terminal
   * (the output of an export can be larger than a D-Bus message may be),
   * this process does the work on the database itself, through SQLite as
   * the instance does. */
  if (!primary_instance_exists (app)
      || (pursuit_cli_writes_stdout (options) && !pursuit_cli_wants_import (options)))
    return pursuit_cli_run (NULL, options, cwd, &out);

  /* An import goes to the instance, so that its window shows it; the
   * exports to standard output follow here once it is done. */
  if (pursuit_cli_writes_stdout (options))
    self->stdout_options = pursuit_cli_take_stdout_exports (options);
  return -1;
}

static gboolean
pursuit_application_local_command_line (GApplication   *app,
                                        char         ***arguments,
                                        int            *exit_status)
{
  PursuitApplication *self = PURSUIT_APPLICATION (app);

  if (!G_APPLICATION_CLASS (pursuit_application_parent_class)->local_command_line (app, arguments, exit_status))
    return FALSE;
  *exit_status = run_stdout_exports (self, *exit_status);
  return TRUE;
}

/* Milliseconds after the database opens, and after the last change,
 * before the learned limit is worked out again. */
#define LEARN_DELAY_MS 3000

/* Seconds after the database opens before today's backup is made: it can
 * wait until the window is up. */
#define BACKUP_DELAY 10

static void
backup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PursuitApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pursuit_backup_daily_finish (result, &error))
    {
      GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

      g_warning ("%s", error->message);
      if (PURSUIT_IS_WINDOW (window))
        pursuit_window_add_toast (PURSUIT_WINDOW (window), error->message);
    }
  g_application_release (G_APPLICATION (self));
}

static gboolean
backup_cb (gpointer data)
{
  PursuitApplication *self = data;
  g_autofree char *dir = pursuit_backup_default_dir ();

  self->backup_id = 0;
  g_application_hold (G_APPLICATION (self));
  pursuit_backup_daily_async (pursuit_store_get_path (self->store), dir, NULL, backup_done_cb,
                              g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
stop_reminders (PursuitApplication *self)
{
  g_clear_object (&self->tray);
  g_clear_object (&self->notifier);
  g_clear_object (&self->scheduler);
}

static void
start_reminders (PursuitApplication *self)
{
  g_autofree char *state = pursuit_scheduler_default_state_path ();

  stop_reminders (self);
  self->scheduler = pursuit_scheduler_new (self->store, NULL, state);
  self->notifier = pursuit_notifier_new (G_APPLICATION (self), self->scheduler);
  if (self->held)
    self->tray = pursuit_tray_new (G_APPLICATION (self), self->scheduler);
}

/* How long a D-Bus activated instance waits for work before it quits. */
#define SERVICE_TIMEOUT_MS 10000

/* Background mode keeps the process, and so the reminders, alive without
 * a window: for --background, and while the preference is on. */
static void start_check (PursuitApplication *self);

static void
update_background (PursuitApplication *self)
{
  gboolean wanted = self->background || g_settings_get_boolean (self->settings, "run-in-background");

  if (wanted == self->held)
    return;
  self->held = wanted;
  /* Background mode has no frame to wait for: the reminders need the
   * check now. */
  if (wanted)
    start_check (self);
  if (wanted && self->scheduler != NULL)
    self->tray = pursuit_tray_new (G_APPLICATION (self), self->scheduler);
  else
    g_clear_object (&self->tray);
  if (wanted)
    g_application_hold (G_APPLICATION (self));
  else
    g_application_release (G_APPLICATION (self));
}

/* Whether @a and @b name the same file, however spelled: "//", "..", a
 * symbolic link or a hard link. Two spellings of one file must never be
 * two databases in this process. */
static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  if (g_stat (a, &sa) != 0 || g_stat (b, &sb) != 0)
    return g_strcmp0 (a, b) == 0;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* The team server that Preferences names, or NULL for none. */
static char *
dup_team_server (PursuitApplication *self)
{
  g_autofree char *server = NULL;

  if (self->settings == NULL)
    self->settings = g_settings_new (APPLICATION_ID);
  server = g_strstrip (g_settings_get_string (self->settings, "team-server"));
  return server[0] != '\0' ? g_steal_pointer (&server) : NULL;
}

/* The database opened without --database: the team server of
 * Preferences, or else the file on this computer. */
static char *
dup_default_database (PursuitApplication *self)
{
  char *server = dup_team_server (self);

  return server != NULL ? server : pursuit_store_default_path ();
}

/* The database that background mode should open at login: the one this
 * instance runs with, or NULL for the default one. */
static char *
dup_autostart_database (PursuitApplication *self)
{
  g_autofree char *default_path = pursuit_store_default_path ();
  g_autofree char *path = NULL;

  if (self->database_path == NULL)
    return NULL;
  if (pursuit_pg_is_conninfo (self->database_path))
    {
      g_autofree char *server = dup_team_server (self);

      return g_strcmp0 (server, self->database_path) != 0 ? g_strdup (self->database_path) : NULL;
    }
  path = g_canonicalize_filename (self->database_path, NULL);
  if (same_file (path, default_path) || g_str_equal (path, default_path))
    return NULL;
  return g_steal_pointer (&path);
}

static void
run_in_background_changed_cb (PursuitApplication *self)
{
  g_autofree char *database = dup_autostart_database (self);

  pursuit_background_set_autostart (g_settings_get_boolean (self->settings, "run-in-background"), database);
  update_background (self);
}

/* The deferred integrity check failed: the database is refused as if
 * it had failed at open, and every window shows why. Nothing was written
 * to it (every write waits for the check). */
static void
refuse_database (PursuitApplication *self,
                 GError             *error)
{
  gboolean had_window = gtk_application_get_windows (GTK_APPLICATION (self)) != NULL;
  GList *windows;

  g_warning ("%s", error->message);
  g_application_hold (G_APPLICATION (self));
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))) != NULL)
    gtk_window_destroy (windows->data);
  g_clear_handle_id (&self->backup_id, g_source_remove);
  g_clear_pointer (&self->revisits, pursuit_revisits_free);
  g_clear_object (&self->learner);
  stop_reminders (self);
  g_clear_object (&self->store);
  g_clear_error (&self->open_error);
  self->open_error = g_error_copy (error);
  if (had_window)
    gtk_window_present (GTK_WINDOW (pursuit_window_new (GTK_APPLICATION (self), NULL, self->open_error)));
  g_application_release (G_APPLICATION (self));
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(PursuitApplication) self = g_weak_ref_get (weak);
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (weak);
  g_free (weak);
  /* Gone meanwhile: nothing to start or refuse. */
  if (self == NULL)
    {
      pursuit_store_check_finish (PURSUIT_STORE (source), result, NULL);
      return;
    }
  if (pursuit_store_check_finish (PURSUIT_STORE (source), result, &error))
    {
      /* The revisits' return writes: not before the check. The reminders
       * (the scheduler's catch-up over every prospect, the tray) can wait
       * for the first frame too. */
      if (self->store == PURSUIT_STORE (source) && self->revisits == NULL)
        {
          self->revisits = pursuit_revisits_new (self->store, pursuit_day_watcher_get_default ());
          start_reminders (self);
        }
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
           self->store == PURSUIT_STORE (source))
    refuse_database (self, error);
}

/* Runs the full integrity check of the open database in a thread: after
 * the window's first frame, or at once without a window. */
static void
start_check (PursuitApplication *self)
{
  GWeakRef *weak;

  if (self->store == NULL || self->check_cancellable != NULL)
    return;
  /* A weak reference: the check does not keep the application alive. */
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  self->check_cancellable = g_cancellable_new ();
  pursuit_store_check_async (self->store, self->check_cancellable, check_done_cb, weak);
}

static void
first_frame_cb (GdkFrameClock      *clock,
                PursuitApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, self);
  g_debug ("First frame drawn");
  start_check (self);
}

static void
start_check_after_frame (PursuitApplication *self,
                         GtkWindow          *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  if (clock == NULL)
    start_check (self);
  else
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (first_frame_cb), self, 0);
}

static gboolean
open_database (PursuitApplication *self,
               const char         *path)
{
  g_autoptr(GError) error = NULL;

  if (self->store != NULL || self->open_error != NULL)
    return self->store != NULL;

  g_free (self->database_path);
  self->database_path = g_strdup (path);
  /* The full check comes after the first frame: see start_check(). */
  g_clear_object (&self->check_cancellable);
  self->store = pursuit_store_open_quick (path, &error);
  if (self->store == NULL)
    {
      g_warning ("%s", error->message);
      self->open_error = g_steal_pointer (&error);
      return FALSE;
    }

  g_free (self->exposed_warning);
  self->exposed_warning = pursuit_cli_dup_exposed_warning (path);
  if (self->exposed_warning != NULL)
    g_warning ("%s", self->exposed_warning);

  if (self->settings == NULL)
    self->settings = g_settings_new (APPLICATION_ID);
  pursuit_settings_follow (self->settings, self->store);
  self->backup_id = g_timeout_add_seconds (BACKUP_DELAY, backup_cb, self);
  if (self->held)
    start_check (self);
  /* The learned limit, also without a window; it waits for the first
   * frame. */
  self->learner = pursuit_learner_new (self->store, LEARN_DELAY_MS);
  return TRUE;
}

static int
pursuit_application_command_line (GApplication            *app,
                                  GApplicationCommandLine *command_line)
{
  PursuitApplication *self = PURSUIT_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  const char *cwd = g_application_command_line_get_cwd (command_line);
  g_autofree char *path = pursuit_cli_database_path (options, cwd);

  if (pursuit_cli_wants_batch (options))
    {
      const PursuitCliOutput out = { print_remote, printerr_remote, command_line };
      /* The open window's store when the database is the same, so that the
       * board shows what the command line changed. */
      PursuitStore *store = NULL;
      int status;

      if (self->store != NULL && same_file (path, pursuit_store_get_path (self->store)))
        {
          g_autoptr(GError) error = NULL;

          /* The command line checks the file before it reads or writes. */
          if (!pursuit_store_check (self->store, &error))
            {
              g_autofree char *line = g_strconcat (error->message, "\n", NULL);

              printerr_remote (command_line, line);
              refuse_database (self, error);
              return 1;
            }
          store = self->store;
        }
      g_debug ("Handling a command line %s%s", store != NULL ? "on the open database" : "on another database",
               pursuit_cli_writes_stdout (options) ? ", exporting to its standard output" : "");
      status = pursuit_cli_run (store, options, cwd, &out);
      /* This process is the launch whose exports were kept back: it became
       * the instance meanwhile. */
      if (!g_application_command_line_get_is_remote (command_line))
        status = run_stdout_exports (self, status);
      return status;
    }

  if (!g_variant_dict_contains (options, "database"))
    {
      g_free (path);
      path = dup_default_database (self);
    }
  open_database (self, path);
  if (g_variant_dict_contains (options, "background"))
    {
      /* No window: the reminders run until Quit. */
      start_check (self);
      self->background = TRUE;
      update_background (self);
      return 0;
    }
  g_application_activate (app);
  return 0;
}

static void
pursuit_application_activate (GApplication *app)
{
  PursuitApplication *self = PURSUIT_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      if (self->store == NULL && self->open_error == NULL)
        {
          g_autofree char *path = dup_default_database (self);
          open_database (self, path);
        }
      window = GTK_WINDOW (pursuit_window_new (GTK_APPLICATION (app), self->store,
                                               self->open_error));
      if (self->exposed_warning != NULL && PURSUIT_IS_WINDOW (window))
        pursuit_window_add_toast (PURSUIT_WINDOW (window), self->exposed_warning);
      g_clear_pointer (&self->exposed_warning, g_free);
    }

  gtk_window_present (window);
  start_check_after_frame (self, window);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  static const char *developers[] = { "The Pursuit developers", NULL };
  GtkApplication *app = user_data;

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Pursuit"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("The Pursuit developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Know whom to follow up with today, and when to let a prospect go."),
                         "developers", developers,
                         "copyright", "© 2026 The Pursuit developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  PursuitApplication *self = user_data;
  PursuitPreferencesWindow *window;

  if (self->settings == NULL)
    self->settings = g_settings_new (APPLICATION_ID);
  window = pursuit_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                           self->settings);
  gtk_window_present (GTK_WINDOW (window));
}

static void
restore_backup_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  pursuit_restore_dialog_run (PURSUIT_APPLICATION (user_data));
}

/* The default action of a reminder: the prospect's page, in a window
 * that may have to be opened first. */
static void
open_prospect_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  GApplication *app = user_data;
  GtkWindow *window;

  g_application_activate (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (PURSUIT_IS_WINDOW (window))
    gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.open-prospect", param);
}

/* The default action of the summary reminder: the calendar on a day
 * ("today", or "YYYY-MM-DD"), with today's follow-ups and the overdue. */
static void
show_calendar_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  GApplication *app = user_data;
  GtkWindow *window;

  g_application_activate (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (PURSUIT_IS_WINDOW (window))
    pursuit_calendar_view_show_day_in (GTK_WIDGET (window), g_variant_get_string (param, NULL));
}

/* The tray menu's "Today" and the reminders' default action: the day's
 * follow-ups, in a window that may have to be opened first. */
static void
show_today_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  GApplication *app = user_data;
  GtkWindow *window;

  g_application_activate (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (PURSUIT_IS_WINDOW (window))
    pursuit_window_show_today (PURSUIT_WINDOW (window));
}

/* Undo Restore: the database file kept from before the restore goes
 * back in place, as a restore of its own. */
static void
restore_file_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  PursuitApplication *self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  if (pursuit_application_restore_backup (self, g_variant_get_string (param, NULL), &error))
    return;
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (PURSUIT_IS_WINDOW (window))
    pursuit_window_add_toast (PURSUIT_WINDOW (window), error->message);
}

static const GActionEntry app_actions[] = {
  { "open-prospect", open_prospect_action, "x" },
  { "restore-file", restore_file_action, "s" },
  { "show-calendar", show_calendar_action, "s" },
  { "show-today", show_today_action },
  { "restore-backup", restore_backup_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "quit", quit_action },
};

static void
pursuit_application_startup (GApplication *app)
{
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.new-prospect", { "<Control>n", NULL } },
    { "win.import-csv", { "<Control>o", NULL } },
    { "win.export-csv", { "<Control><Shift>s", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  PursuitApplication *self = PURSUIT_APPLICATION (app);

  G_APPLICATION_CLASS (pursuit_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);

  if (self->settings == NULL)
    self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed::run-in-background", G_CALLBACK (run_in_background_changed_cb),
                           self, G_CONNECT_SWAPPED);
  update_background (self);
  /* Started by D-Bus for a reminder's button (DBusActivatable): no command
   * line comes, and the action needs the database. */
  if (g_application_get_flags (app) & G_APPLICATION_IS_SERVICE)
    {
      g_autofree char *path = dup_default_database (self);

      /* Long enough for the activation's message to be handled. */
      g_application_set_inactivity_timeout (app, SERVICE_TIMEOUT_MS);
      open_database (self, path);
      start_check (self);
    }
}

/* The Shell's search provider, on the application's own connection: D-Bus
 * starts Pursuit for it (--gapplication-service) when it is not
 * running. */
static gboolean
pursuit_application_dbus_register (GApplication     *app,
                                   GDBusConnection  *connection,
                                   const char       *object_path,
                                   GError          **error)
{
  PursuitApplication *self = PURSUIT_APPLICATION (app);
  g_autoptr(GError) provider_error = NULL;

  if (!G_APPLICATION_CLASS (pursuit_application_parent_class)->dbus_register (app, connection, object_path, error))
    return FALSE;
  if (self->search_provider == NULL)
    self->search_provider = pursuit_search_provider_new (app);
  /* The overview's search is a convenience: when its path is taken (by
   * another application object of this process on the same connection),
   * the application still registers, without it. */
  if (!pursuit_search_provider_export (self->search_provider, connection, PURSUIT_SEARCH_PROVIDER_PATH,
                                       &provider_error))
    g_debug ("No search provider for GNOME Shell: %s", provider_error->message);
  return TRUE;
}

static void
pursuit_application_dbus_unregister (GApplication    *app,
                                     GDBusConnection *connection,
                                     const char      *object_path)
{
  PursuitApplication *self = PURSUIT_APPLICATION (app);

  if (self->search_provider != NULL)
    pursuit_search_provider_unexport (self->search_provider);
  G_APPLICATION_CLASS (pursuit_application_parent_class)->dbus_unregister (app, connection, object_path);
}

static void
pursuit_application_finalize (GObject *object)
{
  PursuitApplication *self = PURSUIT_APPLICATION (object);

  g_clear_handle_id (&self->backup_id, g_source_remove);
  g_clear_pointer (&self->revisits, pursuit_revisits_free);
  g_clear_object (&self->learner);
  g_clear_object (&self->check_cancellable);
  stop_reminders (self);
  g_clear_object (&self->search_provider);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->database_path, g_free);
  g_clear_error (&self->open_error);
  g_clear_pointer (&self->stdout_options, g_variant_dict_unref);
  g_clear_pointer (&self->exposed_warning, g_free);

  G_OBJECT_CLASS (pursuit_application_parent_class)->finalize (object);
}

static void
pursuit_application_class_init (PursuitApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = pursuit_application_finalize;
  app_class->handle_local_options = pursuit_application_handle_local_options;
  app_class->local_command_line = pursuit_application_local_command_line;
  app_class->command_line = pursuit_application_command_line;
  app_class->activate = pursuit_application_activate;
  app_class->startup = pursuit_application_startup;
  app_class->dbus_register = pursuit_application_dbus_register;
  app_class->dbus_unregister = pursuit_application_dbus_unregister;
}

static void
pursuit_application_init (PursuitApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Know whom to follow up with today, and when to let a prospect go."));
  g_application_set_option_context_description (G_APPLICATION (self),
                                                _("Exit status: 0 when all went well, 1 when something failed, "
                                                  "3 when an import skipped rows (each one is named on "
                                                  "standard error) and the rest went well."));
}

PursuitApplication *
pursuit_application_new (void)
{
  return g_object_new (PURSUIT_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/pursuit/Pursuit",
                       NULL);
}

PursuitStore *
pursuit_application_get_store (PursuitApplication *self)
{
  g_return_val_if_fail (PURSUIT_IS_APPLICATION (self), NULL);

  return self->store;
}

gboolean
pursuit_application_restore_backup (PursuitApplication  *self,
                                    const char          *backup,
                                    GError             **error)
{
  g_autofree char *path = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GError) restore_error = NULL;
  GtkWindow *window;
  GList *windows;

  g_return_val_if_fail (PURSUIT_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (backup != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->store == NULL)
    return g_set_error_literal (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_FAILED,
                                _("No database is open.")), FALSE;

  /* Every window holds the store; the file must be closed to be swapped. */
  g_application_hold (G_APPLICATION (self));
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))) != NULL)
    gtk_window_destroy (windows->data);
  g_clear_handle_id (&self->backup_id, g_source_remove);
  g_clear_pointer (&self->revisits, pursuit_revisits_free);
  g_clear_object (&self->learner);
  g_cancellable_cancel (self->check_cancellable);
  path = g_strdup (pursuit_store_get_path (self->store));
  stop_reminders (self);
  g_clear_object (&self->store);

  pursuit_backup_restore (backup, path, &kept, &restore_error);

  /* The restored database, or the untouched one when restoring failed. */
  open_database (self, path);
  window = GTK_WINDOW (pursuit_window_new (GTK_APPLICATION (self), self->store, self->open_error));
  gtk_window_present (window);
  start_check_after_frame (self, window);
  g_application_release (G_APPLICATION (self));

  if (restore_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&restore_error));
      return FALSE;
    }
  if (PURSUIT_IS_WINDOW (window) && self->store != NULL)
    pursuit_window_offer_undo_restore (PURSUIT_WINDOW (window), kept);
  return self->store != NULL;
}

gboolean
pursuit_application_open_database (PursuitApplication *self,
                                   const char         *path)
{
  g_return_val_if_fail (PURSUIT_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return open_database (self, path);
}
