/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-outreach"

#include "config.h"

#include <glib/gi18n.h>

#include "pursuit-outreach.h"
#include "pursuit-outreach-actions.h"

#include "pursuit-call-dialog.h"
#include "pursuit-csv.h"
#include "pursuit-format.h"
#include "pursuit-number.h"
#include "pursuit-let-go-dialog.h"
#include "pursuit-nurture-dialog.h"
#include "pursuit-store-outreach.h"
#include "pursuit-store-touches.h"
#include "pursuit-templates.h"
#include "pursuit-touch-dialog.h"
#include "pursuit-undo-stack.h"
#include "pursuit-vcard-export.h"
#include "pursuit-widget.h"
#include "pursuit-window.h"

/* One outreach action from start to end: what it works on, where it
 * reports, and the newest change on the undo stack before it wrote, so
 * that everything it wrote becomes one entry. */
typedef struct
{
  GtkWidget          *widget;
  PursuitStore       *store;
  GSettings          *settings;
  PursuitProspect    *prospect;
  PursuitOutreachDone done;
  gpointer            user_data;
  guint               since;
  gboolean            finished;
  /* What the Log Touch dialog of a callback logged. */
  gulong              touch_added_id;
  PursuitOutcome      logged;
} Action;

static Action *
action_new (GtkWidget          *widget,
            PursuitStore       *store,
            GSettings          *settings,
            PursuitProspect    *prospect,
            PursuitOutreachDone done,
            gpointer            user_data)
{
  Action *action = g_new0 (Action, 1);

  action->widget = g_object_ref (widget);
  action->store = g_object_ref (store);
  action->settings = settings != NULL ? g_object_ref (settings) : NULL;
  action->prospect = prospect != NULL ? g_object_ref (prospect) : NULL;
  action->done = done;
  action->user_data = user_data;
  return action;
}

static void
action_free (Action *action)
{
  g_clear_signal_handler (&action->touch_added_id, action->store);
  g_clear_object (&action->widget);
  g_clear_object (&action->store);
  g_clear_object (&action->settings);
  g_clear_object (&action->prospect);
  g_free (action);
}

/* The main window that @widget is in, or that the window it is in belongs
 * to (a prospect page), or NULL. */
static PursuitWindow *
find_main_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  for (GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL; window != NULL;
       window = gtk_window_get_transient_for (window))
    if (PURSUIT_IS_WINDOW (window))
      return PURSUIT_WINDOW (window);
  return NULL;
}

static GtkWindow *
parent_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Tells the user, in a toast of the main window where there is one. */
static void
tell (GtkWidget  *widget,
      const char *text)
{
  PursuitWindow *window = find_main_window (widget);

  if (window != NULL)
    pursuit_window_add_toast (window, text);
  else
    pursuit_widget_show_error (widget, _("Outreach"), text);
}

static void
show_store_error (Action       *action,
                  const char   *heading,
                  const GError *error)
{
  pursuit_widget_show_error (action->widget, heading, error->message);
}

/* Ends @action: hands the undo entry to the caller, or when there is no
 * callback shows it in a toast itself; frees @action. */
static void
action_finish (Action     *action,
               guint       undo_id,
               const char *title)
{
  PursuitWindow *window;

  g_assert (!action->finished);
  action->finished = TRUE;
  if (action->done != NULL)
    action->done (action->user_data, undo_id, title);
  else if (title != NULL && (window = find_main_window (action->widget)) != NULL)
    pursuit_window_add_undo_toast (window, title, undo_id);
  action_free (action);
}

static void
action_cancel (Action *action)
{
  action_finish (action, 0, NULL);
}

static void
copy_text (GtkWidget  *widget,
           const char *text)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

/* Opens @uri with the desktop's default handler of its scheme, on the
 * display of @widget (startup notification, focus). */
static gboolean
launch_uri (GtkWidget   *widget,
            const char  *uri,
            GError     **error)
{
  g_autoptr(GdkAppLaunchContext) context = gdk_display_get_app_launch_context (gtk_widget_get_display (widget));

  return g_app_info_launch_default_for_uri (uri, G_APP_LAUNCH_CONTEXT (context), error);
}

/* The mail program did not open: no handler of mailto: at all, or one
 * that could not start (an address list too long for a command line);
 * @copied says what is on the clipboard instead. Nothing was logged. In
 * a dialog, not a toast: the user has something to do about it, and a
 * toast cuts a text this long to one line. */
