/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pursuit-insights-data.h"
#include "pursuit-store.h"

/* Fills a database with 10,000 prospects and 100,000 touches, then times
 * the Insights fill: from the asynchronous call to its result in the main
 * context (the load on its own connection and the statistics, in the
 * GTask thread). Target: under 200 ms. */

#define N_PROSPECTS 10000
#define N_TOUCHES   100000
#define N_RUNS      7
#define DAY         86400

static void
fill (const char *path)
{
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GPtrArray) prospects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  static const char *stages[] = { "customer", "closed", "closed", "active", "active", "active", "inbox" };
  static const char *tiers[] = { "hot", "good", "cool", "cold" };
  static const char *reasons[] = { "no-response", "firm-no", "not-serious", "no-value-seen" };
  static const char *channels[] = { "call", "email", "voicemail", "letter", "social" };
  static const char *outcomes[] = { "no-answer", "no-answer", "left-message", "no-answer", "replied", "no-answer",
                                    "meeting", "no-answer", "callback-requested", "won" };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  store = pursuit_store_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_PROSPECTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Prospect %05u", i);
      PursuitProspect *p = pursuit_prospect_new (name);

      pursuit_prospect_set_value (p, 100.0 * (i % 200));
      g_ptr_array_add (prospects, p);
    }
  g_assert_true (pursuit_store_add_many (store, prospects, NULL));
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "UPDATE prospect SET stage = ?1, tier = ?2, close_reason = ?3, updated_at = ?4, "
                      "created_at = ?5 WHERE id = ?6", -1, &stmt, NULL);
  for (guint i = 1; i <= N_PROSPECTS; i++)
    {
      const char *stage = stages[i % G_N_ELEMENTS (stages)];

      sqlite3_bind_text (stmt, 1, stage, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, g_str_equal (stage, "active") ? tiers[i % 4] : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, g_str_equal (stage, "closed") ? reasons[i % 4] : "", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, now - (gint64) (i % 400) * DAY);
      sqlite3_bind_int64 (stmt, 5, now - (gint64) (400 + i % 300) * DAY);
      sqlite3_bind_int64 (stmt, 6, i);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_prepare_v2 (db, "INSERT INTO touch (prospect_id, happened_at, channel, direction, outcome, note) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, '')", -1, &stmt, NULL);
  for (guint i = 0; i < N_TOUCHES; i++)
    {
      sqlite3_bind_int64 (stmt, 1, 1 + i % N_PROSPECTS);
      sqlite3_bind_int64 (stmt, 2, now - (gint64) (700 - i / N_PROSPECTS * 30) * DAY);
      sqlite3_bind_text (stmt, 3, channels[i % G_N_ELEMENTS (channels)], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, i % 13 == 0 ? "in" : "out", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, outcomes[(i / 7) % G_N_ELEMENTS (outcomes)], -1, SQLITE_STATIC);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (db);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  PursuitInsights **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = pursuit_store_load_insights_finish (PURSUIT_STORE (source), result, &error);
  g_assert_no_error (error);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("pursuit-bench-insights-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pursuit.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GError) error = NULL;
  PursuitInsightsParams params;
  double fill_ms[N_RUNS], load_ms[N_RUNS];

  fill (path);
  store = pursuit_store_open (path, &error);
  g_assert_no_error (error);
  pursuit_insights_params_init_default (&params, g_get_real_time () / G_USEC_PER_SEC);

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr(PursuitInsightsData) data = NULL;
      PursuitInsights *insights = NULL;
      gint64 start = g_get_monotonic_time ();

      pursuit_store_load_insights_async (store, &params, NULL, loaded_cb, &insights);
      while (insights == NULL)
        g_main_context_iteration (NULL, TRUE);
      fill_ms[run] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_cmpuint (insights->n_prospects, ==, N_PROSPECTS);
      g_assert_cmpuint (insights->n_attempts + insights->channels[0].touches, >, 0);
      pursuit_insights_free (insights);

      start = g_get_monotonic_time ();
      data = pursuit_insights_data_load (path, &error);
      g_assert_no_error (error);
      load_ms[run] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_cmpuint (data->touches->len, ==, N_TOUCHES);
    }
  qsort (fill_ms, N_RUNS, sizeof (double), compare_doubles);
  qsort (load_ms, N_RUNS, sizeof (double), compare_doubles);
  g_print ("insights of %d prospects, %d touches: filled in %.1f ms median, %.1f ms slowest "
           "(of which loading %.1f ms median); target < 200 ms\n",
           N_PROSPECTS, N_TOUCHES, fill_ms[N_RUNS / 2], fill_ms[N_RUNS - 1], load_ms[N_RUNS / 2]);

  g_clear_object (&store);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (dir);
  /* Figures, not a verdict: a busy machine must not fail a build. */
  return 0;
}
