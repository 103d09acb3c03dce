/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pursuit-csv.h"
#include "pursuit-store.h"

G_BEGIN_DECLS

/* Touch history from other tools: a CSV file of activities, one a row
 * (whose they are by email or name, when, channel, direction, outcome,
 * note), such as Pursuit's own --export-touches, Pipedrive's activities
 * export ("Activity - Type", "Activity - Due date", "Person - Email") or
 * HubSpot's ("Activity date", "Call outcome", "Associated Contact"). */

/* Whether @header names a column of a history file. */
gboolean pursuit_history_knows_header (const char *header);

/* Whether a header row of these names is a history: it has a date and a
 * channel, direction or outcome. */
gboolean pursuit_history_is_header (GPtrArray *headers);

/* Logs the activities of the decoded CSV @text (header at @header_pos,
 * line @header_line, columns split at @separator) as touches of the
 * prospects they name, in the order they happened, in one transaction,
 * as pursuit_store_record_touches() logs them; rows that name no
 * prospect, or that are no contact (a task, an activity not done yet),
 * are reported by line. Sets @report's touches. */
gboolean pursuit_history_import_text (PursuitStore      *store,
                                      const char        *text,
                                      gsize              length,
                                      gsize              header_pos,
                                      guint              header_line,
                                      char               separator,
                                      GPtrArray         *headers,
                                      PursuitCsvReport **out_report,
                                      GError           **error);

G_END_DECLS
