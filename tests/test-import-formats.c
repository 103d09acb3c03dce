/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test"

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <gio/gio.h>

#include "pursuit-import.h"
#include "pursuit-store.h"
#include "pursuit-vcard.h"
#include "test-util.h"

/* Files of other tools (--import): the exports of CRMs, address books and
 * spreadsheets in their own columns, separators and encodings, and vCard
 * files, checked on the database reopened from disk. */

typedef struct
{
  char         *dir;
  char         *path;
  PursuitStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = pursuit_test_make_dir ("test-import-formats");
  f->path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  pursuit_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->store);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
}

static guint
n_prospects (Fixture *f)
{
  return g_list_model_get_n_items (pursuit_store_get_prospects (f->store));
}

static PursuitProspect *
find (Fixture    *f,
      const char *name)
{
  GListModel *model = pursuit_store_get_prospects (f->store);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PursuitProspect) p = g_list_model_get_item (model, i);

      if (g_str_equal (pursuit_prospect_get_name (p), name))
        return p;
    }
  g_error ("no prospect “%s”", name);
  return NULL;
}

static GFile *
data_file (const char *name)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, name, NULL);

  return g_file_new_for_path (path);
}

static GFile *
write_file (Fixture    *f,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

/* Imports @file with @map, reopens the store, and returns the report. */
static PursuitCsvReport *
import (Fixture    *f,
        GFile      *file,
        const char *map)
{
  PursuitImportOptions options = { PURSUIT_CSV_ON_DUPLICATE_SKIP, map, NULL };
  g_autoptr(GError) error = NULL;
  PursuitCsvReport *report = NULL;

  g_assert_true (pursuit_import_file (f->store, file, &options, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (report);
  reopen (f);
  return report;
}

static PursuitCsvReport *
import_data (Fixture    *f,
             const char *name)
{
  g_autoptr(GFile) file = data_file (name);

  return import (f, file, NULL);
}

static void
assert_prospect (Fixture    *f,
                 const char *name,
                 const char *company,
                 const char *email,
                 const char *phone)
{
  PursuitProspect *p = find (f, name);

  g_assert_cmpstr (pursuit_prospect_get_company (p), ==, company);
  g_assert_cmpstr (pursuit_prospect_get_email (p), ==, email);
  g_assert_cmpstr (pursuit_prospect_get_phone (p), ==, phone);
  g_assert_cmpint (pursuit_prospect_get_stage (p), ==, PURSUIT_STAGE_INBOX);
}

static void
assert_notes_have (Fixture    *f,
                   const char *name,
                   const char *text)
{
  const char *notes = pursuit_prospect_get_notes (find (f, name));

  if (notes == NULL || strstr (notes, text) == NULL)
    g_error ("the notes of “%s” (“%s”) lack “%s”", name, notes, text);
}

/* Each recognised export */

static void
test_hubspot (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PursuitCsvReport) report = import_data (f, "import-hubspot.csv");

  g_assert_cmpuint (report->imported, ==, 3);
  g_assert_cmpuint (n_prospects (f), ==, 3);
  /* "First Name" + "Last Name", "Phone Number", "Company Name". */
  assert_prospect (f, "Maria Gómez", "Northwind Traders", "maria.gomez@northwind.example", "+1 415 555 0101");
  assert_notes_have (f, "Maria Gómez", "Lifecycle Stage: Lead");
  assert_notes_have (f, "Maria Gómez", "Contact owner: Sam Reyes");
  /* No name at all: the company names the prospect. */
  assert_prospect (f, "Contoso", "Contoso", "info@contoso.example", "");
}

static void
test_pipedrive (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PursuitCsvReport) report = import_data (f, "import-pipedrive.csv");

  g_assert_cmpuint (report->imported, ==, 3);
  /* Semicolons; "Organization - Name", "Person - Email"; "1.500,50" as
   * the file writes amounts. */
  assert_prospect (f, "Anna Müller", "Müller GmbH", "anna.mueller@mueller.example", "+49 30 1234567");
  g_assert_cmpfloat (pursuit_prospect_get_value (find (f, "Anna Müller")), ==, 1500.5);
  g_assert_cmpfloat (pursuit_prospect_get_value (find (f, "Peter Schmidt")), ==, 12000);
  g_assert_cmpfloat (pursuit_prospect_get_value (find (f, "Eva Klein")), ==, 750);
  assert_notes_have (f, "Anna Müller", "Deal - Title: Lizenzen 2025");
  assert_notes_have (f, "Anna Müller", "Deal - Stage: Qualified");
}

static void
test_salesforce (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PursuitCsvReport) report = import_data (f, "import-salesforce.csv");

  g_assert_cmpuint (report->imported, ==, 2);
  /* Windows-1252 read as such; "Account Name"; the description first in
   * the notes, then the columns nothing else took. */
  assert_prospect (f, "Renée Dubois", "Café Lumière SARL", "renee.dubois@cafelumiere.example",
                   "+33 1 42 68 53 00");
  assert_notes_have (f, "Renée Dubois", "Met at the Lyon trade fair; wants a quote in Q3\n");
  assert_notes_have (f, "Renée Dubois", "Mobile: +33 6 12 34 56 78");
  assert_prospect (f, "Björn Åkesson", "Nordlys AB", "bjorn@nordlys.example", "");
}

