"""Starting threads and replying in a region's forums, over ordinary form posts."""

from html.parser import HTMLParser

import pytest
from django.test import override_settings
from django_tenants.utils import tenant_context

from forums.models import POST_MAX_LENGTH, Post, Thread
from forums.tests.factories import make_thread
from forums.tests.xss_payloads import XSS_PAYLOADS
from learning.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CATEGORY = "/community/c/peer-support/"


@pytest.fixture
def member(north_west):
    return UserFactory(region=north_west, full_name="Sam Okafor")


@pytest.fixture
def client(north_west, member, client_for):
    return client_for(north_west, member)


def in_region(region, call):
    with tenant_context(region):
        return call()


def test_a_member_starts_a_thread_and_it_is_listed(north_west, client):
    response = client.post(
        CATEGORY + "new/", {"title": "Falls prevention groups?", "body": "Any **tips**?"}
    )
    thread = in_region(north_west, lambda: Thread.objects.get())
    assert response.status_code == 302
    assert response["Location"] == f"/community/t/{thread.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Falls prevention groups?" in page
    assert "Any <strong>tips</strong>?" in page
    assert "Falls prevention groups?" in client.get(CATEGORY).content.decode()


def test_a_reply_is_added_to_the_end_and_counted(north_west, member, client):
    thread = in_region(north_west, lambda: make_thread(author=member))
    response = client.post(f"/community/t/{thread.pk}/reply/", {"body": "Try the library group."})
    post = in_region(north_west, lambda: Post.objects.latest("pk"))
    assert response["Location"] == f"/community/t/{thread.pk}/#post-{post.pk}"
    thread = in_region(north_west, lambda: Thread.objects.get(pk=thread.pk))
    assert thread.post_count == 2
    assert "Try the library group." in client.get(f"/community/t/{thread.pk}/").content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "body": "Hello"}, "Give your thread a title."),
        ({"title": "   ", "body": "Hello"}, "Give your thread a title."),
        ({"title": "Hi", "body": ""}, "Write your message."),
        ({"title": "Hi", "body": "\x00\x00"}, "Null characters are not allowed."),
        ({"title": "Hi", "body": "x" * (POST_MAX_LENGTH + 1)}, "Keep your message to 10,000"),
        ({"title": "x" * 151, "body": "Hello"}, "Keep the title to 150 characters."),
    ],
)
def test_bad_threads_are_refused_with_a_message(north_west, client, data, message):
    response = client.post(CATEGORY + "new/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert in_region(north_west, lambda: Thread.objects.count()) == 0


def test_a_locked_thread_takes_no_replies(north_west, member, client):
    thread = in_region(north_west, lambda: make_thread(author=member))
    in_region(north_west, lambda: Thread.objects.filter(pk=thread.pk).update(locked=True))
    response = client.post(f"/community/t/{thread.pk}/reply/", {"body": "Me too"})
    assert response.status_code == 400
    assert "This thread is locked" in response.content.decode()
    assert in_region(north_west, lambda: Post.objects.count()) == 1


def test_another_regions_member_can_neither_read_nor_post(north_west, london, member, client_for):
    thread = in_region(north_west, lambda: make_thread(author=member, title="North West only"))
    outsider = client_for(north_west, UserFactory(region=london))
    assert outsider.get(f"/community/t/{thread.pk}/").status_code == 403
    assert outsider.get(CATEGORY).status_code == 403
    response = outsider.post(f"/community/t/{thread.pk}/reply/", {"body": "Hello"})
    assert response.status_code == 403
    assert outsider.post(CATEGORY + "new/", {"title": "x", "body": "y"}).status_code == 403
    assert in_region(north_west, lambda: Post.objects.count()) == 1
    # And a north-west thread id does not exist on the London host.
    londoner = client_for(london, UserFactory(region=london))
    assert londoner.get(f"/community/t/{thread.pk}/").status_code == 404


class _Executable(HTMLParser):
    """Collects anything in a page that could run script."""

    DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "style", "link",
                      "meta", "base", "form", "input", "textarea", "select", "video", "audio",
                      "img", "details", "marquee", "template", "noscript", "body"}  # fmt: skip

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in self.DANGEROUS_TAGS:
            self.found.append(tag)
        for name, value in attrs:
            value = "".join((value or "").split()).lower()
            if name.startswith("on") or name in {"style", "srcdoc", "formaction"}:
                self.found.append(f"{tag}[{name}]")
            if name in {"href", "src", "action"} and value.startswith(
                ("javascript:", "data:", "vbscript:", "&#")
            ):
                self.found.append(f"{tag}[{name}={value}]")


