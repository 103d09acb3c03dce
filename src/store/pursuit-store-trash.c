/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pursuit-db.h"
#include "pursuit-store-trash-private.h"

/* The Trash keeps the rows: deleting sets prospect.deleted_at, restoring
 * clears it, and only emptying (by hand, or after PURSUIT_TRASH_DAYS)
 * deletes rows, whose touches go with them (ON DELETE CASCADE). Every
 * query that feeds the schedule, an export or an insight skips rows with
 * a deleted_at; the store's models never hold them. */

#define SQL_TRASH "UPDATE prospect SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL"
#define SQL_UNTRASH "UPDATE prospect SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL"
#define SQL_EMPTY "DELETE FROM prospect WHERE deleted_at IS NOT NULL"
#define SQL_PURGE "DELETE FROM prospect WHERE deleted_at IS NOT NULL AND deleted_at < ?1"

struct _PursuitTrash
{
  GListStore *model;     /* newest deletion first */
  GHashTable *deleted;   /* PursuitProspect → GDateTime, its deletion */
  GHashTable *by_id;     /* gint64 *id → PursuitProspect (borrowed) */
};

PursuitTrash *
pursuit_trash_new (void)
{
  PursuitTrash *trash = g_new0 (PursuitTrash, 1);

  trash->model = g_list_store_new (PURSUIT_TYPE_PROSPECT);
  trash->deleted = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_date_time_unref);
  trash->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  return trash;
}

void
pursuit_trash_free (PursuitTrash *trash)
{
  g_clear_pointer (&trash->by_id, g_hash_table_unref);
  g_clear_pointer (&trash->deleted, g_hash_table_unref);
  g_clear_object (&trash->model);
  g_free (trash);
}

static void
remember (PursuitTrash    *trash,
          PursuitProspect *prospect,
          GDateTime       *deleted_at)
{
  gint64 id = pursuit_prospect_get_id (prospect);

  g_hash_table_insert (trash->deleted, prospect, g_date_time_ref (deleted_at));
  g_hash_table_insert (trash->by_id, g_memdup2 (&id, sizeof id), prospect);
}

static void
forget (PursuitTrash    *trash,
        PursuitProspect *prospect)
{
  gint64 id = pursuit_prospect_get_id (prospect);
  guint position;

  g_hash_table_remove (trash->by_id, &id);
  g_hash_table_remove (trash->deleted, prospect);
  if (g_list_store_find (trash->model, prospect, &position))
    g_list_store_remove (trash->model, position);
}

void
pursuit_trash_load (PursuitTrash    *trash,
                    PursuitProspect *prospect,
                    gint64           deleted_at)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (deleted_at);

  if (when == NULL)
    when = g_date_time_new_from_unix_local (0);
  remember (trash, prospect, when);
  g_list_store_append (trash->model, prospect);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  PursuitTrash *trash = user_data;
  int order = g_date_time_compare (g_hash_table_lookup (trash->deleted, b),
                                   g_hash_table_lookup (trash->deleted, a));

  if (order != 0)
    return order;
  return pursuit_prospect_get_id ((PursuitProspect *) b) < pursuit_prospect_get_id ((PursuitProspect *) a) ? -1 : 1;
}

void
pursuit_trash_loaded (PursuitTrash *trash)
{
  g_list_store_sort (trash->model, compare_newest_first, trash);
}

/* Runs @sql with the id of @prospect as ?1 and @time as ?2 (when not 0),
 * in its own transaction; it must change one row. */
