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

/**
 * PURSUIT_CLI_EXIT_SKIPPED:
 *
 * The exit status of a command line whose import skipped rows (each said
 * on standard error) and otherwise succeeded. 1 is any failure.
 */
#define PURSUIT_CLI_EXIT_SKIPPED 3

/* TRUE when @options asks for work that needs no window
 * (--import-csv, --export-csv, --due). */
gboolean pursuit_cli_wants_batch (GVariantDict           *options);

/* TRUE when @options imports (the one batch work that may create the
 * database). */
gboolean pursuit_cli_wants_import (GVariantDict         *options);

/* TRUE when @options exports to standard output ("-"). */
gboolean pursuit_cli_writes_stdout (GVariantDict        *options);

/* Moves the exports to standard output out of @options into a new
 * dictionary (with the same --database), for the process whose standard
 * output it is: a running instance would have to send all of it over
 * D-Bus. */
GVariantDict *pursuit_cli_take_stdout_exports (GVariantDict *options);

/* A message for the user when other users may read or change the
 * database @path or its -wal or -shm file (opening makes them private
 * when it can), or NULL. */
char    *pursuit_cli_dup_exposed_warning (const char     *path);

/* TRUE when @options is about a team database on PostgreSQL: --setup-team,
 * or a --database that is a postgresql:// URI or a libpq key=value string. */
gboolean pursuit_cli_wants_team (GVariantDict         *options);

/* Sets up the team database of --database when @options asks for
 * --setup-team; otherwise says that opening one comes later. Returns the
 * exit status (1 on any failure, said through @out). */
int      pursuit_cli_run_team   (GVariantDict           *options,
                                 const PursuitCliOutput *out);

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

/* Checks that no option that takes a value was given an empty one; says
 * which through @out when one was. */
gboolean pursuit_cli_check_options (GVariantDict         *options,
                                    const PursuitCliOutput *out);

/* @text with every character that a terminal would act on (escape
 * sequences, backspace, newline, tab, bidirectional controls) and every
 * invalid byte shown as a visible escape: \x1b, \n, \t, \u202e, and "\\"
 * for a backslash. */
char    *pursuit_cli_escape      (const char             *text);

/* Prints the due and overdue follow-ups of @prospects at @now, one a line:
 * date and time, channel, name, company, how late, and the phone or email
 * to reach the prospect by, separated by tabs, with text escaped by
 * pursuit_cli_escape(). */
void     pursuit_cli_print_due   (GListModel             *prospects,
                                  GDateTime              *now,
                                  const PursuitCliOutput *out);

G_END_DECLS
