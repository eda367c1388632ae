"""The report form (a reason from a list, a note, a way back to the post) and the
moderation queue's account of who reported each post, and why."""

import pytest
from django_tenants.utils import tenant_context

from forums.models import Report, ReportReason
from forums.moderation import post_report
from forums.services import post_reply
from forums.tests.factories import make_thread
from learning.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

QUEUE = "/community/moderation/"


def in_region(region, call):
    with tenant_context(region):
        return call()


@pytest.fixture
def post(north_west, author):
    return in_region(north_west, lambda: make_thread(author=author, title="Tricky").posts.get())


def report_url(post) -> str:
    return f"/community/p/{post.pk}/report/"


# The report form ------------------------------------------------------------------------


def test_the_form_offers_each_reason_as_a_radio_and_a_way_back(
    north_west, post, member, client_for
):
    html = client_for(north_west, member).get(report_url(post)).content.decode()
    for value, label in ReportReason.choices:
        assert f'type="radio" name="reason" value="{value}"' in html
        assert label in html
    assert "Tell the coordinators more (optional)" in html
    assert (
        f'<a href="/community/t/{post.thread_id}/?page=1#post-{post.pk}">Back to the thread' in html
    )


def test_the_way_back_and_the_redirect_go_to_the_posts_page(north_west, author, member, client_for):
    def long_thread():
        thread = make_thread(author=author, title="Long")
        return [post_reply(author=author, thread_id=thread.pk, body=f"R{n}") for n in range(21)]

    late = in_region(north_west, long_thread)[-1]  # the 22nd post: page 2
    place = f"/community/t/{late.thread_id}/?page=2#post-{late.pk}"
    client = client_for(north_west, member)
    assert f'href="{place}"' in client.get(report_url(late)).content.decode()
    response = client.post(report_url(late), {"reason": "spam"})
    assert response.status_code == 302 and response["Location"] == place


def test_other_needs_a_note_and_the_other_reasons_do_not(north_west, post, member, client_for):
    client = client_for(north_west, member)
    refused = client.post(report_url(post), {"reason": "other", "note": ""})
    assert refused.status_code == 400
    assert "Say why you are reporting this post." in refused.content.decode()
    assert client.post(report_url(post), {"reason": "personal_data"}).status_code == 302
    report = in_region(north_west, lambda: Report.objects.get())
    assert (report.reason, report.note, report.safeguarding) == ("personal_data", "", False)


def test_the_service_refuses_an_unknown_reason_or_other_without_a_note(north_west, post, member):
    from django.core.exceptions import ValidationError

    with tenant_context(north_west):
        with pytest.raises(ValidationError, match="Choose why"):
            post_report(reporter=member, post_id=post.pk, reason="bored")
        with pytest.raises(ValidationError, match="Say why"):
            post_report(reporter=member, post_id=post.pk, reason="other", note=" ")
        assert not Report.objects.exists()


def test_the_safeguarding_reason_emails_the_coordinators_at_once(
    north_west, post, member, coordinator, client_for, on_commit, mailoutbox
):
    with on_commit():
        client_for(north_west, member).post(
            report_url(post), {"reason": "safeguarding", "note": "He said he has no food."}
        )
    [email] = mailoutbox
    assert email.to == [coordinator.email]
    assert "He said he has no food." in email.body
    assert in_region(north_west, lambda: Report.objects.get().safeguarding)


# The queue ------------------------------------------------------------------------------


def test_the_queue_says_who_reported_it_how_many_and_why(north_west, post, coordinator, client_for):
    people = [
        UserFactory(region=north_west, full_name=name)
        for name in ("Amira Hussain", "Ben Clarke", "Chloe Evans")
    ]
    reasons = [
        ("personal_data", "It names a client."),
        ("offensive", ""),
        ("other", "It is off topic for this category."),
    ]
    with tenant_context(north_west):
        for person, (reason, note) in zip(people, reasons, strict=True):
            post_report(reporter=person, post_id=post.pk, reason=reason, note=note)
    html = client_for(north_west, coordinator).get(QUEUE).content.decode()
    assert "Reported by 3 people: Amira Hussain, Ben Clarke, Chloe Evans" in html
    for label in ("It shares personal data about someone", "It is offensive or abusive"):
        assert label in html
    assert "It names a client." in html and "It is off topic for this category." in html
    assert f'href="/community/t/{post.thread_id}/?page=1#post-{post.pk}"' in html


def test_one_reporter_is_one_person(north_west, post, member, coordinator, client_for):
    in_region(north_west, lambda: post_report(reporter=member, post_id=post.pk, reason="spam"))
    html = client_for(north_west, coordinator).get(QUEUE).content.decode()
    assert "Reported by 1 person: Sam Reader" in html


@pytest.mark.parametrize("reporters", [1, 20])
def test_the_queue_runs_the_same_queries_for_one_report_or_twenty(
    north_west, coordinator, client_for, queries_for, django_assert_max_num_queries, reporters
):
    def reported(posts: int, each: int):
        for n in range(posts):
            post = make_thread(author=UserFactory(region=north_west), title=f"T{n}").posts.get()
            for _ in range(each):
                post_report(
                    reporter=UserFactory(region=north_west),
                    post_id=post.pk,
                    reason="offensive",
                    note="Rude",
                )

    client = client_for(north_west, coordinator)
    in_region(north_west, lambda: reported(1, 1))
    client.get(QUEUE)
    one = queries_for(lambda: client.get(QUEUE))
    in_region(north_west, lambda: reported(5, reporters))
    with django_assert_max_num_queries(14):
        html = client.get(QUEUE).content.decode()
    many = "1 person" if reporters == 1 else f"{reporters} people"
    # The first post's one report, and five posts with `reporters` each.
    assert html.count(f"Reported by {many}") == 5 + (reporters == 1)
    assert queries_for(lambda: client.get(QUEUE)) == one
