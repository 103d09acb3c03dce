/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "pursuit-application.h"
#include "pursuit-backup.h"
#include "pursuit-restore-dialog.h"
#include "pursuit-board.h"
#include "pursuit-format.h"
#include "pursuit-import-dialog.h"
#include "pursuit-prospect-card.h"
#include "pursuit-prospect-dialog.h"
#include "pursuit-prospect-page.h"
#include "pursuit-stage-column.h"
#include "pursuit-store.h"
#include "pursuit-undo-stack.h"
#include "pursuit-window.h"
#include "test-util.h"

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
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pursuit-window-XXXXXX", &error);
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
  f->window = NULL;
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

  pursuit_prospect_set_company (prospect, "Acme");
  pursuit_prospect_set_stage (prospect, stage);
  pursuit_prospect_set_tier (prospect, tier);
  pursuit_store_add (store, prospect, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&prospect);
}

static void
collect_card_names (GtkWidget *widget,
                    GPtrArray *names)
{
  if (PURSUIT_IS_PROSPECT_CARD (widget) && gtk_widget_get_visible (gtk_widget_get_parent (widget))
      && pursuit_prospect_card_get_prospect (PURSUIT_PROSPECT_CARD (widget)) != NULL)
    g_ptr_array_add (names, g_strdup (pursuit_prospect_card_get_text (PURSUIT_PROSPECT_CARD (widget), "name")));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_card_names (child, names);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static char *
column_names (PursuitStageColumn *column)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  collect_card_names (GTK_WIDGET (pursuit_stage_column_get_list_view (column)), names);
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

static void
test_columns_show_their_prospects (Fixture       *f,
                                   gconstpointer  data)
{
  static const char *expected[PURSUIT_BOARD_N_COLUMNS] = {
    "Ines Inbox,Ivan Inbox", "Hannah Hot", "Gus Good,Gwen Good", "Cora Cool", "Colin Cold",
  };
  static const char *titles[PURSUIT_BOARD_N_COLUMNS] = { "Inbox", "Hot", "Good", "Cool", "Cold" };
  PursuitBoard *board;

  g_object_unref (add_prospect (f->store, "Ivan Inbox", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE));
  g_object_unref (add_prospect (f->store, "Ines Inbox", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE));
  g_object_unref (add_prospect (f->store, "Hannah Hot", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT));
  g_object_unref (add_prospect (f->store, "Gwen Good", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD));
  g_object_unref (add_prospect (f->store, "Gus Good", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD));
  g_object_unref (add_prospect (f->store, "Cora Cool", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COOL));
  g_object_unref (add_prospect (f->store, "Colin Cold", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COLD));
  g_object_unref (add_prospect (f->store, "Carla Customer", PURSUIT_STAGE_CUSTOMER, PURSUIT_TIER_NONE));
  g_object_unref (add_prospect (f->store, "Clive Closed", PURSUIT_STAGE_CLOSED, PURSUIT_TIER_NONE));

  f->window = pursuit_window_new (NULL, f->store, NULL);
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 300);
  board = PURSUIT_BOARD (pursuit_window_get_board (f->window));
  g_assert_false (pursuit_board_is_empty (board));

  for (guint i = 0; i < PURSUIT_BOARD_N_COLUMNS; i++)
    {
      PursuitStageColumn *column = pursuit_board_get_column (board, i);
      g_autofree char *names = column_names (column);
      g_auto(GStrv) expected_names = g_strsplit (expected[i], ",", -1);

      g_assert_cmpstr (names, ==, expected[i]);
      g_assert_cmpstr (pursuit_stage_column_get_title (column), ==, titles[i]);
      g_assert_cmpuint (pursuit_stage_column_get_n_prospects (column), ==, g_strv_length (expected_names));
    }
}

static void
test_board_follows_the_store (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(PursuitProspect) prospect = NULL;
  g_autoptr(PursuitProspect) draft = NULL;
  g_autoptr(GError) error = NULL;
  PursuitBoard *board;
  g_autofree char *inbox = NULL;
  g_autofree char *hot = NULL;

  f->window = pursuit_window_new (NULL, f->store, NULL);
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 300);
  board = PURSUIT_BOARD (pursuit_window_get_board (f->window));
  g_assert_true (pursuit_board_is_empty (board));

  prospect = add_prospect (f->store, "Nora New", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE);
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 300);
  g_assert_false (pursuit_board_is_empty (board));
  inbox = column_names (pursuit_board_get_column (board, 0));
  g_assert_cmpstr (inbox, ==, "Nora New");

  draft = pursuit_prospect_dup (prospect);
  pursuit_prospect_set_stage (draft, PURSUIT_STAGE_ACTIVE);
  pursuit_prospect_set_tier (draft, PURSUIT_TIER_HOT);
  pursuit_store_update (f->store, prospect, draft, &error);
  g_assert_no_error (error);
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 300);
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (pursuit_board_get_column (board, 0)), ==, 0);
  hot = column_names (pursuit_board_get_column (board, 1));
  g_assert_cmpstr (hot, ==, "Nora New");
}

