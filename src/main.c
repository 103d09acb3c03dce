/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "pursuit-application.h"

/* Whether this executable is the one in the build tree (build-aux/run, the
 * tests) rather than an installed copy: the same folder, compared by
 * device and inode so that symbolic links and relative paths do not
 * matter. An installed copy never sits in the build tree. */
static gboolean
running_from_build_tree (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = exe != NULL ? g_path_get_dirname (exe) : NULL;
  GStatBuf here, build;

  return dir != NULL && g_stat (dir, &here) == 0 && g_stat (PURSUIT_BUILD_DIR, &build) == 0
         && here.st_dev == build.st_dev && here.st_ino == build.st_ino;
}

/* From the build tree, the icons are those of the source tree: GTK finds
 * them through XDG_DATA_DIRS, and so does the tray. */
static void
use_source_icons (void)
{
  const char *data_dirs = g_getenv ("XDG_DATA_DIRS");
  g_autofree char *with_source = NULL;

  /* Unset or empty means the default of the XDG specification, which
   * must stay after ours. */
  if (data_dirs == NULL || data_dirs[0] == '\0')
    data_dirs = "/usr/local/share:/usr/share";
  with_source = g_strconcat (PURSUIT_SOURCE_DATA_DIR, G_SEARCHPATH_SEPARATOR_S, data_dirs, NULL);
  g_setenv ("XDG_DATA_DIRS", with_source, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PursuitApplication) app = NULL;
  const char *locale_dir = LOCALEDIR;

  /* Translations from the build tree are the ones the build compiled. */
  if (running_from_build_tree ())
    {
      locale_dir = PURSUIT_BUILD_LOCALE_DIR;
      use_source_icons ();
    }
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = pursuit_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
