/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-io"

#include "config.h"

#include <glib/gi18n-lib.h>

/* Its headers use GTimeVal, which GLib deprecates. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
#include <libebook-contacts/libebook-contacts.h>
G_GNUC_END_IGNORE_DEPRECATIONS
#include <string.h>

#include "pursuit-csv-private.h"
#include "pursuit-rules.h"
#include "pursuit-vcard-private.h"

/* vCard files as address books write them. Each card is handed whole to
 * evolution-data-server's parser, which unfolds lines and decodes
 * QUOTED-PRINTABLE and BASE64 by the version; this file only finds where
 * the cards begin and end, which bounds what the parser is given. */

typedef struct
{
  const char *start;
  gsize       length;
  guint       line;
  gboolean    too_big;
  gboolean    too_deep;
} Card;

/* The next line of @text from *@pos: its start and length without the
 * line end. FALSE at the end. */
static gboolean
next_line (const char  *text,
           gsize        length,
           gsize       *pos,
           const char **line,
           gsize       *line_length)
{
  const char *end;

  if (*pos >= length)
    return FALSE;
  *line = text + *pos;
  end = memchr (*line, '\n', length - *pos);
  *line_length = end != NULL ? (gsize) (end - *line) : length - *pos;
  *pos += *line_length + (end != NULL ? 1 : 0);
  if (*line_length > 0 && (*line)[*line_length - 1] == '\r')
    (*line_length)--;
  return TRUE;
}

static gboolean
line_is (const char *line,
         gsize       length,
         const char *word)
{
  gsize n = strlen (word);

  while (length > n && g_ascii_isspace (line[length - 1]))
    length--;
  return length == n && g_ascii_strncasecmp (line, word, n) == 0;
}

/* Splits @text into its cards (outside them, lines are ignored). */
static GArray *
split_cards (const char *text,
             gsize       length,
             GError    **error)
{
  g_autoptr(GArray) cards = g_array_new (FALSE, TRUE, sizeof (Card));
  Card card = { NULL };
  const char *line;
  gsize pos = 0, line_length;
  guint number = 0, depth = 0;

  while (next_line (text, length, &pos, &line, &line_length))
    {
      number++;
      if (line_is (line, line_length, "BEGIN:VCARD"))
        {
          if (depth++ == 0)
            card = (Card) { line, 0, number, FALSE, FALSE };
          card.too_deep = card.too_deep || depth > PURSUIT_VCARD_MAX_DEPTH;
        }
      else if (depth > 0 && line_is (line, line_length, "END:VCARD") && --depth == 0)
        {
          card.length = (text + pos) - card.start;
          card.too_big = card.length > PURSUIT_VCARD_MAX_CARD;
          if (cards->len == PURSUIT_VCARD_MAX_CARDS)
            {
              g_set_error (error, PURSUIT_CSV_ERROR, PURSUIT_CSV_ERROR_TOO_BIG,
                           _("The file has more than %u contacts, the most Pursuit imports at once. "
                             "Split it into smaller files."),
                           PURSUIT_VCARD_MAX_CARDS);
              return NULL;
            }
          g_array_append_val (cards, card);
        }
    }
  if (depth > 0)
    {
      card.length = length - (card.start - text);
      card.too_big = TRUE;
      g_array_append_val (cards, card);
    }
  return g_steal_pointer (&cards);
}

static void
append_line (GString    *out,
             const char *label,
             const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  if (out->len > 0)
    g_string_append_c (out, '\n');
  if (label != NULL)
    g_string_append_printf (out, "%s: ", label);
  g_string_append (out, text);
}

/* @text when it is text to keep: not empty, and UTF-8 (a charset that
 * was declared wrongly may leave other bytes). */
static const char *
usable (const char *text)
{
  return text != NULL && *text != '\0' && g_utf8_validate (text, -1, NULL) ? text : NULL;
}

/* The name: FN, else the parts of N, else the organisation, else the
 * email. */
static char *
contact_name (EContact   *contact,
              const char *email)
{
  g_autofree char *full = g_strdup (usable (e_contact_get_const (contact, E_CONTACT_FULL_NAME)));
  EContactName *parts;
  const char *org;

  if (full != NULL && *g_strstrip (full) != '\0')
    return g_steal_pointer (&full);
  parts = e_contact_get (contact, E_CONTACT_NAME);
  if (parts != NULL)
    {
      g_autofree char *joined = e_contact_name_to_string (parts);

      e_contact_name_free (parts);
      if (joined != NULL && *g_strstrip (joined) != '\0')
        return g_steal_pointer (&joined);
    }
  org = usable (e_contact_get_const (contact, E_CONTACT_ORG));
  if (org != NULL)
    return g_strdup (org);
  return email != NULL ? g_strdup (email) : NULL;
}

