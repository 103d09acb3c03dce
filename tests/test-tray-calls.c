/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test-tray-calls"

#include "config.h"

#include "pursuit-store.h"
#include "pursuit-tray.h"
#include "test-clock.h"
#include "test-util.h"

/* The calls of the tray's interfaces that test-tray leaves out, made over
 * a real session bus as a panel makes them: the menu's group calls and
 * properties, and the item's clicks and scrolls. */

typedef struct
{
  char             *dir;
  PursuitStore     *store;
  TestClock         clock;
  PursuitScheduler *scheduler;
  PursuitTray      *tray;
  gint64            ann;
} Fixture;

static GApplication *app;
static GDBusConnection *bus;
static PursuitTestTrayActions actions;  /* what the tray asked the application */
static guint activations;

typedef struct
{
  GVariant *reply;
  GError   *error;
  gboolean  done;
} Reply;

static void
call_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Reply *reply = data;

  reply->reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &reply->error);
  reply->done = TRUE;
}

/* Calls the tray of @f; the tray answers from this thread's main context. */
static GVariant *
call_full (Fixture     *f,
           const char  *path,
           const char  *interface,
           const char  *method,
           GVariant    *parameters,
           GError     **error)
{
  Reply reply = { NULL, NULL, FALSE };

  g_dbus_connection_call (bus, pursuit_tray_get_bus_name (f->tray), path, interface, method, parameters, NULL,
                          G_DBUS_CALL_FLAGS_NONE, 5000, NULL, call_done_cb, &reply);
  while (!reply.done)
    g_main_context_iteration (NULL, TRUE);
  if (reply.error != NULL)
    g_propagate_error (error, reply.error);
  return reply.reply;
}

static GVariant *
call (Fixture    *f,
      const char *path,
      const char *interface,
      const char *method,
      GVariant   *parameters)
{
  g_autoptr(GError) error = NULL;
  GVariant *reply = call_full (f, path, interface, method, parameters, &error);

  g_assert_no_error (error);
  return reply;
}

static GVariant *
menu_call (Fixture    *f,
           const char *method,
           GVariant   *parameters)
{
  return call (f, "/MenuBar", "com.canonical.dbusmenu", method, parameters);
}

static void
add_due (Fixture    *f,
         const char *name,
         gint64      seconds,
         gint64     *id)
{
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new (name);
  g_autoptr(GDateTime) when = test_clock_in (&f->clock, seconds);
  g_autoptr(GError) error = NULL;

  pursuit_prospect_set_company (prospect, "Acme");
  pursuit_prospect_set_stage (prospect, PURSUIT_STAGE_ACTIVE);
  pursuit_prospect_set_tier (prospect, PURSUIT_TIER_HOT);
  pursuit_prospect_set_next_touch (prospect, when);
  pursuit_store_add (f->store, prospect, &error);
  g_assert_no_error (error);
  if (id != NULL)
    *id = pursuit_prospect_get_id (prospect);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  f->dir = pursuit_test_make_dir ("test-tray-calls");
  path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->store = pursuit_store_open (path, &error);
  g_assert_no_error (error);
  test_clock_init (&f->clock);
  f->scheduler = pursuit_scheduler_new (f->store, &f->clock.clock, NULL);
  add_due (f, "Ann", -300, &f->ann);
  add_due (f, "Bob", -200, NULL);
  g_array_set_size (actions.opened, 0);
  actions.quits = actions.todays = activations = 0;

  f->tray = pursuit_tray_new (app, f->scheduler);
  while (pursuit_tray_get_bus_name (f->tray) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->tray);
  g_clear_object (&f->scheduler);
  g_clear_object (&f->store);
  test_clock_clear (&f->clock);
  pursuit_test_remove_tree (f->dir);
  g_free (f->dir);
}

static const char *
label_of (GVariant *props)
{
  const char *label = NULL;

  g_assert_true (g_variant_lookup (props, "label", "&s", &label));
  return label;
}

/* The menu's properties; several items' properties at once, unknown ids
 * left out; one property of one item, and an error for one it lacks. */
