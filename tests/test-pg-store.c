/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pursuit-pg-connection.h"
#include "pursuit-pg-setup.h"
#include "pursuit-store.h"
#include "pursuit-store-touches.h"
#include "pursuit-store-trash.h"
#include "test-pg-util.h"
#include "pursuit-window.h"
#include "test-util.h"

/* The store on a team database, as the window and the command line use
 * it: two reps (alice, bob) and a manager (mona) on a throwaway cluster.
 * What a store did is checked on the server with plain SQL, or with a
 * fresh store; the same scenario runs on an SQLite file. */

typedef struct
{
  char   *db;
  PGconn *super;
  PGconn *mona;
  char   *ada;      /* alice's: active, cool */
  char   *barbara;  /* bob's */
  char   *ivy;      /* the inbox */
} Fixture;

static char *
insert_prospect (PGconn     *conn,
                 const char *values)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO prospects (name, owner, stage, tier, next_touch) VALUES (%s) "
                                          "RETURNING id",
                                          values);

  return pursuit_test_pg_column (conn, sql);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  if (!pursuit_test_pg_need_cluster ())
    return;
  f->db = pursuit_test_pg_make_team ();
  f->super = pursuit_test_pg_connect (f->db, NULL);
  f->ada = insert_prospect (f->super, "'Ada', 'alice', 'active', 'cool', now () - interval '1 day'");
  f->barbara = insert_prospect (f->super, "'Barbara', 'bob', 'active', 'hot', now () - interval '1 day'");
  f->ivy = insert_prospect (f->super, "'Ivy', NULL, 'inbox', '', NULL");
  f->mona = pursuit_test_pg_connect (f->db, "mona");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->super, PQfinish);
  g_clear_pointer (&f->mona, PQfinish);
  g_free (f->ada);
  g_free (f->barbara);
  g_free (f->ivy);
  g_free (f->db);
}

/* Waiting on the store */

static gboolean
has_n_prospects (gpointer data)
{
  gpointer *args = data;

  return g_list_model_get_n_items (pursuit_store_get_prospects (args[0])) == GPOINTER_TO_UINT (args[1]);
}

static void
wait_for_n_prospects (PursuitStore *store,
                      guint         n)
{
  gpointer args[] = { store, GUINT_TO_POINTER (n) };

  pursuit_test_wait_until (has_n_prospects, args, 10000);
}

static gboolean
is_saved (gpointer data)
{
  return pursuit_prospect_get_id (data) > 0;
}

static gboolean
touch_is_saved (gpointer data)
{
  return pursuit_touch_get_id (data) > 0;
}

typedef struct
{
  PursuitProspect *prospect;
  PursuitStage     stage;
} StageWait;

static gboolean
has_stage (gpointer data)
{
  StageWait *wait = data;

  return pursuit_prospect_get_stage (wait->prospect) == wait->stage;
}

static void
wait_for_stage (PursuitProspect *prospect,
                PursuitStage     stage)
{
  StageWait wait = { prospect, stage };

  pursuit_test_wait_until (has_stage, &wait, 10000);
}

static PursuitProspect *
find_by_name (PursuitStore *store,
              const char   *name)
{
  GListModel *all = pursuit_store_get_prospects (store);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(PursuitProspect) prospect = g_list_model_get_item (all, i);

      if (g_str_equal (pursuit_prospect_get_name (prospect), name))
        return prospect;
    }
  return NULL;
}

/* alice's store once it holds her two prospects, and her Ada in it. */
static PursuitStore *
open_as_alice (Fixture          *f,
               PursuitProspect **ada)
{
  g_autofree char *alice = pursuit_test_pg_conninfo (f->db, "alice");
  g_autoptr(GError) error = NULL;
  PursuitStore *store = pursuit_store_open_quick (alice, &error);

  g_assert_no_error (error);
  wait_for_n_prospects (store, 2);
  *ada = g_object_ref (pursuit_store_find (store, g_ascii_strtoll (f->ada, NULL, 10)));
  return store;
}

/* The scenario of both backends: open, add, move, log a touch, let go,
 * list the touches; then a fresh store reads the same. */
