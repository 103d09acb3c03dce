/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test-core"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib.h>

#include "pursuit-policy.h"
#include "pursuit-rules.h"
#include "pursuit-types.h"

/* The log domain of the code under test, for expected criticals. */
#define CORE_DOMAIN "pursuit-core"

/* ---- enum names ------------------------------------------------------ */

/* One description per enum, so that every enum runs the same checks. The
 * adapters widen the enum to guint; from_string() starts from *out so that
 * "left untouched" can be observed. */
typedef struct
{
  guint              n_values;
  const char *const *names; /* the expected stable names, by value */
  const char *(*to_string) (guint value);
  gboolean (*from_string) (const char *str, guint *out);
} EnumSpec;

#define DEFINE_ADAPTERS(prefix, Type)                                          \
  static const char *prefix##_to (guint value)                                 \
  {                                                                            \
    return pursuit_##prefix##_to_string ((Type) value);                        \
  }                                                                            \
  static gboolean prefix##_from (const char *str, guint *out)                  \
  {                                                                            \
    Type value = (Type) *out;                                                  \
    gboolean ok = pursuit_##prefix##_from_string (str, &value);                \
    *out = (guint) value;                                                      \
    return ok;                                                                 \
  }

DEFINE_ADAPTERS (stage, PursuitStage)
DEFINE_ADAPTERS (tier, PursuitTier)
DEFINE_ADAPTERS (channel, PursuitChannel)
DEFINE_ADAPTERS (direction, PursuitDirection)
DEFINE_ADAPTERS (outcome, PursuitOutcome)

/* Written out here rather than taken from the code: these strings are in
 * users' databases and CSV files, so a change must break a test. */
static const char *const stage_names[] = { "inbox", "active", "customer", "closed" };
static const char *const tier_names[] = { "", "hot", "good", "cool", "cold" };
static const char *const channel_names[] = {
  "call", "email", "voicemail", "letter", "visit", "meeting", "social",
};
static const char *const direction_names[] = { "out", "in" };
static const char *const outcome_names[] = {
  "no-answer", "left-message", "replied", "meeting", "callback-requested", "firm-no", "won",
};

static const EnumSpec stage_spec = { PURSUIT_N_STAGES, stage_names, stage_to, stage_from };
static const EnumSpec tier_spec = { PURSUIT_N_TIERS, tier_names, tier_to, tier_from };
static const EnumSpec channel_spec = {
  PURSUIT_N_CHANNELS, channel_names, channel_to, channel_from,
};
static const EnumSpec direction_spec = {
  PURSUIT_N_DIRECTIONS, direction_names, direction_to, direction_from,
};
static const EnumSpec outcome_spec = {
  PURSUIT_N_OUTCOMES, outcome_names, outcome_to, outcome_from,
};

static const EnumSpec *const all_specs[] = {
  &stage_spec, &tier_spec, &channel_spec, &direction_spec, &outcome_spec,
};

#define UNTOUCHED 0xbeefu

static void
assert_parses (const EnumSpec *spec,
               const char     *str,
               guint           expected)
{
  guint value = UNTOUCHED;

  g_test_message ("parsing \"%s\"", str);
  g_assert_true (spec->from_string (str, &value));
  g_assert_cmpuint (value, ==, expected);
}

static void
assert_rejects (const EnumSpec *spec,
                const char     *str)
{
  guint value = UNTOUCHED;

  g_test_message ("rejecting \"%s\"", str);
  g_assert_false (spec->from_string (str, &value));
  g_assert_cmpuint (value, ==, UNTOUCHED);
}

static gboolean
spec_has_name (const EnumSpec *spec,
               const char     *name)
{
  for (guint i = 0; i < spec->n_values; i++)
    if (g_ascii_strcasecmp (spec->names[i], name) == 0)
      return TRUE;

  return FALSE;
}

static void
test_enum_round_trip (gconstpointer data)
{
  const EnumSpec *spec = data;

  for (guint i = 0; i < spec->n_values; i++)
    {
      g_autofree char *upper = g_ascii_strup (spec->names[i], -1);
      g_autofree char *padded = g_strdup_printf (" \t%s \n", upper);

      g_assert_cmpstr (spec->to_string (i), ==, spec->names[i]);
      assert_parses (spec, spec->to_string (i), i);
      assert_parses (spec, padded, i);
    }
}

static void
test_enum_unknown (gconstpointer data)
{
  const EnumSpec *spec = data;
  static const char *const junk[] = {
    "bogus", "-", "no answer", "no_answer", "outbound", "h o t", "in box", "\xc3\xa9",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (junk); i++)
    assert_rejects (spec, junk[i]);

  /* A prefix or an extension of a name is not the name. */
  for (guint i = 0; i < spec->n_values; i++)
    {
      gsize len = strlen (spec->names[i]);
      g_autofree char *longer = g_strconcat (spec->names[i], "x", NULL);
      g_autofree char *shorter = g_strndup (spec->names[i], len > 0 ? len - 1 : 0);

      assert_rejects (spec, longer);
      if (len > 0 && !spec_has_name (spec, shorter))
        assert_rejects (spec, shorter);
    }

  /* Names of the other enums ("hot" is no stage); "" is only a tier. */
  for (gsize s = 0; s < G_N_ELEMENTS (all_specs); s++)
    for (guint i = 0; i < all_specs[s]->n_values; i++)
      if (!spec_has_name (spec, all_specs[s]->names[i]))
        assert_rejects (spec, all_specs[s]->names[i]);
}

