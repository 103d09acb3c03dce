/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-call-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pursuit-call-dialog.h"
#include "pursuit-enums.h"
#include "pursuit-format.h"

struct _PursuitCallDialog
{
  AdwWindow        parent_instance;

  PursuitProspect *prospect;

  AdwWindowTitle  *window_title;
  GtkLabel        *status_label;
  GtkListBox      *outcomes;
};

G_DEFINE_FINAL_TYPE (PursuitCallDialog, pursuit_call_dialog, ADW_TYPE_WINDOW)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The outcomes a call can have, and the key of each. */
static const struct
{
  guint          key;
  PursuitOutcome outcome;
} outcome_keys[] = {
  { GDK_KEY_n, PURSUIT_OUTCOME_NO_ANSWER },
  { GDK_KEY_m, PURSUIT_OUTCOME_LEFT_MESSAGE },
  { GDK_KEY_t, PURSUIT_OUTCOME_REPLIED },
  { GDK_KEY_b, PURSUIT_OUTCOME_CALLBACK_REQUESTED },
  { GDK_KEY_f, PURSUIT_OUTCOME_FIRM_NO },
  { GDK_KEY_w, PURSUIT_OUTCOME_WON },
};

static void
outcome_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  PursuitCallDialog *self = PURSUIT_CALL_DIALOG (widget);
  g_autoptr(GEnumClass) outcomes = g_type_class_ref (PURSUIT_TYPE_OUTCOME);
  GEnumValue *value = g_enum_get_value_by_nick (outcomes, g_variant_get_string (param, NULL));

  g_return_if_fail (value != NULL);

  /* Held while ::chosen runs: a handler may drop the last other ref. */
  g_object_ref (self);
  g_signal_emit (self, signals[CHOSEN], 0, (PursuitOutcome) value->value);
  gtk_window_close (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
pursuit_call_dialog_dispose (GObject *object)
{
  PursuitCallDialog *self = PURSUIT_CALL_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PURSUIT_TYPE_CALL_DIALOG);
  g_clear_object (&self->prospect);

  G_OBJECT_CLASS (pursuit_call_dialog_parent_class)->dispose (object);
}

static void
pursuit_call_dialog_class_init (PursuitCallDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  g_autoptr(GEnumClass) outcomes = g_type_class_ref (PURSUIT_TYPE_OUTCOME);

  object_class->dispose = pursuit_call_dialog_dispose;

  /**
   * PursuitCallDialog::chosen:
   * @outcome: the PursuitOutcome of the call
   */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, PURSUIT_TYPE_OUTCOME);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pursuit/Pursuit/ui/pursuit-call-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PursuitCallDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PursuitCallDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitCallDialog, outcomes);

  gtk_widget_class_install_action (widget_class, "call.outcome", "s", outcome_action);
  for (guint i = 0; i < G_N_ELEMENTS (outcome_keys); i++)
    {
      const char *nick = g_enum_get_value (outcomes, outcome_keys[i].outcome)->value_nick;

      gtk_widget_class_add_binding_action (widget_class, outcome_keys[i].key, 0, "call.outcome", "s", nick);
    }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pursuit_call_dialog_init (PursuitCallDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * pursuit_call_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @prospect: who was called
 * @status: (nullable): how the call was placed, plain text
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
PursuitCallDialog *
pursuit_call_dialog_new (GtkWindow       *parent,
                         PursuitProspect *prospect,
                         const char      *status)
{
  PursuitCallDialog *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), NULL);

  self = g_object_new (PURSUIT_TYPE_CALL_DIALOG, "transient-for", parent, NULL);
  self->prospect = g_object_ref (prospect);
  /* A window title is plain text, unlike a row's. */
  name = pursuit_format_shown (pursuit_prospect_get_name (prospect), PURSUIT_FORMAT_SHOWN_CHARS);
  adw_window_title_set_subtitle (self->window_title, name);
  gtk_label_set_text (self->status_label, status != NULL ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL && status[0] != '\0');
  return self;
}

PursuitProspect *
pursuit_call_dialog_get_prospect (PursuitCallDialog *self)
{
  g_return_val_if_fail (PURSUIT_IS_CALL_DIALOG (self), NULL);

  return self->prospect;
}