static void
run_scenario (const char *database,
              guint       n_before)
{
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(PursuitStore) fresh = NULL;
  g_autoptr(PursuitProspect) added = pursuit_prospect_new ("Grace");
  g_autoptr(PursuitProspect) draft = NULL;
  g_autoptr(PursuitTouch) touch = NULL;
  g_autoptr(PursuitTouch) second = NULL;
  g_autoptr(GListModel) touches = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  PursuitProspect *again;

  store = pursuit_store_open_quick (database, &error);
  g_assert_no_error (error);
  wait_for_n_prospects (store, n_before);

  pursuit_prospect_set_company (added, "Navy");
  g_assert_true (pursuit_store_add (store, added, &error));
  g_assert_no_error (error);
  pursuit_test_wait_until (is_saved, added, 10000);
  g_assert_true (pursuit_store_find (store, pursuit_prospect_get_id (added)) == added);

  g_assert_true (pursuit_store_move (store, added, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT, now, &error));
  g_assert_no_error (error);
  wait_for_stage (added, PURSUIT_STAGE_ACTIVE);
  g_assert_cmpint (pursuit_prospect_get_tier (added), ==, PURSUIT_TIER_HOT);
  g_assert_nonnull (pursuit_prospect_get_next_touch (added));

  touch = pursuit_touch_new (pursuit_prospect_get_id (added), now, PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT,
                             PURSUIT_OUTCOME_NO_ANSWER);
  pursuit_touch_set_note (touch, "left a message");
  draft = pursuit_prospect_dup (added);
  pursuit_prospect_set_attempts (draft, 1);
  g_assert_true (pursuit_store_log_touch (store, touch, draft, &error));
  g_assert_no_error (error);
  pursuit_test_wait_until (touch_is_saved, touch, 10000);
  g_assert_cmpuint (pursuit_prospect_get_attempts (added), ==, 1);

  /* As the window logs one: the engine plans from the touches so far. */
  second = pursuit_touch_new (pursuit_prospect_get_id (added), now, PURSUIT_CHANNEL_EMAIL, PURSUIT_DIRECTION_OUT,
                              PURSUIT_OUTCOME_NO_ANSWER);
  g_assert_true (pursuit_store_record_touch (store, second, &error));
  g_assert_no_error (error);
  pursuit_test_wait_until (touch_is_saved, second, 10000);
  g_assert_cmpuint (pursuit_prospect_get_attempts (added), ==, 2);

  g_assert_true (pursuit_store_let_go (store, added, PURSUIT_CLOSE_REASON_NO_RESPONSE, NULL, &error));
  g_assert_no_error (error);
  wait_for_stage (added, PURSUIT_STAGE_CLOSED);

  touches = pursuit_store_list_touches (store, added, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (touches), ==, 2);
  g_clear_object (&touches);
  g_clear_object (&store);

  /* What the server (or the file) kept. */
  fresh = pursuit_store_open (database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (fresh)), ==, n_before + 1);
  again = find_by_name (fresh, "Grace");
  g_assert_nonnull (again);
  g_assert_cmpstr (pursuit_prospect_get_company (again), ==, "Navy");
  g_assert_cmpint (pursuit_prospect_get_stage (again), ==, PURSUIT_STAGE_CLOSED);
  g_assert_cmpstr (pursuit_prospect_get_close_reason (again), ==, PURSUIT_CLOSE_REASON_NO_RESPONSE);
  g_assert_cmpuint (pursuit_prospect_get_attempts (again), ==, 2);
  g_assert_nonnull (pursuit_prospect_get_closed_at (again));
  touches = pursuit_store_list_touches (fresh, again, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (touches), ==, 2);
  {
    /* Newest first; both at the same second, the later logged first. */
    g_autoptr(PursuitTouch) kept = g_list_model_get_item (touches, 1);

    g_assert_cmpstr (pursuit_touch_get_note (kept), ==, "left a message");
    g_assert_cmpint (g_date_time_to_unix (pursuit_touch_get_happened_at (kept)), ==, g_date_time_to_unix (now));
  }
}

static void
test_scenario_sqlite (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pursuit-pg-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pursuit.db", NULL);

  run_scenario (path, 0);
  pursuit_test_remove_tree (dir);
}

static void
test_scenario_pg (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *alice = NULL;
  g_autofree char *owner = NULL;

  if (f->db == NULL)
    return;
  alice = pursuit_test_pg_conninfo (f->db, "alice");
  /* alice sees Ada and the inbox. */
  run_scenario (alice, 2);
  /* Grace is alice's, with her touch. */
  pursuit_test_pg_assert_column (f->super, "SELECT owner || ' ' || stage || ' ' || version FROM prospects "
                                           "WHERE name = 'Grace'", "alice closed 5");
  pursuit_test_pg_assert_column (f->super, "SELECT author || ' ' || note FROM touches t JOIN prospects p "
                                           "ON p.id = t.prospect_id WHERE p.name = 'Grace' ORDER BY t.id",
                                 "alice left a message,alice ");
}

