/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pursuit-db.h"
#include "pursuit-enums.h"
#include "pursuit-field.h"
#include "pursuit-prospect.h"

struct _PursuitProspect
{
  GObject          parent_instance;

  gint64           id;
  char            *name;
  /* g_utf8_collate_key() of the name, made when first asked for. */
  char            *name_key;
  char            *company;
  char            *email;
  char            *phone;
  char            *source;
  char            *tags;
  char            *notes;
  PursuitStage     stage;
  PursuitTier      tier;
  double           value;
  guint            attempts;
  guint            attempt_limit;
  guint            attempts_before;
  GDateTime       *next_touch;
  gboolean         next_touch_manual;
  GDateTime       *callback_at;
  PursuitChannel   next_channel;
  char            *close_reason;
  GDateTime       *revisit_at;
  GDateTime       *closed_at;
  GDateTime       *created_at;
  gboolean         do_not_contact;
};

G_DEFINE_FINAL_TYPE (PursuitProspect, pursuit_prospect, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_COMPANY,
  PROP_EMAIL,
  PROP_PHONE,
  PROP_SOURCE,
  PROP_TAGS,
  PROP_NOTES,
  PROP_STAGE,
  PROP_TIER,
  PROP_VALUE,
  PROP_ATTEMPTS,
  PROP_ATTEMPT_LIMIT,
  PROP_ATTEMPTS_BEFORE,
  PROP_NEXT_TOUCH,
  PROP_NEXT_TOUCH_MANUAL,
  PROP_CALLBACK_AT,
  PROP_NEXT_CHANNEL,
  PROP_CLOSE_REASON,
  PROP_REVISIT_AT,
  PROP_CLOSED_AT,
  PROP_CREATED_AT,
  PROP_DO_NOT_CONTACT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Every empty text shares this one: most prospects leave half a dozen
 * of their texts empty, and 100,000 of them loaded at once would
 * otherwise allocate (and free) as many copies of "". */
static char empty_string[] = "";

static void
free_string (char *str)
{
  if (str != empty_string)
    g_free (str);
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (value == NULL)
    value = "";
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  free_string (*field);
  *field = value[0] != '\0' ? g_strdup (value) : empty_string;
  return TRUE;
}

static void
pursuit_prospect_finalize (GObject *object)
{
  PursuitProspect *self = PURSUIT_PROSPECT (object);

  free_string (self->name);
  g_free (self->name_key);
  free_string (self->company);
  free_string (self->email);
  free_string (self->phone);
  free_string (self->source);
  free_string (self->tags);
  free_string (self->notes);
  free_string (self->close_reason);
  g_clear_pointer (&self->next_touch, g_date_time_unref);
  g_clear_pointer (&self->callback_at, g_date_time_unref);
  g_clear_pointer (&self->revisit_at, g_date_time_unref);
  g_clear_pointer (&self->closed_at, g_date_time_unref);
  g_clear_pointer (&self->created_at, g_date_time_unref);

  G_OBJECT_CLASS (pursuit_prospect_parent_class)->finalize (object);
}

static void
pursuit_prospect_constructed (GObject *object)
{
  PursuitProspect *self = PURSUIT_PROSPECT (object);

  G_OBJECT_CLASS (pursuit_prospect_parent_class)->constructed (object);

  if (self->created_at == NULL)
    self->created_at = g_date_time_new_from_unix_local (g_get_real_time () / G_USEC_PER_SEC);
}

static void
pursuit_prospect_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PursuitProspect *self = PURSUIT_PROSPECT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_COMPANY:
      g_value_set_string (value, self->company);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_TAGS:
      g_value_set_string (value, self->tags);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    case PROP_STAGE:
      g_value_set_enum (value, self->stage);
      break;
    case PROP_TIER:
      g_value_set_enum (value, self->tier);
      break;
    case PROP_VALUE:
      g_value_set_double (value, self->value);
      break;
    case PROP_ATTEMPTS:
      g_value_set_uint (value, self->attempts);
      break;
    case PROP_ATTEMPT_LIMIT:
      g_value_set_uint (value, self->attempt_limit);
      break;
    case PROP_ATTEMPTS_BEFORE:
      g_value_set_uint (value, self->attempts_before);
      break;
    case PROP_NEXT_TOUCH:
      g_value_set_boxed (value, self->next_touch);
      break;
    case PROP_NEXT_TOUCH_MANUAL:
      g_value_set_boolean (value, self->next_touch_manual);
      break;
    case PROP_CALLBACK_AT:
      g_value_set_boxed (value, self->callback_at);
      break;
    case PROP_NEXT_CHANNEL:
      g_value_set_enum (value, self->next_channel);
      break;
    case PROP_CLOSE_REASON:
      g_value_set_string (value, self->close_reason);
      break;
    case PROP_REVISIT_AT:
      g_value_set_boxed (value, self->revisit_at);
      break;
    case PROP_CLOSED_AT:
      g_value_set_boxed (value, self->closed_at);
      break;
    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;
    case PROP_DO_NOT_CONTACT:
      g_value_set_boolean (value, self->do_not_contact);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pursuit_prospect_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PursuitProspect *self = PURSUIT_PROSPECT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      pursuit_prospect_set_name (self, g_value_get_string (value));
      break;
    case PROP_COMPANY:
      pursuit_prospect_set_company (self, g_value_get_string (value));
      break;
    case PROP_EMAIL:
      pursuit_prospect_set_email (self, g_value_get_string (value));
      break;
    case PROP_PHONE:
      pursuit_prospect_set_phone (self, g_value_get_string (value));
      break;
    case PROP_SOURCE:
      pursuit_prospect_set_source (self, g_value_get_string (value));
      break;
    case PROP_TAGS:
      pursuit_prospect_set_tags (self, g_value_get_string (value));
      break;
    case PROP_NOTES:
      pursuit_prospect_set_notes (self, g_value_get_string (value));
      break;
    case PROP_STAGE:
      pursuit_prospect_set_stage (self, g_value_get_enum (value));
      break;
    case PROP_TIER:
      pursuit_prospect_set_tier (self, g_value_get_enum (value));
      break;
    case PROP_VALUE:
      pursuit_prospect_set_value (self, g_value_get_double (value));
      break;
    case PROP_ATTEMPTS:
      pursuit_prospect_set_attempts (self, g_value_get_uint (value));
      break;
    case PROP_ATTEMPT_LIMIT:
      pursuit_prospect_set_attempt_limit (self, g_value_get_uint (value));
      break;
    case PROP_ATTEMPTS_BEFORE:
      pursuit_prospect_set_attempts_before (self, g_value_get_uint (value));
      break;
    case PROP_NEXT_TOUCH:
      pursuit_prospect_set_next_touch (self, g_value_get_boxed (value));
      break;
    case PROP_NEXT_TOUCH_MANUAL:
      pursuit_prospect_set_next_touch_manual (self, g_value_get_boolean (value));
      break;
    case PROP_CALLBACK_AT:
      pursuit_prospect_set_callback_at (self, g_value_get_boxed (value));
      break;
    case PROP_NEXT_CHANNEL:
      pursuit_prospect_set_next_channel (self, g_value_get_enum (value));
      break;
    case PROP_CLOSE_REASON:
      pursuit_prospect_set_close_reason (self, g_value_get_string (value));
      break;
    case PROP_REVISIT_AT:
      pursuit_prospect_set_revisit_at (self, g_value_get_boxed (value));
      break;
    case PROP_CLOSED_AT:
      pursuit_prospect_set_closed_at (self, g_value_get_boxed (value));
      break;
    case PROP_CREATED_AT:
      /* NULL is the unset construct-time default: constructed() fills in
       * now. */
      if (g_value_get_boxed (value) != NULL)
        pursuit_prospect_set_created_at (self, g_value_get_boxed (value));
      break;
    case PROP_DO_NOT_CONTACT:
      pursuit_prospect_set_do_not_contact (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_param (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, "",
                              G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                              G_PARAM_EXPLICIT_NOTIFY);
}

static GParamSpec *
date_param (const char *name)
{
  return g_param_spec_boxed (name, NULL, NULL, G_TYPE_DATE_TIME,
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                             G_PARAM_EXPLICIT_NOTIFY);
}

static void
pursuit_prospect_class_init (PursuitProspectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->constructed = pursuit_prospect_constructed;
  object_class->finalize = pursuit_prospect_finalize;
  object_class->get_property = pursuit_prospect_get_property;
  object_class->set_property = pursuit_prospect_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NAME] = string_param ("name");
  properties[PROP_COMPANY] = string_param ("company");
  properties[PROP_EMAIL] = string_param ("email");
  properties[PROP_PHONE] = string_param ("phone");
  properties[PROP_SOURCE] = string_param ("source");
  properties[PROP_TAGS] = string_param ("tags");
  properties[PROP_NOTES] = string_param ("notes");
  properties[PROP_STAGE] =
    g_param_spec_enum ("stage", NULL, NULL, PURSUIT_TYPE_STAGE, PURSUIT_STAGE_INBOX, flags);
  properties[PROP_TIER] =
    g_param_spec_enum ("tier", NULL, NULL, PURSUIT_TYPE_TIER, PURSUIT_TIER_NONE, flags);
  /* -1 is "no value"; the store refuses anything else below 0. */
  properties[PROP_VALUE] =
    g_param_spec_double ("value", NULL, NULL, -1, G_MAXDOUBLE, -1, flags);
  properties[PROP_ATTEMPTS] =
    g_param_spec_uint ("attempts", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ATTEMPT_LIMIT] =
    g_param_spec_uint ("attempt-limit", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ATTEMPTS_BEFORE] =
    g_param_spec_uint ("attempts-before", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_NEXT_TOUCH] = date_param ("next-touch");
  properties[PROP_NEXT_TOUCH_MANUAL] =
    g_param_spec_boolean ("next-touch-manual", NULL, NULL, FALSE, flags);
  properties[PROP_CALLBACK_AT] = date_param ("callback-at");
  properties[PROP_NEXT_CHANNEL] =
    g_param_spec_enum ("next-channel", NULL, NULL, PURSUIT_TYPE_CHANNEL, PURSUIT_CHANNEL_CALL,
                       flags);
  properties[PROP_CLOSE_REASON] = string_param ("close-reason");
  properties[PROP_REVISIT_AT] = date_param ("revisit-at");
  properties[PROP_CLOSED_AT] = date_param ("closed-at");
  /* Construct-time, so that rows loaded from the database do not look the
   * local time zone up for a "now" that they replace at once. */
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DO_NOT_CONTACT] =
    g_param_spec_boolean ("do-not-contact", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pursuit_prospect_init (PursuitProspect *self)
{
  self->name = empty_string;
  self->company = empty_string;
  self->email = empty_string;
  self->phone = empty_string;
  self->source = empty_string;
  self->tags = empty_string;
  self->notes = empty_string;
  self->close_reason = empty_string;
  self->stage = PURSUIT_STAGE_INBOX;
  self->tier = PURSUIT_TIER_NONE;
  self->value = -1;
  self->next_channel = PURSUIT_CHANNEL_CALL;
}

/**
 * pursuit_prospect_new:
 * @name: (nullable): the prospect's name
 *
 * Creates a detached prospect in the inbox, without tier or value, created
 * now.
 *
 * Returns: (transfer full): a new #PursuitProspect
 */
PursuitProspect *
pursuit_prospect_new (const char *name)
{
  PursuitProspect *self = g_object_new (PURSUIT_TYPE_PROSPECT, NULL);

  set_string (&self->name, name);
  return self;
}

/**
 * pursuit_prospect_dup:
 * @self: a #PursuitProspect
 *
 * Copies every property of @self but "id", for a draft to edit and hand to
 * pursuit_store_update().
 *
 * Returns: (transfer full): a new detached #PursuitProspect
 */
PursuitProspect *
pursuit_prospect_dup (PursuitProspect *self)
{
  PursuitProspect *copy;

  g_return_val_if_fail (PURSUIT_IS_PROSPECT (self), NULL);

  copy = g_object_new (PURSUIT_TYPE_PROSPECT, "created-at", self->created_at, NULL);
  pursuit_prospect_assign (copy, self);
  return copy;
}

/**
 * pursuit_prospect_assign:
 * @self: a #PursuitProspect
 * @from: the prospect to copy from
 *
 * Sets every property of @self but "id" from @from. Notifications are
 * held back until all are set, so that a handler sees the whole change.
 */
void
pursuit_prospect_assign (PursuitProspect *self,
                         PursuitProspect *from)
{
  g_return_if_fail (PURSUIT_IS_PROSPECT (self));
  g_return_if_fail (PURSUIT_IS_PROSPECT (from));

  if (self == from)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  pursuit_prospect_set_name (self, from->name);
  pursuit_prospect_set_company (self, from->company);
  pursuit_prospect_set_email (self, from->email);
  pursuit_prospect_set_phone (self, from->phone);
  pursuit_prospect_set_source (self, from->source);
  pursuit_prospect_set_tags (self, from->tags);
  pursuit_prospect_set_notes (self, from->notes);
  pursuit_prospect_set_stage (self, from->stage);
  pursuit_prospect_set_tier (self, from->tier);
  pursuit_prospect_set_value (self, from->value);
  pursuit_prospect_set_attempts (self, from->attempts);
  pursuit_prospect_set_attempt_limit (self, from->attempt_limit);
  pursuit_prospect_set_attempts_before (self, from->attempts_before);
  pursuit_prospect_set_next_touch (self, from->next_touch);
  pursuit_prospect_set_next_touch_manual (self, from->next_touch_manual);
  pursuit_prospect_set_callback_at (self, from->callback_at);
  pursuit_prospect_set_next_channel (self, from->next_channel);
  pursuit_prospect_set_close_reason (self, from->close_reason);
  pursuit_prospect_set_revisit_at (self, from->revisit_at);
  pursuit_prospect_set_closed_at (self, from->closed_at);
  pursuit_prospect_set_created_at (self, from->created_at);
  pursuit_prospect_set_do_not_contact (self, from->do_not_contact);
  g_object_thaw_notify (G_OBJECT (self));
}

gint64
pursuit_prospect_get_id (PursuitProspect *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (self), 0);

  return self->id;
}

