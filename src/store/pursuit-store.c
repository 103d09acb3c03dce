/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-store"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "pursuit-backend.h"
#include "pursuit-db.h"
#include "pursuit-enums.h"
#include "pursuit-pg-backend.h"
#include "pursuit-pg-setup.h"
#include "pursuit-schedule.h"
#include "pursuit-store-private.h"
#include "pursuit-store-touches.h"
#include "pursuit-store-trash-private.h"
#include "pursuit-undo-stack.h"

/* One model per stage, and one per tier for the active stage: models[stage]
 * for inbox, customer and closed, models[PURSUIT_N_STAGES + tier] for
 * active prospects. models[PURSUIT_STAGE_ACTIVE] is not used, and the
 * model of the active stage without tier stays empty.
 *
 * Every model, and the one of all prospects, is kept in the order of the
 * ids (the order they load in), so that a prospect is found in it by
 * bisection rather than by a scan: a move or a delete costs the same
 * with 100,000 prospects as with 100. */
#define N_MODELS (PURSUIT_N_STAGES + PURSUIT_N_TIERS)

struct _PursuitStore
{
  GObject     parent_instance;

  PursuitDb  *db;
  PursuitBackend *backend;        /* a team database; db is NULL then */
  PursuitBackend *file_backend;   /* the file's, which writes to db */
  GHashTable *prospects;          /* gint64 *id → PursuitProspect */
  GListStore *all;
  GListStore *models[N_MODELS];
  PursuitPolicy policy;
  char       *database_id;        /* read on first use */
  PursuitTrash *trash;            /* the deleted prospects */
  PursuitUndoStack *undo_stack;   /* made on first use */
  gboolean    recording_many;     /* emitting ::touch-added of a history */
  gboolean    opened_checked;     /* the purge and settling of opening done */
};

