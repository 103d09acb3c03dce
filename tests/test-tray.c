/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test-tray"

#include "config.h"

#include <glib/gstdio.h>

#include "pursuit-store-touches.h"
#include "pursuit-tray.h"
#include "test-clock.h"

/* The tray icon over a real session bus: a StatusNotifierWatcher written
 * for the test receives the registration, and the item's properties and
 * menu are read back over the bus from a connection of the test's own. */

static const char watcher_xml[] =
  "<node>"
  "  <interface name='org.kde.StatusNotifierWatcher'>"
  "    <method name='RegisterStatusNotifierItem'><arg type='s' direction='in'/></method>"
  "    <method name='RegisterStatusNotifierHost'><arg type='s' direction='in'/></method>"
  "    <property name='RegisteredStatusNotifierItems' type='as' access='read'/>"
  "    <property name='IsStatusNotifierHostRegistered' type='b' access='read'/>"
  "    <property name='ProtocolVersion' type='i' access='read'/>"
  "  </interface>"
  "</node>";

typedef struct
{
  char             *dir;
  char             *path;
  PursuitStore     *store;
  TestClock         clock;
  PursuitScheduler *scheduler;
  PursuitTray      *tray;
} Fixture;

static GApplication *app;
static GDBusConnection *bus;       /* the test's own connection */
static GPtrArray *registered;      /* "sender service" */
static GArray *opened;             /* gint64 */
static guint quits;
static guint layout_updates;

static void
watcher_method_call (GDBusConnection       *connection,
                     const char            *sender,
                     const char            *path,
                     const char            *interface,
                     const char            *method,
                     GVariant              *parameters,
                     GDBusMethodInvocation *invocation,
                     gpointer               data)
{
  if (g_str_equal (method, "RegisterStatusNotifierItem"))
    {
      const char *service;

      g_variant_get (parameters, "(&s)", &service);
      g_ptr_array_add (registered, g_strdup_printf ("%s %s", sender, service));
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static GVariant *
watcher_get_property (GDBusConnection *connection,
                      const char      *sender,
                      const char      *path,
                      const char      *interface,
                      const char      *name,
                      GError         **error,
                      gpointer         data)
{
  if (g_str_equal (name, "IsStatusNotifierHostRegistered"))
    return g_variant_new_boolean (TRUE);
  if (g_str_equal (name, "ProtocolVersion"))
    return g_variant_new_int32 (0);
  return g_variant_new_strv (NULL, 0);
}

static const GDBusInterfaceVTable watcher_vtable = { watcher_method_call, watcher_get_property, NULL, { 0 } };

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         data)
{
  *(gboolean *) data = TRUE;
}

static void
start_watcher (void)
{
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (watcher_xml, NULL);
  g_autoptr(GError) error = NULL;
  gboolean owned = FALSE;

  g_dbus_connection_register_object (bus, "/StatusNotifierWatcher", info->interfaces[0], &watcher_vtable, NULL,
                                     NULL, &error);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (bus, "org.kde.StatusNotifierWatcher", G_BUS_NAME_OWNER_FLAGS_NONE,
                                name_acquired_cb, NULL, &owned, NULL);
  while (!owned)
    g_main_context_iteration (NULL, TRUE);
}

static void
call_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  GVariant **reply = data;
  g_autoptr(GError) error = NULL;

  *reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  g_assert_no_error (error);
}

/* Calls the application over the bus; the application answers from this
 * thread's main context, so the call is asynchronous. */
static GVariant *
call (const char *path,
      const char *interface,
      const char *method,
      GVariant   *parameters)
{
  GVariant *reply = NULL;

  g_dbus_connection_call (bus, g_dbus_connection_get_unique_name (g_application_get_dbus_connection (app)), path,
                          interface, method, parameters, NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, call_done_cb,
                          &reply);
  while (reply == NULL)
    g_main_context_iteration (NULL, TRUE);
  return reply;
}

static GVariant *
get_item_property (const char *name)
{
  g_autoptr(GVariant) reply = call ("/StatusNotifierItem", "org.freedesktop.DBus.Properties", "Get",
                                    g_variant_new ("(ss)", "org.kde.StatusNotifierItem", name));
  GVariant *value;

  g_variant_get (reply, "(v)", &value);
  return value;
}

