"""Charts as SVG, drawn by pygal on the server. Each chart's lines come from
`chart_lines`, which the page's table alternative reads too, so the picture and the
table cannot disagree."""

from dataclasses import dataclass

import pygal
from pygal.style import Style

from .enums import Metric

REGION_CHARTS = {
    "learning": (
        "Learning completed per week",
        [Metric.INDUCTIONS_COMPLETED, Metric.MODULES_COMPLETED, Metric.CERTIFICATES_ISSUED],
    ),
    "webinars": (
        "Webinar registrations and attendance per week",
        [Metric.WEBINAR_REGISTRATIONS, Metric.WEBINAR_ATTENDANCES],
    ),
    "forums": (
        "Forum activity per week",
        [Metric.FORUM_THREADS, Metric.FORUM_REPLIES, Metric.FORUM_UNANSWERED],
    ),
}
NATIONAL_CHARTS = {
    "inductions": ("Inductions completed per week, by region", Metric.INDUCTIONS_COMPLETED),
    "attendance": ("Webinar attendances per week, by region", Metric.WEBINAR_ATTENDANCES),
    "replies": ("Forum replies per week, by region", Metric.FORUM_REPLIES),
}
METRIC_LABELS = dict(Metric.choices)

# NHS identity colours, in an order that keeps neighbouring lines distinguishable.
NHS_STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#212b32",
    foreground_strong="#212b32",
    foreground_subtle="#4c6272",
    font_family="Arial, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=14,
    title_font_size=16,
    colors=("#005eb8", "#d5281b", "#007f3b", "#330072", "#ed8b00", "#00a499", "#ae2573"),
)


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    week_labels: list[str]
    lines: list[tuple[str, list[int]]]

    @property
    def rows(self) -> list[tuple[str, list[int]]]:
        """The table alternative: one row a week, one value a line."""
        return [
            (label, [values[n] for _, values in self.lines])
            for n, label in enumerate(self.week_labels)
        ]


def chart_names(*, national: bool) -> list[str]:
    return list(NATIONAL_CHARTS if national else REGION_CHARTS)


def chart_lines(figures, name: str, *, national: bool) -> Chart:
    labels = [f"{monday.day} {monday:%b}" for monday in figures.weeks]
    if national:
        title, metric = NATIONAL_CHARTS[name]
        lines = [(row.name, figures.series_of(row.name, metric)) for row in figures.rows]
    else:
        title, metrics = REGION_CHARTS[name]
        region = figures.rows[0].name
        lines = [(METRIC_LABELS[m], figures.series_of(region, m)) for m in metrics]
    return Chart(name=name, title=title, week_labels=labels, lines=lines)


def chart_svg(chart: Chart) -> str:
    line = pygal.Line(
        style=NHS_STYLE,
        width=900,
        height=420,
        js=[],  # no script from elsewhere; the SVG is shown as an image
        legend_at_bottom=True,
        legend_at_bottom_columns=min(len(chart.lines), 4),
        show_minor_x_labels=len(chart.week_labels) <= 13,
        x_labels_major_every=4 if len(chart.week_labels) > 13 else None,
        x_label_rotation=0,
        min_scale=4,
        include_x_axis=True,
        dots_size=3,
        truncate_legend=-1,
        print_values=False,
        explicit_size=True,  # width and height on the <svg>, so the image has a size
    )
    line.title = chart.title
    line.x_labels = chart.week_labels
    line.x_title = "Week starting"
    for name, values in chart.lines:
        line.add(name, values)
    return line.render(is_unicode=True)
