/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pursuit-types.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_TOUCH (pursuit_touch_get_type ())

G_DECLARE_FINAL_TYPE (PursuitTouch, pursuit_touch, PURSUIT, TOUCH, GObject)

/* One logged contact with a prospect. Properties: "id" (gint64, 0 while
 * detached), "prospect-id" (gint64), "happened-at" (GDateTime), "channel",
 * "direction", "outcome" (enums), "callback-at" (GDateTime, nullable),
 * "note" (string, never NULL), "informational" (gboolean: a nurture
 * touch, not an attempt: it never moves the streak, the plan, nor
 * Insights). Notifies only on real changes. */

PursuitTouch    *pursuit_touch_new               (gint64           prospect_id,
                                                  GDateTime       *happened_at,
                                                  PursuitChannel   channel,
                                                  PursuitDirection direction,
                                                  PursuitOutcome   outcome);

gint64           pursuit_touch_get_id            (PursuitTouch    *self);
gint64           pursuit_touch_get_prospect_id   (PursuitTouch    *self);
GDateTime       *pursuit_touch_get_happened_at   (PursuitTouch    *self);
void             pursuit_touch_set_happened_at   (PursuitTouch    *self,
                                                  GDateTime       *when);
PursuitChannel   pursuit_touch_get_channel       (PursuitTouch    *self);
void             pursuit_touch_set_channel       (PursuitTouch    *self,
                                                  PursuitChannel   channel);
PursuitDirection pursuit_touch_get_direction     (PursuitTouch    *self);
void             pursuit_touch_set_direction     (PursuitTouch    *self,
                                                  PursuitDirection direction);
PursuitOutcome   pursuit_touch_get_outcome       (PursuitTouch    *self);
void             pursuit_touch_set_outcome       (PursuitTouch    *self,
                                                  PursuitOutcome   outcome);
GDateTime       *pursuit_touch_get_callback_at   (PursuitTouch    *self);
void             pursuit_touch_set_callback_at   (PursuitTouch    *self,
                                                  GDateTime       *when);
const char      *pursuit_touch_get_note          (PursuitTouch    *self);
void             pursuit_touch_set_note          (PursuitTouch    *self,
                                                  const char      *note);
gboolean         pursuit_touch_get_informational (PursuitTouch    *self);
void             pursuit_touch_set_informational (PursuitTouch    *self,
                                                  gboolean         informational);

G_END_DECLS
