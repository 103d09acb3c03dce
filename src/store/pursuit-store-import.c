/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-store"

#include "config.h"

#include "pursuit-store-private.h"

/* An import in a thread. The store and its prospects belong to the main
 * thread: what the thread needs of them (the keys duplicates are found
 * by, the path, the policy) is copied there first; the thread writes on
 * a connection of its own, in one transaction, and the store learns of
 * it on the main thread after the commit, all at once.
 *
 * The thread still reads the prospects its rows repeat (their id, and
 * for an update their values, which it copies into a draft): the import
 * dialog is modal, so that the user changes none of them meanwhile. A
 * prospect deleted meanwhile is not updated in the models (its row is
 * written in the Trash, as an edit would be). */

typedef struct
{
  PursuitProspect *prospect;
  char            *name;
  char            *company;
  char            *email;
  char            *phone;
} Keys;

struct _PursuitStoreImport
{
  PursuitStore  *store;
  char          *path;
  PursuitPolicy  policy;
  Keys          *keys;
  guint          n_keys;

  /* Written, to apply. */
  GPtrArray     *added;
  GPtrArray     *targets;
  GPtrArray     *drafts;
  gint64        *ids;
};

/**
 * pursuit_store_import_new:
 * @self: a #PursuitStore
 *
 * On the main thread: what an import in a thread needs of @self.
 *
 * Returns: (transfer full): the import, for
 *   pursuit_store_import_index() and pursuit_store_import_write() in a
 *   thread, then pursuit_store_import_apply() on the main thread
 */
PursuitStoreImport *
pursuit_store_import_new (PursuitStore *self)
{
  GListModel *prospects;
  PursuitStoreImport *import;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), NULL);

  prospects = pursuit_store_get_prospects (self);
  import = g_new0 (PursuitStoreImport, 1);
  import->store = g_object_ref (self);
  import->path = g_strdup (pursuit_store_get_path (self));
  import->policy = *pursuit_store_get_policy (self);
  import->n_keys = g_list_model_get_n_items (prospects);
  import->keys = g_new0 (Keys, import->n_keys);
  for (guint i = 0; i < import->n_keys; i++)
    {
      PursuitProspect *prospect = g_list_model_get_item (prospects, i);
      Keys *keys = &import->keys[i];

      keys->prospect = prospect;
      keys->name = g_strdup (pursuit_prospect_get_name (prospect));
      keys->company = g_strdup (pursuit_prospect_get_company (prospect));
      keys->email = g_strdup (pursuit_prospect_get_email (prospect));
      keys->phone = g_strdup (pursuit_prospect_get_phone (prospect));
    }
  return import;
}

void
pursuit_store_import_free (PursuitStoreImport *import)
{
  if (import == NULL)
    return;
  for (guint i = 0; i < import->n_keys; i++)
    {
      Keys *keys = &import->keys[i];

      g_object_unref (keys->prospect);
      g_free (keys->name);
      g_free (keys->company);
      g_free (keys->email);
      g_free (keys->phone);
    }
  g_free (import->keys);
  g_clear_pointer (&import->added, g_ptr_array_unref);
  g_clear_pointer (&import->targets, g_ptr_array_unref);
  g_clear_pointer (&import->drafts, g_ptr_array_unref);
  g_free (import->ids);
  g_free (import->path);
  g_object_unref (import->store);
  g_free (import);
}

/**
 * pursuit_store_import_index:
 * @import: an import
 *
 * In any thread: an index of the store's prospects as they were when
 * @import was made, as pursuit_store_new_match_index() makes one.
 *
 * Returns: (transfer full): the index
 */
PursuitMatchIndex *
pursuit_store_import_index (PursuitStoreImport *import)
{
  PursuitMatchIndex *index = pursuit_match_index_new ();

  g_return_val_if_fail (import != NULL, index);

  for (guint i = 0; i < import->n_keys; i++)
    {
      Keys *keys = &import->keys[i];

      pursuit_match_index_add (index, keys->name, keys->company, keys->email, keys->phone, keys->prospect);
    }
  return index;
}

