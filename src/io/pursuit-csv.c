/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-io"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pursuit-csv-private.h"
#include "pursuit-file.h"
#include "pursuit-rules.h"
#include "pursuit-types.h"

/* The reader makes one pass over the input without recursion: memory is
 * the input, the prospects and the largest record, whatever the input
 * holds (NUL bytes, megabyte fields, a hundred thousand columns). */

G_DEFINE_QUARK (pursuit-csv-error-quark, pursuit_csv_error)

/* In the order of PURSUIT_CSV_HEADER, which the writer follows. */
static const char *const column_names[N_COLUMNS] = {
  [COLUMN_NAME] = "name",
  [COLUMN_COMPANY] = "company",
  [COLUMN_EMAIL] = "email",
  [COLUMN_PHONE] = "phone",
  [COLUMN_STAGE] = "stage",
  [COLUMN_TIER] = "tier",
  [COLUMN_VALUE] = "value",
  [COLUMN_ATTEMPTS] = "attempts",
  [COLUMN_NEXT_TOUCH] = "next_touch",
  [COLUMN_NOTES] = "notes",
  [COLUMN_CLOSE_REASON] = "close_reason",
  [COLUMN_REVISIT_DATE] = "revisit_date",
  [COLUMN_TAGS] = "tags",
  [COLUMN_DO_NOT_CONTACT] = "do_not_contact",
};

#define NO_COLUMN G_MAXUINT

/* Bad text is quoted in messages only this far (in characters). */
#define EXCERPT_LENGTH 40

#define UTF8_BOM "\xef\xbb\xbf"

/* Report */

static void
row_error_free (PursuitCsvRowError *row)
{
  g_free (row->message);
  g_free (row);
}

PursuitCsvReport *
pursuit_csv_report_new (void)
{
  PursuitCsvReport *report = g_new0 (PursuitCsvReport, 1);

  report->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) row_error_free);
  report->added = g_ptr_array_new_with_free_func (g_object_unref);
  report->changed = g_ptr_array_new_with_free_func (g_object_unref);
  report->before = g_ptr_array_new_with_free_func (g_object_unref);
  return report;
}

/* Takes @message. */
void
pursuit_csv_report_skip (PursuitCsvReport *report,
                         guint             line,
                         char             *message,
                         gboolean          duplicate,
                         gint64            duplicate_of)
{
  PursuitCsvRowError *row = g_new0 (PursuitCsvRowError, 1);

  g_assert (report != NULL);

  row->line = line;
  row->message = message;
  row->duplicate_of = duplicate_of;
  row->duplicate = duplicate;
  g_ptr_array_add (report->errors, row);
  report->skipped++;
  if (!duplicate)
    report->invalid++;
}

/**
 * pursuit_csv_report_free:
 * @report: (nullable): a report
 *
 * Frees @report and its row errors.
 */
void
pursuit_csv_report_free (PursuitCsvReport *report)
{
  if (report == NULL)
    return;

  g_clear_pointer (&report->errors, g_ptr_array_unref);
  g_clear_pointer (&report->added, g_ptr_array_unref);
  g_clear_pointer (&report->changed, g_ptr_array_unref);
  g_clear_pointer (&report->before, g_ptr_array_unref);
  g_clear_pointer (&report->logged, g_ptr_array_unref);
  g_free (report);
}

/* Reading records */

typedef struct
{
  const char *data;
  gsize       length;
  gsize       pos;
  guint       line; /* physical line of data[pos], 1-based */
  char        separator;
} Reader;

/* One record: its fields unquoted into @text, each NUL-terminated. */
typedef struct
{
  GString *text;
  gsize   *starts;     /* where each field starts in text */
  guint    n_fields;
  guint    n_allocated; /* of starts */
  guint    first_line;
  guint    last_line;  /* of an unterminated record: where the input ends */
  gsize    raw_start;  /* the record as written, without its line end */
  gsize    raw_end;
} Record;

typedef enum
{
  READ_END,
  READ_RECORD,
  READ_UNTERMINATED, /* a quoted field ran to the end of the input */
} ReadResult;

static void
record_init (Record *rec)
{
  rec->text = g_string_new (NULL);
  rec->n_allocated = 16;
  rec->starts = g_new (gsize, rec->n_allocated);
  rec->n_fields = 0;
}

static void
record_clear (Record *rec)
{
  g_string_free (rec->text, TRUE);
  g_free (rec->starts);
}

static void
record_begin_field (Record *rec)
{
  gsize start = rec->text->len;

  /* Not a GArray: appending to one cost a twentieth of the reading. */
  if (rec->n_fields == rec->n_allocated)
    {
      rec->n_allocated *= 2;
      rec->starts = g_renew (gsize, rec->starts, rec->n_allocated);
    }
  rec->starts[rec->n_fields++] = start;
}

static guint
record_n_fields (const Record *rec)
{
  return rec->n_fields;
}

static const char *
record_field (const Record *rec,
              guint         i)
{
  g_assert (i < rec->n_fields);

  return rec->text->str + rec->starts[i];
}

/* Blank lines, and rows of commas only as spreadsheets write them at the
 * end of a sheet, are no records. */
static gboolean
record_is_blank (const Record *rec)
{
  /* Each field is followed by its NUL, so empty fields are NULs only. */
  for (gsize i = 0; i < rec->text->len; i++)
    if (rec->text->str[i] != '\0')
      return FALSE;
  return TRUE;
}

/* Length of the run of ordinary bytes at @p: up to a quote or a line
 * break, and outside quotes also up to a comma. */
static gsize
span_plain (const char *p,
            gsize       n,
            gboolean    quoted,
            char        separator)
{
  gsize i = 0;

  while (i < n && p[i] != '"' && p[i] != '\r' && p[i] != '\n' && (quoted || p[i] != separator))
    i++;
  return i;
}

/* Consumes one line end: CRLF, LF or a lone CR. */
static gboolean
reader_take_line_end (Reader *r)
{
  if (r->pos >= r->length || (r->data[r->pos] != '\r' && r->data[r->pos] != '\n'))
    return FALSE;

  if (r->data[r->pos] == '\r' && r->pos + 1 < r->length && r->data[r->pos + 1] == '\n')
    r->pos++;
  r->pos++;
  if (r->line < G_MAXUINT)
    r->line++;
  return TRUE;
}

