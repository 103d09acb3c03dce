/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pursuit-agenda-row.h"
#include "pursuit-calendar-view.h"
#include "pursuit-month-grid.h"
#include "pursuit-prospect-page.h"
#include "pursuit-store.h"
#include "pursuit-window.h"
#include "test-util.h"

/* The calendar view in a real window: counts, agenda, drops, spread and
 * undo, checked in the widgets, the store and the database file. Dates
 * are relative to today, since the grid opens on today's month and
 * overdue is what lies before today. */

typedef struct
{
  char                *dir;
  char                *path;
  PursuitStore        *store;
  PursuitWindow       *window;
  PursuitCalendarView *view;
  PursuitMonthGrid    *grid;
  GDate                today;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  f->dir = g_dir_make_tmp ("pursuit-calendar-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  g_date_clear (&f->today, 1);
  g_date_set_dmy (&f->today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pursuit_test_destroy_windows ();
  f->window = NULL;
  g_clear_object (&f->store);
  pursuit_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static GDate
day (Fixture *f,
     int      days)
{
  GDate date = f->today;

  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  return date;
}

static GDateTime *
at (Fixture *f,
    int      days,
    int      hour,
    int      minute)
{
  GDate date = day (f, days);

  return g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), hour,
                                minute, 0);
}

static PursuitProspect *
add (Fixture      *f,
     const char   *name,
     PursuitStage  stage,
     PursuitTier   tier,
     int           days,
     int           hour,
     int           minute)
{
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new (name);
  g_autoptr(GDateTime) when = at (f, days, hour, minute);
  g_autoptr(GError) error = NULL;

  pursuit_prospect_set_company (prospect, "Acme");
  pursuit_prospect_set_stage (prospect, stage);
  pursuit_prospect_set_tier (prospect, tier);
  pursuit_prospect_set_next_touch (prospect, when);
  pursuit_store_add (f->store, prospect, &error);
  g_assert_no_error (error);
  return prospect; /* the store holds it */
}

static PursuitProspect *
add_active (Fixture     *f,
            const char  *name,
            PursuitTier  tier,
            int          days,
            int          hour)
{
  return add (f, name, PURSUIT_STAGE_ACTIVE, tier, days, hour, 0);
}

static void
open_window (Fixture *f)
{
  AdwViewStack *stack;

  f->window = pursuit_window_new (NULL, f->store, NULL);
  stack = ADW_VIEW_STACK (pursuit_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK));
  adw_view_stack_set_visible_child_name (stack, "calendar");
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 200);
  f->view = PURSUIT_CALENDAR_VIEW (pursuit_test_find_widget (GTK_WIDGET (f->window), PURSUIT_TYPE_CALENDAR_VIEW));
  g_assert_nonnull (f->view);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->view)));
  f->grid = pursuit_calendar_view_get_grid (f->view);
}

static GtkLabel *
find_label_with_class (GtkWidget  *widget,
                       const char *css_class)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css_class))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_with_class (child, css_class);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
count_shown (Fixture *f,
             int      days)
{
  GDate date = day (f, days);
  GtkWidget *cell = pursuit_month_grid_get_cell (f->grid, &date);

  g_assert_nonnull (cell);
  return gtk_label_get_text (find_label_with_class (cell, "day-count"));
}

static void
assert_count (Fixture *f,
              int      days,
              guint    total,
              guint    overdue)
{
  PursuitDayCount count;
  GDate date = day (f, days);
  g_autofree char *text = total > 0 ? g_strdup_printf ("%u", total) : g_strdup ("");

  g_assert_true (pursuit_month_grid_get_count (f->grid, &date, &count));
  g_assert_cmpuint (count.total, ==, total);
  g_assert_cmpuint (count.overdue, ==, overdue);
  g_assert_cmpstr (count_shown (f, days), ==, text);
}

static char *
agenda_names (Fixture *f)
{
  GListModel *agenda = pursuit_calendar_view_get_agenda (f->view);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (agenda); i++)
    {
      g_autoptr(PursuitProspect) prospect = g_list_model_get_item (agenda, i);
      g_string_append_printf (names, "%s%s", i > 0 ? "," : "", pursuit_prospect_get_name (prospect));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
select_day (Fixture *f,
            int      days)
{
  GDate date = day (f, days);

  pursuit_month_grid_select (f->grid, &date);
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 200);
}

