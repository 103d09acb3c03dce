/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "pursuit-board.h"
#include "pursuit-format.h"
#include "pursuit-insights.h"
#include "pursuit-let-go-dialog.h"
#include "pursuit-merge-dialog.h"
#include "pursuit-prospect-dialog.h"
#include "pursuit-store-touches.h"
#include "pursuit-prospect-card.h"
#include "pursuit-store-trash.h"
#include "pursuit-store.h"
#include "pursuit-window.h"
#include "test-util.h"

/* The board in a real window on a real store: every move is checked in
 * the objects and in the database read back from disk, and undone. */

typedef struct
{
  char            *dir;
  char            *path;
  PursuitStore    *store;
  PursuitWindow   *window;
  PursuitBoard    *board;
  PursuitProspect *jane;
  PursuitProspect *john;
} Fixture;

static PursuitProspect *
add (Fixture      *f,
     const char   *name,
     const char   *company,
     double        value,
     PursuitStage  stage,
     PursuitTier   tier)
{
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new (name);
  g_autoptr(GError) error = NULL;

  pursuit_prospect_set_company (prospect, company);
  pursuit_prospect_set_value (prospect, value);
  pursuit_prospect_set_stage (prospect, stage);
  pursuit_prospect_set_tier (prospect, tier);
  pursuit_store_add (f->store, prospect, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&prospect);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pursuit-board-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);

  f->jane = add (f, "Jane Doe", "Acme", 1000, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT);
  f->john = add (f, "John Roe", "Globex", 2000, PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE);

  f->window = pursuit_window_new (NULL, f->store, NULL);
  f->board = PURSUIT_BOARD (pursuit_window_get_board (f->window));
  /* The window opens on Today. */
  pursuit_window_show_page (f->window, "board");
  gtk_window_present (GTK_WINDOW (f->window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->window)))
    g_main_context_iteration (NULL, TRUE);
  pursuit_test_wait (200);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pursuit_test_destroy_windows ();
  g_clear_object (&f->jane);
  g_clear_object (&f->john);
  g_clear_object (&f->store);
  pursuit_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* The prospect as the database holds it, read by a second connection. */
static PursuitProspect *
on_disk (Fixture         *f,
         PursuitProspect *prospect)
{
  g_autoptr(PursuitStore) other = NULL;
  g_autoptr(GError) error = NULL;
  PursuitProspect *found;

  other = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  found = pursuit_store_find (other, pursuit_prospect_get_id (prospect));
  return found != NULL ? g_object_ref (found) : NULL;
}

static int
days_from_now (GDateTime *when)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) local = g_date_time_to_local (when);
  GDate a, b;

  g_date_set_dmy (&a, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  g_date_set_dmy (&b, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  return g_date_days_between (&a, &b);
}

static PursuitProspectCard *
find_card (GtkWidget       *widget,
           PursuitProspect *prospect)
{
  if (PURSUIT_IS_PROSPECT_CARD (widget)
      && pursuit_prospect_card_get_prospect (PURSUIT_PROSPECT_CARD (widget)) == prospect)
    return PURSUIT_PROSPECT_CARD (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      PursuitProspectCard *card = find_card (child, prospect);
      if (card != NULL)
        return card;
    }
  return NULL;
}

/* Runs the shortcut of the board's class bound to @key with @mods, as a
 * key press on the focused row would. */
static void
press_shortcut (Fixture         *f,
                guint            key,
                GdkModifierType  mods)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->board));
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (key, mods);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                           GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                           GTK_WIDGET (f->board),
                                                           gtk_shortcut_get_arguments (shortcut)));
              return;
            }
        }
    }
  g_assert_not_reached ();
}

static void
focus_card_of (Fixture         *f,
               PursuitProspect *prospect)
{
  PursuitProspectCard *card = find_card (GTK_WIDGET (f->board), prospect);

  g_assert_nonnull (card);
  /* The row, the card's parent, takes the focus in GTK 4.8. */
  g_assert_true (gtk_widget_grab_focus (gtk_widget_get_parent (GTK_WIDGET (card))));
}

static void
undo (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.undo", NULL));
}

/* The checks every way of moving shares: Jane goes from Hot to Good. */
static void
assert_jane_moved_to_good (Fixture *f)
{
  g_autoptr(PursuitProspect) disk = on_disk (f, f->jane);
  PursuitStageColumn *good = pursuit_board_get_column (f->board, 2);

  g_assert_cmpint (pursuit_prospect_get_tier (f->jane), ==, PURSUIT_TIER_GOOD);
  g_assert_cmpint (days_from_now (pursuit_prospect_get_next_touch (f->jane)), ==, 7);
  g_assert_cmpint (pursuit_prospect_get_tier (disk), ==, PURSUIT_TIER_GOOD);
  g_assert_cmpint (days_from_now (pursuit_prospect_get_next_touch (disk)), ==, 7);
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (good), ==, 1);
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (pursuit_board_get_column (f->board, 1)), ==, 0);
}

static void
assert_jane_back_in_hot (Fixture   *f,
                         GDateTime *next_before)
{
  g_autoptr(PursuitProspect) disk = on_disk (f, f->jane);

  g_assert_cmpint (pursuit_prospect_get_stage (f->jane), ==, PURSUIT_STAGE_ACTIVE);
  g_assert_cmpint (pursuit_prospect_get_tier (f->jane), ==, PURSUIT_TIER_HOT);
  /* Hot is due at once: no date, or one not later than today. */
  g_assert_true (pursuit_prospect_get_next_touch (f->jane) == next_before
                 || (pursuit_prospect_get_next_touch (f->jane) != NULL && next_before != NULL
                     && g_date_time_equal (pursuit_prospect_get_next_touch (f->jane), next_before))
                 || (next_before == NULL && days_from_now (pursuit_prospect_get_next_touch (f->jane)) <= 0));
  g_assert_cmpint (pursuit_prospect_get_tier (disk), ==, PURSUIT_TIER_HOT);
  g_assert_true (pursuit_prospect_get_next_touch (disk) == NULL
                 || days_from_now (pursuit_prospect_get_next_touch (disk)) <= 0);
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (pursuit_board_get_column (f->board, 1)), ==, 1);
}

static void
test_move_by_drop (Fixture       *f,
                   gconstpointer  data)
{
  PursuitStageColumn *good = pursuit_board_get_column (f->board, 2);

  g_assert_true (pursuit_stage_column_drop (good, f->jane));
  assert_jane_moved_to_good (f);
  undo (f);
  assert_jane_back_in_hot (f, NULL);
}

static void
test_move_by_menu (Fixture       *f,
                   gconstpointer  data)
{
  PursuitProspectCard *card = find_card (GTK_WIDGET (f->board), f->jane);

  g_assert_nonnull (card);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.move", "(ii)",
                                             PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD));
  assert_jane_moved_to_good (f);
  undo (f);
  assert_jane_back_in_hot (f, NULL);
}

static void
test_move_by_shortcut (Fixture       *f,
                       gconstpointer  data)
{
  focus_card_of (f, f->jane);
  press_shortcut (f, GDK_KEY_2, GDK_ALT_MASK);
  assert_jane_moved_to_good (f);
  undo (f);
  assert_jane_back_in_hot (f, NULL);

  /* Alt+0 takes John nowhere new; Alt+1 makes him hot, due today. */
  pursuit_test_wait (200);
  focus_card_of (f, f->john);
  press_shortcut (f, GDK_KEY_1, GDK_ALT_MASK);
  g_assert_cmpint (pursuit_prospect_get_tier (f->john), ==, PURSUIT_TIER_HOT);
  g_assert_cmpint (days_from_now (pursuit_prospect_get_next_touch (f->john)), ==, 0);
}