void
pursuit_prospect_set_id (PursuitProspect *self,
                         gint64           id)
{
  g_return_if_fail (PURSUIT_IS_PROSPECT (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/**
 * pursuit_prospect_has_value:
 * @self: a #PursuitProspect
 *
 * Returns: whether a deal value is set (the value is not -1)
 */
gboolean
pursuit_prospect_has_value (PursuitProspect *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (self), FALSE);

  return self->value >= 0;
}

const char *
pursuit_prospect_get_name (PursuitProspect *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (self), NULL);

  return self->name;
}

void
pursuit_prospect_set_name (PursuitProspect *self,
                           const char      *name)
{
  g_return_if_fail (PURSUIT_IS_PROSPECT (self));

  if (set_string (&self->name, name))
    {
      g_clear_pointer (&self->name_key, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
    }
}

/**
 * pursuit_prospect_get_name_key:
 * @self: a #PursuitProspect
 *
 * For sorting by name: strcmp() on the keys of two prospects orders them
 * as g_utf8_collate() on their names does, at a fraction of the cost when
 * a prospect is compared many times.
 *
 * Returns: (transfer none): the collation key of the name, kept until
 *   the name changes
 */
const char *
pursuit_prospect_get_name_key (PursuitProspect *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (self), NULL);

  if (self->name_key == NULL)
    self->name_key = g_utf8_collate_key (self->name, -1);
  return self->name_key;
}

const char *
pursuit_prospect_get_company (PursuitProspect *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (self), NULL);

  return self->company;
}

