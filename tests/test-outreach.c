/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test-outreach"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "pursuit-outreach.h"
#include "pursuit-outreach-actions.h"

#include "pursuit-call-dialog.h"
#include "pursuit-let-go-dialog.h"
#include "pursuit-nurture-dialog.h"
#include "pursuit-store-outreach.h"
#include "pursuit-store-touches.h"
#include "pursuit-templates.h"
#include "pursuit-touch-dialog.h"
#include "pursuit-undo-stack.h"
#include "pursuit-window.h"
#include "test-util.h"

/* The outreach actions on a real window and a real store, with the
 * desktop's handlers of mailto: and tel: set in a mimeapps.list of the
 * test's own: each handler is a desktop file whose command writes the URI
 * it gets to a file. What the handler received is checked against the
 * templates (RFC 6068 encoding, decoded back), what was logged on the
 * database reopened from disk, and each action's undo there too. */

/* The mailto: and tel: handlers of the whole run, and their logs. */
static PursuitTestHandlers handlers;
static const char *mail_log;
static const char *phone_log;

typedef struct
{
  char          *dir;
  char          *path;
  PursuitStore  *store;
  PursuitWindow *window;
  GSettings     *settings;
  /* What the action's done callback got. */
  gboolean       done;
  guint          undo_id;
  char          *title;
} Fixture;

/* Handlers */

/* Which of our handlers are the defaults; the machine's own never answer. */
static void
set_handlers (gboolean mail,
              gboolean phone)
{
  pursuit_test_handlers_set (&handlers, mail, phone);
}

/* The URI a handler wrote, waiting for it; the log is emptied. */
static char *
wait_for_uri (const char *log)
{
  g_autofree char *text = pursuit_test_wait_for_lines (log, 1, 20000);

  g_test_message ("The handler got: %s", text);
  g_assert_true (g_str_has_suffix (text, "\n"));
  text[strlen (text) - 1] = '\0';
  /* One launch, one line. */
  g_assert_null (strchr (text, '\n'));
  return g_steal_pointer (&text);
}

/* RFC 6068: "mailto:" addresses, then "?" and hfields joined by "&", each
 * percent-encoded; nothing outside the unreserved set (and "@" in the
 * addresses) unencoded. Returns the decoded addresses and fields. */
static GHashTable *
parse_mailto (const char *uri,
              char      **to)
{
  GHashTable *fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *rest;
  const char *query;
  g_auto(GStrv) pairs = NULL;

  g_assert_true (g_str_has_prefix (uri, "mailto:"));
  rest = uri + strlen ("mailto:");
  for (const char *p = rest; *p != '\0'; p++)
    g_assert_true (g_ascii_isalnum (*p) || strchr ("-._~%@?&=,", *p) != NULL);
  query = strchr (rest, '?');
  {
    g_autofree char *path = query != NULL ? g_strndup (rest, query - rest) : g_strdup (rest);
    *to = g_uri_unescape_string (path, NULL);
  }
  if (query == NULL)
    return fields;
  pairs = g_strsplit (query + 1, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (pairs[i], "=", 2);

      g_assert_nonnull (kv[1]);
      g_assert_null (strchr (kv[1], '='));
      g_hash_table_insert (fields, g_uri_unescape_string (kv[0], NULL), g_uri_unescape_string (kv[1], NULL));
    }
  return fields;
}

/* A body as a mail program reads it: CRLF line breaks. */
static char *
crlf (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\r' && p[1] == '\n')
        continue;
      if (*p == '\n' || *p == '\r')
        g_string_append (out, "\r\n");
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Fixture */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pursuit-outreach-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  f->window = pursuit_window_new (NULL, f->store, NULL);
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 100);
  f->settings = g_settings_new ("io.github.pursuit.Pursuit");
  g_settings_set_string (f->settings, "user-name", "Sam Seller");
  g_settings_set_string (f->settings, "signature", "Sam Seller\nAcme Sales & Co.");
  set_handlers (TRUE, TRUE);
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
  g_free (f->title);
}

static void
done_cb (gpointer    user_data,
         guint       undo_id,
         const char *title)
{
  Fixture *f = user_data;

  g_assert_false (f->done);
  f->done = TRUE;
  f->undo_id = undo_id;
  g_free (f->title);
  f->title = g_strdup (title);
}

static void
reset_done (Fixture *f)
{
  f->done = FALSE;
  f->undo_id = 0;
  g_clear_pointer (&f->title, g_free);
}

static PursuitProspect *
add_prospect (Fixture      *f,
              const char   *name,
              const char   *email,
              PursuitStage  stage,
              PursuitTier   tier)
{
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new (name);
  g_autoptr(GError) error = NULL;

  pursuit_prospect_set_company (prospect, "Initech");
  pursuit_prospect_set_email (prospect, email);
  pursuit_prospect_set_phone (prospect, "+49 (30) 555-0100");
  pursuit_prospect_set_value (prospect, 12000);
  pursuit_prospect_set_stage (prospect, stage);
  pursuit_prospect_set_tier (prospect, tier);
  g_assert_true (pursuit_store_add (f->store, prospect, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&prospect);
}

/* An unanswered attempt @days_ago days ago, logged as the user would. */
static void
log_attempt (Fixture         *f,
             PursuitProspect *prospect,
             int              days_ago)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) when = g_date_time_add_days (now, -days_ago);
  g_autoptr(PursuitTouch) touch = pursuit_touch_new (pursuit_prospect_get_id (prospect), when,
                                                     PURSUIT_CHANNEL_CALL, PURSUIT_DIRECTION_OUT,
                                                     PURSUIT_OUTCOME_NO_ANSWER);
  g_autoptr(GError) error = NULL;

  g_assert_true (pursuit_store_record_touch (f->store, touch, &error));
  g_assert_no_error (error);
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

