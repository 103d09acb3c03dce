/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pursuit-insights.h"
#include "pursuit-limit.h"
#include "pursuit-whatif.h"

#define DAY_SECONDS (24 * 60 * 60)

static const guint touch_upper[PURSUIT_INSIGHTS_TOUCH_BINS] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, G_MAXUINT };
static const guint day_upper[PURSUIT_INSIGHTS_DAY_BINS] = { 7, 14, 30, 60, 90, 180, 365, G_MAXUINT };

static const char *known_reasons[PURSUIT_INSIGHTS_N_REASONS - 1] = {
  PURSUIT_CLOSE_REASON_FIRM_NO, PURSUIT_CLOSE_REASON_NO_RESPONSE, PURSUIT_CLOSE_REASON_NOT_SERIOUS,
  PURSUIT_CLOSE_REASON_NO_GOAL, PURSUIT_CLOSE_REASON_NO_VALUE,    PURSUIT_CLOSE_REASON_OUR_END,
  PURSUIT_CLOSE_REASON_DO_NOT_CONTACT,
};

static double
prior_response (guint attempt)
{
  return MIN (PURSUIT_PRIOR_RESPONSE / attempt, 0.95);
}

static double
prior_win_given_response (double win_rate)
{
  if (!isfinite (win_rate))
    win_rate = PURSUIT_DEFAULT_WIN_RATE;
  return CLAMP (win_rate / PURSUIT_PRIOR_RESPONSE, 0.0, 1.0);
}

/**
 * pursuit_learned_curve_init_prior:
 * @curve: the curve to fill
 * @win_rate: the win rate per attempt of the preferences
 *
 * Fills @curve with the prior: see pursuit-insights.h.
 */
void
pursuit_learned_curve_init_prior (PursuitLearnedCurve *curve,
                                  double               win_rate)
{
  g_return_if_fail (curve != NULL);

  curve->n_closed = 0;
  curve->win_given_response = prior_win_given_response (win_rate);
  curve->response[0] = 0;
  curve->weight[0] = 0;
  for (guint k = 1; k <= PURSUIT_INSIGHTS_MAX_ATTEMPT; k++)
    {
      curve->response[k] = prior_response (k);
      curve->weight[k] = 0;
    }
}

gboolean
pursuit_learned_curve_equal (const PursuitLearnedCurve *a,
                             const PursuitLearnedCurve *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->n_closed != b->n_closed || a->win_given_response != b->win_given_response)
    return FALSE;
  for (guint k = 1; k <= PURSUIT_INSIGHTS_MAX_ATTEMPT; k++)
    if (a->response[k] != b->response[k] || a->weight[k] != b->weight[k])
      return FALSE;
  return TRUE;
}

/* What attempt @k rests on: the attempts made at it and the prior. */
static double
weight_at (const PursuitLearnedCurve *curve,
           guint                      k)
{
  return curve->weight[k] + PURSUIT_PRIOR_WEIGHT;
}

/* Attempt @k of a learned curve pooled with its neighbours up to r
 * attempts away, the nearer weighing more (1, 2, …, r + 1, …, 2, 1 times
 * what each rests on), r being 2, or up to 6 until some 300 attempts are
 * behind it: the chance of an answer changes slowly from one attempt to
 * the next, and a few dozen attempts at each say little on their own
 * (late attempts are made on few prospects, the large deals). The first
 * attempt stands alone: it is the first contact, and it also counts the
 * touches of a conversation under way. */
static void
smooth_at (const PursuitLearnedCurve *curve,
           guint                      k,
           gboolean                   learned,
           double                    *level,
           double                    *weight)
{
  double answered = 0, total = 0;

  *level = curve->response[k];
  *weight = learned ? weight_at (curve, k) : 1;
  if (k == 1 || !learned)
    return;
  for (guint r = 2; r <= 6; r++)
    {
      double attempts = 0;

      answered = total = 0;
      for (guint j = MAX (k, r + 2) - r; j <= MIN (k + r, PURSUIT_INSIGHTS_MAX_ATTEMPT); j++)
        {
          double w = (r + 1.0 - ABS ((int) j - (int) k)) * weight_at (curve, j);

          attempts += curve->weight[j];
          answered += w * curve->response[j];
          total += w;
        }
      if (attempts >= 300)
        break;
    }
  *level = answered / total;
}

/* Weighted pool-adjacent-violators: the non-increasing curve nearest to
 * the response curve, in @out[1 .. PURSUIT_INSIGHTS_MAX_ATTEMPT]. */
