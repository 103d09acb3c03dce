/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include <glib/gstdio.h>

#include "pursuit-csv.h"
#include "pursuit-import.h"
#include "pursuit-insights-data.h"
#include "pursuit-store.h"
#include "pursuit-store-merge.h"
#include "pursuit-store-outreach.h"
#include "pursuit-store-touches.h"
#include "pursuit-store-trash.h"
#include "test-util.h"

/* The store's outreach: schema 7 from every older version, the
 * do-not-contact list, snoozing, the nurture list and its informational
 * touches, and their way through CSV. Every check reads the database
 * again from disk, on a store opened anew or a raw connection. */

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = pursuit_test_make_dir ("test-store-outreach");
  fixture->path = g_build_filename (fixture->dir, "pursuit.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  pursuit_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

#define TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  return db;
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = raw_open (path);
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static gint64
raw_int (const char *path,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static gint64
raw_int (const char *path,
         const char *format,
         ...)
{
  sqlite3 *db = raw_open (path);
  sqlite3_stmt *stmt = NULL;
  g_autofree char *sql = NULL;
  va_list args;
  gint64 result;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  result = sqlite3_column_type (stmt, 0) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

/* Every row, but when each prospect was last written. */
static char *
dump (const char *path)
{
  raw_exec (path, "UPDATE prospect SET updated_at = 0");
  return pursuit_test_dump_database (path);
}

static PursuitStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  PursuitStore *store = pursuit_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static PursuitProspect *
add (PursuitStore *store,
     const char   *name,
     const char   *email,
     PursuitStage  stage,
     PursuitTier   tier)
{
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new (name);
  g_autoptr(GError) error = NULL;

  pursuit_prospect_set_email (prospect, email);
  pursuit_prospect_set_phone (prospect, "+49 30 1234567");
  pursuit_prospect_set_stage (prospect, stage);
  pursuit_prospect_set_tier (prospect, tier);
  g_assert_true (pursuit_store_add (store, prospect, &error));
  g_assert_no_error (error);
  return g_object_ref (prospect);
}

static PursuitTouch *
record (PursuitStore   *store,
        PursuitProspect *prospect,
        GDateTime      *when,
        PursuitChannel  channel,
        PursuitOutcome  outcome)
{
  g_autoptr(PursuitTouch) touch = pursuit_touch_new (pursuit_prospect_get_id (prospect), when, channel,
                                                     PURSUIT_DIRECTION_OUT, outcome);
  g_autoptr(GError) error = NULL;

  g_assert_true (pursuit_store_record_touch (store, touch, &error));
  g_assert_no_error (error);
  return g_object_ref (touch);
}

static GDateTime *
days_ago (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_add_days (now, -days);
}

/* ---- schema 7 -------------------------------------------------------- */

/* What takes a database of schema 7 back to @version: the columns and
 * tables each later version added, dropped again. */
static const char *const downgrades[] = {
  [6] = "ALTER TABLE prospect DROP COLUMN do_not_contact; ALTER TABLE touch DROP COLUMN informational;",
  [5] = "ALTER TABLE prospect DROP COLUMN tags;",
  [4] = "ALTER TABLE prospect DROP COLUMN reopen_to;",
  [3] = "ALTER TABLE prospect DROP COLUMN deleted_at; DROP TABLE meta;",
  [2] = "ALTER TABLE prospect DROP COLUMN attempts_before; ALTER TABLE prospect DROP COLUMN closed_at;",
  [1] = "DROP TABLE touch; DROP INDEX prospect_next_touch;"
        "ALTER TABLE prospect DROP COLUMN source; ALTER TABLE prospect DROP COLUMN attempt_limit;"
        "ALTER TABLE prospect DROP COLUMN next_touch_manual; ALTER TABLE prospect DROP COLUMN callback_at;"
        "ALTER TABLE prospect DROP COLUMN next_channel; ALTER TABLE prospect DROP COLUMN close_reason;"
        "ALTER TABLE prospect DROP COLUMN revisit_at;",
};

/* From every older version: the new columns are there, every touch is an
 * attempt, and a prospect let go as a firm no (from version 2 on, which
 * has close reasons) is on the do-not-contact list without its revisit
 * date or a next touch; the others are not. */
static void
test_migrate (Fixture       *fixture,
              gconstpointer  data)
{
  g_assert_cmpint (PURSUIT_STORE_SCHEMA_VERSION, ==, 7);

  for (int version = 1; version < PURSUIT_STORE_SCHEMA_VERSION; version++)
    {
      g_autoptr(PursuitStore) store = open_store (fixture->path);
      g_autoptr(PursuitProspect) no = add (store, "Nora No", "nora@example.com", PURSUIT_STAGE_ACTIVE,
                                           PURSUIT_TIER_GOOD);
      g_autoptr(PursuitProspect) cold = add (store, "Carl Cold", "carl@example.com", PURSUIT_STAGE_ACTIVE,
                                             PURSUIT_TIER_COLD);
      g_autoptr(PursuitTouch) touch = record (store, cold, NULL, PURSUIT_CHANNEL_CALL, PURSUIT_OUTCOME_NO_ANSWER);
      g_autofree char *sql = NULL;
      g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
      gint64 no_id = pursuit_prospect_get_id (no), cold_id = pursuit_prospect_get_id (cold);

      g_test_message ("from version %d", version);
      g_clear_object (&store);
      /* As an older version left it: a firm no with a revisit date and a
       * next touch, which version 7 takes away. */
      sql = g_strdup_printf ("UPDATE prospect SET stage = 'closed', tier = '', close_reason = 'firm-no',"
                             " revisit_at = 4000000000, next_touch = 1700000000 WHERE id = %" G_GINT64_FORMAT,
                             no_id);
      raw_exec (fixture->path, sql);
      for (int v = PURSUIT_STORE_SCHEMA_VERSION - 1; v >= version; v--)
        raw_exec (fixture->path, downgrades[v]);
      g_clear_pointer (&sql, g_free);
      sql = g_strdup_printf ("PRAGMA user_version = %d", version);
      raw_exec (fixture->path, sql);

      store = open_store (fixture->path);
      g_clear_object (&store);
      g_assert_cmpint (raw_int (fixture->path, "PRAGMA user_version"), ==, PURSUIT_STORE_SCHEMA_VERSION);
      g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM touch WHERE informational != 0"), ==, 0);
      g_assert_cmpint (raw_int (fixture->path, "SELECT do_not_contact FROM prospect WHERE id = %" G_GINT64_FORMAT,
                                cold_id), ==, 0);
      if (version >= 2)
        {
          g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM touch"), ==, 1);
          g_assert_cmpint (raw_int (fixture->path, "SELECT do_not_contact FROM prospect WHERE id = %" G_GINT64_FORMAT,
                                    no_id), ==, 1);
          g_assert_cmpint (raw_int (fixture->path, "SELECT revisit_at FROM prospect WHERE id = %" G_GINT64_FORMAT,
                                    no_id), ==, -1);
          g_assert_cmpint (raw_int (fixture->path, "SELECT next_touch FROM prospect WHERE id = %" G_GINT64_FORMAT,
                                    no_id), ==, -1);
        }
      else
        g_assert_cmpint (raw_int (fixture->path, "SELECT do_not_contact FROM prospect WHERE id = %" G_GINT64_FORMAT,
                                  no_id), ==, 0);

      /* The store reads it as it is on disk. */
      store = open_store (fixture->path);
      g_assert_cmpint (pursuit_prospect_get_do_not_contact (pursuit_store_find (store, no_id)), ==, version >= 2);
      g_clear_object (&store);
      g_assert_cmpint (g_unlink (fixture->path), ==, 0);
      g_unlink (wal);
      g_unlink (shm);
    }
}

/* ---- do not contact -------------------------------------------------- */

static void
assert_dnc_on_disk (const char *path,
                    gint64      id,
                    const char *reason)
{
  g_autoptr(PursuitStore) store = open_store (path);
  PursuitProspect *prospect = pursuit_store_find (store, id);

  g_assert_nonnull (prospect);
  g_assert_true (pursuit_prospect_get_do_not_contact (prospect));
  g_assert_cmpint (pursuit_prospect_get_stage (prospect), ==, PURSUIT_STAGE_CLOSED);
  g_assert_cmpstr (pursuit_prospect_get_close_reason (prospect), ==, reason);
  g_assert_null (pursuit_prospect_get_next_touch (prospect));
  g_assert_null (pursuit_prospect_get_revisit_at (prospect));
  g_assert_null (pursuit_prospect_get_callback_at (prospect));
}

/* Set by hand: let go as do-not-contact (a firm no stays a firm no); a
 * move out of closed is refused while marked and changes nothing on disk;
 * lifted, the prospect stays closed until it is moved. */
static void
test_dnc_set_lift (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PursuitStore) store = open_store (fixture->path);
  g_autoptr(PursuitProspect) ann = add (store, "Ann", "ann@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT);
  g_autoptr(PursuitProspect) bo = add (store, "Bo", "bo@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) revisit = g_date_time_add_months (now, 6);
  g_autoptr(GError) error = NULL;
  gint64 ann_id = pursuit_prospect_get_id (ann), bo_id = pursuit_prospect_get_id (bo);

  g_assert_nonnull (pursuit_prospect_get_next_touch (ann));
  g_assert_true (pursuit_store_set_do_not_contact (store, ann, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (pursuit_store_let_go (store, bo, PURSUIT_CLOSE_REASON_NO_RESPONSE, revisit, &error));
  g_assert_true (pursuit_store_set_do_not_contact (store, bo, TRUE, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  assert_dnc_on_disk (fixture->path, ann_id, PURSUIT_CLOSE_REASON_DO_NOT_CONTACT);
  assert_dnc_on_disk (fixture->path, bo_id, PURSUIT_CLOSE_REASON_DO_NOT_CONTACT);
  /* Insights name it among the reasons for letting go. */
  {
    g_autoptr(PursuitInsightsData) history = pursuit_insights_data_load (fixture->path, &error);
    PursuitInsightsParams params;
    PursuitInsights *insights;

    g_assert_no_error (error);
    pursuit_insights_params_init_default (&params, g_date_time_to_unix (now));
    insights = pursuit_insights_compute (history, &params);
    g_assert_cmpuint (insights->n_loss_reasons, ==, 1);
    g_assert_cmpstr (insights->loss_reasons[0].reason, ==, PURSUIT_CLOSE_REASON_DO_NOT_CONTACT);
    g_assert_cmpuint (insights->loss_reasons[0].count, ==, 2);
    pursuit_insights_free (insights);
  }

  /* Not out of closed while marked, by a move or an edit. */
  store = open_store (fixture->path);
  g_assert_false (pursuit_store_move (store, pursuit_store_find (store, ann_id), PURSUIT_STAGE_ACTIVE,
                                      PURSUIT_TIER_HOT, now, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Ann"));
  g_clear_error (&error);
  {
    g_autoptr(PursuitProspect) draft = pursuit_prospect_dup (pursuit_store_find (store, ann_id));

    pursuit_prospect_set_stage (draft, PURSUIT_STAGE_INBOX);
    g_assert_false (pursuit_store_update (store, pursuit_store_find (store, ann_id), draft, &error));
    g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_clear_object (&store);
  assert_dnc_on_disk (fixture->path, ann_id, PURSUIT_CLOSE_REASON_DO_NOT_CONTACT);

  /* Lifted: still let go, then free to move. */
  store = open_store (fixture->path);
  g_assert_true (pursuit_store_set_do_not_contact (store, pursuit_store_find (store, ann_id), FALSE, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (raw_int (fixture->path, "SELECT do_not_contact FROM prospect WHERE id = %" G_GINT64_FORMAT,
                            ann_id), ==, 0);
  g_assert_cmpint (raw_int (fixture->path, "SELECT stage = 'closed' FROM prospect WHERE id = %" G_GINT64_FORMAT,
                            ann_id), ==, 1);
  store = open_store (fixture->path);
  g_assert_true (pursuit_store_move (store, pursuit_store_find (store, ann_id), PURSUIT_STAGE_ACTIVE,
                                     PURSUIT_TIER_HOT, now, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (raw_int (fixture->path, "SELECT next_touch IS NOT NULL AND stage = 'active' FROM prospect "
                                           "WHERE id = %" G_GINT64_FORMAT, ann_id), ==, 1);
}

/* A firm no marks the prospect: logged, or as the reason to let go (its
 * revisit date dropped). A firm no logged on a customer ends no
 * relationship and marks nothing. Deleting the touch of the firm no
 * reopens the prospect, off the list. */
static void
test_dnc_firm_no (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PursuitStore) store = open_store (fixture->path);
  g_autoptr(PursuitProspect) cy = add (store, "Cy", "cy@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COOL);
  g_autoptr(PursuitProspect) di = add (store, "Di", "di@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD);
  g_autoptr(PursuitProspect) ed = add (store, "Ed", "ed@example.com", PURSUIT_STAGE_CUSTOMER, PURSUIT_TIER_NONE);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) revisit = g_date_time_add_months (now, 6);
  g_autoptr(PursuitTouch) no = NULL;
  g_autoptr(PursuitTouch) ed_no = NULL;
  g_autoptr(GError) error = NULL;
  gint64 cy_id = pursuit_prospect_get_id (cy), di_id = pursuit_prospect_get_id (di);
  gint64 ed_id = pursuit_prospect_get_id (ed);

  no = record (store, cy, NULL, PURSUIT_CHANNEL_CALL, PURSUIT_OUTCOME_FIRM_NO);
  ed_no = record (store, ed, NULL, PURSUIT_CHANNEL_CALL, PURSUIT_OUTCOME_FIRM_NO);
  g_assert_true (pursuit_store_let_go (store, di, PURSUIT_CLOSE_REASON_FIRM_NO, revisit, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  assert_dnc_on_disk (fixture->path, cy_id, PURSUIT_CLOSE_REASON_FIRM_NO);
  assert_dnc_on_disk (fixture->path, di_id, PURSUIT_CLOSE_REASON_FIRM_NO);
  g_assert_cmpint (raw_int (fixture->path, "SELECT do_not_contact FROM prospect WHERE id = %" G_GINT64_FORMAT,
                            ed_id), ==, 0);

  /* An attempt on a marked prospect is refused. */
  store = open_store (fixture->path);
  {
    g_autoptr(PursuitTouch) call = pursuit_touch_new (cy_id, NULL, PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT,
                                                      PURSUIT_OUTCOME_NO_ANSWER);

    g_assert_false (pursuit_store_record_touch (store, call, &error));
    g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* The firm no was logged by mistake. */
  {
    g_autoptr(GListModel) touches = pursuit_store_list_touches (store, pursuit_store_find (store, cy_id), &error);
    g_autoptr(PursuitTouch) saved = g_list_model_get_item (touches, 0);

    g_assert_true (pursuit_store_delete_touch (store, saved, NULL, &error));
    g_assert_no_error (error);
  }
  g_clear_object (&store);
  g_assert_cmpint (raw_int (fixture->path, "SELECT do_not_contact FROM prospect WHERE id = %" G_GINT64_FORMAT,
                            cy_id), ==, 0);
  g_assert_cmpint (raw_int (fixture->path, "SELECT stage = 'active' AND next_touch IS NOT NULL FROM prospect "
                                           "WHERE id = %" G_GINT64_FORMAT, cy_id), ==, 1);
}

/* The revisit date of a marked prospect never brings it back, even one
 * written by hand; the others come back. */
static void
test_dnc_revisit (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PursuitStore) store = open_store (fixture->path);
  g_autoptr(PursuitProspect) fay = add (store, "Fay", "fay@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COLD);
  g_autoptr(PursuitProspect) gus = add (store, "Gus", "gus@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COLD);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_months (now, 7);
  g_autoptr(GError) error = NULL;
  gint64 fay_id = pursuit_prospect_get_id (fay), gus_id = pursuit_prospect_get_id (gus);
  guint n_returned = 99;

  g_assert_true (pursuit_store_let_go (store, fay, PURSUIT_CLOSE_REASON_NO_RESPONSE, NULL, &error));
  g_assert_true (pursuit_store_let_go (store, gus, PURSUIT_CLOSE_REASON_NO_RESPONSE, NULL, &error));
  g_assert_true (pursuit_store_set_do_not_contact (store, fay, TRUE, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  raw_exec (fixture->path, "UPDATE prospect SET revisit_at = 1600000000");

  store = open_store (fixture->path);
  g_assert_true (pursuit_store_return_revisits (store, later, &n_returned, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_returned, ==, 1);
  g_clear_object (&store);
  g_assert_cmpint (raw_int (fixture->path, "SELECT stage = 'closed' AND do_not_contact FROM prospect "
                                           "WHERE id = %" G_GINT64_FORMAT, fay_id), ==, 1);
  g_assert_cmpint (raw_int (fixture->path, "SELECT stage = 'inbox' FROM prospect WHERE id = %" G_GINT64_FORMAT,
                            gus_id), ==, 1);
}

/* ---- snooze ---------------------------------------------------------- */

/* To the next working day after today, at the time planned, set by
 * hand: Friday → Monday on a Monday-to-Friday week. Without a planned
 * touch nothing is snoozed. */
static void
test_snooze (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(PursuitStore) store = open_store (fixture->path);
  g_autoptr(PursuitProspect) hal = add (store, "Hal", "hal@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD);
  g_autoptr(PursuitProspect) ida = add (store, "Ida", "ida@example.com", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE);
  g_autoptr(PursuitProspect) draft = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  /* Friday 5 June 2026, 16:00; the touch was due on Thursday at 10:15. */
  g_autoptr(GDateTime) friday = g_date_time_new (zone, 2026, 6, 5, 16, 0, 0);
  g_autoptr(GDateTime) planned = g_date_time_new (zone, 2026, 6, 4, 10, 15, 0);
  g_autoptr(GDateTime) saturday = g_date_time_new (zone, 2026, 6, 6, 8, 0, 0);
  g_autoptr(GDateTime) monday = g_date_time_new (zone, 2026, 6, 8, 10, 15, 0);
  g_autoptr(GDateTime) sunday = g_date_time_new (zone, 2026, 6, 7, 10, 15, 0);
  g_autoptr(GError) error = NULL;
  PursuitPolicy policy = *pursuit_store_get_policy (store);
  gint64 hal_id = pursuit_prospect_get_id (hal);

  policy.work_days = PURSUIT_WORK_DAYS_WEEKDAYS;
  policy.work_start = 9 * 60;
  pursuit_store_set_policy (store, &policy);
  draft = pursuit_prospect_dup (hal);
  pursuit_prospect_set_next_touch (draft, planned);
  g_assert_true (pursuit_store_update (store, hal, draft, &error));
  g_assert_true (pursuit_store_snooze (store, hal, friday, &error));
  g_assert_no_error (error);
  g_assert_false (pursuit_store_snooze (store, ida, friday, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&store);

  g_assert_cmpint (raw_int (fixture->path, "SELECT next_touch FROM prospect WHERE id = %" G_GINT64_FORMAT, hal_id),
                   ==, g_date_time_to_unix (monday));
  g_assert_cmpint (raw_int (fixture->path, "SELECT next_touch_manual FROM prospect WHERE id = %" G_GINT64_FORMAT,
                            hal_id), ==, 1);
  g_assert_cmpint (raw_int (fixture->path, "SELECT next_touch FROM prospect WHERE id = %" G_GINT64_FORMAT,
                            pursuit_prospect_get_id (ida)), ==, -1);

  /* Every day a working day: Saturday's snooze is Sunday. */
  store = open_store (fixture->path);
  policy.work_days = PURSUIT_WORK_DAYS_ALL;
  pursuit_store_set_policy (store, &policy);
  g_assert_true (pursuit_store_snooze (store, pursuit_store_find (store, hal_id), saturday, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (raw_int (fixture->path, "SELECT next_touch FROM prospect WHERE id = %" G_GINT64_FORMAT, hal_id),
                   ==, g_date_time_to_unix (sunday));
}

/* ---- nurture --------------------------------------------------------- */

static void
test_nurture_list (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PursuitStore) store = open_store (fixture->path);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) ahead = g_date_time_add_months (now, 3);
  g_autoptr(GDateTime) past = g_date_time_add_days (now, -1);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PursuitProspect) p = NULL;
  GString *names = g_string_new (NULL);
  g_autofree char *joined = NULL;

  g_clear_object (&p);
  p = add (store, "Zoe cold", "zoe@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COLD);
  g_clear_object (&p);
  p = add (store, "Abe cold", "abe@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COLD);
  g_clear_object (&p);
  p = add (store, "No address", "  ", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COLD);
  g_clear_object (&p);
  p = add (store, "Good tier", "good@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD);
  g_clear_object (&p);
  p = add (store, "Inbox", "inbox@example.com", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE);
  g_clear_object (&p);
  p = add (store, "Customer", "c@example.com", PURSUIT_STAGE_CUSTOMER, PURSUIT_TIER_NONE);
  g_clear_object (&p);
  p = add (store, "Moe revisit", "moe@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD);
  g_assert_true (pursuit_store_let_go (store, p, PURSUIT_CLOSE_REASON_NO_RESPONSE, ahead, &error));
  g_clear_object (&p);
  p = add (store, "Due back", "due@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD);
  g_assert_true (pursuit_store_let_go (store, p, PURSUIT_CLOSE_REASON_NO_RESPONSE, past, &error));
  g_clear_object (&p);
  p = add (store, "No revisit", "none@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD);
  g_assert_true (pursuit_store_let_go (store, p, PURSUIT_CLOSE_REASON_NO_RESPONSE, NULL, &error));
  g_clear_object (&p);
  p = add (store, "Marked cold", "marked@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COLD);
  g_assert_true (pursuit_store_set_do_not_contact (store, p, TRUE, &error));
  g_clear_object (&p);
  p = add (store, "Trashed cold", "trash@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COLD);
  g_assert_true (pursuit_store_trash (store, p, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = open_store (fixture->path);
  list = pursuit_store_list_nurture (store, now);
  for (guint i = 0; i < list->len; i++)
    g_string_append_printf (names, "%s;", pursuit_prospect_get_name (g_ptr_array_index (list, i)));
  joined = g_string_free (names, FALSE);
  g_assert_cmpstr (joined, ==, "Abe cold;Moe revisit;Zoe cold;");
}

static void
on_touch_added (PursuitStore *store,
                PursuitTouch *touch,
                gpointer      user_data)
{
  guint *n = user_data;

  g_assert_true (pursuit_store_is_recording_many (store));
  g_assert_true (pursuit_touch_get_informational (touch));
  g_assert_cmpint (pursuit_touch_get_id (touch), >, 0);
  (*n)++;
}

/* One informational email each, in one go; nothing of the prospects
 * moves; nor do the insights count them. Deleted again (the undo), the
 * prospects are as before. A marked prospect in the list fails the whole
 * mailing. */
static void
test_nurture_log_delete (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(PursuitStore) store = open_store (fixture->path);
  g_autoptr(PursuitProspect) jo = add (store, "Jo", "jo@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COLD);
  g_autoptr(PursuitProspect) kim = add (store, "Kim", "kim@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD);
  g_autoptr(PursuitProspect) lu = add (store, "Lu", "lu@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COLD);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) ahead = g_date_time_add_months (now, 3);
  g_autoptr(GDateTime) before = days_ago (9);
  g_autoptr(PursuitTouch) t1 = record (store, jo, before, PURSUIT_CHANNEL_CALL, PURSUIT_OUTCOME_NO_ANSWER);
  g_autoptr(PursuitTouch) t2 = record (store, jo, before, PURSUIT_CHANNEL_EMAIL, PURSUIT_OUTCOME_NO_ANSWER);
  g_autoptr(GPtrArray) prospects = g_ptr_array_new ();
  g_autoptr(GPtrArray) touches = NULL;
  g_autoptr(PursuitInsightsData) insights = NULL;
  g_autofree char *dump_before = NULL;
  g_autofree char *dump_after = NULL;
  g_autoptr(GError) error = NULL;
  guint n_added = 0, n_insight_touches;
  gulong handler;

  g_assert_true (pursuit_store_let_go (store, kim, PURSUIT_CLOSE_REASON_NO_RESPONSE, ahead, &error));
  g_assert_true (pursuit_store_set_do_not_contact (store, lu, TRUE, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  dump_before = dump (fixture->path);
  insights = pursuit_insights_data_load (fixture->path, &error);
  g_assert_no_error (error);
  n_insight_touches = insights->touches->len;
  g_clear_pointer (&insights, pursuit_insights_data_free);

  /* A marked prospect: refused, nothing written. */
  store = open_store (fixture->path);
  g_ptr_array_add (prospects, pursuit_store_find (store, pursuit_prospect_get_id (jo)));
  g_ptr_array_add (prospects, pursuit_store_find (store, pursuit_prospect_get_id (lu)));
  g_assert_false (pursuit_store_log_nurture (store, prospects, now, "Spring update", &touches, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID);
  g_assert_null (touches);
  g_clear_error (&error);
  g_clear_object (&store);
  dump_after = dump (fixture->path);
  g_assert_cmpstr (dump_before, ==, dump_after);
  g_clear_pointer (&dump_after, g_free);

  store = open_store (fixture->path);
  g_ptr_array_set_size (prospects, 0);
  g_ptr_array_add (prospects, pursuit_store_find (store, pursuit_prospect_get_id (jo)));
  g_ptr_array_add (prospects, pursuit_store_find (store, pursuit_prospect_get_id (kim)));
  handler = g_signal_connect (store, "touch-added", G_CALLBACK (on_touch_added), &n_added);
  g_assert_true (pursuit_store_log_nurture (store, prospects, now, "Spring update", &touches, &error));
  g_assert_no_error (error);
  g_signal_handler_disconnect (store, handler);
  g_assert_false (pursuit_store_is_recording_many (store));
  g_assert_cmpuint (n_added, ==, 2);
  g_assert_cmpuint (touches->len, ==, 2);
  g_clear_object (&store);

  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM touch WHERE informational = 1 AND channel = 'email'"
                                           " AND direction = 'out' AND outcome = 'no-answer'"
                                           " AND note = 'Spring update'"), ==, 2);
  /* Nothing of the prospects moved. */
  g_assert_cmpint (raw_int (fixture->path, "SELECT attempts FROM prospect WHERE id = %" G_GINT64_FORMAT,
                            pursuit_prospect_get_id (jo)), ==, 2);
  insights = pursuit_insights_data_load (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (insights->touches->len, ==, n_insight_touches);
  g_clear_pointer (&insights, pursuit_insights_data_free);
  {
    sqlite3 *db = raw_open (fixture->path);

    /* The dump holds the touches: without the new ones it must be the
     * same. */
    g_assert_cmpint (sqlite3_exec (db, "DELETE FROM touch WHERE informational = 1", NULL, NULL, NULL), ==,
                     SQLITE_OK);
    sqlite3_close (db);
    dump_after = dump (fixture->path);
    g_assert_cmpstr (dump_before, ==, dump_after);
    g_clear_pointer (&dump_after, g_free);
    /* And back, to delete them through the store. */
  }

  store = open_store (fixture->path);
  g_clear_pointer (&touches, g_ptr_array_unref);
  g_ptr_array_set_size (prospects, 0);
  g_ptr_array_add (prospects, pursuit_store_find (store, pursuit_prospect_get_id (jo)));
  g_ptr_array_add (prospects, pursuit_store_find (store, pursuit_prospect_get_id (kim)));
  g_assert_true (pursuit_store_log_nurture (store, prospects, now, "Summer update", &touches, &error));
  g_assert_no_error (error);
  g_assert_true (pursuit_store_delete_touches (store, touches, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pursuit_touch_get_id (g_ptr_array_index (touches, 0)), ==, 0);
  g_clear_object (&store);
  dump_after = dump (fixture->path);
  g_assert_cmpstr (dump_before, ==, dump_after);
}

/* The undo of a mailing whose touch was deleted since, its id handed to
 * a touch logged after: that touch stays, on disk. */
static void
test_nurture_delete_reused_id (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(PursuitStore) store = open_store (fixture->path);
  g_autoptr(PursuitProspect) quin = add (store, "Quin", "quin@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COLD);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  g_autoptr(GPtrArray) touches = NULL;
  g_autoptr(PursuitTouch) call = NULL;
  g_autoptr(GError) error = NULL;
  gint64 mailed;

  g_ptr_array_add (list, quin);
  g_assert_true (pursuit_store_log_nurture (store, list, now, "Update", &touches, &error));
  g_assert_no_error (error);
  mailed = pursuit_touch_get_id (g_ptr_array_index (touches, 0));
  {
    g_autoptr(GListModel) saved = pursuit_store_list_touches (store, quin, &error);
    g_autoptr(PursuitTouch) same = g_list_model_get_item (saved, 0);

    g_assert_true (pursuit_store_delete_touch (store, same, NULL, &error));
    g_assert_no_error (error);
  }
  call = record (store, quin, NULL, PURSUIT_CHANNEL_CALL, PURSUIT_OUTCOME_NO_ANSWER);
  g_assert_cmpint (pursuit_touch_get_id (call), ==, mailed);

  g_assert_true (pursuit_store_delete_touches (store, touches, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM touch WHERE id = %" G_GINT64_FORMAT
                                           " AND channel = 'call' AND informational = 0", mailed), ==, 1);
  g_assert_cmpint (raw_int (fixture->path, "SELECT attempts FROM prospect"), ==, 1);
}

/* An informational touch is no attempt: the streak, the planned channel
 * and the next touch are those the other touches give, on disk. */
static void
test_informational_engine (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(PursuitStore) store = open_store (fixture->path);
  g_autoptr(PursuitProspect) mo = add (store, "Mo", "mo@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COLD);
  g_autoptr(PursuitProspect) ned = add (store, "Ned", "ned@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COLD);
  g_autoptr(GDateTime) early = days_ago (5);
  g_autoptr(GDateTime) later = days_ago (2);
  g_autoptr(PursuitTouch) a = record (store, mo, early, PURSUIT_CHANNEL_CALL, PURSUIT_OUTCOME_NO_ANSWER);
  g_autoptr(PursuitTouch) b = record (store, ned, early, PURSUIT_CHANNEL_CALL, PURSUIT_OUTCOME_NO_ANSWER);
  g_autoptr(PursuitTouch) info = pursuit_touch_new (pursuit_prospect_get_id (mo), later, PURSUIT_CHANNEL_EMAIL,
                                                    PURSUIT_DIRECTION_OUT, PURSUIT_OUTCOME_NO_ANSWER);
  g_autoptr(GError) error = NULL;
  gint64 mo_id = pursuit_prospect_get_id (mo), ned_id = pursuit_prospect_get_id (ned);

  /* Logged the way of an import of a history too. */
  pursuit_touch_set_informational (info, TRUE);
  g_assert_true (pursuit_store_record_touch (store, info, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* Mo (a call and an update) is planned as Ned (the call alone). */
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM touch WHERE informational = 1"), ==, 1);
  g_assert_cmpint (raw_int (fixture->path, "SELECT attempts FROM prospect WHERE id = %" G_GINT64_FORMAT, mo_id),
                   ==, 1);
  g_assert_cmpint (raw_int (fixture->path, "SELECT (SELECT next_touch FROM prospect WHERE id = %" G_GINT64_FORMAT
                                           ") = (SELECT next_touch FROM prospect WHERE id = %" G_GINT64_FORMAT ")",
                            mo_id, ned_id), ==, 1);
  g_assert_cmpint (raw_int (fixture->path, "SELECT (SELECT next_channel FROM prospect WHERE id = %" G_GINT64_FORMAT
                                           ") = (SELECT next_channel FROM prospect WHERE id = %" G_GINT64_FORMAT ")",
                            mo_id, ned_id), ==, 1);

  /* An edit of its note keeps it an update; an answer makes it none. */
  store = open_store (fixture->path);
  {
    g_autoptr(GListModel) touches = pursuit_store_list_touches (store, pursuit_store_find (store, mo_id), &error);
    g_autoptr(PursuitTouch) saved = g_list_model_get_item (touches, 0);
    g_autoptr(PursuitTouch) values = pursuit_touch_new (mo_id, pursuit_touch_get_happened_at (saved),
                                                        PURSUIT_CHANNEL_EMAIL, PURSUIT_DIRECTION_OUT,
                                                        PURSUIT_OUTCOME_NO_ANSWER);

    g_assert_true (pursuit_touch_get_informational (saved));
    pursuit_touch_set_note (values, "Case study");
    g_assert_true (pursuit_store_edit_touch (store, saved, values, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (pursuit_touch_get_informational (saved));
    g_clear_object (&store);
    g_assert_cmpint (raw_int (fixture->path, "SELECT informational FROM touch WHERE note = 'Case study'"), ==, 1);
    g_assert_cmpint (raw_int (fixture->path, "SELECT attempts FROM prospect WHERE id = %" G_GINT64_FORMAT, mo_id),
                     ==, 1);
  }
}

/* ---- CSV ------------------------------------------------------------- */

static GFile *
file_in (Fixture    *fixture,
         const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

  return g_file_new_for_path (path);
}

/* Exported and imported: the mark with its prospect (let go as such in
 * the other database), "informational" with its touch. An import that
 * meets a marked prospect's email or phone reports the row and neither
 * adds nor updates it, also when it updates duplicates. */
static void
test_csv (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(PursuitStore) store = open_store (fixture->path);
  g_autoptr(PursuitProspect) oz = add (store, "Oz", "oz@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COLD);
  g_autoptr(PursuitProspect) pia = add (store, "Pia", "pia@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COLD);
  g_autoptr(GFile) prospects_csv = file_in (fixture, "prospects.csv");
  g_autoptr(GFile) touches_csv = file_in (fixture, "touches.csv");
  g_autoptr(GFile) again_csv = file_in (fixture, "again.csv");
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = NULL;
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dump_before = NULL;
  g_autofree char *dump_after = NULL;
  gint64 oz_id = pursuit_prospect_get_id (oz);
  gsize length;

  g_assert_true (pursuit_store_set_do_not_contact (store, oz, TRUE, &error));
  {
    g_autoptr(PursuitProspect) draft = pursuit_prospect_dup (pia);

    pursuit_prospect_set_phone (draft, "+49 40 7654321");
    g_assert_true (pursuit_store_update (store, pia, draft, &error));
  }
  g_ptr_array_add (list, pia);
  g_assert_true (pursuit_store_log_nurture (store, list, now, "News", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pursuit_csv_export (pursuit_store_get_prospects (store), prospects_csv, &error));
  g_assert_true (pursuit_csv_export_touches (store, touches_csv, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_load_contents (prospects_csv, NULL, &text, &length, NULL, &error));
  g_assert_true (g_str_has_prefix (text, PURSUIT_CSV_HEADER "\r\n"));
  g_assert_true (g_str_has_suffix (PURSUIT_CSV_HEADER, ",tags,do_not_contact"));
  g_assert_nonnull (strstr (text, "\r\nOz,,oz@example.com,\"'+49 30 1234567\",closed,,,0,,,do-not-contact,,,yes\r\n"));
  g_assert_nonnull (strstr (text, "\r\nPia,,pia@example.com,"));
  g_assert_true (g_str_has_suffix (text, ",\r\n"));
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_load_contents (touches_csv, NULL, &text, &length, NULL, &error));
  g_assert_true (g_str_has_prefix (text, "email,name,time,channel,direction,outcome,callback,note,informational\r\n"));
  g_assert_true (g_str_has_suffix (text, ",email,out,no-answer,,News,yes\r\n"));
  g_clear_pointer (&text, g_free);

  /* Into a database of its own, prospects then touches. */
  {
    g_autoptr(PursuitStore) other = open_store (other_path);

    g_autoptr(PursuitCsvReport) first = NULL;

    g_assert_true (pursuit_csv_import (other, prospects_csv, &first, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (first->imported, ==, 2);
    g_clear_object (&other);
    g_assert_cmpint (raw_int (other_path, "SELECT do_not_contact AND stage = 'closed' AND next_touch IS NULL "
                                          "AND close_reason = 'do-not-contact' FROM prospect WHERE name = 'Oz'"), ==, 1);
    g_assert_cmpint (raw_int (other_path, "SELECT do_not_contact FROM prospect WHERE name = 'Pia'"), ==, 0);

    /* The touches: Pia's update stays an update, and moves no plan. */
    {
      g_autoptr(PursuitCsvReport) history = NULL;
      PursuitImportOptions options = { 0 };
      gint64 next = raw_int (other_path, "SELECT next_touch FROM prospect WHERE name = 'Pia'");

      other = open_store (other_path);
      g_assert_true (pursuit_import_file (other, touches_csv, &options, NULL, &history, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (history->touches, ==, 1);
      g_clear_object (&other);
      g_assert_cmpint (raw_int (other_path, "SELECT count(*) FROM touch WHERE informational = 1 AND note = 'News'"),
                       ==, 1);
      g_assert_cmpint (raw_int (other_path, "SELECT attempts FROM prospect WHERE name = 'Pia'"), ==, 0);
      g_assert_cmpint (raw_int (other_path, "SELECT next_touch FROM prospect WHERE name = 'Pia'"), ==, next);
    }
  }

  /* Oz again, by its email and by its phone. */
  g_assert_true (g_file_replace_contents (again_csv,
                                          "name,email,phone,stage,tier,notes\r\n"
                                          "Oz Again,OZ@example.com,,active,hot,back\r\n"
                                          "Ozzy,,+49 30 1234567,active,hot,back\r\n",
                                          strlen ("name,email,phone,stage,tier,notes\r\n"
                                                  "Oz Again,OZ@example.com,,active,hot,back\r\n"
                                                  "Ozzy,,+49 30 1234567,active,hot,back\r\n"),
                                          NULL, FALSE, 0, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  dump_before = dump (fixture->path);
  store = open_store (fixture->path);
  g_assert_true (pursuit_csv_import_full (store, again_csv, PURSUIT_CSV_ON_DUPLICATE_UPDATE, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 0);
  g_assert_cmpuint (report->updated, ==, 0);
  g_assert_cmpuint (report->errors->len, ==, 2);
  for (guint i = 0; i < report->errors->len; i++)
    {
      const PursuitCsvRowError *row = g_ptr_array_index (report->errors, i);

      g_assert_cmpuint (row->line, ==, i + 2);
      g_assert_nonnull (strstr (row->message, "asked not to be contacted"));
      g_assert_cmpint (row->duplicate_of, ==, oz_id);
    }
  g_clear_object (&store);
  dump_after = dump (fixture->path);
  g_assert_cmpstr (dump_before, ==, dump_after);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  TEST ("/store-outreach/migrate/every-version", test_migrate);
  TEST ("/store-outreach/do-not-contact/set-lift", test_dnc_set_lift);
  TEST ("/store-outreach/do-not-contact/firm-no", test_dnc_firm_no);
  TEST ("/store-outreach/do-not-contact/revisit", test_dnc_revisit);
  TEST ("/store-outreach/snooze", test_snooze);
  TEST ("/store-outreach/nurture/list", test_nurture_list);
  TEST ("/store-outreach/nurture/log-delete", test_nurture_log_delete);
  TEST ("/store-outreach/nurture/delete-reused-id", test_nurture_delete_reused_id);
  TEST ("/store-outreach/informational/engine", test_informational_engine);
  TEST ("/store-outreach/csv", test_csv);

  return g_test_run ();
}
