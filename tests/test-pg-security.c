/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test"

#include "config.h"

#include <poll.h>
#include <string.h>

#include "pursuit-pg-setup.h"
#include "test-pg-util.h"

/* The team database's promises, kept by PostgreSQL itself: checked with
 * plain SQL on each role's own connection, as a rep with psql would. Two
 * reps (alice, bob) and a manager (mona); the database's owner set it up. */

typedef struct
{
  char   *db;
  PGconn *super;
  PGconn *alice;
  PGconn *bob;
  PGconn *mona;
  /* Prospect ids: alice's, bob's, the inbox's. */
  char   *a1, *a2, *b1, *b2, *inbox;
} Fixture;

static char *
insert_prospect (PGconn     *conn,
                 const char *name,
                 const char *owner)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO prospects (name, owner) VALUES ('%s', %s) RETURNING id",
                                          name, owner);
  g_autofree char *touch = NULL;
  char *id = pursuit_test_pg_column (conn, sql);

  touch = g_strdup_printf ("INSERT INTO touches (prospect_id, happened_at, channel, direction, outcome, note) "
                           "VALUES (%s, now (), 'call', 'out', 'no-answer', 'note on %s')",
                           id, name);
  pursuit_test_pg_run (conn, touch);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  if (!pursuit_test_pg_need_cluster ())
    return;
  f->db = pursuit_test_pg_make_team ();
  f->super = pursuit_test_pg_connect (f->db, NULL);
  f->a1 = insert_prospect (f->super, "Ada", "'alice'");
  f->a2 = insert_prospect (f->super, "Alan", "'alice'");
  f->b1 = insert_prospect (f->super, "Barbara", "'bob'");
  f->b2 = insert_prospect (f->super, "Brian", "'bob'");
  f->inbox = insert_prospect (f->super, "Ivy", "NULL");
  f->alice = pursuit_test_pg_connect (f->db, "alice");
  f->bob = pursuit_test_pg_connect (f->db, "bob");
  f->mona = pursuit_test_pg_connect (f->db, "mona");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->super, PQfinish);
  g_clear_pointer (&f->alice, PQfinish);
  g_clear_pointer (&f->bob, PQfinish);
  g_clear_pointer (&f->mona, PQfinish);
  g_free (f->a1);
  g_free (f->a2);
  g_free (f->b1);
  g_free (f->b2);
  g_free (f->inbox);
  g_free (f->db);
}

static char *
ids (const char *first,
     ...)
{
  GString *text = g_string_new (first);
  va_list args;

  va_start (args, first);
  for (const char *id = va_arg (args, const char *); id != NULL; id = va_arg (args, const char *))
    g_string_append_printf (text, ",%s", id);
  va_end (args);
  return g_string_free (text, FALSE);
}

#define PROSPECTS "SELECT id FROM prospects ORDER BY id"
#define TOUCHED "SELECT prospect_id FROM touches ORDER BY prospect_id"

static void
test_read (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *alice = NULL;
  g_autofree char *bob = NULL;
  g_autofree char *all = NULL;
  g_autoptr(PGconn) owner = NULL;

  if (f->db == NULL)
    return;
  alice = ids (f->a1, f->a2, f->inbox, NULL);
  bob = ids (f->b1, f->b2, f->inbox, NULL);
  all = ids (f->a1, f->a2, f->b1, f->b2, f->inbox, NULL);
  pursuit_test_pg_assert_column (f->alice, PROSPECTS, alice);
  pursuit_test_pg_assert_column (f->alice, TOUCHED, alice);
  pursuit_test_pg_assert_column (f->bob, PROSPECTS, bob);
  pursuit_test_pg_assert_column (f->bob, TOUCHED, bob);
  pursuit_test_pg_assert_column (f->mona, PROSPECTS, all);
  pursuit_test_pg_assert_column (f->mona, TOUCHED, all);
  /* Asking for bob's by name or id finds nothing either. */
  pursuit_test_pg_assert_column (f->alice, "SELECT count (*) FROM prospects WHERE name = 'Barbara'", "0");
  /* The tables' owner is held to the policies too (FORCE), and is no rep. */
  owner = pursuit_test_pg_connect (f->db, "team_owner");
  pursuit_test_pg_assert_column (owner, "SELECT count (*) FROM prospects", "0");
  pursuit_test_pg_assert_column (owner, "SELECT count (*) FROM touches", "0");
}