G_DEFINE_FINAL_TYPE (PursuitStore, pursuit_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (pursuit-store-error-quark, pursuit_store_error)

enum {
  PROSPECT_ADDED,
  PROSPECT_CHANGED,
  PROSPECT_REMOVED,
  TOUCH_ADDED,
  POLICY_CHANGED,
  WRITE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The prospect columns in bind order: parameter ?N of INSERT and UPDATE is
 * column N of SELECT, whose column 0 is the id. */
#define PROSPECT_COLUMNS                                                  \
  "name, company, email, phone, source, notes, stage, tier, value, "      \
  "attempts, attempt_limit, next_touch, next_touch_manual, callback_at, " \
  "next_channel, close_reason, revisit_at, created_at, updated_at, "    \
  "attempts_before, closed_at, tags, do_not_contact"

enum {
  COL_ID,
  COL_NAME,
  COL_COMPANY,
  COL_EMAIL,
  COL_PHONE,
  COL_SOURCE,
  COL_NOTES,
  COL_STAGE,
  COL_TIER,
  COL_VALUE,
  COL_ATTEMPTS,
  COL_ATTEMPT_LIMIT,
  COL_NEXT_TOUCH,
  COL_NEXT_TOUCH_MANUAL,
  COL_CALLBACK_AT,
  COL_NEXT_CHANNEL,
  COL_CLOSE_REASON,
  COL_REVISIT_AT,
  COL_CREATED_AT,
  COL_UPDATED_AT,
  COL_ATTEMPTS_BEFORE,
  COL_CLOSED_AT,
  COL_TAGS,
  COL_DO_NOT_CONTACT,
};

/* Column COL_DELETED_AT of this one is the time the prospect went to the
 * Trash (NULL for the others). */
#define SQL_SELECT_PROSPECTS "SELECT id, " PROSPECT_COLUMNS ", deleted_at FROM prospect ORDER BY id"
#define COL_DELETED_AT (COL_DO_NOT_CONTACT + 1)
#define SQL_INSERT_PROSPECT                                   \
  "INSERT INTO prospect (" PROSPECT_COLUMNS ") VALUES "       \
  "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, " \
  "?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)"
#define SQL_UPDATE_PROSPECT                                                           \
  "UPDATE prospect SET name = ?1, company = ?2, email = ?3, phone = ?4, source = ?5, " \
  "notes = ?6, stage = ?7, tier = ?8, value = ?9, attempts = ?10, "                   \
  "attempt_limit = ?11, next_touch = ?12, next_touch_manual = ?13, "                  \
  "callback_at = ?14, next_channel = ?15, close_reason = ?16, revisit_at = ?17, "     \
  "created_at = ?18, updated_at = ?19, attempts_before = ?20, closed_at = ?21, "   \
  "tags = ?22, do_not_contact = ?23 WHERE id = ?24"
#define SQL_RESTORE_PROSPECT                                          \
  "INSERT INTO prospect (" PROSPECT_COLUMNS ", id) VALUES "           \
  "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "         \
  "?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)"
#define SQL_RESTORE_TOUCH                                                        \
  "INSERT INTO touch (id, prospect_id, happened_at, channel, direction, outcome, " \
  "callback_at, note, informational) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"

static gint64
now_unix (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

gboolean
pursuit_store_enum_is_valid (GType type,
                             int   value)
{
  GEnumClass *klass = g_type_class_ref (type);
  gboolean valid = g_enum_get_value (klass, value) != NULL;

  g_type_class_unref (klass);
  return valid;
}

static guint
model_index (PursuitProspect *prospect)
{
  PursuitStage stage = pursuit_prospect_get_stage (prospect);

  if (stage == PURSUIT_STAGE_ACTIVE)
    return PURSUIT_N_STAGES + pursuit_prospect_get_tier (prospect);
  return stage;
}

/* Validation: everything a caller can get wrong, checked before the
 * transaction begins. */

static gboolean
is_blank (const char *str)
{
  for (; *str != '\0'; str = g_utf8_next_char (str))
    if (!g_unichar_isspace (g_utf8_get_char (str)))
      return FALSE;
  return TRUE;
}

static gboolean
texts_are_valid (PursuitProspect *prospect)
{
  const char *texts[] = {
    pursuit_prospect_get_name (prospect),
    pursuit_prospect_get_company (prospect),
    pursuit_prospect_get_email (prospect),
    pursuit_prospect_get_phone (prospect),
    pursuit_prospect_get_source (prospect),
    pursuit_prospect_get_notes (prospect),
    pursuit_prospect_get_close_reason (prospect),
    pursuit_prospect_get_tags (prospect),
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (!g_utf8_validate (texts[i], -1, NULL))
      return FALSE;
  return TRUE;
}

gboolean
pursuit_store_validate_prospect (PursuitProspect  *prospect,
                   GError          **error)
{
  const char *name = pursuit_prospect_get_name (prospect);
  PursuitStage stage = pursuit_prospect_get_stage (prospect);
  PursuitTier tier = pursuit_prospect_get_tier (prospect);
  double value = pursuit_prospect_get_value (prospect);

  /* Everything below may show the name, and GTK needs UTF-8. */
  if (!texts_are_valid (prospect))
    {
      g_set_error_literal (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                           _("A prospect’s text is not valid UTF-8. Check the encoding of "
                             "what was imported."));
      return FALSE;
    }
  if (is_blank (name))
    {
      g_set_error_literal (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                           _("A prospect needs a name."));
      return FALSE;
    }
  if (value != -1 && !(value >= 0 && isfinite (value)))
    {
      g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                   _("The value of “%s” must be zero or more, or left empty."), name);
      return FALSE;
    }
  if (!pursuit_store_enum_is_valid (PURSUIT_TYPE_STAGE, stage) || !pursuit_store_enum_is_valid (PURSUIT_TYPE_TIER, tier) ||
      !pursuit_store_enum_is_valid (PURSUIT_TYPE_CHANNEL, pursuit_prospect_get_next_channel (prospect)))
    {
      g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                   _("“%s” has an unknown stage, tier or channel."), name);
      return FALSE;
    }
  if (stage == PURSUIT_STAGE_ACTIVE && tier == PURSUIT_TIER_NONE)
    {
      g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                   _("“%s” is active and needs a tier: hot, good, cool or cold."), name);
      return FALSE;
    }
  if (stage != PURSUIT_STAGE_ACTIVE && tier != PURSUIT_TIER_NONE)
    {
      g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                   _("Only active prospects have a tier, and “%s” is not active."), name);
      return FALSE;
    }
  if (pursuit_prospect_get_do_not_contact (prospect) && stage != PURSUIT_STAGE_CLOSED)
    {
      g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                   _("“%s” asked not to be contacted, so it stays let go. Choose Allow Contact Again "
                     "on its page first if that has changed."), name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
validate_new (PursuitStore  *self,
              GPtrArray     *prospects,
              GError       **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < prospects->len; i++)
    {
      PursuitProspect *prospect = g_ptr_array_index (prospects, i);

      if (!PURSUIT_IS_PROSPECT (prospect))
        {
          g_critical ("%s: item %u is not a PursuitProspect", G_STRFUNC, i);
          g_set_error_literal (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                               _("Only prospects can be saved."));
          return FALSE;
        }
      if (pursuit_prospect_get_id (prospect) != 0 || !g_hash_table_add (seen, prospect))
        {
          g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                       _("“%s” is already saved."), pursuit_prospect_get_name (prospect));
          return FALSE;
        }
      if (!pursuit_store_validate_prospect (prospect, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
pursuit_store_check_owned (PursuitStore     *self,
             PursuitProspect  *prospect,
             GError          **error)
{
  gint64 id = pursuit_prospect_get_id (prospect);

  if (id > 0 && g_hash_table_lookup (self->prospects, &id) == prospect)
    return TRUE;

  g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
               _("“%s” is not saved in %s."), pursuit_prospect_get_name (prospect),
               pursuit_store_get_path (self));
  return FALSE;
}

/* Rows and objects */

static gboolean
is_closed_stage (PursuitStage stage)
{
  return stage == PURSUIT_STAGE_CLOSED || stage == PURSUIT_STAGE_CUSTOMER;
}

/* Prospects let go and customers have the date of the write that closed
 * them (kept through later changes); the others have none, and so have
 * those that arrived closed (imported: when they closed is unknown). */
static void
settle_closed_at (PursuitProspect *prospect,
                  gint64           now)
{
  g_autoptr(GDateTime) at = NULL;

  if (!is_closed_stage (pursuit_prospect_get_stage (prospect)))
    pursuit_prospect_set_closed_at (prospect, NULL);
  else if (pursuit_prospect_get_closed_at (prospect) == NULL)
    {
      at = g_date_time_new_from_unix_local (now);
      pursuit_prospect_set_closed_at (prospect, at);
    }
}

/* The text of a prospect, bound without a copy: the prospect outlives
 * the step, and an import binds a million texts. */
static void
bind_text (PursuitDbStmt *stmt,
           int            column,
           const char    *text)
{
  sqlite3_bind_text (stmt, column, text != NULL ? text : "", -1, SQLITE_STATIC);
}

/* Binds the detached @prospect. */
static void
bind_prospect (PursuitDbStmt   *stmt,
               PursuitProspect *prospect,
               gint64           now)
{
  bind_text (stmt, COL_NAME, pursuit_prospect_get_name (prospect));
  bind_text (stmt, COL_COMPANY, pursuit_prospect_get_company (prospect));
  bind_text (stmt, COL_EMAIL, pursuit_prospect_get_email (prospect));
  bind_text (stmt, COL_PHONE, pursuit_prospect_get_phone (prospect));
  bind_text (stmt, COL_SOURCE, pursuit_prospect_get_source (prospect));
  bind_text (stmt, COL_NOTES, pursuit_prospect_get_notes (prospect));
  bind_text (stmt, COL_STAGE, pursuit_stage_to_string (pursuit_prospect_get_stage (prospect)));
  bind_text (stmt, COL_TIER, pursuit_tier_to_string (pursuit_prospect_get_tier (prospect)));
  if (pursuit_prospect_has_value (prospect))
    sqlite3_bind_double (stmt, COL_VALUE, pursuit_prospect_get_value (prospect));
  else
    sqlite3_bind_null (stmt, COL_VALUE);
  sqlite3_bind_int64 (stmt, COL_ATTEMPTS, pursuit_prospect_get_attempts (prospect));
  sqlite3_bind_int64 (stmt, COL_ATTEMPT_LIMIT, pursuit_prospect_get_attempt_limit (prospect));
  pursuit_db_bind_time (stmt, COL_NEXT_TOUCH, pursuit_prospect_get_next_touch (prospect));
  sqlite3_bind_int (stmt, COL_NEXT_TOUCH_MANUAL,
                    pursuit_prospect_get_next_touch_manual (prospect));
  pursuit_db_bind_time (stmt, COL_CALLBACK_AT, pursuit_prospect_get_callback_at (prospect));
  bind_text (stmt, COL_NEXT_CHANNEL, pursuit_channel_to_string (pursuit_prospect_get_next_channel (prospect)));
  bind_text (stmt, COL_CLOSE_REASON, pursuit_prospect_get_close_reason (prospect));
  pursuit_db_bind_time (stmt, COL_REVISIT_AT, pursuit_prospect_get_revisit_at (prospect));
  pursuit_db_bind_time (stmt, COL_CREATED_AT, pursuit_prospect_get_created_at (prospect));
  sqlite3_bind_int64 (stmt, COL_UPDATED_AT, now);
  sqlite3_bind_int64 (stmt, COL_ATTEMPTS_BEFORE, pursuit_prospect_get_attempts_before (prospect));
  pursuit_db_bind_time (stmt, COL_CLOSED_AT, pursuit_prospect_get_closed_at (prospect));
  bind_text (stmt, COL_TAGS, pursuit_prospect_get_tags (prospect));
  sqlite3_bind_int (stmt, COL_DO_NOT_CONTACT, pursuit_prospect_get_do_not_contact (prospect));
}

/* Stage and tier as written by hand or by a buggy version are made
 * consistent rather than refused: an active prospect without a tier goes
 * back to the inbox to be triaged again. */
static void
read_stage_tier (PursuitDbStmt   *stmt,
                 PursuitProspect *prospect)
{
  const char *tier_name = pursuit_db_column_string (stmt, COL_TIER);
  PursuitStage stage = PURSUIT_STAGE_INBOX;
  PursuitTier tier = PURSUIT_TIER_NONE;

  if (!pursuit_stage_from_string (pursuit_db_column_string (stmt, COL_STAGE), &stage))
    stage = PURSUIT_STAGE_INBOX;
  if (tier_name[0] != '\0' && !pursuit_tier_from_string (tier_name, &tier))
    tier = PURSUIT_TIER_NONE;

  if (stage == PURSUIT_STAGE_ACTIVE && tier == PURSUIT_TIER_NONE)
    stage = PURSUIT_STAGE_INBOX;
  else if (stage != PURSUIT_STAGE_ACTIVE)
    tier = PURSUIT_TIER_NONE;

  pursuit_prospect_set_stage (prospect, stage);
  pursuit_prospect_set_tier (prospect, tier);
}

static PursuitProspect *
read_prospect (PursuitDbStmt *stmt,
               GTimeZone     *zone)
{
  g_autoptr(GDateTime) next_touch = pursuit_db_column_time (stmt, COL_NEXT_TOUCH, zone);
  g_autoptr(GDateTime) callback_at = pursuit_db_column_time (stmt, COL_CALLBACK_AT, zone);
  g_autoptr(GDateTime) revisit_at = pursuit_db_column_time (stmt, COL_REVISIT_AT, zone);
  g_autoptr(GDateTime) created_at = pursuit_db_column_time (stmt, COL_CREATED_AT, zone);
  g_autoptr(GDateTime) closed_at = pursuit_db_column_time (stmt, COL_CLOSED_AT, zone);
  PursuitProspect *prospect = g_object_new (PURSUIT_TYPE_PROSPECT,
                                            "created-at", created_at,
                                            NULL);
  PursuitChannel channel = PURSUIT_CHANNEL_CALL;
  double value = sqlite3_column_double (stmt, COL_VALUE);

  pursuit_prospect_set_id (prospect, sqlite3_column_int64 (stmt, COL_ID));
  pursuit_prospect_set_name (prospect, pursuit_db_column_string (stmt, COL_NAME));
  pursuit_prospect_set_company (prospect, pursuit_db_column_string (stmt, COL_COMPANY));
  pursuit_prospect_set_email (prospect, pursuit_db_column_string (stmt, COL_EMAIL));
  pursuit_prospect_set_phone (prospect, pursuit_db_column_string (stmt, COL_PHONE));
  pursuit_prospect_set_source (prospect, pursuit_db_column_string (stmt, COL_SOURCE));
  pursuit_prospect_set_notes (prospect, pursuit_db_column_string (stmt, COL_NOTES));
  /* Most prospects have none: normalising nothing costs a split and a
   * copy for each, at every start. */
  if (pursuit_db_column_string (stmt, COL_TAGS)[0] != '\0')
    pursuit_prospect_set_tags (prospect, pursuit_db_column_string (stmt, COL_TAGS));
  read_stage_tier (stmt, prospect);
  if (sqlite3_column_type (stmt, COL_VALUE) != SQLITE_NULL && value >= 0 && isfinite (value))
    pursuit_prospect_set_value (prospect, value);
  pursuit_prospect_set_attempts (prospect, pursuit_db_column_uint (stmt, COL_ATTEMPTS));
  pursuit_prospect_set_attempt_limit (prospect, pursuit_db_column_uint (stmt, COL_ATTEMPT_LIMIT));
  pursuit_prospect_set_attempts_before (prospect, pursuit_db_column_uint (stmt, COL_ATTEMPTS_BEFORE));
  pursuit_prospect_set_next_touch (prospect, next_touch);
  pursuit_prospect_set_next_touch_manual (prospect,
                                          sqlite3_column_int (stmt, COL_NEXT_TOUCH_MANUAL) != 0);
  pursuit_prospect_set_callback_at (prospect, callback_at);
  if (pursuit_channel_from_string (pursuit_db_column_string (stmt, COL_NEXT_CHANNEL), &channel))
    pursuit_prospect_set_next_channel (prospect, channel);
  pursuit_prospect_set_close_reason (prospect, pursuit_db_column_string (stmt, COL_CLOSE_REASON));
  pursuit_prospect_set_revisit_at (prospect, revisit_at);
  pursuit_prospect_set_closed_at (prospect, closed_at);
  pursuit_prospect_set_do_not_contact (prospect, sqlite3_column_int (stmt, COL_DO_NOT_CONTACT) != 0);

  return prospect;
}

/* Membership: the hash table and the models. */

/* Where the prospect with @id is in @model, kept in the order of the ids,
 * or where it would go. */
static gboolean
bisect (GListModel *model,
        gint64      id,
        guint      *position)
{
  guint low = 0;
  guint high = g_list_model_get_n_items (model);

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      g_autoptr(PursuitProspect) item = g_list_model_get_item (model, middle);
      gint64 item_id = pursuit_prospect_get_id (item);

      if (item_id == id)
        {
          *position = middle;
          return TRUE;
        }
      if (item_id < id)
        low = middle + 1;
      else
        high = middle;
    }
  *position = low;
  return FALSE;
}

static gint64
last_id (GListStore *model)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_autoptr(PursuitProspect) last = n > 0 ? g_list_model_get_item (G_LIST_MODEL (model), n - 1) : NULL;

  return last != NULL ? pursuit_prospect_get_id (last) : 0;
}

static void
insert_sorted (GListStore      *model,
               PursuitProspect *prospect)
{
  guint position;

  if (bisect (G_LIST_MODEL (model), pursuit_prospect_get_id (prospect), &position))
    g_critical ("%s: a prospect with id %" G_GINT64_FORMAT " is already in its model", G_STRFUNC,
                pursuit_prospect_get_id (prospect));
  g_list_store_insert (model, position, prospect);
}

/* Adds @prospects, whose ids go up (as the database hands them out), in
 * one splice at the end when they all come after the last one, so that a
 * view rebuilds once per import; otherwise (a restored prospect) each in
 * its place. */
static void
add_sorted (GListStore *model,
            GPtrArray  *prospects)
{
  gint64 previous = last_id (model);
  gboolean at_end = TRUE;

  for (guint i = 0; at_end && i < prospects->len; i++)
    {
      gint64 id = pursuit_prospect_get_id (g_ptr_array_index (prospects, i));

      at_end = id > previous;
      previous = id;
    }

  if (at_end)
    g_list_store_splice (model, g_list_model_get_n_items (G_LIST_MODEL (model)), 0, prospects->pdata,
                         prospects->len);
  else
    for (guint i = 0; i < prospects->len; i++)
      insert_sorted (model, g_ptr_array_index (prospects, i));
}

static void
track (PursuitStore *self,
       GPtrArray    *prospects)
{
  GPtrArray *buckets[N_MODELS] = { NULL };

  for (guint i = 0; i < prospects->len; i++)
    {
      PursuitProspect *prospect = g_ptr_array_index (prospects, i);
      gint64 id = pursuit_prospect_get_id (prospect);
      guint index = model_index (prospect);

      g_hash_table_insert (self->prospects, g_memdup2 (&id, sizeof id), g_object_ref (prospect));
      if (buckets[index] == NULL)
        buckets[index] = g_ptr_array_new ();
      g_ptr_array_add (buckets[index], prospect);
    }

  add_sorted (self->all, prospects);
  for (guint i = 0; i < N_MODELS; i++)
    {
      if (buckets[i] == NULL)
        continue;
      add_sorted (self->models[i], buckets[i]);
      g_ptr_array_unref (buckets[i]);
    }
}

static void
remove_from (GListStore      *model,
             PursuitProspect *prospect)
{
  g_autoptr(PursuitProspect) found = NULL;
  guint position;

  if (bisect (G_LIST_MODEL (model), pursuit_prospect_get_id (prospect), &position))
    found = g_list_model_get_item (G_LIST_MODEL (model), position);
  if (found == prospect || g_list_store_find (model, prospect, &position))
    g_list_store_remove (model, position);
  else
    g_critical ("%s: %p is missing from its model", G_STRFUNC, prospect);
}

static void
untrack (PursuitStore    *self,
         PursuitProspect *prospect)
{
  gint64 id = pursuit_prospect_get_id (prospect);

  remove_from (self->models[model_index (prospect)], prospect);
  remove_from (self->all, prospect);
  g_hash_table_remove (self->prospects, &id);
}

/* Writes: each runs inside a transaction that the caller opened. */

/* Every row written keeps the schedule's rule (pursuit_schedule_settle()):
 * an active prospect imported without a next touch is planned from now. */

/* Inserts @prospect with @stmt (SQL_INSERT_PROSPECT on @db), planned by
 * @policy from @at. One statement and one @at serve a whole import: a
 * lookup of the statement and a local time for each row cost more than
 * the insert itself. */
static gboolean
insert_prospect (PursuitDb            *db,
                 PursuitDbStmt        *stmt,
                 const PursuitPolicy  *policy,
                 PursuitProspect      *prospect,
                 GDateTime            *at,
                 gint64               *id,
                 GError              **error)
{
  pursuit_schedule_settle (prospect, policy, at);
  bind_prospect (stmt, prospect, g_date_time_to_unix (at));
  if (!pursuit_db_step_done (db, stmt, error))
    return FALSE;
  sqlite3_reset (stmt);
  *id = pursuit_db_last_insert_rowid (db);
  return TRUE;
}

gboolean
pursuit_store_write_prospect (PursuitStore     *self,
                              PursuitProspect  *prospect,
                              PursuitProspect  *draft,
                              GError          **error)
{
  return pursuit_store_write_row (self->db, &self->policy, prospect, draft, error);
}

/* pursuit_store_write_prospect() on @db by @policy, touching nothing of
 * a store: an import in a thread writes on a connection of its own. */
gboolean
pursuit_store_write_row (PursuitDb            *db,
                         const PursuitPolicy  *policy,
                         PursuitProspect      *prospect,
                         PursuitProspect      *draft,
                         GError              **error)
{
  g_autoptr(PursuitDbStmt) stmt = pursuit_db_prepare (db, SQL_UPDATE_PROSPECT, error);
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (now_unix ());
  PursuitStage from = pursuit_prospect_get_stage (prospect);
  PursuitStage to = pursuit_prospect_get_stage (draft);

  if (stmt == NULL)
    return FALSE;
  /* Won after being let go, or the other way round: closed anew. */
  if (from != to && is_closed_stage (from) && is_closed_stage (to))
    pursuit_prospect_set_closed_at (draft, NULL);
  /* Dated when it closes here: a prospect that arrived closed (an
   * import) keeps an unknown closing date through later edits. */
  if (from != to)
    settle_closed_at (draft, now_unix ());
  pursuit_schedule_settle (draft, policy, at);
  bind_prospect (stmt, draft, now_unix ());
  sqlite3_bind_int64 (stmt, COL_DO_NOT_CONTACT + 1, pursuit_prospect_get_id (prospect));
  if (!pursuit_db_step_done (db, stmt, error))
    return FALSE;
  if (pursuit_db_changes (db) != 1)
    {
      /* Another program deleted the row behind our back. */
      g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                   _("“%s” is not saved in %s."), pursuit_prospect_get_name (prospect),
                   pursuit_db_get_path (db));
      return FALSE;
    }
  return TRUE;
}

