/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-scheduler"

#include "config.h"

#include <glib/gstdio.h>

#include "pursuit-schedule.h"
#include "pursuit-scheduler.h"

/* A wall clock that moved this much more (or less) than the monotonic
 * clock while the timer was armed has jumped. */
#define JUMP_TOLERANCE_USEC (30 * G_USEC_PER_SEC)

struct _PursuitScheduler
{
  GObject             parent_instance;

  PursuitStore       *store;
  const PursuitClock *clock;
  char               *state_path;

  /* prospect id → the next touch (Unix seconds) that was notified */
  GHashTable         *notified;

  guint               timer_id;
  guint               timer_seconds;
  gint64              armed_real;
  gint64              armed_monotonic;
  guint               rearm_idle_id;

  /* says when the machine woke up and when a new day began */
  PursuitDayWatcher  *watcher;
};

G_DEFINE_FINAL_TYPE (PursuitScheduler, pursuit_scheduler, G_TYPE_OBJECT)

enum {
  DUE,
  WITHDRAW,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rearm (PursuitScheduler *self);

static gint64
now_seconds (PursuitScheduler *self)
{
  return self->clock->real_time (self->clock->data) / G_USEC_PER_SEC;
}

static gboolean
due_seconds (PursuitProspect *prospect,
             gint64          *due)
{
  if (!pursuit_schedule_includes (prospect))
    return FALSE;
  *due = g_date_time_to_unix (pursuit_prospect_get_next_touch (prospect));
  return TRUE;
}

/* Persistence of what was notified: one group per database. */

static void
load_state (PursuitScheduler *self)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_auto(GStrv) keys = NULL;
  const char *group = pursuit_store_get_path (self->store);

  if (self->state_path == NULL || !g_key_file_load_from_file (file, self->state_path, G_KEY_FILE_NONE, NULL))
    return;
  keys = g_key_file_get_keys (file, group, NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      gint64 id = g_ascii_strtoll (keys[i], NULL, 10);
      gint64 due = g_key_file_get_int64 (file, group, keys[i], NULL);

      if (id > 0)
        g_hash_table_insert (self->notified, g_memdup2 (&id, sizeof id), g_memdup2 (&due, sizeof due));
    }
}

static void
save_state (PursuitScheduler *self)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  const char *group = pursuit_store_get_path (self->store);
  GHashTableIter iter;
  gpointer key, value;

  if (self->state_path == NULL)
    return;
  /* Other databases keep their groups. */
  g_key_file_load_from_file (file, self->state_path, G_KEY_FILE_NONE, NULL);
  g_key_file_remove_group (file, group, NULL);
  g_hash_table_iter_init (&iter, self->notified);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      char name[32];

      g_snprintf (name, sizeof name, "%" G_GINT64_FORMAT, *(gint64 *) key);
      g_key_file_set_int64 (file, group, name, *(gint64 *) value);
    }

  /* Written beside and renamed over the old one once on disk: a crash
   * leaves the old state or the new, never half of one. Private, as the
   * database is. */
  data = g_key_file_to_data (file, &length, NULL);
  dir = g_path_get_dirname (self->state_path);
  if (g_mkdir_with_parents (dir, 0700) != 0
      || !g_file_set_contents_full (self->state_path, data, (gssize) length, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                    &error))
    g_warning ("Could not remember the reminders sent in %s: %s", self->state_path,
               error != NULL ? error->message : g_strerror (errno));
}

/* Forgets the touches that changed while Pursuit was not running. */
static void
prune_state (PursuitScheduler *self)
{
  GHashTableIter iter;
  gpointer key;
  gboolean pruned = FALSE;

  g_hash_table_iter_init (&iter, self->notified);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      PursuitProspect *prospect = pursuit_store_find (self->store, *(gint64 *) key);

      if (prospect == NULL || !pursuit_scheduler_is_notified (self, prospect))
        {
          g_hash_table_iter_remove (&iter);
          pruned = TRUE;
        }
    }
  if (pruned)
    save_state (self);
}

char *
pursuit_scheduler_default_state_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "pursuit", "reminders.ini", NULL);
}

gboolean
pursuit_scheduler_is_notified (PursuitScheduler *self,
                               PursuitProspect  *prospect)
{
  gint64 id, due;
  gint64 *notified;

  g_return_val_if_fail (PURSUIT_IS_SCHEDULER (self), FALSE);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), FALSE);

  id = pursuit_prospect_get_id (prospect);
  notified = g_hash_table_lookup (self->notified, &id);
  return notified != NULL && due_seconds (prospect, &due) && due == *notified;
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  PursuitProspect *pa = *(PursuitProspect **) a;
  PursuitProspect *pb = *(PursuitProspect **) b;

  return g_date_time_compare (pursuit_prospect_get_next_touch (pa), pursuit_prospect_get_next_touch (pb));
}

