/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pursuit-insights.h"
#include "pursuit-rules.h"

G_BEGIN_DECLS

#define PURSUIT_DEFAULT_CUSTOMER_CADENCE 90
#define PURSUIT_DEFAULT_REVISIT_MONTHS   6
#define PURSUIT_DEFAULT_MAX_PER_DAY      25

/* The working week: bit (d - 1) for ISO weekday d (1 Monday … 7 Sunday). */
#define PURSUIT_WORK_DAY_BIT(weekday) (1u << ((weekday) - 1))
#define PURSUIT_WORK_DAYS_ALL         0x7fu
#define PURSUIT_WORK_DAYS_WEEKDAYS    0x1fu
/* The settings' default start of the working day, in minutes. */
#define PURSUIT_DEFAULT_WORK_START    (9 * 60)

/**
 * PursuitPolicy:
 * @cadence: days between touches per tier
 * @customer_days: days between keep-in-touch contacts with customers
 * @limit_mode: how the attempt limit is set
 * @fixed_limit: the limit in %PURSUIT_LIMIT_FIXED mode, and the fallback
 *   for prospects without a value
 * @cost_per_touch: what one touch costs, in the user's currency
 * @win_rate: the chance that one attempt wins the deal (0..1)
 * @revisit_months: when a let-go prospect returns to the inbox
 * @max_per_day: touches a day before the calendar marks it as loaded
 * @work_days: the days follow-ups are planned on (PURSUIT_WORK_DAY_BIT()s;
 *   0 counts as every day)
 * @work_start: when the working day starts, in minutes after midnight;
 *   negative to plan at the time the cadence gives
 * @learned: the response curve learned from the user's history, for
 *   %PURSUIT_LIMIT_LEARNED; the prior alone until the insights fill it
 *   (not a setting: the application keeps it across settings changes)
 *
 * The user's follow-up preferences as plain data: the application fills
 * it from GSettings, the store and the rules read it.
 */
typedef struct
{
  PursuitCadence   cadence;
  guint            customer_days;
  PursuitLimitMode limit_mode;
  guint            fixed_limit;
  double           cost_per_touch;
  double           win_rate;
  guint            revisit_months;
  guint            max_per_day;
  guint            work_days;
  int              work_start;
  PursuitLearnedCurve learned;
} PursuitPolicy;

void      pursuit_policy_init_default  (PursuitPolicy       *policy);
gboolean  pursuit_policy_equal         (const PursuitPolicy *a,
                                        const PursuitPolicy *b);

/* The attempt limit of a prospect: its own @override_limit when not 0,
 * otherwise what the policy's mode gives for @value (-1: no value). */
guint     pursuit_policy_attempt_limit (const PursuitPolicy *policy,
                                        guint                override_limit,
                                        double               value);

/* Whether %PURSUIT_LIMIT_LEARNED uses the learned curve: at least
 * PURSUIT_LEARNED_MIN_CLOSED closed prospects. Below that, and for
 * prospects without a value, it is value-based. */
gboolean  pursuit_policy_learned_applies (const PursuitPolicy *policy);

/* When a prospect entering @tier at @now is next due: the tier's cadence,
 * or for customers (@tier PURSUIT_TIER_NONE and @customer TRUE) the
 * keep-in-touch cadence; NULL when neither applies. */
GDateTime *pursuit_policy_due_on_enter (const PursuitPolicy *policy,
                                        PursuitTier          tier,
                                        gboolean             customer,
                                        GDateTime           *now);

/* When the next touch is due after a touch at @touched_at: the cadence of
 * @tier, or for customers the keep-in-touch cadence, moved to the working
 * day (pursuit_policy_work_day()). */
GDateTime *pursuit_policy_due_after_touch (const PursuitPolicy *policy,
                                           PursuitTier          tier,
                                           gboolean             customer,
                                           GDateTime           *touched_at);

/* @when on the policy's working week: the first working day from its day
 * on, at the start of the working day. With @now_ok, a time already in a
 * working day after its start stays as it is (Hot: "now" during working
 * hours). A policy without a start keeps the time; one that works every
 * day keeps the day. */
GDateTime *pursuit_policy_work_day      (const PursuitPolicy *policy,
                                         GDateTime           *when,
                                         gboolean             now_ok);

/* The default revisit date of a prospect let go at @now. */
GDateTime *pursuit_policy_revisit_date (const PursuitPolicy *policy,
                                        GDateTime           *now);

G_END_DECLS
