/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pursuit-match.h"

/* Keys: text folded so that what a person would call the same compares
 * equal with strcmp(). */

static gboolean
is_ascii (const char *text)
{
  for (; *text != '\0'; text++)
    if ((guchar) *text >= 0x80)
      return FALSE;
  return TRUE;
}

/* fold_text() of ASCII text, where it is only case and spaces: most
 * names and every email, at a fraction of the cost of normalizing. */
static gsize
fold_ascii_into (char       *out,
                 const char *text)
{
  gboolean space = FALSE;
  gsize len = 0;

  for (; *text != '\0'; text++)
    {
      char c = *text;

      /* As g_unichar_isspace() has it, without the vertical tab. */
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')
        {
          space = len > 0;
          continue;
        }
      if (space)
        out[len++] = ' ';
      space = FALSE;
      out[len++] = c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
    }
  out[len] = '\0';
  return len;
}

static char *
fold_ascii (const char *text)
{
  /* Written in place, no longer than @text: an import folds each of
   * its rows' keys, and a GString per key cost it more than the rest. */
  char *out = g_malloc (strlen (text) + 1);

  fold_ascii_into (out, text);
  return out;
}

/* Lower case without accents, white space runs made one space, trimmed:
 * "  Zoë  MÜLLER " and "zoe muller" give the same key. */
static char *
fold_text (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *out;
  gboolean space = FALSE;

  if (text == NULL)
    return NULL;
  if (is_ascii (text))
    return fold_ascii (text);
  if (!g_utf8_validate (text, -1, NULL))
    return NULL;

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  out = g_string_new (NULL);
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      /* The accents NFKD took apart from their letters. */
      if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK
          || type == G_UNICODE_ENCLOSING_MARK)
        continue;
      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  folded = g_utf8_casefold (out->str, out->len);
  g_string_free (out, TRUE);
  return g_steal_pointer (&folded);
}

/**
 * pursuit_match_email_key:
 * @email: (nullable): an email address
 *
 * Returns: (transfer full) (nullable): @email trimmed and case-folded, or
 *   %NULL when it is empty
 */
char *
pursuit_match_email_key (const char *email)
{
  g_autofree char *key = fold_text (email);

  if (key == NULL || key[0] == '\0')
    return NULL;
  return g_steal_pointer (&key);
}

/**
 * pursuit_match_phone_key:
 * @phone: (nullable): a phone number as written
 *
 * Returns: (transfer full) (nullable): the digits of @phone ("+44 (0)20
 *   7946-0958" gives "4402079460958"), or %NULL when there are too few to
 *   identify anyone
 */
