/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-io"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pursuit-csv-private.h"
#include "pursuit-history-private.h"
#include "pursuit-store-history.h"
#include "pursuit-store-touches.h"

/* Activities become touches: each row finds its prospect by email, else
 * by a name no other prospect has, and is logged through the store's own
 * steps (PursuitStoreHistory), so that streaks, next touches and
 * insights follow as if each had been logged by hand, oldest first. The
 * prospects are matched against snapshots taken on the main thread, so
 * that reading and writing run in the import's thread. */

typedef enum
{
  H_SKIP,
  H_EMAIL,
  H_NAME,
  H_CONTACT,   /* "Maria Gómez (maria@example.com)" or either alone */
  H_FIRST_NAME,
  H_LAST_NAME,
  H_DATE,      /* a date, or a date and time */
  H_TIME,
  H_CHANNEL,
  H_DIRECTION,
  H_OUTCOME,
  H_NOTE,
  H_CALLBACK,
  H_DONE,      /* Pipedrive's "Done" / "To do" */
  H_INFORMATIONAL, /* Pursuit's: an update to the nurture list */
  H_N_FIELDS
} HistoryField;

/* Normalized names (letters and digits, lower case) of Pursuit's
 * --export-touches, of Pipedrive's activities export and of HubSpot's
 * calls, emails and meetings exports. */
static const struct
{
  const char   *key;
  HistoryField  field;
} known[] = {
  { "email", H_EMAIL },
  { "personemail", H_EMAIL },
  { "contactemail", H_EMAIL },
  { "emailaddress", H_EMAIL },
  { "associatedemail", H_EMAIL },
  { "name", H_NAME },
  { "personname", H_NAME },
  { "contactname", H_NAME },
  { "contactperson", H_NAME },
  { "activitycontactperson", H_NAME },
  { "dealcontactperson", H_NAME },
  { "prospect", H_NAME },
  { "associatedcontact", H_CONTACT },
  { "contact", H_CONTACT },
  { "firstname", H_FIRST_NAME },
  { "lastname", H_LAST_NAME },
  { "time", H_DATE },
  { "date", H_DATE },
  { "datetime", H_DATE },
  { "when", H_DATE },
  { "activitydate", H_DATE },
  { "activityduedate", H_DATE },
  { "duedate", H_DATE },
  { "activitymarkedasdonetime", H_DATE },
  { "timestamp", H_DATE },
  { "activityduetime", H_TIME },
  { "duetime", H_TIME },
  { "channel", H_CHANNEL },
  { "activitytype", H_CHANNEL },
  { "engagementtype", H_CHANNEL },
  { "direction", H_DIRECTION },
  { "calldirection", H_DIRECTION },
  { "emaildirection", H_DIRECTION },
  { "outcome", H_OUTCOME },
  { "calloutcome", H_OUTCOME },
  { "meetingoutcome", H_OUTCOME },
  { "result", H_OUTCOME },
  { "disposition", H_OUTCOME },
  { "note", H_NOTE },
  { "notes", H_NOTE },
  { "activitynote", H_NOTE },
  { "activitysubject", H_NOTE },
  { "subject", H_NOTE },
  { "callnotes", H_NOTE },
  { "callandmeetingnotes", H_NOTE },
  { "body", H_NOTE },
  { "emailsubject", H_NOTE },
  { "callback", H_CALLBACK },
  { "activitydone", H_DONE },
  { "done", H_DONE },
  { "informational", H_INFORMATIONAL },
};

static gboolean
is_yes (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *value = g_ascii_strdown (stripped, -1);

  return g_str_equal (value, "yes") || g_str_equal (value, "true") || g_str_equal (value, "1")
         || g_str_equal (value, "x");
}

static char *
normalize (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isalnum (*p) || (guchar) *p >= 0x80)
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

static HistoryField
field_for_header (const char *header)
{
  g_autofree char *key = normalize (header);

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (key, known[i].key))
      return known[i].field;
  return H_SKIP;
}

gboolean
pursuit_history_knows_header (const char *header)
{
  g_return_val_if_fail (header != NULL, FALSE);

  return field_for_header (header) != H_SKIP;
}

