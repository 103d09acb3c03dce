/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Starting at login for background mode. */

/* $XDG_CONFIG_HOME/autostart/io.github.pursuit.Pursuit.desktop */
char     *pursuit_background_autostart_path   (void);

/* The autostart desktop entry that runs @executable (an absolute path, or
 * a name found in PATH) with --background, and with --database @database
 * unless @database is NULL (the default database). */
char     *pursuit_background_autostart_entry  (const char *executable,
                                               const char *database);

/* Writes or removes the autostart desktop entry. */
gboolean  pursuit_background_write_autostart  (const char *executable,
                                               const char *database,
                                               GError    **error);
gboolean  pursuit_background_remove_autostart (GError    **error);

/* Starts Pursuit at login with --background (and --database @database,
 * unless NULL) (@enabled) or no longer: in a sandbox through the
 * background portal, otherwise, or when the portal fails, through the
 * autostart desktop entry. Errors are logged. */
void      pursuit_background_set_autostart    (gboolean    enabled,
                                               const char *database);

G_END_DECLS
