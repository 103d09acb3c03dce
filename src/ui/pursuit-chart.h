/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * PursuitChartKind:
 * @PURSUIT_CHART_COLUMNS: a histogram, one column per label
 * @PURSUIT_CHART_BARS: horizontal bars, the label on the left
 * @PURSUIT_CHART_CURVE: a curve of shares (0 .. 1) over attempts 1 .. n,
 *   observed shares as dots, an optional break-even line
 */
typedef enum
{
  PURSUIT_CHART_COLUMNS,
  PURSUIT_CHART_BARS,
  PURSUIT_CHART_CURVE,
} PursuitChartKind;

#define PURSUIT_TYPE_CHART (pursuit_chart_get_type ())

G_DECLARE_FINAL_TYPE (PursuitChart, pursuit_chart, PURSUIT, CHART, GtkWidget)

PursuitChart *pursuit_chart_new         (PursuitChartKind    kind);

/* Columns or bars: @values[i] under @labels[i] (both copied). */
void          pursuit_chart_set_bars    (PursuitChart       *self,
                                         const char * const *labels,
                                         const double       *values,
                                         guint               n);

/* The curve: @curve[i] and @observed[i] (NAN: none) for attempt i + 1;
 * @threshold is the break-even share, NAN for none. */
void          pursuit_chart_set_curve   (PursuitChart       *self,
                                         const double       *curve,
                                         const double       *observed,
                                         guint               n,
                                         double              threshold);

/* What the chart shows, in words: its accessible description. */
void          pursuit_chart_set_summary (PursuitChart       *self,
                                         const char         *summary);
const char   *pursuit_chart_get_summary (PursuitChart       *self);

G_END_DECLS
