/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test"

#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>
#include <string.h>

#include "pursuit-import-dialog.h"
#include "pursuit-import.h"
#include "pursuit-store-touches.h"
#include "pursuit-undo-stack.h"
#include "pursuit-window.h"
#include "test-util.h"

/* A history of thousands of touches is logged in the import's thread:
 * the main loop turns while its touches are written (the bar moves with
 * them), the result is what logging the same touches by hand gives,
 * field by field, Cancel while it writes leaves the file byte for byte
 * as it was, and Undo takes the touches away and gives the prospects
 * their values back. Checked on the databases reopened from disk. */

#define N_PROSPECTS 40
#define N_TOUCHES 2000

typedef struct
{
  guint            prospect;
  GDateTime       *when;
  PursuitChannel   channel;
  PursuitDirection direction;
  PursuitOutcome   outcome;
  GDateTime       *callback;
  gboolean         informational;
  guint            line;
} Row;

typedef struct
{
  char         *dir;
  char         *path;
  char         *hand_path;
  char         *csv;
  PursuitStore *store;
  PursuitStore *hand;      /* the same prospects, touches logged by hand */
  GArray       *rows;      /* Row, in the order they happened */
  GCancellable *cancellable;
  guint         n_moving;  /* progress between nothing and all */
  guint         n_ticks;
  guint         n_added;   /* ::touch-added */
  GAsyncResult *result;
} Fixture;

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_clear_pointer (&row->when, g_date_time_unref);
  g_clear_pointer (&row->callback, g_date_time_unref);
}

static void
add_prospects (PursuitStore *store)
{
  for (guint i = 0; i < N_PROSPECTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Lead %u", i);
      g_autofree char *email = g_strdup_printf ("lead%u@example.com", i);
      g_autoptr(PursuitProspect) p = pursuit_prospect_new (name);
      g_autoptr(GError) error = NULL;

      pursuit_prospect_set_email (p, email);
      if (i % 3 != 0)
        pursuit_prospect_set_phone (p, "+49 30 1234567");
      if (i % 5 == 4)
        pursuit_prospect_set_stage (p, PURSUIT_STAGE_INBOX);
      else
        {
          pursuit_prospect_set_stage (p, i % 11 == 0 ? PURSUIT_STAGE_CUSTOMER : PURSUIT_STAGE_ACTIVE);
          if (i % 11 != 0)
            pursuit_prospect_set_tier (p, PURSUIT_TIER_HOT + i % 4);
        }
      pursuit_prospect_set_value (p, 500.0 * (i + 1));
      g_assert_true (pursuit_store_add (store, p, &error));
      g_assert_no_error (error);
    }
}

/* Mostly unanswered attempts, some answers, callbacks, updates to the
 * nurture list, now and then a no or a win; two at a time at the same
 * minute, which the order of the file decides. */
static void
make_rows (Fixture *f)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (16);
  g_autoptr(GDateTime) start = g_date_time_new_local (2024, 1, 8, 9, 0, 0);

  f->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (f->rows, row_clear);
  for (guint i = 0; i < N_TOUCHES; i++)
    {
      Row row = { 0 };
      guint dice = g_rand_int_range (rand, 0, 100);

      row.prospect = g_rand_int_range (rand, 0, N_PROSPECTS);
      row.when = g_date_time_add_minutes (start, (i / 2) * 97);
      row.channel = g_rand_int_range (rand, 0, PURSUIT_N_CHANNELS);
      row.direction = PURSUIT_DIRECTION_OUT;
      if (dice < 40)
        row.outcome = PURSUIT_OUTCOME_NO_ANSWER;
      else if (dice < 60)
        row.outcome = PURSUIT_OUTCOME_LEFT_MESSAGE;
      else if (dice < 70)
        {
          row.outcome = PURSUIT_OUTCOME_LEFT_MESSAGE;
          row.channel = PURSUIT_CHANNEL_EMAIL;
          row.informational = TRUE;
        }
      else if (dice < 80)
        {
          row.outcome = PURSUIT_OUTCOME_REPLIED;
          row.direction = dice % 2 == 0 ? PURSUIT_DIRECTION_IN : PURSUIT_DIRECTION_OUT;
        }
      else if (dice < 85)
        row.outcome = PURSUIT_OUTCOME_MEETING;
      else if (dice < 97)
        {
          row.outcome = PURSUIT_OUTCOME_CALLBACK_REQUESTED;
          row.callback = g_date_time_add_days (row.when, 3);
        }
      else if (dice < 99)
        row.outcome = PURSUIT_OUTCOME_FIRM_NO;
      else
        row.outcome = PURSUIT_OUTCOME_WON;
      g_array_append_val (f->rows, row);
    }
}

