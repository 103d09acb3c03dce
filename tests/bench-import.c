/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>

#include <sqlite3.h>

#include "pursuit-import.h"
#include "pursuit-store.h"

/* An import of another tool's export (HubSpot's columns, N rows) against
 * a bare SQLite insert of the same rows in one transaction: the preview
 * (reading the head of the file, decoding it, finding the layout and the
 * first rows: what the import dialog shows first), then the whole import
 * into a new database as the import dialog runs it (a thread reading the
 * file while another matches duplicates and writes), with the longest
 * wait of the main loop meanwhile.
 * Times are wall-clock and, since the machine may be busy, CPU time of
 * the process too.
 *
 *   bench-import [N]   N rows (default 100000; PURSUIT_BENCH_N too), the
 *                      best of PURSUIT_BENCH_REPS runs (default 3)
 *
 * Prints the figures; never fails on them. */

#define DEFAULT_N 100000
#define DEFAULT_REPS 3

/* The load of the machine over the last minute, as the figures depend on
 * it: the import runs in two threads. */
static char *
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("unknown");
  return g_strndup (text, strcspn (text, " "));
}

/* Milliseconds of CPU time the process has used, all threads. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

typedef struct
{
  gboolean          done;
  gint64            last_tick;
  gint64            longest_wait;
  PursuitCsvReport *report;
  GError           *error;
} Run;

static gboolean
tick_cb (gpointer data)
{
  Run *run = data;
  gint64 now = g_get_monotonic_time ();

  run->longest_wait = MAX (run->longest_wait, now - run->last_tick);
  run->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Run *run = data;

  pursuit_import_file_finish (PURSUIT_STORE (source), result, &run->report, &run->error);
  run->done = TRUE;
}

/* As the import dialog runs it, the main loop turning meanwhile. */
static void
import_in_thread (PursuitStore              *store,
                  GFile                     *file,
                  const PursuitImportLayout *layout,
                  Run                       *run)
{
  guint tick;

  run->last_tick = g_get_monotonic_time ();
  tick = g_timeout_add (5, tick_cb, run);
  pursuit_import_file_async (store, file, layout, PURSUIT_CSV_ON_DUPLICATE_SKIP, NULL, NULL, NULL, imported_cb, run);
  while (!run->done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

static char *
write_file (const char *dir,
            guint       n)
{
  g_autoptr(GString) text = g_string_new ("Record ID,First Name,Last Name,Email,Phone Number,Company Name,"
                                          "Lifecycle Stage,Contact owner,Amount\r\n");
  char *path = g_build_filename (dir, "hubspot.csv", NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%u,First%u,Last%u,p%u@example%u.com,+1 555 %07u,Company %u,Lead,Sam Reyes,%u.50\r\n",
                            i, i, i, i, i % 977, i, i % 5000, i % 9000);
  g_assert_true (g_file_set_contents (path, text->str, text->len, &error));
  return path;
}

/* Removes the database @path and its WAL. */
static void
remove_database (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

/* The rows as plain SQL inserts, one transaction, one prepared statement. */
static double
bare_insert (const char *dir,
             guint       n,
             double     *cpu)
{
  g_autofree char *path = g_build_filename (dir, "bare.db", NULL);
  gint64 start = g_get_monotonic_time ();
  double cpu_start = cpu_ms ();
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  double ms;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA journal_mode=WAL; CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT, company TEXT, "
                    "email TEXT, phone TEXT, value REAL, notes TEXT)",
                NULL, NULL, NULL);
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO p (name, company, email, phone, value, notes) VALUES (?, ?, ?, ?, ?, ?)",
                      -1, &stmt, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("First%u Last%u", i, i);
      g_autofree char *company = g_strdup_printf ("Company %u", i % 5000);
      g_autofree char *email = g_strdup_printf ("p%u@example%u.com", i, i % 977);
      g_autofree char *phone = g_strdup_printf ("+1 555 %07u", i);
      g_autofree char *notes = g_strdup_printf ("Record ID: %u\nLifecycle Stage: Lead\nContact owner: Sam Reyes", i);

      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, company, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, email, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, phone, -1, SQLITE_TRANSIENT);
      sqlite3_bind_double (stmt, 5, i % 9000 + 0.5);
      sqlite3_bind_text (stmt, 6, notes, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (db);
  *cpu = cpu_ms () - cpu_start;
  ms = (g_get_monotonic_time () - start) / 1000.0;
  remove_database (path);
  return ms;
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

/* One import into a new database; its wall-clock milliseconds. */
static double
import_once (const char                *dir,
             GFile                     *file,
             const PursuitImportLayout *layout,
             guint                      n,
             double                    *cpu,
             double                    *longest_wait)
{
  g_autofree char *db = g_build_filename (dir, "pursuit.db", NULL);
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { 0 };
  double cpu_start, ms;
  gint64 start;

  store = pursuit_store_open (db, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  cpu_start = cpu_ms ();
  import_in_thread (store, file, layout, &run);
  g_assert_no_error (run.error);
  *cpu = cpu_ms () - cpu_start;
  ms = (g_get_monotonic_time () - start) / 1000.0;
  *longest_wait = run.longest_wait / 1000.0;
  g_assert_cmpuint (run.report->imported, ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (store)), ==, n);
  pursuit_csv_report_free (run.report);
  g_clear_object (&store);
  remove_database (db);
  return ms;
}

static double
preview (GFile                *file,
         guint                 n,
         PursuitImportLayout **layout)
{
  g_autoptr(GBytes) text = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  const char *data;
  gsize length;

  *layout = pursuit_import_load (file, &text, NULL, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (text, &length);
  rows = pursuit_import_layout_preview (*layout, data, length, 3);
  g_assert_cmpuint (rows->len, ==, MIN (n, 3));
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  const char *env = g_getenv ("PURSUIT_BENCH_N");
  const char *reps_env = g_getenv ("PURSUIT_BENCH_REPS");
  guint n = argc > 1 ? atoi (argv[1]) : env != NULL ? atoi (env) : DEFAULT_N;
  guint reps = MAX (reps_env != NULL ? atoi (reps_env) : DEFAULT_REPS, 1);
  g_autofree char *dir = g_dir_make_tmp ("bench-import-XXXXXX", NULL);
  g_autofree char *csv = write_file (dir, n);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  g_autoptr(PursuitImportLayout) layout = NULL;
  g_autofree char *load_before = load_average ();
  g_autofree char *load_after = NULL;
  double preview_ms = G_MAXDOUBLE, import_ms = G_MAXDOUBLE, import_cpu = G_MAXDOUBLE;
  double bare_ms = G_MAXDOUBLE, bare_cpu = G_MAXDOUBLE, longest_wait = 0;

  for (guint rep = 0; rep < reps; rep++)
    {
      g_autoptr(PursuitImportLayout) found = NULL;
      double ms, cpu, wait;

      preview_ms = MIN (preview_ms, preview (file, n, &found));
      if (layout == NULL)
        layout = g_steal_pointer (&found);
      /* The two in turn, so that a busy spell of the machine weighs on
       * both alike; the best of each is the nearest to an idle machine. */
      ms = import_once (dir, file, layout, n, &cpu, &wait);
      printf ("run %u: import %.0f ms (CPU %.0f ms)", rep + 1, ms, cpu);
      import_ms = MIN (import_ms, ms);
      import_cpu = MIN (import_cpu, cpu);
      longest_wait = MAX (longest_wait, wait);
      ms = bare_insert (dir, n, &cpu);
      printf (", bare insert %.0f ms (CPU %.0f ms)\n", ms, cpu);
      bare_ms = MIN (bare_ms, ms);
      bare_cpu = MIN (bare_cpu, cpu);
    }
  load_after = load_average ();
  printf ("rows: %u, best of %u runs (load average before: %s, after: %s; %u processors)\n", n, reps, load_before,
          load_after, g_get_num_processors ());
  printf ("preview (head of the file read, decoded, layout found, first rows): %.0f ms\n", preview_ms);
  printf ("import in two threads, as the dialog runs it: %.0f ms (CPU %.0f ms)\n", import_ms, import_cpu);
  printf ("longest wait of the main loop meanwhile: %.0f ms\n", longest_wait);
  printf ("bare SQLite insert of the same rows: %.0f ms (CPU %.0f ms)\n", bare_ms, bare_cpu);
  printf ("import / bare insert: %.2f (CPU %.2f)\n", import_ms / bare_ms, import_cpu / bare_cpu);

  remove_dir (dir);
  return 0;
}
