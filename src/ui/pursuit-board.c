/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-board"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pursuit-board.h"

struct _PursuitBoard
{
  GtkWidget          parent_instance;

  PursuitStore      *store;

  GtkStack          *stack;
  PursuitTierColumn *inbox_column;
  PursuitTierColumn *hot_column;
  PursuitTierColumn *good_column;
  PursuitTierColumn *cool_column;
  PursuitTierColumn *cold_column;
};

G_DEFINE_FINAL_TYPE (PursuitBoard, pursuit_board, GTK_TYPE_WIDGET)

enum {
  EDIT_PROSPECT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static PursuitTierColumn *
column_at (PursuitBoard *self,
           guint         index)
{
  PursuitTierColumn *columns[PURSUIT_BOARD_N_COLUMNS] = {
    self->inbox_column, self->hot_column, self->good_column, self->cool_column, self->cold_column,
  };

  g_assert (index < PURSUIT_BOARD_N_COLUMNS);
  return columns[index];
}

static void
update_empty_state (PursuitBoard *self)
{
  guint total = 0;

  for (guint i = 0; i < PURSUIT_BOARD_N_COLUMNS; i++)
    total += pursuit_tier_column_get_n_prospects (column_at (self, i));
  gtk_stack_set_visible_child_name (self->stack, total > 0 ? "columns" : "empty");
}

static void
activate_prospect_cb (PursuitBoard    *self,
                      PursuitProspect *prospect)
{
  g_signal_emit (self, signals[EDIT_PROSPECT], 0, prospect);
}

void
pursuit_board_set_store (PursuitBoard *self,
                         PursuitStore *store)
{
  g_return_if_fail (PURSUIT_IS_BOARD (self));
  g_return_if_fail (store == NULL || PURSUIT_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  for (guint i = 0; i < PURSUIT_BOARD_N_COLUMNS; i++)
    {
      PursuitStage stage = i == 0 ? PURSUIT_STAGE_INBOX : PURSUIT_STAGE_ACTIVE;
      PursuitTier tier = i == 0 ? PURSUIT_TIER_NONE : (PursuitTier) i;

      pursuit_tier_column_set_model (column_at (self, i),
                                     store != NULL ? pursuit_store_get_model (store, stage, tier) : NULL);
    }
  update_empty_state (self);
}

PursuitTierColumn *
pursuit_board_get_column (PursuitBoard *self,
                          guint         index)
{
  g_return_val_if_fail (PURSUIT_IS_BOARD (self), NULL);
  g_return_val_if_fail (index < PURSUIT_BOARD_N_COLUMNS, NULL);

  return column_at (self, index);
}

gboolean
pursuit_board_is_empty (PursuitBoard *self)
{
  g_return_val_if_fail (PURSUIT_IS_BOARD (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0;
}

static void
pursuit_board_dispose (GObject *object)
{
  PursuitBoard *self = PURSUIT_BOARD (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), PURSUIT_TYPE_BOARD);
  /* Template children without an id are not unparented by
   * gtk_widget_dispose_template(). */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pursuit_board_parent_class)->dispose (object);
}

static void
pursuit_board_class_init (PursuitBoardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pursuit_board_dispose;

  /**
   * PursuitBoard::edit-prospect:
   * @prospect: the prospect whose card was activated
   */
  signals[EDIT_PROSPECT] =
    g_signal_new ("edit-prospect", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, PURSUIT_TYPE_PROSPECT);

  g_type_ensure (PURSUIT_TYPE_TIER_COLUMN);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pursuit/Pursuit/ui/pursuit-board.ui");
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, stack);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, inbox_column);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, hot_column);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, good_column);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, cool_column);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, cold_column);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "board");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pursuit_board_init (PursuitBoard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Board"), -1);
  for (guint i = 0; i < PURSUIT_BOARD_N_COLUMNS; i++)
    {
      PursuitTierColumn *column = column_at (self, i);

      g_signal_connect_object (column, "activate-prospect", G_CALLBACK (activate_prospect_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (column, "notify::n-prospects", G_CALLBACK (update_empty_state), self,
                               G_CONNECT_SWAPPED);
    }
  update_empty_state (self);
}
