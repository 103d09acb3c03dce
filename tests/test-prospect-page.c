/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "pursuit-application.h"
#include "pursuit-board.h"
#include "pursuit-let-go-dialog.h"
#include "pursuit-preferences-window.h"
#include "pursuit-prospect-page.h"
#include "pursuit-settings.h"
#include "pursuit-store-touches.h"
#include "pursuit-touch-dialog.h"
#include "pursuit-window.h"
#include "test-util.h"

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

  f->dir = g_dir_make_tmp ("pursuit-page-XXXXXX", &error);
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

  pursuit_prospect_set_company (prospect, "Acme & <Sons>");
  pursuit_prospect_set_phone (prospect, "+49 30 555 0100");
  pursuit_prospect_set_email (prospect, "someone@example.com");
  pursuit_prospect_set_stage (prospect, stage);
  pursuit_prospect_set_tier (prospect, tier);
  pursuit_prospect_set_value (prospect, 1000);
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

static gboolean
has_toplevel_of_type (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return TRUE;
    }
  return FALSE;
}

/* Each outcome, logged through the dialog two days late on a Good
 * prospect: the store, the file and the page all follow. */
typedef struct
{
  PursuitOutcome   outcome;
  PursuitChannel   channel;
  PursuitDirection direction;
  PursuitStage     stage;
  guint            attempts;
  const char      *next;   /* how the page starts the next touch */
} OutcomeCase;

static const OutcomeCase outcome_cases[] = {
  { PURSUIT_OUTCOME_NO_ANSWER, PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT, PURSUIT_STAGE_ACTIVE, 1, "in 5 days" },
  { PURSUIT_OUTCOME_LEFT_MESSAGE, PURSUIT_CHANNEL_VOICEMAIL, PURSUIT_DIRECTION_OUT, PURSUIT_STAGE_ACTIVE, 1, "in 5 days" },
  { PURSUIT_OUTCOME_REPLIED, PURSUIT_CHANNEL_EMAIL, PURSUIT_DIRECTION_IN, PURSUIT_STAGE_ACTIVE, 0, "in 5 days" },
  { PURSUIT_OUTCOME_MEETING, PURSUIT_CHANNEL_MEETING, PURSUIT_DIRECTION_OUT, PURSUIT_STAGE_ACTIVE, 0, "in 12 days" },
  { PURSUIT_OUTCOME_CALLBACK_REQUESTED, PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT, PURSUIT_STAGE_ACTIVE, 0, "in 12 days" },
  { PURSUIT_OUTCOME_FIRM_NO, PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT, PURSUIT_STAGE_CLOSED, 0, "no follow-up planned" },
  { PURSUIT_OUTCOME_WON, PURSUIT_CHANNEL_VISIT, PURSUIT_DIRECTION_OUT, PURSUIT_STAGE_CUSTOMER, 0, "in 88 days" },
};

