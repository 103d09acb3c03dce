/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-test-templates"

#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "pursuit-format.h"
#include "pursuit-preferences-window.h"
#include "pursuit-store-touches.h"
#include "pursuit-templates.h"
#include "test-util.h"

/* The email templates in GSettings (the memory backend of the test
 * environment), composed for prospects of a database on disk, and edited
 * in the Preferences window. */

typedef struct
{
  char         *dir;
  char         *path;
  PursuitStore *store;
  GSettings    *settings;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = pursuit_test_make_dir ("test-templates");
  f->path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  f->settings = g_settings_new (APPLICATION_ID);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* The memory backend lives as long as the process. */
  g_settings_reset (f->settings, "email-templates");
  g_settings_reset (f->settings, "user-name");
  g_settings_reset (f->settings, "signature");
  g_settings_reset (f->settings, "currency");
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  pursuit_test_destroy_windows ();
  pursuit_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* The templates as the settings keep them: "good/nudge" → (subject, body). */
static gboolean
stored (GSettings   *settings,
        const char  *key,
        char       **subject,
        char       **body)
{
  g_autoptr(GVariant) all = g_settings_get_value (settings, "email-templates");

  return g_variant_lookup (all, key, "(ss)", subject, body);
}

static guint
n_stored (GSettings *settings)
{
  g_autoptr(GVariant) all = g_settings_get_value (settings, "email-templates");

  return (guint) g_variant_n_children (all);
}

static PursuitProspect *
add_prospect (Fixture     *f,
              const char  *name,
              PursuitTier  tier)
{
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new (name);
  g_autoptr(GError) error = NULL;

  pursuit_prospect_set_company (prospect, "Acme & Sons <Ltd>");
  pursuit_prospect_set_email (prospect, "jane@example.com");
  pursuit_prospect_set_value (prospect, 1500);
  pursuit_prospect_set_stage (prospect, tier == PURSUIT_TIER_NONE ? PURSUIT_STAGE_INBOX : PURSUIT_STAGE_ACTIVE);
  pursuit_prospect_set_tier (prospect, tier);
  g_assert_true (pursuit_store_add (f->store, prospect, &error));
  g_assert_no_error (error);
  return g_object_ref (pursuit_store_find (f->store, pursuit_prospect_get_id (prospect)));
}

static void
log_touch (Fixture         *f,
           PursuitProspect *prospect,
           GDateTime       *when,
           gboolean         informational)
{
  g_autoptr(PursuitTouch) touch = pursuit_touch_new (pursuit_prospect_get_id (prospect), when,
                                                     PURSUIT_CHANNEL_EMAIL, PURSUIT_DIRECTION_OUT,
                                                     PURSUIT_OUTCOME_NO_ANSWER);
  g_autoptr(GError) error = NULL;

  pursuit_touch_set_informational (touch, informational);
  g_assert_true (pursuit_store_record_touch (f->store, touch, &error));
  g_assert_no_error (error);
}

static void
test_defaults (Fixture       *f,
               gconstpointer  data)
{
  for (guint step = 0; step < PURSUIT_N_TEMPLATE_STEPS; step++)
    {
      g_autofree char *hot_subject = NULL;
      g_autofree char *hot_body = NULL;

      pursuit_templates_get (f->settings, PURSUIT_TIER_HOT, step, &hot_subject, &hot_body);
      g_assert_cmpstr (hot_subject, !=, "");
      /* Every default greets by first name and is signed. */
      g_assert_true (g_str_has_prefix (hot_body, "Hi {first_name},\n"));
      g_assert_true (g_str_has_suffix (hot_body, "{my_name}\n{signature}"));
      for (PursuitTier tier = PURSUIT_TIER_NONE; tier < PURSUIT_N_TIERS; tier++)
        {
          g_autofree char *subject = NULL;
          g_autofree char *body = NULL;

          /* The same four for each tier, until the user edits one. */
          pursuit_templates_get (f->settings, tier, step, &subject, &body);
          g_assert_cmpstr (subject, ==, hot_subject);
          g_assert_cmpstr (body, ==, hot_body);
          g_assert_false (pursuit_templates_is_edited (f->settings, tier, step));
        }
    }
  {
    g_autofree char *closing = NULL;

    /* The closing email says the sender goes quiet, and leaves the door
     * open. */
    pursuit_templates_get (f->settings, PURSUIT_TIER_COLD, PURSUIT_TEMPLATE_STEP_CLOSING, NULL, &closing);
    g_assert_nonnull (strstr (closing, "last note"));
    g_assert_nonnull (strstr (closing, "just reply"));
  }
  g_assert_cmpuint (n_stored (f->settings), ==, 0);
}

static void
test_set (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *default_subject = NULL;
  g_autofree char *default_body = NULL;

  pursuit_templates_set (f->settings, PURSUIT_TIER_GOOD, PURSUIT_TEMPLATE_STEP_NUDGE, "Ping {name}", "Body {company}");
  g_assert_true (stored (f->settings, "good/nudge", &subject, &body));
  g_assert_cmpstr (subject, ==, "Ping {name}");
  g_assert_cmpstr (body, ==, "Body {company}");
  g_assert_cmpuint (n_stored (f->settings), ==, 1);
  g_assert_true (pursuit_templates_is_edited (f->settings, PURSUIT_TIER_GOOD, PURSUIT_TEMPLATE_STEP_NUDGE));
  g_assert_false (pursuit_templates_is_edited (f->settings, PURSUIT_TIER_HOT, PURSUIT_TEMPLATE_STEP_NUDGE));
  g_assert_false (pursuit_templates_is_edited (f->settings, PURSUIT_TIER_GOOD, PURSUIT_TEMPLATE_STEP_FIRST));
  g_clear_pointer (&subject, g_free);
  g_clear_pointer (&body, g_free);

  /* A NULL half keeps what was there. */
  pursuit_templates_set (f->settings, PURSUIT_TIER_GOOD, PURSUIT_TEMPLATE_STEP_NUDGE, "Ping again", NULL);
  pursuit_templates_get (f->settings, PURSUIT_TIER_GOOD, PURSUIT_TEMPLATE_STEP_NUDGE, &subject, &body);
  g_assert_cmpstr (subject, ==, "Ping again");
  g_assert_cmpstr (body, ==, "Body {company}");
  g_clear_pointer (&subject, g_free);
  g_clear_pointer (&body, g_free);

  /* Prospects in no tier have their own key. */
  pursuit_templates_set (f->settings, PURSUIT_TIER_NONE, PURSUIT_TEMPLATE_STEP_CLOSING, "Bye", "Bye {first_name}");
  g_assert_true (stored (f->settings, "other/closing", &subject, &body));
  g_assert_cmpuint (n_stored (f->settings), ==, 2);

  /* Writing the default text forgets the edit; so does a reset. */
  pursuit_templates_get_default (PURSUIT_TIER_GOOD, PURSUIT_TEMPLATE_STEP_NUDGE, &default_subject, &default_body);
  pursuit_templates_set (f->settings, PURSUIT_TIER_GOOD, PURSUIT_TEMPLATE_STEP_NUDGE, default_subject, default_body);
  g_assert_false (pursuit_templates_is_edited (f->settings, PURSUIT_TIER_GOOD, PURSUIT_TEMPLATE_STEP_NUDGE));
  g_assert_cmpuint (n_stored (f->settings), ==, 1);
  pursuit_templates_reset (f->settings, PURSUIT_TIER_NONE, PURSUIT_TEMPLATE_STEP_CLOSING);
  g_assert_cmpuint (n_stored (f->settings), ==, 0);
}

static void
test_compose (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PursuitProspect) jane = add_prospect (f, "Dr. Jane Doe", PURSUIT_TIER_GOOD);
  g_autoptr(GDateTime) met = g_date_time_new_local (2027, 5, 3, 10, 0, 0);
  g_autoptr(GDateTime) mailing = g_date_time_new_local (2027, 5, 20, 10, 0, 0);
  g_autofree char *value = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;

  g_settings_set_string (f->settings, "currency", "EUR");
  g_settings_set_string (f->settings, "user-name", "Sam Seller");
  g_settings_set_string (f->settings, "signature", "Seller & Co\n+1 555 0100\n\n");
  pursuit_templates_set (f->settings, PURSUIT_TIER_GOOD, PURSUIT_TEMPLATE_STEP_VALUE, "For {company}, {first_name}",
                         "{first_name}|{name}|{company}|{value}|{last_touch}|{my_name}|{signature}|{other}");
  log_touch (f, jane, met, FALSE);
  /* A nurture mailing is not what "my message of …" means. */
  log_touch (f, jane, mailing, TRUE);

  g_assert_true (pursuit_templates_compose (f->settings, f->store, jane, PURSUIT_TEMPLATE_STEP_VALUE,
                                            &subject, &body, &error));
  g_assert_no_error (error);
  value = pursuit_format_value (1500, "EUR");
  g_assert_nonnull (strstr (value, "1,500"));
  g_assert_nonnull (strstr (value, "€"));
  g_assert_cmpstr (subject, ==, "For Acme & Sons <Ltd>, Jane");
  /* The signature's trailing blank lines go: no empty lines at the end. */
  expected = g_strdup_printf ("Jane|Dr. Jane Doe|Acme & Sons <Ltd>|%s|3 May 2027|Sam Seller|Seller & Co\n+1 555 0100|{other}",
                              value);
  g_assert_cmpstr (body, ==, expected);
}

