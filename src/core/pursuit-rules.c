/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-core"

#include "pursuit-rules.h"

#include <math.h>
#include <string.h>

/**
 * pursuit_cadence_init_default:
 * @cadence: (out caller-allocates): the cadence to fill
 *
 * Fills @cadence with the defaults of DESIGN.md (and of the GSettings
 * schema): Hot 1 day, Good 7, Cool 90, Cold 365.
 */
void
pursuit_cadence_init_default (PursuitCadence *cadence)
{
  g_return_if_fail (cadence != NULL);

  memset (cadence, 0, sizeof *cadence);
  cadence->days[PURSUIT_TIER_HOT] = PURSUIT_DEFAULT_CADENCE_HOT;
  cadence->days[PURSUIT_TIER_GOOD] = PURSUIT_DEFAULT_CADENCE_GOOD;
  cadence->days[PURSUIT_TIER_COOL] = PURSUIT_DEFAULT_CADENCE_COOL;
  cadence->days[PURSUIT_TIER_COLD] = PURSUIT_DEFAULT_CADENCE_COLD;
}

/* Adds calendar days, not multiples of 24 hours, so that a follow-up keeps
 * its time of day across a daylight saving change. */
static GDateTime *
add_cadence (const PursuitCadence *cadence,
             PursuitTier           tier,
             GDateTime            *from)
{
  g_assert (cadence != NULL);
  g_assert (tier > PURSUIT_TIER_NONE && tier < PURSUIT_N_TIERS);
  g_assert (from != NULL);

  /* The cadence is user-editable; a huge value must not wrap negative. */
  return g_date_time_add_days (from, (gint) MIN (cadence->days[tier], (guint) G_MAXINT));
}

/**
 * pursuit_rules_due_on_enter:
 * @cadence: the days between touches of each tier
 * @tier: the tier the prospect enters
 * @now: the current time
 *
 * When the first follow-up of a prospect that enters @tier is due: Hot
 * prospects today (at @now), the others after the tier's cadence.
 *
 * Returns: (transfer full) (nullable): the due time, or %NULL for
 *   %PURSUIT_TIER_NONE (or a date past the year 9999)
 */