static void
test_enum_tier_empty (void)
{
  PursuitTier tier = PURSUIT_TIER_HOT;

  g_assert_true (pursuit_tier_from_string ("", &tier));
  g_assert_cmpint (tier, ==, PURSUIT_TIER_NONE);

  tier = PURSUIT_TIER_COLD;
  g_assert_true (pursuit_tier_from_string ("  ", &tier));
  g_assert_cmpint (tier, ==, PURSUIT_TIER_NONE);
}

static void
test_enum_out_of_range (void)
{
  g_test_expect_message (CORE_DOMAIN, G_LOG_LEVEL_CRITICAL, "*assertion*failed*");
  g_assert_null (pursuit_stage_to_string ((PursuitStage) PURSUIT_N_STAGES));
  g_test_assert_expected_messages ();

  g_test_expect_message (CORE_DOMAIN, G_LOG_LEVEL_CRITICAL, "*assertion*failed*");
  g_assert_null (pursuit_outcome_to_string ((PursuitOutcome) -1));
  g_test_assert_expected_messages ();
}

static void
test_outcome_is_response (void)
{
  static const struct
  {
    PursuitOutcome outcome;
    gboolean       response;
  } cases[] = {
    { PURSUIT_OUTCOME_NO_ANSWER, FALSE },
    { PURSUIT_OUTCOME_LEFT_MESSAGE, FALSE },
    { PURSUIT_OUTCOME_REPLIED, TRUE },
    { PURSUIT_OUTCOME_MEETING, TRUE },
    { PURSUIT_OUTCOME_CALLBACK_REQUESTED, TRUE },
    { PURSUIT_OUTCOME_FIRM_NO, TRUE },
    { PURSUIT_OUTCOME_WON, TRUE },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (cases) == PURSUIT_N_OUTCOMES);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("outcome %s", outcome_names[cases[i].outcome]);
      g_assert_cmpint (pursuit_outcome_is_response (cases[i].outcome), ==, cases[i].response);
    }
}

/* ---- attempt streak -------------------------------------------------- */

#define OUT_NA(t) { (t), PURSUIT_DIRECTION_OUT, PURSUIT_OUTCOME_NO_ANSWER }
#define OUT_LM(t) { (t), PURSUIT_DIRECTION_OUT, PURSUIT_OUTCOME_LEFT_MESSAGE }
#define IN_REPLY(t) { (t), PURSUIT_DIRECTION_IN, PURSUIT_OUTCOME_REPLIED }
#define OUT_REPLY(t) { (t), PURSUIT_DIRECTION_OUT, PURSUIT_OUTCOME_REPLIED }

static void
test_streak_empty (void)
{
  PursuitTouchFact one = OUT_NA (100);

  g_assert_cmpuint (pursuit_rules_attempt_streak (NULL, 0), ==, 0);
  g_assert_cmpuint (pursuit_rules_attempt_streak (&one, 0), ==, 0);
  g_assert_cmpuint (pursuit_rules_attempt_streak (&one, 1), ==, 1);
}

static void
test_streak_outbound (void)
{
  const PursuitTouchFact facts[] = { OUT_NA (100), OUT_LM (200), OUT_NA (300), OUT_LM (400) };

  g_assert_cmpuint (pursuit_rules_attempt_streak (facts, G_N_ELEMENTS (facts)), ==, 4);
}

static void
test_streak_every_outcome (void)
{
  /* The expected answers are spelled out, not taken from
   * pursuit_outcome_is_response(), so a bug there shows here too. */
  static const struct
  {
    PursuitOutcome outcome;
    guint          streak_if_outbound;
  } cases[] = {
    { PURSUIT_OUTCOME_NO_ANSWER, 3 },
    { PURSUIT_OUTCOME_LEFT_MESSAGE, 3 },
    { PURSUIT_OUTCOME_REPLIED, 0 },
    { PURSUIT_OUTCOME_MEETING, 0 },
    { PURSUIT_OUTCOME_CALLBACK_REQUESTED, 0 },
    { PURSUIT_OUTCOME_FIRM_NO, 0 },
    { PURSUIT_OUTCOME_WON, 0 },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (cases) == PURSUIT_N_OUTCOMES);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PursuitTouchFact facts[] = {
        OUT_NA (100),
        OUT_NA (200),
        { 300, PURSUIT_DIRECTION_OUT, cases[i].outcome },
      };

      g_test_message ("outbound %s", outcome_names[cases[i].outcome]);
      g_assert_cmpuint (pursuit_rules_attempt_streak (facts, 3), ==, cases[i].streak_if_outbound);

      /* Anything the prospect started is a response, whatever its outcome. */
      facts[2].direction = PURSUIT_DIRECTION_IN;
      g_assert_cmpuint (pursuit_rules_attempt_streak (facts, 3), ==, 0);
    }
}

