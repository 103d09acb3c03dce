/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-board"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pursuit-board.h"
#include "pursuit-format.h"
#include "pursuit-let-go-dialog.h"
#include "pursuit-merge-dialog.h"
#include "pursuit-prospect-card.h"
#include "pursuit-store-merge.h"
#include "pursuit-store-search.h"
#include "pursuit-store-trash.h"
#include "pursuit-trash-page.h"
#include "pursuit-undo-stack.h"
#include "pursuit-undo-toast.h"

/* What undo puts back: the prospect as it was before a move (a detached
 * copy written back over it), or a deleted prospect from the Trash. It
 * lives on the store's undo stack, which the store owns: @store is not
 * a reference. */
typedef struct
{
  PursuitStore    *store;
  PursuitProspect *prospect;
  PursuitProspect *before;
  gboolean         deleted;
} Undo;

struct _PursuitBoard
{
  GtkWidget           parent_instance;

  PursuitStore       *store;
  GtkCustomFilter    *filter;
  char               *search;
  char               *search_tag;     /* when the search is "#tag" */
  PursuitSearch      *query;          /* the search's words, but for a tag */
  /* Whether filter_func() is set on the filter (while there is a search). */
  gboolean            filtering;
  guint               undo_id;      /* on the store's undo stack */
  PursuitUndoToast    undo_toast;   /* the newest change's, while it shows */
  PursuitLetGoDialog *let_go_dialog;
  AdwMessageDialog   *merge_dialog;

  AdwToastOverlay    *toast_overlay;
  GtkToggleButton    *pipeline_button;
  GtkToggleButton    *customers_button;
  GtkToggleButton    *closed_button;
  GtkToggleButton    *trash_button;
  GtkWidget          *hint_label;
  PursuitTrashPage   *trash_page;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkStack           *pages;
  GtkStack           *stack;
  GtkRevealer        *drop_zones;
  GtkWidget          *won_zone;
  GtkWidget          *let_go_zone;
  GtkLabel           *won_label;
  GtkLabel           *let_go_label;
  PursuitStageColumn *inbox_column;
  PursuitStageColumn *hot_column;
  PursuitStageColumn *good_column;
  PursuitStageColumn *cool_column;
  PursuitStageColumn *cold_column;
  AdwLeaflet         *columns_leaflet;
  GtkRevealer        *switcher_revealer;
  guint               folded_id;
  GtkToggleButton    *inbox_switch;
  GtkToggleButton    *hot_switch;
  GtkToggleButton    *good_switch;
  GtkToggleButton    *cool_switch;
  GtkToggleButton    *cold_switch;
  PursuitStageColumn *customers_column;
  PursuitStageColumn *closed_column;
};

