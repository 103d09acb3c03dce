/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-clock"

#include "config.h"

#include "pursuit-day-watcher.h"

/* Without logind, the timer wakes at least this often to compare the
 * wall clock with the monotonic clock: a machine that slept over midnight
 * is caught up with within this time of waking. */
#define JUMP_CHECK_S 300

/* A wall clock that moved this much more than the monotonic clock while
 * the timer was armed has jumped forward: the machine slept. */
#define JUMP_TOLERANCE_USEC (30 * G_USEC_PER_SEC)

#define LOGIND_NAME "org.freedesktop.login1"

struct _PursuitDayWatcher
{
  GObject             parent_instance;

  const PursuitClock *clock;
  GTimeZone          *zone;     /* the local zone at the last look */
  GDate               today;    /* the day of the last look */

  guint               timer_id;
  guint               timer_seconds;
  gint64              armed_real;
  gint64              armed_monotonic;

  GDBusConnection    *system_bus;
  guint               sleep_subscription;
  guint               logind_watch;
  gboolean            logind;   /* logind is there to say when we resume */
  GFileMonitor       *zone_monitor;
  guint               watch_id;
};

G_DEFINE_FINAL_TYPE (PursuitDayWatcher, pursuit_day_watcher, G_TYPE_OBJECT)

enum {
  DAY_CHANGED,
  RESUMED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static PursuitDayWatcher *default_watcher;

static void arm (PursuitDayWatcher *self);

/* Bus callbacks hold the watcher weakly: they can come after dispose. */
static GWeakRef *
weak_ref_new (gpointer object)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, object);
  return ref;
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

GDateTime *
pursuit_day_watcher_now_local (PursuitDayWatcher *self)
{
  gint64 usec;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) exact = NULL;

  g_return_val_if_fail (PURSUIT_IS_DAY_WATCHER (self), NULL);

  usec = self->clock->real_time (self->clock->data);
  utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  exact = g_date_time_add (utc, usec % G_USEC_PER_SEC);
  return g_date_time_to_timezone (exact, self->zone);
}

