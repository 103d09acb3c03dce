/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pursuit-prospect.h"
#include "pursuit-touch.h"

G_BEGIN_DECLS

/* Where a PursuitStore keeps its rows: the SQLite file of one user, or a
 * team's database on PostgreSQL. Only src/store/ includes this header;
 * the models, signals and everything above the store do not know which
 * backend is in use.
 *
 * Writes report through a PursuitBackendDone callback: the SQLite
 * backend calls it before the write function returns (its writes are
 * synchronous transactions); the PostgreSQL backend once the server has
 * committed the write or refused it, from the main loop. The store
 * changes its models only in that callback, so that a change shows once
 * it is committed, never before. */

typedef struct _PursuitBackend PursuitBackend;

/* @error is NULL when the write was committed; @ids are the ids the rows
 * of an insert were given (one for each prospect or the touch), NULL for
 * other writes; @row (nullable) is the prospect as the server now has
 * it, when it sent it back (PostgreSQL). */
typedef void (*PursuitBackendDone) (PursuitBackend  *backend,
                                    const GError    *error,
                                    const gint64    *ids,
                                    PursuitProspect *row,
                                    gpointer         user_data);

typedef struct
{
  const char *name;     /* "sqlite", "postgresql" */

  void        (*free)             (PursuitBackend  *self);

  /* Inserts the detached, valid @prospects, all or none. */
  void        (*insert_prospects) (PursuitBackend    *self,
                                   GPtrArray         *prospects,
                                   PursuitBackendDone done,
                                   gpointer           user_data);

  /* Writes the values of @draft to the row of @prospect; on PostgreSQL
   * only when the row still has the version that was read for @prospect
   * (otherwise a PURSUIT_STORE_ERROR_CONFLICT that says what the other
   * person changed, and @row is the server's). */
  void        (*write_prospect)   (PursuitBackend    *self,
                                   PursuitProspect   *prospect,
                                   PursuitProspect   *draft,
                                   PursuitBackendDone done,
                                   gpointer           user_data);

  /* Deletes the row of @prospect and its touches. */
  void        (*delete_prospect)  (PursuitBackend    *self,
                                   PursuitProspect   *prospect,
                                   PursuitBackendDone done,
                                   gpointer           user_data);

  /* Inserts the detached @touch, and, when @draft is not NULL, writes it
   * to @prospect in the same transaction (a logged touch moves the
   * streak and the next touch). */
  void        (*insert_touch)     (PursuitBackend    *self,
                                   PursuitTouch      *touch,
                                   PursuitProspect   *prospect,
                                   PursuitProspect   *draft,
                                   PursuitBackendDone done,
                                   gpointer           user_data);

  /* Deletes the touch @touch. */
  void        (*delete_touch)     (PursuitBackend    *self,
                                   PursuitTouch      *touch,
                                   PursuitBackendDone done,
                                   gpointer           user_data);

  /* The touches of the prospect @prospect_id, newest first (a new model
   * of PursuitTouch). NULL for the file, whose store reads them itself. */
  GListModel *(*list_touches)     (PursuitBackend  *self,
                                   gint64           prospect_id,
                                   GError         **error);
} PursuitBackendVTable;

struct _PursuitBackend
{
  const PursuitBackendVTable *vtable;
  GObject                    *store;   /* the PursuitStore that owns it */
};

/* Opening and loading are each backend's own: pursuit_store_open() reads
 * the file, pursuit_pg_backend_start() the server. */

void       pursuit_backend_free     (PursuitBackend  *self);

/* The file's backend (pursuit-store-backend-sqlite.c). */
PursuitBackend *pursuit_sqlite_backend_new (GObject *store);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PursuitBackend, pursuit_backend_free)

G_END_DECLS