char *
pursuit_match_phone_key (const char *phone)
{
  gsize n = 0;
  char *digits;

  if (phone == NULL)
    return NULL;

  /* Counted first, then written once: no GString for each row of an
   * import. */
  for (const char *p = phone; *p != '\0'; p++)
    n += g_ascii_isdigit (*p) ? 1 : 0;
  if (n < PURSUIT_MATCH_MIN_PHONE_DIGITS)
    return NULL;
  digits = g_malloc (n + 1);
  n = 0;
  for (const char *p = phone; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      digits[n++] = *p;
  digits[n] = '\0';
  return digits;
}

/**
 * pursuit_match_name_key:
 * @name: (nullable): a person's name
 * @company: (nullable): their company, may be empty
 *
 * Returns: (transfer full) (nullable): name and company folded (case,
 *   accents and white space do not count), or %NULL without a name
 */
char *
pursuit_match_name_key (const char *name,
                        const char *company)
{
  g_autofree char *name_key = NULL;
  g_autofree char *company_key = NULL;

  if (company == NULL)
    company = "";
  /* Most names: folded into one string at once. */
  if (name != NULL && is_ascii (name) && is_ascii (company))
    {
      gsize name_len = strlen (name);
      char *key = g_malloc (name_len + strlen (company) + 2);
      gsize len = fold_ascii_into (key, name);

      if (len == 0)
        {
          g_free (key);
          return NULL;
        }
      key[len] = '\n';
      fold_ascii_into (key + len + 1, company);
      return key;
    }
  name_key = fold_text (name);
  company_key = fold_text (company);
  if (name_key == NULL || name_key[0] == '\0' || company_key == NULL)
    return NULL;
  /* A newline cannot be in a folded key: it separates the two. */
  return g_strconcat (name_key, "\n", company_key, NULL);
}

const char *
pursuit_match_reason_to_string (PursuitMatchReason reason)
{
  switch (reason)
    {
    case PURSUIT_MATCH_EMAIL:
      return _("same email");
    case PURSUIT_MATCH_PHONE:
      return _("same phone number");
    case PURSUIT_MATCH_NAME:
      return _("same name and company");
    case PURSUIT_MATCH_NONE:
    default:
      return "";
    }
}

/* The index */

typedef struct
{
  gpointer  item;
  char     *email_key; /* nullable */
} NameEntry;

struct _PursuitMatchIndex
{
  GHashTable *by_email; /* key → item */
  GHashTable *by_phone; /* key → item */
  GHashTable *by_name;  /* key → NameEntry */
};

static void
name_entry_free (NameEntry *entry)
{
  g_free (entry->email_key);
  g_free (entry);
}

PursuitMatchIndex *
pursuit_match_index_new (void)
{
  PursuitMatchIndex *index = g_new0 (PursuitMatchIndex, 1);

  index->by_email = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  index->by_phone = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  index->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) name_entry_free);
  return index;
}

void
pursuit_match_index_free (PursuitMatchIndex *index)
{
  if (index == NULL)
    return;

  g_hash_table_unref (index->by_email);
  g_hash_table_unref (index->by_phone);
  g_hash_table_unref (index->by_name);
  g_free (index);
}

/* Takes @key. */
static void
insert_first (GHashTable *table,
              char       *key,
              gpointer    value,
              GDestroyNotify free_value)
{
  if (key == NULL)
    {
      /* Nothing to find it by: the value goes too. */
      if (free_value != NULL)
        free_value (value);
      return;
    }
  if (g_hash_table_contains (table, key))
    {
      g_free (key);
      if (free_value != NULL)
        free_value (value);
      return;
    }
  g_hash_table_insert (table, key, value);
}

void
pursuit_match_index_add (PursuitMatchIndex *index,
                         const char        *name,
                         const char        *company,
                         const char        *email,
                         const char        *phone,
                         gpointer           item)
{
  NameEntry *entry;

  g_return_if_fail (index != NULL);
  g_return_if_fail (item != NULL);

  insert_first (index->by_email, pursuit_match_email_key (email), item, NULL);
  insert_first (index->by_phone, pursuit_match_phone_key (phone), item, NULL);

  entry = g_new0 (NameEntry, 1);
  entry->item = item;
  entry->email_key = pursuit_match_email_key (email);
  insert_first (index->by_name, pursuit_match_name_key (name, company), entry,
                (GDestroyNotify) name_entry_free);
}

static gpointer
lookup_key (GHashTable *table,
            char       *key)
{
  g_autofree char *owned = key;

  return owned != NULL ? g_hash_table_lookup (table, owned) : NULL;
}

gpointer
pursuit_match_index_lookup (PursuitMatchIndex  *index,
                            const char         *name,
                            const char         *company,
                            const char         *email,
                            const char         *phone,
                            PursuitMatchReason *reason)
{
  g_autofree char *email_key = pursuit_match_email_key (email);
  gpointer item;
  NameEntry *entry;

  g_return_val_if_fail (index != NULL, NULL);

  if (reason != NULL)
    *reason = PURSUIT_MATCH_NONE;

  item = email_key != NULL ? g_hash_table_lookup (index->by_email, email_key) : NULL;
  if (item != NULL)
    {
      if (reason != NULL)
        *reason = PURSUIT_MATCH_EMAIL;
      return item;
    }

  item = lookup_key (index->by_phone, pursuit_match_phone_key (phone));
  if (item != NULL)
    {
      if (reason != NULL)
        *reason = PURSUIT_MATCH_PHONE;
      return item;
    }

  entry = lookup_key (index->by_name, pursuit_match_name_key (name, company));
  if (entry == NULL || (email_key != NULL && entry->email_key != NULL))
    return NULL;
  if (reason != NULL)
    *reason = PURSUIT_MATCH_NAME;
  return entry->item;
}

