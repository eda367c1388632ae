"""Publish the induction pack, the Reference Guide, the Summary Guide and the
accredited training modules.

The words live in the sibling modules as plain data; this module turns them into
live Wagtail pages under the home page. Each part is created only if no page of its
type exists yet (for training: no module), so running the seed again changes nothing
and never overwrites what editors have since changed.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page

from courses.models import CoursePage, CoursePrerequisite, LessonPage, TrainingIndexPage
from induction.models import (
    GuideChapterPage,
    InductionPackPage,
    InductionSectionPage,
    InductionStepPage,
    ReferenceGuidePage,
    SummaryGuidePage,
)

from ..webinars import demo_series
from .courses import TRAINING
from .induction_pack import INDUCTION_PACK
from .reference_guide import REFERENCE_GUIDE
from .summary_guide import SUMMARY_GUIDE


def in_date(last_reviewed: datetime.date, next_review_due: datetime.date):
    """The authored review dates, moved on by whole years if the next review has
    come by the day the demo is seeded: a fresh demo never opens on "Review overdue"."""
    today = timezone.localdate()
    years = 0
    while _years_on(next_review_due, years) <= today:
        years += 1
    return _years_on(last_reviewed, years), _years_on(next_review_due, years)


def _years_on(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def _review_dates(data: dict) -> dict:
    last, due = in_date(data["last_reviewed"], data["next_review_due"])
    return {"last_reviewed": last, "next_review_due": due}


def seed_learning_content(home) -> None:
    """Create and publish whichever of the pack, the guides and the training modules
    does not exist yet."""
    for page_type, publish in (
        (InductionPackPage, _publish_induction_pack),
        (ReferenceGuidePage, _publish_reference_guide),
        (SummaryGuidePage, _publish_summary_guide),
        (CoursePage, _publish_training),
    ):
        if page_type.objects.exists():
            continue
        with transaction.atomic():  # all of it or none of it
            publish(home)


def _publish_induction_pack(home) -> None:
    data = INDUCTION_PACK
    pack = _publish(
        home, InductionPackPage, title=data["title"], slug=data["slug"], intro=data["intro"]
    )
    for section_data in data["sections"]:
        section = _publish(
            pack,
            InductionSectionPage,
            title=section_data["title"],
            slug=section_data["slug"],
            summary=section_data["summary"],
        )
        for step in section_data["steps"]:
            _publish(
                section,
                InductionStepPage,
                title=step["title"],
                slug=step["slug"],
                kind=step["kind"],
                required=step.get("required", True),
                needs_sign_off=step.get("needs_sign_off", False),
                reflection_shared=step.get("reflection_shared", False),
                webinar_series=demo_series(step["webinar_series"])
                if "webinar_series" in step
                else None,
                summary=step["summary"],
                body=step["body"],
            )


def _publish_reference_guide(home) -> None:
    data = REFERENCE_GUIDE
    guide = _publish(
        home, ReferenceGuidePage, title=data["title"], slug=data["slug"], intro=data["intro"]
    )
    for chapter in data["chapters"]:
        _publish(
            guide,
            GuideChapterPage,
            title=chapter["title"],
            slug=chapter["slug"],
            summary=chapter["summary"],
            body=chapter["body"],
            **_review_dates(chapter),
        )


def _publish_summary_guide(home) -> None:
    data = SUMMARY_GUIDE
    _publish(
        home,
        SummaryGuidePage,
        title=data["title"],
        slug=data["slug"],
        intro=data["intro"],
        body=data["body"],
        outcomes_intro=data["outcomes_intro"],
        outcomes_framework=data["outcomes_framework"],
        **_review_dates(data),
    )


def _publish_training(home) -> None:
    """The training index (kept if an editor already made one) and every module, with
    its lessons in order and its prerequisites, which name modules published before it."""
    data = TRAINING
    index = TrainingIndexPage.objects.first() or _publish(
        home, TrainingIndexPage, title=data["title"], slug=data["slug"], intro=data["intro"]
    )
    published = {}
    for module in data["modules"]:
        prerequisites = [
            CoursePrerequisite(required=published[slug]) for slug in module["prerequisites"]
        ]
        course = _publish(
            index,
            CoursePage,
            title=module["title"],
            slug=module["slug"],
            summary=module["summary"],
            description=module["description"],
            learning_outcomes=module["learning_outcomes"],
            cpd_hours=module["cpd_hours"],
            accrediting_body=module["accrediting_body"],
            pass_mark=module["pass_mark"],
            max_attempts=module["max_attempts"],
            shuffle=module["shuffle"],
            questions_per_attempt=module["questions_per_attempt"],
            questions=module["questions"],
            prerequisites=prerequisites,
        )
        published[module["slug"]] = course
        for lesson in module["lessons"]:
            _publish(
                course,
                LessonPage,
                title=lesson["title"],
                slug=lesson["slug"],
                summary=lesson["summary"],
                minutes=lesson["minutes"],
                body=lesson["body"],
            )


def _publish(parent: Page, page_type: type[Page], **fields) -> Page:
    """Validate a new page, add it under its parent and publish it as the admin does:
    a first revision, and 'created' then 'published' in the page's history."""
    for name, value in fields.items():
        field = page_type._meta.get_field(name)
        if isinstance(field, StreamField):
            _check_raw_blocks(field.stream_block, value, name)
    page = page_type(**fields)
    _validate(page)
    # add_child saves the page (running full_clean again, now its parent is known) and
    # logs its creation; publishing the first revision logs the publication.
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


# Tree fields are set by add_child; an unsaved page has none yet.
_SET_BY_THE_TREE = ["path", "depth", "numchild", "url_path"]


def _validate(page: Page) -> None:
    """The model's rules (its clean()) and the rules of every StreamField block.

    full_clean() alone does not validate block values (required fields, heading
    levels, choices, lengths), so each StreamField is cleaned by its block too.
    """
    page.full_clean(exclude=_SET_BY_THE_TREE)
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            field.stream_block.clean(getattr(page, field.name))


def _check_raw_blocks(block, raw, where: str) -> None:
    """Fail on block types or struct fields the definitions do not have.

    A StreamField quietly drops blocks of an unknown type (at any depth) and a
    StructBlock ignores unknown keys, so a typo in the content would otherwise
    publish a page with something missing.
    """
    if isinstance(block, blocks.BaseStreamBlock):
        for index, child in enumerate(raw):
            block_type, value = (
                (child["type"], child["value"]) if isinstance(child, dict) else child
            )
            if block_type not in block.child_blocks:
                raise ValidationError(f"{where}[{index}]: unknown block type {block_type!r}.")
            _check_raw_blocks(
                block.child_blocks[block_type], value, f"{where}[{index}].{block_type}"
            )
    elif isinstance(block, blocks.StructBlock):
        unknown = sorted(set(raw) - set(block.child_blocks))
        if unknown:
            raise ValidationError(f"{where}: unknown fields {', '.join(unknown)}.")
        for name, value in raw.items():
            _check_raw_blocks(block.child_blocks[name], value, f"{where}.{name}")
    elif isinstance(block, blocks.ListBlock):
        for index, item in enumerate(raw):
            _check_raw_blocks(block.child_block, item, f"{where}[{index}]")
