/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-month-grid"
/* _NL_TIME_FIRST_WEEKDAY, with -std=c17 */
#define _GNU_SOURCE

#include "config.h"

#include <langinfo.h>

#include <glib/gi18n.h>

#include "pursuit-day-watcher.h"
#include "pursuit-month-grid.h"
#include "pursuit-widget.h"

struct _PursuitMonthGrid
{
  GtkWidget      parent_instance;

  PursuitStore  *store;
  GDate          month;           /* the first of the month shown */
  GDate          first;           /* the first day shown (a Monday) */
  GDate          selected;
  GDate          today;
  GDateWeekday   week_start;
  GArray        *counts;          /* PursuitDayCount per shown day, or NULL */

  GtkLabel      *month_label;
  GtkGrid       *days_grid;
  GtkWidget     *cells[PURSUIT_MONTH_GRID_N_DAYS];
  GtkLabel      *day_labels[PURSUIT_MONTH_GRID_N_DAYS];
  GtkLabel      *count_labels[PURSUIT_MONTH_GRID_N_DAYS];
  GtkDropTarget *targets[PURSUIT_MONTH_GRID_N_DAYS];
};

G_DEFINE_FINAL_TYPE (PursuitMonthGrid, pursuit_month_grid, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  SELECTED_CHANGED,
  PROSPECT_DROPPED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_today (PursuitMonthGrid *self)
{
  pursuit_day_watcher_get_today (pursuit_day_watcher_get_default (), &self->today);
}

static void
date_at (PursuitMonthGrid *self,
         guint             index,
         GDate            *date)
{
  *date = self->first;
  g_date_add_days (date, index);
}

static int
index_of (PursuitMonthGrid *self,
          const GDate      *date)
{
  int offset = g_date_days_between (&self->first, date);

  return offset >= 0 && offset < PURSUIT_MONTH_GRID_N_DAYS ? offset : -1;
}

static guint
max_per_day (PursuitMonthGrid *self)
{
  return self->store != NULL ? pursuit_store_get_policy (self->store)->max_per_day : 0;
}

/* The first day of the week of the locale, as GtkCalendar (the date
 * picker) finds it; Monday, as in ISO 8601, where the C library does not
 * say. */
static GDateWeekday
locale_week_start (void)
{
#ifdef __GLIBC__
  union { unsigned int word; char *string; } langinfo;
  int first_weekday, week_1stday = 0;

  langinfo.string = nl_langinfo (_NL_TIME_FIRST_WEEKDAY);
  first_weekday = langinfo.string[0];
  langinfo.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  if (langinfo.word == 19971201)
    week_1stday = 1;
  else if (langinfo.word != 19971130)
    return G_DATE_MONDAY;
  /* 0 is Sunday here, 7 in GDateWeekday. */
  return (GDateWeekday) ((week_1stday + first_weekday - 1 + 6) % 7 + 1);
#else
  return G_DATE_MONDAY;
#endif
}

static void
set_month (PursuitMonthGrid *self,
           const GDate      *date)
{
  g_date_clear (&self->month, 1);
  g_date_set_dmy (&self->month, 1, g_date_get_month (date), g_date_get_year (date));
  self->first = self->month;
  g_date_subtract_days (&self->first, (g_date_get_weekday (&self->month) - self->week_start + 7) % 7);
}

static void
load_counts (PursuitMonthGrid *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->counts, g_array_unref);
  if (self->store == NULL)
    return;
  self->counts = pursuit_store_count_by_day (self->store, &self->first, PURSUIT_MONTH_GRID_N_DAYS,
                                             &self->today, &error);
  if (self->counts == NULL)
    g_warning ("Could not count the scheduled touches: %s", error->message);
}

static char *
describe_day (const GDate           *date,
              const PursuitDayCount *count,
              gboolean               overloaded)
{
  char day[128];
  GString *text;

  g_date_strftime (day, sizeof day, _("%A, %-d %B %Y"), date);
  text = g_string_new (day);
  if (count->total > 0)
    {
      g_string_append (text, ", ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u touch", "%u touches", count->total),
                              count->total);
    }
  if (count->overdue > 0)
    {
      g_string_append (text, ", ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u overdue", "%u overdue", count->overdue),
                              count->overdue);
    }
  if (overloaded)
    g_string_append_printf (text, ", %s", _("more than the daily limit"));
  return g_string_free (text, FALSE);
}

