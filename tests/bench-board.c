/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pursuit-board.h"
#include "pursuit-cli.h"
#include "pursuit-insights-data.h"
#include "pursuit-store.h"
#include "pursuit-window.h"

/* The board with 1,000, 10,000 and 100,000 prospects of 10 touches each:
 * the time to open the database and fill the models (against the same
 * rows read with bare SQLite), the time from process start to the first
 * painted frame (against a bare libadwaita window in a process of its
 * own), the time of a move from drop to commit, the time of the due
 * query and of the insights, and the resident memory. It prints figures;
 * it does not judge them. */

#define TOUCHES_EACH 10
#define N_MOVES      200

static guint n_prospects = 10000;

static gint64 started;

static void
fill (const char *path)
{
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GPtrArray) prospects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  static const char *tiers[] = { "hot", "good", "cool", "cold" };
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  store = pursuit_store_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_prospects; i++)
    {
      g_autofree char *name = g_strdup_printf ("Prospect %05u", i);
      PursuitProspect *p = pursuit_prospect_new (name);

      pursuit_prospect_set_company (p, "Example Ltd");
      pursuit_prospect_set_value (p, 100.0 * (i % 200));
      g_ptr_array_add (prospects, p);
    }
  g_assert_true (pursuit_store_add_many (store, prospects, NULL));
  g_clear_object (&store);

  /* Tiers, due dates and touches straight in SQL: filling is not what is
   * measured. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "UPDATE prospect SET stage = ?1, tier = ?2, next_touch = ?3 WHERE id = ?4", -1,
                      &stmt, NULL);
  for (guint i = 1; i <= n_prospects; i++)
    {
      gboolean inbox = i % 5 == 0;
      sqlite3_bind_text (stmt, 1, inbox ? "inbox" : "active", -1, SQLITE_STATIC);
      if (inbox)
        sqlite3_bind_null (stmt, 2);
      else
        sqlite3_bind_text (stmt, 2, tiers[i % 4], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, now + (gint64) (i % 400 - 30) * 86400);
      sqlite3_bind_int64 (stmt, 4, i);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_prepare_v2 (db, "INSERT INTO touch (prospect_id, happened_at, channel, direction, outcome, note) "
                          "VALUES (?1, ?2, 'call', 'out', 'no-answer', '')", -1, &stmt, NULL);
  for (guint i = 0; i < n_prospects * TOUCHES_EACH; i++)
    {
      sqlite3_bind_int64 (stmt, 1, 1 + i % n_prospects);
      sqlite3_bind_int64 (stmt, 2, now - (gint64) (i % 300) * 86400);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (db);
}

static long
resident_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + strlen ("VmRSS:"), NULL, 10) : -1;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Presents @window and runs the main loop until its first frame is
 * painted; returns the milliseconds since the process started. */
static double
present_until_painted (GtkWindow *window)
{
  gboolean painted = FALSE;
  GdkFrameClock *clock;
  gulong handler;
  double ms;

  gtk_widget_realize (GTK_WIDGET (window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_window_present (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  ms = (g_get_monotonic_time () - started) / 1000.0;
  g_signal_handler_disconnect (clock, handler);
  return ms;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return (da > db) - (da < db);
}

static int
run_bare (void)
{
  GtkWidget *window;

  adw_init ();
  window = adw_application_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), adw_header_bar_new ());
  g_print ("%.1f\n", present_until_painted (GTK_WINDOW (window)));
  return 0;
}

static void
discard (gpointer    data,
         const char *text)
{
  *(gsize *) data += strlen (text);
}

static void
insights_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PursuitInsights **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = pursuit_store_load_insights_finish (PURSUIT_STORE (source), result, &error);
  g_assert_no_error (error);
}

static gboolean
settled_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds. */
static void
settle (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, settled_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* The rows the store loads at open, read with bare SQLite. */
static double
bare_sqlite_ms (const char *path)
{
  gint64 t0 = g_get_monotonic_time ();
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gsize bytes = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, name, company, email, phone, source, notes, stage, tier, "
                                           "value, attempts, attempt_limit, next_touch, next_touch_manual, "
                                           "callback_at, next_channel, close_reason, revisit_at, created_at, "
                                           "updated_at FROM prospect ORDER BY id", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int c = 0; c < sqlite3_column_count (stmt); c++)
      bytes += sqlite3_column_bytes (stmt, c);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (bytes, >, 0);
  return (g_get_monotonic_time () - t0) / 1000.0;
}

