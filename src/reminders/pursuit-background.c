/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-background"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libportal/portal.h>

#include "pursuit-background.h"

char *
pursuit_background_autostart_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", APPLICATION_ID ".desktop", NULL);
}

/* Quoted as the Desktop Entry Specification asks of an Exec argument. */
static char *
quote_exec (const char *arg)
{
  g_autoptr(GString) quoted = NULL;

  if (strpbrk (arg, " \t\n\"'\\><~|&;$*?#()`%=") == NULL)
    return g_strdup (arg);
  /* Two levels: the Exec key's quoting, then the key file's escapes
   * (a backslash of the first is written "\\" in the file). */
  quoted = g_string_new ("\"");
  for (const char *p = arg; *p != '\0'; p++)
    {
      if (*p == '\\')
        g_string_append (quoted, "\\\\\\\\");
      else if (*p == '\n')
        g_string_append (quoted, "\\n");
      else if (*p == '\t')
        g_string_append (quoted, "\\t");
      else if (*p == '\r')
        g_string_append (quoted, "\\r");
      else
        {
          if (*p == '"' || *p == '`' || *p == '$')
            g_string_append (quoted, "\\\\");
          if (*p == '%')
            g_string_append_c (quoted, '%');
          g_string_append_c (quoted, *p);
        }
    }
  g_string_append_c (quoted, '"');
  return g_string_free (g_steal_pointer (&quoted), FALSE);
}

char *
pursuit_background_autostart_entry (const char *executable,
                                    const char *database)
{
  g_autofree char *exec = NULL;
  g_autofree char *quoted_database = NULL;
  g_autofree char *database_arg = NULL;

  g_return_val_if_fail (executable != NULL, NULL);

  exec = quote_exec (executable);
  if (database != NULL)
    {
      quoted_database = quote_exec (database);
      database_arg = g_strconcat (" --database ", quoted_database, NULL);
    }
  return g_strdup_printf ("[Desktop Entry]\n"
                          "Type=Application\n"
                          "Name=Pursuit\n"
                          "Comment=%s\n"
                          "Exec=%s --background%s\n"
                          "Icon=" APPLICATION_ID "\n"
                          "Terminal=false\n"
                          "NoDisplay=true\n"
                          "X-GNOME-Autostart-enabled=true\n",
                          _("Reminds you of due follow-ups"), exec, database_arg != NULL ? database_arg : "");
}

gboolean
pursuit_background_write_autostart (const char  *executable,
                                    const char  *database,
                                    GError     **error)
{
  g_autofree char *path = pursuit_background_autostart_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *entry = NULL;

  g_return_val_if_fail (executable != NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  entry = pursuit_background_autostart_entry (executable, database);
  return g_file_set_contents_full (path, entry, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

gboolean
pursuit_background_remove_autostart (GError **error)
{
  g_autofree char *path = pursuit_background_autostart_path ();

  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not remove %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* The running executable, by name when PATH finds the same file. */
static char *
dup_executable (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *found = g_find_program_in_path ("pursuit");
  g_autofree char *resolved = found != NULL ? g_canonicalize_filename (found, NULL) : NULL;

  if (self == NULL || g_strcmp0 (self, resolved) == 0)
    return g_strdup ("pursuit");
  return g_steal_pointer (&self);
}

static void
set_autostart_file (gboolean    enabled,
                    const char *database)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *executable = NULL;

  if (!enabled)
    {
      if (!pursuit_background_remove_autostart (&error))
        g_warning ("%s", error->message);
      return;
    }
  executable = dup_executable ();
  if (!pursuit_background_write_autostart (executable, database, &error))
    g_warning ("%s", error->message);
}

typedef struct
{
  gboolean  enabled;
  char     *database;
} Request;

static void
request_free (Request *request)
{
  g_free (request->database);
  g_free (request);
}

static void
portal_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(GError) error = NULL;
  Request *request = data;

  if (!xdp_portal_request_background_finish (XDP_PORTAL (source), result, &error))
    {
      g_debug ("The background portal said no (%s); using an autostart file", error->message);
      set_autostart_file (request->enabled, request->database);
    }
  request_free (request);
  g_object_unref (source);
}

void
pursuit_background_set_autostart (gboolean    enabled,
                                  const char *database)
{
  g_autoptr(GPtrArray) command = NULL;
  XdpPortal *portal;
  Request *request;

  /* Outside a sandbox the portal cannot start a host program at login;
   * the desktop entry is the standard way there. */
  if (!xdp_portal_running_under_sandbox ())
    {
      set_autostart_file (enabled, database);
      return;
    }

  portal = xdp_portal_new ();
  command = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (command, g_strdup ("pursuit"));
  g_ptr_array_add (command, g_strdup ("--background"));
  if (database != NULL)
    {
      g_ptr_array_add (command, g_strdup ("--database"));
      g_ptr_array_add (command, g_strdup (database));
    }
  request = g_new0 (Request, 1);
  request->enabled = enabled;
  request->database = g_strdup (database);
  xdp_portal_request_background (portal, NULL, _("Pursuit reminds you of due follow-ups while its window is closed."),
                                 command,
                                 enabled ? XDP_BACKGROUND_FLAG_AUTOSTART | XDP_BACKGROUND_FLAG_ACTIVATABLE
                                         : XDP_BACKGROUND_FLAG_NONE,
                                 NULL, portal_done_cb, request);
}
