/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test-outreach-core"

#include <locale.h>
#include <string.h>

#include <gio/gio.h>

#include "pursuit-outreach.h"

/* ---- placeholders ---------------------------------------------------- */

static void
test_expand_all (void)
{
  PursuitTemplateValues values = {
    .first_name = "Jane", .name = "Jane Doe", .company = "Acme",
    .value = "$1,000", .last_touch = "3 May 2027", .my_name = "Sam",
    .signature = "Sam Seller\nSeller & Co",
  };
  g_autofree char *text = pursuit_template_expand (
    "Hi {first_name} ({name}) of {company}: {value}, {last_touch}.\n{my_name}\n{signature}",
    &values);

  g_assert_cmpstr (text, ==,
                   "Hi Jane (Jane Doe) of Acme: $1,000, 3 May 2027.\nSam\nSam Seller\nSeller & Co");
}

static void
test_expand_not_again (void)
{
  /* A value that holds a placeholder is inserted as it is: a name
   * "{signature}" stays that name, and the company is not expanded inside
   * the name either. */
  PursuitTemplateValues values = {
    .first_name = "{signature}", .name = "{company}{name}", .company = "Acme",
    .signature = "SIG",
  };
  g_autofree char *text = pursuit_template_expand ("{first_name}|{name}|{signature}", &values);

  g_assert_cmpstr (text, ==, "{signature}|{company}{name}|SIG");
}

static void
test_expand_not_format (void)
{
  /* User text with printf conversions is copied, never a format. */
  PursuitTemplateValues values = { .name = "%s%n%x %%", .company = "100%" };
  g_autofree char *text = pursuit_template_expand ("%s {name} %d {company} %n", &values);

  g_assert_cmpstr (text, ==, "%s %s%n%x %% %d 100% %n");
}

static void
test_expand_other_braces (void)
{
  PursuitTemplateValues values = { .name = "Jane" };
  g_autofree char *a = pursuit_template_expand ("{unknown} {NAME} { name } {name", &values);
  g_autofree char *b = pursuit_template_expand ("{{name}} {} }{ {", &values);
  g_autofree char *c = pursuit_template_expand ("{first_name}{my_name}{value}", NULL);
  g_autofree char *d = pursuit_template_expand (NULL, &values);
  g_autofree char *e = pursuit_template_expand ("{name}", &(PursuitTemplateValues) { 0 });

  g_assert_cmpstr (a, ==, "{unknown} {NAME} { name } {name");
  g_assert_cmpstr (b, ==, "{Jane} {} }{ {");
  g_assert_cmpstr (c, ==, "");
  g_assert_cmpstr (d, ==, "");
  g_assert_cmpstr (e, ==, "");
}

static void
test_expand_utf8 (void)
{
  PursuitTemplateValues values = { .first_name = "Zoë", .company = "Ünïcode ✓ GmbH" };
  g_autofree char *text = pursuit_template_expand ("Grüße, {first_name} — {company} ☺", &values);

  g_assert_cmpstr (text, ==, "Grüße, Zoë — Ünïcode ✓ GmbH ☺");
  g_assert_true (g_utf8_validate (text, -1, NULL));
}

/* ---- first names ------------------------------------------------------ */

