/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pursuit-csv.h"

/* Any bytes at all: the CSV reader returns prospects and a report, or an
 * error, and never crashes, hangs or leaks. */

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A critical is a bug found, not noise. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR);
  return 0;
}

/* What the reader made, written and read again, has the same text: the
 * writer's quoting and its guard against formulas undo exactly. */
static void
check_round_trip (GPtrArray *prospects)
{
  g_autoptr(GListStore) model = g_list_store_new (PURSUIT_TYPE_PROSPECT);
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length;

  for (guint i = 0; i < prospects->len; i++)
    g_list_store_append (model, g_ptr_array_index (prospects, i));
  text = pursuit_csv_build (G_LIST_MODEL (model), &length);
  again = pursuit_csv_parse (text, length, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->skipped, ==, 0);
  g_assert_cmpuint (again->len, ==, prospects->len);
  for (guint i = 0; i < prospects->len; i++)
    {
      PursuitProspect *a = g_ptr_array_index (prospects, i);
      PursuitProspect *b = g_ptr_array_index (again, i);

      g_assert_cmpstr (pursuit_prospect_get_name (a), ==, pursuit_prospect_get_name (b));
      g_assert_cmpstr (pursuit_prospect_get_company (a), ==, pursuit_prospect_get_company (b));
      g_assert_cmpstr (pursuit_prospect_get_email (a), ==, pursuit_prospect_get_email (b));
      g_assert_cmpstr (pursuit_prospect_get_phone (a), ==, pursuit_prospect_get_phone (b));
      g_assert_cmpstr (pursuit_prospect_get_notes (a), ==, pursuit_prospect_get_notes (b));
      g_assert_cmpstr (pursuit_prospect_get_close_reason (a), ==, pursuit_prospect_get_close_reason (b));
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;
  g_autoptr(GError) error = NULL;

  prospects = pursuit_csv_parse ((const char *) data, size, &report, &error);
  g_assert ((prospects == NULL) == (error != NULL));
  if (prospects != NULL)
    {
      g_assert_cmpuint (report->skipped, ==, report->errors->len);
      check_round_trip (prospects);
    }
  return 0;
}
