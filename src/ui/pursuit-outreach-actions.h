/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pursuit-prospect.h"
#include "pursuit-store.h"

G_BEGIN_DECLS

/* The outreach actions: each opens what the user works with (the mail
 * program, the phone), logs what was done and hands back one undo entry.
 * (src/core/pursuit-outreach.h holds the pure parts: templates, URIs,
 * the Today order.) */

/* Called once when an action ends: @undo_id is the id on the store's undo
 * stack of everything the action changed (one entry), 0 when nothing was
 * changed (cancelled, or an error already shown to the user); @title says
 * what was done ("Emailed Jane Doe"). */
typedef void (*PursuitOutreachDone) (gpointer    user_data,
                                     guint       undo_id,
                                     const char *title);

/* Opens the mailto: handler with the template of the prospect's next
 * attempt (or the closing-the-loop one) and logs an outbound email touch
 * (outcome no-answer: sent, no reply yet). */
void     pursuit_outreach_email      (GtkWidget           *widget,
                                      PursuitStore        *store,
                                      GSettings           *settings,
                                      PursuitProspect     *prospect,
                                      PursuitOutreachDone  done,
                                      gpointer             user_data);

/* Opens the tel: handler, or copies the number when there is none, then
 * asks the outcome (no answer, left a message, talked, callback at a date
 * and time, firm no, won: one click or one key each) and logs the call. */
void     pursuit_outreach_call       (GtkWidget           *widget,
                                      PursuitStore        *store,
                                      PursuitProspect     *prospect,
                                      PursuitOutreachDone  done,
                                      gpointer             user_data);

/* Asks the reason, opens the closing-the-loop email, logs it and lets the
 * prospect go with that reason: one action, one undo. */
void     pursuit_outreach_close_loop (GtkWidget           *widget,
                                      PursuitStore        *store,
                                      GSettings           *settings,
                                      PursuitProspect     *prospect,
                                      PursuitOutreachDone  done,
                                      gpointer             user_data);

/* "Send an update to the nurture list": one email with every nurture
 * address in Bcc (or an export as CSV or vCard), an informational touch
 * logged for each. */
void     pursuit_outreach_nurture    (GtkWidget           *widget,
                                      PursuitStore        *store,
                                      GSettings           *settings,
                                      PursuitOutreachDone  done,
                                      gpointer             user_data);

/* The streak reached the limit: the planned next touch is the
 * closing-the-loop email. */
gboolean pursuit_outreach_is_closing (PursuitStore        *store,
                                      PursuitProspect     *prospect);

G_END_DECLS
