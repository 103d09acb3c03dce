/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "pursuit-db.h"
#include "pursuit-insights-data.h"
#include "pursuit-store-private.h"

/* The insights read all touches: bulk work, done in a thread on a read-only
 * connection of its own (STYLE.md), never on the store's. */

#define BUSY_TIMEOUT_MS 5000

static const char prospect_sql[] =
  "SELECT id, stage, tier, value, close_reason, created_at, closed_at, revisit_at, attempts, attempt_limit "
  "FROM prospect WHERE deleted_at IS NULL ORDER BY id";
/* Informational touches (updates to the nurture list) are no attempts:
 * they count for no response rate, no curve and no cost. */
static const char touch_sql[] =
  "SELECT prospect_id, happened_at, channel, direction, outcome FROM touch WHERE informational = 0";

static gboolean
set_error (sqlite3     *db,
           int          rc,
           const char  *path,
           GError     **error)
{
  int code = pursuit_db_error_code (rc, db != NULL ? sqlite3_system_errno (db) : 0);

  g_set_error (error, PURSUIT_STORE_ERROR, code, _("Could not read the history in %s: %s"), path,
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

static gint64
column_time (sqlite3_stmt *stmt,
             int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? 0 : sqlite3_column_int64 (stmt, column);
}

static void
read_prospect (sqlite3_stmt            *stmt,
               PursuitInsightsProspect *p)
{
  p->stage = PURSUIT_STAGE_INBOX;
  p->tier = PURSUIT_TIER_NONE;
  pursuit_stage_from_string (pursuit_db_column_string (stmt, 1), &p->stage);
  pursuit_tier_from_string (pursuit_db_column_string (stmt, 2), &p->tier);
  p->value = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? -1 : sqlite3_column_double (stmt, 3);
  p->close_reason = pursuit_db_column_string (stmt, 4);
  p->created_at = column_time (stmt, 5);
  /* The store keeps the closing date (the winning touch wins). */
  p->closed_at = p->stage == PURSUIT_STAGE_CLOSED || p->stage == PURSUIT_STAGE_CUSTOMER ? column_time (stmt, 6) : 0;
  p->revisit_at = column_time (stmt, 7);
  /* The streak and limit the card reads, for the same limit check. */
  p->streak = (guint) CLAMP (sqlite3_column_int64 (stmt, 8), 0, G_MAXINT);
  p->own_limit = (guint) CLAMP (sqlite3_column_int64 (stmt, 9), 0, G_MAXINT);
}

/* The names as the store writes them, matched exactly first: a hundred
 * thousand touches make the lenient lookup show. */
static int
exact_name (const char *text,
            const char *(*to_string) (int),
            int         n)
{
  for (int i = 0; i < n; i++)
    if (strcmp (text, to_string (i)) == 0)
      return i;
  return -1;
}

static const char *
channel_name (int i)
{
  return pursuit_channel_to_string ((PursuitChannel) i);
}

static const char *
outcome_name (int i)
{
  return pursuit_outcome_to_string ((PursuitOutcome) i);
}

static void
read_touch (sqlite3_stmt         *stmt,
            PursuitInsightsTouch *t)
{
  const char *channel = pursuit_db_column_string (stmt, 2);
  const char *direction = pursuit_db_column_string (stmt, 3);
  const char *outcome = pursuit_db_column_string (stmt, 4);
  int i;

  t->when = sqlite3_column_int64 (stmt, 1);
  t->channel = PURSUIT_CHANNEL_CALL;
  t->direction = PURSUIT_DIRECTION_OUT;
  t->outcome = PURSUIT_OUTCOME_NO_ANSWER;
  if ((i = exact_name (channel, channel_name, PURSUIT_N_CHANNELS)) >= 0)
    t->channel = (PursuitChannel) i;
  else
    pursuit_channel_from_string (channel, &t->channel);
  if (strcmp (direction, "out") == 0)
    t->direction = PURSUIT_DIRECTION_OUT;
  else
    pursuit_direction_from_string (direction, &t->direction);
  if ((i = exact_name (outcome, outcome_name, PURSUIT_N_OUTCOMES)) >= 0)
    t->outcome = (PursuitOutcome) i;
  else
    pursuit_outcome_from_string (outcome, &t->outcome);
}

static guint
find_prospect (const gint64 *ids,
               guint         n,
               gint64        id)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (ids[mid] < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < n && ids[lo] == id ? lo : G_MAXUINT;
}

/* Reads the prospects by id, then the touches in table order, which is
 * three times faster than walking the index on (prospect_id,
 * happened_at); a counting sort groups them by prospect and the data
 * sorts each prospect's by time. */
static int
read_all (sqlite3_stmt        *prospects,
          sqlite3_stmt        *touches,
          PursuitInsightsData *data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (PursuitInsightsProspect));
  g_autoptr(GArray) owners = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (PursuitInsightsTouch));
  g_autofree guint *start = NULL;
  g_autofree PursuitInsightsTouch *grouped = NULL;
  int rc;

  while ((rc = sqlite3_step (prospects)) == SQLITE_ROW)
    {
      PursuitInsightsProspect p = { 0 };
      gint64 id = sqlite3_column_int64 (prospects, 0);

      read_prospect (prospects, &p);
      p.close_reason = g_intern_string (p.close_reason);
      g_array_append_val (ids, id);
      g_array_append_val (rows, p);
    }
  if (rc != SQLITE_DONE)
    return rc;

  start = g_new0 (guint, ids->len + 1);
  while ((rc = sqlite3_step (touches)) == SQLITE_ROW)
    {
      guint owner = find_prospect ((const gint64 *) (void *) ids->data, ids->len, sqlite3_column_int64 (touches, 0));
      PursuitInsightsTouch t;

      if (owner == G_MAXUINT)
        continue;
      read_touch (touches, &t);
      g_array_append_val (all, t);
      g_array_append_val (owners, owner);
      start[owner + 1]++;
    }
  if (rc != SQLITE_DONE)
    return rc;

  for (guint i = 0; i < ids->len; i++)
    start[i + 1] += start[i];
  grouped = g_new (PursuitInsightsTouch, MAX (all->len, 1));
  {
    g_autofree guint *next = g_memdup2 (start, (ids->len + 1) * sizeof (guint));

    for (guint i = 0; i < all->len; i++)
      grouped[next[g_array_index (owners, guint, i)]++] = g_array_index (all, PursuitInsightsTouch, i);
  }
  for (guint i = 0; i < ids->len; i++)
    pursuit_insights_data_add (data, &g_array_index (rows, PursuitInsightsProspect, i), grouped + start[i],
                               start[i + 1] - start[i]);
  return SQLITE_OK;
}

