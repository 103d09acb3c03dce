/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How many daily backups are kept. */
#define PURSUIT_BACKUP_KEEP 7

/* $XDG_DATA_HOME/pursuit/backups */
char     *pursuit_backup_default_dir  (void);

/* Backs @db_path up into its own folder, @dir/DATABASE-ID (see
 * pursuit_backup_dir_for()), as pursuit-YYYY-MM-DD.db for the day of @now,
 * unless that day has its backup already, then deletes the oldest daily
 * backups of that database beyond @keep. *@created (may be NULL) gets the new file's
 * path, or NULL when there was nothing to do. */
gboolean  pursuit_backup_daily        (const char  *db_path,
                                       const char  *dir,
                                       GDateTime   *now,
                                       guint        keep,
                                       char       **created,
                                       GError     **error);

/* The same in a thread; the result is a boolean (g_task_propagate_boolean). */
void      pursuit_backup_daily_async  (const char          *db_path,
                                       const char          *dir,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean  pursuit_backup_daily_finish (GAsyncResult        *result,
                                       GError             **error);

/* Puts the backup @backup in place of the database @db_path, which no one
 * may have open: checks that @backup opens as a Pursuit database (on a
 * copy, migrated if older), keeps the current file as
 * @db_path.before-restore (*@kept gets its path; may be NULL), then moves
 * the checked copy into place. On failure @db_path is untouched. */
gboolean  pursuit_backup_restore      (const char  *backup,
                                       const char  *db_path,
                                       char       **kept,
                                       GError     **error);

/* The daily backups in @dir, newest first (file names, full paths). */
GStrv     pursuit_backup_list         (const char  *dir);

/* The folder of the backups of the database with @database_id:
 * @dir/@database_id. */
char     *pursuit_backup_dir_for      (const char  *dir,
                                       const char  *database_id);

/* The daily backups of the database with @database_id, newest first: those
 * in its folder, and those of older versions in @dir that hold its id. */
GStrv     pursuit_backup_list_for     (const char  *dir,
                                       const char  *database_id);

/* The id of the database or backup @path, read without writing anything
 * beside it; NULL when it has none. */
char     *pursuit_backup_read_database_id (const char *path);

/* How many prospects (out of the Trash) the backup @path holds. */
gboolean  pursuit_backup_count_prospects (const char  *path,
                                          guint       *n_prospects,
                                          GError     **error);

G_END_DECLS
