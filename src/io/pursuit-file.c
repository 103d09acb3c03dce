/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-io"

/* O_CLOEXEC, O_NOFOLLOW and flock(), with -std=c17 */
#define _DEFAULT_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pursuit-file.h"

/* The temporary file beside a target NAME is ".NAME.pursuit-XXXXXX": hidden,
 * and named so that no file of the user's looks like one. While it is
 * written its writer holds an flock() on it, which the kernel drops when
 * the writer dies: a temporary file that can be locked is a leftover. */
#define PART_INFIX ".pursuit-"
/* Room for the dot, the infix and the six characters within NAME_MAX. */
#define PART_NAME_MAX 200

static gboolean
set_errno_error (const char  *path,
                 int          saved_errno,
                 GError     **error)
{
  g_autofree char *name = g_filename_display_name (path);

  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                 _("Could not write %s: the disk is full. Free some space, or choose another disk, and try again."),
                 name);
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("Could not write %s: %s"), name,
                 g_strerror (saved_errno));
  return FALSE;
}

/* A stream on a file descriptor whose errors name the file. */

#define PURSUIT_TYPE_FD_STREAM (pursuit_fd_stream_get_type ())
G_DECLARE_FINAL_TYPE (PursuitFdStream, pursuit_fd_stream, PURSUIT, FD_STREAM, GOutputStream)

struct _PursuitFdStream
{
  GOutputStream  parent_instance;
  int            fd;
  char          *path; /* for messages */
};

G_DEFINE_FINAL_TYPE (PursuitFdStream, pursuit_fd_stream, G_TYPE_OUTPUT_STREAM)

static gssize
pursuit_fd_stream_write (GOutputStream  *stream,
                         const void     *buffer,
                         gsize           count,
                         GCancellable   *cancellable,
                         GError        **error)
{
  PursuitFdStream *self = PURSUIT_FD_STREAM (stream);
  gssize n;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  do
    n = write (self->fd, buffer, MIN (count, (gsize) G_MAXSSIZE));
  while (n < 0 && errno == EINTR);
  if (n < 0)
    {
      set_errno_error (self->path, errno, error);
      return -1;
    }
  return n;
}

static void
pursuit_fd_stream_finalize (GObject *object)
{
  PursuitFdStream *self = PURSUIT_FD_STREAM (object);

  g_free (self->path);
  G_OBJECT_CLASS (pursuit_fd_stream_parent_class)->finalize (object);
}

static void
pursuit_fd_stream_class_init (PursuitFdStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pursuit_fd_stream_finalize;
  G_OUTPUT_STREAM_CLASS (klass)->write_fn = pursuit_fd_stream_write;
}

static void
pursuit_fd_stream_init (PursuitFdStream *self)
{
  self->fd = -1;
}

/* Does not own @fd. */
static GOutputStream *
fd_stream_new (int         fd,
               const char *path)
{
  PursuitFdStream *self = g_object_new (PURSUIT_TYPE_FD_STREAM, NULL);

  self->fd = fd;
  self->path = g_strdup (path);
  return G_OUTPUT_STREAM (self);
}

/* The writer */

typedef enum
{
  WRITE_REPLACE,  /* a temporary file renamed over the target */
  WRITE_IN_PLACE, /* a character device, a FIFO, standard output */
  WRITE_REMOTE,   /* a GFile without a path: its backend's replace() */
} WriteMode;

struct _PursuitFileWriter
{
  WriteMode      mode;
  GOutputStream *stream;
  int            fd;
  char          *path;   /* as given, for messages */
  char          *target; /* WRITE_REPLACE: the file renamed over */
  char          *part;   /* WRITE_REPLACE: the temporary file */
  gboolean       done;
};

static char *
part_prefix (const char *target)
{
  g_autofree char *base = g_path_get_basename (target);

  if (strlen (base) > PART_NAME_MAX)
    base[PART_NAME_MAX] = '\0';
  return g_strconcat (".", base, PART_INFIX, NULL);
}