static void
undo (Fixture *f,
      guint    id)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (id, !=, 0);
  g_assert_true (pursuit_undo_stack_undo (pursuit_store_get_undo_stack (f->store), id, NULL, &error));
  g_assert_no_error (error);
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

/* Runs the key binding of @widget's class for @key, as a key press would. */
static gboolean
press_key (GtkWidget *widget,
           guint      key)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (key, 0);

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

static void
read_text_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  char **text = data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static char *
clipboard_text (Fixture *f)
{
  char *text = NULL;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (f->window)), NULL, read_text_cb, &text);
  while (text == NULL)
    g_main_context_iteration (NULL, TRUE);
  return text;
}

static void
clear_clipboard (Fixture *f)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (f->window)), "nothing yet");
}

/* Tests */

static guint undo_order[8];
static guint n_undone;

static gboolean
record_undo (gpointer   data,
             GError   **error)
{
  undo_order[n_undone++] = GPOINTER_TO_UINT (data);
  return TRUE;
}

/* Changes combined since an id are one entry, undone newest first; the
 * older ones stay as they were. */
static void
test_undo_combine (void)
{
  g_autoptr(PursuitUndoStack) stack = pursuit_undo_stack_new ();
  g_autofree char *title = NULL;
  guint older, since, id;

  g_assert_cmpuint (pursuit_undo_stack_get_newest_id (stack), ==, 0);
  older = pursuit_undo_stack_push (stack, "older", record_undo, GUINT_TO_POINTER (1), NULL);
  since = pursuit_undo_stack_get_newest_id (stack);
  g_assert_cmpuint (since, ==, older);
  g_assert_cmpuint (pursuit_undo_stack_combine (stack, since, "nothing"), ==, 0);
  pursuit_undo_stack_push (stack, "a", record_undo, GUINT_TO_POINTER (2), NULL);
  pursuit_undo_stack_push (stack, "b", record_undo, GUINT_TO_POINTER (3), NULL);
  pursuit_undo_stack_push (stack, "c", record_undo, GUINT_TO_POINTER (4), NULL);
  id = pursuit_undo_stack_combine (stack, since, "all three");
  g_assert_cmpuint (id, ==, pursuit_undo_stack_get_newest_id (stack));
  g_assert_cmpuint (pursuit_undo_stack_get_depth (stack), ==, 2);
  g_assert_cmpstr (pursuit_undo_stack_peek (stack), ==, "all three");

  n_undone = 0;
  g_assert_true (pursuit_undo_stack_undo (stack, id, &title, NULL));
  g_assert_cmpstr (title, ==, "all three");
  g_assert_cmpuint (n_undone, ==, 3);
  g_assert_cmpuint (undo_order[0], ==, 4);
  g_assert_cmpuint (undo_order[1], ==, 3);
  g_assert_cmpuint (undo_order[2], ==, 2);
  g_assert_cmpuint (pursuit_undo_stack_get_newest_id (stack), ==, older);

  /* One change alone keeps its id and takes the new title. */
  id = pursuit_undo_stack_push (stack, "one", record_undo, GUINT_TO_POINTER (5), NULL);
  g_assert_cmpuint (pursuit_undo_stack_combine (stack, older, "renamed"), ==, id);
  g_assert_cmpstr (pursuit_undo_stack_peek (stack), ==, "renamed");
  g_assert_cmpuint (pursuit_undo_stack_get_depth (stack), ==, 2);
}

/* Email: the mail program gets the address, and the subject and body of
 * the template for the prospect's next attempt, percent-encoded; the
 * email is on disk as an outbound attempt with no reply yet; Undo ("it
 * was not sent") takes it back on disk. */
static void
test_email (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(PursuitProspect) jane = add_prospect (f, "Dr. Jane Doe", "jane.doe+deals@example.com",
                                                  PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD);
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(GDateTime) next_before = NULL;
  g_autoptr(PursuitTouch) touch = NULL;
  g_auto(OnDisk) disk = { 0 };
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *body_crlf = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *to = NULL;

  log_attempt (f, jane, 3);
  next_before = g_date_time_ref (pursuit_prospect_get_next_touch (jane));
  g_assert_false (pursuit_outreach_is_closing (f->store, jane));
  /* The second attempt: the nudge. */
  g_assert_true (pursuit_templates_compose (f->settings, f->store, jane, PURSUIT_TEMPLATE_STEP_NUDGE, &subject, &body,
                                            NULL));
  g_assert_cmpstr (subject, !=, "");

  pursuit_outreach_email (GTK_WIDGET (f->window), f->store, f->settings, jane, done_cb, f);
  uri = wait_for_uri (mail_log);
  fields = parse_mailto (uri, &to);
  g_assert_cmpstr (to, ==, "jane.doe+deals@example.com");
  /* "+" is not unreserved: encoded, never taken for a space. */
  g_assert_nonnull (strstr (uri, "jane.doe%2Bdeals@example.com"));
  g_assert_cmpstr (g_hash_table_lookup (fields, "subject"), ==, subject);
  body_crlf = crlf (body);
  g_assert_cmpstr (g_hash_table_lookup (fields, "body"), ==, body_crlf);
  if (strchr (body, '\n') != NULL)
    g_assert_nonnull (strstr (uri, "%0D%0A"));
  g_assert_null (strstr (uri, "+"));

  g_assert_true (f->done);
  g_assert_cmpuint (f->undo_id, !=, 0);
  g_assert_cmpstr (f->title, ==, "Emailed Dr. Jane Doe");
  g_assert_true (pursuit_undo_stack_contains (pursuit_store_get_undo_stack (f->store), f->undo_id));

  read_disk (f, jane, &disk);
  g_assert_cmpuint (g_list_model_get_n_items (disk.touches), ==, 2);
  touch = g_list_model_get_item (disk.touches, 0);
  g_assert_cmpint (pursuit_touch_get_channel (touch), ==, PURSUIT_CHANNEL_EMAIL);
  g_assert_cmpint (pursuit_touch_get_direction (touch), ==, PURSUIT_DIRECTION_OUT);
  g_assert_cmpint (pursuit_touch_get_outcome (touch), ==, PURSUIT_OUTCOME_NO_ANSWER);
  g_assert_false (pursuit_touch_get_informational (touch));
  g_assert_cmpuint (pursuit_prospect_get_attempts (disk.prospect), ==, 2);
  /* The next follow-up is planned after the email. */
  g_assert_cmpint (g_date_time_compare (pursuit_prospect_get_next_touch (disk.prospect), next_before), >, 0);
  g_clear_object (&touch);

  /* It was not sent after all. */
  undo (f, f->undo_id);
  read_disk (f, jane, &disk);
  g_assert_cmpuint (g_list_model_get_n_items (disk.touches), ==, 1);
  g_assert_cmpuint (pursuit_prospect_get_attempts (disk.prospect), ==, 1);
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (disk.prospect), next_before));
}