static void
test_zoho (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(PursuitCsvReport) report = import_data (f, "import-zoho.csv");

  g_assert_cmpuint (report->imported, ==, 2);
  /* UTF-8 with a byte order mark; "Mobile" when "Phone" is empty;
   * "Annual Revenue" is no deal value. */
  assert_prospect (f, "Kenji Watanabe", "Sakura Foods", "kenji@sakura.example", "+81 90 1234 5678");
  g_assert_cmpfloat (pursuit_prospect_get_value (find (f, "Kenji Watanabe")), <, 0);
  assert_notes_have (f, "Kenji Watanabe", "Annual Revenue: 2500000");
  assert_prospect (f, "Lea Novak", "Adriatic Tours", "lea@adriatic.example", "+385 1 555 0199");
}

static void
test_google (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PursuitCsvReport) report = import_data (f, "import-google.csv");
  const char *notes;

  g_assert_cmpuint (report->imported, ==, 2);
  /* First, middle and last name; "E-mail 1 - Value"; the second email
   * and phone kept in the notes; the labels of each left out. */
  assert_prospect (f, "Grace B. Hopper", "Cobol Systems", "grace@cobol.example", "+1 202 555 0147");
  assert_notes_have (f, "Grace B. Hopper", "Prefers calls\nin the morning");
  assert_notes_have (f, "Grace B. Hopper", "E-mail 2 - Value: grace.home@mail.example");
  assert_notes_have (f, "Grace B. Hopper", "Phone 2 - Value: +1 202 555 0100");
  notes = pursuit_prospect_get_notes (find (f, "Grace B. Hopper"));
  g_assert_null (strstr (notes, "E-mail 1 - Label"));
  assert_prospect (f, "Alan Turing", "Bletchley Labs", "", "+44 7700 900123");
}

static void
test_outlook (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PursuitCsvReport) report = import_data (f, "import-outlook.csv");

  g_assert_cmpuint (report->imported, ==, 2);
  /* UTF-16 LE with tabs, as Excel saves "Unicode Text"; "E-mail
   * Address", "Business Phone". */
  assert_prospect (f, "Olivia Chen", "Tailspin Toys", "olivia.chen@tailspin.example", "+1 425 555 0123");
  assert_notes_have (f, "Olivia Chen", "Renewal due in June");
  assert_notes_have (f, "Olivia Chen", "Mobile Phone: +1 425 555 0199");
  assert_prospect (f, "Ravi Patel", "Litware Inc.", "ravi@litware.example", "");
}

static void
test_linkedin (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PursuitCsvReport) report = import_data (f, "import-linkedin.csv");

  /* The notes above the header are no prospects. */
  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_cmpuint (report->skipped, ==, 0);
  assert_prospect (f, "Sofia Rossi", "Vela Design", "sofia.rossi@mail.example", "");
  assert_notes_have (f, "Sofia Rossi", "Position: Head of Operations");
  assert_prospect (f, "Tom Baker", "Blue Yonder Airlines", "", "");
}