GPtrArray *
pursuit_scheduler_list_due (PursuitScheduler *self,
                            guint            *n_overdue)
{
  GListModel *prospects;
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) today = NULL;
  gint64 now_s;
  guint n, overdue = 0;

  g_return_val_if_fail (PURSUIT_IS_SCHEDULER (self), NULL);

  now_s = now_seconds (self);
  now = pursuit_clock_now_local (self->clock);
  today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                 g_date_time_get_day_of_month (now), 0, 0, 0);
  prospects = pursuit_store_get_prospects (self->store);
  n = g_list_model_get_n_items (prospects);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PursuitProspect) prospect = g_list_model_get_item (prospects, i);
      gint64 when;

      if (!due_seconds (prospect, &when) || when > now_s)
        continue;
      if (when < g_date_time_to_unix (today))
        overdue++;
      g_ptr_array_add (due, g_steal_pointer (&prospect));
    }
  g_ptr_array_sort (due, compare_due);
  if (n_overdue != NULL)
    *n_overdue = overdue;
  return g_steal_pointer (&due);
}

/* Sends what is due and not yet notified. */
static void
send_due (PursuitScheduler *self)
{
  g_autoptr(GPtrArray) due = pursuit_scheduler_list_due (self, NULL);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < due->len; i++)
    {
      PursuitProspect *prospect = g_ptr_array_index (due, i);
      gint64 id = pursuit_prospect_get_id (prospect);
      gint64 when = g_date_time_to_unix (pursuit_prospect_get_next_touch (prospect));

      if (pursuit_scheduler_is_notified (self, prospect))
        continue;
      g_hash_table_insert (self->notified, g_memdup2 (&id, sizeof id), g_memdup2 (&when, sizeof when));
      g_ptr_array_add (fresh, g_object_ref (prospect));
    }

  if (fresh->len == 0)
    return;
  /* Remembered before the notifications go out: a crash in between
   * loses a reminder rather than repeating a flood of them. */
  save_state (self);
  g_signal_emit (self, signals[DUE], 0, fresh);
}

static gboolean
timer_cb (gpointer data)
{
  PursuitScheduler *self = data;
  gint64 real = self->clock->real_time (self->clock->data) - self->armed_real;
  gint64 monotonic = self->clock->monotonic_time (self->clock->data) - self->armed_monotonic;

  self->timer_id = 0;
  if (ABS (real - monotonic) > JUMP_TOLERANCE_USEC)
    g_debug ("The wall clock moved %" G_GINT64_FORMAT " s while %" G_GINT64_FORMAT " s passed; catching up",
             real / G_USEC_PER_SEC, monotonic / G_USEC_PER_SEC);
  /* Whatever the clocks did, what is due is read from the wall clock
   * now; the timer is only a wake-up. */
  pursuit_scheduler_catch_up (self);
  return G_SOURCE_REMOVE;
}

static void
disarm (PursuitScheduler *self)
{
  if (self->timer_id != 0)
    self->clock->remove_timer (self->timer_id, self->clock->data);
  self->timer_id = 0;
}

/* The timer, for the earliest next touch not yet notified. */
static void
rearm (PursuitScheduler *self)
{
  GListModel *prospects = pursuit_store_get_prospects (self->store);
  guint n = g_list_model_get_n_items (prospects);
  gint64 earliest = G_MAXINT64;
  gint64 now = now_seconds (self);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PursuitProspect) prospect = g_list_model_get_item (prospects, i);
      gint64 when;

      if (due_seconds (prospect, &when) && when < earliest && !pursuit_scheduler_is_notified (self, prospect))
        earliest = when;
    }

  disarm (self);
  if (earliest == G_MAXINT64)
    return;
  self->timer_seconds = (guint) CLAMP (earliest - now, 0, G_MAXUINT / 2);
  self->armed_real = self->clock->real_time (self->clock->data);
  self->armed_monotonic = self->clock->monotonic_time (self->clock->data);
  self->timer_id = self->clock->add_timer (self->timer_seconds, timer_cb, self, self->clock->data);
}

