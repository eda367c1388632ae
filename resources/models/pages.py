"""Local resources as Wagtail pages, in the shared page tree:

Resources (one, /resources/) → a region's library (one per region) → a CCG's area
(one per CCG; its publishers group holds the page permissions) → resources.

Publishing rights come from Wagtail page permissions on a CCG's area page, so a CCG
lead can add, edit and publish only there. A resource takes its region and CCG from
its area, never from a form, so neither can be forged.
"""

from django import forms
from django.contrib.auth.models import Group
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Collection, Page

from learning.pages import PageViewsMixin, ReviewedPage, SignedInPageMixin
from learning.regions.models import Region
from learning.regions.selectors import current_region, region_url
from learning.regions.views import region_forbidden_response

from ..enums import Need, ResourceKind
from ..review_dates import review_due_default, uk_today
from ..validators import validate_uk_phone

WEB_ADDRESS_MESSAGE = "Enter a full web address starting with https:// or http://"


class ChoiceArrayField(ArrayField):
    """An array of choices, edited as checkboxes rather than comma-separated text."""

    def formfield(self, **kwargs):
        return super(ArrayField, self).formfield(
            **{
                "form_class": forms.TypedMultipleChoiceField,
                "choices": self.base_field.choices,
                "widget": forms.CheckboxSelectMultiple,
                **kwargs,
            }
        )


class WebAddressField(models.URLField):
    """http and https only, with a message that says what to type."""

    default_validators = [URLValidator(schemes=["http", "https"], message=WEB_ADDRESS_MESSAGE)]

    def formfield(self, **kwargs):
        return super().formfield(
            **{
                "error_messages": {"invalid": WEB_ADDRESS_MESSAGE},
                "assume_scheme": "https",
                **kwargs,
            }
        )


class LocallyPublishedMixin:
    """Local resources are the CCG leads' to publish: the national content review
    workflow on the home page is for national content only."""

    def get_workflow(self):
        return None


class RegionalPageMixin(LocallyPublishedMixin, SignedInPageMixin):
    """Served only on its region's host, to people who may enter that region.

    The page tree is shared by every host; a region's resources are not. On another
    host the page sends people to the right one, where the same check applies.
    """

    def resource_region_id(self) -> int | None:
        raise NotImplementedError

    def serve(self, request, *args, **kwargs):
        if not request.user.is_authenticated or getattr(request, "is_preview", False):
            # Signing in comes first; an editor's preview in the admin (on the hub) was
            # already allowed by the admin's own page permissions.
            return super().serve(request, *args, **kwargs)
        region_id = self.resource_region_id()
        if region_id is None:
            raise Http404("This page belongs to no region.")
        here = current_region()
        if here is None or here.pk != region_id:
            slug = Region.objects.values_list("slug", flat=True).get(pk=region_id)
            return redirect(region_url(slug) + request.get_full_path())
        forbidden = region_forbidden_response(request)
        if forbidden is not None:
            return forbidden
        return super().serve(request, *args, **kwargs)