G_DEFINE_FINAL_TYPE (PursuitBoard, pursuit_board, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  EDIT_PROSPECT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
undo_free (Undo *undo)
{
  g_clear_object (&undo->prospect);
  g_clear_object (&undo->before);
  g_free (undo);
}

static gboolean
run_undo (gpointer   data,
          GError   **error)
{
  Undo *undo = data;
  PursuitProspect *trashed;

  if (!undo->deleted)
    return pursuit_store_update (undo->store, undo->prospect, undo->before, error);
  trashed = pursuit_store_find_trashed (undo->store, pursuit_prospect_get_id (undo->prospect));
  return pursuit_store_untrash (undo->store, trashed != NULL ? trashed : undo->prospect, error);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Undo, undo_free)

static PursuitStageColumn *
column_at (PursuitBoard *self,
           guint         index)
{
  PursuitStageColumn *columns[PURSUIT_BOARD_N_COLUMNS] = {
    self->inbox_column, self->hot_column, self->good_column, self->cool_column, self->cold_column,
  };

  g_assert (index < PURSUIT_BOARD_N_COLUMNS);
  return columns[index];
}

/* The button that shows column @index when the board is too narrow for
 * all of them. */
static GtkToggleButton *
switch_at (PursuitBoard *self,
           guint         index)
{
  GtkToggleButton *switches[PURSUIT_BOARD_N_COLUMNS] = {
    self->inbox_switch, self->hot_switch, self->good_switch, self->cool_switch, self->cold_switch,
  };

  g_assert (index < PURSUIT_BOARD_N_COLUMNS);
  return switches[index];
}

static void
column_switched_cb (PursuitBoard    *self,
                    GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  for (guint i = 0; i < PURSUIT_BOARD_N_COLUMNS; i++)
    if (switch_at (self, i) == button)
      adw_leaflet_set_visible_child (self->columns_leaflet, GTK_WIDGET (column_at (self, i)));
}

/* A swipe shows another column: its button follows. */
static void
visible_column_cb (PursuitBoard *self)
{
  GtkWidget *visible = adw_leaflet_get_visible_child (self->columns_leaflet);

  for (guint i = 0; i < PURSUIT_BOARD_N_COLUMNS; i++)
    if (GTK_WIDGET (column_at (self, i)) == visible)
      gtk_toggle_button_set_active (switch_at (self, i), TRUE);
}

static void update_hint (PursuitBoard *self);

/* The leaflet folds while it is allocated, too late for the switcher to
 * appear (or the hint to go) in that frame: they do in the next. */
static gboolean
show_switcher (gpointer data)
{
  PursuitBoard *self = data;

  self->folded_id = 0;
  gtk_revealer_set_reveal_child (self->switcher_revealer, adw_leaflet_get_folded (self->columns_leaflet));
  update_hint (self);
  return G_SOURCE_REMOVE;
}

static void
folded_cb (PursuitBoard *self)
{
  if (self->folded_id == 0)
    self->folded_id = g_idle_add (show_switcher, self);
}

/* Toasts. Titles are markup in libadwaita 1.2, and names are what the
 * user typed. */

/* In place of the toast on screen, with an Undo for the newest change
 * (self->undo_id) when @with_undo. */
static void
show_undo_toast (PursuitBoard *self,
                 const char   *title,
                 gboolean      with_undo)
{
  g_autofree char *shown = pursuit_format_shown (title, PURSUIT_FORMAT_SHOWN_CHARS);
  g_autofree char *escaped = g_markup_escape_text (shown, -1);

  pursuit_undo_toast_show (&self->undo_toast, self->toast_overlay, escaped, with_undo ? "board.undo" : NULL, NULL);
}

static void
show_toast (PursuitBoard *self,
            const char   *title,
            Undo         *undo)
{
  /* Every change goes on the store's undo stack, where Ctrl+Z finds it
   * after its toast is gone; the toast's Undo undoes its own change. */
  if (undo != NULL)
    {
      undo->store = self->store;
      self->undo_id = pursuit_undo_stack_push (pursuit_store_get_undo_stack (self->store), title, run_undo,
                                               undo, (GDestroyNotify) undo_free);
    }
  show_undo_toast (self, title, undo != NULL);
}

static void
show_error (PursuitBoard *self,
            const GError *error)
{
  show_toast (self, error->message, NULL);
}

static Undo *
undo_for_move (PursuitProspect *prospect)
{
  Undo *undo = g_new0 (Undo, 1);

  undo->prospect = g_object_ref (prospect);
  undo->before = pursuit_prospect_dup (prospect);
  return undo;
}

static const char *
place_name (PursuitStage stage,
            PursuitTier  tier)
{
  static const char *tiers[] = { N_("Inbox"), N_("Hot"), N_("Good"), N_("Cool"), N_("Cold") };

  if (stage == PURSUIT_STAGE_ACTIVE && tier < G_N_ELEMENTS (tiers))
    return _(tiers[tier]);
  if (stage == PURSUIT_STAGE_CUSTOMER)
    return _("Customers");
  return _("Inbox");
}

/* The moves, each committed by the store before the toast says so. */

static void
move_prospect (PursuitBoard    *self,
               PursuitProspect *prospect,
               PursuitStage     stage,
               PursuitTier      tier)
{
  g_autoptr(Undo) undo = NULL;
  g_autoptr(GDateTime) now = pursuit_format_now ();
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (stage != PURSUIT_STAGE_ACTIVE)
    tier = PURSUIT_TIER_NONE;
  if (pursuit_prospect_get_stage (prospect) == stage && pursuit_prospect_get_tier (prospect) == tier)
    return;

  undo = undo_for_move (prospect);
  if (!pursuit_store_move (self->store, prospect, stage, tier, now, &error))
    {
      show_error (self, error);
      return;
    }

  if (stage == PURSUIT_STAGE_CUSTOMER)
    /* Translators: %s is a prospect's name. */
    title = g_strdup_printf (_("%s is a customer now"), pursuit_prospect_get_name (prospect));
  else
    /* Translators: "Moved Jane Doe to Hot". */
    title = g_strdup_printf (_("Moved %s to %s"), pursuit_prospect_get_name (prospect),
                             place_name (stage, tier));
  show_toast (self, title, g_steal_pointer (&undo));
}

static void
let_go_confirmed_cb (PursuitBoard       *self,
                     const char         *reason,
                     GDateTime          *revisit,
                     PursuitLetGoDialog *dialog)
{
  PursuitProspect *prospect = pursuit_let_go_dialog_get_prospect (dialog);
  g_autoptr(Undo) undo = undo_for_move (prospect);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!pursuit_store_let_go (self->store, prospect, reason, revisit, &error))
    {
      show_error (self, error);
      return;
    }
  /* Translators: %s is a prospect's name. */
  title = g_strdup_printf (_("Let go of %s"), pursuit_prospect_get_name (prospect));
  show_toast (self, title, g_steal_pointer (&undo));
}

