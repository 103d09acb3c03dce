/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test-day-change"

#include "config.h"

#include <adwaita.h>

#include "pursuit-board.h"
#include "pursuit-calendar-view.h"
#include "pursuit-day-watcher.h"
#include "pursuit-month-grid.h"
#include "pursuit-prospect-card.h"
#include "pursuit-store.h"
#include "pursuit-today-page.h"
#include "pursuit-window.h"
#include "test-clock.h"
#include "test-util.h"

/* A window left open over midnight, on a real store, with time driven by
 * the test through the application's day watcher: at midnight, and after
 * a sleep over midnight, the Today page lists the new day's follow-ups,
 * the Calendar marks the new day as today and the board's cards say when
 * their follow-ups are from the new day. */

typedef struct
{
  char              *dir;
  PursuitStore      *store;
  TestClock          clock;
  PursuitDayWatcher *watcher;
  PursuitWindow     *window;
  PursuitTodayPage  *page;
  PursuitMonthGrid  *grid;
  GDate              today;
  guint              n_day_changed;
} Fixture;

static void
day_changed_cb (Fixture *f)
{
  f->n_day_changed++;
}

static GDateTime *
at (Fixture *f,
    int      days,
    int      hour)
{
  GDate date = f->today;

  g_date_add_days (&date, days);
  return g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), hour, 0,
                                0);
}