/* Commits the open transaction, or rolls it back when @ok is FALSE or the
 * commit fails. */
gboolean
pursuit_store_finish (PursuitStore  *self,
        gboolean       ok,
        GError       **error)
{
  if (ok && pursuit_db_commit (self->db, error))
    return TRUE;
  pursuit_db_rollback (self->db);
  return FALSE;
}

/* After the commit: the objects, the models, then the signals. */

void
pursuit_store_apply_update (PursuitStore    *self,
              PursuitProspect *prospect,
              PursuitProspect *draft)
{
  guint old_index = model_index (prospect);
  guint new_index;

  /* Notifications wait until the models agree with the properties. */
  g_object_freeze_notify (G_OBJECT (prospect));
  pursuit_prospect_assign (prospect, draft);
  new_index = model_index (prospect);
  if (new_index != old_index)
    {
      remove_from (self->models[old_index], prospect);
      insert_sorted (self->models[new_index], prospect);
    }
  g_object_thaw_notify (G_OBJECT (prospect));

  g_signal_emit (self, signals[PROSPECT_CHANGED], 0, prospect);
}

static void
pursuit_store_dispose (GObject *object)
{
  PursuitStore *self = PURSUIT_STORE (object);

  /* First: what it would undo holds prospects. */
  g_clear_object (&self->undo_stack);
  g_clear_pointer (&self->backend, pursuit_backend_free);
  g_clear_pointer (&self->file_backend, pursuit_backend_free);
  g_clear_pointer (&self->prospects, g_hash_table_unref);
  g_clear_object (&self->all);
  for (guint i = 0; i < N_MODELS; i++)
    g_clear_object (&self->models[i]);

  G_OBJECT_CLASS (pursuit_store_parent_class)->dispose (object);
}