static void
ask_let_go (PursuitBoard    *self,
            PursuitProspect *prospect)
{
  g_autoptr(GDateTime) now = pursuit_format_now ();
  g_autoptr(GDateTime) revisit = pursuit_policy_revisit_date (pursuit_store_get_policy (self->store), now);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->let_go_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->let_go_dialog));
  self->let_go_dialog = pursuit_let_go_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                   prospect, revisit);
  g_object_add_weak_pointer (G_OBJECT (self->let_go_dialog), (gpointer *) &self->let_go_dialog);
  g_signal_connect_object (self->let_go_dialog, "confirmed", G_CALLBACK (let_go_confirmed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->let_go_dialog));
}

/* To the Trash, from where Undo (or the Trash page) brings it back with
 * its id and touches. */
static void
delete_prospect (PursuitBoard    *self,
                 PursuitProspect *prospect)
{
  g_autoptr(Undo) undo = g_new0 (Undo, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  undo->deleted = TRUE;
  undo->prospect = g_object_ref (prospect);
  if (!pursuit_store_trash (self->store, prospect, &error))
    {
      show_error (self, error);
      return;
    }
  /* Translators: %s is a prospect's name. */
  title = g_strdup_printf (_("Moved %s to the Trash"), pursuit_prospect_get_name (prospect));
  show_toast (self, title, g_steal_pointer (&undo));
}

/* A merge on the undo stack: @store is not a reference (see Undo). */
typedef struct
{
  PursuitStore     *store;
  PursuitMergeUndo *undo;
} MergeUndo;

static void
merge_undo_free (gpointer data)
{
  MergeUndo *merge = data;

  pursuit_merge_undo_free (merge->undo);
  g_free (merge);
}

static gboolean
run_merge_undo (gpointer   data,
                GError   **error)
{
  MergeUndo *merge = data;

  return pursuit_store_undo_merge (merge->store, merge->undo, error);
}

static void
merge_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   PursuitBoard     *self)
{
  PursuitProspect *keep = pursuit_merge_dialog_get_keep (dialog);
  PursuitProspect *other = pursuit_merge_dialog_get_other (dialog);
  g_autoptr(PursuitMergeUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  MergeUndo *merge;

  if (g_strcmp0 (response, "merge") != 0 || other == NULL || self->store == NULL)
    return;
  if (!pursuit_store_merge (self->store, keep, other, &undo, &error))
    {
      show_error (self, error);
      return;
    }
  /* Translators: "Merged Chris Ortiz into Chris Ortiz" (two records). */
  title = g_strdup_printf (_("Merged %s into %s"), pursuit_prospect_get_name (other), pursuit_prospect_get_name (keep));
  merge = g_new0 (MergeUndo, 1);
  merge->store = self->store;
  merge->undo = g_steal_pointer (&undo);
  self->undo_id = pursuit_undo_stack_push (pursuit_store_get_undo_stack (self->store), title, run_merge_undo, merge,
                                           merge_undo_free);
  show_undo_toast (self, title, TRUE);
}

static void
ask_merge (PursuitBoard    *self,
           PursuitProspect *prospect)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->merge_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->merge_dialog));
  self->merge_dialog = pursuit_merge_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store,
                                                 prospect);
  g_object_add_weak_pointer (G_OBJECT (self->merge_dialog), (gpointer *) &self->merge_dialog);
  g_signal_connect_object (self->merge_dialog, "response", G_CALLBACK (merge_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (self->merge_dialog));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  PursuitBoard *self = PURSUIT_BOARD (widget);
  g_autoptr(GError) error = NULL;
  guint id = self->undo_id;

  /* Its toast goes by itself once its button is clicked: an error
   * shows in a toast of its own. */
  pursuit_undo_toast_clear (&self->undo_toast);
  self->undo_id = 0;
  /* Gone when Ctrl+Z undid it already. */
  if (self->store == NULL || id == 0)
    return;
  if (!pursuit_undo_stack_undo (pursuit_store_get_undo_stack (self->store), id, NULL, &error) && error != NULL)
    show_error (self, error);
}