void
pursuit_prospect_set_company (PursuitProspect *self,
                              const char      *company)
{
  g_return_if_fail (PURSUIT_IS_PROSPECT (self));

  if (set_string (&self->company, company))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPANY]);
}

const char *
pursuit_prospect_get_email (PursuitProspect *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (self), NULL);

  return self->email;
}

void
pursuit_prospect_set_email (PursuitProspect *self,
                            const char      *email)
{
  g_return_if_fail (PURSUIT_IS_PROSPECT (self));

  if (set_string (&self->email, email))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL]);
}

const char *
pursuit_prospect_get_phone (PursuitProspect *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (self), NULL);

  return self->phone;
}

void
pursuit_prospect_set_phone (PursuitProspect *self,
                            const char      *phone)
{
  g_return_if_fail (PURSUIT_IS_PROSPECT (self));

  if (set_string (&self->phone, phone))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONE]);
}

const char *
pursuit_prospect_get_source (PursuitProspect *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (self), NULL);

  return self->source;
}

void
pursuit_prospect_set_source (PursuitProspect *self,
                             const char      *source)
{
  g_return_if_fail (PURSUIT_IS_PROSPECT (self));

  if (set_string (&self->source, source))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

char *
pursuit_prospect_normalize_tags (const char *text)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");
  /* Commas and semicolons separate tags (CRMs write either); so do line
   * breaks, which a tag may not hold. */
  parts = g_strsplit_set (text, ",;\n\r", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *lower = NULL;
      g_auto(GStrv) words = NULL;
      char *tag = g_strstrip (parts[i]);
      gboolean seen = FALSE;

      while (*tag == '#')
        tag = g_strstrip (tag + 1);
      if (*tag == '\0')
        continue;
      /* One space between words, whatever the file had. */
      words = g_strsplit_set (tag, " \t", -1);
      {
        g_autoptr(GString) joined = g_string_new (NULL);

        for (guint j = 0; words[j] != NULL; j++)
          if (words[j][0] != '\0')
            g_string_append_printf (joined, "%s%s", joined->len > 0 ? " " : "", words[j]);
        lower = g_utf8_strdown (joined->str, -1);
      }
      for (guint j = 0; j < kept->len && !seen; j++)
        seen = g_str_equal (g_ptr_array_index (kept, j), lower);
      if (!seen)
        g_ptr_array_add (kept, g_steal_pointer (&lower));
    }
  g_ptr_array_add (kept, NULL);
  return g_strjoinv (",", (char **) kept->pdata);
}

