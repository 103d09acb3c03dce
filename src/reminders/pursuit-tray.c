/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-tray"

#include "config.h"

#include <glib/gi18n.h>

#include "pursuit-notifier.h"
#include "pursuit-tray.h"

#define ITEM_PATH "/StatusNotifierItem"
#define MENU_PATH "/MenuBar"
#define WATCHER_NAME "org.kde.StatusNotifierWatcher"

/* Menu item ids */
enum {
  ID_ROOT = 0,
  ID_OPEN = 1,
  ID_SEPARATOR_1 = 2,
  ID_SEPARATOR_2 = 3,
  ID_QUIT = 4,
  ID_FIRST_DUE = 100,
};

static const char item_xml[] =
  "<node>"
  "  <interface name='org.kde.StatusNotifierItem'>"
  "    <property name='Category' type='s' access='read'/>"
  "    <property name='Id' type='s' access='read'/>"
  "    <property name='Title' type='s' access='read'/>"
  "    <property name='Status' type='s' access='read'/>"
  "    <property name='WindowId' type='i' access='read'/>"
  "    <property name='IconName' type='s' access='read'/>"
  "    <property name='IconPixmap' type='a(iiay)' access='read'/>"
  "    <property name='OverlayIconName' type='s' access='read'/>"
  "    <property name='AttentionIconName' type='s' access='read'/>"
  "    <property name='ToolTip' type='(sa(iiay)ss)' access='read'/>"
  "    <property name='ItemIsMenu' type='b' access='read'/>"
  "    <property name='Menu' type='o' access='read'/>"
  "    <method name='ContextMenu'><arg type='i' direction='in'/><arg type='i' direction='in'/></method>"
  "    <method name='Activate'><arg type='i' direction='in'/><arg type='i' direction='in'/></method>"
  "    <method name='SecondaryActivate'><arg type='i' direction='in'/><arg type='i' direction='in'/></method>"
  "    <method name='Scroll'><arg type='i' direction='in'/><arg type='s' direction='in'/></method>"
  "    <signal name='NewTitle'/>"
  "    <signal name='NewIcon'/>"
  "    <signal name='NewToolTip'/>"
  "    <signal name='NewStatus'><arg type='s'/></signal>"
  "  </interface>"
  "</node>";

static const char menu_xml[] =
  "<node>"
  "  <interface name='com.canonical.dbusmenu'>"
  "    <property name='Version' type='u' access='read'/>"
  "    <property name='TextDirection' type='s' access='read'/>"
  "    <property name='Status' type='s' access='read'/>"
  "    <property name='IconThemePath' type='as' access='read'/>"
  "    <method name='GetLayout'>"
  "      <arg type='i' direction='in'/><arg type='i' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='u' direction='out'/><arg type='(ia{sv}av)' direction='out'/>"
  "    </method>"
  "    <method name='GetGroupProperties'>"
  "      <arg type='ai' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a(ia{sv})' direction='out'/>"
  "    </method>"
  "    <method name='GetProperty'>"
  "      <arg type='i' direction='in'/><arg type='s' direction='in'/><arg type='v' direction='out'/>"
  "    </method>"
  "    <method name='Event'>"
  "      <arg type='i' direction='in'/><arg type='s' direction='in'/><arg type='v' direction='in'/>"
  "      <arg type='u' direction='in'/>"
  "    </method>"
  "    <method name='EventGroup'>"
  "      <arg type='a(isvu)' direction='in'/><arg type='ai' direction='out'/>"
  "    </method>"
  "    <method name='AboutToShow'><arg type='i' direction='in'/><arg type='b' direction='out'/></method>"
  "    <method name='AboutToShowGroup'>"
  "      <arg type='ai' direction='in'/><arg type='ai' direction='out'/><arg type='ai' direction='out'/>"
  "    </method>"
  "    <signal name='ItemsPropertiesUpdated'><arg type='a(ia{sv})'/><arg type='a(ias)'/></signal>"
  "    <signal name='LayoutUpdated'><arg type='u'/><arg type='i'/></signal>"
  "    <signal name='ItemActivationRequested'><arg type='i'/><arg type='u'/></signal>"
  "  </interface>"
  "</node>";

