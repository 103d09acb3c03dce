/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pursuit-csv.h"

G_BEGIN_DECLS

/* What the files of the CSV reader and writers share
 * (pursuit-csv.c, pursuit-csv-import.c, pursuit-csv-touches.c). */

/* In the order of PURSUIT_CSV_HEADER, which the writer follows. */
typedef enum
{
  COLUMN_NAME,
  COLUMN_COMPANY,
  COLUMN_EMAIL,
  COLUMN_PHONE,
  COLUMN_STAGE,
  COLUMN_TIER,
  COLUMN_VALUE,
  COLUMN_ATTEMPTS,
  COLUMN_NEXT_TOUCH,
  COLUMN_NOTES,
  COLUMN_CLOSE_REASON,
  COLUMN_REVISIT_DATE,
  N_COLUMNS
} Column;

#define COLUMN_BIT(c) (1u << (c))

/* The writers hand the stream this much at a time. */
#define PURSUIT_CSV_WRITE_CHUNK (64 * 1024)

/* A parsed record: the line it starts on and the columns it fills
 * (COLUMN_BIT()s of the cells that are not blank). */
typedef struct
{
  guint line;
  guint present;
} PursuitCsvRow;

GPtrArray        *pursuit_csv_parse_rows       (const char        *data,
                                                gsize              length,
                                                GArray           **out_rows,
                                                PursuitCsvReport **out_report,
                                                GError           **error);

PursuitCsvReport *pursuit_csv_report_new       (void);
/* Takes @message; @duplicate_of is the id of the prospect a duplicate
 * repeats, 0 when it repeats a new row. */
void              pursuit_csv_report_skip      (PursuitCsvReport  *report,
                                                guint              line,
                                                char              *message,
                                                gboolean           duplicate,
                                                gint64             duplicate_of);

/* @text (valid UTF-8) shortened, line breaks flattened, to quote in a
 * message. */
char             *pursuit_csv_excerpt          (const char        *text);

gboolean          pursuit_csv_needs_guard      (const char        *text);
void              pursuit_csv_append_field     (GString           *out,
                                                const char        *field);
void              pursuit_csv_append_date_time (GString           *out,
                                                GDateTime         *when);
gboolean          pursuit_csv_flush            (GString           *buffer,
                                                GOutputStream     *out,
                                                GCancellable      *cancellable,
                                                GError           **error);

G_END_DECLS
