/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pursuit-policy.h"
#include "pursuit-rules.h"

G_BEGIN_DECLS

/* The follow-up engine: what a prospect's touches mean for its streak, its
 * next touch and its stage. Pure functions on plain structs, like
 * pursuit-rules.h; the store feeds it from the database. */

/* How many tries "Keep going" adds beyond the current limit ("a desirable
 * prospect may get a few more tries"). */
#define PURSUIT_KEEP_GOING_EXTRA 3

/**
 * PursuitEngineTouch:
 * @when: when the touch happened
 * @channel: how
 * @direction: outbound or inbound
 * @outcome: what came of it
 * @callback_at: (nullable): for %PURSUIT_OUTCOME_CALLBACK_REQUESTED, the
 *   date and time the prospect asked for; for %PURSUIT_OUTCOME_MEETING,
 *   when the meeting is
 * @informational: a nurture touch (an update sent to the nurture list):
 *   not an attempt; the engine ignores it for the streak, the callback,
 *   the planned channel and the next touch
 *
 * One touch as the engine sees it. The dates are borrowed.
 */
typedef struct
{
  GDateTime       *when;
  PursuitChannel   channel;
  PursuitDirection direction;
  PursuitOutcome   outcome;
  GDateTime       *callback_at;
  gboolean         informational;
} PursuitEngineTouch;

/**
 * PursuitEngineState:
 *
 * The part of a prospect that the engine reads and writes. @attempts_before
 * are unanswered attempts made before the first known touch (an import
 * gives them): they count towards the streak until a response, and a
 * return from a revisit clears them. @do_not_contact: the prospect asked
 * not to be contacted (or gave a firm no): it has no next touch and no
 * revisit date, and a firm no that closes the prospect sets it. The dates
 * are
 * owned (see pursuit_engine_state_clear()); @close_reason is borrowed and
 * may be replaced by a static string.
 */
typedef struct
{
  PursuitStage    stage;
  PursuitTier     tier;
  guint           attempts;
  guint           attempts_before;
  GDateTime      *next_touch;
  gboolean        next_touch_manual;
  GDateTime      *callback_at;
  PursuitChannel  next_channel;
  const char     *close_reason;
  GDateTime      *revisit_at;
  guint           unreachable;
  gboolean        do_not_contact;
} PursuitEngineState;

void      pursuit_engine_state_clear   (PursuitEngineState       *state);

#define PURSUIT_CHANNEL_BIT(channel) (1u << (channel))

/* The channels that need a phone number and an e-mail address. */
#define PURSUIT_CHANNELS_PHONE (PURSUIT_CHANNEL_BIT (PURSUIT_CHANNEL_CALL) | PURSUIT_CHANNEL_BIT (PURSUIT_CHANNEL_VOICEMAIL))
#define PURSUIT_CHANNELS_EMAIL PURSUIT_CHANNEL_BIT (PURSUIT_CHANNEL_EMAIL)

/* The mask of channels a prospect with these details cannot be reached
 * on: calls without a phone number, email without an address; none when
 * neither is known (nothing then says how to reach the prospect). */
guint          pursuit_engine_unreachable   (gboolean has_phone,
                                             gboolean has_email);

/* The channel after an unanswered attempt on @channel, varying the
 * approach: a call is followed by something written and the other way
 * round (an e-mail first; a social message or a letter when there is no
 * address, whichever of them was used less in the streak, @uses counting
 * the attempts of the streak on each channel); when the prospect cannot
 * be reached in the other way, another channel of the same kind. Never a
 * channel of @unreachable, unless nothing else is left. */
PursuitChannel pursuit_engine_rotate_channel (PursuitChannel channel,
                                              const guint    uses[PURSUIT_N_CHANNELS],
                                              guint          unreachable);

/* @channel if the prospect can be reached on it, otherwise the first of
 * call, e-mail, social and letter that it can. */
PursuitChannel pursuit_engine_reachable_channel (PursuitChannel channel,
                                                 guint          unreachable);

/* Whether @outcome with a date (a callback or a meeting) sets the next
 * touch at that date and time. */
gboolean       pursuit_engine_outcome_has_date (PursuitOutcome outcome);

/* Recomputes the streak, the requested callback, the planned channel and
 * the next touch of @state from all its @touches (any order), leaving the
 * stage alone. Used after a touch was edited or deleted. */
void      pursuit_engine_recompute     (const PursuitPolicy      *policy,
                                        PursuitEngineState       *state,
                                        const PursuitEngineTouch *touches,
                                        gsize                     n_touches,
                                        GDateTime                *now);

/* @touches[@logged] was just logged: applies its outcome (a firm no closes
 * the prospect with no revisit and marks it do-not-contact, a win makes it
 * a customer and lifts the mark; customers stay customers; an
 * informational touch applies nothing), consumes a next touch set by hand when the touch is the
 * latest, then recomputes as pursuit_engine_recompute() does. */
