"""Searching published content from the header (Wagtail search on PostgreSQL)."""

import datetime

import pytest

from induction.models import GuideChapterPage, ReferenceGuidePage
from learning.accounts.tests.factories import UserFactory
from learning.home.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide():
    guide = HomePage.objects.get().add_child(
        instance=ReferenceGuidePage(title="Reference Guide", slug="reference-guide")
    )
    for n, (title, text) in enumerate(
        [
            ("Safeguarding", "Raise a safeguarding concern with your supervisor the same day."),
            ("Recording outcomes", "Use the outcomes framework to record what changed."),
            ("Draft chapter", "Unreviewed safeguarding wording."),
        ]
    ):
        guide.add_child(
            instance=GuideChapterPage(
                title=title,
                slug=f"chapter-{n}",
                summary=f"Summary of {title.lower()}.",
                body=[{"type": "paragraph", "value": f"<p>{text}</p>"}],
                last_reviewed=datetime.date(2026, 1, 1),
                next_review_due=datetime.date(2027, 1, 1),
            )
        )
    GuideChapterPage.objects.get(title="Draft chapter").unpublish()
    return guide


@pytest.fixture
def member(client_for):
    return client_for(None, UserFactory())


def test_search_finds_published_pages_by_their_body_text(guide, member):
    html = member.get("/search/", {"q": "safeguarding concern"}).content.decode()
    assert "1 result for" in html
    assert "Safeguarding</a>" in html
    assert "Summary of safeguarding." in html
    assert "Reference Guide" in html  # where the result sits


def test_unpublished_pages_are_never_found(guide, member):
    html = member.get("/search/", {"q": "unreviewed"}).content.decode()
    assert "No results for" in html
    assert "Draft chapter" not in html


def test_the_header_has_a_search_box_for_members_only(member, client_for):
    assert 'action="/search/"' in member.get("/").content.decode()
    assert 'action="/search/"' not in client_for().get("/").content.decode()


def test_search_is_for_signed_in_members(guide, client_for):
    response = client_for().get("/search/", {"q": "safeguarding"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("query", ["", "   ", "\x00safeguarding", "x" * 5000, "'; DROP TABLE"])
def test_odd_queries_get_a_page_not_an_error(guide, member, query):
    response = member.get("/search/", {"q": query})
    assert response.status_code == 200


def test_results_are_paginated(guide, member):
    for n in range(12):
        guide.add_child(
            instance=GuideChapterPage(
                title=f"Outcomes appendix {n}",
                slug=f"appendix-{n}",
                body=[{"type": "paragraph", "value": "<p>Outcomes data tables.</p>"}],
                last_reviewed=datetime.date(2026, 1, 1),
                next_review_due=datetime.date(2027, 1, 1),
            )
        )
    first = member.get("/search/", {"q": "outcomes"}).content.decode()
    assert "13 results for" in first
    assert "Page 1 of 2" not in first and "Page 2 of 2" in first
    second = member.get("/search/", {"q": "outcomes", "page": 2}).content.decode()
    assert second.count('class="nhsuk-heading-s') == 3