static void
test_grid_counts (Fixture       *f,
                  gconstpointer  data)
{
  GDate first_of_month = f->today;
  int to_first;
  int empty;
  guint today_total;
  GtkWidget *today_cell;

  g_date_set_day (&first_of_month, 1);
  to_first = g_date_days_between (&f->today, &first_of_month);

  /* The 1st (overdue unless it is today), today, and the 20th. */
  add_active (f, "First A", PURSUIT_TIER_HOT, to_first, 9);
  add_active (f, "First B", PURSUIT_TIER_GOOD, to_first, 23);
  add_active (f, "Today A", PURSUIT_TIER_GOOD, 0, 8);
  add (f, "Today Customer", PURSUIT_STAGE_CUSTOMER, PURSUIT_TIER_NONE, 0, 11, 0);
  add_active (f, "Today B", PURSUIT_TIER_COOL, 0, 16);
  add_active (f, "Twentieth", PURSUIT_TIER_COLD, to_first + 19, 12);
  /* Not scheduled touches: the inbox and let-go prospects. */
  add (f, "In Box", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE, 0, 10, 0);
  add (f, "Let Go", PURSUIT_STAGE_CLOSED, PURSUIT_TIER_NONE, 0, 10, 0);

  open_window (f);
  today_total = 3 + (to_first == 0 ? 2 : 0) + (to_first + 19 == 0 ? 1 : 0);
  assert_count (f, 0, today_total, 0);
  if (to_first != 0)
    assert_count (f, to_first, 2, 2);
  if (to_first + 19 != 0)
    assert_count (f, to_first + 19, 1, to_first + 19 < 0 ? 1 : 0);
  empty = to_first + 5 == 0 ? to_first + 6 : to_first + 5;
  assert_count (f, empty, 0, 0);

  today_cell = pursuit_month_grid_get_cell (f->grid, &f->today);
  g_assert_true (gtk_widget_has_css_class (today_cell, "today"));
  g_assert_true (gtk_widget_has_css_class (today_cell, "selected"));
  if (to_first != 0)
    {
      GDate first = day (f, to_first);
      GtkWidget *first_cell = pursuit_month_grid_get_cell (f->grid, &first);

      g_assert_true (gtk_widget_has_css_class (first_cell, "has-overdue"));
      g_assert_false (gtk_widget_has_css_class (first_cell, "today"));
    }

  /* The grid follows the store. */
  add_active (f, "Today C", PURSUIT_TIER_HOT, 0, 18);
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 200);
  assert_count (f, 0, today_total + 1, 0);
}

static void
test_navigation (Fixture       *f,
                 gconstpointer  data)
{
  GDate selected;
  GDate expected;
  GDate next_month = f->today;
  PursuitDayCount count;

  g_date_add_months (&next_month, 1);
  add_active (f, "Next Month", PURSUIT_TIER_COOL, g_date_days_between (&f->today, &next_month), 10);
  open_window (f);

  gtk_widget_activate_action (GTK_WIDGET (f->grid), "grid.move", "i", 1);
  pursuit_month_grid_get_selected (f->grid, &selected);
  expected = day (f, 1);
  g_assert_cmpint (g_date_compare (&selected, &expected), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->grid), "grid.move", "i", 7);
  pursuit_month_grid_get_selected (f->grid, &selected);
  expected = day (f, 8);
  g_assert_cmpint (g_date_compare (&selected, &expected), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (f->grid), "grid.today", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->grid), "grid.move-month", "i", 1);
  pursuit_month_grid_get_selected (f->grid, &selected);
  g_assert_cmpint (g_date_compare (&selected, &next_month), ==, 0);
  g_assert_true (pursuit_month_grid_get_count (f->grid, &next_month, &count));
  g_assert_cmpuint (count.total, ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (f->grid), "grid.today", NULL);
  pursuit_month_grid_get_selected (f->grid, &selected);
  g_assert_cmpint (g_date_compare (&selected, &f->today), ==, 0);
}

