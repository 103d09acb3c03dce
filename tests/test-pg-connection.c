/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "pursuit-pg-connection.h"
#include "test-pg-util.h"

/* PursuitPgConnection against a real server (tests/pg-cluster): it never
 * blocks the main loop, keeps queries in order, passes NOTIFY on, goes
 * offline when the server stops and comes back when it starts again. */

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static PursuitPgConnection *
connect_as (const char *dbname,
            const char *user)
{
  g_autofree char *conninfo = pursuit_test_pg_conninfo (dbname, user);
  PursuitPgConnection *conn = pursuit_pg_connection_new (conninfo);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pursuit_pg_connection_connect_async (conn, NULL, pursuit_test_pg_store_result, &result);
  PURSUIT_TEST_PG_WAIT_FOR (result != NULL, 30);
  g_assert_nonnull (result);
  g_assert_true (pursuit_pg_connection_connect_finish (conn, result, &error));
  g_assert_no_error (error);
  g_assert_true (pursuit_pg_connection_get_online (conn));
  return conn;
}

/* The first value of what @sql returns, through the queue. */
static char *
query_value (PursuitPgConnection *conn,
             const char          *sql,
             GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PGresult) rows = NULL;

  pursuit_pg_connection_query_async (conn, sql, NULL, 0, NULL, pursuit_test_pg_store_result, &result);
  PURSUIT_TEST_PG_WAIT_FOR (result != NULL, 30);
  g_assert_nonnull (result);
  rows = pursuit_pg_connection_query_finish (conn, result, error);
  if (rows == NULL)
    return NULL;
  return g_strdup (PQntuples (rows) > 0 ? PQgetvalue (rows, 0, 0) : "");
}

/* A server that takes the connection and never answers: connecting lasts
 * until the connect_timeout, and the main loop must run meanwhile. */
static void
test_connect_not_blocking (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PursuitPgConnection) conn = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *conninfo = NULL;
  gboolean fired = FALSE;
  gint64 start;

  g_assert_true (g_socket_listener_add_address (listener, any, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                                NULL, &bound, &error));
  g_assert_no_error (error);
  conninfo = g_strdup_printf ("host=127.0.0.1 port=%u dbname=silent user=nobody connect_timeout=2",
                              g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  conn = pursuit_pg_connection_new (conninfo);
  start = g_get_monotonic_time ();
  pursuit_pg_connection_connect_async (conn, NULL, pursuit_test_pg_store_result, &result);
  g_assert_null (result);
  g_timeout_add (100, set_flag, &fired);
  PURSUIT_TEST_PG_WAIT_FOR (result != NULL, 60);
  g_assert_nonnull (result);
  /* The timeout ran while libpq waited for the silent server. */
  g_assert_true (fired);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
  g_assert_false (pursuit_pg_connection_connect_finish (conn, result, &error));
  g_assert_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_CONNECT);
  g_assert_false (pursuit_pg_connection_get_online (conn));
}

static void
test_connect (void)
{
  g_autoptr(PursuitPgConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  if (!pursuit_test_pg_need_cluster ())
    return;
  conn = connect_as ("postgres", NULL);
  g_assert_cmpstr (pursuit_pg_connection_get_user (conn), ==, g_getenv ("PURSUIT_TEST_PG_USER"));
  value = query_value (conn, "SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid ()", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "pursuit");
}

/* A second connect_async() while the first runs shares its outcome. */
static void
test_connect_twice (void)
{
  g_autofree char *conninfo = NULL;
  g_autoptr(PursuitPgConnection) conn = NULL;
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GError) error = NULL;

  if (!pursuit_test_pg_need_cluster ())
    return;
  conninfo = pursuit_test_pg_conninfo ("postgres", NULL);
  conn = pursuit_pg_connection_new (conninfo);
  pursuit_pg_connection_connect_async (conn, NULL, pursuit_test_pg_store_result, &first);
  pursuit_pg_connection_connect_async (conn, NULL, pursuit_test_pg_store_result, &second);
  PURSUIT_TEST_PG_WAIT_FOR (first != NULL && second != NULL, 30);
  g_assert_true (pursuit_pg_connection_connect_finish (conn, first, &error));
  g_assert_no_error (error);
  g_assert_true (pursuit_pg_connection_connect_finish (conn, second, &error));
  g_assert_no_error (error);
  g_assert_true (pursuit_pg_connection_get_online (conn));
}

