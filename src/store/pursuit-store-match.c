/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-store"

#include "config.h"

#include "pursuit-store-private.h"

/* Finding the prospect a new one repeats, and an import that adds some
 * prospects and updates others in one transaction. */

static void
index_add (PursuitMatchIndex *index,
           PursuitProspect   *prospect)
{
  pursuit_match_index_add (index, pursuit_prospect_get_name (prospect), pursuit_prospect_get_company (prospect),
                           pursuit_prospect_get_email (prospect), pursuit_prospect_get_phone (prospect),
                           prospect);
}

/* The store's prospects but @except (may be NULL). Those in the Trash are
 * no match: the store's models do not hold them. */
static PursuitMatchIndex *
index_store (PursuitStore    *self,
             PursuitProspect *except)
{
  GListModel *prospects = pursuit_store_get_prospects (self);
  PursuitMatchIndex *index = pursuit_match_index_new ();
  guint n = g_list_model_get_n_items (prospects);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PursuitProspect) prospect = g_list_model_get_item (prospects, i);

      if (prospect != except)
        index_add (index, prospect);
    }
  return index;
}

/**
 * pursuit_store_new_match_index:
 * @self: a #PursuitStore
 *
 * An index of the store's prospects (not those in the Trash) for
 * pursuit_match_index_lookup(), whose items are the #PursuitProspects
 * themselves (transfer none: valid while the store holds them). An import
 * adds its new rows to it, so that rows repeating each other are found
 * too.
 *
 * Returns: (transfer full): the index
 */
PursuitMatchIndex *
pursuit_store_new_match_index (PursuitStore *self)
{
  g_return_val_if_fail (PURSUIT_IS_STORE (self), NULL);

  return index_store (self, NULL);
}

/**
 * pursuit_match_index_add_prospect:
 * @index: an index
 * @prospect: a prospect, detached or not, held by the caller while @index
 *   is used
 *
 * Adds @prospect under its email, phone, name and company.
 */
void
pursuit_match_index_add_prospect (PursuitMatchIndex *index,
                                  PursuitProspect   *prospect)
{
  g_return_if_fail (index != NULL);
  g_return_if_fail (PURSUIT_IS_PROSPECT (prospect));

  index_add (index, prospect);
}

/**
 * pursuit_match_index_lookup_prospect:
 * @index: an index
 * @candidate: a prospect
 * @reason: (out) (optional): why they match, %PURSUIT_MATCH_NONE without
 *
 * Returns: (transfer none) (nullable): the item of @index that @candidate
 *   repeats
 */
gpointer
pursuit_match_index_lookup_prospect (PursuitMatchIndex  *index,
                                     PursuitProspect    *candidate,
                                     PursuitMatchReason *reason)
{
  g_return_val_if_fail (index != NULL, NULL);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (candidate), NULL);

  return pursuit_match_index_lookup (index, pursuit_prospect_get_name (candidate),
                                     pursuit_prospect_get_company (candidate),
                                     pursuit_prospect_get_email (candidate),
                                     pursuit_prospect_get_phone (candidate), reason);
}

/* Which of the keys of @prospect the index of the candidate alone holds;
 * a prospect matched by email is the answer, the first by phone or by
 * name is kept in case none is. */
static PursuitProspect *
scan (PursuitStore       *self,
      PursuitProspect    *candidate,
      PursuitMatchIndex  *index,
      PursuitMatchReason *reason)
{
  GListModel *prospects = pursuit_store_get_prospects (self);
  PursuitProspect *best[PURSUIT_MATCH_NAME + 1] = { NULL };
  guint n = g_list_model_get_n_items (prospects);

  for (guint i = 0; i < n && best[PURSUIT_MATCH_EMAIL] == NULL; i++)
    {
      g_autoptr(PursuitProspect) prospect = g_list_model_get_item (prospects, i);
      PursuitMatchReason why;

      /* The match is symmetric: look the prospect up in the candidate. */
      if (prospect != candidate && pursuit_match_index_lookup_prospect (index, prospect, &why) != NULL
          && best[why] == NULL)
        best[why] = prospect;
    }

  for (PursuitMatchReason why = PURSUIT_MATCH_EMAIL; why <= PURSUIT_MATCH_NAME; why++)
    if (best[why] != NULL)
      {
        if (reason != NULL)
          *reason = why;
        return best[why];
      }
  if (reason != NULL)
    *reason = PURSUIT_MATCH_NONE;
  return NULL;
}

