"""Demo webinars and learning events, so the schedule, "My webinars", the manage pages
and the feedback summary all have something to show.

- "Welcome webinar" (national): one session a month, from two months ago to five
  months ahead, so the schedule always has sessions to come.
- "Themed webinars 2026/27" (national): one theme a fortnight or so. The first has
  happened, with its recording, slides, attendance and feedback.
- "North West learning events": a peer support morning in person, and a small online
  learning circle that is full.
- The North West demo link worker (linkworker.north-west@example.org) attended the
  past themed webinar, has a place on the next welcome webinar and is first on the
  waiting list for the full learning circle. The region's other demo link workers
  (seeded with the training demo) fill the places around them.

Rows are written directly, not through the services: those refuse sessions in the
past and would email everyone. They keep the services' rules all the same: never
more people with places than places, a waiting list only on a full session,
attendance and feedback only from people who had a place. Idempotent: series are
found by slug and sessions by series and title, and a session that exists is left as
it is, so running it again (even months later) only adds the months to come.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from learning.accounts.models import User
from learning.regions.models import Region
from webinars.enums import AttendanceSource, RegistrationStatus, Theme
from webinars.models import Attendance, Feedback, Registration, Series, Session

from .directory import DEMO_COHORT_LINK_WORKERS
from .training import cohort_email

UK = ZoneInfo(settings.TIME_ZONE)
TEAMS = "https://teams.microsoft.com/l/meetup-join/demo-{slug}"
MEDIA = "https://media.example.org/link-worker-network/{slug}"

WELCOME = "welcome-webinar"
THEMED = "themed-webinars-2026-27"
NORTH_WEST_EVENTS = "north-west-learning-events"

SERIES = {
    WELCOME: (
        "Welcome webinar",
        "A monthly welcome for link workers new to a primary care network: what social "
        "prescribing is for, how the role fits the practice team, and the support and "
        "learning the network offers in your first months.",
        None,
    ),
    THEMED: (
        "Themed webinars 2026/27",
        "Lunchtime webinars on the needs link workers meet most often, each with a "
        "practitioner or partner organisation and time for questions.",
        None,
    ),
    NORTH_WEST_EVENTS: (
        "North West learning events",
        "Peer support and learning for link workers across the North West, run by the "
        "region's learning coordinator, online and in person.",
        "north-west",
    ),
}


@dataclass(frozen=True)
class Planned:
    series: str
    title: str
    theme: str
    description: str
    speakers: str
    day: date
    start: time
    minutes: int
    capacity: int
    online: bool = True
    location: str = ""


WELCOME_DESCRIPTION = (
    "For link workers in their first weeks. We cover who social prescribing helps (people "
    "with long-term conditions, people who are lonely or isolated, people whose mental "
    "health or complex social needs affect their wellbeing), the routes people are "
    "referred by, from GP practices and pharmacies to housing associations and self-"
    "referral, and how 'what matters to me' conversations shape your work. There is "
    "time to meet other new link workers and to ask about the induction pack, "
    "supervision and the accredited training."
)

THEMES = [
    # (days from today, theme, title, description, speakers)
    (
        -21,
        Theme.LONELINESS,
        "Loneliness and isolation: finding the people who do not come forward",
        "Loneliness rarely arrives as a referral reason. We look at the signs practice "
        "teams notice, how to open a conversation about it without labelling anyone, and "
        "how link workers have helped community groups welcome people who find a first "
        "visit hard.",
        "Helen Marsh, community development worker; Dev Raman, link worker",
    ),
    (
        12,
        Theme.MONEY,
        "Money, debt and benefits: a first conversation",
        "Money worries sit behind many GP appointments. How to ask about them, what a "
        "link worker can do in the first meeting, and when and how to hand over to debt "
        "advice and welfare rights services so that no one is passed around.",
        "Amira Khan, debt adviser; Joe Barton, welfare rights officer",
    ),
    (
        26,
        Theme.MENTAL_HEALTH,
        "Supporting people's mental health alongside clinical care",
        "Where social prescribing fits next to talking therapies and community mental "
        "health teams, agreeing what you will and will not hold, and looking after "
        "yourself when conversations are heavy. With time to share what has worked.",
        "Dr Nia Roberts, clinical psychologist; Sam Clarke, peer support worker",
    ),
    (
        40,
        Theme.HOUSING,
        "Housing problems: damp, rent arrears and the risk of losing a home",
        "How housing affects health, what local authority housing teams and housing "
        "associations can do, and how to refer early, before arrears or disrepair become "
        "a crisis.",
        "Lena Fischer, housing options officer",
    ),
    (
        54,
        Theme.ACTIVITY,
        "Getting active: walking groups, gardening and more",
        "Helping people who have not exercised for years take a first step, with local "
        "walking groups, green gyms and community gardening, and working with leisure "
        "providers so that activities stay open and affordable.",
        "Tom Aldridge, active communities lead",
    ),
    (
        68,
        Theme.CARERS,
        "Carers: recognising them and what support they can ask for",
        "Many carers do not see themselves as carers. Spotting them, carers' assessments "
        "and breaks, and the local carers' organisations link workers refer to.",
        "Grace Oduya, carers' centre manager",
    ),
]


def _uk(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=UK)


def _midweek(day: date) -> date:
    """The first Tuesday, Wednesday or Thursday on or after `day`: no weekend webinars."""
    while day.weekday() not in (1, 2, 3):
        day += timedelta(days=1)
    return day


def _first_wednesday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(2 - first.weekday()) % 7)


def _months(today: date, start: int, end: int):
    for offset in range(start, end + 1):
        index = today.year * 12 + today.month - 1 + offset
        yield index // 12, index % 12 + 1


def _plan(today: date) -> list[Planned]:
    plan = [
        Planned(
            series=WELCOME,
            title=f"Welcome webinar: {day:%B %Y}",
            theme=Theme.WELCOME,
            description=WELCOME_DESCRIPTION,
            speakers="Nadia Osei, national social prescribing team; a link worker in their second year",
            day=day,
            start=time(10),
            minutes=90,
            capacity=150,
        )
        for day in (_first_wednesday(y, m) for y, m in _months(today, -2, 5))
    ]
    plan += [
        Planned(
            series=THEMED,
            title=title,
            theme=theme,
            description=description,
            speakers=speakers,
            day=_midweek(today + timedelta(days=days)),
            start=time(13),
            minutes=60,
            capacity=100,
        )
        for days, theme, title, description, speakers in THEMES
    ]
    plan += [
        Planned(
            series=NORTH_WEST_EVENTS,
            title="Peer support morning: Greater Manchester",
            theme=Theme.PRACTICE,
            description="A morning with other link workers from across Greater Manchester: "
            "bring a situation you are stuck on, hear how others support community groups "
            "to stay open, and meet the voluntary organisations presenting on the day. "
            "Tea and coffee provided.",
            speakers="Priya Nair, North West learning coordinator",
            day=_midweek(today + timedelta(days=9)),
            start=time(9, 30),
            minutes=180,
            capacity=25,
            online=False,
            location="The Beacon Community Centre, 12 Mill Lane, Manchester",
        ),
        Planned(
            series=NORTH_WEST_EVENTS,
            title="Learning circle: measuring what matters to people",
            theme=Theme.EVIDENCE,
            description="A small online group using the Common Outcomes Framework: what "
            "to record after a conversation, how to show the difference support made, and "
            "what commissioners ask for. Places are few, so everyone can take part.",
            speakers="Priya Nair, North West learning coordinator",
            day=_midweek(today + timedelta(days=16)),
            start=time(14),
            minutes=90,
            capacity=6,
        ),
    ]
    return plan


def demo_series(slug: str) -> Series | None:
    """A demo series, made if need be: the induction pack's "attend the welcome
    webinar" step points at one before the sessions are seeded. None when its
    region does not exist."""
    title, description, region_slug = SERIES[slug]
    region = Region.objects.regional().filter(slug=region_slug).first() if region_slug else None
    if region_slug and region is None:
        return None
    series, _ = Series.objects.get_or_create(
        slug=slug, defaults={"title": title, "description": description, "region": region}
    )
    return series


def _series(created: dict[str, Series]) -> None:
    for slug in SERIES:
        series = demo_series(slug)
        if series is not None:
            created[slug] = series


def _session(planned: Planned, series: Series, by: User | None) -> Session:
    starts_at = _uk(planned.day, planned.start)
    session, _ = Session.objects.get_or_create(
        series=series,
        title=planned.title,
        defaults={
            "description": planned.description,
            "speakers": planned.speakers,
            "theme": planned.theme,
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(minutes=planned.minutes),
            "join_url": TEAMS.format(slug=f"{series.slug}-{planned.day:%Y%m%d}")
            if planned.online
            else "",
            "location": planned.location,
            "capacity": planned.capacity,
            "region": series.region,
            "created_by": by,
        },
    )
    return session


def _ask(session: Session, person: User, *, hours_before: int) -> Registration:
    """A place if one is free, else the waiting list, as `registration_create` decides;
    someone already on the session keeps what they have."""
    existing = Registration.objects.filter(session=session, user=person).first()
    if existing is not None:
        return existing
    taken = session.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    asked = min(session.starts_at, timezone.now()) - timedelta(hours=hours_before)
    return Registration.objects.create(
        session=session,
        user=person,
        status=RegistrationStatus.REGISTERED
        if taken < session.capacity
        else RegistrationStatus.WAITING,
        queued_at=asked,
    )


PAST_FEEDBACK = [
    (5, "The examples of opening a conversation about loneliness were really useful."),
    (4, "Good session. I would have liked more time for questions."),
    (5, ""),
]


def attend_demo_welcome_webinar(person: User) -> None:
    """A demo link worker far enough into their induction came to the latest past
    welcome webinar: their place and attendance, which completes the induction's
    "attend the welcome webinar" step as recording attendance does."""
    from induction.services import webinar_steps_complete

    series = demo_series(WELCOME)
    today = timezone.localdate()
    past = [
        planned for planned in _plan(today) if planned.series == WELCOME and planned.day < today
    ]
    if series is None or not past:
        return
    national = User.objects.filter(email="national@example.org").first()
    session = _session(max(past, key=lambda planned: planned.day), series, national)
    registration = _ask(session, person, hours_before=24 * 7)
    if registration.status != RegistrationStatus.REGISTERED:
        return
    Attendance.objects.get_or_create(
        session=session,
        user=person,
        defaults={"source": AttendanceSource.UPLOAD, "minutes": 58, "recorded_by": national},
    )
    webinar_steps_complete(series_id=series.pk, user_ids=[person.pk])


def _people(by_email: dict[str, User | None], names: list[str]) -> list[User]:
    return [by_email[cohort_email(name)] for name in names if by_email.get(cohort_email(name))]


@transaction.atomic
def seed_demo_webinars() -> None:
    today = timezone.localdate()
    series: dict[str, Series] = {}
    _series(series)
    national = User.objects.filter(email="national@example.org").first()
    coordinator = User.objects.filter(email="coordinator.north-west@example.org").first()
    sessions = {}
    for planned in _plan(today):
        if planned.series not in series:
            continue
        by = coordinator if planned.series == NORTH_WEST_EVENTS else national
        sessions[planned.title] = _session(planned, series[planned.series], by)

    worker = User.objects.filter(email="linkworker.north-west@example.org").first()
    names = DEMO_COHORT_LINK_WORKERS["north-west"]
    by_email = {
        user.email: user
        for user in User.objects.filter(email__in=[cohort_email(name) for name in names])
    }
    colleagues = _people(by_email, names)
    if worker is None:
        return

    # The past themed webinar: its recording and slides, who came, what they thought.
    past = sessions.get(THEMES[0][2])
    if past is not None and past.has_ended():
        if not (past.recording_url or past.slides_url):
            past.recording_url = MEDIA.format(slug="loneliness-recording")
            past.slides_url = MEDIA.format(slug="loneliness-slides.pdf")
            past.save(update_fields=["recording_url", "slides_url", "updated_at"])
        attendees = [worker, *colleagues[:3]]
        for hours, person in enumerate([*attendees, *colleagues[3:4]], start=1):
            _ask(past, person, hours_before=24 * 5 + hours)
        for person in attendees:
            if Registration.objects.filter(
                session=past, user=person, status=RegistrationStatus.REGISTERED
            ).exists():
                Attendance.objects.get_or_create(
                    session=past,
                    user=person,
                    defaults={
                        "source": AttendanceSource.MARKED,
                        "minutes": 60,
                        "recorded_by": national,
                    },
                )
        for person, (rating, comment) in zip(colleagues[:3], PAST_FEEDBACK, strict=False):
            if Attendance.objects.filter(session=past, user=person).exists():
                Feedback.objects.get_or_create(
                    session=past, user=person, defaults={"rating": rating, "comment": comment}
                )

    # A place on the next welcome webinar, with a few colleagues.
    next_welcome = (
        Session.objects.filter(series=series[WELCOME]).upcoming().order_by("starts_at").first()
    )
    if next_welcome is not None:
        for hours, person in enumerate([*colleagues[4:6], worker], start=1):
            _ask(next_welcome, person, hours_before=48 - hours)

    # The learning circle is full: colleagues took every place, so the demo link
    # worker waits, first in line.
    circle = sessions.get("Learning circle: measuring what matters to people")
    if circle is not None and not circle.has_started():
        for hours, person in enumerate([*colleagues[: circle.capacity], worker]):
            _ask(circle, person, hours_before=72 - hours)