def executable_markup(html: str) -> list[str]:
    parser = _Executable()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_payload_yields_executable_markup(north_west, member, payload):
    thread = in_region(north_west, lambda: make_thread(author=member, body=f"Look: {payload}"))
    post = in_region(north_west, lambda: thread.posts.get())
    assert executable_markup(post.body_html) == [], post.body_html


def test_the_thread_page_shows_no_executable_markup_from_any_payload(north_west, member, client):
    thread = in_region(north_west, lambda: make_thread(author=member))
    for payload in XSS_PAYLOADS[:15]:
        client.post(f"/community/t/{thread.pk}/reply/", {"body": payload})
    html = client.get(f"/community/t/{thread.pk}/", {"page": "last"}).content.decode()
    posts = html[html.index('id="posts"') : html.index("</ol>", html.index('id="posts"'))]
    assert executable_markup(posts) == []


@override_settings(
    CHANNEL_LAYERS={
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]},  # nothing listens: Redis is down
        }
    }
)
def test_posting_succeeds_when_redis_is_down(north_west, member, client, on_commit):
    thread = in_region(north_west, lambda: make_thread(author=member))
    with on_commit():
        response = client.post(f"/community/t/{thread.pk}/reply/", {"body": "Still saved"})
    assert response.status_code == 302
    assert in_region(north_west, lambda: Post.objects.filter(body="Still saved").exists())


def test_posting_is_rate_limited_per_member(north_west, member, client):
    thread = in_region(north_west, lambda: make_thread(author=member))
    for n in range(10):
        client.post(f"/community/t/{thread.pk}/reply/", {"body": f"Reply {n}"})
    response = client.post(f"/community/t/{thread.pk}/reply/", {"body": "One too many"})
    assert response.status_code == 429
    assert not in_region(north_west, lambda: Post.objects.filter(body="One too many").exists())


def test_category_and_thread_pages_run_a_bounded_number_of_queries(
    north_west, member, client, queries_for, django_assert_max_num_queries
):
    thread = in_region(north_west, lambda: make_thread(author=member))
    client.get(CATEGORY)
    client.get(f"/community/t/{thread.pk}/")
    few_category = queries_for(lambda: client.get(CATEGORY))
    few_thread = queries_for(lambda: client.get(f"/community/t/{thread.pk}/"))

    def grow():
        from forums.services import post_reply

        for n in range(25):
            author = UserFactory(region=north_west)
            make_thread(author=author, title=f"Thread {n}")
            post_reply(author=author, thread_id=thread.pk, body=f"Reply {n}")

    in_region(north_west, grow)
    with django_assert_max_num_queries(12):
        client.get(CATEGORY)
    # One more than before: opening the page moves the member's read marker on.
    with django_assert_max_num_queries(13):
        client.get(f"/community/t/{thread.pk}/")
    assert queries_for(lambda: client.get(CATEGORY)) == few_category
    assert queries_for(lambda: client.get(f"/community/t/{thread.pk}/")) == few_thread


def test_an_indented_code_block_at_the_start_keeps_its_indent(north_west, member):
    thread = in_region(
        north_west,
        lambda: make_thread(author=member, body="\n\n    Subject: self-referral\n\nThanks"),
    )
    html = in_region(north_west, lambda: thread.posts.get().body_html)
    assert html.startswith("<pre><code>Subject: self-referral")


def test_page_last_opens_the_last_page_where_the_reply_form_is(north_west, member, client):
    from forums.services import post_reply

    def long_thread():
        thread = make_thread(author=member)
        for n in range(25):
            post_reply(author=member, thread_id=thread.pk, body=f"Reply number {n}")
        return thread

    thread = in_region(north_west, long_thread)
    html = client.get(f"/community/t/{thread.pk}/", {"page": "last"}).content.decode()
    assert "Reply number 24" in html and "Post reply" in html
    bad = client.post(f"/community/t/{thread.pk}/reply/", {"body": ""}).content.decode()
    assert "Reply number 24" in bad and "Write your message." in bad
