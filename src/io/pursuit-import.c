/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-io"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <signal.h>
#include <string.h>

#include "pursuit-batch-queue.h"
#include "pursuit-csv-private.h"
#include "pursuit-history-private.h"
#include "pursuit-import.h"
#include "pursuit-number.h"
#include "pursuit-rules.h"
#include "pursuit-vcard-private.h"

/* Files of other tools become Pursuit's own columns: each column of the
 * file goes to one field, found from its header; the records are then
 * read, checked, matched and written exactly as Pursuit's own CSV is. */

/* Rows read to find the separator and the header (LinkedIn puts notes
 * above it), and to learn how values are written. */
#define HEAD_ROWS 12
#define VALUE_ROWS 2000

static const struct
{
  const char *word;
  const char *label;
  int         column;
} field_info[PURSUIT_IMPORT_N_FIELDS] = {
  [PURSUIT_IMPORT_FIELD_SKIP] = { "skip", N_("Left out"), -1 },
  [PURSUIT_IMPORT_FIELD_EXTRA] = { "notes", N_("Notes, with the column’s name"), -1 },
  [PURSUIT_IMPORT_FIELD_NAME] = { "name", N_("Name"), COLUMN_NAME },
  [PURSUIT_IMPORT_FIELD_FIRST_NAME] = { "first_name", N_("First name"), -1 },
  [PURSUIT_IMPORT_FIELD_MIDDLE_NAME] = { "middle_name", N_("Middle name"), -1 },
  [PURSUIT_IMPORT_FIELD_LAST_NAME] = { "last_name", N_("Last name"), -1 },
  [PURSUIT_IMPORT_FIELD_COMPANY] = { "company", N_("Company"), COLUMN_COMPANY },
  [PURSUIT_IMPORT_FIELD_EMAIL] = { "email", N_("Email"), COLUMN_EMAIL },
  [PURSUIT_IMPORT_FIELD_PHONE] = { "phone", N_("Phone"), COLUMN_PHONE },
  [PURSUIT_IMPORT_FIELD_STAGE] = { "stage", N_("Stage"), COLUMN_STAGE },
  [PURSUIT_IMPORT_FIELD_TIER] = { "tier", N_("Tier"), COLUMN_TIER },
  [PURSUIT_IMPORT_FIELD_VALUE] = { "value", N_("Deal value"), COLUMN_VALUE },
  [PURSUIT_IMPORT_FIELD_ATTEMPTS] = { "attempts", N_("Attempts"), COLUMN_ATTEMPTS },
  [PURSUIT_IMPORT_FIELD_NEXT_TOUCH] = { "next_touch", N_("Next touch"), COLUMN_NEXT_TOUCH },
  [PURSUIT_IMPORT_FIELD_NOTES] = { "notes_text", N_("Notes"), COLUMN_NOTES },
  [PURSUIT_IMPORT_FIELD_CLOSE_REASON] = { "close_reason", N_("Close reason"), COLUMN_CLOSE_REASON },
  [PURSUIT_IMPORT_FIELD_REVISIT_DATE] = { "revisit_date", N_("Revisit date"), COLUMN_REVISIT_DATE },
  [PURSUIT_IMPORT_FIELD_TAGS] = { "tags", N_("Tags"), COLUMN_TAGS },
};

const char *
pursuit_import_field_to_string (PursuitImportField field)
{
  g_return_val_if_fail (field < PURSUIT_IMPORT_N_FIELDS, NULL);

  return field_info[field].word;
}

const char *
pursuit_import_field_get_label (PursuitImportField field)
{
  g_return_val_if_fail (field < PURSUIT_IMPORT_N_FIELDS, NULL);

  return _(field_info[field].label);
}

/* Lower-case ASCII letters and digits only, so that "E-mail 1 - Value",
 * "Email1Value" and "email_1_value" are one name. Other characters
 * than ASCII are kept. */
static char *
normalize (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isalnum (*p) || (guchar) *p >= 0x80)
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

gboolean
pursuit_import_field_from_string (const char         *text,
                                  PursuitImportField *out)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (text != NULL && out != NULL, FALSE);

  key = normalize (text);
  for (PursuitImportField f = 0; f < PURSUIT_IMPORT_N_FIELDS; f++)
    {
      g_autofree char *word = normalize (field_info[f].word);

      if (g_str_equal (key, word))
        {
          *out = f;
          return TRUE;
        }
    }
  /* "left out", "ignore", "" leave a column out too. */
  if (*key == '\0' || g_str_equal (key, "ignore") || g_str_equal (key, "leftout"))
    {
      *out = PURSUIT_IMPORT_FIELD_SKIP;
      return TRUE;
    }
  return FALSE;
}

/* Column names of the exports of HubSpot, Pipedrive ("Person - Name",
 * "Organization - Name", "Deal - Value"), Salesforce ("Account Name"),
 * Zoho, Google Contacts ("Given Name", "E-mail 1 - Value", "Organization
 * 1 - Name"), Outlook ("E-mail Address", "Business Phone") and LinkedIn
 * ("Email Address", "Company"), normalized. Emails and phones are told
 * by pattern below. */
