/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pursuit-store.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_LEARNER (pursuit_learner_get_type ())

G_DECLARE_FINAL_TYPE (PursuitLearner, pursuit_learner, PURSUIT, LEARNER, GObject)

/* Keeps the learned response curve of @store's policy up to date while the
 * "learned" limit mode is chosen, whether or not a window shows the
 * insights: first @delay_ms after it is made (after the first frame), then
 * @delay_ms after the last change to the store. The work runs in a thread
 * on a connection of its own. */
PursuitLearner *pursuit_learner_new (PursuitStore *store,
                                     guint         delay_ms);

G_END_DECLS