gboolean
pursuit_history_is_header (GPtrArray *headers)
{
  gboolean date = FALSE, activity = FALSE, who = FALSE;

  g_return_val_if_fail (headers != NULL, FALSE);

  for (guint i = 0; i < headers->len; i++)
    {
      HistoryField field = field_for_header (g_ptr_array_index (headers, i));

      date = date || field == H_DATE;
      activity = activity || field == H_CHANNEL || field == H_DIRECTION || field == H_OUTCOME;
      who = who || field == H_EMAIL || field == H_NAME || field == H_CONTACT;
    }
  return date && activity && who;
}

/* Words */

static gboolean
word_in (const char        *key,
         const char *const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (key, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* The channel of Pursuit's names, Pipedrive's types ("call", "meeting",
 * "lunch", "email") and HubSpot's ("CALL", "EMAIL", "MEETING"). FALSE for
 * what is no contact: a task, a deadline, a note. */
static gboolean
parse_channel (const char     *text,
               PursuitChannel *channel)
{
  static const char *const voicemail[] = { "voicemail", "voice mail", NULL };
  static const char *const email[] = { "email", "e-mail", "mail", NULL };
  static const char *const meeting[] = { "meeting", "lunch", "video", "demo", NULL };
  static const char *const social[] = { "linkedin", "social", "sms", "text", "whatsapp", "message", NULL };
  static const char *const call[] = { "call", "phone", NULL };
  g_autofree char *key = g_ascii_strdown (text, -1);

  if (pursuit_channel_from_string (text, channel))
    return TRUE;
  if (word_in (key, voicemail))
    *channel = PURSUIT_CHANNEL_VOICEMAIL;
  else if (word_in (key, email))
    *channel = PURSUIT_CHANNEL_EMAIL;
  else if (word_in (key, meeting))
    *channel = PURSUIT_CHANNEL_MEETING;
  else if (word_in (key, social))
    *channel = PURSUIT_CHANNEL_SOCIAL;
  else if (word_in (key, call))
    *channel = PURSUIT_CHANNEL_CALL;
  else if (strstr (key, "visit") != NULL)
    *channel = PURSUIT_CHANNEL_VISIT;
  else if (strstr (key, "letter") != NULL || strstr (key, "post") != NULL)
    *channel = PURSUIT_CHANNEL_LETTER;
  else
    return FALSE;
  return TRUE;
}

/* "out", "Outbound", "OUTGOING", "sent"; "in", "Inbound", "INCOMING_EMAIL",
 * "received". */
static gboolean
parse_direction (const char       *text,
                 PursuitDirection *direction)
{
  static const char *const in[] = { "inbound", "incoming", "received", "reply", NULL };
  static const char *const out[] = { "outbound", "outgoing", "sent", "forwarded", "email", NULL };
  g_autofree char *key = g_ascii_strdown (text, -1);

  if (pursuit_direction_from_string (text, direction))
    return TRUE;
  if (word_in (key, in))
    *direction = PURSUIT_DIRECTION_IN;
  else if (word_in (key, out))
    *direction = PURSUIT_DIRECTION_OUT;
  else
    return FALSE;
  return TRUE;
}

/* Pursuit's names, and HubSpot's call outcomes ("Connected", "No
 * answer", "Busy", "Left voicemail", "Left live message", "Wrong
 * number"). */
static gboolean
parse_outcome (const char     *text,
               PursuitOutcome *outcome)
{
  static const char *const no_answer[] = { "no answer", "busy", "wrong number", "not reached", "unreachable", NULL };
  static const char *const message[] = { "voicemail", "message", "left", NULL };
  static const char *const replied[] = { "connected", "answered", "replied", "reached", "completed", NULL };
  g_autofree char *key = g_ascii_strdown (text, -1);

  if (pursuit_outcome_from_string (text, outcome))
    return TRUE;
  if (word_in (key, no_answer))
    *outcome = PURSUIT_OUTCOME_NO_ANSWER;
  else if (word_in (key, message))
    *outcome = PURSUIT_OUTCOME_LEFT_MESSAGE;
  else if (strstr (key, "callback") != NULL || strstr (key, "call back") != NULL)
    *outcome = PURSUIT_OUTCOME_CALLBACK_REQUESTED;
  else if (strstr (key, "meeting") != NULL || strstr (key, "scheduled") != NULL)
    *outcome = PURSUIT_OUTCOME_MEETING;
  else if (strstr (key, "not interested") != NULL || strstr (key, "lost") != NULL)
    *outcome = PURSUIT_OUTCOME_FIRM_NO;
  else if (strstr (key, "won") != NULL)
    *outcome = PURSUIT_OUTCOME_WON;
  else if (word_in (key, replied))
    *outcome = PURSUIT_OUTCOME_REPLIED;
  else
    return FALSE;
  return TRUE;
}

/* The outcome a row without one had: a meeting met, a reply came in, a
 * call went unanswered, a message was left. */
static PursuitOutcome
default_outcome (PursuitChannel   channel,
                 PursuitDirection direction)
{
  if (channel == PURSUIT_CHANNEL_MEETING || channel == PURSUIT_CHANNEL_VISIT)
    return PURSUIT_OUTCOME_MEETING;
  if (direction == PURSUIT_DIRECTION_IN)
    return PURSUIT_OUTCOME_REPLIED;
  if (channel == PURSUIT_CHANNEL_CALL)
    return PURSUIT_OUTCOME_NO_ANSWER;
  return PURSUIT_OUTCOME_LEFT_MESSAGE;
}

/* The number of 1 to @max_digits digits at @p, or NULL. */
static const char *
take_number (const char *p,
             guint       max_digits,
             guint      *out)
{
  guint n = 0, value = 0;

  while (g_ascii_isdigit (*p) && n < max_digits)
    {
      value = value * 10 + (guint) (*p++ - '0');
      n++;
    }
  if (n == 0 || g_ascii_isdigit (*p))
    return NULL;
  *out = value;
  return p;
}

/* "HH:MM[:SS]" with "AM" or "PM" after it or not; an empty time is 09:00. */
static gboolean
parse_clock (const char *p,
             guint      *h,
             guint      *m,
             guint      *s)
{
  while (*p == ' ')
    p++;
  if (*p == '\0')
    return TRUE;
  if ((p = take_number (p, 2, h)) == NULL || *p++ != ':' || (p = take_number (p, 2, m)) == NULL)
    return FALSE;
  if (*p == ':' && (p = take_number (p + 1, 2, s)) == NULL)
    return FALSE;
  while (*p == ' ')
    p++;
  if (g_ascii_strcasecmp (p, "pm") == 0 && *h < 12)
    *h += 12;
  else if (g_ascii_strcasecmp (p, "am") == 0 && *h == 12)
    *h = 0;
  else if (*p != '\0' && g_ascii_strcasecmp (p, "am") != 0 && g_ascii_strcasecmp (p, "pm") != 0)
    return FALSE;
  return *h <= 23 && *m <= 59 && *s <= 59;
}

/* Dates as ISO 8601 (with "T" or a space), "MM/DD/YYYY" (or
 * "DD/MM/YYYY" when the first number is over 12) and "DD.MM.YYYY", each
 * with an optional time "HH:MM[:SS]" and "AM"/"PM". */
static GDateTime *
parse_when (const char *date_text,
            const char *time_text)
{
  g_autofree char *text = g_strstrip (g_strdup_printf ("%s %s", date_text, time_text != NULL ? time_text : ""));
  guint a = 0, b = 0, y = 0, h = 9, m = 0, s = 0;
  const char *p;
  char sep;

  if (strlen (text) > 64)
    return NULL;
  if (strlen (text) > 10 && text[4] == '-' && text[10] == ' ')
    text[10] = 'T';
  if (strlen (text) >= 5 && text[4] == '-')
    return pursuit_csv_parse_date_time (text);

  if ((p = take_number (text, 2, &a)) == NULL || (*p != '/' && *p != '.'))
    return NULL;
  sep = *p;
  if ((p = take_number (p + 1, 2, &b)) == NULL || *p != sep || (p = take_number (p + 1, 4, &y)) == NULL
      || !parse_clock (p, &h, &m, &s))
    return NULL;
  if (sep == '/' && a <= 12)
    {
      guint t = a;

      a = b;
      b = t;
    }
  if (y < 100)
    y += 2000;
  if (!g_date_valid_dmy (a, b, y))
    return NULL;
  return g_date_time_new_local (y, b, a, h, m, s);
}

/* Rows */

typedef struct
{
  PursuitStore        *store;
  PursuitCsvReport    *report;
  HistoryField        *fields;
  guint                n_fields;
  GHashTable          *by_email;  /* casefolded email → snapshot */
  GHashTable          *by_name;   /* casefolded name → snapshot, or NULL when several */
  GPtrArray           *touches;
  GPtrArray           *prospects; /* for each of touches, its snapshot */
  GArray              *lines;
  PursuitStoreHistory *written;   /* owned by the writer */
  GArray              *order;     /* Entry, as written */
} History;

typedef struct
{
  const char *cells[H_N_FIELDS];
} Row;

static char *
fold (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  return g_utf8_casefold (stripped, -1);
}

static void
index_prospects (History *h)
{
  GListModel *prospects = pursuit_store_get_prospects (h->store);

  for (guint i = 0; i < g_list_model_get_n_items (prospects); i++)
    {
      g_autoptr(PursuitProspect) live = g_list_model_get_item (prospects, i);
      PursuitProspect *p = pursuit_store_history_snapshot (live);
      const char *email = pursuit_prospect_get_email (p);
      char *name = fold (pursuit_prospect_get_name (p));

      if (email != NULL && *email != '\0')
        g_hash_table_insert (h->by_email, fold (email), g_object_ref (p));
      /* A name two prospects share finds neither. */
      g_hash_table_insert (h->by_name, name, g_hash_table_contains (h->by_name, name) ? NULL : g_object_ref (p));
      g_object_unref (p);
    }
}

/* The prospect a row names, or NULL with why not. */
static PursuitProspect *
find_prospect (History    *h,
               const Row  *row,
               char      **reason)
{
  g_autofree char *email = NULL;
  g_autofree char *name = NULL;
  const char *contact = row->cells[H_CONTACT];
  PursuitProspect *p = NULL;

  if (row->cells[H_EMAIL] != NULL)
    email = fold (row->cells[H_EMAIL]);
  if (row->cells[H_NAME] != NULL)
    name = fold (row->cells[H_NAME]);
  else if (row->cells[H_FIRST_NAME] != NULL || row->cells[H_LAST_NAME] != NULL)
    {
      g_autofree char *joined = g_strjoin (" ", row->cells[H_FIRST_NAME] ? row->cells[H_FIRST_NAME] : "",
                                           row->cells[H_LAST_NAME] ? row->cells[H_LAST_NAME] : "", NULL);

      name = fold (joined);
    }
  /* HubSpot: "Maria Gómez (maria@example.com)". */
  if (contact != NULL)
    {
      const char *open = strrchr (contact, '(');

      if (email == NULL && open != NULL && strchr (open, '@') != NULL)
        {
          g_autofree char *inside = g_strndup (open + 1, strcspn (open + 1, ")"));

          email = fold (inside);
        }
      if (name == NULL)
        {
          g_autofree char *before = g_strndup (contact, open != NULL ? (gsize) (open - contact) : strlen (contact));

          name = fold (before);
          if (email == NULL && strchr (name, '@') != NULL)
            email = g_strdup (name);
        }
    }

  if (email != NULL && *email != '\0')
    p = g_hash_table_lookup (h->by_email, email);
  if (p == NULL && name != NULL && *name != '\0')
    p = g_hash_table_lookup (h->by_name, name);
  if (p != NULL)
    return p;

  if (name != NULL && *name != '\0' && g_hash_table_contains (h->by_name, name))
    *reason = g_strdup_printf (_("several prospects are called “%s”; give the email to tell them apart"),
                               row->cells[H_NAME] != NULL ? row->cells[H_NAME] : name);
  else
    {
      g_autofree char *who = pursuit_csv_excerpt (email != NULL && *email != '\0' ? email
                                                  : name != NULL ? name : "");

      *reason = g_strdup_printf (_("no prospect in Pursuit has the email or name “%s”"), who);
    }
  return NULL;
}

/* The touch of a row and its prospect, or NULL with why not. */
static PursuitTouch *
touch_from_row (History          *h,
                const Row        *row,
                PursuitProspect **out_prospect,
                char            **reason)
{
  PursuitChannel channel = PURSUIT_CHANNEL_CALL;
  PursuitDirection direction = PURSUIT_DIRECTION_OUT;
  PursuitOutcome outcome;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) callback = NULL;
  PursuitProspect *prospect;
  PursuitTouch *touch;

  if (row->cells[H_DONE] != NULL && g_ascii_strncasecmp (row->cells[H_DONE], "to do", 5) == 0)
    {
      *reason = g_strdup (_("the activity is not done yet"));
      return NULL;
    }
  if (row->cells[H_CHANNEL] != NULL && !parse_channel (row->cells[H_CHANNEL], &channel))
    {
      g_autofree char *bad = pursuit_csv_excerpt (row->cells[H_CHANNEL]);

      *reason = g_strdup_printf (_("“%s” is no contact (call, email, voicemail, letter, visit, meeting or "
                                   "social)"),
                                 bad);
      return NULL;
    }
  if (row->cells[H_DIRECTION] != NULL && !parse_direction (row->cells[H_DIRECTION], &direction))
    {
      g_autofree char *bad = pursuit_csv_excerpt (row->cells[H_DIRECTION]);

      *reason = g_strdup_printf (_("“%s” is not a direction (out or in)"), bad);
      return NULL;
    }
  outcome = default_outcome (channel, direction);
  if (row->cells[H_OUTCOME] != NULL && !parse_outcome (row->cells[H_OUTCOME], &outcome))
    {
      g_autofree char *bad = pursuit_csv_excerpt (row->cells[H_OUTCOME]);

      *reason = g_strdup_printf (_("“%s” is not an outcome (no-answer, left-message, replied, meeting, "
                                   "callback-requested, firm-no or won)"),
                                 bad);
      return NULL;
    }
  when = row->cells[H_DATE] != NULL ? parse_when (row->cells[H_DATE], row->cells[H_TIME]) : NULL;
  if (when == NULL)
    {
      g_autofree char *bad = pursuit_csv_excerpt (row->cells[H_DATE] != NULL ? row->cells[H_DATE] : "");

      *reason = g_strdup_printf (_("the date “%s” is not a date like 2024-05-31 14:30"), bad);
      return NULL;
    }
  if (row->cells[H_CALLBACK] != NULL)
    callback = parse_when (row->cells[H_CALLBACK], NULL);
  prospect = find_prospect (h, row, reason);
  if (prospect == NULL)
    return NULL;

  *out_prospect = prospect;
  touch = pursuit_touch_new (pursuit_prospect_get_id (prospect), when, channel, direction, outcome);
  if (outcome == PURSUIT_OUTCOME_CALLBACK_REQUESTED && callback != NULL)
    pursuit_touch_set_callback_at (touch, callback);
  if (row->cells[H_NOTE] != NULL)
    pursuit_touch_set_note (touch, row->cells[H_NOTE]);
  /* Only an update sent with no answer is one. */
  if (row->cells[H_INFORMATIONAL] != NULL && is_yes (row->cells[H_INFORMATIONAL])
      && direction == PURSUIT_DIRECTION_OUT && !pursuit_outcome_is_response (outcome))
    pursuit_touch_set_informational (touch, TRUE);
  return touch;
}

static void
take_row (gpointer            data,
          guint               line,
          const char *const  *fields,
          const char         *bad_reason)
{
  History *h = data;
  g_autoptr(GString) note = NULL;
  Row row = { { NULL } };
  char *reason = NULL;
  PursuitProspect *prospect = NULL;
  PursuitTouch *touch;

  if (fields == NULL)
    {
      pursuit_csv_report_skip (h->report, line, g_strdup (bad_reason), FALSE, 0);
      return;
    }
  for (guint i = 0; i < h->n_fields && fields[i] != NULL; i++)
    {
      const char *text = fields[i];

      while (g_ascii_isspace (*text))
        text++;
      if (*text == '\0' || h->fields[i] == H_SKIP)
        continue;
      /* Several notes (Pipedrive's subject and note) make one. */
      if (h->fields[i] == H_NOTE && row.cells[H_NOTE] != NULL)
        {
          if (note == NULL)
            note = g_string_new (row.cells[H_NOTE]);
          g_string_append_printf (note, "\n%s", text);
          row.cells[H_NOTE] = note->str;
        }
      else if (row.cells[h->fields[i]] == NULL)
        row.cells[h->fields[i]] = text;
    }

  touch = touch_from_row (h, &row, &prospect, &reason);
  if (touch == NULL)
    {
      pursuit_csv_report_skip (h->report, line, reason, FALSE, 0);
      return;
    }
  g_ptr_array_add (h->touches, touch);
  g_ptr_array_add (h->prospects, g_object_ref (prospect));
  g_array_append_val (h->lines, line);
}

/* Importing */

typedef struct
{
  PursuitTouch    *touch;
  PursuitProspect *prospect;
  guint            line;
} Entry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = a, *eb = b;
  int by_time = g_date_time_compare (pursuit_touch_get_happened_at (ea->touch),
                                     pursuit_touch_get_happened_at (eb->touch));

  return by_time != 0 ? by_time : (ea->line > eb->line) - (ea->line < eb->line);
}

