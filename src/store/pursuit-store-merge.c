/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pursuit-db.h"
#include "pursuit-store-merge.h"
#include "pursuit-store-touches.h"
#include "pursuit-store-trash-private.h"

#define SQL_UPDATED_AT "SELECT updated_at FROM prospect WHERE id = ?1"
#define SQL_TOUCH_IDS "SELECT id FROM touch WHERE prospect_id = ?1"
#define SQL_MOVE_TOUCH "UPDATE touch SET prospect_id = ?2 WHERE id = ?1"

struct _PursuitMergeUndo
{
  PursuitProspect *keep;
  PursuitProspect *before;   /* @keep as it was */
  PursuitProspect *other;    /* in the Trash */
  GArray          *moved;    /* gint64: the touches that were @other's */
};

void
pursuit_merge_undo_free (PursuitMergeUndo *undo)
{
  g_clear_object (&undo->keep);
  g_clear_object (&undo->before);
  g_clear_object (&undo->other);
  g_clear_pointer (&undo->moved, g_array_unref);
  g_free (undo);
}

static gint64
updated_at (PursuitStore    *self,
            PursuitProspect *prospect)
{
  PursuitDb *db = pursuit_store_get_db (self);
  g_autoptr(PursuitDbStmt) stmt = pursuit_db_prepare (db, SQL_UPDATED_AT, NULL);
  gboolean has_row = FALSE;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, pursuit_prospect_get_id (prospect));
  if (!pursuit_db_step_row (db, stmt, &has_row, NULL) || !has_row)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

static const char *
either (const char *newer,
        const char *older)
{
  return newer[0] != '\0' ? newer : older;
}

/* The newer prospect's details and plan, the older's texts where the
 * newer has none, and both notes. */
static PursuitProspect *
merged_draft (PursuitProspect *keep,
              PursuitProspect *newer,
              PursuitProspect *older)
{
  PursuitProspect *draft = pursuit_prospect_dup (newer);
  const char *notes_new = pursuit_prospect_get_notes (newer);
  const char *notes_old = pursuit_prospect_get_notes (older);
  GDateTime *created_new = pursuit_prospect_get_created_at (newer);
  GDateTime *created_old = pursuit_prospect_get_created_at (older);

  pursuit_prospect_set_name (draft, either (pursuit_prospect_get_name (newer), pursuit_prospect_get_name (older)));
  pursuit_prospect_set_company (draft, either (pursuit_prospect_get_company (newer),
                                               pursuit_prospect_get_company (older)));
  pursuit_prospect_set_email (draft, either (pursuit_prospect_get_email (newer), pursuit_prospect_get_email (older)));
  pursuit_prospect_set_phone (draft, either (pursuit_prospect_get_phone (newer), pursuit_prospect_get_phone (older)));
  pursuit_prospect_set_source (draft, either (pursuit_prospect_get_source (newer),
                                              pursuit_prospect_get_source (older)));
  if (notes_new[0] != '\0' && notes_old[0] != '\0' && g_strcmp0 (notes_new, notes_old) != 0)
    {
      g_autofree char *both = g_strconcat (notes_old, "\n\n", notes_new, NULL);
      pursuit_prospect_set_notes (draft, both);
    }
  else
    pursuit_prospect_set_notes (draft, either (notes_new, notes_old));
  /* The tags of both. */
  {
    g_autofree char *tags = g_strconcat (pursuit_prospect_get_tags (older), ",",
                                         pursuit_prospect_get_tags (newer), NULL);
    pursuit_prospect_set_tags (draft, tags);
  }
  if (!pursuit_prospect_has_value (newer) && pursuit_prospect_has_value (older))
    pursuit_prospect_set_value (draft, pursuit_prospect_get_value (older));
  if (created_old != NULL && (created_new == NULL || g_date_time_compare (created_old, created_new) < 0))
    pursuit_prospect_set_created_at (draft, created_old);
  /* Either one asked not to be contacted: so did the person. */
  if (pursuit_prospect_get_do_not_contact (older) && !pursuit_prospect_get_do_not_contact (newer))
    {
      pursuit_prospect_set_do_not_contact (draft, TRUE);
      pursuit_prospect_set_stage (draft, PURSUIT_STAGE_CLOSED);
      pursuit_prospect_set_tier (draft, PURSUIT_TIER_NONE);
      pursuit_prospect_set_close_reason (draft, pursuit_prospect_get_close_reason (older));
      pursuit_prospect_set_next_touch (draft, NULL);
      pursuit_prospect_set_next_touch_manual (draft, FALSE);
      pursuit_prospect_set_callback_at (draft, NULL);
      pursuit_prospect_set_revisit_at (draft, NULL);
    }
  return draft;
}

