/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Puts @contents in place of @file whole: a local file is written beside
 * itself (mode 0600) and renamed over the old one, so that a failure, a
 * full disk say, leaves the old file as it was and nothing beside it.
 * Errors are G_IO_ERROR and name @file. */
gboolean  pursuit_file_replace  (GFile       *file,
                                 const char  *contents,
                                 gsize        length,
                                 GError     **error);

G_END_DECLS
