/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-today-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pursuit-day-watcher.h"
#include "pursuit-number.h"
#include "pursuit-outreach.h"
#include "pursuit-outreach-actions.h"

#include "pursuit-schedule.h"
#include "pursuit-store-outreach.h"
#include "pursuit-store-touches.h"
#include "pursuit-today-page.h"
#include "pursuit-today-row.h"
#include "pursuit-undo-stack.h"
#include "pursuit-widget.h"
#include "pursuit-window.h"

struct _PursuitTodayPage
{
  GtkWidget       parent_instance;

  PursuitStore   *store;
  GSettings      *settings;
  GListStore     *due;        /* what the list shows, in its order */
  GtkSliceListModel *loaded;  /* the start of @due that has rows */
  char           *tag;        /* the tag filter, normalised, or NULL */
  gboolean        setting_tag;
  guint           n_due;
  guint           n_shown;
  guint           n_tomorrow;
  guint           count_id;
  guint           focus_id;
  guint           focus_position;
  guint           focus_tries;
  guint           load_id;

  GtkLabel       *heading_label;
  GtkSearchEntry *tag_entry;
  GtkStack       *stack;
  GtkScrolledWindow *scroller;
  GtkListView    *list_view;
  AdwStatusPage  *empty_page;
};

G_DEFINE_FINAL_TYPE (PursuitTodayPage, pursuit_today_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_DUE,
  PROP_N_SHOWN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The rows the list gets at first, and at each step as it scrolls: rows
 * are about 100 pixels high, so more than a list of 1,000 pixels shows
 * (a taller one gets more once it is laid out). */
#define LOAD_BATCH 12

/* Today's and tomorrow's bounds, as Unix times of local midnights:
 * compared with the due times, once for each prospect of the store. */
typedef struct
{
  gint64 today;      /* the start of today */
  gint64 tomorrow;   /* the start of tomorrow */
  gint64 after;      /* the start of the day after tomorrow */
} Days;

static void
days_init (Days *days)
{
  g_autoptr(GDateTime) now = pursuit_day_watcher_now_local (pursuit_day_watcher_get_default ());
  g_autoptr(GDateTime) start = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (start, 1);
  g_autoptr(GDateTime) after = g_date_time_add_days (start, 2);

  days->today = g_date_time_to_unix (start);
  days->tomorrow = g_date_time_to_unix (tomorrow);
  days->after = g_date_time_to_unix (after);
}

/* What is due: the schedule's next touches (active prospects and
 * customers) before @end, as --due and the calendar count them by day. */
static gboolean
is_due (PursuitProspect *p,
        gint64           end)
{
  return pursuit_schedule_includes (p) && !pursuit_prospect_get_do_not_contact (p)
         && g_date_time_to_unix (pursuit_prospect_get_next_touch (p)) < end;
}

static gboolean
is_shown (PursuitTodayPage *self,
          PursuitProspect  *p,
          const Days       *days)
{
  return is_due (p, days->tomorrow) && (self->tag == NULL || pursuit_prospect_has_tag (p, self->tag));
}

static void
fill_key (PursuitProspect *p,
          const Days      *days,
          PursuitTodayKey *key)
{
  GDateTime *next = pursuit_prospect_get_next_touch (p);

  key->due = next != NULL ? g_date_time_to_unix (next) : G_MAXINT64;
  key->overdue = key->due < days->today;
  key->hot = pursuit_prospect_get_stage (p) == PURSUIT_STAGE_ACTIVE
             && pursuit_prospect_get_tier (p) == PURSUIT_TIER_HOT;
  key->value = pursuit_prospect_get_value (p);
  key->id = pursuit_prospect_get_id (p);
}

static int
compare_prospects (gconstpointer a,
                   gconstpointer b,
                   gpointer      days)
{
  PursuitTodayKey ka, kb;

  fill_key ((PursuitProspect *) a, days, &ka);
  fill_key ((PursuitProspect *) b, days, &kb);
  return pursuit_today_key_compare (&ka, &kb);
}

static int
compare_indirect (gconstpointer a,
                  gconstpointer b,
                  gpointer      days)
{
  return compare_prospects (*(PursuitProspect **) a, *(PursuitProspect **) b, days);
}

/* Counting: the badge counts every follow-up due, whatever the filter;
 * the empty page says how many come tomorrow. Once per burst of changes
 * (an import changes thousands). */

static void
update_empty_page (PursuitTodayPage *self)
{
  g_autofree char *description = NULL;
  g_autofree char *count = pursuit_number_format (self->n_tomorrow);

  if (self->n_tomorrow > 0)
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Tomorrow: %s follow-up",
                                                "Tomorrow: %s follow-ups", self->n_tomorrow),
                                   count);
  else
    description = g_strdup (_("Nothing is due tomorrow either."));
  adw_status_page_set_description (self->empty_page, description);
  if (self->tag != NULL && self->n_due > 0)
    adw_status_page_set_title (self->empty_page, _("No Follow-Ups with This Tag Today"));
  else
    adw_status_page_set_title (self->empty_page, _("Nothing Left for Today"));
}

