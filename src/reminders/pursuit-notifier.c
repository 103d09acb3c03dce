/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "pursuit-limit.h"
#include "pursuit-notifier.h"
#include "pursuit-number.h"
#include "pursuit-schedule.h"
#include "pursuit-store-touches.h"

#define SUMMARY_ID "due-summary"
#define SNOOZE_SECONDS 3600
#define TOMORROW_HOUR 9

struct _PursuitNotifier
{
  GObject           parent_instance;

  GApplication     *application;
  PursuitScheduler *scheduler;
  int               markup;  /* -1 until asked */
  gboolean          summary_shown;
};

G_DEFINE_FINAL_TYPE (PursuitNotifier, pursuit_notifier, G_TYPE_OBJECT)

char *
pursuit_notifier_id_for (gint64 id)
{
  return g_strdup_printf ("touch-%" G_GINT64_FORMAT, id);
}

char *
pursuit_notifier_dup_title (PursuitProspect *prospect)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), NULL);

  return pursuit_prospect_dup_next_action (prospect);
}

static gboolean
same_day (GDateTime *a,
          GDateTime *b)
{
  g_autoptr(GDateTime) la = g_date_time_to_local (a);
  g_autoptr(GDateTime) lb = g_date_time_to_local (b);

  return g_date_time_get_year (la) == g_date_time_get_year (lb)
         && g_date_time_get_day_of_year (la) == g_date_time_get_day_of_year (lb);
}

static char *
dup_reason (PursuitStore    *store,
            PursuitProspect *prospect,
            GDateTime       *now)
{
  GDateTime *callback = pursuit_prospect_get_callback_at (prospect);
  const PursuitPolicy *policy = pursuit_store_get_policy (store);

  switch (pursuit_store_next_reason (store, prospect))
    {
    case PURSUIT_NEXT_REASON_CALLBACK:
      if (callback == NULL || same_day (callback, now))
        return g_strdup (_("asked to call back today"));
      return g_strdup (_("asked to call back"));
    case PURSUIT_NEXT_REASON_MANUAL:
      return g_strdup (_("planned by hand"));
    case PURSUIT_NEXT_REASON_CADENCE:
      /* The tier by its name, as the Calendar says it: "Hot: every day". */
      return pursuit_schedule_dup_reason (prospect, policy);
    case PURSUIT_NEXT_REASON_CUSTOMER:
      return g_strdup (_("keep in touch"));
    case PURSUIT_NEXT_REASON_NONE:
    case PURSUIT_NEXT_REASON_OTHER:
    default:
      return NULL;
    }
}

/* How to reach the prospect on the planned channel. */
static const char *
contact_for (PursuitProspect *prospect)
{
  switch (pursuit_prospect_get_next_channel (prospect))
    {
    case PURSUIT_CHANNEL_CALL:
    case PURSUIT_CHANNEL_VOICEMAIL:
      return pursuit_prospect_get_phone (prospect);
    case PURSUIT_CHANNEL_EMAIL:
      return pursuit_prospect_get_email (prospect);
    default:
      return "";
    }
}

static char *
dup_body (PursuitStore    *store,
          PursuitProspect *prospect,
          GDateTime       *now,
          gboolean         markup)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *reason = dup_reason (store, prospect, now);
  const char *contact = contact_for (prospect);

  if (pursuit_prospect_get_stage (prospect) == PURSUIT_STAGE_CUSTOMER)
    g_string_append (body, _("Customer"));
  else
    {
      g_autofree char *attempt = NULL;
      PursuitLimitCheck check;

      /* The words of the cards: never "Attempt 9 of 7". */
      pursuit_store_check_limit (store, prospect, &check);
      attempt = pursuit_limit_next_attempt_text (&check);
      g_string_append (body, attempt);
    }
  if (reason != NULL)
    g_string_append_printf (body, " · %s", reason);
  if (!same_day (pursuit_prospect_get_next_touch (prospect), now))
    g_string_append_printf (body, " · %s", _("overdue"));

  /* The body is markup for some servers, and this is text the user typed. */
  if (contact[0] != '\0')
    {
      g_autofree char *escaped = markup ? g_markup_escape_text (contact, -1) : g_strdup (contact);
      g_string_append_printf (body, "\n%s", escaped);
    }
  return g_string_free (g_steal_pointer (&body), FALSE);
}

GNotification *
pursuit_notifier_compose (PursuitStore    *store,
                          PursuitProspect *prospect,
                          GDateTime       *now,
                          gboolean         markup)
{
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  GNotification *notification;
  gint64 id;

  g_return_val_if_fail (PURSUIT_IS_STORE (store), NULL);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  id = pursuit_prospect_get_id (prospect);
  /* The summary is plain text in every notification protocol. */
  title = pursuit_notifier_dup_title (prospect);
  body = dup_body (store, prospect, now, markup);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_category (notification, "x-pursuit.follow-up");
  /* A click opens the day's list, where this follow-up is worked with
   * the others (its row is there, with Email, Call and Log). */
  g_notification_set_default_action (notification, "app.show-today");
  /* A customer is kept in touch with, not chased: no attempt to log. */
  if (pursuit_prospect_get_stage (prospect) == PURSUIT_STAGE_ACTIVE)
    g_notification_add_button_with_target (notification, _("No answer"), "app.reminder-no-answer", "x", id);
  g_notification_add_button_with_target (notification, _("Snooze"), "app.reminder-snooze", "x", id);
  g_notification_add_button_with_target (notification, _("Tomorrow"), "app.reminder-tomorrow", "x", id);
  return notification;
}

