"""What other apps show on the coordinators' page for one link worker
(`/induction-progress/people/<id>/`), below their induction.

Induction imports none of those apps: each adds its part from its
AppConfig.ready() (`courses` adds the person's modules, with the button that
gives another attempt), naming a template and a function of the person that
returns what the template shows. The page includes each template with the
page's context plus `section`, that function's result.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonSection:
    template: str
    data: object


@dataclass(frozen=True)
class _Registered:
    template: str
    read: Callable[[object], object]


_SECTIONS: dict[str, _Registered] = {}


def person_section_register(name: str, *, template: str, read: Callable[[object], object]) -> None:
    """Show `template` on the person's page, with `section` = read(person). Idempotent."""
    _SECTIONS[name] = _Registered(template, read)


def person_sections(person) -> list[PersonSection]:
    """Each registered part for this person, in the order the apps registered them."""
    return [PersonSection(part.template, part.read(person)) for part in _SECTIONS.values()]