struct _PursuitTray
{
  GObject           parent_instance;

  GApplication     *application;
  PursuitScheduler *scheduler;
  GDBusConnection  *connection;
  GDBusNodeInfo    *item_info;
  GDBusNodeInfo    *menu_info;
  guint             item_id;
  guint             menu_id;
  guint             watch_id;

  guint             revision;
  guint             n_due;
  GPtrArray        *due;     /* PursuitProspect, at most PURSUIT_TRAY_MAX_ITEMS */
  GCancellable     *cancellable;

  /* Menu item ids name prospects, never list positions: a click that
   * arrives after the due list changed still opens the prospect whose
   * name the user saw. An id is never given to another prospect. */
  GHashTable       *menu_ids;      /* prospect id (gint64 *) → menu id */
  GHashTable       *prospect_ids;  /* menu id → prospect id (gint64 *) */
  int               next_menu_id;
};

G_DEFINE_FINAL_TYPE (PursuitTray, pursuit_tray, G_TYPE_OBJECT)

static char *
dup_tooltip (PursuitTray *self)
{
  if (self->n_due == 0)
    return g_strdup (_("No follow-ups due"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u follow-up due", "%u follow-ups due", self->n_due),
                          self->n_due);
}

static GVariant *
item_get_property (GDBusConnection *connection,
                   const char      *sender,
                   const char      *path,
                   const char      *interface,
                   const char      *name,
                   GError         **error,
                   gpointer         data)
{
  PursuitTray *self = data;

  if (g_str_equal (name, "Category"))
    return g_variant_new_string ("ApplicationStatus");
  if (g_str_equal (name, "Id"))
    return g_variant_new_string (APPLICATION_ID);
  if (g_str_equal (name, "Title"))
    return g_variant_new_string (_("Pursuit"));
  if (g_str_equal (name, "Status"))
    return g_variant_new_string (self->n_due > 0 ? "NeedsAttention" : "Active");
  if (g_str_equal (name, "WindowId"))
    return g_variant_new_int32 (0);
  if (g_str_equal (name, "IconName") || g_str_equal (name, "AttentionIconName"))
    return g_variant_new_string (APPLICATION_ID "-symbolic");
  if (g_str_equal (name, "OverlayIconName"))
    return g_variant_new_string ("");
  if (g_str_equal (name, "IconPixmap"))
    return g_variant_new_array (G_VARIANT_TYPE ("(iiay)"), NULL, 0);
  if (g_str_equal (name, "ToolTip"))
    {
      g_autofree char *text = dup_tooltip (self);
      return g_variant_new ("(s@a(iiay)ss)", APPLICATION_ID "-symbolic",
                            g_variant_new_array (G_VARIANT_TYPE ("(iiay)"), NULL, 0), _("Pursuit"), text);
    }
  if (g_str_equal (name, "ItemIsMenu"))
    return g_variant_new_boolean (FALSE);
  if (g_str_equal (name, "Menu"))
    return g_variant_new_object_path (MENU_PATH);
  g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_PROPERTY, "No property %s", name);
  return NULL;
}

static void
item_method_call (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *path,
                  const char            *interface,
                  const char            *method,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               data)
{
  PursuitTray *self = data;

  /* A click on the icon opens the window; the menu does the rest. */
  if (g_str_equal (method, "Activate") && self->application != NULL)
    g_application_activate (self->application);
  g_dbus_method_invocation_return_value (invocation, NULL);
}

/* Menu */