static void
update_shown (PursuitTodayPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->due));
  g_autofree char *count = pursuit_number_format (n);
  g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s follow-up", "%s follow-ups", n),
                                              count);

  gtk_label_set_text (self->heading_label, heading);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  update_empty_page (self);
  if (self->n_shown != n)
    {
      self->n_shown = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SHOWN]);
    }
}

static void
count (PursuitTodayPage *self)
{
  GListModel *prospects;
  guint n_due = 0;
  guint n_tomorrow = 0;
  guint n;

  Days days;

  days_init (&days);
  if (self->store != NULL)
    {
      prospects = pursuit_store_get_prospects (self->store);
      n = g_list_model_get_n_items (prospects);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PursuitProspect) p = g_list_model_get_item (prospects, i);

          if (!is_due (p, days.after))
            continue;
          if (is_due (p, days.tomorrow))
            n_due++;
          else
            n_tomorrow++;
        }
    }
  self->n_tomorrow = n_tomorrow;
  if (self->n_due != n_due)
    {
      self->n_due = n_due;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DUE]);
    }
  update_empty_page (self);
}

static gboolean
count_cb (gpointer data)
{
  PursuitTodayPage *self = data;

  self->count_id = 0;
  count (self);
  return G_SOURCE_REMOVE;
}

static void
queue_count (PursuitTodayPage *self)
{
  if (self->count_id == 0)
    self->count_id = g_idle_add_full (G_PRIORITY_DEFAULT, count_cb, self, NULL);
}

/* Rows as the list scrolls. GTK 4.8's list view makes and binds a row
 * for each of up to 200 items around the one it shows first, whatever
 * its height, and does so at once when its model changes: before the
 * window's first frame, for every follow-up due. So it is given the
 * start of the list, a batch more whenever less than a screen of rows
 * is left below what it shows. The heading and the badge count them
 * all. */

static void
load_more (PursuitTodayPage *self,
           guint             n)
{
  guint size = gtk_slice_list_model_get_size (self->loaded);
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->due));

  if (size < total && size < n)
    gtk_slice_list_model_set_size (self->loaded, MIN (n, total));
}

static gboolean
load_cb (gpointer data)
{
  PursuitTodayPage *self = data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double page = gtk_adjustment_get_page_size (adjustment);
  double below = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_value (adjustment) - page;

  self->load_id = 0;
  if (page > 0 && below < page)
    load_more (self, gtk_slice_list_model_get_size (self->loaded) + LOAD_BATCH);
  return G_SOURCE_REMOVE;
}

/* Not while the list is laid out: before its next frame. */
static void
queue_load (PursuitTodayPage *self)
{
  if (self->load_id == 0)
    self->load_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, load_cb, self, NULL);
}

/* The whole list again: on a new store, a new policy, a new filter and
 * a new day. */
static void
refill (PursuitTodayPage *self)
{
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *prospects;
  guint n;
  Days days;

  days_init (&days);
  if (self->store != NULL)
    {
      prospects = pursuit_store_get_prospects (self->store);
      n = g_list_model_get_n_items (prospects);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PursuitProspect) p = g_list_model_get_item (prospects, i);

          if (is_shown (self, p, &days))
            g_ptr_array_add (shown, g_steal_pointer (&p));
        }
    }
  g_ptr_array_sort_with_data (shown, compare_indirect, &days);
  g_list_store_splice (self->due, 0, g_list_model_get_n_items (G_LIST_MODEL (self->due)), shown->pdata, shown->len);
  update_shown (self);
  count (self);
}

