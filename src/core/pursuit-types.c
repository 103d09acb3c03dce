/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-core"

#include "pursuit-types.h"

#include <string.h>

/* These names are stored in the database and written to CSV files, so they
 * must never change; add new values at the end. The designated initialisers
 * keep each name next to its value whatever the enum order. */

static const char *const stage_names[] = {
  [PURSUIT_STAGE_INBOX] = "inbox",
  [PURSUIT_STAGE_ACTIVE] = "active",
  [PURSUIT_STAGE_CUSTOMER] = "customer",
  [PURSUIT_STAGE_CLOSED] = "closed",
};

static const char *const tier_names[] = {
  [PURSUIT_TIER_NONE] = "",
  [PURSUIT_TIER_HOT] = "hot",
  [PURSUIT_TIER_GOOD] = "good",
  [PURSUIT_TIER_COOL] = "cool",
  [PURSUIT_TIER_COLD] = "cold",
};

static const char *const channel_names[] = {
  [PURSUIT_CHANNEL_CALL] = "call",
  [PURSUIT_CHANNEL_EMAIL] = "email",
  [PURSUIT_CHANNEL_VOICEMAIL] = "voicemail",
  [PURSUIT_CHANNEL_LETTER] = "letter",
  [PURSUIT_CHANNEL_VISIT] = "visit",
  [PURSUIT_CHANNEL_MEETING] = "meeting",
  [PURSUIT_CHANNEL_SOCIAL] = "social",
};

static const char *const direction_names[] = {
  [PURSUIT_DIRECTION_OUT] = "out",
  [PURSUIT_DIRECTION_IN] = "in",
};

static const char *const outcome_names[] = {
  [PURSUIT_OUTCOME_NO_ANSWER] = "no-answer",
  [PURSUIT_OUTCOME_LEFT_MESSAGE] = "left-message",
  [PURSUIT_OUTCOME_REPLIED] = "replied",
  [PURSUIT_OUTCOME_MEETING] = "meeting",
  [PURSUIT_OUTCOME_CALLBACK_REQUESTED] = "callback-requested",
  [PURSUIT_OUTCOME_FIRM_NO] = "firm-no",
  [PURSUIT_OUTCOME_WON] = "won",
};

/* A value added to an enum without a name here would read past the table. */
G_STATIC_ASSERT (G_N_ELEMENTS (stage_names) == PURSUIT_N_STAGES);
G_STATIC_ASSERT (G_N_ELEMENTS (tier_names) == PURSUIT_N_TIERS);
G_STATIC_ASSERT (G_N_ELEMENTS (channel_names) == PURSUIT_N_CHANNELS);
G_STATIC_ASSERT (G_N_ELEMENTS (direction_names) == PURSUIT_N_DIRECTIONS);
G_STATIC_ASSERT (G_N_ELEMENTS (outcome_names) == PURSUIT_N_OUTCOMES);

/* Finds @str in @names, ignoring ASCII case and surrounding white space
 * (names come back from CSV files edited by hand). ASCII only, so the
 * result does not depend on the locale. */
