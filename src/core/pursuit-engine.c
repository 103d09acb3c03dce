/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pursuit-engine.h"
#include "pursuit-number.h"

/**
 * pursuit_engine_state_clear:
 * @state: a state
 *
 * Releases the dates of @state.
 */
void
pursuit_engine_state_clear (PursuitEngineState *state)
{
  g_return_if_fail (state != NULL);

  g_clear_pointer (&state->next_touch, g_date_time_unref);
  g_clear_pointer (&state->callback_at, g_date_time_unref);
  g_clear_pointer (&state->revisit_at, g_date_time_unref);
}

static void
set_date (GDateTime **slot,
          GDateTime  *when)
{
  if (when != NULL)
    g_date_time_ref (when);
  g_clear_pointer (slot, g_date_time_unref);
  *slot = when;
}

/* Whether touch @a comes after touch @b in the time line; touches at the
 * same moment keep their array order, as pursuit_rules_attempt_streak()
 * orders them. */
static gboolean
is_later (const PursuitEngineTouch *touches,
          gsize                     a,
          gsize                     b)
{
  int cmp = g_date_time_compare (touches[a].when, touches[b].when);

  return cmp > 0 || (cmp == 0 && a > b);
}

/* The index of the latest touch, or -1 when there is none. */
static gssize
find_latest (const PursuitEngineTouch *touches,
             gsize                     n_touches)
{
  gssize latest = -1;

  for (gsize i = 0; i < n_touches; i++)
    if (latest < 0 || is_later (touches, i, (gsize) latest))
      latest = (gssize) i;
  return latest;
}

static gboolean
is_response (const PursuitEngineTouch *touch)
{
  return touch->direction != PURSUIT_DIRECTION_OUT || pursuit_outcome_is_response (touch->outcome);
}

/* Touches before @epoch (the return from a revisit) are history: the
 * streak starts afresh there. @before: attempts made before any of the
 * touches. */
static guint
streak_since (const PursuitEngineTouch *touches,
              gsize                     n_touches,
              GDateTime                *epoch,
              guint                     before)
{
  guint streak;

  g_autofree PursuitTouchFact *facts = g_new0 (PursuitTouchFact, MAX (n_touches, 1));
  gsize n = 0;

  for (gsize i = 0; i < n_touches; i++)
    {
      if (epoch != NULL && g_date_time_compare (touches[i].when, epoch) < 0)
        continue;
      facts[n].when = g_date_time_to_unix (touches[i].when);
      facts[n].direction = touches[i].direction;
      facts[n].outcome = touches[i].outcome;
      n++;
    }
  streak = pursuit_rules_attempt_streak (facts, n);

  /* Every touch was an unanswered attempt: the streak goes on from the
   * attempts made before them. */
  if (epoch == NULL && streak == n && streak <= G_MAXUINT - before)
    streak += before;
  return streak;
}

gboolean
pursuit_engine_outcome_has_date (PursuitOutcome outcome)
{
  return outcome == PURSUIT_OUTCOME_CALLBACK_REQUESTED || outcome == PURSUIT_OUTCOME_MEETING;
}

/* A callback asked for or a meeting booked, with its date and time. */
static gboolean
is_appointment (const PursuitEngineTouch *touch)
{
  return pursuit_engine_outcome_has_date (touch->outcome) && touch->callback_at != NULL;
}

/* The appointment that still stands: that of the latest callback request
 * or booked meeting since @epoch, unless a touch already happened on or
 * after its time, or (for a callback) the prospect responded again after
 * it. A meeting stays booked whatever is said before it. */
static GDateTime *
standing_callback (const PursuitEngineTouch *touches,
                   gsize                     n_touches,
                   GDateTime                *epoch)
{
  gssize request = -1;

  for (gsize i = 0; i < n_touches; i++)
    if (is_appointment (&touches[i])
        && (epoch == NULL || g_date_time_compare (touches[i].when, epoch) >= 0)
        && (request < 0 || is_later (touches, i, (gsize) request)))
      request = (gssize) i;
  if (request < 0)
    return NULL;

  for (gsize i = 0; i < n_touches; i++)
    {
      if (!is_later (touches, i, (gsize) request))
        continue;
      if ((is_response (&touches[i]) && touches[request].outcome == PURSUIT_OUTCOME_CALLBACK_REQUESTED)
          || g_date_time_compare (touches[i].when, touches[request].callback_at) >= 0)
        return NULL;
    }
  return touches[request].callback_at;
}

