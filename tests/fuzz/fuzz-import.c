/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pursuit-import.h"

/* Any bytes at all, as --import reads a file of another tool: decoded
 * (UTF-8, UTF-16, Windows-1252), its layout detected, mapped to Pursuit's
 * columns (with and without the unplaced columns) and read, or refused
 * with an error; never a crash, a hang or a leak. */

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

static void
check_prospects (GPtrArray        *prospects,
                 PursuitCsvReport *report,
                 GError           *error)
{
  g_assert ((prospects == NULL) == (error != NULL));
  if (prospects == NULL)
    return;
  g_assert_cmpuint (report->skipped, ==, report->errors->len);
  for (guint i = 0; i < prospects->len; i++)
    {
      PursuitProspect *p = g_ptr_array_index (prospects, i);

      g_assert_true (g_utf8_validate (pursuit_prospect_get_name (p), -1, NULL));
      g_assert_true (g_utf8_validate (pursuit_prospect_get_notes (p), -1, NULL));
      g_assert_cmpstr (pursuit_prospect_get_name (p), !=, "");
    }
}

static void
parse (const char                *text,
       gsize                      length,
       const PursuitImportLayout *layout)
{
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;
  g_autoptr(GError) error = NULL;

  prospects = pursuit_import_parse (text, length, layout, &report, &error);
  if (layout->kind != PURSUIT_IMPORT_KIND_HISTORY)
    check_prospects (prospects, report, error);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) raw = g_bytes_new_static (data, size);
  g_autoptr(GBytes) decoded = NULL;
  g_autoptr(PursuitImportLayout) layout = NULL;
  g_autoptr(GPtrArray) preview = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;
  gsize length;

  decoded = pursuit_import_decode (raw, NULL, &error);
  if (decoded == NULL)
    return 0;
  text = g_bytes_get_data (decoded, &length);
  layout = pursuit_import_layout_detect (text != NULL ? text : "", length, &error);
  if (layout == NULL)
    return 0;
  g_assert_cmpuint (layout->headers->len, ==, layout->fields->len);
  preview = pursuit_import_layout_preview (layout, text, length, 5);
  parse (text != NULL ? text : "", length, layout);
  if (layout->kind == PURSUIT_IMPORT_KIND_CSV && pursuit_import_layout_apply_map (layout, "*=skip", NULL))
    parse (text != NULL ? text : "", length, layout);
  return 0;
}