static char *
dup_tooltip_text (void)
{
  g_autoptr(GVariant) tooltip = get_item_property ("ToolTip");
  char *text;

  g_variant_get (tooltip, "(&s@a(iiay)&ss)", NULL, NULL, NULL, &text);
  return text;
}

static void
settle (void)
{
  for (guint i = 0; i < 20; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-tray-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  test_clock_init (&f->clock);
  f->scheduler = pursuit_scheduler_new (f->store, &f->clock.clock, NULL);
  g_ptr_array_set_size (registered, 0);
  g_array_set_size (opened, 0);
  quits = 0;
  if (data != NULL)
    start_watcher ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&f->tray);
  g_clear_object (&f->scheduler);
  g_clear_object (&f->store);
  test_clock_clear (&f->clock);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (f->path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static PursuitProspect *
add_due (Fixture    *f,
         const char *name,
         gint64      seconds)
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
  return prospect;
}

static void
test_no_watcher (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *text = NULL;

  /* No panel shows tray icons: nothing registers, nothing fails. */
  add_due (f, "Jane Doe", -60);
  f->tray = pursuit_tray_new (app, f->scheduler);
  settle ();
  g_assert_cmpuint (registered->len, ==, 0);
  text = dup_tooltip_text ();
  g_assert_cmpstr (text, ==, "1 follow-up due");
}

static void
layout_updated_cb (GDBusConnection *connection,
                   const char      *sender,
                   const char      *path,
                   const char      *interface,
                   const char      *signal,
                   GVariant        *parameters,
                   gpointer         data)
{
  layout_updates++;
}

/* The ids of the root menu's children, in their order. */
static GArray *
menu_ids (void)
{
  g_autoptr(GVariant) reply = call ("/MenuBar", "com.canonical.dbusmenu", "GetLayout",
                                    g_variant_new ("(ii@as)", 0, -1, g_variant_new_strv (NULL, 0)));
  g_autoptr(GVariant) root = NULL;
  g_autoptr(GVariant) children = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (int));

  g_variant_get (reply, "(u@(ia{sv}av))", NULL, &root);
  children = g_variant_get_child_value (root, 2);
  for (gsize i = 0; i < g_variant_n_children (children); i++)
    {
      g_autoptr(GVariant) boxed = g_variant_get_child_value (children, i);
      g_autoptr(GVariant) child = g_variant_get_variant (boxed);
      int id;

      g_variant_get_child (child, 0, "i", &id);
      g_array_append_val (ids, id);
    }
  return ids;
}

/* The labels of the root menu's children ("-" for a separator). */
static GPtrArray *
menu_labels (guint *revision)
{
  g_autoptr(GVariant) reply = call ("/MenuBar", "com.canonical.dbusmenu", "GetLayout",
                                    g_variant_new ("(ii@as)", 0, -1, g_variant_new_strv (NULL, 0)));
  g_autoptr(GVariant) root = NULL;
  g_autoptr(GVariant) children = NULL;
  GPtrArray *labels = g_ptr_array_new_with_free_func (g_free);

  g_variant_get (reply, "(u@(ia{sv}av))", revision, &root);
  children = g_variant_get_child_value (root, 2);
  for (gsize i = 0; i < g_variant_n_children (children); i++)
    {
      g_autoptr(GVariant) boxed = g_variant_get_child_value (children, i);
      g_autoptr(GVariant) child = g_variant_get_variant (boxed);
      g_autoptr(GVariant) props = g_variant_get_child_value (child, 1);
      const char *label = NULL, *type = NULL;

      g_variant_lookup (props, "label", "&s", &label);
      g_variant_lookup (props, "type", "&s", &type);
      g_ptr_array_add (labels, g_strdup (g_strcmp0 (type, "separator") == 0 ? "-" : label));
    }
  return labels;
}

static void
event (int id)
{
  g_autoptr(GVariant) reply = call ("/MenuBar", "com.canonical.dbusmenu", "Event",
                                    g_variant_new ("(isvu)", id, "clicked", g_variant_new_int32 (0), 0));
}