static void
test_callback_date_is_kept (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(PursuitProspect) draft = pursuit_prospect_dup (f->jane);
  g_autoptr(GDateTime) callback = g_date_time_new_local (2031, 3, 14, 15, 0, 0);
  g_autoptr(PursuitProspect) disk = NULL;

  pursuit_prospect_set_callback_at (draft, callback);
  g_assert_true (pursuit_store_update (f->store, f->jane, draft, NULL));

  g_assert_true (pursuit_stage_column_drop (pursuit_board_get_column (f->board, 4), f->jane));
  g_assert_cmpint (pursuit_prospect_get_tier (f->jane), ==, PURSUIT_TIER_COLD);
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (f->jane), callback));
  disk = on_disk (f, f->jane);
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (disk), callback));
}

static void
test_won (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(PursuitProspect) disk = NULL;
  PursuitStageColumn *customers = pursuit_board_get_customers (f->board);

  g_assert_true (pursuit_board_drop_won (f->board, f->jane));
  disk = on_disk (f, f->jane);
  g_assert_cmpint (pursuit_prospect_get_stage (f->jane), ==, PURSUIT_STAGE_CUSTOMER);
  g_assert_cmpint (pursuit_prospect_get_stage (disk), ==, PURSUIT_STAGE_CUSTOMER);
  g_assert_cmpint (pursuit_prospect_get_tier (disk), ==, PURSUIT_TIER_NONE);
  g_assert_cmpint (days_from_now (pursuit_prospect_get_next_touch (disk)), ==, 90);
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (customers), ==, 1);

  undo (f);
  assert_jane_back_in_hot (f, NULL);
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (customers), ==, 0);
}

static void
confirm_let_go (Fixture    *f,
                const char *reason,
                GDateTime  *revisit)
{
  PursuitLetGoDialog *dialog = PURSUIT_LET_GO_DIALOG (pursuit_board_get_let_go_dialog (f->board));

  g_assert_nonnull (dialog);
  pursuit_let_go_dialog_set_reason (dialog, reason);
  if (revisit != NULL)
    pursuit_let_go_dialog_set_revisit (dialog, revisit);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.confirm", NULL));
  g_assert_null (pursuit_board_get_let_go_dialog (f->board));
}

/* Whether the Closed column shows a card for Jane. */
static gboolean
closed_shows_jane (gpointer data)
{
  Fixture *f = data;

  return find_card (GTK_WIDGET (pursuit_board_get_closed (f->board)), f->jane) != NULL;
}

static void
test_let_go (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GDateTime) revisit = g_date_time_new_local (2027, 6, 1, 9, 0, 0);
  g_autoptr(PursuitProspect) disk = NULL;
  g_autoptr(PursuitProspect) disk_john = NULL;
  PursuitProspectCard *card;

  /* The default revisit date is six months out. */
  g_assert_true (pursuit_board_drop_let_go (f->board, f->jane));
  g_assert_cmpint (pursuit_prospect_get_stage (f->jane), ==, PURSUIT_STAGE_ACTIVE);
  {
    GDateTime *proposed = pursuit_let_go_dialog_get_revisit (
      PURSUIT_LET_GO_DIALOG (pursuit_board_get_let_go_dialog (f->board)));
    g_assert_cmpint (days_from_now (proposed), >=, 180);
    g_assert_cmpint (days_from_now (proposed), <=, 185);
  }
  confirm_let_go (f, PURSUIT_CLOSE_REASON_NOT_SERIOUS, revisit);

  disk = on_disk (f, f->jane);
  g_assert_cmpint (pursuit_prospect_get_stage (disk), ==, PURSUIT_STAGE_CLOSED);
  g_assert_cmpstr (pursuit_prospect_get_close_reason (disk), ==, "not-serious");
  g_assert_true (g_date_time_equal (pursuit_prospect_get_revisit_at (disk), revisit));
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (pursuit_board_get_closed (f->board)), ==, 1);

  /* The Closed page shows why and when. */
  pursuit_test_wait_until (closed_shows_jane, f, 5000);
  card = find_card (GTK_WIDGET (pursuit_board_get_closed (f->board)), f->jane);
  g_assert_nonnull (card);
  g_assert_cmpstr (pursuit_prospect_card_get_text (card, "status"), ==,
                   "Not a fit: not serious · revisit 1 June 2027");

  /* A firm no has no revisit date, whatever the dialog proposed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.let-go", "x",
                                             pursuit_prospect_get_id (f->john)));
  confirm_let_go (f, PURSUIT_CLOSE_REASON_FIRM_NO, NULL);
  disk_john = on_disk (f, f->john);
  g_assert_cmpstr (pursuit_prospect_get_close_reason (disk_john), ==, "firm-no");
  g_assert_null (pursuit_prospect_get_revisit_at (disk_john));
  /* A firm no: not contacted again. */
  g_assert_true (pursuit_prospect_get_do_not_contact (disk_john));

  undo (f);
  g_assert_cmpint (pursuit_prospect_get_stage (f->john), ==, PURSUIT_STAGE_INBOX);
  g_assert_cmpstr (pursuit_prospect_get_close_reason (f->john), ==, "");
  g_clear_object (&disk_john);
  disk_john = on_disk (f, f->john);
  g_assert_false (pursuit_prospect_get_do_not_contact (disk_john));

  /* The dialog offers "Asked not to be contacted", which has no revisit
   * date either and puts John on the do-not-contact list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.let-go", "x",
                                             pursuit_prospect_get_id (f->john)));
  {
    PursuitLetGoDialog *dialog = PURSUIT_LET_GO_DIALOG (pursuit_board_get_let_go_dialog (f->board));

    pursuit_let_go_dialog_set_reason (dialog, PURSUIT_CLOSE_REASON_DO_NOT_CONTACT);
    g_assert_cmpstr (pursuit_let_go_dialog_get_reason (dialog), ==, PURSUIT_CLOSE_REASON_DO_NOT_CONTACT);
    g_assert_null (pursuit_let_go_dialog_get_revisit (dialog));
  }
  confirm_let_go (f, PURSUIT_CLOSE_REASON_DO_NOT_CONTACT, NULL);
  g_clear_object (&disk_john);
  disk_john = on_disk (f, f->john);
  g_assert_cmpstr (pursuit_prospect_get_close_reason (disk_john), ==, "do-not-contact");
  g_assert_true (pursuit_prospect_get_do_not_contact (disk_john));
  g_assert_null (pursuit_prospect_get_revisit_at (disk_john));
}

static void
test_delete_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  gint64 id = pursuit_prospect_get_id (f->jane);
  g_autoptr(PursuitTouch) touch = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 11, 2, 10, 0, 0);
  g_autoptr(GListModel) touches = NULL;
  g_autoptr(PursuitProspect) disk = NULL;
  PursuitProspect *restored;

  touch = pursuit_touch_new (id, when, PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT, PURSUIT_OUTCOME_NO_ANSWER);
  g_assert_true (pursuit_store_add_touch (f->store, touch, NULL));

  focus_card_of (f, f->jane);
  press_shortcut (f, GDK_KEY_Delete, 0);
  g_assert_null (pursuit_store_find (f->store, id));
  disk = on_disk (f, f->jane);
  g_assert_null (disk);

  undo (f);
  restored = pursuit_store_find (f->store, id);
  g_assert_nonnull (restored);
  g_assert_cmpstr (pursuit_prospect_get_name (restored), ==, "Jane Doe");
  g_assert_cmpint (pursuit_prospect_get_tier (restored), ==, PURSUIT_TIER_HOT);
  touches = pursuit_store_list_touches (f->store, restored, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (touches), ==, 1);
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (pursuit_board_get_column (f->board, 1)), ==, 1);
}

static void
test_search_filters_every_column (Fixture       *f,
                                  gconstpointer  data)
{
  PursuitStageColumn *inbox = pursuit_board_get_column (f->board, 0);
  PursuitStageColumn *hot = pursuit_board_get_column (f->board, 1);

  pursuit_board_set_search (f->board, "GLOBEX");
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (inbox), ==, 1);
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (hot), ==, 0);

  pursuit_board_set_search (f->board, "nobody by that name");
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (inbox), ==, 0);
  g_assert_false (pursuit_board_is_empty (f->board));

  /* Ctrl+F opens the search; Escape (stop-search) clears it. */
  press_shortcut (f, GDK_KEY_f, GDK_CONTROL_MASK);
  g_signal_emit_by_name (gtk_widget_get_ancestor (gtk_window_get_focus (GTK_WINDOW (f->window)),
                                                 GTK_TYPE_SEARCH_ENTRY), "stop-search");
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (inbox), ==, 1);
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (hot), ==, 1);
}