static void
test_log_each_outcome (Fixture       *f,
                       gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (outcome_cases); i++)
    {
      const OutcomeCase *c = &outcome_cases[i];
      g_autoptr(PursuitProspect) prospect = add_prospect (f->store, "Olga Outcome", PURSUIT_STAGE_ACTIVE,
                                                          PURSUIT_TIER_GOOD);
      g_autoptr(GDateTime) when = days_from_now (-2);
      g_autoptr(GDateTime) callback = days_from_now (12);
      g_autoptr(PursuitStore) reopened = NULL;
      g_autoptr(GListModel) touches = NULL;
      g_autoptr(PursuitTouch) touch = NULL;
      g_autoptr(GError) error = NULL;
      PursuitProspectPage *page = pursuit_prospect_page_new (NULL, f->store, prospect);
      PursuitTouchDialog *dialog;
      PursuitProspect *saved;

      g_test_message ("outcome %s", pursuit_outcome_to_string (c->outcome));
      pursuit_test_show_and_wait (GTK_WINDOW (page), 200);
      g_assert_cmpuint (g_list_model_get_n_items (pursuit_prospect_page_get_touches (page)), ==, 0);

      dialog = g_object_ref (pursuit_prospect_page_open_touch_dialog (page, NULL));
      pursuit_test_show_and_wait (GTK_WINDOW (dialog), 200);
      pursuit_touch_dialog_set_channel (dialog, c->channel);
      pursuit_touch_dialog_set_direction (dialog, c->direction);
      pursuit_touch_dialog_set_outcome (dialog, c->outcome);
      g_assert_cmpint (pursuit_touch_dialog_get_callback_visible (dialog), ==,
                       c->outcome == PURSUIT_OUTCOME_CALLBACK_REQUESTED || c->outcome == PURSUIT_OUTCOME_MEETING);
      pursuit_touch_dialog_set_callback_at (dialog, callback);
      pursuit_touch_dialog_set_happened_at (dialog, when);
      pursuit_touch_dialog_set_note (dialog, "said <b>maybe</b> & more");
      g_assert_null (pursuit_touch_dialog_get_error (dialog));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "touch.save", NULL));
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
      g_object_unref (dialog);
      pursuit_test_wait (50);

      /* The store and the page. */
      g_assert_cmpint (pursuit_prospect_get_stage (prospect), ==, c->stage);
      g_assert_cmpuint (pursuit_prospect_get_attempts (prospect), ==, c->attempts);
      g_assert_cmpuint (g_list_model_get_n_items (pursuit_prospect_page_get_touches (page)), ==, 1);
      g_assert_true (g_str_has_prefix (pursuit_prospect_page_get_text (page, "next"), c->next));
      g_assert_true (shows_label (GTK_WIDGET (page), "said <b>maybe</b> & more"));

      /* The file. */
      reopened = pursuit_store_open (f->path, &error);
      g_assert_no_error (error);
      saved = pursuit_store_find (reopened, pursuit_prospect_get_id (prospect));
      g_assert_cmpint (pursuit_prospect_get_stage (saved), ==, c->stage);
      g_assert_cmpuint (pursuit_prospect_get_attempts (saved), ==, c->attempts);
      g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (saved) != NULL
                                          ? pursuit_prospect_get_next_touch (saved) : when,
                                        pursuit_prospect_get_next_touch (prospect) != NULL
                                          ? pursuit_prospect_get_next_touch (prospect) : when));
      touches = pursuit_store_list_touches (reopened, saved, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (touches), ==, 1);
      touch = g_list_model_get_item (touches, 0);
      g_assert_cmpint (pursuit_touch_get_outcome (touch), ==, c->outcome);
      g_assert_cmpint (pursuit_touch_get_channel (touch), ==, c->channel);
      g_assert_cmpint (pursuit_touch_get_direction (touch), ==, c->direction);
      g_assert_cmpstr (pursuit_touch_get_note (touch), ==, "said <b>maybe</b> & more");
      g_assert_cmpint (g_date_time_to_unix (pursuit_touch_get_happened_at (touch)) / 60, ==,
                       g_date_time_to_unix (when) / 60);

      gtk_window_destroy (GTK_WINDOW (page));
    }
}

static void
test_future_touch_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PursuitProspect) prospect = add_prospect (f->store, "Fay Future", PURSUIT_STAGE_ACTIVE,
                                                      PURSUIT_TIER_GOOD);
  g_autoptr(GDateTime) tomorrow = days_from_now (1);
  g_autoptr(GDateTime) planned = g_date_time_ref (pursuit_prospect_get_next_touch (prospect));
  PursuitTouchDialog *dialog = pursuit_touch_dialog_new (NULL, f->store, prospect, NULL);

  pursuit_test_show_and_wait (GTK_WINDOW (dialog), 200);
  pursuit_touch_dialog_set_happened_at (dialog, tomorrow);
  g_assert_nonnull (pursuit_touch_dialog_get_error (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "touch.save", NULL);
  g_assert_cmpuint (pursuit_prospect_get_attempts (prospect), ==, 0);
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (prospect), planned));
}

