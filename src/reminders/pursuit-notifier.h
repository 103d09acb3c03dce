/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pursuit-scheduler.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_NOTIFIER (pursuit_notifier_get_type ())

G_DECLARE_FINAL_TYPE (PursuitNotifier, pursuit_notifier, PURSUIT, NOTIFIER, GObject)

/* More follow-ups due at once than this give one summary notification. */
#define PURSUIT_NOTIFIER_MAX_SINGLE 3

/* Turns what the scheduler says is due into notifications of @application
 * and withdraws them when their touch is dealt with. Adds the application
 * actions that the notifications' buttons name:
 * - app.reminder-no-answer (x): logs an unanswered attempt of the planned
 *   channel for prospect x;
 * - app.reminder-snooze (x): the next touch in an hour;
 * - app.reminder-tomorrow (x): the next touch tomorrow morning.
 * A notification's default action is app.open-prospect (x), which the
 * application provides (it needs a window). */
PursuitNotifier *pursuit_notifier_new         (GApplication     *application,
                                               PursuitScheduler *scheduler);

/* The notification id of the touch of prospect @id. */
char            *pursuit_notifier_id_for      (gint64            id);

/* The notification for the due touch of @prospect; @markup when the
 * notification server reads the body as markup. */
GNotification   *pursuit_notifier_compose     (PursuitStore     *store,
                                               PursuitProspect  *prospect,
                                               GDateTime        *now,
                                               gboolean          markup);

/* One notification for @n_due follow-ups, @n_overdue of them overdue;
 * @due (PursuitProspect) gives the first names. */
GNotification   *pursuit_notifier_compose_summary (GPtrArray    *due,
                                                   guint         n_due,
                                                   guint         n_overdue,
                                                   gboolean      markup);

/* "Call Jane Doe — Acme": what to do, for people. */
char            *pursuit_notifier_dup_title   (PursuitProspect  *prospect);

G_END_DECLS
