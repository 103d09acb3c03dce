/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-ics"

#include "config.h"

#include <glib/gi18n.h>
#include <libical/ical.h>

#include "pursuit-file.h"
#include "pursuit-ics.h"
#include "pursuit-schedule.h"

/* libical writes the text: it escapes commas, semicolons, backslashes and
 * line breaks in TEXT values and folds long lines, which is where
 * hand-written iCalendar usually goes wrong. */

#define UID_DOMAIN "pursuit.github.io"

/* The writer hands the stream this much at a time. */
#define WRITE_CHUNK (64 * 1024)

char *
pursuit_ics_dup_uid (PursuitProspect *prospect,
                     const char      *database_id)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), NULL);

  if (database_id == NULL || database_id[0] == '\0')
    return g_strdup_printf ("prospect-%" G_GINT64_FORMAT "@" UID_DOMAIN, pursuit_prospect_get_id (prospect));
  return g_strdup_printf ("prospect-%" G_GINT64_FORMAT "-%s@" UID_DOMAIN, pursuit_prospect_get_id (prospect),
                          database_id);
}

/* @text without control characters (C0 but line breaks and tabs, DEL,
 * C1): a calendar shows them raw, and a terminal that prints the file
 * runs them. A CRLF becomes a line break. */
static char *
strip_controls (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r' && p[1] != '\n')
        g_string_append_c (out, '\n');
      else if (c == '\n' || c == '\t' || !g_unichar_iscntrl (c))
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

char *
pursuit_ics_dup_summary (PursuitProspect *prospect)
{
  g_autofree char *action = NULL;

  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), NULL);

  action = pursuit_prospect_dup_next_action (prospect);
  return strip_controls (action);
}

static char *
dup_description (PursuitProspect     *prospect,
                 const PursuitPolicy *policy)
{
  g_autofree char *reason = pursuit_schedule_dup_reason (prospect, policy);
  g_autofree char *clean = strip_controls (reason);
  GString *text = g_string_new (clean);

  /* Customers are never let go: no attempt limit to count towards. */
  if (pursuit_prospect_get_stage (prospect) == PURSUIT_STAGE_ACTIVE)
    {
      guint limit = pursuit_policy_attempt_limit (policy, pursuit_prospect_get_attempt_limit (prospect),
                                                  pursuit_prospect_get_value (prospect));

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Attempt %u of %u"), pursuit_prospect_get_attempts (prospect) + 1, limit);
    }
  return g_string_free (text, FALSE);
}

static struct icaltimetype
to_ical_time (GDateTime *when)
{
  return icaltime_from_timet_with_zone ((time_t) g_date_time_to_unix (when), 0,
                                        icaltimezone_get_utc_timezone ());
}

static icalcomponent *
new_todo (PursuitProspect     *prospect,
          const PursuitPolicy *policy,
          const char          *database_id,
          GDateTime           *now)
{
  g_autofree char *uid = pursuit_ics_dup_uid (prospect, database_id);
  g_autofree char *summary = pursuit_ics_dup_summary (prospect);
  g_autofree char *description = dup_description (prospect, policy);
  icalcomponent *todo = icalcomponent_new_vtodo ();

  icalcomponent_add_property (todo, icalproperty_new_uid (uid));
  icalcomponent_add_property (todo, icalproperty_new_dtstamp (to_ical_time (now)));
  icalcomponent_add_property (todo, icalproperty_new_due (to_ical_time (pursuit_prospect_get_next_touch (prospect))));
  icalcomponent_add_property (todo, icalproperty_new_summary (summary));
  if (description[0] != '\0')
    icalcomponent_add_property (todo, icalproperty_new_description (description));
  icalcomponent_add_property (todo, icalproperty_new_status (ICAL_STATUS_NEEDSACTION));
  return todo;
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  PursuitProspect *pa = *(PursuitProspect **) a;
  PursuitProspect *pb = *(PursuitProspect **) b;
  int by_time = g_date_time_compare (pursuit_prospect_get_next_touch (pa), pursuit_prospect_get_next_touch (pb));

  if (by_time != 0)
    return by_time;
  return (pursuit_prospect_get_id (pa) > pursuit_prospect_get_id (pb))
         - (pursuit_prospect_get_id (pa) < pursuit_prospect_get_id (pb));
}

