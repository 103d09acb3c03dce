/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pursuit-vcard.h"

/* Any text at all as a vCard file: evolution-data-server's parser behind
 * Pursuit's framing of the cards returns contacts and a report, or an
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

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;
  g_autoptr(GError) error = NULL;

  prospects = pursuit_vcard_parse ((const char *) data, size, NULL, &report, &error);
  g_assert ((prospects == NULL) == (error != NULL));
  if (prospects == NULL)
    return 0;
  g_assert_cmpuint (report->skipped, ==, report->errors->len);
  for (guint i = 0; i < prospects->len; i++)
    {
      PursuitProspect *p = g_ptr_array_index (prospects, i);

      g_assert_true (g_utf8_validate (pursuit_prospect_get_name (p), -1, NULL));
      g_assert_true (g_utf8_validate (pursuit_prospect_get_company (p), -1, NULL));
      g_assert_true (g_utf8_validate (pursuit_prospect_get_email (p), -1, NULL));
      g_assert_true (g_utf8_validate (pursuit_prospect_get_phone (p), -1, NULL));
      g_assert_true (g_utf8_validate (pursuit_prospect_get_notes (p), -1, NULL));
    }
  return 0;
}
