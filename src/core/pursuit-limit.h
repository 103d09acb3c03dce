/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pursuit-engine.h"
#include "pursuit-insights.h"

G_BEGIN_DECLS

/* The attempt limit as every view reads it. pursuit_engine_check_limit()
 * is the one computation: the cards, the prospect page and the reminders
 * call it through pursuit_store_check_limit(), and Insights call it on
 * the rows they load, with the limit settings copied here into their
 * parameters. The words for its result are the same everywhere too. */

/* Copies the limit settings of @policy (mode, fixed limit, cost per touch,
 * win rate) into @params. The learned curve is not copied: the insights
 * learn it from the same history and hand it to the policy, and count
 * with it. */
void  pursuit_limit_fill_params        (PursuitInsightsParams       *params,
                                        const PursuitPolicy         *policy);

/* The policy whose limits are those of @params (the other settings are
 * the defaults, the learned curve the prior). */
void  pursuit_limit_policy_from_params (PursuitPolicy               *policy,
                                        const PursuitInsightsParams *params);

/* The limit of one prospect as Insights load it: the streak and its own
 * limit as the store keeps them, the same numbers the card shows. */
void  pursuit_limit_check_prospect     (const PursuitPolicy           *policy,
                                        const PursuitInsightsProspect *prospect,
                                        PursuitLimitCheck             *out);

/* The streak against the limit, in words: "3 of 7 attempts", "7 of 7
 * attempts", and past the limit "2 attempts past the limit of 7". */
char *pursuit_limit_streak_text        (const PursuitLimitCheck     *check);

/* The next attempt against the limit, for reminders: "Attempt 3 of 7",
 * and past the limit "Attempt 9, 2 past the limit of 7". */
char *pursuit_limit_next_attempt_text  (const PursuitLimitCheck     *check);

/* An expected worth as people read it, "≈ $17" rather than "≈ $16.67"
 * (cents below 1), except that a worth below @cost never rounds up to it:
 * "worth ≈ $19.81 and costs $20", never "≈ $20 and costs $20". */
double pursuit_limit_round_worth       (double                       worth,
                                        double                       cost);

G_END_DECLS