static void
test_no_answer_one_click (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PursuitProspect) prospect = add_prospect (f->store, "Nick No-Answer", PURSUIT_STAGE_ACTIVE,
                                                      PURSUIT_TIER_HOT);
  PursuitProspectPage *page = pursuit_prospect_page_new (NULL, f->store, prospect);
  PursuitTouchDialog *dialog;

  pursuit_test_show_and_wait (GTK_WINDOW (page), 200);
  /* The page's button: on the planned channel, which then rotates. */
  g_assert_true (shows_label (GTK_WIDGET (page), "No Answer by Call"));
  gtk_widget_activate_action (GTK_WIDGET (page), "page.no-answer", NULL);
  pursuit_test_wait (50);
  g_assert_cmpuint (pursuit_prospect_get_attempts (prospect), ==, 1);
  g_assert_cmpint (pursuit_prospect_get_next_channel (prospect), ==, PURSUIT_CHANNEL_EMAIL);
  g_assert_true (shows_label (GTK_WIDGET (page), "No Answer by Email"));
  g_assert_true (g_str_has_prefix (pursuit_prospect_page_get_text (page, "next"), "tomorrow"));

  /* The dialog's button. */
  dialog = pursuit_prospect_page_open_touch_dialog (page, NULL);
  g_assert_cmpint (pursuit_touch_dialog_get_channel (dialog), ==, PURSUIT_CHANNEL_EMAIL);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "touch.no-answer", NULL);
  pursuit_test_wait (50);
  g_assert_cmpuint (pursuit_prospect_get_attempts (prospect), ==, 2);
  g_assert_cmpint (pursuit_prospect_get_next_channel (prospect), ==, PURSUIT_CHANNEL_CALL);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_prospect_page_get_touches (page)), ==, 2);
  g_assert_true (g_str_has_prefix (pursuit_prospect_page_get_text (page, "streak"), "2 of 7 unanswered attempts"));
}

static guint
limit_on_disk (Fixture         *f,
               PursuitProspect *prospect)
{
  g_autoptr(PursuitStore) reopened = NULL;
  g_autoptr(GError) error = NULL;

  reopened = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  return pursuit_prospect_get_attempt_limit (pursuit_store_find (reopened, pursuit_prospect_get_id (prospect)));
}

static gboolean
do_not_contact_on_disk (Fixture         *f,
                        PursuitProspect *prospect)
{
  g_autoptr(PursuitStore) reopened = NULL;
  g_autoptr(GError) error = NULL;

  reopened = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  return pursuit_prospect_get_do_not_contact (pursuit_store_find (reopened, pursuit_prospect_get_id (prospect)));
}

/* "Do Not Contact" lets the prospect go for that reason, on disk; Undo
 * takes it back; "Allow Contact Again" lifts the mark, the prospect
 * staying let go. */
static void
test_do_not_contact (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PursuitProspect) prospect = add_prospect (f->store, "Dora Decline", PURSUIT_STAGE_ACTIVE,
                                                      PURSUIT_TIER_GOOD);
  PursuitProspectPage *page = pursuit_prospect_page_new (NULL, f->store, prospect);

  pursuit_test_show_and_wait (GTK_WINDOW (page), 200);
  g_assert_true (shows_label (GTK_WIDGET (page), "Do Not Contact"));
  gtk_widget_activate_action (GTK_WIDGET (page), "page.do-not-contact", NULL);
  g_assert_true (do_not_contact_on_disk (f, prospect));
  g_assert_cmpint (pursuit_prospect_get_stage (prospect), ==, PURSUIT_STAGE_CLOSED);
  g_assert_cmpstr (pursuit_prospect_page_get_text (page, "stage"), ==, "Let go: Asked not to be contacted");
  pursuit_test_wait (50);
  g_assert_true (shows_label (GTK_WIDGET (page), "Allow Contact Again"));

  gtk_widget_activate_action (GTK_WIDGET (page), "page.undo", NULL);
  g_assert_false (do_not_contact_on_disk (f, prospect));
  g_assert_cmpint (pursuit_prospect_get_stage (prospect), ==, PURSUIT_STAGE_ACTIVE);

  gtk_widget_activate_action (GTK_WIDGET (page), "page.do-not-contact", NULL);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.do-not-contact", NULL);
  g_assert_false (do_not_contact_on_disk (f, prospect));
  g_assert_cmpint (pursuit_prospect_get_stage (prospect), ==, PURSUIT_STAGE_CLOSED);
  gtk_window_destroy (GTK_WINDOW (page));
}