guint
pursuit_engine_unreachable (gboolean has_phone,
                            gboolean has_email)
{
  /* Without any detail Pursuit knows nothing of how to reach the
   * prospect (it keeps no address or profile either): nothing is ruled
   * out. */
  if (!has_phone && !has_email)
    return 0;
  return (has_phone ? 0 : PURSUIT_CHANNELS_PHONE) | (has_email ? 0 : PURSUIT_CHANNELS_EMAIL);
}

static gboolean
reachable (PursuitChannel channel,
           guint          unreachable)
{
  return (unreachable & PURSUIT_CHANNEL_BIT (channel)) == 0;
}

PursuitChannel
pursuit_engine_reachable_channel (PursuitChannel channel,
                                  guint          unreachable)
{
  static const PursuitChannel order[] = {
    PURSUIT_CHANNEL_CALL, PURSUIT_CHANNEL_EMAIL, PURSUIT_CHANNEL_SOCIAL, PURSUIT_CHANNEL_LETTER,
  };

  if ((guint) channel < PURSUIT_N_CHANNELS && reachable (channel, unreachable))
    return channel;
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (reachable (order[i], unreachable))
      return order[i];
  return PURSUIT_CHANNEL_LETTER;
}

static gboolean
is_written (PursuitChannel channel)
{
  return channel == PURSUIT_CHANNEL_EMAIL || channel == PURSUIT_CHANNEL_LETTER || channel == PURSUIT_CHANNEL_SOCIAL;
}

/* The channel of one kind to try: a call, or in writing an e-mail, else
 * the less used of a social message and a letter; G_MAXUINT when the
 * prospect cannot be reached that way or @avoid is all there is. */
static guint
pick_of_kind (gboolean       written,
              const guint   *uses,
              guint          unreachable,
              PursuitChannel avoid)
{
  static const PursuitChannel fallbacks[] = { PURSUIT_CHANNEL_SOCIAL, PURSUIT_CHANNEL_LETTER };
  guint best = G_MAXUINT;

  if (!written)
    return reachable (PURSUIT_CHANNEL_CALL, unreachable) && avoid != PURSUIT_CHANNEL_CALL ? PURSUIT_CHANNEL_CALL
                                                                                         : G_MAXUINT;
  if (reachable (PURSUIT_CHANNEL_EMAIL, unreachable) && avoid != PURSUIT_CHANNEL_EMAIL)
    return PURSUIT_CHANNEL_EMAIL;
  for (guint i = 0; i < G_N_ELEMENTS (fallbacks); i++)
    if (fallbacks[i] != avoid && reachable (fallbacks[i], unreachable)
        && (best == G_MAXUINT || uses[fallbacks[i]] < uses[best]))
      best = fallbacks[i];
  return best;
}

PursuitChannel
pursuit_engine_rotate_channel (PursuitChannel channel,
                               const guint    uses[PURSUIT_N_CHANNELS],
                               guint          unreachable)
{
  static const guint no_uses[PURSUIT_N_CHANNELS] = { 0 };
  gboolean written = is_written (channel);
  guint next;

  if (uses == NULL)
    uses = no_uses;
  /* The other way of reaching the prospect first, then another channel
   * of the same way. */
  next = pick_of_kind (!written, uses, unreachable, channel);
  if (next == G_MAXUINT)
    next = pick_of_kind (written, uses, unreachable, channel);
  if (next == G_MAXUINT)
    return pursuit_engine_reachable_channel (channel, unreachable);
  return (PursuitChannel) next;
}