GNotification *
pursuit_notifier_compose_summary (GPtrArray *due,
                                  guint      n_due,
                                  guint      n_overdue,
                                  gboolean   markup)
{
  g_autofree char *number = NULL;
  g_autofree char *count = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  GNotification *notification;
  guint shown;

  g_return_val_if_fail (due != NULL, NULL);

  number = pursuit_number_format (n_due);
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s follow-up due", "%s follow-ups due", n_due), number);
  if (n_overdue > 0)
    {
      g_autofree char *overdue = pursuit_number_format (n_overdue);

      /* Translators: "12 follow-ups due — 3 overdue" */
      title = g_strdup_printf (_("%s — %s overdue"), count, overdue);
    }
  else
    title = g_steal_pointer (&count);

  shown = MIN (due->len, PURSUIT_NOTIFIER_MAX_SINGLE);
  for (guint i = 0; i < shown; i++)
    {
      const char *name = pursuit_prospect_get_name (g_ptr_array_index (due, i));
      g_autofree char *escaped = markup ? g_markup_escape_text (name, -1) : g_strdup (name);

      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, escaped);
    }
  if (n_due > shown)
    {
      g_autofree char *more = pursuit_number_format (n_due - shown);

      g_string_append_printf (names, g_dngettext (GETTEXT_PACKAGE, " and %s more", " and %s more", n_due - shown),
                              more);
    }

  notification = g_notification_new (title);
  g_notification_set_body (notification, names->str);
  g_notification_set_category (notification, "x-pursuit.follow-up");
  /* A click opens today's follow-ups: the Today page. */
  g_notification_set_default_action (notification, "app.show-today");
  return notification;
}

/* Whether the notification server reads the body as markup: GLib picks
 * its backend by what owns the bus, and of its three only the
 * freedesktop one talks to a server that may read markup. */
static gboolean
body_is_markup (PursuitNotifier *self)
{
  const char *forced = g_getenv ("GNOTIFICATION_BACKEND");
  GDBusConnection *bus;
  g_autoptr(GVariant) reply = NULL;
  gboolean gtk_owned = FALSE;

  if (self->markup >= 0)
    return self->markup;
  if (forced != NULL)
    return (self->markup = g_str_equal (forced, "freedesktop"));
  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    return (self->markup = FALSE);

  bus = g_application_get_dbus_connection (self->application);
  if (bus != NULL)
    reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                         "org.freedesktop.DBus", "NameHasOwner",
                                         g_variant_new ("(s)", "org.gtk.Notifications"),
                                         G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, 2000, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &gtk_owned);
  return (self->markup = !gtk_owned);
}

static void
due_cb (PursuitNotifier *self,
        GPtrArray       *fresh)
{
  PursuitStore *store = pursuit_scheduler_get_store (self->scheduler);
  g_autoptr(GDateTime) now = pursuit_clock_now_local (pursuit_scheduler_get_clock (self->scheduler));
  gboolean markup = body_is_markup (self);

  if (fresh->len > PURSUIT_NOTIFIER_MAX_SINGLE)
    {
      guint n_overdue = 0;
      g_autoptr(GPtrArray) due = pursuit_scheduler_list_due (self->scheduler, &n_overdue);
      g_autoptr(GNotification) summary = pursuit_notifier_compose_summary (due, due->len, n_overdue, markup);

      g_application_send_notification (self->application, SUMMARY_ID, summary);
      self->summary_shown = TRUE;
      return;
    }

  for (guint i = 0; i < fresh->len; i++)
    {
      PursuitProspect *prospect = g_ptr_array_index (fresh, i);
      g_autoptr(GNotification) notification = pursuit_notifier_compose (store, prospect, now, markup);
      g_autofree char *id = pursuit_notifier_id_for (pursuit_prospect_get_id (prospect));

      g_application_send_notification (self->application, id, notification);
    }
}

static void
withdraw_cb (PursuitNotifier *self,
             gint64           prospect_id)
{
  g_autofree char *id = pursuit_notifier_id_for (prospect_id);

  g_application_withdraw_notification (self->application, id);
}

static void
changed_cb (PursuitNotifier *self)
{
  g_autoptr(GPtrArray) due = NULL;

  if (!self->summary_shown)
    return;
  /* Nothing left to do: the summary has served. */
  due = pursuit_scheduler_list_due (self->scheduler, NULL);
  if (due->len == 0)
    {
      g_application_withdraw_notification (self->application, SUMMARY_ID);
      self->summary_shown = FALSE;
    }
}

/* Actions */

