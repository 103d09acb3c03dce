/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A bounded queue of batches from one producing thread to one consuming
 * thread: the producer waits while the queue is full, so that it runs at
 * most a few batches ahead and what is in flight stays bounded; either
 * side may end it (the producer at the end of its input or on an error,
 * the consumer when it gives up), and the other learns of it. */
typedef struct _PursuitBatchQueue PursuitBatchQueue;

PursuitBatchQueue *pursuit_batch_queue_new   (guint               max_length,
                                              GDestroyNotify      free_func);
void               pursuit_batch_queue_free  (PursuitBatchQueue  *self);

/* Producer: queues @batch (taken), waiting while the queue is full.
 * Returns FALSE, freeing @batch, once the consumer has stopped. */
gboolean           pursuit_batch_queue_push  (PursuitBatchQueue  *self,
                                              gpointer            batch);
/* Producer: no more batches; @error (taken, may be NULL) says why the
 * producer stopped early. */
void               pursuit_batch_queue_close (PursuitBatchQueue  *self,
                                              GError             *error);

/* Consumer: the next batch, waiting for it; NULL after the last one,
 * with @error set when the producer failed. */
gpointer           pursuit_batch_queue_pop   (PursuitBatchQueue  *self,
                                              GError            **error);
/* Consumer: takes no more batches; the producer's next push fails and
 * what is queued is freed. */
void               pursuit_batch_queue_stop  (PursuitBatchQueue  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PursuitBatchQueue, pursuit_batch_queue_free)

G_END_DECLS