static PursuitAgendaRow *
find_row (GtkWidget       *widget,
          PursuitProspect *prospect)
{
  if (PURSUIT_IS_AGENDA_ROW (widget) && pursuit_agenda_row_get_prospect (PURSUIT_AGENDA_ROW (widget)) == prospect)
    return PURSUIT_AGENDA_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      PursuitAgendaRow *found = find_row (child, prospect);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_selecting_a_day_fills_the_agenda (Fixture       *f,
                                       gconstpointer  data)
{
  PursuitProspect *late = add_active (f, "<b>Late</b> & Co", PURSUIT_TIER_GOOD, 2, 17);
  PursuitProspect *early = add_active (f, "Early", PURSUIT_TIER_HOT, 2, 8);
  PursuitProspect *overdue = add_active (f, "Overdue Olga", PURSUIT_TIER_GOOD, -3, 9);
  g_autofree char *names = NULL;
  g_autofree char *today_names = NULL;
  PursuitAgendaRow *row;

  add_active (f, "Other Day", PURSUIT_TIER_GOOD, 3, 9);
  open_window (f);
  today_names = agenda_names (f);
  g_assert_cmpstr (today_names, ==, "Overdue Olga");

  row = find_row (GTK_WIDGET (pursuit_calendar_view_get_agenda_view (f->view)), overdue);
  g_assert_nonnull (row);
  g_assert_cmpstr (pursuit_agenda_row_get_text (row, "heading"), ==, "Overdue · 1 touch");

  select_day (f, 2);
  names = agenda_names (f);
  g_assert_cmpstr (names, ==, "Early,<b>Late</b> & Co");
  g_assert_cmpuint (pursuit_calendar_view_get_n_overdue (f->view), ==, 0);

  row = find_row (GTK_WIDGET (pursuit_calendar_view_get_agenda_view (f->view)), early);
  g_assert_nonnull (row);
  g_assert_cmpstr (pursuit_agenda_row_get_text (row, "time"), ==, "08:00");
  g_assert_cmpstr (pursuit_agenda_row_get_text (row, "details"), ==, "Acme · Call");
  g_assert_cmpstr (pursuit_agenda_row_get_text (row, "reason"), ==, "Hot: every day");
  row = find_row (GTK_WIDGET (pursuit_calendar_view_get_agenda_view (f->view)), late);
  g_assert_nonnull (row);
  g_assert_null (pursuit_agenda_row_get_text (row, "heading"));
  g_assert_cmpstr (pursuit_agenda_row_get_text (row, "name"), ==, "<b>Late</b> & Co");

  /* A day in the past shows its own touches once, not again as overdue. */
  select_day (f, -3);
  g_clear_pointer (&names, g_free);
  names = agenda_names (f);
  g_assert_cmpstr (names, ==, "Overdue Olga");
  g_assert_cmpuint (pursuit_calendar_view_get_n_overdue (f->view), ==, 0);
}

/* The number a header starts with or holds after "· ": "Overdue · 3
 * touches" → 3, "4 touches" → 4. */
static guint
count_in (const char *text)
{
  const char *dot = strstr (text, "· ");
  const char *digits = dot != NULL ? dot + strlen ("· ") : text;

  g_assert_true (g_ascii_isdigit (*digits));
  return (guint) g_ascii_strtoull (digits, NULL, 10);
}

/* Every heading of the agenda counts the rows under it, up to the next
 * heading; the header above the agenda counts them all. */
static void
assert_headings_count_their_rows (Fixture *f)
{
  GListModel *agenda = pursuit_calendar_view_get_agenda (f->view);
  GtkWidget *list = GTK_WIDGET (pursuit_calendar_view_get_agenda_view (f->view));
  guint n = g_list_model_get_n_items (agenda);
  guint under = 0, said = 0;
  gboolean in_section = FALSE;

  g_assert_cmpuint (count_in (pursuit_calendar_view_get_summary (f->view)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PursuitProspect) prospect = g_list_model_get_item (agenda, i);
      PursuitAgendaRow *row = find_row (list, prospect);
      const char *heading;

      g_assert_nonnull (row);
      heading = pursuit_agenda_row_get_text (row, "heading");
      if (heading != NULL)
        {
          if (in_section)
            g_assert_cmpuint (under, ==, said);
          said = count_in (heading);
          under = 0;
          in_section = TRUE;
        }
      under++;
    }
  if (in_section)
    g_assert_cmpuint (under, ==, said);
}

static void
test_each_day_lists_its_own_touches (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *past = NULL;
  g_autofree char *today = NULL;
  g_autofree char *future = NULL;

  add_active (f, "Olga", PURSUIT_TIER_GOOD, -3, 9);
  add_active (f, "Oscar", PURSUIT_TIER_GOOD, -3, 10);
  add_active (f, "Pia", PURSUIT_TIER_COOL, -1, 9);
  add_active (f, "Tara", PURSUIT_TIER_HOT, 0, 10);
  add_active (f, "Fred", PURSUIT_TIER_GOOD, 2, 9);
  add_active (f, "Fay", PURSUIT_TIER_COLD, 2, 11);
  open_window (f);

  /* A day in the past: its own touches, nothing from other days. */
  select_day (f, -3);
  past = agenda_names (f);
  g_assert_cmpstr (past, ==, "Olga,Oscar");
  g_assert_cmpuint (pursuit_calendar_view_get_n_overdue (f->view), ==, 0);
  g_assert_cmpstr (pursuit_calendar_view_get_summary (f->view), ==, "2 touches");
  assert_headings_count_their_rows (f);

  /* Today: every overdue touch, then today's own. */
  select_day (f, 0);
  today = agenda_names (f);
  g_assert_cmpstr (today, ==, "Olga,Oscar,Pia,Tara");
  g_assert_cmpuint (pursuit_calendar_view_get_n_overdue (f->view), ==, 3);
  assert_headings_count_their_rows (f);

  /* A day to come: its own touches only, however much is overdue. */
  select_day (f, 2);
  future = agenda_names (f);
  g_assert_cmpstr (future, ==, "Fred,Fay");
  g_assert_cmpuint (pursuit_calendar_view_get_n_overdue (f->view), ==, 0);
  g_assert_cmpstr (pursuit_calendar_view_get_summary (f->view), ==, "2 touches");
  assert_headings_count_their_rows (f);
}

/* What the summary reminder's click does ("app.show-calendar"): the
 * window shows the calendar on today, with the overdue touches. */
static void
test_show_today_from_the_board (Fixture       *f,
                                gconstpointer  data)
{
  GDate selected;
  GDate later = day (f, 3);
  char iso[16];
  g_autofree char *names = NULL;

  add_active (f, "Overdue Olga", PURSUIT_TIER_GOOD, -2, 9);
  add_active (f, "Today Tom", PURSUIT_TIER_GOOD, 0, 9);
  f->window = pursuit_window_new (NULL, f->store, NULL);
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 200);
  f->view = PURSUIT_CALENDAR_VIEW (pursuit_test_find_widget (GTK_WIDGET (f->window), PURSUIT_TYPE_CALENDAR_VIEW));
  f->grid = pursuit_calendar_view_get_grid (f->view);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (f->view)));

  g_snprintf (iso, sizeof iso, "%04u-%02u-%02u", g_date_get_year (&later), g_date_get_month (&later),
              g_date_get_day (&later));
  g_assert_true (pursuit_calendar_view_show_day_in (GTK_WIDGET (f->window), iso));
  pursuit_month_grid_get_selected (f->grid, &selected);
  g_assert_cmpint (g_date_compare (&selected, &later), ==, 0);

  g_assert_true (pursuit_calendar_view_show_day_in (GTK_WIDGET (f->window), "today"));
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 200);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->view)));
  pursuit_month_grid_get_selected (f->grid, &selected);
  g_assert_cmpint (g_date_compare (&selected, &f->today), ==, 0);
  names = agenda_names (f);
  g_assert_cmpstr (names, ==, "Overdue Olga,Today Tom");
}

