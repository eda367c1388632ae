"""A link worker finds a module, enrols, and works through its lessons in order:
the training list, the module page and the lesson pages, over HTTP."""

import pytest

from courses.enums import EnrolmentStatus
from courses.models import CoursePrerequisite, Enrolment, LessonCompletion
from courses.services import (
    attempt_start,
    attempt_submit,
    enrolment_create,
    lesson_complete,
)
from learning.accounts.tests.factories import UserFactory

from .factories import answers, lessons_of, make_course, make_lesson, make_training_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(north_west):
    return UserFactory(region=north_west, full_name="Ada Okoye")


def text_of(response) -> str:
    return response.content.decode()


def complete_module(user, course) -> None:
    enrolment_create(user=user, course=course)
    for lesson in lessons_of(course):
        lesson_complete(user=user, lesson=lesson)
    if course.has_assessment:
        attempt = attempt_start(user=user, course=course)
        attempt_submit(user=user, attempt_id=attempt.pk, answers=answers(attempt))


# --- The training list --------------------------------------------------------------


def test_the_training_list_shows_each_live_module_with_the_persons_progress(learner, client_for):
    index = make_training_index()
    started = make_course("Personalised care conversations", lessons=3, cpd_hours="2.5")
    finished = make_course("Safeguarding for link workers", lessons=1, cpd_hours="1.0")
    make_course("Working with communities", lessons=2, cpd_hours="3.0")
    withdrawn = make_course("An old module", lessons=1)
    withdrawn.unpublish()

    enrolment_create(user=learner, course=started)
    first, second, _ = lessons_of(started)
    lesson_complete(user=learner, lesson=first)
    lesson_complete(user=learner, lesson=second)
    complete_module(learner, finished)

    response = client_for(None, learner).get(index.url)
    html = text_of(response)
    assert response.status_code == 200
    assert "An old module" not in html
    assert html.index("Personalised care conversations") < html.index("Working with communities")
    assert "About personalised care conversations." in html  # the summary
    assert "Personalised Care Institute" in html
    assert ">2.5<" in html and ">3<" in html  # CPD hours, without a needless ".0"
    assert "2 of 3 lessons" in html
    assert "In progress" in html
    assert "Completed" in html
    assert "Not enrolled" in html  # the third module
    assert 'href="/my-learning/"' in html


def test_the_training_list_says_when_there_are_no_modules(learner, client_for):
    index = make_training_index()
    html = text_of(client_for(None, learner).get(index.url))
    assert "There are no training modules yet" in html


def test_the_training_list_queries_do_not_grow_with_modules(
    learner, client_for, queries_for, django_assert_max_num_queries
):
    index = make_training_index()
    complete_module(learner, make_course("Module 0", lessons=2))
    client = client_for(None, learner)
    client.get(index.url)  # warm the site and menu caches
    few = queries_for(lambda: client.get(index.url))
    for n in range(1, 7):
        course = make_course(f"Module {n}", lessons=3)
        enrolment_create(user=learner, course=course)
        lesson_complete(user=learner, lesson=lessons_of(course)[0])
    with django_assert_max_num_queries(18):  # routing and menu, then four for the list
        response = client.get(index.url)
    assert text_of(response).count("1 of 3 lessons") == 6
    assert queries_for(lambda: client.get(index.url)) == few


# --- The module page ----------------------------------------------------------------


def test_the_module_page_says_what_the_module_is_and_offers_enrolment(learner, client_for):
    course = make_course(lessons=3, questions=4, pass_mark=75, max_attempts=3)
    course.description = "<p>For link workers in their first year.</p>"
    course.save()
    response = client_for(None, learner).get(course.url)
    html = text_of(response)
    assert response.status_code == 200
    assert "For link workers in their first year." in html
    assert "Hold a &#x27;what matters to me&#x27; conversation" in html  # a learning outcome
    assert "2.5" in html and "Personalised Care Institute" in html
    # Lessons in order, none open before enrolling.
    assert html.index("1. Lesson 1") < html.index("2. Lesson 2") < html.index("3. Lesson 3")
    assert html.count("Cannot start yet") == 3
    assert 'href="' + lessons_of(course)[0].url not in html
    # Enrolling is a form with a CSRF token, not a link.
    assert f'action="{course.url}enrol/"' in html
    assert "csrfmiddlewaretoken" in html
    # The assessment's rules.
    assert "75%" in html
    assert "Attempts allowed" in html and ">3<" in html


