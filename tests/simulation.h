/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pursuit-engine.h"
#include "pursuit-insights.h"
#include "pursuit-store.h"

G_BEGIN_DECLS

/* A salesperson's year, simulated through Pursuit's own follow-up engine:
 * prospects arrive, each with a deal value and a hidden attempt at which
 * it would answer; the salesperson makes the attempts the engine plans
 * (its cadence, its planned channel), logs each as the application does
 * (pursuit_engine_log_touch()), and lets a prospect go when the engine's
 * limit check says so (pursuit_engine_check_limit()). The learned limit
 * learns every day from the history so far with pursuit_insights_compute(),
 * as the learner does, and hands the curve to the policy. */

/**
 * PursuitSimParams:
 * @seed: the random seed: the same seed gives the same prospects
 * @days: days on which prospects arrive; the pursuit goes on until every
 *   one of them is closed
 * @per_day: prospects arriving a day, on average
 * @value_median: deal values are log-normal around this median…
 * @value_sigma: …with this spread of their logarithm
 * @first_answer: the chance that the first attempt is answered…
 * @decay: …falling by the factor exp (−@decay) with each further attempt
 * @win_given_answer: the chance that an answer is interest, which wins the
 *   deal; otherwise it is a firm no
 * @warm_min: touches from the answer to the win, the winning one
 *   included, at least…
 * @warm_max: …and at most
 * @cost_per_touch: what one touch costs
 * @minutes_per_touch: the calling time of one touch
 * @through_store: whether the salesperson works through a real store in a
 *   temporary database (pursuit_store_record_touch(),
 *   pursuit_store_check_limit(), pursuit_store_let_go(), the learned
 *   curve loaded with pursuit_insights_data_load()) rather than through
 *   the engine's functions alone; the figures are the same, only slower
 * @store_path: with @through_store, the database to create (kept
 *   afterwards); NULL for one in a temporary folder, removed afterwards
 */
typedef struct
{
  guint32 seed;
  guint   days;
  double  per_day;
  double  value_median;
  double  value_sigma;
  double  first_answer;
  double  decay;
  double  win_given_answer;
  guint   warm_min;
  guint   warm_max;
  double  cost_per_touch;
  double  minutes_per_touch;
  gboolean through_store;
  const char *store_path;
} PursuitSimParams;

void   pursuit_sim_params_init_default (PursuitSimParams *params);

/* The true chance that attempt @k is answered when the earlier were not. */
double pursuit_sim_answer_chance       (const PursuitSimParams *params,
                                        guint                   k);

/* The best limit (1 .. PURSUIT_LIMIT_MAX) for a deal of @value for one who
 * knows the population's true answer curve: the last attempt whose
 * expected gain, the answer's share of the deal less the touches that
 * follow it, covers its cost. */
guint  pursuit_sim_oracle_limit        (const PursuitSimParams *params,
                                        double                  value);

typedef enum
{
  PURSUIT_SIM_FIXED,
  PURSUIT_SIM_VALUE,
  PURSUIT_SIM_LEARNED,
  PURSUIT_SIM_ORACLE,
} PursuitSimKind;

#define PURSUIT_SIM_MONTHS 24

/* The values the learned limit is sampled at, each month. */
#define PURSUIT_SIM_N_PROBES 3
extern const double pursuit_sim_probe_values[PURSUIT_SIM_N_PROBES];

/**
 * PursuitSimResult:
 *
 * What one way of setting the limit earned. The "late" figures count the
 * prospects that arrived after the first 90 days (a quarter), when the
 * learned limit has a quarter of history behind it.
 */
typedef struct
{
  guint  prospects;
  guint  wins;
  guint  wins_after_five;      /* wins that took five touches or more */
  guint  attempts;             /* every touch made, each at the cost */
  guint  answered_attempts_sum; /* over answered prospects, the attempt that was answered */
  guint  answered;
  double won_value;
  double profit;
  guint  late_wins;
  guint  late_attempts;
  double late_profit;
  double month_profit[PURSUIT_SIM_MONTHS]; /* cash flow of each 30 days */
  guint  months;
  guint  learned_limit[PURSUIT_SIM_MONTHS][PURSUIT_SIM_N_PROBES]; /* at each month's end */
  PursuitLearnedCurve curve;   /* the policy's at the end */
} PursuitSimResult;

/* The year run with one way of setting the limit: @fixed_limit for
 * PURSUIT_SIM_FIXED. */
void   pursuit_sim_run                 (const PursuitSimParams *params,
                                        PursuitSimKind          kind,
                                        guint                   fixed_limit,
                                        PursuitSimResult       *result);

/* Profit per hour of calling. */
double pursuit_sim_per_hour            (const PursuitSimParams *params,
                                        double                  profit,
                                        guint                   attempts);

G_END_DECLS