static const struct
{
  const char         *key;
  PursuitImportField  field;
} known_headers[] = {
  { "name", PURSUIT_IMPORT_FIELD_NAME },
  { "fullname", PURSUIT_IMPORT_FIELD_NAME },
  { "contactname", PURSUIT_IMPORT_FIELD_NAME },
  { "contact", PURSUIT_IMPORT_FIELD_NAME },
  { "displayname", PURSUIT_IMPORT_FIELD_NAME },
  { "personname", PURSUIT_IMPORT_FIELD_NAME },
  { "contactperson", PURSUIT_IMPORT_FIELD_NAME },
  { "dealcontactperson", PURSUIT_IMPORT_FIELD_NAME },
  { "leadname", PURSUIT_IMPORT_FIELD_NAME },
  { "firstname", PURSUIT_IMPORT_FIELD_FIRST_NAME },
  { "givenname", PURSUIT_IMPORT_FIELD_FIRST_NAME },
  { "first", PURSUIT_IMPORT_FIELD_FIRST_NAME },
  { "forename", PURSUIT_IMPORT_FIELD_FIRST_NAME },
  { "personfirstname", PURSUIT_IMPORT_FIELD_FIRST_NAME },
  { "middlename", PURSUIT_IMPORT_FIELD_MIDDLE_NAME },
  { "additionalname", PURSUIT_IMPORT_FIELD_MIDDLE_NAME },
  { "lastname", PURSUIT_IMPORT_FIELD_LAST_NAME },
  { "familyname", PURSUIT_IMPORT_FIELD_LAST_NAME },
  { "surname", PURSUIT_IMPORT_FIELD_LAST_NAME },
  { "last", PURSUIT_IMPORT_FIELD_LAST_NAME },
  { "personlastname", PURSUIT_IMPORT_FIELD_LAST_NAME },
  { "company", PURSUIT_IMPORT_FIELD_COMPANY },
  { "companyname", PURSUIT_IMPORT_FIELD_COMPANY },
  { "organization", PURSUIT_IMPORT_FIELD_COMPANY },
  { "organisation", PURSUIT_IMPORT_FIELD_COMPANY },
  { "organizationname", PURSUIT_IMPORT_FIELD_COMPANY },
  { "organisationname", PURSUIT_IMPORT_FIELD_COMPANY },
  { "organization1name", PURSUIT_IMPORT_FIELD_COMPANY },
  { "accountname", PURSUIT_IMPORT_FIELD_COMPANY },
  { "account", PURSUIT_IMPORT_FIELD_COMPANY },
  { "companyaccount", PURSUIT_IMPORT_FIELD_COMPANY },
  { "personorganization", PURSUIT_IMPORT_FIELD_COMPANY },
  { "dealorganization", PURSUIT_IMPORT_FIELD_COMPANY },
  { "associatedcompany", PURSUIT_IMPORT_FIELD_COMPANY },
  { "employer", PURSUIT_IMPORT_FIELD_COMPANY },
  { "value", PURSUIT_IMPORT_FIELD_VALUE },
  { "amount", PURSUIT_IMPORT_FIELD_VALUE },
  { "dealvalue", PURSUIT_IMPORT_FIELD_VALUE },
  { "dealamount", PURSUIT_IMPORT_FIELD_VALUE },
  { "opportunityamount", PURSUIT_IMPORT_FIELD_VALUE },
  { "amountincompanycurrency", PURSUIT_IMPORT_FIELD_VALUE },
  { "notes", PURSUIT_IMPORT_FIELD_NOTES },
  { "note", PURSUIT_IMPORT_FIELD_NOTES },
  { "description", PURSUIT_IMPORT_FIELD_NOTES },
  { "comments", PURSUIT_IMPORT_FIELD_NOTES },
  { "comment", PURSUIT_IMPORT_FIELD_NOTES },
  { "stage", PURSUIT_IMPORT_FIELD_STAGE },
  { "tier", PURSUIT_IMPORT_FIELD_TIER },
  { "attempts", PURSUIT_IMPORT_FIELD_ATTEMPTS },
  { "nexttouch", PURSUIT_IMPORT_FIELD_NEXT_TOUCH },
  { "closereason", PURSUIT_IMPORT_FIELD_CLOSE_REASON },
  { "revisitdate", PURSUIT_IMPORT_FIELD_REVISIT_DATE },
  { "tags", PURSUIT_IMPORT_FIELD_TAGS },
  { "tag", PURSUIT_IMPORT_FIELD_TAGS },
  { "labels", PURSUIT_IMPORT_FIELD_TAGS },
  { "label", PURSUIT_IMPORT_FIELD_TAGS },
  { "categories", PURSUIT_IMPORT_FIELD_TAGS },
  { "contacttags", PURSUIT_IMPORT_FIELD_TAGS },
  { "persontags", PURSUIT_IMPORT_FIELD_TAGS },
  { "personlabels", PURSUIT_IMPORT_FIELD_TAGS },
  { "deallabels", PURSUIT_IMPORT_FIELD_TAGS },
};

