/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test-touch-dialog"

#include "config.h"

#include <adwaita.h>

#include "pursuit-prospect-page.h"
#include "pursuit-store-touches.h"
#include "pursuit-touch-dialog.h"
#include "test-util.h"

/* The Log Touch dialog and the page's attempts, each checked on the
 * database reopened from disk: the time of a touch keeps its place among
 * the others, quick actions keep what was typed, meetings have a time, a
 * prospect let go is not chased. */

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

  f->dir = g_dir_make_tmp ("pursuit-touch-dialog-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pursuit_test_destroy_windows ();
  g_clear_object (&f->store);
  pursuit_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static PursuitProspect *
add_prospect (PursuitStore *store,
              const char   *name,
              PursuitStage  stage,
              PursuitTier   tier)
{
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new (name);
  g_autoptr(GError) error = NULL;

  pursuit_prospect_set_phone (prospect, "+49 30 555 0100");
  pursuit_prospect_set_email (prospect, "someone@example.com");
  pursuit_prospect_set_stage (prospect, stage);
  pursuit_prospect_set_tier (prospect, tier);
  g_assert_true (pursuit_store_add (store, prospect, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&prospect);
}

static GDateTime *
days_from_now (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_add_days (now, days);
}

static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget)
      && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

/* The file's view of @prospect: its touches, newest first. */
static GListModel *
touches_on_disk (Fixture         *f,
                 PursuitProspect *prospect,
                 PursuitStore   **reopened)
{
  g_autoptr(GError) error = NULL;
  GListModel *touches;

  *reopened = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  touches = pursuit_store_list_touches (*reopened, pursuit_store_find (*reopened, pursuit_prospect_get_id (prospect)),
                                        &error);
  g_assert_no_error (error);
  return touches;
}

/* Waits until the clock is well inside a minute, so that a time cut to
 * the minute differs from the time itself. */
static void
wait_inside_minute (void)
{
  for (;;)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      if (g_date_time_get_second (now) >= 2 && g_date_time_get_second (now) <= 56)
        return;
      g_usleep (G_USEC_PER_SEC);
    }
}

/* A reply logged "now" in the dialog follows a "No answer" logged a
 * moment before, in the same minute: it resets the streak, on disk too.
 * Editing a touch keeps the seconds of its time. */
static void
test_dialog_keeps_seconds (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PursuitProspect) prospect = add_prospect (f->store, "Sue Seconds", PURSUIT_STAGE_ACTIVE,
                                                      PURSUIT_TIER_HOT);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(PursuitTouch) attempt = NULL;
  g_autoptr(PursuitStore) reopened = NULL;
  g_autoptr(GListModel) touches = NULL;
  g_autoptr(PursuitTouch) reply = NULL;
  g_autoptr(PursuitTouch) first = NULL;
  g_autoptr(GError) error = NULL;
  PursuitTouchDialog *dialog;

  wait_inside_minute ();
  now = g_date_time_new_now_local ();
  attempt = pursuit_touch_new (pursuit_prospect_get_id (prospect), now, PURSUIT_CHANNEL_CALL,
                               PURSUIT_DIRECTION_OUT, PURSUIT_OUTCOME_NO_ANSWER);
  g_assert_true (pursuit_store_record_touch (f->store, attempt, &error));
  g_assert_cmpuint (pursuit_prospect_get_attempts (prospect), ==, 1);

  dialog = pursuit_touch_dialog_new (NULL, f->store, prospect, NULL);
  pursuit_test_show_and_wait (GTK_WINDOW (dialog), 100);
  pursuit_touch_dialog_set_direction (dialog, PURSUIT_DIRECTION_IN);
  pursuit_touch_dialog_set_outcome (dialog, PURSUIT_OUTCOME_REPLIED);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "touch.save", NULL));
  g_assert_cmpuint (pursuit_prospect_get_attempts (prospect), ==, 0);

  touches = touches_on_disk (f, prospect, &reopened);
  g_assert_cmpuint (g_list_model_get_n_items (touches), ==, 2);
  reply = g_list_model_get_item (touches, 0);
  g_assert_cmpint (pursuit_touch_get_outcome (reply), ==, PURSUIT_OUTCOME_REPLIED);
  g_assert_cmpint (g_date_time_to_unix (pursuit_touch_get_happened_at (reply)), >=, g_date_time_to_unix (now));
  g_assert_cmpuint (pursuit_prospect_get_attempts (pursuit_store_find (reopened, pursuit_prospect_get_id (prospect))),
                    ==, 0);
  g_clear_object (&touches);
  g_clear_object (&reopened);

  /* Editing the "No answer" into a left message keeps it where it was. */
  dialog = pursuit_touch_dialog_new (NULL, f->store, prospect, attempt);
  pursuit_test_show_and_wait (GTK_WINDOW (dialog), 100);
  pursuit_touch_dialog_set_outcome (dialog, PURSUIT_OUTCOME_LEFT_MESSAGE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "touch.save", NULL));
  touches = touches_on_disk (f, prospect, &reopened);
  first = g_list_model_get_item (touches, 1);
  g_assert_cmpint (pursuit_touch_get_outcome (first), ==, PURSUIT_OUTCOME_LEFT_MESSAGE);
  g_assert_cmpint (g_date_time_to_unix (pursuit_touch_get_happened_at (first)), ==, g_date_time_to_unix (now));
  g_assert_cmpuint (pursuit_prospect_get_attempts (pursuit_store_find (reopened, pursuit_prospect_get_id (prospect))),
                    ==, 0);
}

