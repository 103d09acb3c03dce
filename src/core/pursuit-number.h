/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Numbers as the user's locale (LC_NUMERIC) groups their digits: the one
 * place that does it, for counts, values and figures of every layer.
 *
 * "1,240" in English, "1.240" in German, "1 240" (a narrow no-break space)
 * in French, "1,00,000" in Hindi. A locale that defines no grouping (C,
 * POSIX) groups in threes with "," — or "." where it writes decimals with
 * a comma — as the English text of the sources reads. */

/* The locale's separator of digit groups (never empty). */
const char *pursuit_number_group_separator (void);

/* Appends @n to @out with its digits grouped the locale's way; with
 * @separator (not NULL), grouped in threes by it instead. */
void        pursuit_number_append          (GString    *out,
                                            guint64     n,
                                            const char *separator);

/* @n grouped the locale's way, as a new string. */
char       *pursuit_number_format          (guint64     n);

G_END_DECLS