/* Started from a window of its own (no main window to push the undo of
 * the touch on ::touch-added), the email is still one Undo. */
static void
test_email_without_main_window (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(PursuitProspect) jane = add_prospect (f, "Jane Doe", "jane@example.com", PURSUIT_STAGE_ACTIVE,
                                                  PURSUIT_TIER_HOT);
  PursuitUndoStack *stack = pursuit_store_get_undo_stack (f->store);
  g_auto(OnDisk) disk = { 0 };
  GtkWidget *window;

  pursuit_test_destroy_windows ();
  f->window = NULL;
  window = gtk_window_new ();
  pursuit_test_show_and_wait (GTK_WINDOW (window), 50);
  pursuit_outreach_email (window, f->store, f->settings, jane, done_cb, f);
  g_free (wait_for_uri (mail_log));
  g_assert_true (f->done);
  g_assert_cmpuint (f->undo_id, !=, 0);
  g_assert_cmpuint (pursuit_undo_stack_get_depth (stack), ==, 1);
  read_disk (f, jane, &disk);
  g_assert_cmpuint (g_list_model_get_n_items (disk.touches), ==, 1);
  g_assert_cmpuint (pursuit_prospect_get_attempts (disk.prospect), ==, 1);

  undo (f, f->undo_id);
  read_disk (f, jane, &disk);
  g_assert_cmpuint (g_list_model_get_n_items (disk.touches), ==, 0);
  g_assert_cmpuint (pursuit_prospect_get_attempts (disk.prospect), ==, 0);
}

/* No mail program: the address is on the clipboard, the user is told,
 * and nothing is logged. */
static void
test_email_without_mail_program (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(PursuitProspect) jane = add_prospect (f, "Jane Doe", "jane@example.com", PURSUIT_STAGE_ACTIVE,
                                                  PURSUIT_TIER_HOT);
  g_auto(OnDisk) disk = { 0 };
  g_autofree char *copied = NULL;
  guint depth = pursuit_undo_stack_get_depth (pursuit_store_get_undo_stack (f->store));

  set_handlers (FALSE, TRUE);
  clear_clipboard (f);
  pursuit_outreach_email (GTK_WIDGET (f->window), f->store, f->settings, jane, done_cb, f);
  g_assert_true (f->done);
  g_assert_cmpuint (f->undo_id, ==, 0);
  copied = clipboard_text (f);
  g_assert_cmpstr (copied, ==, "jane@example.com");
  /* Said in a dialog, whole: a toast would cut it to one line. */
  {
    AdwMessageDialog *said = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

    g_assert_nonnull (said);
    g_assert_cmpstr (adw_message_dialog_get_heading (said), ==, "Could Not Write the Email");
    g_assert_nonnull (strstr (adw_message_dialog_get_body (said), "nothing was logged"));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (said), "jane@example.com"));
    gtk_window_destroy (GTK_WINDOW (said));
  }
  g_assert_cmpuint (pursuit_undo_stack_get_depth (pursuit_store_get_undo_stack (f->store)), ==, depth);
  read_disk (f, jane, &disk);
  g_assert_cmpuint (g_list_model_get_n_items (disk.touches), ==, 0);
  g_assert_false (g_file_test (mail_log, G_FILE_TEST_EXISTS));
}

