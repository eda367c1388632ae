"""The dashboard's figures read as plain English."""

import pytest

from reporting.selectors import duration_phrase


@pytest.mark.parametrize(
    ("minutes", "phrase"),
    [
        (None, "\u2013"),  # an en dash
        (0, "under a minute"),
        (0.4, "under a minute"),
        (1, "1 minute"),
        (25, "25 minutes"),
        (25.4, "25 minutes"),
        (59.4, "59 minutes"),
        (59.6, "1.0 hours"),
        (90, "1.5 hours"),
        (150, "2.5 hours"),
        (2000, "33.3 hours"),
    ],
)
def test_the_time_to_a_first_reply_is_minutes_under_an_hour_and_hours_above(minutes, phrase):
    assert duration_phrase(minutes) == phrase


def test_the_dashboards_average_is_worked_out_in_minutes():
    from reporting.enums import Metric
    from reporting.selectors import Figures, Row

    def figures(answered, minutes):
        row = Row("North West", {Metric.FORUM_FIRST_RESPONSES: answered,
                                 Metric.FORUM_RESPONSE_MINUTES: minutes})  # fmt: skip
        return Figures([], {}, [row], [], [], 0, None)

    assert figures(4, 100).average_first_reply() == "25 minutes"  # was "0.4 h"
    assert figures(2, 300).average_first_reply() == "2.5 hours"
    assert figures(0, 0).average_first_reply() == "\u2013"