static void
pursuit_store_finalize (GObject *object)
{
  PursuitStore *self = PURSUIT_STORE (object);

  g_clear_pointer (&self->db, pursuit_db_free);
  g_clear_pointer (&self->database_id, g_free);
  g_clear_pointer (&self->trash, pursuit_trash_free);

  G_OBJECT_CLASS (pursuit_store_parent_class)->finalize (object);
}

static guint
new_object_signal (GType       type,
                   const char *name,
                   GType       arg_type)
{
  guint id = g_signal_new (name, type, G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                           g_cclosure_marshal_VOID__OBJECT, G_TYPE_NONE, 1, arg_type);

  g_signal_set_va_marshaller (id, type, g_cclosure_marshal_VOID__OBJECTv);
  return id;
}

static void
pursuit_store_class_init (PursuitStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GType type = G_TYPE_FROM_CLASS (klass);

  object_class->dispose = pursuit_store_dispose;
  object_class->finalize = pursuit_store_finalize;

  /**
   * PursuitStore::prospect-added:
   * @self: the store
   * @prospect: the prospect, now saved, with its id and in its models
   */
  signals[PROSPECT_ADDED] = new_object_signal (type, "prospect-added", PURSUIT_TYPE_PROSPECT);

  /**
   * PursuitStore::prospect-changed:
   * @self: the store
   * @prospect: the prospect, saved, its properties set and its models
   *   updated
   */
  signals[PROSPECT_CHANGED] = new_object_signal (type, "prospect-changed", PURSUIT_TYPE_PROSPECT);

  /**
   * PursuitStore::prospect-removed:
   * @self: the store
   * @prospect: the prospect, deleted and out of the models; it still has
   *   its id during the emission and is detached (id 0) right after
   */
  signals[PROSPECT_REMOVED] = new_object_signal (type, "prospect-removed", PURSUIT_TYPE_PROSPECT);

  /**
   * PursuitStore::touch-added:
   * @self: the store
   * @touch: the touch, saved, with its id
   */
  signals[TOUCH_ADDED] = new_object_signal (type, "touch-added", PURSUIT_TYPE_TOUCH);

  /**
   * PursuitStore::policy-changed:
   * @self: the store
   *
   * The follow-up preferences changed: limits and cadences shown may be
   * out of date.
   */
  signals[POLICY_CHANGED] = g_signal_new ("policy-changed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                          NULL, G_TYPE_NONE, 0);

  /**
   * PursuitStore::write-failed:
   * @self: the store
   * @error: a #PursuitStoreError: why
   *
   * On a team database: a change that was sent (its function returned
   * %TRUE) was refused by the server or never reached it, or the
   * database could not be read; the models show the server's rows.
   * When the server wants a password that libpq and the keyring did not
   * have, the error is PURSUIT_PG_ERROR_PASSWORD: see
   * pursuit_store_get_pg_connection().
   */
  signals[WRITE_FAILED] = g_signal_new ("write-failed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                        NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
pursuit_store_init (PursuitStore *self)
{
  self->prospects = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->all = g_list_store_new (PURSUIT_TYPE_PROSPECT);
  pursuit_policy_init_default (&self->policy);
  self->trash = pursuit_trash_new ();
  for (guint i = 0; i < N_MODELS; i++)
    if (i != PURSUIT_STAGE_ACTIVE)
      self->models[i] = g_list_store_new (PURSUIT_TYPE_PROSPECT);
}

static gboolean
load (PursuitStore  *self,
      GError       **error)
{
  g_autoptr(PursuitDbStmt) stmt = pursuit_db_prepare (self->db, SQL_SELECT_PROSPECTS, error);
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  gint64 previous = 0;
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;

  while (pursuit_db_step_row (self->db, stmt, &has_row, error))
    {
      PursuitProspect *prospect;

      if (!has_row)
        {
          track (self, loaded);
          pursuit_trash_loaded (self->trash);
          return TRUE;
        }
      prospect = read_prospect (stmt, zone);
      if (sqlite3_column_type (stmt, COL_DELETED_AT) == SQLITE_NULL)
        g_ptr_array_add (loaded, prospect);
      else
        {
          /* In the Trash: out of every model, schedule and count. */
          pursuit_trash_load (self->trash, prospect, sqlite3_column_int64 (stmt, COL_DELETED_AT));
          g_object_unref (prospect);
        }
      /* Ids start at 1 and go up (0 is a prospect not saved yet): other
       * ids were not written by Pursuit, or the file is damaged in a way
       * that quick_check does not see. */
      if (pursuit_prospect_get_id (prospect) <= previous)
        return pursuit_db_set_error (self->db, SQLITE_CORRUPT, error);
      previous = pursuit_prospect_get_id (prospect);
    }
  return FALSE;
}

/* What has been in the Trash longer than it keeps things goes now. A
 * database that cannot be written still opens: it is purged next time. */
static void
purge_trash_at_open (PursuitStore *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;

  if (!pursuit_store_purge_trash (self, now, NULL, &error))
    g_debug ("Could not empty the old part of the Trash: %s", error->message);
}

/**
 * pursuit_store_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/pursuit/pursuit.db`
 */
char *
pursuit_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "pursuit", "pursuit.db", NULL);
}

/* Prospects imported before every active one had a next touch get one
 * now (pursuit_store_settle_schedules()); like the purge, a database that
 * cannot be written still opens. */
static void
settle_schedules_at_open (PursuitStore *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;

  if (!pursuit_store_settle_schedules (self, now, NULL, &error))
    g_debug ("Could not plan the prospects without a next touch: %s", error->message);
}

/**
 * pursuit_store_open:
 * @path: the database file
 * @error: return location for a #PursuitStoreError
 *
 * Opens @path, creating it when missing, migrates it and loads every
 * prospect. A file that is not a Pursuit database, is damaged or is newer
 * is refused unchanged.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
/* Once the file is known intact: what opening writes by itself. The
 * first check to pass does it, once. */
static void
checked (PursuitStore *self)
{
  if (self->opened_checked)
    return;
  self->opened_checked = TRUE;
  purge_trash_at_open (self);
  settle_schedules_at_open (self);
}

static PursuitStore *
open_store (const char  *path,
            gboolean     quick,
            GError     **error)
{
  g_autoptr(PursuitStore) self = NULL;
  PursuitDb *db;

  if (pursuit_pg_is_conninfo (path))
    return pursuit_store_open_remote (path, !quick, error);
  db = quick ? pursuit_db_open_quick (path, error) : pursuit_db_open (path, error);
  if (db == NULL)
    return NULL;

  self = g_object_new (PURSUIT_TYPE_STORE, NULL);
  self->db = db;
  if (!load (self, error))
    return NULL;
  if (!quick)
    checked (self);

  return g_steal_pointer (&self);
}

PursuitStore *
pursuit_store_open (const char  *path,
                    GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_store (path, FALSE, error);
}

/**
 * pursuit_store_open_quick:
 * @path: the database file
 * @error: return location for a #PursuitStoreError
 *
 * Opens @path as pursuit_store_open() does, but leaves the full integrity
 * check of an up-to-date file for pursuit_store_check_async(); the first
 * write waits for it. Opening writes nothing of its own until then.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
PursuitStore *
pursuit_store_open_quick (const char  *path,
                          GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_store (path, TRUE, error);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PursuitStore *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!pursuit_db_check_finish (result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  checked (self);
  g_task_return_boolean (task, TRUE);
}

void
pursuit_store_check_async (PursuitStore        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PURSUIT_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pursuit_store_check_async);
  /* A team database is the server's to check. */
  if (self->backend != NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  pursuit_db_check_async (self->db, cancellable, check_done_cb, task);
}

gboolean
pursuit_store_check_finish (PursuitStore  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
pursuit_store_check (PursuitStore  *self,
                     GError       **error)
{
  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);

  if (self->backend != NULL)
    return TRUE;
  if (!pursuit_db_check (self->db, error))
    return FALSE;
  checked (self);
  return TRUE;
}

const char *
pursuit_store_get_path (PursuitStore *self)
{
  g_return_val_if_fail (PURSUIT_IS_STORE (self), NULL);

  if (self->backend != NULL)
    return pursuit_pg_backend_get_name (self->backend);
  return pursuit_db_get_path (self->db);
}

gboolean
pursuit_store_get_online (PursuitStore *self)
{
  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);

  return self->backend == NULL || pursuit_pg_backend_get_online (self->backend);
}