/* Starts a call with @prospect and returns the outcome dialog. */
static PursuitCallDialog *
start_call (Fixture         *f,
            PursuitProspect *prospect)
{
  PursuitCallDialog *dialog;

  reset_done (f);
  pursuit_outreach_call (GTK_WIDGET (f->window), f->store, prospect, done_cb, f);
  dialog = find_toplevel (PURSUIT_TYPE_CALL_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_false (f->done);
  pursuit_test_wait (20);
  return dialog;
}

/* Call: the phone app gets the tel: URI; each key of the outcome dialog
 * logs its outcome on disk; a firm no closes the prospect and marks it
 * not to be contacted, a win makes a customer; each is one Undo. */
static void
test_call_keys (Fixture       *f,
                gconstpointer  data)
{
  static const struct
  {
    guint          key;
    PursuitOutcome outcome;
  } keys[] = {
    { GDK_KEY_n, PURSUIT_OUTCOME_NO_ANSWER },
    { GDK_KEY_m, PURSUIT_OUTCOME_LEFT_MESSAGE },
    { GDK_KEY_t, PURSUIT_OUTCOME_REPLIED },
    { GDK_KEY_f, PURSUIT_OUTCOME_FIRM_NO },
    { GDK_KEY_w, PURSUIT_OUTCOME_WON },
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *name = g_strdup_printf ("Caller %u", i);
      g_autoptr(PursuitProspect) p = add_prospect (f, name, "caller@example.com", PURSUIT_STAGE_ACTIVE,
                                                   PURSUIT_TIER_HOT);
      g_autoptr(PursuitTouch) touch = NULL;
      g_auto(OnDisk) disk = { 0 };
      g_autofree char *uri = NULL;
      PursuitCallDialog *dialog = start_call (f, p);

      uri = wait_for_uri (phone_log);
      g_assert_cmpstr (uri, ==, "tel:+49305550100");
      g_assert_true (press_key (GTK_WIDGET (dialog), keys[i].key));
      g_assert_true (f->done);
      g_assert_cmpuint (f->undo_id, !=, 0);
      g_assert_null (find_toplevel (PURSUIT_TYPE_CALL_DIALOG));

      read_disk (f, p, &disk);
      g_assert_cmpuint (g_list_model_get_n_items (disk.touches), ==, 1);
      touch = g_list_model_get_item (disk.touches, 0);
      g_assert_cmpint (pursuit_touch_get_channel (touch), ==, PURSUIT_CHANNEL_CALL);
      g_assert_cmpint (pursuit_touch_get_direction (touch), ==, PURSUIT_DIRECTION_OUT);
      g_assert_cmpint (pursuit_touch_get_outcome (touch), ==, keys[i].outcome);
      if (keys[i].outcome == PURSUIT_OUTCOME_FIRM_NO)
        {
          g_assert_cmpint (pursuit_prospect_get_stage (disk.prospect), ==, PURSUIT_STAGE_CLOSED);
          g_assert_true (pursuit_prospect_get_do_not_contact (disk.prospect));
        }
      else if (keys[i].outcome == PURSUIT_OUTCOME_WON)
        g_assert_cmpint (pursuit_prospect_get_stage (disk.prospect), ==, PURSUIT_STAGE_CUSTOMER);
      else
        g_assert_cmpint (pursuit_prospect_get_stage (disk.prospect), ==, PURSUIT_STAGE_ACTIVE);

      /* One Undo puts everything back, the mark of a firm no included. */
      undo (f, f->undo_id);
      read_disk (f, p, &disk);
      g_assert_cmpuint (g_list_model_get_n_items (disk.touches), ==, 0);
      g_assert_cmpint (pursuit_prospect_get_stage (disk.prospect), ==, PURSUIT_STAGE_ACTIVE);
      g_assert_false (pursuit_prospect_get_do_not_contact (disk.prospect));
    }
}

/* B asks the callback's date and time in the Log Touch dialog; Escape
 * cancels the call dialog without logging anything. */
static void
test_call_callback (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PursuitProspect) p = add_prospect (f, "Callback Carl", "carl@example.com", PURSUIT_STAGE_ACTIVE,
                                               PURSUIT_TIER_GOOD);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 3);
  g_autoptr(GDateTime) at = g_date_time_new_local (g_date_time_get_year (later), g_date_time_get_month (later),
                                                   g_date_time_get_day_of_month (later), 15, 30, 0);
  g_autoptr(PursuitTouch) touch = NULL;
  g_auto(OnDisk) disk = { 0 };
  PursuitCallDialog *dialog;
  PursuitTouchDialog *touch_dialog;

  dialog = start_call (f, p);
  g_free (wait_for_uri (phone_log));
  g_assert_true (press_key (GTK_WIDGET (dialog), GDK_KEY_Escape));
  pursuit_test_wait (50);
  g_assert_true (f->done);
  g_assert_cmpuint (f->undo_id, ==, 0);
  read_disk (f, p, &disk);
  g_assert_cmpuint (g_list_model_get_n_items (disk.touches), ==, 0);

  dialog = start_call (f, p);
  g_free (wait_for_uri (phone_log));
  g_assert_true (press_key (GTK_WIDGET (dialog), GDK_KEY_b));
  g_assert_false (f->done);
  touch_dialog = find_toplevel (PURSUIT_TYPE_TOUCH_DIALOG);
  g_assert_nonnull (touch_dialog);
  g_assert_true (pursuit_touch_dialog_get_callback_visible (touch_dialog));
  pursuit_touch_dialog_set_callback_at (touch_dialog, at);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (touch_dialog), "touch.save", NULL));
  pursuit_test_wait (50);
  g_assert_true (f->done);
  g_assert_cmpuint (f->undo_id, !=, 0);
  g_assert_cmpstr (f->title, ==, "Called Callback Carl: call back");

  read_disk (f, p, &disk);
  g_assert_cmpuint (g_list_model_get_n_items (disk.touches), ==, 1);
  touch = g_list_model_get_item (disk.touches, 0);
  g_assert_cmpint (pursuit_touch_get_channel (touch), ==, PURSUIT_CHANNEL_CALL);
  g_assert_cmpint (pursuit_touch_get_outcome (touch), ==, PURSUIT_OUTCOME_CALLBACK_REQUESTED);
  g_assert_true (g_date_time_equal (pursuit_touch_get_callback_at (touch), at));
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (disk.prospect), at));
  g_clear_object (&touch);

  undo (f, f->undo_id);
  read_disk (f, p, &disk);
  g_assert_cmpuint (g_list_model_get_n_items (disk.touches), ==, 0);

  /* Another outcome chosen in the Log Touch dialog is what is logged,
   * and what the title says. */
  g_clear_object (&touch);
  dialog = start_call (f, p);
  g_free (wait_for_uri (phone_log));
  g_assert_true (press_key (GTK_WIDGET (dialog), GDK_KEY_b));
  touch_dialog = find_toplevel (PURSUIT_TYPE_TOUCH_DIALOG);
  g_assert_nonnull (touch_dialog);
  pursuit_touch_dialog_set_outcome (touch_dialog, PURSUIT_OUTCOME_NO_ANSWER);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (touch_dialog), "touch.no-answer", NULL));
  pursuit_test_wait (50);
  g_assert_true (f->done);
  g_assert_cmpstr (f->title, ==, "Called Callback Carl: no answer");
  read_disk (f, p, &disk);
  g_assert_cmpuint (g_list_model_get_n_items (disk.touches), ==, 1);
  touch = g_list_model_get_item (disk.touches, 0);
  g_assert_cmpint (pursuit_touch_get_outcome (touch), ==, PURSUIT_OUTCOME_NO_ANSWER);
}

