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

G_END_DECLS
