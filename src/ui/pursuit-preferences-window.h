/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PURSUIT_TYPE_PREFERENCES_WINDOW (pursuit_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (PursuitPreferencesWindow, pursuit_preferences_window, PURSUIT, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* The follow-up preferences, bound to @settings (the application's
 * schema): every change is written at once, and the store's policy
 * follows it through pursuit_settings_follow(). */
PursuitPreferencesWindow *pursuit_preferences_window_new    (GtkWindow                *parent,
                                                             GSettings                *settings);
/* The spin button of a number setting, by its key ("cadence-good",
 * "fixed-limit", "win-rate-per-attempt", ...), for tests. */
GtkSpinButton            *pursuit_preferences_window_get_spin (PursuitPreferencesWindow *self,
                                                               const char               *key);
AdwComboRow              *pursuit_preferences_window_get_limit_mode_row (PursuitPreferencesWindow *self);
/* The toggle of ISO weekday @weekday (1 Monday … 7 Sunday), for tests. */
GtkToggleButton          *pursuit_preferences_window_get_work_day (PursuitPreferencesWindow *self,
                                                                   guint                     weekday);

/* A widget of the Email page, for tests: "tier" and "step" (AdwComboRow),
 * "subject" and "user-name" (AdwEntryRow), "body" and "signature"
 * (GtkTextView), "restore" (GtkButton). */
GtkWidget                *pursuit_preferences_window_get_email_widget (PursuitPreferencesWindow *self,
                                                                       const char               *name);

G_END_DECLS