static void
test_compose_defaults (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PursuitProspect) ann = add_prospect (f, "Ann {signature} Lee", PURSUIT_TIER_NONE);
  g_autofree char *created = pursuit_format_date (pursuit_prospect_get_created_at (ann));
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *greeting = NULL;
  g_autoptr(GError) error = NULL;

  /* A placeholder in a name stays text; no touch yet: the last touch is the day the prospect was added; no
   * name and no signature: the mail ends with the closing words. */
  g_settings_set_string (f->settings, "user-name", "  ");
  g_assert_true (pursuit_templates_compose (f->settings, f->store, ann, PURSUIT_TEMPLATE_STEP_FIRST,
                                            &subject, &body, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (subject, ==, "Following up on our conversation");
  g_assert_true (g_str_has_prefix (body, "Hi Ann,\n\nThank you for your time when we spoke on "));
  g_assert_nonnull (strstr (body, created));
  g_assert_null (strstr (body, "{"));
  g_assert_false (g_str_has_suffix (body, "\n"));
  greeting = g_strdup_printf ("Best regards,\n%s", g_strcmp0 (g_get_real_name (), "Unknown") == 0
                                                     ? "" : g_get_real_name ());
  g_assert_true (g_str_has_suffix (body, g_strchomp (greeting)));

  /* A name with no first name in it is greeted whole. */
  {
    g_autoptr(PursuitProspect) titles = add_prospect (f, "Dr.", PURSUIT_TIER_HOT);
    g_autofree char *hello = NULL;

    g_assert_true (pursuit_templates_compose (f->settings, f->store, titles, PURSUIT_TEMPLATE_STEP_NUDGE,
                                              NULL, &hello, &error));
    g_assert_true (g_str_has_prefix (hello, "Hi Dr.,\n"));
  }

  /* A signature that starts with the user's name, after the defaults'
   * own {my_name}: the name is signed once; one that does not stays
   * whole. */
  {
    g_autofree char *signed_once = NULL;
    g_autofree char *other = NULL;

    g_settings_set_string (f->settings, "user-name", "Sam Seller");
    g_settings_set_string (f->settings, "signature", "Sam Seller\nSeller & Co\n");
    g_assert_true (pursuit_templates_compose (f->settings, f->store, ann, PURSUIT_TEMPLATE_STEP_NUDGE,
                                              NULL, &signed_once, &error));
    g_assert_no_error (error);
    g_assert_true (g_str_has_suffix (signed_once, "\nSam Seller\nSeller & Co"));
    g_assert_null (strstr (signed_once, "Sam Seller\nSam Seller"));

    g_settings_set_string (f->settings, "signature", "Sam Sellers Ltd");
    g_assert_true (pursuit_templates_compose (f->settings, f->store, ann, PURSUIT_TEMPLATE_STEP_NUDGE,
                                              NULL, &other, &error));
    g_assert_true (g_str_has_suffix (other, "\nSam Seller\nSam Sellers Ltd"));
  }
}

/* ---- the Preferences window ---------------------------------------------- */

static char *
view_text (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* What a screen reader reads: the label the .ui gives, or for a row the
 * title it is labelled by. */
static void
assert_named (GtkWidget *widget)
{
  g_assert_nonnull (widget);
  g_test_message ("%s", G_OBJECT_TYPE_NAME (widget));
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL)
                 || gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY));
}

