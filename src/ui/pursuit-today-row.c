/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-today-row"

#include "config.h"

#include <glib/gi18n.h>

#include "pursuit-outreach-actions.h"

#include "pursuit-format.h"
#include "pursuit-limit.h"
#include "pursuit-schedule.h"
#include "pursuit-store-touches.h"
#include "pursuit-today-row.h"
#include "pursuit-touch-dialog.h"
#include "pursuit-widget.h"

struct _PursuitTodayRow
{
  GtkWidget        parent_instance;

  PursuitStore    *store;
  PursuitProspect *prospect;

  GtkLabel        *name_label;
  GtkLabel        *company_label;
  GtkLabel        *contact_label;
  GtkLabel        *due_label;
  GtkLabel        *reason_label;
  GtkWidget       *email_button;
  GtkWidget       *call_button;
  GtkWidget       *no_answer_button;
  GtkWidget       *close_loop_button;
  GtkWidget       *log_button;
  GtkWidget       *snooze_button;
  GtkWidget       *open_button;
};

G_DEFINE_FINAL_TYPE (PursuitTodayRow, pursuit_today_row, GTK_TYPE_WIDGET)

static gboolean
is_phone_channel (PursuitChannel channel)
{
  return channel == PURSUIT_CHANNEL_CALL || channel == PURSUIT_CHANNEL_VOICEMAIL;
}

/* "Call · +49 30 1234567", "Email · jane@example.com": by the planned
 * channel, with whichever address is known when the planned one is not. */
static char *
contact_text (PursuitProspect *p)
{
  PursuitChannel channel = pursuit_prospect_get_next_channel (p);
  const char *email = pursuit_prospect_get_email (p);
  const char *phone = pursuit_prospect_get_phone (p);
  const char *address;

  if (channel == PURSUIT_CHANNEL_EMAIL)
    address = email[0] != '\0' ? email : phone;
  else
    address = phone[0] != '\0' ? phone : email;
  if (address[0] == '\0')
    /* Translators: the planned channel of a prospect with neither a phone
     * number nor an email address ("Call · no number or address"). */
    return g_strdup_printf (_("%s · no number or address"), pursuit_channel_label (channel));
  /* Translators: the planned channel and the number or address ("Call · +1 555 0100"). */
  return g_strdup_printf (_("%s · %s"), pursuit_channel_label (channel), address);
}

/* "Attempt 4 of 7 · Asked to be called back": the attempt against the
 * limit, as the card and the reminders count it, and why it is planned. */
static char *
reason_text (PursuitTodayRow *self)
{
  PursuitProspect *p = self->prospect;
  g_autofree char *reason = pursuit_schedule_dup_reason (p, pursuit_store_get_policy (self->store));
  g_autofree char *attempt = NULL;
  PursuitLimitCheck check;

  if (pursuit_prospect_get_stage (p) == PURSUIT_STAGE_ACTIVE)
    {
      pursuit_store_check_limit (self->store, p, &check);
      attempt = pursuit_limit_next_attempt_text (&check);
    }
  if (attempt == NULL || reason[0] == '\0')
    return g_strdup (attempt != NULL ? attempt : reason);
  /* Translators: the attempt and why it is planned ("Attempt 4 of 7 · Asked to be called back"). */
  return g_strdup_printf (_("%s · %s"), attempt, reason);
}

static char *
due_text (PursuitProspect *p,
          gboolean        *overdue)
{
  g_autoptr(GDateTime) now = pursuit_format_now ();
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *due = NULL;
  g_autofree char *time = NULL;
  GDateTime *next = pursuit_prospect_get_next_touch (p);

  due = pursuit_format_due (next, now, overdue);
  if (next == NULL || *overdue)
    return g_steal_pointer (&due);
  local = g_date_time_to_local (next);
  time = g_date_time_format (local, "%H:%M");
  /* Translators: when a follow-up is due ("today, 14:30"). */
  return g_strdup_printf (_("%s, %s"), due, time);
}

/* The actions that fit: the closing-the-loop email once the streak is at
 * the limit; otherwise the planned channel's (Email, or Call and No
 * Answer), falling back to the address that is known. */
static void
update_buttons (PursuitTodayRow *self)
{
  PursuitProspect *p = self->prospect;
  gboolean closing = pursuit_outreach_is_closing (self->store, p);
  gboolean has_email = pursuit_prospect_get_email (p)[0] != '\0';
  gboolean has_phone = pursuit_prospect_get_phone (p)[0] != '\0';
  PursuitChannel channel = pursuit_prospect_get_next_channel (p);
  gboolean email = !closing && has_email && (channel == PURSUIT_CHANNEL_EMAIL || !has_phone);
  gboolean call = !closing && has_phone && (is_phone_channel (channel) || !has_email);
  g_autoptr(GVariant) target = g_variant_ref_sink (g_variant_new_int64 (pursuit_prospect_get_id (p)));
  GtkWidget *buttons[] = { self->email_button, self->call_button, self->no_answer_button, self->close_loop_button,
                           self->log_button, self->snooze_button, self->open_button };
  static const char *const actions[] = { "today.email", "today.call", "today.no-answer", "today.close-loop",
                                         "today.log", "today.snooze", "today.open" };

  /* With both addresses, the planned channel decides. */
  if (email && call)
    {
      email = channel == PURSUIT_CHANNEL_EMAIL;
      call = !email;
    }
  gtk_widget_set_visible (self->close_loop_button, closing);
  gtk_widget_set_visible (self->email_button, email);
  gtk_widget_set_visible (self->call_button, call);
  gtk_widget_set_visible (self->no_answer_button, call);
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      /* The target first: the action takes a prospect id. */
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (buttons[i]), target);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (buttons[i]), actions[i]);
      pursuit_widget_set_css_class (buttons[i], "suggested-action", FALSE);
    }
  if (closing || email || call)
    pursuit_widget_set_css_class (closing ? self->close_loop_button : email ? self->email_button : self->call_button,
                                  "suggested-action", TRUE);
}

