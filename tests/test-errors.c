/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "pursuit-backup.h"
#include "pursuit-csv.h"
#include "pursuit-store-touches.h"
#include "pursuit-store.h"
#include "test-util.h"

/* The errors a user can run into on a real system: a disk that fills up, a
 * read-only folder or file system, and files they may not read. Each ends
 * in an error that says what happened and what to do, and leaves the
 * database as it was. The disk is a small tmpfs of the test's own; the
 * test runs without root's power to ignore permissions. */

#define DISK_SIZE (1024 * 1024)

typedef struct
{
  PursuitTestDisk  tmp;      /* tmp.disk: a tmpfs of DISK_SIZE bytes */
  PursuitStore    *store;
  PursuitProspect *jane;    /* Hot, with a touch */
  PursuitProspect *john;    /* in the inbox */
} Fixture;

static PursuitProspect *
add (Fixture      *f,
     const char   *name,
     PursuitStage  stage,
     PursuitTier   tier)
{
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new (name);
  g_autoptr(GError) error = NULL;

  pursuit_prospect_set_stage (prospect, stage);
  pursuit_prospect_set_tier (prospect, tier);
  pursuit_prospect_set_value (prospect, 1500);
  g_assert_true (pursuit_store_add (f->store, prospect, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&prospect);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PursuitTouch) touch = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;

  pursuit_test_disk_init (&f->tmp, "pursuit-errors", DISK_SIZE);

  f->store = pursuit_store_open (f->tmp.path, &error);
  g_assert_no_error (error);
  f->jane = add (f, "Jane Doe", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT);
  f->john = add (f, "John Roe", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE);
  touch = pursuit_touch_new (pursuit_prospect_get_id (f->jane), when, PURSUIT_CHANNEL_CALL,
                             PURSUIT_DIRECTION_OUT, PURSUIT_OUTCOME_NO_ANSWER);
  g_assert_true (pursuit_store_record_touch (f->store, touch, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->jane);
  g_clear_object (&f->john);
  g_clear_object (&f->store);
  pursuit_test_disk_clear (&f->tmp);
}

static void
close_store (Fixture *f)
{
  g_clear_object (&f->jane);
  g_clear_object (&f->john);
  g_clear_object (&f->store);
}

/* The disk fills up, with the store open or closed. */
static void
fill_disk (Fixture *f)
{
  pursuit_test_disk_fill (&f->tmp, f->store != NULL);
}

static void
assert_error (GError            **error,
              PursuitStoreError   code,
              const char         *names,
              const char         *says)
{
  g_assert_error (*error, PURSUIT_STORE_ERROR, (int) code);
  g_test_message ("%s", (*error)->message);
  g_assert_nonnull (strstr ((*error)->message, names));
  g_assert_nonnull (strstr ((*error)->message, says));
  g_clear_error (error);
}

static void
assert_disk_full (GError **error)
{
  assert_error (error, PURSUIT_STORE_ERROR_NO_SPACE, "pursuit.db", "is full");
}

/* Closes the store; returns the file as it is, to compare with later. */
static GBytes *
close_and_read (Fixture *f)
{
  close_store (f);
  return pursuit_test_read_bytes (f->tmp.path);
}

static void
assert_open_refused (const char        *path,
                     PursuitStoreError  code,
                     const char        *names,
                     const char        *says)
{
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = pursuit_store_open (path, &error);
  g_assert_null (store);
  assert_error (&error, code, names, says);
}

static void
assert_unchanged (Fixture *f,
                  GBytes  *before)
{
  g_autoptr(GBytes) after = pursuit_test_read_bytes (f->tmp.path);

  g_assert_true (g_bytes_equal (before, after));
}

static guint
n_in (Fixture      *f,
      PursuitStage  stage,
      PursuitTier   tier)
{
  return g_list_model_get_n_items (pursuit_store_get_model (f->store, stage, tier));
}

/* Every kind of change fails whole on a full disk: the objects, the
 * models and the file stay as they were, and the store works again once
 * there is room. */
static void
test_disk_full_changes (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PursuitProspect) ann = pursuit_prospect_new ("Ann Example");
  g_autoptr(PursuitProspect) draft = NULL;
  g_autoptr(PursuitTouch) touch = NULL;
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint attempts;

  if (!pursuit_test_need_mounts ())
    return;

  before = pursuit_test_dump_database (f->tmp.path);
  attempts = pursuit_prospect_get_attempts (f->jane);
  fill_disk (f);

  g_assert_false (pursuit_store_add (f->store, ann, &error));
  assert_disk_full (&error);
  g_assert_cmpint (pursuit_prospect_get_id (ann), ==, 0);

  draft = pursuit_prospect_dup (f->jane);
  pursuit_prospect_set_name (draft, "Jane Smith");
  g_assert_false (pursuit_store_update (f->store, f->jane, draft, &error));
  assert_disk_full (&error);
  g_assert_cmpstr (pursuit_prospect_get_name (f->jane), ==, "Jane Doe");

  g_assert_false (pursuit_store_move (f->store, f->jane, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD, now,
                                      &error));
  assert_disk_full (&error);
  g_assert_cmpint (pursuit_prospect_get_tier (f->jane), ==, PURSUIT_TIER_HOT);

  g_assert_false (pursuit_store_let_go (f->store, f->jane, PURSUIT_CLOSE_REASON_FIRM_NO, NULL, &error));
  assert_disk_full (&error);
  g_assert_cmpint (pursuit_prospect_get_stage (f->jane), ==, PURSUIT_STAGE_ACTIVE);

  touch = pursuit_touch_new (pursuit_prospect_get_id (f->jane), now, PURSUIT_CHANNEL_EMAIL,
                             PURSUIT_DIRECTION_OUT, PURSUIT_OUTCOME_NO_ANSWER);
  g_assert_false (pursuit_store_record_touch (f->store, touch, &error));
  assert_disk_full (&error);
  g_assert_cmpuint (pursuit_prospect_get_attempts (f->jane), ==, attempts);
  g_assert_cmpint (pursuit_touch_get_id (touch), ==, 0);

  g_assert_false (pursuit_store_remove (f->store, f->john, &error));
  assert_disk_full (&error);

  for (guint i = 0; i < 20; i++)
    g_ptr_array_add (many, pursuit_prospect_new ("Imported"));
  g_assert_false (pursuit_store_add_many (f->store, many, &error));
  assert_disk_full (&error);

  g_assert_cmpuint (n_in (f, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT), ==, 1);
  g_assert_cmpuint (n_in (f, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD), ==, 0);
  g_assert_cmpuint (n_in (f, PURSUIT_STAGE_INBOX, 0), ==, 1);
  g_assert_cmpuint (n_in (f, PURSUIT_STAGE_CLOSED, 0), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (f->store)), ==, 2);
  g_assert_true (pursuit_store_find (f->store, pursuit_prospect_get_id (f->john)) == f->john);

  pursuit_test_disk_free (&f->tmp);
  after = pursuit_test_dump_database (f->tmp.path);
  g_assert_cmpstr (after, ==, before);

  /* Nothing is stuck: the same move goes through now, and lasts. */
  g_assert_true (pursuit_store_move (f->store, f->jane, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD, now,
                                     &error));
  g_assert_no_error (error);
  close_store (f);
  f->store = pursuit_store_open (f->tmp.path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_in (f, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD), ==, 1);
}

