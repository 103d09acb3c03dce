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
  PursuitProspect *snapshot;  /* its copy, for an update, or NULL */
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

  /* Open from pursuit_store_import_begin() to the commit. */
  PursuitDb     *db;
  gboolean       committed;

  /* Written, to apply. */
  GPtrArray     *added;
  GArray        *ids;
  GPtrArray     *targets;
  GPtrArray     *drafts;

  /* The touches of a history, logged before the commit (pursuit-store-history.c). */
  PursuitStoreHistory *history;
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
  import->added = g_ptr_array_new_with_free_func (g_object_unref);
  import->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
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

/* Nothing of the transaction is kept. */
static gboolean
roll_back (PursuitStoreImport *import)
{
  if (import->db != NULL)
    pursuit_db_rollback (import->db);
  g_clear_pointer (&import->db, pursuit_db_free);
  return FALSE;
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
      g_clear_object (&keys->snapshot);
      g_free (keys->name);
      g_free (keys->company);
      g_free (keys->email);
      g_free (keys->phone);
    }
  g_free (import->keys);
  /* Never committed: rolled back. */
  roll_back (import);
  g_clear_pointer (&import->added, g_ptr_array_unref);
  g_clear_pointer (&import->ids, g_array_unref);
  g_clear_pointer (&import->targets, g_ptr_array_unref);
  g_clear_pointer (&import->drafts, g_ptr_array_unref);
  g_clear_pointer (&import->history, pursuit_store_history_free);
  g_free (import->path);
  g_object_unref (import->store);
  g_free (import);
}

void
pursuit_store_import_set_history (PursuitStoreImport  *import,
                                  PursuitStoreHistory *history)
{
  g_return_if_fail (import != NULL && import->history == NULL && !import->committed);

  import->history = history;
}

/**
 * pursuit_store_import_snapshot:
 * @import: an import
 *
 * On the main thread, for an import that updates prospects: the index
 * holds copies of the store's prospects as they are now, so that the
 * thread reads and copies none of the store's own objects, which the
 * main thread may change meanwhile (a window of the running instance
 * that --import is handed to). pursuit_store_import_apply() updates the
 * store's prospects of the same ids.
 */
