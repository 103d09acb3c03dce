/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pursuit-pg-setup.h"
#include "pursuit-preferences-window.h"
#include "pursuit-templates.h"
#include "pursuit-types.h"

struct _PursuitPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings     *settings;

  GtkSpinButton *hot_spin;
  GtkSpinButton *good_spin;
  GtkSpinButton *cool_spin;
  GtkSpinButton *cold_spin;
  GtkSpinButton *customer_spin;
  AdwComboRow   *limit_mode_row;
  AdwActionRow  *fixed_row;
  GtkSpinButton *fixed_spin;
  AdwActionRow  *cost_row;
  GtkSpinButton *cost_spin;
  AdwActionRow  *win_rate_row;
  GtkSpinButton *win_rate_spin;
  GtkSpinButton *revisit_spin;
  AdwEntryRow   *currency_row;
  GtkSwitch     *background_switch;
  GtkBox        *work_days_box;
  GtkSpinButton *work_hour_spin;
  GtkSpinButton *work_minute_spin;
  GtkSpinButton *max_per_day_spin;

  AdwComboRow   *template_tier_row;
  AdwComboRow   *template_step_row;
  AdwEntryRow   *template_subject_row;
  GtkTextView   *template_body_view;
  GtkButton     *template_restore_button;
  AdwEntryRow   *user_name_row;
  GtkTextView   *signature_view;

  GtkToggleButton *work_days[7];   /* Monday first */
  /* While the window writes the working week itself, or shows it. */
  gboolean       syncing;
  /* While the window shows a template, or writes the one it edits. */
  gboolean       template_syncing;
  /* Made in code, not in the template: see add_team_server_row(). */
  AdwEntryRow   *team_server_row;

  /* The cadence a change replaced, for the toast's Undo. */
  AdwToast      *cadence_toast;
  char          *undo_key;
  guint          undo_value;
  guint          cadences[5];      /* as last seen, in the order of cadence_keys */
  gboolean       undoing;
};

G_DEFINE_FINAL_TYPE (PursuitPreferencesWindow, pursuit_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The order of the combo row, and the nicks of the schema's enum. */
static const char *limit_modes[] = { "fixed", "value-based", "learned" };

static gboolean
limit_mode_get (GValue   *value,
                GVariant *variant,
                gpointer  user_data)
{
  const char *mode = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (limit_modes); i++)
    if (g_strcmp0 (mode, limit_modes[i]) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
limit_mode_set (const GValue       *value,
                const GVariantType *type,
                gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (limit_modes))
    return NULL;
  return g_variant_new_string (limit_modes[selected]);
}

/* The win rate is a fraction in the settings and a percentage on screen. */
static gboolean
percent_get (GValue   *value,
             GVariant *variant,
             gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_double (variant) * 100.0);
  return TRUE;
}

static GVariant *
percent_set (const GValue       *value,
             const GVariantType *type,
             gpointer            user_data)
{
  return g_variant_new_double (CLAMP (g_value_get_double (value) / 100.0, 0.0, 1.0));
}

static void
settings_changed_cb (PursuitPreferencesWindow *self)
{
  g_autofree char *currency = g_settings_get_string (self->settings, "currency");
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;
  int mode = g_settings_get_enum (self->settings, "limit-mode");
  /* Learned mode is by value until there is history: both rows count. */
  gboolean value_based = mode == PURSUIT_LIMIT_VALUE || mode == PURSUIT_LIMIT_LEARNED;

  gtk_widget_set_sensitive (GTK_WIDGET (self->fixed_row), !value_based);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->limit_mode_row),
                               mode == PURSUIT_LIMIT_LEARNED
                                 ? _("Where the next attempt, by your own history, is worth less than it costs; by deal value until 20 prospects are closed")
                                 : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->cost_row), value_based);
  gtk_widget_set_sensitive (GTK_WIDGET (self->win_rate_row), value_based);

  /* Translators: %s is a currency code such as "USD". */
  subtitle = g_strdup_printf (_("What one call, email or letter costs you, in %s"), currency);
  escaped = g_markup_escape_text (subtitle, -1);
  adw_action_row_set_subtitle (self->cost_row, escaped);
}

