/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-store"

#include "config.h"

#include "pursuit-store-private.h"

/* An imported history, logged in the import's thread. Each touch goes
 * through the steps pursuit_store_record_touches() takes on the main
 * thread (record_one() in pursuit-store-touches.c): the same checks, the
 * same engine over the prospect's touches with the new one last, the
 * same writes, on the import's connection and in its transaction. The
 * prospects are snapshots taken on the main thread: the store's objects
 * are never read here. Where the main thread reads each prospect's
 * touches again from the database for every touch, this keeps them in
 * memory, in the order the database gives them (by time, then as
 * logged), so that a history of thousands of touches costs no more than
 * one read of each prospect. */

typedef struct
{
  PursuitProspect *snapshot;  /* before the history, with its id */
  PursuitProspect *draft;     /* after the touches so far, or NULL */
  GArray          *touches;   /* PursuitEngineTouch, as the database orders them */
} Log;

struct _PursuitStoreHistory
{
  GPtrArray  *touches;    /* PursuitTouch, in the order to log */
  GPtrArray  *prospects;  /* for each touch, its prospect's snapshot */
  gint64     *ids;        /* written: each touch's row, 0 when not logged */
  GArray     *refused;    /* guint */
  GHashTable *logs;       /* snapshot → Log */
  GPtrArray  *order;      /* the Logs of the prospects changed, in order */
  gint       *done;       /* atomic, or NULL */

  /* Applied, to undo. */
  GPtrArray  *logged;
  GPtrArray  *changed;
  GPtrArray  *before;
};

static void
log_free (gpointer data)
{
  Log *log = data;

  g_clear_object (&log->draft);
  g_array_unref (log->touches);
  g_free (log);
}

/**
 * pursuit_store_history_snapshot:
 * @prospect: a prospect of a store
 *
 * Returns: (transfer full): a detached copy of @prospect with its id
 */
PursuitProspect *
pursuit_store_history_snapshot (PursuitProspect *prospect)
{
  PursuitProspect *copy;

  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), NULL);

  copy = pursuit_prospect_dup (prospect);
  pursuit_prospect_set_id (copy, pursuit_prospect_get_id (prospect));
  return copy;
}

PursuitStoreHistory *
pursuit_store_history_new (void)
{
  PursuitStoreHistory *history = g_new0 (PursuitStoreHistory, 1);

  history->touches = g_ptr_array_new_with_free_func (g_object_unref);
  history->prospects = g_ptr_array_new_with_free_func (g_object_unref);
  history->refused = g_array_new (FALSE, FALSE, sizeof (guint));
  history->logs = g_hash_table_new_full (NULL, NULL, NULL, log_free);
  history->order = g_ptr_array_new ();
  return history;
}

void
pursuit_store_history_free (PursuitStoreHistory *history)
{
  if (history == NULL)
    return;
  g_ptr_array_unref (history->order);
  g_hash_table_unref (history->logs);
  g_ptr_array_unref (history->touches);
  g_ptr_array_unref (history->prospects);
  g_array_unref (history->refused);
  g_free (history->ids);
  g_clear_pointer (&history->logged, g_ptr_array_unref);
  g_clear_pointer (&history->changed, g_ptr_array_unref);
  g_clear_pointer (&history->before, g_ptr_array_unref);
  g_free (history);
}

void
pursuit_store_history_add (PursuitStoreHistory *history,
                           PursuitTouch        *touch,
                           PursuitProspect     *prospect)
{
  g_return_if_fail (history != NULL && history->ids == NULL);
  g_return_if_fail (PURSUIT_IS_TOUCH (touch) && PURSUIT_IS_PROSPECT (prospect));
  g_return_if_fail (pursuit_touch_get_prospect_id (touch) == pursuit_prospect_get_id (prospect));

  g_ptr_array_add (history->touches, g_object_ref (touch));
  g_ptr_array_add (history->prospects, g_object_ref (prospect));
}

guint
pursuit_store_history_get_n_touches (PursuitStoreHistory *history)
{
  g_return_val_if_fail (history != NULL, 0);

  return history->touches->len;
}

void
pursuit_store_history_count_into (PursuitStoreHistory *history,
                                  gint                *done)
{
  g_return_if_fail (history != NULL);

  history->done = done;
}

GArray *
pursuit_store_history_get_refused (PursuitStoreHistory *history)
{
  g_return_val_if_fail (history != NULL, NULL);

  return history->refused;
}

/* Writing, in the import's thread */

/* The prospect's log, its touches read from the database the first
 * time. */