/* Reads a quoted field after its opening quote, through the closing
 * quote. Line breaks inside it are kept as written and counted as lines.
 * Returns FALSE when the input ends first. */
static gboolean
reader_read_quoted (Reader  *r,
                    GString *out)
{
  for (;;)
    {
      gsize run = span_plain (r->data + r->pos, r->length - r->pos, TRUE, r->separator);
      gsize start;

      g_string_append_len (out, r->data + r->pos, run);
      r->pos += run;
      if (r->pos >= r->length)
        return FALSE;

      if (r->data[r->pos] == '"')
        {
          r->pos++;
          if (r->pos >= r->length || r->data[r->pos] != '"')
            return TRUE;
          g_string_append_c (out, '"');
          r->pos++;
          continue;
        }

      start = r->pos;
      reader_take_line_end (r);
      g_string_append_len (out, r->data + start, r->pos - start);
    }
}

/* Reads the next record (RFC 4180, leniently: a quote inside an unquoted
 * field and text after a closing quote are kept as written). */
static ReadResult
reader_read_record (Reader *r,
                    Record *rec)
{
  gboolean field_start = TRUE;

  if (r->pos >= r->length)
    return READ_END;

  g_string_truncate (rec->text, 0);
  rec->n_fields = 0;
  rec->first_line = r->line;
  rec->raw_start = r->pos;
  record_begin_field (rec);

  for (;;)
    {
      gsize run = span_plain (r->data + r->pos, r->length - r->pos, FALSE, r->separator);
      char c;

      g_string_append_len (rec->text, r->data + r->pos, run);
      r->pos += run;
      field_start = field_start && run == 0;

      if (r->pos >= r->length)
        break;

      c = r->data[r->pos];
      if (c == '"')
        {
          r->pos++;
          if (!field_start)
            g_string_append_c (rec->text, '"');
          else if (!reader_read_quoted (r, rec->text))
            {
              gboolean ends_in_break = r->length > 0
                                       && (r->data[r->length - 1] == '\n' || r->data[r->length - 1] == '\r');

              rec->last_line = ends_in_break && r->line > rec->first_line ? r->line - 1 : r->line;
              rec->raw_end = r->pos;
              g_string_append_c (rec->text, '\0');
              return READ_UNTERMINATED;
            }
          field_start = FALSE;
        }
      else if (c == r->separator)
        {
          r->pos++;
          g_string_append_c (rec->text, '\0');
          record_begin_field (rec);
          field_start = TRUE;
        }
      else
        break;
    }

  rec->raw_end = r->pos;
  reader_take_line_end (r);
  g_string_append_c (rec->text, '\0');
  return READ_RECORD;
}

/* The header */

/* Whether the header field @field names @column: case and surrounding
 * white space do not matter, and " " or "-" may stand for "_" ("Next
 * touch"). */
static gboolean
header_field_is (const char *field,
                 const char *column)
{
  while (*field == ' ' || *field == '\t')
    field++;

  for (; *column != '\0'; field++, column++)
    {
      if (*column == '_' ? (*field != '_' && *field != ' ' && *field != '-')
                         : g_ascii_tolower (*field) != *column)
        return FALSE;
    }

  while (*field == ' ' || *field == '\t')
    field++;
  return *field == '\0';
}

static gboolean
parse_header (const Record *rec,
              const char   *data,
              guint         column_at[N_COLUMNS],
              GError      **error)
{
  if (!g_utf8_validate_len (data + rec->raw_start, rec->raw_end - rec->raw_start, NULL))
    {
      g_set_error (error, PURSUIT_CSV_ERROR, PURSUIT_CSV_ERROR_ENCODING,
                   _("The file is not UTF-8 text. "
                     "Save it as CSV in the UTF-8 encoding and try again."));
      return FALSE;
    }

  for (guint c = 0; c < N_COLUMNS; c++)
    column_at[c] = NO_COLUMN;

  for (guint i = 0; i < record_n_fields (rec); i++)
    {
      const char *field = record_field (rec, i);

      for (guint c = 0; c < N_COLUMNS; c++)
        {
          if (!header_field_is (field, column_names[c]))
            continue;
          if (column_at[c] != NO_COLUMN)
            {
              g_set_error (error, PURSUIT_CSV_ERROR, PURSUIT_CSV_ERROR_HEADER,
                           _("The column “%s” appears twice in the header row."),
                           column_names[c]);
              return FALSE;
            }
          column_at[c] = i;
          break;
        }
    }

  if (column_at[COLUMN_NAME] == NO_COLUMN)
    {
      g_set_error (error, PURSUIT_CSV_ERROR, PURSUIT_CSV_ERROR_HEADER,
                   _("The first row has no “name” column. "
                     "The first row must name the columns, like this: %s"),
                   PURSUIT_CSV_HEADER);
      return FALSE;
    }

  return TRUE;
}

/* Finds the header: the first record that is not blank. */
static gboolean
read_header (Reader *r,
             Record *rec,
             guint   column_at[N_COLUMNS],
             GError **error)
{
  ReadResult result;

  do
    result = reader_read_record (r, rec);
  while (result == READ_RECORD && record_is_blank (rec));

  if (result == READ_END)
    {
      g_set_error (error, PURSUIT_CSV_ERROR, PURSUIT_CSV_ERROR_HEADER,
                   _("The file is empty. "
                     "A CSV file for Pursuit starts with a row naming the columns, like this: %s"),
                   PURSUIT_CSV_HEADER);
      return FALSE;
    }
  if (result == READ_UNTERMINATED)
    {
      g_set_error (error, PURSUIT_CSV_ERROR, PURSUIT_CSV_ERROR_HEADER,
                   _("A quote in the first row is never closed."));
      return FALSE;
    }

  return parse_header (rec, r->data, column_at, error);
}

/* Records to prospects */

/* @text shortened and with line breaks flattened, to quote it in a
 * message. @text is valid UTF-8. */