static void
test_streak_inbound_resets (void)
{
  const PursuitTouchFact facts[] = {
    OUT_NA (100), OUT_NA (200), IN_REPLY (300), OUT_NA (400), OUT_LM (500),
  };
  const PursuitTouchFact answered[] = { OUT_NA (100), OUT_REPLY (200), OUT_NA (300) };

  g_assert_cmpuint (pursuit_rules_attempt_streak (facts, G_N_ELEMENTS (facts)), ==, 2);
  g_assert_cmpuint (pursuit_rules_attempt_streak (facts, 3), ==, 0);
  g_assert_cmpuint (pursuit_rules_attempt_streak (answered, G_N_ELEMENTS (answered)), ==, 1);
}

static void
test_streak_out_of_order (void)
{
  /* In time order: 100 attempt, 200 reply, 300 and 400 attempts: 2. Walked
   * in array order it would be 1. */
  const PursuitTouchFact shuffled[] = { OUT_NA (300), OUT_NA (400), IN_REPLY (200), OUT_NA (100) };
  const PursuitTouchFact reversed[] = { OUT_NA (400), OUT_NA (300), IN_REPLY (200), OUT_NA (100) };
  PursuitTouchFact copy[G_N_ELEMENTS (shuffled)];

  memcpy (copy, shuffled, sizeof shuffled);
  g_assert_cmpuint (pursuit_rules_attempt_streak (shuffled, G_N_ELEMENTS (shuffled)), ==, 2);
  g_assert_cmpuint (pursuit_rules_attempt_streak (reversed, G_N_ELEMENTS (reversed)), ==, 2);

  /* The caller's array is const and stays as it was. */
  g_assert_cmpmem (copy, sizeof copy, shuffled, sizeof shuffled);
}

static void
test_streak_backdated (void)
{
  /* Logged in this order, but the reply happened before both attempts. */
  const PursuitTouchFact late_reply[] = { OUT_NA (1000), OUT_LM (1100), IN_REPLY (500) };
  /* An attempt logged after a reply but backdated to before it. */
  const PursuitTouchFact late_attempt[] = { IN_REPLY (1000), OUT_NA (500), OUT_NA (400) };

  g_assert_cmpuint (pursuit_rules_attempt_streak (late_reply, G_N_ELEMENTS (late_reply)), ==, 2);
  g_assert_cmpuint (pursuit_rules_attempt_streak (late_attempt, G_N_ELEMENTS (late_attempt)), ==,
                    0);
}

static void
test_streak_same_second (void)
{
  /* Touches in the same second keep their logged order (a stable sort). */
  const PursuitTouchFact reply_last[] = { OUT_NA (100), OUT_NA (200), IN_REPLY (200) };
  const PursuitTouchFact reply_first[] = { OUT_NA (100), IN_REPLY (200), OUT_NA (200) };

  g_assert_cmpuint (pursuit_rules_attempt_streak (reply_last, 3), ==, 0);
  g_assert_cmpuint (pursuit_rules_attempt_streak (reply_first, 3), ==, 1);
}

/* ---- due dates ------------------------------------------------------- */

/* The DST cases are Berlin wall-clock times; check that the zone is really
 * in effect, or they would pass or fail for the wrong reason. */
static void
assert_berlin (void)
{
  g_autoptr (GDateTime) winter = g_date_time_new_local (2024, 1, 15, 12, 0, 0);
  g_autoptr (GDateTime) summer = g_date_time_new_local (2024, 7, 15, 12, 0, 0);

  g_assert_cmpint (g_date_time_get_utc_offset (winter), ==, G_TIME_SPAN_HOUR);
  g_assert_cmpint (g_date_time_get_utc_offset (summer), ==, 2 * G_TIME_SPAN_HOUR);
}

static void
assert_local (GDateTime *dt,
              int        year,
              int        month,
              int        day,
              int        hour,
              int        minute,
              int        offset_hours)
{
  g_autofree char *text = NULL;

  g_assert_nonnull (dt);
  text = g_date_time_format_iso8601 (dt);
  g_test_message ("got %s", text);
  g_assert_cmpint (g_date_time_get_year (dt), ==, year);
  g_assert_cmpint (g_date_time_get_month (dt), ==, month);
  g_assert_cmpint (g_date_time_get_day_of_month (dt), ==, day);
  g_assert_cmpint (g_date_time_get_hour (dt), ==, hour);
  g_assert_cmpint (g_date_time_get_minute (dt), ==, minute);
  g_assert_cmpint (g_date_time_get_utc_offset (dt), ==, offset_hours * G_TIME_SPAN_HOUR);
}

typedef struct
{
  PursuitTier tier;
  int         year, month, day, offset_hours;
} DueCase;

static void
check_due_table (GDateTime *(*rule) (const PursuitCadence *, PursuitTier, GDateTime *),
                 GDateTime     *from,
                 const DueCase *cases,
                 gsize          n_cases)
{
  PursuitCadence cadence;

  assert_berlin ();
  pursuit_cadence_init_default (&cadence);

  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr (GDateTime) due = rule (&cadence, cases[i].tier, from);

      g_test_message ("tier %s", tier_names[cases[i].tier]);
      assert_local (due, cases[i].year, cases[i].month, cases[i].day,
                    g_date_time_get_hour (from), g_date_time_get_minute (from),
                    cases[i].offset_hours);
    }
}