const char *
pursuit_prospect_get_tags (PursuitProspect *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (self), NULL);

  return self->tags;
}

void
pursuit_prospect_set_tags (PursuitProspect *self,
                           const char      *tags)
{
  g_autofree char *normalized = pursuit_prospect_normalize_tags (tags);

  g_return_if_fail (PURSUIT_IS_PROSPECT (self));

  if (set_string (&self->tags, normalized))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

gboolean
pursuit_prospect_has_tag (PursuitProspect *self,
                          const char      *tag)
{
  g_autofree char *wanted = NULL;
  g_auto(GStrv) tags = NULL;

  g_return_val_if_fail (PURSUIT_IS_PROSPECT (self), FALSE);

  wanted = pursuit_prospect_normalize_tags (tag);
  if (wanted[0] == '\0' || strchr (wanted, ',') != NULL || self->tags[0] == '\0')
    return FALSE;
  tags = g_strsplit (self->tags, ",", -1);
  return g_strv_contains ((const char * const *) tags, wanted);
}

const char *
pursuit_prospect_get_notes (PursuitProspect *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (self), NULL);

  return self->notes;
}

void
pursuit_prospect_set_notes (PursuitProspect *self,
                            const char      *notes)
{
  g_return_if_fail (PURSUIT_IS_PROSPECT (self));

  if (set_string (&self->notes, notes))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

PursuitStage
pursuit_prospect_get_stage (PursuitProspect *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (self), PURSUIT_STAGE_INBOX);

  return self->stage;
}