GDateTime *
pursuit_rules_due_on_enter (const PursuitCadence *cadence,
                            PursuitTier           tier,
                            GDateTime            *now)
{
  g_return_val_if_fail (cadence != NULL, NULL);
  g_return_val_if_fail ((guint) tier < PURSUIT_N_TIERS, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (tier == PURSUIT_TIER_NONE)
    return NULL;

  /* "Hot = follow up today": waiting a day would defeat the triage. */
  if (tier == PURSUIT_TIER_HOT)
    return g_date_time_ref (now);

  return add_cadence (cadence, tier, now);
}

/**
 * pursuit_rules_due_after_touch:
 * @cadence: the days between touches of each tier
 * @tier: the prospect's tier
 * @touched_at: when the touch happened
 *
 * When the next follow-up is due after a touch: the tier's cadence counted
 * from the touch itself, for Hot as well, so a touch logged late (backdated)
 * counts from when it really happened.
 *
 * Returns: (transfer full) (nullable): the due time, or %NULL for
 *   %PURSUIT_TIER_NONE (or a date past the year 9999)
 */
GDateTime *
pursuit_rules_due_after_touch (const PursuitCadence *cadence,
                               PursuitTier           tier,
                               GDateTime            *touched_at)
{
  g_return_val_if_fail (cadence != NULL, NULL);
  g_return_val_if_fail ((guint) tier < PURSUIT_N_TIERS, NULL);
  g_return_val_if_fail (touched_at != NULL, NULL);

  if (tier == PURSUIT_TIER_NONE)
    return NULL;

  return add_cadence (cadence, tier, touched_at);
}

/**
 * pursuit_rules_next_touch:
 * @callback: (nullable): the date the prospect asked to be called back
 * @manual: (nullable): a date the user set by hand
 * @computed: (nullable): the date from the tier cadence
 *
 * Picks the next touch. The prospect's own request wins over the user's
 * plan, which wins over the rule of thumb.
 *
 * Returns: (transfer full) (nullable): the first of @callback, @manual and
 *   @computed that is set, or %NULL when none is
 */
GDateTime *
pursuit_rules_next_touch (GDateTime *callback,
                          GDateTime *manual,
                          GDateTime *computed)
{
  if (callback != NULL)
    return g_date_time_ref (callback);
  if (manual != NULL)
    return g_date_time_ref (manual);
  if (computed != NULL)
    return g_date_time_ref (computed);

  return NULL;
}

static gboolean
fact_resets_streak (const PursuitTouchFact *fact)
{
  g_assert (fact != NULL);

  return fact->direction != PURSUIT_DIRECTION_OUT || pursuit_outcome_is_response (fact->outcome);
}

/* Whether fact @a comes after fact @b in the time line. Facts at the same
 * second keep their order in the array, as a stable sort would. */
static gboolean
fact_is_later (const PursuitTouchFact *facts,
               gsize                   a,
               gsize                   b)
{
  g_assert (facts != NULL);

  return facts[a].when > facts[b].when || (facts[a].when == facts[b].when && a > b);
}

/**
 * pursuit_rules_attempt_streak:
 * @facts: (array length=n_facts) (nullable): the prospect's touches, in any
 *   order
 * @n_facts: the number of @facts
 *
 * Counts the outbound touches without a response since the prospect last
 * responded, in time order whatever the order of @facts, since touches may
 * be backdated. An inbound touch or an answered outcome resets the count.
 *
 * Returns: the attempt streak
 */
guint
pursuit_rules_attempt_streak (const PursuitTouchFact *facts,
                              gsize                   n_facts)
{
  gsize last_reset = G_MAXSIZE;
  guint streak = 0;

  g_return_val_if_fail (facts != NULL || n_facts == 0, 0);

  /* Equivalent to walking a stably sorted copy, without the copy: only the
   * unanswered attempts after the latest reset count. This runs for every
   * prospect of a board, so it stays O(n) and allocation-free. */
  for (gsize i = 0; i < n_facts; i++)
    {
      if (fact_resets_streak (&facts[i])
          && (last_reset == G_MAXSIZE || fact_is_later (facts, i, last_reset)))
        last_reset = i;
    }

  for (gsize i = 0; i < n_facts; i++)
    {
      if (fact_resets_streak (&facts[i]))
        continue;
      if (last_reset == G_MAXSIZE || fact_is_later (facts, i, last_reset))
        streak = streak < G_MAXUINT ? streak + 1 : streak;
    }

  return streak;
}

/* floor(value × win_rate ÷ cost) clamped, for a value that is known. */
static guint
value_based_limit (guint  fixed_limit,
                   double value,
                   double win_rate,
                   double cost_per_touch)
{
  double gain, worth;

  /* Settings that cannot be evaluated are no better than a missing value. */
  if (isnan (win_rate) || isnan (cost_per_touch))
    return MAX (fixed_limit, 1);

  /* An attempt that can bring nothing is not worth more than the first,
   * however cheap; checked before the cost so that 0 ÷ 0 never happens. */
  gain = value * win_rate;
  if (!(gain > 0))
    return PURSUIT_LIMIT_MIN;
  if (cost_per_touch <= 0)
    return PURSUIT_LIMIT_MAX;

  /* Compare in double before casting: the quotient may be huge or +inf. */
  worth = gain / cost_per_touch;
  if (worth >= PURSUIT_LIMIT_MAX)
    return PURSUIT_LIMIT_MAX;

  /* The nudge keeps an exact quotient such as 30 × 0.01 ÷ 0.1 = 3, which
   * binary doubles compute as 2.999…, from losing an attempt. */
  worth = floor (worth + 1e-9);
  if (worth < PURSUIT_LIMIT_MIN)
    return PURSUIT_LIMIT_MIN;

  return (guint) worth;
}

/**
 * pursuit_rules_attempt_limit:
 * @mode: how the limit is chosen
 * @fixed_limit: the user's fixed "cut bait" number
 * @value: the deal value, negative or not finite when unknown
 * @win_rate: the chance that one attempt wins the deal (0..1)
 * @cost_per_touch: what one attempt costs, in the currency of @value
 *
 * How many unanswered attempts a prospect is worth. With
 * %PURSUIT_LIMIT_VALUE, an attempt is worth making while it is expected to
 * bring more than it costs; see pursuit-rules.h for the edge cases.
 *
 * Returns: the limit, at least 1
 */
guint
pursuit_rules_attempt_limit (PursuitLimitMode mode,
                             guint            fixed_limit,
                             double           value,
                             double           win_rate,
                             double           cost_per_touch)
{
  switch (mode)
    {
    case PURSUIT_LIMIT_FIXED:
      return MAX (fixed_limit, 1);

    /* Learned limits need the history (pursuit_policy_attempt_limit()
     * has it); without it they are value-based. */
    case PURSUIT_LIMIT_LEARNED:
    case PURSUIT_LIMIT_VALUE:
      if (!isfinite (value) || value < 0)
        return MAX (fixed_limit, 1);
      return value_based_limit (fixed_limit, value, win_rate, cost_per_touch);

    default:
      g_return_val_if_reached (MAX (fixed_limit, 1));
    }
}

/* White space and invisible characters: a pasted address often carries a
 * no-break space or a zero-width space that would make mail bounce. */
static gboolean
is_blank_or_control (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return g_unichar_isspace (c) || type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT;
}

/* The part after the '@': has a dot, no empty label at either end or in the
 * middle ("a@b..c" is no domain). */
static gboolean
domain_is_valid (const char *domain)
{
  gsize len;

  g_assert (domain != NULL);

  len = strlen (domain);
  if (len == 0 || domain[0] == '.' || domain[len - 1] == '.')
    return FALSE;

  return strchr (domain, '.') != NULL && strstr (domain, "..") == NULL;
}

/**
 * pursuit_email_is_valid:
 * @email: an e-mail address, or ""
 *
 * A shape check, not RFC 5322: enough to catch typing and import mistakes
 * without rejecting a real address. The empty string is valid because the
 * address is optional.
 *
 * Returns: %TRUE if @email is empty or looks like local@domain.tld
 */
gboolean
pursuit_email_is_valid (const char *email)
{
  const char *at = NULL;

  g_return_val_if_fail (email != NULL, FALSE);

  if (*email == '\0')
    return TRUE;
  if (!g_utf8_validate (email, -1, NULL))
    return FALSE;

  for (const char *p = email; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_blank_or_control (c))
        return FALSE;
      if (c == '@')
        {
          if (at != NULL)
            return FALSE;
          at = p;
        }
    }

  return at != NULL && at != email && domain_is_valid (at + 1);
}

