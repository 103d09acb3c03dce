/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-io"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pursuit-csv.h"
#include "pursuit-store.h"
#include "test-util.h"

/* The ten columns of files written before the close reason and the
 * revisit date were added: they still import. */
#define HEADER_10 "name,company,email,phone,stage,tier,value,attempts,next_touch,notes"
#define HEADER_CRLF HEADER_10 "\r\n"

/* Helpers */

static GPtrArray *
parse_len (const char        *csv,
           gsize              length,
           PursuitCsvReport **report)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *prospects = pursuit_csv_parse (csv, length, report, &error);

  g_assert_no_error (error);
  g_assert_nonnull (prospects);
  g_assert_nonnull (*report);
  g_assert_cmpuint ((*report)->skipped, ==, (*report)->errors->len);
  g_assert_cmpuint ((*report)->imported, ==, 0); /* parsing adds nothing */
  return prospects;
}

static GPtrArray *
parse (const char        *csv,
       PursuitCsvReport **report)
{
  return parse_len (csv, strlen (csv), report);
}

static PursuitProspect *
nth (GPtrArray *prospects,
     guint      i)
{
  g_assert_cmpuint (i, <, prospects->len);
  return g_ptr_array_index (prospects, i);
}

static const PursuitCsvRowError *
nth_error (PursuitCsvReport *report,
           guint             i)
{
  g_assert_cmpuint (i, <, report->errors->len);
  return g_ptr_array_index (report->errors, i);
}

static void
assert_error_row (PursuitCsvReport *report,
                  guint             i,
                  guint             line,
                  const char       *fragment)
{
  const PursuitCsvRowError *row = nth_error (report, i);

  g_assert_cmpuint (row->line, ==, line);
  g_assert_nonnull (row->message);
  if (strstr (row->message, fragment) == NULL)
    g_error ("message “%s” does not mention “%s”", row->message, fragment);
}

static void
assert_parse_fails (const char *csv,
                    gsize       length,
                    int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;

  report = (PursuitCsvReport *) 0x1; /* must be reset */
  prospects = pursuit_csv_parse (csv, length, &report, &error);
  g_assert_error (error, PURSUIT_CSV_ERROR, code);
  g_assert_null (prospects);
  g_assert_null (report);
  g_assert_cmpstr (error->message, !=, "");
}

static void
assert_same_time (GDateTime *a,
                  GDateTime *b)
{
  if (a == NULL || b == NULL)
    {
      g_assert_true (a == b);
      return;
    }
  if (!g_date_time_equal (a, b))
    {
      g_autofree char *sa = g_date_time_format_iso8601 (a);
      g_autofree char *sb = g_date_time_format_iso8601 (b);

      g_error ("%s != %s", sa, sb);
    }
}

static void
assert_same_prospect (PursuitProspect *a,
                      PursuitProspect *b)
{
  g_assert_cmpstr (pursuit_prospect_get_name (a), ==, pursuit_prospect_get_name (b));
  g_assert_cmpstr (pursuit_prospect_get_company (a), ==, pursuit_prospect_get_company (b));
  g_assert_cmpstr (pursuit_prospect_get_email (a), ==, pursuit_prospect_get_email (b));
  g_assert_cmpstr (pursuit_prospect_get_phone (a), ==, pursuit_prospect_get_phone (b));
  g_assert_cmpstr (pursuit_prospect_get_notes (a), ==, pursuit_prospect_get_notes (b));
  g_assert_cmpstr (pursuit_prospect_get_tags (a), ==, pursuit_prospect_get_tags (b));
  g_assert_cmpint (pursuit_prospect_get_stage (a), ==, pursuit_prospect_get_stage (b));
  g_assert_cmpint (pursuit_prospect_get_tier (a), ==, pursuit_prospect_get_tier (b));
  g_assert_cmpfloat (pursuit_prospect_get_value (a), ==, pursuit_prospect_get_value (b));
  g_assert_cmpuint (pursuit_prospect_get_attempts (a), ==, pursuit_prospect_get_attempts (b));
  assert_same_time (pursuit_prospect_get_next_touch (a), pursuit_prospect_get_next_touch (b));
}

static char *
write_model (GListModel *model)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (pursuit_csv_write (model, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (out, NULL, &error));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static PursuitProspect *
make_prospect (const char  *name,
               const char  *company,
               const char  *email,
               const char  *phone,
               PursuitStage stage,
               PursuitTier  tier,
               double       value,
               guint        attempts,
               GDateTime   *next_touch,
               const char  *notes)
{
  PursuitProspect *p = pursuit_prospect_new (name);

  pursuit_prospect_set_company (p, company);
  pursuit_prospect_set_email (p, email);
  pursuit_prospect_set_phone (p, phone);
  pursuit_prospect_set_stage (p, stage);
  pursuit_prospect_set_tier (p, tier);
  pursuit_prospect_set_value (p, value);
  pursuit_prospect_set_attempts (p, attempts);
  pursuit_prospect_set_next_touch (p, next_touch);
  pursuit_prospect_set_notes (p, notes);
  return p;
}

/* Prospects that are hard to write: every quoting case, non-ASCII, no
 * value, with and without a next touch. */
static GListStore *
make_tricky_prospects (void)
{
  GListStore *store = g_list_store_new (PURSUIT_TYPE_PROSPECT);
  g_autoptr(GDateTime) when = g_date_time_new_local (2024, 5, 31, 14, 30, 0);
  g_autoptr(GDateTime) winter = g_date_time_new_local (2025, 1, 15, 8, 5, 7);
  PursuitProspect *items[] = {
    make_prospect ("Smith, John", "ACME, Inc.", "john@example.com", "+1 555 0100",
                   PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT, 1000, 3, when, "plain"),
    make_prospect ("Say \"Hi\" Sam", "\"Quoted\" Ltd", "", "", PURSUIT_STAGE_INBOX,
                   PURSUIT_TIER_NONE, -1, 0, NULL, "He said \"\"call me\"\"."),
    make_prospect ("Line\nBreak", "Two\r\nLines", "", "", PURSUIT_STAGE_ACTIVE,
                   PURSUIT_TIER_COLD, 1000.5, 7, winter, "a\rb\nc\r\nd\n"),
    make_prospect ("  Leading", "Trailing  ", "", " 555 ", PURSUIT_STAGE_CUSTOMER,
                   PURSUIT_TIER_NONE, 0, 0, NULL, " "),
    make_prospect ("Zoë Ångström-Łukasiewicz", "Société Générale", "zoe@example.fr", "",
                   PURSUIT_STAGE_CLOSED, PURSUIT_TIER_NONE, 0.1, 12, when, "日本語のメモ"),
    make_prospect ("Emoji 🎉👩‍💼", "🚀 Rockets", "", "", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD,
                   123456789.25, 1, NULL, "🙂,\"🙃\""),
    make_prospect ("Big Deal", "", "", "", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COOL, 1e15, 0,
                   when, "cr\ronly"),
  };

  /* Tags as typed: the prospect keeps them normalised. */
  pursuit_prospect_set_tags (items[0], " VIP ;#Trade  Fair, vip");
  pursuit_prospect_set_tags (items[5], "=formula");
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_list_store_append (store, items[i]);
      g_object_unref (items[i]);
    }
  return store;
}

