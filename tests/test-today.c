/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "pursuit-call-dialog.h"
#include "pursuit-format.h"
#include "pursuit-nurture-dialog.h"
#include "pursuit-prospect-page.h"
#include "pursuit-store-touches.h"
#include "pursuit-store.h"
#include "pursuit-today-page.h"
#include "pursuit-today-row.h"
#include "pursuit-touch-dialog.h"
#include "pursuit-undo-stack.h"
#include "pursuit-window.h"
#include "test-util.h"

/* The Today page in a real window on a real store: its order, each key's
 * effect checked on the database reopened from disk, Undo, rows that
 * leave, the empty state, the tag filter, and the figure of the issue:
 * 20 due follow-ups worked through by key presses, counted. Keys are
 * delivered as GTK delivers a key press: to the focused widget's
 * controllers, then to its ancestors', until one handles it. The mail
 * and phone handlers are desktop files of the test's own (in a
 * mimeapps.list of its $XDG_CONFIG_HOME) that write the URI they get. */

static PursuitTestHandlers handlers;
static const char *mail_log;
static const char *phone_log;

typedef struct
{
  char             *dir;
  char             *path;
  PursuitStore     *store;
  PursuitWindow    *window;
  PursuitTodayPage *page;
  GSettings        *settings;
  GDate             today;
} Fixture;

/* Handlers */

/* The URIs a handler wrote (one a line), waiting for @n of them; the log
 * is emptied. */
static char *
wait_for_uris (const char *log,
               guint       n)
{
  return pursuit_test_wait_for_lines (log, n, 30000);
}

/* Fixture */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  f->dir = g_dir_make_tmp ("pursuit-today-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  f->settings = g_settings_new ("io.github.pursuit.Pursuit");
  g_settings_set_string (f->settings, "user-name", "Sam Seller");
  g_date_clear (&f->today, 1);
  g_date_set_dmy (&f->today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  pursuit_test_handlers_set (&handlers, TRUE, TRUE);
  g_unlink (mail_log);
  g_unlink (phone_log);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pursuit_test_destroy_windows ();
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  pursuit_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

/* The window as the user opens it: on the Today page. */
static void
open_window (Fixture *f)
{
  f->window = pursuit_window_new (NULL, f->store, NULL);
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 200);
  f->page = PURSUIT_TODAY_PAGE (pursuit_test_find_widget (GTK_WIDGET (f->window), PURSUIT_TYPE_TODAY_PAGE));
  g_assert_nonnull (f->page);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->page)));
}

static GDateTime *
at (Fixture *f,
    int      days,
    int      hour)
{
  GDate date = f->today;

  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  return g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), hour, 0,
                                0);
}

/* An active prospect (or a customer with @tier NONE) due @days from
 * today at @hour, planned on @channel. */
static PursuitProspect *
add (Fixture        *f,
     const char     *name,
     PursuitTier     tier,
     int             days,
     int             hour,
     double          value,
     PursuitChannel  channel)
{
  g_autoptr(PursuitProspect) p = pursuit_prospect_new (name);
  g_autoptr(GDateTime) when = at (f, days, hour);
  g_autofree char *email = g_strdup_printf ("%s@example.com", name);
  g_autoptr(GError) error = NULL;

  for (char *c = email; *c != '\0'; c++)
    *c = *c == ' ' ? '.' : g_ascii_tolower (*c);
  pursuit_prospect_set_company (p, "Initech");
  pursuit_prospect_set_email (p, email);
  pursuit_prospect_set_phone (p, "+49 30 555 0100");
  pursuit_prospect_set_value (p, value);
  pursuit_prospect_set_stage (p, tier == PURSUIT_TIER_NONE ? PURSUIT_STAGE_CUSTOMER : PURSUIT_STAGE_ACTIVE);
  pursuit_prospect_set_tier (p, tier);
  pursuit_prospect_set_next_touch (p, when);
  pursuit_prospect_set_next_channel (p, channel);
  g_assert_true (pursuit_store_add (f->store, p, &error));
  g_assert_no_error (error);
  return p; /* the store holds it */
}

/* The database as a new run of Pursuit finds it. */
typedef struct
{
  PursuitStore    *store;
  PursuitProspect *prospect;
  GListModel      *touches;   /* newest first */
} OnDisk;

static void
on_disk_clear (OnDisk *disk)
{
  g_clear_object (&disk->touches);
  g_clear_object (&disk->store);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OnDisk, on_disk_clear)

static void
read_disk (Fixture         *f,
           PursuitProspect *prospect,
           OnDisk          *disk)
{
  g_autoptr(GError) error = NULL;

  on_disk_clear (disk);
  disk->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  disk->prospect = pursuit_store_find (disk->store, pursuit_prospect_get_id (prospect));
  g_assert_nonnull (disk->prospect);
  disk->touches = pursuit_store_list_touches (disk->store, disk->prospect, &error);
  g_assert_no_error (error);
}

