/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pursuit-board.h"
#include "pursuit-calendar-view.h"
#include "pursuit-csv.h"
#include "pursuit-import-dialog.h"
#include "pursuit-insights-view.h"
#include "pursuit-let-go-dialog.h"
#include "pursuit-merge-dialog.h"
#include "pursuit-preferences-window.h"
#include "pursuit-prospect-card.h"
#include "pursuit-prospect-dialog.h"
#include "pursuit-prospect-page.h"
#include "pursuit-store.h"
#include "pursuit-stage-column.h"
#include "pursuit-touch-dialog.h"
#include "pursuit-window.h"
#include "test-util.h"

/* Every page and dialog fits a window 360 px wide (a phone, a narrow
 * tile) and uses the room of a wide one, in German, whose words are long:
 * the board shows one column at a time with a switcher when narrow and
 * all five side by side when wide, the calendar its agenda, and no text
 * is cut where its meaning lives.
 *
 * With PURSUIT_SHOTS_DIR set, each state checked is also saved there as
 * a PNG (NAME-WIDTH.png), for a look at them. */

#define NARROW 360
#define WIDE   1400
#define HEIGHT 800

typedef struct
{
  char          *dir;
  char          *path;
  PursuitStore  *store;
  PursuitWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (TEST_DATA_DIR, "sample-pipeline.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  g_autoptr(GError) error = NULL;

  f->dir = pursuit_test_make_dir ("pursuit-narrow");
  f->path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  pursuit_csv_import (f->store, file, NULL, &error);
  g_assert_no_error (error);
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

/* Saves what @widget (a window) shows, when asked to. */
static void
shoot (GtkWidget  *widget,
       const char *name)
{
  const char *dir = g_getenv ("PURSUIT_SHOTS_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (dir == NULL)
    return;
  pursuit_test_wait (400);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("%s-%d.png", name, width);
  path = g_build_filename (dir, file, NULL);
  gdk_texture_save_to_png (texture, path);
}

static void
open_window (Fixture *f,
             int      width)
{
  f->window = pursuit_window_new (NULL, f->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, HEIGHT);
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 300);
}

static GtkWidget *
find_by_type (GtkWidget *widget,
              GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_by_name (GtkWidget  *widget,
              const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_name (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
show_view (Fixture    *f,
           const char *name)
{
  AdwViewStack *stack = ADW_VIEW_STACK (find_by_type (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK));

  GtkWidget *page;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  adw_view_stack_set_visible_child_name (stack, name);
  page = adw_view_stack_get_visible_child (stack);
  /* Until the page has been laid out, at a frame to come. */
  while ((!gtk_widget_get_mapped (page) || gtk_widget_get_width (page) == 0) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_widget_get_mapped (page) && gtk_widget_get_width (page) > 0);
}

/* The least width @widget asks for. */
static int
min_width (GtkWidget *widget)
{
  int minimum = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

/* Whether @widget is on screen, with room. */
static gboolean
shown (GtkWidget *widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

/* Runs the main context until @widget is shown or not, as @expected, for
 * at most 10 s: a switcher appears the frame after the columns fold. */
static void
wait_shown (GtkWidget *widget,
            gboolean   expected)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (shown (widget) != expected && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

static guint
count_shown_columns (PursuitBoard *board)
{
  guint n = 0;

  for (guint i = 0; i < PURSUIT_BOARD_N_COLUMNS; i++)
    n += shown (GTK_WIDGET (pursuit_board_get_column (board, i)));
  return n;
}

/* Names the widgets too wide for a narrow window whose children are not,
 * where a failure starts. */
static gboolean
report_too_wide (GtkWidget *widget)
{
  gboolean child_too_wide = FALSE;

  if (!gtk_widget_get_visible (widget) || min_width (widget) <= NARROW)
    return FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    child_too_wide |= report_too_wide (child);
  if (!child_too_wide)
    g_test_message ("too wide: %s %s (%s) asks for %d px", G_OBJECT_TYPE_NAME (widget),
                    gtk_widget_get_name (widget), gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)),
                    min_width (widget));
  return TRUE;
}

static void
assert_fits (GtkWidget  *window,
             const char *what)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));

  g_test_message ("%s asks for %d px", what, min_width (content));
  report_too_wide (content);
  g_assert_cmpint (min_width (content), <=, NARROW);
  g_assert_cmpint (gtk_widget_get_width (window), <=, NARROW);
}

/* Counts the labels in @widget that show @text, and fails on any of them
 * that is cut. */
static guint
count_whole_labels (GtkWidget  *widget,
                    const char *text)
{
  guint n = 0;

  if (GTK_IS_LABEL (widget) && shown (widget) && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text))
    {
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))));
      n++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_whole_labels (child, text);
  return n;
}

