/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pursuit-enums.h"
#include "pursuit-store-private.h"

/* Touches: logging, listing and their validation. */

#define SQL_INSERT_TOUCH                                                          \
  "INSERT INTO touch (prospect_id, happened_at, channel, direction, outcome, "    \
  "callback_at, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
#define SQL_SELECT_TOUCHES                                                        \
  "SELECT id, happened_at, channel, direction, outcome, callback_at, note "       \
  "FROM touch WHERE prospect_id = ?1 ORDER BY happened_at DESC, id DESC"

gboolean
pursuit_store_validate_touch (PursuitStore  *self,
                PursuitTouch  *touch,
                GError       **error)
{
  gint64 prospect_id = pursuit_touch_get_prospect_id (touch);

  if (pursuit_touch_get_id (touch) != 0)
    {
      g_set_error_literal (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                           _("This touch is already saved."));
      return FALSE;
    }
  if (pursuit_store_find (self, prospect_id) == NULL)
    {
      g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                   _("The touch is for a prospect that is not saved in %s."),
                   pursuit_store_get_path (self));
      return FALSE;
    }
  if (pursuit_touch_get_happened_at (touch) == NULL ||
      !pursuit_store_enum_is_valid (PURSUIT_TYPE_CHANNEL, pursuit_touch_get_channel (touch)) ||
      !pursuit_store_enum_is_valid (PURSUIT_TYPE_DIRECTION, pursuit_touch_get_direction (touch)) ||
      !pursuit_store_enum_is_valid (PURSUIT_TYPE_OUTCOME, pursuit_touch_get_outcome (touch)))
    {
      g_set_error_literal (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                           _("A touch needs a date, a channel, a direction and an outcome."));
      return FALSE;
    }
  if (!g_utf8_validate (pursuit_touch_get_note (touch), -1, NULL))
    {
      g_set_error_literal (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                           _("The note of this touch is not valid UTF-8."));
      return FALSE;
    }
  return TRUE;
}

static PursuitTouch *
read_touch (PursuitDbStmt *stmt,
            gint64         prospect_id,
            GTimeZone     *zone)
{
  g_autoptr(GDateTime) happened_at = pursuit_db_column_time (stmt, 1, zone);
  g_autoptr(GDateTime) callback_at = pursuit_db_column_time (stmt, 5, zone);
  PursuitChannel channel = PURSUIT_CHANNEL_CALL;
  PursuitDirection direction = PURSUIT_DIRECTION_OUT;
  PursuitOutcome outcome = PURSUIT_OUTCOME_NO_ANSWER;
  PursuitTouch *touch;

  /* Unknown names (a hand-edited file) fall back to the defaults. */
  pursuit_channel_from_string (pursuit_db_column_string (stmt, 2), &channel);
  pursuit_direction_from_string (pursuit_db_column_string (stmt, 3), &direction);
  pursuit_outcome_from_string (pursuit_db_column_string (stmt, 4), &outcome);

  touch = pursuit_touch_new (prospect_id, happened_at, channel, direction, outcome);
  pursuit_touch_set_id (touch, sqlite3_column_int64 (stmt, 0));
  pursuit_touch_set_callback_at (touch, callback_at);
  pursuit_touch_set_note (touch, pursuit_db_column_string (stmt, 6));
  return touch;
}

static gboolean
insert_touch (PursuitStore  *self,
              PursuitTouch  *touch,
              gint64        *id,
              GError       **error)
{
  g_autoptr(PursuitDbStmt) stmt = pursuit_db_prepare (pursuit_store_get_db (self), SQL_INSERT_TOUCH, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pursuit_touch_get_prospect_id (touch));
  pursuit_db_bind_time (stmt, 2, pursuit_touch_get_happened_at (touch));
  pursuit_db_bind_string (stmt, 3, pursuit_channel_to_string (pursuit_touch_get_channel (touch)));
  pursuit_db_bind_string (stmt, 4,
                          pursuit_direction_to_string (pursuit_touch_get_direction (touch)));
  pursuit_db_bind_string (stmt, 5, pursuit_outcome_to_string (pursuit_touch_get_outcome (touch)));
  pursuit_db_bind_time (stmt, 6, pursuit_touch_get_callback_at (touch));
  pursuit_db_bind_string (stmt, 7, pursuit_touch_get_note (touch));
  if (!pursuit_db_step_done (pursuit_store_get_db (self), stmt, error))
    return FALSE;
  *id = pursuit_db_last_insert_rowid (pursuit_store_get_db (self));
  return TRUE;
}

