/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test-grouping"

#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "pursuit-csv.h"
#include "pursuit-stage-column.h"
#include "pursuit-store.h"
#include "pursuit-today-page.h"
#include "pursuit-window.h"
#include "test-util.h"

/* Counts in the window grouped as the locale groups digits: 1,200 Hot
 * prospects, all due today, read "1.200" in German (LC_NUMERIC only: the
 * text stays English) on the Today page's heading and the Hot column. */

#define N_PROSPECTS 1200

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
find_label_ending (GtkWidget  *widget,
                   const char *end)
{
  if (GTK_IS_LABEL (widget) && g_str_has_suffix (gtk_label_get_text (GTK_LABEL (widget)), end))
    return gtk_label_get_text (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found = find_label_ending (child, end);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static PursuitStageColumn *
find_hot (GtkWidget *widget)
{
  if (PURSUIT_IS_STAGE_COLUMN (widget) && pursuit_stage_column_get_tier (PURSUIT_STAGE_COLUMN (widget)) == PURSUIT_TIER_HOT
      && pursuit_stage_column_get_stage (PURSUIT_STAGE_COLUMN (widget)) == PURSUIT_STAGE_ACTIVE)
    return PURSUIT_STAGE_COLUMN (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      PursuitStageColumn *found = find_hot (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
hot_counted (gpointer data)
{
  return pursuit_stage_column_get_n_prospects (data) == N_PROSPECTS;
}

static void
test_german_counts (void)
{
  g_autofree char *dir = pursuit_test_make_dir ("pursuit-grouping");
  g_autofree char *path = g_build_filename (dir, "pursuit.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "hot.csv", NULL);
  g_autoptr(GString) text = g_string_new ("name,company,email,phone,stage,tier,value,attempts,next_touch,notes\n");
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  PursuitWindow *window;
  PursuitTodayPage *page;
  PursuitStageColumn *hot;

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("The locale de_DE.UTF-8 is not installed (build-aux/setup.sh makes it)");
      return;
    }
  for (guint i = 0; i < N_PROSPECTS; i++)
    g_string_append_printf (text, "Prospect %u,,,,active,hot,,0,,\n", i);
  g_assert_true (g_file_set_contents (csv, text->str, -1, &error));
  store = pursuit_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (pursuit_csv_import (store, file, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, N_PROSPECTS);

  window = pursuit_window_new (NULL, store, NULL);
  pursuit_test_show_and_wait (GTK_WINDOW (window), 200);
  page = PURSUIT_TODAY_PAGE (find_widget (GTK_WIDGET (window), PURSUIT_TYPE_TODAY_PAGE));
  g_assert_cmpuint (pursuit_today_page_get_n_shown (page), ==, N_PROSPECTS);
  g_assert_cmpstr (find_label_ending (GTK_WIDGET (page), "follow-ups"), ==, "1.200 follow-ups");

  /* The board fills its columns after the first frame. */
  hot = find_hot (GTK_WIDGET (window));
  g_assert_nonnull (hot);
  pursuit_test_wait_until (hot_counted, hot, 20000);
  g_object_get (hot, "summary", &summary, NULL);
  g_assert_cmpstr (summary, ==, "1.200");

  gtk_window_destroy (GTK_WINDOW (window));
  pursuit_test_destroy_windows ();
  g_clear_object (&store);
  pursuit_test_remove_tree (dir);
  setlocale (LC_NUMERIC, "C.UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/grouping/german-counts", test_german_counts);

  return g_test_run ();
}