/* Attempts on each channel since the prospect last responded. */
static void
count_streak_uses (const PursuitEngineTouch *touches,
                   gsize                     n_touches,
                   guint                    *uses)
{
  gssize reset = -1;

  memset (uses, 0, sizeof (guint) * PURSUIT_N_CHANNELS);
  for (gsize i = 0; i < n_touches; i++)
    if (is_response (&touches[i]) && (reset < 0 || is_later (touches, i, (gsize) reset)))
      reset = (gssize) i;
  for (gsize i = 0; i < n_touches; i++)
    if (!is_response (&touches[i]) && (reset < 0 || is_later (touches, i, (gsize) reset))
        && (guint) touches[i].channel < PURSUIT_N_CHANNELS)
      uses[touches[i].channel]++;
}

/* After unanswered attempts the approach varies; after a response the
 * rep goes back to what worked, except that a meeting or a visit is not
 * how one follows up, and a callback is a call. A meeting booked is the
 * meeting. Only channels the prospect can be reached on. */
static PursuitChannel
planned_channel (const PursuitEngineTouch *touches,
                 gsize                     n_touches,
                 gssize                    latest,
                 GDateTime                *appointment,
                 PursuitEngineState       *state)
{
  const PursuitEngineTouch *touch;
  guint uses[PURSUIT_N_CHANNELS];
  guint unreachable = state->unreachable;

  if (appointment != NULL)
    {
      for (gsize i = 0; i < n_touches; i++)
        if (touches[i].callback_at == appointment && touches[i].outcome == PURSUIT_OUTCOME_MEETING)
          return PURSUIT_CHANNEL_MEETING;
      return pursuit_engine_reachable_channel (PURSUIT_CHANNEL_CALL, unreachable);
    }
  if (latest < 0)
    return pursuit_engine_reachable_channel (state->next_channel, unreachable);

  touch = &touches[latest];
  if (!is_response (touch))
    {
      count_streak_uses (touches, n_touches, uses);
      return pursuit_engine_rotate_channel (touch->channel, uses, unreachable);
    }
  if (touch->outcome == PURSUIT_OUTCOME_CALLBACK_REQUESTED || touch->channel == PURSUIT_CHANNEL_MEETING
      || touch->channel == PURSUIT_CHANNEL_VISIT)
    return pursuit_engine_reachable_channel (PURSUIT_CHANNEL_CALL, unreachable);
  return pursuit_engine_reachable_channel (touch->channel, unreachable);
}

/* The cadence result: from the latest touch's own date, or from @now when
 * there is no touch (as on entering the tier). */
static GDateTime *
computed_due (const PursuitPolicy *policy,
              PursuitEngineState  *state,
              GDateTime           *latest,
              GDateTime           *now)
{
  switch (state->stage)
    {
    case PURSUIT_STAGE_ACTIVE:
      if (latest == NULL)
        return pursuit_policy_due_on_enter (policy, state->tier, FALSE, now);
      return pursuit_policy_due_after_touch (policy, state->tier, FALSE, latest);
    case PURSUIT_STAGE_CUSTOMER:
      if (latest == NULL)
        return pursuit_policy_due_on_enter (policy, PURSUIT_TIER_NONE, TRUE, now);
      return pursuit_policy_due_after_touch (policy, PURSUIT_TIER_NONE, TRUE, latest);
    case PURSUIT_STAGE_INBOX:
    case PURSUIT_STAGE_CLOSED:
    default:
      return NULL;
    }
}

static GDateTime *
streak_epoch (PursuitEngineState *state,
              GDateTime          *now)
{
  if (state->revisit_at != NULL && g_date_time_compare (state->revisit_at, now) <= 0)
    return state->revisit_at;
  return NULL;
}

/* The touches that are attempts or responses: informational ones (a
 * nurture update) move nothing. Returns @touches itself when it has none
 * of them, otherwise a new array of borrowed copies, in @owned; @logged
 * (optional) is mapped to the index in the result, or -1 when it was an
 * informational touch. */
