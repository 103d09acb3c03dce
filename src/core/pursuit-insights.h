/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pursuit-rules.h"

G_BEGIN_DECLS

/* What the user's own history says: pure statistics over plain structs,
 * no I/O. The store loads the structs (pursuit-insights-data.h), the view
 * shows the result, the policy reads the learned response curve. */

/* Attempts the response curve covers; later attempts count as the last. */
#define PURSUIT_INSIGHTS_MAX_ATTEMPT PURSUIT_LIMIT_MAX

/* Closed prospects (won or lost) before the learned limit replaces the
 * value-based one. */
#define PURSUIT_LEARNED_MIN_CLOSED 20

/* The prior of the response curve. Before any history, the chance that
 * attempt k gets an answer is PURSUIT_PRIOR_RESPONSE ÷ k, and an answer
 * wins the deal with the default win rate per attempt ÷
 * PURSUIT_PRIOR_RESPONSE; so attempt k is worth value × win rate ÷ k and
 * the break-even attempt is the value-based limit, floor (value × win rate
 * ÷ cost). Each attempt's prior weighs as much as
 * PURSUIT_PRIOR_WEIGHT prospects, so it fades as history grows. */
#define PURSUIT_PRIOR_RESPONSE 0.3
#define PURSUIT_PRIOR_WEIGHT   4.0

/**
 * PursuitLearnedCurve:
 * @n_closed: closed prospects (won or lost) the curve was learned from
 * @win_given_response: the chance that a prospect who answers is won
 * @response: @response[k] is the chance that attempt k (1 ..
 *   %PURSUIT_INSIGHTS_MAX_ATTEMPT) is answered when attempts 1 .. k−1 were
 *   not; @response[0] is unused
 * @weight: @weight[k] is how many attempts at k @response[k] was learned
 *   from (besides the prior); all 0 for the prior alone
 *
 * The part of the insights that the attempt limit needs, as plain data
 * that fits in a #PursuitPolicy.
 *
 * The limit reads a learned curve smoothed and made non-increasing: each
 * attempt from 2 on is pooled with its neighbours (the more of them the
 * fewer attempts it was learned from), and since an answer
 * only gets less likely with each unanswered attempt, where the counts
 * say otherwise (a run of unanswered attempt 6 between answered 5 and 7)
 * neighbouring attempts are pooled, each weighing by what it rests on.
 * Without that, one unlucky attempt ends every pursuit there, and a limit
 * that stops early never gathers the data that would raise it again. The
 * prior alone (all weights 0) reads as it is.
 */
typedef struct
{
  guint  n_closed;
  double win_given_response;
  double response[PURSUIT_INSIGHTS_MAX_ATTEMPT + 1];
  double weight[PURSUIT_INSIGHTS_MAX_ATTEMPT + 1];
} PursuitLearnedCurve;

/* The prior alone, for @win_rate (the win rate per attempt of the
 * preferences). */
void     pursuit_learned_curve_init_prior (PursuitLearnedCurve       *curve,
                                           double                     win_rate);
gboolean pursuit_learned_curve_equal      (const PursuitLearnedCurve *a,
                                           const PursuitLearnedCurve *b);

/* The chance that attempt @attempt is answered, on the curve smoothed
 * and made non-increasing (see #PursuitLearnedCurve); later attempts than the
 * curve covers count as its last. */
double   pursuit_learned_curve_falling    (const PursuitLearnedCurve *curve,
                                           guint                      attempt);

/* What attempt @attempt (1-based; later ones than the curve covers count
 * as its last) is expected to bring for a deal of @value:
 * P(answer at @attempt | no answer before) × P(win | answer) × @value,
 * the first on the non-increasing curve. */
double   pursuit_learned_curve_worth      (const PursuitLearnedCurve *curve,
                                           guint                      attempt,
                                           double                     value);

/* The break-even attempt: the last attempt, counting from the first, whose
 * worth still covers @cost_per_touch (attempts after the first one that
 * does not are not worth making). Clamped to PURSUIT_LIMIT_MIN ..
 * PURSUIT_LIMIT_MAX; a cost of zero or less gives PURSUIT_LIMIT_MAX. */
guint    pursuit_learned_curve_break_even (const PursuitLearnedCurve *curve,
                                           double                     value,
                                           double                     cost_per_touch);

/**
 * PursuitInsightsTouch:
 * @when: when the touch happened (Unix time, seconds)
 * @channel: how
 * @direction: outbound or inbound
 * @outcome: what came of it
 *
 * One touch, as the insights see it (a #PursuitTouchFact with a channel).
 */
typedef struct
{
  gint64           when;
  PursuitChannel   channel;
  PursuitDirection direction;
  PursuitOutcome   outcome;
} PursuitInsightsTouch;

