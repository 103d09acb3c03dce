/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-tray"

#include "config.h"

#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <unistd.h>

#include "pursuit-dbus-menu.h"
#include "pursuit-notifier.h"
#include "pursuit-number.h"
#include "pursuit-status-notifier-item.h"
#include "pursuit-status-notifier-watcher.h"
#include "pursuit-tray.h"

#define ITEM_PATH "/StatusNotifierItem"
#define MENU_PATH "/MenuBar"
#define WATCHER_NAME "org.kde.StatusNotifierWatcher"
#define WATCHER_PATH "/StatusNotifierWatcher"
#define ICON_NAME APPLICATION_ID "-symbolic"
#define ICON_RESOURCE "/io/github/pursuit/Pursuit/icons/scalable/apps/" APPLICATION_ID ".svg"

/* The sizes of the pixmaps offered to hosts that draw no themed icon. */
static const int pixmap_sizes[] = { 16, 22, 32, 48 };

/* Menu item ids */
enum {
  ID_ROOT = 0,
  ID_OPEN = 1,
  ID_SEPARATOR_1 = 2,
  ID_SEPARATOR_2 = 3,
  ID_QUIT = 4,
  ID_TODAY = 5,
  ID_FIRST_DUE = 100,
};

/* The generated item, but for its pixmaps: drawn when a host first reads
 * them rather than when the tray starts, and again when the count they
 * show has changed. */
#define PURSUIT_TYPE_TRAY_ITEM (pursuit_tray_item_get_type ())
G_DECLARE_FINAL_TYPE (PursuitTrayItem, pursuit_tray_item, PURSUIT, TRAY_ITEM, PursuitStatusNotifierItemSkeleton)

struct _PursuitTrayItem
{
  PursuitStatusNotifierItemSkeleton parent_instance;

  guint     count;             /* the due follow-ups */
  GVariant *icon_pixmap;       /* a(iiay) */
  GVariant *overlay_pixmap;    /* the count alone */
  GVariant *attention_pixmap;  /* the icon with the count */
  guint     pixmap_count;      /* the count the two above show */
};

G_DEFINE_FINAL_TYPE (PursuitTrayItem, pursuit_tray_item, PURSUIT_TYPE_STATUS_NOTIFIER_ITEM_SKELETON)

enum {
  ITEM_PROP_0,
  ITEM_PROP_ICON_PIXMAP,
  ITEM_PROP_OVERLAY_ICON_PIXMAP,
  ITEM_PROP_ATTENTION_ICON_PIXMAP,
};

struct _PursuitTray
{
  GObject           parent_instance;

  GApplication     *application;
  PursuitScheduler *scheduler;
  /* The item's own connection, not the application's: closing it takes
   * the item off every watcher, which drops an item only when the name
   * that registered it leaves the bus. */
  GDBusConnection  *connection;
  char             *bus_name;  /* org.kde.StatusNotifierItem-PID-N */
  gboolean          name_owned;
  PursuitTrayItem  *item;      /* org.kde.StatusNotifierItem at ITEM_PATH */
  PursuitDBusMenu  *menu;      /* com.canonical.dbusmenu at MENU_PATH */
  guint             own_id;
  guint             watch_id;

  guint             revision;
  guint             n_due;
  GPtrArray        *due;     /* PursuitProspect, at most PURSUIT_TRAY_MAX_ITEMS */
  GCancellable     *cancellable;

  /* Menu item ids name prospects, never list positions: a click that
   * arrives after the due list changed still opens the prospect whose
   * name the user saw. An id is never given to another prospect. */
  GHashTable       *menu_ids;      /* prospect id (gint64 *) → menu id */
  GHashTable       *prospect_ids;  /* menu id → prospect id (gint64 *) */
  int               next_menu_id;
};

G_DEFINE_FINAL_TYPE (PursuitTray, pursuit_tray, G_TYPE_OBJECT)

static char *
dup_tooltip (PursuitTray *self)
{
  g_autofree char *count = NULL;

  if (self->n_due == 0)
    return g_strdup (_("No follow-ups due"));
  count = pursuit_number_format (self->n_due);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s follow-up due", "%s follow-ups due", self->n_due),
                          count);
}

/* Icons */

