/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-calendar-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "pursuit-agenda-row.h"
#include "pursuit-calendar-view.h"
#include "pursuit-day-watcher.h"
#include "pursuit-ics.h"
#include "pursuit-schedule.h"
#include "pursuit-widget.h"

/* What an undo puts back: the next touch each prospect had before, as
 * long as it still has the one we gave it. */
typedef struct
{
  GPtrArray *prospects;
  GPtrArray *old_times;
  GPtrArray *new_times;
  GArray    *old_manual;
} Undo;

static void
undo_free (Undo *undo)
{
  g_ptr_array_unref (undo->prospects);
  g_ptr_array_unref (undo->old_times);
  g_ptr_array_unref (undo->new_times);
  g_array_unref (undo->old_manual);
  g_free (undo);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Undo, undo_free)

struct _PursuitCalendarView
{
  GtkWidget             parent_instance;

  PursuitStore         *store;
  /* What of the store's changes the agenda and the grid show. */
  GSignalGroup         *store_signals;
  GListStore           *agenda;
  guint                 n_overdue;
  guint                 refresh_id;
  gboolean              dirty;          /* the store changed while hidden */
  Undo                 *undo;
  AdwToast             *undo_toast;
  GtkFileChooserNative *chooser;

  AdwLeaflet           *leaflet;
  PursuitMonthGrid     *grid;
  GtkLabel             *day_label;
  GtkLabel             *summary_label;
  GtkButton            *spread_button;
  GtkStack             *agenda_stack;
  GtkListView          *agenda_list;
};

G_DEFINE_FINAL_TYPE (PursuitCalendarView, pursuit_calendar_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  ACTIVATE_PROSPECT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GDateTime *
day_start (const GDate *date,
           int          offset)
{
  GDate day = *date;

  if (offset > 0)
    g_date_add_days (&day, offset);
  return g_date_time_new_local (g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day), 0, 0, 0);
}

static void
get_today (GDate *today)
{
  pursuit_day_watcher_get_today (pursuit_day_watcher_get_default (), today);
}

static char *
dup_day_title (const GDate *date)
{
  GDate today;
  char text[128];
  int days;

  get_today (&today);
  days = g_date_days_between (&today, date);
  if (days == 0)
    return g_strdup (_("Today"));
  if (days == 1)
    return g_strdup (_("Tomorrow"));
  if (days == -1)
    return g_strdup (_("Yesterday"));
  g_date_strftime (text, sizeof text, g_date_get_year (date) == g_date_get_year (&today) ? _("%A, %-d %B")
                                                                                        : _("%A, %-d %B %Y"),
                   date);
  return g_strdup (text);
}

/* Appends the touches due from @from up to @to (NULL: from the first). */
static gboolean
append_scheduled (PursuitCalendarView  *self,
                  GPtrArray            *items,
                  GDateTime            *from,
                  GDateTime            *to,
                  GError              **error)
{
  g_autoptr(GListModel) found = pursuit_store_list_scheduled (self->store, from, to, error);

  if (found == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (found); i++)
    g_ptr_array_add (items, g_list_model_get_item (found, i));
  return TRUE;
}

/* A day lists its own touches; today lists the overdue ones (due before
 * today) first. */
static GPtrArray *
load_agenda (PursuitCalendarView  *self,
             const GDate          *selected,
             guint                *n_overdue,
             GError              **error)
{
  g_autoptr(GDateTime) from = day_start (selected, 0);
  g_autoptr(GDateTime) to = day_start (selected, 1);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GDate today;

  get_today (&today);
  if (g_date_compare (selected, &today) == 0 && !append_scheduled (self, items, NULL, from, error))
    return NULL;
  *n_overdue = items->len;
  if (!append_scheduled (self, items, from, to, error))
    return NULL;
  return g_steal_pointer (&items);
}

static gboolean
agenda_equals (PursuitCalendarView *self,
               GPtrArray           *items)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->agenda));

  if (n != items->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->agenda), i);

      if (item != g_ptr_array_index (items, i))
        return FALSE;
    }
  return TRUE;
}

/* "4 touches", "4 touches, 3 overdue", "30 touches, 5 over the limit of
 * 25": the first number is always every row of the agenda. */
