/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "pursuit-insights.h"
#include "pursuit-learner.h"
#include "pursuit-store.h"
#include "simulation.h"
#include "test-util.h"

/* The learned limit follows the history without any window. */

typedef struct
{
  char         *dir;
  char         *path;
  PursuitStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GDateTime) start = g_date_time_new_local (2026, 6, 1, 9, 0, 0);
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pursuit-learner-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);

  /* 25 prospects let go after three unanswered calls. */
  for (int i = 0; i < 25; i++)
    {
      g_autofree char *name = g_strdup_printf ("Lost %d", i);
      g_autoptr(PursuitProspect) p = pursuit_prospect_new (name);

      pursuit_prospect_set_value (p, 1000);
      g_assert_true (pursuit_store_add (f->store, p, NULL));
      for (int k = 0; k < 3; k++)
        {
          g_autoptr(GDateTime) when = g_date_time_add_days (start, i + k);
          g_autoptr(PursuitTouch) touch = pursuit_touch_new (pursuit_prospect_get_id (p), when, PURSUIT_CHANNEL_CALL,
                                                             PURSUIT_DIRECTION_OUT, PURSUIT_OUTCOME_NO_ANSWER);
          g_assert_true (pursuit_store_add_touch (f->store, touch, NULL));
        }
      g_assert_true (pursuit_store_let_go (f->store, p, PURSUIT_CLOSE_REASON_NO_RESPONSE, NULL, NULL));
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  pursuit_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
set_mode (Fixture          *f,
          PursuitLimitMode  mode)
{
  PursuitPolicy policy = *pursuit_store_get_policy (f->store);

  policy.limit_mode = mode;
  pursuit_store_set_policy (f->store, &policy);
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the policy has a learned curve, or 10 s. */
static void
wait_for_curve (Fixture *f,
                guint    ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (ms, timeout_cb, &timed_out);

  while (!timed_out && pursuit_store_get_policy (f->store)->learned.n_closed == 0)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
}

static void
test_learns_in_learned_mode (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(PursuitLearner) learner = NULL;
  const PursuitPolicy *policy;

  set_mode (f, PURSUIT_LIMIT_LEARNED);
  learner = pursuit_learner_new (f->store, 10);
  wait_for_curve (f, 10000);

  policy = pursuit_store_get_policy (f->store);
  g_assert_cmpuint (policy->learned.n_closed, ==, 25);
  g_assert_true (pursuit_policy_learned_applies (policy));
  /* Nobody ever answered: the first attempts look worse than the prior. */
  g_assert_cmpfloat (policy->learned.response[1], <, PURSUIT_PRIOR_RESPONSE);
  g_assert_cmpuint (pursuit_policy_attempt_limit (policy, 0, 1000), ==,
                    pursuit_learned_curve_break_even (&policy->learned, 1000, policy->cost_per_touch));
}

static void
test_idle_in_other_modes (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PursuitLearner) learner = pursuit_learner_new (f->store, 10);

  wait_for_curve (f, 300);
  g_assert_cmpuint (pursuit_store_get_policy (f->store)->learned.n_closed, ==, 0);

  /* Choosing the learned mode starts it. */
  set_mode (f, PURSUIT_LIMIT_LEARNED);
  wait_for_curve (f, 10000);
  g_assert_cmpuint (pursuit_store_get_policy (f->store)->learned.n_closed, ==, 25);
}

/* The learner on a simulated history (simulation.h, fixed seed): half a
 * year of a salesperson with the value-based limit, through a real store.
 * Learning from it, the learner's limits come near those of an oracle
 * that knows the population's true answer curve. */
static void
test_converges_on_simulated_history (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(PursuitLearner) learner = NULL;
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "simulated.db", NULL);
  PursuitSimParams params;
  PursuitSimResult result;
  PursuitPolicy policy;
  const PursuitPolicy *learned;

  pursuit_sim_params_init_default (&params);
  params.days = 180;
  params.through_store = TRUE;
  params.store_path = path;
  pursuit_sim_run (&params, PURSUIT_SIM_VALUE, 0, &result);

  store = pursuit_store_open (path, &error);
  g_assert_no_error (error);
  policy = *pursuit_store_get_policy (store);
  policy.limit_mode = PURSUIT_LIMIT_LEARNED;
  pursuit_store_set_policy (store, &policy);
  learner = pursuit_learner_new (store, 10);
  {
    gboolean timed_out = FALSE;
    guint id = g_timeout_add (10000, timeout_cb, &timed_out);

    while (!timed_out && pursuit_store_get_policy (store)->learned.n_closed == 0)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (timed_out);
    g_source_remove (id);
  }

  learned = pursuit_store_get_policy (store);
  g_assert_cmpuint (learned->learned.n_closed, ==, result.prospects);
  g_assert_true (pursuit_policy_learned_applies (learned));
  /* Each answer wins 30% of the time; from some 200 answers the learned
   * chance is within 0.08 of it. */
  g_assert_cmpfloat (fabs (learned->learned.win_given_response - params.win_given_answer), <, 0.08);
  for (guint k = 2; k <= 8; k++)
    {
      double falling = pursuit_learned_curve_falling (&learned->learned, k);

      g_test_message ("attempt %u: learned %.3f, true %.3f", k, falling, pursuit_sim_answer_chance (&params, k));
      g_assert_cmpfloat (fabs (falling - pursuit_sim_answer_chance (&params, k)), <, 0.03);
    }
  g_assert_cmpuint (pursuit_policy_attempt_limit (learned, 0, 500), ==, pursuit_sim_oracle_limit (&params, 500));
  g_assert_cmpint (ABS ((int) pursuit_policy_attempt_limit (learned, 0, 1500)
                        - (int) pursuit_sim_oracle_limit (&params, 1500)), <=, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/learner/learns-in-learned-mode", test_learns_in_learned_mode);
  ADD ("/store/learner/idle-in-other-modes", test_idle_in_other_modes);
  ADD ("/store/learner/converges-on-simulated-history", test_converges_on_simulated_history);
#undef ADD

  return g_test_run ();
}
