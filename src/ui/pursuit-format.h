/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A deal value for display as the locale writes it: "$1,000", "€250.50",
 * "CHF 1,200", or "1.500,50 €" in German; an empty string for no value
 * (negative). @currency is an ISO 4217 code. */
char *pursuit_format_value        (double      value,
                                   const char *currency);
/* The same with the locale's choices given: "," for decimals (and "."
 * between thousands) when @decimal_comma, the currency after the amount
 * when @symbol_after. */
char *pursuit_format_value_full   (double      value,
                                   const char *currency,
                                   gboolean    decimal_comma,
                                   gboolean    symbol_after);

/* Whether the user's locale writes the currency after the amount. */
gboolean pursuit_format_symbol_after (void);

/* Whether the user's locale writes decimals with a comma. */
gboolean pursuit_format_decimal_comma (void);

/* A value to edit, "1500.50" or "1500,50" as the locale writes it; NULL
 * for no value. */
char *pursuit_format_editable_value (double   value);

/* A value the user typed, read the locale's way, or else the way
 * pursuit_value_parse() reads it ("1.500,50" and "1500.50" both in a
 * German locale). */
gboolean pursuit_format_parse_value (const char *text,
                                     double     *out_value);

/* The next touch relative to @now, by calendar day: "overdue 3 days",
 * "today", "tomorrow", "in 6 days"; "no follow-up planned" for NULL.
 * Sets *overdue when the day is before today's. */
char *pursuit_format_due          (GDateTime  *due,
                                   GDateTime  *now,
                                   gboolean   *overdue);

/* Whole calendar days from @now's day to @when's day (negative: past). */
int   pursuit_format_days_between (GDateTime  *now,
                                   GDateTime  *when);

/* The currency code of the preferences ("USD" when the settings schema is
 * not installed). */
char *pursuit_format_dup_currency (void);

/* Now, by the application's clock (pursuit_day_watcher_get_default()),
 * in the local time zone as it saw it last. */
GDateTime *pursuit_format_now (void);

/* The user-facing label of a close reason ("firm-no" → "Firm no"); the
 * reason itself for one this version does not know. */
const char *pursuit_format_close_reason (const char *reason);

/* A date for display, such as "23 May 2027". */
char       *pursuit_format_date         (GDateTime  *when);

/* Text the user typed, as a label shows it: at most @max_chars
 * characters, cut at a character boundary with "…". One line of a label
 * cannot be laid out past about two million pixels (Pango's units
 * overflow), and no window shows that much: a 1 MB name must not garble
 * the card or push the header over its buttons. */
#define PURSUIT_FORMAT_SHOWN_CHARS   200
#define PURSUIT_FORMAT_TOOLTIP_CHARS 2000
char       *pursuit_format_shown        (const char *text,
                                         gsize       max_chars);

/* A prospect's tags as people read and type them: "vip, trade fair". */
char       *pursuit_format_tags         (const char *tags);

G_END_DECLS
