/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test"

#include "config.h"

#include "pursuit-match.h"
#include "pursuit-store-trash.h"
#include "pursuit-store.h"
#include "test-util.h"

/* Duplicates: the keys two prospects are compared by, and
 * pursuit_store_find_match() on a database reopened from disk. */

static void
test_keys (void)
{
  g_autofree char *email = pursuit_match_email_key ("  Chris.Ortiz@Example.COM ");
  g_autofree char *phone = pursuit_match_phone_key ("+44 (0)20 7946-0958");
  g_autofree char *name1 = pursuit_match_name_key ("  Zoë   MÜLLER ", "Ångström AB");
  g_autofree char *name2 = pursuit_match_name_key ("zoe muller", "angstrom ab");
  g_autofree char *name3 = pursuit_match_name_key ("zoe muller", "");

  g_assert_cmpstr (email, ==, "chris.ortiz@example.com");
  g_assert_cmpstr (phone, ==, "4402079460958");
  g_assert_cmpstr (name1, ==, name2);
  g_assert_cmpstr (name1, !=, name3);
  g_assert_null (pursuit_match_email_key ("   "));
  g_assert_null (pursuit_match_phone_key (""));
  g_assert_null (pursuit_match_phone_key ("ext. 12"));
  g_assert_null (pursuit_match_name_key ("  ", "Acme"));
}

static PursuitProspect *
add (PursuitStore *store,
     const char   *name,
     const char   *company,
     const char   *email,
     const char   *phone)
{
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new (name);
  g_autoptr(GError) error = NULL;

  pursuit_prospect_set_company (prospect, company);
  pursuit_prospect_set_email (prospect, email);
  pursuit_prospect_set_phone (prospect, phone);
  g_assert_true (pursuit_store_add (store, prospect, &error));
  g_assert_no_error (error);
  return prospect;
}

static PursuitProspect *
find (PursuitStore       *store,
      const char         *name,
      const char         *company,
      const char         *email,
      const char         *phone,
      PursuitMatchReason *reason)
{
  g_autoptr(PursuitProspect) candidate = pursuit_prospect_new (name);

  pursuit_prospect_set_company (candidate, company);
  pursuit_prospect_set_email (candidate, email);
  pursuit_prospect_set_phone (candidate, phone);
  return pursuit_store_find_match (store, candidate, reason);
}

static void
test_find_match (void)
{
  g_autofree char *dir = pursuit_test_make_dir ("test-match");
  g_autofree char *path = g_build_filename (dir, "pursuit.db", NULL);
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GError) error = NULL;
  PursuitMatchReason reason;
  PursuitProspect *found;
  gint64 chris, zoe, ann;

  store = pursuit_store_open (path, &error);
  g_assert_no_error (error);
  chris = pursuit_prospect_get_id (add (store, "Chris Ortiz", "Acme", "chris@acme.example", ""));
  zoe = pursuit_prospect_get_id (add (store, "Zoë Müller", "Ångström AB", "", ""));
  ann = pursuit_prospect_get_id (add (store, "Ann Lee", "", "", "+1 555 0100 22"));
  g_clear_object (&store);

  store = pursuit_store_open (path, &error);
  g_assert_no_error (error);

  found = find (store, "Someone Else", "", "CHRIS@Acme.example", "", &reason);
  g_assert_nonnull (found);
  g_assert_cmpint (pursuit_prospect_get_id (found), ==, chris);
  g_assert_cmpint (reason, ==, PURSUIT_MATCH_EMAIL);

  found = find (store, "A. Lee", "", "", "(1) 555-010022", &reason);
  g_assert_nonnull (found);
  g_assert_cmpint (pursuit_prospect_get_id (found), ==, ann);
  g_assert_cmpint (reason, ==, PURSUIT_MATCH_PHONE);

  found = find (store, "ZOE MULLER", "angstrom ab", "", "", &reason);
  g_assert_nonnull (found);
  g_assert_cmpint (pursuit_prospect_get_id (found), ==, zoe);
  g_assert_cmpint (reason, ==, PURSUIT_MATCH_NAME);

  /* Two people of the same name: their emails tell them apart. */
  g_assert_null (find (store, "Chris Ortiz", "Acme", "other@acme.example", "", &reason));
  g_assert_cmpint (reason, ==, PURSUIT_MATCH_NONE);
  g_assert_null (find (store, "Zoë Müller", "Another", "", "", NULL));
  g_assert_null (find (store, "Nobody", "", "", "12", NULL));

  /* A prospect of the store is not its own match. */
  g_assert_null (pursuit_store_find_match (store, pursuit_store_find (store, chris), &reason));

  g_clear_object (&store);
  pursuit_test_remove_tree (dir);
}

/* A prospect in the Trash is no match, also after reopening. */
static void
test_trash_no_match (void)
{
  g_autofree char *dir = pursuit_test_make_dir ("test-match");
  g_autofree char *path = g_build_filename (dir, "pursuit.db", NULL);
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GError) error = NULL;
  PursuitProspect *gone;

  store = pursuit_store_open (path, &error);
  g_assert_no_error (error);
  gone = add (store, "Gone Gary", "", "gary@example.com", "");
  g_assert_nonnull (find (store, "X", "", "gary@example.com", "", NULL));
  g_assert_true (pursuit_store_trash (store, gone, &error));
  g_assert_no_error (error);
  g_assert_null (find (store, "X", "", "gary@example.com", "", NULL));

  g_clear_object (&store);
  store = pursuit_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (find (store, "Gone Gary", "", "GARY@example.com", "", NULL));
  g_clear_object (&store);
  pursuit_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/match/keys", test_keys);
  g_test_add_func ("/store/match/find", test_find_match);
  g_test_add_func ("/store/match/trash", test_trash_no_match);
  return g_test_run ();
}