/* Detection */

static PursuitImportLayout *
detect_data (const char *name,
             GBytes    **out_text)
{
  g_autoptr(GFile) file = data_file (name);
  g_autoptr(GBytes) raw = g_file_load_bytes (file, NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  const char *encoding = NULL;
  GBytes *text = pursuit_import_decode (raw, &encoding, &error);
  PursuitImportLayout *layout;
  gsize length;
  const char *data;

  g_assert_no_error (error);
  data = g_bytes_get_data (text, &length);
  layout = pursuit_import_layout_detect (data, length, &error);
  g_assert_no_error (error);
  layout->encoding = encoding;
  *out_text = text;
  return layout;
}

static void
test_detect (void)
{
  static const struct
  {
    const char *file;
    const char *encoding;
    char        separator;
    gboolean    decimal_comma;
    guint       header_line;
  } cases[] = {
    { "import-hubspot.csv", "UTF-8", ',', FALSE, 1 },
    { "import-pipedrive.csv", "UTF-8", ';', TRUE, 1 },
    { "import-salesforce.csv", "WINDOWS-1252", ',', FALSE, 1 },
    { "import-zoho.csv", "UTF-8", ',', FALSE, 1 },
    { "import-outlook.csv", "UTF-16LE", '\t', FALSE, 1 },
    { "import-linkedin.csv", "UTF-8", ',', FALSE, 4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) text = NULL;
      g_autoptr(PursuitImportLayout) layout = detect_data (cases[i].file, &text);

      g_test_message ("%s", cases[i].file);
      g_assert_cmpint (layout->kind, ==, PURSUIT_IMPORT_KIND_CSV);
      g_assert_cmpstr (layout->encoding, ==, cases[i].encoding);
      g_assert_cmpint (layout->separator, ==, cases[i].separator);
      g_assert_cmpint (layout->decimal_comma, ==, cases[i].decimal_comma);
      g_assert_cmpuint (layout->header_line, ==, cases[i].header_line);
    }
}

static void
test_headers (void)
{
  static const struct
  {
    const char         *header;
    PursuitImportField  field;
  } cases[] = {
    { "First Name", PURSUIT_IMPORT_FIELD_FIRST_NAME },
    { "Last Name", PURSUIT_IMPORT_FIELD_LAST_NAME },
    { "Given Name", PURSUIT_IMPORT_FIELD_FIRST_NAME },
    { "Family Name", PURSUIT_IMPORT_FIELD_LAST_NAME },
    { "Person - Name", PURSUIT_IMPORT_FIELD_NAME },
    { "Organization - Name", PURSUIT_IMPORT_FIELD_COMPANY },
    { "Company Name", PURSUIT_IMPORT_FIELD_COMPANY },
    { "Account Name", PURSUIT_IMPORT_FIELD_COMPANY },
    { "Company", PURSUIT_IMPORT_FIELD_COMPANY },
    { "Organization 1 - Name", PURSUIT_IMPORT_FIELD_COMPANY },
    { "E-mail 1 - Value", PURSUIT_IMPORT_FIELD_EMAIL },
    { "Email Address", PURSUIT_IMPORT_FIELD_EMAIL },
    { "E-mail 2 Address", PURSUIT_IMPORT_FIELD_EMAIL },
    { "Person - Email - Work", PURSUIT_IMPORT_FIELD_EMAIL },
    { "E-mail 1 - Type", PURSUIT_IMPORT_FIELD_SKIP },
    { "Email Opt Out", PURSUIT_IMPORT_FIELD_EXTRA },
    { "Marketing emails opened", PURSUIT_IMPORT_FIELD_EXTRA },
    { "Deal - Value", PURSUIT_IMPORT_FIELD_VALUE },
    { "Amount", PURSUIT_IMPORT_FIELD_VALUE },
    { "Phone Number", PURSUIT_IMPORT_FIELD_PHONE },
    { "Mobile Phone", PURSUIT_IMPORT_FIELD_PHONE },
    { "Phone 1 - Value", PURSUIT_IMPORT_FIELD_PHONE },
    { "Business Fax", PURSUIT_IMPORT_FIELD_EXTRA },
    { "Description", PURSUIT_IMPORT_FIELD_NOTES },
    { "next_touch", PURSUIT_IMPORT_FIELD_NEXT_TOUCH },
    { "Owner", PURSUIT_IMPORT_FIELD_EXTRA },
    { "Tags", PURSUIT_IMPORT_FIELD_TAGS },
    { "tags", PURSUIT_IMPORT_FIELD_TAGS },
    { "Labels", PURSUIT_IMPORT_FIELD_TAGS },
    { "Person - Labels", PURSUIT_IMPORT_FIELD_TAGS },
    { "Categories", PURSUIT_IMPORT_FIELD_TAGS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].header);
      g_assert_cmpint (pursuit_import_field_for_header (cases[i].header), ==, cases[i].field);
    }
}