static int
compare_errors (gconstpointer a,
                gconstpointer b)
{
  const PursuitCsvRowError *ea = *(PursuitCsvRowError **) a;
  const PursuitCsvRowError *eb = *(PursuitCsvRowError **) b;

  return (ea->line > eb->line) - (ea->line < eb->line);
}

/* The touches oldest first (a file may list them newest first), for
 * @writer to log. */
static PursuitStoreHistory *
sorted_history (History *h)
{
  PursuitStoreHistory *history = pursuit_store_history_new ();

  h->order = g_array_sized_new (FALSE, FALSE, sizeof (Entry), h->touches->len);
  for (guint i = 0; i < h->touches->len; i++)
    {
      Entry e = { g_ptr_array_index (h->touches, i), g_ptr_array_index (h->prospects, i),
                  g_array_index (h->lines, guint, i) };

      g_array_append_val (h->order, e);
    }
  g_array_sort (h->order, compare_entries);
  for (guint i = 0; i < h->order->len; i++)
    {
      const Entry *e = &g_array_index (h->order, Entry, i);

      pursuit_store_history_add (history, e->touch, e->prospect);
    }
  return history;
}

/* The attempts on prospects let go by then, by line. */
static void
report_refused (History *h,
                GArray  *refused)
{
  for (guint i = 0; i < refused->len; i++)
    {
      const Entry *e = &g_array_index (h->order, Entry, g_array_index (refused, guint, i));
      g_autofree char *name = pursuit_csv_excerpt (pursuit_prospect_get_name (e->prospect));

      pursuit_csv_report_skip (h->report, e->line,
                               g_strdup_printf (_("“%s” was let go by then, so the attempt is not logged"), name),
                               FALSE, 0);
    }
  h->report->touches = h->order->len - refused->len;
  g_ptr_array_sort (h->report->errors, compare_errors);
}

