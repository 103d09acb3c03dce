/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pursuit-enums.h"
#include "pursuit-store-outreach.h"
#include "pursuit-store-private.h"
#include "pursuit-store-touches.h"
#include "pursuit-undo-stack.h"

/* Touches: logging, listing and their validation. */

/* Parameter ?20 of every statement that writes a touch is its
 * "informational" flag (see bind_touch()). */
#define SQL_INSERT_TOUCH                                                          \
  "INSERT INTO touch (prospect_id, happened_at, channel, direction, outcome, "    \
  "callback_at, note, informational) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?20)"
#define SQL_SELECT_TOUCHES                                                        \
  "SELECT id, happened_at, channel, direction, outcome, callback_at, note, "      \
  "informational FROM touch WHERE prospect_id = ?1 ORDER BY happened_at DESC, id DESC"
/* Oldest first, so that touches at the same second keep the order they
 * were logged in, as the engine expects. */
#define SQL_SELECT_ENGINE_TOUCHES                                                 \
  "SELECT id, happened_at, channel, direction, outcome, callback_at, "            \
  "informational FROM touch WHERE prospect_id = ?1 ORDER BY happened_at, id"
#define SQL_INSERT_TOUCH_WITH_ID                                                  \
  "INSERT INTO touch (prospect_id, happened_at, channel, direction, outcome, "    \
  "callback_at, note, id, informational) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?20)"
#define SQL_UPDATE_TOUCH                                                          \
  "UPDATE touch SET prospect_id = ?1, happened_at = ?2, channel = ?3, "           \
  "direction = ?4, outcome = ?5, callback_at = ?6, note = ?7, "                   \
  "informational = ?20 WHERE id = ?8"
#define SQL_DELETE_TOUCH "DELETE FROM touch WHERE id = ?1"
/* Parameters as SQL_UPDATE_TOUCH's: the row @id if it holds these values. */
#define SQL_DELETE_SAME_TOUCH                                                     \
  "DELETE FROM touch WHERE id = ?8 AND prospect_id = ?1 AND happened_at = ?2 "    \
  "AND channel = ?3 AND direction = ?4 AND outcome = ?5 AND informational = ?20"
/* Undo writes only over the row the change left: ids of deleted touches
 * are handed out again, so a touch deleted since, and another logged in
 * its place, must not be overwritten. A deleted touch comes back under
 * its id unless that went to another touch meanwhile. */
#define SQL_UNDO_EDIT                                                             \
  "UPDATE touch SET prospect_id = ?1, happened_at = ?2, channel = ?3, "           \
  "direction = ?4, outcome = ?5, callback_at = ?6, note = ?7, "                   \
  "informational = ?20 WHERE id = ?8 "                                            \
  "AND prospect_id = ?9 AND happened_at = ?10 AND channel = ?11 "                 \
  "AND direction = ?12 AND outcome = ?13"
#define SQL_UNDO_DELETE                                                           \
  "INSERT INTO touch (prospect_id, happened_at, channel, direction, outcome, "    \
  "callback_at, note, informational, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?20, " \
  "CASE WHEN EXISTS (SELECT 1 FROM touch WHERE id = ?8) THEN NULL ELSE ?8 END)"
/* Where a prospect was before a touch closed it (a firm no, a win), so
 * that deleting that touch reopens it as it was: "stage:tier". */
#define SQL_SET_REOPEN "UPDATE prospect SET reopen_to = ?2 WHERE id = ?1"
#define SQL_GET_REOPEN "SELECT reopen_to FROM prospect WHERE id = ?1"

gboolean
pursuit_store_validate_touch (PursuitStore  *self,
                PursuitTouch  *touch,
                GError       **error)
{
  gint64 prospect_id = pursuit_touch_get_prospect_id (touch);

  if (pursuit_touch_get_id (touch) != 0)
    {
      g_set_error_literal (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                           _("This touch is already saved."));
      return FALSE;
    }
  if (pursuit_store_find (self, prospect_id) == NULL)
    {
      g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                   _("The touch is for a prospect that is not saved in %s."),
                   pursuit_store_get_path (self));
      return FALSE;
    }
  if (pursuit_touch_get_happened_at (touch) == NULL ||
      !pursuit_store_enum_is_valid (PURSUIT_TYPE_CHANNEL, pursuit_touch_get_channel (touch)) ||
      !pursuit_store_enum_is_valid (PURSUIT_TYPE_DIRECTION, pursuit_touch_get_direction (touch)) ||
      !pursuit_store_enum_is_valid (PURSUIT_TYPE_OUTCOME, pursuit_touch_get_outcome (touch)))
    {
      g_set_error_literal (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                           _("A touch needs a date, a channel, a direction and an outcome."));
      return FALSE;
    }
  if (!g_utf8_validate (pursuit_touch_get_note (touch), -1, NULL))
    {
      g_set_error_literal (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                           _("The note of this touch is not valid UTF-8."));
      return FALSE;
    }
  /* An update sent to the nurture list: it says nothing of the prospect. */
  if (pursuit_touch_get_informational (touch)
      && (pursuit_touch_get_direction (touch) != PURSUIT_DIRECTION_OUT
          || pursuit_outcome_is_response (pursuit_touch_get_outcome (touch))))
    {
      g_set_error_literal (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                           _("An informational touch is an update sent out with no answer yet. Log an "
                             "answer as a touch of its own."));
      return FALSE;
    }
  return TRUE;
}

static PursuitTouch *
read_touch (PursuitDbStmt *stmt,
            gint64         prospect_id,
            GTimeZone     *zone)
{
  g_autoptr(GDateTime) happened_at = pursuit_db_column_time (stmt, 1, zone);
  g_autoptr(GDateTime) callback_at = pursuit_db_column_time (stmt, 5, zone);
  PursuitChannel channel = PURSUIT_CHANNEL_CALL;
  PursuitDirection direction = PURSUIT_DIRECTION_OUT;
  PursuitOutcome outcome = PURSUIT_OUTCOME_NO_ANSWER;
  PursuitTouch *touch;

  /* Unknown names (a hand-edited file) fall back to the defaults. */
  pursuit_channel_from_string (pursuit_db_column_string (stmt, 2), &channel);
  pursuit_direction_from_string (pursuit_db_column_string (stmt, 3), &direction);
  pursuit_outcome_from_string (pursuit_db_column_string (stmt, 4), &outcome);

  touch = pursuit_touch_new (prospect_id, happened_at, channel, direction, outcome);
  pursuit_touch_set_id (touch, sqlite3_column_int64 (stmt, 0));
  pursuit_touch_set_callback_at (touch, callback_at);
  pursuit_touch_set_note (touch, pursuit_db_column_string (stmt, 6));
  pursuit_touch_set_informational (touch, sqlite3_column_int (stmt, 7) != 0);
  return touch;
}

/* Parameters 1 to 7 and 20 of SQL_INSERT_TOUCH, SQL_INSERT_TOUCH_WITH_ID
 * and SQL_UPDATE_TOUCH. */
static void
bind_touch (PursuitDbStmt *stmt,
            PursuitTouch  *touch)
{
  sqlite3_bind_int64 (stmt, 1, pursuit_touch_get_prospect_id (touch));
  pursuit_db_bind_time (stmt, 2, pursuit_touch_get_happened_at (touch));
  pursuit_db_bind_string (stmt, 3, pursuit_channel_to_string (pursuit_touch_get_channel (touch)));
  pursuit_db_bind_string (stmt, 4,
                          pursuit_direction_to_string (pursuit_touch_get_direction (touch)));
  pursuit_db_bind_string (stmt, 5, pursuit_outcome_to_string (pursuit_touch_get_outcome (touch)));
  pursuit_db_bind_time (stmt, 6, pursuit_touch_get_callback_at (touch));
  pursuit_db_bind_string (stmt, 7, pursuit_touch_get_note (touch));
  sqlite3_bind_int (stmt, 20, pursuit_touch_get_informational (touch));
}