/* No phone app: the number is on the clipboard, and the outcome is still
 * asked and logged. */
static void
test_call_without_phone_app (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(PursuitProspect) p = add_prospect (f, "Jane Doe", "jane@example.com", PURSUIT_STAGE_ACTIVE,
                                               PURSUIT_TIER_HOT);
  g_autoptr(PursuitTouch) touch = NULL;
  g_auto(OnDisk) disk = { 0 };
  g_autofree char *copied = NULL;
  PursuitCallDialog *dialog;

  set_handlers (TRUE, FALSE);
  clear_clipboard (f);
  dialog = start_call (f, p);
  copied = clipboard_text (f);
  g_assert_cmpstr (copied, ==, "+49 (30) 555-0100");
  g_assert_true (press_key (GTK_WIDGET (dialog), GDK_KEY_n));
  g_assert_true (f->done);
  read_disk (f, p, &disk);
  g_assert_cmpuint (g_list_model_get_n_items (disk.touches), ==, 1);
  touch = g_list_model_get_item (disk.touches, 0);
  g_assert_cmpint (pursuit_touch_get_outcome (touch), ==, PURSUIT_OUTCOME_NO_ANSWER);
  g_assert_false (g_file_test (phone_log, G_FILE_TEST_EXISTS));
}

/* Close the loop: at the limit, the closing-the-loop email goes out, is
 * logged, and the prospect is let go with the reason chosen; one Undo
 * puts both back on disk. With the reason "firm no", the mark too. */
static void
close_loop (Fixture    *f,
            const char *reason)
{
  g_autoptr(PursuitProspect) p = add_prospect (f, "Jane Doe", "jane@example.com", PURSUIT_STAGE_ACTIVE,
                                               PURSUIT_TIER_GOOD);
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(PursuitTouch) touch = NULL;
  g_autoptr(GDateTime) next_before = NULL;
  g_auto(OnDisk) disk = { 0 };
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *body_crlf = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *to = NULL;
  PursuitUndoStack *stack = pursuit_store_get_undo_stack (f->store);
  PursuitLetGoDialog *dialog;
  guint depth;
  g_autoptr(PursuitProspect) draft = pursuit_prospect_dup (p);
  g_autoptr(GError) error = NULL;

  pursuit_prospect_set_attempt_limit (draft, 2);
  g_assert_true (pursuit_store_update (f->store, p, draft, &error));
  g_assert_no_error (error);
  log_attempt (f, p, 9);
  log_attempt (f, p, 2);
  g_assert_true (pursuit_outreach_is_closing (f->store, p));
  next_before = g_date_time_ref (pursuit_prospect_get_next_touch (p));
  g_assert_true (pursuit_templates_compose (f->settings, f->store, p, PURSUIT_TEMPLATE_STEP_CLOSING, &subject,
                                            &body, NULL));
  depth = pursuit_undo_stack_get_depth (stack);

  reset_done (f);
  pursuit_outreach_close_loop (GTK_WIDGET (f->window), f->store, f->settings, p, done_cb, f);
  dialog = find_toplevel (PURSUIT_TYPE_LET_GO_DIALOG);
  g_assert_nonnull (dialog);
  pursuit_let_go_dialog_set_reason (dialog, reason);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.confirm", NULL));
  uri = wait_for_uri (mail_log);
  fields = parse_mailto (uri, &to);
  g_assert_cmpstr (to, ==, "jane@example.com");
  g_assert_cmpstr (g_hash_table_lookup (fields, "subject"), ==, subject);
  body_crlf = crlf (body);
  g_assert_cmpstr (g_hash_table_lookup (fields, "body"), ==, body_crlf);
  g_assert_true (f->done);
  g_assert_cmpuint (f->undo_id, !=, 0);
  g_assert_cmpstr (f->title, ==, "Closed the loop with Jane Doe");
  /* One entry on the stack for the whole action. */
  g_assert_cmpuint (pursuit_undo_stack_get_depth (stack), ==, depth + 1);

  read_disk (f, p, &disk);
  g_assert_cmpuint (g_list_model_get_n_items (disk.touches), ==, 3);
  touch = g_list_model_get_item (disk.touches, 0);
  g_assert_cmpint (pursuit_touch_get_channel (touch), ==, PURSUIT_CHANNEL_EMAIL);
  g_assert_cmpint (pursuit_touch_get_outcome (touch), ==, PURSUIT_OUTCOME_NO_ANSWER);
  g_assert_cmpint (pursuit_prospect_get_stage (disk.prospect), ==, PURSUIT_STAGE_CLOSED);
  g_assert_cmpstr (pursuit_prospect_get_close_reason (disk.prospect), ==, reason);
  g_assert_cmpint (pursuit_prospect_get_do_not_contact (disk.prospect), ==,
                   g_str_equal (reason, PURSUIT_CLOSE_REASON_FIRM_NO));
  g_clear_object (&touch);

  undo (f, f->undo_id);
  g_assert_cmpuint (pursuit_undo_stack_get_depth (stack), ==, depth);
  read_disk (f, p, &disk);
  g_assert_cmpuint (g_list_model_get_n_items (disk.touches), ==, 2);
  g_assert_cmpint (pursuit_prospect_get_stage (disk.prospect), ==, PURSUIT_STAGE_ACTIVE);
  g_assert_cmpint (pursuit_prospect_get_tier (disk.prospect), ==, PURSUIT_TIER_GOOD);
  g_assert_false (pursuit_prospect_get_do_not_contact (disk.prospect));
  g_assert_cmpuint (pursuit_prospect_get_attempts (disk.prospect), ==, 2);
  g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (disk.prospect), next_before));
}

