/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pursuit-engine.h"
#include "pursuit-insights-data.h"
#include "pursuit-store-touches.h"
#include "pursuit-insights.h"
#include "pursuit-limit.h"
#include "pursuit-policy.h"

#define DAY (24 * 60 * 60)
/* 2026-11-23 12:00 UTC */
#define NOW ((gint64) 1795435200)

typedef struct
{
  int              day;
  PursuitChannel   channel;
  PursuitDirection direction;
  PursuitOutcome   outcome;
} T;

#define OUT_NA(d)  { d, PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT, PURSUIT_OUTCOME_NO_ANSWER }
#define OUT(d, o)  { d, PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT, o }

/* Days are relative to NOW (negative: past). */
static void
add (PursuitInsightsData *data,
     PursuitStage         stage,
     double               value,
     const char          *reason,
     int                  created_day,
     int                  closed_day,
     const T             *touches,
     guint                n_touches)
{
  PursuitInsightsProspect p = { 0 };
  g_autofree PursuitInsightsTouch *facts = g_new0 (PursuitInsightsTouch, MAX (n_touches, 1));

  p.stage = stage;
  p.tier = stage == PURSUIT_STAGE_ACTIVE ? PURSUIT_TIER_GOOD : PURSUIT_TIER_NONE;
  p.value = value;
  p.close_reason = reason;
  p.created_at = NOW + (gint64) created_day * DAY;
  p.closed_at = closed_day != 0 ? NOW + (gint64) closed_day * DAY : 0;
  for (guint i = 0; i < n_touches; i++)
    {
      facts[i].when = NOW + (gint64) touches[i].day * DAY;
      facts[i].channel = touches[i].channel;
      facts[i].direction = touches[i].direction;
      facts[i].outcome = touches[i].outcome;
    }
  pursuit_insights_data_add (data, &p, facts, n_touches);
}

static PursuitInsights *
compute (PursuitInsightsData *data,
         gint64               since)
{
  PursuitInsightsParams params;

  pursuit_insights_params_init_default (&params, NOW);
  params.since = since;
  return pursuit_insights_compute (data, &params);
}

static void
test_empty (void)
{
  g_autoptr(PursuitInsightsData) data = pursuit_insights_data_new ();
  g_autoptr(PursuitInsights) in = compute (data, 0);
  PursuitLearnedCurve prior;

  g_assert_false (pursuit_insights_has_history (in));
  g_assert_cmpuint (in->n_prospects, ==, 0);
  g_assert_cmpuint (in->touches_to_win.n, ==, 0);
  g_assert_true (isnan (in->touches_to_win.median));
  g_assert_true (isnan (in->win_rate));
  g_assert_true (isnan (in->response_rate));
  g_assert_true (isnan (in->cost_per_win));
  g_assert_cmpfloat (in->typical_value, <, 0);
  g_assert_cmpuint (in->break_even, ==, 0);
  g_assert_cmpuint (in->fresh_needed, ==, 50);
  g_assert_null (pursuit_insights_give_up_text (in));
  pursuit_learned_curve_init_prior (&prior, PURSUIT_DEFAULT_WIN_RATE);
  g_assert_true (pursuit_learned_curve_equal (&in->curve, &prior));
  g_assert_cmpfloat_with_epsilon (in->curve.response[1], 0.3, 1e-12);
  g_assert_cmpfloat_with_epsilon (in->curve.response[3], 0.1, 1e-12);
  g_assert_cmpfloat_with_epsilon (in->curve.win_given_response, 0.05 / 0.3, 1e-12);
}

