/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the error-path tests need from the system: a disk that fills up, a
 * read-only file system, and permission bits that hold even for root. */

/* Call first in main(), before any thread starts. Moves the test into a
 * mount namespace of its own (with a user namespace when not root), so
 * that it may mount without touching the machine's mounts, and takes away
 * the capabilities that let root ignore permission bits. Returns whether
 * mounting is possible; the permission bits hold either way. */
gboolean  pursuit_test_isolate          (void);

/* Mounts a tmpfs of @size bytes on the folder @dir. */
void      pursuit_test_mount_tmpfs      (const char *dir,
                                         gsize       size);

/* Makes the folder @dir, which is mounted, read-only (a read-only bind
 * mount of itself) or writable again. */
void      pursuit_test_mount_read_only  (const char *dir);
void      pursuit_test_unmount          (const char *dir);

/* Writes a file @dir/filler until the disk is full; returns its path.
 * Unlinking it frees the disk again. */
char     *pursuit_test_fill_disk        (const char *dir);

/* A temporary folder, and its removal with everything in it (made
 * writable first). */
char     *pursuit_test_make_dir         (const char *prefix);
void      pursuit_test_remove_tree      (const char *path);

/* Every row of the prospect and touch tables of the database @path, read
 * on a connection of its own: two dumps are equal when the data are. */
char     *pursuit_test_dump_database    (const char *path);

G_END_DECLS