char *
pursuit_csv_excerpt (const char *text)
{
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (n++ == EXCERPT_LENGTH)
        {
          g_string_append (out, "…");
          break;
        }
      if ((guchar) *p < 0x20)
        g_string_append_c (out, ' ');
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_blank (const char *text)
{
  while (g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

/* Reads the stage and tier columns: a tier alone means active, neither
 * means inbox. */
static gboolean
parse_stage_tier (const char    *stage_text,
                  const char    *tier_text,
                  PursuitStage  *stage,
                  PursuitTier   *tier,
                  char         **reason)
{
  *stage = PURSUIT_STAGE_INBOX;
  *tier = PURSUIT_TIER_NONE;

  if (!is_blank (stage_text) && !pursuit_stage_from_string (stage_text, stage))
    {
      g_autofree char *bad = pursuit_csv_excerpt (stage_text);

      *reason = g_strdup_printf (_("“%s” is not a stage (inbox, active, customer or closed)"),
                                 bad);
      return FALSE;
    }

  if (!is_blank (tier_text))
    {
      if (!pursuit_tier_from_string (tier_text, tier) || *tier == PURSUIT_TIER_NONE)
        {
          g_autofree char *bad = pursuit_csv_excerpt (tier_text);

          *reason = g_strdup_printf (_("“%s” is not a tier (hot, good, cool or cold)"), bad);
          return FALSE;
        }
      if (is_blank (stage_text))
        *stage = PURSUIT_STAGE_ACTIVE;
    }

  if (*stage == PURSUIT_STAGE_ACTIVE && *tier == PURSUIT_TIER_NONE)
    {
      *reason = g_strdup (_("an active prospect needs a tier (hot, good, cool or cold)"));
      return FALSE;
    }
  if (*stage != PURSUIT_STAGE_ACTIVE && *tier != PURSUIT_TIER_NONE)
    {
      *reason = g_strdup_printf (_("only active prospects have a tier, but the stage is “%s”"),
                                 pursuit_stage_to_string (*stage));
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_attempts (const char *text,
                guint      *attempts,
                char      **reason)
{
  g_autofree char *stripped = NULL;
  guint64 number = 0;

  /* Most cells of an import are empty: no copy to strip. */
  if (*text == '\0')
    {
      *attempts = 0;
      return TRUE;
    }
  stripped = g_strstrip (g_strdup (text));

  if (*stripped != '\0'
      && !g_ascii_string_to_unsigned (stripped, 10, 0, G_MAXUINT, &number, NULL))
    {
      g_autofree char *bad = pursuit_csv_excerpt (text);

      *reason = g_strdup_printf (_("the attempts “%s” are not a whole number of 0 or more"),
                                 bad);
      return FALSE;
    }

  *attempts = (guint) number;
  return TRUE;
}

/* YYYY-MM-DD: 09:00 local time that day. */
static GDateTime *
parse_plain_date (const char *text)
{
  static const char pattern[] = "dddd-dd-dd";
  guint64 year, month, day;

  if (strlen (text) != strlen (pattern))
    return NULL;
  for (guint i = 0; pattern[i] != '\0'; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != pattern[i])
      return NULL;

  year = g_ascii_strtoull (text, NULL, 10);
  month = g_ascii_strtoull (text + 5, NULL, 10);
  day = g_ascii_strtoull (text + 8, NULL, 10);
  if (!g_date_valid_dmy (day, month, year))
    return NULL;

  return g_date_time_new_local (year, month, day, 9, 0, 0);
}

/* ISO 8601 with or without seconds and time zone (local time without
 * one), or a plain date. Returns local time. */
GDateTime *
pursuit_csv_parse_date_time (const char *text)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) when = NULL;
  gsize len = strlen (text);

  /* No date is this long; spares the parsers megabytes. */
  if (len > 64)
    return NULL;

  when = parse_plain_date (text);
  if (when == NULL)
    when = g_date_time_new_from_iso8601 (text, local);

  /* GLib wants seconds: add them to "2024-05-31T14:30[zone]". */
  if (when == NULL && len >= 16 && text[13] == ':' && text[16] != ':' && text[16] != '.')
    {
      g_autofree char *with_seconds = g_strdup_printf ("%.16s:00%s", text, text + 16);

      when = g_date_time_new_from_iso8601 (with_seconds, local);
    }

  return when != NULL ? g_date_time_to_local (when) : NULL;
}

static gboolean
parse_next_touch (const char  *text,
                  GDateTime  **when,
                  char       **reason)
{
  g_autofree char *stripped = NULL;

  *when = NULL;
  if (*text == '\0')
    return TRUE;
  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return TRUE;

  *when = pursuit_csv_parse_date_time (stripped);
  if (*when == NULL)
    {
      g_autofree char *bad = pursuit_csv_excerpt (text);

      *reason = g_strdup_printf (_("the next touch “%s” is not a date "
                                   "like 2024-05-31 or 2024-05-31T14:30"),
                                 bad);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_name_email_value (const char  *name,
                        const char  *email,
                        const char  *value_text,
                        double      *value,
                        char       **reason)
{
  if (is_blank (name))
    {
      *reason = g_strdup (_("the name is empty"));
      return FALSE;
    }

  if (!pursuit_email_is_valid (email))
    {
      g_autofree char *bad = pursuit_csv_excerpt (email);

      *reason = g_strdup_printf (_("“%s” is not an email address"), bad);
      return FALSE;
    }

  if (!pursuit_value_parse (value_text, value))
    {
      g_autofree char *bad = pursuit_csv_excerpt (value_text);

      *reason = g_strdup_printf (_("the value “%s” is not an amount of 0 or more"), bad);
      return FALSE;
    }

  return TRUE;
}

/* The field of @column, or "" when the file has no such column. */
static const char *
record_column (const Record *rec,
               const guint   column_at[N_COLUMNS],
               Column        column)
{
  return column_at[column] == NO_COLUMN ? "" : record_field (rec, column_at[column]);
}

/* The checks that need no UTF-8 decoding: structure and encoding. */
static gboolean
check_record (const Record *rec,
              const char   *data,
              guint         n_columns,
              char        **reason)
{
  const char *raw = data + rec->raw_start;
  gsize raw_length = rec->raw_end - rec->raw_start;

  if (memchr (raw, '\0', raw_length) != NULL)
    {
      *reason = g_strdup (_("the row contains a NUL byte"));
      return FALSE;
    }
  if (!g_utf8_validate_len (raw, raw_length, NULL))
    {
      *reason = g_strdup (_("the row is not UTF-8 text"));
      return FALSE;
    }
  if (record_n_fields (rec) != n_columns)
    {
      *reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "the row has %u field, but the header has %u",
                                              "the row has %u fields, but the header has %u",
                                              record_n_fields (rec)),
                                 record_n_fields (rec), n_columns);
      return FALSE;
    }
  return TRUE;
}

/* The text of a cell as the writer protected it against formulas (see
 * pursuit_csv_append_field()), read back: one leading quote less. */
const char *
pursuit_csv_unguard (const char *text)
{
  return text[0] == '\'' && pursuit_csv_needs_guard (text + 1) ? text + 1 : text;
}

/* The field of @column as text, unguarded. */
static const char *
record_text (const Record *rec,
             const guint   column_at[N_COLUMNS],
             Column        column)
{
  return pursuit_csv_unguard (record_column (rec, column_at, column));
}

/* The columns of @rec that hold something: what an update may change. */
static guint
record_present (const Record *rec,
                const guint   column_at[N_COLUMNS])
{
  guint present = 0;

  for (Column c = 0; c < N_COLUMNS; c++)
    if (!is_blank (record_text (rec, column_at, c)))
      present |= 1u << c;
  return present;
}

/* The close reason and revisit date, kept for closed prospects only (the
 * others have none). */
static gboolean
parse_closing (const Record     *rec,
               const guint       column_at[N_COLUMNS],
               PursuitProspect  *prospect,
               char            **reason)
{
  const char *close_text = record_text (rec, column_at, COLUMN_CLOSE_REASON);
  const char *revisit_cell = record_column (rec, column_at, COLUMN_REVISIT_DATE);
  g_autofree char *close_reason = NULL;
  g_autofree char *revisit_text = NULL;
  g_autoptr(GDateTime) revisit = NULL;

  /* Most rows close nothing: no copies to strip. */
  if (*close_text == '\0' && *revisit_cell == '\0' && pursuit_prospect_get_stage (prospect) != PURSUIT_STAGE_CLOSED)
    return TRUE;
  close_reason = g_strstrip (g_strdup (close_text));
  revisit_text = g_strstrip (g_strdup (revisit_cell));

  if (*revisit_text != '\0' && (revisit = pursuit_csv_parse_date_time (revisit_text)) == NULL)
    {
      g_autofree char *bad = pursuit_csv_excerpt (revisit_text);

      *reason = g_strdup_printf (_("the revisit date “%s” is not a date like 2024-05-31 or 2024-05-31T14:30"),
                                 bad);
      return FALSE;
    }
  if (pursuit_prospect_get_stage (prospect) == PURSUIT_STAGE_CLOSED)
    {
      pursuit_prospect_set_close_reason (prospect, close_reason);
      pursuit_prospect_set_revisit_at (prospect, revisit);
    }
  return TRUE;
}

/* The do_not_contact column: a prospect who asked not to be contacted is
 * let go for that reason (a firm no stays one), never planned. */
static gboolean
parse_do_not_contact (const char       *text,
                      PursuitProspect  *prospect,
                      char            **reason)
{
  g_autofree char *stripped = NULL;
  g_autofree char *value = NULL;

  if (*text == '\0')
    return TRUE;
  stripped = g_strstrip (g_strdup (text));
  value = g_ascii_strdown (stripped, -1);
  if (*value == '\0' || g_str_equal (value, "no") || g_str_equal (value, "false") || g_str_equal (value, "0"))
    return TRUE;
  if (!g_str_equal (value, "yes") && !g_str_equal (value, "true") && !g_str_equal (value, "1")
      && !g_str_equal (value, "x"))
    {
      g_autofree char *bad = pursuit_csv_excerpt (text);

      *reason = g_strdup_printf (_("“%s” in do_not_contact is neither yes nor no"), bad);
      return FALSE;
    }
  pursuit_prospect_set_do_not_contact (prospect, TRUE);
  if (pursuit_prospect_get_stage (prospect) != PURSUIT_STAGE_CLOSED
      || g_strcmp0 (pursuit_prospect_get_close_reason (prospect), PURSUIT_CLOSE_REASON_FIRM_NO) != 0)
    pursuit_prospect_set_close_reason (prospect, PURSUIT_CLOSE_REASON_DO_NOT_CONTACT);
  pursuit_prospect_set_stage (prospect, PURSUIT_STAGE_CLOSED);
  pursuit_prospect_set_tier (prospect, PURSUIT_TIER_NONE);
  pursuit_prospect_set_next_touch (prospect, NULL);
  pursuit_prospect_set_revisit_at (prospect, NULL);
  return TRUE;
}

/* A detached prospect for @rec, or NULL with the reason why not; made
 * at @created_at, one time for a whole file (the local time of each row
 * costs the parsing a fifth). */
static PursuitProspect *
prospect_from_record (const Record *rec,
                      const guint   column_at[N_COLUMNS],
                      GDateTime    *created_at,
                      char        **reason)
{
  const char *tags = record_text (rec, column_at, COLUMN_TAGS);
  const char *email = record_text (rec, column_at, COLUMN_EMAIL);
  g_autoptr(PursuitProspect) prospect = NULL;
  g_autoptr(GDateTime) next_touch = NULL;
  g_autofree char *email_stripped = g_strstrip (g_strdup (email));
  PursuitStage stage;
  PursuitTier tier;
  double value = -1;
  guint attempts = 0;

  if (!check_name_email_value (record_text (rec, column_at, COLUMN_NAME), email_stripped,
                               record_column (rec, column_at, COLUMN_VALUE), &value, reason)
      || !parse_stage_tier (record_column (rec, column_at, COLUMN_STAGE),
                            record_column (rec, column_at, COLUMN_TIER), &stage, &tier, reason)
      || !parse_attempts (record_column (rec, column_at, COLUMN_ATTEMPTS), &attempts, reason)
      || !parse_next_touch (record_column (rec, column_at, COLUMN_NEXT_TOUCH), &next_touch, reason))
    return NULL;

  prospect = g_object_new (PURSUIT_TYPE_PROSPECT, "created-at", created_at, NULL);
  pursuit_prospect_set_name (prospect, record_text (rec, column_at, COLUMN_NAME));
  pursuit_prospect_set_company (prospect, record_text (rec, column_at, COLUMN_COMPANY));
  pursuit_prospect_set_email (prospect, email_stripped);
  pursuit_prospect_set_phone (prospect, record_text (rec, column_at, COLUMN_PHONE));
  pursuit_prospect_set_notes (prospect, record_text (rec, column_at, COLUMN_NOTES));
  if (*tags != '\0')
    pursuit_prospect_set_tags (prospect, tags);
  pursuit_prospect_set_stage (prospect, stage);
  pursuit_prospect_set_tier (prospect, tier);
  pursuit_prospect_set_value (prospect, value);
  pursuit_prospect_set_attempts (prospect, attempts);
  /* No touches come with them: the streak goes on from there. */
  pursuit_prospect_set_attempts_before (prospect, attempts);
  pursuit_prospect_set_next_touch (prospect, next_touch);
  if (!parse_closing (rec, column_at, prospect, reason)
      || !parse_do_not_contact (record_column (rec, column_at, COLUMN_DO_NOT_CONTACT), prospect, reason))
    return NULL;
  return g_steal_pointer (&prospect);
}

/* Why an unterminated record was skipped, with the lines it took. */
static char *
unterminated_reason (const Record *rec)
{
  guint n_lines = rec->last_line - rec->first_line + 1;

  if (n_lines <= 1)
    return g_strdup (_("a quoted field is not closed before the end of the file"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "a quoted field opened on line %u is not closed before the end of the "
                                       "file: it took %u line, %u to %u, which are all skipped; add the missing "
                                       "quote",
                                       "a quoted field opened on line %u is not closed before the end of the "
                                       "file: it took %u lines, %u to %u, which are all skipped; add the missing "
                                       "quote",
                                       n_lines),
                          rec->first_line, n_lines, rec->first_line, rec->last_line);
}

/* reader_read_quoted() keeping nothing but whether the field holds
 * anything. */
static gboolean
reader_skip_quoted (Reader   *r,
                    gboolean *content)
{
  for (;;)
    {
      gsize run = span_plain (r->data + r->pos, r->length - r->pos, TRUE, r->separator);

      *content = *content || run > 0;
      r->pos += run;
      if (r->pos >= r->length)
        return FALSE;
      if (r->data[r->pos] == '"')
        {
          r->pos++;
          if (r->pos >= r->length || r->data[r->pos] != '"')
            return TRUE;
          *content = TRUE;
          r->pos++;
          continue;
        }
      reader_take_line_end (r);
      *content = TRUE;
    }
}

/* reader_read_record() keeping nothing but whether the record is blank:
 * counting the records of a file of 100,000 rows cost as much as a
 * tenth of their import when it copied every field. */
static ReadResult
reader_skip_record (Reader   *r,
                    gboolean *blank)
{
  gboolean field_start = TRUE;
  gboolean content = FALSE;

  if (r->pos >= r->length)
    return READ_END;
  for (;;)
    {
      gsize run = span_plain (r->data + r->pos, r->length - r->pos, FALSE, r->separator);
      char c;

      content = content || run > 0;
      r->pos += run;
      field_start = field_start && run == 0;
      if (r->pos >= r->length)
        break;
      c = r->data[r->pos];
      if (c == '"')
        {
          r->pos++;
          if (!field_start)
            content = TRUE;
          else if (!reader_skip_quoted (r, &content))
            {
              *blank = !content;
              return READ_UNTERMINATED;
            }
          field_start = FALSE;
        }
      else if (c == r->separator)
        {
          r->pos++;
          field_start = TRUE;
        }
      else
        break;
    }
  reader_take_line_end (r);
  *blank = !content;
  return READ_RECORD;
}

/* Fails when more than PURSUIT_CSV_MAX_ROWS records follow the header:
 * counted first, on the text alone, so that a file of millions of tiny
 * rows never becomes millions of prospects. Leaves @r where it was. */
static gboolean
check_count (const Reader  *r,
             guint         *n_rows,
             GError       **error)
{
  Reader counter = *r;
  gboolean ok = TRUE;
  gboolean blank = FALSE;
  guint n = 0;

  while (ok && reader_skip_record (&counter, &blank) != READ_END)
    ok = blank || ++n <= PURSUIT_CSV_MAX_ROWS;
  if (n_rows != NULL)
    *n_rows = n;
  if (!ok)
    g_set_error (error, PURSUIT_CSV_ERROR, PURSUIT_CSV_ERROR_TOO_BIG,
                 _("The file has more than %u rows, the most Pursuit imports at once. "
                   "Split it into smaller files."),
                 PURSUIT_CSV_MAX_ROWS);
  return ok;
}

/**
 * pursuit_csv_parse:
 * @data: (array length=length): the CSV text; need not be NUL-terminated
 *   and may hold NUL bytes
 * @length: the length of @data in bytes
 * @out_report: (out) (optional) (transfer full): what was skipped and why
 * @error: return location for a #PURSUIT_CSV_ERROR
 *
 * Reads CSV text into detached prospects, one per valid record. Records
 * that are not valid are left out and described in the report, with the
 * line they start on; blank lines are skipped silently.
 *
 * Fails only when the first row is no usable header: not UTF-8
 * (%PURSUIT_CSV_ERROR_ENCODING), without a "name" column, with a column
 * twice, or missing because the input is empty (%PURSUIT_CSV_ERROR_HEADER).
 *
 * Returns: (transfer full) (element-type PursuitProspect): the prospects,
 *   or %NULL on error
 */
GPtrArray *
pursuit_csv_parse (const char        *data,
                   gsize              length,
                   PursuitCsvReport **out_report,
                   GError           **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return pursuit_csv_parse_rows (data, length, NULL, out_report, error);
}

/* pursuit_csv_parse(), and for each prospect a PursuitCsvRow in @out_rows
 * (may be NULL): its line and the columns it fills. */
GPtrArray *
pursuit_csv_parse_rows (const char        *data,
                        gsize              length,
                        GArray           **out_rows,
                        PursuitCsvReport **out_report,
                        GError           **error)
{
  g_autoptr(GPtrArray) prospects = NULL;
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GDateTime) created_at = g_date_time_new_from_unix_local (g_get_real_time () / G_USEC_PER_SEC);
  Reader reader = { data, length, 0, 1, ',' };
  guint column_at[N_COLUMNS];
  guint n_columns;
  Record rec;
  ReadResult result;

  if (out_report != NULL)
    *out_report = NULL;
  if (out_rows != NULL)
    *out_rows = NULL;

  if (length >= strlen (UTF8_BOM) && memcmp (data, UTF8_BOM, strlen (UTF8_BOM)) == 0)
    reader.pos = strlen (UTF8_BOM);

  record_init (&rec);
  if (!read_header (&reader, &rec, column_at, error) || !check_count (&reader, NULL, error))
    {
      record_clear (&rec);
      return NULL;
    }
  n_columns = record_n_fields (&rec);

  prospects = g_ptr_array_new_with_free_func (g_object_unref);
  rows = g_array_new (FALSE, FALSE, sizeof (PursuitCsvRow));
  report = pursuit_csv_report_new ();

  while ((result = reader_read_record (&reader, &rec)) != READ_END)
    {
      PursuitProspect *prospect = NULL;
      char *reason = NULL;

      if (result == READ_UNTERMINATED)
        reason = unterminated_reason (&rec);
      else if (record_is_blank (&rec))
        continue;
      else if (check_record (&rec, data, n_columns, &reason))
        prospect = prospect_from_record (&rec, column_at, created_at, &reason);

      if (prospect != NULL)
        {
          PursuitCsvRow row = { rec.first_line, record_present (&rec, column_at) };

          g_ptr_array_add (prospects, prospect);
          g_array_append_val (rows, row);
        }
      else
        pursuit_csv_report_skip (report, rec.first_line, reason, FALSE, 0);
    }

  record_clear (&rec);

  if (out_report != NULL)
    *out_report = g_steal_pointer (&report);
  if (out_rows != NULL)
    *out_rows = g_steal_pointer (&rows);
  return g_steal_pointer (&prospects);
}

/* Other layouts */

static void
head_row_free (PursuitCsvHeadRow *row)
{
  g_strfreev (row->fields);
  g_free (row);
}

static GStrv
record_dup_fields (const Record *rec)
{
  GStrv fields = g_new0 (char *, record_n_fields (rec) + 1);

  for (guint i = 0; i < record_n_fields (rec); i++)
    fields[i] = g_utf8_make_valid (record_field (rec, i), -1);
  return fields;
}

GPtrArray *
pursuit_csv_read_head (const char *data,
                       gsize       length,
                       gsize       pos,
                       guint       line,
                       char        separator,
                       guint       max_rows)
{
  GPtrArray *head = g_ptr_array_new_with_free_func ((GDestroyNotify) head_row_free);
  Reader reader = { data, length, MIN (pos, length), line, separator };
  Record rec;

  record_init (&rec);
  while (head->len < max_rows)
    {
      gsize start = reader.pos;
      ReadResult result = reader_read_record (&reader, &rec);
      PursuitCsvHeadRow *row;

      if (result == READ_END)
        break;
      if (result == READ_RECORD && record_is_blank (&rec))
        continue;
      row = g_new0 (PursuitCsvHeadRow, 1);
      row->line = rec.first_line;
      row->pos = start;
      row->fields = record_dup_fields (&rec);
      g_ptr_array_add (head, row);
      if (result == READ_UNTERMINATED)
        break;
    }
  record_clear (&rec);
  return head;
}

/* Fills @canon with the N_COLUMNS cells that @map makes of @rec;
 * @fields has room for the record's fields and a NULL. */
static void
map_record (const Record       *rec,
            PursuitCsvMapFunc   map,
            gpointer            map_data,
            const char        **fields,
            Record             *canon)
{
  char *cells[N_COLUMNS] = { NULL };

  for (guint i = 0; i < record_n_fields (rec); i++)
    fields[i] = record_field (rec, i);
  fields[record_n_fields (rec)] = NULL;
  map (map_data, fields, record_n_fields (rec), cells);

  g_string_truncate (canon->text, 0);
  canon->n_fields = 0;
  canon->first_line = rec->first_line;
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      record_begin_field (canon);
      if (cells[c] != NULL)
        g_string_append (canon->text, cells[c]);
      g_string_append_c (canon->text, '\0');
      g_free (cells[c]);
    }
}

/* Every so many records, says how far the reading is, and whether to
 * stop. */
static gboolean
report_progress (PursuitCsvProgress  *progress,
                 guint                n_read,
                 GError             **error)
{
  if (progress == NULL || n_read % 256 != 0)
    return TRUE;
  g_atomic_int_set (&progress->rows_read, (gint) n_read);
  return !g_cancellable_set_error_if_cancelled (progress->cancellable, error);
}

struct _PursuitCsvMappedReader
{
  const char         *data;
  guint               n_columns;
  PursuitCsvMapFunc   map;
  gpointer            map_data;
  PursuitCsvProgress *progress;
  GDateTime          *created_at;
  const char        **fields;
  guint               identity[N_COLUMNS];
  Reader              reader;
  Record              rec;
  Record              canon;
  guint               n_read;
};

void
pursuit_csv_mapped_reader_free (PursuitCsvMappedReader *self)
{
  if (self == NULL)
    return;
  record_clear (&self->rec);
  record_clear (&self->canon);
  g_date_time_unref (self->created_at);
  g_free (self->fields);
  g_free (self);
}

PursuitCsvMappedReader *
pursuit_csv_mapped_reader_new (const char         *data,
                               gsize               length,
                               gsize               pos,
                               guint               line,
                               char                separator,
                               guint               n_columns,
                               PursuitCsvMapFunc   map,
                               gpointer            map_data,
                               PursuitCsvProgress *progress,
                               GError            **error)
{
  g_autoptr(PursuitCsvMappedReader) self = g_new0 (PursuitCsvMappedReader, 1);
  Reader reader = { data, length, MIN (pos, length), line, separator };
  guint n_rows = 0;

  self->data = data;
  self->n_columns = n_columns;
  self->map = map;
  self->map_data = map_data;
  self->progress = progress;
  /* One time for a whole file: the local time of each row costs. */
  self->created_at = g_date_time_new_from_unix_local (g_get_real_time () / G_USEC_PER_SEC);
  /* Only records of @n_columns fields are mapped. */
  self->fields = g_new (const char *, n_columns + 1);
  for (guint c = 0; c < N_COLUMNS; c++)
    self->identity[c] = c;
  self->reader = reader;
  record_init (&self->rec);
  record_init (&self->canon);
  /* The header, which the layout has read already. */
  reader_read_record (&self->reader, &self->rec);
  if (!check_count (&self->reader, &n_rows, error))
    return NULL;
  if (progress != NULL)
    g_atomic_int_set (&progress->n_rows, (gint) n_rows);
  return g_steal_pointer (&self);
}

/* The prospect of the record just read, or NULL with the reason. */
static PursuitProspect *
mapped_record (PursuitCsvMappedReader *self,
               ReadResult              result,
               char                  **reason)
{
  if (result == READ_UNTERMINATED)
    {
      *reason = unterminated_reason (&self->rec);
      return NULL;
    }
  if (!check_record (&self->rec, self->data, self->n_columns, reason))
    return NULL;
  map_record (&self->rec, self->map, self->map_data, self->fields, &self->canon);
  return prospect_from_record (&self->canon, self->identity, self->created_at, reason);
}

gboolean
pursuit_csv_mapped_reader_next (PursuitCsvMappedReader  *self,
                                guint                    max_records,
                                GPtrArray               *prospects,
                                GArray                  *rows,
                                PursuitCsvReport        *report,
                                gboolean                *at_end,
                                GError                 **error)
{
  ReadResult result = READ_END;
  guint n = 0;

  g_return_val_if_fail (self != NULL && prospects != NULL && rows != NULL && report != NULL, FALSE);

  while (n < max_records && (result = reader_read_record (&self->reader, &self->rec)) != READ_END)
    {
      PursuitProspect *prospect;
      char *reason = NULL;

      if (result == READ_RECORD && record_is_blank (&self->rec))
        continue;
      n++;
      if (!report_progress (self->progress, ++self->n_read, error))
        return FALSE;
      prospect = mapped_record (self, result, &reason);
      if (prospect != NULL)
        {
          PursuitCsvRow row = { self->rec.first_line, record_present (&self->canon, self->identity) };

          g_ptr_array_add (prospects, prospect);
          g_array_append_val (rows, row);
        }
      else
        pursuit_csv_report_skip (report, self->rec.first_line, reason, FALSE, 0);
    }
  /* Blank records at the end count as the end too. */
  *at_end = result == READ_END || self->reader.pos >= self->reader.length;
  if (*at_end && self->progress != NULL)
    g_atomic_int_set (&self->progress->rows_read, (gint) self->n_read);
  return TRUE;
}

GPtrArray *
pursuit_csv_parse_mapped (const char         *data,
                          gsize               length,
                          gsize               pos,
                          guint               line,
                          char                separator,
                          guint               n_columns,
                          PursuitCsvMapFunc   map,
                          gpointer            map_data,
                          PursuitCsvProgress *progress,
                          GArray            **out_rows,
                          PursuitCsvReport  **out_report,
                          GError            **error)
{
  g_autoptr(PursuitCsvMappedReader) reader = NULL;
  g_autoptr(GPtrArray) prospects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PursuitCsvReport) report = pursuit_csv_report_new ();
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (PursuitCsvRow));
  gboolean at_end = FALSE;

  reader = pursuit_csv_mapped_reader_new (data, length, pos, line, separator, n_columns, map, map_data, progress,
                                          error);
  if (reader == NULL
      || !pursuit_csv_mapped_reader_next (reader, G_MAXUINT, prospects, rows, report, &at_end, error))
    return NULL;
  if (out_report != NULL)
    *out_report = g_steal_pointer (&report);
  if (out_rows != NULL)
    *out_rows = g_steal_pointer (&rows);
  return g_steal_pointer (&prospects);
}

