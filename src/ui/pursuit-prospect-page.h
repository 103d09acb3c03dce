/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pursuit-store-touches.h"
#include "pursuit-touch-dialog.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_PROSPECT_PAGE (pursuit_prospect_page_get_type ())

G_DECLARE_FINAL_TYPE (PursuitProspectPage, pursuit_prospect_page, PURSUIT, PROSPECT_PAGE, AdwWindow)

/* A window per prospect: its details, the next touch and why, the streak
 * against the limit with the "time to let go?" banner, and the timeline
 * of its touches, newest first, each of which can be edited or deleted
 * with undo. It follows the store and closes when the prospect is
 * deleted.
 *
 * Actions: "page.log-touch", "page.no-answer", "page.edit",
 * "page.edit-touch" and "page.delete-touch" (the touch id, "x"),
 * "page.undo", "page.let-go", "page.keep-going". */
PursuitProspectPage *pursuit_prospect_page_new          (GtkWindow           *parent,
                                                         PursuitStore        *store,
                                                         PursuitProspect     *prospect);
/* Presents the page of @prospect, opening one when none is open. */
PursuitProspectPage *pursuit_prospect_page_present      (GtkWindow           *parent,
                                                         PursuitStore        *store,
                                                         PursuitProspect     *prospect);
PursuitProspect     *pursuit_prospect_page_get_prospect (PursuitProspectPage *self);
/* The touches shown, newest first (item type PursuitTouch). */
GListModel          *pursuit_prospect_page_get_touches  (PursuitProspectPage *self);
/* The texts shown, for tests: "next", "streak", "stage", "let-go", "tags"
 * (the row's subtitle; "" when the row is hidden). */
const char          *pursuit_prospect_page_get_text     (PursuitProspectPage *self,
                                                         const char          *part);
/* Whether the "time to let go?" banner shows. */
gboolean             pursuit_prospect_page_get_let_go_shown (PursuitProspectPage *self);
/* Opens the touch dialog to log a touch (@touch NULL) or edit @touch. */
PursuitTouchDialog  *pursuit_prospect_page_open_touch_dialog (PursuitProspectPage *self,
                                                              PursuitTouch        *touch);

G_END_DECLS
