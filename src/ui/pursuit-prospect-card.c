/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-prospect-card"

#include "config.h"

#include <glib/gi18n.h>

#include "pursuit-format.h"
#include "pursuit-prospect-card.h"

struct _PursuitProspectCard
{
  GtkWidget        parent_instance;

  PursuitProspect *prospect;

  GtkLabel        *name_label;
  GtkLabel        *company_label;
  GtkLabel        *value_label;
  GtkLabel        *due_label;
};

G_DEFINE_FINAL_TYPE (PursuitProspectCard, pursuit_prospect_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PROSPECT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_css_class (GtkWidget  *widget,
               const char *css_class,
               gboolean    set)
{
  if (set)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

/* Labels take the text as it is (never markup): names and companies are
 * what the user typed. */
static void
update (PursuitProspectCard *self)
{
  PursuitProspect *p = self->prospect;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *currency = pursuit_format_dup_currency ();
  g_autofree char *value = NULL;
  g_autofree char *due = NULL;
  g_autofree char *accessible = NULL;
  gboolean overdue = FALSE;
  const char *company;

  if (p == NULL)
    return;

  company = pursuit_prospect_get_company (p);
  value = pursuit_format_value (pursuit_prospect_get_value (p), currency);
  due = pursuit_format_due (pursuit_prospect_get_next_touch (p), now, &overdue);

  gtk_label_set_text (self->name_label, pursuit_prospect_get_name (p));
  gtk_label_set_text (self->company_label, company);
  gtk_widget_set_visible (GTK_WIDGET (self->company_label), company[0] != '\0');
  gtk_label_set_text (self->value_label, value);
  gtk_label_set_text (self->due_label, due);
  set_css_class (GTK_WIDGET (self->due_label), "overdue", overdue);
  set_css_class (GTK_WIDGET (self->due_label), "dim-label", pursuit_prospect_get_next_touch (p) == NULL);

  /* Translators: a prospect card for screen readers: name, company, value,
   * next touch. */
  accessible = g_strdup_printf (_("%s, %s, %s, next touch %s"), pursuit_prospect_get_name (p), company,
                                value, due);
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

  if (self->prospect == prospect)
    return;

  if (self->prospect != NULL)
    g_signal_handlers_disconnect_by_func (self->prospect, update, self);
  g_set_object (&self->prospect, prospect);
  if (prospect != NULL)
    g_signal_connect_object (prospect, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROSPECT]);
}

const char *
pursuit_prospect_card_get_text (PursuitProspectCard *self,
                                const char          *part)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT_CARD (self), NULL);

  if (g_strcmp0 (part, "name") == 0)
    return gtk_label_get_text (self->name_label);
  if (g_strcmp0 (part, "company") == 0)
    return gtk_label_get_text (self->company_label);
  if (g_strcmp0 (part, "value") == 0)
    return gtk_label_get_text (self->value_label);
  if (g_strcmp0 (part, "due") == 0)
    return gtk_label_get_text (self->due_label);
  g_return_val_if_reached (NULL);
}

static void
pursuit_prospect_card_dispose (GObject *object)
{
  PursuitProspectCard *self = PURSUIT_PROSPECT_CARD (object);
  GtkWidget *child;

  pursuit_prospect_card_set_prospect (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PURSUIT_TYPE_PROSPECT_CARD);
  /* Template children without an id are not unparented by
   * gtk_widget_dispose_template(). */
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pursuit/Pursuit/ui/pursuit-prospect-card.ui");
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectCard, company_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectCard, value_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectCard, due_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "prospectcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pursuit_prospect_card_init (PursuitProspectCard *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 3);
}
