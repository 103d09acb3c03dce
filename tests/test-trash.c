/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "pursuit-csv.h"
#include "pursuit-ics.h"
#include "pursuit-insights-data.h"
#include "pursuit-schedule.h"
#include "pursuit-scheduler.h"
#include "pursuit-store-merge.h"
#include "pursuit-store-trash.h"
#include "pursuit-store.h"
#include "pursuit-undo-stack.h"
#include "test-util.h"

/* The Trash and the session's undo history, checked on the database read
 * back from disk by a second connection. */

typedef struct
{
  char         *dir;
  char         *path;
  PursuitStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = pursuit_test_make_dir ("pursuit-trash");
  f->path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  pursuit_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static PursuitProspect *
add (Fixture      *f,
     const char   *name,
     PursuitStage  stage,
     PursuitTier   tier)
{
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  pursuit_prospect_set_email (prospect, "someone@example.com");
  g_assert_true (pursuit_store_add (f->store, prospect, &error));
  g_assert_no_error (error);
  if (stage != PURSUIT_STAGE_INBOX)
    g_assert_true (pursuit_store_move (f->store, prospect, stage, tier, now, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&prospect);
}

static void
add_touches (Fixture         *f,
             PursuitProspect *prospect,
             guint            n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_new_local (2026, 11, 2 + i, 10, 0, 0);
      g_autoptr(PursuitTouch) touch = pursuit_touch_new (pursuit_prospect_get_id (prospect), when,
                                                         PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT,
                                                         PURSUIT_OUTCOME_NO_ANSWER);
      pursuit_touch_set_note (touch, "tried the office");
      g_assert_true (pursuit_store_add_touch (f->store, touch, NULL));
    }
}

static gint64
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static PursuitStore *
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  PursuitStore *other = pursuit_store_open (f->path, &error);

  g_assert_no_error (error);
  return other;
}

static gboolean
model_has (GListModel *model,
           gint64      id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PursuitProspect) p = g_list_model_get_item (model, i);
      if (pursuit_prospect_get_id (p) == id)
        return TRUE;
    }
  return FALSE;
}

/* Deleting keeps the row and its touches; the prospect is in the Trash,
 * in no model, and comes back with its id and touches, also in another
 * session. */
static void
test_trash_and_restore (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PursuitProspect) jane = add (f, "Jane Doe", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT);
  g_autoptr(PursuitStore) other = NULL;
  g_autoptr(GListModel) touches = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = pursuit_prospect_get_id (jane);
  PursuitProspect *trashed;

  add_touches (f, jane, 3);
  g_assert_true (pursuit_store_trash (f->store, jane, &error));
  g_assert_no_error (error);
  g_assert_null (pursuit_store_find (f->store, id));
  g_assert_false (model_has (pursuit_store_get_prospects (f->store), id));
  g_assert_false (model_has (pursuit_store_get_model (f->store, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT), id));
  g_assert_true (model_has (pursuit_store_get_trash (f->store), id));
  g_assert_nonnull (pursuit_store_get_deleted_at (f->store, jane));

  /* On disk: the row and its touches are kept, marked deleted. */
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM prospect WHERE deleted_at IS NOT NULL"), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM touch"), ==, 3);

  other = reopen (f);
  g_assert_null (pursuit_store_find (other, id));
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (other)), ==, 0);
  trashed = pursuit_store_find_trashed (other, id);
  g_assert_nonnull (trashed);
  g_assert_cmpstr (pursuit_prospect_get_name (trashed), ==, "Jane Doe");
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_trash (other)), ==, 1);

  /* Restored in the other session: back with its id and touches. */
  g_assert_true (pursuit_store_untrash (other, trashed, &error));
  g_assert_no_error (error);
  g_assert_true (pursuit_store_find (other, id) == trashed);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_trash (other)), ==, 0);
  g_clear_object (&other);

  other = reopen (f);
  g_assert_nonnull (pursuit_store_find (other, id));
  g_assert_cmpint (pursuit_prospect_get_tier (pursuit_store_find (other, id)), ==, PURSUIT_TIER_HOT);
  touches = pursuit_store_list_touches (other, pursuit_store_find (other, id), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (touches), ==, 3);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM prospect WHERE deleted_at IS NOT NULL"), ==, 0);

  /* Only what is in the Trash can be restored. */
  g_assert_false (pursuit_store_untrash (f->store, jane, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID);
}

/* Nothing outside the Trash sees a deleted prospect: the schedule, the
 * exports, the due list and the insights. */
