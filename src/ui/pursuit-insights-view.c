/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-insights-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pursuit-chart.h"
#include "pursuit-format.h"
#include "pursuit-insights-data.h"
#include "pursuit-insights-view.h"
#include "pursuit-limit.h"
#include "pursuit-touch-dialog.h"
#include "pursuit-whatif.h"
#include "pursuit-number.h"

/* @text (a translated count with one "%s" and no other conversion) with
 * @n grouped as the locale groups digits. */
static char *
dup_count (const char *text,
           guint       n)
{
  g_autofree char *number = pursuit_number_format (n);
  g_auto(GStrv) parts = g_strsplit (text, "%s", 2);

  return g_strjoinv (number, parts);
}

/* Recompute this long after the last change: a burst of edits (an
 * import, a morning of logged calls) is one computation. */
#define DEBOUNCE_MS 500

struct _PursuitInsightsView
{
  AdwBin                 parent_instance;

  PursuitStore          *store;
  /* The store's changes that call for new insights. */
  GSignalGroup          *store_signals;
  GSettings             *settings;
  GCancellable          *cancellable;
  PursuitInsights       *insights;
  PursuitInsightsPeriod  period;
  GdkFrameClock         *frame_clock;
  gulong                 after_paint_id;
  gboolean               first_frame_seen;
  gboolean               pushing_policy;
  guint                  debounce_id;
  guint                  start_id;

  GtkLabel              *basis_label;
  GtkDropDown           *period_dropdown;
  GtkStack              *stack;
  GtkSpinner            *spinner;
  AdwStatusPage         *empty_page;
  GtkLabel              *headline_label;
  GtkLabel              *give_up_label;
  GtkScale              *what_if_scale;
  GtkToggleButton       *what_if_learned_button;
  GtkLabel              *what_if_label;
  PursuitChart          *curve_chart;
  GtkLabel              *curve_label;
  PursuitChart          *touches_chart;
  GtkLabel              *touches_label;
  PursuitChart          *days_chart;
  GtkLabel              *days_label;
  PursuitChart          *losses_chart;
  GtkLabel              *losses_label;
  GtkGrid               *channels_grid;
  GtkLabel              *money_label;
  GtkLevelBar           *pipeline_bar;
  GtkLabel              *pipeline_label;
};

G_DEFINE_FINAL_TYPE (PursuitInsightsView, pursuit_insights_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  UPDATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_load (PursuitInsightsView *self);

/* Text helpers */

static guint
percent (double share)
{
  return isnan (share) ? 0 : (guint) lround (CLAMP (share, 0.0, 1.0) * 100.0);
}

/* "4" or "4.5" */
static char *
number (double value)
{
  return g_strdup_printf ("%g", round (value * 10.0) / 10.0);
}

/* The plural form for number() ("1 attempt", "2.5 attempts"). */
static gulong
plural_of (double value)
{
  double shown = round (value * 10.0) / 10.0;

  if (!(shown >= 0 && shown < G_MAXUINT))
    return 2;
  return shown == floor (shown) ? (gulong) shown : (gulong) floor (shown) + 2;
}


static char *
money (double value)
{
  g_autofree char *currency = pursuit_format_dup_currency ();

  return pursuit_format_value (value, currency);
}

/* "≈ $17" rather than "≈ $16.67": an estimate is not that precise. */
static double
round_money (double value)
{
  return value >= 1 ? round (value) : round (value * 100) / 100;
}

static void
set_chart_text (PursuitChart *chart,
                GtkLabel     *label,
                const char   *text)
{
  /* Labels never take markup: close reasons may be what a CSV said. */
  gtk_label_set_text (label, text);
  pursuit_chart_set_summary (chart, text);
}

/* The parts of the view */

static void
update_headline (PursuitInsightsView *self)
{
  const PursuitInsights *in = self->insights;
  const PursuitLearnedCurve *curve = &in->curve_all_time;
  g_autofree char *text = NULL;
  g_autofree char *basis = NULL;

  if (curve->n_closed >= PURSUIT_LEARNED_MIN_CLOSED && in->typical_value >= 0)
    {
      g_autofree char *value = money (in->typical_value);
      guint limit = pursuit_learned_curve_break_even (curve, in->typical_value, in->params.cost_per_touch);

      /* Translators: "From your 57 closed prospects: for a typical $5,000
       * deal, following up pays off up to attempt 6." */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "From your %u closed prospect: for a typical %s deal, following up pays off up to attempt %u.",
                                           "From your %u closed prospects: for a typical %s deal, following up pays off up to attempt %u.",
                                           curve->n_closed),
                              curve->n_closed, value, limit);
    }
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u prospect closed so far: until %u are, these numbers lean on the defaults and the learned attempt limit stays by deal value.",
                                         "%u prospects closed so far: until %u are, these numbers lean on the defaults and the learned attempt limit stays by deal value.",
                                         curve->n_closed),
                            curve->n_closed, PURSUIT_LEARNED_MIN_CLOSED);
  gtk_label_set_text (self->headline_label, text);

  {
    g_autofree char *prospects = dup_count (g_dngettext (GETTEXT_PACKAGE, "%s prospect", "%s prospects", in->n_prospects), in->n_prospects);
    g_autofree char *attempts = dup_count (g_dngettext (GETTEXT_PACKAGE, "%s attempt", "%s attempts", in->n_attempts), in->n_attempts);

    /* Translators: "Based on 120 prospects and 845 attempts". */
    basis = g_strdup_printf (_("Based on %s and %s"), prospects, attempts);
  }
  gtk_label_set_text (self->basis_label, basis);
}

