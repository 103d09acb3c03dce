/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "pursuit-whatif.h"

static gboolean
is_response (const PursuitInsightsTouch *touch)
{
  return touch->direction == PURSUIT_DIRECTION_IN || pursuit_outcome_is_response (touch->outcome);
}

/* @cut[n]: the attempts made before the streak reached n, for every n it
 * reached (G_MAXUINT for the others); returns all attempts made. */
static guint
find_cuts (const PursuitInsightsProspect *p,
           const PursuitInsightsTouch    *touches,
           guint                          n_touches,
           gint64                         now,
           guint                         *cut)
{
  gboolean revisited = p->revisit_at != 0 && p->revisit_at <= now;
  guint streak = 0, attempts = 0;

  for (guint n = 0; n <= PURSUIT_LIMIT_MAX; n++)
    cut[n] = G_MAXUINT;
  for (guint i = 0; i < n_touches; i++)
    {
      const PursuitInsightsTouch *t = &touches[i];

      if (revisited && t->when >= p->revisit_at && (i == 0 || touches[i - 1].when < p->revisit_at))
        streak = 0;
      if (t->direction != PURSUIT_DIRECTION_OUT)
        {
          streak = 0;
          continue;
        }
      /* With a limit of streak, this attempt is where the pursuit ends. */
      if (streak >= 1 && streak <= PURSUIT_LIMIT_MAX && cut[streak] == G_MAXUINT)
        cut[streak] = attempts;
      attempts++;
      streak = is_response (t) ? 0 : streak + 1;
    }
  return attempts;
}

static void
count_cut (PursuitWhatIf                 *what_if,
           const PursuitInsightsProspect *p,
           guint                          cut,
           guint                          attempts)
{
  if (cut == G_MAXUINT)
    return;
  what_if->attempts_saved += attempts - cut;
  if (p->stage == PURSUIT_STAGE_CUSTOMER)
    {
      what_if->wins_lost++;
      if (isfinite (p->value) && p->value > 0)
        what_if->value_lost += p->value;
    }
}

/**
 * pursuit_what_if_add:
 * @what_if: (array fixed-size=21): the sums, indexed by limit
 * @prospect: a closed prospect (won or lost)
 * @touches: (array length=n_touches): its touches that count
 * @n_touches: how many
 * @now: the current time
 * @own_limit: its limit under the other rule, for @what_if[0]
 */
void
pursuit_what_if_add (PursuitWhatIf                 *what_if,
                     const PursuitInsightsProspect *prospect,
                     const PursuitInsightsTouch    *touches,
                     guint                          n_touches,
                     gint64                         now,
                     guint                          own_limit)
{
  guint cut[PURSUIT_LIMIT_MAX + 1];
  guint attempts;

  g_return_if_fail (what_if != NULL && prospect != NULL);
  g_return_if_fail (touches != NULL || n_touches == 0);

  attempts = find_cuts (prospect, touches, n_touches, now, cut);
  for (guint n = 1; n <= PURSUIT_LIMIT_MAX; n++)
    count_cut (&what_if[n], prospect, cut[n], attempts);
  count_cut (&what_if[0], prospect, cut[CLAMP (own_limit, PURSUIT_LIMIT_MIN, PURSUIT_LIMIT_MAX)], attempts);
}

static char *
lost_text (const PursuitWhatIf *what_if,
           const char          *value_text)
{
  if (what_if->wins_lost == 0)
    /* Translators: "… and lost no wins." */
    return g_strdup (_("no wins"));
  if (what_if->value_lost > 0 && value_text != NULL)
    /* Translators: "… and lost 2 wins worth $9,000." */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u win worth %s", "%u wins worth %s", what_if->wins_lost),
                            what_if->wins_lost, value_text);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u win", "%u wins", what_if->wins_lost), what_if->wins_lost);
}

static char *
unchanged_text (guint limit)
{
  if (limit == 0)
    return g_strdup (_("With the learned limit you would have made the same attempts and won the same deals."));
  /* Translators: "With a limit of 20 you would have made …". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "With a limit of %u you would have made the same attempts and won the same deals.",
                                       "With a limit of %u you would have made the same attempts and won the same deals.",
                                       limit),
                          limit);
}

/**
 * pursuit_what_if_text:
 *
 * Returns: (transfer full): the sentences
 */
char *
pursuit_what_if_text (const PursuitWhatIf *what_if,
                      guint                limit,
                      const char          *saved_text,
                      const char          *lost_value_text,
                      const char          *net_text,
                      double               net)
{
  g_autofree char *fewer = NULL;
  g_autofree char *lost = NULL;
  g_autofree char *sentence = NULL;

  g_return_val_if_fail (what_if != NULL, NULL);

  if (what_if->attempts_saved == 0)
    return unchanged_text (limit);
  /* Translators: "212 fewer attempts", in "you would have made 212 fewer
   * attempts (≈ $4,240)". */
  fewer = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u fewer attempt", "%u fewer attempts",
                                        what_if->attempts_saved),
                           what_if->attempts_saved);
  lost = lost_text (what_if, lost_value_text);
  if (limit == 0)
    /* Translators: the first %s is "212 fewer attempts", the second the
     * money they cost, the third "2 wins worth $9,000" or "no win". */
    sentence = g_strdup_printf (_("With the learned limit you would have made %s (≈ %s) and lost %s."), fewer,
                                saved_text != NULL ? saved_text : "", lost);
  else
    /* Translators: "With a limit of 5 you would have made 212 fewer
     * attempts (≈ $4,240) and lost 2 wins worth $9,000." */
    sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "With a limit of %u you would have made %s (≈ %s) and lost %s.",
                                             "With a limit of %u you would have made %s (≈ %s) and lost %s.", limit),
                                limit, fewer, saved_text != NULL ? saved_text : "", lost);
  if (net_text == NULL || net == 0)
    return g_steal_pointer (&sentence);
  if (net > 0)
    /* Translators: the sentence above, then "On balance, ≈ $3,000 more
     * profit." */
    return g_strdup_printf (_("%s On balance, ≈ %s more profit."), sentence, net_text);
  return g_strdup_printf (_("%s On balance, ≈ %s less profit."), sentence, net_text);
}