static void
test_registered (Fixture       *f,
                 gconstpointer  data)
{
  PursuitProspect *first = add_due (f, "Ann_Lee", -3600);
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GVariant) menu = NULL;
  g_autoptr(GVariant) status = NULL;
  g_autoptr(GVariant) id = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_after = NULL;
  g_autoptr(PursuitTouch) touch = NULL;
  g_autoptr(GDateTime) now = test_clock_in (&f->clock, 0);
  g_autoptr(GError) error = NULL;
  guint revision, revision_after;
  const char *unique = g_dbus_connection_get_unique_name (g_application_get_dbus_connection (app));
  guint subscription;

  for (guint i = 0; i < 11; i++)
    {
      g_autofree char *name = g_strdup_printf ("Prospect %u", i);
      add_due (f, name, -(gint64) i);
    }
  f->tray = pursuit_tray_new (app, f->scheduler);
  while (registered->len == 0)
    g_main_context_iteration (NULL, TRUE);

  /* The item registers under its connection's name. */
  expected = g_strdup_printf ("%s %s", unique, unique);
  g_assert_cmpstr (g_ptr_array_index (registered, 0), ==, expected);

  text = dup_tooltip_text ();
  g_assert_cmpstr (text, ==, "12 follow-ups due");
  menu = get_item_property ("Menu");
  g_assert_cmpstr (g_variant_get_string (menu, NULL), ==, "/MenuBar");
  status = get_item_property ("Status");
  g_assert_cmpstr (g_variant_get_string (status, NULL), ==, "NeedsAttention");
  id = get_item_property ("Id");
  g_assert_cmpstr (g_variant_get_string (id, NULL), ==, "io.github.pursuit.Pursuit");

  /* Open, a separator, ten of the twelve (soonest first), a separator,
   * Quit. */
  labels = menu_labels (&revision);
  g_assert_cmpuint (labels->len, ==, 14);
  g_assert_cmpstr (g_ptr_array_index (labels, 0), ==, "Open Pursuit");
  g_assert_cmpstr (g_ptr_array_index (labels, 1), ==, "-");
  g_assert_cmpstr (g_ptr_array_index (labels, 2), ==, "Call Ann__Lee — Acme");
  g_assert_cmpstr (g_ptr_array_index (labels, 3), ==, "Call Prospect 10 — Acme");
  g_assert_cmpstr (g_ptr_array_index (labels, 12), ==, "-");
  g_assert_cmpstr (g_ptr_array_index (labels, 13), ==, "Quit");

  /* A follow-up opens its prospect; Quit quits. */
  event (100);
  g_assert_cmpuint (opened->len, ==, 1);
  g_assert_cmpint (g_array_index (opened, gint64, 0), ==, pursuit_prospect_get_id (first));
  event (4);
  g_assert_cmpuint (quits, ==, 1);

  /* Logging a touch updates the menu and the tooltip. */
  subscription = g_dbus_connection_signal_subscribe (bus, unique, "com.canonical.dbusmenu", "LayoutUpdated",
                                                     "/MenuBar", NULL, G_DBUS_SIGNAL_FLAGS_NONE, layout_updated_cb,
                                                     NULL, NULL);
  /* A round trip to the bus: the match rule is in place before the touch. */
  g_variant_unref (g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                "org.freedesktop.DBus", "GetId", NULL, NULL,
                                                G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL));
  layout_updates = 0;
  touch = pursuit_touch_new (pursuit_prospect_get_id (first), now, PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT,
                             PURSUIT_OUTCOME_REPLIED);
  pursuit_store_record_touch (f->store, touch, &error);
  g_assert_no_error (error);
  while (layout_updates == 0)
    g_main_context_iteration (NULL, TRUE);
  g_dbus_connection_signal_unsubscribe (bus, subscription);
  text_after = dup_tooltip_text ();
  g_assert_cmpstr (text_after, ==, "11 follow-ups due");
  g_clear_pointer (&labels, g_ptr_array_unref);
  labels = menu_labels (&revision_after);
  g_assert_cmpuint (revision_after, >, revision);
  g_assert_cmpstr (g_ptr_array_index (labels, 2), ==, "Call Prospect 10 — Acme");
}