static void
test_column_header_and_order (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(PursuitProspect) later = add (f, "Zed Later", "Initech", 500, PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE);
  PursuitStageColumn *hot = pursuit_board_get_column (f->board, 1);
  GListModel *shown = pursuit_stage_column_get_shown_model (hot);
  g_autoptr(PursuitProspect) first = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autoptr(PursuitProspect) draft = NULL;

  g_assert_cmpstr (pursuit_stage_column_get_summary (pursuit_board_get_column (f->board, 0)), ==,
                   "2 · $2,500");
  g_assert_cmpstr (pursuit_stage_column_get_title (hot), ==, "Hot");

  /* Zed becomes hot today; Jane, overdue since yesterday, stays first. */
  g_assert_true (pursuit_store_move (f->store, later, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT, now, NULL));
  draft = pursuit_prospect_dup (f->jane);
  pursuit_prospect_set_next_touch (draft, yesterday);
  g_assert_true (pursuit_store_update (f->store, f->jane, draft, NULL));
  first = g_list_model_get_item (shown, 0);
  g_assert_true (first == f->jane);
  g_assert_cmpstr (pursuit_stage_column_get_summary (hot), ==, "2 · $1,500");
}

/* The board's order: soonest next touch first, none last, by name. */
static int
compare_shown (PursuitProspect *a,
               PursuitProspect *b)
{
  GDateTime *da = pursuit_prospect_get_next_touch (a);
  GDateTime *db = pursuit_prospect_get_next_touch (b);

  if (da != NULL && db != NULL)
    return g_date_time_compare (da, db);
  if (da != NULL || db != NULL)
    return (da == NULL) - (db == NULL);
  return g_utf8_collate (pursuit_prospect_get_name (a), pursuit_prospect_get_name (b));
}

/* What a column shows against a full count of its shown model: the
 * count, the total (summed afresh, in cents when every value is whole
 * cents), and the order. When there is no search, the column shows
 * exactly the store's model. */
static void
assert_column_agrees (Fixture            *f,
                      PursuitStageColumn *column,
                      gboolean            searching)
{
  GListModel *shown = pursuit_stage_column_get_shown_model (column);
  GListModel *source = pursuit_store_get_model (f->store, pursuit_stage_column_get_stage (column),
                                                pursuit_stage_column_get_tier (column));
  g_autofree char *currency = pursuit_format_dup_currency ();
  g_autofree char *total_text = NULL;
  g_autofree char *expected = NULL;
  guint n = g_list_model_get_n_items (shown);
  gboolean whole_cents = TRUE;
  gint64 cents = 0;
  double total = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PursuitProspect) p = g_list_model_get_item (shown, i);
      double value = pursuit_prospect_get_value (p);

      g_assert_cmpint (pursuit_prospect_get_stage (p), ==, pursuit_stage_column_get_stage (column));
      g_assert_cmpint (pursuit_prospect_get_tier (p), ==, pursuit_stage_column_get_tier (column));
      g_assert_true (pursuit_store_find (f->store, pursuit_prospect_get_id (p)) == p);
      if (i > 0)
        {
          g_autoptr(PursuitProspect) before = g_list_model_get_item (shown, i - 1);
          g_assert_cmpint (compare_shown (before, p), <=, 0);
        }
      if (!pursuit_prospect_has_value (p))
        continue;
      total += value;
      cents += (gint64) round (value * 100);
      whole_cents = whole_cents && round (value * 100) / 100 == value;
    }
  if (whole_cents)
    total = cents / 100.0;
  total_text = pursuit_format_value (total, currency);
  expected = total > 0 ? g_strdup_printf ("%u · %s", n, total_text) : g_strdup_printf ("%u", n);

  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (column), ==, n);
  g_assert_cmpstr (pursuit_stage_column_get_summary (column), ==, expected);
  if (!searching)
    g_assert_cmpuint (g_list_model_get_n_items (source), ==, n);
}

static void
assert_columns_agree (Fixture  *f,
                      gboolean  searching)
{
  for (guint i = 0; i < PURSUIT_BOARD_N_COLUMNS; i++)
    assert_column_agrees (f, pursuit_board_get_column (f->board, i), searching);
  assert_column_agrees (f, pursuit_board_get_customers (f->board), searching);
  assert_column_agrees (f, pursuit_board_get_closed (f->board), searching);
}

static void
set_value (Fixture         *f,
           PursuitProspect *prospect,
           double           value)
{
  g_autoptr(PursuitProspect) draft = pursuit_prospect_dup (prospect);
  g_autoptr(GError) error = NULL;

  pursuit_prospect_set_value (draft, value);
  g_assert_true (pursuit_store_update (f->store, prospect, draft, &error));
  g_assert_no_error (error);
}

/* The column headers keep a running count and total: after hundreds of
 * moves, value edits, next-touch edits, deletes and undos, with and
 * without a search, each says what a full count of its prospects says,
 * to the cent, and each column is still in order. */
static void
test_column_totals_stay_exact (Fixture       *f,
                               gconstpointer  data)
{
  static const double values[] = { -1, 0, 0.01, 0.1, 0.2, 0.3, 19.99, 1234.56, 99999.99, 2000 };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %02u", i % 2 ? "Alpha" : "Beta", i);
      PursuitStage stage = i % 3 == 0 ? PURSUIT_STAGE_INBOX : PURSUIT_STAGE_ACTIVE;
      PursuitTier tier = stage == PURSUIT_STAGE_ACTIVE ? 1 + i % 4 : PURSUIT_TIER_NONE;
      g_autoptr(PursuitProspect) p = add (f, name, "Initech", values[i % G_N_ELEMENTS (values)], stage, tier);
      gint64 id = pursuit_prospect_get_id (p);

      g_array_append_val (ids, id);
    }
  assert_columns_agree (f, FALSE);

  for (guint step = 0; step < 600; step++)
    {
      gint64 id = g_array_index (ids, gint64, g_rand_int_range (rand, 0, ids->len));
      PursuitProspect *p = pursuit_store_find (f->store, id);
      gboolean searching = step >= 300 && step < 450;
      int what = g_rand_int_range (rand, 0, 13);

      if (step == 300)
        pursuit_board_set_search (f->board, "alpha");
      else if (step == 450)
        pursuit_board_set_search (f->board, NULL);
      else if (step == 500 && pursuit_store_find (f->store, g_array_index (ids, gint64, 1)) != NULL)
        /* A value that is not a whole number of cents: summed as it is. */
        set_value (f, pursuit_store_find (f->store, g_array_index (ids, gint64, 1)), 0.0625);

      /* Deleted, and not (yet) undone. */
      if (p == NULL)
        what = 12;

      if (what < 4)
        pursuit_stage_column_drop (pursuit_board_get_column (f->board, g_rand_int_range (rand, 0, PURSUIT_BOARD_N_COLUMNS)),
                                  p);
      else if (what == 4)
        pursuit_board_drop_won (f->board, p);
      else if (what < 7)
        set_value (f, p, values[g_rand_int_range (rand, 0, G_N_ELEMENTS (values))]);
      else if (what == 7)
        {
          g_autoptr(PursuitProspect) draft = pursuit_prospect_dup (p);
          g_autoptr(GDateTime) when = g_date_time_add_days (now, g_rand_int_range (rand, -20, 20));

          pursuit_prospect_set_next_touch (draft, g_rand_int_range (rand, 0, 4) == 0 ? NULL : when);
          g_assert_true (pursuit_store_update (f->store, p, draft, NULL));
        }
      else if (what == 8)
        {
          /* Without a next touch, the name decides the order. */
          g_autoptr(PursuitProspect) draft = pursuit_prospect_dup (p);
          g_autofree char *name = g_strdup_printf ("%s %03d", g_rand_boolean (rand) ? "Alpha" : "Beta",
                                                   g_rand_int_range (rand, 0, 1000));

          pursuit_prospect_set_name (draft, name);
          g_assert_true (pursuit_store_update (f->store, p, draft, NULL));
        }
      else if (what == 9)
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.delete", "x", id));
      else
        undo (f);
      assert_columns_agree (f, searching);
    }
}

