/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "pursuit-import.h"
#include "pursuit-store-touches.h"
#include "pursuit-store.h"
#include "test-util.h"

/* Touch history from other tools (--import of an activities file): the
 * touches land on the prospects they name, and the streak, the next touch
 * and the stage come out as if each touch had been logged by hand;
 * checked on the database reopened from disk. */

typedef struct
{
  char         *dir;
  char         *path;
  char         *hand_path;
  PursuitStore *store;
  PursuitStore *hand;   /* the same prospects, touches logged one by one */
} Fixture;

static void
add_prospects (PursuitStore *store)
{
  static const struct
  {
    const char  *name;
    const char  *email;
    PursuitStage stage;
    PursuitTier  tier;
  } people[] = {
    { "Anna Müller", "anna.mueller@mueller.example", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD },
    { "Peter Schmidt", "p.schmidt@schmidt.example", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT },
    { "Eva Klein", "eva@klein.example", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE },
    { "Maria Gómez", "maria.gomez@northwind.example", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COOL },
    { "Jonas Berg", "jonas@fabrikam.example", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD },
    { "Ida Holm", "", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD },
  };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(PursuitProspect) p = pursuit_prospect_new (people[i].name);
      g_autoptr(GError) error = NULL;

      pursuit_prospect_set_email (p, people[i].email);
      pursuit_prospect_set_stage (p, people[i].stage);
      pursuit_prospect_set_tier (p, people[i].tier);
      g_assert_true (pursuit_store_add (store, p, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = pursuit_test_make_dir ("test-import-history");
  f->path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->hand_path = g_build_filename (f->dir, "hand.db", NULL);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  f->hand = pursuit_store_open (f->hand_path, &error);
  g_assert_no_error (error);
  add_prospects (f->store);
  add_prospects (f->hand);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->hand);
  pursuit_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->hand_path);
  g_free (f->dir);
}

static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->store);
  g_clear_object (&f->hand);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  f->hand = pursuit_store_open (f->hand_path, &error);
  g_assert_no_error (error);
}

static PursuitProspect *
find (PursuitStore *store,
      const char   *name)
{
  GListModel *model = pursuit_store_get_prospects (store);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PursuitProspect) p = g_list_model_get_item (model, i);

      if (g_str_equal (pursuit_prospect_get_name (p), name))
        return p;
    }
  g_error ("no prospect “%s”", name);
  return NULL;
}

static PursuitCsvReport *
import_data (Fixture    *f,
             const char *name)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PursuitImportOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  PursuitCsvReport *report = NULL;

  g_assert_true (pursuit_import_file (f->store, file, &options, NULL, &report, &error));
  g_assert_no_error (error);
  return report;
}

/* Logs a touch by hand on the second store, as the touch dialog does. */
static void
log_by_hand (Fixture         *f,
             const char      *name,
             const char      *when,
             PursuitChannel   channel,
             PursuitDirection direction,
             PursuitOutcome   outcome)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (when, local);
  g_autoptr(PursuitTouch) touch = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (at);
  touch = pursuit_touch_new (pursuit_prospect_get_id (find (f->hand, name)), at, channel, direction, outcome);
  g_assert_true (pursuit_store_record_touch (f->hand, touch, &error));
  g_assert_no_error (error);
}