static void
falling_curve (const PursuitLearnedCurve *curve,
               double                    *out)
{
  double level[PURSUIT_INSIGHTS_MAX_ATTEMPT];
  double weight[PURSUIT_INSIGHTS_MAX_ATTEMPT];
  guint size[PURSUIT_INSIGHTS_MAX_ATTEMPT];
  gboolean learned = FALSE;
  guint n = 0;

  /* The prior, and a curve set by hand, are read as they are. */
  for (guint k = 1; k <= PURSUIT_INSIGHTS_MAX_ATTEMPT; k++)
    learned |= curve->weight[k] > 0;
  for (guint k = 1; k <= PURSUIT_INSIGHTS_MAX_ATTEMPT; k++)
    {
      smooth_at (curve, k, learned, &level[n], &weight[n]);
      size[n++] = 1;
      while (n > 1 && level[n - 1] > level[n - 2])
        {
          double w = weight[n - 2] + weight[n - 1];

          level[n - 2] = (level[n - 2] * weight[n - 2] + level[n - 1] * weight[n - 1]) / w;
          weight[n - 2] = w;
          size[n - 2] += size[n - 1];
          n--;
        }
    }
  for (guint b = 0, k = 1; b < n; b++)
    for (guint i = 0; i < size[b]; i++)
      out[k++] = level[b];
}

/**
 * pursuit_learned_curve_falling:
 *
 * Returns: the chance of an answer, on the non-increasing curve
 */
double
pursuit_learned_curve_falling (const PursuitLearnedCurve *curve,
                               guint                      attempt)
{
  double falling[PURSUIT_INSIGHTS_MAX_ATTEMPT + 1];

  g_return_val_if_fail (curve != NULL, 0);

  falling_curve (curve, falling);
  return falling[CLAMP (attempt, 1, PURSUIT_INSIGHTS_MAX_ATTEMPT)];
}

/**
 * pursuit_learned_curve_worth:
 *
 * Returns: the expected worth, 0 for a missing value
 */
double
pursuit_learned_curve_worth (const PursuitLearnedCurve *curve,
                             guint                      attempt,
                             double                     value)
{
  g_return_val_if_fail (curve != NULL, 0);

  if (!isfinite (value) || value < 0)
    return 0;
  return pursuit_learned_curve_falling (curve, attempt) * curve->win_given_response * value;
}

/**
 * pursuit_learned_curve_break_even:
 *
 * Returns: the break-even attempt, PURSUIT_LIMIT_MIN .. PURSUIT_LIMIT_MAX
 */
guint
pursuit_learned_curve_break_even (const PursuitLearnedCurve *curve,
                                  double                     value,
                                  double                     cost_per_touch)
{
  double falling[PURSUIT_INSIGHTS_MAX_ATTEMPT + 1];
  guint last = 0;

  g_return_val_if_fail (curve != NULL, PURSUIT_LIMIT_MIN);

  if (!(cost_per_touch > 0))
    return PURSUIT_LIMIT_MAX;
  if (!isfinite (value) || value < 0)
    return PURSUIT_LIMIT_MIN;
  falling_curve (curve, falling);
  for (guint k = 1; k <= PURSUIT_LIMIT_MAX; k++)
    {
      if (falling[MIN (k, PURSUIT_INSIGHTS_MAX_ATTEMPT)] * curve->win_given_response * value < cost_per_touch)
        break;
      last = k;
    }
  return CLAMP (last, PURSUIT_LIMIT_MIN, PURSUIT_LIMIT_MAX);
}

PursuitInsightsData *
pursuit_insights_data_new (void)
{
  PursuitInsightsData *data = g_new0 (PursuitInsightsData, 1);

  data->prospects = g_array_new (FALSE, TRUE, sizeof (PursuitInsightsProspect));
  data->touches = g_array_new (FALSE, TRUE, sizeof (PursuitInsightsTouch));
  return data;
}

void
pursuit_insights_data_free (PursuitInsightsData *data)
{
  if (data == NULL)
    return;
  g_array_unref (data->prospects);
  g_array_unref (data->touches);
  g_free (data);
}

static int
touch_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  gint64 wa = ((const PursuitInsightsTouch *) a)->when;
  gint64 wb = ((const PursuitInsightsTouch *) b)->when;

  return wa < wb ? -1 : wa > wb;
}

static gboolean
is_sorted (const PursuitInsightsTouch *touches,
           guint                       n_touches)
{
  for (guint i = 1; i < n_touches; i++)
    if (touches[i].when < touches[i - 1].when)
      return FALSE;
  return TRUE;
}

