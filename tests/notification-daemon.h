/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A notification server for the tests: owns org.freedesktop.Notifications
 * on the session bus from a thread and a connection of its own (so that
 * the code under test talks to it over the bus as to any server), records
 * every Notify and CloseNotification, and can emit ActionInvoked. */

typedef struct
{
  guint32  id;
  char    *app_name;
  guint32  replaces_id;
  char    *summary;
  char    *body;
  GStrv    actions;  /* key, label, key, label, ... */
} TestNotification;

typedef struct _NotificationDaemon NotificationDaemon;

NotificationDaemon *notification_daemon_start     (void);
void                notification_daemon_stop      (NotificationDaemon *self);

/* Copies of what was received so far (TestNotification, in order). */
GPtrArray          *notification_daemon_get_notified (NotificationDaemon *self);
/* The ids that CloseNotification closed, in order. */
GArray             *notification_daemon_get_closed   (NotificationDaemon *self);
void                notification_daemon_reset        (NotificationDaemon *self);

/* Emits ActionInvoked (@id, @action_key), as a click on a button does. */
void                notification_daemon_invoke       (NotificationDaemon *self,
                                                      guint32             id,
                                                      const char         *action_key);

/* Iterates the default main context until @n notifications arrived or
 * @timeout_ms passed; returns whether they did. */
gboolean            notification_daemon_wait_notified (NotificationDaemon *self,
                                                       guint               n,
                                                       guint               timeout_ms);
gboolean            notification_daemon_wait_closed   (NotificationDaemon *self,
                                                       guint               n,
                                                       guint               timeout_ms);

void                test_notification_free          (TestNotification   *notification);

G_END_DECLS