void
pursuit_day_watcher_get_today (PursuitDayWatcher *self,
                               GDate             *today)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (PURSUIT_IS_DAY_WATCHER (self));
  g_return_if_fail (today != NULL);

  now = pursuit_day_watcher_now_local (self);
  g_date_clear (today, 1);
  g_date_set_dmy (today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/* Reads the zone and the day again, arms the timer anew, and says what
 * changed. The timer is armed before the signals, so that their handlers
 * see it. */
static void
look (PursuitDayWatcher *self,
      gboolean           resumed)
{
  g_autoptr(PursuitDayWatcher) hold = g_object_ref (self);
  GDate today;
  gboolean changed;

  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = g_time_zone_new_local ();
  pursuit_day_watcher_get_today (self, &today);
  changed = g_date_compare (&today, &self->today) != 0;
  self->today = today;
  arm (self);
  if (changed)
    g_signal_emit (self, signals[DAY_CHANGED], 0);
  if (resumed)
    g_signal_emit (self, signals[RESUMED], 0);
}

static gboolean
timer_cb (gpointer data)
{
  PursuitDayWatcher *self = data;
  gint64 real = self->clock->real_time (self->clock->data) - self->armed_real;
  gint64 monotonic = self->clock->monotonic_time (self->clock->data) - self->armed_monotonic;

  self->timer_id = 0;
  /* The monotonic clock stands still while the machine sleeps. */
  look (self, !self->logind && real - monotonic > JUMP_TOLERANCE_USEC);
  return G_SOURCE_REMOVE;
}

static void
disarm (PursuitDayWatcher *self)
{
  if (self->timer_id != 0)
    self->clock->remove_timer (self->timer_id, self->clock->data);
  self->timer_id = 0;
}

/* Seconds from @now to the next local midnight as the calendar has it (a
 * day across a change to summer time is 23 hours long), rounded up. */
static gint64
seconds_to_midnight (GDateTime *now)
{
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) midnight = g_date_time_new (g_date_time_get_timezone (now),
                                                   g_date_time_get_year (tomorrow),
                                                   g_date_time_get_month (tomorrow),
                                                   g_date_time_get_day_of_month (tomorrow), 0, 0, 0);

  return (g_date_time_difference (midnight, now) + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;
}

/* One timer, for the next midnight; also for a look at the clocks every
 * few minutes when nobody says that the machine woke up. A timer that
 * fires early (the clocks drift apart) finds the same day and is armed
 * again for what is left. */
static void
arm (PursuitDayWatcher *self)
{
  g_autoptr(GDateTime) now = pursuit_day_watcher_now_local (self);
  gint64 wait = seconds_to_midnight (now);

  disarm (self);
  if (!self->logind)
    wait = MIN (wait, JUMP_CHECK_S);
  self->timer_seconds = (guint) CLAMP (wait, 1, G_MAXUINT / 2);
  self->armed_real = self->clock->real_time (self->clock->data);
  self->armed_monotonic = self->clock->monotonic_time (self->clock->data);
  self->timer_id = self->clock->add_timer (self->timer_seconds, timer_cb, self, self->clock->data);
}

void
pursuit_day_watcher_refresh (PursuitDayWatcher *self)
{
  g_return_if_fail (PURSUIT_IS_DAY_WATCHER (self));

  look (self, FALSE);
}

void
pursuit_day_watcher_resume (PursuitDayWatcher *self)
{
  g_return_if_fail (PURSUIT_IS_DAY_WATCHER (self));

  look (self, TRUE);
}

gboolean
pursuit_day_watcher_get_timer (PursuitDayWatcher *self,
                               guint             *seconds)
{
  g_return_val_if_fail (PURSUIT_IS_DAY_WATCHER (self), FALSE);

  if (seconds != NULL)
    *seconds = self->timer_id != 0 ? self->timer_seconds : 0;
  return self->timer_id != 0;
}

const PursuitClock *
pursuit_day_watcher_get_clock (PursuitDayWatcher *self)
{
  g_return_val_if_fail (PURSUIT_IS_DAY_WATCHER (self), NULL);

  return self->clock;
}

/* Suspend and resume: logind says PrepareForSleep (false) on resume. */

static void
sleep_cb (GDBusConnection *connection,
          const char      *sender,
          const char      *path,
          const char      *interface,
          const char      *signal,
          GVariant        *parameters,
          gpointer         data)
{
  g_autoptr(PursuitDayWatcher) self = g_weak_ref_get (data);
  gboolean going_to_sleep = TRUE;

  if (self == NULL)
    return;
  if (g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    g_variant_get (parameters, "(b)", &going_to_sleep);
  if (!going_to_sleep)
    pursuit_day_watcher_resume (self);
}

/* While logind is there, its word replaces the look every few minutes. */
static void
logind_cb (GDBusConnection *connection,
           const char      *name,
           const char      *owner,
           gpointer         data)
{
  g_autoptr(PursuitDayWatcher) self = g_weak_ref_get (data);

  if (self == NULL || self->logind == (owner != NULL))
    return;
  self->logind = owner != NULL;
  arm (self);
}

static void
logind_vanished_cb (GDBusConnection *connection,
                    const char      *name,
                    gpointer         data)
{
  logind_cb (connection, name, NULL, data);
}

static void
system_bus_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, &error);
  g_autoptr(PursuitDayWatcher) self = g_weak_ref_get (data);

  weak_ref_free (data);
  if (bus == NULL)
    {
      /* No system bus (a container, a test): the look at the clocks
       * every few minutes catches a resume. */
      g_debug ("No system bus, not following suspend: %s", error->message);
      return;
    }
  if (self == NULL)
    return;
  self->system_bus = g_steal_pointer (&bus);
  self->sleep_subscription =
    g_dbus_connection_signal_subscribe (self->system_bus, LOGIND_NAME, "org.freedesktop.login1.Manager",
                                        "PrepareForSleep", "/org/freedesktop/login1", NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE, sleep_cb, weak_ref_new (self), weak_ref_free);
  self->logind_watch = g_bus_watch_name_on_connection (self->system_bus, LOGIND_NAME, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                       logind_cb, logind_vanished_cb, weak_ref_new (self),
                                                       weak_ref_free);
}