static char *
dup_summary (guint n_overdue,
             guint n_day,
             guint limit)
{
  guint total = n_overdue + n_day;
  GString *text;

  if (total == 0)
    return g_strdup (_("Nothing scheduled"));
  text = g_string_new (NULL);
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u touch", "%u touches", total), total);
  if (n_overdue > 0)
    /* Translators: follows "4 touches" */
    g_string_append_printf (text, _(", %u overdue"), n_overdue);
  if (limit > 0 && n_day > limit)
    /* Translators: follows "30 touches"; the day's own touches against
     * the daily maximum */
    g_string_append_printf (text, _(", %u over the limit of %u"), n_day - limit, limit);
  return g_string_free (text, FALSE);
}

static void
update_header (PursuitCalendarView *self,
               const GDate         *selected,
               guint                n_overdue,
               guint                n_day)
{
  g_autofree char *title = dup_day_title (selected);
  g_autofree char *summary = NULL;
  guint limit = self->store != NULL ? pursuit_store_get_policy (self->store)->max_per_day : 0;
  gboolean overloaded = limit > 0 && n_day > limit;

  summary = dup_summary (n_overdue, n_day, limit);
  gtk_label_set_text (self->day_label, title);
  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->spread_button), overloaded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.spread", overloaded);
}

static void
refresh_agenda (PursuitCalendarView *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  guint n_overdue = 0;
  GDate selected;

  pursuit_month_grid_get_selected (self->grid, &selected);
  if (self->store != NULL)
    {
      items = load_agenda (self, &selected, &n_overdue, &error);
      if (items == NULL)
        g_warning ("Could not read the agenda: %s", error->message);
    }
  if (items == NULL)
    {
      items = g_ptr_array_new_with_free_func (g_object_unref);
      n_overdue = 0;
    }
  update_header (self, &selected, n_overdue, items->len - n_overdue);

  /* The headings count their rows: rebind them when the split moves. */
  if (n_overdue != self->n_overdue || !agenda_equals (self, items))
    {
      self->n_overdue = n_overdue;
      g_list_store_splice (self->agenda, 0, g_list_model_get_n_items (G_LIST_MODEL (self->agenda)), items->pdata,
                           items->len);
    }
  gtk_stack_set_visible_child_name (self->agenda_stack, items->len > 0 ? "list" : "empty");
}