/**
 * pursuit_insights_data_add:
 * @data: the history
 * @prospect: the prospect; its @first_touch and @n_touches are ignored
 * @touches: (array length=n_touches) (nullable): its touches, any order
 * @n_touches: how many
 *
 * Returns: the index of the new prospect
 */
guint
pursuit_insights_data_add (PursuitInsightsData           *data,
                           const PursuitInsightsProspect *prospect,
                           const PursuitInsightsTouch    *touches,
                           guint                          n_touches)
{
  PursuitInsightsProspect copy;

  g_return_val_if_fail (data != NULL && prospect != NULL, 0);
  g_return_val_if_fail (touches != NULL || n_touches == 0, 0);

  copy = *prospect;
  copy.close_reason = g_intern_string (prospect->close_reason != NULL ? prospect->close_reason : "");
  copy.first_touch = data->touches->len;
  copy.n_touches = n_touches;
  if (n_touches > 0)
    g_array_append_vals (data->touches, touches, n_touches);
  /* Stable: touches at the same moment keep their order. */
  if (!is_sorted (touches, n_touches))
    g_qsort_with_data (&g_array_index (data->touches, PursuitInsightsTouch, copy.first_touch), (gint) n_touches,
                       sizeof (PursuitInsightsTouch), touch_compare, NULL);
  g_array_append_val (data->prospects, copy);
  return data->prospects->len - 1;
}

void
pursuit_insights_params_init_default (PursuitInsightsParams *params,
                                      gint64                 now)
{
  g_return_if_fail (params != NULL);

  params->now = now;
  params->since = 0;
  params->cost_per_touch = PURSUIT_DEFAULT_COST_PER_TOUCH;
  params->win_rate = PURSUIT_DEFAULT_WIN_RATE;
  params->target_active = 50;
  params->limit_mode = PURSUIT_LIMIT_FIXED;
  params->fixed_limit = PURSUIT_DEFAULT_FIXED_LIMIT;
}