void
pursuit_prospect_set_stage (PursuitProspect *self,
                            PursuitStage     stage)
{
  g_return_if_fail (PURSUIT_IS_PROSPECT (self));

  if (self->stage == stage)
    return;
  self->stage = stage;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
}

PursuitTier
pursuit_prospect_get_tier (PursuitProspect *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (self), PURSUIT_TIER_NONE);

  return self->tier;
}

void
pursuit_prospect_set_tier (PursuitProspect *self,
                           PursuitTier      tier)
{
  g_return_if_fail (PURSUIT_IS_PROSPECT (self));

  if (self->tier == tier)
    return;
  self->tier = tier;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIER]);
}

double
pursuit_prospect_get_value (PursuitProspect *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (self), -1);

  return self->value;
}

void
pursuit_prospect_set_value (PursuitProspect *self,
                            double           value)
{
  g_return_if_fail (PURSUIT_IS_PROSPECT (self));

  if (self->value == value)
    return;
  self->value = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

guint
pursuit_prospect_get_attempts (PursuitProspect *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (self), 0);

  return self->attempts;
}

void
pursuit_prospect_set_attempts (PursuitProspect *self,
                               guint            attempts)
{
  g_return_if_fail (PURSUIT_IS_PROSPECT (self));

  if (self->attempts == attempts)
    return;
  self->attempts = attempts;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTEMPTS]);
}