/* Values as the file writes them: a comma for decimals where the file
 * shows it, a point otherwise, thousands either way. */
static void
test_values (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GFile) comma = write_file (f, "comma.csv",
                                       "Name;Amount\n"
                                       "A;1.500,50 €\n"
                                       "B;2 000\n"
                                       "C;€ 3.000\n",
                                       -1);
  g_autoptr(GFile) point = write_file (f, "point.csv",
                                       "Name,Amount\n"
                                       "D,\"$1,500.50\"\n"
                                       "E,\"4,000\"\n",
                                       -1);
  g_autoptr(PursuitCsvReport) r1 = import (f, comma, NULL);
  g_autoptr(PursuitCsvReport) r2 = import (f, point, NULL);

  g_assert_cmpuint (r1->imported, ==, 3);
  g_assert_cmpuint (r2->imported, ==, 2);
  g_assert_cmpfloat (pursuit_prospect_get_value (find (f, "A")), ==, 1500.5);
  g_assert_cmpfloat (pursuit_prospect_get_value (find (f, "B")), ==, 2000);
  g_assert_cmpfloat (pursuit_prospect_get_value (find (f, "C")), ==, 3000);
  g_assert_cmpfloat (pursuit_prospect_get_value (find (f, "D")), ==, 1500.5);
  g_assert_cmpfloat (pursuit_prospect_get_value (find (f, "E")), ==, 4000);
}

