/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test-touches"

#include "config.h"

#include <glib/gstdio.h>

#include "pursuit-store-touches.h"
#include "pursuit-store.h"
#include "test-util.h"

/* The engine at work on the store: every change must reach the objects
 * and the file; each test reopens the database to read what was saved. */

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

  f->dir = g_dir_make_tmp ("test-touches-XXXXXX", &error);
  g_assert_no_error (error);
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

/* Closes the store and opens the file again. */
static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->store);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
}

static GDateTime *
days_from_now (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_add_days (now, days);
}

/* Calendar days from today to @when; G_MININT for NULL. */
static int
days_to (GDateTime *when)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) local = NULL;
  GDate a, b;
  int y, m, d;

  if (when == NULL)
    return G_MININT;
  local = g_date_time_to_local (when);
  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_time_get_ymd (now, &y, &m, &d);
  g_date_set_dmy (&a, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  g_date_time_get_ymd (local, &y, &m, &d);
  g_date_set_dmy (&b, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return g_date_days_between (&a, &b);
}

static gint64
add_prospect (PursuitStore *store,
              PursuitStage  stage,
              PursuitTier   tier,
              double        value)
{
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new ("Pat Prospect");
  g_autoptr(GError) error = NULL;

  /* Reachable every way, so that channels rotate over all of them. */
  pursuit_prospect_set_phone (prospect, "+49 30 1234567");
  pursuit_prospect_set_email (prospect, "pat@example.com");
  pursuit_prospect_set_stage (prospect, stage);
  pursuit_prospect_set_tier (prospect, tier);
  pursuit_prospect_set_value (prospect, value);
  g_assert_true (pursuit_store_add (store, prospect, &error));
  g_assert_no_error (error);
  return pursuit_prospect_get_id (prospect);
}

static PursuitTouch *
new_touch (gint64           prospect_id,
           int              day,
           PursuitChannel   channel,
           PursuitDirection direction,
           PursuitOutcome   outcome)
{
  g_autoptr(GDateTime) when = days_from_now (day);

  return pursuit_touch_new (prospect_id, when, channel, direction, outcome);
}

static PursuitTouch *
record (PursuitStore    *store,
        gint64           prospect_id,
        int              day,
        PursuitChannel   channel,
        PursuitOutcome   outcome)
{
  g_autoptr(PursuitTouch) touch = new_touch (prospect_id, day, channel, PURSUIT_DIRECTION_OUT, outcome);
  g_autoptr(GError) error = NULL;

  g_assert_true (pursuit_store_record_touch (store, touch, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pursuit_touch_get_id (touch), >, 0);
  return g_steal_pointer (&touch);
}

static guint
n_touches (PursuitStore *store,
           gint64        id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) touches = pursuit_store_list_touches (store, pursuit_store_find (store, id), &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (touches);
}

typedef struct
{
  PursuitStage   stage;
  guint          attempts;
  int            next;     /* days from today, G_MININT for none */
  PursuitChannel channel;
  const char    *reason;
} Expect;

static void
assert_prospect (PursuitStore *store,
                 gint64        id,
                 const Expect *e)
{
  PursuitProspect *p = pursuit_store_find (store, id);

  g_assert_nonnull (p);
  g_assert_cmpint (pursuit_prospect_get_stage (p), ==, e->stage);
  g_assert_cmpuint (pursuit_prospect_get_attempts (p), ==, e->attempts);
  g_assert_cmpint (days_to (pursuit_prospect_get_next_touch (p)), ==, e->next);
  if (e->stage != PURSUIT_STAGE_CLOSED)
    g_assert_cmpint (pursuit_prospect_get_next_channel (p), ==, e->channel);
  g_assert_cmpstr (pursuit_prospect_get_close_reason (p), ==, e->reason);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* Each outcome logged two days late on a Good prospect (cadence 7 days)
 * after an unanswered call four days ago. */
typedef struct
{
  PursuitChannel channel;
  PursuitOutcome outcome;
  Expect         expect;
} OutcomeCase;

static const OutcomeCase outcome_cases[] = {
  { PURSUIT_CHANNEL_EMAIL, PURSUIT_OUTCOME_NO_ANSWER, { PURSUIT_STAGE_ACTIVE, 2, 5, PURSUIT_CHANNEL_CALL, "" } },
  { PURSUIT_CHANNEL_VOICEMAIL, PURSUIT_OUTCOME_LEFT_MESSAGE, { PURSUIT_STAGE_ACTIVE, 2, 5, PURSUIT_CHANNEL_EMAIL, "" } },
  { PURSUIT_CHANNEL_EMAIL, PURSUIT_OUTCOME_REPLIED, { PURSUIT_STAGE_ACTIVE, 0, 5, PURSUIT_CHANNEL_EMAIL, "" } },
  { PURSUIT_CHANNEL_MEETING, PURSUIT_OUTCOME_MEETING, { PURSUIT_STAGE_ACTIVE, 0, 5, PURSUIT_CHANNEL_CALL, "" } },
  { PURSUIT_CHANNEL_EMAIL, PURSUIT_OUTCOME_CALLBACK_REQUESTED, { PURSUIT_STAGE_ACTIVE, 0, 12, PURSUIT_CHANNEL_CALL, "" } },
  { PURSUIT_CHANNEL_CALL, PURSUIT_OUTCOME_FIRM_NO, { PURSUIT_STAGE_CLOSED, 0, G_MININT, PURSUIT_CHANNEL_CALL, "firm-no" } },
  { PURSUIT_CHANNEL_VISIT, PURSUIT_OUTCOME_WON, { PURSUIT_STAGE_CUSTOMER, 0, 88, PURSUIT_CHANNEL_CALL, "" } },
};

static void
test_log_each_outcome (Fixture       *f,
                       gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (outcome_cases); i++)
    {
      const OutcomeCase *c = &outcome_cases[i];
      g_autoptr(PursuitTouch) first = NULL;
      g_autoptr(PursuitTouch) touch = NULL;
      g_autoptr(GDateTime) callback = days_from_now (12);
      g_autoptr(GError) error = NULL;
      gint64 id = add_prospect (f->store, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD, 1000);
      guint changed = 0;
      gulong handler;

      g_test_message ("outcome %s", pursuit_outcome_to_string (c->outcome));
      first = record (f->store, id, -4, PURSUIT_CHANNEL_CALL, PURSUIT_OUTCOME_NO_ANSWER);
      g_assert_cmpuint (pursuit_prospect_get_attempts (pursuit_store_find (f->store, id)), ==, 1);

      touch = new_touch (id, -2, c->channel, PURSUIT_DIRECTION_OUT, c->outcome);
      if (c->outcome == PURSUIT_OUTCOME_CALLBACK_REQUESTED)
        pursuit_touch_set_callback_at (touch, callback);
      pursuit_touch_set_note (touch, "<b>said</b> & more");
      handler = g_signal_connect_swapped (f->store, "prospect-changed", G_CALLBACK (count_cb), &changed);
      g_assert_true (pursuit_store_record_touch (f->store, touch, &error));
      g_assert_no_error (error);
      g_signal_handler_disconnect (f->store, handler);
      g_assert_cmpuint (changed, ==, 1);
      assert_prospect (f->store, id, &c->expect);

      reopen (f);
      assert_prospect (f->store, id, &c->expect);
      g_assert_cmpuint (n_touches (f->store, id), ==, 2);
    }
}

/* Three unanswered attempts, 6, 4 and 2 days ago, on a Good prospect. */
static gint64
three_attempts (Fixture       *f,
                PursuitTouch **touches)
{
  gint64 id = add_prospect (f->store, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD, 1000);

  touches[0] = record (f->store, id, -6, PURSUIT_CHANNEL_CALL, PURSUIT_OUTCOME_NO_ANSWER);
  touches[1] = record (f->store, id, -4, PURSUIT_CHANNEL_EMAIL, PURSUIT_OUTCOME_NO_ANSWER);
  touches[2] = record (f->store, id, -2, PURSUIT_CHANNEL_VOICEMAIL, PURSUIT_OUTCOME_LEFT_MESSAGE);
  assert_prospect (f->store, id, &(Expect) { PURSUIT_STAGE_ACTIVE, 3, 5, PURSUIT_CHANNEL_EMAIL, "" });
  return id;
}

static PursuitTouch *
copy_with (PursuitTouch  *touch,
           int            day,
           PursuitOutcome outcome)
{
  g_autoptr(GDateTime) when = days_from_now (day);
  PursuitTouch *values = pursuit_touch_new (pursuit_touch_get_prospect_id (touch), when,
                                            pursuit_touch_get_channel (touch),
                                            pursuit_touch_get_direction (touch), outcome);

  pursuit_touch_set_note (values, "edited");
  return values;
}

static void
test_edit_recomputes (Fixture       *f,
                      gconstpointer  data)
{
  PursuitTouch *touches[3];
  g_autoptr(PursuitTouch) values = NULL;
  g_autoptr(PursuitTouchUndo) undo = NULL;
  g_autoptr(PursuitTouchUndo) undo2 = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = three_attempts (f, touches);

  /* The middle attempt was in fact answered: one attempt since. */
  values = copy_with (touches[1], -4, PURSUIT_OUTCOME_REPLIED);
  g_assert_true (pursuit_store_edit_touch (f->store, touches[1], values, &undo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pursuit_touch_get_outcome (touches[1]), ==, PURSUIT_OUTCOME_REPLIED);
  assert_prospect (f->store, id, &(Expect) { PURSUIT_STAGE_ACTIVE, 1, 5, PURSUIT_CHANNEL_EMAIL, "" });
  reopen (f);
  assert_prospect (f->store, id, &(Expect) { PURSUIT_STAGE_ACTIVE, 1, 5, PURSUIT_CHANNEL_EMAIL, "" });

  /* Undo on the reopened store: the touch as it was, the plan as it was. */
  g_assert_true (pursuit_store_undo_touch (f->store, undo, &error));
  g_assert_no_error (error);
  assert_prospect (f->store, id, &(Expect) { PURSUIT_STAGE_ACTIVE, 3, 5, PURSUIT_CHANNEL_EMAIL, "" });
  reopen (f);
  assert_prospect (f->store, id, &(Expect) { PURSUIT_STAGE_ACTIVE, 3, 5, PURSUIT_CHANNEL_EMAIL, "" });

  /* Backdating the latest touch makes the email of 4 days ago the latest:
   * the cadence counts from it. */
  g_clear_object (&values);
  values = copy_with (touches[2], -10, PURSUIT_OUTCOME_LEFT_MESSAGE);
  g_assert_true (pursuit_store_edit_touch (f->store, touches[2], values, &undo2, &error));
  g_assert_no_error (error);
  assert_prospect (f->store, id, &(Expect) { PURSUIT_STAGE_ACTIVE, 3, 3, PURSUIT_CHANNEL_CALL, "" });
  reopen (f);
  assert_prospect (f->store, id, &(Expect) { PURSUIT_STAGE_ACTIVE, 3, 3, PURSUIT_CHANNEL_CALL, "" });

  for (guint i = 0; i < 3; i++)
    g_object_unref (touches[i]);
}

static void
test_edit_to_firm_no (Fixture       *f,
                      gconstpointer  data)
{
  PursuitTouch *touches[3];
  g_autoptr(PursuitTouch) values = NULL;
  g_autoptr(PursuitTouchUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = three_attempts (f, touches);

  values = copy_with (touches[2], -2, PURSUIT_OUTCOME_FIRM_NO);
  g_assert_true (pursuit_store_edit_touch (f->store, touches[2], values, &undo, &error));
  g_assert_no_error (error);
  assert_prospect (f->store, id, &(Expect) { PURSUIT_STAGE_CLOSED, 0, G_MININT, 0, "firm-no" });
  g_assert_cmpint (pursuit_prospect_get_tier (pursuit_store_find (f->store, id)), ==, PURSUIT_TIER_NONE);

  /* Undo reopens it where it was. */
  g_assert_true (pursuit_store_undo_touch (f->store, undo, &error));
  g_assert_no_error (error);
  assert_prospect (f->store, id, &(Expect) { PURSUIT_STAGE_ACTIVE, 3, 5, PURSUIT_CHANNEL_EMAIL, "" });
  g_assert_cmpint (pursuit_prospect_get_tier (pursuit_store_find (f->store, id)), ==, PURSUIT_TIER_GOOD);
  reopen (f);
  assert_prospect (f->store, id, &(Expect) { PURSUIT_STAGE_ACTIVE, 3, 5, PURSUIT_CHANNEL_EMAIL, "" });

  for (guint i = 0; i < 3; i++)
    g_object_unref (touches[i]);
}

static void
test_delete_recomputes (Fixture       *f,
                        gconstpointer  data)
{
  PursuitTouch *touches[3];
  g_autoptr(PursuitTouchUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = three_attempts (f, touches);
  gint64 touch_id = pursuit_touch_get_id (touches[2]);
  g_autoptr(GListModel) listed = NULL;
  g_autoptr(PursuitTouch) newest = NULL;

  g_assert_true (pursuit_store_delete_touch (f->store, touches[2], &undo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pursuit_touch_get_id (touches[2]), ==, 0);
  assert_prospect (f->store, id, &(Expect) { PURSUIT_STAGE_ACTIVE, 2, 3, PURSUIT_CHANNEL_CALL, "" });
  reopen (f);
  assert_prospect (f->store, id, &(Expect) { PURSUIT_STAGE_ACTIVE, 2, 3, PURSUIT_CHANNEL_CALL, "" });
  g_assert_cmpuint (n_touches (f->store, id), ==, 2);

  /* A second delete of the same touch is refused. */
  g_assert_false (pursuit_store_delete_touch (f->store, touches[2], NULL, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (pursuit_store_undo_touch (f->store, undo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pursuit_touch_get_id (touches[2]), ==, touch_id);
  assert_prospect (f->store, id, &(Expect) { PURSUIT_STAGE_ACTIVE, 3, 5, PURSUIT_CHANNEL_EMAIL, "" });
  reopen (f);
  assert_prospect (f->store, id, &(Expect) { PURSUIT_STAGE_ACTIVE, 3, 5, PURSUIT_CHANNEL_EMAIL, "" });
  listed = pursuit_store_list_touches (f->store, pursuit_store_find (f->store, id), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (listed), ==, 3);
  newest = g_list_model_get_item (listed, 0);
  g_assert_cmpint (pursuit_touch_get_id (newest), ==, touch_id);
  g_assert_cmpint (pursuit_touch_get_outcome (newest), ==, PURSUIT_OUTCOME_LEFT_MESSAGE);

  for (guint i = 0; i < 3; i++)
    g_object_unref (touches[i]);
}

/* Undo after the prospect changed otherwise: the engine recomputes rather
 * than overwriting the newer plan. */
static void
test_undo_after_other_change (Fixture       *f,
                              gconstpointer  data)
{
  PursuitTouch *touches[3];
  g_autoptr(PursuitTouchUndo) undo = NULL;
  g_autoptr(PursuitProspect) draft = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = three_attempts (f, touches);
  PursuitProspect *prospect = pursuit_store_find (f->store, id);

  g_assert_true (pursuit_store_delete_touch (f->store, touches[0], &undo, &error));
  g_assert_no_error (error);
  draft = pursuit_prospect_dup (prospect);
  pursuit_prospect_set_tier (draft, PURSUIT_TIER_COOL);
  g_assert_true (pursuit_store_update (f->store, prospect, draft, &error));
  g_assert_true (pursuit_store_undo_touch (f->store, undo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pursuit_prospect_get_tier (prospect), ==, PURSUIT_TIER_COOL);
  assert_prospect (f->store, id, &(Expect) { PURSUIT_STAGE_ACTIVE, 3, 88, PURSUIT_CHANNEL_EMAIL, "" });

  for (guint i = 0; i < 3; i++)
    g_object_unref (touches[i]);
}

static void
test_limit_and_keep_going (Fixture       *f,
                           gconstpointer  data)
{
  gint64 id = add_prospect (f->store, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT, 1000);
  gint64 customer = add_prospect (f->store, PURSUIT_STAGE_CUSTOMER, PURSUIT_TIER_NONE, 1000);
  g_autoptr(GError) error = NULL;
  PursuitLimitCheck check;

  for (int i = 0; i < 7; i++)
    {
      g_object_unref (record (f->store, id, -10 + i, PURSUIT_CHANNEL_CALL, PURSUIT_OUTCOME_NO_ANSWER));
      g_object_unref (record (f->store, customer, -10 + i, PURSUIT_CHANNEL_CALL, PURSUIT_OUTCOME_NO_ANSWER));
      pursuit_store_check_limit (f->store, pursuit_store_find (f->store, id), &check);
      g_assert_cmpint (check.let_go, ==, i == 6);
      pursuit_store_check_limit (f->store, pursuit_store_find (f->store, customer), &check);
      g_assert_false (check.let_go);
    }

  g_assert_true (pursuit_store_keep_going (f->store, pursuit_store_find (f->store, id), &error));
  g_assert_no_error (error);
  reopen (f);
  g_assert_cmpuint (pursuit_prospect_get_attempt_limit (pursuit_store_find (f->store, id)), ==, 10);
  pursuit_store_check_limit (f->store, pursuit_store_find (f->store, id), &check);
  g_assert_false (check.let_go);
  g_assert_cmpuint (check.limit, ==, 10);
}

static void
test_revisit_returns (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GDateTime) past = days_from_now (-1);
  g_autoptr(GDateTime) future = days_from_now (30);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  gint64 due = add_prospect (f->store, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD, 1000);
  gint64 later = add_prospect (f->store, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD, 1000);
  gint64 firm = add_prospect (f->store, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD, 1000);
  guint n = 99;

  for (int i = 0; i < 3; i++)
    g_object_unref (record (f->store, due, -200 + i, PURSUIT_CHANNEL_CALL, PURSUIT_OUTCOME_NO_ANSWER));
  g_object_unref (record (f->store, firm, -3, PURSUIT_CHANNEL_CALL, PURSUIT_OUTCOME_FIRM_NO));
  g_assert_true (pursuit_store_let_go (f->store, pursuit_store_find (f->store, due), "no-response", past, &error));
  g_assert_true (pursuit_store_let_go (f->store, pursuit_store_find (f->store, later), "no-response", future, &error));
  g_assert_no_error (error);

  g_assert_true (pursuit_store_return_revisits (f->store, now, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  reopen (f);
  assert_prospect (f->store, due, &(Expect) { PURSUIT_STAGE_INBOX, 0, G_MININT, PURSUIT_CHANNEL_CALL, "no-response" });
  g_assert_true (pursuit_engine_is_revisit (PURSUIT_STAGE_INBOX, "no-response",
                                            pursuit_prospect_get_revisit_at (pursuit_store_find (f->store, due)),
                                            now));
  g_assert_cmpint (pursuit_prospect_get_stage (pursuit_store_find (f->store, later)), ==, PURSUIT_STAGE_CLOSED);
  g_assert_cmpint (pursuit_prospect_get_stage (pursuit_store_find (f->store, firm)), ==, PURSUIT_STAGE_CLOSED);
  g_assert_cmpuint (n_touches (f->store, due), ==, 3);

  /* A fresh streak: the old attempts are history. */
  g_object_unref (record (f->store, due, 0, PURSUIT_CHANNEL_EMAIL, PURSUIT_OUTCOME_NO_ANSWER));
  g_assert_cmpuint (pursuit_prospect_get_attempts (pursuit_store_find (f->store, due)), ==, 1);

  /* Nothing more to return. */
  g_assert_true (pursuit_store_return_revisits (f->store, now, &n, &error));
  g_assert_cmpuint (n, ==, 0);
}

/* A prospect imported with attempts and no touches: the streak goes on
 * from the imported count, a response ends it, and deleting that response
 * brings it back; a reopen changes nothing. */
static void
test_imported_attempts_go_on (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(PursuitProspect) imported = pursuit_prospect_new ("Imported Ida");
  g_autoptr(PursuitTouch) reply = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  pursuit_prospect_set_stage (imported, PURSUIT_STAGE_ACTIVE);
  pursuit_prospect_set_tier (imported, PURSUIT_TIER_GOOD);
  pursuit_prospect_set_attempts (imported, 5);
  pursuit_prospect_set_attempts_before (imported, 5);
  g_assert_true (pursuit_store_add (f->store, imported, &error));
  id = pursuit_prospect_get_id (imported);

  g_object_unref (record (f->store, id, -2, PURSUIT_CHANNEL_CALL, PURSUIT_OUTCOME_NO_ANSWER));
  g_assert_cmpuint (pursuit_prospect_get_attempts (imported), ==, 6);
  reply = record (f->store, id, -1, PURSUIT_CHANNEL_EMAIL, PURSUIT_OUTCOME_REPLIED);
  g_assert_cmpuint (pursuit_prospect_get_attempts (imported), ==, 0);
  g_assert_true (pursuit_store_delete_touch (f->store, reply, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pursuit_prospect_get_attempts (imported), ==, 6);

  reopen (f);
  g_assert_cmpuint (pursuit_prospect_get_attempts (pursuit_store_find (f->store, id)), ==, 6);
  g_assert_cmpuint (pursuit_prospect_get_attempts_before (pursuit_store_find (f->store, id)), ==, 5);
  g_object_unref (record (f->store, id, 0, PURSUIT_CHANNEL_CALL, PURSUIT_OUTCOME_NO_ANSWER));
  g_assert_cmpuint (pursuit_prospect_get_attempts (pursuit_store_find (f->store, id)), ==, 7);
}

/* Reopens the file and returns the prospect @id as saved. */
static PursuitProspect *
saved (Fixture *f,
       gint64   id)
{
  reopen (f);
  return pursuit_store_find (f->store, id);
}

/* A prospect that was let go is not chased: the store refuses an attempt
 * on it, and nothing reaches the file. */
static void
test_closed_refuses_attempts (Fixture       *f,
                              gconstpointer  data)
{
  gint64 id = add_prospect (f->store, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD, 1000);
  g_autoptr(PursuitTouch) no = record (f->store, id, 0, PURSUIT_CHANNEL_CALL, PURSUIT_OUTCOME_FIRM_NO);
  g_autoptr(PursuitTouch) attempt = new_touch (id, 0, PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT,
                                               PURSUIT_OUTCOME_NO_ANSWER);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (pursuit_prospect_get_stage (pursuit_store_find (f->store, id)), ==, PURSUIT_STAGE_CLOSED);
  g_assert_false (pursuit_store_record_touch (f->store, attempt, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID);
  g_assert_cmpint (pursuit_touch_get_id (attempt), ==, 0);

  g_assert_cmpuint (pursuit_prospect_get_attempts (saved (f, id)), ==, 0);
  g_assert_cmpuint (n_touches (f->store, id), ==, 1);
}

/* Deleting the touch that closed a prospect reopens it where it was, with
 * its plan; Undo closes it again. Both reach the file. */
static void
test_delete_closing_reopens (Fixture       *f,
                             gconstpointer  data)
{
  struct { PursuitTier tier; PursuitOutcome outcome; PursuitStage closed; } cases[] = {
    { PURSUIT_TIER_GOOD, PURSUIT_OUTCOME_FIRM_NO, PURSUIT_STAGE_CLOSED },
    { PURSUIT_TIER_COOL, PURSUIT_OUTCOME_WON, PURSUIT_STAGE_CUSTOMER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 id = add_prospect (f->store, PURSUIT_STAGE_ACTIVE, cases[i].tier, 1000);
      g_autoptr(PursuitTouch) attempt = record (f->store, id, -3, PURSUIT_CHANNEL_CALL, PURSUIT_OUTCOME_NO_ANSWER);
      g_autoptr(PursuitTouch) closing = record (f->store, id, 0, PURSUIT_CHANNEL_CALL, cases[i].outcome);
      g_autoptr(PursuitTouchUndo) undo = NULL;
      g_autoptr(GError) error = NULL;
      PursuitProspect *p;

      p = saved (f, id);
      g_assert_cmpint (pursuit_prospect_get_stage (p), ==, cases[i].closed);
      g_clear_object (&closing);
      {
        g_autoptr(GListModel) touches = pursuit_store_list_touches (f->store, p, &error);
        closing = g_list_model_get_item (touches, 0);
      }
      g_assert_cmpint (pursuit_touch_get_outcome (closing), ==, cases[i].outcome);

      g_assert_true (pursuit_store_delete_touch (f->store, closing, &undo, &error));
      g_assert_no_error (error);
      p = saved (f, id);
      g_assert_cmpint (pursuit_prospect_get_stage (p), ==, PURSUIT_STAGE_ACTIVE);
      g_assert_cmpint (pursuit_prospect_get_tier (p), ==, cases[i].tier);
      g_assert_cmpstr (pursuit_prospect_get_close_reason (p), ==, "");
      g_assert_null (pursuit_prospect_get_closed_at (p));
      g_assert_cmpuint (pursuit_prospect_get_attempts (p), ==, 1);
      /* Planned by the tier's cadence from the attempt that is left. */
      g_assert_cmpint (days_to (pursuit_prospect_get_next_touch (p)), ==,
                       -3 + (int) pursuit_store_get_policy (f->store)->cadence.days[cases[i].tier]);

      /* Closed again, and deleted again: Undo puts back the closing. */
      g_clear_pointer (&undo, pursuit_touch_undo_free);
      g_clear_object (&closing);
      closing = record (f->store, id, 0, PURSUIT_CHANNEL_CALL, cases[i].outcome);
      g_assert_true (pursuit_store_delete_touch (f->store, closing, &undo, &error));
      g_assert_cmpint (pursuit_prospect_get_stage (pursuit_store_find (f->store, id)), ==, PURSUIT_STAGE_ACTIVE);
      g_assert_true (pursuit_store_undo_touch (f->store, undo, &error));
      g_assert_no_error (error);
      p = saved (f, id);
      g_assert_cmpint (pursuit_prospect_get_stage (p), ==, cases[i].closed);
      g_assert_cmpuint (n_touches (f->store, id), ==, 2);
    }
}

/* Turning the closing touch into a reply reopens the prospect as well. */
static void
test_edit_closing_reopens (Fixture       *f,
                           gconstpointer  data)
{
  gint64 id = add_prospect (f->store, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT, 1000);
  g_autoptr(PursuitTouch) no = record (f->store, id, 0, PURSUIT_CHANNEL_EMAIL, PURSUIT_OUTCOME_FIRM_NO);
  g_autoptr(PursuitTouch) values = new_touch (id, 0, PURSUIT_CHANNEL_EMAIL, PURSUIT_DIRECTION_IN,
                                              PURSUIT_OUTCOME_REPLIED);
  g_autoptr(GError) error = NULL;
  PursuitProspect *p;

  pursuit_touch_set_happened_at (values, pursuit_touch_get_happened_at (no));
  g_assert_true (pursuit_store_edit_touch (f->store, no, values, NULL, &error));
  g_assert_no_error (error);
  p = saved (f, id);
  g_assert_cmpint (pursuit_prospect_get_stage (p), ==, PURSUIT_STAGE_ACTIVE);
  g_assert_cmpint (pursuit_prospect_get_tier (p), ==, PURSUIT_TIER_HOT);
  g_assert_nonnull (pursuit_prospect_get_next_touch (p));
}

/* A meeting booked and a callback asked for carry a time: the next touch
 * is then, to the minute, on disk too. */
static void
test_appointment_time (Fixture       *f,
                       gconstpointer  data)
{
  const PursuitOutcome outcomes[] = { PURSUIT_OUTCOME_MEETING, PURSUIT_OUTCOME_CALLBACK_REQUESTED };

  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      gint64 id = add_prospect (f->store, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD, 1000);
      g_autoptr(GDateTime) later = days_from_now (3);
      g_autoptr(GDateTime) when = g_date_time_new_local (g_date_time_get_year (later), g_date_time_get_month (later),
                                                         g_date_time_get_day_of_month (later), 14, 30, 0);
      g_autoptr(PursuitTouch) touch = new_touch (id, 0, PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT, outcomes[i]);
      g_autoptr(GError) error = NULL;
      PursuitProspect *p;

      pursuit_touch_set_callback_at (touch, when);
      g_assert_true (pursuit_store_record_touch (f->store, touch, &error));
      g_assert_no_error (error);
      p = saved (f, id);
      g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (p), when));
      g_assert_cmpint (pursuit_store_next_reason (f->store, p), ==, PURSUIT_NEXT_REASON_CALLBACK);
      g_assert_cmpint (pursuit_prospect_get_next_channel (p), ==,
                       outcomes[i] == PURSUIT_OUTCOME_MEETING ? PURSUIT_CHANNEL_MEETING : PURSUIT_CHANNEL_CALL);
    }
}

/* Touches at the same second follow the order they were logged in: a
 * reply logged after a "No answer" of the same second resets the streak,
 * and a "No answer" logged after a reply starts it again. */
static void
test_same_second_order (Fixture       *f,
                        gconstpointer  data)
{
  gint64 id = add_prospect (f->store, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT, 1000);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const PursuitOutcome outcomes[] = { PURSUIT_OUTCOME_NO_ANSWER, PURSUIT_OUTCOME_REPLIED, PURSUIT_OUTCOME_NO_ANSWER };
  const guint streaks[] = { 1, 0, 1 };

  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      g_autoptr(PursuitTouch) touch = pursuit_touch_new (id, now, PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT,
                                                         outcomes[i]);
      g_autoptr(GError) error = NULL;

      g_assert_true (pursuit_store_record_touch (f->store, touch, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (pursuit_prospect_get_attempts (saved (f, id)), ==, streaks[i]);
    }
}

/* The ids of deleted touches are handed out again: an Undo must never
 * write over the touch that took the id since, least of all another
 * prospect's. */
static void
test_undo_never_overwrites (Fixture       *f,
                            gconstpointer  data)
{
  gint64 a = add_prospect (f->store, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD, 1000);
  gint64 b = add_prospect (f->store, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD, 1000);
  g_autoptr(PursuitTouch) first = record (f->store, a, -2, PURSUIT_CHANNEL_CALL, PURSUIT_OUTCOME_NO_ANSWER);
  g_autoptr(PursuitTouch) values = copy_with (first, -2, PURSUIT_OUTCOME_REPLIED);
  g_autoptr(PursuitTouch) other = NULL;
  g_autoptr(PursuitTouchUndo) edit_undo = NULL;
  g_autoptr(PursuitTouchUndo) delete_undo = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = pursuit_touch_get_id (first);

  g_assert_true (pursuit_store_edit_touch (f->store, first, values, &edit_undo, &error));
  g_assert_true (pursuit_store_delete_touch (f->store, first, &delete_undo, &error));
  g_assert_no_error (error);
  other = record (f->store, b, -1, PURSUIT_CHANNEL_EMAIL, PURSUIT_OUTCOME_NO_ANSWER);
  g_assert_cmpint (pursuit_touch_get_id (other), ==, id);

  /* The edit's Undo finds another touch under the id: refused. */
  g_assert_false (pursuit_store_undo_touch (f->store, edit_undo, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* The delete's Undo brings the touch back under a new id. */
  g_assert_true (pursuit_store_undo_touch (f->store, delete_undo, &error));
  g_assert_no_error (error);

  reopen (f);
  g_assert_cmpuint (n_touches (f->store, a), ==, 1);
  g_assert_cmpuint (n_touches (f->store, b), ==, 1);
  g_assert_cmpuint (pursuit_prospect_get_attempts (pursuit_store_find (f->store, a)), ==, 0);
  g_assert_cmpuint (pursuit_prospect_get_attempts (pursuit_store_find (f->store, b)), ==, 1);
}

/* Changing a cadence plans the follow-ups it planned again, from the
 * same start (the latest touch, or entering the tier), and leaves
 * callbacks, dates set by hand and Hot prospects due at once; changing it
 * back plans them back. Both reach the file. */
static void
test_cadence_change_replans (Fixture       *f,
                             gconstpointer  data)
{
  gint64 touched = add_prospect (f->store, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD, 1000);
  gint64 entered = add_prospect (f->store, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD, 1000);
  gint64 callback = add_prospect (f->store, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD, 1000);
  gint64 manual = add_prospect (f->store, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD, 1000);
  gint64 hot = add_prospect (f->store, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT, 1000);
  gint64 customer = add_prospect (f->store, PURSUIT_STAGE_CUSTOMER, PURSUIT_TIER_NONE, 1000);
  g_autoptr(PursuitTouch) asked = new_touch (callback, -1, PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_IN,
                                             PURSUIT_OUTCOME_CALLBACK_REQUESTED);
  g_autoptr(GDateTime) in_ten = days_from_now (10);
  g_autoptr(GDateTime) in_twenty = days_from_now (20);
  g_autoptr(PursuitProspect) draft = NULL;
  g_autoptr(GError) error = NULL;
  PursuitPolicy policy, old;
  guint n = 0;
  struct { gint64 id; int before; int after; } expected[] = {
    { touched, 5, 1 }, { entered, 7, 3 }, { callback, 10, 10 }, { manual, 20, 20 }, { hot, 0, 0 },
    { customer, 90, 30 },
  };

  g_object_unref (record (f->store, touched, -2, PURSUIT_CHANNEL_CALL, PURSUIT_OUTCOME_NO_ANSWER));
  pursuit_touch_set_callback_at (asked, in_ten);
  g_assert_true (pursuit_store_record_touch (f->store, asked, &error));
  draft = pursuit_prospect_dup (pursuit_store_find (f->store, manual));
  pursuit_prospect_set_next_touch (draft, in_twenty);
  pursuit_prospect_set_next_touch_manual (draft, TRUE);
  g_assert_true (pursuit_store_update (f->store, pursuit_store_find (f->store, manual), draft, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (days_to (pursuit_prospect_get_next_touch (pursuit_store_find (f->store, expected[i].id))),
                     ==, expected[i].before);

  pursuit_policy_init_default (&old);
  policy = old;
  policy.cadence.days[PURSUIT_TIER_GOOD] = 3;
  policy.cadence.days[PURSUIT_TIER_HOT] = 2;
  policy.customer_days = 30;
  pursuit_store_set_policy (f->store, &policy);
  g_assert_true (pursuit_store_replan_cadences (f->store, &old, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (days_to (pursuit_prospect_get_next_touch (saved (f, expected[i].id))), ==, expected[i].after);

  /* Opening plans nothing: the reopened store starts from the defaults
   * and is given the policy, then goes back to the old one. */
  pursuit_store_set_policy (f->store, &policy);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (days_to (pursuit_prospect_get_next_touch (pursuit_store_find (f->store, expected[i].id))), ==,
                     expected[i].after);
  pursuit_store_set_policy (f->store, &old);
  g_assert_true (pursuit_store_replan_cadences (f->store, &policy, &n, &error));
  g_assert_cmpuint (n, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (days_to (pursuit_prospect_get_next_touch (saved (f, expected[i].id))), ==, expected[i].before);
}

/* A prospect without a phone number is never asked to be called: not
 * when it is added, not after an unanswered email; the file agrees. */
static void
test_channel_reachable (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new ("Eve Email-Only");
  g_autoptr(GError) error = NULL;
  gint64 id;

  pursuit_prospect_set_email (prospect, "eve@example.com");
  pursuit_prospect_set_stage (prospect, PURSUIT_STAGE_ACTIVE);
  pursuit_prospect_set_tier (prospect, PURSUIT_TIER_HOT);
  g_assert_true (pursuit_store_add (f->store, prospect, &error));
  g_assert_no_error (error);
  id = pursuit_prospect_get_id (prospect);
  g_assert_cmpint (pursuit_prospect_get_next_channel (saved (f, id)), ==, PURSUIT_CHANNEL_EMAIL);

  for (guint i = 0; i < 4; i++)
    {
      PursuitChannel channel = pursuit_prospect_get_next_channel (pursuit_store_find (f->store, id));

      g_object_unref (record (f->store, id, 0, channel, PURSUIT_OUTCOME_NO_ANSWER));
      channel = pursuit_prospect_get_next_channel (saved (f, id));
      g_assert_true (channel != PURSUIT_CHANNEL_CALL && channel != PURSUIT_CHANNEL_VOICEMAIL);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define TEST(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  TEST ("/store/touches/log-each-outcome", test_log_each_outcome);
  TEST ("/store/touches/edit-recomputes", test_edit_recomputes);
  TEST ("/store/touches/edit-to-firm-no", test_edit_to_firm_no);
  TEST ("/store/touches/delete-recomputes", test_delete_recomputes);
  TEST ("/store/touches/undo-after-other-change", test_undo_after_other_change);
  TEST ("/store/touches/limit-and-keep-going", test_limit_and_keep_going);
  TEST ("/store/touches/revisit-returns", test_revisit_returns);
  TEST ("/store/touches/imported-attempts-go-on", test_imported_attempts_go_on);
  TEST ("/store/touches/closed-refuses-attempts", test_closed_refuses_attempts);
  TEST ("/store/touches/delete-closing-reopens", test_delete_closing_reopens);
  TEST ("/store/touches/edit-closing-reopens", test_edit_closing_reopens);
  TEST ("/store/touches/appointment-time", test_appointment_time);
  TEST ("/store/touches/same-second-order", test_same_second_order);
  TEST ("/store/touches/undo-never-overwrites", test_undo_never_overwrites);
  TEST ("/store/touches/cadence-change-replans", test_cadence_change_replans);
  TEST ("/store/touches/channel-reachable", test_channel_reachable);
#undef TEST

  return g_test_run ();
}