static const PursuitEngineTouch *
without_informational (const PursuitEngineTouch  *touches,
                       gsize                      n_touches,
                       gsize                     *n_kept,
                       PursuitEngineTouch       **owned,
                       gssize                    *logged)
{
  gsize n = 0;

  *owned = NULL;
  for (gsize i = 0; i < n_touches; i++)
    if (touches[i].informational)
      break;
    else
      n++;
  if (n == n_touches)
    {
      *n_kept = n_touches;
      return touches;
    }

  *owned = g_new0 (PursuitEngineTouch, MAX (n_touches, 1));
  n = 0;
  for (gsize i = 0; i < n_touches; i++)
    {
      if (touches[i].informational)
        {
          if (logged != NULL && *logged == (gssize) i)
            *logged = -1;
          continue;
        }
      if (logged != NULL && *logged == (gssize) i)
        *logged = (gssize) n;
      (*owned)[n++] = touches[i];
    }
  *n_kept = n;
  return *owned;
}

static void recompute (const PursuitPolicy      *policy,
                       PursuitEngineState       *state,
                       const PursuitEngineTouch *touches,
                       gsize                     n_touches,
                       GDateTime                *now);

/**
 * pursuit_engine_recompute:
 * @policy: the follow-up preferences
 * @state: the prospect, updated in place
 * @touches: (array length=n_touches) (nullable): all its touches, any order
 * @n_touches: the number of @touches
 * @now: the current time
 *
 * The streak, the callback that stands, the planned channel and the next
 * touch (a callback wins over a date set by hand, which wins over the
 * cadence). Closed prospects have no next touch.
 */
void
pursuit_engine_recompute (const PursuitPolicy      *policy,
                          PursuitEngineState       *state,
                          const PursuitEngineTouch *touches,
                          gsize                     n_touches,
                          GDateTime                *now)
{
  g_autofree PursuitEngineTouch *owned = NULL;
  const PursuitEngineTouch *kept;
  gsize n_kept;

  g_return_if_fail (policy != NULL && state != NULL && now != NULL);
  g_return_if_fail (touches != NULL || n_touches == 0);

  kept = without_informational (touches, n_touches, &n_kept, &owned, NULL);
  recompute (policy, state, kept, n_kept, now);
}

/* pursuit_engine_recompute() on touches that are all attempts or
 * responses. */
static void
recompute (const PursuitPolicy      *policy,
           PursuitEngineState       *state,
           const PursuitEngineTouch *touches,
           gsize                     n_touches,
           GDateTime                *now)
{
  g_autoptr(GDateTime) computed = NULL;
  g_autoptr(GDateTime) next = NULL;
  GDateTime *manual;
  GDateTime *callback;
  GDateTime *epoch;
  gssize latest;

  latest = find_latest (touches, n_touches);
  epoch = streak_epoch (state, now);
  state->attempts = streak_since (touches, n_touches, epoch, state->attempts_before);
  callback = state->stage == PURSUIT_STAGE_CLOSED ? NULL : standing_callback (touches, n_touches, epoch);
  set_date (&state->callback_at, callback);
  /* Touches before a revisit are history: the approach starts afresh. */
  state->next_channel = planned_channel (touches, n_touches,
                                         epoch != NULL && latest >= 0
                                           && g_date_time_compare (touches[latest].when, epoch) < 0 ? -1 : latest,
                                         callback, state);

  /* Only active prospects and customers are on the schedule; an inbox
   * prospect keeps its callback for when it is triaged. A prospect who
   * asked not to be contacted is never planned. */
  if (state->do_not_contact)
    {
      set_date (&state->callback_at, NULL);
      set_date (&state->revisit_at, NULL);
    }
  if (state->stage == PURSUIT_STAGE_CLOSED || state->stage == PURSUIT_STAGE_INBOX
      || state->do_not_contact)
    {
      set_date (&state->next_touch, NULL);
      state->next_touch_manual = FALSE;
      return;
    }

  computed = computed_due (policy, state, latest >= 0 ? touches[latest].when : NULL, now);
  manual = state->next_touch_manual ? state->next_touch : NULL;
  next = pursuit_rules_next_touch (callback, manual, computed);
  state->next_touch_manual = manual != NULL && next == manual;
  set_date (&state->next_touch, next);
}