/* The board's actions on prospects by id. */

static PursuitProspect *
lookup (PursuitBoard *self,
        GVariant     *param)
{
  gint64 id = 0;

  if (self->store == NULL)
    return NULL;
  if (g_variant_is_of_type (param, G_VARIANT_TYPE_INT64))
    id = g_variant_get_int64 (param);
  else
    g_variant_get_child (param, 0, "x", &id);
  return pursuit_store_find (self->store, id);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  PursuitBoard *self = PURSUIT_BOARD (widget);
  PursuitProspect *prospect = lookup (self, param);
  gint64 id;
  int stage, tier;

  g_variant_get (param, "(xii)", &id, &stage, &tier);
  if (prospect == NULL || stage < PURSUIT_STAGE_INBOX || stage > PURSUIT_STAGE_CUSTOMER
      || tier < PURSUIT_TIER_NONE || tier > PURSUIT_TIER_COLD
      || (stage == PURSUIT_STAGE_ACTIVE && tier == PURSUIT_TIER_NONE))
    return;
  move_prospect (self, prospect, stage, tier);
}

static void
won_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  PursuitBoard *self = PURSUIT_BOARD (widget);
  PursuitProspect *prospect = lookup (self, param);

  if (prospect != NULL)
    move_prospect (self, prospect, PURSUIT_STAGE_CUSTOMER, PURSUIT_TIER_NONE);
}

static void
let_go_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  PursuitBoard *self = PURSUIT_BOARD (widget);
  PursuitProspect *prospect = lookup (self, param);

  if (prospect != NULL)
    ask_let_go (self, prospect);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  PursuitBoard *self = PURSUIT_BOARD (widget);
  PursuitProspect *prospect = lookup (self, param);

  if (prospect != NULL)
    delete_prospect (self, prospect);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  PursuitBoard *self = PURSUIT_BOARD (widget);
  PursuitProspect *prospect = lookup (self, param);

  if (prospect != NULL)
    ask_merge (self, prospect);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  PursuitBoard *self = PURSUIT_BOARD (widget);
  PursuitProspect *prospect = lookup (self, param);

  if (prospect != NULL)
    g_signal_emit (self, signals[EDIT_PROSPECT], 0, prospect);
}

/* Shortcuts act on the focused card. GTK 4.8 list rows take the focus
 * themselves; the card is the row's child. */