/* Focus: the row of a follow-up that was done leaves the list, and the
 * one that takes its place (the next) takes the focus, so that the day
 * is worked through with the keyboard alone. */

static PursuitTodayRow *
focused_row (PursuitTodayPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *widget = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (widget == NULL || !gtk_widget_is_ancestor (widget, GTK_WIDGET (self->list_view)))
    return NULL;
  for (; widget != NULL && widget != GTK_WIDGET (self->list_view); widget = gtk_widget_get_parent (widget))
    {
      GtkWidget *child = gtk_widget_get_first_child (widget);

      if (PURSUIT_IS_TODAY_ROW (widget))
        return PURSUIT_TODAY_ROW (widget);
      if (child != NULL && PURSUIT_IS_TODAY_ROW (child))
        return PURSUIT_TODAY_ROW (child);
    }
  return NULL;
}

PursuitProspect *
pursuit_today_page_get_focused (PursuitTodayPage *self)
{
  PursuitTodayRow *row;

  g_return_val_if_fail (PURSUIT_IS_TODAY_PAGE (self), NULL);

  row = focused_row (self);
  return row != NULL ? pursuit_today_row_get_prospect (row) : NULL;
}

/* The row widget showing the item at @position, if the list made it. */
static GtkWidget *
row_at (PursuitTodayPage *self,
        guint             position)
{
  g_autoptr(PursuitProspect) p = g_list_model_get_item (G_LIST_MODEL (self->due), position);

  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (self->list_view)); p != NULL && item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);

      if (row != NULL && PURSUIT_IS_TODAY_ROW (row) && pursuit_today_row_get_prospect (PURSUIT_TODAY_ROW (row)) == p)
        return row;
    }
  return NULL;
}

/* The row may not exist before the list's next layout: tried again on
 * the following frames, a few times. */
static gboolean
focus_cb (gpointer data)
{
  PursuitTodayPage *self = data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->due));
  GtkWidget *row;

  if (n == 0)
    {
      self->focus_id = 0;
      return G_SOURCE_REMOVE;
    }
  row = row_at (self, MIN (self->focus_position, n - 1));
  /* A page that is not shown has no row to focus: not for long. */
  if ((row == NULL || !gtk_widget_get_mapped (row)) && ++self->focus_tries < 25)
    {
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                  MIN (self->focus_position, n - 1));
      return G_SOURCE_CONTINUE;
    }
  if (row != NULL && gtk_widget_get_mapped (row))
    gtk_widget_grab_focus (gtk_widget_get_parent (row));
  self->focus_id = 0;
  return G_SOURCE_REMOVE;
}

void
pursuit_today_page_focus_row (PursuitTodayPage *self,
                              guint             position)
{
  g_return_if_fail (PURSUIT_IS_TODAY_PAGE (self));

  self->focus_position = position;
  self->focus_tries = 0;
  load_more (self, position + LOAD_BATCH);
  g_clear_handle_id (&self->focus_id, g_source_remove);
  if (focus_cb (self) == G_SOURCE_CONTINUE)
    self->focus_id = g_timeout_add (20, focus_cb, self);
}

/* Keeping the list up to date, one prospect at a time. */

static gboolean
find (PursuitTodayPage *self,
      PursuitProspect  *p,
      guint            *position)
{
  return g_list_store_find (self->due, p, position);
}

/* Whether @p, at @position, is still where the order puts it. */
static gboolean
in_order (PursuitTodayPage *self,
          PursuitProspect  *p,
          guint             position,
          const Days       *days)
{
  GListModel *model = G_LIST_MODEL (self->due);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(PursuitProspect) before = position > 0 ? g_list_model_get_item (model, position - 1) : NULL;
  g_autoptr(PursuitProspect) after = position + 1 < n ? g_list_model_get_item (model, position + 1) : NULL;

  return (before == NULL || compare_prospects (before, p, (gpointer) days) < 0)
         && (after == NULL || compare_prospects (p, after, (gpointer) days) < 0);
}