static void
test_cadence_default (void)
{
  PursuitCadence cadence;

  memset (&cadence, 0xab, sizeof cadence);
  pursuit_cadence_init_default (&cadence);

  g_assert_cmpuint (cadence.days[PURSUIT_TIER_HOT], ==, 1);
  g_assert_cmpuint (cadence.days[PURSUIT_TIER_GOOD], ==, 7);
  g_assert_cmpuint (cadence.days[PURSUIT_TIER_COOL], ==, 90);
  g_assert_cmpuint (cadence.days[PURSUIT_TIER_COLD], ==, 365);
}

static void
test_due_on_enter_spring (void)
{
  /* Summer time starts on 2024-03-31 and again on 2025-03-30. */
  g_autoptr (GDateTime) now = g_date_time_new_local (2024, 3, 30, 9, 15, 0);
  static const DueCase cases[] = {
    { PURSUIT_TIER_HOT, 2024, 3, 30, 1 },
    { PURSUIT_TIER_GOOD, 2024, 4, 6, 2 },
    { PURSUIT_TIER_COOL, 2024, 6, 28, 2 },
    { PURSUIT_TIER_COLD, 2025, 3, 30, 2 },
  };
  g_autoptr (GDateTime) good = NULL;
  PursuitCadence cadence;

  check_due_table (pursuit_rules_due_on_enter, now, cases, G_N_ELEMENTS (cases));

  /* Seven calendar days, which this week is one hour short of 7 × 24. */
  pursuit_cadence_init_default (&cadence);
  good = pursuit_rules_due_on_enter (&cadence, PURSUIT_TIER_GOOD, now);
  g_assert_cmpint (g_date_time_difference (good, now), ==, (7 * 24 - 1) * G_TIME_SPAN_HOUR);
}

static void
test_due_on_enter_autumn (void)
{
  /* Winter time starts on 2024-10-27. */
  g_autoptr (GDateTime) now = g_date_time_new_local (2024, 10, 26, 18, 0, 0);
  static const DueCase cases[] = {
    { PURSUIT_TIER_HOT, 2024, 10, 26, 2 },
    { PURSUIT_TIER_GOOD, 2024, 11, 2, 1 },
    { PURSUIT_TIER_COOL, 2025, 1, 24, 1 },
    { PURSUIT_TIER_COLD, 2025, 10, 26, 1 },
  };
  g_autoptr (GDateTime) hot = NULL;
  PursuitCadence cadence;

  check_due_table (pursuit_rules_due_on_enter, now, cases, G_N_ELEMENTS (cases));

  /* Hot is due right away, not a day later. */
  pursuit_cadence_init_default (&cadence);
  hot = pursuit_rules_due_on_enter (&cadence, PURSUIT_TIER_HOT, now);
  g_assert_true (g_date_time_equal (hot, now));
}

static void
test_due_after_touch_spring (void)
{
  g_autoptr (GDateTime) touched = g_date_time_new_local (2024, 3, 30, 20, 0, 0);
  static const DueCase cases[] = {
    { PURSUIT_TIER_HOT, 2024, 3, 31, 2 },
    { PURSUIT_TIER_GOOD, 2024, 4, 6, 2 },
    { PURSUIT_TIER_COOL, 2024, 6, 28, 2 },
    { PURSUIT_TIER_COLD, 2025, 3, 30, 2 },
  };
  g_autoptr (GDateTime) hot = NULL;
  PursuitCadence cadence;

  check_due_table (pursuit_rules_due_after_touch, touched, cases, G_N_ELEMENTS (cases));

  /* The day of the change has 23 hours; a Hot follow-up keeps 20:00. */
  pursuit_cadence_init_default (&cadence);
  hot = pursuit_rules_due_after_touch (&cadence, PURSUIT_TIER_HOT, touched);
  g_assert_cmpint (g_date_time_difference (hot, touched), ==, 23 * G_TIME_SPAN_HOUR);
}

static void
test_due_after_touch_autumn (void)
{
  g_autoptr (GDateTime) touched = g_date_time_new_local (2024, 10, 26, 20, 0, 0);
  static const DueCase cases[] = {
    { PURSUIT_TIER_HOT, 2024, 10, 27, 1 },
    { PURSUIT_TIER_GOOD, 2024, 11, 2, 1 },
    { PURSUIT_TIER_COOL, 2025, 1, 24, 1 },
    { PURSUIT_TIER_COLD, 2025, 10, 26, 1 },
  };
  g_autoptr (GDateTime) hot = NULL;
  PursuitCadence cadence;

  check_due_table (pursuit_rules_due_after_touch, touched, cases, G_N_ELEMENTS (cases));

  pursuit_cadence_init_default (&cadence);
  hot = pursuit_rules_due_after_touch (&cadence, PURSUIT_TIER_HOT, touched);
  g_assert_cmpint (g_date_time_difference (hot, touched), ==, 25 * G_TIME_SPAN_HOUR);
}

static void
test_due_backdated_touch (void)
{
  /* A call made on Thursday and logged on Monday counts from Thursday. */
  g_autoptr (GDateTime) touched = g_date_time_new_local (2024, 3, 28, 10, 30, 0);
  g_autoptr (GDateTime) due = NULL;
  PursuitCadence cadence;

  assert_berlin ();
  pursuit_cadence_init_default (&cadence);
  due = pursuit_rules_due_after_touch (&cadence, PURSUIT_TIER_GOOD, touched);
  assert_local (due, 2024, 4, 4, 10, 30, 2);
}