gboolean
pursuit_store_insert_touch_row (PursuitDb     *db,
                                PursuitTouch  *touch,
                                gint64        *id,
                                GError       **error)
{
  g_autoptr(PursuitDbStmt) stmt = pursuit_db_prepare (db, SQL_INSERT_TOUCH, error);

  if (stmt == NULL)
    return FALSE;
  bind_touch (stmt, touch);
  if (!pursuit_db_step_done (db, stmt, error))
    return FALSE;
  *id = pursuit_db_last_insert_rowid (db);
  return TRUE;
}

static gboolean
insert_touch (PursuitStore  *self,
              PursuitTouch  *touch,
              gint64        *id,
              GError       **error)
{
  return pursuit_store_insert_touch_row (pursuit_store_get_db (self), touch, id, error);
}

gboolean
pursuit_store_insert_touch (PursuitStore  *self,
                            PursuitTouch  *touch,
                            gint64        *id,
                            GError       **error)
{
  return insert_touch (self, touch, id, error);
}

gboolean
pursuit_store_add_touch (PursuitStore  *self,
                         PursuitTouch  *touch,
                         GError       **error)
{
  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (PURSUIT_IS_TOUCH (touch), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pursuit_store_validate_touch (self, touch, error))
    return FALSE;
  return pursuit_store_send_log_touch (self, touch, NULL, NULL, error);
}

/**
 * pursuit_store_log_touch:
 *
 * Saves @touch and writes @draft to the touch's prospect in one
 * transaction, since neither the touch nor the streak and next touch it
 * leads to may be saved without the other.
 */
gboolean
pursuit_store_log_touch (PursuitStore     *self,
                         PursuitTouch     *touch,
                         PursuitProspect  *draft,
                         GError          **error)
{
  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (PURSUIT_IS_TOUCH (touch), FALSE);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (draft), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pursuit_store_validate_touch (self, touch, error) || !pursuit_store_validate_prospect (draft, error))
    return FALSE;
  return pursuit_store_send_log_touch (self, touch, pursuit_store_find (self, pursuit_touch_get_prospect_id (touch)),
                                       draft, error);
}

/**
 * pursuit_store_list_touches:
 * @self: a #PursuitStore
 * @prospect: a prospect of @self
 * @error: return location for a #PursuitStoreError
 *
 * Returns: (transfer full) (nullable): a new model of the touches of
 *   @prospect, newest first
 */
GListModel *
pursuit_store_list_touches (PursuitStore     *self,
                            PursuitProspect  *prospect,
                            GError          **error)
{
  g_autoptr(GListStore) touches = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(PursuitDbStmt) stmt = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  gint64 prospect_id;
  gboolean has_row;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), NULL);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!pursuit_store_check_owned (self, prospect, error))
    return NULL;
  if (pursuit_store_get_backend (self) != NULL)
    return pursuit_store_remote_list_touches (self, prospect, error);
  stmt = pursuit_db_prepare (pursuit_store_get_db (self), SQL_SELECT_TOUCHES, error);
  if (stmt == NULL)
    return NULL;

  prospect_id = pursuit_prospect_get_id (prospect);
  sqlite3_bind_int64 (stmt, 1, prospect_id);
  loaded = g_ptr_array_new_with_free_func (g_object_unref);
  zone = g_time_zone_new_local ();
  while (pursuit_db_step_row (pursuit_store_get_db (self), stmt, &has_row, error))
    {
      if (!has_row)
        {
          touches = g_list_store_new (PURSUIT_TYPE_TOUCH);
          g_list_store_splice (touches, 0, 0, loaded->pdata, loaded->len);
          return G_LIST_MODEL (g_steal_pointer (&touches));
        }
      g_ptr_array_add (loaded, read_touch (stmt, prospect_id, zone));
    }
  return NULL;
}

/* The follow-up engine: the prospect as the engine sees it, its touches
 * read oldest first, and the writes that keep the two in step. */

static gboolean
has_text (const char *text)
{
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return TRUE;
  return FALSE;
}

void
pursuit_store_engine_state_from (PursuitEngineState *state,
                                 PursuitProspect    *prospect)
{
  GDateTime *next = pursuit_prospect_get_next_touch (prospect);
  GDateTime *callback = pursuit_prospect_get_callback_at (prospect);
  GDateTime *revisit = pursuit_prospect_get_revisit_at (prospect);

  state->stage = pursuit_prospect_get_stage (prospect);
  state->tier = pursuit_prospect_get_tier (prospect);
  state->attempts = pursuit_prospect_get_attempts (prospect);
  state->attempts_before = pursuit_prospect_get_attempts_before (prospect);
  state->next_touch = next != NULL ? g_date_time_ref (next) : NULL;
  state->next_touch_manual = pursuit_prospect_get_next_touch_manual (prospect);
  state->callback_at = callback != NULL ? g_date_time_ref (callback) : NULL;
  state->next_channel = pursuit_prospect_get_next_channel (prospect);
  /* Borrowed: @prospect outlives the state. */
  state->close_reason = pursuit_prospect_get_close_reason (prospect);
  state->revisit_at = revisit != NULL ? g_date_time_ref (revisit) : NULL;
  state->unreachable = pursuit_engine_unreachable (has_text (pursuit_prospect_get_phone (prospect)),
                                                   has_text (pursuit_prospect_get_email (prospect)));
  state->do_not_contact = pursuit_prospect_get_do_not_contact (prospect);
}

void
pursuit_store_engine_state_to (const PursuitEngineState *state,
                               PursuitProspect          *draft)
{
  g_autofree char *reason = g_strdup (state->close_reason);

  pursuit_prospect_set_stage (draft, state->stage);
  pursuit_prospect_set_tier (draft, state->tier);
  pursuit_prospect_set_attempts (draft, state->attempts);
  pursuit_prospect_set_attempts_before (draft, state->attempts_before);
  pursuit_prospect_set_next_touch (draft, state->next_touch);
  pursuit_prospect_set_next_touch_manual (draft, state->next_touch_manual);
  pursuit_prospect_set_callback_at (draft, state->callback_at);
  pursuit_prospect_set_next_channel (draft, state->next_channel);
  pursuit_prospect_set_close_reason (draft, reason);
  pursuit_prospect_set_revisit_at (draft, state->revisit_at);
  pursuit_prospect_set_do_not_contact (draft, state->do_not_contact);
}

static void
clear_engine_touch (gpointer data)
{
  PursuitEngineTouch *touch = data;

  g_clear_pointer (&touch->when, g_date_time_unref);
  g_clear_pointer (&touch->callback_at, g_date_time_unref);
}

GArray *
pursuit_store_new_engine_touches (void)
{
  GArray *touches = g_array_new (FALSE, TRUE, sizeof (PursuitEngineTouch));

  g_array_set_clear_func (touches, clear_engine_touch);
  return touches;
}

PursuitEngineTouch
pursuit_store_engine_touch (PursuitTouch *touch)
{
  GDateTime *callback = pursuit_touch_get_callback_at (touch);
  PursuitEngineTouch t = {
    .when = g_date_time_ref (pursuit_touch_get_happened_at (touch)),
    .channel = pursuit_touch_get_channel (touch),
    .direction = pursuit_touch_get_direction (touch),
    .outcome = pursuit_touch_get_outcome (touch),
    .callback_at = callback != NULL ? g_date_time_ref (callback) : NULL,
    .informational = pursuit_touch_get_informational (touch),
  };

  return t;
}

static void
append_engine_touch (GArray       *touches,
                     PursuitTouch *touch)
{
  PursuitEngineTouch t = pursuit_store_engine_touch (touch);

  g_array_append_val (touches, t);
}