static char *
format_when (GDateTime *when)
{
  return g_date_time_format (when, "%Y-%m-%d %H:%M");
}

/* Pursuit's own touch columns, newest first: the import logs them oldest
 * first, those of a minute in the order of the file, which is then the
 * reverse of the rows'. */
static void
write_csv (Fixture *f)
{
  g_autoptr(GString) text = g_string_new ("email,time,channel,direction,outcome,note,callback,informational\n");
  g_autoptr(GError) error = NULL;
  guint line = 2;

  for (guint i = f->rows->len; i > 0; i--)
    {
      Row *row = &g_array_index (f->rows, Row, i - 1);
      g_autofree char *when = format_when (row->when);
      g_autofree char *callback = row->callback != NULL ? format_when (row->callback) : g_strdup ("");

      g_string_append_printf (text, "lead%u@example.com,%s,%s,%s,%s,Note %u,%s,%s\n", row->prospect, when,
                              pursuit_channel_to_string (row->channel), pursuit_direction_to_string (row->direction),
                              pursuit_outcome_to_string (row->outcome), i - 1, callback,
                              row->informational ? "yes" : "");
      row->line = line++;
    }
  g_assert_true (g_file_set_contents (f->csv, text->str, text->len, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = pursuit_test_make_dir ("test-history-thread");
  f->path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->hand_path = g_build_filename (f->dir, "hand.db", NULL);
  f->csv = g_build_filename (f->dir, "touches.csv", NULL);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  f->hand = pursuit_store_open (f->hand_path, &error);
  g_assert_no_error (error);
  add_prospects (f->store);
  add_prospects (f->hand);
  make_rows (f);
  write_csv (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pursuit_test_destroy_windows ();
  g_clear_object (&f->store);
  g_clear_object (&f->hand);
  g_clear_object (&f->cancellable);
  g_clear_object (&f->result);
  g_clear_pointer (&f->rows, g_array_unref);
  pursuit_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->hand_path);
  g_free (f->csv);
  g_free (f->dir);
}

static PursuitProspect *
find (PursuitStore *store,
      guint         i)
{
  g_autofree char *email = g_strdup_printf ("lead%u@example.com", i);
  GListModel *model = pursuit_store_get_prospects (store);

  for (guint j = 0; j < g_list_model_get_n_items (model); j++)
    {
      g_autoptr(PursuitProspect) p = g_list_model_get_item (model, j);

      if (g_str_equal (pursuit_prospect_get_email (p), email))
        return p;
    }
  g_error ("no prospect %s", email);
  return NULL;
}

/* Each touch logged by hand, oldest first and those of a minute as the
 * file lists them, as the touch dialog logs one; an attempt on a
 * prospect let go is refused there as by the import. */
static guint
log_by_hand (Fixture *f)
{
  guint n = 0;

  for (guint i = 0; i < f->rows->len; i += 2)
    for (guint k = 0; k < 2 && i + k < f->rows->len; k++)
      {
        /* Of the two at a minute, the later row comes first in the file. */
        guint index = i + (i + 1 < f->rows->len ? 1 - k : 0);
        Row *row = &g_array_index (f->rows, Row, index);
        g_autoptr(PursuitTouch) touch = NULL;
        g_autoptr(GError) error = NULL;

        touch = pursuit_touch_new (pursuit_prospect_get_id (find (f->hand, row->prospect)), row->when, row->channel,
                                   row->direction, row->outcome);
        g_autofree char *note = g_strdup_printf ("Note %u", index);

        pursuit_touch_set_note (touch, note);
        if (row->callback != NULL)
          pursuit_touch_set_callback_at (touch, row->callback);
        pursuit_touch_set_informational (touch, row->informational);
        if (pursuit_store_record_touch (f->hand, touch, &error))
          n++;
        else
          g_assert_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID);
      }
  return n;
}

static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->store);
  g_clear_object (&f->hand);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  f->hand = pursuit_store_open (f->hand_path, &error);
  g_assert_no_error (error);
}

