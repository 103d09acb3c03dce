/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-touch-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pursuit-format.h"
#include "pursuit-touch-dialog.h"

struct _PursuitTouchDialog
{
  AdwWindow         parent_instance;

  PursuitStore     *store;
  PursuitProspect  *prospect;
  PursuitTouch     *touch;      /* the touch edited, or NULL */
  PursuitTouchUndo *undo;
  GDateTime        *callback_at;
  /* The time the fields were filled with, seconds included: kept when
   * the user leaves the day, hour and minute as they were. */
  GDateTime        *happened_at;
  /* A new touch whose time was left as it opened: it happens when it is
   * logged, after every touch logged before it. */
  gboolean          time_is_now;
  /* While the dialog fills its own fields, no field reacts. */
  gboolean          filling;

  AdwWindowTitle   *window_title;
  GtkButton        *save_button;
  GtkButton        *no_answer_button;
  AdwComboRow      *channel_row;
  AdwComboRow      *direction_row;
  AdwComboRow      *outcome_row;
  GtkStringList    *channels;
  GtkStringList    *directions;
  GtkStringList    *outcomes;
  AdwActionRow     *callback_row;
  GtkMenuButton    *callback_button;
  GtkCalendar      *callback_calendar;
  GtkSpinButton    *callback_hour_spin;
  GtkSpinButton    *callback_minute_spin;
  GtkMenuButton    *when_button;
  GtkCalendar      *when_calendar;
  GtkSpinButton    *hour_spin;
  GtkSpinButton    *minute_spin;
  GtkLabel         *error_label;
  GtkTextView      *note_view;
};

G_DEFINE_FINAL_TYPE (PursuitTouchDialog, pursuit_touch_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

const char *
pursuit_channel_label (PursuitChannel channel)
{
  switch (channel)
    {
    case PURSUIT_CHANNEL_CALL: return _("Call");
    case PURSUIT_CHANNEL_EMAIL: return _("Email");
    case PURSUIT_CHANNEL_VOICEMAIL: return _("Voicemail");
    case PURSUIT_CHANNEL_LETTER: return _("Letter");
    case PURSUIT_CHANNEL_VISIT: return _("Visit");
    case PURSUIT_CHANNEL_MEETING: return _("Meeting");
    case PURSUIT_CHANNEL_SOCIAL: return _("Social");
    default: return "";
    }
}

const char *
pursuit_channel_icon_name (PursuitChannel channel)
{
  switch (channel)
    {
    case PURSUIT_CHANNEL_CALL: return "call-start-symbolic";
    case PURSUIT_CHANNEL_EMAIL: return "mail-unread-symbolic";
    case PURSUIT_CHANNEL_VOICEMAIL: return "audio-input-microphone-symbolic";
    case PURSUIT_CHANNEL_LETTER: return "x-office-document-symbolic";
    case PURSUIT_CHANNEL_VISIT: return "mark-location-symbolic";
    case PURSUIT_CHANNEL_MEETING: return "x-office-calendar-symbolic";
    case PURSUIT_CHANNEL_SOCIAL: return "system-users-symbolic";
    default: return "call-start-symbolic";
    }
}

const char *
pursuit_outcome_label (PursuitOutcome outcome)
{
  switch (outcome)
    {
    case PURSUIT_OUTCOME_NO_ANSWER: return _("No answer");
    case PURSUIT_OUTCOME_LEFT_MESSAGE: return _("Left a message");
    case PURSUIT_OUTCOME_REPLIED: return _("Replied");
    case PURSUIT_OUTCOME_MEETING: return _("Meeting booked");
    case PURSUIT_OUTCOME_CALLBACK_REQUESTED: return _("Callback requested");
    case PURSUIT_OUTCOME_FIRM_NO: return _("Firm no");
    case PURSUIT_OUTCOME_WON: return _("Won");
    default: return "";
    }
}

const char *
pursuit_direction_label (PursuitDirection direction)
{
  return direction == PURSUIT_DIRECTION_IN ? _("Inbound") : _("Outbound");
}

static void
show_error (PursuitTouchDialog *self,
            const char         *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static GDateTime *
calendar_day_at (GtkCalendar *calendar,
                 int          hour,
                 int          minute)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (calendar);

  return g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day), hour, minute, 0);
}

