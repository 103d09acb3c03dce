/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-store"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libpq-fe.h>

#include "pursuit-db.h"
#include "pursuit-pg-backend.h"
#include "pursuit-pg-connection.h"
#include "pursuit-pg-conflict.h"
#include "pursuit-schedule.h"
#include "pursuit-store-private.h"

/* The team database on PostgreSQL behind the store's backend interface.
 *
 * Every query goes through the connection's queue: asynchronous for the
 * window (a result comes back on the main loop, in the order the queries
 * were sent), blocking for the command line. The prospects the role may
 * see are loaded at start with all their touches, which the follow-up
 * engine reads when it plans a move or a logged touch: it may not wait
 * for the server on the main loop.
 *
 * A write names the version of the row it was based on; the server raises
 * the version with every update (the trigger prospects_version), so a
 * write based on an older one changes no row and is refused. The version
 * a write will leave is expected as soon as it is sent, so that a second
 * change of the same prospect sent before the first is committed is not
 * refused as stale. */

typedef PGresult PursuitPgResult;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PursuitPgResult, PQclear)

typedef struct
{
  PursuitBackend       parent;

  PursuitStore        *store;         /* owns this backend */
  PursuitPgConnection *conn;
  char                *name;
  gboolean             blocking;
  GCancellable        *cancellable;   /* cancelled when the store goes */
  GHashTable          *versions;      /* gint64 *id → version */
  GHashTable          *touches;       /* gint64 *prospect id → GPtrArray of touches, oldest first */
  gulong               notified_id;
  gulong               reconnected_id;
  gulong               online_id;
  gboolean             loading;       /* since the connection came up */
  GError              *load_error;    /* blocking: why loading failed */
} PursuitPgBackend;

#define SELECT_COLUMNS                                                                             \
  "id, version, name, company, email, phone, source, notes, stage, tier, value, attempts, "        \
  "attempt_limit, extract (epoch FROM next_touch)::bigint, next_touch_manual, "                    \
  "extract (epoch FROM callback_at)::bigint, next_channel, close_reason, "                         \
  "extract (epoch FROM revisit_at)::bigint, extract (epoch FROM created_at)::bigint, "             \
  "attempts_before, extract (epoch FROM closed_at)::bigint, tags, do_not_contact, owner"

enum {
  C_ID,
  C_VERSION,
  C_NAME,
  C_COMPANY,
  C_EMAIL,
  C_PHONE,
  C_SOURCE,
  C_NOTES,
  C_STAGE,
  C_TIER,
  C_VALUE,
  C_ATTEMPTS,
  C_ATTEMPT_LIMIT,
  C_NEXT_TOUCH,
  C_NEXT_TOUCH_MANUAL,
  C_CALLBACK_AT,
  C_NEXT_CHANNEL,
  C_CLOSE_REASON,
  C_REVISIT_AT,
  C_CREATED_AT,
  C_ATTEMPTS_BEFORE,
  C_CLOSED_AT,
  C_TAGS,
  C_DO_NOT_CONTACT,
  C_OWNER,
};

/* The values of a prospect, as parameters $1 to $21 (a row of an insert
 * adds its creation time as $22). */
#define N_VALUES 21
#define SET_VALUES                                                                                 \
  "name = $1, company = $2, email = $3, phone = $4, source = $5, notes = $6, stage = $7, "         \
  "tier = $8, value = $9::double precision, attempts = $10::integer, "                             \
  "attempt_limit = $11::integer, next_touch = to_timestamp ($12::double precision), "              \
  "next_touch_manual = $13::boolean, callback_at = to_timestamp ($14::double precision), "         \
  "next_channel = $15, close_reason = $16, revisit_at = to_timestamp ($17::double precision), "    \
  "attempts_before = $18::integer, closed_at = to_timestamp ($19::double precision), tags = $20, " \
  "do_not_contact = $21::boolean"
#define INSERT_COLUMNS                                                                             \
  "name, company, email, phone, source, notes, stage, tier, value, attempts, attempt_limit, "      \
  "next_touch, next_touch_manual, callback_at, next_channel, close_reason, revisit_at, "           \
  "attempts_before, closed_at, tags, do_not_contact, created_at"

#define SQL_SELECT_ALL "SELECT " SELECT_COLUMNS " FROM prospects WHERE deleted_at IS NULL ORDER BY id"
#define SQL_SELECT_ONE "SELECT " SELECT_COLUMNS " FROM prospects WHERE id = $1 AND deleted_at IS NULL"
#define SQL_UPDATE "UPDATE prospects SET " SET_VALUES " WHERE id = $22 AND version = $23 RETURNING " SELECT_COLUMNS
#define SQL_DELETE "DELETE FROM prospects WHERE id = $1"

#define TOUCH_COLUMNS                                                                              \
  "id, prospect_id, extract (epoch FROM happened_at)::bigint, channel, direction, outcome, "       \
  "extract (epoch FROM callback_at)::bigint, note, informational"
#define SQL_SELECT_TOUCHES "SELECT " TOUCH_COLUMNS " FROM touches ORDER BY prospect_id, happened_at, id"
#define SQL_SELECT_TOUCH "SELECT " TOUCH_COLUMNS " FROM touches WHERE id = $1"
#define TOUCH_VALUES                                                                               \
  "to_timestamp ($2::double precision), $3, $4, $5, to_timestamp ($6::double precision), $7, "     \
  "$8::boolean"
#define SQL_INSERT_TOUCH                                                                           \
  "INSERT INTO touches (prospect_id, happened_at, channel, direction, outcome, callback_at, "      \
  "note, informational) VALUES ($1::bigint, " TOUCH_VALUES ") RETURNING id"
/* The touch and the prospect it moves, in one statement: the touch is
 * inserted only when the prospect's row still has the version read. */