static void
update_give_up (PursuitInsightsView *self)
{
  g_autofree char *text = pursuit_insights_give_up_text (self->insights);

  gtk_label_set_text (self->give_up_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->give_up_label), text != NULL);
}

static void
append_break_even (PursuitInsightsView *self,
                   GString             *text)
{
  const PursuitInsights *in = self->insights;
  g_autofree char *value = NULL;
  g_autofree char *cost = NULL;
  g_autofree char *worth = NULL;

  if (in->typical_value < 0)
    return;
  value = money (in->typical_value);
  cost = money (in->params.cost_per_touch);
  if (in->break_even >= PURSUIT_LIMIT_MAX)
    {
      g_string_append_printf (text, _(" For a typical %s deal, each of the first %u attempts pays off."), value,
                              PURSUIT_LIMIT_MAX);
      return;
    }
  if (pursuit_learned_curve_worth (&in->curve, 1, in->typical_value) < in->params.cost_per_touch)
    {
      worth = money (pursuit_limit_round_worth (pursuit_learned_curve_worth (&in->curve, 1, in->typical_value),
                                        in->params.cost_per_touch));
      /* Translators: " For a typical $100 deal, not even the first
       * attempt pays off: it is worth ≈ $4 and costs $20." */
      g_string_append_printf (text, _(" For a typical %s deal, not even the first attempt pays off: it is worth ≈ %s "
                                      "and costs %s."),
                              value, worth, cost);
      return;
    }
  worth = money (pursuit_limit_round_worth (pursuit_learned_curve_worth (&in->curve, in->break_even + 1, in->typical_value),
                                    in->params.cost_per_touch));
  /* Translators: " For a typical $1,000 deal, attempts pay off up to
   * attempt 2: attempt 3 is worth ≈ $4 and costs $20." */
  g_string_append_printf (text, _(" For a typical %s deal, attempts pay off up to attempt %u: attempt %u is worth ≈ %s and costs %s."),
                          value, in->break_even, in->break_even + 1, worth, cost);
}

/* What the learned limit is, for a typical deal: it differs by value. */
static void
update_learned_tooltip (PursuitInsightsView *self)
{
  const PursuitInsights *in = self->insights;
  g_autofree char *value = NULL;
  g_autofree char *tip = NULL;

  if (in->learned_limit == 0)
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->what_if_learned_button),
                                   _("Replay with the limit learned from your history, by deal value"));
      return;
    }
  value = money (in->typical_value);
  /* Translators: "Replay with the limit learned from your history, by
   * deal value: 7 attempts for a typical $2,500 deal". */
  tip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "Replay with the limit learned from your history, by deal value: %u attempt for "
                                      "a typical %s deal",
                                      "Replay with the limit learned from your history, by deal value: %u attempts for "
                                      "a typical %s deal",
                                      in->learned_limit),
                         in->learned_limit, value);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->what_if_learned_button), tip);
}

/* "What would a different limit have done?", for the limit on the scale
 * or the learned one: figures the insights already worked out in their
 * thread, so that moving the scale costs nothing. */
static void
update_what_if (PursuitInsightsView *self)
{
  const PursuitInsights *in = self->insights;
  gboolean learned = gtk_toggle_button_get_active (self->what_if_learned_button);
  guint limit = (guint) CLAMP (lround (gtk_range_get_value (GTK_RANGE (self->what_if_scale))), 1, PURSUIT_LIMIT_MAX);
  const PursuitWhatIf *what_if;
  g_autofree char *saved = NULL;
  g_autofree char *lost = NULL;
  g_autofree char *net = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *text = NULL;
  g_autofree char *value_text = NULL;
  double net_value;

  if (in == NULL)
    return;
  what_if = &in->what_if[learned ? 0 : limit];
  net_value = what_if->attempts_saved * in->params.cost_per_touch - what_if->value_lost;
  saved = money (round_money (what_if->attempts_saved * in->params.cost_per_touch));
  lost = money (what_if->value_lost);
  net = money (round_money (fabs (net_value)));
  sentence = pursuit_what_if_text (what_if, learned ? 0 : limit, saved, lost, net, net_value);
  /* Translators: the sentence above, then what it was worked out on. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s Replayed on your %u closed prospect of this period.",
                                       "%s Replayed on your %u closed prospects of this period.", in->n_replayed),
                          sentence, in->n_replayed);
  gtk_label_set_text (self->what_if_label, text);

  /* Screen readers hear the figures with the scale. */
  value_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u attempt", "%u attempts", limit), limit);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->what_if_scale), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT,
                                  value_text, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->what_if_learned_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, learned ? text : "", -1);
  update_learned_tooltip (self);
}

