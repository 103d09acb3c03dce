/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-simulation"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pursuit-limit.h"
#include "simulation.h"

#define DAY_SECONDS (24 * 60 * 60)
#define MONTH_DAYS  30
#define QUARTER_DAYS 90
/* Attempts a prospect's hidden answer is drawn over; later, it never answers. */
#define MAX_DRAWN   60

const double pursuit_sim_probe_values[PURSUIT_SIM_N_PROBES] = { 500, 1500, 5000 };

void
pursuit_sim_params_init_default (PursuitSimParams *params)
{
  params->seed = 2026;
  params->days = 365;
  params->per_day = 3;
  params->value_median = 1500;
  params->value_sigma = 1.0;
  params->first_answer = 0.12;
  params->decay = 0.15;
  params->win_given_answer = 0.3;
  params->warm_min = 2;
  params->warm_max = 5;
  params->cost_per_touch = PURSUIT_DEFAULT_COST_PER_TOUCH;
  params->minutes_per_touch = 6;
}

double
pursuit_sim_answer_chance (const PursuitSimParams *params,
                           guint                   k)
{
  return params->first_answer * exp (-params->decay * (k - 1.0));
}

guint
pursuit_sim_oracle_limit (const PursuitSimParams *params,
                          double                  value)
{
  double warm = (params->warm_min + params->warm_max) / 2.0;
  guint last = 0;

  for (guint k = 1; k <= PURSUIT_LIMIT_MAX; k++)
    {
      double gain = pursuit_sim_answer_chance (params, k) * params->win_given_answer
                      * (value - warm * params->cost_per_touch)
                    - params->cost_per_touch;

      if (gain < 0)
        break;
      last = k;
    }
  return CLAMP (last, PURSUIT_LIMIT_MIN, PURSUIT_LIMIT_MAX);
}

double
pursuit_sim_per_hour (const PursuitSimParams *params,
                      double                  profit,
                      guint                   attempts)
{
  return attempts > 0 ? profit / (attempts * params->minutes_per_touch / 60.0) : 0;
}

/* One prospect as drawn: the same for every way of setting the limit. */
typedef struct
{
  gint64   arrival;
  guint    day;
  double   value;
  guint    answer_at;   /* G_MAXUINT: never */
  gboolean interested;
  guint    warm;        /* touches from the answer to the win */
} Draw;

/* One prospect as the salesperson pursues it. */
typedef struct
{
  const Draw        *draw;
  PursuitEngineState state;
  GArray            *touches;   /* PursuitEngineTouch */
  guint              cold;      /* attempts before the answer */
  guint              warm_done;
  gboolean           warm;
  gboolean           done;
  guint              own_limit;
  gint64             closed_at;
} Live;

static double
normal (GRand *rand)
{
  double u = g_rand_double (rand);
  double v = g_rand_double (rand);

  return sqrt (-2.0 * log (1.0 - u)) * cos (2.0 * G_PI * v);
}

static GArray *
draw_prospects (const PursuitSimParams *params,
                gint64                  start)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (params->seed);
  GArray *draws = g_array_new (FALSE, TRUE, sizeof (Draw));

  for (guint d = 0; d < params->days; d++)
    {
      guint n = (guint) floor (params->per_day) + (g_rand_double (rand) < params->per_day - floor (params->per_day));

      for (guint i = 0; i < n; i++)
        {
          Draw draw = { 0 };

          draw.day = d;
          draw.arrival = start + (gint64) d * DAY_SECONDS + 9 * 3600 + g_rand_int_range (rand, 0, 8 * 3600);
          draw.value = round (params->value_median * exp (params->value_sigma * normal (rand)) / 10) * 10;
          draw.answer_at = G_MAXUINT;
          for (guint k = 1; k <= MAX_DRAWN; k++)
            if (g_rand_double (rand) < pursuit_sim_answer_chance (params, k) && draw.answer_at == G_MAXUINT)
              draw.answer_at = k;
          draw.interested = g_rand_double (rand) < params->win_given_answer;
          draw.warm = (guint) g_rand_int_range (rand, (gint32) params->warm_min, (gint32) params->warm_max + 1);
          g_array_append_val (draws, draw);
        }
    }
  return draws;
}

static GDateTime *
utc (gint64 when)
{
  return g_date_time_new_from_unix_utc (when);
}