#define SQL_LOG_TOUCH                                                                              \
  "WITH p AS (UPDATE prospects SET " SET_VALUES " WHERE id = $22 AND version = $23 RETURNING "     \
  SELECT_COLUMNS "), t AS (INSERT INTO touches (prospect_id, happened_at, channel, direction, "    \
  "outcome, callback_at, note, informational) SELECT p.id, " TOUCH_VALUES_FROM " FROM p "          \
  "RETURNING id) SELECT p.*, t.id FROM p, t"
#define TOUCH_VALUES_FROM                                                                          \
  "to_timestamp ($24::double precision), $25, $26, $27, to_timestamp ($28::double precision), "    \
  "$29, $30::boolean"
#define SQL_DELETE_TOUCH "DELETE FROM touches WHERE id = $1"

/* Inserts at most this many prospects at once: the parameters of one
 * statement are limited to 65,535. */
#define MAX_INSERT 2000

static PursuitPgBackend *
get (PursuitBackend *backend)
{
  return (PursuitPgBackend *) backend;
}

/* Values */

static char *
time_param (GDateTime *time)
{
  return time != NULL ? g_strdup_printf ("%" G_GINT64_FORMAT, g_date_time_to_unix (time)) : NULL;
}

static char *
bool_param (gboolean value)
{
  return g_strdup (value ? "true" : "false");
}

static char *
uint_param (guint value)
{
  return g_strdup_printf ("%u", value);
}

/* The parameters of a query that names one row by its id, as $1. */
static GPtrArray *
id_params (gint64 id)
{
  GPtrArray *params = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (params, g_strdup_printf ("%" G_GINT64_FORMAT, id));
  return params;
}

/* Appends the 21 values of @prospect to @params (owned strings). */
static void
add_prospect_params (GPtrArray       *params,
                     PursuitProspect *prospect)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_ptr_array_add (params, g_strdup (pursuit_prospect_get_name (prospect)));
  g_ptr_array_add (params, g_strdup (pursuit_prospect_get_company (prospect)));
  g_ptr_array_add (params, g_strdup (pursuit_prospect_get_email (prospect)));
  g_ptr_array_add (params, g_strdup (pursuit_prospect_get_phone (prospect)));
  g_ptr_array_add (params, g_strdup (pursuit_prospect_get_source (prospect)));
  g_ptr_array_add (params, g_strdup (pursuit_prospect_get_notes (prospect)));
  g_ptr_array_add (params, g_strdup (pursuit_stage_to_string (pursuit_prospect_get_stage (prospect))));
  g_ptr_array_add (params, g_strdup (pursuit_tier_to_string (pursuit_prospect_get_tier (prospect))));
  g_ptr_array_add (params, pursuit_prospect_has_value (prospect)
                             ? g_strdup (g_ascii_dtostr (number, sizeof number, pursuit_prospect_get_value (prospect)))
                             : NULL);
  g_ptr_array_add (params, uint_param (pursuit_prospect_get_attempts (prospect)));
  g_ptr_array_add (params, uint_param (pursuit_prospect_get_attempt_limit (prospect)));
  g_ptr_array_add (params, time_param (pursuit_prospect_get_next_touch (prospect)));
  g_ptr_array_add (params, bool_param (pursuit_prospect_get_next_touch_manual (prospect)));
  g_ptr_array_add (params, time_param (pursuit_prospect_get_callback_at (prospect)));
  g_ptr_array_add (params, g_strdup (pursuit_channel_to_string (pursuit_prospect_get_next_channel (prospect))));
  g_ptr_array_add (params, g_strdup (pursuit_prospect_get_close_reason (prospect)));
  g_ptr_array_add (params, time_param (pursuit_prospect_get_revisit_at (prospect)));
  g_ptr_array_add (params, uint_param (pursuit_prospect_get_attempts_before (prospect)));
  g_ptr_array_add (params, time_param (pursuit_prospect_get_closed_at (prospect)));
  g_ptr_array_add (params, g_strdup (pursuit_prospect_get_tags (prospect)));
  g_ptr_array_add (params, bool_param (pursuit_prospect_get_do_not_contact (prospect)));
}

/* Appends the values of @touch after $1 (its prospect): 7 of them. */
static void
add_touch_params (GPtrArray    *params,
                  PursuitTouch *touch)
{
  g_ptr_array_add (params, time_param (pursuit_touch_get_happened_at (touch)));
  g_ptr_array_add (params, g_strdup (pursuit_channel_to_string (pursuit_touch_get_channel (touch))));
  g_ptr_array_add (params, g_strdup (pursuit_direction_to_string (pursuit_touch_get_direction (touch))));
  g_ptr_array_add (params, g_strdup (pursuit_outcome_to_string (pursuit_touch_get_outcome (touch))));
  g_ptr_array_add (params, time_param (pursuit_touch_get_callback_at (touch)));
  g_ptr_array_add (params, g_strdup (pursuit_touch_get_note (touch)));
  g_ptr_array_add (params, bool_param (pursuit_touch_get_informational (touch)));
}

static const char *
text (PGresult *result,
      int       row,
      int       column)
{
  return PQgetvalue (result, row, column);
}

static gint64
int_value (PGresult *result,
           int       row,
           int       column)
{
  return g_ascii_strtoll (PQgetvalue (result, row, column), NULL, 10);
}

static gboolean
bool_value (PGresult *result,
            int       row,
            int       column)
{
  return PQgetvalue (result, row, column)[0] == 't';
}

static GDateTime *
time_value (PGresult  *result,
            int        row,
            int        column,
            GTimeZone *zone)
{
  g_autoptr(GDateTime) utc = NULL;

  if (PQgetisnull (result, row, column))
    return NULL;
  utc = g_date_time_new_from_unix_utc (int_value (result, row, column));
  return utc != NULL ? g_date_time_to_timezone (utc, zone) : NULL;
}