static void
what_if_scale_changed_cb (PursuitInsightsView *self)
{
  /* Moving the scale asks about its limit, not the learned one. */
  if (gtk_toggle_button_get_active (self->what_if_learned_button))
    gtk_toggle_button_set_active (self->what_if_learned_button, FALSE);
  else
    update_what_if (self);
}

static void
what_if_learned_toggled_cb (PursuitInsightsView *self)
{
  update_what_if (self);
}

static void
update_curve (PursuitInsightsView *self)
{
  const PursuitInsights *in = self->insights;
  static const guint shown[] = { 1, 2, 3, 5, 8 };
  g_autoptr(GString) text = g_string_new (NULL);
  double threshold = NAN;
  double falling[PURSUIT_INSIGHTS_MAX_ATTEMPT + 1];

  /* The curve as the limit reads it: smoothed, never rising (the dots
   * are the counts themselves). */
  for (guint k = 1; k <= PURSUIT_INSIGHTS_MAX_ATTEMPT; k++)
    falling[k] = pursuit_learned_curve_falling (&in->curve, k);

  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    {
      guint k = shown[i];

      if (i == 0)
        /* Translators: the start of "Attempt 1 is answered 30% of the
         * time, attempt 2 22%, …". */
        g_string_append_printf (text, _("Attempt %u is answered %u%% of the time"), k, percent (falling[k]));
      else
        g_string_append_printf (text, _(", attempt %u %u%%"), k, percent (falling[k]));
    }
  g_string_append (text, ".");
  append_break_even (self, text);
  if (in->n_active_now > 0)
    /* Translators: " 29 of 146 active prospects reached their attempt
     * limit, where their cards ask “time to let go?”." The same check as
     * the cards (pursuit-limit.h). */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               " %u of %u active prospect reached the attempt limit, where its card asks “time to let go?”.",
                                               " %u of %u active prospects reached their attempt limit, where their cards ask “time to let go?”.",
                                               in->n_active_now),
                            in->n_active_past_limit, in->n_active_now);

  /* An attempt pays off above this share of answers. */
  if (in->typical_value > 0 && in->curve.win_given_response > 0)
    threshold = in->params.cost_per_touch / (in->curve.win_given_response * in->typical_value);
  pursuit_chart_set_curve (self->curve_chart, falling + 1, in->observed + 1, PURSUIT_INSIGHTS_MAX_ATTEMPT, threshold);
  set_chart_text (self->curve_chart, self->curve_label, text->str);
}

/* "Half of your 12 wins took 2 to 5 attempts; the median is 3 attempts."
 * Never a range of one value, nor "0 attempts or fewer". */
static char *
attempts_text (const PursuitDistribution *dist)
{
  g_autofree char *q1 = number (dist->q1);
  g_autofree char *q3 = number (dist->q3);
  g_autofree char *median = number (dist->median);

  if (dist->n == 1 && dist->median == 0)
    return g_strdup (_("Your one win came without an attempt of yours."));
  if (dist->n == 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Your one win took %s attempt.",
                                         "Your one win took %s attempts.", plural_of (dist->median)),
                            median);
  if (dist->q3 == 0)
    return g_strdup_printf (_("Most of your %u wins came without an attempt of yours."), dist->n);
  if (dist->q1 == dist->q3)
    /* Translators: "Half of your 12 wins or more took 3 attempts." */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Half of your %u wins or more took %s attempt.",
                                         "Half of your %u wins or more took %s attempts.", plural_of (dist->q1)),
                            dist->n, q1);
  if (dist->q1 == 0)
    /* Translators: "Three quarters of your 12 wins took 2 attempts or
     * fewer; the median is 1 attempt." */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Three quarters of your %u wins took %s attempts or fewer; the median is %s attempt.",
                                         "Three quarters of your %u wins took %s attempts or fewer; the median is %s attempts.",
                                         plural_of (dist->median)),
                            dist->n, q3, median);
  /* Translators: "Half of your 12 wins took 2 to 5 attempts; the median
   * is 3 attempts." */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Half of your %u wins took %s to %s attempts; the median is %s attempt.",
                                       "Half of your %u wins took %s to %s attempts; the median is %s attempts.",
                                       plural_of (dist->median)),
                          dist->n, q1, q3, median);
}