typedef struct
{
  PursuitPgConnection *conn;
  GPtrArray *seen;
} Order;

static void
record_answer (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  Order *order = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) rows = pursuit_pg_connection_query_finish (order->conn, result, &error);

  if (rows != NULL)
    g_ptr_array_add (order->seen, g_strdup (PQgetvalue (rows, 0, 0)));
  else
    g_ptr_array_add (order->seen, g_strdup_printf ("%s:%s", pursuit_pg_error_get_sqlstate (error),
                                                   error->message));
}

/* Answers come back in the order the queries were made, the slow ones
 * first; a refused statement fails its own query only. */
static void
test_order (void)
{
  g_autoptr(PursuitPgConnection) conn = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  Order order = { NULL, seen };
  const char *null_param[] = { NULL };

  if (!pursuit_test_pg_need_cluster ())
    return;
  conn = order.conn = connect_as ("postgres", NULL);
  for (int i = 0; i < 20; i++)
    {
      g_autofree char *number = g_strdup_printf ("%d", i);
      g_autofree char *sleep = g_strdup_printf ("%g", (20 - i) * 0.003);
      const char *params[] = { number, sleep };

      if (i == 10)
        pursuit_pg_connection_query_async (conn, "SELECT 1 / 0", NULL, 0, NULL, record_answer, &order);
      else
        pursuit_pg_connection_query_async (conn, "SELECT $1::int, pg_sleep ($2::float8)", params, 2, NULL,
                                           record_answer, &order);
    }
  /* Several statements: the last one's answer. */
  pursuit_pg_connection_query_async (conn, "CREATE TEMP TABLE t (x int); INSERT INTO t VALUES (1), (2); "
                                     "SELECT count (*) FROM t", NULL, 0, NULL, record_answer, &order);
  pursuit_pg_connection_query_async (conn, "SELECT $1::text IS NULL", null_param, 1, NULL, record_answer, &order);
  PURSUIT_TEST_PG_WAIT_FOR (seen->len == 22, 60);
  g_assert_cmpuint (seen->len, ==, 22);
  for (int i = 0; i < 20; i++)
    {
      g_autofree char *number = g_strdup_printf ("%d", i);

      if (i == 10)
        g_assert_cmpstr (seen->pdata[i], ==, "22012:division by zero.");
      else
        g_assert_cmpstr (seen->pdata[i], ==, number);
    }
  g_assert_cmpstr (seen->pdata[20], ==, "2");
  g_assert_cmpstr (seen->pdata[21], ==, "t");
}

static void
test_sync (void)
{
  g_autofree char *conninfo = NULL;
  g_autoptr(PursuitPgConnection) conn = NULL;
  g_autoptr(PGresult) rows = NULL;
  g_autoptr(GError) error = NULL;
  const char *params[] = { "41" };

  if (!pursuit_test_pg_need_cluster ())
    return;
  conninfo = pursuit_test_pg_conninfo ("postgres", NULL);
  conn = pursuit_pg_connection_new (conninfo);
  g_assert_true (pursuit_pg_connection_connect_sync (conn, &error));
  g_assert_no_error (error);
  rows = pursuit_pg_connection_query_sync (conn, "SELECT $1::int + 1", params, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (PQgetvalue (rows, 0, 0), ==, "42");
  g_assert_null (pursuit_pg_connection_query_sync (conn, "SELECT * FROM nowhere", NULL, 0, &error));
  g_assert_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_FAILED);
  g_assert_cmpstr (pursuit_pg_error_get_sqlstate (error), ==, "42P01");
  g_assert_nonnull (strstr (error->message, "nowhere"));
}

