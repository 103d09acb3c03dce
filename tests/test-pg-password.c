/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "pursuit-application.h"
#include "pursuit-password-dialog.h"
#include "pursuit-pg-connection.h"
#include "pursuit-pg-setup.h"
#include "pursuit-store.h"
#include "test-pg-util.h"

/* The team server's password: asked for in a dialog while the server
 * refuses it, kept in the keyring (a Secret Service this test provides on
 * its bus, checked for what crossed it) and found there next time; and the
 * Preferences' team server opened when no --database is given. */

#define PASSWORD "right horse"

/* A connection as password_user, whose password is PASSWORD. */
static PursuitPgConnection *
password_connection (void)
{
  g_autoptr(PGconn) admin = NULL;
  g_autofree char *conninfo = NULL;

  pursuit_test_pg_make_role ("password_user", NULL, NULL);
  admin = pursuit_test_pg_connect ("postgres", NULL);
  pursuit_test_pg_run (admin, "ALTER ROLE password_user PASSWORD '" PASSWORD "'");
  conninfo = pursuit_test_pg_conninfo ("postgres", "password_user");
  return pursuit_pg_connection_new (conninfo);
}

/* Connects, and returns the error (NULL when connected). */
static GError *
try_connect (PursuitPgConnection *conn)
{
  g_autoptr(GAsyncResult) result = NULL;
  GError *error = NULL;

  pursuit_pg_connection_connect_async (conn, NULL, pursuit_test_pg_store_result, &result);
  PURSUIT_TEST_PG_WAIT_FOR (result != NULL, 30);
  g_assert_nonnull (result);
  pursuit_pg_connection_connect_finish (conn, result, &error);
  return error;
}

/* Types @password into the dialog showing for @conn and clicks Connect. */
static void
answer (PursuitPgConnection *conn,
        const char          *password,
        gboolean             remember,
        const char          *expected_reason)
{
  PursuitPasswordDialog *dialog = NULL;

  PURSUIT_TEST_PG_WAIT_FOR ((dialog = pursuit_password_dialog_find (conn)) != NULL, 30);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), expected_reason));
  gtk_editable_set_text (pursuit_password_dialog_get_entry (dialog), password);
  gtk_check_button_set_active (pursuit_password_dialog_get_remember (dialog), remember);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "connect");
}

/* Asked, a wrong password refused and asked again, the right one taken. */
static void
test_dialog (void)
{
  g_autoptr(PursuitPgConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  if (!pursuit_test_pg_need_cluster ())
    return;
  conn = password_connection ();
  error = try_connect (conn);
  g_assert_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_PASSWORD);

  pursuit_password_dialog_connect_async (NULL, conn, error->message, NULL, pursuit_test_pg_store_result, &result);
  answer (conn, "wrong horse", FALSE, "asks password_user for a password");
  answer (conn, PASSWORD, FALSE, "refused the password");
  PURSUIT_TEST_PG_WAIT_FOR (result != NULL, 30);
  g_assert_nonnull (result);
  g_clear_error (&error);
  g_assert_true (pursuit_password_dialog_connect_finish (result, &error));
  g_assert_no_error (error);
  g_assert_true (pursuit_pg_connection_get_online (conn));
  g_assert_null (pursuit_password_dialog_find (conn));
}