static void
unref_nullable (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

struct _PursuitHistoryImport
{
  History h;
};

/**
 * pursuit_history_import_new:
 * @store: the store to log the touches in
 * @headers: (element-type utf8): the column names of the file
 *
 * On the main thread: what reading a history needs of @store (its
 * prospects by email and name), for pursuit_history_import_parse() in
 * any thread, then pursuit_history_import_write() in that thread and
 * pursuit_history_import_apply() here.
 */
PursuitHistoryImport *
pursuit_history_import_new (PursuitStore *store,
                            GPtrArray    *headers)
{
  PursuitHistoryImport *import = g_new0 (PursuitHistoryImport, 1);
  History *h = &import->h;

  h->store = g_object_ref (store);
  h->report = pursuit_csv_report_new ();
  h->n_fields = headers->len;
  h->fields = g_new0 (HistoryField, headers->len + 1);
  for (guint i = 0; i < headers->len; i++)
    h->fields[i] = field_for_header (g_ptr_array_index (headers, i));
  /* The prospects are held: one deleted meanwhile is still there to
   * compare (its touches are then refused when logged). */
  h->by_email = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref_nullable);
  h->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref_nullable);
  h->touches = g_ptr_array_new_with_free_func (g_object_unref);
  h->prospects = g_ptr_array_new_with_free_func (g_object_unref);
  h->lines = g_array_new (FALSE, FALSE, sizeof (guint));
  index_prospects (h);
  return import;
}

