/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pursuit-insights.h"
#include "pursuit-store.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_INSIGHTS_VIEW (pursuit_insights_view_get_type ())

G_DECLARE_FINAL_TYPE (PursuitInsightsView, pursuit_insights_view, PURSUIT, INSIGHTS_VIEW, AdwBin)

/**
 * PursuitInsightsPeriod:
 *
 * The periods of the selector, in its order.
 */
typedef enum
{
  PURSUIT_INSIGHTS_PERIOD_30_DAYS,
  PURSUIT_INSIGHTS_PERIOD_90_DAYS,
  PURSUIT_INSIGHTS_PERIOD_365_DAYS,
  PURSUIT_INSIGHTS_PERIOD_ALL,
} PursuitInsightsPeriod;

/* The "store" property: shows the insights of its history (NULL: none). They are worked
 * out in a thread after the window's first frame, and again half a second
 * after the last change to the store; the learned response curve goes to
 * the store's policy for the "learned" attempt limit. */
PursuitStore *pursuit_insights_view_get_store   (PursuitInsightsView   *self);
void          pursuit_insights_view_set_store   (PursuitInsightsView   *self,
                                                 PursuitStore          *store);

void          pursuit_insights_view_set_period  (PursuitInsightsView   *self,
                                                 PursuitInsightsPeriod  period);

/* The result on screen, NULL before the first; for tests. */
const PursuitInsights *pursuit_insights_view_get_insights (PursuitInsightsView *self);

/* The text the view shows (headline, sentences, chart summaries), one
 * part a line; for tests and for copying. */
char         *pursuit_insights_view_dup_text    (PursuitInsightsView   *self);

G_END_DECLS
