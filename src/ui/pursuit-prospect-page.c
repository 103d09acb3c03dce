/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-prospect-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pursuit-format.h"
#include "pursuit-let-go-dialog.h"
#include "pursuit-prospect-dialog.h"
#include "pursuit-prospect-page.h"
#include "pursuit-store-outreach.h"
#include "pursuit-undo-stack.h"
#include "pursuit-undo-toast.h"
#include "pursuit-widget.h"

struct _PursuitProspectPage
{
  AdwWindow         parent_instance;

  AdwLeaflet       *panes;
  PursuitStore     *store;
  PursuitProspect  *prospect;
  GListStore       *touches;
  /* What Undo undoes: a touch's edit or deletion, or (before) the
   * prospect as it was before Keep going or Let go. */
  PursuitTouchUndo *undo;
  PursuitProspect  *before;
  /* The change the newest Undo toast undoes, on the store's undo stack. */
  guint             undo_id;
  /* What the rows show, unescaped: row subtitles are markup. */
  char             *texts[3];

  AdwToastOverlay  *toast_overlay;
  PursuitUndoToast  toast;  /* on screen: the newest change's */
  AdwWindowTitle   *window_title;
  GtkButton        *no_answer_button;
  GtkWidget        *let_go_box;
  GtkLabel         *let_go_label;
  AdwActionRow     *next_row;
  GtkImage         *next_icon;
  AdwActionRow     *streak_row;
  AdwActionRow     *stage_row;
  GtkButton        *contact_button;
  AdwActionRow     *company_row;
  AdwActionRow     *email_row;
  AdwActionRow     *phone_row;
  AdwActionRow     *value_row;
  AdwActionRow     *tags_row;
  AdwActionRow     *notes_row;
  GtkStack         *timeline_stack;
  GtkListView      *touch_list;
};

G_DEFINE_FINAL_TYPE (PursuitProspectPage, pursuit_prospect_page, ADW_TYPE_WINDOW)

enum { TEXT_NEXT, TEXT_STREAK, TEXT_STAGE };

static const char *text_names[] = { "next", "streak", "stage" };

/* Row subtitles and toast titles are markup in libadwaita 1.2; what they
 * show may hold text the user typed. */
static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  g_autofree char *shown = pursuit_format_shown (text, PURSUIT_FORMAT_TOOLTIP_CHARS);
  g_autofree char *escaped = g_markup_escape_text (shown, -1);

  adw_action_row_set_subtitle (row, escaped);
}

static void
set_undo (PursuitProspectPage *self,
          PursuitTouchUndo    *undo,
          PursuitProspect     *before)
{
  g_clear_pointer (&self->undo, pursuit_touch_undo_free);
  g_clear_object (&self->before);
  self->undo = undo;
  self->before = before;
  /* The page's Undo is for the newest change only; Ctrl+Z in the window
   * still finds older ones on the stack. */
  self->undo_id = 0;
}

/* The page's undos go on the store's undo stack: Ctrl+Z in the window
 * finds them after their toast is gone. A touch's undo is the store's
 * own (pursuit_store_push_touch_undo()); this is a change of the
 * prospect. @store is not a reference. */
typedef struct
{
  PursuitStore     *store;
  PursuitProspect  *prospect;
  PursuitProspect  *before;
} PageUndo;

static void
page_undo_free (gpointer data)
{
  PageUndo *entry = data;

  g_clear_object (&entry->before);
  g_clear_object (&entry->prospect);
  g_free (entry);
}

static gboolean
run_page_undo (gpointer   data,
               GError   **error)
{
  PageUndo *entry = data;

  return pursuit_store_update (entry->store, entry->prospect, entry->before, error);
}

static void
push_undo (PursuitProspectPage *self,
           const char          *title)
{
  PageUndo *entry;

  self->undo_id = 0;
  if (self->undo != NULL)
    {
      g_clear_object (&self->before);
      self->undo_id = pursuit_store_push_touch_undo (self->store, title, g_steal_pointer (&self->undo));
      return;
    }
  if (self->before == NULL)
    return;
  entry = g_new0 (PageUndo, 1);
  entry->store = self->store;
  entry->prospect = g_object_ref (self->prospect);
  entry->before = g_steal_pointer (&self->before);
  self->undo_id = pursuit_undo_stack_push (pursuit_store_get_undo_stack (self->store), title, run_page_undo, entry,
                                           page_undo_free);
}