static gboolean
has_toplevel_of_type (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        return TRUE;
    }
  return FALSE;
}

static void
test_activating_opens_the_prospect (Fixture       *f,
                                    gconstpointer  data)
{
  add_active (f, "Opened", PURSUIT_TIER_GOOD, 0, 10);
  open_window (f);

  g_assert_false (has_toplevel_of_type (PURSUIT_TYPE_PROSPECT_PAGE));
  g_signal_emit_by_name (pursuit_calendar_view_get_agenda_view (f->view), "activate", 0);
  g_assert_true (has_toplevel_of_type (PURSUIT_TYPE_PROSPECT_PAGE));
}

/* The next touch and its manual flag, as a fresh store reads them from the
 * file. */
static void
assert_saved (Fixture    *f,
              gint64      id,
              GDateTime  *expected,
              gboolean    manual)
{
  g_autoptr(PursuitStore) reopened = NULL;
  g_autoptr(GError) error = NULL;
  PursuitProspect *saved;

  reopened = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  saved = pursuit_store_find (reopened, id);
  g_assert_nonnull (saved);
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (saved), expected));
  g_assert_cmpint (pursuit_prospect_get_next_touch_manual (saved), ==, manual);
}

static void
test_drop_reschedules (Fixture       *f,
                       gconstpointer  data)
{
  PursuitProspect *moved = add (f, "Dragged", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD, 2, 9, 15);
  g_autoptr(GDateTime) original = at (f, 2, 9, 15);
  g_autoptr(GDateTime) expected = at (f, 5, 9, 15);
  g_auto(GValue) value = G_VALUE_INIT;
  GDate target_day = day (f, 5);
  GtkDropTarget *target;
  gboolean handled = FALSE;

  open_window (f);
  target = pursuit_month_grid_get_drop_target (f->grid, &target_day);
  g_assert_nonnull (target);
  g_assert_cmpint (gtk_drop_target_get_actions (target), ==, GDK_ACTION_MOVE);
  g_assert_cmpuint (gtk_drop_target_get_gtypes (target, NULL)[0], ==, PURSUIT_TYPE_PROSPECT);

  g_value_init (&value, PURSUIT_TYPE_PROSPECT);
  g_value_set_object (&value, moved);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  g_assert_true (handled);

  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (moved), expected));
  g_assert_true (pursuit_prospect_get_next_touch_manual (moved));
  assert_saved (f, pursuit_prospect_get_id (moved), expected, TRUE);
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 200);
  assert_count (f, 2, 0, 0);
  assert_count (f, 5, 1, 0);

  /* Undo puts the touch back, in the file too. */
  g_assert_true (pursuit_calendar_view_undo (f->view));
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (moved), original));
  g_assert_false (pursuit_prospect_get_next_touch_manual (moved));
  assert_saved (f, pursuit_prospect_get_id (moved), original, FALSE);
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 200);
  assert_count (f, 2, 1, 0);
  g_assert_false (pursuit_calendar_view_undo (f->view));
}