/* The values of every attribute named @name (EMAIL, TEL), in order. */
static GPtrArray *
attribute_values (EVCard     *vcard,
                  const char *name)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  for (GList *l = e_vcard_get_attributes (vcard); l != NULL; l = l->next)
    {
      EVCardAttribute *attr = l->data;
      char *value;

      if (g_ascii_strcasecmp (e_vcard_attribute_get_name (attr), name) != 0)
        continue;
      value = e_vcard_attribute_get_value (attr);
      /* vCard 4.0 writes numbers as URIs: "tel:+1-555-0100". */
      if (value != NULL && g_ascii_strncasecmp (value, "tel:", 4) == 0)
        memmove (value, value + 4, strlen (value + 4) + 1);
      if (value != NULL && usable (g_strstrip (value)) != NULL)
        g_ptr_array_add (values, value);
      else
        g_free (value);
    }
  return values;
}

/* The first valid email goes to the prospect, the others to @notes. */
static char *
take_email (GPtrArray *emails,
            GString   *notes)
{
  char *chosen = NULL;

  for (guint i = 0; i < emails->len; i++)
    {
      const char *email = g_ptr_array_index (emails, i);

      if (chosen == NULL && pursuit_email_is_valid (email))
        chosen = g_strdup (email);
      else
        append_line (notes, _("Email"), email);
    }
  return chosen;
}

/* Whether the property starting at @line (up to its ":") is written in
 * QUOTED-PRINTABLE. */
static gboolean
is_quoted_printable (const char *line,
                     gsize       length)
{
  const char *colon = memchr (line, ':', length);
  g_autofree char *head = g_ascii_strup (line, colon != NULL ? colon - line : (gssize) length);

  return strstr (head, "QUOTED-PRINTABLE") != NULL;
}

/* @card with the soft line breaks of QUOTED-PRINTABLE ("=" at the end of
 * a line, as Android writes long notes) joined: evolution-data-server's
 * parser unfolds only lines that start with white space. */
static char *
join_soft_breaks (const Card *card)
{
  GString *out = g_string_sized_new (card->length);
  const char *line;
  gsize pos = 0, line_length;
  gboolean quoted = FALSE, joining = FALSE;

  while (next_line (card->start, card->length, &pos, &line, &line_length))
    {
      if (!joining && line_length > 0 && line[0] != ' ' && line[0] != '\t')
        quoted = is_quoted_printable (line, line_length);
      joining = quoted && line_length > 0 && line[line_length - 1] == '=';
      g_string_append_len (out, line, joining ? line_length - 1 : line_length);
      if (!joining)
        g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

/* The whole NOTE: the parser splits a value at ";", which vCard 2.1
 * leaves unescaped in text. */
static char *
contact_note (EContact *contact)
{
  EVCardAttribute *attr = e_vcard_get_attribute (E_VCARD (contact), EVC_NOTE);
  g_autoptr(GString) note = g_string_new (NULL);

  if (attr == NULL)
    return NULL;
  for (GList *l = e_vcard_attribute_get_values (attr); l != NULL; l = l->next)
    {
      if (l != e_vcard_attribute_get_values (attr))
        g_string_append_c (note, ';');
      g_string_append (note, l->data);
    }
  return usable (note->str) != NULL ? g_strdup (note->str) : NULL;
}

static PursuitProspect *
fill_prospect (EContact   *contact,
               const char *name,
               const char *email,
               GPtrArray  *phones,
               GString    *notes,
               guint      *present)
{
  g_autofree char *note = contact_note (contact);
  PursuitProspect *prospect;
  const char *org;

  prospect = pursuit_prospect_new (name);
  *present = COLUMN_BIT (COLUMN_NAME);
  org = usable (e_contact_get_const (contact, E_CONTACT_ORG));
  if (org != NULL)
    {
      pursuit_prospect_set_company (prospect, org);
      *present |= COLUMN_BIT (COLUMN_COMPANY);
    }
  if (email != NULL)
    {
      pursuit_prospect_set_email (prospect, email);
      *present |= COLUMN_BIT (COLUMN_EMAIL);
    }
  for (guint i = 0; i < phones->len; i++)
    if (i == 0)
      pursuit_prospect_set_phone (prospect, g_ptr_array_index (phones, i));
    else
      append_line (notes, _("Phone"), g_ptr_array_index (phones, i));
  if (phones->len > 0)
    *present |= COLUMN_BIT (COLUMN_PHONE);
  append_line (notes, _("Title"), usable (e_contact_get_const (contact, E_CONTACT_TITLE)));
  if (note != NULL)
    {
      g_autoptr(GString) all = g_string_new (note);

      append_line (all, NULL, notes->str);
      g_string_assign (notes, all->str);
    }
  if (notes->len > 0)
    {
      pursuit_prospect_set_notes (prospect, notes->str);
      *present |= COLUMN_BIT (COLUMN_NOTES);
    }
  /* CATEGORIES are the contact's tags ("Clients,Trade Fair"). */
  pursuit_prospect_set_tags (prospect, usable (e_contact_get_const (contact, E_CONTACT_CATEGORIES)));
  if (pursuit_prospect_get_tags (prospect)[0] != '\0')
    *present |= COLUMN_BIT (COLUMN_TAGS);
  return prospect;
}

PursuitProspect *
pursuit_vcard_prospect_from_contact (EContact  *contact,
                                     guint     *present,
                                     char     **reason)
{
  g_autoptr(GPtrArray) emails = NULL;
  g_autoptr(GPtrArray) phones = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autofree char *email = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (E_IS_CONTACT (contact), NULL);

  emails = attribute_values (E_VCARD (contact), "EMAIL");
  phones = attribute_values (E_VCARD (contact), "TEL");
  email = take_email (emails, notes);
  name = contact_name (contact, email);
  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      *reason = g_strdup (_("the contact has no name, organisation or email"));
      return NULL;
    }
  return fill_prospect (contact, name, email, phones, notes, present);
}

static PursuitProspect *
prospect_from_card (const Card *card,
                    guint      *present,
                    char      **reason)
{
  g_autofree char *text = NULL;
  EContact *contact = NULL;
  PursuitProspect *prospect;

  if (card->too_deep)
    {
      *reason = g_strdup (_("the contact holds contacts nested too deep"));
      return NULL;
    }
  if (card->too_big)
    {
      *reason = g_strdup_printf (_("the contact is larger than %u KB or not closed with END:VCARD"),
                                 PURSUIT_VCARD_MAX_CARD / 1024);
      return NULL;
    }
  text = join_soft_breaks (card);
  contact = e_contact_new_from_vcard (text);
  prospect = pursuit_vcard_prospect_from_contact (contact, present, reason);
  g_object_unref (contact);
  return prospect;
}

static void
drop_message (const char     *domain,
              GLogLevelFlags  level,
              const char     *message,
              gpointer        data)
{
}

/* The parser warns on the terminal about each broken line of a file,
 * which a hostile file has by the million; the report says what matters
 * (a contact skipped, by line). */
static void
quiet_parser (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      g_log_set_handler ("libebook-contacts", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO,
                         drop_message, NULL);
      g_once_init_leave (&once, 1);
    }
}