static void
test_first_name (void)
{
  static const struct { const char *name, *first; } cases[] = {
    { "Jane Doe", "Jane" },
    { "Dr. Jane Doe", "Jane" },
    { "dr jane doe", "jane" },
    { "Prof. Dr. Hans Müller", "Hans" },
    { "Mrs Ann Lee", "Ann" },
    { "Doe, Jane", "Jane" },
    { "Doe, Dr. Jane", "Jane" },
    { "Jane Doe, PhD", "Jane" },
    { "John Smith, Jr.", "John" },
    { "  Zoë   Ångström  ", "Zoë" },
    { "Madonna", "Madonna" },
    { "Don Draper", "Don" },
    { "Mr.", "" },
    { "", "" },
    { "   ", "" },
    { "李 小龙", "李" },
    { "Jane\tDoe", "Jane" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *first = pursuit_first_name (cases[i].name);

      g_test_message ("%s", cases[i].name);
      g_assert_cmpstr (first, ==, cases[i].first);
    }
  {
    g_autofree char *none = pursuit_first_name (NULL);
    g_autofree char *bad = pursuit_first_name ("\xff\xfe Jane");

    g_assert_cmpstr (none, ==, "");
    g_assert_cmpstr (bad, ==, "");
  }
}

/* ---- steps ------------------------------------------------------------ */

static void
test_steps (void)
{
  PursuitTemplateStep step = PURSUIT_TEMPLATE_STEP_FIRST;

  g_assert_cmpint (pursuit_template_step_for_attempt (0, FALSE), ==, PURSUIT_TEMPLATE_STEP_FIRST);
  g_assert_cmpint (pursuit_template_step_for_attempt (1, FALSE), ==, PURSUIT_TEMPLATE_STEP_FIRST);
  g_assert_cmpint (pursuit_template_step_for_attempt (2, FALSE), ==, PURSUIT_TEMPLATE_STEP_NUDGE);
  g_assert_cmpint (pursuit_template_step_for_attempt (3, FALSE), ==, PURSUIT_TEMPLATE_STEP_VALUE);
  g_assert_cmpint (pursuit_template_step_for_attempt (12, FALSE), ==, PURSUIT_TEMPLATE_STEP_VALUE);
  g_assert_cmpint (pursuit_template_step_for_attempt (1, TRUE), ==, PURSUIT_TEMPLATE_STEP_CLOSING);
  g_assert_cmpint (pursuit_template_step_for_attempt (7, TRUE), ==, PURSUIT_TEMPLATE_STEP_CLOSING);

  /* Written out: these names are keys of the users' settings. */
  g_assert_cmpstr (pursuit_template_step_to_string (PURSUIT_TEMPLATE_STEP_FIRST), ==, "first");
  g_assert_cmpstr (pursuit_template_step_to_string (PURSUIT_TEMPLATE_STEP_NUDGE), ==, "nudge");
  g_assert_cmpstr (pursuit_template_step_to_string (PURSUIT_TEMPLATE_STEP_VALUE), ==, "value");
  g_assert_cmpstr (pursuit_template_step_to_string (PURSUIT_TEMPLATE_STEP_CLOSING), ==, "closing");
  g_assert_null (pursuit_template_step_to_string (PURSUIT_N_TEMPLATE_STEPS));
  g_assert_true (pursuit_template_step_from_string ("closing", &step));
  g_assert_cmpint (step, ==, PURSUIT_TEMPLATE_STEP_CLOSING);
  g_assert_false (pursuit_template_step_from_string ("Closing", &step));
  g_assert_false (pursuit_template_step_from_string (NULL, &step));
  g_assert_cmpint (step, ==, PURSUIT_TEMPLATE_STEP_CLOSING);
}

/* ---- mailto: ------------------------------------------------------------ */

/* The value of field @name in @query, unescaped, or NULL. */
static char *
query_field (const char *query,
             const char *name)
{
  g_auto (GStrv) fields = g_strsplit (query, "&", -1);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *eq = strchr (fields[i], '=');

      if (eq != NULL && strlen (name) == (gsize) (eq - fields[i])
          && strncmp (fields[i], name, eq - fields[i]) == 0)
        return g_uri_unescape_string (eq + 1, NULL);
    }
  return NULL;
}

/* Every character of @uri after "mailto:" is unreserved, "%" with two
 * upper-case hex digits, "@" or one of the delimiters RFC 6068 uses. */
static void
assert_only_uri_chars (const char *uri)
{
  g_assert_true (g_str_has_prefix (uri, "mailto:"));
  for (const char *p = uri + strlen ("mailto:"); *p != '\0'; p++)
    {
      if (*p == '%')
        {
          g_assert_true (g_ascii_isxdigit (p[1]) && !g_ascii_islower (p[1]));
          g_assert_true (g_ascii_isxdigit (p[2]) && !g_ascii_islower (p[2]));
          p += 2;
          continue;
        }
      if (!g_ascii_isalnum (*p) && !strchr ("-._~@,?&=", *p))
        g_error ("“%c” left as it is in %s", *p, uri);
    }
}

static void
test_mailto_simple (void)
{
  const char *to[] = { "jane@example.com", NULL };
  g_autofree char *uri = pursuit_mailto_uri (to, NULL, "Hello", "Hi Jane");

  g_assert_cmpstr (uri, ==, "mailto:jane@example.com?subject=Hello&body=Hi%20Jane");
}