static gboolean
shows_label_starting (GtkWidget  *widget,
                      const char *prefix)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget)
      && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label_starting (child, prefix))
      return TRUE;
  return FALSE;
}

static void
test_reschedule_from_menu (Fixture       *f,
                           gconstpointer  data)
{
  PursuitProspect *prospect = add (f, "<i>Picked</i> & Co", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COOL, 0, 14, 45);
  g_autoptr(GDateTime) expected = at (f, 9, 14, 45);
  GDate picked = day (f, 9);
  PursuitAgendaRow *row;

  open_window (f);
  row = find_row (GTK_WIDGET (pursuit_calendar_view_get_agenda_view (f->view)), prospect);
  g_assert_nonnull (row);
  pursuit_agenda_row_pick_date (row, &picked);

  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (prospect), expected));
  assert_saved (f, pursuit_prospect_get_id (prospect), expected, TRUE);
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 200);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_calendar_view_get_agenda (f->view)), ==, 0);
  /* The undo toast names the prospect as typed, not as markup. */
  g_assert_true (shows_label_starting (GTK_WIDGET (f->window), "<i>Picked</i> & Co moved to "));
}

static void
test_reschedule_refuses_the_past (Fixture       *f,
                                  gconstpointer  data)
{
  PursuitProspect *prospect = add (f, "Late Lou", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD, -40, 9, 30);
  g_autoptr(GDateTime) original = at (f, -40, 9, 30);
  g_autoptr(GDateTime) picker_day = NULL;
  g_autoptr(GError) error = NULL;
  GDate yesterday = day (f, -1);
  PursuitAgendaRow *row;
  GtkWidget *button;
  GtkCalendar *calendar;

  open_window (f);
  g_assert_false (pursuit_calendar_view_reschedule (f->view, prospect, &yesterday, &error));
  g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "past"));
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (prospect), original));
  assert_saved (f, pursuit_prospect_get_id (prospect), original, FALSE);
  g_assert_false (pursuit_calendar_view_undo (f->view));

  /* The picker of an overdue touch opens on today, not on its month. */
  row = find_row (GTK_WIDGET (pursuit_calendar_view_get_agenda_view (f->view)), prospect);
  g_assert_nonnull (row);
  button = pursuit_test_find_widget (GTK_WIDGET (row), GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 100);
  calendar = GTK_CALENDAR (pursuit_test_find_widget (button, GTK_TYPE_CALENDAR));
  g_assert_nonnull (calendar);
  picker_day = gtk_calendar_get_date (calendar);
  g_assert_cmpint (g_date_time_get_year (picker_day), ==, g_date_get_year (&f->today));
  g_assert_cmpint (g_date_time_get_month (picker_day), ==, g_date_get_month (&f->today));
  g_assert_cmpint (g_date_time_get_day_of_month (picker_day), ==, g_date_get_day (&f->today));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
}