/* Reads the touches of @prospect_id, oldest first, into @touches and
 * their ids into @ids. */
gboolean
pursuit_store_load_engine_touches (PursuitDb  *db,
                                   gint64      prospect_id,
                                   GArray     *touches,
                                   GArray     *ids,
                                   GError    **error)
{
  g_autoptr(PursuitDbStmt) stmt = pursuit_db_prepare (db, SQL_SELECT_ENGINE_TOUCHES, error);
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, prospect_id);
  while (pursuit_db_step_row (db, stmt, &has_row, error))
    {
      PursuitEngineTouch t = { NULL };
      gint64 id;

      if (!has_row)
        return TRUE;
      id = sqlite3_column_int64 (stmt, 0);
      t.when = pursuit_db_column_time (stmt, 1, zone);
      pursuit_channel_from_string (pursuit_db_column_string (stmt, 2), &t.channel);
      pursuit_direction_from_string (pursuit_db_column_string (stmt, 3), &t.direction);
      pursuit_outcome_from_string (pursuit_db_column_string (stmt, 4), &t.outcome);
      t.callback_at = pursuit_db_column_time (stmt, 5, zone);
      t.informational = sqlite3_column_int (stmt, 6) != 0;
      if (t.when == NULL)
        {
          clear_engine_touch (&t);
          continue;
        }
      g_array_append_val (touches, t);
      g_array_append_val (ids, id);
    }
  return FALSE;
}

static gboolean
load_engine_touches (PursuitStore  *self,
                     gint64         prospect_id,
                     GArray        *touches,
                     GArray        *ids,
                     GError       **error)
{
  if (pursuit_store_get_backend (self) != NULL)
    {
      GPtrArray *loaded = pursuit_store_remote_engine_touches (self, prospect_id);

      for (guint i = 0; loaded != NULL && i < loaded->len; i++)
        {
          gint64 id = pursuit_touch_get_id (g_ptr_array_index (loaded, i));

          append_engine_touch (touches, g_ptr_array_index (loaded, i));
          g_array_append_val (ids, id);
        }
      return TRUE;
    }
  return pursuit_store_load_engine_touches (pursuit_store_get_db (self), prospect_id, touches, ids, error);
}

/* The outcome of the touch that closed a prospect in @state: a firm no
 * for one let go for that reason, a win for a customer; -1 otherwise. */
static int
closing_outcome (const PursuitEngineState *state)
{
  if (state->stage == PURSUIT_STAGE_CLOSED && g_strcmp0 (state->close_reason, PURSUIT_CLOSE_REASON_FIRM_NO) == 0)
    return PURSUIT_OUTCOME_FIRM_NO;
  if (state->stage == PURSUIT_STAGE_CUSTOMER)
    return PURSUIT_OUTCOME_WON;
  return -1;
}

/* Remembers where @prospect was when @draft closes it. */
gboolean
pursuit_store_remember_reopen_row (PursuitDb        *db,
                                   PursuitProspect  *prospect,
                                   PursuitProspect  *draft,
                                   GError          **error)
{
  g_autoptr(PursuitDbStmt) stmt = NULL;
  g_autofree char *where = NULL;
  PursuitStage from = pursuit_prospect_get_stage (prospect);
  PursuitStage to = pursuit_prospect_get_stage (draft);

  if (from == to || (to != PURSUIT_STAGE_CLOSED && to != PURSUIT_STAGE_CUSTOMER))
    return TRUE;
  stmt = pursuit_db_prepare (db, SQL_SET_REOPEN, error);
  if (stmt == NULL)
    return FALSE;
  where = g_strdup_printf ("%s:%s", pursuit_stage_to_string (from),
                           pursuit_tier_to_string (pursuit_prospect_get_tier (prospect)));
  sqlite3_bind_int64 (stmt, 1, pursuit_prospect_get_id (prospect));
  pursuit_db_bind_string (stmt, 2, where);
  return pursuit_db_step_done (db, stmt, error);
}

static gboolean
remember_reopen (PursuitStore     *self,
                 PursuitProspect  *prospect,
                 PursuitProspect  *draft,
                 GError          **error)
{
  return pursuit_store_remember_reopen_row (pursuit_store_get_db (self), prospect, draft, error);
}

/* Where @prospect was before it was closed; the inbox when that is not
 * known (closed before Pursuit kept it), to be triaged again. */
static gboolean
read_reopen (PursuitStore *self,
             gint64        id,
             PursuitStage *stage,
             PursuitTier  *tier,
             GError      **error)
{
  PursuitDb *db = pursuit_store_get_db (self);
  g_autoptr(PursuitDbStmt) stmt = pursuit_db_prepare (db, SQL_GET_REOPEN, error);
  g_auto(GStrv) parts = NULL;
  gboolean has_row;

  *stage = PURSUIT_STAGE_INBOX;
  *tier = PURSUIT_TIER_NONE;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!pursuit_db_step_row (db, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    return TRUE;
  parts = g_strsplit (pursuit_db_column_string (stmt, 0), ":", 2);
  if (g_strv_length (parts) != 2 || !pursuit_stage_from_string (parts[0], stage)
      || (parts[1][0] != '\0' && !pursuit_tier_from_string (parts[1], tier))
      || (*stage == PURSUIT_STAGE_ACTIVE) != (*tier != PURSUIT_TIER_NONE)
      || *stage == PURSUIT_STAGE_CLOSED || *stage == PURSUIT_STAGE_CUSTOMER)
    {
      *stage = PURSUIT_STAGE_INBOX;
      *tier = PURSUIT_TIER_NONE;
    }
  return TRUE;
}

/* A change took away a touch with the outcome @removed: when that was
 * what closed the prospect and no other touch closes it, it reopens as it
 * was before. */
static gboolean
maybe_reopen (PursuitStore       *self,
              PursuitProspect    *prospect,
              PursuitOutcome      removed,
              GArray             *touches,
              PursuitEngineState *state,
              GError            **error)
{
  int closing = closing_outcome (state);
  PursuitStage stage;
  PursuitTier tier;

  if (closing < 0 || (int) removed != closing)
    return TRUE;
  for (guint i = 0; i < touches->len; i++)
    if ((int) g_array_index (touches, PursuitEngineTouch, i).outcome == closing
        && !g_array_index (touches, PursuitEngineTouch, i).informational)
      return TRUE;
  if (!read_reopen (self, pursuit_prospect_get_id (prospect), &stage, &tier, error))
    return FALSE;
  state->stage = stage;
  state->tier = tier;
  /* The firm no that put it on the do-not-contact list is gone. */
  if (closing == PURSUIT_OUTCOME_FIRM_NO)
    state->do_not_contact = FALSE;
  state->close_reason = "";
  state->next_touch_manual = FALSE;
  g_clear_pointer (&state->revisit_at, g_date_time_unref);
  g_clear_pointer (&state->next_touch, g_date_time_unref);
  return TRUE;
}

/* Runs the engine over the touches of @prospect as the database holds
 * them (inside the caller's transaction), plus @extra, a touch not yet
 * saved. The touch with id @logged_id, or @extra when set, is applied as
 * newly logged; otherwise the plan is only recomputed. @removed, when
 * set, is a touch that the change deleted or replaced (with its old
 * values): see maybe_reopen(). The engine starts from the stage, tier
 * and plan of @base, or of @prospect when @base is NULL. Returns the new
 * draft of @prospect. */
static PursuitProspect *
plan_prospect (PursuitStore     *self,
               PursuitProspect  *prospect,
               PursuitProspect  *base,
               PursuitTouch     *extra,
               gint64            logged_id,
               PursuitTouch     *removed,
               GError          **error)
{
  g_autoptr(GArray) touches = pursuit_store_new_engine_touches ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  PursuitEngineState state = { 0 };
  PursuitProspect *draft;
  gssize logged = -1;

  /* An update to the nurture list plans nothing: not even a plan
   * recomputed from a later now. */
  if (extra != NULL && pursuit_touch_get_informational (extra))
    return pursuit_prospect_dup (base != NULL ? base : prospect);
  if (!load_engine_touches (self, pursuit_prospect_get_id (prospect), touches, ids, error))
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    if (logged_id > 0 && g_array_index (ids, gint64, i) == logged_id)
      logged = i;
  if (extra != NULL)
    {
      append_engine_touch (touches, extra);
      logged = touches->len - 1;
    }

  pursuit_store_engine_state_from (&state, base != NULL ? base : prospect);
  if (removed != NULL
      && !maybe_reopen (self, prospect, pursuit_touch_get_outcome (removed), touches, &state, error))
    {
      pursuit_engine_state_clear (&state);
      return NULL;
    }
  if (logged >= 0)
    pursuit_engine_log_touch (pursuit_store_get_policy (self), &state,
                              (PursuitEngineTouch *) touches->data, touches->len, logged, now);
  else
    pursuit_engine_recompute (pursuit_store_get_policy (self), &state,
                              (PursuitEngineTouch *) touches->data, touches->len, now);
  draft = pursuit_prospect_dup (prospect);
  pursuit_store_engine_state_to (&state, draft);
  pursuit_engine_state_clear (&state);
  return draft;
}

/* A prospect that was let go is not chased: an attempt on it is refused
 * (what it says, and a firm no or a win, are still logged). */
gboolean
pursuit_store_may_log (PursuitProspect  *prospect,
                       PursuitTouch     *touch,
                       GError          **error)
{
  if (pursuit_prospect_get_do_not_contact (prospect) && pursuit_touch_get_direction (touch) == PURSUIT_DIRECTION_OUT
      && !pursuit_outcome_is_response (pursuit_touch_get_outcome (touch)))
    {
      g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                   _("“%s” asked not to be contacted, so no attempt or update can be logged. Choose "
                     "Allow Contact Again on its page if that has changed."),
                   pursuit_prospect_get_name (prospect));
      return FALSE;
    }
  if (pursuit_prospect_get_stage (prospect) != PURSUIT_STAGE_CLOSED
      || pursuit_touch_get_informational (touch)
      || pursuit_touch_get_direction (touch) != PURSUIT_DIRECTION_OUT
      || pursuit_outcome_is_response (pursuit_touch_get_outcome (touch)))
    return TRUE;
  g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
               _("“%s” was let go, so no attempt can be logged. Move it back to a tier to follow up again."),
               pursuit_prospect_get_name (prospect));
  return FALSE;
}