/* Removes the temporary files beside @target that no writer holds: those
 * of an attempt that was killed. */
static void
remove_leftovers (const char *target)
{
  g_autofree char *dir_path = g_path_get_dirname (target);
  g_autofree char *prefix = part_prefix (target);
  gsize prefix_len = strlen (prefix);
  GDir *dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      struct stat st;
      int fd;

      if (strncmp (name, prefix, prefix_len) != 0 || strlen (name) != prefix_len + 6)
        continue;
      path = g_build_filename (dir_path, name, NULL);
      fd = open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
      if (fd < 0)
        continue;
      if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_uid == geteuid ()
          && flock (fd, LOCK_EX | LOCK_NB) == 0)
        {
          g_debug ("Removing %s, left by an earlier attempt", path);
          g_unlink (path);
        }
      close (fd);
    }
  g_dir_close (dir);
}

/* The descriptor that @path names when it is standard output or error,
 * or -1: "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1". Written through
 * the descriptor, so that the shell's redirection (even ">>") holds. */
static int
std_fd_of (const char *path)
{
  const char *prefixes[] = { "/dev/fd/", "/proc/self/fd/" };

  if (g_str_equal (path, "/dev/stdout"))
    return STDOUT_FILENO;
  if (g_str_equal (path, "/dev/stderr"))
    return STDERR_FILENO;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (path, prefixes[i]))
      {
        const char *number = path + strlen (prefixes[i]);

        if (g_str_equal (number, "1"))
          return STDOUT_FILENO;
        if (g_str_equal (number, "2"))
          return STDERR_FILENO;
      }
  return -1;
}

static gboolean
refuse_kind (const char   *path,
             mode_t        mode,
             GError      **error)
{
  g_autofree char *name = g_filename_display_name (path);

  if (S_ISDIR (mode))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                 _("Could not write %s: it is a folder. Choose a file name in it."), name);
  else if (S_ISSOCK (mode))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                 _("Could not write %s: it is a socket, not a file. Choose a file name."), name);
  else if (S_ISBLK (mode))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                 _("Could not write %s: it is a disk device, not a file. Choose a file name."), name);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                 _("Could not write %s: it is not a file. Choose a file name."), name);
  return FALSE;
}