static GtkWidget *
find_widget_with_label (GtkWidget  *widget,
                        const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_with_label (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_spread_moves_only_the_overflow (Fixture       *f,
                                     gconstpointer  data)
{
  PursuitPolicy policy = *pursuit_store_get_policy (f->store);
  PursuitProspect *hot = add_active (f, "Hot Late", PURSUIT_TIER_HOT, 2, 20);
  PursuitProspect *eight = add_active (f, "Eight", PURSUIT_TIER_GOOD, 2, 8);
  PursuitProspect *nine = add_active (f, "Nine", PURSUIT_TIER_GOOD, 2, 9);
  PursuitProspect *ten = add_active (f, "Ten", PURSUIT_TIER_COOL, 2, 10);
  g_autoptr(GDateTime) hot_time = at (f, 2, 20, 0);
  g_autoptr(GDateTime) eight_time = at (f, 2, 8, 0);
  g_autoptr(GDateTime) nine_time = at (f, 2, 9, 0);
  g_autoptr(GDateTime) ten_time = at (f, 2, 10, 0);
  g_autoptr(GDateTime) nine_moved = at (f, 3, 9, 0);
  g_autoptr(GDateTime) ten_moved = at (f, 4, 10, 0);
  GtkWidget *busy_cell;
  GDate busy = day (f, 2);
  int grid_width;

  add_active (f, "Next Day", PURSUIT_TIER_GOOD, 3, 12);
  policy.max_per_day = 2;
  pursuit_store_set_policy (f->store, &policy);
  open_window (f);

  busy_cell = pursuit_month_grid_get_cell (f->grid, &busy);
  g_assert_true (gtk_widget_has_css_class (busy_cell, "overloaded"));
  grid_width = gtk_widget_get_width (GTK_WIDGET (f->grid));
  g_assert_cmpint (grid_width, >, 0);
  select_day (f, 2);
  /* The Spread button shows; the grid keeps its size. */
  g_assert_true (gtk_widget_get_mapped (find_widget_with_label (GTK_WIDGET (f->view), "_Spread")));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->grid)), ==, grid_width);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "calendar.spread", NULL));

  /* The hot prospect and the earliest other stay; the rest move, in
   * order, to the next days with room, keeping their time. */
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (hot), hot_time));
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (eight), eight_time));
  g_assert_false (pursuit_prospect_get_next_touch_manual (eight));
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (nine), nine_moved));
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (ten), ten_moved));
  assert_saved (f, pursuit_prospect_get_id (nine), nine_moved, TRUE);
  assert_saved (f, pursuit_prospect_get_id (ten), ten_moved, TRUE);
  assert_saved (f, pursuit_prospect_get_id (hot), hot_time, FALSE);
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 200);
  assert_count (f, 2, 2, 0);
  assert_count (f, 3, 2, 0);
  assert_count (f, 4, 1, 0);
  g_assert_false (gtk_widget_has_css_class (busy_cell, "overloaded"));

  g_assert_true (pursuit_calendar_view_undo (f->view));
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (nine), nine_time));
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (ten), ten_time));
  g_assert_false (pursuit_prospect_get_next_touch_manual (ten));
  assert_saved (f, pursuit_prospect_get_id (nine), nine_time, FALSE);
  assert_saved (f, pursuit_prospect_get_id (ten), ten_time, FALSE);
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 200);
  assert_count (f, 2, 4, 0);
  g_assert_true (gtk_widget_has_css_class (busy_cell, "overloaded"));
}