/**
 * pursuit_store_record_touch:
 * @self: a #PursuitStore
 * @touch: a detached touch for one of the store's prospects
 * @error: return location for a #PursuitStoreError
 *
 * Logs @touch through the engine: the prospect's streak, next touch,
 * planned channel and stage follow, in the same transaction.
 */
gboolean
pursuit_store_record_touch (PursuitStore  *self,
                            PursuitTouch  *touch,
                            GError       **error)
{
  g_autoptr(PursuitProspect) draft = NULL;
  g_autoptr(PursuitProspect) prospect = NULL;
  gint64 id = 0;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (PURSUIT_IS_TOUCH (touch), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pursuit_store_validate_touch (self, touch, error))
    return FALSE;
  prospect = g_object_ref (pursuit_store_find (self, pursuit_touch_get_prospect_id (touch)));
  if (!pursuit_store_may_log (prospect, touch, error))
    return FALSE;
  /* Read before the write transaction: a single-user database. */
  draft = plan_prospect (self, prospect, NULL, touch, 0, NULL, error);
  if (draft == NULL)
    return FALSE;
  /* A team database does not keep where a closed prospect was yet. */
  if (pursuit_store_get_backend (self) != NULL)
    return pursuit_store_send_log_touch (self, touch, prospect, draft, error);

  if (!pursuit_db_begin (pursuit_store_get_db (self), error)
      || !pursuit_store_finish (self,
                                insert_touch (self, touch, &id, error)
                                && pursuit_store_write_prospect (self, prospect, draft, error)
                                && remember_reopen (self, prospect, draft, error),
                                error))
    return FALSE;

  pursuit_touch_set_id (touch, id);
  pursuit_store_emit_touch_added (self, touch);
  pursuit_store_apply_update (self, prospect, draft);
  return TRUE;
}

/* One touch of pursuit_store_record_touches(), inside its transaction:
 * @base is the draft that the touches before it left for the prospect
 * (NULL for its first), and becomes the draft after this one. */
static gboolean
record_one (PursuitStore     *self,
            PursuitProspect  *prospect,
            PursuitProspect **base,
            PursuitTouch     *touch,
            gint64           *id,
            GError          **error)
{
  g_autoptr(PursuitProspect) from = NULL;
  g_autoptr(PursuitProspect) draft = plan_prospect (self, prospect, *base, touch, 0, NULL, error);

  if (draft == NULL)
    return FALSE;
  /* Where it was before this touch, with its id, for remember_reopen(). */
  from = pursuit_prospect_dup (*base != NULL ? *base : prospect);
  pursuit_prospect_set_id (from, pursuit_prospect_get_id (prospect));
  if (!insert_touch (self, touch, id, error) || !pursuit_store_write_prospect (self, prospect, draft, error)
      || !remember_reopen (self, from, draft, error))
    return FALSE;
  g_clear_object (base);
  *base = g_steal_pointer (&draft);
  return TRUE;
}

/**
 * pursuit_store_record_touches:
 * @self: a #PursuitStore
 * @touches: (element-type PursuitTouch): detached touches of the store's
 *   prospects, in the order to log them
 * @refused: (out) (element-type guint): the indexes in @touches of the
 *   attempts on prospects let go by then, which are not logged (see
 *   pursuit_store_record_touch())
 * @error: return location for a #PursuitStoreError
 *
 * Logs each of @touches as pursuit_store_record_touch() does, one after
 * the other, in one transaction: all of them or, on failure, none. Then
 * emits ::touch-added for each and updates each prospect once.
 */
gboolean
pursuit_store_record_touches (PursuitStore  *self,
                              GPtrArray     *touches,
                              GArray       **refused,
                              GError       **error)
{
  g_autoptr(GHashTable) drafts = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GArray) skipped = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree gint64 *ids = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (touches != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < touches->len; i++)
    if (!pursuit_store_validate_touch (self, g_ptr_array_index (touches, i), error))
      return FALSE;
  ids = g_new0 (gint64, touches->len + 1);
  if (!pursuit_db_begin (pursuit_store_get_db (self), error))
    return FALSE;
  for (guint i = 0; ok && i < touches->len; i++)
    {
      PursuitTouch *touch = g_ptr_array_index (touches, i);
      PursuitProspect *prospect = pursuit_store_find (self, pursuit_touch_get_prospect_id (touch));
      PursuitProspect *base = g_hash_table_lookup (drafts, prospect);

      if (!pursuit_store_may_log (base != NULL ? base : prospect, touch, NULL))
        {
          g_array_append_val (skipped, i);
          continue;
        }
      if (base == NULL)
        g_ptr_array_add (order, prospect);
      else
        g_object_ref (base);
      ok = record_one (self, prospect, &base, touch, &ids[i], error);
      if (base != NULL)
        g_hash_table_replace (drafts, prospect, base);
    }
  if (!pursuit_store_finish (self, ok, error))
    return FALSE;

  pursuit_store_set_recording_many (self, TRUE);
  for (guint i = 0; i < touches->len; i++)
    if (ids[i] != 0)
      {
        pursuit_touch_set_id (g_ptr_array_index (touches, i), ids[i]);
        pursuit_store_emit_touch_added (self, g_ptr_array_index (touches, i));
      }
  pursuit_store_set_recording_many (self, FALSE);
  for (guint i = 0; i < order->len; i++)
    pursuit_store_apply_update (self, g_ptr_array_index (order, i),
                                g_hash_table_lookup (drafts, g_ptr_array_index (order, i)));
  if (refused != NULL)
    *refused = g_steal_pointer (&skipped);
  return TRUE;
}