static void
add_toast (PursuitProspectPage *self,
           const char          *title,
           gboolean             with_undo)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  if (with_undo)
    push_undo (self, title);
  else
    {
      /* A new change: what an older toast would undo is out of date. */
      set_undo (self, NULL, NULL);
    }
  /* In place of the toast on screen, whose Undo is out of date too. */
  pursuit_undo_toast_show (&self->toast, self->toast_overlay, escaped, with_undo ? "page.undo" : NULL, NULL);
}

static const char *
tier_label (PursuitTier tier)
{
  switch (tier)
    {
    case PURSUIT_TIER_HOT: return _("Hot");
    case PURSUIT_TIER_GOOD: return _("Good");
    case PURSUIT_TIER_COOL: return _("Cool");
    case PURSUIT_TIER_COLD: return _("Cold");
    case PURSUIT_TIER_NONE:
    default: return "";
    }
}

static char *
next_reason (PursuitProspectPage *self)
{
  const PursuitPolicy *policy = pursuit_store_get_policy (self->store);
  PursuitTier tier = pursuit_prospect_get_tier (self->prospect);

  switch (pursuit_store_next_reason (self->store, self->prospect))
    {
    case PURSUIT_NEXT_REASON_CALLBACK:
      return g_strdup (_("they asked to be called back then"));
    case PURSUIT_NEXT_REASON_MANUAL:
      return g_strdup (_("set by hand"));
    case PURSUIT_NEXT_REASON_CADENCE:
      /* Translators: "Good: every 7 days". */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: every %u day", "%s: every %u days",
                                           policy->cadence.days[tier]),
                              tier_label (tier), policy->cadence.days[tier]);
    case PURSUIT_NEXT_REASON_CUSTOMER:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "customer: keep in touch every %u day",
                                           "customer: keep in touch every %u days", policy->customer_days),
                              policy->customer_days);
    case PURSUIT_NEXT_REASON_NONE:
    case PURSUIT_NEXT_REASON_OTHER:
    default:
      return NULL;
    }
}

static void
set_text (PursuitProspectPage *self,
          guint                which,
          AdwActionRow        *row,
          char                *text)
{
  g_free (self->texts[which]);
  self->texts[which] = text;
  set_subtitle (row, text);
}

static void
update_next (PursuitProspectPage *self)
{
  PursuitProspect *p = self->prospect;
  GDateTime *next = pursuit_prospect_get_next_touch (p);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *due = pursuit_format_due (next, now, NULL);
  g_autofree char *reason = next_reason (self);
  g_autofree char *date = next != NULL ? pursuit_format_date (next) : NULL;
  PursuitChannel channel = pursuit_prospect_get_next_channel (p);
  g_autofree char *no_answer = NULL;
  char *text;

  if (next == NULL)
    text = g_strdup (due);
  else if (reason != NULL)
    /* Translators: "in 5 days (28 November 2026) by Email — Good: every 7 days". */
    text = g_strdup_printf (_("%s (%s) by %s — %s"), due, date, pursuit_channel_label (channel), reason);
  else
    text = g_strdup_printf (_("%s (%s) by %s"), due, date, pursuit_channel_label (channel));
  set_text (self, TEXT_NEXT, self->next_row, text);
  gtk_image_set_from_icon_name (self->next_icon, pursuit_channel_icon_name (channel));

  /* Translators: the one-click button; %s is a channel such as "Call". */
  no_answer = g_strdup_printf (_("No Answer by %s"), pursuit_channel_label (channel));
  gtk_button_set_label (self->no_answer_button, no_answer);
}

