/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-search-provider"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pursuit-application.h"
#include "pursuit-board.h"
#include "pursuit-prospect-page.h"
#include "pursuit-search-provider.h"
#include "pursuit-store-trash.h"
#include "pursuit-store.h"
#include "pursuit-stage-column.h"
#include "pursuit-window.h"
#include "test-util.h"

/* GNOME Shell's search provider, called as the Shell calls it: over a
 * session bus of the test's own that offers only Pursuit, which it starts
 * through its service file when the first call comes
 * (--gapplication-service), on a database in the test's data folder. */

#define IFACE "org.gnome.Shell.SearchProvider2"
#define TIMEOUT_MS 60000

/* XDG_DATA_DIRS before G_TEST_OPTION_ISOLATE_DIRS hid it: the started
 * Pursuit needs the MIME database and icons from there. */
static char *system_data_dirs;
/* DISPLAY, which GTestDBus empties. */
static char *display;
/* The bus of test_activate_and_launch(). */
static GTestDBus *app_bus;

typedef struct
{
  gint64 mueller;  /* "Zoë <b>Müller</b>", Acme & Söhne, Hot, due today */
  gint64 martin;   /* "Zoe Martin", Globex, Inbox */
  gint64 jane;     /* "Jane Doe", Acme, Inbox */
  gint64 trashed;  /* "Zoë Trash", Acme, in the Trash */
} Ids;

static gint64
add (PursuitStore *store,
     const char   *name,
     const char   *company,
     const char   *email,
     const char   *phone)
{
  g_autoptr(PursuitProspect) p = pursuit_prospect_new (name);
  g_autoptr(GError) error = NULL;

  pursuit_prospect_set_company (p, company);
  pursuit_prospect_set_email (p, email);
  pursuit_prospect_set_phone (p, phone);
  g_assert_true (pursuit_store_add (store, p, &error));
  g_assert_no_error (error);
  return pursuit_prospect_get_id (p);
}

/* The prospects, in the database at @path, closed again. */
static void
make_database (const char *path,
               Ids        *ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PursuitStore) store = pursuit_store_open (path, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_assert_no_error (error);
  ids->mueller = add (store, "Zoë <b>Müller</b>", "Acme & Söhne", "zoe@acme.example", "+49 30 1234567");
  ids->martin = add (store, "Zoe Martin", "Globex", "zm@globex.example", "");
  ids->jane = add (store, "Jane Doe", "Acme", "jane@initech.example", "555 0100");
  ids->trashed = add (store, "Zoë Trash", "Acme", "trash@acme.example", "");
  g_assert_true (pursuit_store_move (store, pursuit_store_find (store, ids->mueller), PURSUIT_STAGE_ACTIVE,
                                     PURSUIT_TIER_HOT, now, &error));
  g_assert_no_error (error);
  g_assert_true (pursuit_store_trash (store, pursuit_store_find (store, ids->trashed), &error));
  g_assert_no_error (error);
}