static Log *
find_log (PursuitStoreHistory  *history,
          PursuitDb            *db,
          PursuitProspect      *snapshot,
          GError              **error)
{
  g_autoptr(GArray) ids = NULL;
  Log *log = g_hash_table_lookup (history->logs, snapshot);

  if (log != NULL)
    return log;
  log = g_new0 (Log, 1);
  log->snapshot = snapshot;
  log->touches = pursuit_store_new_engine_touches ();
  g_hash_table_insert (history->logs, snapshot, log);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!pursuit_store_load_engine_touches (db, pursuit_prospect_get_id (snapshot), log->touches, ids, error))
    return NULL;
  return log;
}

/* Where the database puts @touch among the prospect's touches once
 * saved: after every touch at its time or before, its id being the
 * highest. Within a time the engine takes the array's order, so this is
 * the order it reads them in, the new touch last among its equals. */
static guint
insert_engine_touch (GArray       *touches,
                     PursuitTouch *touch)
{
  GDateTime *when = pursuit_touch_get_happened_at (touch);
  PursuitEngineTouch t = pursuit_store_engine_touch (touch);
  guint low = 0, high = touches->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (g_date_time_compare (g_array_index (touches, PursuitEngineTouch, middle).when, when) <= 0)
        low = middle + 1;
      else
        high = middle;
    }
  g_array_insert_val (touches, low, t);
  return low;
}

/* The draft after @touch, from @base (the draft of the touches before
 * it, or the snapshot), as plan_prospect() makes it: the snapshot's
 * values with the plan the engine computes; an update to the nurture
 * list plans nothing. */
static PursuitProspect *
plan (const PursuitPolicy *policy,
      Log                 *log,
      PursuitProspect     *base,
      PursuitTouch        *touch)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  PursuitEngineState state = { 0 };
  PursuitProspect *draft;
  guint logged = insert_engine_touch (log->touches, touch);

  if (pursuit_touch_get_informational (touch))
    return pursuit_prospect_dup (base);
  pursuit_store_engine_state_from (&state, base);
  pursuit_engine_log_touch (policy, &state, (PursuitEngineTouch *) log->touches->data, log->touches->len, logged,
                            now);
  draft = pursuit_prospect_dup (log->snapshot);
  pursuit_store_engine_state_to (&state, draft);
  pursuit_engine_state_clear (&state);
  return draft;
}

/* One touch, as record_one() logs it. */
static gboolean
write_one (PursuitStoreHistory  *history,
           PursuitDb            *db,
           const PursuitPolicy  *policy,
           guint                 i,
           GError              **error)
{
  PursuitTouch *touch = g_ptr_array_index (history->touches, i);
  Log *log = find_log (history, db, g_ptr_array_index (history->prospects, i), error);
  g_autoptr(PursuitProspect) from = NULL;
  g_autoptr(PursuitProspect) draft = NULL;
  PursuitProspect *base;

  if (log == NULL)
    return FALSE;
  base = log->draft != NULL ? log->draft : log->snapshot;
  if (!pursuit_store_may_log (base, touch, NULL))
    {
      g_array_append_val (history->refused, i);
      return TRUE;
    }
  if (log->draft == NULL)
    g_ptr_array_add (history->order, log);
  draft = plan (policy, log, base, touch);
  /* Where it was before this touch, with its id. */
  from = pursuit_prospect_dup (base);
  pursuit_prospect_set_id (from, pursuit_prospect_get_id (log->snapshot));
  if (!pursuit_store_insert_touch_row (db, touch, &history->ids[i], error)
      || !pursuit_store_write_row (db, policy, log->snapshot, draft, error)
      || !pursuit_store_remember_reopen_row (db, from, draft, error))
    return FALSE;
  g_set_object (&log->draft, draft);
  return TRUE;
}

/* Inside the transaction of pursuit_store_import_write(), on its
 * connection. */