/* A detached prospect with the id of row @row of @result: as
 * read_prospect() of the SQLite store reads one, values out of range
 * made consistent rather than refused. */
static PursuitProspect *
read_row (PGresult  *result,
          int        row,
          GTimeZone *zone)
{
  g_autoptr(GDateTime) created_at = time_value (result, row, C_CREATED_AT, zone);
  g_autoptr(GDateTime) next_touch = time_value (result, row, C_NEXT_TOUCH, zone);
  g_autoptr(GDateTime) callback_at = time_value (result, row, C_CALLBACK_AT, zone);
  g_autoptr(GDateTime) revisit_at = time_value (result, row, C_REVISIT_AT, zone);
  g_autoptr(GDateTime) closed_at = time_value (result, row, C_CLOSED_AT, zone);
  PursuitProspect *prospect = g_object_new (PURSUIT_TYPE_PROSPECT, "created-at", created_at, NULL);
  PursuitStage stage = PURSUIT_STAGE_INBOX;
  PursuitTier tier = PURSUIT_TIER_NONE;
  PursuitChannel channel = PURSUIT_CHANNEL_CALL;
  double value;

  pursuit_prospect_set_id (prospect, int_value (result, row, C_ID));
  pursuit_prospect_set_name (prospect, text (result, row, C_NAME));
  pursuit_prospect_set_company (prospect, text (result, row, C_COMPANY));
  pursuit_prospect_set_email (prospect, text (result, row, C_EMAIL));
  pursuit_prospect_set_phone (prospect, text (result, row, C_PHONE));
  pursuit_prospect_set_source (prospect, text (result, row, C_SOURCE));
  pursuit_prospect_set_notes (prospect, text (result, row, C_NOTES));
  pursuit_prospect_set_tags (prospect, text (result, row, C_TAGS));
  if (!pursuit_stage_from_string (text (result, row, C_STAGE), &stage))
    stage = PURSUIT_STAGE_INBOX;
  if (text (result, row, C_TIER)[0] != '\0' && !pursuit_tier_from_string (text (result, row, C_TIER), &tier))
    tier = PURSUIT_TIER_NONE;
  if (stage == PURSUIT_STAGE_ACTIVE && tier == PURSUIT_TIER_NONE)
    stage = PURSUIT_STAGE_INBOX;
  else if (stage != PURSUIT_STAGE_ACTIVE)
    tier = PURSUIT_TIER_NONE;
  pursuit_prospect_set_stage (prospect, stage);
  pursuit_prospect_set_tier (prospect, tier);
  value = g_ascii_strtod (text (result, row, C_VALUE), NULL);
  if (!PQgetisnull (result, row, C_VALUE) && value >= 0 && isfinite (value))
    pursuit_prospect_set_value (prospect, value);
  pursuit_prospect_set_attempts (prospect, MAX (0, int_value (result, row, C_ATTEMPTS)));
  pursuit_prospect_set_attempt_limit (prospect, MAX (0, int_value (result, row, C_ATTEMPT_LIMIT)));
  pursuit_prospect_set_attempts_before (prospect, MAX (0, int_value (result, row, C_ATTEMPTS_BEFORE)));
  pursuit_prospect_set_next_touch (prospect, next_touch);
  pursuit_prospect_set_next_touch_manual (prospect, bool_value (result, row, C_NEXT_TOUCH_MANUAL));
  pursuit_prospect_set_callback_at (prospect, callback_at);
  if (pursuit_channel_from_string (text (result, row, C_NEXT_CHANNEL), &channel))
    pursuit_prospect_set_next_channel (prospect, channel);
  pursuit_prospect_set_close_reason (prospect, text (result, row, C_CLOSE_REASON));
  pursuit_prospect_set_revisit_at (prospect, revisit_at);
  pursuit_prospect_set_closed_at (prospect, closed_at);
  pursuit_prospect_set_do_not_contact (prospect, bool_value (result, row, C_DO_NOT_CONTACT));
  return prospect;
}

static PursuitTouch *
read_touch (PGresult  *result,
            int        row,
            GTimeZone *zone)
{
  g_autoptr(GDateTime) happened_at = time_value (result, row, 2, zone);
  g_autoptr(GDateTime) callback_at = time_value (result, row, 6, zone);
  PursuitChannel channel = PURSUIT_CHANNEL_CALL;
  PursuitDirection direction = PURSUIT_DIRECTION_OUT;
  PursuitOutcome outcome = PURSUIT_OUTCOME_NO_ANSWER;
  PursuitTouch *touch;

  pursuit_channel_from_string (text (result, row, 3), &channel);
  pursuit_direction_from_string (text (result, row, 4), &direction);
  pursuit_outcome_from_string (text (result, row, 5), &outcome);
  touch = pursuit_touch_new (int_value (result, row, 1), happened_at, channel, direction, outcome);
  pursuit_touch_set_id (touch, int_value (result, row, 0));
  pursuit_touch_set_callback_at (touch, callback_at);
  pursuit_touch_set_note (touch, text (result, row, 7));
  pursuit_touch_set_informational (touch, bool_value (result, row, 8));
  return touch;
}

/* Versions only go up: a read sent before a write may answer after the
 * write was sent, with the version the write was based on. */
static void
remember_version (PursuitPgBackend *self,
                  gint64            id,
                  gint64            version)
{
  gint64 known = GPOINTER_TO_SIZE (g_hash_table_lookup (self->versions, &id));

  if (version > known)
    g_hash_table_insert (self->versions, g_memdup2 (&id, sizeof id), GSIZE_TO_POINTER ((gsize) version));
}

static gint64
version_of (PursuitPgBackend *self,
            gint64            id)
{
  return GPOINTER_TO_SIZE (g_hash_table_lookup (self->versions, &id));
}