/**
 * PursuitInsightsProspect:
 * @stage: where it is in the pipeline
 * @tier: its tier when active
 * @value: the deal value, negative when none
 * @close_reason: a PURSUIT_CLOSE_REASON_* name, "" when none; an interned
 *   string (g_intern_string())
 * @created_at: when it was added (Unix time)
 * @closed_at: when it was won or let go (Unix time; for customers the
 *   time of the winning touch is used when there is one), 0 when open or
 *   unknown (imported closed prospects): such a prospect is placed in no
 *   period, only in all time
 * @revisit_at: its revisit date, 0 when none
 * @first_touch: the index of its first touch in
 *   #PursuitInsightsData.touches
 * @n_touches: how many touches it has; they are in time order
 * @streak: its attempt streak as the store keeps it (the card's number)
 * @own_limit: its own attempt limit ("Keep going"), 0 for the policy's
 *
 * One prospect, as the insights see it.
 */
typedef struct
{
  PursuitStage  stage;
  PursuitTier   tier;
  double        value;
  const char   *close_reason;
  gint64        created_at;
  gint64        closed_at;
  gint64        revisit_at;
  guint         first_touch;
  guint         n_touches;
  guint         streak;
  guint         own_limit;
} PursuitInsightsProspect;

/**
 * PursuitInsightsData:
 * @prospects: (element-type PursuitInsightsProspect)
 * @touches: (element-type PursuitInsightsTouch): the touches of all
 *   prospects, each prospect's in one run
 *
 * The whole history: what the store loads for the insights.
 */
typedef struct
{
  GArray *prospects;
  GArray *touches;
} PursuitInsightsData;

PursuitInsightsData *pursuit_insights_data_new      (void);
void                 pursuit_insights_data_free     (PursuitInsightsData *data);
/* Appends a prospect with @n_touches touches (copied; sorted into time
 * order). Returns the new prospect's index. */
guint                pursuit_insights_data_add      (PursuitInsightsData           *data,
                                                     const PursuitInsightsProspect *prospect,
                                                     const PursuitInsightsTouch    *touches,
                                                     guint                          n_touches);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PursuitInsightsData, pursuit_insights_data_free)

/**
 * PursuitInsightsParams:
 * @now: the current time (Unix time)
 * @since: count only prospects with activity (closing, a touch, their
 *   creation) at or after this time; 0 for all time
 * @cost_per_touch: what one touch costs
 * @win_rate: the win rate per attempt of the preferences, for the prior
 * @target_active: the active prospects the pipeline should hold
 * @limit_mode: the attempt limit of the preferences…
 * @fixed_limit: …and its fixed limit, for the cards' check (see
 *   pursuit-limit.h; the learned curve is the one learned here)
 */
typedef struct
{
  gint64           now;
  gint64           since;
  double           cost_per_touch;
  double           win_rate;
  guint            target_active;
  PursuitLimitMode limit_mode;
  guint            fixed_limit;
} PursuitInsightsParams;

void pursuit_insights_params_init_default (PursuitInsightsParams *params,
                                           gint64                 now);

/* Histogram bins of the distributions. Attempts to win: 0 (the prospect
 * came to us), 1, … 10, 11 or more. Days to win: up to 7, 14, 30, 60, 90,
 * 180, 365, more. */
#define PURSUIT_INSIGHTS_TOUCH_BINS 12
#define PURSUIT_INSIGHTS_DAY_BINS   8
#define PURSUIT_INSIGHTS_MAX_BINS   12

/**
 * PursuitDistribution:
 * @n: how many samples
 * @median: the median, NAN without samples
 * @q1: the first quartile (linear interpolation between order
 *   statistics), NAN without samples
 * @q3: the third quartile
 * @n_bins: how many of @bins are used
 * @bins: samples per bin
 * @upper: the largest sample of each bin (the last bin is open-ended)
 */
typedef struct
{
  guint  n;
  double median;
  double q1;
  double q3;
  guint  n_bins;
  guint  bins[PURSUIT_INSIGHTS_MAX_BINS];
  guint  upper[PURSUIT_INSIGHTS_MAX_BINS];
} PursuitDistribution;

/* Median and quartiles of @samples (sorted in place). */
void pursuit_distribution_compute (PursuitDistribution *dist,
                                   double              *samples,
                                   guint                n_samples,
                                   const guint         *upper,
                                   guint                n_bins);

/**
 * PursuitLossReason:
 * @reason: the PURSUIT_CLOSE_REASON_* name, or "" for others
 * @count: prospects let go for it
 */
typedef struct
{
  const char *reason;
  guint       count;
} PursuitLossReason;

#define PURSUIT_INSIGHTS_N_REASONS 8