/* The same for the days from the first contact to the win. */
static char *
days_text (const PursuitDistribution *dist)
{
  g_autofree char *q1 = number (dist->q1);
  g_autofree char *q3 = number (dist->q3);
  g_autofree char *median = number (dist->median);

  if (dist->n == 1 && dist->median == 0)
    return g_strdup (_("Your one win came on the day of the first contact."));
  if (dist->n == 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Your one win took %s day from the first contact.",
                                         "Your one win took %s days from the first contact.",
                                         plural_of (dist->median)),
                            median);
  if (dist->q3 == 0)
    return g_strdup_printf (_("Most of your %u wins came on the day of the first contact."), dist->n);
  if (dist->q1 == dist->q3)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Half of your %u wins or more took %s day from the first contact.",
                                         "Half of your %u wins or more took %s days from the first contact.",
                                         plural_of (dist->q1)),
                            dist->n, q1);
  if (dist->q1 == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Three quarters of your %u wins took %s days or fewer from the first contact; the median is %s day.",
                                         "Three quarters of your %u wins took %s days or fewer from the first contact; the median is %s days.",
                                         plural_of (dist->median)),
                            dist->n, q3, median);
  /* Translators: "Half of your 12 wins took 10 to 40 days from the first
   * contact; the median is 21 days." */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Half of your %u wins took %s to %s days from the first contact; the median is %s day.",
                                       "Half of your %u wins took %s to %s days from the first contact; the median is %s days.",
                                       plural_of (dist->median)),
                          dist->n, q1, q3, median);
}

static void
update_distribution (PursuitChart              *chart,
                     GtkLabel                  *label,
                     const PursuitDistribution *dist,
                     guint                      n_won,
                     gboolean                   days)
{
  const char *labels[PURSUIT_INSIGHTS_MAX_BINS + 1] = { NULL };
  char *names[PURSUIT_INSIGHTS_MAX_BINS] = { NULL };
  double values[PURSUIT_INSIGHTS_MAX_BINS];
  g_autofree char *text = NULL;

  for (guint i = 0; i < dist->n_bins; i++)
    {
      if (dist->upper[i] == G_MAXUINT)
        names[i] = days ? g_strdup (_("more")) : g_strdup_printf ("%u+", dist->upper[i - 1] + 1);
      else
        names[i] = days ? g_strdup_printf ("≤%u", dist->upper[i]) : g_strdup_printf ("%u", dist->upper[i]);
      labels[i] = names[i];
      values[i] = dist->bins[i];
    }
  pursuit_chart_set_bars (chart, labels, values, dist->n_bins);
  for (guint i = 0; i < dist->n_bins; i++)
    g_free (names[i]);

  if (dist->n == 0 && n_won == 0)
    text = g_strdup (_("No wins in this period yet."));
  else if (dist->n == 0)
    text = g_strdup (_("No win in this period has a known date: they were imported already won."));
  else
    text = days ? days_text (dist) : attempts_text (dist);
  if (dist->n > 0 && dist->n < n_won)
    {
      g_autofree char *sentence = g_steal_pointer (&text);
      guint unknown = n_won - dist->n;

      /* Translators: a sentence above, then why some wins are left out. */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s %u win imported without its date is left out.",
                                           "%s %u wins imported without their date are left out.", unknown),
                              sentence, unknown);
    }
  set_chart_text (chart, label, text);
}

static void
update_losses (PursuitInsightsView *self)
{
  const PursuitInsights *in = self->insights;
  const char *labels[PURSUIT_INSIGHTS_N_REASONS + 1] = { NULL };
  double values[PURSUIT_INSIGHTS_N_REASONS];
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < in->n_loss_reasons; i++)
    {
      const PursuitLossReason *reason = &in->loss_reasons[i];

      labels[i] = reason->reason[0] != '\0' ? pursuit_format_close_reason (reason->reason) : _("Other");
      values[i] = reason->count;
      /* Translators: "No response: 12 (40%)", one reason of a list. */
      g_string_append_printf (text, _("%s%s: %u (%u%%)"), i > 0 ? ", " : "", labels[i], reason->count,
                              percent ((double) reason->count / in->n_lost));
    }
  if (in->n_loss_reasons == 0)
    g_string_append (text, _("No prospect was let go in this period."));
  else
    g_string_append (text, ".");
  pursuit_chart_set_bars (self->losses_chart, labels, values, in->n_loss_reasons);
  gtk_widget_set_visible (GTK_WIDGET (self->losses_chart), in->n_loss_reasons > 0);
  set_chart_text (self->losses_chart, self->losses_label, text->str);
}