static const struct
{
  const char *key;
  gsize       offset;
} spins[] = {
  { "cadence-hot", G_STRUCT_OFFSET (PursuitPreferencesWindow, hot_spin) },
  { "cadence-good", G_STRUCT_OFFSET (PursuitPreferencesWindow, good_spin) },
  { "cadence-cool", G_STRUCT_OFFSET (PursuitPreferencesWindow, cool_spin) },
  { "cadence-cold", G_STRUCT_OFFSET (PursuitPreferencesWindow, cold_spin) },
  { "customer-cadence", G_STRUCT_OFFSET (PursuitPreferencesWindow, customer_spin) },
  { "fixed-limit", G_STRUCT_OFFSET (PursuitPreferencesWindow, fixed_spin) },
  { "cost-per-touch", G_STRUCT_OFFSET (PursuitPreferencesWindow, cost_spin) },
  { "win-rate-per-attempt", G_STRUCT_OFFSET (PursuitPreferencesWindow, win_rate_spin) },
  { "revisit-months", G_STRUCT_OFFSET (PursuitPreferencesWindow, revisit_spin) },
  { "max-touches-per-day", G_STRUCT_OFFSET (PursuitPreferencesWindow, max_per_day_spin) },
};

/* Changing one of these plans the follow-ups again (pursuit-settings.c). */
static const char *cadence_keys[] = {
  "cadence-hot", "cadence-good", "cadence-cool", "cadence-cold", "customer-cadence",
};

static int
cadence_index (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (cadence_keys); i++)
    if (g_strcmp0 (key, cadence_keys[i]) == 0)
      return (int) i;
  return -1;
}

static void
cadence_toast_dismissed_cb (PursuitPreferencesWindow *self)
{
  g_clear_object (&self->cadence_toast);
  g_clear_pointer (&self->undo_key, g_free);
}

/* A cadence changed: the follow-ups it planned moved, and a toast offers
 * to put the cadence, and with it the follow-ups, back. A series of
 * changes to one cadence (the spin button's steps) is one toast, whose
 * Undo goes back to the value before the first. */
static void
cadence_changed_cb (GSettings                *settings,
                    const char               *key,
                    PursuitPreferencesWindow *self)
{
  int index = cadence_index (key);
  guint value;

  if (index < 0)
    return;
  value = g_settings_get_uint (settings, key);
  if (self->undoing || value == self->cadences[index])
    {
      self->cadences[index] = value;
      return;
    }
  if (self->cadence_toast == NULL || g_strcmp0 (self->undo_key, key) != 0)
    {
      if (self->cadence_toast != NULL)
        adw_toast_dismiss (self->cadence_toast);
      g_free (self->undo_key);
      self->undo_key = g_strdup (key);
      self->undo_value = self->cadences[index];
      self->cadence_toast = g_object_ref (adw_toast_new (_("Follow-ups planned again by the new cadence")));
      adw_toast_set_button_label (self->cadence_toast, _("_Undo"));
      adw_toast_set_action_name (self->cadence_toast, "prefs.undo-cadence");
      g_signal_connect_object (self->cadence_toast, "dismissed", G_CALLBACK (cadence_toast_dismissed_cb), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), self->cadence_toast);
    }
  self->cadences[index] = value;
}

static void
undo_cadence_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  PursuitPreferencesWindow *self = PURSUIT_PREFERENCES_WINDOW (widget);
  int index = cadence_index (self->undo_key);

  if (index < 0)
    return;
  self->undoing = TRUE;
  g_settings_set_uint (self->settings, self->undo_key, self->undo_value);
  self->undoing = FALSE;
  if (self->cadence_toast != NULL)
    adw_toast_dismiss (self->cadence_toast);
}