static void
test_dialog_adds_prospect (Fixture       *f,
                           gconstpointer  data)
{
  PursuitProspectDialog *dialog;
  g_autoptr(PursuitStore) reopened = NULL;
  g_autoptr(PursuitProspect) saved = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *inbox;

  f->window = pursuit_window_new (NULL, f->store, NULL);
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 300);
  dialog = pursuit_prospect_dialog_new (GTK_WINDOW (f->window), f->store, NULL);
  g_object_ref (dialog);
  pursuit_test_show_and_wait (GTK_WINDOW (dialog), 300);

  /* Nothing to save yet, and no error shouted before the user typed. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (f->store)), ==, 0);
  g_assert_null (pursuit_prospect_dialog_get_error (dialog));

  gtk_editable_set_text (pursuit_prospect_dialog_get_field (dialog, "name"), "  <b>Jane</b> & Co  ");
  gtk_editable_set_text (pursuit_prospect_dialog_get_field (dialog, "email"), "jane-at-example");
  g_assert_nonnull (pursuit_prospect_dialog_get_error (dialog));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (pursuit_prospect_dialog_get_field (dialog, "email")), "error"));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (f->store)), ==, 0);

  gtk_editable_set_text (pursuit_prospect_dialog_get_field (dialog, "email"), "jane@example.com");
  gtk_editable_set_text (pursuit_prospect_dialog_get_field (dialog, "value"), "-5");
  g_assert_nonnull (pursuit_prospect_dialog_get_error (dialog));
  gtk_editable_set_text (pursuit_prospect_dialog_get_field (dialog, "value"), "1,500.50");
  g_assert_null (pursuit_prospect_dialog_get_error (dialog));
  gtk_editable_set_text (pursuit_prospect_dialog_get_field (dialog, "company"), "Acme");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_object_unref (dialog);

  inbox = pursuit_store_get_model (f->store, PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE);
  g_assert_cmpuint (g_list_model_get_n_items (inbox), ==, 1);

  /* What the database holds, read back from disk. */
  g_clear_object (&f->store);
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  reopened = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (reopened)), ==, 1);
  saved = g_list_model_get_item (pursuit_store_get_prospects (reopened), 0);
  g_assert_cmpstr (pursuit_prospect_get_name (saved), ==, "<b>Jane</b> & Co");
  g_assert_cmpstr (pursuit_prospect_get_email (saved), ==, "jane@example.com");
  g_assert_cmpstr (pursuit_prospect_get_company (saved), ==, "Acme");
  g_assert_cmpfloat_with_epsilon (pursuit_prospect_get_value (saved), 1500.5, 0.001);
  g_assert_cmpint (pursuit_prospect_get_stage (saved), ==, PURSUIT_STAGE_INBOX);
}

static void
test_dialog_edits_prospect (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(PursuitProspect) prospect = add_prospect (f->store, "Old Name", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COOL);
  PursuitProspectDialog *dialog;

  f->window = pursuit_window_new (NULL, f->store, NULL);
  dialog = pursuit_prospect_dialog_new (GTK_WINDOW (f->window), f->store, prospect);
  pursuit_test_show_and_wait (GTK_WINDOW (dialog), 300);
  g_assert_cmpstr (gtk_editable_get_text (pursuit_prospect_dialog_get_field (dialog, "name")), ==, "Old Name");

  gtk_editable_set_text (pursuit_prospect_dialog_get_field (dialog, "name"), "");
  g_assert_cmpstr (pursuit_prospect_dialog_get_error (dialog), ==, "A prospect needs a name.");
  gtk_editable_set_text (pursuit_prospect_dialog_get_field (dialog, "name"), "New Name");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);

  g_assert_cmpstr (pursuit_prospect_get_name (prospect), ==, "New Name");
  g_assert_cmpint (pursuit_prospect_get_tier (prospect), ==, PURSUIT_TIER_COOL);
}

/* A German user types and reads values the German way; "1500.50" and
 * "1,500.50" still mean what they say. */
