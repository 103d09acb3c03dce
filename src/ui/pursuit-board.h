/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pursuit-store.h"
#include "pursuit-stage-column.h"
#include "pursuit-trash-page.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_BOARD (pursuit_board_get_type ())

G_DECLARE_FINAL_TYPE (PursuitBoard, pursuit_board, PURSUIT, BOARD, GtkWidget)

/* The pipeline board: the Inbox and the four tiers side by side, and the
 * customers and closed prospects on pages of their own. Prospects move by
 * drag and drop, by each card's menu, or by shortcuts on the focused card
 * (Alt+0 Inbox, Alt+1…4 Hot…Cold, Alt+W won, Alt+L let go, Delete); every
 * move and delete shows a toast with Undo.
 *
 * Actions ("board." prefix; @id is a prospect id): move (xii: id, stage,
 * tier), won (x), let-go (x: asks for the reason), delete (x), edit (x:
 * emits ::edit-prospect), undo, search. */

#define PURSUIT_BOARD_N_COLUMNS 5

/* The "store" property: the columns of the template bind to it. */
PursuitStore      *pursuit_board_get_store      (PursuitBoard *self);
void               pursuit_board_set_store      (PursuitBoard *self,
                                                 PursuitStore *store);
/* Column @index: 0 is the Inbox, 1..4 the tiers Hot, Good, Cool, Cold. */
PursuitStageColumn *pursuit_board_get_column     (PursuitBoard *self,
                                                 guint         index);
/* The lists of the Customers and Closed pages. */
PursuitStageColumn *pursuit_board_get_customers  (PursuitBoard *self);
PursuitStageColumn *pursuit_board_get_closed     (PursuitBoard *self);
/* The dialog of "board.merge", while it is open. */
AdwMessageDialog  *pursuit_board_get_merge_dialog (PursuitBoard *self);
/* The Trash page, beside Customers and Closed. */
PursuitTrashPage  *pursuit_board_get_trash_page (PursuitBoard *self);
/* The page shown: "pipeline", "customers", "closed" or "trash". */
const char        *pursuit_board_get_page       (PursuitBoard *self);
/* Whether the hint about dragging cards shows. */
gboolean           pursuit_board_hint_shown     (PursuitBoard *self);
/* TRUE while the board shows its empty state instead of the columns. */
gboolean           pursuit_board_is_empty       (PursuitBoard *self);
/* The search text (what Ctrl+F types into). */
void               pursuit_board_set_search     (PursuitBoard *self,
                                                 const char   *text);
/* The drop zones shown while a card is dragged; what their drops do. */
gboolean           pursuit_board_drop_won       (PursuitBoard    *self,
                                                 PursuitProspect *prospect);
gboolean           pursuit_board_drop_let_go    (PursuitBoard    *self,
                                                 PursuitProspect *prospect);
/* The let-go dialog that is open, if any (for tests). */
GtkWindow         *pursuit_board_get_let_go_dialog (PursuitBoard *self);

G_END_DECLS