static gboolean
read_touch_ids (PursuitStore     *self,
                PursuitProspect  *prospect,
                GArray           *ids,
                GError          **error)
{
  PursuitDb *db = pursuit_store_get_db (self);
  g_autoptr(PursuitDbStmt) stmt = pursuit_db_prepare (db, SQL_TOUCH_IDS, error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pursuit_prospect_get_id (prospect));
  while (pursuit_db_step_row (db, stmt, &has_row, error))
    {
      gint64 id;

      if (!has_row)
        return TRUE;
      id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  return FALSE;
}

static gboolean
move_touches (PursuitStore     *self,
              GArray           *ids,
              PursuitProspect  *to,
              GError          **error)
{
  PursuitDb *db = pursuit_store_get_db (self);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(PursuitDbStmt) stmt = pursuit_db_prepare (db, SQL_MOVE_TOUCH, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      sqlite3_bind_int64 (stmt, 2, pursuit_prospect_get_id (to));
      if (!pursuit_db_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The streak and the next touch follow from all the touches now @keep's:
 * the newest one, written again as it is, has the engine plan anew. */
static void
replan (PursuitStore    *self,
        PursuitProspect *keep)
{
  g_autoptr(GListModel) touches = pursuit_store_list_touches (self, keep, NULL);
  g_autoptr(PursuitTouch) newest = NULL;
  g_autoptr(PursuitTouch) values = NULL;
  g_autoptr(GError) error = NULL;

  if (touches == NULL || g_list_model_get_n_items (touches) == 0)
    return;
  newest = g_list_model_get_item (touches, 0);
  values = pursuit_touch_new (pursuit_prospect_get_id (keep), pursuit_touch_get_happened_at (newest),
                              pursuit_touch_get_channel (newest), pursuit_touch_get_direction (newest),
                              pursuit_touch_get_outcome (newest));
  pursuit_touch_set_callback_at (values, pursuit_touch_get_callback_at (newest));
  pursuit_touch_set_note (values, pursuit_touch_get_note (newest));
  pursuit_touch_set_informational (values, pursuit_touch_get_informational (newest));
  if (!pursuit_store_edit_touch (self, newest, values, NULL, &error))
    g_warning ("Could not plan the merged prospect again: %s", error->message);
}

/**
 * pursuit_store_merge:
 * @self: a #PursuitStore
 * @keep: the prospect that stays, with its id
 * @other: the prospect merged into it, which goes to the Trash
 * @undo: (out) (optional): what undoes the merge
 * @error: return location for a #PursuitStoreError
 *
 * Returns: whether the two are one now
 */
gboolean
pursuit_store_merge (PursuitStore      *self,
                     PursuitProspect   *keep,
                     PursuitProspect   *other,
                     PursuitMergeUndo **undo,
                     GError           **error)
{
  g_autoptr(PursuitProspect) draft = NULL;
  g_autoptr(PursuitProspect) before = NULL;
  g_autoptr(GArray) moved = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  PursuitDb *db;
  gboolean newer_is_other, ok;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (keep), FALSE);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (other), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pursuit_store_check_owned (self, keep, error) || !pursuit_store_check_owned (self, other, error))
    return FALSE;
  if (keep == other)
    {
      g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                   _("“%s” cannot be merged with itself."), pursuit_prospect_get_name (keep));
      return FALSE;
    }

  db = pursuit_store_get_db (self);
  newer_is_other = updated_at (self, other) > updated_at (self, keep);
  before = pursuit_prospect_dup (keep);
  draft = newer_is_other ? merged_draft (keep, other, keep) : merged_draft (keep, keep, other);
  if (!pursuit_store_validate_prospect (draft, error) || !pursuit_db_begin (db, error))
    return FALSE;
  ok = read_touch_ids (self, other, moved, error) && move_touches (self, moved, keep, error)
       && pursuit_store_write_prospect (self, keep, draft, error)
       && pursuit_trash_write (self, other, g_date_time_to_unix (now), error);
  if (!pursuit_store_finish (self, ok, error))
    return FALSE;

  pursuit_store_apply_update (self, keep, draft);
  pursuit_trash_take (self, other, now);
  if (moved->len > 0)
    replan (self, keep);

  if (undo != NULL)
    {
      *undo = g_new0 (PursuitMergeUndo, 1);
      (*undo)->keep = g_object_ref (keep);
      (*undo)->before = g_steal_pointer (&before);
      (*undo)->other = g_object_ref (other);
      (*undo)->moved = g_steal_pointer (&moved);
    }
  return TRUE;
}

/**
 * pursuit_store_undo_merge:
 * @self: a #PursuitStore
 * @undo: what pursuit_store_merge() gave
 * @error: return location for a #PursuitStoreError
 *
 * Returns: whether both prospects are back as they were
 */
gboolean
pursuit_store_undo_merge (PursuitStore      *self,
                          PursuitMergeUndo  *undo,
                          GError           **error)
{
  PursuitDb *db;
  gboolean ok;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (undo != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pursuit_store_check_owned (self, undo->keep, error))
    return FALSE;
  if (pursuit_store_find_trashed (self, pursuit_prospect_get_id (undo->other)) != undo->other)
    {
      g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                   _("“%s” is no longer in the Trash of %s."), pursuit_prospect_get_name (undo->other),
                   pursuit_store_get_path (self));
      return FALSE;
    }

  db = pursuit_store_get_db (self);
  if (!pursuit_db_begin (db, error))
    return FALSE;
  ok = pursuit_trash_write_back (self, undo->other, error) && move_touches (self, undo->moved, undo->other, error)
       && pursuit_store_write_prospect (self, undo->keep, undo->before, error);
  if (!pursuit_store_finish (self, ok, error))
    return FALSE;

  pursuit_store_apply_update (self, undo->keep, undo->before);
  pursuit_trash_give_back (self, undo->other);
  return TRUE;
}
