/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The pure part of outreach: templates' placeholders, mailto: and tel:
 * URIs, and the order of the Today list. No I/O, no translated text. */

/**
 * PursuitTemplateValues:
 *
 * The values of a template's placeholders; any may be %NULL, which is
 * inserted as "".
 */
typedef struct
{
  const char *first_name, *name, *company, *value, *last_touch, *my_name, *signature;
} PursuitTemplateValues;

/* Replaces {first_name} {name} {company} {value} {last_touch} {my_name}
 * {signature} in @text; other braces stay as they are; values are
 * inserted literally, never expanded again. @text NULL gives "". */
char *pursuit_template_expand (const char                  *text,
                               const PursuitTemplateValues *values);

/* The first name of @name as one would greet the person: "Dr. Jane Doe"
 * → "Jane", "Doe, Jane" → "Jane"; "" for NULL or a name of titles only. */
char *pursuit_first_name      (const char                  *name);

/**
 * PursuitTemplateStep:
 * @PURSUIT_TEMPLATE_STEP_FIRST: the first follow-up after a meeting
 * @PURSUIT_TEMPLATE_STEP_NUDGE: a short nudge
 * @PURSUIT_TEMPLATE_STEP_VALUE: a value-adding note: third attempt and later
 * @PURSUIT_TEMPLATE_STEP_CLOSING: closing the loop
 */
typedef enum
{
  PURSUIT_TEMPLATE_STEP_FIRST,
  PURSUIT_TEMPLATE_STEP_NUDGE,
  PURSUIT_TEMPLATE_STEP_VALUE,
  PURSUIT_TEMPLATE_STEP_CLOSING,
} PursuitTemplateStep;

#define PURSUIT_N_TEMPLATE_STEPS 4

/* The step of attempt @attempt (1-based; 0 counts as 1), or the closing
 * one when @closing. */
PursuitTemplateStep pursuit_template_step_for_attempt (guint    attempt,
                                                       gboolean closing);

/* "first", "nudge", "value", "closing": the step's part of a template's
 * key; NULL for a step out of range. */
const char *pursuit_template_step_to_string   (PursuitTemplateStep  step);
gboolean    pursuit_template_step_from_string (const char          *str,
                                               PursuitTemplateStep *out);

/* An RFC 6068 mailto: URI; @to and @bcc are NULL-terminated (may be
 * NULL; empty addresses are skipped); @subject and @body may be NULL.
 * Every character outside RFC 3986's unreserved set is percent-encoded
 * (the "@" of the addresses in the path excepted); line breaks, whatever
 * they were, become %0D%0A. */
char *pursuit_mailto_uri (const char *const *to,
                          const char *const *bcc,
                          const char        *subject,
                          const char        *body);

/* An RFC 3966 tel: URI ("tel:+15551234567"): the digits of @phone, with
 * its leading "+" when it has one; visual separators dropped; NULL when
 * @phone has no digit. */
char *pursuit_tel_uri    (const char        *phone);

/**
 * PursuitTodayKey:
 * @due: the due time (Unix seconds)
 * @overdue: the follow-up is overdue
 * @hot: the prospect is Hot
 * @value: the deal value
 * @id: the prospect's id
 *
 * What the order of the Today list looks at.
 */
typedef struct
{
  gint64   due;
  gboolean overdue;
  gboolean hot;
  double   value;
  gint64   id;
} PursuitTodayKey;

/* The order of the Today list: overdue or Hot first, then the higher
 * value, then the earlier due time, then the lower id. A GCompareFunc
 * on keys (negative when @a comes first). */
int pursuit_today_key_compare (const PursuitTodayKey *a,
                               const PursuitTodayKey *b);

G_END_DECLS
