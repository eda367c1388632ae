"""Link workers' side of local resources. The page models route here
(resources/models/pages.py); region access is already decided by their serve()."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from learning.forms import apply_validation_error

from . import services
from .enums import Need
from .forms import CorrectionForm, ResourceFilterForm
from .models import RegionResourcesPage
from .selectors import library_resources
from .validators import phone_href

RESOURCES_PER_PAGE = 20
NEED_LABELS = dict(Need.choices)


def library_context(request, *, library) -> dict:
    form = ResourceFilterForm(request.GET if request.GET else None, region=library.region)
    filters = form.filters()
    resources = library_resources(library, **filters)
    page_obj = Paginator(resources, RESOURCES_PER_PAGE).get_page(request.GET.get("page"))
    for resource in page_obj:
        resource.need_labels = [NEED_LABELS.get(need, need) for need in resource.needs]
    return {
        "form": form,
        "filtered": any(filters.values()),
        "page_obj": page_obj,
        "crumbs": [("Home", "/")],
    }


def resource_context(request, *, resource) -> dict:
    library = RegionResourcesPage.objects.get(region_id=resource.region_id)
    return {
        "need_labels": [NEED_LABELS.get(need, need) for need in resource.needs],
        "phone_href": phone_href(resource.phone) if resource.phone else "",
        "correction_form": CorrectionForm(),
        "correction_url": resource.url + resource.reverse_subpage("correction"),
        "crumbs": [
            ("Home", "/"),
            (library.title, library.url),
            (resource.ccg.name, f"{library.url}?ccg={resource.ccg_id}"),
        ],
    }


def correction(request, resource):
    """A reader's suggested correction, sent to the CCG's leads."""
    if request.method != "POST":
        return redirect(resource.url + "#correction")
    form = CorrectionForm(request.POST)
    if form.is_valid():
        try:
            services.correction_submit(
                resource=resource, author=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                "Thank you. Your correction has gone to the CCG's social prescribing lead.",
            )
            return redirect(resource.url)
    context = resource.get_context(request)
    context["correction_form"] = form
    return TemplateResponse(request, resource.get_template(request), context, status=400)
