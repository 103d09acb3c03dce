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
  /* Until the settings say which (their default is Monday to Friday at
   * 9:00), every day at the time the cadence gives. */
  policy->work_days = PURSUIT_WORK_DAYS_ALL;
  policy->work_start = -1;
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
         && a->max_per_day == b->max_per_day && a->work_days == b->work_days
         && a->work_start == b->work_start && pursuit_learned_curve_equal (&a->learned, &b->learned);
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

  g_autoptr(GDateTime) due = NULL;

  if (tier != PURSUIT_TIER_NONE)
    due = pursuit_rules_due_on_enter (&policy->cadence, tier, now);
  else if (customer)
    due = g_date_time_add_days (now, (int) MIN (policy->customer_days, 3650));
  if (due == NULL)
    return NULL;
  /* Hot is due at once, during working hours. */
  return pursuit_policy_work_day (policy, due, tier == PURSUIT_TIER_HOT);
}

GDateTime *
pursuit_policy_due_after_touch (const PursuitPolicy *policy,
                                PursuitTier          tier,
                                gboolean             customer,
                                GDateTime           *touched_at)
{
  g_autoptr(GDateTime) due = NULL;

  g_return_val_if_fail (policy != NULL, NULL);
  g_return_val_if_fail (touched_at != NULL, NULL);

  if (tier != PURSUIT_TIER_NONE)
    due = pursuit_rules_due_after_touch (&policy->cadence, tier, touched_at);
  else if (customer)
    due = g_date_time_add_days (touched_at, (int) MIN (policy->customer_days, 3650));
  return due != NULL ? pursuit_policy_work_day (policy, due, FALSE) : NULL;
}

static gboolean
is_work_day (const PursuitPolicy *policy,
             GDateTime           *when)
{
  guint days = policy->work_days & PURSUIT_WORK_DAYS_ALL;

  return days == 0 || (days & PURSUIT_WORK_DAY_BIT (g_date_time_get_day_of_week (when))) != 0;
}

static int
minute_of_day (GDateTime *when)
{
  return g_date_time_get_hour (when) * 60 + g_date_time_get_minute (when);
}

GDateTime *
pursuit_policy_work_day (const PursuitPolicy *policy,
                         GDateTime           *when,
                         gboolean             now_ok)
{
  g_autoptr(GDateTime) day = NULL;
  int start;

  g_return_val_if_fail (policy != NULL, NULL);
  g_return_val_if_fail (when != NULL, NULL);

  start = policy->work_start < 0 ? -1 : MIN (policy->work_start, 24 * 60 - 1);
  if (is_work_day (policy, when) && (start < 0 || (now_ok && minute_of_day (when) >= start)))
    return g_date_time_ref (when);

  /* The start of this day if it is a working day, else of the first
   * working day after it. */
  day = g_date_time_ref (when);
  for (guint i = 0; i < 7 && !is_work_day (policy, day); i++)
    {
      GDateTime *next = g_date_time_add_days (day, 1);

      g_date_time_unref (day);
      day = next;
    }
  if (start < 0)
    {
      /* A day off, without a start: the first working day, at the time. */
      return g_steal_pointer (&day);
    }
  return g_date_time_new (g_date_time_get_timezone (day), g_date_time_get_year (day), g_date_time_get_month (day),
                          g_date_time_get_day_of_month (day), start / 60, start % 60, 0);
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
