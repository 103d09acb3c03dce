/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-store"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "pursuit-engine.h"
#include "pursuit-schedule.h"
#include "pursuit-store-private.h"

/* The schedule: per-day counts for the calendar's month grid, the
 * prospects of a range of days for its agenda, and writes of several
 * prospects at once (spreading a day and undoing it).
 *
 * Both queries run over the index prospect_next_touch: a range on
 * next_touch, never a scan per day. Days are local calendar days; SQLite's
 * 'localtime' and GLib's local zone both follow TZ and /etc/localtime. */

#define SCHEDULED_STAGES "stage IN ('active', 'customer') AND deleted_at IS NULL"

#define SQL_COUNT_BY_DAY                                                       \
  "SELECT date (next_touch, 'unixepoch', 'localtime') AS day, COUNT (*), "     \
  "SUM (next_touch < ?3) FROM prospect "                                       \
  "WHERE next_touch >= ?1 AND next_touch < ?2 AND " SCHEDULED_STAGES " "       \
  "GROUP BY day"
#define SQL_LIST_SCHEDULED                                                     \
  "SELECT id FROM prospect "                                                   \
  "WHERE next_touch >= ?1 AND next_touch < ?2 AND " SCHEDULED_STAGES " "       \
  "ORDER BY next_touch, id"

/* How many days ahead plan_spread() looks at once for room. */
#define SPREAD_WINDOW_DAYS 62

gboolean
pursuit_schedule_includes (PursuitProspect *prospect)
{
  PursuitStage stage;

  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), FALSE);

  stage = pursuit_prospect_get_stage (prospect);
  return pursuit_prospect_get_next_touch (prospect) != NULL
         && (stage == PURSUIT_STAGE_ACTIVE || stage == PURSUIT_STAGE_CUSTOMER);
}

static gboolean
has_text (const char *text)
{
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return TRUE;
  return FALSE;
}

void
pursuit_schedule_settle (PursuitProspect     *draft,
                         const PursuitPolicy *policy,
                         GDateTime           *now)
{
  PursuitStage stage;
  g_autoptr(GDateTime) due = NULL;

  g_return_if_fail (PURSUIT_IS_PROSPECT (draft));
  g_return_if_fail (policy != NULL && now != NULL);

  /* The channel planned is one the prospect can be reached on, from the
   * first write (the engine keeps it so after each touch). */
  pursuit_prospect_set_next_channel (draft, pursuit_engine_reachable_channel (
                                              pursuit_prospect_get_next_channel (draft),
                                              pursuit_engine_unreachable (has_text (pursuit_prospect_get_phone (draft)),
                                                                          has_text (pursuit_prospect_get_email (draft)))));
  stage = pursuit_prospect_get_stage (draft);
  /* Never planned, never back from a revisit. */
  if (pursuit_prospect_get_do_not_contact (draft))
    {
      pursuit_prospect_set_callback_at (draft, NULL);
      pursuit_prospect_set_revisit_at (draft, NULL);
    }
  if (stage == PURSUIT_STAGE_INBOX || stage == PURSUIT_STAGE_CLOSED
      || pursuit_prospect_get_do_not_contact (draft))
    {
      pursuit_prospect_set_next_touch (draft, NULL);
      pursuit_prospect_set_next_touch_manual (draft, FALSE);
      return;
    }
  if (pursuit_prospect_get_next_touch (draft) != NULL)
    return;
  due = pursuit_policy_due_on_enter (policy, pursuit_prospect_get_tier (draft), stage == PURSUIT_STAGE_CUSTOMER, now);
  pursuit_prospect_set_next_touch (draft, due);
  pursuit_prospect_set_next_touch_manual (draft, FALSE);
}

/* Whether @prospect breaks the schedule's rule, as prospects imported
 * before it was kept do. */
static gboolean
unsettled (PursuitProspect *prospect)
{
  PursuitStage stage = pursuit_prospect_get_stage (prospect);

  return (pursuit_prospect_get_next_touch (prospect) == NULL)
         == (stage == PURSUIT_STAGE_ACTIVE || stage == PURSUIT_STAGE_CUSTOMER);
}

