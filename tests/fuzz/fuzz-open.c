/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "pursuit-store.h"

/* Any file at all as the database, or as a backup to restore: opening it
 * gives a store or a PursuitStoreError, and never crashes, hangs or
 * leaks. The seeds are real Pursuit databases, so most inputs are damaged
 * databases rather than noise. */

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static char *path;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pursuit-fuzz-open-XXXXXX", &error);

  g_assert_no_error (error);
  path = g_build_filename (dir, "pursuit.db", NULL);
  /* A critical is a bug found, not noise. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR);
  return 0;
}

static void
remove_files (void)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GError) error = NULL;

  remove_files ();
  g_assert_true (g_file_set_contents (path, (const char *) data, (gssize) size, NULL));
  store = pursuit_store_open (path, &error);
  g_assert ((store == NULL) == (error != NULL));
  if (store != NULL)
    {
      GListModel *prospects = pursuit_store_get_prospects (store);

      for (guint i = 0; i < g_list_model_get_n_items (prospects); i++)
        {
          g_autoptr(PursuitProspect) prospect = g_list_model_get_item (prospects, i);
          g_assert_nonnull (pursuit_prospect_get_name (prospect));
        }
    }
  else
    g_assert_true (error->domain == PURSUIT_STORE_ERROR);
  return 0;
}
