/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pursuit-insights.h"
#include "pursuit-limit.h"
#include "pursuit-whatif.h"

/* "What would a different limit have done?" on a history made by hand,
 * every figure worked out on paper (see the comments). */

#define DAY (24 * 60 * 60)
/* 2026-11-23 12:00 UTC */
#define NOW ((gint64) 1795435200)

typedef struct
{
  int              day;
  PursuitDirection direction;
  PursuitOutcome   outcome;
} T;

#define NA(d)     { d, PURSUIT_DIRECTION_OUT, PURSUIT_OUTCOME_NO_ANSWER }
#define OUT(d, o) { d, PURSUIT_DIRECTION_OUT, o }
#define IN(d)     { d, PURSUIT_DIRECTION_IN, PURSUIT_OUTCOME_REPLIED }

static void
add (PursuitInsightsData *data,
     PursuitStage         stage,
     double               value,
     const char          *reason,
     int                  closed_day,
     const T             *touches,
     guint                n_touches)
{
  PursuitInsightsProspect p = { 0 };
  PursuitInsightsTouch facts[16];

  g_assert_cmpuint (n_touches, <=, G_N_ELEMENTS (facts));
  p.stage = stage;
  p.tier = stage == PURSUIT_STAGE_ACTIVE ? PURSUIT_TIER_GOOD : PURSUIT_TIER_NONE;
  p.value = value;
  p.close_reason = reason;
  p.created_at = NOW - 100 * DAY;
  p.closed_at = closed_day != 0 ? NOW + (gint64) closed_day * DAY : 0;
  for (guint i = 0; i < n_touches; i++)
    {
      facts[i].when = NOW + (gint64) touches[i].day * DAY;
      facts[i].channel = PURSUIT_CHANNEL_CALL;
      facts[i].direction = touches[i].direction;
      facts[i].outcome = touches[i].outcome;
    }
  pursuit_insights_data_add (data, &p, facts, n_touches);
}

/* A: won ($9,000) at the 8th attempt, after six unanswered ones: with a
 *    limit of n ≤ 6 the attempt made at streak n is not made, and the 8 − n
 *    attempts from it on are saved; the win is lost.
 * B: let go ($1,000) after 10 unanswered attempts: 10 − n saved, n ≤ 9.
 * C: won ($2,000): replied at once, two unanswered attempts, then the
 *    prospect wrote back and was won. The streak reached 1 before the
 *    third attempt (2 made before it) and never 2 before an attempt: with
 *    a limit of 1, 2 saved and the win lost; nothing with more.
 * D: a firm no ($500) at the second attempt: 1 saved with a limit of 1.
 * E: active, 12 unanswered attempts: not closed, not replayed. */