static void
test_board (Fixture       *f,
            gconstpointer  data)
{
  PursuitBoard *board;
  GtkWidget *switcher;

  open_window (f, NARROW);
  show_view (f, "board");
  board = PURSUIT_BOARD (pursuit_window_get_board (f->window));
  shoot (GTK_WIDGET (f->window), "board");
  report_too_wide (GTK_WIDGET (board));
  g_assert_cmpint (min_width (GTK_WIDGET (board)), <=, NARROW);
  switcher = find_by_name (GTK_WIDGET (board), "column-switcher");
  g_assert_nonnull (switcher);
  wait_shown (switcher, TRUE);
  g_assert_true (shown (switcher));
  g_assert_cmpuint (count_shown_columns (board), ==, 1);
  g_assert_true (shown (GTK_WIDGET (pursuit_board_get_column (board, 0))));
  /* The Inbox's cards plan no follow-up, and say so whole: cut at its
   * start, the German read as its opposite ("…iedervorlage geplant"). */
  g_assert_cmpuint (count_whole_labels (GTK_WIDGET (board), _("no follow-up planned")), ==, 3);
  pursuit_test_destroy_windows ();

  open_window (f, WIDE);
  show_view (f, "board");
  board = PURSUIT_BOARD (pursuit_window_get_board (f->window));
  shoot (GTK_WIDGET (f->window), "board");
  g_assert_cmpuint (count_shown_columns (board), ==, PURSUIT_BOARD_N_COLUMNS);
  switcher = find_by_name (GTK_WIDGET (board), "column-switcher");
  wait_shown (switcher, FALSE);
  g_assert_false (shown (switcher));
  g_assert_cmpuint (count_whole_labels (GTK_WIDGET (board), _("no follow-up planned")), ==, 3);
}

static void
test_calendar (Fixture       *f,
               gconstpointer  data)
{
  PursuitCalendarView *calendar;

  open_window (f, NARROW);
  g_assert_true (pursuit_calendar_view_show_day_in (GTK_WIDGET (f->window), "today"));
  calendar = PURSUIT_CALENDAR_VIEW (find_by_type (GTK_WIDGET (f->window), PURSUIT_TYPE_CALENDAR_VIEW));
  /* The page is laid out at the next frame, which a slow build (the
   * sanitizers') may take more than a moment to reach. */
  wait_shown (GTK_WIDGET (calendar), TRUE);
  g_assert_true (shown (GTK_WIDGET (calendar)));
  shoot (GTK_WIDGET (f->window), "calendar");
  report_too_wide (GTK_WIDGET (calendar));
  g_assert_cmpint (min_width (GTK_WIDGET (calendar)), <=, NARROW);
  /* Once the leaflet's slide, if any, is over. */
  wait_shown (GTK_WIDGET (pursuit_calendar_view_get_grid (calendar)), FALSE);
  g_assert_true (shown (GTK_WIDGET (pursuit_calendar_view_get_agenda_view (calendar))));
  g_assert_false (shown (GTK_WIDGET (pursuit_calendar_view_get_grid (calendar))));
  pursuit_test_destroy_windows ();

  open_window (f, WIDE);
  g_assert_true (pursuit_calendar_view_show_day_in (GTK_WIDGET (f->window), "today"));
  calendar = PURSUIT_CALENDAR_VIEW (find_by_type (GTK_WIDGET (f->window), PURSUIT_TYPE_CALENDAR_VIEW));
  /* The page is laid out at the next frame, which a slow build (the
   * sanitizers') may take more than a moment to reach. */
  wait_shown (GTK_WIDGET (calendar), TRUE);
  g_assert_true (shown (GTK_WIDGET (calendar)));
  shoot (GTK_WIDGET (f->window), "calendar");
  g_assert_true (shown (GTK_WIDGET (pursuit_calendar_view_get_agenda_view (calendar))));
  g_assert_true (shown (GTK_WIDGET (pursuit_calendar_view_get_grid (calendar))));
}

/* The application's style sheet, which only an AdwApplication loads by
 * itself: the columns' widths are set there. */
static void
load_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, "/io/github/pursuit/Pursuit/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* The page @name in a narrow window, then in wider ones: it fits the
 * narrow one. */
static void
check_view (Fixture    *f,
            const char *name,
            gboolean    strict)
{
  const int widths[] = { NARROW, 640, 1024, WIDE };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      AdwViewStack *stack;
      GtkWidget *view;

      open_window (f, widths[i]);
      show_view (f, name);
      stack = ADW_VIEW_STACK (find_by_type (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK));
      view = adw_view_stack_get_visible_child (stack);
      pursuit_test_wait (500);
      shoot (GTK_WIDGET (f->window), name);
      if (widths[i] == NARROW && strict)
        {
          report_too_wide (view);
          g_assert_cmpint (min_width (view), <=, NARROW);
        }
      pursuit_test_destroy_windows ();
    }
}

