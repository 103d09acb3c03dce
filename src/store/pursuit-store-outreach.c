/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pursuit-store-outreach.h"
#include "pursuit-store-private.h"
#include "pursuit-store-touches.h"

/* Outreach on the store: snoozing a follow-up, the do-not-contact list and
 * the nurture list. pursuit_store_delete_touches() lives with the other
 * touch writes in pursuit-store-touches.c. */

static gboolean
has_text (const char *text)
{
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return TRUE;
  return FALSE;
}

static gboolean
is_work_day (const PursuitPolicy *policy,
             GDateTime           *when)
{
  guint days = policy->work_days & PURSUIT_WORK_DAYS_ALL;

  return days == 0 || (days & PURSUIT_WORK_DAY_BIT (g_date_time_get_day_of_week (when))) != 0;
}

/* The next working day after @now's day, at @minutes after midnight
 * (seconds @seconds), in @now's time zone. */
static GDateTime *
next_work_day (const PursuitPolicy *policy,
               GDateTime           *now,
               int                  minutes,
               int                  seconds)
{
  g_autoptr(GDateTime) noon = g_date_time_new (g_date_time_get_timezone (now), g_date_time_get_year (now),
                                               g_date_time_get_month (now), g_date_time_get_day_of_month (now),
                                               12, 0, 0);
  g_autoptr(GDateTime) day = g_date_time_add_days (noon, 1);

  /* Noon: a day that starts in a daylight-saving gap still has it. */
  for (guint i = 0; i < 7 && !is_work_day (policy, day); i++)
    {
      GDateTime *next = g_date_time_add_days (day, 1);

      g_date_time_unref (day);
      day = next;
    }
  return g_date_time_new (g_date_time_get_timezone (now), g_date_time_get_year (day), g_date_time_get_month (day),
                          g_date_time_get_day_of_month (day), minutes / 60, minutes % 60, seconds);
}

/**
 * pursuit_store_snooze:
 * @self: a #PursuitStore
 * @prospect: an active prospect or a customer of @self
 * @now: the time of the snooze
 * @error: return location for a #PursuitStoreError
 *
 * "Not today": the next touch moves to the next working day, at the time
 * of day it was planned for (or the start of the working day), as a date
 * set by hand.
 *
 * Returns: whether the new date was saved
 */
gboolean
pursuit_store_snooze (PursuitStore     *self,
                      PursuitProspect  *prospect,
                      GDateTime        *now,
                      GError          **error)
{
  const PursuitPolicy *policy;
  g_autoptr(PursuitProspect) draft = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GDateTime) planned = NULL;
  g_autoptr(GDateTime) due = NULL;
  PursuitStage stage;
  int minutes, seconds = 0;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pursuit_store_check_owned (self, prospect, error))
    return FALSE;
  stage = pursuit_prospect_get_stage (prospect);
  if ((stage != PURSUIT_STAGE_ACTIVE && stage != PURSUIT_STAGE_CUSTOMER)
      || pursuit_prospect_get_do_not_contact (prospect))
    {
      g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                   _("“%s” has no follow-up to put off. Only active prospects and customers are "
                     "followed up."),
                   pursuit_prospect_get_name (prospect));
      return FALSE;
    }

  policy = pursuit_store_get_policy (self);
  local_now = g_date_time_to_local (now);
  if (pursuit_prospect_get_next_touch (prospect) != NULL)
    {
      planned = g_date_time_to_local (pursuit_prospect_get_next_touch (prospect));
      minutes = g_date_time_get_hour (planned) * 60 + g_date_time_get_minute (planned);
      seconds = g_date_time_get_second (planned);
    }
  else
    minutes = policy->work_start >= 0 ? MIN (policy->work_start, 24 * 60 - 1) : PURSUIT_DEFAULT_WORK_START;
  due = next_work_day (policy, local_now, minutes, seconds);
  if (due == NULL)
    {
      g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                   _("The follow-up of “%s” cannot be put off past the year 9999."),
                   pursuit_prospect_get_name (prospect));
      return FALSE;
    }

  draft = pursuit_prospect_dup (prospect);
  pursuit_prospect_set_next_touch (draft, due);
  pursuit_prospect_set_next_touch_manual (draft, TRUE);
  return pursuit_store_update (self, prospect, draft, error);
}

