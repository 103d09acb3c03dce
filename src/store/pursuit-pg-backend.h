/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pursuit-backend.h"
#include "pursuit-pg-connection.h"
#include "pursuit-store.h"

G_BEGIN_DECLS

/* The team database on PostgreSQL (tables prospects and touches of
 * pursuit-pg-schema.sql), read and written under the connecting role's
 * rights, with row-level security deciding what it sees.
 *
 * @blocking: the command line's: connects and runs every query before
 * returning (pursuit_pg_connection_query_sync()). Otherwise nothing
 * blocks: connecting, loading and writing run on the main loop and report
 * to @store. */
PursuitBackend *pursuit_pg_backend_new      (PursuitStore  *store,
                                             const char    *conninfo,
                                             gboolean       blocking);

/* Connects and loads the rows into @store (its models empty until then);
 * a failure is emitted as ::write-failed. With a blocking backend,
 * returns only when done, FALSE with @error set on failure. */
gboolean        pursuit_pg_backend_start    (PursuitBackend *backend,
                                             GError        **error);

/* The connection string without its password, to name the database in
 * messages (pursuit_store_get_path()). */
const char     *pursuit_pg_backend_get_name (PursuitBackend *backend);

/* The touches of @prospect_id as loaded, oldest first (transfer none;
 * NULL when it has none). */
GPtrArray      *pursuit_pg_backend_get_touches (PursuitBackend *backend,
                                                gint64          prospect_id);

/* Its connection (transfer none). */
PursuitPgConnection *pursuit_pg_backend_get_connection (PursuitBackend *backend);

/* Whether the connection is up. */
gboolean        pursuit_pg_backend_get_online (PursuitBackend *backend);

G_END_DECLS
