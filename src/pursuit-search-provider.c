/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-search-provider"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pursuit-application.h"
#include "pursuit-board.h"
#include "pursuit-format.h"
#include "pursuit-search-provider.h"
#include "pursuit-shell-search-provider.h"
#include "pursuit-store-search.h"
#include "pursuit-window.h"

/* GNOME Shell's search provider: the overview lists the prospects that
 * the board's search finds for what the user types (see
 * pursuit_search_new(), without the notes), and opens the
 * page of the one chosen. D-Bus starts Pursuit for it when it is not
 * running (--gapplication-service: no window until a result is chosen). */

struct _PursuitSearchProvider
{
  GObject parent_instance;

  GApplication                    *application;  /* not a reference: it owns us */
  PursuitShellSearchProvider2     *skeleton;
};

G_DEFINE_FINAL_TYPE (PursuitSearchProvider, pursuit_search_provider, G_TYPE_OBJECT)

/* The Shell splits what the user typed into terms: one query again, so
 * that a phone number typed with spaces is found as one. */
static PursuitSearch *
search_new (PursuitStore       *store,
            const char * const *terms)
{
  static const char * const none[] = { NULL };
  g_autofree char *query = g_strjoinv (" ", (char **) (terms != NULL ? terms : none));

  return pursuit_search_new (store, query, PURSUIT_SEARCH_FIELDS);
}

GArray *
pursuit_search_provider_match (PursuitStore       *store,
                               const char * const *terms,
                               guint               max)
{
  g_autoptr(PursuitSearch) search = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GListModel *prospects;

  g_return_val_if_fail (PURSUIT_IS_STORE (store), ids);

  search = search_new (store, terms);
  if (search == NULL)
    return ids;
  /* The store's models hold no prospect of the Trash. */
  prospects = pursuit_store_get_prospects (store);
  for (guint i = 0; ids->len < max && i < g_list_model_get_n_items (prospects); i++)
    {
      g_autoptr(PursuitProspect) prospect = g_list_model_get_item (prospects, i);
      gint64 id = pursuit_prospect_get_id (prospect);

      if (pursuit_search_matches (search, prospect))
        g_array_append_val (ids, id);
    }
  return ids;
}

static PursuitStore *
get_store (PursuitSearchProvider *self)
{
  return pursuit_application_get_store (PURSUIT_APPLICATION (self->application));
}

/* The prospect of a result id, or NULL when it is gone (or in the Trash). */
static PursuitProspect *
find_result (PursuitSearchProvider *self,
             const char            *identifier)
{
  PursuitStore *store = get_store (self);
  gint64 id;

  if (store == NULL || !g_ascii_string_to_signed (identifier, 10, 1, G_MAXINT64, &id, NULL))
    return NULL;
  return pursuit_store_find (store, id);
}

static const char **
ids_to_strv (GArray *ids)
{
  GPtrArray *strv = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (strv, g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (ids, gint64, i)));
  g_ptr_array_add (strv, NULL);
  return (const char **) g_ptr_array_free (strv, FALSE);
}

/* Every call resets the inactivity timeout of a D-Bus activated
 * instance, so that it stays for the next key the user types. */
static void
keep_alive (PursuitSearchProvider *self)
{
  g_application_hold (self->application);
  g_application_release (self->application);
}

