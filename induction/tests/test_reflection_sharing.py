"""Who reads a reflection: the step page says so before anyone writes, and the
coordinators' page shows exactly what those words allow."""

import html as html_lib

import pytest
from django.core.exceptions import ValidationError

from demo.content.induction_pack import INDUCTION_PACK
from induction.enums import StepKind
from induction.forms import READ_BY_COORDINATORS, YOU_CHOOSE
from induction.models import StepProgress
from induction.selectors import induction_task_list
from induction.services import step_complete
from induction.tests.factories import make_section, make_step, steps_of
from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PRIVATE_TEXT = "I found the first home visit hard."
SHARED_TEXT = "My goals: meet every practice manager."


@pytest.fixture
def steps(pack):
    """The pack's reflection step leaves sharing to the person; this one is always read."""
    section = make_section(pack, "Looking back")
    shared = make_step(section, "Reflect on your goals", StepKind.REFLECTION)
    shared.reflection_shared = True
    shared.save_revision().publish()
    return {"choose": steps_of(pack)["Reflect on what matters to me"], "shared": shared}


@pytest.fixture
def worker(north_west):
    return UserFactory(region=north_west, full_name="Sam Okafor")


@pytest.fixture
def coordinator(north_west):
    return UserFactory(role=Role.COORDINATOR, region=north_west)


def text(response) -> str:
    return html_lib.unescape(response.content.decode())


def person_page(client_for, coordinator, worker) -> str:
    response = client_for(None, coordinator).get(f"/induction-progress/people/{worker.pk}/")
    assert response.status_code == 200
    return text(response)


def test_a_step_that_leaves_it_to_the_person_says_so_and_asks_before_they_write(
    steps, worker, client_for
):
    page = text(client_for(None, worker).get(steps["choose"].url))
    assert YOU_CHOOSE in page
    assert "Who can read your reflection?" in page
    assert "Only me: keep it to myself" in page
    # The choice comes before the box they write in.
    assert page.index("Who can read your reflection?") < page.index('name="reflection"')
    assert "private to you" not in page


def test_a_step_read_by_coordinators_says_so_before_they_write_and_offers_no_choice(
    steps, worker, client_for
):
    page = text(client_for(None, worker).get(steps["shared"].url))
    assert READ_BY_COORDINATORS in page
    assert page.index(READ_BY_COORDINATORS) < page.index('name="reflection"')
    assert "Who can read your reflection?" not in page
    assert "keep it to myself" not in page


def test_the_task_list_says_who_reads_each_reflection(steps, worker, client_for, pack):
    page = text(client_for(None, worker).get(pack.url))
    assert "Reflection (you choose who reads it)" in page
    assert "Reflection (read by your learning coordinators)" in page
    assert "Only you can see" not in page


def test_the_person_must_choose_and_a_reflection_kept_to_themselves_is_not_shown(
    steps, worker, coordinator, client_for
):
    client = client_for(None, worker)
    unchosen = client.post(steps["choose"].url, {"reflection": PRIVATE_TEXT})
    assert unchosen.status_code == 400
    assert "Choose whether to keep your reflection to yourself" in text(unchosen)
    bad = client.post(steps["choose"].url, {"reflection": PRIVATE_TEXT, "sharing": "everyone"})
    assert bad.status_code == 400
    assert not StepProgress.objects.filter(user=worker).exists()

    done = client.post(steps["choose"].url, {"reflection": PRIVATE_TEXT, "sharing": "private"})
    assert done.status_code == 302
    assert "Kept to yourself: only you can read it." in text(client.get(steps["choose"].url))

    page = person_page(client_for, coordinator, worker)
    assert PRIVATE_TEXT not in page
    assert "Reflection kept private by Sam Okafor." in page


def test_a_reflection_the_person_shares_is_read_by_their_coordinators(
    steps, worker, coordinator, client_for
):
    client = client_for(None, worker)
    client.post(steps["choose"].url, {"reflection": PRIVATE_TEXT, "sharing": "share"})
    page = person_page(client_for, coordinator, worker)
    assert PRIVATE_TEXT in page
    assert "kept private" not in page