static void
tell_mail_failed (GtkWidget    *widget,
                  const GError *error,
                  const char   *copied)
{
  g_autoptr(GAppInfo) app = g_app_info_get_default_for_uri_scheme ("mailto");
  g_autofree char *text = NULL;

  g_debug ("Could not open the mailto: handler: %s", error->message);
  if (app == NULL)
    /* Translators: the second sentence says what is on the clipboard. */
    text = g_strdup_printf (_("No mail program is set up to write emails, so nothing was logged. %s Choose a mail "
                              "program in the system settings to write from Pursuit."),
                            copied);
  else
    /* Translators: %s are the mail program, the error, and what is on the clipboard. */
    text = g_strdup_printf (_("%s did not open (%s), so nothing was logged. %s"), g_app_info_get_display_name (app),
                            error->message, copied);
  pursuit_widget_show_error (widget, _("Could Not Write the Email"), text);
}

/* Undo entries */

/* Pushes the undo of the touch just logged unless the window did on
 * ::touch-added, and the undo of the do-not-contact mark the touch set
 * (a firm no): the mark holds a prospect closed, so it is lifted first,
 * which the stack does as the newer change. */
static void
push_touch_undo (Action          *action,
                 PursuitTouch    *touch,
                 PursuitProspect *before)
{
  PursuitUndoStack *stack = pursuit_store_get_undo_stack (action->store);

  if (pursuit_undo_stack_get_newest_id (stack) == action->since)
    pursuit_store_push_touch_undo (action->store, _("Logged a touch"), pursuit_touch_undo_new_logged (touch, before));
}

typedef struct
{
  PursuitStore    *store;
  PursuitProspect *prospect;
} MarkUndo;

static void
mark_undo_free (gpointer data)
{
  MarkUndo *undo = data;

  g_clear_object (&undo->prospect);
  g_free (undo);
}

static gboolean
run_mark_undo (gpointer   data,
               GError   **error)
{
  MarkUndo *undo = data;

  return pursuit_store_set_do_not_contact (undo->store, undo->prospect, FALSE, error);
}

/* After a change that may have marked the prospect do-not-contact (a firm
 * no), the undo that lifts the mark, to run before the change's own. */
static void
push_mark_undo (Action   *action,
                gboolean  marked_before)
{
  MarkUndo *undo;

  if (marked_before || !pursuit_prospect_get_do_not_contact (action->prospect))
    return;
  undo = g_new0 (MarkUndo, 1);
  undo->store = action->store;
  undo->prospect = g_object_ref (action->prospect);
  pursuit_undo_stack_push (pursuit_store_get_undo_stack (action->store), _("Marked as not to be contacted"),
                           run_mark_undo, undo, mark_undo_free);
}

/* Everything written since the action began, as one entry titled @title. */
static guint
combine_changes (Action     *action,
                 const char *title)
{
  return pursuit_undo_stack_combine (pursuit_store_get_undo_stack (action->store), action->since, title);
}

static void
begin_changes (Action *action)
{
  action->since = pursuit_undo_stack_get_newest_id (pursuit_store_get_undo_stack (action->store));
}

/* Logs @touch (detached, of the action's prospect) through the engine,
 * with its undo (and that of a do-not-contact mark it sets) pushed. */
static gboolean
log_touch (Action        *action,
           PursuitTouch  *touch,
           GError       **error)
{
  g_autoptr(PursuitProspect) before = pursuit_prospect_dup (action->prospect);
  gboolean marked = pursuit_prospect_get_do_not_contact (action->prospect);

  if (!pursuit_store_record_touch (action->store, touch, error))
    return FALSE;
  push_touch_undo (action, touch, before);
  push_mark_undo (action, marked);
  return TRUE;
}

/* Undoes what the action wrote so far, after a later step failed: one
 * action is all or nothing. */
static void
roll_back (Action *action)
{
  g_autoptr(GError) error = NULL;
  guint id = combine_changes (action, _("Outreach"));

  if (id != 0 && !pursuit_undo_stack_undo (pursuit_store_get_undo_stack (action->store), id, NULL, &error)
      && error != NULL)
    g_warning ("Could not take back a partial outreach action: %s", error->message);
}

/* Checks before contacting */