/* The rows of @result, their versions remembered. */
static GPtrArray *
read_rows (PursuitPgBackend *self,
           PGresult         *result)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  GPtrArray *rows = g_ptr_array_new_full (PQntuples (result), g_object_unref);

  for (int i = 0; i < PQntuples (result); i++)
    {
      g_ptr_array_add (rows, read_row (result, i, zone));
      remember_version (self, int_value (result, i, C_ID), int_value (result, i, C_VERSION));
    }
  return rows;
}

static GPtrArray *
touches_of (PursuitPgBackend *self,
            gint64            prospect_id,
            gboolean          create)
{
  GPtrArray *touches = g_hash_table_lookup (self->touches, &prospect_id);

  if (touches == NULL && create)
    {
      touches = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (self->touches, g_memdup2 (&prospect_id, sizeof prospect_id), touches);
    }
  return touches;
}

static PursuitTouch *
find_touch (PursuitPgBackend *self,
            gint64            id,
            GPtrArray       **in)
{
  GHashTableIter iter;
  GPtrArray *touches;

  g_hash_table_iter_init (&iter, self->touches);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &touches))
    for (guint i = 0; i < touches->len; i++)
      if (pursuit_touch_get_id (g_ptr_array_index (touches, i)) == id)
        {
          if (in != NULL)
            *in = touches;
          return g_ptr_array_index (touches, i);
        }
  return NULL;
}

/* Drops the touch @id from those kept, if it is there. */
static void
forget_touch (PursuitPgBackend *self,
              gint64            id)
{
  GPtrArray *in = NULL;
  PursuitTouch *touch = find_touch (self, id, &in);

  if (touch != NULL)
    g_ptr_array_remove (in, touch);
}

/* Keeps the touches of a prospect oldest first, as the engine reads them. */
static int
compare_touches (gconstpointer a,
                 gconstpointer b)
{
  PursuitTouch *ta = *(PursuitTouch **) a;
  PursuitTouch *tb = *(PursuitTouch **) b;
  int order = g_date_time_compare (pursuit_touch_get_happened_at (ta), pursuit_touch_get_happened_at (tb));

  if (order != 0)
    return order;
  return (pursuit_touch_get_id (ta) > pursuit_touch_get_id (tb)) - (pursuit_touch_get_id (ta) < pursuit_touch_get_id (tb));
}

/* Whether @touch was new. */
static gboolean
keep_touch (PursuitPgBackend *self,
            PursuitTouch     *touch)
{
  GPtrArray *touches;

  if (find_touch (self, pursuit_touch_get_id (touch), NULL) != NULL)
    return FALSE;
  touches = touches_of (self, pursuit_touch_get_prospect_id (touch), TRUE);
  g_ptr_array_add (touches, g_object_ref (touch));
  g_ptr_array_sort (touches, compare_touches);
  return TRUE;
}

/* Errors */

/* A GError of the store for one of the connection. */
static GError *
store_error (const GError *error)
{
  const char *state;

  if (g_error_matches (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_OFFLINE))
    return g_error_new_literal (PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_OFFLINE, error->message);
  if (error->domain == PURSUIT_STORE_ERROR)
    return g_error_copy (error);
  state = error->domain == PURSUIT_PG_ERROR ? pursuit_pg_error_get_sqlstate (error) : NULL;
  /* No table of Pursuit's: a database that was never set up. */
  if (state != NULL && g_str_equal (state, "42P01"))
    return g_error_new (PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_NOT_DATABASE,
                        _("This database is not set up as a team database of Pursuit (%s). Its owner sets "
                          "it up with “pursuit --database … --setup-team”."),
                        error->message);
  if (state != NULL && g_str_equal (state, "42501"))
    return g_error_new (PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_READ_ONLY,
                        _("The team database does not let you make this change (%s). Ask your manager."),
                        error->message);
  return g_error_new (PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_FAILED,
                      _("The team database refused the change: %s"), error->message);
}

/* Queries */

typedef void (*ResultFunc) (PursuitPgBackend *self,
                            PGresult         *result,
                            const GError     *error,
                            gpointer          data);

typedef struct
{
  PursuitPgBackend *self;
  GCancellable     *cancellable;
  ResultFunc        func;
  gpointer          data;
  GDestroyNotify    destroy;
} Query;

static void
query_free (Query *query)
{
  if (query->destroy != NULL)
    query->destroy (query->data);
  g_object_unref (query->cancellable);
  g_free (query);
}

static void
query_done_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  Query *query = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PursuitPgResult) result = pursuit_pg_connection_query_finish (PURSUIT_PG_CONNECTION (source), res, &error);

  /* The store is gone: nothing left to tell. */
  if (!g_cancellable_is_cancelled (query->cancellable))
    query->func (query->self, result, error, query->data);
  query_free (query);
}

/* Runs @sql with @params (a GPtrArray of strings or NULL, may be NULL)
 * and hands the result to @func, with @data freed by @destroy after. */
static void
run_query (PursuitPgBackend *self,
           const char       *sql,
           GPtrArray        *params,
           ResultFunc        func,
           gpointer          data,
           GDestroyNotify    destroy)
{
  const char *const *values = params != NULL ? (const char *const *) params->pdata : NULL;
  int n_values = params != NULL ? params->len : 0;
  Query *query;

  if (self->blocking)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PursuitPgResult) result = pursuit_pg_connection_query_sync (self->conn, sql, values, n_values, &error);

      func (self, result, error, data);
      if (destroy != NULL)
        destroy (data);
      return;
    }
  query = g_new0 (Query, 1);
  query->self = self;
  query->cancellable = g_object_ref (self->cancellable);
  query->func = func;
  query->data = data;
  query->destroy = destroy;
  pursuit_pg_connection_query_async (self->conn, sql, values, n_values, self->cancellable, query_done_cb, query);
}

