/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-vcard"

#include "config.h"

#include "pursuit-file.h"
#include "pursuit-prospect.h"
#include "pursuit-vcard-export.h"

/* RFC 2426 text: backslash, comma, semicolon and line breaks escaped. */
static void
append_escaped (GString    *line,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\r' && p[1] == '\n')
        continue;
      if (*p == '\\' || *p == ',' || *p == ';')
        g_string_append_c (line, '\\');
      if (*p == '\n' || *p == '\r')
        g_string_append (line, "\\n");
      else
        g_string_append_c (line, *p);
    }
}

/* Lines longer than 75 octets go on in lines that start with a space,
 * never inside a UTF-8 character. */
static void
append_folded (GString    *out,
               const char *line)
{
  gsize room = 75;
  const char *p = line;

  while (strlen (p) > room)
    {
      const char *cut = p + room;

      while (cut > p && ((guchar) *cut & 0xC0) == 0x80)
        cut--;
      g_string_append_len (out, p, cut - p);
      g_string_append (out, "\r\n ");
      p = cut;
      room = 74;
    }
  g_string_append (out, p);
  g_string_append (out, "\r\n");
}

static void
append_property (GString    *out,
                 const char *name,
                 const char *value)
{
  g_autoptr(GString) line = NULL;

  if (value == NULL || value[0] == '\0')
    return;
  line = g_string_new (name);
  g_string_append_c (line, ':');
  append_escaped (line, value);
  append_folded (out, line->str);
}

/* N: family name; given names. "Jane Doe" → "Doe;Jane;;;". */
static void
append_n (GString    *out,
          const char *name)
{
  g_autoptr(GString) line = g_string_new ("N:");
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  char *space = strrchr (stripped, ' ');

  if (space != NULL)
    {
      *space = '\0';
      append_escaped (line, space + 1);
      g_string_append_c (line, ';');
      append_escaped (line, g_strstrip (stripped));
    }
  else
    {
      append_escaped (line, stripped);
      g_string_append_c (line, ';');
    }
  g_string_append (line, ";;;");
  append_folded (out, line->str);
}

static void
append_card (GString         *out,
             PursuitProspect *prospect)
{
  g_autoptr(GString) categories = g_string_new (NULL);
  const char *tags = pursuit_prospect_get_tags (prospect);
  g_auto(GStrv) each = g_strsplit (tags != NULL ? tags : "", ",", -1);

  g_string_append (out, "BEGIN:VCARD\r\nVERSION:3.0\r\n");
  append_property (out, "FN", pursuit_prospect_get_name (prospect));
  append_n (out, pursuit_prospect_get_name (prospect));
  append_property (out, "ORG", pursuit_prospect_get_company (prospect));
  append_property (out, "EMAIL;TYPE=INTERNET", pursuit_prospect_get_email (prospect));
  append_property (out, "TEL", pursuit_prospect_get_phone (prospect));
  /* CATEGORIES is a list: each tag escaped, commas between. */
  for (guint i = 0; each[i] != NULL; i++)
    {
      g_autofree char *tag = g_strstrip (g_strdup (each[i]));

      if (tag[0] == '\0')
        continue;
      if (categories->len > 0)
        g_string_append_c (categories, ',');
      append_escaped (categories, tag);
    }
  if (categories->len > 0)
    {
      g_autofree char *line = g_strconcat ("CATEGORIES:", categories->str, NULL);
      append_folded (out, line);
    }
  g_string_append (out, "END:VCARD\r\n");
}

/**
 * pursuit_vcard_build:
 * @prospects: (element-type PursuitProspect): the contacts
 * @length: (out) (optional): the length of the text
 *
 * Returns: (transfer full): the vCard text
 */
char *
pursuit_vcard_build (GPtrArray *prospects,
                     gsize     *length)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (prospects != NULL, NULL);

  for (guint i = 0; i < prospects->len; i++)
    append_card (out, g_ptr_array_index (prospects, i));
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

gboolean
pursuit_vcard_export (GPtrArray  *prospects,
                      GFile      *file,
                      GError    **error)
{
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (prospects != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  text = pursuit_vcard_build (prospects, &length);
  return pursuit_file_replace (file, text, length, error);
}
