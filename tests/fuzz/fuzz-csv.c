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
    g_assert_cmpuint (report->skipped, ==, report->errors->len);
  return 0;
}