/* The newest touch on disk is an outbound unanswered attempt on @channel. */
static void
assert_attempt_on_disk (Fixture         *f,
                        PursuitProspect *p,
                        PursuitChannel   channel,
                        guint            n_touches)
{
  g_auto(OnDisk) disk = { 0 };
  g_autoptr(PursuitTouch) touch = NULL;
  g_autoptr(GDateTime) tomorrow = at (f, 1, 0);

  read_disk (f, p, &disk);
  g_assert_cmpuint (g_list_model_get_n_items (disk.touches), ==, n_touches);
  touch = g_list_model_get_item (disk.touches, 0);
  g_assert_cmpint (pursuit_touch_get_channel (touch), ==, channel);
  g_assert_cmpint (pursuit_touch_get_direction (touch), ==, PURSUIT_DIRECTION_OUT);
  g_assert_cmpint (pursuit_touch_get_outcome (touch), ==, PURSUIT_OUTCOME_NO_ANSWER);
  g_assert_cmpuint (pursuit_prospect_get_attempts (disk.prospect), ==, 1);
  /* Planned again, after today. */
  g_assert_nonnull (pursuit_prospect_get_next_touch (disk.prospect));
  g_assert_cmpint (g_date_time_compare (pursuit_prospect_get_next_touch (disk.prospect), tomorrow), >=, 0);
}

/* Keys */

static gboolean
shortcut_matches (GtkShortcutController *controller,
                  guint                  keyval,
                  GtkWidget             *widget)
{
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, 0);

  for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

      if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
        return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                             widget, gtk_shortcut_get_arguments (shortcut));
    }
  return FALSE;
}

/* Delivers a press of @keyval in @window: to the focused widget, then up
 * its ancestors, to their key controllers and key bindings, until one
 * handles it. Counts it in *@presses. */
static gboolean
press (GtkWindow *window,
       guint      keyval,
       guint     *presses)
{
  GtkWidget *widget = gtk_root_get_focus (GTK_ROOT (window));

  (*presses)++;
  for (widget = widget != NULL ? widget : GTK_WIDGET (window); widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
          gboolean handled = FALSE;

          if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
            g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
          else if (GTK_IS_SHORTCUT_CONTROLLER (controller))
            handled = shortcut_matches (GTK_SHORTCUT_CONTROLLER (controller), keyval, widget);
          if (handled)
            return TRUE;
        }
    }
  return FALSE;
}

/* The focused row's prospect, once the focus settled. */
static PursuitProspect *
focused (Fixture *f)
{
  pursuit_test_wait (60);
  return pursuit_today_page_get_focused (f->page);
}

static PursuitTodayRow *
row_of (Fixture         *f,
        PursuitProspect *p)
{
  GtkWidget *list = pursuit_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_LIST_VIEW);

  for (GtkWidget *item = gtk_widget_get_first_child (list); item != NULL; item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);

      if (row != NULL && PURSUIT_IS_TODAY_ROW (row) && pursuit_today_row_get_prospect (PURSUIT_TODAY_ROW (row)) == p)
        return PURSUIT_TODAY_ROW (row);
    }
  return NULL;
}

static guint
badge (Fixture *f)
{
  AdwViewStack *stack = ADW_VIEW_STACK (pursuit_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK));

  return adw_view_stack_page_get_badge_number (adw_view_stack_get_page (stack, GTK_WIDGET (f->page)));
}

/* With $PURSUIT_SHOTS_DIR set, the window as a PNG there ("today-1400.png"):
 * the screenshots of the README. */
