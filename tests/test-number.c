/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test-number"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "pursuit-format.h"
#include "pursuit-import.h"
#include "pursuit-number.h"

/* Digits grouped as the locale groups them, by the one function that
 * does it: counts, values and the import's report, in German
 * (LC_NUMERIC=de_DE.UTF-8, which build-aux/setup.sh makes) and in a
 * locale that defines no grouping. */

static gboolean
use_numeric (const char *locale)
{
  if (setlocale (LC_NUMERIC, locale) != NULL)
    return TRUE;
  g_test_skip_printf ("The locale %s is not installed (build-aux/setup.sh makes it)", locale);
  return FALSE;
}

static void
assert_formats (guint64     n,
                const char *expected)
{
  g_autofree char *text = pursuit_number_format (n);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_german (void)
{
  if (!use_numeric ("de_DE.UTF-8"))
    return;

  g_assert_cmpstr (pursuit_number_group_separator (), ==, ".");
  assert_formats (0, "0");
  assert_formats (999, "999");
  assert_formats (1240, "1.240");
  assert_formats (100000, "100.000");
  assert_formats (1234567, "1.234.567");
  assert_formats (G_MAXUINT64, "18.446.744.073.709.551.615");
  setlocale (LC_NUMERIC, "C.UTF-8");
}

/* The value on a card and a column: the locale's grouping, unless it
 * would read as the decimal mark chosen. */
static void
test_german_values (void)
{
  g_autofree char *german = NULL;
  g_autofree char *english = NULL;
  g_autofree char *plain = NULL;

  if (!use_numeric ("de_DE.UTF-8"))
    return;

  german = pursuit_format_value_full (1234567.5, "EUR", TRUE, TRUE);
  g_assert_cmpstr (german, ==, "1.234.567,50\u00a0€");
  english = pursuit_format_value_full (1500, "USD", FALSE, FALSE);
  g_assert_cmpstr (english, ==, "$1,500");
  plain = pursuit_format_value (12000, NULL);
  g_assert_cmpstr (plain, ==, "12.000");
  setlocale (LC_NUMERIC, "C.UTF-8");
}

static void
test_import_report (void)
{
  PursuitCsvReport report = { 0 };
  g_autofree char *text = NULL;

  if (!use_numeric ("de_DE.UTF-8"))
    return;

  report.errors = g_ptr_array_new ();
  report.imported = 12000;
  report.touches = 100000;
  text = pursuit_import_describe_report (&report, 5);
  g_assert_nonnull (strstr (text, "12.000"));
  g_assert_nonnull (strstr (text, "100.000"));
  g_ptr_array_unref (report.errors);
  setlocale (LC_NUMERIC, "C.UTF-8");
}

/* C defines no grouping: threes with ",", as the English text reads. */
static void
test_no_grouping (void)
{
  PursuitCsvReport report = { 0 };
  g_autofree char *value = NULL;
  g_autofree char *text = NULL;

  if (!use_numeric ("C.UTF-8"))
    return;

  g_assert_cmpstr (pursuit_number_group_separator (), ==, ",");
  assert_formats (1240, "1,240");
  assert_formats (12, "12");
  value = pursuit_format_value (1000, "USD");
  g_assert_cmpstr (value, ==, "$1,000");

  /* The import's report as the values read. */
  report.errors = g_ptr_array_new ();
  report.imported = 1240;
  text = pursuit_import_describe_report (&report, 5);
  g_assert_cmpstr (text, ==, "Imported 1,240 prospects.");
  g_ptr_array_unref (report.errors);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/number/german", test_german);
  g_test_add_func ("/core/number/german-values", test_german_values);
  g_test_add_func ("/core/number/import-report", test_import_report);
  g_test_add_func ("/core/number/no-grouping", test_no_grouping);

  return g_test_run ();
}
