/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test"

#include "config.h"

#include <libical/ical.h>

#include <glib/gstdio.h>

#include "pursuit-ics.h"
#include "pursuit-store.h"

/* The iCalendar export, read back with libical as another calendar
 * would. */

typedef struct
{
  char         *dir;
  char         *path;
  PursuitStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-ics-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  static const char *suffixes[] = { "", "-wal", "-shm", ".ics" };

  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (f->path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static PursuitProspect *
add (Fixture        *f,
     const char     *name,
     const char     *company,
     PursuitStage    stage,
     PursuitTier     tier,
     PursuitChannel  channel,
     GDateTime      *next_touch)
{
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new (name);
  g_autoptr(GError) error = NULL;

  pursuit_prospect_set_company (prospect, company);
  pursuit_prospect_set_stage (prospect, stage);
  pursuit_prospect_set_tier (prospect, tier);
  pursuit_prospect_set_next_channel (prospect, channel);
  pursuit_prospect_set_next_touch (prospect, next_touch);
  pursuit_store_add (f->store, prospect, &error);
  g_assert_no_error (error);
  return prospect;
}

static icalcomponent *
find_todo (icalcomponent *calendar,
           const char    *uid)
{
  for (icalcomponent *todo = icalcomponent_get_first_component (calendar, ICAL_VTODO_COMPONENT); todo != NULL;
       todo = icalcomponent_get_next_component (calendar, ICAL_VTODO_COMPONENT))
    if (g_strcmp0 (icalcomponent_get_uid (todo), uid) == 0)
      return todo;
  return NULL;
}

static icalcomponent *
export_and_parse (Fixture *f,
                  char   **text_out)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 23, 8, 0, 0);
  char *text = pursuit_ics_build (pursuit_store_get_prospects (f->store), pursuit_store_get_policy (f->store),
                                  pursuit_store_get_database_id (f->store), now);
  icalcomponent *calendar;

  g_test_message ("%s", text);
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  /* libical marks what it could not understand with X-LIC-ERROR. */
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);
  if (text_out != NULL)
    *text_out = text;
  else
    g_free (text);
  return calendar;
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) due = g_date_time_new (zone, 2026, 11, 24, 9, 30, 0);
  g_autoptr(GDateTime) customer_due = g_date_time_new (zone, 2027, 1, 5, 14, 0, 0);
  PursuitProspect *jane = add (f, "Jane Doe", "Acme", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD,
                               PURSUIT_CHANNEL_CALL, due);
  PursuitProspect *carl = add (f, "Carl Customer", "", PURSUIT_STAGE_CUSTOMER, PURSUIT_TIER_NONE,
                               PURSUIT_CHANNEL_EMAIL, customer_due);
  g_autofree char *jane_uid = pursuit_ics_dup_uid (jane, pursuit_store_get_database_id (f->store));
  g_autofree char *carl_uid = pursuit_ics_dup_uid (carl, pursuit_store_get_database_id (f->store));
  g_autofree char *uid_expected = NULL;
  icalcomponent *calendar;
  icalcomponent *todo;
  const char *description;

  /* Not on the schedule: inbox, closed. */
  add (f, "In Box", "", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE, PURSUIT_CHANNEL_CALL, due);
  add (f, "Clo Sed", "", PURSUIT_STAGE_CLOSED, PURSUIT_TIER_NONE, PURSUIT_CHANNEL_CALL, due);

  calendar = export_and_parse (f, NULL);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VTODO_COMPONENT), ==, 2);

  uid_expected = g_strdup_printf ("prospect-1-%s@pursuit.github.io", pursuit_store_get_database_id (f->store));
  g_assert_cmpstr (jane_uid, ==, uid_expected);
  todo = find_todo (calendar, jane_uid);
  g_assert_nonnull (todo);
  g_assert_cmpstr (icalcomponent_get_summary (todo), ==, "Call Jane Doe — Acme");
  g_assert_cmpint (icaltime_as_timet_with_zone (icalcomponent_get_due (todo), icaltimezone_get_utc_timezone ()),
                   ==, g_date_time_to_unix (due));
  description = icalcomponent_get_description (todo);
  g_assert_nonnull (strstr (description, "Good: every 7 days"));
  g_assert_nonnull (strstr (description, "Attempt 1 of 7"));
  g_assert_nonnull (icalcomponent_get_first_property (todo, ICAL_DTSTAMP_PROPERTY));

  todo = find_todo (calendar, carl_uid);
  g_assert_nonnull (todo);
  g_assert_cmpstr (icalcomponent_get_summary (todo), ==, "Email Carl Customer");
  g_assert_null (strstr (icalcomponent_get_description (todo), "Attempt"));
  g_assert_cmpint (icaltime_as_timet_with_zone (icalcomponent_get_due (todo), icaltimezone_get_utc_timezone ()),
                   ==, g_date_time_to_unix (customer_due));
  icalcomponent_free (calendar);
}