/**
 * pursuit_engine_log_touch:
 * @policy: the follow-up preferences
 * @state: the prospect, updated in place
 * @touches: (array length=n_touches): all its touches, the new one included
 * @n_touches: the number of @touches
 * @logged: the index of the new touch in @touches
 * @now: the current time
 *
 * Applies a newly logged touch: see pursuit-engine.h.
 */
void
pursuit_engine_log_touch (const PursuitPolicy      *policy,
                          PursuitEngineState       *state,
                          const PursuitEngineTouch *touches,
                          gsize                     n_touches,
                          gsize                     logged,
                          GDateTime                *now)
{
  g_autofree PursuitEngineTouch *owned = NULL;
  const PursuitEngineTouch *kept;
  gsize n_kept;
  gssize index = (gssize) logged;

  g_return_if_fail (policy != NULL && state != NULL && now != NULL);
  g_return_if_fail (touches != NULL && logged < n_touches);

  /* An informational touch is not an attempt: nothing but a recount. */
  kept = without_informational (touches, n_touches, &n_kept, &owned, &index);
  if (index < 0)
    {
      recompute (policy, state, kept, n_kept, now);
      return;
    }
  touches = kept;
  n_touches = n_kept;
  logged = (gsize) index;

  switch (touches[logged].outcome)
    {
    case PURSUIT_OUTCOME_FIRM_NO:
      /* Customers are never dropped: a no to one offer ends no
       * relationship. Anyone else who says no is not contacted again. */
      if (state->stage != PURSUIT_STAGE_CUSTOMER)
        {
          state->stage = PURSUIT_STAGE_CLOSED;
          state->tier = PURSUIT_TIER_NONE;
          state->close_reason = PURSUIT_CLOSE_REASON_FIRM_NO;
          state->do_not_contact = TRUE;
          set_date (&state->revisit_at, NULL);
        }
      break;
    case PURSUIT_OUTCOME_WON:
      /* Someone who buys is a customer to keep in touch with, whatever
       * they said before. */
      state->stage = PURSUIT_STAGE_CUSTOMER;
      state->tier = PURSUIT_TIER_NONE;
      state->do_not_contact = FALSE;
      state->close_reason = "";
      set_date (&state->revisit_at, NULL);
      break;
    default:
      break;
    }

  /* The touch the user planned by hand is the one just made; a touch
   * logged as older than others does not fulfil it. */
  if (find_latest (touches, n_touches) == (gssize) logged)
    state->next_touch_manual = FALSE;

  recompute (policy, state, touches, n_touches, now);
}

gboolean
pursuit_engine_revisit_is_due (const PursuitEngineState *state,
                               GDateTime                *now)
{
  g_return_val_if_fail (state != NULL && now != NULL, FALSE);

  return state->stage == PURSUIT_STAGE_CLOSED && !state->do_not_contact && state->revisit_at != NULL
         && g_date_time_compare (state->revisit_at, now) <= 0;
}

void
pursuit_engine_revisit (PursuitEngineState *state)
{
  g_return_if_fail (state != NULL);

  state->stage = PURSUIT_STAGE_INBOX;
  state->tier = PURSUIT_TIER_NONE;
  state->attempts = 0;
  state->attempts_before = 0;
  state->next_touch_manual = FALSE;
  state->next_channel = PURSUIT_CHANNEL_CALL;
  set_date (&state->next_touch, NULL);
  set_date (&state->callback_at, NULL);
}

gboolean
pursuit_engine_is_revisit (PursuitStage  stage,
                           const char   *close_reason,
                           GDateTime    *revisit_at,
                           GDateTime    *now)
{
  g_return_val_if_fail (now != NULL, FALSE);

  return stage != PURSUIT_STAGE_CLOSED && close_reason != NULL && close_reason[0] != '\0'
         && revisit_at != NULL && g_date_time_compare (revisit_at, now) <= 0;
}