static void
test_one_win (void)
{
  g_autoptr(PursuitInsightsData) data = pursuit_insights_data_new ();
  g_autoptr(PursuitInsights) in = NULL;
  g_autofree char *text = NULL;
  /* Out of order on purpose: the data sorts them. */
  const T touches[] = {
    OUT (-5, PURSUIT_OUTCOME_REPLIED),
    OUT_NA (-9),
    { 0, PURSUIT_CHANNEL_MEETING, PURSUIT_DIRECTION_OUT, PURSUIT_OUTCOME_WON },
    OUT_NA (-7),
    /* A keep-in-touch call after the win: not part of winning it. */
    OUT_NA (1),
  };

  add (data, PURSUIT_STAGE_CUSTOMER, 1000, "", -10, 0, touches, G_N_ELEMENTS (touches));
  in = compute (data, 0);

  g_assert_true (pursuit_insights_has_history (in));
  g_assert_cmpuint (in->n_won, ==, 1);
  g_assert_cmpuint (in->n_lost, ==, 0);
  g_assert_cmpfloat (in->win_rate, ==, 1.0);
  g_assert_cmpuint (in->touches_to_win.n, ==, 1);
  g_assert_cmpfloat (in->touches_to_win.median, ==, 4);
  g_assert_cmpfloat (in->touches_to_win.q1, ==, 4);
  g_assert_cmpfloat (in->touches_to_win.q3, ==, 4);
  g_assert_cmpuint (in->touches_to_win.bins[4], ==, 1);
  g_assert_cmpfloat (in->days_to_win.median, ==, 10);
  g_assert_cmpuint (in->days_to_win.bins[1], ==, 1);

  /* Attempts: 1 no answer, 2 no answer, 3 replied; then 1 won. */
  g_assert_cmpuint (in->at_risk[1], ==, 2);
  g_assert_cmpuint (in->answered[1], ==, 1);
  g_assert_cmpuint (in->at_risk[2], ==, 1);
  g_assert_cmpuint (in->answered[2], ==, 0);
  g_assert_cmpuint (in->at_risk[3], ==, 1);
  g_assert_cmpuint (in->answered[3], ==, 1);
  g_assert_cmpfloat_with_epsilon (in->observed[1], 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (in->curve.response[1], (1 + 4 * 0.3) / 6.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (in->curve.response[2], (0 + 4 * 0.15) / 5.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (in->curve.response[3], (1 + 4 * 0.1) / 5.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (in->curve.win_given_response, (1 + 4 * (0.05 / 0.3)) / 5.0, 1e-12);

  g_assert_cmpuint (in->n_attempts, ==, 4);
  g_assert_cmpuint (in->n_responses, ==, 2);
  g_assert_cmpfloat_with_epsilon (in->response_rate, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (in->cost_per_win, 80.0, 1e-9);
  g_assert_cmpuint (in->channels[PURSUIT_CHANNEL_CALL].attempts, ==, 3);
  g_assert_cmpuint (in->channels[PURSUIT_CHANNEL_CALL].responses, ==, 1);
  g_assert_cmpuint (in->channels[PURSUIT_CHANNEL_CALL].wins, ==, 0);
  g_assert_cmpuint (in->channels[PURSUIT_CHANNEL_MEETING].wins, ==, 1);
  g_assert_cmpfloat (in->typical_value, ==, 1000);

  text = pursuit_insights_give_up_text (in);
  g_assert_cmpstr (text, ==, "You have let no prospect go without a firm no; half of your wins took 4 attempts or more.");
}

static void
test_all_losses (void)
{
  g_autoptr(PursuitInsightsData) data = pursuit_insights_data_new ();
  g_autoptr(PursuitInsights) in = NULL;
  g_autofree char *text = NULL;
  const T three[] = { OUT_NA (-10), OUT_NA (-8), OUT_NA (-6) };
  const T one[] = { OUT_NA (-4) };
  const T no[] = { OUT_NA (-6), OUT (-3, PURSUIT_OUTCOME_FIRM_NO) };

  add (data, PURSUIT_STAGE_CLOSED, -1, PURSUIT_CLOSE_REASON_NO_RESPONSE, -20, -2, three, 3);
  add (data, PURSUIT_STAGE_CLOSED, -1, PURSUIT_CLOSE_REASON_NOT_SERIOUS, -20, -2, one, 1);
  add (data, PURSUIT_STAGE_CLOSED, -1, PURSUIT_CLOSE_REASON_FIRM_NO, -20, -10, no, 2);
  in = compute (data, 0);

  g_assert_cmpuint (in->n_lost, ==, 3);
  g_assert_cmpuint (in->n_won, ==, 0);
  g_assert_cmpfloat (in->win_rate, ==, 0);
  g_assert_true (isnan (in->cost_per_win));
  g_assert_cmpuint (in->touches_to_win.n, ==, 0);
  g_assert_cmpuint (in->n_loss_reasons, ==, 3);
  g_assert_cmpstr (in->loss_reasons[0].reason, ==, PURSUIT_CLOSE_REASON_FIRM_NO);
  g_assert_cmpstr (in->loss_reasons[1].reason, ==, PURSUIT_CLOSE_REASON_NO_RESPONSE);
  g_assert_cmpstr (in->loss_reasons[2].reason, ==, PURSUIT_CLOSE_REASON_NOT_SERIOUS);
  g_assert_cmpuint (in->loss_reasons[0].count, ==, 1);
  g_assert_cmpuint (in->lost_this_week, ==, 2);

  /* Firm noes are not giving up: streaks 3 and 1, lower median 1. */
  g_assert_cmpuint (in->n_given_up, ==, 2);
  g_assert_cmpuint (in->give_up_at, ==, 1);
  g_assert_cmpfloat (in->given_up_share, ==, 0.5);
  text = pursuit_insights_give_up_text (in);
  g_assert_cmpstr (text, ==, "You let 50% of prospects go after 1 attempt; no win to compare with yet.");

  g_assert_cmpuint (in->at_risk[1], ==, 3);
  g_assert_cmpuint (in->at_risk[2], ==, 2);
  g_assert_cmpuint (in->at_risk[3], ==, 1);
  g_assert_cmpuint (in->answered[2], ==, 1);
  g_assert_cmpfloat_with_epsilon (in->curve.win_given_response, (0 + 4 * (0.05 / 0.3)) / 5.0, 1e-12);
  g_assert_cmpuint (in->curve.n_closed, ==, 3);
}

static void
test_give_up_against_wins (void)
{
  g_autoptr(PursuitInsightsData) data = pursuit_insights_data_new ();
  g_autoptr(PursuitInsights) in = NULL;
  g_autofree char *text = NULL;
  const T two[] = { OUT_NA (-10), OUT_NA (-9) };
  const T five_won[] = { OUT_NA (-10), OUT_NA (-9), OUT_NA (-8), OUT_NA (-7), OUT (-6, PURSUIT_OUTCOME_WON) };
  const T one_won[] = { OUT (-6, PURSUIT_OUTCOME_WON) };

  for (guint i = 0; i < 3; i++)
    add (data, PURSUIT_STAGE_CLOSED, -1, PURSUIT_CLOSE_REASON_NO_RESPONSE, -20, -5, two, 2);
  add (data, PURSUIT_STAGE_CLOSED, -1, PURSUIT_CLOSE_REASON_NO_RESPONSE, -20, -5, five_won, 4);
  add (data, PURSUIT_STAGE_CUSTOMER, 500, "", -20, 0, five_won, 5);
  add (data, PURSUIT_STAGE_CUSTOMER, 500, "", -20, 0, five_won, 5);
  add (data, PURSUIT_STAGE_CUSTOMER, 500, "", -20, 0, one_won, 1);
  in = compute (data, 0);

  /* Let-go streaks 2, 2, 2, 4: the lower median is 2, three of four at
   * or below; two of three wins came after attempt 2. */
  g_assert_cmpuint (in->give_up_at, ==, 2);
  text = pursuit_insights_give_up_text (in);
  g_assert_cmpstr (text, ==, "You let 75% of prospects go after 2 attempts; 67% of your wins came after attempt 2.");
  g_assert_cmpfloat (in->touches_to_win.median, ==, 5);
  g_assert_cmpfloat (in->touches_to_win.q1, ==, 3);
}

static void
test_distribution (void)
{
  double samples[] = { 4, 1, 3, 2, 400 };
  const guint upper[] = { 1, 3, 100, G_MAXUINT };
  PursuitDistribution dist;

  pursuit_distribution_compute (&dist, samples, 4, upper, 4);
  g_assert_cmpuint (dist.n, ==, 4);
  g_assert_cmpfloat_with_epsilon (dist.median, 2.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (dist.q1, 1.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (dist.q3, 3.25, 1e-12);
  g_assert_cmpuint (dist.bins[0], ==, 1);
  g_assert_cmpuint (dist.bins[1], ==, 2);
  g_assert_cmpuint (dist.bins[2], ==, 1);
  g_assert_cmpuint (dist.bins[3], ==, 0);

  pursuit_distribution_compute (&dist, samples, 5, upper, 4);
  g_assert_cmpfloat (dist.median, ==, 3);
  g_assert_cmpuint (dist.bins[3], ==, 1);
}

/* The prior alone gives the value-based limit. */
static void
test_prior_is_value_based (void)
{
  PursuitLearnedCurve prior;

  pursuit_learned_curve_init_prior (&prior, PURSUIT_DEFAULT_WIN_RATE);
  g_assert_cmpuint (pursuit_learned_curve_break_even (&prior, 1000, 20), ==, 2);
  g_assert_cmpuint (pursuit_learned_curve_break_even (&prior, 10000, 20), ==, 20);
  g_assert_cmpuint (pursuit_learned_curve_break_even (&prior, 0, 20), ==, 1);
  g_assert_cmpuint (pursuit_learned_curve_break_even (&prior, 1000, 0), ==, 20);
  for (double value = 100; value < 20000; value += 137)
    g_assert_cmpuint (pursuit_learned_curve_break_even (&prior, value, 20), ==,
                      pursuit_rules_attempt_limit (PURSUIT_LIMIT_VALUE, 7, value, 0.05, 20));
}

static void
test_policy_learned (void)
{
  PursuitPolicy policy;
  PursuitLimitCheck check;
  g_autofree char *reason = NULL;

  pursuit_policy_init_default (&policy);
  policy.limit_mode = PURSUIT_LIMIT_LEARNED;
  for (guint k = 1; k <= PURSUIT_INSIGHTS_MAX_ATTEMPT; k++)
    policy.learned.response[k] = k <= 3 ? 0.5 : 0.01;
  policy.learned.win_given_response = 0.2;

  /* Too little history: by value (1000 × 5% ÷ 20 = 2), fixed without one. */
  policy.learned.n_closed = PURSUIT_LEARNED_MIN_CLOSED - 1;
  g_assert_false (pursuit_policy_learned_applies (&policy));
  g_assert_cmpuint (pursuit_policy_attempt_limit (&policy, 0, 1000), ==, 2);
  g_assert_cmpuint (pursuit_policy_attempt_limit (&policy, 0, -1), ==, 7);

  /* Attempts 1-3 bring 0.5 × 0.2 × 1000 = 100, the 4th 2: below 20. */
  policy.learned.n_closed = PURSUIT_LEARNED_MIN_CLOSED;
  g_assert_true (pursuit_policy_learned_applies (&policy));
  g_assert_cmpuint (pursuit_policy_attempt_limit (&policy, 0, 1000), ==, 3);
  g_assert_cmpuint (pursuit_policy_attempt_limit (&policy, 0, -1), ==, 7);
  g_assert_cmpuint (pursuit_policy_attempt_limit (&policy, 9, 1000), ==, 9);

  pursuit_engine_check_limit (&policy, PURSUIT_STAGE_ACTIVE, 3, 0, 1000, &check);
  g_assert_cmpint (check.source, ==, PURSUIT_LIMIT_SOURCE_LEARNED);
  g_assert_cmpuint (check.limit, ==, 3);
  g_assert_true (check.let_go);
  g_assert_cmpfloat_with_epsilon (check.worth, 2.0, 1e-9);
  reason = pursuit_engine_limit_reason (&check, "$1,000", "$20");
  g_assert_cmpstr (reason, ==, "3 unanswered attempts; from your history the next is worth ≈ $2, costs $20");
  g_clear_pointer (&reason, g_free);
  check.worth = 0.35;
  reason = pursuit_engine_limit_reason (&check, "1,000 CHF", "20.50 CHF");
  g_assert_cmpstr (reason, ==, "3 unanswered attempts; from your history the next is worth ≈ 0.35 CHF, costs 20.50 CHF");

  /* The policy compares the learned curve too. */
  {
    PursuitPolicy other = policy;

    g_assert_true (pursuit_policy_equal (&policy, &other));
    other.learned.response[2] = 0.4;
    g_assert_false (pursuit_policy_equal (&policy, &other));
  }
}

static void
test_period (void)
{
  g_autoptr(PursuitInsightsData) data = pursuit_insights_data_new ();
  g_autoptr(PursuitInsights) all = NULL;
  g_autoptr(PursuitInsights) month = NULL;
  const T won[] = { OUT_NA (-110), OUT (-100, PURSUIT_OUTCOME_WON) };
  const T lost[] = { OUT_NA (-12) };

  add (data, PURSUIT_STAGE_CUSTOMER, 100, "", -120, -100, won, 2);
  add (data, PURSUIT_STAGE_CLOSED, 100, PURSUIT_CLOSE_REASON_NO_VALUE, -20, -10, lost, 1);
  all = compute (data, 0);
  month = compute (data, NOW - 30 * DAY);

  g_assert_cmpuint (all->n_won, ==, 1);
  g_assert_cmpuint (all->n_lost, ==, 1);
  g_assert_cmpuint (month->n_won, ==, 0);
  g_assert_cmpuint (month->n_lost, ==, 1);
  g_assert_cmpuint (month->curve.n_closed, ==, 1);
  g_assert_cmpuint (month->curve_all_time.n_closed, ==, 2);
  g_assert_true (pursuit_learned_curve_equal (&month->curve_all_time, &all->curve));
  g_assert_cmpfloat (all->days_to_win.median, ==, 20);
}

static void
test_revisits_and_pipeline (void)
{
  g_autoptr(PursuitInsightsData) data = pursuit_insights_data_new ();
  g_autoptr(PursuitInsights) in = NULL;
  PursuitInsightsParams params;
  PursuitInsightsProspect p = { 0 };

  p.created_at = NOW - 400 * DAY;
  p.value = -1;
  /* Back from being let go: one won, one in the inbox, one still away. */
  p.revisit_at = NOW - 30 * DAY;
  p.stage = PURSUIT_STAGE_CUSTOMER;
  p.closed_at = NOW - 3 * DAY;
  pursuit_insights_data_add (data, &p, NULL, 0);
  p.stage = PURSUIT_STAGE_INBOX;
  p.closed_at = 0;
  pursuit_insights_data_add (data, &p, NULL, 0);
  p.stage = PURSUIT_STAGE_CLOSED;
  p.closed_at = NOW - 2 * DAY;
  p.revisit_at = NOW + 100 * DAY;
  p.close_reason = PURSUIT_CLOSE_REASON_NO_RESPONSE;
  pursuit_insights_data_add (data, &p, NULL, 0);
  p.close_reason = "";
  p.revisit_at = 0;
  p.closed_at = 0;
  p.stage = PURSUIT_STAGE_ACTIVE;
  p.tier = PURSUIT_TIER_HOT;
  pursuit_insights_data_add (data, &p, NULL, 0);
  pursuit_insights_data_add (data, &p, NULL, 0);
  p.tier = PURSUIT_TIER_COLD;
  p.value = 100;
  pursuit_insights_data_add (data, &p, NULL, 0);

  pursuit_insights_params_init_default (&params, NOW);
  params.target_active = 5;
  in = pursuit_insights_compute (data, &params);
  g_assert_cmpuint (in->n_revisits, ==, 2);
  g_assert_cmpuint (in->n_revisit_wins, ==, 1);
  g_assert_cmpuint (in->per_tier[PURSUIT_TIER_HOT], ==, 2);
  g_assert_cmpuint (in->per_tier[PURSUIT_TIER_COLD], ==, 1);
  g_assert_cmpuint (in->n_active_now, ==, 3);
  g_assert_cmpuint (in->n_inbox_now, ==, 1);
  g_assert_cmpuint (in->lost_this_week, ==, 1);
  g_assert_cmpuint (in->fresh_needed, ==, 1);
  /* No streak yet: none at the limit. */
  g_assert_cmpuint (in->n_active_past_limit, ==, 0);
  g_assert_cmpfloat_with_epsilon (pursuit_insights_next_worth (in, 0, 100), 100 * in->curve.response[1] * in->curve.win_given_response, 1e-9);
}

/* The cards and Insights run the same check on the same numbers: a
 * prospect imported with 9 attempts and no touches is past the limit on
 * its card, so it is in Insights too. */
static void
test_past_limit_as_the_cards (void)
{
  g_autoptr(PursuitInsightsData) data = pursuit_insights_data_new ();
  PursuitInsightsProspect p = { 0 };
  PursuitInsightsParams params;
  PursuitPolicy policy;
  const T three[] = { OUT_NA (-3), OUT_NA (-2), OUT_NA (-1) };
  guint expected = 0;

  p.stage = PURSUIT_STAGE_ACTIVE;
  p.tier = PURSUIT_TIER_GOOD;
  p.created_at = NOW - 30 * DAY;
  p.value = 1000;
  p.streak = 9;                 /* imported: attempts without touches */
  pursuit_insights_data_add (data, &p, NULL, 0);
  p.streak = 7;
  pursuit_insights_data_add (data, &p, NULL, 0);
  p.streak = 7;
  p.own_limit = 10;             /* "Keep going" */
  pursuit_insights_data_add (data, &p, NULL, 0);
  p.own_limit = 0;
  p.value = -1;
  p.streak = 3;
  {
    PursuitInsightsTouch touches[3];

    for (guint i = 0; i < 3; i++)
      touches[i] = (PursuitInsightsTouch) { NOW + three[i].day * DAY, three[i].channel, three[i].direction,
                                            three[i].outcome };
    pursuit_insights_data_add (data, &p, touches, 3);
  }
  p.stage = PURSUIT_STAGE_INBOX;  /* not active: not counted */
  p.streak = 12;
  pursuit_insights_data_add (data, &p, NULL, 0);

  pursuit_policy_init_default (&policy);
  for (PursuitLimitMode mode = PURSUIT_LIMIT_FIXED; mode <= PURSUIT_LIMIT_LEARNED; mode++)
    {
      g_autoptr(PursuitInsights) in = NULL;

      policy.limit_mode = mode;
      pursuit_insights_params_init_default (&params, NOW);
      pursuit_limit_fill_params (&params, &policy);
      in = pursuit_insights_compute (data, &params);
      expected = 0;
      for (guint i = 0; i < data->prospects->len; i++)
        {
          const PursuitInsightsProspect *q = &g_array_index (data->prospects, PursuitInsightsProspect, i);
          PursuitLimitCheck check;

          pursuit_engine_check_limit (&policy, q->stage, q->streak, q->own_limit, q->value, &check);
          expected += q->stage == PURSUIT_STAGE_ACTIVE && check.let_go;
        }
      g_assert_cmpuint (in->n_active_now, ==, 4);
      g_assert_cmpuint (in->n_active_past_limit, ==, expected);
      if (mode == PURSUIT_LIMIT_FIXED)
        g_assert_cmpuint (in->n_active_past_limit, ==, 2);
    }
}

static void
assert_streak_text (guint       streak,
                    guint       limit,
                    const char *expected)
{
  PursuitLimitCheck check = { .streak = streak, .limit = limit };
  g_autofree char *text = pursuit_limit_streak_text (&check);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_streak_text (void)
{
  assert_streak_text (3, 7, "3 of 7 attempts");
  assert_streak_text (7, 7, "7 of 7 attempts");
  assert_streak_text (1, 1, "1 of 1 attempt");
  assert_streak_text (9, 7, "2 attempts past the limit of 7");
  assert_streak_text (6, 2, "4 attempts past the limit of 2");
  assert_streak_text (3, 2, "1 attempt past the limit of 2");

  {
    PursuitLimitCheck check = { .streak = 2, .limit = 7 };
    g_autofree char *third = pursuit_limit_next_attempt_text (&check);
    g_autofree char *ninth = NULL;

    g_assert_cmpstr (third, ==, "Attempt 3 of 7");
    check.streak = 8;
    ninth = pursuit_limit_next_attempt_text (&check);
    g_assert_cmpstr (ninth, ==, "Attempt 9, 2 past the limit of 7");
  }
}

/* Both charts of a period count the same wins, those without an attempt
 * too; a prospect closed on an unknown date (imported) is in no period. */
static void
test_same_wins_and_unknown_dates (void)
{
  g_autoptr(PursuitInsightsData) data = pursuit_insights_data_new ();
  g_autoptr(PursuitInsights) all = NULL;
  g_autoptr(PursuitInsights) week = NULL;
  const T came_to_us[] = { { -3, PURSUIT_CHANNEL_EMAIL, PURSUIT_DIRECTION_IN, PURSUIT_OUTCOME_WON } };
  const T two_won[] = { OUT_NA (-6), OUT (-5, PURSUIT_OUTCOME_WON) };
  g_autofree char *text = NULL;

  add (data, PURSUIT_STAGE_CUSTOMER, 100, "", -10, 0, came_to_us, 1);
  add (data, PURSUIT_STAGE_CUSTOMER, 100, "", -10, 0, two_won, 2);
  add (data, PURSUIT_STAGE_CUSTOMER, 100, "", -10, -4, NULL, 0);
  /* Imported closed: no closing date, no touches. */
  add (data, PURSUIT_STAGE_CUSTOMER, 100, "", -1, 0, NULL, 0);
  add (data, PURSUIT_STAGE_CLOSED, -1, PURSUIT_CLOSE_REASON_NO_RESPONSE, -1, 0, NULL, 0);

  week = compute (data, NOW - 7 * DAY);
  g_assert_cmpuint (week->n_won, ==, 3);
  g_assert_cmpuint (week->n_lost, ==, 0);
  g_assert_cmpuint (week->touches_to_win.n, ==, 3);
  g_assert_cmpuint (week->days_to_win.n, ==, 3);
  g_assert_cmpuint (week->touches_to_win.bins[0], ==, 2);
  g_assert_cmpuint (week->lost_this_week, ==, 0);

  all = compute (data, 0);
  g_assert_cmpuint (all->n_won, ==, 4);
  g_assert_cmpuint (all->n_lost, ==, 1);
  g_assert_cmpuint (all->touches_to_win.n, ==, all->days_to_win.n);
  g_assert_cmpuint (all->lost_this_week, ==, 0);

  /* The one let go never answered, with no attempt: no "0 attempts". */
  text = pursuit_insights_give_up_text (all);
  g_assert_null (strstr (text, "0 attempts"));
  g_assert_null (strstr (text, "or fewer"));
}

static void
test_give_up_words (void)
{
  g_autoptr(PursuitInsightsData) data = pursuit_insights_data_new ();
  g_autoptr(PursuitInsights) in = NULL;
  g_autofree char *text = NULL;
  const T two[] = { OUT_NA (-10), OUT_NA (-9) };
  const T one_won[] = { OUT (-6, PURSUIT_OUTCOME_WON) };
  const T answered[] = { OUT (-6, PURSUIT_OUTCOME_REPLIED) };

  /* Everyone let go after exactly 2: not "2 attempts or fewer". */
  for (guint i = 0; i < 3; i++)
    add (data, PURSUIT_STAGE_CLOSED, -1, PURSUIT_CLOSE_REASON_NO_RESPONSE, -20, -5, two, 2);
  add (data, PURSUIT_STAGE_CUSTOMER, 500, "", -20, 0, one_won, 1);
  in = compute (data, 0);
  text = pursuit_insights_give_up_text (in);
  g_assert_cmpstr (text, ==, "You let 100% of prospects go after 2 attempts; 0% of your wins came after attempt 2.");
  g_clear_pointer (&in, pursuit_insights_free);
  g_clear_pointer (&text, g_free);

  /* Let go after an answer: a streak of 0, never "after 0 attempts". */
  g_clear_pointer (&data, pursuit_insights_data_free);
  data = pursuit_insights_data_new ();
  for (guint i = 0; i < 3; i++)
    add (data, PURSUIT_STAGE_CLOSED, -1, PURSUIT_CLOSE_REASON_NO_VALUE, -20, -5, answered, 1);
  add (data, PURSUIT_STAGE_CUSTOMER, 500, "", -20, 0, one_won, 1);
  in = compute (data, 0);
  text = pursuit_insights_give_up_text (in);
  g_assert_null (strstr (text, "0 attempt"));
  g_assert_cmpstr (text, ==, "You let 100% of prospects go without an unanswered attempt: they had answered, or were "
                             "never tried.");
  g_clear_pointer (&in, pursuit_insights_free);
  g_clear_pointer (&text, g_free);

  /* One win after one attempt: "1 attempt", not "1 attempts". */
  g_clear_pointer (&data, pursuit_insights_data_free);
  data = pursuit_insights_data_new ();
  add (data, PURSUIT_STAGE_CUSTOMER, 500, "", -20, 0, one_won, 1);
  in = compute (data, 0);
  text = pursuit_insights_give_up_text (in);
  g_assert_cmpstr (text, ==, "You have let no prospect go without a firm no; half of your wins took 1 attempt or more.");
}

/* What the counts of a period must be, recounted from the rows by the
 * plainest rules: a prospect is in the period when it closed in it (won:
 * the winning touch, else its closing date), or, open, when it was added
 * or touched in it; closed ones without a date only in all time. */
typedef struct
{
  guint won, lost, attempts, active_past, lost_week, dated_wins;
} Recount;

static void
recount (const PursuitInsightsData   *data,
         const PursuitInsightsParams *params,
         const PursuitLearnedCurve   *learned,
         Recount                     *out)
{
  PursuitPolicy policy;

  memset (out, 0, sizeof *out);
  /* The cards read the curve that the insights learn from all history. */
  pursuit_limit_policy_from_params (&policy, params);
  policy.learned = *learned;
  for (guint i = 0; i < data->prospects->len; i++)
    {
      const PursuitInsightsProspect *p = &g_array_index (data->prospects, PursuitInsightsProspect, i);
      const PursuitInsightsTouch *t = &g_array_index (data->touches, PursuitInsightsTouch, p->first_touch);
      gint64 when = 0, won_at = 0;
      guint attempts = 0, counted = p->n_touches;
      PursuitLimitCheck check;

      pursuit_engine_check_limit (&policy, p->stage, p->streak, p->own_limit, p->value, &check);
      out->active_past += p->stage == PURSUIT_STAGE_ACTIVE && check.let_go;
      out->lost_week += p->stage == PURSUIT_STAGE_CLOSED && p->closed_at != 0
                        && p->closed_at > params->now - 7 * DAY;

      if (p->stage == PURSUIT_STAGE_CUSTOMER)
        {
          for (guint k = 0; k < p->n_touches && won_at == 0; k++)
            if (t[k].outcome == PURSUIT_OUTCOME_WON)
              {
                won_at = t[k].when;
                counted = k + 1;
              }
          if (won_at == 0 && p->closed_at != 0)
            {
              won_at = p->closed_at;
              for (counted = 0; counted < p->n_touches && t[counted].when <= p->closed_at; counted++)
                ;
            }
          when = won_at;
        }
      else if (p->stage == PURSUIT_STAGE_CLOSED)
        when = p->closed_at;
      else
        {
          when = p->created_at;
          for (guint k = 0; k < p->n_touches; k++)
            when = MAX (when, t[k].when);
        }
      if (params->since != 0 && (when == 0 || when < params->since))
        continue;

      for (guint k = 0; k < counted; k++)
        attempts += t[k].direction == PURSUIT_DIRECTION_OUT;
      out->attempts += attempts;
      out->won += p->stage == PURSUIT_STAGE_CUSTOMER;
      out->dated_wins += p->stage == PURSUIT_STAGE_CUSTOMER && won_at != 0;
      out->lost += p->stage == PURSUIT_STAGE_CLOSED;
    }
}

static void
random_history (PursuitInsightsData *data,
                GRand               *rand,
                guint                n)
{
  static const PursuitOutcome outcomes[] = {
    PURSUIT_OUTCOME_NO_ANSWER, PURSUIT_OUTCOME_NO_ANSWER, PURSUIT_OUTCOME_LEFT_MESSAGE, PURSUIT_OUTCOME_REPLIED,
    PURSUIT_OUTCOME_MEETING, PURSUIT_OUTCOME_CALLBACK_REQUESTED, PURSUIT_OUTCOME_FIRM_NO, PURSUIT_OUTCOME_WON,
  };
  static const char *reasons[] = {
    PURSUIT_CLOSE_REASON_FIRM_NO, PURSUIT_CLOSE_REASON_NO_RESPONSE, PURSUIT_CLOSE_REASON_NO_VALUE, "",
  };

  for (guint i = 0; i < n; i++)
    {
      PursuitInsightsProspect p = { 0 };
      PursuitInsightsTouch touches[12];
      guint n_touches = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (touches) + 1);
      int kind = g_rand_int_range (rand, 0, 10);

      p.created_at = NOW - (gint64) g_rand_int_range (rand, 0, 500) * DAY;
      p.value = g_rand_boolean (rand) ? g_rand_int_range (rand, 0, 20000) : -1;
      p.streak = (guint) g_rand_int_range (rand, 0, 15);
      p.own_limit = g_rand_int_range (rand, 0, 5) == 0 ? (guint) g_rand_int_range (rand, 1, 12) : 0;
      p.stage = kind < 4 ? PURSUIT_STAGE_ACTIVE : kind < 5 ? PURSUIT_STAGE_INBOX
                : kind < 7 ? PURSUIT_STAGE_CUSTOMER : PURSUIT_STAGE_CLOSED;
      p.tier = p.stage == PURSUIT_STAGE_ACTIVE ? (PursuitTier) g_rand_int_range (rand, 0, PURSUIT_N_TIERS)
                                               : PURSUIT_TIER_NONE;
      for (guint k = 0; k < n_touches; k++)
        {
          /* Some at the same second as the one before. */
          gint64 when = k > 0 && g_rand_int_range (rand, 0, 4) == 0
                          ? touches[k - 1].when
                          : p.created_at + (gint64) g_rand_int_range (rand, -30, 400) * DAY;

          touches[k].when = MIN (when, NOW);
          touches[k].channel = (PursuitChannel) g_rand_int_range (rand, 0, PURSUIT_N_CHANNELS);
          touches[k].direction = g_rand_int_range (rand, 0, 5) == 0 ? PURSUIT_DIRECTION_IN : PURSUIT_DIRECTION_OUT;
          touches[k].outcome = outcomes[g_rand_int_range (rand, 0, G_N_ELEMENTS (outcomes))];
        }
      if (p.stage == PURSUIT_STAGE_CUSTOMER || p.stage == PURSUIT_STAGE_CLOSED)
        /* A third closed on an unknown date, as imports are. */
        p.closed_at = g_rand_int_range (rand, 0, 3) == 0 ? 0
                      : NOW - (gint64) g_rand_int_range (rand, 0, 400) * DAY - g_rand_int_range (rand, 0, DAY);
      if (p.stage == PURSUIT_STAGE_CLOSED)
        p.close_reason = reasons[g_rand_int_range (rand, 0, G_N_ELEMENTS (reasons))];
      pursuit_insights_data_add (data, &p, touches, n_touches);
    }
}

/* Insights' counts for every period and limit mode equal a recount from
 * the rows. The seed is printed; PURSUIT_TEST_SEED replays one. */
static void
test_random_recount (void)
{
  const char *seed_env = g_getenv ("PURSUIT_TEST_SEED");
  guint32 seed = seed_env != NULL ? (guint32) g_ascii_strtoull (seed_env, NULL, 10) : g_random_int ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  static const int periods[] = { 0, 7, 30, 90, 365 };

  g_test_message ("seed %" G_GUINT32_FORMAT " (PURSUIT_TEST_SEED=%" G_GUINT32_FORMAT " replays it)", seed, seed);
  for (guint round = 0; round < 40; round++)
    {
      g_autoptr(PursuitInsightsData) data = pursuit_insights_data_new ();
      PursuitPolicy policy;

      random_history (data, rand, (guint) g_rand_int_range (rand, 0, 120));
      pursuit_policy_init_default (&policy);
      policy.limit_mode = (PursuitLimitMode) g_rand_int_range (rand, PURSUIT_LIMIT_FIXED, PURSUIT_LIMIT_LEARNED + 1);
      policy.fixed_limit = (guint) g_rand_int_range (rand, 1, 10);
      for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
        {
          g_autoptr(PursuitInsights) in = NULL;
          PursuitInsightsParams params;
          Recount expected;

          pursuit_insights_params_init_default (&params, NOW);
          pursuit_limit_fill_params (&params, &policy);
          params.since = periods[i] > 0 ? NOW - (gint64) periods[i] * DAY : 0;
          in = pursuit_insights_compute (data, &params);
          recount (data, &params, &in->curve_all_time, &expected);
          if (in->n_won != expected.won || in->n_lost != expected.lost || in->n_attempts != expected.attempts
              || in->n_active_past_limit != expected.active_past || in->lost_this_week != expected.lost_week
              || in->touches_to_win.n != expected.dated_wins || in->days_to_win.n != expected.dated_wins)
            g_error ("seed %" G_GUINT32_FORMAT ", round %u, period %d: won %u/%u, lost %u/%u, attempts %u/%u, "
                     "past the limit %u/%u, let go this week %u/%u, charted wins %u, %u/%u",
                     seed, round, periods[i], in->n_won, expected.won, in->n_lost, expected.lost, in->n_attempts,
                     expected.attempts, in->n_active_past_limit, expected.active_past, in->lost_this_week,
                     expected.lost_week, in->touches_to_win.n, in->days_to_win.n, expected.dated_wins);
        }
    }
}

/* Known per-attempt response rates: the learned curve finds them. */
static const double true_rates[] = { 0, 0.30, 0.22, 0.16, 0.12, 0.09, 0.07, 0.05, 0.04 };
#define TRUE_WIN 0.4

static void
generate (PursuitInsightsData *data,
          GRand               *rand,
          guint                n)
{
  for (guint i = 0; i < n; i++)
    {
      PursuitInsightsProspect p = { 0 };
      PursuitInsightsTouch touches[G_N_ELEMENTS (true_rates)];
      guint quit = (guint) g_rand_int_range (rand, 3, G_N_ELEMENTS (true_rates));
      gboolean answered = FALSE;
      guint n_touches = 0;

      p.created_at = NOW - 200 * DAY;
      p.value = 1000;
      for (guint k = 1; k <= quit && !answered; k++)
        {
          PursuitInsightsTouch *t = &touches[n_touches++];

          answered = g_rand_double (rand) < true_rates[k];
          t->when = p.created_at + (gint64) k * DAY;
          t->channel = PURSUIT_CHANNEL_CALL;
          t->direction = PURSUIT_DIRECTION_OUT;
          t->outcome = answered ? PURSUIT_OUTCOME_REPLIED : PURSUIT_OUTCOME_NO_ANSWER;
        }
      if (answered && g_rand_double (rand) < TRUE_WIN)
        p.stage = PURSUIT_STAGE_CUSTOMER;
      else if (g_rand_double (rand) < 0.9)
        {
          p.stage = PURSUIT_STAGE_CLOSED;
          p.close_reason = answered ? PURSUIT_CLOSE_REASON_NO_VALUE : PURSUIT_CLOSE_REASON_NO_RESPONSE;
        }
      else
        p.stage = answered ? PURSUIT_STAGE_CLOSED : PURSUIT_STAGE_ACTIVE;
      p.closed_at = p.stage == PURSUIT_STAGE_ACTIVE ? 0 : p.created_at + 20 * DAY;
      pursuit_insights_data_add (data, &p, touches, n_touches);
    }
}

static void
test_converges (void)
{
  g_autoptr(PursuitInsightsData) data = pursuit_insights_data_new ();
  g_autoptr(PursuitInsightsData) few = pursuit_insights_data_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261123);
  g_autoptr(PursuitInsights) in = NULL;
  g_autoptr(PursuitInsights) small = NULL;
  PursuitLearnedCurve prior;

  generate (data, rand, 10000);
  in = compute (data, 0);
  for (guint k = 1; k < G_N_ELEMENTS (true_rates); k++)
    {
      g_test_message ("attempt %u: at risk %u, learned %.4f, true %.4f", k, in->at_risk[k], in->curve.response[k],
                      true_rates[k]);
      g_assert_cmpuint (in->at_risk[k], >=, 500);
      g_assert_cmpfloat (fabs (in->curve.response[k] - true_rates[k]), <, 0.025);
    }
  g_assert_cmpfloat (fabs (in->curve.win_given_response - TRUE_WIN), <, 0.03);

  /* Five closed prospects: between the prior and the data, never wild. */
  generate (few, rand, 5);
  small = compute (few, 0);
  pursuit_learned_curve_init_prior (&prior, PURSUIT_DEFAULT_WIN_RATE);
  for (guint k = 1; k <= PURSUIT_INSIGHTS_MAX_ATTEMPT; k++)
    {
      double observed = isnan (small->observed[k]) ? prior.response[k] : small->observed[k];

      g_assert_cmpfloat (small->curve.response[k], >=, MIN (observed, prior.response[k]) - 1e-12);
      g_assert_cmpfloat (small->curve.response[k], <=, MAX (observed, prior.response[k]) + 1e-12);
      g_assert_cmpfloat (small->curve.response[k], >, 0);
      g_assert_cmpfloat (small->curve.response[k], <, 1);
    }
  g_assert_cmpuint (small->break_even, >=, 1);
  g_assert_cmpuint (small->break_even, <=, 20);
}

/* The store side: what the database holds comes back as plain structs,
 * on a connection of the loader's own, and in a thread. */

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  PursuitInsights **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = pursuit_store_load_insights_finish (PURSUIT_STORE (source), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*out);
}

static void
log_call (PursuitStore    *store,
          PursuitProspect *prospect,
          GDateTime       *when,
          PursuitOutcome   outcome)
{
  g_autoptr(PursuitTouch) touch = pursuit_touch_new (pursuit_prospect_get_id (prospect), when, PURSUIT_CHANNEL_EMAIL,
                                                     PURSUIT_DIRECTION_OUT, outcome);
  g_autoptr(GError) error = NULL;

  g_assert_true (pursuit_store_record_touch (store, touch, &error));
  g_assert_no_error (error);
}

static void
test_store_load (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pursuit-insights-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "pursuit.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(PursuitStore) store = pursuit_store_open (path, &error);
  g_autoptr(PursuitProspect) won = pursuit_prospect_new ("Won");
  g_autoptr(PursuitProspect) lost = pursuit_prospect_new ("Lost");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) early = g_date_time_add_days (now, -10);
  g_autoptr(GDateTime) later = g_date_time_add_days (now, -5);
  g_autoptr(PursuitInsightsData) data = NULL;
  PursuitInsights *insights = NULL;
  PursuitInsightsParams params;
  const PursuitInsightsProspect *p;
  const PursuitInsightsTouch *t;

  g_assert_no_error (error);
  pursuit_prospect_set_stage (won, PURSUIT_STAGE_ACTIVE);
  pursuit_prospect_set_tier (won, PURSUIT_TIER_HOT);
  pursuit_prospect_set_value (won, 1200);
  g_assert_true (pursuit_store_add (store, won, NULL));
  g_assert_true (pursuit_store_add (store, lost, NULL));
  /* Logged out of order: the later touch first. */
  log_call (store, won, later, PURSUIT_OUTCOME_WON);
  log_call (store, won, early, PURSUIT_OUTCOME_NO_ANSWER);
  log_call (store, lost, early, PURSUIT_OUTCOME_LEFT_MESSAGE);
  g_assert_true (pursuit_store_let_go (store, lost, PURSUIT_CLOSE_REASON_NO_RESPONSE, NULL, NULL));

  data = pursuit_insights_data_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (data->prospects->len, ==, 2);
  g_assert_cmpuint (data->touches->len, ==, 3);
  p = &g_array_index (data->prospects, PursuitInsightsProspect, 0);
  g_assert_cmpint (p->stage, ==, PURSUIT_STAGE_CUSTOMER);
  g_assert_cmpfloat (p->value, ==, 1200);
  g_assert_cmpuint (p->n_touches, ==, 2);
  g_assert_cmpint (p->closed_at, >, 0);
  t = &g_array_index (data->touches, PursuitInsightsTouch, p->first_touch);
  g_assert_cmpint (t[0].when, ==, g_date_time_to_unix (early));
  g_assert_cmpint (t[0].outcome, ==, PURSUIT_OUTCOME_NO_ANSWER);
  g_assert_cmpint (t[0].channel, ==, PURSUIT_CHANNEL_EMAIL);
  g_assert_cmpint (t[1].outcome, ==, PURSUIT_OUTCOME_WON);
  p = &g_array_index (data->prospects, PursuitInsightsProspect, 1);
  g_assert_cmpint (p->stage, ==, PURSUIT_STAGE_CLOSED);
  g_assert_true (p->close_reason == g_intern_static_string (PURSUIT_CLOSE_REASON_NO_RESPONSE));
  g_assert_cmpfloat (p->value, <, 0);
  g_assert_cmpint (p->closed_at, ==, g_date_time_to_unix (pursuit_prospect_get_closed_at (lost)));

  /* A later edit is not a later closing. */
  {
    g_autoptr(PursuitProspect) draft = pursuit_prospect_dup (lost);
    g_autoptr(PursuitInsightsData) again = NULL;
    gint64 closed = p->closed_at;

    g_usleep (1100 * 1000);
    pursuit_prospect_set_notes (draft, "Try again next year");
    g_assert_true (pursuit_store_update (store, lost, draft, NULL));
    again = pursuit_insights_data_load (path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (g_array_index (again->prospects, PursuitInsightsProspect, 1).closed_at, ==, closed);
  }

  pursuit_insights_params_init_default (&params, g_date_time_to_unix (now));
  pursuit_store_load_insights_async (store, &params, NULL, loaded_cb, &insights);
  while (insights == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (insights->n_won, ==, 1);
  g_assert_cmpuint (insights->n_lost, ==, 1);
  g_assert_cmpfloat (insights->touches_to_win.median, ==, 2);
  g_assert_cmpfloat (insights->days_to_win.median, ==, 5);
  pursuit_insights_free (insights);

  g_clear_object (&store);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (dir);
}

/* Prospects that arrive closed (an import) have no closing date, even
 * after an edit: Insights put them in no period, nor in "let go this
 * week". Letting one go now dates it. */
static void
test_store_unknown_closing_date (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pursuit-insights-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "pursuit.db", NULL);
  g_autoptr(PursuitStore) store = pursuit_store_open (path, &error);
  g_autoptr(GPtrArray) imported = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PursuitProspect) active = pursuit_prospect_new ("Active");
  g_autoptr(PursuitInsightsData) data = NULL;
  g_autoptr(PursuitInsights) week = NULL;
  g_autoptr(PursuitInsights) all = NULL;
  PursuitInsightsParams params;
  const PursuitStage stages[] = { PURSUIT_STAGE_CLOSED, PURSUIT_STAGE_CUSTOMER };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      PursuitProspect *p = pursuit_prospect_new (i == 0 ? "Lost long ago" : "Customer for years");

      pursuit_prospect_set_stage (p, stages[i]);
      if (stages[i] == PURSUIT_STAGE_CLOSED)
        pursuit_prospect_set_close_reason (p, PURSUIT_CLOSE_REASON_NO_RESPONSE);
      g_ptr_array_add (imported, p);
    }
  g_assert_true (pursuit_store_add_many (store, imported, &error));
  g_assert_no_error (error);
  {
    g_autoptr(PursuitProspect) draft = pursuit_prospect_dup (g_ptr_array_index (imported, 0));

    pursuit_prospect_set_notes (draft, "Edited after the import");
    g_assert_true (pursuit_store_update (store, g_ptr_array_index (imported, 0), draft, &error));
    g_assert_no_error (error);
  }
  pursuit_prospect_set_stage (active, PURSUIT_STAGE_ACTIVE);
  pursuit_prospect_set_tier (active, PURSUIT_TIER_GOOD);
  g_assert_true (pursuit_store_add (store, active, NULL));
  g_assert_true (pursuit_store_let_go (store, active, PURSUIT_CLOSE_REASON_NO_RESPONSE, NULL, &error));
  g_assert_no_error (error);

  data = pursuit_insights_data_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (data->prospects->len, ==, 3);
  g_assert_cmpint (g_array_index (data->prospects, PursuitInsightsProspect, 0).closed_at, ==, 0);
  g_assert_cmpint (g_array_index (data->prospects, PursuitInsightsProspect, 1).closed_at, ==, 0);
  g_assert_cmpint (g_array_index (data->prospects, PursuitInsightsProspect, 2).closed_at, >, 0);

  pursuit_insights_params_init_default (&params, g_get_real_time () / G_USEC_PER_SEC + 1);
  params.since = params.now - 7 * DAY;
  week = pursuit_insights_compute (data, &params);
  g_assert_cmpuint (week->n_lost, ==, 1);
  g_assert_cmpuint (week->n_won, ==, 0);
  g_assert_cmpuint (week->lost_this_week, ==, 1);
  params.since = 0;
  all = pursuit_insights_compute (data, &params);
  g_assert_cmpuint (all->n_lost, ==, 2);
  g_assert_cmpuint (all->n_won, ==, 1);

  g_clear_object (&store);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (path, (const char *[]) { "", "-wal", "-shm" }[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

static void
test_store_load_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PursuitInsightsData) data = pursuit_insights_data_load ("/nonexistent/pursuit.db", &error);

  g_assert_null (data);
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/nonexistent/pursuit.db"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/insights/empty", test_empty);
  g_test_add_func ("/insights/one-win", test_one_win);
  g_test_add_func ("/insights/all-losses", test_all_losses);
  g_test_add_func ("/insights/give-up-against-wins", test_give_up_against_wins);
  g_test_add_func ("/insights/distribution", test_distribution);
  g_test_add_func ("/insights/prior-is-value-based", test_prior_is_value_based);
  g_test_add_func ("/insights/policy-learned", test_policy_learned);
  g_test_add_func ("/insights/period", test_period);
  g_test_add_func ("/insights/revisits-and-pipeline", test_revisits_and_pipeline);
  g_test_add_func ("/insights/converges", test_converges);
  g_test_add_func ("/insights/past-limit-as-the-cards", test_past_limit_as_the_cards);
  g_test_add_func ("/insights/streak-text", test_streak_text);
  g_test_add_func ("/insights/same-wins-and-unknown-dates", test_same_wins_and_unknown_dates);
  g_test_add_func ("/insights/give-up-words", test_give_up_words);
  g_test_add_func ("/insights/random-recount", test_random_recount);
  g_test_add_func ("/insights/store/load", test_store_load);
  g_test_add_func ("/insights/store/load-missing", test_store_load_missing);
  g_test_add_func ("/insights/store/unknown-closing-date", test_store_unknown_closing_date);

  return g_test_run ();
}