static char *
id_string (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

static GVariant *
call (GDBusConnection *bus,
      const char      *method,
      GVariant        *args,
      const char      *reply_type)
{
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  reply = g_dbus_connection_call_sync (bus, APPLICATION_ID, PURSUIT_SEARCH_PROVIDER_PATH, IFACE, method, args,
                                       G_VARIANT_TYPE (reply_type), G_DBUS_CALL_FLAGS_NONE, TIMEOUT_MS, NULL,
                                       &error);
  g_assert_no_error (error);
  return reply;
}

/* The result ids of a search for @terms (NULL-terminated), sorted. */
static char *
search (GDBusConnection *bus,
        const char      *first,
        ...)
{
  g_autoptr(GPtrArray) terms = g_ptr_array_new ();
  g_autoptr(GVariant) reply = NULL;
  g_autofree const char **results = NULL;
  va_list args;

  va_start (args, first);
  for (const char *term = first; term != NULL; term = va_arg (args, const char *))
    g_ptr_array_add (terms, (gpointer) term);
  va_end (args);
  g_ptr_array_add (terms, NULL);
  reply = call (bus, "GetInitialResultSet", g_variant_new ("(^as)", (char **) terms->pdata), "(as)");
  g_variant_get (reply, "(^a&s)", &results);
  return g_strjoinv (",", (char **) results);
}

static char *
ids_string (gint64 first,
            ...)
{
  g_autoptr(GString) text = g_string_new (NULL);
  va_list args;

  va_start (args, first);
  for (gint64 id = first; id != 0; id = va_arg (args, gint64))
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, text->len > 0 ? "," : "", id);
  va_end (args);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
has_object (GDBusConnection *bus,
            const char      *path)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, APPLICATION_ID, path, "org.gtk.Actions",
                                                           "DescribeAll", NULL, NULL, G_DBUS_CALL_FLAGS_NONE, -1,
                                                           NULL, NULL);
  return reply != NULL;
}

static gboolean
name_has_owner (GDBusConnection *bus)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                           "org.freedesktop.DBus", "NameHasOwner",
                                                           g_variant_new ("(s)", APPLICATION_ID),
                                                           G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                                           NULL, NULL);
  gboolean owned = FALSE;

  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

static gboolean
log_contains (const char *log,
              const char *text)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (log, &contents, NULL, NULL) && strstr (contents, text) != NULL;
}

/* The test's own folders (G_TEST_OPTION_ISOLATE_DIRS), as shell lines
 * that export them: GLib gives them to this process only. */
static char *
dup_user_dirs (void)
{
  const struct { const char *name; const char *value; } dirs[] = {
    { "HOME", g_get_home_dir () },
    { "XDG_DATA_HOME", g_get_user_data_dir () },
    { "XDG_CONFIG_HOME", g_get_user_config_dir () },
    { "XDG_CACHE_HOME", g_get_user_cache_dir () },
    { "XDG_STATE_HOME", g_get_user_state_dir () },
    { "XDG_RUNTIME_DIR", g_get_user_runtime_dir () },
    { "DISPLAY", display },
  };
  GString *lines = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *quoted = NULL;

      if (dirs[i].value == NULL)
        continue;
      quoted = g_shell_quote (dirs[i].value);
      g_string_append_printf (lines, "export %s=%s\n", dirs[i].name, quoted);
    }
  return g_string_free (lines, FALSE);
}

/* A service directory whose only service is Pursuit, started by a script
 * that keeps its output in @log. */
static char *
make_service_dir (const char *dir,
                  const char *log)
{
  g_autofree char *services = g_build_filename (dir, "services", NULL);
  g_autofree char *script = g_build_filename (dir, "pursuit-service", NULL);
  g_autofree char *service = g_build_filename (services, APPLICATION_ID ".service", NULL);
  g_autofree char *script_text = NULL;
  g_autofree char *service_text = NULL;
  g_autofree char *data_dirs = g_shell_quote (system_data_dirs);
  g_autofree char *exports = dup_user_dirs ();
  g_autofree char *exe = g_shell_quote (PURSUIT_EXECUTABLE);
  g_autofree char *quoted_log = g_shell_quote (log);

  g_assert_cmpint (g_mkdir_with_parents (services, 0700), ==, 0);
  script_text = g_strdup_printf ("#!/bin/sh\n%sexport XDG_DATA_DIRS=%s\n"
                                 "exec %s --gapplication-service >>%s 2>&1\n",
                                 exports, data_dirs, exe, quoted_log);
  g_assert_true (g_file_set_contents (script, script_text, -1, NULL));
  g_assert_cmpint (g_chmod (script, 0700), ==, 0);
  /* As data/io.github.pursuit.Pursuit.service.in has it, but for Exec. */
  service_text = g_strdup_printf ("[D-BUS Service]\nName=%s\nExec=%s\n", APPLICATION_ID, script);
  g_assert_true (g_file_set_contents (service, service_text, -1, NULL));
  return g_steal_pointer (&services);
}

