/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pursuit-schedule.h"
#include "pursuit-store.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_MONTH_GRID (pursuit_month_grid_get_type ())

G_DECLARE_FINAL_TYPE (PursuitMonthGrid, pursuit_month_grid, PURSUIT, MONTH_GRID, GtkWidget)

/* Six weeks around a month, each day with the number of touches scheduled
 * on it (one count query per shown month). Signals: ::selected-changed when
 * the selected day changes; ::prospect-dropped (PursuitProspect, GDate)
 * when a prospect is dropped on a day. */

/* Weeks shown, so that every month fits. */
#define PURSUIT_MONTH_GRID_N_DAYS 42

PursuitMonthGrid *pursuit_month_grid_new          (void);
/* The "store" property. Counts are read at once when the grid is shown,
 * otherwise at the next pursuit_month_grid_refresh(). */
PursuitStore     *pursuit_month_grid_get_store    (PursuitMonthGrid *self);
void              pursuit_month_grid_set_store    (PursuitMonthGrid *self,
                                                   PursuitStore     *store);
/* Reads the counts again (the store changed). */
void              pursuit_month_grid_refresh      (PursuitMonthGrid *self);

void              pursuit_month_grid_get_selected (PursuitMonthGrid *self,
                                                   GDate            *date);
/* Selects @date and shows its month. */
void              pursuit_month_grid_select       (PursuitMonthGrid *self,
                                                   const GDate      *date);
/* The count shown for @date; FALSE when @date is not shown. */
gboolean          pursuit_month_grid_get_count    (PursuitMonthGrid *self,
                                                   const GDate      *date,
                                                   PursuitDayCount  *count);
/* The button and the drop target of the day @date, NULL when not shown. */
GtkWidget        *pursuit_month_grid_get_cell     (PursuitMonthGrid *self,
                                                   const GDate      *date);
GtkDropTarget    *pursuit_month_grid_get_drop_target (PursuitMonthGrid *self,
                                                      const GDate      *date);

G_END_DECLS
