/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test"

#include "config.h"

#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "pursuit-enums.h"
#include "pursuit-store.h"
#include "pursuit-store-merge.h"
#include "pursuit-store-trash.h"
#include "test-util.h"

/* Helpers: a temporary folder per test, and a second, raw SQLite
 * connection to look at what really reached the file. */

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "pursuit.db", NULL);
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_dir_close (dir);
      g_chmod (path, 0700);
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

#define TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = raw_open (path);
  sqlite3_stmt *stmt = NULL;
  gint64 result;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  result = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

static char *
raw_text (const char *path,
          const char *sql)
{
  sqlite3 *db = raw_open (path);
  sqlite3_stmt *stmt = NULL;
  char *result;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

static gboolean
side_file_exists (const char *path,
                  const char *suffix)
{
  g_autofree char *name = g_strconcat (path, suffix, NULL);

  return g_file_test (name, G_FILE_TEST_EXISTS);
}

static GDateTime *
unix_time (gint64 seconds)
{
  return g_date_time_new_from_unix_local (seconds);
}

static PursuitStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  PursuitStore *store = pursuit_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static PursuitProspect *
add_prospect (PursuitStore *store,
              const char   *name,
              PursuitStage  stage,
              PursuitTier   tier)
{
  g_autoptr(GError) error = NULL;
  PursuitProspect *prospect = pursuit_prospect_new (name);

  pursuit_prospect_set_stage (prospect, stage);
  pursuit_prospect_set_tier (prospect, tier);
  g_assert_true (pursuit_store_add (store, prospect, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pursuit_prospect_get_id (prospect), >, 0);
  return prospect;
}

static PursuitTouch *
add_touch (PursuitStore    *store,
           PursuitProspect *prospect,
           gint64           when)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) at = unix_time (when);
  PursuitTouch *touch = pursuit_touch_new (pursuit_prospect_get_id (prospect), at,
                                           PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT,
                                           PURSUIT_OUTCOME_NO_ANSWER);

  g_assert_true (pursuit_store_add_touch (store, touch, &error));
  g_assert_no_error (error);
  return touch;
}

static guint
n_items (GListModel *model)
{
  return g_list_model_get_n_items (model);
}

static void
count_signal (gpointer  emitter,
              gpointer  object,
              guint    *counter)
{
  (*counter)++;
}

static void
count_items_changed (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *counter)
{
  (*counter)++;
}

static void
record_notify (GObject    *object,
               GParamSpec *pspec,
               GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

static gboolean
has_name (GPtrArray  *names,
          const char *name)
{
  return g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL);
}

/* Every property of @a equals that of @b, dates compared as instants. */
static void
assert_same_prospect (PursuitProspect *a,
                      PursuitProspect *b,
                      gboolean         with_id)
{
  guint n_pspecs;
  g_autofree GParamSpec **pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a),
                                                                   &n_pspecs);

  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;

      if (!with_id && g_str_equal (pspecs[i]->name, "id"))
        continue;

      g_value_init (&va, pspecs[i]->value_type);
      g_value_init (&vb, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (a), pspecs[i]->name, &va);
      g_object_get_property (G_OBJECT (b), pspecs[i]->name, &vb);

      if (pspecs[i]->value_type == G_TYPE_DATE_TIME)
        {
          GDateTime *da = g_value_get_boxed (&va), *db = g_value_get_boxed (&vb);

          if (da == NULL || db == NULL)
            g_assert_true (da == db);
          else if (!g_date_time_equal (da, db))
            g_error ("%s differs: %" G_GINT64_FORMAT " != %" G_GINT64_FORMAT, pspecs[i]->name,
                     g_date_time_to_unix (da), g_date_time_to_unix (db));
        }
      else if (g_param_values_cmp (pspecs[i], &va, &vb) != 0)
        {
          g_autofree char *sa = g_strdup_value_contents (&va);
          g_autofree char *sb = g_strdup_value_contents (&vb);

          g_error ("%s differs: %s != %s", pspecs[i]->name, sa, sb);
        }
    }
}

/* The objects */

static void
test_prospect_defaults (void)
{
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new ("Ada");
  g_autoptr(PursuitProspect) unnamed = pursuit_prospect_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDateTime *created = pursuit_prospect_get_created_at (prospect);

  g_assert_cmpint (pursuit_prospect_get_id (prospect), ==, 0);
  g_assert_cmpstr (pursuit_prospect_get_name (prospect), ==, "Ada");
  g_assert_cmpstr (pursuit_prospect_get_name (unnamed), ==, "");
  g_assert_cmpstr (pursuit_prospect_get_company (prospect), ==, "");
  g_assert_cmpstr (pursuit_prospect_get_email (prospect), ==, "");
  g_assert_cmpstr (pursuit_prospect_get_phone (prospect), ==, "");
  g_assert_cmpstr (pursuit_prospect_get_source (prospect), ==, "");
  g_assert_cmpstr (pursuit_prospect_get_notes (prospect), ==, "");
  g_assert_cmpstr (pursuit_prospect_get_close_reason (prospect), ==, "");
  g_assert_cmpint (pursuit_prospect_get_stage (prospect), ==, PURSUIT_STAGE_INBOX);
  g_assert_cmpint (pursuit_prospect_get_tier (prospect), ==, PURSUIT_TIER_NONE);
  g_assert_cmpfloat (pursuit_prospect_get_value (prospect), ==, -1);
  g_assert_false (pursuit_prospect_has_value (prospect));
  g_assert_cmpuint (pursuit_prospect_get_attempts (prospect), ==, 0);
  g_assert_null (pursuit_prospect_get_next_touch (prospect));
  g_assert_null (pursuit_prospect_get_callback_at (prospect));
  g_assert_null (pursuit_prospect_get_revisit_at (prospect));
  g_assert_nonnull (created);
  g_assert_cmpint (llabs (g_date_time_difference (now, created)), <, 5 * G_TIME_SPAN_SECOND);
}

static void
test_prospect_notify (void)
{
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new ("Ada");
  g_autoptr(PursuitProspect) copy = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) when = g_date_time_new_local (2030, 5, 6, 7, 8, 9.75);
  g_autoptr(GDateTime) same = g_date_time_new_from_unix_utc (g_date_time_to_unix (when));

  g_signal_connect (prospect, "notify", G_CALLBACK (record_notify), names);

  pursuit_prospect_set_name (prospect, "Ada");
  pursuit_prospect_set_company (prospect, NULL);
  pursuit_prospect_set_value (prospect, -1);
  pursuit_prospect_set_stage (prospect, PURSUIT_STAGE_INBOX);
  pursuit_prospect_set_next_touch (prospect, NULL);
  g_assert_cmpuint (names->len, ==, 0);

  pursuit_prospect_set_company (prospect, "Engines");
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (names->pdata[0], ==, "company");
  pursuit_prospect_set_company (prospect, NULL);
  g_assert_cmpstr (pursuit_prospect_get_company (prospect), ==, "");
  g_assert_cmpuint (names->len, ==, 2);

  /* Dates keep whole seconds and compare as instants. */
  pursuit_prospect_set_next_touch (prospect, when);
  g_assert_cmpuint (names->len, ==, 3);
  g_assert_cmpint (g_date_time_get_microsecond (pursuit_prospect_get_next_touch (prospect)), ==, 0);
  pursuit_prospect_set_next_touch (prospect, same);
  g_assert_cmpuint (names->len, ==, 3);
  pursuit_prospect_set_next_touch (prospect, NULL);
  g_assert_cmpuint (names->len, ==, 4);
  g_assert_null (pursuit_prospect_get_next_touch (prospect));

  g_object_set (prospect, "tier", PURSUIT_TIER_HOT, "value", 12.5, NULL);
  g_assert_cmpuint (names->len, ==, 6);
  g_object_set (prospect, "tier", PURSUIT_TIER_HOT, "value", 12.5, NULL);
  g_assert_cmpuint (names->len, ==, 6);

  /* dup copies all but the id; assign notifies what differs, only. */
  copy = pursuit_prospect_dup (prospect);
  assert_same_prospect (prospect, copy, TRUE);
  pursuit_prospect_set_email (copy, "ada@example.org");
  pursuit_prospect_set_attempts (copy, 4);
  g_ptr_array_set_size (names, 0);
  pursuit_prospect_assign (prospect, copy);
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_true (has_name (names, "email"));
  g_assert_true (has_name (names, "attempts"));
  assert_same_prospect (prospect, copy, TRUE);
}

static void
test_touch_object (void)
{
  g_autoptr(PursuitTouch) touch = pursuit_touch_new (5, NULL, PURSUIT_CHANNEL_EMAIL,
                                                     PURSUIT_DIRECTION_IN, PURSUIT_OUTCOME_REPLIED);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_assert_cmpint (pursuit_touch_get_id (touch), ==, 0);
  g_assert_cmpint (pursuit_touch_get_prospect_id (touch), ==, 5);
  g_assert_cmpint (pursuit_touch_get_channel (touch), ==, PURSUIT_CHANNEL_EMAIL);
  g_assert_cmpint (pursuit_touch_get_direction (touch), ==, PURSUIT_DIRECTION_IN);
  g_assert_cmpint (pursuit_touch_get_outcome (touch), ==, PURSUIT_OUTCOME_REPLIED);
  g_assert_cmpstr (pursuit_touch_get_note (touch), ==, "");
  g_assert_null (pursuit_touch_get_callback_at (touch));
  g_assert_cmpint (llabs (g_date_time_difference (now, pursuit_touch_get_happened_at (touch))),
                   <, 5 * G_TIME_SPAN_SECOND);

  g_signal_connect (touch, "notify", G_CALLBACK (record_notify), names);
  pursuit_touch_set_note (touch, NULL);
  pursuit_touch_set_channel (touch, PURSUIT_CHANNEL_EMAIL);
  pursuit_touch_set_callback_at (touch, NULL);
  g_assert_cmpuint (names->len, ==, 0);
  pursuit_touch_set_note (touch, "Call back after lunch");
  pursuit_touch_set_outcome (touch, PURSUIT_OUTCOME_CALLBACK_REQUESTED);
  pursuit_touch_set_callback_at (touch, now);
  g_assert_cmpuint (names->len, ==, 3);
  pursuit_touch_set_callback_at (touch, now);
  g_assert_cmpuint (names->len, ==, 3);
}

