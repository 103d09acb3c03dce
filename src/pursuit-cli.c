/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pursuit-cli.h"
#include "pursuit-csv.h"
#include "pursuit-file.h"
#include "pursuit-format.h"
#include "pursuit-ics.h"
#include "pursuit-import.h"
#include "pursuit-pg-setup.h"
#include "pursuit-settings.h"

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

/* The options that take a file name or a word: none may be empty. */
static const char * const valued_options[] = {
  "database", "import-csv", "import", "map", "on-duplicate", "export-csv", "export-ics",
  "export-touches", "backup",
};

gboolean
pursuit_cli_check_options (GVariantDict           *options,
                           const PursuitCliOutput *out)
{
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (valued_options); i++)
    {
      g_autoptr(GVariant) value = g_variant_dict_lookup_value (options, valued_options[i], NULL);
      const char *text = NULL;

      if (value == NULL)
        continue;
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING))
        text = g_variant_get_bytestring (value);
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        text = g_variant_get_string (value, NULL);
      if (text != NULL && text[0] == '\0')
        {
          say (out, TRUE, _("--%s needs a value, and an empty one was given.\n"), valued_options[i]);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
pursuit_cli_wants_batch (GVariantDict *options)
{
  g_return_val_if_fail (options != NULL, FALSE);

  return g_variant_dict_contains (options, "import-csv")
         || g_variant_dict_contains (options, "import")
         || g_variant_dict_contains (options, "export-csv")
         || g_variant_dict_contains (options, "export-ics")
         || g_variant_dict_contains (options, "export-touches")
         || g_variant_dict_contains (options, "backup")
         || g_variant_dict_contains (options, "due");
}

/* The outputs that may go to standard output: the exports ("-" or a
 * name of it), and a backup through a name of it (/dev/stdout). */
static const char * const stdout_options[] = { "export-csv", "export-ics", "export-touches", "backup" };

/* "-", or a name of this process's standard output (/dev/stdout,
 * /dev/fd/1, the file or pipe it goes to): an instance that the command
 * is handed to would write to its own. */
static gboolean
names_stdout (const char *value)
{
  GStatBuf named, out;

  if (g_str_equal (value, "-"))
    return TRUE;
  return g_stat (value, &named) == 0 && fstat (STDOUT_FILENO, &out) == 0
         && named.st_dev == out.st_dev && named.st_ino == out.st_ino;
}

static gboolean
is_stdout_export (GVariantDict *options,
                  const char   *key)
{
  g_autofree char *value = NULL;

  return g_variant_dict_lookup (options, key, "^ay", &value) && names_stdout (value);
}

gboolean
pursuit_cli_writes_stdout (GVariantDict *options)
{
  g_return_val_if_fail (options != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (stdout_options); i++)
    if (is_stdout_export (options, stdout_options[i]))
      return TRUE;
  return FALSE;
}

GVariantDict *
pursuit_cli_take_stdout_exports (GVariantDict *options)
{
  GVariantDict *taken;
  g_autoptr(GVariant) database = NULL;

  g_return_val_if_fail (options != NULL, NULL);

  taken = g_variant_dict_new (NULL);
  database = g_variant_dict_lookup_value (options, "database", NULL);
  if (database != NULL)
    g_variant_dict_insert_value (taken, "database", database);
  for (guint i = 0; i < G_N_ELEMENTS (stdout_options); i++)
    if (is_stdout_export (options, stdout_options[i]))
      {
        g_autoptr(GVariant) value = g_variant_dict_lookup_value (options, stdout_options[i], NULL);

        g_variant_dict_insert_value (taken, stdout_options[i], value);
        g_variant_dict_remove (options, stdout_options[i]);
      }
  return taken;
}

/* The command line plans as the window does: by the user's cadences,
 * working week and limits, where the settings can be read. */
static void
follow_settings (PursuitStore *store)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  PursuitPolicy policy;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    return;
  settings = g_settings_new (APPLICATION_ID);
  policy = *pursuit_store_get_policy (store);
  pursuit_settings_read_policy (settings, &policy);
  pursuit_store_set_policy (store, &policy);
}

