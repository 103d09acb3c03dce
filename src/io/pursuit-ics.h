/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pursuit-store.h"

G_BEGIN_DECLS

/* The schedule as iCalendar (RFC 5545): one VTODO per scheduled touch
 * (active prospects and customers with a next touch), so that another
 * calendar can show the follow-ups. Each prospect keeps its UID across
 * exports, so importing again updates the same items. */

/* "prospect-42@pursuit.pursuit.github.io" */
char     *pursuit_ics_dup_uid     (PursuitProspect     *prospect);

/* "Call Jane Doe — Acme": the verb of the planned channel, the name and,
 * when there is one, the company. */
char     *pursuit_ics_dup_summary (PursuitProspect     *prospect);

/* The calendar of the scheduled touches of @prospects, stamped @now. */
char     *pursuit_ics_build       (GListModel          *prospects,
                                   const PursuitPolicy *policy,
                                   GDateTime           *now);

/* Writes pursuit_ics_build() of now to @stream (which stays open). */
gboolean  pursuit_ics_write       (GListModel          *prospects,
                                   const PursuitPolicy *policy,
                                   GOutputStream       *stream,
                                   GCancellable        *cancellable,
                                   GError             **error);

/* pursuit_ics_build() of now, in place of @file whole (see
 * pursuit_file_replace()). */
gboolean  pursuit_ics_export      (GListModel          *prospects,
                                   const PursuitPolicy *policy,
                                   GFile               *file,
                                   GError             **error);

G_END_DECLS