gboolean
pursuit_csv_foreach_record (const char            *data,
                            gsize                  length,
                            gsize                  pos,
                            guint                  line,
                            char                   separator,
                            guint                  n_columns,
                            PursuitCsvRecordFunc   func,
                            gpointer               func_data,
                            GError               **error)
{
  Reader reader = { data, length, MIN (pos, length), line, separator };
  g_autofree const char **fields = NULL;
  guint n_allocated = 0;
  ReadResult result;
  Record rec;

  record_init (&rec);
  reader_read_record (&reader, &rec);
  if (!check_count (&reader, NULL, error))
    {
      record_clear (&rec);
      return FALSE;
    }
  while ((result = reader_read_record (&reader, &rec)) != READ_END)
    {
      g_autofree char *reason = NULL;

      if (result == READ_UNTERMINATED)
        reason = unterminated_reason (&rec);
      else if (record_is_blank (&rec))
        continue;
      else if (!check_record (&rec, data, n_columns, &reason))
        ;
      else
        {
          if (n_allocated < record_n_fields (&rec) + 1)
            {
              n_allocated = record_n_fields (&rec) + 1;
              fields = g_renew (const char *, fields, n_allocated);
            }
          for (guint i = 0; i < record_n_fields (&rec); i++)
            fields[i] = pursuit_csv_unguard (record_field (&rec, i));
          fields[record_n_fields (&rec)] = NULL;
        }
      func (func_data, rec.first_line, reason == NULL ? fields : NULL, reason);
    }
  record_clear (&rec);
  return TRUE;
}