/* Skips white space forward from @p, Unicode included: spreadsheets and
 * locales write "€ 250" with a no-break space. */
static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);

  return p;
}

/* Moves @end back over trailing white space, stopping at @start. */
static const char *
trim_space (const char *start,
            const char *end)
{
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);

      if (prev == NULL || !g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  return end;
}

static gboolean
is_currency_symbol (const char *p,
                    const char *end)
{
  return p < end && g_unichar_type (g_utf8_get_char (p)) == G_UNICODE_CURRENCY_SYMBOL;
}

/* Skips one leading currency: a symbol ("$", "€", any Unicode Sc), a symbol
 * with a short letter prefix ("CA$", "A$", "US$", as pursuit_format_value()
 * writes some of them) or a three-letter ISO 4217 code ("USD"), and the
 * space after it. */
static const char *
skip_currency (const char *p,
               const char *end)
{
  gsize letters = 0;

  while (p + letters < end && letters < 4 && g_ascii_isalpha (p[letters]))
    letters++;

  if (letters <= 3 && is_currency_symbol (p + letters, end))
    return skip_space (g_utf8_next_char (p + letters), end);
  if (letters == 3)
    return skip_space (p + 3, end);

  return p;
}

/* Moves @end back over one trailing currency, as some locales write it
 * after the amount ("1.500,50 €", "1.200 CHF"), and the space before it. */
