/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-pg"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <libpq-fe.h>
#include <string.h>

#include "pursuit-pg-connection.h"
#include "pursuit-pg-login-private.h"

/* How it avoids blocking the main loop: connecting (the host name lookup,
 * the TLS handshake, the login, the keyring) runs in a GTask thread with
 * libpq's blocking calls, because PQconnectStart() still looks host names
 * up synchronously and a password from the keyring is a round trip of its
 * own. Once connected, the PGconn moves to the main context for good and
 * everything else uses libpq's asynchronous API on a source watching
 * PQsocket(): one thread owns the connection, so no locks, and a NOTIFY or
 * a server that went away is seen as soon as the socket speaks. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

/* The SQLSTATE of a server's error travels with the GError. */
typedef struct
{
  char *sqlstate;
} PursuitPgErrorPrivate;

static void
pursuit_pg_error_private_init (PursuitPgErrorPrivate *priv)
{
  priv->sqlstate = NULL;
}

static void
pursuit_pg_error_private_copy (const PursuitPgErrorPrivate *src,
                               PursuitPgErrorPrivate       *dest)
{
  dest->sqlstate = g_strdup (src->sqlstate);
}

static void
pursuit_pg_error_private_clear (PursuitPgErrorPrivate *priv)
{
  g_clear_pointer (&priv->sqlstate, g_free);
}

G_DEFINE_EXTENDED_ERROR (PursuitPgError, pursuit_pg_error)

const char *
pursuit_pg_error_get_sqlstate (const GError *error)
{
  PursuitPgErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, NULL);

  priv = pursuit_pg_error_get_private (error);
  return priv != NULL ? priv->sqlstate : NULL;
}

static void
set_error_sqlstate (GError     *error,
                    const char *sqlstate)
{
  PursuitPgErrorPrivate *priv = pursuit_pg_error_get_private (error);

  g_assert (priv != NULL);
  g_free (priv->sqlstate);
  priv->sqlstate = g_strdup (sqlstate);
}

#define RETRY_FIRST 1
#define RETRY_MAX 60

struct _PursuitPgConnection
{
  GObject parent_instance;

  char *conninfo;
  GMainContext *context;
  PGconn *conn;
  GSource *in_source;
  GSource *out_source;

  /* GTask of each query, in order; the head is on the wire when sent. */
  GQueue queries;
  gboolean sent;

  gboolean online;
  gboolean was_online;
  /* A connect_async() failed on an unreachable server: retrying. */
  gboolean failed;
  gboolean connecting;
  /* The GTasks of connect_async() calls waiting for the attempt. */
  GPtrArray *waiters;
  guint retry_id;
  guint retry_delay;

  char *user;
  gboolean is_manager;

  char *password;
  gboolean remember;
  gboolean needs_password;
};