static void
test_mailto_round_trip (void)
{
  const char *to[] = { "jane.o'doe+sales@example.com", NULL };
  const char *bcc[] = { "a@x.org", " b@y.org ", "", "c@z.org", NULL };
  const char *subject = "Q&A? 100% of #1 = yes; ok/no: “Zoë” + Jürgen";
  const char *body = "Hi Zoë,\nline two\r\nline three\rend & more?\n\n%20 is not a space #frag";
  g_autofree char *uri = pursuit_mailto_uri (to, bcc, subject, body);
  g_autoptr (GError) error = NULL;
  g_autoptr (GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, &error);
  g_autofree char *path = NULL;
  g_autofree char *got_bcc = NULL;
  g_autofree char *got_subject = NULL;
  g_autofree char *got_body = NULL;

  g_assert_no_error (error);
  assert_only_uri_chars (uri);
  g_assert_cmpstr (g_uri_get_scheme (parsed), ==, "mailto");
  /* Nothing in the text ends the URI early or starts a fragment. */
  g_assert_null (g_uri_get_fragment (parsed));
  path = g_uri_unescape_string (g_uri_get_path (parsed), NULL);
  g_assert_cmpstr (path, ==, "jane.o'doe+sales@example.com");
  got_bcc = query_field (g_uri_get_query (parsed), "bcc");
  got_subject = query_field (g_uri_get_query (parsed), "subject");
  got_body = query_field (g_uri_get_query (parsed), "body");
  /* Several Bcc in one field, separated by ",", the empty one dropped. */
  g_assert_cmpstr (got_bcc, ==, "a@x.org,b@y.org,c@z.org");
  g_assert_cmpstr (got_subject, ==, subject);
  /* Every kind of line break is CRLF, as RFC 6068 wants. */
  g_assert_cmpstr (got_body, ==,
                   "Hi Zoë,\r\nline two\r\nline three\r\nend & more?\r\n\r\n%20 is not a space #frag");
  g_assert_nonnull (strstr (uri, "Zo%C3%AB"));
  g_assert_nonnull (strstr (uri, "%0D%0Aline%20two%0D%0Aline%20three%0D%0Aend"));
  g_assert_nonnull (strstr (uri, "Q%26A%3F%20100%25%20of%20%231"));
  g_assert_null (strstr (uri, "\n"));
}

static void
test_mailto_bcc_only (void)
{
  const char *bcc[] = { "a@x.org", "b@y.org", NULL };
  g_autofree char *uri = pursuit_mailto_uri (NULL, bcc, NULL, "News");
  g_autofree char *empty = pursuit_mailto_uri (NULL, NULL, NULL, NULL);
  g_autofree char *blank = pursuit_mailto_uri ((const char *[]) { "", NULL },
                                               (const char *[]) { " ", NULL }, "", "");

  g_assert_cmpstr (uri, ==, "mailto:?bcc=a@x.org,b@y.org&body=News");
  g_assert_cmpstr (empty, ==, "mailto:");
  g_assert_cmpstr (blank, ==, "mailto:");
}

