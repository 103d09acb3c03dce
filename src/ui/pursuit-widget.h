/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Adds the style class @name to @widget when @on, removes it otherwise
 * (GTK 4.8 has no toggle of its own). */
void pursuit_widget_set_css_class (GtkWidget  *widget,
                                   const char *name,
                                   gboolean    on);

G_END_DECLS