/* A folder of icon themes that holds the item's icon: the installed one,
 * or the source tree's when Pursuit runs uninstalled, so that a host
 * finds the icon either way. Run from the build tree, main.c puts the
 * source tree's data first in XDG_DATA_DIRS: its icon wins there over an
 * installed one. */
static char *
find_icon_theme_path (void)
{
  const char *const *data_dirs = g_get_system_data_dirs ();
  g_autofree char *source_data = g_path_get_dirname (PURSUIT_SOURCE_ICONS_DIR);
  gboolean uninstalled = data_dirs[0] != NULL && g_str_equal (data_dirs[0], source_data);
  const char *dirs[] = {
    uninstalled ? PURSUIT_SOURCE_ICONS_DIR : PURSUIT_INSTALLED_ICONS_DIR,
    uninstalled ? PURSUIT_INSTALLED_ICONS_DIR : PURSUIT_SOURCE_ICONS_DIR,
  };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *icon = g_build_filename (dirs[i], "hicolor", "symbolic", "apps", ICON_NAME ".svg", NULL);

      if (g_file_test (icon, G_FILE_TEST_IS_REGULAR))
        return g_strdup (dirs[i]);
    }
  return g_strdup ("");
}

/* Copies @pixbuf, of the surface's size, into @surface (premultiplied). */
static void
paint_pixbuf (cairo_surface_t *surface,
              GdkPixbuf       *pixbuf)
{
  const guint8 *src = gdk_pixbuf_read_pixels (pixbuf);
  int src_stride = gdk_pixbuf_get_rowstride (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  int width = MIN (gdk_pixbuf_get_width (pixbuf), cairo_image_surface_get_width (surface));
  int height = MIN (gdk_pixbuf_get_height (pixbuf), cairo_image_surface_get_height (surface));
  guint8 *dst = cairo_image_surface_get_data (surface);
  int dst_stride = cairo_image_surface_get_stride (surface);

  g_assert (gdk_pixbuf_get_bits_per_sample (pixbuf) == 8 && channels >= 3);
  cairo_surface_flush (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *p = src + (gsize) y * src_stride + (gsize) x * channels;
        guint32 a = channels == 4 ? p[3] : 255;
        guint32 *q = (guint32 *) (gpointer) (dst + (gsize) y * dst_stride) + x;

        *q = a << 24 | (p[0] * a / 255) << 16 | (p[1] * a / 255) << 8 | p[2] * a / 255;
      }
  cairo_surface_mark_dirty (surface);
}

/* A red pill in the bottom right corner with @count in it. */
static void
draw_badge (cairo_t *cr,
            int      size,
            guint    count)
{
  g_autofree char *text = count > 99 ? g_strdup ("99+") : g_strdup_printf ("%u", count);
  cairo_text_extents_t extents;
  double height = ceil (size * 0.6);
  double radius = height / 2;
  double width, x, y;

  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, height * 0.8);
  cairo_text_extents (cr, text, &extents);
  width = MIN (size, MAX (height, extents.x_advance + radius));
  x = size - width;
  y = size - height;
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI / 2, 3 * G_PI / 2);
  cairo_arc (cr, size - radius, y + radius, radius, -G_PI / 2, G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 0xe0 / 255.0, 0x1b / 255.0, 0x24 / 255.0);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, x + (width - extents.width) / 2 - extents.x_bearing,
                 y + (height - extents.height) / 2 - extents.y_bearing);
  cairo_show_text (cr, text);
}

/* One (width, height, ARGB32 in network byte order, not premultiplied). */
static GVariant *
surface_to_pixmap (cairo_surface_t *surface)
{
  int size = cairo_image_surface_get_width (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *src = cairo_image_surface_get_data (surface);
  guint8 *data = g_malloc ((gsize) 4 * size * size);

  cairo_surface_flush (surface);
  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      {
        guint32 p = ((const guint32 *) (gconstpointer) (src + (gsize) y * stride))[x];
        guint32 a = p >> 24;
        guint8 *d = data + 4 * ((gsize) y * size + x);

        d[0] = a;
        for (int c = 0; c < 3; c++)
          {
            guint32 v = (p >> (16 - 8 * c)) & 0xff;
            d[1 + c] = a == 0 ? 0 : MIN (255, (v * 255 + a / 2) / a);
          }
      }
  return g_variant_new ("(ii@ay)", size, size,
                        g_variant_new_from_data (G_VARIANT_TYPE_BYTESTRING, data, (gsize) 4 * size * size, TRUE,
                                                 g_free, data));
}

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         data)
{
  gdk_pixbuf_loader_set_size (loader, GPOINTER_TO_INT (data), GPOINTER_TO_INT (data));
}