static PursuitProspect *
find_by_name (GListModel *model,
              const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PursuitProspect) p = g_list_model_get_item (model, i);

      if (g_str_equal (pursuit_prospect_get_name (p), name))
        return p;
    }
  g_error ("no prospect named “%s”", name);
  return NULL;
}

/* Parsing: structure */

static void
test_parse_simple (void)
{
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;
  g_autoptr(GDateTime) expected = g_date_time_new_local (2024, 6, 3, 10, 15, 0);
  PursuitProspect *p;

  prospects = parse (HEADER_CRLF
                     "Ada Lovelace,Analytical Engines,ada@example.com,+44 20 7946 0000,"
                     "active,good,2500,2,2024-06-03T10:15:00,Met at a conference\r\n"
                     "Bob,,,,,,,,,\r\n",
                     &report);

  g_assert_cmpuint (prospects->len, ==, 2);
  g_assert_cmpuint (report->skipped, ==, 0);

  p = nth (prospects, 0);
  g_assert_cmpint (pursuit_prospect_get_id (p), ==, 0);
  g_assert_cmpstr (pursuit_prospect_get_name (p), ==, "Ada Lovelace");
  g_assert_cmpstr (pursuit_prospect_get_company (p), ==, "Analytical Engines");
  g_assert_cmpstr (pursuit_prospect_get_email (p), ==, "ada@example.com");
  g_assert_cmpstr (pursuit_prospect_get_phone (p), ==, "+44 20 7946 0000");
  g_assert_cmpint (pursuit_prospect_get_stage (p), ==, PURSUIT_STAGE_ACTIVE);
  g_assert_cmpint (pursuit_prospect_get_tier (p), ==, PURSUIT_TIER_GOOD);
  g_assert_cmpfloat (pursuit_prospect_get_value (p), ==, 2500);
  g_assert_cmpuint (pursuit_prospect_get_attempts (p), ==, 2);
  g_assert_cmpuint (pursuit_prospect_get_attempts_before (p), ==, 2);
  assert_same_time (pursuit_prospect_get_next_touch (p), expected);
  g_assert_cmpstr (pursuit_prospect_get_notes (p), ==, "Met at a conference");

  p = nth (prospects, 1);
  g_assert_cmpstr (pursuit_prospect_get_name (p), ==, "Bob");
  g_assert_cmpstr (pursuit_prospect_get_company (p), ==, "");
  g_assert_cmpint (pursuit_prospect_get_stage (p), ==, PURSUIT_STAGE_INBOX);
  g_assert_cmpint (pursuit_prospect_get_tier (p), ==, PURSUIT_TIER_NONE);
  g_assert_cmpfloat (pursuit_prospect_get_value (p), ==, -1);
  g_assert_cmpuint (pursuit_prospect_get_attempts (p), ==, 0);
  g_assert_null (pursuit_prospect_get_next_touch (p));
}

static void
test_parse_quoted_comma (void)
{
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;

  prospects = parse (HEADER_CRLF "\"Smith, John\",\"A, B, and C\",,,,,,,,\",\"\r\n", &report);

  g_assert_cmpuint (report->skipped, ==, 0);
  g_assert_cmpuint (prospects->len, ==, 1);
  g_assert_cmpstr (pursuit_prospect_get_name (nth (prospects, 0)), ==, "Smith, John");
  g_assert_cmpstr (pursuit_prospect_get_company (nth (prospects, 0)), ==, "A, B, and C");
  g_assert_cmpstr (pursuit_prospect_get_notes (nth (prospects, 0)), ==, ",");
}

static void
test_parse_quoted_quote (void)
{
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;

  prospects = parse (HEADER_CRLF
                     "\"Say \"\"Hi\"\"\",\"\"\"\",,,,,,,,\"\"\"\"\"\"\r\n"
                     "\"\",,,,,,,,,\r\n",
                     &report);

  g_assert_cmpuint (prospects->len, ==, 1);
  g_assert_cmpstr (pursuit_prospect_get_name (nth (prospects, 0)), ==, "Say \"Hi\"");
  g_assert_cmpstr (pursuit_prospect_get_company (nth (prospects, 0)), ==, "\"");
  g_assert_cmpstr (pursuit_prospect_get_notes (nth (prospects, 0)), ==, "\"\"");
  /* "" is an empty name, not a quote: the row is blank and skipped. */
  g_assert_cmpuint (report->skipped, ==, 0);
}

static void
test_parse_quoted_newline (void)
{
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;

  prospects = parse (HEADER_CRLF
                     "\"Two\nLines\",\"CR\r\nLF\",,,,,,,,\"a\rb\nc\r\n\"\r\n"
                     ",,,,,,,,,bad\r\n",
                     &report);

  g_assert_cmpuint (prospects->len, ==, 1);
  g_assert_cmpstr (pursuit_prospect_get_name (nth (prospects, 0)), ==, "Two\nLines");
  g_assert_cmpstr (pursuit_prospect_get_company (nth (prospects, 0)), ==, "CR\r\nLF");
  g_assert_cmpstr (pursuit_prospect_get_notes (nth (prospects, 0)), ==, "a\rb\nc\r\n");
  /* The record above spans lines 2 to 7 (LF, CRLF, CR, LF, CRLF inside). */
  g_assert_cmpuint (report->skipped, ==, 1);
  assert_error_row (report, 0, 8, "name");
}

static void
test_parse_spaces (void)
{
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;

  prospects = parse (HEADER_CRLF
                     "  Unquoted  ,\"  Quoted  \", ann@example.com , 555 ,"
                     " active , HOT , 1000 , 2 ,"
                     " 2024-06-03 , x \r\n",
                     &report);

  g_assert_cmpuint (report->skipped, ==, 0);
  g_assert_cmpuint (prospects->len, ==, 1);
  /* Text is kept as written; the structured columns may be padded. */
  g_assert_cmpstr (pursuit_prospect_get_name (nth (prospects, 0)), ==, "  Unquoted  ");
  g_assert_cmpstr (pursuit_prospect_get_company (nth (prospects, 0)), ==, "  Quoted  ");
  g_assert_cmpstr (pursuit_prospect_get_phone (nth (prospects, 0)), ==, " 555 ");
  g_assert_cmpstr (pursuit_prospect_get_notes (nth (prospects, 0)), ==, " x ");
  g_assert_cmpstr (pursuit_prospect_get_email (nth (prospects, 0)), ==, "ann@example.com");
  g_assert_cmpint (pursuit_prospect_get_tier (nth (prospects, 0)), ==, PURSUIT_TIER_HOT);
  g_assert_cmpfloat (pursuit_prospect_get_value (nth (prospects, 0)), ==, 1000);
  g_assert_cmpuint (pursuit_prospect_get_attempts (nth (prospects, 0)), ==, 2);
  g_assert_nonnull (pursuit_prospect_get_next_touch (nth (prospects, 0)));
}

static void
test_parse_stray_quote (void)
{
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;

  /* Not RFC 4180, but common: kept as written rather than lost. */
  prospects = parse (HEADER_CRLF "5\" Pipes,\"Quoted\" tail,,,,,,,,\r\n", &report);

  g_assert_cmpuint (report->skipped, ==, 0);
  g_assert_cmpuint (prospects->len, ==, 1);
  g_assert_cmpstr (pursuit_prospect_get_name (nth (prospects, 0)), ==, "5\" Pipes");
  g_assert_cmpstr (pursuit_prospect_get_company (nth (prospects, 0)), ==, "Quoted tail");
}