static gboolean
write_one (PursuitStore     *self,
           const char       *sql,
           PursuitProspect  *prospect,
           gint64            time,
           GError          **error)
{
  PursuitDb *db = pursuit_store_get_db (self);
  g_autoptr(PursuitDbStmt) stmt = NULL;
  gboolean ok;

  if (!pursuit_db_begin (db, error))
    return FALSE;
  stmt = pursuit_db_prepare (db, sql, error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, pursuit_prospect_get_id (prospect));
      if (time != 0)
        sqlite3_bind_int64 (stmt, 2, time);
    }
  ok = stmt != NULL && pursuit_db_step_done (db, stmt, error);
  if (ok && pursuit_db_changes (db) != 1)
    {
      /* Another program deleted or restored it behind our back. */
      g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                   _("“%s” is not saved in %s."), pursuit_prospect_get_name (prospect),
                   pursuit_store_get_path (self));
      ok = FALSE;
    }
  g_clear_pointer (&stmt, pursuit_db_stmt_release);
  return pursuit_store_finish (self, ok, error);
}

/* Inside the caller's transaction: marks @prospect deleted at @when. */
gboolean
pursuit_trash_write (PursuitStore     *self,
                     PursuitProspect  *prospect,
                     gint64            when,
                     GError          **error)
{
  PursuitDb *db = pursuit_store_get_db (self);
  g_autoptr(PursuitDbStmt) stmt = pursuit_db_prepare (db, SQL_TRASH, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pursuit_prospect_get_id (prospect));
  sqlite3_bind_int64 (stmt, 2, when);
  if (!pursuit_db_step_done (db, stmt, error))
    return FALSE;
  if (pursuit_db_changes (db) != 1)
    {
      g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                   _("“%s” is not saved in %s."), pursuit_prospect_get_name (prospect),
                   pursuit_store_get_path (self));
      return FALSE;
    }
  return TRUE;
}

/* Inside the caller's transaction: takes @prospect out of the Trash. */
gboolean
pursuit_trash_write_back (PursuitStore     *self,
                          PursuitProspect  *prospect,
                          GError          **error)
{
  PursuitDb *db = pursuit_store_get_db (self);
  g_autoptr(PursuitDbStmt) stmt = pursuit_db_prepare (db, SQL_UNTRASH, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pursuit_prospect_get_id (prospect));
  if (!pursuit_db_step_done (db, stmt, error))
    return FALSE;
  if (pursuit_db_changes (db) != 1)
    {
      g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                   _("“%s” is no longer in the Trash of %s."), pursuit_prospect_get_name (prospect),
                   pursuit_store_get_path (self));
      return FALSE;
    }
  return TRUE;
}

/* After the commit: from the models to the Trash. */
void
pursuit_trash_take (PursuitStore    *self,
                    PursuitProspect *prospect,
                    GDateTime       *when)
{
  g_autoptr(PursuitProspect) hold = g_object_ref (prospect);
  PursuitTrash *trash = pursuit_store_get_trash_data (self);

  pursuit_store_untrack_one (self, prospect);
  remember (trash, prospect, when);
  g_list_store_insert (trash->model, 0, prospect);
  pursuit_store_emit_removed (self, prospect);
}

/* pursuit_trash_take() of many prospects: each model changes once for a
 * run of them, not once for each. */
static void
take_many (PursuitStore *self,
           GPtrArray    *prospects,
           GDateTime    *when)
{
  g_autoptr(GPtrArray) hold = g_ptr_array_new_full (prospects->len, g_object_unref);
  g_autoptr(GPtrArray) newest_first = g_ptr_array_sized_new (prospects->len);
  PursuitTrash *trash = pursuit_store_get_trash_data (self);

  for (guint i = 0; i < prospects->len; i++)
    g_ptr_array_add (hold, g_object_ref (g_ptr_array_index (prospects, i)));
  pursuit_store_untrack_many (self, prospects);
  /* As taking them one by one at the top would leave them. */
  for (guint i = prospects->len; i > 0; i--)
    {
      remember (trash, g_ptr_array_index (prospects, i - 1), when);
      g_ptr_array_add (newest_first, g_ptr_array_index (prospects, i - 1));
    }
  g_list_store_splice (trash->model, 0, 0, newest_first->pdata, newest_first->len);
  for (guint i = 0; i < prospects->len; i++)
    pursuit_store_emit_removed (self, g_ptr_array_index (prospects, i));
}

