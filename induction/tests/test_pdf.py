import io
from datetime import date, datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone
from pypdf import PdfReader

from induction.enums import StepKind, StepStatus
from induction.models import (
    GuideChapterPage,
    InductionStepPage,
    ReferenceGuidePage,
    StepProgress,
)
from induction.pdf import induction_record_pdf, reference_guide_pdf
from induction.selectors import TaskList, induction_task_list
from induction.tests.factories import make_pack, make_section, make_step
from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory
from learning.home.models import HomePage
from learning.pdf import NETWORK_NAME
from learning.pdf_blocks import stream_flowables
from learning.pdf_html import html_to_flowables

pytestmark = pytest.mark.django_db

LAST_REVIEWED = date(2026, 3, 3)
NEXT_REVIEW_DUE = date(2027, 3, 3)
LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 6


def read_pdf(data: bytes) -> tuple[PdfReader, str]:
    """The PDF and its text with whitespace collapsed (table cells wrap lines)."""
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    return reader, text


def rich(html: str) -> dict:
    return {"type": "paragraph", "value": html}


def make_chapter(guide, title, body, summary=""):
    return guide.add_child(
        instance=GuideChapterPage(
            title=title,
            slug=title.lower().replace(" ", "-"),
            summary=summary,
            body=body,
            last_reviewed=LAST_REVIEWED,
            next_review_due=NEXT_REVIEW_DUE,
        )
    )


@pytest.fixture
def guide():
    home = HomePage.objects.get()
    return home.add_child(
        instance=ReferenceGuidePage(
            title="Reference Guide for PCNs",
            slug="reference-guide",
            intro="<p>How link workers &amp; <b>primary care networks</b> work together.</p>",
        )
    )


@pytest.fixture
def chapters(guide):
    roles = make_chapter(
        guide,
        "The link worker role",
        summary="What a link worker does & why.",
        body=[
            rich(
                "<h2>Giving people time</h2>"
                "<p>Link workers give people time & focus on what matters to them.</p>"
                "<p>Caseloads should be < 250 people; see "
                f'<a linktype="page" id="{guide.pk}">the contents</a> and '
                '<a href="https://www.england.nhs.uk/?a=1&b=2">NHS England</a>.</p>'
                "<ul><li>Listening<ul><li>Nested: open questions</li></ul></li>"
                "<li>Co-producing a plan</li></ul>"
                "<ol><li>First contact</li><li>Follow up</li></ol>"
                f"<p><b>An unclosed bold tag and {LONG_WORD}<br>then a line break</p>"
            ),
            {
                "type": "inset_text",
                "value": {"body": "<p>Inset: people are experts in their lives.</p>"},
            },
            {
                "type": "warning_callout",
                "value": {
                    "title": "Safeguarding comes first",
                    "heading_level": 3,
                    "body": "<p>Raise concerns with your PCN safeguarding lead.</p>",
                },
            },
            {
                "type": "do_list",
                "value": {
                    "heading_level": 3,
                    "label": "",
                    "do": ["<p>Agree goals with the person</p>", "<p>Record referrals</p>"],
                },
            },
            {
                "type": "dont_list",
                "value": {"heading_level": 3, "label": "", "dont": ["<p>Give clinical advice</p>"]},
            },
        ],
    )
    working = make_chapter(
        guide,
        "Working with your PCN",
        body=[
            {
                "type": "care_card",
                "value": {
                    "type": "urgent",
                    "heading_level": 3,
                    "title": "If someone is at risk",
                    "body": [{"type": "richtext", "value": "<p>Call 999 if life is at risk.</p>"}],
                },
            },
            {
                "type": "details",
                "value": {
                    "title": "Who funds the role",
                    "body": [
                        {"type": "richtext", "value": "<p>The Additional Roles scheme pays.</p>"}
                    ],
                },
            },
            {
                "type": "expander",
                "value": {
                    "title": "Supervision arrangements",
                    "body": [{"type": "richtext", "value": "<p>Monthly clinical supervision.</p>"}],
                },
            },
            {
                "type": "table",
                "value": {
                    "caption": "Who does what",
                    "caption_size": "",
                    "head": [{"text": "Role"}, {"text": "Responsibility"}],
                    "rows": [
                        {
                            "cells": [
                                {"text": "Clinical director"},
                                {"text": "Leads the PCN & its staff"},
                            ]
                        },
                        {
                            "cells": [
                                {"text": "Link worker"},
                                {"text": "Connects people <to> groups"},
                            ]
                        },
                        {"cells": [{"text": "Ragged row"}]},
                    ],
                    "responsive": False,
                    "first_cell_is_header": True,
                },
            },
        ],
    )
    resources = make_chapter(
        guide,
        "Resources",
        body=[
            {
                "type": "action_link",
                "value": {
                    "text": "Find your local voluntary sector",
                    "external_url": "https://www.example.org/directory",
                    "new_window": False,
                    "internal_page": None,
                },
            },
            {
                "type": "image",
                "value": {
                    "content_image": None,
                    "alt_text": "A link worker meeting a patient",
                    "caption": "",
                },
            },
            {"type": "document", "value": None},
            {"type": "video", "value": "https://www.youtube.com/watch?v=abc123"},
            rich("<p>Emoji \U0001f600 and entities &eacute; &#8212; end of resources.</p>"),
        ],
    )
    return [roles, working, resources]