static void
check_two_rows (const char *csv,
                gsize       length)
{
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = parse_len (csv, length, &report);

  g_assert_cmpuint (report->skipped, ==, 0);
  g_assert_cmpuint (prospects->len, ==, 2);
  g_assert_cmpstr (pursuit_prospect_get_name (nth (prospects, 0)), ==, "Ann");
  g_assert_cmpstr (pursuit_prospect_get_notes (nth (prospects, 0)), ==, "first");
  g_assert_cmpstr (pursuit_prospect_get_name (nth (prospects, 1)), ==, "Ben");
  g_assert_cmpstr (pursuit_prospect_get_notes (nth (prospects, 1)), ==, "second");
}

static void
test_parse_bom (void)
{
  const char *csv = "\xef\xbb\xbf" HEADER_CRLF "Ann,,,,,,,,,first\r\nBen,,,,,,,,,second\r\n";
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;

  check_two_rows (csv, strlen (csv));
  check_two_rows (csv + 3, strlen (csv + 3));

  /* With a BOM, the first column is still "name" when it is the only one. */
  prospects = parse ("\xef\xbb\xbfname\nAnn\n", &report);
  g_assert_cmpuint (prospects->len, ==, 1);
  g_assert_cmpstr (pursuit_prospect_get_name (nth (prospects, 0)), ==, "Ann");
}

static void
test_parse_line_ends (void)
{
  const char *lf = HEADER_10 "\nAnn,,,,,,,,,first\nBen,,,,,,,,,second\n";
  const char *crlf = HEADER_CRLF "Ann,,,,,,,,,first\r\nBen,,,,,,,,,second\r\n";
  const char *cr = HEADER_10 "\rAnn,,,,,,,,,first\rBen,,,,,,,,,second\r";
  const char *mixed = HEADER_10 "\nAnn,,,,,,,,,first\r\nBen,,,,,,,,,second";

  check_two_rows (lf, strlen (lf));
  check_two_rows (crlf, strlen (crlf));
  check_two_rows (cr, strlen (cr));
  /* The last line may lack its line end. */
  check_two_rows (mixed, strlen (mixed));
  check_two_rows (lf, strlen (lf) - 1);
  check_two_rows (crlf, strlen (crlf) - 2);
}

static void
test_parse_line_numbers (void)
{
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;

  prospects = parse ("\n\r\n" HEADER_10 "\n"                  /* 1-3 */
                     "\n"                                             /* 4 */
                     ",,,,,,,,,\n"                                    /* 5 */
                     "Ann,\"multi\n\nline\",,,,,,,,\n"                /* 6-8 */
                     ",,,,,,,,,x\n"                                   /* 9 */
                     "\r\n\n"                                         /* 10-11 */
                     "Ben,,,,,,,,,\"a\nb\"\n"                         /* 12-13 */
                     ",,,,,,,,,y\r\n"                                 /* 14 */
                     "Cy,,,,,,,,,\rDee,,,,,,,,,x\r,,,,,,,,,z",        /* 15-17 */
                     &report);

  g_assert_cmpuint (prospects->len, ==, 4);
  g_assert_cmpstr (pursuit_prospect_get_name (nth (prospects, 3)), ==, "Dee");
  g_assert_cmpuint (report->skipped, ==, 3);
  assert_error_row (report, 0, 9, "name");
  assert_error_row (report, 1, 14, "name");
  assert_error_row (report, 2, 17, "name");
}

static void
test_parse_header_order (void)
{
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;
  PursuitProspect *p;

  prospects = parse ("Notes,Unknown, TIER ,E-Mail,email,NAME,Next Touch,Value\n"
                     "hello,ignored,cold,x,ann@example.com,Ann,2024-06-03,99\n",
                     &report);

  g_assert_cmpuint (report->skipped, ==, 0);
  g_assert_cmpuint (prospects->len, ==, 1);
  p = nth (prospects, 0);
  g_assert_cmpstr (pursuit_prospect_get_name (p), ==, "Ann");
  g_assert_cmpstr (pursuit_prospect_get_notes (p), ==, "hello");
  g_assert_cmpstr (pursuit_prospect_get_email (p), ==, "ann@example.com");
  g_assert_cmpstr (pursuit_prospect_get_company (p), ==, "");
  g_assert_cmpstr (pursuit_prospect_get_phone (p), ==, "");
  g_assert_cmpint (pursuit_prospect_get_stage (p), ==, PURSUIT_STAGE_ACTIVE);
  g_assert_cmpint (pursuit_prospect_get_tier (p), ==, PURSUIT_TIER_COLD);
  g_assert_cmpfloat (pursuit_prospect_get_value (p), ==, 99);
  g_assert_cmpuint (pursuit_prospect_get_attempts (p), ==, 0);
  g_assert_nonnull (pursuit_prospect_get_next_touch (p));
}

static void
test_parse_header_name_only (void)
{
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;

  prospects = parse ("name\nAnn\n\nBen", &report);

  g_assert_cmpuint (report->skipped, ==, 0);
  g_assert_cmpuint (prospects->len, ==, 2);
  g_assert_cmpstr (pursuit_prospect_get_name (nth (prospects, 1)), ==, "Ben");
  g_assert_cmpint (pursuit_prospect_get_stage (nth (prospects, 1)), ==, PURSUIT_STAGE_INBOX);
}

static void
test_parse_header_only (void)
{
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;

  prospects = parse (HEADER_CRLF "\r\n\r\n", &report);

  g_assert_cmpuint (prospects->len, ==, 0);
  g_assert_cmpuint (report->skipped, ==, 0);
}

static void
test_parse_header_errors (void)
{
  const char *no_name = "company,email\nAcme,a@example.com\n";
  const char *names = "fullname,name2,\"na me\"\nAnn,,\n";
  const char *twice = "name,email,Name\nAnn,,Ann\n";
  const char *unterminated = "name,\"email\nAnn,\n";
  const char *latin1 = "name,soci\xe9t\xe9\nAnn,\n";
  const char utf16[] = "\xff\xfen\0a\0m\0e\0\n\0";

  assert_parse_fails (no_name, strlen (no_name), PURSUIT_CSV_ERROR_HEADER);
  assert_parse_fails (names, strlen (names), PURSUIT_CSV_ERROR_HEADER);
  assert_parse_fails (twice, strlen (twice), PURSUIT_CSV_ERROR_HEADER);
  assert_parse_fails (unterminated, strlen (unterminated), PURSUIT_CSV_ERROR_HEADER);
  assert_parse_fails (latin1, strlen (latin1), PURSUIT_CSV_ERROR_ENCODING);
  assert_parse_fails (utf16, sizeof utf16 - 1, PURSUIT_CSV_ERROR_ENCODING);
}

static void
test_parse_empty (void)
{
  assert_parse_fails ("", 0, PURSUIT_CSV_ERROR_HEADER);
  assert_parse_fails (NULL, 0, PURSUIT_CSV_ERROR_HEADER);
  assert_parse_fails ("\xef\xbb\xbf", 3, PURSUIT_CSV_ERROR_HEADER);
  assert_parse_fails ("\r\n\n\r\n", 5, PURSUIT_CSV_ERROR_HEADER);
}

static void
test_parse_no_report (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) prospects = NULL;

  prospects = pursuit_csv_parse ("name\nAnn\n,\n", 11, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (prospects->len, ==, 1);
}