/* Each rep's store holds what the role may see, nothing else. */
static void
test_rows_of_role (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *alice = NULL;
  g_autofree char *mona = NULL;
  g_autoptr(PursuitStore) as_alice = NULL;
  g_autoptr(PursuitStore) as_mona = NULL;
  g_autoptr(GError) error = NULL;

  if (f->db == NULL)
    return;
  alice = pursuit_test_pg_conninfo (f->db, "alice");
  mona = pursuit_test_pg_conninfo (f->db, "mona");
  as_alice = pursuit_store_open (alice, &error);
  g_assert_no_error (error);
  as_mona = pursuit_store_open (mona, &error);
  g_assert_no_error (error);
  g_assert_nonnull (find_by_name (as_alice, "Ada"));
  g_assert_nonnull (find_by_name (as_alice, "Ivy"));
  g_assert_null (find_by_name (as_alice, "Barbara"));
  g_assert_null (pursuit_store_find (as_alice, g_ascii_strtoll (f->barbara, NULL, 10)));
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (as_alice)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_model (as_alice, PURSUIT_STAGE_ACTIVE,
                                                                       PURSUIT_TIER_COOL)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (as_mona)), ==, 3);
}

typedef struct
{
  PursuitProspect *prospect;
  const char      *name;
} NameWait;

static gboolean
has_name (gpointer data)
{
  NameWait *wait = data;

  return g_strcmp0 (pursuit_prospect_get_name (wait->prospect), wait->name) == 0;
}

static gboolean
is_hot (gpointer data)
{
  return pursuit_prospect_get_tier (data) == PURSUIT_TIER_HOT;
}

static gboolean
is_detached (gpointer data)
{
  return pursuit_prospect_get_id (data) == 0;
}

typedef struct
{
  PursuitStore *store;
  const char   *name;
} FindWait;

static gboolean
is_found (gpointer data)
{
  FindWait *wait = data;

  return find_by_name (wait->store, wait->name) != NULL;
}

/* Another's change reaches an open store through NOTIFY, read again
 * under the store's own rights, within a second. */
static void
test_live (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *rename = NULL;
  g_autofree char *give = NULL;
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(PursuitProspect) ada = NULL;
  NameWait renamed;
  FindWait found;

  if (f->db == NULL)
    return;
  store = open_as_alice (f, &ada);

  rename = g_strdup_printf ("UPDATE prospects SET name = 'Ada Lovelace', tier = 'good' WHERE id = %s", f->ada);
  g_assert_cmpint (pursuit_test_pg_count (f->mona, rename), ==, 1);
  renamed = (NameWait) { ada, "Ada Lovelace" };
  pursuit_test_wait_until (has_name, &renamed, 1000);
  g_assert_cmpint (pursuit_prospect_get_tier (ada), ==, PURSUIT_TIER_GOOD);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_model (store, PURSUIT_STAGE_ACTIVE,
                                                                       PURSUIT_TIER_GOOD)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_model (store, PURSUIT_STAGE_ACTIVE,
                                                                       PURSUIT_TIER_COOL)), ==, 0);

  /* A new lead in the inbox arrives; bob's new prospect does not. */
  g_free (insert_prospect (f->mona, "'Bobby', 'bob', 'inbox', '', NULL"));
  g_free (insert_prospect (f->mona, "'Linus', NULL, 'inbox', '', NULL"));
  found = (FindWait) { store, "Linus" };
  pursuit_test_wait_until (is_found, &found, 1000);
  g_assert_null (find_by_name (store, "Bobby"));
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (store)), ==, 3);

  /* Given to bob: it leaves alice's models. */
  give = g_strdup_printf ("UPDATE prospects SET owner = 'bob' WHERE id = %s", f->ada);
  g_assert_cmpint (pursuit_test_pg_count (f->mona, give), ==, 1);
  pursuit_test_wait_until (is_detached, ada, 1000);
  g_assert_null (pursuit_store_find (store, g_ascii_strtoll (f->ada, NULL, 10)));
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (store)), ==, 2);
}