static gboolean
may_contact (GtkWidget       *widget,
             PursuitProspect *prospect)
{
  g_autofree char *text = NULL;

  if (!pursuit_prospect_get_do_not_contact (prospect))
    return TRUE;
  /* Translators: %s is a prospect's name. */
  text = g_strdup_printf (_("%s asked not to be contacted. Lift the mark on their page first if they asked to "
                            "hear from you again."),
                          pursuit_prospect_get_name (prospect));
  tell (widget, text);
  return FALSE;
}

static gboolean
has_email (GtkWidget       *widget,
           PursuitProspect *prospect)
{
  g_autofree char *text = NULL;
  const char *email = pursuit_prospect_get_email (prospect);

  if (email != NULL && email[0] != '\0')
    return TRUE;
  /* Translators: %s is a prospect's name. */
  text = g_strdup_printf (_("%s has no email address. Add one on their page to email them."),
                          pursuit_prospect_get_name (prospect));
  tell (widget, text);
  return FALSE;
}

/**
 * pursuit_outreach_is_closing:
 * @store: the store of @prospect
 * @prospect: an active prospect
 *
 * Returns: whether the streak reached the limit, so that the next email
 *   is the closing-the-loop one
 */
gboolean
pursuit_outreach_is_closing (PursuitStore    *store,
                             PursuitProspect *prospect)
{
  PursuitLimitCheck check;

  g_return_val_if_fail (PURSUIT_IS_STORE (store), FALSE);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), FALSE);

  if (pursuit_prospect_get_stage (prospect) != PURSUIT_STAGE_ACTIVE)
    return FALSE;
  pursuit_store_check_limit (store, prospect, &check);
  return check.let_go;
}

/* The step of the prospect's next email: by the attempt it is, or the
 * closing-the-loop one. */
static PursuitTemplateStep
next_step (PursuitStore    *store,
           PursuitProspect *prospect,
           gboolean         closing)
{
  PursuitLimitCheck check;

  pursuit_store_check_limit (store, prospect, &check);
  return pursuit_template_step_for_attempt (check.streak + 1, closing || pursuit_outreach_is_closing (store, prospect));
}

/* Opens the mail program with an email to the action's prospect from the
 * template of @step; *@subject gets the subject. When there is no mail
 * program, copies the address and says so. */
static gboolean
open_email (Action               *action,
            PursuitTemplateStep   step,
            char                **subject_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *text = NULL;
  const char *email = pursuit_prospect_get_email (action->prospect);
  const char *to[] = { email, NULL };

  if (!pursuit_templates_compose (action->settings, action->store, action->prospect, step, &subject, &body,
                                  &error))
    {
      show_store_error (action, _("Could Not Write the Email"), error);
      return FALSE;
    }
  uri = pursuit_mailto_uri (to, NULL, subject, body);
  if (!launch_uri (action->widget, uri, &error))
    {
      copy_text (action->widget, email);
      /* Translators: %s is an email address. */
      text = g_strdup_printf (_("%s is copied: paste it in your mail."), email);
      tell_mail_failed (action->widget, error, text);
      return FALSE;
    }
  *subject_out = g_steal_pointer (&subject);
  return TRUE;
}

/* The outbound email just opened, logged as sent with no reply yet. */
static PursuitTouch *
new_email_touch (PursuitProspect *prospect,
                 const char      *note)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  PursuitTouch *touch = pursuit_touch_new (pursuit_prospect_get_id (prospect), now, PURSUIT_CHANNEL_EMAIL,
                                           PURSUIT_DIRECTION_OUT, PURSUIT_OUTCOME_NO_ANSWER);

  pursuit_touch_set_note (touch, note);
  return touch;
}

/* Email */

/**
 * pursuit_outreach_email:
 * @widget: where the action was started (its window gets the toasts)
 * @store: the store of @prospect
 * @settings: the application's settings (templates, name, signature)
 * @prospect: whom to email
 * @done: (nullable) (scope async): called once when the action ends
 * @user_data: for @done
 *
 * Opens the mail program with the template of the prospect's next
 * attempt and logs an outbound email touch (no answer yet), whose undo
 * is "it was not sent". Without a mail program, copies the address and
 * logs nothing.
 */
