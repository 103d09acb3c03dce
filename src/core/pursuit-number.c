/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-core"

#include "config.h"

#include <limits.h>
#include <locale.h>
#include <string.h>

#include "pursuit-number.h"

/* localeconv() is read on one thread at a time, the UI's or the command
 * line's; its strings live until the next setlocale(). */

const char *
pursuit_number_group_separator (void)
{
  const struct lconv *conv = localeconv ();

  if (conv->thousands_sep != NULL && *conv->thousands_sep != '\0')
    return conv->thousands_sep;
  return g_strcmp0 (conv->decimal_point, ",") == 0 ? "." : ",";
}

/* The sizes of the groups from the right, as lconv's grouping has them:
 * each byte one group, the last repeated, CHAR_MAX for no more grouping;
 * threes where the locale says nothing. */
static const char *
group_sizes (void)
{
  const char *grouping = localeconv ()->grouping;

  return grouping != NULL && *grouping != '\0' && *grouping != CHAR_MAX ? grouping : "\3";
}

void
pursuit_number_append (GString    *out,
                       guint64     n,
                       const char *separator)
{
  char digits[24];
  const char *sizes = separator != NULL ? "\3" : group_sizes ();
  gsize len, breaks[24];
  guint n_breaks = 0;
  gsize at;

  g_return_if_fail (out != NULL);

  if (separator == NULL)
    separator = pursuit_number_group_separator ();
  len = (gsize) g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, n);
  /* Where the groups start, counted from the right. */
  for (at = 0; n_breaks < G_N_ELEMENTS (breaks); n_breaks++)
    {
      if (*sizes == CHAR_MAX || *sizes <= 0)
        break;
      at += (gsize) *sizes;
      if (at >= len)
        break;
      breaks[n_breaks] = at;
      if (sizes[1] != '\0')
        sizes++;
    }
  for (gsize i = 0; i < len; i++)
    {
      for (guint b = 0; b < n_breaks; b++)
        if (i > 0 && len - i == breaks[b])
          g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }
}

char *
pursuit_number_format (guint64 n)
{
  GString *out = g_string_sized_new (16);

  pursuit_number_append (out, n, NULL);
  return g_string_free (out, FALSE);
}
