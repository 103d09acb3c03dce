/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pursuit-board.h"
#include "pursuit-prospect-dialog.h"
#include "pursuit-stage-column.h"
#include "pursuit-window.h"
#include "test-util.h"

/* What the user sees when the disk fills up under the window: a message
 * that says so, the board as it was, what they typed still there, and the
 * change going through once there is room again. */

#define DISK_SIZE (1024 * 1024)

typedef struct
{
  PursuitTestDisk  tmp;      /* tmp.disk: a tmpfs of DISK_SIZE bytes */
  PursuitStore    *store;
  PursuitWindow   *window;
  PursuitBoard    *board;
  PursuitProspect *jane;     /* Hot */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  pursuit_test_disk_init (&f->tmp, "pursuit-errors-ui", DISK_SIZE);
  f->store = pursuit_store_open (f->tmp.path, &error);
  g_assert_no_error (error);

  f->jane = pursuit_prospect_new ("Jane Doe");
  pursuit_prospect_set_stage (f->jane, PURSUIT_STAGE_ACTIVE);
  pursuit_prospect_set_tier (f->jane, PURSUIT_TIER_HOT);
  g_assert_true (pursuit_store_add (f->store, f->jane, &error));
  g_assert_no_error (error);

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
  g_clear_object (&f->store);
  pursuit_test_disk_clear (&f->tmp);
}

/* A drawn label under @widget whose text holds @text. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget)
      && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

static void
test_drop_on_full_disk (Fixture       *f,
                        gconstpointer  data)
{
  PursuitStageColumn *hot = pursuit_board_get_column (f->board, PURSUIT_TIER_HOT);
  PursuitStageColumn *good = pursuit_board_get_column (f->board, PURSUIT_TIER_GOOD);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (!pursuit_test_need_mounts ())
    return;

  before = pursuit_test_dump_database (f->tmp.path);
  pursuit_test_disk_fill (&f->tmp, TRUE);
  pursuit_stage_column_drop (good, f->jane);
  pursuit_test_wait (200);

  g_assert_true (shows_text (GTK_WIDGET (f->window), "is full"));
  g_assert_cmpint (pursuit_prospect_get_tier (f->jane), ==, PURSUIT_TIER_HOT);
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (hot), ==, 1);
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (good), ==, 0);

  pursuit_test_disk_free (&f->tmp);
  after = pursuit_test_dump_database (f->tmp.path);
  g_assert_cmpstr (after, ==, before);

  g_assert_true (pursuit_stage_column_drop (good, f->jane));
  g_assert_cmpint (pursuit_prospect_get_tier (f->jane), ==, PURSUIT_TIER_GOOD);
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (good), ==, 1);
}

/* The dialog stays open with what was typed, and says why it could not
 * save; Save works once there is room. */
static void
test_dialog_save_on_full_disk (Fixture       *f,
                               gconstpointer  data)
{
  GListModel *prospects = pursuit_store_get_prospects (f->store);
  PursuitProspectDialog *dialog;

  if (!pursuit_test_need_mounts ())
    return;

  dialog = pursuit_prospect_dialog_new (GTK_WINDOW (f->window), f->store, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  pursuit_test_wait (200);
  gtk_editable_set_text (pursuit_prospect_dialog_get_field (dialog, "name"), "Ann Example");
  gtk_editable_set_text (pursuit_prospect_dialog_get_field (dialog, "company"), "Initech");

  pursuit_test_disk_fill (&f->tmp, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL));
  pursuit_test_wait (200);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_nonnull (strstr (pursuit_prospect_dialog_get_error (dialog), "is full"));
  g_assert_true (shows_text (GTK_WIDGET (dialog), "is full"));
  g_assert_cmpstr (gtk_editable_get_text (pursuit_prospect_dialog_get_field (dialog, "name")), ==,
                   "Ann Example");
  g_assert_cmpuint (g_list_model_get_n_items (prospects), ==, 1);

  pursuit_test_disk_free (&f->tmp);
  g_object_ref (dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL));
  pursuit_test_wait (200);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_object_unref (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (prospects), ==, 2);
}

/* An export onto the full disk says so and keeps the earlier export. */
static void
test_export_on_full_disk (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmp.disk, "export.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  AdwMessageDialog *dialog;

  if (!pursuit_test_need_mounts ())
    return;

  g_assert_true (g_file_set_contents (path, "name\r\nEarlier export\r\n", -1, NULL));
  pursuit_test_disk_fill (&f->tmp, TRUE);
  g_assert_false (pursuit_window_export_file (f->window, file));
  pursuit_test_wait (200);

  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Export");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "the disk is full"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "export.csv"));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "name\r\nEarlier export\r\n");
}

static void
test_import_on_full_disk (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmp.dir, "leads.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) text = g_string_new ("name\n");
  AdwMessageDialog *dialog;

  if (!pursuit_test_need_mounts ())
    return;

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (text, "Lead %u\n", i);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  pursuit_test_disk_fill (&f->tmp, TRUE);
  pursuit_window_import_file (f->window, file);
  pursuit_test_wait_until (has_message_dialog, NULL, 60000);

  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Import");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "is full"));
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (f->store)), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  pursuit_test_isolate ();
  g_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) \
  g_test_add ("/errors-ui/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("board/drop-on-full-disk", test_drop_on_full_disk);
  ADD ("dialog/save-on-full-disk", test_dialog_save_on_full_disk);
  ADD ("window/export-on-full-disk", test_export_on_full_disk);
  ADD ("window/import-on-full-disk", test_import_on_full_disk);

#undef ADD

  return g_test_run ();
}
