/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "pursuit-board.h"
#include "pursuit-search-provider.h"
#include "pursuit-stage-column.h"
#include "pursuit-store-search.h"
#include "pursuit-store.h"
#include "pursuit-window.h"
#include "test-util.h"

/* One search for the board and for GNOME Shell's overview: the same
 * queries find the same prospects in both, every word anywhere in the
 * name, company, email, tags or phone number, a phone number typed with
 * spaces and dashes, and names with accents typed without. Each
 * prospect sits in a column of its own, so that the board's columns say
 * which ones it shows. */

/* XDG_DATA_DIRS before G_TEST_OPTION_ISOLATE_DIRS hid it: GdkPixbuf
 * finds the MIME database there, to load the icons. */
static char *system_data_dirs;

typedef struct
{
  char          *dir;
  char          *path;
  PursuitStore  *store;
  PursuitWindow *window;
  PursuitBoard  *board;
  gint64         ids[4];
} Fixture;

static const struct
{
  const char   *name;
  const char   *company;
  const char   *phone;
  const char   *tags;
  PursuitStage  stage;
  PursuitTier   tier;
} people[] = {
  { "John Smith", "Acme", "+1 (555) 123-4567", "vip", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_HOT },
  { "Jane Smith", "Globex", "+1 555 987 6543", "", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_GOOD },
  { "José Núñez", "Initech", "030 555 0100", "", PURSUIT_STAGE_ACTIVE, PURSUIT_TIER_COOL },
  { "Acme Reseller", "Umbrella", "", "", PURSUIT_STAGE_INBOX, PURSUIT_TIER_NONE },
};

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (system_data_dirs != NULL)
    g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);
  f->dir = g_dir_make_tmp ("pursuit-search-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "pursuit.db", NULL);
  f->store = pursuit_store_open (f->path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(PursuitProspect) p = pursuit_prospect_new (people[i].name);
      g_autofree char *email = g_strdup_printf ("person%u@example.com", i);

      pursuit_prospect_set_company (p, people[i].company);
      pursuit_prospect_set_email (p, email);
      pursuit_prospect_set_phone (p, people[i].phone);
      pursuit_prospect_set_tags (p, people[i].tags);
      pursuit_prospect_set_stage (p, people[i].stage);
      pursuit_prospect_set_tier (p, people[i].tier);
      g_assert_true (pursuit_store_add (f->store, p, &error));
      g_assert_no_error (error);
      f->ids[i] = pursuit_prospect_get_id (p);
    }
  f->window = pursuit_window_new (NULL, f->store, NULL);
  pursuit_test_show_and_wait (GTK_WINDOW (f->window), 100);
  /* Asked for, the board has the store at once, not only after the
   * first frame. */
  f->board = PURSUIT_BOARD (pursuit_window_get_board (f->window));
  g_assert_nonnull (f->board);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pursuit_test_destroy_windows ();
  g_clear_object (&f->store);
  pursuit_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Which of the people the board shows for @query: a bit each. */
static guint
board_finds (Fixture    *f,
             const char *query)
{
  guint found = 0;

  pursuit_board_set_search (f->board, query);
  for (guint c = 0; c < PURSUIT_BOARD_N_COLUMNS; c++)
    {
      PursuitStageColumn *column = pursuit_board_get_column (f->board, c);

      if (pursuit_stage_column_get_n_prospects (column) == 0)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (people); i++)
        if (pursuit_stage_column_get_stage (column) == people[i].stage
            && pursuit_stage_column_get_tier (column) == people[i].tier)
          {
            g_assert_cmpuint (pursuit_stage_column_get_n_prospects (column), ==, 1);
            found |= 1u << i;
          }
    }
  pursuit_board_set_search (f->board, NULL);
  return found;
}

/* Which the overview lists, with the terms split at spaces as GNOME
 * Shell splits them. */
static guint
overview_finds (Fixture    *f,
                const char *query)
{
  g_auto(GStrv) terms = g_strsplit (query, " ", -1);
  g_autoptr(GArray) ids = pursuit_search_provider_match (f->store, (const char * const *) terms, 20);
  guint found = 0;

  for (guint j = 0; j < ids->len; j++)
    for (guint i = 0; i < G_N_ELEMENTS (people); i++)
      if (g_array_index (ids, gint64, j) == f->ids[i])
        found |= 1u << i;
  return found;
}

static void
test_same_queries (Fixture       *f,
                   gconstpointer  data)
{
  static const struct
  {
    const char *query;
    guint       found;
  } cases[] = {
    /* Each word anywhere: company and name. */
    { "acme smith", 1u << 0 },
    { "smith", 1u << 0 | 1u << 1 },
    { "acme", 1u << 0 | 1u << 3 },
    /* A tag is a word as well. */
    { "smith vip", 1u << 0 },
    /* A phone number as people type it. */
    { "+1 (555) 123-4567", 1u << 0 },
    { "555 123-4567", 1u << 0 },
    { "555-987-6543", 1u << 1 },
    { "030 555", 1u << 2 },
    /* Accents and case folded. */
    { "jose nunez", 1u << 2 },
    { "NÚÑEZ", 1u << 2 },
    { "josé initech", 1u << 2 },
    { "smith nunez", 0 },
    { "nobody", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].query);
      g_assert_cmphex (board_finds (f, cases[i].query), ==, cases[i].found);
      g_assert_cmphex (overview_finds (f, cases[i].query), ==, cases[i].found);
    }
}

/* The store's search itself, which both use. */
static void
test_store_search (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PursuitSearch) words = pursuit_search_new (NULL, "  ACME   smith ", PURSUIT_SEARCH_FIELDS);
  g_autoptr(PursuitSearch) phone = pursuit_search_new (NULL, "(555) 123 45", PURSUIT_SEARCH_FIELDS);

  g_assert_null (pursuit_search_new (NULL, "   ", PURSUIT_SEARCH_FIELDS));
  g_assert_true (pursuit_search_matches (words, pursuit_store_find (f->store, f->ids[0])));
  g_assert_false (pursuit_search_matches (words, pursuit_store_find (f->store, f->ids[1])));
  g_assert_false (pursuit_search_matches (words, pursuit_store_find (f->store, f->ids[3])));
  g_assert_true (pursuit_search_matches (phone, pursuit_store_find (f->store, f->ids[0])));
  g_assert_false (pursuit_search_matches (phone, pursuit_store_find (f->store, f->ids[1])));
}

int
main (int   argc,
      char *argv[])
{
  const char *data_dirs = g_getenv ("XDG_DATA_DIRS");
  int status;

  system_data_dirs = g_strdup (data_dirs != NULL && data_dirs[0] != '\0' ? data_dirs : "/usr/local/share:/usr/share");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  g_test_add ("/search/same-queries", Fixture, NULL, fixture_set_up, test_same_queries, fixture_tear_down);
  g_test_add ("/search/store", Fixture, NULL, fixture_set_up, test_store_search, fixture_tear_down);
  status = g_test_run ();
  g_free (system_data_dirs);
  return status;
}