/* The time zone: timedated (or an administrator) replaces /etc/localtime. */
static void
zone_changed_cb (PursuitDayWatcher *self)
{
  g_debug ("The time zone may have changed");
  pursuit_day_watcher_refresh (self);
}

static void
watch_zone (PursuitDayWatcher *self)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/etc/localtime");

  self->zone_monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, NULL);
  if (self->zone_monitor != NULL)
    g_signal_connect_object (self->zone_monitor, "changed", G_CALLBACK (zone_changed_cb), self,
                             G_CONNECT_SWAPPED);
}

/* The system bus and the time zone's file are watched once the window
 * is up: nothing of it is needed for the first frame. */
static gboolean
watch_idle_cb (gpointer data)
{
  PursuitDayWatcher *self = data;

  self->watch_id = 0;
  /* No cancellable: GLib shares one connection attempt between its
   * callers, and cancelling it for one fails it for all. A watcher gone
   * in the meantime is not there in the weak reference. */
  g_bus_get (G_BUS_TYPE_SYSTEM, NULL, system_bus_cb, weak_ref_new (self));
  watch_zone (self);
  return G_SOURCE_REMOVE;
}

static void
pursuit_day_watcher_dispose (GObject *object)
{
  PursuitDayWatcher *self = PURSUIT_DAY_WATCHER (object);

  g_clear_handle_id (&self->watch_id, g_source_remove);
  if (self->sleep_subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->system_bus, self->sleep_subscription);
  self->sleep_subscription = 0;
  g_clear_handle_id (&self->logind_watch, g_bus_unwatch_name);
  g_clear_object (&self->system_bus);
  if (self->zone_monitor != NULL)
    g_file_monitor_cancel (self->zone_monitor);
  g_clear_object (&self->zone_monitor);
  if (self->clock != NULL)
    disarm (self);

  G_OBJECT_CLASS (pursuit_day_watcher_parent_class)->dispose (object);
}

static void
pursuit_day_watcher_finalize (GObject *object)
{
  PursuitDayWatcher *self = PURSUIT_DAY_WATCHER (object);

  g_clear_pointer (&self->zone, g_time_zone_unref);

  G_OBJECT_CLASS (pursuit_day_watcher_parent_class)->finalize (object);
}

static void
pursuit_day_watcher_class_init (PursuitDayWatcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GType type = G_TYPE_FROM_CLASS (klass);

  object_class->dispose = pursuit_day_watcher_dispose;
  object_class->finalize = pursuit_day_watcher_finalize;

  /**
   * PursuitDayWatcher::day-changed:
   *
   * The local date changed.
   */
  signals[DAY_CHANGED] = g_signal_new ("day-changed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 0);
  /**
   * PursuitDayWatcher::resumed:
   *
   * The machine woke up from suspend.
   */
  signals[RESUMED] = g_signal_new ("resumed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pursuit_day_watcher_init (PursuitDayWatcher *self)
{
  self->zone = g_time_zone_new_local ();
}

/**
 * pursuit_day_watcher_new:
 * @clock: (nullable): the clock to follow; NULL for the system's
 *
 * Returns: (transfer full): a new watcher, its timer armed.
 */
PursuitDayWatcher *
pursuit_day_watcher_new (const PursuitClock *clock)
{
  PursuitDayWatcher *self = g_object_new (PURSUIT_TYPE_DAY_WATCHER, NULL);

  self->clock = clock != NULL ? clock : pursuit_clock_get_system ();
  pursuit_day_watcher_get_today (self, &self->today);
  self->watch_id = g_idle_add_full (G_PRIORITY_LOW, watch_idle_cb, self, NULL);
  arm (self);
  return self;
}

PursuitDayWatcher *
pursuit_day_watcher_get_default (void)
{
  if (default_watcher == NULL)
    default_watcher = pursuit_day_watcher_new (NULL);
  return default_watcher;
}

void
pursuit_day_watcher_set_default (PursuitDayWatcher *watcher)
{
  g_return_if_fail (watcher == NULL || PURSUIT_IS_DAY_WATCHER (watcher));

  if (watcher != NULL)
    g_object_ref (watcher);
  g_clear_object (&default_watcher);
  default_watcher = watcher;
}
