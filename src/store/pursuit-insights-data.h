/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pursuit-insights.h"
#include "pursuit-store.h"

G_BEGIN_DECLS

/* The history the insights read, loaded on a connection of its own (read
 * only), so that it can run in a thread while the store writes. */

/* Reads every prospect and touch of the database at @path in one
 * consistent snapshot. Errors are PURSUIT_STORE_ERROR. */
PursuitInsightsData *pursuit_insights_data_load         (const char                  *path,
                                                         GError                     **error);

/* Loads the history of @self's database and computes the insights for
 * @params in a GTask thread; the main context only sees the result. */
void                 pursuit_store_load_insights_async  (PursuitStore                *self,
                                                         const PursuitInsightsParams *params,
                                                         GCancellable                *cancellable,
                                                         GAsyncReadyCallback          callback,
                                                         gpointer                     user_data);
PursuitInsights     *pursuit_store_load_insights_finish (PursuitStore                *self,
                                                         GAsyncResult                *result,
                                                         GError                     **error);

G_END_DECLS
