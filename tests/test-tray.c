/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test-tray"

#include "config.h"

#include <glib/gstdio.h>

#include "pursuit-application.h"
#include "pursuit-store-touches.h"
#include "pursuit-tray.h"
#include "test-util.h"
#include "pursuit-window.h"
#include "test-clock.h"

/* The tray icon over a real session bus: a StatusNotifierWatcher written
 * for the test receives the registration and, as real watchers do, drops
 * an item only when the name that registered it leaves the bus; the
 * item's properties and menu are read back over the bus from a connection
 * of the test's own. */

static const char watcher_xml[] =
  "<node>"
  "  <interface name='org.kde.StatusNotifierWatcher'>"
  "    <method name='RegisterStatusNotifierItem'><arg type='s' direction='in'/></method>"
  "    <method name='RegisterStatusNotifierHost'><arg type='s' direction='in'/></method>"
  "    <property name='RegisteredStatusNotifierItems' type='as' access='read'/>"
  "    <property name='IsStatusNotifierHostRegistered' type='b' access='read'/>"
  "    <property name='ProtocolVersion' type='i' access='read'/>"
  "    <signal name='StatusNotifierItemRegistered'><arg type='s'/></signal>"
  "    <signal name='StatusNotifierItemUnregistered'><arg type='s'/></signal>"
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
static GPtrArray *registered;      /* the bus names of the items the watcher lists */
static GPtrArray *senders;         /* who registered each, in order */
static char *item_name;            /* the current tray's bus name */
static PursuitTestTrayActions actions;  /* what the tray asked the application */
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

      /* A path names an object of the sender; otherwise a bus name. */
      g_variant_get (parameters, "(&s)", &service);
      if (service[0] == '/')
        service = sender;
      g_ptr_array_add (senders, g_strdup (sender));
      if (!g_ptr_array_find_with_equal_func (registered, service, g_str_equal, NULL))
        {
          g_ptr_array_add (registered, g_strdup (service));
          g_dbus_connection_emit_signal (connection, NULL, path, interface, "StatusNotifierItemRegistered",
                                         g_variant_new ("(s)", service), NULL);
        }
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

/* The item goes when its name leaves the bus, and only then. */
static void
name_owner_changed_cb (GDBusConnection *connection,
                       const char      *sender,
                       const char      *path,
                       const char      *interface,
                       const char      *signal,
                       GVariant        *parameters,
                       gpointer         data)
{
  const char *name, *new_owner;
  guint index;

  g_variant_get (parameters, "(&s&s&s)", &name, NULL, &new_owner);
  if (new_owner[0] == '\0' && g_ptr_array_find_with_equal_func (registered, name, g_str_equal, &index))
    {
      g_ptr_array_remove_index (registered, index);
      g_dbus_connection_emit_signal (connection, NULL, "/StatusNotifierWatcher", "org.kde.StatusNotifierWatcher",
                                     "StatusNotifierItemUnregistered", g_variant_new ("(s)", name), NULL);
    }
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
  return g_variant_new_strv ((const char * const *) registered->pdata, registered->len);
}

static const GDBusInterfaceVTable watcher_vtable = { watcher_method_call, watcher_get_property, NULL, { 0 } };

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         data)
{
  *(gboolean *) data = TRUE;
}

static guint watcher_own_id;

static void
own_watcher_name (void)
{
  gboolean owned = FALSE;

  watcher_own_id = g_bus_own_name_on_connection (bus, "org.kde.StatusNotifierWatcher", G_BUS_NAME_OWNER_FLAGS_NONE,
                                                 name_acquired_cb, NULL, &owned, NULL);
  while (!owned)
    g_main_context_iteration (NULL, TRUE);
}

