/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pursuit-store.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_TODAY_ROW (pursuit_today_row_get_type ())

G_DECLARE_FINAL_TYPE (PursuitTodayRow, pursuit_today_row, PURSUIT, TODAY_ROW, GtkWidget)

/* One follow-up of the Today page: the prospect's name and company, the
 * planned channel with the number or address, when it is due and why
 * (the attempt against the limit and the reason of the plan), and the
 * buttons of the actions that fit it, which activate the page's "today."
 * actions on the prospect's id. */

PursuitTodayRow *pursuit_today_row_new          (void);
void             pursuit_today_row_set_prospect (PursuitTodayRow *self,
                                                 PursuitStore    *store,
                                                 PursuitProspect *prospect);
PursuitProspect *pursuit_today_row_get_prospect (PursuitTodayRow *self);
/* The text shown in a part: "name", "company", "contact", "due",
 * "reason". */
const char      *pursuit_today_row_get_text     (PursuitTodayRow *self,
                                                 const char      *part);
/* The button of the action @name ("email", "call", "no-answer", "log",
 * "snooze", "open", "close-loop"); whether it shows says whether the
 * action fits. */
GtkWidget       *pursuit_today_row_get_button   (PursuitTodayRow *self,
                                                 const char      *name);

G_END_DECLS
