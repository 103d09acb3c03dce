/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test"

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "pursuit-application.h"
#include "pursuit-store.h"
#include "pursuit-window.h"
#include "test-util.h"

#define PAGE_SIZE 4096

typedef struct
{
  char   *dir;
  char   *path;
  char   *contents;   /* the damaged file as written */
  gsize   length;
  char   *refusal;    /* what a full open says of it */
} Fixture;

/* Messages of the store and the application, in order, from any thread. */
static GMutex log_lock;
static GPtrArray *log_lines;

static void
log_cb (const char     *domain,
        GLogLevelFlags  level,
        const char     *message,
        gpointer        data)
{
  g_mutex_lock (&log_lock);
  g_ptr_array_add (log_lines, g_strdup (message));
  g_mutex_unlock (&log_lock);
}

/* The refusal's warning is expected here, and so is GTK's about the
 * error page's icon where no SVG loader is installed. */
static gboolean
fatal_cb (const char     *domain,
          GLogLevelFlags  level,
          const char     *message,
          gpointer        data)
{
  return g_strcmp0 (domain, "pursuit-application") != 0 &&
         !(g_str_equal (domain, "Gtk") && g_str_has_prefix (message, "Failed to load icon"));
}

static int
index_of (const char *suffix)
{
  int found = -1;

  g_mutex_lock (&log_lock);
  for (guint i = 0; i < log_lines->len && found < 0; i++)
    if (g_str_has_suffix (log_lines->pdata[i], suffix))
      found = (int) i;
  g_mutex_unlock (&log_lock);
  return found;
}

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* A database of a few megabytes whose header, schema and prospects read
 * fine, with one page of touches in the middle overwritten. */
static void
make_damaged (Fixture *f)
{
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  gsize n_pages;
  FILE *file;

  store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  exec (db, "BEGIN");
  exec (db, "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
            " INSERT INTO prospect (name, stage, created_at, updated_at)"
            " SELECT 'Prospect ' || i, 'inbox', 1700000000, 1700000000 FROM n");
  exec (db, "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000)"
            " INSERT INTO touch (prospect_id, happened_at, channel, direction, outcome, note)"
            " SELECT 1 + i % 2000, 1700000000 + i, 'call', 'out', 'no-answer',"
            " 'A note long enough to fill pages ' || i FROM n");
  exec (db, "COMMIT");
  /* Closing the last connection checkpoints and removes the WAL; the
   * file stays in WAL mode. */
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  g_assert_true (g_file_get_contents (f->path, &f->contents, &f->length, NULL));
  n_pages = f->length / PAGE_SIZE;
  g_assert_cmpuint (n_pages, >, 100);
  memset (f->contents + (n_pages * 3 / 4) * PAGE_SIZE, 0x5a, PAGE_SIZE);
  file = fopen (f->path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpuint (fwrite (f->contents, 1, f->length, file), ==, f->length);
  fclose (file);

  g_assert_null (pursuit_store_open (f->path, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_CORRUPT);
  f->refusal = g_strdup (error->message);
}

static void
assert_unchanged (Fixture *f)
{
  g_autofree char *now = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (f->path, &now, &length, NULL));
  g_assert_cmpuint (length, ==, f->length);
  g_assert_true (memcmp (now, f->contents, length) == 0);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = pursuit_test_make_dir ("pursuit-startup");
  f->path = g_build_filename (f->dir, "damaged.db", NULL);
  make_damaged (f);
  assert_unchanged (f);
  g_mutex_lock (&log_lock);
  g_ptr_array_set_size (log_lines, 0);
  g_mutex_unlock (&log_lock);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pursuit_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->contents);
  g_free (f->refusal);
}

static void
check_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (pursuit_store_check_finish (PURSUIT_STORE (source), result, error));
}

/* The quick open takes the file; the check in the thread refuses it with
 * the full open's message, and nothing reaches the file meanwhile. */
static void
test_store_check_later (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = pursuit_store_open_quick (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (index_of ("quick_check started"), <, 0);

  pursuit_store_check_async (store, NULL, check_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_CORRUPT);
  g_assert_cmpstr (error->message, ==, f->refusal);
  g_clear_object (&store);
  assert_unchanged (f);
}

/* A write before the check was started runs it first, and is refused. */
static void
test_store_write_waits (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new ("Written too early");
  g_autoptr(GError) error = NULL;

  store = pursuit_store_open_quick (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (pursuit_store_add (store, prospect, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_CORRUPT);
  g_assert_cmpstr (error->message, ==, f->refusal);
  g_clear_error (&error);
  g_assert_false (pursuit_store_check (store, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_CORRUPT);
  g_clear_object (&store);
  assert_unchanged (f);
}

/* The command line checks before it reads. */
static void
test_cli_refuses (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(PursuitTestRun) run = { 0 };

  pursuit_test_run_pursuit (&run, "--database", f->path, "--due", NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, f->refusal));
  assert_unchanged (f);
}

static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
timeout_cb (gpointer data)
{
  g_error ("The window never showed the refusal");
  return G_SOURCE_REMOVE;
}

/* The window opens on the damaged file, draws its first frame, then the
 * check refuses the file and the window shows why. */
static void
test_window_refuses_after_first_frame (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(PursuitApplication) app = pursuit_application_new ();
  g_autoptr(GError) error = NULL;
  GtkWindow *window = NULL;
  guint timeout;

  g_application_set_application_id (G_APPLICATION (app), APPLICATION_ID ".StartupTest");
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pursuit_application_open_database (app, f->path));
  g_application_activate (G_APPLICATION (app));

  timeout = g_timeout_add_seconds (30, timeout_cb, NULL);
  while (window == NULL || !shows_label (GTK_WIDGET (window), f->refusal))
    {
      g_main_context_iteration (NULL, TRUE);
      window = gtk_application_get_active_window (GTK_APPLICATION (app));
    }
  g_source_remove (timeout);

  g_assert_null (pursuit_application_get_store (app));
  g_assert_cmpint (index_of ("First frame drawn"), >=, 0);
  g_assert_cmpint (index_of ("quick_check started"), >, index_of ("First frame drawn"));
  pursuit_test_destroy_windows ();
  assert_unchanged (f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();

  log_lines = g_ptr_array_new_with_free_func (g_free);
  g_log_set_handler ("pursuit-store", G_LOG_LEVEL_DEBUG, log_cb, NULL);
  g_log_set_handler ("pursuit-application", G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_WARNING, log_cb, NULL);
  g_test_log_set_fatal_handler (fatal_cb, NULL);
  /* GTK's warning comes through the structured log, which does not ask
   * fatal_cb(): criticals stay fatal, warnings are asserted on. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

#define ADD(name, func) \
  g_test_add ("/startup/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("store/check-later", test_store_check_later);
  ADD ("store/write-waits", test_store_write_waits);
  ADD ("cli/refuses", test_cli_refuses);
  ADD ("window/refuses-after-first-frame", test_window_refuses_after_first_frame);
#undef ADD

  return g_test_run ();
}