static void
start_watcher (void)
{
  static gboolean started;
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (watcher_xml, NULL);
  g_autoptr(GError) error = NULL;

  if (started)
    return;
  started = TRUE;
  g_dbus_connection_signal_subscribe (bus, "org.freedesktop.DBus", "org.freedesktop.DBus", "NameOwnerChanged",
                                      "/org/freedesktop/DBus", NULL, G_DBUS_SIGNAL_FLAGS_NONE, name_owner_changed_cb,
                                      NULL, NULL);
  g_dbus_connection_register_object (bus, "/StatusNotifierWatcher", info->interfaces[0], &watcher_vtable, NULL,
                                     NULL, &error);
  g_assert_no_error (error);
  own_watcher_name ();
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

  g_assert_nonnull (item_name);
  g_dbus_connection_call (bus, item_name, path, interface, method, parameters, NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, call_done_cb,
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

/* Waits, up to ten seconds, for @done (@data) to hold. */
static void
wait_for (gboolean (*done) (gconstpointer data),
          gconstpointer data)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static gboolean
is_listed (gconstpointer name)
{
  return g_ptr_array_find_with_equal_func (registered, name, g_str_equal, NULL);
}

static gboolean
is_not_listed (gconstpointer name)
{
  return !is_listed (name);
}

static gboolean
has_bus_name (gconstpointer tray)
{
  return pursuit_tray_get_bus_name ((PursuitTray *) tray) != NULL;
}

/* Starts the tray, as background mode does, and waits for its name. */
static void
start_tray (Fixture *f)
{
  g_assert_null (f->tray);
  f->tray = pursuit_tray_new (app, f->scheduler);
  wait_for (has_bus_name, f->tray);
  g_free (item_name);
  item_name = g_strdup (pursuit_tray_get_bus_name (f->tray));
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
  g_ptr_array_set_size (senders, 0);
  g_array_set_size (actions.opened, 0);
  actions.quits = 0;
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
  start_tray (f);
  settle ();
  g_assert_cmpuint (senders->len, ==, 0);
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
  g_autoptr(GArray) ids = NULL;
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
  start_tray (f);
  wait_for (is_listed, item_name);

  /* The item registers under a name of its own, from a connection of its
   * own: not the application's, which stays when the tray goes. */
  expected = g_strdup_printf ("org.kde.StatusNotifierItem-%d-", (int) getpid ());
  g_assert_true (g_str_has_prefix (item_name, expected));
  g_assert_cmpuint (senders->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (senders, 0), !=, unique);

  text = dup_tooltip_text ();
  g_assert_cmpstr (text, ==, "12 follow-ups due");
  menu = get_item_property ("Menu");
  g_assert_cmpstr (g_variant_get_string (menu, NULL), ==, "/MenuBar");
  status = get_item_property ("Status");
  g_assert_cmpstr (g_variant_get_string (status, NULL), ==, "NeedsAttention");
  id = get_item_property ("Id");
  g_assert_cmpstr (g_variant_get_string (id, NULL), ==, "io.github.pursuit.Pursuit");

  /* Today, Open, a separator, ten of the twelve (soonest first), a
   * separator, Quit. */
  labels = menu_labels (&revision);
  g_assert_cmpuint (labels->len, ==, 15);
  g_assert_cmpstr (g_ptr_array_index (labels, 0), ==, "Today");
  g_assert_cmpstr (g_ptr_array_index (labels, 1), ==, "Open Pursuit");
  g_assert_cmpstr (g_ptr_array_index (labels, 2), ==, "-");
  g_assert_cmpstr (g_ptr_array_index (labels, 3), ==, "Call Ann__Lee — Acme");
  g_assert_cmpstr (g_ptr_array_index (labels, 4), ==, "Call Prospect 10 — Acme");
  g_assert_cmpstr (g_ptr_array_index (labels, 13), ==, "-");
  g_assert_cmpstr (g_ptr_array_index (labels, 14), ==, "Quit");

  /* Today opens the Today page; a follow-up opens its prospect; Quit
   * quits: each click, sent over the bus by the id the layout gave,
   * activates its application action once. */
  ids = menu_ids ();
  actions.todays = 0;
  event (g_array_index (ids, int, 0));
  g_assert_cmpuint (actions.todays, ==, 1);
  g_assert_cmpuint (actions.opened->len, ==, 0);
  g_assert_cmpuint (actions.quits, ==, 0);
  event (100);
  g_assert_cmpuint (actions.opened->len, ==, 1);
  g_assert_cmpint (g_array_index (actions.opened, gint64, 0), ==, pursuit_prospect_get_id (first));
  event (4);
  g_assert_cmpuint (actions.quits, ==, 1);
  g_assert_cmpuint (actions.todays, ==, 1);

  /* Logging a touch updates the menu and the tooltip. */
  subscription = g_dbus_connection_signal_subscribe (bus, NULL, "com.canonical.dbusmenu", "LayoutUpdated",
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
  g_assert_cmpstr (g_ptr_array_index (labels, 3), ==, "Call Prospect 10 — Acme");
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

  start_tray (f);
  settle ();
  labels = menu_labels (&revision);
  ids = menu_ids ();
  g_assert_cmpstr (g_ptr_array_index (labels, 4), ==, "Call Bob — Acme");
  g_assert_cmpstr (g_ptr_array_index (labels, 5), ==, "Call Cleo — Acme");
  bob_item = g_array_index (ids, int, 4);
  cleo_item = g_array_index (ids, int, 5);

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
  g_assert_cmpuint (actions.opened->len, ==, 2);
  g_assert_cmpint (g_array_index (actions.opened, gint64, 0), ==, pursuit_prospect_get_id (bob));
  g_assert_cmpint (g_array_index (actions.opened, gint64, 1), ==, pursuit_prospect_get_id (cleo));

  /* Bob, no longer due, still opens from a menu shown before. */
  g_clear_object (&touch);
  touch = pursuit_touch_new (pursuit_prospect_get_id (bob), now, PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT,
                             PURSUIT_OUTCOME_REPLIED);
  pursuit_store_record_touch (f->store, touch, &error);
  g_assert_no_error (error);
  settle ();
  event (bob_item);
  g_assert_cmpuint (actions.opened->len, ==, 3);
  g_assert_cmpint (g_array_index (actions.opened, gint64, 2), ==, pursuit_prospect_get_id (bob));
}

/* Turning "Run in background" off disposes of the tray: the item leaves
 * the watcher, which drops it only when its name leaves the bus, and the
 * application's own connection stays. Turned on again, it comes back. */
static void
test_leaves_watcher (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *first = NULL;

  add_due (f, "Jane Doe", -60);
  start_tray (f);
  wait_for (is_listed, item_name);
  first = g_strdup (item_name);

  g_clear_object (&f->tray);
  wait_for (is_not_listed, first);
  g_assert_cmpuint (registered->len, ==, 0);
  g_assert_false (g_dbus_connection_is_closed (g_application_get_dbus_connection (app)));

  start_tray (f);
  wait_for (is_listed, item_name);
  g_assert_cmpstr (item_name, !=, first);
  g_assert_cmpuint (registered->len, ==, 1);
  g_assert_cmpuint (senders->len, ==, 2);
}

/* The panel restarts: a new watcher, which knows no items, and the item
 * registers with it again. */
static void
test_watcher_restarts (Fixture       *f,
                       gconstpointer  data)
{
  start_tray (f);
  wait_for (is_listed, item_name);
  g_assert_cmpuint (senders->len, ==, 1);

  g_bus_unown_name (watcher_own_id);
  g_ptr_array_set_size (registered, 0);
  own_watcher_name ();
  wait_for (is_listed, item_name);
  g_assert_cmpuint (senders->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (senders, 0), ==, g_ptr_array_index (senders, 1));
}

/* The pixmaps of a(iiay) @pixmaps are well formed: square, of a few
 * sizes, 4 bytes a pixel. Returns the one of @size. */
static GVariant *
check_pixmaps (GVariant *pixmaps,
               int       size)
{
  GVariant *found = NULL;

  g_assert_cmpstr (g_variant_get_type_string (pixmaps), ==, "a(iiay)");
  g_assert_cmpuint (g_variant_n_children (pixmaps), >=, 2);
  for (gsize i = 0; i < g_variant_n_children (pixmaps); i++)
    {
      g_autoptr(GVariant) pixmap = g_variant_get_child_value (pixmaps, i);
      g_autoptr(GVariant) bytes = g_variant_get_child_value (pixmap, 2);
      int width, height;

      g_variant_get_child (pixmap, 0, "i", &width);
      g_variant_get_child (pixmap, 1, "i", &height);
      g_assert_cmpint (width, >, 0);
      g_assert_cmpint (width, ==, height);
      g_assert_cmpuint (g_variant_get_size (bytes), ==, (gsize) 4 * width * height);
      if (width == size)
        found = g_variant_ref (pixmap);
    }
  g_assert_nonnull (found);
  return found;
}

/* The pixel at @x, @y of a pixmap: alpha, red, green, blue. */
static const guint8 *
pixel (GVariant *pixmap,
       int       x,
       int       y)
{
  g_autoptr(GVariant) bytes = g_variant_get_child_value (pixmap, 2);
  int width;

  g_variant_get_child (pixmap, 0, "i", &width);
  return (const guint8 *) g_variant_get_data (bytes) + 4 * (y * width + x);
}

static void
assert_pixel (GVariant *pixmap,
              int       x,
              int       y,
              guint32   argb)
{
  const guint8 *p = pixel (pixmap, x, y);

  for (int c = 0; c < 4; c++)
    g_assert_cmpint (ABS ((int) p[c] - (int) ((argb >> (24 - 8 * c)) & 0xff)), <=, 3);
}

/* How many pixels of the quarter of @pixmap at @qx, @qy are badge red. */
static guint
count_red (GVariant *pixmap,
           int       qx,
           int       qy)
{
  int width;
  guint n = 0;

  g_variant_get_child (pixmap, 0, "i", &width);
  for (int y = qy * width / 2; y < (qy + 1) * width / 2; y++)
    for (int x = qx * width / 2; x < (qx + 1) * width / 2; x++)
      {
        const guint8 *p = pixel (pixmap, x, y);

        n += p[0] == 255 && p[1] > 0xc0 && p[2] < 0x40 && p[3] < 0x40;
      }
  return n;
}

static void
count_signal_cb (GDBusConnection *connection,
                 const char      *sender,
                 const char      *path,
                 const char      *interface,
                 const char      *signal,
                 GVariant        *parameters,
                 gpointer         data)
{
  (*(guint *) data)++;
}

/* All the item's properties at once, as hosts read them. */
static GVariant *
get_all_item_properties (void)
{
  g_autoptr(GVariant) reply = call ("/StatusNotifierItem", "org.freedesktop.DBus.Properties", "GetAll",
                                    g_variant_new ("(s)", "org.kde.StatusNotifierItem"));

  return g_variant_get_child_value (reply, 0);
}

static gboolean
is_nonzero (gconstpointer count)
{
  return *(const guint *) count != 0;
}

static gboolean
is_active (gconstpointer data)
{
  g_autoptr(GVariant) status = get_item_property ("Status");

  return g_str_equal (g_variant_get_string (status, NULL), "Active");
}

/* A host can always draw the icon: a theme path that holds it, and the
 * icon drawn; the count of due follow-ups is drawn on it. */
static void
test_icon (Fixture       *f,
           gconstpointer  data)
{
  PursuitProspect *prospects[3];
  g_autoptr(GVariant) theme_path = NULL;
  g_autoptr(GVariant) icon_name = NULL;
  g_autoptr(GVariant) pixmaps = NULL;
  g_autoptr(GVariant) pixmap = NULL;
  g_autoptr(GVariant) overlays = NULL;
  g_autoptr(GVariant) overlay = NULL;
  g_autoptr(GVariant) attentions = NULL;
  g_autoptr(GVariant) attention = NULL;
  g_autoptr(GVariant) status = NULL;
  g_autoptr(GVariant) empty = NULL;
  g_autoptr(GVariant) all = NULL;
  g_autoptr(GVariant) all_pixmaps = NULL;
  g_autoptr(GDateTime) now = test_clock_in (&f->clock, 0);
  g_autofree char *icon = NULL;
  const char *all_path = NULL;
  guint overlay_signals = 0;
  guint subscription;

  for (guint i = 0; i < G_N_ELEMENTS (prospects); i++)
    prospects[i] = add_due (f, "Jane Doe", -60 * (gint64) (i + 1));
  start_tray (f);

  /* The folder holds the named icon, in the layout of an icon theme. */
  theme_path = get_item_property ("IconThemePath");
  icon_name = get_item_property ("IconName");
  g_assert_true (g_path_is_absolute (g_variant_get_string (theme_path, NULL)));
  g_assert_true (g_file_test (g_variant_get_string (theme_path, NULL), G_FILE_TEST_IS_DIR));
  icon = g_strconcat (g_variant_get_string (theme_path, NULL), "/hicolor/symbolic/apps/",
                      g_variant_get_string (icon_name, NULL), ".svg", NULL);
  g_assert_true (g_file_test (icon, G_FILE_TEST_IS_REGULAR));

  /* ARGB32 in network byte order: the icon's blue, opaque; its corner
   * clear. */
  pixmaps = get_item_property ("IconPixmap");
  pixmap = check_pixmaps (pixmaps, 32);
  assert_pixel (pixmap, 12, 25, 0xff3584e4);
  assert_pixel (pixmap, 0, 0, 0x00000000);
  g_assert_cmpuint (count_red (pixmap, 1, 1), ==, 0);

  /* Three due: a badge in the bottom right corner, over the icon or
   * alone. */
  status = get_item_property ("Status");
  g_assert_cmpstr (g_variant_get_string (status, NULL), ==, "NeedsAttention");
  overlays = get_item_property ("OverlayIconPixmap");
  overlay = check_pixmaps (overlays, 32);
  g_assert_cmpuint (count_red (overlay, 1, 1), >, 40);
  assert_pixel (overlay, 0, 0, 0x00000000);
  assert_pixel (overlay, 8, 8, 0x00000000);
  attentions = get_item_property ("AttentionIconPixmap");
  attention = check_pixmaps (attentions, 32);
  g_assert_cmpuint (count_red (attention, 1, 1), >, 40);
  assert_pixel (attention, 4, 16, 0xff3584e4);

  /* The same when read all at once. */
  all = get_all_item_properties ();
  g_assert_true (g_variant_lookup (all, "IconThemePath", "&s", &all_path));
  g_assert_cmpstr (all_path, ==, g_variant_get_string (theme_path, NULL));
  all_pixmaps = g_variant_lookup_value (all, "IconPixmap", G_VARIANT_TYPE ("a(iiay)"));
  g_assert_true (g_variant_equal (all_pixmaps, pixmaps));

  /* Hosts hear that the count changed. */
  subscription = g_dbus_connection_signal_subscribe (bus, NULL, "org.kde.StatusNotifierItem", "NewOverlayIcon",
                                                     "/StatusNotifierItem", NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                                     count_signal_cb, &overlay_signals, NULL);
  g_variant_unref (g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                "org.freedesktop.DBus", "GetId", NULL, NULL,
                                                G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL));

  /* Nothing due: no badge. */
  for (guint i = 0; i < G_N_ELEMENTS (prospects); i++)
    {
      g_autoptr(PursuitTouch) touch = pursuit_touch_new (pursuit_prospect_get_id (prospects[i]), now,
                                                         PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT,
                                                         PURSUIT_OUTCOME_REPLIED);
      g_autoptr(GError) error = NULL;

      pursuit_store_record_touch (f->store, touch, &error);
      g_assert_no_error (error);
    }
  wait_for (is_active, NULL);
  wait_for (is_nonzero, &overlay_signals);
  g_dbus_connection_signal_unsubscribe (bus, subscription);
  empty = get_item_property ("OverlayIconPixmap");
  g_assert_cmpuint (g_variant_n_children (empty), ==, 0);
}

/* The watcher's items that this process owns. */
static guint
n_listed_from_here (void)
{
  guint n = 0;

  for (guint i = 0; i < registered->len; i++)
    {
      g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                               "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                                                               g_variant_new ("(s)", (char *) registered->pdata[i]),
                                                               G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                                               NULL, NULL);
      guint32 pid = 0;

      if (reply != NULL)
        g_variant_get (reply, "(u)", &pid);
      n += pid == (guint32) getpid ();
    }
  return n;
}

static gboolean
one_listed (gconstpointer data)
{
  return registered->len == 1 && n_listed_from_here () == 1;
}

static gboolean
none_listed (gconstpointer data)
{
  return registered->len == 0;
}

/* The preference, turned off while the window may be open, takes the icon
 * off the panel; turned on again, it comes back. */
static void
test_application_preference (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(PursuitApplication) application = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  if (g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("No display: run under Xvfb");
      return;
    }
  settings = g_settings_new ("io.github.pursuit.Pursuit");
  g_settings_set_boolean (settings, "run-in-background", TRUE);
  application = pursuit_application_new ();
  /* An id of its own: the object paths of the test's own application. */
  id = g_strdup_printf ("io.github.pursuit.TestTrayApplication%d", (int) getpid ());
  g_application_set_application_id (G_APPLICATION (application), id);
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pursuit_application_open_database (application, f->path));
  wait_for (one_listed, NULL);

  g_settings_set_boolean (settings, "run-in-background", FALSE);
  wait_for (none_listed, NULL);

  g_settings_set_boolean (settings, "run-in-background", TRUE);
  wait_for (one_listed, NULL);

  g_settings_set_boolean (settings, "run-in-background", FALSE);
  wait_for (none_listed, NULL);
}