/* A write on its way: what to tell when it is done. */
typedef struct
{
  PursuitBackendDone  done;
  gpointer            user_data;
  PursuitProspect    *prospect;  /* the store's */
  PursuitProspect    *before;    /* its values when the write was sent */
  PursuitTouch       *touch;
  gboolean            reported;  /* done was called, or handed on */
} Write;

/* A write of @prospect (nullable), kept with a copy of its values as
 * sent, or of @touch (nullable). */
static Write *
write_new (PursuitBackendDone done,
           gpointer           user_data,
           PursuitProspect   *prospect,
           PursuitTouch      *touch)
{
  Write *write = g_new0 (Write, 1);

  write->done = done;
  write->user_data = user_data;
  if (prospect != NULL)
    {
      write->prospect = g_object_ref (prospect);
      write->before = pursuit_prospect_dup (prospect);
    }
  if (touch != NULL)
    write->touch = g_object_ref (touch);
  return write;
}

/* Calls @write's callback: once. */
static void
report (PursuitPgBackend *self,
        Write            *write,
        const GError     *error,
        const gint64     *ids,
        PursuitProspect  *row)
{
  g_assert (!write->reported);
  write->reported = TRUE;
  write->done (&self->parent, error, ids, row, write->user_data);
}

/* Calls @write's callback with the store's error for @error. */
static void
report_failed (PursuitPgBackend *self,
               Write            *write,
               const GError     *error)
{
  g_autoptr(GError) failed = store_error (error);

  report (self, write, failed, NULL, NULL);
}

/* A write that was never answered (the store went away meanwhile) tells
 * so, so that its caller frees what it holds. */
static void
write_free (gpointer data)
{
  Write *write = data;

  if (!write->reported)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
      write->done (NULL, error, NULL, NULL, write->user_data);
    }
  g_clear_object (&write->prospect);
  g_clear_object (&write->before);
  g_clear_object (&write->touch);
  g_free (write);
}

/* Loading */

static void
load_failed (PursuitPgBackend *self,
             const GError     *error)
{
  g_autoptr(GError) failed = store_error (error);

  /* Not a change that was refused: the rows could not be read. */
  if (g_error_matches (failed, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_FAILED))
    {
      g_clear_error (&failed);
      failed = g_error_new (PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_FAILED,
                            _("Could not read the team database: %s"), error->message);
    }
  self->loading = FALSE;
  if (self->blocking)
    {
      g_clear_error (&self->load_error);
      self->load_error = g_steal_pointer (&failed);
      return;
    }
  pursuit_store_emit_write_failed (self->store, failed);
}

static void
touches_loaded (PursuitPgBackend *self,
                PGresult         *result,
                const GError     *error,
                gpointer          data)
{
  GPtrArray *rows = data;
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();

  if (error != NULL)
    {
      load_failed (self, error);
      return;
    }
  g_hash_table_remove_all (self->touches);
  for (int i = 0; i < PQntuples (result); i++)
    {
      g_autoptr(PursuitTouch) touch = read_touch (result, i, zone);
      g_ptr_array_add (touches_of (self, pursuit_touch_get_prospect_id (touch), TRUE), g_object_ref (touch));
    }
  pursuit_store_remote_reload (self->store, rows);
}

static void
prospects_loaded (PursuitPgBackend *self,
                  PGresult         *result,
                  const GError     *error,
                  gpointer          data)
{
  if (error != NULL)
    {
      load_failed (self, error);
      return;
    }
  run_query (self, SQL_SELECT_TOUCHES, NULL, touches_loaded, read_rows (self, result),
             (GDestroyNotify) g_ptr_array_unref);
}

static void
load (PursuitPgBackend *self)
{
  run_query (self, SQL_SELECT_ALL, NULL, prospects_loaded, NULL, NULL);
}

/* Live: what others changed */

static void
row_read (PursuitPgBackend *self,
          PGresult         *result,
          const GError     *error,
          gpointer          data)
{
  gint64 id = *(gint64 *) data;
  g_autoptr(GPtrArray) rows = NULL;

  if (error != NULL)
    {
      g_debug ("Could not read prospect %" G_GINT64_FORMAT " again: %s", id, error->message);
      return;
    }
  rows = read_rows (self, result);
  if (rows->len == 0)
    pursuit_store_remote_gone (self->store, id);
  else
    pursuit_store_remote_row (self->store, g_ptr_array_index (rows, 0));
}

static void
reread (PursuitPgBackend *self,
        gint64            id)
{
  g_autoptr(GPtrArray) params = id_params (id);

  run_query (self, SQL_SELECT_ONE, params, row_read, g_memdup2 (&id, sizeof id), g_free);
}

static void
touch_read (PursuitPgBackend *self,
            PGresult         *result,
            const GError     *error,
            gpointer          data)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autoptr(PursuitTouch) touch = NULL;

  if (error != NULL || PQntuples (result) == 0)
    return;
  touch = read_touch (result, 0, zone);
  if (keep_touch (self, touch))
    pursuit_store_emit_touch_added (self->store, touch);
}

static void
notified_cb (PursuitPgConnection *conn,
             const char          *table,
             const char          *op,
             gint64               id,
             PursuitPgBackend    *self)
{
  g_autoptr(GPtrArray) params = NULL;

  if (g_str_equal (table, "prospects"))
    {
      if (g_str_equal (op, "delete"))
        pursuit_store_remote_gone (self->store, id);
      else
        reread (self, id);
      return;
    }
  if (!g_str_equal (table, "touches"))
    return;
  if (g_str_equal (op, "delete"))
    {
      forget_touch (self, id);
      return;
    }
  if (find_touch (self, id, NULL) != NULL)
    return;
  params = id_params (id);
  run_query (self, SQL_SELECT_TOUCH, params, touch_read, NULL, NULL);
}