PursuitPgConnection *
pursuit_store_get_pg_connection (PursuitStore *self)
{
  g_return_val_if_fail (PURSUIT_IS_STORE (self), NULL);

  return self->backend != NULL ? pursuit_pg_backend_get_connection (self->backend) : NULL;
}

/**
 * pursuit_store_get_database_id:
 * @self: a store
 *
 * The id the database was given when it was made (32 hex digits), kept by
 * copies and backups of the file.
 *
 * Returns: the id, or %NULL if it cannot be read
 */
const char *
pursuit_store_get_database_id (PursuitStore *self)
{
  g_autoptr(PursuitDbStmt) stmt = NULL;
  gboolean has_row = FALSE;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), NULL);

  if (self->database_id != NULL || self->backend != NULL)
    return self->database_id;
  stmt = pursuit_db_prepare (self->db, "SELECT value FROM meta WHERE key = 'database-id'", NULL);
  if (stmt != NULL && pursuit_db_step_row (self->db, stmt, &has_row, NULL) && has_row)
    self->database_id = g_strdup (pursuit_db_column_string (stmt, 0));
  return self->database_id;
}

/**
 * pursuit_store_get_prospects:
 * @self: a #PursuitStore
 *
 * Returns: (transfer none): every prospect, in every stage
 */
