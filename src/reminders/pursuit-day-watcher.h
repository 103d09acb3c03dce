/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pursuit-clock.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_DAY_WATCHER (pursuit_day_watcher_get_type ())

G_DECLARE_FINAL_TYPE (PursuitDayWatcher, pursuit_day_watcher, PURSUIT, DAY_WATCHER, GObject)

/* The one clock of the application for "the day changed" and "the machine
 * woke up", shared by the pages of the window and the reminders (GNOME
 * Calendar's GcalClock does the same).
 *
 * It arms one timer, for the next local midnight of its clock, and arms
 * it again when the time zone changes and on resume from suspend: logind's
 * PrepareForSleep on the system bus where logind is there, else a
 * wall-clock jump against the monotonic clock, checked at least every few
 * minutes.
 *
 * Signals:
 * - ::day-changed: the local date is not the one of the last emission (or
 *   of the creation); once per new day, also after sleeping over midnight
 *   or a change of time zone that moved the date.
 * - ::resumed: the machine woke up from suspend (logind said so, or the
 *   wall clock moved on while the monotonic clock stood still). Emitted
 *   after ::day-changed when both apply. */

PursuitDayWatcher  *pursuit_day_watcher_new         (const PursuitClock *clock);

/* The watcher of the system clock (or the one set by
 * pursuit_day_watcher_set_default()), one per process, as GLib's
 * monitors are. */
PursuitDayWatcher  *pursuit_day_watcher_get_default (void);

/* Makes @watcher the default (tests give one on a clock of their own,
 * before they build the window); NULL goes back to the system clock's. */
void                pursuit_day_watcher_set_default (PursuitDayWatcher  *watcher);

const PursuitClock *pursuit_day_watcher_get_clock   (PursuitDayWatcher  *self);

/* Now, in local time, by the watcher's clock. */
GDateTime          *pursuit_day_watcher_now_local   (PursuitDayWatcher  *self);

/* Today's local date by the watcher's clock (@today is set, not cleared
 * first). */
void                pursuit_day_watcher_get_today   (PursuitDayWatcher  *self,
                                                     GDate              *today);

/* Looks at the clock and the time zone again: emits ::day-changed if the
 * date moved and arms the timer anew. Called when the time zone changed;
 * harmless at any time. */
void                pursuit_day_watcher_refresh     (PursuitDayWatcher  *self);

/* What the watcher does on resume: ::day-changed if the date moved, then
 * ::resumed, and the timer armed anew. */
void                pursuit_day_watcher_resume      (PursuitDayWatcher  *self);

/* Whether the timer is armed, and in how many seconds it fires. */
gboolean            pursuit_day_watcher_get_timer   (PursuitDayWatcher  *self,
                                                     guint              *seconds);

G_END_DECLS
