/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pursuit-pg-setup.h"

G_BEGIN_DECLS

/* libpq's result, without making every includer include libpq-fe.h. */
struct pg_result;

#define PURSUIT_TYPE_PG_CONNECTION (pursuit_pg_connection_get_type ())

G_DECLARE_FINAL_TYPE (PursuitPgConnection, pursuit_pg_connection, PURSUIT, PG_CONNECTION, GObject)

PursuitPgConnection *pursuit_pg_connection_new            (const char           *conninfo);

void                 pursuit_pg_connection_connect_async  (PursuitPgConnection  *self,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean             pursuit_pg_connection_connect_finish (PursuitPgConnection  *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

/* Queued in order; @params are text values or NULL for SQL NULL, $1..$n
 * in @sql. The result (PGresult *, free with PQclear) of the last
 * statement; an error result becomes a GError (PURSUIT_PG_ERROR) whose
 * message is the server's, with its SQLSTATE kept for the caller:
 * pursuit_pg_error_get_sqlstate(). While offline, fails at once with
 * PURSUIT_PG_ERROR_OFFLINE. */
void                 pursuit_pg_connection_query_async    (PursuitPgConnection  *self,
                                                           const char           *sql,
                                                           const char *const    *params,
                                                           int                   n_params,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
struct pg_result    *pursuit_pg_connection_query_finish   (PursuitPgConnection  *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

/* For the command line only (these block): */
struct pg_result    *pursuit_pg_connection_query_sync     (PursuitPgConnection  *self,
                                                           const char           *sql,
                                                           const char *const    *params,
                                                           int                   n_params,
                                                           GError              **error);
gboolean             pursuit_pg_connection_connect_sync   (PursuitPgConnection  *self,
                                                           GError              **error);

/* Property "online", notified when it changes. */
gboolean             pursuit_pg_connection_get_online     (PursuitPgConnection  *self);
/* The server's current_user, once connected. */
const char          *pursuit_pg_connection_get_user       (PursuitPgConnection  *self);
/* Whether current_user is a member of pursuit_manager. */
gboolean             pursuit_pg_connection_get_is_manager (PursuitPgConnection  *self);

/* Whether the last connection attempt failed because the server asked for
 * a password that neither libpq's sources nor the keyring had: the caller
 * then asks the user, calls pursuit_pg_connection_set_password() and
 * connects again. */
gboolean             pursuit_pg_connection_get_needs_password (PursuitPgConnection *self);
/* A password the user typed, used by the next connection attempt; when
 * @remember, it is stored in the keyring once the server accepted it.
 * Never written to disk in the clear. */
void                 pursuit_pg_connection_set_password   (PursuitPgConnection  *self,
                                                           const char           *password,
                                                           gboolean              remember);

/* The SQLSTATE of a PURSUIT_PG_ERROR that the server sent, or NULL. */
const char          *pursuit_pg_error_get_sqlstate        (const GError         *error);

/* Signals:
 *   "notified" (const char *table, const char *op, gint64 id): for every
 *     NOTIFY on channel "pursuit" (see pursuit_notify() in the schema).
 *   "reconnected": the connection came back after it was lost, or came
 *     after connect_async() had failed to reach the server (which is
 *     retried like a lost connection: 1 s doubling to 60 s); the caller
 *     re-reads everything. */

G_END_DECLS