static GtkWidget *
find_view_stack (GtkWidget *widget)
{
  if (ADW_IS_VIEW_STACK (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_view_stack (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The page the application's window shows, or NULL without a window. */
static const char *
shown_page (PursuitApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  GtkWidget *stack;

  if (window == NULL)
    return NULL;
  stack = find_view_stack (GTK_WIDGET (window));
  g_assert_nonnull (stack);
  return adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack));
}

/* The real application: Today, clicked in its tray menu over the bus,
 * presents the window on the Today page, whatever page it showed, and
 * opens one when none is open. */
static void
test_application_today (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PursuitApplication) application = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  GLogLevelFlags fatal;
  guint revision;

  if (g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("No display: run under Xvfb");
      return;
    }
  /* In the test's isolated directories GTK fails to load its own
   * symbolic icons (a warning that says nothing of the code under test):
   * only criticals are fatal here. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  application = pursuit_application_new ();
  id = g_strdup_printf ("io.github.pursuit.TestTrayToday%d", (int) getpid ());
  g_application_set_application_id (G_APPLICATION (application), id);
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pursuit_application_open_database (application, f->path));
  /* The tray of this application, and no other's: an application of an
   * earlier test may still follow the run-in-background preference. */
  f->tray = pursuit_tray_new (G_APPLICATION (application), f->scheduler);
  wait_for (has_bus_name, f->tray);
  g_free (item_name);
  item_name = g_strdup (pursuit_tray_get_bus_name (f->tray));

  labels = menu_labels (&revision);
  ids = menu_ids ();
  g_assert_cmpstr (g_ptr_array_index (labels, 0), ==, "Today");

  /* No window yet: the click opens one, on the Today page. */
  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (application)));
  event (g_array_index (ids, int, 0));
  settle ();
  g_assert_cmpstr (shown_page (application), ==, "today");

  /* The window shows the board: the click brings the Today page back. */
  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_view_stack (GTK_WIDGET (window))), "board");
  g_assert_cmpstr (shown_page (application), ==, "board");
  event (g_array_index (ids, int, 0));
  settle ();
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (application)) == window);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (application))), ==, 1);
  g_assert_cmpstr (shown_page (application), ==, "today");

  gtk_window_destroy (window);
  g_clear_object (&f->tray);
  g_log_set_always_fatal (fatal);
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

  registered = g_ptr_array_new_with_free_func (g_free);
  senders = g_ptr_array_new_with_free_func (g_free);
  app_id = g_strdup_printf ("io.github.pursuit.TestTray%d", (int) getpid ());
  app = g_application_new (app_id, G_APPLICATION_DEFAULT_FLAGS);
  pursuit_test_tray_actions_add (app, &actions);
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
  g_test_add ("/reminders/tray/leaves-watcher", Fixture, GINT_TO_POINTER (1), fixture_set_up, test_leaves_watcher,
              fixture_tear_down);
  g_test_add ("/reminders/tray/watcher-restarts", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_watcher_restarts, fixture_tear_down);
  g_test_add ("/reminders/tray/icon", Fixture, NULL, fixture_set_up, test_icon, fixture_tear_down);
  g_test_add ("/reminders/tray/application-preference", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_application_preference, fixture_tear_down);
  g_test_add ("/reminders/tray/application-today", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_application_today, fixture_tear_down);

  status = g_test_run ();

  g_clear_object (&app);
  g_dbus_connection_close_sync (bus, NULL, NULL);
  g_clear_object (&bus);
  g_ptr_array_unref (registered);
  g_ptr_array_unref (senders);
  g_free (item_name);
  pursuit_test_tray_actions_clear (&actions);
  return status;
}