/* After the commit: from the Trash back to the models. */
void
pursuit_trash_give_back (PursuitStore    *self,
                         PursuitProspect *prospect)
{
  g_autoptr(PursuitProspect) hold = g_object_ref (prospect);

  forget (pursuit_store_get_trash_data (self), prospect);
  pursuit_store_track_one (self, prospect);
  pursuit_store_emit_added (self, prospect);
}

/**
 * pursuit_store_trash:
 * @self: a #PursuitStore
 * @prospect: one of its prospects
 * @error: return location for a #PursuitStoreError
 *
 * Moves @prospect to the Trash, where it keeps its id and touches.
 *
 * Returns: whether it was moved
 */
gboolean
pursuit_store_trash (PursuitStore     *self,
                     PursuitProspect  *prospect,
                     GError          **error)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pursuit_store_check_owned (self, prospect, error))
    return FALSE;
  now = g_date_time_new_now_local ();
  if (!write_one (self, SQL_TRASH, prospect, g_date_time_to_unix (now), error))
    return FALSE;

  pursuit_trash_take (self, prospect, now);
  return TRUE;
}

/**
 * pursuit_store_trash_many:
 * @self: a #PursuitStore
 * @prospects: (element-type PursuitProspect): some of its prospects
 * @error: return location for a #PursuitStoreError
 *
 * Moves every one of @prospects to the Trash in one transaction: all or
 * none (the undo of an import).
 *
 * Returns: whether they were moved
 */
gboolean
pursuit_store_trash_many (PursuitStore  *self,
                          GPtrArray     *prospects,
                          GError       **error)
{
  g_autoptr(GDateTime) now = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (prospects != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < prospects->len; i++)
    if (!pursuit_store_check_owned (self, g_ptr_array_index (prospects, i), error))
      return FALSE;
  if (prospects->len == 0)
    return TRUE;
  now = g_date_time_new_now_local ();
  if (!pursuit_db_begin (pursuit_store_get_db (self), error))
    return FALSE;
  for (guint i = 0; ok && i < prospects->len; i++)
    ok = pursuit_trash_write (self, g_ptr_array_index (prospects, i), g_date_time_to_unix (now), error);
  if (!pursuit_store_finish (self, ok, error))
    return FALSE;
  take_many (self, prospects, now);
  return TRUE;
}

/**
 * pursuit_store_get_trash:
 * @self: a #PursuitStore
 *
 * Returns: (transfer none): the prospects in the Trash, most recently
 *   deleted first
 */
GListModel *
pursuit_store_get_trash (PursuitStore *self)
{
  g_return_val_if_fail (PURSUIT_IS_STORE (self), NULL);

  return G_LIST_MODEL (pursuit_store_get_trash_data (self)->model);
}

/**
 * pursuit_store_find_trashed:
 * @self: a #PursuitStore
 * @id: a prospect id
 *
 * Returns: (transfer none) (nullable): the prospect with @id in the Trash
 */
PursuitProspect *
pursuit_store_find_trashed (PursuitStore *self,
                            gint64        id)
{
  g_return_val_if_fail (PURSUIT_IS_STORE (self), NULL);

  return g_hash_table_lookup (pursuit_store_get_trash_data (self)->by_id, &id);
}

/**
 * pursuit_store_get_deleted_at:
 * @self: a #PursuitStore
 * @prospect: a prospect in its Trash
 *
 * Returns: (transfer none) (nullable): when @prospect was deleted
 */
GDateTime *
pursuit_store_get_deleted_at (PursuitStore    *self,
                              PursuitProspect *prospect)
{
  g_return_val_if_fail (PURSUIT_IS_STORE (self), NULL);

  return g_hash_table_lookup (pursuit_store_get_trash_data (self)->deleted, prospect);
}