void
pursuit_calendar_view_refresh (PursuitCalendarView *self)
{
  g_return_if_fail (PURSUIT_IS_CALENDAR_VIEW (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->dirty = FALSE;
  pursuit_month_grid_refresh (self->grid);
  refresh_agenda (self);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  PursuitCalendarView *self = data;

  self->refresh_id = 0;
  pursuit_calendar_view_refresh (self);
  return G_SOURCE_REMOVE;
}

/* Many changes arrive at once (an import, a spread): read once after.
 * While the view is hidden (the board shows at start-up), nothing is read
 * until it is shown. */
static void
queue_refresh (PursuitCalendarView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  /* Before the next frame: GTK lays out and paints at a lower priority. */
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT, refresh_idle_cb, self, NULL);
}

/* Today's mark, the overdue counts and the agenda's sections move on
 * with the day (the application's one clock says when). */
static void
day_changed_cb (PursuitCalendarView *self)
{
  queue_refresh (self);
}

/* Undo and the toast that offers it. */

static void
undo_clicked_cb (PursuitCalendarView *self)
{
  pursuit_calendar_view_undo (self);
}

static void
offer_undo (PursuitCalendarView *self,
            Undo                *undo,
            const char          *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast;

  g_clear_pointer (&self->undo, undo_free);
  self->undo = undo;
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  g_clear_object (&self->undo_toast);
  if (overlay == NULL)
    return;

  /* Toast titles are markup in libadwaita 1.2; names are the user's text. */
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, G_CONNECT_SWAPPED);
  self->undo_toast = g_object_ref (toast);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static Undo *
undo_new (GPtrArray *prospects,
          GPtrArray *drafts)
{
  Undo *undo = g_new0 (Undo, 1);

  undo->prospects = g_ptr_array_new_with_free_func (g_object_unref);
  undo->old_times = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  undo->new_times = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  undo->old_manual = g_array_new (FALSE, FALSE, sizeof (gboolean));
  for (guint i = 0; i < prospects->len; i++)
    {
      PursuitProspect *prospect = g_ptr_array_index (prospects, i);
      gboolean manual = pursuit_prospect_get_next_touch_manual (prospect);

      g_ptr_array_add (undo->prospects, g_object_ref (prospect));
      g_ptr_array_add (undo->old_times, g_date_time_ref (pursuit_prospect_get_next_touch (prospect)));
      g_ptr_array_add (undo->new_times,
                       g_date_time_ref (pursuit_prospect_get_next_touch (g_ptr_array_index (drafts, i))));
      g_array_append_val (undo->old_manual, manual);
    }
  return undo;
}

gboolean
pursuit_calendar_view_undo (PursuitCalendarView *self)
{
  g_autoptr(GPtrArray) prospects = g_ptr_array_new ();
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(Undo) undo = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PURSUIT_IS_CALENDAR_VIEW (self), FALSE);

  undo = g_steal_pointer (&self->undo);
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  g_clear_object (&self->undo_toast);
  if (undo == NULL || self->store == NULL)
    return FALSE;

  for (guint i = 0; i < undo->prospects->len; i++)
    {
      PursuitProspect *prospect = g_ptr_array_index (undo->prospects, i);
      GDateTime *next = pursuit_prospect_get_next_touch (prospect);
      PursuitProspect *draft;

      /* Deleted, or moved again since: that later change stands. */
      if (pursuit_store_find (self->store, pursuit_prospect_get_id (prospect)) != prospect || next == NULL
          || !g_date_time_equal (next, g_ptr_array_index (undo->new_times, i)))
        continue;
      draft = pursuit_prospect_dup (prospect);
      pursuit_prospect_set_next_touch (draft, g_ptr_array_index (undo->old_times, i));
      pursuit_prospect_set_next_touch_manual (draft, g_array_index (undo->old_manual, gboolean, i));
      g_ptr_array_add (prospects, prospect);
      g_ptr_array_add (drafts, draft);
    }
  if (!pursuit_store_update_many (self->store, prospects, drafts, &error))
    {
      g_warning ("Could not undo: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
apply_moves (PursuitCalendarView  *self,
             GPtrArray            *prospects,
             GPtrArray            *drafts,
             const char           *title,
             GError              **error)
{
  g_autoptr(Undo) undo = undo_new (prospects, drafts);

  if (!pursuit_store_update_many (self->store, prospects, drafts, error))
    return FALSE;
  offer_undo (self, g_steal_pointer (&undo), title);
  return TRUE;
}

gboolean
pursuit_calendar_view_reschedule (PursuitCalendarView  *self,
                                  PursuitProspect      *prospect,
                                  const GDate          *date,
                                  GError              **error)
{
  g_autoptr(GPtrArray) prospects = g_ptr_array_new ();
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) moved = NULL;
  g_autofree char *title = NULL;
  char day[128];
  PursuitProspect *draft;
  GDateTime *next;
  GDate today;

  g_return_val_if_fail (PURSUIT_IS_CALENDAR_VIEW (self), FALSE);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  get_today (&today);
  if (g_date_compare (date, &today) < 0)
    {
      g_date_strftime (day, sizeof day, _("%A, %-d %B %Y"), date);
      g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                   _("%s is in the past. Choose today or a day to come for the next touch of “%s”."), day,
                   pursuit_prospect_get_name (prospect));
      return FALSE;
    }
  next = pursuit_prospect_get_next_touch (prospect);
  if (next == NULL)
    return TRUE;
  local = g_date_time_to_local (next);
  moved = pursuit_schedule_move_to_date (local, date);
  if (g_date_time_equal (moved, next))
    return TRUE;

  draft = pursuit_prospect_dup (prospect);
  pursuit_prospect_set_next_touch (draft, moved);
  pursuit_prospect_set_next_touch_manual (draft, TRUE);
  g_ptr_array_add (prospects, prospect);
  g_ptr_array_add (drafts, draft);

  g_date_strftime (day, sizeof day, _("%A, %-d %B"), date);
  /* TRANSLATORS: a prospect's name and a day */
  title = g_strdup_printf (_("%s moved to %s"), pursuit_prospect_get_name (prospect), day);
  return apply_moves (self, prospects, drafts, title, error);
}

gboolean
pursuit_calendar_view_spread (PursuitCalendarView  *self,
                              GError              **error)
{
  g_autoptr(GPtrArray) prospects = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autofree char *title = NULL;
  GDate selected;

  g_return_val_if_fail (PURSUIT_IS_CALENDAR_VIEW (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  pursuit_month_grid_get_selected (self->grid, &selected);
  if (!pursuit_store_plan_spread (self->store, &selected, pursuit_store_get_policy (self->store)->max_per_day,
                                  &prospects, &drafts, error))
    return FALSE;
  if (prospects->len == 0)
    return TRUE;
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u touch moved to the next days with room",
                                        "%u touches moved to the next days with room", prospects->len),
                           prospects->len);
  return apply_moves (self, prospects, drafts, title, error);
}

static void
spread_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  PursuitCalendarView *self = PURSUIT_CALENDAR_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && !pursuit_calendar_view_spread (self, &error))
    pursuit_widget_show_error (GTK_WIDGET (self), _("Could Not Spread the Day"), error->message);
}