static void
test_dialog_decimal_comma (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PursuitProspect) prospect = add_prospect (f->store, "Greta", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE);
  g_autofree char *saved_locale = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *shown = NULL;
  PursuitProspectDialog *dialog;

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL || setlocale (LC_MONETARY, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("the de_DE.UTF-8 locale is not installed");
      return;
    }

  f->window = pursuit_window_new (NULL, f->store, NULL);
  dialog = pursuit_prospect_dialog_new (GTK_WINDOW (f->window), f->store, prospect);
  pursuit_test_show_and_wait (GTK_WINDOW (dialog), 300);
  gtk_editable_set_text (pursuit_prospect_dialog_get_field (dialog, "value"), "1,50,0");
  g_assert_nonnull (pursuit_prospect_dialog_get_error (dialog));
  gtk_editable_set_text (pursuit_prospect_dialog_get_field (dialog, "value"), "1500.50");
  g_assert_null (pursuit_prospect_dialog_get_error (dialog));
  gtk_editable_set_text (pursuit_prospect_dialog_get_field (dialog, "value"), "1.500,50");
  g_assert_null (pursuit_prospect_dialog_get_error (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  g_assert_cmpfloat_with_epsilon (pursuit_prospect_get_value (prospect), 1500.5, 0.001);

  dialog = pursuit_prospect_dialog_new (GTK_WINDOW (f->window), f->store, prospect);
  pursuit_test_show_and_wait (GTK_WINDOW (dialog), 300);
  g_assert_cmpstr (gtk_editable_get_text (pursuit_prospect_dialog_get_field (dialog, "value")), ==, "1500,50");
  gtk_window_destroy (GTK_WINDOW (dialog));

  shown = pursuit_format_value (pursuit_prospect_get_value (prospect), "EUR");
  setlocale (LC_NUMERIC, saved_locale);
  setlocale (LC_MONETARY, saved_locale);
  g_assert_cmpstr (shown, ==, "1.500,50\u00a0€");
}

static void
test_value_formats (void)
{
  struct { double value; const char *currency; gboolean comma, after; const char *shown; } cases[] = {
    { 1500.5, "EUR", FALSE, FALSE, "€1,500.50" },
    { 1500.5, "EUR", TRUE, TRUE, "1.500,50\u00a0€" },
    { 1200, "CHF", FALSE, FALSE, "CHF\u00a01,200" },
    { 1200, "CHF", TRUE, TRUE, "1.200\u00a0CHF" },
    { 1234567.891, "USD", FALSE, FALSE, "$1,234,567.89" },
    { 1000, "", FALSE, FALSE, "1,000" },
    { -1, "USD", FALSE, FALSE, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = pursuit_format_value_full (cases[i].value, cases[i].currency, cases[i].comma,
                                                          cases[i].after);
      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
}

static void
test_card_text_is_not_markup (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(PursuitProspect) prospect = add_prospect (f->store, "<i>Al</i> & <Bo>", PURSUIT_STAGE_INBOX,
                                                      PURSUIT_TIER_NONE);
  PursuitProspectCard *card = g_object_ref_sink (pursuit_prospect_card_new ());

  pursuit_prospect_card_set_prospect (card, prospect);
  g_assert_cmpstr (pursuit_prospect_card_get_text (card, "name"), ==, "<i>Al</i> & <Bo>");
  g_assert_cmpstr (pursuit_prospect_card_get_text (card, "due"), ==, "no follow-up planned");
  g_object_unref (card);
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

static void
test_error_window_names_file (void)
{
  g_autoptr(GError) error = g_error_new (PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_NOT_DATABASE,
                                         "/tmp/a&b.db is not a Pursuit database.");
  PursuitWindow *window = pursuit_window_new (NULL, NULL, error);
  GtkWidget *board = pursuit_window_get_board (window);
  guint n_windows;

  pursuit_test_show_and_wait (GTK_WINDOW (window), 300);
  g_assert_false (gtk_widget_get_mapped (board));
  g_assert_true (shows_label (GTK_WIDGET (window), "/tmp/a&b.db is not a Pursuit database."));
  n_windows = g_list_model_get_n_items (gtk_window_get_toplevels ());
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-prospect", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, n_windows);
  gtk_window_destroy (GTK_WINDOW (window));
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
test_application_shortcuts_and_about (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(PursuitApplication) app = pursuit_application_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) quit = NULL;
  g_auto(GStrv) add = NULL;

  /* A private instance on the test bus: startup loads the shortcuts
   * window from the resources and sets the accelerators. */
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  f->window = pursuit_window_new (GTK_APPLICATION (app), f->store, NULL);
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 300);

  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)));
  quit = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  add = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.new-prospect");
  g_assert_cmpstr (quit[0], ==, "<Control>q");
  g_assert_cmpstr (add[0], ==, "<Control>n");

  g_assert_false (has_toplevel_of_type (ADW_TYPE_ABOUT_WINDOW));
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  g_assert_true (has_toplevel_of_type (ADW_TYPE_ABOUT_WINDOW));

  g_assert_false (has_toplevel_of_type (PURSUIT_TYPE_PROSPECT_DIALOG));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-prospect", NULL);
  g_assert_true (has_toplevel_of_type (PURSUIT_TYPE_PROSPECT_DIALOG));

}