static void
test_menu_properties (Fixture       *f,
                      gconstpointer  data)
{
  static const int ids[] = { 5, 1, 4, 100, 9999 };
  g_autoptr(GVariant) all = menu_call (f, "GetGroupProperties",
                                       g_variant_new ("(@ai@as)",
                                                      g_variant_new_fixed_array (G_VARIANT_TYPE_INT32, ids,
                                                                                 G_N_ELEMENTS (ids), sizeof (int)),
                                                      g_variant_new_strv (NULL, 0)));
  g_autoptr(GVariant) items = g_variant_get_child_value (all, 0);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GVariant) menu = NULL;
  g_autoptr(GVariant) item_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree const char **paths = NULL;
  const char *labels[] = { "Today", "Open Pursuit", "Quit", "Call Ann — Acme" };
  guint32 version = 0;
  const char *text = NULL;

  g_assert_cmpuint (g_variant_n_children (items), ==, 4);
  for (gsize i = 0; i < 4; i++)
    {
      g_autoptr(GVariant) props = NULL;
      int id;

      g_variant_get_child (items, i, "(i@a{sv})", &id, &props);
      g_assert_cmpint (id, ==, ids[i]);
      g_assert_cmpstr (label_of (props), ==, labels[i]);
    }

  reply = menu_call (f, "GetProperty", g_variant_new ("(is)", 1, "label"));
  g_variant_get (reply, "(v)", &value);
  g_assert_cmpstr (g_variant_get_string (value, NULL), ==, "Open Pursuit");
  g_clear_pointer (&reply, g_variant_unref);
  reply = call_full (f, "/MenuBar", "com.canonical.dbusmenu", "GetProperty", g_variant_new ("(is)", 1, "type"),
                     &error);
  g_assert_error (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS);
  g_assert_null (reply);

  reply = call (f, "/MenuBar", "org.freedesktop.DBus.Properties", "GetAll",
                g_variant_new ("(s)", "com.canonical.dbusmenu"));
  menu = g_variant_get_child_value (reply, 0);
  g_assert_true (g_variant_lookup (menu, "Version", "u", &version));
  g_assert_cmpuint (version, ==, 3);
  g_assert_true (g_variant_lookup (menu, "TextDirection", "&s", &text));
  g_assert_cmpstr (text, ==, "ltr");
  g_assert_true (g_variant_lookup (menu, "Status", "&s", &text));
  g_assert_cmpstr (text, ==, "normal");
  g_assert_true (g_variant_lookup (menu, "IconThemePath", "^a&s", &paths));
  g_assert_cmpuint (g_strv_length ((char **) paths), ==, 1);
  g_clear_pointer (&reply, g_variant_unref);
  reply = call (f, "/StatusNotifierItem", "org.freedesktop.DBus.Properties", "Get",
                g_variant_new ("(ss)", "org.kde.StatusNotifierItem", "IconThemePath"));
  g_variant_get (reply, "(v)", &item_path);
  g_assert_cmpstr (g_variant_get_string (item_path, NULL), ==, paths[0]);
}

/* The root's layout for a parent the menu does not have; one item's. */
static void
test_menu_layout (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GVariant) reply = menu_call (f, "GetLayout", g_variant_new ("(ii@as)", 9999, -1, g_variant_new_strv (NULL, 0)));
  g_autoptr(GVariant) root = NULL;
  g_autoptr(GVariant) children = NULL;
  g_autoptr(GVariant) leaf = NULL;
  g_autoptr(GVariant) props = NULL;
  g_autoptr(GVariant) none = NULL;
  int id = -1;

  g_variant_get (reply, "(u@(ia{sv}av))", NULL, &root);
  g_variant_get (root, "(i@a{sv}@av)", &id, NULL, &children);
  g_assert_cmpint (id, ==, 0);
  /* Today, Open, a separator, Ann, Bob, a separator, Quit. */
  g_assert_cmpuint (g_variant_n_children (children), ==, 7);

  g_clear_pointer (&reply, g_variant_unref);
  reply = menu_call (f, "GetLayout", g_variant_new ("(ii@as)", 100, -1, g_variant_new_strv (NULL, 0)));
  g_variant_get (reply, "(u@(ia{sv}av))", NULL, &leaf);
  g_variant_get (leaf, "(i@a{sv}@av)", &id, &props, &none);
  g_assert_cmpint (id, ==, 100);
  g_assert_cmpstr (label_of (props), ==, "Call Ann — Acme");
  g_assert_cmpuint (g_variant_n_children (none), ==, 0);
}

/* Clicks sent as a group activate their actions, other events nothing;
 * the menu needs no update before it shows. */
static void
test_menu_events (Fixture       *f,
                  gconstpointer  data)
{
  GVariantBuilder events;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) errors = NULL;
  g_autoptr(GVariant) updates = NULL;
  gboolean need_update = TRUE;

  g_variant_builder_init (&events, G_VARIANT_TYPE ("a(isvu)"));
  g_variant_builder_add (&events, "(isvu)", 100, "clicked", g_variant_new_int32 (0), 0);
  g_variant_builder_add (&events, "(isvu)", 5, "hovered", g_variant_new_int32 (0), 0);
  g_variant_builder_add (&events, "(isvu)", 4, "clicked", g_variant_new_int32 (0), 0);
  reply = menu_call (f, "EventGroup", g_variant_new ("(a(isvu))", &events));
  g_variant_get (reply, "(@ai)", &errors);
  g_assert_cmpuint (g_variant_n_children (errors), ==, 0);
  g_assert_cmpuint (actions.opened->len, ==, 1);
  g_assert_cmpint (g_array_index (actions.opened, gint64, 0), ==, f->ann);
  g_assert_cmpuint (actions.quits, ==, 1);
  g_assert_cmpuint (actions.todays, ==, 0);

  g_clear_pointer (&reply, g_variant_unref);
  reply = menu_call (f, "AboutToShow", g_variant_new ("(i)", 0));
  g_variant_get (reply, "(b)", &need_update);
  g_assert_false (need_update);
  g_clear_pointer (&reply, g_variant_unref);
  g_clear_pointer (&errors, g_variant_unref);
  reply = menu_call (f, "AboutToShowGroup", g_variant_new_parsed ("([0, 100],)"));
  g_variant_get (reply, "(@ai@ai)", &updates, &errors);
  g_assert_cmpuint (g_variant_n_children (updates), ==, 0);
  g_assert_cmpuint (g_variant_n_children (errors), ==, 0);
}

