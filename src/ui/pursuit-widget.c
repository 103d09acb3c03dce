/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pursuit-widget.h"

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