static gboolean
lookup_name (const char *const *names,
             guint              n_names,
             const char        *str,
             guint             *index)
{
  const char *end;
  gsize len;

  g_assert (names != NULL);
  g_assert (str != NULL);
  g_assert (index != NULL);

  while (g_ascii_isspace (*str))
    str++;
  end = str + strlen (str);
  while (end > str && g_ascii_isspace (end[-1]))
    end--;
  len = (gsize) (end - str);

  for (guint i = 0; i < n_names; i++)
    {
      if (strlen (names[i]) == len && g_ascii_strncasecmp (names[i], str, len) == 0)
        {
          *index = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * pursuit_stage_to_string:
 * @stage: a #PursuitStage
 *
 * Returns: (transfer none): the stable name of @stage, such as "inbox"
 */
const char *
pursuit_stage_to_string (PursuitStage stage)
{
  g_return_val_if_fail ((guint) stage < G_N_ELEMENTS (stage_names), NULL);

  return stage_names[stage];
}

/**
 * pursuit_stage_from_string:
 * @str: a stage name, such as "inbox"
 * @out: (out): where to store the stage
 *
 * Returns: %TRUE if @str names a stage; otherwise @out is left untouched
 */
gboolean
pursuit_stage_from_string (const char   *str,
                           PursuitStage *out)
{
  guint index;

  g_return_val_if_fail (str != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!lookup_name (stage_names, G_N_ELEMENTS (stage_names), str, &index))
    return FALSE;

  *out = (PursuitStage) index;
  return TRUE;
}

/**
 * pursuit_tier_to_string:
 * @tier: a #PursuitTier
 *
 * Returns: (transfer none): the stable name of @tier, such as "hot", or ""
 *   for %PURSUIT_TIER_NONE
 */
const char *
pursuit_tier_to_string (PursuitTier tier)
{
  g_return_val_if_fail ((guint) tier < G_N_ELEMENTS (tier_names), NULL);

  return tier_names[tier];
}

/**
 * pursuit_tier_from_string:
 * @str: a tier name, such as "hot", or "" for no tier
 * @out: (out): where to store the tier
 *
 * Returns: %TRUE if @str names a tier; otherwise @out is left untouched
 */
gboolean
pursuit_tier_from_string (const char  *str,
                          PursuitTier *out)
{
  guint index;

  g_return_val_if_fail (str != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!lookup_name (tier_names, G_N_ELEMENTS (tier_names), str, &index))
    return FALSE;

  *out = (PursuitTier) index;
  return TRUE;
}

/**
 * pursuit_channel_to_string:
 * @channel: a #PursuitChannel
 *
 * Returns: (transfer none): the stable name of @channel, such as "call"
 */
const char *
pursuit_channel_to_string (PursuitChannel channel)
{
  g_return_val_if_fail ((guint) channel < G_N_ELEMENTS (channel_names), NULL);

  return channel_names[channel];
}

/**
 * pursuit_channel_from_string:
 * @str: a channel name, such as "call"
 * @out: (out): where to store the channel
 *
 * Returns: %TRUE if @str names a channel; otherwise @out is left untouched
 */
gboolean
pursuit_channel_from_string (const char     *str,
                             PursuitChannel *out)
{
  guint index;

  g_return_val_if_fail (str != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!lookup_name (channel_names, G_N_ELEMENTS (channel_names), str, &index))
    return FALSE;

  *out = (PursuitChannel) index;
  return TRUE;
}

/**
 * pursuit_direction_to_string:
 * @direction: a #PursuitDirection
 *
 * Returns: (transfer none): "out" or "in"
 */
const char *
pursuit_direction_to_string (PursuitDirection direction)
{
  g_return_val_if_fail ((guint) direction < G_N_ELEMENTS (direction_names), NULL);

  return direction_names[direction];
}

/**
 * pursuit_direction_from_string:
 * @str: "out" or "in"
 * @out: (out): where to store the direction
 *
 * Returns: %TRUE if @str names a direction; otherwise @out is left untouched
 */
gboolean
pursuit_direction_from_string (const char       *str,
                               PursuitDirection *out)
{
  guint index;

  g_return_val_if_fail (str != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!lookup_name (direction_names, G_N_ELEMENTS (direction_names), str, &index))
    return FALSE;

  *out = (PursuitDirection) index;
  return TRUE;
}

/**
 * pursuit_outcome_to_string:
 * @outcome: a #PursuitOutcome
 *
 * Returns: (transfer none): the stable name of @outcome, such as "no-answer"
 */
const char *
pursuit_outcome_to_string (PursuitOutcome outcome)
{
  g_return_val_if_fail ((guint) outcome < G_N_ELEMENTS (outcome_names), NULL);

  return outcome_names[outcome];
}

/**
 * pursuit_outcome_from_string:
 * @str: an outcome name, such as "no-answer"
 * @out: (out): where to store the outcome
 *
 * Returns: %TRUE if @str names an outcome; otherwise @out is left untouched
 */
gboolean
pursuit_outcome_from_string (const char     *str,
                             PursuitOutcome *out)
{
  guint index;

  g_return_val_if_fail (str != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!lookup_name (outcome_names, G_N_ELEMENTS (outcome_names), str, &index))
    return FALSE;

  *out = (PursuitOutcome) index;
  return TRUE;
}

/**
 * pursuit_outcome_is_response:
 * @outcome: a #PursuitOutcome
 *
 * Whether the prospect answered. An unanswered call or a message left on a
 * machine is still an attempt; everything else, a "no" included, means the
 * prospect engaged, which ends the current attempt streak.
 *
 * Returns: %TRUE if @outcome is a response from the prospect
 */
gboolean
pursuit_outcome_is_response (PursuitOutcome outcome)
{
  switch (outcome)
    {
    case PURSUIT_OUTCOME_NO_ANSWER:
    case PURSUIT_OUTCOME_LEFT_MESSAGE:
      return FALSE;

    case PURSUIT_OUTCOME_REPLIED:
    case PURSUIT_OUTCOME_MEETING:
    case PURSUIT_OUTCOME_CALLBACK_REQUESTED:
    case PURSUIT_OUTCOME_FIRM_NO:
    case PURSUIT_OUTCOME_WON:
      return TRUE;

    default:
      g_return_val_if_reached (FALSE);
    }
}
