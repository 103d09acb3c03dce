/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pursuit-store.h"

G_BEGIN_DECLS

/* Fills @policy from the application's settings. */
void pursuit_settings_read_policy (GSettings     *settings,
                                   PursuitPolicy *policy);

/* Keeps the policy of @store in step with @settings from now on. */
void pursuit_settings_follow      (GSettings     *settings,
                                   PursuitStore  *store);

G_END_DECLS