/* A CSV import is one transaction: on a full disk none of it lands. */
static void
test_disk_full_import (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->tmp.dir, "leads.csv", NULL);
  g_autoptr(GString) text = g_string_new ("name,company,email\r\n");
  g_autoptr(GFile) file = NULL;
  g_autoptr(PursuitCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (!pursuit_test_need_mounts ())
    return;

  for (guint i = 0; i < 500; i++)
    g_string_append_printf (text, "Lead %u,Company %u,lead%u@example.com\r\n", i, i, i);
  g_assert_true (g_file_set_contents (csv, text->str, text->len, NULL));
  file = g_file_new_for_path (csv);

  before = pursuit_test_dump_database (f->tmp.path);
  fill_disk (f);
  g_assert_false (pursuit_csv_import (f->store, file, &report, &error));
  assert_disk_full (&error);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (f->store)), ==, 2);

  pursuit_test_disk_free (&f->tmp);
  after = pursuit_test_dump_database (f->tmp.path);
  g_assert_cmpstr (after, ==, before);
}

/* Opening needs room too (for the WAL's index); a full disk is said so,
 * and the file is left as it was. */
static void
test_disk_full_open (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *new_path = g_build_filename (f->tmp.disk, "new.db", NULL);
  g_autoptr(PursuitStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;

  if (!pursuit_test_need_mounts ())
    return;

  before = close_and_read (f);
  fill_disk (f);
  assert_open_refused (f->tmp.path, PURSUIT_STORE_ERROR_NO_SPACE, "pursuit.db", "is full");
  assert_unchanged (f, before);

  /* A new database cannot be made either, and leaves no empty file. */
  assert_open_refused (new_path, PURSUIT_STORE_ERROR_NO_SPACE, "new.db", "is full");
  g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));

  pursuit_test_disk_free (&f->tmp);
  store = pursuit_store_open (f->tmp.path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pursuit_store_get_prospects (store)), ==, 2);
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* Backups onto a full disk fail whole: no half file, nothing left over. */
static void
test_disk_full_backup (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (f->tmp.disk, "copy.db", NULL);
  g_autofree char *daily = g_build_filename (f->tmp.disk, "backups", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *created = NULL;
  guint n_files;

  if (!pursuit_test_need_mounts ())
    return;

  g_assert_cmpint (g_mkdir (daily, 0700), ==, 0);
  fill_disk (f);
  n_files = count_files (f->tmp.disk);

  g_assert_false (pursuit_store_backup_file (f->tmp.path, dest, &error));
  assert_error (&error, PURSUIT_STORE_ERROR_NO_SPACE, "copy.db", "full");
  g_assert_cmpuint (count_files (f->tmp.disk), ==, n_files);

  g_assert_false (pursuit_backup_daily (f->tmp.path, daily, now, PURSUIT_BACKUP_KEEP, &created, &error));
  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_NO_SPACE));
  g_clear_error (&error);
  g_assert_null (created);
  g_assert_cmpuint (count_files (daily), ==, 0);

  pursuit_test_disk_free (&f->tmp);
  g_assert_true (pursuit_store_backup_file (f->tmp.path, dest, &error));
  g_assert_no_error (error);
}

