"""The dashboards: a region's on its host (its coordinators and the national team), and
England's on the hub (the national team). Both read only reporting.selectors."""

from csp.constants import NONE, UNSAFE_INLINE
from csp.decorators import csp
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from learning.accounts.selectors import regions_run_by, user_runs_region
from learning.downloads import csv_download
from learning.regions.selectors import current_region, region_url

from .charts import chart_lines, chart_names, chart_svg
from .enums import Metric
from .forms import PeriodForm
from .selectors import TABLE_METRICS, national_figures, region_figures

METRIC_LABELS = dict(Metric.choices)


def _figures_for(request, *, breakdowns: bool = True):
    """(figures, national?) for the dashboard this person may see on this host, or 404."""
    region = current_region()
    form = PeriodForm(request.GET if "weeks" in request.GET else None)
    weeks = form.chosen_weeks()
    if region is not None:
        if not user_runs_region(request.user, region):
            raise Http404(
                "Only this region's learning coordinators and the national team see its dashboard."
            )
        return form, region_figures(region, weeks=weeks, breakdowns=breakdowns), False
    if not request.user.is_national_team:
        raise Http404("The national dashboard is for the national team.")
    return form, national_figures(weeks=weeks), True


@login_required
def dashboard(request):
    region = current_region()
    if region is None and not request.user.is_national_team:
        regions = list(regions_run_by(request.user))
        if not regions:
            raise Http404("The dashboards are for learning coordinators and the national team.")
        return render(
            request,
            "reporting/choose_region.html",
            {"regions": [(r, region_url(r.slug) + request.path) for r in regions]},
        )
    form, figures, national = _figures_for(request)
    charts = [
        chart_lines(figures, name, national=national) for name in chart_names(national=national)
    ]
    return render(
        request,
        "reporting/dashboard.html",
        {
            "form": form,
            "figures": figures,
            "national": national,
            "region": region,
            "charts": charts,
            "table_headings": [METRIC_LABELS[m] for m in TABLE_METRICS],
            "weeks_query": request.GET.urlencode(),
        },
        status=400 if form.errors else 200,
    )


# The SVG is shown with <img>, so it can run nothing; pygal styles it with an inline
# <style>, which this response alone allows.
@csp({"default-src": [NONE], "style-src": [UNSAFE_INLINE]})
@login_required
def chart(request, name: str):
    _, figures, national = _figures_for(request, breakdowns=False)
    if name not in chart_names(national=national):
        raise Http404("There is no chart of that name.")
    response = HttpResponse(
        chart_svg(chart_lines(figures, name, national=national)), content_type="image/svg+xml"
    )
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
def export(request):
    """The dashboard's figures as a CSV: weekly figures, then the period's totals by
    region (national) or by CCG and cohort (a region's)."""
    asked = request.GET.get("region", "")
    region = current_region()
    if asked and (region is None or asked != region.slug):
        return render(
            request,
            "reporting/export_refused.html",
            {"asked": asked, "region": region},
            status=403 if region is not None else 404,
        )
    _, figures, national = _figures_for(request)
    rows = [["Section", "Name", "Figure", "Week starting", "Value"]]
    for row in figures.rows:
        for metric in Metric:
            for monday, value in zip(
                figures.weeks, figures.series_of(row.name, metric), strict=True
            ):
                rows.append(["Weekly", row.name, METRIC_LABELS[metric], monday.isoformat(), value])
    sections = (
        [("Total", figures.rows)]
        if national
        else [("By CCG", figures.ccg_rows), ("By cohort", figures.cohort_rows)]
    )
    for section, section_rows in sections:
        for row in section_rows:
            for metric, value in zip(TABLE_METRICS, row.cells(), strict=True):
                rows.append([section, row.name, METRIC_LABELS[metric], "", value])
    name = "england" if national else region.slug
    weeks = len(figures.weeks)
    return csv_download(rows, filename=f"figures-{name}-{weeks}-weeks.csv")