static void
test_write_other (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *update = NULL;
  g_autofree char *remove = NULL;
  g_autofree char *note = NULL;
  g_autofree char *drop_touches = NULL;

  if (f->db == NULL)
    return;
  update = g_strdup_printf ("UPDATE prospects SET name = 'Mine now' WHERE id = %s", f->b1);
  remove = g_strdup_printf ("DELETE FROM prospects WHERE id = %s", f->b1);
  note = g_strdup_printf ("UPDATE touches SET note = 'gone' WHERE prospect_id = %s", f->b1);
  drop_touches = g_strdup_printf ("DELETE FROM touches WHERE prospect_id = %s", f->b1);
  g_assert_cmpint (pursuit_test_pg_count (f->alice, update), ==, 0);
  g_assert_cmpint (pursuit_test_pg_count (f->alice, remove), ==, 0);
  g_assert_cmpint (pursuit_test_pg_count (f->alice, note), ==, 0);
  g_assert_cmpint (pursuit_test_pg_count (f->alice, drop_touches), ==, 0);
  /* A write to every row reaches hers and the inbox's only. */
  g_assert_cmpint (pursuit_test_pg_count (f->alice, "UPDATE prospects SET notes = 'seen'"), ==, 3);
  g_assert_cmpint (pursuit_test_pg_count (f->alice, "UPDATE touches SET note = 'seen'"), ==, 3);

  pursuit_test_pg_assert_column (f->super, "SELECT name || ':' || notes FROM prospects WHERE owner = 'bob' ORDER BY id",
                                 "Barbara:,Brian:");
  pursuit_test_pg_assert_column (f->super,
                                 "SELECT note FROM touches t JOIN prospects p ON p.id = t.prospect_id "
                                 "WHERE p.owner = 'bob' ORDER BY t.id",
                                 "note on Barbara,note on Brian");
}

static void
test_reassign (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *give = NULL;
  g_autofree char *touch_other = NULL;
  g_autofree char *move_touch = NULL;
  g_autofree char *claim = NULL;
  g_autofree char *release = NULL;
  g_autofree char *owners = NULL;

  if (f->db == NULL)
    return;
  give = g_strdup_printf ("UPDATE prospects SET owner = 'bob' WHERE id = %s", f->a1);
  touch_other = g_strdup_printf ("INSERT INTO touches (prospect_id, happened_at, channel, direction, outcome) "
                                 "VALUES (%s, now (), 'call', 'out', 'no-answer')",
                                 f->b1);
  move_touch = g_strdup_printf ("UPDATE touches SET prospect_id = %s WHERE prospect_id = %s", f->b1, f->a1);
  claim = g_strdup_printf ("UPDATE prospects SET owner = 'alice' WHERE id = %s", f->inbox);
  release = g_strdup_printf ("UPDATE prospects SET owner = NULL WHERE id = %s", f->a2);

  /* Refused outright: "new row violates row-level security policy". */
  pursuit_test_pg_refused (f->alice, give, "42501");
  pursuit_test_pg_refused (f->alice, "INSERT INTO prospects (name, owner) VALUES ('Planted', 'bob')", "42501");
  pursuit_test_pg_refused (f->alice, touch_other, "42501");
  pursuit_test_pg_refused (f->alice, move_touch, "42501");
  /* Her own, and the inbox, she may take and give back. */
  g_assert_cmpint (pursuit_test_pg_count (f->alice, claim), ==, 1);
  g_assert_cmpint (pursuit_test_pg_count (f->alice, release), ==, 1);
  g_assert_cmpint (pursuit_test_pg_count (f->alice, "INSERT INTO prospects (name) VALUES ('New')"), ==, 1);
  /* What she logs is hers, whatever name she puts on it. */
  {
    g_autofree char *forged = g_strdup_printf ("INSERT INTO touches (prospect_id, author, happened_at, channel, "
                                               "direction, outcome, note) VALUES (%s, 'bob', now (), 'call', "
                                               "'out', 'replied', 'forged')",
                                               f->a1);
    g_assert_cmpint (pursuit_test_pg_count (f->alice, forged), ==, 1);
    g_assert_cmpint (pursuit_test_pg_count (f->alice, "UPDATE touches SET author = 'bob' WHERE note = 'forged'"), ==, 1);
    pursuit_test_pg_assert_column (f->super, "SELECT author FROM touches WHERE note = 'forged'", "alice");
  }

  owners = g_strdup_printf ("SELECT id || '=' || coalesce (owner, 'inbox') FROM prospects WHERE id IN (%s, %s, %s) "
                            "ORDER BY id",
                            f->a1, f->a2, f->inbox);
  {
    g_autofree char *expected = g_strdup_printf ("%s=alice,%s=inbox,%s=alice", f->a1, f->a2, f->inbox);
    pursuit_test_pg_assert_column (f->super, owners, expected);
  }
  pursuit_test_pg_assert_column (f->super, "SELECT owner FROM prospects WHERE name = 'New'", "alice");
  pursuit_test_pg_assert_column (f->super, "SELECT count (*) FROM prospects WHERE name = 'Planted'", "0");
  pursuit_test_pg_assert_column (f->super, "SELECT count (*) FROM touches", "6");
  /* The claimed lead is no longer bob's to see. */
  {
    g_autofree char *bob = ids (f->a2, f->b1, f->b2, NULL);
    pursuit_test_pg_assert_column (f->bob, PROSPECTS, bob);
  }
}