static void
record_notified (PursuitPgConnection *conn,
                 const char          *table,
                 const char          *op,
                 gint64               id,
                 GPtrArray           *seen)
{
  g_ptr_array_add (seen, g_strdup_printf ("%s %s %" G_GINT64_FORMAT, table, op, id));
}

/* A team database as --setup-team makes it, and its name. */
static char *
make_team_database (void)
{
  char *db = pursuit_test_pg_make_database (g_getenv ("PURSUIT_TEST_PG_USER"));
  g_autofree char *conninfo = pursuit_test_pg_conninfo (db, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (pursuit_pg_setup_team (conninfo, &error));
  g_assert_no_error (error);
  return db;
}

/* What the schema's trigger sends, from another connection, arrives as
 * "notified" within a second; a payload of another shape is dropped. */
static void
test_notified (void)
{
  g_autofree char *db = NULL;
  g_autoptr(PursuitPgConnection) conn = NULL;
  g_autoptr(PGconn) other = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *id = NULL;
  g_autofree char *expected = NULL;
  gint64 start;

  if (!pursuit_test_pg_need_cluster ())
    return;
  db = make_team_database ();
  conn = connect_as (db, NULL);
  g_signal_connect (conn, "notified", G_CALLBACK (record_notified), seen);
  other = pursuit_test_pg_connect (db, NULL);

  start = g_get_monotonic_time ();
  id = pursuit_test_pg_column (other, "INSERT INTO prospects (name, owner) VALUES ('Ada', NULL) RETURNING id");
  PURSUIT_TEST_PG_WAIT_FOR (seen->len == 1, 10);
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  expected = g_strdup_printf ("prospects insert %s", id);
  g_assert_cmpstr (seen->pdata[0], ==, expected);

  pursuit_test_pg_run (other, "NOTIFY pursuit, '{\"table\": \"prospects\", \"op\": \"update\"}'");
  pursuit_test_pg_run (other, "NOTIFY pursuit, 'prospects update 1'");
  pursuit_test_pg_run (other, "NOTIFY pursuit, '{\"id\": 7, \"op\": \"insert\", \"table\": \"touches\", \"x\": 1}'");
  pursuit_test_pg_run (other, "DELETE FROM prospects");
  PURSUIT_TEST_PG_WAIT_FOR (seen->len == 2, 10);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("prospects delete %s", id);
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_cmpstr (seen->pdata[1], ==, expected);
}

/* current_user, and whether it is a manager: what the store shows. */
static void
test_who (void)
{
  g_autofree char *db = NULL;
  g_autoptr(PursuitPgConnection) rep = NULL;
  g_autoptr(PursuitPgConnection) manager = NULL;

  if (!pursuit_test_pg_need_cluster ())
    return;
  db = make_team_database ();
  pursuit_test_pg_make_role ("conn_rita", "pursuit_rep", NULL);
  pursuit_test_pg_make_role ("conn_mona", "pursuit_manager", NULL);
  rep = connect_as (db, "conn_rita");
  manager = connect_as (db, "conn_mona");
  g_assert_cmpstr (pursuit_pg_connection_get_user (rep), ==, "conn_rita");
  g_assert_false (pursuit_pg_connection_get_is_manager (rep));
  g_assert_cmpstr (pursuit_pg_connection_get_user (manager), ==, "conn_mona");
  g_assert_true (pursuit_pg_connection_get_is_manager (manager));
}

/* No password in libpq's sources nor in a keyring: the caller is told to
 * ask; a wrong one is refused clearly; the right one connects. */
static void
test_password (void)
{
  g_autofree char *conninfo = NULL;
  g_autoptr(PursuitPgConnection) conn = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) admin = NULL;

  if (!pursuit_test_pg_need_cluster ())
    return;
  pursuit_test_pg_make_role ("password_user", NULL, NULL);
  admin = pursuit_test_pg_connect ("postgres", NULL);
  pursuit_test_pg_run (admin, "ALTER ROLE password_user PASSWORD 'right horse'");
  conninfo = pursuit_test_pg_conninfo ("postgres", "password_user");
  conn = pursuit_pg_connection_new (conninfo);

  pursuit_pg_connection_connect_async (conn, NULL, pursuit_test_pg_store_result, &result);
  PURSUIT_TEST_PG_WAIT_FOR (result != NULL, 30);
  g_assert_false (pursuit_pg_connection_connect_finish (conn, result, &error));
  g_assert_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_PASSWORD);
  g_assert_nonnull (strstr (error->message, "password_user"));
  g_assert_true (pursuit_pg_connection_get_needs_password (conn));
  g_clear_error (&error);
  g_clear_object (&result);

  pursuit_pg_connection_set_password (conn, "wrong horse", FALSE);
  pursuit_pg_connection_connect_async (conn, NULL, pursuit_test_pg_store_result, &result);
  PURSUIT_TEST_PG_WAIT_FOR (result != NULL, 30);
  g_assert_false (pursuit_pg_connection_connect_finish (conn, result, &error));
  g_assert_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_PASSWORD);
  g_assert_nonnull (strstr (error->message, "refused the password"));
  g_clear_error (&error);
  g_clear_object (&result);

  pursuit_pg_connection_set_password (conn, "right horse", FALSE);
  pursuit_pg_connection_connect_async (conn, NULL, pursuit_test_pg_store_result, &result);
  PURSUIT_TEST_PG_WAIT_FOR (result != NULL, 30);
  g_assert_true (pursuit_pg_connection_connect_finish (conn, result, &error));
  g_assert_no_error (error);
  g_assert_false (pursuit_pg_connection_get_needs_password (conn));
  g_assert_cmpstr (pursuit_pg_connection_get_user (conn), ==, "password_user");
}