static void
test_trash_is_out_of_everything (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(PursuitProspect) jane = add (f, "Jane Trashed", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT);
  g_autoptr(PursuitProspect) john = add (f, "John Kept", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT);
  g_autoptr(PursuitStore) other = NULL;
  g_autoptr(GListModel) scheduled = NULL;
  g_autoptr(PursuitInsightsData) insights = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *ics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) far = g_date_time_add_years (now, 5);
  gsize length;

  add_touches (f, jane, 2);
  add_touches (f, john, 1);
  g_assert_true (pursuit_store_trash (f->store, jane, NULL));
  other = reopen (f);

  scheduled = pursuit_store_list_scheduled (other, NULL, far, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (scheduled), ==, 1);
  csv = pursuit_csv_build (pursuit_store_get_prospects (other), &length);
  g_assert_null (strstr (csv, "Jane Trashed"));
  g_assert_nonnull (strstr (csv, "John Kept"));
  ics = pursuit_ics_build (pursuit_store_get_prospects (other), pursuit_store_get_policy (other),
                           pursuit_store_get_database_id (other), now);
  g_assert_null (strstr (ics, "Jane Trashed"));
  g_assert_nonnull (strstr (ics, "John Kept"));

  /* The reminders: Jane was due at once, as John is. */
  {
    g_autoptr(PursuitScheduler) scheduler = pursuit_scheduler_new (other, NULL, NULL);
    g_autoptr(GPtrArray) due = pursuit_scheduler_list_due (scheduler, NULL);

    g_assert_cmpuint (due->len, ==, 1);
    g_assert_cmpstr (pursuit_prospect_get_name (g_ptr_array_index (due, 0)), ==, "John Kept");
  }

  insights = pursuit_insights_data_load (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (insights->prospects->len, ==, 1);
  g_assert_cmpuint (insights->touches->len, ==, 1);
}

/* What has been in the Trash for more than 30 days goes when the database
 * opens, touches and all; what is younger stays. */
static void
test_purge_after_thirty_days (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(PursuitProspect) old = add (f, "Old", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE);
  g_autoptr(PursuitProspect) young = add (f, "Young", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE);
  g_autoptr(PursuitStore) other = NULL;
  g_autofree char *age = NULL;

  add_touches (f, old, 2);
  add_touches (f, young, 1);
  g_assert_true (pursuit_store_trash (f->store, old, NULL));
  g_assert_true (pursuit_store_trash (f->store, young, NULL));
  g_clear_object (&f->store);

  age = g_strdup_printf ("UPDATE prospect SET deleted_at = %" G_GINT64_FORMAT " WHERE name = 'Old';"
                         "UPDATE prospect SET deleted_at = %" G_GINT64_FORMAT " WHERE name = 'Young';",
                         g_get_real_time () / G_USEC_PER_SEC - 31 * 86400,
                         g_get_real_time () / G_USEC_PER_SEC - 29 * 86400);
  raw_exec (f->path, age);

  other = reopen (f);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_trash (other)), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM prospect"), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM touch"), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM prospect WHERE name = 'Young'"), ==, 1);
}

static void
test_empty_trash (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PursuitProspect) a = add (f, "A", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE);
  g_autoptr(PursuitProspect) b = add (f, "B", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD);
  g_autoptr(PursuitProspect) c = add (f, "C", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE);
  g_autoptr(GError) error = NULL;

  add_touches (f, a, 2);
  add_touches (f, c, 1);
  g_assert_true (pursuit_store_trash (f->store, a, NULL));
  g_assert_true (pursuit_store_trash (f->store, b, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_trash (f->store)), ==, 2);

  g_assert_true (pursuit_store_empty_trash (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_trash (f->store)), ==, 0);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM prospect"), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM touch"), ==, 1);
  g_assert_nonnull (pursuit_store_find (f->store, pursuit_prospect_get_id (c)));
}

/* Merging keeps the touches of both, the newer details win (the older
 * filling gaps, both notes kept), the other goes to the Trash; undo puts
 * both back, each with its own touches. All on disk. */
