"""Running date-sensitive tests at the instants where dates break.

A test that depends on today's date or the time of day is marked `clock` (or
fixes the clock itself with time-machine). `pytest -m clock --clocks=all` runs
each marked test once at each instant below, with the clock set there and
ticking; CI does this on every run. `--clock-every-test` applies the instants
to every selected test, which is how a new date-dependent test is found.

The instants are in UTC; the comment says what a clock in England shows. They
are ahead of the real date, and one is years ahead, so a test that writes a
date down as "the future" is found before that date comes.
"""

import datetime as dt

import pytest

UTC = dt.UTC

INSTANTS = {
    # Monday 00:30 BST is still Sunday in UTC: week starts differ.
    "monday-0030-bst": dt.datetime(2027, 5, 30, 23, 30, tzinfo=UTC),
    "monday-0900-gmt": dt.datetime(2027, 1, 4, 9, 0, tzinfo=UTC),
    # Sunday 23:30 BST: the last half hour of a week in England.
    "sunday-2330-bst": dt.datetime(2027, 5, 30, 22, 30, tzinfo=UTC),
    # Last Sunday of March: 01:00 GMT becomes 02:00 BST, so 01:30 never happens.
    "spring-forward-0030-gmt": dt.datetime(2027, 3, 28, 0, 30, tzinfo=UTC),
    "spring-forward-0230-bst": dt.datetime(2027, 3, 28, 1, 30, tzinfo=UTC),
    # Last Sunday of October: 02:00 BST becomes 01:00 GMT, so 01:30 happens twice.
    "autumn-back-0030-bst": dt.datetime(2027, 10, 30, 23, 30, tzinfo=UTC),
    "autumn-back-0130-bst": dt.datetime(2027, 10, 31, 0, 30, tzinfo=UTC),
    "autumn-back-0130-gmt": dt.datetime(2027, 10, 31, 1, 30, tzinfo=UTC),
    # A minute before New Year in England (and in UTC).
    "new-years-eve-2359": dt.datetime(2026, 12, 31, 23, 59, tzinfo=UTC),
    # An ordinary summer's day years on: a date written into a test as "the future"
    # has passed by then.
    "three-years-on": dt.datetime(2029, 7, 10, 11, 0, tzinfo=UTC),
}


def pytest_addoption(parser):
    group = parser.getgroup("clocks")
    group.addoption(
        "--clocks",
        default="",
        help="run each test marked 'clock' at these instants: 'all', or names from "
        f"tests/clocks.py separated by commas ({', '.join(INSTANTS)})",
    )
    group.addoption(
        "--clock-every-test",
        action="store_true",
        help="with --clocks: every selected test, not only those marked 'clock'",
    )


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "clock: depends on today's date or the time of day; CI runs it at every instant "
        "in tests/clocks.py (--clocks=all)",
    )


def chosen_instants(config) -> dict[str, dt.datetime]:
    value = config.getoption("--clocks")
    if not value:
        return {}
    if value == "all":
        return dict(INSTANTS)
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in INSTANTS]
    if unknown:
        raise pytest.UsageError(
            f"--clocks: unknown instant(s) {', '.join(unknown)}; choose from {', '.join(INSTANTS)}"
        )
    return {name: INSTANTS[name] for name in names}


def pytest_generate_tests(metafunc):
    instants = chosen_instants(metafunc.config)
    if not instants or "_clock_instant" not in metafunc.fixturenames:
        return
    marked = metafunc.definition.get_closest_marker("clock") is not None
    if marked or metafunc.config.getoption("--clock-every-test"):
        metafunc.parametrize(
            "_clock_instant", list(instants.values()), ids=list(instants), indirect=True
        )


@pytest.fixture(autouse=True)
def _clock_instant(request):
    """Autouse, so it is set up before the test's own fixtures make their data."""
    instant = getattr(request, "param", None)
    if instant is None:
        yield None
        return
    import time_machine

    with time_machine.travel(instant, tick=True):
        yield instant