static void
prospect_changed_cb (PursuitTodayPage *self,
                     PursuitProspect  *p)
{
  gboolean shown;
  Days days;
  gboolean focused = FALSE;
  guint position;

  days_init (&days);
  shown = is_shown (self, p, &days);
  queue_count (self);
  if (find (self, p, &position))
    {
      if (shown && in_order (self, p, position, &days))
        return;
      focused = pursuit_today_page_get_focused (self) == p;
      g_list_store_remove (self->due, position);
    }
  if (shown)
    g_list_store_insert_sorted (self->due, p, compare_prospects, &days);
  update_shown (self);
  /* The row that now stands where the done one stood is the next. */
  if (focused)
    pursuit_today_page_focus_row (self, position);
}

static void
prospect_removed_cb (PursuitTodayPage *self,
                     PursuitProspect  *p)
{
  guint position;
  gboolean focused;

  queue_count (self);
  if (!find (self, p, &position))
    return;
  focused = pursuit_today_page_get_focused (self) == p;
  g_list_store_remove (self->due, position);
  update_shown (self);
  if (focused)
    pursuit_today_page_focus_row (self, position);
}

/* A new day (the application's one clock says so): what was tomorrow's
 * is due. */
static void
day_changed_cb (PursuitTodayPage *self)
{
  refill (self);
}

/* The actions. Each ends with a toast whose Undo (also Ctrl+Z) takes it
 * back, and with the focus on the next row. */

static void
add_undo_toast (PursuitTodayPage *self,
                const char       *title,
                guint             undo_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root != NULL && PURSUIT_IS_WINDOW (root))
    pursuit_window_add_undo_toast (PURSUIT_WINDOW (root), title, undo_id);
}

static PursuitProspect *
prospect_for (PursuitTodayPage *self,
              GVariant         *param)
{
  if (self->store == NULL)
    return NULL;
  return pursuit_store_find (self->store, g_variant_get_int64 (param));
}

/* After an action that left the row in the list (a callback later
 * today), the focus moves on to the row after it. */
static void
focus_after (PursuitTodayPage *self,
             PursuitProspect  *p)
{
  guint position;

  if (find (self, p, &position) && pursuit_today_page_get_focused (self) == p)
    pursuit_today_page_focus_row (self, position + 1);
}

typedef struct
{
  PursuitTodayPage *self;
  PursuitProspect  *prospect;
} Outreach;

static void
outreach_done (gpointer    data,
               guint       undo_id,
               const char *title)
{
  Outreach *outreach = data;

  if (undo_id != 0 && title != NULL)
    {
      add_undo_toast (outreach->self, title, undo_id);
      focus_after (outreach->self, outreach->prospect);
    }
  g_object_unref (outreach->self);
  g_object_unref (outreach->prospect);
  g_free (outreach);
}

static Outreach *
outreach_new (PursuitTodayPage *self,
              PursuitProspect  *p)
{
  Outreach *outreach = g_new0 (Outreach, 1);

  outreach->self = g_object_ref (self);
  outreach->prospect = g_object_ref (p);
  return outreach;
}

/* The templates live in the application's settings; a page made
 * without them (a test's window) reads them itself. */
static GSettings *
get_settings (PursuitTodayPage *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (self->settings == NULL && source != NULL
      && (schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE)) != NULL)
    self->settings = g_settings_new (APPLICATION_ID);
  if (self->settings == NULL)
    pursuit_widget_show_error (GTK_WIDGET (self), _("Could Not Write the Email"),
                               _("The email templates are not installed. Reinstall Pursuit."));
  return self->settings;
}

static void
email_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  PursuitTodayPage *self = PURSUIT_TODAY_PAGE (widget);
  PursuitProspect *p = prospect_for (self, param);
  GSettings *settings;

  if (p == NULL || (settings = get_settings (self)) == NULL)
    return;
  if (g_str_equal (action_name, "today.close-loop"))
    pursuit_outreach_close_loop (widget, self->store, settings, p, outreach_done, outreach_new (self, p));
  else
    pursuit_outreach_email (widget, self->store, settings, p, outreach_done, outreach_new (self, p));
}

static void
call_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  PursuitTodayPage *self = PURSUIT_TODAY_PAGE (widget);
  PursuitProspect *p = prospect_for (self, param);

  if (p != NULL)
    pursuit_outreach_call (widget, self->store, p, outreach_done, outreach_new (self, p));
}