def test_enrolling_is_a_post_and_opens_the_first_lesson(learner, client_for):
    course = make_course(lessons=3)
    client = client_for(None, learner)
    assert client.get(course.url + "enrol/").status_code == 302
    assert not Enrolment.objects.exists()  # a GET (a prefetch, a crawler) enrols no one

    response = client.post(course.url + "enrol/", follow=True)
    html = text_of(response)
    enrolment = Enrolment.objects.get(user=learner, course=course)
    assert enrolment.status == EnrolmentStatus.NOT_STARTED
    assert f"You are enrolled on {course.title}." in html
    first = lessons_of(course)[0]
    assert f'href="{first.url}"' in html
    assert "Start<span" in html
    assert html.count("Cannot start yet") == 2
    assert "You have completed 0 of 3 lessons." in html


def test_enrolling_twice_keeps_one_enrolment(learner, client_for):
    course = make_course(lessons=1)
    client = client_for(None, learner)
    client.post(course.url + "enrol/")
    client.post(course.url + "enrol/")
    assert Enrolment.objects.filter(user=learner, course=course).count() == 1


def test_a_forged_user_field_enrols_only_the_signed_in_person(learner, client_for):
    colleague = UserFactory()
    course = make_course(lessons=1)
    client_for(None, learner).post(course.url + "enrol/", {"user": colleague.pk})
    assert list(Enrolment.objects.values_list("user_id", flat=True)) == [learner.pk]


def test_missing_prerequisites_are_named_and_stop_enrolment(learner, client_for):
    basics = make_course("Social prescribing basics", lessons=1)
    advanced = make_course("Complex conversations", lessons=1)
    CoursePrerequisite.objects.create(course=advanced, required=basics)
    client = client_for(None, learner)

    html = text_of(client.get(advanced.url))
    assert "complete Social prescribing basics first" in html
    assert f'action="{advanced.url}enrol/"' not in html

    response = client.post(advanced.url + "enrol/", follow=True)
    assert "Complete these modules first: Social prescribing basics." in text_of(response)
    assert not Enrolment.objects.filter(course=advanced).exists()

    complete_module(learner, basics)
    html = text_of(client.get(advanced.url))
    assert "Social prescribing basics</a>: completed" in html
    assert f'action="{advanced.url}enrol/"' in html


def test_the_module_page_continues_where_the_person_left_off(learner, client_for):
    course = make_course(lessons=3)
    enrolment_create(user=learner, course=course)
    first, second, _ = lessons_of(course)
    lesson_complete(user=learner, lesson=first)
    html = text_of(client_for(None, learner).get(course.url))
    assert "Continue<span" in html
    assert f'href="{second.url}"' in html
    assert "You have completed 1 of 3 lessons." in html
    assert html.count("Cannot start yet") == 1  # lesson 3 waits for lesson 2


def test_with_every_lesson_done_the_module_page_offers_the_assessment(learner, client_for):
    course = make_course(lessons=2)
    enrolment_create(user=learner, course=course)
    for lesson in lessons_of(course):
        lesson_complete(user=learner, lesson=lesson)
    html = text_of(client_for(None, learner).get(course.url))
    assert "Take the assessment" in html
    assert f'href="{course.url}assessment/"' in html
    assert "0 used, 3 left" in html


def test_a_completed_module_links_to_the_certificate_in_my_learning(learner, client_for):
    course = make_course(lessons=1, questions=2)
    complete_module(learner, course)
    html = text_of(client_for(None, learner).get(course.url))
    assert "You have completed this module." in html
    assert 'href="/my-learning/"' in html
    assert "Your best result" in html and "2 out of 2, 100% (passed)" in html
    assert "Enrol on this module" not in html


def test_the_module_page_works_on_a_region_host(learner, north_west, client_for):
    course = make_course(lessons=1)
    response = client_for(north_west, learner).get(course.url)
    assert response.status_code == 200
    assert course.title in text_of(response)


def test_the_module_page_queries_do_not_grow_with_lessons(
    learner, client_for, queries_for, django_assert_max_num_queries
):
    course = make_course(lessons=2)
    enrolment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lessons_of(course)[0])
    client = client_for(None, learner)
    client.get(course.url)
    few = queries_for(lambda: client.get(course.url))
    lesson_complete(user=learner, lesson=lessons_of(course)[1])
    for n in range(3, 12):
        make_lesson(course, f"Lesson {n}")
    # Wagtail routes a query a level and reloads content types (django-tenants forgets
    # them on every request); the module itself adds five, whatever its size.
    with django_assert_max_num_queries(22):
        response = client.get(course.url)
    assert "You have completed 2 of 11 lessons." in text_of(response)
    assert queries_for(lambda: client.get(course.url)) == few


# --- Lessons ------------------------------------------------------------------------