/* Everything is read once each time the connection comes up: when it
 * first does (also after a password was asked for), and after it was
 * lost. */
static void
load_once (PursuitPgBackend *self)
{
  if (self->loading || !pursuit_pg_connection_get_online (self->conn))
    return;
  self->loading = TRUE;
  load (self);
}

static void
reconnected_cb (PursuitPgConnection *conn,
                PursuitPgBackend    *self)
{
  load_once (self);
}

static void
online_cb (PursuitPgConnection *conn,
           GParamSpec          *pspec,
           PursuitPgBackend    *self)
{
  if (!pursuit_pg_connection_get_online (conn))
    self->loading = FALSE;
  load_once (self);
}

/* Conflicts */

static void
conflict_read (PursuitPgBackend *self,
               PGresult         *result,
               const GError     *error,
               gpointer          data)
{
  Write *write = data;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) conflict = NULL;
  PursuitProspect *theirs;

  if (error != NULL)
    {
      report_failed (self, write, error);
      return;
    }
  rows = read_rows (self, result);
  theirs = rows->len > 0 ? g_ptr_array_index (rows, 0) : NULL;
  conflict = pursuit_pg_conflict_error (write->before, theirs);
  report (self, write, conflict, NULL, theirs);
}

/* The row @write was based on changed: reads it to say how. */
static void
report_conflict (PursuitPgBackend *self,
                 Write            *write)
{
  gint64 id = pursuit_prospect_get_id (write->prospect);
  g_autoptr(GPtrArray) params = id_params (id);
  Write *copy = write_new (write->done, write->user_data, NULL, NULL);

  write->reported = TRUE;
  /* The version the write expected is not the server's: take the one
   * read now, whatever it is. */
  g_hash_table_remove (self->versions, &id);
  copy->prospect = g_object_ref (write->prospect);
  copy->before = g_object_ref (write->before);
  run_query (self, SQL_SELECT_ONE, params, conflict_read, copy, write_free);
}

/* Writes */

static void
inserted (PursuitPgBackend *self,
          PGresult         *result,
          const GError     *error,
          gpointer          data)
{
  Write *write = data;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree gint64 *ids = NULL;

  if (error != NULL)
    {
      report_failed (self, write, error);
      return;
    }
  rows = read_rows (self, result);
  ids = g_new0 (gint64, MAX (rows->len, 1));
  for (guint i = 0; i < rows->len; i++)
    ids[i] = pursuit_prospect_get_id (g_ptr_array_index (rows, i));
  report (self, write, NULL, ids, NULL);
}

static void
insert_prospects (PursuitBackend    *backend,
                  GPtrArray         *prospects,
                  PursuitBackendDone done,
                  gpointer           user_data)
{
  PursuitPgBackend *self = get (backend);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) sql = g_string_new ("INSERT INTO prospects (" INSERT_COLUMNS ") VALUES ");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (prospects->len > MAX_INSERT)
    {
      g_autoptr(GError) error = g_error_new (PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_UNSUPPORTED,
                                             _("A team database takes at most %d new prospects at once. "
                                               "Add them in parts."),
                                             MAX_INSERT);
      done (backend, error, NULL, NULL, user_data);
      return;
    }
  for (guint i = 0; i < prospects->len; i++)
    {
      PursuitProspect *prospect = g_ptr_array_index (prospects, i);
      guint base = i * (N_VALUES + 1);

      pursuit_schedule_settle (prospect, pursuit_store_get_policy (self->store), now);
      if (pursuit_prospect_get_created_at (prospect) == NULL)
        pursuit_prospect_set_created_at (prospect, now);
      add_prospect_params (params, prospect);
      g_ptr_array_add (params, time_param (pursuit_prospect_get_created_at (prospect)));
      g_string_append (sql, i > 0 ? ", (" : "(");
      for (guint k = 1; k <= N_VALUES + 1; k++)
        {
          /* The types of the columns that are not text. */
          static const char *const casts[N_VALUES + 2] = {
            [9] = "::double precision", [10] = "::integer", [11] = "::integer", [13] = "::boolean",
            [18] = "::integer", [21] = "::boolean",
          };
          gboolean is_time = k == 12 || k == 14 || k == 17 || k == 19 || k == 22;

          g_string_append_printf (sql, "%s%s$%u%s%s", k > 1 ? ", " : "", is_time ? "to_timestamp (" : "",
                                  base + k, is_time ? "::double precision)" : casts[k] != NULL ? casts[k] : "",
                                  "");
        }
      g_string_append (sql, ")");
    }
  g_string_append (sql, " RETURNING " SELECT_COLUMNS);
  run_query (self, sql->str, params, inserted, write_new (done, user_data, NULL, NULL), write_free);
}

static void
updated (PursuitPgBackend *self,
         PGresult         *result,
         const GError     *error,
         gpointer          data)
{
  Write *write = data;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree gint64 *ids = NULL;

  if (error != NULL)
    {
      gint64 id = pursuit_prospect_get_id (write->prospect);

      /* The version expected is not coming: read the row again. */
      g_hash_table_remove (self->versions, &id);
      reread (self, id);
      report_failed (self, write, error);
      return;
    }
  if (PQntuples (result) == 0)
    {
      report_conflict (self, write);
      return;
    }
  rows = read_rows (self, result);
  if (write->touch != NULL)
    {
      pursuit_touch_set_id (write->touch, int_value (result, 0, PQnfields (result) - 1));
      keep_touch (self, write->touch);
      ids = g_new (gint64, 1);
      ids[0] = pursuit_touch_get_id (write->touch);
    }
  report (self, write, NULL, ids, g_ptr_array_index (rows, 0));
}