/**
 * pursuit_store_find_match:
 * @self: a #PursuitStore
 * @candidate: a prospect: detached (one about to be added), or one of
 *   the store's, which is never its own match
 * @reason: (out) (optional): why they match, %PURSUIT_MATCH_NONE when
 *   they do not
 *
 * The prospect of the store that @candidate repeats: one with the same
 * email (whatever the case), else the same phone digits, else the same
 * name and company (whatever the case and accents, unless both have
 * different emails). Prospects in the Trash are not looked at. Costs one
 * pass over the store's prospects.
 *
 * Returns: (transfer none) (nullable): the prospect @candidate repeats
 */
PursuitProspect *
pursuit_store_find_match (PursuitStore       *self,
                          PursuitProspect    *candidate,
                          PursuitMatchReason *reason)
{
  g_autoptr(PursuitMatchIndex) index = pursuit_match_index_new ();

  g_return_val_if_fail (PURSUIT_IS_STORE (self), NULL);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (candidate), NULL);

  /* The candidate's keys are looked up in each prospect's, one at a time:
   * no index of the whole store to build for one question. */
  index_add (index, candidate);
  return scan (self, candidate, index, reason);
}

static gboolean
validate_updates (PursuitStore  *self,
                  GPtrArray     *targets,
                  GPtrArray     *drafts,
                  GError       **error)
{
  for (guint i = 0; i < targets->len; i++)
    if (!pursuit_store_check_owned (self, g_ptr_array_index (targets, i), error)
        || !pursuit_store_validate_prospect (g_ptr_array_index (drafts, i), error))
      return FALSE;
  return TRUE;
}

static gboolean
write_updates (PursuitStore  *self,
               GPtrArray     *targets,
               GPtrArray     *drafts,
               GError       **error)
{
  for (guint i = 0; i < targets->len; i++)
    if (!pursuit_store_write_prospect (self, g_ptr_array_index (targets, i), g_ptr_array_index (drafts, i), error))
      return FALSE;
  return TRUE;
}

/**
 * pursuit_store_import:
 * @self: a #PursuitStore
 * @added: (element-type PursuitProspect): detached prospects to add
 * @targets: (element-type PursuitProspect): prospects of the store to
 *   update, each once
 * @drafts: (element-type PursuitProspect): for each of @targets, the
 *   detached copy holding its new values
 * @error: return location for a #PURSUIT_STORE_ERROR
 *
 * Adds @added and writes @drafts to @targets in one transaction: all or
 * nothing. Then the store adds the new prospects to its models (emitting
 * ::prospect-added) and updates the others as pursuit_store_update()
 * does.
 *
 * Returns: %TRUE on success; on failure nothing changed
 */
gboolean
pursuit_store_import (PursuitStore  *self,
                      GPtrArray     *added,
                      GPtrArray     *targets,
                      GPtrArray     *drafts,
                      GError       **error)
{
  PursuitDb *db;
  g_autofree gint64 *ids = NULL;
  g_autoptr(GPtrArray) hold = NULL;
  gboolean ok;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (added != NULL && targets != NULL && drafts != NULL, FALSE);
  g_return_val_if_fail (targets->len == drafts->len, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pursuit_store_validate_new (self, added, error) || !validate_updates (self, targets, drafts, error))
    return FALSE;
  if (added->len == 0 && targets->len == 0)
    return TRUE;

  db = pursuit_store_get_db (self);
  ids = g_new0 (gint64, added->len + 1);
  if (!pursuit_db_begin (db, error))
    return FALSE;
  ok = write_updates (self, targets, drafts, error) && pursuit_store_insert_new (self, added, ids, error);
  if (!pursuit_store_finish (self, ok, error))
    return FALSE;

  /* Signal handlers may drop the store's references. */
  hold = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < targets->len; i++)
    g_ptr_array_add (hold, g_object_ref (g_ptr_array_index (targets, i)));
  for (guint i = 0; i < targets->len; i++)
    pursuit_store_apply_update (self, g_ptr_array_index (targets, i), g_ptr_array_index (drafts, i));
  pursuit_store_track_new (self, added, ids);
  return TRUE;
}