static void
test_uid_is_stable (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GDateTime) due = g_date_time_new_utc (2026, 12, 1, 10, 0, 0);
  g_autoptr(GDateTime) later = g_date_time_new_utc (2026, 12, 8, 10, 0, 0);
  PursuitProspect *jane = add (f, "Jane", "", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD, PURSUIT_CHANNEL_CALL, due);
  g_autoptr(PursuitProspect) draft = pursuit_prospect_dup (jane);
  g_autofree char *uid = pursuit_ics_dup_uid (jane, pursuit_store_get_database_id (f->store));
  g_autoptr(GError) error = NULL;
  icalcomponent *calendar;
  icalcomponent *todo;

  add (f, "Other", "", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD, PURSUIT_CHANNEL_CALL, due);
  pursuit_prospect_set_next_touch (draft, later);
  pursuit_prospect_set_name (draft, "Jane Renamed");
  pursuit_store_update (f->store, jane, draft, &error);
  g_assert_no_error (error);

  calendar = export_and_parse (f, NULL);
  todo = find_todo (calendar, uid);
  g_assert_nonnull (todo);
  g_assert_cmpstr (icalcomponent_get_summary (todo), ==, "Call Jane Renamed");
  g_assert_cmpint (icaltime_as_timet_with_zone (icalcomponent_get_due (todo), icaltimezone_get_utc_timezone ()),
                   ==, g_date_time_to_unix (later));
  icalcomponent_free (calendar);
}

static void
test_text_is_escaped (Fixture       *f,
                      gconstpointer  data)
{
  static const char name[] = "Zoë O’Brien, Jr.; \\ the \"Second\"\nof Köln";
  static const char company[] = "Société Générale; Ärzte, GmbH 株式会社 — a very long company name that "
                                "needs folding across lines ☎☎☎☎☎☎☎☎☎☎";
  g_autoptr(GDateTime) due = g_date_time_new_utc (2026, 12, 1, 10, 0, 0);
  PursuitProspect *zoe = add (f, name, company, PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT, PURSUIT_CHANNEL_VISIT, due);
  g_autofree char *uid = pursuit_ics_dup_uid (zoe, pursuit_store_get_database_id (f->store));
  g_autofree char *expected = g_strdup_printf ("Visit %s — %s", name, company);
  g_autofree char *text = NULL;
  icalcomponent *calendar;
  icalcomponent *todo;

  calendar = export_and_parse (f, &text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  /* What the file says: escaped TEXT, no raw line break inside a value. */
  g_assert_nonnull (strstr (text, "Jr.\\; \\\\ the"));
  g_assert_nonnull (strstr (text, "O’Brien\\, Jr."));
  g_assert_nonnull (strstr (text, "\\nof K"));
  todo = find_todo (calendar, uid);
  g_assert_nonnull (todo);
  g_assert_cmpstr (icalcomponent_get_summary (todo), ==, expected);
  icalcomponent_free (calendar);
}

static void
test_write_to_file (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GDateTime) due = g_date_time_new_utc (2026, 12, 1, 10, 0, 0);
  g_autofree char *ics = g_strconcat (f->path, ".ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (ics);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  icalcomponent *calendar;

  add (f, "Jane", "Acme", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD, PURSUIT_CHANNEL_EMAIL, due);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pursuit_ics_write (pursuit_store_get_prospects (f->store), pursuit_store_get_policy (f->store),
                                    pursuit_store_get_database_id (f->store), G_OUTPUT_STREAM (stream), NULL,
                                    &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error));

  g_assert_true (g_file_get_contents (ics, &contents, NULL, &error));
  g_assert_true (g_str_has_prefix (contents, "BEGIN:VCALENDAR\r\n"));
  calendar = icalparser_parse_string (contents);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VTODO_COMPONENT), ==, 1);
  icalcomponent_free (calendar);
}

