/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pursuit-pg-conflict.h"
#include "pursuit-store.h"

/* What a write refused as stale tells the user: what the other person
 * changed, as the server now has it. */

static char *
join_changes (GPtrArray *changes)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < changes->len; i++)
    {
      if (i > 0)
        /* TRANSLATORS: between the changes of a list, "the tier to Good, the notes and the next touch" */
        g_string_append (joined, i + 1 == changes->len ? _(" and ") : _(", "));
      g_string_append (joined, g_ptr_array_index (changes, i));
    }
  return g_string_free (joined, FALSE);
}

static gboolean
same_time (GDateTime *a,
           GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_date_time_to_unix (a) == g_date_time_to_unix (b);
}

static const char *
tier_label (PursuitTier tier)
{
  switch (tier)
    {
    case PURSUIT_TIER_HOT:
      return C_("tier", "Hot");
    case PURSUIT_TIER_GOOD:
      return C_("tier", "Good");
    case PURSUIT_TIER_COOL:
      return C_("tier", "Cool");
    case PURSUIT_TIER_COLD:
      return C_("tier", "Cold");
    case PURSUIT_TIER_NONE:
    default:
      return C_("tier", "none");
    }
}

static const char *
stage_label (PursuitStage stage)
{
  switch (stage)
    {
    case PURSUIT_STAGE_ACTIVE:
      return C_("stage", "Active");
    case PURSUIT_STAGE_CUSTOMER:
      return C_("stage", "Customer");
    case PURSUIT_STAGE_CLOSED:
      return C_("stage", "Let go");
    case PURSUIT_STAGE_INBOX:
    default:
      return C_("stage", "Inbox");
    }
}

/* What differs between @mine (as this store had it) and @theirs (as the
 * server has it), as "the tier to Good and the next touch". */
static char *
describe_changes (PursuitProspect *mine,
                  PursuitProspect *theirs)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
  static const struct
  {
    const char *property;
    const char *label;
  } texts[] = {
    { "name", N_("the name") },
    { "company", N_("the company") },
    { "email", N_("the email address") },
    { "phone", N_("the phone number") },
    { "source", N_("the source") },
    { "notes", N_("the notes") },
    { "tags", N_("the tags") },
    { "close-reason", N_("the reason for letting go") },
  };

  if (pursuit_prospect_get_stage (mine) != pursuit_prospect_get_stage (theirs)
      && pursuit_prospect_get_stage (theirs) != PURSUIT_STAGE_ACTIVE)
    g_ptr_array_add (changes, g_strdup_printf (_("the stage to %s"), stage_label (pursuit_prospect_get_stage (theirs))));
  else if (pursuit_prospect_get_tier (mine) != pursuit_prospect_get_tier (theirs))
    g_ptr_array_add (changes, g_strdup_printf (_("the tier to %s"), tier_label (pursuit_prospect_get_tier (theirs))));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      g_object_get (mine, texts[i].property, &a, NULL);
      g_object_get (theirs, texts[i].property, &b, NULL);
      if (g_strcmp0 (a, b) != 0)
        g_ptr_array_add (changes, g_strdup (_(texts[i].label)));
    }
  if (pursuit_prospect_get_value (mine) != pursuit_prospect_get_value (theirs))
    g_ptr_array_add (changes, g_strdup (_("the value")));
  if (!same_time (pursuit_prospect_get_next_touch (mine), pursuit_prospect_get_next_touch (theirs)))
    g_ptr_array_add (changes, g_strdup (_("the next touch")));
  if (pursuit_prospect_get_attempts (mine) != pursuit_prospect_get_attempts (theirs))
    g_ptr_array_add (changes, g_strdup (_("the attempts")));
  if (changes->len == 0)
    return NULL;
  return join_changes (changes);
}

GError *
pursuit_pg_conflict_error (PursuitProspect *mine,
                           PursuitProspect *theirs)
{
  g_autofree char *changes = theirs != NULL ? describe_changes (mine, theirs) : NULL;
  const char *name = pursuit_prospect_get_name (mine);

  if (theirs == NULL)
    return g_error_new (PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_CONFLICT,
                        _("Someone else deleted “%s” or gave it to another rep meanwhile, so your change "
                          "was not saved."),
                        name);
  if (changes == NULL)
    return g_error_new (PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_CONFLICT,
                        _("Someone else changed “%s” meanwhile, so your change was not saved. The board "
                          "shows theirs now: make your change again if it still applies."),
                        name);
  return g_error_new (PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_CONFLICT,
                      _("Someone else changed %s of “%s” meanwhile, so your change was not saved. The "
                        "board shows theirs now: make your change again if it still applies."),
                      changes, name);
}