static void
test_drag_and_drop_types (Fixture       *f,
                          gconstpointer  data)
{
  PursuitProspectCard *card = find_card (GTK_WIDGET (f->board), f->jane);
  g_autoptr(GListModel) card_controllers = gtk_widget_observe_controllers (GTK_WIDGET (card));
  g_autoptr(GListModel) column_controllers =
    gtk_widget_observe_controllers (GTK_WIDGET (pursuit_board_get_column (f->board, 2)));
  gboolean found_source = FALSE;
  gboolean found_target = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (card_controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (card_controllers, i);
      if (GTK_IS_DRAG_SOURCE (controller))
        {
          /* MOVE, or a target that takes only MOVE never gets the drop. */
          g_assert_cmpint (gtk_drag_source_get_actions (GTK_DRAG_SOURCE (controller)), ==, GDK_ACTION_MOVE);
          found_source = TRUE;
        }
    }
  for (guint i = 0; i < g_list_model_get_n_items (column_controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (column_controllers, i);
      if (GTK_IS_DROP_TARGET (controller))
        {
          gsize n_types = 0;
          const GType *types = gtk_drop_target_get_gtypes (GTK_DROP_TARGET (controller), &n_types);

          /* Only a prospect, never text from another application. */
          g_assert_cmpuint (n_types, ==, 1);
          g_assert_true (types[0] == PURSUIT_TYPE_PROSPECT);
          g_assert_cmpint (gtk_drop_target_get_actions (GTK_DROP_TARGET (controller)), ==, GDK_ACTION_MOVE);
          found_target = TRUE;
        }
    }
  g_assert_true (found_source);
  g_assert_true (found_target);
}

static void
test_card_shows_streak_against_limit (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(PursuitProspect) draft = pursuit_prospect_dup (f->jane);
  PursuitProspectCard *card;
  PursuitPolicy policy;

  pursuit_prospect_set_attempts (draft, 4);
  g_assert_true (pursuit_store_update (f->store, f->jane, draft, NULL));
  card = find_card (GTK_WIDGET (f->board), f->jane);
  g_assert_cmpstr (pursuit_prospect_card_get_text (card, "status"), ==, "4 of 7 attempts");
  g_assert_false (pursuit_prospect_card_get_at_limit (card));

  /* Value-based: a $1,000 deal at 5% and 20 a touch is worth 2. */
  pursuit_policy_init_default (&policy);
  policy.limit_mode = PURSUIT_LIMIT_VALUE;
  pursuit_store_set_policy (f->store, &policy);
  g_assert_cmpstr (pursuit_prospect_card_get_text (card, "status"), ==, "2 attempts past the limit of 2 · time to let go?");
  g_assert_true (pursuit_prospect_card_get_at_limit (card));

  /* Learned from 20 closed prospects: the card says what the limit rests
   * on. The prior alone gives the value-based limit, 2 for $1,000. */
  policy.limit_mode = PURSUIT_LIMIT_LEARNED;
  pursuit_learned_curve_init_prior (&policy.learned, policy.win_rate);
  policy.learned.n_closed = 20;
  pursuit_store_set_policy (f->store, &policy);
  g_assert_true (g_str_has_prefix (pursuit_prospect_card_get_text (card, "status"), "2 attempts past the limit of 2 · worth ≈ $"));
  g_assert_true (g_str_has_suffix (pursuit_prospect_card_get_text (card, "status"), ", costs $20 · time to let go?"));
}

static void
test_long_column_grows_as_it_scrolls (Fixture       *f,
                                      gconstpointer  data)
{
  PursuitStageColumn *inbox = pursuit_board_get_column (f->board, 0);
  GtkListView *list = pursuit_stage_column_get_list_view (inbox);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (list));
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_object_unref);
  guint shown;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("Lead %03u", i);
      g_ptr_array_add (many, pursuit_prospect_new (name));
    }
  g_assert_true (pursuit_store_add_many (f->store, many, NULL));
  pursuit_test_wait (200);

  /* Every prospect counts; the list view has rows for the first ones. */
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (inbox), ==, 301);
  shown = g_list_model_get_n_items (rows);
  g_assert_cmpuint (shown, <, 301);

  /* Scrolling down brings the rest, a page at a time. */
  for (guint i = 0; i < 50 && g_list_model_get_n_items (rows) < 301; i++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      pursuit_test_wait (200);
    }
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 301);
}

/* Names from the outside world: markup, right-to-left text, emoji,
 * control characters and a name 10,000 characters long. They show as
 * typed and never widen a card past its column. */
static void
test_hostile_text_keeps_the_layout (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *long_name = g_strnfill (10000, 'W');
  const char *names[] = {
    long_name,
    "<b>Bold</b> & <span foreground='red'>red</span>",
    "\u0645\u062d\u0645\u062f \u0627\u0644\u0639\u0644\u064a",
    "\xf0\x9f\x9a\x80 Rocket \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb Ltd",
    "Tab\there, bell\a, escape\x1b[31m",
  };
  PursuitStageColumn *inbox = pursuit_board_get_column (f->board, 0);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  int column_width;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      PursuitProspect *p = pursuit_prospect_new (names[i]);
      pursuit_prospect_set_company (p, names[(i + 1) % G_N_ELEMENTS (names)]);
      pursuit_prospect_set_notes (p, names[(i + 2) % G_N_ELEMENTS (names)]);
      g_ptr_array_add (added, p);
    }
  g_assert_true (pursuit_store_add_many (f->store, added, NULL));
  pursuit_test_wait (200);

  column_width = gtk_widget_get_width (GTK_WIDGET (inbox));
  g_assert_cmpint (column_width, >, 0);
  g_assert_cmpint (column_width, <, 600);
  for (guint i = 0; i < added->len; i++)
    {
      PursuitProspectCard *card = find_card (GTK_WIDGET (f->board), g_ptr_array_index (added, i));
      g_autofree char *shown = pursuit_format_shown (names[i], PURSUIT_FORMAT_SHOWN_CHARS);

      g_assert_nonnull (card);
      /* Shown as typed, never as markup; a name too long for any label is
       * cut where a label can still lay it out. */
      g_assert_cmpstr (pursuit_prospect_card_get_text (card, "name"), ==, shown);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (card)), <=, column_width);
    }
  /* The columns stay side by side, as wide as each other (give or take
   * the pixel that a homogeneous box hands out). */
  g_assert_cmpint (ABS (gtk_widget_get_width (GTK_WIDGET (pursuit_board_get_column (f->board, 4))) - column_width),
                   <=, 1);
}

/* Runs the shortcut of @widget's class bound to @key with @mods. */
static gboolean
press_shortcut_on (GtkWidget       *widget,
                   guint            key,
                   GdkModifierType  mods)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (key, mods);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                 widget, gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

static gint64
count_touches_on_disk (Fixture *f,
                       gint64   id)
{
  g_autoptr(PursuitStore) other = pursuit_store_open (f->path, NULL);
  PursuitProspect *p = other != NULL ? pursuit_store_find (other, id) : NULL;
  g_autoptr(GListModel) touches = p != NULL ? pursuit_store_list_touches (other, p, NULL) : NULL;

  return touches != NULL ? (gint64) g_list_model_get_n_items (touches) : -1;
}

/* Delete a card, then move another: the first toast gives way, yet
 * Ctrl+Z twice undoes both, newest first, on disk. */
