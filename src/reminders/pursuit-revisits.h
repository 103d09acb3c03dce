/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pursuit-day-watcher.h"
#include "pursuit-store.h"

G_BEGIN_DECLS

/* Revisit dates fall on days: prospects let go whose day has come go back
 * to the inbox when this starts and on each ::day-changed of @watcher
 * (midnight of its clock's local time, or the wake-up after sleeping over
 * it), also in a Pursuit that runs for weeks. */
typedef struct _PursuitRevisits PursuitRevisits;

PursuitRevisits *pursuit_revisits_new  (PursuitStore       *store,
                                        PursuitDayWatcher  *watcher);
void             pursuit_revisits_free (PursuitRevisits    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PursuitRevisits, pursuit_revisits_free)

G_END_DECLS
