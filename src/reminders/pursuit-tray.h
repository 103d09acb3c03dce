/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pursuit-scheduler.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_TRAY (pursuit_tray_get_type ())

G_DECLARE_FINAL_TYPE (PursuitTray, pursuit_tray, PURSUIT, TRAY, GObject)

/* Most due follow-ups the menu lists. */
#define PURSUIT_TRAY_MAX_ITEMS 10

/* The tray icon: a StatusNotifierItem (org.kde.StatusNotifierItem at
 * /StatusNotifierItem) with a com.canonical.dbusmenu menu at /MenuBar,
 * exported on a session bus connection of its own under the name
 * org.kde.StatusNotifierItem-PID-N and registered with
 * org.kde.StatusNotifierWatcher whenever one is on the bus (nothing shows
 * when none is; nothing at all when @application is not on the bus).
 * Disposing the tray closes that connection, which takes the item off the
 * watcher. The icon is named, with an IconThemePath that holds it, and
 * drawn (IconPixmap); while follow-ups are due the status is
 * NeedsAttention and their count is drawn on it (OverlayIconPixmap, and
 * AttentionIconPixmap with the icon). The tooltip counts the due
 * follow-ups; the menu has Open Pursuit, each due follow-up (up to
 * PURSUIT_TRAY_MAX_ITEMS: app.open-prospect) and Quit (app.quit). */
PursuitTray *pursuit_tray_new          (GApplication     *application,
                                        PursuitScheduler *scheduler);

/* The bus name the item is exported under, or NULL until it owns it. */
const char  *pursuit_tray_get_bus_name (PursuitTray      *self);

G_END_DECLS
