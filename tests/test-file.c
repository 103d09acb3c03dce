/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test"

/* mkfifo(), symlink() and sockets with -std=c17 */
#define _DEFAULT_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "pursuit-csv.h"
#include "pursuit-file.h"
#include "pursuit-store.h"
#include "test-util.h"

/* Writing files whole (src/io/pursuit-file.c), whatever the path names: a
 * file, a link, a device, a FIFO, standard output, or something that must
 * be refused; and what an export leaves behind when it is killed. */

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = pursuit_test_make_dir ("test-file");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pursuit_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gboolean
replace (const char  *path,
         const char  *text,
         GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return pursuit_file_replace (file, text, strlen (text), error);
}

static char *
contents_of (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

static guint
n_entries (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
assert_char_device (const char *path)
{
  struct stat st;

  g_assert_cmpint (lstat (path, &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
}

static void
test_regular (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "out.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  struct stat st;

  g_assert_true (replace (path, "one", &error));
  g_assert_no_error (error);
  first = contents_of (path);
  g_assert_cmpstr (first, ==, "one");
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A file the user made readable stays so. */
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_true (replace (path, "two", &error));
  second = contents_of (path);
  g_assert_cmpstr (second, ==, "two");
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);
  g_assert_cmpuint (n_entries (f->dir), ==, 1);
}

/* An export onto a link writes the file it points to; the link stays. */
static void
test_symlink (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *sub = g_build_filename (f->dir, "real", NULL);
  g_autofree char *target = g_build_filename (sub, "target.csv", NULL);
  g_autofree char *link = g_build_filename (f->dir, "link.csv", NULL);
  g_autofree char *dangling = g_build_filename (f->dir, "dangling.csv", NULL);
  g_autofree char *dangling_target = g_build_filename (sub, "new.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *created = NULL;
  struct stat st;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_true (g_file_set_contents (target, "old", -1, NULL));
  g_assert_cmpint (symlink ("real/target.csv", link), ==, 0);

  g_assert_true (replace (link, "new", &error));
  g_assert_no_error (error);
  g_assert_cmpint (lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  text = contents_of (target);
  g_assert_cmpstr (text, ==, "new");
  g_assert_cmpuint (n_entries (sub), ==, 1);

  g_assert_cmpint (symlink (dangling_target, dangling), ==, 0);
  g_assert_true (replace (dangling, "made", &error));
  g_assert_no_error (error);
  g_assert_cmpint (lstat (dangling, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  created = contents_of (dangling_target);
  g_assert_cmpstr (created, ==, "made");
}

static void
test_dev_null (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_test ("/dev/null", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/null");
      return;
    }
  g_assert_true (replace ("/dev/null", "nothing", &error));
  g_assert_no_error (error);
  assert_char_device ("/dev/null");
}

static void
test_dev_full (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full");
      return;
    }
  g_assert_false (replace ("/dev/full", "too much", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, "/dev/full"));
  g_assert_nonnull (strstr (error->message, "disk is full"));
  assert_char_device ("/dev/full");
}

static gpointer
read_fifo (gpointer data)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (data, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
test_fifo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "pipe", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;
  GThread *reader;
  struct stat st;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  reader = g_thread_new ("reader", read_fifo, fifo);
  g_assert_true (replace (fifo, "through the pipe", &error));
  g_assert_no_error (error);
  got = g_thread_join (reader);
  g_assert_cmpstr (got, ==, "through the pipe");
  g_assert_cmpint (lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_assert_cmpuint (n_entries (f->dir), ==, 1);
}

/* Standard output, however it is spelled, is written through the
 * descriptor: here a file the "shell" opened, which is not replaced. */
static void
test_stdout (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "redirected", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  struct stat before, after;
  int saved = dup (STDOUT_FILENO);
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (fstat (fd, &before), ==, 0);
  fflush (stdout);
  g_assert_cmpint (dup2 (fd, STDOUT_FILENO), ==, STDOUT_FILENO);
  close (fd);
  g_assert_true (replace ("/dev/stdout", "one,", &error));
  g_assert_true (replace ("/dev/fd/1", "two,", &error));
  g_assert_true (replace ("/proc/self/fd/1", "three", &error));
  g_assert_cmpint (dup2 (saved, STDOUT_FILENO), ==, STDOUT_FILENO);
  close (saved);
  g_assert_no_error (error);

  text = contents_of (path);
  g_assert_cmpstr (text, ==, "one,two,three");
  g_assert_cmpint (stat (path, &after), ==, 0);
  g_assert_cmpint (after.st_ino, ==, before.st_ino);
}

static void
assert_refused (const char *path,
                int         code,
                const char *fragment)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (replace (path, "x", &error));
  g_assert_error (error, G_IO_ERROR, code);
  g_assert_nonnull (strstr (error->message, fragment));
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *socket_path = g_build_filename (f->dir, "sock", NULL);
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int sock = socket (AF_UNIX, SOCK_STREAM, 0);
  struct stat st;

  g_assert_cmpint (sock, >=, 0);
  g_strlcpy (addr.sun_path, socket_path, sizeof addr.sun_path);
  g_assert_cmpint (bind (sock, (struct sockaddr *) &addr, sizeof addr), ==, 0);

  assert_refused (socket_path, G_IO_ERROR_NOT_REGULAR_FILE, "socket");
  assert_refused (f->dir, G_IO_ERROR_IS_DIRECTORY, "folder");
  g_assert_cmpint (lstat (socket_path, &st), ==, 0);
  g_assert_true (S_ISSOCK (st.st_mode));
  g_assert_cmpuint (n_entries (f->dir), ==, 1);
  close (sock);

  if (g_file_test ("/dev/loop0", G_FILE_TEST_EXISTS) && lstat ("/dev/loop0", &st) == 0 && S_ISBLK (st.st_mode))
    assert_refused ("/dev/loop0", G_IO_ERROR_NOT_REGULAR_FILE, "disk device");
}

/* The temporary file of an export killed halfway is removed by the next
 * export to the same place; another name's, or a locked one (an export
 * still running), is left alone. */
static void
test_leftovers (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *leftover = g_build_filename (f->dir, ".out.csv.pursuit-Ab12Z9", NULL);
  g_autofree char *other = g_build_filename (f->dir, ".other.csv.pursuit-Ab12Z9", NULL);
  g_autofree char *mine = g_build_filename (f->dir, "out.csv.backup", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PursuitFileWriter) writer = NULL;
  g_autoptr(GFile) file = NULL;

  g_assert_true (g_file_set_contents (leftover, "27 MB of half an export", -1, NULL));
  g_assert_true (g_file_set_contents (other, "x", -1, NULL));
  g_assert_true (g_file_set_contents (mine, "the user's", -1, NULL));

  /* An export running now holds its temporary file. */
  file = g_file_new_for_path (path);
  writer = pursuit_file_writer_new (file, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (leftover, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (n_entries (f->dir), ==, 3);

  g_assert_true (replace (path, "done", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_entries (f->dir), ==, 4);
  g_clear_pointer (&writer, pursuit_file_writer_free);
  g_assert_cmpuint (n_entries (f->dir), ==, 3);
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (mine, G_FILE_TEST_EXISTS));
}

/* A failed write leaves the old file and nothing beside it. */
static void
test_abandoned (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "out.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(PursuitFileWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  writer = pursuit_file_writer_new (file, &error);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (pursuit_file_writer_get_stream (writer), "half", 4, NULL, NULL,
                                            &error));
  g_clear_pointer (&writer, pursuit_file_writer_free);
  text = contents_of (path);
  g_assert_cmpstr (text, ==, "old");
  g_assert_cmpuint (n_entries (f->dir), ==, 1);
}

/* A file that became something else while the export ran is not
 * renamed over. */
static void
test_changed_under (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "out.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(PursuitFileWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  writer = pursuit_file_writer_new (file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);

  g_assert_false (pursuit_file_writer_commit (writer, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_pointer (&writer, pursuit_file_writer_free);
  g_assert_cmpint (lstat (path, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_assert_cmpuint (n_entries (f->dir), ==, 1);
}

/* What --backup uses to reach a special file. */
static void
test_copy_to (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *source = g_build_filename (f->dir, "made.db", NULL);
  g_autofree char *dest_path = g_build_filename (f->dir, "copy.db", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (dest_path);
  g_autoptr(GFile) full = g_file_new_for_path ("/dev/full");
  g_autoptr(GFile) null = g_file_new_for_path ("/dev/null");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_file_set_contents (source, "database bytes", -1, NULL));
  g_assert_true (pursuit_file_copy_to (source, dest, NULL, &error));
  g_assert_no_error (error);
  text = contents_of (dest_path);
  g_assert_cmpstr (text, ==, "database bytes");
  g_assert_true (g_file_test (source, G_FILE_TEST_EXISTS));

  g_assert_true (pursuit_file_copy_to (source, null, NULL, &error));
  g_assert_no_error (error);
  assert_char_device ("/dev/null");
  g_assert_false (pursuit_file_copy_to (source, full, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  assert_char_device ("/dev/full");
}

/* The command line on /dev/full and /dev/null: a message about the disk,
 * a failure, and the devices still devices. */
static void
test_cli_devices (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->dir, "pursuit.db", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "in.csv", NULL);

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full");
      return;
    }
  g_assert_true (g_file_set_contents (csv, "name\nAnn\n", -1, NULL));

  {
    g_auto(PursuitTestRun) run = { 0 };

    pursuit_test_run_pursuit (&run, "--database", db, "--import-csv", csv, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(PursuitTestRun) run = { 0 };

    pursuit_test_run_pursuit (&run, "--database", db, "--export-csv", "/dev/full", NULL);
    g_assert_cmpint (run.status, !=, 0);
    g_assert_nonnull (strstr (run.err, "disk is full"));
    assert_char_device ("/dev/full");
  }
  {
    g_auto(PursuitTestRun) run = { 0 };

    pursuit_test_run_pursuit (&run, "--database", db, "--export-ics", "/dev/null", "--export-touches",
                              "/dev/null", NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_char_device ("/dev/null");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define TEST(path, func) g_test_add ("/io/file/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  TEST ("regular", test_regular);
  TEST ("symlink", test_symlink);
  TEST ("dev-null", test_dev_null);
  TEST ("dev-full", test_dev_full);
  TEST ("fifo", test_fifo);
  TEST ("stdout", test_stdout);
  TEST ("refused", test_refused);
  TEST ("leftovers", test_leftovers);
  TEST ("abandoned", test_abandoned);
  TEST ("changed-under", test_changed_under);
  TEST ("copy-to", test_copy_to);
  TEST ("cli-devices", test_cli_devices);
#undef TEST
  return g_test_run ();
}