static void
test_manager (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *give = NULL;
  g_autofree char *remove = NULL;
  g_autofree char *alice = NULL;
  g_autofree char *bob = NULL;

  if (f->db == NULL)
    return;
  give = g_strdup_printf ("UPDATE prospects SET owner = 'bob' WHERE id = %s", f->a1);
  remove = g_strdup_printf ("DELETE FROM prospects WHERE id = %s", f->b2);
  g_assert_cmpint (pursuit_test_pg_count (f->mona, give), ==, 1);
  g_assert_cmpint (pursuit_test_pg_count (f->mona, remove), ==, 1);
  g_assert_cmpint (pursuit_test_pg_count (f->mona, "UPDATE touches SET note = 'checked'"), ==, 4);

  /* Ada and her history went to bob. */
  alice = ids (f->a2, f->inbox, NULL);
  bob = ids (f->a1, f->b1, f->inbox, NULL);
  pursuit_test_pg_assert_column (f->alice, PROSPECTS, alice);
  pursuit_test_pg_assert_column (f->alice, TOUCHED, alice);
  pursuit_test_pg_assert_column (f->bob, PROSPECTS, bob);
  pursuit_test_pg_assert_column (f->bob, TOUCHED, bob);
  pursuit_test_pg_assert_column (f->super, "SELECT count (*) FROM touches", "4");
}

/* Even a manager gives prospects only to reps and managers: a typo or a
 * role that is neither would hide the prospect from every rep. */
static void
test_owner_is_member (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *typo = NULL;
  g_autofree char *outsider = NULL;
  g_autofree char *owner = NULL;

  if (f->db == NULL)
    return;
  typo = g_strdup_printf ("UPDATE prospects SET owner = 'bbo' WHERE id = %s", f->b1);
  outsider = g_strdup_printf ("UPDATE prospects SET owner = 'team_owner' WHERE id = %s", f->b1);
  pursuit_test_pg_refused (f->mona, typo, "23503");
  pursuit_test_pg_refused (f->mona, outsider, "23503");
  pursuit_test_pg_refused (f->mona, "INSERT INTO prospects (name, owner) VALUES ('Lost', 'bbo')", "23503");
  /* Unset, a manager's new prospect is the manager's own. */
  g_assert_cmpint (pursuit_test_pg_count (f->mona, "INSERT INTO prospects (name) VALUES ('Kept')"), ==, 1);
  owner = g_strdup_printf ("SELECT owner FROM prospects WHERE id = %s", f->b1);
  pursuit_test_pg_assert_column (f->super, owner, "bob");
  pursuit_test_pg_assert_column (f->super, "SELECT owner FROM prospects WHERE name IN ('Lost', 'Kept')", "mona");
}