static void
update_streak (PursuitProspectPage *self)
{
  g_autofree char *currency = pursuit_format_dup_currency ();
  g_autofree char *value = pursuit_format_value (pursuit_prospect_get_value (self->prospect), currency);
  g_autofree char *cost = pursuit_format_value (pursuit_store_get_policy (self->store)->cost_per_touch, currency);
  g_autofree char *reason = NULL;
  PursuitStage stage = pursuit_prospect_get_stage (self->prospect);
  PursuitLimitCheck check;
  char *text;

  pursuit_store_check_limit (self->store, self->prospect, &check);
  reason = pursuit_engine_limit_reason (&check, value, cost);
  if (stage == PURSUIT_STAGE_CUSTOMER)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unanswered attempt; customers are never let go",
                                         "%u unanswered attempts; customers are never let go", check.streak),
                            check.streak);
  else if (check.streak <= check.limit)
    /* Translators: "3 of 7 unanswered attempts". */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u unanswered attempt",
                                         "%u of %u unanswered attempts", check.limit),
                            check.streak, check.limit);
  else
    /* Translators: "9 unanswered attempts, 2 past the limit of 7"; never
     * "9 of 7". */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unanswered attempts, %u past the limit of %u",
                                         "%u unanswered attempts, %u past the limit of %u",
                                         check.streak - check.limit),
                            check.streak, check.streak - check.limit, check.limit);
  set_text (self, TEXT_STREAK, self->streak_row, text);

  gtk_label_set_text (self->let_go_label, reason);
  gtk_widget_set_visible (self->let_go_box, check.let_go);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.keep-going", check.let_go);
}

static char *
stage_text (PursuitProspect *p)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDateTime *revisit = pursuit_prospect_get_revisit_at (p);
  const char *reason = pursuit_prospect_get_close_reason (p);
  g_autofree char *date = revisit != NULL ? pursuit_format_date (revisit) : NULL;

  switch (pursuit_prospect_get_stage (p))
    {
    case PURSUIT_STAGE_ACTIVE:
      return g_strdup_printf (_("Active: %s"), tier_label (pursuit_prospect_get_tier (p)));
    case PURSUIT_STAGE_CUSTOMER:
      return g_strdup (_("Customer"));
    case PURSUIT_STAGE_CLOSED:
      if (date != NULL)
        return g_strdup_printf (_("Let go: %s; back in the inbox on %s"), pursuit_format_close_reason (reason), date);
      return g_strdup_printf (_("Let go: %s"), pursuit_format_close_reason (reason));
    case PURSUIT_STAGE_INBOX:
    default:
      if (pursuit_engine_is_revisit (PURSUIT_STAGE_INBOX, reason, revisit, now))
        return g_strdup_printf (_("Inbox: revisit, let go on %s before (%s)"), date,
                                pursuit_format_close_reason (reason));
      return g_strdup (_("Inbox: not triaged yet"));
    }
}

static void
update_details (PursuitProspectPage *self)
{
  PursuitProspect *p = self->prospect;
  g_autofree char *currency = pursuit_format_dup_currency ();
  g_autofree char *value = pursuit_format_value (pursuit_prospect_get_value (p), currency);
  g_autofree char *name = NULL;
  g_autofree char *company = NULL;
  g_autofree char *full = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *tags = pursuit_format_tags (pursuit_prospect_get_tags (p));
  struct { AdwActionRow *row; const char *text; } rows[] = {
    { self->company_row, pursuit_prospect_get_company (p) },
    { self->email_row, pursuit_prospect_get_email (p) },
    { self->phone_row, pursuit_prospect_get_phone (p) },
    { self->value_row, value },
    { self->tags_row, tags },
    { self->notes_row, pursuit_prospect_get_notes (p) },
  };

  /* A window title is plain text, unlike a row's subtitle. */
  name = pursuit_format_shown (pursuit_prospect_get_name (p), PURSUIT_FORMAT_SHOWN_CHARS);
  company = pursuit_format_shown (pursuit_prospect_get_company (p), PURSUIT_FORMAT_SHOWN_CHARS);
  gtk_window_set_title (GTK_WINDOW (self), name);
  adw_window_title_set_title (self->window_title, name);
  adw_window_title_set_subtitle (self->window_title, company);
  /* The header ellipsizes them: the whole of each is a hover away. */
  full = g_strdup_printf ("%s\n%s", pursuit_prospect_get_name (p), pursuit_prospect_get_company (p));
  tooltip = pursuit_format_shown (full, PURSUIT_FORMAT_TOOLTIP_CHARS);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), tooltip);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      set_subtitle (rows[i].row, rows[i].text[0] != '\0' ? rows[i].text : _("—"));
      gtk_widget_set_visible (GTK_WIDGET (rows[i].row), rows[i].text[0] != '\0' || i < 3);
    }
  set_text (self, TEXT_STAGE, self->stage_row, stage_text (p));
}

