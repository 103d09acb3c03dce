/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pursuit-month-grid.h"
#include "pursuit-store.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_CALENDAR_VIEW (pursuit_calendar_view_get_type ())

G_DECLARE_FINAL_TYPE (PursuitCalendarView, pursuit_calendar_view, PURSUIT, CALENDAR_VIEW, GtkWidget)

/* The calendar of scheduled touches: the month grid and, beside it, the
 * agenda of the selected day with the overdue touches on top. Touches are
 * rescheduled by dragging them onto a day or from their menu, and an
 * overloaded day can be spread over the next days; each can be undone
 * from a toast. ::activate-prospect (PursuitProspect) asks to open a
 * prospect. */

/* The "store" property: the month grid of the template binds to it. */
PursuitStore     *pursuit_calendar_view_get_store   (PursuitCalendarView *self);
void              pursuit_calendar_view_set_store   (PursuitCalendarView *self,
                                                     PursuitStore        *store);
PursuitMonthGrid *pursuit_calendar_view_get_grid    (PursuitCalendarView *self);

/* The agenda shown: the overdue touches (the first get_n_overdue()), then
 * those of the selected day. */
GListModel       *pursuit_calendar_view_get_agenda  (PursuitCalendarView *self);
guint             pursuit_calendar_view_get_n_overdue (PursuitCalendarView *self);
/* The line under the day's title: how many touches the agenda lists
 * ("4 touches, 3 overdue"). */
const char       *pursuit_calendar_view_get_summary (PursuitCalendarView *self);
GtkListView      *pursuit_calendar_view_get_agenda_view (PursuitCalendarView *self);

/* Shows the calendar that @root holds (a window) on @day: "today" (or
 * anything that is not a date) or "YYYY-MM-DD". Its page of the window's
 * views becomes the visible one. FALSE when @root holds no calendar.
 * The summary reminder opens Pursuit here ("app.show-calendar"). */
gboolean          pursuit_calendar_view_show_day_in (GtkWidget          *root,
                                                     const char         *day);

/* Reads the store again now rather than when idle. */
void              pursuit_calendar_view_refresh     (PursuitCalendarView *self);

/* Moves the next touch of @prospect to @date, keeping its time of day, and
 * marks it as set by hand; offers to undo it. */
gboolean          pursuit_calendar_view_reschedule  (PursuitCalendarView *self,
                                                     PursuitProspect     *prospect,
                                                     const GDate         *date,
                                                     GError             **error);
/* Spreads the selected day over the next days with room (the
 * "calendar.spread" action); offers to undo it. */
gboolean          pursuit_calendar_view_spread      (PursuitCalendarView *self,
                                                     GError             **error);
/* Undoes the last reschedule or spread, for the prospects whose touch was
 * not moved again since. FALSE when there was nothing to undo. */
gboolean          pursuit_calendar_view_undo        (PursuitCalendarView *self);

/* Asks for a file and exports the schedule as iCalendar to it. */
void              pursuit_calendar_view_export_ics  (PursuitCalendarView *self);
gboolean          pursuit_calendar_view_export_ics_to (PursuitCalendarView *self,
                                                       GFile               *file,
                                                       GError             **error);

G_END_DECLS