static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  PursuitPreferencesWindow *window = pursuit_preferences_window_new (NULL, f->settings);
  g_autoptr(PursuitProspect) bob = add_prospect (f, "Bob Stone", PURSUIT_TIER_GOOD);
  GtkWidget *tier = pursuit_preferences_window_get_email_widget (window, "tier");
  GtkWidget *step = pursuit_preferences_window_get_email_widget (window, "step");
  GtkWidget *subject_row = pursuit_preferences_window_get_email_widget (window, "subject");
  GtkWidget *body_view = pursuit_preferences_window_get_email_widget (window, "body");
  GtkWidget *restore = pursuit_preferences_window_get_email_widget (window, "restore");
  GtkWidget *name_row = pursuit_preferences_window_get_email_widget (window, "user-name");
  GtkWidget *signature_view = pursuit_preferences_window_get_email_widget (window, "signature");
  g_autofree char *default_subject = NULL;
  g_autofree char *default_body = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *shown = NULL;
  g_autoptr(GError) error = NULL;

  pursuit_test_show_and_wait (GTK_WINDOW (window), 200);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "email");
  pursuit_test_wait (50);
  for (const char *const *name = (const char *const[]) { "tier", "step", "subject", "body", "restore",
                                                         "user-name", "signature", NULL };
       *name != NULL; name++)
    assert_named (pursuit_preferences_window_get_email_widget (window, *name));

  /* Hot's first follow-up, the default, is shown first. */
  pursuit_templates_get_default (PURSUIT_TIER_HOT, PURSUIT_TEMPLATE_STEP_FIRST, &default_subject, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (subject_row)), ==, default_subject);
  g_assert_false (gtk_widget_get_sensitive (restore));
  g_clear_pointer (&default_subject, g_free);
  pursuit_templates_get_default (PURSUIT_TIER_GOOD, PURSUIT_TEMPLATE_STEP_NUDGE, &default_subject, &default_body);

  /* Good's nudge, edited in the window. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (tier), 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (step), 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (subject_row)), ==, default_subject);
  shown = view_text (body_view);
  g_assert_cmpstr (shown, ==, default_body);
  gtk_editable_set_text (GTK_EDITABLE (subject_row), "Still keen, {first_name}?");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (body_view)),
                            "Hi {first_name} at {company},\nany news?\n{my_name}", -1);
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Sam Seller");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (signature_view)), "Seller & Co", -1);
  g_assert_true (gtk_widget_get_sensitive (restore));

  g_assert_true (stored (f->settings, "good/nudge", &subject, &body));
  g_assert_cmpstr (subject, ==, "Still keen, {first_name}?");
  g_assert_cmpstr (body, ==, "Hi {first_name} at {company},\nany news?\n{my_name}");
  g_assert_cmpuint (n_stored (f->settings), ==, 1);
  g_clear_pointer (&subject, g_free);
  g_clear_pointer (&body, g_free);
  {
    g_autofree char *name = g_settings_get_string (f->settings, "user-name");
    g_autofree char *signature = g_settings_get_string (f->settings, "signature");

    g_assert_cmpstr (name, ==, "Sam Seller");
    g_assert_cmpstr (signature, ==, "Seller & Co");
  }

  /* What Email writes for Bob, a Good prospect, at the nudge. */
  g_assert_true (pursuit_templates_compose (f->settings, f->store, bob, PURSUIT_TEMPLATE_STEP_NUDGE, &subject,
                                            &body, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (subject, ==, "Still keen, Bob?");
  g_assert_cmpstr (body, ==, "Hi Bob at Acme & Sons <Ltd>,\nany news?\nSam Seller");
  g_clear_pointer (&subject, g_free);
  g_clear_pointer (&body, g_free);

  /* Another tier shows its own (the default): the edit was Good's only. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (tier), 0);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (step)), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (subject_row)), ==, default_subject);
  g_assert_false (gtk_widget_get_sensitive (restore));
  g_assert_cmpuint (n_stored (f->settings), ==, 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (tier), 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (subject_row)), ==, "Still keen, {first_name}?");

  /* Restore Default: the edit is forgotten, the default shown again. */
  g_signal_emit_by_name (restore, "clicked");
  g_assert_cmpuint (n_stored (f->settings), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (subject_row)), ==, default_subject);
  g_clear_pointer (&shown, g_free);
  shown = view_text (body_view);
  g_assert_cmpstr (shown, ==, default_body);
  g_assert_false (gtk_widget_get_sensitive (restore));
  g_assert_true (pursuit_templates_compose (f->settings, f->store, bob, PURSUIT_TEMPLATE_STEP_NUDGE, &subject,
                                            &body, &error));
  g_assert_cmpstr (subject, ==, default_subject);
  g_assert_true (g_str_has_prefix (body, "Hi Bob,\n"));
  g_assert_true (g_str_has_suffix (body, "Sam Seller\nSeller & Co"));

  /* A change made elsewhere shows at once. */
  pursuit_templates_set (f->settings, PURSUIT_TIER_GOOD, PURSUIT_TEMPLATE_STEP_NUDGE, "From elsewhere", "Body");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (subject_row)), ==, "From elsewhere");
  g_settings_set_string (f->settings, "signature", "New\nsignature");
  g_clear_pointer (&shown, g_free);
  shown = view_text (signature_view);
  g_assert_cmpstr (shown, ==, "New\nsignature");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  /* The test context keeps the accessible properties (none drops them),
   * so that the names can be checked. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/templates/defaults", test_defaults);
  ADD ("/templates/set", test_set);
  ADD ("/templates/compose", test_compose);
  ADD ("/templates/compose-defaults", test_compose_defaults);
  ADD ("/templates/preferences", test_preferences);
#undef ADD

  return g_test_run ();
}