static void
test_let_go_flag (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PursuitProspect) prospect = add_prospect (f->store, "Lena Limit", PURSUIT_STAGE_ACTIVE,
                                                      PURSUIT_TIER_GOOD);
  g_autoptr(PursuitProspect) customer = add_prospect (f->store, "Carl Customer", PURSUIT_STAGE_CUSTOMER,
                                                      PURSUIT_TIER_NONE);
  PursuitProspectPage *page = pursuit_prospect_page_new (NULL, f->store, prospect);
  PursuitProspectPage *customer_page = pursuit_prospect_page_new (NULL, f->store, customer);
  PursuitLetGoDialog *let_go;
  GListModel *toplevels = gtk_window_get_toplevels ();

  pursuit_test_show_and_wait (GTK_WINDOW (page), 200);
  pursuit_test_show_and_wait (GTK_WINDOW (customer_page), 200);
  for (guint i = 1; i <= 8; i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (page), "page.no-answer", NULL);
      gtk_widget_activate_action (GTK_WIDGET (customer_page), "page.no-answer", NULL);
      g_assert_cmpint (pursuit_prospect_page_get_let_go_shown (page), ==, i >= 7);
      g_assert_false (pursuit_prospect_page_get_let_go_shown (customer_page));
    }
  g_assert_cmpuint (pursuit_prospect_get_attempts (customer), ==, 8);
  /* The next (the ninth) is worth $1,000 × 5% ÷ 9 ≈ $6 by the default
   * curve, as Insights and the learned limit count it. */
  g_assert_cmpstr (pursuit_prospect_page_get_text (page, "let-go"), ==,
                   "8 unanswered attempts; your limit is 7; the next is worth ≈ $6, costs $20");
  /* Past the limit the streak says so, as the cards do, never "8 of 7". */
  g_assert_cmpstr (pursuit_prospect_page_get_text (page, "streak"), ==,
                   "8 unanswered attempts, 1 past the limit of 7");
  pursuit_test_wait (50);
  g_assert_true (shows_label (GTK_WIDGET (page), "Time to Let Go?"));
  g_assert_false (shows_label (GTK_WIDGET (customer_page), "Time to Let Go?"));

  /* Keep going: a few more tries, remembered for this prospect; Undo
   * takes it back, on disk too. */
  gtk_widget_activate_action (GTK_WIDGET (page), "page.keep-going", NULL);
  g_assert_cmpuint (pursuit_prospect_get_attempt_limit (prospect), ==, 11);
  g_assert_false (pursuit_prospect_page_get_let_go_shown (page));
  gtk_widget_activate_action (GTK_WIDGET (page), "page.undo", NULL);
  g_assert_cmpuint (pursuit_prospect_get_attempt_limit (prospect), ==, 0);
  g_assert_cmpuint (limit_on_disk (f, prospect), ==, 0);
  g_assert_true (pursuit_prospect_page_get_let_go_shown (page));
  gtk_widget_activate_action (GTK_WIDGET (page), "page.keep-going", NULL);
  g_assert_cmpuint (pursuit_prospect_get_attempt_limit (prospect), ==, 11);
  g_assert_cmpuint (limit_on_disk (f, prospect), ==, 11);
  for (guint i = 0; i < 3; i++)
    gtk_widget_activate_action (GTK_WIDGET (page), "page.no-answer", NULL);
  g_assert_true (pursuit_prospect_page_get_let_go_shown (page));
  g_assert_cmpstr (pursuit_prospect_page_get_text (page, "let-go"), ==,
                   "11 unanswered attempts; you chose to keep going up to 11; the next is worth ≈ $4, costs $20");

  /* Let go: the dialog asks, the store closes. */
  gtk_widget_activate_action (GTK_WIDGET (page), "page.let-go", NULL);
  let_go = NULL;
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);
      if (PURSUIT_IS_LET_GO_DIALOG (toplevel))
        let_go = PURSUIT_LET_GO_DIALOG (toplevel);
    }
  g_assert_nonnull (let_go);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (let_go), "dialog.confirm", NULL));
  g_assert_cmpint (pursuit_prospect_get_stage (prospect), ==, PURSUIT_STAGE_CLOSED);
  g_assert_nonnull (pursuit_prospect_get_revisit_at (prospect));
  g_assert_false (pursuit_prospect_page_get_let_go_shown (page));
  g_assert_true (g_str_has_prefix (pursuit_prospect_page_get_text (page, "stage"), "Let go: "));

  /* Undo brings it back as it was, on disk too. */
  gtk_widget_activate_action (GTK_WIDGET (page), "page.undo", NULL);
  g_assert_cmpint (pursuit_prospect_get_stage (prospect), ==, PURSUIT_STAGE_ACTIVE);
  g_assert_cmpint (pursuit_prospect_get_tier (prospect), ==, PURSUIT_TIER_GOOD);
  g_assert_null (pursuit_prospect_get_revisit_at (prospect));
  g_assert_cmpuint (pursuit_prospect_get_attempts (prospect), ==, 11);
  g_assert_true (pursuit_prospect_page_get_let_go_shown (page));
  {
    g_autoptr(PursuitStore) reopened = pursuit_store_open (f->path, NULL);
    PursuitProspect *saved = pursuit_store_find (reopened, pursuit_prospect_get_id (prospect));

    g_assert_cmpint (pursuit_prospect_get_stage (saved), ==, PURSUIT_STAGE_ACTIVE);
    g_assert_cmpint (pursuit_prospect_get_tier (saved), ==, PURSUIT_TIER_GOOD);
    g_assert_null (pursuit_prospect_get_revisit_at (saved));
  }

  /* A touch logged since makes an older Undo do nothing. */
  gtk_widget_activate_action (GTK_WIDGET (page), "page.keep-going", NULL);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.no-answer", NULL);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.undo", NULL);
  g_assert_cmpuint (pursuit_prospect_get_attempts (prospect), ==, 12);
  g_assert_cmpuint (pursuit_prospect_get_attempt_limit (prospect), ==, 14);
}