/* Parsing: values */

static void
test_parse_stage_tier (void)
{
  static const struct
  {
    const char  *stage;
    const char  *tier;
    PursuitStage expected_stage;
    PursuitTier  expected_tier;
  } cases[] = {
    { "", "", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE },
    { "inbox", "", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE },
    { "", "hot", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT },
    { "active", "good", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD },
    { " ACTIVE ", " Cool ", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COOL },
    { "", "cold", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COLD },
    { "customer", "", PURSUIT_STAGE_CUSTOMER, PURSUIT_TIER_NONE },
    { "Closed", " ", PURSUIT_STAGE_CLOSED, PURSUIT_TIER_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *csv = g_strdup_printf ("name,stage,tier\nAnn,%s,%s\n",
                                              cases[i].stage, cases[i].tier);
      g_autoptr(PursuitCsvReport) report = NULL;
      g_autoptr(GPtrArray) prospects = parse (csv, &report);

      g_test_message ("stage “%s”, tier “%s”", cases[i].stage, cases[i].tier);
      g_assert_cmpuint (report->skipped, ==, 0);
      g_assert_cmpuint (prospects->len, ==, 1);
      g_assert_cmpint (pursuit_prospect_get_stage (nth (prospects, 0)), ==,
                       cases[i].expected_stage);
      g_assert_cmpint (pursuit_prospect_get_tier (nth (prospects, 0)), ==,
                       cases[i].expected_tier);
    }
}

static void
test_parse_numbers (void)
{
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;

  prospects = parse ("name,value,attempts\n"
                     "A,1000,0\n"
                     "B,\"1,000.50\",12\n"
                     "C,0,\n"
                     "D,,4294967295\n"
                     "E,0.1, 3 \n",
                     &report);

  g_assert_cmpuint (report->skipped, ==, 0);
  g_assert_cmpuint (prospects->len, ==, 5);
  g_assert_cmpfloat (pursuit_prospect_get_value (nth (prospects, 0)), ==, 1000);
  g_assert_cmpfloat (pursuit_prospect_get_value (nth (prospects, 1)), ==, 1000.5);
  g_assert_cmpfloat (pursuit_prospect_get_value (nth (prospects, 2)), ==, 0);
  g_assert_cmpfloat (pursuit_prospect_get_value (nth (prospects, 3)), ==, -1);
  g_assert_cmpfloat (pursuit_prospect_get_value (nth (prospects, 4)), ==, 0.1);
  g_assert_cmpuint (pursuit_prospect_get_attempts (nth (prospects, 0)), ==, 0);
  g_assert_cmpuint (pursuit_prospect_get_attempts (nth (prospects, 1)), ==, 12);
  g_assert_cmpuint (pursuit_prospect_get_attempts (nth (prospects, 2)), ==, 0);
  g_assert_cmpuint (pursuit_prospect_get_attempts (nth (prospects, 3)), ==, G_MAXUINT);
  g_assert_cmpuint (pursuit_prospect_get_attempts (nth (prospects, 4)), ==, 3);
}

static void
test_parse_next_touch (void)
{
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;
  g_autoptr(GDateTime) nine = g_date_time_new_local (2024, 6, 3, 9, 0, 0);
  g_autoptr(GDateTime) local = g_date_time_new_local (2024, 6, 3, 14, 30, 0);
  g_autoptr(GDateTime) local_seconds = g_date_time_new_local (2024, 6, 3, 14, 30, 15);
  g_autoptr(GDateTime) utc = g_date_time_new_utc (2024, 6, 3, 14, 30, 0);
  g_autoptr(GDateTime) winter = g_date_time_new_local (2024, 12, 24, 9, 0, 0);
  GDateTime *got;

  prospects = parse ("name,next_touch\n"
                     "A,2024-06-03\n"
                     "B,2024-06-03T14:30:00\n"
                     "C,2024-06-03 14:30:15\n"
                     "D,2024-06-03T14:30\n"
                     "E,2024-06-03T14:30:00Z\n"
                     "F,2024-06-03T16:30+02:00\n"
                     "G,\n"
                     "H, 2024-12-24 \n",
                     &report);

  g_assert_cmpuint (report->skipped, ==, 0);
  g_assert_cmpuint (prospects->len, ==, 8);
  assert_same_time (pursuit_prospect_get_next_touch (nth (prospects, 0)), nine);
  assert_same_time (pursuit_prospect_get_next_touch (nth (prospects, 1)), local);
  assert_same_time (pursuit_prospect_get_next_touch (nth (prospects, 2)), local_seconds);
  assert_same_time (pursuit_prospect_get_next_touch (nth (prospects, 3)), local);
  assert_same_time (pursuit_prospect_get_next_touch (nth (prospects, 4)), utc);
  assert_same_time (pursuit_prospect_get_next_touch (nth (prospects, 5)), utc);
  g_assert_null (pursuit_prospect_get_next_touch (nth (prospects, 6)));
  assert_same_time (pursuit_prospect_get_next_touch (nth (prospects, 7)), winter);

  /* The test runs in Europe/Berlin: local time is not UTC, so a time
   * without a zone must not have been read as UTC. */
  g_assert_false (g_date_time_equal (local, utc));
  /* Times come back in local time. */
  got = pursuit_prospect_get_next_touch (nth (prospects, 4));
  g_assert_cmpint (g_date_time_get_utc_offset (got), ==, g_date_time_get_utc_offset (local));
}

static void
test_parse_blank_rows (void)
{
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;

  prospects = parse (HEADER_CRLF "\r\n,,,,,,,,,\r\n\r\n,,\r\nAnn,,,,,,,,,\r\n\r\n\r\n", &report);

  g_assert_cmpuint (prospects->len, ==, 1);
  g_assert_cmpuint (report->skipped, ==, 0);
}

/* Parsing: bad rows */

typedef struct
{
  const char *path;
  const char *row;
  gsize       length;
  const char *fragment; /* that the message must contain */
} BadRow;

#define BAD(path, row, fragment) { "/io/csv/parse/bad-row/" path, row, sizeof (row) - 1, fragment }

static const BadRow bad_rows[] = {
  BAD ("too-few-fields", "Few,Fields,x@example.com", "3 fields"),
  BAD ("too-many-fields", "Many,,,,,,,,,,extra", "11 fields"),
  BAD ("one-field", "Lonely", "1 field"),
  BAD ("empty-name", ",Acme,a@example.com,,,,,,,", "name is empty"),
  BAD ("blank-name", "\"   \",Acme,,,,,,,,", "name is empty"),
  BAD ("invalid-email", "Eve,,not-an-email,,,,,,,", "“not-an-email” is not an email"),
  BAD ("email-with-space", "Eve,,\"eve @example.com\",,,,,,,", "email"),
  BAD ("value-not-number", "Val,,,,,,lots,,,", "value “lots”"),
  BAD ("value-negative", "Neg,,,,,,-5,,,", "value “-5”"),
  BAD ("unknown-stage", "Stage,,,,prospecting,,,,,", "“prospecting” is not a stage"),
  BAD ("unknown-tier", "Tier,,,,active,warm,,,,", "“warm” is not a tier"),
  BAD ("unknown-tier-no-stage", "Tier,,,,,lukewarm,,,,", "“lukewarm” is not a tier"),
  BAD ("tier-not-active", "Cust,,,,customer,hot,,,,", "only active"),
  BAD ("tier-inbox", "Inbox,,,,inbox,cold,,,,", "only active"),
  BAD ("active-without-tier", "Act,,,,active,,,,,", "needs a tier"),
  BAD ("attempts-not-number", "Att,,,,,,,many,,", "attempts “many”"),
  BAD ("attempts-negative", "Att,,,,,,,-1,,", "attempts “-1”"),
  BAD ("attempts-fraction", "Att,,,,,,,1.5,,", "attempts “1.5”"),
  BAD ("attempts-too-big", "Att,,,,,,,99999999999999999999,,", "attempts"),
  BAD ("next-touch-text", "Next,,,,,,,,tomorrow,", "next touch “tomorrow”"),
  BAD ("next-touch-no-such-day", "Next,,,,,,,,2024-02-30,", "next touch “2024-02-30”"),
  BAD ("next-touch-us-date", "Next,,,,,,,,06/03/2024,", "next touch"),
  BAD ("invalid-utf8", "Bad \xff\xfe,,,,,,,,,", "UTF-8"),
  BAD ("truncated-utf8", "Caf\xc3,,,,,,,,,", "UTF-8"),
  BAD ("latin1-in-quotes", "\"Soci\xe9t\xe9\",,,,,,,,,", "UTF-8"),
  BAD ("nul-byte", "Nul\0Byte,,,,,,,,,", "NUL"),
  BAD ("nul-in-quotes", "\"Nul\0\",,,,,,,,,", "NUL"),
};

/* A good multi-line record first, so that the bad row starts on physical
 * line 5 while it is the third record; a good row after it must survive. */
static void
test_parse_bad_row (gconstpointer data)
{
  const BadRow *bad = data;
  g_autoptr(GString) csv = g_string_new (HEADER_CRLF);
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;

  g_string_append (csv, "Good One,\"Acme\r\nWest\",one@example.com,,active,hot,100,1,,"
                        "\"first\nsecond\"\r\n");
  g_string_append_len (csv, bad->row, bad->length);
  g_string_append (csv, "\r\nGood Two,,,,,,,,,\r\n");

  prospects = parse_len (csv->str, csv->len, &report);

  g_assert_cmpuint (prospects->len, ==, 2);
  g_assert_cmpstr (pursuit_prospect_get_name (nth (prospects, 0)), ==, "Good One");
  g_assert_cmpstr (pursuit_prospect_get_company (nth (prospects, 0)), ==, "Acme\r\nWest");
  g_assert_cmpstr (pursuit_prospect_get_name (nth (prospects, 1)), ==, "Good Two");
  g_assert_cmpuint (report->skipped, ==, 1);
  assert_error_row (report, 0, 5, bad->fragment);
}

static void
test_parse_unterminated (void)
{
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;

  prospects = parse (HEADER_CRLF
                     "Ann,,,,,,,,,\r\n"
                     "Ben,\"Open,,,,,,,,\r\n"
                     "Cy,,,,,,,,,\r\n"
                     "Dee,,,,,,,,,\r\n",
                     &report);

  /* The open quote swallows the rest of the file: one bad record. */
  g_assert_cmpuint (prospects->len, ==, 1);
  g_assert_cmpstr (pursuit_prospect_get_name (nth (prospects, 0)), ==, "Ann");
  g_assert_cmpuint (report->skipped, ==, 1);
  assert_error_row (report, 0, 3, "not closed");
}

static void
test_parse_unterminated_last (void)
{
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;

  prospects = parse (HEADER_CRLF "Ann,,,,,,,,,\r\n\r\nBen,,,,,,,,,\"no end", &report);

  g_assert_cmpuint (prospects->len, ==, 1);
  g_assert_cmpuint (report->skipped, ==, 1);
  assert_error_row (report, 0, 4, "not closed");
}

static void
test_parse_excerpt (void)
{
  g_autoptr(GString) csv = g_string_new ("name,value\nAnn,");
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;
  const PursuitCsvRowError *row;

  for (guint i = 0; i < 10000; i++)
    g_string_append (csv, "ten bytes ");
  prospects = parse (csv->str, &report);

  g_assert_cmpuint (prospects->len, ==, 0);
  row = nth_error (report, 0);
  g_assert_nonnull (strstr (row->message, "ten bytes"));
  g_assert_cmpuint (strlen (row->message), <, 200);
  g_assert_true (g_utf8_validate (row->message, -1, NULL));
}

/* Parsing: size and hostile input */

static void
test_parse_big_field (void)
{
  g_autoptr(GString) csv = g_string_new ("name,notes\nAnn,\"");
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;

  while (expected->len < 1024 * 1024)
    {
      g_string_append (csv, "a, \"\"b\"\"\r\n");
      g_string_append (expected, "a, \"b\"\r\n");
    }
  g_string_append (csv, "\"\nBen,x\n,x\n");

  prospects = parse (csv->str, &report);

  g_assert_cmpuint (prospects->len, ==, 2);
  g_assert_cmpstr (pursuit_prospect_get_notes (nth (prospects, 0)), ==, expected->str);
  g_assert_cmpuint (report->skipped, ==, 1);
  /* Each pass through the loop added one line break inside the quotes. */
  assert_error_row (report, 0, 3 + expected->len / 8 + 1, "name");
}

static void
test_parse_many_columns (void)
{
  const guint n = 100000;
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, i == n / 2 ? "name," : "c%u,", i);
  csv->str[csv->len - 1] = '\n';
  for (guint i = 0; i < n; i++)
    g_string_append (csv, i == n / 2 ? "Ann," : "x,");
  csv->str[csv->len - 1] = '\n';
  /* Commas only: blank, however many. */
  for (guint i = 0; i < 2 * n; i++)
    g_string_append_c (csv, ',');
  /* The right number of fields, but "Ben" is not in the name column. */
  g_string_append (csv, "\nBen");
  for (guint i = 1; i < n; i++)
    g_string_append_c (csv, ',');

  prospects = parse (csv->str, &report);

  g_assert_cmpuint (prospects->len, ==, 1);
  g_assert_cmpstr (pursuit_prospect_get_name (nth (prospects, 0)), ==, "Ann");
  g_assert_cmpuint (report->skipped, ==, 1);
  assert_error_row (report, 0, 4, "name is empty");
}

