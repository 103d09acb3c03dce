/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-prospect-card"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pursuit-day-watcher.h"
#include "pursuit-format.h"
#include "pursuit-limit.h"
#include "pursuit-prospect-card.h"
#include "pursuit-store-touches.h"
#include "pursuit-widget.h"

struct _PursuitProspectCard
{
  GtkWidget        parent_instance;

  PursuitProspect *prospect;
  PursuitStore    *store;
  /* Rows reuse cards: the prospect and the store they watch change. */
  GSignalGroup    *prospect_signals;
  GSignalGroup    *store_signals;
  gboolean         at_limit;

  GtkLabel        *name_label;
  GtkLabel        *company_label;
  GtkLabel        *value_label;
  GtkLabel        *due_label;
  GtkWidget       *value_row;
  GtkLabel        *status_label;
  /* Made on first use: the board's list views keep about 200 cards per
   * column, and a menu each would cost more than all the rest. */
  GtkWidget       *menu_popover;
};

G_DEFINE_FINAL_TYPE (PursuitProspectCard, pursuit_prospect_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PROSPECT,
  PROP_STORE,
  N_PROPS
};

enum {
  DRAG_STARTED,
  DRAG_ENDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];
static GMenuModel *card_menu;

/* The line under the value: the streak against the limit for prospects
 * being pursued, why and until when for closed ones. */