static void
assert_same (Fixture    *f,
             const char *name)
{
  PursuitProspect *a = find (f->store, name);
  PursuitProspect *b = find (f->hand, name);
  GDateTime *na = pursuit_prospect_get_next_touch (a);
  GDateTime *nb = pursuit_prospect_get_next_touch (b);
  g_autoptr(GListModel) ta = pursuit_store_list_touches (f->store, a, NULL);
  g_autoptr(GListModel) tb = pursuit_store_list_touches (f->hand, b, NULL);

  g_test_message ("%s", name);
  g_assert_cmpint (pursuit_prospect_get_stage (a), ==, pursuit_prospect_get_stage (b));
  g_assert_cmpint (pursuit_prospect_get_tier (a), ==, pursuit_prospect_get_tier (b));
  g_assert_cmpuint (pursuit_prospect_get_attempts (a), ==, pursuit_prospect_get_attempts (b));
  g_assert_cmpint (pursuit_prospect_get_next_channel (a), ==, pursuit_prospect_get_next_channel (b));
  g_assert_true ((na == NULL) == (nb == NULL));
  /* Planned from "now", a moment apart. */
  if (na != NULL)
    g_assert_cmpint (ABS (g_date_time_difference (na, nb)), <, 60 * G_TIME_SPAN_SECOND);
  g_assert_cmpuint (g_list_model_get_n_items (ta), ==, g_list_model_get_n_items (tb));
  for (guint i = 0; i < g_list_model_get_n_items (ta); i++)
    {
      g_autoptr(PursuitTouch) x = g_list_model_get_item (ta, i);
      g_autoptr(PursuitTouch) y = g_list_model_get_item (tb, i);

      g_assert_true (g_date_time_equal (pursuit_touch_get_happened_at (x), pursuit_touch_get_happened_at (y)));
      g_assert_cmpint (pursuit_touch_get_outcome (x), ==, pursuit_touch_get_outcome (y));
      g_assert_cmpint (pursuit_touch_get_channel (x), ==, pursuit_touch_get_channel (y));
      g_assert_cmpint (pursuit_touch_get_direction (x), ==, pursuit_touch_get_direction (y));
    }
}

static void
test_pipedrive (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PursuitCsvReport) report = import_data (f, "history-pipedrive.csv");
  const PursuitCsvRowError *row;

  g_assert_cmpuint (report->touches, ==, 4);
  g_assert_cmpuint (report->invalid, ==, 3);
  row = g_ptr_array_index (report->errors, 0);
  g_assert_cmpuint (row->line, ==, 6);   /* a task */
  row = g_ptr_array_index (report->errors, 1);
  g_assert_cmpuint (row->line, ==, 7);   /* not done yet */
  row = g_ptr_array_index (report->errors, 2);
  g_assert_cmpuint (row->line, ==, 8);   /* nobody of that name */
  g_assert_cmpstr (row->message, ==, "no prospect in Pursuit has the email or name “hans@unbekannt.example”");

  log_by_hand (f, "Anna Müller", "2024-03-04T09:30:00", PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT,
               PURSUIT_OUTCOME_NO_ANSWER);
  log_by_hand (f, "Anna Müller", "2024-03-05T14:00:00", PURSUIT_CHANNEL_EMAIL, PURSUIT_DIRECTION_OUT,
               PURSUIT_OUTCOME_LEFT_MESSAGE);
  log_by_hand (f, "Anna Müller", "2024-03-07T11:00:00", PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT,
               PURSUIT_OUTCOME_NO_ANSWER);
  log_by_hand (f, "Peter Schmidt", "2024-03-12T15:00:00", PURSUIT_CHANNEL_MEETING, PURSUIT_DIRECTION_OUT,
               PURSUIT_OUTCOME_MEETING);
  reopen (f);

  g_assert_cmpuint (pursuit_prospect_get_attempts (find (f->store, "Anna Müller")), ==, 3);
  assert_same (f, "Anna Müller");
  assert_same (f, "Peter Schmidt");
  assert_same (f, "Eva Klein");
  pursuit_test_assert_same_insights (f->path, f->hand_path, 0);
}

/* HubSpot lists newest first or in any order: the touches are logged in
 * the order they happened, so the reply resets the streak. */
static void
test_hubspot (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PursuitCsvReport) report = import_data (f, "history-hubspot.csv");
  g_autofree char *text = pursuit_import_describe_report (report, 3);

  g_assert_cmpuint (report->touches, ==, 5);
  g_assert_cmpuint (report->skipped, ==, 0);
  g_assert_cmpstr (text, ==, "Imported 5 touches.");

  log_by_hand (f, "Maria Gómez", "2024-03-06T10:15:00", PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT,
               PURSUIT_OUTCOME_NO_ANSWER);
  log_by_hand (f, "Maria Gómez", "2024-03-06T16:40:00", PURSUIT_CHANNEL_EMAIL, PURSUIT_DIRECTION_OUT,
               PURSUIT_OUTCOME_LEFT_MESSAGE);
  log_by_hand (f, "Maria Gómez", "2024-03-08T09:05:00", PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_IN,
               PURSUIT_OUTCOME_REPLIED);
  log_by_hand (f, "Jonas Berg", "2024-03-09T13:00:00", PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT,
               PURSUIT_OUTCOME_LEFT_MESSAGE);
  log_by_hand (f, "Jonas Berg", "2024-03-10T11:00:00", PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT,
               PURSUIT_OUTCOME_NO_ANSWER);
  reopen (f);

  g_assert_cmpuint (pursuit_prospect_get_attempts (find (f->store, "Maria Gómez")), ==, 0);
  g_assert_cmpuint (pursuit_prospect_get_attempts (find (f->store, "Jonas Berg")), ==, 2);
  assert_same (f, "Maria Gómez");
  assert_same (f, "Jonas Berg");
  pursuit_test_assert_same_insights (f->path, f->hand_path, 0);
}

