/* SPDX-License-Identifier: GPL-3.0-or-later */
/* unshare(), syscall() */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <sched.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "pursuit-insights-data.h"
#include "test-util.h"

static gboolean
write_proc (const char *file,
            const char *contents)
{
  return g_file_set_contents_full (file, contents, -1, G_FILE_SET_CONTENTS_NONE, 0644, NULL);
}

static gboolean
enter_mount_namespace (void)
{
  uid_t uid = geteuid ();
  gid_t gid = getegid ();
  g_autofree char *uid_map = NULL;
  g_autofree char *gid_map = NULL;

  if (uid == 0)
    {
      if (unshare (CLONE_NEWNS) != 0)
        return FALSE;
    }
  else
    {
      /* Root of a user namespace of our own, mapped to ourselves: mounts
       * are allowed there, and our files stay ours. */
      if (unshare (CLONE_NEWUSER | CLONE_NEWNS) != 0)
        return FALSE;
      uid_map = g_strdup_printf ("0 %u 1\n", (unsigned) uid);
      gid_map = g_strdup_printf ("0 %u 1\n", (unsigned) gid);
      if (!write_proc ("/proc/self/setgroups", "deny") ||
          !write_proc ("/proc/self/uid_map", uid_map) ||
          !write_proc ("/proc/self/gid_map", gid_map))
        return FALSE;
    }

  /* Mounts made from now on stay in this namespace. */
  /* The type is not read for these flags; "none" keeps valgrind from
   * taking a NULL for a bad pointer. */
  return mount ("none", "/", "none", MS_REC | MS_PRIVATE, NULL) == 0;
}

/* Root passes every permission check through these three; without them
 * the owner's bits apply to root as to anyone. They leave the bounding set
 * too, or root would have them back in every program it starts. */
static void
drop_permission_overrides (void)
{
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = { { 0 } };
  const int caps[] = { CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER };

  /* Each step may be refused (a container without CAP_SETPCAP, say):
   * pursuit_test_need_permissions() then tells the tests. */
  for (guint i = 0; i < G_N_ELEMENTS (caps); i++)
    prctl (PR_CAPBSET_DROP, caps[i], 0, 0, 0);
  if (syscall (SYS_capget, &header, data) != 0)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (caps); i++)
    {
      data[caps[i] / 32].effective &= ~(1u << (caps[i] % 32));
      data[caps[i] / 32].permitted &= ~(1u << (caps[i] % 32));
      data[caps[i] / 32].inheritable &= ~(1u << (caps[i] % 32));
    }
  syscall (SYS_capset, &header, data);
}

/* Whether a file of mode 0 is closed to us, as to any user. */
static gboolean
probe_permissions (void)
{
  g_autofree char *path = NULL;
  gboolean hold;
  int fd;

  fd = g_file_open_tmp ("pursuit-probe-XXXXXX", &path, NULL);
  if (fd < 0)
    return FALSE;
  g_close (fd, NULL);
  g_chmod (path, 0);
  fd = g_open (path, O_RDONLY, 0);
  hold = fd < 0 && errno == EACCES;
  if (fd >= 0)
    g_close (fd, NULL);
  g_unlink (path);
  return hold;
}

static gboolean can_mount;
static gboolean permissions_hold;

gboolean
pursuit_test_isolate (void)
{
  can_mount = enter_mount_namespace ();
  drop_permission_overrides ();
  permissions_hold = probe_permissions ();
  return can_mount;
}

gboolean
pursuit_test_need_permissions (void)
{
  if (!permissions_hold)
    g_test_skip ("permission bits do not hold here (root with CAP_DAC_OVERRIDE)");
  return permissions_hold;
}

gboolean
pursuit_test_can_mount (void)
{
  return can_mount;
}

gboolean
pursuit_test_need_mounts (void)
{
  if (!can_mount)
    g_test_skip ("cannot mount a small disk here (no mount namespace)");
  return can_mount;
}

void
pursuit_test_mount_tmpfs (const char *dir,
                          gsize       size)
{
  g_autofree char *options = g_strdup_printf ("size=%" G_GSIZE_FORMAT ",mode=0700", size);

  if (mount ("pursuit-test", dir, "tmpfs", MS_NOSUID | MS_NODEV, options) != 0)
    g_error ("Mounting a tmpfs on %s: %s", dir, g_strerror (errno));
}

void
pursuit_test_mount_read_only (const char *dir)
{
  if (mount (dir, dir, "none", MS_BIND, NULL) != 0 ||
      mount ("none", dir, "none", MS_REMOUNT | MS_BIND | MS_RDONLY, NULL) != 0)
    g_error ("Mounting %s read-only: %s", dir, g_strerror (errno));
}

