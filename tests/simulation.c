/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-simulation"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "pursuit-insights-data.h"
#include "pursuit-limit.h"
#include "pursuit-store-touches.h"
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
  params->through_store = FALSE;
  params->store_path = NULL;
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
  PursuitProspect   *prospect;  /* through the store: its prospect */
} Live;

/* One run: the policy, and the store when the run goes through one. */
typedef struct
{
  const PursuitSimParams *params;
  PursuitPolicy           policy;
  PursuitStore           *store;
  char                   *dir;
  gint64                  start;
} Run;

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
  g_clear_object (&live->prospect);
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

/* The same prospect saved in the store, as the prospect dialog saves one. */
static void
live_add_to_store (Live         *live,
                   PursuitStore *store,
                   guint         index)
{
  g_autofree char *name = g_strdup_printf ("Prospect %u", index + 1);
  g_autoptr(GError) error = NULL;

  live->prospect = pursuit_prospect_new (name);
  pursuit_prospect_set_stage (live->prospect, PURSUIT_STAGE_ACTIVE);
  pursuit_prospect_set_tier (live->prospect, PURSUIT_TIER_GOOD);
  pursuit_prospect_set_value (live->prospect, live->draw->value);
  pursuit_prospect_set_attempt_limit (live->prospect, live->own_limit);
  pursuit_prospect_set_next_touch (live->prospect, live->state.next_touch);
  pursuit_prospect_set_next_touch_manual (live->prospect, TRUE);
  if (!pursuit_store_add (store, live->prospect, &error))
    g_error ("Could not add a simulated prospect: %s", error->message);
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

/* What the learner does (pursuit-learner.c): the history loaded as the
 * insights load it, the curve of all time handed to the policy. */
static void
learn (Run   *run,
       Live  *lives,
       guint  n,
       gint64 now)
{
  g_autoptr(PursuitInsightsData) data = NULL;
  g_autoptr(PursuitInsights) insights = NULL;
  g_autoptr(GError) error = NULL;
  PursuitInsightsParams ip;

  if (run->store != NULL)
    data = pursuit_insights_data_load (pursuit_store_get_path (run->store), &error);
  else
    data = history (lives, n);
  if (data == NULL)
    g_error ("Could not load the simulated history: %s", error->message);
  pursuit_insights_params_init_default (&ip, now);
  pursuit_limit_fill_params (&ip, &run->policy);
  insights = pursuit_insights_compute (data, &ip);
  run->policy.learned = insights->curve_all_time;
  if (run->store != NULL)
    pursuit_store_set_policy (run->store, &run->policy);
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

/* The outcome of the attempt the salesperson is making now. */
static PursuitOutcome
outcome_of (Live             *live,
            PursuitSimResult *result)
{
  const Draw *draw = live->draw;

  if (live->warm)
    return ++live->warm_done >= draw->warm ? PURSUIT_OUTCOME_WON : PURSUIT_OUTCOME_REPLIED;
  if (++live->cold != draw->answer_at)
    return PURSUIT_OUTCOME_NO_ANSWER;
  live->warm = draw->interested;
  result->answered++;
  result->answered_attempts_sum += live->cold;
  return draw->interested ? PURSUIT_OUTCOME_REPLIED : PURSUIT_OUTCOME_FIRM_NO;
}

/* Logs the touch as the application does: through the store's engine,
 * or through the engine itself. Returns the prospect's stage after it. */
static PursuitStage
log_touch (Run            *run,
           Live           *live,
           GDateTime      *when,
           PursuitOutcome  outcome)
{
  PursuitEngineTouch touch = { 0 };
  g_autoptr(GError) error = NULL;

  touch.when = g_date_time_ref (when);
  touch.channel = live->state.next_channel;
  touch.direction = PURSUIT_DIRECTION_OUT;
  touch.outcome = outcome;
  if (live->prospect != NULL)
    {
      g_autoptr(PursuitTouch) saved = NULL;

      touch.channel = pursuit_prospect_get_next_channel (live->prospect);
      saved = pursuit_touch_new (pursuit_prospect_get_id (live->prospect), when, touch.channel,
                                 PURSUIT_DIRECTION_OUT, outcome);
      if (!pursuit_store_record_touch (run->store, saved, &error))
        g_error ("Could not log a simulated touch: %s", error->message);
    }
  g_array_append_val (live->touches, touch);
  pursuit_engine_log_touch (&run->policy, &live->state, (PursuitEngineTouch *) (void *) live->touches->data,
                            live->touches->len, live->touches->len - 1, touch.when);
  return live->prospect != NULL ? pursuit_prospect_get_stage (live->prospect) : live->state.stage;
}

/* The touch the engine planned: made, logged, and paid for. */
static void
make_touch (Run              *run,
            Live             *live,
            GDateTime        *when,
            PursuitSimResult *result)
{
  const PursuitSimParams *params = run->params;
  const Draw *draw = live->draw;
  gboolean late = draw->day >= QUARTER_DAYS;
  gint64 unix_when = g_date_time_to_unix (when);
  PursuitOutcome outcome = outcome_of (live, result);
  PursuitStage stage = log_touch (run, live, when, outcome);

  result->attempts++;
  result->profit -= params->cost_per_touch;
  result->late_attempts += late;
  result->late_profit -= late ? params->cost_per_touch : 0;
  count_cash (result, run->start, unix_when, -params->cost_per_touch);
  if (outcome == PURSUIT_OUTCOME_WON)
    {
      result->wins++;
      result->wins_after_five += live->touches->len >= 5;
      result->won_value += draw->value;
      result->profit += draw->value;
      result->late_wins += late;
      result->late_profit += late ? draw->value : 0;
      count_cash (result, run->start, unix_when, draw->value);
    }
  if (stage != PURSUIT_STAGE_ACTIVE)
    {
      live->done = TRUE;
      live->closed_at = unix_when;
    }
}

/* The limit check of the card ("time to let go?"), and letting go. */
static gboolean
let_go_if_due (Run  *run,
               Live *live)
{
  PursuitLimitCheck check;
  g_autoptr(GError) error = NULL;

  if (live->prospect != NULL)
    pursuit_store_check_limit (run->store, live->prospect, &check);
  else
    pursuit_engine_check_limit (&run->policy, live->state.stage, live->state.attempts, live->own_limit,
                                live->draw->value, &check);
  if (!check.let_go)
    return FALSE;
  live->closed_at = g_date_time_to_unix (live->state.next_touch);
  if (live->prospect != NULL
      && !pursuit_store_let_go (run->store, live->prospect, PURSUIT_CLOSE_REASON_NO_RESPONSE, NULL, &error))
    g_error ("Could not let a simulated prospect go: %s", error->message);
  pursuit_engine_let_go (&live->state, PURSUIT_CLOSE_REASON_NO_RESPONSE, NULL);
  live->done = TRUE;
  return TRUE;
}

/* Works @live if it is due before @day_end, by the store's schedule when
 * there is one. */
static void
work (Run              *run,
      Live             *live,
      gint64            day_end,
      PursuitSimResult *result)
{
  GDateTime *due;

  if (live->done)
    return;
  due = live->prospect != NULL ? pursuit_prospect_get_next_touch (live->prospect) : live->state.next_touch;
  if (due == NULL || g_date_time_to_unix (due) >= day_end)
    return;
  if (!let_go_if_due (run, live))
    {
      g_autoptr(GDateTime) when = g_date_time_ref (due);

      make_touch (run, live, when, result);
    }
}

static void
run_init (Run                    *run,
          const PursuitSimParams *params,
          PursuitSimKind          kind,
          guint                   fixed_limit)
{
  g_autoptr(GDateTime) origin = g_date_time_new_utc (2024, 1, 1, 0, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  memset (run, 0, sizeof *run);
  run->params = params;
  run->start = g_date_time_to_unix (origin);
  pursuit_policy_init_default (&run->policy);
  run->policy.cost_per_touch = params->cost_per_touch;
  run->policy.revisit_months = 0;
  run->policy.limit_mode = kind == PURSUIT_SIM_VALUE     ? PURSUIT_LIMIT_VALUE
                           : kind == PURSUIT_SIM_LEARNED ? PURSUIT_LIMIT_LEARNED
                                                         : PURSUIT_LIMIT_FIXED;
  run->policy.fixed_limit = kind == PURSUIT_SIM_FIXED ? fixed_limit : PURSUIT_DEFAULT_FIXED_LIMIT;
  if (!params->through_store)
    return;
  if (params->store_path != NULL)
    path = g_strdup (params->store_path);
  else if ((run->dir = g_dir_make_tmp ("pursuit-simulation-XXXXXX", &error)) != NULL)
    path = g_build_filename (run->dir, "pursuit.db", NULL);
  else
    g_error ("Could not make a folder for the simulated database: %s", error->message);
  run->store = pursuit_store_open (path, &error);
  if (run->store == NULL)
    g_error ("Could not open the simulated database: %s", error->message);
  pursuit_store_set_policy (run->store, &run->policy);
}

static void
run_clear (Run *run)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&run->store);
  if (run->dir == NULL)
    return;
  /* For a look at the simulated year in Pursuit itself. */
  if (g_getenv ("SIM_KEEP_DATABASE") != NULL)
    {
      g_printerr ("Kept the simulated database in %s\n", run->dir);
      g_clear_pointer (&run->dir, g_free);
      return;
    }
  dir = g_dir_open (run->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (run->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (run->dir);
  g_clear_pointer (&run->dir, g_free);
}

void
pursuit_sim_run (const PursuitSimParams *params,
                 PursuitSimKind          kind,
                 guint                   fixed_limit,
                 PursuitSimResult       *result)
{
  Run run;
  g_autoptr(GArray) draws = NULL;
  g_autofree Live *lives = NULL;
  guint arrived = 0, open = 0;

  run_init (&run, params, kind, fixed_limit);
  draws = draw_prospects (params, run.start);
  lives = g_new0 (Live, MAX (draws->len, 1));
  memset (result, 0, sizeof *result);

  for (guint day = 0; day < params->days || open > 0; day++)
    {
      gint64 day_start = run.start + (gint64) day * DAY_SECONDS;

      while (arrived < draws->len && g_array_index (draws, Draw, arrived).day == day)
        {
          live_init (&lives[arrived], &g_array_index (draws, Draw, arrived), params, kind);
          if (run.store != NULL)
            live_add_to_store (&lives[arrived], run.store, arrived);
          arrived++;
          open++;
        }
      if (kind == PURSUIT_SIM_LEARNED && arrived > 0)
        learn (&run, lives, arrived, day_start);
      for (guint i = 0; i < arrived; i++)
        {
          gboolean was_open = !lives[i].done;

          work (&run, &lives[i], day_start + DAY_SECONDS, result);
          open -= was_open && lives[i].done;
        }
      if ((day + 1) % MONTH_DAYS == 0 && day / MONTH_DAYS < PURSUIT_SIM_MONTHS)
        for (guint p = 0; p < PURSUIT_SIM_N_PROBES; p++)
          result->learned_limit[day / MONTH_DAYS][p] = pursuit_policy_attempt_limit (&run.policy, 0,
                                                                                      pursuit_sim_probe_values[p]);
    }
  result->prospects = draws->len;
  result->curve = run.policy.learned;
  for (guint i = 0; i < draws->len; i++)
    live_clear (&lives[i]);
  run_clear (&run);
}