/* Writing */

/* The first characters that make a spreadsheet read a cell as a formula
 * (OWASP, "CSV Injection"). */
static gboolean
is_formula_trigger (char c)
{
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/* Whether the writer puts a quote before @text: when it starts with a
 * formula trigger, or with quotes and then one, so that the reader, which
 * takes one quote off such text only, gives back what was written. */
gboolean
pursuit_csv_needs_guard (const char *text)
{
  while (*text == '\'')
    text++;
  return is_formula_trigger (*text);
}

/* RFC 4180 quoting, also around leading or trailing white space, which
 * spreadsheets would otherwise trim. Text that a spreadsheet would run as
 * a formula ("=HYPERLINK(…)", "+1-555-0100", "@SUM(…)") gets a quote in
 * front, as OWASP advises, so that it shows as the text it is (Excel hides
 * the quote); the reader takes it off again. */
void
pursuit_csv_append_field (GString    *out,
                          const char *field)
{
  gsize len = strlen (field);
  gboolean guard = pursuit_csv_needs_guard (field);

  if (len == 0)
    return;

  if (!guard && !g_ascii_isspace (field[0]) && !g_ascii_isspace (field[len - 1])
      && strpbrk (field, ",\"\r\n") == NULL)
    {
      g_string_append_len (out, field, len);
      return;
    }

  g_string_append_c (out, '"');
  if (guard)
    g_string_append_c (out, '\'');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* The fewest decimals that read back to the same double, without an
 * exponent, which pursuit_value_parse() does not read: "1000", "1000.5". */
static void
append_value (GString *out,
              double   value)
{
  char buf[512];
  char format[16];

  if (!isfinite (value) || value < 0)
    return;

  for (guint decimals = 0; decimals <= 40; decimals++)
    {
      g_snprintf (format, sizeof format, "%%.%uf", decimals);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        {
          g_string_append (out, buf);
          return;
        }
    }

  /* Only values far below a cent get here. */
  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.17g", value));
}

void
pursuit_csv_append_date_time (GString   *out,
                              GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *text = NULL;

  if (when == NULL)
    return;

  local = g_date_time_to_local (when);
  text = g_date_time_format_iso8601 (local);
  g_string_append (out, text);
}

static void
append_prospect (GString         *out,
                 PursuitProspect *prospect)
{
  PursuitStage stage = pursuit_prospect_get_stage (prospect);

  pursuit_csv_append_field (out, pursuit_prospect_get_name (prospect));
  g_string_append_c (out, ',');
  pursuit_csv_append_field (out, pursuit_prospect_get_company (prospect));
  g_string_append_c (out, ',');
  pursuit_csv_append_field (out, pursuit_prospect_get_email (prospect));
  g_string_append_c (out, ',');
  pursuit_csv_append_field (out, pursuit_prospect_get_phone (prospect));
  g_string_append_c (out, ',');
  g_string_append (out, pursuit_stage_to_string (stage));
  g_string_append_c (out, ',');
  /* A tier outside the active stage would not read back. */
  if (stage == PURSUIT_STAGE_ACTIVE)
    g_string_append (out, pursuit_tier_to_string (pursuit_prospect_get_tier (prospect)));
  g_string_append_c (out, ',');
  append_value (out, pursuit_prospect_get_value (prospect));
  g_string_append_printf (out, ",%u,", pursuit_prospect_get_attempts (prospect));
  pursuit_csv_append_date_time (out, pursuit_prospect_get_next_touch (prospect));
  g_string_append_c (out, ',');
  pursuit_csv_append_field (out, pursuit_prospect_get_notes (prospect));
  g_string_append_c (out, ',');
  /* Only a prospect let go has these, and only one let go reads them. */
  if (stage == PURSUIT_STAGE_CLOSED)
    {
      pursuit_csv_append_field (out, pursuit_prospect_get_close_reason (prospect));
      g_string_append_c (out, ',');
      pursuit_csv_append_date_time (out, pursuit_prospect_get_revisit_at (prospect));
    }
  else
    g_string_append_c (out, ',');
  g_string_append_c (out, ',');
  pursuit_csv_append_field (out, pursuit_prospect_get_tags (prospect));
  g_string_append (out, pursuit_prospect_get_do_not_contact (prospect) ? ",yes\r\n" : ",\r\n");
}

/* Streams in memory ignore @cancellable: check it here too. */
gboolean
pursuit_csv_flush (GString       *buffer,
                   GOutputStream *out,
                   GCancellable  *cancellable,
                   GError       **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error)
      || !g_output_stream_write_all (out, buffer->str, buffer->len, NULL, cancellable, error))
    return FALSE;
  g_string_truncate (buffer, 0);
  return TRUE;
}

