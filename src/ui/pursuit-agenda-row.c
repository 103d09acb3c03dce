/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-agenda-row"

#include "config.h"

#include <glib/gi18n.h>

#include "pursuit-agenda-row.h"
#include "pursuit-schedule.h"
#include "pursuit-widget.h"

struct _PursuitAgendaRow
{
  GtkWidget            parent_instance;

  PursuitProspect     *prospect;
  /* The agenda recycles rows: the prospect watched changes. */
  GSignalGroup        *prospect_signals;
  const PursuitPolicy *policy;
  gboolean             show_date;

  GtkLabel            *heading_label;
  GtkLabel            *time_label;
  GtkLabel            *name_label;
  GtkLabel            *details_label;
  GtkLabel            *reason_label;
  GtkMenuButton       *menu_button;
  GtkWidget           *picker;
  GtkCalendar         *calendar;
};

G_DEFINE_FINAL_TYPE (PursuitAgendaRow, pursuit_agenda_row, GTK_TYPE_WIDGET)

enum {
  OPEN,
  RESCHEDULE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
channel_label (PursuitChannel channel)
{
  switch (channel)
    {
    case PURSUIT_CHANNEL_EMAIL:
      return _("Email");
    case PURSUIT_CHANNEL_VOICEMAIL:
      return _("Voicemail");
    case PURSUIT_CHANNEL_LETTER:
      return _("Letter");
    case PURSUIT_CHANNEL_VISIT:
      return _("Visit");
    case PURSUIT_CHANNEL_MEETING:
      return _("Meeting");
    case PURSUIT_CHANNEL_SOCIAL:
      return _("Social");
    case PURSUIT_CHANNEL_CALL:
    default:
      return _("Call");
    }
}

static void
update (PursuitAgendaRow *self)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *time = NULL;
  g_autofree char *details = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *accessible = NULL;
  const char *company;
  const char *channel;
  GDateTime *next;

  if (self->prospect == NULL)
    return;

  next = pursuit_prospect_get_next_touch (self->prospect);
  if (next != NULL)
    {
      local = g_date_time_to_local (next);
      /* TRANSLATORS: the day and time of an overdue touch; see g_date_time_format() */
      time = g_date_time_format (local, self->show_date ? _("%-d %b\n%H:%M") : "%H:%M");
    }
  gtk_label_set_text (self->time_label, time != NULL ? time : "");
  pursuit_widget_set_user_text (self->name_label, pursuit_prospect_get_name (self->prospect));

  company = pursuit_prospect_get_company (self->prospect);
  channel = channel_label (pursuit_prospect_get_next_channel (self->prospect));
  if (company[0] != '\0')
    /* TRANSLATORS: a company, then the planned channel ("Acme · Call") */
    details = g_strdup_printf (_("%s · %s"), company, channel);
  else
    details = g_strdup (channel);
  pursuit_widget_set_user_text (self->details_label, details);

  reason = self->policy != NULL ? pursuit_schedule_dup_reason (self->prospect, self->policy) : g_strdup ("");
  gtk_label_set_text (self->reason_label, reason);
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), reason[0] != '\0');

  pursuit_widget_set_css_class (GTK_WIDGET (self->time_label), "overdue", self->show_date);

  accessible = g_strjoin (", ", time != NULL ? time : "", pursuit_prospect_get_name (self->prospect), details,
                          reason, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
prospect_notify_cb (PursuitAgendaRow *self)
{
  update (self);
}

void
pursuit_agenda_row_set_prospect (PursuitAgendaRow    *self,
                                 PursuitProspect     *prospect,
                                 const PursuitPolicy *policy,
                                 gboolean             show_date)
{
  g_return_if_fail (PURSUIT_IS_AGENDA_ROW (self));
  g_return_if_fail (prospect == NULL || PURSUIT_IS_PROSPECT (prospect));

  g_set_object (&self->prospect, prospect);
  g_signal_group_set_target (self->prospect_signals, prospect);
  self->policy = policy;
  self->show_date = show_date;
  gtk_menu_button_popdown (self->menu_button);
  update (self);
}

PursuitProspect *
pursuit_agenda_row_get_prospect (PursuitAgendaRow *self)
{
  g_return_val_if_fail (PURSUIT_IS_AGENDA_ROW (self), NULL);

  return self->prospect;
}

void
pursuit_agenda_row_set_heading (PursuitAgendaRow *self,
                                const char       *heading)
{
  g_return_if_fail (PURSUIT_IS_AGENDA_ROW (self));

  gtk_label_set_text (self->heading_label, heading != NULL ? heading : "");
  gtk_widget_set_visible (GTK_WIDGET (self->heading_label), heading != NULL);
}

const char *
pursuit_agenda_row_get_text (PursuitAgendaRow *self,
                             const char       *part)
{
  g_return_val_if_fail (PURSUIT_IS_AGENDA_ROW (self), NULL);

  if (g_str_equal (part, "heading"))
    return gtk_widget_get_visible (GTK_WIDGET (self->heading_label)) ? gtk_label_get_text (self->heading_label)
                                                                     : NULL;
  if (g_str_equal (part, "time"))
    return gtk_label_get_text (self->time_label);
  if (g_str_equal (part, "name"))
    return gtk_label_get_text (self->name_label);
  if (g_str_equal (part, "details"))
    return gtk_label_get_text (self->details_label);
  if (g_str_equal (part, "reason"))
    return gtk_label_get_text (self->reason_label);
  g_return_val_if_reached (NULL);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  PursuitAgendaRow *self = PURSUIT_AGENDA_ROW (widget);

  if (self->prospect != NULL)
    g_signal_emit (self, signals[OPEN], 0);
}

static void
reschedule_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  PursuitAgendaRow *self = PURSUIT_AGENDA_ROW (widget);
  g_autoptr(GDateTime) picked = gtk_calendar_get_date (self->calendar);
  GDate date;

  gtk_menu_button_popdown (self->menu_button);
  if (self->prospect == NULL)
    return;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (picked), g_date_time_get_month (picked),
                  g_date_time_get_year (picked));
  g_signal_emit (self, signals[RESCHEDULE], 0, &date);
}