static gboolean
same_minute (GDateTime *a,
             GDateTime *b)
{
  return g_date_time_get_year (a) == g_date_time_get_year (b)
         && g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b)
         && g_date_time_get_hour (a) == g_date_time_get_hour (b)
         && g_date_time_get_minute (a) == g_date_time_get_minute (b);
}

/* The fields show minutes; the seconds of the time they were filled with
 * stay, so that a touch keeps its place among touches of the same minute
 * (touches are ordered by time, then by the order they were logged). */
GDateTime *
pursuit_touch_dialog_dup_happened_at (PursuitTouchDialog *self)
{
  g_autoptr(GDateTime) shown = NULL;

  g_return_val_if_fail (PURSUIT_IS_TOUCH_DIALOG (self), NULL);

  if (self->time_is_now)
    return g_date_time_new_now_local ();
  shown = calendar_day_at (self->when_calendar, gtk_spin_button_get_value_as_int (self->hour_spin),
                           gtk_spin_button_get_value_as_int (self->minute_spin));
  if (self->happened_at != NULL && same_minute (shown, self->happened_at))
    return g_date_time_ref (self->happened_at);
  return g_steal_pointer (&shown);
}

static gboolean
outcome_has_date (PursuitTouchDialog *self)
{
  return pursuit_engine_outcome_has_date (adw_combo_row_get_selected (self->outcome_row));
}

static char *
format_when (GDateTime *when)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = NULL;
  int days = pursuit_format_days_between (now, when);

  if (days == 0)
    date = g_strdup (_("Today"));
  else if (days == -1)
    date = g_strdup (_("Yesterday"));
  else
    date = pursuit_format_date (when);
  /* Translators: a date and a time of day, as in "Today, 14:05". */
  return g_strdup_printf (_("%s, %02d:%02d"), date, g_date_time_get_hour (when), g_date_time_get_minute (when));
}

/* Checks the dates; returns what to tell the user, or NULL. */
static const char *
validate (PursuitTouchDialog *self)
{
  g_autoptr(GDateTime) when = pursuit_touch_dialog_dup_happened_at (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) soon = g_date_time_add_minutes (now, 1);

  if (g_date_time_compare (when, soon) > 0)
    return _("A touch is logged once it has happened: choose a time that is not in the future.");
  if (outcome_has_date (self) && g_date_time_compare (self->callback_at, when) <= 0)
    return adw_combo_row_get_selected (self->outcome_row) == PURSUIT_OUTCOME_MEETING
             ? _("The meeting must come after the touch that booked it.")
             : _("The callback date must come after the touch.");
  return NULL;
}

static void
update (PursuitTouchDialog *self)
{
  g_autoptr(GDateTime) when = pursuit_touch_dialog_dup_happened_at (self);
  g_autofree char *when_text = format_when (when);
  g_autofree char *callback_text = format_when (self->callback_at);
  g_autofree char *no_answer = NULL;
  PursuitOutcome outcome = adw_combo_row_get_selected (self->outcome_row);
  const char *message;

  gtk_menu_button_set_label (self->when_button, when_text);
  gtk_menu_button_set_label (self->callback_button, callback_text);
  gtk_widget_set_visible (GTK_WIDGET (self->callback_row), pursuit_engine_outcome_has_date (outcome));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->callback_row),
                                 outcome == PURSUIT_OUTCOME_MEETING ? _("Meeting On") : _("Call Back On"));
  /* The quick button logs a plain unanswered attempt: it would throw
   * away another outcome chosen here, so it gives way to Log. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "touch.no-answer",
                                 self->touch == NULL && outcome == PURSUIT_OUTCOME_NO_ANSWER
                                 && self->prospect != NULL
                                 && pursuit_prospect_get_stage (self->prospect) != PURSUIT_STAGE_CLOSED);

  /* Translators: the one-click button; %s is a channel such as "Call". */
  no_answer = g_strdup_printf (_("No Answer by %s"), pursuit_channel_label (pursuit_touch_dialog_get_channel (self)));
  gtk_button_set_label (self->no_answer_button, no_answer);

  message = validate (self);
  show_error (self, message);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "touch.save", message == NULL);
}

static void
when_changed_cb (PursuitTouchDialog *self)
{
  if (self->filling)
    return;
  self->time_is_now = FALSE;
  update (self);
}