/* Opening */

static void
test_open_create (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "a", "b", NULL);
  g_autofree char *path = g_build_filename (folder, "pipeline.db", NULL);
  g_autoptr(PursuitStore) store = NULL;
  struct stat st;
  mode_t old_umask;

  /* A umask that would let anyone read the file: ours must not follow it. */
  old_umask = umask (0);
  store = open_store (path);
  umask (old_umask);

  g_assert_cmpstr (pursuit_store_get_path (store), ==, path);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, PURSUIT_STORE_SCHEMA_VERSION);
  g_assert_cmpuint (n_items (pursuit_store_get_prospects (store)), ==, 0);
}

static void
test_open_default_path (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = pursuit_store_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "pursuit",
                                                "pursuit.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(PursuitProspect) prospect = NULL;
  struct stat st;

  /* G_TEST_OPTION_ISOLATE_DIRS points the user data folder into the
   * test's own temporary folder. */
  g_assert_nonnull (strstr (g_get_user_data_dir (), "default-path"));
  g_assert_cmpstr (path, ==, expected);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  store = open_store (path);
  prospect = add_prospect (store, "Ada", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_open_pragmas (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PursuitStore) store = open_store (fixture->path);
  g_autoptr(PursuitProspect) prospect = add_prospect (store, "Ada", PURSUIT_STAGE_INBOX,
                                                      PURSUIT_TIER_NONE);
  g_autoptr(PursuitTouch) touch = add_touch (store, prospect, 1700000000);
  g_autofree char *mode = raw_text (fixture->path, "PRAGMA journal_mode");
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (mode, ==, "wal");
  g_assert_true (side_file_exists (fixture->path, "-wal"));

  /* The cascade only happens on a connection with foreign_keys on. */
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM touch"), ==, 1);
  g_assert_true (pursuit_store_remove (store, prospect, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM touch"), ==, 0);
}

static void
test_open_not_a_folder (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *file = g_build_filename (fixture->dir, "plain", NULL);
  g_autofree char *path = g_build_filename (file, "pursuit.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PursuitStore) store = NULL;

  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  store = pursuit_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));
}

/* Prospects */

static void
test_prospect_roundtrip (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(PursuitStore) store = open_store (fixture->path);
  g_autoptr(PursuitProspect) full = pursuit_prospect_new ("Ada Lovelace");
  g_autoptr(PursuitProspect) closed = pursuit_prospect_new ("Charles");
  g_autoptr(PursuitProspect) bare = pursuit_prospect_new ("O'Brien\"; DROP TABLE prospect; --");
  g_autoptr(GDateTime) next = unix_time (1900000000);
  g_autoptr(GDateTime) callback = unix_time (1900003600);
  g_autoptr(GDateTime) revisit = unix_time (1950000000);
  g_autoptr(GDateTime) created = unix_time (1600000000);
  g_autoptr(GError) error = NULL;
  PursuitProspect *before[3];
  gint64 bare_id;
  g_autofree char *stage = NULL, *tier = NULL, *channel = NULL;

  g_object_set (full,
                "company", "Analytical Engines", "email", "ada@example.org",
                "phone", "+44 20 7946 0000", "source", "referral",
                "notes", "Likes ‘numbers’\nSecond line", "stage", PURSUIT_STAGE_ACTIVE,
                "tier", PURSUIT_TIER_GOOD, "value", 12500.5, "attempts", 3,
                "attempt-limit", 9, "next-touch", next, "next-touch-manual", TRUE,
                "callback-at", callback, "next-channel", PURSUIT_CHANNEL_EMAIL,
                "created-at", created, NULL);
  g_object_set (closed,
                "stage", PURSUIT_STAGE_CLOSED, "close-reason", "price shopping",
                "revisit-at", revisit, "value", 0.0, NULL);

  g_assert_true (pursuit_store_add (store, full, &error));
  g_assert_no_error (error);
  g_assert_true (pursuit_store_add (store, closed, &error));
  g_assert_no_error (error);
  g_assert_true (pursuit_store_add (store, bare, &error));
  g_assert_no_error (error);
  before[0] = g_object_ref (full);
  before[1] = g_object_ref (closed);
  before[2] = g_object_ref (bare);
  bare_id = pursuit_prospect_get_id (bare);

  /* Stored as documented: names, Unix seconds, NULL for none. */
  stage = raw_text (fixture->path, "SELECT stage FROM prospect WHERE name = 'Ada Lovelace'");
  tier = raw_text (fixture->path, "SELECT tier FROM prospect WHERE name = 'Ada Lovelace'");
  channel = raw_text (fixture->path,
                      "SELECT next_channel FROM prospect WHERE name = 'Ada Lovelace'");
  g_assert_cmpstr (stage, ==, "active");
  g_assert_cmpstr (tier, ==, "good");
  g_assert_cmpstr (channel, ==, "email");
  g_assert_cmpint (raw_int (fixture->path,
                            "SELECT next_touch FROM prospect WHERE name = 'Ada Lovelace'"),
                   ==, 1900000000);
  g_assert_cmpint (raw_int (fixture->path,
                            "SELECT count(*) FROM prospect WHERE name = 'Charles' AND "
                            "value = 0 AND next_touch IS NULL"),
                   ==, 1);
  g_assert_cmpint (raw_int (fixture->path,
                            "SELECT count(*) FROM prospect WHERE name LIKE 'O''Brien%' AND "
                            "value IS NULL AND next_touch IS NULL AND callback_at IS NULL AND "
                            "revisit_at IS NULL"),
                   ==, 1);

  g_clear_object (&store);
  store = open_store (fixture->path);
  g_assert_cmpuint (n_items (pursuit_store_get_prospects (store)), ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (before); i++)
    {
      PursuitProspect *after = pursuit_store_find (store, pursuit_prospect_get_id (before[i]));

      g_assert_nonnull (after);
      g_assert_true (after != before[i]);
      assert_same_prospect (before[i], after, TRUE);
      g_object_unref (before[i]);
    }
  g_assert_cmpfloat (pursuit_prospect_get_value (pursuit_store_find (store, bare_id)), ==, -1);
  g_assert_cmpuint (n_items (pursuit_store_get_model (store, PURSUIT_STAGE_ACTIVE,
                                                      PURSUIT_TIER_GOOD)), ==, 1);
  g_assert_cmpuint (n_items (pursuit_store_get_model (store, PURSUIT_STAGE_CLOSED,
                                                      PURSUIT_TIER_NONE)), ==, 1);
  g_assert_cmpuint (n_items (pursuit_store_get_model (store, PURSUIT_STAGE_INBOX,
                                                      PURSUIT_TIER_NONE)), ==, 1);
}

typedef struct
{
  const char      *path;
  PursuitProspect *prospect;
  GPtrArray       *events;
} UpdateWatch;

/* Runs inside the notify emission: the row must already be committed, so
 * that a second connection sees the new value. */
static void
on_update_notify (GObject     *object,
                  GParamSpec  *pspec,
                  UpdateWatch *watch)
{
  g_autofree char *sql = NULL;

  g_ptr_array_add (watch->events, g_strdup (pspec->name));

  if (g_str_equal (pspec->name, "name"))
    {
      g_autofree char *name = NULL;

      sql = g_strdup_printf ("SELECT name FROM prospect WHERE id = %" G_GINT64_FORMAT,
                             pursuit_prospect_get_id (watch->prospect));
      name = raw_text (watch->path, sql);
      g_assert_cmpstr (name, ==, pursuit_prospect_get_name (watch->prospect));
    }
  else if (g_str_equal (pspec->name, "value"))
    {
      sql = g_strdup_printf ("SELECT CAST(value AS INTEGER) FROM prospect WHERE id = %"
                             G_GINT64_FORMAT, pursuit_prospect_get_id (watch->prospect));
      g_assert_cmpint (raw_int (watch->path, sql), ==,
                       (gint64) pursuit_prospect_get_value (watch->prospect));
    }
}

static void
on_update_changed (PursuitStore    *store,
                   PursuitProspect *prospect,
                   UpdateWatch     *watch)
{
  g_assert_true (prospect == watch->prospect);
  g_ptr_array_add (watch->events, g_strdup ("::changed"));
}

static void
test_prospect_update (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(PursuitStore) store = open_store (fixture->path);
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new ("Grace");
  g_autoptr(PursuitProspect) draft = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  UpdateWatch watch = { fixture->path, prospect, events };
  sqlite3 *raw;

  g_object_set (prospect, "company", "Navy", "value", 100.0, NULL);
  g_assert_true (pursuit_store_add (store, prospect, &error));
  g_assert_no_error (error);

  raw = raw_open (fixture->path);
  raw_exec (raw, "UPDATE prospect SET updated_at = 0");
  sqlite3_close (raw);

  g_signal_connect (prospect, "notify", G_CALLBACK (on_update_notify), &watch);
  g_signal_connect (store, "prospect-changed", G_CALLBACK (on_update_changed), &watch);

  draft = pursuit_prospect_dup (prospect);
  pursuit_prospect_set_name (draft, "Grace Hopper");
  pursuit_prospect_set_value (draft, 250);
  pursuit_prospect_set_company (draft, "Navy");
  g_assert_true (pursuit_store_update (store, prospect, draft, &error));
  g_assert_no_error (error);

  /* Exactly the two changed properties, then the signal. */
  g_assert_cmpuint (events->len, ==, 3);
  g_assert_true (has_name (events, "name"));
  g_assert_true (has_name (events, "value"));
  g_assert_cmpstr (events->pdata[2], ==, "::changed");
  g_assert_cmpstr (pursuit_prospect_get_name (prospect), ==, "Grace Hopper");
  g_assert_cmpint (pursuit_prospect_get_id (draft), ==, 0);
  g_assert_cmpint (raw_int (fixture->path, "SELECT updated_at FROM prospect"), >,
                   g_get_real_time () / G_USEC_PER_SEC - 60);

  /* The same values again: saved, but nothing to notify. */
  g_ptr_array_set_size (events, 0);
  g_assert_true (pursuit_store_update (store, prospect, draft, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (events->pdata[0], ==, "::changed");

  /* A refused draft changes nothing anywhere. */
  g_ptr_array_set_size (events, 0);
  pursuit_prospect_set_name (draft, "  ");
  pursuit_prospect_set_value (draft, 7);
  g_assert_false (pursuit_store_update (store, prospect, draft, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID);
  g_assert_cmpuint (events->len, ==, 0);
  g_assert_cmpfloat (pursuit_prospect_get_value (prospect), ==, 250);
  g_assert_cmpint (raw_int (fixture->path, "SELECT value FROM prospect"), ==, 250);
}

static void
check_models (PursuitStore *store,
              guint         inbox,
              guint         hot,
              guint         good,
              guint         customer)
{
  g_assert_cmpuint (n_items (pursuit_store_get_model (store, PURSUIT_STAGE_INBOX,
                                                      PURSUIT_TIER_NONE)), ==, inbox);
  g_assert_cmpuint (n_items (pursuit_store_get_model (store, PURSUIT_STAGE_ACTIVE,
                                                      PURSUIT_TIER_HOT)), ==, hot);
  g_assert_cmpuint (n_items (pursuit_store_get_model (store, PURSUIT_STAGE_ACTIVE,
                                                      PURSUIT_TIER_GOOD)), ==, good);
  g_assert_cmpuint (n_items (pursuit_store_get_model (store, PURSUIT_STAGE_CUSTOMER,
                                                      PURSUIT_TIER_NONE)), ==, customer);
  g_assert_cmpuint (n_items (pursuit_store_get_model (store, PURSUIT_STAGE_ACTIVE,
                                                      PURSUIT_TIER_NONE)), ==, 0);
  g_assert_cmpuint (n_items (pursuit_store_get_prospects (store)), ==,
                    inbox + hot + good + customer);
}

/* When notify::tier fires, the models already agree. */
static void
on_tier_notify (PursuitProspect *prospect,
                GParamSpec      *pspec,
                PursuitStore    *store)
{
  GListModel *model = pursuit_store_get_model (store, pursuit_prospect_get_stage (prospect),
                                               pursuit_prospect_get_tier (prospect));
  guint position;

  g_assert_true (g_list_store_find (G_LIST_STORE (model), prospect, &position));
}

static void
move (PursuitStore    *store,
      PursuitProspect *prospect,
      PursuitStage     stage,
      PursuitTier      tier)
{
  g_autoptr(PursuitProspect) draft = pursuit_prospect_dup (prospect);
  g_autoptr(GError) error = NULL;

  pursuit_prospect_set_stage (draft, stage);
  pursuit_prospect_set_tier (draft, tier);
  g_assert_true (pursuit_store_update (store, prospect, draft, &error));
  g_assert_no_error (error);
}

static void
test_prospect_move_tier (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(PursuitStore) store = open_store (fixture->path);
  g_autoptr(PursuitProspect) a = add_prospect (store, "A", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT);
  g_autoptr(PursuitProspect) b = add_prospect (store, "B", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT);
  GListModel *hot = pursuit_store_get_model (store, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT);
  GListModel *good = pursuit_store_get_model (store, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD);

  g_assert_true (hot == pursuit_store_get_model (store, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT));
  g_assert_true (pursuit_store_get_model (store, PURSUIT_STAGE_INBOX, PURSUIT_TIER_HOT) ==
                 pursuit_store_get_model (store, PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE));
  g_signal_connect (a, "notify::tier", G_CALLBACK (on_tier_notify), store);
  check_models (store, 0, 2, 0, 0);

  move (store, a, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD);
  check_models (store, 0, 1, 1, 0);
  {
    g_autoptr(PursuitProspect) first_hot = g_list_model_get_item (hot, 0);
    g_autoptr(PursuitProspect) first_good = g_list_model_get_item (good, 0);

    g_assert_true (first_hot == b);
    g_assert_true (first_good == a);
  }

  move (store, a, PURSUIT_STAGE_CUSTOMER, PURSUIT_TIER_NONE);
  check_models (store, 0, 1, 0, 1);
  move (store, b, PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE);
  check_models (store, 1, 0, 0, 1);
  move (store, a, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT);
  check_models (store, 1, 1, 0, 0);

  /* And the file agrees after a reopen. */
  g_clear_object (&store);
  store = open_store (fixture->path);
  check_models (store, 1, 1, 0, 0);
}

/* Every model holds exactly the prospects of its stage and tier, in the
 * order of their ids (what a reopen gives), and the model of all of them
 * holds every prospect the store finds. */
static void
assert_models_agree (PursuitStore *store,
                     GPtrArray    *prospects)
{
  GListModel *all = pursuit_store_get_prospects (store);
  guint total = 0;

  for (PursuitStage stage = PURSUIT_STAGE_INBOX; stage < PURSUIT_N_STAGES; stage++)
    for (PursuitTier tier = PURSUIT_TIER_NONE; tier < PURSUIT_N_TIERS; tier++)
      {
        GListModel *model;
        gint64 previous = 0;
        guint expected = 0;

        if ((stage == PURSUIT_STAGE_ACTIVE) != (tier != PURSUIT_TIER_NONE))
          continue;
        model = pursuit_store_get_model (store, stage, tier);
        for (guint i = 0; i < prospects->len; i++)
          {
            PursuitProspect *p = g_ptr_array_index (prospects, i);

            if (pursuit_prospect_get_id (p) > 0 && pursuit_prospect_get_stage (p) == stage
                && pursuit_prospect_get_tier (p) == tier)
              expected++;
          }
        g_assert_cmpuint (n_items (model), ==, expected);
        for (guint i = 0; i < n_items (model); i++)
          {
            g_autoptr(PursuitProspect) p = g_list_model_get_item (model, i);

            g_assert_cmpint (pursuit_prospect_get_stage (p), ==, stage);
            g_assert_cmpint (pursuit_prospect_get_tier (p), ==, tier);
            g_assert_cmpint (pursuit_prospect_get_id (p), >, previous);
            g_assert_true (pursuit_store_find (store, pursuit_prospect_get_id (p)) == p);
            previous = pursuit_prospect_get_id (p);
          }
        total += expected;
      }

  g_assert_cmpuint (n_items (all), ==, total);
  for (guint i = 0; i < n_items (all); i++)
    {
      g_autoptr(PursuitProspect) p = g_list_model_get_item (all, i);
      g_autoptr(PursuitProspect) next = i + 1 < n_items (all) ? g_list_model_get_item (all, i + 1) : NULL;

      g_assert_true (pursuit_store_find (store, pursuit_prospect_get_id (p)) == p);
      if (next != NULL)
        g_assert_cmpint (pursuit_prospect_get_id (p), <, pursuit_prospect_get_id (next));
    }
}

/* Moves, removals and restores find each prospect in its models by its
 * id: after any of them, in any order, the models hold what they
 * should, as a reopen would fill them. */
static void
test_prospect_models_stay_in_order (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(PursuitStore) store = open_store (fixture->path);
  g_autoptr(PursuitStore) reopened = NULL;
  g_autoptr(GPtrArray) prospects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) live = g_ptr_array_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240611);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *name = g_strdup_printf ("P%02u", i);
      PursuitProspect *p = pursuit_prospect_new (name);

      if (i % 3 != 0)
        g_object_set (p, "stage", PURSUIT_STAGE_ACTIVE, "tier", 1 + i % 4, NULL);
      g_ptr_array_add (prospects, p);
    }
  g_assert_true (pursuit_store_add_many (store, prospects, &error));
  g_assert_no_error (error);
  assert_models_agree (store, prospects);

  for (guint step = 0; step < 400; step++)
    {
      PursuitProspect *p = g_ptr_array_index (prospects, g_rand_int_range (rand, 0, prospects->len));
      int what = g_rand_int_range (rand, 0, 10);

      if (pursuit_prospect_get_id (p) == 0)
        {
          /* Deleted: put it back (the undo of a delete) under its old id. */
          gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (p), "old-id"));

          g_assert_true (pursuit_store_restore (store, p, id, NULL, &error));
          g_assert_no_error (error);
        }
      else if (what == 0)
        {
          g_object_set_data (G_OBJECT (p), "old-id", GSIZE_TO_POINTER (pursuit_prospect_get_id (p)));
          g_assert_true (pursuit_store_remove (store, p, &error));
          g_assert_no_error (error);
        }
      else if (what < 4)
        move (store, p, g_rand_int_range (rand, 0, 2) == 0 ? PURSUIT_STAGE_INBOX : PURSUIT_STAGE_CUSTOMER,
              PURSUIT_TIER_NONE);
      else if (what == 4)
        move (store, p, PURSUIT_STAGE_CLOSED, PURSUIT_TIER_NONE);
      else
        move (store, p, PURSUIT_STAGE_ACTIVE, g_rand_int_range (rand, PURSUIT_TIER_HOT, PURSUIT_TIER_COLD + 1));
      assert_models_agree (store, prospects);
    }

  /* New prospects come after the restored ones. */
  {
    g_autoptr(PursuitProspect) late = add_prospect (store, "Late", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT);

    g_ptr_array_add (prospects, g_object_ref (late));
    assert_models_agree (store, prospects);
  }

  /* A reopen reads the same models. */
  for (guint i = 0; i < prospects->len; i++)
    if (pursuit_prospect_get_id (g_ptr_array_index (prospects, i)) > 0)
      g_ptr_array_add (live, g_ptr_array_index (prospects, i));
  reopened = open_store (fixture->path);
  for (PursuitStage stage = PURSUIT_STAGE_INBOX; stage < PURSUIT_N_STAGES; stage++)
    for (PursuitTier tier = PURSUIT_TIER_NONE; tier < PURSUIT_N_TIERS; tier++)
      {
        GListModel *before, *after;

        if ((stage == PURSUIT_STAGE_ACTIVE) != (tier != PURSUIT_TIER_NONE))
          continue;
        before = pursuit_store_get_model (store, stage, tier);
        after = pursuit_store_get_model (reopened, stage, tier);
        g_assert_cmpuint (n_items (before), ==, n_items (after));
        for (guint i = 0; i < n_items (before); i++)
          {
            g_autoptr(PursuitProspect) a = g_list_model_get_item (before, i);
            g_autoptr(PursuitProspect) b = g_list_model_get_item (after, i);

            g_assert_cmpint (pursuit_prospect_get_id (a), ==, pursuit_prospect_get_id (b));
          }
      }
  g_assert_cmpuint (n_items (pursuit_store_get_prospects (reopened)), ==, live->len);
}

