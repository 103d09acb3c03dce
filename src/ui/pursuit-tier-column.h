/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pursuit-store.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_TIER_COLUMN (pursuit_tier_column_get_type ())

G_DECLARE_FINAL_TYPE (PursuitTierColumn, pursuit_tier_column, PURSUIT, TIER_COLUMN, GtkWidget)

/* One column of the board: a titled GtkListView of prospect cards, filtered
 * by the board's search and sorted by next touch (overdue first, none
 * last); its header shows the count and the total value. A prospect
 * dropped on the column emits ::prospect-dropped. */

const char  *pursuit_tier_column_get_title       (PursuitTierColumn *self);
void         pursuit_tier_column_set_title       (PursuitTierColumn *self,
                                                  const char        *title);
/* What the column says when it has no prospects. */
void         pursuit_tier_column_set_empty_text  (PursuitTierColumn *self,
                                                  const char        *text);
/* Shows the model of @stage and @tier of @store (or nothing for NULL),
 * through @filter (may be NULL). */
void         pursuit_tier_column_set_source      (PursuitTierColumn *self,
                                                  PursuitStore      *store,
                                                  PursuitStage       stage,
                                                  PursuitTier        tier,
                                                  GtkFilter         *filter);
PursuitStage pursuit_tier_column_get_stage       (PursuitTierColumn *self);
PursuitTier  pursuit_tier_column_get_tier        (PursuitTierColumn *self);
/* The filtered, sorted model the list view shows. */
GListModel  *pursuit_tier_column_get_shown_model (PursuitTierColumn *self);
/* Prospects shown (after the search). */
guint        pursuit_tier_column_get_n_prospects (PursuitTierColumn *self);
GtkListView *pursuit_tier_column_get_list_view   (PursuitTierColumn *self);
/* The header text after the title: "3 · $41,500". */
const char  *pursuit_tier_column_get_summary     (PursuitTierColumn *self);
/* What a drop of @prospect does (what GtkDropTarget::drop calls). */
gboolean     pursuit_tier_column_drop            (PursuitTierColumn *self,
                                                  PursuitProspect   *prospect);

G_END_DECLS
