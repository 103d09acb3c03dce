/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pursuit-store.h"

G_BEGIN_DECLS

/* The schedule as iCalendar (RFC 5545): one VTODO per scheduled touch
 * (active prospects and customers with a next touch), so that another
 * calendar can show the follow-ups. Each prospect keeps its UID across
 * exports, so importing again updates the same items. */

/* "prospect-42-DBID@pursuit.github.io", DBID being the database's own
 * id (pursuit_store_get_database_id()): two databases exported into one
 * calendar do not collide, and each export of one database gives the same
 * UIDs. */
char     *pursuit_ics_dup_uid     (PursuitProspect     *prospect,
                                   const char          *database_id);

/* "Call Jane Doe — Acme": the verb of the planned channel, the name and,
 * when there is one, the company. */
char     *pursuit_ics_dup_summary (PursuitProspect     *prospect);

/* The calendar of the scheduled touches of @prospects, stamped @now, as
 * one string: for small models (tests); the others stream. */
char     *pursuit_ics_build       (GListModel          *prospects,
                                   const PursuitPolicy *policy,
                                   const char          *database_id,
                                   GDateTime           *now);

/* Writes the calendar of now to @stream (which stays open), one VTODO at
 * a time: memory holds one item and the list of scheduled prospects. */
gboolean  pursuit_ics_write       (GListModel          *prospects,
                                   const PursuitPolicy *policy,
                                   const char          *database_id,
                                   GOutputStream       *stream,
                                   GCancellable        *cancellable,
                                   GError             **error);

/* The calendar of @store's schedule written into @file (see
 * pursuit-file.h: a regular file is replaced whole, a device or FIFO
 * written in place). */
gboolean  pursuit_ics_export      (PursuitStore        *store,
                                   GFile               *file,
                                   GError             **error);

G_END_DECLS