static void
test_export_ics_file (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "export.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  add_active (f, "Exported", PURSUIT_TIER_GOOD, 1, 10);
  open_window (f);
  g_assert_true (pursuit_calendar_view_export_ics_to (f->view, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "SUMMARY:Call Exported — Acme"));
  g_unlink (path);
}

static void
test_hidden_view_catches_up (Fixture       *f,
                             gconstpointer  data)
{
  AdwViewStack *stack;

  add_active (f, "Before", PURSUIT_TIER_GOOD, 1, 10);
  f->window = pursuit_window_new (NULL, f->store, NULL);
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 200);
  f->view = PURSUIT_CALENDAR_VIEW (pursuit_test_find_widget (GTK_WIDGET (f->window), PURSUIT_TYPE_CALENDAR_VIEW));
  f->grid = pursuit_calendar_view_get_grid (f->view);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (f->view)));

  /* Changed while the board shows; the calendar reads it when shown. */
  add_active (f, "While Hidden", PURSUIT_TIER_GOOD, 1, 11);
  stack = ADW_VIEW_STACK (pursuit_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK));
  adw_view_stack_set_visible_child_name (stack, "calendar");
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 200);
  assert_count (f, 1, 2, 0);
}

/* Whether the agenda of the view lists @data's count of touches. */
typedef struct
{
  Fixture *f;
  guint    n;
} AgendaWait;

static gboolean
agenda_has (gpointer data)
{
  AgendaWait *wait = data;

  return g_list_model_get_n_items (pursuit_calendar_view_get_agenda (wait->f->view)) == wait->n;
}

/* The view's store is a property; the grid of its template binds to it,
 * and a swapped store is followed while the old one is let go: its
 * changes no longer reach the view. */
static void
test_store_property_swaps (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(PursuitStore) other = pursuit_store_open (other_path, &error);
  g_autoptr(PursuitProspect) elsewhere = pursuit_prospect_new ("Elsewhere");
  g_autoptr(GDateTime) tomorrow = at (f, 1, 10, 0);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  PursuitStore *store = NULL;
  AgendaWait wait = { f, 0 };

  g_assert_no_error (error);
  add_active (f, "Today A", PURSUIT_TIER_HOT, 0, 9);
  f->view = g_object_new (PURSUIT_TYPE_CALENDAR_VIEW, "store", f->store, NULL);
  f->grid = pursuit_calendar_view_get_grid (f->view);
  gtk_window_set_child (window, GTK_WIDGET (f->view));
  gtk_window_set_default_size (window, 1000, 700);
  pursuit_test_show_and_wait (window, 200);

  g_object_get (f->view, "store", &store, NULL);
  g_assert_true (store == f->store);
  g_object_unref (store);
  g_assert_true (pursuit_month_grid_get_store (f->grid) == f->store);
  assert_count (f, 0, 1, 0);
  wait.n = 1;
  pursuit_test_wait_until (agenda_has, &wait, 10000);

  g_object_set (f->view, "store", other, NULL);
  g_assert_true (pursuit_month_grid_get_store (f->grid) == other);
  wait.n = 0;
  pursuit_test_wait_until (agenda_has, &wait, 10000);
  assert_count (f, 0, 0, 0);

  /* The old store's changes do not reach the view; the new one's do. */
  add_active (f, "Today B", PURSUIT_TIER_GOOD, 0, 10);
  pursuit_prospect_set_stage (elsewhere, PURSUIT_STAGE_ACTIVE);
  pursuit_prospect_set_tier (elsewhere, PURSUIT_TIER_GOOD);
  pursuit_prospect_set_next_touch (elsewhere, tomorrow);
  g_assert_true (pursuit_store_add (other, elsewhere, &error));
  g_assert_no_error (error);
  pursuit_test_show_and_wait (window, 200);
  assert_count (f, 0, 0, 0);
  assert_count (f, 1, 1, 0);
  gtk_window_destroy (window);
}

