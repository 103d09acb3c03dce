/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pursuit-store.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_STAGE_COLUMN (pursuit_stage_column_get_type ())

G_DECLARE_FINAL_TYPE (PursuitStageColumn, pursuit_stage_column, PURSUIT, STAGE_COLUMN, GtkWidget)

/* The prospects of one stage (and, for the active stage, one tier): a
 * column of the board (the Inbox, Hot … Cold) or the list of its
 * Customers or Closed page. A titled GtkListView of prospect cards,
 * filtered by the board's search and sorted by next touch (overdue
 * first, none last); its header shows the count and the total value. A
 * prospect dropped on the column emits ::prospect-dropped. */

/* Properties: "store", "stage", "tier" (of the active stage only), "filter"
 * (the board's search), "title", "empty-text" (what the column says when
 * it has no prospects) and, read-only, "n-prospects" and "summary". The
 * board sets them in its template. */
const char   *pursuit_stage_column_get_title       (PursuitStageColumn *self);
void          pursuit_stage_column_set_title       (PursuitStageColumn *self,
                                                    const char         *title);
const char   *pursuit_stage_column_get_empty_text  (PursuitStageColumn *self);
void          pursuit_stage_column_set_empty_text  (PursuitStageColumn *self,
                                                    const char         *text);
PursuitStore *pursuit_stage_column_get_store       (PursuitStageColumn *self);
void          pursuit_stage_column_set_store       (PursuitStageColumn *self,
                                                    PursuitStore       *store);
void          pursuit_stage_column_set_stage       (PursuitStageColumn *self,
                                                    PursuitStage        stage);
void          pursuit_stage_column_set_tier        (PursuitStageColumn *self,
                                                    PursuitTier         tier);
GtkFilter    *pursuit_stage_column_get_filter      (PursuitStageColumn *self);
void          pursuit_stage_column_set_filter      (PursuitStageColumn *self,
                                                    GtkFilter          *filter);
PursuitStage  pursuit_stage_column_get_stage       (PursuitStageColumn *self);
PursuitTier   pursuit_stage_column_get_tier        (PursuitStageColumn *self);
/* The filtered, sorted model the list view shows. */
GListModel   *pursuit_stage_column_get_shown_model (PursuitStageColumn *self);
/* Prospects shown (after the search). */
guint         pursuit_stage_column_get_n_prospects (PursuitStageColumn *self);
GtkListView  *pursuit_stage_column_get_list_view   (PursuitStageColumn *self);
/* The header text after the title: "3 · $41,500". */
const char   *pursuit_stage_column_get_summary     (PursuitStageColumn *self);
/* What a drop of @prospect does (what GtkDropTarget::drop calls). */
gboolean      pursuit_stage_column_drop            (PursuitStageColumn *self,
                                                    PursuitProspect    *prospect);

G_END_DECLS