void
pursuit_engine_let_go (PursuitEngineState *state,
                       const char         *reason,
                       GDateTime          *revisit_at)
{
  g_return_if_fail (state != NULL && reason != NULL);

  state->stage = PURSUIT_STAGE_CLOSED;
  state->tier = PURSUIT_TIER_NONE;
  state->close_reason = reason;
  state->next_touch_manual = FALSE;
  /* A firm no, or being asked not to call: not contacted again. */
  if (strcmp (reason, PURSUIT_CLOSE_REASON_FIRM_NO) == 0
      || strcmp (reason, PURSUIT_CLOSE_REASON_DO_NOT_CONTACT) == 0)
    state->do_not_contact = TRUE;
  set_date (&state->next_touch, NULL);
  set_date (&state->callback_at, NULL);
  set_date (&state->revisit_at, state->do_not_contact ? NULL : revisit_at);
}

/**
 * pursuit_engine_check_limit:
 * @policy: the follow-up preferences
 * @stage: the prospect's stage
 * @streak: its attempt streak
 * @own_limit: its own limit, 0 to follow the preferences
 * @value: its deal value, negative for none
 * @out: (out caller-allocates): the result
 *
 * The attempt limit and whether to propose letting go. Nothing is closed
 * here: the user decides.
 */
void
pursuit_engine_check_limit (const PursuitPolicy *policy,
                            PursuitStage         stage,
                            guint                streak,
                            guint                own_limit,
                            double               value,
                            PursuitLimitCheck   *out)
{
  g_return_if_fail (policy != NULL && out != NULL);

  out->streak = streak;
  out->limit = pursuit_policy_attempt_limit (policy, own_limit, value);
  out->worth = 0;
  if (own_limit > 0)
    out->source = PURSUIT_LIMIT_SOURCE_OWN;
  else if (pursuit_policy_learned_applies (policy) && isfinite (value) && value >= 0)
    {
      out->source = PURSUIT_LIMIT_SOURCE_LEARNED;
      out->worth = pursuit_learned_curve_worth (&policy->learned, streak + 1, value);
    }
  else if (policy->limit_mode == PURSUIT_LIMIT_FIXED)
    out->source = PURSUIT_LIMIT_SOURCE_FIXED;
  else if (value >= 0)
    out->source = PURSUIT_LIMIT_SOURCE_VALUE;
  else
    out->source = PURSUIT_LIMIT_SOURCE_NO_VALUE;
  /* Whatever the limit, what the next attempt is expected to bring, by the
   * curve Insights show (the defaults until there is history). */
  if (out->source != PURSUIT_LIMIT_SOURCE_LEARNED && isfinite (value) && value >= 0)
    out->worth = pursuit_learned_curve_worth (&policy->learned, streak + 1, value);
  else if (out->source != PURSUIT_LIMIT_SOURCE_LEARNED)
    out->worth = -1;
  out->let_go = (stage == PURSUIT_STAGE_ACTIVE || stage == PURSUIT_STAGE_INBOX) && streak >= out->limit;
}

/* @amount in the form of @money ("$20", "CHF 20.50"): its text before the
 * first digit and after the last, around a whole number (cents below 1). */
static char *
format_like (const char *money,
             double      amount)
{
  const char *first = money != NULL ? strpbrk (money, "0123456789") : NULL;
  const char *last = first;
  g_autoptr(GString) digits = g_string_new (NULL);

  if (first == NULL || !isfinite (amount) || amount < 0)
    return NULL;
  for (const char *c = first; *c != '\0'; c++)
    if (g_ascii_isdigit (*c))
      last = c;

  pursuit_number_append (digits, (guint64) MIN (round (amount), 1e15), NULL);
  if (amount < 1 && round (amount * 100) != round (amount) * 100)
    g_string_printf (digits, "%u.%02u", (guint) (round (amount * 100) / 100), (guint) fmod (round (amount * 100), 100));
  return g_strdup_printf ("%.*s%s%s", (int) (first - money), money, digits->str, last + 1);
}