/**
 * pursuit_insights_data_load:
 * @path: the database file
 * @error: return location for a #PursuitStoreError
 *
 * Returns: (transfer full) (nullable): the history, or NULL on error
 */
PursuitInsightsData *
pursuit_insights_data_load (const char  *path,
                            GError     **error)
{
  g_autoptr(PursuitInsightsData) data = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *prospects = NULL;
  sqlite3_stmt *touches = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      pursuit_db_harden (db);
      sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
      /* One read transaction: both queries see the same snapshot. */
      rc = sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, prospect_sql, -1, &prospects, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, touch_sql, -1, &touches, NULL);
  if (rc == SQLITE_OK)
    {
      data = pursuit_insights_data_new ();
      rc = read_all (prospects, touches, data);
    }
  if (rc != SQLITE_OK)
    set_error (db, rc, path, error);

  sqlite3_finalize (prospects);
  sqlite3_finalize (touches);
  sqlite3_close (db);
  return rc == SQLITE_OK ? g_steal_pointer (&data) : NULL;
}

typedef struct
{
  char                 *path;
  PursuitInsightsParams params;
} LoadData;

static void
load_data_free (LoadData *load)
{
  g_free (load->path);
  g_free (load);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *load = task_data;
  g_autoptr(PursuitInsightsData) data = NULL;
  GError *error = NULL;

  data = pursuit_insights_data_load (load->path, &error);
  if (data == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, pursuit_insights_compute (data, &load->params),
                         (GDestroyNotify) pursuit_insights_free);
}

/**
 * pursuit_store_load_insights_async:
 * @self: a #PursuitStore
 * @params: the period and the preferences (copied)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context of the caller
 * @user_data: for @callback
 */
void
pursuit_store_load_insights_async (PursuitStore                *self,
                                   const PursuitInsightsParams *params,
                                   GCancellable                *cancellable,
                                   GAsyncReadyCallback          callback,
                                   gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_return_if_fail (PURSUIT_IS_STORE (self));
  g_return_if_fail (params != NULL);

  load = g_new0 (LoadData, 1);
  load->path = g_strdup (pursuit_store_get_path (self));
  load->params = *params;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pursuit_store_load_insights_async);
  g_task_set_task_data (task, load, (GDestroyNotify) load_data_free);
  /* Its thread reads the file on a connection of its own. */
  if (pursuit_store_get_backend (self) != NULL)
    {
      g_task_return_new_error (task, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_UNSUPPORTED,
                               _("Insights are not available on a team database yet."));
      return;
    }
  g_task_run_in_thread (task, load_thread);
}

/**
 * pursuit_store_load_insights_finish:
 *
 * Returns: (transfer full) (nullable): the insights, or NULL with @error set
 */
PursuitInsights *
pursuit_store_load_insights_finish (PursuitStore  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (PURSUIT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
