"""Links in emails, invitations and calendar files go to the host where the page lives:
a regional learning event's to its region's host, a national webinar's to the hub.
(Forum, cohort and resource emails were regional already; they are checked here too.)"""

import pytest
from django.conf import settings
from icalendar import Calendar

from learning.accounts.enums import Role
from learning.accounts.tests.factories import JoinRequestFactory, UserFactory
from learning.regions.selectors import region_url
from webinars.models import CalendarFeed
from webinars.services import calendar_feed_create, registration_create
from webinars.tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def links_in(text: str) -> list[str]:
    import re

    return re.findall(r"https?://[^\s\"'<>]+", text)


def test_a_regional_events_emails_link_to_its_regions_host(north_west, on_commit, mailoutbox):
    event = SessionFactory(title="North West peer learning", region=north_west)
    worker = UserFactory(region=north_west)
    with on_commit():
        registration_create(user=worker, session_id=event.pk)

    [email] = mailoutbox
    nw = region_url("north-west")
    for body in (email.body, email.alternatives[0][0]):
        site_links = [link for link in links_in(body) if "teams.example.org" not in link]
        assert site_links, body
        assert all(link.startswith(nw + "/") for link in site_links), site_links
        assert f"{nw}/webinars/{event.pk}/invitation.ics" in body


def test_a_national_webinars_emails_link_to_the_hub(regions, on_commit, mailoutbox):
    webinar = SessionFactory(title="National welcome webinar")
    with on_commit():
        registration_create(user=UserFactory(), session_id=webinar.pk)
    [email] = mailoutbox
    assert f"{settings.HUB_URL}/webinars/{webinar.pk}/" in email.body
    assert region_url("north-west") not in email.body


def test_calendar_files_and_feeds_link_each_event_to_its_own_host(north_west, client_for):
    worker = UserFactory(region=north_west)
    event = SessionFactory(title="North West peer learning", region=north_west)
    webinar = SessionFactory(title="National welcome webinar")
    for session in (event, webinar):
        registration_create(user=worker, session_id=session.pk)
    client = client_for(None, worker)

    invitation = Calendar.from_ical(client.get(f"/webinars/{event.pk}/invitation.ics").content)
    [vevent] = invitation.walk("VEVENT")
    assert str(vevent["URL"]) == f"{region_url('north-west')}/webinars/{event.pk}/"

    feed = calendar_feed_create(user=worker)
    assert isinstance(feed, CalendarFeed)
    calendar = Calendar.from_ical(
        client_for(None).get(f"/webinars/calendar/{feed.token}.ics").content
    )
    urls = {str(e["SUMMARY"]): str(e["URL"]) for e in calendar.walk("VEVENT")}
    assert urls == {
        "North West peer learning": f"{region_url('north-west')}/webinars/{event.pk}/",
        "National welcome webinar": f"{settings.HUB_URL}/webinars/{webinar.pk}/",
    }


def test_the_schedule_digest_links_regional_events_to_their_host(north_west):
    from django.template.loader import render_to_string

    event = SessionFactory(title="North West peer learning", region=north_west)
    webinar = SessionFactory(title="National welcome webinar")
    for template in ("emails/webinar_digest.txt", "emails/webinar_digest.html"):
        text = render_to_string(
            template,
            {
                "kind": "weekly",
                "region": north_west,
                "hub_url": settings.HUB_URL,
                "weeks": [{"sessions": [event, webinar]}],
                "sessions": [event, webinar],
                "changes": {"added": [{"session": event}], "changed": []},
            },
        )
        assert f"{region_url('north-west')}/webinars/{event.pk}/" in text, template
        assert f"{settings.HUB_URL}/webinars/{event.pk}/" not in text, template


def test_a_join_request_is_sent_to_its_regions_coordinators_with_a_link_on_that_host(
    north_west, on_commit, mailoutbox, client_for
):
    UserFactory(role=Role.COORDINATOR, region=north_west)
    pcn = JoinRequestFactory.build(region=north_west).pcn
    pcn.save()
    with on_commit():
        client_for(None).post(
            "/join/",
            {
                "full_name": "Sam Patel",
                "email": "sam.patel@example.org",
                "role": Role.LINK_WORKER,
                "region": north_west.pk,
                "pcn": pcn.pk,
                "reason": "Starting as a link worker next month.",
            },
        )
    [email] = [m for m in mailoutbox if "Sam Patel" in m.body]
    assert f"{region_url('north-west')}/join-requests/" in email.body
