/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pursuit-import-dialog.h"
#include "pursuit-number.h"

/* Values of each column shown under its name. */
#define PREVIEW_ROWS 3

struct _PursuitImportDialog
{
  AdwWindow            parent_instance;

  PursuitStore        *store;
  GFile               *file;
  GBytes              *text;
  PursuitImportLayout *layout;
  GPtrArray           *rows;    /* AdwComboRow, one per column */
  GCancellable        *cancellable; /* while the import runs */

  GtkLabel            *summary_label;
  GtkLabel            *error_label;
  GtkProgressBar      *progress_bar;
  AdwPreferencesGroup *columns_group;
};

G_DEFINE_FINAL_TYPE (PursuitImportDialog, pursuit_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
separator_name (char separator)
{
  switch (separator)
    {
    case ';':
      return _("semicolons");
    case '\t':
      return _("tabs");
    default:
      return _("commas");
    }
}

static void
show_summary (PursuitImportDialog *self)
{
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *text = NULL;

  if (self->layout->kind == PURSUIT_IMPORT_KIND_VCARD)
    /* Translators: "contacts.vcf: vCard contacts, to the Inbox." */
    text = g_strdup_printf (_("%s: vCard contacts, to the Inbox."), name);
  else if (self->layout->kind == PURSUIT_IMPORT_KIND_HISTORY)
    text = g_strdup_printf (_("%s: a history of activities, logged as touches of the prospects they name."),
                            name);
  else
    /* Translators: "deals.csv: text in UTF-8, columns separated by commas, amounts written 1.500,50." */
    text = g_strdup_printf (_("%s: text in %s, columns separated by %s, amounts written %s."), name,
                            self->layout->encoding, separator_name (self->layout->separator),
                            self->layout->decimal_comma ? "1.500,50" : "1,500.50");
  gtk_label_set_text (self->summary_label, text);
}

/* The first values of @column, to tell what it holds. */
static char *
column_sample (GPtrArray *preview,
               guint      column)
{
  g_autoptr(GString) sample = g_string_new (NULL);

  for (guint r = 0; r < preview->len; r++)
    {
      GStrv fields = g_ptr_array_index (preview, r);

      if (column >= g_strv_length (fields) || *fields[column] == '\0')
        continue;
      if (sample->len > 0)
        g_string_append (sample, " · ");
      g_string_append (sample, fields[column]);
    }
  return g_string_free (g_steal_pointer (&sample), FALSE);
}

static void
field_selected_cb (AdwComboRow         *row,
                   GParamSpec          *pspec,
                   PursuitImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "column"));
  guint selected = adw_combo_row_get_selected (row);

  if (selected < PURSUIT_IMPORT_N_FIELDS && column < self->layout->fields->len)
    g_array_index (self->layout->fields, PursuitImportField, column) = selected;
}

static GListModel *
new_field_model (void)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  for (PursuitImportField f = 0; f < PURSUIT_IMPORT_N_FIELDS; f++)
    gtk_string_list_append (labels, pursuit_import_field_get_label (f));
  return G_LIST_MODEL (labels);
}

static void
add_column_rows (PursuitImportDialog *self)
{
  gsize length;
  const char *text = g_bytes_get_data (self->text, &length);
  g_autoptr(GPtrArray) preview = pursuit_import_layout_preview (self->layout, text != NULL ? text : "", length,
                                                                PREVIEW_ROWS);

  gtk_widget_set_visible (GTK_WIDGET (self->columns_group), self->layout->kind == PURSUIT_IMPORT_KIND_CSV);
  if (self->layout->kind != PURSUIT_IMPORT_KIND_CSV)
    return;
  for (guint i = 0; i < self->layout->headers->len; i++)
    {
      g_autoptr(GListModel) fields = new_field_model ();
      g_autofree char *sample = column_sample (preview, i);
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

      /* The file's text is never markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (self->layout->headers, i));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sample);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      adw_combo_row_set_model (row, fields);
      adw_combo_row_set_selected (row, g_array_index (self->layout->fields, PursuitImportField, i));
      g_object_set_data (G_OBJECT (row), "column", GUINT_TO_POINTER (i));
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (field_selected_cb), self, 0);
      adw_preferences_group_add (self->columns_group, GTK_WIDGET (row));
      g_ptr_array_add (self->rows, row);
    }
}

/* While the import runs, only Cancel works. */
static void
set_importing (PursuitImportDialog *self,
               gboolean             importing)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.import", !importing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->columns_group), !importing);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), importing);
  if (importing)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_progress_bar_set_text (self->progress_bar, _("Reading the file…"));
    }
}