static void
write_failed_cb (PursuitStore  *store,
                 const GError  *error,
                 GError       **out)
{
  g_clear_error (out);
  *out = g_error_copy (error);
}

static gboolean
is_set (gpointer data)
{
  return *(GError **) data != NULL;
}

/* A write based on a version someone else changed since is refused,
 * says what they changed, and overwrites nothing. */
static void
test_stale_write (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *change = NULL;
  g_autofree char *row = NULL;
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(PursuitProspect) ada = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) failed = NULL;

  if (f->db == NULL)
    return;
  store = open_as_alice (f, &ada);
  g_signal_connect (store, "write-failed", G_CALLBACK (write_failed_cb), &failed);

  /* mona changes Ada, and alice moves her before her store heard of it. */
  change = g_strdup_printf ("UPDATE prospects SET tier = 'good', next_touch = now () + interval '3 days' "
                            "WHERE id = %s",
                            f->ada);
  g_assert_cmpint (pursuit_test_pg_count (f->mona, change), ==, 1);
  g_assert_true (pursuit_store_move (store, ada, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT, now, &error));
  g_assert_no_error (error);
  pursuit_test_wait_until (is_set, &failed, 10000);
  g_assert_error (failed, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_CONFLICT);
  g_test_message ("%s", failed->message);
  g_assert_nonnull (strstr (failed->message, "the tier to Good and the next touch"));
  g_assert_nonnull (strstr (failed->message, "“Ada”"));

  /* mona's row stands, and the board shows it. */
  row = g_strdup_printf ("SELECT tier || ' ' || version FROM prospects WHERE id = %s", f->ada);
  pursuit_test_pg_assert_column (f->super, row, "good 2");
  g_assert_cmpint (pursuit_prospect_get_tier (ada), ==, PURSUIT_TIER_GOOD);

  /* Having read it again, alice may move it. */
  g_clear_error (&failed);
  g_assert_true (pursuit_store_move (store, ada, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT, now, &error));
  g_assert_no_error (error);
  g_clear_pointer (&row, g_free);
  row = g_strdup_printf ("SELECT tier || ' ' || version FROM prospects WHERE id = %s", f->ada);
  pursuit_test_wait_until (is_hot, ada, 10000);
  g_assert_null (failed);
  pursuit_test_pg_assert_column (f->super, row, "hot 3");
}

static void
run_cluster (const char *command)
{
  const char *argv[] = { g_getenv ("PURSUIT_TEST_PG_CLUSTER"), command, g_getenv ("PURSUIT_TEST_PG_HOST"), NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
}

static gboolean
is_offline (gpointer data)
{
  return !pursuit_store_get_online (data);
}

static gboolean
is_online (gpointer data)
{
  return pursuit_store_get_online (data);
}

/* A connection lost and back reads everything again (what changed
 * meanwhile sent a NOTIFY that it missed); while the server is away,
 * a change fails at once and the models keep the last state. */
static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *missed = NULL;
  g_autofree char *row = NULL;
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(PursuitProspect) ada = NULL;
  g_autoptr(PursuitProspect) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) failed = NULL;
  g_autoptr(PGconn) super = NULL;
  NameWait renamed;

  if (f->db == NULL)
    return;
  store = open_as_alice (f, &ada);
  g_signal_connect (store, "write-failed", G_CALLBACK (write_failed_cb), &failed);

  /* alice's connection drops, and Ada changes before it is back. */
  missed = g_strdup_printf ("SELECT pg_terminate_backend (pid) FROM pg_stat_activity WHERE usename = 'alice'; "
                            "UPDATE prospects SET name = 'Ada Byron' WHERE id = %s",
                            f->ada);
  pursuit_test_pg_run (f->super, missed);
  renamed = (NameWait) { ada, "Ada Byron" };
  pursuit_test_wait_until (has_name, &renamed, 30000);

  run_cluster ("stop");
  pursuit_test_wait_until (is_offline, store, 30000);
  draft = pursuit_prospect_dup (ada);
  pursuit_prospect_set_name (draft, "Ada typed offline");
  g_assert_false (pursuit_store_update (store, ada, draft, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_OFFLINE);
  g_clear_error (&error);
  g_assert_cmpstr (pursuit_prospect_get_name (ada), ==, "Ada Byron");
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (store)), ==, 2);

  run_cluster ("resume");
  pursuit_test_wait_until (is_online, store, 120000);
  g_assert_true (pursuit_store_update (store, ada, draft, &error));
  g_assert_no_error (error);
  renamed = (NameWait) { ada, "Ada typed offline" };
  pursuit_test_wait_until (has_name, &renamed, 10000);
  g_assert_null (failed);
  super = pursuit_test_pg_connect (f->db, NULL);
  row = g_strdup_printf ("SELECT name FROM prospects WHERE id = %s", f->ada);
  pursuit_test_pg_assert_column (super, row, "Ada typed offline");
}