static void
test_close_loop (Fixture       *f,
                 gconstpointer  data)
{
  close_loop (f, PURSUIT_CLOSE_REASON_NO_VALUE);
}

static void
test_close_loop_firm_no (Fixture       *f,
                         gconstpointer  data)
{
  close_loop (f, PURSUIT_CLOSE_REASON_FIRM_NO);
}

/* The nurture list: who is on it, and who is not. */
typedef struct
{
  PursuitProspect *on[3];
  PursuitProspect *off[3];
  guint            attempts[3];
} NurtureList;

static void
nurture_list_clear (NurtureList *list)
{
  for (guint i = 0; i < 3; i++)
    {
      g_clear_object (&list->on[i]);
      g_clear_object (&list->off[i]);
    }
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NurtureList, nurture_list_clear)

static void
make_nurture_list (Fixture     *f,
                   NurtureList *list)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) revisit = g_date_time_add_months (now, 4);
  g_autoptr(GError) error = NULL;

  list->on[0] = add_prospect (f, "Ann Cold", "ann@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COLD);
  list->on[1] = add_prospect (f, "Bob Cold", "bob, jr.@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COLD);
  list->on[2] = add_prospect (f, "Cid Later", "cid@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD);
  log_attempt (f, list->on[0], 5);
  log_attempt (f, list->on[2], 5);
  g_assert_true (pursuit_store_let_go (f->store, list->on[2], PURSUIT_CLOSE_REASON_NO_RESPONSE, revisit, &error));
  g_assert_no_error (error);
  list->off[0] = add_prospect (f, "Dee Hot", "dee@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT);
  list->off[1] = add_prospect (f, "Eve Cold", "", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COLD);
  list->off[2] = add_prospect (f, "Fay Cold", "fay@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COLD);
  g_assert_true (pursuit_store_set_do_not_contact (f->store, list->off[2], TRUE, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    list->attempts[i] = pursuit_prospect_get_attempts (list->on[i]);
}

/* Each on the list has one more touch on disk, informational, and its
 * streak and plan as they were; the others have nothing new. */
static void
assert_nurtured (Fixture     *f,
                 NurtureList *list,
                 guint        n_extra)
{
  g_auto(OnDisk) disk = { 0 };

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PursuitTouch) touch = NULL;
      GDateTime *next = pursuit_prospect_get_next_touch (list->on[i]);

      read_disk (f, list->on[i], &disk);
      g_assert_cmpuint (g_list_model_get_n_items (disk.touches), ==, (i == 1 ? 0 : 1) + n_extra);
      g_assert_cmpuint (pursuit_prospect_get_attempts (disk.prospect), ==, list->attempts[i]);
      if (next != NULL)
        g_assert_true (g_date_time_equal (pursuit_prospect_get_next_touch (disk.prospect), next));
      if (n_extra == 0)
        continue;
      touch = g_list_model_get_item (disk.touches, 0);
      g_assert_true (pursuit_touch_get_informational (touch));
      g_assert_cmpint (pursuit_touch_get_channel (touch), ==, PURSUIT_CHANNEL_EMAIL);
      g_assert_cmpint (pursuit_touch_get_direction (touch), ==, PURSUIT_DIRECTION_OUT);
    }
  for (guint i = 0; i < 3; i++)
    {
      read_disk (f, list->off[i], &disk);
      g_assert_cmpuint (g_list_model_get_n_items (disk.touches), ==, 0);
    }
}

/* Nurture: one email with every address of the list in Bcc; an
 * informational touch each, streaks unchanged; one Undo removes them. */
static void
test_nurture_email (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(NurtureList) list = { 0 };
  g_autoptr(GHashTable) fields = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *to = NULL;
  g_auto(GStrv) bcc = NULL;
  PursuitNurtureDialog *dialog;

  make_nurture_list (f, &list);
  reset_done (f);
  pursuit_outreach_nurture (GTK_WIDGET (f->window), f->store, f->settings, done_cb, f);
  dialog = find_toplevel (PURSUIT_TYPE_NURTURE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "nurture.email", NULL));
  uri = wait_for_uri (mail_log);
  fields = parse_mailto (uri, &to);
  g_assert_cmpstr (to, ==, "");
  /* The addresses are split by "," and each is encoded, a comma inside
   * one included: they come back whole. */
  g_assert_true (g_str_has_prefix (uri, "mailto:?bcc="));
  bcc = g_strsplit (uri + strlen ("mailto:?bcc="), ",", -1);
  g_assert_cmpuint (g_strv_length (bcc), ==, 3);
  g_assert_cmpstr (bcc[0], ==, "ann@example.com");
  g_assert_cmpstr (bcc[1], ==, "bob%2C%20jr.@example.com");
  g_assert_null (strchr (bcc[2], '&'));
  g_assert_cmpstr (bcc[2], ==, "cid@example.com");
  g_assert_nonnull (g_hash_table_lookup (fields, "bcc"));
  g_assert_true (f->done);
  g_assert_cmpuint (f->undo_id, !=, 0);
  assert_nurtured (f, &list, 1);

  undo (f, f->undo_id);
  assert_nurtured (f, &list, 0);
}

/* A long nurture list: emails of at most 50 addresses in Bcc each,
 * opened one after the other as the user asks for the next; every
 * address once; the update logged for all once the last is open, and
 * one Undo removes it. Stopping earlier logs it for those sent only. */
static void
test_nurture_batches (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  PursuitProspect *people[120];
  const guint expected[] = { 50, 50, 20 };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autofree char *name = g_strdup_printf ("Cold %03u", i);
      g_autofree char *email = g_strdup_printf ("cold%03u@example.com", i);

      people[i] = add_prospect (f, name, email, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COLD);
    }
  for (guint round = 0; round < 2; round++)
    {
      PursuitNurtureDialog *dialog;

      reset_done (f);
      g_hash_table_remove_all (seen);
      pursuit_outreach_nurture (GTK_WIDGET (f->window), f->store, f->settings, done_cb, f);
      dialog = find_toplevel (PURSUIT_TYPE_NURTURE_DIALOG);
      g_assert_nonnull (dialog);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "nurture.email", NULL));
      for (guint e = 0; e < G_N_ELEMENTS (expected); e++)
        {
          g_autofree char *uri = wait_for_uri (mail_log);
          g_auto(GStrv) bcc = NULL;
          AdwMessageDialog *next;

          g_assert_true (g_str_has_prefix (uri, "mailto:?bcc="));
          bcc = g_strsplit (uri + strlen ("mailto:?bcc="), ",", -1);
          g_assert_cmpuint (g_strv_length (bcc), ==, expected[e]);
          for (guint i = 0; bcc[i] != NULL; i++)
            g_assert_true (g_hash_table_add (seen, g_strdup (bcc[i])));
          pursuit_test_wait (50);
          next = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
          if (e == G_N_ELEMENTS (expected) - 1)
            {
              g_assert_null (next);
              break;
            }
          g_assert_nonnull (next);
          g_assert_false (f->done);
          /* The second time, the user stops after the first email. */
          /* As a click on a button does: the response, then it closes
           * (which answers with its close response too). */
          adw_message_dialog_response (next, round == 0 ? "next" : "stop");
          gtk_window_close (GTK_WINDOW (next));
          if (round == 1)
            break;
        }
      g_assert_true (f->done);
      g_assert_cmpuint (f->undo_id, !=, 0);
      for (guint i = 0; i < G_N_ELEMENTS (people); i++)
        {
          g_auto(OnDisk) disk = { 0 };

          read_disk (f, people[i], &disk);
          g_assert_cmpuint (g_list_model_get_n_items (disk.touches), ==, round == 0 || i < 50 ? 1 : 0);
        }
      g_assert_cmpuint (g_hash_table_size (seen), ==, round == 0 ? 120 : 50);
      undo (f, f->undo_id);
    }
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    g_object_unref (people[i]);
}

