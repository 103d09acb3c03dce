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

/* Search */

typedef struct
{
  char       *folded;
  char       *digits;  /* when it can be a part of a phone number */
  GHashTable *noted;   /* ids of prospects with a touch note holding it */
} Word;

struct _PursuitSearch
{
  GArray             *words;
  char               *phone;  /* the digits of a query that is a phone number */
  PursuitSearchFlags  flags;
};

static void
word_clear (Word *word)
{
  g_clear_pointer (&word->folded, g_free);
  g_clear_pointer (&word->digits, g_free);
  g_clear_pointer (&word->noted, g_hash_table_unref);
}

static char *
only_digits (const char *text)
{
  GString *digits = g_string_new (NULL);

  for (const char *c = text; *c != '\0'; c++)
    if (g_ascii_isdigit (*c))
      g_string_append_c (digits, *c);
  return g_string_free (digits, FALSE);
}

/* The digits of @text when it has at least three and nothing but digits
 * and what phone numbers are written with (@separators); else NULL. */
static char *
phone_digits (const char *text,
              const char *separators)
{
  g_autofree char *digits = NULL;

  for (const char *c = text; *c != '\0'; c++)
    if (!g_ascii_isdigit (*c) && strchr (separators, *c) == NULL)
      return NULL;
  digits = only_digits (text);
  return strlen (digits) >= 3 ? g_steal_pointer (&digits) : NULL;
}

/* One pass over the touch notes, for every word at once. */
static void
find_noted (PursuitSearch *self,
            PursuitStore  *store)
{
  PursuitDb *db = pursuit_store_get_db (store);
  g_autoptr(PursuitDbStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_row;

  /* A team database keeps no notes here: the words are found elsewhere. */
  stmt = db != NULL ? pursuit_db_prepare (db, SQL_TOUCH_NOTES, &error) : NULL;
  for (guint i = 0; i < self->words->len; i++)
    g_array_index (self->words, Word, i).noted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  while (stmt != NULL && pursuit_db_step_row (db, stmt, &has_row, &error) && has_row)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_autofree char *note = pursuit_store_fold_text (pursuit_db_column_string (stmt, 1));

      for (guint i = 0; i < self->words->len; i++)
        {
          Word *word = &g_array_index (self->words, Word, i);

          if (!g_hash_table_contains (word->noted, &id) && strstr (note, word->folded) != NULL)
            g_hash_table_add (word->noted, g_memdup2 (&id, sizeof id));
        }
    }
  if (error != NULL)
    g_warning ("%s", error->message);
}

PursuitSearch *
pursuit_search_new (PursuitStore       *store,
                    const char         *query,
                    PursuitSearchFlags  flags)
{
  g_autoptr(PursuitSearch) self = NULL;
  g_autofree char *stripped = NULL;
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (store == NULL || PURSUIT_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  self = g_new0 (PursuitSearch, 1);
  self->flags = flags;
  self->words = g_array_new (FALSE, TRUE, sizeof (Word));
  g_array_set_clear_func (self->words, (GDestroyNotify) word_clear);
  stripped = g_strstrip (g_strdup (query));
  self->phone = phone_digits (stripped, " +-()./");
  words = g_strsplit_set (stripped, " \t\n\r", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      Word word = { 0 };

      if (words[i][0] == '\0')
        continue;
      word.folded = pursuit_store_fold_text (words[i]);
      word.digits = phone_digits (words[i], "+-()./");
      g_array_append_val (self->words, word);
    }
  if (self->words->len == 0)
    return NULL;
  if ((flags & PURSUIT_SEARCH_NOTES) && store != NULL)
    find_noted (self, store);
  return g_steal_pointer (&self);
}

gboolean
pursuit_search_matches (PursuitSearch   *self,
                        PursuitProspect *prospect)
{
  g_autofree char *text = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *phone = NULL;
  gboolean notes;
  gint64 id;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), FALSE);

  phone = only_digits (pursuit_prospect_get_phone (prospect));
  if (self->phone != NULL && strstr (phone, self->phone) != NULL)
    return TRUE;
  notes = (self->flags & PURSUIT_SEARCH_NOTES) != 0;
  /* Joined by a line break, which no word holds: no word spans two
   * fields. */
  text = g_strjoin ("\n", pursuit_prospect_get_name (prospect), pursuit_prospect_get_company (prospect),
                    pursuit_prospect_get_email (prospect), pursuit_prospect_get_tags (prospect),
                    notes ? pursuit_prospect_get_notes (prospect) : NULL, NULL);
  folded = pursuit_store_fold_text (text);
  id = pursuit_prospect_get_id (prospect);
  for (guint i = 0; i < self->words->len; i++)
    {
      const Word *word = &g_array_index (self->words, Word, i);

      if (strstr (folded, word->folded) == NULL && (word->digits == NULL || strstr (phone, word->digits) == NULL)
          && (word->noted == NULL || !g_hash_table_contains (word->noted, &id)))
        return FALSE;
    }
  return TRUE;
}

void
pursuit_search_free (PursuitSearch *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->words, g_array_unref);
  g_free (self->phone);
  g_free (self);
}