static void
test_value_based_flag (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PursuitProspect) prospect = add_prospect (f->store, "Val Value", PURSUIT_STAGE_ACTIVE,
                                                      PURSUIT_TIER_GOOD);
  PursuitPolicy policy = *pursuit_store_get_policy (f->store);
  PursuitProspectPage *page = pursuit_prospect_page_new (NULL, f->store, prospect);

  pursuit_test_show_and_wait (GTK_WINDOW (page), 200);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.no-answer", NULL);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.no-answer", NULL);
  g_assert_false (pursuit_prospect_page_get_let_go_shown (page));

  /* The policy changes under the open page: a $1,000 deal is worth 2. */
  policy.limit_mode = PURSUIT_LIMIT_VALUE;
  pursuit_store_set_policy (f->store, &policy);
  g_assert_true (pursuit_prospect_page_get_let_go_shown (page));
  g_assert_cmpstr (pursuit_prospect_page_get_text (page, "let-go"), ==,
                   "2 unanswered attempts; a $1,000 deal is worth 2 at $20 per touch; the next is worth ≈ $17, costs $20");
}

static void
test_edit_delete_undo (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PursuitProspect) prospect = add_prospect (f->store, "Ed Edit", PURSUIT_STAGE_ACTIVE,
                                                      PURSUIT_TIER_GOOD);
  PursuitProspectPage *page = pursuit_prospect_page_new (NULL, f->store, prospect);
  g_autoptr(PursuitTouch) newest = NULL;
  g_autoptr(PursuitTouch) oldest = NULL;
  g_autoptr(PursuitStore) reopened = NULL;
  g_autoptr(GError) error = NULL;
  PursuitTouchDialog *dialog;
  gint64 id;

  pursuit_test_show_and_wait (GTK_WINDOW (page), 200);
  for (guint i = 0; i < 3; i++)
    gtk_widget_activate_action (GTK_WIDGET (page), "page.no-answer", NULL);
  g_assert_cmpuint (pursuit_prospect_get_attempts (prospect), ==, 3);

  /* Delete the newest, then undo. */
  newest = g_list_model_get_item (pursuit_prospect_page_get_touches (page), 0);
  id = pursuit_touch_get_id (newest);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.delete-touch", "x", id);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_prospect_page_get_touches (page)), ==, 2);
  g_assert_cmpuint (pursuit_prospect_get_attempts (prospect), ==, 2);
  g_assert_cmpint (pursuit_prospect_get_next_channel (prospect), ==, PURSUIT_CHANNEL_CALL);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.undo", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_prospect_page_get_touches (page)), ==, 3);
  g_assert_cmpuint (pursuit_prospect_get_attempts (prospect), ==, 3);
  g_assert_cmpint (pursuit_prospect_get_next_channel (prospect), ==, PURSUIT_CHANNEL_EMAIL);

  /* Edit the oldest into a reply: one attempt since. */
  oldest = g_list_model_get_item (pursuit_prospect_page_get_touches (page), 2);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.edit-touch", "x", pursuit_touch_get_id (oldest));
  dialog = NULL;
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);
        if (PURSUIT_IS_TOUCH_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
          dialog = PURSUIT_TOUCH_DIALOG (toplevel);
      }
  }
  g_assert_nonnull (dialog);
  g_assert_cmpint (pursuit_touch_dialog_get_channel (dialog), ==, PURSUIT_CHANNEL_CALL);
  pursuit_touch_dialog_set_outcome (dialog, PURSUIT_OUTCOME_REPLIED);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "touch.save", NULL));
  g_assert_cmpuint (pursuit_prospect_get_attempts (prospect), ==, 2);

  reopened = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pursuit_prospect_get_attempts (pursuit_store_find (reopened, pursuit_prospect_get_id (prospect))),
                    ==, 2);
  g_clear_object (&reopened);

  gtk_widget_activate_action (GTK_WIDGET (page), "page.undo", NULL);
  g_assert_cmpuint (pursuit_prospect_get_attempts (prospect), ==, 3);
  reopened = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pursuit_prospect_get_attempts (pursuit_store_find (reopened, pursuit_prospect_get_id (prospect))),
                    ==, 3);
}