gboolean
pursuit_store_settle_schedules (PursuitStore  *self,
                                GDateTime     *now,
                                guint         *n_settled,
                                GError       **error)
{
  GListModel *all;
  g_autoptr(GPtrArray) prospects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  all = pursuit_store_get_prospects (self);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(PursuitProspect) prospect = g_list_model_get_item (all, i);
      PursuitProspect *draft;

      if (!unsettled (prospect))
        continue;
      draft = pursuit_prospect_dup (prospect);
      pursuit_schedule_settle (draft, pursuit_store_get_policy (self), now);
      g_ptr_array_add (prospects, g_object_ref (prospect));
      g_ptr_array_add (drafts, draft);
    }
  if (n_settled != NULL)
    *n_settled = prospects->len;
  return pursuit_store_update_many (self, prospects, drafts, error);
}

GDateTime *
pursuit_schedule_move_to_date (GDateTime   *when,
                               const GDate *date)
{
  g_return_val_if_fail (when != NULL, NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_date_time_new (g_date_time_get_timezone (when), g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date),
                          g_date_time_get_hour (when), g_date_time_get_minute (when),
                          g_date_time_get_seconds (when));
}

static const char *
tier_label (PursuitTier tier)
{
  switch (tier)
    {
    case PURSUIT_TIER_HOT:
      return _("Hot");
    case PURSUIT_TIER_GOOD:
      return _("Good");
    case PURSUIT_TIER_COOL:
      return _("Cool");
    case PURSUIT_TIER_COLD:
      return _("Cold");
    case PURSUIT_TIER_NONE:
    default:
      return "";
    }
}

char *
pursuit_schedule_dup_reason (PursuitProspect     *prospect,
                             const PursuitPolicy *policy)
{
  GDateTime *callback;
  PursuitTier tier;
  guint days;

  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), NULL);
  g_return_val_if_fail (policy != NULL, NULL);

  callback = pursuit_prospect_get_callback_at (prospect);
  tier = pursuit_prospect_get_tier (prospect);
  if (callback != NULL && pursuit_prospect_get_next_touch (prospect) != NULL
      && g_date_time_equal (callback, pursuit_prospect_get_next_touch (prospect)))
    return g_strdup (_("Asked to be called back"));
  if (pursuit_prospect_get_next_touch_manual (prospect))
    return g_strdup (_("Date set by hand"));
  if (pursuit_prospect_get_stage (prospect) == PURSUIT_STAGE_CUSTOMER)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Customer: keep in touch every %u day",
                                         "Customer: keep in touch every %u days",
                                         policy->customer_days),
                            policy->customer_days);
  if (tier == PURSUIT_TIER_NONE)
    return g_strdup ("");

  days = policy->cadence.days[tier];
  if (days == 1)
    /* TRANSLATORS: a tier ("Hot") */
    return g_strdup_printf (_("%s: every day"), tier_label (tier));
  /* TRANSLATORS: a tier ("Hot") and its cadence */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: every %u day", "%s: every %u days", days),
                          tier_label (tier), days);
}

/* Unix time of local midnight at the start of @date. */
static gint64
date_start (const GDate *date,
            GTimeZone   *zone)
{
  g_autoptr(GDateTime) start = g_date_time_new (zone, g_date_get_year (date), g_date_get_month (date),
                                                g_date_get_day (date), 0, 0, 0);

  return g_date_time_to_unix (start);
}

static gint64
date_start_after (const GDate *date,
                  guint        n_days,
                  GTimeZone   *zone)
{
  GDate later = *date;

  g_date_add_days (&later, n_days);
  return date_start (&later, zone);
}