/* The working week: a toggle a day and the start of the day, written to
 * "working-days" and "work-start". */
static void
show_work_week (PursuitPreferencesWindow *self)
{
  g_autoptr(GVariant) days = g_settings_get_value (self->settings, "working-days");
  guint start = g_settings_get_uint (self->settings, "work-start");
  gboolean on[7] = { FALSE };
  GVariantIter iter;
  guint32 day;

  g_variant_iter_init (&iter, days);
  while (g_variant_iter_next (&iter, "u", &day))
    if (day >= 1 && day <= 7)
      on[day - 1] = TRUE;
  self->syncing = TRUE;
  for (guint i = 0; i < 7; i++)
    gtk_toggle_button_set_active (self->work_days[i], on[i]);
  gtk_spin_button_set_value (self->work_hour_spin, start / 60);
  gtk_spin_button_set_value (self->work_minute_spin, start % 60);
  self->syncing = FALSE;
}

static void
work_week_edited_cb (PursuitPreferencesWindow *self)
{
  GVariantBuilder builder;

  if (self->syncing)
    return;
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("au"));
  for (guint i = 0; i < 7; i++)
    if (gtk_toggle_button_get_active (self->work_days[i]))
      g_variant_builder_add (&builder, "u", i + 1);
  self->syncing = TRUE;
  g_settings_set_value (self->settings, "working-days", g_variant_builder_end (&builder));
  g_settings_set_uint (self->settings, "work-start",
                       (guint) (gtk_spin_button_get_value_as_int (self->work_hour_spin) * 60
                                + gtk_spin_button_get_value_as_int (self->work_minute_spin)));
  self->syncing = FALSE;
}

static void
work_week_changed_cb (PursuitPreferencesWindow *self)
{
  if (!self->syncing)
    show_work_week (self);
}

/* "9:05", not "9:5". */
static gboolean
two_digits_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* One toggle a day, named by the locale: "Mon" shown, "Monday" read. */
static void
add_work_day_toggles (PursuitPreferencesWindow *self)
{
  for (guint i = 0; i < 7; i++)
    {
      /* 1 January 2024 was a Monday. */
      g_autoptr(GDateTime) day = g_date_time_new_utc (2024, 1, 1 + i, 12, 0, 0);
      g_autofree char *abbreviation = g_date_time_format (day, "%a");
      g_autofree char *name = g_date_time_format (day, "%A");
      GtkWidget *toggle = gtk_toggle_button_new_with_label (abbreviation);

      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_widget_set_tooltip_text (toggle, name);
      g_signal_connect_object (toggle, "toggled", G_CALLBACK (work_week_edited_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (self->work_days_box, toggle);
      self->work_days[i] = GTK_TOGGLE_BUTTON (toggle);
    }
}

GtkToggleButton *
pursuit_preferences_window_get_work_day (PursuitPreferencesWindow *self,
                                         guint                     weekday)
{
  g_return_val_if_fail (PURSUIT_IS_PREFERENCES_WINDOW (self), NULL);
  g_return_val_if_fail (weekday >= 1 && weekday <= 7, NULL);

  return self->work_days[weekday - 1];
}

GtkSpinButton *
pursuit_preferences_window_get_spin (PursuitPreferencesWindow *self,
                                     const char               *key)
{
  g_return_val_if_fail (PURSUIT_IS_PREFERENCES_WINDOW (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    if (g_strcmp0 (key, spins[i].key) == 0)
      return G_STRUCT_MEMBER (GtkSpinButton *, self, spins[i].offset);
  g_return_val_if_reached (NULL);
}

AdwComboRow *
pursuit_preferences_window_get_limit_mode_row (PursuitPreferencesWindow *self)
{
  g_return_val_if_fail (PURSUIT_IS_PREFERENCES_WINDOW (self), NULL);

  return self->limit_mode_row;
}

/* The email templates: the tier and step chosen in the combo rows are
 * shown in the subject row and the text view, and every edit is written
 * at once (pursuit_templates_set() forgets an edit that restores the
 * default text). */

/* The tiers in the order of the tier row. */
static const PursuitTier template_tiers[] = {
  PURSUIT_TIER_HOT, PURSUIT_TIER_GOOD, PURSUIT_TIER_COOL, PURSUIT_TIER_COLD, PURSUIT_TIER_NONE,
};

static PursuitTier
chosen_tier (PursuitPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->template_tier_row);

  return template_tiers[MIN (selected, G_N_ELEMENTS (template_tiers) - 1)];
}

static PursuitTemplateStep
chosen_step (PursuitPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->template_step_row);

  return (PursuitTemplateStep) MIN (selected, PURSUIT_N_TEMPLATE_STEPS - 1);
}

static char *
dup_buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Sets @text in @view unless it is there already: the cursor stays where
 * the user is typing. */
static void
set_buffer_text (GtkTextView *view,
                 const char  *text)
{
  g_autofree char *current = dup_buffer_text (view);

  if (g_strcmp0 (current, text) != 0)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static void
show_template (PursuitPreferencesWindow *self)
{
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;

  pursuit_templates_get (self->settings, chosen_tier (self), chosen_step (self), &subject, &body);
  self->template_syncing = TRUE;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->template_subject_row)), subject) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->template_subject_row), subject);
  set_buffer_text (self->template_body_view, body);
  self->template_syncing = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->template_restore_button),
                            pursuit_templates_is_edited (self->settings, chosen_tier (self), chosen_step (self)));
}