static void
test_due_dst_gap (void)
{
  /* 02:30 does not exist on 2024-03-31; the follow-up must still land on
   * that day rather than vanish or move by a day. */
  g_autoptr (GDateTime) touched = g_date_time_new_local (2024, 3, 30, 2, 30, 0);
  g_autoptr (GDateTime) due = NULL;
  PursuitCadence cadence;

  assert_berlin ();
  pursuit_cadence_init_default (&cadence);
  due = pursuit_rules_due_after_touch (&cadence, PURSUIT_TIER_HOT, touched);
  g_assert_nonnull (due);
  g_assert_cmpint (g_date_time_get_day_of_month (due), ==, 31);
  g_assert_cmpint (g_date_time_get_month (due), ==, 3);
}

static void
test_due_custom_cadence (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_local (2024, 5, 10, 8, 0, 0);
  PursuitCadence cadence;
  g_autoptr (GDateTime) hot_enter = NULL;
  g_autoptr (GDateTime) hot_after = NULL;
  g_autoptr (GDateTime) good = NULL;
  g_autoptr (GDateTime) cold = NULL;

  pursuit_cadence_init_default (&cadence);
  cadence.days[PURSUIT_TIER_HOT] = 2;
  cadence.days[PURSUIT_TIER_GOOD] = 3;
  cadence.days[PURSUIT_TIER_COLD] = 30;

  hot_enter = pursuit_rules_due_on_enter (&cadence, PURSUIT_TIER_HOT, now);
  hot_after = pursuit_rules_due_after_touch (&cadence, PURSUIT_TIER_HOT, now);
  good = pursuit_rules_due_on_enter (&cadence, PURSUIT_TIER_GOOD, now);
  cold = pursuit_rules_due_after_touch (&cadence, PURSUIT_TIER_COLD, now);

  g_assert_true (g_date_time_equal (hot_enter, now));
  assert_local (hot_after, 2024, 5, 12, 8, 0, 2);
  assert_local (good, 2024, 5, 13, 8, 0, 2);
  assert_local (cold, 2024, 6, 9, 8, 0, 2);
}

static void
test_due_tier_none (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_local (2024, 5, 10, 8, 0, 0);
  PursuitCadence cadence;

  pursuit_cadence_init_default (&cadence);
  cadence.days[PURSUIT_TIER_NONE] = 5;

  g_assert_null (pursuit_rules_due_on_enter (&cadence, PURSUIT_TIER_NONE, now));
  g_assert_null (pursuit_rules_due_after_touch (&cadence, PURSUIT_TIER_NONE, now));
}

/* ---- next touch ------------------------------------------------------ */

static void
test_next_touch_precedence (void)
{
  /* The callback is the latest date and the computed one the earliest, so
   * "earliest wins" would fail here. */
  g_autoptr (GDateTime) callback = g_date_time_new_local (2024, 6, 20, 9, 0, 0);
  g_autoptr (GDateTime) manual = g_date_time_new_local (2024, 6, 10, 9, 0, 0);
  g_autoptr (GDateTime) computed = g_date_time_new_local (2024, 6, 1, 9, 0, 0);
  const struct
  {
    GDateTime *callback, *manual, *computed, *expected;
  } cases[] = {
    { callback, manual, computed, callback },
    { callback, manual, NULL, callback },
    { callback, NULL, computed, callback },
    { callback, NULL, NULL, callback },
    { NULL, manual, computed, manual },
    { NULL, manual, NULL, manual },
    { NULL, NULL, computed, computed },
    { NULL, NULL, NULL, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GDateTime) next = NULL;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      next = pursuit_rules_next_touch (cases[i].callback, cases[i].manual, cases[i].computed);
      if (cases[i].expected == NULL)
        g_assert_null (next);
      else
        g_assert_true (next != NULL && g_date_time_equal (next, cases[i].expected));
    }
}

/* ---- attempt limit --------------------------------------------------- */