/* Two changes of one prospect sent before the first is committed: the
 * second is not refused as stale (it follows the first on the same
 * connection). Each writes the whole prospect as the store showed it
 * when it was sent. */
static void
test_quick_changes (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *row = NULL;
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(PursuitProspect) ada = NULL;
  g_autoptr(PursuitProspect) draft = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) failed = NULL;
  NameWait renamed;

  if (f->db == NULL)
    return;
  store = open_as_alice (f, &ada);
  g_signal_connect (store, "write-failed", G_CALLBACK (write_failed_cb), &failed);

  g_assert_true (pursuit_store_move (store, ada, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT, now, &error));
  g_assert_no_error (error);
  /* Not committed yet: the prospect still shows what the server has. */
  g_assert_cmpint (pursuit_prospect_get_tier (ada), ==, PURSUIT_TIER_COOL);
  draft = pursuit_prospect_dup (ada);
  pursuit_prospect_set_name (draft, "Ada King");
  g_assert_true (pursuit_store_update (store, ada, draft, &error));
  g_assert_no_error (error);
  renamed = (NameWait) { ada, "Ada King" };
  pursuit_test_wait_until (has_name, &renamed, 10000);
  g_assert_null (failed);
  row = g_strdup_printf ("SELECT name || ' ' || version FROM prospects WHERE id = %s", f->ada);
  pursuit_test_pg_assert_column (f->super, row, "Ada King 3");
}

static void
ignore_result (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  pursuit_pg_connection_connect_finish (PURSUIT_PG_CONNECTION (source), result, NULL);
}

/* A server that wants a password libpq did not have: the store says so
 * (for the window to ask), and reads the rows once the connection has one. */
static void
test_password (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *conninfo = NULL;
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) failed = NULL;

  if (f->db == NULL)
    return;
  /* Not the user's own ~/.pgpass. */
  g_setenv ("PGPASSFILE", "/nonexistent", TRUE);
  pursuit_test_pg_make_role ("password_user", "pursuit_rep", NULL);
  pursuit_test_pg_run (f->super, "ALTER ROLE password_user PASSWORD 'right horse'");
  conninfo = pursuit_test_pg_conninfo (f->db, "password_user");
  store = pursuit_store_open_quick (conninfo, &error);
  g_assert_no_error (error);
  g_signal_connect (store, "write-failed", G_CALLBACK (write_failed_cb), &failed);
  pursuit_test_wait_until (is_set, &failed, 30000);
  g_assert_error (failed, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_PASSWORD);
  g_assert_false (pursuit_store_get_online (store));
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (store)), ==, 0);

  pursuit_pg_connection_set_password (pursuit_store_get_pg_connection (store), "right horse", FALSE);
  pursuit_pg_connection_connect_async (pursuit_store_get_pg_connection (store), NULL, ignore_result, NULL);
  /* The inbox is everyone's. */
  wait_for_n_prospects (store, 1);
  g_assert_nonnull (find_by_name (store, "Ivy"));
}

static void
collect_label_texts (GtkWidget *widget,
                     GString   *out)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_label_texts (child, out);
}

/* What the window's toasts say. */
static char *
toast_texts (PursuitWindow *window)
{
  GtkWidget *overlay = pursuit_test_find_widget (GTK_WIDGET (window), ADW_TYPE_TOAST_OVERLAY);
  GString *out = g_string_new (NULL);

  g_assert_nonnull (overlay);
  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != adw_toast_overlay_get_child (ADW_TOAST_OVERLAY (overlay)))
      collect_label_texts (child, out);
  return g_string_free (out, FALSE);
}

static gboolean
toast_says_conflict (gpointer data)
{
  g_autofree char *texts = toast_texts (data);

  return strstr (texts, "Someone else changed the tier to Good") != NULL;
}

/* The window on a team database: the board shows the role's prospects,
 * and a change the server refused after it was sent shows as a toast. */
