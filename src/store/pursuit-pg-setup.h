/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PURSUIT_PG_ERROR (pursuit_pg_error_quark ())

/**
 * PursuitPgError:
 * @PURSUIT_PG_ERROR_CONNINFO: the connection string cannot be read
 * @PURSUIT_PG_ERROR_CONNECT: the server could not be reached, or refused
 *   the login (a password missing from libpq's sources included)
 * @PURSUIT_PG_ERROR_PERMISSION: the role lacks a right the setup needs
 *   (creating the group roles or the tables)
 * @PURSUIT_PG_ERROR_NEWER: the team schema is from a newer Pursuit
 * @PURSUIT_PG_ERROR_FAILED: the server refused a statement otherwise
 * @PURSUIT_PG_ERROR_OFFLINE: the connection to the server is lost (it is
 *   being restored); nothing was sent
 * @PURSUIT_PG_ERROR_PASSWORD: the server wants a password that libpq's
 *   sources and the keyring did not have, or refused the one given: ask
 *   the user (pursuit_pg_connection_set_password())
 *
 * Errors of the team database on PostgreSQL.
 */
typedef enum
{
  PURSUIT_PG_ERROR_CONNINFO,
  PURSUIT_PG_ERROR_CONNECT,
  PURSUIT_PG_ERROR_PERMISSION,
  PURSUIT_PG_ERROR_NEWER,
  PURSUIT_PG_ERROR_FAILED,
  PURSUIT_PG_ERROR_OFFLINE,
  PURSUIT_PG_ERROR_PASSWORD,
} PursuitPgError;

/* The version of the team schema that this Pursuit creates. */
#define PURSUIT_PG_SCHEMA_VERSION 1

GQuark   pursuit_pg_error_quark     (void);

/* Whether @database names a PostgreSQL database rather than a file: a
 * postgresql:// or postgres:// URI, or a libpq key=value string (such as
 * "host=sales dbname=pipeline") that is not the name of an existing file. */
gboolean pursuit_pg_is_conninfo     (const char  *database);

/* Connects to the PostgreSQL database @conninfo (any libpq URI or
 * key=value string; the password from libpq's own sources: ~/.pgpass,
 * the service file, PGPASSWORD) and creates or migrates the team schema:
 * the tables, row-level security policies, NOTIFY triggers and the group
 * roles pursuit_rep and pursuit_manager, in one transaction, so that a
 * failure leaves the database as it was. Running it again changes
 * nothing. Errors are PURSUIT_PG_ERROR. */
gboolean pursuit_pg_setup_team      (const char  *conninfo,
                                     GError     **error);

G_END_DECLS
