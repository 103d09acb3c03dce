/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pursuit-types.h"

G_BEGIN_DECLS

/* The follow-up rules of DESIGN.md as pure functions: no I/O, no GTK, no
 * global state. Times are GDateTime in the caller's time zone. */

/* Defaults of the GSettings schema, in days. */
#define PURSUIT_DEFAULT_CADENCE_HOT   1
#define PURSUIT_DEFAULT_CADENCE_GOOD  7
#define PURSUIT_DEFAULT_CADENCE_COOL  90
#define PURSUIT_DEFAULT_CADENCE_COLD  365
#define PURSUIT_DEFAULT_FIXED_LIMIT   7
#define PURSUIT_DEFAULT_WIN_RATE      0.05
#define PURSUIT_DEFAULT_COST_PER_TOUCH 20.0
#define PURSUIT_LIMIT_MIN 1
#define PURSUIT_LIMIT_MAX 20

/* The largest deal value pursuit_value_parse() accepts: no real deal is
 * bigger, and it keeps whole amounts well inside what a double holds
 * exactly (2^53). */
#define PURSUIT_VALUE_MAX 1e15

/**
 * PursuitCadence:
 * @days: days between touches, indexed by #PursuitTier (the
 *   %PURSUIT_TIER_NONE slot is unused)
 */
typedef struct
{
  guint days[PURSUIT_N_TIERS];
} PursuitCadence;

void       pursuit_cadence_init_default   (PursuitCadence *cadence);

/* Entering @tier at @now: Hot is due at @now, the others at @now plus the
 * tier's cadence. Returns NULL for PURSUIT_TIER_NONE. */
GDateTime *pursuit_rules_due_on_enter     (const PursuitCadence *cadence,
                                           PursuitTier           tier,
                                           GDateTime            *now);

/* After a touch that happened at @touched_at: the touch's own time plus the
 * tier's cadence, so backdated touches count from when they happened.
 * Returns NULL for PURSUIT_TIER_NONE. */
GDateTime *pursuit_rules_due_after_touch  (const PursuitCadence *cadence,
                                           PursuitTier           tier,
                                           GDateTime            *touched_at);

/* The next touch: a requested callback date wins, then a manual date, then
 * @computed (the cadence result). Any may be NULL. Returns a new reference
 * or NULL when all three are NULL. */
GDateTime *pursuit_rules_next_touch       (GDateTime *callback,
                                           GDateTime *manual,
                                           GDateTime *computed);

/**
 * PursuitTouchFact:
 * @when: when the touch happened (Unix time, seconds)
 * @direction: outbound or inbound
 * @outcome: what came of it
 *
 * The part of a touch that the streak rule needs.
 */
typedef struct
{
  gint64           when;
  PursuitDirection direction;
  PursuitOutcome   outcome;
} PursuitTouchFact;

/* Outbound touches without response since the prospect last responded,
 * counted in time order whatever the order of @facts (touches may be
 * backdated). Any inbound touch or any answered outcome resets it to 0. */
guint      pursuit_rules_attempt_streak   (const PursuitTouchFact *facts,
                                           gsize                   n_facts);

/* The attempt limit. PURSUIT_LIMIT_FIXED returns @fixed_limit (at least 1).
 * PURSUIT_LIMIT_VALUE returns floor(value × win_rate ÷ cost_per_touch)
 * clamped to PURSUIT_LIMIT_MIN..PURSUIT_LIMIT_MAX; a missing value (@value
 * negative or not finite) falls back to @fixed_limit, and a cost of zero or
 * less makes every attempt worth it (PURSUIT_LIMIT_MAX). A deal that can
 * bring nothing (value or win rate zero) gets PURSUIT_LIMIT_MIN whatever
 * the cost, and a NaN win rate or cost (a model that cannot be evaluated)
 * falls back to @fixed_limit like a missing value. */
guint      pursuit_rules_attempt_limit    (PursuitLimitMode mode,
                                           guint            fixed_limit,
                                           double           value,
                                           double           win_rate,
                                           double           cost_per_touch);

/* Input checks shared by the dialogs and the CSV importer. */

/* TRUE for an empty string or something shaped like local@domain.tld, with
 * no white space. */
gboolean   pursuit_email_is_valid         (const char *email);

/* Parses a deal value written by a person or a CSV file: digits with an
 * optional "." decimal part, optional thousands separators (","), an
 * optional currency symbol or code before or after the amount, and
 * surrounding white space.
 * An empty string gives -1 (no value). Returns FALSE for anything else,
 * including negative numbers and values above PURSUIT_VALUE_MAX; *out_value
 * is then left untouched. @out_value may be NULL to only validate. */
gboolean   pursuit_value_parse            (const char *text,
                                           double     *out_value);
/* The same for a locale that writes "1.500,50" when @decimal_comma: ","
 * marks the decimals and "." groups the thousands. */
gboolean   pursuit_value_parse_marks      (const char *text,
                                           gboolean    decimal_comma,
                                           double     *out_value);

G_END_DECLS
