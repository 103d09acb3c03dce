/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-store"

#include "config.h"

#include "pursuit-db.h"
#include "pursuit-enums.h"
#include "pursuit-field.h"
#include "pursuit-touch.h"

struct _PursuitTouch
{
  GObject          parent_instance;

  gint64           id;
  gint64           prospect_id;
  GDateTime       *happened_at;
  PursuitChannel   channel;
  PursuitDirection direction;
  PursuitOutcome   outcome;
  GDateTime       *callback_at;
  char            *note;
  gboolean         informational;
};

G_DEFINE_FINAL_TYPE (PursuitTouch, pursuit_touch, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PROSPECT_ID,
  PROP_HAPPENED_AT,
  PROP_CHANNEL,
  PROP_DIRECTION,
  PROP_OUTCOME,
  PROP_CALLBACK_AT,
  PROP_NOTE,
  PROP_INFORMATIONAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pursuit_touch_finalize (GObject *object)
{
  PursuitTouch *self = PURSUIT_TOUCH (object);

  g_clear_pointer (&self->happened_at, g_date_time_unref);
  g_clear_pointer (&self->callback_at, g_date_time_unref);
  g_free (self->note);

  G_OBJECT_CLASS (pursuit_touch_parent_class)->finalize (object);
}

static void
pursuit_touch_constructed (GObject *object)
{
  PursuitTouch *self = PURSUIT_TOUCH (object);

  G_OBJECT_CLASS (pursuit_touch_parent_class)->constructed (object);

  if (self->happened_at == NULL)
    self->happened_at = g_date_time_new_from_unix_local (g_get_real_time () / G_USEC_PER_SEC);
}

static void
pursuit_touch_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PursuitTouch *self = PURSUIT_TOUCH (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_PROSPECT_ID:
      g_value_set_int64 (value, self->prospect_id);
      break;
    case PROP_HAPPENED_AT:
      g_value_set_boxed (value, self->happened_at);
      break;
    case PROP_CHANNEL:
      g_value_set_enum (value, self->channel);
      break;
    case PROP_DIRECTION:
      g_value_set_enum (value, self->direction);
      break;
    case PROP_OUTCOME:
      g_value_set_enum (value, self->outcome);
      break;
    case PROP_CALLBACK_AT:
      g_value_set_boxed (value, self->callback_at);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_INFORMATIONAL:
      g_value_set_boolean (value, self->informational);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pursuit_touch_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PursuitTouch *self = PURSUIT_TOUCH (object);

  switch (prop_id)
    {
    case PROP_PROSPECT_ID:
      self->prospect_id = g_value_get_int64 (value);
      break;
    case PROP_HAPPENED_AT:
      /* NULL is the unset construct-time default: constructed() fills in
       * now. */
      if (g_value_get_boxed (value) != NULL)
        pursuit_touch_set_happened_at (self, g_value_get_boxed (value));
      break;
    case PROP_CHANNEL:
      pursuit_touch_set_channel (self, g_value_get_enum (value));
      break;
    case PROP_DIRECTION:
      pursuit_touch_set_direction (self, g_value_get_enum (value));
      break;
    case PROP_OUTCOME:
      pursuit_touch_set_outcome (self, g_value_get_enum (value));
      break;
    case PROP_CALLBACK_AT:
      pursuit_touch_set_callback_at (self, g_value_get_boxed (value));
      break;
    case PROP_NOTE:
      pursuit_touch_set_note (self, g_value_get_string (value));
      break;
    case PROP_INFORMATIONAL:
      pursuit_touch_set_informational (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pursuit_touch_class_init (PursuitTouchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->constructed = pursuit_touch_constructed;
  object_class->finalize = pursuit_touch_finalize;
  object_class->get_property = pursuit_touch_get_property;
  object_class->set_property = pursuit_touch_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PROSPECT_ID] =
    g_param_spec_int64 ("prospect-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAPPENED_AT] =
    g_param_spec_boxed ("happened-at", NULL, NULL, G_TYPE_DATE_TIME, flags | G_PARAM_CONSTRUCT);
  properties[PROP_CHANNEL] =
    g_param_spec_enum ("channel", NULL, NULL, PURSUIT_TYPE_CHANNEL, PURSUIT_CHANNEL_CALL, flags);
  properties[PROP_DIRECTION] =
    g_param_spec_enum ("direction", NULL, NULL, PURSUIT_TYPE_DIRECTION, PURSUIT_DIRECTION_OUT,
                       flags);
  properties[PROP_OUTCOME] =
    g_param_spec_enum ("outcome", NULL, NULL, PURSUIT_TYPE_OUTCOME, PURSUIT_OUTCOME_NO_ANSWER,
                       flags);
  properties[PROP_CALLBACK_AT] =
    g_param_spec_boxed ("callback-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, "", flags);
  properties[PROP_INFORMATIONAL] =
    g_param_spec_boolean ("informational", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pursuit_touch_init (PursuitTouch *self)
{
  self->note = g_strdup ("");
}

/**
 * pursuit_touch_new:
 * @prospect_id: the id of the prospect that was contacted
 * @happened_at: (nullable): when; %NULL for now
 * @channel: how
 * @direction: who reached out to whom
 * @outcome: what came of it
 *
 * Creates a detached touch, for pursuit_store_add_touch().
 *
 * Returns: (transfer full): a new #PursuitTouch
 */
PursuitTouch *
pursuit_touch_new (gint64           prospect_id,
                   GDateTime       *happened_at,
                   PursuitChannel   channel,
                   PursuitDirection direction,
                   PursuitOutcome   outcome)
{
  PursuitTouch *self;

  g_return_val_if_fail (prospect_id >= 0, NULL);

  self = g_object_new (PURSUIT_TYPE_TOUCH,
                       "prospect-id", prospect_id,
                       "happened-at", happened_at,
                       NULL);
  self->channel = channel;
  self->direction = direction;
  self->outcome = outcome;
  return self;
}

gint64
pursuit_touch_get_id (PursuitTouch *self)
{
  g_return_val_if_fail (PURSUIT_IS_TOUCH (self), 0);

  return self->id;
}

void
pursuit_touch_set_id (PursuitTouch *self,
                      gint64        id)
{
  g_return_if_fail (PURSUIT_IS_TOUCH (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
pursuit_touch_get_prospect_id (PursuitTouch *self)
{
  g_return_val_if_fail (PURSUIT_IS_TOUCH (self), 0);

  return self->prospect_id;
}

GDateTime *
pursuit_touch_get_happened_at (PursuitTouch *self)
{
  g_return_val_if_fail (PURSUIT_IS_TOUCH (self), NULL);

  return self->happened_at;
}

void
pursuit_touch_set_happened_at (PursuitTouch *self,
                               GDateTime    *when)
{
  g_return_if_fail (PURSUIT_IS_TOUCH (self));

  if (pursuit_field_set_date (&self->happened_at, when))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAPPENED_AT]);
}

PursuitChannel
pursuit_touch_get_channel (PursuitTouch *self)
{
  g_return_val_if_fail (PURSUIT_IS_TOUCH (self), PURSUIT_CHANNEL_CALL);

  return self->channel;
}

void
pursuit_touch_set_channel (PursuitTouch   *self,
                           PursuitChannel  channel)
{
  g_return_if_fail (PURSUIT_IS_TOUCH (self));

  if (self->channel == channel)
    return;
  self->channel = channel;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL]);
}

PursuitDirection
pursuit_touch_get_direction (PursuitTouch *self)
{
  g_return_val_if_fail (PURSUIT_IS_TOUCH (self), PURSUIT_DIRECTION_OUT);

  return self->direction;
}

void
pursuit_touch_set_direction (PursuitTouch     *self,
                             PursuitDirection  direction)
{
  g_return_if_fail (PURSUIT_IS_TOUCH (self));

  if (self->direction == direction)
    return;
  self->direction = direction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRECTION]);
}

PursuitOutcome
pursuit_touch_get_outcome (PursuitTouch *self)
{
  g_return_val_if_fail (PURSUIT_IS_TOUCH (self), PURSUIT_OUTCOME_NO_ANSWER);

  return self->outcome;
}

void
pursuit_touch_set_outcome (PursuitTouch   *self,
                           PursuitOutcome  outcome)
{
  g_return_if_fail (PURSUIT_IS_TOUCH (self));

  if (self->outcome == outcome)
    return;
  self->outcome = outcome;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTCOME]);
}

GDateTime *
pursuit_touch_get_callback_at (PursuitTouch *self)
{
  g_return_val_if_fail (PURSUIT_IS_TOUCH (self), NULL);

  return self->callback_at;
}

void
pursuit_touch_set_callback_at (PursuitTouch *self,
                               GDateTime    *when)
{
  g_return_if_fail (PURSUIT_IS_TOUCH (self));

  if (pursuit_field_set_date (&self->callback_at, when))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CALLBACK_AT]);
}

const char *
pursuit_touch_get_note (PursuitTouch *self)
{
  g_return_val_if_fail (PURSUIT_IS_TOUCH (self), NULL);

  return self->note;
}

void
pursuit_touch_set_note (PursuitTouch *self,
                        const char   *note)
{
  g_return_if_fail (PURSUIT_IS_TOUCH (self));

  if (note == NULL)
    note = "";
  if (g_strcmp0 (self->note, note) == 0)
    return;
  g_free (self->note);
  self->note = g_strdup (note);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

gboolean
pursuit_touch_get_informational (PursuitTouch *self)
{
  g_return_val_if_fail (PURSUIT_IS_TOUCH (self), FALSE);

  return self->informational;
}

void
pursuit_touch_set_informational (PursuitTouch *self,
                                 gboolean      informational)
{
  g_return_if_fail (PURSUIT_IS_TOUCH (self));

  informational = !!informational;
  if (self->informational == informational)
    return;
  self->informational = informational;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INFORMATIONAL]);
}