static void
test_merge_and_undo (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PursuitProspect) old = add (f, "Chris Ortiz", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE);
  g_autoptr(PursuitProspect) young = add (f, "Chris Ortiz", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD);
  g_autoptr(PursuitProspect) draft = NULL;
  g_autoptr(PursuitMergeUndo) undo = NULL;
  g_autoptr(PursuitStore) other = NULL;
  g_autoptr(GListModel) touches = NULL;
  g_autoptr(GError) error = NULL;
  gint64 old_id = pursuit_prospect_get_id (old);
  gint64 young_id = pursuit_prospect_get_id (young);
  PursuitProspect *kept;

  draft = pursuit_prospect_dup (old);
  pursuit_prospect_set_phone (draft, "+1 555 0100");
  pursuit_prospect_set_notes (draft, "Met at the fair");
  pursuit_prospect_set_email (draft, "old@example.com");
  g_assert_true (pursuit_store_update (f->store, old, draft, NULL));
  raw_exec (f->path, "UPDATE prospect SET updated_at = updated_at - 1000 WHERE name = 'Chris Ortiz' AND phone <> ''");
  g_clear_object (&draft);
  draft = pursuit_prospect_dup (young);
  pursuit_prospect_set_email (draft, "chris@example.com");
  pursuit_prospect_set_notes (draft, "Wants a demo");
  g_assert_true (pursuit_store_update (f->store, young, draft, NULL));
  add_touches (f, old, 2);
  add_touches (f, young, 1);

  /* Merged into the older one, whose id stays. */
  g_assert_true (pursuit_store_merge (f->store, old, young, &undo, &error));
  g_assert_no_error (error);
  other = reopen (f);
  kept = pursuit_store_find (other, old_id);
  g_assert_nonnull (kept);
  g_assert_null (pursuit_store_find (other, young_id));
  g_assert_nonnull (pursuit_store_find_trashed (other, young_id));
  g_assert_cmpstr (pursuit_prospect_get_email (kept), ==, "chris@example.com");
  g_assert_cmpstr (pursuit_prospect_get_phone (kept), ==, "+1 555 0100");
  g_assert_cmpint (pursuit_prospect_get_tier (kept), ==, PURSUIT_TIER_GOOD);
  g_assert_nonnull (strstr (pursuit_prospect_get_notes (kept), "Met at the fair"));
  g_assert_nonnull (strstr (pursuit_prospect_get_notes (kept), "Wants a demo"));
  touches = pursuit_store_list_touches (other, kept, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (touches), ==, 3);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM touch"), ==, 3);
  g_clear_object (&touches);
  g_clear_object (&other);

  g_assert_true (pursuit_store_undo_merge (f->store, undo, &error));
  g_assert_no_error (error);
  other = reopen (f);
  g_assert_nonnull (pursuit_store_find (other, young_id));
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_trash (other)), ==, 0);
  g_assert_cmpstr (pursuit_prospect_get_email (pursuit_store_find (other, old_id)), ==, "old@example.com");
  g_assert_cmpint (pursuit_prospect_get_stage (pursuit_store_find (other, old_id)), ==, PURSUIT_STAGE_INBOX);
  touches = pursuit_store_list_touches (other, pursuit_store_find (other, old_id), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (touches), ==, 2);
  g_clear_object (&touches);
  touches = pursuit_store_list_touches (other, pursuit_store_find (other, young_id), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (touches), ==, 1);

  /* Not with itself. */
  g_assert_false (pursuit_store_merge (f->store, old, old, NULL, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID);
}

static gboolean
count_undo (gpointer   data,
            GError   **error)
{
  GString *log = data;

  g_string_append_c (log, log->len > 0 ? ',' : '[');
  return TRUE;
}

static gboolean
named_undo (gpointer   data,
            GError   **error)
{
  g_string_append ((GString *) g_object_get_data (G_OBJECT (data), "log"),
                   g_object_get_data (G_OBJECT (data), "name"));
  return TRUE;
}

/* Newest first; an undo by id leaves the others; the depth is bounded. */
static void
test_undo_stack_order (void)
{
  g_autoptr(PursuitUndoStack) stack = pursuit_undo_stack_new ();
  g_autoptr(GString) log = g_string_new (NULL);
  g_autofree char *title = NULL;
  GObject *names[3];
  guint ids[3];

  for (guint i = 0; i < 3; i++)
    {
      names[i] = g_object_new (G_TYPE_OBJECT, NULL);
      g_object_set_data (names[i], "log", log);
      g_object_set_data_full (names[i], "name", g_strdup_printf ("%c", 'a' + i), g_free);
      ids[i] = pursuit_undo_stack_push (stack, "change", named_undo, names[i], g_object_unref);
    }
  g_assert_cmpuint (pursuit_undo_stack_get_depth (stack), ==, 3);

  /* The middle one, by its toast; then Ctrl+Z twice: c, then a. */
  g_assert_true (pursuit_undo_stack_undo (stack, ids[1], NULL, NULL));
  g_assert_false (pursuit_undo_stack_contains (stack, ids[1]));
  g_assert_true (pursuit_undo_stack_undo (stack, 0, &title, NULL));
  g_assert_cmpstr (title, ==, "change");
  g_assert_true (pursuit_undo_stack_undo (stack, 0, NULL, NULL));
  g_assert_false (pursuit_undo_stack_undo (stack, 0, NULL, NULL));
  g_assert_cmpstr (log->str, ==, "bca");

  g_string_truncate (log, 0);
  for (guint i = 0; i < PURSUIT_UNDO_STACK_DEPTH + 10; i++)
    pursuit_undo_stack_push (stack, "many", count_undo, log, NULL);
  g_assert_cmpuint (pursuit_undo_stack_get_depth (stack), ==, PURSUIT_UNDO_STACK_DEPTH);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/trash/trash-and-restore", test_trash_and_restore);
  ADD ("/store/trash/out-of-everything", test_trash_is_out_of_everything);
  ADD ("/store/trash/purge-after-thirty-days", test_purge_after_thirty_days);
  ADD ("/store/trash/empty", test_empty_trash);
  ADD ("/store/merge/merge-and-undo", test_merge_and_undo);
#undef ADD
  g_test_add_func ("/store/undo-stack/order", test_undo_stack_order);

  return g_test_run ();
}