/* Labels take the text as it is, never as markup: names, companies and
 * addresses are what the user typed. */
static void
update (PursuitTodayRow *self)
{
  PursuitProspect *p = self->prospect;
  g_autofree char *contact = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *due = NULL;
  g_autofree char *accessible = NULL;
  gboolean overdue = FALSE;
  const char *company;

  if (p == NULL || self->store == NULL)
    return;
  company = pursuit_prospect_get_company (p);
  contact = contact_text (p);
  reason = reason_text (self);
  due = due_text (p, &overdue);

  pursuit_widget_set_user_text (self->name_label, pursuit_prospect_get_name (p));
  pursuit_widget_set_user_text (self->company_label, company);
  gtk_widget_set_visible (GTK_WIDGET (self->company_label), company[0] != '\0');
  pursuit_widget_set_user_text (self->contact_label, contact);
  gtk_label_set_text (self->due_label, due);
  pursuit_widget_set_css_class (GTK_WIDGET (self->due_label), "overdue", overdue);
  gtk_label_set_text (self->reason_label, reason);
  update_buttons (self);

  accessible = g_strjoin (", ", pursuit_prospect_get_name (p), company, contact, due, reason, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
prospect_notify_cb (PursuitTodayRow *self)
{
  update (self);
}

void
pursuit_today_row_set_prospect (PursuitTodayRow *self,
                                PursuitStore    *store,
                                PursuitProspect *prospect)
{
  g_return_if_fail (PURSUIT_IS_TODAY_ROW (self));
  g_return_if_fail (store == NULL || PURSUIT_IS_STORE (store));
  g_return_if_fail (prospect == NULL || PURSUIT_IS_PROSPECT (prospect));

  if (self->prospect != NULL)
    g_signal_handlers_disconnect_by_func (self->prospect, prospect_notify_cb, self);
  g_set_object (&self->store, store);
  g_set_object (&self->prospect, prospect);
  if (prospect != NULL)
    g_signal_connect_object (prospect, "notify", G_CALLBACK (prospect_notify_cb), self, G_CONNECT_SWAPPED);
  update (self);
}

PursuitProspect *
pursuit_today_row_get_prospect (PursuitTodayRow *self)
{
  g_return_val_if_fail (PURSUIT_IS_TODAY_ROW (self), NULL);

  return self->prospect;
}

const char *
pursuit_today_row_get_text (PursuitTodayRow *self,
                            const char      *part)
{
  g_return_val_if_fail (PURSUIT_IS_TODAY_ROW (self), NULL);

  if (g_str_equal (part, "name"))
    return gtk_label_get_text (self->name_label);
  if (g_str_equal (part, "company"))
    return gtk_label_get_text (self->company_label);
  if (g_str_equal (part, "contact"))
    return gtk_label_get_text (self->contact_label);
  if (g_str_equal (part, "due"))
    return gtk_label_get_text (self->due_label);
  if (g_str_equal (part, "reason"))
    return gtk_label_get_text (self->reason_label);
  g_return_val_if_reached (NULL);
}

GtkWidget *
pursuit_today_row_get_button (PursuitTodayRow *self,
                              const char      *name)
{
  struct { const char *name; GtkWidget *button; } buttons[] = {
    { "email", self->email_button }, { "call", self->call_button }, { "no-answer", self->no_answer_button },
    { "close-loop", self->close_loop_button }, { "log", self->log_button }, { "snooze", self->snooze_button },
    { "open", self->open_button },
  };

  g_return_val_if_fail (PURSUIT_IS_TODAY_ROW (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    if (g_str_equal (buttons[i].name, name))
      return buttons[i].button;
  g_return_val_if_reached (NULL);
}

static void
pursuit_today_row_dispose (GObject *object)
{
  PursuitTodayRow *self = PURSUIT_TODAY_ROW (object);
  GtkWidget *child;

  if (self->prospect != NULL)
    g_signal_handlers_disconnect_by_func (self->prospect, prospect_notify_cb, self);
  g_clear_object (&self->prospect);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), PURSUIT_TYPE_TODAY_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (pursuit_today_row_parent_class)->dispose (object);
}

static void
pursuit_today_row_class_init (PursuitTodayRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pursuit_today_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pursuit/Pursuit/ui/pursuit-today-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PursuitTodayRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitTodayRow, company_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitTodayRow, contact_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitTodayRow, due_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitTodayRow, reason_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitTodayRow, email_button);
  gtk_widget_class_bind_template_child (widget_class, PursuitTodayRow, call_button);
  gtk_widget_class_bind_template_child (widget_class, PursuitTodayRow, no_answer_button);
  gtk_widget_class_bind_template_child (widget_class, PursuitTodayRow, close_loop_button);
  gtk_widget_class_bind_template_child (widget_class, PursuitTodayRow, log_button);
  gtk_widget_class_bind_template_child (widget_class, PursuitTodayRow, snooze_button);
  gtk_widget_class_bind_template_child (widget_class, PursuitTodayRow, open_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "todayrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pursuit_today_row_init (PursuitTodayRow *self)
{
  GtkBoxLayout *layout;

  gtk_widget_init_template (GTK_WIDGET (self));
  layout = GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (layout, 6);
}

PursuitTodayRow *
pursuit_today_row_new (void)
{
  return g_object_new (PURSUIT_TYPE_TODAY_ROW, NULL);
}
