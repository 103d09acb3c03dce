/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-tier-column"

#include "config.h"

#include <glib/gi18n.h>

#include "pursuit-prospect-card.h"
#include "pursuit-tier-column.h"

struct _PursuitTierColumn
{
  GtkWidget          parent_instance;

  char              *title;
  GtkSortListModel  *sorted;
  GtkNoSelection    *selection;

  GtkLabel          *title_label;
  GtkLabel          *count_label;
  GtkStack          *stack;
  GtkListView       *list_view;
};

G_DEFINE_FINAL_TYPE (PursuitTierColumn, pursuit_tier_column, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_N_PROSPECTS,
  N_PROPS
};

enum {
  ACTIVATE_PROSPECT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Soonest next touch first; prospects without one go last. */
static int
compare_next_touch (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  GDateTime *da = pursuit_prospect_get_next_touch ((PursuitProspect *) a);
  GDateTime *db = pursuit_prospect_get_next_touch ((PursuitProspect *) b);

  if (da == NULL || db == NULL)
    return (da == NULL) - (db == NULL);
  return g_date_time_compare (da, db);
}

static void
update_labels (PursuitTierColumn *self)
{
  guint n = pursuit_tier_column_get_n_prospects (self);
  g_autofree char *count = g_strdup_printf ("%u", n);
  g_autofree char *accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u prospect",
                                                              "%s, %u prospects", n),
                                                 self->title != NULL ? self->title : "", n);

  gtk_label_set_text (self->title_label, self->title);
  gtk_label_set_text (self->count_label, count);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, accessible, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

static void
items_changed_cb (PursuitTierColumn *self,
                  guint              position,
                  guint              removed,
                  guint              added)
{
  if (removed == added)
    return;
  update_labels (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROSPECTS]);
}

static void
list_activate_cb (PursuitTierColumn *self,
                  guint              position)
{
  g_autoptr(PursuitProspect) prospect = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (prospect != NULL)
    g_signal_emit (self, signals[ACTIVATE_PROSPECT], 0, prospect);
}

static void
setup_card_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  gtk_list_item_set_child (item, GTK_WIDGET (pursuit_prospect_card_new ()));
}

static void
bind_card_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  pursuit_prospect_card_set_prospect (PURSUIT_PROSPECT_CARD (gtk_list_item_get_child (item)),
                                      gtk_list_item_get_item (item));
}

static void
unbind_card_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  pursuit_prospect_card_set_prospect (PURSUIT_PROSPECT_CARD (gtk_list_item_get_child (item)), NULL);
}

void
pursuit_tier_column_set_model (PursuitTierColumn *self,
                               GListModel        *model)
{
  g_return_if_fail (PURSUIT_IS_TIER_COLUMN (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  gtk_sort_list_model_set_model (self->sorted, model);
  update_labels (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROSPECTS]);
}

GListModel *
pursuit_tier_column_get_shown_model (PursuitTierColumn *self)
{
  g_return_val_if_fail (PURSUIT_IS_TIER_COLUMN (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

guint
pursuit_tier_column_get_n_prospects (PursuitTierColumn *self)
{
  g_return_val_if_fail (PURSUIT_IS_TIER_COLUMN (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
}

GtkListView *
pursuit_tier_column_get_list_view (PursuitTierColumn *self)
{
  g_return_val_if_fail (PURSUIT_IS_TIER_COLUMN (self), NULL);

  return self->list_view;
}

const char *
pursuit_tier_column_get_title (PursuitTierColumn *self)
{
  g_return_val_if_fail (PURSUIT_IS_TIER_COLUMN (self), NULL);

  return self->title;
}

void
pursuit_tier_column_set_title (PursuitTierColumn *self,
                               const char        *title)
{
  g_return_if_fail (PURSUIT_IS_TIER_COLUMN (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  update_labels (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
pursuit_tier_column_dispose (GObject *object)
{
  PursuitTierColumn *self = PURSUIT_TIER_COLUMN (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), PURSUIT_TYPE_TIER_COLUMN);
  /* Template children without an id are not unparented by
   * gtk_widget_dispose_template(). */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (pursuit_tier_column_parent_class)->dispose (object);
}

static void
pursuit_tier_column_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PursuitTierColumn *self = PURSUIT_TIER_COLUMN (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_N_PROSPECTS:
      g_value_set_uint (value, pursuit_tier_column_get_n_prospects (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pursuit_tier_column_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PursuitTierColumn *self = PURSUIT_TIER_COLUMN (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      pursuit_tier_column_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pursuit_tier_column_class_init (PursuitTierColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pursuit_tier_column_dispose;
  object_class->get_property = pursuit_tier_column_get_property;
  object_class->set_property = pursuit_tier_column_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PROSPECTS] =
    g_param_spec_uint ("n-prospects", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PursuitTierColumn::activate-prospect:
   * @prospect: the prospect whose card was activated
   */
  signals[ACTIVATE_PROSPECT] =
    g_signal_new ("activate-prospect", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, PURSUIT_TYPE_PROSPECT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pursuit/Pursuit/ui/pursuit-tier-column.ui");
  gtk_widget_class_bind_template_child (widget_class, PursuitTierColumn, title_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitTierColumn, count_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitTierColumn, stack);
  gtk_widget_class_bind_template_child (widget_class, PursuitTierColumn, list_view);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tiercolumn");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pursuit_tier_column_init (PursuitTierColumn *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkBoxLayout *layout;

  gtk_widget_init_template (GTK_WIDGET (self));

  layout = GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (layout, 6);

  self->sorted = gtk_sort_list_model_new (NULL, GTK_SORTER (gtk_custom_sorter_new (compare_next_touch,
                                                                                   NULL, NULL)));
  self->selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  g_signal_connect_object (self->sorted, "items-changed", G_CALLBACK (items_changed_cb), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_card_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_card_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_card_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  update_labels (self);
}