static void
grid_label (GtkGrid    *grid,
            const char *text,
            int         column,
            int         row,
            gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  /* Wrapped, so that the table fits a narrow window in any language. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), column == 0 ? GTK_JUSTIFY_LEFT : GTK_JUSTIFY_RIGHT);
  gtk_widget_add_css_class (label, heading ? "caption-heading" : "numeric");
  gtk_widget_set_hexpand (label, column == 0);
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

static void
update_channels (PursuitInsightsView *self)
{
  const PursuitInsights *in = self->insights;
  GtkWidget *child;
  int row = 1;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->channels_grid))) != NULL)
    gtk_grid_remove (self->channels_grid, child);

  grid_label (self->channels_grid, _("Channel"), 0, 0, TRUE);
  grid_label (self->channels_grid, _("Attempts"), 1, 0, TRUE);
  grid_label (self->channels_grid, _("Answered"), 2, 0, TRUE);
  grid_label (self->channels_grid, _("Won"), 3, 0, TRUE);
  for (guint c = 0; c < PURSUIT_N_CHANNELS; c++)
    {
      const PursuitChannelStats *stats = &in->channels[c];
      g_autofree char *attempts = NULL;
      g_autofree char *answered = NULL;
      g_autofree char *won = NULL;

      if (stats->touches == 0)
        continue;
      attempts = pursuit_number_format (stats->attempts);
      answered = stats->attempts > 0 ? g_strdup_printf ("%u%%", percent ((double) stats->responses / stats->attempts))
                                     : g_strdup ("–");
      /* Translators: wins on a channel and their share of its touches. */
      won = g_strdup_printf (_("%u (%u%%)"), stats->wins, percent ((double) stats->wins / stats->touches));
      grid_label (self->channels_grid, pursuit_channel_label (c), 0, row, FALSE);
      grid_label (self->channels_grid, attempts, 1, row, FALSE);
      grid_label (self->channels_grid, answered, 2, row, FALSE);
      grid_label (self->channels_grid, won, 3, row, FALSE);
      row++;
    }
  if (row == 1)
    {
      GtkWidget *none = gtk_label_new (_("No touches in this period."));

      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_label_set_wrap (GTK_LABEL (none), TRUE);
      gtk_grid_attach (self->channels_grid, none, 0, row, 4, 1);
    }
}

static void
update_money (PursuitInsightsView *self)
{
  const PursuitInsights *in = self->insights;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *cost = money (in->params.cost_per_touch);

  if (in->n_won > 0)
    {
      g_autofree char *per_win = money (in->cost_per_win);

      g_autofree char *attempts = dup_count (g_dngettext (GETTEXT_PACKAGE, "%s attempt", "%s attempts", in->n_attempts), in->n_attempts);
      g_autofree char *wins = dup_count (g_dngettext (GETTEXT_PACKAGE, "%s win", "%s wins", in->n_won), in->n_won);

      /* Translators: "A won deal costs $240: 36 attempts at $20 for 3 wins." */
      g_string_append_printf (text, _("A won deal costs %s: %s at %s for %s."), per_win, attempts, cost, wins);
    }
  else
    g_string_append (text, _("No wins in this period, so no cost per win yet."));
  g_string_append_c (text, '\n');
  {
    g_autofree char *closed = dup_count (g_dngettext (GETTEXT_PACKAGE, "%s closed prospect", "%s closed prospects", in->n_won + in->n_lost), in->n_won + in->n_lost);
    g_autofree char *attempts = dup_count (g_dngettext (GETTEXT_PACKAGE, "%s attempt", "%s attempts", in->n_attempts), in->n_attempts);

    /* Translators: "You won 25% of 12 closed prospects; 18% of 140
     * attempts were answered." */
    if (in->n_attempts > 0)
      g_string_append_printf (text, _("You won %u%% of %s; %u%% of %s were answered."), percent (in->win_rate), closed,
                              percent (in->response_rate), attempts);
    else
      g_string_append_printf (text, _("You won %u%% of %s; no attempt was logged in this period."),
                              percent (in->win_rate), closed);
  }
  g_string_append_c (text, '\n');
  if (in->n_revisits > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               "%u prospect came back from a revisit; %u of them won.",
                                               "%u prospects came back from a revisit; %u of them won.",
                                               in->n_revisits),
                            in->n_revisits, in->n_revisit_wins);
  else
    g_string_append (text, _("No prospect has come back from a revisit yet."));
  gtk_label_set_text (self->money_label, text->str);
}

