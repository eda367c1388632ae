"""Taking a module's assessment over HTTP: the rules, an attempt's questions (which
must never give the answers away), sending them, and the result."""

import re

import pytest
from bs4 import BeautifulSoup

from courses.enums import EnrolmentStatus, QuestionKind
from courses.models import Attempt, Certificate, Enrolment
from courses.services import attempt_start, attempt_submit, enrolment_create, lesson_complete
from learning.accounts.tests.factories import UserFactory

from .factories import answers, lessons_of, make_course, question

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(north_west):
    return UserFactory(region=north_west, full_name="Ada Okoye")


def ready_for_assessment(user, **course_options):
    """A module whose every lesson `user` has done."""
    course = make_course(**{"lessons": 1, **course_options})
    enrolment_create(user=user, course=course)
    for lesson in lessons_of(course):
        lesson_complete(user=user, lesson=lesson)
    return course


def form_data(chosen: dict[str, list[str]]) -> dict[str, list[str]]:
    return {f"q-{question_id}": keys for question_id, keys in chosen.items()}


def text_of(response) -> str:
    return response.content.decode()


def attempt_url(course, number: int) -> str:
    return f"{course.url}assessment/{number}/"


# --- The rules and starting -------------------------------------------------------


def test_the_rules_page_explains_the_assessment_and_starts_an_attempt(learner, client_for):
    course = ready_for_assessment(learner, questions=4, pass_mark=75, max_attempts=3)
    client = client_for(None, learner)
    html = text_of(client.get(course.url + "assessment/"))
    assert "Questions" in html and ">4<" in html
    assert "75%" in html
    assert "0 used, 3 left" in html
    assert f'action="{course.url}assessment/"' in html
    assert "Start the assessment" in html

    response = client.post(course.url + "assessment/")
    assert response.status_code == 302
    assert response["Location"] == attempt_url(course, 1)
    assert Attempt.objects.get().number == 1


def test_starting_again_carries_on_with_the_open_attempt(learner, client_for):
    course = ready_for_assessment(learner)
    client = client_for(None, learner)
    client.post(course.url + "assessment/")
    response = client.post(course.url + "assessment/")
    assert response["Location"] == attempt_url(course, 1)
    assert Attempt.objects.count() == 1
    html = text_of(client.get(course.url + "assessment/"))
    assert "Continue attempt 1" in html
    assert "1 used, 2 left" in html


def test_the_assessment_waits_for_every_lesson(learner, client_for):
    course = make_course(lessons=2)
    enrolment_create(user=learner, course=course)
    client = client_for(None, learner)
    html = text_of(client.get(course.url + "assessment/"))
    assert "You can take the assessment when you have completed every lesson." in html
    assert "Start the assessment" not in html

    response = client.post(course.url + "assessment/", follow=True)
    assert "Complete every lesson before you take the assessment." in text_of(response)
    assert not Attempt.objects.exists()


def test_the_assessment_needs_an_enrolment(learner, client_for):
    course = make_course(lessons=1)
    client = client_for(None, learner)
    response = client.get(course.url + "assessment/", follow=True)
    assert response.redirect_chain[-1][0] == course.url
    assert f"Enrol on {course.title} before you take its assessment." in text_of(response)
    response = client.post(course.url + "assessment/", follow=True)
    assert "Enrol on this module first." in text_of(response)
    assert not Attempt.objects.exists()


# --- An attempt's questions ---------------------------------------------------------


def mixed_course(user):
    """Two questions, not shuffled, so the right answers come first in the bank: a
    page that gave them away by order or markup would be caught."""
    course = ready_for_assessment(user, questions=0, shuffle=False)
    course.questions = [
        question("Who can refer someone to a link worker?", right=("Anyone",), wrong=("A GP",)),
        question(
            "What belongs in a 'what matters to me' conversation?",
            right=("Their goals", "Their strengths"),
            wrong=("A diagnosis",),
            kind=QuestionKind.MULTIPLE,
        ),
    ]
    course.save()
    return course