void
pursuit_history_import_free (PursuitHistoryImport *import)
{
  History *h;

  if (import == NULL)
    return;
  h = &import->h;
  g_object_unref (h->store);
  g_clear_pointer (&h->report, pursuit_csv_report_free);
  g_free (h->fields);
  g_hash_table_unref (h->by_email);
  g_hash_table_unref (h->by_name);
  g_ptr_array_unref (h->touches);
  g_ptr_array_unref (h->prospects);
  g_array_unref (h->lines);
  g_clear_pointer (&h->order, g_array_unref);
  g_free (import);
}

/* In any thread: the touches of the decoded CSV @text, each matched to
 * its prospect; rows that fit none go into the report. */
gboolean
pursuit_history_import_parse (PursuitHistoryImport  *import,
                              const char            *text,
                              gsize                  length,
                              gsize                  header_pos,
                              guint                  header_line,
                              char                   separator,
                              GError               **error)
{
  g_return_val_if_fail (import != NULL, FALSE);

  return pursuit_csv_foreach_record (text, length, header_pos, header_line, separator, import->h.n_fields,
                                     take_row, &import->h, error);
}

/* In the import's thread: logs what was parsed, in @writer's one
 * transaction. */
gboolean
pursuit_history_import_write (PursuitHistoryImport  *import,
                              PursuitStoreImport    *writer,
                              PursuitCsvProgress    *progress,
                              GError               **error)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  History *h;

  g_return_val_if_fail (import != NULL && import->h.written == NULL, FALSE);
  g_return_val_if_fail (writer != NULL, FALSE);

  h = &import->h;
  h->written = sorted_history (h);
  pursuit_store_import_set_history (writer, h->written);
  if (progress != NULL)
    {
      pursuit_store_history_count_into (h->written, &progress->rows_written);
      g_atomic_int_set (&progress->n_to_write, h->order->len);
    }
  if (!pursuit_store_import_write (writer, none, none, none, progress != NULL ? progress->cancellable : NULL, NULL,
                                   error))
    return FALSE;
  report_refused (h, pursuit_store_history_get_refused (h->written));
  return TRUE;
}