def test_the_reference_guide_pdf_has_every_chapter(guide, chapters):
    data = reference_guide_pdf(guide=guide, chapters=chapters)

    reader, text = read_pdf(data)
    assert reader.metadata.title == "Reference Guide for PCNs"
    assert reader.metadata.author == NETWORK_NAME
    assert len(reader.pages) >= len(chapters) + 1
    assert "How link workers & primary care networks work together." in text
    assert NETWORK_NAME in text
    assert "Contents" in text
    for chapter in chapters:
        assert text.count(chapter.title) >= 2  # the contents and the chapter itself
    assert "Page last reviewed: 3 March 2026. Next review due: 3 March 2027." in text
    assert f"Page 1 of {len(reader.pages)}" in text


def test_each_block_type_renders_its_text(guide, chapters):
    _, text = read_pdf(reference_guide_pdf(guide=guide, chapters=chapters))

    for phrase in (
        # The link worker role: rich text with awkward HTML, callouts, do and don't lists.
        "Link workers give people time & focus on what matters to them.",
        "Caseloads should be < 250 people; see the contents and NHS England.",
        "Nested: open questions",
        "Co-producing a plan",
        "An unclosed bold tag",
        "then a line break",
        "Inset: people are experts in their lives.",
        "Safeguarding comes first",
        "Raise concerns with your PCN safeguarding lead.",
        "Agree goals with the person",
        "Give clinical advice",
        # Working with your PCN: care card, details, expander, table.
        "Urgent advice: If someone is at risk",
        "Call 999 if life is at risk.",
        "Who funds the role",
        "The Additional Roles scheme pays.",
        "Supervision arrangements",
        "Who does what",
        "Leads the PCN & its staff",
        "Connects people <to> groups",
        "Ragged row",
        # Resources: action link, image, video, odd characters.
        "Find your local voluntary sector",
        "https://www.example.org/directory",
        "Image: A link worker meeting a patient",
        "Video: https://www.youtube.com/watch?v=abc123",
        "entities é — end of resources.",
    ):
        assert phrase in text, phrase
    assert "Do" in text and "Do not" in text
    assert LONG_WORD[:40] in text.replace(" ", "")


def test_each_chapter_starts_a_page_and_has_a_bookmark(guide, chapters):
    reader, _ = read_pdf(reference_guide_pdf(guide=guide, chapters=chapters))

    outline = [(entry.title, reader.get_destination_page_number(entry)) for entry in reader.outline]
    assert [title for title, _ in outline] == [chapter.title for chapter in chapters]
    pages = [page for _, page in outline]
    assert pages[0] >= 2  # after the title page and the contents
    assert pages == sorted(set(pages))
    for title, page in outline:
        assert title in reader.pages[page].extract_text()
    for (title, start), (_, previous_start) in zip(outline[1:], outline, strict=False):
        assert not any(
            title in reader.pages[i].extract_text() for i in range(previous_start, start)
        )


