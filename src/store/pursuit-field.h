/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets the date property stored in *@field to @value cut to whole seconds,
 * as the database keeps them, so that an object reads back from the
 * database exactly as it was written. Returns whether *@field changed, so
 * that the caller notifies only then. */
gboolean pursuit_field_set_date (GDateTime **field,
                                 GDateTime  *value);

G_END_DECLS
