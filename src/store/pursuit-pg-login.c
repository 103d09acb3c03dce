/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-pg"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "pursuit-pg-login-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

/* Logging in to the team server, in a thread of PursuitPgConnection's:
 * libpq's blocking connect with libpq's own password sources, then the
 * password the user gave or the keyring's, LISTEN, and who is logged in. */

/* Seconds to wait for a server that does not answer, unless the address
 * or PGCONNECT_TIMEOUT says otherwise; the keepalives notice a network
 * that went silent without closing the socket. */
#define CONNECT_TIMEOUT "10"

/* The keyring's entry of a team server's password. */
static const SecretSchema *
team_server_schema (void)
{
  static const SecretSchema schema = {
    "io.github.pursuit.Pursuit.TeamServer", SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

/* libpq's messages end in a newline and some span lines: one line, without
 * the final full stop, to go inside a sentence of ours. */
char *
pursuit_pg_dup_message (const char *message)
{
  g_auto(GStrv) words = g_strsplit_set (message != NULL ? message : "", " \t\r\n", -1);
  GString *text = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", words[i]);
  if (text->len > 0 && text->str[text->len - 1] == '.')
    g_string_truncate (text, text->len - 1);
  return g_string_free (text, FALSE);
}

/* The notices of "IF NOT EXISTS" and the like are not for the user. */
void
pursuit_pg_drop_notice (void       *data,
                        const char *message)
{
  g_debug ("%s", message);
}

void
pursuit_pg_attempt_free (PursuitPgAttempt *attempt)
{
  g_free (attempt->conninfo);
  if (attempt->password != NULL)
    memset (attempt->password, 0, strlen (attempt->password));
  g_free (attempt->password);
  g_clear_pointer (&attempt->conn, PQfinish);
  g_free (attempt->user);
  g_free (attempt);
}

/* @conninfo over Pursuit's defaults: a bounded wait, keepalives, a name
 * that the server's administrator sees in pg_stat_activity, and
 * @password unless NULL. */
static PGconn *
open_conn (const char *conninfo,
           const char *password)
{
  const char *keys[] = { "connect_timeout", "fallback_application_name", "keepalives_idle",
                         "keepalives_interval", "keepalives_count", "tcp_user_timeout", "dbname", "password", NULL };
  const char *values[] = { CONNECT_TIMEOUT, "pursuit", "20", "5", "3", "30000", conninfo, password, NULL };
  guint first = g_getenv ("PGCONNECT_TIMEOUT") != NULL ? 1 : 0;

  if (password == NULL)
    keys[7] = NULL;
  /* dbname is expanded: what @conninfo sets wins over the keys before it,
   * and the password given wins over it, as it comes after. */
  return PQconnectdbParams (keys + first, values + first, 1);
}

static char *
keyring_lookup (PGconn *conn)
{
  g_autoptr(GError) error = NULL;
  char *password;
  char *copy;

  password = secret_password_lookup_sync (team_server_schema (), NULL, &error,
                                          "host", PQhost (conn), "port", PQport (conn),
                                          "database", PQdb (conn), "user", PQuser (conn), NULL);
  if (error != NULL)
    g_debug ("No keyring: %s", error->message);
  /* libsecret's copy is freed its own way; ours is wiped when freed. */
  if (password == NULL)
    return NULL;
  copy = g_strdup (password);
  secret_password_free (password);
  return copy;
}

static void
keyring_store (PGconn     *conn,
               const char *password)
{
  g_autoptr(GError) error = NULL;
  /* TRANSLATORS: the keyring's name of a team server's password: a user,
   * a database and the server it is on. */
  g_autofree char *label = g_strdup_printf (_("Pursuit team server: %s, “%s” on %s"), PQuser (conn),
                                            PQdb (conn), PQhost (conn));

  if (!secret_password_store_sync (team_server_schema (), SECRET_COLLECTION_DEFAULT, label, password, NULL,
                                   &error, "host", PQhost (conn), "port", PQport (conn),
                                   "database", PQdb (conn), "user", PQuser (conn), NULL))
    g_warning ("Could not keep the team server's password in the keyring: %s", error->message);
}

static gboolean
attempt_set_up (PursuitPgAttempt  *attempt,
                GError           **error)
{
  g_autoptr(PGresult) listen = PQexec (attempt->conn, "LISTEN " PURSUIT_PG_CHANNEL);
  g_autoptr(PGresult) who = NULL;

  if (PQresultStatus (listen) != PGRES_COMMAND_OK)
    {
      g_autofree char *reason = pursuit_pg_dup_message (PQresultErrorMessage (listen));

      g_set_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_CONNECT,
                   _("The team server refused to send changes as they happen (%s)."), reason);
      return FALSE;
    }
  who = PQexec (attempt->conn,
                "SELECT current_user, coalesce ((SELECT pg_catalog.pg_has_role (current_user, oid, 'MEMBER')"
                " FROM pg_catalog.pg_roles WHERE rolname = 'pursuit_manager'), false)");
  if (PQresultStatus (who) != PGRES_TUPLES_OK || PQntuples (who) != 1)
    {
      g_autofree char *reason = pursuit_pg_dup_message (PQresultErrorMessage (who));

      g_set_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_CONNECT,
                   _("The team server did not say who is logged in (%s)."), reason);
      return FALSE;
    }
  attempt->user = g_strdup (PQgetvalue (who, 0, 0));
  attempt->is_manager = g_str_equal (PQgetvalue (who, 0, 1), "t");
  return TRUE;
}