GListModel *
pursuit_store_get_prospects (PursuitStore *self)
{
  g_return_val_if_fail (PURSUIT_IS_STORE (self), NULL);

  return G_LIST_MODEL (self->all);
}

/**
 * pursuit_store_get_model:
 * @self: a #PursuitStore
 * @stage: a stage
 * @tier: for %PURSUIT_STAGE_ACTIVE, the tier; ignored otherwise
 *
 * Returns: (transfer none): the prospects of @stage (and @tier), kept up
 *   to date; the same model on every call
 */
GListModel *
pursuit_store_get_model (PursuitStore *self,
                         PursuitStage  stage,
                         PursuitTier   tier)
{
  g_return_val_if_fail (PURSUIT_IS_STORE (self), NULL);
  g_return_val_if_fail ((guint) stage < PURSUIT_N_STAGES, NULL);

  if (stage != PURSUIT_STAGE_ACTIVE)
    return G_LIST_MODEL (self->models[stage]);

  g_return_val_if_fail ((guint) tier < PURSUIT_N_TIERS, NULL);
  return G_LIST_MODEL (self->models[PURSUIT_N_STAGES + tier]);
}

/**
 * pursuit_store_find:
 * @self: a #PursuitStore
 * @id: a prospect id
 *
 * Returns: (transfer none) (nullable): the prospect with @id
 */