static int
double_compare (gconstpointer a,
                gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static double
quantile (const double *sorted,
          guint         n,
          double        p)
{
  double h = (n - 1) * p;
  guint lo = (guint) floor (h);

  if (lo + 1 >= n)
    return sorted[n - 1];
  return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}

/**
 * pursuit_distribution_compute:
 * @dist: the result
 * @samples: (array length=n_samples): the samples, sorted in place
 * @n_samples: how many
 * @upper: (array length=n_bins): the largest sample of each bin
 * @n_bins: how many bins, at most %PURSUIT_INSIGHTS_MAX_BINS
 */
void
pursuit_distribution_compute (PursuitDistribution *dist,
                              double              *samples,
                              guint                n_samples,
                              const guint         *upper,
                              guint                n_bins)
{
  g_return_if_fail (dist != NULL && upper != NULL);
  g_return_if_fail (n_bins > 0 && n_bins <= PURSUIT_INSIGHTS_MAX_BINS);
  g_return_if_fail (samples != NULL || n_samples == 0);

  memset (dist, 0, sizeof *dist);
  dist->n = n_samples;
  dist->n_bins = n_bins;
  memcpy (dist->upper, upper, n_bins * sizeof (guint));
  dist->median = dist->q1 = dist->q3 = NAN;
  if (n_samples == 0)
    return;

  qsort (samples, n_samples, sizeof (double), double_compare);
  dist->median = quantile (samples, n_samples, 0.5);
  dist->q1 = quantile (samples, n_samples, 0.25);
  dist->q3 = quantile (samples, n_samples, 0.75);
  for (guint i = 0, b = 0; i < n_samples; i++)
    {
      while (b + 1 < n_bins && samples[i] > upper[b])
        b++;
      dist->bins[b]++;
    }
}

/* What one prospect's touches say, up to the win for customers (later
 * touches keep in touch; they do not win the deal). */
typedef struct
{
  gboolean won;
  gint64   win_time;
  guint    attempts;    /* outbound touches up to the win or now */
  guint    final_streak;
  gboolean responded;
  gint64   activity;    /* when it last moved: closing, last touch, creation */
  gint64   first_when;  /* its first touch, 0 without touches */
  guint    n_counted;   /* its touches that count (a customer's up to the win) */
} ProspectFacts;

static gboolean
touch_is_response (const PursuitInsightsTouch *touch)
{
  return touch->direction == PURSUIT_DIRECTION_IN || pursuit_outcome_is_response (touch->outcome);
}

/* How many of the prospect's touches count: for a customer, those up to
 * the winning touch, or without one up to when it was won. */
static guint
touches_that_count (const PursuitInsightsProspect *p,
                    const PursuitInsightsTouch    *touches,
                    gint64                        *win_time)
{
  *win_time = p->closed_at;
  if (p->stage != PURSUIT_STAGE_CUSTOMER)
    return p->n_touches;
  for (guint i = 0; i < p->n_touches; i++)
    if (touches[i].outcome == PURSUIT_OUTCOME_WON)
      {
        *win_time = touches[i].when;
        return i + 1;
      }
  if (p->closed_at == 0)
    return p->n_touches;
  for (guint i = 0; i < p->n_touches; i++)
    if (touches[i].when > p->closed_at)
      return i;
  return p->n_touches;
}

/* Walks the touches in time order: attempt k is at risk when k−1 attempts
 * went unanswered; an answer to it (or an inbound touch after it) is an
 * event at k. A return from a revisit starts a new run. @at_risk and
 * @answered may be NULL. */
static void
walk_touches (const PursuitInsightsProspect *p,
              const PursuitInsightsTouch    *touches,
              guint                          n,
              gint64                         now,
              guint                         *at_risk,
              guint                         *answered,
              PursuitChannelStats           *channels,
              ProspectFacts                 *facts)
{
  gboolean revisited = p->revisit_at != 0 && p->revisit_at <= now;
  guint streak = 0;

  for (guint i = 0; i < n; i++)
    {
      const PursuitInsightsTouch *t = &touches[i];
      gboolean response = touch_is_response (t);
      guint k;

      if (revisited && t->when >= p->revisit_at && (i == 0 || touches[i - 1].when < p->revisit_at))
        streak = 0;
      if (channels != NULL && (guint) t->channel < PURSUIT_N_CHANNELS)
        {
          channels[t->channel].touches++;
          channels[t->channel].attempts += t->direction == PURSUIT_DIRECTION_OUT;
          channels[t->channel].responses += t->direction == PURSUIT_DIRECTION_OUT && response;
          channels[t->channel].wins += t->outcome == PURSUIT_OUTCOME_WON;
        }
      facts->responded |= response;
      if (t->direction == PURSUIT_DIRECTION_OUT)
        {
          facts->attempts++;
          k = MIN (streak + 1, PURSUIT_INSIGHTS_MAX_ATTEMPT);
          if (at_risk != NULL)
            at_risk[k]++;
          if (response && answered != NULL)
            answered[k]++;
          streak = response ? 0 : streak + 1;
        }
      else
        {
          if (streak > 0 && answered != NULL)
            answered[MIN (streak, PURSUIT_INSIGHTS_MAX_ATTEMPT)]++;
          streak = 0;
        }
    }
  facts->final_streak = streak;
}

static void
prospect_facts (const PursuitInsightsData     *data,
                const PursuitInsightsProspect *p,
                gint64                         now,
                guint                         *at_risk,
                guint                         *answered,
                PursuitChannelStats           *channels,
                ProspectFacts                 *facts)
{
  const PursuitInsightsTouch *touches = &g_array_index (data->touches, PursuitInsightsTouch, p->first_touch);
  guint n;

  memset (facts, 0, sizeof *facts);
  if (p->n_touches == 0)
    touches = NULL;
  n = touches_that_count (p, touches, &facts->win_time);
  facts->n_counted = n;
  facts->first_when = p->n_touches > 0 ? touches[0].when : 0;
  facts->won = p->stage == PURSUIT_STAGE_CUSTOMER;
  walk_touches (p, touches, n, now, at_risk, answered, channels, facts);
  /* A win is an answer, even one dragged to Customers without touches. */
  facts->responded |= facts->won;

  /* A closed prospect belongs to the period it closed in; one whose
   * closing date is unknown (imported closed) to none but all time. */
  if (p->stage == PURSUIT_STAGE_CUSTOMER)
    facts->activity = facts->win_time;
  else if (p->stage == PURSUIT_STAGE_CLOSED)
    facts->activity = p->closed_at;
  else
    facts->activity = MAX (p->created_at, p->n_touches > 0 ? touches[p->n_touches - 1].when : 0);
}

static gboolean
in_period (const PursuitInsightsParams *params,
           const ProspectFacts         *facts)
{
  return params->since == 0 || (facts->activity != 0 && facts->activity >= params->since);
}

static gboolean
is_closed (PursuitStage stage)
{
  return stage == PURSUIT_STAGE_CUSTOMER || stage == PURSUIT_STAGE_CLOSED;
}

/* Blends the counts with the prior: each attempt a Beta prior worth
 * PURSUIT_PRIOR_WEIGHT prospects, likewise the chance that an answer wins. */
static void
learn_curve (PursuitLearnedCurve *curve,
             const guint         *at_risk,
             const guint         *answered,
             guint                responders,
             guint                responder_wins,
             guint                n_closed,
             double               win_rate)
{
  double q0 = prior_win_given_response (win_rate);

  curve->n_closed = n_closed;
  curve->response[0] = 0;
  curve->weight[0] = 0;
  for (guint k = 1; k <= PURSUIT_INSIGHTS_MAX_ATTEMPT; k++)
    {
      curve->response[k] = (answered[k] + PURSUIT_PRIOR_WEIGHT * prior_response (k))
                           / (at_risk[k] + PURSUIT_PRIOR_WEIGHT);
      curve->weight[k] = at_risk[k];
    }
  curve->win_given_response = (responder_wins + PURSUIT_PRIOR_WEIGHT * q0) / (responders + PURSUIT_PRIOR_WEIGHT);
}

static void
learn_all_time (const PursuitInsightsData   *data,
                const PursuitInsightsParams *params,
                PursuitLearnedCurve         *curve)
{
  guint at_risk[PURSUIT_INSIGHTS_MAX_ATTEMPT + 1] = { 0 };
  guint answered[PURSUIT_INSIGHTS_MAX_ATTEMPT + 1] = { 0 };
  guint responders = 0, wins = 0, closed = 0;

  for (guint i = 0; i < data->prospects->len; i++)
    {
      const PursuitInsightsProspect *p = &g_array_index (data->prospects, PursuitInsightsProspect, i);
      ProspectFacts facts;

      prospect_facts (data, p, params->now, at_risk, answered, NULL, &facts);
      if (!is_closed (p->stage))
        continue;
      closed++;
      responders += facts.responded;
      wins += facts.responded && facts.won;
    }
  learn_curve (curve, at_risk, answered, responders, wins, closed, params->win_rate);
}

static double
ratio (guint num,
       guint den)
{
  return den > 0 ? (double) num / den : NAN;
}

static int
reason_compare (gconstpointer a,
                gconstpointer b)
{
  const PursuitLossReason *ra = a;
  const PursuitLossReason *rb = b;

  if (ra->count != rb->count)
    return ra->count > rb->count ? -1 : 1;
  return g_strcmp0 (ra->reason, rb->reason);
}

static void
count_loss_reason (PursuitInsights *insights,
                   const char      *reason)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (known_reasons); i++)
    if (g_strcmp0 (reason, known_reasons[i]) == 0)
      break;
  insights->loss_reasons[i].count++;
}