char *
pursuit_cli_dup_exposed_warning (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_return_val_if_fail (path != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (name, &st) == 0 && S_ISREG (st.st_mode) && (st.st_mode & 077) != 0)
        {
          g_autofree char *display = g_filename_display_name (name);

          return g_strdup_printf (_("Other users of this computer may read or change %s, and Pursuit "
                                    "could not prevent it. Make the file yours, then run “chmod 600” on it."),
                                  display);
        }
    }
  return NULL;
}

gboolean
pursuit_cli_wants_import (GVariantDict *options)
{
  g_return_val_if_fail (options != NULL, FALSE);

  return g_variant_dict_contains (options, "import-csv") || g_variant_dict_contains (options, "import");
}

char *
pursuit_cli_database_path (GVariantDict *options,
                           const char   *cwd)
{
  char *path = NULL;

  /* A team database's connection string is no file name to complete. */
  if (g_variant_dict_lookup (options, "database", "^ay", &path) && pursuit_pg_is_conninfo (path))
    return path;
  g_clear_pointer (&path, g_free);
  path = lookup_path (options, "database", cwd);
  return path != NULL ? path : pursuit_store_default_path ();
}

gboolean
pursuit_cli_wants_team (GVariantDict *options)
{
  g_autofree char *database = NULL;

  g_return_val_if_fail (options != NULL, FALSE);

  /* Without a batch option, the window opens on it. */
  return g_variant_dict_contains (options, "setup-team")
         || (g_variant_dict_lookup (options, "database", "^ay", &database) && pursuit_pg_is_conninfo (database)
             && pursuit_cli_wants_batch (options));
}

/* The command line on a team database: --due so far. */
static int
run_team_batch (const char             *database,
                GVariantDict           *options,
                const PursuitCliOutput *out)
{
  const char *const batch_only[] = { "import-csv", "import", "export-csv", "export-ics", "export-touches", "backup" };
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (batch_only); i++)
    if (g_variant_dict_contains (options, batch_only[i]))
      {
        say (out, TRUE, _("--%s does not work on a team database yet; --due does. Nothing was changed.\n"),
             batch_only[i]);
        return 1;
      }
  store = pursuit_store_open (database, &error);
  if (store == NULL)
    {
      g_autofree char *message = pursuit_cli_escape (error->message);

      say (out, TRUE, "%s\n", message);
      return 1;
    }
  follow_settings (store);
  now = g_date_time_new_now_local ();
  pursuit_cli_print_due (pursuit_store_get_prospects (store), now, out);
  return 0;
}

int
pursuit_cli_run_team (GVariantDict           *options,
                      const PursuitCliOutput *out)
{
  g_autofree char *database = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (options != NULL, 1);
  g_return_val_if_fail (out != NULL, 1);

  if (!g_variant_dict_lookup (options, "database", "^ay", &database) || !pursuit_pg_is_conninfo (database))
    {
      say (out, TRUE, _("--setup-team works on a team database on PostgreSQL: name it with --database, as in "
                        "“--database postgresql://alice@sales.example/pipeline --setup-team”.\n"));
      return 1;
    }
  if (!g_variant_dict_contains (options, "setup-team"))
    return run_team_batch (database, options, out);
  if (!pursuit_pg_setup_team (database, &error))
    {
      message = pursuit_cli_escape (error->message);
      say (out, TRUE, "%s\n", message);
      return 1;
    }
  say (out, FALSE, _("The team database is set up (schema version %d). Each rep is a login role granted "
                     "pursuit_rep, each manager one granted pursuit_manager: README.md says how, under "
                     "“A team on PostgreSQL”.\n"),
       PURSUIT_PG_SCHEMA_VERSION);
  return 0;
}

