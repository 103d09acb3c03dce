/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-outreach"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pursuit-outreach.h"

/* Placeholders ------------------------------------------------------------ */

static const char *
placeholder_value (const PursuitTemplateValues *values,
                   const char                  *name,
                   gsize                        len,
                   gboolean                    *known)
{
  static const char *const names[] = {
    "first_name", "name", "company", "value", "last_touch", "my_name", "signature",
  };
  const char *by_index[G_N_ELEMENTS (names)];

  by_index[0] = values ? values->first_name : NULL;
  by_index[1] = values ? values->name : NULL;
  by_index[2] = values ? values->company : NULL;
  by_index[3] = values ? values->value : NULL;
  by_index[4] = values ? values->last_touch : NULL;
  by_index[5] = values ? values->my_name : NULL;
  by_index[6] = values ? values->signature : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strlen (names[i]) == len && memcmp (names[i], name, len) == 0)
      {
        *known = TRUE;
        return by_index[i] ? by_index[i] : "";
      }

  *known = FALSE;
  return NULL;
}

/**
 * pursuit_template_expand:
 * @text: (nullable): a template
 * @values: (nullable): the placeholders' values
 *
 * One pass over @text: a value is appended as it is and never scanned
 * again, so a name such as "{signature}" stays that name, and nothing in
 * the text or the values is ever a format string.
 *
 * Returns: (transfer full): @text with its placeholders filled
 */
char *
pursuit_template_expand (const char                  *text,
                         const PursuitTemplateValues *values)
{
  GString *out;
  const char *p;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (text) + 64);
  p = text;
  while (*p != '\0')
    {
      const char *open = strchr (p, '{');
      const char *close;
      const char *value;
      gboolean known = FALSE;

      if (open == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, open - p);
      close = strchr (open + 1, '}');
      value = close ? placeholder_value (values, open + 1, close - open - 1, &known) : NULL;
      if (!known)
        {
          /* Not one of ours: the brace stays, and the scan goes on after
           * it, so "{{name}" still fills the inner one. */
          g_string_append_c (out, '{');
          p = open + 1;
          continue;
        }
      g_string_append (out, value);
      p = close + 1;
    }

  return g_string_free (out, FALSE);
}

/* First names ------------------------------------------------------------- */

static gboolean
word_in (const char        *word,
         const char *const *list)
{
  g_autofree char *folded = NULL;
  gsize len = strlen (word);

  /* "Dr." and "Dr" alike; "Jr.," too. */
  while (len > 0 && (word[len - 1] == '.' || word[len - 1] == ','))
    len--;
  if (len == 0)
    return TRUE;
  folded = g_utf8_casefold (word, len);
  for (guint i = 0; list[i] != NULL; i++)
    if (g_str_equal (folded, list[i]))
      return TRUE;
  return FALSE;
}

static const char *const titles[] = {
  "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame",
  "madam", "madame", "mme", "mlle", "monsieur", "herr", "frau", "fr", "hr",
  "sr", "sra", "srta", "rev", "hon", "lord", "lady", "capt", "dipl", "ing",
  NULL
};

static const char *const suffixes[] = {
  "jr", "sr", "ii", "iii", "iv", "phd", "md", "mba", "esq", "cpa", "dds",
  "msc", "bsc", "ma", "ba", "rn", "pe",
  NULL
};

/* The part of @name that holds the given name: "Doe, Jane" gives "Jane",
 * but "Jane Doe, PhD" gives "Jane Doe". */
static char *
given_part (const char *name)
{
  g_auto (GStrv) parts = g_strsplit (name, ",", 3);
  g_autofree char *second = NULL;
  g_auto (GStrv) words = NULL;

  if (parts[0] == NULL || parts[1] == NULL)
    return g_strdup (name);
  second = g_strstrip (g_strdup (parts[1]));
  words = g_strsplit_set (second, " \t", 2);
  if (second[0] == '\0' || word_in (words[0], suffixes))
    return g_strdup (parts[0]);
  return g_steal_pointer (&second);
}

