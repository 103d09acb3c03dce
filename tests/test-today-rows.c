/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "pursuit-prospect-card.h"
#include "pursuit-store.h"
#include "pursuit-today-page.h"
#include "pursuit-today-row.h"
#include "pursuit-window.h"
#include "test-util.h"

/* The Today page with 2,000 follow-ups due makes and binds the rows
 * that fit in the window, not a row for every one of them (GTK 4.8's
 * list view keeps up to 200 rows around what it shows, each made and
 * bound before the window's first frame), and once shown it still
 * lists all of them, in order, down to the last. */

#define N_DUE 2000
/* Rows on a screen of 900 pixels, and a screen more. */
#define MAX_ROWS 40

typedef struct
{
  char          *dir;
  char          *path;
  PursuitStore  *store;
  PursuitWindow *window;
} Fixture;

/* The rows of the list that exist, and how many of them show a prospect. */
static guint
count_rows (GtkWidget *list,
            guint     *n_bound)
{
  guint n = 0;

  *n_bound = 0;
  for (GtkWidget *item = gtk_widget_get_first_child (list); item != NULL; item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);

      if (row == NULL || !PURSUIT_IS_TODAY_ROW (row))
        continue;
      n++;
      if (pursuit_today_row_get_prospect (PURSUIT_TODAY_ROW (row)) != NULL)
        (*n_bound)++;
    }
  return n;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) prospects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;

  f->dir = pursuit_test_make_dir ("pursuit-today-rows");
  f->path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_DUE; i++)
    {
      g_autofree char *name = g_strdup_printf ("Due %04u", i);
      /* All overdue, the oldest first: the order does not depend on
       * the time of day the test runs. */
      g_autoptr(GDateTime) when = g_date_time_add_minutes (now, -(int) (2 * 24 * 60 + i));
      PursuitProspect *p = pursuit_prospect_new (name);

      pursuit_prospect_set_company (p, "Initech");
      pursuit_prospect_set_phone (p, "+49 30 555 0100");
      pursuit_prospect_set_stage (p, PURSUIT_STAGE_ACTIVE);
      pursuit_prospect_set_tier (p, PURSUIT_TIER_GOOD);
      pursuit_prospect_set_next_touch (p, when);
      g_ptr_array_add (prospects, p);
    }
  g_assert_true (pursuit_store_add_many (f->store, prospects, &error));
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

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

typedef struct
{
  GtkWidget       *list;
  PursuitProspect *prospect;
} Wanted;

static PursuitTodayRow *
row_of (GtkWidget       *list,
        PursuitProspect *p)
{
  for (GtkWidget *item = gtk_widget_get_first_child (list); item != NULL; item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);

      if (row != NULL && PURSUIT_IS_TODAY_ROW (row) && pursuit_today_row_get_prospect (PURSUIT_TODAY_ROW (row)) == p)
        return PURSUIT_TODAY_ROW (row);
    }
  return NULL;
}

/* Scrolls to the end of what the list has, as a user dragging the
 * scroll bar down does, until the row of @wanted is there. */
static gboolean
scrolled_to (gpointer data)
{
  Wanted *wanted = data;
  GtkWidget *scroller = gtk_widget_get_ancestor (wanted->list, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

  if (row_of (wanted->list, wanted->prospect) != NULL)
    return TRUE;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
  return FALSE;
}

static gboolean
focused_on (gpointer data)
{
  Wanted *wanted = data;
  PursuitTodayPage *page = PURSUIT_TODAY_PAGE (gtk_widget_get_ancestor (wanted->list, PURSUIT_TYPE_TODAY_PAGE));

  return pursuit_today_page_get_focused (page) == wanted->prospect;
}

/* The page's order is the most overdue first; each row bound shows its
 * own prospect's name, those from @first to @last among them, and no
 * more than @max rows are bound. */
static void
assert_rows (PursuitTodayPage *page,
             GtkWidget        *list,
             guint             first,
             guint             last,
             guint             max)
{
  g_autofree gboolean *seen = g_new0 (gboolean, N_DUE);
  guint n_bound = 0;

  for (guint i = 0; i < N_DUE; i++)
    {
      g_autofree char *name = g_strdup_printf ("Due %04u", N_DUE - 1 - i);

      g_assert_cmpstr (pursuit_prospect_get_name (pursuit_today_page_get_prospect (page, i)), ==, name);
    }
  for (GtkWidget *item = gtk_widget_get_first_child (list); item != NULL; item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);
      PursuitProspect *p;
      guint position;

      if (row == NULL || !PURSUIT_IS_TODAY_ROW (row))
        continue;
      p = pursuit_today_row_get_prospect (PURSUIT_TODAY_ROW (row));
      if (p == NULL)
        continue;
      g_assert_cmpstr (pursuit_today_row_get_text (PURSUIT_TODAY_ROW (row), "name"), ==, pursuit_prospect_get_name (p));
      position = N_DUE - 1 - (guint) atoi (pursuit_prospect_get_name (p) + strlen ("Due "));
      g_assert_false (seen[position]);
      seen[position] = TRUE;
      n_bound++;
    }
  for (guint i = first; i <= last; i++)
    g_assert_true (seen[i]);
  g_assert_cmpuint (n_bound, <=, max);
}