static void
test_application_restores_backup (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(PursuitApplication) app = pursuit_application_new ();
  g_autofree char *path = g_build_filename (f->dir, "app.db", NULL);
  g_autofree char *backup = g_build_filename (f->dir, "backup.db", NULL);
  g_autofree char *kept = g_strconcat (path, ".before-restore", NULL);
  g_autoptr(PursuitProspect) later = pursuit_prospect_new ("Added after the backup");
  g_autoptr(PursuitProspect) first = pursuit_prospect_new ("In the backup");
  g_autoptr(GError) error = NULL;
  GtkWindow *before, *after;
  PursuitStore *store;

  /* An id of its own: the other application test's object may still be
   * exported on this bus. */
  g_application_set_application_id (G_APPLICATION (app), APPLICATION_ID ".RestoreTest");
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pursuit_application_open_database (app, path));
  g_application_activate (G_APPLICATION (app));
  before = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_nonnull (before);

  store = pursuit_application_get_store (app);
  g_assert_true (pursuit_store_add (store, first, NULL));
  g_assert_true (pursuit_store_backup_file (path, backup, NULL));
  g_assert_true (pursuit_store_add (store, later, NULL));

  g_assert_true (pursuit_application_restore_backup (app, backup, &error));
  g_assert_no_error (error);
  store = pursuit_application_get_store (app);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (store)), ==, 1);
  g_assert_true (g_file_test (kept, G_FILE_TEST_EXISTS));
  after = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_nonnull (after);
  g_assert_true (pursuit_window_get_store (PURSUIT_WINDOW (after)) == store);

  /* Restore from Backup lists this database's backups only, with how
   * many prospects each holds. */
  {
    g_autofree char *backups = pursuit_backup_default_dir ();
    g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
    g_autoptr(PursuitStore) other = pursuit_store_open (other_path, NULL);
    g_autoptr(GDateTime) day = g_date_time_new_local (2026, 11, 20, 9, 0, 0);
    AdwMessageDialog *dialog;
    GtkWidget *list;
    guint rows = 0;

    g_assert_true (pursuit_backup_daily (path, backups, day, PURSUIT_BACKUP_KEEP, NULL, &error));
    g_assert_true (pursuit_backup_daily (other_path, backups, day, PURSUIT_BACKUP_KEEP, NULL, &error));
    g_assert_no_error (error);
    dialog = pursuit_restore_dialog_new (app);
    list = adw_message_dialog_get_extra_child (dialog);
    g_assert_nonnull (list);
    for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
      {
        g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Friday 20 November 2026");
        g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "1 prospect");
        rows++;
      }
    g_assert_cmpuint (rows, ==, 1);

    /* Chosen, it asks to confirm and says what is replaced. */
    adw_message_dialog_response (dialog, "choose");
    {
      GListModel *toplevels = gtk_window_get_toplevels ();
      AdwMessageDialog *confirm = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

          if (ADW_IS_MESSAGE_DIALOG (toplevel) && GTK_WIDGET (toplevel) != GTK_WIDGET (dialog)
              && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
            confirm = ADW_MESSAGE_DIALOG (toplevel);
        }
      g_assert_nonnull (confirm);
      g_assert_cmpstr (adw_message_dialog_get_heading (confirm), ==, "Restore the Backup of Friday 20 November 2026?");
      g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm),
                                "what you have now (1 prospect) with this backup (1 prospect)"));
      gtk_window_destroy (GTK_WINDOW (confirm));
    }
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* Undo Restore, as the window's toast offers it: the database from
   * before the restore is back, on disk. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "restore-file", g_variant_new_string (kept));
  store = pursuit_application_get_store (app);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (store)), ==, 2);
  {
    g_autoptr(PursuitStore) disk = pursuit_store_open (path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (disk)), ==, 2);
  }
}