/* A click names the prospect the menu showed, whatever happened to the
 * due list between the menu's layout and the click. */
static void
test_click_after_change (Fixture       *f,
                         gconstpointer  data)
{
  PursuitProspect *ann = add_due (f, "Ann", -300);
  PursuitProspect *bob = add_due (f, "Bob", -200);
  PursuitProspect *cleo = add_due (f, "Cleo", -100);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(PursuitTouch) touch = NULL;
  g_autoptr(GDateTime) now = test_clock_in (&f->clock, 0);
  g_autoptr(GError) error = NULL;
  int bob_item, cleo_item;
  guint revision;

  f->tray = pursuit_tray_new (app, f->scheduler);
  settle ();
  labels = menu_labels (&revision);
  ids = menu_ids ();
  g_assert_cmpstr (g_ptr_array_index (labels, 3), ==, "Call Bob — Acme");
  g_assert_cmpstr (g_ptr_array_index (labels, 4), ==, "Call Cleo — Acme");
  bob_item = g_array_index (ids, int, 3);
  cleo_item = g_array_index (ids, int, 4);

  /* Ann is dealt with, and someone new comes due before Cleo: every
   * position after Ann's shifts. */
  touch = pursuit_touch_new (pursuit_prospect_get_id (ann), now, PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT,
                             PURSUIT_OUTCOME_REPLIED);
  pursuit_store_record_touch (f->store, touch, &error);
  g_assert_no_error (error);
  add_due (f, "Dora", -150);
  settle ();

  event (bob_item);
  event (cleo_item);
  g_assert_cmpuint (opened->len, ==, 2);
  g_assert_cmpint (g_array_index (opened, gint64, 0), ==, pursuit_prospect_get_id (bob));
  g_assert_cmpint (g_array_index (opened, gint64, 1), ==, pursuit_prospect_get_id (cleo));

  /* Bob, no longer due, still opens from a menu shown before. */
  g_clear_object (&touch);
  touch = pursuit_touch_new (pursuit_prospect_get_id (bob), now, PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT,
                             PURSUIT_OUTCOME_REPLIED);
  pursuit_store_record_touch (f->store, touch, &error);
  g_assert_no_error (error);
  settle ();
  event (bob_item);
  g_assert_cmpuint (opened->len, ==, 3);
  g_assert_cmpint (g_array_index (opened, gint64, 2), ==, pursuit_prospect_get_id (bob));
}

static void
open_prospect_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       data)
{
  gint64 id = g_variant_get_int64 (param);

  g_array_append_val (opened, id);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       data)
{
  quits++;
}

int
main (int   argc,
      char *argv[])
{
  static const GActionEntry entries[] = {
    { "open-prospect", open_prospect_action, "x" },
    { "quit", quit_action },
  };
  g_autofree char *app_id = NULL;
  g_autofree char *address = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("No session bus: run under dbus-run-session");
      return g_test_run ();
    }

  registered = g_ptr_array_new_with_free_func (g_free);
  opened = g_array_new (FALSE, FALSE, sizeof (gint64));
  app_id = g_strdup_printf ("io.github.pursuit.TestTray%d", (int) getpid ());
  app = g_application_new (app_id, G_APPLICATION_DEFAULT_FLAGS);
  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), NULL);
  g_application_register (app, NULL, &error);
  g_assert_no_error (error);
  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  bus = g_dbus_connection_new_for_address_sync (address,
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, &error);
  g_assert_no_error (error);

  /* Without a watcher first, then with one. */
  g_test_add ("/reminders/tray/no-watcher", Fixture, NULL, fixture_set_up, test_no_watcher, fixture_tear_down);
  g_test_add ("/reminders/tray/registered", Fixture, GINT_TO_POINTER (1), fixture_set_up, test_registered,
              fixture_tear_down);
  g_test_add ("/reminders/tray/click-after-change", Fixture, NULL, fixture_set_up, test_click_after_change,
              fixture_tear_down);

  status = g_test_run ();

  g_clear_object (&app);
  g_dbus_connection_close_sync (bus, NULL, NULL);
  g_clear_object (&bus);
  g_ptr_array_unref (registered);
  g_array_unref (opened);
  return status;
}
