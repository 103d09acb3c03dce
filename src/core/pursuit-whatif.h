/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pursuit-insights.h"

G_BEGIN_DECLS

/* "What would a different limit have done?": the user's closed prospects
 * replayed with another attempt limit. A limit of n means that the
 * attempt made when n attempts in a row had gone unanswered is not made,
 * and the pursuit ends there: the attempts from it on are saved, and a
 * win that came after it is lost (even one where the prospect would have
 * come back by itself). A return from a revisit starts the streak afresh,
 * as everywhere else. */

/* Replays one closed prospect with every limit from 1 to
 * PURSUIT_LIMIT_MAX, adding to @what_if[n], and with @own_limit (its limit
 * under another rule, 1 .. PURSUIT_LIMIT_MAX), adding to @what_if[0].
 * @touches are those that count (for a customer, up to its win), in time
 * order; @now places the revisit. */
void  pursuit_what_if_add  (PursuitWhatIf                 *what_if,
                            const PursuitInsightsProspect *prospect,
                            const PursuitInsightsTouch    *touches,
                            guint                          n_touches,
                            gint64                         now,
                            guint                          own_limit);

/* The sentence for people, with the money already formatted by the
 * caller: "With a limit of 5 you would have made 212 fewer attempts
 * (≈ $4,240) and lost 2 wins worth $9,000. On balance, ≈ $4,760 less."
 * @limit 0 names the learned limit. @saved_text is the attempts saved
 * times the cost per touch, @lost_text the value lost, @net_text the
 * difference of the two without its sign (the sign is @net). */
char *pursuit_what_if_text (const PursuitWhatIf *what_if,
                            guint                limit,
                            const char          *saved_text,
                            const char          *lost_text,
                            const char          *net_text,
                            double               net);

G_END_DECLS
