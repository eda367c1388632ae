"""Behaviour shared by content pages."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.module_loading import import_string
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class SignedInPageMixin:
    """The page is for members: anyone signed out is sent to sign in and brought back.

    Wagtail's page privacy would also do this, but it is set per page and editors
    could remove it; members-only content is a property of the page type here.
    """

    def serve(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().serve(request, *args, **kwargs)


class ReviewedPage(models.Model):
    """Guidance that carries NHS.UK's 'Page last reviewed / Next review due'."""

    last_reviewed = models.DateField(help_text="When the content was last checked.")
    next_review_due = models.DateField(help_text="When it must be checked again.")

    review_panel = MultiFieldPanel(
        [FieldPanel("last_reviewed"), FieldPanel("next_review_due")], heading="Review dates"
    )

    class Meta:
        abstract = True

    @property
    def review_is_overdue(self) -> bool:
        return self.next_review_due is not None and self.next_review_due < timezone.localdate()

    def clean(self):
        super().clean()
        if (
            self.last_reviewed
            and self.next_review_due
            and self.next_review_due <= self.last_reviewed
        ):
            raise ValidationError(
                {"next_review_due": "The next review must be after the last review."}
            )


class PageViewsMixin:
    """A page whose routes (or context) its app's views module provides, named by
    dotted path in `page_views`, so that models do not import views (views import
    models): `self.page_view("enrol")(request, self)` calls "courses.views.enrol".
    `tests/test_layout_imports.py` checks that no models module imports views, and
    that every name given here is a function."""

    page_views: dict[str, str] = {}

    def page_view(self, name: str):
        return import_string(self.page_views[name])