/* Labels take "_" for mnemonics; a name's own underscores are doubled. */
static char *
escape_label (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

static int
menu_id_for (PursuitTray     *self,
             PursuitProspect *prospect)
{
  gint64 prospect_id = pursuit_prospect_get_id (prospect);
  gpointer found;

  if (g_hash_table_lookup_extended (self->menu_ids, &prospect_id, NULL, &found))
    return GPOINTER_TO_INT (found);
  if (self->next_menu_id == G_MAXINT32)
    return -1;
  g_hash_table_insert (self->menu_ids, g_memdup2 (&prospect_id, sizeof prospect_id),
                       GINT_TO_POINTER (self->next_menu_id));
  g_hash_table_insert (self->prospect_ids, GINT_TO_POINTER (self->next_menu_id),
                       g_memdup2 (&prospect_id, sizeof prospect_id));
  return self->next_menu_id++;
}

/* The due prospect that menu item @id shows, or NULL. */
static PursuitProspect *
due_for_menu_id (PursuitTray *self,
                 int          id)
{
  const gint64 *prospect_id = g_hash_table_lookup (self->prospect_ids, GINT_TO_POINTER (id));

  for (guint i = 0; prospect_id != NULL && i < self->due->len; i++)
    if (pursuit_prospect_get_id (g_ptr_array_index (self->due, i)) == *prospect_id)
      return g_ptr_array_index (self->due, i);
  return NULL;
}

static GVariant *
item_properties (PursuitTray *self,
                 int          id)
{
  GVariantBuilder props;

  g_variant_builder_init (&props, G_VARIANT_TYPE_VARDICT);
  if (id == ID_ROOT)
    g_variant_builder_add (&props, "{sv}", "children-display", g_variant_new_string ("submenu"));
  else if (id == ID_OPEN)
    g_variant_builder_add (&props, "{sv}", "label", g_variant_new_string (_("Open Pursuit")));
  else if (id == ID_QUIT)
    g_variant_builder_add (&props, "{sv}", "label", g_variant_new_string (_("Quit")));
  else if (id == ID_SEPARATOR_1 || id == ID_SEPARATOR_2)
    g_variant_builder_add (&props, "{sv}", "type", g_variant_new_string ("separator"));
  else if (due_for_menu_id (self, id) != NULL)
    {
      g_autofree char *title = pursuit_notifier_dup_title (due_for_menu_id (self, id));
      g_autofree char *label = escape_label (title);

      g_variant_builder_add (&props, "{sv}", "label", g_variant_new_string (label));
    }
  return g_variant_builder_end (&props);
}

static gboolean
id_exists (PursuitTray *self,
           int          id)
{
  return (id >= ID_ROOT && id <= ID_QUIT) || due_for_menu_id (self, id) != NULL;
}

static GVariant *
leaf (PursuitTray *self,
      int          id)
{
  return g_variant_new ("(i@a{sv}@av)", id, item_properties (self, id),
                        g_variant_new_array (G_VARIANT_TYPE_VARIANT, NULL, 0));
}

static GVariant *
layout (PursuitTray *self,
        int          parent)
{
  GVariantBuilder children;

  if (parent != ID_ROOT)
    return leaf (self, parent);

  g_variant_builder_init (&children, G_VARIANT_TYPE ("av"));
  g_variant_builder_add (&children, "v", leaf (self, ID_OPEN));
  if (self->due->len > 0)
    {
      g_variant_builder_add (&children, "v", leaf (self, ID_SEPARATOR_1));
      for (guint i = 0; i < self->due->len; i++)
        {
          int id = menu_id_for (self, g_ptr_array_index (self->due, i));

          if (id >= ID_FIRST_DUE)
            g_variant_builder_add (&children, "v", leaf (self, id));
        }
    }
  g_variant_builder_add (&children, "v", leaf (self, ID_SEPARATOR_2));
  g_variant_builder_add (&children, "v", leaf (self, ID_QUIT));
  return g_variant_new ("(i@a{sv}@av)", ID_ROOT, item_properties (self, ID_ROOT), g_variant_builder_end (&children));
}

static void
clicked (PursuitTray *self,
         int          id)
{
  if (self->application == NULL)
    return;
  if (id == ID_OPEN)
    g_application_activate (self->application);
  else if (id == ID_QUIT)
    g_action_group_activate_action (G_ACTION_GROUP (self->application), "quit", NULL);
  else if (id >= ID_FIRST_DUE)
    {
      const gint64 *prospect_id = g_hash_table_lookup (self->prospect_ids, GINT_TO_POINTER (id));

      /* The prospect the item showed, due still or not. */
      if (prospect_id != NULL)
        g_action_group_activate_action (G_ACTION_GROUP (self->application), "open-prospect",
                                        g_variant_new_int64 (*prospect_id));
    }
}

static void
menu_method_call (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *path,
                  const char            *interface,
                  const char            *method,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               data)
{
  PursuitTray *self = data;

  if (g_str_equal (method, "GetLayout"))
    {
      int parent, depth;

      g_variant_get (parameters, "(ii@as)", &parent, &depth, NULL);
      if (!id_exists (self, parent))
        parent = ID_ROOT;
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(u@(ia{sv}av))", self->revision, layout (self, parent)));
    }
  else if (g_str_equal (method, "GetGroupProperties"))
    {
      g_autoptr(GVariant) ids = g_variant_get_child_value (parameters, 0);
      GVariantBuilder result;
      gsize n = g_variant_n_children (ids);

      g_variant_builder_init (&result, G_VARIANT_TYPE ("a(ia{sv})"));
      for (gsize i = 0; i < n; i++)
        {
          int id;

          g_variant_get_child (ids, i, "i", &id);
          if (id_exists (self, id))
            g_variant_builder_add (&result, "(i@a{sv})", id, item_properties (self, id));
        }
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(a(ia{sv}))", &result));
    }
  else if (g_str_equal (method, "GetProperty"))
    {
      int id;
      const char *name;
      g_autoptr(GVariant) props = NULL;
      g_autoptr(GVariant) value = NULL;

      g_variant_get (parameters, "(i&s)", &id, &name);
      props = item_properties (self, id);
      value = g_variant_lookup_value (props, name, NULL);
      if (value == NULL)
        g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                               "No property %s on item %d", name, id);
      else
        g_dbus_method_invocation_return_value (invocation, g_variant_new ("(v)", value));
    }
  else if (g_str_equal (method, "Event"))
    {
      int id;
      const char *event;

      g_variant_get (parameters, "(i&svu)", &id, &event, NULL, NULL);
      g_dbus_method_invocation_return_value (invocation, NULL);
      if (g_str_equal (event, "clicked"))
        clicked (self, id);
    }
  else if (g_str_equal (method, "EventGroup"))
    {
      g_autoptr(GVariantIter) iter = NULL;
      const char *event;
      int id;

      g_variant_get (parameters, "(a(isvu))", &iter);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ai)", NULL));
      while (g_variant_iter_loop (iter, "(i&svu)", &id, &event, NULL, NULL))
        if (g_str_equal (event, "clicked"))
          clicked (self, id);
    }
  else if (g_str_equal (method, "AboutToShow"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(b)", FALSE));
  else if (g_str_equal (method, "AboutToShowGroup"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(aiai)", NULL, NULL));
  else
    g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD, "%s", method);
}

static GVariant *
menu_get_property (GDBusConnection *connection,
                   const char      *sender,
                   const char      *path,
                   const char      *interface,
                   const char      *name,
                   GError         **error,
                   gpointer         data)
{
  if (g_str_equal (name, "Version"))
    return g_variant_new_uint32 (3);
  if (g_str_equal (name, "TextDirection"))
    return g_variant_new_string ("ltr");
  if (g_str_equal (name, "Status"))
    return g_variant_new_string ("normal");
  if (g_str_equal (name, "IconThemePath"))
    return g_variant_new_strv (NULL, 0);
  g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_PROPERTY, "No property %s", name);
  return NULL;
}

static const GDBusInterfaceVTable item_vtable = { item_method_call, item_get_property, NULL, { 0 } };
static const GDBusInterfaceVTable menu_vtable = { menu_method_call, menu_get_property, NULL, { 0 } };

static void
emit (PursuitTray *self,
      const char  *path,
      const char  *interface,
      const char  *signal,
      GVariant    *parameters)
{
  g_dbus_connection_emit_signal (self->connection, NULL, path, interface, signal, parameters, NULL);
}

static void
update (PursuitTray *self)
{
  g_autoptr(GPtrArray) due = pursuit_scheduler_list_due (self->scheduler, NULL);

  self->n_due = due->len;
  g_ptr_array_set_size (self->due, 0);
  for (guint i = 0; i < due->len && i < PURSUIT_TRAY_MAX_ITEMS; i++)
    {
      g_ptr_array_add (self->due, g_object_ref (g_ptr_array_index (due, i)));
      menu_id_for (self, g_ptr_array_index (due, i));
    }
  self->revision++;

  if (self->item_id == 0)
    return;
  emit (self, MENU_PATH, "com.canonical.dbusmenu", "LayoutUpdated", g_variant_new ("(ui)", self->revision, 0));
  emit (self, ITEM_PATH, "org.kde.StatusNotifierItem", "NewToolTip", NULL);
  emit (self, ITEM_PATH, "org.kde.StatusNotifierItem", "NewStatus",
        g_variant_new ("(s)", self->n_due > 0 ? "NeedsAttention" : "Active"));
}

static void
registered_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);

  if (reply == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("The status notifier watcher refused the tray icon: %s", error->message);
}

