"""Accredited modules as Wagtail pages: Training → Course (the module, with its
assessment's question bank) → Lessons, in tree order."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from learning.blocks import BaseStreamBlock
from learning.pages import PageViewsMixin, SignedInPageMixin

from ..blocks import QuestionBankBlock


class TrainingIndexPage(SignedInPageMixin, Page):
    """The list of accredited modules."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from ..selectors import course_catalogue

        context = super().get_context(request, *args, **kwargs)
        context["courses"] = course_catalogue(user=request.user, index=self)
        return context


class CoursePage(SignedInPageMixin, PageViewsMixin, RoutablePageMixin, Page):
    """One accredited module: what it is, its lessons (child pages, in order) and
    its assessment (a question bank with a pass mark and a number of attempts)."""

    page_views = {
        "overview": "courses.views.course_page",
        "enrol": "courses.views.enrol",
        "assessment": "courses.views.assessment",
        "attempt": "courses.views.attempt",
    }

    summary = models.CharField(max_length=300, help_text="One or two sentences for the list.")
    description = RichTextField(
        blank=True, features=["bold", "italic", "link", "ul", "ol"], help_text="Who it is for."
    )
    learning_outcomes = StreamField(
        [("outcome", blocks.CharBlock(max_length=300))],
        blank=True,
        help_text="What someone can do after the module, one outcome a line.",
    )
    cpd_hours = models.DecimalField(
        "CPD hours",
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0.5), MaxValueValidator(100)],
    )
    accrediting_body = models.CharField(max_length=200)

    # The assessment.
    pass_mark = models.PositiveSmallIntegerField(
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="The percentage of questions answered correctly needed to pass.",
    )
    max_attempts = models.PositiveSmallIntegerField(
        default=3,
        validators=[MaxValueValidator(20)],
        help_text="How many times someone may take the assessment. 0 means no limit.",
    )
    shuffle = models.BooleanField(
        default=True, help_text="Show the questions, and their answers, in a new order each time."
    )
    questions_per_attempt = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Draw this many questions from the bank for each attempt. Empty: all of them.",
    )
    questions = StreamField(QuestionBankBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("learning_outcomes"),
        MultiFieldPanel(
            [FieldPanel("cpd_hours"), FieldPanel("accrediting_body")], heading="Accreditation"
        ),
        InlinePanel("prerequisites", heading="Modules to complete first", label="Prerequisite"),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("max_attempts"),
                FieldPanel("shuffle"),
                FieldPanel("questions_per_attempt"),
                FieldPanel("questions"),
            ],
            heading="Assessment",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
    ]
    parent_page_types = ["courses.TrainingIndexPage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = "module"

    def clean(self):
        super().clean()
        bank = len(self.questions or [])
        if self.questions_per_attempt and self.questions_per_attempt > bank:
            raise ValidationError(
                {
                    "questions_per_attempt": (
                        f"The bank has {bank} question{'s' if bank != 1 else ''}: "
                        "draw no more than that."
                    )
                }
            )

    @property
    def has_assessment(self) -> bool:
        return len(self.questions or []) > 0

    @property
    def attempt_size(self) -> int:
        bank = len(self.questions or [])
        return min(self.questions_per_attempt or bank, bank)

    def get_context(self, request, *args, **kwargs):
        from ..selectors import course_overview

        context = super().get_context(request, *args, **kwargs)
        context["overview"] = course_overview(user=request.user, course=self)
        return context

    @path("")
    def overview(self, request):
        return self.page_view("overview")(request, self)

    @path("enrol/")
    def enrol(self, request):
        return self.page_view("enrol")(request, self)

    @path("assessment/")
    def assessment(self, request):
        return self.page_view("assessment")(request, self)

    @path("assessment/<int:number>/")
    def attempt(self, request, number):
        return self.page_view("attempt")(request, self, number)


class CoursePrerequisite(Orderable):
    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="prerequisites")
    required = models.ForeignKey(
        CoursePage, on_delete=models.CASCADE, related_name="required_by", verbose_name="module"
    )

    panels = [PageChooserPanel("required", "courses.CoursePage")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["course", "required"], name="one_prerequisite_row")
        ]

    def clean(self):
        if self.required_id and self.required_id == self.course_id:
            raise ValidationError({"required": "A module cannot require itself."})


class LessonPage(SignedInPageMixin, PageViewsMixin, RoutablePageMixin, Page):
    """One lesson of a module. Lessons are taken in tree order."""

    page_views = {
        "read": "courses.views.lesson_read",
        "complete": "courses.views.lesson_complete",
    }

    summary = models.CharField(max_length=300, blank=True)
    minutes = models.PositiveSmallIntegerField(
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text="About how long the lesson takes.",
    )
    body = StreamField(BaseStreamBlock())

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("minutes"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    def get_context(self, request, *args, **kwargs):
        from ..selectors import lesson_context

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_context(user=request.user, lesson=self))
        return context

    @path("")
    def read(self, request):
        return self.page_view("read")(request, self)

    @path("complete/")
    def complete(self, request):
        return self.page_view("complete")(request, self)