static gboolean
parse_day (const char *text,
           GDate      *date)
{
  unsigned year, month, day;

  g_date_clear (date, 1);
  if (sscanf (text, "%4u-%2u-%2u", &year, &month, &day) != 3
      || !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

GArray *
pursuit_store_count_by_day (PursuitStore  *self,
                            const GDate   *first,
                            guint          n_days,
                            const GDate   *today,
                            GError       **error)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(PursuitDbStmt) stmt = NULL;
  g_autoptr(GArray) counts = NULL;
  PursuitDb *db;
  gboolean has_row;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), NULL);
  g_return_val_if_fail (first != NULL && g_date_valid (first), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = pursuit_store_get_db (self);
  stmt = pursuit_db_prepare (db, SQL_COUNT_BY_DAY, error);
  if (stmt == NULL)
    return NULL;

  zone = g_time_zone_new_local ();
  sqlite3_bind_int64 (stmt, 1, date_start (first, zone));
  sqlite3_bind_int64 (stmt, 2, date_start_after (first, n_days, zone));
  sqlite3_bind_int64 (stmt, 3, date_start (today, zone));

  counts = g_array_sized_new (FALSE, TRUE, sizeof (PursuitDayCount), n_days);
  g_array_set_size (counts, n_days);
  while (pursuit_db_step_row (db, stmt, &has_row, error))
    {
      PursuitDayCount *count;
      GDate day;
      int offset;

      if (!has_row)
        return g_steal_pointer (&counts);
      if (!parse_day (pursuit_db_column_string (stmt, 0), &day))
        continue;
      offset = g_date_days_between (first, &day);
      /* A day outside the range would mean the two ideas of local time
       * disagree; count nothing rather than something wrong. */
      if (offset < 0 || (guint) offset >= n_days)
        continue;
      count = &g_array_index (counts, PursuitDayCount, offset);
      count->total = pursuit_db_column_uint (stmt, 1);
      count->overdue = pursuit_db_column_uint (stmt, 2);
    }
  return NULL;
}

static GPtrArray *
select_scheduled (PursuitStore  *self,
                  gint64         from,
                  gint64         to,
                  GError       **error)
{
  PursuitDb *db = pursuit_store_get_db (self);
  g_autoptr(PursuitDbStmt) stmt = pursuit_db_prepare (db, SQL_LIST_SCHEDULED, error);
  g_autoptr(GPtrArray) found = NULL;
  gboolean has_row;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  found = g_ptr_array_new_with_free_func (g_object_unref);
  while (pursuit_db_step_row (db, stmt, &has_row, error))
    {
      PursuitProspect *prospect;

      if (!has_row)
        return g_steal_pointer (&found);
      prospect = pursuit_store_find (self, sqlite3_column_int64 (stmt, 0));
      if (prospect != NULL)
        g_ptr_array_add (found, g_object_ref (prospect));
    }
  return NULL;
}

GListModel *
pursuit_store_list_scheduled (PursuitStore  *self,
                              GDateTime     *from,
                              GDateTime     *to,
                              GError       **error)
{
  g_autoptr(GPtrArray) found = NULL;
  GListStore *model;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), NULL);
  g_return_val_if_fail (to != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  found = select_scheduled (self, from != NULL ? g_date_time_to_unix (from) : G_MININT64,
                            g_date_time_to_unix (to), error);
  if (found == NULL)
    return NULL;
  model = g_list_store_new (PURSUIT_TYPE_PROSPECT);
  g_list_store_splice (model, 0, 0, found->pdata, found->len);
  return G_LIST_MODEL (model);
}