static void
test_undo_history (Fixture       *f,
                   gconstpointer  data)
{
  gint64 jane_id = pursuit_prospect_get_id (f->jane);
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 11, 2, 10, 0, 0);
  g_autoptr(PursuitTouch) touch = pursuit_touch_new (jane_id, when, PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT,
                                                     PURSUIT_OUTCOME_NO_ANSWER);
  g_autoptr(PursuitProspect) disk = NULL;

  g_assert_true (pursuit_store_add_touch (f->store, touch, NULL));
  focus_card_of (f, f->jane);
  press_shortcut (f, GDK_KEY_Delete, 0);
  g_assert_null (pursuit_store_find (f->store, jane_id));
  g_assert_true (pursuit_stage_column_drop (pursuit_board_get_column (f->board, 2), f->john));
  disk = on_disk (f, f->john);
  g_assert_cmpint (pursuit_prospect_get_tier (disk), ==, PURSUIT_TIER_GOOD);
  g_clear_object (&disk);

  /* Ctrl+Z once: John goes back to the inbox; Jane stays in the Trash. */
  g_assert_true (press_shortcut_on (GTK_WIDGET (f->window), GDK_KEY_z, GDK_CONTROL_MASK));
  disk = on_disk (f, f->john);
  g_assert_cmpint (pursuit_prospect_get_stage (disk), ==, PURSUIT_STAGE_INBOX);
  g_assert_cmpint (count_touches_on_disk (f, jane_id), ==, -1);
  g_clear_object (&disk);

  /* Twice: Jane is back with her id and her touch. */
  g_assert_true (press_shortcut_on (GTK_WIDGET (f->window), GDK_KEY_z, GDK_CONTROL_MASK));
  g_assert_nonnull (pursuit_store_find (f->store, jane_id));
  g_assert_cmpint (count_touches_on_disk (f, jane_id), ==, 1);
  disk = on_disk (f, f->jane);
  g_assert_cmpint (pursuit_prospect_get_tier (disk), ==, PURSUIT_TIER_HOT);
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (pursuit_board_get_column (f->board, 1)), ==, 1);
}

/* The toast's Undo undoes its own change, also after Ctrl+Z undid a
 * newer one; and an undone change is not undone twice. */
static void
test_toast_undo_after_ctrl_z (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(PursuitProspect) disk = NULL;

  g_assert_true (pursuit_stage_column_drop (pursuit_board_get_column (f->board, 3), f->jane));
  g_assert_true (press_shortcut_on (GTK_WIDGET (f->window), GDK_KEY_z, GDK_CONTROL_MASK));
  g_assert_cmpint (pursuit_prospect_get_tier (f->jane), ==, PURSUIT_TIER_HOT);
  /* The toast's Undo: already undone, nothing happens. */
  undo (f);
  disk = on_disk (f, f->jane);
  g_assert_cmpint (pursuit_prospect_get_tier (disk), ==, PURSUIT_TIER_HOT);
  g_assert_cmpint (pursuit_prospect_get_stage (f->john), ==, PURSUIT_STAGE_INBOX);
}

/* No label's mnemonic may take a key the board's shortcuts use with Alt:
 * Alt+L once opened the Closed page instead of letting go. */
static void
collect_mnemonics (GtkWidget *widget,
                   GString   *found)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)))
    {
      guint key = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));

      if (key == GDK_KEY_l || key == GDK_KEY_w || (key >= GDK_KEY_0 && key <= GDK_KEY_4))
        g_string_append_printf (found, "“%s” ", gtk_label_get_label (GTK_LABEL (widget)));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_mnemonics (child, found);
}

static void
test_mnemonics_leave_shortcuts_alone (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GString) found = g_string_new (NULL);

  collect_mnemonics (GTK_WIDGET (f->window), found);
  g_assert_cmpstr (found->str, ==, "");
}

static GtkWidget *
open_popover (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child) && gtk_widget_get_visible (child))
      return child;
  return NULL;
}

/* Every shortcut of README's "The board" does what it says, checked on
 * disk where it writes. */
static void
test_every_documented_shortcut (Fixture       *f,
                                gconstpointer  data)
{
  static const PursuitTier tiers[] = { PURSUIT_TIER_NONE, PURSUIT_TIER_HOT, PURSUIT_TIER_GOOD, PURSUIT_TIER_COOL,
                                       PURSUIT_TIER_COLD };
  g_autoptr(PursuitProspect) extra = add (f, "Extra Person", "Initech", 100, PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE);
  gint64 extra_id = pursuit_prospect_get_id (extra);
  g_autoptr(PursuitStore) other = NULL;

  /* Alt+4 … Alt+0 move the focused card to Cold … Inbox. */
  for (int i = 4; i >= 0; i--)
    {
      g_autoptr(PursuitProspect) disk = NULL;

      pursuit_test_wait (50);
      focus_card_of (f, f->john);
      press_shortcut (f, GDK_KEY_0 + i, GDK_ALT_MASK);
      disk = on_disk (f, f->john);
      g_assert_cmpint (pursuit_prospect_get_stage (disk), ==, i == 0 ? PURSUIT_STAGE_INBOX : PURSUIT_STAGE_ACTIVE);
      g_assert_cmpint (pursuit_prospect_get_tier (disk), ==, tiers[i]);
    }

  /* Shift+F10 opens the card's menu. */
  pursuit_test_wait (50);
  focus_card_of (f, f->john);
  press_shortcut (f, GDK_KEY_F10, GDK_SHIFT_MASK);
  g_assert_nonnull (open_popover (GTK_WIDGET (find_card (GTK_WIDGET (f->board), f->john))));
  gtk_popover_popdown (GTK_POPOVER (open_popover (GTK_WIDGET (find_card (GTK_WIDGET (f->board), f->john)))));

  /* Alt+L asks to let the focused card go, and stays on the pipeline. */
  pursuit_test_wait (50);
  focus_card_of (f, f->jane);
  press_shortcut (f, GDK_KEY_l, GDK_ALT_MASK);
  g_assert_nonnull (pursuit_board_get_let_go_dialog (f->board));
  g_assert_cmpstr (pursuit_board_get_page (f->board), ==, "pipeline");
  confirm_let_go (f, PURSUIT_CLOSE_REASON_NOT_SERIOUS, NULL);
  {
    g_autoptr(PursuitProspect) disk = on_disk (f, f->jane);
    g_assert_cmpint (pursuit_prospect_get_stage (disk), ==, PURSUIT_STAGE_CLOSED);
  }

  /* Alt+W: won. */
  pursuit_test_wait (50);
  focus_card_of (f, f->john);
  press_shortcut (f, GDK_KEY_w, GDK_ALT_MASK);
  {
    g_autoptr(PursuitProspect) disk = on_disk (f, f->john);
    g_assert_cmpint (pursuit_prospect_get_stage (disk), ==, PURSUIT_STAGE_CUSTOMER);
  }

  /* Delete: to the Trash, on disk too. */
  pursuit_test_wait (50);
  focus_card_of (f, extra);
  press_shortcut (f, GDK_KEY_Delete, 0);
  other = pursuit_store_open (f->path, NULL);
  g_assert_null (pursuit_store_find (other, extra_id));
  g_assert_nonnull (pursuit_store_find_trashed (other, extra_id));

  /* Ctrl+F opens the search with the focus in it; Escape closes it. */
  press_shortcut (f, GDK_KEY_f, GDK_CONTROL_MASK);
  {
    GtkWidget *entry = gtk_widget_get_ancestor (gtk_window_get_focus (GTK_WINDOW (f->window)), GTK_TYPE_SEARCH_ENTRY);
    GtkWidget *bar = gtk_widget_get_ancestor (entry, GTK_TYPE_SEARCH_BAR);

    g_assert_nonnull (entry);
    g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (bar)));
    gtk_editable_set_text (GTK_EDITABLE (entry), "nobody");
    pursuit_board_set_search (f->board, "nobody");
    g_signal_emit_by_name (entry, "stop-search");
    g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (bar)));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  }
}