void
pursuit_outreach_email (GtkWidget          *widget,
                        PursuitStore       *store,
                        GSettings          *settings,
                        PursuitProspect    *prospect,
                        PursuitOutreachDone done,
                        gpointer            user_data)
{
  g_autoptr(PursuitTouch) touch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *title = NULL;
  Action *action;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (PURSUIT_IS_STORE (store));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (PURSUIT_IS_PROSPECT (prospect));

  action = action_new (widget, store, settings, prospect, done, user_data);
  if (!may_contact (widget, prospect) || !has_email (widget, prospect)
      || !open_email (action, next_step (store, prospect, FALSE), &subject))
    {
      action_cancel (action);
      return;
    }

  begin_changes (action);
  touch = new_email_touch (prospect, subject);
  if (!log_touch (action, touch, &error))
    {
      show_store_error (action, _("Could Not Log the Email"), error);
      action_cancel (action);
      return;
    }
  /* Translators: %s is a prospect's name. */
  title = g_strdup_printf (_("Emailed %s"), pursuit_prospect_get_name (prospect));
  action_finish (action, combine_changes (action, title), title);
}

/* Call */

static const char *
call_outcome_text (PursuitOutcome outcome)
{
  switch (outcome)
    {
    case PURSUIT_OUTCOME_NO_ANSWER:
      return _("no answer");
    case PURSUIT_OUTCOME_LEFT_MESSAGE:
      return _("left a message");
    case PURSUIT_OUTCOME_REPLIED:
      return _("talked");
    case PURSUIT_OUTCOME_CALLBACK_REQUESTED:
      return _("call back");
    case PURSUIT_OUTCOME_FIRM_NO:
      return _("firm no");
    case PURSUIT_OUTCOME_WON:
      return _("won");
    case PURSUIT_OUTCOME_MEETING:
    default:
      return _("meeting");
    }
}

static char *
call_title (PursuitProspect *prospect,
            PursuitOutcome   outcome)
{
  /* Translators: "Called Jane Doe: no answer". */
  return g_strdup_printf (_("Called %s: %s"), pursuit_prospect_get_name (prospect), call_outcome_text (outcome));
}

/* The callback's date and time come from the Log Touch dialog, set up
 * for it: the action ends when it is saved or closed. */
static void
callback_saved_cb (PursuitTouchDialog *dialog,
                   Action             *action)
{
  g_autofree char *title = call_title (action->prospect, action->logged);

  /* The dialog logs through the store; the window pushed its undo. */
  g_object_steal_data (G_OBJECT (dialog), "pursuit-outreach-action");
  action_finish (action, combine_changes (action, title), title);
}

/* The dialog may log another outcome than the callback (its own "No
 * answer"): the title says what was logged. */
static void
callback_touch_added_cb (PursuitStore *store,
                         PursuitTouch *touch,
                         Action       *action)
{
  if (pursuit_touch_get_prospect_id (touch) == pursuit_prospect_get_id (action->prospect))
    action->logged = pursuit_touch_get_outcome (touch);
}

/* The dialog that asked for the rest of the action went without an
 * answer (its data is stolen when it gives one). */
static void
action_dialog_gone (gpointer data)
{
  Action *action = data;

  if (action != NULL)
    action_cancel (action);
}