static void
test_limit_fixed (void)
{
  static const struct
  {
    guint fixed, expected;
  } cases[] = {
    { 7, 7 }, { 5, 5 }, { 1, 1 }, { 0, 1 }, { 25, 25 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* The value must not matter in fixed mode. */
      g_assert_cmpuint (pursuit_rules_attempt_limit (PURSUIT_LIMIT_FIXED, cases[i].fixed, 10000,
                                                     PURSUIT_DEFAULT_WIN_RATE,
                                                     PURSUIT_DEFAULT_COST_PER_TOUCH),
                        ==, cases[i].expected);
      g_assert_cmpuint (pursuit_rules_attempt_limit (PURSUIT_LIMIT_FIXED, cases[i].fixed, -1, 0, 0),
                        ==, cases[i].expected);
    }
}

static void
test_limit_value (void)
{
  const double rate = PURSUIT_DEFAULT_WIN_RATE, cost = PURSUIT_DEFAULT_COST_PER_TOUCH;
  const struct
  {
    const char *what;
    guint       fixed;
    double      value, win_rate, cost;
    guint       expected;
  } cases[] = {
    { "$1,000 is worth 2.5 attempts", 7, 1000, rate, cost, 2 },
    { "$10,000 is worth 25, clamped", 7, 10000, rate, cost, 20 },
    { "$3,000 is worth 7.5", 7, 3000, rate, cost, 7 },
    { "$8,000 is exactly the maximum", 7, 8000, rate, cost, 20 },
    { "$7,999 floors to 19", 7, 7999, rate, cost, 19 },
    { "$400 is exactly 1", 7, 400, rate, cost, 1 },
    { "$200 is worth half an attempt", 7, 200, rate, cost, 1 },
    { "zero value", 7, 0, rate, cost, 1 },
    { "zero value, zero cost", 7, 0, rate, 0, 1 },
    { "missing value", 7, -1, rate, cost, 7 },
    { "missing value, fixed 0", 0, -1, rate, cost, 1 },
    { "NaN value", 6, NAN, rate, cost, 6 },
    { "+inf value", 6, INFINITY, rate, cost, 6 },
    { "-inf value", 6, -INFINITY, rate, cost, 6 },
    { "zero cost", 7, 1000, rate, 0, 20 },
    { "negative cost", 7, 1000, rate, -5, 20 },
    { "infinite cost", 7, 1000, rate, INFINITY, 1 },
    { "NaN cost", 5, 1000, rate, NAN, 5 },
    { "zero win rate", 7, 1000, 0, cost, 1 },
    { "negative win rate", 7, 1000, -0.1, cost, 1 },
    { "NaN win rate", 5, 1000, NAN, cost, 5 },
    { "infinite win rate", 7, 1000, INFINITY, cost, 20 },
    { "value × rate overflows", 7, 1e300, 1e300, cost, 20 },
    { "quotient overflows", 7, 1e15, rate, 1e-300, 20 },
    { "exact quotient computed as 2.999…", 7, 30, 0.01, 0.1, 3 },
    { "exact quotient computed as 5.999…", 7, 60, 0.01, 0.1, 6 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].what);
      g_assert_cmpuint (pursuit_rules_attempt_limit (PURSUIT_LIMIT_VALUE, cases[i].fixed,
                                                     cases[i].value, cases[i].win_rate,
                                                     cases[i].cost),
                        ==, cases[i].expected);
      /* Without the history, the learned mode is the value-based one. */
      g_assert_cmpuint (pursuit_rules_attempt_limit (PURSUIT_LIMIT_LEARNED, cases[i].fixed,
                                                     cases[i].value, cases[i].win_rate,
                                                     cases[i].cost),
                        ==, cases[i].expected);
    }
}

/* ---- e-mail ---------------------------------------------------------- */

static void
test_email_valid (void)
{
  static const char *const valid[] = {
    "",
    "a@b.c",
    "first.last@example.com",
    "x+tag@sub.example.co.uk",
    "o'brien@example.ie",
    "J.Doe@Example.COM",
    "m\xc3\xbcller@b\xc3\xbc" "cher.de", /* müller@bücher.de */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_test_message ("\"%s\"", valid[i]);
      g_assert_true (pursuit_email_is_valid (valid[i]));
    }
}

static void
test_email_invalid (void)
{
  static const char *const invalid[] = {
    " ",
    "a",
    "a.b",
    "a@b",
    "@b.c",
    "a@",
    "@",
    "a@@b.c",
    "a@b@c.d",
    "a@.b.c",
    "a@b.c.",
    "a@.",
    "a@b..c",
    "a b@c.d",
    " a@b.c",
    "a@b.c ",
    "a@b .c",
    "a\t@b.c",
    "a\n@b.c",
    "a@b.c\r",
    "a@b.c\x7f",
    "a\x01@b.c",
    "a\xc2\xa0@b.c",     /* no-break space */
    "a\xe2\x80\x8b@b.c", /* zero-width space */
    "a\xff@b.c",         /* not UTF-8 */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *escaped = g_strescape (invalid[i], NULL);

      g_test_message ("\"%s\"", escaped);
      g_assert_false (pursuit_email_is_valid (invalid[i]));
    }
}

/* ---- deal values ----------------------------------------------------- */

