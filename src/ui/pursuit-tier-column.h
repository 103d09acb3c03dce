/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pursuit-prospect.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_TIER_COLUMN (pursuit_tier_column_get_type ())

G_DECLARE_FINAL_TYPE (PursuitTierColumn, pursuit_tier_column, PURSUIT, TIER_COLUMN, GtkWidget)

/* One column of the board: a titled GtkListView of prospect cards, sorted
 * by next touch (soonest first, none last). */

const char  *pursuit_tier_column_get_title       (PursuitTierColumn *self);
void         pursuit_tier_column_set_title       (PursuitTierColumn *self,
                                                  const char        *title);
/* @model: a GListModel of PursuitProspect, or NULL. */
void         pursuit_tier_column_set_model       (PursuitTierColumn *self,
                                                  GListModel        *model);
/* The sorted model the list view shows. */
GListModel  *pursuit_tier_column_get_shown_model (PursuitTierColumn *self);
guint        pursuit_tier_column_get_n_prospects (PursuitTierColumn *self);
GtkListView *pursuit_tier_column_get_list_view   (PursuitTierColumn *self);

G_END_DECLS