def test_a_lesson_shows_its_content_and_place_in_the_module(learner, client_for):
    course = make_course(lessons=3)
    enrolment_create(user=learner, course=course)
    first, second, third = lessons_of(course)
    lesson_complete(user=learner, lesson=first)
    response = client_for(None, learner).get(second.url)
    html = text_of(response)
    assert response.status_code == 200
    assert "The content of lesson 2." in html
    assert "Lesson 2 of 3" in html
    assert f'href="{first.url}"' in html  # the previous lesson
    assert f'href="{third.url}"' not in html  # not open until this one is done
    assert f'action="{second.url}complete/"' in html
    assert "Mark as complete and continue" in html


def test_marking_a_lesson_complete_saves_at_once_and_goes_to_the_next(learner, client_for):
    course = make_course(lessons=2)
    enrolment_create(user=learner, course=course)
    first, second = lessons_of(course)
    client = client_for(None, learner)

    response = client.post(first.url + "complete/")
    assert response.status_code == 302
    assert response["Location"] == second.url
    assert LessonCompletion.objects.filter(enrolment__user=learner, lesson=first).exists()
    assert Enrolment.objects.get(user=learner).status == EnrolmentStatus.IN_PROGRESS

    html = text_of(client.get(first.url))
    assert "You have completed this lesson." in html
    assert f'href="{second.url}"' in html  # the next lesson is open now

    response = client.post(second.url + "complete/", follow=True)
    assert response.redirect_chain[-1][0] == course.url
    assert "You can now take the assessment." in text_of(response)


def test_the_last_lesson_of_a_module_without_an_assessment_completes_it(learner, client_for):
    course = make_course(lessons=1, questions=0)
    enrolment_create(user=learner, course=course)
    response = client_for(None, learner).post(lessons_of(course)[0].url + "complete/", follow=True)
    html = text_of(response)
    assert f"You have completed every lesson of {course.title}." in html
    assert "You have completed this module." in html
    assert Enrolment.objects.get(user=learner).status == EnrolmentStatus.COMPLETED


def test_lessons_are_taken_in_order(learner, client_for):
    course = make_course(lessons=3)
    enrolment_create(user=learner, course=course)
    _, second, _ = lessons_of(course)
    client = client_for(None, learner)

    response = client.get(second.url, follow=True)
    assert response.redirect_chain[-1][0] == course.url
    assert "Lessons are taken in order" in text_of(response)

    response = client.post(second.url + "complete/", follow=True)
    assert response.status_code == 200
    assert "Complete the earlier lessons of this module first." in text_of(response)
    assert not LessonCompletion.objects.exists()


def test_a_lesson_needs_an_enrolment(learner, client_for):
    course = make_course(lessons=1)
    lesson = lessons_of(course)[0]
    client = client_for(None, learner)
    response = client.get(lesson.url, follow=True)
    assert response.redirect_chain[-1][0] == course.url
    assert f"Enrol on {course.title} to start its lessons." in text_of(response)

    response = client.post(lesson.url + "complete/", follow=True)
    assert "Enrol on this module first." in text_of(response)
    assert not LessonCompletion.objects.exists()


def test_completing_by_get_changes_nothing(learner, client_for):
    course = make_course(lessons=1)
    enrolment_create(user=learner, course=course)
    lesson = lessons_of(course)[0]
    response = client_for(None, learner).get(lesson.url + "complete/")
    assert response.status_code == 302
    assert not LessonCompletion.objects.exists()


def test_the_lesson_page_runs_a_bounded_number_of_queries(
    learner, client_for, queries_for, django_assert_max_num_queries
):
    course = make_course(lessons=2)
    enrolment_create(user=learner, course=course)
    first = lessons_of(course)[0]
    client = client_for(None, learner)
    client.get(first.url)
    few = queries_for(lambda: client.get(first.url))
    for n in range(3, 11):
        make_lesson(course, f"Lesson {n}")
    with django_assert_max_num_queries(24):  # a level deeper than the module page
        response = client.get(first.url)
    assert "Lesson 1 of 10" in text_of(response)
    assert queries_for(lambda: client.get(first.url)) == few


# --- Signed out ---------------------------------------------------------------------


def test_signed_out_people_are_sent_to_sign_in(client_for):
    index = make_training_index()
    course = make_course(lessons=1)
    lesson = lessons_of(course)[0]
    client = client_for()
    for url in (index.url, course.url, lesson.url, course.url + "assessment/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url
    for url in (course.url + "enrol/", lesson.url + "complete/", course.url + "assessment/"):
        response = client.post(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url
    assert not Enrolment.objects.exists()
