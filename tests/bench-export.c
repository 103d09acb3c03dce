/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-bench"

/* fork(), wait4() with -std=c17 */
#define _DEFAULT_SOURCE

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "pursuit-csv.h"
#include "pursuit-ics.h"
#include "pursuit-store.h"

/* Peak memory of the exports against that of opening the same database:
 * each runs in a fresh process (this program run again), whose maximum
 * resident set size (ru_maxrss) comes back through wait4(). Exports
 * stream row by row, so each should stay within twice the opening.
 *
 *   bench-export [N]   N prospects (default 100000; PURSUIT_BENCH_N too)
 *
 * Prints the figures; never fails on them. */

#define DEFAULT_N 100000
#define BATCH     10000

static void
fill (const char *path,
      guint       n)
{
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  store = pursuit_store_open (path, &error);
  g_assert_no_error (error);
  for (guint done = 0; done < n;)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

      for (; done < n && batch->len < BATCH; done++)
        {
          g_autofree char *name = g_strdup_printf ("Prospect %07u", done);
          g_autofree char *email = g_strdup_printf ("p%u@example.com", done);
          g_autoptr(GDateTime) due = g_date_time_add_days (now, done % 90);
          PursuitProspect *p = pursuit_prospect_new (name);

          pursuit_prospect_set_company (p, "Example Industries");
          pursuit_prospect_set_email (p, email);
          pursuit_prospect_set_phone (p, "+44 20 7946 0958");
          pursuit_prospect_set_notes (p, "Met at the trade fair; asked for a quote in spring.");
          pursuit_prospect_set_value (p, 100.0 * (done % 200));
          pursuit_prospect_set_stage (p, PURSUIT_STAGE_ACTIVE);
          pursuit_prospect_set_tier (p, 1 + done % 4);
          pursuit_prospect_set_next_touch (p, due);
          g_ptr_array_add (batch, p);
        }
      g_assert_true (pursuit_store_add_many (store, batch, &error));
      g_assert_no_error (error);
    }
}

/* In the child: open @db, then do @what. */
static int
run_child (const char *what,
           const char *db,
           const char *out)
{
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (out);
  g_autoptr(GError) error = NULL;

  store = pursuit_store_open (db, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (g_str_equal (what, "csv"))
    pursuit_csv_export (pursuit_store_get_prospects (store), file, &error);
  else if (g_str_equal (what, "ics"))
    pursuit_ics_export (store, file, &error);
  if (error != NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

/* Peak RSS in KiB of `self child WHAT DB OUT`, and its wall time. */
static long
measure (const char *self,
         const char *what,
         const char *db,
         const char *out,
         double     *seconds)
{
  gint64 start = g_get_monotonic_time ();
  struct rusage usage;
  int status;
  pid_t pid;

  fflush (NULL);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      execl (self, self, "child", what, db, out, (char *) NULL);
      _exit (127);
    }
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  *seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    return -1;
  return usage.ru_maxrss;
}

static guint
n_prospects (int    argc,
             char **argv)
{
  const char *text = argc > 1 ? argv[1] : g_getenv ("PURSUIT_BENCH_N");
  guint64 n = DEFAULT_N;

  if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &n, NULL))
    {
      g_printerr ("usage: %s [N]\n", argv[0]);
      exit (2);
    }
  return (guint) n;
}

int
main (int   argc,
      char *argv[])
{
  static const char *const whats[] = { "open", "csv", "ics" };
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *out = NULL;
  g_autofree char *self = NULL;
  long open_kib = -1;
  guint n;

  if (argc == 5 && g_str_equal (argv[1], "child"))
    return run_child (argv[2], argv[3], argv[4]);

  n = n_prospects (argc, argv);
  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL)
    self = g_strdup (argv[0]);
  dir = g_dir_make_tmp ("bench-export-XXXXXX", NULL);
  g_assert_nonnull (dir);
  db = g_build_filename (dir, "pursuit.db", NULL);
  out = g_build_filename (dir, "export", NULL);

  g_print ("Filling a database with %u prospects...\n", n);
  fill (db, n);

  for (guint i = 0; i < G_N_ELEMENTS (whats); i++)
    {
      double seconds = 0;
      long kib = measure (self, whats[i], db, out, &seconds);
      GStatBuf st;

      if (i == 0)
        open_kib = kib;
      if (kib < 0)
        g_print ("%-5s failed\n", whats[i]);
      else if (i == 0)
        g_print ("%-5s peak %7.1f MiB  %5.2f s\n", whats[i], kib / 1024.0, seconds);
      else
        g_print ("%-5s peak %7.1f MiB  %5.2f s  %.2fx opening  file %.1f MiB\n", whats[i], kib / 1024.0,
                 seconds, open_kib > 0 ? (double) kib / open_kib : 0,
                 g_stat (out, &st) == 0 ? st.st_size / (1024.0 * 1024.0) : 0);
      g_unlink (out);
    }

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strconcat (db, (const char *[]) { "", "-wal", "-shm" }[i], NULL);

      g_unlink (name);
    }
  g_rmdir (dir);
  return 0;
}