static void
add_due (Fixture    *f,
         const char *name,
         int         days,
         int         hour)
{
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new (name);
  g_autoptr(GDateTime) when = at (f, days, hour);
  g_autoptr(GError) error = NULL;

  pursuit_prospect_set_stage (prospect, PURSUIT_STAGE_ACTIVE);
  pursuit_prospect_set_tier (prospect, PURSUIT_TIER_GOOD);
  pursuit_prospect_set_next_touch (prospect, when);
  g_assert_true (pursuit_store_add (f->store, prospect, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) evening = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  AdwViewStack *stack;
  PursuitCalendarView *view;

  f->dir = pursuit_test_make_dir ("pursuit-day-change");
  path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->store = pursuit_store_open (path, &error);
  g_assert_no_error (error);

  /* Today at 23:00, with one follow-up due at 10:00 today and two
   * tomorrow. */
  test_clock_init (&f->clock);
  now = pursuit_clock_now_local (&f->clock.clock);
  g_date_clear (&f->today, 1);
  g_date_set_dmy (&f->today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  evening = at (f, 0, 23);
  f->clock.real = g_date_time_to_unix (evening) * G_USEC_PER_SEC;
  add_due (f, "Today", 0, 10);
  add_due (f, "Tomorrow Early", 1, 9);
  add_due (f, "Tomorrow Late", 1, 15);

  f->watcher = pursuit_day_watcher_new (&f->clock.clock);
  pursuit_day_watcher_set_default (f->watcher);
  g_signal_connect_swapped (f->watcher, "day-changed", G_CALLBACK (day_changed_cb), f);

  f->window = pursuit_window_new (NULL, f->store, NULL);
  stack = ADW_VIEW_STACK (pursuit_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK));
  adw_view_stack_set_visible_child_name (stack, "calendar");
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 200);
  f->page = PURSUIT_TODAY_PAGE (pursuit_test_find_widget (GTK_WIDGET (f->window), PURSUIT_TYPE_TODAY_PAGE));
  view = PURSUIT_CALENDAR_VIEW (pursuit_test_find_widget (GTK_WIDGET (f->window), PURSUIT_TYPE_CALENDAR_VIEW));
  g_assert_nonnull (f->page);
  g_assert_nonnull (view);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  f->grid = pursuit_calendar_view_get_grid (view);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  pursuit_test_destroy_windows ();
  pursuit_day_watcher_set_default (NULL);
  g_clear_object (&f->watcher);
  g_clear_object (&f->store);
  test_clock_clear (&f->clock);
  pursuit_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gboolean
is_today (PursuitMonthGrid *grid,
          int               days,
          const GDate      *today)
{
  GDate date = *today;
  GtkWidget *cell;

  g_date_add_days (&date, days);
  cell = pursuit_month_grid_get_cell (grid, &date);
  g_assert_nonnull (cell);
  return gtk_widget_has_css_class (cell, "today");
}

static gboolean
calendar_on_tomorrow (gpointer data)
{
  Fixture *f = data;

  return is_today (f->grid, 1, &f->today) && !is_today (f->grid, 0, &f->today);
}

static void
assert_before_midnight (Fixture *f)
{
  g_assert_cmpuint (pursuit_today_page_get_n_shown (f->page), ==, 1);
  g_assert_true (is_today (f->grid, 0, &f->today));
  g_assert_false (is_today (f->grid, 1, &f->today));
}

/* The new day's follow-ups come after the overdue one of the day before. */
static void
assert_new_day (Fixture *f)
{
  g_assert_cmpuint (f->n_day_changed, ==, 1);
  g_assert_cmpuint (pursuit_today_page_get_n_shown (f->page), ==, 3);
  g_assert_cmpstr (pursuit_prospect_get_name (pursuit_today_page_get_prospect (f->page, 0)), ==, "Today");
  g_assert_cmpstr (pursuit_prospect_get_name (pursuit_today_page_get_prospect (f->page, 1)), ==, "Tomorrow Early");
  pursuit_test_wait_until (calendar_on_tomorrow, f, 10000);
}

static void
test_midnight (Fixture       *f,
               gconstpointer  data)
{
  assert_before_midnight (f);
  test_clock_advance (&f->clock, 3599, 3599);
  g_assert_cmpuint (f->n_day_changed, ==, 0);
  g_assert_cmpuint (pursuit_today_page_get_n_shown (f->page), ==, 1);
  test_clock_advance (&f->clock, 1, 1);
  assert_new_day (f);
}

/* Asleep from 23:00 to 07:00: nothing moves until the watcher looks at
 * the clocks again (within minutes of waking, without logind). */
static void
test_slept_over_midnight (Fixture       *f,
                          gconstpointer  data)
{
  guint seconds = 0;

  assert_before_midnight (f);
  test_clock_advance (&f->clock, 8 * 3600, 0);
  g_assert_cmpuint (pursuit_today_page_get_n_shown (f->page), ==, 1);
  g_assert_true (pursuit_day_watcher_get_timer (f->watcher, &seconds));
  test_clock_advance (&f->clock, seconds, seconds);
  assert_new_day (f);
}

typedef struct
{
  GtkWidget  *board;
  const char *name;
  const char *due;
} CardWait;

static PursuitProspectCard *
find_card (GtkWidget  *widget,
           const char *name)
{
  if (PURSUIT_IS_PROSPECT_CARD (widget)
      && pursuit_prospect_card_get_prospect (PURSUIT_PROSPECT_CARD (widget)) != NULL
      && g_strcmp0 (pursuit_prospect_card_get_text (PURSUIT_PROSPECT_CARD (widget), "name"), name) == 0)
    return PURSUIT_PROSPECT_CARD (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      PursuitProspectCard *card = find_card (child, name);

      if (card != NULL)
        return card;
    }
  return NULL;
}

static gboolean
card_says (gpointer data)
{
  CardWait *wait = data;
  PursuitProspectCard *card = find_card (wait->board, wait->name);

  return card != NULL && g_strcmp0 (pursuit_prospect_card_get_text (card, "due"), wait->due) == 0;
}

/* A card left on screen over midnight: "tomorrow" becomes "today", and
 * the follow-up of the day before is overdue. */
static void
test_board_cards (Fixture       *f,
                  gconstpointer  data)
{
  AdwViewStack *stack = ADW_VIEW_STACK (pursuit_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK));
  CardWait early = { pursuit_window_get_board (f->window), "Tomorrow Early", "tomorrow" };
  CardWait today = { early.board, "Today", "today" };

  adw_view_stack_set_visible_child_name (stack, "board");
  pursuit_test_wait_until (card_says, &early, 10000);
  pursuit_test_wait_until (card_says, &today, 10000);

  test_clock_advance (&f->clock, 3600, 3600);
  g_assert_cmpuint (f->n_day_changed, ==, 1);
  early.due = "today";
  today.due = "overdue 1 day";
  pursuit_test_wait_until (card_says, &early, 10000);
  pursuit_test_wait_until (card_says, &today, 10000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/day-change/midnight", test_midnight);
  ADD ("/ui/day-change/slept-over-midnight", test_slept_over_midnight);
  ADD ("/ui/day-change/board-cards", test_board_cards);
#undef ADD

  return g_test_run ();
}