static gboolean
has_any (const char        *key,
         const char *const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (key, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* "Email", "E-mail 1 - Value", "E-mail 2 Address", "Person - Email -
 * Work", but not "Email Opt Out", "E-mail 1 - Type" or "Marketing emails
 * opened". */
static gboolean
is_email_header (const char *key)
{
  static const char *const not_email[] = { "type", "label", "display", "optout", "domain", "status", NULL };
  static const char *const endings[] = { "email", "address", "value", "work", "home", "other", NULL };

  if (strstr (key, "email") == NULL || has_any (key, not_email))
    return FALSE;
  for (guint i = 0; endings[i] != NULL; i++)
    if (g_str_has_suffix (key, endings[i]))
      return TRUE;
  return FALSE;
}

/* "Phone", "Phone Number", "Mobile Phone", "Business Phone", "Phone 1 -
 * Value", "Person - Phone - Work", but not "Phone 1 - Type" or a fax. */
static gboolean
is_phone_header (const char *key)
{
  static const char *const phone[] = { "phone", "mobile", "telephone", NULL };
  static const char *const not_phone[] = { "type", "label", "optout", "fax", "country", "extension", NULL };

  return has_any (key, phone) && !has_any (key, not_phone);
}

PursuitImportField
pursuit_import_field_for_header (const char *header)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (header != NULL, PURSUIT_IMPORT_FIELD_EXTRA);

  key = normalize (header);
  for (guint i = 0; i < G_N_ELEMENTS (known_headers); i++)
    if (g_str_equal (key, known_headers[i].key))
      return known_headers[i].field;
  /* "E-mail 1 - Label": says only what kind of address the next column
   * holds. */
  if ((strstr (key, "email") != NULL || strstr (key, "phone") != NULL)
      && (g_str_has_suffix (key, "label") || g_str_has_suffix (key, "type")))
    return PURSUIT_IMPORT_FIELD_SKIP;
  if (is_email_header (key))
    return PURSUIT_IMPORT_FIELD_EMAIL;
  if (is_phone_header (key))
    return PURSUIT_IMPORT_FIELD_PHONE;
  return PURSUIT_IMPORT_FIELD_EXTRA;
}

/* Layout */

void
pursuit_import_layout_free (PursuitImportLayout *layout)
{
  if (layout == NULL)
    return;
  g_clear_pointer (&layout->headers, g_ptr_array_unref);
  g_clear_pointer (&layout->fields, g_array_unref);
  g_free (layout);
}

static PursuitImportLayout *
layout_new (PursuitImportKind kind)
{
  PursuitImportLayout *layout = g_new0 (PursuitImportLayout, 1);

  layout->kind = kind;
  layout->encoding = "UTF-8";
  layout->separator = ',';
  layout->header_line = 1;
  layout->headers = g_ptr_array_new_with_free_func (g_free);
  layout->fields = g_array_new (FALSE, FALSE, sizeof (PursuitImportField));
  return layout;
}

#define LAYOUT_FIELD(layout, i) g_array_index ((layout)->fields, PursuitImportField, (i))

static guint
count_recognized (GStrv fields)
{
  guint n = 0;

  for (guint i = 0; fields[i] != NULL; i++)
    if (pursuit_import_field_for_header (fields[i]) != PURSUIT_IMPORT_FIELD_EXTRA
        || pursuit_history_knows_header (fields[i]))
      n++;
  return n;
}

typedef struct
{
  char               separator;
  guint              recognized;
  guint              n_fields;
  PursuitCsvHeadRow *row;
} HeaderGuess;

/* The better of two guesses: more columns recognised, then more columns. */
static gboolean
guess_is_better (const HeaderGuess *guess,
                 const HeaderGuess *best)
{
  if (best->row == NULL)
    return TRUE;
  if (guess->recognized != best->recognized)
    return guess->recognized > best->recognized;
  return guess->n_fields > best->n_fields;
}

/* The separator and the header row: the row among the first that names
 * the most known columns, split the way that finds them. */
static void
guess_header (PursuitImportLayout *layout,
              const char          *text,
              gsize                length,
              GPtrArray          **out_head)
{
  static const char separators[] = { ',', ';', '\t' };
  HeaderGuess best = { ',', 0, 0, NULL };

  for (guint s = 0; s < G_N_ELEMENTS (separators); s++)
    {
      g_autoptr(GPtrArray) head = pursuit_csv_read_head (text, length, 0, 1, separators[s], HEAD_ROWS);

      for (guint i = 0; i < head->len; i++)
        {
          PursuitCsvHeadRow *row = g_ptr_array_index (head, i);
          HeaderGuess guess = { separators[s], count_recognized (row->fields),
                                g_strv_length (row->fields), row };

          /* The first row is the header unless a row below names more
           * known columns, two at least (a cell "Email" is no header). */
          if ((i == 0 || guess.recognized >= 2) && guess_is_better (&guess, &best))
            {
              best = guess;
              g_clear_pointer (out_head, g_ptr_array_unref);
              *out_head = g_ptr_array_ref (head);
            }
        }
    }

  layout->separator = best.separator;
  if (best.row == NULL)
    return;
  layout->header_line = best.row->line;
  layout->header_pos = best.row->pos;
  for (guint i = 0; best.row->fields[i] != NULL; i++)
    {
      PursuitImportField field = pursuit_import_field_for_header (best.row->fields[i]);

      g_ptr_array_add (layout->headers, g_strstrip (g_strdup (best.row->fields[i])));
      g_array_append_val (layout->fields, field);
    }
}

/* What one value says of the decimal mark: 1 for a comma, -1 for a
 * point, 0 when it cannot tell ("1,500" may be either). */
static int
decimal_vote (const char *text)
{
  const char *last_comma = strrchr (text, ',');
  const char *last_point = strrchr (text, '.');
  const char *mark = MAX (last_comma, last_point);
  guint digits_after = 0;

  if (mark == NULL)
    return 0;
  if (last_comma != NULL && last_point != NULL)
    return mark == last_comma ? 1 : -1;
  /* One kind of mark: twice means thousands. */
  if (strchr (text, *mark) != mark)
    return *mark == ',' ? -1 : 1;
  for (const char *p = mark + 1; g_ascii_isdigit (*p); p++)
    digits_after++;
  if (digits_after == 3)
    return 0;
  return *mark == ',' ? 1 : -1;
}

/* Whether the file writes "1.500,50": from the values that tell, else
 * from the separator (spreadsheets where the comma is the decimal mark
 * separate cells with ";"). */
static void
guess_decimal_mark (PursuitImportLayout *layout,
                    const char          *text,
                    gsize                length)
{
  g_autoptr(GPtrArray) rows = NULL;
  int votes = 0;

  rows = pursuit_csv_read_head (text, length, layout->header_pos, layout->header_line, layout->separator,
                                VALUE_ROWS);
  for (guint r = 1; r < rows->len; r++)
    {
      PursuitCsvHeadRow *row = g_ptr_array_index (rows, r);

      for (guint i = 0; row->fields[i] != NULL && i < layout->fields->len; i++)
        if (LAYOUT_FIELD (layout, i) == PURSUIT_IMPORT_FIELD_VALUE)
          votes += decimal_vote (row->fields[i]);
    }
  layout->decimal_comma = votes != 0 ? votes > 0 : layout->separator == ';';
}

static gboolean
is_vcard (const char *text,
          gsize       length)
{
  gsize i = 0;

  while (i < length && g_ascii_isspace (text[i]))
    i++;
  return length - i >= 11 && g_ascii_strncasecmp (text + i, "BEGIN:VCARD", 11) == 0;
}

PursuitImportLayout *
pursuit_import_layout_detect (const char  *text,
                              gsize        length,
                              GError     **error)
{
  g_autoptr(PursuitImportLayout) layout = NULL;
  g_autoptr(GPtrArray) head = NULL;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (is_vcard (text, length))
    return layout_new (PURSUIT_IMPORT_KIND_VCARD);

  layout = layout_new (PURSUIT_IMPORT_KIND_CSV);
  guess_header (layout, text, length, &head);
  if (layout->headers->len == 0)
    {
      g_set_error (error, PURSUIT_CSV_ERROR, PURSUIT_CSV_ERROR_HEADER,
                   _("The file is empty. Choose a CSV file whose first row names the columns, or a vCard "
                     "file."));
      return NULL;
    }
  if (pursuit_history_is_header (layout->headers))
    layout->kind = PURSUIT_IMPORT_KIND_HISTORY;
  guess_decimal_mark (layout, text, length);
  return g_steal_pointer (&layout);
}

static gboolean
header_is (const char *header,
           const char *name)
{
  g_autofree char *a = g_utf8_casefold (header, -1);
  g_autofree char *b = g_utf8_casefold (name, -1);

  return g_str_equal (a, b);
}

/* One "Header=field" of a map. */
static gboolean
apply_map_item (PursuitImportLayout *layout,
                const char          *item,
                GError             **error)
{
  g_autofree char *copy = g_strdup (item);
  char *eq = strrchr (copy, '=');
  PursuitImportField field;
  gboolean found = FALSE;

  if (eq == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a column and a field with “=” between them, like “Deal Size=value”."), item);
      return FALSE;
    }
  *eq = '\0';
  g_strstrip (copy);
  if (!pursuit_import_field_from_string (eq + 1, &field))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a field. The fields are name, first_name, middle_name, last_name, company, "
                     "email, phone, value, notes, stage, tier, attempts, next_touch, close_reason, "
                     "revisit_date, tags and skip."),
                   g_strstrip (eq + 1));
      return FALSE;
    }
  for (guint i = 0; i < layout->headers->len; i++)
    {
      gboolean unplaced = LAYOUT_FIELD (layout, i) == PURSUIT_IMPORT_FIELD_EXTRA;

      if (g_str_equal (copy, "*") ? unplaced : header_is (g_ptr_array_index (layout->headers, i), copy))
        {
          LAYOUT_FIELD (layout, i) = field;
          found = TRUE;
        }
    }
  if (!found && !g_str_equal (copy, "*"))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("The file has no column “%s”. Check its first row for the name."), copy);
      return FALSE;
    }
  return TRUE;
}

gboolean
pursuit_import_layout_apply_map (PursuitImportLayout *layout,
                                 const char          *map,
                                 GError             **error)
{
  g_autoptr(GArray) fields = NULL;
  g_auto(GStrv) items = NULL;

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (map != NULL, FALSE);

  fields = g_array_copy (layout->fields);
  items = g_strsplit (map, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      if (*g_strstrip (items[i]) == '\0')
        continue;
      if (!apply_map_item (layout, items[i], error))
        {
          /* Nothing changes on a bad map. */
          g_array_set_size (layout->fields, 0);
          g_array_append_vals (layout->fields, fields->data, fields->len);
          return FALSE;
        }
    }
  return TRUE;
}

GPtrArray *
pursuit_import_layout_preview (const PursuitImportLayout *layout,
                               const char                *text,
                               gsize                      length,
                               guint                      max_rows)
{
  GPtrArray *preview = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) head = NULL;

  g_return_val_if_fail (layout != NULL, preview);

  if (layout->kind != PURSUIT_IMPORT_KIND_CSV)
    return preview;
  head = pursuit_csv_read_head (text, length, layout->header_pos, layout->header_line, layout->separator,
                                max_rows + 1);
  for (guint i = 1; i < head->len; i++)
    {
      PursuitCsvHeadRow *row = g_ptr_array_index (head, i);

      g_ptr_array_add (preview, g_strdupv (row->fields));
    }
  return preview;
}

/* Decoding */