/* Restoring onto a full disk keeps the current database as it was. */
static void
test_disk_full_restore (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (f->tmp.dir, "backup.db", NULL);
  g_autofree char *kept = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  guint n_files;

  if (!pursuit_test_need_mounts ())
    return;

  g_assert_true (pursuit_store_backup_file (f->tmp.path, backup, &error));
  g_assert_no_error (error);
  close_store (f);
  before = pursuit_test_read_bytes (f->tmp.path);
  fill_disk (f);
  n_files = count_files (f->tmp.disk);

  g_assert_false (pursuit_backup_restore (backup, f->tmp.path, &kept, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_error_matches (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_NO_SPACE) ||
                 g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE));
  g_assert_null (kept);
  after = pursuit_test_read_bytes (f->tmp.path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (count_files (f->tmp.disk), ==, n_files);
}

static void
assert_refused (PursuitTestRun *run,
                const char     *says)
{
  g_assert_false (g_spawn_check_wait_status (run->status, NULL));
  g_assert_nonnull (strstr (run->err, says));
}

/* The command line says so and exits with an error; an export over an
 * earlier one leaves the earlier one whole. */
static void
test_disk_full_command_line (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->tmp.dir, "leads.csv", NULL);
  g_autofree char *export = g_build_filename (f->tmp.disk, "export.csv", NULL);
  g_autofree char *ics = g_build_filename (f->tmp.disk, "calendar.ics", NULL);
  g_autofree char *copy = g_build_filename (f->tmp.disk, "copy.db", NULL);
  g_autoptr(GString) text = g_string_new ("name\n");
  g_autoptr(GBytes) old_export = NULL;
  g_autoptr(GBytes) now_export = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(PursuitTestRun) import = { 0 };
  g_auto(PursuitTestRun) csv_out = { 0 };
  g_auto(PursuitTestRun) ics_out = { 0 };
  g_auto(PursuitTestRun) backup = { 0 };
  guint n_files;

  if (!pursuit_test_need_mounts ())
    return;

  for (guint i = 0; i < 500; i++)
    g_string_append_printf (text, "Lead number %u with a longer name\n", i);
  g_assert_true (g_file_set_contents (csv, text->str, text->len, NULL));
  g_assert_true (g_file_set_contents (export, "name\r\nOld export\r\n", -1, NULL));
  old_export = pursuit_test_read_bytes (export);
  before = pursuit_test_dump_database (f->tmp.path);

  /* The window stays open meanwhile, so the WAL and its index are there
   * and the command line gets as far as the work itself. */
  fill_disk (f);
  n_files = count_files (f->tmp.disk);

  pursuit_test_run_pursuit (&import, "--database", f->tmp.path, "--import-csv", csv, NULL);
  assert_refused (&import, "is full");
  pursuit_test_run_pursuit (&csv_out, "--database", f->tmp.path, "--export-csv", export, NULL);
  assert_refused (&csv_out, "export.csv");
  pursuit_test_run_pursuit (&ics_out, "--database", f->tmp.path, "--export-ics", ics, NULL);
  assert_refused (&ics_out, "calendar.ics");
  pursuit_test_run_pursuit (&backup, "--database", f->tmp.path, "--backup", copy, NULL);
  assert_refused (&backup, "copy.db");

  now_export = pursuit_test_read_bytes (export);
  g_assert_true (g_bytes_equal (old_export, now_export));
  g_assert_cmpuint (count_files (f->tmp.disk), ==, n_files);
  pursuit_test_disk_free (&f->tmp);
  after = pursuit_test_dump_database (f->tmp.path);
  g_assert_cmpstr (after, ==, before);
}