/* N: the planned call (or email) went unanswered, logged at once as an
 * outbound attempt; the window puts its undo on the stack as it does for
 * every logged touch. */
static void
no_answer_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  PursuitTodayPage *self = PURSUIT_TODAY_PAGE (widget);
  PursuitProspect *p = prospect_for (self, param);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(PursuitTouch) touch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  PursuitUndoStack *stack;
  guint before;
  guint undo_id;

  if (p == NULL)
    return;
  g_object_ref (p);
  stack = pursuit_store_get_undo_stack (self->store);
  before = pursuit_undo_stack_get_newest_id (stack);
  touch = pursuit_touch_new (pursuit_prospect_get_id (p), now, pursuit_prospect_get_next_channel (p),
                             PURSUIT_DIRECTION_OUT, PURSUIT_OUTCOME_NO_ANSWER);
  if (!pursuit_store_record_touch (self->store, touch, &error))
    {
      pursuit_widget_show_error (widget, _("Could Not Log the Touch"), error->message);
      g_object_unref (p);
      return;
    }
  undo_id = pursuit_undo_stack_get_newest_id (stack);
  /* Translators: a toast; %s is a prospect's name. */
  title = g_strdup_printf (_("No answer from %s"), pursuit_prospect_get_name (p));
  add_undo_toast (self, title, undo_id != before ? undo_id : 0);
  focus_after (self, p);
  g_object_unref (p);
}

/* The undo of a snooze: the plan as it was. @store is not a reference
 * (the store owns the undo stack). */
typedef struct
{
  PursuitStore    *store;
  PursuitProspect *prospect;
  PursuitProspect *before;
} SnoozeUndo;

static void
snooze_undo_free (gpointer data)
{
  SnoozeUndo *undo = data;

  g_clear_object (&undo->prospect);
  g_clear_object (&undo->before);
  g_free (undo);
}

static gboolean
run_snooze_undo (gpointer   data,
                 GError   **error)
{
  SnoozeUndo *undo = data;

  return pursuit_store_update (undo->store, undo->prospect, undo->before, error);
}

static void
snooze_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  PursuitTodayPage *self = PURSUIT_TODAY_PAGE (widget);
  PursuitProspect *p = prospect_for (self, param);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(PursuitProspect) before = NULL;
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *day = NULL;
  g_autofree char *title = NULL;
  SnoozeUndo *undo;
  guint undo_id;

  if (p == NULL)
    return;
  g_object_ref (p);
  before = pursuit_prospect_dup (p);
  if (!pursuit_store_snooze (self->store, p, now, &error))
    {
      pursuit_widget_show_error (widget, _("Could Not Snooze"), error->message);
      g_object_unref (p);
      return;
    }
  next = g_date_time_to_local (pursuit_prospect_get_next_touch (p));
  /* Translators: the day a follow-up was snoozed to; see g_date_time_format(). */
  day = g_date_time_format (next, _("%A %-d %B"));
  /* Translators: a toast; a prospect's name and a day ("Monday 7 December"). */
  title = g_strdup_printf (_("Snoozed %s until %s"), pursuit_prospect_get_name (p), day);
  undo = g_new0 (SnoozeUndo, 1);
  undo->store = self->store;
  undo->prospect = g_object_ref (p);
  undo->before = g_steal_pointer (&before);
  undo_id = pursuit_undo_stack_push (pursuit_store_get_undo_stack (self->store), title, run_snooze_undo, undo,
                                     snooze_undo_free);
  add_undo_toast (self, title, undo_id);
  focus_after (self, p);
  g_object_unref (p);
}

/* L and Enter: the window's dialogs (the touch dialog logs through the
 * store, and the window puts the touch's undo on the stack). */
static void
window_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  if (g_str_equal (action_name, "today.log"))
    gtk_widget_activate_action_variant (widget, "win.log-touch", param);
  else
    gtk_widget_activate_action_variant (widget, "win.open-prospect", param);
}

static void
row_activated_cb (PursuitTodayPage *self,
                  guint             position)
{
  g_autoptr(PursuitProspect) p = g_list_model_get_item (G_LIST_MODEL (self->due), position);

  if (p != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "today.open", "x", pursuit_prospect_get_id (p));
}