/**
 * pursuit_store_set_do_not_contact:
 * @self: a #PursuitStore
 * @prospect: a prospect of @self
 * @do_not_contact: whether the prospect asked not to be contacted
 * @error: return location for a #PursuitStoreError
 *
 * Puts @prospect on the do-not-contact list, letting it go for that reason
 * (a firm no stays a firm no), or takes it off, where it stays let go
 * until the user moves it.
 *
 * Returns: whether the change was saved
 */
gboolean
pursuit_store_set_do_not_contact (PursuitStore     *self,
                                  PursuitProspect  *prospect,
                                  gboolean          do_not_contact,
                                  GError          **error)
{
  g_autoptr(PursuitProspect) draft = NULL;
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pursuit_store_check_owned (self, prospect, error))
    return FALSE;
  draft = pursuit_prospect_dup (prospect);
  pursuit_prospect_set_do_not_contact (draft, do_not_contact);
  if (!do_not_contact)
    return pursuit_store_update (self, prospect, draft, error);

  if (pursuit_prospect_get_stage (prospect) != PURSUIT_STAGE_CLOSED
      || g_strcmp0 (pursuit_prospect_get_close_reason (prospect), PURSUIT_CLOSE_REASON_FIRM_NO) != 0)
    pursuit_prospect_set_close_reason (draft, PURSUIT_CLOSE_REASON_DO_NOT_CONTACT);
  pursuit_prospect_set_stage (draft, PURSUIT_STAGE_CLOSED);
  pursuit_prospect_set_tier (draft, PURSUIT_TIER_NONE);
  pursuit_prospect_set_next_touch (draft, NULL);
  pursuit_prospect_set_next_touch_manual (draft, FALSE);
  pursuit_prospect_set_callback_at (draft, NULL);
  pursuit_prospect_set_revisit_at (draft, NULL);
  now = g_date_time_new_now_local ();
  return pursuit_store_recount_streak (self, prospect, draft, now, error)
         && pursuit_store_update (self, prospect, draft, error);
}

static gboolean
is_nurtured (PursuitProspect *prospect,
             GDateTime       *now)
{
  GDateTime *revisit = pursuit_prospect_get_revisit_at (prospect);

  if (pursuit_prospect_get_do_not_contact (prospect) || !has_text (pursuit_prospect_get_email (prospect)))
    return FALSE;
  switch (pursuit_prospect_get_stage (prospect))
    {
    case PURSUIT_STAGE_ACTIVE:
      return pursuit_prospect_get_tier (prospect) == PURSUIT_TIER_COLD;
    case PURSUIT_STAGE_CLOSED:
      return revisit != NULL && g_date_time_compare (revisit, now) > 0;
    case PURSUIT_STAGE_INBOX:
    case PURSUIT_STAGE_CUSTOMER:
    default:
      return FALSE;
    }
}

static int
compare_by_name (gconstpointer a,
                 gconstpointer b)
{
  PursuitProspect *pa = *(PursuitProspect * const *) a;
  PursuitProspect *pb = *(PursuitProspect * const *) b;
  int by_name = strcmp (pursuit_prospect_get_name_key (pa), pursuit_prospect_get_name_key (pb));
  gint64 ia = pursuit_prospect_get_id (pa), ib = pursuit_prospect_get_id (pb);

  if (by_name != 0)
    return by_name;
  return ia < ib ? -1 : ia > ib;
}

/**
 * pursuit_store_list_nurture:
 * @self: a #PursuitStore
 * @now: the current time
 *
 * Returns: (transfer container) (element-type PursuitProspect): the
 *   prospects to keep warm with informational touches, by name
 */
