/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "simulation.h"

/* The simulated salesperson of bench-simulation, checked with a fixed
 * seed: its population behaves as the field figures say, and the learned
 * limit, learning from that history through the insights, converges on
 * what an oracle that knows the true answer curve does. */

static void
test_calibration (void)
{
  PursuitSimParams params;
  PursuitSimResult r;
  double share, mean;

  pursuit_sim_params_init_default (&params);
  pursuit_sim_run (&params, PURSUIT_SIM_VALUE, 0, &r);

  /* About 80% of sales after five or more contacts: 70% to 90% here. */
  share = (double) r.wins_after_five / r.wins;
  g_test_message ("%u wins, %.1f%% after five touches or more", r.wins, share * 100);
  g_assert_cmpuint (r.wins, >=, 80);
  g_assert_cmpfloat (share, >=, 0.70);
  g_assert_cmpfloat (share, <=, 0.90);

  /* A reply usually needs several tries: on average the third or so,
   * and the first attempt is answered about one time in eight. */
  mean = (double) r.answered_attempts_sum / r.answered;
  g_test_message ("an answer at attempt %.2f on average", mean);
  g_assert_cmpfloat (mean, >=, 2.5);
  g_assert_cmpfloat (mean, <=, 4.5);
  g_assert_cmpfloat_with_epsilon (pursuit_sim_answer_chance (&params, 1), 0.12, 1e-12);
  g_assert_cmpfloat (pursuit_sim_answer_chance (&params, 5), <, pursuit_sim_answer_chance (&params, 4));

  /* The oracle asks for more attempts as deals grow. */
  g_assert_cmpuint (pursuit_sim_oracle_limit (&params, 300), ==, 1);
  g_assert_cmpuint (pursuit_sim_oracle_limit (&params, 1500), <, pursuit_sim_oracle_limit (&params, 5000));
  g_assert_cmpuint (pursuit_sim_oracle_limit (&params, 1e6), ==, 20);
}

/* The goal of the README: after a quarter, the learned limit earns at
 * least 95% of the oracle's profit and more than the best fixed limit. */
static void
test_learner_converges (void)
{
  PursuitSimParams params;
  PursuitSimResult learned, oracle, fixed;
  double best = -G_MAXDOUBLE;
  guint best_limit = 0;
  guint last;

  pursuit_sim_params_init_default (&params);
  pursuit_sim_run (&params, PURSUIT_SIM_LEARNED, 0, &learned);
  pursuit_sim_run (&params, PURSUIT_SIM_ORACLE, 0, &oracle);
  for (guint l = 1; l <= PURSUIT_LIMIT_MAX; l++)
    {
      pursuit_sim_run (&params, PURSUIT_SIM_FIXED, l, &fixed);
      if (fixed.late_profit > best)
        {
          best = fixed.late_profit;
          best_limit = l;
        }
    }
  g_test_message ("after a quarter: learned %.0f, oracle %.0f, best fixed (%u) %.0f", learned.late_profit,
                  oracle.late_profit, best_limit, best);
  g_assert_cmpfloat (learned.late_profit, >=, 0.95 * oracle.late_profit);
  g_assert_cmpfloat (learned.late_profit, >, best);

  /* The learned limit of a typical deal ends near the oracle's, and a
   * small one is not chased. */
  last = learned.months - 1;
  g_assert_cmpuint (learned.learned_limit[last - 1][0], ==, pursuit_sim_oracle_limit (&params, 500));
  g_assert_cmpint (ABS ((int) learned.learned_limit[last - 1][1] - (int) pursuit_sim_oracle_limit (&params, 1500)), <=, 2);
  /* It learned from nearly all of them (the last day's closing comes
   * after the last lesson). */
  g_assert_cmpuint (learned.curve.n_closed, >=, learned.prospects * 99 / 100);
}

/* Through a real store in a temporary database the salesperson makes
 * the same attempts, wins the same deals and learns the same limit as
 * through the engine's functions alone: the store plans, checks and
 * learns as the engine does. */
static void
test_store_agrees (void)
{
  PursuitSimParams params;
  PursuitSimResult engine, store;

  pursuit_sim_params_init_default (&params);
  params.days = 60;
  params.per_day = 2;
  pursuit_sim_run (&params, PURSUIT_SIM_LEARNED, 0, &engine);
  params.through_store = TRUE;
  pursuit_sim_run (&params, PURSUIT_SIM_LEARNED, 0, &store);

  g_assert_cmpuint (store.prospects, ==, engine.prospects);
  g_assert_cmpuint (store.wins, >, 0);
  g_assert_cmpuint (store.wins, ==, engine.wins);
  g_assert_cmpuint (store.attempts, ==, engine.attempts);
  g_assert_cmpfloat (store.profit, ==, engine.profit);
  g_assert_cmpuint (store.curve.n_closed, ==, engine.curve.n_closed);
  for (guint m = 0; m < engine.months; m++)
    g_assert_cmpuint (store.learned_limit[m][1], ==, engine.learned_limit[m][1]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/simulation/calibration", test_calibration);
  g_test_add_func ("/simulation/learner-converges", test_learner_converges);
  g_test_add_func ("/simulation/store-agrees", test_store_agrees);

  return g_test_run ();
}
