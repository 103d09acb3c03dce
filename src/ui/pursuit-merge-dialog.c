/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-merge-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pursuit-merge-dialog.h"
#include "pursuit-store-search.h"

/* The dialog keeps what it needs as object data: it is a plain
 * AdwMessageDialog with a list as its extra child. */
#define KEEP_KEY      "pursuit-merge-keep"
#define SELECTION_KEY "pursuit-merge-selection"
#define FILTER_KEY    "pursuit-merge-filter"
#define SEARCH_KEY    "pursuit-merge-search"
#define MATCH_KEY     "pursuit-merge-match"

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  AdwMessageDialog *dialog = user_data;
  PursuitProspect *p = item;
  const char *search = g_object_get_data (G_OBJECT (dialog), SEARCH_KEY);
  g_autofree char *joined = NULL;
  g_autofree char *text = NULL;

  if (p == g_object_get_data (G_OBJECT (dialog), KEEP_KEY))
    return FALSE;
  if (search == NULL || search[0] == '\0')
    return TRUE;
  joined = g_strjoin (" ", pursuit_prospect_get_name (p), pursuit_prospect_get_company (p),
                      pursuit_prospect_get_email (p), pursuit_prospect_get_phone (p), NULL);
  text = pursuit_store_fold_text (joined);
  return strstr (text, search) != NULL;
}

/* The likely duplicate first, then by name. */
static int
compare_func (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  gpointer match = g_object_get_data (G_OBJECT (user_data), MATCH_KEY);

  if ((a == match) != (b == match))
    return a == match ? -1 : 1;
  return g_utf8_collate (pursuit_prospect_get_name ((PursuitProspect *) a),
                         pursuit_prospect_get_name ((PursuitProspect *) b));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  PursuitProspect *p = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  const char *company = pursuit_prospect_get_company (p);
  const char *email = pursuit_prospect_get_email (p);
  g_autofree char *detail = company[0] != '\0' && email[0] != '\0' ? g_strjoin (" · ", company, email, NULL)
                                                                   : g_strconcat (company, email, NULL);

  /* Plain text: names are what the user typed. */
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), pursuit_prospect_get_name (p));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), detail);
}

static void
search_changed_cb (GtkSearchEntry   *entry,
                   AdwMessageDialog *dialog)
{
  pursuit_merge_dialog_set_search (dialog, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

void
pursuit_merge_dialog_set_search (AdwMessageDialog *dialog,
                                 const char       *text)
{
  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (dialog));

  g_object_set_data_full (G_OBJECT (dialog), SEARCH_KEY,
                          text != NULL && text[0] != '\0' ? pursuit_store_fold_text (text) : NULL, g_free);
  gtk_filter_changed (g_object_get_data (G_OBJECT (dialog), FILTER_KEY), GTK_FILTER_CHANGE_DIFFERENT);
}

static GtkWidget *
build_list (AdwMessageDialog *dialog,
            PursuitStore     *store)
{
  GtkCustomFilter *filter = gtk_custom_filter_new (filter_func, dialog, NULL);
  GtkCustomSorter *sorter = gtk_custom_sorter_new (compare_func, dialog, NULL);
  GtkFilterListModel *filtered = gtk_filter_list_model_new (g_object_ref (pursuit_store_get_prospects (store)),
                                                            GTK_FILTER (filter));
  GtkSortListModel *sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered), GTK_SORTER (sorter));
  GtkSingleSelection *selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_search_entry_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_object_set_data_full (G_OBJECT (dialog), FILTER_KEY, g_object_ref (filter), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), SELECTION_KEY, g_object_ref (selection), g_object_unref);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (selection), factory);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Prospects"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search prospects"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
  g_signal_connect_object (entry, "search-changed", G_CALLBACK (search_changed_cb), dialog, 0);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), scroller);
  return box;
}

AdwMessageDialog *
pursuit_merge_dialog_new (GtkWindow       *parent,
                          PursuitStore    *store,
                          PursuitProspect *keep)
{
  AdwMessageDialog *dialog;
  PursuitProspect *match;

  g_return_val_if_fail (PURSUIT_IS_STORE (store), NULL);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (keep), NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, NULL, NULL));
  /* Translators: %s is a prospect's name. */
  adw_message_dialog_format_heading (dialog, _("Merge With %s"), pursuit_prospect_get_name (keep));
  adw_message_dialog_set_body (dialog, _("Choose the other record of this person. The touches of both are kept, "
                                         "the newer details win, and the other record goes to the Trash."));
  g_object_set_data_full (G_OBJECT (dialog), KEEP_KEY, g_object_ref (keep), g_object_unref);
  match = pursuit_store_find_match (store, keep, NULL);
  if (match != NULL)
    g_object_set_data_full (G_OBJECT (dialog), MATCH_KEY, g_object_ref (match), g_object_unref);
  adw_message_dialog_set_extra_child (dialog, build_list (dialog, store));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "merge", _("_Merge"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "merge", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "merge");
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

PursuitProspect *
pursuit_merge_dialog_get_keep (AdwMessageDialog *dialog)
{
  g_return_val_if_fail (ADW_IS_MESSAGE_DIALOG (dialog), NULL);

  return g_object_get_data (G_OBJECT (dialog), KEEP_KEY);
}

PursuitProspect *
pursuit_merge_dialog_get_other (AdwMessageDialog *dialog)
{
  GtkSingleSelection *selection;

  g_return_val_if_fail (ADW_IS_MESSAGE_DIALOG (dialog), NULL);

  selection = g_object_get_data (G_OBJECT (dialog), SELECTION_KEY);
  return selection != NULL ? gtk_single_selection_get_selected_item (selection) : NULL;
}

gboolean
pursuit_merge_dialog_select (AdwMessageDialog *dialog,
                             PursuitProspect  *other)
{
  GtkSingleSelection *selection;
  GListModel *model;

  g_return_val_if_fail (ADW_IS_MESSAGE_DIALOG (dialog), FALSE);

  selection = g_object_get_data (G_OBJECT (dialog), SELECTION_KEY);
  model = G_LIST_MODEL (selection);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PursuitProspect) p = g_list_model_get_item (model, i);

      if (p == other)
        {
          gtk_single_selection_set_selected (selection, i);
          return TRUE;
        }
    }
  return FALSE;
}
