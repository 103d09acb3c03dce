/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pursuit-backend.h"
#include "pursuit-db.h"
#include "pursuit-pg-backend.h"
#include "pursuit-store-private.h"
#include "pursuit-store-trash-private.h"

/* The store's writes through its backend (pursuit-backend.h): the
 * models change when the write is committed (the callbacks below), which
 * the file does before the write function returns, and a team database
 * once its server has answered. On a team database, someone else's
 * change arrives through pursuit_store_remote_row() and the others,
 * called by the backend. */

void
pursuit_backend_free (PursuitBackend *self)
{
  if (self != NULL)
    self->vtable->free (self);
}

/* A write sent, and what to do when the server answers. In the command
 * line's blocking mode the answer comes before the write function
 * returns: the error is then returned rather than emitted. */
typedef struct
{
  PursuitStore    *store;
  PursuitProspect *prospect;
  PursuitProspect *draft;
  PursuitTouch    *touch;
  GPtrArray       *prospects;
  gboolean         sending;     /* inside the call that sent it */
  gboolean         answered;
  GError          *error;       /* the answer, while sending */
} Pending;

/* A write about to be sent, or NULL with @error when the server is not
 * reachable. */
static Pending *
pending_new (PursuitStore  *self,
             GError       **error)
{
  Pending *pending;

  if (!pursuit_store_get_online (self))
    {
      g_set_error_literal (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_OFFLINE,
                           _("The team server is not reachable. Your change was not saved."));
      return NULL;
    }
  pending = g_new0 (Pending, 1);
  pending->store = self;
  pending->sending = TRUE;
  return pending;
}

static void
pending_free (Pending *pending)
{
  g_clear_object (&pending->prospect);
  g_clear_object (&pending->draft);
  g_clear_object (&pending->touch);
  g_clear_pointer (&pending->prospects, g_ptr_array_unref);
  g_clear_error (&pending->error);
  g_free (pending);
}

/* After the backend call: TRUE when the write is sent or committed, FALSE
 * with @error when it failed while still in the call (blocking mode). */
static gboolean
pending_sent (Pending  *pending,
              GError  **error)
{
  pending->sending = FALSE;
  if (!pending->answered)
    return TRUE;
  if (pending->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&pending->error));
      pending_free (pending);
      return FALSE;
    }
  pending_free (pending);
  return TRUE;
}

/* The answer: FALSE when there is nothing more to do (the store went
 * away, or the failure was handed back to the caller). */
static gboolean
pending_answer (Pending      *pending,
                const GError *error)
{
  pending->answered = TRUE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (!pending->sending)
        pending_free (pending);
      return FALSE;
    }
  if (error != NULL && pending->sending)
    {
      pending->error = g_error_copy (error);
      return FALSE;
    }
  if (error != NULL)
    pursuit_store_emit_write_failed (pending->store, error);
  return TRUE;
}

static void
pending_done (Pending *pending)
{
  if (!pending->sending)
    pending_free (pending);
}

gboolean
pursuit_store_remote_unsupported (PursuitStore  *self,
                                  const char    *what,
                                  GError       **error)
{
  g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_UNSUPPORTED,
               _("%s is not available on a team database yet. Nothing was changed."), what);
  return FALSE;
}

/* Adding */

static void
added_cb (PursuitBackend  *backend,
          const GError    *error,
          const gint64    *ids,
          PursuitProspect *row,
          gpointer         user_data)
{
  Pending *pending = user_data;

  if (pending_answer (pending, error) && error == NULL)
    pursuit_store_track_new (pending->store, pending->prospects, ids);
  pending_done (pending);
}