GPtrArray *
pursuit_store_list_nurture (PursuitStore *self,
                            GDateTime    *now)
{
  GListModel *all;
  GPtrArray *list;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  list = g_ptr_array_new_with_free_func (g_object_unref);
  /* The models hold no prospect in the Trash. */
  all = pursuit_store_get_prospects (self);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(PursuitProspect) prospect = g_list_model_get_item (all, i);

      if (is_nurtured (prospect, now))
        g_ptr_array_add (list, g_steal_pointer (&prospect));
    }
  g_ptr_array_sort (list, compare_by_name);
  return list;
}

/**
 * pursuit_store_log_nurture:
 * @self: a #PursuitStore
 * @prospects: (element-type PursuitProspect): prospects of @self
 * @when: when the update was sent
 * @note: (nullable): what it was about
 * @touches: (out) (optional) (element-type PursuitTouch): the saved touches
 * @error: return location for a #PursuitStoreError
 *
 * Logs the update sent to the nurture list: an informational outbound
 * email for each of @prospects, all in one transaction. They are not
 * attempts, so no prospect's streak or plan moves.
 *
 * Returns: whether the touches were saved
 */
gboolean
pursuit_store_log_nurture (PursuitStore  *self,
                           GPtrArray     *prospects,
                           GDateTime     *when,
                           const char    *note,
                           GPtrArray    **touches,
                           GError       **error)
{
  g_autoptr(GPtrArray) made = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autofree gint64 *ids = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (prospects != NULL, FALSE);
  g_return_val_if_fail (when != NULL, FALSE);
  g_return_val_if_fail (touches == NULL || *touches == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  made = g_ptr_array_new_with_free_func (g_object_unref);
  seen = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < prospects->len; i++)
    {
      PursuitProspect *prospect = g_ptr_array_index (prospects, i);
      PursuitTouch *touch;

      if (!PURSUIT_IS_PROSPECT (prospect) || !pursuit_store_check_owned (self, prospect, error))
        {
          if (!PURSUIT_IS_PROSPECT (prospect))
            g_set_error_literal (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                                 _("Only prospects can be sent an update."));
          return FALSE;
        }
      if (pursuit_prospect_get_do_not_contact (prospect))
        {
          g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                       _("“%s” asked not to be contacted. Leave them out of the update."),
                       pursuit_prospect_get_name (prospect));
          return FALSE;
        }
      /* One touch each, whatever the list repeats. */
      if (!g_hash_table_add (seen, prospect))
        continue;
      touch = pursuit_touch_new (pursuit_prospect_get_id (prospect), when, PURSUIT_CHANNEL_EMAIL,
                                 PURSUIT_DIRECTION_OUT, PURSUIT_OUTCOME_NO_ANSWER);
      pursuit_touch_set_note (touch, note);
      pursuit_touch_set_informational (touch, TRUE);
      g_ptr_array_add (made, touch);
      if (!pursuit_store_validate_touch (self, touch, error))
        return FALSE;
    }

  ids = g_new0 (gint64, made->len + 1);
  if (made->len > 0)
    {
      if (!pursuit_db_begin (pursuit_store_get_db (self), error))
        return FALSE;
      for (guint i = 0; ok && i < made->len; i++)
        ok = pursuit_store_insert_touch (self, g_ptr_array_index (made, i), &ids[i], error);
      if (!pursuit_store_finish (self, ok, error))
        return FALSE;
    }

  /* One change for the window's undo, not one per touch. */
  pursuit_store_set_recording_many (self, TRUE);
  for (guint i = 0; i < made->len; i++)
    {
      pursuit_touch_set_id (g_ptr_array_index (made, i), ids[i]);
      pursuit_store_emit_touch_added (self, g_ptr_array_index (made, i));
    }
  pursuit_store_set_recording_many (self, FALSE);
  if (touches != NULL)
    *touches = g_steal_pointer (&made);
  return TRUE;
}
