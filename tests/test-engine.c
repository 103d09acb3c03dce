/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test-engine"

#include <locale.h>
#include <string.h>

#include <glib.h>

#include "pursuit-engine.h"

/* Touches are written as tables: day offsets from a fixed "now" (negative:
 * in the past), in the order they were logged, which need not be time
 * order. */

#define OUT PURSUIT_DIRECTION_OUT
#define IN  PURSUIT_DIRECTION_IN

#define CALL PURSUIT_CHANNEL_CALL
#define EMAIL PURSUIT_CHANNEL_EMAIL
#define VMAIL PURSUIT_CHANNEL_VOICEMAIL
#define LETTER PURSUIT_CHANNEL_LETTER
#define VISIT PURSUIT_CHANNEL_VISIT
#define MEETING PURSUIT_CHANNEL_MEETING
#define SOCIAL PURSUIT_CHANNEL_SOCIAL

#define NA PURSUIT_OUTCOME_NO_ANSWER
#define LM PURSUIT_OUTCOME_LEFT_MESSAGE
#define RE PURSUIT_OUTCOME_REPLIED
#define MT PURSUIT_OUTCOME_MEETING
#define CB PURSUIT_OUTCOME_CALLBACK_REQUESTED
#define NO PURSUIT_OUTCOME_FIRM_NO
#define WON PURSUIT_OUTCOME_WON

#define NO_DATE G_MININT

typedef struct
{
  int              day;       /* days from now */
  PursuitChannel   channel;
  PursuitDirection direction;
  PursuitOutcome   outcome;
  int              callback;  /* days from now, or NO_DATE */
} TouchRow;

#define MAX_TOUCHES 8

/* Owns the dates of a table's touches. */
typedef struct
{
  PursuitEngineTouch touches[MAX_TOUCHES];
  gsize              n;
} Touches;

static GDateTime *
test_now (void)
{
  return g_date_time_new_local (2026, 3, 2, 10, 0, 0);
}

static GDateTime *
day (int offset)
{
  g_autoptr(GDateTime) now = test_now ();

  return offset == NO_DATE ? NULL : g_date_time_add_days (now, offset);
}

/* Hours let two touches fall on the same day in a set order. */
static void
touches_load (Touches        *t,
              const TouchRow *rows,
              gsize           n_rows)
{
  g_assert_cmpuint (n_rows, <=, MAX_TOUCHES);
  t->n = 0;
  for (gsize i = 0; i < n_rows && rows[i].day != NO_DATE; i++)
    {
      PursuitEngineTouch *touch = &t->touches[t->n++];

      touch->when = day (rows[i].day);
      touch->channel = rows[i].channel;
      touch->direction = rows[i].direction;
      touch->outcome = rows[i].outcome;
      touch->callback_at = day (rows[i].callback);
      touch->informational = FALSE;
    }
}

static void
touches_clear (Touches *t)
{
  for (gsize i = 0; i < t->n; i++)
    {
      g_clear_pointer (&t->touches[i].when, g_date_time_unref);
      g_clear_pointer (&t->touches[i].callback_at, g_date_time_unref);
    }
  t->n = 0;
}

static void
state_init (PursuitEngineState *state,
            PursuitStage        stage,
            PursuitTier         tier)
{
  *state = (PursuitEngineState) { .stage = stage, .tier = tier, .close_reason = "" };
}

/* Calendar days from now to @when, or NO_DATE for NULL: the cadence adds
 * calendar days, and a daylight saving change lies in between. */
