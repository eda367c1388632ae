"""The weekly check of resources' web addresses, reported to each CCG's leads.

The server fetches addresses that leads typed in, so it refuses any that resolve to
a private, loopback or link-local address (unless RESOURCE_LINK_CHECK_ALLOW_PRIVATE,
which only the tests set: their web server is on loopback), and follows redirects
itself so each hop is checked the same way.
"""

import ipaddress
import socket
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from learning.mail.services import outbox_enqueue

from .models import LinkCheck
from .selectors import resource_contacts, resources_with_web_addresses

TIMEOUT_SECONDS = 10
MAX_REDIRECTS = 5
PARALLEL_CHECKS = 8
USER_AGENT = "LinkWorkerLearningNetwork-LinkCheck/1.0"


@dataclass(frozen=True)
class LinkResult:
    ok: bool
    status_code: int | None = None
    problem: str = ""


def _address_is_public(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError):
        return True  # cannot resolve: the request itself will say so
    return all(ipaddress.ip_address(info[4][0]).is_global for info in infos)


def url_check(url: str) -> LinkResult:
    """Whether `url` answers with a page (a status below 400) within the time limit."""
    allow_private = getattr(settings, "RESOURCE_LINK_CHECK_ALLOW_PRIVATE", False)
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return LinkResult(False, problem="It is not a web address starting with http.")
        if not allow_private and not _address_is_public(parts.hostname):
            return LinkResult(False, problem="It points to a private network address.")
        try:
            response = session.head(url, allow_redirects=False, timeout=TIMEOUT_SECONDS)
            if response.status_code in (403, 405, 501):  # some sites refuse HEAD: ask properly
                response = session.get(
                    url, allow_redirects=False, timeout=TIMEOUT_SECONDS, stream=True
                )
                response.close()
        except requests.exceptions.SSLError:
            return LinkResult(False, problem="Its security certificate is not valid.")
        except requests.exceptions.Timeout:
            return LinkResult(False, problem=f"It did not answer within {TIMEOUT_SECONDS} seconds.")
        except requests.exceptions.RequestException:
            return LinkResult(False, problem="The site could not be reached.")
        if response.is_redirect and response.headers.get("location"):
            url = urljoin(url, response.headers["location"])
            continue
        if response.status_code >= 400:
            reason = "Page not found" if response.status_code == 404 else "The site refused it"
            return LinkResult(
                False,
                status_code=response.status_code,
                problem=f"{reason} (HTTP {response.status_code}).",
            )
        return LinkResult(True, status_code=response.status_code)
    return LinkResult(False, problem=f"It redirects more than {MAX_REDIRECTS} times.")


def links_check(*, now=None) -> dict:
    """Check every live resource's web address once (each distinct address once), store
    the results, and email each CCG's leads the ones that are broken. Returns counts."""
    now = now or timezone.now()
    resources = list(resources_with_web_addresses())
    urls = sorted({resource.website for resource in resources})
    with ThreadPoolExecutor(max_workers=PARALLEL_CHECKS) as pool:
        results = dict(zip(urls, pool.map(url_check, urls), strict=True))
    previous = {check.resource_id: check for check in LinkCheck.objects.all()}
    broken_by_ccg: dict = {}
    with transaction.atomic():
        for resource in resources:
            result = results[resource.website]
            before = previous.get(resource.pk)
            still_broken = before is not None and not before.ok and before.url == resource.website
            broken_since = None if result.ok else (before.broken_since if still_broken else now)
            LinkCheck.objects.update_or_create(
                resource=resource,
                defaults={
                    "url": resource.website,
                    "checked_at": now,
                    "ok": result.ok,
                    "status_code": result.status_code,
                    "problem": result.problem,
                    "broken_since": broken_since,
                },
            )
            if not result.ok:
                broken_by_ccg.setdefault(resource.ccg, []).append((resource, result, broken_since))
        for ccg, broken in broken_by_ccg.items():
            _report_broken(ccg, broken, now=now)
    return {"checked": len(urls), "broken": sum(len(b) for b in broken_by_ccg.values())}


def _report_broken(ccg, broken, *, now) -> None:
    from .services import admin_edit_url

    year, week, _ = timezone.localtime(now).isocalendar()
    items = [
        {
            "title": resource.title,
            "url": resource.website,
            "problem": result.problem,
            "since": since if since and since < now else None,
            "edit_link": admin_edit_url(resource),
        }
        for resource, result, since in sorted(broken, key=lambda item: item[0].title)
    ]
    for recipient in resource_contacts(ccg):
        outbox_enqueue(
            key=f"resource-links:{ccg.pk}:{year}-W{week:02d}:{recipient.pk}",
            to=recipient.email,
            template="resource_links_broken",
            context={"recipient": recipient, "ccg_name": ccg.name, "broken": items},
        )
