/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-templates"

#include "config.h"

#include <glib/gi18n.h>

#include "pursuit-format.h"
#include "pursuit-templates.h"

#define TEMPLATES_KEY "email-templates"

/* The defaults are the same for every tier: what a salesperson writes
 * depends on where the series stands more than on how warm the prospect
 * is. A user who wants a warmer first note for Hot edits that one. */
static const struct
{
  const char *subject;
  const char *body;
} defaults[PURSUIT_N_TEMPLATE_STEPS] = {
  [PURSUIT_TEMPLATE_STEP_FIRST] = {
    /* Translators: the subject of the first email after meeting a
     * prospect. */
    N_("Following up on our conversation"),
    /* Translators: the first email after meeting a prospect. Words in
     * braces are placeholders that Pursuit fills in: keep them as they
     * are ({first_name} the prospect's first name, {last_touch} the date
     * of the last contact, {my_name} and {signature} the user's). */
    N_("Hi {first_name},\n"
       "\n"
       "Thank you for your time when we spoke on {last_touch}. I enjoyed hearing about your plans and what matters most to you right now.\n"
       "\n"
       "As promised, I would like to suggest a next step: a short call of about 20 minutes to go through how we could help, and to answer any questions you have. Would one day early next week suit you? Let me know a time that works, and I will send an invitation.\n"
       "\n"
       "If someone else should join us, just tell me and I will include them.\n"
       "\n"
       "Best regards,\n"
       "{my_name}\n"
       "{signature}"),
  },
  [PURSUIT_TEMPLATE_STEP_NUDGE] = {
    /* Translators: the subject of a short follow-up email. */
    N_("Quick follow-up"),
    /* Translators: a short follow-up email. Keep the words in braces as
     * they are: Pursuit fills them in. */
    N_("Hi {first_name},\n"
       "\n"
       "I wanted to bring my message of {last_touch} back to the top of your inbox. Is this still on your list? A one-line reply is all I need, even if the answer is “not now”.\n"
       "\n"
       "Thanks,\n"
       "{my_name}\n"
       "{signature}"),
  },
  [PURSUIT_TEMPLATE_STEP_VALUE] = {
    /* Translators: the subject of an email that shares an article or a
     * case study. */
    N_("Something you may find useful"),
    /* Translators: an email that shares an article or a case study. Keep
     * the words in braces as they are: Pursuit fills them in. */
    N_("Hi {first_name},\n"
       "\n"
       "I came across a case study that made me think of our conversation: a team facing much the same challenge, and what worked for them. I thought it could be useful to you, whether or not we end up working together:\n"
       "\n"
       "(add the link here)\n"
       "\n"
       "If any of it raises a question, I am glad to talk it through.\n"
       "\n"
       "Best regards,\n"
       "{my_name}\n"
       "{signature}"),
  },
  [PURSUIT_TEMPLATE_STEP_CLOSING] = {
    /* Translators: the subject of the last email of a series, which tells
     * the prospect that the sender will stop following up. */
    N_("Closing the loop"),
    /* Translators: the last email of a series: it says why the sender
     * will go quiet and leaves the door open. Keep the words in braces as
     * they are: Pursuit fills them in. */
    N_("Hi {first_name},\n"
       "\n"
       "I have reached out a few times and have not heard back, so I assume the timing is not right for you at the moment. I don’t want to fill your inbox, so this will be my last note for now.\n"
       "\n"
       "If things change, or I got it wrong, just reply to this email: I will be happy to pick up where we left off.\n"
       "\n"
       "All the best,\n"
       "{my_name}\n"
       "{signature}"),
  },
};

/* "hot/first": the key of a template in the settings; prospects in no
 * tier (inbox, customers, closed) have their own, "other/…". */
static char *
template_key (PursuitTier         tier,
              PursuitTemplateStep step)
{
  const char *tier_name = tier == PURSUIT_TIER_NONE ? "other" : pursuit_tier_to_string (tier);

  return g_strconcat (tier_name, "/", pursuit_template_step_to_string (step), NULL);
}

static gboolean
valid_args (PursuitTier         tier,
            PursuitTemplateStep step)
{
  return (guint) tier < PURSUIT_N_TIERS && (guint) step < PURSUIT_N_TEMPLATE_STEPS;
}

void
pursuit_templates_get_default (PursuitTier           tier,
                               PursuitTemplateStep   step,
                               char                **subject,
                               char                **body)
{
  g_return_if_fail (valid_args (tier, step));

  if (subject != NULL)
    *subject = g_strdup (_(defaults[step].subject));
  if (body != NULL)
    *body = g_strdup (_(defaults[step].body));
}

