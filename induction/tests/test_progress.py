import pytest

from induction.enums import StepStatus
from induction.models import REFLECTION_MAX_LENGTH, StepProgress
from induction.selectors import induction_task_list
from induction.services import step_complete
from induction.tests.factories import make_section, make_step, steps_of
from learning.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_task_list_shows_sections_steps_and_what_is_left(pack, client_for):
    worker = UserFactory()
    page = client_for(None, worker).get(pack.url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "What social prescribing is" in html and "Supervision and wellbeing" in html
    assert "You have completed 0 of 3 required steps. 3 to go." in html
    assert html.count("Not started") == 4
    assert "nhsuk-task-list" in html


def test_reading_a_step_completes_it_at_once(pack, client_for):
    worker = UserFactory()
    step = steps_of(pack)["Who social prescribing helps"]
    client = client_for(None, worker)
    response = client.post(step.url)
    assert response.status_code == 302
    assert StepProgress.objects.get(user=worker, step=step).status == StepStatus.COMPLETED
    assert "You have completed 1 of 3 required steps" in client.get(pack.url).content.decode()


def test_a_reflection_is_required_kept_and_bounded(pack, client_for):
    worker = UserFactory()
    step = steps_of(pack)["Reflect on what matters to me"]
    client = client_for(None, worker)
    empty = client.post(step.url, {"reflection": "   "})
    assert empty.status_code == 400
    assert "Write your reflection" in empty.content.decode()
    too_long = client.post(step.url, {"reflection": "x" * (REFLECTION_MAX_LENGTH + 1)})
    assert too_long.status_code == 400
    assert not StepProgress.objects.filter(user=worker).exists()

    client.post(
        step.url, {"reflection": "Listening first changed the conversation.", "sharing": "share"}
    )
    progress = StepProgress.objects.get(user=worker, step=step)
    assert progress.status == StepStatus.COMPLETED
    assert progress.reflection == "Listening first changed the conversation."


def test_an_offline_task_that_needs_sign_off_waits_for_a_coordinator(pack, client_for):
    worker = UserFactory()
    step = steps_of(pack)["Meet your clinical supervisor"]
    client = client_for(None, worker)
    client.post(step.url)
    assert StepProgress.objects.get(user=worker, step=step).status == StepStatus.AWAITING_SIGN_OFF
    html = client.get(pack.url).content.decode()
    assert "Waiting for sign-off" in html
    assert "You have completed 0 of 3 required steps" in html


def test_a_second_completion_changes_nothing(pack, client_for):
    worker = UserFactory()
    step = steps_of(pack)["Who social prescribing helps"]
    client = client_for(None, worker)
    client.post(step.url)
    first = StepProgress.objects.get(user=worker, step=step)
    response = client.post(step.url)
    assert response.status_code == 400
    assert "already completed" in response.content.decode()
    assert StepProgress.objects.get(user=worker, step=step).completed_at == first.completed_at


def test_one_persons_progress_is_theirs_alone(pack, client_for):
    worker, colleague = UserFactory(), UserFactory()
    step = steps_of(pack)["Who social prescribing helps"]
    client_for(None, worker).post(step.url)
    colleague_page = client_for(None, colleague).get(pack.url).content.decode()
    assert "You have completed 0 of 3 required steps" in colleague_page


def test_unpublishing_a_step_keeps_records_but_stops_counting_it(pack, client_for):
    worker = UserFactory()
    step = steps_of(pack)["Who social prescribing helps"]
    client_for(None, worker).post(step.url)
    step.unpublish()
    task_list = induction_task_list(user=worker, pack=pack)
    assert (task_list.required_done, task_list.required_total) == (0, 2)
    assert StepProgress.objects.filter(user=worker, step=step).exists()
    step.save_revision().publish()
    task_list = induction_task_list(user=worker, pack=pack)
    assert (task_list.required_done, task_list.required_total) == (1, 3)


def test_moving_a_step_to_another_section_keeps_its_record(pack):
    worker = UserFactory()
    found = steps_of(pack)
    step_complete(user=worker, step=found["Who social prescribing helps"])
    target = found["Meet your clinical supervisor"].get_parent()
    found["Who social prescribing helps"].move(target, pos="first-child")
    task_list = induction_task_list(user=worker, pack=pack)
    moved = [i for s in task_list.sections for i in s.items if i.status == StepStatus.COMPLETED]
    assert [i.step.title for i in moved] == ["Who social prescribing helps"]
    assert moved[0].step.get_parent().title == "Supervision and wellbeing"


def test_signing_in_is_required(pack, client_for):
    step = steps_of(pack)["Who social prescribing helps"]
    assert client_for().get(pack.url).status_code == 302
    assert client_for().post(step.url).status_code == 302
    assert not StepProgress.objects.exists()


def test_the_task_list_queries_do_not_grow_with_steps(pack, client_for, queries_for):
    worker = UserFactory()
    client = client_for(None, worker)
    client.get(pack.url)
    before = queries_for(lambda: client.get(pack.url))
    section = make_section(pack, "Safeguarding")
    for n in range(8):
        make_step(section, f"Safeguarding step {n}")
    after = queries_for(lambda: client.get(pack.url))
    assert after == before


def test_a_step_page_runs_a_bounded_number_of_queries(
    pack, client_for, queries_for, django_assert_max_num_queries
):
    worker = UserFactory()
    client = client_for(None, worker)
    step = steps_of(pack)["Reflect on what matters to me"]
    client.get(step.url)  # warm the site cache
    few = queries_for(lambda: client.get(step.url))
    section = make_section(pack, "Recording outcomes")
    for n in range(8):
        step_complete(user=worker, step=make_step(section, f"Outcome step {n}"))
    # Wagtail routes a query a level and reloads content types (django-tenants
    # forgets them on every request); the step itself adds one for its progress.
    with django_assert_max_num_queries(20):
        response = client.get(step.url)
    assert response.status_code == 200
    assert queries_for(lambda: client.get(step.url)) == few


def _finish(pack, worker):
    found = steps_of(pack)
    step_complete(user=worker, step=found["Who social prescribing helps"])
    step_complete(user=worker, step=found["Reflect on what matters to me"], reflection="Noted.")
    waiting = step_complete(user=worker, step=found["Meet your clinical supervisor"])
    waiting.status = StepStatus.COMPLETED
    waiting.save()


def _pdf_text(response) -> str:
    import io

    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_the_record_is_ready_only_when_every_required_step_is_done(pack, client_for):
    worker = UserFactory(full_name="Sam Okafor")
    client = client_for(None, worker)
    early = client.get(pack.url + "record/", follow=True)
    assert "Your record is ready when you have completed every required step. 3 to go." in (
        early.content.decode()
    )
    _finish(pack, worker)
    task_list = client.get(pack.url).content.decode()
    assert "Download a record of your induction (PDF)" in task_list
    record = client.get(pack.url + "record/")
    assert record.status_code == 200
    assert record["Content-Type"] == "application/pdf"
    text = _pdf_text(record)
    assert "Sam Okafor" in text
    assert "Completed all 3 required steps" in text


def test_a_coordinator_downloads_a_persons_record(pack, client_for, north_west):
    from learning.accounts.enums import Role

    worker = UserFactory(full_name="Sam Okafor", region=north_west)
    _finish(pack, worker)
    coordinator = UserFactory(role=Role.COORDINATOR, region=north_west)
    response = client_for(None, coordinator).get(f"/induction-progress/people/{worker.pk}/record/")
    assert response.status_code == 200
    assert "Sam Okafor" in _pdf_text(response)


def test_a_forged_user_id_completes_nothing_for_anyone_else(pack, client_for):
    worker, colleague = UserFactory(), UserFactory()
    step = steps_of(pack)["Who social prescribing helps"]
    client_for(None, worker).post(step.url, {"user": colleague.pk, "user_id": colleague.pk})
    assert not StepProgress.objects.filter(user=colleague).exists()
    assert StepProgress.objects.get(step=step).user == worker
