"""The Reference Guide (chapters, contents, previous/next, review dates, one PDF)
and the Summary Guide with its Common Outcomes Framework."""

import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from induction.enums import OutcomeAudience
from induction.models import GuideChapterPage, ReferenceGuidePage, SummaryGuidePage
from learning.accounts.tests.factories import UserFactory
from learning.home.models import HomePage

pytestmark = pytest.mark.django_db


# Worked out from today when a page is made, so the guide is never overdue by the
# calendar alone (a date written down as "next year" falls due one day).
def reviewed() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=270)


def due() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=95)


def paragraph(text: str) -> list:
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


@pytest.fixture
def guide():
    guide = HomePage.objects.get().add_child(
        instance=ReferenceGuidePage(
            title="Reference Guide", slug="reference-guide", intro="<p>For PCNs.</p>"
        )
    )
    for title, text in [
        ("The link worker role", "Link workers give people time."),
        ("Supervision", "Every link worker has a named GP supervisor."),
        ("Gathering evidence", "Record what matters to the person."),
    ]:
        guide.add_child(
            instance=GuideChapterPage(
                title=title,
                slug=title.lower().replace(" ", "-"),
                summary=f"About {title.lower()}.",
                body=paragraph(text),
                last_reviewed=reviewed(),
                next_review_due=due(),
            )
        )
    return guide


def chapter(title) -> GuideChapterPage:
    return GuideChapterPage.objects.get(title=title)


def neighbours(html: str) -> list[str]:
    """The chapter titles in the previous/next navigation, in order."""
    return re.findall(r'<span class="nhsuk-pagination__page">([^<]+)</span>', html)


@pytest.fixture
def reader(client_for):
    return client_for(None, UserFactory())


def test_the_guide_lists_its_chapters_in_order(guide, reader):
    html = reader.get(guide.url).content.decode()
    positions = [html.index(t) for t in ("The link worker role", "Supervision", "Gathering")]
    assert positions == sorted(positions)
    assert "Download the whole guide (PDF)" in html


@pytest.mark.clock
def test_a_chapter_has_contents_previous_next_and_review_dates(guide, reader):
    html = reader.get(chapter("Supervision").url).content.decode()
    assert "Every link worker has a named GP supervisor." in html
    assert 'aria-current="page"><span class="nhsuk-contents-list__current">Supervision' in html
    assert f'href="{chapter("The link worker role").url}"' in html
    assert neighbours(html) == ["The link worker role", "Gathering evidence"]
    assert f"Page last reviewed: {reviewed():%-d %B %Y}" in html
    assert f"Next review due: {due():%-d %B %Y}" in html
    assert "Review overdue" not in html


def test_the_first_and_last_chapters_have_one_neighbour(guide, reader):
    first = reader.get(chapter("The link worker role").url).content.decode()
    last = reader.get(chapter("Gathering evidence").url).content.decode()
    assert "nhsuk-pagination__link--prev" not in first and "nhsuk-pagination__link--next" in first
    assert "nhsuk-pagination__link--next" not in last and "nhsuk-pagination__link--prev" in last


def test_an_unpublished_chapter_leaves_the_contents_and_the_navigation(guide, reader):
    chapter("Supervision").unpublish()
    html = reader.get(chapter("The link worker role").url).content.decode()
    assert "Supervision" not in html
    assert neighbours(html) == ["Gathering evidence"]


def test_an_overdue_review_is_flagged(guide, reader):
    page = chapter("Supervision")
    page.last_reviewed = datetime.date(2020, 1, 1)
    page.next_review_due = datetime.date(2021, 1, 1)
    page.save_revision().publish()
    assert "Review overdue" in reader.get(page.url).content.decode()


def test_the_next_review_must_follow_the_last(guide):
    page = chapter("Supervision")
    page.next_review_due = page.last_reviewed
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "The next review must be after the last review." in str(error.value)


def test_the_guides_are_for_signed_in_members(guide, client_for):
    visitor = client_for()
    for path in (guide.url, chapter("Supervision").url, guide.url + "download/"):
        response = visitor.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_the_whole_guide_downloads_as_one_pdf_that_follows_edits(guide, reader):
    response = reader.get(guide.url + "download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="reference-guide.pdf"'
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    for title in ("The link worker role", "Supervision", "Gathering evidence"):
        assert title in text
    assert "Every link worker has a named GP supervisor." in text

    page = chapter("Supervision")
    page.title = "Supervision and support"
    page.save_revision().publish()
    again = reader.get(guide.url + "download/")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(again.content)).pages)
    assert "Supervision and support" in text


def test_a_chapter_page_runs_a_bounded_number_of_queries(
    guide, reader, queries_for, django_assert_max_num_queries
):
    page = chapter("Supervision")
    reader.get(page.url)  # warm the site cache
    few = queries_for(lambda: reader.get(page.url))
    for n in range(10):
        guide.add_child(
            instance=GuideChapterPage(
                title=f"Appendix {n}",
                slug=f"appendix-{n}",
                body=paragraph("More."),
                last_reviewed=reviewed(),
                next_review_due=due(),
            )
        )
    # Wagtail's routing (a query a level, and content types, which django-tenants
    # forgets on every request), then one query for the contents and neighbours.
    with django_assert_max_num_queries(18):
        html = reader.get(page.url).content.decode()
    assert "Appendix 9" in html
    assert queries_for(lambda: reader.get(page.url)) == few


def outcomes(*audiences) -> list:
    return [
        {
            "type": "audience",
            "value": {
                "audience": audience,
                "introduction": f"What changes for {audience}.",
                "outcomes": [{"outcome": f"Outcome for {audience}", "how_it_shows": "Feedback."}],
            },
        }
        for audience in audiences
    ]


def summary_guide(framework) -> SummaryGuidePage:
    return SummaryGuidePage(
        title="Summary Guide",
        slug="summary-guide",
        intro="<p>The model at a glance.</p>",
        outcomes_framework=framework,
        last_reviewed=reviewed(),
        next_review_due=due(),
    )


def test_the_summary_guide_sets_out_outcomes_for_its_three_audiences(reader):
    page = HomePage.objects.get().add_child(
        instance=summary_guide(outcomes(*OutcomeAudience.values))
    )
    html = reader.get(page.url).content.decode()
    assert "Common Outcomes Framework" in html
    for heading in (
        "Outcomes for the person",
        "Outcomes for the local system",
        "Outcomes for community groups",
    ):
        assert heading in html
    assert "Outcome for community_groups" in html


@pytest.mark.parametrize(
    "audiences",
    [
        ["person", "local_system"],
        ["person", "local_system", "community_groups", "person"],
    ],
)
def test_the_framework_needs_each_audience_once(audiences):
    page = summary_guide(outcomes(*audiences))
    page.path, page.depth = "00010001ZZZZ", 3  # full_clean needs tree fields
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "Set out the outcomes once for each audience" in str(error.value)


def test_the_home_page_and_the_guide_lead_to_the_summary_guide(guide, reader, client_for):
    summary = HomePage.objects.get().add_child(
        instance=summary_guide(outcomes(*OutcomeAudience.values))
    )
    home = reader.get("/").content.decode()
    assert f'href="{summary.url}">Summary Guide</a>' in home
    assert f'href="{guide.url}">Reference Guide</a>' in home
    assert f'<a href="{summary.url}">Summary Guide</a>' in reader.get(guide.url).content.decode()
    assert "Summary Guide" not in client_for().get("/").content.decode()
