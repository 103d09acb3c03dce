/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "simulation.h"

/* The quit point, proven: a simulated salesperson's year (simulation.h)
 * run with every fixed attempt limit from 1 to 20, the value-based limit,
 * the learned limit and an oracle that knows the true answer curve of the
 * population and picks the best limit for each deal value, all on the
 * same prospects. Prints the figures; never fails. Parameters from the
 * environment: SIM_SEED, SIM_DAYS, SIM_PER_DAY, SIM_VALUE_MEDIAN,
 * SIM_VALUE_SIGMA, SIM_COST, SIM_MINUTES; SIM_STORE=0 leaves out the run of
 * the learned limit through a real store in a temporary database (which
 * must give the same figures as the run through the engine alone), and
 * SIM_KEEP_DATABASE=1 keeps its database, to open in Pursuit. SIM_SEEDS=N
 * also checks the goal on the seeds 1 to N. */

static double
env_double (const char *name,
            double      fallback)
{
  const char *text = g_getenv (name);

  return text != NULL && *text != '\0' ? g_ascii_strtod (text, NULL) : fallback;
}

static void
print_row (const PursuitSimParams *params,
           const char             *name,
           const PursuitSimResult *r,
           const PursuitSimResult *oracle)
{
  printf ("%-14s %6u %9u %11.0f %11.0f %9.0f %11.0f %7.1f%%\n", name, r->wins, r->attempts, r->won_value, r->profit,
          pursuit_sim_per_hour (params, r->profit, r->attempts), r->late_profit,
          oracle->late_profit != 0 ? 100.0 * r->late_profit / oracle->late_profit : NAN);
}

/* The goal on another seed: the learned limit's share of the oracle's
 * profit after the first quarter, and the best fixed limit's. */
static void
check_seed (PursuitSimParams *params,
            guint32           seed)
{
  PursuitSimResult learned, oracle, fixed;
  double best = -G_MAXDOUBLE;
  guint best_limit = 0;

  params->seed = seed;
  pursuit_sim_run (params, PURSUIT_SIM_LEARNED, 0, &learned);
  pursuit_sim_run (params, PURSUIT_SIM_ORACLE, 0, &oracle);
  for (guint l = 1; l <= PURSUIT_LIMIT_MAX; l++)
    {
      pursuit_sim_run (params, PURSUIT_SIM_FIXED, l, &fixed);
      if (fixed.late_profit > best)
        {
          best = fixed.late_profit;
          best_limit = l;
        }
    }
  printf ("%5u %9.1f%% %9.1f%% %6u   %s\n", seed, 100.0 * learned.late_profit / oracle.late_profit,
          100.0 * best / oracle.late_profit, best_limit,
          learned.late_profit >= 0.95 * oracle.late_profit && learned.late_profit > best ? "met" : "NOT met");
}

