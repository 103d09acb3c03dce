/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-settings"

#include "config.h"

#include "pursuit-settings.h"
#include "pursuit-store-touches.h"

static guint
read_work_days (GSettings *settings)
{
  g_autoptr(GVariant) days = g_settings_get_value (settings, "working-days");
  GVariantIter iter;
  guint32 day;
  guint mask = 0;

  g_variant_iter_init (&iter, days);
  while (g_variant_iter_next (&iter, "u", &day))
    if (day >= 1 && day <= 7)
      mask |= PURSUIT_WORK_DAY_BIT (day);
  return mask;
}

void
pursuit_settings_read_policy (GSettings     *settings,
                              PursuitPolicy *policy)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (policy != NULL);

  pursuit_policy_init_default (policy);
  policy->cadence.days[PURSUIT_TIER_HOT] = g_settings_get_uint (settings, "cadence-hot");
  policy->cadence.days[PURSUIT_TIER_GOOD] = g_settings_get_uint (settings, "cadence-good");
  policy->cadence.days[PURSUIT_TIER_COOL] = g_settings_get_uint (settings, "cadence-cool");
  policy->cadence.days[PURSUIT_TIER_COLD] = g_settings_get_uint (settings, "cadence-cold");
  policy->customer_days = g_settings_get_uint (settings, "customer-cadence");
  policy->limit_mode = (PursuitLimitMode) g_settings_get_enum (settings, "limit-mode");
  policy->fixed_limit = g_settings_get_uint (settings, "fixed-limit");
  policy->cost_per_touch = g_settings_get_double (settings, "cost-per-touch");
  policy->win_rate = g_settings_get_double (settings, "win-rate-per-attempt");
  policy->revisit_months = g_settings_get_uint (settings, "revisit-months");
  policy->max_per_day = g_settings_get_uint (settings, "max-touches-per-day");
  policy->work_days = read_work_days (settings);
  policy->work_start = (int) g_settings_get_uint (settings, "work-start");
}

static void
settings_changed_cb (GSettings    *settings,
                     const char   *key,
                     PursuitStore *store)
{
  PursuitPolicy policy;
  PursuitPolicy old = *pursuit_store_get_policy (store);
  g_autoptr(GError) error = NULL;
  guint n = 0;

  pursuit_settings_read_policy (settings, &policy);
  /* Not a setting: what the insights learned stays. */
  policy.learned = old.learned;
  pursuit_store_set_policy (store, &policy);
  /* The user changed a cadence (not the start, when the store takes the
   * settings on): the follow-ups it planned follow. Undo is changing it
   * back (Preferences offers it). */
  if (key == NULL)
    return;
  if (!pursuit_store_replan_cadences (store, &old, &n, &error))
    g_warning ("Could not plan the follow-ups again by the new cadence: %s", error->message);
  else if (n > 0)
    g_debug ("Planned %u follow-ups again by the new cadence", n);
}

void
pursuit_settings_follow (GSettings    *settings,
                         PursuitStore *store)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (PURSUIT_IS_STORE (store));

  settings_changed_cb (settings, NULL, store);
  g_signal_connect_object (settings, "changed", G_CALLBACK (settings_changed_cb), store, 0);
}
