/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-store"

#include "config.h"

#include "pursuit-backend.h"
#include "pursuit-db.h"
#include "pursuit-store-private.h"

/* The file of one user behind the backend interface: the store's own
 * SQLite writes (pursuit-store.c, pursuit-store-touches.c), each one
 * transaction, wrapped. Every write is committed, or has failed, before
 * its function returns, and reports to its callback before that. */

static PursuitStore *
store_of (PursuitBackend *backend)
{
  return PURSUIT_STORE (backend->store);
}

/* Commits what @ok says was written, and reports it. */
static void
finish (PursuitBackend     *backend,
        gboolean            ok,
        GError             *error,
        const gint64       *ids,
        PursuitBackendDone  done,
        gpointer            user_data)
{
  g_autoptr(GError) failed = error;

  if (pursuit_store_finish (store_of (backend), ok, &failed))
    done (backend, NULL, ids, NULL, user_data);
  else
    done (backend, failed, NULL, NULL, user_data);
}

static gboolean
begin (PursuitBackend      *backend,
       PursuitBackendDone   done,
       gpointer             user_data)
{
  g_autoptr(GError) error = NULL;

  if (pursuit_db_begin (pursuit_store_get_db (store_of (backend)), &error))
    return TRUE;
  done (backend, error, NULL, NULL, user_data);
  return FALSE;
}

static void
insert_prospects (PursuitBackend    *backend,
                  GPtrArray         *prospects,
                  PursuitBackendDone done,
                  gpointer           user_data)
{
  g_autofree gint64 *ids = g_new0 (gint64, MAX (prospects->len, 1));
  GError *error = NULL;
  gboolean ok;

  if (!begin (backend, done, user_data))
    return;
  ok = pursuit_store_insert_new (store_of (backend), prospects, ids, &error);
  finish (backend, ok, error, ids, done, user_data);
}

static void
write_prospect (PursuitBackend    *backend,
                PursuitProspect   *prospect,
                PursuitProspect   *draft,
                PursuitBackendDone done,
                gpointer           user_data)
{
  GError *error = NULL;
  gboolean ok;

  if (!begin (backend, done, user_data))
    return;
  ok = pursuit_store_write_prospect (store_of (backend), prospect, draft, &error);
  finish (backend, ok, error, NULL, done, user_data);
}

/* Deletes the row @id with @sql ("… WHERE id = ?1"). */
static void
delete_row (PursuitBackend    *backend,
            const char        *sql,
            gint64             id,
            PursuitBackendDone done,
            gpointer           user_data)
{
  PursuitDb *db = pursuit_store_get_db (store_of (backend));
  g_autoptr(PursuitDbStmt) stmt = NULL;
  GError *error = NULL;
  gboolean ok;

  if (!begin (backend, done, user_data))
    return;
  stmt = pursuit_db_prepare (db, sql, &error);
  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, id);
  ok = stmt != NULL && pursuit_db_step_done (db, stmt, &error);
  g_clear_pointer (&stmt, pursuit_db_stmt_release);
  finish (backend, ok, error, NULL, done, user_data);
}

static void
delete_prospect (PursuitBackend    *backend,
                 PursuitProspect   *prospect,
                 PursuitBackendDone done,
                 gpointer           user_data)
{
  /* The touches go with the row: ON DELETE CASCADE. */
  delete_row (backend, "DELETE FROM prospect WHERE id = ?1", pursuit_prospect_get_id (prospect), done, user_data);
}

static void
insert_touch (PursuitBackend    *backend,
              PursuitTouch      *touch,
              PursuitProspect   *prospect,
              PursuitProspect   *draft,
              PursuitBackendDone done,
              gpointer           user_data)
{
  PursuitStore *store = store_of (backend);
  GError *error = NULL;
  gint64 id = 0;
  gboolean ok;

  if (!begin (backend, done, user_data))
    return;
  ok = pursuit_store_insert_touch (store, touch, &id, &error)
       && (draft == NULL || pursuit_store_write_prospect (store, prospect, draft, &error));
  finish (backend, ok, error, &id, done, user_data);
}

static void
delete_touch (PursuitBackend    *backend,
              PursuitTouch      *touch,
              PursuitBackendDone done,
              gpointer           user_data)
{
  delete_row (backend, "DELETE FROM touch WHERE id = ?1", pursuit_touch_get_id (touch), done, user_data);
}

static void
backend_free (PursuitBackend *backend)
{
  g_free (backend);
}

static const PursuitBackendVTable sqlite_vtable = {
  .name = "sqlite",
  .free = backend_free,
  .insert_prospects = insert_prospects,
  .write_prospect = write_prospect,
  .delete_prospect = delete_prospect,
  .insert_touch = insert_touch,
  .delete_touch = delete_touch,
};

PursuitBackend *
pursuit_sqlite_backend_new (GObject *store)
{
  PursuitBackend *self = g_new0 (PursuitBackend, 1);

  self->vtable = &sqlite_vtable;
  self->store = store;
  return self;
}