static void
ask_callback (Action *action)
{
  PursuitTouchDialog *dialog = pursuit_touch_dialog_new (parent_window (action->widget), action->store,
                                                         action->prospect, NULL);

  pursuit_touch_dialog_set_channel (dialog, PURSUIT_CHANNEL_CALL);
  pursuit_touch_dialog_set_direction (dialog, PURSUIT_DIRECTION_OUT);
  pursuit_touch_dialog_set_outcome (dialog, PURSUIT_OUTCOME_CALLBACK_REQUESTED);
  action->logged = PURSUIT_OUTCOME_CALLBACK_REQUESTED;
  action->touch_added_id = g_signal_connect (action->store, "touch-added", G_CALLBACK (callback_touch_added_cb),
                                             action);
  begin_changes (action);
  /* Cancels the action when the dialog goes without saving. */
  g_object_set_data_full (G_OBJECT (dialog), "pursuit-outreach-action", action, action_dialog_gone);
  g_signal_connect (dialog, "saved", G_CALLBACK (callback_saved_cb), action);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
call_chosen_cb (PursuitCallDialog *dialog,
                PursuitOutcome     outcome,
                Action            *action)
{
  g_autoptr(PursuitTouch) touch = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  g_object_steal_data (G_OBJECT (dialog), "pursuit-outreach-action");
  if (outcome == PURSUIT_OUTCOME_CALLBACK_REQUESTED)
    {
      ask_callback (action);
      return;
    }

  now = g_date_time_new_now_local ();
  touch = pursuit_touch_new (pursuit_prospect_get_id (action->prospect), now, PURSUIT_CHANNEL_CALL,
                             PURSUIT_DIRECTION_OUT, outcome);
  begin_changes (action);
  if (!log_touch (action, touch, &error))
    {
      show_store_error (action, _("Could Not Log the Call"), error);
      action_cancel (action);
      return;
    }
  title = call_title (action->prospect, outcome);
  action_finish (action, combine_changes (action, title), title);
}

/* Opens the phone app, or copies the number; says which in @status. */
static char *
place_call (GtkWidget       *widget,
            PursuitProspect *prospect)
{
  g_autoptr(GAppInfo) app = g_app_info_get_default_for_uri_scheme ("tel");
  g_autoptr(GdkAppLaunchContext) context = gdk_display_get_app_launch_context (gtk_widget_get_display (widget));
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = pursuit_tel_uri (pursuit_prospect_get_phone (prospect));
  const char *phone = pursuit_prospect_get_phone (prospect);
  GList uris = { uri, NULL, NULL };

  if (app != NULL && g_app_info_launch_uris (app, &uris, G_APP_LAUNCH_CONTEXT (context), &error))
    /* Translators: "Calling +49 30 555 0100 with Calls." */
    return g_strdup_printf (_("Calling %s with %s."), phone, g_app_info_get_display_name (app));
  if (error != NULL)
    g_debug ("Could not open the tel: handler: %s", error->message);
  copy_text (widget, phone);
  /* Translators: %s is a phone number. */
  return g_strdup_printf (_("No phone app is set up to make calls: %s is copied to dial it on your phone."), phone);
}

/**
 * pursuit_outreach_call:
 * @widget: where the action was started
 * @store: the store of @prospect
 * @prospect: whom to call
 * @done: (nullable) (scope async): called once when the action ends
 * @user_data: for @done
 *
 * Opens the phone app (the tel: handler), or copies the number when there
 * is none, then asks how the call went and logs it.
 */
void
pursuit_outreach_call (GtkWidget          *widget,
                       PursuitStore       *store,
                       PursuitProspect    *prospect,
                       PursuitOutreachDone done,
                       gpointer            user_data)
{
  g_autofree char *uri = NULL;
  g_autofree char *status = NULL;
  g_autofree char *text = NULL;
  PursuitCallDialog *dialog;
  Action *action;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (PURSUIT_IS_STORE (store));
  g_return_if_fail (PURSUIT_IS_PROSPECT (prospect));

  action = action_new (widget, store, NULL, prospect, done, user_data);
  if (!may_contact (widget, prospect))
    {
      action_cancel (action);
      return;
    }
  uri = pursuit_tel_uri (pursuit_prospect_get_phone (prospect));
  if (uri == NULL)
    {
      /* Translators: %s is a prospect's name. */
      text = g_strdup_printf (_("%s has no phone number. Add one on their page to call them."),
                              pursuit_prospect_get_name (prospect));
      tell (widget, text);
      action_cancel (action);
      return;
    }

  status = place_call (widget, prospect);
  dialog = pursuit_call_dialog_new (parent_window (widget), prospect, status);
  /* Cancels the action when the dialog closes without an outcome. */
  g_object_set_data_full (G_OBJECT (dialog), "pursuit-outreach-action", action, action_dialog_gone);
  g_signal_connect (dialog, "chosen", G_CALLBACK (call_chosen_cb), action);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Close the loop */

typedef struct
{
  PursuitStore    *store;
  PursuitProspect *prospect;
  PursuitProspect *before;
} LetGoUndo;

static void
let_go_undo_free (gpointer data)
{
  LetGoUndo *undo = data;

  g_clear_object (&undo->prospect);
  g_clear_object (&undo->before);
  g_free (undo);
}

static gboolean
run_let_go_undo (gpointer   data,
                 GError   **error)
{
  LetGoUndo *undo = data;

  return pursuit_store_update (undo->store, undo->prospect, undo->before, error);
}

static gboolean
let_go (Action      *action,
        const char  *reason,
        GDateTime   *revisit,
        GError     **error)
{
  g_autoptr(PursuitProspect) before = pursuit_prospect_dup (action->prospect);
  gboolean marked = pursuit_prospect_get_do_not_contact (action->prospect);
  LetGoUndo *undo;

  if (!pursuit_store_let_go (action->store, action->prospect, reason, revisit, error))
    return FALSE;
  undo = g_new0 (LetGoUndo, 1);
  undo->store = action->store;
  undo->prospect = g_object_ref (action->prospect);
  undo->before = g_steal_pointer (&before);
  pursuit_undo_stack_push (pursuit_store_get_undo_stack (action->store), _("Let go"), run_let_go_undo, undo,
                           let_go_undo_free);
  push_mark_undo (action, marked);
  return TRUE;
}

static void
close_loop_confirmed_cb (PursuitLetGoDialog *dialog,
                         const char         *reason,
                         GDateTime          *revisit,
                         Action             *action)
{
  g_autoptr(PursuitTouch) touch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *title = NULL;

  g_object_steal_data (G_OBJECT (dialog), "pursuit-outreach-action");
  if (!open_email (action, PURSUIT_TEMPLATE_STEP_CLOSING, &subject))
    {
      action_cancel (action);
      return;
    }

  begin_changes (action);
  touch = new_email_touch (action->prospect, subject);
  if (!log_touch (action, touch, &error) || !let_go (action, reason, revisit, &error))
    {
      roll_back (action);
      show_store_error (action, _("Could Not Close the Loop"), error);
      action_cancel (action);
      return;
    }
  /* Translators: %s is a prospect's name. */
  title = g_strdup_printf (_("Closed the loop with %s"), pursuit_prospect_get_name (action->prospect));
  action_finish (action, combine_changes (action, title), title);
}

/**
 * pursuit_outreach_close_loop:
 * @widget: where the action was started
 * @store: the store of @prospect
 * @settings: the application's settings (templates, name, signature)
 * @prospect: whom to let go
 * @done: (nullable) (scope async): called once when the action ends
 * @user_data: for @done
 *
 * Asks why @prospect is let go, opens the closing-the-loop email, logs it
 * and lets the prospect go with that reason: one undo entry for all.
 */
void
pursuit_outreach_close_loop (GtkWidget          *widget,
                             PursuitStore       *store,
                             GSettings          *settings,
                             PursuitProspect    *prospect,
                             PursuitOutreachDone done,
                             gpointer            user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) revisit = NULL;
  g_autofree char *intro = NULL;
  PursuitLetGoDialog *dialog;
  GtkWidget *confirm;
  GtkWidget *intro_label;
  Action *action;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (PURSUIT_IS_STORE (store));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (PURSUIT_IS_PROSPECT (prospect));

  action = action_new (widget, store, settings, prospect, done, user_data);
  if (!may_contact (widget, prospect) || !has_email (widget, prospect))
    {
      action_cancel (action);
      return;
    }

  revisit = pursuit_policy_revisit_date (pursuit_store_get_policy (store), now);
  dialog = pursuit_let_go_dialog_new (parent_window (widget), prospect, revisit);
  gtk_window_set_title (GTK_WINDOW (dialog), _("Close the Loop"));
  confirm = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), PURSUIT_TYPE_LET_GO_DIALOG,
                                                       "confirm_button"));
  if (GTK_IS_BUTTON (confirm))
    gtk_button_set_label (GTK_BUTTON (confirm), _("_Email and Let Go"));
  intro_label = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), PURSUIT_TYPE_LET_GO_DIALOG,
                                                           "intro_label"));
  /* Translators: %s is the prospect's name. */
  intro = g_strdup_printf (_("Before going silent, tell %s why: the closing-the-loop email opens in your mail "
                             "program, and they are let go with the reason you choose. A revisit date brings them "
                             "back to the inbox."),
                           pursuit_prospect_get_name (prospect));
  if (GTK_IS_LABEL (intro_label))
    gtk_label_set_text (GTK_LABEL (intro_label), intro);
  g_object_set_data_full (G_OBJECT (dialog), "pursuit-outreach-action", action, action_dialog_gone);
  g_signal_connect (dialog, "confirmed", G_CALLBACK (close_loop_confirmed_cb), action);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Nurture */