static void
shoot (Fixture    *f,
       const char *name)
{
  const char *dir = g_getenv ("PURSUIT_SHOTS_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GtkWidget *widget = GTK_WIDGET (f->window);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (dir == NULL)
    return;
  pursuit_test_wait (400);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("%s-%d.png", name, width);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* Tests */

/* Overdue or Hot first, then by value: the order of pursuit_today_key_compare()
 * on the same follow-ups as --due. */
static void
test_order (Fixture       *f,
            gconstpointer  data)
{
  PursuitProspect *good = add (f, "Gina Good", PURSUIT_TIER_GOOD, 0, 15, 1000, PURSUIT_CHANNEL_CALL);
  PursuitProspect *hot = add (f, "Hal Hot", PURSUIT_TIER_HOT, 0, 16, 500, PURSUIT_CHANNEL_CALL);
  PursuitProspect *overdue = add (f, "Olga Overdue", PURSUIT_TIER_COOL, -2, 10, 200, PURSUIT_CHANNEL_EMAIL);
  PursuitProspect *valued = add (f, "Val Valued", PURSUIT_TIER_GOOD, 0, 9, 5000, PURSUIT_CHANNEL_EMAIL);
  PursuitProspect *customer = add (f, "Cora Customer", PURSUIT_TIER_NONE, 0, 11, -1, PURSUIT_CHANNEL_CALL);
  PursuitProspect *expected[] = { hot, overdue, valued, good, customer };
  g_auto(PursuitTestRun) run = { 0 };
  PursuitTodayRow *row;

  add (f, "Tom Tomorrow", PURSUIT_TIER_GOOD, 1, 9, 9000, PURSUIT_CHANNEL_CALL);
  add (f, "Nat Nextweek", PURSUIT_TIER_HOT, 7, 9, 9000, PURSUIT_CHANNEL_CALL);
  open_window (f);

  g_assert_cmpuint (pursuit_today_page_get_n_shown (f->page), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (pursuit_today_page_get_prospect (f->page, i) == expected[i]);
  g_assert_cmpuint (pursuit_today_page_get_n_due (f->page), ==, 5);
  g_assert_cmpuint (pursuit_today_page_get_n_tomorrow (f->page), ==, 1);
  g_assert_cmpuint (badge (f), ==, 5);
  /* The heading is the first label of the page. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (pursuit_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_LABEL))), ==,
                   "5 follow-ups");
  shoot (f, "today");

  /* What a row says, as typed, and the actions that fit its channel. */
  row = row_of (f, hot);
  g_assert_nonnull (row);
  g_assert_cmpstr (pursuit_today_row_get_text (row, "name"), ==, "Hal Hot");
  g_assert_cmpstr (pursuit_today_row_get_text (row, "contact"), ==, "Call · +49 30 555 0100");
  g_assert_true (g_str_has_prefix (pursuit_today_row_get_text (row, "reason"), "Attempt 1 of "));
  g_assert_true (gtk_widget_get_visible (pursuit_today_row_get_button (row, "call")));
  g_assert_true (gtk_widget_get_visible (pursuit_today_row_get_button (row, "no-answer")));
  g_assert_false (gtk_widget_get_visible (pursuit_today_row_get_button (row, "email")));
  row = row_of (f, valued);
  g_assert_cmpstr (pursuit_today_row_get_text (row, "contact"), ==, "Email · val.valued@example.com");
  g_assert_true (gtk_widget_get_visible (pursuit_today_row_get_button (row, "email")));
  g_assert_false (gtk_widget_get_visible (pursuit_today_row_get_button (row, "call")));

  /* Nothing to call or write to: the row says so, and offers neither. */
  {
    g_autoptr(PursuitProspect) draft = pursuit_prospect_dup (good);
    g_autoptr(GError) error = NULL;

    pursuit_prospect_set_phone (draft, "");
    pursuit_prospect_set_email (draft, "");
    g_assert_true (pursuit_store_update (f->store, good, draft, &error));
    g_assert_no_error (error);
    row = row_of (f, good);
    g_assert_cmpstr (pursuit_today_row_get_text (row, "contact"), ==, "Call · no number or address");
    g_assert_false (gtk_widget_get_visible (pursuit_today_row_get_button (row, "call")));
    g_assert_false (gtk_widget_get_visible (pursuit_today_row_get_button (row, "email")));
  }

  /* One schedule: --due lists the same follow-ups. */
  pursuit_test_run_pursuit (&run, "--database", f->path, "--due", NULL);
  g_assert_cmpint (run.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_nonnull (strstr (run.out, pursuit_prospect_get_name (expected[i])));
  g_assert_null (strstr (run.out, "Tom Tomorrow"));
  g_assert_null (strstr (run.out, "Nat Nextweek"));

  /* Live: a new follow-up due today joins in its place. */
  {
    PursuitProspect *top = add (f, "Tia Top", PURSUIT_TIER_HOT, -1, 9, 99000, PURSUIT_CHANNEL_CALL);

    g_assert_true (pursuit_today_page_get_prospect (f->page, 0) == top);
    pursuit_test_wait (50);
    g_assert_cmpuint (badge (f), ==, 6);
  }
}

/* N, S, E, C + N, L and Enter on the focused row, each checked on disk;
 * after each the next row has the focus. */
static void
test_keys (Fixture       *f,
           gconstpointer  data)
{
  PursuitProspect *a = add (f, "Ann Alpha", PURSUIT_TIER_HOT, 0, 9, 6000, PURSUIT_CHANNEL_CALL);
  PursuitProspect *b = add (f, "Ben Beta", PURSUIT_TIER_HOT, 0, 9, 5000, PURSUIT_CHANNEL_CALL);
  PursuitProspect *c = add (f, "Cat Gamma", PURSUIT_TIER_HOT, 0, 9, 4000, PURSUIT_CHANNEL_EMAIL);
  PursuitProspect *d = add (f, "Dan Delta", PURSUIT_TIER_HOT, 0, 9, 3000, PURSUIT_CHANNEL_CALL);
  PursuitProspect *e = add (f, "Eve Epsilon", PURSUIT_TIER_HOT, 0, 9, 2000, PURSUIT_CHANNEL_CALL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_auto(OnDisk) disk = { 0 };
  g_autofree char *uri = NULL;
  PursuitCallDialog *call;
  PursuitTouchDialog *touch_dialog;
  guint presses = 0;

  open_window (f);
  g_assert_true (focused (f) == a);

  /* N: an unanswered call, logged at once. */
  g_assert_true (press (GTK_WINDOW (f->window), GDK_KEY_n, &presses));
  assert_attempt_on_disk (f, a, PURSUIT_CHANNEL_CALL, 1);
  g_assert_true (focused (f) == b);
  g_assert_cmpuint (pursuit_today_page_get_n_shown (f->page), ==, 4);

  /* S: the next working day, set by hand. */
  g_assert_true (press (GTK_WINDOW (f->window), GDK_KEY_s, &presses));
  read_disk (f, b, &disk);
  g_assert_true (pursuit_prospect_get_next_touch_manual (disk.prospect));
  g_assert_cmpint (pursuit_format_days_between (now, pursuit_prospect_get_next_touch (disk.prospect)), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (disk.touches), ==, 0);
  g_assert_true (focused (f) == c);

  /* E: the mail program gets the address; the email is logged. */
  g_assert_true (press (GTK_WINDOW (f->window), GDK_KEY_e, &presses));
  uri = wait_for_uris (mail_log, 1);
  g_assert_true (g_str_has_prefix (uri, "mailto:cat.gamma@example.com?"));
  assert_attempt_on_disk (f, c, PURSUIT_CHANNEL_EMAIL, 1);
  g_assert_true (focused (f) == d);

  /* C, then N in the outcome dialog. */
  g_assert_true (press (GTK_WINDOW (f->window), GDK_KEY_c, &presses));
  pursuit_test_wait (100);
  call = find_toplevel (PURSUIT_TYPE_CALL_DIALOG);
  g_assert_nonnull (call);
  g_assert_true (press (GTK_WINDOW (call), GDK_KEY_n, &presses));
  g_free (wait_for_uris (phone_log, 1));
  assert_attempt_on_disk (f, d, PURSUIT_CHANNEL_CALL, 1);
  g_assert_true (focused (f) == e);

  /* Enter: the prospect's page. */
  g_assert_true (press (GTK_WINDOW (f->window), GDK_KEY_Return, &presses));
  pursuit_test_wait (100);
  g_assert_nonnull (find_toplevel (PURSUIT_TYPE_PROSPECT_PAGE));
  g_assert_null (find_toplevel (PURSUIT_TYPE_TOUCH_DIALOG));
  gtk_window_destroy (find_toplevel (PURSUIT_TYPE_PROSPECT_PAGE));

  /* L: the touch dialog, which logs what it is told. */
  g_assert_true (press (GTK_WINDOW (f->window), GDK_KEY_l, &presses));
  pursuit_test_wait (100);
  touch_dialog = find_toplevel (PURSUIT_TYPE_TOUCH_DIALOG);
  g_assert_nonnull (touch_dialog);
  pursuit_touch_dialog_set_channel (touch_dialog, PURSUIT_CHANNEL_VOICEMAIL);
  pursuit_touch_dialog_set_outcome (touch_dialog, PURSUIT_OUTCOME_LEFT_MESSAGE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (touch_dialog), "touch.save", NULL));
  pursuit_test_wait (100);
  read_disk (f, e, &disk);
  g_assert_cmpuint (g_list_model_get_n_items (disk.touches), ==, 1);
  g_assert_cmpuint (pursuit_today_page_get_n_shown (f->page), ==, 0);
}

/* Every action undone with Ctrl+Z: the follow-up comes back, and the
 * database is as before. */
static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  PursuitProspect *a = add (f, "Ann Alpha", PURSUIT_TIER_HOT, 0, 9, 6000, PURSUIT_CHANNEL_CALL);
  PursuitProspect *b = add (f, "Ben Beta", PURSUIT_TIER_GOOD, 0, 10, 5000, PURSUIT_CHANNEL_EMAIL);
  g_autoptr(GDateTime) b_due = g_date_time_ref (pursuit_prospect_get_next_touch (b));
  g_auto(OnDisk) disk = { 0 };
  guint presses = 0;

  open_window (f);
  g_assert_true (focused (f) == a);
  g_assert_true (press (GTK_WINDOW (f->window), GDK_KEY_n, &presses));
  assert_attempt_on_disk (f, a, PURSUIT_CHANNEL_CALL, 1);
  g_assert_true (focused (f) == b);
  g_assert_true (press (GTK_WINDOW (f->window), GDK_KEY_s, &presses));
  g_assert_cmpuint (pursuit_today_page_get_n_shown (f->page), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  read_disk (f, b, &disk);
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (disk.prospect), b_due));
  g_assert_false (pursuit_prospect_get_next_touch_manual (disk.prospect));
  g_assert_cmpuint (pursuit_today_page_get_n_shown (f->page), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  read_disk (f, a, &disk);
  g_assert_cmpuint (g_list_model_get_n_items (disk.touches), ==, 0);
  g_assert_cmpuint (pursuit_prospect_get_attempts (disk.prospect), ==, 0);
  g_assert_cmpuint (pursuit_today_page_get_n_shown (f->page), ==, 2);
  g_assert_true (pursuit_today_page_get_prospect (f->page, 0) == a);
}

/* E, then Ctrl+Z: the email's touch is gone from disk and the follow-up
 * is back on the page; the toast's Undo names the same change. */
static void
test_undo_email (Fixture       *f,
                 gconstpointer  data)
{
  PursuitProspect *a = add (f, "Ann Alpha", PURSUIT_TIER_GOOD, 0, 9, 6000, PURSUIT_CHANNEL_EMAIL);
  PursuitUndoStack *stack = pursuit_store_get_undo_stack (f->store);
  g_auto(OnDisk) disk = { 0 };
  guint presses = 0;

  open_window (f);
  g_assert_true (focused (f) == a);
  g_assert_true (press (GTK_WINDOW (f->window), GDK_KEY_e, &presses));
  g_free (wait_for_uris (mail_log, 1));
  assert_attempt_on_disk (f, a, PURSUIT_CHANNEL_EMAIL, 1);
  g_assert_cmpuint (pursuit_today_page_get_n_shown (f->page), ==, 0);
  /* One entry for the whole action. */
  g_assert_cmpuint (pursuit_undo_stack_get_depth (stack), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  read_disk (f, a, &disk);
  g_assert_cmpuint (g_list_model_get_n_items (disk.touches), ==, 0);
  g_assert_cmpuint (pursuit_prospect_get_attempts (disk.prospect), ==, 0);
  g_assert_cmpuint (pursuit_today_page_get_n_shown (f->page), ==, 1);
  g_assert_cmpuint (pursuit_undo_stack_get_depth (stack), ==, 0);
}

/* A prospect at the end of its streak: the row offers the closing-the-loop
 * email instead of another attempt. And the main menu's nurture mailing
 * opens from the window. */
static void
test_closing_and_nurture (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PursuitProspect) closing = pursuit_prospect_new ("Cal Closing");
  g_autoptr(PursuitProspect) cold = pursuit_prospect_new ("Col Cold");
  g_autoptr(GDateTime) today = at (f, 0, 9);
  g_autoptr(GError) error = NULL;
  PursuitTodayRow *row;

  pursuit_prospect_set_email (closing, "cal@example.com");
  pursuit_prospect_set_stage (closing, PURSUIT_STAGE_ACTIVE);
  pursuit_prospect_set_tier (closing, PURSUIT_TIER_GOOD);
  pursuit_prospect_set_attempts_before (closing, 3);
  pursuit_prospect_set_attempts (closing, 3);
  pursuit_prospect_set_attempt_limit (closing, 3);
  pursuit_prospect_set_next_touch (closing, today);
  pursuit_prospect_set_next_channel (closing, PURSUIT_CHANNEL_EMAIL);
  g_assert_true (pursuit_store_add (f->store, closing, &error));
  pursuit_prospect_set_email (cold, "col@example.com");
  pursuit_prospect_set_stage (cold, PURSUIT_STAGE_ACTIVE);
  pursuit_prospect_set_tier (cold, PURSUIT_TIER_COLD);
  g_assert_true (pursuit_store_add (f->store, cold, &error));
  g_assert_no_error (error);
  open_window (f);

  g_assert_cmpuint (pursuit_today_page_get_n_shown (f->page), ==, 1);
  row = row_of (f, closing);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_visible (pursuit_today_row_get_button (row, "close-loop")));
  g_assert_false (gtk_widget_get_visible (pursuit_today_row_get_button (row, "email")));
  g_assert_true (g_str_has_prefix (pursuit_today_row_get_text (row, "reason"), "Attempt 4, 1 past the limit of 3"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.nurture", NULL));
  pursuit_test_wait (100);
  g_assert_nonnull (find_toplevel (PURSUIT_TYPE_NURTURE_DIALOG));
}

/* Done rows leave; the empty page says so, with tomorrow's count; the
 * tag filter shows only the tagged. */
static void
test_empty_and_tags (Fixture       *f,
                     gconstpointer  data)
{
  PursuitProspect *a = add (f, "Ann Alpha", PURSUIT_TIER_GOOD, 0, 9, 6000, PURSUIT_CHANNEL_CALL);
  PursuitProspect *b = add (f, "Ben Beta", PURSUIT_TIER_GOOD, 0, 10, 5000, PURSUIT_CHANNEL_CALL);
  g_autoptr(PursuitProspect) draft = pursuit_prospect_dup (b);
  g_autoptr(GError) error = NULL;
  GtkStack *stack;
  AdwStatusPage *status;
  guint presses = 0;

  pursuit_prospect_set_tags (draft, "vip, trade fair");
  g_assert_true (pursuit_store_update (f->store, b, draft, &error));
  add (f, "Tom Tomorrow", PURSUIT_TIER_GOOD, 1, 9, 100, PURSUIT_CHANNEL_CALL);
  add (f, "Tim Tomorrow", PURSUIT_TIER_GOOD, 1, 10, 100, PURSUIT_CHANNEL_CALL);
  open_window (f);
  stack = GTK_STACK (pursuit_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_STACK));
  status = ADW_STATUS_PAGE (pursuit_test_find_widget (GTK_WIDGET (f->page), ADW_TYPE_STATUS_PAGE));

  pursuit_today_page_set_tag (f->page, "#vip");
  g_assert_cmpuint (pursuit_today_page_get_n_shown (f->page), ==, 1);
  g_assert_true (pursuit_today_page_get_prospect (f->page, 0) == b);
  g_assert_cmpuint (badge (f), ==, 2);
  pursuit_today_page_set_tag (f->page, "nosuchtag");
  g_assert_cmpuint (pursuit_today_page_get_n_shown (f->page), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  pursuit_today_page_set_tag (f->page, NULL);
  g_assert_cmpuint (pursuit_today_page_get_n_shown (f->page), ==, 2);

  pursuit_today_page_focus_row (f->page, 0);
  g_assert_true (focused (f) == a);
  g_assert_true (press (GTK_WINDOW (f->window), GDK_KEY_n, &presses));
  g_assert_true (press (GTK_WINDOW (f->window), GDK_KEY_n, &presses));
  g_assert_cmpuint (pursuit_today_page_get_n_shown (f->page), ==, 0);
  pursuit_test_wait (50);
  g_assert_cmpuint (pursuit_today_page_get_n_due (f->page), ==, 0);
  g_assert_cmpuint (badge (f), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_description (status), ==, "Tomorrow: 2 follow-ups");
}

/* Runs @sql on a connection of the test's own to the database @path. */
static void
run_sql (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* The undo of a logged touch takes the touch away and puts the plan
 * back in one transaction. Here every write after the first that leaves
 * a prospect's streak as it is gets refused (as a full disk or a crash
 * would stop a second transaction): the undo still does all of it. */
static void
test_undo_logged_touch_at_once (Fixture       *f,
                                gconstpointer  data)
{
  PursuitProspect *a = add (f, "Ann Alpha", PURSUIT_TIER_GOOD, 0, 9, 6000, PURSUIT_CHANNEL_CALL);
  g_autoptr(GDateTime) due = g_date_time_ref (pursuit_prospect_get_next_touch (a));
  g_auto(OnDisk) disk = { 0 };
  guint presses = 0;

  open_window (f);
  g_assert_true (focused (f) == a);
  g_assert_true (press (GTK_WINDOW (f->window), GDK_KEY_n, &presses));
  assert_attempt_on_disk (f, a, PURSUIT_CHANNEL_CALL, 1);
  run_sql (f->path, "CREATE TRIGGER second_write BEFORE UPDATE ON prospect WHEN OLD.attempts = NEW.attempts "
                    "BEGIN SELECT RAISE (ABORT, 'a second write'); END");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  run_sql (f->path, "DROP TRIGGER second_write");

  read_disk (f, a, &disk);
  g_assert_cmpuint (g_list_model_get_n_items (disk.touches), ==, 0);
  g_assert_cmpuint (pursuit_prospect_get_attempts (disk.prospect), ==, 0);
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (disk.prospect), due));
  g_assert_cmpuint (pursuit_today_page_get_n_shown (f->page), ==, 1);
}

/* The toasts @overlay shows or is about to. */
static guint
count_toasts_in (GtkWidget *overlay)
{
  GType toast_widget = g_type_from_name ("AdwToastWidget");
  guint n = 0;

  g_assert_nonnull (overlay);
  g_assert_true (toast_widget != G_TYPE_INVALID);
  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += G_TYPE_CHECK_INSTANCE_TYPE (child, toast_widget) && gtk_widget_get_child_visible (child);
  return n;
}

static GtkWidget *
window_overlay (Fixture *f)
{
  return pursuit_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_TOAST_OVERLAY);
}

static guint
count_toasts (Fixture *f)
{
  return count_toasts_in (window_overlay (f));
}

static gboolean
at_most_one_toast_in (gpointer overlay)
{
  return count_toasts_in (overlay) <= 1;
}

static gboolean
no_toast_in (gpointer overlay)
{
  return count_toasts_in (overlay) == 0;
}

static gboolean
at_most_one_toast (gpointer data)
{
  return count_toasts (data) <= 1;
}

static gboolean
no_toast (gpointer data)
{
  return count_toasts (data) == 0;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *icon_name)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), icon_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, icon_name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The user closes the toast on screen. */