def test_a_step_read_by_coordinators_shares_whatever_is_posted(
    steps, worker, coordinator, client_for
):
    client = client_for(None, worker)
    response = client.post(steps["shared"].url, {"reflection": SHARED_TEXT, "sharing": "private"})
    assert response.status_code == 302
    assert StepProgress.objects.get(user=worker, step=steps["shared"]).reflection_shared
    assert SHARED_TEXT in person_page(client_for, coordinator, worker)

    # And it cannot be taken back afterwards.
    refused = client.post(steps["shared"].url, {"action": "sharing", "sharing": "private"})
    assert refused.status_code == 400
    assert "cannot be kept private" in text(refused)
    assert SHARED_TEXT in person_page(client_for, coordinator, worker)


def test_the_person_can_share_a_reflection_later_and_stop_sharing_it(
    steps, worker, coordinator, client_for
):
    client = client_for(None, worker)
    client.post(steps["choose"].url, {"reflection": PRIVATE_TEXT, "sharing": "private"})
    shared = client.post(steps["choose"].url, {"action": "sharing", "sharing": "share"})
    assert shared.status_code == 302
    assert PRIVATE_TEXT in person_page(client_for, coordinator, worker)
    page = text(client.get(steps["choose"].url))
    assert "Shared with your region's learning coordinators" in page

    client.post(steps["choose"].url, {"action": "sharing", "sharing": "private"})
    assert PRIVATE_TEXT not in person_page(client_for, coordinator, worker)

    nonsense = client.post(steps["choose"].url, {"action": "sharing", "sharing": "world"})
    assert nonsense.status_code == 400


def test_sharing_cannot_be_set_on_a_reflection_never_written(steps, worker, client_for):
    response = client_for(None, worker).post(
        steps["choose"].url, {"action": "sharing", "sharing": "share"}
    )
    assert response.status_code == 400
    assert "You have not written a reflection" in text(response)


def test_the_coordinators_task_list_does_not_carry_a_private_reflections_text(steps, worker):
    step_complete(user=worker, step=steps["choose"], reflection=PRIVATE_TEXT)
    step_complete(user=worker, step=steps["shared"], reflection=SHARED_TEXT)
    pack = steps["choose"].get_parent().get_parent()

    def reflections(**kwargs):
        items = [
            i
            for s in induction_task_list(user=worker, pack=pack, **kwargs).sections
            for i in s.items
            if i.step.kind == StepKind.REFLECTION
        ]
        return {i.step.title: (i.reflection, i.reflection_kept_private) for i in items}

    assert reflections(shared_reflections_only=True) == {
        "Reflect on what matters to me": ("", True),
        "Reflect on your goals": (SHARED_TEXT, False),
    }
    # The person themselves reads both.
    assert reflections()["Reflect on what matters to me"] == (PRIVATE_TEXT, True)


def test_only_reflection_steps_can_be_read_by_coordinators(pack):
    step = steps_of(pack)["Who social prescribing helps"]
    step.reflection_shared = True
    with pytest.raises(ValidationError) as error:
        step.full_clean()
    assert "reflection_shared" in error.value.error_dict


def test_the_demo_pack_says_nothing_its_steps_do_not_do():
    intro = INDUCTION_PACK["intro"]
    assert "Only you can see" not in intro
    reflection_steps = [
        step
        for section in INDUCTION_PACK["sections"]
        for step in section["steps"]
        if step["kind"] == "reflection"
    ]
    assert {step.get("reflection_shared", False) for step in reflection_steps} == {True, False}
    for step in reflection_steps:
        body = str(step["body"])
        assert "private to you" not in body
        if step.get("reflection_shared"):
            assert "learning coordinators read this reflection" in body
        else:
            assert "You choose whether" in body