gboolean
pursuit_store_history_write (PursuitStoreHistory  *history,
                             PursuitDb            *db,
                             const PursuitPolicy  *policy,
                             GCancellable         *cancellable,
                             GError              **error)
{
  g_return_val_if_fail (history != NULL && history->ids == NULL, FALSE);

  history->ids = g_new0 (gint64, history->touches->len + 1);
  for (guint i = 0; i < history->touches->len; i++)
    {
      if (!write_one (history, db, policy, i, error))
        return FALSE;
      if (i % 256 == 255 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (history->done != NULL)
        g_atomic_int_inc (history->done);
    }
  return TRUE;
}

/* After the commit, on the main thread */

/* The store learns of the touches, then of each prospect's new plan, as
 * after pursuit_store_record_touches(): ::touch-added for each touch
 * (while pursuit_store_is_recording_many()), then ::prospect-changed. A
 * prospect deleted meanwhile is left out. */
void
pursuit_store_history_apply (PursuitStoreHistory *history,
                             PursuitStore        *self)
{
  g_return_if_fail (history != NULL && history->ids != NULL);

  history->logged = g_ptr_array_new_with_free_func (g_object_unref);
  history->changed = g_ptr_array_new_with_free_func (g_object_unref);
  history->before = g_ptr_array_new_with_free_func (g_object_unref);
  pursuit_store_set_recording_many (self, TRUE);
  for (guint i = 0; i < history->touches->len; i++)
    {
      PursuitTouch *touch = g_ptr_array_index (history->touches, i);

      if (history->ids[i] == 0 || pursuit_store_find (self, pursuit_touch_get_prospect_id (touch)) == NULL)
        continue;
      pursuit_touch_set_id (touch, history->ids[i]);
      g_ptr_array_add (history->logged, g_object_ref (touch));
      pursuit_store_emit_touch_added (self, touch);
    }
  pursuit_store_set_recording_many (self, FALSE);
  for (guint i = 0; i < history->order->len; i++)
    {
      Log *log = g_ptr_array_index (history->order, i);
      PursuitProspect *prospect = pursuit_store_find (self, pursuit_prospect_get_id (log->snapshot));
      g_autoptr(PursuitProspect) before = NULL;

      if (prospect == NULL)
        continue;
      before = pursuit_prospect_dup (log->snapshot);
      g_ptr_array_add (history->changed, g_object_ref (prospect));
      g_ptr_array_add (history->before, g_steal_pointer (&before));
      pursuit_store_apply_update (self, prospect, log->draft);
    }
}

void
pursuit_store_history_take_undo (PursuitStoreHistory  *history,
                                 GPtrArray           **touches,
                                 GPtrArray           **changed,
                                 GPtrArray           **before)
{
  g_return_if_fail (history != NULL && history->logged != NULL);

  *touches = g_steal_pointer (&history->logged);
  *changed = g_steal_pointer (&history->changed);
  *before = g_steal_pointer (&history->before);
}

/* Undoing */

#define SQL_DELETE_HISTORY_TOUCH "DELETE FROM touch WHERE id = ?1 AND prospect_id = ?2"

static gboolean
delete_touch_row (PursuitDb     *db,
                  PursuitTouch  *touch,
                  GError       **error)
{
  g_autoptr(PursuitDbStmt) stmt = pursuit_db_prepare (db, SQL_DELETE_HISTORY_TOUCH, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pursuit_touch_get_id (touch));
  sqlite3_bind_int64 (stmt, 2, pursuit_touch_get_prospect_id (touch));
  return pursuit_db_step_done (db, stmt, error);
}

static gboolean
write_undo (PursuitStore  *self,
            GPtrArray     *touches,
            GPtrArray     *changed,
            GPtrArray     *before,
            GPtrArray     *kept,
            GError       **error)
{
  PursuitDb *db = pursuit_store_get_db (self);

  for (guint i = 0; i < touches->len; i++)
    if (pursuit_touch_get_id (g_ptr_array_index (touches, i)) > 0
        && !delete_touch_row (db, g_ptr_array_index (touches, i), error))
      return FALSE;
  for (guint i = 0; i < changed->len; i++)
    {
      PursuitProspect *prospect = g_ptr_array_index (changed, i);

      if (!pursuit_store_check_owned (self, prospect, NULL))
        continue;
      if (!pursuit_store_write_prospect (self, prospect, g_ptr_array_index (before, i), error))
        return FALSE;
      g_ptr_array_add (kept, GUINT_TO_POINTER (i));
    }
  return TRUE;
}

gboolean
pursuit_store_undo_history (PursuitStore  *self,
                            GPtrArray     *touches,
                            GPtrArray     *changed,
                            GPtrArray     *before,
                            GError       **error)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (touches != NULL && changed != NULL && before != NULL, FALSE);
  g_return_val_if_fail (changed->len == before->len, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < before->len; i++)
    if (!pursuit_store_validate_prospect (g_ptr_array_index (before, i), error))
      return FALSE;
  if (!pursuit_db_begin (pursuit_store_get_db (self), error)
      || !pursuit_store_finish (self, write_undo (self, touches, changed, before, kept, error), error))
    return FALSE;

  for (guint i = 0; i < touches->len; i++)
    pursuit_touch_set_id (g_ptr_array_index (touches, i), 0);
  for (guint i = 0; i < kept->len; i++)
    {
      guint j = GPOINTER_TO_UINT (g_ptr_array_index (kept, i));

      pursuit_store_apply_update (self, g_ptr_array_index (changed, j), g_ptr_array_index (before, j));
    }
  return TRUE;
}