static void
test_value_accepted (void)
{
  static const struct
  {
    const char *text;
    double      value;
  } cases[] = {
    { "", -1 },
    { "   ", -1 },
    { "0", 0 },
    { "7", 7 },
    { "007", 7 },
    { " 12 ", 12 },
    { "\t12\n", 12 },
    { "1000", 1000 },
    { "1000.50", 1000.5 },
    { "0.5", 0.5 },
    { "1,000", 1000 },
    { "12,345", 12345 },
    { "1,234,567.89", 1234567.89 },
    { "$1,000.50", 1000.5 },
    { "$ 5", 5 },
    { "USD 1000", 1000 },
    { "usd 1000", 1000 },
    { "EUR0.99", 0.99 },
    { "\xe2\x82\xac 250", 250 },         /* € 250 */
    { "\xe2\x82\xac\xc2\xa0" "250", 250 }, /* € and a no-break space */
    { "\xc2\xa3" "99", 99 },             /* £99 */
    { "\xe2\x82\xb9" "1,000", 1000 },     /* ₹1,000 */
    { "CA$1,000.50", 1000.5 },
    { "A$5", 5 },
    { "US$ 20", 20 },
    { "CHF 1,000", 1000 },
    { "1,500.50 €", 1500.5 },
    { "1200 CHF", 1200 },
    { "99$", 99 },
    { "1000000000000000", 1e15 },
    { "1,000,000,000,000,000", 1e15 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double value = 42;

      g_test_message ("\"%s\"", cases[i].text);
      g_assert_true (pursuit_value_parse (cases[i].text, &value));
      g_assert_cmpfloat (value, ==, cases[i].value);
      g_assert_true (pursuit_value_parse (cases[i].text, NULL));
    }
}

static void
test_value_rejected (void)
{
  g_autofree char *huge = g_strnfill (400, '9');
  const char *const rejected[] = {
    /* not numbers */
    "abc", "inf", "nan", "infinity", "NaN", "1e5", "1E5", "0x10", "5%", "(5)",
    /* signs: a deal is never worth less than nothing */
    "-5", "-$5", "$-5", "+5",
    /* misplaced separators, decimal commas */
    "1.2.3", "1,00", "1,0000", "1000,000", ",100", "1,", "1,,000", "1,000,00", "1.", ".5",
    "1 000", "12 5", "1.000,50",
    /* currencies: one, before or after */
    "$", "USD", "$$5", "USDX 5", "USDX$5", "$USD 5", "$5 USD", "5 $$", "5 EURO", "5USDX",
    /* too large */
    "1000000000000001", "1,000,000,000,000,001", huge,
    /* not ASCII digits, not UTF-8 */
    "\xd9\xa1\xd9\xa2", "1\xff",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rejected); i++)
    {
      g_autofree char *escaped = g_strescape (rejected[i], NULL);
      double value = 42;

      g_test_message ("\"%s\"", escaped);
      g_assert_false (pursuit_value_parse (rejected[i], &value));
      g_assert_cmpfloat (value, ==, 42);
    }
}

static void
test_value_locale (void)
{
  static const char *const locales[] = {
    "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "nl_NL.UTF-8",
  };
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  const char *found = NULL;
  double value = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (locales) && found == NULL; i++)
    found = setlocale (LC_NUMERIC, locales[i]);
  if (found == NULL)
    {
      g_test_skip ("no locale with a decimal comma is installed");
      return;
    }

  /* A file written in one country must read the same in another. */
  g_assert_true (pursuit_value_parse ("1,000.50", &value));
  g_assert_cmpfloat (value, ==, 1000.5);
  g_assert_false (pursuit_value_parse ("1000,50", &value));
  setlocale (LC_NUMERIC, saved);
}

static void
test_value_decimal_comma (void)
{
  struct { const char *text; double value; } cases[] = {
    { "1.500,50", 1500.5 },
    { "1500,5", 1500.5 },
    { "1.500", 1500 },
    { "€ 1.234.567,89", 1234567.89 },
    { "EUR 0,99", 0.99 },
    { "1.500,50 €", 1500.5 },
    { "1.200\u00a0CHF", 1200 },
    { "", -1 },
  };
  const char *rejected[] = { "1,500.50", "1.50", "1,2,3", "-1,00", "12,", "1.5000", "€ 5 €", "5 EURO" };
  double value;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      value = 0;
      g_assert_true (pursuit_value_parse_marks (cases[i].text, TRUE, &value));
      g_assert_cmpfloat_with_epsilon (value, cases[i].value, 1e-9);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (rejected); i++)
    {
      value = 42;
      g_assert_false (pursuit_value_parse_marks (rejected[i], TRUE, &value));
      g_assert_cmpfloat (value, ==, 42);
    }
  /* Without the comma it is pursuit_value_parse(). */
  g_assert_true (pursuit_value_parse_marks ("1,500.50", FALSE, &value));
  g_assert_cmpfloat (value, ==, 1500.5);
}

/* Follow-ups land on the working week, at the start of the working day;
 * Hot stays "now" during working hours. Saturday 7 March 2026, 10:48. */