gboolean
pursuit_store_send_add (PursuitStore  *self,
                        GPtrArray     *prospects,
                        GError       **error)
{
  PursuitBackend *backend = pursuit_store_get_writer (self);
  Pending *pending = pending_new (self, error);

  if (pending == NULL)
    return FALSE;
  pending->prospects = g_ptr_array_new_full (prospects->len, g_object_unref);
  for (guint i = 0; i < prospects->len; i++)
    g_ptr_array_add (pending->prospects, g_object_ref (g_ptr_array_index (prospects, i)));
  backend->vtable->insert_prospects (backend, pending->prospects, added_cb, pending);
  return pending_sent (pending, error);
}

/* Changing */

static void
updated_cb (PursuitBackend  *backend,
            const GError    *error,
            const gint64    *ids,
            PursuitProspect *row,
            gpointer         user_data)
{
  Pending *pending = user_data;
  gint64 id = pursuit_prospect_get_id (pending->prospect);
  gboolean attached = id > 0 && pursuit_store_find (pending->store, id) == pending->prospect;

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && attached)
    {
      /* The server's row, whoever wrote it, or none it may see. */
      if (row != NULL)
        pursuit_store_remote_row (pending->store, row);
      else if (g_error_matches (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_CONFLICT))
        pursuit_store_remote_gone (pending->store, id);
    }
  if (pending_answer (pending, error) && error == NULL && attached)
    {
      if (pending->touch != NULL)
        {
          pursuit_touch_set_id (pending->touch, ids[0]);
          pursuit_store_emit_touch_added (pending->store, pending->touch);
        }
      pursuit_store_apply_update (pending->store, pending->prospect, pending->draft);
    }
  pending_done (pending);
}

gboolean
pursuit_store_send_update (PursuitStore     *self,
                           PursuitProspect  *prospect,
                           PursuitProspect  *draft,
                           GError          **error)
{
  PursuitBackend *backend = pursuit_store_get_writer (self);
  Pending *pending = pending_new (self, error);

  if (pending == NULL)
    return FALSE;
  pending->prospect = g_object_ref (prospect);
  /* As settled for writing: the file's callers read it after. */
  pending->draft = g_object_ref (draft);
  backend->vtable->write_prospect (backend, prospect, pending->draft, updated_cb, pending);
  return pending_sent (pending, error);
}

static void
removed_cb (PursuitBackend  *backend,
            const GError    *error,
            const gint64    *ids,
            PursuitProspect *row,
            gpointer         user_data)
{
  Pending *pending = user_data;
  gint64 id = pursuit_prospect_get_id (pending->prospect);

  if (pending_answer (pending, error) && error == NULL && id > 0
      && pursuit_store_find (pending->store, id) == pending->prospect)
    pursuit_store_remote_gone (pending->store, id);
  pending_done (pending);
}

gboolean
pursuit_store_send_remove (PursuitStore     *self,
                           PursuitProspect  *prospect,
                           GError          **error)
{
  PursuitBackend *backend = pursuit_store_get_writer (self);
  Pending *pending = pending_new (self, error);

  if (pending == NULL)
    return FALSE;
  pending->prospect = g_object_ref (prospect);
  backend->vtable->delete_prospect (backend, prospect, removed_cb, pending);
  return pending_sent (pending, error);
}

/* Touches */

static void
touch_added_cb (PursuitBackend  *backend,
                const GError    *error,
                const gint64    *ids,
                PursuitProspect *row,
                gpointer         user_data)
{
  Pending *pending = user_data;

  if (pending_answer (pending, error) && error == NULL)
    {
      pursuit_touch_set_id (pending->touch, ids[0]);
      pursuit_store_emit_touch_added (pending->store, pending->touch);
    }
  pending_done (pending);
}

gboolean
pursuit_store_send_log_touch (PursuitStore     *self,
                              PursuitTouch     *touch,
                              PursuitProspect  *prospect,
                              PursuitProspect  *draft,
                              GError          **error)
{
  PursuitBackend *backend = pursuit_store_get_writer (self);
  Pending *pending = pending_new (self, error);

  if (pending == NULL)
    return FALSE;
  pending->touch = g_object_ref (touch);
  if (draft == NULL)
    {
      backend->vtable->insert_touch (backend, touch, NULL, NULL, touch_added_cb, pending);
      return pending_sent (pending, error);
    }
  pending->prospect = g_object_ref (prospect);
  pending->draft = g_object_ref (draft);
  backend->vtable->insert_touch (backend, touch, prospect, pending->draft, updated_cb, pending);
  return pending_sent (pending, error);
}