static gboolean
check_trashed (PursuitStore     *self,
               PursuitProspect  *prospect,
               GError          **error)
{
  if (pursuit_store_find_trashed (self, pursuit_prospect_get_id (prospect)) == prospect)
    return TRUE;
  g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
               _("“%s” is no longer in the Trash of %s."), pursuit_prospect_get_name (prospect),
               pursuit_store_get_path (self));
  return FALSE;
}

/**
 * pursuit_store_untrash:
 * @self: a #PursuitStore
 * @prospect: a prospect in its Trash
 * @error: return location for a #PursuitStoreError
 *
 * Returns: whether @prospect is back, with its id and touches
 */
gboolean
pursuit_store_untrash (PursuitStore     *self,
                       PursuitProspect  *prospect,
                       GError          **error)
{
  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_trashed (self, prospect, error) || !write_one (self, SQL_UNTRASH, prospect, 0, error))
    return FALSE;

  pursuit_trash_give_back (self, prospect);
  return TRUE;
}

/* Deletes the rows that @sql picks (with @before as ?1 when not 0), then
 * forgets the prospects that @gone says went. */
static gboolean
delete_rows (PursuitStore     *self,
             const char       *sql,
             gint64            before,
             guint            *n_deleted,
             GError          **error)
{
  PursuitDb *db = pursuit_store_get_db (self);
  PursuitTrash *trash = pursuit_store_get_trash_data (self);
  g_autoptr(PursuitDbStmt) stmt = NULL;
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (trash->model));
  gboolean ok;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PursuitProspect) p = g_list_model_get_item (G_LIST_MODEL (trash->model), i);

      if (before == 0 || g_date_time_to_unix (g_hash_table_lookup (trash->deleted, p)) < before)
        g_ptr_array_add (gone, g_object_ref (p));
    }
  if (n_deleted != NULL)
    *n_deleted = gone->len;
  /* Nothing to do writes nothing: a read-only database still opens. */
  if (gone->len == 0)
    return TRUE;

  if (!pursuit_db_begin (db, error))
    return FALSE;
  stmt = pursuit_db_prepare (db, sql, error);
  if (stmt != NULL && before != 0)
    sqlite3_bind_int64 (stmt, 1, before);
  ok = stmt != NULL && pursuit_db_step_done (db, stmt, error);
  g_clear_pointer (&stmt, pursuit_db_stmt_release);
  if (!pursuit_store_finish (self, ok, error))
    return FALSE;

  for (guint i = 0; i < gone->len; i++)
    {
      forget (trash, g_ptr_array_index (gone, i));
      pursuit_prospect_set_id (g_ptr_array_index (gone, i), 0);
    }
  return TRUE;
}

/**
 * pursuit_store_empty_trash:
 * @self: a #PursuitStore
 * @error: return location for a #PursuitStoreError
 *
 * Returns: whether everything in the Trash was deleted for good
 */
gboolean
pursuit_store_empty_trash (PursuitStore  *self,
                           GError       **error)
{
  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return delete_rows (self, SQL_EMPTY, 0, NULL, error);
}

/**
 * pursuit_store_purge_trash:
 * @self: a #PursuitStore
 * @now: the time to count from
 * @n_purged: (out) (optional): how many prospects were deleted for good
 * @error: return location for a #PursuitStoreError
 *
 * Returns: whether what was older than PURSUIT_TRASH_DAYS was deleted
 */
gboolean
pursuit_store_purge_trash (PursuitStore  *self,
                           GDateTime     *now,
                           guint         *n_purged,
                           GError       **error)
{
  g_autoptr(GDateTime) cutoff = NULL;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  cutoff = g_date_time_add_days (now, -PURSUIT_TRASH_DAYS);
  return delete_rows (self, SQL_PURGE, g_date_time_to_unix (cutoff), n_purged, error);
}
