/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-pg"

#include "config.h"

#include <glib/gi18n.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "pursuit-pg-login-private.h"
#include "pursuit-pg-resources.h"
#include "pursuit-pg-setup.h"

/* PURSUIT_PG_ERROR is defined with the SQLSTATE it carries, in
 * pursuit-pg-connection.c. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

#define SCHEMA_RESOURCE "/io/github/pursuit/Pursuit/pg/pursuit-pg-schema.sql"
#define MIGRATION_MARKER "\n-- migration "

/* Serialises setups of the same database run at once: the second waits,
 * then finds the schema made. */
#define SETUP_LOCK "SELECT pg_catalog.pg_advisory_xact_lock (7301917)"

gboolean
pursuit_pg_is_conninfo (const char *database)
{
  PQconninfoOption *options;
  char *message = NULL;

  g_return_val_if_fail (database != NULL, FALSE);

  if (g_str_has_prefix (database, "postgresql://") || g_str_has_prefix (database, "postgres://"))
    return TRUE;
  if (strchr (database, '=') == NULL || g_file_test (database, G_FILE_TEST_EXISTS))
    return FALSE;
  /* Only words that libpq knows ("host=… dbname=…"), so that a file
   * name with "=" in it stays a file name. */
  options = PQconninfoParse (database, &message);
  PQfreemem (message);
  if (options == NULL)
    return FALSE;
  PQconninfoFree (options);
  return TRUE;
}

/* Where @conn went, for messages: never the connection string itself,
 * which may hold a password. */
static char *
dup_target (PGconn *conn)
{
  const char *host = PQhost (conn);

  /* TRANSLATORS: a database's name, and the server it is on. */
  return g_strdup_printf (_("“%s” on %s"), PQdb (conn) != NULL ? PQdb (conn) : "",
                          host != NULL && host[0] != '\0' && host[0] != '/' ? host : _("this computer"));
}

/* Seconds to wait for a server that does not answer, unless the address
 * or PGCONNECT_TIMEOUT says otherwise. */
#define CONNECT_TIMEOUT "10"

/* @conninfo as given, over Pursuit's defaults: a bounded wait, and a name
 * that the server's administrator sees in pg_stat_activity. */
static PGconn *
connect_bounded (const char *conninfo)
{
  const char *keys[] = { "connect_timeout", "fallback_application_name", "dbname", NULL };
  const char *values[] = { CONNECT_TIMEOUT, "pursuit", conninfo, NULL };
  guint first = g_getenv ("PGCONNECT_TIMEOUT") != NULL ? 1 : 0;

  /* dbname is expanded: what @conninfo sets wins over the keys before it. */
  return PQconnectdbParams (keys + first, values + first, 1);
}

static PGconn *
connect_team (const char  *conninfo,
              GError     **error)
{
  g_autoptr(PGconn) conn = NULL;
  PQconninfoOption *options;
  char *message = NULL;

  options = PQconninfoParse (conninfo, &message);
  if (options == NULL)
    {
      g_autofree char *reason = pursuit_pg_dup_message (message != NULL ? message : _("out of memory"));

      PQfreemem (message);
      g_set_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_CONNINFO,
                   _("Could not read the team database's address: %s. Give a URI such as "
                     "postgresql://alice@sales.example/pipeline, or words such as "
                     "“host=sales.example dbname=pipeline”."),
                   reason);
      return NULL;
    }
  PQconninfoFree (options);

  conn = connect_bounded (conninfo);
  if (conn == NULL || PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *reason = pursuit_pg_dup_message (conn != NULL ? PQerrorMessage (conn) : _("out of memory"));

      if (conn != NULL && PQconnectionNeedsPassword (conn))
        g_set_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_CONNECT,
                     _("The team database asks %s for a password, and none was found. Put it in "
                       "~/.pgpass (or a service file named by PGSERVICEFILE), then try again."),
                     PQuser (conn));
      else
        g_set_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_CONNECT,
                     _("Could not connect to the team database (%s). Check the address, and that "
                       "the server runs and lets this computer in."),
                     reason);
      return NULL;
    }
  PQsetNoticeProcessor (conn, pursuit_pg_drop_notice, NULL);
  return g_steal_pointer (&conn);
}

/* Turns the server's refusal of a statement into a message the user can
 * act on. */