G_DEFINE_FINAL_TYPE (PursuitPgConnection, pursuit_pg_connection, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CONNINFO,
  PROP_ONLINE,
  PROP_USER,
  PROP_IS_MANAGER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  NOTIFIED,
  RECONNECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_attempt (PursuitPgConnection *self);
static void connection_lost (PursuitPgConnection *self);
static void pump (PursuitPgConnection *self);

static GError *
offline_error (void)
{
  return g_error_new_literal (PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_OFFLINE,
                              _("The team server is not reachable. Your change was not saved."));
}

static void
attempt_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  GError *error = NULL;

  if (pursuit_pg_attempt_run (data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static PursuitPgAttempt *
attempt_new (PursuitPgConnection *self)
{
  return pursuit_pg_attempt_new (self->conninfo, self->password, self->remember);
}

static void
set_online (PursuitPgConnection *self,
            gboolean             online)
{
  if (self->online == online)
    return;
  self->online = online;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
}

static void
set_who (PursuitPgConnection *self,
         const char          *user,
         gboolean             is_manager)
{
  if (g_strcmp0 (self->user, user) != 0)
    {
      g_free (self->user);
      self->user = g_strdup (user);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
    }
  if (self->is_manager != is_manager)
    {
      self->is_manager = is_manager;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_MANAGER]);
    }
}

/* A NOTIFY's payload as pursuit_notify() in the schema makes it: a JSON
 * object of exactly "table" and "op" (lower-case words) and "id" (an
 * integer), in any order. Anything else is refused. */
static gboolean
parse_word (const char **p,
            char       **word)
{
  const char *start;

  if (**p != '"')
    return FALSE;
  start = ++*p;
  while (g_ascii_isalnum (**p) || **p == '_')
    ++*p;
  if (**p != '"' || *p == start)
    return FALSE;
  *word = g_strndup (start, *p - start);
  ++*p;
  return TRUE;
}

static void
skip_space (const char **p)
{
  while (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r')
    ++*p;
}

static gboolean
parse_member (const char **p,
              char       **table,
              char       **op,
              gint64      *id,
              gboolean    *has_id)
{
  g_autofree char *key = NULL;
  char **target;

  if (!parse_word (p, &key))
    return FALSE;
  skip_space (p);
  if (**p != ':')
    return FALSE;
  ++*p;
  skip_space (p);
  if (g_str_equal (key, "id") && !*has_id)
    {
      char *end;

      *id = g_ascii_strtoll (*p, &end, 10);
      *has_id = end != *p && (g_ascii_isdigit (**p) || **p == '-');
      *p = end;
      return *has_id;
    }
  target = g_str_equal (key, "table") ? table : g_str_equal (key, "op") ? op : NULL;
  if (target == NULL || *target != NULL)
    return FALSE;
  return parse_word (p, target);
}

static gboolean
parse_payload (const char  *payload,
               char       **table,
               char       **op,
               gint64      *id)
{
  const char *p = payload;
  gboolean has_id = FALSE;

  skip_space (&p);
  if (*p++ != '{')
    return FALSE;
  for (;;)
    {
      skip_space (&p);
      if (!parse_member (&p, table, op, id, &has_id))
        return FALSE;
      skip_space (&p);
      if (*p == '}')
        break;
      if (*p++ != ',')
        return FALSE;
    }
  p++;
  skip_space (&p);
  return *p == '\0' && *table != NULL && *op != NULL && has_id;
}

static void
emit_notifies (PursuitPgConnection *self)
{
  PGnotify *notify;

  while (self->conn != NULL && (notify = PQnotifies (self->conn)) != NULL)
    {
      g_autofree char *table = NULL;
      g_autofree char *op = NULL;
      gint64 id = 0;

      if (g_str_equal (notify->relname, PURSUIT_PG_CHANNEL)
          && parse_payload (notify->extra, &table, &op, &id))
        g_signal_emit (self, signals[NOTIFIED], 0, table, op, id);
      else
        g_debug ("Ignored a notification on %s: %s", notify->relname, notify->extra);
      PQfreemem (notify);
    }
}

/* A query on its way: what the server answered so far. */
typedef struct
{
  char *sql;
  char **params;
  int n_params;
  PGresult *last;
  PGresult *failed;
} Query;

static void
query_free (Query *query)
{
  g_free (query->sql);
  for (int i = 0; i < query->n_params; i++)
    g_free (query->params[i]);
  g_free (query->params);
  g_clear_pointer (&query->last, PQclear);
  g_clear_pointer (&query->failed, PQclear);
  g_free (query);
}

/* Whether @result is an answer rather than an error. */
static gboolean
result_ok (const PGresult *result)
{
  ExecStatusType status = PQresultStatus (result);

  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY;
}

static gboolean
is_offline_state (const char *state)
{
  return state != NULL && (g_str_has_prefix (state, "08") || g_str_has_prefix (state, "57P"));
}

static GError *
result_error (PursuitPgConnection *self,
              const PGresult      *result)
{
  const char *state = PQresultErrorField (result, PG_DIAG_SQLSTATE);
  const char *primary = PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY);
  g_autofree char *message = pursuit_pg_dup_message (primary != NULL ? primary : PQresultErrorMessage (result));
  GError *error;

  if (is_offline_state (state) || PQstatus (self->conn) != CONNECTION_OK)
    error = offline_error ();
  else
    error = g_error_new (PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_FAILED, "%s.", message);
  set_error_sqlstate (error, state);
  return error;
}

static void
query_complete (PursuitPgConnection *self)
{
  g_autoptr(GTask) task = g_queue_pop_head (&self->queries);
  Query *query = g_task_get_task_data (task);

  self->sent = FALSE;
  if (query->failed != NULL)
    g_task_return_error (task, result_error (self, query->failed));
  else if (query->last == NULL)
    g_task_return_error (task, g_error_new (PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_FAILED,
                                            _("The team server sent no answer.")));
  else
    g_task_return_pointer (task, g_steal_pointer (&query->last), (GDestroyNotify) PQclear);
}

static void
query_add_result (Query    *query,
                  PGresult *result)
{
  if (query->failed != NULL)
    PQclear (result);
  else if (result_ok (result))
    {
      g_clear_pointer (&query->last, PQclear);
      query->last = result;
    }
  else
    query->failed = result;
}

/* Reads whatever answers the socket has, and sends the next query. */
static void
read_input (PursuitPgConnection *self)
{
  g_autoptr(PursuitPgConnection) hold = g_object_ref (self);
  gboolean alive = PQconsumeInput (self->conn);

  while (self->conn != NULL && self->sent && !PQisBusy (self->conn))
    {
      PGresult *result = PQgetResult (self->conn);

      if (result == NULL)
        query_complete (self);
      else
        query_add_result (g_task_get_task_data (g_queue_peek_head (&self->queries)), result);
    }
  emit_notifies (self);
  if (self->conn != NULL && (!alive || PQstatus (self->conn) != CONNECTION_OK))
    connection_lost (self);
  else
    pump (self);
}

static gboolean
on_readable (int          fd,
             GIOCondition condition,
             gpointer     data)
{
  read_input (data);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_writable (int          fd,
             GIOCondition condition,
             gpointer     data);

static void
flush (PursuitPgConnection *self)
{
  int pending = PQflush (self->conn);

  if (pending == 1 && self->out_source == NULL)
    {
      self->out_source = g_unix_fd_source_new (PQsocket (self->conn), G_IO_OUT);
      g_source_set_callback (self->out_source, G_SOURCE_FUNC (on_writable), self, NULL);
      g_source_attach (self->out_source, self->context);
    }
  else if (pending != 1 && self->out_source != NULL)
    {
      g_source_destroy (self->out_source);
      g_clear_pointer (&self->out_source, g_source_unref);
    }
  if (pending == -1)
    connection_lost (self);
}

static gboolean
on_writable (int          fd,
             GIOCondition condition,
             gpointer     data)
{
  PursuitPgConnection *self = data;
  g_autoptr(PursuitPgConnection) hold = g_object_ref (self);

  flush (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
send_query (PursuitPgConnection *self,
            Query               *query)
{
  if (query->n_params > 0)
    return PQsendQueryParams (self->conn, query->sql, query->n_params, NULL,
                              (const char *const *) query->params, NULL, NULL, 0);
  return PQsendQuery (self->conn, query->sql);
}

/* Sends the query at the head of the queue, unless one is on the wire. */
static void
pump (PursuitPgConnection *self)
{
  while (self->online && !self->sent && !g_queue_is_empty (&self->queries))
    {
      GTask *task = g_queue_peek_head (&self->queries);

      if (g_task_return_error_if_cancelled (task))
        {
          g_object_unref (g_queue_pop_head (&self->queries));
          continue;
        }
      if (!send_query (self, g_task_get_task_data (task)))
        {
          g_autofree char *reason = pursuit_pg_dup_message (PQerrorMessage (self->conn));

          if (PQstatus (self->conn) != CONNECTION_OK)
            {
              connection_lost (self);
              return;
            }
          task = g_queue_pop_head (&self->queries);
          g_task_return_new_error (task, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_FAILED, "%s.", reason);
          g_object_unref (task);
          continue;
        }
      self->sent = TRUE;
      flush (self);
    }
}

static void
close_conn (PursuitPgConnection *self)
{
  if (self->in_source != NULL)
    g_source_destroy (self->in_source);
  g_clear_pointer (&self->in_source, g_source_unref);
  if (self->out_source != NULL)
    g_source_destroy (self->out_source);
  g_clear_pointer (&self->out_source, g_source_unref);
  g_clear_pointer (&self->conn, PQfinish);
  self->sent = FALSE;
}

/* Fails every query waiting, from the oldest. */
static void
fail_queries (PursuitPgConnection *self)
{
  GQueue queue = self->queries;
  GTask *task;

  g_queue_init (&self->queries);
  while ((task = g_queue_pop_head (&queue)) != NULL)
    {
      g_task_return_error (task, offline_error ());
      g_object_unref (task);
    }
}

static gboolean
on_retry (gpointer data)
{
  PursuitPgConnection *self = data;

  self->retry_id = 0;
  start_attempt (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (PursuitPgConnection *self)
{
  GSource *source;

  g_debug ("Reconnecting to the team server in %u s", self->retry_delay);
  source = g_timeout_source_new_seconds (self->retry_delay);
  g_source_set_callback (source, on_retry, self, NULL);
  self->retry_id = g_source_attach (source, self->context);
  g_source_unref (source);
  self->retry_delay = MIN (self->retry_delay * 2, RETRY_MAX);
}

static void
connection_lost (PursuitPgConnection *self)
{
  g_autoptr(PursuitPgConnection) hold = g_object_ref (self);

  g_debug ("Lost the team server: %s", self->conn != NULL ? PQerrorMessage (self->conn) : "");
  close_conn (self);
  set_online (self, FALSE);
  fail_queries (self);
  if (self->retry_id == 0 && !self->connecting)
    schedule_retry (self);
}

static void
adopt (PursuitPgConnection *self,
       PursuitPgAttempt    *attempt)
{
  g_assert (self->conn == NULL);

  self->conn = g_steal_pointer (&attempt->conn);
  PQsetnonblocking (self->conn, 1);
  self->in_source = g_unix_fd_source_new (PQsocket (self->conn), G_IO_IN | G_IO_ERR | G_IO_HUP);
  g_source_set_callback (self->in_source, G_SOURCE_FUNC (on_readable), self, NULL);
  g_source_attach (self->in_source, self->context);
  /* Kept in memory only, for the next reconnect. */
  if (attempt->password != NULL && g_strcmp0 (self->password, attempt->password) != 0)
    {
      g_free (self->password);
      self->password = g_strdup (attempt->password);
    }
  self->remember = FALSE;
  self->retry_delay = RETRY_FIRST;
  set_who (self, attempt->user, attempt->is_manager);
  set_online (self, TRUE);
}

/* After a connection: the notifications that came while it was made, and
 * "reconnected" when it replaces a lost one. */
static void
after_connect (PursuitPgConnection *self)
{
  gboolean again = self->was_online || self->failed;

  self->was_online = TRUE;
  self->failed = FALSE;
  if (again)
    g_signal_emit (self, signals[RECONNECTED], 0);
  if (self->conn != NULL)
    read_input (self);
}

static void
attempt_done (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  PursuitPgConnection *self = PURSUIT_PG_CONNECTION (source);
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiters);
  PursuitPgAttempt *attempt = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->connecting = FALSE;
  self->needs_password = attempt->needs_password;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_debug ("Could not connect to the team server: %s", error->message);
      /* A server that is not there yet is tried again; a refused login
       * or a wrong address waits for the caller. */
      if (g_error_matches (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_CONNECT))
        self->failed = TRUE;
      if ((self->was_online || self->failed) && self->retry_id == 0)
        schedule_retry (self);
      for (guint i = 0; i < waiters->len; i++)
        g_task_return_error (waiters->pdata[i], g_error_copy (error));
      return;
    }
  adopt (self, attempt);
  for (guint i = 0; i < waiters->len; i++)
    g_task_return_boolean (waiters->pdata[i], TRUE);
  after_connect (self);
}

static void
start_attempt (PursuitPgConnection *self)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, attempt_done, NULL);

  g_assert (!self->connecting && self->conn == NULL);
  self->connecting = TRUE;
  g_task_set_source_tag (task, start_attempt);
  g_task_set_task_data (task, attempt_new (self), (GDestroyNotify) pursuit_pg_attempt_free);
  g_task_run_in_thread (task, attempt_thread);
}

PursuitPgConnection *
pursuit_pg_connection_new (const char *conninfo)
{
  g_return_val_if_fail (conninfo != NULL, NULL);

  return g_object_new (PURSUIT_TYPE_PG_CONNECTION, "conninfo", conninfo, NULL);
}

/**
 * pursuit_pg_connection_connect_async:
 *
 * Connects, in a thread, and LISTENs on "pursuit". The password comes from
 * libpq's own sources, then the keyring, then
 * pursuit_pg_connection_set_password(). Once connected, a lost connection
 * is restored by itself, with "reconnected" emitted each time.
 */
void
pursuit_pg_connection_connect_async (PursuitPgConnection *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PURSUIT_IS_PG_CONNECTION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pursuit_pg_connection_connect_async);
  if (self->online)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  /* One attempt at a time: a call while one runs (a reconnection, say)
   * has its outcome. */
  g_ptr_array_add (self->waiters, g_steal_pointer (&task));
  if (self->connecting)
    return;
  g_clear_handle_id (&self->retry_id, g_source_remove);
  start_attempt (self);
}

gboolean
pursuit_pg_connection_connect_finish (PursuitPgConnection  *self,
                                      GAsyncResult         *result,
                                      GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
pursuit_pg_connection_connect_sync (PursuitPgConnection  *self,
                                    GError              **error)
{
  g_autoptr(PursuitPgAttempt) attempt = NULL;

  g_return_val_if_fail (PURSUIT_IS_PG_CONNECTION (self), FALSE);
  g_return_val_if_fail (!self->connecting, FALSE);

  if (self->online)
    return TRUE;
  attempt = attempt_new (self);
  if (!pursuit_pg_attempt_run (attempt, error))
    {
      self->needs_password = attempt->needs_password;
      return FALSE;
    }
  self->needs_password = FALSE;
  g_clear_handle_id (&self->retry_id, g_source_remove);
  adopt (self, attempt);
  after_connect (self);
  return TRUE;
}

void
pursuit_pg_connection_query_async (PursuitPgConnection *self,
                                   const char          *sql,
                                   const char *const   *params,
                                   int                  n_params,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Query *query;

  g_return_if_fail (PURSUIT_IS_PG_CONNECTION (self));
  g_return_if_fail (sql != NULL);
  g_return_if_fail (n_params >= 0 && (n_params == 0 || params != NULL));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pursuit_pg_connection_query_async);
  if (!self->online)
    {
      g_task_return_error (task, offline_error ());
      return;
    }
  query = g_new0 (Query, 1);
  query->sql = g_strdup (sql);
  query->n_params = n_params;
  query->params = g_new0 (char *, MAX (n_params, 1));
  for (int i = 0; i < n_params; i++)
    query->params[i] = g_strdup (params[i]);
  g_task_set_task_data (task, query, (GDestroyNotify) query_free);
  g_queue_push_tail (&self->queries, g_steal_pointer (&task));
  pump (self);
}

struct pg_result *
pursuit_pg_connection_query_finish (PursuitPgConnection  *self,
                                    GAsyncResult         *result,
                                    GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

struct pg_result *
pursuit_pg_connection_query_sync (PursuitPgConnection  *self,
                                  const char           *sql,
                                  const char *const    *params,
                                  int                   n_params,
                                  GError              **error)
{
  g_autoptr(PGresult) result = NULL;

  g_return_val_if_fail (PURSUIT_IS_PG_CONNECTION (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);
  /* Blocking calls on the connection must not overtake the queue. */
  g_return_val_if_fail (g_queue_is_empty (&self->queries), NULL);

  if (!self->online)
    {
      g_propagate_error (error, offline_error ());
      return NULL;
    }
  /* PQexec*() block whatever the connection's mode. */
  if (n_params > 0)
    result = PQexecParams (self->conn, sql, n_params, NULL, params, NULL, NULL, 0);
  else
    result = PQexec (self->conn, sql);
  if (result != NULL && result_ok (result))
    return g_steal_pointer (&result);
  if (result != NULL)
    g_propagate_error (error, result_error (self, result));
  else
    g_propagate_error (error, offline_error ());
  if (PQstatus (self->conn) != CONNECTION_OK)
    connection_lost (self);
  return NULL;
}

gboolean
pursuit_pg_connection_get_online (PursuitPgConnection *self)
{
  g_return_val_if_fail (PURSUIT_IS_PG_CONNECTION (self), FALSE);

  return self->online;
}

const char *
pursuit_pg_connection_get_user (PursuitPgConnection *self)
{
  g_return_val_if_fail (PURSUIT_IS_PG_CONNECTION (self), NULL);

  return self->user;
}

gboolean
pursuit_pg_connection_get_is_manager (PursuitPgConnection *self)
{
  g_return_val_if_fail (PURSUIT_IS_PG_CONNECTION (self), FALSE);

  return self->is_manager;
}

gboolean
pursuit_pg_connection_get_needs_password (PursuitPgConnection *self)
{
  g_return_val_if_fail (PURSUIT_IS_PG_CONNECTION (self), FALSE);

  return self->needs_password;
}

void
pursuit_pg_connection_set_password (PursuitPgConnection *self,
                                    const char          *password,
                                    gboolean             remember)
{
  g_return_if_fail (PURSUIT_IS_PG_CONNECTION (self));

  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  self->password = g_strdup (password);
  self->remember = remember && password != NULL;
}

static void
pursuit_pg_connection_dispose (GObject *object)
{
  PursuitPgConnection *self = PURSUIT_PG_CONNECTION (object);

  g_clear_handle_id (&self->retry_id, g_source_remove);
  close_conn (self);
  G_OBJECT_CLASS (pursuit_pg_connection_parent_class)->dispose (object);
}

static void
pursuit_pg_connection_finalize (GObject *object)
{
  PursuitPgConnection *self = PURSUIT_PG_CONNECTION (object);

  /* Each query holds the connection: none can be left. */
  g_assert (g_queue_is_empty (&self->queries));
  /* A connection made while disposed. */
  close_conn (self);
  g_ptr_array_unref (self->waiters);
  pursuit_pg_connection_set_password (self, NULL, FALSE);
  g_free (self->conninfo);
  g_free (self->user);
  g_main_context_unref (self->context);
  G_OBJECT_CLASS (pursuit_pg_connection_parent_class)->finalize (object);
}

static void
pursuit_pg_connection_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PursuitPgConnection *self = PURSUIT_PG_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_CONNINFO:
      g_value_set_string (value, self->conninfo);
      break;
    case PROP_ONLINE:
      g_value_set_boolean (value, self->online);
      break;
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;
    case PROP_IS_MANAGER:
      g_value_set_boolean (value, self->is_manager);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pursuit_pg_connection_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PursuitPgConnection *self = PURSUIT_PG_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_CONNINFO:
      self->conninfo = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pursuit_pg_connection_class_init (PursuitPgConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pursuit_pg_connection_dispose;
  object_class->finalize = pursuit_pg_connection_finalize;
  object_class->get_property = pursuit_pg_connection_get_property;
  object_class->set_property = pursuit_pg_connection_set_property;

  properties[PROP_CONNINFO] =
    g_param_spec_string ("conninfo", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER] =
    g_param_spec_string ("user", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_MANAGER] =
    g_param_spec_boolean ("is-manager", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[NOTIFIED] =
    g_signal_new ("notified", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT64);
  signals[RECONNECTED] =
    g_signal_new ("reconnected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
pursuit_pg_connection_init (PursuitPgConnection *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->retry_delay = RETRY_FIRST;
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_queue_init (&self->queries);
}
