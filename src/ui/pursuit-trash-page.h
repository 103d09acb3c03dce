/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pursuit-store.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_TRASH_PAGE (pursuit_trash_page_get_type ())

G_DECLARE_FINAL_TYPE (PursuitTrashPage, pursuit_trash_page, PURSUIT, TRASH_PAGE, GtkWidget)

/* The board's Trash page: the deleted prospects, most recent first, each
 * with a Restore button, and Empty Trash (after a confirmation). */
void        pursuit_trash_page_set_store      (PursuitTrashPage *self,
                                               PursuitStore     *store);
/* The rows the list shows (item type PursuitProspect). */
GListModel *pursuit_trash_page_get_model      (PursuitTrashPage *self);
/* Asks to confirm emptying the Trash; returns the dialog (NULL when the
 * Trash is empty). */
AdwMessageDialog *pursuit_trash_page_ask_empty (PursuitTrashPage *self);

G_END_DECLS
