/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-reminders"

#include "config.h"

#include "pursuit-revisits.h"
#include "pursuit-store-touches.h"

struct _PursuitRevisits
{
  PursuitStore      *store;
  PursuitDayWatcher *watcher;
};

static void
return_revisits (PursuitRevisits *self)
{
  g_autoptr(GDateTime) now = pursuit_day_watcher_now_local (self->watcher);
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (!pursuit_store_return_revisits (self->store, now, &n, &error))
    g_warning ("%s", error->message);
  else if (n > 0)
    g_debug ("%u prospects came back to the inbox", n);
}

PursuitRevisits *
pursuit_revisits_new (PursuitStore      *store,
                      PursuitDayWatcher *watcher)
{
  PursuitRevisits *self;

  g_return_val_if_fail (PURSUIT_IS_STORE (store), NULL);
  g_return_val_if_fail (PURSUIT_IS_DAY_WATCHER (watcher), NULL);

  self = g_new0 (PursuitRevisits, 1);
  self->store = g_object_ref (store);
  self->watcher = g_object_ref (watcher);
  g_signal_connect_swapped (watcher, "day-changed", G_CALLBACK (return_revisits), self);
  return_revisits (self);
  return self;
}

void
pursuit_revisits_free (PursuitRevisits *self)
{
  if (self == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->watcher, self);
  g_clear_object (&self->watcher);
  g_clear_object (&self->store);
  g_free (self);
}
