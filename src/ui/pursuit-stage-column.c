/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-stage-column"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pursuit-enums.h"
#include "pursuit-format.h"
#include "pursuit-number.h"
#include "pursuit-prospect-card.h"
#include "pursuit-stage-column.h"

struct _PursuitStageColumn
{
  GtkWidget           parent_instance;

  char               *title;
  char               *summary;
  PursuitStore       *store;
  /* The store's ::prospect-changed, whichever store it is. */
  GSignalGroup       *store_signals;
  PursuitStage        stage;
  /* As set: only the active stage's columns show a tier. */
  PursuitTier         tier;
  GtkFilterListModel *filtered;
  /* What the header counts, kept up to date as the filtered model and
   * the prospects change rather than summed again: a Counted for each
   * of its items, in its order (which sorting leaves alone), which is
   * that of the store's model: by id. */
  GPtrArray          *counted;
  gint64              total_cents;
  guint               n_irregular;
  GtkSorter          *sorter;
  GtkSortListModel   *sorted;
  GtkSliceListModel  *slice;
  /* The prospect that has just come into the column: already in its
   * sorted place, so its ::prospect-changed needs no new sort. */
  gpointer            arrived;
  guint               expand_id;
  gboolean            expanded;   /* grown once, after the first frame */
  GtkNoSelection     *selection;

  GtkLabel           *title_label;
  GtkLabel           *summary_label;
  GtkStack           *stack;
  GtkLabel           *empty_label;
  GtkListView        *list_view;
};

G_DEFINE_FINAL_TYPE (PursuitStageColumn, pursuit_stage_column, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_EMPTY_TEXT,
  PROP_STORE,
  PROP_STAGE,
  PROP_TIER,
  PROP_FILTER,
  PROP_N_PROSPECTS,
  PROP_SUMMARY,
  N_PROPS
};

enum {
  ACTIVATE_PROSPECT,
  PROSPECT_DROPPED,
  DRAG_STARTED,
  DRAG_ENDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* A prospect of the filtered model as the column last counted and sorted
 * it: its value in cents, and what its place in the order rests on. */
typedef struct
{
  PursuitProspect *prospect;
  GDateTime       *next_touch;
  /* Only without a next touch: the name decides the order then. */
  char            *name;
  gint64           cents;
  /* A value that is not a whole number of cents (or too large to count
   * in them): the total is summed again when there is one. */
  gboolean         irregular;
} Counted;

/* Values up to this many units are counted in cents: 100,000 prospects
 * of them stay far from the limit of a gint64. */
#define MAX_CENTS_VALUE 1e10

/* Rows the list view gets before the first frame (a screen's worth: the
 * view measures every row it gets before that frame),
 * and how many more it gets whenever the view nears the end of what it
 * has. GTK 4.8 keeps a row widget for up to 200 items of a list view and
 * binds them again when an item before them goes, so a short list keeps
 * moves cheap in long columns. */
#define FIRST_ROWS 12
#define MORE_ROWS  64

/* Soonest next touch first, so overdue ones lead; prospects without one
 * go last, by name. */
static int
compare_next_touch (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  GDateTime *da = pursuit_prospect_get_next_touch ((PursuitProspect *) a);
  GDateTime *db = pursuit_prospect_get_next_touch ((PursuitProspect *) b);

  if (da != NULL && db != NULL)
    return g_date_time_compare (da, db);
  if (da != NULL || db != NULL)
    return (da == NULL) - (db == NULL);
  /* As g_utf8_collate() on the names, with each name's key made once
   * rather than at every comparison. */
  return strcmp (pursuit_prospect_get_name_key ((PursuitProspect *) a),
                 pursuit_prospect_get_name_key ((PursuitProspect *) b));
}

static void
count_value (Counted *counted)
{
  PursuitProspect *prospect = counted->prospect;
  double value, cents;

  counted->cents = 0;
  counted->irregular = FALSE;
  if (!pursuit_prospect_has_value (prospect))
    return;
  value = pursuit_prospect_get_value (prospect);
  cents = round (value * 100.0);
  /* Exactly a whole number of cents, as typed values are: counted in
   * integers, so that no rounding builds up over many changes. */
  if (value <= MAX_CENTS_VALUE && cents / 100.0 == value)
    counted->cents = (gint64) cents;
  else
    counted->irregular = TRUE;
}

static void
snapshot_order (Counted *counted)
{
  GDateTime *next_touch = pursuit_prospect_get_next_touch (counted->prospect);

  g_clear_pointer (&counted->next_touch, g_date_time_unref);
  g_clear_pointer (&counted->name, g_free);
  if (next_touch != NULL)
    counted->next_touch = g_date_time_ref (next_touch);
  else
    counted->name = g_strdup (pursuit_prospect_get_name (counted->prospect));
}

/* Whether the prospect's place in the order may have changed since
 * snapshot_order(): compare_next_touch() reads the next touch, and the
 * name only when there is none. */
static gboolean
order_changed (Counted *counted)
{
  GDateTime *next_touch = pursuit_prospect_get_next_touch (counted->prospect);

  if (next_touch == NULL || counted->next_touch == NULL)
    return next_touch != counted->next_touch
           || g_strcmp0 (counted->name, pursuit_prospect_get_name (counted->prospect)) != 0;
  return !g_date_time_equal (next_touch, counted->next_touch);
}

static void
counted_free (gpointer data)
{
  Counted *counted = data;

  g_clear_pointer (&counted->next_touch, g_date_time_unref);
  g_clear_pointer (&counted->name, g_free);
  g_clear_object (&counted->prospect);
  g_free (counted);
}

static void
add_counted (PursuitStageColumn *self,
             Counted            *counted,
             int                 sign)
{
  if (counted->irregular)
    self->n_irregular += sign;
  else
    self->total_cents += sign * counted->cents;
}

/* The Counted of @prospect, or NULL when it is not shown. The store keeps
 * its models in the order of the ids, and so the filtered model: found
 * by bisection, or by a scan should that order ever not hold. */
static Counted *
find_counted (PursuitStageColumn *self,
              PursuitProspect    *prospect)
{
  gint64 id = pursuit_prospect_get_id (prospect);
  guint low = 0;
  guint high = self->counted->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      Counted *counted = g_ptr_array_index (self->counted, middle);
      gint64 counted_id = pursuit_prospect_get_id (counted->prospect);

      if (counted->prospect == prospect)
        return counted;
      if (counted_id < id)
        low = middle + 1;
      else
        high = middle;
    }