/**
 * PursuitChannelStats:
 * @touches: touches on the channel, both directions
 * @attempts: outbound touches on it
 * @responses: outbound touches on it that were answered
 * @wins: touches on it that won the deal
 */
typedef struct
{
  guint touches;
  guint attempts;
  guint responses;
  guint wins;
} PursuitChannelStats;

/**
 * PursuitWhatIf:
 * @attempts_saved: attempts a limit would not have made
 * @wins_lost: wins that came after the limit was reached
 * @value_lost: the deal values of those wins (wins without one count 0)
 *
 * What a different attempt limit would have done to the closed prospects
 * of a period (see pursuit-whatif.h).
 */
typedef struct
{
  guint  attempts_saved;
  guint  wins_lost;
  double value_lost;
} PursuitWhatIf;

/**
 * PursuitInsights:
 *
 * Everything the Insights view shows, for one period. Rates are NAN when
 * there is nothing to divide by.
 */
typedef struct
{
  PursuitInsightsParams params;

  /* Counts over the period. */
  guint  n_prospects;
  guint  n_won;
  guint  n_lost;
  guint  n_active;
  guint  n_attempts;
  guint  n_responses;
  double win_rate;
  double response_rate;

  /* The same wins in both: those whose winning date is known. */
  PursuitDistribution touches_to_win;
  PursuitDistribution days_to_win;

  /* The response curve of the period: at_risk[k] attempts k made after
   * k−1 unanswered ones, answered[k] of them answered; observed[k] =
   * answered ÷ at_risk; the learned curve blends them with the prior. */
  guint  at_risk[PURSUIT_INSIGHTS_MAX_ATTEMPT + 1];
  guint  answered[PURSUIT_INSIGHTS_MAX_ATTEMPT + 1];
  double observed[PURSUIT_INSIGHTS_MAX_ATTEMPT + 1];
  guint  n_responders;
  guint  n_responder_wins;
  PursuitLearnedCurve curve;
  /* The same from all history, whatever the period: for the limit. */
  PursuitLearnedCurve curve_all_time;

  /* A typical deal (the median value of the wins, else of all prospects
   * with a value; negative when none) and its break-even attempt. */
  double typical_value;
  guint  break_even;

  /* Active prospects (now, whatever the period) whose streak reached
   * their attempt limit: the cards that ask "time to let go?". */
  guint  n_active_past_limit;

  /* Where the user gives up: the streak at which prospects were let go
   * (firm noes aside) against the attempt that won. give_up_at is the
   * median let-go streak, give_up_min the least; the shares are of let-go prospects with at most
   * that many attempts and of wins after that attempt. */
  guint  n_given_up;
  guint  give_up_at;
  guint  give_up_min;
  double given_up_share;
  double wins_after_share;

  PursuitLossReason loss_reasons[PURSUIT_INSIGHTS_N_REASONS];
  guint  n_loss_reasons;

  PursuitChannelStats channels[PURSUIT_N_CHANNELS];

  /* Outbound touches × cost ÷ wins. */
  double cost_per_win;

  /* Prospects back from being let go, and those of them won. */
  guint  n_revisits;
  guint  n_revisit_wins;

  /* Pipeline health, now (not limited to the period). */
  guint  per_tier[PURSUIT_N_TIERS];
  guint  n_active_now;
  guint  n_inbox_now;
  guint  lost_this_week;
  guint  fresh_needed;

  /* The period's closed prospects replayed with a limit of n attempts
   * (what_if[n], 1 .. PURSUIT_LIMIT_MAX) and with the learned limit as
   * the policy applies it to each (what_if[0]); learned_limit is the
   * latter for the typical deal (0 without one). */
  guint  n_replayed;
  guint  replayed_attempts;
  PursuitWhatIf what_if[PURSUIT_LIMIT_MAX + 1];
  guint  learned_limit;
} PursuitInsights;

PursuitInsights *pursuit_insights_compute (const PursuitInsightsData   *data,
                                           const PursuitInsightsParams *params);
void             pursuit_insights_free    (PursuitInsights             *insights);

/* Whether the period holds any closed prospect (won or lost): without one
 * there is nothing to learn from yet. */
gboolean         pursuit_insights_has_history (const PursuitInsights *insights);

/* The expected worth of the next attempt of a prospect with @streak
 * unanswered attempts and @value, on the period's curve. */
double           pursuit_insights_next_worth (const PursuitInsights *insights,
                                              guint                  streak,
                                              double                 value);

/* Sentences for people, translated: "You let 60% of prospects go after 2
 * attempts or fewer; 70% of your wins came after attempt 2". NULL when
 * there is nothing to say. */
char            *pursuit_insights_give_up_text (const PursuitInsights *insights);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PursuitInsights, pursuit_insights_free)

G_END_DECLS
