/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-prospect-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pursuit-format.h"
#include "pursuit-prospect-dialog.h"
#include "pursuit-rules.h"
#include "pursuit-store-trash.h"
#include "pursuit-undo-stack.h"
#include "pursuit-widget.h"

struct _PursuitProspectDialog
{
  AdwWindow        parent_instance;

  PursuitStore    *store;
  PursuitProspect *prospect;
  /* Whether the name was ever typed into: an empty name is only an error
   * to point out once the user has been there. */
  gboolean         name_touched;

  AdwEntryRow     *name_row;
  AdwEntryRow     *company_row;
  AdwEntryRow     *email_row;
  AdwEntryRow     *phone_row;
  AdwEntryRow     *value_row;
  AdwEntryRow     *tags_row;
  GtkLabel        *error_label;
  GtkWidget       *duplicate_box;
  GtkLabel        *duplicate_label;
  /* The saved prospect a new one repeats, while it does. */
  PursuitProspect *existing;
  GtkTextView     *notes_view;
};

G_DEFINE_FINAL_TYPE (PursuitProspectDialog, pursuit_prospect_dialog, ADW_TYPE_WINDOW)

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
mark_row (AdwEntryRow *row,
          gboolean     bad)
{
  pursuit_widget_set_css_class (GTK_WIDGET (row), "error", bad);
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                               bad ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
}

/* Checks every field, marks the bad ones and returns what to tell the
 * user (NULL when all is well). @report_empty_name: say so even before the
 * name was touched. */
static const char *
validate (PursuitProspectDialog *self,
          gboolean               report_empty_name,
          double                *out_value)
{
  g_autofree char *name = g_strstrip (g_strdup (row_text (self->name_row)));
  g_autofree char *email = g_strstrip (g_strdup (row_text (self->email_row)));
  double value = -1;
  gboolean name_bad = name[0] == '\0';
  gboolean email_bad = !pursuit_email_is_valid (email);
  gboolean value_bad = !pursuit_format_parse_value (row_text (self->value_row), &value);
  const char *message = NULL;

  mark_row (self->name_row, name_bad && (report_empty_name || self->name_touched));
  mark_row (self->email_row, email_bad);
  mark_row (self->value_row, value_bad);

  if (value_bad)
    message = _("The deal value must be a number of zero or more, such as 1500 or 1,500.00.");
  if (email_bad)
    message = _("The email address should look like name@example.com.");
  if (name_bad)
    message = (report_empty_name || self->name_touched) ? _("A prospect needs a name.") : "";

  if (out_value != NULL)
    *out_value = value;
  return message;
}

static void
show_message (PursuitProspectDialog *self,
              const char            *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL && message[0] != '\0');
}

/* A new prospect that repeats a saved one (same email, phone digits, or
 * name and company) is pointed out, with a way to open the saved one; it
 * can still be saved, as two people may share a name. */
static void
check_duplicate (PursuitProspectDialog *self)
{
  g_autoptr(PursuitProspect) candidate = pursuit_prospect_new ("");
  g_autofree char *name = g_strstrip (g_strdup (row_text (self->name_row)));
  g_autofree char *email = g_strstrip (g_strdup (row_text (self->email_row)));
  g_autofree char *text = NULL;
  PursuitMatchReason reason = PURSUIT_MATCH_NONE;
  PursuitProspect *match = NULL;

  if (self->prospect == NULL)
    {
      pursuit_prospect_set_name (candidate, name);
      pursuit_prospect_set_company (candidate, row_text (self->company_row));
      pursuit_prospect_set_email (candidate, email);
      pursuit_prospect_set_phone (candidate, row_text (self->phone_row));
      match = pursuit_store_find_match (self->store, candidate, &reason);
    }
  g_set_object (&self->existing, match);
  gtk_widget_set_visible (self->duplicate_box, match != NULL);
  if (match == NULL)
    return;
  if (pursuit_prospect_get_company (match)[0] != '\0')
    /* Translators: "Chris Ortiz of Acme is already in Pursuit (same email)." */
    text = g_strdup_printf (_("%s of %s is already in Pursuit (%s)."), pursuit_prospect_get_name (match),
                            pursuit_prospect_get_company (match), pursuit_match_reason_to_string (reason));
  else
    /* Translators: "Chris Ortiz is already in Pursuit (same phone number)." */
    text = g_strdup_printf (_("%s is already in Pursuit (%s)."), pursuit_prospect_get_name (match),
                            pursuit_match_reason_to_string (reason));
  /* Plain text: the names are what the user typed. */
  gtk_label_set_text (self->duplicate_label, text);
}