/* Read-only folders and file systems */

static void
test_read_only_new_in_folder (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->tmp.dir, "locked", NULL);
  g_autofree char *path = g_build_filename (folder, "pursuit.db", NULL);

  if (!pursuit_test_need_permissions ())
    return;

  g_assert_cmpint (g_mkdir (folder, 0500), ==, 0);
  assert_open_refused (path, PURSUIT_STORE_ERROR_READ_ONLY, path, "permissions");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* A database in a folder that became read-only: SQLite cannot make its
 * WAL beside it. */
static void
test_read_only_existing_in_folder (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GBytes) before = close_and_read (f);

  if (!pursuit_test_need_permissions ())
    return;

  g_assert_cmpint (g_chmod (f->tmp.disk, 0500), ==, 0);
  assert_open_refused (f->tmp.path, PURSUIT_STORE_ERROR_READ_ONLY, "pursuit.db", "permissions");
  assert_unchanged (f, before);
  g_assert_cmpuint (count_files (f->tmp.disk), ==, 1);
}

static void
test_read_only_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GBytes) before = close_and_read (f);

  if (!pursuit_test_need_permissions ())
    return;

  g_assert_cmpint (g_chmod (f->tmp.path, 0400), ==, 0);
  assert_open_refused (f->tmp.path, PURSUIT_STORE_ERROR_READ_ONLY, "pursuit.db", "permissions");
  assert_unchanged (f, before);
}

static void
test_read_only_file_system (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *new_path = g_build_filename (f->tmp.disk, "new.db", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;

  if (!pursuit_test_need_mounts ())
    return;

  before = close_and_read (f);
  pursuit_test_mount_read_only (f->tmp.disk);
  assert_open_refused (f->tmp.path, PURSUIT_STORE_ERROR_READ_ONLY, "pursuit.db", "Read-only file system");
  assert_open_refused (new_path, PURSUIT_STORE_ERROR_READ_ONLY, "new.db", "Read-only file system");
  g_assert_false (pursuit_store_backup_file (f->tmp.path, new_path, &error));
  assert_error (&error, PURSUIT_STORE_ERROR_READ_ONLY, "new.db", "Read-only file system");

  pursuit_test_unmount (f->tmp.disk);
  assert_unchanged (f, before);
  g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));
}

