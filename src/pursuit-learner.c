/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-learner"

#include "config.h"

#include "pursuit-insights-data.h"
#include "pursuit-insights.h"
#include "pursuit-learner.h"

struct _PursuitLearner
{
  GObject           parent_instance;

  PursuitStore     *store;
  GCancellable     *cancellable;
  guint             delay_ms;
  guint             timeout_id;
  PursuitLimitMode  mode;
};

G_DEFINE_FINAL_TYPE (PursuitLearner, pursuit_learner, G_TYPE_OBJECT)

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PursuitLearner) self = user_data;
  g_autoptr(GError) error = NULL;
  PursuitInsights *insights = pursuit_store_load_insights_finish (PURSUIT_STORE (source), result, &error);
  const PursuitPolicy *current;
  PursuitPolicy policy;

  if (insights == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not learn from the history: %s", error->message);
      return;
    }

  current = pursuit_store_get_policy (self->store);
  if (!pursuit_learned_curve_equal (&current->learned, &insights->curve_all_time))
    {
      policy = *current;
      policy.learned = insights->curve_all_time;
      pursuit_store_set_policy (self->store, &policy);
    }
  pursuit_insights_free (insights);
}

static gboolean
learn_cb (gpointer data)
{
  PursuitLearner *self = data;
  const PursuitPolicy *policy = pursuit_store_get_policy (self->store);
  PursuitInsightsParams params;

  self->timeout_id = 0;
  if (policy->limit_mode != PURSUIT_LIMIT_LEARNED)
    return G_SOURCE_REMOVE;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  pursuit_insights_params_init_default (&params, g_get_real_time () / G_USEC_PER_SEC);
  params.cost_per_touch = policy->cost_per_touch;
  params.win_rate = policy->win_rate;
  pursuit_store_load_insights_async (self->store, &params, self->cancellable, loaded_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
schedule (PursuitLearner *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (self->delay_ms, learn_cb, self);
}

/* Only a change of mode matters here: the curve this learner sets also
 * changes the policy. */
static void
policy_changed_cb (PursuitLearner *self)
{
  PursuitLimitMode mode = pursuit_store_get_policy (self->store)->limit_mode;

  if (mode == self->mode)
    return;
  self->mode = mode;
  schedule (self);
}

static void
pursuit_learner_dispose (GObject *object)
{
  PursuitLearner *self = PURSUIT_LEARNER (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pursuit_learner_parent_class)->dispose (object);
}

static void
pursuit_learner_class_init (PursuitLearnerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pursuit_learner_dispose;
}

static void
pursuit_learner_init (PursuitLearner *self)
{
}

PursuitLearner *
pursuit_learner_new (PursuitStore *store,
                     guint         delay_ms)
{
  static const char *changes[] = { "prospect-added", "prospect-changed", "prospect-removed", "touch-added" };
  PursuitLearner *self;

  g_return_val_if_fail (PURSUIT_IS_STORE (store), NULL);

  self = g_object_new (PURSUIT_TYPE_LEARNER, NULL);
  self->store = g_object_ref (store);
  self->delay_ms = delay_ms;
  self->mode = pursuit_store_get_policy (store)->limit_mode;
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    g_signal_connect_object (store, changes[i], G_CALLBACK (schedule), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "policy-changed", G_CALLBACK (policy_changed_cb), self, G_CONNECT_SWAPPED);
  schedule (self);
  return self;
}
