/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pursuit-clock.h"

G_BEGIN_DECLS

/* A clock for tests: time moves only when the test says so, and timers
 * fire when the monotonic time reaches them. */
typedef struct
{
  PursuitClock clock;
  gint64       real;       /* µs */
  gint64       monotonic;  /* µs */
  guint        next_id;
  GArray      *timers;     /* TestTimer */
} TestClock;

typedef struct
{
  guint       id;
  gint64      deadline;
  guint       seconds;
  GSourceFunc func;
  gpointer    data;
} TestTimer;

static guint
test_clock_add_timer (guint       seconds,
                      GSourceFunc func,
                      gpointer    func_data,
                      gpointer    data)
{
  TestClock *self = data;
  TestTimer timer = { ++self->next_id, self->monotonic + seconds * G_USEC_PER_SEC, seconds, func, func_data };

  g_array_append_val (self->timers, timer);
  return timer.id;
}

static void
test_clock_remove_timer (guint    id,
                         gpointer data)
{
  TestClock *self = data;

  for (guint i = 0; i < self->timers->len; i++)
    if (g_array_index (self->timers, TestTimer, i).id == id)
      {
        g_array_remove_index (self->timers, i);
        return;
      }
  g_assert_not_reached ();
}

static gint64
test_clock_real (gpointer data)
{
  return ((TestClock *) data)->real;
}

static gint64
test_clock_monotonic (gpointer data)
{
  return ((TestClock *) data)->monotonic;
}

static inline void
test_clock_init (TestClock *self)
{
  self->clock.real_time = test_clock_real;
  self->clock.monotonic_time = test_clock_monotonic;
  self->clock.add_timer = test_clock_add_timer;
  self->clock.remove_timer = test_clock_remove_timer;
  self->clock.data = self;
  /* Whole seconds, as the database keeps them. */
  self->real = g_get_real_time () / G_USEC_PER_SEC * G_USEC_PER_SEC;
  self->monotonic = 1000 * G_USEC_PER_SEC;
  self->timers = g_array_new (FALSE, FALSE, sizeof (TestTimer));
}

static inline void
test_clock_clear (TestClock *self)
{
  g_clear_pointer (&self->timers, g_array_unref);
}

/* Moves the wall clock by @real_s and the monotonic clock by @monotonic_s
 * seconds, then fires the timers that are due. */
static inline void
test_clock_advance (TestClock *self,
                    gint64     real_s,
                    gint64     monotonic_s)
{
  gboolean fired;

  self->real += real_s * G_USEC_PER_SEC;
  self->monotonic += monotonic_s * G_USEC_PER_SEC;
  do
    {
      fired = FALSE;
      for (guint i = 0; i < self->timers->len; i++)
        {
          TestTimer timer = g_array_index (self->timers, TestTimer, i);

          if (timer.deadline <= self->monotonic)
            {
              g_array_remove_index (self->timers, i);
              timer.func (timer.data);
              fired = TRUE;
              break;
            }
        }
    }
  while (fired);
}

static inline GDateTime *
test_clock_in (TestClock *self,
               gint64     seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (self->real / G_USEC_PER_SEC + seconds);

  return g_date_time_to_local (utc);
}

G_END_DECLS
