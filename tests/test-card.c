/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "pursuit-format.h"
#include "pursuit-prospect-card.h"
#include "pursuit-store.h"
#include "test-util.h"

/* A prospect card in a window as narrow as a column of the board at
 * 1,200 px: what it shows is shown whole, and nothing shows as a blank
 * line. */

#define COLUMN_WIDTH 222

typedef struct
{
  char         *dir;
  PursuitStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("pursuit-card-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->store = pursuit_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pursuit_test_destroy_windows ();
  g_clear_object (&f->store);
  pursuit_test_remove_tree (f->dir);
  g_free (f->dir);
}

static PursuitProspect *
add (Fixture      *f,
     PursuitStage  stage,
     double        value,
     guint         attempts)
{
  g_autoptr(PursuitProspect) prospect = pursuit_prospect_new ("Jane Doe");
  g_autoptr(GError) error = NULL;

  pursuit_prospect_set_company (prospect, "Acme");
  pursuit_prospect_set_stage (prospect, stage);
  if (stage == PURSUIT_STAGE_ACTIVE)
    pursuit_prospect_set_tier (prospect, PURSUIT_TIER_GOOD);
  if (stage == PURSUIT_STAGE_CLOSED)
    pursuit_prospect_set_close_reason (prospect, PURSUIT_CLOSE_REASON_NO_RESPONSE);
  pursuit_prospect_set_value (prospect, value);
  pursuit_prospect_set_attempts (prospect, attempts);
  pursuit_prospect_set_attempts_before (prospect, attempts);
  pursuit_store_add (f->store, prospect, &error);
  g_assert_no_error (error);
  return prospect; /* the store holds it */
}

static PursuitProspectCard *
show_card (Fixture         *f,
           PursuitProspect *prospect)
{
  GtkWidget *window = gtk_window_new ();
  PursuitProspectCard *card = pursuit_prospect_card_new ();

  pursuit_prospect_card_set_store (card, f->store);
  pursuit_prospect_card_set_prospect (card, prospect);
  gtk_widget_set_size_request (GTK_WIDGET (card), COLUMN_WIDTH, -1);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (card));
  gtk_window_set_default_size (GTK_WINDOW (window), COLUMN_WIDTH, -1);
  pursuit_test_show_and_wait (GTK_WINDOW (window), 200);
  return card;
}

/* What a cut text and a longer cut of the same text share: all but "…". */
static const char *
shown_prefix (const char *shown)
{
  static char prefix[64];

  g_strlcpy (prefix, shown, sizeof prefix);
  return prefix;
}

static GtkLabel *
find_label (GtkWidget  *widget,
            const char *css_class)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css_class))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* "… · time to let go?" ends the line at any width: wrapped, not cut. */
static void
test_status_is_never_cut (Fixture       *f,
                          gconstpointer  data)
{
  PursuitPolicy policy = *pursuit_store_get_policy (f->store);
  PursuitProspect *prospect;
  PursuitProspectCard *card;
  GtkLabel *status;

  /* Learned mode from 20 closed prospects: the longest status there is. */
  policy.limit_mode = PURSUIT_LIMIT_LEARNED;
  policy.learned.n_closed = 20;
  pursuit_store_set_policy (f->store, &policy);
  prospect = add (f, PURSUIT_STAGE_ACTIVE, 1000, 4);
  card = show_card (f, prospect);

  g_assert_true (g_str_has_suffix (pursuit_prospect_card_get_text (card, "status"), " · time to let go?"));
  status = find_label (GTK_WIDGET (card), "status");
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (status)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (card)), <=, COLUMN_WIDTH + 1);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (status)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (status)), <=, gtk_widget_get_width (GTK_WIDGET (card)));
}

/* A closed prospect without a value has neither a value nor a date: no
 * line is kept for them. */
static void
test_no_blank_line (Fixture       *f,
                    gconstpointer  data)
{
  PursuitProspectCard *card = show_card (f, add (f, PURSUIT_STAGE_CLOSED, -1, 0));
  GtkLabel *value = find_label (GTK_WIDGET (card), "numeric");
  GtkLabel *due = find_label (GTK_WIDGET (card), "due");

  g_assert_cmpstr (pursuit_prospect_card_get_text (card, "value"), ==, "");
  g_assert_cmpstr (pursuit_prospect_card_get_text (card, "due"), ==, "");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (value)));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (due)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (find_label (GTK_WIDGET (card), "status"))));

  /* With a value, the line is back. */
  card = show_card (f, add (f, PURSUIT_STAGE_CLOSED, 2500, 0));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (find_label (GTK_WIDGET (card), "numeric"))));
}

/* A huge name: the card shows its start, cut where a label can lay it
 * out, with more of it in a tooltip, and stays within its column. */