struct _PursuitTouchUndo
{
  gboolean         logged;   /* undone by deleting the touch */
  gboolean         deleted;
  PursuitTouch    *touch;   /* the store's object */
  PursuitTouch    *old;     /* its values before, with its id */
  PursuitTouch    *edited;  /* the values the edit wrote, or NULL */
  gint64           prospect_id;
  PursuitProspect *before;
  PursuitProspect *after;
  PursuitStore    *store;   /* on the undo stack; not a reference */
};

void
pursuit_touch_undo_free (PursuitTouchUndo *undo)
{
  if (undo == NULL)
    return;
  g_clear_object (&undo->touch);
  g_clear_object (&undo->old);
  g_clear_object (&undo->edited);
  g_clear_object (&undo->before);
  g_clear_object (&undo->after);
  g_free (undo);
}

static PursuitTouch *
copy_touch (PursuitTouch *touch)
{
  PursuitTouch *copy = pursuit_touch_new (pursuit_touch_get_prospect_id (touch),
                                          pursuit_touch_get_happened_at (touch),
                                          pursuit_touch_get_channel (touch),
                                          pursuit_touch_get_direction (touch),
                                          pursuit_touch_get_outcome (touch));

  pursuit_touch_set_callback_at (copy, pursuit_touch_get_callback_at (touch));
  pursuit_touch_set_note (copy, pursuit_touch_get_note (touch));
  pursuit_touch_set_informational (copy, pursuit_touch_get_informational (touch));
  return copy;
}

/* Sets everything but the ids. */
static void
assign_touch (PursuitTouch *touch,
              PursuitTouch *from)
{
  g_object_freeze_notify (G_OBJECT (touch));
  pursuit_touch_set_happened_at (touch, pursuit_touch_get_happened_at (from));
  pursuit_touch_set_channel (touch, pursuit_touch_get_channel (from));
  pursuit_touch_set_direction (touch, pursuit_touch_get_direction (from));
  pursuit_touch_set_outcome (touch, pursuit_touch_get_outcome (from));
  pursuit_touch_set_callback_at (touch, pursuit_touch_get_callback_at (from));
  pursuit_touch_set_note (touch, pursuit_touch_get_note (from));
  pursuit_touch_set_informational (touch, pursuit_touch_get_informational (from));
  g_object_thaw_notify (G_OBJECT (touch));
}

/* A saved touch of a prospect of @self. */
static PursuitProspect *
touch_prospect (PursuitStore  *self,
                PursuitTouch  *touch,
                GError       **error)
{
  PursuitProspect *prospect = pursuit_store_find (self, pursuit_touch_get_prospect_id (touch));

  if (pursuit_touch_get_id (touch) <= 0 || prospect == NULL)
    {
      g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                   _("This touch is not saved in %s."), pursuit_store_get_path (self));
      return NULL;
    }
  return prospect;
}

/* Runs @sql (SQL_UPDATE_TOUCH, SQL_DELETE_TOUCH or
 * SQL_INSERT_TOUCH_WITH_ID) for the touch @id with the values of
 * @values, and checks that it hit one row. */
static gboolean
write_touch (PursuitStore  *self,
             const char    *sql,
             gint64         id,
             PursuitTouch  *values,
             GError       **error)
{
  PursuitDb *db = pursuit_store_get_db (self);
  g_autoptr(PursuitDbStmt) stmt = pursuit_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (values != NULL)
    {
      bind_touch (stmt, values);
      sqlite3_bind_int64 (stmt, 8, id);
    }
  else
    sqlite3_bind_int64 (stmt, 1, id);
  if (!pursuit_db_step_done (db, stmt, error))
    return FALSE;
  if (pursuit_db_changes (db) != 1)
    {
      g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                   _("This touch is not saved in %s."), pursuit_store_get_path (self));
      return FALSE;
    }
  return TRUE;
}

/* Writes the touch change, then the prospect the engine plans from it. */
static PursuitProspect *
write_change (PursuitStore     *self,
              PursuitProspect  *prospect,
              const char       *sql,
              PursuitTouch     *old,
              PursuitTouch     *values,
              gint64            logged_id,
              GError          **error)
{
  g_autoptr(PursuitProspect) draft = NULL;

  if (!pursuit_db_begin (pursuit_store_get_db (self), error))
    return NULL;
  if (write_touch (self, sql, pursuit_touch_get_id (old), values, error))
    draft = plan_prospect (self, prospect, NULL, NULL, logged_id, old, error);
  if (!pursuit_store_finish (self,
                             draft != NULL && pursuit_store_write_prospect (self, prospect, draft, error)
                             && remember_reopen (self, prospect, draft, error),
                             error))
    return NULL;
  return g_steal_pointer (&draft);
}

static PursuitTouchUndo *
new_undo (gboolean         deleted,
          PursuitTouch    *touch,
          PursuitProspect *prospect,
          PursuitProspect *after)
{
  PursuitTouchUndo *undo = g_new0 (PursuitTouchUndo, 1);

  undo->deleted = deleted;
  undo->touch = g_object_ref (touch);
  undo->old = copy_touch (touch);
  pursuit_touch_set_id (undo->old, pursuit_touch_get_id (touch));
  undo->prospect_id = pursuit_prospect_get_id (prospect);
  undo->before = pursuit_prospect_dup (prospect);
  undo->after = g_object_ref (after);
  return undo;
}

static gboolean
ends_pursuit (PursuitOutcome outcome)
{
  return outcome == PURSUIT_OUTCOME_FIRM_NO || outcome == PURSUIT_OUTCOME_WON;
}