static void
watcher_appeared_cb (GDBusConnection *connection,
                     const char      *name,
                     const char      *owner,
                     gpointer         data)
{
  PursuitTray *self = data;

  g_dbus_connection_call (connection, WATCHER_NAME, "/StatusNotifierWatcher", WATCHER_NAME,
                          "RegisterStatusNotifierItem",
                          g_variant_new ("(s)", g_dbus_connection_get_unique_name (connection)), NULL,
                          G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable, registered_cb, NULL);
}

static void
pursuit_tray_dispose (GObject *object)
{
  PursuitTray *self = PURSUIT_TRAY (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->watch_id, g_bus_unwatch_name);
  if (self->item_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->item_id);
  if (self->menu_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->menu_id);
  self->item_id = self->menu_id = 0;
  if (self->scheduler != NULL)
    g_signal_handlers_disconnect_by_data (self->scheduler, self);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->connection);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->application);
  g_clear_pointer (&self->due, g_ptr_array_unref);
  g_clear_pointer (&self->menu_ids, g_hash_table_unref);
  g_clear_pointer (&self->prospect_ids, g_hash_table_unref);
  g_clear_pointer (&self->item_info, g_dbus_node_info_unref);
  g_clear_pointer (&self->menu_info, g_dbus_node_info_unref);

  G_OBJECT_CLASS (pursuit_tray_parent_class)->dispose (object);
}

