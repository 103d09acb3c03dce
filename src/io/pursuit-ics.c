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

#define UID_DOMAIN "pursuit.pursuit.github.io"

char *
pursuit_ics_dup_uid (PursuitProspect *prospect)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), NULL);

  return g_strdup_printf ("prospect-%" G_GINT64_FORMAT "@" UID_DOMAIN, pursuit_prospect_get_id (prospect));
}

char *
pursuit_ics_dup_summary (PursuitProspect *prospect)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), NULL);

  return pursuit_prospect_dup_next_action (prospect);
}

static char *
dup_description (PursuitProspect     *prospect,
                 const PursuitPolicy *policy)
{
  g_autofree char *reason = pursuit_schedule_dup_reason (prospect, policy);
  GString *text = g_string_new (reason);

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
          GDateTime           *now)
{
  g_autofree char *uid = pursuit_ics_dup_uid (prospect);
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

char *
pursuit_ics_build (GListModel          *prospects,
                   const PursuitPolicy *policy,
                   GDateTime           *now)
{
  g_autoptr(GPtrArray) scheduled = g_ptr_array_new_with_free_func (g_object_unref);
  icalcomponent *calendar;
  char *ical;
  char *text;

  g_return_val_if_fail (G_IS_LIST_MODEL (prospects), NULL);
  g_return_val_if_fail (policy != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (prospects); i++)
    {
      g_autoptr(PursuitProspect) prospect = g_list_model_get_item (prospects, i);

      if (pursuit_schedule_includes (prospect))
        g_ptr_array_add (scheduled, g_steal_pointer (&prospect));
    }
  g_ptr_array_sort (scheduled, compare_due);

  calendar = icalcomponent_new_vcalendar ();
  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_prodid ("-//Pursuit//Pursuit " PACKAGE_VERSION "//EN"));
  for (guint i = 0; i < scheduled->len; i++)
    icalcomponent_add_component (calendar, new_todo (g_ptr_array_index (scheduled, i), policy, now));

  ical = icalcomponent_as_ical_string_r (calendar);
  text = g_strdup (ical);
  icalmemory_free_buffer (ical);
  icalcomponent_free (calendar);
  return text;
}

gboolean
pursuit_ics_write (GListModel           *prospects,
                   const PursuitPolicy  *policy,
                   GOutputStream        *stream,
                   GCancellable         *cancellable,
                   GError              **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *text = NULL;

  g_return_val_if_fail (G_IS_LIST_MODEL (prospects), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = pursuit_ics_build (prospects, policy, now);
  return g_output_stream_write_all (stream, text, strlen (text), NULL, cancellable, error);
}

gboolean
pursuit_ics_export (GListModel           *prospects,
                    const PursuitPolicy  *policy,
                    GFile                *file,
                    GError              **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *text = NULL;

  g_return_val_if_fail (G_IS_LIST_MODEL (prospects), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  text = pursuit_ics_build (prospects, policy, now);
  return pursuit_file_replace (file, text, strlen (text), error);
}