GBytes *
pursuit_import_decode (GBytes      *raw,
                       const char **encoding,
                       GError     **error)
{
  gsize length;
  const guchar *data = g_bytes_get_data (raw, &length);
  const char *from = NULL;
  g_autofree char *converted = NULL;
  gsize converted_length = 0;

  g_return_val_if_fail (raw != NULL, NULL);

  if (encoding != NULL)
    *encoding = "UTF-8";
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    return g_bytes_new_from_bytes (raw, 3, length - 3);
  if (length >= 2 && ((data[0] == 0xff && data[1] == 0xfe) || (data[0] == 0xfe && data[1] == 0xff)))
    from = data[0] == 0xff ? "UTF-16LE" : "UTF-16BE";
  else if (g_utf8_validate_len ((const char *) data, length, NULL))
    return g_bytes_ref (raw);
  else
    from = "WINDOWS-1252";

  if (encoding != NULL)
    *encoding = from;
  if (g_str_equal (from, "WINDOWS-1252"))
    {
      converted = g_convert ((const char *) data, length, "UTF-8", from, NULL, &converted_length, NULL);
      /* Bytes that Windows-1252 leaves undefined: read as Latin-1. */
      if (converted == NULL)
        converted = g_convert ((const char *) data, length, "UTF-8", "ISO-8859-1", NULL, &converted_length, NULL);
    }
  else
    converted = g_convert ((const char *) data + 2, length - 2, "UTF-8", from, NULL, &converted_length, NULL);

  if (converted == NULL)
    {
      g_set_error (error, PURSUIT_CSV_ERROR, PURSUIT_CSV_ERROR_ENCODING,
                   _("The file starts as %s text but is not. Save it again as CSV in the UTF-8 encoding and "
                     "try again."),
                   from);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&converted), converted_length);
}

/* Records to Pursuit's columns */

static gboolean
is_blank (const char *text)
{
  while (g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

/* Made on the first line: most rows fill one of the two texts only. */
static void
append_line (GString   **out_p,
             const char *header,
             const char *text)
{
  GString *out = *out_p != NULL ? *out_p : (*out_p = g_string_sized_new (128));

  if (out->len > 0)
    g_string_append_c (out, '\n');
  /* Not g_string_append_printf(): it costs an import of 100,000 rows
   * a tenth of its time. */
  if (header != NULL)
    {
      g_string_append (out, header);
      g_string_append_len (out, ": ", 2);
    }
  g_string_append (out, text);
}

/* Text made of several cells, guarded again as the writer would, since
 * the reader takes a guard off. */
static char *
guarded (const char *text)
{
  return pursuit_csv_needs_guard (text) ? g_strconcat ("'", text, NULL) : g_strdup (text);
}

/* Whether @text is ASCII without white space or commas. */
static gboolean
is_plain_ascii_value (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    if (*p <= ' ' || *p >= 0x80 || *p == ',')
      return FALSE;
  return TRUE;
}

/* @text without spaces between digits ("1 500,50 €"), in Pursuit's form
 * when it is an amount: "1500.5". Otherwise as it was, for the message. */
static char *
normalize_value (const char *text,
                 gboolean    decimal_comma)
{
  g_autoptr(GString) compact = NULL;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double value;

  /* Nothing to take out nor to write again ("1500.50", "$12"): as it
   * is, whether it reads as an amount or not. */
  if (!decimal_comma && is_plain_ascii_value (text))
    return g_strdup (text);
  compact = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!(g_unichar_isspace (c) || c == 0x202f) || !g_ascii_isdigit (*g_utf8_next_char (p))
          || compact->len == 0 || !g_ascii_isdigit (compact->str[compact->len - 1]))
        g_string_append_len (compact, p, g_utf8_next_char (p) - p);
    }
  if (!pursuit_value_parse_marks (compact->str, decimal_comma, &value) || value < 0)
    return g_strdup (text);
  /* Already in Pursuit's form: no need to write it again. */
  if (!decimal_comma && strpbrk (compact->str, ",") == NULL)
    return g_strdup (compact->str);
  /* The shortest text that reads back the same ("1500.5"); amounts have
   * no exponent, being at most PURSUIT_VALUE_MAX and in cents at least. */
  return g_strdup (g_ascii_dtostr (buf, sizeof buf, value));
}

typedef struct
{
  char      *cells[N_COLUMNS];
  char      *parts[3];  /* first, middle, last name */
  GString   *notes;
  GString   *extra;
} Cells;

static void
place (Cells                     *cells,
       const PursuitImportLayout *layout,
       guint                      i,
       const char                *field_text)
{
  PursuitImportField field = LAYOUT_FIELD (layout, i);
  const char *header = g_ptr_array_index (layout->headers, i);
  const char *text = pursuit_csv_unguard (field_text);
  int column = field_info[field].column;

  if (field == PURSUIT_IMPORT_FIELD_SKIP || is_blank (text))
    return;
  if (field >= PURSUIT_IMPORT_FIELD_FIRST_NAME && field <= PURSUIT_IMPORT_FIELD_LAST_NAME)
    {
      char **part = &cells->parts[field - PURSUIT_IMPORT_FIELD_FIRST_NAME];

      if (*part == NULL)
        *part = g_strstrip (g_strdup (text));
      else
        append_line (&cells->extra, header, text);
    }
  else if (field == PURSUIT_IMPORT_FIELD_NOTES)
    append_line (&cells->notes, NULL, text);
  else if (field == PURSUIT_IMPORT_FIELD_TAGS && cells->cells[column] != NULL)
    {
      /* Several columns of tags: all of them. */
      char *both = g_strconcat (pursuit_csv_unguard (cells->cells[column]), ",", text, NULL);

      g_free (cells->cells[column]);
      cells->cells[column] = both;
    }
  else if (column < 0 || cells->cells[column] != NULL)
    append_line (&cells->extra, header, text);
  else if (field == PURSUIT_IMPORT_FIELD_VALUE)
    cells->cells[column] = normalize_value (text, layout->decimal_comma);
  else
    cells->cells[column] = g_strdup (field_text);
}

/* The name from its parts, else the company, else the email: a row
 * without a name would be lost. */
static void
make_name (Cells *cells)
{
  g_autoptr(GString) name = g_string_new (NULL);

  if (cells->cells[COLUMN_NAME] != NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cells->parts); i++)
    if (cells->parts[i] != NULL && *cells->parts[i] != '\0')
      {
        if (name->len > 0)
          g_string_append_c (name, ' ');
        g_string_append (name, cells->parts[i]);
      }
  if (name->len > 0)
    cells->cells[COLUMN_NAME] = guarded (name->str);
  else if (cells->cells[COLUMN_COMPANY] != NULL)
    cells->cells[COLUMN_NAME] = g_strdup (cells->cells[COLUMN_COMPANY]);
  else if (cells->cells[COLUMN_EMAIL] != NULL)
    cells->cells[COLUMN_NAME] = g_strdup (cells->cells[COLUMN_EMAIL]);
}

static void
map_fields (gpointer           data,
            const char *const *fields,
            guint              n_fields,
            char             **out)
{
  const PursuitImportLayout *layout = data;
  Cells cells = { { NULL }, { NULL }, NULL, NULL };

  for (guint i = 0; i < n_fields && i < layout->fields->len; i++)
    place (&cells, layout, i, fields[i]);
  make_name (&cells);
  if (cells.extra != NULL && cells.notes == NULL)
    cells.notes = g_steal_pointer (&cells.extra);
  else if (cells.extra != NULL)
    append_line (&cells.notes, NULL, cells.extra->str);
  if (cells.notes != NULL && pursuit_csv_needs_guard (cells.notes->str))
    cells.cells[COLUMN_NOTES] = guarded (cells.notes->str);
  else if (cells.notes != NULL)
    cells.cells[COLUMN_NOTES] = g_string_free (g_steal_pointer (&cells.notes), FALSE);

  for (guint c = 0; c < N_COLUMNS; c++)
    out[c] = cells.cells[c];
  for (guint i = 0; i < G_N_ELEMENTS (cells.parts); i++)
    g_free (cells.parts[i]);
  if (cells.notes != NULL)
    g_string_free (cells.notes, TRUE);
  if (cells.extra != NULL)
    g_string_free (cells.extra, TRUE);
}

