"""The access version: what bumps it (once the change has committed), what does not,
and how sockets read it. tests/integration/test_websockets.py checks that a bump
closes an open socket."""

import asyncio
import uuid

import pytest
import pytest_asyncio
import redis
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY
from django.contrib.auth.signals import user_logged_out
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session

from learning.accounts import access_version
from learning.accounts.enums import Role
from learning.accounts.models import PCN
from learning.accounts.tests.factories import CCGFactory, PCNFactory, UserFactory
from learning.regions.models import Region


def current(key: str) -> bytes | None:
    return access_version._client().get(key)


@pytest.fixture
def member(db):
    return UserFactory(role=Role.LINK_WORKER)


@pytest.fixture
def watch(django_capture_on_commit_callbacks):
    """Runs `change` and its after-commit callbacks; returns whether `key` changed."""

    def changed(key: str, change) -> bool:
        before = current(key)
        with django_capture_on_commit_callbacks(execute=True):
            change()
        return current(key) != before

    return changed


def test_deactivating_bumps_the_person(member, watch):
    def deactivate():
        member.is_active = False
        member.save()

    assert watch(access_version.user_key(member.pk), deactivate)


def test_a_password_change_bumps_the_person(member, watch):
    def change_password():
        member.set_password("another long password")
        member.save(update_fields=["password"])

    assert watch(access_version.user_key(member.pk), change_password)


def test_a_sign_in_stamp_does_not(member, watch):
    assert not watch(
        access_version.user_key(member.pk), lambda: member.save(update_fields=["last_login"])
    )


def test_deleting_a_person_bumps_them(member, watch):
    key = access_version.user_key(member.pk)
    pcn = member.pcn
    assert watch(key, member.delete)
    pcn.delete()


def test_nothing_is_bumped_before_commit(member, django_capture_on_commit_callbacks):
    key = access_version.user_key(member.pk)
    before = current(key)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        member.is_active = False
        member.save()
    assert current(key) == before  # the change is not visible to sockets yet
    for callback in callbacks:
        callback()
    assert current(key) != before


@pytest.mark.parametrize("side", ["forward", "reverse"])
def test_taking_a_region_from_a_coordinator_bumps_them(db, watch, side):
    north_west = Region.objects.get(slug="north-west")
    coordinator = UserFactory(role=Role.COORDINATOR, region=north_west)

    def remove():
        if side == "forward":
            coordinator.coordinated_regions.remove(north_west)
        else:
            north_west.coordinators.remove(coordinator)

    assert watch(access_version.user_key(coordinator.pk), remove)


def _session_for(user, **extra) -> SessionStore:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session.update(extra)
    session.create()
    return session


def test_deleting_a_live_session_bumps_its_person(member, watch):
    session = _session_for(member)
    assert watch(
        access_version.user_key(member.pk),
        lambda: Session.objects.filter(session_key=session.session_key).delete(),
    )


def test_deleting_an_expired_session_does_not(member, watch):
    session = _session_for(member)
    session.set_expiry(-60)
    session.save()
    assert not watch(
        access_version.user_key(member.pk),
        lambda: Session.objects.filter(session_key=session.session_key).delete(),
    )


def test_signing_out_bumps_the_person(member, watch):
    def sign_out():
        user_logged_out.send(sender=type(member), request=None, user=member)

    assert watch(access_version.user_key(member.pk), sign_out)


def test_moving_a_pcn_to_another_ccg_bumps_everyone(member, watch):
    london_ccg = CCGFactory(region=Region.objects.get(slug="london"))

    def move():
        pcn = PCN.objects.get(pk=member.pcn_id)
        pcn.ccg = london_ccg
        pcn.save()

    assert watch(access_version.everyone_key(), move)


def test_a_new_pcn_does_not(db, watch):
    assert not watch(access_version.everyone_key(), lambda: PCNFactory())


def test_a_bump_with_redis_down_is_logged_not_raised(member, monkeypatch, caplog):
    unreachable = redis.Redis.from_url(f"unix:///nonexistent/{uuid.uuid4().hex}.sock")
    monkeypatch.setattr(access_version, "_sync_client", unreachable)
    access_version._write([access_version.user_key(member.pk)])
    assert "access version not bumped" in caplog.text


def test_keys_carry_the_runs_cache_prefix(settings):
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    assert access_version.user_key(7) == f"{prefix}:access:v:user:7"
    assert access_version.keys_for(7) == (
        access_version.user_key(7),
        access_version.everyone_key(),
    )


# --- Reading (consumers) -----------------------------------------------------------------


@pytest_asyncio.fixture(loop_scope="function")  # the test's loop, whose reader it closes
async def keys():
    made = tuple(f"test-access-version-{uuid.uuid4().hex}-{n}" for n in range(3))
    yield made
    access_version._client().delete(*made)
    await access_version.close_reader()


async def test_establish_gives_a_missing_key_a_token_and_read_sees_it(keys):
    assert await access_version.read(keys[:1]) == (None,)
    established = await access_version.establish(keys[:1])
    assert established[0] is not None
    assert await access_version.read(keys[:1]) == established


async def test_a_burst_of_reads_is_one_or_two_round_trips(keys, monkeypatch):
    await access_version.establish(keys)
    reader = access_version._reader()
    calls = []
    mget = reader.redis.mget

    async def counted(*args, **kwargs):
        calls.append(args)
        return await mget(*args, **kwargs)

    monkeypatch.setattr(reader.redis, "mget", counted)
    results = await asyncio.gather(
        *(access_version.read((keys[n % 3], keys[(n + 1) % 3])) for n in range(200))
    )
    assert len(calls) <= 2
    assert all(None not in result for result in results)


async def test_a_read_after_a_bump_sees_it(keys):
    before = await access_version.establish(keys[:1])
    access_version._write([keys[0]])
    assert await access_version.read(keys[:1]) != before


async def test_an_unreachable_redis_raises_rather_than_answers(keys, settings):
    await access_version.close_reader()
    settings.REDIS_URL = f"unix:///nonexistent/{uuid.uuid4().hex}.sock"
    with pytest.raises(Exception):  # noqa: B017 (redis' or the timeout's)
        await access_version.read(keys)
