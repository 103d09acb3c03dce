/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-core"

#include <math.h>

#include "pursuit-policy.h"

/**
 * pursuit_policy_init_default:
 * @policy: the policy to fill
 *
 * Fills @policy with the defaults of the settings schema.
 */
void
pursuit_policy_init_default (PursuitPolicy *policy)
{
  g_return_if_fail (policy != NULL);

  pursuit_cadence_init_default (&policy->cadence);
  policy->customer_days = PURSUIT_DEFAULT_CUSTOMER_CADENCE;
  policy->limit_mode = PURSUIT_LIMIT_FIXED;
  policy->fixed_limit = PURSUIT_DEFAULT_FIXED_LIMIT;
  policy->cost_per_touch = PURSUIT_DEFAULT_COST_PER_TOUCH;
  policy->win_rate = PURSUIT_DEFAULT_WIN_RATE;
  policy->revisit_months = PURSUIT_DEFAULT_REVISIT_MONTHS;
  policy->max_per_day = PURSUIT_DEFAULT_MAX_PER_DAY;
  pursuit_learned_curve_init_prior (&policy->learned, policy->win_rate);
}

/**
 * pursuit_policy_equal:
 *
 * Returns: whether @a and @b hold the same preferences
 */
gboolean
pursuit_policy_equal (const PursuitPolicy *a,
                      const PursuitPolicy *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  for (guint i = 0; i < PURSUIT_N_TIERS; i++)
    if (a->cadence.days[i] != b->cadence.days[i])
      return FALSE;
  return a->customer_days == b->customer_days && a->limit_mode == b->limit_mode
         && a->fixed_limit == b->fixed_limit && a->cost_per_touch == b->cost_per_touch
         && a->win_rate == b->win_rate && a->revisit_months == b->revisit_months
         && a->max_per_day == b->max_per_day && pursuit_learned_curve_equal (&a->learned, &b->learned);
}

gboolean
pursuit_policy_learned_applies (const PursuitPolicy *policy)
{
  g_return_val_if_fail (policy != NULL, FALSE);

  return policy->limit_mode == PURSUIT_LIMIT_LEARNED && policy->learned.n_closed >= PURSUIT_LEARNED_MIN_CLOSED;
}

/**
 * pursuit_policy_attempt_limit:
 *
 * Returns: the attempt limit, at least 1
 */
guint
pursuit_policy_attempt_limit (const PursuitPolicy *policy,
                              guint                override_limit,
                              double               value)
{
  g_return_val_if_fail (policy != NULL, PURSUIT_DEFAULT_FIXED_LIMIT);

  if (override_limit > 0)
    return override_limit;
  if (policy->limit_mode == PURSUIT_LIMIT_LEARNED)
    {
      /* The break-even attempt of the user's own history, once there is
       * enough of it; until then, and without a value, by deal value. */
      if (pursuit_policy_learned_applies (policy) && isfinite (value) && value >= 0 && !isnan (policy->cost_per_touch))
        return pursuit_learned_curve_break_even (&policy->learned, value, policy->cost_per_touch);
      return pursuit_rules_attempt_limit (PURSUIT_LIMIT_VALUE, policy->fixed_limit, value,
                                          policy->win_rate, policy->cost_per_touch);
    }
  return pursuit_rules_attempt_limit (policy->limit_mode, policy->fixed_limit, value,
                                      policy->win_rate, policy->cost_per_touch);
}

/**
 * pursuit_policy_due_on_enter:
 *
 * Returns: (transfer full) (nullable): the due time
 */
GDateTime *
pursuit_policy_due_on_enter (const PursuitPolicy *policy,
                             PursuitTier          tier,
                             gboolean             customer,
                             GDateTime           *now)
{
  g_return_val_if_fail (policy != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (tier != PURSUIT_TIER_NONE)
    return pursuit_rules_due_on_enter (&policy->cadence, tier, now);
  if (customer)
    return g_date_time_add_days (now, (int) MIN (policy->customer_days, 3650));
  return NULL;
}

/**
 * pursuit_policy_revisit_date:
 *
 * Returns: (transfer full) (nullable): @now plus the revisit months, or
 *   NULL when the policy revisits never (0 months)
 */
GDateTime *
pursuit_policy_revisit_date (const PursuitPolicy *policy,
                             GDateTime           *now)
{
  g_return_val_if_fail (policy != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (policy->revisit_months == 0)
    return NULL;
  return g_date_time_add_months (now, (int) MIN (policy->revisit_months, 120));
}