static PursuitProspect *
reread (Fixture *f,
        gint64   id)
{
  g_autoptr(PursuitStore) other = pursuit_store_open (f->path, NULL);
  PursuitProspect *found = other != NULL ? pursuit_store_find (other, id) : NULL;

  return found != NULL ? g_object_ref (found) : NULL;
}

/* A new prospect that repeats a saved one is pointed out, with the saved
 * one to open; one that does not repeat anyone is not. */
static void
test_dialog_warns_of_duplicate (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(PursuitProspect) chris = add_prospect (f->store, "Chris Ortiz", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD);
  g_autoptr(PursuitProspect) draft = pursuit_prospect_dup (chris);
  PursuitProspectDialog *dialog;

  pursuit_prospect_set_email (draft, "chris@example.com");
  pursuit_prospect_set_phone (draft, "+1 (555) 010-2030");
  g_assert_true (pursuit_store_update (f->store, chris, draft, NULL));
  f->window = pursuit_window_new (NULL, f->store, NULL);
  dialog = pursuit_prospect_dialog_new (GTK_WINDOW (f->window), f->store, NULL);
  pursuit_test_show_and_wait (GTK_WINDOW (dialog), 100);

  gtk_editable_set_text (pursuit_prospect_dialog_get_field (dialog, "name"), "Someone Else");
  g_assert_null (pursuit_prospect_dialog_get_existing (dialog));
  gtk_editable_set_text (pursuit_prospect_dialog_get_field (dialog, "email"), "CHRIS@Example.com");
  g_assert_true (pursuit_prospect_dialog_get_existing (dialog) == chris);
  gtk_editable_set_text (pursuit_prospect_dialog_get_field (dialog, "email"), "");
  gtk_editable_set_text (pursuit_prospect_dialog_get_field (dialog, "phone"), "555 010 2030 ");
  gtk_editable_set_text (pursuit_prospect_dialog_get_field (dialog, "phone"), "15550102030");
  g_assert_true (pursuit_prospect_dialog_get_existing (dialog) == chris);
  gtk_editable_set_text (pursuit_prospect_dialog_get_field (dialog, "phone"), "");
  gtk_editable_set_text (pursuit_prospect_dialog_get_field (dialog, "name"), "chris ortíz");
  gtk_editable_set_text (pursuit_prospect_dialog_get_field (dialog, "company"), "ACME");
  g_assert_true (pursuit_prospect_dialog_get_existing (dialog) == chris);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.open-existing", NULL));
}

/* What the dialog saves, Ctrl+Z in the window takes back, on disk:
 * an edit, then an addition. */
static void
test_dialog_saves_can_be_undone (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(PursuitProspect) prospect = add_prospect (f->store, "Old Name", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COOL);
  g_autoptr(PursuitProspect) disk = NULL;
  PursuitProspectDialog *dialog;
  gint64 id = pursuit_prospect_get_id (prospect);

  f->window = pursuit_window_new (NULL, f->store, NULL);
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 100);
  dialog = pursuit_prospect_dialog_new (GTK_WINDOW (f->window), f->store, prospect);
  gtk_editable_set_text (pursuit_prospect_dialog_get_field (dialog, "name"), "New Name");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  dialog = pursuit_prospect_dialog_new (GTK_WINDOW (f->window), f->store, NULL);
  gtk_editable_set_text (pursuit_prospect_dialog_get_field (dialog, "name"), "Brand New");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (f->store)), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (f->store)), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  disk = reread (f, id);
  g_assert_cmpstr (pursuit_prospect_get_name (disk), ==, "Old Name");
  {
    g_autoptr(PursuitStore) other = pursuit_store_open (f->path, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (other)), ==, 1);
  }
}

static gboolean
has_undo_entry (gpointer data)
{
  return pursuit_undo_stack_get_depth (data) > 0;
}

/* An import from the window is undone, all of it, from its toast; what
 * was there before stays. On disk. */
