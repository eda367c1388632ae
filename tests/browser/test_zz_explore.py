import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_explore(server, people, page):
    for url in [
        server.hub + "/",
        server.hub + "/accounts/login/",
        server.hub + "/join/",
        server.region("north-west") + "/",
    ]:
        r = page.goto(url)
        print("=====", url, r.status)
        print(page.content())