static void
finish_loss_reasons (PursuitInsights *insights)
{
  PursuitLossReason all[PURSUIT_INSIGHTS_N_REASONS];
  guint n = 0;

  for (guint i = 0; i < PURSUIT_INSIGHTS_N_REASONS; i++)
    if (insights->loss_reasons[i].count > 0)
      {
        all[n].reason = i < G_N_ELEMENTS (known_reasons) ? known_reasons[i] : "";
        all[n].count = insights->loss_reasons[i].count;
        n++;
      }
  qsort (all, n, sizeof (PursuitLossReason), reason_compare);
  memset (insights->loss_reasons, 0, sizeof insights->loss_reasons);
  memcpy (insights->loss_reasons, all, n * sizeof (PursuitLossReason));
  insights->n_loss_reasons = n;
}

static void
count_pipeline (PursuitInsights               *insights,
                const PursuitInsightsProspect *p)
{
  const PursuitInsightsParams *params = &insights->params;

  if (p->stage == PURSUIT_STAGE_ACTIVE)
    {
      insights->n_active_now++;
      insights->per_tier[(guint) p->tier < PURSUIT_N_TIERS ? p->tier : PURSUIT_TIER_NONE]++;
    }
  else if (p->stage == PURSUIT_STAGE_INBOX)
    insights->n_inbox_now++;
  else if (p->stage == PURSUIT_STAGE_CLOSED && p->closed_at != 0 && p->closed_at > params->now - 7 * DAY_SECONDS)
    insights->lost_this_week++;
}

/* The samples the period collects, besides the counts in PursuitInsights. */
typedef struct
{
  GArray *touches_to_win;
  GArray *days_to_win;
  GArray *give_up;
  GArray *win_values;
  GArray *values;
} Samples;