static int
run_import (PursuitStore                *store,
            const char                  *path,
            gboolean                     any_layout,
            const PursuitImportOptions  *options,
            const PursuitCliOutput      *out)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  /* Ctrl+C stops a file that never ends (a FIFO), changing nothing. */
  if (any_layout)
    ok = pursuit_import_file_interruptible (store, file, options, &report, &error);
  else
    ok = pursuit_csv_import_interruptible (store, file, options->on_duplicate, &report, &error);
  if (!ok)
    {
      say (out, TRUE, _("Could not import %s: %s\n"), path, error->message);
      return 1;
    }

  for (guint i = 0; i < report->errors->len; i++)
    {
      const PursuitCsvRowError *row = g_ptr_array_index (report->errors, i);
      /* The message may quote a cell of the file. */
      g_autofree char *message = pursuit_cli_escape (row->message);

      say (out, TRUE, _("%s:%u: skipped: %s\n"), path, row->line, message);
    }
  if (any_layout)
    {
      g_autofree char *summary = pursuit_import_describe_report (report, 0);
      g_autofree char *escaped = pursuit_cli_escape (summary);

      say (out, FALSE, "%s\n", escaped);
      return report->skipped > 0 ? PURSUIT_CLI_EXIT_SKIPPED : 0;
    }
  say (out, FALSE,
       g_dngettext (GETTEXT_PACKAGE, "Imported %u prospect, ", "Imported %u prospects, ", report->imported),
       report->imported);
  if (report->updated > 0)
    say (out, FALSE,
         g_dngettext (GETTEXT_PACKAGE, "updated %u, ", "updated %u, ", report->updated),
         report->updated);
  say (out, FALSE,
       g_dngettext (GETTEXT_PACKAGE, "skipped %u row.\n", "skipped %u rows.\n", report->skipped),
       report->skipped);
  return report->skipped > 0 ? PURSUIT_CLI_EXIT_SKIPPED : 0;
}

/* An export's outcome: @error is set when it failed. Exports stream row
 * by row, to a file (see pursuit-file.h) or to standard output ("-"). */
static int
exported (GError                 *error,
          const PursuitCliOutput *out)
{
  if (error != NULL)
    say (out, TRUE, "%s\n", error->message);
  return error != NULL ? 1 : 0;
}

static int
run_export (PursuitStore           *store,
            const char             *path,
            const PursuitCliOutput *out)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (g_str_equal (path, "-"))
    {
      g_autoptr(GOutputStream) print = pursuit_file_new_print_stream (out->print, out->data);

      pursuit_csv_write (pursuit_store_get_prospects (store), print, NULL, &error);
      return exported (error, out);
    }
  file = g_file_new_for_path (path);
  pursuit_csv_export (pursuit_store_get_prospects (store), file, &error);
  return exported (error, out);
}

static int
run_export_ics (PursuitStore           *store,
                const char             *path,
                const PursuitCliOutput *out)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (g_str_equal (path, "-"))
    {
      g_autoptr(GOutputStream) print = pursuit_file_new_print_stream (out->print, out->data);

      pursuit_ics_write (pursuit_store_get_prospects (store), pursuit_store_get_policy (store),
                         pursuit_store_get_database_id (store), print, NULL, &error);
      return exported (error, out);
    }
  file = g_file_new_for_path (path);
  pursuit_ics_export (store, file, &error);
  return exported (error, out);
}

static int
run_export_touches (PursuitStore           *store,
                    const char             *path,
                    const PursuitCliOutput *out)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (g_str_equal (path, "-"))
    {
      g_autoptr(GOutputStream) print = pursuit_file_new_print_stream (out->print, out->data);

      pursuit_csv_write_touches (store, print, NULL, &error);
      return exported (error, out);
    }
  file = g_file_new_for_path (path);
  pursuit_csv_export_touches (store, file, &error);
  return exported (error, out);
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

/* Characters that a terminal acts on rather than shows, or that reorder
 * what follows: C0 and C1 controls, DEL, and the bidirectional ones. */