static void
quit_pursuit (GDBusConnection *bus)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (bus, APPLICATION_ID, "/io/github/pursuit/Pursuit", "org.gtk.Actions",
                                       "Activate", g_variant_new ("(sava{sv})", "quit", NULL, NULL), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, TIMEOUT_MS, NULL, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 1200 && name_has_owner (bus); i++)
    g_usleep (50 * 1000);
  g_assert_false (name_has_owner (bus));
}

static void
check_metas (GDBusConnection *bus,
             const Ids       *ids)
{
  g_autofree char *mueller = id_string (ids->mueller);
  g_autofree char *martin = id_string (ids->martin);
  g_autofree char *trashed = id_string (ids->trashed);
  const char *wanted[] = { mueller, martin, trashed, "999999", NULL };
  g_autoptr(GVariant) reply = call (bus, "GetResultMetas", g_variant_new ("(^as)", wanted), "(aa{sv})");
  g_autoptr(GVariant) metas = g_variant_get_child_value (reply, 0);
  g_autoptr(GVariant) first_meta = g_variant_get_child_value (metas, 0);
  g_autoptr(GVariant) second_meta = g_variant_get_child_value (metas, 1);
  g_autoptr(GVariantDict) first = NULL;
  g_autoptr(GVariantDict) second = NULL;
  g_autoptr(GVariant) icon_data = NULL;
  g_autoptr(GIcon) icon = NULL;
  const char *text;

  /* None for a prospect in the Trash or one that is gone. */
  g_assert_cmpuint (g_variant_n_children (metas), ==, 2);
  first = g_variant_dict_new (first_meta);
  second = g_variant_dict_new (second_meta);
  g_assert_true (g_variant_dict_lookup (first, "id", "&s", &text));
  g_assert_cmpstr (text, ==, mueller);
  /* The name as typed: the Shell shows it as text, not markup. */
  g_assert_true (g_variant_dict_lookup (first, "name", "&s", &text));
  g_assert_cmpstr (text, ==, "Zoë <b>Müller</b>");
  g_assert_true (g_variant_dict_lookup (first, "description", "&s", &text));
  g_assert_cmpstr (text, ==, "Acme & Söhne · Hot · due today");
  g_assert_true (g_variant_dict_lookup (second, "name", "&s", &text));
  g_assert_cmpstr (text, ==, "Zoe Martin");
  g_assert_true (g_variant_dict_lookup (second, "description", "&s", &text));
  g_assert_cmpstr (text, ==, "Globex · Inbox");
  icon_data = g_variant_dict_lookup_value (first, "icon", NULL);
  g_assert_nonnull (icon_data);
  icon = g_icon_deserialize (icon_data);
  g_assert_true (G_IS_THEMED_ICON (icon));
  g_assert_cmpstr (g_themed_icon_get_names (G_THEMED_ICON (icon))[0], ==, APPLICATION_ID);
}

static void
check_searches (GDBusConnection *bus,
                const Ids       *ids)
{
  g_autofree char *zoe = search (bus, "zoe", NULL);
  g_autofree char *zoe_wanted = ids_string (ids->mueller, ids->martin, (gint64) 0);
  g_autofree char *acme_zoe = search (bus, "ACME", "zoë", NULL);
  g_autofree char *mueller = ids_string (ids->mueller, (gint64) 0);
  g_autofree char *jane = ids_string (ids->jane, (gint64) 0);
  g_autofree char *folded = search (bus, "MULLER", NULL);
  g_autofree char *email = search (bus, "initech", NULL);
  g_autofree char *phone = search (bus, "30-1234", NULL);
  g_autofree char *other_phone = search (bus, "030-1234", NULL);
  g_autofree char *phone_spaced = search (bus, "5550100", NULL);
  g_autofree char *nothing = search (bus, "zoe", "initech", NULL);

  /* Both Zoes, not the one in the Trash; terms ANDed across fields; no
   * case or accents; email; the digits of a phone number. */
  g_assert_cmpstr (zoe, ==, zoe_wanted);
  g_assert_cmpstr (acme_zoe, ==, mueller);
  g_assert_cmpstr (folded, ==, mueller);
  g_assert_cmpstr (email, ==, jane);
  g_assert_cmpstr (phone, ==, mueller);
  g_assert_cmpstr (other_phone, ==, ""); /* "030" is not in "+49 30 …" */
  g_assert_cmpstr (phone_spaced, ==, jane);
  g_assert_cmpstr (nothing, ==, "");
}

