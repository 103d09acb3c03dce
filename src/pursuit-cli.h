/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pursuit-store.h"

G_BEGIN_DECLS

/**
 * PursuitCliOutput:
 * @print: writes to the user's standard output
 * @printerr: writes to the user's standard error
 * @data: passed to both
 *
 * Where the command line writes: the terminal of this process, or that of
 * a second launch whose command line the running instance handles.
 */
typedef struct
{
  void     (*print)    (gpointer data, const char *text);
  void     (*printerr) (gpointer data, const char *text);
  gpointer data;
} PursuitCliOutput;

/* TRUE when @options asks for work that needs no window
 * (--import-csv, --export-csv, --due). */
gboolean pursuit_cli_wants_batch (GVariantDict           *options);

/* Resolves --database against @cwd, or gives the default path. */
char    *pursuit_cli_database_path (GVariantDict         *options,
                                    const char           *cwd);

/* Runs the batch work of @options on @store, or, when @store is NULL, on
 * the database that @options names (opened for this run only). Relative
 * file names are resolved against @cwd. Returns the exit status. */
int      pursuit_cli_run         (PursuitStore           *store,
                                  GVariantDict           *options,
                                  const char             *cwd,
                                  const PursuitCliOutput *out);

/* Prints the due and overdue follow-ups of @prospects at @now, one a line. */
void     pursuit_cli_print_due   (GListModel             *prospects,
                                  GDateTime              *now,
                                  const PursuitCliOutput *out);

G_END_DECLS