/* The picker starts on today: an overdue touch moves to a day to come,
 * and past days are refused. */
static void
menu_shown_cb (PursuitAgendaRow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  gtk_calendar_select_day (self->calendar, now);
}

void
pursuit_agenda_row_pick_date (PursuitAgendaRow *self,
                              const GDate      *date)
{
  g_autoptr(GDateTime) when = NULL;

  g_return_if_fail (PURSUIT_IS_AGENDA_ROW (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  when = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date), g_date_get_day (date), 12, 0, 0);
  menu_shown_cb (self);
  gtk_calendar_select_day (self->calendar, when);
  gtk_widget_activate_action (GTK_WIDGET (self), "row.reschedule", NULL);
}

/* What is dragged is decided when the drag starts: a recycled row shows
 * another prospect later. */
static GdkContentProvider *
drag_prepare_cb (PursuitAgendaRow *self,
                 double            x,
                 double            y)
{
  if (self->prospect == NULL)
    return NULL;
  return gdk_content_provider_new_typed (PURSUIT_TYPE_PROSPECT, self->prospect);
}

static void
drag_begin_cb (PursuitAgendaRow *self,
               GdkDrag          *drag,
               GtkDragSource    *source)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (GTK_WIDGET (self));

  gtk_drag_source_set_icon (source, icon, 0, 0);
}

static void
pursuit_agenda_row_dispose (GObject *object)
{
  PursuitAgendaRow *self = PURSUIT_AGENDA_ROW (object);
  GtkWidget *child;

  if (self->prospect_signals != NULL)
    g_signal_group_set_target (self->prospect_signals, NULL);
  g_clear_object (&self->prospect_signals);
  g_clear_object (&self->prospect);
  g_clear_object (&self->picker);
  gtk_widget_dispose_template (GTK_WIDGET (self), PURSUIT_TYPE_AGENDA_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (pursuit_agenda_row_parent_class)->dispose (object);
}

static void
pursuit_agenda_row_class_init (PursuitAgendaRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pursuit_agenda_row_dispose;

  /**
   * PursuitAgendaRow::open:
   *
   * The user asked to open the prospect of the row.
   */
  signals[OPEN] = g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);
  /**
   * PursuitAgendaRow::reschedule:
   * @date: (type GDate): the day picked
   */
  signals[RESCHEDULE] = g_signal_new ("reschedule", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                      NULL, G_TYPE_NONE, 1, G_TYPE_DATE | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pursuit/Pursuit/ui/pursuit-agenda-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PursuitAgendaRow, heading_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitAgendaRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitAgendaRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitAgendaRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitAgendaRow, reason_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitAgendaRow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, PursuitAgendaRow, picker);
  gtk_widget_class_bind_template_child (widget_class, PursuitAgendaRow, calendar);
  gtk_widget_class_bind_template_callback (widget_class, drag_prepare_cb);
  gtk_widget_class_bind_template_callback (widget_class, drag_begin_cb);

  gtk_widget_class_install_action (widget_class, "row.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "row.reschedule", NULL, reschedule_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "agendarow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pursuit_agenda_row_init (PursuitAgendaRow *self)
{
  GtkPopover *popover;
  GtkBoxLayout *layout;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->prospect_signals = g_signal_group_new (PURSUIT_TYPE_PROSPECT);
  g_signal_group_connect_object (self->prospect_signals, "notify", G_CALLBACK (prospect_notify_cb), self,
                                 G_CONNECT_SWAPPED);
  layout = GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (layout, 6);

  /* The date picker is the custom item of the "Reschedule…" submenu. The
   * template keeps it unparented, so hold a reference while it is. */
  g_object_ref_sink (self->picker);
  popover = gtk_menu_button_get_popover (self->menu_button);
  gtk_popover_menu_add_child (GTK_POPOVER_MENU (popover), self->picker, "picker");
  g_signal_connect_object (popover, "show", G_CALLBACK (menu_shown_cb), self, G_CONNECT_SWAPPED);
}

PursuitAgendaRow *
pursuit_agenda_row_new (void)
{
  return g_object_new (PURSUIT_TYPE_AGENDA_ROW, NULL);
}