static void
template_edited_cb (PursuitPreferencesWindow *self)
{
  g_autofree char *body = NULL;

  if (self->template_syncing)
    return;
  body = dup_buffer_text (self->template_body_view);
  self->template_syncing = TRUE;
  pursuit_templates_set (self->settings, chosen_tier (self), chosen_step (self),
                         gtk_editable_get_text (GTK_EDITABLE (self->template_subject_row)), body);
  self->template_syncing = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->template_restore_button),
                            pursuit_templates_is_edited (self->settings, chosen_tier (self), chosen_step (self)));
}

/* Another window, or a reset, changed the templates. */
static void
templates_changed_cb (PursuitPreferencesWindow *self)
{
  if (!self->template_syncing)
    show_template (self);
}

static void
template_restore_clicked_cb (PursuitPreferencesWindow *self)
{
  pursuit_templates_reset (self->settings, chosen_tier (self), chosen_step (self));
  show_template (self);
}

static void
signature_edited_cb (PursuitPreferencesWindow *self)
{
  g_autofree char *text = NULL;

  if (self->template_syncing)
    return;
  text = dup_buffer_text (self->signature_view);
  self->template_syncing = TRUE;
  g_settings_set_string (self->settings, "signature", text);
  self->template_syncing = FALSE;
}

static void
signature_changed_cb (PursuitPreferencesWindow *self)
{
  g_autofree char *text = NULL;

  if (self->template_syncing)
    return;
  text = g_settings_get_string (self->settings, "signature");
  self->template_syncing = TRUE;
  set_buffer_text (self->signature_view, text);
  self->template_syncing = FALSE;
}