static guint
count_widgets (GtkWidget *widget,
               GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (widget, type) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child, type);
  return n;
}

static gboolean
board_has_cards (gpointer data)
{
  return count_widgets (GTK_WIDGET (data), PURSUIT_TYPE_PROSPECT_CARD) > 0;
}

static void
test_first_frame (Fixture       *f,
                  gconstpointer  data)
{
  gboolean painted = FALSE;
  PursuitTodayPage *page;
  GtkWidget *list;
  GtkWidget *heading;
  guint n_made, n_bound;
  gulong handler;
  GdkFrameClock *clock;
  g_autoptr(GString) digits = g_string_new (NULL);
  Wanted last = { 0 };
  Wanted far = { 0 };

  f->window = pursuit_window_new (NULL, f->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 900);
  page = PURSUIT_TODAY_PAGE (pursuit_test_find_widget (GTK_WIDGET (f->window), PURSUIT_TYPE_TODAY_PAGE));
  list = pursuit_test_find_widget (GTK_WIDGET (page), GTK_TYPE_LIST_VIEW);
  /* Made, before anything is shown: a screen's rows at most. */
  n_made = count_rows (list, &n_bound);
  g_test_message ("%u rows made, %u bound with the window", n_made, n_bound);
  g_assert_cmpuint (n_made, <=, MAX_ROWS);
  g_assert_cmpuint (n_bound, <=, MAX_ROWS);
  /* The Board is not shown first: its cards wait for the first frame. */
  g_assert_cmpuint (count_widgets (GTK_WIDGET (f->window), PURSUIT_TYPE_PROSPECT_CARD), ==, 0);

  gtk_widget_realize (GTK_WIDGET (f->window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_window_present (GTK_WINDOW (f->window));
  pursuit_test_wait_until (is_true, &painted, 60000);
  g_signal_handler_disconnect (clock, handler);
  n_made = count_rows (list, &n_bound);
  g_test_message ("%u rows made, %u bound at the first frame, %.0f pixels of rows for %.0f shown", n_made, n_bound,
                   gtk_adjustment_get_upper (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list))),
                   gtk_adjustment_get_page_size (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list))));
  g_assert_cmpuint (n_made, <=, MAX_ROWS);
  g_assert_cmpuint (n_bound, <=, MAX_ROWS);

  /* All of them counted, and the first screen in order. */
  g_assert_cmpuint (pursuit_today_page_get_n_shown (page), ==, N_DUE);
  g_assert_cmpuint (pursuit_today_page_get_n_due (page), ==, N_DUE);
  heading = pursuit_test_find_widget (GTK_WIDGET (page), GTK_TYPE_LABEL);
  g_assert_true (g_str_has_suffix (gtk_label_get_text (GTK_LABEL (heading)), " follow-ups"));
  /* In digits, grouped as the locale groups them. */
  for (const char *c = gtk_label_get_text (GTK_LABEL (heading)); *c != '\0'; c++)
    if (g_ascii_isdigit (*c))
      g_string_append_c (digits, *c);
  g_assert_cmpstr (digits->str, ==, "2000");
  assert_rows (page, list, 0, 5, MAX_ROWS);
  /* Then the Board has its cards, without being shown. */
  pursuit_test_wait_until (board_has_cards, f->window, 60000);

  /* The keyboard's focus reaches a row far down. */
  far.list = list;
  far.prospect = pursuit_today_page_get_prospect (page, 1500);
  pursuit_today_page_focus_row (page, 1500);
  pursuit_test_wait_until (focused_on, &far, 60000);
  g_assert_cmpstr (pursuit_prospect_get_name (far.prospect), ==, "Due 0499");

  /* Scrolled down, the list goes on to the last one. */
  last.list = list;
  last.prospect = pursuit_today_page_get_prospect (page, N_DUE - 1);
  g_assert_cmpstr (pursuit_prospect_get_name (last.prospect), ==, "Due 0000");
  pursuit_test_wait_until (scrolled_to, &last, 60000);
  /* GTK's own bound: 200 rows around what it shows, and the focused. */
  assert_rows (page, list, N_DUE - 6, N_DUE - 1, 210);
}

int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: it hides XDG_DATA_DIRS, and with them
   * the MIME database that GdkPixbuf needs to load SVG icons. The test
   * writes only to folders of its own. */
  g_autofree char *home = pursuit_test_make_dir ("pursuit-today-rows-home");
  const char *vars[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };
  int status;

  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      g_autofree char *dir = g_build_filename (home, vars[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_setenv (vars[i], dir, TRUE);
    }
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/today/rows/first-frame", Fixture, NULL, fixture_set_up, test_first_frame, fixture_tear_down);
  status = g_test_run ();
  pursuit_test_remove_tree (home);
  return status;
}