void
pursuit_store_import_snapshot (PursuitStoreImport *import)
{
  g_return_if_fail (import != NULL);

  for (guint i = 0; i < import->n_keys; i++)
    if (import->keys[i].snapshot == NULL)
      import->keys[i].snapshot = pursuit_store_history_snapshot (import->keys[i].prospect);
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

      pursuit_match_index_add (index, keys->name, keys->company, keys->email, keys->phone,
                               keys->snapshot != NULL ? keys->snapshot : keys->prospect);
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

/**
 * pursuit_store_import_abort:
 * @import: an import
 *
 * In the thread that began it: rolls back the transaction of
 * pursuit_store_import_begin(), if it is open; nothing is written.
 */
void
pursuit_store_import_abort (PursuitStoreImport *import)
{
  g_return_if_fail (import != NULL && !import->committed);

  roll_back (import);
}

/**
 * pursuit_store_import_begin:
 * @import: an import
 * @error: return location for a #GError
 *
 * In a thread: opens a connection of its own to the store's file and
 * begins the transaction that pursuit_store_import_insert() and
 * pursuit_store_import_commit() write in.
 *
 * Returns: %TRUE when the transaction is open
 */
gboolean
pursuit_store_import_begin (PursuitStoreImport  *import,
                            GError             **error)
{
  g_return_val_if_fail (import != NULL && import->db == NULL && !import->committed, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  import->db = pursuit_db_open (import->path, error);
  if (import->db == NULL || !pursuit_db_begin (import->db, error))
    return roll_back (import);
  return TRUE;
}

/* Inserts @added, validated, counting them in @done (may be NULL). */
static gboolean
insert_valid (PursuitStoreImport  *import,
              GPtrArray           *added,
              GCancellable        *cancellable,
              gint                *done,
              GError             **error)
{
  guint first = import->ids->len;

  if (added->len == 0)
    return TRUE;
  g_array_set_size (import->ids, first + added->len);
  if (!pursuit_store_insert_rows (import->db, &import->policy, added, &g_array_index (import->ids, gint64, first),
                                  cancellable, done, error))
    {
      g_array_set_size (import->ids, first);
      return roll_back (import);
    }
  for (guint i = 0; i < added->len; i++)
    g_ptr_array_add (import->added, g_object_ref (g_ptr_array_index (added, i)));
  return TRUE;
}

/**
 * pursuit_store_import_insert:
 * @import: an import that pursuit_store_import_begin() began
 * @added: (element-type PursuitProspect): detached prospects to add
 * @cancellable: (nullable): cancelled, the transaction is rolled back
 *   (%G_IO_ERROR_CANCELLED)
 * @error: return location for a #GError
 *
 * In a thread: validates @added and inserts them in the transaction;
 * pursuit_store_import_apply() adds them to the store after the commit,
 * in the order of the calls. On failure the transaction is rolled back:
 * nothing is written.
 *
 * Returns: %TRUE when inserted
 */
gboolean
pursuit_store_import_insert (PursuitStoreImport  *import,
                             GPtrArray           *added,
                             GCancellable        *cancellable,
                             GError             **error)
{
  g_return_val_if_fail (import != NULL && import->db != NULL, FALSE);
  g_return_val_if_fail (added != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pursuit_store_validate_new (import->store, added, error)
      || g_cancellable_set_error_if_cancelled (cancellable, error))
    return roll_back (import);
  return insert_valid (import, added, cancellable, NULL, error);
}

/**
 * pursuit_store_import_commit:
 * @import: an import that pursuit_store_import_begin() began
 * @targets: (element-type PursuitProspect): prospects of the store to
 *   update, each once
 * @drafts: (element-type PursuitProspect): for each of @targets, the
 *   detached copy holding its new values
 * @cancellable: (nullable): cancelled before the commit, the
 *   transaction is rolled back (%G_IO_ERROR_CANCELLED)
 * @error: return location for a #GError
 *
 * In a thread: writes the updates and commits. On failure nothing is
 * written.
 *
 * Returns: %TRUE when committed
 */
gboolean
pursuit_store_import_commit (PursuitStoreImport  *import,
                             GPtrArray           *targets,
                             GPtrArray           *drafts,
                             GCancellable        *cancellable,
                             GError             **error)
{
  g_return_val_if_fail (import != NULL && import->db != NULL, FALSE);
  g_return_val_if_fail (targets != NULL && drafts != NULL && targets->len == drafts->len, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_drafts (drafts, error))
    return roll_back (import);
  for (guint i = 0; i < targets->len; i++)
    if (!pursuit_store_write_row (import->db, &import->policy, g_ptr_array_index (targets, i),
                                  g_ptr_array_index (drafts, i), error))
      return roll_back (import);
  if (import->history != NULL
      && !pursuit_store_history_write (import->history, import->db, &import->policy, cancellable, error))
    return roll_back (import);
  if (g_cancellable_set_error_if_cancelled (cancellable, error) || !pursuit_db_commit (import->db, error))
    return roll_back (import);
  g_clear_pointer (&import->db, pursuit_db_free);
  import->targets = g_ptr_array_ref (targets);
  import->drafts = g_ptr_array_ref (drafts);
  import->committed = TRUE;
  return TRUE;
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
  g_return_val_if_fail (import != NULL && import->db == NULL && !import->committed, FALSE);
  g_return_val_if_fail (added != NULL && targets != NULL && drafts != NULL, FALSE);
  g_return_val_if_fail (targets->len == drafts->len, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Everything is checked before the file is opened. */
  if (!pursuit_store_validate_new (import->store, added, error) || !validate_drafts (drafts, error)
      || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (added->len == 0 && targets->len == 0 && import->history == NULL)
    {
      import->targets = g_ptr_array_ref (targets);
      import->drafts = g_ptr_array_ref (drafts);
      import->committed = TRUE;
      return TRUE;
    }
  if (!pursuit_store_import_begin (import, error) || !insert_valid (import, added, cancellable, done, error))
    return FALSE;
  return pursuit_store_import_commit (import, targets, drafts, cancellable, error);
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

  g_return_if_fail (import != NULL && import->committed);

  self = import->store;
  for (guint i = 0; i < import->targets->len; i++)
    {
      PursuitProspect *target = g_ptr_array_index (import->targets, i);
      PursuitProspect *own = pursuit_store_find (self, pursuit_prospect_get_id (target));

      /* A copy of pursuit_store_import_snapshot(): the targets become the
       * store's own prospects, for the caller to undo. */
      if (own != NULL && own != target)
        {
          g_object_unref (target);
          target = g_ptr_array_index (import->targets, i) = g_object_ref (own);
        }
      if (pursuit_store_check_owned (self, target, NULL))
        pursuit_store_apply_update (self, target, g_ptr_array_index (import->drafts, i));
    }
  if (import->added->len > 0)
    pursuit_store_track_new (self, import->added, (const gint64 *) import->ids->data);
  if (import->history != NULL)
    pursuit_store_history_apply (import->history, self);
}