void
pursuit_scheduler_catch_up (PursuitScheduler *self)
{
  g_return_if_fail (PURSUIT_IS_SCHEDULER (self));

  g_clear_handle_id (&self->rearm_idle_id, g_source_remove);
  send_due (self);
  rearm (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
rearm_idle_cb (gpointer data)
{
  PursuitScheduler *self = data;

  self->rearm_idle_id = 0;
  pursuit_scheduler_catch_up (self);
  return G_SOURCE_REMOVE;
}

/* Changes come in bursts (an import adds thousands of prospects): the
 * timer is armed again once the burst is over. */
static void
queue_rearm (PursuitScheduler *self)
{
  if (self->rearm_idle_id == 0)
    self->rearm_idle_id = g_idle_add (rearm_idle_cb, self);
}

/* A notified touch that was logged, moved or closed is withdrawn. */
static void
forget (PursuitScheduler *self,
        PursuitProspect  *prospect,
        gboolean          removed)
{
  gint64 id = pursuit_prospect_get_id (prospect);
  gint64 *notified = g_hash_table_lookup (self->notified, &id);
  gint64 due;

  if (id == 0 || notified == NULL)
    return;
  if (!removed && due_seconds (prospect, &due) && due == *notified)
    return;
  g_hash_table_remove (self->notified, &id);
  save_state (self);
  g_signal_emit (self, signals[WITHDRAW], 0, id);
}

static void
prospect_changed_cb (PursuitScheduler *self,
                     PursuitProspect  *prospect)
{
  forget (self, prospect, FALSE);
  queue_rearm (self);
}

static void
prospect_removed_cb (PursuitScheduler *self,
                     PursuitProspect  *prospect)
{
  forget (self, prospect, TRUE);
  queue_rearm (self);
}

static void
pursuit_scheduler_dispose (GObject *object)
{
  PursuitScheduler *self = PURSUIT_SCHEDULER (object);

  if (self->watcher != NULL)
    g_signal_handlers_disconnect_by_data (self->watcher, self);
  g_clear_object (&self->watcher);
  if (self->clock != NULL)
    disarm (self);
  g_clear_handle_id (&self->rearm_idle_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pursuit_scheduler_parent_class)->dispose (object);
}

static void
pursuit_scheduler_finalize (GObject *object)
{
  PursuitScheduler *self = PURSUIT_SCHEDULER (object);

  g_hash_table_unref (self->notified);
  g_free (self->state_path);

  G_OBJECT_CLASS (pursuit_scheduler_parent_class)->finalize (object);
}

static void
pursuit_scheduler_class_init (PursuitSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GType type = G_TYPE_FROM_CLASS (klass);

  object_class->dispose = pursuit_scheduler_dispose;
  object_class->finalize = pursuit_scheduler_finalize;

  signals[DUE] = g_signal_new ("due", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                               G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
  signals[WITHDRAW] = g_signal_new ("withdraw", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[CHANGED] = g_signal_new ("changed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
pursuit_scheduler_init (PursuitScheduler *self)
{
  self->notified = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

static PursuitScheduler *
scheduler_new (PursuitStore       *store,
               const PursuitClock *clock,
               PursuitDayWatcher  *watcher,
               const char         *state_path)
{
  PursuitScheduler *self = g_object_new (PURSUIT_TYPE_SCHEDULER, NULL);

  self->store = g_object_ref (store);
  self->clock = clock;
  self->state_path = g_strdup (state_path);
  load_state (self);
  prune_state (self);

  g_signal_connect_swapped (store, "prospect-added", G_CALLBACK (queue_rearm), self);
  g_signal_connect_swapped (store, "prospect-changed", G_CALLBACK (prospect_changed_cb), self);
  g_signal_connect_swapped (store, "prospect-removed", G_CALLBACK (prospect_removed_cb), self);
  g_signal_connect_swapped (store, "policy-changed", G_CALLBACK (queue_rearm), self);

  /* After a suspend the timer (on the monotonic clock) runs late; at a
   * new day, what was due today becomes overdue. */
  if (watcher != NULL)
    {
      self->watcher = g_object_ref (watcher);
      g_signal_connect_swapped (watcher, "resumed", G_CALLBACK (pursuit_scheduler_catch_up), self);
      g_signal_connect_swapped (watcher, "day-changed", G_CALLBACK (pursuit_scheduler_catch_up), self);
    }

  rearm (self);
  return self;
}

PursuitScheduler *
pursuit_scheduler_new (PursuitStore       *store,
                       const PursuitClock *clock,
                       const char         *state_path)
{
  g_return_val_if_fail (PURSUIT_IS_STORE (store), NULL);

  /* Suspend is followed only on the real clock: a test's clock does not
   * sleep unless the test gives a watcher of its own. */
  if (clock == NULL || clock == pursuit_clock_get_system ())
    return pursuit_scheduler_new_full (store, pursuit_day_watcher_get_default (), state_path);
  return scheduler_new (store, clock, NULL, state_path);
}

PursuitScheduler *
pursuit_scheduler_new_full (PursuitStore      *store,
                            PursuitDayWatcher *watcher,
                            const char        *state_path)
{
  g_return_val_if_fail (PURSUIT_IS_STORE (store), NULL);
  g_return_val_if_fail (PURSUIT_IS_DAY_WATCHER (watcher), NULL);

  return scheduler_new (store, pursuit_day_watcher_get_clock (watcher), watcher, state_path);
}

gboolean
pursuit_scheduler_get_timer (PursuitScheduler *self,
                             guint            *seconds)
{
  g_return_val_if_fail (PURSUIT_IS_SCHEDULER (self), FALSE);

  if (seconds != NULL)
    *seconds = self->timer_id != 0 ? self->timer_seconds : 0;
  return self->timer_id != 0;
}

PursuitStore *
pursuit_scheduler_get_store (PursuitScheduler *self)
{
  g_return_val_if_fail (PURSUIT_IS_SCHEDULER (self), NULL);

  return self->store;
}

const PursuitClock *
pursuit_scheduler_get_clock (PursuitScheduler *self)
{
  g_return_val_if_fail (PURSUIT_IS_SCHEDULER (self), NULL);

  return self->clock;
}