static void
test_text_is_not_markup (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PursuitProspect) prospect = add_prospect (f->store, "<i>Al</i> & <Bo>", PURSUIT_STAGE_INBOX,
                                                      PURSUIT_TIER_NONE);
  PursuitProspectPage *page = pursuit_prospect_page_new (NULL, f->store, prospect);

  pursuit_test_show_and_wait (GTK_WINDOW (page), 200);
  g_assert_true (shows_label (GTK_WIDGET (page), "<i>Al</i> & <Bo>"));
  g_assert_true (shows_label (GTK_WIDGET (page), "Acme & <Sons>"));
}

static void
test_card_opens_page (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PursuitProspect) prospect = add_prospect (f->store, "Paula Page", PURSUIT_STAGE_ACTIVE,
                                                      PURSUIT_TIER_HOT);
  PursuitWindow *window = pursuit_window_new (NULL, f->store, NULL);
  GtkWidget *board = pursuit_window_get_board (window);

  pursuit_test_show_and_wait (GTK_WINDOW (window), 200);
  g_assert_false (has_toplevel_of_type (PURSUIT_TYPE_PROSPECT_PAGE));
  g_signal_emit_by_name (board, "edit-prospect", prospect);
  g_assert_true (has_toplevel_of_type (PURSUIT_TYPE_PROSPECT_PAGE));

  /* Once per prospect. */
  g_signal_emit_by_name (board, "edit-prospect", prospect);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    guint pages = 0;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);
        pages += PURSUIT_IS_PROSPECT_PAGE (toplevel);
      }
    g_assert_cmpuint (pages, ==, 1);
  }

  /* The window's actions by prospect id, for menus and notifications. */
  g_assert_false (has_toplevel_of_type (PURSUIT_TYPE_TOUCH_DIALOG));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.log-touch", "x", pursuit_prospect_get_id (prospect));
  g_assert_true (has_toplevel_of_type (PURSUIT_TYPE_TOUCH_DIALOG));

  /* Deleting the prospect closes its page. */
  g_assert_true (pursuit_store_remove (f->store, prospect, NULL));
  pursuit_test_wait (50);
  g_assert_false (has_toplevel_of_type (PURSUIT_TYPE_PROSPECT_PAGE));
}

