"""The demo learning content: what `make run` publishes for a new link worker to use."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from demo.content import induction_pack, publish, reference_guide, summary_guide
from demo.content.publish import seed_learning_content
from induction.enums import OutcomeAudience, StepKind
from induction.models import (
    GuideChapterPage,
    InductionPackPage,
    InductionStepPage,
    ReferenceGuidePage,
    SummaryGuidePage,
)
from induction.selectors import induction_task_list
from learning.accounts.tests.factories import UserFactory
from learning.home.models import HomePage

LEARNING_PAGE_TYPES = (InductionPackPage, ReferenceGuidePage, SummaryGuidePage)


@pytest.fixture
def home(db):
    """The home page with none of the learning content yet (whatever the session seeded)."""
    for page_type in LEARNING_PAGE_TYPES:
        for page in page_type.objects.all():
            page.delete()
    return HomePage.objects.get()


@pytest.fixture
def seeded(home):
    seed_learning_content(home)
    return home


def learning_pages():
    pages = Page.objects.none()
    for page_type in LEARNING_PAGE_TYPES:
        for root in page_type.objects.all():
            pages |= Page.objects.descendant_of(root, inclusive=True)
    return pages


def test_a_new_link_worker_gets_an_induction_task_list_to_work_through(seeded, client_for):
    worker = UserFactory()
    pack = InductionPackPage.objects.get()
    assert (pack.title, pack.slug, pack.get_parent().pk) == (
        "Your induction",
        "induction",
        seeded.pk,
    )

    task_list = induction_task_list(user=worker, pack=pack)
    steps = [item.step for section in task_list.sections for item in section.items]
    assert len(task_list.sections) >= 4
    assert all(section.items for section in task_list.sections)
    assert len(steps) >= 12
    assert task_list.required_total >= 10
    assert task_list.required_total < len(steps), "one or two steps are optional"
    assert {step.kind for step in steps} == set(StepKind.values)
    [webinar_step] = [step for step in steps if step.kind == StepKind.WEBINAR]
    assert webinar_step.webinar_series.slug == "welcome-webinar"
    assert sum(step.kind == StepKind.REFLECTION for step in steps) >= 2
    signed_off = [step for step in steps if step.needs_sign_off]
    assert len(signed_off) >= 3
    assert all(step.kind == StepKind.OFFLINE for step in signed_off)
    assert all(step.summary and len(step.summary) <= 300 for step in steps)

    client = client_for(None, worker)
    page = client.get(pack.url)
    assert page.status_code == 200
    required = task_list.required_total
    assert f"You have completed 0 of {required} required steps." in page.content.decode()
    for step in steps:
        response = client.get(step.url)
        assert response.status_code == 200, step.title
        assert step.body.render_as_block().strip(), step.title


def test_the_induction_covers_what_a_link_worker_needs_in_their_first_weeks(seeded):
    text = " ".join(
        f"{step.title} {step.summary} {step.body.render_as_block()}"
        for step in InductionStepPage.objects.live()
    ).lower()
    for topic in (
        "long-term condition",
        "lonely",
        "refer themselves",
        "what matters to me",
        "vcse",
        "clinical supervisor",
        "wellbeing",
        "safeguarding",
        "outcomes",
    ):
        assert topic in text, topic


def test_reflection_steps_give_prompts_and_offline_steps_say_what_to_do(seeded):
    for step in InductionStepPage.objects.filter(kind=StepKind.REFLECTION):
        assert "?" in step.body.render_as_block(), step.title
    for step in InductionStepPage.objects.filter(kind=StepKind.OFFLINE):
        html = str(step.body.render_as_block())
        assert "<ol>" in html or "<ul>" in html, step.title


def test_the_reference_guide_has_reviewed_chapters_with_substantial_bodies(seeded, client_for):
    guide = ReferenceGuidePage.objects.get()
    assert (guide.title, guide.slug) == (
        "Reference Guide for primary care networks",
        "reference-guide",
    )
    assert guide.intro
    chapters = list(guide.chapters())
    assert len(chapters) >= 6
    for chapter in chapters:
        assert chapter.live and chapter.summary and len(chapter.summary) <= 300
        # In date on the day the demo was seeded, whatever day that is.
        seeded_on = timezone.localdate(chapter.first_published_at)
        assert chapter.last_reviewed <= seeded_on < chapter.next_review_due
        html = str(chapter.body.render_as_block())
        words = len(re.sub(r"<[^>]+>", " ", html).split())
        assert words >= 300, f"{chapter.title}: {words} words"
        assert len(chapter.body) >= 3, chapter.title

    client = client_for(None, UserFactory())
    contents = client.get(guide.url)
    assert contents.status_code == 200
    for chapter in chapters:
        assert chapter.title in contents.content.decode()
        assert client.get(chapter.url).status_code == 200, chapter.title


def test_the_summary_guide_sets_out_outcomes_for_all_three_audiences(seeded, client_for):
    guide = SummaryGuidePage.objects.get()
    assert (guide.title, guide.slug) == ("Summary Guide", "summary-guide")
    assert guide.intro and guide.outcomes_intro
    assert str(guide.body.render_as_block()).strip()
    assert guide.last_reviewed <= timezone.localdate(guide.first_published_at)
    assert guide.last_reviewed < guide.next_review_due
    audiences = [block.value["audience"] for block in guide.outcomes_framework]
    assert sorted(audiences) == sorted(OutcomeAudience.values)
    for block in guide.outcomes_framework:
        assert block.value["introduction"]
        assert len(block.value["outcomes"]) >= 3
        assert all(outcome["how_it_shows"] for outcome in block.value["outcomes"])

    page = client_for(None, UserFactory()).get(guide.url)
    assert page.status_code == 200
    html = page.content.decode()
    for block in guide.outcomes_framework:
        for outcome in block.value["outcomes"]:
            assert outcome["outcome"] in html


def test_every_page_is_live_with_its_published_revision_in_its_history(seeded):
    pages = learning_pages()
    assert pages.count() >= 1 + 4 + 12 + 1 + 6 + 1
    for page in pages:
        assert page.live, page.title
        assert page.latest_revision_id is not None, page.title
        assert page.live_revision_id == page.latest_revision_id, page.title
        assert not page.has_unpublished_changes, page.title
        history = PageLogEntry.objects.filter(page=page).order_by("timestamp", "pk")
        assert [entry.action for entry in history] == ["wagtail.create", "wagtail.publish"]


def test_seeding_again_changes_nothing(seeded):
    pages = {page.pk: page.latest_revision_id for page in learning_pages()}
    seed_learning_content(HomePage.objects.get())
    assert {page.pk: page.latest_revision_id for page in learning_pages()} == pages
    for page_type in LEARNING_PAGE_TYPES:
        assert page_type.objects.count() == 1
    assert GuideChapterPage.objects.count() == len(reference_guide.REFERENCE_GUIDE["chapters"])


def test_content_an_editor_changed_is_not_overwritten(seeded):
    chapter = GuideChapterPage.objects.first()
    chapter.title = "Edited by the national team"
    chapter.save_revision().publish()
    seed_learning_content(HomePage.objects.get())
    assert GuideChapterPage.objects.filter(title="Edited by the national team").exists()


def all_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from all_strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from all_strings(item)


@pytest.mark.parametrize(
    "content",
    [
        induction_pack.INDUCTION_PACK,
        reference_guide.REFERENCE_GUIDE,
        summary_guide.SUMMARY_GUIDE,
    ],
    ids=["induction pack", "reference guide", "summary guide"],
)
def test_no_placeholder_text(content):
    for text in all_strings(content):
        assert not re.search(r"lorem|ipsum|placeholder|\btodo\b|\btbc\b|xxx", text, re.I), text


def bad_pack(step_changes):
    step = {
        "title": "A step",
        "slug": "a-step",
        "kind": StepKind.READ,
        "summary": "A step.",
        "body": [{"type": "paragraph", "value": "<p>Read this.</p>"}],
    }
    return {
        "title": "Your induction",
        "slug": "induction",
        "intro": "",
        "sections": [
            {
                "title": "A section",
                "slug": "a-section",
                "summary": "",
                "steps": [step | step_changes],
            }
        ],
    }


@pytest.mark.parametrize(
    "step_changes",
    [
        {"needs_sign_off": True},  # only offline tasks can need sign-off
        {"body": [{"type": "paragraf", "value": "<p>Read this.</p>"}]},  # unknown block type
        {"body": [{"type": "inset_text", "value": {"bdy": "<p>Read this.</p>"}}]},  # unknown field
        {
            "body": [
                {
                    "type": "warning_callout",
                    "value": {"title": "Careful", "heading_level": 9, "body": "<p>x</p>"},
                }
            ]
        },
        {"summary": "x" * 301},
    ],
    ids=["sign-off on a read step", "block type", "struct field", "heading level", "summary"],
)
def test_invalid_content_is_refused_and_nothing_is_published(home, monkeypatch, step_changes):
    monkeypatch.setattr(publish, "INDUCTION_PACK", bad_pack(step_changes))
    with pytest.raises(ValidationError):
        seed_learning_content(home)
    assert not InductionPackPage.objects.exists()
    assert not InductionStepPage.objects.exists()


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        # Still in date: the authored dates stand.
        ("2027-10-31", ("2026-11-02", "2027-11-01")),
        # Due today or past it: moved on a whole year at a time.
        ("2027-11-01", ("2027-11-02", "2028-11-01")),
        ("2030-06-15", ("2029-11-02", "2030-11-01")),
    ],
)
def test_a_fresh_demo_dates_its_reviews_so_none_is_overdue(today, expected):
    import datetime as dt

    import time_machine

    with time_machine.travel(dt.datetime.fromisoformat(f"{today}T12:00+00:00"), tick=False):
        got = publish.in_date(dt.date(2026, 11, 2), dt.date(2027, 11, 1))
    assert tuple(day.isoformat() for day in got) == expected


def test_a_review_date_on_29_february_moves_to_28_february():
    import datetime as dt

    assert publish._years_on(dt.date(2028, 2, 29), 1) == dt.date(2029, 2, 28)