void      pursuit_engine_log_touch     (const PursuitPolicy      *policy,
                                        PursuitEngineState       *state,
                                        const PursuitEngineTouch *touches,
                                        gsize                     n_touches,
                                        gsize                     logged,
                                        GDateTime                *now);

/* A closed prospect whose revisit date has come (at or before @now), and
 * that may be contacted. */
gboolean  pursuit_engine_revisit_is_due (const PursuitEngineState *state,
                                         GDateTime                *now);

/* Returns a closed prospect to the inbox, to be triaged again, with a
 * fresh streak. The close reason and the (past) revisit date are kept:
 * together they are the "revisit" mark, and touches before the revisit
 * date no longer count towards the streak. */
void      pursuit_engine_revisit       (PursuitEngineState       *state);

/* Whether a prospect carries the "revisit" mark: back from being let go
 * (not closed, a close reason, a revisit date that has passed). */
gboolean  pursuit_engine_is_revisit    (PursuitStage              stage,
                                        const char               *close_reason,
                                        GDateTime                *revisit_at,
                                        GDateTime                *now);

/* Lets the prospect go: closed with @reason and the optional revisit
 * date; no next touch. */
void      pursuit_engine_let_go        (PursuitEngineState       *state,
                                        const char               *reason,
                                        GDateTime                *revisit_at);

/**
 * PursuitLimitSource:
 * @PURSUIT_LIMIT_SOURCE_FIXED: the fixed limit of the preferences
 * @PURSUIT_LIMIT_SOURCE_VALUE: worth = value × win rate ÷ cost per touch
 * @PURSUIT_LIMIT_SOURCE_NO_VALUE: value-based, but the prospect has no
 *   value, so the fixed limit
 * @PURSUIT_LIMIT_SOURCE_OWN: the prospect's own limit ("Keep going")
 * @PURSUIT_LIMIT_SOURCE_LEARNED: the break-even attempt of the user's own
 *   history (learned mode with enough closed prospects)
 */
typedef enum
{
  PURSUIT_LIMIT_SOURCE_FIXED,
  PURSUIT_LIMIT_SOURCE_VALUE,
  PURSUIT_LIMIT_SOURCE_NO_VALUE,
  PURSUIT_LIMIT_SOURCE_OWN,
  PURSUIT_LIMIT_SOURCE_LEARNED,
} PursuitLimitSource;

/**
 * PursuitLimitCheck:
 * @streak: unanswered attempts in a row
 * @limit: the attempt limit
 * @source: where @limit comes from
 * @let_go: "time to let go?": the streak reached the limit; never for
 *   customers and closed prospects
 * @worth: for %PURSUIT_LIMIT_SOURCE_LEARNED, what the next attempt is
 *   expected to bring; 0 otherwise
 */
typedef struct
{
  guint              streak;
  guint              limit;
  PursuitLimitSource source;
  gboolean           let_go;
  double             worth;
} PursuitLimitCheck;

void      pursuit_engine_check_limit   (const PursuitPolicy      *policy,
                                        PursuitStage              stage,
                                        guint                     streak,
                                        guint                     own_limit,
                                        double                    value,
                                        PursuitLimitCheck        *out);

/* Why the limit is what it is, for the "time to let go?" banner: "7
 * unanswered attempts; a $1,000 deal is worth 2 at $20 per touch".
 * @value_text and @cost_text are the deal value and the cost per touch as
 * the caller formats money. The learned limit says what the next attempt
 * is worth against its cost ("worth ≈ $4, costs $20"), the worth written
 * in the form of @cost_text (its currency around a whole number). */
char     *pursuit_engine_limit_reason  (const PursuitLimitCheck  *check,
                                        const char               *value_text,
                                        const char               *cost_text);

/* The limit after "Keep going": a few tries beyond the current limit or
 * streak, whichever is higher. */
guint     pursuit_engine_keep_going_limit (guint limit,
                                           guint streak);

/**
 * PursuitNextReason:
 * @PURSUIT_NEXT_REASON_NONE: no next touch
 * @PURSUIT_NEXT_REASON_CALLBACK: the prospect asked to be called back then
 * @PURSUIT_NEXT_REASON_MANUAL: set by hand
 * @PURSUIT_NEXT_REASON_CADENCE: the cadence of the prospect's tier
 * @PURSUIT_NEXT_REASON_CUSTOMER: the keep-in-touch cadence of customers
 * @PURSUIT_NEXT_REASON_OTHER: a date from elsewhere (an import)
 */
typedef enum
{
  PURSUIT_NEXT_REASON_NONE,
  PURSUIT_NEXT_REASON_CALLBACK,
  PURSUIT_NEXT_REASON_MANUAL,
  PURSUIT_NEXT_REASON_CADENCE,
  PURSUIT_NEXT_REASON_CUSTOMER,
  PURSUIT_NEXT_REASON_OTHER,
} PursuitNextReason;

PursuitNextReason pursuit_engine_next_reason (const PursuitEngineState *state);

G_END_DECLS