static void
field_changed_cb (PursuitProspectDialog *self,
                  GtkEditable           *editable)
{
  const char *message;

  if (editable == GTK_EDITABLE (self->name_row))
    self->name_touched = TRUE;
  message = validate (self, FALSE, NULL);
  show_message (self, message);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save", message == NULL);
  check_duplicate (self);
}

static void
open_existing_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  PursuitProspectDialog *self = PURSUIT_PROSPECT_DIALOG (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  gint64 id;

  if (self->existing == NULL)
    return;
  id = pursuit_prospect_get_id (self->existing);
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.open-prospect", "x", id);
  gtk_window_close (GTK_WINDOW (self));
}

/* What the undo stack needs to take a save back: @store is not a
 * reference (the store owns the stack). */
typedef struct
{
  PursuitStore    *store;
  PursuitProspect *prospect;
  PursuitProspect *before;   /* NULL: it was added */
} SaveUndo;

static void
save_undo_free (gpointer data)
{
  SaveUndo *undo = data;

  g_clear_object (&undo->prospect);
  g_clear_object (&undo->before);
  g_free (undo);
}

static gboolean
run_save_undo (gpointer   data,
               GError   **error)
{
  SaveUndo *undo = data;

  if (undo->before == NULL)
    return pursuit_store_trash (undo->store, undo->prospect, error);
  return pursuit_store_update (undo->store, undo->prospect, undo->before, error);
}

static void
push_undo (PursuitProspectDialog *self,
           PursuitProspect       *prospect,
           PursuitProspect       *before)
{
  SaveUndo *undo = g_new0 (SaveUndo, 1);
  g_autofree char *title = NULL;

  undo->store = self->store;
  undo->prospect = g_object_ref (prospect);
  undo->before = before;
  if (before == NULL)
    /* Translators: %s is a prospect's name. */
    title = g_strdup_printf (_("Added %s"), pursuit_prospect_get_name (prospect));
  else
    /* Translators: %s is a prospect's name. */
    title = g_strdup_printf (_("Edited %s"), pursuit_prospect_get_name (prospect));
  pursuit_undo_stack_push (pursuit_store_get_undo_stack (self->store), title, run_save_undo, undo, save_undo_free);
}

