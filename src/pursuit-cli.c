/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pursuit-cli.h"
#include "pursuit-csv.h"
#include "pursuit-file.h"
#include "pursuit-format.h"
#include "pursuit-ics.h"

static void
say (const PursuitCliOutput *out,
     gboolean                error,
     const char             *format,
     ...) G_GNUC_PRINTF (3, 4);

static void
say (const PursuitCliOutput *out,
     gboolean                error,
     const char             *format,
     ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  (error ? out->printerr : out->print) (out->data, text);
}

static char *
lookup_path (GVariantDict *options,
             const char   *key,
             const char   *cwd)
{
  g_autofree char *value = NULL;

  if (!g_variant_dict_lookup (options, key, "^ay", &value) || value[0] == '\0')
    return NULL;
  if (g_str_equal (value, "-") || g_path_is_absolute (value) || cwd == NULL)
    return g_steal_pointer (&value);
  return g_build_filename (cwd, value, NULL);
}

gboolean
pursuit_cli_wants_batch (GVariantDict *options)
{
  g_return_val_if_fail (options != NULL, FALSE);

  return g_variant_dict_contains (options, "import-csv")
         || g_variant_dict_contains (options, "export-csv")
         || g_variant_dict_contains (options, "export-ics")
         || g_variant_dict_contains (options, "backup")
         || g_variant_dict_contains (options, "due");
}

char *
pursuit_cli_database_path (GVariantDict *options,
                           const char   *cwd)
{
  char *path = lookup_path (options, "database", cwd);

  return path != NULL ? path : pursuit_store_default_path ();
}

static int
run_import (PursuitStore           *store,
            const char             *path,
            const PursuitCliOutput *out)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (!pursuit_csv_import (store, file, &report, &error))
    {
      say (out, TRUE, _("Could not import %s: %s\n"), path, error->message);
      return 1;
    }

  for (guint i = 0; i < report->errors->len; i++)
    {
      const PursuitCsvRowError *row = g_ptr_array_index (report->errors, i);
      say (out, TRUE, _("%s:%u: skipped: %s\n"), path, row->line, row->message);
    }
  say (out, FALSE,
       g_dngettext (GETTEXT_PACKAGE, "Imported %u prospect, ", "Imported %u prospects, ", report->imported),
       report->imported);
  say (out, FALSE,
       g_dngettext (GETTEXT_PACKAGE, "skipped %u row.\n", "skipped %u rows.\n", report->skipped),
       report->skipped);
  return 0;
}

/* Writes @text to @path, or to standard output for "-". */
static int
export_text (const char             *path,
             const char             *text,
             gsize                   length,
             const PursuitCliOutput *out)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (g_str_equal (path, "-"))
    {
      out->print (out->data, text);
      return 0;
    }

  file = g_file_new_for_path (path);
  if (!pursuit_file_replace (file, text, length, &error))
    {
      say (out, TRUE, "%s\n", error->message);
      return 1;
    }
  return 0;
}

static int
run_export (PursuitStore           *store,
            const char             *path,
            const PursuitCliOutput *out)
{
  gsize length;
  g_autofree char *text = pursuit_csv_build (pursuit_store_get_prospects (store), &length);

  return export_text (path, text, length, out);
}

static int
run_export_ics (PursuitStore           *store,
                const char             *path,
                const PursuitCliOutput *out)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *text = pursuit_ics_build (pursuit_store_get_prospects (store),
                                             pursuit_store_get_policy (store), now);

  return export_text (path, text, strlen (text), out);
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  PursuitProspect *pa = *(PursuitProspect **) a;
  PursuitProspect *pb = *(PursuitProspect **) b;

  return g_date_time_compare (pursuit_prospect_get_next_touch (pa),
                              pursuit_prospect_get_next_touch (pb));
}

void
pursuit_cli_print_due (GListModel             *prospects,
                       GDateTime              *now,
                       const PursuitCliOutput *out)
{
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (prospects);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PursuitProspect) prospect = g_list_model_get_item (prospects, i);
      GDateTime *next = pursuit_prospect_get_next_touch (prospect);

      if (next != NULL
          && pursuit_prospect_get_stage (prospect) != PURSUIT_STAGE_CLOSED
          && pursuit_format_days_between (now, next) <= 0)
        g_ptr_array_add (due, g_steal_pointer (&prospect));
    }
  g_ptr_array_sort (due, compare_due);

  for (guint i = 0; i < due->len; i++)
    {
      PursuitProspect *prospect = g_ptr_array_index (due, i);
      g_autoptr(GDateTime) next = g_date_time_to_local (pursuit_prospect_get_next_touch (prospect));
      g_autofree char *when = g_date_time_format (next, "%Y-%m-%d %H:%M");
      g_autofree char *relative = pursuit_format_due (next, now, NULL);
      const char *company = pursuit_prospect_get_company (prospect);

      say (out, FALSE, "%s\t%s\t%s\t%s\t%s\n", when,
           pursuit_channel_to_string (pursuit_prospect_get_next_channel (prospect)),
           pursuit_prospect_get_name (prospect), company, relative);
    }
}

static int
run_backup (PursuitStore           *store,
            const char             *path,
            const PursuitCliOutput *out)
{
  g_autoptr(GError) error = NULL;

  if (!pursuit_store_backup_file (pursuit_store_get_path (store), path, &error))
    {
      say (out, TRUE, "%s\n", error->message);
      return 1;
    }
  say (out, FALSE, _("Backed up %s to %s.\n"), pursuit_store_get_path (store), path);
  return 0;
}

int
pursuit_cli_run (PursuitStore           *store,
                 GVariantDict           *options,
                 const char             *cwd,
                 const PursuitCliOutput *out)
{
  g_autoptr(PursuitStore) own_store = NULL;
  g_autofree char *import_path = lookup_path (options, "import-csv", cwd);
  g_autofree char *export_path = lookup_path (options, "export-csv", cwd);
  g_autofree char *ics_path = lookup_path (options, "export-ics", cwd);
  g_autofree char *backup_path = lookup_path (options, "backup", cwd);
  int status = 0;

  g_return_val_if_fail (options != NULL, 1);
  g_return_val_if_fail (out != NULL, 1);

  if (store == NULL)
    {
      g_autofree char *path = pursuit_cli_database_path (options, cwd);
      g_autoptr(GError) error = NULL;

      own_store = pursuit_store_open (path, &error);
      if (own_store == NULL)
        {
          say (out, TRUE, "%s\n", error->message);
          return 1;
        }
      store = own_store;
    }

  if (import_path != NULL)
    status = run_import (store, import_path, out);
  if (status == 0 && export_path != NULL)
    status = run_export (store, export_path, out);
  if (status == 0 && ics_path != NULL)
    status = run_export_ics (store, ics_path, out);
  if (status == 0 && backup_path != NULL)
    status = run_backup (store, backup_path, out);
  if (status == 0 && g_variant_dict_contains (options, "due"))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      pursuit_cli_print_due (pursuit_store_get_prospects (store), now, out);
    }

  return status;
}
