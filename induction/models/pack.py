from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from learning.blocks import BaseStreamBlock
from learning.pages import PageViewsMixin, SignedInPageMixin

from ..enums import StepKind


class InductionPackPage(SignedInPageMixin, PageViewsMixin, RoutablePageMixin, Page):
    """The welcome and induction pack: sections of steps, shown to each link worker as a task list."""

    page_views = {
        "record": "induction.views.completion_record",
    }

    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["induction.InductionSectionPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from ..selectors import induction_task_list

        context = super().get_context(request, *args, **kwargs)
        context["task_list"] = induction_task_list(user=request.user, pack=self)
        return context

    @path("")
    def task_list(self, request):
        return self.render(request)

    @path("record/")
    def completion_record(self, request):
        """The signed-in person's own record of their induction, as a PDF."""
        return self.page_view("record")(request, self)


class InductionSectionPage(SignedInPageMixin, Page):
    summary = models.CharField(max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    parent_page_types = ["induction.InductionPackPage"]
    subpage_types = ["induction.InductionStepPage"]


class InductionStepPage(PageViewsMixin, Page):
    """One step: something to read, an offline task, a reflection, or a webinar to
    attend (completed when an organiser records the person's attendance at any
    session of its series).

    Who reads a reflection is the step's to say: `reflection_shared` means the
    link worker's learning coordinators read every reflection written for it;
    otherwise the link worker chooses, for each reflection, whether to share it."""

    page_views = {
        "serve": "induction.views.serve_step",
    }

    kind = models.CharField(max_length=20, choices=StepKind.choices, default=StepKind.READ)
    required = models.BooleanField(
        default=True, help_text="Required steps count towards completing the induction."
    )
    needs_sign_off = models.BooleanField(
        default=False,
        help_text="Offline tasks only: a learning coordinator confirms it was done.",
    )
    reflection_shared = models.BooleanField(
        "Learning coordinators read this reflection",
        default=False,
        help_text="Reflection steps only. Tick when the link worker's learning coordinators "
        "need to read what they write (the step page tells them so before they write). "
        "Leave it unticked to let each link worker choose whether to share their reflection.",
    )
    # PROTECT: a series an "attend a webinar" step points at cannot be deleted from
    # under it, which would leave a required step that nobody could ever complete.
    webinar_series = models.ForeignKey(
        "webinars.Series",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="induction_steps",
        help_text="“Attend a webinar” steps only: attending any session of this series "
        "completes the step.",
    )
    summary = models.CharField(max_length=300, blank=True, help_text="Shown in the task list.")
    body = StreamField(BaseStreamBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("required"),
                FieldPanel("needs_sign_off"),
                FieldPanel("reflection_shared"),
                FieldPanel("webinar_series"),
            ],
            heading="How the step is completed",
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["induction.InductionSectionPage"]
    subpage_types = []

    def clean(self):
        super().clean()
        errors = {}
        if self.needs_sign_off and self.kind != StepKind.OFFLINE:
            errors["needs_sign_off"] = "Only offline tasks can need sign-off."
        if self.reflection_shared and self.kind != StepKind.REFLECTION:
            errors["reflection_shared"] = "Only reflection steps have a reflection to share."
        if self.kind == StepKind.WEBINAR and self.webinar_series_id is None:
            errors["webinar_series"] = (
                "Choose the webinar series whose sessions complete this step."
            )
        elif self.kind != StepKind.WEBINAR and self.webinar_series_id is not None:
            errors["webinar_series"] = "Only “Attend a webinar” steps have a webinar series."
        if errors:
            raise ValidationError(errors)

    @property
    def is_reflection(self) -> bool:
        return self.kind == StepKind.REFLECTION

    @property
    def is_webinar(self) -> bool:
        return self.kind == StepKind.WEBINAR

    def serve(self, request, *args, **kwargs):
        return self.page_view("serve")(request, self, *args, **kwargs)