static void
attempt_fail (PursuitPgAttempt  *attempt,
              GError           **error)
{
  PGconn *conn = attempt->conn;
  g_autofree char *reason = pursuit_pg_dup_message (PQerrorMessage (conn));

  /* A password refused reads as one wanted: the user is asked again. */
  attempt->needs_password = PQconnectionNeedsPassword (conn)
                            || (PQconnectionUsedPassword (conn) && strstr (reason, "password") != NULL);
  if (attempt->needs_password && attempt->password == NULL)
    g_set_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_PASSWORD,
                 _("The team server asks %s for a password, and none was found in ~/.pgpass, the "
                   "service file or the keyring."),
                 PQuser (conn));
  else if (attempt->needs_password)
    g_set_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_PASSWORD,
                 _("The team server refused the password of %s (%s)."),
                 PQuser (conn), reason);
  else
    g_set_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_CONNECT,
                 _("Could not connect to the team server (%s). Check the address, and that the "
                   "server runs and lets this computer in."),
                 reason);
  g_clear_pointer (&attempt->conn, PQfinish);
}

/* Blocks: libpq's own password sources first, then the keyring. */
gboolean
pursuit_pg_attempt_run (PursuitPgAttempt  *attempt,
                        GError           **error)
{
  PQconninfoOption *options;
  char *message = NULL;

  options = PQconninfoParse (attempt->conninfo, &message);
  if (options == NULL)
    {
      g_autofree char *reason = pursuit_pg_dup_message (message != NULL ? message : _("out of memory"));

      PQfreemem (message);
      g_set_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_CONNINFO,
                   _("Could not read the team server's address: %s. Give a URI such as "
                     "postgresql://alice@sales.example/pipeline, or words such as "
                     "“host=sales.example dbname=pipeline”."),
                   reason);
      return FALSE;
    }
  PQconninfoFree (options);

  attempt->conn = open_conn (attempt->conninfo, attempt->password);
  if (PQstatus (attempt->conn) != CONNECTION_OK && attempt->password == NULL
      && PQconnectionNeedsPassword (attempt->conn))
    {
      attempt->password = keyring_lookup (attempt->conn);
      attempt->remember = FALSE;
      if (attempt->password != NULL)
        {
          PQfinish (attempt->conn);
          attempt->conn = open_conn (attempt->conninfo, attempt->password);
        }
    }
  if (PQstatus (attempt->conn) != CONNECTION_OK)
    {
      attempt_fail (attempt, error);
      return FALSE;
    }
  PQsetNoticeProcessor (attempt->conn, pursuit_pg_drop_notice, NULL);
  if (!attempt_set_up (attempt, error))
    return FALSE;
  if (attempt->remember && attempt->password != NULL)
    keyring_store (attempt->conn, attempt->password);
  return TRUE;
}

PursuitPgAttempt *
pursuit_pg_attempt_new (const char *conninfo,
                        const char *password,
                        gboolean    remember)
{
  PursuitPgAttempt *attempt = g_new0 (PursuitPgAttempt, 1);

  attempt->conninfo = g_strdup (conninfo);
  attempt->password = g_strdup (password);
  attempt->remember = remember;
  return attempt;
}
