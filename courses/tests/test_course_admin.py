"""The national team writes modules and their question banks in the Wagtail admin;
a question bank that could not be marked fairly is refused with a clear message."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from courses.blocks import QuestionBlock
from courses.enums import QuestionKind
from courses.models import CoursePage
from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory

from .factories import make_course, make_training_index

pytestmark = pytest.mark.django_db


def choices(*items: tuple[str, bool]) -> dict:
    """A ListBlock of choices as the admin form sends it; an unticked box is absent."""
    data = {"count": str(len(items))}
    for n, (text, correct) in enumerate(items):
        value = {"text": text, **({"correct": "on"} if correct else {})}
        data[str(n)] = {"value": value, "deleted": "", "order": str(n), "id": ""}
    return data


def question_value(text: str, kind: str, *items: tuple[str, bool]) -> dict:
    return {"text": text, "kind": kind, "choices": choices(*items), "feedback": f"Why: {text}"}


def module_form(*, questions: list[dict], **changes) -> dict:
    data = {
        "title": "Measuring what matters",
        "slug": "measuring-what-matters",
        "summary": "Using the Common Outcomes Framework with the people you support.",
        "description": rich_text("<p>For link workers in their first year.</p>"),
        "learning_outcomes": streamfield([("outcome", "Choose an outcome measure")]),
        "cpd_hours": "2.0",
        "accrediting_body": "Personalised Care Institute",
        "prerequisites": inline_formset([]),
        "pass_mark": "80",
        "max_attempts": "3",
        "shuffle": "on",
        "questions_per_attempt": "",
        "questions": streamfield([("question", value) for value in questions]),
        "comments": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)


@pytest.fixture
def editor():
    return UserFactory(role=Role.NATIONAL)


def add_url(index) -> str:
    return f"/admin/pages/add/courses/coursepage/{index.pk}/"


def test_the_national_team_writes_a_module_with_its_questions(editor, client_for):
    index = make_training_index()
    response = client_for(None, editor).post(
        add_url(index),
        module_form(
            questions=[
                question_value(
                    "Who can refer someone to social prescribing?",
                    QuestionKind.SINGLE,
                    ("Anyone, including the person themselves", True),
                    ("Only a GP", False),
                ),
                question_value(
                    "Which of these are wider determinants of health?",
                    QuestionKind.MULTIPLE,
                    ("Housing", True),
                    ("Loneliness", True),
                    ("Blood type", False),
                ),
            ]
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    course = CoursePage.objects.get(slug="measuring-what-matters")
    draft = course.get_latest_revision_as_object()
    assert [block.value["kind"] for block in draft.questions] == ["single", "multiple"]
    second = draft.questions[1].value
    assert [(c["text"], c["correct"]) for c in second["choices"]] == [
        ("Housing", True),
        ("Loneliness", True),
        ("Blood type", False),
    ]
    assert draft.attempt_size == 2


@pytest.mark.parametrize(
    "items, message",
    [
        ((("Anyone", True), ("Only a GP", True)), "needs exactly one correct answer"),
        ((("Anyone", False), ("Only a GP", False)), "Tick at least one correct answer."),
    ],
)
def test_a_question_that_cannot_be_marked_is_refused_in_the_admin(
    editor, client_for, items, message
):
    index = make_training_index()
    response = client_for(None, editor).post(
        add_url(index),
        module_form(questions=[question_value("Who can refer?", QuestionKind.SINGLE, *items)]),
    )
    assert response.status_code == 200  # the form comes back
    assert message in response.content.decode()
    assert not CoursePage.objects.filter(slug="measuring-what-matters").exists()


def test_drawing_more_questions_than_the_bank_holds_is_refused_in_the_admin(editor, client_for):
    index = make_training_index()
    response = client_for(None, editor).post(
        add_url(index),
        module_form(
            questions=[
                question_value(
                    "Who can refer?", QuestionKind.SINGLE, ("Anyone", True), ("A GP", False)
                )
            ],
            questions_per_attempt="5",
        ),
    )
    assert response.status_code == 200
    assert "The bank has 1 question: draw no more than that." in response.content.decode()
    assert not CoursePage.objects.filter(slug="measuring-what-matters").exists()


@pytest.mark.parametrize("role", [Role.LINK_WORKER, Role.COORDINATOR, Role.CCG_LEAD])
def test_only_the_national_team_writes_modules(client_for, role, north_west):
    index = make_training_index()
    person = UserFactory(role=role, region=north_west)
    response = client_for(None, person).post(
        add_url(index),
        module_form(
            questions=[
                question_value("Q?", QuestionKind.SINGLE, ("Yes", True), ("No", False)),
            ]
        ),
    )
    assert response.status_code in (302, 403)
    assert not CoursePage.objects.filter(slug="measuring-what-matters").exists()


# --- The rules themselves, without the admin ----------------------------------------


def raw_question(kind: str, *correct: bool) -> dict:
    return {
        "text": "Who can refer someone to a link worker?",
        "kind": kind,
        "choices": [{"text": f"Choice {n}", "correct": c} for n, c in enumerate(correct)],
        "feedback": "Anyone can.",
    }


@pytest.mark.parametrize(
    "kind, correct, message",
    [
        (QuestionKind.SINGLE, (True, True, False), "needs exactly one correct answer"),
        (QuestionKind.SINGLE, (False, False), "Tick at least one correct answer."),
        (QuestionKind.MULTIPLE, (False, False, False), "Tick at least one correct answer."),
    ],
)
def test_question_block_refuses_questions_that_cannot_be_marked(kind, correct, message):
    block = QuestionBlock()
    with pytest.raises(ValidationError, match=message):
        block.clean(block.to_python(raw_question(kind, *correct)))


@pytest.mark.parametrize(
    "kind, correct",
    [(QuestionKind.SINGLE, (False, True)), (QuestionKind.MULTIPLE, (True, True, False))],
)
def test_question_block_accepts_questions_that_can_be_marked(kind, correct):
    block = QuestionBlock()
    block.clean(block.to_python(raw_question(kind, *correct)))


def test_a_module_cannot_draw_more_questions_than_its_bank_holds():
    course = make_course(questions=2)
    course.questions_per_attempt = 3
    with pytest.raises(ValidationError) as refused:
        course.clean()
    assert refused.value.message_dict == {
        "questions_per_attempt": ["The bank has 2 questions: draw no more than that."]
    }
    course.questions_per_attempt = 2
    course.clean()


# --- Previews -----------------------------------------------------------------------


def test_an_editor_previews_a_new_module_and_a_draft_lesson(editor, client_for):
    from courses.models import LessonPage

    index = make_training_index()
    client = client_for(None, editor)
    preview_url = add_url(index) + "preview/"
    data = module_form(
        questions=[question_value("Q?", QuestionKind.SINGLE, ("Yes", True), ("No", False))]
    )
    assert client.post(preview_url, data).json()["is_valid"]
    response = client.get(preview_url)
    assert response.status_code == 200
    assert "Measuring what matters" in response.content.decode()

    course = make_course(lessons=1)
    lesson = LessonPage.objects.child_of(course).get()
    preview_url = f"/admin/pages/{lesson.pk}/edit/preview/"
    data = nested_form_data(
        {
            "title": "A lesson in draft",
            "slug": lesson.slug,
            "summary": "",
            "minutes": "10",
            "body": streamfield([("paragraph", rich_text("<p>Draft words.</p>"))]),
            "comments": inline_formset([]),
        }
    )
    assert client.post(preview_url, data).json()["is_valid"]
    response = client.get(preview_url)
    html = response.content.decode()
    assert response.status_code == 200  # not sent away for not being enrolled
    assert "Draft words." in html
    assert "Preview: learners see" in html
    assert 'complete/"' not in html  # no form that would record progress


def test_a_module_with_learners_or_cohorts_cannot_be_deleted_in_the_admin(
    editor, client_for, north_west
):
    from datetime import timedelta

    from django.contrib.messages import get_messages
    from django.utils import timezone
    from django_tenants.utils import tenant_context

    from cohorts.enums import AssignmentKind
    from cohorts.models import Cohort, CohortAssignment
    from courses.services import enrolment_create

    enrolled = make_course("Enrolled module")
    enrolment_create(user=UserFactory(region=north_west), course=enrolled)
    assigned = make_course("Assigned module")
    with tenant_context(north_west):
        cohort = Cohort.objects.create(
            name="Spring", start_date=timezone.localdate(), created_by=editor
        )
        CohortAssignment.objects.create(
            cohort=cohort,
            kind=AssignmentKind.COURSE,
            course=assigned,
            due_date=timezone.localdate() + timedelta(days=7),
        )
    free = make_course("Unused module")
    # Someone allowed to delete pages at all (the national team's editors are not).
    admin = client_for(None, UserFactory(role=Role.NATIONAL, is_superuser=True))

    def refusal(page) -> str:
        response = admin.post(f"/admin/pages/{page.pk}/delete/")
        assert response.status_code == 302
        return " ".join(str(m) for m in get_messages(response.wsgi_request))

    assert "people are enrolled on 1 module" in refusal(enrolled)
    assert "cohorts in North West have it assigned" in refusal(assigned)
    assert "cannot be deleted" in refusal(enrolled.get_parent())  # the index holds both
    assert CoursePage.objects.filter(pk__in=[enrolled.pk, assigned.pk]).count() == 2
    admin.post(f"/admin/pages/{free.pk}/delete/")
    assert not CoursePage.objects.filter(pk=free.pk).exists()
