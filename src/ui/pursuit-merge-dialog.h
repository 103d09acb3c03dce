/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pursuit-store.h"

G_BEGIN_DECLS

/* "Merge With…": picks the prospect to merge into @keep, likely
 * duplicates first, with a search. Its "merge" response means: merge
 * pursuit_merge_dialog_get_other() into @keep. */
AdwMessageDialog *pursuit_merge_dialog_new          (GtkWindow        *parent,
                                                     PursuitStore     *store,
                                                     PursuitProspect  *keep);
PursuitProspect  *pursuit_merge_dialog_get_keep     (AdwMessageDialog *dialog);
PursuitProspect  *pursuit_merge_dialog_get_other    (AdwMessageDialog *dialog);
/* Selects @other, as a click on its row does. */
gboolean          pursuit_merge_dialog_select       (AdwMessageDialog *dialog,
                                                     PursuitProspect  *other);
void              pursuit_merge_dialog_set_search   (AdwMessageDialog *dialog,
                                                     const char       *text);

G_END_DECLS
