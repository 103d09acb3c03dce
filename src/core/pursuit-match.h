/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PursuitMatchReason:
 * @PURSUIT_MATCH_NONE: no match
 * @PURSUIT_MATCH_EMAIL: the same email address, whatever the case
 * @PURSUIT_MATCH_PHONE: the same digits in the phone numbers
 * @PURSUIT_MATCH_NAME: the same name and company, whatever the case and
 *   the accents
 *
 * Why two prospects are taken for the same person, strongest first.
 */
typedef enum
{
  PURSUIT_MATCH_NONE,
  PURSUIT_MATCH_EMAIL,
  PURSUIT_MATCH_PHONE,
  PURSUIT_MATCH_NAME,
} PursuitMatchReason;

/* The keys two records are compared by; NULL when the field cannot
 * identify anyone (empty, or a phone of fewer than
 * PURSUIT_MATCH_MIN_PHONE_DIGITS digits). */
#define PURSUIT_MATCH_MIN_PHONE_DIGITS 5

char        *pursuit_match_email_key (const char *email);
char        *pursuit_match_phone_key (const char *phone);
char        *pursuit_match_name_key  (const char *name,
                                      const char *company);

/* "same email", "same phone number", "same name and company" */
const char  *pursuit_match_reason_to_string (PursuitMatchReason reason);

/**
 * PursuitMatchIndex:
 *
 * Records by their keys, to find the one a new record repeats in constant
 * time (an import looks up every row).
 */
typedef struct _PursuitMatchIndex PursuitMatchIndex;

PursuitMatchIndex *pursuit_match_index_new    (void);
void               pursuit_match_index_free   (PursuitMatchIndex *index);

/* Adds @item under the keys of the fields; a key already taken keeps its
 * first item. */
void               pursuit_match_index_add    (PursuitMatchIndex *index,
                                               const char        *name,
                                               const char        *company,
                                               const char        *email,
                                               const char        *phone,
                                               gpointer           item);

/* The item that the record of these fields repeats, or NULL: first by
 * email, then by phone, then by name and company (unless both have an
 * email and they differ: then they are two people of the same name). */
gpointer           pursuit_match_index_lookup (PursuitMatchIndex  *index,
                                               const char         *name,
                                               const char         *company,
                                               const char         *email,
                                               const char         *phone,
                                               PursuitMatchReason *reason);

/* pursuit_match_index_lookup(), and where nothing matches,
 * pursuit_match_index_add() of @item, folding each key once: an import
 * does this for every row. Returns the item matched, or NULL when @item
 * was added. */
gpointer           pursuit_match_index_lookup_or_add (PursuitMatchIndex  *index,
                                                      const char         *name,
                                                      const char         *company,
                                                      const char         *email,
                                                      const char         *phone,
                                                      gpointer            item,
                                                      PursuitMatchReason *reason);

/**
 * PursuitMatchKeys:
 * @email: (nullable): pursuit_match_email_key()
 * @phone: (nullable): pursuit_match_phone_key()
 * @name: (nullable): pursuit_match_name_key()
 *
 * The keys of a record, folded ahead (an import folds them in the thread
 * that reads the file, and matches in the one that writes).
 */
typedef struct
{
  char *email;
  char *phone;
  char *name;
} PursuitMatchKeys;

void               pursuit_match_keys_init  (PursuitMatchKeys *keys,
                                             const char       *name,
                                             const char       *company,
                                             const char       *email,
                                             const char       *phone);
void               pursuit_match_keys_clear (PursuitMatchKeys *keys);
/* pursuit_match_index_lookup_or_add() by @keys, which it empties (the
 * index may keep them). */
gpointer           pursuit_match_index_lookup_or_add_keys (PursuitMatchIndex  *index,
                                                           PursuitMatchKeys   *keys,
                                                           gpointer            item,
                                                           PursuitMatchReason *reason);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PursuitMatchIndex, pursuit_match_index_free)

G_END_DECLS