static void
collect (PursuitInsights               *insights,
         Samples                       *samples,
         const PursuitInsightsProspect *p,
         const ProspectFacts           *facts)
{
  double value;

  insights->n_prospects++;
  if (p->value >= 0 && isfinite (p->value))
    g_array_append_val (samples->values, p->value);

  if (facts->won)
    {
      gint64 start = p->created_at;
      double days;

      insights->n_won++;
      insights->n_responders++;
      insights->n_responder_wins++;
      /* Both charts count the same wins: those won on a known date. */
      if (facts->win_time != 0)
        {
          /* Touches may be backdated to before the prospect was added. */
          if (facts->first_when != 0)
            start = MIN (start, facts->first_when);
          days = floor ((double) MAX (facts->win_time - start, 0) / DAY_SECONDS);
          g_array_append_val (samples->days_to_win, days);
          value = facts->attempts;
          g_array_append_val (samples->touches_to_win, value);
        }
      if (p->value >= 0 && isfinite (p->value))
        g_array_append_val (samples->win_values, p->value);
    }
  else if (p->stage == PURSUIT_STAGE_CLOSED)
    {
      insights->n_lost++;
      insights->n_responders += facts->responded;
      count_loss_reason (insights, p->close_reason);
      if (g_strcmp0 (p->close_reason, PURSUIT_CLOSE_REASON_FIRM_NO) != 0)
        {
          value = facts->final_streak;
          g_array_append_val (samples->give_up, value);
        }
    }
  else if (p->stage == PURSUIT_STAGE_ACTIVE)
    insights->n_active++;

  if (p->revisit_at != 0 && p->revisit_at <= insights->params.now && p->stage != PURSUIT_STAGE_CLOSED)
    {
      insights->n_revisits++;
      insights->n_revisit_wins += facts->won;
    }
}

static double
median_of (GArray *values)
{
  if (values->len == 0)
    return -1;
  qsort (values->data, values->len, sizeof (double), double_compare);
  return quantile ((double *) (void *) values->data, values->len, 0.5);
}

static void
finish_give_up (PursuitInsights *insights,
                Samples         *samples)
{
  GArray *give_up = samples->give_up;
  const double *wins = (const double *) (void *) samples->touches_to_win->data;
  guint below = 0, after = 0;

  insights->n_given_up = give_up->len;
  insights->given_up_share = insights->wins_after_share = NAN;
  if (give_up->len == 0)
    return;
  qsort (give_up->data, give_up->len, sizeof (double), double_compare);
  /* The lower median: a number of attempts someone actually stopped at. */
  insights->give_up_at = (guint) g_array_index (give_up, double, (give_up->len - 1) / 2);
  insights->give_up_min = (guint) g_array_index (give_up, double, 0);
  for (guint i = 0; i < give_up->len; i++)
    below += g_array_index (give_up, double, i) <= insights->give_up_at;
  insights->given_up_share = ratio (below, give_up->len);
  for (guint i = 0; i < samples->touches_to_win->len; i++)
    after += wins[i] > insights->give_up_at;
  insights->wins_after_share = ratio (after, samples->touches_to_win->len);
}

static void
finish (PursuitInsights *insights,
        Samples         *samples)
{
  const PursuitInsightsParams *params = &insights->params;
  guint attempts = 0, responses = 0;

  for (guint c = 0; c < PURSUIT_N_CHANNELS; c++)
    {
      attempts += insights->channels[c].attempts;
      responses += insights->channels[c].responses;
    }
  insights->n_attempts = attempts;
  insights->n_responses = responses;
  insights->response_rate = ratio (responses, attempts);
  insights->win_rate = ratio (insights->n_won, insights->n_won + insights->n_lost);
  insights->cost_per_win = insights->n_won > 0 ? attempts * params->cost_per_touch / insights->n_won : NAN;

  for (guint k = 0; k <= PURSUIT_INSIGHTS_MAX_ATTEMPT; k++)
    insights->observed[k] = ratio (insights->answered[k], insights->at_risk[k]);
  learn_curve (&insights->curve, insights->at_risk, insights->answered, insights->n_responders,
               insights->n_responder_wins, insights->n_won + insights->n_lost, params->win_rate);

  /* Before the touches are sorted by the distribution. */
  finish_give_up (insights, samples);
  pursuit_distribution_compute (&insights->touches_to_win, (double *) (void *) samples->touches_to_win->data,
                                samples->touches_to_win->len, touch_upper, PURSUIT_INSIGHTS_TOUCH_BINS);
  pursuit_distribution_compute (&insights->days_to_win, (double *) (void *) samples->days_to_win->data,
                                samples->days_to_win->len, day_upper, PURSUIT_INSIGHTS_DAY_BINS);

  insights->typical_value = median_of (samples->win_values);
  if (insights->typical_value < 0)
    insights->typical_value = median_of (samples->values);
  if (insights->typical_value >= 0)
    insights->break_even = pursuit_learned_curve_break_even (&insights->curve, insights->typical_value,
                                                             params->cost_per_touch);

  finish_loss_reasons (insights);
  if (params->target_active > insights->n_active_now + insights->n_inbox_now)
    insights->fresh_needed = params->target_active - insights->n_active_now - insights->n_inbox_now;
}