/* The toggle button whose label, without its underline, is @text. */
static GtkWidget *
find_toggle (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_TOGGLE_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    {
      g_autoptr(GString) plain = g_string_new (gtk_button_get_label (GTK_BUTTON (widget)));

      g_string_replace (plain, "_", "", 0);
      if (g_str_equal (plain->str, text))
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toggle (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The drag hint shows only over the pipeline's columns. */
static void
test_drag_hint_only_over_columns (Fixture       *f,
                                  gconstpointer  data)
{
  GtkWidget *closed = GTK_WIDGET (pursuit_board_get_closed (f->board));

  g_assert_true (pursuit_board_hint_shown (f->board));
  gtk_widget_activate_action (GTK_WIDGET (f->board), "board.delete", "x", pursuit_prospect_get_id (f->jane));
  gtk_widget_activate_action (GTK_WIDGET (f->board), "board.delete", "x", pursuit_prospect_get_id (f->john));
  g_assert_true (pursuit_board_is_empty (f->board));
  g_assert_false (pursuit_board_hint_shown (f->board));

  g_assert_true (press_shortcut_on (GTK_WIDGET (f->window), GDK_KEY_z, GDK_CONTROL_MASK));
  g_assert_true (pursuit_board_hint_shown (f->board));
  for (guint i = 0; i < 3; i++)
    {
      static const char *pages[] = { "Customers", "Closed", "Trash" };
      GtkWidget *button = find_toggle (GTK_WIDGET (f->board), pages[i]);

      g_assert_nonnull (button);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
      g_assert_false (pursuit_board_hint_shown (f->board));
    }
  g_assert_nonnull (closed);
}

/* Search finds phone numbers by their digits and touch notes, and
 * ignores case and accents. */
static void
test_search_phone_notes_accents (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(PursuitProspect) draft = pursuit_prospect_dup (f->jane);
  PursuitStageColumn *inbox = pursuit_board_get_column (f->board, 0);
  PursuitStageColumn *hot = pursuit_board_get_column (f->board, 1);
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 11, 2, 10, 0, 0);
  g_autoptr(PursuitTouch) touch = pursuit_touch_new (pursuit_prospect_get_id (f->john), when, PURSUIT_CHANNEL_CALL,
                                                     PURSUIT_DIRECTION_OUT, PURSUIT_OUTCOME_LEFT_MESSAGE);

  pursuit_prospect_set_phone (draft, "+1 (555) 010-4477");
  pursuit_prospect_set_notes (draft, "Loves Les Misérables");
  g_assert_true (pursuit_store_update (f->store, f->jane, draft, NULL));
  pursuit_touch_set_note (touch, "Asked about the Öresund office");
  g_assert_true (pursuit_store_add_touch (f->store, touch, NULL));

  pursuit_board_set_search (f->board, "555 0104");
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (hot), ==, 1);
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (inbox), ==, 0);

  pursuit_board_set_search (f->board, "misera");
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (hot), ==, 1);
  pursuit_board_set_search (f->board, "MISÉRA");
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (hot), ==, 1);

  pursuit_board_set_search (f->board, "oresund");
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (inbox), ==, 1);
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (hot), ==, 0);
}

/* The Trash page lists what was deleted; Restore brings it back with its
 * touches; Empty Trash, once confirmed, deletes for good, on disk. */
static void
test_trash_page (Fixture       *f,
                 gconstpointer  data)
{
  PursuitTrashPage *page = pursuit_board_get_trash_page (f->board);
  gint64 jane_id = pursuit_prospect_get_id (f->jane);
  gint64 john_id = pursuit_prospect_get_id (f->john);
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 11, 2, 10, 0, 0);
  g_autoptr(PursuitTouch) touch = pursuit_touch_new (jane_id, when, PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT,
                                                     PURSUIT_OUTCOME_NO_ANSWER);
  AdwMessageDialog *dialog;

  g_assert_true (pursuit_store_add_touch (f->store, touch, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.delete", "x", jane_id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.delete", "x", john_id));
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_trash_page_get_model (page)), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "trash.restore", "x", jane_id));
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_trash_page_get_model (page)), ==, 1);
  g_assert_cmpint (count_touches_on_disk (f, jane_id), ==, 1);

  dialog = pursuit_trash_page_ask_empty (page);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "empty");
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_trash_page_get_model (page)), ==, 0);
  {
    g_autoptr(PursuitStore) other = pursuit_store_open (f->path, NULL);
    g_assert_null (pursuit_store_find_trashed (other, john_id));
    g_assert_null (pursuit_store_find (other, john_id));
    g_assert_nonnull (pursuit_store_find (other, jane_id));
  }
  g_assert_null (pursuit_trash_page_ask_empty (page));
}

/* Merge from the card's menu: both touches kept, the newer details win,
 * the other in the Trash; Undo puts both back. On disk. */
static void
test_merge_from_card (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PursuitProspect) twin = add (f, "Jane Doe", "Acme Inc", 5000, PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE);
  gint64 jane_id = pursuit_prospect_get_id (f->jane);
  gint64 twin_id = pursuit_prospect_get_id (twin);
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 11, 2, 10, 0, 0);
  g_autoptr(PursuitTouch) a = pursuit_touch_new (jane_id, when, PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT,
                                                 PURSUIT_OUTCOME_NO_ANSWER);
  g_autoptr(PursuitTouch) b = pursuit_touch_new (twin_id, when, PURSUIT_CHANNEL_EMAIL, PURSUIT_DIRECTION_OUT,
                                                 PURSUIT_OUTCOME_NO_ANSWER);
  PursuitProspectCard *card = find_card (GTK_WIDGET (f->board), f->jane);
  AdwMessageDialog *dialog;

  g_assert_true (pursuit_store_add_touch (f->store, a, NULL));
  g_assert_true (pursuit_store_add_touch (f->store, b, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.merge", NULL));
  dialog = pursuit_board_get_merge_dialog (f->board);
  g_assert_nonnull (dialog);
  /* The likely duplicate comes first and is chosen. */
  g_assert_true (pursuit_merge_dialog_select (dialog, twin));
  adw_message_dialog_response (dialog, "merge");
  g_assert_cmpint (count_touches_on_disk (f, jane_id), ==, 2);
  {
    g_autoptr(PursuitStore) other = pursuit_store_open (f->path, NULL);
    g_assert_null (pursuit_store_find (other, twin_id));
    g_assert_nonnull (pursuit_store_find_trashed (other, twin_id));
  }

  undo (f);
  g_assert_cmpint (count_touches_on_disk (f, jane_id), ==, 1);
  g_assert_cmpint (count_touches_on_disk (f, twin_id), ==, 1);
  g_assert_nonnull (pursuit_store_find (f->store, twin_id));
}

static void
ctrl_z (Fixture *f)
{
  g_assert_true (press_shortcut_on (GTK_WIDGET (f->window), GDK_KEY_z, GDK_CONTROL_MASK));
}

/* Ctrl+Z walks back through every kind of change of the session, newest
 * first: a move, a logged touch, an edit, a let go, a win and a delete,
 * each checked on disk. */
static void
test_undo_every_kind_of_change (Fixture       *f,
                                gconstpointer  data)
{
  gint64 jane_id = pursuit_prospect_get_id (f->jane);
  gint64 john_id = pursuit_prospect_get_id (f->john);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(PursuitTouch) touch = pursuit_touch_new (john_id, now, PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT,
                                                     PURSUIT_OUTCOME_NO_ANSWER);
  PursuitProspectDialog *dialog;

  g_assert_true (pursuit_stage_column_drop (pursuit_board_get_column (f->board, 2), f->jane));
  g_assert_true (pursuit_store_record_touch (f->store, touch, NULL));
  dialog = pursuit_prospect_dialog_new (GTK_WINDOW (f->window), f->store, f->jane);
  gtk_editable_set_text (pursuit_prospect_dialog_get_field (dialog, "name"), "Jane D.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.let-go", "x", john_id));
  confirm_let_go (f, PURSUIT_CLOSE_REASON_NOT_SERIOUS, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.won", "x", jane_id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.delete", "x", john_id));
  g_assert_cmpint (count_touches_on_disk (f, john_id), ==, -1);

  ctrl_z (f);
  g_assert_cmpint (count_touches_on_disk (f, john_id), ==, 1);
  {
    g_autoptr(PursuitProspect) disk = on_disk (f, f->jane);
    g_assert_cmpint (pursuit_prospect_get_stage (disk), ==, PURSUIT_STAGE_CUSTOMER);
  }
  ctrl_z (f);
  {
    g_autoptr(PursuitProspect) disk = on_disk (f, f->jane);
    g_assert_cmpint (pursuit_prospect_get_stage (disk), ==, PURSUIT_STAGE_ACTIVE);
    g_assert_cmpint (pursuit_prospect_get_tier (disk), ==, PURSUIT_TIER_GOOD);
  }
  ctrl_z (f);
  {
    g_autoptr(PursuitProspect) disk = on_disk (f, f->john);
    g_assert_cmpint (pursuit_prospect_get_stage (disk), !=, PURSUIT_STAGE_CLOSED);
  }
  ctrl_z (f);
  {
    g_autoptr(PursuitProspect) disk = on_disk (f, f->jane);
    g_assert_cmpstr (pursuit_prospect_get_name (disk), ==, "Jane Doe");
  }
  ctrl_z (f);
  g_assert_cmpint (count_touches_on_disk (f, john_id), ==, 0);
  {
    g_autoptr(PursuitProspect) disk = on_disk (f, f->john);
    g_assert_cmpint (pursuit_prospect_get_stage (disk), ==, PURSUIT_STAGE_INBOX);
  }
  ctrl_z (f);
  {
    g_autoptr(PursuitProspect) disk = on_disk (f, f->jane);
    g_assert_cmpint (pursuit_prospect_get_tier (disk), ==, PURSUIT_TIER_HOT);
  }
}