/**
 * pursuit_csv_write:
 * @prospects: a #GListModel of #PursuitProspect
 * @out: the stream to write to; not closed
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes the columns of #PURSUIT_CSV_HEADER for every prospect of
 * @prospects, header first, with CRLF line ends (RFC 4180), quoting where
 * needed: fields with commas, quotes, line breaks or surrounding white
 * space. Text that a spreadsheet would take for a formula (starting with
 * "=", "+", "-", "@", a tab or a carriage return) is written with a quote
 * in front, and quoted; pursuit_csv_parse() reads it back as it was.
 * Values are written in their shortest exact form without thousands
 * separators, next touches and revisit dates in ISO 8601 local time with
 * the UTC offset; fields without a value are empty. Memory stays bounded
 * (a buffer of WRITE_CHUNK) whatever the number of prospects.
 *
 * Returns: %TRUE on success, %FALSE with the stream's error
 */
gboolean
pursuit_csv_write (GListModel    *prospects,
                   GOutputStream *out,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GString) buffer = g_string_new (PURSUIT_CSV_HEADER "\r\n");
  guint n_items;

  g_return_val_if_fail (G_IS_LIST_MODEL (prospects), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n_items = g_list_model_get_n_items (prospects);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PursuitProspect) prospect = g_list_model_get_item (prospects, i);

      g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), FALSE);

      append_prospect (buffer, prospect);
      if (buffer->len >= PURSUIT_CSV_WRITE_CHUNK && !pursuit_csv_flush (buffer, out, cancellable, error))
        return FALSE;
    }

  return pursuit_csv_flush (buffer, out, cancellable, error);
}

