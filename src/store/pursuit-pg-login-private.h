/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

#include "pursuit-pg-setup.h"

G_BEGIN_DECLS

/* The channel of the schema's NOTIFY (pursuit_notify()). */
#define PURSUIT_PG_CHANNEL "pursuit"

/* One connection attempt of PursuitPgConnection, run in a thread (or, for
 * the command line, in the caller's). */
typedef struct
{
  char *conninfo;
  /* The password to try, the user's or the keyring's; NULL: libpq's own
   * sources, then the keyring. */
  char *password;
  /* Keep @password in the keyring once the server took it. */
  gboolean remember;
  /* What came of it */
  PGconn *conn;
  char *user;
  gboolean is_manager;
  gboolean needs_password;
} PursuitPgAttempt;

PursuitPgAttempt *pursuit_pg_attempt_new  (const char        *conninfo,
                                           const char        *password,
                                           gboolean           remember);
void              pursuit_pg_attempt_free (PursuitPgAttempt  *attempt);
/* Blocks. Errors are PURSUIT_PG_ERROR. */
gboolean          pursuit_pg_attempt_run  (PursuitPgAttempt  *attempt,
                                           GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PursuitPgAttempt, pursuit_pg_attempt_free)

/* libpq's message on one line, without its final full stop. */
char             *pursuit_pg_dup_message  (const char        *message);

/* A PQnoticeProcessor that leaves the server's notices to the debug log. */
void              pursuit_pg_drop_notice  (void              *data,
                                           const char        *message);

G_END_DECLS
