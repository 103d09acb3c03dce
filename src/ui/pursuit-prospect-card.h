/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pursuit-store.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_PROSPECT_CARD (pursuit_prospect_card_get_type ())

G_DECLARE_FINAL_TYPE (PursuitProspectCard, pursuit_prospect_card, PURSUIT, PROSPECT_CARD, GtkWidget)

/* The card of one prospect on the board: name, company, value, next touch
 * and the attempt streak against the limit (or, once closed, why and when
 * to revisit), kept current as the prospect changes. Rows of the board's
 * list views reuse cards, so the prospect changes too.
 *
 * The card is a drag source of its prospect (the GType PURSUIT_TYPE_PROSPECT)
 * and has a context menu whose items activate the board's actions
 * ("board.move", "board.won", "board.let-go", "board.delete",
 * "board.edit") for its prospect. */
PursuitProspectCard *pursuit_prospect_card_new          (void);
PursuitProspect     *pursuit_prospect_card_get_prospect (PursuitProspectCard *self);
void                 pursuit_prospect_card_set_prospect (PursuitProspectCard *self,
                                                         PursuitProspect     *prospect);
/* The "store" property: the store whose policy sets the attempt limit
 * shown. */
PursuitStore        *pursuit_prospect_card_get_store    (PursuitProspectCard *self);
void                 pursuit_prospect_card_set_store    (PursuitProspectCard *self,
                                                         PursuitStore        *store);
/* Opens the context menu. */
void                 pursuit_prospect_card_popup_menu   (PursuitProspectCard *self);
/* The texts shown, for tests and accessibility: "name", "company",
 * "value", "due" or "status". */
const char          *pursuit_prospect_card_get_text     (PursuitProspectCard *self,
                                                         const char          *part);
/* Whether the card shows the "time to let go?" signal. */
gboolean             pursuit_prospect_card_get_at_limit (PursuitProspectCard *self);

G_END_DECLS
