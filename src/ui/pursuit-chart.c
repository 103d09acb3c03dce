/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pursuit-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "pursuit-chart.h"

/* A small chart drawn with cairo. It has no children and nothing to lay
 * out, so no template; what it shows is also its accessible description,
 * since a picture says nothing to a screen reader. */

struct _PursuitChart
{
  GtkWidget        parent_instance;

  PursuitChartKind kind;
  GStrv            labels;
  GArray          *values;    /* double */
  GArray          *observed;  /* double, curves only */
  double           threshold;
  char            *summary;
};

G_DEFINE_FINAL_TYPE (PursuitChart, pursuit_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define ROW_HEIGHT   26
#define LABEL_HEIGHT 18
#define PAD          6

static const GdkRGBA accent = { 0.208, 0.518, 0.894, 1.0 };    /* #3584e4 */
static const GdkRGBA warning = { 0.878, 0.106, 0.141, 1.0 };   /* #e01b24 */

static double
max_value (PursuitChart *self)
{
  double max = 0;

  for (guint i = 0; i < self->values->len; i++)
    max = MAX (max, g_array_index (self->values, double, i));
  for (guint i = 0; self->observed != NULL && i < self->observed->len; i++)
    if (!isnan (g_array_index (self->observed, double, i)))
      max = MAX (max, g_array_index (self->observed, double, i));
  if (!isnan (self->threshold))
    max = MAX (max, self->threshold);
  return max;
}

/* Text in the widget's font and colour, @align 0 left, 0.5 centred, 1 right of @x. */
static void
draw_text (PursuitChart *self,
           cairo_t      *cr,
           const char   *text,
           double        x,
           double        y,
           double        align,
           double        max_width)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoFontDescription *font = pango_font_description_from_string ("9");
  int width, height;

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, x - align * width, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_columns (PursuitChart *self,
              cairo_t      *cr,
              double        width,
              double        height,
              const GdkRGBA *fg)
{
  guint n = self->values->len;
  double max = max_value (self);
  double plot = height - LABEL_HEIGHT - LABEL_HEIGHT;
  double slot = n > 0 ? width / n : width;

  for (guint i = 0; i < n; i++)
    {
      double value = g_array_index (self->values, double, i);
      double h = max > 0 ? plot * value / max : 0;
      double x = i * slot + slot * 0.12;
      g_autofree char *count = g_strdup_printf ("%g", value);

      gdk_cairo_set_source_rgba (cr, &accent);
      cairo_rectangle (cr, x, LABEL_HEIGHT + plot - h, slot * 0.76, MAX (h, value > 0 ? 1 : 0));
      cairo_fill (cr);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, fg->alpha);
      if (value > 0)
        draw_text (self, cr, count, x + slot * 0.38, LABEL_HEIGHT + plot - h - LABEL_HEIGHT + 2, 0.5, 0);
      if (self->labels != NULL && self->labels[i] != NULL)
        draw_text (self, cr, self->labels[i], x + slot * 0.38, height - LABEL_HEIGHT + 2, 0.5, 0);
    }
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.3 * fg->alpha);
  cairo_rectangle (cr, 0, LABEL_HEIGHT + plot, width, 1);
  cairo_fill (cr);
}

static void
draw_bars (PursuitChart  *self,
           cairo_t       *cr,
           double         width,
           double         height,
           const GdkRGBA *fg)
{
  double max = max_value (self);
  double label_width = MIN (width * 0.42, 220);
  double bar_space = width - label_width - 2 * PAD - 40;

  for (guint i = 0; i < self->values->len; i++)
    {
      double value = g_array_index (self->values, double, i);
      double w = max > 0 ? bar_space * value / max : 0;
      double y = i * ROW_HEIGHT;
      g_autofree char *count = g_strdup_printf ("%g", value);

      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, fg->alpha);
      if (self->labels != NULL && self->labels[i] != NULL)
        draw_text (self, cr, self->labels[i], 0, y + 4, 0, label_width);
      draw_text (self, cr, count, label_width + PAD + w + PAD, y + 4, 0, 0);
      gdk_cairo_set_source_rgba (cr, &accent);
      cairo_rectangle (cr, label_width + PAD, y + 4, MAX (w, 1), ROW_HEIGHT - 8);
      cairo_fill (cr);
    }
}