static void
bind_templates (PursuitPreferencesWindow *self)
{
  g_settings_bind (self->settings, "user-name", self->user_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  signature_changed_cb (self);
  g_signal_connect_object (self->settings, "changed::signature", G_CALLBACK (signature_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->signature_view), "changed",
                           G_CALLBACK (signature_edited_cb), self, G_CONNECT_SWAPPED);

  show_template (self);
  g_signal_connect_object (self->settings, "changed::email-templates", G_CALLBACK (templates_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->template_tier_row, "notify::selected", G_CALLBACK (show_template), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->template_step_row, "notify::selected", G_CALLBACK (show_template), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->template_subject_row, "changed", G_CALLBACK (template_edited_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->template_body_view), "changed",
                           G_CALLBACK (template_edited_cb), self, G_CONNECT_SWAPPED);
}

static const struct
{
  const char *name;
  gsize       offset;
} template_widgets[] = {
  { "tier", G_STRUCT_OFFSET (PursuitPreferencesWindow, template_tier_row) },
  { "step", G_STRUCT_OFFSET (PursuitPreferencesWindow, template_step_row) },
  { "subject", G_STRUCT_OFFSET (PursuitPreferencesWindow, template_subject_row) },
  { "body", G_STRUCT_OFFSET (PursuitPreferencesWindow, template_body_view) },
  { "restore", G_STRUCT_OFFSET (PursuitPreferencesWindow, template_restore_button) },
  { "user-name", G_STRUCT_OFFSET (PursuitPreferencesWindow, user_name_row) },
  { "signature", G_STRUCT_OFFSET (PursuitPreferencesWindow, signature_view) },
};

GtkWidget *
pursuit_preferences_window_get_email_widget (PursuitPreferencesWindow *self,
                                             const char               *name)
{
  g_return_val_if_fail (PURSUIT_IS_PREFERENCES_WINDOW (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (template_widgets); i++)
    if (g_strcmp0 (name, template_widgets[i].name) == 0)
      return G_STRUCT_MEMBER (GtkWidget *, self, template_widgets[i].offset);
  g_return_val_if_reached (NULL);
}

/* The team server: kept when applied, and only when it reads as one, since
 * the next start opens it instead of this computer's file. */
static void
team_server_applied_cb (AdwEntryRow              *row,
                        PursuitPreferencesWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (text[0] != '\0' && !pursuit_pg_is_conninfo (text))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("Not a team server’s address: give one such as "
                                                         "postgresql://alice@sales.example/pipeline")));
      return;
    }
  g_settings_set_string (self->settings, "team-server", text);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (text[0] != '\0'
                                                     ? _("Pursuit opens the team server at its next start")
                                                     : _("Pursuit opens the file on this computer at its next start")));
}

static void
add_team_server_row (PursuitPreferencesWindow *self)
{
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autofree char *server = g_settings_get_string (self->settings, "team-server");

  self->team_server_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->team_server_row), _("Team Server"));
  adw_entry_row_set_show_apply_button (self->team_server_row, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->team_server_row), server);
  g_signal_connect_object (self->team_server_row, "apply", G_CALLBACK (team_server_applied_cb), self, 0);
  adw_preferences_group_set_description (group, _("A team’s shared pipeline on PostgreSQL, such as "
                                                  "postgresql://alice@sales.example/pipeline. Empty: the "
                                                  "file on this computer."));
  adw_preferences_group_add (group, GTK_WIDGET (self->team_server_row));
  adw_preferences_page_set_title (page, _("Team"));
  adw_preferences_page_set_icon_name (page, "system-users-symbolic");
  adw_preferences_page_add (page, group);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
}