/* The active prospects whose card asks "time to let go?": the cards' own
 * check on the streak and limit the store keeps. The learned curve is the
 * one learned here from all history, which the insights and the learner
 * give the policy, so that the cards read it too. */
static void
count_past_limit (PursuitInsights           *insights,
                  const PursuitInsightsData *data,
                  PursuitPolicy             *policy)
{
  policy->learned = insights->curve_all_time;
  for (guint i = 0; i < data->prospects->len; i++)
    {
      const PursuitInsightsProspect *p = &g_array_index (data->prospects, PursuitInsightsProspect, i);
      PursuitLimitCheck check;

      if (p->stage != PURSUIT_STAGE_ACTIVE)
        continue;
      pursuit_limit_check_prospect (policy, p, &check);
      insights->n_active_past_limit += check.let_go;
    }
}

/* The period's closed prospects replayed with every limit, and with the
 * learned one as the policy would apply it to each (pursuit-whatif.h). */
static void
replay_limits (PursuitInsights           *insights,
               const PursuitInsightsData *data,
               const PursuitPolicy       *policy)
{
  const PursuitInsightsParams *params = &insights->params;
  PursuitPolicy learned = *policy;

  learned.limit_mode = PURSUIT_LIMIT_LEARNED;
  learned.learned = insights->curve_all_time;
  if (insights->typical_value >= 0)
    insights->learned_limit = pursuit_policy_attempt_limit (&learned, 0, insights->typical_value);
  for (guint i = 0; i < data->prospects->len; i++)
    {
      const PursuitInsightsProspect *p = &g_array_index (data->prospects, PursuitInsightsProspect, i);
      ProspectFacts facts;

      if (!is_closed (p->stage))
        continue;
      prospect_facts (data, p, params->now, NULL, NULL, NULL, &facts);
      if (!in_period (params, &facts))
        continue;
      insights->n_replayed++;
      insights->replayed_attempts += facts.attempts;
      pursuit_what_if_add (insights->what_if, p, &g_array_index (data->touches, PursuitInsightsTouch, p->first_touch),
                           facts.n_counted, params->now, pursuit_policy_attempt_limit (&learned, 0, p->value));
    }
}

/**
 * pursuit_insights_compute:
 * @data: the history
 * @params: the period and the preferences
 *
 * Returns: (transfer full): the insights
 */
PursuitInsights *
pursuit_insights_compute (const PursuitInsightsData   *data,
                          const PursuitInsightsParams *params)
{
  PursuitInsights *insights;
  PursuitPolicy policy;
  Samples samples;

  g_return_val_if_fail (data != NULL && params != NULL, NULL);

  pursuit_limit_policy_from_params (&policy, params);
  insights = g_new0 (PursuitInsights, 1);
  insights->params = *params;
  samples.touches_to_win = g_array_new (FALSE, FALSE, sizeof (double));
  samples.days_to_win = g_array_new (FALSE, FALSE, sizeof (double));
  samples.give_up = g_array_new (FALSE, FALSE, sizeof (double));
  samples.win_values = g_array_new (FALSE, FALSE, sizeof (double));
  samples.values = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < data->prospects->len; i++)
    {
      const PursuitInsightsProspect *p = &g_array_index (data->prospects, PursuitInsightsProspect, i);
      guint at_risk[PURSUIT_INSIGHTS_MAX_ATTEMPT + 1] = { 0 };
      guint answered[PURSUIT_INSIGHTS_MAX_ATTEMPT + 1] = { 0 };
      PursuitChannelStats channels[PURSUIT_N_CHANNELS] = { { 0 } };
      ProspectFacts facts;

      count_pipeline (insights, p);
      prospect_facts (data, p, params->now, at_risk, answered, channels, &facts);
      if (!in_period (params, &facts))
        continue;
      for (guint k = 0; k <= PURSUIT_INSIGHTS_MAX_ATTEMPT; k++)
        {
          insights->at_risk[k] += at_risk[k];
          insights->answered[k] += answered[k];
        }
      for (guint c = 0; c < PURSUIT_N_CHANNELS; c++)
        {
          insights->channels[c].touches += channels[c].touches;
          insights->channels[c].attempts += channels[c].attempts;
          insights->channels[c].responses += channels[c].responses;
          insights->channels[c].wins += channels[c].wins;
        }
      collect (insights, &samples, p, &facts);
    }
  finish (insights, &samples);

  if (params->since == 0)
    insights->curve_all_time = insights->curve;
  else
    learn_all_time (data, params, &insights->curve_all_time);
  count_past_limit (insights, data, &policy);
  replay_limits (insights, data, &policy);

  g_array_unref (samples.touches_to_win);
  g_array_unref (samples.days_to_win);
  g_array_unref (samples.give_up);
  g_array_unref (samples.win_values);
  g_array_unref (samples.values);
  return insights;
}