static const char *
trim_currency (const char *start,
               const char *end)
{
  const char *prev = end > start ? g_utf8_find_prev_char (start, end) : NULL;

  if (prev != NULL && is_currency_symbol (prev, end))
    return trim_space (start, prev);
  if (end - start > 3 && g_ascii_isalpha (end[-1]) && g_ascii_isalpha (end[-2]) && g_ascii_isalpha (end[-3])
      && !g_ascii_isalpha (end[-4]))
    return trim_space (start, end - 3);
  return end;
}

/* Copies the integer part into @digits without its separators. Groups after
 * a "," must have exactly three digits and the first one to three, so
 * that "1,00" (a typo, or a decimal comma) is refused rather than misread. */
static const char *
parse_integer_part (const char *p,
                    const char *end,
                    GString    *digits)
{
  gsize group = 0;
  gboolean grouped = FALSE;

  g_assert (digits != NULL);

  for (; p < end && (g_ascii_isdigit (*p) || *p == ','); p++)
    {
      if (*p != ',')
        {
          g_string_append_c (digits, *p);
          group++;
          continue;
        }
      if (group == 0 || group > 3 || (grouped && group != 3))
        return NULL;
      grouped = TRUE;
      group = 0;
    }

  if (group == 0 || (grouped && group != 3))
    return NULL;

  return p;
}

/* Parses the number after the currency, up to @end. */
static gboolean
parse_amount (const char *p,
              const char *end,
              double     *value)
{
  g_autoptr (GString) digits = g_string_new (NULL);

  g_assert (value != NULL);

  p = parse_integer_part (p, end, digits);
  if (p == NULL)
    return FALSE;

  if (p < end && *p == '.')
    {
      g_string_append_c (digits, *p++);
      if (p == end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < end && g_ascii_isdigit (*p))
        g_string_append_c (digits, *p++);
    }
  if (p != end)
    return FALSE;

  /* Only digits and one "." reach strtod, so no exponent, sign, "inf" or
   * "nan" can sneak in; the comparison also catches an overflow to +inf. */
  *value = g_ascii_strtod (digits->str, NULL);
  return *value <= PURSUIT_VALUE_MAX;
}

/**
 * pursuit_value_parse:
 * @text: a deal value as a person or a spreadsheet wrote it
 * @out_value: (out) (optional): where to store the value
 *
 * Parses "1000", "1,000.50", "$1,000.50", "USD 1000", "€ 250" or "250 €". The
 * decimal mark is always ".", whatever the locale, so that a CSV file reads
 * the same on every machine. "" (or only white space) is no value, -1.
 *
 * Returns: %TRUE on success; otherwise @out_value is left untouched
 */
gboolean
pursuit_value_parse (const char *text,
                     double     *out_value)
{
  const char *p, *end, *amount;
  double value = -1;

  g_return_val_if_fail (text != NULL, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;

  end = trim_space (text, text + strlen (text));
  p = skip_space (text, end);
  amount = skip_currency (p, end);
  /* One currency, before the amount or after it. */
  if (amount == p)
    end = trim_currency (p, end);
  if (p != end && !parse_amount (amount, end, &value))
    return FALSE;

  if (out_value != NULL)
    *out_value = value;

  return TRUE;
}

/* Swaps "." and ",": both are ASCII, so never part of a multi-byte UTF-8
 * sequence. */
static void
swap_marks (char *text)
{
  for (char *p = text; *p != '\0'; p++)
    {
      if (*p == '.')
        *p = ',';
      else if (*p == ',')
        *p = '.';
    }
}

gboolean
pursuit_value_parse_marks (const char *text,
                           gboolean    decimal_comma,
                           double     *out_value)
{
  g_autofree char *swapped = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  if (!decimal_comma)
    return pursuit_value_parse (text, out_value);

  swapped = g_strdup (text);
  swap_marks (swapped);
  return pursuit_value_parse (swapped, out_value);
}