typedef struct
{
  PursuitStore *store;
  GPtrArray    *touches;
} NurtureUndo;

static void
nurture_undo_free (gpointer data)
{
  NurtureUndo *undo = data;

  g_clear_pointer (&undo->touches, g_ptr_array_unref);
  g_free (undo);
}

static gboolean
run_nurture_undo (gpointer   data,
                  GError   **error)
{
  NurtureUndo *undo = data;

  return pursuit_store_delete_touches (undo->store, undo->touches, error);
}

typedef struct
{
  Action    *action;
  GPtrArray *prospects;
  guint      opened;  /* the prospects before it are in emails opened */
} Nurture;

/* At most this many addresses in the Bcc of one email. The mail program
 * gets the mailto: URI on its command line, which Linux limits to
 * 128 KiB an argument and many mail programs cut far earlier, and mail
 * servers refuse messages with too many recipients: a longer list goes
 * out in several emails, opened one after the other. */
#define NURTURE_BCC_MAX 50

/* Where the Nurture lives: on the dialog on screen. */
#define NURTURE_KEY "pursuit-outreach-nurture"


static void
nurture_free (gpointer data)
{
  Nurture *nurture = data;

  if (nurture->action != NULL)
    action_cancel (nurture->action);
  g_clear_pointer (&nurture->prospects, g_ptr_array_unref);
  g_free (nurture);
}

