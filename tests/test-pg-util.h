/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

/* The team database's tests run against a throwaway PostgreSQL cluster
 * that tests/pg-cluster starts for them and names in the environment
 * (PURSUIT_TEST_PG_HOST, _PORT, _USER). */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

/* Whether a cluster was started for the test; marks it skipped when not. */
gboolean  pursuit_test_pg_need_cluster (void);

/* A key=value connection string to @dbname on the test cluster as @user
 * (the cluster's superuser when NULL), and a URI for the same. */
char     *pursuit_test_pg_conninfo     (const char *dbname,
                                        const char *user);
char     *pursuit_test_pg_uri          (const char *dbname,
                                        const char *user);

/* A connection, failing the test when there is none. */
PGconn   *pursuit_test_pg_connect      (const char *dbname,
                                        const char *user);

/* Runs @sql, failing the test when the server refuses it. */
void      pursuit_test_pg_run          (PGconn     *conn,
                                        const char *sql);

/* Runs @sql, which the server must refuse with SQLSTATE @state. */
void      pursuit_test_pg_refused      (PGconn     *conn,
                                        const char *sql,
                                        const char *state);

/* The rows @sql changed (UPDATE, DELETE, INSERT). */
int       pursuit_test_pg_count        (PGconn     *conn,
                                        const char *sql);

/* The first column of every row of @sql joined by ",", "" for none. */
char     *pursuit_test_pg_column       (PGconn     *conn,
                                        const char *sql);

/* Asserts that pursuit_test_pg_column() of @sql is @expected. */
#define pursuit_test_pg_assert_column(conn, sql, expected) \
  G_STMT_START                                               \
  {                                                          \
    g_autofree char *column_ = pursuit_test_pg_column (conn, sql); \
    g_assert_cmpstr (column_, ==, expected);                 \
  }                                                          \
  G_STMT_END

/* Makes the login role @name (when missing), granted @group unless NULL. */
void      pursuit_test_pg_make_role    (const char *name,
                                        const char *group,
                                        const char *attributes);

/* A new empty database owned by @owner, and its name. */
char     *pursuit_test_pg_make_database (const char *owner);

/* A new database set up as a team database by the role team_owner, with
 * the reps alice and bob and the manager mona, and its name. */
char     *pursuit_test_pg_make_team     (void);

/* A GAsyncReadyCallback that keeps a reference to its result in the
 * GAsyncResult * that @data points to. */
void      pursuit_test_pg_store_result  (GObject      *source,
                                         GAsyncResult *result,
                                         gpointer      data);

/* A timeout's callback that does nothing, so that the main loop wakes. */
gboolean  pursuit_test_pg_tick          (gpointer      data);

/* Runs the main loop until @cond holds or @seconds passed (a bound for a
 * loaded machine, not a sleep). */
#define PURSUIT_TEST_PG_WAIT_FOR(cond, seconds)                                   \
  G_STMT_START                                                                    \
  {                                                                               \
    gint64 end_ = g_get_monotonic_time () + (gint64) ((seconds) * G_USEC_PER_SEC); \
    guint tick_ = g_timeout_add (20, pursuit_test_pg_tick, NULL);                 \
    while (!(cond) && g_get_monotonic_time () < end_)                             \
      g_main_context_iteration (NULL, TRUE);                                      \
    g_source_remove (tick_);                                                      \
  }                                                                               \
  G_STMT_END

G_END_DECLS