/* A firm no closes the prospect; an attempt after it is refused and
 * reported, as the touch dialog refuses it; a win makes a customer. */
static void
test_closing (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "closing.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PursuitImportOptions options = { 0 };
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const PursuitCsvRowError *row;

  g_assert_true (g_file_set_contents (path,
                                      "email;name;time;channel;direction;outcome;note\n"
                                      ";Ida Holm;03/11/2024 02:30 PM;call;out;firm-no;not interested\n"
                                      ";Ida Holm;12.03.2024 10:00;call;out;no-answer;\n"
                                      "jonas@fabrikam.example;;2024-03-01;meeting;in;won;signed\n",
                                      -1, NULL));
  g_assert_true (pursuit_import_file (f->store, file, &options, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->touches, ==, 2);
  g_assert_cmpuint (report->invalid, ==, 1);
  row = g_ptr_array_index (report->errors, 0);
  g_assert_cmpuint (row->line, ==, 3);
  g_assert_cmpstr (row->message, ==, "“Ida Holm” was let go by then, so the attempt is not logged");

  log_by_hand (f, "Ida Holm", "2024-03-11T14:30:00", PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT,
               PURSUIT_OUTCOME_FIRM_NO);
  log_by_hand (f, "Jonas Berg", "2024-03-01T09:00:00", PURSUIT_CHANNEL_MEETING, PURSUIT_DIRECTION_IN,
               PURSUIT_OUTCOME_WON);
  reopen (f);
  g_assert_cmpint (pursuit_prospect_get_stage (find (f->store, "Ida Holm")), ==, PURSUIT_STAGE_CLOSED);
  g_assert_cmpint (pursuit_prospect_get_stage (find (f->store, "Jonas Berg")), ==, PURSUIT_STAGE_CUSTOMER);
  assert_same (f, "Ida Holm");
  assert_same (f, "Jonas Berg");
  pursuit_test_assert_same_insights (f->path, f->hand_path, 0);
}

/* Pursuit's own --export-touches reads back through --import. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PursuitCsvReport) first = import_data (f, "history-hubspot.csv");
  g_autofree char *path = g_build_filename (f->dir, "touches.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PursuitImportOptions options = { 0 };
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (pursuit_csv_export_touches (f->store, file, &error));
  g_assert_true (pursuit_import_file (f->hand, file, &options, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->touches, ==, 5);
  reopen (f);
  assert_same (f, "Maria Gómez");
  assert_same (f, "Jonas Berg");
}

/* A store that fails midway keeps none of the history. */
static void
test_all_or_nothing (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) touches = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) when = g_date_time_new_local (2024, 3, 1, 10, 0, 0);
  g_autoptr(GError) error = NULL;
  PursuitTouch *bad;

  g_ptr_array_add (touches, pursuit_touch_new (pursuit_prospect_get_id (find (f->store, "Anna Müller")), when,
                                               PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT,
                                               PURSUIT_OUTCOME_NO_ANSWER));
  bad = pursuit_touch_new (999999, when, PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT, PURSUIT_OUTCOME_NO_ANSWER);
  g_ptr_array_add (touches, bad);
  g_assert_false (pursuit_store_record_touches (f->store, touches, NULL, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID);
  reopen (f);
  g_assert_cmpuint (pursuit_prospect_get_attempts (find (f->store, "Anna Müller")), ==, 0);
  assert_same (f, "Anna Müller");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/import/history/pipedrive", test_pipedrive);
  ADD ("/import/history/hubspot", test_hubspot);
  ADD ("/import/history/closing", test_closing);
  ADD ("/import/history/round-trip", test_round_trip);
  ADD ("/import/history/all-or-nothing", test_all_or_nothing);
#undef ADD

  return g_test_run ();
}