/**
 * pursuit_first_name:
 * @name: (nullable): a person's name
 *
 * Returns: (transfer full): the first word of @name that is not a title,
 *   "" for %NULL or a name of titles only
 */
char *
pursuit_first_name (const char *name)
{
  g_autofree char *part = NULL;
  g_auto (GStrv) words = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return g_strdup ("");

  part = given_part (name);
  words = g_strsplit_set (part, " \t\r\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0' || word_in (words[i], titles))
        continue;
      return g_strdup (words[i]);
    }
  return g_strdup ("");
}

/* Steps ------------------------------------------------------------------- */

static const char *const step_names[PURSUIT_N_TEMPLATE_STEPS] = {
  "first", "nudge", "value", "closing",
};

PursuitTemplateStep
pursuit_template_step_for_attempt (guint    attempt,
                                   gboolean closing)
{
  if (closing)
    return PURSUIT_TEMPLATE_STEP_CLOSING;
  if (attempt <= 1)
    return PURSUIT_TEMPLATE_STEP_FIRST;
  if (attempt == 2)
    return PURSUIT_TEMPLATE_STEP_NUDGE;
  return PURSUIT_TEMPLATE_STEP_VALUE;
}

const char *
pursuit_template_step_to_string (PursuitTemplateStep step)
{
  if ((guint) step >= PURSUIT_N_TEMPLATE_STEPS)
    return NULL;
  return step_names[step];
}

gboolean
pursuit_template_step_from_string (const char          *str,
                                   PursuitTemplateStep *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < PURSUIT_N_TEMPLATE_STEPS; i++)
    if (g_str_equal (str, step_names[i]))
      {
        *out = (PursuitTemplateStep) i;
        return TRUE;
      }
  return FALSE;
}

/* mailto: ----------------------------------------------------------------- */

static gboolean
is_unreserved (guchar c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '.' || c == '_' || c == '~';
}

/* Percent-encodes @text: every byte outside RFC 3986's unreserved set
 * (and @keep), line breaks of any kind as %0D%0A, or as @break_as when it
 * is not NULL. */
static void
append_encoded (GString    *out,
                const char *text,
                const char *keep,
                const char *break_as)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p == '\r' || *p == '\n')
        {
          g_string_append (out, break_as ? break_as : "%0D%0A");
          if (*p == '\r' && p[1] == '\n')
            p++;
        }
      else if (is_unreserved (*p) || (keep && *p != '\0' && strchr (keep, *p)))
        g_string_append_c (out, (char) *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
}

/* Appends the addresses of @list, trimmed, empty ones skipped, joined by
 * ",". Returns the number appended. */
static guint
append_addresses (GString           *out,
                  const char *const *list)
{
  guint n = 0;

  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    {
      g_autofree char *address = g_strstrip (g_strdup (list[i]));

      if (address[0] == '\0')
        continue;
      if (n++ > 0)
        g_string_append_c (out, ',');
      /* "@" may stand in a mailto: URI's path and its query (RFC 6068's
       * some-delims); everything else an address could hold is encoded,
       * "," "?" "&" "%" "#" included. */
      append_encoded (out, address, "@", "%20");
    }
  return n;
}

static void
append_field (GString    *out,
              gboolean   *first,
              const char *name,
              const char *value,
              const char *break_as)
{
  g_string_append_c (out, *first ? '?' : '&');
  *first = FALSE;
  g_string_append (out, name);
  g_string_append_c (out, '=');
  append_encoded (out, value, NULL, break_as);
}

/**
 * pursuit_mailto_uri:
 * @to: (nullable) (array zero-terminated=1): the recipients
 * @bcc: (nullable) (array zero-terminated=1): the blind copies
 * @subject: (nullable): the subject: a line break in it becomes a space,
 *   since a header has one line
 * @body: (nullable): the body
 *
 * Returns: (transfer full): an RFC 6068 mailto: URI
 */
