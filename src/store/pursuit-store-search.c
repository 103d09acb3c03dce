/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-store"

#include "config.h"

#include <string.h>

#include "pursuit-db.h"
#include "pursuit-store-private.h"
#include "pursuit-store-search.h"

#define SQL_TOUCH_NOTES                                                         \
  "SELECT touch.prospect_id, touch.note FROM touch JOIN prospect ON prospect.id = " \
  "touch.prospect_id WHERE touch.note <> '' AND prospect.deleted_at IS NULL"

char *
pursuit_store_fold_text (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) bare = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_utf8_casefold (text, -1);
  bare = g_string_sized_new (strlen (decomposed));
  for (const char *c = decomposed; *c != '\0'; c = g_utf8_next_char (c))
    {
      gunichar ch = g_utf8_get_char (c);

      /* The accents, apart from their letters after NFKD. */
      if (!g_unichar_ismark (ch))
        g_string_append_unichar (bare, ch);
    }
  return g_utf8_casefold (bare->str, -1);
}

GHashTable *
pursuit_store_search_touch_notes (PursuitStore *self,
                                  const char   *folded_needle)
{
  PursuitDb *db;
  g_autoptr(PursuitDbStmt) stmt = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_row;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), NULL);
  g_return_val_if_fail (folded_needle != NULL, NULL);

  db = pursuit_store_get_db (self);
  stmt = pursuit_db_prepare (db, SQL_TOUCH_NOTES, &error);
  if (stmt == NULL)
    {
      g_warning ("%s", error->message);
      return NULL;
    }
  ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  while (pursuit_db_step_row (db, stmt, &has_row, &error) && has_row)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_autofree char *note = NULL;

      if (g_hash_table_contains (ids, &id))
        continue;
      note = pursuit_store_fold_text (pursuit_db_column_string (stmt, 1));
      if (strstr (note, folded_needle) != NULL)
        g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
    }
  if (error != NULL)
    g_warning ("%s", error->message);
  return g_steal_pointer (&ids);
}
