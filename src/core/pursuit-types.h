/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PursuitStage:
 * @PURSUIT_STAGE_INBOX: new, not yet triaged
 * @PURSUIT_STAGE_ACTIVE: being pursued, in one of the tiers
 * @PURSUIT_STAGE_CUSTOMER: won; kept in touch with
 * @PURSUIT_STAGE_CLOSED: let go, with a reason
 *
 * Where a prospect is in the pipeline.
 */
typedef enum
{
  PURSUIT_STAGE_INBOX,
  PURSUIT_STAGE_ACTIVE,
  PURSUIT_STAGE_CUSTOMER,
  PURSUIT_STAGE_CLOSED,
} PursuitStage;

#define PURSUIT_N_STAGES 4

/**
 * PursuitTier:
 * @PURSUIT_TIER_NONE: not in a tier (inbox, customers, closed)
 * @PURSUIT_TIER_HOT: follow up today
 * @PURSUIT_TIER_GOOD: follow up within a week
 * @PURSUIT_TIER_COOL: follow up within three months
 * @PURSUIT_TIER_COLD: follow up within a year
 *
 * The temperature of an active prospect; each tier has its own cadence.
 */
typedef enum
{
  PURSUIT_TIER_NONE,
  PURSUIT_TIER_HOT,
  PURSUIT_TIER_GOOD,
  PURSUIT_TIER_COOL,
  PURSUIT_TIER_COLD,
} PursuitTier;

#define PURSUIT_N_TIERS 5

typedef enum
{
  PURSUIT_CHANNEL_CALL,
  PURSUIT_CHANNEL_EMAIL,
  PURSUIT_CHANNEL_VOICEMAIL,
  PURSUIT_CHANNEL_LETTER,
  PURSUIT_CHANNEL_VISIT,
  PURSUIT_CHANNEL_MEETING,
  PURSUIT_CHANNEL_SOCIAL,
} PursuitChannel;

#define PURSUIT_N_CHANNELS 7

typedef enum
{
  PURSUIT_DIRECTION_OUT,
  PURSUIT_DIRECTION_IN,
} PursuitDirection;

#define PURSUIT_N_DIRECTIONS 2

typedef enum
{
  PURSUIT_OUTCOME_NO_ANSWER,
  PURSUIT_OUTCOME_LEFT_MESSAGE,
  PURSUIT_OUTCOME_REPLIED,
  PURSUIT_OUTCOME_MEETING,
  PURSUIT_OUTCOME_CALLBACK_REQUESTED,
  PURSUIT_OUTCOME_FIRM_NO,
  PURSUIT_OUTCOME_WON,
} PursuitOutcome;

#define PURSUIT_N_OUTCOMES 7

typedef enum
{
  PURSUIT_LIMIT_FIXED,
  PURSUIT_LIMIT_VALUE,
  PURSUIT_LIMIT_LEARNED,
} PursuitLimitMode;

/* Why a prospect was let go: the values of "close-reason". */
#define PURSUIT_CLOSE_REASON_FIRM_NO      "firm-no"
#define PURSUIT_CLOSE_REASON_NO_RESPONSE  "no-response"
#define PURSUIT_CLOSE_REASON_NOT_SERIOUS  "not-serious"
#define PURSUIT_CLOSE_REASON_NO_GOAL      "no-clear-goal"
#define PURSUIT_CLOSE_REASON_NO_VALUE     "no-value-seen"
#define PURSUIT_CLOSE_REASON_OUR_END      "changed-our-end"
/* The prospect asked not to be contacted (see "do-not-contact"). */
#define PURSUIT_CLOSE_REASON_DO_NOT_CONTACT "do-not-contact"

/* Stable lower-case names, as stored in the database and written to CSV
 * ("inbox", "hot", "no-answer", ...). from_string() returns FALSE for an
 * unknown name and leaves *out untouched. Matching is case-insensitive and
 * ignores surrounding white space. PURSUIT_TIER_NONE is "" */
const char *pursuit_stage_to_string     (PursuitStage      stage);
gboolean    pursuit_stage_from_string   (const char       *str,
                                         PursuitStage     *out);
const char *pursuit_tier_to_string      (PursuitTier       tier);
gboolean    pursuit_tier_from_string    (const char       *str,
                                         PursuitTier      *out);
const char *pursuit_channel_to_string   (PursuitChannel    channel);
gboolean    pursuit_channel_from_string (const char       *str,
                                         PursuitChannel   *out);
const char *pursuit_direction_to_string (PursuitDirection  direction);
gboolean    pursuit_direction_from_string (const char     *str,
                                           PursuitDirection *out);
const char *pursuit_outcome_to_string   (PursuitOutcome    outcome);
gboolean    pursuit_outcome_from_string (const char       *str,
                                         PursuitOutcome   *out);

/* TRUE when the outcome means the prospect answered (resets the streak). */
gboolean    pursuit_outcome_is_response (PursuitOutcome    outcome);

G_END_DECLS