static void
test_import_can_be_undone (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PursuitProspect) before = add_prospect (f->store, "Already Here", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE);
  g_autofree char *csv = g_build_filename (f->dir, "leads.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  PursuitUndoStack *stack = pursuit_store_get_undo_stack (f->store);

  g_assert_true (g_file_set_contents (csv,
                                      "name,company,email\n"
                                      "Ann One,Initech,ann@example.com\n"
                                      "Bob Two,Initech,bob@example.com\n"
                                      "Cy Three,Globex,cy@example.com\n",
                                      -1, NULL));
  f->window = pursuit_window_new (NULL, f->store, NULL);
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 100);
  pursuit_window_import_file (f->window, file);
  /* Written in a thread: nothing yet. */
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (f->store)), ==, 1);
  pursuit_test_wait_until (has_undo_entry, stack, 60000);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (f->store)), ==, 4);
  g_assert_cmpuint (pursuit_undo_stack_get_depth (stack), ==, 1);

  /* The toast's Undo: the first change of this store's session. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-change", "u", 1));
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (f->store)), ==, 1);
  {
    g_autoptr(PursuitStore) other = pursuit_store_open (f->path, NULL);
    GListModel *all = pursuit_store_get_prospects (other);
    g_autoptr(PursuitProspect) left = g_list_model_get_item (all, 0);

    g_assert_cmpuint (g_list_model_get_n_items (all), ==, 1);
    g_assert_cmpstr (pursuit_prospect_get_name (left), ==, "Already Here");
  }
  g_assert_cmpuint (pursuit_undo_stack_get_depth (stack), ==, 0);

  /* Through the import dialog, as Import CSV… goes: Ctrl+Z takes it back. */
  {
    PursuitImportDialog *dialog = pursuit_window_open_import_dialog (f->window, file);
    g_autoptr(PursuitStore) other = NULL;

    g_assert_nonnull (dialog);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.import", NULL));
    pursuit_test_wait_closed (GTK_WINDOW (dialog), 30000);
    g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (f->store)), ==, 4);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
    other = pursuit_store_open (f->path, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (other)), ==, 1);
  }
}

static void
collect_texts (GtkWidget *widget,
               GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_string_append_printf (out, "[%s]", gtk_label_get_label (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, out);
}

/* The text of the labels of the window's toasts and their buttons. */
static char *
toast_texts (PursuitWindow *window)
{
  GString *out = g_string_new (NULL);
  GtkWidget *overlay = gtk_window_get_child (GTK_WINDOW (window));

  while (overlay != NULL && !ADW_IS_TOAST_OVERLAY (overlay))
    overlay = gtk_widget_get_first_child (overlay);
  g_assert_nonnull (overlay);
  /* The overlay's own child is the window's content; the toasts come
   * after it. */
  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != adw_toast_overlay_get_child (ADW_TOAST_OVERLAY (overlay)))
      collect_texts (child, out);
  return g_string_free (out, FALSE);
}

static PursuitImportDialog *
find_import_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (PURSUIT_IS_IMPORT_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return PURSUIT_IMPORT_DIALOG (window);
    }
  return NULL;
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  GtkDropTarget *found = NULL;

  for (guint i = 0; found == NULL && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        found = GTK_DROP_TARGET (controller);
    }
  return found;
}

/* A file dropped on the window opens the import dialog for it, whose
 * Import writes the file's prospects; a list of files and a single file
 * as well. On disk. */
static void
test_drop_file_opens_import (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->dir, "dropped.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  GtkDropTarget *target;
  PursuitImportDialog *dialog;
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean handled = FALSE;
  GSList *files;

  g_assert_true (g_file_set_contents (csv,
                                      "name,company,email\n"
                                      "Ann One,Initech,ann@example.com\n"
                                      "Bob Two,Initech,bob@example.com\n",
                                      -1, NULL));
  f->window = pursuit_window_new (NULL, f->store, NULL);
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 100);
  target = find_drop_target (GTK_WIDGET (f->window));
  g_assert_true (GTK_IS_DROP_TARGET (target));
  g_assert_null (find_import_dialog ());

  /* What a file manager drops: a list of files. */
  files = g_slist_prepend (NULL, file);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, files);
  g_slist_free (files);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  g_assert_true (handled);
  pursuit_test_wait (50);
  dialog = find_import_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (f->store)), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.import", NULL));
  pursuit_test_wait_closed (GTK_WINDOW (dialog), 30000);
  g_assert_null (find_import_dialog ());
  {
    g_autoptr(PursuitStore) other = pursuit_store_open (f->path, NULL);

    g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (other)), ==, 2);
  }

  /* A single GFile too. */
  g_value_unset (&value);
  g_value_init (&value, G_TYPE_FILE);
  g_value_set_object (&value, file);
  handled = FALSE;
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  g_assert_true (handled);
  pursuit_test_wait (50);
  g_assert_nonnull (find_import_dialog ());
  gtk_window_destroy (GTK_WINDOW (find_import_dialog ()));
  {
    g_autoptr(PursuitStore) other = pursuit_store_open (f->path, NULL);

    g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (other)), ==, 2);
  }
}

typedef struct
{
  PursuitWindow    *window;
  PursuitUndoStack *stack;
  guint             depth;
} ImportWait;

