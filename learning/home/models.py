from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from learning.page_urls import learning_page_urls
from learning.regions.selectors import (
    current_region,
    region_list,
    region_url,
    request_can_enter_region,
)


class HomePage(Page):
    """The front page of every host. On the hub it lists the regions; on a
    region host it welcomes people to that region's community."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol"])
    region_intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text="Shown on every region's home page above its community links.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("region_intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "induction.InductionPackPage",
        "induction.ReferenceGuidePage",
        "induction.SummaryGuidePage",
        "courses.TrainingIndexPage",
        "resources.ResourcesIndexPage",
    ]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        region = current_region()
        context["region"] = region
        if request.user.is_authenticated:
            context["learning_pages"] = learning_page_urls()
        if region is None:
            context["regions"] = [(r, region_url(r.slug)) for r in region_list()]
        else:
            context["is_member"] = request_can_enter_region(request)
            home = request.user.home_region if request.user.is_authenticated else None
            if home is not None and home != region:
                context["home_region_url"] = region_url(home.slug)
            context["ccgs"] = region.ccgs.order_by("name")
        return context