static char *
notes_text (PursuitProspectDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
fill_draft (PursuitProspectDialog *self,
            PursuitProspect       *draft,
            double                 value)
{
  g_autofree char *name = g_strstrip (g_strdup (row_text (self->name_row)));
  g_autofree char *email = g_strstrip (g_strdup (row_text (self->email_row)));
  g_autofree char *notes = notes_text (self);

  pursuit_prospect_set_name (draft, name);
  pursuit_prospect_set_company (draft, row_text (self->company_row));
  pursuit_prospect_set_email (draft, email);
  pursuit_prospect_set_phone (draft, row_text (self->phone_row));
  pursuit_prospect_set_value (draft, value);
  pursuit_prospect_set_notes (draft, notes);
  pursuit_prospect_set_tags (draft, row_text (self->tags_row));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  PursuitProspectDialog *self = PURSUIT_PROSPECT_DIALOG (widget);
  g_autoptr(PursuitProspect) draft = NULL;
  g_autoptr(PursuitProspect) before = NULL;
  g_autoptr(GError) error = NULL;
  const char *message;
  double value;
  gboolean saved;

  message = validate (self, TRUE, &value);
  if (message != NULL)
    {
      show_message (self, message);
      return;
    }

  draft = self->prospect != NULL ? pursuit_prospect_dup (self->prospect) : pursuit_prospect_new ("");
  fill_draft (self, draft, value);
  before = self->prospect != NULL ? pursuit_prospect_dup (self->prospect) : NULL;
  if (self->prospect != NULL)
    saved = pursuit_store_update (self->store, self->prospect, draft, &error);
  else
    saved = pursuit_store_add (self->store, draft, &error);

  if (!saved)
    {
      show_message (self, error->message);
      return;
    }
  /* Ctrl+Z in the window takes it back. */
  push_undo (self, self->prospect != NULL ? self->prospect : draft, g_steal_pointer (&before));
  gtk_window_close (GTK_WINDOW (self));
}

static void
load_prospect (PursuitProspectDialog *self)
{
  PursuitProspect *p = self->prospect;
  g_autofree char *value = NULL;
  g_autofree char *tags = NULL;

  gtk_window_set_title (GTK_WINDOW (self), p != NULL ? _("Edit Prospect") : _("New Prospect"));
  if (p == NULL)
    return;

  if (pursuit_prospect_has_value (p))
    value = pursuit_format_editable_value (pursuit_prospect_get_value (p));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), pursuit_prospect_get_name (p));
  gtk_editable_set_text (GTK_EDITABLE (self->company_row), pursuit_prospect_get_company (p));
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), pursuit_prospect_get_email (p));
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row), pursuit_prospect_get_phone (p));
  gtk_editable_set_text (GTK_EDITABLE (self->value_row), value != NULL ? value : "");
  tags = pursuit_format_tags (pursuit_prospect_get_tags (p));
  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), tags);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), pursuit_prospect_get_notes (p), -1);
}

GtkEditable *
pursuit_prospect_dialog_get_field (PursuitProspectDialog *self,
                                   const char            *field)
{
  const struct { const char *name; AdwEntryRow *row; } rows[] = {
    { "name", self->name_row }, { "company", self->company_row }, { "email", self->email_row },
    { "phone", self->phone_row }, { "value", self->value_row }, { "tags", self->tags_row },
  };

  g_return_val_if_fail (PURSUIT_IS_PROSPECT_DIALOG (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (g_strcmp0 (field, rows[i].name) == 0)
      return GTK_EDITABLE (rows[i].row);
  g_return_val_if_reached (NULL);
}

PursuitProspect *
pursuit_prospect_dialog_get_existing (PursuitProspectDialog *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT_DIALOG (self), NULL);

  return gtk_widget_get_visible (self->duplicate_box) ? self->existing : NULL;
}

const char *
pursuit_prospect_dialog_get_error (PursuitProspectDialog *self)
{
  g_return_val_if_fail (PURSUIT_IS_PROSPECT_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

static void
pursuit_prospect_dialog_dispose (GObject *object)
{
  PursuitProspectDialog *self = PURSUIT_PROSPECT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PURSUIT_TYPE_PROSPECT_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->prospect);
  g_clear_object (&self->existing);

  G_OBJECT_CLASS (pursuit_prospect_dialog_parent_class)->dispose (object);
}

static void
pursuit_prospect_dialog_class_init (PursuitProspectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pursuit_prospect_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pursuit/Pursuit/ui/pursuit-prospect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectDialog, company_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectDialog, value_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectDialog, tags_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectDialog, notes_view);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectDialog, duplicate_box);
  gtk_widget_class_bind_template_child (widget_class, PursuitProspectDialog, duplicate_label);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "dialog.open-existing", NULL, open_existing_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pursuit_prospect_dialog_init (PursuitProspectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PursuitProspectDialog *
pursuit_prospect_dialog_new (GtkWindow       *parent,
                             PursuitStore    *store,
                             PursuitProspect *prospect)
{
  PursuitProspectDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PURSUIT_IS_STORE (store), NULL);
  g_return_val_if_fail (prospect == NULL || PURSUIT_IS_PROSPECT (prospect), NULL);

  self = g_object_new (PURSUIT_TYPE_PROSPECT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->prospect = prospect != NULL ? g_object_ref (prospect) : NULL;
  load_prospect (self);
  self->name_touched = FALSE;
  field_changed_cb (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return self;
}