/* Importing */

static gboolean
check_has_name (const PursuitImportLayout  *layout,
                GError                    **error)
{
  for (guint i = 0; i < layout->fields->len; i++)
    {
      PursuitImportField field = LAYOUT_FIELD (layout, i);

      if (field >= PURSUIT_IMPORT_FIELD_NAME && field <= PURSUIT_IMPORT_FIELD_EMAIL)
        return TRUE;
    }
  g_set_error (error, PURSUIT_CSV_ERROR, PURSUIT_CSV_ERROR_HEADER,
               _("No column of the file holds a name, a company or an email. Say which does, for "
                 "example with --map \"Contact=name\"."));
  return FALSE;
}

GPtrArray *
pursuit_import_parse (const char                 *text,
                      gsize                       length,
                      const PursuitImportLayout  *layout,
                      PursuitCsvReport          **out_report,
                      GError                    **error)
{
  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (layout != NULL, NULL);

  if (out_report != NULL)
    *out_report = NULL;
  if (layout->kind == PURSUIT_IMPORT_KIND_VCARD)
    return pursuit_vcard_parse (text, length, NULL, out_report, error);
  if (layout->kind != PURSUIT_IMPORT_KIND_CSV)
    {
      g_set_error (error, PURSUIT_CSV_ERROR, PURSUIT_CSV_ERROR_HEADER,
                   _("The file holds touches, not prospects."));
      return NULL;
    }
  if (!check_has_name (layout, error))
    return NULL;
  return pursuit_csv_parse_mapped (text, length, layout->header_pos, layout->header_line, layout->separator,
                                   layout->headers->len, map_fields, (gpointer) layout, NULL, NULL, out_report,
                                   error);
}

static gboolean
import_csv (PursuitStore               *store,
            const char                 *text,
            gsize                       length,
            const PursuitImportLayout  *layout,
            PursuitCsvOnDuplicate       on_duplicate,
            PursuitCsvReport          **out_report,
            GError                    **error)
{
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GPtrArray) prospects = NULL;
  g_autoptr(GArray) rows = NULL;

  if (!check_has_name (layout, error))
    return FALSE;

  prospects = pursuit_csv_parse_mapped (text, length, layout->header_pos, layout->header_line,
                                        layout->separator, layout->headers->len, map_fields,
                                        (gpointer) layout, NULL, &rows, &report, error);
  if (prospects == NULL || !pursuit_csv_import_parsed (store, prospects, rows, on_duplicate, report, error))
    return FALSE;
  if (out_report != NULL)
    *out_report = g_steal_pointer (&report);
  return TRUE;
}

gboolean
pursuit_import_text (PursuitStore               *store,
                     const char                 *text,
                     gsize                       length,
                     const PursuitImportLayout  *layout,
                     PursuitCsvOnDuplicate       on_duplicate,
                     PursuitCsvReport          **out_report,
                     GError                    **error)
{
  g_return_val_if_fail (PURSUIT_IS_STORE (store), FALSE);
  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_report != NULL)
    *out_report = NULL;
  if (layout->kind == PURSUIT_IMPORT_KIND_VCARD)
    return pursuit_vcard_import (store, text, length, on_duplicate, out_report, error);
  if (layout->kind == PURSUIT_IMPORT_KIND_HISTORY)
    return pursuit_history_import_text (store, text, length, layout->header_pos, layout->header_line,
                                        layout->separator, layout->headers, out_report, error);
  return import_csv (store, text, length, layout, on_duplicate, out_report, error);
}

static gboolean
import_bytes (PursuitStore                *store,
              GBytes                      *raw,
              const PursuitImportOptions  *options,
              PursuitCsvReport           **out_report,
              GError                     **error)
{
  g_autoptr(GBytes) decoded = NULL;
  g_autoptr(PursuitImportLayout) detected = NULL;
  const PursuitImportLayout *layout = options != NULL ? options->layout : NULL;
  const char *encoding = NULL;
  const char *text;
  gsize length;

  decoded = pursuit_import_decode (raw, &encoding, error);
  if (decoded == NULL)
    return FALSE;
  text = g_bytes_get_data (decoded, &length);
  if (text == NULL)
    text = "";
  if (layout == NULL)
    {
      detected = pursuit_import_layout_detect (text, length, error);
      if (detected == NULL)
        return FALSE;
      detected->encoding = encoding;
      if (options != NULL && options->map != NULL && detected->kind == PURSUIT_IMPORT_KIND_CSV
          && !pursuit_import_layout_apply_map (detected, options->map, error))
        return FALSE;
      layout = detected;
    }
  return pursuit_import_text (store, text, length, layout,
                              options != NULL ? options->on_duplicate : PURSUIT_CSV_ON_DUPLICATE_SKIP,
                              out_report, error);
}

/* Where the whole lines of @data end: after its last line break, which
 * in UTF-16 is a unit of two bytes at an even offset (after the byte
 * order mark). */
static gsize
whole_lines_end (const guchar *data,
                 gsize         length)
{
  gboolean le = length >= 2 && data[0] == 0xff && data[1] == 0xfe;
  gboolean be = length >= 2 && data[0] == 0xfe && data[1] == 0xff;

  if (le || be)
    {
      for (gsize i = length & ~(gsize) 1; i >= 4; i -= 2)
        if (data[i - 2 + (le ? 0 : 1)] == '\n' && data[i - 2 + (le ? 1 : 0)] == '\0')
          return i;
      return 0;
    }
  for (gsize i = length; i > 0; i--)
    if (data[i - 1] == '\n' || data[i - 1] == '\r')
      return i;
  return 0;
}

/* The first PURSUIT_IMPORT_HEAD_SIZE bytes of @file, whole lines only
 * (all of a smaller file, or of one that is not a regular file). */
static GBytes *
read_head (GFile         *file,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autofree guchar *data = NULL;
  gsize length = 0;
  gsize end;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR
      || g_file_info_get_size (info) <= PURSUIT_IMPORT_HEAD_SIZE
      || (in = g_file_read (file, cancellable, NULL)) == NULL)
    return pursuit_csv_read_file (file, FALSE, cancellable, error);

  data = g_malloc (PURSUIT_IMPORT_HEAD_SIZE);
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), data, PURSUIT_IMPORT_HEAD_SIZE, &length, cancellable,
                                error))
    return NULL;
  end = whole_lines_end (data, length);
  /* A first line longer than the head: all of it, up to the limits. */
  if (end == 0)
    return pursuit_csv_read_file (file, FALSE, cancellable, error);
  return g_bytes_new_take (g_realloc (g_steal_pointer (&data), end), end);
}

PursuitImportLayout *
pursuit_import_load (GFile         *file,
                     GBytes       **text,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(GBytes) decoded = NULL;
  PursuitImportLayout *layout;
  const char *encoding = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  raw = read_head (file, cancellable, error);
  if (raw == NULL || (decoded = pursuit_import_decode (raw, &encoding, error)) == NULL)
    return NULL;
  data = g_bytes_get_data (decoded, &length);
  layout = pursuit_import_layout_detect (data != NULL ? data : "", length, error);
  if (layout == NULL)
    return NULL;
  layout->encoding = encoding;
  *text = g_steal_pointer (&decoded);
  return layout;
}

