/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test"

#include "config.h"

#include <stdlib.h>

#include "pursuit-pg-setup.h"
#include "test-pg-util.h"

gboolean
pursuit_test_pg_need_cluster (void)
{
  if (g_getenv ("PURSUIT_TEST_PG_HOST") != NULL)
    return TRUE;
  g_test_skip ("No PostgreSQL cluster: run this test through tests/pg-cluster (meson test does)");
  return FALSE;
}

static const char *
superuser (const char *user)
{
  return user != NULL ? user : g_getenv ("PURSUIT_TEST_PG_USER");
}

char *
pursuit_test_pg_conninfo (const char *dbname,
                          const char *user)
{
  return g_strdup_printf ("host=%s port=%s dbname=%s user=%s", g_getenv ("PURSUIT_TEST_PG_HOST"),
                          g_getenv ("PURSUIT_TEST_PG_PORT"), dbname, superuser (user));
}

char *
pursuit_test_pg_uri (const char *dbname,
                     const char *user)
{
  g_autofree char *host = g_uri_escape_string (g_getenv ("PURSUIT_TEST_PG_HOST"), NULL, FALSE);

  return g_strdup_printf ("postgresql://%s@%s:%s/%s", superuser (user), host, g_getenv ("PURSUIT_TEST_PG_PORT"),
                          dbname);
}

PGconn *
pursuit_test_pg_connect (const char *dbname,
                         const char *user)
{
  g_autofree char *conninfo = pursuit_test_pg_conninfo (dbname, user);
  PGconn *conn = PQconnectdb (conninfo);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("Could not connect to %s: %s", conninfo, PQerrorMessage (conn));
  return conn;
}

static PGresult *
exec_ok (PGconn     *conn,
         const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (result);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  return result;
}

void
pursuit_test_pg_run (PGconn     *conn,
                     const char *sql)
{
  PQclear (exec_ok (conn, sql));
}

void
pursuit_test_pg_refused (PGconn     *conn,
                         const char *sql,
                         const char *state)
{
  g_autoptr(PGresult) result = PQexec (conn, sql);

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_FATAL_ERROR);
  g_assert_cmpstr (PQresultErrorField (result, PG_DIAG_SQLSTATE), ==, state);
}

int
pursuit_test_pg_count (PGconn     *conn,
                       const char *sql)
{
  g_autoptr(PGresult) result = exec_ok (conn, sql);

  return atoi (PQcmdTuples (result));
}

char *
pursuit_test_pg_column (PGconn     *conn,
                        const char *sql)
{
  g_autoptr(PGresult) result = exec_ok (conn, sql);
  GString *text = g_string_new (NULL);

  for (int i = 0; i < PQntuples (result); i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "," : "",
                            PQgetisnull (result, i, 0) ? "NULL" : PQgetvalue (result, i, 0));
  return g_string_free (text, FALSE);
}

void
pursuit_test_pg_make_role (const char *name,
                           const char *group,
                           const char *attributes)
{
  g_autoptr(PGconn) conn = pursuit_test_pg_connect ("postgres", NULL);
  g_autofree char *sql = g_strdup_printf ("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%s') "
                                          "THEN CREATE ROLE %s LOGIN %s; END IF; END $$",
                                          name, name, attributes != NULL ? attributes : "");

  pursuit_test_pg_run (conn, "SET client_min_messages = warning");
  pursuit_test_pg_run (conn, sql);
  if (group != NULL)
    {
      g_autofree char *grant = g_strdup_printf ("GRANT %s TO %s", group, name);

      pursuit_test_pg_run (conn, grant);
    }
}

char *
pursuit_test_pg_make_database (const char *owner)
{
  static int serial;
  g_autoptr(PGconn) conn = pursuit_test_pg_connect ("postgres", NULL);
  char *name = g_strdup_printf ("pursuit_test_%d", ++serial);
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s OWNER %s", name, owner);

  pursuit_test_pg_run (conn, sql);
  return name;
}

char *
pursuit_test_pg_make_team (void)
{
  char *db;
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;

  pursuit_test_pg_make_role ("team_owner", NULL, "CREATEROLE");
  db = pursuit_test_pg_make_database ("team_owner");
  uri = pursuit_test_pg_uri (db, "team_owner");
  g_assert_true (pursuit_pg_setup_team (uri, &error));
  g_assert_no_error (error);
  pursuit_test_pg_make_role ("alice", "pursuit_rep", NULL);
  pursuit_test_pg_make_role ("bob", "pursuit_rep", NULL);
  pursuit_test_pg_make_role ("mona", "pursuit_manager", NULL);
  return db;
}

void
pursuit_test_pg_store_result (GObject      *source,
                              GAsyncResult *result,
                              gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

gboolean
pursuit_test_pg_tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}
