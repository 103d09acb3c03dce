/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pursuit-outreach.h"
#include "pursuit-store.h"
#include "pursuit-types.h"

G_BEGIN_DECLS

/* The email templates, kept in GSettings: "email-templates" (a{s(ss)},
 * keyed "hot/first" … "cold/closing"; a missing key is the built-in,
 * translated default), "user-name" and "signature". */

/* The subject and body of @tier's template for @step, as the user edited
 * them or the default. @tier PURSUIT_TIER_NONE (customers, closed) uses
 * the Cold ones' defaults but is kept under its own key "none/…". Either
 * out argument may be NULL. */
void     pursuit_templates_get      (GSettings            *settings,
                                     PursuitTier           tier,
                                     PursuitTemplateStep   step,
                                     char                **subject,
                                     char                **body);

/* Keeps @subject and @body as @tier's template for @step. Setting the
 * default text again (or NULL for both) forgets the edit, so the template
 * follows the default in every language again. */
void     pursuit_templates_set      (GSettings            *settings,
                                     PursuitTier           tier,
                                     PursuitTemplateStep   step,
                                     const char           *subject,
                                     const char           *body);

/* Forgets the edit of @tier's template for @step: it is the default again. */
void     pursuit_templates_reset    (GSettings            *settings,
                                     PursuitTier           tier,
                                     PursuitTemplateStep   step);

/* The built-in default, translated. Either out argument may be NULL. */
void     pursuit_templates_get_default (PursuitTier           tier,
                                        PursuitTemplateStep   step,
                                        char                **subject,
                                        char                **body);

/* Whether the user edited @tier's template for @step. */
gboolean pursuit_templates_is_edited (GSettings            *settings,
                                      PursuitTier           tier,
                                      PursuitTemplateStep   step);

/* The subject and body for @prospect's next email at @step, its
 * placeholders filled (last touch date from the store, value in the
 * user's currency, the user's name and signature from @settings). */
gboolean pursuit_templates_compose  (GSettings            *settings,
                                     PursuitStore         *store,
                                     PursuitProspect      *prospect,
                                     PursuitTemplateStep   step,
                                     char                **subject,
                                     char                **body,
                                     GError              **error);

G_END_DECLS