static void
update (PursuitProspectPage *self)
{
  gboolean open = pursuit_prospect_get_stage (self->prospect) != PURSUIT_STAGE_CLOSED;

  update_details (self);
  update_next (self);
  update_streak (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.let-go", open);
  /* A prospect let go is not chased: no attempt to log, no streak. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.no-answer", open);
  gtk_widget_set_visible (GTK_WIDGET (self->no_answer_button), open);
  gtk_widget_set_visible (GTK_WIDGET (self->streak_row), open);
  /* The do-not-contact list: on it, or off it again. */
  gtk_button_set_label (self->contact_button, pursuit_prospect_get_do_not_contact (self->prospect)
                                                ? _("Allow Contact Again") : _("Do Not Contact"));
}

static void
reload_touches (PursuitProspectPage *self)
{
  g_autoptr(GListModel) touches = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  if (pursuit_prospect_get_id (self->prospect) == 0)
    return;
  touches = pursuit_store_list_touches (self->store, self->prospect, &error);
  if (touches == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }
  n = g_list_model_get_n_items (touches);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (touches, i));
  g_list_store_splice (self->touches, 0, g_list_model_get_n_items (G_LIST_MODEL (self->touches)),
                       items->pdata, items->len);
  gtk_stack_set_visible_child_name (self->timeline_stack, n > 0 ? "list" : "empty");
}

static void
prospect_changed_cb (PursuitProspectPage *self,
                     PursuitProspect     *prospect)
{
  if (prospect != self->prospect)
    return;
  update (self);
  reload_touches (self);
}

static void
touch_added_cb (PursuitProspectPage *self,
                PursuitTouch        *touch)
{
  if (pursuit_touch_get_prospect_id (touch) == pursuit_prospect_get_id (self->prospect))
    reload_touches (self);
}

static void
prospect_removed_cb (PursuitProspectPage *self,
                     PursuitProspect     *prospect)
{
  if (prospect == self->prospect)
    gtk_window_close (GTK_WINDOW (self));
}

/* The timeline rows */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              PursuitProspectPage      *self)
{
  GtkBuilder *builder = gtk_builder_new_from_resource ("/io/github/pursuit/Pursuit/ui/pursuit-touch-row.ui");
  GtkWidget *row = GTK_WIDGET (gtk_builder_get_object (builder, "row"));

  /* The row keeps what bind() needs; the builder goes with the row. */
  g_object_set_data_full (G_OBJECT (row), "builder", builder, g_object_unref);
  gtk_list_item_set_child (item, row);
  gtk_list_item_set_activatable (item, FALSE);
}

static GtkWidget *
row_part (GtkListItem *item,
          const char  *name)
{
  GtkBuilder *builder = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "builder");

  return GTK_WIDGET (gtk_builder_get_object (builder, name));
}

static char *
touch_title (PursuitTouch *touch)
{
  /* Translators: a touch in the timeline: "Call · Outbound · No answer". */
  return g_strdup_printf (_("%s · %s · %s"), pursuit_channel_label (pursuit_touch_get_channel (touch)),
                          pursuit_direction_label (pursuit_touch_get_direction (touch)),
                          pursuit_outcome_label (pursuit_touch_get_outcome (touch)));
}