/* A column made from a GtkBuilder string, as a template makes it: what
 * its properties say is what it shows, and it follows its store. */
static const char column_ui[] =
  "<interface>"
  "  <object class='GtkWindow' id='window'>"
  "    <property name='default-width'>300</property>"
  "    <property name='default-height'>400</property>"
  "    <property name='child'>"
  "      <object class='PursuitStageColumn' id='column'>"
  "        <property name='title'>Hot Leads</property>"
  "        <property name='empty-text'>Nothing hot</property>"
  "        <property name='stage'>active</property>"
  "        <property name='tier'>hot</property>"
  "        <property name='store'>store</property>"
  "      </object>"
  "    </property>"
  "  </object>"
  "  <object class='PursuitStageColumn' id='customers'>"
  "    <property name='stage'>customer</property>"
  "    <property name='tier'>hot</property>"
  "    <property name='store'>store</property>"
  "  </object>"
  "</interface>";

typedef struct
{
  PursuitStageColumn *column;
  PursuitProspect    *prospect;
} ColumnCard;

static gboolean
column_shows_card (gpointer data)
{
  ColumnCard *wanted = data;

  return find_card (GTK_WIDGET (wanted->column), wanted->prospect) != NULL;
}

/* The text of the first label under @widget whose text is @text, or
 * NULL: what the column shows, not what it was told. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0
      && gtk_widget_is_drawable (widget))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = find_label (child, text);
      if (label != NULL)
        return label;
    }
  return NULL;
}

typedef struct
{
  GtkWidget  *widget;
  const char *text;
} Shown;

static gboolean
label_shown (gpointer data)
{
  Shown *shown = data;

  return find_label (shown->widget, shown->text) != NULL;
}

static void
test_column_from_builder (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(PursuitProspect) disk = NULL;
  PursuitStageColumn *column, *customers;
  GtkWindow *window;
  ColumnCard wanted;
  Shown shown;
  PursuitStore *store = NULL;
  PursuitTier tier;

  g_type_ensure (PURSUIT_TYPE_STAGE_COLUMN);
  gtk_builder_expose_object (builder, "store", G_OBJECT (f->store));
  gtk_builder_add_from_string (builder, column_ui, -1, &error);
  g_assert_no_error (error);
  column = PURSUIT_STAGE_COLUMN (gtk_builder_get_object (builder, "column"));
  customers = PURSUIT_STAGE_COLUMN (gtk_builder_get_object (builder, "customers"));
  window = GTK_WINDOW (gtk_builder_get_object (builder, "window"));

  g_assert_true (pursuit_stage_column_get_store (column) == f->store);
  g_object_get (column, "store", &store, "tier", &tier, NULL);
  g_assert_true (store == f->store);
  g_object_unref (store);
  g_assert_cmpint (tier, ==, PURSUIT_TIER_HOT);
  g_assert_cmpint (pursuit_stage_column_get_stage (column), ==, PURSUIT_STAGE_ACTIVE);
  /* A tier means nothing outside the active stage. */
  g_assert_cmpint (pursuit_stage_column_get_stage (customers), ==, PURSUIT_STAGE_CUSTOMER);
  g_assert_cmpint (pursuit_stage_column_get_tier (customers), ==, PURSUIT_TIER_NONE);
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (customers), ==, 0);

  /* Jane is the one hot prospect: her card, the title, the count and
   * the total show. */
  gtk_window_present (window);
  wanted = (ColumnCard) { column, f->jane };
  pursuit_test_wait_until (column_shows_card, &wanted, 10000);
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (column), ==, 1);
  g_assert_cmpstr (pursuit_stage_column_get_summary (column), ==, "1 · $1,000");
  g_assert_nonnull (find_label (GTK_WIDGET (column), "Hot Leads"));
  g_assert_nonnull (find_label (GTK_WIDGET (column), "1 · $1,000"));
  g_assert_null (find_label (GTK_WIDGET (column), "Nothing hot"));

  /* Won through the store: she leaves this column for the other one,
   * and this one says its empty text. */
  g_assert_true (pursuit_store_move (f->store, f->jane, PURSUIT_STAGE_CUSTOMER, PURSUIT_TIER_NONE, now, &error));
  g_assert_no_error (error);
  disk = on_disk (f, f->jane);
  g_assert_cmpint (pursuit_prospect_get_stage (disk), ==, PURSUIT_STAGE_CUSTOMER);
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (column), ==, 0);
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (customers), ==, 1);
  shown = (Shown) { GTK_WIDGET (column), "Nothing hot" };
  pursuit_test_wait_until (label_shown, &shown, 10000);

  /* Set to another tier, the column shows that tier: John, once moved
   * to Good. */
  g_assert_true (pursuit_store_move (f->store, f->john, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD, now, &error));
  g_assert_no_error (error);
  g_object_set (column, "tier", PURSUIT_TIER_GOOD, "title", "Good Leads", NULL);
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (column), ==, 1);
  wanted = (ColumnCard) { column, f->john };
  pursuit_test_wait_until (column_shows_card, &wanted, 10000);
  g_assert_cmpstr (pursuit_stage_column_get_summary (column), ==, "1 · $2,000");
  g_assert_nonnull (find_label (GTK_WIDGET (column), "Good Leads"));

  /* Without a store it shows nothing, and stops following the old one. */
  g_object_set (column, "store", NULL, NULL);
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (column), ==, 0);
  g_assert_true (pursuit_store_move (f->store, f->jane, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD, now, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (column), ==, 0);
  gtk_window_destroy (window);
}

/* The board's store reaches every column through the template's
 * bindings, also when it is swapped. */