static void
test_dialog_cancel (void)
{
  g_autoptr(PursuitPgConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  PursuitPasswordDialog *dialog = NULL;

  if (!pursuit_test_pg_need_cluster ())
    return;
  conn = password_connection ();
  pursuit_password_dialog_connect_async (NULL, conn, "The team server asks for a password.", NULL,
                                         pursuit_test_pg_store_result, &result);
  PURSUIT_TEST_PG_WAIT_FOR ((dialog = pursuit_password_dialog_find (conn)) != NULL, 30);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  PURSUIT_TEST_PG_WAIT_FOR (result != NULL, 30);
  g_assert_false (pursuit_password_dialog_connect_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (pursuit_pg_connection_get_online (conn));
}

/* A Secret Service just sufficient for libsecret's simple API with the
 * "plain" session: one collection ("default"), items kept in memory. */
#define SECRETS_PATH "/org/freedesktop/secrets"
/* libsecret stores to the default collection through its alias path. */
#define COLLECTION_PATH SECRETS_PATH "/aliases/default"

static const char secret_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Secret.Service'>"
  "    <method name='OpenSession'><arg direction='in' type='s'/><arg direction='in' type='v'/>"
  "      <arg direction='out' type='v'/><arg direction='out' type='o'/></method>"
  "    <method name='SearchItems'><arg direction='in' type='a{ss}'/>"
  "      <arg direction='out' type='ao'/><arg direction='out' type='ao'/></method>"
  "    <method name='Unlock'><arg direction='in' type='ao'/>"
  "      <arg direction='out' type='ao'/><arg direction='out' type='o'/></method>"
  "    <method name='GetSecrets'><arg direction='in' type='ao'/><arg direction='in' type='o'/>"
  "      <arg direction='out' type='a{o(oayays)}'/></method>"
  "    <method name='ReadAlias'><arg direction='in' type='s'/><arg direction='out' type='o'/></method>"
  "  </interface>"
  "  <interface name='org.freedesktop.Secret.Collection'>"
  "    <method name='CreateItem'><arg direction='in' type='a{sv}'/><arg direction='in' type='(oayays)'/>"
  "      <arg direction='in' type='b'/><arg direction='out' type='o'/><arg direction='out' type='o'/></method>"
  "  </interface>"
  "</node>";

typedef struct
{
  GVariant *attributes; /* a{ss} */
  char *secret;
} Item;

typedef struct
{
  GPtrArray *items;
  guint calls_create;
  guint calls_search;
} Keyring;

static void
item_free (Item *item)
{
  g_variant_unref (item->attributes);
  g_free (item->secret);
  g_free (item);
}

static gboolean
item_matches (Item     *item,
              GVariant *wanted)
{
  GVariantIter iter;
  const char *key, *value;

  g_variant_iter_init (&iter, wanted);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    {
      const char *have = NULL;

      if (!g_variant_lookup (item->attributes, key, "&s", &have) || g_strcmp0 (have, value) != 0)
        return FALSE;
    }
  return TRUE;
}

static char *
item_path (guint index)
{
  return g_strdup_printf (COLLECTION_PATH "/%u", index + 1);
}

static GVariant *
search_items (Keyring  *keyring,
              GVariant *wanted)
{
  GVariantBuilder found;

  keyring->calls_search++;
  g_variant_builder_init (&found, G_VARIANT_TYPE ("ao"));
  for (guint i = 0; i < keyring->items->len; i++)
    if (item_matches (keyring->items->pdata[i], wanted))
      {
        g_autofree char *path = item_path (i);

        g_variant_builder_add (&found, "o", path);
      }
  return g_variant_new ("(@aoao)", g_variant_builder_end (&found), NULL);
}

static GVariant *
get_secrets (Keyring  *keyring,
             GVariant *paths,
             const char *session)
{
  GVariantBuilder secrets;
  GVariantIter iter;
  const char *path;

  g_variant_builder_init (&secrets, G_VARIANT_TYPE ("a{o(oayays)}"));
  g_variant_iter_init (&iter, paths);
  while (g_variant_iter_next (&iter, "&o", &path))
    {
      guint index = g_ascii_strtoull (strrchr (path, '/') + 1, NULL, 10) - 1;
      Item *item;

      g_assert_cmpuint (index, <, keyring->items->len);
      item = keyring->items->pdata[index];
      g_variant_builder_add (&secrets, "{o(o@ay@ays)}", path, session,
                             g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, "", 0, 1),
                             g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, item->secret, strlen (item->secret), 1),
                             "text/plain");
    }
  return g_variant_new ("(@a{o(oayays)})", g_variant_builder_end (&secrets));
}

static GVariant *
create_item (Keyring  *keyring,
             GVariant *properties,
             GVariant *secret)
{
  g_autoptr(GVariant) attributes = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autofree char *path = NULL;
  Item *item = g_new0 (Item, 1);
  gsize length;
  const char *bytes;

  keyring->calls_create++;
  attributes = g_variant_lookup_value (properties, "org.freedesktop.Secret.Item.Attributes", G_VARIANT_TYPE ("a{ss}"));
  g_assert_nonnull (attributes);
  value = g_variant_get_child_value (secret, 2);
  bytes = g_variant_get_fixed_array (value, &length, 1);
  item->attributes = g_variant_ref (attributes);
  item->secret = g_strndup (bytes, length);
  g_ptr_array_add (keyring->items, item);
  path = item_path (keyring->items->len - 1);
  return g_variant_new ("(oo)", path, "/");
}