static void
test_parse_many_columns_row (void)
{
  g_autoptr(GString) csv = g_string_new ("name,notes\n");
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;

  g_string_append (csv, "Ann");
  for (guint i = 0; i < 100000; i++)
    g_string_append (csv, ",x");
  g_string_append (csv, "\nBen,\n");

  prospects = parse (csv->str, &report);

  g_assert_cmpuint (prospects->len, ==, 1);
  g_assert_cmpstr (pursuit_prospect_get_name (nth (prospects, 0)), ==, "Ben");
  assert_error_row (report, 0, 2, "100001 fields");
}

static void
test_parse_many_rows (void)
{
  const guint n = 100000;
  g_autoptr(GString) csv = g_string_new (HEADER_CRLF);
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv,
                            i % 2 ? "P%u,,,,active,hot,%u,%u,,\"n\nn\"\r\n"
                                  : "P%u,,bad,,,,%u,%u,,\r\n",
                            i, i, i);

  prospects = parse (csv->str, &report);

  g_assert_cmpuint (prospects->len, ==, n / 2);
  g_assert_cmpuint (report->skipped, ==, n / 2);
  g_assert_cmpstr (pursuit_prospect_get_name (nth (prospects, n / 2 - 1)), ==, "P99999");
  /* Rows 0, 2, 4, ... are bad; each good row takes two lines. */
  assert_error_row (report, n / 2 - 1, 2 + (n / 2 - 1) * 3, "email");
}