static void
update_cell (PursuitMonthGrid *self,
             guint             index)
{
  PursuitDayCount count = { 0, 0 };
  GtkWidget *cell = self->cells[index];
  g_autofree char *number = NULL;
  g_autofree char *description = NULL;
  g_autofree char *count_text = NULL;
  guint limit = max_per_day (self);
  gboolean overloaded;
  GDate date;

  date_at (self, index, &date);
  if (self->counts != NULL)
    count = g_array_index (self->counts, PursuitDayCount, index);
  overloaded = limit > 0 && count.total > limit;

  number = g_strdup_printf ("%u", g_date_get_day (&date));
  gtk_label_set_text (self->day_labels[index], number);
  count_text = count.total > 0 ? g_strdup_printf ("%u", count.total) : g_strdup ("");
  gtk_label_set_text (self->count_labels[index], count_text);
  gtk_widget_set_visible (GTK_WIDGET (self->count_labels[index]), count.total > 0);

  pursuit_widget_set_css_class (cell, "other-month", g_date_get_month (&date) != g_date_get_month (&self->month));
  pursuit_widget_set_css_class (cell, "today", g_date_compare (&date, &self->today) == 0);
  pursuit_widget_set_css_class (cell, "selected", g_date_compare (&date, &self->selected) == 0);
  pursuit_widget_set_css_class (cell, "has-overdue", count.overdue > 0);
  pursuit_widget_set_css_class (cell, "overloaded", overloaded);

  description = describe_day (&date, &count, overloaded);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_STATE_SELECTED,
                               g_date_compare (&date, &self->selected) == 0, -1);
}

static void
update (PursuitMonthGrid *self)
{
  char title[128];

  g_date_strftime (title, sizeof title, _("%B %Y"), &self->month);
  gtk_label_set_text (self->month_label, title);
  for (guint i = 0; i < PURSUIT_MONTH_GRID_N_DAYS; i++)
    update_cell (self, i);
}

void
pursuit_month_grid_refresh (PursuitMonthGrid *self)
{
  g_return_if_fail (PURSUIT_IS_MONTH_GRID (self));

  set_today (self);
  load_counts (self);
  update (self);
}

