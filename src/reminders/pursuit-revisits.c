/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-reminders"

#include "config.h"

#include "pursuit-revisits.h"
#include "pursuit-store-touches.h"

/* A minute past midnight, clear of the day's edge. */
#define PAST_MIDNIGHT_S 60

struct _PursuitRevisits
{
  PursuitStore       *store;
  const PursuitClock *clock;
  guint               timer_id;
};

static void
return_revisits (PursuitRevisits *self)
{
  g_autoptr(GDateTime) now = pursuit_clock_now_local (self->clock);
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (!pursuit_store_return_revisits (self->store, now, &n, &error))
    g_warning ("%s", error->message);
  else if (n > 0)
    g_debug ("%u prospects came back to the inbox", n);
}

static gboolean timer_cb (gpointer data);

static void
arm (PursuitRevisits *self)
{
  g_autoptr(GDateTime) now = pursuit_clock_now_local (self->clock);
  g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (today, 1);
  /* The next midnight as the calendar has it: a day across a change to
   * summer time is 23 hours long. */
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (tomorrow),
                                                         g_date_time_get_month (tomorrow),
                                                         g_date_time_get_day_of_month (tomorrow), 0, 0, 0);
  GTimeSpan wait = g_date_time_difference (midnight, now) / G_USEC_PER_SEC;

  self->timer_id = self->clock->add_timer ((guint) MAX (wait, 0) + PAST_MIDNIGHT_S, timer_cb, self,
                                           self->clock->data);
}

static gboolean
timer_cb (gpointer data)
{
  PursuitRevisits *self = data;

  self->timer_id = 0;
  return_revisits (self);
  arm (self);
  return G_SOURCE_REMOVE;
}

PursuitRevisits *
pursuit_revisits_new (PursuitStore       *store,
                      const PursuitClock *clock)
{
  PursuitRevisits *self;

  g_return_val_if_fail (PURSUIT_IS_STORE (store), NULL);
  g_return_val_if_fail (clock != NULL, NULL);

  self = g_new0 (PursuitRevisits, 1);
  self->store = g_object_ref (store);
  self->clock = clock;
  return_revisits (self);
  arm (self);
  return self;
}

void
pursuit_revisits_free (PursuitRevisits *self)
{
  if (self == NULL)
    return;

  if (self->timer_id != 0)
    self->clock->remove_timer (self->timer_id, self->clock->data);
  g_clear_object (&self->store);
  g_free (self);
}
