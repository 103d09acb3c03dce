/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pursuit-store-private.h"
#include "pursuit-store-touches.h"

/* Moves through the pipeline: drafts written with pursuit_store_update(),
 * so each is one transaction and notifies only after the commit. */

static GDateTime *
next_touch_on_enter (PursuitStore    *self,
                     PursuitProspect *prospect,
                     PursuitStage     stage,
                     PursuitTier      tier,
                     GDateTime       *now)
{
  GDateTime *callback = pursuit_prospect_get_callback_at (prospect);

  /* The inbox is not on the schedule, whatever was asked; the callback
   * comes back when the prospect is triaged. */
  if (stage == PURSUIT_STAGE_INBOX)
    return NULL;
  if (callback != NULL)
    return g_date_time_ref (callback);
  return pursuit_policy_due_on_enter (pursuit_store_get_policy (self),
                                      stage == PURSUIT_STAGE_ACTIVE ? tier : PURSUIT_TIER_NONE,
                                      stage == PURSUIT_STAGE_CUSTOMER, now);
}

/**
 * pursuit_store_move:
 * @self: a #PursuitStore
 * @prospect: a prospect of @self
 * @stage: the stage to move to, not %PURSUIT_STAGE_CLOSED
 * @tier: the tier, for %PURSUIT_STAGE_ACTIVE
 * @now: the time of the move
 * @error: return location for a #PursuitStoreError
 *
 * A prospect on the do-not-contact list stays let go: its move is refused
 * (%PURSUIT_STORE_ERROR_INVALID) until pursuit_store_set_do_not_contact()
 * lifts the mark.
 *
 * Returns: whether the move was saved
 */
gboolean
pursuit_store_move (PursuitStore     *self,
                    PursuitProspect  *prospect,
                    PursuitStage      stage,
                    PursuitTier       tier,
                    GDateTime        *now,
                    GError          **error)
{
  g_autoptr(PursuitProspect) draft = NULL;
  g_autoptr(GDateTime) next = NULL;
  GDateTime *revisit;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), FALSE);
  g_return_val_if_fail (stage != PURSUIT_STAGE_CLOSED, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (stage != PURSUIT_STAGE_ACTIVE)
    tier = PURSUIT_TIER_NONE;
  if (pursuit_prospect_get_stage (prospect) == stage && pursuit_prospect_get_tier (prospect) == tier)
    return TRUE;

  next = next_touch_on_enter (self, prospect, stage, tier, now);
  revisit = pursuit_prospect_get_revisit_at (prospect);
  draft = pursuit_prospect_dup (prospect);
  pursuit_prospect_set_stage (draft, stage);
  pursuit_prospect_set_tier (draft, tier);
  pursuit_prospect_set_next_touch (draft, next);
  pursuit_prospect_set_next_touch_manual (draft, FALSE);
  pursuit_prospect_set_close_reason (draft, "");
  /* A revisit date that has come stays: the engine counts the streak
   * afresh from it. One still ahead belonged to the closing. */
  if (revisit != NULL && g_date_time_compare (revisit, now) > 0)
    pursuit_prospect_set_revisit_at (draft, NULL);
  return pursuit_store_recount_streak (self, prospect, draft, now, error)
         && pursuit_store_update (self, prospect, draft, error);
}

/**
 * pursuit_store_let_go:
 * @self: a #PursuitStore
 * @prospect: a prospect of @self
 * @reason: why, one of the PURSUIT_CLOSE_REASON_* names
 * @revisit_at: (nullable): when the prospect returns to the inbox
 * @error: return location for a #PursuitStoreError
 *
 * Returns: whether the prospect was closed
 */
gboolean
pursuit_store_let_go (PursuitStore     *self,
                      PursuitProspect  *prospect,
                      const char       *reason,
                      GDateTime        *revisit_at,
                      GError          **error)
{
  g_autoptr(PursuitProspect) draft = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), FALSE);
  g_return_val_if_fail (reason != NULL && *reason != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  draft = pursuit_prospect_dup (prospect);
  pursuit_prospect_set_stage (draft, PURSUIT_STAGE_CLOSED);
  pursuit_prospect_set_tier (draft, PURSUIT_TIER_NONE);
  pursuit_prospect_set_next_touch (draft, NULL);
  pursuit_prospect_set_next_touch_manual (draft, FALSE);
  pursuit_prospect_set_close_reason (draft, reason);
  pursuit_prospect_set_revisit_at (draft, revisit_at);
  /* A firm no, or being asked not to call: on the do-not-contact list,
   * never back from a revisit. */
  if (g_str_equal (reason, PURSUIT_CLOSE_REASON_FIRM_NO) || g_str_equal (reason, PURSUIT_CLOSE_REASON_DO_NOT_CONTACT))
    {
      pursuit_prospect_set_do_not_contact (draft, TRUE);
      pursuit_prospect_set_revisit_at (draft, NULL);
      pursuit_prospect_set_callback_at (draft, NULL);
    }
  return pursuit_store_recount_streak (self, prospect, draft, now, error)
         && pursuit_store_update (self, prospect, draft, error);
}