static int
days_to (GDateTime *when)
{
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(GDateTime) local = NULL;
  GDate a, b;
  int y, m, d;

  if (when == NULL)
    return NO_DATE;
  local = g_date_time_to_local (when);
  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_time_get_ymd (now, &y, &m, &d);
  g_date_set_dmy (&a, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  g_date_time_get_ymd (local, &y, &m, &d);
  g_date_set_dmy (&b, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return g_date_days_between (&a, &b);
}

/* ---- streak ---------------------------------------------------------- */

typedef struct
{
  const char *name;
  TouchRow    touches[MAX_TOUCHES];
  int         revisit;  /* the return from a revisit, days from now */
  guint       streak;
} StreakCase;

static const StreakCase streak_cases[] = {
  { "none", { { NO_DATE } }, NO_DATE, 0 },
  { "three unanswered", { { -3, CALL, OUT, NA, NO_DATE }, { -2, EMAIL, OUT, NA, NO_DATE },
                          { -1, VMAIL, OUT, LM, NO_DATE }, { NO_DATE } }, NO_DATE, 3 },
  { "reply resets", { { -4, CALL, OUT, NA, NO_DATE }, { -3, CALL, OUT, LM, NO_DATE },
                      { -2, EMAIL, OUT, RE, NO_DATE }, { -1, CALL, OUT, NA, NO_DATE }, { NO_DATE } },
    NO_DATE, 1 },
  { "meeting resets", { { -3, CALL, OUT, NA, NO_DATE }, { -2, MEETING, OUT, MT, NO_DATE }, { NO_DATE } },
    NO_DATE, 0 },
  { "callback resets", { { -3, CALL, OUT, NA, NO_DATE }, { -2, CALL, OUT, CB, 5 }, { NO_DATE } },
    NO_DATE, 0 },
  { "inbound resets", { { -3, CALL, OUT, NA, NO_DATE }, { -2, EMAIL, IN, NA, NO_DATE },
                        { -1, CALL, OUT, NA, NO_DATE }, { NO_DATE } }, NO_DATE, 1 },
  { "out of order", { { -1, CALL, OUT, NA, NO_DATE }, { -9, EMAIL, OUT, RE, NO_DATE },
                      { -5, CALL, OUT, NA, NO_DATE }, { -7, CALL, OUT, NA, NO_DATE }, { NO_DATE } },
    NO_DATE, 3 },
  { "backdated reply logged last", { { -6, CALL, OUT, NA, NO_DATE }, { -4, CALL, OUT, NA, NO_DATE },
                                     { -2, CALL, OUT, NA, NO_DATE }, { -3, EMAIL, IN, RE, NO_DATE },
                                     { NO_DATE } }, NO_DATE, 1 },
  { "backdated attempt before the reply", { { -2, EMAIL, OUT, RE, NO_DATE }, { -1, CALL, OUT, NA, NO_DATE },
                                            { -5, CALL, OUT, NA, NO_DATE }, { NO_DATE } }, NO_DATE, 1 },
  { "fresh after a revisit", { { -300, CALL, OUT, NA, NO_DATE }, { -299, CALL, OUT, NA, NO_DATE },
                               { -298, CALL, OUT, NA, NO_DATE }, { -1, CALL, OUT, NA, NO_DATE },
                               { NO_DATE } }, -10, 1 },
};

static void
test_streak (void)
{
  g_autoptr(GDateTime) now = test_now ();
  PursuitPolicy policy;

  pursuit_policy_init_default (&policy);
  for (gsize i = 0; i < G_N_ELEMENTS (streak_cases); i++)
    {
      const StreakCase *c = &streak_cases[i];
      PursuitEngineState state;
      Touches t;

      g_test_message ("streak: %s", c->name);
      state_init (&state, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD);
      state.revisit_at = day (c->revisit);
      touches_load (&t, c->touches, G_N_ELEMENTS (c->touches));
      pursuit_engine_recompute (&policy, &state, t.touches, t.n, now);
      g_assert_cmpuint (state.attempts, ==, c->streak);
      touches_clear (&t);
      pursuit_engine_state_clear (&state);
    }
}

/* ---- next touch after logging each outcome, in each tier ------------- */

typedef struct
{
  PursuitStage   stage;
  PursuitTier    tier;
  TouchRow       touch;       /* logged after a call 10 days ago */
  PursuitStage   new_stage;
  int            next;        /* days from now, NO_DATE for none */
  PursuitChannel channel;
  const char    *reason;
  guint          streak;
} OutcomeCase;

#define ACTIVE PURSUIT_STAGE_ACTIVE
#define CUSTOMER PURSUIT_STAGE_CUSTOMER
#define CLOSED PURSUIT_STAGE_CLOSED
#define INBOX PURSUIT_STAGE_INBOX
#define HOT PURSUIT_TIER_HOT
#define GOOD PURSUIT_TIER_GOOD
#define COOL PURSUIT_TIER_COOL
#define COLD PURSUIT_TIER_COLD
#define NONE PURSUIT_TIER_NONE

static const OutcomeCase outcome_cases[] = {
  /* The cadence counts from the touch's own date: -2 + 7 = 5. */
  { ACTIVE, HOT, { 0, CALL, OUT, NA, NO_DATE }, ACTIVE, 1, EMAIL, "", 2 },
  { ACTIVE, HOT, { -2, CALL, OUT, NA, NO_DATE }, ACTIVE, -1, EMAIL, "", 2 },
  { ACTIVE, GOOD, { -2, CALL, OUT, NA, NO_DATE }, ACTIVE, 5, EMAIL, "", 2 },
  { ACTIVE, COOL, { 0, EMAIL, OUT, LM, NO_DATE }, ACTIVE, 90, CALL, "", 2 },
  { ACTIVE, COLD, { 0, VMAIL, OUT, LM, NO_DATE }, ACTIVE, 365, EMAIL, "", 2 },
  { ACTIVE, GOOD, { 0, EMAIL, OUT, RE, NO_DATE }, ACTIVE, 7, EMAIL, "", 0 },
  { ACTIVE, COOL, { 0, SOCIAL, IN, RE, NO_DATE }, ACTIVE, 90, SOCIAL, "", 0 },
  { ACTIVE, HOT, { 0, MEETING, OUT, MT, NO_DATE }, ACTIVE, 1, CALL, "", 0 },
  { ACTIVE, COLD, { 0, EMAIL, IN, MT, NO_DATE }, ACTIVE, 365, EMAIL, "", 0 },
  /* A callback date wins over every cadence. */
  { ACTIVE, HOT, { 0, CALL, OUT, CB, 14 }, ACTIVE, 14, CALL, "", 0 },
  { ACTIVE, COLD, { -1, EMAIL, IN, CB, 3 }, ACTIVE, 3, CALL, "", 0 },
  { ACTIVE, GOOD, { 0, CALL, OUT, NO, NO_DATE }, CLOSED, NO_DATE, CALL, "firm-no", 0 },
  { INBOX, NONE, { 0, EMAIL, IN, NO, NO_DATE }, CLOSED, NO_DATE, EMAIL, "firm-no", 0 },
  { ACTIVE, COOL, { 0, VISIT, OUT, WON, NO_DATE }, CUSTOMER, 90, CALL, "", 0 },
  { ACTIVE, HOT, { -5, EMAIL, IN, WON, NO_DATE }, CUSTOMER, 85, EMAIL, "", 0 },
  /* Customers: the keep-in-touch cadence, and a no does not drop them. */
  { CUSTOMER, NONE, { 0, CALL, OUT, NA, NO_DATE }, CUSTOMER, 90, EMAIL, "", 2 },
  { CUSTOMER, NONE, { 0, CALL, OUT, NO, NO_DATE }, CUSTOMER, 90, CALL, "", 0 },
  { CUSTOMER, NONE, { 0, CALL, OUT, CB, 20 }, CUSTOMER, 20, CALL, "", 0 },
  /* The inbox is not on the schedule until triaged, callback or not. */
  { INBOX, NONE, { 0, CALL, OUT, NA, NO_DATE }, INBOX, NO_DATE, EMAIL, "", 2 },
  { INBOX, NONE, { 0, CALL, OUT, CB, 2 }, INBOX, NO_DATE, CALL, "", 0 },
};

static void
test_next_touch_per_outcome (void)
{
  g_autoptr(GDateTime) now = test_now ();
  PursuitPolicy policy;

  pursuit_policy_init_default (&policy);
  for (gsize i = 0; i < G_N_ELEMENTS (outcome_cases); i++)
    {
      const OutcomeCase *c = &outcome_cases[i];
      TouchRow rows[] = { { -10, CALL, OUT, NA, NO_DATE }, c->touch };
      PursuitEngineState state;
      Touches t;

      g_test_message ("outcome case %" G_GSIZE_FORMAT, i);
      state_init (&state, c->stage, c->tier);
      touches_load (&t, rows, G_N_ELEMENTS (rows));
      pursuit_engine_log_touch (&policy, &state, t.touches, t.n, 1, now);
      g_assert_cmpint (state.stage, ==, c->new_stage);
      if (c->new_stage != ACTIVE)
        g_assert_cmpint (state.tier, ==, NONE);
      else
        g_assert_cmpint (state.tier, ==, c->tier);
      g_assert_cmpint (days_to (state.next_touch), ==, c->next);
      if (c->new_stage != CLOSED)
        g_assert_cmpint (state.next_channel, ==, c->channel);
      g_assert_cmpstr (state.close_reason, ==, c->reason);
      g_assert_cmpuint (state.attempts, ==, c->streak);
      g_assert_null (state.revisit_at);
      touches_clear (&t);
      pursuit_engine_state_clear (&state);
    }
}

/* ---- channel rotation ------------------------------------------------- */

typedef struct
{
  TouchRow       touches[MAX_TOUCHES];
  PursuitChannel expected;
} ChannelCase;

static const ChannelCase channel_cases[] = {
  { { { NO_DATE } }, LETTER },  /* no touch: the plan stays */
  /* Varying the approach: a call, then something written, then a call. */
  { { { -4, CALL, OUT, NA, NO_DATE }, { NO_DATE } }, EMAIL },
  { { { -4, CALL, OUT, NA, NO_DATE }, { -3, EMAIL, OUT, NA, NO_DATE }, { NO_DATE } }, CALL },
  { { { -4, CALL, OUT, NA, NO_DATE }, { -3, EMAIL, OUT, NA, NO_DATE }, { -2, VMAIL, OUT, LM, NO_DATE },
      { NO_DATE } }, EMAIL },
  { { { -4, CALL, OUT, NA, NO_DATE }, { -3, EMAIL, OUT, NA, NO_DATE }, { -2, VMAIL, OUT, LM, NO_DATE },
      { -1, LETTER, OUT, NA, NO_DATE }, { NO_DATE } }, CALL },
  { { { -1, SOCIAL, OUT, NA, NO_DATE }, { NO_DATE } }, CALL },
  { { { -1, VISIT, OUT, NA, NO_DATE }, { NO_DATE } }, EMAIL },
  /* The latest in time decides, not the last logged. */
  { { { -1, EMAIL, OUT, NA, NO_DATE }, { -3, CALL, OUT, NA, NO_DATE }, { NO_DATE } }, CALL },
  /* After a response: back to what got it. */
  { { { -3, CALL, OUT, NA, NO_DATE }, { -2, EMAIL, OUT, RE, NO_DATE }, { NO_DATE } }, EMAIL },
  { { { -3, CALL, OUT, NA, NO_DATE }, { -2, LETTER, IN, RE, NO_DATE }, { NO_DATE } }, LETTER },
  { { { -3, EMAIL, OUT, NA, NO_DATE }, { -2, MEETING, OUT, MT, NO_DATE }, { NO_DATE } }, CALL },
  { { { -3, EMAIL, OUT, NA, NO_DATE }, { -2, EMAIL, OUT, CB, 5 }, { NO_DATE } }, CALL },
  /* A standing callback is a call, even after an unanswered email. */
  { { { -3, EMAIL, OUT, CB, 5 }, { -1, EMAIL, OUT, NA, NO_DATE }, { NO_DATE } }, CALL },
};

static void
test_channel_rotation (void)
{
  g_autoptr(GDateTime) now = test_now ();
  PursuitPolicy policy;

  pursuit_policy_init_default (&policy);
  g_assert_cmpint (pursuit_engine_rotate_channel (CALL, NULL, 0), ==, EMAIL);
  g_assert_cmpint (pursuit_engine_rotate_channel (EMAIL, NULL, 0), ==, CALL);
  g_assert_cmpint (pursuit_engine_rotate_channel (VMAIL, NULL, 0), ==, EMAIL);
  g_assert_cmpint (pursuit_engine_rotate_channel (LETTER, NULL, 0), ==, CALL);
  g_assert_cmpint (pursuit_engine_rotate_channel (MEETING, NULL, 0), ==, EMAIL);

  for (gsize i = 0; i < G_N_ELEMENTS (channel_cases); i++)
    {
      PursuitEngineState state;
      Touches t;

      g_test_message ("channel case %" G_GSIZE_FORMAT, i);
      state_init (&state, ACTIVE, GOOD);
      state.next_channel = LETTER;
      touches_load (&t, channel_cases[i].touches, MAX_TOUCHES);
      pursuit_engine_recompute (&policy, &state, t.touches, t.n, now);
      g_assert_cmpint (state.next_channel, ==, channel_cases[i].expected);
      touches_clear (&t);
      pursuit_engine_state_clear (&state);
    }
}

/* Only channels the prospect can be reached on are suggested: no phone,
 * no call or voicemail; no email, no email; and the approach still
 * varies among what is left. */
static void
test_channel_reach (void)
{
  guint no_phone = pursuit_engine_unreachable (FALSE, TRUE);
  guint no_email = pursuit_engine_unreachable (TRUE, FALSE);
  guint neither = PURSUIT_CHANNELS_PHONE | PURSUIT_CHANNELS_EMAIL;
  guint uses[PURSUIT_N_CHANNELS] = { 0 };
  PursuitChannel channel = CALL;
  gboolean seen[PURSUIT_N_CHANNELS] = { FALSE };

  g_assert_cmpuint (pursuit_engine_unreachable (TRUE, TRUE), ==, 0);
  /* Nothing known, nothing ruled out. */
  g_assert_cmpuint (pursuit_engine_unreachable (FALSE, FALSE), ==, 0);
  g_assert_cmpint (pursuit_engine_reachable_channel (CALL, no_phone), ==, EMAIL);
  g_assert_cmpint (pursuit_engine_reachable_channel (VMAIL, no_phone), ==, EMAIL);
  g_assert_cmpint (pursuit_engine_reachable_channel (EMAIL, no_email), ==, CALL);
  g_assert_cmpint (pursuit_engine_reachable_channel (CALL, neither), ==, SOCIAL);

  /* No phone: from an email to another written channel, never a call. */
  for (guint i = 0; i < 6; i++)
    {
      channel = pursuit_engine_rotate_channel (channel == CALL ? EMAIL : channel, uses, no_phone);
      g_assert_true (channel != CALL && channel != VMAIL);
      uses[channel]++;
      seen[channel] = TRUE;
    }
  g_assert_true (seen[EMAIL] && (seen[SOCIAL] || seen[LETTER]));

  /* No email: calls alternate with a social message and a letter. */
  memset (uses, 0, sizeof uses);
  memset (seen, 0, sizeof seen);
  channel = CALL;
  for (guint i = 0; i < 6; i++)
    {
      PursuitChannel next = pursuit_engine_rotate_channel (channel, uses, no_email);

      g_assert_true (next != EMAIL);
      g_assert_true (next != channel);
      uses[next]++;
      seen[next] = TRUE;
      channel = next;
    }
  g_assert_true (seen[CALL] && seen[SOCIAL] && seen[LETTER]);

  /* Neither: still varied. */
  g_assert_cmpint (pursuit_engine_rotate_channel (SOCIAL, NULL, neither), ==, LETTER);
  g_assert_cmpint (pursuit_engine_rotate_channel (LETTER, NULL, neither), ==, SOCIAL);
}

/* The engine applies the prospect's reach to what it plans. */
static void
test_channel_reach_planned (void)
{
  g_autoptr(GDateTime) now = test_now ();
  const TouchRow rows[] = { { -2, EMAIL, OUT, NA, NO_DATE }, { NO_DATE } };
  const TouchRow reply[] = { { -2, CALL, IN, RE, NO_DATE }, { NO_DATE } };
  PursuitPolicy policy;
  PursuitEngineState state;
  Touches t;

  pursuit_policy_init_default (&policy);
  state_init (&state, ACTIVE, HOT);
  state.unreachable = pursuit_engine_unreachable (FALSE, TRUE);
  touches_load (&t, rows, G_N_ELEMENTS (rows));
  pursuit_engine_recompute (&policy, &state, t.touches, t.n, now);
  g_assert_true (state.next_channel != CALL && state.next_channel != VMAIL);
  touches_clear (&t);

  /* A reply by phone from someone whose number we lack: write back. */
  touches_load (&t, reply, G_N_ELEMENTS (reply));
  pursuit_engine_recompute (&policy, &state, t.touches, t.n, now);
  g_assert_cmpint (state.next_channel, ==, EMAIL);
  touches_clear (&t);

  /* No touch yet: the first suggestion is reachable too. */
  state.next_channel = CALL;
  pursuit_engine_recompute (&policy, &state, NULL, 0, now);
  g_assert_cmpint (state.next_channel, ==, EMAIL);
  pursuit_engine_state_clear (&state);
}

/* An inbox prospect is not on the schedule, even when it asked to be
 * called back: the card and the Calendar agree. */
static void
test_inbox_unscheduled (void)
{
  g_autoptr(GDateTime) now = test_now ();
  const TouchRow rows[] = { { -1, CALL, IN, CB, 4 }, { NO_DATE } };
  PursuitPolicy policy;
  PursuitEngineState state;
  Touches t;

  pursuit_policy_init_default (&policy);
  state_init (&state, PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE);
  touches_load (&t, rows, G_N_ELEMENTS (rows));
  pursuit_engine_log_touch (&policy, &state, t.touches, t.n, 0, now);
  g_assert_null (state.next_touch);
  g_assert_cmpint (days_to (state.callback_at), ==, 4);
  g_assert_cmpint (pursuit_engine_next_reason (&state), ==, PURSUIT_NEXT_REASON_NONE);
  touches_clear (&t);
  pursuit_engine_state_clear (&state);
}

/* ---- callbacks and dates set by hand ---------------------------------- */

typedef struct
{
  const char *name;
  TouchRow    touches[MAX_TOUCHES];
  int         callback;  /* the callback that stands, or NO_DATE */
  int         next;
} CallbackCase;

static const CallbackCase callback_cases[] = {
  { "stands", { { -3, CALL, OUT, CB, 11 }, { NO_DATE } }, 11, 11 },
  { "overdue still stands", { { -30, CALL, OUT, CB, -2 }, { NO_DATE } }, -2, -2 },
  { "an early unanswered attempt keeps it",
    { { -3, CALL, OUT, CB, 11 }, { -1, EMAIL, OUT, NA, NO_DATE }, { NO_DATE } }, 11, 11 },
  { "a later reply replaces it",
    { { -3, CALL, OUT, CB, 11 }, { -1, EMAIL, IN, RE, NO_DATE }, { NO_DATE } }, NO_DATE, 6 },
  { "the call on the day fulfils it",
    { { -10, CALL, OUT, CB, -2 }, { -2, CALL, OUT, NA, NO_DATE }, { NO_DATE } }, NO_DATE, 5 },
  { "the latest request counts",
    { { -3, CALL, OUT, CB, 20 }, { -8, CALL, OUT, CB, 4 }, { NO_DATE } }, 20, 20 },
  /* A meeting booked has its date and time: the next touch is then. */
  { "a meeting booked stands", { { -3, CALL, OUT, MT, 4 }, { NO_DATE } }, 4, 4 },
  { "a reply before the meeting keeps it",
    { { -3, CALL, OUT, MT, 4 }, { -1, EMAIL, IN, RE, NO_DATE }, { NO_DATE } }, 4, 4 },
  { "the meeting held fulfils it",
    { { -10, CALL, OUT, MT, -2 }, { -2, MEETING, OUT, RE, NO_DATE }, { NO_DATE } }, NO_DATE, 5 },
};

static void
test_callback (void)
{
  g_autoptr(GDateTime) now = test_now ();
  PursuitPolicy policy;

  pursuit_policy_init_default (&policy);
  for (gsize i = 0; i < G_N_ELEMENTS (callback_cases); i++)
    {
      const CallbackCase *c = &callback_cases[i];
      PursuitEngineState state;
      Touches t;

      g_test_message ("callback: %s", c->name);
      state_init (&state, ACTIVE, GOOD);
      touches_load (&t, c->touches, MAX_TOUCHES);
      pursuit_engine_recompute (&policy, &state, t.touches, t.n, now);
      g_assert_cmpint (days_to (state.callback_at), ==, c->callback);
      g_assert_cmpint (days_to (state.next_touch), ==, c->next);
      g_assert_cmpint (pursuit_engine_next_reason (&state), ==,
                       c->callback != NO_DATE ? PURSUIT_NEXT_REASON_CALLBACK : PURSUIT_NEXT_REASON_CADENCE);
      touches_clear (&t);
      pursuit_engine_state_clear (&state);
    }
}

static void
test_manual_date (void)
{
  g_autoptr(GDateTime) now = test_now ();
  const TouchRow rows[] = { { -20, CALL, OUT, NA, NO_DATE }, { -30, CALL, OUT, NA, NO_DATE },
                            { 0, CALL, OUT, NA, NO_DATE } };
  const TouchRow callback[] = { { -1, CALL, OUT, CB, 3 } };
  PursuitEngineState state;
  PursuitPolicy policy;
  Touches t;

  pursuit_policy_init_default (&policy);
  state_init (&state, ACTIVE, COOL);
  state.next_touch = day (40);
  state.next_touch_manual = TRUE;

  /* Editing or deleting touches keeps a date set by hand... */
  touches_load (&t, rows, 1);
  pursuit_engine_recompute (&policy, &state, t.touches, t.n, now);
  g_assert_cmpint (days_to (state.next_touch), ==, 40);
  g_assert_true (state.next_touch_manual);
  g_assert_cmpint (pursuit_engine_next_reason (&state), ==, PURSUIT_NEXT_REASON_MANUAL);
  touches_clear (&t);

  /* ...so does logging a touch older than the others... */
  touches_load (&t, rows, 2);
  pursuit_engine_log_touch (&policy, &state, t.touches, t.n, 1, now);
  g_assert_cmpint (days_to (state.next_touch), ==, 40);
  g_assert_true (state.next_touch_manual);
  touches_clear (&t);

  /* ...but the touch that was planned consumes it. */
  touches_load (&t, rows, 3);
  pursuit_engine_log_touch (&policy, &state, t.touches, t.n, 2, now);
  g_assert_cmpint (days_to (state.next_touch), ==, 90);
  g_assert_false (state.next_touch_manual);
  touches_clear (&t);

  /* A callback wins over a date set by hand. */
  g_clear_pointer (&state.next_touch, g_date_time_unref);
  state.next_touch = day (40);
  state.next_touch_manual = TRUE;
  touches_load (&t, callback, 1);
  pursuit_engine_recompute (&policy, &state, t.touches, t.n, now);
  g_assert_cmpint (days_to (state.next_touch), ==, 3);
  g_assert_false (state.next_touch_manual);
  touches_clear (&t);

  /* Without touches, an active prospect is due as on entering its tier. */
  state.next_touch_manual = FALSE;
  pursuit_engine_recompute (&policy, &state, NULL, 0, now);
  g_assert_cmpint (days_to (state.next_touch), ==, 90);
  g_assert_null (state.callback_at);
  pursuit_engine_state_clear (&state);
}

/* ---- the attempt limit and "time to let go?" -------------------------- */

typedef struct
{
  PursuitLimitMode mode;
  PursuitStage     stage;
  double           value;
  guint            own_limit;
  guint            streak;
  guint            limit;
  gboolean         let_go;
  const char      *value_text;
  const char      *reason;
} LimitCase;

/* The worth of the next attempt is the default curve's (30% ÷ k answered,
 * an answer wins 5% ÷ 30%): $1,000 × 5% ÷ 7 ≈ $7 at the seventh; the
 * curve ends at attempt 20, whose worth later attempts keep. */
static const LimitCase limit_cases[] = {
  { PURSUIT_LIMIT_FIXED, ACTIVE, 1000, 0, 6, 7, FALSE, "$1,000", "6 unanswered attempts; your limit is 7; the next is worth ≈ $7, costs $20" },
  { PURSUIT_LIMIT_FIXED, ACTIVE, 1000, 0, 7, 7, TRUE, "$1,000",
    "7 unanswered attempts; your limit is 7; the next is worth ≈ $6, costs $20" },
  { PURSUIT_LIMIT_FIXED, INBOX, -1, 0, 9, 7, TRUE, "", "9 unanswered attempts; your limit is 7" },
  { PURSUIT_LIMIT_VALUE, ACTIVE, 1000, 0, 1, 2, FALSE, "$1,000",
    "1 unanswered attempt; a $1,000 deal is worth 2 at $20 per touch; the next is worth ≈ $25, costs $20" },
  { PURSUIT_LIMIT_VALUE, ACTIVE, 1000, 0, 2, 2, TRUE, "$1,000",
    "2 unanswered attempts; a $1,000 deal is worth 2 at $20 per touch; the next is worth ≈ $17, costs $20" },
  { PURSUIT_LIMIT_VALUE, ACTIVE, 1000, 0, 7, 2, TRUE, "$1,000",
    "7 unanswered attempts; a $1,000 deal is worth 2 at $20 per touch; the next is worth ≈ $6, costs $20" },
  { PURSUIT_LIMIT_VALUE, ACTIVE, 10000, 0, 19, 20, FALSE, "$10,000",
    "19 unanswered attempts; a $10,000 deal is worth 20 at $20 per touch; the next is worth ≈ $25, costs $20" },
  { PURSUIT_LIMIT_VALUE, ACTIVE, 10000, 0, 20, 20, TRUE, "$10,000",
    "20 unanswered attempts; a $10,000 deal is worth 20 at $20 per touch; the next is worth ≈ $25, costs $20" },
  { PURSUIT_LIMIT_VALUE, ACTIVE, -1, 0, 7, 7, TRUE, "",
    "7 unanswered attempts; without a deal value the limit is 7" },
  { PURSUIT_LIMIT_VALUE, ACTIVE, 1000, 10, 9, 10, FALSE, "$1,000",
    "9 unanswered attempts; you chose to keep going up to 10; the next is worth ≈ $5, costs $20" },
  { PURSUIT_LIMIT_FIXED, ACTIVE, 1000, 10, 10, 10, TRUE, "$1,000",
    "10 unanswered attempts; you chose to keep going up to 10; the next is worth ≈ $5, costs $20" },
  /* Customers are never flagged, nor is what was already let go. */
  { PURSUIT_LIMIT_FIXED, CUSTOMER, 1000, 0, 30, 7, FALSE, "$1,000",
    "30 unanswered attempts; your limit is 7; the next is worth ≈ $3, costs $20" },
  { PURSUIT_LIMIT_VALUE, CUSTOMER, 1000, 0, 30, 2, FALSE, "$1,000",
    "30 unanswered attempts; a $1,000 deal is worth 2 at $20 per touch; the next is worth ≈ $3, costs $20" },
  { PURSUIT_LIMIT_FIXED, CLOSED, 1000, 0, 30, 7, FALSE, "$1,000",
    "30 unanswered attempts; your limit is 7; the next is worth ≈ $3, costs $20" },
};

static void
test_limit (void)
{
  PursuitPolicy policy;

  pursuit_policy_init_default (&policy);
  for (gsize i = 0; i < G_N_ELEMENTS (limit_cases); i++)
    {
      const LimitCase *c = &limit_cases[i];
      g_autofree char *reason = NULL;
      PursuitLimitCheck check;

      g_test_message ("limit case %" G_GSIZE_FORMAT, i);
      policy.limit_mode = c->mode;
      pursuit_engine_check_limit (&policy, c->stage, c->streak, c->own_limit, c->value, &check);
      g_assert_cmpuint (check.streak, ==, c->streak);
      g_assert_cmpuint (check.limit, ==, c->limit);
      g_assert_cmpint (check.let_go, ==, c->let_go);
      reason = pursuit_engine_limit_reason (&check, c->value_text, "$20");
      g_assert_cmpstr (reason, ==, c->reason);
    }
}

static void
test_keep_going (void)
{
  g_assert_cmpuint (pursuit_engine_keep_going_limit (7, 7), ==, 10);
  g_assert_cmpuint (pursuit_engine_keep_going_limit (2, 7), ==, 10);
  g_assert_cmpuint (pursuit_engine_keep_going_limit (12, 7), ==, 15);
  g_assert_cmpuint (pursuit_engine_keep_going_limit (G_MAXUINT - 1, 0), ==, G_MAXUINT);
}

/* ---- let go and revisit ----------------------------------------------- */

static void
test_revisit (void)
{
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(GDateTime) revisit = day (180);
  g_autoptr(GDateTime) later = day (181);
  const TouchRow rows[] = { { -9, CALL, OUT, NA, NO_DATE }, { -8, EMAIL, OUT, NA, NO_DATE },
                            { -7, VMAIL, OUT, CB, 300 }, { -6, CALL, OUT, NA, NO_DATE },
                            { -5, EMAIL, OUT, NA, NO_DATE } };
  const TouchRow after[] = { { 182, CALL, OUT, NA, NO_DATE } };
  PursuitEngineState state;
  PursuitPolicy policy;
  Touches t, t2;

  pursuit_policy_init_default (&policy);
  state_init (&state, ACTIVE, GOOD);
  touches_load (&t, rows, G_N_ELEMENTS (rows));
  pursuit_engine_recompute (&policy, &state, t.touches, t.n, now);
  g_assert_cmpuint (state.attempts, ==, 2);

  pursuit_engine_let_go (&state, "no response", revisit);
  g_assert_cmpint (state.stage, ==, CLOSED);
  g_assert_cmpint (state.tier, ==, NONE);
  g_assert_null (state.next_touch);
  g_assert_null (state.callback_at);
  g_assert_false (pursuit_engine_revisit_is_due (&state, now));
  g_assert_false (pursuit_engine_is_revisit (state.stage, state.close_reason, state.revisit_at, later));

  /* Touches on a closed prospect plan nothing. */
  pursuit_engine_recompute (&policy, &state, t.touches, t.n, now);
  g_assert_null (state.next_touch);

  /* On the day, back to the inbox with the mark and a fresh streak. */
  g_assert_true (pursuit_engine_revisit_is_due (&state, revisit));
  g_assert_true (pursuit_engine_revisit_is_due (&state, later));
  pursuit_engine_revisit (&state);
  g_assert_cmpint (state.stage, ==, INBOX);
  g_assert_cmpuint (state.attempts, ==, 0);
  g_assert_false (pursuit_engine_revisit_is_due (&state, later));
  g_assert_true (pursuit_engine_is_revisit (state.stage, state.close_reason, state.revisit_at, later));
  g_assert_cmpstr (state.close_reason, ==, "no response");

  /* The old attempts stay history, also when touches are recomputed. */
  pursuit_engine_recompute (&policy, &state, t.touches, t.n, later);
  g_assert_cmpuint (state.attempts, ==, 0);
  g_assert_null (state.callback_at);
  touches_load (&t2, after, 1);
  pursuit_engine_log_touch (&policy, &state, t2.touches, t2.n, 0, later);
  g_assert_cmpuint (state.attempts, ==, 1);

  /* Closed without a revisit date, or a firm no: never back. */
  pursuit_engine_let_go (&state, "firm-no", NULL);
  g_assert_false (pursuit_engine_revisit_is_due (&state, later));
  g_assert_false (pursuit_engine_is_revisit (state.stage, state.close_reason, state.revisit_at, later));

  /* A prospect never let go carries no mark. */
  g_assert_false (pursuit_engine_is_revisit (ACTIVE, "", NULL, later));
  g_assert_false (pursuit_engine_is_revisit (ACTIVE, "", revisit, later));

  touches_clear (&t);
  touches_clear (&t2);
  pursuit_engine_state_clear (&state);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/engine/streak", test_streak);
  g_test_add_func ("/core/engine/next-touch-per-outcome", test_next_touch_per_outcome);
  g_test_add_func ("/core/engine/channel-rotation", test_channel_rotation);
  g_test_add_func ("/core/engine/channel-reach", test_channel_reach);
  g_test_add_func ("/core/engine/channel-reach-planned", test_channel_reach_planned);
  g_test_add_func ("/core/engine/inbox-unscheduled", test_inbox_unscheduled);
  g_test_add_func ("/core/engine/callback", test_callback);
  g_test_add_func ("/core/engine/manual-date", test_manual_date);
  g_test_add_func ("/core/engine/limit", test_limit);
  g_test_add_func ("/core/engine/keep-going", test_keep_going);
  g_test_add_func ("/core/engine/revisit", test_revisit);

  return g_test_run ();
}
