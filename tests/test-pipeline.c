/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "pursuit-store.h"
#include "test-util.h"

/* Moves through the pipeline, checked in the objects and in the database
 * read back from disk. */

typedef struct
{
  char         *dir;
  char         *path;
  PursuitStore *store;
  GDateTime    *now;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pursuit-pipeline-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  f->now = g_date_time_new_local (2026, 11, 23, 10, 30, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  pursuit_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
  g_date_time_unref (f->now);
}

static PursuitProspect *
add (Fixture      *f,
     const char   *name,
     PursuitStage  stage,
     PursuitTier   tier)
{
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new (name);
  g_autoptr(GError) error = NULL;

  pursuit_prospect_set_stage (prospect, stage);
  pursuit_prospect_set_tier (prospect, tier);
  pursuit_store_add (f->store, prospect, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&prospect);
}

/* The prospect as the database holds it, from a second connection. */
static PursuitProspect *
reread (Fixture *f,
        gint64   id)
{
  g_autoptr(PursuitStore) other = NULL;
  g_autoptr(GError) error = NULL;
  PursuitProspect *found;

  other = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  found = pursuit_store_find (other, id);
  return found != NULL ? g_object_ref (found) : NULL;
}

static void
assert_time (GDateTime *actual,
             GDateTime *expected)
{
  g_autofree char *a = actual != NULL ? g_date_time_format_iso8601 (actual) : g_strdup ("(none)");
  g_autofree char *e = expected != NULL ? g_date_time_format_iso8601 (expected) : g_strdup ("(none)");

  g_assert_cmpstr (a, ==, e);
}

static gboolean
model_has (GListModel *model,
           gpointer    item)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (model, i);
      if (other == item)
        return TRUE;
    }
  return FALSE;
}

static void
test_move_follows_cadence (Fixture       *f,
                           gconstpointer  data)
{
  static const struct { PursuitTier tier; int days; } cases[] = {
    { PURSUIT_TIER_HOT, 0 }, { PURSUIT_TIER_GOOD, 7 }, { PURSUIT_TIER_COOL, 90 },
    { PURSUIT_TIER_COLD, 365 },
  };
  g_autoptr(PursuitProspect) p = add (f, "Jane", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDateTime) expected = g_date_time_add_days (f->now, cases[i].days);
      g_autoptr(PursuitProspect) disk = NULL;

      g_assert_true (pursuit_store_move (f->store, p, PURSUIT_STAGE_ACTIVE, cases[i].tier, f->now, &error));
      g_assert_no_error (error);
      g_assert_cmpint (pursuit_prospect_get_tier (p), ==, cases[i].tier);
      assert_time (pursuit_prospect_get_next_touch (p), expected);
      g_assert_true (model_has (pursuit_store_get_model (f->store, PURSUIT_STAGE_ACTIVE, cases[i].tier), p));

      disk = reread (f, pursuit_prospect_get_id (p));
      g_assert_cmpint (pursuit_prospect_get_stage (disk), ==, PURSUIT_STAGE_ACTIVE);
      g_assert_cmpint (pursuit_prospect_get_tier (disk), ==, cases[i].tier);
      assert_time (pursuit_prospect_get_next_touch (disk), expected);
    }
  g_assert_false (model_has (pursuit_store_get_model (f->store, PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE), p));
}

static void
test_move_follows_policy (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PursuitProspect) p = add (f, "Jane", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE);
  g_autoptr(GDateTime) expected = g_date_time_add_days (f->now, 3);
  g_autoptr(GDateTime) customer = g_date_time_add_days (f->now, 30);
  PursuitPolicy policy;

  pursuit_policy_init_default (&policy);
  policy.cadence.days[PURSUIT_TIER_GOOD] = 3;
  policy.customer_days = 30;
  pursuit_store_set_policy (f->store, &policy);

  g_assert_true (pursuit_store_move (f->store, p, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD, f->now, NULL));
  assert_time (pursuit_prospect_get_next_touch (p), expected);
  g_assert_true (pursuit_store_move (f->store, p, PURSUIT_STAGE_CUSTOMER, PURSUIT_TIER_HOT, f->now, NULL));
  g_assert_cmpint (pursuit_prospect_get_stage (p), ==, PURSUIT_STAGE_CUSTOMER);
  g_assert_cmpint (pursuit_prospect_get_tier (p), ==, PURSUIT_TIER_NONE);
  assert_time (pursuit_prospect_get_next_touch (p), customer);
}

static void
test_callback_date_wins (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PursuitProspect) p = add (f, "Jane", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT);
  g_autoptr(PursuitProspect) draft = pursuit_prospect_dup (p);
  g_autoptr(GDateTime) callback = g_date_time_new_local (2026, 12, 7, 14, 0, 0);
  g_autoptr(PursuitProspect) disk = NULL;

  pursuit_prospect_set_callback_at (draft, callback);
  g_assert_true (pursuit_store_update (f->store, p, draft, NULL));

  g_assert_true (pursuit_store_move (f->store, p, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COLD, f->now, NULL));
  assert_time (pursuit_prospect_get_next_touch (p), callback);
  disk = reread (f, pursuit_prospect_get_id (p));
  assert_time (pursuit_prospect_get_next_touch (disk), callback);
  g_assert_cmpint (pursuit_prospect_get_tier (disk), ==, PURSUIT_TIER_COLD);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_move_to_same_place_changes_nothing (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(PursuitProspect) p = add (f, "Jane", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD);
  /* Planned when it was added: an active prospect always has one. */
  g_autoptr(GDateTime) planned = g_date_time_ref (pursuit_prospect_get_next_touch (p));
  guint notified = 0;

  g_signal_connect (p, "notify", G_CALLBACK (count_notify), &notified);
  g_assert_true (pursuit_store_move (f->store, p, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD, f->now, NULL));
  g_assert_cmpuint (notified, ==, 0);
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (p), planned));
}