void
pursuit_insights_free (PursuitInsights *insights)
{
  g_free (insights);
}

gboolean
pursuit_insights_has_history (const PursuitInsights *insights)
{
  g_return_val_if_fail (insights != NULL, FALSE);

  return insights->n_won + insights->n_lost > 0;
}

double
pursuit_insights_next_worth (const PursuitInsights *insights,
                             guint                  streak,
                             double                 value)
{
  g_return_val_if_fail (insights != NULL, 0);

  return pursuit_learned_curve_worth (&insights->curve, streak + 1, value);
}

static guint
percent (double share)
{
  return (guint) lround (CLAMP (share, 0.0, 1.0) * 100.0);
}

/* The plural form of a count that may hold a fraction ("2.5 attempts"). */
static gulong
plural_of (double value)
{
  if (!(value >= 0 && value < G_MAXUINT))
    return 2;
  return value == floor (value) ? (gulong) value : (gulong) floor (value) + 2;
}

/* Without a prospect let go for want of an answer: what the wins say. */
static char *
wins_only_text (const PursuitInsights *insights)
{
  double m = ceil (insights->touches_to_win.median);

  if (insights->touches_to_win.n == 0)
    return NULL;
  if (m == 0)
    return g_strdup (_("You have let no prospect go without a firm no; half of your wins or more came without an "
                       "attempt of yours."));
  /* Translators: "half of your wins took 4 attempts or more". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "You have let no prospect go without a firm no; half of your wins took %g "
                                       "attempt or more.",
                                       "You have let no prospect go without a firm no; half of your wins took %g "
                                       "attempts or more.",
                                       plural_of (m)),
                          m);
}

/**
 * pursuit_insights_give_up_text:
 *
 * Returns: (transfer full) (nullable): the sentences
 */
char *
pursuit_insights_give_up_text (const PursuitInsights *insights)
{
  g_autofree char *gave_up = NULL;
  guint t;

  g_return_val_if_fail (insights != NULL, NULL);

  if (insights->n_given_up == 0)
    return wins_only_text (insights);

  t = insights->give_up_at;
  if (t == 0)
    /* Nothing to weigh against the wins: no attempt went unanswered. */
    return g_strdup_printf (_("You let %u%% of prospects go without an unanswered attempt: they had answered, "
                              "or were never tried."),
                            percent (insights->given_up_share));
  if (insights->give_up_min == t)
    /* Translators: "You let 60% of prospects go after 2 attempts". */
    gave_up = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "You let %u%% of prospects go after %u attempt",
                                            "You let %u%% of prospects go after %u attempts", t),
                               percent (insights->given_up_share), t);
  else
    /* Translators: "You let 60% of prospects go after 2 attempts or fewer". */
    gave_up = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "You let %u%% of prospects go after %u attempt or fewer",
                                            "You let %u%% of prospects go after %u attempts or fewer", t),
                               percent (insights->given_up_share), t);
  if (insights->touches_to_win.n == 0)
    return g_strdup_printf (_("%s; no win to compare with yet."), gave_up);
  /* Translators: the first %s is the sentence above; "70% of your wins
   * came after attempt 2". */
  return g_strdup_printf (_("%s; %u%% of your wins came after attempt %u."), gave_up,
                          percent (insights->wins_after_share), t);
}