PursuitProspect *
pursuit_store_find (PursuitStore *self,
                    gint64        id)
{
  g_return_val_if_fail (PURSUIT_IS_STORE (self), NULL);

  return g_hash_table_lookup (self->prospects, &id);
}

gboolean
pursuit_store_add (PursuitStore     *self,
                   PursuitProspect  *prospect,
                   GError          **error)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_ptr_array_add (one, prospect);
  return pursuit_store_add_many (self, one, error);
}

gboolean
pursuit_store_add_many (PursuitStore  *self,
                        GPtrArray     *prospects,
                        GError       **error)
{
  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (prospects != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_new (self, prospects, error))
    return FALSE;
  if (prospects->len == 0)
    return TRUE;
  return pursuit_store_send_add (self, prospects, error);
}

gboolean
pursuit_store_validate_new (PursuitStore  *self,
                            GPtrArray     *prospects,
                            GError       **error)
{
  return validate_new (self, prospects, error);
}

gboolean
pursuit_store_insert_new (PursuitStore  *self,
                          GPtrArray     *prospects,
                          gint64        *ids,
                          GError       **error)
{
  return pursuit_store_insert_rows (self->db, &self->policy, prospects, ids, NULL, NULL, error);
}

/* pursuit_store_insert_new() on @db by @policy, touching nothing of a
 * store (an import in a thread), stopping when @cancellable is
 * cancelled and counting the rows written in @done (atomic; may be
 * NULL). */
gboolean
pursuit_store_insert_rows (PursuitDb            *db,
                           const PursuitPolicy  *policy,
                           GPtrArray            *prospects,
                           gint64               *ids,
                           GCancellable         *cancellable,
                           gint                 *done,
                           GError              **error)
{
  g_autoptr(PursuitDbStmt) stmt = prospects->len > 0 ? pursuit_db_prepare (db, SQL_INSERT_PROSPECT, error) : NULL;
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (now_unix ());

  if (prospects->len > 0 && stmt == NULL)
    return FALSE;
  for (guint i = 0; i < prospects->len; i++)
    {
      if (!insert_prospect (db, stmt, policy, g_ptr_array_index (prospects, i), at, &ids[i], error))
        return FALSE;
      if (i % 1024 == 1023 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (done != NULL && i % 256 == 255)
        g_atomic_int_set (done, i + 1);
    }
  if (done != NULL)
    g_atomic_int_set (done, prospects->len);
  return TRUE;
}

void
pursuit_store_track_new (PursuitStore  *self,
                         GPtrArray     *prospects,
                         const gint64  *ids)
{
  for (guint i = 0; i < prospects->len; i++)
    pursuit_prospect_set_id (g_ptr_array_index (prospects, i), ids[i]);
  track (self, prospects);
  for (guint i = 0; i < prospects->len; i++)
    g_signal_emit (self, signals[PROSPECT_ADDED], 0, g_ptr_array_index (prospects, i));
}

gboolean
pursuit_store_update (PursuitStore     *self,
                      PursuitProspect  *prospect,
                      PursuitProspect  *draft,
                      GError          **error)
{
  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), FALSE);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (draft), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pursuit_store_check_owned (self, prospect, error) || !pursuit_store_validate_prospect (draft, error))
    return FALSE;
  return pursuit_store_send_update (self, prospect, draft, error);
}

gboolean
pursuit_store_remove (PursuitStore     *self,
                      PursuitProspect  *prospect,
                      GError          **error)
{
  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pursuit_store_check_owned (self, prospect, error))
    return FALSE;
  return pursuit_store_send_remove (self, prospect, error);
}

/* For the other files of the store: see pursuit-store-private.h. */

PursuitDb *
pursuit_store_get_db (PursuitStore *self)
{
  return self->db;
}

PursuitBackend *
pursuit_store_get_backend (PursuitStore *self)
{
  return self->backend;
}

PursuitBackend *
pursuit_store_get_writer (PursuitStore *self)
{
  if (self->backend != NULL)
    return self->backend;
  if (self->file_backend == NULL)
    self->file_backend = pursuit_sqlite_backend_new (G_OBJECT (self));
  return self->file_backend;
}

void
pursuit_store_set_backend (PursuitStore   *self,
                           PursuitBackend *backend)
{
  g_assert (self->backend == NULL && self->db == NULL);
  self->backend = backend;
  self->opened_checked = TRUE;
  pursuit_trash_loaded (self->trash);
}

void
pursuit_store_track_rows (PursuitStore *self,
                          GPtrArray    *rows)
{
  track (self, rows);
}

void
pursuit_store_emit_write_failed (PursuitStore *self,
                                 const GError *error)
{
  g_signal_emit (self, signals[WRITE_FAILED], 0, error);
}

void
pursuit_store_emit_touch_added (PursuitStore *self,
                                PursuitTouch *touch)
{
  g_signal_emit (self, signals[TOUCH_ADDED], 0, touch);
}

void
pursuit_store_set_recording_many (PursuitStore *self,
                                  gboolean      recording_many)
{
  self->recording_many = recording_many;
}

gboolean
pursuit_store_is_recording_many (PursuitStore *self)
{
  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);

  return self->recording_many;
}

const PursuitPolicy *
pursuit_store_get_policy (PursuitStore *self)
{
  g_return_val_if_fail (PURSUIT_IS_STORE (self), NULL);

  return &self->policy;
}

void
pursuit_store_set_policy (PursuitStore        *self,
                          const PursuitPolicy *policy)
{
  g_return_if_fail (PURSUIT_IS_STORE (self));
  g_return_if_fail (policy != NULL);

  if (pursuit_policy_equal (&self->policy, policy))
    return;
  self->policy = *policy;
  g_signal_emit (self, signals[POLICY_CHANGED], 0);
}

static gboolean
restore_touch (PursuitStore  *self,
               PursuitTouch  *touch,
               gint64         prospect_id,
               GError       **error)
{
  g_autoptr(PursuitDbStmt) stmt = pursuit_db_prepare (self->db, SQL_RESTORE_TOUCH, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pursuit_touch_get_id (touch));
  sqlite3_bind_int64 (stmt, 2, prospect_id);
  pursuit_db_bind_time (stmt, 3, pursuit_touch_get_happened_at (touch));
  pursuit_db_bind_string (stmt, 4, pursuit_channel_to_string (pursuit_touch_get_channel (touch)));
  pursuit_db_bind_string (stmt, 5, pursuit_direction_to_string (pursuit_touch_get_direction (touch)));
  pursuit_db_bind_string (stmt, 6, pursuit_outcome_to_string (pursuit_touch_get_outcome (touch)));
  pursuit_db_bind_time (stmt, 7, pursuit_touch_get_callback_at (touch));
  pursuit_db_bind_string (stmt, 8, pursuit_touch_get_note (touch));
  sqlite3_bind_int (stmt, 9, pursuit_touch_get_informational (touch));
  return pursuit_db_step_done (self->db, stmt, error);
}