static void
set_statement_error (PGconn          *conn,
                     const PGresult  *result,
                     GError         **error)
{
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  g_autofree char *reason = pursuit_pg_dup_message (primary != NULL ? primary : PQerrorMessage (conn));
  g_autofree char *target = dup_target (conn);

  if (g_strcmp0 (state, "42501") == 0)
    g_set_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_PERMISSION,
                 _("The role %s may not set up the team database %s (%s). Run --setup-team as "
                   "the database's owner with the right to create roles (CREATEROLE), or as a "
                   "superuser."),
                 PQuser (conn), target, reason);
  else if (g_strcmp0 (state, "42P07") == 0 || g_strcmp0 (state, "42723") == 0
           || g_strcmp0 (state, "42710") == 0)
    g_set_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_FAILED,
                 _("The database %s already holds something of the same name as Pursuit's (%s), "
                   "made by something else. Set up the team in a database of its own."),
                 target, reason);
  else
    g_set_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_FAILED,
                 _("The server refused to set up the team database %s: %s. Nothing was changed."),
                 target, reason);
}

static gboolean
run (PGconn      *conn,
     const char  *sql,
     GError     **error)
{
  g_autoptr(PGresult) result = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (result);

  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    return TRUE;
  set_statement_error (conn, result, error);
  return FALSE;
}

/* The version the database's team schema is at: 0 when it has none. */
static gboolean
read_version (PGconn  *conn,
              int     *version,
              GError **error)
{
  g_autoptr(PGresult) result = NULL;

  if (!run (conn, "CREATE TABLE IF NOT EXISTS pursuit_schema (version integer NOT NULL)", error))
    return FALSE;
  result = PQexec (conn, "SELECT max (version) FROM pursuit_schema");
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      set_statement_error (conn, result, error);
      return FALSE;
    }
  *version = PQgetisnull (result, 0, 0) ? 0 : atoi (PQgetvalue (result, 0, 0));
  return TRUE;
}

/* The statements of each migration in the schema file, the first (to
 * version 1) at index 0. */
static GPtrArray *
load_migrations (void)
{
  g_autoptr(GBytes) bytes = g_resource_lookup_data (pursuit_pg_get_resource (), SCHEMA_RESOURCE,
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  GPtrArray *steps = g_ptr_array_new_with_free_func (g_free);
  const char *at = strstr (text, MIGRATION_MARKER);

  while (at != NULL)
    {
      const char *body = strchr (at + 1, '\n');
      const char *next = body != NULL ? strstr (body, MIGRATION_MARKER) : NULL;

      g_assert (g_ascii_strtoull (at + strlen (MIGRATION_MARKER), NULL, 10) == steps->len + 1);
      g_assert (body != NULL);
      g_ptr_array_add (steps, next != NULL ? g_strndup (body, next - body) : g_strdup (body));
      at = next;
    }
  g_assert (steps->len == PURSUIT_PG_SCHEMA_VERSION);
  return steps;
}

static gboolean
migrate (PGconn  *conn,
         GError **error)
{
  g_autoptr(GPtrArray) steps = load_migrations ();
  g_autofree char *record = NULL;
  int version = 0;

  /* The tables go where every rep's connection finds them, whatever
   * schema of its own the role setting up has. */
  if (!run (conn, "SET LOCAL search_path = public", error)
      || !run (conn, "SET LOCAL client_min_messages = warning", error) || !run (conn, SETUP_LOCK, error)
      || !read_version (conn, &version, error))
    return FALSE;
  if (version > PURSUIT_PG_SCHEMA_VERSION)
    {
      g_autofree char *target = dup_target (conn);

      g_set_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_NEWER,
                   _("The team database %s was set up by a newer version of Pursuit (schema %d; this "
                     "one knows up to %d). Update Pursuit to use it; nothing was changed."),
                   target, version, PURSUIT_PG_SCHEMA_VERSION);
      return FALSE;
    }
  if (version == PURSUIT_PG_SCHEMA_VERSION)
    return TRUE;
  for (guint i = version; i < steps->len; i++)
    if (!run (conn, g_ptr_array_index (steps, i), error))
      return FALSE;
  record = g_strdup_printf ("DELETE FROM pursuit_schema; INSERT INTO pursuit_schema (version) VALUES (%d)",
                            PURSUIT_PG_SCHEMA_VERSION);
  return run (conn, record, error);
}

gboolean
pursuit_pg_setup_team (const char  *conninfo,
                       GError     **error)
{
  g_autoptr(PGconn) conn = NULL;

  g_return_val_if_fail (conninfo != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  conn = connect_team (conninfo, error);
  if (conn == NULL)
    return FALSE;
  if (PQserverVersion (conn) < 100000)
    {
      g_set_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_FAILED,
                   _("The team database needs PostgreSQL 10 or newer; this server is version %d."),
                   PQserverVersion (conn) / 10000);
      return FALSE;
    }
  /* All of it or nothing: the roles, tables, policies and the version. */
  if (!run (conn, "BEGIN", error))
    return FALSE;
  if (!migrate (conn, error) || !run (conn, "COMMIT", error))
    {
      g_autoptr(PGresult) result = PQexec (conn, "ROLLBACK");
      return FALSE;
    }
  return TRUE;
}