def test_each_question_is_a_fieldset_of_radios_or_checkboxes(learner, client_for):
    course = mixed_course(learner)
    attempt = attempt_start(user=learner, course=course)
    response = client_for(None, learner).get(attempt_url(course, 1))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    single, multiple = attempt.questions

    fieldsets = soup.select("form fieldset.nhsuk-fieldset")
    assert len(fieldsets) == 2
    assert "1. Who can refer someone to a link worker?" in fieldsets[0].legend.get_text()
    assert "Choose one answer" in fieldsets[0].get_text()
    assert "Choose every answer that applies" in fieldsets[1].get_text()

    radios = soup.select(f'input[name="q-{single["id"]}"]')
    assert {r["type"] for r in radios} == {"radio"}
    assert [r["value"] for r in radios] == [c["key"] for c in single["choices"]]
    boxes = soup.select(f'input[name="q-{multiple["id"]}"]')
    assert {b["type"] for b in boxes} == {"checkbox"}
    assert [b["value"] for b in boxes] == [c["key"] for c in multiple["choices"]]
    assert soup.select_one('form input[name="csrfmiddlewaretoken"]')


def _option_markup(option, *, key: str, text: str) -> str:
    """An option's HTML with what rightly differs between options (its key, its text,
    its position in the id) taken out."""
    html = str(option).replace(key, "KEY").replace(text, "TEXT")
    return re.sub(r"_\d+\b", "_N", html)


def test_the_attempt_page_never_gives_the_answers_away(learner, client_for):
    course = mixed_course(learner)
    attempt = attempt_start(user=learner, course=course)
    html = text_of(client_for(None, learner).get(attempt_url(course, 1)))
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form", action=attempt_url(course, 1))

    # No feedback, and no word of which answers are right.
    for q in attempt.questions:
        assert q["feedback"] not in html
    assert "Feedback on" not in html
    assert not re.search(r"correct|right", str(form), re.IGNORECASE)
    assert "checked" not in str(form)

    for q in attempt.questions:
        # A key is in its input's value and nowhere else (no data attribute, no id).
        for choice in q["choices"]:
            assert html.count(choice["key"]) == 1
        # A right option's markup is the same as a wrong one's.
        markups = set()
        for choice in q["choices"]:
            item = form.find("input", attrs={"value": choice["key"]}).find_parent(
                class_=re.compile(r"nhsuk-(radios|checkboxes)__item")
            )
            markups.add(_option_markup(item, key=choice["key"], text=choice["text"]))
        assert len(markups) == 1


def test_each_attempt_gets_its_own_keys(learner, client_for):
    course = ready_for_assessment(learner, max_attempts=0)
    first = attempt_start(user=learner, course=course)
    attempt_submit(user=learner, attempt_id=first.pk, answers=answers(first, right=0))
    second = attempt_start(user=learner, course=course)
    assert not keys_of(first) & keys_of(second)  # last time's right key says nothing now


def keys_of(attempt) -> set[str]:
    return {choice["key"] for q in attempt.questions for choice in q["choices"]}


# --- Sending answers ----------------------------------------------------------------


def test_right_answers_pass_complete_the_module_and_show_the_result(learner, client_for):
    course = ready_for_assessment(learner, questions=4, pass_mark=75)
    client = client_for(None, learner)
    client.post(course.url + "assessment/")
    attempt = Attempt.objects.get()

    response = client.post(attempt_url(course, 1), form_data(answers(attempt)))
    assert response.status_code == 302
    assert response["Location"] == attempt_url(course, 1)  # the result, at the same address

    html = text_of(client.get(attempt_url(course, 1)))
    assert "You passed" in html
    assert "4 out of 4, 100%" in html
    assert "The pass mark is 75%." in html
    assert html.count(">Right<") == 4
    for q in attempt.questions:
        assert q["feedback"] in html
    assert f"You have completed {course.title}." in html
    assert 'href="/my-learning/"' in html
    assert "Try again" not in html
    enrolment = Enrolment.objects.get(user=learner, course=course)
    assert enrolment.status == EnrolmentStatus.COMPLETED
    assert Certificate.objects.filter(enrolment=enrolment).exists()