static void
test_policy_work_day (void)
{
  PursuitPolicy policy;
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Berlin");
  struct { int day, hour, minute; PursuitTier tier; gboolean customer; gboolean enter; int want_day, want_hour, want_minute; } cases[] = {
    /* A Good move on a Saturday: a week later is a Saturday, so Monday. */
    { 7, 10, 48, PURSUIT_TIER_GOOD, FALSE, TRUE, 16, 9, 0 },
    /* Hot entered during working hours: at once. */
    { 10, 11, 5, PURSUIT_TIER_HOT, FALSE, TRUE, 10, 11, 5 },
    /* Before the day starts: at its start; on a Sunday: Monday's. */
    { 10, 7, 30, PURSUIT_TIER_HOT, FALSE, TRUE, 10, 9, 0 },
    { 8, 15, 0, PURSUIT_TIER_HOT, FALSE, TRUE, 9, 9, 0 },
    /* After a touch on a Friday afternoon, Hot comes back on Monday. */
    { 13, 16, 20, PURSUIT_TIER_HOT, FALSE, FALSE, 16, 9, 0 },
    /* A Cool touch on a Tuesday: 90 days later is a Monday, at 9:00. */
    { 10, 14, 0, PURSUIT_TIER_COOL, FALSE, FALSE, 8 + 31 + 30 + 31 - 31, 9, 0 },
    /* Customers too. */
    { 10, 14, 0, PURSUIT_TIER_NONE, TRUE, FALSE, 8 + 31 + 30 + 31 - 31, 9, 0 },
  };

  pursuit_policy_init_default (&policy);
  /* Without settings, the times the cadence gives. */
  {
    g_autoptr(GDateTime) saturday = g_date_time_new (zone, 2026, 3, 7, 10, 48, 0);
    g_autoptr(GDateTime) kept = pursuit_policy_work_day (&policy, saturday, FALSE);

    g_assert_true (g_date_time_equal (kept, saturday));
  }

  policy.work_days = PURSUIT_WORK_DAYS_WEEKDAYS;
  policy.work_start = 9 * 60;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) at = g_date_time_new (zone, 2026, 3, cases[i].day, cases[i].hour, cases[i].minute, 0);
      g_autoptr(GDateTime) due = cases[i].enter ? pursuit_policy_due_on_enter (&policy, cases[i].tier, cases[i].customer, at)
                                                : pursuit_policy_due_after_touch (&policy, cases[i].tier, cases[i].customer, at);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (due, zone);
      int want_month = 3, want_day = cases[i].want_day;

      g_test_message ("case %u", i);
      if (cases[i].tier == PURSUIT_TIER_COOL || cases[i].customer)
        {
          /* 10 March + 90 days = 8 June 2026, a Monday. */
          want_month = 6;
          want_day = 8;
        }
      g_assert_cmpint (g_date_time_get_month (local), ==, want_month);
      g_assert_cmpint (g_date_time_get_day_of_month (local), ==, want_day);
      g_assert_cmpint (g_date_time_get_hour (local), ==, cases[i].want_hour);
      g_assert_cmpint (g_date_time_get_minute (local), ==, cases[i].want_minute);
      g_assert_cmpint (g_date_time_get_day_of_week (local), <=, 5);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* The due-date cases are Berlin wall-clock times; meson sets TZ too, this
   * makes running the binary by hand give the same answers. */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_data_func ("/core/types/stage/round-trip", &stage_spec, test_enum_round_trip);
  g_test_add_data_func ("/core/types/stage/unknown", &stage_spec, test_enum_unknown);
  g_test_add_data_func ("/core/types/tier/round-trip", &tier_spec, test_enum_round_trip);
  g_test_add_data_func ("/core/types/tier/unknown", &tier_spec, test_enum_unknown);
  g_test_add_func ("/core/policy/work-day", test_policy_work_day);
  g_test_add_func ("/core/types/tier/empty-is-none", test_enum_tier_empty);
  g_test_add_data_func ("/core/types/channel/round-trip", &channel_spec, test_enum_round_trip);
  g_test_add_data_func ("/core/types/channel/unknown", &channel_spec, test_enum_unknown);
  g_test_add_data_func ("/core/types/direction/round-trip", &direction_spec, test_enum_round_trip);
  g_test_add_data_func ("/core/types/direction/unknown", &direction_spec, test_enum_unknown);
  g_test_add_data_func ("/core/types/outcome/round-trip", &outcome_spec, test_enum_round_trip);
  g_test_add_data_func ("/core/types/outcome/unknown", &outcome_spec, test_enum_unknown);
  g_test_add_func ("/core/types/outcome/is-response", test_outcome_is_response);
  g_test_add_func ("/core/types/to-string-out-of-range", test_enum_out_of_range);

  g_test_add_func ("/core/streak/empty", test_streak_empty);
  g_test_add_func ("/core/streak/outbound", test_streak_outbound);
  g_test_add_func ("/core/streak/every-outcome", test_streak_every_outcome);
  g_test_add_func ("/core/streak/inbound-resets", test_streak_inbound_resets);
  g_test_add_func ("/core/streak/out-of-order", test_streak_out_of_order);
  g_test_add_func ("/core/streak/backdated", test_streak_backdated);
  g_test_add_func ("/core/streak/same-second", test_streak_same_second);

  g_test_add_func ("/core/due/default-cadence", test_cadence_default);
  g_test_add_func ("/core/due/on-enter/spring-dst", test_due_on_enter_spring);
  g_test_add_func ("/core/due/on-enter/autumn-dst", test_due_on_enter_autumn);
  g_test_add_func ("/core/due/after-touch/spring-dst", test_due_after_touch_spring);
  g_test_add_func ("/core/due/after-touch/autumn-dst", test_due_after_touch_autumn);
  g_test_add_func ("/core/due/after-touch/backdated", test_due_backdated_touch);
  g_test_add_func ("/core/due/after-touch/dst-gap", test_due_dst_gap);
  g_test_add_func ("/core/due/custom-cadence", test_due_custom_cadence);
  g_test_add_func ("/core/due/tier-none", test_due_tier_none);
  g_test_add_func ("/core/next-touch/precedence", test_next_touch_precedence);

  g_test_add_func ("/core/limit/fixed", test_limit_fixed);
  g_test_add_func ("/core/limit/value", test_limit_value);

  g_test_add_func ("/core/email/valid", test_email_valid);
  g_test_add_func ("/core/email/invalid", test_email_invalid);

  g_test_add_func ("/core/value/accepted", test_value_accepted);
  g_test_add_func ("/core/value/rejected", test_value_rejected);
  g_test_add_func ("/core/value/locale-independent", test_value_locale);
  g_test_add_func ("/core/value/decimal-comma", test_value_decimal_comma);

  return g_test_run ();
}