static void
progress_cb (guint    rows_read,
             guint    n_rows,
             double   fraction,
             gpointer data)
{
  PursuitImportDialog *self = data;
  g_autofree char *text = NULL;
  g_autofree char *read = NULL;
  g_autofree char *total = NULL;

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  if (n_rows == 0)
    return;
  read = pursuit_number_format (rows_read);
  total = pursuit_number_format (n_rows);
  if (rows_read < n_rows)
    /* Translators: "12,000 of 100,000 rows read" */
    text = g_strdup_printf (_("%s of %s rows read"), read, total);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row read, saving…", "%s rows read, saving…",
                                         n_rows),
                            total);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(PursuitImportDialog) self = data;
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean cancelled = self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable);

  g_clear_object (&self->cancellable);
  if (!pursuit_import_file_finish (PURSUIT_STORE (source), result, &report, &error))
    {
      if (cancelled && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_window_close (GTK_WINDOW (self));
          return;
        }
      set_importing (self, FALSE);
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  /* Written, even when Cancel came too late: the window says so. */
  g_signal_emit (self, signals[IMPORTED], 0, report);
  gtk_window_close (GTK_WINDOW (self));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PursuitImportDialog *self = PURSUIT_IMPORT_DIALOG (widget);

  if (self->cancellable != NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  self->cancellable = g_cancellable_new ();
  set_importing (self, TRUE);
  pursuit_import_file_async (self->store, self->file, self->layout, PURSUIT_CSV_ON_DUPLICATE_SKIP,
                             self->cancellable, progress_cb, self, import_done, g_object_ref (self));
}

/* Cancel stops a running import, which then closes the dialog having
 * written nothing; otherwise it closes the dialog. */
static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PursuitImportDialog *self = PURSUIT_IMPORT_DIALOG (widget);

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
    }
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* Closed while importing (Escape, the window manager): the import stops
 * first, and the dialog closes when it has. */
static gboolean
pursuit_import_dialog_close_request (GtkWindow *window)
{
  PursuitImportDialog *self = PURSUIT_IMPORT_DIALOG (window);

  if (self->cancellable != NULL)
    {
      cancel_action (GTK_WIDGET (self), "dialog.cancel", NULL);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (pursuit_import_dialog_parent_class)->close_request (window);
}

static void
pursuit_import_dialog_dispose (GObject *object)
{
  PursuitImportDialog *self = PURSUIT_IMPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PURSUIT_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_clear_pointer (&self->text, g_bytes_unref);
  g_clear_pointer (&self->layout, pursuit_import_layout_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pursuit_import_dialog_parent_class)->dispose (object);
}

static void
pursuit_import_dialog_class_init (PursuitImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pursuit_import_dialog_dispose;
  window_class->close_request = pursuit_import_dialog_close_request;

  /**
   * PursuitImportDialog::imported:
   * @report: (type gpointer): the PursuitCsvReport of the import
   *
   * The import was written.
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                    NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pursuit/Pursuit/ui/pursuit-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PursuitImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PursuitImportDialog, columns_group);
  gtk_widget_class_install_action (widget_class, "dialog.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "dialog.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dialog.cancel", NULL);
}

static void
pursuit_import_dialog_init (PursuitImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

PursuitImportDialog *
pursuit_import_dialog_new (GtkWindow     *parent,
                           PursuitStore  *store,
                           GFile         *file,
                           GError       **error)
{
  g_autoptr(PursuitImportLayout) layout = NULL;
  g_autoptr(GBytes) text = NULL;
  PursuitImportDialog *self;

  g_return_val_if_fail (PURSUIT_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  layout = pursuit_import_load (file, &text, NULL, error);
  if (layout == NULL)
    return NULL;
  self = g_object_new (PURSUIT_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->file = g_object_ref (file);
  self->text = g_steal_pointer (&text);
  self->layout = g_steal_pointer (&layout);
  show_summary (self);
  add_column_rows (self);
  return self;
}

const PursuitImportLayout *
pursuit_import_dialog_get_layout (PursuitImportDialog *self)
{
  g_return_val_if_fail (PURSUIT_IS_IMPORT_DIALOG (self), NULL);

  return self->layout;
}

double
pursuit_import_dialog_get_progress (PursuitImportDialog *self)
{
  g_return_val_if_fail (PURSUIT_IS_IMPORT_DIALOG (self), -1);

  if (self->cancellable == NULL)
    return -1;
  return gtk_progress_bar_get_fraction (self->progress_bar);
}

void
pursuit_import_dialog_set_field (PursuitImportDialog *self,
                                 guint                column,
                                 PursuitImportField   field)
{
  g_return_if_fail (PURSUIT_IS_IMPORT_DIALOG (self));
  g_return_if_fail (column < self->rows->len && field < PURSUIT_IMPORT_N_FIELDS);

  adw_combo_row_set_selected (g_ptr_array_index (self->rows, column), field);
}
