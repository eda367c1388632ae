from learning.home.models import HomePage

from ..enums import StepKind
from ..models import InductionPackPage, InductionSectionPage, InductionStepPage


def make_pack(title="Your induction") -> InductionPackPage:
    home = HomePage.objects.get()
    return home.add_child(instance=InductionPackPage(title=title, slug="induction"))


def make_section(pack, title) -> InductionSectionPage:
    return pack.add_child(
        instance=InductionSectionPage(title=title, slug=title.lower().replace(" ", "-"))
    )


def make_step(
    section, title, kind=StepKind.READ, *, required=True, needs_sign_off=False, series=None
):
    """`series`: the webinar series of an "attend a webinar" step."""
    return section.add_child(
        instance=InductionStepPage(
            title=title,
            slug=title.lower().replace(" ", "-"),
            kind=kind,
            required=required,
            needs_sign_off=needs_sign_off,
            webinar_series=series,
            summary=f"About {title.lower()}.",
        )
    )


def steps_of(pack) -> dict[str, InductionStepPage]:
    return {s.title: s for s in InductionStepPage.objects.descendant_of(pack)}
