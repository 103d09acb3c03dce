/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-clock"

#include "config.h"

#include "pursuit-clock.h"

static gint64
system_real_time (gpointer data)
{
  return g_get_real_time ();
}

static gint64
system_monotonic_time (gpointer data)
{
  return g_get_monotonic_time ();
}

static guint
system_add_timer (guint       seconds,
                  GSourceFunc func,
                  gpointer    func_data,
                  gpointer    data)
{
  guint id;

  /* Whole seconds let GLib wake every process up together; a due
   * follow-up does not need better than that. */
  if (seconds == 0)
    id = g_timeout_add (0, func, func_data);
  else
    id = g_timeout_add_seconds (seconds, func, func_data);
  g_source_set_name_by_id (id, "[pursuit] reminder timer");
  return id;
}

static void
system_remove_timer (guint    id,
                     gpointer data)
{
  g_source_remove (id);
}

static const PursuitClock system_clock = {
  system_real_time,
  system_monotonic_time,
  system_add_timer,
  system_remove_timer,
  NULL,
};

const PursuitClock *
pursuit_clock_get_system (void)
{
  return &system_clock;
}

GDateTime *
pursuit_clock_now_local (const PursuitClock *clock)
{
  gint64 usec;
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (clock != NULL, NULL);

  usec = clock->real_time (clock->data);
  utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  return g_date_time_to_local (utc);
}