static void
bind_settings (PursuitPreferencesWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    {
      GtkSpinButton *spin = G_STRUCT_MEMBER (GtkSpinButton *, self, spins[i].offset);

      if (spin == self->win_rate_spin)
        g_settings_bind_with_mapping (self->settings, spins[i].key, spin, "value", G_SETTINGS_BIND_DEFAULT,
                                      percent_get, percent_set, NULL, NULL);
      else
        g_settings_bind (self->settings, spins[i].key, spin, "value", G_SETTINGS_BIND_DEFAULT);
    }
  g_settings_bind_with_mapping (self->settings, "limit-mode", self->limit_mode_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, limit_mode_get, limit_mode_set, NULL, NULL);
  g_settings_bind (self->settings, "currency", self->currency_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "run-in-background", self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  settings_changed_cb (self);

  for (guint i = 0; i < G_N_ELEMENTS (cadence_keys); i++)
    self->cadences[i] = g_settings_get_uint (self->settings, cadence_keys[i]);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (cadence_changed_cb), self, 0);
  add_work_day_toggles (self);
  show_work_week (self);
  g_signal_connect_object (self->settings, "changed::working-days", G_CALLBACK (work_week_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::work-start", G_CALLBACK (work_week_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->work_hour_spin, "value-changed", G_CALLBACK (work_week_edited_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->work_minute_spin, "value-changed", G_CALLBACK (work_week_edited_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self->work_minute_spin, "output", G_CALLBACK (two_digits_cb), NULL);
  two_digits_cb (self->work_minute_spin);
  bind_templates (self);
  add_team_server_row (self);
}

static void
pursuit_preferences_window_dispose (GObject *object)
{
  PursuitPreferencesWindow *self = PURSUIT_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PURSUIT_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->cadence_toast);
  g_clear_pointer (&self->undo_key, g_free);

  G_OBJECT_CLASS (pursuit_preferences_window_parent_class)->dispose (object);
}

static void
pursuit_preferences_window_class_init (PursuitPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pursuit_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pursuit/Pursuit/ui/pursuit-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PursuitPreferencesWindow, hot_spin);
  gtk_widget_class_bind_template_child (widget_class, PursuitPreferencesWindow, good_spin);
  gtk_widget_class_bind_template_child (widget_class, PursuitPreferencesWindow, cool_spin);
  gtk_widget_class_bind_template_child (widget_class, PursuitPreferencesWindow, cold_spin);
  gtk_widget_class_bind_template_child (widget_class, PursuitPreferencesWindow, customer_spin);
  gtk_widget_class_bind_template_child (widget_class, PursuitPreferencesWindow, limit_mode_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitPreferencesWindow, fixed_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitPreferencesWindow, fixed_spin);
  gtk_widget_class_bind_template_child (widget_class, PursuitPreferencesWindow, cost_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitPreferencesWindow, cost_spin);
  gtk_widget_class_bind_template_child (widget_class, PursuitPreferencesWindow, win_rate_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitPreferencesWindow, win_rate_spin);
  gtk_widget_class_bind_template_child (widget_class, PursuitPreferencesWindow, revisit_spin);
  gtk_widget_class_bind_template_child (widget_class, PursuitPreferencesWindow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, PursuitPreferencesWindow, work_days_box);
  gtk_widget_class_bind_template_child (widget_class, PursuitPreferencesWindow, work_hour_spin);
  gtk_widget_class_bind_template_child (widget_class, PursuitPreferencesWindow, work_minute_spin);
  gtk_widget_class_bind_template_child (widget_class, PursuitPreferencesWindow, max_per_day_spin);
  gtk_widget_class_bind_template_child (widget_class, PursuitPreferencesWindow, template_tier_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitPreferencesWindow, template_step_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitPreferencesWindow, template_subject_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitPreferencesWindow, template_body_view);
  gtk_widget_class_bind_template_child (widget_class, PursuitPreferencesWindow, template_restore_button);
  gtk_widget_class_bind_template_child (widget_class, PursuitPreferencesWindow, user_name_row);
  gtk_widget_class_bind_template_child (widget_class, PursuitPreferencesWindow, signature_view);
  gtk_widget_class_bind_template_callback (widget_class, template_restore_clicked_cb);

  gtk_widget_class_install_action (widget_class, "prefs.undo-cadence", NULL, undo_cadence_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pursuit_preferences_window_init (PursuitPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PursuitPreferencesWindow *
pursuit_preferences_window_new (GtkWindow *parent,
                                GSettings *settings)
{
  PursuitPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (PURSUIT_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);
  bind_settings (self);
  return self;
}