static PursuitInsightsData *
history (void)
{
  PursuitInsightsData *data = pursuit_insights_data_new ();
  const T a[] = { NA (-30), NA (-29), NA (-28), NA (-27), NA (-26), NA (-25),
                  OUT (-24, PURSUIT_OUTCOME_REPLIED), OUT (-20, PURSUIT_OUTCOME_WON) };
  const T b[] = { NA (-40), NA (-39), NA (-38), NA (-37), NA (-36), NA (-35), NA (-34), NA (-33), NA (-32), NA (-31) };
  const T c[] = { OUT (-50, PURSUIT_OUTCOME_REPLIED), NA (-49), NA (-48), IN (-47), OUT (-46, PURSUIT_OUTCOME_WON) };
  const T d[] = { NA (-10), OUT (-9, PURSUIT_OUTCOME_FIRM_NO) };
  const T e[] = { NA (-12), NA (-11), NA (-10), NA (-9), NA (-8), NA (-7), NA (-6), NA (-5), NA (-4), NA (-3),
                  NA (-2), NA (-1) };

  add (data, PURSUIT_STAGE_CUSTOMER, 9000, "", -20, a, G_N_ELEMENTS (a));
  add (data, PURSUIT_STAGE_CLOSED, 1000, PURSUIT_CLOSE_REASON_NO_RESPONSE, -30, b, G_N_ELEMENTS (b));
  add (data, PURSUIT_STAGE_CUSTOMER, 2000, "", -46, c, G_N_ELEMENTS (c));
  add (data, PURSUIT_STAGE_CLOSED, 500, PURSUIT_CLOSE_REASON_FIRM_NO, -9, d, G_N_ELEMENTS (d));
  add (data, PURSUIT_STAGE_ACTIVE, 3000, "", 0, e, G_N_ELEMENTS (e));
  return data;
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
assert_what_if (const PursuitWhatIf *w,
                guint                saved,
                guint                wins,
                double               value)
{
  g_assert_cmpuint (w->attempts_saved, ==, saved);
  g_assert_cmpuint (w->wins_lost, ==, wins);
  g_assert_cmpfloat (w->value_lost, ==, value);
}

static void
test_figures (void)
{
  g_autoptr(PursuitInsightsData) data = history ();
  g_autoptr(PursuitInsights) in = compute (data, 0);

  g_assert_cmpuint (in->n_replayed, ==, 4);
  g_assert_cmpuint (in->replayed_attempts, ==, 8 + 10 + 4 + 2);
  assert_what_if (&in->what_if[1], 7 + 9 + 2 + 1, 2, 11000);
  assert_what_if (&in->what_if[2], 6 + 8, 1, 9000);
  assert_what_if (&in->what_if[5], 3 + 5, 1, 9000);
  assert_what_if (&in->what_if[6], 2 + 4, 1, 9000);
  assert_what_if (&in->what_if[7], 3, 0, 0);
  assert_what_if (&in->what_if[9], 1, 0, 0);
  for (guint n = 10; n <= 20; n++)
    assert_what_if (&in->what_if[n], 0, 0, 0);

  /* Fewer than 20 closed: the learned limit is by value, floor (value ×
   * 5% ÷ $20): A 20 (22), B 2, C 5, D 1; the typical deal, the median
   * win of $5,500, gets 13. */
  assert_what_if (&in->what_if[0], 8 + 1, 0, 0);
  g_assert_cmpuint (in->learned_limit, ==, 13);
}

static void
test_period (void)
{
  g_autoptr(PursuitInsightsData) data = history ();
  /* C closed 46 days ago: outside the last 35. */
  g_autoptr(PursuitInsights) in = compute (data, NOW - 35 * DAY);

  g_assert_cmpuint (in->n_replayed, ==, 3);
  assert_what_if (&in->what_if[1], 7 + 9 + 1, 1, 9000);
}

/* A return from a revisit starts the streak afresh. */
static void
test_revisit (void)
{
  g_autoptr(PursuitInsightsData) data = pursuit_insights_data_new ();
  g_autoptr(PursuitInsights) in = NULL;
  PursuitInsightsProspect p = { 0 };
  PursuitInsightsTouch t[5];
  const int days[] = { -60, -59, -58, -10, -9 };

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    t[i] = (PursuitInsightsTouch) { NOW + (gint64) days[i] * DAY, PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT,
                                    i == 4 ? PURSUIT_OUTCOME_WON : PURSUIT_OUTCOME_NO_ANSWER };
  p.stage = PURSUIT_STAGE_CUSTOMER;
  p.value = 4000;
  p.close_reason = PURSUIT_CLOSE_REASON_NO_RESPONSE;
  p.created_at = NOW - 70 * DAY;
  p.closed_at = NOW - 9 * DAY;
  p.revisit_at = NOW - 20 * DAY;
  pursuit_insights_data_add (data, &p, t, G_N_ELEMENTS (t));
  in = compute (data, 0);

  /* Streaks 0, 1, 2, then 0, 1 after the revisit: a limit of 1 ends it
   * at the 2nd attempt (4 saved), 2 at the 3rd (3 saved), 3 never. */
  assert_what_if (&in->what_if[1], 4, 1, 4000);
  assert_what_if (&in->what_if[2], 3, 1, 4000);
  assert_what_if (&in->what_if[3], 0, 0, 0);
}

static void
test_words (void)
{
  g_autoptr(PursuitInsightsData) data = history ();
  g_autoptr(PursuitInsights) in = compute (data, 0);
  const PursuitWhatIf no_value = { 3, 1, 0 };
  char *text;

  /* Limit 5: 8 saved × $20 = $160 against $9,000 lost. */
  text = pursuit_what_if_text (&in->what_if[5], 5, "$160", "$9,000", "$8,840", 160 - 9000);
  g_assert_cmpstr (text, ==, "With a limit of 5 you would have made 8 fewer attempts (≈ $160) and lost 1 win worth "
                             "$9,000. On balance, ≈ $8,840 less profit.");
  g_free (text);
  text = pursuit_what_if_text (&in->what_if[1], 1, "$380", "$11,000", "$10,620", 380 - 11000);
  g_assert_cmpstr (text, ==, "With a limit of 1 you would have made 19 fewer attempts (≈ $380) and lost 2 wins worth "
                             "$11,000. On balance, ≈ $10,620 less profit.");
  g_free (text);
  text = pursuit_what_if_text (&in->what_if[9], 9, "$20", "$0", "$20", 20);
  g_assert_cmpstr (text, ==, "With a limit of 9 you would have made 1 fewer attempt (≈ $20) and lost no wins. "
                             "On balance, ≈ $20 more profit.");
  g_free (text);
  text = pursuit_what_if_text (&in->what_if[12], 12, "$0", "$0", "$0", 0);
  g_assert_cmpstr (text, ==, "With a limit of 12 you would have made the same attempts and won the same deals.");
  g_free (text);
  text = pursuit_what_if_text (&in->what_if[0], 0, "$180", "$0", "$180", 180);
  g_assert_cmpstr (text, ==, "With the learned limit you would have made 9 fewer attempts (≈ $180) and lost no wins. "
                             "On balance, ≈ $180 more profit.");
  g_free (text);
  /* Wins without a value are counted, not priced. */
  text = pursuit_what_if_text (&no_value, 4, "$60", "$0", "$60", 60);
  g_assert_cmpstr (text, ==, "With a limit of 4 you would have made 3 fewer attempts (≈ $60) and lost 1 win. "
                             "On balance, ≈ $60 more profit.");
  g_free (text);
}

/* An attempt that does not pay off is never said to be worth its cost. */
static void
test_round_worth (void)
{
  g_assert_cmpfloat (pursuit_limit_round_worth (16.67, 20), ==, 17);
  g_assert_cmpfloat (pursuit_limit_round_worth (19.81, 20), ==, 19.81);
  g_assert_cmpfloat (pursuit_limit_round_worth (19.5, 20), ==, 19.5);
  g_assert_cmpfloat (pursuit_limit_round_worth (20.4, 20), ==, 20);
  g_assert_cmpfloat (pursuit_limit_round_worth (0.346, 20), ==, 0.35);
  g_assert_cmpfloat (pursuit_limit_round_worth (0.346, 0.35), ==, 0.34);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/whatif/figures", test_figures);
  g_test_add_func ("/whatif/period", test_period);
  g_test_add_func ("/whatif/revisit", test_revisit);
  g_test_add_func ("/whatif/words", test_words);
  g_test_add_func ("/whatif/round-worth", test_round_worth);

  return g_test_run ();
}
