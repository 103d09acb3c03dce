/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pursuit-csv-private.h"
#include "pursuit-history.h"

G_BEGIN_DECLS

/* pursuit_history_import_text() in three steps, for an import in a
 * thread: _new() on the main thread, _parse() and _write() in the
 * thread, _apply() on the main thread again. */
typedef struct _PursuitHistoryImport PursuitHistoryImport;

PursuitHistoryImport *pursuit_history_import_new    (PursuitStore          *store,
                                                     GPtrArray             *headers);
void                  pursuit_history_import_free   (PursuitHistoryImport  *import);
gboolean              pursuit_history_import_parse  (PursuitHistoryImport  *import,
                                                     const char            *text,
                                                     gsize                  length,
                                                     gsize                  header_pos,
                                                     guint                  header_line,
                                                     char                   separator,
                                                     GError               **error);
/* Logs the touches parsed, oldest first, through @writer (made for the
 * same store), in its one transaction; @progress (may be NULL) counts
 * them and its cancellable stops the writing before the commit. */
gboolean              pursuit_history_import_write  (PursuitHistoryImport  *import,
                                                     PursuitStoreImport    *writer,
                                                     PursuitCsvProgress    *progress,
                                                     GError               **error);
/* After pursuit_history_import_write() committed: the store learns of
 * it (pursuit_store_import_apply()) and the report says what it did,
 * with what undoing it needs. */
PursuitCsvReport     *pursuit_history_import_apply  (PursuitHistoryImport  *import,
                                                     PursuitStoreImport    *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PursuitHistoryImport, pursuit_history_import_free)

G_END_DECLS