static void
test_let_go_and_back (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PursuitProspect) p = add (f, "Jane", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT);
  g_autoptr(PursuitProspect) q = add (f, "John", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD);
  g_autoptr(GDateTime) revisit = g_date_time_add_months (f->now, 6);
  g_autoptr(PursuitProspect) disk = NULL;
  g_autoptr(PursuitProspect) disk_q = NULL;
  GListModel *closed = pursuit_store_get_model (f->store, PURSUIT_STAGE_CLOSED, PURSUIT_TIER_NONE);

  g_assert_true (pursuit_store_let_go (f->store, p, PURSUIT_CLOSE_REASON_NOT_SERIOUS, revisit, NULL));
  g_assert_true (pursuit_store_let_go (f->store, q, PURSUIT_CLOSE_REASON_FIRM_NO, NULL, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (closed), ==, 2);

  disk = reread (f, pursuit_prospect_get_id (p));
  g_assert_cmpint (pursuit_prospect_get_stage (disk), ==, PURSUIT_STAGE_CLOSED);
  g_assert_cmpint (pursuit_prospect_get_tier (disk), ==, PURSUIT_TIER_NONE);
  g_assert_cmpstr (pursuit_prospect_get_close_reason (disk), ==, "not-serious");
  assert_time (pursuit_prospect_get_revisit_at (disk), revisit);
  g_assert_null (pursuit_prospect_get_next_touch (disk));
  disk_q = reread (f, pursuit_prospect_get_id (q));
  g_assert_cmpstr (pursuit_prospect_get_close_reason (disk_q), ==, "firm-no");
  g_assert_null (pursuit_prospect_get_revisit_at (disk_q));

  /* Back into a tier: the reason and the revisit date go. */
  g_assert_true (pursuit_store_move (f->store, p, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COOL, f->now, NULL));
  g_assert_cmpstr (pursuit_prospect_get_close_reason (p), ==, "");
  g_assert_null (pursuit_prospect_get_revisit_at (p));
  g_assert_cmpuint (g_list_model_get_n_items (closed), ==, 1);
}

static void
test_move_keeps_a_past_revisit_date (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(PursuitProspect) p = add (f, "Jane", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE);
  g_autoptr(PursuitProspect) draft = pursuit_prospect_dup (p);
  g_autoptr(GDateTime) past = g_date_time_add_days (f->now, -3);
  g_autoptr(PursuitProspect) disk = NULL;

  /* Back from a revisit: the engine counts the streak from that date. */
  pursuit_prospect_set_revisit_at (draft, past);
  pursuit_prospect_set_close_reason (draft, PURSUIT_CLOSE_REASON_NO_RESPONSE);
  g_assert_true (pursuit_store_update (f->store, p, draft, NULL));

  g_assert_true (pursuit_store_move (f->store, p, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD, f->now, NULL));
  assert_time (pursuit_prospect_get_revisit_at (p), past);
  g_assert_cmpstr (pursuit_prospect_get_close_reason (p), ==, "");
  disk = reread (f, pursuit_prospect_get_id (p));
  assert_time (pursuit_prospect_get_revisit_at (disk), past);
}

static void
test_restore_after_remove (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PursuitProspect) p = add (f, "Jane", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COOL);
  g_autoptr(PursuitProspect) copy = NULL;
  g_autoptr(GListModel) touches = NULL;
  g_autoptr(GListModel) restored_touches = NULL;
  g_autoptr(PursuitProspect) disk = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = pursuit_prospect_get_id (p);

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_add_days (f->now, -i);
      g_autoptr(PursuitTouch) touch = pursuit_touch_new (id, when, PURSUIT_CHANNEL_EMAIL,
                                                         PURSUIT_DIRECTION_OUT, PURSUIT_OUTCOME_NO_ANSWER);
      pursuit_touch_set_note (touch, "sent the deck");
      g_assert_true (pursuit_store_add_touch (f->store, touch, NULL));
    }

  copy = pursuit_prospect_dup (p);
  touches = pursuit_store_list_touches (f->store, p, NULL);
  g_assert_true (pursuit_store_remove (f->store, p, NULL));
  g_assert_null (pursuit_store_find (f->store, id));
  g_assert_null (reread (f, id));

  g_assert_true (pursuit_store_restore (f->store, copy, id, touches, &error));
  g_assert_no_error (error);
  g_assert_true (pursuit_store_find (f->store, id) == copy);
  g_assert_true (model_has (pursuit_store_get_model (f->store, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COOL), copy));

  disk = reread (f, id);
  g_assert_nonnull (disk);
  g_assert_cmpstr (pursuit_prospect_get_name (disk), ==, "Jane");
  restored_touches = pursuit_store_list_touches (f->store, copy, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (restored_touches), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/pipeline/move-follows-cadence", test_move_follows_cadence);
  ADD ("/store/pipeline/move-follows-policy", test_move_follows_policy);
  ADD ("/store/pipeline/callback-date-wins", test_callback_date_wins);
  ADD ("/store/pipeline/same-place", test_move_to_same_place_changes_nothing);
  ADD ("/store/pipeline/let-go", test_let_go_and_back);
  ADD ("/store/pipeline/restore", test_restore_after_remove);
  ADD ("/store/pipeline/keeps-past-revisit", test_move_keeps_a_past_revisit_date);
#undef ADD

  return g_test_run ();
}
