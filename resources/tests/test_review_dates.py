"""A new resource's review dates are filled in for the lead: last reviewed today (the
UK's date), next review due a year on."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory
from resources.models import AreaResourcesPage
from resources.review_dates import a_year_after

from .test_publishing import add_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "year_on"),
    [
        (date(2027, 3, 14), date(2028, 3, 14)),
        (date(2028, 2, 29), date(2029, 2, 28)),
        (date(2028, 2, 28), date(2029, 2, 28)),
        (date(2027, 12, 31), date(2028, 12, 31)),
    ],
)
def test_a_year_after(day, year_on):
    assert a_year_after(day) == year_on


@pytest.mark.parametrize(
    ("now", "today", "due"),
    [
        # 11.30pm UTC in winter is the same day in London (GMT).
        (datetime(2028, 2, 28, 23, 30, tzinfo=UTC), "2028-02-28", "2029-02-28"),
        # 29 February: due on 28 February the next year, not 1 March.
        (datetime(2028, 2, 29, 9, 0, tzinfo=UTC), "2028-02-29", "2029-02-28"),
        # In summer, 11.30pm UTC is 12.30am the next day in London (BST).
        (datetime(2027, 7, 14, 23, 30, tzinfo=UTC), "2027-07-15", "2028-07-15"),
    ],
)
@pytest.mark.clock
def test_a_new_resource_form_starts_reviewed_today_and_due_in_a_year(
    north_west, client_for, now, today, due
):
    with time_machine.travel(now, tick=False):
        lead = UserFactory(role=Role.CCG_LEAD, region=north_west)
        area = AreaResourcesPage.objects.get(ccg=lead.ccg)

        response = client_for(None, lead).get(add_url(area))

    assert response.status_code == 200
    form = response.context["form"]
    assert str(form["last_reviewed"].value()) == today
    assert str(form["next_review_due"].value()) == due
    html = response.content.decode()
    assert f'value="{today}"' in html and f'value="{due}"' in html