static void
reschedule_or_report (PursuitCalendarView *self,
                      PursuitProspect     *prospect,
                      const GDate         *date)
{
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && !pursuit_calendar_view_reschedule (self, prospect, date, &error))
    pursuit_widget_show_error (GTK_WIDGET (self), _("Could Not Reschedule"), error->message);
}

static void
prospect_dropped_cb (PursuitCalendarView *self,
                     PursuitProspect     *prospect,
                     const GDate         *date)
{
  reschedule_or_report (self, prospect, date);
}

static void
row_reschedule_cb (PursuitAgendaRow    *row,
                   const GDate         *date,
                   PursuitCalendarView *self)
{
  PursuitProspect *prospect = pursuit_agenda_row_get_prospect (row);

  if (prospect != NULL)
    reschedule_or_report (self, prospect, date);
}

static void
row_open_cb (PursuitAgendaRow    *row,
             PursuitCalendarView *self)
{
  PursuitProspect *prospect = pursuit_agenda_row_get_prospect (row);

  if (prospect != NULL)
    g_signal_emit (self, signals[ACTIVATE_PROSPECT], 0, prospect);
}

static void
agenda_activate_cb (PursuitCalendarView *self,
                    guint                position)
{
  g_autoptr(PursuitProspect) prospect = g_list_model_get_item (G_LIST_MODEL (self->agenda), position);

  if (prospect != NULL)
    g_signal_emit (self, signals[ACTIVATE_PROSPECT], 0, prospect);
}

/* Too narrow for both, a day picked in the month shows its agenda. */
static void
selected_changed_cb (PursuitCalendarView *self)
{
  refresh_agenda (self);
  if (self->leaflet != NULL)
    adw_leaflet_set_visible_child_name (self->leaflet, "agenda");
}

static void
show_month_cb (PursuitCalendarView *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "month");
}

/* The agenda's rows: recycled, each told whether it opens a section. */

/* "Overdue · 3 touches" */
static char *
dup_heading (const char *title,
             guint       n)
{
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u touch", "%u touches", n), n);

  /* Translators: a section of the agenda and how many touches it lists */
  return g_strdup_printf (_("%s · %s"), title, count);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              PursuitCalendarView      *self)
{
  PursuitAgendaRow *row = pursuit_agenda_row_new ();

  g_signal_connect_object (row, "open", G_CALLBACK (row_open_cb), self, 0);
  g_signal_connect_object (row, "reschedule", G_CALLBACK (row_reschedule_cb), self, 0);
  gtk_list_item_set_child (item, GTK_WIDGET (row));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             PursuitCalendarView      *self)
{
  PursuitAgendaRow *row = PURSUIT_AGENDA_ROW (gtk_list_item_get_child (item));
  guint position = gtk_list_item_get_position (item);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->agenda));
  g_autofree char *heading = NULL;
  GDate selected;

  /* Sections only when today has overdue touches above its own. */
  if (self->n_overdue > 0 && position == 0)
    heading = dup_heading (_("Overdue"), self->n_overdue);
  else if (self->n_overdue > 0 && position == self->n_overdue)
    {
      g_autofree char *title = NULL;

      pursuit_month_grid_get_selected (self->grid, &selected);
      title = dup_day_title (&selected);
      heading = dup_heading (title, n_items - self->n_overdue);
    }
  pursuit_agenda_row_set_heading (row, heading);
  pursuit_agenda_row_set_prospect (row, gtk_list_item_get_item (item),
                                   self->store != NULL ? pursuit_store_get_policy (self->store) : NULL,
                                   position < self->n_overdue);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               PursuitCalendarView      *self)
{
  pursuit_agenda_row_set_prospect (PURSUIT_AGENDA_ROW (gtk_list_item_get_child (item)), NULL, NULL, FALSE);
}