/* Random bytes from an alphabet that matters to the parser. */
static void
test_parse_random (void)
{
  static const char alphabet[] = {
    'a', ',', '"', '\r', '\n', '\0', ' ', '\xc3', '\xa9', '\xff', '1', '-',
  };
  static const char *const headers[] = { "", "name,value,notes\n", "tier,name\n", HEADER_CRLF };

  for (guint round = 0; round < 4000; round++)
    {
      g_autoptr(GString) csv = g_string_new (headers[round % G_N_ELEMENTS (headers)]);
      g_autoptr(GError) error = NULL;
      g_autoptr(PursuitCsvReport) report = NULL;
      g_autoptr(GPtrArray) prospects = NULL;
      guint length = g_test_rand_int_range (0, 200);
      guint lines = 1;

      for (guint i = 0; i < length; i++)
        g_string_append_c (csv, alphabet[g_test_rand_int_range (0, sizeof alphabet)]);
      for (gsize i = 0; i < csv->len; i++)
        if (csv->str[i] == '\n' || (csv->str[i] == '\r' && csv->str[i + 1] != '\n'))
          lines++;

      prospects = pursuit_csv_parse (csv->str, csv->len, &report, &error);
      g_assert_true ((prospects == NULL) == (error != NULL));
      g_assert_true ((prospects == NULL) == (report == NULL));
      if (prospects == NULL)
        continue;

      g_assert_cmpuint (report->skipped, ==, report->errors->len);
      for (guint i = 0; i < prospects->len; i++)
        {
          const char *name = pursuit_prospect_get_name (nth (prospects, i));
          g_autofree char *stripped = g_strstrip (g_strdup (name));

          g_assert_true (g_utf8_validate (name, -1, NULL));
          g_assert_cmpstr (stripped, !=, "");
        }
      for (guint i = 0; i < report->errors->len; i++)
        {
          g_assert_cmpuint (nth_error (report, i)->line, >=, 2);
          g_assert_cmpuint (nth_error (report, i)->line, <=, lines);
          if (i > 0)
            g_assert_cmpuint (nth_error (report, i)->line, >, nth_error (report, i - 1)->line);
        }
    }
}

/* Writing */

static void
test_write_header (void)
{
  g_autoptr(GListStore) empty = g_list_store_new (PURSUIT_TYPE_PROSPECT);
  g_autoptr(GListStore) one = make_tricky_prospects ();
  g_autofree char *text = write_model (G_LIST_MODEL (empty));
  g_autofree char *text_one = NULL;

  /* New columns only ever come at the end. */
  g_assert_cmpstr (PURSUIT_CSV_HEADER, ==, HEADER_10 ",close_reason,revisit_date,tags,do_not_contact");
  g_assert_cmpstr (text, ==, PURSUIT_CSV_HEADER "\r\n");

  text_one = write_model (G_LIST_MODEL (one));
  g_assert_true (g_str_has_prefix (text_one, PURSUIT_CSV_HEADER "\r\n\"Smith, John\","));
}

static void
test_write_format (void)
{
  g_autoptr(GListStore) store = make_tricky_prospects ();
  g_autofree char *text = write_model (G_LIST_MODEL (store));
  const char *expected =
    PURSUIT_CSV_HEADER "\r\n"
    "\"Smith, John\",\"ACME, Inc.\",john@example.com,\"'+1 555 0100\",active,hot,1000,3,"
    "2024-05-31T14:30:00+02,plain,,,\"vip,trade fair\",\r\n"
    "\"Say \"\"Hi\"\" Sam\",\"\"\"Quoted\"\" Ltd\",,,inbox,,,0,,"
    "\"He said \"\"\"\"call me\"\"\"\".\",,,,\r\n"
    "\"Line\nBreak\",\"Two\r\nLines\",,,active,cold,1000.5,7,2025-01-15T08:05:07+01,"
    "\"a\rb\nc\r\nd\n\",,,,\r\n"
    "\"  Leading\",\"Trailing  \",,\" 555 \",customer,,0,0,,\" \",,,,\r\n"
    "Zoë Ångström-Łukasiewicz,Société Générale,zoe@example.fr,,closed,,0.1,12,"
    "2024-05-31T14:30:00+02,日本語のメモ,,,,\r\n"
    "Emoji 🎉👩‍💼,🚀 Rockets,,,active,good,123456789.25,1,,\"🙂,\"\"🙃\"\"\",,,\"'=formula\",\r\n"
    "Big Deal,,,,active,cool,1000000000000000,0,2024-05-31T14:30:00+02,\"cr\ronly\",,,,\r\n";

  g_assert_cmpstr (text, ==, expected);
}

static void
test_write_tier_only_when_active (void)
{
  g_autoptr(GListStore) store = g_list_store_new (PURSUIT_TYPE_PROSPECT);
  g_autoptr(PursuitProspect) p = make_prospect ("Ann", "", "", "", PURSUIT_STAGE_CUSTOMER,
                                                PURSUIT_TIER_HOT, -1, 0, NULL, "");
  g_autofree char *text = NULL;

  g_list_store_append (store, p);
  text = write_model (G_LIST_MODEL (store));
  g_assert_cmpstr (text, ==, PURSUIT_CSV_HEADER "\r\nAnn,,,,customer,,,0,,,,,,\r\n");
}