static void
check_subsearch (GDBusConnection *bus,
                 const Ids       *ids)
{
  g_autofree char *mueller = id_string (ids->mueller);
  g_autofree char *martin = id_string (ids->martin);
  const char *previous[] = { mueller, martin, NULL };
  const char *terms[] = { "zoe", "glob", NULL };
  g_autoptr(GVariant) reply = NULL;
  g_autofree const char **results = NULL;

  reply = call (bus, "GetSubsearchResultSet", g_variant_new ("(^as^as)", previous, terms), "(as)");
  g_variant_get (reply, "(^a&s)", &results);
  g_assert_cmpuint (g_strv_length ((char **) results), ==, 1);
  g_assert_cmpstr (results[0], ==, martin);
}

/* Pursuit is not running: the first search starts it, without a window,
 * and choosing a result opens the window and the prospect's page. */
static void
test_activated_by_search (void)
{
  g_autofree char *dir = pursuit_test_make_dir ("pursuit-search-provider");
  g_autofree char *log = g_build_filename (dir, "pursuit.log", NULL);
  g_autofree char *db = pursuit_store_default_path ();
  g_autofree char *services = NULL;
  g_autofree char *opening = NULL;
  g_autofree char *mueller = NULL;
  g_autoptr(GTestDBus) test_bus = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  const char *terms[] = { "zoe", NULL };
  Ids ids;

  make_database (db, &ids);
  services = make_service_dir (dir, log);
  g_setenv ("G_MESSAGES_DEBUG", "pursuit-search-provider", TRUE);
  test_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_add_service_dir (test_bus, services);
  g_test_dbus_up (test_bus);
  bus = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (test_bus),
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, NULL);
  g_assert_nonnull (bus);
  g_assert_false (name_has_owner (bus));

  check_searches (bus, &ids);
  check_subsearch (bus, &ids);
  check_metas (bus, &ids);
  /* Started by the bus, it shows no window until a result is chosen. */
  g_assert_true (name_has_owner (bus));
  g_assert_false (has_object (bus, "/io/github/pursuit/Pursuit/window/1"));

  mueller = id_string (ids.mueller);
  reply = call (bus, "ActivateResult", g_variant_new ("(s^asu)", mueller, terms, 0), "()");
  opening = g_strdup_printf ("Opening the page of prospect %s", mueller);
  for (int i = 0; i < 600 && !has_object (bus, "/io/github/pursuit/Pursuit/window/1"); i++)
    g_usleep (50 * 1000);
  g_assert_true (has_object (bus, "/io/github/pursuit/Pursuit/window/1"));
  g_assert_true (log_contains (log, opening));

  quit_pursuit (bus);
  g_dbus_connection_close_sync (bus, NULL, NULL);
  g_test_dbus_down (test_bus);
  g_unsetenv ("G_MESSAGES_DEBUG");
  pursuit_test_remove_tree (dir);
}

/* Pursuit runs with a window on another database (--database FILE): the
 * overview searches that database, the running instance's, and D-Bus
 * starts no second Pursuit on the default one. */