void
pursuit_match_keys_init (PursuitMatchKeys *keys,
                         const char       *name,
                         const char       *company,
                         const char       *email,
                         const char       *phone)
{
  g_return_if_fail (keys != NULL);

  keys->email = pursuit_match_email_key (email);
  keys->phone = pursuit_match_phone_key (phone);
  keys->name = pursuit_match_name_key (name, company);
}

void
pursuit_match_keys_clear (PursuitMatchKeys *keys)
{
  g_return_if_fail (keys != NULL);

  g_clear_pointer (&keys->email, g_free);
  g_clear_pointer (&keys->phone, g_free);
  g_clear_pointer (&keys->name, g_free);
}

gpointer
pursuit_match_index_lookup_or_add (PursuitMatchIndex  *index,
                                   const char         *name,
                                   const char         *company,
                                   const char         *email,
                                   const char         *phone,
                                   gpointer            item,
                                   PursuitMatchReason *reason)
{
  PursuitMatchKeys keys;

  g_return_val_if_fail (index != NULL, NULL);
  g_return_val_if_fail (item != NULL, NULL);

  pursuit_match_keys_init (&keys, name, company, email, phone);
  return pursuit_match_index_lookup_or_add_keys (index, &keys, item, reason);
}

gpointer
pursuit_match_index_lookup_or_add_keys (PursuitMatchIndex  *index,
                                        PursuitMatchKeys   *keys,
                                        gpointer            item,
                                        PursuitMatchReason *reason)
{
  g_autofree char *email_key = NULL;
  g_autofree char *phone_key = NULL;
  g_autofree char *name_key = NULL;
  gpointer found = NULL;
  NameEntry *entry = NULL;

  g_return_val_if_fail (index != NULL && keys != NULL, NULL);
  g_return_val_if_fail (item != NULL, NULL);

  email_key = g_steal_pointer (&keys->email);
  phone_key = g_steal_pointer (&keys->phone);
  name_key = g_steal_pointer (&keys->name);
  if (reason != NULL)
    *reason = PURSUIT_MATCH_NONE;

  if (email_key != NULL && (found = g_hash_table_lookup (index->by_email, email_key)) != NULL)
    {
      if (reason != NULL)
        *reason = PURSUIT_MATCH_EMAIL;
      return found;
    }
  if (phone_key != NULL && (found = g_hash_table_lookup (index->by_phone, phone_key)) != NULL)
    {
      if (reason != NULL)
        *reason = PURSUIT_MATCH_PHONE;
      return found;
    }
  if (name_key != NULL)
    entry = g_hash_table_lookup (index->by_name, name_key);
  if (entry != NULL && (email_key == NULL || entry->email_key == NULL))
    {
      if (reason != NULL)
        *reason = PURSUIT_MATCH_NAME;
      return entry->item;
    }

  /* No match: the keys not found above are free, but for a name taken
   * by someone of another email, which keeps its first item. */
  if (email_key != NULL)
    g_hash_table_insert (index->by_email, g_strdup (email_key), item);
  if (phone_key != NULL)
    g_hash_table_insert (index->by_phone, g_steal_pointer (&phone_key), item);
  if (name_key != NULL && entry == NULL)
    {
      entry = g_new0 (NameEntry, 1);
      entry->item = item;
      entry->email_key = g_steal_pointer (&email_key);
      g_hash_table_insert (index->by_name, g_steal_pointer (&name_key), entry);
    }
  return NULL;
}