def test_a_pass_that_completes_the_module_offers_the_certificate_at_once(learner, client_for):
    course = ready_for_assessment(learner, questions=2, pass_mark=50)
    client = client_for(None, learner)
    client.post(course.url + "assessment/")
    attempt = Attempt.objects.get()
    client.post(attempt_url(course, 1), form_data(answers(attempt)))

    soup = BeautifulSoup(text_of(client.get(attempt_url(course, 1))), "html.parser")

    link = next(
        (a for a in soup.find_all("a") if "Download your certificate" in a.get_text()), None
    )
    assert link is not None, "the result page offers the certificate straight away"
    certificate = Certificate.objects.get(user=learner)
    assert link["href"] == f"/my-learning/certificates/{certificate.code}.pdf"
    assert " ".join(link.get_text().split()) == (
        f"Download your certificate for {course.title} (PDF)"
    )
    pdf = client.get(link["href"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_a_fail_shows_what_was_chosen_and_offers_another_try(learner, client_for):
    course = ready_for_assessment(learner, questions=4, pass_mark=75, max_attempts=3)
    client = client_for(None, learner)
    client.post(course.url + "assessment/")
    attempt = Attempt.objects.get()
    client.post(attempt_url(course, 1), form_data(answers(attempt, right=1)))

    html = text_of(client.get(attempt_url(course, 1)))
    assert "You did not pass this time" in html
    assert "1 out of 4, 25%" in html
    assert html.count(">Right<") == 1 and html.count(">Wrong<") == 3
    soup = BeautifulSoup(html, "html.parser")
    chosen = [li.get_text() for li in soup.select(".nhsuk-card ul li")]
    assert chosen == ["Yes", "No", "No", "No"]  # what they chose, question by question
    assert "You have 2 attempts left." in html
    assert soup.find("form", action=f"{course.url}assessment/").find(string="Try again")

    response = client.post(course.url + "assessment/")
    assert response["Location"] == attempt_url(course, 2)
    assert Enrolment.objects.get().status == EnrolmentStatus.IN_PROGRESS


def test_unanswered_questions_come_back_with_the_answers_kept(learner, client_for):
    course = mixed_course(learner)
    attempt = attempt_start(user=learner, course=course)
    single, multiple = attempt.questions
    right_key = next(c["key"] for c in single["choices"] if c["correct"])

    response = client_for(None, learner).post(
        attempt_url(course, 1), {f"q-{single['id']}": right_key}
    )
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.select_one(".nhsuk-error-summary")
    assert "There is a problem" in summary.get_text()
    link = summary.find("a", string="Answer question 2.")
    assert link["href"] == f"#id_q-{multiple['id']}"
    assert soup.find(id=f"id_q-{multiple['id']}")  # the link has somewhere to go
    assert soup.find("input", attrs={"value": right_key}).has_attr("checked")
    assert soup.title.get_text().startswith("Error: ")
    attempt.refresh_from_db()
    assert attempt.is_open and attempt.answers == {}


def test_ticked_boxes_are_kept_when_the_form_comes_back(learner, client_for):
    course = mixed_course(learner)
    attempt = attempt_start(user=learner, course=course)
    _, multiple = attempt.questions
    ticked = [c["key"] for c in multiple["choices"]][:2]
    response = client_for(None, learner).post(
        attempt_url(course, 1), {f"q-{multiple['id']}": ticked}
    )
    assert response.status_code == 400
    assert "Answer question 1." in text_of(response)
    soup = BeautifulSoup(response.content, "html.parser")
    for key in ticked:
        assert soup.find("input", attrs={"value": key}).has_attr("checked")


def test_a_forged_choice_is_refused_and_nothing_is_saved(learner, client_for):
    course = ready_for_assessment(learner, questions=2)
    attempt = attempt_start(user=learner, course=course)
    forged = answers(attempt)
    forged[attempt.questions[0]["id"]] = ["not-a-key"]
    response = client_for(None, learner).post(attempt_url(course, 1), form_data(forged))
    assert response.status_code == 400
    assert "Choose from the answers shown for question 1." in text_of(response)
    attempt.refresh_from_db()
    assert attempt.is_open and attempt.score is None


def test_an_answer_to_a_question_not_in_the_attempt_is_refused(learner, client_for):
    course = ready_for_assessment(learner, questions=2)
    attempt = attempt_start(user=learner, course=course)
    forged = form_data(answers(attempt))
    forged["q-00000000-0000-0000-0000-000000000000"] = ["abcd1234"]
    response = client_for(None, learner).post(attempt_url(course, 1), forged)
    assert response.status_code == 400
    assert "An answer was sent for a question that is not in this attempt." in text_of(response)
    attempt.refresh_from_db()
    assert attempt.is_open


def test_a_sent_attempt_cannot_be_sent_again(learner, client_for):
    course = ready_for_assessment(learner, questions=4, pass_mark=75)
    attempt = attempt_start(user=learner, course=course)
    attempt_submit(user=learner, attempt_id=attempt.pk, answers=answers(attempt, right=1))
    response = client_for(None, learner).post(attempt_url(course, 1), form_data(answers(attempt)))
    assert response.status_code == 409
    assert "This attempt has already been sent. Its answers cannot change." in text_of(response)
    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed) == (1, False)


def test_the_attempt_limit_is_kept(learner, client_for):
    course = ready_for_assessment(learner, questions=2, max_attempts=1)
    attempt = attempt_start(user=learner, course=course)
    attempt_submit(user=learner, attempt_id=attempt.pk, answers=answers(attempt, right=0))
    client = client_for(None, learner)

    html = text_of(client.get(attempt_url(course, 1)))
    assert "Try again" not in html
    assert "You have used all 1 attempts at this assessment." in html

    response = client.post(course.url + "assessment/", follow=True)
    assert "You have used all 1 attempts at this assessment." in text_of(response)
    assert Attempt.objects.count() == 1
    assert client.get(attempt_url(course, 2)).status_code == 404


# --- Whose attempt ------------------------------------------------------------------


def test_another_persons_attempt_is_not_found(learner, client_for):
    colleague = UserFactory()
    course = ready_for_assessment(colleague, max_attempts=0)
    enrolment_create(user=learner, course=course)
    for lesson in lessons_of(course):
        lesson_complete(user=learner, lesson=lesson)
    first = attempt_start(user=colleague, course=course)
    attempt_submit(user=colleague, attempt_id=first.pk, answers=answers(first, right=0))
    second = attempt_start(user=colleague, course=course)
    attempt_start(user=learner, course=course)  # the learner's own attempt 1

    client = client_for(None, learner)
    assert client.get(attempt_url(course, 2)).status_code == 404
    assert client.get(attempt_url(course, 99_999_999_999)).status_code == 404
    assert client.post(attempt_url(course, 2), form_data(answers(second))).status_code == 404
    second.refresh_from_db()
    assert second.is_open
    own = text_of(client.get(attempt_url(course, 1)))
    assert first.questions[0]["choices"][0]["key"] not in own  # not the colleague's attempt 1


def test_signed_out_people_are_sent_to_sign_in(learner, client_for):
    course = ready_for_assessment(learner)
    attempt = attempt_start(user=learner, course=course)
    client = client_for()
    assert client.get(attempt_url(course, 1))["Location"].startswith("/accounts/login/")
    response = client.post(attempt_url(course, 1), form_data(answers(attempt)))
    assert response["Location"].startswith("/accounts/login/")
    attempt.refresh_from_db()
    assert attempt.is_open


# --- Malformed requests -------------------------------------------------------------


def test_malformed_answers_are_a_form_error_not_a_server_error(learner, client_for):
    course = ready_for_assessment(learner, questions=2)
    attempt = attempt_start(user=learner, course=course)
    client = client_for(None, learner)
    first_id = attempt.questions[0]["id"]
    url = attempt_url(course, 1)

    huge = client.post(url, {f"q-{first_id}": "x" * 200_000})
    assert huge.status_code == 400
    nul = client.post(url, {f"q-{first_id}": "ab\x00cd"})
    assert nul.status_code == 400
    as_json = client.post(url, {"answers": {first_id: "yes"}}, content_type="application/json")
    assert as_json.status_code == 400
    assert "Answer question 1." in text_of(as_json)
    too_many = client.post(url, {f"field{n}": "x" for n in range(2000)})
    assert too_many.status_code == 400
    assert client.put(url).status_code == 405
    attempt.refresh_from_db()
    assert attempt.is_open and attempt.answers == {}


# --- Query counts -------------------------------------------------------------------


def test_the_assessment_pages_run_a_bounded_number_of_queries(
    learner, client_for, django_assert_max_num_queries
):
    course = ready_for_assessment(learner, lessons=3, questions=10, max_attempts=0)
    for _ in range(3):
        attempt = attempt_start(user=learner, course=course)
        attempt_submit(user=learner, attempt_id=attempt.pk, answers=answers(attempt, right=2))
    attempt_start(user=learner, course=course)
    client = client_for(None, learner)
    client.get(course.url)  # warm the site and menu caches
    with django_assert_max_num_queries(21):
        assert client.get(course.url + "assessment/").status_code == 200
    with django_assert_max_num_queries(19):
        assert client.get(attempt_url(course, 4)).status_code == 200
    with django_assert_max_num_queries(23):
        assert client.get(attempt_url(course, 3)).status_code == 200