static gboolean
is_closed_stage (PursuitStage stage)
{
  return stage == PURSUIT_STAGE_CLOSED || stage == PURSUIT_STAGE_CUSTOMER;
}

/* What pursuit_store_write_row() does to a draft before it writes it. */
static void
settle_draft (PursuitPgBackend *self,
              PursuitProspect  *prospect,
              PursuitProspect  *draft)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  PursuitStage from = pursuit_prospect_get_stage (prospect);
  PursuitStage to = pursuit_prospect_get_stage (draft);

  if (from != to && is_closed_stage (from) && is_closed_stage (to))
    pursuit_prospect_set_closed_at (draft, NULL);
  if (from != to && !is_closed_stage (to))
    pursuit_prospect_set_closed_at (draft, NULL);
  else if (from != to && pursuit_prospect_get_closed_at (draft) == NULL)
    pursuit_prospect_set_closed_at (draft, now);
  pursuit_schedule_settle (draft, pursuit_store_get_policy (self->store), now);
}

/* The parameters of an update of @prospect to @draft: the values, the
 * id and the version read; the version expected after it is remembered. */
static GPtrArray *
update_params (PursuitPgBackend *self,
               PursuitProspect  *prospect,
               PursuitProspect  *draft)
{
  GPtrArray *params = g_ptr_array_new_with_free_func (g_free);
  gint64 id = pursuit_prospect_get_id (prospect);
  gint64 version = version_of (self, id);

  settle_draft (self, prospect, draft);
  add_prospect_params (params, draft);
  g_ptr_array_add (params, g_strdup_printf ("%" G_GINT64_FORMAT, id));
  g_ptr_array_add (params, g_strdup_printf ("%" G_GINT64_FORMAT, version));
  remember_version (self, id, version + 1);
  return params;
}

static void
write_prospect (PursuitBackend    *backend,
                PursuitProspect   *prospect,
                PursuitProspect   *draft,
                PursuitBackendDone done,
                gpointer           user_data)
{
  PursuitPgBackend *self = get (backend);
  g_autoptr(GPtrArray) params = update_params (self, prospect, draft);
  Write *write = write_new (done, user_data, prospect, NULL);

  run_query (self, SQL_UPDATE, params, updated, write, write_free);
}

static void
deleted (PursuitPgBackend *self,
         PGresult         *result,
         const GError     *error,
         gpointer          data)
{
  Write *write = data;
  g_autoptr(GError) failed = NULL;

  if (error != NULL)
    failed = store_error (error);
  else if (g_ascii_strtoll (PQcmdTuples (result), NULL, 10) == 0)
    failed = pursuit_pg_conflict_error (write->before, NULL);
  else
    {
      gint64 id = pursuit_prospect_get_id (write->prospect);

      g_hash_table_remove (self->touches, &id);
      g_hash_table_remove (self->versions, &id);
    }
  report (self, write, failed, NULL, NULL);
}

static void
delete_prospect (PursuitBackend    *backend,
                 PursuitProspect   *prospect,
                 PursuitBackendDone done,
                 gpointer           user_data)
{
  PursuitPgBackend *self = get (backend);
  g_autoptr(GPtrArray) params = id_params (pursuit_prospect_get_id (prospect));
  Write *write = write_new (done, user_data, prospect, NULL);

  run_query (self, SQL_DELETE, params, deleted, write, write_free);
}

static void
touch_inserted (PursuitPgBackend *self,
                PGresult         *result,
                const GError     *error,
                gpointer          data)
{
  Write *write = data;
  gint64 id;

  if (error != NULL)
    {
      report_failed (self, write, error);
      return;
    }
  id = int_value (result, 0, 0);
  pursuit_touch_set_id (write->touch, id);
  keep_touch (self, write->touch);
  report (self, write, NULL, &id, NULL);
}

static void
insert_touch (PursuitBackend    *backend,
              PursuitTouch      *touch,
              PursuitProspect   *prospect,
              PursuitProspect   *draft,
              PursuitBackendDone done,
              gpointer           user_data)
{
  PursuitPgBackend *self = get (backend);
  g_autoptr(GPtrArray) params = NULL;
  Write *write = write_new (done, user_data, draft != NULL ? prospect : NULL, touch);

  if (draft == NULL)
    {
      params = id_params (pursuit_touch_get_prospect_id (touch));
      add_touch_params (params, touch);
      run_query (self, SQL_INSERT_TOUCH, params, touch_inserted, write, write_free);
      return;
    }
  params = update_params (self, prospect, draft);
  add_touch_params (params, touch);
  run_query (self, SQL_LOG_TOUCH, params, updated, write, write_free);
}

static void
touch_deleted (PursuitPgBackend *self,
               PGresult         *result,
               const GError     *error,
               gpointer          data)
{
  Write *write = data;
  g_autoptr(GError) failed = error != NULL ? store_error (error) : NULL;

  if (failed == NULL)
    forget_touch (self, pursuit_touch_get_id (write->touch));
  report (self, write, failed, NULL, NULL);
}

static void
delete_touch (PursuitBackend    *backend,
              PursuitTouch      *touch,
              PursuitBackendDone done,
              gpointer           user_data)
{
  PursuitPgBackend *self = get (backend);
  g_autoptr(GPtrArray) params = id_params (pursuit_touch_get_id (touch));
  Write *write = write_new (done, user_data, NULL, touch);

  run_query (self, SQL_DELETE_TOUCH, params, touch_deleted, write, write_free);
}

/* Reads, from what was loaded and kept up to date */