static char *
touch_time (PursuitTouch *touch)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (pursuit_touch_get_happened_at (touch));
  g_autofree char *date = pursuit_format_date (local);
  GDateTime *callback = pursuit_touch_get_callback_at (touch);

  if (callback != NULL && pursuit_touch_get_outcome (touch) == PURSUIT_OUTCOME_CALLBACK_REQUESTED)
    {
      g_autofree char *on = pursuit_format_date (callback);
      /* Translators: when a touch happened, and the callback date asked for. */
      return g_strdup_printf (_("%s, %02d:%02d · call back on %s"), date, g_date_time_get_hour (local),
                              g_date_time_get_minute (local), on);
    }
  return g_strdup_printf (_("%s, %02d:%02d"), date, g_date_time_get_hour (local), g_date_time_get_minute (local));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             PursuitProspectPage      *self)
{
  PursuitTouch *touch = gtk_list_item_get_item (item);
  g_autofree char *title = touch_title (touch);
  g_autofree char *time = touch_time (touch);
  g_autofree char *accessible = NULL;
  const char *note = pursuit_touch_get_note (touch);
  GVariant *target = g_variant_new_int64 (pursuit_touch_get_id (touch));

  gtk_image_set_from_icon_name (GTK_IMAGE (row_part (item, "icon")),
                                pursuit_channel_icon_name (pursuit_touch_get_channel (touch)));
  gtk_label_set_text (GTK_LABEL (row_part (item, "title")), title);
  gtk_label_set_text (GTK_LABEL (row_part (item, "time")), time);
  gtk_label_set_text (GTK_LABEL (row_part (item, "note")), note);
  gtk_widget_set_visible (row_part (item, "note"), note[0] != '\0');
  /* The action names wait for a target: an actionable without one warns. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row_part (item, "edit")), target);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row_part (item, "edit")), "page.edit-touch");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row_part (item, "delete")), target);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row_part (item, "delete")), "page.delete-touch");

  accessible = g_strdup_printf ("%s, %s. %s", title, time, note);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_list_item_get_child (item)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

/* Actions */

static void
touch_saved_cb (PursuitProspectPage *self,
                PursuitTouchDialog  *dialog)
{
  PursuitTouchUndo *undo = pursuit_touch_dialog_take_undo (dialog);

  if (undo == NULL)
    {
      add_toast (self, _("Touch logged"), FALSE);
      return;
    }
  set_undo (self, undo, NULL);
  add_toast (self, _("Touch changed"), TRUE);
}

PursuitTouchDialog *
pursuit_prospect_page_open_touch_dialog (PursuitProspectPage *self,
                                         PursuitTouch        *touch)
{
  PursuitTouchDialog *dialog;

  g_return_val_if_fail (PURSUIT_IS_PROSPECT_PAGE (self), NULL);

  dialog = pursuit_touch_dialog_new (GTK_WINDOW (self), self->store, self->prospect, touch);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (touch_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
log_touch_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  pursuit_prospect_page_open_touch_dialog (PURSUIT_PROSPECT_PAGE (widget), NULL);
}

static void
no_answer_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  PursuitProspectPage *self = PURSUIT_PROSPECT_PAGE (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  PursuitChannel channel = pursuit_prospect_get_next_channel (self->prospect);
  g_autoptr(PursuitTouch) touch = pursuit_touch_new (pursuit_prospect_get_id (self->prospect), now, channel,
                                                     PURSUIT_DIRECTION_OUT, PURSUIT_OUTCOME_NO_ANSWER);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!pursuit_store_record_touch (self->store, touch, &error))
    {
      pursuit_widget_show_error (GTK_WIDGET (self), _("Could Not Log the Touch"), error->message);
      return;
    }
  /* Translators: a toast; %s is a channel such as "Call". */
  title = g_strdup_printf (_("Logged: no answer (%s)"), pursuit_channel_label (channel));
  add_toast (self, title, FALSE);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  PursuitProspectPage *self = PURSUIT_PROSPECT_PAGE (widget);

  gtk_window_present (GTK_WINDOW (pursuit_prospect_dialog_new (GTK_WINDOW (self), self->store, self->prospect)));
}

static PursuitTouch *
find_touch (PursuitProspectPage *self,
            gint64               id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->touches));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PursuitTouch) touch = g_list_model_get_item (G_LIST_MODEL (self->touches), i);

      if (pursuit_touch_get_id (touch) == id)
        return touch;
    }
  return NULL;
}

static void
edit_touch_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  PursuitProspectPage *self = PURSUIT_PROSPECT_PAGE (widget);
  PursuitTouch *touch = find_touch (self, g_variant_get_int64 (param));

  if (touch != NULL)
    pursuit_prospect_page_open_touch_dialog (self, touch);
}

