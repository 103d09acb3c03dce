/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-io"

#include "config.h"

#include "pursuit-csv-private.h"
#include "pursuit-file.h"

/* Every touch as CSV, so that the history is not locked in Pursuit. Read
 * a prospect at a time: memory holds one prospect's touches and a buffer. */

static void
append_touch (GString         *out,
              PursuitProspect *prospect,
              PursuitTouch    *touch)
{
  pursuit_csv_append_field (out, pursuit_prospect_get_email (prospect));
  g_string_append_c (out, ',');
  pursuit_csv_append_field (out, pursuit_prospect_get_name (prospect));
  g_string_append_c (out, ',');
  pursuit_csv_append_date_time (out, pursuit_touch_get_happened_at (touch));
  g_string_append_c (out, ',');
  g_string_append (out, pursuit_channel_to_string (pursuit_touch_get_channel (touch)));
  g_string_append_c (out, ',');
  g_string_append (out, pursuit_direction_to_string (pursuit_touch_get_direction (touch)));
  g_string_append_c (out, ',');
  g_string_append (out, pursuit_outcome_to_string (pursuit_touch_get_outcome (touch)));
  g_string_append_c (out, ',');
  pursuit_csv_append_date_time (out, pursuit_touch_get_callback_at (touch));
  g_string_append_c (out, ',');
  pursuit_csv_append_field (out, pursuit_touch_get_note (touch));
  g_string_append (out, pursuit_touch_get_informational (touch) ? ",yes\r\n" : ",\r\n");
}

/* The touches of @prospect, oldest first. */
static gboolean
append_touches (GString          *out,
                PursuitStore     *store,
                PursuitProspect  *prospect,
                GError          **error)
{
  g_autoptr(GListModel) touches = pursuit_store_list_touches (store, prospect, error);
  guint n;

  if (touches == NULL)
    return FALSE;
  n = g_list_model_get_n_items (touches);
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(PursuitTouch) touch = g_list_model_get_item (touches, i - 1);

      append_touch (out, prospect, touch);
    }
  return TRUE;
}

/**
 * pursuit_csv_write_touches:
 * @store: a #PursuitStore
 * @out: the stream to write to; not closed
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes every touch of every prospect of @store, a row each, under
 * #PURSUIT_CSV_TOUCHES_HEADER: the prospect by email and name, the time
 * (ISO 8601, local time), channel, direction, outcome, the callback date
 * asked for and the note, prospect by prospect and oldest first. Text is
 * quoted and protected from spreadsheets as pursuit_csv_write() does.
 *
 * Returns: %TRUE on success
 */
gboolean
pursuit_csv_write_touches (PursuitStore   *store,
                           GOutputStream  *out,
                           GCancellable   *cancellable,
                           GError        **error)
{
  g_autoptr(GString) buffer = g_string_new (PURSUIT_CSV_TOUCHES_HEADER "\r\n");
  GListModel *prospects;
  guint n;

  g_return_val_if_fail (PURSUIT_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  prospects = pursuit_store_get_prospects (store);
  n = g_list_model_get_n_items (prospects);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PursuitProspect) prospect = g_list_model_get_item (prospects, i);

      if (!append_touches (buffer, store, prospect, error))
        return FALSE;
      if (buffer->len >= PURSUIT_CSV_WRITE_CHUNK && !pursuit_csv_flush (buffer, out, cancellable, error))
        return FALSE;
    }
  return pursuit_csv_flush (buffer, out, cancellable, error);
}

gboolean
pursuit_csv_export_touches (PursuitStore  *store,
                            GFile         *file,
                            GError       **error)
{
  g_autoptr(PursuitFileWriter) writer = NULL;

  g_return_val_if_fail (PURSUIT_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  writer = pursuit_file_writer_new (file, error);
  return writer != NULL
         && pursuit_csv_write_touches (store, pursuit_file_writer_get_stream (writer), NULL, error)
         && pursuit_file_writer_commit (writer, NULL, error);
}
