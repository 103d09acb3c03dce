/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pursuit-types.h"

G_BEGIN_DECLS

#define PURSUIT_TYPE_PROSPECT (pursuit_prospect_get_type ())

G_DECLARE_FINAL_TYPE (PursuitProspect, pursuit_prospect, PURSUIT, PROSPECT, GObject)

/* A prospect. Every property notifies only when its value really changes.
 *
 * A prospect that a PursuitStore owns (pursuit_prospect_get_id() > 0) is
 * changed only through the store (pursuit_store_update() and friends), which
 * commits to the database before it sets the properties. Setters are public
 * so that detached drafts (pursuit_prospect_new(), pursuit_prospect_dup())
 * can be filled in by dialogs and importers.
 *
 * Properties: "id" (gint64, 0 while detached), "name", "company", "email",
 * "phone", "source", "notes", "tags" (strings, never NULL; see
 * pursuit_prospect_set_tags()), "stage" (PursuitStage),
 * "tier" (PursuitTier), "value" (double, -1 for no value), "attempts"
 * (guint, the current attempt streak), "attempt-limit" (guint, 0 follows
 * the preference), "attempts-before" (guint, unanswered attempts made
 * before the first touch Pursuit knows of, as an import gives them: they
 * count towards the streak until a response), "next-touch" (GDateTime,
 * nullable), "next-touch-manual"
 * (gboolean: the date was set by hand), "callback-at" (GDateTime, nullable:
 * the prospect asked to be called back then), "next-channel"
 * (PursuitChannel), "close-reason" (string), "revisit-at" (GDateTime,
 * nullable), "closed-at" (GDateTime, nullable: when it was won or let go;
 * the store sets it), "created-at" (GDateTime), "do-not-contact"
 * (gboolean: the prospect asked not to be contacted, or gave a firm no;
 * it is never planned and never returns from a revisit). */

PursuitProspect *pursuit_prospect_new              (const char      *name);
PursuitProspect *pursuit_prospect_dup              (PursuitProspect *self);
/* Sets every property of @self except "id" from @from. */
void             pursuit_prospect_assign           (PursuitProspect *self,
                                                    PursuitProspect *from);

gint64           pursuit_prospect_get_id           (PursuitProspect *self);
const char      *pursuit_prospect_get_name         (PursuitProspect *self);
/* A collation key of the name: strcmp() on two of them orders as
 * g_utf8_collate() on the names. Made on first use, in the thread that
 * owns the prospect. */
const char      *pursuit_prospect_get_name_key     (PursuitProspect *self);
void             pursuit_prospect_set_name         (PursuitProspect *self,
                                                    const char      *name);
const char      *pursuit_prospect_get_company      (PursuitProspect *self);
void             pursuit_prospect_set_company      (PursuitProspect *self,
                                                    const char      *company);
const char      *pursuit_prospect_get_email        (PursuitProspect *self);
void             pursuit_prospect_set_email        (PursuitProspect *self,
                                                    const char      *email);
const char      *pursuit_prospect_get_phone        (PursuitProspect *self);
void             pursuit_prospect_set_phone        (PursuitProspect *self,
                                                    const char      *phone);
const char      *pursuit_prospect_get_source       (PursuitProspect *self);
void             pursuit_prospect_set_source       (PursuitProspect *self,
                                                    const char      *source);
/* Tags: a list kept normalised, "vip,trade fair 2025" (lower case, one
 * space between words, no "#", each once, in the order given); the
 * setter normalises what it is given, separated by commas or
 * semicolons. */
const char      *pursuit_prospect_get_tags         (PursuitProspect *self);
void             pursuit_prospect_set_tags         (PursuitProspect *self,
                                                    const char      *tags);
/* TRUE if @tag (normalised the same way) is one of the prospect's. */
gboolean         pursuit_prospect_has_tag          (PursuitProspect *self,
                                                    const char      *tag);
/* @text as the "tags" property keeps it (a new string, "" for NULL). */
char            *pursuit_prospect_normalize_tags   (const char      *text);
const char      *pursuit_prospect_get_notes        (PursuitProspect *self);
void             pursuit_prospect_set_notes        (PursuitProspect *self,
                                                    const char      *notes);
PursuitStage     pursuit_prospect_get_stage        (PursuitProspect *self);
void             pursuit_prospect_set_stage        (PursuitProspect *self,
                                                    PursuitStage     stage);
PursuitTier      pursuit_prospect_get_tier         (PursuitProspect *self);
void             pursuit_prospect_set_tier         (PursuitProspect *self,
                                                    PursuitTier      tier);
double           pursuit_prospect_get_value        (PursuitProspect *self);
void             pursuit_prospect_set_value        (PursuitProspect *self,
                                                    double           value);
gboolean         pursuit_prospect_has_value        (PursuitProspect *self);
guint            pursuit_prospect_get_attempts     (PursuitProspect *self);
void             pursuit_prospect_set_attempts     (PursuitProspect *self,
                                                    guint            attempts);
guint            pursuit_prospect_get_attempt_limit (PursuitProspect *self);
void             pursuit_prospect_set_attempt_limit (PursuitProspect *self,
                                                     guint            limit);
guint            pursuit_prospect_get_attempts_before (PursuitProspect *self);
void             pursuit_prospect_set_attempts_before (PursuitProspect *self,
                                                       guint            attempts);
GDateTime       *pursuit_prospect_get_next_touch   (PursuitProspect *self);
void             pursuit_prospect_set_next_touch   (PursuitProspect *self,
                                                    GDateTime       *when);
gboolean         pursuit_prospect_get_next_touch_manual (PursuitProspect *self);
void             pursuit_prospect_set_next_touch_manual (PursuitProspect *self,
                                                         gboolean         manual);
GDateTime       *pursuit_prospect_get_callback_at  (PursuitProspect *self);
void             pursuit_prospect_set_callback_at  (PursuitProspect *self,
                                                    GDateTime       *when);
PursuitChannel   pursuit_prospect_get_next_channel (PursuitProspect *self);
void             pursuit_prospect_set_next_channel (PursuitProspect *self,
                                                    PursuitChannel   channel);
const char      *pursuit_prospect_get_close_reason (PursuitProspect *self);
void             pursuit_prospect_set_close_reason (PursuitProspect *self,
                                                    const char      *reason);
GDateTime       *pursuit_prospect_get_revisit_at   (PursuitProspect *self);
void             pursuit_prospect_set_revisit_at   (PursuitProspect *self,
                                                    GDateTime       *when);
GDateTime       *pursuit_prospect_get_closed_at    (PursuitProspect *self);
void             pursuit_prospect_set_closed_at    (PursuitProspect *self,
                                                    GDateTime       *when);
gboolean         pursuit_prospect_get_do_not_contact (PursuitProspect *self);
void             pursuit_prospect_set_do_not_contact (PursuitProspect *self,
                                                      gboolean         dnc);
GDateTime       *pursuit_prospect_get_created_at   (PursuitProspect *self);
void             pursuit_prospect_set_created_at   (PursuitProspect *self,
                                                    GDateTime       *when);

/* What the next touch asks for: "Call Jane Doe — Acme". */
char            *pursuit_prospect_dup_next_action (PursuitProspect *self);

G_END_DECLS