/* UTF-16 BE, and a UTF-16 file that is not. */
static void
test_utf16 (Fixture       *f,
            gconstpointer  data)
{
  static const char be[] = "\xfe\xff\0N\0a\0m\0e\0\t\0E\0m\0a\0i\0l\0\n\0Z\0\xf6\0\t\0z\0@\0x\0.\0i\0o\0\n";
  g_autoptr(GFile) good = write_file (f, "be.csv", be, sizeof be - 1);
  g_autoptr(GFile) bad = write_file (f, "bad.csv", "\xff\xfeN\0a\0m\0e\0\n", 11);
  PursuitImportOptions options = { 0 };
  g_autoptr(PursuitCsvReport) report = import (f, good, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (report->imported, ==, 1);
  assert_prospect (f, "Zö", "", "z@x.io", "");

  g_assert_false (pursuit_import_file (f->store, bad, &options, NULL, NULL, &error));
  g_assert_error (error, PURSUIT_CSV_ERROR, PURSUIT_CSV_ERROR_ENCODING);
  reopen (f);
  g_assert_cmpuint (n_prospects (f), ==, 1);
}

/* --map: the user's word wins over what was recognised; a bad map
 * changes nothing. */
static void
test_map (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (f, "deals.csv",
                                      "Deal Name,Deal Size,Owner,Contact\n"
                                      "Fleet renewal,\"25,000\",Sam,Ida Holm\n",
                                      -1);
  PursuitImportOptions options = { PURSUIT_CSV_ON_DUPLICATE_SKIP, "Nope=value", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PursuitCsvReport) report = NULL;

  g_assert_false (pursuit_import_file (f->store, file, &options, NULL, NULL, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_clear_error (&error);
  options.map = "Deal Size=wealth";
  g_assert_false (pursuit_import_file (f->store, file, &options, NULL, NULL, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  reopen (f);
  g_assert_cmpuint (n_prospects (f), ==, 0);

  report = import (f, file, "deal size=value, Owner=notes, Deal Name=skip");
  g_assert_cmpuint (report->imported, ==, 1);
  g_assert_cmpfloat (pursuit_prospect_get_value (find (f, "Ida Holm")), ==, 25000);
  g_assert_cmpstr (pursuit_prospect_get_notes (find (f, "Ida Holm")), ==, "Owner: Sam");
}

/* "*=skip" leaves out every column nothing recognised. */
static void
test_map_skip_rest (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GFile) file = data_file ("import-linkedin.csv");
  g_autoptr(PursuitCsvReport) report = import (f, file, "*=skip");

  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_cmpstr (pursuit_prospect_get_notes (find (f, "Sofia Rossi")), ==, "");
}

/* --on-duplicate update through another layout: the cells the file
 * fills replace the prospect's, empty ones keep them. */
static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PursuitCsvReport) first = import_data (f, "import-hubspot.csv");
  g_autoptr(GFile) file = write_file (f, "again.csv",
                                      "First Name;Last Name;Email;Phone Number;Company Name\n"
                                      "Maria;Gómez;maria.gomez@northwind.example;+1 415 555 0199;\n",
                                      -1);
  PursuitImportOptions options = { PURSUIT_CSV_ON_DUPLICATE_UPDATE, NULL, NULL };
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (pursuit_import_file (f->store, file, &options, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->updated, ==, 1);
  g_assert_cmpuint (report->imported, ==, 0);
  reopen (f);
  g_assert_cmpuint (n_prospects (f), ==, 3);
  assert_prospect (f, "Maria Gómez", "Northwind Traders", "maria.gomez@northwind.example", "+1 415 555 0199");
  assert_notes_have (f, "Maria Gómez", "Contact owner: Sam Reyes");
}

/* A history on the command line: the touches counted, the rows that name
 * no prospect said by line, and the exit status of skipped rows. */
static void
test_cli_history (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *prospects = g_build_filename (TEST_DATA_DIR, "import-pipedrive.csv", NULL);
  g_autofree char *history = g_build_filename (TEST_DATA_DIR, "history-pipedrive.csv", NULL);
  g_autofree char *db = g_build_filename (f->dir, "cli.db", NULL);
  g_autofree char *line8 = g_strdup_printf ("%s:8: skipped: no prospect in Pursuit has the email or name "
                                            "“hans@unbekannt.example”", history);
  g_auto(PursuitTestRun) run = { 0 };
  g_auto(PursuitTestRun) run2 = { 0 };

  pursuit_test_run_pursuit (&run, "--database", db, "--import", prospects, NULL);
  g_assert_true (g_spawn_check_wait_status (run.status, NULL));
  pursuit_test_run_pursuit (&run2, "--database", db, "--import", history, NULL);
  g_assert_true (WIFEXITED (run2.status));
  g_assert_cmpint (WEXITSTATUS (run2.status), ==, 3);
  g_assert_cmpstr (run2.out, ==, "Imported 4 touches; 3 rows with errors.\n");
  g_assert_nonnull (strstr (run2.err, line8));
}

/* Pursuit's own export reads back the same through --import, formulas
 * guarded and all. */
static void
test_own_export (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PursuitProspect) p = pursuit_prospect_new ("=HYPERLINK(\"x\")");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_build_filename (f->dir, "own.csv", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(PursuitStore) second = NULL;
  g_autoptr(PursuitCsvReport) report = NULL;
  PursuitImportOptions options = { 0 };
  PursuitProspect *back;

  pursuit_prospect_set_company (p, "Acme, Inc.");
  pursuit_prospect_set_phone (p, "+1 555 0100");
  pursuit_prospect_set_notes (p, "line one\nline two");
  pursuit_prospect_set_value (p, 1234.5);
  pursuit_prospect_set_stage (p, PURSUIT_STAGE_ACTIVE);
  pursuit_prospect_set_tier (p, PURSUIT_TIER_GOOD);
  g_assert_true (pursuit_store_add (f->store, p, &error));
  g_assert_true (pursuit_csv_export (pursuit_store_get_prospects (f->store), file, &error));
  g_assert_no_error (error);

  second = pursuit_store_open (other, &error);
  g_assert_no_error (error);
  g_assert_true (pursuit_import_file (second, file, &options, NULL, &report, &error));
  g_assert_no_error (error);
  g_clear_object (&second);
  second = pursuit_store_open (other, &error);
  back = g_list_model_get_item (pursuit_store_get_prospects (second), 0);
  g_assert_cmpstr (pursuit_prospect_get_name (back), ==, "=HYPERLINK(\"x\")");
  g_assert_cmpstr (pursuit_prospect_get_company (back), ==, "Acme, Inc.");
  g_assert_cmpstr (pursuit_prospect_get_phone (back), ==, "+1 555 0100");
  g_assert_cmpstr (pursuit_prospect_get_notes (back), ==, "line one\nline two");
  g_assert_cmpfloat (pursuit_prospect_get_value (back), ==, 1234.5);
  g_assert_cmpint (pursuit_prospect_get_tier (back), ==, PURSUIT_TIER_GOOD);
  g_object_unref (back);
}

/* Duplicates are matched as in Pursuit's own CSV, and bad rows reported
 * by line in the sentence of the report. */
static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (f, "mixed.csv",
                                      "First Name;Last Name;E-mail Address;Amount\n"
                                      "Ada;Byron;ada@x.example;10\n"
                                      "Ada;B.;ADA@x.example;20\n"
                                      "Bob;Roe;bob@;30\n"
                                      ";;;40\n",
                                      -1);
  g_autoptr(PursuitCsvReport) report = import (f, file, NULL);
  g_autofree char *text = pursuit_import_describe_report (report, 5);

  g_assert_cmpuint (report->imported, ==, 1);
  g_assert_cmpuint (report->duplicates, ==, 1);
  g_assert_cmpuint (report->invalid, ==, 2);
  g_assert_cmpuint (n_prospects (f), ==, 1);
  g_assert_cmpstr (text, ==,
                   "Imported 1 prospect; 1 duplicate skipped; 2 rows with errors: "
                   "line 4: “bob@” is not an email address; line 5: the name is empty.");
}

/* vCard */

static void
test_vcard_21 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PursuitCsvReport) report = import_data (f, "contacts-v21.vcf");

  g_assert_cmpuint (report->imported, ==, 2);
  /* QUOTED-PRINTABLE in UTF-8, a soft line break, two numbers. */
  assert_prospect (f, "Jürgen Müller", "Müller Bau GmbH", "juergen@mueller-bau.example", "+49 171 2345678");
  g_assert_cmpstr (pursuit_prospect_get_notes (find (f, "Jürgen Müller")), ==,
                   "Wants a call back after the trade fair; ask for Fräulein Weber\nPhone: +49 30 9876543");
  assert_prospect (f, "Ngozi Okafor", "", "", "+234 803 555 0147");
}