/* The keys of the focused row. */
static gboolean
key_pressed_cb (PursuitTodayPage      *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  static const struct { guint key; const char *action; } keys[] = {
    { GDK_KEY_e, "today.email" },     { GDK_KEY_c, "today.call" },   { GDK_KEY_n, "today.no-answer" },
    { GDK_KEY_l, "today.log" },       { GDK_KEY_s, "today.snooze" },
  };
  PursuitProspect *p;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_SHIFT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;
  p = pursuit_today_page_get_focused (self);
  if (p == NULL)
    return GDK_EVENT_PROPAGATE;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (gdk_keyval_to_lower (keyval) == keys[i].key)
      {
        const char *action = keys[i].action;

        /* E on a row at the end of its streak sends the closing-the-loop
         * email, as its button does. */
        if (keys[i].key == GDK_KEY_e && pursuit_outreach_is_closing (self->store, p))
          action = "today.close-loop";
        gtk_widget_activate_action (GTK_WIDGET (self), action, "x", pursuit_prospect_get_id (p));
        return GDK_EVENT_STOP;
      }
  return GDK_EVENT_PROPAGATE;
}

/* The tag filter. */

void
pursuit_today_page_set_tag (PursuitTodayPage *self,
                            const char       *tag)
{
  g_autofree char *normalized = NULL;

  g_return_if_fail (PURSUIT_IS_TODAY_PAGE (self));

  normalized = pursuit_prospect_normalize_tags (tag);
  g_clear_pointer (&self->tag, g_free);
  if (normalized[0] != '\0')
    self->tag = g_steal_pointer (&normalized);
  /* Setting the text empties the entry first, which the entry reports at
   * once: not a filter of its own. */
  self->setting_tag = TRUE;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->tag_entry)), tag != NULL ? tag : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), tag != NULL ? tag : "");
  self->setting_tag = FALSE;
  refill (self);
}

static void
tag_changed_cb (PursuitTodayPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->tag_entry));
  g_autofree char *normalized = pursuit_prospect_normalize_tags (text);

  if (!self->setting_tag && g_strcmp0 (normalized[0] != '\0' ? normalized : NULL, self->tag) != 0)
    pursuit_today_page_set_tag (self, text);
}

/* The rows, recycled. */

static void
setup_cb (PursuitTodayPage         *self,
          GtkListItem              *item,
          GtkSignalListItemFactory *factory)
{
  PursuitTodayRow *row = pursuit_today_row_new ();

  gtk_list_item_set_child (item, GTK_WIDGET (row));
}

static void
bind_cb (PursuitTodayPage         *self,
         GtkListItem              *item,
         GtkSignalListItemFactory *factory)
{
  pursuit_today_row_set_prospect (PURSUIT_TODAY_ROW (gtk_list_item_get_child (item)), self->store,
                                  gtk_list_item_get_item (item));
}

static void
unbind_cb (PursuitTodayPage         *self,
           GtkListItem              *item,
           GtkSignalListItemFactory *factory)
{
  pursuit_today_row_set_prospect (PURSUIT_TODAY_ROW (gtk_list_item_get_child (item)), NULL, NULL);
}

/* Public API. */