static void
close_toast_in (GtkWidget *overlay)
{
  GType toast_widget = g_type_from_name ("AdwToastWidget");

  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (G_TYPE_CHECK_INSTANCE_TYPE (child, toast_widget))
      {
        GtkWidget *close = find_button (child, "window-close-symbolic");

        g_assert_nonnull (close);
        g_signal_emit_by_name (close, "clicked");
        return;
      }
  g_assert_not_reached ();
}

static void
close_toast (Fixture *f)
{
  close_toast_in (window_overlay (f));
}

/* 20 follow-ups logged unanswered in quick succession: one Undo toast on
 * screen, the newest, and none queued behind it (closing it shows no
 * older one); Ctrl+Z still undoes each, newest first, on disk. */
static void
test_undo_toasts_quick (Fixture       *f,
                        gconstpointer  data)
{
  PursuitProspect *done[20];

  for (guint i = 0; i < G_N_ELEMENTS (done); i++)
    {
      g_autofree char *name = g_strdup_printf ("Quick %02u", i);

      add (f, name, PURSUIT_TIER_GOOD, 0, 8 + i % 9, 1000 + 100 * i, PURSUIT_CHANNEL_CALL);
    }
  open_window (f);
  for (guint i = 0; i < G_N_ELEMENTS (done); i++)
    {
      guint presses = 0;

      /* Each within a toast's time on screen of the one before. */
      done[i] = focused (f);
      g_assert_nonnull (done[i]);
      g_assert_true (press (GTK_WINDOW (f->window), GDK_KEY_n, &presses));
    }
  g_assert_cmpuint (pursuit_today_page_get_n_shown (f->page), ==, 0);
  pursuit_test_wait_until (at_most_one_toast, f, 5000);
  g_assert_cmpuint (count_toasts (f), ==, 1);
  close_toast (f);
  pursuit_test_wait_until (no_toast, f, 5000);

  for (guint undone = 0; undone < 3; undone++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
      for (guint i = 0; i < G_N_ELEMENTS (done); i++)
        {
          g_auto(OnDisk) disk = { 0 };

          read_disk (f, done[i], &disk);
          g_assert_cmpuint (g_list_model_get_n_items (disk.touches), ==, i + undone + 1 >= 20 ? 0u : 1u);
        }
    }
  pursuit_test_wait_until (at_most_one_toast, f, 5000);
  g_assert_cmpuint (pursuit_today_page_get_n_shown (f->page), ==, 3);
}