  for (guint i = 0; i < self->counted->len; i++)
    {
      Counted *counted = g_ptr_array_index (self->counted, i);

      if (counted->prospect == prospect)
        return counted;
    }
  return NULL;
}

/* The filtered model changed: what left is taken off the total, what
 * came is added. Only the items that changed are read. */
static void
filtered_changed_cb (PursuitStageColumn *self,
                     guint               position,
                     guint               removed,
                     guint               added)
{
  GListModel *model = G_LIST_MODEL (self->filtered);
  guint n;

  for (guint i = 0; i < removed; i++)
    add_counted (self, g_ptr_array_index (self->counted, position + i), -1);
  g_ptr_array_remove_range (self->counted, position, removed);

  if (added == 0)
    return;
  n = self->counted->len;
  g_ptr_array_set_size (self->counted, n + added);
  memmove (self->counted->pdata + position + added, self->counted->pdata + position,
           (n - position) * sizeof (gpointer));
  for (guint i = 0; i < added; i++)
    {
      Counted *counted = g_new0 (Counted, 1);

      counted->prospect = g_list_model_get_item (model, position + i);
      count_value (counted);
      snapshot_order (counted);
      add_counted (self, counted, +1);
      self->counted->pdata[position + i] = counted;
    }
}

/* The total in cents, or summed again from the values when one of them
 * is not a whole number of cents. */
static double
get_total (PursuitStageColumn *self)
{
  double total = 0;

  if (self->n_irregular == 0)
    return self->total_cents / 100.0;
  for (guint i = 0; i < self->counted->len; i++)
    {
      Counted *counted = g_ptr_array_index (self->counted, i);

      if (pursuit_prospect_has_value (counted->prospect))
        total += pursuit_prospect_get_value (counted->prospect);
    }
  return total;
}

