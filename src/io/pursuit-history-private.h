/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pursuit-history.h"

G_BEGIN_DECLS

/* pursuit_history_import_text() in three steps, for an import in a
 * thread: _new() on the main thread, _parse() in the thread, _record()
 * on the main thread again. */
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
gboolean              pursuit_history_import_record (PursuitHistoryImport  *import,
                                                     PursuitCsvReport     **out_report,
                                                     GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PursuitHistoryImport, pursuit_history_import_free)

G_END_DECLS