/* Nurture by export: the vCard file holds the list, and the touches are
 * logged as for the email. */
static void
test_nurture_export (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(NurtureList) list = { 0 };
  g_autofree char *path = g_build_filename (f->dir, "list.vcf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  PursuitNurtureDialog *dialog;

  make_nurture_list (f, &list);
  reset_done (f);
  pursuit_outreach_nurture (GTK_WIDGET (f->window), f->store, f->settings, done_cb, f);
  dialog = find_toplevel (PURSUIT_TYPE_NURTURE_DIALOG);
  g_assert_nonnull (dialog);
  pursuit_nurture_dialog_export (dialog, "vcard", file);
  g_assert_true (f->done);
  g_assert_cmpuint (f->undo_id, !=, 0);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Cold\r\nN:Cold;Ann;;;\r\n"));
  g_assert_nonnull (strstr (text, "EMAIL;TYPE=INTERNET:bob\\, jr.@example.com\r\n"));
  g_assert_nonnull (strstr (text, "EMAIL;TYPE=INTERNET:cid@example.com\r\n"));
  g_assert_null (strstr (text, "dee@example.com"));
  g_assert_null (strstr (text, "fay@example.com"));
  assert_nurtured (f, &list, 1);
  undo (f, f->undo_id);
  assert_nurtured (f, &list, 0);

  /* The same as CSV, Pursuit's own columns. */
  g_clear_pointer (&text, g_free);
  g_clear_object (&file);
  g_free (path);
  path = g_build_filename (f->dir, "list.csv", NULL);
  file = g_file_new_for_path (path);
  reset_done (f);
  pursuit_outreach_nurture (GTK_WIDGET (f->window), f->store, f->settings, done_cb, f);
  dialog = find_toplevel (PURSUIT_TYPE_NURTURE_DIALOG);
  g_assert_nonnull (dialog);
  pursuit_nurture_dialog_export (dialog, "csv", file);
  g_assert_true (f->done);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "name,company,email,phone,"));
  g_assert_nonnull (strstr (text, "Ann Cold,Initech,ann@example.com,"));
  g_assert_nonnull (strstr (text, "\"bob, jr.@example.com\""));
  g_assert_nonnull (strstr (text, "cid@example.com"));
  g_assert_null (strstr (text, "dee@example.com"));
  assert_nurtured (f, &list, 1);
  undo (f, f->undo_id);
  assert_nurtured (f, &list, 0);
}