static char *
status_text (PursuitProspectCard *self,
             gboolean            *at_limit)
{
  PursuitProspect *p = self->prospect;
  PursuitStage stage = pursuit_prospect_get_stage (p);
  guint attempts = pursuit_prospect_get_attempts (p);
  g_autoptr(GString) text = NULL;
  g_autofree char *streak = NULL;
  PursuitLimitCheck check;

  *at_limit = FALSE;
  if (stage == PURSUIT_STAGE_CUSTOMER)
    return g_strdup (_("Customer"));
  if (stage == PURSUIT_STAGE_CLOSED)
    {
      GDateTime *revisit = pursuit_prospect_get_revisit_at (p);
      const char *reason = pursuit_format_close_reason (pursuit_prospect_get_close_reason (p));
      g_autofree char *date = revisit != NULL ? pursuit_format_date (revisit) : NULL;

      /* Translators: why a prospect was let go, and when to try again. */
      return date != NULL ? g_strdup_printf (_("%s · revisit %s"), reason, date) : g_strdup (reason);
    }
  if (attempts == 0 || self->store == NULL)
    return NULL;

  /* The same check and words as the prospect page and Insights. */
  pursuit_store_check_limit (self->store, p, &check);
  *at_limit = check.let_go;
  streak = pursuit_limit_streak_text (&check);
  text = g_string_new (streak);
  if (check.source == PURSUIT_LIMIT_SOURCE_LEARNED)
    {
      g_autofree char *currency = pursuit_format_dup_currency ();
      /* "≈ $1,173", not "≈ $1,172.63": an estimate is not that precise. */
      g_autofree char *worth = pursuit_format_value (check.worth >= 1 ? round (check.worth) : check.worth, currency);
      g_autofree char *cost = pursuit_format_value (pursuit_store_get_policy (self->store)->cost_per_touch, currency);

      /* Translators: what the learned limit rests on: the expected worth
       * of the next attempt against its cost. */
      g_string_append_printf (text, _(" · worth ≈ %s, costs %s"), worth, cost);
    }
  if (check.let_go)
    g_string_append (text, _(" · time to let go?"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Labels take the text as it is (never markup): names and companies are
 * what the user typed. */
static void
update (PursuitProspectCard *self)
{
  PursuitProspect *p = self->prospect;
  g_autoptr(GDateTime) now = pursuit_format_now ();
  g_autofree char *currency = pursuit_format_dup_currency ();
  g_autofree char *value = NULL;
  g_autofree char *due = NULL;
  g_autofree char *status = NULL;
  g_autofree char *accessible = NULL;
  gboolean overdue = FALSE;
  gboolean closed;
  g_autofree char *name = NULL;
  g_autofree char *shown_company = NULL;
  const char *company;

  if (p == NULL)
    return;

  closed = pursuit_prospect_get_stage (p) == PURSUIT_STAGE_CLOSED;
  company = pursuit_prospect_get_company (p);
  value = pursuit_format_value (pursuit_prospect_get_value (p), currency);
  due = closed ? g_strdup ("") : pursuit_format_due (pursuit_prospect_get_next_touch (p), now, &overdue);
  status = status_text (self, &self->at_limit);

  pursuit_widget_set_user_text (self->name_label, pursuit_prospect_get_name (p));
  pursuit_widget_set_user_text (self->company_label, company);
  gtk_widget_set_visible (GTK_WIDGET (self->company_label), company[0] != '\0');
  gtk_label_set_text (self->value_label, value);
  gtk_label_set_text (self->due_label, due);
  /* No blank line: the row shows only when it holds a value or a date. */
  gtk_widget_set_visible (self->value_row, value[0] != '\0' || due[0] != '\0');
  pursuit_widget_set_css_class (GTK_WIDGET (self->due_label), "overdue", overdue);
  pursuit_widget_set_css_class (GTK_WIDGET (self->due_label), "dim-label", pursuit_prospect_get_next_touch (p) == NULL);
  gtk_label_set_text (self->status_label, status != NULL ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL);
  pursuit_widget_set_css_class (GTK_WIDGET (self), "at-limit", self->at_limit);

  /* Translators: a prospect card for screen readers: name, company, value,
   * next touch, and the attempts or why it was closed. */
  name = pursuit_format_shown (pursuit_prospect_get_name (p), PURSUIT_FORMAT_TOOLTIP_CHARS);
  shown_company = pursuit_format_shown (company, PURSUIT_FORMAT_TOOLTIP_CHARS);
  accessible = g_strdup_printf (_("%s, %s, %s, %s. %s"), name, shown_company, value,
                                due, status != NULL ? status : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

PursuitProspectCard *
pursuit_prospect_card_new (void)
{
  return g_object_new (PURSUIT_TYPE_PROSPECT_CARD, NULL);
}

PursuitProspect *
pursuit_prospect_card_get_prospect (PursuitProspectCard *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT_CARD (self), NULL);

  return self->prospect;
}

void
pursuit_prospect_card_set_prospect (PursuitProspectCard *self,
                                    PursuitProspect     *prospect)
{
  g_return_if_fail (PURSUIT_IS_PROSPECT_CARD (self));
  g_return_if_fail (prospect == NULL || PURSUIT_IS_PROSPECT (prospect));

  if (!g_set_object (&self->prospect, prospect))
    return;
  g_signal_group_set_target (self->prospect_signals, prospect);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROSPECT]);
}

void
pursuit_prospect_card_set_store (PursuitProspectCard *self,
                                 PursuitStore        *store)
{
  g_return_if_fail (PURSUIT_IS_PROSPECT_CARD (self));
  g_return_if_fail (store == NULL || PURSUIT_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  g_signal_group_set_target (self->store_signals, store);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

PursuitStore *
pursuit_prospect_card_get_store (PursuitProspectCard *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT_CARD (self), NULL);

  return self->store;
}

static void
popup_menu_at (PursuitProspectCard *self,
               const GdkRectangle  *point)
{
  if (self->menu_popover == NULL)
    {
      self->menu_popover = gtk_popover_menu_new_from_model (card_menu);
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu_popover), FALSE);
      gtk_widget_set_halign (self->menu_popover, GTK_ALIGN_START);
      gtk_widget_set_parent (self->menu_popover, GTK_WIDGET (self));
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu_popover), point);
  gtk_popover_popup (GTK_POPOVER (self->menu_popover));
}

void
pursuit_prospect_card_popup_menu (PursuitProspectCard *self)
{
  g_return_if_fail (PURSUIT_IS_PROSPECT_CARD (self));

  popup_menu_at (self, NULL);
}

