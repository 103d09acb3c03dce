/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PursuitClock:
 * @real_time: the wall clock, in microseconds since the Unix epoch
 * @monotonic_time: a clock that never jumps, in microseconds
 * @add_timer: arms a one-shot timer of @seconds on the monotonic clock;
 *   returns its id (never 0)
 * @remove_timer: disarms the timer @id
 * @data: passed to every function
 *
 * The time as the reminders see it. The system clock is GLib's; tests pass
 * a clock of their own to drive time.
 */
typedef struct
{
  gint64  (*real_time)      (gpointer data);
  gint64  (*monotonic_time) (gpointer data);
  guint   (*add_timer)      (guint       seconds,
                             GSourceFunc func,
                             gpointer    func_data,
                             gpointer    data);
  void    (*remove_timer)   (guint       id,
                             gpointer    data);
  gpointer data;
} PursuitClock;

/* g_get_real_time(), g_get_monotonic_time() and g_timeout_add_seconds(). */
const PursuitClock *pursuit_clock_get_system (void);

/* The wall clock of @clock as a local date and time. */
GDateTime          *pursuit_clock_now_local  (const PursuitClock *clock);

G_END_DECLS
