/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pursuit-widget.h"
#include "pursuit-format.h"

void
pursuit_widget_set_css_class (GtkWidget  *widget,
                              const char *name,
                              gboolean    on)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (on)
    gtk_widget_add_css_class (widget, name);
  else
    gtk_widget_remove_css_class (widget, name);
}

void
pursuit_widget_show_error (GtkWidget  *inside,
                           const char *heading,
                           const char *body)
{
  GtkRoot *root = inside != NULL ? gtk_widget_get_root (inside) : NULL;
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
pursuit_widget_set_user_text (GtkLabel   *label,
                              const char *text)
{
  g_autofree char *shown = pursuit_format_shown (text, PURSUIT_FORMAT_SHOWN_CHARS);
  g_autofree char *tooltip = NULL;

  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_text (label, shown);
  /* Long enough to be cut in a card or a header: the tooltip has more. */
  if (g_utf8_strlen (shown, -1) > 24)
    tooltip = pursuit_format_shown (text, PURSUIT_FORMAT_TOOLTIP_CHARS);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
}