static PursuitProspectCard *
focused_card (PursuitBoard *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *widget = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (; widget != NULL && widget != GTK_WIDGET (self); widget = gtk_widget_get_parent (widget))
    {
      GtkWidget *child = gtk_widget_get_first_child (widget);

      if (PURSUIT_IS_PROSPECT_CARD (widget))
        return PURSUIT_PROSPECT_CARD (widget);
      if (child != NULL && PURSUIT_IS_PROSPECT_CARD (child))
        return PURSUIT_PROSPECT_CARD (child);
    }
  return NULL;
}

/* "board.focused": the card action named by the parameter ("card.won",
 * "card.menu"…), on the focused card. */
static void
focused_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  PursuitProspectCard *card = focused_card (PURSUIT_BOARD (widget));

  if (card != NULL && pursuit_prospect_card_get_prospect (card) != NULL)
    gtk_widget_activate_action_variant (GTK_WIDGET (card), g_variant_get_string (param, NULL), NULL);
}

static void
move_focused_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  PursuitProspectCard *card = focused_card (PURSUIT_BOARD (widget));

  if (card != NULL && pursuit_prospect_card_get_prospect (card) != NULL)
    gtk_widget_activate_action_variant (GTK_WIDGET (card), "card.move", param);
}

/* Search: every column shows the prospects that match every word of
 * the search in their name, company, email, tags, notes, touch notes or
 * phone number (see pursuit_search_new()), as the overview's search
 * does; "#vip" shows those tagged "vip", and only them. */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  PursuitBoard *self = user_data;
  PursuitProspect *p = item;

  if (self->search == NULL)
    return TRUE;
  if (self->search_tag != NULL)
    return pursuit_prospect_has_tag (p, self->search_tag);
  return self->query != NULL && pursuit_search_matches (self->query, p);
}

/* The drag hint speaks of the pipeline's columns: only there, and only
 * when it has cards. */
static void
update_hint (PursuitBoard *self)
{
  /* One column at a time, there is nowhere to drag a card to. */
  gboolean columns = g_strcmp0 (gtk_stack_get_visible_child_name (self->pages), "pipeline") == 0
                     && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "columns") == 0
                     && !adw_leaflet_get_folded (self->columns_leaflet);

  gtk_widget_set_child_visible (self->hint_label, columns);
}

static void
update_empty_state (PursuitBoard *self)
{
  guint total = 0;
  guint shown = 0;

  for (guint i = 0; i < PURSUIT_BOARD_N_COLUMNS; i++)
    {
      PursuitStageColumn *column = column_at (self, i);

      shown += pursuit_stage_column_get_n_prospects (column);
      if (self->store != NULL)
        total += g_list_model_get_n_items (pursuit_store_get_model (self->store,
                                                                    pursuit_stage_column_get_stage (column),
                                                                    pursuit_stage_column_get_tier (column)));
    }

  if (total == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (shown == 0)
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->stack, "columns");
  update_hint (self);
}

void
pursuit_board_set_search (PursuitBoard *self,
                          const char   *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  g_return_if_fail (PURSUIT_IS_BOARD (self));

  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->search_tag, g_free);
  g_clear_pointer (&self->query, pursuit_search_free);
  if (stripped[0] == '#' && stripped[1] != '\0')
    {
      self->search = pursuit_store_fold_text (stripped);
      self->search_tag = pursuit_prospect_normalize_tags (stripped);
    }
  else if (stripped[0] != '\0')
    {
      self->search = pursuit_store_fold_text (stripped);
      self->query = pursuit_search_new (self->store, stripped, PURSUIT_SEARCH_NOTES);
    }
  /* Without a search the filter has no function: it matches everything,
   * and the columns' filter models pass their items through rather than
   * testing and tracking each of them. Setting the function tells them. */
  if (self->search == NULL)
    {
      if (self->filtering)
        gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
    }
  else if (!self->filtering)
    gtk_custom_filter_set_filter_func (self->filter, filter_func, self, NULL);
  else
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  self->filtering = self->search != NULL;
  update_empty_state (self);
}