char *
pursuit_mailto_uri (const char *const *to,
                    const char *const *bcc,
                    const char        *subject,
                    const char        *body)
{
  GString *out = g_string_new ("mailto:");
  gboolean first = TRUE;

  append_addresses (out, to);
  if (bcc != NULL)
    {
      GString *list = g_string_new (NULL);

      if (append_addresses (list, bcc) > 0)
        {
          g_string_append (out, first ? "?" : "&");
          first = FALSE;
          g_string_append (out, "bcc=");
          g_string_append (out, list->str);
        }
      g_string_free (list, TRUE);
    }
  if (subject != NULL && subject[0] != '\0')
    append_field (out, &first, "subject", subject, "%20");
  if (body != NULL && body[0] != '\0')
    append_field (out, &first, "body", body, NULL);

  return g_string_free (out, FALSE);
}

/* tel: -------------------------------------------------------------------- */

/* Where the extension starts in @phone ("ext", "x", "#" after a digit),
 * or NULL. */
static const char *
find_extension (const char *phone,
                gsize      *marker_len)
{
  gboolean seen_digit = FALSE;

  for (const char *p = phone; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        seen_digit = TRUE;
      else if (seen_digit && g_ascii_strncasecmp (p, "ext", 3) == 0)
        {
          *marker_len = 3;
          return p;
        }
      else if (seen_digit && (*p == 'x' || *p == 'X' || *p == '#'))
        {
          *marker_len = 1;
          return p;
        }
    }
  return NULL;
}

/* The digits of @from up to @to. In a global number, "+49 (0)30 …", the
 * "(0)" is the trunk prefix dialled only from within the country: it is
 * no part of the number. */
static void
append_digits (GString    *out,
               const char *from,
               const char *to,
               gboolean    global)
{
  for (const char *p = from; p < to && *p != '\0'; p++)
    {
      if (global && g_str_has_prefix (p, "(0)"))
        p += 2;
      else if (g_ascii_isdigit (*p))
        g_string_append_c (out, *p);
    }
}

/**
 * pursuit_tel_uri:
 * @phone: (nullable): a phone number as the user typed it
 *
 * "+1 (555) 123-4567 ext. 12" gives "tel:+15551234567;ext=12": the
 * digits, the "+" of a global number, and an extension as RFC 3966 writes
 * it. Visual separators and letters are dropped.
 *
 * Returns: (transfer full) (nullable): a tel: URI, or %NULL when @phone
 *   has no digit
 */
char *
pursuit_tel_uri (const char *phone)
{
  g_autoptr (GString) number = g_string_new (NULL);
  g_autoptr (GString) extension = g_string_new (NULL);
  const char *ext;
  const char *p;
  gsize marker_len = 0;
  gboolean global;

  if (phone == NULL)
    return NULL;

  /* A "+" before the first digit makes it a global number. */
  for (p = phone; *p != '\0' && *p != '+' && !g_ascii_isdigit (*p); p++)
    ;
  global = *p == '+';
  ext = find_extension (phone, &marker_len);
  append_digits (number, phone, ext ? ext : phone + strlen (phone), global);
  if (ext != NULL)
    append_digits (extension, ext + marker_len, ext + strlen (ext), FALSE);
  if (number->len == 0)
    return NULL;

  return g_strdup_printf ("tel:%s%s%s%s", global ? "+" : "", number->str,
                          extension->len > 0 ? ";ext=" : "", extension->str);
}

/* The Today order ----------------------------------------------------------- */

static double
comparable_value (double value)
{
  /* No value (negative) and a value that is not a number count as 0. */
  return isfinite (value) && value > 0 ? value : 0;
}

int
pursuit_today_key_compare (const PursuitTodayKey *a,
                           const PursuitTodayKey *b)
{
  gboolean a_first, b_first;
  double a_value, b_value;

  g_return_val_if_fail (a != NULL && b != NULL, 0);

  a_first = a->overdue || a->hot;
  b_first = b->overdue || b->hot;
  if (a_first != b_first)
    return a_first ? -1 : 1;
  a_value = comparable_value (a->value);
  b_value = comparable_value (b->value);
  if (a_value != b_value)
    return a_value > b_value ? -1 : 1;
  if (a->due != b->due)
    return a->due < b->due ? -1 : 1;
  if (a->id != b->id)
    return a->id < b->id ? -1 : 1;
  return 0;
}