gboolean
pursuit_store_edit_touch (PursuitStore      *self,
                          PursuitTouch      *touch,
                          PursuitTouch      *values,
                          PursuitTouchUndo **undo,
                          GError           **error)
{
  g_autoptr(PursuitProspect) hold = NULL;
  g_autoptr(PursuitProspect) draft = NULL;
  g_autoptr(PursuitTouch) adjusted = NULL;
  PursuitProspect *prospect;
  gboolean informational;
  gint64 id, logged_id = 0;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (PURSUIT_IS_TOUCH (touch), FALSE);
  g_return_val_if_fail (PURSUIT_IS_TOUCH (values), FALSE);
  g_return_val_if_fail (undo == NULL || *undo == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  prospect = touch_prospect (self, touch, error);
  if (prospect == NULL)
    return FALSE;
  if (pursuit_touch_get_prospect_id (values) != pursuit_touch_get_prospect_id (touch))
    {
      g_set_error_literal (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                           _("A touch cannot move to another prospect."));
      return FALSE;
    }
  /* An update sent to the nurture list stays one through edits of its
   * date or note (a dialog's values need not know of it), until it
   * becomes an answer, which no update is. */
  informational = (pursuit_touch_get_informational (touch) || pursuit_touch_get_informational (values))
                  && pursuit_touch_get_direction (values) == PURSUIT_DIRECTION_OUT
                  && !pursuit_outcome_is_response (pursuit_touch_get_outcome (values));
  if (informational != pursuit_touch_get_informational (values))
    {
      adjusted = copy_touch (values);
      pursuit_touch_set_informational (adjusted, informational);
      values = adjusted;
    }
  if (!pursuit_store_validate_touch (self, values, error))
    return FALSE;

  id = pursuit_touch_get_id (touch);
  /* Turning a touch into a firm no or a win means what logging it does. */
  if (ends_pursuit (pursuit_touch_get_outcome (values))
      && pursuit_touch_get_outcome (values) != pursuit_touch_get_outcome (touch))
    logged_id = id;
  hold = g_object_ref (prospect);
  draft = write_change (self, prospect, SQL_UPDATE_TOUCH, touch, values, logged_id, error);
  if (draft == NULL)
    return FALSE;

  if (undo != NULL)
    {
      *undo = new_undo (FALSE, touch, prospect, draft);
      (*undo)->edited = copy_touch (values);
    }
  assign_touch (touch, values);
  pursuit_store_apply_update (self, prospect, draft);
  return TRUE;
}

gboolean
pursuit_store_delete_touch (PursuitStore      *self,
                            PursuitTouch      *touch,
                            PursuitTouchUndo **undo,
                            GError           **error)
{
  g_autoptr(PursuitProspect) hold = NULL;
  g_autoptr(PursuitProspect) draft = NULL;
  PursuitProspect *prospect;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (PURSUIT_IS_TOUCH (touch), FALSE);
  g_return_val_if_fail (undo == NULL || *undo == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  prospect = touch_prospect (self, touch, error);
  if (prospect == NULL)
    return FALSE;
  hold = g_object_ref (prospect);
  draft = write_change (self, prospect, SQL_DELETE_TOUCH, touch, NULL, 0, error);
  if (draft == NULL)
    return FALSE;

  if (undo != NULL)
    *undo = new_undo (TRUE, touch, prospect, draft);
  pursuit_touch_set_id (touch, 0);
  pursuit_store_apply_update (self, prospect, draft);
  return TRUE;
}

/* Deletes the row of the saved @touch if it still holds @touch: ids of
 * deleted touches are handed out again, and another touch may have the
 * id now. A row that is gone fails unless @may_be_gone. */
static gboolean
delete_row (PursuitStore  *self,
            PursuitTouch  *touch,
            gboolean       may_be_gone,
            GError       **error)
{
  PursuitDb *db = pursuit_store_get_db (self);
  g_autoptr(PursuitDbStmt) stmt = pursuit_db_prepare (db, SQL_DELETE_SAME_TOUCH, error);

  if (stmt == NULL)
    return FALSE;
  bind_touch (stmt, touch);
  sqlite3_bind_int64 (stmt, 8, pursuit_touch_get_id (touch));
  if (!pursuit_db_step_done (db, stmt, error))
    return FALSE;
  if (!may_be_gone && pursuit_db_changes (db) != 1)
    {
      g_set_error_literal (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                           _("A touch was changed or deleted since, so the change cannot be undone."));
      return FALSE;
    }
  return TRUE;
}

/**
 * pursuit_store_delete_touches:
 * @self: a #PursuitStore
 * @touches: (element-type PursuitTouch): saved touches of @self
 * @error: return location for a #PursuitStoreError
 *
 * Deletes @touches in one transaction: all or none. Each prospect is then
 * planned again from the touches it keeps, as after
 * pursuit_store_delete_touch().
 */
gboolean
pursuit_store_delete_touches (PursuitStore  *self,
                              GPtrArray     *touches,
                              GError       **error)
{
  g_autoptr(GPtrArray) prospects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func (g_object_unref);
  /* PursuitProspect → the deleted touch that matters for reopening it (a
   * firm no or a win), or the first deleted. */
  g_autoptr(GHashTable) removed = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  gboolean ok = TRUE;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (touches != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < touches->len; i++)
    {
      PursuitTouch *touch = g_ptr_array_index (touches, i);
      PursuitProspect *prospect;
      PursuitTouch *kept;

      /* An update deleted since, or whose prospect went to the Trash, is
       * gone from what the undo of a mailing must take away. */
      if (PURSUIT_IS_TOUCH (touch) && pursuit_touch_get_informational (touch)
          && (pursuit_touch_get_id (touch) <= 0 || pursuit_store_find (self, pursuit_touch_get_prospect_id (touch)) == NULL))
        continue;
      if (!PURSUIT_IS_TOUCH (touch) || (prospect = touch_prospect (self, touch, error)) == NULL)
        {
          if (!PURSUIT_IS_TOUCH (touch))
            g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                         _("This touch is not saved in %s."), pursuit_store_get_path (self));
          return FALSE;
        }
      if (!g_hash_table_add (seen, touch))
        continue;
      /* An update to the nurture list planned nothing: taking it away
       * plans nothing anew. */
      if (pursuit_touch_get_informational (touch))
        continue;
      kept = g_hash_table_lookup (removed, prospect);
      if (kept == NULL)
        g_ptr_array_add (prospects, g_object_ref (prospect));
      if (kept == NULL || (!ends_pursuit (pursuit_touch_get_outcome (kept))
                           && ends_pursuit (pursuit_touch_get_outcome (touch))))
        g_hash_table_insert (removed, prospect, touch);
    }
  if (g_hash_table_size (seen) == 0)
    return TRUE;

  if (!pursuit_db_begin (pursuit_store_get_db (self), error))
    return FALSE;
  for (guint i = 0; ok && i < touches->len; i++)
    {
      PursuitTouch *touch = g_ptr_array_index (touches, i);

      /* Once each: a touch listed twice is deleted once, as taking it
       * from @seen leaves nothing for its later copies. */
      if (!g_hash_table_remove (seen, touch))
        continue;
      /* An update deleted since by itself is no reason to fail. */
      ok = delete_row (self, touch, pursuit_touch_get_informational (touch), error);
    }
  for (guint i = 0; ok && i < prospects->len; i++)
    {
      PursuitProspect *prospect = g_ptr_array_index (prospects, i);
      PursuitProspect *draft = plan_prospect (self, prospect, NULL, NULL, 0,
                                              g_hash_table_lookup (removed, prospect), error);

      ok = draft != NULL;
      if (ok)
        {
          g_ptr_array_add (drafts, draft);
          ok = pursuit_store_write_prospect (self, prospect, draft, error);
        }
    }
  if (!pursuit_store_finish (self, ok, error))
    return FALSE;

  for (guint i = 0; i < touches->len; i++)
    pursuit_touch_set_id (g_ptr_array_index (touches, i), 0);
  for (guint i = 0; i < prospects->len; i++)
    pursuit_store_apply_update (self, g_ptr_array_index (prospects, i), g_ptr_array_index (drafts, i));
  return TRUE;
}

static gboolean
dates_equal (GDateTime *a,
             GDateTime *b)
{
  return a == b || (a != NULL && b != NULL && g_date_time_equal (a, b));
}

/* Whether @prospect still has the plan that the change gave it. */
static gboolean
plan_unchanged (PursuitProspect *prospect,
                PursuitProspect *after)
{
  return pursuit_prospect_get_stage (prospect) == pursuit_prospect_get_stage (after)
         && pursuit_prospect_get_tier (prospect) == pursuit_prospect_get_tier (after)
         && pursuit_prospect_get_attempts (prospect) == pursuit_prospect_get_attempts (after)
         && pursuit_prospect_get_attempt_limit (prospect) == pursuit_prospect_get_attempt_limit (after)
         && dates_equal (pursuit_prospect_get_next_touch (prospect), pursuit_prospect_get_next_touch (after))
         && pursuit_prospect_get_next_touch_manual (prospect) == pursuit_prospect_get_next_touch_manual (after)
         && dates_equal (pursuit_prospect_get_callback_at (prospect), pursuit_prospect_get_callback_at (after))
         && pursuit_prospect_get_next_channel (prospect) == pursuit_prospect_get_next_channel (after)
         && g_strcmp0 (pursuit_prospect_get_close_reason (prospect), pursuit_prospect_get_close_reason (after)) == 0
         && dates_equal (pursuit_prospect_get_revisit_at (prospect), pursuit_prospect_get_revisit_at (after));
}

static PursuitProspect *
restore_plan (PursuitStore     *self,
              PursuitProspect  *prospect,
              PursuitTouchUndo *undo,
              GError          **error)
{
  /* The stage and a date set by hand come back as they were when nothing
   * changed them since; the streak and the cadence always follow the
   * touches as they are now (others may have been logged since). */
  return plan_prospect (self, prospect, plan_unchanged (prospect, undo->after) ? undo->before : NULL, NULL, 0,
                        NULL, error);
}

/* Writes the touch of @undo back as it was, over the row the change left
 * only (see SQL_UNDO_EDIT); *@id receives the id it has again. */
static gboolean
write_undo (PursuitStore      *self,
            PursuitTouchUndo  *undo,
            gint64            *id,
            GError           **error)
{
  PursuitDb *db = pursuit_store_get_db (self);
  g_autoptr(PursuitDbStmt) stmt = pursuit_db_prepare (db, undo->deleted ? SQL_UNDO_DELETE : SQL_UNDO_EDIT, error);

  if (stmt == NULL)
    return FALSE;
  bind_touch (stmt, undo->old);
  sqlite3_bind_int64 (stmt, 8, *id);
  if (undo->edited != NULL)
    {
      sqlite3_bind_int64 (stmt, 9, pursuit_touch_get_prospect_id (undo->edited));
      pursuit_db_bind_time (stmt, 10, pursuit_touch_get_happened_at (undo->edited));
      pursuit_db_bind_string (stmt, 11, pursuit_channel_to_string (pursuit_touch_get_channel (undo->edited)));
      pursuit_db_bind_string (stmt, 12, pursuit_direction_to_string (pursuit_touch_get_direction (undo->edited)));
      pursuit_db_bind_string (stmt, 13, pursuit_outcome_to_string (pursuit_touch_get_outcome (undo->edited)));
    }
  if (!pursuit_db_step_done (db, stmt, error))
    return FALSE;
  if (pursuit_db_changes (db) != 1)
    {
      g_set_error_literal (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                           _("This touch was changed or deleted since, so the change cannot be undone."));
      return FALSE;
    }
  if (undo->deleted)
    *id = pursuit_db_last_insert_rowid (db);
  return TRUE;
}

PursuitTouchUndo *
pursuit_touch_undo_new_logged (PursuitTouch    *touch,
                               PursuitProspect *before)
{
  PursuitTouchUndo *undo;

  g_return_val_if_fail (PURSUIT_IS_TOUCH (touch), NULL);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (before), NULL);

  undo = g_new0 (PursuitTouchUndo, 1);
  undo->logged = TRUE;
  undo->touch = g_object_ref (touch);
  undo->prospect_id = pursuit_touch_get_prospect_id (touch);
  undo->before = pursuit_prospect_dup (before);
  return undo;
}