/* The application's icon at @size × @size. */
static GdkPixbuf *
load_icon (int      size,
           GError **error)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (ICON_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  g_autoptr(GdkPixbufLoader) loader = NULL;

  if (bytes == NULL)
    return NULL;
  /* By its type: guessing it needs the MIME database, which a sandbox or
   * a test's own data folders may lack. */
  loader = gdk_pixbuf_loader_new_with_type ("svg", error);
  if (loader == NULL)
    return NULL;
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), GINT_TO_POINTER (size));
  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, error))
    {
      gdk_pixbuf_loader_close (loader, NULL);
      return NULL;
    }
  if (!gdk_pixbuf_loader_close (loader, error))
    return NULL;
  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

static GVariant *
render_pixmap (int      size,
               gboolean icon,
               guint    count)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cairo_t *cr = cairo_create (surface);
  GVariant *pixmap;

  if (icon)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkPixbuf) pixbuf = load_icon (size, &error);

      if (pixbuf != NULL)
        paint_pixbuf (surface, pixbuf);
      else
        g_warning ("Could not draw the tray icon: %s", error->message);
    }
  if (count > 0)
    draw_badge (cr, size, count);
  cairo_destroy (cr);
  pixmap = surface_to_pixmap (surface);
  cairo_surface_destroy (surface);
  return pixmap;
}

/* The icon (@icon) and a badge with @count (unless 0) at a few sizes;
 * an empty array when neither. */
static GVariant *
render_pixmaps (gboolean icon,
                guint    count)
{
  GVariantBuilder pixmaps;

  g_variant_builder_init (&pixmaps, G_VARIANT_TYPE ("a(iiay)"));
  for (guint i = 0; (icon || count > 0) && i < G_N_ELEMENTS (pixmap_sizes); i++)
    g_variant_builder_add_value (&pixmaps, render_pixmap (pixmap_sizes[i], icon, count));
  return g_variant_ref_sink (g_variant_builder_end (&pixmaps));
}

/* The item */

static GVariant *
count_pixmap (PursuitTrayItem *self,
              gboolean         attention)
{
  if (self->overlay_pixmap == NULL || self->pixmap_count != self->count)
    {
      g_clear_pointer (&self->overlay_pixmap, g_variant_unref);
      g_clear_pointer (&self->attention_pixmap, g_variant_unref);
      self->overlay_pixmap = render_pixmaps (FALSE, self->count);
      self->attention_pixmap = render_pixmaps (self->count > 0, self->count);
      self->pixmap_count = self->count;
    }
  return attention ? self->attention_pixmap : self->overlay_pixmap;
}

static void
pursuit_tray_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PursuitTrayItem *self = PURSUIT_TRAY_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_ICON_PIXMAP:
      if (self->icon_pixmap == NULL)
        self->icon_pixmap = render_pixmaps (TRUE, 0);
      g_value_set_variant (value, self->icon_pixmap);
      break;
    /* The count is drawn, as no theme has an icon for it: an overlay for
     * hosts that lay one over the icon, and the icon with the count for
     * those that show the attention icon instead. */
    case ITEM_PROP_OVERLAY_ICON_PIXMAP:
      g_value_set_variant (value, count_pixmap (self, FALSE));
      break;
    case ITEM_PROP_ATTENTION_ICON_PIXMAP:
      g_value_set_variant (value, count_pixmap (self, TRUE));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The pixmaps are drawn, never set: the interface makes them writable
 * from C only because it makes every property so. */
static void
pursuit_tray_item_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
pursuit_tray_item_dispose (GObject *object)
{
  PursuitTrayItem *self = PURSUIT_TRAY_ITEM (object);

  g_clear_pointer (&self->icon_pixmap, g_variant_unref);
  g_clear_pointer (&self->overlay_pixmap, g_variant_unref);
  g_clear_pointer (&self->attention_pixmap, g_variant_unref);

  G_OBJECT_CLASS (pursuit_tray_item_parent_class)->dispose (object);
}