static void
live_clear (Live *live)
{
  for (guint i = 0; i < live->touches->len; i++)
    g_date_time_unref (g_array_index (live->touches, PursuitEngineTouch, i).when);
  g_array_unref (live->touches);
  pursuit_engine_state_clear (&live->state);
}

static void
live_init (Live                   *live,
           const Draw             *draw,
           const PursuitSimParams *params,
           PursuitSimKind          kind)
{
  memset (live, 0, sizeof *live);
  live->draw = draw;
  live->touches = g_array_new (FALSE, TRUE, sizeof (PursuitEngineTouch));
  live->state.stage = PURSUIT_STAGE_ACTIVE;
  live->state.tier = PURSUIT_TIER_GOOD;
  live->state.close_reason = "";
  live->state.next_channel = PURSUIT_CHANNEL_CALL;
  /* Triaged the day it arrives, first contact at once. */
  live->state.next_touch = utc (draw->arrival);
  live->state.next_touch_manual = TRUE;
  if (kind == PURSUIT_SIM_ORACLE)
    live->own_limit = pursuit_sim_oracle_limit (params, draw->value);
}

/* The history so far as the insights load it from the database. */
static PursuitInsightsData *
history (Live  *lives,
         guint  n)
{
  PursuitInsightsData *data = pursuit_insights_data_new ();
  g_autoptr(GArray) touches = g_array_new (FALSE, TRUE, sizeof (PursuitInsightsTouch));

  for (guint i = 0; i < n; i++)
    {
      Live *live = &lives[i];
      PursuitInsightsProspect p = { 0 };

      p.stage = live->state.stage;
      p.tier = live->state.tier;
      p.value = live->draw->value;
      p.close_reason = live->state.close_reason;
      p.created_at = live->draw->arrival;
      p.closed_at = live->closed_at;
      p.streak = live->state.attempts;
      g_array_set_size (touches, 0);
      for (guint t = 0; t < live->touches->len; t++)
        {
          const PursuitEngineTouch *e = &g_array_index (live->touches, PursuitEngineTouch, t);
          PursuitInsightsTouch it = { g_date_time_to_unix (e->when), e->channel, e->direction, e->outcome };

          g_array_append_val (touches, it);
        }
      pursuit_insights_data_add (data, &p, (PursuitInsightsTouch *) (void *) touches->data, touches->len);
    }
  return data;
}

static void
learn (PursuitPolicy          *policy,
       Live                   *lives,
       guint                   n,
       gint64                  now,
       const PursuitSimParams *params)
{
  g_autoptr(PursuitInsightsData) data = history (lives, n);
  g_autoptr(PursuitInsights) insights = NULL;
  PursuitInsightsParams ip;

  pursuit_insights_params_init_default (&ip, now);
  pursuit_limit_fill_params (&ip, policy);
  insights = pursuit_insights_compute (data, &ip);
  policy->learned = insights->curve_all_time;
}

static void
count_cash (PursuitSimResult *result,
            gint64            start,
            gint64            when,
            double            amount)
{
  guint month = (guint) MIN ((when - start) / (MONTH_DAYS * DAY_SECONDS), PURSUIT_SIM_MONTHS - 1);

  result->month_profit[month] += amount;
  result->months = MAX (result->months, month + 1);
}

/* The touch the engine planned: made, logged, and paid for. */
static void
make_touch (Live                   *live,
            const PursuitPolicy    *policy,
            const PursuitSimParams *params,
            gint64                  start,
            PursuitSimResult       *result)
{
  const Draw *draw = live->draw;
  gboolean late = draw->day >= QUARTER_DAYS;
  PursuitEngineTouch touch = { 0 };

  touch.when = g_date_time_ref (live->state.next_touch);
  touch.channel = live->state.next_channel;
  touch.direction = PURSUIT_DIRECTION_OUT;
  if (!live->warm)
    {
      live->cold++;
      if (live->cold == draw->answer_at)
        {
          touch.outcome = draw->interested ? PURSUIT_OUTCOME_REPLIED : PURSUIT_OUTCOME_FIRM_NO;
          live->warm = draw->interested;
          result->answered++;
          result->answered_attempts_sum += live->cold;
        }
      else
        touch.outcome = PURSUIT_OUTCOME_NO_ANSWER;
    }
  else
    touch.outcome = ++live->warm_done >= draw->warm ? PURSUIT_OUTCOME_WON : PURSUIT_OUTCOME_REPLIED;
  g_array_append_val (live->touches, touch);
  pursuit_engine_log_touch (policy, &live->state, (PursuitEngineTouch *) (void *) live->touches->data,
                            live->touches->len, live->touches->len - 1, touch.when);

  result->attempts++;
  result->profit -= params->cost_per_touch;
  result->late_attempts += late;
  result->late_profit -= late ? params->cost_per_touch : 0;
  count_cash (result, start, g_date_time_to_unix (touch.when), -params->cost_per_touch);
  if (touch.outcome == PURSUIT_OUTCOME_WON)
    {
      result->wins++;
      result->wins_after_five += live->touches->len >= 5;
      result->won_value += draw->value;
      result->profit += draw->value;
      result->late_wins += late;
      result->late_profit += late ? draw->value : 0;
      count_cash (result, start, g_date_time_to_unix (touch.when), draw->value);
    }
  if (live->state.stage != PURSUIT_STAGE_ACTIVE)
    {
      live->done = TRUE;
      live->closed_at = g_date_time_to_unix (touch.when);
    }
}