int
main (int   argc,
      char *argv[])
{
  PursuitSimParams params;
  PursuitSimResult fixed[PURSUIT_LIMIT_MAX + 1];
  PursuitSimResult value, learned, oracle, stored;
  guint best = 1;
  double cumulative = 0;
  gint64 t0 = g_get_monotonic_time ();

  pursuit_sim_params_init_default (&params);
  params.seed = (guint32) env_double ("SIM_SEED", params.seed);
  params.days = (guint) env_double ("SIM_DAYS", params.days);
  params.per_day = env_double ("SIM_PER_DAY", params.per_day);
  params.value_median = env_double ("SIM_VALUE_MEDIAN", params.value_median);
  params.value_sigma = env_double ("SIM_VALUE_SIGMA", params.value_sigma);
  params.cost_per_touch = env_double ("SIM_COST", params.cost_per_touch);
  params.minutes_per_touch = env_double ("SIM_MINUTES", params.minutes_per_touch);

  pursuit_sim_run (&params, PURSUIT_SIM_ORACLE, 0, &oracle);
  for (guint l = 1; l <= PURSUIT_LIMIT_MAX; l++)
    {
      pursuit_sim_run (&params, PURSUIT_SIM_FIXED, l, &fixed[l]);
      if (fixed[l].late_profit > fixed[best].late_profit)
        best = l;
    }
  pursuit_sim_run (&params, PURSUIT_SIM_VALUE, 0, &value);
  pursuit_sim_run (&params, PURSUIT_SIM_LEARNED, 0, &learned);

  printf ("Simulated year: seed %u, %u days, %.1f prospects a day (%u), deal values log-normal around %.0f "
          "(sigma %.1f), %.0f a touch, %.0f minutes a touch\n",
          params.seed, params.days, params.per_day, oracle.prospects, params.value_median, params.value_sigma,
          params.cost_per_touch, params.minutes_per_touch);
  printf ("Answer chance at attempt k: %.0f%% x exp(-%.2f (k-1)); an answer wins %.0f%% of the time, after %u to %u "
          "more touches\n",
          params.first_answer * 100, params.decay, params.win_given_answer * 100, params.warm_min, params.warm_max);
  printf ("Calibration (value-based limit): %.0f%% of wins took five touches or more; an answer came at attempt "
          "%.1f on average\n\n",
          value.wins > 0 ? 100.0 * value.wins_after_five / value.wins : 0.0,
          value.answered > 0 ? (double) value.answered_attempts_sum / value.answered : 0.0);

  printf ("%-14s %6s %9s %11s %11s %9s %11s %8s\n", "limit", "wins", "attempts", "won value", "profit", "per hour",
          "after Q1", "of oracle");
  for (guint l = 1; l <= PURSUIT_LIMIT_MAX; l++)
    {
      g_autofree char *name = g_strdup_printf ("fixed %u%s", l, l == best ? " (best)" : "");

      print_row (&params, name, &fixed[l], &oracle);
    }
  print_row (&params, "value-based", &value, &oracle);
  print_row (&params, "learned", &learned, &oracle);
  print_row (&params, "oracle", &oracle, &oracle);

  printf ("\nThe learned limit against the oracle, month by month (cash flow: won value - touches x cost)\n");
  printf ("%5s %10s %10s %10s %12s   %-22s %s\n", "month", "oracle", "learned", "regret", "cumulative",
          "learned limit at", "oracle's");
  for (guint m = 0; m < MIN (learned.months, oracle.months); m++)
    {
      double regret = oracle.month_profit[m] - learned.month_profit[m];

      cumulative += regret;
      printf ("%5u %10.0f %10.0f %10.0f %12.0f   $%.0f: %2u, $%.0f: %2u, $%.0f: %2u   %2u, %2u, %2u\n", m + 1,
              oracle.month_profit[m], learned.month_profit[m], regret, cumulative, pursuit_sim_probe_values[0],
              learned.learned_limit[m][0], pursuit_sim_probe_values[1], learned.learned_limit[m][1],
              pursuit_sim_probe_values[2], learned.learned_limit[m][2],
              pursuit_sim_oracle_limit (&params, pursuit_sim_probe_values[0]),
              pursuit_sim_oracle_limit (&params, pursuit_sim_probe_values[1]),
              pursuit_sim_oracle_limit (&params, pursuit_sim_probe_values[2]));
    }

  printf ("\nThe learned curve at the end against the truth: attempt, answered (learned, made non-increasing, true)\n");
  for (guint k = 1; k <= PURSUIT_INSIGHTS_MAX_ATTEMPT; k++)
    printf ("%5u %8.3f %8.3f %8.3f   (weight %.0f)\n", k, learned.curve.response[k],
            pursuit_learned_curve_falling (&learned.curve, k), pursuit_sim_answer_chance (&params, k),
            learned.curve.weight[k]);
  printf ("an answer wins: learned %.3f, true %.3f\n", learned.curve.win_given_response, params.win_given_answer);

  printf ("\nGoal, on the prospects that arrived after the first quarter: the learned limit earns %.1f%% of the "
          "oracle's profit (at least 95%%: %s) and %s the best fixed limit chosen in hindsight (%u: %.0f against "
          "%.0f).\n",
          100.0 * learned.late_profit / oracle.late_profit,
          learned.late_profit >= 0.95 * oracle.late_profit ? "met" : "NOT met",
          learned.late_profit > fixed[best].late_profit ? "more than" : "NOT more than", best, learned.late_profit,
          fixed[best].late_profit);
  if (g_strcmp0 (g_getenv ("SIM_STORE"), "0") != 0)
    {
      gint64 t1 = g_get_monotonic_time ();

      params.through_store = TRUE;
      pursuit_sim_run (&params, PURSUIT_SIM_LEARNED, 0, &stored);
      printf ("\nThe learned limit through a real store (pursuit_store_record_touch, pursuit_store_check_limit, the "
              "history loaded from the database every day): %u wins, %u attempts, profit %.0f: %s the run through the "
              "engine alone (%.1f s).\n",
              stored.wins, stored.attempts, stored.profit,
              stored.wins == learned.wins && stored.attempts == learned.attempts && stored.profit == learned.profit
                ? "the same as"
                : "DIFFERENT from",
              (g_get_monotonic_time () - t1) / 1e6);
    }
  if (env_double ("SIM_SEEDS", 0) >= 1)
    {
      guint n = (guint) env_double ("SIM_SEEDS", 0);

      params.through_store = FALSE;
      printf ("\nThe goal on other seeds (after the first quarter, share of the oracle's profit)\n");
      printf ("%5s %10s %10s %6s   %s\n", "seed", "learned", "best fixed", "limit", "goal");
      for (guint seed = 1; seed <= n; seed++)
        check_seed (&params, seed);
    }
  printf ("(%.1f s)\n", (g_get_monotonic_time () - t0) / 1e6);
  return EXIT_SUCCESS;
}