gboolean
pursuit_import_file (PursuitStore                *store,
                     GFile                       *file,
                     const PursuitImportOptions  *options,
                     GCancellable                *cancellable,
                     PursuitCsvReport           **out_report,
                     GError                     **error)
{
  g_autoptr(GBytes) raw = NULL;

  g_return_val_if_fail (PURSUIT_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_report != NULL)
    *out_report = NULL;
  raw = pursuit_csv_read_file (file, FALSE, cancellable, error);
  return raw != NULL && import_bytes (store, raw, options, out_report, error);
}

static PursuitImportLayout *layout_copy (const PursuitImportLayout *layout);

static gboolean
cancel_on_signal (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_CONTINUE;
}

static void
interruptible_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* The layout of the file's head (as the import dialog finds it), or of
 * @options. */
static PursuitImportLayout *
layout_for_options (GFile                       *file,
                    const PursuitImportOptions  *options,
                    GError                     **error)
{
  g_autoptr(GBytes) head = NULL;
  g_autoptr(PursuitImportLayout) layout = NULL;

  if (options != NULL && options->layout != NULL)
    return layout_copy (options->layout);
  layout = pursuit_import_load (file, &head, NULL, error);
  if (layout == NULL)
    return NULL;
  if (options != NULL && options->map != NULL && layout->kind == PURSUIT_IMPORT_KIND_CSV
      && !pursuit_import_layout_apply_map (layout, options->map, error))
    return NULL;
  return g_steal_pointer (&layout);
}

/* Through pursuit_import_file_async(): the main context (of a window, in
 * the running instance) turns while the thread reads and writes. */
gboolean
pursuit_import_file_interruptible (PursuitStore                *store,
                                   GFile                       *file,
                                   const PursuitImportOptions  *options,
                                   PursuitCsvReport           **out_report,
                                   GError                     **error)
{
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PursuitImportLayout) layout = NULL;
  g_autoptr(GError) local_error = NULL;
  GMainContext *context;
  guint on_int, on_term;

  g_return_val_if_fail (PURSUIT_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_report != NULL)
    *out_report = NULL;
  /* Caught from before the file is first opened: a signal while its
   * layout is read stops the import too, rather than the process. */
  cancellable = g_cancellable_new ();
  on_int = g_unix_signal_add (SIGINT, cancel_on_signal, cancellable);
  on_term = g_unix_signal_add (SIGTERM, cancel_on_signal, cancellable);
  layout = layout_for_options (file, options, error);
  if (layout == NULL)
    {
      g_source_remove (on_int);
      g_source_remove (on_term);
      return FALSE;
    }

  context = g_main_context_ref_thread_default ();
  pursuit_import_file_async (store, file, layout,
                             options != NULL ? options->on_duplicate : PURSUIT_CSV_ON_DUPLICATE_SKIP, cancellable,
                             NULL, NULL, interruptible_done, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_source_remove (on_int);
  g_source_remove (on_term);
  g_main_context_unref (context);

  if (pursuit_import_file_finish (store, result, out_report, &local_error))
    return TRUE;
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                   _("The import of %s was interrupted; nothing was imported."), name);
      return FALSE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Importing in a thread */

static PursuitImportLayout *
layout_copy (const PursuitImportLayout *layout)
{
  PursuitImportLayout *copy = layout_new (layout->kind);

  copy->encoding = layout->encoding;
  copy->separator = layout->separator;
  copy->decimal_comma = layout->decimal_comma;
  copy->header_line = layout->header_line;
  copy->header_pos = layout->header_pos;
  for (guint i = 0; i < layout->headers->len; i++)
    g_ptr_array_add (copy->headers, g_strdup (g_ptr_array_index (layout->headers, i)));
  g_array_append_vals (copy->fields, layout->fields->data, layout->fields->len);
  return copy;
}

typedef struct
{
  GFile                     *file;
  PursuitImportLayout       *layout;
  PursuitCsvOnDuplicate      on_duplicate;
  PursuitStoreImport        *writer;
  PursuitCsvProgress         progress;
  PursuitImportProgressFunc  progress_func;
  gpointer                   progress_data;
  GSource                   *tick;
  PursuitHistoryImport      *history;  /* of a history */
  PursuitBatchQueue         *queue;    /* from the reader thread */
  gboolean                   begun;    /* the writer's transaction */
  guint                      n_written;
  PursuitCsvReport          *report;
  GPtrArray                 *added;
  GPtrArray                 *targets;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  if (job->tick != NULL)
    g_source_destroy (job->tick);
  g_clear_pointer (&job->tick, g_source_unref);
  g_clear_object (&job->file);
  g_clear_object (&job->progress.cancellable);
  g_clear_pointer (&job->layout, pursuit_import_layout_free);
  g_clear_pointer (&job->writer, pursuit_store_import_free);
  g_clear_pointer (&job->history, pursuit_history_import_free);
  g_clear_pointer (&job->report, pursuit_csv_report_free);
  g_clear_pointer (&job->added, g_ptr_array_unref);
  g_clear_pointer (&job->targets, g_ptr_array_unref);
  g_free (job);
}

/* Reading weighs about as much as matching and writing together. */
#define READ_SHARE 0.6

static gboolean
tick_cb (gpointer data)
{
  Job *job = data;
  guint n_rows = g_atomic_int_get (&job->progress.n_rows);
  guint read = g_atomic_int_get (&job->progress.rows_read);
  guint n_to_write = g_atomic_int_get (&job->progress.n_to_write);
  guint written = g_atomic_int_get (&job->progress.rows_written);
  double fraction = n_rows > 0 ? READ_SHARE * read / n_rows : 0;

  if (n_to_write > 0)
    fraction += (1 - READ_SHARE) * written / n_to_write;
  job->progress_func (read, n_rows, CLAMP (fraction, 0, 1), job->progress_data);
  return G_SOURCE_CONTINUE;
}

/* A layout found on the first part of the file, for the whole of it:
 * where the header is moves when the whole file is read in another
 * encoding than its first part was; the user's choice of fields stays. */
static gboolean
fit_layout (Job         *job,
            const char  *text,
            gsize        length,
            const char  *encoding,
            GError     **error)
{
  g_autoptr(PursuitImportLayout) whole = NULL;

  if (g_strcmp0 (encoding, job->layout->encoding) == 0)
    return TRUE;
  whole = pursuit_import_layout_detect (text, length, error);
  if (whole == NULL)
    return FALSE;
  if (whole->kind != job->layout->kind || whole->headers->len != job->layout->headers->len)
    {
      g_set_error (error, PURSUIT_CSV_ERROR, PURSUIT_CSV_ERROR_ENCODING,
                   _("The file is not %s text throughout. Save it again as CSV in the UTF-8 encoding and try "
                     "again."),
                   job->layout->encoding);
      return FALSE;
    }
  job->layout->encoding = encoding;
  job->layout->header_pos = whole->header_pos;
  job->layout->header_line = whole->header_line;
  return TRUE;
}

/* The file goes from a reader thread to the import's thread in batches
 * of this many records, at most PIPELINE_DEPTH batches ahead: the one
 * reads, decodes and maps while the other matches and writes, and the
 * prospects in flight stay bounded whatever the file's size. Small
 * batches, so that the writer starts soon: it waits for the first. */
#define BATCH_RECORDS 512
#define PIPELINE_DEPTH 8

typedef struct
{
  GPtrArray        *prospects;
  GArray           *rows;
  GArray           *keys;    /* PursuitMatchKeys of each, folded by the reader */
  PursuitCsvReport *report;  /* its bad records */
} Batch;

