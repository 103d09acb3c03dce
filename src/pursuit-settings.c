/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-settings"

#include "config.h"

#include "pursuit-settings.h"

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
}

static void
settings_changed_cb (GSettings    *settings,
                     const char   *key,
                     PursuitStore *store)
{
  PursuitPolicy policy;

  pursuit_settings_read_policy (settings, &policy);
  /* Not a setting: what the insights learned stays. */
  policy.learned = pursuit_store_get_policy (store)->learned;
  pursuit_store_set_policy (store, &policy);
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
