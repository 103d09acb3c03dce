/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pursuit-store.h"

G_BEGIN_DECLS

/* Where the application exports its GNOME Shell search provider
 * (org.gnome.Shell.SearchProvider2), as its .ini file names it. */
#define PURSUIT_SEARCH_PROVIDER_PATH "/io/github/pursuit/Pursuit/SearchProvider"

/* Most results one search returns: the Shell shows a handful. */
#define PURSUIT_SEARCH_PROVIDER_MAX_RESULTS 20

#define PURSUIT_TYPE_SEARCH_PROVIDER (pursuit_search_provider_get_type ())

G_DECLARE_FINAL_TYPE (PursuitSearchProvider, pursuit_search_provider, PURSUIT, SEARCH_PROVIDER, GObject)

/* The search provider of @application, which answers from the store of
 * pursuit_application_get_store() (none while no database is open). */
PursuitSearchProvider *pursuit_search_provider_new      (GApplication           *application);
gboolean               pursuit_search_provider_export   (PursuitSearchProvider  *self,
                                                         GDBusConnection        *connection,
                                                         const char             *object_path,
                                                         GError                **error);
void                   pursuit_search_provider_unexport (PursuitSearchProvider  *self);

/* The ids (gint64) of the prospects out of the Trash that match @terms
 * as one query of pursuit_search_new() (every word in their name,
 * company, email, tags or phone number); at most @max, in the order of
 * the store. */
GArray                *pursuit_search_provider_match    (PursuitStore           *store,
                                                         const char * const     *terms,
                                                         guint                   max);

G_END_DECLS
