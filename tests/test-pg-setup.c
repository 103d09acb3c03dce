/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pursuit-pg-setup.h"
#include "test-pg-util.h"

/* --setup-team on a real server: what it makes, that a second run changes
 * nothing, and that a failure leaves the database as it was. */

/* Everything the setup makes, read from the catalogs: two equal snapshots
 * mean the same schema. */
#define SCHEMA_SNAPSHOT \
  "SELECT string_agg (x, ' | ' ORDER BY x) FROM ("                                           \
  "  SELECT 'table ' || relname || ' rls=' || relrowsecurity || ' force=' || relforcerowsecurity AS x" \
  "    FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'"            \
  "  UNION ALL SELECT 'policy ' || tablename || '.' || policyname || ' ' || array_to_string (roles, ',')" \
  "    || ' ' || coalesce (qual, '') || ' ' || coalesce (with_check, '') FROM pg_policies"   \
  "  UNION ALL SELECT 'trigger ' || tgrelid::regclass || '.' || tgname FROM pg_trigger WHERE NOT tgisinternal" \
  "  UNION ALL SELECT 'grant ' || table_name || ' ' || grantee || ' ' || privilege_type"   \
  "    FROM information_schema.role_table_grants WHERE grantee LIKE 'pursuit_%'"             \
  "  UNION ALL SELECT 'role ' || rolname || ' login=' || rolcanlogin FROM pg_roles WHERE rolname LIKE 'pursuit_%'" \
  "  UNION ALL SELECT 'version ' || version FROM pursuit_schema"                             \
  ") s"

typedef struct
{
  char *db;
  char *uri;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  if (!pursuit_test_pg_need_cluster ())
    return;
  /* As the README says: the database's owner, who may create roles, not a
   * superuser. */
  pursuit_test_pg_make_role ("team_owner", NULL, "CREATEROLE");
  f->db = pursuit_test_pg_make_database ("team_owner");
  f->uri = pursuit_test_pg_uri (f->db, "team_owner");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->db);
  g_free (f->uri);
}

/* Runs the built pursuit with @args; returns its exit status and what it
 * said on standard error. */