static void
test_vcard_30 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PursuitCsvReport) report = import_data (f, "contacts-v30.vcf");

  g_assert_cmpuint (report->imported, ==, 3);
  /* A folded email, escapes in the note, the second email and number
   * and the title in the notes, no photo. */
  assert_prospect (f, "Astrid Lindqvist", "Fjord Logistics", "astrid.lindqvist@fjord-logistics.example",
                   "+46 70 123 45 67");
  g_assert_cmpstr (pursuit_prospect_get_notes (find (f, "Astrid Lindqvist")), ==,
                   "Met at Nordic Supply Chain 2024, Stockholm.\nBudget cycle starts in September.\n"
                   "Email: astrid@home.example\nPhone: +46 8 555 010 00\nTitle: Head of Purchasing");
  /* No name: the organisation names it. */
  assert_prospect (f, "Harbour Printing Ltd", "Harbour Printing Ltd", "", "+44 20 7946 0958");
  assert_prospect (f, "Piotr Kowalski", "", "piotr@kowalski.example", "");
}

static void
test_vcard_40 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PursuitCsvReport) report = import_data (f, "contacts-v40.vcf");

  g_assert_cmpuint (report->imported, ==, 1);
  assert_prospect (f, "Dr. Amara Singh", "Meridian Health Partners", "amara.singh@meridian.example",
                   "+1-555-010-2233");
  assert_notes_have (f, "Dr. Amara Singh", "Referred by Jonas Berg.\nEmail: amara@singh-family.example");
  /* Its categories are its tags. */
  g_assert_cmpstr (pursuit_prospect_get_tags (find (f, "Dr. Amara Singh")), ==, "clinics,trade fair");
}

