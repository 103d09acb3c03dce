/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pursuit-store.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_TODAY_PAGE (pursuit_today_page_get_type ())

G_DECLARE_FINAL_TYPE (PursuitTodayPage, pursuit_today_page, PURSUIT, TODAY_PAGE, GtkWidget)

/* The Today page: every follow-up due today or overdue (the schedule's
 * next touches, as the cards, the calendar and --due read them), in the
 * order to work them (pursuit_today_key_compare()), kept up to date as
 * the store changes. The focused row answers E (email), C (call), N (no
 * answer), L (log…), S (snooze to the next working day) and Enter (open);
 * after an action the next row takes the focus, and every action has an
 * Undo toast. A row that is done leaves the list.
 *
 * Actions ("today." prefix, each on a prospect id "x"): email, call,
 * no-answer, log, snooze, open, close-loop. */

void        pursuit_today_page_set_store     (PursuitTodayPage *self,
                                              PursuitStore     *store);
/* The templates and the user's name and signature for emails. */
void        pursuit_today_page_set_settings  (PursuitTodayPage *self,
                                              GSettings        *settings);
/* How many follow-ups are due today or overdue (the tag filter aside). */
guint       pursuit_today_page_get_n_due     (PursuitTodayPage *self);
/* How many the list shows (after the tag filter). */
guint       pursuit_today_page_get_n_shown   (PursuitTodayPage *self);
/* How many are due tomorrow, as the empty page says. */
guint       pursuit_today_page_get_n_tomorrow (PursuitTodayPage *self);
/* The prospect shown at @position, or NULL (transfer none). */
PursuitProspect *pursuit_today_page_get_prospect (PursuitTodayPage *self,
                                                  guint             position);
/* Shows only the prospects with @tag ("#vip" or "vip"); NULL or "" for
 * all. */
void        pursuit_today_page_set_tag       (PursuitTodayPage *self,
                                              const char       *tag);
/* The prospect of the row that has the focus, or NULL. */
PursuitProspect *pursuit_today_page_get_focused (PursuitTodayPage *self);
/* Gives the focus to the row at @position. */
void        pursuit_today_page_focus_row     (PursuitTodayPage *self,
                                              guint             position);

G_END_DECLS