static void
test_huge_name (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GString) name = g_string_new ("Jane ");
  PursuitProspect *prospect = add (f, PURSUIT_STAGE_ACTIVE, 1000, 0);
  g_autoptr(PursuitProspect) draft = pursuit_prospect_dup (prospect);
  g_autoptr(GError) error = NULL;
  PursuitProspectCard *card;
  GtkLabel *label;
  const char *shown;

  /* Long enough to be cut; a 1 MB one (past what Pango's units hold)
   * takes minutes to lay out whole under the sanitizers' malloc. */
  while (name->len < 16 * 1024)
    g_string_append (name, "Verylongname");
  pursuit_prospect_set_name (draft, name->str);
  pursuit_prospect_set_company (draft, name->str);
  g_assert_true (pursuit_store_update (f->store, prospect, draft, &error));
  g_assert_no_error (error);

  card = show_card (f, prospect);
  shown = pursuit_prospect_card_get_text (card, "name");
  g_assert_true (g_str_has_prefix (shown, "Jane Verylongname"));
  g_assert_true (g_str_has_suffix (shown, "…"));
  g_assert_cmpint (g_utf8_strlen (shown, -1), <=, PURSUIT_FORMAT_SHOWN_CHARS + 1);
  label = find_label (GTK_WIDGET (card), "heading");
  g_assert_nonnull (label);
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (GTK_WIDGET (label)), shown_prefix (shown)));
  g_assert_cmpint (g_utf8_strlen (gtk_widget_get_tooltip_text (GTK_WIDGET (label)), -1), >, g_utf8_strlen (shown, -1));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (card)), <=, COLUMN_WIDTH + 1);
  g_assert_true (pango_layout_is_ellipsized (gtk_label_get_layout (label)));

}

/* The store as a property, and a card reused for another prospect (as
 * the board's rows reuse them): the card follows the prospect and the
 * store it has now, and no longer the ones it had. */
static void
test_follows_its_prospect_and_store (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(PursuitStore) other = pursuit_store_open (other_path, &error);
  PursuitProspect *first = add (f, PURSUIT_STAGE_ACTIVE, 1000, 2);
  PursuitProspect *second = add (f, PURSUIT_STAGE_ACTIVE, 2000, 2);
  g_autoptr(PursuitProspect) draft = NULL;
  PursuitPolicy policy = *pursuit_store_get_policy (f->store);
  PursuitProspectCard *card;
  PursuitStore *store = NULL;

  g_assert_no_error (error);
  policy.limit_mode = PURSUIT_LIMIT_FIXED;
  policy.fixed_limit = 5;
  pursuit_store_set_policy (f->store, &policy);
  pursuit_store_set_policy (other, &policy);

  card = show_card (f, first);
  g_object_get (card, "store", &store, NULL);
  g_assert_true (store == f->store);
  g_object_unref (store);
  g_assert_false (pursuit_prospect_card_get_at_limit (card));

  /* The store's policy reaches the card: a limit of 2 is reached. */
  policy.fixed_limit = 2;
  pursuit_store_set_policy (f->store, &policy);
  g_assert_true (pursuit_prospect_card_get_at_limit (card));

  /* Reused: the second prospect's changes show, the first's do not. */
  pursuit_prospect_card_set_prospect (card, second);
  g_assert_cmpstr (pursuit_prospect_card_get_text (card, "value"), ==, "$2,000");
  draft = pursuit_prospect_dup (first);
  pursuit_prospect_set_name (draft, "First Renamed");
  g_assert_true (pursuit_store_update (f->store, first, draft, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pursuit_prospect_card_get_text (card, "name"), ==, "Jane Doe");
  g_clear_object (&draft);
  draft = pursuit_prospect_dup (second);
  pursuit_prospect_set_name (draft, "Second Renamed");
  g_assert_true (pursuit_store_update (f->store, second, draft, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pursuit_prospect_card_get_text (card, "name"), ==, "Second Renamed");

  /* Another store: its policy counts, the old one's no longer. */
  g_object_set (card, "store", other, NULL);
  g_assert_false (pursuit_prospect_card_get_at_limit (card));
  policy.fixed_limit = 1;
  pursuit_store_set_policy (f->store, &policy);
  g_assert_false (pursuit_prospect_card_get_at_limit (card));
  pursuit_store_set_policy (other, &policy);
  g_assert_true (pursuit_prospect_card_get_at_limit (card));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/card/status-is-never-cut", test_status_is_never_cut);
  ADD ("/ui/card/no-blank-line", test_no_blank_line);
  ADD ("/ui/card/huge-name", test_huge_name);
  ADD ("/ui/card/follows-its-prospect-and-store", test_follows_its_prospect_and_store);
#undef ADD

  return g_test_run ();
}