static void
update_labels (PursuitStageColumn *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  g_autofree char *currency = pursuit_format_dup_currency ();
  g_autofree char *total_text = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *count = pursuit_number_format (n);
  double total = get_total (self);

  total_text = pursuit_format_value (total, currency);

  /* Translators: a column header: how many prospects, and their total
   * value. */
  summary = total > 0 ? g_strdup_printf (_("%s · %s"), count, total_text) : g_strdup (count);
  if (g_strcmp0 (summary, self->summary) != 0)
    {
      g_free (self->summary);
      self->summary = g_steal_pointer (&summary);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
    }
  accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %s prospect, worth %s",
                                             "%s: %s prospects, worth %s", n),
                                self->title != NULL ? self->title : "", count, total_text);

  gtk_label_set_text (self->title_label, self->title);
  gtk_label_set_text (self->summary_label, self->summary);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, accessible, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->title, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, accessible, -1);
}

static void scrolled_cb (PursuitStageColumn *self,
                         GtkAdjustment      *adjustment);

static void
items_changed_cb (PursuitStageColumn *self,
                  guint               position,
                  guint               removed,
                  guint               added)
{
  g_autoptr(GObject) item = added == 1 && removed == 0
                              ? g_list_model_get_item (G_LIST_MODEL (self->sorted), position)
                              : NULL;

  self->arrived = item;
  update_labels (self);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROSPECTS]);
  /* Rows that all fit move no scroll bar: more items must show anyway. */
  if (added > removed)
    scrolled_cb (self, gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view)));
}

/* A prospect's next touch or value may have changed: order and total
 * may be out of date. GtkSortListModel does not watch its items'
 * properties. */
static void
prospect_changed_cb (PursuitStageColumn *self,
                     PursuitProspect    *prospect)
{
  gboolean arrived = (gpointer) prospect == self->arrived;
  Counted *counted;

  self->arrived = NULL;
  if (pursuit_prospect_get_stage (prospect) != self->stage
      || pursuit_prospect_get_tier (prospect) != pursuit_stage_column_get_tier (self))
    return;
  /* Not shown (the search hides it): neither counted nor sorted. */
  counted = find_counted (self, prospect);
  if (counted == NULL)
    return;

  add_counted (self, counted, -1);
  count_value (counted);
  add_counted (self, counted, +1);
  /* A full sort makes the list view bind every row again: only when a
   * prospect that was already here moved in the order. */
  if (!arrived && order_changed (counted))
    {
      snapshot_order (counted);
      gtk_sorter_changed (self->sorter, GTK_SORTER_CHANGE_DIFFERENT);
    }
  update_labels (self);
}

static void
list_activate_cb (PursuitStageColumn *self,
                  guint               position)
{
  g_autoptr(PursuitProspect) prospect = g_list_model_get_item (G_LIST_MODEL (self->slice), position);

  if (prospect != NULL)
    g_signal_emit (self, signals[ACTIVATE_PROSPECT], 0, prospect);
}

static void
card_drag_started_cb (PursuitStageColumn *self,
                      PursuitProspect    *prospect)
{
  g_signal_emit (self, signals[DRAG_STARTED], 0, prospect);
}

static void
card_drag_ended_cb (PursuitStageColumn *self)
{
  g_signal_emit (self, signals[DRAG_ENDED], 0);
}

static void
setup_card_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               PursuitStageColumn       *self)
{
  PursuitProspectCard *card = pursuit_prospect_card_new ();

  g_signal_connect_object (card, "drag-started", G_CALLBACK (card_drag_started_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (card, "drag-ended", G_CALLBACK (card_drag_ended_cb), self, G_CONNECT_SWAPPED);
  gtk_list_item_set_child (item, GTK_WIDGET (card));
}

static void
bind_card_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              PursuitStageColumn       *self)
{
  PursuitProspectCard *card = PURSUIT_PROSPECT_CARD (gtk_list_item_get_child (item));

  pursuit_prospect_card_set_store (card, self->store);
  pursuit_prospect_card_set_prospect (card, gtk_list_item_get_item (item));
}

/* No "unbind": GTK 4.8 unbinds and binds every row again whenever its
 * position changes, as it does for every row below a prospect that
 * comes or goes. The card keeps its prospect until the next bind, which
 * costs nothing when that is the same prospect; a card whose row goes
 * drops its prospect when it is disposed. */

gboolean
pursuit_stage_column_drop (PursuitStageColumn *self,
                           PursuitProspect    *prospect)
{
  gboolean handled = FALSE;

  g_return_val_if_fail (PURSUIT_IS_STAGE_COLUMN (self), FALSE);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), FALSE);

  g_signal_emit (self, signals[PROSPECT_DROPPED], 0, prospect, &handled);
  return handled;
}

