"""The learner's side of a module: its page, enrolling, lessons, and the assessment.

The page models route here (courses/models/pages.py); signing in is already
required by `SignedInPageMixin.serve`. Every refusal from a service reaches the
person as a message or a form error, never as a server error.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from learning.page_urls import learning_page_urls

from . import services
from .forms import AttemptForm
from .models import Certificate
from .selectors import assessment_status, attempt_of, attempt_review, lesson_after

READ_OR_SEND = ("GET", "HEAD", "POST")


def _message(error: ValidationError) -> str:
    return " ".join(error.messages)


def _crumbs(request, *, course=None, assessment=False) -> list[tuple[str, str]]:
    """Home, Training, the module and its assessment, as deep as the page is."""
    crumbs = [("Home", "/")]
    training_url = learning_page_urls().get("training")
    if training_url:
        crumbs.append(("Training", training_url))
    if course is not None:
        crumbs.append((course.title, course.get_url(request)))
        if assessment:
            crumbs.append(("Assessment", _assessment_url(request, course)))
    return crumbs


def _assessment_url(request, course) -> str:
    return course.get_url(request) + course.reverse_subpage("assessment")


def _attempt_url(request, course, number: int) -> str:
    return course.get_url(request) + course.reverse_subpage("attempt", args=[number])


# --- The module ---------------------------------------------------------------------


def course_page(request, course):
    return course.render(request, context_overrides={"crumbs": _crumbs(request)})


def enrol(request, course):
    if request.method != "POST":
        return redirect(course.get_url(request))
    try:
        services.enrolment_create(user=request.user, course=course)
    except ValidationError as error:
        messages.error(request, _message(error))
    else:
        messages.success(request, f"You are enrolled on {course.title}.")
    return redirect(course.get_url(request))


# --- Lessons ------------------------------------------------------------------------


def lesson_read(request, lesson):
    """A lesson, for someone enrolled who has done the lessons before it. Anyone
    else goes back to the module page, which says what to do first."""
    context = lesson.get_context(request)
    course, item = context["course"], context["lesson_item"]
    if not getattr(request, "is_preview", False):  # editors preview any lesson
        refusal = None
        if context["enrolment"] is None:
            refusal = f"Enrol on {course.title} to start its lessons."
        elif item is None or not item.available:
            refusal = "Lessons are taken in order: finish the earlier lessons of this module first."
        if refusal:
            messages.info(request, refusal)
            return redirect(course.get_url(request))
    context["crumbs"] = _crumbs(request, course=course)
    return TemplateResponse(request, lesson.get_template(request), context)


def lesson_complete(request, lesson):
    """Saves progress at once, then goes on to the next lesson (or back to the module)."""
    if request.method != "POST":
        return redirect(lesson.get_url(request))
    course = lesson.get_parent().specific
    try:
        services.lesson_complete(user=request.user, lesson=lesson)
    except ValidationError as error:
        messages.error(request, _message(error))
        return redirect(course.get_url(request))
    following = lesson_after(lesson)
    if following is not None:
        messages.success(request, f"Progress saved: you have completed {lesson.title}.")
        return redirect(following.get_url(request))
    if course.has_assessment:
        messages.success(
            request,
            f"You have completed every lesson of {course.title}. You can now take the assessment.",
        )
    else:
        messages.success(request, f"You have completed every lesson of {course.title}.")
    return redirect(course.get_url(request))


# --- The assessment -----------------------------------------------------------------


def assessment(request, course):
    """GET: the rules and a Start button. POST: start an attempt, or carry on with
    the open one, and go to it."""
    if request.method not in READ_OR_SEND:
        return HttpResponseNotAllowed(READ_OR_SEND)
    if request.method == "POST":
        try:
            attempt = services.attempt_start(user=request.user, course=course)
        except ValidationError as error:
            messages.error(request, _message(error))
            return redirect(_assessment_url(request, course))
        return redirect(_attempt_url(request, course, attempt.number))
    if not course.has_assessment:
        messages.info(request, "This module has no assessment.")
        return redirect(course.get_url(request))
    status = assessment_status(user=request.user, course=course)
    if status.enrolment is None:
        messages.info(request, f"Enrol on {course.title} before you take its assessment.")
        return redirect(course.get_url(request))
    return TemplateResponse(
        request,
        "courses/assessment.html",
        {"page": course, "status": status, "crumbs": _crumbs(request, course=course)},
    )


def attempt(request, course, number: int):
    """An open attempt is a form; a sent one is its result. Another person's
    attempt, or a number never used, is not found."""
    if request.method not in READ_OR_SEND:
        return HttpResponseNotAllowed(READ_OR_SEND)
    taken = attempt_of(user=request.user, course=course, number=number)
    if taken is None:
        raise Http404("No such attempt.")
    if not taken.is_open:
        status = 200
        if request.method == "POST":
            messages.error(
                request, "This attempt has already been sent. Its answers cannot change."
            )
            status = 409
        return _result(request, course, taken, status=status)
    if request.method != "POST":
        return _attempt_form(request, course, taken, AttemptForm(attempt=taken))
    form = AttemptForm(request.POST, attempt=taken)
    if form.is_valid():
        try:
            services.attempt_submit(user=request.user, attempt_id=taken.pk, answers=form.answers())
        except PermissionDenied:
            raise Http404("No such attempt.") from None
        except ValidationError as error:
            if not attempt_of(user=request.user, course=course, number=number).is_open:
                # A second click that lost the race: the first one was marked.
                return redirect(_attempt_url(request, course, taken.number))
            form.add_service_errors(error)
        else:
            return redirect(_attempt_url(request, course, taken.number))
    return _attempt_form(request, course, taken, form, status=400)


def _attempt_form(request, course, taken, form, *, status=200):
    return TemplateResponse(
        request,
        "courses/assessment.html",
        {
            "page": course,
            "attempt": taken,
            "form": form,
            "crumbs": _crumbs(request, course=course, assessment=True),
        },
        status=status,
    )


def _result(request, course, taken, *, status=200):
    assessment = assessment_status(user=request.user, course=course)
    certificate = None
    if taken.passed and assessment.enrolment is not None and assessment.enrolment.is_completed:
        # Issued as the attempt was marked: the download is offered at once.
        certificate = Certificate.objects.filter(
            enrolment=assessment.enrolment, revoked_at=None
        ).first()
    return TemplateResponse(
        request,
        "courses/attempt_result.html",
        {
            "page": course,
            "attempt": taken,
            "questions": attempt_review(taken),
            "status": assessment,
            "certificate": certificate,
            "crumbs": _crumbs(request, course=course, assessment=True),
        },
        status=status,
    )