/* The quick "No Answer by …" button never throws away what was typed:
 * with another outcome chosen it does nothing (Log does that); with "No
 * answer" the note goes with it. */
static void
test_quick_button_keeps_input (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(PursuitProspect) prospect = add_prospect (f->store, "Quinn Quick", PURSUIT_STAGE_ACTIVE,
                                                      PURSUIT_TIER_GOOD);
  g_autoptr(PursuitStore) reopened = NULL;
  g_autoptr(GListModel) touches = NULL;
  g_autoptr(PursuitTouch) touch = NULL;
  PursuitTouchDialog *dialog = pursuit_touch_dialog_new (NULL, f->store, prospect, NULL);

  pursuit_test_show_and_wait (GTK_WINDOW (dialog), 100);
  pursuit_touch_dialog_set_outcome (dialog, PURSUIT_OUTCOME_MEETING);
  pursuit_touch_dialog_set_note (dialog, "Lunch on Friday");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "touch.no-answer", NULL);
  pursuit_test_wait (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  touches = touches_on_disk (f, prospect, &reopened);
  g_assert_cmpuint (g_list_model_get_n_items (touches), ==, 0);
  g_clear_object (&touches);
  g_clear_object (&reopened);

  pursuit_touch_dialog_set_outcome (dialog, PURSUIT_OUTCOME_NO_ANSWER);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "touch.no-answer", NULL));
  touches = touches_on_disk (f, prospect, &reopened);
  g_assert_cmpuint (g_list_model_get_n_items (touches), ==, 1);
  touch = g_list_model_get_item (touches, 0);
  g_assert_cmpint (pursuit_touch_get_outcome (touch), ==, PURSUIT_OUTCOME_NO_ANSWER);
  g_assert_cmpstr (pursuit_touch_get_note (touch), ==, "Lunch on Friday");
}

/* "Meeting booked" asks for a date and a time, and the next touch is
 * then. */
static void
test_meeting_has_time (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PursuitProspect) prospect = add_prospect (f->store, "Mia Meeting", PURSUIT_STAGE_ACTIVE,
                                                      PURSUIT_TIER_COLD);
  g_autoptr(GDateTime) later = days_from_now (3);
  g_autoptr(GDateTime) meeting = g_date_time_new_local (g_date_time_get_year (later), g_date_time_get_month (later),
                                                        g_date_time_get_day_of_month (later), 14, 30, 0);
  g_autoptr(PursuitStore) reopened = NULL;
  g_autoptr(GError) error = NULL;
  PursuitTouchDialog *dialog = pursuit_touch_dialog_new (NULL, f->store, prospect, NULL);
  PursuitProspect *saved;

  pursuit_test_show_and_wait (GTK_WINDOW (dialog), 100);
  pursuit_touch_dialog_set_outcome (dialog, PURSUIT_OUTCOME_MEETING);
  g_assert_true (pursuit_touch_dialog_get_callback_visible (dialog));
  pursuit_touch_dialog_set_callback_at (dialog, meeting);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "touch.save", NULL));

  reopened = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  saved = pursuit_store_find (reopened, pursuit_prospect_get_id (prospect));
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (saved), meeting));
  g_assert_cmpint (pursuit_prospect_get_next_channel (saved), ==, PURSUIT_CHANNEL_MEETING);
}

/* A prospect let go offers no attempt: no "No Answer" button, no
 * streak, and the action does nothing. */
static void
test_closed_offers_no_attempt (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(PursuitProspect) prospect = add_prospect (f->store, "Clo Sed", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD);
  g_autoptr(PursuitStore) reopened = NULL;
  g_autoptr(GListModel) touches = NULL;
  g_autoptr(GError) error = NULL;
  PursuitProspectPage *page;

  g_assert_true (pursuit_store_let_go (f->store, prospect, PURSUIT_CLOSE_REASON_NOT_SERIOUS, NULL, &error));
  page = pursuit_prospect_page_new (NULL, f->store, prospect);
  pursuit_test_show_and_wait (GTK_WINDOW (page), 200);
  g_assert_false (shows_label (GTK_WIDGET (page), "No Answer by Call"));
  gtk_widget_activate_action (GTK_WIDGET (page), "page.no-answer", NULL);
  pursuit_test_wait (50);
  touches = touches_on_disk (f, prospect, &reopened);
  g_assert_cmpuint (g_list_model_get_n_items (touches), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/touch-dialog/keeps-seconds", test_dialog_keeps_seconds);
  ADD ("/ui/touch-dialog/quick-button-keeps-input", test_quick_button_keeps_input);
  ADD ("/ui/touch-dialog/meeting-has-time", test_meeting_has_time);
  ADD ("/ui/touch-dialog/closed-offers-no-attempt", test_closed_offers_no_attempt);
#undef ADD

  return g_test_run ();
}