def test_a_guide_with_no_chapters_still_renders(guide):
    reader, text = read_pdf(reference_guide_pdf(guide=guide, chapters=[]))
    assert "Reference Guide for PCNs" in text
    assert len(reader.pages) >= 1


def test_broken_html_never_raises():
    for html in (
        "<p>a & b < c > d &amp; &nbsp; &#x1F600; &bogus;</p>",
        "<b><i>unclosed<ul><li>one<li>two<ul><li>deep",
        "</li></ul></b></i></a></p><li>stray item</li>",
        '<a href="javascript:alert(1)">script link</a> <a href="https://x.org/?a=1&b=&quot;">ok</a>',
        "<h2>heading <p>with a paragraph inside</h2>",
        "<script>alert(1)</script>control\x00\x0bcharacters",
        "<",
        "&",
        "",
        None,
        "word" * 2000,
    ):
        html_to_flowables(html)
        odd_guide = SimpleNamespace(title="Odd HTML", intro=html)
        assert reference_guide_pdf(guide=odd_guide, chapters=[]).startswith(b"%PDF-")


def test_an_unknown_block_falls_back_to_its_text_and_a_failing_one_is_skipped():
    unknown = SimpleNamespace(
        block_type="mystery", value=None, render=lambda: "<p>Mystery &amp; more</p>"
    )

    def fail():
        raise RuntimeError("no template")

    failing = SimpleNamespace(block_type="broken", value=None, render=fail)
    flowables = stream_flowables([unknown, failing])
    assert [flowable.getPlainText() for flowable in flowables] == ["Mystery & more"]


@pytest.fixture
def pack():
    pack = make_pack()
    start = make_section(pack, "Getting started")
    make_step(start, "Read the welcome letter")
    make_step(start, "Meet your supervisor", StepKind.OFFLINE, needs_sign_off=True)
    wellbeing = make_section(pack, "Looking after yourself")
    make_step(wellbeing, "Further reading on wellbeing", required=False)
    return pack


def test_the_induction_record_shows_each_step_and_who_signed_it_off(pack):
    worker = UserFactory(full_name="Priya Shah")
    coordinator = UserFactory(full_name="Sam Okafor", role=Role.COORDINATOR)
    steps = {step.title: step for step in InductionStepPage.objects.descendant_of(pack)}
    StepProgress.objects.create(
        user=worker,
        step=steps["Meet your supervisor"],
        status=StepStatus.COMPLETED,
        completed_at=timezone.make_aware(datetime(2026, 3, 3, 10, 30)),
        reviewed_by=coordinator,
    )
    StepProgress.objects.create(
        user=worker, step=steps["Further reading on wellbeing"], status=StepStatus.IN_PROGRESS
    )
    task_list = induction_task_list(user=worker, pack=pack)

    data = induction_record_pdf(
        user=worker,
        pack=pack,
        task_list=task_list,
        generated_at=timezone.make_aware(datetime(2026, 3, 4, 9, 0)),
    )

    reader, text = read_pdf(data)
    assert reader.metadata.title == "Induction record: Priya Shah"
    for phrase in (
        "Induction record",
        "Priya Shah",
        worker.email,
        worker.pcn.name,
        worker.pcn.ccg.name,
        "North West",
        "Completed 1 of 2 required steps",
        "Getting started",
        "Looking after yourself",
        "Read the welcome letter",
        "Meet your supervisor",
        "Further reading on wellbeing (optional)",
        "Offline task",
        "Not started",
        "In progress",
        "Completed 3 March 2026 Sam Okafor",
        "Generated by Link Worker Learning Network on 4 March 2026",
        "Page 1 of 1",
    ):
        assert phrase in text, phrase


def test_a_record_for_someone_with_no_pcn_and_every_step_done():
    person = UserFactory(full_name="Alex Jones", role=Role.COORDINATOR)
    assert person.pcn is None
    task_list = TaskList(sections=[], required_total=3, required_done=3)

    data = induction_record_pdf(
        user=person,
        pack=SimpleNamespace(title="Your induction"),
        task_list=task_list,
        generated_at=date(2026, 3, 4),
    )

    _, text = read_pdf(data)
    assert "Alex Jones" in text
    assert "Completed all 3 required steps" in text
    assert "Primary care network" not in text