static void
search_changed_cb (PursuitBoard *self)
{
  pursuit_board_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
stop_search_cb (PursuitBoard *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  /* At once, not after the entry's search-changed delay. */
  pursuit_board_set_search (self, NULL);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  PursuitBoard *self = PURSUIT_BOARD (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
page_toggled_cb (PursuitBoard *self)
{
  if (gtk_toggle_button_get_active (self->customers_button))
    gtk_stack_set_visible_child_name (self->pages, "customers");
  else if (gtk_toggle_button_get_active (self->closed_button))
    gtk_stack_set_visible_child_name (self->pages, "closed");
  else if (gtk_toggle_button_get_active (self->trash_button))
    gtk_stack_set_visible_child_name (self->pages, "trash");
  else
    gtk_stack_set_visible_child_name (self->pages, "pipeline");
  update_hint (self);
}

/* Alt+P, Alt+U, Alt+O and Alt+T pick a page also when the page buttons
 * show icons, which have no mnemonics. */
static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  PursuitBoard *self = PURSUIT_BOARD (widget);
  const char *page = g_variant_get_string (param, NULL);
  GtkToggleButton *button = self->pipeline_button;

  if (g_str_equal (page, "customers"))
    button = self->customers_button;
  else if (g_str_equal (page, "closed"))
    button = self->closed_button;
  else if (g_str_equal (page, "trash"))
    button = self->trash_button;
  gtk_toggle_button_set_active (button, TRUE);
}

/* Drag and drop. */

/* Any drop ends the drag; only a prospect of this board's store moves. */
static gboolean
take_drop (PursuitBoard    *self,
           PursuitProspect *prospect)
{
  gtk_revealer_set_reveal_child (self->drop_zones, FALSE);
  return self->store != NULL && pursuit_store_find (self->store, pursuit_prospect_get_id (prospect)) == prospect;
}

static gboolean
column_dropped_cb (PursuitBoard       *self,
                   PursuitProspect    *prospect,
                   PursuitStageColumn *column)
{
  if (!take_drop (self, prospect))
    return FALSE;
  move_prospect (self, prospect, pursuit_stage_column_get_stage (column), pursuit_stage_column_get_tier (column));
  return TRUE;
}

gboolean
pursuit_board_drop_won (PursuitBoard    *self,
                        PursuitProspect *prospect)
{
  g_return_val_if_fail (PURSUIT_IS_BOARD (self), FALSE);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), FALSE);

  if (!take_drop (self, prospect))
    return FALSE;
  move_prospect (self, prospect, PURSUIT_STAGE_CUSTOMER, PURSUIT_TIER_NONE);
  return TRUE;
}

gboolean
pursuit_board_drop_let_go (PursuitBoard    *self,
                           PursuitProspect *prospect)
{
  g_return_val_if_fail (PURSUIT_IS_BOARD (self), FALSE);
  g_return_val_if_fail (PURSUIT_IS_PROSPECT (prospect), FALSE);

  if (!take_drop (self, prospect))
    return FALSE;
  ask_let_go (self, prospect);
  return TRUE;
}

static gboolean
zone_drop_cb (GtkDropTarget *target,
              const GValue  *value,
              double         x,
              double         y,
              PursuitBoard  *self)
{
  PursuitProspect *prospect = g_value_get_object (value);
  GtkWidget *zone = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));

  if (prospect == NULL)
    return FALSE;
  if (zone == self->won_zone)
    return pursuit_board_drop_won (self, prospect);
  return pursuit_board_drop_let_go (self, prospect);
}

static void
drag_started_cb (PursuitBoard    *self,
                 PursuitProspect *prospect)
{
  const char *name = pursuit_prospect_get_name (prospect);
  /* Translators: a drop zone; %s is the dragged prospect's name. */
  g_autofree char *won = g_strdup_printf (_("Won: drop %s here to make them a customer"), name);
  /* Translators: a drop zone; %s is the dragged prospect's name. */
  g_autofree char *let_go = g_strdup_printf (_("Let go: drop %s here to stop following up"), name);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->won_zone), GTK_ACCESSIBLE_PROPERTY_LABEL, won, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->let_go_zone), GTK_ACCESSIBLE_PROPERTY_LABEL, let_go,
                                  -1);
  gtk_revealer_set_reveal_child (self->drop_zones, TRUE);
}

