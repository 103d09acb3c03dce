/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-format"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "pursuit-day-watcher.h"
#include "pursuit-format.h"
#include "pursuit-number.h"
#include "pursuit-rules.h"
#include "pursuit-store.h"

static const char *
currency_symbol (const char *currency)
{
  static const struct { const char *code, *symbol; } symbols[] = {
    { "USD", "$" }, { "EUR", "€" }, { "GBP", "£" }, { "JPY", "¥" },
    { "CAD", "CA$" }, { "AUD", "A$" }, { "INR", "₹" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (g_strcmp0 (currency, symbols[i].code) == 0)
      return symbols[i].symbol;
  return NULL;
}

/* The integer part grouped as the locale groups it, unless its separator
 * would read as the decimal mark chosen: then in threes by the other
 * mark. */
static void
append_grouped (GString  *out,
                guint64   whole,
                gboolean  decimal_comma)
{
  const char *separator = pursuit_number_group_separator ();

  if (strcmp (separator, decimal_comma ? "," : ".") == 0)
    pursuit_number_append (out, whole, decimal_comma ? "." : ",");
  else
    pursuit_number_append (out, whole, NULL);
}

gboolean
pursuit_format_decimal_comma (void)
{
  /* localeconv() is for one thread at a time: the UI's. */
  return strcmp (localeconv ()->decimal_point, ",") == 0;
}

char *
pursuit_format_value_full (double      value,
                           const char *currency,
                           gboolean    decimal_comma,
                           gboolean    symbol_after)
{
  g_autoptr(GString) number = g_string_new (NULL);
  const char *symbol;
  double rounded;
  guint64 cents;

  if (!(value >= 0) || !isfinite (value))
    return g_strdup ("");

  rounded = round (value * 100.0);
  cents = rounded > (double) G_MAXUINT64 / 2 ? G_MAXUINT64 / 2 : (guint64) rounded;
  append_grouped (number, cents / 100, decimal_comma);
  if (cents % 100 != 0)
    g_string_append_printf (number, "%c%02u", decimal_comma ? ',' : '.', (guint) (cents % 100));

  symbol = currency_symbol (currency);
  if (currency == NULL || *currency == '\0')
    return g_strdup (number->str);
  /* A no-break space keeps amount and currency on one line. */
  if (symbol_after)
    return g_strdup_printf ("%s\u00a0%s", number->str, symbol != NULL ? symbol : currency);
  if (symbol != NULL)
    return g_strdup_printf ("%s%s", symbol, number->str);
  return g_strdup_printf ("%s\u00a0%s", currency, number->str);
}

gboolean
pursuit_format_symbol_after (void)
{
  /* CHAR_MAX (unknown, as in the C locale) keeps the symbol first. */
  return localeconv ()->p_cs_precedes == 0;
}

char *
pursuit_format_value (double      value,
                      const char *currency)
{
  return pursuit_format_value_full (value, currency, pursuit_format_decimal_comma (),
                                    pursuit_format_symbol_after ());
}

char *
pursuit_format_editable_value (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *text;

  if (!(value >= 0) || !isfinite (value))
    return NULL;
  text = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.2f", value));
  if (g_str_has_suffix (text, ".00"))
    text[strlen (text) - 3] = '\0';
  else if (pursuit_format_decimal_comma ())
    *strchr (text, '.') = ',';
  return text;
}

gboolean
pursuit_format_parse_value (const char *text,
                            double     *out_value)
{
  gboolean comma = pursuit_format_decimal_comma ();

  /* The locale's way first; "1500.50" still reads the same everywhere. */
  return pursuit_value_parse_marks (text, comma, out_value) ||
         (comma && pursuit_value_parse (text, out_value));
}

int
pursuit_format_days_between (GDateTime *now,
                             GDateTime *when)
{
  g_autoptr(GDateTime) when_local = g_date_time_to_timezone (when, g_date_time_get_timezone (now));
  GDate a, b;

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_set_dmy (&a, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  g_date_set_dmy (&b, g_date_time_get_day_of_month (when_local),
                  g_date_time_get_month (when_local), g_date_time_get_year (when_local));
  return g_date_days_between (&a, &b);
}

char *
pursuit_format_due (GDateTime *due,
                    GDateTime *now,
                    gboolean  *overdue)
{
  int days;

  if (overdue != NULL)
    *overdue = FALSE;
  if (due == NULL)
    return g_strdup (_("no follow-up planned"));

  days = pursuit_format_days_between (now, due);
  if (overdue != NULL)
    *overdue = days < 0;

  if (days < 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "overdue %d day", "overdue %d days", -days), -days);
  if (days == 0)
    return g_strdup (_("today"));
  if (days == 1)
    return g_strdup (_("tomorrow"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d day", "in %d days", days), days);
}

static char *currency_code;

static void
currency_changed_cb (GSettings  *settings,
                     const char *key)
{
  g_free (currency_code);
  currency_code = g_settings_get_string (settings, "currency");
}

/* Kept from the settings rather than read for every card: the board
 * formats a value for each row it binds. */
char *
pursuit_format_dup_currency (void)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
      if (schema != NULL)
        {
          GSettings *settings = g_settings_new (APPLICATION_ID);

          g_signal_connect (settings, "changed::currency", G_CALLBACK (currency_changed_cb), NULL);
          currency_changed_cb (settings, "currency");
        }
      g_once_init_leave (&initialized, 1);
    }

  return g_strdup (currency_code != NULL ? currency_code : "USD");
}

/* GLib 2.74 looks the local zone up in the file system on every
 * g_date_time_new_now_local(); the board asks for every row it binds. */
GDateTime *
pursuit_format_now (void)
{
  return pursuit_day_watcher_now_local (pursuit_day_watcher_get_default ());
}

const char *
pursuit_format_close_reason (const char *reason)
{
  static const struct { const char *name; const char *label; } labels[] = {
    { PURSUIT_CLOSE_REASON_FIRM_NO, N_("Firm no") },
    { PURSUIT_CLOSE_REASON_NO_RESPONSE, N_("No response") },
    { PURSUIT_CLOSE_REASON_NOT_SERIOUS, N_("Not a fit: not serious") },
    { PURSUIT_CLOSE_REASON_NO_GOAL, N_("Not a fit: no clear goal") },
    { PURSUIT_CLOSE_REASON_NO_VALUE, N_("Not a fit: does not see the value") },
    { PURSUIT_CLOSE_REASON_OUR_END, N_("Changed at our end") },
    { PURSUIT_CLOSE_REASON_DO_NOT_CONTACT, N_("Asked not to be contacted") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (reason, labels[i].name) == 0)
      return _(labels[i].label);
  return reason != NULL ? reason : "";
}

char *
pursuit_format_date (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  local = g_date_time_to_local (when);
  /* Translators: a date as in "23 May 2027"; see g_date_time_format(). */
  return g_date_time_format (local, _("%-d %B %Y"));
}

/**
 * pursuit_format_shown:
 * @text: text the user typed
 * @max_chars: the most characters to keep
 *
 * Returns: (transfer full): @text, or its first @max_chars characters
 *   and "…"
 */
char *
pursuit_format_shown (const char *text,
                      gsize       max_chars)
{
  g_autofree char *head = NULL;
  const char *end;

  g_return_val_if_fail (max_chars > 0, NULL);

  if (text == NULL)
    return g_strdup ("");
  end = text;
  for (gsize i = 0; i < max_chars && *end != '\0'; i++)
    end = g_utf8_next_char (end);
  if (*end == '\0')
    return g_strdup (text);
  head = g_strndup (text, end - text);
  return g_strconcat (head, "…", NULL);
}

char *
pursuit_format_tags (const char *tags)
{
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (tags != NULL, NULL);

  parts = g_strsplit (tags, ",", -1);
  return g_strjoinv (", ", parts);
}
