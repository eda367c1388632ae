"""Members correct their own posts for a limited time; earlier versions are kept."""

from datetime import timedelta

import pytest
from django_tenants.utils import tenant_context

from forums.models import EDIT_WINDOW, Post, PostRevision, Thread
from forums.tests.factories import make_thread
from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(north_west):
    return UserFactory(region=north_west)


@pytest.fixture
def post(north_west, author):
    with tenant_context(north_west):
        return make_thread(author=author, body="The group meets on Mondya.").posts.get()


def edit_url(post) -> str:
    return f"/community/p/{post.pk}/edit/"


def test_an_author_corrects_their_post_and_the_old_text_is_kept(
    north_west, post, author, client_for
):
    client = client_for(north_west, author)
    assert "Edit" in client.get(f"/community/t/{post.thread_id}/").content.decode()
    response = client.post(edit_url(post), {"body": "The group meets on Monday."})
    assert response.status_code == 302
    with tenant_context(north_west):
        edited = Post.objects.get(pk=post.pk)
        assert edited.body_html == "<p>The group meets on Monday.</p>"
        assert edited.edited_at is not None
        assert PostRevision.objects.get(post=post).body == "The group meets on Mondya."
    page = client.get(f"/community/t/{post.thread_id}/").content.decode()
    assert "(edited" in page
    assert "Mondya" not in page  # members see the current text only
    coordinator = UserFactory(role=Role.COORDINATOR, region=north_west)
    moderator_page = client_for(north_west, coordinator).get(f"/community/t/{post.thread_id}/")
    assert "Earlier versions" in moderator_page.content.decode()
    assert "Mondya" in moderator_page.content.decode()


def test_nobody_edits_someone_elses_post(north_west, post, client_for):
    other = client_for(north_west, UserFactory(region=north_west))
    assert other.get(edit_url(post)).status_code == 404
    assert other.post(edit_url(post), {"body": "Hijacked"}).status_code == 404
    with tenant_context(north_west):
        assert Post.objects.get(pk=post.pk).body == "The group meets on Mondya."


def test_the_edit_window_closes(north_west, post, author, client_for):
    with tenant_context(north_west):
        Post.objects.filter(pk=post.pk).update(
            created_at=post.created_at - EDIT_WINDOW - timedelta(minutes=1)
        )
    response = client_for(north_west, author).post(edit_url(post), {"body": "Too late"})
    assert response.status_code == 400
    assert "You can edit a post for 30 minutes after posting." in response.content.decode()
    with tenant_context(north_west):
        assert not PostRevision.objects.exists()


def test_a_post_in_a_locked_thread_cannot_be_changed(north_west, post, author, client_for):
    with tenant_context(north_west):
        Thread.objects.filter(pk=post.thread_id).update(locked=True)
    response = client_for(north_west, author).post(edit_url(post), {"body": "Changed"})
    assert response.status_code == 400
    assert "This thread is locked" in response.content.decode()


@pytest.mark.parametrize("body", ["", "   ", "x" * 10_001])
def test_an_empty_or_oversized_edit_is_refused(north_west, post, author, client_for, body):
    response = client_for(north_west, author).post(edit_url(post), {"body": body})
    assert response.status_code == 400
    with tenant_context(north_west):
        assert Post.objects.get(pk=post.pk).body == "The group meets on Mondya."