void
pursuit_test_unmount (const char *dir)
{
  if (umount2 (dir, MNT_DETACH) != 0)
    g_error ("Unmounting %s: %s", dir, g_strerror (errno));
}

char *
pursuit_test_fill_disk (const char *dir,
                        const char *database)
{
  char *path = g_build_filename (dir, "filler", NULL);
  static const char block[4096];
  sqlite3 *db = NULL;
  int fd;

  if (database != NULL)
    {
      g_assert_cmpint (sqlite3_open_v2 (database, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==,
                       SQLITE_OK);
      sqlite3_close (db);
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  for (;;)
    {
      ssize_t n = write (fd, block, sizeof block);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          g_assert_cmpint (errno, ==, ENOSPC);
          break;
        }
    }
  /* Down to the last byte: a write of one more fails too. */
  while (write (fd, block, 1) == 1)
    ;
  g_close (fd, NULL);
  return path;
}

void
pursuit_test_free_disk (char **filler)
{
  g_assert_cmpint (g_unlink (*filler), ==, 0);
  g_clear_pointer (filler, g_free);
}

char *
pursuit_test_make_dir (const char *prefix)
{
  g_autofree char *template = g_strconcat (prefix, "-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

void
pursuit_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        pursuit_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
pursuit_test_disk_init (PursuitTestDisk *disk,
                        const char      *prefix,
                        gsize            size)
{
  disk->dir = pursuit_test_make_dir (prefix);
  disk->disk = g_build_filename (disk->dir, "disk", NULL);
  g_assert_cmpint (g_mkdir (disk->disk, 0700), ==, 0);
  if (can_mount)
    pursuit_test_mount_tmpfs (disk->disk, size);
  disk->path = g_build_filename (disk->disk, "pursuit.db", NULL);
  disk->filler = NULL;
}

void
pursuit_test_disk_clear (PursuitTestDisk *disk)
{
  if (can_mount)
    pursuit_test_unmount (disk->disk);
  pursuit_test_remove_tree (disk->dir);
  g_clear_pointer (&disk->filler, g_free);
  g_clear_pointer (&disk->path, g_free);
  g_clear_pointer (&disk->disk, g_free);
  g_clear_pointer (&disk->dir, g_free);
}

void
pursuit_test_disk_fill (PursuitTestDisk *disk,
                        gboolean         database_open)
{
  disk->filler = pursuit_test_fill_disk (disk->disk, database_open ? disk->path : NULL);
}

void
pursuit_test_disk_free (PursuitTestDisk *disk)
{
  pursuit_test_free_disk (&disk->filler);
}

static void
dump_table (sqlite3    *db,
            const char *sql,
            GString    *out)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);
          g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", text != NULL ? text : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

char *
pursuit_test_dump_database (const char *path)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  dump_table (db, "SELECT * FROM prospect ORDER BY id", out);
  g_string_append (out, "--\n");
  dump_table (db, "SELECT * FROM touch ORDER BY id", out);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

void
pursuit_test_assert_same_insights (const char *path_a,
                                   const char *path_b,
                                   gint64      closed_at_slack)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PursuitInsightsData) a = pursuit_insights_data_load (path_a, &error);
  g_autoptr(PursuitInsightsData) b = pursuit_insights_data_load (path_b, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (a->prospects->len, ==, b->prospects->len);
  g_assert_cmpuint (a->touches->len, ==, b->touches->len);
  for (guint i = 0; i < a->prospects->len; i++)
    {
      PursuitInsightsProspect *x = &g_array_index (a->prospects, PursuitInsightsProspect, i);
      PursuitInsightsProspect *y = &g_array_index (b->prospects, PursuitInsightsProspect, i);

      g_assert_cmpint (x->stage, ==, y->stage);
      g_assert_cmpint (x->tier, ==, y->tier);
      g_assert_cmpstr (x->close_reason, ==, y->close_reason);
      g_assert_cmpint (ABS (x->closed_at - y->closed_at), <=, closed_at_slack);
      g_assert_cmpuint (x->n_touches, ==, y->n_touches);
      g_assert_cmpuint (x->streak, ==, y->streak);
    }
  for (guint i = 0; i < a->touches->len; i++)
    {
      PursuitInsightsTouch *x = &g_array_index (a->touches, PursuitInsightsTouch, i);
      PursuitInsightsTouch *y = &g_array_index (b->touches, PursuitInsightsTouch, i);

      g_assert_cmpint (x->when, ==, y->when);
      g_assert_cmpint (x->channel, ==, y->channel);
      g_assert_cmpint (x->direction, ==, y->direction);
      g_assert_cmpint (x->outcome, ==, y->outcome);
    }
}

GBytes *
pursuit_test_read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
pursuit_test_wait (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
pursuit_test_wait_until (PursuitTestCondition condition,
                         gpointer             data,
                         guint                ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) ms * G_TIME_SPAN_MILLISECOND;
  /* Wakes the loop to check again when only another thread or process
   * makes the condition hold. */
  guint tick = g_timeout_add (10, tick_cb, NULL);
  gboolean held;

  while (!(held = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  if (!held)
    g_test_message ("A condition the test waits for did not hold after %u ms", ms);
  g_assert_true (held);
}

void
pursuit_test_wait_closed (GtkWindow *window,
                          guint      ms)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add (ms, timeout_cb, &timed_out);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  while (window != NULL && gtk_widget_get_visible (GTK_WIDGET (window)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_assert_false (timed_out);
  g_source_remove (timeout);
}

void
pursuit_test_destroy_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, 0);
      gtk_window_destroy (toplevel);
    }
}

void
pursuit_test_show_and_wait (GtkWindow *window,
                            guint      ms)
{
  gboolean done = FALSE;

  gtk_window_present (window);
  g_timeout_add (ms, timeout_cb, &done);
  while (!done || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
}

void
pursuit_test_run_clear (PursuitTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

void
pursuit_test_run_pursuit (PursuitTestRun *run,
                          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *) PURSUIT_EXECUTABLE);
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &run->out, &run->err,
                &run->status, &error);
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", run->out, run->err);
}