static void
channel_changed_cb (PursuitTouchDialog *self)
{
  if (!self->filling)
    update (self);
}

static void
outcome_changed_cb (PursuitTouchDialog *self)
{
  if (!self->filling)
    update (self);
}

static void
callback_day_cb (PursuitTouchDialog *self)
{
  g_autoptr(GDateTime) day = calendar_day_at (self->callback_calendar,
                                              gtk_spin_button_get_value_as_int (self->callback_hour_spin),
                                              gtk_spin_button_get_value_as_int (self->callback_minute_spin));

  g_clear_pointer (&self->callback_at, g_date_time_unref);
  self->callback_at = g_steal_pointer (&day);
  if (!self->filling)
    update (self);
}

static void
select_day (GtkCalendar *calendar,
            GDateTime   *when)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);

  gtk_calendar_select_day (calendar, local);
}

void
pursuit_touch_dialog_set_happened_at (PursuitTouchDialog *self,
                                      GDateTime          *when)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_if_fail (PURSUIT_IS_TOUCH_DIALOG (self));
  g_return_if_fail (when != NULL);

  local = g_date_time_to_local (when);
  self->filling = TRUE;
  select_day (self->when_calendar, local);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (local));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (local));
  self->filling = FALSE;
  g_clear_pointer (&self->happened_at, g_date_time_unref);
  self->happened_at = g_steal_pointer (&local);
  self->time_is_now = FALSE;
  update (self);
}

void
pursuit_touch_dialog_set_callback_at (PursuitTouchDialog *self,
                                      GDateTime          *when)
{
  g_return_if_fail (PURSUIT_IS_TOUCH_DIALOG (self));
  g_return_if_fail (when != NULL);

  self->filling = TRUE;
  select_day (self->callback_calendar, when);
  gtk_spin_button_set_value (self->callback_hour_spin, g_date_time_get_hour (when));
  gtk_spin_button_set_value (self->callback_minute_spin, g_date_time_get_minute (when));
  self->filling = FALSE;
  /* The fields keep minutes; the time asked for is kept as given. */
  g_clear_pointer (&self->callback_at, g_date_time_unref);
  self->callback_at = g_date_time_to_local (when);
  update (self);
}

gboolean
pursuit_touch_dialog_get_callback_visible (PursuitTouchDialog *self)
{
  g_return_val_if_fail (PURSUIT_IS_TOUCH_DIALOG (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->callback_row));
}

void
pursuit_touch_dialog_set_channel (PursuitTouchDialog *self,
                                  PursuitChannel      channel)
{
  g_return_if_fail (PURSUIT_IS_TOUCH_DIALOG (self));

  adw_combo_row_set_selected (self->channel_row, channel);
}

PursuitChannel
pursuit_touch_dialog_get_channel (PursuitTouchDialog *self)
{
  guint selected;

  g_return_val_if_fail (PURSUIT_IS_TOUCH_DIALOG (self), PURSUIT_CHANNEL_CALL);

  selected = adw_combo_row_get_selected (self->channel_row);
  return selected < PURSUIT_N_CHANNELS ? (PursuitChannel) selected : PURSUIT_CHANNEL_CALL;
}

void
pursuit_touch_dialog_set_direction (PursuitTouchDialog *self,
                                    PursuitDirection    direction)
{
  g_return_if_fail (PURSUIT_IS_TOUCH_DIALOG (self));

  adw_combo_row_set_selected (self->direction_row, direction);
}

void
pursuit_touch_dialog_set_outcome (PursuitTouchDialog *self,
                                  PursuitOutcome      outcome)
{
  g_return_if_fail (PURSUIT_IS_TOUCH_DIALOG (self));

  adw_combo_row_set_selected (self->outcome_row, outcome);
}

void
pursuit_touch_dialog_set_note (PursuitTouchDialog *self,
                               const char         *note)
{
  g_return_if_fail (PURSUIT_IS_TOUCH_DIALOG (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), note, -1);
}