static gboolean
drop_cb (PursuitStageColumn *self,
         const GValue       *value,
         double              x,
         double              y,
         GtkDropTarget      *target)
{
  PursuitProspect *prospect = g_value_get_object (value);

  return prospect != NULL && pursuit_stage_column_drop (self, prospect);
}

/* Shows the model of the stage and tier of the store. */
static void
update_source (PursuitStageColumn *self)
{
  GListModel *model = NULL;

  if (self->store != NULL)
    model = pursuit_store_get_model (self->store, self->stage, pursuit_stage_column_get_tier (self));
  if (gtk_filter_list_model_get_model (self->filtered) == model)
    return;
  gtk_filter_list_model_set_model (self->filtered, model);
  update_labels (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROSPECTS]);
}

PursuitStore *
pursuit_stage_column_get_store (PursuitStageColumn *self)
{
  g_return_val_if_fail (PURSUIT_IS_STAGE_COLUMN (self), NULL);

  return self->store;
}

void
pursuit_stage_column_set_store (PursuitStageColumn *self,
                                PursuitStore       *store)
{
  g_return_if_fail (PURSUIT_IS_STAGE_COLUMN (self));
  g_return_if_fail (store == NULL || PURSUIT_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  g_signal_group_set_target (self->store_signals, store);
  update_source (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
pursuit_stage_column_set_stage (PursuitStageColumn *self,
                                PursuitStage        stage)
{
  g_return_if_fail (PURSUIT_IS_STAGE_COLUMN (self));
  g_return_if_fail ((guint) stage <= PURSUIT_STAGE_CLOSED);

  if (self->stage == stage)
    return;
  self->stage = stage;
  update_source (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
}

void
pursuit_stage_column_set_tier (PursuitStageColumn *self,
                               PursuitTier         tier)
{
  g_return_if_fail (PURSUIT_IS_STAGE_COLUMN (self));
  g_return_if_fail ((guint) tier <= PURSUIT_TIER_COLD);

  if (self->tier == tier)
    return;
  self->tier = tier;
  update_source (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIER]);
}

GtkFilter *
pursuit_stage_column_get_filter (PursuitStageColumn *self)
{
  g_return_val_if_fail (PURSUIT_IS_STAGE_COLUMN (self), NULL);

  return gtk_filter_list_model_get_filter (self->filtered);
}

void
pursuit_stage_column_set_filter (PursuitStageColumn *self,
                                 GtkFilter          *filter)
{
  g_return_if_fail (PURSUIT_IS_STAGE_COLUMN (self));
  g_return_if_fail (filter == NULL || GTK_IS_FILTER (filter));

  if (gtk_filter_list_model_get_filter (self->filtered) == filter)
    return;
  gtk_filter_list_model_set_filter (self->filtered, filter);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

const char *
pursuit_stage_column_get_empty_text (PursuitStageColumn *self)
{
  g_return_val_if_fail (PURSUIT_IS_STAGE_COLUMN (self), NULL);

  return gtk_label_get_text (self->empty_label);
}

void
pursuit_stage_column_set_empty_text (PursuitStageColumn *self,
                                     const char         *text)
{
  g_return_if_fail (PURSUIT_IS_STAGE_COLUMN (self));

  if (g_strcmp0 (gtk_label_get_text (self->empty_label), text) == 0)
    return;
  gtk_label_set_text (self->empty_label, text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY_TEXT]);
}

PursuitStage
pursuit_stage_column_get_stage (PursuitStageColumn *self)
{
  g_return_val_if_fail (PURSUIT_IS_STAGE_COLUMN (self), PURSUIT_STAGE_INBOX);

  return self->stage;
}

PursuitTier
pursuit_stage_column_get_tier (PursuitStageColumn *self)
{
  g_return_val_if_fail (PURSUIT_IS_STAGE_COLUMN (self), PURSUIT_TIER_NONE);

  return self->stage == PURSUIT_STAGE_ACTIVE ? self->tier : PURSUIT_TIER_NONE;
}

GListModel *
pursuit_stage_column_get_shown_model (PursuitStageColumn *self)
{
  g_return_val_if_fail (PURSUIT_IS_STAGE_COLUMN (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

guint
pursuit_stage_column_get_n_prospects (PursuitStageColumn *self)
{
  g_return_val_if_fail (PURSUIT_IS_STAGE_COLUMN (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
}

GtkListView *
pursuit_stage_column_get_list_view (PursuitStageColumn *self)
{
  g_return_val_if_fail (PURSUIT_IS_STAGE_COLUMN (self), NULL);

  return self->list_view;
}

const char *
pursuit_stage_column_get_summary (PursuitStageColumn *self)
{
  g_return_val_if_fail (PURSUIT_IS_STAGE_COLUMN (self), NULL);

  return self->summary;
}

const char *
pursuit_stage_column_get_title (PursuitStageColumn *self)
{
  g_return_val_if_fail (PURSUIT_IS_STAGE_COLUMN (self), NULL);

  return self->title;
}

void
pursuit_stage_column_set_title (PursuitStageColumn *self,
                                const char         *title)
{
  g_return_if_fail (PURSUIT_IS_STAGE_COLUMN (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  update_labels (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
grow (PursuitStageColumn *self)
{
  guint size = gtk_slice_list_model_get_size (self->slice);

  if (size < g_list_model_get_n_items (G_LIST_MODEL (self->sorted)))
    gtk_slice_list_model_set_size (self->slice, size + MORE_ROWS);
}

static gboolean
expand_cb (gpointer data)
{
  PursuitStageColumn *self = data;

  self->expand_id = 0;
  self->expanded = TRUE;
  grow (self);
  return G_SOURCE_REMOVE;
}

/* Scrolled to within a page of the end: show more. */
static void
scrolled_cb (PursuitStageColumn *self,
             GtkAdjustment      *adjustment)
{
  double page = gtk_adjustment_get_page_size (adjustment);

  /* Until the first frame the first rows are enough: they grow after it
   * (see pursuit_stage_column_map()). */
  if (!self->expanded)
    return;
  if (gtk_adjustment_get_value (adjustment) + 2 * page >= gtk_adjustment_get_upper (adjustment))
    grow (self);
}

static void
pursuit_stage_column_map (GtkWidget *widget)
{
  PursuitStageColumn *self = PURSUIT_STAGE_COLUMN (widget);

  GTK_WIDGET_CLASS (pursuit_stage_column_parent_class)->map (widget);

  /* At a priority below drawing: after the first frame. */
  if (self->expand_id == 0 && !self->expanded)
    self->expand_id = g_idle_add_full (G_PRIORITY_LOW, expand_cb, self, NULL);
}

static void
pursuit_stage_column_dispose (GObject *object)
{
  PursuitStageColumn *self = PURSUIT_STAGE_COLUMN (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), PURSUIT_TYPE_STAGE_COLUMN);
  /* Template children without an id are not unparented by
   * gtk_widget_dispose_template(). */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_handle_id (&self->expand_id, g_source_remove);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  if (self->filtered != NULL)
    g_signal_handlers_disconnect_by_func (self->filtered, filtered_changed_cb, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->slice);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_pointer (&self->counted, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (pursuit_stage_column_parent_class)->dispose (object);
}

static void
pursuit_stage_column_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PursuitStageColumn *self = PURSUIT_STAGE_COLUMN (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_EMPTY_TEXT:
      g_value_set_string (value, pursuit_stage_column_get_empty_text (self));
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_STAGE:
      g_value_set_enum (value, self->stage);
      break;
    case PROP_TIER:
      g_value_set_enum (value, self->tier);
      break;
    case PROP_FILTER:
      g_value_set_object (value, pursuit_stage_column_get_filter (self));
      break;
    case PROP_N_PROSPECTS:
      g_value_set_uint (value, pursuit_stage_column_get_n_prospects (self));
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pursuit_stage_column_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PursuitStageColumn *self = PURSUIT_STAGE_COLUMN (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      pursuit_stage_column_set_title (self, g_value_get_string (value));
      break;
    case PROP_EMPTY_TEXT:
      pursuit_stage_column_set_empty_text (self, g_value_get_string (value));
      break;
    case PROP_STORE:
      pursuit_stage_column_set_store (self, g_value_get_object (value));
      break;
    case PROP_STAGE:
      pursuit_stage_column_set_stage (self, g_value_get_enum (value));
      break;
    case PROP_TIER:
      pursuit_stage_column_set_tier (self, g_value_get_enum (value));
      break;
    case PROP_FILTER:
      pursuit_stage_column_set_filter (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pursuit_stage_column_class_init (PursuitStageColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GType type = G_TYPE_FROM_CLASS (klass);

  object_class->dispose = pursuit_stage_column_dispose;
  object_class->get_property = pursuit_stage_column_get_property;
  object_class->set_property = pursuit_stage_column_set_property;
  widget_class->map = pursuit_stage_column_map;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMPTY_TEXT] =
    g_param_spec_string ("empty-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PURSUIT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STAGE] =
    g_param_spec_enum ("stage", NULL, NULL, PURSUIT_TYPE_STAGE, PURSUIT_STAGE_INBOX,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIER] =
    g_param_spec_enum ("tier", NULL, NULL, PURSUIT_TYPE_TIER, PURSUIT_TIER_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL, GTK_TYPE_FILTER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PROSPECTS] =
    g_param_spec_uint ("n-prospects", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PursuitStageColumn::activate-prospect:
   * @prospect: the prospect whose card was activated
   */
  signals[ACTIVATE_PROSPECT] = g_signal_new ("activate-prospect", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                             NULL, G_TYPE_NONE, 1, PURSUIT_TYPE_PROSPECT);
  /**
   * PursuitStageColumn::prospect-dropped:
   * @prospect: the prospect dropped on the column
   *
   * Returns: %TRUE when the drop was taken
   */
  signals[PROSPECT_DROPPED] = g_signal_new ("prospect-dropped", type, G_SIGNAL_RUN_LAST, 0,
                                            g_signal_accumulator_true_handled, NULL, NULL,
                                            G_TYPE_BOOLEAN, 1, PURSUIT_TYPE_PROSPECT);
  /**
   * PursuitStageColumn::drag-started:
   * @prospect: the prospect of a card of this column that is being dragged
   */
  signals[DRAG_STARTED] = g_signal_new ("drag-started", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, PURSUIT_TYPE_PROSPECT);
  /**
   * PursuitStageColumn::drag-ended:
   */
  signals[DRAG_ENDED] = g_signal_new ("drag-ended", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                      G_TYPE_NONE, 0);

  /* Named by the drop target of the template. */
  g_type_ensure (PURSUIT_TYPE_PROSPECT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pursuit/Pursuit/ui/pursuit-stage-column.ui");
  gtk_widget_class_bind_template_child (widget_class, PursuitStageColumn, title_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitStageColumn, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitStageColumn, stack);
  gtk_widget_class_bind_template_child (widget_class, PursuitStageColumn, empty_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitStageColumn, list_view);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_card_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_card_cb);
  gtk_widget_class_bind_template_callback (widget_class, drop_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "stagecolumn");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pursuit_stage_column_init (PursuitStageColumn *self)
{
  GtkAdjustment *adjustment;
  GtkBoxLayout *layout;

  gtk_widget_init_template (GTK_WIDGET (self));

  layout = GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (layout, 6);

  self->store_signals = g_signal_group_new (PURSUIT_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "prospect-changed", G_CALLBACK (prospect_changed_cb), self,
                                 G_CONNECT_SWAPPED);
  self->filtered = gtk_filter_list_model_new (NULL, NULL);
  self->counted = g_ptr_array_new_with_free_func (counted_free);
  /* Before the sorted model connects: the total is up to date when the
   * sorted model tells. */
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (filtered_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->sorter = GTK_SORTER (gtk_custom_sorter_new (compare_next_touch, NULL, NULL));
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          g_object_ref (self->sorter));
  g_object_unref (self->sorter);
  /* The list view sees the first rows only until the first frame is
   * painted: GTK 4.8 makes about 200 rows per list view at once, and
   * five columns of them cost more than the rest of the start-up. */
  self->slice = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->sorted)), 0, FIRST_ROWS);
  self->selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->slice)));
  g_signal_connect_object (self->sorted, "items-changed", G_CALLBACK (items_changed_cb), self,
                           G_CONNECT_SWAPPED);

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (scrolled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (scrolled_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  update_labels (self);
}
