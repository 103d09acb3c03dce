/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-nurture-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pursuit-nurture-dialog.h"
#include "pursuit-number.h"

struct _PursuitNurtureDialog
{
  AdwWindow             parent_instance;

  GtkFileChooserNative *chooser;
  char                 *format;   /* of the export the chooser is for */

  GtkLabel             *count_label;
};

G_DEFINE_FINAL_TYPE (PursuitNurtureDialog, pursuit_nurture_dialog, ADW_TYPE_WINDOW)

enum {
  OPEN_EMAIL,
  EXPORT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
email_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  g_object_ref (widget);
  g_signal_emit (widget, signals[OPEN_EMAIL], 0);
  gtk_window_close (GTK_WINDOW (widget));
  g_object_unref (widget);
}

void
pursuit_nurture_dialog_export (PursuitNurtureDialog *self,
                               const char           *format,
                               GFile                *file)
{
  g_return_if_fail (PURSUIT_IS_NURTURE_DIALOG (self));
  g_return_if_fail (g_strcmp0 (format, "csv") == 0 || g_strcmp0 (format, "vcard") == 0);
  g_return_if_fail (G_IS_FILE (file));

  g_object_ref (self);
  g_signal_emit (self, signals[EXPORT], 0, format, file);
  gtk_window_close (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
chooser_response_cb (PursuitNurtureDialog *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  if (file != NULL)
    pursuit_nurture_dialog_export (self, self->format, file);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  PursuitNurtureDialog *self = PURSUIT_NURTURE_DIALOG (widget);
  const char *format = g_variant_get_string (param, NULL);
  gboolean vcard = g_str_equal (format, "vcard");
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  g_free (self->format);
  self->format = g_strdup (vcard ? "vcard" : "csv");
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (vcard ? _("Export the Nurture List as vCard")
                                                     : _("Export the Nurture List as CSV"),
                                               GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  gtk_file_filter_set_name (filter, vcard ? _("vCard files") : _("CSV files"));
  gtk_file_filter_add_mime_type (filter, vcard ? "text/vcard" : "text/csv");
  gtk_file_filter_add_suffix (filter, vcard ? "vcf" : "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  /* Translators: the file name offered for the export; keep the extension. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                     vcard ? _("nurture-list.vcf") : _("nurture-list.csv"));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
pursuit_nurture_dialog_dispose (GObject *object)
{
  PursuitNurtureDialog *self = PURSUIT_NURTURE_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->format, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PURSUIT_TYPE_NURTURE_DIALOG);

  G_OBJECT_CLASS (pursuit_nurture_dialog_parent_class)->dispose (object);
}

static void
pursuit_nurture_dialog_class_init (PursuitNurtureDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pursuit_nurture_dialog_dispose;

  /**
   * PursuitNurtureDialog::open-email:
   *
   * One email to every address of the list, in Bcc.
   */
  signals[OPEN_EMAIL] = g_signal_new ("open-email", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                      NULL, G_TYPE_NONE, 0);
  /**
   * PursuitNurtureDialog::export:
   * @format: "csv" or "vcard"
   * @file: where to write the list
   */
  signals[EXPORT] = g_signal_new ("export", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pursuit/Pursuit/ui/pursuit-nurture-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PursuitNurtureDialog, count_label);

  gtk_widget_class_install_action (widget_class, "nurture.email", NULL, email_action);
  gtk_widget_class_install_action (widget_class, "nurture.export", "s", export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pursuit_nurture_dialog_init (PursuitNurtureDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * pursuit_nurture_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @n_prospects: how many are on the nurture list
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
PursuitNurtureDialog *
pursuit_nurture_dialog_new (GtkWindow *parent,
                            guint      n_prospects)
{
  PursuitNurtureDialog *self;
  g_autofree char *number = pursuit_number_format (n_prospects);
  g_autofree char *count = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (PURSUIT_TYPE_NURTURE_DIALOG, "transient-for", parent, NULL);
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s prospect on the nurture list",
                                        "%s prospects on the nurture list", n_prospects),
                           number);
  gtk_label_set_text (self->count_label, count);
  return self;
}