/* A click on the icon opens the window; its other clicks and a scroll
 * are answered and do nothing; the item says what it is. */
static void
test_item_calls (Fixture       *f,
                 gconstpointer  data)
{
  const char *item = "org.kde.StatusNotifierItem";
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) props = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = NULL;
  gboolean is_menu = TRUE;
  int window = -1;

  g_variant_unref (call (f, "/StatusNotifierItem", item, "ContextMenu", g_variant_new ("(ii)", 10, 20)));
  g_variant_unref (call (f, "/StatusNotifierItem", item, "SecondaryActivate", g_variant_new ("(ii)", 10, 20)));
  g_variant_unref (call (f, "/StatusNotifierItem", item, "Scroll", g_variant_new ("(is)", 1, "vertical")));
  g_assert_cmpuint (activations, ==, 0);
  g_variant_unref (call (f, "/StatusNotifierItem", item, "Activate", g_variant_new ("(ii)", 10, 20)));
  g_assert_cmpuint (activations, ==, 1);
  g_assert_cmpuint (actions.opened->len + actions.quits + actions.todays, ==, 0);

  reply = call_full (f, "/StatusNotifierItem", item, "ProvideXdgActivationToken", g_variant_new ("(s)", "x"),
                     &error);
  g_assert_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD);
  g_assert_null (reply);

  reply = call (f, "/StatusNotifierItem", "org.freedesktop.DBus.Properties", "GetAll", g_variant_new ("(s)", item));
  props = g_variant_get_child_value (reply, 0);
  g_assert_true (g_variant_lookup (props, "Category", "&s", &text));
  g_assert_cmpstr (text, ==, "ApplicationStatus");
  g_assert_true (g_variant_lookup (props, "Title", "&s", &text));
  g_assert_cmpstr (text, ==, "Pursuit");
  g_assert_true (g_variant_lookup (props, "IconName", "&s", &text));
  g_assert_cmpstr (text, ==, "io.github.pursuit.Pursuit-symbolic");
  g_assert_true (g_variant_lookup (props, "OverlayIconName", "&s", &text));
  g_assert_cmpstr (text, ==, "");
  g_assert_true (g_variant_lookup (props, "AttentionIconName", "&s", &text));
  g_assert_cmpstr (text, ==, "");
  g_assert_true (g_variant_lookup (props, "ItemIsMenu", "b", &is_menu));
  g_assert_false (is_menu);
  g_assert_true (g_variant_lookup (props, "WindowId", "i", &window));
  g_assert_cmpint (window, ==, 0);
  g_assert_true (g_variant_lookup (props, "Menu", "&o", &text));
  g_assert_cmpstr (text, ==, "/MenuBar");
}

static void
activate_cb (GApplication *application,
             gpointer      data)
{
  activations++;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *app_id = NULL;
  g_autofree char *address = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("No session bus: run under dbus-run-session");
      return g_test_run ();
    }

  app_id = g_strdup_printf ("io.github.pursuit.TestTrayCalls%d", (int) getpid ());
  app = g_application_new (app_id, G_APPLICATION_DEFAULT_FLAGS);
  pursuit_test_tray_actions_add (app, &actions);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  g_application_register (app, NULL, &error);
  g_assert_no_error (error);
  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  bus = g_dbus_connection_new_for_address_sync (address,
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/reminders/tray-calls/menu-properties", Fixture, NULL, fixture_set_up, test_menu_properties,
              fixture_tear_down);
  g_test_add ("/reminders/tray-calls/menu-layout", Fixture, NULL, fixture_set_up, test_menu_layout,
              fixture_tear_down);
  g_test_add ("/reminders/tray-calls/menu-events", Fixture, NULL, fixture_set_up, test_menu_events,
              fixture_tear_down);
  g_test_add ("/reminders/tray-calls/item-calls", Fixture, NULL, fixture_set_up, test_item_calls,
              fixture_tear_down);

  status = g_test_run ();

  g_clear_object (&app);
  g_dbus_connection_close_sync (bus, NULL, NULL);
  g_clear_object (&bus);
  pursuit_test_tray_actions_clear (&actions);
  return status;
}
