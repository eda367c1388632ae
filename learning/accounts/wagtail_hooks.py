"""The organisation directory (Region → CCG → PCN) in the Wagtail admin.

Editing is limited by model permissions, which only the National team group
holds (see services.GROUP_PERMISSIONS)."""

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CCG, PCN


class CCGViewSet(SnippetViewSet):
    model = CCG
    icon = "group"
    menu_label = "CCGs"
    list_display = ["name", "code", "region"]
    list_filter = ["region"]
    search_fields = ["name", "code"]
    ordering = ["region__name", "name"]
    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("region")]

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        # The hub's own row is not a region an organisation can belong to.
        from learning.regions.models import Region

        form_class.base_fields["region"].queryset = Region.objects.regional()
        return form_class


class PCNViewSet(SnippetViewSet):
    model = PCN
    icon = "site"
    menu_label = "PCNs"
    list_display = ["name", "code", "ccg"]
    list_filter = ["ccg__region"]
    search_fields = ["name", "code"]
    ordering = ["ccg__name", "name"]
    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("ccg")]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (CCGViewSet, PCNViewSet)
    menu_icon = "list-ul"
    menu_label = "Organisations"
    menu_name = "organisations"


register_snippet(DirectoryViewSetGroup)