/* The prospects of @prospects with a scheduled touch, by due time. */
static GPtrArray *
list_scheduled (GListModel *prospects)
{
  GPtrArray *scheduled = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (prospects);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PursuitProspect) prospect = g_list_model_get_item (prospects, i);

      if (pursuit_schedule_includes (prospect))
        g_ptr_array_add (scheduled, g_steal_pointer (&prospect));
    }
  g_ptr_array_sort (scheduled, compare_due);
  return scheduled;
}

static void
append_todo (GString             *out,
             PursuitProspect     *prospect,
             const PursuitPolicy *policy,
             const char          *database_id,
             GDateTime           *now)
{
  icalcomponent *todo = new_todo (prospect, policy, database_id, now);
  char *ical = icalcomponent_as_ical_string_r (todo);

  g_string_append (out, ical);
  icalmemory_free_buffer (ical);
  icalcomponent_free (todo);
}

/* Memory streams ignore @cancellable: check it here too. */
static gboolean
flush (GString       *buffer,
       GOutputStream *stream,
       GCancellable  *cancellable,
       GError       **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error)
      || !g_output_stream_write_all (stream, buffer->str, buffer->len, NULL, cancellable, error))
    return FALSE;
  g_string_truncate (buffer, 0);
  return TRUE;
}

/* The calendar a VTODO at a time, as libical writes each (escaped and
 * folded), between the calendar's own lines. */
static gboolean
write_at (GListModel           *prospects,
          const PursuitPolicy  *policy,
          const char           *database_id,
          GDateTime            *now,
          GOutputStream        *stream,
          GCancellable         *cancellable,
          GError              **error)
{
  g_autoptr(GPtrArray) scheduled = list_scheduled (prospects);
  g_autoptr(GString) buffer = g_string_new ("BEGIN:VCALENDAR\r\n"
                                            "VERSION:2.0\r\n"
                                            "PRODID:-//Pursuit//Pursuit " PACKAGE_VERSION "//EN\r\n");

  for (guint i = 0; i < scheduled->len; i++)
    {
      append_todo (buffer, g_ptr_array_index (scheduled, i), policy, database_id, now);
      if (buffer->len >= WRITE_CHUNK && !flush (buffer, stream, cancellable, error))
        return FALSE;
    }
  g_string_append (buffer, "END:VCALENDAR\r\n");
  return flush (buffer, stream, cancellable, error);
}

char *
pursuit_ics_build (GListModel          *prospects,
                   const PursuitPolicy *policy,
                   const char          *database_id,
                   GDateTime           *now)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();

  g_return_val_if_fail (G_IS_LIST_MODEL (prospects), NULL);
  g_return_val_if_fail (policy != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  /* Into memory, which cannot fail; a NUL ends the text. */
  write_at (prospects, policy, database_id, now, memory, NULL, NULL);
  g_output_stream_write_all (memory, "", 1, NULL, NULL, NULL);
  g_output_stream_close (memory, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (memory));
}

gboolean
pursuit_ics_write (GListModel           *prospects,
                   const PursuitPolicy  *policy,
                   const char           *database_id,
                   GOutputStream        *stream,
                   GCancellable         *cancellable,
                   GError              **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_return_val_if_fail (G_IS_LIST_MODEL (prospects), FALSE);
  g_return_val_if_fail (policy != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_at (prospects, policy, database_id, now, stream, cancellable, error);
}

gboolean
pursuit_ics_export (PursuitStore  *store,
                    GFile         *file,
                    GError       **error)
{
  g_autoptr(PursuitFileWriter) writer = NULL;

  g_return_val_if_fail (PURSUIT_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  writer = pursuit_file_writer_new (file, error);
  return writer != NULL
         && pursuit_ics_write (pursuit_store_get_prospects (store), pursuit_store_get_policy (store),
                               pursuit_store_get_database_id (store), pursuit_file_writer_get_stream (writer),
                               NULL, error)
         && pursuit_file_writer_commit (writer, NULL, error);
}