static void
test_mailto_hostile_address (void)
{
  /* An address that tries to add a field or a recipient stays one address. */
  const char *to[] = { "jane@x.org?bcc=eve@evil.org&subject=x", "a,b@x.org", NULL };
  g_autofree char *uri = pursuit_mailto_uri (to, NULL, "S", NULL);
  g_autoptr (GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  g_auto (GStrv) addresses = g_strsplit (g_uri_get_path (parsed), ",", -1);
  g_autofree char *first = g_uri_unescape_string (addresses[0], NULL);
  g_autofree char *second = g_uri_unescape_string (addresses[1], NULL);

  assert_only_uri_chars (uri);
  g_assert_cmpuint (g_strv_length (addresses), ==, 2);
  g_assert_cmpstr (first, ==, "jane@x.org?bcc=eve@evil.org&subject=x");
  g_assert_cmpstr (second, ==, "a,b@x.org");
  g_assert_cmpstr (g_uri_get_query (parsed), ==, "subject=S");
}

static void
test_mailto_subject_one_line (void)
{
  const char *to[] = { "a@x.org", NULL };
  g_autofree char *uri = pursuit_mailto_uri (to, NULL, "one\r\ntwo\nthree", NULL);

  g_assert_cmpstr (uri, ==, "mailto:a@x.org?subject=one%20two%20three");
}

/* ---- tel: --------------------------------------------------------------- */

static void
test_tel (void)
{
  static const struct { const char *phone, *uri; } cases[] = {
    { "+1 (555) 123-4567", "tel:+15551234567" },
    { "  +49 30 1234.5678", "tel:+493012345678" },
    { "555 1234", "tel:5551234" },
    { "+1 555 123 4567 ext. 89", "tel:+15551234567;ext=89" },
    { "555-1234 x12", "tel:5551234;ext=12" },
    { "555-1234#7", "tel:5551234;ext=7" },
    { "call +44 20 7946 0958", "tel:+442079460958" },
    { "1 + 2", "tel:12" },
    { "0049 (0)30 123", "tel:0049030123" },
    /* The trunk prefix of a global number is not dialled. */
    { "+49 (0)30 1234-5678", "tel:+493012345678" },
    { "+44(0)20 7946 0958", "tel:+442079460958" },
    { "(030) 1234", "tel:0301234" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *uri = pursuit_tel_uri (cases[i].phone);
      g_autoptr (GUri) parsed = NULL;

      g_assert_cmpstr (uri, ==, cases[i].uri);
      parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
      g_assert_nonnull (parsed);
      g_assert_cmpstr (g_uri_get_scheme (parsed), ==, "tel");
    }
  g_assert_null (pursuit_tel_uri (NULL));
  g_assert_null (pursuit_tel_uri (""));
  g_assert_null (pursuit_tel_uri ("+ ( ) -"));
  g_assert_null (pursuit_tel_uri ("no phone"));
}

/* ---- the Today order ---------------------------------------------------- */

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return pursuit_today_key_compare (a, b);
}

static void
test_today_order (void)
{
  /* Shuffled; the ids say the expected order. */
  PursuitTodayKey keys[] = {
    { .id = 9, .due = 100, .value = -1 },
    { .id = 1, .due = 500, .overdue = TRUE, .value = 5000 },
    { .id = 4, .due = 50, .overdue = TRUE, .value = -1 },
    { .id = 2, .due = 600, .hot = TRUE, .value = 5000 },
    { .id = 7, .due = 10, .value = 200 },
    { .id = 3, .due = 10, .hot = TRUE, .overdue = TRUE, .value = 100 },
    { .id = 8, .due = 20, .value = 200 },
    { .id = 5, .due = 60, .hot = TRUE, .value = 0 },
    { .id = 6, .due = 90, .value = 1000 },
    { .id = 10, .due = 100, .value = 0 },
  };

  qsort (keys, G_N_ELEMENTS (keys), sizeof keys[0], (GCompareFunc) compare_keys);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_cmpint (keys[i].id, ==, i + 1);

  /* A total order: each against itself is 0, and antisymmetric. */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    for (guint j = 0; j < G_N_ELEMENTS (keys); j++)
      {
        int ij = pursuit_today_key_compare (&keys[i], &keys[j]);
        int ji = pursuit_today_key_compare (&keys[j], &keys[i]);

        g_assert_cmpint (ij < 0, ==, i < j);
        g_assert_cmpint ((ij > 0) - (ij < 0), ==, -((ji > 0) - (ji < 0)));
      }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outreach/expand/all", test_expand_all);
  g_test_add_func ("/outreach/expand/not-again", test_expand_not_again);
  g_test_add_func ("/outreach/expand/not-format", test_expand_not_format);
  g_test_add_func ("/outreach/expand/other-braces", test_expand_other_braces);
  g_test_add_func ("/outreach/expand/utf8", test_expand_utf8);
  g_test_add_func ("/outreach/first-name", test_first_name);
  g_test_add_func ("/outreach/steps", test_steps);
  g_test_add_func ("/outreach/mailto/simple", test_mailto_simple);
  g_test_add_func ("/outreach/mailto/round-trip", test_mailto_round_trip);
  g_test_add_func ("/outreach/mailto/bcc-only", test_mailto_bcc_only);
  g_test_add_func ("/outreach/mailto/hostile-address", test_mailto_hostile_address);
  g_test_add_func ("/outreach/mailto/subject-one-line", test_mailto_subject_one_line);
  g_test_add_func ("/outreach/tel", test_tel);
  g_test_add_func ("/outreach/today-order", test_today_order);

  return g_test_run ();
}