/* A contact already in Pursuit is a duplicate, as in a CSV file. */
static void
test_vcard_duplicate (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PursuitCsvReport) first = import_data (f, "contacts-v30.vcf");
  g_autoptr(PursuitCsvReport) again = import_data (f, "contacts-v30.vcf");

  g_assert_cmpuint (again->imported, ==, 0);
  g_assert_cmpuint (again->duplicates, ==, 3);
  g_assert_cmpuint (n_prospects (f), ==, 3);
}

/* Hostile cards: nested without end, too large, never closed, without
 * a name; the good card among them still comes in. */
static void
test_vcard_hostile (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Good One\r\nEND:VCARD\r\n");
  g_autoptr(GFile) file = NULL;
  g_autoptr(PursuitCsvReport) report = NULL;
  guint line;

  /* Line 5: nested ten deep. */
  for (guint i = 0; i < 10; i++)
    g_string_append (text, "BEGIN:VCARD\r\nAGENT:\r\n");
  for (guint i = 0; i < 10; i++)
    g_string_append (text, "END:VCARD\r\n");
  /* Line 35: a card of 2 MB. */
  g_string_append (text, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big\r\nNOTE:");
  for (guint i = 0; i < 2 * 1024 * 1024; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "\r\nEND:VCARD\r\n");
  /* Line 40: no name. */
  g_string_append (text, "BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:who?\r\nEND:VCARD\r\n");
  /* Line 44: never closed. */
  g_string_append (text, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Open\r\n");
  file = write_file (f, "hostile.vcf", text->str, text->len);
  report = import (f, file, NULL);

  g_assert_cmpuint (report->imported, ==, 1);
  g_assert_cmpuint (report->invalid, ==, 4);
  g_assert_cmpuint (n_prospects (f), ==, 1);
  find (f, "Good One");
  line = ((PursuitCsvRowError *) g_ptr_array_index (report->errors, 0))->line;
  g_assert_cmpuint (line, ==, 5);
  line = ((PursuitCsvRowError *) g_ptr_array_index (report->errors, 1))->line;
  g_assert_cmpuint (line, ==, 35);
  line = ((PursuitCsvRowError *) g_ptr_array_index (report->errors, 2))->line;
  g_assert_cmpuint (line, ==, 40);
  line = ((PursuitCsvRowError *) g_ptr_array_index (report->errors, 3))->line;
  g_assert_cmpuint (line, ==, 44);
}

/* Binary garbage is refused with a message, and nothing is written. */
static void
test_garbage (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GFile) file = NULL;
  PursuitImportOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  guint32 state = 12345;

  for (guint i = 0; i < 100000; i++)
    {
      guint8 b;

      state = state * 1103515245 + 12345;
      b = (state >> 16) & 0xff;
      /* No line breaks or separators: one long line of noise. */
      if (b == '\n' || b == '\r' || b == ',' || b == ';' || b == '\t' || b == '"')
        b = 'x';
      g_byte_array_append (bytes, &b, 1);
    }
  file = write_file (f, "noise.bin", (const char *) bytes->data, bytes->len);
  g_assert_false (pursuit_import_file (f->store, file, &options, NULL, NULL, &error));
  g_assert_error (error, PURSUIT_CSV_ERROR, PURSUIT_CSV_ERROR_HEADER);
  reopen (f);
  g_assert_cmpuint (n_prospects (f), ==, 0);
}

/* The command line: --import detects the layout, --map overrides it,
 * --import-csv keeps reading Pursuit's own columns only. */
static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *pipedrive = g_build_filename (TEST_DATA_DIR, "import-pipedrive.csv", NULL);
  g_autofree char *vcard = g_build_filename (TEST_DATA_DIR, "contacts-v30.vcf", NULL);
  g_autofree char *db = g_build_filename (f->dir, "cli.db", NULL);
  g_auto(PursuitTestRun) run = { 0 };
  g_auto(PursuitTestRun) run2 = { 0 };
  g_auto(PursuitTestRun) run3 = { 0 };
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GError) error = NULL;

  pursuit_test_run_pursuit (&run, "--database", db, "--import", pipedrive, "--map", "Deal - Title=name", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Imported 3 prospects.\n");
  pursuit_test_run_pursuit (&run2, "--database", db, "--import", vcard, NULL);
  g_assert_cmpint (run2.status, ==, 0);
  g_assert_cmpstr (run2.out, ==, "Imported 3 prospects.\n");
  /* Pursuit's own reader wants a "name" column. */
  pursuit_test_run_pursuit (&run3, "--database", db, "--import-csv", pipedrive, NULL);
  g_assert_true (WIFEXITED (run3.status));
  g_assert_cmpint (WEXITSTATUS (run3.status), ==, 1);

  store = pursuit_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (store)), ==, 6);
  g_clear_object (&f->store);
  f->store = g_steal_pointer (&store);
  g_assert_cmpstr (pursuit_prospect_get_email (find (f, "Lizenzen 2025")), ==, "anna.mueller@mueller.example");
  assert_notes_have (f, "Lizenzen 2025", "Person - Name: Anna Müller");
}

