/* rd-coverage-page.c — pipeline coverage, this quarter and next
 *
 * Copyright 2026 The Revdeck developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-coverage-page.h"
#include "rd-coverage-quarter.h"
#include "rd-format.h"
#include "rd-summary-view.h"

struct _RdCoveragePage
{
  GtkWidget          parent_instance;

  GtkLabel          *context_label;
  RdCoverageQuarter *current_quarter;
  RdCoverageQuarter *next_quarter;
};

static void summary_view_iface_init (RdSummaryViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdCoveragePage, rd_coverage_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (RD_TYPE_SUMMARY_VIEW, summary_view_iface_init))

static void
rd_coverage_page_set_summary (RdSummaryView   *view,
                              const RdSummary *summary)
{
  RdCoveragePage *self = RD_COVERAGE_PAGE (view);
  g_autofree char *target = NULL;
  g_autofree char *context = NULL;

  if (summary == NULL)
    {
      rd_coverage_quarter_set_figures (self->current_quarter, NULL, NULL, NULL);
      rd_coverage_quarter_set_figures (self->next_quarter, NULL, NULL, NULL);
      return;
    }

  target = rd_format_multiple ((RdRatio) { summary->coverage.current.target, TRUE });
  context = g_strdup_printf (_("Qualified pipeline against the part of the quota not yet won, with a target of %s. "
                               "A deal counts in its own forecast category if it has one, else in its stage’s."),
                             target);
  gtk_label_set_text (self->context_label, context);

  rd_coverage_quarter_set_figures (self->current_quarter, _("This Quarter"),
                                   &summary->coverage.current, summary->overview.currency);
  rd_coverage_quarter_set_figures (self->next_quarter, _("Next Quarter"),
                                   &summary->coverage.next, summary->overview.currency);
}

static void
summary_view_iface_init (RdSummaryViewInterface *iface)
{
  iface->set_summary = rd_coverage_page_set_summary;
}

static void
rd_coverage_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_COVERAGE_PAGE);
  /* The template's top widget has no id, so it is not disposed with it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (rd_coverage_page_parent_class)->dispose (object);
}

static void
rd_coverage_page_class_init (RdCoveragePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rd_coverage_page_dispose;

  g_type_ensure (RD_TYPE_COVERAGE_QUARTER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/revdeck/Revdeck/ui/rd-coverage-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdCoveragePage, context_label);
  gtk_widget_class_bind_template_child (widget_class, RdCoveragePage, current_quarter);
  gtk_widget_class_bind_template_child (widget_class, RdCoveragePage, next_quarter);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rd_coverage_page_init (RdCoveragePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