static void
test_window (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *alice = NULL;
  g_autofree char *change = NULL;
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(PursuitProspect) ada = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  PursuitWindow *window;

  if (f->db == NULL)
    return;
  if (gdk_display_get_default () == NULL)
    {
      g_test_skip ("No display");
      return;
    }
  alice = pursuit_test_pg_conninfo (f->db, "alice");
  store = pursuit_store_open_quick (alice, &error);
  g_assert_no_error (error);
  window = pursuit_window_new (NULL, store, NULL);
  pursuit_test_show_and_wait (GTK_WINDOW (window), 100);
  wait_for_n_prospects (store, 2);
  ada = g_object_ref (pursuit_store_find (store, g_ascii_strtoll (f->ada, NULL, 10)));

  change = g_strdup_printf ("UPDATE prospects SET tier = 'good' WHERE id = %s", f->ada);
  g_assert_cmpint (pursuit_test_pg_count (f->mona, change), ==, 1);
  g_assert_true (pursuit_store_move (store, ada, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT, now, &error));
  g_assert_no_error (error);
  pursuit_test_wait_until (toast_says_conflict, window, 10000);
  g_assert_cmpint (pursuit_prospect_get_tier (ada), ==, PURSUIT_TIER_GOOD);
  pursuit_test_destroy_windows ();
}

/* What a team database does not do yet says so, and changes nothing. */
static void
test_unsupported (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *alice = NULL;
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(PursuitProspect) copy = NULL;
  g_autoptr(GError) error = NULL;

  if (f->db == NULL)
    return;
  alice = pursuit_test_pg_conninfo (f->db, "alice");
  store = pursuit_store_open (alice, &error);
  g_assert_no_error (error);
  copy = pursuit_prospect_new ("Ada again");
  g_assert_false (pursuit_store_restore (store, copy, 999, NULL, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "team database"));
  g_clear_error (&error);
  g_assert_false (pursuit_store_trash (store, pursuit_store_find (store, g_ascii_strtoll (f->ada, NULL, 10)),
                                       &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_UNSUPPORTED);
  pursuit_test_pg_assert_column (f->super, "SELECT count (*) FROM prospects WHERE deleted_at IS NOT NULL", "0");
}

/* pursuit --database CONNINFO --due: each rep's own follow-ups. */
static void
test_cli_due (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *alice = NULL;
  g_autofree char *bob = NULL;
  g_auto(PursuitTestRun) as_alice = { 0 };
  g_auto(PursuitTestRun) as_bob = { 0 };

  if (f->db == NULL)
    return;
  alice = pursuit_test_pg_conninfo (f->db, "alice");
  bob = pursuit_test_pg_uri (f->db, "bob");
  pursuit_test_run_pursuit (&as_alice, "--database", alice, "--due", NULL);
  g_assert_cmpint (as_alice.status, ==, 0);
  g_assert_nonnull (strstr (as_alice.out, "Ada"));
  g_assert_null (strstr (as_alice.out, "Barbara"));
  pursuit_test_run_pursuit (&as_bob, "--database", bob, "--due", NULL);
  g_assert_cmpint (as_bob.status, ==, 0);
  g_assert_nonnull (strstr (as_bob.out, "Barbara"));
  g_assert_null (strstr (as_bob.out, "Ada"));
}

int
main (int   argc,
      char *argv[])
{
  /* No file of the user's is written: the file's scenario has a folder
   * of its own, settings are in memory (the test environment); and the
   * window needs the system's MIME database, which isolated folders hide. */
  g_test_init (&argc, &argv, NULL);
  /* The window's test needs a display; the others do not. */
  if (gtk_init_check ())
    adw_init ();

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  g_test_add_func ("/pg/store/scenario/sqlite", test_scenario_sqlite);
  ADD ("/pg/store/scenario/postgresql", test_scenario_pg);
  ADD ("/pg/store/rows-of-role", test_rows_of_role);
  ADD ("/pg/store/live", test_live);
  ADD ("/pg/store/stale-write", test_stale_write);
  ADD ("/pg/store/quick-changes", test_quick_changes);
  ADD ("/pg/store/password", test_password);
  ADD ("/pg/store/window", test_window);
  ADD ("/pg/store/unsupported", test_unsupported);
  ADD ("/pg/store/cli-due", test_cli_due);
  /* Last: it stops and restarts the server. */
  ADD ("/pg/store/offline", test_offline);
#undef ADD

  return g_test_run ();
}