/* An agenda row is a drag source of its prospect, by MOVE: what a day of
 * the grid takes. */
static void
test_agenda_row_drags_its_prospect (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(PursuitProspect) prospect = g_object_ref (add_active (f, "Dragged", PURSUIT_TIER_GOOD, 0, 9));
  PursuitAgendaRow *row = pursuit_agenda_row_new ();
  g_autoptr(GListModel) controllers = NULL;
  g_autoptr(GdkContentProvider) content = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  GtkDragSource *source = NULL;
  g_autoptr(GError) error = NULL;

  g_object_ref_sink (row);
  pursuit_agenda_row_set_prospect (row, prospect, pursuit_store_get_policy (f->store), FALSE);
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (row));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DRAG_SOURCE (controller))
        source = GTK_DRAG_SOURCE (controller);
    }
  g_assert_nonnull (source);
  g_assert_cmpint (gtk_drag_source_get_actions (source), ==, GDK_ACTION_MOVE);
  g_signal_emit_by_name (source, "prepare", 5.0, 5.0, &content);
  g_assert_nonnull (content);
  g_value_init (&value, PURSUIT_TYPE_PROSPECT);
  g_assert_true (gdk_content_provider_get_value (content, &value, &error));
  g_assert_no_error (error);
  g_assert_true (g_value_get_object (&value) == prospect);

  /* Without a prospect there is nothing to drag. */
  g_clear_object (&content);
  pursuit_agenda_row_set_prospect (row, NULL, NULL, FALSE);
  g_signal_emit_by_name (source, "prepare", 5.0, 5.0, &content);
  g_assert_null (content);
  g_clear_object (&controllers);
  g_object_unref (row);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/calendar/grid-counts", test_grid_counts);
  ADD ("/ui/calendar/navigation", test_navigation);
  ADD ("/ui/calendar/selecting-a-day-fills-the-agenda", test_selecting_a_day_fills_the_agenda);
  ADD ("/ui/calendar/each-day-lists-its-own-touches", test_each_day_lists_its_own_touches);
  ADD ("/ui/calendar/show-today-from-the-board", test_show_today_from_the_board);
  ADD ("/ui/calendar/activating-opens-the-prospect", test_activating_opens_the_prospect);
  ADD ("/ui/calendar/drop-reschedules", test_drop_reschedules);
  ADD ("/ui/calendar/reschedule-from-menu", test_reschedule_from_menu);
  ADD ("/ui/calendar/reschedule-refuses-the-past", test_reschedule_refuses_the_past);
  ADD ("/ui/calendar/spread-moves-only-the-overflow", test_spread_moves_only_the_overflow);
  ADD ("/ui/calendar/export-ics-file", test_export_ics_file);
  ADD ("/ui/calendar/hidden-view-catches-up", test_hidden_view_catches_up);
  ADD ("/ui/calendar/store-property-swaps", test_store_property_swaps);
  ADD ("/ui/calendar/agenda-row-drags-its-prospect", test_agenda_row_drags_its_prospect);
#undef ADD

  return g_test_run ();
}