static void
run_cluster (const char *command)
{
  const char *argv[] = { g_getenv ("PURSUIT_TEST_PG_CLUSTER"), command, g_getenv ("PURSUIT_TEST_PG_HOST"), NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
}

static void
count_signal (gpointer  instance,
              guint    *count)
{
  (*count)++;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* The server stops: "online" turns FALSE, the query on the wire and any new
 * one fail at once as offline; it starts again: the connection comes back
 * by itself within the backoff, says "reconnected", and LISTENs again. */
static void
test_offline (void)
{
  g_autoptr(PursuitPgConnection) conn = NULL;
  g_autoptr(PursuitPgConnection) late = NULL;
  g_autoptr(GAsyncResult) late_result = NULL;
  g_autofree char *conninfo = pursuit_test_pg_conninfo ("postgres", NULL);
  guint late_reconnected = 0;
  g_autoptr(GAsyncResult) on_wire = NULL;
  g_autoptr(GAsyncResult) later = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) other = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *value = NULL;
  guint reconnected = 0, online_changes = 0;
  gint64 lost, up, back;

  if (!pursuit_test_pg_need_cluster ())
    return;
  conn = connect_as ("postgres", NULL);
  g_signal_connect (conn, "reconnected", G_CALLBACK (count_signal), &reconnected);
  g_signal_connect (conn, "notify::online", G_CALLBACK (count_notify), &online_changes);
  g_signal_connect (conn, "notified", G_CALLBACK (record_notified), seen);
  pursuit_pg_connection_query_async (conn, "SELECT pg_sleep (60)", NULL, 0, NULL, pursuit_test_pg_store_result,
                                     &on_wire);
  /* Sent before the server goes. */
  g_main_context_iteration (NULL, FALSE);

  run_cluster ("stop");
  PURSUIT_TEST_PG_WAIT_FOR (!pursuit_pg_connection_get_online (conn), 30);
  lost = g_get_monotonic_time ();
  g_assert_false (pursuit_pg_connection_get_online (conn));
  g_assert_cmpuint (online_changes, ==, 1);
  PURSUIT_TEST_PG_WAIT_FOR (on_wire != NULL, 5);
  g_assert_null (pursuit_pg_connection_query_finish (conn, on_wire, &error));
  g_assert_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_OFFLINE);
  g_clear_error (&error);

  pursuit_pg_connection_query_async (conn, "SELECT 1", NULL, 0, NULL, pursuit_test_pg_store_result, &later);
  PURSUIT_TEST_PG_WAIT_FOR (later != NULL, 0.5);
  g_assert_nonnull (later);
  g_assert_null (pursuit_pg_connection_query_finish (conn, later, &error));
  g_assert_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_OFFLINE);
  g_assert_cmpstr (error->message, ==, "The team server is not reachable. Your change was not saved.");
  g_clear_error (&error);

  /* Opened while the server is away: it fails, and keeps trying. */
  late = pursuit_pg_connection_new (conninfo);
  g_signal_connect (late, "reconnected", G_CALLBACK (count_signal), &late_reconnected);
  pursuit_pg_connection_connect_async (late, NULL, pursuit_test_pg_store_result, &late_result);
  PURSUIT_TEST_PG_WAIT_FOR (late_result != NULL, 30);
  g_assert_false (pursuit_pg_connection_connect_finish (late, late_result, &error));
  g_assert_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_CONNECT);
  g_clear_error (&error);

  run_cluster ("resume");
  up = g_get_monotonic_time ();
  /* Retries 1, 2, 4, … s apart: the next one after the server is up
   * comes within about the time it was down. */
  PURSUIT_TEST_PG_WAIT_FOR (reconnected == 1 && late_reconnected == 1, 2.0 * (up - lost) / G_USEC_PER_SEC + 10);
  back = g_get_monotonic_time ();
  g_assert_cmpuint (reconnected, ==, 1);
  g_assert_cmpuint (late_reconnected, ==, 1);
  g_assert_true (pursuit_pg_connection_get_online (late));
  g_test_message ("down %.1f s, back %.1f s after the server", (up - lost) / 1e6, (back - up) / 1e6);
  g_assert_true (pursuit_pg_connection_get_online (conn));
  g_assert_cmpuint (online_changes, ==, 2);

  value = query_value (conn, "SELECT 2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "2");
  other = pursuit_test_pg_connect ("postgres", NULL);
  pursuit_test_pg_run (other, "NOTIFY pursuit, '{\"id\": 5, \"op\": \"update\", \"table\": \"prospects\"}'");
  PURSUIT_TEST_PG_WAIT_FOR (seen->len == 1, 10);
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (seen->pdata[0], ==, "prospects update 5");
}

int
main (int   argc,
      char *argv[])
{
  /* Only the passwords a test gives: not the user's ~/.pgpass. */
  g_setenv ("PGPASSFILE", "/nonexistent/pgpass", TRUE);
  g_unsetenv ("PGPASSWORD");
  g_unsetenv ("PGSERVICEFILE");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pg/connection/connect-not-blocking", test_connect_not_blocking);
  g_test_add_func ("/pg/connection/connect", test_connect);
  g_test_add_func ("/pg/connection/connect-twice", test_connect_twice);
  g_test_add_func ("/pg/connection/order", test_order);
  g_test_add_func ("/pg/connection/sync", test_sync);
  g_test_add_func ("/pg/connection/notified", test_notified);
  g_test_add_func ("/pg/connection/who", test_who);
  g_test_add_func ("/pg/connection/password", test_password);
  /* Last: it stops and restarts the server. */
  g_test_add_func ("/pg/connection/offline", test_offline);
  return g_test_run ();
}