/* Whether the import made its undo entry and the window its toast. */
static gboolean
import_toasted (gpointer data)
{
  ImportWait *wait = data;
  g_autofree char *texts = NULL;

  if (pursuit_undo_stack_get_depth (wait->stack) < wait->depth)
    return FALSE;
  texts = toast_texts (wait->window);
  return strstr (texts, "[Imported 1 prospect.]") != NULL;
}

/* A history imported from the window logs its touches and says so in
 * the toast, with an Undo that takes the whole history back: no touch
 * of it is undone alone. On disk. */
static void
test_history_import_toast (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PursuitProspect) maria = add_prospect (f->store, "Maria Gómez", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE);
  g_autoptr(PursuitProspect) jonas = add_prospect (f->store, "Jonas Berg", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE);
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "history-hubspot.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PursuitUndoStack *stack = pursuit_store_get_undo_stack (f->store);
  PursuitImportDialog *dialog;
  g_autofree char *texts = NULL;
  guint depth;

  f->window = pursuit_window_new (NULL, f->store, NULL);
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 100);
  depth = pursuit_undo_stack_get_depth (stack);
  dialog = pursuit_window_open_import_dialog (f->window, file);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.import", NULL));
  pursuit_test_wait_closed (GTK_WINDOW (dialog), 30000);

  texts = toast_texts (f->window);
  g_assert_nonnull (strstr (texts, "[Imported 5 touches.]"));
  g_assert_nonnull (strstr (texts, "Undo"));
  g_assert_cmpuint (pursuit_undo_stack_get_depth (stack), ==, depth + 1);
  {
    g_autoptr(PursuitStore) other = pursuit_store_open (f->path, NULL);
    g_autoptr(GListModel) of_maria =
      pursuit_store_list_touches (other, pursuit_store_find (other, pursuit_prospect_get_id (maria)), NULL);

    g_assert_cmpuint (g_list_model_get_n_items (of_maria), ==, 3);
  }
  g_assert_true (pursuit_undo_stack_undo (stack, 0, NULL, NULL));
  g_assert_cmpuint (pursuit_undo_stack_get_depth (stack), ==, depth);
  {
    g_autoptr(PursuitStore) other = pursuit_store_open (f->path, NULL);
    g_autoptr(GListModel) of_maria =
      pursuit_store_list_touches (other, pursuit_store_find (other, pursuit_prospect_get_id (maria)), NULL);
    g_autoptr(GListModel) of_jonas =
      pursuit_store_list_touches (other, pursuit_store_find (other, pursuit_prospect_get_id (jonas)), NULL);

    g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (other)), ==, 2);
    g_assert_cmpuint (g_list_model_get_n_items (of_maria), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (of_jonas), ==, 0);
  }

  /* Prospects imported say so, with an Undo; the stack names the change
   * shortly. */
  {
    g_autofree char *csv = g_build_filename (f->dir, "one.csv", NULL);
    g_autoptr(GFile) one = g_file_new_for_path (csv);
    g_autofree char *after = NULL;
    g_autofree char *undone = NULL;
    ImportWait wait = { f->window, stack, depth + 1 };

    g_assert_true (g_file_set_contents (csv, "name,email\nCy Three,cy@example.com\n", -1, NULL));
    pursuit_window_import_file (f->window, one);
    pursuit_test_wait_until (import_toasted, &wait, 10000);
    after = toast_texts (f->window);
    g_assert_nonnull (strstr (after, "[Imported 1 prospect.]"));
    g_assert_nonnull (strstr (after, "Undo"));
    g_assert_cmpuint (pursuit_undo_stack_get_depth (stack), ==, depth + 1);
    g_assert_true (pursuit_undo_stack_undo (stack, 0, &undone, NULL));
    g_assert_cmpstr (undone, ==, "Imported 1 prospect");
  }
}

/* Tags typed in the prospect dialog are saved normalised, shown on the
 * prospect page and found by the board's search: "#vip" shows only those
 * tagged so, plain text finds them among the rest. On disk. */
