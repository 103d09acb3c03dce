/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pursuit-store.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_AGENDA_ROW (pursuit_agenda_row_get_type ())

G_DECLARE_FINAL_TYPE (PursuitAgendaRow, pursuit_agenda_row, PURSUIT, AGENDA_ROW, GtkWidget)

/* One scheduled touch in the calendar's agenda: time, prospect, company,
 * planned channel and reason, optionally under a section heading. It can
 * be dragged onto a day (a PursuitProspect, GDK_ACTION_MOVE). Signals:
 * ::open when the user asks to open the prospect, ::reschedule (GDate)
 * when a new day was picked from its menu. */

PursuitAgendaRow *pursuit_agenda_row_new          (void);
void              pursuit_agenda_row_set_prospect (PursuitAgendaRow    *self,
                                                   PursuitProspect     *prospect,
                                                   const PursuitPolicy *policy,
                                                   gboolean             show_date);
PursuitProspect  *pursuit_agenda_row_get_prospect (PursuitAgendaRow    *self);
/* A heading above the row ("Overdue"), or NULL for none. */
void              pursuit_agenda_row_set_heading  (PursuitAgendaRow    *self,
                                                   const char          *heading);
/* The text shown in a part: "heading", "time", "name", "details",
 * "reason". */
const char       *pursuit_agenda_row_get_text     (PursuitAgendaRow    *self,
                                                   const char          *part);
/* Opens the date picker, and picks @date in it as the user would. */
void              pursuit_agenda_row_pick_date    (PursuitAgendaRow    *self,
                                                   const GDate         *date);

G_END_DECLS