static void
test_running_with_database (void)
{
  g_autofree char *dir = pursuit_test_make_dir ("pursuit-search-provider");
  g_autofree char *log = g_build_filename (dir, "pursuit.log", NULL);
  g_autofree char *window_log = g_build_filename (dir, "window.log", NULL);
  g_autofree char *script = g_build_filename (dir, "pursuit-window", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autofree char *db = pursuit_store_default_path ();
  g_autofree char *services = NULL;
  g_autofree char *script_text = NULL;
  g_autofree char *exports = NULL;
  g_autofree char *data_dirs = NULL;
  g_autofree char *exe = g_shell_quote (PURSUIT_EXECUTABLE);
  g_autofree char *quoted_other = g_shell_quote (other);
  g_autofree char *quoted_log = g_shell_quote (window_log);
  g_autofree char *bus_address = NULL;
  g_autofree char *found = NULL;
  g_autofree char *wanted = NULL;
  g_autoptr(GTestDBus) test_bus = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GSubprocess) window = NULL;
  g_autoptr(GError) error = NULL;
  Ids ids;
  gint64 zoe_other;

  if (display == NULL)
    {
      g_test_skip ("No display");
      return;
    }
  make_database (db, &ids);
  {
    g_autoptr(PursuitStore) store = pursuit_store_open (other, &error);

    g_assert_no_error (error);
    zoe_other = add (store, "Zoe Other", "Umbrella", "zo@umbrella.example", "");
  }
  services = make_service_dir (dir, log);
  test_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_add_service_dir (test_bus, services);
  g_test_dbus_up (test_bus);
  bus = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (test_bus),
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, NULL);
  g_assert_nonnull (bus);

  /* The window, started as a user starts it, on the test's bus. */
  exports = dup_user_dirs ();
  data_dirs = g_shell_quote (system_data_dirs);
  bus_address = g_shell_quote (g_test_dbus_get_bus_address (test_bus));
  script_text = g_strdup_printf ("#!/bin/sh\n%sexport XDG_DATA_DIRS=%s\nexport DBUS_SESSION_BUS_ADDRESS=%s\n"
                                 "exec %s --database %s >>%s 2>&1\n",
                                 exports, data_dirs, bus_address, exe, quoted_other, quoted_log);
  g_assert_true (g_file_set_contents (script, script_text, -1, NULL));
  g_assert_cmpint (g_chmod (script, 0700), ==, 0);
  window = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, script, NULL);
  g_assert_no_error (error);
  /* Asking the name itself would start the service for it. */
  for (int i = 0; i < 1200 && !name_has_owner (bus); i++)
    g_usleep (50 * 1000);
  g_assert_true (name_has_owner (bus));
  for (int i = 0; i < 1200 && !has_object (bus, "/io/github/pursuit/Pursuit/window/1"); i++)
    g_usleep (50 * 1000);
  g_assert_true (has_object (bus, "/io/github/pursuit/Pursuit/window/1"));

  found = search (bus, "zoe", NULL);
  wanted = ids_string (zoe_other, (gint64) 0);
  g_assert_cmpstr (found, ==, wanted);
  /* No Pursuit started for the overview. */
  g_assert_false (g_file_test (log, G_FILE_TEST_EXISTS));

  quit_pursuit (bus);
  g_assert_true (g_subprocess_wait (window, NULL, NULL));
  g_dbus_connection_close_sync (bus, NULL, NULL);
  g_test_dbus_down (test_bus);
  pursuit_test_remove_tree (dir);
}

static void
call_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GVariant **reply = user_data;
  g_autoptr(GError) error = NULL;

  *reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  g_assert_no_error (error);
}

/* A call from another connection to the provider of this process, whose
 * main context answers it. */
