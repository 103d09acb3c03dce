/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pursuit-store.h"

G_BEGIN_DECLS

/* Text as search compares it: without case and accents, so that "misera"
 * finds "Misérables". */
char       *pursuit_store_fold_text          (const char   *text);

/* The ids (gint64 *, a set) of the prospects, out of the Trash, that have
 * a touch whose note, folded, contains @folded_needle. NULL when the
 * notes cannot be read. */
GHashTable *pursuit_store_search_touch_notes (PursuitStore *self,
                                              const char   *folded_needle);

/* A search of the prospects, the same for the board and for GNOME
 * Shell's overview: a prospect matches when every word of the query is
 * in its name, company, email or tags (case and accents folded), or,
 * for a word of digits and what phone numbers are written with, in the
 * digits of its phone number. A query that is a phone number as a whole
 * ("+1 (555) 123-4567") also matches the phone numbers that hold all
 * its digits. With PURSUIT_SEARCH_NOTES a word may also be in the
 * prospect's notes or in a note of one of its touches. */
typedef enum
{
  PURSUIT_SEARCH_FIELDS = 0,
  PURSUIT_SEARCH_NOTES = 1 << 0,
} PursuitSearchFlags;

typedef struct _PursuitSearch PursuitSearch;

/* NULL when @query has no word. @store (optional) is read once for the
 * touch notes with PURSUIT_SEARCH_NOTES. */
PursuitSearch *pursuit_search_new     (PursuitStore       *store,
                                       const char         *query,
                                       PursuitSearchFlags  flags);
gboolean       pursuit_search_matches (PursuitSearch      *self,
                                       PursuitProspect    *prospect);
void           pursuit_search_free    (PursuitSearch      *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PursuitSearch, pursuit_search_free)

G_END_DECLS