/* On the main thread, after the commit. */
PursuitCsvReport *
pursuit_history_import_apply (PursuitHistoryImport *import,
                              PursuitStoreImport   *writer)
{
  PursuitCsvReport *report;

  g_return_val_if_fail (import != NULL && import->h.written != NULL, NULL);

  pursuit_store_import_apply (writer);
  report = g_steal_pointer (&import->h.report);
  g_clear_pointer (&report->changed, g_ptr_array_unref);
  g_clear_pointer (&report->before, g_ptr_array_unref);
  pursuit_store_history_take_undo (import->h.written, &report->logged, &report->changed, &report->before);
  return report;
}

gboolean
pursuit_history_import_text (PursuitStore      *store,
                             const char        *text,
                             gsize              length,
                             gsize              header_pos,
                             guint              header_line,
                             char               separator,
                             GPtrArray         *headers,
                             PursuitCsvReport **out_report,
                             GError           **error)
{
  g_autoptr(PursuitStoreImport) writer = NULL;
  g_autoptr(PursuitHistoryImport) import = NULL;
  PursuitCsvReport *report;

  g_return_val_if_fail (PURSUIT_IS_STORE (store), FALSE);

  if (out_report != NULL)
    *out_report = NULL;
  import = pursuit_history_import_new (store, headers);
  writer = pursuit_store_import_new (store);
  if (!pursuit_history_import_parse (import, text, length, header_pos, header_line, separator, error)
      || !pursuit_history_import_write (import, writer, NULL, error))
    return FALSE;
  report = pursuit_history_import_apply (import, writer);
  if (out_report != NULL)
    *out_report = report;
  else
    pursuit_csv_report_free (report);
  return TRUE;
}
