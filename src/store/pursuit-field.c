/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pursuit-field.h"

gboolean
pursuit_field_set_date (GDateTime **field,
                        GDateTime  *value)
{
  g_autoptr(GDateTime) whole = NULL;

  if (value != NULL && g_date_time_get_microsecond (value) != 0)
    whole = g_date_time_add (value, -g_date_time_get_microsecond (value));
  else if (value != NULL)
    whole = g_date_time_ref (value);

  if (*field == NULL && whole == NULL)
    return FALSE;
  if (*field != NULL && whole != NULL && g_date_time_equal (*field, whole))
    return FALSE;

  g_clear_pointer (field, g_date_time_unref);
  *field = g_steal_pointer (&whole);
  return TRUE;
}