/* The edited template of @key in @settings, or FALSE. */
static gboolean
lookup_edited (GSettings  *settings,
               const char *key,
               char      **subject,
               char      **body)
{
  g_autoptr (GVariant) all = g_settings_get_value (settings, TEMPLATES_KEY);
  g_autoptr (GVariant) pair = g_variant_lookup_value (all, key, G_VARIANT_TYPE ("(ss)"));

  if (pair == NULL)
    return FALSE;
  g_variant_get (pair, "(ss)", subject, body);
  return TRUE;
}

void
pursuit_templates_get (GSettings            *settings,
                       PursuitTier           tier,
                       PursuitTemplateStep   step,
                       char                **subject,
                       char                **body)
{
  g_autofree char *key = NULL;
  g_autofree char *edited_subject = NULL;
  g_autofree char *edited_body = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (valid_args (tier, step));

  key = template_key (tier, step);
  if (!lookup_edited (settings, key, &edited_subject, &edited_body))
    {
      pursuit_templates_get_default (tier, step, subject, body);
      return;
    }
  if (subject != NULL)
    *subject = g_steal_pointer (&edited_subject);
  if (body != NULL)
    *body = g_steal_pointer (&edited_body);
}

gboolean
pursuit_templates_is_edited (GSettings           *settings,
                             PursuitTier          tier,
                             PursuitTemplateStep  step)
{
  g_autofree char *key = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (valid_args (tier, step), FALSE);

  key = template_key (tier, step);
  return lookup_edited (settings, key, &subject, &body);
}

/* Writes the templates of @settings with @key set to @subject and @body,
 * or left out when @subject is NULL. */
static void
write_templates (GSettings  *settings,
                 const char *key,
                 const char *subject,
                 const char *body)
{
  g_autoptr (GVariant) all = g_settings_get_value (settings, TEMPLATES_KEY);
  GVariantBuilder builder;
  GVariantIter iter;
  const char *name;
  GVariant *pair;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{s(ss)}"));
  g_variant_iter_init (&iter, all);
  while (g_variant_iter_loop (&iter, "{&s@(ss)}", &name, &pair))
    if (!g_str_equal (name, key))
      g_variant_builder_add (&builder, "{s@(ss)}", name, pair);
  if (subject != NULL)
    g_variant_builder_add (&builder, "{s(ss)}", key, subject, body);
  g_settings_set_value (settings, TEMPLATES_KEY, g_variant_builder_end (&builder));
}

void
pursuit_templates_set (GSettings           *settings,
                       PursuitTier          tier,
                       PursuitTemplateStep  step,
                       const char          *subject,
                       const char          *body)
{
  g_autofree char *key = NULL;
  g_autofree char *old_subject = NULL;
  g_autofree char *old_body = NULL;
  g_autofree char *default_subject = NULL;
  g_autofree char *default_body = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (valid_args (tier, step));
  g_return_if_fail (subject == NULL || g_utf8_validate (subject, -1, NULL));
  g_return_if_fail (body == NULL || g_utf8_validate (body, -1, NULL));

  key = template_key (tier, step);
  if (subject == NULL && body == NULL)
    {
      pursuit_templates_reset (settings, tier, step);
      return;
    }
  pursuit_templates_get (settings, tier, step, &old_subject, &old_body);
  pursuit_templates_get_default (tier, step, &default_subject, &default_body);
  subject = subject != NULL ? subject : old_subject;
  body = body != NULL ? body : old_body;
  /* The default text again: forget the edit, so that the template follows
   * the default (and its translation) from now on. */
  if (g_str_equal (subject, default_subject) && g_str_equal (body, default_body))
    pursuit_templates_reset (settings, tier, step);
  else if (!g_str_equal (subject, old_subject) || !g_str_equal (body, old_body))
    write_templates (settings, key, subject, body);
}

void
pursuit_templates_reset (GSettings           *settings,
                         PursuitTier          tier,
                         PursuitTemplateStep  step)
{
  g_autofree char *key = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (valid_args (tier, step));

  key = template_key (tier, step);
  if (pursuit_templates_is_edited (settings, tier, step))
    write_templates (settings, key, NULL, NULL);
}

/* Composing ------------------------------------------------------------------ */