static int
run_board (const char *path)
{
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) moves = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GDateTime) unused = NULL;
  PursuitWindow *window;
  PursuitBoard *board;
  double opened, painted;

  double bare_ms, open_ms, due_ms, insights_ms;
  PursuitInsightsParams params;
  PursuitInsights *insights = NULL;
  gsize due_bytes = 0;
  PursuitCliOutput sink = { discard, discard, &due_bytes };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gint64 t0;

  adw_init ();
  t0 = g_get_monotonic_time ();
  store = pursuit_store_open (path, &error);
  g_assert_no_error (error);
  open_ms = (g_get_monotonic_time () - t0) / 1000.0;
  opened = (g_get_monotonic_time () - started) / 1000.0;
  window = pursuit_window_new (NULL, store, NULL);
  painted = present_until_painted (GTK_WINDOW (window));
  board = PURSUIT_BOARD (pursuit_window_get_board (window));
  /* Let what waits for the first frame happen (the Insights view loads in
   * a thread) before measuring moves. */
  settle (2000);

  for (guint i = 0; i < N_MOVES; i++)
    {
      g_autoptr(PursuitProspect) prospect =
        g_list_model_get_item (pursuit_stage_column_get_shown_model (pursuit_board_get_column (board, 1 + i % 4)), 0);
      PursuitStageColumn *to = pursuit_board_get_column (board, 1 + (i + 1) % 4);
      gint64 dropped = g_get_monotonic_time ();
      double ms;

      g_assert_true (pursuit_stage_column_drop (to, prospect));
      ms = (g_get_monotonic_time () - dropped) / 1000.0;
      g_array_append_val (moves, ms);
    }
  g_array_sort (moves, compare_doubles);

  /* After the frame, so that it does not count towards it. */
  bare_ms = bare_sqlite_ms (path);

  t0 = g_get_monotonic_time ();
  pursuit_cli_print_due (pursuit_store_get_prospects (store), now, &sink);
  due_ms = (g_get_monotonic_time () - t0) / 1000.0;

  pursuit_insights_params_init_default (&params, g_get_real_time () / G_USEC_PER_SEC);
  t0 = g_get_monotonic_time ();
  pursuit_store_load_insights_async (store, &params, NULL, insights_cb, &insights);
  while (insights == NULL)
    g_main_context_iteration (NULL, TRUE);
  insights_ms = (g_get_monotonic_time () - t0) / 1000.0;
  pursuit_insights_free (insights);

  g_print ("%.1f %.1f %.2f %.2f %ld %.1f %.1f %.2f %.1f\n", opened, painted, g_array_index (moves, double, N_MOVES / 2),
           g_array_index (moves, double, N_MOVES * 95 / 100), resident_kib (), open_ms, bare_ms, due_ms,
           insights_ms);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

/* The window until its first frame, and no further: what callgrind
 * should count (`valgrind --tool=callgrind bench-board --first-frame
 * FILE`). Prints the milliseconds since the process started and the
 * resident memory in KiB. */
static int
run_first_frame (const char *path)
{
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GError) error = NULL;
  PursuitWindow *window;
  double painted;

  adw_init ();
  store = pursuit_store_open_quick (path, &error);
  g_assert_no_error (error);
  window = pursuit_window_new (NULL, store, NULL);
  painted = present_until_painted (GTK_WINDOW (window));
  g_print ("%.1f %ld\n", painted, resident_kib ());
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

static char *
run_child (const char *self,
           const char *mode,
           const char *path)
{
  const char *argv[] = { self, mode, path, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strstrip (g_steal_pointer (&out));
}

static void
remove_database (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

int
main (int   argc,
      char *argv[])
{
  static const guint default_sizes[] = { 1000, 10000, 100000 };
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *bare = NULL;
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  double bare_frame;

  started = g_get_monotonic_time ();
  if (argc > 1 && g_str_equal (argv[1], "--bare"))
    return run_bare ();
  if (argc > 2 && g_str_equal (argv[1], "--board"))
    return run_board (argv[2]);
  if (argc > 2 && g_str_equal (argv[1], "--first-frame"))
    return run_first_frame (argv[2]);
  /* A file to measure from outside: --fill PATH N makes N prospects of
   * ten touches each. */
  if (argc > 3 && g_str_equal (argv[1], "--fill"))
    {
      n_prospects = (guint) g_ascii_strtoull (argv[3], NULL, 10);
      remove_database (argv[2]);
      fill (argv[2]);
      return 0;
    }

  /* Sizes from the command line, or the three of the README. */
  for (int i = 1; i < argc; i++)
    {
      guint n = (guint) g_ascii_strtoull (argv[i], NULL, 10);
      if (n > 0)
        g_array_append_val (sizes, n);
    }
  if (sizes->len == 0)
    g_array_append_vals (sizes, default_sizes, G_N_ELEMENTS (default_sizes));

  dir = g_dir_make_tmp ("pursuit-bench-XXXXXX", NULL);
  path = g_build_filename (dir, "pursuit.db", NULL);

  /* Each in a fresh process, so both pay GTK's start-up. */
  bare = run_child (argv[0], "--bare", path);
  bare_frame = g_ascii_strtod (bare, NULL);
  g_print ("bare libadwaita window, first frame: %.1f ms\n\n", bare_frame);
  g_print ("%10s %9s %9s %7s %9s %7s %13s %8s %10s %8s\n", "prospects", "open ms", "SQLite ms", "ratio",
           "frame ms", "× bare", "move ms p50/95", "due ms", "insights", "RSS MiB");

  for (guint k = 0; k < sizes->len; k++)
    {
      g_autofree char *board = NULL;
      double opened = 0, frame = 0, move_median = 0, move_p95 = 0, open_ms = 0, sqlite_ms = 0, due_ms = 0,
             insights_ms = 0;
      long rss = 0;

      n_prospects = g_array_index (sizes, guint, k);
      remove_database (path);
      fill (path);
      board = run_child (argv[0], "--board", path);
      sscanf (board, "%lf %lf %lf %lf %ld %lf %lf %lf %lf", &opened, &frame, &move_median, &move_p95, &rss, &open_ms,
              &sqlite_ms, &due_ms, &insights_ms);
      g_print ("%10u %9.1f %9.1f %6.1f× %9.1f %6.2f× %6.2f / %5.2f %8.2f %7.1f ms %8.1f\n", n_prospects, open_ms,
               sqlite_ms, sqlite_ms > 0 ? open_ms / sqlite_ms : 0, frame, bare_frame > 0 ? frame / bare_frame : 0,
               move_median, move_p95, due_ms, insights_ms, rss / 1024.0);
    }

  remove_database (path);
  g_rmdir (dir);
  return 0;
}