static gboolean
restore_rows (PursuitStore     *self,
              PursuitProspect  *prospect,
              gint64            id,
              GListModel       *touches,
              GError          **error)
{
  g_autoptr(PursuitDbStmt) stmt = pursuit_db_prepare (self->db, SQL_RESTORE_PROSPECT, error);
  guint n = touches != NULL ? g_list_model_get_n_items (touches) : 0;

  if (stmt == NULL)
    return FALSE;
  bind_prospect (stmt, prospect, now_unix ());
  sqlite3_bind_int64 (stmt, COL_DO_NOT_CONTACT + 1, id);
  if (!pursuit_db_step_done (self->db, stmt, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PursuitTouch) touch = g_list_model_get_item (touches, i);
      if (!restore_touch (self, touch, id, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * pursuit_store_restore:
 * @self: a #PursuitStore
 * @prospect: a detached prospect (a copy of a removed one)
 * @id: the id it had
 * @touches: (nullable): its touches, as pursuit_store_list_touches() gave
 *   them before the removal
 * @error: return location for a #PursuitStoreError
 *
 * Returns: whether the prospect and its touches were saved again
 */
gboolean
pursuit_store_restore (PursuitStore     *self,
                       PursuitProspect  *prospect,
                       gint64            id,
                       GListModel       *touches,
                       GError          **error)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), FALSE);
  g_return_val_if_fail (id > 0, FALSE);
  g_return_val_if_fail (touches == NULL || G_IS_LIST_MODEL (touches), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_ptr_array_add (one, prospect);
  if (!validate_new (self, one, error))
    return FALSE;
  if (self->backend != NULL)
    return pursuit_store_remote_unsupported (self, _("Restoring a deleted prospect"), error);
  if (!pursuit_db_begin (self->db, error) ||
      !pursuit_store_finish (self, restore_rows (self, prospect, id, touches, error), error))
    return FALSE;

  pursuit_prospect_set_id (prospect, id);
  track (self, one);
  g_signal_emit (self, signals[PROSPECT_ADDED], 0, prospect);
  return TRUE;
}

/* For pursuit-store-trash.c: see pursuit-store-trash-private.h. */

PursuitTrash *
pursuit_store_get_trash_data (PursuitStore *self)
{
  return self->trash;
}

void
pursuit_store_track_one (PursuitStore    *self,
                         PursuitProspect *prospect)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  g_ptr_array_add (one, prospect);
  track (self, one);
}

void
pursuit_store_untrack_one (PursuitStore    *self,
                           PursuitProspect *prospect)
{
  untrack (self, prospect);
}

static int
compare_positions_down (gconstpointer a,
                        gconstpointer b)
{
  guint pa = *(const guint *) a;
  guint pb = *(const guint *) b;

  return (pa < pb) - (pa > pb);
}

/* Removes @prospects from @model a run of neighbours at a time: the undo
 * of an import takes thousands at once, and a change of the model for
 * each made every view over it redo its work each time. */
static void
remove_many_from (GListStore *model,
                  GPtrArray  *prospects)
{
  g_autoptr(GArray) positions = g_array_sized_new (FALSE, FALSE, sizeof (guint), prospects->len);

  for (guint i = 0; i < prospects->len; i++)
    {
      PursuitProspect *prospect = g_ptr_array_index (prospects, i);
      g_autoptr(PursuitProspect) found = NULL;
      guint position;

      if (bisect (G_LIST_MODEL (model), pursuit_prospect_get_id (prospect), &position))
        found = g_list_model_get_item (G_LIST_MODEL (model), position);
      if (found == prospect || g_list_store_find (model, prospect, &position))
        g_array_append_val (positions, position);
      else
        g_critical ("%s: %p is missing from its model", G_STRFUNC, prospect);
    }
  g_array_sort (positions, compare_positions_down);
  for (guint i = 0; i < positions->len;)
    {
      guint high = g_array_index (positions, guint, i);
      guint low = high;

      for (i++; i < positions->len && g_array_index (positions, guint, i) == low - 1; i++)
        low--;
      g_list_store_splice (model, low, high - low + 1, NULL, 0);
    }
}

/* untrack() of many prospects, one change of each model a run. */
void
pursuit_store_untrack_many (PursuitStore *self,
                            GPtrArray    *prospects)
{
  GPtrArray *buckets[N_MODELS] = { NULL };

  for (guint i = 0; i < prospects->len; i++)
    {
      PursuitProspect *prospect = g_ptr_array_index (prospects, i);
      guint index = model_index (prospect);

      if (buckets[index] == NULL)
        buckets[index] = g_ptr_array_new ();
      g_ptr_array_add (buckets[index], prospect);
    }
  for (guint i = 0; i < N_MODELS; i++)
    if (buckets[i] != NULL)
      {
        remove_many_from (self->models[i], buckets[i]);
        g_ptr_array_unref (buckets[i]);
      }
  remove_many_from (self->all, prospects);
  for (guint i = 0; i < prospects->len; i++)
    {
      gint64 id = pursuit_prospect_get_id (g_ptr_array_index (prospects, i));

      g_hash_table_remove (self->prospects, &id);
    }
}

void
pursuit_store_emit_added (PursuitStore    *self,
                          PursuitProspect *prospect)
{
  g_signal_emit (self, signals[PROSPECT_ADDED], 0, prospect);
}

void
pursuit_store_emit_removed (PursuitStore    *self,
                            PursuitProspect *prospect)
{
  g_signal_emit (self, signals[PROSPECT_REMOVED], 0, prospect);
}

/**
 * pursuit_store_get_undo_stack:
 * @store: a #PursuitStore
 *
 * Returns: (transfer none): the changes of this session on @store that
 *   can be undone
 */
PursuitUndoStack *
pursuit_store_get_undo_stack (PursuitStore *store)
{
  g_return_val_if_fail (PURSUIT_IS_STORE (store), NULL);

  if (store->undo_stack == NULL)
    store->undo_stack = pursuit_undo_stack_new ();
  return store->undo_stack;
}