GListModel *
pursuit_store_remote_list_touches (PursuitStore     *self,
                                   PursuitProspect  *prospect,
                                   GError          **error)
{
  PursuitBackend *backend = pursuit_store_get_backend (self);

  return backend->vtable->list_touches (backend, pursuit_prospect_get_id (prospect), error);
}

GPtrArray *
pursuit_store_remote_engine_touches (PursuitStore *self,
                                     gint64        prospect_id)
{
  return pursuit_pg_backend_get_touches (pursuit_store_get_backend (self), prospect_id);
}

/* What others changed, as the backend read it */

void
pursuit_store_remote_row (PursuitStore    *self,
                          PursuitProspect *row)
{
  PursuitProspect *prospect = pursuit_store_find (self, pursuit_prospect_get_id (row));

  if (prospect != NULL)
    {
      g_autoptr(PursuitProspect) hold = g_object_ref (prospect);
      pursuit_store_apply_update (self, prospect, row);
      return;
    }
  pursuit_store_track_one (self, row);
  pursuit_store_emit_added (self, row);
}

void
pursuit_store_remote_gone (PursuitStore *self,
                           gint64        id)
{
  PursuitProspect *prospect = pursuit_store_find (self, id);
  g_autoptr(PursuitProspect) hold = NULL;

  if (prospect == NULL)
    return;
  hold = g_object_ref (prospect);
  pursuit_store_untrack_one (self, prospect);
  pursuit_store_emit_removed (self, prospect);
  pursuit_prospect_set_id (prospect, 0);
}

void
pursuit_store_remote_reload (PursuitStore *self,
                             GPtrArray    *rows)
{
  GListModel *all = pursuit_store_get_prospects (self);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  gboolean first = g_list_model_get_n_items (all) == 0;

  for (guint i = 0; i < rows->len; i++)
    {
      gint64 id = pursuit_prospect_get_id (g_ptr_array_index (rows, i));

      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
    }
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(PursuitProspect) prospect = g_list_model_get_item (all, i);
      gint64 id = pursuit_prospect_get_id (prospect);

      if (!g_hash_table_contains (seen, &id))
        g_ptr_array_add (gone, g_steal_pointer (&prospect));
    }
  for (guint i = 0; i < gone->len; i++)
    pursuit_store_remote_gone (self, pursuit_prospect_get_id (g_ptr_array_index (gone, i)));
  for (guint i = 0; i < rows->len; i++)
    {
      PursuitProspect *row = g_ptr_array_index (rows, i);

      if (pursuit_store_find (self, pursuit_prospect_get_id (row)) == NULL)
        g_ptr_array_add (fresh, row);
      else
        pursuit_store_remote_row (self, row);
    }
  /* The first load fills the models in one change each, as opening a
   * file does, and tells no one of each prospect. */
  pursuit_store_track_rows (self, fresh);
  if (!first)
    for (guint i = 0; i < fresh->len; i++)
      pursuit_store_emit_added (self, g_ptr_array_index (fresh, i));
}

PursuitStore *
pursuit_store_open_remote (const char  *conninfo,
                           gboolean     blocking,
                           GError     **error)
{
  g_autoptr(PursuitStore) self = g_object_new (PURSUIT_TYPE_STORE, NULL);
  PursuitBackend *backend = pursuit_pg_backend_new (self, conninfo, blocking);

  pursuit_store_set_backend (self, backend);
  if (!pursuit_pg_backend_start (backend, error))
    return NULL;
  return g_steal_pointer (&self);
}