static gboolean
run_touch_undo (gpointer   data,
                GError   **error)
{
  PursuitTouchUndo *undo = data;

  return pursuit_store_undo_touch (undo->store, undo, error);
}

guint
pursuit_store_push_touch_undo (PursuitStore     *self,
                               const char       *title,
                               PursuitTouchUndo *undo)
{
  g_return_val_if_fail (PURSUIT_IS_STORE (self), 0);
  g_return_val_if_fail (undo != NULL, 0);

  /* Not a reference: the store owns the stack. */
  undo->store = self;
  return pursuit_undo_stack_push (pursuit_store_get_undo_stack (self), title, run_touch_undo, undo,
                                  (GDestroyNotify) pursuit_touch_undo_free);
}

/* The logged touch goes and the prospect takes back its plan from before
 * it, in one transaction: never the one without the other. */
static gboolean
undo_logged (PursuitStore      *self,
             PursuitProspect   *prospect,
             PursuitTouchUndo  *undo,
             GError           **error)
{
  gint64 id = pursuit_touch_get_id (undo->touch);

  if (id <= 0)
    {
      g_set_error_literal (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                           _("This touch was changed or deleted since, so the change cannot be undone."));
      return FALSE;
    }
  /* A team database writes through its backend, a change at a time. */
  if (pursuit_store_get_backend (self) != NULL)
    return pursuit_store_delete_touch (self, undo->touch, NULL, error)
           && pursuit_store_update (self, prospect, undo->before, error);
  if (!pursuit_store_validate_prospect (undo->before, error) || !pursuit_db_begin (pursuit_store_get_db (self), error)
      || !pursuit_store_finish (self,
                                write_touch (self, SQL_DELETE_TOUCH, id, NULL, error)
                                && pursuit_store_write_prospect (self, prospect, undo->before, error),
                                error))
    return FALSE;
  pursuit_touch_set_id (undo->touch, 0);
  pursuit_store_apply_update (self, prospect, undo->before);
  return TRUE;
}

gboolean
pursuit_store_undo_touch (PursuitStore      *self,
                          PursuitTouchUndo  *undo,
                          GError           **error)
{
  g_autoptr(PursuitProspect) hold = NULL;
  g_autoptr(PursuitProspect) draft = NULL;
  PursuitProspect *prospect;
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (undo != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  prospect = pursuit_store_find (self, undo->prospect_id);
  if (prospect == NULL)
    {
      g_set_error (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_INVALID,
                   _("The prospect of this touch is no longer saved in %s."), pursuit_store_get_path (self));
      return FALSE;
    }
  hold = g_object_ref (prospect);
  if (undo->logged)
    return undo_logged (self, prospect, undo, error);
  id = pursuit_touch_get_id (undo->old);

  if (!pursuit_db_begin (pursuit_store_get_db (self), error))
    return FALSE;
  ok = write_undo (self, undo, &id, error);
  if (ok)
    draft = restore_plan (self, prospect, undo, error);
  if (!pursuit_store_finish (self,
                             draft != NULL && pursuit_store_write_prospect (self, prospect, draft, error),
                             error))
    return FALSE;

  assign_touch (undo->touch, undo->old);
  if (undo->deleted)
    {
      pursuit_touch_set_id (undo->touch, id);
      pursuit_store_emit_touch_added (self, undo->touch);
    }
  pursuit_store_apply_update (self, prospect, draft);
  return TRUE;
}

/* Writes the drafts of @prospects in one transaction, then applies them. */
static gboolean
write_drafts (PursuitStore  *self,
              GPtrArray     *prospects,
              GPtrArray     *drafts,
              GError       **error)
{
  gboolean ok = TRUE;

  if (prospects->len == 0)
    return TRUE;
  if (!pursuit_db_begin (pursuit_store_get_db (self), error))
    return FALSE;
  for (guint i = 0; ok && i < prospects->len; i++)
    ok = pursuit_store_write_prospect (self, prospects->pdata[i], drafts->pdata[i], error);
  if (!pursuit_store_finish (self, ok, error))
    return FALSE;
  for (guint i = 0; i < prospects->len; i++)
    pursuit_store_apply_update (self, prospects->pdata[i], drafts->pdata[i]);
  return TRUE;
}

static gboolean
write_one (PursuitStore     *self,
           PursuitProspect  *prospect,
           PursuitProspect  *draft,
           GError          **error)
{
  g_autoptr(GPtrArray) prospects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) drafts = g_ptr_array_new ();

  g_ptr_array_add (prospects, g_object_ref (prospect));
  g_ptr_array_add (drafts, draft);
  return write_drafts (self, prospects, drafts, error);
}

gboolean
pursuit_store_recount_streak (PursuitStore     *self,
                              PursuitProspect  *prospect,
                              PursuitProspect  *draft,
                              GDateTime        *now,
                              GError          **error)
{
  g_autoptr(GArray) touches = pursuit_store_new_engine_touches ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  PursuitEngineState state = { 0 };

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect) && PURSUIT_IS_PROSPECT (draft), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (!load_engine_touches (self, pursuit_prospect_get_id (prospect), touches, ids, error))
    return FALSE;
  pursuit_store_engine_state_from (&state, draft);
  pursuit_engine_recompute (pursuit_store_get_policy (self), &state, (PursuitEngineTouch *) touches->data,
                            touches->len, now);
  pursuit_prospect_set_attempts (draft, state.attempts);
  pursuit_engine_state_clear (&state);
  return TRUE;
}