const char *
pursuit_touch_dialog_get_error (PursuitTouchDialog *self)
{
  g_return_val_if_fail (PURSUIT_IS_TOUCH_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

PursuitTouchUndo *
pursuit_touch_dialog_take_undo (PursuitTouchDialog *self)
{
  g_return_val_if_fail (PURSUIT_IS_TOUCH_DIALOG (self), NULL);

  return g_steal_pointer (&self->undo);
}

static char *
note_text (PursuitTouchDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static PursuitTouch *
touch_from_fields (PursuitTouchDialog *self)
{
  g_autoptr(GDateTime) when = pursuit_touch_dialog_dup_happened_at (self);
  g_autofree char *note = note_text (self);
  PursuitOutcome outcome = adw_combo_row_get_selected (self->outcome_row);
  PursuitTouch *touch;

  touch = pursuit_touch_new (pursuit_prospect_get_id (self->prospect), when,
                             pursuit_touch_dialog_get_channel (self),
                             adw_combo_row_get_selected (self->direction_row), outcome);
  if (pursuit_engine_outcome_has_date (outcome))
    pursuit_touch_set_callback_at (touch, self->callback_at);
  pursuit_touch_set_note (touch, note);
  return touch;
}

static void
finish (PursuitTouchDialog *self,
        gboolean            saved,
        GError             *error)
{
  if (!saved)
    {
      show_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  PursuitTouchDialog *self = PURSUIT_TOUCH_DIALOG (widget);
  g_autoptr(PursuitTouch) values = NULL;
  g_autoptr(GError) error = NULL;
  const char *message = validate (self);
  gboolean saved;

  if (message != NULL)
    {
      show_error (self, message);
      return;
    }

  values = touch_from_fields (self);
  g_clear_pointer (&self->undo, pursuit_touch_undo_free);
  if (self->touch != NULL)
    saved = pursuit_store_edit_touch (self->store, self->touch, values, &self->undo, &error);
  else
    saved = pursuit_store_record_touch (self->store, values, &error);
  finish (self, saved, error);
}

static void
no_answer_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  PursuitTouchDialog *self = PURSUIT_TOUCH_DIALOG (widget);
  g_autoptr(PursuitTouch) touch = NULL;
  g_autoptr(GError) error = NULL;
  const char *message = validate (self);

  if (self->touch != NULL || adw_combo_row_get_selected (self->outcome_row) != PURSUIT_OUTCOME_NO_ANSWER)
    return;
  if (message != NULL)
    {
      show_error (self, message);
      return;
    }
  /* What was typed goes with it: the note, the time. */
  touch = touch_from_fields (self);
  pursuit_touch_set_direction (touch, PURSUIT_DIRECTION_OUT);
  finish (self, pursuit_store_record_touch (self->store, touch, &error), error);
}

static void
now_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  PursuitTouchDialog *self = PURSUIT_TOUCH_DIALOG (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  pursuit_touch_dialog_set_happened_at (self, now);
  if (self->touch == NULL)
    self->time_is_now = TRUE;
}

static void
pursuit_touch_dialog_dispose (GObject *object)
{
  PursuitTouchDialog *self = PURSUIT_TOUCH_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PURSUIT_TYPE_TOUCH_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->prospect);
  g_clear_object (&self->touch);
  g_clear_pointer (&self->undo, pursuit_touch_undo_free);
  g_clear_pointer (&self->callback_at, g_date_time_unref);
  g_clear_pointer (&self->happened_at, g_date_time_unref);

  G_OBJECT_CLASS (pursuit_touch_dialog_parent_class)->dispose (object);
}

static void
pursuit_touch_dialog_class_init (PursuitTouchDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pursuit_touch_dialog_dispose;

  /**
   * PursuitTouchDialog::saved:
   *
   * The touch was written, with its prospect's new plan.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pursuit/Pursuit/ui/pursuit-touch-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PursuitTouchDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PursuitTouchDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, PursuitTouchDialog, no_answer_button);
  gtk_widget_class_bind_template_child (widget_class, PursuitTouchDialog, channel_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitTouchDialog, direction_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitTouchDialog, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitTouchDialog, channels);
  gtk_widget_class_bind_template_child (widget_class, PursuitTouchDialog, directions);
  gtk_widget_class_bind_template_child (widget_class, PursuitTouchDialog, outcomes);
  gtk_widget_class_bind_template_child (widget_class, PursuitTouchDialog, callback_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitTouchDialog, callback_button);
  gtk_widget_class_bind_template_child (widget_class, PursuitTouchDialog, callback_calendar);
  gtk_widget_class_bind_template_child (widget_class, PursuitTouchDialog, callback_hour_spin);
  gtk_widget_class_bind_template_child (widget_class, PursuitTouchDialog, callback_minute_spin);
  gtk_widget_class_bind_template_child (widget_class, PursuitTouchDialog, when_button);
  gtk_widget_class_bind_template_child (widget_class, PursuitTouchDialog, when_calendar);
  gtk_widget_class_bind_template_child (widget_class, PursuitTouchDialog, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, PursuitTouchDialog, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, PursuitTouchDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitTouchDialog, note_view);
  gtk_widget_class_bind_template_callback (widget_class, when_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, channel_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, outcome_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, callback_day_cb);

  gtk_widget_class_install_action (widget_class, "touch.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "touch.no-answer", NULL, no_answer_action);
  gtk_widget_class_install_action (widget_class, "touch.now", NULL, now_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pursuit_touch_dialog_init (PursuitTouchDialog *self)
{
  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < PURSUIT_N_CHANNELS; i++)
    gtk_string_list_append (self->channels, pursuit_channel_label (i));
  for (guint i = 0; i < PURSUIT_N_DIRECTIONS; i++)
    gtk_string_list_append (self->directions, pursuit_direction_label (i));
  for (guint i = 0; i < PURSUIT_N_OUTCOMES; i++)
    gtk_string_list_append (self->outcomes, pursuit_outcome_label (i));
  self->filling = FALSE;
}

static void
load_touch (PursuitTouchDialog *self,
            PursuitTouch       *touch)
{
  self->filling = TRUE;
  pursuit_touch_dialog_set_channel (self, pursuit_touch_get_channel (touch));
  pursuit_touch_dialog_set_direction (self, pursuit_touch_get_direction (touch));
  pursuit_touch_dialog_set_outcome (self, pursuit_touch_get_outcome (touch));
  pursuit_touch_dialog_set_note (self, pursuit_touch_get_note (touch));
  self->filling = FALSE;
  if (pursuit_touch_get_callback_at (touch) != NULL)
    pursuit_touch_dialog_set_callback_at (self, pursuit_touch_get_callback_at (touch));
  pursuit_touch_dialog_set_happened_at (self, pursuit_touch_get_happened_at (touch));
}

PursuitTouchDialog *
pursuit_touch_dialog_new (GtkWindow       *parent,
                          PursuitStore    *store,
                          PursuitProspect *prospect,
                          PursuitTouch    *touch)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 7);
  g_autoptr(GDateTime) week = g_date_time_new_local (g_date_time_get_year (later), g_date_time_get_month (later),
                                                     g_date_time_get_day_of_month (later), 9, 0, 0);
  g_autofree char *name = NULL;
  PursuitTouchDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PURSUIT_IS_STORE (store), NULL);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), NULL);
  g_return_val_if_fail (touch == NULL || PURSUIT_IS_TOUCH (touch), NULL);

  self = g_object_new (PURSUIT_TYPE_TOUCH_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->prospect = g_object_ref (prospect);
  self->touch = touch != NULL ? g_object_ref (touch) : NULL;

  adw_window_title_set_title (self->window_title, touch != NULL ? _("Edit Touch") : _("Log Touch"));
  /* A window title is plain text, unlike a row's. */
  name = pursuit_format_shown (pursuit_prospect_get_name (prospect), PURSUIT_FORMAT_SHOWN_CHARS);
  adw_window_title_set_subtitle (self->window_title, name);
  gtk_window_set_title (GTK_WINDOW (self), touch != NULL ? _("Edit Touch") : _("Log Touch"));
  gtk_button_set_label (self->save_button, touch != NULL ? _("_Save") : _("_Log"));
  gtk_widget_set_visible (GTK_WIDGET (self->no_answer_button),
                          touch == NULL && pursuit_prospect_get_stage (prospect) != PURSUIT_STAGE_CLOSED);

  pursuit_touch_dialog_set_callback_at (self, week);
  if (touch != NULL)
    {
      load_touch (self, touch);
      return self;
    }
  pursuit_touch_dialog_set_channel (self, pursuit_prospect_get_next_channel (prospect));
  pursuit_touch_dialog_set_happened_at (self, now);
  self->time_is_now = TRUE;
  return self;
}