static void
secret_method (GDBusConnection       *connection,
               const char            *sender,
               const char            *object_path,
               const char            *interface_name,
               const char            *method_name,
               GVariant              *parameters,
               GDBusMethodInvocation *invocation,
               gpointer               data)
{
  Keyring *keyring = data;
  g_autoptr(GVariant) first = g_variant_get_child_value (parameters, 0);

  g_test_message ("Secret Service: %s.%s on %s", interface_name, method_name, object_path);
  /* Only the plain session: libsecret falls back to it. */
  if (g_str_equal (method_name, "OpenSession") && !g_str_equal (g_variant_get_string (first, NULL), "plain"))
    g_dbus_method_invocation_return_dbus_error (invocation, "org.freedesktop.DBus.Error.NotSupported",
                                                "Only the plain algorithm");
  else if (g_str_equal (method_name, "OpenSession"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(vo)", g_variant_new_string (""),
                                                                      SECRETS_PATH "/session/1"));
  else if (g_str_equal (method_name, "SearchItems"))
    g_dbus_method_invocation_return_value (invocation, search_items (keyring, first));
  else if (g_str_equal (method_name, "Unlock"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(@ao@o)", g_variant_ref (first),
                                                                      g_variant_new_object_path ("/")));
  else if (g_str_equal (method_name, "GetSecrets"))
    {
      g_autoptr(GVariant) session = g_variant_get_child_value (parameters, 1);

      g_dbus_method_invocation_return_value (invocation,
                                             get_secrets (keyring, first, g_variant_get_string (session, NULL)));
    }
  else if (g_str_equal (method_name, "ReadAlias"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", COLLECTION_PATH));
  else if (g_str_equal (method_name, "CreateItem"))
    {
      g_autoptr(GVariant) secret = g_variant_get_child_value (parameters, 1);

      g_dbus_method_invocation_return_value (invocation, create_item (keyring, first, secret));
    }
  else
    g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD, "%s", method_name);
}

static const GDBusInterfaceVTable secret_vtable = { secret_method, NULL, NULL, { 0 } };

static void
name_cb (GDBusConnection *connection,
         const char      *name,
         gpointer         data)
{
  *(int *) data = 1;
}

static void
name_lost_cb (GDBusConnection *connection,
              const char      *name,
              gpointer         data)
{
  *(int *) data = -1;
}

/* The password typed with "Remember in keyring" reaches the keyring once
 * the server took it, under the server, port, database and user; a new
 * connection then finds it there without asking. */
static void
test_keyring (void)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (secret_xml, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PursuitPgConnection) first = NULL;
  g_autoptr(PursuitPgConnection) second = NULL;
  Keyring keyring = { g_ptr_array_new_with_free_func ((GDestroyNotify) item_free), 0, 0 };
  guint ids[2], owner;
  int owned = 0;
  Item *item;
  const char *value = NULL;

  if (!pursuit_test_pg_need_cluster ())
    return;
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    {
      g_test_skip ("No session bus to offer a Secret Service on: run the test under dbus-run-session");
      return;
    }
  ids[0] = g_dbus_connection_register_object (bus, SECRETS_PATH, node->interfaces[0], &secret_vtable, &keyring,
                                              NULL, &error);
  g_assert_no_error (error);
  ids[1] = g_dbus_connection_register_object (bus, COLLECTION_PATH, node->interfaces[1], &secret_vtable, &keyring,
                                              NULL, &error);
  g_assert_no_error (error);
  owner = g_bus_own_name_on_connection (bus, "org.freedesktop.secrets", G_BUS_NAME_OWNER_FLAGS_NONE, name_cb,
                                        name_lost_cb, &owned, NULL);
  PURSUIT_TEST_PG_WAIT_FOR (owned != 0, 30);
  g_assert_cmpint (owned, ==, 1);

  first = password_connection ();
  error = try_connect (first);
  g_assert_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_PASSWORD);
  g_assert_cmpuint (keyring.calls_search, >=, 1);
  g_assert_cmpuint (keyring.items->len, ==, 0);
  g_clear_error (&error);

  pursuit_pg_connection_set_password (first, PASSWORD, TRUE);
  error = try_connect (first);
  g_assert_no_error (error);
  g_assert_cmpuint (keyring.items->len, ==, 1);
  item = keyring.items->pdata[0];
  g_assert_cmpstr (item->secret, ==, PASSWORD);
  g_assert_true (g_variant_lookup (item->attributes, "user", "&s", &value));
  g_assert_cmpstr (value, ==, "password_user");
  g_assert_true (g_variant_lookup (item->attributes, "database", "&s", &value));
  g_assert_cmpstr (value, ==, "postgres");
  g_assert_true (g_variant_lookup (item->attributes, "host", "&s", &value));
  g_assert_cmpstr (value, ==, g_getenv ("PURSUIT_TEST_PG_HOST"));
  g_assert_true (g_variant_lookup (item->attributes, "port", "&s", &value));
  g_assert_cmpstr (value, ==, g_getenv ("PURSUIT_TEST_PG_PORT"));

  second = password_connection ();
  error = try_connect (second);
  g_assert_no_error (error);
  g_assert_true (pursuit_pg_connection_get_online (second));
  g_assert_cmpstr (pursuit_pg_connection_get_user (second), ==, "password_user");
  g_assert_cmpuint (keyring.calls_create, ==, 1);

  g_bus_unown_name (owner);
  g_dbus_connection_unregister_object (bus, ids[0]);
  g_dbus_connection_unregister_object (bus, ids[1]);
  g_ptr_array_unref (keyring.items);
}