/* The days between touches that planned @prospect under @policy; 0 when
 * no cadence did. */
static guint
cadence_days (const PursuitPolicy *policy,
              PursuitProspect     *prospect)
{
  switch (pursuit_prospect_get_stage (prospect))
    {
    case PURSUIT_STAGE_ACTIVE:
      return policy->cadence.days[pursuit_prospect_get_tier (prospect)];
    case PURSUIT_STAGE_CUSTOMER:
      return policy->customer_days;
    case PURSUIT_STAGE_INBOX:
    case PURSUIT_STAGE_CLOSED:
    default:
      return 0;
    }
}

/* The next touch that the new cadence gives @prospect, or NULL when it
 * keeps its own. A date the engine computed from the latest touch is
 * computed again; one counted from entering the tier moves by the
 * difference of the cadences; Hot on entering is due at once, whatever
 * its cadence. */
static GDateTime *
replanned (PursuitStore        *self,
           PursuitProspect     *prospect,
           const PursuitPolicy *old,
           GError             **error)
{
  g_autoptr(GArray) touches = pursuit_store_new_engine_touches ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDateTime *next = pursuit_prospect_get_next_touch (prospect);
  PursuitEngineState state = { 0 };
  GDateTime *result = NULL;
  gboolean from_touch;

  if (!load_engine_touches (self, pursuit_prospect_get_id (prospect), touches, ids, error))
    return NULL;
  pursuit_store_engine_state_from (&state, prospect);
  pursuit_engine_recompute (old, &state, (PursuitEngineTouch *) touches->data, touches->len, now);
  from_touch = touches->len > 0 && state.next_touch != NULL && g_date_time_equal (state.next_touch, next);
  pursuit_engine_state_clear (&state);

  if (from_touch)
    {
      pursuit_store_engine_state_from (&state, prospect);
      pursuit_engine_recompute (pursuit_store_get_policy (self), &state, (PursuitEngineTouch *) touches->data,
                                touches->len, now);
      result = state.next_touch != NULL ? g_date_time_ref (state.next_touch) : NULL;
      pursuit_engine_state_clear (&state);
    }
  else if (pursuit_prospect_get_tier (prospect) != PURSUIT_TIER_HOT)
    result = g_date_time_add_days (next, (int) cadence_days (pursuit_store_get_policy (self), prospect)
                                           - (int) cadence_days (old, prospect));
  return result;
}

gboolean
pursuit_store_replan_cadences (PursuitStore        *self,
                               const PursuitPolicy *old,
                               guint               *n_planned,
                               GError             **error)
{
  GListModel *all;
  g_autoptr(GPtrArray) prospects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (old != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_planned != NULL)
    *n_planned = 0;
  /* The learned curve changes often, the cadences seldom. */
  if (memcmp (&old->cadence, &pursuit_store_get_policy (self)->cadence, sizeof old->cadence) == 0
      && old->customer_days == pursuit_store_get_policy (self)->customer_days)
    return TRUE;
  all = pursuit_store_get_prospects (self);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(PursuitProspect) prospect = g_list_model_get_item (all, i);
      g_autoptr(GDateTime) next = NULL;
      PursuitNextReason reason = pursuit_store_next_reason (self, prospect);
      PursuitProspect *draft;

      if ((reason != PURSUIT_NEXT_REASON_CADENCE && reason != PURSUIT_NEXT_REASON_CUSTOMER)
          || cadence_days (old, prospect) == cadence_days (pursuit_store_get_policy (self), prospect))
        continue;
      next = replanned (self, prospect, old, error);
      if (next == NULL && error != NULL && *error != NULL)
        return FALSE;
      if (next == NULL || g_date_time_equal (next, pursuit_prospect_get_next_touch (prospect)))
        continue;
      draft = pursuit_prospect_dup (prospect);
      pursuit_prospect_set_next_touch (draft, next);
      g_ptr_array_add (prospects, g_object_ref (prospect));
      g_ptr_array_add (drafts, draft);
    }

  if (!write_drafts (self, prospects, drafts, error))
    return FALSE;
  if (n_planned != NULL)
    *n_planned = prospects->len;
  return TRUE;
}

gboolean
pursuit_store_return_revisits (PursuitStore  *self,
                               GDateTime     *now,
                               guint         *n_returned,
                               GError       **error)
{
  GListModel *closed;
  g_autoptr(GPtrArray) prospects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  closed = pursuit_store_get_model (self, PURSUIT_STAGE_CLOSED, PURSUIT_TIER_NONE);
  for (guint i = 0; i < g_list_model_get_n_items (closed); i++)
    {
      g_autoptr(PursuitProspect) prospect = g_list_model_get_item (closed, i);
      PursuitEngineState state = { 0 };

      pursuit_store_engine_state_from (&state, prospect);
      if (pursuit_engine_revisit_is_due (&state, now))
        {
          PursuitProspect *draft = pursuit_prospect_dup (prospect);
          g_autoptr(GArray) touches = pursuit_store_new_engine_touches ();
          g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

          /* The streak starts afresh at the revisit date: what was logged
           * since counts, as everywhere else. */
          pursuit_engine_revisit (&state);
          if (!load_engine_touches (self, pursuit_prospect_get_id (prospect), touches, ids, error))
            {
              pursuit_engine_state_clear (&state);
              g_object_unref (draft);
              return FALSE;
            }
          pursuit_engine_recompute (pursuit_store_get_policy (self), &state,
                                    (PursuitEngineTouch *) touches->data, touches->len, now);
          pursuit_store_engine_state_to (&state, draft);
          g_ptr_array_add (prospects, g_object_ref (prospect));
          g_ptr_array_add (drafts, draft);
        }
      pursuit_engine_state_clear (&state);
    }

  if (!write_drafts (self, prospects, drafts, error))
    return FALSE;
  if (n_returned != NULL)
    *n_returned = prospects->len;
  return TRUE;
}

void
pursuit_store_check_limit (PursuitStore      *self,
                           PursuitProspect   *prospect,
                           PursuitLimitCheck *out)
{
  g_return_if_fail (PURSUIT_IS_STORE (self));
  g_return_if_fail (PURSUIT_IS_PROSPECT (prospect));
  g_return_if_fail (out != NULL);

  pursuit_engine_check_limit (pursuit_store_get_policy (self), pursuit_prospect_get_stage (prospect),
                              pursuit_prospect_get_attempts (prospect),
                              pursuit_prospect_get_attempt_limit (prospect),
                              pursuit_prospect_get_value (prospect), out);
}

gboolean
pursuit_store_keep_going (PursuitStore     *self,
                          PursuitProspect  *prospect,
                          GError          **error)
{
  g_autoptr(PursuitProspect) draft = NULL;
  PursuitLimitCheck check;

  g_return_val_if_fail (PURSUIT_IS_STORE (self), FALSE);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pursuit_store_check_owned (self, prospect, error))
    return FALSE;
  pursuit_store_check_limit (self, prospect, &check);
  draft = pursuit_prospect_dup (prospect);
  pursuit_prospect_set_attempt_limit (draft, pursuit_engine_keep_going_limit (check.limit, check.streak));
  return write_one (self, prospect, draft, error);
}

PursuitNextReason
pursuit_store_next_reason (PursuitStore    *self,
                           PursuitProspect *prospect)
{
  PursuitEngineState state = { 0 };
  PursuitNextReason reason;

  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), PURSUIT_NEXT_REASON_NONE);

  pursuit_store_engine_state_from (&state, prospect);
  reason = pursuit_engine_next_reason (&state);
  pursuit_engine_state_clear (&state);
  return reason;
}