static void
delete_touch_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  PursuitProspectPage *self = PURSUIT_PROSPECT_PAGE (widget);
  g_autoptr(PursuitTouchUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  PursuitTouch *touch = find_touch (self, g_variant_get_int64 (param));

  if (touch == NULL)
    return;
  if (!pursuit_store_delete_touch (self->store, touch, &undo, &error))
    {
      pursuit_widget_show_error (GTK_WIDGET (self), _("Could Not Delete the Touch"), error->message);
      return;
    }
  set_undo (self, g_steal_pointer (&undo), NULL);
  add_toast (self, _("Touch deleted"), TRUE);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  PursuitProspectPage *self = PURSUIT_PROSPECT_PAGE (widget);
  g_autoptr(GError) error = NULL;
  guint id = self->undo_id;

  /* Gone from the stack when Ctrl+Z undid it already. */
  self->undo_id = 0;
  if (id != 0 && !pursuit_undo_stack_undo (pursuit_store_get_undo_stack (self->store), id, NULL, &error)
      && error != NULL)
    pursuit_widget_show_error (GTK_WIDGET (self), _("Could Not Undo"), error->message);
}

static void
let_go_confirmed_cb (PursuitProspectPage *self,
                     const char          *reason,
                     GDateTime           *revisit,
                     PursuitLetGoDialog  *dialog)
{
  g_autoptr(PursuitProspect) before = pursuit_prospect_dup (self->prospect);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!pursuit_store_let_go (self->store, self->prospect, reason, revisit, &error))
    {
      pursuit_widget_show_error (GTK_WIDGET (self), _("Could Not Let Go"), error->message);
      return;
    }
  set_undo (self, NULL, g_steal_pointer (&before));
  /* Translators: a toast; %s is the prospect's name. */
  title = g_strdup_printf (_("Let go of %s"), pursuit_prospect_get_name (self->prospect));
  add_toast (self, title, TRUE);
}

static void
let_go_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  PursuitProspectPage *self = PURSUIT_PROSPECT_PAGE (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) revisit = pursuit_policy_revisit_date (pursuit_store_get_policy (self->store), now);
  PursuitLetGoDialog *dialog = pursuit_let_go_dialog_new (GTK_WINDOW (self), self->prospect, revisit);

  g_signal_connect_object (dialog, "confirmed", G_CALLBACK (let_go_confirmed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
keep_going_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  PursuitProspectPage *self = PURSUIT_PROSPECT_PAGE (widget);
  g_autoptr(PursuitProspect) before = pursuit_prospect_dup (self->prospect);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!pursuit_store_keep_going (self->store, self->prospect, &error))
    {
      pursuit_widget_show_error (GTK_WIDGET (self), _("Could Not Raise the Limit"), error->message);
      return;
    }
  set_undo (self, NULL, g_steal_pointer (&before));
  title = g_strdup_printf (_("Keep going: up to %u attempts"), pursuit_prospect_get_attempt_limit (self->prospect));
  add_toast (self, title, TRUE);
}

static void
do_not_contact_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  PursuitProspectPage *self = PURSUIT_PROSPECT_PAGE (widget);
  g_autoptr(PursuitProspect) before = pursuit_prospect_dup (self->prospect);
  gboolean mark = !pursuit_prospect_get_do_not_contact (self->prospect);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!pursuit_store_set_do_not_contact (self->store, self->prospect, mark, &error))
    {
      pursuit_widget_show_error (GTK_WIDGET (self), _("Could Not Change the Do-Not-Contact List"), error->message);
      return;
    }
  set_undo (self, NULL, g_steal_pointer (&before));
  /* Translators: toasts; %s is the prospect's name. */
  title = g_strdup_printf (mark ? _("%s will not be contacted") : _("%s may be contacted again"),
                          pursuit_prospect_get_name (self->prospect));
  add_toast (self, title, TRUE);
}

