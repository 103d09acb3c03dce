/* SPDX-License-Identifier: GPL-3.0-or-later */
/* O_CLOEXEC, with -std=c17 */
#define _POSIX_C_SOURCE 200809L

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pursuit-file.h"

static gboolean
set_errno_error (const char  *path,
                 int          saved_errno,
                 GError     **error)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not write %s: %s"), name, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int          fd,
           const char  *contents,
           gsize        length)
{
  while (length > 0)
    {
      ssize_t n = write (fd, contents, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      contents += n;
      length -= (gsize) n;
    }
  return TRUE;
}

/* Not g_file_replace(): where it cannot write a temporary file it
 * truncates the old one and writes into it, so a full disk loses it. */
static gboolean
replace_local (const char  *path,
               const char  *contents,
               gsize        length,
               GError     **error)
{
  g_autofree char *part = g_strconcat (path, ".XXXXXX", NULL);
  int fd, saved_errno;

  fd = g_mkstemp_full (part, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_errno_error (path, errno, error);

  if (!write_all (fd, contents, length) || fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      g_unlink (part);
      return set_errno_error (path, saved_errno, error);
    }
  if (close (fd) != 0 || g_rename (part, path) != 0)
    {
      saved_errno = errno;
      g_unlink (part);
      return set_errno_error (path, saved_errno, error);
    }
  return TRUE;
}

gboolean
pursuit_file_replace (GFile       *file,
                      const char  *contents,
                      gsize        length,
                      GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (contents != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_get_path (file);
  if (path != NULL)
    return replace_local (path, contents, length, error);

  /* Remote locations: their backend writes as it can. */
  return g_file_replace_contents (file, contents, length, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, NULL,
                                  error);
}