static void
batch_free (gpointer data)
{
  Batch *batch = data;

  g_ptr_array_unref (batch->prospects);
  g_array_unref (batch->rows);
  g_clear_pointer (&batch->keys, g_array_unref);
  pursuit_csv_report_free (batch->report);
  g_free (batch);
}

static Batch *
batch_new (void)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->prospects = g_ptr_array_new_with_free_func (g_object_unref);
  batch->rows = g_array_new (FALSE, FALSE, sizeof (PursuitCsvRow));
  batch->report = pursuit_csv_report_new ();
  return batch;
}

/* The file, read whole within the bounds of pursuit-csv.h and decoded,
 * with the layout fitted to it. */
static GBytes *
read_decoded (Job     *job,
              GError **error)
{
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(GBytes) decoded = NULL;
  const char *encoding = NULL;
  const char *text;
  gsize length;

  raw = pursuit_csv_read_file (job->file, FALSE, job->progress.cancellable, error);
  if (raw == NULL || (decoded = pursuit_import_decode (raw, &encoding, error)) == NULL)
    return NULL;
  g_clear_pointer (&raw, g_bytes_unref);
  text = g_bytes_get_data (decoded, &length);
  if (!fit_layout (job, text != NULL ? text : "", length, encoding, error))
    return NULL;
  return g_steal_pointer (&decoded);
}

/* The keys duplicates are found by, folded here rather than in the
 * writer, which has more to do. */
static void
fold_keys (Batch *batch)
{
  batch->keys = g_array_sized_new (FALSE, TRUE, sizeof (PursuitMatchKeys), batch->prospects->len);
  g_array_set_clear_func (batch->keys, (GDestroyNotify) pursuit_match_keys_clear);
  g_array_set_size (batch->keys, batch->prospects->len);
  for (guint i = 0; i < batch->prospects->len; i++)
    {
      PursuitProspect *prospect = g_ptr_array_index (batch->prospects, i);

      pursuit_match_keys_init (&g_array_index (batch->keys, PursuitMatchKeys, i), pursuit_prospect_get_name (prospect),
                               pursuit_prospect_get_company (prospect), pursuit_prospect_get_email (prospect),
                               pursuit_prospect_get_phone (prospect));
    }
}

/* A CSV file's records, mapped, a batch at a time. */
static gboolean
read_csv_batches (Job         *job,
                  const char  *text,
                  gsize        length,
                  GError     **error)
{
  const PursuitImportLayout *layout = job->layout;
  g_autoptr(PursuitCsvMappedReader) reader = NULL;
  gboolean at_end = FALSE;

  if (!check_has_name (layout, error))
    return FALSE;
  reader = pursuit_csv_mapped_reader_new (text, length, layout->header_pos, layout->header_line, layout->separator,
                                          layout->headers->len, map_fields, (gpointer) layout, &job->progress,
                                          error);
  if (reader == NULL)
    return FALSE;
  while (!at_end)
    {
      Batch *batch = batch_new ();

      if (!pursuit_csv_mapped_reader_next (reader, BATCH_RECORDS, batch->prospects, batch->rows, batch->report,
                                           &at_end, error))
        {
          batch_free (batch);
          return FALSE;
        }
      fold_keys (batch);
      /* The writer stopped: it says why. */
      if (!pursuit_batch_queue_push (job->queue, batch))
        return TRUE;
    }
  return TRUE;
}

/* A vCard file's contacts, for the inbox, in one batch. */
static gboolean
read_vcard_batch (Job         *job,
                  const char  *text,
                  gsize        length,
                  GError     **error)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->prospects = pursuit_vcard_parse_with_progress (text, length, &job->progress, &batch->rows,
                                                        &batch->report, error);
  if (batch->prospects == NULL)
    {
      g_free (batch);
      return FALSE;
    }
  pursuit_batch_queue_push (job->queue, batch);
  return TRUE;
}

/* The reader thread. */
static gpointer
read_thread (gpointer data)
{
  Job *job = data;
  g_autoptr(GBytes) decoded = NULL;
  GError *error = NULL;
  const char *text;
  gsize length;

  decoded = read_decoded (job, &error);
  if (decoded != NULL)
    {
      text = g_bytes_get_data (decoded, &length);
      if (text == NULL)
        text = "";
      if (job->layout->kind == PURSUIT_IMPORT_KIND_VCARD)
        read_vcard_batch (job, text, length, &error);
      else
        read_csv_batches (job, text, length, &error);
    }
  pursuit_batch_queue_close (job->queue, error);
  return NULL;
}

/* The transaction, begun when there is something to write. */
static gboolean
begin_once (Job     *job,
            GError **error)
{
  if (!job->begun && !pursuit_store_import_begin (job->writer, error))
    return FALSE;
  job->begun = TRUE;
  return TRUE;
}

/* Takes in the bad records of @batch, and matches its prospects; with
 * PURSUIT_CSV_ON_DUPLICATE_SKIP the new ones are written at once, while
 * an update waits for the whole file, whose later rows may change a new
 * prospect. */
static gboolean
write_batch (Job                *job,
             PursuitCsvMatcher  *matcher,
             Batch              *batch,
             GError            **error)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  guint first = job->added->len;
  guint n_records = batch->prospects->len + batch->report->errors->len;

  job->report->skipped += batch->report->skipped;
  job->report->invalid += batch->report->invalid;
  g_ptr_array_extend_and_steal (job->report->errors, g_steal_pointer (&batch->report->errors));
  batch->report->errors = g_ptr_array_new ();
  pursuit_csv_matcher_add (matcher, batch->prospects, batch->rows, batch->keys);
  if (job->on_duplicate == PURSUIT_CSV_ON_DUPLICATE_SKIP)
    {
      for (guint i = first; i < job->added->len; i++)
        g_ptr_array_add (added, g_ptr_array_index (job->added, i));
      if (added->len > 0
          && (!begin_once (job, error)
              || !pursuit_store_import_insert (job->writer, added, job->progress.cancellable, error)))
        return FALSE;
    }
  else if (g_cancellable_set_error_if_cancelled (job->progress.cancellable, error))
    return FALSE;
  job->n_written += n_records;
  g_atomic_int_set (&job->progress.n_to_write, MAX ((guint) g_atomic_int_get (&job->progress.n_rows), job->n_written));
  g_atomic_int_set (&job->progress.rows_written, job->n_written);
  return TRUE;
}

/* Matches and writes the batches as the reader thread hands them on,
 * in one transaction; stops at the first failure of either thread. */
static gboolean
write_batches (Job     *job,
               GError **error)
{
  g_autoptr(PursuitMatchIndex) index = pursuit_store_import_index (job->writer);
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PursuitCsvMatcher) matcher = NULL;
  GError *read_error = NULL;
  Batch *batch;

  job->report = pursuit_csv_report_new ();
  job->added = g_ptr_array_new_with_free_func (g_object_unref);
  job->targets = g_ptr_array_new_with_free_func (g_object_unref);
  matcher = pursuit_csv_matcher_new (index, job->on_duplicate, job->report, job->added, job->targets, drafts);

  while ((batch = pursuit_batch_queue_pop (job->queue, &read_error)) != NULL)
    {
      gboolean ok = write_batch (job, matcher, batch, error);

      batch_free (batch);
      if (!ok)
        return FALSE;
    }
  if (read_error != NULL)
    {
      g_propagate_error (error, read_error);
      return FALSE;
    }
  pursuit_csv_matcher_finish (matcher);
  /* Nothing to write (every row a duplicate or bad): the database is not
   * even opened. */
  if (!job->begun && job->added->len == 0 && job->targets->len == 0)
    return pursuit_store_import_write (job->writer, job->added, job->targets, drafts, job->progress.cancellable,
                                       NULL, error);
  if (!begin_once (job, error)
      || (job->on_duplicate != PURSUIT_CSV_ON_DUPLICATE_SKIP
          && !pursuit_store_import_insert (job->writer, job->added, job->progress.cancellable, error)))
    return FALSE;
  return pursuit_store_import_commit (job->writer, job->targets, drafts, job->progress.cancellable, error);
}

