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
 * exported on @application's connection and registered with
 * org.kde.StatusNotifierWatcher whenever one is on the bus (nothing shows
 * when none is). The tooltip counts the due follow-ups; the menu has Open
 * Pursuit, each due follow-up (up to PURSUIT_TRAY_MAX_ITEMS: app.open-prospect)
 * and Quit (app.quit). */
PursuitTray *pursuit_tray_new (GApplication     *application,
                               PursuitScheduler *scheduler);

G_END_DECLS