static char *
learned_reason (const PursuitLimitCheck *check,
                const char              *attempts,
                const char              *cost_text)
{
  g_autofree char *worth = format_like (cost_text, check->worth);

  if (worth == NULL)
    return g_strdup_printf (_("%s; your history says %u are worth their cost"), attempts, check->limit);
  /* Translators: "7 unanswered attempts; from your history the next is
   * worth ≈ $4, costs $20". */
  return g_strdup_printf (_("%s; from your history the next is worth ≈ %s, costs %s"), attempts, worth, cost_text);
}

/**
 * pursuit_engine_limit_reason:
 *
 * Returns: (transfer full): the reason, in one sentence without a full stop
 */
char *
pursuit_engine_limit_reason (const PursuitLimitCheck *check,
                             const char              *value_text,
                             const char              *cost_text)
{
  g_autofree char *attempts = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *worth = NULL;

  g_return_val_if_fail (check != NULL, NULL);

  attempts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unanswered attempt",
                                           "%u unanswered attempts", check->streak),
                              check->streak);
  switch (check->source)
    {
    case PURSUIT_LIMIT_SOURCE_VALUE:
      /* Translators: "7 unanswered attempts; a $1,000 deal is worth 2 at
       * $20 per touch". */
      reason = g_strdup_printf (_("%s; a %s deal is worth %u at %s per touch"), attempts,
                                value_text != NULL ? value_text : "", check->limit,
                                cost_text != NULL ? cost_text : "");
      break;
    case PURSUIT_LIMIT_SOURCE_NO_VALUE:
      return g_strdup_printf (_("%s; without a deal value the limit is %u"), attempts, check->limit);
    case PURSUIT_LIMIT_SOURCE_OWN:
      reason = g_strdup_printf (_("%s; you chose to keep going up to %u"), attempts, check->limit);
      break;
    case PURSUIT_LIMIT_SOURCE_LEARNED:
      return learned_reason (check, attempts, cost_text);
    case PURSUIT_LIMIT_SOURCE_FIXED:
    default:
      reason = g_strdup_printf (_("%s; your limit is %u"), attempts, check->limit);
      break;
    }

  /* What the next attempt is expected to bring against its cost, in the
   * words of the learned limit and of Insights. */
  worth = check->worth >= 0 ? format_like (cost_text, check->worth) : NULL;
  if (worth == NULL)
    return g_steal_pointer (&reason);
  /* Translators: "7 unanswered attempts; your limit is 7; the next is
   * worth ≈ $7, costs $20". */
  return g_strdup_printf (_("%s; the next is worth ≈ %s, costs %s"), reason, worth, cost_text);
}

guint
pursuit_engine_keep_going_limit (guint limit,
                                 guint streak)
{
  guint base = MAX (limit, streak);

  return base > G_MAXUINT - PURSUIT_KEEP_GOING_EXTRA ? G_MAXUINT : base + PURSUIT_KEEP_GOING_EXTRA;
}

/**
 * pursuit_engine_next_reason:
 * @state: a prospect
 *
 * Returns: why the next touch of @state is when it is
 */
PursuitNextReason
pursuit_engine_next_reason (const PursuitEngineState *state)
{
  g_return_val_if_fail (state != NULL, PURSUIT_NEXT_REASON_NONE);

  if (state->next_touch == NULL)
    return PURSUIT_NEXT_REASON_NONE;
  if (state->callback_at != NULL && g_date_time_equal (state->callback_at, state->next_touch))
    return PURSUIT_NEXT_REASON_CALLBACK;
  if (state->next_touch_manual)
    return PURSUIT_NEXT_REASON_MANUAL;
  if (state->stage == PURSUIT_STAGE_ACTIVE)
    return PURSUIT_NEXT_REASON_CADENCE;
  if (state->stage == PURSUIT_STAGE_CUSTOMER)
    return PURSUIT_NEXT_REASON_CUSTOMER;
  return PURSUIT_NEXT_REASON_OTHER;
}