/* The date of the newest touch of @prospect that is an attempt or an
 * answer (a nurture mailing is not what a follow-up refers to), or else
 * of the newest touch, or else the day the prospect was added. */
static char *
last_touch_date (PursuitStore     *store,
                 PursuitProspect  *prospect,
                 GError          **error)
{
  g_autoptr (GListModel) touches = pursuit_store_list_touches (store, prospect, error);
  g_autoptr (PursuitTouch) newest = NULL;
  GDateTime *created;

  if (touches == NULL)
    return NULL;
  newest = g_list_model_get_item (touches, 0);
  for (guint i = 0; i < g_list_model_get_n_items (touches); i++)
    {
      g_autoptr (PursuitTouch) touch = g_list_model_get_item (touches, i);

      if (!pursuit_touch_get_informational (touch))
        return pursuit_format_date (pursuit_touch_get_happened_at (touch));
    }
  if (newest != NULL)
    return pursuit_format_date (pursuit_touch_get_happened_at (newest));
  created = pursuit_prospect_get_created_at (prospect);
  return created != NULL ? pursuit_format_date (created) : g_strdup ("");
}

/* The user's name as emails are signed: the preference, or else the
 * account's real name. */
static char *
dup_my_name (GSettings *settings)
{
  g_autofree char *name = g_strstrip (g_settings_get_string (settings, "user-name"));
  const char *real = g_get_real_name ();

  if (name[0] != '\0')
    return g_steal_pointer (&name);
  /* GLib says "Unknown" when the account has no real name. */
  if (real == NULL || g_str_equal (real, "Unknown"))
    return g_strdup ("");
  return g_strdup (real);
}

/* Trailing white space goes: an empty signature leaves no blank lines at
 * the end of the mail. */
static char *
expand_trimmed (const char                  *text,
                const PursuitTemplateValues *values)
{
  return g_strchomp (pursuit_template_expand (text, values));
}

gboolean
pursuit_templates_compose (GSettings            *settings,
                           PursuitStore         *store,
                           PursuitProspect      *prospect,
                           PursuitTemplateStep   step,
                           char                **subject,
                           char                **body,
                           GError              **error)
{
  g_autofree char *subject_template = NULL;
  g_autofree char *body_template = NULL;
  g_autofree char *first_name = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *value = NULL;
  g_autofree char *last_touch = NULL;
  g_autofree char *my_name = NULL;
  g_autofree char *signature = NULL;
  PursuitTemplateValues values;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (PURSUIT_IS_STORE (store), FALSE);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), FALSE);
  g_return_val_if_fail ((guint) step < PURSUIT_N_TEMPLATE_STEPS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  last_touch = last_touch_date (store, prospect, error);
  if (last_touch == NULL)
    return FALSE;
  pursuit_templates_get (settings, pursuit_prospect_get_tier (prospect), step, &subject_template, &body_template);
  first_name = pursuit_first_name (pursuit_prospect_get_name (prospect));
  /* "Hi ," is worse than "Hi Acme Sales,": a name of titles only, or no
   * person's name, greets by the whole name. */
  if (first_name[0] == '\0')
    {
      g_free (first_name);
      first_name = g_strdup (pursuit_prospect_get_name (prospect));
    }
  currency = g_settings_get_string (settings, "currency");
  value = pursuit_format_value (pursuit_prospect_get_value (prospect), currency);
  my_name = dup_my_name (settings);
  /* A signature typed with a final line break fits in mid-text too. */
  signature = g_strchomp (g_settings_get_string (settings, "signature"));
  /* Signatures often start with the name that the defaults write just
   * before them: the name is signed once. */
  if (strstr (body_template, "{my_name}\n{signature}") != NULL && my_name[0] != '\0'
      && g_str_has_prefix (signature, my_name)
      && (signature[strlen (my_name)] == '\0' || signature[strlen (my_name)] == '\n'))
    {
      char *rest = g_strdup (signature + strlen (my_name) + (signature[strlen (my_name)] == '\n'));

      g_free (signature);
      signature = rest;
    }
  values = (PursuitTemplateValues) {
    .first_name = first_name,
    .name = pursuit_prospect_get_name (prospect),
    .company = pursuit_prospect_get_company (prospect),
    .value = value,
    .last_touch = last_touch,
    .my_name = my_name,
    .signature = signature,
  };
  if (subject != NULL)
    *subject = g_strstrip (pursuit_template_expand (subject_template, &values));
  if (body != NULL)
    *body = expand_trimmed (body_template, &values);
  return TRUE;
}