static void
update_pipeline (PursuitInsightsView *self)
{
  const PursuitInsights *in = self->insights;
  guint target = in->params.target_active;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *active = pursuit_number_format (in->n_active_now);
  g_autofree char *goal = pursuit_number_format (target);
  g_autofree char *hot = pursuit_number_format (in->per_tier[PURSUIT_TIER_HOT]);
  g_autofree char *good = pursuit_number_format (in->per_tier[PURSUIT_TIER_GOOD]);
  g_autofree char *cool = pursuit_number_format (in->per_tier[PURSUIT_TIER_COOL]);
  g_autofree char *cold = pursuit_number_format (in->per_tier[PURSUIT_TIER_COLD]);
  g_autofree char *inbox = pursuit_number_format (in->n_inbox_now);
  g_autofree char *lost = pursuit_number_format (in->lost_this_week);
  g_autofree char *fresh = pursuit_number_format (in->fresh_needed);

  /* Translators: "32 active of a target of 50 (Hot 5, Good 12, Cool 10,
   * Cold 5) and 4 in the inbox." */
  g_string_append_printf (text, _("%s active of a target of %s (Hot %s, Good %s, Cool %s, Cold %s) and %s in the inbox."),
                          active, goal, hot, good, cool, cold, inbox);
  g_string_append_c (text, ' ');
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s let go this week.", "%s let go this week.",
                                             in->lost_this_week),
                          lost);
  g_string_append_c (text, ' ');
  if (in->fresh_needed > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Add %s fresh prospect to get back to %s.",
                                               "Add %s fresh prospects to get back to %s.", in->fresh_needed),
                            fresh, goal);
  else
    g_string_append (text, _("The pipeline is full."));
  gtk_label_set_text (self->pipeline_label, text->str);
  gtk_level_bar_set_value (self->pipeline_bar, target > 0 ? MIN ((double) in->n_active_now / target, 1.0) : 1.0);
}

static void
show_empty (PursuitInsightsView *self)
{
  g_autofree char *escaped = NULL;
  const char *text;

  if (self->insights->curve_all_time.n_closed > 0 && self->period != PURSUIT_INSIGHTS_PERIOD_ALL)
    text = _("Nothing was won or let go in this period. Choose a longer one to see your insights.");
  else
    text = _("Once you have won or let go of a few prospects, this page shows how many touches and days your wins "
             "took, which attempts get answered, where following up stops paying off, why prospects are lost and "
             "how healthy your pipeline is.");
  /* The description is markup in libadwaita 1.2. */
  escaped = g_markup_escape_text (text, -1);
  adw_status_page_set_description (self->empty_page, escaped);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  gtk_widget_set_visible (GTK_WIDGET (self->basis_label), FALSE);
}

static void
show_insights (PursuitInsightsView *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->basis_label), TRUE);
  update_headline (self);
  if (!pursuit_insights_has_history (self->insights))
    {
      show_empty (self);
      return;
    }
  update_give_up (self);
  update_what_if (self);
  update_curve (self);
  update_distribution (self->touches_chart, self->touches_label, &self->insights->touches_to_win,
                       self->insights->n_won, FALSE);
  update_distribution (self->days_chart, self->days_label, &self->insights->days_to_win, self->insights->n_won,
                       TRUE);
  update_losses (self);
  update_channels (self);
  update_money (self);
  update_pipeline (self);
  gtk_stack_set_visible_child_name (self->stack, "insights");
}

/* The learned curve feeds the "learned" attempt limit. */
static void
push_learned_curve (PursuitInsightsView *self)
{
  const PursuitPolicy *current = pursuit_store_get_policy (self->store);
  PursuitPolicy policy;

  if (pursuit_learned_curve_equal (&current->learned, &self->insights->curve_all_time))
    return;
  policy = *current;
  policy.learned = self->insights->curve_all_time;
  self->pushing_policy = TRUE;
  pursuit_store_set_policy (self->store, &policy);
  self->pushing_policy = FALSE;
}