/* With a team server in Preferences and no --database, the window opens
 * the team server: its connection shows on the server. */
static void
test_preferences_team_server (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.pursuit.Pursuit");
  g_autoptr(PursuitApplication) app = NULL;
  g_autoptr(PGconn) admin = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *seen = NULL;

  if (!pursuit_test_pg_need_cluster ())
    return;
  admin = pursuit_test_pg_connect ("postgres", NULL);
  db = pursuit_test_pg_make_database (g_getenv ("PURSUIT_TEST_PG_USER"));
  conninfo = pursuit_test_pg_conninfo (db, NULL);
  g_assert_true (pursuit_pg_setup_team (conninfo, &error));
  g_assert_no_error (error);
  g_settings_set_string (settings, "team-server", conninfo);

  app = pursuit_application_new ();
  g_application_set_application_id (G_APPLICATION (app), "io.github.pursuit.Pursuit.TeamTest");
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  sql = g_strdup_printf ("SELECT count (*) > 0 FROM pg_stat_activity WHERE datname = '%s' "
                         "AND application_name = 'pursuit'", db);
  for (gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC; g_get_monotonic_time () < end;)
    {
      g_free (seen);
      seen = pursuit_test_pg_column (admin, sql);
      if (g_str_equal (seen, "t"))
        break;
      PURSUIT_TEST_PG_WAIT_FOR (FALSE, 0.1);
    }
  g_assert_cmpstr (seen, ==, "t");
  g_assert_nonnull (pursuit_application_get_store (app));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (app)))
    gtk_window_destroy (l->data);
  g_settings_reset (settings, "team-server");
}

int
main (int   argc,
      char *argv[])
{
  /* Only the passwords a test gives: not the user's ~/.pgpass. */
  g_setenv ("PGPASSFILE", "/nonexistent/pgpass", TRUE);
  g_unsetenv ("PGPASSWORD");
  g_unsetenv ("PGSERVICEFILE");
  /* No G_TEST_OPTION_ISOLATE_DIRS: it hides XDG_DATA_DIRS, and with them
   * the MIME database that GdkPixbuf needs for the window's SVG icons.
   * What the application writes goes to a folder of the test's own. */
  g_autofree char *home = g_dir_make_tmp ("pursuit-pg-password-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *cache = g_build_filename (home, "cache", NULL);

  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/pg/password/dialog", test_dialog);
  g_test_add_func ("/pg/password/dialog-cancel", test_dialog_cancel);
  g_test_add_func ("/pg/password/keyring", test_keyring);
  g_test_add_func ("/pg/password/preferences-team-server", test_preferences_team_server);
  return g_test_run ();
}