static gboolean
validate_drafts (GPtrArray  *drafts,
                 GError    **error)
{
  for (guint i = 0; i < drafts->len; i++)
    if (!pursuit_store_validate_prospect (g_ptr_array_index (drafts, i), error))
      return FALSE;
  return TRUE;
}

static gboolean
write_all (PursuitStoreImport  *import,
           PursuitDb           *db,
           GCancellable        *cancellable,
           gint                *done,
           GError             **error)
{
  for (guint i = 0; i < import->targets->len; i++)
    if (!pursuit_store_write_row (db, &import->policy, g_ptr_array_index (import->targets, i),
                                  g_ptr_array_index (import->drafts, i), error))
      return FALSE;
  return pursuit_store_insert_rows (db, &import->policy, import->added, import->ids, cancellable, done, error)
         && !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/**
 * pursuit_store_import_write:
 * @import: an import
 * @added: (element-type PursuitProspect): detached prospects to add
 * @targets: (element-type PursuitProspect): prospects of the store to
 *   update, each once
 * @drafts: (element-type PursuitProspect): for each of @targets, the
 *   detached copy holding its new values
 * @cancellable: (nullable): cancelled before the commit, nothing is
 *   written (%G_IO_ERROR_CANCELLED)
 * @done: (nullable): the number of @added written so far (atomic)
 * @error: return location for a #GError
 *
 * In a thread: what pursuit_store_import() writes, on a connection of
 * its own to the store's file, in one transaction. Nothing of the store
 * changes until pursuit_store_import_apply().
 *
 * Returns: %TRUE when committed; on failure nothing was written
 */
gboolean
pursuit_store_import_write (PursuitStoreImport  *import,
                            GPtrArray           *added,
                            GPtrArray           *targets,
                            GPtrArray           *drafts,
                            GCancellable        *cancellable,
                            gint                *done,
                            GError             **error)
{
  g_autoptr(PursuitDb) db = NULL;
  gboolean ok;

  g_return_val_if_fail (import != NULL && import->added == NULL, FALSE);
  g_return_val_if_fail (added != NULL && targets != NULL && drafts != NULL, FALSE);
  g_return_val_if_fail (targets->len == drafts->len, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pursuit_store_validate_new (import->store, added, error) || !validate_drafts (drafts, error)
      || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  import->added = g_ptr_array_ref (added);
  import->targets = g_ptr_array_ref (targets);
  import->drafts = g_ptr_array_ref (drafts);
  import->ids = g_new0 (gint64, added->len + 1);
  if (added->len == 0 && targets->len == 0)
    return TRUE;

  db = pursuit_db_open (import->path, error);
  if (db == NULL || !pursuit_db_begin (db, error))
    return FALSE;
  ok = write_all (import, db, cancellable, done, error);
  if (ok && pursuit_db_commit (db, error))
    return TRUE;
  pursuit_db_rollback (db);
  g_clear_pointer (&import->added, g_ptr_array_unref);
  return FALSE;
}

/**
 * pursuit_store_import_apply:
 * @import: an import that pursuit_store_import_write() committed
 *
 * On the main thread: the store adds the new prospects to its models,
 * one splice each (emitting ::prospect-added), and updates the others
 * as pursuit_store_update() does; a prospect deleted meanwhile is left
 * out.
 */
void
pursuit_store_import_apply (PursuitStoreImport *import)
{
  PursuitStore *self;

  g_return_if_fail (import != NULL && import->added != NULL);

  self = import->store;
  for (guint i = 0; i < import->targets->len; i++)
    {
      g_autoptr(PursuitProspect) target = g_object_ref (g_ptr_array_index (import->targets, i));

      if (pursuit_store_check_owned (self, target, NULL))
        pursuit_store_apply_update (self, target, g_ptr_array_index (import->drafts, i));
    }
  if (import->added->len > 0)
    pursuit_store_track_new (self, import->added, import->ids);
}