gboolean
pursuit_store_add_touch (PursuitStore  *self,
                         PursuitTouch  *touch,
                         GError       **error)
{
  gint64 id = 0;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (PURSUIT_IS_TOUCH (touch), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pursuit_store_validate_touch (self, touch, error))
    return FALSE;

  if (!pursuit_db_begin (pursuit_store_get_db (self), error) ||
      !pursuit_store_finish (self, insert_touch (self, touch, &id, error), error))
    return FALSE;

  pursuit_touch_set_id (touch, id);
  pursuit_store_emit_touch_added (self, touch);
  return TRUE;
}

/**
 * pursuit_store_log_touch:
 *
 * Saves @touch and writes @draft to the touch's prospect in one
 * transaction, since neither the touch nor the streak and next touch it
 * leads to may be saved without the other.
 */
gboolean
pursuit_store_log_touch (PursuitStore     *self,
                         PursuitTouch     *touch,
                         PursuitProspect  *draft,
                         GError          **error)
{
  g_autoptr(PursuitProspect) prospect = NULL;
  gint64 id = 0;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (PURSUIT_IS_TOUCH (touch), FALSE);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (draft), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pursuit_store_validate_touch (self, touch, error) || !pursuit_store_validate_prospect (draft, error))
    return FALSE;
  prospect = g_object_ref (pursuit_store_find (self, pursuit_touch_get_prospect_id (touch)));

  if (!pursuit_db_begin (pursuit_store_get_db (self), error) ||
      !pursuit_store_finish (self,
               insert_touch (self, touch, &id, error) &&
               pursuit_store_write_prospect (self, prospect, draft, error),
               error))
    return FALSE;

  pursuit_touch_set_id (touch, id);
  pursuit_store_emit_touch_added (self, touch);
  pursuit_store_apply_update (self, prospect, draft);
  return TRUE;
}

/**
 * pursuit_store_list_touches:
 * @self: a #PursuitStore
 * @prospect: a prospect of @self
 * @error: return location for a #PursuitStoreError
 *
 * Returns: (transfer full) (nullable): a new model of the touches of
 *   @prospect, newest first
 */
GListModel *
pursuit_store_list_touches (PursuitStore     *self,
                            PursuitProspect  *prospect,
                            GError          **error)
{
  g_autoptr(GListStore) touches = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(PursuitDbStmt) stmt = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  gint64 prospect_id;
  gboolean has_row;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), NULL);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!pursuit_store_check_owned (self, prospect, error))
    return NULL;
  stmt = pursuit_db_prepare (pursuit_store_get_db (self), SQL_SELECT_TOUCHES, error);
  if (stmt == NULL)
    return NULL;

  prospect_id = pursuit_prospect_get_id (prospect);
  sqlite3_bind_int64 (stmt, 1, prospect_id);
  loaded = g_ptr_array_new_with_free_func (g_object_unref);
  zone = g_time_zone_new_local ();
  while (pursuit_db_step_row (pursuit_store_get_db (self), stmt, &has_row, error))
    {
      if (!has_row)
        {
          touches = g_list_store_new (PURSUIT_TYPE_TOUCH);
          g_list_store_splice (touches, 0, 0, loaded->pdata, loaded->len);
          return G_LIST_MODEL (g_steal_pointer (&touches));
        }
      g_ptr_array_add (loaded, read_touch (stmt, prospect_id, zone));
    }
  return NULL;
}