/* A "Tags" or "Labels" column gives the prospect's tags, not a line of
 * its notes; several such columns give all of theirs. On disk. */
static void
test_tags (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (f, "tags.csv",
                                      "Full Name;Email;Tags;Labels;Comment\n"
                                      "Ann Ash;ann@example.com;VIP, Trade Fair;Partner;met in Berlin\n"
                                      "Bo Birch;bo@example.com;;#cold;\n",
                                      -1);
  g_autoptr(PursuitCsvReport) report = import (f, file, NULL);
  PursuitProspect *ann, *bo;

  g_assert_cmpuint (report->imported, ==, 2);
  ann = find (f, "Ann Ash");
  bo = find (f, "Bo Birch");
  g_assert_cmpstr (pursuit_prospect_get_tags (ann), ==, "vip,trade fair,partner");
  g_assert_cmpstr (pursuit_prospect_get_notes (ann), ==, "met in Berlin");
  g_assert_cmpstr (pursuit_prospect_get_tags (bo), ==, "cold");
  g_assert_cmpstr (pursuit_prospect_get_notes (bo), ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/import/layout/hubspot", test_hubspot);
  ADD ("/import/layout/pipedrive", test_pipedrive);
  ADD ("/import/layout/salesforce", test_salesforce);
  ADD ("/import/layout/zoho", test_zoho);
  ADD ("/import/layout/google", test_google);
  ADD ("/import/layout/outlook", test_outlook);
  ADD ("/import/layout/linkedin", test_linkedin);
  g_test_add_func ("/import/layout/detect", test_detect);
  g_test_add_func ("/import/layout/headers", test_headers);
  ADD ("/import/layout/values", test_values);
  ADD ("/import/layout/utf16", test_utf16);
  ADD ("/import/layout/map", test_map);
  ADD ("/import/layout/map-skip-rest", test_map_skip_rest);
  ADD ("/import/layout/own-export", test_own_export);
  ADD ("/import/layout/update", test_update);
  ADD ("/import/report", test_report);
  ADD ("/import/vcard/2.1", test_vcard_21);
  ADD ("/import/vcard/3.0", test_vcard_30);
  ADD ("/import/vcard/4.0", test_vcard_40);
  ADD ("/import/vcard/duplicate", test_vcard_duplicate);
  ADD ("/import/vcard/hostile", test_vcard_hostile);
  ADD ("/import/garbage", test_garbage);
  ADD ("/import/tags", test_tags);
  ADD ("/import/cli", test_cli);
  ADD ("/import/cli-history", test_cli_history);
#undef ADD

  return g_test_run ();
}