GtkWidget *
pursuit_test_find_widget (GtkWidget *widget,
                          GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = pursuit_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Handlers */

void
pursuit_test_handlers_init (PursuitTestHandlers *handlers,
                            const char          *prefix)
{
  g_autofree char *pattern = g_strdup_printf ("%s-root-XXXXXX", prefix);
  g_autofree char *data_home = NULL;
  g_autofree char *apps = NULL;

  memset (handlers, 0, sizeof *handlers);
  handlers->root = g_dir_make_tmp (pattern, NULL);
  g_assert_nonnull (handlers->root);
  handlers->prefix = g_strdup (prefix);
  handlers->config_home = g_build_filename (handlers->root, "config", NULL);
  data_home = g_build_filename (handlers->root, "data", NULL);
  apps = g_build_filename (data_home, "applications", NULL);
  g_assert_cmpint (g_mkdir_with_parents (handlers->config_home, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (apps, 0700), ==, 0);
  g_setenv ("XDG_CONFIG_HOME", handlers->config_home, TRUE);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  handlers->mail_log = g_build_filename (handlers->root, "mailto.log", NULL);
  handlers->phone_log = g_build_filename (handlers->root, "tel.log", NULL);
}

static void
write_handler (PursuitTestHandlers *handlers,
               const char          *what,
               const char          *scheme,
               const char          *log)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("%s-%s", handlers->prefix, what);
  g_autofree char *script = g_build_filename (handlers->root, name, NULL);
  g_autofree char *script_text = g_strdup_printf ("#!/bin/sh\nprintf '%%s\\n' \"$1\" >> '%s.tmp'\n"
                                                  "mv '%s.tmp' '%s'\n", log, log, log);
  g_autofree char *desktop_name = g_strdup_printf ("%s.desktop", name);
  g_autofree char *desktop = g_build_filename (handlers->root, "data", "applications", desktop_name, NULL);
  g_autofree char *desktop_text = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=%s\nExec=%s %%u\n"
                                                   "MimeType=x-scheme-handler/%s;\nNoDisplay=true\n",
                                                   name, script, scheme);

  g_file_set_contents (script, script_text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (script, 0700), ==, 0);
  g_file_set_contents (desktop, desktop_text, -1, &error);
  g_assert_no_error (error);
}