static PursuitProspect *
lookup (PursuitNotifier *self,
        GVariant        *param)
{
  PursuitStore *store = pursuit_scheduler_get_store (self->scheduler);
  PursuitProspect *prospect = pursuit_store_find (store, g_variant_get_int64 (param));

  if (prospect == NULL)
    g_debug ("No prospect %" G_GINT64_FORMAT " any more", g_variant_get_int64 (param));
  return prospect;
}

/* A reminder's button can be pressed long after the notification went
 * out, and anything on the bus can activate the action: it acts only on
 * a prospect still in the state it is for. */
static gboolean
is_due (PursuitProspect *prospect,
        GDateTime       *now)
{
  return pursuit_prospect_get_stage (prospect) == PURSUIT_STAGE_ACTIVE
         && pursuit_schedule_includes (prospect)
         && g_date_time_compare (pursuit_prospect_get_next_touch (prospect), now) <= 0;
}

static void
no_answer_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       data)
{
  PursuitNotifier *self = data;
  PursuitProspect *prospect = lookup (self, param);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(PursuitTouch) touch = NULL;
  g_autoptr(GError) error = NULL;

  if (prospect == NULL)
    return;
  now = pursuit_clock_now_local (pursuit_scheduler_get_clock (self->scheduler));
  if (!is_due (prospect, now))
    {
      g_debug ("No follow-up of prospect %" G_GINT64_FORMAT " is due: not logging a touch",
               pursuit_prospect_get_id (prospect));
      return;
    }
  touch = pursuit_touch_new (pursuit_prospect_get_id (prospect), now, pursuit_prospect_get_next_channel (prospect),
                             PURSUIT_DIRECTION_OUT, PURSUIT_OUTCOME_NO_ANSWER);
  if (!pursuit_store_record_touch (pursuit_scheduler_get_store (self->scheduler), touch, &error))
    g_warning ("%s", error->message);
}

static void
reschedule (PursuitNotifier *self,
            GVariant        *param,
            gboolean         tomorrow)
{
  PursuitProspect *prospect = lookup (self, param);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(PursuitProspect) draft = NULL;
  g_autoptr(GError) error = NULL;

  if (prospect == NULL)
    return;
  /* Only a planned follow-up (of an active prospect or a customer) is
   * moved: never one that the action would create. */
  if (!pursuit_schedule_includes (prospect))
    {
      g_debug ("Prospect %" G_GINT64_FORMAT " has no follow-up to move", pursuit_prospect_get_id (prospect));
      return;
    }
  now = pursuit_clock_now_local (pursuit_scheduler_get_clock (self->scheduler));
  if (tomorrow)
    {
      g_autoptr(GDateTime) next_day = g_date_time_add_days (now, 1);

      when = g_date_time_new_local (g_date_time_get_year (next_day), g_date_time_get_month (next_day),
                                    g_date_time_get_day_of_month (next_day), TOMORROW_HOUR, 0, 0);
    }
  else
    when = g_date_time_add_seconds (now, SNOOZE_SECONDS);

  draft = pursuit_prospect_dup (prospect);
  pursuit_prospect_set_next_touch (draft, when);
  pursuit_prospect_set_next_touch_manual (draft, TRUE);
  if (!pursuit_store_update (pursuit_scheduler_get_store (self->scheduler), prospect, draft, &error))
    g_warning ("%s", error->message);
}

static void
snooze_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       data)
{
  reschedule (data, param, FALSE);
}

static void
tomorrow_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       data)
{
  reschedule (data, param, TRUE);
}

static const GActionEntry actions[] = {
  { "reminder-no-answer", no_answer_action, "x" },
  { "reminder-snooze", snooze_action, "x" },
  { "reminder-tomorrow", tomorrow_action, "x" },
};

static void
pursuit_notifier_dispose (GObject *object)
{
  PursuitNotifier *self = PURSUIT_NOTIFIER (object);

  if (self->application != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
      g_action_map_remove_action (G_ACTION_MAP (self->application), actions[i].name);
  if (self->scheduler != NULL)
    g_signal_handlers_disconnect_by_data (self->scheduler, self);
  g_clear_object (&self->scheduler);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (pursuit_notifier_parent_class)->dispose (object);
}

static void
pursuit_notifier_class_init (PursuitNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pursuit_notifier_dispose;
}

static void
pursuit_notifier_init (PursuitNotifier *self)
{
  self->markup = -1;
}

PursuitNotifier *
pursuit_notifier_new (GApplication     *application,
                      PursuitScheduler *scheduler)
{
  PursuitNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (PURSUIT_IS_SCHEDULER (scheduler), NULL);

  self = g_object_new (PURSUIT_TYPE_NOTIFIER, NULL);
  /* The application owns the notifier: a weak pointer, no cycle. */
  g_set_weak_pointer (&self->application, application);
  self->scheduler = g_object_ref (scheduler);
  g_action_map_add_action_entries (G_ACTION_MAP (application), actions, G_N_ELEMENTS (actions), self);
  g_signal_connect_swapped (scheduler, "due", G_CALLBACK (due_cb), self);
  g_signal_connect_swapped (scheduler, "withdraw", G_CALLBACK (withdraw_cb), self);
  g_signal_connect_swapped (scheduler, "changed", G_CALLBACK (changed_cb), self);
  return self;
}
