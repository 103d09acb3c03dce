/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What the error-path tests need from the system: a disk that fills up, a
 * read-only file system, and permission bits that hold even for root. */

/* Call first in main(), before any thread starts. Moves the test into a
 * mount namespace of its own (with a user namespace when not root), so
 * that it may mount without touching the machine's mounts, and takes away
 * the capabilities that let root ignore permission bits. Returns whether
 * mounting is possible. */
gboolean  pursuit_test_isolate          (void);

/* Whether pursuit_test_isolate() made mounting possible; the second also
 * marks the test skipped when not. */
gboolean  pursuit_test_can_mount        (void);
gboolean  pursuit_test_need_mounts      (void);
/* Whether permission bits hold for the test (they do for a user, and for
 * root once pursuit_test_isolate() dropped its overrides); marks the test
 * skipped when not. */
gboolean  pursuit_test_need_permissions (void);

/* Mounts a tmpfs of @size bytes on the folder @dir. */
void      pursuit_test_mount_tmpfs      (const char *dir,
                                         gsize       size);

/* Makes the folder @dir, which is mounted, read-only (a read-only bind
 * mount of itself) or writable again. */
void      pursuit_test_mount_read_only  (const char *dir);
void      pursuit_test_unmount          (const char *dir);

/* Fills the disk of the folder @dir with a file @dir/filler and returns
 * its path; pursuit_test_free_disk() deletes it. With @database, first
 * gives back the pages its WAL keeps from one commit to the next, so that
 * the next commit needs new ones, as on a disk that filled up since. */
char     *pursuit_test_fill_disk        (const char *dir,
                                         const char *database);
void      pursuit_test_free_disk        (char      **filler);

/* A temporary folder, and its removal with everything in it (made
 * writable first). */
char     *pursuit_test_make_dir         (const char *prefix);
void      pursuit_test_remove_tree      (const char *path);

/* A temporary folder with a small disk in it, where mounting works (see
 * pursuit_test_isolate()), and the database path on that disk. */
typedef struct
{
  char *dir;     /* on the machine's disk */
  char *disk;    /* dir/disk: a tmpfs of @size bytes, or a plain folder */
  char *path;    /* disk/pursuit.db */
  char *filler;  /* fills the disk while set */
} PursuitTestDisk;

void      pursuit_test_disk_init        (PursuitTestDisk *disk,
                                         const char      *prefix,
                                         gsize            size);
void      pursuit_test_disk_clear       (PursuitTestDisk *disk);
/* Fills the disk, giving back the WAL's pages first when the database is
 * open (see pursuit_test_fill_disk()), and frees it again. */
void      pursuit_test_disk_fill        (PursuitTestDisk *disk,
                                         gboolean         database_open);
void      pursuit_test_disk_free        (PursuitTestDisk *disk);

/* Every row of the prospect and touch tables of the database @path, read
 * on a connection of its own: two dumps are equal when the data are. */
char     *pursuit_test_dump_database    (const char *path);

/* Asserts that Insights reads the same from the databases @path_a and
 * @path_b: the prospects' closing times at most @closed_at_slack seconds
 * apart, all else equal. */
void      pursuit_test_assert_same_insights (const char *path_a,
                                             const char *path_b,
                                             gint64      closed_at_slack);

/* The contents of the file @path. */
GBytes   *pursuit_test_read_bytes       (const char *path);

/* Runs the main context for @ms milliseconds. */
void      pursuit_test_wait             (guint       ms);

/* What pursuit_test_wait_until() waits for: whether it holds now. */
typedef gboolean (*PursuitTestCondition) (gpointer data);

/* Runs the main context until @condition holds, checking it after each
 * iteration and at least every 10 milliseconds; fails the test when it
 * does not hold after @ms. */
void      pursuit_test_wait_until       (PursuitTestCondition condition,
                                         gpointer             data,
                                         guint                ms);

/* Runs the main context until @window is destroyed or hidden (an import
 * dialog once its import in a thread is done); fails after @ms. */
void      pursuit_test_wait_closed      (GtkWindow  *window,
                                         guint       ms);

/* The first widget of @type in @widget's tree, @widget included, depth
 * first; NULL when there is none. */
GtkWidget *pursuit_test_find_widget     (GtkWidget  *widget,
                                         GType       type);

/* Destroys every toplevel window a test left open, dialogs included. */
void      pursuit_test_destroy_windows  (void);

/* Presents @window and runs the main context until it is mapped and at
 * least @ms milliseconds passed, so that it has been drawn and settled. */
void      pursuit_test_show_and_wait    (GtkWindow  *window,
                                         guint       ms);

/* The desktop's mailto: and tel: handlers, made the test's own: desktop
 * files whose command appends the URI it gets to a log file, the
 * defaults in a mimeapps.list of the test's $XDG_CONFIG_HOME, with every
 * other program of the machine that handles the schemes removed, so that
 * none of them ever answers. */
typedef struct
{
  char *root;           /* holds $XDG_CONFIG_HOME and $XDG_DATA_HOME */
  char *config_home;
  char *prefix;         /* of the handlers' desktop files */
  char *mail_log;       /* one URI a line */
  char *phone_log;
  char *system_mailto;  /* the machine's handlers: "id;id;" */
  char *system_tel;
} PursuitTestHandlers;

/* Before g_test_init() and anything that reads them: makes the folders
 * and sets $XDG_CONFIG_HOME and $XDG_DATA_HOME to them (the handlers are
 * "@prefix-mail.desktop" and "@prefix-phone.desktop"). */
void      pursuit_test_handlers_init    (PursuitTestHandlers *handlers,
                                         const char          *prefix);
/* After g_test_init(): writes the handlers, and notes the machine's. */
void      pursuit_test_handlers_install (PursuitTestHandlers *handlers);
/* Makes ours the default handlers, or leaves a scheme without any when
 * FALSE; waits until GIO sees it. */
void      pursuit_test_handlers_set     (PursuitTestHandlers *handlers,
                                         gboolean             mail,
                                         gboolean             phone);
/* Deletes the folders and frees @handlers' fields. */
void      pursuit_test_handlers_clear   (PursuitTestHandlers *handlers);

/* What a handler appended to @log once it holds @n lines, waiting at
 * most @ms; the log is deleted. */
char     *pursuit_test_wait_for_lines   (const char          *log,
                                         guint                n,
                                         guint                ms);

/* The application actions that the tray's menu starts, recorded:
 * "open-prospect" (the ids, gint64), "show-today" and "quit". */
typedef struct
{
  GArray *opened;
  guint   todays;
  guint   quits;
} PursuitTestTrayActions;

/* Adds the actions to @app, recording in @record (set up here). */
void      pursuit_test_tray_actions_add   (GApplication           *app,
                                           PursuitTestTrayActions *record);
void      pursuit_test_tray_actions_reset (PursuitTestTrayActions *record);
void      pursuit_test_tray_actions_clear (PursuitTestTrayActions *record);

/* The built pursuit executable, run with the arguments that follow @run
 * (NULL-terminated), and what came of it. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} PursuitTestRun;

void      pursuit_test_run_clear        (PursuitTestRun *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PursuitTestRun, pursuit_test_run_clear)

void      pursuit_test_run_pursuit      (PursuitTestRun *run,
                                         ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