/* Planned from "now", a moment apart. */
static void
assert_close_dates (GDateTime *a,
                    GDateTime *b)
{
  g_assert_true ((a == NULL) == (b == NULL));
  if (a != NULL)
    g_assert_cmpint (ABS (g_date_time_difference (a, b)), <, 60 * G_TIME_SPAN_SECOND);
}

static void
assert_same_dates (GDateTime *a,
                   GDateTime *b)
{
  g_assert_true ((a == NULL) == (b == NULL));
  if (a != NULL)
    g_assert_true (g_date_time_equal (a, b));
}

static void
assert_same_prospect (PursuitProspect *a,
                      PursuitProspect *b)
{
  g_test_message ("%s", pursuit_prospect_get_name (a));
  g_assert_cmpstr (pursuit_prospect_get_name (a), ==, pursuit_prospect_get_name (b));
  g_assert_cmpint (pursuit_prospect_get_stage (a), ==, pursuit_prospect_get_stage (b));
  g_assert_cmpint (pursuit_prospect_get_tier (a), ==, pursuit_prospect_get_tier (b));
  g_assert_cmpuint (pursuit_prospect_get_attempts (a), ==, pursuit_prospect_get_attempts (b));
  g_assert_cmpuint (pursuit_prospect_get_attempts_before (a), ==, pursuit_prospect_get_attempts_before (b));
  g_assert_cmpint (pursuit_prospect_get_next_channel (a), ==, pursuit_prospect_get_next_channel (b));
  g_assert_cmpint (pursuit_prospect_get_next_touch_manual (a), ==, pursuit_prospect_get_next_touch_manual (b));
  g_assert_cmpint (pursuit_prospect_get_do_not_contact (a), ==, pursuit_prospect_get_do_not_contact (b));
  g_assert_cmpstr (pursuit_prospect_get_close_reason (a), ==, pursuit_prospect_get_close_reason (b));
  assert_close_dates (pursuit_prospect_get_next_touch (a), pursuit_prospect_get_next_touch (b));
  assert_same_dates (pursuit_prospect_get_callback_at (a), pursuit_prospect_get_callback_at (b));
  assert_close_dates (pursuit_prospect_get_revisit_at (a), pursuit_prospect_get_revisit_at (b));
  assert_close_dates (pursuit_prospect_get_closed_at (a), pursuit_prospect_get_closed_at (b));
}

static void
assert_same_touches (PursuitStore    *sa,
                     PursuitProspect *a,
                     PursuitStore    *sb,
                     PursuitProspect *b)
{
  g_autoptr(GListModel) ta = pursuit_store_list_touches (sa, a, NULL);
  g_autoptr(GListModel) tb = pursuit_store_list_touches (sb, b, NULL);

  g_assert_cmpuint (g_list_model_get_n_items (ta), ==, g_list_model_get_n_items (tb));
  for (guint i = 0; i < g_list_model_get_n_items (ta); i++)
    {
      g_autoptr(PursuitTouch) x = g_list_model_get_item (ta, i);
      g_autoptr(PursuitTouch) y = g_list_model_get_item (tb, i);

      g_assert_true (g_date_time_equal (pursuit_touch_get_happened_at (x), pursuit_touch_get_happened_at (y)));
      g_assert_cmpint (pursuit_touch_get_channel (x), ==, pursuit_touch_get_channel (y));
      g_assert_cmpint (pursuit_touch_get_direction (x), ==, pursuit_touch_get_direction (y));
      g_assert_cmpint (pursuit_touch_get_outcome (x), ==, pursuit_touch_get_outcome (y));
      g_assert_cmpint (pursuit_touch_get_informational (x), ==, pursuit_touch_get_informational (y));
      g_assert_cmpstr (pursuit_touch_get_note (x), ==, pursuit_touch_get_note (y));
      assert_same_dates (pursuit_touch_get_callback_at (x), pursuit_touch_get_callback_at (y));
    }
}

/* Importing through the thread */