/* One informational touch for each prospect of the list, one undo. */
static void
log_nurture (Nurture    *nurture,
             const char *note,
             const char *title)
{
  Action *action = g_steal_pointer (&nurture->action);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) touches = NULL;
  g_autoptr(GError) error = NULL;
  NurtureUndo *undo;
  guint id;

  if (!pursuit_store_log_nurture (action->store, nurture->prospects, now, note, &touches, &error))
    {
      show_store_error (action, _("Could Not Log the Update"), error);
      action_cancel (action);
      return;
    }
  undo = g_new0 (NurtureUndo, 1);
  undo->store = action->store;
  undo->touches = g_steal_pointer (&touches);
  id = pursuit_undo_stack_push (pursuit_store_get_undo_stack (action->store), title, run_nurture_undo, undo,
                                nurture_undo_free);
  action_finish (action, id, title);
}

static char *
nurture_title (guint n)
{
  g_autofree char *number = pursuit_number_format (n);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Sent an update to %s prospect",
                                       "Sent an update to %s prospects", n),
                          number);
}

/* The addresses of the prospects from @from to @to, not included. */
static GStrv
nurture_addresses (Nurture *nurture,
                   guint    from,
                   guint    to)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = from; i < to; i++)
    g_strv_builder_add (builder, pursuit_prospect_get_email (g_ptr_array_index (nurture->prospects, i)));
  return g_strv_builder_end (builder);
}

/* Logs the update for the prospects of the emails opened. */
static void
nurture_sent (Nurture *nurture)
{
  g_autofree char *title = nurture_title (nurture->opened);

  g_ptr_array_set_size (nurture->prospects, nurture->opened);
  log_nurture (nurture, _("An update to the nurture list"), title);
}

static void open_nurture_email (Nurture *nurture);

static void
next_email_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  Nurture *nurture = g_object_steal_data (G_OBJECT (dialog), NURTURE_KEY);

  /* Answered once: closing the dialog after may answer again. */
  if (nurture == NULL)
    return;
  if (g_str_equal (response, "next"))
    open_nurture_email (nurture);
  else
    {
      nurture_sent (nurture);
      nurture_free (nurture);
    }
}

/* Says how far the update got and offers the next email; @nurture goes
 * with the dialog. */