static void
test_tags (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(PursuitProspect) ann = add_prospect (f->store, "Ann Ash", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE);
  g_autoptr(PursuitProspect) bo = add_prospect (f->store, "Bo Vipond", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE);
  PursuitProspectDialog *dialog;
  PursuitProspectPage *page;
  PursuitBoard *board;
  PursuitStageColumn *inbox;

  f->window = pursuit_window_new (NULL, f->store, NULL);
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 100);
  dialog = pursuit_prospect_dialog_new (GTK_WINDOW (f->window), f->store, ann);
  pursuit_test_show_and_wait (GTK_WINDOW (dialog), 100);
  g_assert_cmpstr (gtk_editable_get_text (pursuit_prospect_dialog_get_field (dialog, "tags")), ==, "");
  gtk_editable_set_text (pursuit_prospect_dialog_get_field (dialog, "tags"), "VIP, #Trade Fair <b>2025</b>");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  pursuit_test_wait (50);
  {
    g_autoptr(PursuitStore) other = pursuit_store_open (f->path, NULL);

    g_assert_cmpstr (pursuit_prospect_get_tags (pursuit_store_find (other, pursuit_prospect_get_id (ann))), ==,
                     "vip,trade fair <b>2025</b>");
  }

  /* The dialog shows them again as typed, the page as text. */
  dialog = pursuit_prospect_dialog_new (GTK_WINDOW (f->window), f->store, ann);
  pursuit_test_show_and_wait (GTK_WINDOW (dialog), 100);
  g_assert_cmpstr (gtk_editable_get_text (pursuit_prospect_dialog_get_field (dialog, "tags")), ==,
                   "vip, trade fair <b>2025</b>");
  gtk_window_destroy (GTK_WINDOW (dialog));
  page = pursuit_prospect_page_new (GTK_WINDOW (f->window), f->store, ann);
  pursuit_test_show_and_wait (GTK_WINDOW (page), 100);
  g_assert_nonnull (strstr (pursuit_prospect_page_get_text (page, "tags"), "vip, trade fair"));
  /* What the user typed is not markup. */
  g_assert_true (shows_label (GTK_WIDGET (page), "vip, trade fair <b>2025</b>"));
  gtk_window_destroy (GTK_WINDOW (page));
  page = pursuit_prospect_page_new (GTK_WINDOW (f->window), f->store, bo);
  pursuit_test_show_and_wait (GTK_WINDOW (page), 100);
  g_assert_cmpstr (pursuit_prospect_page_get_text (page, "tags"), ==, "");
  gtk_window_destroy (GTK_WINDOW (page));

  board = PURSUIT_BOARD (pursuit_window_get_board (f->window));
  inbox = pursuit_board_get_column (board, 0);
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (inbox), ==, 2);
  pursuit_board_set_search (board, "trade fair");
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (inbox), ==, 1);
  /* "vip" is in Bo's name too; "#vip" is the tag alone. */
  pursuit_board_set_search (board, "vip");
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (inbox), ==, 2);
  pursuit_board_set_search (board, "#VIP");
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (inbox), ==, 1);
  pursuit_board_set_search (board, "#trade");
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (inbox), ==, 0);
  pursuit_board_set_search (board, NULL);
  g_assert_cmpuint (pursuit_stage_column_get_n_prospects (inbox), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: it hides XDG_DATA_DIRS, and with them
   * the MIME database that GdkPixbuf needs to load SVG icons. The test
   * writes only to its own temporary folders. */
  g_autofree char *data_home = g_dir_make_tmp ("pursuit-window-data-XXXXXX", NULL);
  int status;

  /* Backups go under $XDG_DATA_HOME: a folder of the test's own. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/board/columns-show-their-prospects", test_columns_show_their_prospects);
  ADD ("/ui/board/follows-the-store", test_board_follows_the_store);
  ADD ("/ui/dialog/adds-prospect", test_dialog_adds_prospect);
  ADD ("/ui/dialog/edits-prospect", test_dialog_edits_prospect);
  ADD ("/ui/dialog/decimal-comma", test_dialog_decimal_comma);
  ADD ("/ui/card/text-is-not-markup", test_card_text_is_not_markup);
  ADD ("/ui/application/shortcuts-and-about", test_application_shortcuts_and_about);
  ADD ("/ui/application/restores-backup", test_application_restores_backup);
  ADD ("/ui/dialog/warns-of-duplicate", test_dialog_warns_of_duplicate);
  ADD ("/ui/dialog/saves-can-be-undone", test_dialog_saves_can_be_undone);
  ADD ("/ui/window/import-can-be-undone", test_import_can_be_undone);
  ADD ("/ui/window/drop-file-opens-import", test_drop_file_opens_import);
  ADD ("/ui/window/history-import-toast", test_history_import_toast);
  ADD ("/ui/window/tags", test_tags);
#undef ADD
  g_test_add_func ("/ui/window/error-names-file", test_error_window_names_file);
  g_test_add_func ("/ui/format/values", test_value_formats);

  status = g_test_run ();
  pursuit_test_remove_tree (data_home);
  return status;
}