static void
test_write_error (void)
{
  g_autoptr(GListStore) store = make_tricky_prospects ();
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (pursuit_csv_write (G_LIST_MODEL (store), out, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_true (g_output_stream_close (out, NULL, NULL));
  g_assert_false (pursuit_csv_write (G_LIST_MODEL (store), out, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
}

static void
test_write_parse_roundtrip (void)
{
  g_autoptr(GListStore) store = make_tricky_prospects ();
  g_autofree char *text = write_model (G_LIST_MODEL (store));
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = parse (text, &report);
  g_autoptr(GListStore) again = g_list_store_new (PURSUIT_TYPE_PROSPECT);
  g_autofree char *text_again = NULL;

  g_assert_cmpuint (report->skipped, ==, 0);
  g_assert_cmpuint (prospects->len, ==, g_list_model_get_n_items (G_LIST_MODEL (store)));
  for (guint i = 0; i < prospects->len; i++)
    {
      g_autoptr(PursuitProspect) original = g_list_model_get_item (G_LIST_MODEL (store), i);

      assert_same_prospect (original, nth (prospects, i));
      g_list_store_append (again, nth (prospects, i));
    }

  text_again = write_model (G_LIST_MODEL (again));
  g_assert_cmpstr (text_again, ==, text);
}

/* Import into a store */

typedef struct
{
  char         *dir;
  char         *db_path;
  PursuitStore *store;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pursuit-test-csv-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->store = pursuit_store_open (f->db_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_dir (child);
      else
        g_assert_cmpint (g_unlink (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_clear_object (&f->store);
  remove_dir (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);
  return path;
}

/* The database as it is on disk: the main file and its write-ahead log. */
static char *
db_checksum (Fixture *f)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *suffixes[] = { "", "-wal", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (f->db_path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (path, &contents, &length, NULL))
        g_checksum_update (sum, (const guchar *) contents, length);
      g_checksum_update (sum, (const guchar *) "|", 1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* The names of every prospect of @store, sorted. */
static char *
store_names (PursuitStore *store)
{
  GListModel *model = pursuit_store_get_prospects (store);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PursuitProspect) p = g_list_model_get_item (model, i);

      g_ptr_array_add (names, g_strdup (pursuit_prospect_get_name (p)));
    }
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("|", (char **) names->pdata);
}

static void
add_to_store (PursuitStore *store,
              GListModel   *prospects)
{
  for (guint i = 0; i < g_list_model_get_n_items (prospects); i++)
    {
      g_autoptr(PursuitProspect) p = g_list_model_get_item (prospects, i);
      g_autoptr(PursuitProspect) copy = make_prospect (
        pursuit_prospect_get_name (p), pursuit_prospect_get_company (p),
        pursuit_prospect_get_email (p), pursuit_prospect_get_phone (p),
        pursuit_prospect_get_stage (p), pursuit_prospect_get_tier (p),
        pursuit_prospect_get_value (p), pursuit_prospect_get_attempts (p),
        pursuit_prospect_get_next_touch (p), pursuit_prospect_get_notes (p));
      g_autoptr(GError) error = NULL;

      g_assert_true (pursuit_store_add (store, copy, &error));
      g_assert_no_error (error);
    }
}

static void
seed_store (Fixture *f)
{
  g_autoptr(GListStore) seed = g_list_store_new (PURSUIT_TYPE_PROSPECT);
  g_autoptr(PursuitProspect) a = make_prospect ("Existing One", "", "", "", PURSUIT_STAGE_INBOX,
                                                PURSUIT_TIER_NONE, -1, 0, NULL, "");
  g_autoptr(PursuitProspect) b = make_prospect ("Existing Two", "X", "", "", PURSUIT_STAGE_ACTIVE,
                                                PURSUIT_TIER_GOOD, 10, 1, NULL, "");

  g_list_store_append (seed, a);
  g_list_store_append (seed, b);
  add_to_store (f->store, G_LIST_MODEL (seed));
}

static void
test_import_fixture (Fixture      *f,
                     gconstpointer data)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "import-mixed.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *all = pursuit_store_get_prospects (f->store);
  PursuitProspect *p;

  seed_store (f);
  g_assert_true (pursuit_csv_import (f->store, file, &report, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (report->imported, ==, 4);
  g_assert_cmpuint (report->skipped, ==, 4);
  assert_error_row (report, 0, 5, "name is empty");
  assert_error_row (report, 1, 9, "not an email");
  assert_error_row (report, 2, 10, "needs a tier");
  assert_error_row (report, 3, 12, "value");

  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 6);
  p = find_by_name (all, "Grace Hopper");
  g_assert_cmpint (pursuit_prospect_get_id (p), >, 0);
  g_assert_cmpstr (pursuit_prospect_get_company (p), ==, "Remington Rand, UNIVAC");
  g_assert_cmpint (pursuit_prospect_get_stage (p), ==, PURSUIT_STAGE_ACTIVE);
  g_assert_cmpint (pursuit_prospect_get_tier (p), ==, PURSUIT_TIER_HOT);
  g_assert_cmpfloat (pursuit_prospect_get_value (p), ==, 12000);
  g_assert_cmpstr (pursuit_prospect_get_notes (p), ==,
                   "Wants a \"compiler\" demo.\nCall after 3pm.");

  p = find_by_name (all, "Søren Kierkegaard");
  g_assert_cmpint (pursuit_prospect_get_stage (p), ==, PURSUIT_STAGE_CUSTOMER);
  g_assert_cmpstr (pursuit_prospect_get_email (p), ==, "soren@example.dk");

  p = find_by_name (all, "Alan Turing");
  g_assert_cmpint (pursuit_prospect_get_stage (p), ==, PURSUIT_STAGE_INBOX);
  g_assert_null (pursuit_prospect_get_next_touch (p));

  p = find_by_name (all, "Edsger Dijkstra");
  g_assert_cmpint (pursuit_prospect_get_stage (p), ==, PURSUIT_STAGE_ACTIVE);
  g_assert_cmpint (pursuit_prospect_get_tier (p), ==, PURSUIT_TIER_COLD);
  g_assert_cmpuint (pursuit_prospect_get_attempts (p), ==, 4);
}

static void
test_import_bom_crlf (Fixture      *f,
                      gconstpointer data)
{
  g_autofree char *path = write_file (f, "excel.csv",
                                      "\xef\xbb\xbf" "Name,Company,Email\r\n"
                                      "\"Ann, Jr.\",\"Big \"\"Co\"\"\",ann@example.com\r\n"
                                      "Ben,,ben@\xff\r\n",
                                      -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  PursuitProspect *p;

  g_assert_true (pursuit_csv_import (f->store, file, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 1);
  g_assert_cmpuint (report->skipped, ==, 1);
  assert_error_row (report, 0, 3, "UTF-8");
  p = find_by_name (pursuit_store_get_prospects (f->store), "Ann, Jr.");
  g_assert_cmpstr (pursuit_prospect_get_company (p), ==, "Big \"Co\"");
}

static void
assert_import_fails (Fixture    *f,
                     GFile      *file,
                     GQuark      domain,
                     int         code,
                     const char *fragment)
{
  g_autofree char *names_before = store_names (f->store);
  g_autofree char *sum_before = db_checksum (f);
  g_autofree char *names_after = NULL;
  g_autofree char *sum_after = NULL;
  g_autoptr(PursuitCsvReport) report = (PursuitCsvReport *) 0x1; /* must be reset */
  g_autoptr(GError) error = NULL;
  g_autofree char *reopened_names = NULL;

  g_assert_false (pursuit_csv_import (f->store, file, &report, &error));
  g_assert_error (error, domain, code);
  g_assert_null (report);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, fragment);

  names_after = store_names (f->store);
  g_assert_cmpstr (names_after, ==, names_before);
  sum_after = db_checksum (f);
  g_assert_cmpstr (sum_after, ==, sum_before);

  /* And what is on disk says the same. */
  g_clear_error (&error);
  g_clear_object (&f->store);
  f->store = pursuit_store_open (f->db_path, &error);
  g_assert_no_error (error);
  reopened_names = store_names (f->store);
  g_assert_cmpstr (reopened_names, ==, names_before);
}

static void
test_import_missing (Fixture      *f,
                     gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "no-such-file.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  seed_store (f);
  assert_import_fails (f, file, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no-such-file.csv");
}

static void
test_import_directory (Fixture      *f,
                       gconstpointer data)
{
  g_autoptr(GFile) file = g_file_new_for_path (f->dir);

  seed_store (f);
  assert_import_fails (f, file, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, NULL);
}

static void
test_import_unreadable (Fixture      *f,
                        gconstpointer data)
{
  g_autofree char *path = write_file (f, "secret.csv", HEADER_CRLF "Ann,,,,,,,,,\r\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  if (!pursuit_test_need_permissions ())
    return;
  seed_store (f);
  g_assert_cmpint (g_chmod (path, 0), ==, 0);
  assert_import_fails (f, file, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "secret.csv");
}

static void
test_import_bad_header (Fixture      *f,
                        gconstpointer data)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "no-name-column.csv", NULL);
  g_autofree char *latin1 = write_file (f, "latin1.csv", "name,soci\xe9t\xe9\nAnn,X\n", -1);
  g_autofree char *empty = write_file (f, "empty.csv", "", 0);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) latin1_file = g_file_new_for_path (latin1);
  g_autoptr(GFile) empty_file = g_file_new_for_path (empty);

  seed_store (f);
  assert_import_fails (f, file, PURSUIT_CSV_ERROR, PURSUIT_CSV_ERROR_HEADER, "name");
  assert_import_fails (f, latin1_file, PURSUIT_CSV_ERROR, PURSUIT_CSV_ERROR_ENCODING, "UTF-8");
  assert_import_fails (f, empty_file, PURSUIT_CSV_ERROR, PURSUIT_CSV_ERROR_HEADER, NULL);
}

static void
test_import_nothing_valid (Fixture      *f,
                           gconstpointer data)
{
  g_autofree char *path = write_file (f, "bad.csv", "name,tier\n,hot\nAnn,lukewarm\n\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;

  seed_store (f);
  g_assert_true (pursuit_csv_import (f->store, file, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 0);
  g_assert_cmpuint (report->skipped, ==, 2);
  assert_error_row (report, 0, 2, "name");
  assert_error_row (report, 1, 3, "lukewarm");
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (f->store)), ==, 2);
}

static void
test_import_roundtrip (Fixture      *f,
                       gconstpointer data)
{
  g_autoptr(GListStore) tricky = make_tricky_prospects ();
  g_autofree char *export_path = g_build_filename (f->dir, "export.csv", NULL);
  g_autofree char *db2_path = g_build_filename (f->dir, "second.db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (export_path);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(PursuitStore) second = NULL;
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GListModel *before;
  GListModel *after;

  add_to_store (f->store, G_LIST_MODEL (tricky));
  before = pursuit_store_get_prospects (f->store);

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pursuit_csv_write (before, G_OUTPUT_STREAM (out), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error));

  g_assert_true (g_file_get_contents (export_path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, PURSUIT_CSV_HEADER "\r\n"));

  second = pursuit_store_open (db2_path, &error);
  g_assert_no_error (error);
  g_assert_true (pursuit_csv_import (second, file, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->skipped, ==, 0);
  g_assert_cmpuint (report->imported, ==, g_list_model_get_n_items (before));

  after = pursuit_store_get_prospects (second);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, g_list_model_get_n_items (before));
  for (guint i = 0; i < g_list_model_get_n_items (before); i++)
    {
      g_autoptr(PursuitProspect) original = g_list_model_get_item (before, i);
      PursuitProspect *copy = find_by_name (after, pursuit_prospect_get_name (original));

      g_assert_cmpint (pursuit_prospect_get_id (copy), >, 0);
      assert_same_prospect (original, copy);
    }

  /* The store kept the text it was given, so the tricky cases really were
   * tested (the schedule it may have settled). */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (tricky)); i++)
    {
      g_autoptr(PursuitProspect) original = g_list_model_get_item (G_LIST_MODEL (tricky), i);
      PursuitProspect *copy = find_by_name (after, pursuit_prospect_get_name (original));

      g_assert_cmpstr (pursuit_prospect_get_company (original), ==, pursuit_prospect_get_company (copy));
      g_assert_cmpstr (pursuit_prospect_get_email (original), ==, pursuit_prospect_get_email (copy));
      g_assert_cmpstr (pursuit_prospect_get_phone (original), ==, pursuit_prospect_get_phone (copy));
      g_assert_cmpstr (pursuit_prospect_get_notes (original), ==, pursuit_prospect_get_notes (copy));
    }
}

int
main (int   argc,
      char *argv[])
{
  /* Without root's power to read what it may not. */
  pursuit_test_isolate ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/io/csv/parse/simple", test_parse_simple);
  g_test_add_func ("/io/csv/parse/quoted-comma", test_parse_quoted_comma);
  g_test_add_func ("/io/csv/parse/quoted-quote", test_parse_quoted_quote);
  g_test_add_func ("/io/csv/parse/quoted-newline", test_parse_quoted_newline);
  g_test_add_func ("/io/csv/parse/spaces", test_parse_spaces);
  g_test_add_func ("/io/csv/parse/stray-quote", test_parse_stray_quote);
  g_test_add_func ("/io/csv/parse/bom", test_parse_bom);
  g_test_add_func ("/io/csv/parse/line-ends", test_parse_line_ends);
  g_test_add_func ("/io/csv/parse/line-numbers", test_parse_line_numbers);
  g_test_add_func ("/io/csv/parse/header-order", test_parse_header_order);
  g_test_add_func ("/io/csv/parse/header-name-only", test_parse_header_name_only);
  g_test_add_func ("/io/csv/parse/header-only", test_parse_header_only);
  g_test_add_func ("/io/csv/parse/header-errors", test_parse_header_errors);
  g_test_add_func ("/io/csv/parse/empty", test_parse_empty);
  g_test_add_func ("/io/csv/parse/no-report", test_parse_no_report);
  g_test_add_func ("/io/csv/parse/stage-tier", test_parse_stage_tier);
  g_test_add_func ("/io/csv/parse/numbers", test_parse_numbers);
  g_test_add_func ("/io/csv/parse/next-touch", test_parse_next_touch);
  g_test_add_func ("/io/csv/parse/blank-rows", test_parse_blank_rows);
  for (guint i = 0; i < G_N_ELEMENTS (bad_rows); i++)
    g_test_add_data_func (bad_rows[i].path, &bad_rows[i], test_parse_bad_row);
  g_test_add_func ("/io/csv/parse/unterminated", test_parse_unterminated);
  g_test_add_func ("/io/csv/parse/unterminated-last", test_parse_unterminated_last);
  g_test_add_func ("/io/csv/parse/excerpt", test_parse_excerpt);
  g_test_add_func ("/io/csv/parse/big-field", test_parse_big_field);
  g_test_add_func ("/io/csv/parse/many-columns", test_parse_many_columns);
  g_test_add_func ("/io/csv/parse/many-columns-row", test_parse_many_columns_row);
  g_test_add_func ("/io/csv/parse/many-rows", test_parse_many_rows);
  g_test_add_func ("/io/csv/parse/random", test_parse_random);

  g_test_add_func ("/io/csv/write/header", test_write_header);
  g_test_add_func ("/io/csv/write/format", test_write_format);
  g_test_add_func ("/io/csv/write/tier-only-when-active", test_write_tier_only_when_active);
  g_test_add_func ("/io/csv/write/error", test_write_error);
  g_test_add_func ("/io/csv/write/parse-roundtrip", test_write_parse_roundtrip);

#define ADD_STORE_TEST(path, func) \
  g_test_add ("/io/csv/import/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD_STORE_TEST ("fixture", test_import_fixture);
  ADD_STORE_TEST ("bom-crlf", test_import_bom_crlf);
  ADD_STORE_TEST ("missing-file", test_import_missing);
  ADD_STORE_TEST ("directory", test_import_directory);
  ADD_STORE_TEST ("unreadable", test_import_unreadable);
  ADD_STORE_TEST ("bad-header", test_import_bad_header);
  ADD_STORE_TEST ("nothing-valid", test_import_nothing_valid);
  ADD_STORE_TEST ("roundtrip", test_import_roundtrip);
#undef ADD_STORE_TEST

  return g_test_run ();
}