static void
test_board_store_property (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(PursuitStore) other = pursuit_store_open (other_path, &error);
  PursuitStore *store = NULL;

  g_assert_no_error (error);
  g_object_get (f->board, "store", &store, NULL);
  g_assert_true (store == f->store);
  g_object_unref (store);
  for (guint i = 0; i < PURSUIT_BOARD_N_COLUMNS; i++)
    g_assert_true (pursuit_stage_column_get_store (pursuit_board_get_column (f->board, i)) == f->store);
  g_assert_true (pursuit_stage_column_get_store (pursuit_board_get_customers (f->board)) == f->store);
  g_assert_true (pursuit_stage_column_get_store (pursuit_board_get_closed (f->board)) == f->store);
  g_assert_cmpint (pursuit_stage_column_get_tier (pursuit_board_get_column (f->board, 3)), ==, PURSUIT_TIER_COOL);
  g_assert_cmpint (pursuit_stage_column_get_stage (pursuit_board_get_closed (f->board)), ==, PURSUIT_STAGE_CLOSED);
  g_assert_nonnull (pursuit_stage_column_get_filter (pursuit_board_get_column (f->board, 0)));
  g_assert_true (pursuit_stage_column_get_filter (pursuit_board_get_column (f->board, 0))
                 == pursuit_stage_column_get_filter (pursuit_board_get_closed (f->board)));
  g_assert_cmpstr (pursuit_stage_column_get_empty_text (pursuit_board_get_customers (f->board)), ==,
                   "Prospects you win show here, with their next keep-in-touch date.");

  g_object_set (f->board, "store", other, NULL);
  for (guint i = 0; i < PURSUIT_BOARD_N_COLUMNS; i++)
    g_assert_true (pursuit_stage_column_get_store (pursuit_board_get_column (f->board, i)) == other);
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (pursuit_board_get_column (f->board, 1)), ==, 0);
  g_assert_true (pursuit_board_is_empty (f->board));
  pursuit_board_set_store (f->board, f->store);
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (pursuit_board_get_column (f->board, 1)), ==, 1);
  g_assert_false (pursuit_board_is_empty (f->board));
}

static gboolean
jane_has_card (gpointer data)
{
  Fixture *f = data;

  return find_card (GTK_WIDGET (f->board), f->jane) != NULL;
}

static void
store_pointer (gpointer *where,
               gpointer  what)
{
  *where = what;
}

static void
test_actions_by_name (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PursuitProspect) disk = NULL;
  PursuitProspect *edited = NULL;
  PursuitProspectCard *card;

  /* board.won, by name, on the real store: written to disk. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.won", "x",
                                             pursuit_prospect_get_id (f->jane)));
  disk = on_disk (f, f->jane);
  g_assert_cmpint (pursuit_prospect_get_stage (disk), ==, PURSUIT_STAGE_CUSTOMER);
  g_assert_cmpint (pursuit_prospect_get_tier (disk), ==, PURSUIT_TIER_NONE);
  g_clear_object (&disk);
  undo (f);
  assert_jane_back_in_hot (f, NULL);

  /* An id the store does not have does nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.won", "x", (gint64) 424242));
  disk = on_disk (f, f->john);
  g_assert_cmpint (pursuit_prospect_get_stage (disk), ==, PURSUIT_STAGE_INBOX);
  g_clear_object (&disk);

  /* board.delete: to the Trash, on disk too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.delete", "x",
                                             pursuit_prospect_get_id (f->john)));
  disk = on_disk (f, f->john);
  g_assert_null (disk);
  undo (f);
  disk = on_disk (f, f->john);
  g_assert_nonnull (disk);
  g_clear_object (&disk);

  /* The card's own actions hand its prospect to the board's. */
  card = find_card (GTK_WIDGET (f->board), f->jane);
  g_assert_nonnull (card);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.won", NULL));
  disk = on_disk (f, f->jane);
  g_assert_cmpint (pursuit_prospect_get_stage (disk), ==, PURSUIT_STAGE_CUSTOMER);
  g_clear_object (&disk);
  undo (f);
  assert_jane_back_in_hot (f, NULL);

  pursuit_test_wait_until (jane_has_card, f, 10000);
  card = find_card (GTK_WIDGET (f->board), f->jane);
  g_signal_connect_swapped (f->board, "edit-prospect", G_CALLBACK (store_pointer), &edited);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.edit", NULL));
  g_assert_true (edited == f->jane);
  g_signal_handlers_disconnect_by_func (f->board, store_pointer, &edited);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.let-go", NULL));
  g_assert_nonnull (pursuit_board_get_let_go_dialog (f->board));
  confirm_let_go (f, PURSUIT_CLOSE_REASON_FIRM_NO, NULL);
  disk = on_disk (f, f->jane);
  g_assert_cmpint (pursuit_prospect_get_stage (disk), ==, PURSUIT_STAGE_CLOSED);
}

/* The drop target of a widget of @board with @css_class, or NULL. */
static GtkDropTarget *
find_zone_target (GtkWidget  *widget,
                  const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

          if (GTK_IS_DROP_TARGET (controller))
            return GTK_DROP_TARGET (controller);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkDropTarget *target = find_zone_target (child, css_class);
      if (target != NULL)
        return target;
    }
  return NULL;
}

/* The Won and Let Go zones take prospects, and only them, by MOVE; a
 * prospect dropped on Won is a customer, on disk. */
static void
test_drop_zones (Fixture       *f,
                 gconstpointer  data)
{
  const char *zones[] = { "won", "let-go" };
  g_autoptr(PursuitProspect) disk = NULL;
  GtkDropTarget *won = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean taken = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      GtkDropTarget *target = find_zone_target (GTK_WIDGET (f->board), zones[i]);
      gsize n_types = 0;
      const GType *types;

      g_assert_nonnull (target);
      types = gtk_drop_target_get_gtypes (target, &n_types);
      g_assert_cmpuint (n_types, ==, 1);
      g_assert_true (types[0] == PURSUIT_TYPE_PROSPECT);
      g_assert_cmpint (gtk_drop_target_get_actions (target), ==, GDK_ACTION_MOVE);
      if (i == 0)
        won = target;
    }

  g_value_init (&value, PURSUIT_TYPE_PROSPECT);
  g_value_set_object (&value, f->jane);
  g_signal_emit_by_name (won, "drop", &value, 10.0, 10.0, &taken);
  g_assert_true (taken);
  disk = on_disk (f, f->jane);
  g_assert_cmpint (pursuit_prospect_get_stage (disk), ==, PURSUIT_STAGE_CUSTOMER);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/board/move-by-drop", test_move_by_drop);
  ADD ("/ui/board/move-by-menu", test_move_by_menu);
  ADD ("/ui/board/move-by-shortcut", test_move_by_shortcut);
  ADD ("/ui/board/callback-date-is-kept", test_callback_date_is_kept);
  ADD ("/ui/board/won", test_won);
  ADD ("/ui/board/let-go", test_let_go);
  ADD ("/ui/board/delete-and-undo", test_delete_and_undo);
  ADD ("/ui/board/search", test_search_filters_every_column);
  ADD ("/ui/board/column-header-and-order", test_column_header_and_order);
  ADD ("/ui/board/column-totals-stay-exact", test_column_totals_stay_exact);
  ADD ("/ui/board/drag-and-drop-types", test_drag_and_drop_types);
  ADD ("/ui/board/streak-against-limit", test_card_shows_streak_against_limit);
  ADD ("/ui/board/long-column-grows", test_long_column_grows_as_it_scrolls);
  ADD ("/ui/board/hostile-text", test_hostile_text_keeps_the_layout);
  ADD ("/ui/board/undo-history", test_undo_history);
  ADD ("/ui/board/toast-undo-after-ctrl-z", test_toast_undo_after_ctrl_z);
  ADD ("/ui/board/mnemonics-leave-shortcuts-alone", test_mnemonics_leave_shortcuts_alone);
  ADD ("/ui/board/every-documented-shortcut", test_every_documented_shortcut);
  ADD ("/ui/board/drag-hint-only-over-columns", test_drag_hint_only_over_columns);
  ADD ("/ui/board/search-phone-notes-accents", test_search_phone_notes_accents);
  ADD ("/ui/board/trash-page", test_trash_page);
  ADD ("/ui/board/merge-from-card", test_merge_from_card);
  ADD ("/ui/board/undo-every-kind-of-change", test_undo_every_kind_of_change);
  ADD ("/ui/board/column-from-builder", test_column_from_builder);
  ADD ("/ui/board/store-property", test_board_store_property);
  ADD ("/ui/board/actions-by-name", test_actions_by_name);
  ADD ("/ui/board/drop-zones", test_drop_zones);
#undef ADD

  return g_test_run ();
}