static gboolean
handle_get_initial_result_set (PursuitShellSearchProvider2 *skeleton,
                               GDBusMethodInvocation       *invocation,
                               const char * const          *terms,
                               PursuitSearchProvider       *self)
{
  PursuitStore *store = get_store (self);
  g_autoptr(GArray) ids = NULL;
  g_autofree const char **results = NULL;

  keep_alive (self);
  ids = store != NULL ? pursuit_search_provider_match (store, terms, PURSUIT_SEARCH_PROVIDER_MAX_RESULTS)
                      : g_array_new (FALSE, FALSE, sizeof (gint64));
  results = ids_to_strv (ids);
  pursuit_shell_search_provider2_complete_get_initial_result_set (skeleton, invocation, results);
  g_strfreev ((char **) g_steal_pointer (&results));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_get_subsearch_result_set (PursuitShellSearchProvider2 *skeleton,
                                 GDBusMethodInvocation       *invocation,
                                 const char * const          *previous,
                                 const char * const          *terms,
                                 PursuitSearchProvider       *self)
{
  g_autoptr(PursuitSearch) search = search_new (get_store (self), terms);
  g_autoptr(GPtrArray) results = g_ptr_array_new ();

  keep_alive (self);
  /* The earlier results that still match, in their order. */
  for (guint i = 0; search != NULL && previous[i] != NULL && results->len < PURSUIT_SEARCH_PROVIDER_MAX_RESULTS; i++)
    {
      PursuitProspect *prospect = find_result (self, previous[i]);

      if (prospect != NULL && pursuit_search_matches (search, prospect))
        g_ptr_array_add (results, (gpointer) previous[i]);
    }
  g_ptr_array_add (results, NULL);
  pursuit_shell_search_provider2_complete_get_subsearch_result_set (skeleton, invocation,
                                                                    (const char * const *) results->pdata);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static const char *
stage_label (PursuitProspect *prospect)
{
  switch (pursuit_prospect_get_stage (prospect))
    {
    case PURSUIT_STAGE_INBOX: return _("Inbox");
    case PURSUIT_STAGE_CUSTOMER: return _("Customer");
    case PURSUIT_STAGE_CLOSED: return _("Closed");
    case PURSUIT_STAGE_ACTIVE:
    default:
      break;
    }
  switch (pursuit_prospect_get_tier (prospect))
    {
    case PURSUIT_TIER_HOT: return _("Hot");
    case PURSUIT_TIER_GOOD: return _("Good");
    case PURSUIT_TIER_COOL: return _("Cool");
    case PURSUIT_TIER_COLD: return _("Cold");
    case PURSUIT_TIER_NONE:
    default: return "";
    }
}

/* When the next touch is: "due today", "due in 6 days", "overdue 3
 * days"; NULL without one. */
static char *
due_text (PursuitProspect *prospect)
{
  GDateTime *next = pursuit_prospect_get_next_touch (prospect);
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *when = NULL;
  gboolean overdue = FALSE;

  if (next == NULL)
    return NULL;
  now = pursuit_format_now ();
  when = pursuit_format_due (next, now, &overdue);
  if (overdue)
    return g_steal_pointer (&when);
  /* Translators: in the overview's search results; %s is "today",
   * "tomorrow" or "in 6 days". */
  return g_strdup_printf (_("due %s"), when);
}

/* "Company · Hot · due today", of what the prospect has. Plain text: the
 * Shell shows it as it is. */
static char *
describe (PursuitProspect *prospect)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *company = pursuit_prospect_get_company (prospect);
  const char *stage = stage_label (prospect);
  char *due = due_text (prospect);

  if (company != NULL && company[0] != '\0')
    g_ptr_array_add (parts, pursuit_format_shown (company, PURSUIT_FORMAT_SHOWN_CHARS));
  if (stage[0] != '\0')
    g_ptr_array_add (parts, g_strdup (stage));
  if (due != NULL)
    g_ptr_array_add (parts, due);
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static GVariant *
result_meta (const char      *identifier,
             PursuitProspect *prospect)
{
  g_autoptr(GIcon) icon = g_themed_icon_new (APPLICATION_ID);
  g_autoptr(GVariant) serialized = g_icon_serialize (icon);
  g_autofree char *name = pursuit_format_shown (pursuit_prospect_get_name (prospect), PURSUIT_FORMAT_SHOWN_CHARS);
  g_autofree char *description = describe (prospect);
  GVariantBuilder meta;

  g_variant_builder_init (&meta, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&meta, "{sv}", "id", g_variant_new_string (identifier));
  g_variant_builder_add (&meta, "{sv}", "name", g_variant_new_string (name));
  g_variant_builder_add (&meta, "{sv}", "description", g_variant_new_string (description));
  g_variant_builder_add (&meta, "{sv}", "icon", serialized);
  return g_variant_builder_end (&meta);
}

static gboolean
handle_get_result_metas (PursuitShellSearchProvider2 *skeleton,
                         GDBusMethodInvocation       *invocation,
                         const char * const          *identifiers,
                         PursuitSearchProvider       *self)
{
  GVariantBuilder metas;

  keep_alive (self);
  g_variant_builder_init (&metas, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; identifiers[i] != NULL; i++)
    {
      PursuitProspect *prospect = find_result (self, identifiers[i]);

      /* One deleted since the search has no meta, and the Shell drops it. */
      if (prospect != NULL)
        g_variant_builder_add_value (&metas, result_meta (identifiers[i], prospect));
    }
  pursuit_shell_search_provider2_complete_get_result_metas (skeleton, invocation, g_variant_builder_end (&metas));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_activate_result (PursuitShellSearchProvider2 *skeleton,
                        GDBusMethodInvocation       *invocation,
                        const char                  *identifier,
                        const char * const          *terms,
                        guint                        timestamp,
                        PursuitSearchProvider       *self)
{
  PursuitProspect *prospect = find_result (self, identifier);

  keep_alive (self);
  if (prospect != NULL)
    {
      g_debug ("Opening the page of prospect %" G_GINT64_FORMAT " from the overview",
               pursuit_prospect_get_id (prospect));
      /* As a reminder's default action does: the window, then the page. */
      g_action_group_activate_action (G_ACTION_GROUP (self->application), "open-prospect",
                                      g_variant_new_int64 (pursuit_prospect_get_id (prospect)));
    }
  pursuit_shell_search_provider2_complete_activate_result (skeleton, invocation);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* The board's search entry: the first search entry on the board. */
static GtkWidget *
find_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *entry = find_search_entry (child);

      if (entry != NULL)
        return entry;
    }
  return NULL;
}

static gboolean
handle_launch_search (PursuitShellSearchProvider2 *skeleton,
                      GDBusMethodInvocation       *invocation,
                      const char * const          *terms,
                      guint                        timestamp,
                      PursuitSearchProvider       *self)
{
  g_autofree char *text = g_strjoinv (" ", (char **) terms);
  GtkWindow *window;

  keep_alive (self);
  g_application_activate (self->application);
  window = gtk_application_get_active_window (GTK_APPLICATION (self->application));
  if (PURSUIT_IS_WINDOW (window) && pursuit_window_get_store (PURSUIT_WINDOW (window)) != NULL)
    {
      GtkWidget *board = pursuit_window_get_board (PURSUIT_WINDOW (window));
      GtkWidget *entry = find_search_entry (board);

      g_debug ("Searching the board for “%s” from the overview", text);
      pursuit_window_show_page (PURSUIT_WINDOW (window), "board");
      gtk_widget_activate_action (board, "board.search", NULL);
      if (entry != NULL)
        gtk_editable_set_text (GTK_EDITABLE (entry), text);
      /* At once, not after the entry's delay. */
      pursuit_board_set_search (PURSUIT_BOARD (board), text);
    }
  pursuit_shell_search_provider2_complete_launch_search (skeleton, invocation);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static void
pursuit_search_provider_dispose (GObject *object)
{
  PursuitSearchProvider *self = PURSUIT_SEARCH_PROVIDER (object);

  if (self->skeleton != NULL)
    pursuit_search_provider_unexport (self);
  g_clear_object (&self->skeleton);

  G_OBJECT_CLASS (pursuit_search_provider_parent_class)->dispose (object);
}

static void
pursuit_search_provider_class_init (PursuitSearchProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pursuit_search_provider_dispose;
}

static void
pursuit_search_provider_init (PursuitSearchProvider *self)
{
  self->skeleton = pursuit_shell_search_provider2_skeleton_new ();
  g_signal_connect_object (self->skeleton, "handle-get-initial-result-set",
                           G_CALLBACK (handle_get_initial_result_set), self, 0);
  g_signal_connect_object (self->skeleton, "handle-get-subsearch-result-set",
                           G_CALLBACK (handle_get_subsearch_result_set), self, 0);
  g_signal_connect_object (self->skeleton, "handle-get-result-metas", G_CALLBACK (handle_get_result_metas), self,
                           0);
  g_signal_connect_object (self->skeleton, "handle-activate-result", G_CALLBACK (handle_activate_result), self, 0);
  g_signal_connect_object (self->skeleton, "handle-launch-search", G_CALLBACK (handle_launch_search), self, 0);
}

PursuitSearchProvider *
pursuit_search_provider_new (GApplication *application)
{
  PursuitSearchProvider *self;

  g_return_val_if_fail (PURSUIT_IS_APPLICATION (application), NULL);

  self = g_object_new (PURSUIT_TYPE_SEARCH_PROVIDER, NULL);
  self->application = application;
  return self;
}

gboolean
pursuit_search_provider_export (PursuitSearchProvider  *self,
                                GDBusConnection        *connection,
                                const char             *object_path,
                                GError                **error)
{
  g_return_val_if_fail (PURSUIT_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (object_path != NULL, FALSE);

  return g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (self->skeleton), connection, object_path,
                                           error);
}

void
pursuit_search_provider_unexport (PursuitSearchProvider *self)
{
  g_return_if_fail (PURSUIT_IS_SEARCH_PROVIDER (self));

  if (g_dbus_interface_skeleton_get_connection (G_DBUS_INTERFACE_SKELETON (self->skeleton)) != NULL)
    g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self->skeleton));
}