/* Export */

gboolean
pursuit_calendar_view_export_ics_to (PursuitCalendarView  *self,
                                     GFile                *file,
                                     GError              **error)
{
  g_return_val_if_fail (PURSUIT_IS_CALENDAR_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  return pursuit_ics_export (self->store, file, error);
}

static void
chooser_response_cb (PursuitCalendarView  *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  if (!pursuit_calendar_view_export_ics_to (self, file, &error))
    {
      pursuit_widget_show_error (GTK_WIDGET (self), _("Could Not Export the Calendar"), error->message);
      return;
    }
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (_("Calendar exported")));
}

void
pursuit_calendar_view_export_ics (PursuitCalendarView *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root;

  g_return_if_fail (PURSUIT_IS_CALENDAR_VIEW (self));

  if (self->chooser != NULL || self->store == NULL)
    return;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  gtk_file_filter_set_name (filter, _("iCalendar Files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_suffix (filter, "ics");

  self->chooser = gtk_file_chooser_native_new (_("Export Calendar"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("follow-ups.ics"));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Object */

void
pursuit_calendar_view_set_store (PursuitCalendarView *self,
                                 PursuitStore        *store)
{
  g_return_if_fail (PURSUIT_IS_CALENDAR_VIEW (self));
  g_return_if_fail (store == NULL || PURSUIT_IS_STORE (store));

  if (self->store == store)
    return;
  g_clear_pointer (&self->undo, undo_free);
  g_set_object (&self->store, store);
  g_signal_group_set_target (self->store_signals, store);
  /* The grid follows through its binding in the template. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  queue_refresh (self);
}

PursuitStore *
pursuit_calendar_view_get_store (PursuitCalendarView *self)
{
  g_return_val_if_fail (PURSUIT_IS_CALENDAR_VIEW (self), NULL);

  return self->store;
}

PursuitMonthGrid *
pursuit_calendar_view_get_grid (PursuitCalendarView *self)
{
  g_return_val_if_fail (PURSUIT_IS_CALENDAR_VIEW (self), NULL);

  return self->grid;
}

GListModel *
pursuit_calendar_view_get_agenda (PursuitCalendarView *self)
{
  g_return_val_if_fail (PURSUIT_IS_CALENDAR_VIEW (self), NULL);

  return G_LIST_MODEL (self->agenda);
}

guint
pursuit_calendar_view_get_n_overdue (PursuitCalendarView *self)
{
  g_return_val_if_fail (PURSUIT_IS_CALENDAR_VIEW (self), 0);

  return self->n_overdue;
}

const char *
pursuit_calendar_view_get_summary (PursuitCalendarView *self)
{
  g_return_val_if_fail (PURSUIT_IS_CALENDAR_VIEW (self), NULL);

  return gtk_label_get_text (self->summary_label);
}

GtkListView *
pursuit_calendar_view_get_agenda_view (PursuitCalendarView *self)
{
  g_return_val_if_fail (PURSUIT_IS_CALENDAR_VIEW (self), NULL);

  return self->agenda_list;
}

static PursuitCalendarView *
find_calendar (GtkWidget *widget)
{
  if (PURSUIT_IS_CALENDAR_VIEW (widget))
    return PURSUIT_CALENDAR_VIEW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      PursuitCalendarView *found = find_calendar (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* "YYYY-MM-DD", else today. */
static void
parse_day (const char *text,
           GDate      *date)
{
  unsigned year = 0, month = 0, day = 0;

  get_today (date);
  if (text != NULL && sscanf (text, "%4u-%2u-%2u", &year, &month, &day) == 3
      && g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

gboolean
pursuit_calendar_view_show_day_in (GtkWidget  *root,
                                   const char *day)
{
  PursuitCalendarView *self;
  GtkWidget *page;
  GtkWidget *parent;
  GDate date;

  g_return_val_if_fail (GTK_IS_WIDGET (root), FALSE);

  self = find_calendar (root);
  if (self == NULL)
    return FALSE;
  parse_day (day, &date);
  pursuit_month_grid_select (self->grid, &date);
  /* The view stack's page that holds the calendar. */
  for (page = GTK_WIDGET (self); (parent = gtk_widget_get_parent (page)) != NULL; page = parent)
    if (ADW_IS_VIEW_STACK (parent))
      {
        adw_view_stack_set_visible_child (ADW_VIEW_STACK (parent), page);
        break;
      }
  refresh_agenda (self);
  return TRUE;
}

static void
pursuit_calendar_view_map (GtkWidget *widget)
{
  PursuitCalendarView *self = PURSUIT_CALENDAR_VIEW (widget);

  GTK_WIDGET_CLASS (pursuit_calendar_view_parent_class)->map (widget);
  if (self->dirty)
    pursuit_calendar_view_refresh (self);
}

static void
pursuit_calendar_view_dispose (GObject *object)
{
  PursuitCalendarView *self = PURSUIT_CALENDAR_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  g_clear_object (&self->undo_toast);
  g_clear_pointer (&self->undo, undo_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PURSUIT_TYPE_CALENDAR_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pursuit_calendar_view_parent_class)->dispose (object);
}

static void
pursuit_calendar_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PursuitCalendarView *self = PURSUIT_CALENDAR_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pursuit_calendar_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PursuitCalendarView *self = PURSUIT_CALENDAR_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pursuit_calendar_view_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pursuit_calendar_view_class_init (PursuitCalendarViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pursuit_calendar_view_dispose;
  object_class->get_property = pursuit_calendar_view_get_property;
  object_class->set_property = pursuit_calendar_view_set_property;

  /**
   * PursuitCalendarView:store:
   *
   * The store whose scheduled touches the calendar shows; the month
   * grid of the template binds to it.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PURSUIT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  widget_class->map = pursuit_calendar_view_map;

  /**
   * PursuitCalendarView::activate-prospect:
   * @prospect: the prospect to open
   */
  signals[ACTIVATE_PROSPECT] = g_signal_new ("activate-prospect", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                             NULL, NULL, NULL, G_TYPE_NONE, 1, PURSUIT_TYPE_PROSPECT);

  g_type_ensure (PURSUIT_TYPE_MONTH_GRID);
  /* The item type of the template's agenda. */
  g_type_ensure (PURSUIT_TYPE_PROSPECT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pursuit/Pursuit/ui/pursuit-calendar-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PursuitCalendarView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PursuitCalendarView, grid);
  gtk_widget_class_bind_template_child (widget_class, PursuitCalendarView, day_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitCalendarView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitCalendarView, spread_button);
  gtk_widget_class_bind_template_child (widget_class, PursuitCalendarView, agenda_stack);
  gtk_widget_class_bind_template_child (widget_class, PursuitCalendarView, agenda_list);
  gtk_widget_class_bind_template_child (widget_class, PursuitCalendarView, agenda);
  gtk_widget_class_bind_template_callback (widget_class, agenda_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, selected_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_month_cb);
  gtk_widget_class_bind_template_callback (widget_class, prospect_dropped_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_row_cb);

  gtk_widget_class_install_action (widget_class, "calendar.spread", NULL, spread_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "calendarview");
}

static void
pursuit_calendar_view_init (PursuitCalendarView *self)
{
  static const char * const changes[] = { "prospect-added", "prospect-changed", "prospect-removed",
                                          "policy-changed" };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->store_signals = g_signal_group_new (PURSUIT_TYPE_STORE);
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    g_signal_group_connect_object (self->store_signals, changes[i], G_CALLBACK (queue_refresh), self,
                                   G_CONNECT_SWAPPED);
  /* Folded, the agenda shows first. */
  adw_leaflet_set_visible_child_name (self->leaflet, "agenda");

  refresh_agenda (self);
  g_signal_connect_object (pursuit_day_watcher_get_default (), "day-changed", G_CALLBACK (day_changed_cb), self,
                           G_CONNECT_SWAPPED);
}
