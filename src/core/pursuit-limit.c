/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "pursuit-limit.h"

void
pursuit_limit_fill_params (PursuitInsightsParams *params,
                           const PursuitPolicy   *policy)
{
  g_return_if_fail (params != NULL && policy != NULL);

  params->limit_mode = policy->limit_mode;
  params->fixed_limit = policy->fixed_limit;
  params->cost_per_touch = policy->cost_per_touch;
  params->win_rate = policy->win_rate;
}

void
pursuit_limit_policy_from_params (PursuitPolicy               *policy,
                                  const PursuitInsightsParams *params)
{
  g_return_if_fail (policy != NULL && params != NULL);

  pursuit_policy_init_default (policy);
  policy->limit_mode = params->limit_mode;
  policy->fixed_limit = params->fixed_limit;
  policy->cost_per_touch = params->cost_per_touch;
  policy->win_rate = params->win_rate;
  pursuit_learned_curve_init_prior (&policy->learned, params->win_rate);
}

void
pursuit_limit_check_prospect (const PursuitPolicy           *policy,
                              const PursuitInsightsProspect *prospect,
                              PursuitLimitCheck             *out)
{
  g_return_if_fail (policy != NULL && prospect != NULL && out != NULL);

  pursuit_engine_check_limit (policy, prospect->stage, prospect->streak, prospect->own_limit, prospect->value, out);
}

/**
 * pursuit_limit_streak_text:
 * @check: a limit check
 *
 * Returns: (transfer full): the streak against the limit, for people
 */
char *
pursuit_limit_streak_text (const PursuitLimitCheck *check)
{
  guint past;

  g_return_val_if_fail (check != NULL, NULL);

  if (check->streak <= check->limit)
    /* Translators: "3 of 7 attempts": the unanswered attempts in a row
     * against the attempt limit. */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u attempt", "%u of %u attempts", check->limit),
                            check->streak, check->limit);
  past = check->streak - check->limit;
  /* Translators: "2 attempts past the limit of 7". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u attempt past the limit of %u",
                                       "%u attempts past the limit of %u", past),
                          past, check->limit);
}

/**
 * pursuit_limit_next_attempt_text:
 * @check: a limit check
 *
 * Returns: (transfer full): the next attempt against the limit, for people
 */
char *
pursuit_limit_next_attempt_text (const PursuitLimitCheck *check)
{
  guint next;

  g_return_val_if_fail (check != NULL, NULL);

  next = check->streak + 1;
  if (next <= check->limit)
    /* Translators: "Attempt 3 of 7". */
    return g_strdup_printf (_("Attempt %u of %u"), next, check->limit);
  /* Translators: "Attempt 9, 2 past the limit of 7". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Attempt %u, %u past the limit of %u",
                                       "Attempt %u, %u past the limit of %u", next - check->limit),
                          next, next - check->limit, check->limit);
}

double
pursuit_limit_round_worth (double worth,
                           double cost)
{
  double rounded = worth >= 1 ? round (worth) : round (worth * 100) / 100;
  double cents;

  if (rounded < cost || !(worth < cost))
    return rounded;
  /* Down to the cent (19.81 × 100 is 1980.9999…), and below the cost. */
  cents = floor (worth * 100 + 1e-6);
  if (cents / 100 >= cost)
    cents -= 1;
  return cents / 100;
}