static GListModel *
list_touches (PursuitBackend  *backend,
              gint64           prospect_id,
              GError         **error)
{
  GPtrArray *touches = touches_of (get (backend), prospect_id, FALSE);
  GListStore *model = g_list_store_new (PURSUIT_TYPE_TOUCH);

  for (guint i = touches != NULL ? touches->len : 0; i > 0; i--)
    g_list_store_append (model, g_ptr_array_index (touches, i - 1));
  return G_LIST_MODEL (model);
}

/* The touches of @prospect_id oldest first (transfer none), for the
 * engine: see pursuit_store_remote_engine_touches(). */
GPtrArray *
pursuit_pg_backend_get_touches (PursuitBackend *backend,
                                gint64          prospect_id)
{
  return touches_of (get (backend), prospect_id, FALSE);
}

static void
backend_free (PursuitBackend *backend)
{
  PursuitPgBackend *self = get (backend);

  g_cancellable_cancel (self->cancellable);
  g_clear_signal_handler (&self->notified_id, self->conn);
  g_clear_signal_handler (&self->reconnected_id, self->conn);
  g_clear_signal_handler (&self->online_id, self->conn);
  g_clear_object (&self->conn);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->versions, g_hash_table_unref);
  g_clear_pointer (&self->touches, g_hash_table_unref);
  g_clear_error (&self->load_error);
  g_free (self->name);
  g_free (self);
}

static const PursuitBackendVTable pg_vtable = {
  .name = "postgresql",
  .free = backend_free,
  .insert_prospects = insert_prospects,
  .write_prospect = write_prospect,
  .delete_prospect = delete_prospect,
  .insert_touch = insert_touch,
  .delete_touch = delete_touch,
  .list_touches = list_touches,
};

/* The connection string without a password, for messages. */
static char *
display_name (const char *conninfo)
{
  PQconninfoOption *options = PQconninfoParse (conninfo, NULL);
  GString *name = g_string_new (NULL);

  if (options == NULL)
    return g_string_free (name, FALSE);
  for (PQconninfoOption *option = options; option->keyword != NULL; option++)
    if (option->val != NULL && option->val[0] != '\0' && !g_str_equal (option->keyword, "password")
        && (g_str_equal (option->keyword, "host") || g_str_equal (option->keyword, "port")
            || g_str_equal (option->keyword, "dbname") || g_str_equal (option->keyword, "user")))
      g_string_append_printf (name, "%s%s=%s", name->len > 0 ? " " : "", option->keyword, option->val);
  PQconninfoFree (options);
  if (name->len == 0)
    g_string_append (name, _("the team database"));
  return g_string_free (name, FALSE);
}

PursuitBackend *
pursuit_pg_backend_new (PursuitStore *store,
                        const char   *conninfo,
                        gboolean      blocking)
{
  PursuitPgBackend *self = g_new0 (PursuitPgBackend, 1);

  g_return_val_if_fail (conninfo != NULL, NULL);

  self->parent.vtable = &pg_vtable;
  self->parent.store = G_OBJECT (store);
  self->store = store;
  self->conn = pursuit_pg_connection_new (conninfo);
  self->name = display_name (conninfo);
  self->blocking = blocking;
  self->cancellable = g_cancellable_new ();
  self->versions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->touches = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  return &self->parent;
}

static void
connected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GCancellable) cancellable = user_data;
  PursuitPgBackend *self;
  g_autoptr(GError) error = NULL;
  gboolean ok = pursuit_pg_connection_connect_finish (PURSUIT_PG_CONNECTION (source), result, &error);

  if (g_cancellable_is_cancelled (cancellable))
    return;
  self = g_object_get_data (G_OBJECT (cancellable), "pursuit-backend");
  if (!ok)
    {
      g_autoptr(GError) failed = NULL;

      /* For the window to ask: see ::write-failed. */
      if (g_error_matches (error, PURSUIT_PG_ERROR, PURSUIT_PG_ERROR_PASSWORD))
        failed = g_error_copy (error);
      else
        failed = g_error_new (PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_OFFLINE, "%s", error->message);
      pursuit_store_emit_write_failed (self->store, failed);
      return;
    }
  load_once (self);
}

gboolean
pursuit_pg_backend_start (PursuitBackend  *backend,
                          GError         **error)
{
  PursuitPgBackend *self = get (backend);
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (backend != NULL && backend->vtable == &pg_vtable, FALSE);

  self->notified_id = g_signal_connect (self->conn, "notified", G_CALLBACK (notified_cb), self);
  self->reconnected_id = g_signal_connect (self->conn, "reconnected", G_CALLBACK (reconnected_cb), self);
  self->online_id = g_signal_connect (self->conn, "notify::online", G_CALLBACK (online_cb), self);
  if (!self->blocking)
    {
      g_object_set_data (G_OBJECT (self->cancellable), "pursuit-backend", self);
      pursuit_pg_connection_connect_async (self->conn, self->cancellable, connected_cb,
                                           g_object_ref (self->cancellable));
      return TRUE;
    }
  if (!pursuit_pg_connection_connect_sync (self->conn, &local))
    {
      g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_OFFLINE, "%s", local->message);
      return FALSE;
    }
  load_once (self);
  if (self->load_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->load_error));
      return FALSE;
    }
  return TRUE;
}

const char *
pursuit_pg_backend_get_name (PursuitBackend *backend)
{
  g_return_val_if_fail (backend != NULL && backend->vtable == &pg_vtable, NULL);

  return get (backend)->name;
}

PursuitPgConnection *
pursuit_pg_backend_get_connection (PursuitBackend *backend)
{
  g_return_val_if_fail (backend != NULL && backend->vtable == &pg_vtable, NULL);

  return get (backend)->conn;
}

gboolean
pursuit_pg_backend_get_online (PursuitBackend *backend)
{
  g_return_val_if_fail (backend != NULL && backend->vtable == &pg_vtable, FALSE);

  return pursuit_pg_connection_get_online (get (backend)->conn);
}
