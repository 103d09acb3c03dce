/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test"

#include "config.h"

#include "pursuit-match.h"

/* pursuit_match_index_lookup_or_add() finds the same duplicates, for the
 * same reasons, as pursuit_match_index_lookup() followed by
 * pursuit_match_index_add() of each record nothing matched (what an
 * import did before), over records that collide in every way: the same
 * email in another case, the same phone written otherwise, the same
 * name with accents or spaces, the same name with another email. */

static const char *const names[] = { "Ann Ash", "ann  ash", "Zoë Müller", "ZOE MULLER", "Bo", "", NULL, "Cy Dee" };
static const char *const companies[] = { "Initech", "initech ", "", NULL, "Globex" };
static const char *const emails[] = { "ann@example.com", "ANN@example.com ", "bo@example.com", "", NULL, NULL,
                                      "zoë@example.com", "cy@example.com" };
static const char *const phones[] = { "+44 20 7946 0958", "442079460958", "1234", "", NULL, NULL, "555-0100",
                                      "(555) 0100" };

#define PICK(array, rand) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

static void
test_same_matches (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (16);

  for (guint round = 0; round < 200; round++)
    {
      g_autoptr(PursuitMatchIndex) before = pursuit_match_index_new ();
      g_autoptr(PursuitMatchIndex) now = pursuit_match_index_new ();
      guint n_matched = 0;

      for (guint i = 1; i <= 60; i++)
        {
          const char *name = PICK (names, rand);
          const char *company = PICK (companies, rand);
          const char *email = PICK (emails, rand);
          const char *phone = PICK (phones, rand);
          gpointer item = GUINT_TO_POINTER (i);
          PursuitMatchReason reason_before;
          PursuitMatchReason reason_now;
          gpointer found_before;
          gpointer found_now;

          found_before = pursuit_match_index_lookup (before, name, company, email, phone, &reason_before);
          if (found_before == NULL)
            pursuit_match_index_add (before, name, company, email, phone, item);
          found_now = pursuit_match_index_lookup_or_add (now, name, company, email, phone, item, &reason_now);
          g_assert_true (found_now == found_before);
          g_assert_cmpint (reason_now, ==, reason_before);
          n_matched += found_now != NULL;

          /* An update adds the new keys of a match, as an import does. */
          if (found_now != NULL && g_rand_boolean (rand))
            {
              pursuit_match_index_add (before, name, company, email, phone, found_before);
              pursuit_match_index_add (now, name, company, email, phone, found_now);
            }
        }
      /* The records collide: the comparison saw matches of every kind. */
      g_assert_cmpuint (n_matched, >, 0);
    }
}

/* Each reason, and a name shared by two emails, by hand. */
static void
test_reasons (void)
{
  g_autoptr(PursuitMatchIndex) index = pursuit_match_index_new ();
  PursuitMatchReason reason;
  int a, b, c, d;

  g_assert_null (pursuit_match_index_lookup_or_add (index, "Ann Ash", "Initech", "ann@example.com",
                                                    "555 0100 9", &a, &reason));
  g_assert_cmpint (reason, ==, PURSUIT_MATCH_NONE);
  g_assert_true (pursuit_match_index_lookup_or_add (index, "X", NULL, " ANN@example.com", NULL, &b, &reason) == &a);
  g_assert_cmpint (reason, ==, PURSUIT_MATCH_EMAIL);
  g_assert_true (pursuit_match_index_lookup_or_add (index, "X", NULL, NULL, "55501009", &b, &reason) == &a);
  g_assert_cmpint (reason, ==, PURSUIT_MATCH_PHONE);
  g_assert_true (pursuit_match_index_lookup_or_add (index, "ann  ASH", "initech", NULL, NULL, &b, &reason) == &a);
  g_assert_cmpint (reason, ==, PURSUIT_MATCH_NAME);
  /* The same name with another email: another person, added; the name
   * keeps its first holder. */
  g_assert_null (pursuit_match_index_lookup_or_add (index, "Ann Ash", "Initech", "ann2@example.com", NULL, &c,
                                                    &reason));
  g_assert_true (pursuit_match_index_lookup (index, NULL, NULL, "ann2@example.com", NULL, &reason) == &c);
  g_assert_true (pursuit_match_index_lookup_or_add (index, "Ann Ash", "Initech", NULL, NULL, &d, &reason) == &a);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/match/lookup-or-add/same-matches", test_same_matches);
  g_test_add_func ("/match/lookup-or-add/reasons", test_reasons);

  return g_test_run ();
}
