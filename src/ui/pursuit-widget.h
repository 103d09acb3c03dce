/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Adds the style class @name to @widget when @on, removes it otherwise
 * (GTK 4.8 has no toggle of its own). */
void pursuit_widget_set_css_class (GtkWidget  *widget,
                                   const char *name,
                                   gboolean    on);

/* Shows @heading and @body in a message dialog with a Close button, over
 * the window that holds @inside (may be NULL). */
void pursuit_widget_show_error    (GtkWidget  *inside,
                                   const char *heading,
                                   const char *body);

/* Shows @text, which the user typed, on @label: cut to what a label can
 * lay out (pursuit_format_shown()), with a longer cut in the tooltip when
 * it is long enough to be ellipsized. */
void pursuit_widget_set_user_text (GtkLabel   *label,
                                   const char *text);

G_END_DECLS