static int
run_pursuit (const char * const *args,
             char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_ptr_array_add (argv, (char *) PURSUIT_EXECUTABLE);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static char *
snapshot (const char *db)
{
  g_autoptr(PGconn) conn = pursuit_test_pg_connect (db, NULL);

  return pursuit_test_pg_column (conn, SCHEMA_SNAPSHOT);
}

static void
test_setup_twice (Fixture       *f,
                  gconstpointer  data)
{
  const char *args[] = { "--database", f->uri, "--setup-team", NULL };
  g_autofree char *conninfo = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;

  if (f->db == NULL)
    return;
  g_assert_cmpint (run_pursuit (args, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  first = snapshot (f->db);
  g_assert_nonnull (strstr (first, "table prospects rls=true force=true"));
  g_assert_nonnull (strstr (first, "table touches rls=true force=true"));
  g_assert_nonnull (strstr (first, "role pursuit_rep login=false"));
  g_assert_nonnull (strstr (first, "role pursuit_manager login=false"));
  g_assert_nonnull (strstr (first, "trigger prospects.prospects_notify"));
  g_assert_nonnull (strstr (first, "trigger touches.touches_notify"));
  g_assert_nonnull (strstr (first, "version 1"));

  /* Data put in meanwhile stays, and nothing is made twice. */
  conn = pursuit_test_pg_connect (f->db, NULL);
  pursuit_test_pg_run (conn, "INSERT INTO prospects (name, owner) VALUES ('Ada', NULL)");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_pursuit (args, &err), ==, 0);
  second = snapshot (f->db);
  g_assert_cmpstr (second, ==, first);

  /* The same through the function, with a key=value string. */
  conninfo = pursuit_test_pg_conninfo (f->db, "team_owner");
  g_assert_true (pursuit_pg_setup_team (conninfo, &error));
  g_assert_no_error (error);
  third = snapshot (f->db);
  g_assert_cmpstr (third, ==, first);
  pursuit_test_pg_assert_column (conn, "SELECT name FROM prospects", "Ada");
}

/* Two setups at once: the second waits for the first and finds it done. */
static void
test_setup_concurrent (Fixture       *f,
                       gconstpointer  data)
{
  const char *argv[] = { PURSUIT_EXECUTABLE, "--database", f->uri, "--setup-team", NULL };
  g_autoptr(GSubprocess) one = NULL;
  g_autoptr(GSubprocess) two = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;

  if (f->db == NULL)
    return;
  one = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  g_assert_no_error (error);
  two = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (one, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (two, NULL, &error));
  g_assert_no_error (error);
  conn = pursuit_test_pg_connect (f->db, NULL);
  pursuit_test_pg_assert_column (conn, "SELECT version FROM pursuit_schema", "1");
}

static void
test_setup_newer (Fixture       *f,
                  gconstpointer  data)
{
  const char *args[] = { "--database", f->uri, "--setup-team", NULL };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;

  if (f->db == NULL)
    return;
  g_assert_true (pursuit_pg_setup_team (f->uri, &error));
  conn = pursuit_test_pg_connect (f->db, NULL);
  pursuit_test_pg_run (conn, "UPDATE pursuit_schema SET version = 99");
  before = snapshot (f->db);

  g_assert_false (pursuit_pg_setup_team (f->uri, &error));
  g_assert_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_NEWER);
  g_assert_nonnull (strstr (error->message, "newer version of Pursuit"));
  g_assert_cmpint (run_pursuit (args, &err), ==, 1);
  g_assert_nonnull (strstr (err, "newer version of Pursuit"));
  after = snapshot (f->db);
  g_assert_cmpstr (after, ==, before);
}

/* A database that already has a table of the same name: refused, and the
 * tables made before the clash are gone with the transaction. */
static void
test_setup_rolls_back (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;

  if (f->db == NULL)
    return;
  conn = pursuit_test_pg_connect (f->db, "team_owner");
  pursuit_test_pg_run (conn, "CREATE TABLE touches (x integer)");
  g_assert_false (pursuit_pg_setup_team (f->uri, &error));
  g_assert_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "database of its own"));
  pursuit_test_pg_assert_column (conn, "SELECT to_regclass ('prospects') IS NULL", "t");
  pursuit_test_pg_assert_column (conn, "SELECT to_regclass ('pursuit_schema') IS NULL", "t");
  pursuit_test_pg_assert_column (conn, "SELECT count (*) FROM pg_trigger WHERE NOT tgisinternal", "0");
}

/* A role that may not create tables there (not the owner, PostgreSQL 15's
 * public schema): told what to do, and nothing made. */
static void
test_setup_permission (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;

  if (f->db == NULL)
    return;
  pursuit_test_pg_make_role ("stranger", NULL, NULL);
  uri = pursuit_test_pg_uri (f->db, "stranger");
  g_assert_false (pursuit_pg_setup_team (uri, &error));
  g_assert_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "stranger"));
  g_assert_nonnull (strstr (error->message, "CREATEROLE"));
  conn = pursuit_test_pg_connect (f->db, NULL);
  pursuit_test_pg_assert_column (conn, "SELECT to_regclass ('pursuit_schema') IS NULL", "t");
}

static void
test_setup_connect_errors (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (f->db == NULL)
    return;
  g_assert_false (pursuit_pg_setup_team ("postgresql://%zz/x", &error));
  g_assert_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_CONNINFO);
  g_clear_error (&error);
  g_assert_false (pursuit_pg_setup_team ("host=/nonexistent/folder dbname=x", &error));
  g_assert_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_CONNECT);
  g_assert_null (strchr (error->message, '\n'));
  g_clear_error (&error);
  /* A password in the address never shows in the message. */
  g_assert_false (pursuit_pg_setup_team ("postgresql://alice:s3cret@/nodb?host=/nonexistent", &error));
  g_assert_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_CONNECT);
  g_assert_null (strstr (error->message, "s3cret"));
}

