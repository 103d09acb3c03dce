/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-undo-toast"

#include "config.h"

#include <glib/gi18n.h>

#include "pursuit-undo-toast.h"

/* How long a toast takes to slide in, at most (libadwaita 1.2 takes
 * 500 ms when it replaces another), with room to spare. */
#define SETTLE_TIME (1000 * G_TIME_SPAN_MILLISECOND)

static void
dismissed_cb (AdwToast         *toast,
              PursuitUndoToast *self)
{
  if (self->toast == toast)
    pursuit_undo_toast_clear (self);
}

static void
set_toast (AdwToast   *toast,
           const char *escaped,
           const char *action_name,
           GVariant   *target)
{
  adw_toast_set_title (toast, escaped);
  adw_toast_set_button_label (toast, action_name != NULL ? _("_Undo") : NULL);
  adw_toast_set_action_name (toast, action_name);
  adw_toast_set_action_target_value (toast, target);
}

void
pursuit_undo_toast_show (PursuitUndoToast *self,
                         AdwToastOverlay  *overlay,
                         const char       *escaped,
                         const char       *action_name,
                         GVariant         *target)
{
  g_autoptr(GVariant) held = target != NULL ? g_variant_ref_sink (target) : NULL;
  gint64 now = g_get_monotonic_time ();
  AdwToast *toast;

  g_return_if_fail (self != NULL);
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (escaped != NULL);

  if (self->toast != NULL && now - self->since < SETTLE_TIME)
    {
      set_toast (self->toast, escaped, action_name, held);
      return;
    }
  if (self->toast != NULL)
    {
      g_autoptr(AdwToast) old = g_object_ref (self->toast);

      /* Cleared first: it is dismissed once. */
      pursuit_undo_toast_clear (self);
      adw_toast_dismiss (old);
    }
  toast = adw_toast_new (escaped);
  set_toast (toast, escaped, action_name, held);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  self->toast = g_object_ref (toast);
  self->since = now;
  self->dismissed_id = g_signal_connect (toast, "dismissed", G_CALLBACK (dismissed_cb), self);
  adw_toast_overlay_add_toast (overlay, toast);
}

void
pursuit_undo_toast_clear (PursuitUndoToast *self)
{
  g_return_if_fail (self != NULL);

  if (self->toast != NULL)
    g_clear_signal_handler (&self->dismissed_id, self->toast);
  g_clear_object (&self->toast);
}
