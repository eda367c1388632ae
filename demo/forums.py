"""Demo conversations in every region's forums, so `make run` shows threads,
replies, a mention, a helpful mark, a pinned thread and unread notifications.

Written through the forum services, like members' own posts: Markdown is
sanitised, authors follow their threads and notifications are made."""

from django.db import transaction
from django_tenants.utils import tenant_context

from forums.helpful import helpful_mark
from forums.models import Category, Thread
from forums.notifications import subscription_follow
from forums.services import post_reply, thread_start
from learning.accounts.models import User
from learning.regions.models import Region

WELCOME = """Welcome to the {region} community. This is the place to ask each other \
for help, share the local services you rely on and learn from each other.

A few things that keep it useful for everyone:

- **Never post anything that could identify a person you support.** Describe the \
situation, not the person.
- If you are worried someone is at risk of harm, follow your PCN's safeguarding \
procedure first. You can also report a post as a safeguarding concern, and we are \
emailed straight away.
- Follow a category to hear about new threads, or a thread to hear about replies.

Regional learning events are announced here first."""

INTRODUCTION = """Hello everyone. I started as a link worker at {pcn} three months ago, \
after eight years in housing support.

I am still building my map of local groups, so I would love to hear which ones you \
refer to most."""

INTRODUCTION_REPLY = """Welcome, @{handle}! Your housing background will be a real \
strength: so many conversations start with a tenancy or a bill.

Do look at the *Local services and resources* category, and come along to the next \
regional learning event."""

QUESTION = """How do you support someone who has become isolated after a bereavement, \
but says they are "not a groups person"?

I have offered a walking group and a bereavement café. Neither felt right to them. \
What has worked for you?"""

ANSWER = """Something that has worked for me: start with **one person, not a group**.

1. A befriending service: a regular visit or call from the same volunteer.
2. Once trust builds, a small activity with a clear purpose (a community garden, a \
repair café) rather than a "social" group.
3. Go along with them the first time if you can.

Our CCG keeps a list of befriending services in the *Local services and resources* \
category."""

THANKS = """Thank you, that is really helpful. I had not thought of framing it as a \
purpose rather than a social group. I will try the befriending service first."""

LOCAL_SERVICES = """A reminder of where to find what our CCG funds:

- **Befriending**: telephone and home-visit befriending for adults who are isolated.
- **Community transport**: door-to-door journeys for people who cannot use buses.
- **Debt and benefits advice**: appointments at several GP surgeries each week.

Ask in this thread if a service is missing or its details have changed."""


def _person(prefix: str, region: Region) -> User | None:
    return User.objects.filter(email=f"{prefix}.{region.slug}@example.org").first()


def seed_forum_conversations() -> None:
    """Idempotent: a region whose forums already have threads is left alone."""
    for region in Region.objects.regional():
        worker = _person("linkworker", region)
        coordinator = _person("coordinator", region)
        lead = _person("ccglead", region)
        if not (worker and coordinator and lead):
            continue
        with tenant_context(region), transaction.atomic():
            if Thread.objects.exists():
                continue
            _seed_region(region, worker=worker, coordinator=coordinator, lead=lead)


def _seed_region(region: Region, *, worker: User, coordinator: User, lead: User) -> None:
    def category(slug: str) -> Category:
        return Category.objects.get(slug=slug)

    subscription_follow(worker, category=category("peer-support"))
    welcome = thread_start(
        author=coordinator,
        category=category("learning-events"),
        title=f"Welcome to the {region.name} forums: please read first",
        body=WELCOME.format(region=region.name),
    )
    Thread.objects.filter(pk=welcome.pk).update(pinned=True)

    pcn = worker.pcn.name if worker.pcn else "my PCN"
    hello = thread_start(
        author=worker,
        category=category("introductions"),
        title=f"Hello from {pcn}",
        body=INTRODUCTION.format(pcn=pcn),
    )
    post_reply(
        author=coordinator,
        thread_id=hello.pk,
        body=INTRODUCTION_REPLY.format(handle=worker.email.split("@")[0]),
    )

    question = thread_start(
        author=worker,
        category=category("peer-support"),
        title="Isolated after a bereavement, but not a groups person",
        body=QUESTION,
    )
    answer = post_reply(author=lead, thread_id=question.pk, body=ANSWER)
    helpful_mark(user=worker, post_id=answer.pk)
    post_reply(author=worker, thread_id=question.pk, body=THANKS)

    thread_start(
        author=lead,
        category=category("local-services"),
        title="Services our CCG funds, and where to find them",
        body=LOCAL_SERVICES,
    )
