/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pursuit-clock.h"
#include "pursuit-day-watcher.h"
#include "pursuit-store.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_SCHEDULER (pursuit_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (PursuitScheduler, pursuit_scheduler, PURSUIT, SCHEDULER, GObject)

/* Watches the next touches of a store's active prospects and customers
 * and says when they come due, each once.
 *
 * It arms one timer, for the earliest next touch not yet notified, and
 * arms it again after every change of the store; it never polls. When the
 * timer fires it compares the wall clock with the monotonic clock, so a
 * clock that jumped is caught up with; after a suspend and at each new
 * day (a PursuitDayWatcher's signals) it catches up too.
 *
 * Signals:
 * - ::due (GPtrArray *prospects): these prospects' next touches have come
 *   due and were not notified before; they count as notified from now on.
 * - ::withdraw (gint64 id): the notified touch of prospect @id was logged,
 *   rescheduled, or its prospect closed or removed.
 * - ::changed: the set of due follow-ups may have changed.
 *
 * What was notified is kept in @state_path (a key file; NULL keeps it in
 * memory only), so that a restart does not notify again. */

PursuitScheduler *pursuit_scheduler_new          (PursuitStore       *store,
                                                  const PursuitClock *clock,
                                                  const char         *state_path);

/* The same on @watcher's clock, catching up on its ::resumed and
 * ::day-changed. pursuit_scheduler_new() follows the default watcher on
 * the system clock (@clock NULL or the system's), none on another. */
PursuitScheduler *pursuit_scheduler_new_full     (PursuitStore       *store,
                                                  PursuitDayWatcher  *watcher,
                                                  const char         *state_path);

/* $XDG_STATE_HOME/pursuit/reminders.ini */
char             *pursuit_scheduler_default_state_path (void);

/* Looks at the clock again: sends what came due and arms the timer anew.
 * Called on resume from suspend; harmless at any time. */
void              pursuit_scheduler_catch_up     (PursuitScheduler   *self);

/* Whether a timer is armed, and in how many seconds it fires. */
gboolean          pursuit_scheduler_get_timer    (PursuitScheduler   *self,
                                                  guint              *seconds);

/* Every follow-up due now, notified or not, soonest first (a new array
 * of PursuitProspect references). @n_overdue (optional) receives how many
 * are due from an earlier day. */
GPtrArray        *pursuit_scheduler_list_due     (PursuitScheduler   *self,
                                                  guint              *n_overdue);

/* Whether the current next touch of @prospect was notified. */
gboolean          pursuit_scheduler_is_notified  (PursuitScheduler   *self,
                                                  PursuitProspect    *prospect);

PursuitStore     *pursuit_scheduler_get_store    (PursuitScheduler   *self);
const PursuitClock *pursuit_scheduler_get_clock  (PursuitScheduler   *self);

G_END_DECLS