/* The machine's handlers of @type, not ours. */
static char *
ids_handling (PursuitTestHandlers *handlers,
              const char          *type)
{
  g_autolist(GAppInfo) apps = g_app_info_get_all_for_type (type);
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autofree char *ours = g_strdup_printf ("%s-", handlers->prefix);

  for (GList *l = apps; l != NULL; l = l->next)
    if (!g_str_has_prefix (g_app_info_get_id (l->data), ours))
      g_string_append_printf (ids, "%s;", g_app_info_get_id (l->data));
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

void
pursuit_test_handlers_install (PursuitTestHandlers *handlers)
{
  write_handler (handlers, "mail", "mailto", handlers->mail_log);
  write_handler (handlers, "phone", "tel", handlers->phone_log);
  handlers->system_mailto = ids_handling (handlers, "x-scheme-handler/mailto");
  handlers->system_tel = ids_handling (handlers, "x-scheme-handler/tel");
}

/* Whether the default handler of @scheme is ours (@ours) or there is
 * none (!@ours). */
static gboolean
handler_is (PursuitTestHandlers *handlers,
            const char          *scheme,
            const char          *what,
            gboolean             ours)
{
  g_autoptr(GAppInfo) app = g_app_info_get_default_for_uri_scheme (scheme);
  g_autofree char *id = g_strdup_printf ("%s-%s.desktop", handlers->prefix, what);

  return ours ? app != NULL && g_str_equal (g_app_info_get_id (app), id) : app == NULL;
}

void
pursuit_test_handlers_set (PursuitTestHandlers *handlers,
                           gboolean             mail,
                           gboolean             phone)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (handlers->config_home, "mimeapps.list", NULL);
  g_autofree char *text = NULL;
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  const char *p = handlers->prefix;

  text = g_strdup_printf ("[Default Applications]\n%s%s%s%s%s%s"
                          "[Removed Associations]\n"
                          "x-scheme-handler/mailto=%s%s%s\n"
                          "x-scheme-handler/tel=%s%s%s\n",
                          mail ? "x-scheme-handler/mailto=" : "", mail ? p : "", mail ? "-mail.desktop\n" : "",
                          phone ? "x-scheme-handler/tel=" : "", phone ? p : "", phone ? "-phone.desktop\n" : "",
                          handlers->system_mailto, mail ? "" : p, mail ? "" : "-mail.desktop;",
                          handlers->system_tel, phone ? "" : p, phone ? "" : "-phone.desktop;");
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  while (!handler_is (handlers, "mailto", "mail", mail) || !handler_is (handlers, "tel", "phone", phone))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      pursuit_test_wait (50);
    }
}

void
pursuit_test_handlers_clear (PursuitTestHandlers *handlers)
{
  if (handlers->root != NULL)
    pursuit_test_remove_tree (handlers->root);
  g_clear_pointer (&handlers->root, g_free);
  g_clear_pointer (&handlers->config_home, g_free);
  g_clear_pointer (&handlers->prefix, g_free);
  g_clear_pointer (&handlers->mail_log, g_free);
  g_clear_pointer (&handlers->phone_log, g_free);
  g_clear_pointer (&handlers->system_mailto, g_free);
  g_clear_pointer (&handlers->system_tel, g_free);
}

char *
pursuit_test_wait_for_lines (const char *log,
                             guint       n,
                             guint       ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;
  char *text = NULL;

  for (;;)
    {
      guint lines = 0;

      g_clear_pointer (&text, g_free);
      if (g_file_get_contents (log, &text, NULL, NULL))
        for (const char *c = text; *c != '\0'; c++)
          lines += *c == '\n';
      if (lines >= n)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      pursuit_test_wait (50);
    }
  g_assert_cmpint (g_unlink (log), ==, 0);
  return text;
}

/* Tray actions */

static void
open_prospect_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       data)
{
  PursuitTestTrayActions *record = data;
  gint64 id = g_variant_get_int64 (param);

  g_array_append_val (record->opened, id);
}

static void
show_today_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       data)
{
  PursuitTestTrayActions *record = data;

  record->todays++;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       data)
{
  PursuitTestTrayActions *record = data;

  record->quits++;
}

void
pursuit_test_tray_actions_add (GApplication           *app,
                               PursuitTestTrayActions *record)
{
  static const GActionEntry entries[] = {
    { "open-prospect", open_prospect_action, "x", NULL, NULL, { 0 } },
    { "show-today", show_today_action, NULL, NULL, NULL, { 0 } },
    { "quit", quit_action, NULL, NULL, NULL, { 0 } },
  };

  record->opened = g_array_new (FALSE, FALSE, sizeof (gint64));
  pursuit_test_tray_actions_reset (record);
  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), record);
}

void
pursuit_test_tray_actions_reset (PursuitTestTrayActions *record)
{
  g_array_set_size (record->opened, 0);
  record->todays = 0;
  record->quits = 0;
}

void
pursuit_test_tray_actions_clear (PursuitTestTrayActions *record)
{
  g_clear_pointer (&record->opened, g_array_unref);
}