/* Too narrow for both panes, these go from one to the other. */
static void
show_touches_cb (PursuitProspectPage *self)
{
  adw_leaflet_navigate (self->panes, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
show_details_cb (PursuitProspectPage *self)
{
  adw_leaflet_navigate (self->panes, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
pursuit_prospect_page_dispose (GObject *object)
{
  PursuitProspectPage *self = PURSUIT_PROSPECT_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PURSUIT_TYPE_PROSPECT_PAGE);
  pursuit_undo_toast_clear (&self->toast);
  g_clear_object (&self->store);
  g_clear_object (&self->prospect);
  g_clear_object (&self->touches);
  set_undo (self, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (self->texts); i++)
    g_clear_pointer (&self->texts[i], g_free);

  G_OBJECT_CLASS (pursuit_prospect_page_parent_class)->dispose (object);
}

static void
pursuit_prospect_page_class_init (PursuitProspectPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pursuit_prospect_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pursuit/Pursuit/ui/pursuit-prospect-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectPage, panes);
  gtk_widget_class_bind_template_callback (widget_class, show_touches_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_details_cb);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectPage, no_answer_button);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectPage, let_go_box);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectPage, let_go_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectPage, next_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectPage, next_icon);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectPage, streak_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectPage, stage_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectPage, contact_button);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectPage, company_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectPage, phone_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectPage, value_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectPage, tags_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectPage, notes_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectPage, timeline_stack);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectPage, touch_list);

  gtk_widget_class_install_action (widget_class, "page.log-touch", NULL, log_touch_action);
  gtk_widget_class_install_action (widget_class, "page.no-answer", NULL, no_answer_action);
  gtk_widget_class_install_action (widget_class, "page.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "page.edit-touch", "x", edit_touch_action);
  gtk_widget_class_install_action (widget_class, "page.delete-touch", "x", delete_touch_action);
  gtk_widget_class_install_action (widget_class, "page.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "page.let-go", NULL, let_go_action);
  gtk_widget_class_install_action (widget_class, "page.keep-going", NULL, keep_going_action);
  gtk_widget_class_install_action (widget_class, "page.do-not-contact", NULL, do_not_contact_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "page.log-touch", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pursuit_prospect_page_init (PursuitProspectPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->touches = g_list_store_new (PURSUIT_TYPE_TOUCH);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->touch_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->touch_list,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->touches)))));
}

PursuitProspectPage *
pursuit_prospect_page_new (GtkWindow       *parent,
                           PursuitStore    *store,
                           PursuitProspect *prospect)
{
  PursuitProspectPage *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PURSUIT_IS_STORE (store), NULL);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), NULL);

  self = g_object_new (PURSUIT_TYPE_PROSPECT_PAGE, "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL, NULL);
  self->store = g_object_ref (store);
  self->prospect = g_object_ref (prospect);

  g_signal_connect_object (prospect, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "prospect-changed", G_CALLBACK (prospect_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "prospect-removed", G_CALLBACK (prospect_removed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "touch-added", G_CALLBACK (touch_added_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "policy-changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
  reload_touches (self);
  return self;
}

PursuitProspectPage *
pursuit_prospect_page_present (GtkWindow       *parent,
                               PursuitStore    *store,
                               PursuitProspect *prospect)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  PursuitProspectPage *page = NULL;

  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), NULL);

  for (guint i = 0; page == NULL && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (PURSUIT_IS_PROSPECT_PAGE (toplevel) && PURSUIT_PROSPECT_PAGE (toplevel)->prospect == prospect)
        page = PURSUIT_PROSPECT_PAGE (toplevel);
    }
  if (page == NULL)
    page = pursuit_prospect_page_new (parent, store, prospect);
  gtk_window_present (GTK_WINDOW (page));
  return page;
}

PursuitProspect *
pursuit_prospect_page_get_prospect (PursuitProspectPage *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT_PAGE (self), NULL);

  return self->prospect;
}

GListModel *
pursuit_prospect_page_get_touches (PursuitProspectPage *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT_PAGE (self), NULL);

  return G_LIST_MODEL (self->touches);
}

const char *
pursuit_prospect_page_get_text (PursuitProspectPage *self,
                                const char          *part)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT_PAGE (self), NULL);

  if (g_strcmp0 (part, "let-go") == 0)
    return gtk_label_get_text (self->let_go_label);
  if (g_strcmp0 (part, "tags") == 0)
    return gtk_widget_get_visible (GTK_WIDGET (self->tags_row)) ? adw_action_row_get_subtitle (self->tags_row) : "";
  for (guint i = 0; i < G_N_ELEMENTS (text_names); i++)
    if (g_strcmp0 (part, text_names[i]) == 0)
      return self->texts[i];
  g_return_val_if_reached (NULL);
}

gboolean
pursuit_prospect_page_get_let_go_shown (PursuitProspectPage *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT_PAGE (self), FALSE);

  return gtk_widget_get_visible (self->let_go_box);
}