guint
pursuit_prospect_get_attempt_limit (PursuitProspect *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (self), 0);

  return self->attempt_limit;
}

void
pursuit_prospect_set_attempt_limit (PursuitProspect *self,
                                    guint            limit)
{
  g_return_if_fail (PURSUIT_IS_PROSPECT (self));

  if (self->attempt_limit == limit)
    return;
  self->attempt_limit = limit;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTEMPT_LIMIT]);
}

guint
pursuit_prospect_get_attempts_before (PursuitProspect *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (self), 0);

  return self->attempts_before;
}

void
pursuit_prospect_set_attempts_before (PursuitProspect *self,
                                      guint            attempts)
{
  g_return_if_fail (PURSUIT_IS_PROSPECT (self));

  if (self->attempts_before == attempts)
    return;
  self->attempts_before = attempts;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTEMPTS_BEFORE]);
}

GDateTime *
pursuit_prospect_get_next_touch (PursuitProspect *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (self), NULL);

  return self->next_touch;
}

void
pursuit_prospect_set_next_touch (PursuitProspect *self,
                                 GDateTime       *when)
{
  g_return_if_fail (PURSUIT_IS_PROSPECT (self));

  if (pursuit_field_set_date (&self->next_touch, when))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_TOUCH]);
}

gboolean
pursuit_prospect_get_next_touch_manual (PursuitProspect *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (self), FALSE);

  return self->next_touch_manual;
}

void
pursuit_prospect_set_next_touch_manual (PursuitProspect *self,
                                        gboolean         manual)
{
  g_return_if_fail (PURSUIT_IS_PROSPECT (self));

  manual = !!manual;
  if (self->next_touch_manual == manual)
    return;
  self->next_touch_manual = manual;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_TOUCH_MANUAL]);
}

gboolean
pursuit_prospect_get_do_not_contact (PursuitProspect *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (self), FALSE);

  return self->do_not_contact;
}

void
pursuit_prospect_set_do_not_contact (PursuitProspect *self,
                                     gboolean         dnc)
{
  g_return_if_fail (PURSUIT_IS_PROSPECT (self));

  dnc = !!dnc;
  if (self->do_not_contact == dnc)
    return;
  self->do_not_contact = dnc;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DO_NOT_CONTACT]);
}

GDateTime *
pursuit_prospect_get_callback_at (PursuitProspect *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (self), NULL);

  return self->callback_at;
}

void
pursuit_prospect_set_callback_at (PursuitProspect *self,
                                  GDateTime       *when)
{
  g_return_if_fail (PURSUIT_IS_PROSPECT (self));

  if (pursuit_field_set_date (&self->callback_at, when))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CALLBACK_AT]);
}

