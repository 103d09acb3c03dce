/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test-notification-daemon"

#include "config.h"

#include "notification-daemon.h"

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "    </method>"
  "    <signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
  "    <signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "  </interface>"
  "</node>";

struct _NotificationDaemon
{
  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  GDBusConnection *connection;
  GMutex           mutex;
  GCond            cond;
  gboolean         ready;
  guint32          next_id;
  GPtrArray       *notified;
  GArray          *closed;
};

void
test_notification_free (TestNotification *n)
{
  g_free (n->app_name);
  g_free (n->summary);
  g_free (n->body);
  g_strfreev (n->actions);
  g_free (n);
}

static TestNotification *
copy_notification (const TestNotification *n)
{
  TestNotification *copy = g_new0 (TestNotification, 1);

  copy->id = n->id;
  copy->replaces_id = n->replaces_id;
  copy->app_name = g_strdup (n->app_name);
  copy->summary = g_strdup (n->summary);
  copy->body = g_strdup (n->body);
  copy->actions = g_strdupv (n->actions);
  return copy;
}

static void
method_call (GDBusConnection       *connection,
             const char            *sender,
             const char            *path,
             const char            *interface,
             const char            *method,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation,
             gpointer               data)
{
  NotificationDaemon *self = data;

  if (g_str_equal (method, "GetCapabilities"))
    {
      const char *caps[] = { "actions", "body", "body-markup", NULL };
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "test", "pursuit", "1", "1.2"));
  else if (g_str_equal (method, "Notify"))
    {
      TestNotification *n = g_new0 (TestNotification, 1);
      const char *icon;
      gint32 timeout;
      g_autoptr(GVariant) hints = NULL;

      g_variant_get (parameters, "(su&sss^as@a{sv}i)", &n->app_name, &n->replaces_id, &icon, &n->summary,
                     &n->body, &n->actions, &hints, &timeout);
      g_mutex_lock (&self->mutex);
      n->id = n->replaces_id != 0 ? n->replaces_id : ++self->next_id;
      g_mutex_unlock (&self->mutex);
      /* Answered before the test can see it: a click (ActionInvoked) must
       * not overtake the id that the client needs to know it by. */
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", n->id));
      g_mutex_lock (&self->mutex);
      g_ptr_array_add (self->notified, n);
      g_mutex_unlock (&self->mutex);
      /* The test may be waiting in the default main context. */
      g_main_context_wakeup (NULL);
    }
  else if (g_str_equal (method, "CloseNotification"))
    {
      guint32 id;

      g_variant_get (parameters, "(u)", &id);
      g_dbus_method_invocation_return_value (invocation, NULL);
      g_dbus_connection_emit_signal (connection, NULL, "/org/freedesktop/Notifications",
                                     "org.freedesktop.Notifications", "NotificationClosed",
                                     g_variant_new ("(uu)", id, 3), NULL);
      g_mutex_lock (&self->mutex);
      g_array_append_val (self->closed, id);
      g_mutex_unlock (&self->mutex);
      g_main_context_wakeup (NULL);
    }
  else
    g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD, "%s", method);
}

static const GDBusInterfaceVTable vtable = { method_call, NULL, NULL, { 0 } };

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         data)
{
  NotificationDaemon *self = data;

  g_mutex_lock (&self->mutex);
  self->ready = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);
}

/* Another server has the name and does not let go (a desktop's own, started
 * on a bus that offers the machine's services): fail now rather than wait
 * for the name until the test's timeout. */
static void
name_lost_cb (GDBusConnection *connection,
              const char      *name,
              gpointer         data)
{
  g_error ("Another program owns %s on the test bus and keeps it: "
           "run the tests on a bus started with tests/session.conf", name);
}

static gpointer
daemon_thread (gpointer data)
{
  NotificationDaemon *self = data;
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (introspection_xml, NULL);
  g_autofree char *address = NULL;
  g_autoptr(GError) error = NULL;
  guint owner_id, object_id;

  g_main_context_push_thread_default (self->context);
  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  self->connection = g_dbus_connection_new_for_address_sync (address,
                                                             G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                             | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                             NULL, NULL, &error);
  g_assert_no_error (error);
  object_id = g_dbus_connection_register_object (self->connection, "/org/freedesktop/Notifications",
                                                 info->interfaces[0], &vtable, self, NULL, &error);
  g_assert_no_error (error);
  owner_id = g_bus_own_name_on_connection (self->connection, "org.freedesktop.Notifications",
                                           G_BUS_NAME_OWNER_FLAGS_REPLACE, name_acquired_cb, name_lost_cb, self, NULL);
  g_main_loop_run (self->loop);

  g_bus_unown_name (owner_id);
  g_dbus_connection_unregister_object (self->connection, object_id);
  g_dbus_connection_flush_sync (self->connection, NULL, NULL);
  g_dbus_connection_close_sync (self->connection, NULL, NULL);
  g_clear_object (&self->connection);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

NotificationDaemon *
notification_daemon_start (void)
{
  NotificationDaemon *self = g_new0 (NotificationDaemon, 1);

  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->notified = g_ptr_array_new_with_free_func ((GDestroyNotify) test_notification_free);
  self->closed = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->thread = g_thread_new ("notification-daemon", daemon_thread, self);

  g_mutex_lock (&self->mutex);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);
  return self;
}

void
notification_daemon_stop (NotificationDaemon *self)
{
  g_main_loop_quit (self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_ptr_array_unref (self->notified);
  g_array_unref (self->closed);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}

GPtrArray *
notification_daemon_get_notified (NotificationDaemon *self)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) test_notification_free);

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->notified->len; i++)
    g_ptr_array_add (copy, copy_notification (g_ptr_array_index (self->notified, i)));
  g_mutex_unlock (&self->mutex);
  return copy;
}

GArray *
notification_daemon_get_closed (NotificationDaemon *self)
{
  GArray *copy;

  g_mutex_lock (&self->mutex);
  copy = g_array_copy (self->closed);
  g_mutex_unlock (&self->mutex);
  return copy;
}

void
notification_daemon_reset (NotificationDaemon *self)
{
  g_mutex_lock (&self->mutex);
  g_ptr_array_set_size (self->notified, 0);
  g_array_set_size (self->closed, 0);
  g_mutex_unlock (&self->mutex);
}

void
notification_daemon_invoke (NotificationDaemon *self,
                            guint32             id,
                            const char         *action_key)
{
  g_autoptr(GError) error = NULL;

  g_dbus_connection_emit_signal (self->connection, NULL, "/org/freedesktop/Notifications",
                                 "org.freedesktop.Notifications", "ActionInvoked",
                                 g_variant_new ("(us)", id, action_key), &error);
  g_assert_no_error (error);
}

static guint
count (NotificationDaemon *self,
       gboolean            closed)
{
  guint n;

  g_mutex_lock (&self->mutex);
  n = closed ? self->closed->len : self->notified->len;
  g_mutex_unlock (&self->mutex);
  return n;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
wait_for (NotificationDaemon *self,
          gboolean            closed,
          guint               n,
          guint               timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  /* The replies and signals reach the code under test through the
   * default main context. */
  while (count (self, closed) < n && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return count (self, closed) >= n;
}

gboolean
notification_daemon_wait_notified (NotificationDaemon *self,
                                   guint               n,
                                   guint               timeout_ms)
{
  return wait_for (self, FALSE, n, timeout_ms);
}

gboolean
notification_daemon_wait_closed (NotificationDaemon *self,
                                 guint               n,
                                 guint               timeout_ms)
{
  return wait_for (self, TRUE, n, timeout_ms);
}