GPtrArray *
pursuit_vcard_parse (const char        *text,
                     gsize              length,
                     GArray           **out_rows,
                     PursuitCsvReport **out_report,
                     GError           **error)
{
  return pursuit_vcard_parse_with_progress (text, length, NULL, out_rows, out_report, error);
}

GPtrArray *
pursuit_vcard_parse_with_progress (const char          *text,
                                   gsize                length,
                                   PursuitCsvProgress  *progress,
                                   GArray             **out_rows,
                                   PursuitCsvReport   **out_report,
                                   GError             **error)
{
  g_autoptr(GPtrArray) prospects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (PursuitCsvRow));
  g_autoptr(PursuitCsvReport) report = pursuit_csv_report_new ();
  g_autoptr(GArray) cards = NULL;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  quiet_parser ();
  cards = split_cards (text, length, error);
  if (cards == NULL)
    return NULL;
  if (cards->len == 0)
    {
      g_set_error (error, PURSUIT_CSV_ERROR, PURSUIT_CSV_ERROR_HEADER,
                   _("The file holds no contact: a vCard file has lines from BEGIN:VCARD to END:VCARD."));
      return NULL;
    }
  if (progress != NULL)
    g_atomic_int_set (&progress->n_rows, cards->len);
  for (guint i = 0; i < cards->len; i++)
    {
      const Card *card = &g_array_index (cards, Card, i);
      PursuitCsvRow row = { card->line, 0 };
      char *reason = NULL;
      PursuitProspect *prospect;

      if (progress != NULL && i % 64 == 0)
        {
          g_atomic_int_set (&progress->rows_read, i);
          if (g_cancellable_set_error_if_cancelled (progress->cancellable, error))
            return NULL;
        }
      prospect = prospect_from_card (card, &row.present, &reason);

      if (prospect == NULL)
        {
          pursuit_csv_report_skip (report, card->line, reason, FALSE, 0);
          continue;
        }
      g_ptr_array_add (prospects, prospect);
      g_array_append_val (rows, row);
    }
  if (progress != NULL)
    g_atomic_int_set (&progress->rows_read, cards->len);
  if (out_rows != NULL)
    *out_rows = g_steal_pointer (&rows);
  if (out_report != NULL)
    *out_report = g_steal_pointer (&report);
  return g_steal_pointer (&prospects);
}

gboolean
pursuit_vcard_import (PursuitStore          *store,
                      const char            *text,
                      gsize                  length,
                      PursuitCsvOnDuplicate  on_duplicate,
                      PursuitCsvReport     **out_report,
                      GError               **error)
{
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;
  g_autoptr(GArray) rows = NULL;

  g_return_val_if_fail (PURSUIT_IS_STORE (store), FALSE);

  prospects = pursuit_vcard_parse (text, length, &rows, &report, error);
  if (prospects == NULL || !pursuit_csv_import_parsed (store, prospects, rows, on_duplicate, report, error))
    return FALSE;
  if (out_report != NULL)
    *out_report = g_steal_pointer (&report);
  return TRUE;
}
