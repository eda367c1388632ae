from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from learning.blocks import BaseStreamBlock
from learning.page_urls import learning_page_urls
from learning.pages import PageViewsMixin, ReviewedPage, SignedInPageMixin

from ..blocks import AudienceOutcomesBlock
from ..enums import OutcomeAudience

INTRO_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class ReferenceGuidePage(SignedInPageMixin, PageViewsMixin, RoutablePageMixin, Page):
    """The Reference Guide for PCNs: a contents page over its chapters, and the whole
    guide as one PDF."""

    page_views = {
        "download": "induction.views.reference_guide_pdf",
    }

    intro = RichTextField(blank=True, features=INTRO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["induction.GuideChapterPage"]
    max_count = 1

    def chapters(self):
        return GuideChapterPage.objects.live().child_of(self).order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["chapters"] = list(self.chapters())
        context["learning_pages"] = learning_page_urls()
        return context

    @path("")
    def contents(self, request):
        return self.render(request)

    @path("download/")
    def download(self, request):
        return self.page_view("download")(request, self)


class GuideChapterPage(SignedInPageMixin, ReviewedPage, Page):
    summary = models.CharField(max_length=300, blank=True, help_text="Shown in the contents.")
    body = StreamField(BaseStreamBlock())

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        ReviewedPage.review_panel,
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["induction.ReferenceGuidePage"]
    subpage_types = []

    def get_context(self, request, *args, **kwargs):
        from ..selectors import chapter_navigation

        context = super().get_context(request, *args, **kwargs)
        context["navigation"] = chapter_navigation(chapter=self)
        return context


class SummaryGuidePage(SignedInPageMixin, ReviewedPage, Page):
    """The Summary Guide, with the Common Outcomes Framework set out for its three audiences."""

    intro = RichTextField(blank=True, features=INTRO_FEATURES)
    body = StreamField(BaseStreamBlock(), blank=True)
    outcomes_intro = RichTextField(blank=True, features=INTRO_FEATURES)
    outcomes_framework = StreamField(
        [("audience", AudienceOutcomesBlock())],
        help_text="One entry for each audience: the person, the local system, community groups.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("outcomes_intro"), FieldPanel("outcomes_framework")],
            heading="Common Outcomes Framework",
        ),
        ReviewedPage.review_panel,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("outcomes_framework"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    def clean(self):
        super().clean()
        audiences = [block.value["audience"] for block in self.outcomes_framework]
        expected = [audience.value for audience in OutcomeAudience]
        if sorted(audiences) != sorted(expected):
            labels = ", ".join(audience.label.lower() for audience in OutcomeAudience)
            raise ValidationError(
                {"outcomes_framework": f"Set out the outcomes once for each audience: {labels}."}
            )