static void
pursuit_tray_item_class_init (PursuitTrayItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = pursuit_tray_item_get_property;
  object_class->set_property = pursuit_tray_item_set_property;
  object_class->dispose = pursuit_tray_item_dispose;
  g_object_class_override_property (object_class, ITEM_PROP_ICON_PIXMAP, "icon-pixmap");
  g_object_class_override_property (object_class, ITEM_PROP_OVERLAY_ICON_PIXMAP, "overlay-icon-pixmap");
  g_object_class_override_property (object_class, ITEM_PROP_ATTENTION_ICON_PIXMAP, "attention-icon-pixmap");
}

static void
pursuit_tray_item_init (PursuitTrayItem *self)
{
}

static GVariant *
new_tooltip (PursuitTray *self)
{
  g_autofree char *text = dup_tooltip (self);

  return g_variant_new ("(s@a(iiay)ss)", ICON_NAME, g_variant_new_array (G_VARIANT_TYPE ("(iiay)"), NULL, 0),
                        _("Pursuit"), text);
}

/* A click on the icon opens the window; the menu does the rest. */
static gboolean
handle_activate (PursuitStatusNotifierItem *item,
                 GDBusMethodInvocation     *invocation,
                 int                        x,
                 int                        y,
                 PursuitTray               *self)
{
  if (self->application != NULL)
    g_application_activate (self->application);
  pursuit_status_notifier_item_complete_activate (item, invocation);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* The context menu is the item's menu, which hosts show themselves. */
static gboolean
handle_other_click (PursuitStatusNotifierItem *item,
                    GDBusMethodInvocation     *invocation,
                    int                        x,
                    int                        y,
                    PursuitTray               *self)
{
  g_dbus_method_invocation_return_value (invocation, NULL);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_scroll (PursuitStatusNotifierItem *item,
               GDBusMethodInvocation     *invocation,
               int                        delta,
               const char                *orientation,
               PursuitTray               *self)
{
  pursuit_status_notifier_item_complete_scroll (item, invocation);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static PursuitTrayItem *
new_item (PursuitTray *self,
          const char  *icon_theme_path)
{
  PursuitTrayItem *item = g_object_new (PURSUIT_TYPE_TRAY_ITEM, NULL);
  PursuitStatusNotifierItem *iface = PURSUIT_STATUS_NOTIFIER_ITEM (item);

  pursuit_status_notifier_item_set_category (iface, "ApplicationStatus");
  pursuit_status_notifier_item_set_id (iface, APPLICATION_ID);
  pursuit_status_notifier_item_set_title (iface, _("Pursuit"));
  pursuit_status_notifier_item_set_window_id (iface, 0);
  pursuit_status_notifier_item_set_icon_name (iface, ICON_NAME);
  pursuit_status_notifier_item_set_icon_theme_path (iface, icon_theme_path);
  pursuit_status_notifier_item_set_overlay_icon_name (iface, "");
  pursuit_status_notifier_item_set_attention_icon_name (iface, "");
  pursuit_status_notifier_item_set_item_is_menu (iface, FALSE);
  pursuit_status_notifier_item_set_menu (iface, MENU_PATH);
  g_signal_connect (item, "handle-activate", G_CALLBACK (handle_activate), self);
  g_signal_connect (item, "handle-context-menu", G_CALLBACK (handle_other_click), self);
  g_signal_connect (item, "handle-secondary-activate", G_CALLBACK (handle_other_click), self);
  g_signal_connect (item, "handle-scroll", G_CALLBACK (handle_scroll), self);
  return item;
}

/* Menu */

/* Labels take "_" for mnemonics; a name's own underscores are doubled. */
static char *
escape_label (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

static int
menu_id_for (PursuitTray     *self,
             PursuitProspect *prospect)
{
  gint64 prospect_id = pursuit_prospect_get_id (prospect);
  gpointer found;

  if (g_hash_table_lookup_extended (self->menu_ids, &prospect_id, NULL, &found))
    return GPOINTER_TO_INT (found);
  if (self->next_menu_id == G_MAXINT32)
    return -1;
  g_hash_table_insert (self->menu_ids, g_memdup2 (&prospect_id, sizeof prospect_id),
                       GINT_TO_POINTER (self->next_menu_id));
  g_hash_table_insert (self->prospect_ids, GINT_TO_POINTER (self->next_menu_id),
                       g_memdup2 (&prospect_id, sizeof prospect_id));
  return self->next_menu_id++;
}

/* The due prospect that menu item @id shows, or NULL. */
static PursuitProspect *
due_for_menu_id (PursuitTray *self,
                 int          id)
{
  const gint64 *prospect_id = g_hash_table_lookup (self->prospect_ids, GINT_TO_POINTER (id));

  for (guint i = 0; prospect_id != NULL && i < self->due->len; i++)
    if (pursuit_prospect_get_id (g_ptr_array_index (self->due, i)) == *prospect_id)
      return g_ptr_array_index (self->due, i);
  return NULL;
}

static GVariant *
item_properties (PursuitTray *self,
                 int          id)
{
  GVariantBuilder props;

  g_variant_builder_init (&props, G_VARIANT_TYPE_VARDICT);
  if (id == ID_ROOT)
    g_variant_builder_add (&props, "{sv}", "children-display", g_variant_new_string ("submenu"));
  else if (id == ID_TODAY)
    /* Translators: the tray menu's item that opens the Today page. */
    g_variant_builder_add (&props, "{sv}", "label", g_variant_new_string (C_("tray", "Today")));
  else if (id == ID_OPEN)
    g_variant_builder_add (&props, "{sv}", "label", g_variant_new_string (_("Open Pursuit")));
  else if (id == ID_QUIT)
    g_variant_builder_add (&props, "{sv}", "label", g_variant_new_string (_("Quit")));
  else if (id == ID_SEPARATOR_1 || id == ID_SEPARATOR_2)
    g_variant_builder_add (&props, "{sv}", "type", g_variant_new_string ("separator"));
  else if (due_for_menu_id (self, id) != NULL)
    {
      g_autofree char *title = pursuit_notifier_dup_title (due_for_menu_id (self, id));
      g_autofree char *label = escape_label (title);

      g_variant_builder_add (&props, "{sv}", "label", g_variant_new_string (label));
    }
  return g_variant_builder_end (&props);
}

static gboolean
id_exists (PursuitTray *self,
           int          id)
{
  return (id >= ID_ROOT && id <= ID_TODAY) || due_for_menu_id (self, id) != NULL;
}

static GVariant *
leaf (PursuitTray *self,
      int          id)
{
  return g_variant_new ("(i@a{sv}@av)", id, item_properties (self, id),
                        g_variant_new_array (G_VARIANT_TYPE_VARIANT, NULL, 0));
}

static GVariant *
layout (PursuitTray *self,
        int          parent)
{
  GVariantBuilder children;

  if (parent != ID_ROOT)
    return leaf (self, parent);

  g_variant_builder_init (&children, G_VARIANT_TYPE ("av"));
  g_variant_builder_add (&children, "v", leaf (self, ID_TODAY));
  g_variant_builder_add (&children, "v", leaf (self, ID_OPEN));
  if (self->due->len > 0)
    {
      g_variant_builder_add (&children, "v", leaf (self, ID_SEPARATOR_1));
      for (guint i = 0; i < self->due->len; i++)
        {
          int id = menu_id_for (self, g_ptr_array_index (self->due, i));

          if (id >= ID_FIRST_DUE)
            g_variant_builder_add (&children, "v", leaf (self, id));
        }
    }
  g_variant_builder_add (&children, "v", leaf (self, ID_SEPARATOR_2));
  g_variant_builder_add (&children, "v", leaf (self, ID_QUIT));
  return g_variant_new ("(i@a{sv}@av)", ID_ROOT, item_properties (self, ID_ROOT), g_variant_builder_end (&children));
}

static void
clicked (PursuitTray *self,
         int          id)
{
  if (self->application == NULL)
    return;
  if (id == ID_TODAY)
    g_action_group_activate_action (G_ACTION_GROUP (self->application), "show-today", NULL);
  else if (id == ID_OPEN)
    g_application_activate (self->application);
  else if (id == ID_QUIT)
    g_action_group_activate_action (G_ACTION_GROUP (self->application), "quit", NULL);
  else if (id >= ID_FIRST_DUE)
    {
      const gint64 *prospect_id = g_hash_table_lookup (self->prospect_ids, GINT_TO_POINTER (id));

      /* The prospect the item showed, due still or not. */
      if (prospect_id != NULL)
        g_action_group_activate_action (G_ACTION_GROUP (self->application), "open-prospect",
                                        g_variant_new_int64 (*prospect_id));
    }
}

static gboolean
handle_get_layout (PursuitDBusMenu       *menu,
                   GDBusMethodInvocation *invocation,
                   int                    parent,
                   int                    depth,
                   const char *const     *property_names,
                   PursuitTray           *self)
{
  if (!id_exists (self, parent))
    parent = ID_ROOT;
  pursuit_dbus_menu_complete_get_layout (menu, invocation, self->revision, layout (self, parent));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_get_group_properties (PursuitDBusMenu       *menu,
                             GDBusMethodInvocation *invocation,
                             GVariant              *ids,
                             const char *const     *property_names,
                             PursuitTray           *self)
{
  GVariantBuilder result;
  GVariantIter iter;
  int id;

  g_variant_builder_init (&result, G_VARIANT_TYPE ("a(ia{sv})"));
  g_variant_iter_init (&iter, ids);
  while (g_variant_iter_next (&iter, "i", &id))
    if (id_exists (self, id))
      g_variant_builder_add (&result, "(i@a{sv})", id, item_properties (self, id));
  pursuit_dbus_menu_complete_get_group_properties (menu, invocation, g_variant_builder_end (&result));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_get_property (PursuitDBusMenu       *menu,
                     GDBusMethodInvocation *invocation,
                     int                    id,
                     const char            *name,
                     PursuitTray           *self)
{
  g_autoptr(GVariant) props = g_variant_ref_sink (item_properties (self, id));
  g_autoptr(GVariant) value = g_variant_lookup_value (props, name, NULL);

  if (value == NULL)
    g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                           "No property %s on item %d", name, id);
  else
    pursuit_dbus_menu_complete_get_property (menu, invocation, g_variant_new_variant (value));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_event (PursuitDBusMenu       *menu,
              GDBusMethodInvocation *invocation,
              int                    id,
              const char            *event_id,
              GVariant              *event_data,
              guint                  timestamp,
              PursuitTray           *self)
{
  pursuit_dbus_menu_complete_event (menu, invocation);
  if (g_str_equal (event_id, "clicked"))
    clicked (self, id);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_event_group (PursuitDBusMenu       *menu,
                    GDBusMethodInvocation *invocation,
                    GVariant              *events,
                    PursuitTray           *self)
{
  GVariantIter iter;
  const char *event_id;
  int id;

  pursuit_dbus_menu_complete_event_group (menu, invocation, g_variant_new_array (G_VARIANT_TYPE_INT32, NULL, 0));
  g_variant_iter_init (&iter, events);
  while (g_variant_iter_next (&iter, "(i&svu)", &id, &event_id, NULL, NULL))
    if (g_str_equal (event_id, "clicked"))
      clicked (self, id);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* The menu is always up to date: nothing to do before it shows. */
static gboolean
handle_about_to_show (PursuitDBusMenu       *menu,
                      GDBusMethodInvocation *invocation,
                      int                    id,
                      PursuitTray           *self)
{
  pursuit_dbus_menu_complete_about_to_show (menu, invocation, FALSE);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_about_to_show_group (PursuitDBusMenu       *menu,
                            GDBusMethodInvocation *invocation,
                            GVariant              *ids,
                            PursuitTray           *self)
{
  pursuit_dbus_menu_complete_about_to_show_group (menu, invocation,
                                                  g_variant_new_array (G_VARIANT_TYPE_INT32, NULL, 0),
                                                  g_variant_new_array (G_VARIANT_TYPE_INT32, NULL, 0));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static PursuitDBusMenu *
new_menu (PursuitTray *self,
          const char  *icon_theme_path)
{
  PursuitDBusMenu *menu = pursuit_dbus_menu_skeleton_new ();
  const char *paths[] = { icon_theme_path[0] != '\0' ? icon_theme_path : NULL, NULL };

  pursuit_dbus_menu_set_version (menu, 3);
  pursuit_dbus_menu_set_text_direction (menu, "ltr");
  pursuit_dbus_menu_set_status (menu, "normal");
  pursuit_dbus_menu_set_icon_theme_path (menu, paths);
  g_signal_connect (menu, "handle-get-layout", G_CALLBACK (handle_get_layout), self);
  g_signal_connect (menu, "handle-get-group-properties", G_CALLBACK (handle_get_group_properties), self);
  g_signal_connect (menu, "handle-get-property", G_CALLBACK (handle_get_property), self);
  g_signal_connect (menu, "handle-event", G_CALLBACK (handle_event), self);
  g_signal_connect (menu, "handle-event-group", G_CALLBACK (handle_event_group), self);
  g_signal_connect (menu, "handle-about-to-show", G_CALLBACK (handle_about_to_show), self);
  g_signal_connect (menu, "handle-about-to-show-group", G_CALLBACK (handle_about_to_show_group), self);
  return menu;
}

/* The tray */

static void
update (PursuitTray *self)
{
  g_autoptr(GPtrArray) due = pursuit_scheduler_list_due (self->scheduler, NULL);
  PursuitStatusNotifierItem *item = PURSUIT_STATUS_NOTIFIER_ITEM (self->item);
  gboolean count_changed = self->n_due != due->len;

  self->n_due = due->len;
  g_ptr_array_set_size (self->due, 0);
  for (guint i = 0; i < due->len && i < PURSUIT_TRAY_MAX_ITEMS; i++)
    {
      g_ptr_array_add (self->due, g_object_ref (g_ptr_array_index (due, i)));
      menu_id_for (self, g_ptr_array_index (due, i));
    }
  self->revision++;
  self->item->count = self->n_due;
  pursuit_status_notifier_item_set_status (item, self->n_due > 0 ? "NeedsAttention" : "Active");
  pursuit_status_notifier_item_set_tool_tip (item, new_tooltip (self));

  /* Signals reach no one until the tray is exported. */
  pursuit_dbus_menu_emit_layout_updated (self->menu, self->revision, ID_ROOT);
  pursuit_status_notifier_item_emit_new_tool_tip (item);
  pursuit_status_notifier_item_emit_new_status (item, pursuit_status_notifier_item_get_status (item));
  if (count_changed)
    {
      pursuit_status_notifier_item_emit_new_overlay_icon (item);
      pursuit_status_notifier_item_emit_new_attention_icon (item);
    }
}

static void
registered_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(GError) error = NULL;

  if (!pursuit_status_notifier_watcher_call_register_status_notifier_item_finish (
        PURSUIT_STATUS_NOTIFIER_WATCHER (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("The status notifier watcher refused the tray icon: %s", error->message);
}

static void
watcher_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PursuitStatusNotifierWatcher) watcher = pursuit_status_notifier_watcher_proxy_new_finish (result, &error);
  PursuitTray *self = data;

  /* Cancelled when the tray is gone: @self is not to be touched. */
  if (watcher == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not reach the status notifier watcher: %s", error->message);
      return;
    }
  pursuit_status_notifier_watcher_call_register_status_notifier_item (watcher, self->bus_name, self->cancellable,
                                                                      registered_cb, NULL);
}

static void
watcher_appeared_cb (GDBusConnection *connection,
                     const char      *name,
                     const char      *owner,
                     gpointer         data)
{
  PursuitTray *self = data;

  /* The watcher that appeared, by its unique name: the proxy needs no
   * call to the bus before the registration. */
  pursuit_status_notifier_watcher_proxy_new (connection,
                                             G_DBUS_PROXY_FLAGS_DO_NOT_LOAD_PROPERTIES
                                             | G_DBUS_PROXY_FLAGS_DO_NOT_CONNECT_SIGNALS
                                             | G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START,
                                             owner, WATCHER_PATH, self->cancellable, watcher_ready_cb, self);
}

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         data)
{
  PursuitTray *self = data;

  self->name_owned = TRUE;
  /* Registered whenever a watcher (a panel that shows tray icons) is on
   * the bus; without one there is simply no icon. */
  if (self->watch_id == 0)
    self->watch_id = g_bus_watch_name_on_connection (connection, WATCHER_NAME, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                     watcher_appeared_cb, NULL, self, NULL);
}

static void
name_lost_cb (GDBusConnection *connection,
              const char      *name,
              gpointer         data)
{
  PursuitTray *self = data;

  if (self->name_owned || connection == NULL)
    g_debug ("The tray icon lost its bus name %s", name);
  else
    g_warning ("Could not own the bus name %s for the tray icon", name);
  self->name_owned = FALSE;
}

static void
export (PursuitTray *self)
{
  static guint serial;
  g_autoptr(GError) error = NULL;

  if (!g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (self->item), self->connection, ITEM_PATH,
                                         &error)
      || !g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (self->menu), self->connection, MENU_PATH,
                                            &error))
    {
      g_warning ("Could not export the tray icon: %s", error->message);
      return;
    }
  /* The name that hosts know the item by, as the specification names it. */
  self->bus_name = g_strdup_printf ("org.kde.StatusNotifierItem-%d-%u", (int) getpid (), ++serial);
  self->own_id = g_bus_own_name_on_connection (self->connection, self->bus_name,
                                               G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE, name_acquired_cb, name_lost_cb,
                                               self, NULL);
}

static void
connected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *connection = g_dbus_connection_new_for_address_finish (result, &error);
  PursuitTray *self = data;

  /* Cancelled when the tray is gone: @self is not to be touched. */
  if (connection == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not connect the tray icon to the session bus: %s", error->message);
      return;
    }
  self->connection = connection;
  export (self);
}

static void
unexport (gpointer skeleton)
{
  if (skeleton != NULL && g_dbus_interface_skeleton_get_connection (skeleton) != NULL)
    g_dbus_interface_skeleton_unexport (skeleton);
}

static void
pursuit_tray_dispose (GObject *object)
{
  PursuitTray *self = PURSUIT_TRAY (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->watch_id, g_bus_unwatch_name);
  g_clear_handle_id (&self->own_id, g_bus_unown_name);
  unexport (self->item);
  unexport (self->menu);
  /* The bus drops the item's name with its connection, and the watcher
   * the item with its name. */
  if (self->connection != NULL)
    g_dbus_connection_close (self->connection, NULL, NULL, NULL);
  if (self->scheduler != NULL)
    g_signal_handlers_disconnect_by_data (self->scheduler, self);
  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (self->item, self);
  if (self->menu != NULL)
    g_signal_handlers_disconnect_by_data (self->menu, self);
  g_clear_object (&self->item);
  g_clear_object (&self->menu);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->connection);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->application);
  g_clear_pointer (&self->due, g_ptr_array_unref);
  g_clear_pointer (&self->menu_ids, g_hash_table_unref);
  g_clear_pointer (&self->prospect_ids, g_hash_table_unref);

  G_OBJECT_CLASS (pursuit_tray_parent_class)->dispose (object);
}

static void
pursuit_tray_finalize (GObject *object)
{
  PursuitTray *self = PURSUIT_TRAY (object);

  g_free (self->bus_name);

  G_OBJECT_CLASS (pursuit_tray_parent_class)->finalize (object);
}

static void
pursuit_tray_class_init (PursuitTrayClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pursuit_tray_dispose;
  G_OBJECT_CLASS (klass)->finalize = pursuit_tray_finalize;
}

static void
pursuit_tray_init (PursuitTray *self)
{
  g_autofree char *icon_theme_path = find_icon_theme_path ();

  self->due = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->menu_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->prospect_ids = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->next_menu_id = ID_FIRST_DUE;
  self->item = new_item (self, icon_theme_path);
  self->menu = new_menu (self, icon_theme_path);
}

PursuitTray *
pursuit_tray_new (GApplication     *application,
                  PursuitScheduler *scheduler)
{
  PursuitTray *self;
  g_autofree char *address = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (PURSUIT_IS_SCHEDULER (scheduler), NULL);

  self = g_object_new (PURSUIT_TYPE_TRAY, NULL);
  g_set_weak_pointer (&self->application, application);
  self->scheduler = g_object_ref (scheduler);
  g_signal_connect_swapped (scheduler, "changed", G_CALLBACK (update), self);
  update (self);

  /* Not on a bus (no unique instance): no tray either. */
  if (g_application_get_dbus_connection (application) == NULL)
    return self;
  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (address == NULL)
    {
      g_warning ("Could not find the session bus for the tray icon: %s", error->message);
      return self;
    }
  g_dbus_connection_new_for_address (address,
                                     G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                     | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                     NULL, self->cancellable, connected_cb, self);
  return self;
}

const char *
pursuit_tray_get_bus_name (PursuitTray *self)
{
  g_return_val_if_fail (PURSUIT_IS_TRAY (self), NULL);

  return self->name_owned ? self->bus_name : NULL;
}