/* The password comes from libpq's own sources: none found is said
 * plainly; one in PGPASSFILE (as in ~/.pgpass) is used. */
static void
test_setup_password (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("pursuit-pg-XXXXXX", NULL);
  g_autofree char *pgpass = g_build_filename (dir, "pgpass", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  g_autofree char *db = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;

  if (f->db == NULL)
    return;
  pursuit_test_pg_make_role ("password_user", NULL, "CREATEROLE PASSWORD 'from-pgpass'");
  db = pursuit_test_pg_make_database ("password_user");
  uri = pursuit_test_pg_uri (db, "password_user");

  g_setenv ("PGPASSFILE", missing, TRUE);
  g_assert_false (pursuit_pg_setup_team (uri, &error));
  g_assert_error (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_CONNECT);
  g_assert_nonnull (strstr (error->message, "password_user"));
  g_assert_nonnull (strstr (error->message, "~/.pgpass"));
  g_clear_error (&error);

  g_file_set_contents (pgpass, "*:*:*:password_user:from-pgpass\n", -1, &error);
  g_assert_no_error (error);
  g_chmod (pgpass, 0600);
  g_setenv ("PGPASSFILE", pgpass, TRUE);
  g_assert_true (pursuit_pg_setup_team (uri, &error));
  g_assert_no_error (error);
  g_unsetenv ("PGPASSFILE");
  conn = pursuit_test_pg_connect (db, NULL);
  pursuit_test_pg_assert_column (conn, "SELECT version FROM pursuit_schema", "1");
  g_unlink (pgpass);
  g_rmdir (dir);
}

/* Which --database the team code takes, and what the rest is told. */
static void
test_cli_routing (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("pursuit-pg-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "pursuit.db", NULL);
  g_autofree char *conninfo = NULL;
  const char *file_setup[] = { "--database", file, "--setup-team", NULL };
  const char *due_uri[] = { "--database", f->uri, "--due", NULL };
  const char *import_uri[] = { "--database", f->uri, "--import-csv", "/nonexistent.csv", NULL };
  const char *open_kv[] = { "--database", NULL, "--due", NULL };
  char *err = NULL;

  if (f->db == NULL)
    return;
  g_assert_cmpint (run_pursuit (file_setup, &err), ==, 1);
  g_assert_nonnull (strstr (err, "--database postgresql://"));
  g_clear_pointer (&err, g_free);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));

  /* Without a batch option the window opens on it; --due reads it, a
   * URI or a key=value string alike (test-pg-store), once it is set up. */
  g_assert_cmpint (run_pursuit (due_uri, &err), ==, 1);
  g_assert_nonnull (strstr (err, "--setup-team"));
  g_clear_pointer (&err, g_free);
  conninfo = pursuit_test_pg_conninfo (f->db, "team_owner");
  open_kv[1] = conninfo;
  g_assert_cmpint (run_pursuit (open_kv, &err), ==, 1);
  g_assert_nonnull (strstr (err, "--setup-team"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_pursuit (import_uri, &err), ==, 1);
  g_assert_nonnull (strstr (err, "does not work on a team database yet"));
  g_clear_pointer (&err, g_free);

  g_assert_true (pursuit_pg_is_conninfo ("postgres://a@b/c"));
  g_assert_true (pursuit_pg_is_conninfo ("host=a dbname=b"));
  g_assert_false (pursuit_pg_is_conninfo ("/tmp/pursuit.db"));
  g_assert_false (pursuit_pg_is_conninfo ("my=file.db"));
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/pg/setup/twice", test_setup_twice);
  ADD ("/pg/setup/concurrent", test_setup_concurrent);
  ADD ("/pg/setup/newer", test_setup_newer);
  ADD ("/pg/setup/rolls-back", test_setup_rolls_back);
  ADD ("/pg/setup/permission", test_setup_permission);
  ADD ("/pg/setup/connect-errors", test_setup_connect_errors);
  ADD ("/pg/setup/password", test_setup_password);
  ADD ("/pg/setup/cli-routing", test_cli_routing);
#undef ADD

  return g_test_run ();
}
