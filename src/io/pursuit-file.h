/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writing a file whole, whatever the path names:
 *
 * - a regular file, or nothing yet: written beside it as a hidden
 *   temporary file (".NAME.pursuit-XXXXXX", mode 0600, or the old file's
 *   mode) and renamed over it on commit, so that a failure (a full disk, a
 *   kill) leaves the old file as it was. Leftover temporary files of an
 *   earlier, killed attempt on the same name are removed first;
 * - a symbolic link: the same for the file it points to; the link stays;
 * - a character device (/dev/null, a terminal), a FIFO, or standard output
 *   or error (/dev/stdout, /dev/fd/N): written in place, never replaced;
 * - anything else (a folder, a socket, a block device): refused.
 *
 * Nothing is ever renamed over something that is not a regular file.
 * Errors are G_IO_ERROR and name the file; a full disk says so. */

typedef struct _PursuitFileWriter PursuitFileWriter;

PursuitFileWriter *pursuit_file_writer_new        (GFile              *file,
                                                   GError            **error);
/* Where to write (transfer none); its errors name the file. */
GOutputStream     *pursuit_file_writer_get_stream (PursuitFileWriter  *self);
/* Flushes to disk and puts the file in place; call once. */
gboolean           pursuit_file_writer_commit     (PursuitFileWriter  *self,
                                                   GCancellable       *cancellable,
                                                   GError            **error);
/* Without a successful commit, removes what was written beside the file:
 * the old file stays as it was. */
void               pursuit_file_writer_free       (PursuitFileWriter  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PursuitFileWriter, pursuit_file_writer_free)

/* Puts @contents in place of @file whole, by the rules above.
 *
 * Not g_file_set_contents_full (…, G_FILE_SET_CONTENTS_CONSISTENT, …),
 * which writes whole state files elsewhere (the reminders', the autostart
 * entry): it would rename over a FIFO, a device or a symbolic link instead
 * of writing into it or where it points, and its temporary "NAME.XXXXXX" is neither hidden nor held by a lock, so
 * the next export could not tell a killed attempt's leftover from a
 * running one. The exports also stream (a CSV of 100,000 prospects is
 * never whole in memory), which it cannot. */
gboolean  pursuit_file_replace  (GFile         *file,
                                 const char    *contents,
                                 gsize          length,
                                 GError       **error);

/* Copies the finished file @source (a backup made elsewhere, say) to
 * @dest by the rules above: a special file receives the bytes in place,
 * a regular one is replaced whole. @source is left as it is. */
gboolean  pursuit_file_copy_to  (const char    *source,
                                 GFile         *dest,
                                 GCancellable  *cancellable,
                                 GError       **error);

/* A stream that hands what is written to @print as text, a chunk at a
 * time (NUL-terminated; the bytes written must hold no NUL): the command
 * line's standard output, which may be another process's, streamed. */
GOutputStream *pursuit_file_new_print_stream (void     (*print) (gpointer    data,
                                                                 const char *text),
                                              gpointer   data);

G_END_DECLS
