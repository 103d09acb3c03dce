/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pursuit-prospect.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_PROSPECT_CARD (pursuit_prospect_card_get_type ())

G_DECLARE_FINAL_TYPE (PursuitProspectCard, pursuit_prospect_card, PURSUIT, PROSPECT_CARD, GtkWidget)

/* The card of one prospect on the board: name, company, value and next
 * touch, kept current as the prospect changes. Rows of the board's list
 * views reuse cards, so the prospect changes too. */
PursuitProspectCard *pursuit_prospect_card_new          (void);
PursuitProspect     *pursuit_prospect_card_get_prospect (PursuitProspectCard *self);
void                 pursuit_prospect_card_set_prospect (PursuitProspectCard *self,
                                                         PursuitProspect     *prospect);
/* The texts shown, for tests and accessibility: "name", "company",
 * "value" or "due". */
const char          *pursuit_prospect_card_get_text     (PursuitProspectCard *self,
                                                         const char          *part);

G_END_DECLS