/* Control characters (a terminal's escapes, backspaces, DEL, C1) are
 * gone from the file; line breaks stay, escaped. */
static void
test_controls_stripped (Fixture       *f,
                        gconstpointer  data)
{
  static const char name[] = "Eve\033[2J\033]0;pwned\007 B\bad\x7f\xc2\x9b Doe\r\nNext";
  g_autoptr(GDateTime) due = g_date_time_new_utc (2026, 12, 1, 10, 0, 0);
  PursuitProspect *eve = add (f, name, "", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT, PURSUIT_CHANNEL_CALL, due);
  g_autofree char *uid = pursuit_ics_dup_uid (eve, pursuit_store_get_database_id (f->store));
  g_autofree char *text = NULL;
  icalcomponent *calendar;
  icalcomponent *todo;

  calendar = export_and_parse (f, &text);
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 && *p != '\r' && *p != '\n')
      g_error ("control byte 0x%02x in the calendar", (guchar) *p);
  g_assert_null (strstr (text, "\x7f"));
  g_assert_null (strstr (text, "\xc2\x9b"));
  todo = find_todo (calendar, uid);
  g_assert_nonnull (todo);
  g_assert_cmpstr (icalcomponent_get_summary (todo), ==, "Call Eve[2J]0;pwned Bad Doe\nNext");
  icalcomponent_free (calendar);
}

/* Two databases give their prospects of the same id different UIDs; one
 * database gives the same UIDs on every export, also after reopening. */
static void
test_uid_per_database (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GDateTime) due = g_date_time_new_utc (2026, 12, 1, 10, 0, 0);
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(PursuitStore) other = NULL;
  g_autoptr(GError) error = NULL;
  PursuitProspect *jane = add (f, "Jane", "", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD, PURSUIT_CHANNEL_CALL, due);
  g_autoptr(PursuitProspect) bob = pursuit_prospect_new ("Bob");
  g_autofree char *jane_uid = pursuit_ics_dup_uid (jane, pursuit_store_get_database_id (f->store));
  g_autofree char *bob_uid = NULL;
  g_autofree char *again = NULL;
  PursuitProspect *reopened;

  other = pursuit_store_open (other_path, &error);
  g_assert_no_error (error);
  pursuit_store_add (other, bob, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pursuit_prospect_get_id (bob), ==, pursuit_prospect_get_id (jane));
  bob_uid = pursuit_ics_dup_uid (bob, pursuit_store_get_database_id (other));
  g_assert_cmpstr (jane_uid, !=, bob_uid);
  g_assert_true (g_str_has_suffix (jane_uid, "@pursuit.github.io"));
  g_assert_null (strstr (jane_uid, "pursuit.pursuit"));

  g_clear_object (&f->store);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  reopened = pursuit_store_find (f->store, 1);
  g_assert_nonnull (reopened);
  again = pursuit_ics_dup_uid (reopened, pursuit_store_get_database_id (f->store));
  g_assert_cmpstr (jane_uid, ==, again);

  g_clear_object (&other);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strconcat (other_path, (const char *[]) { "", "-wal", "-shm" }[i], NULL);
      g_unlink (name);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  TEST ("/io/ics/round-trip", test_round_trip);
  TEST ("/io/ics/uid-is-stable", test_uid_is_stable);
  TEST ("/io/ics/controls-stripped", test_controls_stripped);
  TEST ("/io/ics/uid-per-database", test_uid_per_database);
  TEST ("/io/ics/text-is-escaped", test_text_is_escaped);
  TEST ("/io/ics/write-to-file", test_write_to_file);
#undef TEST

  return g_test_run ();
}