static gboolean
validate_many (PursuitStore  *self,
               GPtrArray     *prospects,
               GPtrArray     *drafts,
               GError       **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < prospects->len; i++)
    {
      PursuitProspect *prospect = g_ptr_array_index (prospects, i);

      if (!pursuit_store_check_owned (self, prospect, error)
          || !pursuit_store_validate_prospect (g_ptr_array_index (drafts, i), error))
        return FALSE;
      if (!g_hash_table_add (seen, prospect))
        {
          g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                       _("“%s” was changed twice at once."), pursuit_prospect_get_name (prospect));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
pursuit_store_update_many (PursuitStore  *self,
                           GPtrArray     *prospects,
                           GPtrArray     *drafts,
                           GError       **error)
{
  g_autoptr(GPtrArray) hold = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (prospects != NULL && drafts != NULL, FALSE);
  g_return_val_if_fail (prospects->len == drafts->len, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_many (self, prospects, drafts, error))
    return FALSE;
  if (prospects->len == 0)
    return TRUE;

  if (!pursuit_db_begin (pursuit_store_get_db (self), error))
    return FALSE;
  for (guint i = 0; ok && i < prospects->len; i++)
    ok = pursuit_store_write_prospect (self, g_ptr_array_index (prospects, i),
                                       g_ptr_array_index (drafts, i), error);
  if (!pursuit_store_finish (self, ok, error))
    return FALSE;

  /* A handler of ::prospect-changed may drop the caller's last reference. */
  hold = g_ptr_array_new_full (prospects->len, g_object_unref);
  for (guint i = 0; i < prospects->len; i++)
    g_ptr_array_add (hold, g_object_ref (g_ptr_array_index (prospects, i)));
  for (guint i = 0; i < prospects->len; i++)
    pursuit_store_apply_update (self, g_ptr_array_index (hold, i), g_ptr_array_index (drafts, i));
  return TRUE;
}

/* Hot first, then by time, then by id so that the order is total. */
static int
compare_keep_first (gconstpointer a,
                    gconstpointer b)
{
  PursuitProspect *pa = *(PursuitProspect **) a;
  PursuitProspect *pb = *(PursuitProspect **) b;
  gboolean hot_a = pursuit_prospect_get_tier (pa) == PURSUIT_TIER_HOT;
  gboolean hot_b = pursuit_prospect_get_tier (pb) == PURSUIT_TIER_HOT;
  int by_time;

  if (hot_a != hot_b)
    return hot_a ? -1 : 1;
  by_time = g_date_time_compare (pursuit_prospect_get_next_touch (pa), pursuit_prospect_get_next_touch (pb));
  if (by_time != 0)
    return by_time;
  return (pursuit_prospect_get_id (pa) > pursuit_prospect_get_id (pb))
         - (pursuit_prospect_get_id (pa) < pursuit_prospect_get_id (pb));
}

/* Moves @overflow[*next..] to the days from @first on that have room. */
static gboolean
fill_days (PursuitStore  *self,
           GPtrArray     *overflow,
           guint         *next,
           const GDate   *first,
           const GDate   *today,
           guint          max_per_day,
           GPtrArray     *drafts,
           GError       **error)
{
  g_autoptr(GArray) counts = pursuit_store_count_by_day (self, first, SPREAD_WINDOW_DAYS, today, error);

  if (counts == NULL)
    return FALSE;
  for (guint day = 0; day < SPREAD_WINDOW_DAYS && *next < overflow->len; day++)
    {
      guint total = g_array_index (counts, PursuitDayCount, day).total;
      GDate date = *first;

      g_date_add_days (&date, day);
      for (; total < max_per_day && *next < overflow->len; total++, (*next)++)
        {
          PursuitProspect *prospect = g_ptr_array_index (overflow, *next);
          PursuitProspect *draft = pursuit_prospect_dup (prospect);
          g_autoptr(GDateTime) moved = pursuit_schedule_move_to_date (pursuit_prospect_get_next_touch (prospect),
                                                                      &date);

          pursuit_prospect_set_next_touch (draft, moved);
          pursuit_prospect_set_next_touch_manual (draft, TRUE);
          g_ptr_array_add (drafts, draft);
        }
    }
  return TRUE;
}

gboolean
pursuit_store_plan_spread (PursuitStore  *self,
                           const GDate   *date,
                           guint          max_per_day,
                           GPtrArray    **prospects,
                           GPtrArray    **drafts,
                           GError       **error)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GPtrArray) day = NULL;
  g_autoptr(GPtrArray) overflow = NULL;
  g_autoptr(GPtrArray) new_drafts = NULL;
  GDate first, today;
  guint next = 0;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);
  g_return_val_if_fail (prospects != NULL && drafts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  zone = g_time_zone_new_local ();
  day = select_scheduled (self, date_start (date, zone), date_start_after (date, 1, zone), error);
  if (day == NULL)
    return FALSE;

  overflow = g_ptr_array_new_with_free_func (g_object_unref);
  new_drafts = g_ptr_array_new_with_free_func (g_object_unref);
  if (max_per_day > 0 && day->len > max_per_day)
    {
      g_ptr_array_sort (day, compare_keep_first);
      for (guint i = max_per_day; i < day->len; i++)
        g_ptr_array_add (overflow, g_object_ref (g_ptr_array_index (day, i)));
    }

  now = g_date_time_new_now_local ();
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  /* Overflow of a past day goes to today and after, never to the past. */
  first = *date;
  g_date_add_days (&first, 1);
  if (g_date_compare (&first, &today) < 0)
    first = today;
  while (next < overflow->len)
    {
      if (!fill_days (self, overflow, &next, &first, &today, max_per_day, new_drafts, error))
        return FALSE;
      g_date_add_days (&first, SPREAD_WINDOW_DAYS);
    }

  *prospects = g_steal_pointer (&overflow);
  *drafts = g_steal_pointer (&new_drafts);
  return TRUE;
}