static void
test_preferences_follow (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  PursuitPreferencesWindow *window;
  const PursuitPolicy *policy = pursuit_store_get_policy (f->store);
  g_autofree char *mode = NULL;

  pursuit_settings_follow (settings, f->store);
  window = pursuit_preferences_window_new (NULL, settings);
  pursuit_test_show_and_wait (GTK_WINDOW (window), 200);

  g_assert_cmpfloat (gtk_spin_button_get_value (pursuit_preferences_window_get_spin (window, "cadence-good")), ==, 7);
  gtk_spin_button_set_value (pursuit_preferences_window_get_spin (window, "cadence-good"), 10);
  g_assert_cmpuint (g_settings_get_uint (settings, "cadence-good"), ==, 10);
  g_assert_cmpuint (policy->cadence.days[PURSUIT_TIER_GOOD], ==, 10);

  gtk_spin_button_set_value (pursuit_preferences_window_get_spin (window, "fixed-limit"), 5);
  g_assert_cmpuint (policy->fixed_limit, ==, 5);

  g_assert_cmpfloat (gtk_spin_button_get_value (pursuit_preferences_window_get_spin (window, "win-rate-per-attempt")),
                     ==, 5);
  gtk_spin_button_set_value (pursuit_preferences_window_get_spin (window, "win-rate-per-attempt"), 10);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "win-rate-per-attempt"), 0.1, 1e-9);
  g_assert_cmpfloat_with_epsilon (policy->win_rate, 0.1, 1e-9);

  g_assert_cmpint (policy->limit_mode, ==, PURSUIT_LIMIT_FIXED);
  adw_combo_row_set_selected (pursuit_preferences_window_get_limit_mode_row (window), 1);
  mode = g_settings_get_string (settings, "limit-mode");
  g_assert_cmpstr (mode, ==, "value-based");
  g_assert_cmpint (policy->limit_mode, ==, PURSUIT_LIMIT_VALUE);

  /* And the other way: a key changed elsewhere shows at once. */
  g_settings_set_uint (settings, "revisit-months", 9);
  g_assert_cmpfloat (gtk_spin_button_get_value (pursuit_preferences_window_get_spin (window, "revisit-months")), ==, 9);
  g_assert_cmpuint (policy->revisit_months, ==, 9);

  /* The memory backend lives as long as the process. */
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "cadence-good");
  g_settings_reset (settings, "fixed-limit");
  g_settings_reset (settings, "win-rate-per-attempt");
  g_settings_reset (settings, "limit-mode");
  g_settings_reset (settings, "revisit-months");
}

static void
test_application_preferences (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(PursuitApplication) app = pursuit_application_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) accels = NULL;
  PursuitWindow *window;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  window = pursuit_window_new (GTK_APPLICATION (app), f->store, NULL);
  pursuit_test_show_and_wait (GTK_WINDOW (window), 200);

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.preferences");
  g_assert_cmpstr (accels[0], ==, "<Control>comma");
  g_assert_false (has_toplevel_of_type (PURSUIT_TYPE_PREFERENCES_WINDOW));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_assert_true (has_toplevel_of_type (PURSUIT_TYPE_PREFERENCES_WINDOW));
  pursuit_test_destroy_windows ();
}

/* Changing a cadence in Preferences plans the follow-ups it planned
 * again, and the toast's Undo puts the cadence and the follow-ups back,
 * on disk. The working week and the daily maximum are there too. */