/* A prospect who asked not to be contacted is neither emailed nor
 * called: nothing opens, nothing is logged. */
static void
test_do_not_contact (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PursuitProspect) p = add_prospect (f, "Fay", "fay@example.com", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT);
  g_autoptr(GError) error = NULL;
  g_auto(OnDisk) disk = { 0 };

  g_assert_true (pursuit_store_set_do_not_contact (f->store, p, TRUE, &error));
  g_assert_no_error (error);
  pursuit_outreach_email (GTK_WIDGET (f->window), f->store, f->settings, p, done_cb, f);
  g_assert_true (f->done);
  g_assert_cmpuint (f->undo_id, ==, 0);
  reset_done (f);
  pursuit_outreach_call (GTK_WIDGET (f->window), f->store, p, done_cb, f);
  g_assert_true (f->done);
  g_assert_null (find_toplevel (PURSUIT_TYPE_CALL_DIALOG));
  pursuit_test_wait (300);
  g_assert_false (g_file_test (mail_log, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (phone_log, G_FILE_TEST_EXISTS));
  read_disk (f, p, &disk);
  g_assert_cmpuint (g_list_model_get_n_items (disk.touches), ==, 0);
}

static GtkWidget *
find_descendant (GtkWidget   *widget,
                 const char *type_name)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), type_name))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The same from the Today page's Email and Call: what the handlers get
 * and what is on disk. */
static void
test_from_today_page (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PursuitProspect) p = add_prospect (f, "Hot Harry", "harry@example.com", PURSUIT_STAGE_ACTIVE,
                                               PURSUIT_TIER_HOT);
  gint64 id = pursuit_prospect_get_id (p);
  g_autoptr(PursuitTouch) touch = NULL;
  g_autoptr(GHashTable) fields = NULL;
  g_auto(OnDisk) disk = { 0 };
  g_autofree char *uri = NULL;
  g_autofree char *to = NULL;
  GtkWidget *page;
  PursuitCallDialog *dialog;

  pursuit_window_show_today (f->window);
  pursuit_test_wait (100);
  page = find_descendant (GTK_WIDGET (f->window), "PursuitTodayPage");
  g_assert_nonnull (page);

  g_assert_true (gtk_widget_activate_action (page, "today.email", "x", id));
  uri = wait_for_uri (mail_log);
  fields = parse_mailto (uri, &to);
  g_assert_cmpstr (to, ==, "harry@example.com");
  g_assert_nonnull (g_hash_table_lookup (fields, "subject"));
  g_assert_nonnull (g_hash_table_lookup (fields, "body"));

  g_assert_true (gtk_widget_activate_action (page, "today.call", "x", id));
  g_free (wait_for_uri (phone_log));
  dialog = find_toplevel (PURSUIT_TYPE_CALL_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (press_key (GTK_WIDGET (dialog), GDK_KEY_m));

  read_disk (f, p, &disk);
  g_assert_cmpuint (g_list_model_get_n_items (disk.touches), ==, 2);
  touch = g_list_model_get_item (disk.touches, 0);
  g_assert_cmpint (pursuit_touch_get_channel (touch), ==, PURSUIT_CHANNEL_CALL);
  g_assert_cmpint (pursuit_touch_get_outcome (touch), ==, PURSUIT_OUTCOME_LEFT_MESSAGE);
  g_clear_object (&touch);
  touch = g_list_model_get_item (disk.touches, 1);
  g_assert_cmpint (pursuit_touch_get_channel (touch), ==, PURSUIT_CHANNEL_EMAIL);
  g_assert_cmpint (pursuit_touch_get_outcome (touch), ==, PURSUIT_OUTCOME_NO_ANSWER);
  g_assert_cmpuint (pursuit_prospect_get_attempts (disk.prospect), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* No G_TEST_OPTION_ISOLATE_DIRS: it hides the MIME database that SVG
   * icons need (see test-window.c); the handlers live in folders of the
   * test's own instead, set before anything reads them. */
  pursuit_test_handlers_init (&handlers, "pursuit-test");
  mail_log = handlers.mail_log;
  phone_log = handlers.phone_log;

  g_test_init (&argc, &argv, NULL);
  adw_init ();
  pursuit_test_handlers_install (&handlers);

  g_test_add_func ("/outreach/undo/combine", test_undo_combine);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/outreach/email", test_email);
  ADD ("/outreach/email/no-mail-program", test_email_without_mail_program);
  ADD ("/outreach/email/no-main-window", test_email_without_main_window);
  ADD ("/outreach/call/keys", test_call_keys);
  ADD ("/outreach/call/callback", test_call_callback);
  ADD ("/outreach/call/no-phone-app", test_call_without_phone_app);
  ADD ("/outreach/close-loop", test_close_loop);
  ADD ("/outreach/close-loop/firm-no", test_close_loop_firm_no);
  ADD ("/outreach/nurture/email", test_nurture_email);
  ADD ("/outreach/nurture/export", test_nurture_export);
  ADD ("/outreach/nurture/batches", test_nurture_batches);
  ADD ("/outreach/do-not-contact", test_do_not_contact);
  ADD ("/outreach/today-page", test_from_today_page);
#undef ADD

  status = g_test_run ();
  pursuit_test_handlers_clear (&handlers);
  return status;
}
