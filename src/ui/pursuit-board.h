/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pursuit-store.h"
#include "pursuit-tier-column.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_BOARD (pursuit_board_get_type ())

G_DECLARE_FINAL_TYPE (PursuitBoard, pursuit_board, PURSUIT, BOARD, GtkWidget)

/* The columns of the board, left to right. */
#define PURSUIT_BOARD_N_COLUMNS 5

void               pursuit_board_set_store  (PursuitBoard *self,
                                             PursuitStore *store);
/* Column @index: 0 is the Inbox, 1..4 the tiers Hot, Good, Cool, Cold. */
PursuitTierColumn *pursuit_board_get_column (PursuitBoard *self,
                                             guint         index);
/* TRUE while the board shows its empty state instead of the columns. */
gboolean           pursuit_board_is_empty   (PursuitBoard *self);

G_END_DECLS