const char *
pursuit_prospect_card_get_text (PursuitProspectCard *self,
                                const char          *part)
{
  const struct { const char *name; GtkLabel *label; } parts[] = {
    { "name", self->name_label }, { "company", self->company_label }, { "value", self->value_label },
    { "due", self->due_label }, { "status", self->status_label },
  };

  g_return_val_if_fail (PURSUIT_IS_PROSPECT_CARD (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (g_strcmp0 (part, parts[i].name) == 0)
      return gtk_label_get_text (parts[i].label);
  g_return_val_if_reached (NULL);
}

gboolean
pursuit_prospect_card_get_at_limit (PursuitProspectCard *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT_CARD (self), FALSE);

  return self->at_limit;
}

/* Actions: each hands its prospect to the board's action of the same
 * name. */

/* "card.won" activates "board.won" with the card's prospect, and so on
 * for the actions installed with it in class_init(). */
static void
board_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  PursuitProspectCard *self = PURSUIT_PROSPECT_CARD (widget);
  gint64 id = self->prospect != NULL ? pursuit_prospect_get_id (self->prospect) : 0;
  g_autofree char *on_board = g_strconcat ("board.", action_name + strlen ("card."), NULL);

  gtk_widget_activate_action (widget, on_board, "x", id);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  PursuitProspectCard *self = PURSUIT_PROSPECT_CARD (widget);
  gint64 id = self->prospect != NULL ? pursuit_prospect_get_id (self->prospect) : 0;
  int stage, tier;

  g_variant_get (param, "(ii)", &stage, &tier);
  gtk_widget_activate_action (widget, "board.move", "(xii)", id, stage, tier);
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  pursuit_prospect_card_popup_menu (PURSUIT_PROSPECT_CARD (widget));
}

static void
click_pressed_cb (PursuitProspectCard *self,
                  int                  n_press,
                  double               x,
                  double               y,
                  GtkGesture          *gesture)
{
  GdkRectangle point = { (int) x, (int) y, 1, 1 };

  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu_at (self, &point);
}

/* Dragging: the payload is the prospect under its own type, looked up
 * when the drag starts, since the row may show another prospect later. */

static GdkContentProvider *
drag_prepare_cb (PursuitProspectCard *self,
                 double               x,
                 double               y,
                 GtkDragSource       *source)
{
  if (self->prospect == NULL)
    return NULL;
  return gdk_content_provider_new_typed (PURSUIT_TYPE_PROSPECT, self->prospect);
}

static void
drag_begin_cb (PursuitProspectCard *self,
               GdkDrag             *drag,
               GtkDragSource       *source)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (GTK_WIDGET (self));

  gtk_drag_source_set_icon (source, icon, 0, 0);
  g_signal_emit (self, signals[DRAG_STARTED], 0, self->prospect);
}

static void
drag_end_cb (PursuitProspectCard *self,
             GdkDrag             *drag,
             gboolean             delete_data,
             GtkDragSource       *source)
{
  g_signal_emit (self, signals[DRAG_ENDED], 0);
}

static void
pursuit_prospect_card_dispose (GObject *object)
{
  PursuitProspectCard *self = PURSUIT_PROSPECT_CARD (object);
  GtkWidget *child;

  pursuit_prospect_card_set_prospect (self, NULL);
  pursuit_prospect_card_set_store (self, NULL);
  g_clear_object (&self->prospect_signals);
  g_clear_object (&self->store_signals);
  g_clear_pointer (&self->menu_popover, gtk_widget_unparent);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (pursuit_prospect_card_parent_class)->dispose (object);
}