PursuitChannel
pursuit_prospect_get_next_channel (PursuitProspect *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (self), PURSUIT_CHANNEL_CALL);

  return self->next_channel;
}

void
pursuit_prospect_set_next_channel (PursuitProspect *self,
                                   PursuitChannel   channel)
{
  g_return_if_fail (PURSUIT_IS_PROSPECT (self));

  if (self->next_channel == channel)
    return;
  self->next_channel = channel;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_CHANNEL]);
}

const char *
pursuit_prospect_get_close_reason (PursuitProspect *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (self), NULL);

  return self->close_reason;
}

void
pursuit_prospect_set_close_reason (PursuitProspect *self,
                                   const char      *close_reason)
{
  g_return_if_fail (PURSUIT_IS_PROSPECT (self));

  if (set_string (&self->close_reason, close_reason))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSE_REASON]);
}

GDateTime *
pursuit_prospect_get_revisit_at (PursuitProspect *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (self), NULL);

  return self->revisit_at;
}

void
pursuit_prospect_set_revisit_at (PursuitProspect *self,
                                 GDateTime       *when)
{
  g_return_if_fail (PURSUIT_IS_PROSPECT (self));

  if (pursuit_field_set_date (&self->revisit_at, when))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISIT_AT]);
}

GDateTime *
pursuit_prospect_get_closed_at (PursuitProspect *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (self), NULL);

  return self->closed_at;
}

void
pursuit_prospect_set_closed_at (PursuitProspect *self,
                                GDateTime       *when)
{
  g_return_if_fail (PURSUIT_IS_PROSPECT (self));

  if (pursuit_field_set_date (&self->closed_at, when))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSED_AT]);
}

GDateTime *
pursuit_prospect_get_created_at (PursuitProspect *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (self), NULL);

  return self->created_at;
}

void
pursuit_prospect_set_created_at (PursuitProspect *self,
                                 GDateTime       *when)
{
  g_return_if_fail (PURSUIT_IS_PROSPECT (self));
  g_return_if_fail (when != NULL);

  if (pursuit_field_set_date (&self->created_at, when))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

static char *
dup_action (PursuitChannel  channel,
            const char     *who)
{
  switch (channel)
    {
    case PURSUIT_CHANNEL_EMAIL:
      return g_strdup_printf (_("Email %s"), who);
    case PURSUIT_CHANNEL_VOICEMAIL:
      return g_strdup_printf (_("Leave a voicemail for %s"), who);
    case PURSUIT_CHANNEL_LETTER:
      return g_strdup_printf (_("Write to %s"), who);
    case PURSUIT_CHANNEL_VISIT:
      return g_strdup_printf (_("Visit %s"), who);
    case PURSUIT_CHANNEL_MEETING:
      return g_strdup_printf (_("Meet %s"), who);
    case PURSUIT_CHANNEL_SOCIAL:
      return g_strdup_printf (_("Message %s"), who);
    case PURSUIT_CHANNEL_CALL:
    default:
      return g_strdup_printf (_("Call %s"), who);
    }
}

/**
 * pursuit_prospect_dup_next_action:
 * @self: a #PursuitProspect
 *
 * What the next touch asks for, as a reminder or a calendar item names it:
 * "Call Jane Doe — Acme".
 *
 * Returns: (transfer full): the text
 */
char *
pursuit_prospect_dup_next_action (PursuitProspect *self)
{
  g_autofree char *action = NULL;
  const char *company;

  g_return_val_if_fail (PURSUIT_IS_PROSPECT (self), NULL);

  action = dup_action (pursuit_prospect_get_next_channel (self), pursuit_prospect_get_name (self));
  company = pursuit_prospect_get_company (self);
  if (company[0] == '\0')
    return g_steal_pointer (&action);
  /* TRANSLATORS: what to do ("Call Jane Doe"), then the company */
  return g_strdup_printf (_("%s — %s"), action, company);
}