/* Backups and exports into a folder the user may not write to. */
static void
test_read_only_backup_and_export (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->tmp.dir, "locked", NULL);
  g_autofree char *copy = g_build_filename (folder, "copy.db", NULL);
  g_autofree char *export = g_build_filename (folder, "export.csv", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *created = NULL;
  g_auto(PursuitTestRun) csv_out = { 0 };

  if (!pursuit_test_need_permissions ())
    return;

  g_assert_cmpint (g_mkdir (folder, 0500), ==, 0);

  g_assert_false (pursuit_store_backup_file (f->tmp.path, copy, &error));
  assert_error (&error, PURSUIT_STORE_ERROR_READ_ONLY, "copy.db", "Permission denied");
  g_assert_false (pursuit_backup_daily (f->tmp.path, folder, now, PURSUIT_BACKUP_KEEP, &created, &error));
  g_assert_true (g_error_matches (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_READ_ONLY));
  g_clear_error (&error);

  close_store (f);
  pursuit_test_run_pursuit (&csv_out, "--database", f->tmp.path, "--export-csv", export, NULL);
  assert_refused (&csv_out, "Permission denied");
  g_assert_cmpuint (count_files (folder), ==, 0);
}

/* Missing permissions */

static void
test_unreadable_file (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GBytes) before = close_and_read (f);

  if (!pursuit_test_need_permissions ())
    return;

  g_assert_cmpint (g_chmod (f->tmp.path, 0), ==, 0);
  assert_open_refused (f->tmp.path, PURSUIT_STORE_ERROR_READ_ONLY, "pursuit.db", "Permission denied");
  g_assert_cmpint (g_chmod (f->tmp.path, 0600), ==, 0);
  assert_unchanged (f, before);
}

static void
test_unsearchable_folder (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GBytes) before = close_and_read (f);

  if (!pursuit_test_need_permissions ())
    return;

  g_assert_cmpint (g_chmod (f->tmp.disk, 0), ==, 0);
  assert_open_refused (f->tmp.path, PURSUIT_STORE_ERROR_READ_ONLY, "pursuit.db", "Permission denied");
  g_assert_cmpint (g_chmod (f->tmp.disk, 0700), ==, 0);
  assert_unchanged (f, before);
}

/* An import file the user may not read: nothing changes. */
static void
test_unreadable_import (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->tmp.dir, "secret.csv", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(PursuitTestRun) import = { 0 };

  if (!pursuit_test_need_permissions ())
    return;

  g_assert_true (g_file_set_contents (csv, "name\nAnn\n", -1, NULL));
  g_assert_cmpint (g_chmod (csv, 0), ==, 0);
  close_store (f);
  before = pursuit_test_dump_database (f->tmp.path);

  pursuit_test_run_pursuit (&import, "--database", f->tmp.path, "--import-csv", csv, NULL);
  assert_refused (&import, "secret.csv");
  g_assert_nonnull (strstr (import.err, "Permission denied"));
  after = pursuit_test_dump_database (f->tmp.path);
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  pursuit_test_isolate ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/errors/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("disk-full/changes", test_disk_full_changes);
  ADD ("disk-full/import", test_disk_full_import);
  ADD ("disk-full/open", test_disk_full_open);
  ADD ("disk-full/backup", test_disk_full_backup);
  ADD ("disk-full/restore", test_disk_full_restore);
  ADD ("disk-full/command-line", test_disk_full_command_line);
  ADD ("read-only/new-in-folder", test_read_only_new_in_folder);
  ADD ("read-only/existing-in-folder", test_read_only_existing_in_folder);
  ADD ("read-only/file", test_read_only_file);
  ADD ("read-only/file-system", test_read_only_file_system);
  ADD ("read-only/backup-and-export", test_read_only_backup_and_export);
  ADD ("permission/unreadable-file", test_unreadable_file);
  ADD ("permission/unsearchable-folder", test_unsearchable_folder);
  ADD ("permission/unreadable-import", test_unreadable_import);

#undef ADD

  return g_test_run ();
}