static void
progress_cb (guint    read,
             guint    n_rows,
             double   fraction,
             gpointer data)
{
  Fixture *f = data;

  if (fraction > 0 && fraction < 1)
    {
      f->n_moving++;
      /* Halfway through the writing. */
      if (f->cancellable != NULL)
        g_cancellable_cancel (f->cancellable);
    }
}

static gboolean
tick_cb (gpointer data)
{
  Fixture *f = data;

  f->n_ticks++;
  return G_SOURCE_CONTINUE;
}

static void
touch_added_cb (PursuitStore *store,
                PursuitTouch *touch,
                Fixture      *f)
{
  g_assert_true (pursuit_store_is_recording_many (store));
  g_assert_cmpint (pursuit_touch_get_id (touch), >, 0);
  f->n_added++;
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Fixture *f = data;

  f->result = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return ((Fixture *) data)->result != NULL;
}

static gboolean
import (Fixture           *f,
        PursuitCsvReport **report,
        GError           **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (f->csv);
  g_autoptr(GBytes) head = NULL;
  g_autoptr(PursuitImportLayout) layout = pursuit_import_load (file, &head, NULL, error);
  guint tick;

  g_assert_nonnull (layout);
  g_assert_cmpint (layout->kind, ==, PURSUIT_IMPORT_KIND_HISTORY);
  g_signal_connect (f->store, "touch-added", G_CALLBACK (touch_added_cb), f);
  tick = g_timeout_add (1, tick_cb, f);
  pursuit_import_file_async (f->store, file, layout, PURSUIT_CSV_ON_DUPLICATE_SKIP, f->cancellable, progress_cb, f,
                             imported_cb, f);
  pursuit_test_wait_until (has_result, f, 300000);
  g_source_remove (tick);
  g_signal_handlers_disconnect_by_func (f->store, touch_added_cb, f);
  return pursuit_import_file_finish (f->store, f->result, report, error);
}

/* The whole history: the main loop turns while the touches are written,
 * and each prospect comes out as if its touches had been logged by hand. */
static void
test_as_by_hand (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint n_by_hand;

  g_assert_true (import (f, &report, &error));
  g_assert_no_error (error);
  /* The bar moved with the touches written: the main loop turned while
   * the thread wrote them. */
  g_assert_cmpuint (f->n_moving, >, 0);
  g_assert_cmpuint (f->n_ticks, >, 1);
  g_assert_cmpuint (f->n_added, ==, report->touches);
  g_assert_cmpuint (report->logged->len, ==, report->touches);

  n_by_hand = log_by_hand (f);
  g_assert_cmpuint (report->touches, ==, n_by_hand);
  g_assert_cmpuint (report->touches + report->invalid, ==, N_TOUCHES);
  /* Some attempts came after a firm no. */
  g_assert_cmpuint (report->invalid, >, 0);

  reopen (f);
  for (guint i = 0; i < N_PROSPECTS; i++)
    {
      assert_same_prospect (find (f->store, i), find (f->hand, i));
      assert_same_touches (f->store, find (f->store, i), f->hand, find (f->hand, i));
    }
  /* What Insights read of both databases, prospect by prospect. */
  pursuit_test_assert_same_insights (f->path, f->hand_path, 59);
}

/* Cancel while the thread writes: nothing is written, the file byte for
 * byte as it was. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GBytes) bytes_before = NULL;
  g_autoptr(GBytes) bytes_after = NULL;

  g_clear_object (&f->store);
  before = pursuit_test_dump_database (f->path);
  bytes_before = pursuit_test_read_bytes (f->path);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);

  f->cancellable = g_cancellable_new ();
  g_assert_false (import (f, &report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (f->n_moving, >, 0);
  g_assert_cmpuint (f->n_added, ==, 0);

  g_clear_object (&f->store);
  after = pursuit_test_dump_database (f->path);
  bytes_after = pursuit_test_read_bytes (f->path);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (g_bytes_equal (bytes_before, bytes_after));
}

static guint
count_touches (PursuitStore *store)
{
  guint n = 0;

  for (guint i = 0; i < N_PROSPECTS; i++)
    {
      g_autoptr(GListModel) touches = pursuit_store_list_touches (store, find (store, i), NULL);

      n += g_list_model_get_n_items (touches);
    }
  return n;
}

static gboolean
has_undo (gpointer data)
{
  return pursuit_undo_stack_get_depth (pursuit_store_get_undo_stack (data)) > 0;
}

/* Through the import dialog of a window: Undo deletes every touch of the
 * history and gives each prospect its values from before. */