static void
pursuit_prospect_card_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PursuitProspectCard *self = PURSUIT_PROSPECT_CARD (object);

  switch (prop_id)
    {
    case PROP_PROSPECT:
      g_value_set_object (value, self->prospect);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pursuit_prospect_card_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PursuitProspectCard *self = PURSUIT_PROSPECT_CARD (object);

  switch (prop_id)
    {
    case PROP_PROSPECT:
      pursuit_prospect_card_set_prospect (self, g_value_get_object (value));
      break;
    case PROP_STORE:
      pursuit_prospect_card_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pursuit_prospect_card_class_init (PursuitProspectCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pursuit_prospect_card_dispose;
  object_class->get_property = pursuit_prospect_card_get_property;
  object_class->set_property = pursuit_prospect_card_set_property;

  properties[PROP_PROSPECT] =
    g_param_spec_object ("prospect", NULL, NULL, PURSUIT_TYPE_PROSPECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PursuitProspectCard:store:
   *
   * The store whose policy sets the attempt limit shown.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PURSUIT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PursuitProspectCard::drag-started:
   * @prospect: the prospect being dragged
   */
  signals[DRAG_STARTED] = g_signal_new ("drag-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, PURSUIT_TYPE_PROSPECT);
  /**
   * PursuitProspectCard::drag-ended:
   *
   * The drag of this card ended, dropped or not.
   */
  signals[DRAG_ENDED] = g_signal_new ("drag-ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                      NULL, NULL, NULL, G_TYPE_NONE, 0);

  /* The menu is shared by every card. */
  {
    g_autoptr(GtkBuilder) builder =
      gtk_builder_new_from_resource ("/io/github/pursuit/Pursuit/ui/pursuit-prospect-card-menu.ui");
    card_menu = g_object_ref (G_MENU_MODEL (gtk_builder_get_object (builder, "card_menu")));
  }

  gtk_widget_class_install_action (widget_class, "card.move", "(ii)", move_action);
  gtk_widget_class_install_action (widget_class, "card.won", NULL, board_action);
  gtk_widget_class_install_action (widget_class, "card.let-go", NULL, board_action);
  gtk_widget_class_install_action (widget_class, "card.delete", NULL, board_action);
  gtk_widget_class_install_action (widget_class, "card.merge", NULL, board_action);
  gtk_widget_class_install_action (widget_class, "card.edit", NULL, board_action);
  gtk_widget_class_install_action (widget_class, "card.menu", NULL, menu_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "prospectcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GtkLabel *
new_label (float               xalign,
           PangoEllipsizeMode  ellipsize,
           const char         *css_class,
           const char         *css_class2)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_xalign (label, xalign);
  gtk_label_set_ellipsize (label, ellipsize);
  gtk_label_set_single_line_mode (label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (label), css_class);
  if (css_class2 != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), css_class2);
  return label;
}

/* Built in code, not from a template: the board's list views keep about
 * 200 rows per column (GTK 4.8), and parsing a template for each of them
 * was a fifth of the time to the first frame. */
static void
build_children (PursuitProspectCard *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->value_row = row;
  self->name_label = new_label (0, PANGO_ELLIPSIZE_END, "heading", NULL);
  self->company_label = new_label (0, PANGO_ELLIPSIZE_END, "dim-label", NULL);
  /* An amount cut is a wrong amount: the date beside it wraps instead. */
  self->value_label = new_label (0, PANGO_ELLIPSIZE_NONE, "numeric", NULL);
  self->due_label = new_label (1, PANGO_ELLIPSIZE_NONE, "caption", "due");
  self->status_label = new_label (0, PANGO_ELLIPSIZE_NONE, "caption", "status");
  /* Wrapped, not cut: "time to let go?" ends the line at any width. No
   * natural width of its own, so the column sets the width. */
  gtk_label_set_single_line_mode (self->status_label, FALSE);
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_label_set_wrap_mode (self->status_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (self->status_label, 1);
  /* Wrapped too: cut, "no follow-up planned" read as its opposite in
   * longer languages ("…iedervorlage geplant"). */
  gtk_label_set_single_line_mode (self->due_label, FALSE);
  gtk_label_set_wrap (self->due_label, TRUE);
  gtk_label_set_wrap_mode (self->due_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (self->due_label, GTK_JUSTIFY_RIGHT);

  gtk_widget_set_hexpand (GTK_WIDGET (self->value_label), TRUE);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->value_label));
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->due_label));
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);

  gtk_widget_set_parent (GTK_WIDGET (self->name_label), GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->company_label), GTK_WIDGET (self));
  gtk_widget_set_parent (row, GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->status_label), GTK_WIDGET (self));
}

static void
pursuit_prospect_card_init (PursuitProspectCard *self)
{
  GtkLayoutManager *layout;
  GtkGesture *click;
  GtkDragSource *source;

  build_children (self);

  self->prospect_signals = g_signal_group_new (PURSUIT_TYPE_PROSPECT);
  g_signal_group_connect_object (self->prospect_signals, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  self->store_signals = g_signal_group_new (PURSUIT_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "policy-changed", G_CALLBACK (update), self,
                                 G_CONNECT_SWAPPED);
  /* "tomorrow" is "today" after midnight, on a card left on screen. */
  g_signal_connect_object (pursuit_day_watcher_get_default (), "day-changed", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 3);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (click_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  /* The source offers MOVE: a drop target that takes only MOVE never
   * sees a source that offers the default COPY. */
  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect_object (source, "prepare", G_CALLBACK (drag_prepare_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (source, "drag-begin", G_CALLBACK (drag_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (source, "drag-end", G_CALLBACK (drag_end_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (source));
}