/* Every page together: the window can be made 360 px wide. */
static void
test_window (Fixture       *f,
             gconstpointer  data)
{
  open_window (f, NARROW);
  shoot (GTK_WIDGET (f->window), "window");
  assert_fits (GTK_WIDGET (f->window), "the window");
}

/* Only for a look at them: every page at every width. */
static void
test_shots (Fixture       *f,
            gconstpointer  data)
{
  if (g_getenv ("PURSUIT_SHOTS_DIR") == NULL)
    {
      g_test_skip ("PURSUIT_SHOTS_DIR is not set");
      return;
    }
  /* The board and the calendar are checked in their own tests; the Today
   * page, with every other, in /narrow/window. */
  check_view (f, "board", FALSE);
  check_view (f, "calendar", FALSE);
  check_view (f, "today", FALSE);
}

static void
test_insights (Fixture       *f,
               gconstpointer  data)
{
  check_view (f, "insights", TRUE);
}

/* @dialog, opened over a narrow window, fits it. */
static void
check_dialog (GtkWidget  *dialog,
              const char *name)
{
  GtkWidget *content = gtk_window_get_child (GTK_WINDOW (dialog));

  gtk_window_set_default_size (GTK_WINDOW (dialog), NARROW, HEIGHT);
  pursuit_test_show_and_wait (GTK_WINDOW (dialog), 300);
  shoot (dialog, name);
  report_too_wide (content);
  g_test_message ("%s asks for %d px", name, min_width (content));
  g_assert_cmpint (min_width (content), <=, NARROW);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static PursuitProspect *
first_prospect (Fixture *f)
{
  GListModel *prospects = pursuit_store_get_prospects (f->store);

  return PURSUIT_PROSPECT (g_list_model_get_object (prospects, 0));
}

static void
test_dialogs (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PursuitProspect) prospect = first_prospect (f);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) revisit = g_date_time_add_months (now, 6);
  g_autofree char *csv = g_build_filename (TEST_DATA_DIR, "sample-pipeline.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  g_autoptr(GError) error = NULL;
  GtkWindow *parent;
  PursuitImportDialog *import;

  open_window (f, NARROW);
  parent = GTK_WINDOW (f->window);
  check_dialog (GTK_WIDGET (pursuit_prospect_dialog_new (parent, f->store, prospect)), "prospect-dialog");
  check_dialog (GTK_WIDGET (pursuit_prospect_dialog_new (parent, f->store, NULL)), "new-prospect-dialog");
  check_dialog (GTK_WIDGET (pursuit_touch_dialog_new (parent, f->store, prospect, NULL)), "touch-dialog");
  check_dialog (GTK_WIDGET (pursuit_let_go_dialog_new (parent, prospect, revisit)), "let-go-dialog");
  check_dialog (GTK_WIDGET (pursuit_merge_dialog_new (parent, f->store, prospect)), "merge-dialog");
  check_dialog (GTK_WIDGET (pursuit_preferences_window_new (parent, settings)), "preferences");
  check_dialog (GTK_WIDGET (pursuit_prospect_page_new (parent, f->store, prospect)), "prospect-page");
  import = pursuit_import_dialog_new (parent, f->store, file, &error);
  g_assert_no_error (error);
  check_dialog (GTK_WIDGET (import), "import-dialog");
}

int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: it hides XDG_DATA_DIRS, and with them
   * the MIME database that GdkPixbuf needs to load SVG icons. The test
   * writes only to its own temporary folders. */
  g_autofree char *data_home = g_dir_make_tmp ("pursuit-narrow-data-XXXXXX", NULL);
  g_autofree char *build = g_path_get_dirname (PURSUIT_EXECUTABLE);
  g_autofree char *locale_dir = g_build_filename (build, "..", "po", NULL);
  int status;

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  /* In German, whose words are long, from the build's translations. */
  g_setenv ("LANGUAGE", g_getenv ("PURSUIT_TEST_LANGUAGE") != NULL ? g_getenv ("PURSUIT_TEST_LANGUAGE") : "de", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();
  load_style ();
  /* GNOME's title bar buttons (Xvfb's default adds minimize and maximize). */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/narrow/board", test_board);
  ADD ("/narrow/calendar", test_calendar);
  ADD ("/narrow/insights", test_insights);
  ADD ("/narrow/dialogs", test_dialogs);
  ADD ("/narrow/shots", test_shots);
  ADD ("/narrow/window", test_window);
#undef ADD

  status = g_test_run ();
  pursuit_test_remove_tree (data_home);
  return status;
}