static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (f->csv);
  PursuitUndoStack *stack = pursuit_store_get_undo_stack (f->store);
  g_autofree char *undone = NULL;
  g_autoptr(GError) error = NULL;
  PursuitImportDialog *dialog;
  PursuitWindow *window;

  window = pursuit_window_new (NULL, f->store, NULL);
  pursuit_test_show_and_wait (GTK_WINDOW (window), 100);
  dialog = pursuit_window_open_import_dialog (window, file);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.import", NULL));
  pursuit_test_wait_until (has_undo, f->store, 300000);
  g_assert_cmpuint (pursuit_undo_stack_get_depth (stack), ==, 1);
  g_assert_cmpuint (count_touches (f->store), >, N_TOUCHES / 2);

  g_assert_true (pursuit_undo_stack_undo (stack, 0, &undone, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (undone, "Imported "));
  g_assert_true (g_str_has_suffix (undone, " touches"));

  /* As the hand store, where nothing was logged. */
  gtk_window_destroy (GTK_WINDOW (window));
  reopen (f);
  g_assert_cmpuint (count_touches (f->store), ==, 0);
  for (guint i = 0; i < N_PROSPECTS; i++)
    assert_same_prospect (find (f->store, i), find (f->hand, i));
}

/* --import --on-duplicate update, as handed to a running window: written
 * in the thread while the main loop turns. Another program holds the
 * write lock until the main loop has turned a while: on the main thread
 * the import would wait in SQLite without turning it, and fail. The
 * window's prospects get the new values and the report names them, for
 * the Undo. */
typedef struct
{
  sqlite3 *other;
  guint    ticks;
} Locked;

static gboolean
release_cb (gpointer data)
{
  Locked *locked = data;

  if (++locked->ticks == 20)
    g_assert_cmpint (sqlite3_exec (locked->other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  return G_SOURCE_CONTINUE;
}

static void
test_update_in_thread (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "update.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) text = g_string_new ("name,email,company\n");
  PursuitImportOptions options = { PURSUIT_CSV_ON_DUPLICATE_UPDATE, NULL, NULL };
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  Locked locked = { NULL, 0 };
  guint tick;

  for (guint i = 0; i < N_PROSPECTS; i += 2)
    g_string_append_printf (text, "Lead %u,lead%u@example.com,Company %u\n", i, i, i);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  g_assert_cmpint (sqlite3_open (f->path, &locked.other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (locked.other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  tick = g_timeout_add (5, release_cb, &locked);
  g_assert_true (pursuit_import_file_interruptible (f->store, file, &options, &report, &error));
  g_assert_no_error (error);
  g_source_remove (tick);
  sqlite3_close (locked.other);
  g_assert_cmpuint (locked.ticks, >=, 20);

  g_assert_cmpuint (report->updated, ==, N_PROSPECTS / 2);
  g_assert_cmpuint (report->changed->len, ==, N_PROSPECTS / 2);
  for (guint i = 0; i < report->changed->len; i++)
    {
      PursuitProspect *changed = g_ptr_array_index (report->changed, i);

      g_assert_true (changed == pursuit_store_find (f->store, pursuit_prospect_get_id (changed)));
    }
  g_assert_cmpstr (pursuit_prospect_get_company (find (f->store, 4)), ==, "Company 4");
  reopen (f);
  g_assert_cmpstr (pursuit_prospect_get_company (find (f->store, 4)), ==, "Company 4");
  g_assert_cmpstr (pursuit_prospect_get_company (find (f->store, 5)), ==, "");
}

int
main (int   argc,
      char *argv[])
{
  pursuit_test_isolate ();
  g_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/import/history-thread/as-by-hand", test_as_by_hand);
  ADD ("/import/history-thread/cancel", test_cancel);
  ADD ("/import/history-thread/undo", test_undo);
  ADD ("/import/update-in-thread", test_update_in_thread);
#undef ADD

  return g_test_run ();
}