static void
test_preferences_cadence_undo (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(PursuitProspect) prospect = add_prospect (f->store, "Gil Good", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD);
  g_autoptr(GDateTime) two_days_ago = days_from_now (-2);
  g_autoptr(PursuitTouch) touch = pursuit_touch_new (pursuit_prospect_get_id (prospect), two_days_ago,
                                                     PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT,
                                                     PURSUIT_OUTCOME_NO_ANSWER);
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GDateTime) expected = NULL;
  g_autoptr(PursuitStore) reopened = NULL;
  g_autoptr(GVariant) days = NULL;
  g_autoptr(GError) error = NULL;
  PursuitPreferencesWindow *window;
  const PursuitPolicy *policy = pursuit_store_get_policy (f->store);
  gint64 id = pursuit_prospect_get_id (prospect);

  pursuit_settings_follow (settings, f->store);
  g_assert_true (pursuit_store_record_touch (f->store, touch, &error));
  g_assert_no_error (error);
  before = g_date_time_ref (pursuit_prospect_get_next_touch (prospect));
  window = pursuit_preferences_window_new (NULL, settings);
  pursuit_test_show_and_wait (GTK_WINDOW (window), 200);

  gtk_spin_button_set_value (pursuit_preferences_window_get_spin (window, "cadence-good"), 3);
  g_assert_cmpuint (policy->cadence.days[PURSUIT_TIER_GOOD], ==, 3);
  expected = pursuit_policy_due_after_touch (policy, PURSUIT_TIER_GOOD, FALSE, pursuit_touch_get_happened_at (touch));
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (prospect), expected));
  reopened = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (pursuit_store_find (reopened, id)), expected));
  g_clear_object (&reopened);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "prefs.undo-cadence", NULL));
  g_assert_cmpuint (g_settings_get_uint (settings, "cadence-good"), ==, 7);
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (prospect), before));
  reopened = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (pursuit_store_find (reopened, id)), before));

  /* The daily maximum that Spread uses, and the working week. */
  gtk_spin_button_set_value (pursuit_preferences_window_get_spin (window, "max-touches-per-day"), 12);
  g_assert_cmpuint (policy->max_per_day, ==, 12);
  g_assert_false (gtk_toggle_button_get_active (pursuit_preferences_window_get_work_day (window, 6)));
  g_assert_cmpuint (policy->work_days, ==, PURSUIT_WORK_DAYS_WEEKDAYS);
  g_assert_cmpint (policy->work_start, ==, 9 * 60);
  gtk_toggle_button_set_active (pursuit_preferences_window_get_work_day (window, 6), TRUE);
  days = g_settings_get_value (settings, "working-days");
  g_assert_cmpuint (g_variant_n_children (days), ==, 6);
  g_assert_cmpuint (policy->work_days, ==, PURSUIT_WORK_DAYS_WEEKDAYS | PURSUIT_WORK_DAY_BIT (6));

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "cadence-good");
  g_settings_reset (settings, "max-touches-per-day");
  g_settings_reset (settings, "working-days");
  g_settings_reset (settings, "work-start");
}

int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: it hides the MIME database that SVG
   * icons need (see test-window.c). */
  g_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/prospect-page/log-each-outcome", test_log_each_outcome);
  ADD ("/ui/prospect-page/future-touch-refused", test_future_touch_refused);
  ADD ("/ui/prospect-page/no-answer-one-click", test_no_answer_one_click);
  ADD ("/ui/prospect-page/let-go-flag", test_let_go_flag);
  ADD ("/ui/prospect-page/value-based-flag", test_value_based_flag);
  ADD ("/ui/prospect-page/edit-delete-undo", test_edit_delete_undo);
  ADD ("/ui/prospect-page/text-is-not-markup", test_text_is_not_markup);
  ADD ("/ui/prospect-page/card-opens-page", test_card_opens_page);
  ADD ("/ui/prospect-page/do-not-contact", test_do_not_contact);
  ADD ("/ui/preferences/follow", test_preferences_follow);
  ADD ("/ui/preferences/cadence-undo", test_preferences_cadence_undo);
  ADD ("/ui/preferences/application-action", test_application_preferences);
#undef ADD

  return g_test_run ();
}