char *
pursuit_csv_build (GListModel *prospects,
                   gsize      *length)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();

  g_return_val_if_fail (G_IS_LIST_MODEL (prospects), NULL);

  /* Into memory, which cannot fail; a NUL ends the text. */
  pursuit_csv_write (prospects, memory, NULL, NULL);
  g_output_stream_write_all (memory, "", 1, NULL, NULL, NULL);
  g_output_stream_close (memory, NULL, NULL);
  if (length != NULL)
    *length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)) - 1;
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (memory));
}

/**
 * pursuit_csv_export:
 * @prospects: a #GListModel of #PursuitProspect
 * @file: where to write
 * @error: return location for a #GIOError naming @file
 *
 * pursuit_csv_write() into @file, row by row, by the rules of
 * pursuit_file_writer_new(): a regular file is replaced whole, a device,
 * FIFO or standard output is written in place.
 *
 * Returns: %TRUE on success
 */
gboolean
pursuit_csv_export (GListModel  *prospects,
                    GFile       *file,
                    GError     **error)
{
  g_autoptr(PursuitFileWriter) writer = NULL;

  g_return_val_if_fail (G_IS_LIST_MODEL (prospects), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  writer = pursuit_file_writer_new (file, error);
  return writer != NULL
         && pursuit_csv_write (prospects, pursuit_file_writer_get_stream (writer), NULL, error)
         && pursuit_file_writer_commit (writer, NULL, error);
}