static void
drag_ended_cb (PursuitBoard *self)
{
  gtk_revealer_set_reveal_child (self->drop_zones, FALSE);
}

static void
activate_prospect_cb (PursuitBoard    *self,
                      PursuitProspect *prospect)
{
  g_signal_emit (self, signals[EDIT_PROSPECT], 0, prospect);
}

/* Public API */

void
pursuit_board_set_store (PursuitBoard *self,
                         PursuitStore *store)
{
  g_return_if_fail (PURSUIT_IS_BOARD (self));
  g_return_if_fail (store == NULL || PURSUIT_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  self->undo_id = 0;
  pursuit_trash_page_set_store (self->trash_page, store);
  /* The columns follow through their bindings in the template. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  update_empty_state (self);
}

PursuitStore *
pursuit_board_get_store (PursuitBoard *self)
{
  g_return_val_if_fail (PURSUIT_IS_BOARD (self), NULL);

  return self->store;
}

PursuitStageColumn *
pursuit_board_get_column (PursuitBoard *self,
                          guint         index)
{
  g_return_val_if_fail (PURSUIT_IS_BOARD (self), NULL);
  g_return_val_if_fail (index < PURSUIT_BOARD_N_COLUMNS, NULL);

  return column_at (self, index);
}

PursuitStageColumn *
pursuit_board_get_customers (PursuitBoard *self)
{
  g_return_val_if_fail (PURSUIT_IS_BOARD (self), NULL);

  return self->customers_column;
}

PursuitStageColumn *
pursuit_board_get_closed (PursuitBoard *self)
{
  g_return_val_if_fail (PURSUIT_IS_BOARD (self), NULL);

  return self->closed_column;
}

PursuitTrashPage *
pursuit_board_get_trash_page (PursuitBoard *self)
{
  g_return_val_if_fail (PURSUIT_IS_BOARD (self), NULL);

  return self->trash_page;
}

/* "pipeline", "customers", "closed" or "trash". */
const char *
pursuit_board_get_page (PursuitBoard *self)
{
  g_return_val_if_fail (PURSUIT_IS_BOARD (self), NULL);

  return gtk_stack_get_visible_child_name (self->pages);
}

gboolean
pursuit_board_hint_shown (PursuitBoard *self)
{
  g_return_val_if_fail (PURSUIT_IS_BOARD (self), FALSE);

  return gtk_widget_get_child_visible (self->hint_label) && gtk_widget_get_visible (self->hint_label);
}

gboolean
pursuit_board_is_empty (PursuitBoard *self)
{
  g_return_val_if_fail (PURSUIT_IS_BOARD (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0;
}

AdwMessageDialog *
pursuit_board_get_merge_dialog (PursuitBoard *self)
{
  g_return_val_if_fail (PURSUIT_IS_BOARD (self), NULL);

  return self->merge_dialog;
}

GtkWindow *
pursuit_board_get_let_go_dialog (PursuitBoard *self)
{
  g_return_val_if_fail (PURSUIT_IS_BOARD (self), NULL);

  return self->let_go_dialog != NULL ? GTK_WINDOW (self->let_go_dialog) : NULL;
}

static void
pursuit_board_dispose (GObject *object)
{
  PursuitBoard *self = PURSUIT_BOARD (object);

  if (self->let_go_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->let_go_dialog));
  if (self->merge_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->merge_dialog));
  g_clear_handle_id (&self->folded_id, g_source_remove);
  pursuit_undo_toast_clear (&self->undo_toast);
  gtk_widget_dispose_template (GTK_WIDGET (self), PURSUIT_TYPE_BOARD);
  g_clear_object (&self->store);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->search_tag, g_free);
  g_clear_pointer (&self->query, pursuit_search_free);

  G_OBJECT_CLASS (pursuit_board_parent_class)->dispose (object);
}

static void
pursuit_board_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PursuitBoard *self = PURSUIT_BOARD (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pursuit_board_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PursuitBoard *self = PURSUIT_BOARD (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pursuit_board_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_focused_shortcut (GtkWidgetClass  *widget_class,
                      guint            key,
                      GdkModifierType  mods,
                      const char      *card_action)
{
  gtk_widget_class_add_binding_action (widget_class, key, mods, "board.focused", "s", card_action);
}

static void
pursuit_board_class_init (PursuitBoardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pursuit_board_dispose;
  object_class->get_property = pursuit_board_get_property;
  object_class->set_property = pursuit_board_set_property;

  /**
   * PursuitBoard:store:
   *
   * The store whose prospects the board shows; its columns bind to it.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PURSUIT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PursuitBoard::edit-prospect:
   * @prospect: the prospect whose card was activated
   */
  signals[EDIT_PROSPECT] =
    g_signal_new ("edit-prospect", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, PURSUIT_TYPE_PROSPECT);

  /* Named by the drop targets of the template. */
  g_type_ensure (PURSUIT_TYPE_PROSPECT);
  g_type_ensure (PURSUIT_TYPE_STAGE_COLUMN);
  g_type_ensure (PURSUIT_TYPE_TRASH_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pursuit/Pursuit/ui/pursuit-board.ui");
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, pipeline_button);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, customers_button);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, closed_button);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, trash_button);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, hint_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, trash_page);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, search_bar);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, pages);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, stack);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, drop_zones);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, won_zone);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, let_go_zone);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, won_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, let_go_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, inbox_column);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, hot_column);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, good_column);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, cool_column);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, cold_column);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, columns_leaflet);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, switcher_revealer);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, inbox_switch);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, hot_switch);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, good_switch);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, cool_switch);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, cold_switch);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, customers_column);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, closed_column);
  gtk_widget_class_bind_template_child (widget_class, PursuitBoard, filter);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, column_switched_cb);
  gtk_widget_class_bind_template_callback (widget_class, visible_column_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_hint);
  gtk_widget_class_bind_template_callback (widget_class, update_empty_state);
  gtk_widget_class_bind_template_callback (widget_class, activate_prospect_cb);
  gtk_widget_class_bind_template_callback (widget_class, column_dropped_cb);
  gtk_widget_class_bind_template_callback (widget_class, drag_started_cb);
  gtk_widget_class_bind_template_callback (widget_class, drag_ended_cb);
  gtk_widget_class_bind_template_callback (widget_class, zone_drop_cb);

  gtk_widget_class_install_action (widget_class, "board.move", "(xii)", move_action);
  gtk_widget_class_install_action (widget_class, "board.won", "x", won_action);
  gtk_widget_class_install_action (widget_class, "board.let-go", "x", let_go_action);
  gtk_widget_class_install_action (widget_class, "board.delete", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "board.merge", "x", merge_action);
  gtk_widget_class_install_action (widget_class, "board.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "board.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "board.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "board.focused", "s", focused_action);
  gtk_widget_class_install_action (widget_class, "board.move-focused", "(ii)", move_focused_action);
  gtk_widget_class_install_action (widget_class, "board.show-page", "s", show_page_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "board.search", NULL);
  for (guint i = 0; i < PURSUIT_BOARD_N_COLUMNS; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + i, GDK_ALT_MASK, "board.move-focused",
                                         "(ii)", i == 0 ? PURSUIT_STAGE_INBOX : PURSUIT_STAGE_ACTIVE, i);
  add_focused_shortcut (widget_class, GDK_KEY_w, GDK_ALT_MASK, "card.won");
  add_focused_shortcut (widget_class, GDK_KEY_l, GDK_ALT_MASK, "card.let-go");
  add_focused_shortcut (widget_class, GDK_KEY_Delete, 0, "card.delete");
  add_focused_shortcut (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "card.menu");
  add_focused_shortcut (widget_class, GDK_KEY_Menu, 0, "card.menu");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_ALT_MASK, "board.show-page", "s", "pipeline");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_ALT_MASK, "board.show-page", "s", "customers");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_ALT_MASK, "board.show-page", "s", "closed");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_ALT_MASK, "board.show-page", "s", "trash");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "board");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pursuit_board_init (PursuitBoard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  update_empty_state (self);
}