/* Whether @live was due on the day ending at @day_end, and was worked. */
static gboolean
work (Live                   *live,
      const PursuitPolicy    *policy,
      const PursuitSimParams *params,
      gint64                  start,
      gint64                  day_end,
      PursuitSimResult       *result)
{
  PursuitLimitCheck check;

  if (live->done || live->state.next_touch == NULL || g_date_time_to_unix (live->state.next_touch) >= day_end)
    return FALSE;
  pursuit_engine_check_limit (policy, live->state.stage, live->state.attempts, live->own_limit, live->draw->value,
                              &check);
  if (check.let_go)
    {
      live->closed_at = g_date_time_to_unix (live->state.next_touch);
      pursuit_engine_let_go (&live->state, PURSUIT_CLOSE_REASON_NO_RESPONSE, NULL);
      live->done = TRUE;
      return TRUE;
    }
  make_touch (live, policy, params, start, result);
  return TRUE;
}

void
pursuit_sim_run (const PursuitSimParams *params,
                 PursuitSimKind          kind,
                 guint                   fixed_limit,
                 PursuitSimResult       *result)
{
  g_autoptr(GDateTime) origin = g_date_time_new_utc (2026, 1, 5, 0, 0, 0);
  gint64 start = g_date_time_to_unix (origin);
  g_autoptr(GArray) draws = draw_prospects (params, start);
  g_autofree Live *lives = g_new0 (Live, MAX (draws->len, 1));
  PursuitPolicy policy;
  guint arrived = 0, open = 0;

  memset (result, 0, sizeof *result);
  pursuit_policy_init_default (&policy);
  policy.cost_per_touch = params->cost_per_touch;
  policy.revisit_months = 0;
  policy.limit_mode = kind == PURSUIT_SIM_VALUE     ? PURSUIT_LIMIT_VALUE
                      : kind == PURSUIT_SIM_LEARNED ? PURSUIT_LIMIT_LEARNED
                                                    : PURSUIT_LIMIT_FIXED;
  policy.fixed_limit = kind == PURSUIT_SIM_FIXED ? fixed_limit : PURSUIT_DEFAULT_FIXED_LIMIT;
  pursuit_learned_curve_init_prior (&policy.learned, policy.win_rate);

  for (guint day = 0; day < params->days || open > 0; day++)
    {
      gint64 day_start = start + (gint64) day * DAY_SECONDS;

      while (arrived < draws->len && g_array_index (draws, Draw, arrived).day == day)
        {
          live_init (&lives[arrived], &g_array_index (draws, Draw, arrived), params, kind);
          arrived++;
          open++;
        }
      if (kind == PURSUIT_SIM_LEARNED && arrived > 0)
        learn (&policy, lives, arrived, day_start, params);
      for (guint i = 0; i < arrived; i++)
        {
          gboolean was_open = !lives[i].done;

          work (&lives[i], &policy, params, start, day_start + DAY_SECONDS, result);
          open -= was_open && lives[i].done;
        }
      if ((day + 1) % MONTH_DAYS == 0 && day / MONTH_DAYS < PURSUIT_SIM_MONTHS)
        for (guint p = 0; p < PURSUIT_SIM_N_PROBES; p++)
          result->learned_limit[day / MONTH_DAYS][p] = pursuit_policy_attempt_limit (&policy, 0,
                                                                                      pursuit_sim_probe_values[p]);
    }
  result->prospects = draws->len;
  result->curve = policy.learned;
  for (guint i = 0; i < draws->len; i++)
    live_clear (&lives[i]);
}