/* A file of prospects: read in a thread of its own, written here. */
static gboolean
import_prospects_in_thread (Job     *job,
                            GError **error)
{
  GError *local_error = NULL;
  GThread *reader;
  gboolean ok;

  job->queue = pursuit_batch_queue_new (PIPELINE_DEPTH, batch_free);
  reader = g_thread_new ("pursuit-import-read", read_thread, job);
  ok = write_batches (job, &local_error);
  if (!ok)
    {
      /* Whatever the reader still hands on is dropped, and it ends. */
      pursuit_batch_queue_stop (job->queue);
      pursuit_store_import_abort (job->writer);
    }
  g_thread_join (reader);
  g_clear_pointer (&job->queue, pursuit_batch_queue_free);
  if (!ok)
    g_propagate_error (error, local_error);
  return ok;
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GBytes) decoded = NULL;
  GError *error = NULL;
  const char *text;
  gsize length;

  if (job->layout->kind != PURSUIT_IMPORT_KIND_HISTORY)
    {
      if (!import_prospects_in_thread (job, &error))
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, TRUE);
      return;
    }
  decoded = read_decoded (job, &error);
  if (decoded == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  text = g_bytes_get_data (decoded, &length);
  /* Read, matched and logged here, in one transaction. */
  if (!pursuit_history_import_parse (job->history, text != NULL ? text : "", length, job->layout->header_pos,
                                     job->layout->header_line, job->layout->separator, &error)
      || !pursuit_history_import_write (job->history, job->writer, &job->progress, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Back on the main thread: the store learns of what was committed. */
static void
thread_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GTask) task = data;
  Job *job = g_task_get_task_data (task);
  PursuitCsvReport *report = NULL;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->layout->kind == PURSUIT_IMPORT_KIND_HISTORY)
    {
      g_task_return_pointer (task, pursuit_history_import_apply (job->history, job->writer),
                             (GDestroyNotify) pursuit_csv_report_free);
      return;
    }
  pursuit_store_import_apply (job->writer);
  report = g_steal_pointer (&job->report);
  pursuit_csv_report_take_written (report, g_steal_pointer (&job->added), g_steal_pointer (&job->targets));
  g_task_return_pointer (task, report, (GDestroyNotify) pursuit_csv_report_free);
}

void
pursuit_import_file_async (PursuitStore               *store,
                           GFile                      *file,
                           const PursuitImportLayout  *layout,
                           PursuitCsvOnDuplicate       on_duplicate,
                           GCancellable               *cancellable,
                           PursuitImportProgressFunc   progress,
                           gpointer                    progress_data,
                           GAsyncReadyCallback         callback,
                           gpointer                    user_data)
{
  Job *job;

  g_return_if_fail (PURSUIT_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (layout != NULL);

  job = g_new0 (Job, 1);
  job->file = g_object_ref (file);
  job->layout = layout_copy (layout);
  job->on_duplicate = on_duplicate;
  job->writer = pursuit_store_import_new (store);
  /* A history matches its rows on copies of its own; an update of
   * prospects copies the prospects it changes: copies made here, which
   * no window changes meanwhile. */
  if (layout->kind == PURSUIT_IMPORT_KIND_HISTORY)
    job->history = pursuit_history_import_new (store, job->layout->headers);
  else if (on_duplicate == PURSUIT_CSV_ON_DUPLICATE_UPDATE)
    pursuit_store_import_snapshot (job->writer);
  job->progress.cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  job->progress_func = progress;
  job->progress_data = progress_data;
  if (progress != NULL)
    {
      /* Often enough that a small file, read in a few tens of
       * milliseconds, still moves the bar before it is done. */
      job->tick = g_timeout_source_new (10);
      g_source_set_callback (job->tick, tick_cb, job, NULL);
      g_source_attach (job->tick, g_main_context_get_thread_default ());
    }

  pursuit_csv_run_import (store, cancellable, callback, user_data, pursuit_import_file_async, job, job_free,
                          import_thread, thread_done);
}

/**
 * pursuit_import_file_finish:
 * @store: the store of pursuit_import_file_async()
 * @result: its result
 * @out_report: (out) (optional) (transfer full): what was imported
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the import was written; on failure or
 *   cancellation (%G_IO_ERROR_CANCELLED) nothing was
 */
gboolean
pursuit_import_file_finish (PursuitStore       *store,
                            GAsyncResult       *result,
                            PursuitCsvReport  **out_report,
                            GError            **error)
{
  PursuitCsvReport *report;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  if (out_report != NULL)
    *out_report = NULL;
  report = g_task_propagate_pointer (G_TASK (result), error);
  if (report == NULL)
    return FALSE;
  if (out_report != NULL)
    *out_report = report;
  else
    pursuit_csv_report_free (report);
  return TRUE;
}

/* The report */


char *
pursuit_import_describe_report (const PursuitCsvReport *report,
                                guint                   max_lines)
{
  GString *out = g_string_new (NULL);
  g_autofree char *prospects = NULL;
  g_autofree char *touches = NULL;
  guint quoted = 0;

  g_return_val_if_fail (report != NULL, NULL);

  prospects = pursuit_number_format (report->imported);
  touches = pursuit_number_format (report->touches);
  if (report->touches > 0 && report->imported == 0)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "Imported %s touch", "Imported %s touches",
                                              report->touches),
                            touches);
  else
    {
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "Imported %s prospect",
                                                "Imported %s prospects", report->imported),
                              prospects);
      if (report->touches > 0)
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, " and %s touch", " and %s touches",
                                                  report->touches),
                                touches);
    }
  if (report->updated > 0)
    {
      g_autofree char *updated = pursuit_number_format (report->updated);

      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "; %s prospect updated",
                                                "; %s prospects updated", report->updated),
                              updated);
    }
  if (report->skipped > report->invalid)
    {
      g_autofree char *skipped = pursuit_number_format (report->skipped - report->invalid);

      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "; %s duplicate skipped",
                                                "; %s duplicates skipped", report->skipped - report->invalid),
                              skipped);
    }
  if (report->invalid > 0)
    {
      g_autofree char *invalid = pursuit_number_format (report->invalid);

      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "; %s row with errors", "; %s rows with errors",
                                                report->invalid),
                              invalid);
    }
  for (guint i = 0; i < report->errors->len && quoted < max_lines; i++)
    {
      const PursuitCsvRowError *row = g_ptr_array_index (report->errors, i);

      if (row->duplicate)
        continue;
      g_string_append_printf (out, quoted == 0 ? ": " : "; ");
      g_string_append_printf (out, _("line %u: %s"), row->line, row->message);
      quoted++;
    }
  if (report->invalid > quoted && quoted > 0)
    g_string_append (out, "; …");
  g_string_append_c (out, '.');
  return g_string_free (out, FALSE);
}