void
pursuit_today_page_set_store (PursuitTodayPage *self,
                              PursuitStore     *store)
{
  g_return_if_fail (PURSUIT_IS_TODAY_PAGE (self));
  g_return_if_fail (store == NULL || PURSUIT_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      g_signal_connect_object (store, "prospect-added", G_CALLBACK (prospect_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "prospect-changed", G_CALLBACK (prospect_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "prospect-removed", G_CALLBACK (prospect_removed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "policy-changed", G_CALLBACK (refill), self, G_CONNECT_SWAPPED);
    }
  refill (self);
}

void
pursuit_today_page_set_settings (PursuitTodayPage *self,
                                 GSettings        *settings)
{
  g_return_if_fail (PURSUIT_IS_TODAY_PAGE (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  g_set_object (&self->settings, settings);
}

guint
pursuit_today_page_get_n_due (PursuitTodayPage *self)
{
  g_return_val_if_fail (PURSUIT_IS_TODAY_PAGE (self), 0);

  if (self->count_id != 0)
    {
      g_clear_handle_id (&self->count_id, g_source_remove);
      count (self);
    }
  return self->n_due;
}

guint
pursuit_today_page_get_n_shown (PursuitTodayPage *self)
{
  g_return_val_if_fail (PURSUIT_IS_TODAY_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->due));
}

guint
pursuit_today_page_get_n_tomorrow (PursuitTodayPage *self)
{
  g_return_val_if_fail (PURSUIT_IS_TODAY_PAGE (self), 0);

  pursuit_today_page_get_n_due (self);
  return self->n_tomorrow;
}

PursuitProspect *
pursuit_today_page_get_prospect (PursuitTodayPage *self,
                                 guint             position)
{
  g_autoptr(PursuitProspect) p = NULL;

  g_return_val_if_fail (PURSUIT_IS_TODAY_PAGE (self), NULL);

  /* The list store keeps a reference. */
  p = g_list_model_get_item (G_LIST_MODEL (self->due), position);
  return p;
}

/* GObject. */

static void
pursuit_today_page_map (GtkWidget *widget)
{
  PursuitTodayPage *self = PURSUIT_TODAY_PAGE (widget);
  GtkRoot *root;
  GtkWidget *focus;

  GTK_WIDGET_CLASS (pursuit_today_page_parent_class)->map (widget);

  /* Keyboard first: shown, the page is ready for E, C, N, L, S. */
  root = gtk_widget_get_root (widget);
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, widget))
    pursuit_today_page_focus_row (self, 0);
}

static void
pursuit_today_page_dispose (GObject *object)
{
  PursuitTodayPage *self = PURSUIT_TODAY_PAGE (object);
  GtkWidget *child;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_handle_id (&self->count_id, g_source_remove);
  g_clear_handle_id (&self->focus_id, g_source_remove);
  g_clear_handle_id (&self->load_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), PURSUIT_TYPE_TODAY_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->loaded);
  g_clear_object (&self->due);
  g_clear_pointer (&self->tag, g_free);

  G_OBJECT_CLASS (pursuit_today_page_parent_class)->dispose (object);
}

static void
pursuit_today_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PursuitTodayPage *self = PURSUIT_TODAY_PAGE (object);

  switch (prop_id)
    {
    case PROP_N_DUE:
      g_value_set_uint (value, self->n_due);
      break;
    case PROP_N_SHOWN:
      g_value_set_uint (value, pursuit_today_page_get_n_shown (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pursuit_today_page_class_init (PursuitTodayPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const char *prospect_actions[] = { "today.log", "today.open" };

  object_class->dispose = pursuit_today_page_dispose;
  object_class->get_property = pursuit_today_page_get_property;
  widget_class->map = pursuit_today_page_map;

  /* The badge of the page: every follow-up due, whatever the filter. */
  properties[PROP_N_DUE] = g_param_spec_uint ("n-due", NULL, NULL, 0, G_MAXUINT, 0,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_SHOWN] = g_param_spec_uint ("n-shown", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pursuit/Pursuit/ui/pursuit-today-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PursuitTodayPage, heading_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitTodayPage, tag_entry);
  gtk_widget_class_bind_template_child (widget_class, PursuitTodayPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PursuitTodayPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, PursuitTodayPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, PursuitTodayPage, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, tag_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "today.email", "x", email_action);
  gtk_widget_class_install_action (widget_class, "today.close-loop", "x", email_action);
  gtk_widget_class_install_action (widget_class, "today.call", "x", call_action);
  gtk_widget_class_install_action (widget_class, "today.no-answer", "x", no_answer_action);
  gtk_widget_class_install_action (widget_class, "today.snooze", "x", snooze_action);
  for (guint i = 0; i < G_N_ELEMENTS (prospect_actions); i++)
    gtk_widget_class_install_action (widget_class, prospect_actions[i], "x", window_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "todaypage");
}

static void
pursuit_today_page_init (PursuitTodayPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkAdjustment *adjustment;

  self->due = g_list_store_new (PURSUIT_TYPE_PROSPECT);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_factory (self->list_view, factory);
  self->loaded = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->due)), 0, LOAD_BATCH);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->loaded)));
  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (queue_load), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (queue_load), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);

  update_shown (self);
  g_signal_connect_object (pursuit_day_watcher_get_default (), "day-changed", G_CALLBACK (day_changed_cb), self,
                           G_CONNECT_SWAPPED);
}