static void
call_here (GDBusConnection *bus,
           const char      *method,
           GVariant        *args)
{
  g_autoptr(GVariant) reply = NULL;

  g_dbus_connection_call (bus, APPLICATION_ID, PURSUIT_SEARCH_PROVIDER_PATH, IFACE, method, args,
                          G_VARIANT_TYPE ("()"), G_DBUS_CALL_FLAGS_NONE, TIMEOUT_MS, NULL, call_done_cb, &reply);
  while (reply == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static PursuitProspectPage *
find_page (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (PURSUIT_IS_PROSPECT_PAGE (toplevel))
        return PURSUIT_PROSPECT_PAGE (toplevel);
    }
  return NULL;
}

static GtkEditable *
find_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    return GTK_EDITABLE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkEditable *entry = find_search_entry (child);

      if (entry != NULL)
        return entry;
    }
  return NULL;
}

/* Choosing a result shows that prospect's page; "search in the
 * application" shows the board searched for the terms. */
static void
test_activate_and_launch (void)
{
  g_autofree char *db = pursuit_store_default_path ();
  g_autofree char *mueller = NULL;
  g_autoptr(GDBusConnection) shell = NULL;
  g_autoptr(GError) error = NULL;
  PursuitApplication *app;
  PursuitProspectPage *page;
  GtkWindow *window;
  PursuitBoard *board;
  const char *terms[] = { "MÜLLER", NULL };
  Ids ids;

  if (display == NULL)
    {
      g_test_skip ("No display");
      return;
    }
  make_database (db, &ids);
  /* Kept to the end: its finalization would wait for the application's
   * bus to go, which settings and notifications keep. */
  app_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (app_bus);
  /* The bus is the test's, the display Xvfb's still: GTestDBus empties
   * DISPLAY. */
  g_setenv ("DISPLAY", display, TRUE);
  g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);
  app = pursuit_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pursuit_application_open_database (app, db));
  shell = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (app_bus),
                                                  G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                  | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                  NULL, NULL, &error);
  g_assert_no_error (error);

  mueller = id_string (ids.mueller);
  call_here (shell, "ActivateResult", g_variant_new ("(s^asu)", mueller, terms, 0));
  page = find_page ();
  g_assert_nonnull (page);
  g_assert_cmpint (pursuit_prospect_get_id (pursuit_prospect_page_get_prospect (page)), ==, ids.mueller);
  gtk_window_destroy (GTK_WINDOW (page));

  call_here (shell, "LaunchSearch", g_variant_new ("(^asu)", terms, 0));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (PURSUIT_IS_WINDOW (window));
  board = PURSUIT_BOARD (pursuit_window_get_board (PURSUIT_WINDOW (window)));
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (board)) || gtk_widget_get_child_visible (GTK_WIDGET (board)));
  g_assert_cmpstr (gtk_editable_get_text (find_search_entry (GTK_WIDGET (board))), ==, "MÜLLER");
  /* Zoë Müller in Hot, and Zoe Martin no longer in the Inbox. */
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (pursuit_board_get_column (board, 1)), ==, 1);
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (pursuit_board_get_column (board, 0)), ==, 0);

  /* The bus stops without the process quitting as it closes. */
  g_dbus_connection_set_exit_on_close (g_application_get_dbus_connection (G_APPLICATION (app)), FALSE);
  pursuit_test_destroy_windows ();
  g_dbus_connection_close_sync (shell, NULL, NULL);
  g_object_unref (app);
  g_test_dbus_stop (app_bus);
}

int
main (int   argc,
      char *argv[])
{
  const char *data_dirs = g_getenv ("XDG_DATA_DIRS");

  display = g_strdup (g_getenv ("DISPLAY"));
  system_data_dirs = g_strdup (data_dirs != NULL && data_dirs[0] != '\0' ? data_dirs : "/usr/local/share:/usr/share");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/search-provider/activated-by-search", test_activated_by_search);
  g_test_add_func ("/search-provider/running-with-database", test_running_with_database);
  g_test_add_func ("/search-provider/activate-and-launch", test_activate_and_launch);

  return g_test_run ();
}