/* Waits up to @ms for a notification on @conn; its payload, or NULL. */
static char *
wait_notify (PGconn *conn,
             int     ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  for (;;)
    {
      PGnotify *notify;
      struct pollfd fd = { PQsocket (conn), POLLIN, 0 };
      int left = (int) ((end - g_get_monotonic_time ()) / G_TIME_SPAN_MILLISECOND);

      g_assert_cmpint (PQconsumeInput (conn), ==, 1);
      notify = PQnotifies (conn);
      if (notify != NULL)
        {
          char *payload = g_strdup (notify->extra);

          g_assert_cmpstr (notify->relname, ==, "pursuit");
          PQfreemem (notify);
          return payload;
        }
      if (left <= 0)
        return NULL;
      poll (&fd, 1, left);
    }
}

static void
test_notify (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *update = NULL;
  g_autofree char *touch = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *touch_payload = NULL;
  g_autofree char *touch_id = NULL;
  gint64 start;

  if (f->db == NULL)
    return;
  pursuit_test_pg_run (f->bob, "LISTEN pursuit");
  update = g_strdup_printf ("UPDATE prospects SET notes = 'secret plans' WHERE id = %s", f->a1);
  start = g_get_monotonic_time ();
  g_assert_cmpint (pursuit_test_pg_count (f->alice, update), ==, 1);
  payload = wait_notify (f->bob, 2000);
  g_assert_nonnull (payload);
  g_test_message ("notification after %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  /* Ids only: bob learns that something changed, never what. */
  expected = g_strdup_printf ("{\"id\": %s, \"op\": \"update\", \"table\": \"prospects\"}", f->a1);
  g_assert_cmpstr (payload, ==, expected);

  touch = g_strdup_printf ("INSERT INTO touches (prospect_id, happened_at, channel, direction, outcome) "
                           "VALUES (%s, now (), 'email', 'out', 'left-message') RETURNING id",
                           f->a1);
  touch_id = pursuit_test_pg_column (f->alice, touch);
  touch_payload = wait_notify (f->bob, 2000);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("{\"id\": %s, \"op\": \"insert\", \"table\": \"touches\"}", touch_id);
  g_assert_cmpstr (touch_payload, ==, expected);
  g_assert_null (wait_notify (f->bob, 100));
}

static void
test_stale_version (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *read = NULL;
  g_autofree char *version = NULL;
  g_autofree char *manager = NULL;
  g_autofree char *late = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *name = NULL;

  if (f->db == NULL)
    return;
  read = g_strdup_printf ("SELECT version FROM prospects WHERE id = %s", f->a1);
  version = pursuit_test_pg_column (f->alice, read);
  g_assert_cmpstr (version, ==, "1");

  manager = g_strdup_printf ("UPDATE prospects SET name = 'Ada Lovelace' WHERE id = %s AND version = 1", f->a1);
  g_assert_cmpint (pursuit_test_pg_count (f->mona, manager), ==, 1);
  /* alice still holds version 1: her write changes nothing. */
  late = g_strdup_printf ("UPDATE prospects SET name = 'Ada L.' WHERE id = %s AND version = 1", f->a1);
  g_assert_cmpint (pursuit_test_pg_count (f->alice, late), ==, 0);
  name = g_strdup_printf ("SELECT name || ' v' || version FROM prospects WHERE id = %s", f->a1);
  pursuit_test_pg_assert_column (f->super, name, "Ada Lovelace v2");
  /* Having read again, she may; and no write sets the version back. */
  fresh = g_strdup_printf ("UPDATE prospects SET name = 'Ada L.' WHERE id = %s AND version = 2", f->a1);
  g_assert_cmpint (pursuit_test_pg_count (f->alice, fresh), ==, 1);
  forged = g_strdup_printf ("UPDATE prospects SET version = 1 WHERE id = %s", f->a1);
  g_assert_cmpint (pursuit_test_pg_count (f->alice, forged), ==, 1);
  pursuit_test_pg_assert_column (f->super, name, "Ada L. v4");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/pg/security/read", test_read);
  ADD ("/pg/security/write-other", test_write_other);
  ADD ("/pg/security/reassign", test_reassign);
  ADD ("/pg/security/manager", test_manager);
  ADD ("/pg/security/owner-is-member", test_owner_is_member);
  ADD ("/pg/notify/ids", test_notify);
  ADD ("/pg/version/stale", test_stale_version);
#undef ADD

  return g_test_run ();
}
