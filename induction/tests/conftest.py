import pytest

from induction.enums import StepKind

from .factories import make_pack, make_section, make_step


@pytest.fixture
def pack(db):
    """A small pack: three required steps (one read, one reflection, one offline task
    that needs sign-off) and one optional read."""
    pack = make_pack()
    about = make_section(pack, "What social prescribing is")
    make_step(about, "Who social prescribing helps")
    make_step(about, "Reflect on what matters to me", StepKind.REFLECTION)
    supervision = make_section(pack, "Supervision and wellbeing")
    make_step(supervision, "Meet your clinical supervisor", StepKind.OFFLINE, needs_sign_off=True)
    make_step(supervision, "Further reading on wellbeing", required=False)
    return pack