static void
pursuit_tray_class_init (PursuitTrayClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pursuit_tray_dispose;
}

static void
pursuit_tray_init (PursuitTray *self)
{
  self->due = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->menu_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->prospect_ids = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->next_menu_id = ID_FIRST_DUE;
}

PursuitTray *
pursuit_tray_new (GApplication     *application,
                  PursuitScheduler *scheduler)
{
  PursuitTray *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (PURSUIT_IS_SCHEDULER (scheduler), NULL);

  self = g_object_new (PURSUIT_TYPE_TRAY, NULL);
  g_set_weak_pointer (&self->application, application);
  self->scheduler = g_object_ref (scheduler);
  g_signal_connect_swapped (scheduler, "changed", G_CALLBACK (update), self);
  update (self);

  self->connection = g_application_get_dbus_connection (application);
  if (self->connection == NULL)
    return self;
  g_object_ref (self->connection);
  self->item_info = g_dbus_node_info_new_for_xml (item_xml, NULL);
  self->menu_info = g_dbus_node_info_new_for_xml (menu_xml, NULL);
  self->item_id = g_dbus_connection_register_object (self->connection, ITEM_PATH, self->item_info->interfaces[0],
                                                     &item_vtable, self, NULL, &error);
  if (self->item_id != 0)
    self->menu_id = g_dbus_connection_register_object (self->connection, MENU_PATH, self->menu_info->interfaces[0],
                                                       &menu_vtable, self, NULL, &error);
  if (error != NULL)
    {
      g_warning ("Could not export the tray icon: %s", error->message);
      return self;
    }
  /* Registered whenever a watcher (a panel that shows tray icons) is on
   * the bus; without one there is simply no icon. */
  self->watch_id = g_bus_watch_name_on_connection (self->connection, WATCHER_NAME, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                   watcher_appeared_cb, NULL, self, NULL);
  return self;
}