/* Loading */

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PursuitInsightsView) self = user_data;
  g_autoptr(GError) error = NULL;
  PursuitInsights *insights;

  insights = pursuit_store_load_insights_finish (PURSUIT_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store != PURSUIT_STORE (source))
    {
      g_clear_pointer (&insights, pursuit_insights_free);
      return;
    }
  gtk_spinner_stop (self->spinner);
  if (insights == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      /* The page says what went wrong; the log only keeps a note of it
       * (a team database has none yet: nothing failed). A view whose
       * window has gone, its file maybe with it, shows nothing. */
      if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
        return;
      if (!g_error_matches (error, PURSUIT_STORE_ERROR, PURSUIT_STORE_ERROR_UNSUPPORTED))
        g_message ("Could not work out the insights: %s", error->message);
      adw_status_page_set_description (self->empty_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  g_clear_pointer (&self->insights, pursuit_insights_free);
  self->insights = insights;
  show_insights (self);
  push_learned_curve (self);
  g_signal_emit (self, signals[UPDATED], 0);
}

static gint64
period_start (PursuitInsightsPeriod period,
              gint64                now)
{
  static const int days[] = { 30, 90, 365 };

  if ((guint) period >= G_N_ELEMENTS (days))
    return 0;
  return now - (gint64) days[period] * 24 * 60 * 60;
}

static void
start_load (PursuitInsightsView *self)
{
  const PursuitPolicy *policy;
  PursuitInsightsParams params;

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  policy = pursuit_store_get_policy (self->store);
  pursuit_insights_params_init_default (&params, g_get_real_time () / G_USEC_PER_SEC);
  params.since = period_start (self->period, params.now);
  /* The limits the cards use, so that both count the same prospects. */
  pursuit_limit_fill_params (&params, policy);
  if (self->settings != NULL)
    params.target_active = g_settings_get_uint (self->settings, "target-active-prospects");

  if (self->insights == NULL)
    {
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
  pursuit_store_load_insights_async (self->store, &params, self->cancellable, loaded_cb, g_object_ref (self));
}

static gboolean
start_cb (gpointer data)
{
  PursuitInsightsView *self = data;

  self->start_id = 0;
  start_load (self);
  return G_SOURCE_REMOVE;
}

/* The clock may have been disposed with its surface, which drops its
 * handlers. */
static void
stop_watching_frame_clock (PursuitInsightsView *self)
{
  if (self->after_paint_id != 0 && g_signal_handler_is_connected (self->frame_clock, self->after_paint_id))
    g_signal_handler_disconnect (self->frame_clock, self->after_paint_id);
  self->after_paint_id = 0;
  g_clear_object (&self->frame_clock);
}

static void
after_paint_cb (PursuitInsightsView *self)
{
  stop_watching_frame_clock (self);
  self->first_frame_seen = TRUE;
  /* Below drawing: the frame just painted is on screen first. */
  if (self->start_id == 0)
    self->start_id = g_idle_add_full (G_PRIORITY_LOW, start_cb, self, NULL);
}

static void
watch_frame_clock (PursuitInsightsView *self,
                   GtkWidget           *root)
{
  if (self->after_paint_id != 0)
    return;
  self->frame_clock = g_object_ref (gtk_widget_get_frame_clock (root));
  self->after_paint_id = g_signal_connect_swapped (self->frame_clock, "after-paint", G_CALLBACK (after_paint_cb), self);
  /* A window that is already on screen may have nothing to redraw. */
  gdk_frame_clock_request_phase (self->frame_clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

static void
root_realize_cb (GtkWidget           *root,
                 PursuitInsightsView *self)
{
  g_signal_handlers_disconnect_by_func (root, root_realize_cb, self);
  watch_frame_clock (self, root);
}

/* Nothing before the window's first frame (DESIGN.md): the first load
 * waits for it; later ones start at once. */
static void
request_load (PursuitInsightsView *self)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));

  if (self->first_frame_seen)
    start_load (self);
  else if (root == NULL)
    {
      self->first_frame_seen = TRUE;
      if (self->start_id == 0)
        self->start_id = g_idle_add_full (G_PRIORITY_LOW, start_cb, self, NULL);
    }
  else if (gtk_widget_get_realized (root))
    watch_frame_clock (self, root);
  else
    g_signal_connect_object (root, "realize", G_CALLBACK (root_realize_cb), self, 0);
}

static gboolean
debounce_cb (gpointer data)
{
  PursuitInsightsView *self = data;

  self->debounce_id = 0;
  request_load (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (PursuitInsightsView *self)
{
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  self->debounce_id = g_timeout_add (DEBOUNCE_MS, debounce_cb, self);
}

static void
policy_changed_cb (PursuitInsightsView *self)
{
  /* The curve this view just learned changes nothing it shows. */
  if (!self->pushing_policy)
    queue_refresh (self);
}

static void
period_changed_cb (PursuitInsightsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);

  if (selected != GTK_INVALID_LIST_POSITION && selected != self->period)
    {
      self->period = selected;
      if (self->store != NULL)
        request_load (self);
    }
}

void
pursuit_insights_view_set_store (PursuitInsightsView *self,
                                 PursuitStore        *store)
{
  g_return_if_fail (PURSUIT_IS_INSIGHTS_VIEW (self));
  g_return_if_fail (store == NULL || PURSUIT_IS_STORE (store));

  if (self->store == store)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->insights, pursuit_insights_free);
  g_set_object (&self->store, store);
  g_signal_group_set_target (self->store_signals, store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  if (store != NULL)
    request_load (self);
}

PursuitStore *
pursuit_insights_view_get_store (PursuitInsightsView *self)
{
  g_return_val_if_fail (PURSUIT_IS_INSIGHTS_VIEW (self), NULL);

  return self->store;
}

void
pursuit_insights_view_set_period (PursuitInsightsView   *self,
                                  PursuitInsightsPeriod  period)
{
  g_return_if_fail (PURSUIT_IS_INSIGHTS_VIEW (self));
  g_return_if_fail (period <= PURSUIT_INSIGHTS_PERIOD_ALL);

  gtk_drop_down_set_selected (self->period_dropdown, period);
}

const PursuitInsights *
pursuit_insights_view_get_insights (PursuitInsightsView *self)
{
  g_return_val_if_fail (PURSUIT_IS_INSIGHTS_VIEW (self), NULL);

  return self->insights;
}

char *
pursuit_insights_view_dup_text (PursuitInsightsView *self)
{
  GtkLabel *labels[] = { self->headline_label, self->give_up_label, self->what_if_label, self->curve_label,
                         self->touches_label, self->days_label, self->losses_label, self->money_label,
                         self->pipeline_label };
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (PURSUIT_IS_INSIGHTS_VIEW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "insights") != 0)
    {
      g_string_append (text, adw_status_page_get_title (self->empty_page));
      return g_string_free (text, FALSE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (gtk_widget_get_visible (GTK_WIDGET (labels[i])))
      g_string_append_printf (text, "%s\n", gtk_label_get_text (labels[i]));
  return g_string_free (text, FALSE);
}

static void
settings_changed_cb (PursuitInsightsView *self)
{
  if (self->store != NULL)
    queue_refresh (self);
}

static void
pursuit_insights_view_dispose (GObject *object)
{
  PursuitInsightsView *self = PURSUIT_INSIGHTS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_clear_handle_id (&self->start_id, g_source_remove);
  stop_watching_frame_clock (self);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->insights, pursuit_insights_free);

  G_OBJECT_CLASS (pursuit_insights_view_parent_class)->dispose (object);
}

static void
pursuit_insights_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PursuitInsightsView *self = PURSUIT_INSIGHTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pursuit_insights_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PursuitInsightsView *self = PURSUIT_INSIGHTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pursuit_insights_view_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pursuit_insights_view_class_init (PursuitInsightsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pursuit_insights_view_dispose;
  object_class->get_property = pursuit_insights_view_get_property;
  object_class->set_property = pursuit_insights_view_set_property;

  /**
   * PursuitInsightsView:store:
   *
   * The store whose history the insights are worked out from.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PURSUIT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PursuitInsightsView::updated:
   *
   * New insights are on screen.
   */
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  g_type_ensure (PURSUIT_TYPE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pursuit/Pursuit/ui/pursuit-insights-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PursuitInsightsView, basis_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitInsightsView, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PursuitInsightsView, stack);
  gtk_widget_class_bind_template_child (widget_class, PursuitInsightsView, spinner);
  gtk_widget_class_bind_template_child (widget_class, PursuitInsightsView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PursuitInsightsView, headline_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitInsightsView, give_up_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitInsightsView, what_if_scale);
  gtk_widget_class_bind_template_child (widget_class, PursuitInsightsView, what_if_learned_button);
  gtk_widget_class_bind_template_child (widget_class, PursuitInsightsView, what_if_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitInsightsView, curve_chart);
  gtk_widget_class_bind_template_child (widget_class, PursuitInsightsView, curve_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitInsightsView, touches_chart);
  gtk_widget_class_bind_template_child (widget_class, PursuitInsightsView, touches_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitInsightsView, days_chart);
  gtk_widget_class_bind_template_child (widget_class, PursuitInsightsView, days_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitInsightsView, losses_chart);
  gtk_widget_class_bind_template_child (widget_class, PursuitInsightsView, losses_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitInsightsView, channels_grid);
  gtk_widget_class_bind_template_child (widget_class, PursuitInsightsView, money_label);
  gtk_widget_class_bind_template_child (widget_class, PursuitInsightsView, pipeline_bar);
  gtk_widget_class_bind_template_child (widget_class, PursuitInsightsView, pipeline_label);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, what_if_scale_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, what_if_learned_toggled_cb);
}

static void
pursuit_insights_view_init (PursuitInsightsView *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  static const char * const changes[] = { "prospect-added", "prospect-changed", "prospect-removed", "touch-added" };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->period = gtk_drop_down_get_selected (self->period_dropdown);

  self->store_signals = g_signal_group_new (PURSUIT_TYPE_STORE);
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    g_signal_group_connect_object (self->store_signals, changes[i], G_CALLBACK (queue_refresh), self,
                                   G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->store_signals, "policy-changed", G_CALLBACK (policy_changed_cb), self,
                                 G_CONNECT_SWAPPED);

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, "target-active-prospects"))
    {
      self->settings = g_settings_new (APPLICATION_ID);
      g_signal_connect_object (self->settings, "changed::target-active-prospects", G_CALLBACK (settings_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
}
