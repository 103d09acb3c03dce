/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pursuit-store.h"

G_BEGIN_DECLS

/* The schedule of next touches, as the calendar and the iCalendar export
 * see it: the next touches of active prospects and customers. */

/**
 * PursuitDayCount:
 * @total: touches scheduled that day
 * @overdue: of those, how many are overdue (the day is before today)
 */
typedef struct
{
  guint total;
  guint overdue;
} PursuitDayCount;

/* TRUE when @prospect's next touch is on the schedule: an active prospect
 * or a customer with a next touch. */
gboolean    pursuit_schedule_includes       (PursuitProspect *prospect);

/* Makes the detached @draft keep the schedule's rule: an active prospect
 * and a customer always have a next touch (one without gets its tier's
 * cadence, or the keep-in-touch cadence, from @now; Hot is due at once),
 * inbox and closed prospects none. */
void        pursuit_schedule_settle         (PursuitProspect     *draft,
                                             const PursuitPolicy *policy,
                                             GDateTime           *now);

/* Brings every prospect of @self that breaks that rule (imported before
 * it was kept) into line, planned from @now, in one transaction. Sets
 * @n_settled (optional) to how many. */
gboolean    pursuit_store_settle_schedules  (PursuitStore        *self,
                                             GDateTime           *now,
                                             guint               *n_settled,
                                             GError             **error);

/* @when moved to the calendar day @date, keeping its local time of day
 * (a new reference, in @when's time zone). */
GDateTime  *pursuit_schedule_move_to_date   (GDateTime       *when,
                                             const GDate     *date);

/* Why the next touch is planned, for people: "Asked to be called back",
 * "Set by hand", "Hot: every day", "Customer: keep in touch". */
char       *pursuit_schedule_dup_reason     (PursuitProspect     *prospect,
                                             const PursuitPolicy *policy);

/* Counts the scheduled touches of each local calendar day from @first
 * (its day) for @n_days days, with one query. @today is the first day that
 * is not overdue. Returns an array of @n_days PursuitDayCount, element i
 * being day @first + i, or NULL with @error set. */
GArray     *pursuit_store_count_by_day      (PursuitStore  *self,
                                             const GDate   *first,
                                             guint          n_days,
                                             const GDate   *today,
                                             GError       **error);

/* The prospects whose scheduled next touch falls in [@from, @to), soonest
 * first (a new model; item type PursuitProspect). @from may be NULL: from
 * the beginning. */
GListModel *pursuit_store_list_scheduled    (PursuitStore  *self,
                                             GDateTime     *from,
                                             GDateTime     *to,
                                             GError       **error);

/* Writes @drafts[i] to @prospects[i] for every i in one transaction: all or
 * none. Only after the commit are the properties set, the models updated
 * and ::prospect-changed emitted for each. */
gboolean    pursuit_store_update_many       (PursuitStore  *self,
                                             GPtrArray     *prospects,
                                             GPtrArray     *drafts,
                                             GError       **error);

/* Plans to spread the day @date over the following days so that no day
 * holds more than @max_per_day touches: the touches that stay are the hot
 * prospects first, then by time; the others move, in that order, to the
 * next days with room, keeping their time of day and marked as set by
 * hand. Nothing is written: on return *@prospects holds the prospects to
 * move and *@drafts their new values (both empty when the day is not over
 * the limit), ready for pursuit_store_update_many(). */
gboolean    pursuit_store_plan_spread       (PursuitStore  *self,
                                             const GDate   *date,
                                             guint          max_per_day,
                                             GPtrArray    **prospects,
                                             GPtrArray    **drafts,
                                             GError       **error);

G_END_DECLS