/* The same on a prospect's page: touches deleted in quick succession
 * leave one Undo toast, none queued behind it, and its Undo brings back
 * the newest deletion, on disk. */
static void
test_page_undo_toasts_quick (Fixture       *f,
                             gconstpointer  data)
{
  PursuitProspect *a = add (f, "Ann Alpha", PURSUIT_TIER_GOOD, 3, 9, 6000, PURSUIT_CHANNEL_CALL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_auto(OnDisk) disk = { 0 };
  gint64 ids[5];
  PursuitProspectPage *page;
  GtkWidget *overlay;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(GDateTime) when = g_date_time_add_hours (now, -24 * (int) (G_N_ELEMENTS (ids) - i));
      g_autoptr(PursuitTouch) touch = pursuit_touch_new (pursuit_prospect_get_id (a), when, PURSUIT_CHANNEL_CALL,
                                                         PURSUIT_DIRECTION_OUT, PURSUIT_OUTCOME_NO_ANSWER);
      g_autoptr(GError) error = NULL;

      g_assert_true (pursuit_store_record_touch (f->store, touch, &error));
      g_assert_no_error (error);
      ids[i] = pursuit_touch_get_id (touch);
    }
  open_window (f);
  page = pursuit_prospect_page_present (GTK_WINDOW (f->window), f->store, a);
  pursuit_test_show_and_wait (GTK_WINDOW (page), 100);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.delete-touch", "x", ids[i]));
  overlay = pursuit_test_find_widget (GTK_WIDGET (page), ADW_TYPE_TOAST_OVERLAY);
  g_assert_nonnull (overlay);
  pursuit_test_wait_until (at_most_one_toast_in, overlay, 5000);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.undo", NULL));
  read_disk (f, a, &disk);
  g_assert_cmpuint (g_list_model_get_n_items (disk.touches), ==, 1);
  close_toast_in (overlay);
  pursuit_test_wait_until (no_toast_in, overlay, 5000);
}

