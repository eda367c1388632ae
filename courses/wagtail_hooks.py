"""Admin guards for modules: a module someone has enrolled on is a credential's
source and is unpublished, never deleted."""

from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks

from .models import CoursePage, Enrolment


def modules_under(page):
    """The modules a delete of `page` would take with it (itself included)."""
    return CoursePage.objects.descendant_of(page, inclusive=True)


@hooks.register("before_delete_page")
def refuse_deleting_modules_with_learners(request, page):
    modules = modules_under(page)
    taken = Enrolment.objects.filter(course__in=modules).values("course").distinct().count()
    if taken:
        messages.error(
            request,
            f"“{page.title}” cannot be deleted: people are enrolled on "
            f"{taken} module{'s' if taken != 1 else ''} in it, and their records and "
            "certificates depend on them. Unpublish it instead.",
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None