static void
draw_curve (PursuitChart  *self,
            cairo_t       *cr,
            double         width,
            double         height,
            const GdkRGBA *fg)
{
  guint n = self->values->len;
  double max = MAX (max_value (self) * 1.1, 0.05);
  double left = 34, top = 6;
  double plot_w = width - left - 3 * PAD, plot_h = height - top - LABEL_HEIGHT - 2;
  g_autofree char *top_label = g_strdup_printf ("%.0f%%", max * 100);

  if (n == 0)
    return;
#define X(i) (left + (n > 1 ? plot_w * (i) / (n - 1) : plot_w / 2))
#define Y(v) (top + plot_h - plot_h * (v) / max)

  /* Axes and their labels. */
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.3 * fg->alpha);
  cairo_rectangle (cr, left, top + plot_h, plot_w, 1);
  cairo_rectangle (cr, left, top, 1, plot_h);
  cairo_fill (cr);
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, fg->alpha);
  draw_text (self, cr, top_label, left - 4, top - 2, 1, 0);
  draw_text (self, cr, "0%", left - 4, top + plot_h - 12, 1, 0);
  for (guint i = 0; i < n; i++)
    if (i == 0 || (i + 1) % 5 == 0)
      {
        g_autofree char *tick = g_strdup_printf ("%u", i + 1);
        draw_text (self, cr, tick, X (i), top + plot_h + 3, 0.5, 0);
      }

  /* The break-even line: attempts whose curve is below it cost more than
   * they bring. */
  if (!isnan (self->threshold) && self->threshold <= max)
    {
      const double dash[] = { 5, 4 };

      gdk_cairo_set_source_rgba (cr, &warning);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_move_to (cr, left, Y (self->threshold));
      cairo_line_to (cr, left + plot_w, Y (self->threshold));
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      draw_text (self, cr, _("break-even"), left + plot_w, MAX (Y (self->threshold) - LABEL_HEIGHT, top), 1, 0);
    }

  for (guint i = 0; self->observed != NULL && i < self->observed->len; i++)
    {
      double v = g_array_index (self->observed, double, i);

      if (isnan (v))
        continue;
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.45 * fg->alpha);
      cairo_arc (cr, X (i), Y (v), 3, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  gdk_cairo_set_source_rgba (cr, &accent);
  cairo_set_line_width (cr, 2.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < n; i++)
    {
      double v = g_array_index (self->values, double, i);

      if (i == 0)
        cairo_move_to (cr, X (i), Y (v));
      else
        cairo_line_to (cr, X (i), Y (v));
    }
  cairo_stroke (cr);
#undef X
#undef Y
}

static void
pursuit_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  PursuitChart *self = PURSUIT_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  GdkRGBA fg;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || self->values->len == 0)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  switch (self->kind)
    {
    case PURSUIT_CHART_BARS:
      draw_bars (self, cr, width, height, &fg);
      break;
    case PURSUIT_CHART_CURVE:
      draw_curve (self, cr, width, height, &fg);
      break;
    case PURSUIT_CHART_COLUMNS:
    default:
      draw_columns (self, cr, width, height, &fg);
      break;
    }
  cairo_destroy (cr);
}

static void
pursuit_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  PursuitChart *self = PURSUIT_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 360;
    }
  else if (self->kind == PURSUIT_CHART_BARS)
    *minimum = *natural = MAX (self->values->len, 1) * ROW_HEIGHT;
  else
    *minimum = *natural = 150;
}

static void
pursuit_chart_finalize (GObject *object)
{
  PursuitChart *self = PURSUIT_CHART (object);

  g_strfreev (self->labels);
  g_array_unref (self->values);
  g_clear_pointer (&self->observed, g_array_unref);
  g_free (self->summary);

  G_OBJECT_CLASS (pursuit_chart_parent_class)->finalize (object);
}

static void
pursuit_chart_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PursuitChart *self = PURSUIT_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_uint (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pursuit_chart_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PursuitChart *self = PURSUIT_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      if (self->kind != g_value_get_uint (value))
        {
          self->kind = g_value_get_uint (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pursuit_chart_class_init (PursuitChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pursuit_chart_finalize;
  object_class->get_property = pursuit_chart_get_property;
  object_class->set_property = pursuit_chart_set_property;
  widget_class->snapshot = pursuit_chart_snapshot;
  widget_class->measure = pursuit_chart_measure;

  /* A PursuitChartKind (a plain uint: the enum types are generated for
   * core/ only). */
  properties[PROP_KIND] = g_param_spec_uint ("kind", NULL, NULL, PURSUIT_CHART_COLUMNS, PURSUIT_CHART_CURVE,
                                             PURSUIT_CHART_COLUMNS,
                                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pursuit_chart_init (PursuitChart *self)
{
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  self->threshold = NAN;
}

PursuitChart *
pursuit_chart_new (PursuitChartKind kind)
{
  return g_object_new (PURSUIT_TYPE_CHART, "kind", (guint) kind, NULL);
}

void
pursuit_chart_set_bars (PursuitChart       *self,
                        const char * const *labels,
                        const double       *values,
                        guint               n)
{
  g_return_if_fail (PURSUIT_IS_CHART (self));
  g_return_if_fail (values != NULL || n == 0);

  g_strfreev (self->labels);
  self->labels = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    self->labels[i] = g_strdup (labels != NULL && labels[i] != NULL ? labels[i] : "");
  g_array_set_size (self->values, 0);
  g_array_append_vals (self->values, values, n);
  g_clear_pointer (&self->observed, g_array_unref);
  self->threshold = NAN;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
pursuit_chart_set_curve (PursuitChart *self,
                         const double *curve,
                         const double *observed,
                         guint         n,
                         double        threshold)
{
  g_return_if_fail (PURSUIT_IS_CHART (self));
  g_return_if_fail (curve != NULL || n == 0);

  g_clear_pointer (&self->labels, g_strfreev);
  g_array_set_size (self->values, 0);
  g_array_append_vals (self->values, curve, n);
  g_clear_pointer (&self->observed, g_array_unref);
  if (observed != NULL)
    {
      self->observed = g_array_new (FALSE, FALSE, sizeof (double));
      g_array_append_vals (self->observed, observed, n);
    }
  self->threshold = threshold;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pursuit_chart_set_summary (PursuitChart *self,
                           const char   *summary)
{
  g_return_if_fail (PURSUIT_IS_CHART (self));

  if (g_strcmp0 (self->summary, summary) == 0)
    return;
  g_free (self->summary);
  self->summary = g_strdup (summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  summary != NULL ? summary : "", -1);
}

const char *
pursuit_chart_get_summary (PursuitChart *self)
{
  g_return_val_if_fail (PURSUIT_IS_CHART (self), NULL);

  return self->summary;
}