void
pursuit_month_grid_select (PursuitMonthGrid *self,
                           const GDate      *date)
{
  gboolean new_month;

  g_return_if_fail (PURSUIT_IS_MONTH_GRID (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  new_month = g_date_get_month (date) != g_date_get_month (&self->month)
              || g_date_get_year (date) != g_date_get_year (&self->month);
  if (!new_month && g_date_compare (date, &self->selected) == 0)
    return;

  self->selected = *date;
  if (new_month)
    {
      set_month (self, date);
      load_counts (self);
    }
  update (self);
  g_signal_emit (self, signals[SELECTED_CHANGED], 0);
}

void
pursuit_month_grid_get_selected (PursuitMonthGrid *self,
                                 GDate            *date)
{
  g_return_if_fail (PURSUIT_IS_MONTH_GRID (self));
  g_return_if_fail (date != NULL);

  *date = self->selected;
}

gboolean
pursuit_month_grid_get_count (PursuitMonthGrid *self,
                              const GDate      *date,
                              PursuitDayCount  *count)
{
  int index;

  g_return_val_if_fail (PURSUIT_IS_MONTH_GRID (self), FALSE);
  g_return_val_if_fail (date != NULL && count != NULL, FALSE);

  index = index_of (self, date);
  if (index < 0)
    return FALSE;
  count->total = count->overdue = 0;
  if (self->counts != NULL)
    *count = g_array_index (self->counts, PursuitDayCount, index);
  return TRUE;
}

GtkWidget *
pursuit_month_grid_get_cell (PursuitMonthGrid *self,
                             const GDate      *date)
{
  int index;

  g_return_val_if_fail (PURSUIT_IS_MONTH_GRID (self), NULL);

  index = index_of (self, date);
  return index >= 0 ? self->cells[index] : NULL;
}

GtkDropTarget *
pursuit_month_grid_get_drop_target (PursuitMonthGrid *self,
                                    const GDate      *date)
{
  int index;

  g_return_val_if_fail (PURSUIT_IS_MONTH_GRID (self), NULL);

  index = index_of (self, date);
  return index >= 0 ? self->targets[index] : NULL;
}

void
pursuit_month_grid_set_store (PursuitMonthGrid *self,
                              PursuitStore     *store)
{
  g_return_if_fail (PURSUIT_IS_MONTH_GRID (self));
  g_return_if_fail (store == NULL || PURSUIT_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  /* A hidden grid reads its counts when its owner refreshes it. */
  g_clear_pointer (&self->counts, g_array_unref);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    pursuit_month_grid_refresh (self);
  else
    update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

PursuitStore *
pursuit_month_grid_get_store (PursuitMonthGrid *self)
{
  g_return_val_if_fail (PURSUIT_IS_MONTH_GRID (self), NULL);

  return self->store;
}

static void
focus_selected (PursuitMonthGrid *self,
                gboolean          had_focus)
{
  int index = index_of (self, &self->selected);

  if (had_focus && index >= 0)
    gtk_widget_grab_focus (self->cells[index]);
}

static gboolean
days_have_focus (PursuitMonthGrid *self)
{
  return gtk_widget_get_focus_child (GTK_WIDGET (self->days_grid)) != NULL;
}

/* Moves the selection by @days, and the keyboard focus with it. */
static void
move_selection (PursuitMonthGrid *self,
                int               days)
{
  gboolean had_focus = days_have_focus (self);
  GDate date = self->selected;

  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  pursuit_month_grid_select (self, &date);
  focus_selected (self, had_focus);
}

static void
move_months (PursuitMonthGrid *self,
             int               months)
{
  gboolean had_focus = days_have_focus (self);
  GDate date = self->selected;

  if (months >= 0)
    g_date_add_months (&date, months);
  else
    g_date_subtract_months (&date, -months);
  pursuit_month_grid_select (self, &date);
  focus_selected (self, had_focus);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  move_selection (PURSUIT_MONTH_GRID (widget), g_variant_get_int32 (param));
}

static void
move_month_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  move_months (PURSUIT_MONTH_GRID (widget), g_variant_get_int32 (param));
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  PursuitMonthGrid *self = PURSUIT_MONTH_GRID (widget);

  set_today (self);
  pursuit_month_grid_select (self, &self->today);
}

static void
cell_clicked_cb (GtkButton        *cell,
                 PursuitMonthGrid *self)
{
  GDate date;

  for (guint i = 0; i < PURSUIT_MONTH_GRID_N_DAYS; i++)
    if (self->cells[i] == GTK_WIDGET (cell))
      {
        date_at (self, i, &date);
        pursuit_month_grid_select (self, &date);
        return;
      }
}

static gboolean
drop_cb (GtkDropTarget    *target,
         const GValue     *value,
         double            x,
         double            y,
         PursuitMonthGrid *self)
{
  PursuitProspect *prospect;
  GDate date;

  if (!G_VALUE_HOLDS (value, PURSUIT_TYPE_PROSPECT) || (prospect = g_value_get_object (value)) == NULL)
    return FALSE;
  for (guint i = 0; i < PURSUIT_MONTH_GRID_N_DAYS; i++)
    if (self->targets[i] == target)
      {
        date_at (self, i, &date);
        g_signal_emit (self, signals[PROSPECT_DROPPED], 0, prospect, &date);
        return TRUE;
      }
  return FALSE;
}

static void
pursuit_month_grid_dispose (GObject *object)
{
  PursuitMonthGrid *self = PURSUIT_MONTH_GRID (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), PURSUIT_TYPE_MONTH_GRID);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_pointer (&self->counts, g_array_unref);

  G_OBJECT_CLASS (pursuit_month_grid_parent_class)->dispose (object);
}

static void
pursuit_month_grid_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PursuitMonthGrid *self = PURSUIT_MONTH_GRID (object);

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
pursuit_month_grid_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PursuitMonthGrid *self = PURSUIT_MONTH_GRID (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pursuit_month_grid_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Arrows move between days only inside the days, not in the header,
 * where they move between its buttons as usual. */
static void
add_day_shortcut (GtkShortcutController *controller,
                  guint                  key,
                  const char            *action,
                  GVariant              *amount)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (key, 0), gtk_named_action_new (action));

  if (amount != NULL)
    gtk_shortcut_set_arguments (shortcut, amount);
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

static void
add_day_shortcuts (PursuitMonthGrid *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (controller);

  add_day_shortcut (shortcuts, GDK_KEY_Left, "grid.move", g_variant_new_int32 (-1));
  add_day_shortcut (shortcuts, GDK_KEY_Right, "grid.move", g_variant_new_int32 (1));
  add_day_shortcut (shortcuts, GDK_KEY_Up, "grid.move", g_variant_new_int32 (-7));
  add_day_shortcut (shortcuts, GDK_KEY_Down, "grid.move", g_variant_new_int32 (7));
  add_day_shortcut (shortcuts, GDK_KEY_Page_Up, "grid.move-month", g_variant_new_int32 (-1));
  add_day_shortcut (shortcuts, GDK_KEY_Page_Down, "grid.move-month", g_variant_new_int32 (1));
  add_day_shortcut (shortcuts, GDK_KEY_Home, "grid.today", NULL);
  gtk_widget_add_controller (GTK_WIDGET (self->days_grid), controller);
}

static void
pursuit_month_grid_class_init (PursuitMonthGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pursuit_month_grid_dispose;
  object_class->get_property = pursuit_month_grid_get_property;
  object_class->set_property = pursuit_month_grid_set_property;

  /**
   * PursuitMonthGrid:store:
   *
   * The store whose scheduled touches the grid counts.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PURSUIT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PursuitMonthGrid::selected-changed:
   *
   * Another day was selected.
   */
  signals[SELECTED_CHANGED] = g_signal_new ("selected-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * PursuitMonthGrid::prospect-dropped:
   * @prospect: the prospect dropped
   * @date: (type GDate): the day it was dropped on
   */
  signals[PROSPECT_DROPPED] = g_signal_new ("prospect-dropped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 2, PURSUIT_TYPE_PROSPECT,
                                            G_TYPE_DATE | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pursuit/Pursuit/ui/pursuit-month-grid.ui");
  gtk_widget_class_bind_template_child (widget_class, PursuitMonthGrid, month_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitMonthGrid, days_grid);

  gtk_widget_class_install_action (widget_class, "grid.move", "i", move_action);
  gtk_widget_class_install_action (widget_class, "grid.move-month", "i", move_month_action);
  gtk_widget_class_install_action (widget_class, "grid.today", NULL, today_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "monthgrid");
}

static void
add_weekday_headers (PursuitMonthGrid *self)
{
  GDate weekday;

  /* 2024-01-01 was a Monday. */
  g_date_clear (&weekday, 1);
  g_date_set_dmy (&weekday, 1, 1, 2024);
  g_date_add_days (&weekday, self->week_start - G_DATE_MONDAY);
  for (guint i = 0; i < 7; i++, g_date_add_days (&weekday, 1))
    {
      char name[64];
      GtkWidget *label;

      g_date_strftime (name, sizeof name, "%a", &weekday);
      label = gtk_label_new (name);
      gtk_widget_add_css_class (label, "weekday");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_grid_attach (self->days_grid, label, i, 0, 1, 1);
    }
}

/* The 42 day cells are built here rather than in the template: they are
 * one widget repeated, each with its own drop target. */
static void
add_cells (PursuitMonthGrid *self)
{
  for (guint i = 0; i < PURSUIT_MONTH_GRID_N_DAYS; i++)
    {
      GtkWidget *cell = gtk_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *day = gtk_label_new (NULL);
      GtkWidget *count = gtk_label_new (NULL);
      GtkDropTarget *target = gtk_drop_target_new (PURSUIT_TYPE_PROSPECT, GDK_ACTION_MOVE);

      gtk_widget_add_css_class (cell, "day");
      gtk_widget_add_css_class (cell, "flat");
      gtk_widget_add_css_class (day, "day-number");
      gtk_widget_add_css_class (count, "day-count");
      gtk_widget_add_css_class (count, "numeric");
      gtk_widget_set_halign (day, GTK_ALIGN_START);
      gtk_label_set_xalign (GTK_LABEL (count), 1);
      gtk_widget_set_halign (count, GTK_ALIGN_END);
      gtk_widget_set_valign (count, GTK_ALIGN_END);
      gtk_widget_set_vexpand (count, TRUE);
      gtk_box_append (GTK_BOX (box), day);
      gtk_box_append (GTK_BOX (box), count);
      gtk_button_set_child (GTK_BUTTON (cell), box);
      gtk_widget_set_hexpand (cell, TRUE);
      gtk_widget_set_vexpand (cell, TRUE);
      g_signal_connect_object (cell, "clicked", G_CALLBACK (cell_clicked_cb), self, 0);
      g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
      gtk_widget_add_controller (cell, GTK_EVENT_CONTROLLER (target));
      gtk_grid_attach (self->days_grid, cell, i % 7, 1 + i / 7, 1, 1);

      self->cells[i] = cell;
      self->day_labels[i] = GTK_LABEL (day);
      self->count_labels[i] = GTK_LABEL (count);
      self->targets[i] = target;
    }
}

static void
pursuit_month_grid_init (PursuitMonthGrid *self)
{
  GtkBoxLayout *layout;

  gtk_widget_init_template (GTK_WIDGET (self));
  layout = GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (layout, 6);

  self->week_start = locale_week_start ();
  add_weekday_headers (self);
  add_cells (self);
  add_day_shortcuts (self);
  set_today (self);
  self->selected = self->today;
  set_month (self, &self->today);
  update (self);
}

PursuitMonthGrid *
pursuit_month_grid_new (void)
{
  return g_object_new (PURSUIT_TYPE_MONTH_GRID, NULL);
}