static void
test_prospect_add_many (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(PursuitStore) store = open_store (fixture->path);
  g_autoptr(GPtrArray) good = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) bad = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) db_before = NULL, db_after = NULL;
  g_autoptr(GBytes) wal_before = NULL, wal_after = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  guint added = 0, items_changed = 0;
  PursuitProspect *hot;

  g_ptr_array_add (good, pursuit_prospect_new ("One"));
  g_ptr_array_add (good, pursuit_prospect_new ("Two"));
  hot = pursuit_prospect_new ("Three");
  g_object_set (hot, "stage", PURSUIT_STAGE_ACTIVE, "tier", PURSUIT_TIER_HOT, NULL);
  g_ptr_array_add (good, hot);

  g_signal_connect (store, "prospect-added", G_CALLBACK (count_signal), &added);
  g_signal_connect (pursuit_store_get_prospects (store), "items-changed",
                    G_CALLBACK (count_items_changed), &items_changed);
  g_assert_true (pursuit_store_add_many (store, good, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 3);
  g_assert_cmpuint (items_changed, ==, 1);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM prospect"), ==, 3);
  for (guint i = 0; i < good->len; i++)
    g_assert_true (pursuit_store_find (store, pursuit_prospect_get_id (good->pdata[i])) ==
                   good->pdata[i]);
  check_models (store, 2, 1, 0, 0);

  /* One bad prospect: nothing is written, nothing is told. */
  db_before = pursuit_test_read_bytes (fixture->path);
  wal_before = pursuit_test_read_bytes (wal);
  g_ptr_array_add (bad, pursuit_prospect_new ("Four"));
  g_ptr_array_add (bad, pursuit_prospect_new ("   "));
  g_ptr_array_add (bad, pursuit_prospect_new ("Six"));
  g_assert_false (pursuit_store_add_many (store, bad, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  db_after = pursuit_test_read_bytes (fixture->path);
  wal_after = pursuit_test_read_bytes (wal);
  g_assert_true (g_bytes_equal (db_before, db_after));
  g_assert_true (g_bytes_equal (wal_before, wal_after));
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM prospect"), ==, 3);
  for (guint i = 0; i < bad->len; i++)
    g_assert_cmpint (pursuit_prospect_get_id (bad->pdata[i]), ==, 0);
  g_assert_cmpuint (added, ==, 3);
  check_models (store, 2, 1, 0, 0);

  /* Already saved, or twice in one batch. */
  g_ptr_array_set_size (bad, 0);
  g_ptr_array_add (bad, g_object_ref (hot));
  g_assert_false (pursuit_store_add_many (store, bad, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_ptr_array_set_size (bad, 0);
  g_ptr_array_add (bad, pursuit_prospect_new ("Seven"));
  g_ptr_array_add (bad, g_object_ref (bad->pdata[0]));
  g_assert_false (pursuit_store_add_many (store, bad, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM prospect"), ==, 3);
}

/* A failure inside the transaction, after some rows went in, rolls them
 * all back. */
static void
test_prospect_add_many_rollback (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(PursuitStore) store = open_store (fixture->path);
  g_autoptr(PursuitProspect) first = add_prospect (store, "First", PURSUIT_STAGE_INBOX,
                                                   PURSUIT_TIER_NONE);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint added = 0;
  sqlite3 *raw = raw_open (fixture->path);

  raw_exec (raw, "CREATE TRIGGER boom BEFORE INSERT ON prospect WHEN NEW.name = 'Boom' "
                 "BEGIN SELECT RAISE (ABORT, 'boom'); END");
  sqlite3_close (raw);

  g_ptr_array_add (batch, pursuit_prospect_new ("Fine"));
  g_ptr_array_add (batch, pursuit_prospect_new ("Boom"));
  g_ptr_array_add (batch, pursuit_prospect_new ("Never"));
  g_signal_connect (store, "prospect-added", G_CALLBACK (count_signal), &added);
  g_assert_false (pursuit_store_add_many (store, batch, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID);
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM prospect"), ==, 1);
  for (guint i = 0; i < batch->len; i++)
    g_assert_cmpint (pursuit_prospect_get_id (batch->pdata[i]), ==, 0);
  check_models (store, 1, 0, 0, 0);

  /* The connection is usable again: no transaction was left open. */
  g_ptr_array_remove_index (batch, 1);
  g_clear_error (&error);
  g_assert_true (pursuit_store_add_many (store, batch, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM prospect"), ==, 3);
}

static void
expect_invalid_add (PursuitStore    *store,
                    PursuitProspect *prospect)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (pursuit_store_add (store, prospect, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID);
  g_assert_cmpint (pursuit_prospect_get_id (prospect), ==, 0);
}

static void
test_prospect_invalid (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.db", NULL);
  g_autoptr(PursuitStore) store = open_store (fixture->path);
  g_autoptr(PursuitStore) other = open_store (other_path);
  g_autoptr(PursuitProspect) foreign = add_prospect (other, "Elsewhere", PURSUIT_STAGE_INBOX,
                                                     PURSUIT_TIER_NONE);
  g_autoptr(PursuitProspect) detached = pursuit_prospect_new ("Detached");
  g_autoptr(PursuitProspect) draft = pursuit_prospect_new ("Draft");
  g_autoptr(PursuitProspect) p = NULL;
  g_autoptr(PursuitTouch) touch = NULL;
  g_autoptr(GListModel) touches = NULL;
  g_autoptr(GError) error = NULL;

  p = pursuit_prospect_new ("");
  expect_invalid_add (store, p);
  pursuit_prospect_set_name (p, " \t\n");
  expect_invalid_add (store, p);
  pursuit_prospect_set_name (p, "\u00a0\u2003");   /* no-break and em spaces */
  expect_invalid_add (store, p);
  pursuit_prospect_set_name (p, "Bad \xff byte");
  expect_invalid_add (store, p);

  pursuit_prospect_set_name (p, "Valued");
  pursuit_prospect_set_value (p, -5);
  expect_invalid_add (store, p);
  pursuit_prospect_set_value (p, NAN);
  expect_invalid_add (store, p);
  pursuit_prospect_set_value (p, INFINITY);
  expect_invalid_add (store, p);
  pursuit_prospect_set_value (p, 0);

  pursuit_prospect_set_stage (p, PURSUIT_STAGE_ACTIVE);
  expect_invalid_add (store, p);
  pursuit_prospect_set_stage (p, PURSUIT_STAGE_INBOX);
  pursuit_prospect_set_tier (p, PURSUIT_TIER_HOT);
  expect_invalid_add (store, p);
  pursuit_prospect_set_stage (p, (PursuitStage) 42);
  pursuit_prospect_set_tier (p, PURSUIT_TIER_NONE);
  expect_invalid_add (store, p);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM prospect"), ==, 0);

  /* Prospects that are not this store's. */
  g_assert_false (pursuit_store_update (store, foreign, draft, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pursuit_store_update (store, detached, draft, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pursuit_store_remove (store, foreign, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  touches = pursuit_store_list_touches (store, foreign, &error);
  g_assert_null (touches);
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (pursuit_prospect_get_name (foreign), ==, "Elsewhere");
  g_assert_cmpint (raw_int (other_path, "SELECT count(*) FROM prospect"), ==, 1);

  touch = pursuit_touch_new (4242, NULL, PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT,
                             PURSUIT_OUTCOME_NO_ANSWER);
  g_assert_false (pursuit_store_add_touch (store, touch, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID);
  g_assert_cmpint (pursuit_touch_get_id (touch), ==, 0);
}

typedef struct
{
  PursuitStore *store;
  gint64        id;
  guint         count;
} RemoveWatch;

static void
on_removed (PursuitStore    *store,
            PursuitProspect *prospect,
            RemoveWatch     *watch)
{
  /* Gone from the store and the models, its id still readable. */
  g_assert_cmpint (pursuit_prospect_get_id (prospect), ==, watch->id);
  g_assert_null (pursuit_store_find (store, watch->id));
  g_assert_cmpuint (n_items (pursuit_store_get_prospects (store)), ==, 1);
  watch->count++;
}

static void
test_prospect_remove (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(PursuitStore) store = open_store (fixture->path);
  g_autoptr(PursuitProspect) gone = add_prospect (store, "Gone", PURSUIT_STAGE_ACTIVE,
                                                  PURSUIT_TIER_COLD);
  g_autoptr(PursuitProspect) kept = add_prospect (store, "Kept", PURSUIT_STAGE_INBOX,
                                                  PURSUIT_TIER_NONE);
  g_autoptr(PursuitTouch) t1 = add_touch (store, gone, 1700000000);
  g_autoptr(PursuitTouch) t2 = add_touch (store, gone, 1700000100);
  g_autoptr(PursuitTouch) t3 = add_touch (store, kept, 1700000200);
  g_autoptr(GError) error = NULL;
  RemoveWatch watch = { store, pursuit_prospect_get_id (gone), 0 };

  g_signal_connect (store, "prospect-removed", G_CALLBACK (on_removed), &watch);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM touch"), ==, 3);

  g_assert_true (pursuit_store_remove (store, gone, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (watch.count, ==, 1);
  g_assert_cmpint (pursuit_prospect_get_id (gone), ==, 0);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM prospect"), ==, 1);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM touch"), ==, 1);
  g_assert_cmpint (raw_int (fixture->path, "SELECT prospect_id FROM touch"), ==,
                   pursuit_prospect_get_id (kept));
  g_assert_cmpuint (n_items (pursuit_store_get_model (store, PURSUIT_STAGE_ACTIVE,
                                                      PURSUIT_TIER_COLD)), ==, 0);

  g_assert_false (pursuit_store_remove (store, gone, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID);
  g_assert_cmpuint (watch.count, ==, 1);
}

/* Another program holds the write lock: the store waits out its busy
 * timeout, fails with _LOCKED and changes nothing. */
static void
test_prospect_locked (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(PursuitStore) store = open_store (fixture->path);
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new ("Waiting");
  g_autoptr(GError) error = NULL;
  sqlite3 *raw = raw_open (fixture->path);
  guint added = 0;
  gint64 start;

  g_signal_connect (store, "prospect-added", G_CALLBACK (count_signal), &added);
  raw_exec (raw, "BEGIN IMMEDIATE");

  start = g_get_monotonic_time ();
  g_assert_false (pursuit_store_add (store, prospect, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_LOCKED);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 4 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (pursuit_prospect_get_id (prospect), ==, 0);
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (n_items (pursuit_store_get_prospects (store)), ==, 0);

  raw_exec (raw, "ROLLBACK");
  sqlite3_close (raw);
  g_clear_error (&error);
  g_assert_true (pursuit_store_add (store, prospect, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);
}

/* Touches */

static void
test_touch_list (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PursuitStore) store = open_store (fixture->path);
  g_autoptr(PursuitProspect) prospect = add_prospect (store, "Ada", PURSUIT_STAGE_INBOX,
                                                      PURSUIT_TIER_NONE);
  g_autoptr(PursuitProspect) quiet = add_prospect (store, "Quiet", PURSUIT_STAGE_INBOX,
                                                   PURSUIT_TIER_NONE);
  g_autoptr(GDateTime) at = unix_time (1700000300);
  g_autoptr(GDateTime) callback = unix_time (1701000000);
  g_autoptr(PursuitTouch) detailed = NULL;
  g_autoptr(PursuitTouch) t1 = NULL, t2 = NULL, t3 = NULL;
  g_autoptr(GListModel) touches = NULL;
  g_autoptr(GListModel) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *channel = NULL, *outcome = NULL;
  gint64 expected[] = { 1700000300, 1700000200, 1700000200, 1700000100 };
  guint added = 0;

  g_signal_connect (store, "touch-added", G_CALLBACK (count_signal), &added);
  t1 = add_touch (store, prospect, 1700000100);
  detailed = pursuit_touch_new (pursuit_prospect_get_id (prospect), at, PURSUIT_CHANNEL_EMAIL,
                                PURSUIT_DIRECTION_IN, PURSUIT_OUTCOME_CALLBACK_REQUESTED);
  pursuit_touch_set_callback_at (detailed, callback);
  pursuit_touch_set_note (detailed, "Call back in two weeks; '); --");
  g_assert_true (pursuit_store_add_touch (store, detailed, &error));
  g_assert_no_error (error);
  t2 = add_touch (store, prospect, 1700000200);
  t3 = add_touch (store, prospect, 1700000200);
  g_assert_cmpuint (added, ==, 4);
  g_assert_cmpint (pursuit_touch_get_id (detailed), >, pursuit_touch_get_id (t1));

  channel = raw_text (fixture->path, "SELECT channel FROM touch WHERE direction = 'in'");
  outcome = raw_text (fixture->path, "SELECT outcome FROM touch WHERE direction = 'in'");
  g_assert_cmpstr (channel, ==, "email");
  g_assert_cmpstr (outcome, ==, "callback-requested");

  touches = pursuit_store_list_touches (store, prospect, &error);
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (touches) == PURSUIT_TYPE_TOUCH);
  g_assert_cmpuint (n_items (touches), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(PursuitTouch) touch = g_list_model_get_item (touches, i);

      g_assert_cmpint (g_date_time_to_unix (pursuit_touch_get_happened_at (touch)), ==,
                       expected[i]);
      g_assert_cmpint (pursuit_touch_get_prospect_id (touch), ==,
                       pursuit_prospect_get_id (prospect));
    }
  {
    g_autoptr(PursuitTouch) first = g_list_model_get_item (touches, 0);
    g_autoptr(PursuitTouch) second = g_list_model_get_item (touches, 1);

    /* Same time: the later insert first. */
    g_assert_cmpint (pursuit_touch_get_id (second), ==, pursuit_touch_get_id (t3));
    g_assert_cmpint (pursuit_touch_get_id (first), ==, pursuit_touch_get_id (detailed));
    g_assert_cmpint (pursuit_touch_get_channel (first), ==, PURSUIT_CHANNEL_EMAIL);
    g_assert_cmpint (pursuit_touch_get_direction (first), ==, PURSUIT_DIRECTION_IN);
    g_assert_cmpint (pursuit_touch_get_outcome (first), ==, PURSUIT_OUTCOME_CALLBACK_REQUESTED);
    g_assert_true (g_date_time_equal (pursuit_touch_get_callback_at (first), callback));
    g_assert_cmpstr (pursuit_touch_get_note (first), ==, "Call back in two weeks; '); --");
  }

  none = pursuit_store_list_touches (store, quiet, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (none), ==, 0);

  /* A saved touch cannot be saved twice. */
  g_assert_false (pursuit_store_add_touch (store, t1, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM touch"), ==, 4);
}

static void
record_event (gpointer   emitter,
              gpointer   object,
              GPtrArray *events)
{
  g_ptr_array_add (events, g_strdup (PURSUIT_IS_TOUCH (object) ? "touch" : "prospect"));
}

static void
test_touch_log (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PursuitStore) store = open_store (fixture->path);
  g_autoptr(PursuitProspect) prospect = add_prospect (store, "Ada", PURSUIT_STAGE_ACTIVE,
                                                      PURSUIT_TIER_HOT);
  g_autoptr(PursuitProspect) draft = pursuit_prospect_dup (prospect);
  g_autoptr(GDateTime) next = unix_time (1800000000);
  g_autoptr(PursuitTouch) touch = NULL;
  g_autoptr(PursuitTouch) second = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  sqlite3 *raw;

  g_signal_connect (store, "touch-added", G_CALLBACK (record_event), events);
  g_signal_connect (store, "prospect-changed", G_CALLBACK (record_event), events);

  touch = pursuit_touch_new (pursuit_prospect_get_id (prospect), NULL, PURSUIT_CHANNEL_CALL,
                             PURSUIT_DIRECTION_OUT, PURSUIT_OUTCOME_NO_ANSWER);
  pursuit_prospect_set_attempts (draft, 1);
  pursuit_prospect_set_next_touch (draft, next);
  g_assert_true (pursuit_store_log_touch (store, touch, draft, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpstr (events->pdata[0], ==, "touch");
  g_assert_cmpstr (events->pdata[1], ==, "prospect");
  g_assert_cmpint (pursuit_touch_get_id (touch), >, 0);
  g_assert_cmpuint (pursuit_prospect_get_attempts (prospect), ==, 1);
  g_assert_cmpint (raw_int (fixture->path, "SELECT attempts FROM prospect"), ==, 1);
  g_assert_cmpint (raw_int (fixture->path, "SELECT next_touch FROM prospect"), ==, 1800000000);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM touch"), ==, 1);

  /* The prospect's row fails to update: the touch is not kept either. */
  raw = raw_open (fixture->path);
  raw_exec (raw, "CREATE TRIGGER boom BEFORE UPDATE ON prospect WHEN NEW.attempts = 2 "
                 "BEGIN SELECT RAISE (ABORT, 'boom'); END");
  sqlite3_close (raw);
  second = pursuit_touch_new (pursuit_prospect_get_id (prospect), NULL, PURSUIT_CHANNEL_CALL,
                              PURSUIT_DIRECTION_OUT, PURSUIT_OUTCOME_NO_ANSWER);
  pursuit_prospect_set_attempts (draft, 2);
  g_assert_false (pursuit_store_log_touch (store, second, draft, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (pursuit_touch_get_id (second), ==, 0);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpuint (pursuit_prospect_get_attempts (prospect), ==, 1);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM touch"), ==, 1);
  g_assert_cmpint (raw_int (fixture->path, "SELECT attempts FROM prospect"), ==, 1);
}

/* Migration */

static void
test_migrate_v1 (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(PursuitTouch) touch = NULL;
  PursuitProspect *hot, *inbox;
  sqlite3 *raw = raw_open (fixture->path);

  /* The schema as version 1 wrote it. */
  raw_exec (raw,
            "CREATE TABLE prospect (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
            " company TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '',"
            " phone TEXT NOT NULL DEFAULT '', stage TEXT NOT NULL DEFAULT 'inbox',"
            " tier TEXT NOT NULL DEFAULT '', value REAL, attempts INTEGER NOT NULL DEFAULT 0,"
            " next_touch INTEGER, notes TEXT NOT NULL DEFAULT '',"
            " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
            "INSERT INTO prospect VALUES (7, 'Hot Lead', 'Acme', 'lead@acme.test', '555',"
            " 'active', 'hot', 5000, 2, 1750000000, 'note', 1600000000, 1600000000);"
            "INSERT INTO prospect VALUES (9, 'Fresh', '', '', '', 'inbox', '', NULL, 0, NULL,"
            " '', 1600000100, 1600000100);"
            "PRAGMA user_version = 1;");
  sqlite3_close (raw);

  store = open_store (fixture->path);
  g_assert_cmpint (raw_int (fixture->path, "PRAGMA user_version"), ==, PURSUIT_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM sqlite_schema WHERE "
                                           "type = 'table' AND name = 'touch'"), ==, 1);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM sqlite_schema WHERE "
                                           "type = 'index' AND name = 'prospect_next_touch'"),
                   ==, 1);
  g_assert_cmpuint (n_items (pursuit_store_get_prospects (store)), ==, 2);

  hot = pursuit_store_find (store, 7);
  g_assert_nonnull (hot);
  g_assert_cmpstr (pursuit_prospect_get_name (hot), ==, "Hot Lead");
  g_assert_cmpstr (pursuit_prospect_get_company (hot), ==, "Acme");
  g_assert_cmpstr (pursuit_prospect_get_email (hot), ==, "lead@acme.test");
  g_assert_cmpint (pursuit_prospect_get_stage (hot), ==, PURSUIT_STAGE_ACTIVE);
  g_assert_cmpint (pursuit_prospect_get_tier (hot), ==, PURSUIT_TIER_HOT);
  g_assert_cmpfloat (pursuit_prospect_get_value (hot), ==, 5000);
  g_assert_cmpuint (pursuit_prospect_get_attempts (hot), ==, 2);
  /* Version 1 had no touches: its attempts were all made before them. */
  g_assert_cmpuint (pursuit_prospect_get_attempts_before (hot), ==, 2);
  g_assert_cmpint (g_date_time_to_unix (pursuit_prospect_get_next_touch (hot)), ==, 1750000000);
  g_assert_cmpint (g_date_time_to_unix (pursuit_prospect_get_created_at (hot)), ==, 1600000000);
  g_assert_cmpstr (pursuit_prospect_get_source (hot), ==, "");
  g_assert_cmpuint (pursuit_prospect_get_attempt_limit (hot), ==, 0);
  g_assert_cmpint (pursuit_prospect_get_next_channel (hot), ==, PURSUIT_CHANNEL_CALL);
  g_assert_null (pursuit_prospect_get_revisit_at (hot));

  inbox = pursuit_store_find (store, 9);
  g_assert_nonnull (inbox);
  g_assert_cmpfloat (pursuit_prospect_get_value (inbox), ==, -1);
  g_assert_null (pursuit_prospect_get_next_touch (inbox));
  g_assert_cmpuint (n_items (pursuit_store_get_model (store, PURSUIT_STAGE_ACTIVE,
                                                      PURSUIT_TIER_HOT)), ==, 1);

  /* The new table works, and a second open finds nothing to do. */
  touch = add_touch (store, hot, 1700000000);
  g_clear_object (&store);
  store = open_store (fixture->path);
  g_assert_cmpint (raw_int (fixture->path, "PRAGMA user_version"), ==, PURSUIT_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM touch"), ==, 1);
}

/* Version 3 keeps the attempts made before the first touch: a prospect of
 * version 2 without touches gets its attempts there, one with touches
 * none (its streak comes from them). */
static void
test_migrate_v2 (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PursuitStore) store = open_store (fixture->path);
  g_autoptr(PursuitProspect) imported = pursuit_prospect_new ("Imported");
  g_autoptr(PursuitProspect) touched = pursuit_prospect_new ("Touched");
  g_autoptr(PursuitTouch) touch = NULL;
  g_autoptr(GError) error = NULL;
  gint64 imported_id, touched_id;
  sqlite3 *raw;

  g_assert_true (pursuit_store_add (store, imported, &error));
  g_assert_true (pursuit_store_add (store, touched, &error));
  touch = add_touch (store, touched, 1700000000);
  imported_id = pursuit_prospect_get_id (imported);
  touched_id = pursuit_prospect_get_id (touched);
  g_clear_object (&store);

  /* Back to the schema of version 2, with streaks as it left them. */
  raw = raw_open (fixture->path);
  raw_exec (raw, "ALTER TABLE prospect DROP COLUMN attempts_before;"
                 "ALTER TABLE prospect DROP COLUMN closed_at;"
                 "ALTER TABLE prospect DROP COLUMN deleted_at;"
                 "ALTER TABLE prospect DROP COLUMN reopen_to;"
                 "ALTER TABLE prospect DROP COLUMN tags;"
                 "ALTER TABLE prospect DROP COLUMN do_not_contact;"
                 "ALTER TABLE touch DROP COLUMN informational;"
                 "DROP TABLE meta;"
                 "UPDATE prospect SET attempts = 4;"
                 "UPDATE prospect SET stage = 'closed', tier = '', updated_at = 1700000000"
                 "  WHERE name = 'Touched';"
                 "PRAGMA user_version = 2;");
  sqlite3_close (raw);

  store = open_store (fixture->path);
  g_assert_cmpint (raw_int (fixture->path, "PRAGMA user_version"), ==, PURSUIT_STORE_SCHEMA_VERSION);
  g_assert_cmpuint (pursuit_prospect_get_attempts_before (pursuit_store_find (store, imported_id)), ==, 4);
  g_assert_cmpuint (pursuit_prospect_get_attempts_before (pursuit_store_find (store, touched_id)), ==, 0);
  /* A prospect closed before has its last change as its closing date. */
  g_assert_null (pursuit_prospect_get_closed_at (pursuit_store_find (store, imported_id)));
  g_assert_cmpint (g_date_time_to_unix (pursuit_prospect_get_closed_at (pursuit_store_find (store, touched_id))), ==,
                   1700000000);
}

/* The closing date: set by the change that wins or lets a prospect go,
 * kept through later changes, cleared when it comes back; undo brings
 * the old one back. */
static void
test_closed_at (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PursuitStore) store = open_store (fixture->path);
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new ("Closing Carla");
  g_autoptr(PursuitProspect) before = NULL;
  g_autoptr(PursuitProspect) draft = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) closed = NULL;

  pursuit_prospect_set_stage (prospect, PURSUIT_STAGE_ACTIVE);
  pursuit_prospect_set_tier (prospect, PURSUIT_TIER_HOT);
  g_assert_true (pursuit_store_add (store, prospect, &error));
  g_assert_null (pursuit_prospect_get_closed_at (prospect));

  g_assert_true (pursuit_store_let_go (store, prospect, PURSUIT_CLOSE_REASON_NOT_SERIOUS, NULL, &error));
  g_assert_no_error (error);
  closed = g_date_time_ref (pursuit_prospect_get_closed_at (prospect));
  g_assert_cmpint (ABS (g_date_time_difference (closed, now)), <, 10 * G_TIME_SPAN_SECOND);

  /* An edit keeps it, on disk too. */
  draft = pursuit_prospect_dup (prospect);
  pursuit_prospect_set_notes (draft, "Said no, kindly.");
  g_assert_true (pursuit_store_update (store, prospect, draft, &error));
  g_assert_true (g_date_time_equal (pursuit_prospect_get_closed_at (prospect), closed));
  g_assert_cmpint (raw_int (fixture->path, "SELECT closed_at FROM prospect"), ==, g_date_time_to_unix (closed));

  /* Back to the pipeline: none; undo of that: the old one. */
  before = pursuit_prospect_dup (prospect);
  g_assert_true (pursuit_store_move (store, prospect, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD, now, &error));
  g_assert_null (pursuit_prospect_get_closed_at (prospect));
  g_assert_cmpint (raw_int (fixture->path, "SELECT closed_at IS NULL FROM prospect"), ==, 1);
  g_assert_true (pursuit_store_update (store, prospect, before, &error));
  g_assert_true (g_date_time_equal (pursuit_prospect_get_closed_at (prospect), closed));
  g_assert_no_error (error);
}

/* Refusals: the file is left exactly as it was. */

static void
assert_refused (Fixture           *fixture,
                PursuitStoreError  code)
{
  g_autoptr(GBytes) before = pursuit_test_read_bytes (fixture->path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PursuitStore) store = NULL;
  gboolean had_wal = side_file_exists (fixture->path, "-wal");

  store = pursuit_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, PURSUIT_STORE_ERROR, (int) code);
  g_assert_nonnull (strstr (error->message, fixture->path));

  after = pursuit_test_read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (side_file_exists (fixture->path, "-journal"));
  if (!had_wal)
    {
      g_assert_false (side_file_exists (fixture->path, "-wal"));
      g_assert_false (side_file_exists (fixture->path, "-shm"));
    }
}

static void
test_refuse_newer (Fixture       *fixture,
                   gconstpointer  data)
{
  sqlite3 *raw = raw_open (fixture->path);

  raw_exec (raw, "CREATE TABLE prospect (id INTEGER PRIMARY KEY, name TEXT);"
                 "CREATE TABLE touch (id INTEGER PRIMARY KEY);"
                 "INSERT INTO prospect (name) VALUES ('From the future');"
                 "PRAGMA user_version = 99;");
  sqlite3_close (raw);

  assert_refused (fixture, PURSUIT_STORE_ERROR_NEWER_VERSION);
  g_assert_cmpint (raw_int (fixture->path, "PRAGMA user_version"), ==, 99);
}

static void
test_refuse_text (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *csv = "name,company,email\nAda,Engines,ada@example.org\n";

  g_assert_true (g_file_set_contents (fixture->path, csv, -1, NULL));
  assert_refused (fixture, PURSUIT_STORE_ERROR_NOT_DATABASE);

  /* Too short to hold even the SQLite header. */
  g_assert_true (g_file_set_contents (fixture->path, "SQLite", -1, NULL));
  assert_refused (fixture, PURSUIT_STORE_ERROR_NOT_DATABASE);
}

static void
test_refuse_random (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GBytes) before = NULL, after = NULL;

  for (guint i = 0; i < 3 * 4096; i++)
    {
      guint8 byte = g_test_rand_int_range (0, 256);

      g_byte_array_append (bytes, &byte, 1);
    }
  g_assert_true (g_file_set_contents (fixture->path, (char *) bytes->data, bytes->len, NULL));
  assert_refused (fixture, PURSUIT_STORE_ERROR_NOT_DATABASE);

  /* Random pages behind a real header: SQLite's own checks refuse it. */
  memcpy (bytes->data, "SQLite format 3", 16);
  g_assert_true (g_file_set_contents (fixture->path, (char *) bytes->data, bytes->len, NULL));
  before = pursuit_test_read_bytes (fixture->path);
  store = pursuit_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (error->domain == PURSUIT_STORE_ERROR);
  g_assert_true (error->code == PURSUIT_STORE_ERROR_NOT_DATABASE ||
                 error->code == PURSUIT_STORE_ERROR_CORRUPT);
  after = pursuit_test_read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_refuse_foreign (Fixture       *fixture,
                     gconstpointer  data)
{
  sqlite3 *raw = raw_open (fixture->path);

  raw_exec (raw, "CREATE TABLE recipe (id INTEGER PRIMARY KEY, title TEXT);"
                 "INSERT INTO recipe (title) VALUES ('Soup');");
  sqlite3_close (raw);
  assert_refused (fixture, PURSUIT_STORE_ERROR_NOT_DATABASE);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM recipe"), ==, 1);

  /* Claims to be ours but lacks our table. */
  raw = raw_open (fixture->path);
  raw_exec (raw, "PRAGMA user_version = 1");
  sqlite3_close (raw);
  assert_refused (fixture, PURSUIT_STORE_ERROR_NOT_DATABASE);
}

/* Makes a Pursuit database at @path holding one prospect, closed again. */
static void
make_database (const char *path)
{
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new ("Ada Lovelace");
  g_autoptr(GError) error = NULL;

  store = pursuit_store_open (path, &error);
  g_assert_no_error (error);
  pursuit_store_add (store, prospect, &error);
  g_assert_no_error (error);
}

/* A trigger or view planted with sqlite3 would run on Pursuit's own
 * changes: the file is refused, untouched, naming what was found. */
static void
test_refuse_planted (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *planted[] = {
    "CREATE TRIGGER wipe AFTER INSERT ON prospect BEGIN DELETE FROM prospect; END;",
    "CREATE TRIGGER \"quiet one\" AFTER UPDATE ON prospect BEGIN DELETE FROM touch; END;",
    "CREATE VIEW everyone AS SELECT name FROM prospect;",
    "CREATE INDEX prospect_name ON prospect (name);",
    "CREATE TABLE notes (body TEXT);",
  };
  const char *names[] = { "trigger wipe on prospect", "trigger quiet one on prospect", "view everyone",
                          "index prospect_name on prospect", "table notes" };

  make_database (fixture->path);
  for (guint i = 0; i < G_N_ELEMENTS (planted); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PursuitStore) store = NULL;
      sqlite3 *raw = raw_open (fixture->path);

      raw_exec (raw, planted[i]);
      sqlite3_close (raw);

      assert_refused (fixture, PURSUIT_STORE_ERROR_NOT_DATABASE);
      store = pursuit_store_open (fixture->path, &error);
      g_assert_null (store);
      g_assert_nonnull (strstr (error->message, names[i]));
      g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM prospect"), ==, 1);

      raw = raw_open (fixture->path);
      raw_exec (raw, "DROP TRIGGER IF EXISTS wipe; DROP TRIGGER IF EXISTS \"quiet one\";"
                     "DROP VIEW IF EXISTS everyone; DROP INDEX IF EXISTS prospect_name;"
                     "DROP TABLE IF EXISTS notes;");
      sqlite3_close (raw);
    }

  /* What Pursuit made itself opens, SQLite's own tables included. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PursuitStore) store = NULL;
    sqlite3 *raw = raw_open (fixture->path);

    raw_exec (raw, "ANALYZE;");
    sqlite3_close (raw);
    store = pursuit_store_open (fixture->path, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (store)), ==, 1);
  }
}

static guint
file_mode (const char *path)
{
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

/* A database that others may read is made private when it opens, and so
 * are its -wal and -shm files. */
static void
test_open_makes_private (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GError) error = NULL;

  make_database (fixture->path);
  g_assert_cmpint (g_chmod (fixture->path, 0644), ==, 0);
  store = pursuit_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (fixture->path), ==, 0600);
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_cmpuint (file_mode (shm), ==, 0600);

  /* Companions left readable by another program go private too. */
  g_assert_cmpint (g_chmod (wal, 0664), ==, 0);
  g_assert_cmpint (g_chmod (shm, 0666), ==, 0);
  g_assert_cmpint (g_chmod (fixture->path, 0640), ==, 0);
  {
    g_autoptr(PursuitStore) second = pursuit_store_open (fixture->path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (file_mode (fixture->path), ==, 0600);
    g_assert_cmpuint (file_mode (wal), ==, 0600);
    g_assert_cmpuint (file_mode (shm), ==, 0600);
  }
}

/* Version 4 kept where a closed prospect came from in meta; version 5
 * moves it onto the prospect's row and leaves no such keys behind. */
/* Tags: kept normalised, saved by add and update, back from the Trash,
 * from a removal undone and from a merge (both prospects' tags); a
 * database of schema 5 gets the column, empty. On disk. */
static void
test_tags (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(PursuitStore) store = open_store (fixture->path);
  g_autoptr(PursuitProspect) ann = pursuit_prospect_new ("Ann");
  g_autoptr(PursuitProspect) ben = add_prospect (store, "Ben", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE);
  g_autoptr(PursuitProspect) cy = NULL;
  g_autoptr(PursuitProspect) draft = NULL;
  g_autoptr(PursuitProspect) copy = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ann_id, ben_id, cy_id;
  sqlite3 *raw;

  pursuit_prospect_set_tags (ann, "  VIP; #Trade   Fair ,vip,, ");
  g_assert_cmpstr (pursuit_prospect_get_tags (ann), ==, "vip,trade fair");
  g_assert_true (pursuit_prospect_has_tag (ann, "#VIP"));
  g_assert_true (pursuit_prospect_has_tag (ann, "trade fair"));
  g_assert_false (pursuit_prospect_has_tag (ann, "trade"));
  g_assert_true (pursuit_store_add (store, ann, &error));
  g_assert_no_error (error);
  ann_id = pursuit_prospect_get_id (ann);
  ben_id = pursuit_prospect_get_id (ben);

  draft = pursuit_prospect_dup (ben);
  pursuit_prospect_set_tags (draft, "Partner");
  g_assert_true (pursuit_store_update (store, ben, draft, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = open_store (fixture->path);
  g_assert_cmpstr (pursuit_prospect_get_tags (pursuit_store_find (store, ann_id)), ==, "vip,trade fair");
  g_assert_cmpstr (pursuit_prospect_get_tags (pursuit_store_find (store, ben_id)), ==, "partner");
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM prospect WHERE tags = 'vip,trade fair'"), ==, 1);

  /* The Trash and back. */
  g_assert_true (pursuit_store_trash (store, pursuit_store_find (store, ann_id), &error));
  g_assert_true (pursuit_store_untrash (store, pursuit_store_find_trashed (store, ann_id), &error));
  g_assert_no_error (error);

  /* A removal undone. */
  cy = add_prospect (store, "Cy", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE);
  cy_id = pursuit_prospect_get_id (cy);
  g_clear_object (&draft);
  draft = pursuit_prospect_dup (cy);
  pursuit_prospect_set_tags (draft, "cold call");
  g_assert_true (pursuit_store_update (store, cy, draft, &error));
  copy = pursuit_prospect_dup (cy);
  g_assert_true (pursuit_store_remove (store, cy, &error));
  g_assert_no_error (error);
  g_assert_true (pursuit_store_restore (store, copy, cy_id, NULL, &error));
  g_assert_no_error (error);

  /* A merge keeps the tags of both. */
  g_assert_true (pursuit_store_merge (store, pursuit_store_find (store, ben_id), pursuit_store_find (store, ann_id),
                                      NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = open_store (fixture->path);
  g_assert_cmpstr (pursuit_prospect_get_tags (pursuit_store_find (store, cy_id)), ==, "cold call");
  g_assert_cmpstr (pursuit_prospect_get_tags (pursuit_store_find (store, ben_id)), ==, "vip,trade fair,partner");
  g_assert_cmpstr (pursuit_prospect_get_tags (pursuit_store_find_trashed (store, ann_id)), ==, "vip,trade fair");
  g_clear_object (&store);

  /* Schema 5 had no tags. */
  raw = raw_open (fixture->path);
  raw_exec (raw, "ALTER TABLE prospect DROP COLUMN tags; ALTER TABLE prospect DROP COLUMN do_not_contact;"
                 "ALTER TABLE touch DROP COLUMN informational; PRAGMA user_version = 5;");
  sqlite3_close (raw);
  store = open_store (fixture->path);
  g_assert_cmpint (raw_int (fixture->path, "PRAGMA user_version"), ==, PURSUIT_STORE_SCHEMA_VERSION);
  g_assert_cmpint (PURSUIT_STORE_SCHEMA_VERSION, >=, 6);
  g_assert_cmpstr (pursuit_prospect_get_tags (pursuit_store_find (store, ben_id)), ==, "");
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM prospect WHERE tags = ''"), ==, 3);
}

static void
test_migrate_v4 (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PursuitStore) store = open_store (fixture->path);
  g_autoptr(PursuitProspect) closed = add_prospect (store, "Closed", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COOL);
  g_autofree char *sql = NULL;
  gint64 id = pursuit_prospect_get_id (closed);
  sqlite3 *raw;

  g_clear_object (&store);
  raw = raw_open (fixture->path);
  sql = g_strdup_printf ("ALTER TABLE prospect DROP COLUMN reopen_to;"
                         "ALTER TABLE prospect DROP COLUMN tags;"
                         "ALTER TABLE prospect DROP COLUMN do_not_contact;"
                         "ALTER TABLE touch DROP COLUMN informational;"
                         "INSERT INTO meta (key, value) VALUES ('reopen:%" G_GINT64_FORMAT "', 'active:cool');"
                         "PRAGMA user_version = 4;", id);
  raw_exec (raw, sql);
  sqlite3_close (raw);

  store = open_store (fixture->path);
  g_assert_cmpint (raw_int (fixture->path, "PRAGMA user_version"), ==, PURSUIT_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM meta WHERE key LIKE 'reopen:%'"), ==, 0);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM prospect WHERE reopen_to = 'active:cool'"), ==, 1);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM meta WHERE key = 'database-id'"), ==, 1);
}

/* Each database has an id of its own, kept across reopening and by a
 * copy of the file, and different from any other database's. */
static void
test_database_id (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.db", NULL);
  g_autofree char *first = NULL;
  g_autoptr(PursuitStore) store = open_store (fixture->path);
  g_autoptr(PursuitStore) other = open_store (other_path);

  first = g_strdup (pursuit_store_get_database_id (store));
  g_assert_nonnull (first);
  g_assert_cmpuint (strlen (first), ==, 32);
  g_assert_true (strspn (first, "0123456789abcdef") == 32);
  g_assert_cmpstr (pursuit_store_get_database_id (other), !=, first);
  g_clear_object (&store);

  store = open_store (fixture->path);
  g_assert_cmpstr (pursuit_store_get_database_id (store), ==, first);
  g_clear_object (&other);
  g_unlink (other_path);
}

static void
test_refuse_corrupt (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(PursuitStore) store = open_store (fixture->path);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = g_strnfill (600, 'n');
  g_autofree char *contents = NULL;
  gsize length;

  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *name = g_strdup_printf ("Prospect %u", i);
      PursuitProspect *prospect = pursuit_prospect_new (name);

      pursuit_prospect_set_notes (prospect, notes);
      g_ptr_array_add (batch, prospect);
    }
  g_assert_true (pursuit_store_add_many (store, batch, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_false (side_file_exists (fixture->path, "-wal"));

  /* Keep the header and the schema page; wreck pages in the middle. */
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 20 * 4096);
  for (gsize i = length / 2; i < length / 2 + 3 * 4096; i++)
    contents[i] = (char) (i * 7 + 13);
  g_assert_true (g_file_set_contents (fixture->path, contents, length, NULL));

  assert_refused (fixture, PURSUIT_STORE_ERROR_CORRUPT);
}

/* A row with an id Pursuit never gives (0 is "not saved yet") is refused
 * as damage, not loaded as a prospect that cannot be told apart from a
 * new one. */
static void
test_refuse_bad_ids (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(PursuitStore) store = open_store (fixture->path);
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new ("Real");
  sqlite3 *raw;

  g_assert_true (pursuit_store_add (store, prospect, NULL));
  g_clear_object (&store);
  raw = raw_open (fixture->path);
  raw_exec (raw, "INSERT INTO prospect (id, name, created_at, updated_at) VALUES (0, 'Zero', 0, 0);"
                 "PRAGMA wal_checkpoint(TRUNCATE);");
  sqlite3_close (raw);

  assert_refused (fixture, PURSUIT_STORE_ERROR_CORRUPT);
}

#ifdef __SANITIZE_ADDRESS__
/* GLib 2.74 leaks the previous folder names each time
 * G_TEST_OPTION_ISOLATE_DIRS resets them for a test (g_set_user_dirs());
 * that is not ours to fix, and would hide leaks that are. The suppression
 * needs whole stacks, which GLib built without frame pointers only gives
 * to the slow unwinder. */
const char *__lsan_default_suppressions (void);
const char *__asan_default_options (void);

const char *
__lsan_default_suppressions (void)
{
  return "leak:g_set_user_dirs\n";
}

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}
#endif

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/prospect/defaults", test_prospect_defaults);
  g_test_add_func ("/store/prospect/notify", test_prospect_notify);
  g_test_add_func ("/store/touch/object", test_touch_object);

  TEST ("/store/open/create", test_open_create);
  TEST ("/store/open/default-path", test_open_default_path);
  TEST ("/store/open/pragmas", test_open_pragmas);
  TEST ("/store/open/not-a-folder", test_open_not_a_folder);

  TEST ("/store/prospect/roundtrip", test_prospect_roundtrip);
  TEST ("/store/prospect/update", test_prospect_update);
  TEST ("/store/prospect/move-tier", test_prospect_move_tier);
  TEST ("/store/prospect/models-stay-in-order", test_prospect_models_stay_in_order);
  TEST ("/store/prospect/add-many", test_prospect_add_many);
  TEST ("/store/prospect/add-many-rollback", test_prospect_add_many_rollback);
  TEST ("/store/prospect/invalid", test_prospect_invalid);
  TEST ("/store/prospect/remove", test_prospect_remove);
  TEST ("/store/prospect/locked", test_prospect_locked);

  TEST ("/store/touch/list", test_touch_list);
  TEST ("/store/touch/log", test_touch_log);

  TEST ("/store/migrate/v1", test_migrate_v1);
  TEST ("/store/migrate/v2", test_migrate_v2);
  TEST ("/store/migrate/v4", test_migrate_v4);
  TEST ("/store/prospect/tags", test_tags);
  TEST ("/store/prospect/closed-at", test_closed_at);
  TEST ("/store/refuse/bad-ids", test_refuse_bad_ids);

  TEST ("/store/refuse/newer", test_refuse_newer);
  TEST ("/store/refuse/text", test_refuse_text);
  TEST ("/store/refuse/random", test_refuse_random);
  TEST ("/store/refuse/foreign", test_refuse_foreign);
  TEST ("/store/refuse/corrupt", test_refuse_corrupt);
  TEST ("/store/open/database-id", test_database_id);
  TEST ("/store/refuse/planted", test_refuse_planted);
  TEST ("/store/open/makes-private", test_open_makes_private);

  return g_test_run ();
}