class ResourcesIndexPage(LocallyPublishedMixin, SignedInPageMixin, Page):
    """/resources/: on a region's host, that region's library; on the hub, the list."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.RegionResourcesPage"]
    max_count = 1

    def serve(self, request, *args, **kwargs):
        region = current_region()
        if request.user.is_authenticated and region is not None:
            library = RegionResourcesPage.objects.live().filter(region=region).first()
            if library is not None:
                return redirect(library.url)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from ..selectors import libraries_for

        context = super().get_context(request, *args, **kwargs)
        context["libraries"] = [
            (library, region_url(library.region.slug) + library.url)
            for library in libraries_for(request.user)
        ]
        return context


class RegionResourcesPage(RegionalPageMixin, PageViewsMixin, Page):
    """A region's library: every live resource its CCG leads have published, to browse,
    search and filter."""

    page_views = {
        "context": "resources.views.library_context",
    }

    region = models.OneToOneField(
        "regions.Region", on_delete=models.PROTECT, related_name="resource_library"
    )
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["resources.ResourcesIndexPage"]
    subpage_types = ["resources.AreaResourcesPage"]

    def resource_region_id(self) -> int | None:
        return self.region_id

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.page_view("context")(request, library=self))
        return context


class AreaResourcesPage(RegionalPageMixin, Page):
    """One CCG's resources. Its publishers group (the CCG's leads) has add, change and
    publish permission here and nowhere else."""

    ccg = models.OneToOneField(
        "accounts.CCG", on_delete=models.PROTECT, related_name="resource_area"
    )
    publishers = models.OneToOneField(
        Group, null=True, on_delete=models.SET_NULL, editable=False, related_name="+"
    )
    collection = models.OneToOneField(
        Collection, null=True, on_delete=models.SET_NULL, editable=False, related_name="+"
    )

    parent_page_types = ["resources.RegionResourcesPage"]
    subpage_types = ["resources.ResourcePage"]

    def resource_region_id(self) -> int | None:
        return self.ccg.region_id

    def permissions_for_user(self, user):
        # Its leads' rights are for the resources inside, not for the area itself.
        from ..page_permissions import AreaPagePermissionTester

        return AreaPagePermissionTester(user, self)

    def serve(self, request, *args, **kwargs):
        # The region's library, filtered to this CCG, is the one list to keep.
        library = self.get_parent()
        return redirect(f"{library.url}?ccg={self.ccg_id}")


class ResourcePage(RegionalPageMixin, PageViewsMixin, RoutablePageMixin, ReviewedPage, Page):
    """A local service or community group, a local guide or document, or a link."""

    page_views = {
        "correction": "resources.views.correction",
        "context": "resources.views.resource_context",
    }

    kind = models.CharField(max_length=20, choices=ResourceKind.choices)
    summary = models.CharField(
        max_length=300, help_text="What it offers, in a sentence or two, for the list."
    )
    description = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text="More about what it offers.",
    )
    who_for = models.CharField(
        "Who it is for", max_length=300, blank=True, help_text="For example: adults over 50."
    )
    needs = ChoiceArrayField(
        models.CharField(max_length=30, choices=Need.choices),
        default=list,
        blank=True,
        help_text="What it helps with. A local service needs at least one.",
    )
    how_to_refer = models.TextField(
        "How to refer",
        blank=True,
        help_text="How a link worker refers someone, and whether people can refer themselves.",
    )
    self_referral = models.BooleanField("People can refer themselves", default=False)
    phone = models.CharField(
        "Phone number", max_length=30, blank=True, validators=[validate_uk_phone]
    )
    email = models.EmailField("Email address", blank=True)
    website = WebAddressField(
        "Web address", max_length=500, blank=True, help_text="Required for a link."
    )
    address = models.TextField(blank=True)
    opening_times = models.TextField(
        blank=True, help_text="For example: Monday to Friday, 9am to 5pm."
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Required for a local guide or document.",
    )
    # A new resource was reviewed as it was written; it is due again in a year.
    last_reviewed = models.DateField(
        default=uk_today, help_text="When the content was last checked."
    )
    next_review_due = models.DateField(
        default=review_due_default, help_text="When it must be checked again."
    )
    # Copied from the area page on every save, for filtering; never from a form.
    region = models.ForeignKey(
        "regions.Region", null=True, on_delete=models.PROTECT, editable=False, related_name="+"
    )
    ccg = models.ForeignKey(
        "accounts.CCG", null=True, on_delete=models.PROTECT, editable=False, related_name="+"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("needs"),
        FieldPanel("description"),
        FieldPanel("who_for"),
        MultiFieldPanel(
            [
                FieldPanel("how_to_refer"),
                FieldPanel("self_referral"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("website"),
                FieldPanel("address"),
                FieldPanel("opening_times"),
            ],
            heading="Referral and contact",
        ),
        FieldPanel("document"),
        ReviewedPage.review_panel,
    ]
    parent_page_types = ["resources.AreaResourcesPage"]
    subpage_types = []

    class Meta:
        indexes = [models.Index(fields=["region", "ccg"])]

    def resource_region_id(self) -> int | None:
        return self.region_id

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == ResourceKind.SERVICE:
            if not self.needs:
                errors["needs"] = "Choose at least one need this service helps with."
            if not (self.how_to_refer or "").strip():
                errors["how_to_refer"] = "Say how to refer someone, or how they refer themselves."
            if not (self.phone or self.email or self.website):
                errors["phone"] = "Give at least one way to get in touch: phone, email or web."
        elif self.kind == ResourceKind.DOCUMENT and self.document_id is None:
            errors["document"] = "Choose the guide or document to publish."
        elif self.kind == ResourceKind.LINK and not self.website:
            errors["website"] = "Enter the web address this resource links to."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.area_copy()
        return super().save(*args, **kwargs)

    def area_copy(self) -> None:
        """Take the region and CCG from the area page this resource sits under."""
        if not self.path:
            return
        parent = self.get_parent()
        area = AreaResourcesPage.objects.filter(pk=parent.pk).select_related("ccg").first()
        if area is not None:
            self.ccg = area.ccg
            self.region_id = area.ccg.region_id

    @path("")
    def read(self, request):
        return self.render(request)

    @path("correction/")
    def correction(self, request):
        return self.page_view("correction")(request, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.page_view("context")(request, resource=self))
        return context