static void
ask_next_email (Nurture *nurture)
{
  guint n = nurture->prospects->len;
  g_autofree char *opened = pursuit_number_format (nurture->opened);
  g_autofree char *all = pursuit_number_format (n);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (parent_window (nurture->action->widget), _("Open the Next Email?"), NULL));

  /* Translators: "Email 1 of 3 is open with 50 of the 120 addresses in Bcc. …" */
  adw_message_dialog_format_body (dialog,
                                  _("Email %u of %u is open with %s of the %s addresses in Bcc. Send it, then "
                                    "open the next one. Stopping here logs the update for those sent so far."),
                                  (nurture->opened + NURTURE_BCC_MAX - 1) / NURTURE_BCC_MAX,
                                  (n + NURTURE_BCC_MAX - 1) / NURTURE_BCC_MAX, opened, all);
  adw_message_dialog_add_responses (dialog, "stop", _("_Stop Here"), "next", _("_Open Next Email"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "next", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "next");
  adw_message_dialog_set_close_response (dialog, "stop");
  g_object_set_data_full (G_OBJECT (dialog), NURTURE_KEY, nurture, nurture_free);
  g_signal_connect (dialog, "response", G_CALLBACK (next_email_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Opens the next email of the update, with up to NURTURE_BCC_MAX
 * addresses in Bcc; takes @nurture. */
static void
open_nurture_email (Nurture *nurture)
{
  guint end = MIN (nurture->opened + NURTURE_BCC_MAX, nurture->prospects->len);
  g_auto(GStrv) bcc = nurture_addresses (nurture, nurture->opened, end);
  g_autofree char *uri = pursuit_mailto_uri (NULL, (const char *const *) bcc, NULL, NULL);
  g_autoptr(GError) error = NULL;

  if (!launch_uri (nurture->action->widget, uri, &error))
    {
      g_auto(GStrv) rest = nurture_addresses (nurture, nurture->opened, nurture->prospects->len);
      g_autofree char *list = g_strjoinv (", ", rest);

      copy_text (nurture->action->widget, list);
      tell_mail_failed (nurture->action->widget, error,
                        _("The addresses are copied: paste them in the Bcc of your mail, or export the list."));
      if (nurture->opened > 0)
        nurture_sent (nurture);
      nurture_free (nurture);
      return;
    }
  nurture->opened = end;
  if (end < nurture->prospects->len)
    {
      ask_next_email (nurture);
      return;
    }
  nurture_sent (nurture);
  nurture_free (nurture);
}

static void
nurture_email_cb (PursuitNurtureDialog *dialog,
                  Nurture              *nurture)
{
  /* It outlives the dialog, which closes now, when there are more emails. */
  open_nurture_email (g_object_steal_data (G_OBJECT (dialog), NURTURE_KEY));
}

static void
nurture_export_cb (PursuitNurtureDialog *dialog,
                   const char           *format,
                   GFile                *file,
                   Nurture              *nurture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *title = NULL;
  gboolean ok;

  if (g_str_equal (format, "vcard"))
    ok = pursuit_vcard_export (nurture->prospects, file, &error);
  else
    {
      g_autoptr(GListStore) model = g_list_store_new (PURSUIT_TYPE_PROSPECT);

      g_list_store_splice (model, 0, 0, nurture->prospects->pdata, nurture->prospects->len);
      ok = pursuit_csv_export (G_LIST_MODEL (model), file, &error);
    }
  if (!ok)
    {
      pursuit_widget_show_error (nurture->action->widget, _("Could Not Export the Nurture List"), error->message);
      return;
    }
  number = pursuit_number_format (nurture->prospects->len);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %s prospect for an update",
                                        "Exported %s prospects for an update", nurture->prospects->len),
                           number);
  log_nurture (nurture, _("Exported for an update to the nurture list"), title);
}

/**
 * pursuit_outreach_nurture:
 * @widget: where the action was started
 * @store: the store
 * @settings: the application's settings
 * @done: (nullable) (scope async): called once when the action ends
 * @user_data: for @done
 *
 * Offers one email to the whole nurture list, every address in Bcc (in
 * several emails, opened one after the other, for a long list), or
 * an export as CSV or vCard, and logs an informational touch for each
 * prospect on it: one undo entry for all.
 */
void
pursuit_outreach_nurture (GtkWidget          *widget,
                          PursuitStore       *store,
                          GSettings          *settings,
                          PursuitOutreachDone done,
                          gpointer            user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  PursuitNurtureDialog *dialog;
  Nurture *nurture;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (PURSUIT_IS_STORE (store));

  nurture = g_new0 (Nurture, 1);
  nurture->action = action_new (widget, store, settings, NULL, done, user_data);
  nurture->prospects = pursuit_store_list_nurture (store, now);
  if (nurture->prospects->len == 0)
    {
      tell (widget, _("No one is on the nurture list: it holds Cold prospects, and prospects let go with a "
                      "revisit date still to come, that have an email address."));
      nurture_free (nurture);
      return;
    }

  dialog = pursuit_nurture_dialog_new (parent_window (widget), nurture->prospects->len);
  g_object_set_data_full (G_OBJECT (dialog), NURTURE_KEY, nurture, nurture_free);
  g_signal_connect (dialog, "open-email", G_CALLBACK (nurture_email_cb), nurture);
  g_signal_connect (dialog, "export", G_CALLBACK (nurture_export_cb), nurture);
  gtk_window_present (GTK_WINDOW (dialog));
}
