/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-let-go-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pursuit-format.h"
#include "pursuit-let-go-dialog.h"

struct _PursuitLetGoDialog
{
  AdwWindow        parent_instance;

  PursuitProspect *prospect;
  GDateTime       *revisit;

  GtkLabel        *intro_label;
  AdwComboRow     *reason_row;
  GtkStringList   *reasons;
  AdwActionRow    *revisit_row;
  GtkSwitch       *revisit_switch;
  AdwActionRow    *date_row;
  GtkMenuButton   *date_button;
  GtkCalendar     *calendar;
};

G_DEFINE_FINAL_TYPE (PursuitLetGoDialog, pursuit_let_go_dialog, ADW_TYPE_WINDOW)

enum {
  CONFIRMED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* In the order of the combo row. */
static const char *reason_names[] = {
  PURSUIT_CLOSE_REASON_NO_RESPONSE,
  PURSUIT_CLOSE_REASON_FIRM_NO,
  PURSUIT_CLOSE_REASON_NOT_SERIOUS,
  PURSUIT_CLOSE_REASON_NO_GOAL,
  PURSUIT_CLOSE_REASON_NO_VALUE,
  PURSUIT_CLOSE_REASON_OUR_END,
  PURSUIT_CLOSE_REASON_DO_NOT_CONTACT,
};

/* A firm no, or being asked not to be contacted: never revisited. */
static gboolean
is_firm_no (PursuitLetGoDialog *self)
{
  const char *reason = pursuit_let_go_dialog_get_reason (self);

  return g_strcmp0 (reason, PURSUIT_CLOSE_REASON_FIRM_NO) == 0
         || g_strcmp0 (reason, PURSUIT_CLOSE_REASON_DO_NOT_CONTACT) == 0;
}

static void
update_date (PursuitLetGoDialog *self)
{
  g_autofree char *label = self->revisit != NULL ? pursuit_format_date (self->revisit) : NULL;
  gboolean revisit = gtk_switch_get_active (self->revisit_switch) && !is_firm_no (self);

  gtk_menu_button_set_label (self->date_button, label != NULL ? label : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->date_row), revisit);
  /* A firm no is never revisited. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->revisit_row), !is_firm_no (self));
}

static void
reason_changed_cb (PursuitLetGoDialog *self)
{
  update_date (self);
}

static void
revisit_toggled_cb (PursuitLetGoDialog *self)
{
  update_date (self);
}

static void
day_selected_cb (PursuitLetGoDialog *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autoptr(GDateTime) at_nine = g_date_time_new_local (g_date_time_get_year (day),
                                                         g_date_time_get_month (day),
                                                         g_date_time_get_day_of_month (day), 9, 0, 0);

  g_clear_pointer (&self->revisit, g_date_time_unref);
  self->revisit = g_steal_pointer (&at_nine);
  update_date (self);
}

const char *
pursuit_let_go_dialog_get_reason (PursuitLetGoDialog *self)
{
  guint selected;

  g_return_val_if_fail (PURSUIT_IS_LET_GO_DIALOG (self), NULL);

  selected = adw_combo_row_get_selected (self->reason_row);
  return selected < G_N_ELEMENTS (reason_names) ? reason_names[selected] : reason_names[0];
}

void
pursuit_let_go_dialog_set_reason (PursuitLetGoDialog *self,
                                  const char         *reason)
{
  g_return_if_fail (PURSUIT_IS_LET_GO_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (reason_names); i++)
    if (g_strcmp0 (reason, reason_names[i]) == 0)
      adw_combo_row_set_selected (self->reason_row, i);
}

GDateTime *
pursuit_let_go_dialog_get_revisit (PursuitLetGoDialog *self)
{
  g_return_val_if_fail (PURSUIT_IS_LET_GO_DIALOG (self), NULL);

  if (is_firm_no (self) || !gtk_switch_get_active (self->revisit_switch))
    return NULL;
  return self->revisit;
}

void
pursuit_let_go_dialog_set_revisit (PursuitLetGoDialog *self,
                                   GDateTime          *revisit)
{
  g_return_if_fail (PURSUIT_IS_LET_GO_DIALOG (self));

  gtk_switch_set_active (self->revisit_switch, revisit != NULL);
  if (revisit == NULL)
    return;
  g_clear_pointer (&self->revisit, g_date_time_unref);
  self->revisit = g_date_time_ref (revisit);
  gtk_calendar_select_day (self->calendar, revisit);
  update_date (self);
}

PursuitProspect *
pursuit_let_go_dialog_get_prospect (PursuitLetGoDialog *self)
{
  g_return_val_if_fail (PURSUIT_IS_LET_GO_DIALOG (self), NULL);

  return self->prospect;
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  PursuitLetGoDialog *self = PURSUIT_LET_GO_DIALOG (widget);

  g_signal_emit (self, signals[CONFIRMED], 0, pursuit_let_go_dialog_get_reason (self),
                 pursuit_let_go_dialog_get_revisit (self));
  gtk_window_close (GTK_WINDOW (self));
}

static void
pursuit_let_go_dialog_dispose (GObject *object)
{
  PursuitLetGoDialog *self = PURSUIT_LET_GO_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PURSUIT_TYPE_LET_GO_DIALOG);
  g_clear_object (&self->prospect);
  g_clear_pointer (&self->revisit, g_date_time_unref);

  G_OBJECT_CLASS (pursuit_let_go_dialog_parent_class)->dispose (object);
}

static void
pursuit_let_go_dialog_class_init (PursuitLetGoDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pursuit_let_go_dialog_dispose;

  /**
   * PursuitLetGoDialog::confirmed:
   * @reason: a PURSUIT_CLOSE_REASON_* name
   * @revisit: (nullable): when the prospect returns to the inbox
   */
  signals[CONFIRMED] = g_signal_new ("confirmed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                     NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_DATE_TIME);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pursuit/Pursuit/ui/pursuit-let-go-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PursuitLetGoDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitLetGoDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitLetGoDialog, reasons);
  gtk_widget_class_bind_template_child (widget_class, PursuitLetGoDialog, revisit_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitLetGoDialog, revisit_switch);
  gtk_widget_class_bind_template_child (widget_class, PursuitLetGoDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitLetGoDialog, date_button);
  gtk_widget_class_bind_template_child (widget_class, PursuitLetGoDialog, calendar);
  gtk_widget_class_bind_template_callback (widget_class, reason_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, revisit_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);

  gtk_widget_class_install_action (widget_class, "dialog.confirm", NULL, confirm_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pursuit_let_go_dialog_init (PursuitLetGoDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (reason_names); i++)
    gtk_string_list_append (self->reasons, pursuit_format_close_reason (reason_names[i]));
}

PursuitLetGoDialog *
pursuit_let_go_dialog_new (GtkWindow       *parent,
                           PursuitProspect *prospect,
                           GDateTime       *default_revisit)
{
  PursuitLetGoDialog *self;
  g_autofree char *intro = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), NULL);

  self = g_object_new (PURSUIT_TYPE_LET_GO_DIALOG, "transient-for", parent, NULL);
  self->prospect = g_object_ref (prospect);
  /* Translators: %s is the prospect's name. */
  intro = g_strdup_printf (_("Stop following up with %s. Their history stays, and a revisit date brings "
                             "them back to the inbox."),
                           pursuit_prospect_get_name (prospect));
  gtk_label_set_text (self->intro_label, intro);
  pursuit_let_go_dialog_set_revisit (self, default_revisit);
  update_date (self);
  return self;
}
