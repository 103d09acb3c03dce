/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-undo"

#include "config.h"

#include "pursuit-undo-stack.h"

typedef struct
{
  guint           id;
  char           *title;
  PursuitUndoFunc func;
  gpointer        data;
  GDestroyNotify  destroy;
} Entry;

struct _PursuitUndoStack
{
  GObject  parent_instance;

  GQueue   entries;   /* Entry *, newest at the head */
  guint    last_id;
  guint    undoing;   /* depth of undos running */
};

G_DEFINE_FINAL_TYPE (PursuitUndoStack, pursuit_undo_stack, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
entry_free (Entry *entry)
{
  if (entry->destroy != NULL)
    entry->destroy (entry->data);
  g_free (entry->title);
  g_free (entry);
}

static void
notify_if_changed (PursuitUndoStack *self,
                   gboolean          could_undo)
{
  if (could_undo != (self->entries.length > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
}

static void
pursuit_undo_stack_finalize (GObject *object)
{
  PursuitUndoStack *self = PURSUIT_UNDO_STACK (object);

  g_queue_clear_full (&self->entries, (GDestroyNotify) entry_free);

  G_OBJECT_CLASS (pursuit_undo_stack_parent_class)->finalize (object);
}

static void
pursuit_undo_stack_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PursuitUndoStack *self = PURSUIT_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, self->entries.length > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pursuit_undo_stack_class_init (PursuitUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pursuit_undo_stack_finalize;
  object_class->get_property = pursuit_undo_stack_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pursuit_undo_stack_init (PursuitUndoStack *self)
{
  g_queue_init (&self->entries);
}

PursuitUndoStack *
pursuit_undo_stack_new (void)
{
  return g_object_new (PURSUIT_TYPE_UNDO_STACK, NULL);
}

/**
 * pursuit_undo_stack_push:
 * @self: a #PursuitUndoStack
 * @title: what the change was
 * @func: what undoes it
 * @data: for @func
 * @destroy: (nullable): frees @data when the change leaves the stack
 *
 * Returns: the change's id
 */
guint
pursuit_undo_stack_push (PursuitUndoStack *self,
                         const char       *title,
                         PursuitUndoFunc   func,
                         gpointer          data,
                         GDestroyNotify    destroy)
{
  gboolean could_undo;
  Entry *entry;

  g_return_val_if_fail (PURSUIT_IS_UNDO_STACK (self), 0);
  g_return_val_if_fail (title != NULL, 0);
  g_return_val_if_fail (func != NULL, 0);

  could_undo = self->entries.length > 0;
  entry = g_new0 (Entry, 1);
  entry->id = ++self->last_id;
  if (entry->id == 0)
    entry->id = ++self->last_id;
  entry->title = g_strdup (title);
  entry->func = func;
  entry->data = data;
  entry->destroy = destroy;
  g_queue_push_head (&self->entries, entry);
  while (self->entries.length > PURSUIT_UNDO_STACK_DEPTH)
    entry_free (g_queue_pop_tail (&self->entries));
  notify_if_changed (self, could_undo);
  return entry->id;
}

static GList *
find (PursuitUndoStack *self,
      guint             id)
{
  if (id == 0)
    return self->entries.head;
  for (GList *l = self->entries.head; l != NULL; l = l->next)
    if (((Entry *) l->data)->id == id)
      return l;
  return NULL;
}

gboolean
pursuit_undo_stack_undo (PursuitUndoStack  *self,
                         guint              id,
                         char             **title,
                         GError           **error)
{
  GList *link;
  Entry *entry;
  gboolean ok;

  g_return_val_if_fail (PURSUIT_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (title != NULL)
    *title = NULL;
  link = find (self, id);
  if (link == NULL)
    return FALSE;

  /* Off the stack first: what the undo does may push or undo again. */
  entry = link->data;
  g_queue_delete_link (&self->entries, link);
  notify_if_changed (self, TRUE);
  self->undoing++;
  ok = entry->func (entry->data, error);
  self->undoing--;
  if (title != NULL)
    *title = g_steal_pointer (&entry->title);
  entry_free (entry);
  return ok;
}

gboolean
pursuit_undo_stack_contains (PursuitUndoStack *self,
                             guint             id)
{
  g_return_val_if_fail (PURSUIT_IS_UNDO_STACK (self), FALSE);

  return id != 0 && find (self, id) != NULL;
}

/* Whether an undo is running: what it changes is no new change to push. */
gboolean
pursuit_undo_stack_is_undoing (PursuitUndoStack *self)
{
  g_return_val_if_fail (PURSUIT_IS_UNDO_STACK (self), FALSE);

  return self->undoing > 0;
}

guint
pursuit_undo_stack_get_depth (PursuitUndoStack *self)
{
  g_return_val_if_fail (PURSUIT_IS_UNDO_STACK (self), 0);

  return self->entries.length;
}

const char *
pursuit_undo_stack_peek (PursuitUndoStack *self)
{
  g_return_val_if_fail (PURSUIT_IS_UNDO_STACK (self), NULL);

  return self->entries.head != NULL ? ((Entry *) self->entries.head->data)->title : NULL;
}

void
pursuit_undo_stack_clear (PursuitUndoStack *self)
{
  gboolean could_undo;

  g_return_if_fail (PURSUIT_IS_UNDO_STACK (self));

  could_undo = self->entries.length > 0;
  g_queue_clear_full (&self->entries, (GDestroyNotify) entry_free);
  notify_if_changed (self, could_undo);
}

/**
 * pursuit_undo_stack_get_newest_id:
 * @self: a #PursuitUndoStack
 *
 * Returns: the id of the newest change, or 0 when there is none
 */
guint
pursuit_undo_stack_get_newest_id (PursuitUndoStack *self)
{
  g_return_val_if_fail (PURSUIT_IS_UNDO_STACK (self), 0);

  return self->entries.head != NULL ? ((Entry *) self->entries.head->data)->id : 0;
}

typedef struct
{
  GPtrArray *parts;   /* Entry *, newest first */
} Combined;

static void
combined_free (Combined *combined)
{
  g_ptr_array_unref (combined->parts);
  g_free (combined);
}

/* Undoes the parts newest first, as Ctrl+Z would have one by one; stops
 * at the first that fails, since the older ones may rest on it. */
static gboolean
combined_undo (gpointer   data,
               GError   **error)
{
  Combined *combined = data;

  for (guint i = 0; i < combined->parts->len; i++)
    {
      Entry *part = g_ptr_array_index (combined->parts, i);

      if (!part->func (part->data, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * pursuit_undo_stack_combine:
 * @self: a #PursuitUndoStack
 * @since_id: the newest id before the changes to combine, or 0
 * @title: what the changes were together
 *
 * Makes the changes pushed after @since_id one entry, so that one action
 * made of several writes is one Undo.
 *
 * Returns: the id of that entry, or 0 when nothing was pushed since
 */
guint
pursuit_undo_stack_combine (PursuitUndoStack *self,
                            guint             since_id,
                            const char       *title)
{
  Combined *combined;
  Entry *entry;

  g_return_val_if_fail (PURSUIT_IS_UNDO_STACK (self), 0);
  g_return_val_if_fail (title != NULL, 0);

  /* Ids only grow, and the newest are at the head. */
  combined = g_new0 (Combined, 1);
  combined->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  while (self->entries.head != NULL
         && ((Entry *) self->entries.head->data)->id > since_id)
    g_ptr_array_add (combined->parts, g_queue_pop_head (&self->entries));

  if (combined->parts->len <= 1)
    {
      entry = combined->parts->len == 1 ? g_ptr_array_steal_index (combined->parts, 0) : NULL;
      combined_free (combined);
      if (entry == NULL)
        return 0;
      g_free (entry->title);
      entry->title = g_strdup (title);
      g_queue_push_head (&self->entries, entry);
      return entry->id;
    }

  /* The newest part's id stays the entry's: a toast that showed it
   * still undoes the whole. */
  entry = g_new0 (Entry, 1);
  entry->id = ((Entry *) g_ptr_array_index (combined->parts, 0))->id;
  entry->title = g_strdup (title);
  entry->func = combined_undo;
  entry->data = combined;
  entry->destroy = (GDestroyNotify) combined_free;
  g_queue_push_head (&self->entries, entry);
  return entry->id;
}
