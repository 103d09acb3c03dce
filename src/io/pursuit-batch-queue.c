/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-io"

#include "config.h"

#include "pursuit-batch-queue.h"

struct _PursuitBatchQueue
{
  GMutex          mutex;
  GCond           changed;
  GQueue          batches;
  guint           max_length;
  GDestroyNotify  free_func;
  gboolean        closed;   /* by the producer */
  gboolean        stopped;  /* by the consumer */
  GError         *error;    /* the producer's */
};

PursuitBatchQueue *
pursuit_batch_queue_new (guint          max_length,
                         GDestroyNotify free_func)
{
  PursuitBatchQueue *self = g_new0 (PursuitBatchQueue, 1);

  g_return_val_if_fail (max_length > 0, self);

  g_mutex_init (&self->mutex);
  g_cond_init (&self->changed);
  g_queue_init (&self->batches);
  self->max_length = max_length;
  self->free_func = free_func;
  return self;
}

/* Neither thread uses @self any more. */
void
pursuit_batch_queue_free (PursuitBatchQueue *self)
{
  if (self == NULL)
    return;
  g_queue_clear_full (&self->batches, self->free_func);
  g_clear_error (&self->error);
  g_cond_clear (&self->changed);
  g_mutex_clear (&self->mutex);
  g_free (self);
}

gboolean
pursuit_batch_queue_push (PursuitBatchQueue *self,
                          gpointer           batch)
{
  gboolean stopped;

  g_return_val_if_fail (self != NULL && batch != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  g_warn_if_fail (!self->closed);
  while (!self->stopped && self->batches.length >= self->max_length)
    g_cond_wait (&self->changed, &self->mutex);
  stopped = self->stopped;
  if (!stopped)
    {
      g_queue_push_tail (&self->batches, batch);
      g_cond_broadcast (&self->changed);
    }
  g_mutex_unlock (&self->mutex);
  if (stopped && self->free_func != NULL)
    self->free_func (batch);
  return !stopped;
}

void
pursuit_batch_queue_close (PursuitBatchQueue *self,
                           GError            *error)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  self->closed = TRUE;
  if (self->error == NULL)
    self->error = error;
  else
    g_clear_error (&error);
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->mutex);
}

gpointer
pursuit_batch_queue_pop (PursuitBatchQueue  *self,
                         GError            **error)
{
  gpointer batch;

  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&self->mutex);
  while (!self->stopped && !self->closed && self->batches.length == 0)
    g_cond_wait (&self->changed, &self->mutex);
  batch = self->stopped ? NULL : g_queue_pop_head (&self->batches);
  if (batch != NULL)
    g_cond_broadcast (&self->changed);
  else if (self->error != NULL)
    g_propagate_error (error, g_error_copy (self->error));
  g_mutex_unlock (&self->mutex);
  return batch;
}

void
pursuit_batch_queue_stop (PursuitBatchQueue *self)
{
  GQueue dropped = G_QUEUE_INIT;

  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  self->stopped = TRUE;
  dropped = self->batches;
  g_queue_init (&self->batches);
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->mutex);
  g_queue_clear_full (&dropped, self->free_func);
}