/* Figure */

/* The figure: 20 due follow-ups worked through from the Today page by
 * key presses alone. Half are planned as emails (E), half as calls: an
 * unanswered call either with N, or with C and then N in the outcome
 * dialog. */
static void
test_figure (Fixture       *f,
             gconstpointer  data)
{
  guint email_presses = 0, no_answer_presses = 0, call_presses = 0;
  guint n_email = 0, n_no_answer = 0, n_call = 0;
  PursuitProspect *prospects[20];

  for (guint i = 0; i < G_N_ELEMENTS (prospects); i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %02u", i);

      prospects[i] = add (f, name, PURSUIT_TIER_GOOD, -(int) (i % 3), 8 + i % 9, 1000 + 100 * i,
                          i % 2 == 0 ? PURSUIT_CHANNEL_EMAIL : PURSUIT_CHANNEL_CALL);
    }
  open_window (f);
  g_assert_cmpuint (pursuit_today_page_get_n_shown (f->page), ==, 20);

  for (guint done = 0; done < 20; done++)
    {
      PursuitProspect *p = focused (f);
      guint presses = 0;

      g_assert_nonnull (p);
      if (pursuit_prospect_get_next_channel (p) == PURSUIT_CHANNEL_EMAIL)
        {
          g_autofree char *uri = NULL;
          g_autofree char *to = g_strdup_printf ("mailto:%s?", pursuit_prospect_get_email (p));

          g_assert_true (press (GTK_WINDOW (f->window), GDK_KEY_e, &presses));
          email_presses = MAX (email_presses, presses);
          n_email++;
          /* One at a time: the handler keeps one URI. */
          uri = wait_for_uris (mail_log, 1);
          g_assert_true (g_str_has_prefix (uri, to));
        }
      else if (n_no_answer <= n_call)
        {
          g_assert_true (press (GTK_WINDOW (f->window), GDK_KEY_n, &presses));
          no_answer_presses = MAX (no_answer_presses, presses);
          n_no_answer++;
        }
      else
        {
          PursuitCallDialog *call;

          g_assert_true (press (GTK_WINDOW (f->window), GDK_KEY_c, &presses));
          pursuit_test_wait (50);
          call = find_toplevel (PURSUIT_TYPE_CALL_DIALOG);
          g_assert_nonnull (call);
          g_assert_true (press (GTK_WINDOW (call), GDK_KEY_n, &presses));
          call_presses = MAX (call_presses, presses);
          n_call++;
          g_free (wait_for_uris (phone_log, 1));
        }
      g_assert_cmpuint (pursuit_today_page_get_n_shown (f->page), ==, 19 - done);
    }
  g_assert_cmpuint (email_presses, <=, 2);
  g_assert_cmpuint (no_answer_presses, <=, 2);
  g_assert_cmpuint (call_presses, <=, 2);
  for (guint i = 0; i < G_N_ELEMENTS (prospects); i++)
    assert_attempt_on_disk (f, prospects[i], i % 2 == 0 ? PURSUIT_CHANNEL_EMAIL : PURSUIT_CHANNEL_CALL, 1);
  g_test_message ("20 follow-ups: %u emails, %u press(es) each; %u unanswered calls logged with N, %u press(es) each; "
                  "%u calls placed with C and logged unanswered, %u press(es) each",
                  n_email, email_presses, n_no_answer, no_answer_presses, n_call, call_presses);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* The handlers live in folders of the test's own, set before anything
   * reads them (not G_TEST_OPTION_ISOLATE_DIRS: see test-outreach.c). */
  pursuit_test_handlers_init (&handlers, "pursuit-today");
  mail_log = handlers.mail_log;
  phone_log = handlers.phone_log;

  g_test_init (&argc, &argv, NULL);
  adw_init ();
  pursuit_test_handlers_install (&handlers);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/today/order", test_order);
  ADD ("/today/keys", test_keys);
  ADD ("/today/undo", test_undo);
  ADD ("/today/undo/email", test_undo_email);
  ADD ("/today/closing-and-nurture", test_closing_and_nurture);
  ADD ("/today/empty-and-tags", test_empty_and_tags);
  ADD ("/today/figure", test_figure);
  ADD ("/today/undo/logged-touch-at-once", test_undo_logged_touch_at_once);
  ADD ("/today/undo/toasts-quick", test_undo_toasts_quick);
  ADD ("/today/undo/page-toasts-quick", test_page_undo_toasts_quick);
#undef ADD

  status = g_test_run ();
  pursuit_test_handlers_clear (&handlers);
  return status;
}