static gboolean
is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x200e && c <= 0x200f)
         || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
}

char *
pursuit_cli_escape (const char *text)
{
  g_autoptr(GString) escaped = NULL;
  const char *p = text;
  const char *end;

  g_return_val_if_fail (text != NULL, NULL);

  end = text + strlen (text);
  escaped = g_string_sized_new (end - text);
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (escaped, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if (c == '\\')
        g_string_append (escaped, "\\\\");
      else if (c == '\n')
        g_string_append (escaped, "\\n");
      else if (c == '\r')
        g_string_append (escaped, "\\r");
      else if (c == '\t')
        g_string_append (escaped, "\\t");
      else if (c < 0x80 && is_control (c))
        g_string_append_printf (escaped, "\\x%02x", c);
      else if (is_control (c))
        g_string_append_printf (escaped, "\\u%04x", c);
      else
        g_string_append_len (escaped, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (g_steal_pointer (&escaped), FALSE);
}

/* How to reach the prospect: by the planned channel, else whichever is
 * known. */
static const char *
contact_for (PursuitProspect *prospect)
{
  const char *phone = pursuit_prospect_get_phone (prospect);
  const char *email = pursuit_prospect_get_email (prospect);

  switch (pursuit_prospect_get_next_channel (prospect))
    {
    case PURSUIT_CHANNEL_EMAIL:
      return email[0] != '\0' ? email : phone;
    default:
      return phone[0] != '\0' ? phone : email;
    }
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
      /* Text the user typed or imported never acts on the terminal,
       * nor adds a line or a column. */
      g_autofree char *name = pursuit_cli_escape (pursuit_prospect_get_name (prospect));
      g_autofree char *company = pursuit_cli_escape (pursuit_prospect_get_company (prospect));
      g_autofree char *contact = pursuit_cli_escape (contact_for (prospect));

      say (out, FALSE, "%s\t%s\t%s\t%s\t%s\t%s\n", when,
           pursuit_channel_to_string (pursuit_prospect_get_next_channel (prospect)), name, company, relative,
           contact);
    }
}

static int
run_backup (PursuitStore           *store,
            const char             *path,
            const PursuitCliOutput *out)
{
  g_autoptr(GError) error = NULL;

  /* "-", as for the exports: standard output, written in place. */
  if (g_str_equal (path, "-"))
    path = "/dev/stdout";
  if (!pursuit_store_backup_file (pursuit_store_get_path (store), path, &error))
    {
      say (out, TRUE, "%s\n", error->message);
      return 1;
    }
  /* Not into the backup itself, when that went to standard output. */
  say (out, names_stdout (path), _("Backed up %s to %s.\n"), pursuit_store_get_path (store), path);
  return 0;
}

/* Whether the output @path is the database of @store or one of its
 * -wal and -shm files, however spelled (a link, "//"): replacing it would
 * lose the database, or take it from under the connection that has it
 * open. Says so through @out. */
static gboolean
overwrites_database (PursuitStore           *store,
                     const char             *path,
                     const PursuitCliOutput *out)
{
  const char *suffixes[] = { "", "-wal", "-shm" };
  GStatBuf target;

  if (path == NULL || g_str_equal (path, "-") || g_stat (path, &target) != 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (pursuit_store_get_path (store), suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (name, &st) == 0 && st.st_dev == target.st_dev && st.st_ino == target.st_ino)
        {
          g_autofree char *display = g_filename_display_name (path);

          say (out, TRUE, _("%s is the database itself (or a file of it): writing there would replace it. "
                            "Choose another file.\n"),
               display);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
failed (int status)
{
  return status != 0 && status != PURSUIT_CLI_EXIT_SKIPPED;
}

/* The status of two steps run one after the other: a failure over rows
 * skipped, rows skipped over success. */
static int
worse (int first,
       int second)
{
  if (failed (first) || failed (second))
    return 1;
  return MAX (first, second);
}

int
pursuit_cli_run (PursuitStore           *store,
                 GVariantDict           *options,
                 const char             *cwd,
                 const PursuitCliOutput *out)
{
  g_autoptr(PursuitStore) own_store = NULL;
  g_autofree char *import_path = lookup_path (options, "import-csv", cwd);
  g_autofree char *any_import_path = lookup_path (options, "import", cwd);
  g_autofree char *map = NULL;
  PursuitImportOptions import_options = { PURSUIT_CSV_ON_DUPLICATE_SKIP, NULL, NULL };
  g_autofree char *export_path = lookup_path (options, "export-csv", cwd);
  g_autofree char *ics_path = lookup_path (options, "export-ics", cwd);
  g_autofree char *backup_path = lookup_path (options, "backup", cwd);
  g_autofree char *touches_path = lookup_path (options, "export-touches", cwd);
  g_autofree char *on_duplicate_text = NULL;
  PursuitCsvOnDuplicate on_duplicate = PURSUIT_CSV_ON_DUPLICATE_SKIP;
  int status = 0;

  g_return_val_if_fail (options != NULL, 1);
  g_return_val_if_fail (out != NULL, 1);

  if (!pursuit_cli_check_options (options, out))
    return 1;
  if (g_variant_dict_lookup (options, "on-duplicate", "s", &on_duplicate_text)
      && !pursuit_csv_on_duplicate_from_string (on_duplicate_text, &on_duplicate))
    {
      say (out, TRUE, _("--on-duplicate is “skip” or “update”, not “%s”.\n"), on_duplicate_text);
      return 1;
    }

  if (store == NULL)
    {
      g_autofree char *path = pursuit_cli_database_path (options, cwd);
      g_autofree char *warning = NULL;
      g_autoptr(GError) error = NULL;

      /* Only an import or the window creates a database (and its
       * folder): a typo in --database must not leave an empty one. */
      if (!pursuit_cli_wants_import (options) && !g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_autofree char *display = g_filename_display_name (path);

          say (out, TRUE,
               _("There is no database at %s. Check the name given with --database, or import "
                 "prospects there to start one.\n"),
               display);
          return 1;
        }
      own_store = pursuit_store_open (path, &error);
      if (own_store == NULL)
        {
          say (out, TRUE, "%s\n", error->message);
          return 1;
        }
      follow_settings (own_store);
      store = own_store;
      warning = pursuit_cli_dup_exposed_warning (path);
      if (warning != NULL)
        say (out, TRUE, "%s\n", warning);
    }

  if (overwrites_database (store, export_path, out) || overwrites_database (store, ics_path, out)
      || overwrites_database (store, touches_path, out) || overwrites_database (store, backup_path, out))
    return 1;

  /* Rows that an import skipped do not stop the work after it, but its
   * status (PURSUIT_CLI_EXIT_SKIPPED) stays unless that work fails. */
  import_options.on_duplicate = on_duplicate;
  if (g_variant_dict_lookup (options, "map", "s", &map))
    import_options.map = map;
  if (import_path != NULL)
    status = run_import (store, import_path, FALSE, &import_options, out);
  if (!failed (status) && any_import_path != NULL)
    status = worse (status, run_import (store, any_import_path, TRUE, &import_options, out));
  if (!failed (status) && export_path != NULL)
    status = worse (status, run_export (store, export_path, out));
  if (!failed (status) && ics_path != NULL)
    status = worse (status, run_export_ics (store, ics_path, out));
  if (!failed (status) && touches_path != NULL)
    status = worse (status, run_export_touches (store, touches_path, out));
  if (!failed (status) && backup_path != NULL)
    status = worse (status, run_backup (store, backup_path, out));
  if (!failed (status) && g_variant_dict_contains (options, "due"))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      pursuit_cli_print_due (pursuit_store_get_prospects (store), now, out);
    }

  return failed (status) ? 1 : status;
}