static gboolean
open_in_place (PursuitFileWriter  *self,
               int                 std_fd,
               GError            **error)
{
  self->mode = WRITE_IN_PLACE;
  if (std_fd >= 0)
    self->fd = fcntl (std_fd, F_DUPFD_CLOEXEC, 3);
  else
    self->fd = open (self->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (self->fd < 0)
    return set_errno_error (self->path, errno, error);
  self->stream = fd_stream_new (self->fd, self->path);
  return TRUE;
}

/* The file that a write to @path replaces: @path, or where its symbolic
 * link points (resolved to the end of the chain, even when it dangles). */
static char *
resolve_target (const char *path)
{
  g_autofree char *current = g_strdup (path);

  for (guint hops = 0; hops < 40; hops++)
    {
      g_autofree char *link = g_file_read_link (current, NULL);
      g_autofree char *dir = NULL;

      if (link == NULL)
        break;
      if (g_path_is_absolute (link))
        {
          g_free (current);
          current = g_steal_pointer (&link);
          continue;
        }
      dir = g_path_get_dirname (current);
      g_free (current);
      current = g_build_filename (dir, link, NULL);
    }
  return g_steal_pointer (&current);
}

static gboolean
open_replace (PursuitFileWriter  *self,
              const struct stat  *existing,
              GError            **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *prefix = NULL;

  self->mode = WRITE_REPLACE;
  self->target = resolve_target (self->path);
  remove_leftovers (self->target);

  dir = g_path_get_dirname (self->target);
  prefix = part_prefix (self->target);
  self->part = g_strconcat (dir, G_DIR_SEPARATOR_S, prefix, "XXXXXX", NULL);
  self->fd = g_mkstemp_full (self->part, O_WRONLY | O_CLOEXEC, 0600);
  if (self->fd < 0)
    {
      g_clear_pointer (&self->part, g_free);
      return set_errno_error (self->path, errno, error);
    }
  /* Held until the rename: see remove_leftovers(). */
  flock (self->fd, LOCK_EX | LOCK_NB);
  if (existing != NULL)
    fchmod (self->fd, existing->st_mode & 0777);
  self->stream = fd_stream_new (self->fd, self->path);
  return TRUE;
}

static gboolean
open_local (PursuitFileWriter  *self,
            GError            **error)
{
  int std_fd = std_fd_of (self->path);
  struct stat st;

  if (std_fd >= 0)
    return open_in_place (self, std_fd, error);

  if (stat (self->path, &st) != 0)
    {
      if (errno != ENOENT)
        return set_errno_error (self->path, errno, error);
      return open_replace (self, NULL, error);
    }
  if (S_ISCHR (st.st_mode) || S_ISFIFO (st.st_mode))
    return open_in_place (self, -1, error);
  if (S_ISREG (st.st_mode))
    return open_replace (self, &st, error);
  return refuse_kind (self->path, st.st_mode, error);
}

/**
 * pursuit_file_writer_new:
 * @file: where to write
 * @error: return location for a #GIOError naming @file
 *
 * Opens @file for writing whole, by the rules of pursuit-file.h: a
 * regular file is replaced atomically on commit, a character device, a
 * FIFO or standard output is written in place, anything else is refused.
 *
 * Returns: (transfer full) (nullable): the writer
 */
PursuitFileWriter *
pursuit_file_writer_new (GFile   *file,
                         GError **error)
{
  g_autoptr(PursuitFileWriter) self = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (PursuitFileWriter, 1);
  self->fd = -1;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      /* Remote locations: their backend writes as it can. */
      GFileOutputStream *stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, error);

      if (stream == NULL)
        return NULL;
      self->mode = WRITE_REMOTE;
      self->stream = G_OUTPUT_STREAM (stream);
      self->path = g_file_get_parse_name (file);
      return g_steal_pointer (&self);
    }

  self->path = g_steal_pointer (&path);
  if (!open_local (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

GOutputStream *
pursuit_file_writer_get_stream (PursuitFileWriter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->stream;
}

static gboolean
close_fd (PursuitFileWriter  *self,
          GError            **error)
{
  int fd = self->fd;

  self->fd = -1;
  if (close (fd) != 0 && errno != EINTR)
    return set_errno_error (self->path, errno, error);
  return TRUE;
}

/* Renames only over a regular file, or where nothing is. */
static gboolean
rename_into_place (PursuitFileWriter  *self,
                   GError            **error)
{
  struct stat st;

  if (lstat (self->target, &st) == 0 && !S_ISREG (st.st_mode))
    return refuse_kind (self->path, st.st_mode, error);
  if (g_rename (self->part, self->target) != 0)
    return set_errno_error (self->path, errno, error);
  g_clear_pointer (&self->part, g_free);
  return TRUE;
}

gboolean
pursuit_file_writer_commit (PursuitFileWriter  *self,
                            GCancellable       *cancellable,
                            GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->done, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  switch (self->mode)
    {
    case WRITE_REMOTE:
      self->done = g_output_stream_close (self->stream, cancellable, error);
      return self->done;

    case WRITE_IN_PLACE:
      self->done = close_fd (self, error);
      return self->done;

    case WRITE_REPLACE:
    default:
      if (fsync (self->fd) != 0)
        return set_errno_error (self->path, errno, error);
      /* The lock goes with the descriptor: close after the rename. */
      self->done = rename_into_place (self, error) && close_fd (self, error);
      return self->done;
    }
}

void
pursuit_file_writer_free (PursuitFileWriter *self)
{
  if (self == NULL)
    return;

  if (self->mode == WRITE_REMOTE && !self->done && self->stream != NULL)
    {
      /* Closing a replace() stream cancelled keeps the old file. */
      g_autoptr(GCancellable) cancelled = g_cancellable_new ();

      g_cancellable_cancel (cancelled);
      g_output_stream_close (self->stream, cancelled, NULL);
    }
  if (self->part != NULL)
    g_unlink (self->part);
  if (self->fd >= 0)
    close (self->fd);
  g_clear_object (&self->stream);
  g_free (self->part);
  g_free (self->target);
  g_free (self->path);
  g_free (self);
}

gboolean
pursuit_file_replace (GFile       *file,
                      const char  *contents,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(PursuitFileWriter) writer = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (contents != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  writer = pursuit_file_writer_new (file, error);
  return writer != NULL
         && g_output_stream_write_all (writer->stream, contents, length, NULL, NULL, error)
         && pursuit_file_writer_commit (writer, NULL, error);
}

/**
 * pursuit_file_copy_to:
 * @source: a finished local file
 * @dest: where its bytes go
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GIOError
 *
 * Writes the bytes of @source to @dest by the rules of
 * pursuit_file_writer_new(): a character device, a FIFO or standard
 * output gets them in place, a regular file (or where a symbolic link
 * points) is replaced whole, a folder, socket or block device is refused.
 * @source is not changed; the caller removes it when it was temporary.
 *
 * Returns: %TRUE on success; on failure a regular @dest is as it was
 */
gboolean
pursuit_file_copy_to (const char    *source,
                      GFile         *dest,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GFile) source_file = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(PursuitFileWriter) writer = NULL;

  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (dest), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  source_file = g_file_new_for_path (source);
  in = g_file_read (source_file, cancellable, error);
  if (in == NULL)
    return FALSE;
  writer = pursuit_file_writer_new (dest, error);
  if (writer == NULL)
    return FALSE;
  return g_output_stream_splice (writer->stream, G_INPUT_STREAM (in), G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE,
                                 cancellable, error) >= 0
         && pursuit_file_writer_commit (writer, cancellable, error);
}

/* A stream into a print function */

#define PURSUIT_TYPE_PRINT_STREAM (pursuit_print_stream_get_type ())
G_DECLARE_FINAL_TYPE (PursuitPrintStream, pursuit_print_stream, PURSUIT, PRINT_STREAM, GOutputStream)

struct _PursuitPrintStream
{
  GOutputStream   parent_instance;
  void          (*print) (gpointer data, const char *text);
  gpointer        data;
};

G_DEFINE_FINAL_TYPE (PursuitPrintStream, pursuit_print_stream, G_TYPE_OUTPUT_STREAM)

static gssize
pursuit_print_stream_write (GOutputStream  *stream,
                            const void     *buffer,
                            gsize           count,
                            GCancellable   *cancellable,
                            GError        **error)
{
  PursuitPrintStream *self = PURSUIT_PRINT_STREAM (stream);
  g_autofree char *text = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  count = MIN (count, (gsize) G_MAXSSIZE);
  text = g_strndup (buffer, count);
  self->print (self->data, text);
  return count;
}

static void
pursuit_print_stream_class_init (PursuitPrintStreamClass *klass)
{
  G_OUTPUT_STREAM_CLASS (klass)->write_fn = pursuit_print_stream_write;
}

static void
pursuit_print_stream_init (PursuitPrintStream *self)
{
}

GOutputStream *
pursuit_file_new_print_stream (void     (*print) (gpointer    data,
                                                  const char *text),
                               gpointer   data)
{
  PursuitPrintStream *self;

  g_return_val_if_fail (print != NULL, NULL);

  self = g_object_new (PURSUIT_TYPE_PRINT_STREAM, NULL);
  self->print = print;
  self->data = data;
  return G_OUTPUT_STREAM (self);
}
