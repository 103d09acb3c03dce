/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pursuit-prospect.h"

G_BEGIN_DECLS

/* The PURSUIT_STORE_ERROR_CONFLICT of a write based on @mine (the values
 * it was sent with) that the server refused because the row is now
 * @theirs, or gone (NULL): its message says what the other person
 * changed, such as "the tier to Good and the next touch". */
GError *pursuit_pg_conflict_error (PursuitProspect *mine,
                                   PursuitProspect *theirs);

G_END_DECLS
